/* refscope-memory-chart-private.h: what the memory chart's widget
 * (refscope-memory-chart.c) and its drawing (refscope-memory-chart-plot.c) share. */
#pragma once

#include "refscope-memory-chart.h"

G_BEGIN_DECLS

typedef struct
{
  guint step;
  gint64 objects;
  gint64 bytes;
  gint64 arena;
} Sample;

typedef enum
{
  SERIES_OBJECTS,
  SERIES_BYTES,
  SERIES_ARENA,
  N_SERIES
} Series;

enum
{
  VALUE_OBJECTS,
  VALUE_BYTES,
  VALUE_ARENAS,
  VALUE_ARENA_BYTES,
  VALUE_PEAK_OBJECTS,
  VALUE_PEAK_BYTES,
  N_VALUES
};

struct _RefscopeMemoryChart
{
  GtkWidget parent_instance;

  GtkLabel *step_heading;
  GtkLabel *values[N_VALUES];
  GtkWidget *swatches[N_SERIES];
  GtkWidget *plot;
  GtkWidget *caption;

  RefscopeRecording *recording;
  TraceCursor *cursor;          /* on recording's timeline */
  guint step;
  gboolean dirty;               /* show() came while unmapped */
  TraceHeapStats stats;         /* at step */

  /* The series, sampled once per recording and number of steps. */
  gboolean sampled;
  guint n_steps;
  GArray *samples;              /* of Sample, by step */
  gint64 max_objects;
  gint64 max_bytes;             /* of both byte series */

  /* Where the last drawing put the plot, to map clicks to steps. */
  double plot_left;
  double plot_right;
  double hover_x;               /* < 0: none */
};

/* refscope-memory-chart.c */
char *refscope_memory_chart_format_number (gint64 value);
char *refscope_memory_chart_format_bytes (gint64 value);

/* refscope-memory-chart-plot.c: GtkDrawingArea draw functions; data is the
 * chart for the plot, the Series for a swatch. */
void refscope_memory_chart_plot_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height,
                                      gpointer data);
void refscope_memory_chart_swatch_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height,
                                        gpointer data);

G_END_DECLS
