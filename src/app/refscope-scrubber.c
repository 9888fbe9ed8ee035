/* refscope-scrubber.c: the timeline's track. Each pixel column shows the
 * steps it stands for at once: a tick coloured by the oldest generation
 * collected there, and a bar as tall as the objects it freed (on a log
 * scale). */
#include "refscope-scrubber.h"

#include <glib/gi18n.h>
#include <math.h>

#define PAD 10.0      /* the handle's radius: the track starts and ends this far in */

struct _RefscopeScrubber
{
  GtkWidget parent_instance;
  const RefscopeTimelineMarks *marks;
  guint n_steps;
  guint step;
};

G_DEFINE_FINAL_TYPE (RefscopeScrubber, refscope_scrubber, GTK_TYPE_WIDGET)

enum
{
  STEP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
x_of_step (RefscopeScrubber *self, double step)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD;

  return PAD + (self->n_steps > 0 ? step / self->n_steps : 0) * width;
}

static guint
step_at (RefscopeScrubber *self, double x)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * PAD;
  double t = width > 0 ? (x - PAD) / width : 0;

  return (guint) CLAMP (round (t * self->n_steps), 0, self->n_steps);
}

/* Generation colours as the canvas's legend has them. */
static void
set_generation_colour (cairo_t *cr, gint generation)
{
  static const double colours[3][3] = {
    { 0.34, 0.71, 0.91 }, /* sky blue */
    { 0.90, 0.62, 0.00 }, /* orange */
    { 0.80, 0.47, 0.65 }, /* reddish purple */
  };
  generation = CLAMP (generation, 0, 2);
  cairo_set_source_rgb (cr, colours[generation][0], colours[generation][1],
                        colours[generation][2]);
}

static void
refscope_scrubber_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RefscopeScrubber *self = REFSCOPE_SCRUBBER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double mid = height / 2.0;
  GdkRGBA fg;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The track. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.18);
  cairo_rectangle (cr, PAD, mid - 2, width - 2 * PAD, 4);
  cairo_fill (cr);
  if (self->n_steps > 0)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.45);
      cairo_rectangle (cr, PAD, mid - 2, x_of_step (self, self->step) - PAD, 4);
      cairo_fill (cr);
    }
  /* Marks, one pixel column at a time. */
  if (self->marks != NULL && self->n_steps > 0)
    {
      double track = width - 2 * PAD;
      for (int column = 0; column < (int) track; column++)
        {
          RefscopeMarkBucket bucket;
          double first = column / track * self->n_steps;
          double last = (column + 1) / track * self->n_steps;
          guint a = (guint) ceil (first), b = (guint) ceil (last) - 1;

          if (column == 0)
            a = 0;
          if (b < a || a > self->n_steps)
            continue;
          refscope_timeline_marks_bucket (self->marks, a, MIN (b, self->n_steps), &bucket);
          /* Only the collector's frees get a bar: every statement frees its
           * own compiled code at refcount 0, which would mark every step.
           * The canvas shows refcount frees as ghosts. */
          if (bucket.collector_frees > 0)
            {
              double h = MIN (mid - 4, 2 + 2 * log2 (1 + (double) bucket.collector_frees));
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
              cairo_rectangle (cr, PAD + column, mid + 3, 1, h);
              cairo_fill (cr);
            }
          if (bucket.max_generation >= 0)
            {
              set_generation_colour (cr, bucket.max_generation);
              cairo_rectangle (cr, PAD + column - 1, 2, 3, mid - 4);
              cairo_fill (cr);
            }
          if (bucket.errors > 0)
            {
              cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
              cairo_arc (cr, PAD + column + 0.5, mid, 4, 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }
    }
  /* The handle. */
  if (self->n_steps > 0 || self->marks != NULL)
    {
      double x = x_of_step (self, self->step);
      cairo_arc (cr, x, mid, PAD - 3, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
refscope_scrubber_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                           int *minimum, int *natural, int *minimum_baseline,
                           int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    *minimum = *natural = 34;
}

static void
activate_at (RefscopeScrubber *self, double x)
{
  guint step = step_at (self, x);

  if (self->n_steps == 0)
    return;
  refscope_scrubber_set_step (self, step);
  g_signal_emit (self, signals[STEP_ACTIVATED], 0, step);
}

static void
on_pressed (GtkGestureClick *gesture, int n_press, double x, double y, RefscopeScrubber *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  activate_at (self, x);
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, RefscopeScrubber *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  activate_at (self, x + dx);
}

static gboolean
on_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
        RefscopeScrubber *self)
{
  guint step = self->step;
  guint page = MAX (1, self->n_steps / 10);

  switch (keyval)
    {
    case GDK_KEY_Left:
      step = step > 0 ? step - 1 : 0;
      break;
    case GDK_KEY_Right:
      step = MIN (step + 1, self->n_steps);
      break;
    case GDK_KEY_Page_Up:
      step = step > page ? step - page : 0;
      break;
    case GDK_KEY_Page_Down:
      step = MIN (step + page, self->n_steps);
      break;
    case GDK_KEY_Home:
      step = 0;
      break;
    case GDK_KEY_End:
      step = self->n_steps;
      break;
    default:
      return FALSE;
    }
  refscope_scrubber_set_step (self, step);
  g_signal_emit (self, signals[STEP_ACTIVATED], 0, step);
  return TRUE;
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  RefscopeScrubber *self = REFSCOPE_SCRUBBER (widget);
  guint step = keyboard ? self->step : step_at (self, x);
  g_autoptr (GString) text = g_string_new (NULL);
  RefscopeMarkBucket bucket;

  if (self->n_steps == 0)
    return FALSE;
  g_string_printf (text, _("Step %u"), step);
  if (self->marks != NULL)
    {
      refscope_timeline_marks_bucket (self->marks, step, step, &bucket);
      if (bucket.collections > 0)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text,
                                  ngettext ("%u collection (oldest: generation %d)",
                                               "%u collections (oldest: generation %d)",
                                               bucket.collections),
                                  bucket.collections, bucket.max_generation);
        }
      if (bucket.frees > 0)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text,
                                  ngettext ("%u object freed", "%u objects freed",
                                               (gulong) bucket.frees),
                                  (guint) bucket.frees);
        }
    }
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
refscope_scrubber_class_init (RefscopeScrubberClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = refscope_scrubber_snapshot;
  widget_class->measure = refscope_scrubber_measure;
  widget_class->query_tooltip = on_query_tooltip;
  signals[STEP_ACTIVATED] = g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "refscope-scrubber");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
refscope_scrubber_init (RefscopeScrubber *self)
{
  GtkGesture *gesture;
  GtkEventController *controller;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

void
refscope_scrubber_set_marks (RefscopeScrubber *self, const RefscopeTimelineMarks *marks,
                             guint n_steps)
{
  self->marks = marks;
  self->n_steps = n_steps;
  self->step = MIN (self->step, n_steps);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                  (double) n_steps, GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
refscope_scrubber_set_step (RefscopeScrubber *self, guint step)
{
  step = MIN (step, self->n_steps);
  if (step == self->step)
    return;
  self->step = step;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) step, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
refscope_scrubber_get_step (RefscopeScrubber *self)
{
  return self->step;
}
