/* test-camera.c: RefscopeCamera's conversions, zooming about a point, pan
 * limits, fitting, revealing a rectangle, notifications and interpolation. */
#include "camera.h"

#include <math.h>

#define EPS 1e-9

typedef struct
{
  guint zoom, x, y, changed;
} Counts;

static void
on_notify (GObject *object, GParamSpec *pspec, Counts *counts)
{
  if (g_str_equal (pspec->name, "zoom"))
    counts->zoom++;
  else if (g_str_equal (pspec->name, "x"))
    counts->x++;
  else if (g_str_equal (pspec->name, "y"))
    counts->y++;
}

static void
on_changed (RefscopeCamera *camera, Counts *counts)
{
  counts->changed++;
}

static void
watch (RefscopeCamera *camera, Counts *counts)
{
  g_signal_connect (camera, "notify", G_CALLBACK (on_notify), counts);
  g_signal_connect (camera, "changed", G_CALLBACK (on_changed), counts);
}

static void
assert_counts (const Counts *counts, guint zoom, guint x, guint y, guint changed)
{
  g_assert_cmpuint (counts->zoom, ==, zoom);
  g_assert_cmpuint (counts->x, ==, x);
  g_assert_cmpuint (counts->y, ==, y);
  g_assert_cmpuint (counts->changed, ==, changed);
}

/* How many pixels of [start, start + extent] show in [0, view] on one axis. */
static double
shown (RefscopeCamera *camera, gboolean vertical, double start, double extent, double view)
{
  double a[2], b[2], lo, hi;

  refscope_camera_to_widget (camera, start, start, &a[0], &a[1]);
  refscope_camera_to_widget (camera, start + extent, start + extent, &b[0], &b[1]);
  lo = MAX (a[vertical], 0);
  hi = MIN (b[vertical], view);
  return MAX (hi - lo, 0);
}

static void
test_defaults (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  double zoom, x, y;

  g_object_get (camera, "zoom", &zoom, "x", &x, "y", &y, NULL);
  g_assert_cmpfloat (zoom, ==, 1.0);
  g_assert_cmpfloat (x, ==, 0.0);
  g_assert_cmpfloat (y, ==, 0.0);
  refscope_camera_to_widget (camera, 12.5, -3, &x, &y);
  g_assert_cmpfloat (x, ==, 12.5);
  g_assert_cmpfloat (y, ==, -3);
}

