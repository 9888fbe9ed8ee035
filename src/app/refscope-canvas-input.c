/* refscope-canvas-input.c: the canvas's input: click to select, drag to
 * pan, scroll and pinch to zoom, arrow keys between nodes, and the tooltip. */
#include "refscope-canvas-private.h"

#include <math.h>

#include <glib/gi18n.h>

/* Input. */

static gint
node_at (RefscopeCanvas *self, double widget_x, double widget_y)
{
  double x, y;

  if (self->picture == NULL)
    return -1;
  refscope_camera_to_drawing (self->camera, widget_x, widget_y, &x, &y);
  return view_paint_hit_with (self->picture->scene, self->picture->layout,
                              &self->picture->options, x, y);
}

static void
on_click_pressed (GtkGestureClick *gesture, int n_press, double x, double y,
                  RefscopeCanvas *self)
{
  gint index = node_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  refscope_canvas_set_selected (self, index >= 0 ? self->picture->scene->nodes[index].id : 0);
  if (n_press == 2 && index < 0)
    refscope_canvas_zoom_to_fit (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, RefscopeCanvas *self)
{
  self->drag_x = 0;
  self->drag_y = 0;
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, RefscopeCanvas *self)
{
  refscope_camera_pan (self->camera, dx - self->drag_x, dy - self->drag_y);
  self->drag_x = dx;
  self->drag_y = dy;
  if (fabs (dx) + fabs (dy) > 4)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, RefscopeCanvas *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, RefscopeCanvas *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkModifierType state = gtk_event_controller_get_current_event_state (
      GTK_EVENT_CONTROLLER (controller));
  double x = 0, y = 0;

  /* A touchpad's two-finger scroll pans; a wheel (or Ctrl) zooms. */
  if (event != NULL && gdk_scroll_event_get_direction (event) == GDK_SCROLL_SMOOTH
      && gdk_event_get_device (event) != NULL
      && gdk_device_get_source (gdk_event_get_device (event)) == GDK_SOURCE_TOUCHPAD
      && !(state & GDK_CONTROL_MASK))
    {
      refscope_camera_pan (self->camera, -dx * 20, -dy * 20);
      return TRUE;
    }
  if (event != NULL)
    gdk_event_get_position (event, &x, &y);
  {
    graphene_point_t point;
    GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
    double nx, ny;

    gtk_native_get_surface_transform (native, &nx, &ny);
    if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                  &GRAPHENE_POINT_INIT (x - nx, y - ny), &point))
      {
        x = point.x;
        y = point.y;
      }
  }
  refscope_camera_zoom_at (self->camera, pow (1.15, -dy), x, y);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture *gesture, GdkEventSequence *sequence, RefscopeCanvas *self)
{
  self->pinch_zoom = 1;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture, double scale, RefscopeCanvas *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  refscope_camera_zoom_at (self->camera, scale / self->pinch_zoom, x, y);
  self->pinch_zoom = scale;
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, RefscopeCanvas *self)
{
  gint index = node_at (self, x, y);
  guint64 id = index >= 0 ? self->picture->scene->nodes[index].id : 0;

  if (id != self->hovered)
    {
      self->hovered = id;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller, RefscopeCanvas *self)
{
  if (self->hovered != 0)
    {
      self->hovered = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static char *
describe_generation (gint gen)
{
  if (gen < 0)
    return g_strdup (_("not tracked by the collector"));
  if (gen == 3)
    return g_strdup (_("frozen (permanent generation)"));
  return g_strdup_printf (_("generation %d"), gen);
}

gboolean
refscope_canvas_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard,
                               GtkTooltip *tooltip)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (widget);
  gint index = keyboard ? view_scene_find (self->picture ? self->picture->scene : NULL,
                                           self->selected)
                        : node_at (self, x, y);
  const ViewNode *node;
  g_autoptr (GString) text = g_string_new (NULL);

  if (self->picture == NULL || index < 0)
    return FALSE;
  node = &self->picture->scene->nodes[index];
  {
    g_autofree char *title = g_markup_escape_text (node->title, -1);
    g_string_append_printf (text, "<b>%s</b>", title);
  }
  if (node->kind == VIEW_NODE_FRAME)
    g_string_append_printf (text, "\n%s", _("A frame: its variables refer to objects"));
  else if (node->kind == VIEW_NODE_GHOST && node->ghost_cause != NULL)
    {
      g_autofree char *cause = g_markup_escape_text (node->ghost_cause, -1);
      g_string_append_printf (text, "\n%s", cause);
    }
  else
    {
      g_autofree char *gen = describe_generation (node->gen);
      g_autofree char *refcnt = g_strdup_printf ("%" G_GINT64_FORMAT, node->refcnt);
      g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, node->size);
      g_string_append_c (text, '\n');
      /* Translators: refcount, size in bytes, generation. */
      g_string_append_printf (text, _("refcount %s · %s bytes · %s"), refcnt, size, gen);
      g_string_append_printf (text, "\n0x%" G_GINT64_MODIFIER "x", node->addr);
      if (node->flags & VIEW_NODE_GARBAGE)
        g_string_append_printf (text, "\n<i>%s</i>",
                                _("Garbage: nothing reachable refers to it; only the "
                                  "collector can free it"));
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* The node nearest to the selected one in a direction (dx, dy). */
static gint
neighbour (RefscopeCanvas *self, gint from, int dx, int dy)
{
  const ViewLayout *layout = self->picture->layout;
  const ViewBox *a = &layout->boxes[from];
  double ax = a->x + a->width / 2, ay = a->y + a->height / 2;
  double best = G_MAXDOUBLE;
  gint found = -1;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const ViewBox *b = &layout->boxes[i];
      double bx = b->x + b->width / 2 - ax, by = b->y + b->height / 2 - ay;
      double along = bx * dx + by * dy;
      double across = fabs (bx * dy - by * dx);
      double cost;

      if ((gint) i == from || along <= 1)
        continue;
      cost = along + 2 * across;
      if (cost < best)
        {
          best = cost;
          found = (gint) i;
        }
    }
  return found;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, RefscopeCanvas *self)
{
  int dx = 0, dy = 0;
  gint from;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      refscope_camera_zoom_in (self->camera);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      refscope_camera_zoom_out (self->camera);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      refscope_canvas_zoom_to_fit (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected == 0)
        return FALSE;
      refscope_canvas_set_selected (self, 0);
      return TRUE;
    case GDK_KEY_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
      dy = 1;
      break;
    default:
      return FALSE;
    }
  if (self->picture == NULL || self->picture->scene->n_nodes == 0)
    return FALSE;
  from = view_scene_find (self->picture->scene, self->selected);
  if (from < 0)
    {
      /* Without a selection the arrows pan, as in a map. */
      refscope_camera_pan (self->camera, -dx * 64, -dy * 64);
      return TRUE;
    }
  from = neighbour (self, from, dx, dy);
  if (from >= 0)
    refscope_canvas_set_selected (self, self->picture->scene->nodes[from].id);
  return TRUE;
}

void
refscope_canvas_init_input (RefscopeCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *gesture;
  GtkEventController *controller;

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, controller);
}
