/* refscope-memory-chart-plot.c: the memory chart's cairo drawing: the two
 * stacked plots over the run, and the legend's swatches. */
#include "refscope-memory-chart-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

/* Room above the highest value, for its dot. */
#define HEADROOM 1.08
#define TICK_GAP 4.0
#define BAND_GAP 18.0

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
  return band->bytes ? refscope_memory_chart_format_bytes (value)
                     : refscope_memory_chart_format_number (value);
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
  g_autofree char *end_text = refscope_memory_chart_format_number (f->n_steps);
  g_autoptr (PangoLayout) end = small_layout (widget, end_text);

  text_size (end, &end_w, &h);
  set_source (cr, fg, 0.6);
  for (double s = 0; s < f->n_steps; s += step)
    {
      g_autofree char *text = refscope_memory_chart_format_number ((gint64) s);
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
void
refscope_memory_chart_plot_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height,
                                 gpointer data)
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

void
refscope_memory_chart_swatch_draw (GtkDrawingArea *area, cairo_t *cr, int width, int height,
                                   gpointer data)
{
  GdkRGBA colour = series_colour (GPOINTER_TO_INT (data));

  cairo_rectangle (cr, 0, 0, width, height);
  set_source (cr, &colour, GPOINTER_TO_INT (data) == SERIES_OBJECTS ? 1 : 0.8);
  cairo_fill (cr);
}