/* The drawing point under the pointer stays under it. */
static void
assert_zoom_at_holds (RefscopeCamera *camera, double factor, double wx, double wy)
{
  double px, py, after_x, after_y;
  double zoom = refscope_camera_get_zoom (camera);

  refscope_camera_to_drawing (camera, wx, wy, &px, &py);
  refscope_camera_zoom_at (camera, factor, wx, wy);
  refscope_camera_to_widget (camera, px, py, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (after_x, wx, EPS);
  g_assert_cmpfloat_with_epsilon (after_y, wy, EPS);
  g_assert_cmpfloat_with_epsilon (
      refscope_camera_get_zoom (camera),
      CLAMP (zoom * factor, REFSCOPE_CAMERA_MIN_ZOOM, REFSCOPE_CAMERA_MAX_ZOOM), EPS);
}

static void
test_zoom_at_invariant (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  /* No content: no pan limits, so the point holds even at the zoom limits. */
  refscope_camera_set_viewport (camera, 800, 600);
  for (guint i = 0; i < 20000; i++)
    {
      /* From time to time a fresh start, so that coordinates stay near the
       * drawing's and the tolerance means the same everywhere. */
      if (i % 64 == 0)
        refscope_camera_set_state (
            camera, &(RefscopeCameraState){ exp (g_rand_double_range (rand, -3, 2)),
                                            g_rand_double_range (rand, -2000, 2000),
                                            g_rand_double_range (rand, -2000, 2000) });
      assert_zoom_at_holds (camera, exp (g_rand_double_range (rand, -1.5, 1.5)),
                          g_rand_double_range (rand, 0, 800), g_rand_double_range (rand, 0, 600));
    }

  /* With content: a point of the content under a pointer away from the
   * viewport's edges never meets the pan limits. */
  refscope_camera_set_content (camera, 0, 0, 4000, 3000);
  for (guint i = 0; i < 20000; i++)
    {
      double zoom = exp (g_rand_double_range (rand, log (REFSCOPE_CAMERA_MIN_ZOOM),
                                              log (REFSCOPE_CAMERA_MAX_ZOOM)));
      double px = g_rand_double_range (rand, 400, 3600), py = g_rand_double_range (rand, 300, 2700);
      double wx = g_rand_double_range (rand, 80, 720), wy = g_rand_double_range (rand, 60, 540);
      RefscopeCameraState state = { zoom, px - wx / zoom, py - wy / zoom };

      refscope_camera_set_state (camera, &state);
      refscope_camera_get_state (camera, &state);
      g_assert_cmpfloat_with_epsilon (state.x, px - wx / zoom, EPS);
      assert_zoom_at_holds (camera, exp (g_rand_double_range (rand, -2, 2)), wx, wy);
    }
}

static void
test_zoom_limits (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  Counts counts = { 0 };

  refscope_camera_set_viewport (camera, 800, 600);
  assert_zoom_at_holds (camera, 1000, 300, 200);
  g_assert_cmpfloat (refscope_camera_get_zoom (camera), ==, REFSCOPE_CAMERA_MAX_ZOOM);
  assert_zoom_at_holds (camera, 1e-6, 10, 590);
  g_assert_cmpfloat (refscope_camera_get_zoom (camera), ==, REFSCOPE_CAMERA_MIN_ZOOM);

  /* At a limit, zooming further changes nothing and says nothing. */
  watch (camera, &counts);
  refscope_camera_zoom_out (camera);
  refscope_camera_zoom_at (camera, 0.5, 123, 45);
  assert_counts (&counts, 0, 0, 0, 0);
  for (guint i = 0; i < 40; i++)
    refscope_camera_zoom_in (camera);
  g_assert_cmpfloat (refscope_camera_get_zoom (camera), ==, REFSCOPE_CAMERA_MAX_ZOOM);
  /* log(8 / 0.05) / log(1.25) = 22.7: the 23rd step reaches the limit. */
  g_assert_cmpuint (counts.zoom, ==, 23);
  g_assert_cmpuint (counts.changed, ==, 23);

  g_object_set (camera, "zoom", REFSCOPE_CAMERA_MAX_ZOOM, NULL);
  assert_counts (&counts, 23, counts.x, counts.y, 23);
}

static void
test_zoom_in_out_centre (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  double px, py, x, y;

  refscope_camera_set_viewport (camera, 640, 480);
  refscope_camera_to_drawing (camera, 320, 240, &px, &py);
  refscope_camera_zoom_in (camera);
  g_assert_cmpfloat_with_epsilon (refscope_camera_get_zoom (camera), 1.25, EPS);
  refscope_camera_to_widget (camera, px, py, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 320, EPS);
  g_assert_cmpfloat_with_epsilon (y, 240, EPS);
  refscope_camera_zoom_out (camera);
  refscope_camera_zoom_out (camera);
  g_assert_cmpfloat_with_epsilon (refscope_camera_get_zoom (camera), 0.8, EPS);
  refscope_camera_to_widget (camera, px, py, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 320, EPS);

  /* The property zooms about the centre too. */
  g_object_set (camera, "zoom", 2.0, NULL);
  refscope_camera_to_widget (camera, px, py, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 320, EPS);
  g_assert_cmpfloat_with_epsilon (y, 240, EPS);
}

static void
test_round_trip (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < 10000; i++)
    {
      RefscopeCameraState state = { exp (g_rand_double_range (rand, -2.9, 2)),
                                    g_rand_double_range (rand, -1e4, 1e4),
                                    g_rand_double_range (rand, -1e4, 1e4) };
      double px = g_rand_double_range (rand, -1e4, 1e4), py = g_rand_double_range (rand, -1e4, 1e4);
      double wx, wy, bx, by;

      refscope_camera_set_state (camera, &state);
      refscope_camera_to_widget (camera, px, py, &wx, &wy);
      g_assert_cmpfloat_with_epsilon (wx, (px - state.x) * state.zoom, 1e-6);
      refscope_camera_to_drawing (camera, wx, wy, &bx, &by);
      g_assert_cmpfloat_with_epsilon (bx, px, 1e-8);
      g_assert_cmpfloat_with_epsilon (by, py, 1e-8);
    }
}

