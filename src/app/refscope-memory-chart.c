/* refscope-memory-chart.c: memory over a recording. The arenas the
 * allocator holds are drawn as a grey area behind the bytes in use, so that
 * the gap a `del` leaves (freed memory kept for reuse, not returned to the
 * system) is plain to see; live objects are a line on an axis of their own.
 * This file holds the widget, its sampling and its summary; the drawing is in
 * refscope-memory-chart-plot.c. */
#include "refscope-memory-chart-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Arena bytes (and the peak) this much above the bytes in use earn the
 * caption. */
#define HELD_RATIO 1.5
#define PLOT_MIN_HEIGHT 160

G_DEFINE_FINAL_TYPE (RefscopeMemoryChart, refscope_memory_chart, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_STEP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
refscope_memory_chart_format_number (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

char *
refscope_memory_chart_format_bytes (gint64 value)
{
  return g_format_size ((guint64) MAX (value, 0));
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
      g_autofree char *step = refscope_memory_chart_format_number (self->step);
      g_autofree char *heading = g_strdup_printf (_("At Step %s"), step);

      gtk_label_set_text (self->step_heading, heading);
      set_value (self, VALUE_OBJECTS,
                 refscope_memory_chart_format_number (self->stats.live_objects));
      set_value (self, VALUE_BYTES, refscope_memory_chart_format_bytes (self->stats.live_bytes));
      set_value (self, VALUE_ARENAS, refscope_memory_chart_format_number (self->stats.arenas));
      set_value (self, VALUE_ARENA_BYTES,
                 refscope_memory_chart_format_bytes (self->stats.arena_bytes));
      set_value (self, VALUE_PEAK_OBJECTS,
                 refscope_memory_chart_format_number (self->stats.peak_objects));
      set_value (self, VALUE_PEAK_BYTES,
                 refscope_memory_chart_format_bytes (self->stats.peak_bytes));
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

/* The plot's input */

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

  step_text = refscope_memory_chart_format_number (step);
  objects = refscope_memory_chart_format_number (info.live_objects);
  bytes = refscope_memory_chart_format_bytes (info.live_bytes);
  arena = refscope_memory_chart_format_bytes (info.arena_bytes);
  /* TRANSLATORS: the chart's tooltip at a step */
  text = g_strdup_printf (_("Step %s\n%s live objects\n%s in use\n%s in arenas"), step_text,
                          objects, bytes, arena);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The summary: the values at the step, and the legend. */

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
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), refscope_memory_chart_swatch_draw,
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
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->plot), refscope_memory_chart_plot_draw,
                                  self, NULL);
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
