/* refscope-memory-chart.c: memory over a recording. The arenas the
 * allocator holds are drawn as a grey area behind the bytes in use, so that
 * the gap a `del` leaves (freed memory kept for reuse, not returned to the
 * system) is plain to see; live objects are a line on an axis of their own. */
#include "refscope-memory-chart.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Arena bytes (and the peak) this much above the bytes in use earn the
 * caption. */
#define HELD_RATIO 1.5
/* Room above the highest value, for its dot. */
#define HEADROOM 1.08
#define TICK_GAP 4.0
#define BAND_GAP 18.0
#define PLOT_MIN_HEIGHT 160

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

G_DEFINE_FINAL_TYPE (RefscopeMemoryChart, refscope_memory_chart, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_STEP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Adwaita's palette: a lighter shade where the background is dark. */
static GdkRGBA
series_colour (Series series)
{
  static const char *const light[N_SERIES] = { "#e66100", "#1c71d8", "#9a9996" };
  static const char *const dark[N_SERIES] = { "#ffa348", "#78aeed", "#77767b" };
  gboolean is_dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, is_dark ? dark[series] : light[series]);
  return rgba;
}

static void
set_source (cairo_t *cr, const GdkRGBA *rgba, double alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

static char *
format_number (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

static char *
format_bytes (gint64 value)
{
  return g_format_size ((guint64) MAX (value, 0));
}

/* A round step (1, 2, 2.5 or 5 times a power of ten) that cuts max into at
 * most n parts. */
static double
nice_step (double max, int n)
{
  double raw = MAX (max, 1) / n;
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * magnitude;
}

/* Sampling */

static void
clear_samples (RefscopeMemoryChart *self)
{
  self->sampled = FALSE;
  g_array_set_size (self->samples, 0);
  self->max_objects = 0;
  self->max_bytes = 0;
  self->n_steps = 0;
}

/* Called with the read lock held. */
static void
sample (RefscopeMemoryChart *self, const TraceTimeline *timeline)
{
  guint n_steps = trace_timeline_n_steps (timeline);
  guint n = (guint) MIN ((guint64) n_steps + 1, REFSCOPE_MEMORY_CHART_MAX_SAMPLES);

  clear_samples (self);
  self->sampled = TRUE;
  self->n_steps = n_steps;
  g_array_set_size (self->samples, n);
  for (guint i = 0; i < n; i++)
    {
      Sample *s = &g_array_index (self->samples, Sample, i);
      TraceStepInfo info;

      /* Steps run from 0 to n_steps; the first and last are always kept. */
      s->step = n == 1 ? 0 : (guint) ((guint64) i * n_steps / (n - 1));
      trace_timeline_step_info (timeline, s->step, &info);
      s->objects = info.live_objects;
      s->bytes = info.live_bytes;
      s->arena = info.arena_bytes;
      self->max_objects = MAX (self->max_objects, s->objects);
      self->max_bytes = MAX (self->max_bytes, MAX (s->bytes, s->arena));
    }
}

/* The summary */

static void
set_value (RefscopeMemoryChart *self, guint which, char *text)
{
  gtk_label_set_text (self->values[which], text);
  g_free (text);
}

static void
update (RefscopeMemoryChart *self)
{
  gboolean held;

  self->dirty = FALSE;
  memset (&self->stats, 0, sizeof self->stats);
  if (self->recording != NULL)
    {
      refscope_recording_read_lock (self->recording);
      if (!self->sampled || self->n_steps != trace_timeline_n_steps (self->recording->timeline))
        sample (self, self->recording->timeline);
      if (self->cursor == NULL)
        self->cursor = trace_cursor_new (self->recording->timeline);
      trace_cursor_seek_step (self->cursor, self->step);
      self->stats = *trace_heap_stats (trace_cursor_heap (self->cursor));
      refscope_recording_read_unlock (self->recording);
    }
  else
    clear_samples (self);

  if (self->recording != NULL)
    {
      g_autofree char *step = format_number (self->step);
      g_autofree char *heading = g_strdup_printf (_("At Step %s"), step);

      gtk_label_set_text (self->step_heading, heading);
      set_value (self, VALUE_OBJECTS, format_number (self->stats.live_objects));
      set_value (self, VALUE_BYTES, format_bytes (self->stats.live_bytes));
      set_value (self, VALUE_ARENAS, format_number (self->stats.arenas));
      set_value (self, VALUE_ARENA_BYTES, format_bytes (self->stats.arena_bytes));
      set_value (self, VALUE_PEAK_OBJECTS, format_number (self->stats.peak_objects));
      set_value (self, VALUE_PEAK_BYTES, format_bytes (self->stats.peak_bytes));
    }
  else
    {
      gtk_label_set_text (self->step_heading, _("At This Step"));
      for (guint i = 0; i < N_VALUES; i++)
        gtk_label_set_text (self->values[i], "—");
    }

  /* Only once something was freed: an arena is mostly empty at the start
   * too, but nothing was returned to it then. */
  held = self->recording != NULL
         && (double) self->stats.arena_bytes > HELD_RATIO * (double) self->stats.live_bytes
         && (double) self->stats.peak_bytes > HELD_RATIO * (double) self->stats.live_bytes;
  gtk_widget_set_visible (self->caption, held);
  gtk_widget_queue_draw (self->plot);
}

void
refscope_memory_chart_show (RefscopeMemoryChart *self, RefscopeRecording *recording, guint step)
{
  g_return_if_fail (REFSCOPE_IS_MEMORY_CHART (self));

  if (recording != self->recording)
    {
      g_clear_pointer (&self->cursor, trace_cursor_free);
      g_clear_pointer (&self->recording, refscope_recording_unref);
      clear_samples (self);
      if (recording != NULL)
        self->recording = refscope_recording_ref (recording);
    }
  self->step = step;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
  else
    self->dirty = TRUE;
}

guint
refscope_memory_chart_get_n_samples (RefscopeMemoryChart *self)
{
  g_return_val_if_fail (REFSCOPE_IS_MEMORY_CHART (self), 0);
  return self->samples->len;
}

guint
refscope_memory_chart_get_sample_step (RefscopeMemoryChart *self, guint i)
{
  g_return_val_if_fail (REFSCOPE_IS_MEMORY_CHART (self), 0);
  g_return_val_if_fail (i < self->samples->len, 0);
  return g_array_index (self->samples, Sample, i).step;
}

/* Drawing */

static PangoLayout *
small_layout (GtkWidget *widget, const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
text_size (PangoLayout *layout, double *width, double *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/* Draws text with its anchor (0 left/top … 1 right/bottom) at x, y. */
static void
draw_text (cairo_t *cr, PangoLayout *layout, double x, double y, double ax, double ay)
{
  double w, h;

  text_size (layout, &w, &h);
  cairo_move_to (cr, round (x - ax * w), round (y - ay * h));
  pango_cairo_show_layout (cr, layout);
}

/* The steps across the plots. */
typedef struct
{
  double left, right;
  guint n_steps;
} Frame;

/* One of the two stacked plots: its place and its value axis. */
typedef struct
{
  double top, bottom;
  double max;                   /* the value at top */
  double tick;                  /* between labelled grid lines */
  guint n_ticks;
  gboolean bytes;               /* labelled in bytes, or as counts */
} Band;

static double
frame_x (const Frame *f, guint step)
{
  if (f->n_steps == 0)
    return f->left;
  return f->left + (f->right - f->left) * step / f->n_steps;
}

static void
band_init (Band *band, gint64 max, gboolean bytes, int parts)
{
  band->max = MAX (max, 1) * HEADROOM;
  band->bytes = bytes;
  band->tick = nice_step (band->max, parts);
  /* Objects come whole: 2.5 becomes 3. */
  if (!bytes)
    band->tick = MAX (1, ceil (band->tick));
  band->n_ticks = (guint) floor (band->max / band->tick);
}

static double
band_y (const Band *band, double value)
{
  return band->bottom - (band->bottom - band->top) * value / band->max;
}

static char *
band_label (const Band *band, guint i)
{
  gint64 value = (gint64) (band->tick * i);

  if (value == 0)
    return g_strdup ("0");
  return band->bytes ? format_bytes (value) : format_number (value);
}

static double
band_label_width (const Band *band, GtkWidget *widget, double *height)
{
  double widest = 0, w;

  for (guint i = 0; i <= band->n_ticks; i++)
    {
      g_autofree char *text = band_label (band, i);
      g_autoptr (PangoLayout) layout = small_layout (widget, text);
      text_size (layout, &w, height);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
draw_band_grid (const Band *band, const Frame *f, cairo_t *cr, GtkWidget *widget,
                const GdkRGBA *fg)
{
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i <= band->n_ticks; i++)
    {
      double y = round (band_y (band, band->tick * i)) + 0.5;
      g_autofree char *text = band_label (band, i);
      g_autoptr (PangoLayout) layout = small_layout (widget, text);

      set_source (cr, fg, i == 0 ? 0.3 : 0.1);
      cairo_move_to (cr, f->left, y);
      cairo_line_to (cr, f->right, y);
      cairo_stroke (cr);
      set_source (cr, fg, 0.6);
      draw_text (cr, layout, f->left - TICK_GAP, y, 1, 0.5);
    }
}

/* A series as a line with the area under it filled. */
static void
draw_series (RefscopeMemoryChart *self, cairo_t *cr, const Frame *f, const Band *band,
             Series series, double fill_alpha, double line_width)
{
  GdkRGBA colour = series_colour (series);

  for (guint i = 0; i < self->samples->len; i++)
    {
      const Sample *s = &g_array_index (self->samples, Sample, i);
      double value = series == SERIES_ARENA ? s->arena
                     : series == SERIES_BYTES ? s->bytes
                                              : s->objects;
      cairo_line_to (cr, frame_x (f, s->step), band_y (band, value));
    }
  cairo_set_line_width (cr, line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  set_source (cr, &colour, 1);
  cairo_stroke_preserve (cr);
  cairo_line_to (cr, f->right, band->bottom);
  cairo_line_to (cr, f->left, band->bottom);
  cairo_close_path (cr);
  set_source (cr, &colour, fill_alpha);
  cairo_fill (cr);
}

/* The first and last step, and round ones between where they fit. */
static void
draw_step_labels (const Frame *f, double y, cairo_t *cr, GtkWidget *widget, const GdkRGBA *fg)
{
  double step = MAX (1, nice_step (MAX (f->n_steps, 1), 3));
  double last_right = -G_MAXDOUBLE, end_w, w, h;
  g_autofree char *end_text = format_number (f->n_steps);
  g_autoptr (PangoLayout) end = small_layout (widget, end_text);

  text_size (end, &end_w, &h);
  set_source (cr, fg, 0.6);
  for (double s = 0; s < f->n_steps; s += step)
    {
      g_autofree char *text = format_number ((gint64) s);
      g_autoptr (PangoLayout) layout = small_layout (widget, text);
      double x = frame_x (f, (guint) s);
      double ax = s == 0 ? 0 : 0.5;

      text_size (layout, &w, &h);
      if (x - ax * w < last_right + 12 || x + (1 - ax) * w > f->right - end_w - 12)
        continue;
      draw_text (cr, layout, x, y, ax, 0);
      last_right = x + (1 - ax) * w;
    }
  if (f->n_steps > 0)
    draw_text (cr, end, f->right, y, 1, 0);
}

static void
draw_dot (cairo_t *cr, double x, double y, Series series, const GdkRGBA *ring)
{
  GdkRGBA colour = series_colour (series);

  cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
  set_source (cr, &colour, 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  set_source (cr, ring, 1);
  cairo_stroke (cr);
}

/* Two plots over the same steps: bytes above, where the arenas (an area)
 * and the bytes in use (a line over its own area) share an axis so that
 * the gap between them is the memory held but unused; live objects below. */
static void
plot_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  RefscopeMemoryChart *self = data;
  GtkWidget *widget = GTK_WIDGET (area);
  GdkRGBA fg, background;
  Frame f = { 0 };
  Band bytes, objects;
  double label_h = 0, avail, x;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* The window's background, which rings the dots. */
  gdk_rgba_parse (&background,
                  adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "#242424"
                                                                                : "#fafafa");

  if (self->samples->len == 0)
    {
      g_autoptr (PangoLayout) layout = small_layout (widget, _("Nothing recorded yet"));
      set_source (cr, &fg, 0.55);
      draw_text (cr, layout, width / 2.0, height / 2.0, 0.5, 0.5);
      return;
    }

  band_init (&bytes, self->max_bytes, TRUE, 4);
  band_init (&objects, self->max_objects, FALSE, 2);
  f.n_steps = self->n_steps;
  f.left = MAX (band_label_width (&bytes, widget, &label_h),
                band_label_width (&objects, widget, &label_h))
           + TICK_GAP;
  /* Room for the last step's label and the dots on the right edge. */
  f.right = width - 6;
  avail = height - label_h - TICK_GAP - ceil (label_h / 2) - BAND_GAP;
  if (f.right - f.left < 40 || avail < 90)
    return;
  bytes.top = ceil (label_h / 2);
  bytes.bottom = round (bytes.top + avail * 0.62);
  objects.top = bytes.bottom + BAND_GAP;
  objects.bottom = height - label_h - TICK_GAP;
  self->plot_left = f.left;
  self->plot_right = f.right;

  draw_band_grid (&bytes, &f, cr, widget, &fg);
  draw_band_grid (&objects, &f, cr, widget, &fg);
  draw_step_labels (&f, objects.bottom + TICK_GAP, cr, widget, &fg);

  cairo_save (cr);
  cairo_rectangle (cr, f.left, 0, f.right - f.left, height);
  cairo_clip (cr);
  draw_series (self, cr, &f, &bytes, SERIES_ARENA, 0.35, 1);
  draw_series (self, cr, &f, &bytes, SERIES_BYTES, 0.3, 2);
  draw_series (self, cr, &f, &objects, SERIES_OBJECTS, 0.2, 1.5);
  cairo_restore (cr);

  cairo_set_line_width (cr, 1);
  if (self->hover_x >= f.left && self->hover_x <= f.right)
    {
      x = round (self->hover_x) + 0.5;
      set_source (cr, &fg, 0.25);
      cairo_move_to (cr, x, bytes.top);
      cairo_line_to (cr, x, objects.bottom);
      cairo_stroke (cr);
    }

  /* The step shown, with its exact values (the samples may skip it). */
  x = round (frame_x (&f, MIN (self->step, f.n_steps))) + 0.5;
  set_source (cr, &fg, 0.8);
  cairo_move_to (cr, x, bytes.top);
  cairo_line_to (cr, x, objects.bottom);
  cairo_stroke (cr);
  draw_dot (cr, x, band_y (&bytes, self->stats.arena_bytes), SERIES_ARENA, &background);
  draw_dot (cr, x, band_y (&bytes, self->stats.live_bytes), SERIES_BYTES, &background);
  draw_dot (cr, x, band_y (&objects, self->stats.live_objects), SERIES_OBJECTS, &background);
}

static gboolean
step_at (RefscopeMemoryChart *self, double x, guint *step)
{
  double span = self->plot_right - self->plot_left;

  if (self->samples->len == 0 || span <= 0)
    return FALSE;
  *step = (guint) round (CLAMP ((x - self->plot_left) / span, 0, 1) * self->n_steps);
  return TRUE;
}

static void
plot_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, gpointer data)
{
  RefscopeMemoryChart *self = data;
  guint step;

  if (step_at (self, x, &step))
    g_signal_emit (self, signals[SIGNAL_STEP_ACTIVATED], 0, step);
}

static void
plot_motion_cb (GtkEventControllerMotion *motion, double x, double y, gpointer data)
{
  RefscopeMemoryChart *self = data;

  self->hover_x = x;
  gtk_widget_queue_draw (self->plot);
}

static void
plot_leave_cb (GtkEventControllerMotion *motion, gpointer data)
{
  RefscopeMemoryChart *self = data;

  self->hover_x = -1;
  gtk_widget_queue_draw (self->plot);
}

static gboolean
plot_query_tooltip_cb (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                       gpointer data)
{
  RefscopeMemoryChart *self = data;
  g_autofree char *step_text = NULL, *objects = NULL, *bytes = NULL, *arena = NULL, *text = NULL;
  TraceStepInfo info;
  guint step;

  if (keyboard || self->recording == NULL || !step_at (self, x, &step))
    return FALSE;
  refscope_recording_read_lock (self->recording);
  trace_timeline_step_info (self->recording->timeline, step, &info);
  refscope_recording_read_unlock (self->recording);

  step_text = format_number (step);
  objects = format_number (info.live_objects);
  bytes = format_bytes (info.live_bytes);
  arena = format_bytes (info.arena_bytes);
  /* TRANSLATORS: the chart's tooltip at a step */
  text = g_strdup_printf (_("Step %s\n%s live objects\n%s in use\n%s in arenas"), step_text,
                          objects, bytes, arena);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The summary: the values at the step, and the legend. */

static void
swatch_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  GdkRGBA colour = series_colour (GPOINTER_TO_INT (data));

  cairo_rectangle (cr, 0, 0, width, height);
  set_source (cr, &colour, GPOINTER_TO_INT (data) == SERIES_OBJECTS ? 1 : 0.8);
  cairo_fill (cr);
}

static GtkWidget *
summary_cell (RefscopeMemoryChart *self, guint which, const char *name, int series)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *value = gtk_label_new ("0");

  if (series >= 0)
    {
      GtkWidget *swatch = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw,
                                      GINT_TO_POINTER (series), NULL);
      gtk_box_append (GTK_BOX (header), swatch);
      self->swatches[series] = swatch;
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_add_css_class (value, "heading");
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (box), value);
  gtk_widget_set_hexpand (box, TRUE);
  self->values[which] = GTK_LABEL (value);
  return box;
}

/* The summary's cells, two by row; the series' colours make it the legend. */
static const struct
{
  guint value;
  const char *name;
  int series;
} summary[N_VALUES] = {
  { VALUE_OBJECTS, N_("Live objects"), SERIES_OBJECTS },
  { VALUE_BYTES, N_("Bytes in use"), SERIES_BYTES },
  { VALUE_ARENA_BYTES, N_("Arena bytes"), SERIES_ARENA },
  { VALUE_ARENAS, N_("Arenas"), -1 },
  { VALUE_PEAK_OBJECTS, N_("Peak objects"), -1 },
  { VALUE_PEAK_BYTES, N_("Peak bytes"), -1 },
};

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
dark_changed_cb (RefscopeMemoryChart *self)
{
  gtk_widget_queue_draw (self->plot);
  for (guint i = 0; i < N_SERIES; i++)
    gtk_widget_queue_draw (self->swatches[i]);
}

GtkWidget *
refscope_memory_chart_new (void)
{
  return g_object_new (REFSCOPE_TYPE_MEMORY_CHART, NULL);
}

static void
refscope_memory_chart_map (GtkWidget *widget)
{
  RefscopeMemoryChart *self = REFSCOPE_MEMORY_CHART (widget);

  GTK_WIDGET_CLASS (refscope_memory_chart_parent_class)->map (widget);
  if (self->dirty)
    update (self);
}

static void
refscope_memory_chart_dispose (GObject *object)
{
  RefscopeMemoryChart *self = REFSCOPE_MEMORY_CHART (object);
  GtkWidget *child;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->cursor, trace_cursor_free);
  g_clear_pointer (&self->recording, refscope_recording_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (refscope_memory_chart_parent_class)->dispose (object);
}

static void
refscope_memory_chart_finalize (GObject *object)
{
  RefscopeMemoryChart *self = REFSCOPE_MEMORY_CHART (object);

  g_array_unref (self->samples);
  G_OBJECT_CLASS (refscope_memory_chart_parent_class)->finalize (object);
}

static void
refscope_memory_chart_class_init (RefscopeMemoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = refscope_memory_chart_dispose;
  object_class->finalize = refscope_memory_chart_finalize;
  widget_class->map = refscope_memory_chart_map;

  signals[SIGNAL_STEP_ACTIVATED]
    = g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "memorychart");
}

static void
refscope_memory_chart_init (RefscopeMemoryChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (widget);
  GtkWidget *grid = gtk_grid_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->samples = g_array_new (FALSE, TRUE, sizeof (Sample));
  self->hover_x = -1;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_widget_set_margin_top (widget, 12);
  gtk_widget_set_margin_bottom (widget, 18);

  self->step_heading = GTK_LABEL (heading_new (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->step_heading), widget);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < N_VALUES; i++)
    gtk_grid_attach (GTK_GRID (grid),
                     summary_cell (self, summary[i].value, _(summary[i].name), summary[i].series),
                     i % 2, i / 2, 1, 1);
  gtk_widget_set_parent (grid, widget);

  gtk_widget_set_parent (heading_new (_("Over the Run")), widget);
  self->plot = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->plot, TRUE);
  gtk_widget_set_size_request (self->plot, -1, PLOT_MIN_HEIGHT);
  gtk_widget_set_cursor_from_name (self->plot, "pointer");
  gtk_widget_set_has_tooltip (self->plot, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->plot), plot_draw, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Memory over the run"), -1);
  g_signal_connect (self->plot, "query-tooltip", G_CALLBACK (plot_query_tooltip_cb), self);
  g_signal_connect (click, "pressed", G_CALLBACK (plot_pressed_cb), self);
  gtk_widget_add_controller (self->plot, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (plot_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (plot_leave_cb), self);
  gtk_widget_add_controller (self->plot, motion);
  gtk_widget_set_parent (self->plot, widget);

  self->caption = gtk_label_new (_("Freed memory returns to the allocator's arenas, not to the "
                                   "system, so the process stays this big."));
  gtk_label_set_wrap (GTK_LABEL (self->caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->caption), 0);
  gtk_widget_add_css_class (self->caption, "dim-label");
  gtk_widget_set_visible (self->caption, FALSE);
  gtk_widget_set_parent (self->caption, widget);

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (dark_changed_cb), self);
  update (self);
}