static void
test_pan_limits (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  double x, y;

  refscope_camera_set_viewport (camera, 800, 600);
  refscope_camera_set_content (camera, 0, 0, 1000, 800);

  /* Within the limits a drag moves the drawing exactly with the pointer. */
  refscope_camera_pan (camera, 10, -5);
  g_assert_cmpfloat (refscope_camera_get_x (camera), ==, -10);
  g_assert_cmpfloat (refscope_camera_get_y (camera), ==, 5);

  /* Dragged far right and down: only the margin of content shows, at the
   * viewport's right and bottom. */
  refscope_camera_pan (camera, 1e6, 1e6);
  refscope_camera_to_widget (camera, 0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 800 - REFSCOPE_CAMERA_PAN_MARGIN, EPS);
  g_assert_cmpfloat_with_epsilon (y, 600 - REFSCOPE_CAMERA_PAN_MARGIN, EPS);
  refscope_camera_pan (camera, -1e6, -1e6);
  refscope_camera_to_widget (camera, 1000, 800, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, REFSCOPE_CAMERA_PAN_MARGIN, EPS);
  g_assert_cmpfloat_with_epsilon (y, REFSCOPE_CAMERA_PAN_MARGIN, EPS);

  /* Whatever the drags and zooms, at least the margin stays in view (or
   * all of the content, when it is smaller). */
  for (guint i = 0; i < 5000; i++)
    {
      double zoom;

      if (g_rand_boolean (rand))
        refscope_camera_pan (camera, g_rand_double_range (rand, -3000, 3000),
                             g_rand_double_range (rand, -3000, 3000));
      else
        refscope_camera_zoom_at (camera, exp (g_rand_double_range (rand, -1, 1)),
                                 g_rand_double_range (rand, -100, 900),
                                 g_rand_double_range (rand, -100, 700));
      zoom = refscope_camera_get_zoom (camera);
      g_assert_cmpfloat (shown (camera, FALSE, 0, 1000, 800), >=,
                         MIN (REFSCOPE_CAMERA_PAN_MARGIN, 1000 * zoom) - EPS);
      g_assert_cmpfloat (shown (camera, TRUE, 0, 800, 600), >=,
                         MIN (REFSCOPE_CAMERA_PAN_MARGIN, 800 * zoom) - EPS);
    }

  /* Content smaller than the margin cannot leave the viewport at all. */
  refscope_camera_reset (camera);
  refscope_camera_set_content (camera, 50, 50, 20, 10);
  refscope_camera_pan (camera, 5000, -5000);
  g_assert_cmpfloat_with_epsilon (shown (camera, FALSE, 50, 20, 800), 20, EPS);
  refscope_camera_to_widget (camera, 50, 50, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 780, EPS);
  g_assert_cmpfloat_with_epsilon (y, 0, EPS);

  /* A new, smaller viewport pulls the content back into it. */
  refscope_camera_set_content (camera, 0, 0, 1000, 800);
  refscope_camera_set_state (camera, &(RefscopeCameraState){ 1, -752, 0 });
  g_assert_cmpfloat (refscope_camera_get_x (camera), ==, -752);
  refscope_camera_set_viewport (camera, 400, 300);
  refscope_camera_to_widget (camera, 0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 400 - REFSCOPE_CAMERA_PAN_MARGIN, EPS);
}

