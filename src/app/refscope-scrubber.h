/* refscope-scrubber.h: the timeline's track over every step, with the
 * collections (by generation) and frees marked, and a handle to drag. */
#pragma once

#include <gtk/gtk.h>

#include "timeline-marks.h"

G_BEGIN_DECLS

#define REFSCOPE_TYPE_SCRUBBER (refscope_scrubber_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeScrubber, refscope_scrubber, REFSCOPE, SCRUBBER, GtkWidget)

/* Borrows marks (NULL: none) until the next call. */
void refscope_scrubber_set_marks (RefscopeScrubber *self, const RefscopeTimelineMarks *marks,
                                  guint n_steps);
void refscope_scrubber_set_step (RefscopeScrubber *self, guint step);
guint refscope_scrubber_get_step (RefscopeScrubber *self);

G_END_DECLS
