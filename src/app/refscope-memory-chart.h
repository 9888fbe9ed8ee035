/* refscope-memory-chart.h: the side panel that charts live objects, bytes
 * in use and arena bytes over a whole recording, with the totals at one step. */
#pragma once

#include <gtk/gtk.h>

#include "recording.h"

G_BEGIN_DECLS

#define REFSCOPE_TYPE_MEMORY_CHART (refscope_memory_chart_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeMemoryChart, refscope_memory_chart, REFSCOPE, MEMORY_CHART,
                      GtkWidget)

/* Signals:
 *   "step-activated" (guint step): the user clicked the chart at step. */

/* The most points a series keeps; longer recordings are sampled evenly. */
#define REFSCOPE_MEMORY_CHART_MAX_SAMPLES 2000

GtkWidget *refscope_memory_chart_new (void);

/* Shows recording (NULL: nothing) with step marked. Keeps a reference to
 * recording. The series are sampled again only when the recording or its
 * number of steps changed; the work is put off while the chart is not
 * mapped. */
void refscope_memory_chart_show (RefscopeMemoryChart *self, RefscopeRecording *recording,
                                 guint step);

/* For tests: how many points the series hold now, and the step of one. */
guint refscope_memory_chart_get_n_samples (RefscopeMemoryChart *self);
guint refscope_memory_chart_get_sample_step (RefscopeMemoryChart *self, guint i);

G_END_DECLS