static void
test_zoom_to_fit (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  double x0, y0, x1, y1;

  refscope_camera_set_viewport (camera, 800, 600);
  refscope_camera_set_content (camera, 100, 50, 2000, 1000);
  refscope_camera_zoom_to_fit (camera, 24);
  /* Width limits: (800 - 48) / 2000. */
  g_assert_cmpfloat_with_epsilon (refscope_camera_get_zoom (camera), 752.0 / 2000, EPS);
  refscope_camera_to_widget (camera, 100, 50, &x0, &y0);
  refscope_camera_to_widget (camera, 2100, 1050, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 24, EPS);
  g_assert_cmpfloat_with_epsilon (x1, 776, EPS);
  /* Centred: the same space above and below. */
  g_assert_cmpfloat_with_epsilon (y0, 600 - y1, EPS);
  g_assert_cmpfloat (y0, >=, 24);

  /* Height limits. */
  refscope_camera_set_content (camera, -500, -500, 300, 2000);
  refscope_camera_zoom_to_fit (camera, 10);
  g_assert_cmpfloat_with_epsilon (refscope_camera_get_zoom (camera), 580.0 / 2000, EPS);
  refscope_camera_to_widget (camera, -500, -500, &x0, &y0);
  refscope_camera_to_widget (camera, -200, 1500, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (y0, 10, EPS);
  g_assert_cmpfloat_with_epsilon (y1, 590, EPS);
  g_assert_cmpfloat_with_epsilon (x0, 800 - x1, EPS);

  /* A tiny scene is not blown up past 1.5, and sits in the middle. */
  refscope_camera_set_content (camera, 0, 0, 100, 40);
  refscope_camera_zoom_to_fit (camera, 24);
  g_assert_cmpfloat (refscope_camera_get_zoom (camera), ==, REFSCOPE_CAMERA_FIT_MAX_ZOOM);
  refscope_camera_to_widget (camera, 50, 20, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, 400, EPS);
  g_assert_cmpfloat_with_epsilon (y0, 300, EPS);

  /* A huge one stops at the smallest zoom, still centred. */
  refscope_camera_set_content (camera, 0, 0, 1e6, 10);
  refscope_camera_zoom_to_fit (camera, 24);
  g_assert_cmpfloat (refscope_camera_get_zoom (camera), ==, REFSCOPE_CAMERA_MIN_ZOOM);
  refscope_camera_to_widget (camera, 5e5, 5, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, 400, EPS);
  g_assert_cmpfloat_with_epsilon (y0, 300, EPS);
}

static void
test_fit_waits_for_viewport (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  Counts counts = { 0 };
  double x, y;

  watch (camera, &counts);
  refscope_camera_zoom_to_fit (camera, 24);     /* no content: nothing */
  refscope_camera_set_content (camera, 0, 0, 400, 300);
  refscope_camera_zoom_to_fit (camera, 24);     /* no viewport yet */
  assert_counts (&counts, 0, 0, 0, 0);
  refscope_camera_set_viewport (camera, 200, 300);
  g_assert_cmpfloat_with_epsilon (refscope_camera_get_zoom (camera), 152.0 / 400, EPS);
  refscope_camera_to_widget (camera, 200, 150, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 100, EPS);
  g_assert_cmpfloat_with_epsilon (y, 150, EPS);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* Only once: a later resize keeps the camera where it is. */
  refscope_camera_set_viewport (camera, 1000, 1000);
  g_assert_cmpfloat_with_epsilon (refscope_camera_get_zoom (camera), 152.0 / 400, EPS);
}

static void
test_ensure_visible (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  Counts counts = { 0 };
  double x0, y0, x1, y1;

  refscope_camera_set_viewport (camera, 800, 600);
  refscope_camera_set_content (camera, 0, 0, 5000, 5000);
  watch (camera, &counts);

  /* Already in view, margin included: nothing moves, nothing notifies. */
  refscope_camera_ensure_visible (camera, 100, 100, 50, 50, 24);
  refscope_camera_ensure_visible (camera, 24, 24, 752, 552, 24);
  assert_counts (&counts, 0, 0, 0, 0);

  /* Off to the right: only x moves, just enough for the right edge to sit
   * at the margin. */
  refscope_camera_ensure_visible (camera, 1000, 100, 50, 50, 24);
  assert_counts (&counts, 0, 1, 0, 1);
  refscope_camera_to_widget (camera, 1050, 150, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1, 776, EPS);
  g_assert_cmpfloat_with_epsilon (y1, 150, EPS);

  /* Above and to the left: the top-left corner comes to the margin. */
  refscope_camera_ensure_visible (camera, 10, 0, 30, 30, 24);
  refscope_camera_to_widget (camera, 10, 0, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, 24, EPS);
  g_assert_cmpfloat_with_epsilon (y0, 24, EPS);

  /* Below, at another zoom: margin in pixels, the bottom edge at it. */
  refscope_camera_zoom_at (camera, 2, 0, 0);
  refscope_camera_ensure_visible (camera, 100, 2000, 40, 40, 24);
  refscope_camera_to_widget (camera, 100, 2040, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (y1, 576, EPS);
  refscope_camera_to_widget (camera, 100, 2000, &x0, &y0);
  g_assert_cmpfloat (x0, >=, 24 - EPS);

  /* Too wide for the viewport: its start shows. */
  refscope_camera_ensure_visible (camera, 300, 2000, 2000, 10, 24);
  refscope_camera_to_widget (camera, 300, 2000, &x0, &y0);
  g_assert_cmpfloat_with_epsilon (x0, 24, EPS);
}

static void
test_notify (void)
{
  g_autoptr (RefscopeCamera) camera = refscope_camera_new ();
  Counts counts = { 0 };

  refscope_camera_set_viewport (camera, 800, 600);
  watch (camera, &counts);

  refscope_camera_pan (camera, 0, 0);
  refscope_camera_zoom_at (camera, 1, 300, 300);
  refscope_camera_set_viewport (camera, 800, 600);
  refscope_camera_reset (camera);
  g_object_set (camera, "zoom", 1.0, "x", 0.0, NULL);
  assert_counts (&counts, 0, 0, 0, 0);

  refscope_camera_pan (camera, 10, 0);
  assert_counts (&counts, 0, 1, 0, 1);
  /* About the top-left corner only the zoom moves. */
  refscope_camera_zoom_at (camera, 2, 0, 0);
  assert_counts (&counts, 1, 1, 0, 2);
  refscope_camera_zoom_at (camera, 0.5, 100, 100);
  assert_counts (&counts, 2, 2, 1, 3);
  refscope_camera_set_state (camera, &(RefscopeCameraState){ 3, 4, 5 });
  assert_counts (&counts, 3, 3, 2, 4);
  refscope_camera_set_state (camera, &(RefscopeCameraState){ 3, 4, 5 });
  assert_counts (&counts, 3, 3, 2, 4);
  refscope_camera_reset (camera);
  assert_counts (&counts, 4, 4, 3, 5);
  g_assert_cmpfloat (refscope_camera_get_zoom (camera), ==, 1);
  g_assert_cmpfloat (refscope_camera_get_x (camera), ==, 0);

  /* Content that already contains the view changes nothing. */
  refscope_camera_set_content (camera, -100, -100, 2000, 2000);
  assert_counts (&counts, 4, 4, 3, 5);
  refscope_camera_reset (camera);
  g_assert_cmpfloat (refscope_camera_get_x (camera), ==, -100);
  g_assert_cmpfloat (refscope_camera_get_y (camera), ==, -100);
  assert_counts (&counts, 4, 5, 4, 6);
}

static void
test_interpolate (void)
{
  RefscopeCameraState from = { 0.25, -100, 40 }, to = { 4, 300, 90 }, out;
  double fx, fy;

  refscope_camera_interpolate (&from, &to, 0, &out);
  g_assert_true (out.zoom == from.zoom && out.x == from.x && out.y == from.y);
  refscope_camera_interpolate (&from, &to, 1, &out);
  g_assert_true (out.zoom == to.zoom && out.x == to.x && out.y == to.y);
  refscope_camera_interpolate (&from, &to, -2, &out);
  g_assert_true (out.zoom == from.zoom && out.x == from.x);
  refscope_camera_interpolate (&from, &to, 7, &out);
  g_assert_true (out.zoom == to.zoom && out.y == to.y);

  /* Geometric: the midpoint is the geometric mean, and equal steps of t
   * multiply the zoom by equal factors. */
  refscope_camera_interpolate (&from, &to, 0.5, &out);
  g_assert_cmpfloat_with_epsilon (out.zoom, 1.0, 1e-12);
  for (double t = 0; t < 0.95; t += 0.1)
    {
      RefscopeCameraState a, b;
      refscope_camera_interpolate (&from, &to, t, &a);
      refscope_camera_interpolate (&from, &to, t + 0.1, &b);
      g_assert_cmpfloat_with_epsilon (b.zoom / a.zoom, pow (16, 0.1), 1e-9);
    }

  /* The widget point both ends hold still stays still all the way. */
  fx = (to.x - from.x) / (1 / from.zoom - 1 / to.zoom);
  fy = (to.y - from.y) / (1 / from.zoom - 1 / to.zoom);
  for (double t = 0; t <= 1; t += 0.05)
    {
      refscope_camera_interpolate (&from, &to, t, &out);
      g_assert_cmpfloat_with_epsilon (fx / out.zoom + out.x, fx / from.zoom + from.x, 1e-9);
      g_assert_cmpfloat_with_epsilon (fy / out.zoom + out.y, fy / from.zoom + from.y, 1e-9);
    }

  /* Equal zooms: a straight, even pan. */
  to.zoom = from.zoom;
  refscope_camera_interpolate (&from, &to, 0.25, &out);
  g_assert_cmpfloat (out.zoom, ==, from.zoom);
  g_assert_cmpfloat_with_epsilon (out.x, 0, EPS);
  g_assert_cmpfloat_with_epsilon (out.y, 52.5, EPS);

  /* out may be one of the ends. */
  to.zoom = 4;
  out = from;
  refscope_camera_interpolate (&out, &to, 0.5, &out);
  g_assert_cmpfloat_with_epsilon (out.zoom, 1.0, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera/defaults", test_defaults);
  g_test_add_func ("/camera/zoom-at-invariant", test_zoom_at_invariant);
  g_test_add_func ("/camera/zoom-limits", test_zoom_limits);
  g_test_add_func ("/camera/zoom-in-out-centre", test_zoom_in_out_centre);
  g_test_add_func ("/camera/round-trip", test_round_trip);
  g_test_add_func ("/camera/pan-limits", test_pan_limits);
  g_test_add_func ("/camera/zoom-to-fit", test_zoom_to_fit);
  g_test_add_func ("/camera/fit-waits-for-viewport", test_fit_waits_for_viewport);
  g_test_add_func ("/camera/ensure-visible", test_ensure_visible);
  g_test_add_func ("/camera/notify", test_notify);
  g_test_add_func ("/camera/interpolate", test_interpolate);
  return g_test_run ();
}
