/* camera.c: RefscopeCamera, the canvas's pan and zoom, with its limits and
 * the interpolation its animations use. */
#include "camera.h"

#include <math.h>

struct _RefscopeCamera
{
  GObject parent_instance;

  double zoom;
  double x, y;
  double viewport_width, viewport_height;
  gboolean has_content;
  double content_x, content_y, content_width, content_height;
  gboolean fit_pending;          /* zoom_to_fit asked before the viewport had a size */
  double fit_margin;
};

G_DEFINE_FINAL_TYPE (RefscopeCamera, refscope_camera, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_X,
  PROP_Y,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_viewport (RefscopeCamera *self)
{
  return self->viewport_width > 0 && self->viewport_height > 0;
}

/* The allowed range of the top-left drawing coordinate on one axis: at
 * least min (margin, content, viewport) pixels of content in view. */
static double
clamp_axis (double position, double zoom, double view, double start, double extent)
{
  double shown = MIN (REFSCOPE_CAMERA_PAN_MARGIN, MIN (extent * zoom, view));
  double lo = start - (view - shown) / zoom;
  double hi = start + extent - shown / zoom;

  /* lo <= hi but for rounding when content fills the viewport exactly. */
  if (hi < lo)
    hi = lo;
  return CLAMP (position, lo, hi);
}

/* Every change goes through here: limits, then one notify per property
 * that moved and one "changed" if any did. */
static void
apply (RefscopeCamera *self, double zoom, double x, double y)
{
  gboolean zoom_moved, x_moved, y_moved;

  if (!isfinite (zoom) || !isfinite (x) || !isfinite (y))
    return;
  zoom = CLAMP (zoom, REFSCOPE_CAMERA_MIN_ZOOM, REFSCOPE_CAMERA_MAX_ZOOM);
  if (self->has_content && has_viewport (self))
    {
      x = clamp_axis (x, zoom, self->viewport_width, self->content_x, self->content_width);
      y = clamp_axis (y, zoom, self->viewport_height, self->content_y, self->content_height);
    }

  zoom_moved = zoom != self->zoom;
  x_moved = x != self->x;
  y_moved = y != self->y;
  if (!zoom_moved && !x_moved && !y_moved)
    return;
  self->zoom = zoom;
  self->x = x;
  self->y = y;

  g_object_freeze_notify (G_OBJECT (self));
  if (zoom_moved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (x_moved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
  if (y_moved)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The top-left that keeps drawing point (px, py) at widget (wx, wy). */
static void
zoom_about (RefscopeCamera *self, double zoom, double wx, double wy)
{
  double px, py;

  zoom = CLAMP (zoom, REFSCOPE_CAMERA_MIN_ZOOM, REFSCOPE_CAMERA_MAX_ZOOM);
  /* At a limit: not even a rounding error's move. */
  if (zoom == self->zoom)
    return;
  refscope_camera_to_drawing (self, wx, wy, &px, &py);
  apply (self, zoom, px - wx / zoom, py - wy / zoom);
}

static void
refscope_camera_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefscopeCamera *self = REFSCOPE_CAMERA (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
refscope_camera_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  RefscopeCamera *self = REFSCOPE_CAMERA (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      self->fit_pending = FALSE;
      zoom_about (self, g_value_get_double (value), self->viewport_width / 2,
                  self->viewport_height / 2);
      break;
    case PROP_X:
      self->fit_pending = FALSE;
      apply (self, self->zoom, g_value_get_double (value), self->y);
      break;
    case PROP_Y:
      self->fit_pending = FALSE;
      apply (self, self->zoom, self->x, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
refscope_camera_class_init (RefscopeCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = refscope_camera_get_property;
  object_class->set_property = refscope_camera_set_property;

  properties[PROP_ZOOM] = g_param_spec_double (
      "zoom", NULL, NULL, REFSCOPE_CAMERA_MIN_ZOOM, REFSCOPE_CAMERA_MAX_ZOOM, 1.0,
      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_X] = g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y] = g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
refscope_camera_init (RefscopeCamera *self)
{
  self->zoom = 1.0;
}

RefscopeCamera *
refscope_camera_new (void)
{
  return g_object_new (REFSCOPE_TYPE_CAMERA, NULL);
}

double
refscope_camera_get_zoom (RefscopeCamera *self)
{
  g_return_val_if_fail (REFSCOPE_IS_CAMERA (self), 1.0);
  return self->zoom;
}

double
refscope_camera_get_x (RefscopeCamera *self)
{
  g_return_val_if_fail (REFSCOPE_IS_CAMERA (self), 0.0);
  return self->x;
}

double
refscope_camera_get_y (RefscopeCamera *self)
{
  g_return_val_if_fail (REFSCOPE_IS_CAMERA (self), 0.0);
  return self->y;
}

void
refscope_camera_set_viewport (RefscopeCamera *self, double width, double height)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  self->viewport_width = MAX (width, 0);
  self->viewport_height = MAX (height, 0);
  if (self->fit_pending && has_viewport (self))
    refscope_camera_zoom_to_fit (self, self->fit_margin);
  else
    apply (self, self->zoom, self->x, self->y);
}

void
refscope_camera_set_content (RefscopeCamera *self, double x, double y, double width,
                             double height)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  self->has_content = TRUE;
  self->content_x = x;
  self->content_y = y;
  self->content_width = MAX (width, 0);
  self->content_height = MAX (height, 0);
  apply (self, self->zoom, self->x, self->y);
}

void
refscope_camera_to_widget (RefscopeCamera *self, double x, double y, double *out_x,
                           double *out_y)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  *out_x = (x - self->x) * self->zoom;
  *out_y = (y - self->y) * self->zoom;
}

void
refscope_camera_to_drawing (RefscopeCamera *self, double x, double y, double *out_x,
                            double *out_y)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  *out_x = x / self->zoom + self->x;
  *out_y = y / self->zoom + self->y;
}

void
refscope_camera_zoom_at (RefscopeCamera *self, double factor, double widget_x, double widget_y)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));
  g_return_if_fail (factor > 0);

  self->fit_pending = FALSE;
  zoom_about (self, self->zoom * factor, widget_x, widget_y);
}

