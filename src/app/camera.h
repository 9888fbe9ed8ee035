/* camera.h: the canvas's pan and zoom over a drawing measured in points,
 * with the limits that keep the drawing in sight. No widgets: testable alone. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define REFSCOPE_CAMERA_MIN_ZOOM 0.05
#define REFSCOPE_CAMERA_MAX_ZOOM 8.0
/* zoom_to_fit never zooms in further, so a tiny scene is not blown up. */
#define REFSCOPE_CAMERA_FIT_MAX_ZOOM 1.5
/* The factor of one zoom_in or zoom_out (keyboard + and -). */
#define REFSCOPE_CAMERA_ZOOM_STEP 1.25
/* Widget pixels of the drawing that panning always leaves in view. */
#define REFSCOPE_CAMERA_PAN_MARGIN 48.0

/* Where the camera stands: what an animation moves between. */
typedef struct
{
  double zoom;
  double x, y;          /* the drawing point at the viewport's top-left */
} RefscopeCameraState;

#define REFSCOPE_TYPE_CAMERA (refscope_camera_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeCamera, refscope_camera, REFSCOPE, CAMERA, GObject)

/* A drawing point (px, py) shows at widget pixel
 *   ((px - x) * zoom, (py - y) * zoom).
 *
 * Limits, applied after every operation:
 * - zoom stays within [REFSCOPE_CAMERA_MIN_ZOOM, REFSCOPE_CAMERA_MAX_ZOOM];
 * - once the content (the drawing's bounds) and the viewport are known, on
 *   each axis at least min (REFSCOPE_CAMERA_PAN_MARGIN, the content's extent
 *   in pixels, the viewport's extent) pixels of content stay in the viewport.
 *   Content smaller than the viewport may sit anywhere in it (it is not
 *   forced to the centre, so zooming out about the pointer stays smooth);
 *   larger content can be dragged until only the margin shows.
 *
 * Properties "zoom", "x", "y" (double, read-write) notify only when they
 * change; the signal "changed" is emitted once per operation that changed
 * any of them, after the notifications, so the canvas redraws once.
 * Setting "zoom" zooms about the viewport's centre, as zoom_in does. */
RefscopeCamera *refscope_camera_new (void);

double refscope_camera_get_zoom (RefscopeCamera *self);
double refscope_camera_get_x (RefscopeCamera *self);
double refscope_camera_get_y (RefscopeCamera *self);

/* The viewport's size in widget pixels. It keeps its top-left drawing
 * point when resized. If a zoom_to_fit waits for a viewport (asked while
 * the size was 0), it happens now. */
void refscope_camera_set_viewport (RefscopeCamera *self, double width, double height);
/* The drawing's bounds in points; the pan limits follow them. Until set,
 * panning is unlimited. */
void refscope_camera_set_content (RefscopeCamera *self, double x, double y, double width,
                                  double height);

void refscope_camera_to_widget (RefscopeCamera *self, double x, double y, double *out_x,
                                double *out_y);
void refscope_camera_to_drawing (RefscopeCamera *self, double x, double y, double *out_x,
                                 double *out_y);

/* Multiplies the zoom by factor (> 0), keeping the drawing point under
 * (widget_x, widget_y) where it is: wheel and pinch. The zoom is clamped
 * and the point still held; only the pan limits can move it, when the
 * point lies at the content's edge and the pointer at the viewport's. */
void refscope_camera_zoom_at (RefscopeCamera *self, double factor, double widget_x,
                              double widget_y);
/* By REFSCOPE_CAMERA_ZOOM_STEP about the viewport's centre. */
void refscope_camera_zoom_in (RefscopeCamera *self);
void refscope_camera_zoom_out (RefscopeCamera *self);
/* Moves the drawing by (dx, dy) widget pixels, as a drag moves it: the
 * content follows the pointer. */
void refscope_camera_pan (RefscopeCamera *self, double dx, double dy);
/* Fits the content, margin pixels clear on each side, centred, zooming
 * in no further than REFSCOPE_CAMERA_FIT_MAX_ZOOM. Nothing without
 * content; before the viewport has a size, it waits for one. */
void refscope_camera_zoom_to_fit (RefscopeCamera *self, double margin);
/* Pans as little as needed for the drawing rectangle (x, y, width, height)
 * to show with margin pixels clear of the viewport's edges; nothing if it
 * already does. A rectangle too large for the viewport shows from its
 * top-left corner. The zoom is kept. */
void refscope_camera_ensure_visible (RefscopeCamera *self, double x, double y, double width,
                                     double height, double margin);
/* Zoom 1, the content's top-left corner at the viewport's. */
void refscope_camera_reset (RefscopeCamera *self);

/* Animation: read the state before and after an operation, then set
 * interpolated states on each frame. set_state applies the limits. */
void refscope_camera_get_state (RefscopeCamera *self, RefscopeCameraState *out);
void refscope_camera_set_state (RefscopeCamera *self, const RefscopeCameraState *state);
/* The state at t (0: from, 1: to, clamped). The zoom moves geometrically
 * (evenly in log space), and the view moves as a zoom about the one widget
 * point that from and to both hold still, so nothing on screen swerves;
 * with equal zooms, a straight pan. out may be from or to. */
void refscope_camera_interpolate (const RefscopeCameraState *from, const RefscopeCameraState *to,
                                  double t, RefscopeCameraState *out);

G_END_DECLS