void
refscope_camera_zoom_in (RefscopeCamera *self)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));
  refscope_camera_zoom_at (self, REFSCOPE_CAMERA_ZOOM_STEP, self->viewport_width / 2,
                           self->viewport_height / 2);
}

void
refscope_camera_zoom_out (RefscopeCamera *self)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));
  refscope_camera_zoom_at (self, 1 / REFSCOPE_CAMERA_ZOOM_STEP, self->viewport_width / 2,
                           self->viewport_height / 2);
}

void
refscope_camera_pan (RefscopeCamera *self, double dx, double dy)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  self->fit_pending = FALSE;
  apply (self, self->zoom, self->x - dx / self->zoom, self->y - dy / self->zoom);
}

/* The zoom at which extent fits in view pixels (the cap if it is empty). */
static double
fit_zoom (double zoom, double view, double extent)
{
  return extent > 0 ? MIN (zoom, view / extent) : zoom;
}

void
refscope_camera_zoom_to_fit (RefscopeCamera *self, double margin)
{
  double zoom = REFSCOPE_CAMERA_FIT_MAX_ZOOM;

  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  if (!self->has_content)
    return;
  if (!has_viewport (self))
    {
      self->fit_pending = TRUE;
      self->fit_margin = margin;
      return;
    }
  self->fit_pending = FALSE;
  margin = MAX (margin, 0);
  /* A viewport narrower than its margins still gets a pixel to fit into. */
  zoom = fit_zoom (zoom, MAX (self->viewport_width - 2 * margin, 1), self->content_width);
  zoom = fit_zoom (zoom, MAX (self->viewport_height - 2 * margin, 1), self->content_height);
  zoom = CLAMP (zoom, REFSCOPE_CAMERA_MIN_ZOOM, REFSCOPE_CAMERA_MAX_ZOOM);
  apply (self, zoom, self->content_x + self->content_width / 2 - self->viewport_width / (2 * zoom),
         self->content_y + self->content_height / 2 - self->viewport_height / (2 * zoom));
}

/* The top-left coordinate on one axis that shows [start, start + extent]
 * within margin pixels of the edges, moving as little as possible. */
static double
reveal_axis (double position, double zoom, double view, double margin, double start,
             double extent)
{
  double near = (start - position) * zoom;
  double far = (start + extent - position) * zoom;

  margin = CLAMP (margin, 0, view / 2);
  if (far - near > view - 2 * margin || near < margin)
    return start - margin / zoom;
  if (far > view - margin)
    return start + extent - (view - margin) / zoom;
  return position;
}

void
refscope_camera_ensure_visible (RefscopeCamera *self, double x, double y, double width,
                                double height, double margin)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  if (!has_viewport (self))
    return;
  self->fit_pending = FALSE;
  apply (self, self->zoom,
         reveal_axis (self->x, self->zoom, self->viewport_width, margin, x, MAX (width, 0)),
         reveal_axis (self->y, self->zoom, self->viewport_height, margin, y, MAX (height, 0)));
}

void
refscope_camera_reset (RefscopeCamera *self)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  self->fit_pending = FALSE;
  apply (self, 1.0, self->has_content ? self->content_x : 0,
         self->has_content ? self->content_y : 0);
}

void
refscope_camera_get_state (RefscopeCamera *self, RefscopeCameraState *out)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  out->zoom = self->zoom;
  out->x = self->x;
  out->y = self->y;
}

void
refscope_camera_set_state (RefscopeCamera *self, const RefscopeCameraState *state)
{
  g_return_if_fail (REFSCOPE_IS_CAMERA (self));

  self->fit_pending = FALSE;
  apply (self, state->zoom, state->x, state->y);
}

void
refscope_camera_interpolate (const RefscopeCameraState *from, const RefscopeCameraState *to,
                             double t, RefscopeCameraState *out)
{
  double log_from, log_to, zoom, s;

  if (t <= 0)
    {
      *out = *from;
      return;
    }
  if (t >= 1)
    {
      *out = *to;
      return;
    }
  log_from = log (from->zoom);
  log_to = log (to->zoom);
  zoom = exp (log_from + (log_to - log_from) * t);
  /* With x(t) = x0 + (x1 - x0) s(t) and s as below, the drawing point under
   * widget f = (x1 - x0) / (1/z0 - 1/z1) stays under f all the way: a pure
   * zoom about f, whose on-screen speed is even when the zoom's log is. */
  if (fabs (log_to - log_from) < 1e-9)
    s = t;
  else
    s = (1 / zoom - 1 / from->zoom) / (1 / to->zoom - 1 / from->zoom);
  out->x = from->x + (to->x - from->x) * s;
  out->y = from->y + (to->y - from->y) * s;
  out->zoom = zoom;
}
