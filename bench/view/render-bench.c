/* render-bench.c: the whole view pipeline's speed (scene, card sizes,
 * layout, paint) on heaps recorded from generated programs, against its
 * targets:
 *   layout of 10,000 nodes (AUTO)                 <= 3 s
 *   one step of a 1,000-node scene, no relayout   <= 50 ms
 *   PNG export of a 500-node scene                <= 1 s
 * Wall-clock medians, and the median CPU time of this (the only) thread
 * beside them: on a loaded machine the wall clock also counts waiting.
 * Usage: render-bench [--repeat N] */
#include "../bench-clock.h"
#include "../bench-median.h"
#include "painter.h"
#include "../../tests/trace/trace-test.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Paint surfaces bigger than this many pixels are painted scaled down:
 * the canvas never rasterises more than a screenful at a time either. */
#define PAINT_MAX_PIXELS (16.0 * 1024 * 1024)
#define PAINT_MAX_SIDE 32767.0

#define MAX_REPEAT 64

/* A tree of lists of fan-out 4, each holding an int and a str (drawn
 * inline), every tenth also referring to a pseudo-random earlier list and
 * every 25th to its parent (a cycle); the index list is deleted so that
 * about n lists are drawn. Then `extra` statements adding one list each. */
static char *
heap_program (guint n, guint extra)
{
  GString *source = g_string_new (NULL);

  g_string_append_printf (source,
                          "tree = [[0]]\n"
                          "r = 12345\n"
                          "for i in range(1, %u):\n"
                          "    kid = [i, str(i)]\n"
                          "    parent = tree[(i - 1) // 4]\n"
                          "    parent.append(kid)\n"
                          "    if i %% 10 == 0:\n"
                          "        r = (r * 1103515245 + 12345) %% 2147483648\n"
                          "        kid.append(tree[r %% i])\n"
                          "    if i %% 25 == 0:\n"
                          "        kid.append(parent)\n"
                          "    tree.append(kid)\n"
                          "root = tree[0]\n"
                          "del tree, kid, parent\n",
                          n);
  for (guint k = 0; k < extra; k++)
    g_string_append_printf (source, "a%u = [%u, root]\n", k, k);
  return g_string_free (source, FALSE);
}

static TraceTimeline *
record (guint n, guint extra)
{
  g_autofree char *source = heap_program (n, extra);
  int status;
  TraceTimeline *timeline = trace_test_record (source, 1024, &status);

  if (status != 0)
    g_error ("the generated program for %u nodes exited with status %d", n, status);
  return timeline;
}

typedef BenchTiming Timing;

/* Runs of one measurement, reduced to medians (each column on its own). */
typedef struct
{
  double walls[MAX_REPEAT], cpus[MAX_REPEAT];
  guint n;
} Runs;

static void
runs_add (Runs *runs, Timing timing)
{
  runs->walls[runs->n] = timing.wall;
  runs->cpus[runs->n] = timing.cpu;
  runs->n++;
}

static Timing
runs_median (Runs *runs)
{
  return (Timing){ bench_median (runs->walls, runs->n), bench_median (runs->cpus, runs->n) };
}

static char *
format_seconds (double seconds)
{
  if (seconds < 0.01)
    return g_strdup_printf ("%8.3f ms", seconds * 1000);
  return seconds < 1 ? g_strdup_printf ("%8.1f ms", seconds * 1000)
                     : g_strdup_printf ("%8.2f s ", seconds);
}

static void
print_row (const char *what, Runs *runs, const char *target)
{
  Timing timing = runs_median (runs);
  g_autofree char *wall = format_seconds (timing.wall);
  g_autofree char *cpu = format_seconds (timing.cpu);

  printf ("  %-40s %s %s   %s\n", what, wall, cpu, target);
}

/* The scale that keeps a width x height drawing within the paint limits. */
static double
paint_scale (double width, double height)
{
  double scale = 1;

  if (width * height > PAINT_MAX_PIXELS)
    scale = sqrt (PAINT_MAX_PIXELS / (width * height));
  scale = MIN (scale, PAINT_MAX_SIDE / MAX (width, 1));
  return MIN (scale, PAINT_MAX_SIDE / MAX (height, 1));
}

/* Scene, sizes, layout and paint of the last step of a heap of about n
 * nodes, each timed, repeat times. */
static void
bench_pipeline (guint n, guint repeat)
{
  TraceTimeline *timeline = record (n, 0);
  guint step = trace_timeline_n_steps (timeline);
  Runs scene_runs = { 0 }, measure_runs = { 0 }, layout_runs = { 0 }, paint_runs = { 0 },
       total_runs = { 0 }, record_runs = { 0 };
  guint n_nodes = 0, n_edges = 0;
  int pixel_width = 0, pixel_height = 0;
  double scale = 1;
  char what[80];

  for (guint r = 0; r < repeat; r++)
    {
      BenchClock start = bench_clock_now ();
      BenchClock part = start;
      ViewScene *scene = view_scene_build (timeline, step, step - 1, NULL);
      Timing scene_time = bench_clock_since (&part), measure_time, layout_time, paint_time;
      ViewSizes *sizes;
      ViewLayout *layout;
      cairo_surface_t *surface;
      cairo_t *cr;
      double width, height;

      part = bench_clock_now ();
      sizes = view_card_measure (scene);
      measure_time = bench_clock_since (&part);
      part = bench_clock_now ();
      layout = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_AUTO);
      layout_time = bench_clock_since (&part);

      /* The surface's making counts: a canvas allocates one too. */
      part = bench_clock_now ();
      view_paint_extent (scene, layout, NULL, &width, &height);
      scale = paint_scale (width, height);
      pixel_width = (int) ceil (width * scale);
      pixel_height = (int) ceil (height * scale);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      view_paint (cr, scene, layout, NULL);
      cairo_surface_flush (surface);
      paint_time = bench_clock_since (&part);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        g_error ("painting %u nodes: %s", n, cairo_status_to_string (cairo_status (cr)));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      runs_add (&total_runs, bench_clock_since (&start));

      /* The same drawing recorded, not rasterised: the painter's own share
       * (walking the scene, shaping text) apart from the pixels'. */
      part = bench_clock_now ();
      surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (surface);
      view_paint (cr, scene, layout, NULL);
      runs_add (&record_runs, bench_clock_since (&part));
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      runs_add (&scene_runs, scene_time);
      runs_add (&measure_runs, measure_time);
      runs_add (&layout_runs, layout_time);
      runs_add (&paint_runs, paint_time);
      n_nodes = scene->n_nodes;
      n_edges = scene->n_edges;
      view_layout_unref (layout);
      view_sizes_free (sizes);
      view_scene_unref (scene);
    }

  printf ("about %u nodes: %u drawn, %u arrows (step %u), drawing %.0fx%.0f pt\n", n, n_nodes,
          n_edges, step, pixel_width / scale, pixel_height / scale);
  print_row ("view_scene_build", &scene_runs, "");
  print_row ("view_card_measure", &measure_runs, "");
  g_snprintf (what, sizeof what, "view_layout_compute, AUTO (%s)",
              n_nodes <= VIEW_LAYOUT_DOT_MAX_NODES ? "dot" : "fast");
  print_row (what, &layout_runs,
             n_nodes <= VIEW_LAYOUT_DOT_MAX_NODES ? "target <= 0.5 s (dot at 1,500)"
                                                  : "target <= 3 s");
  g_snprintf (what, sizeof what, "view_paint, %dx%d px (scale %.2f)", pixel_width, pixel_height,
              scale);
  print_row (what, &paint_runs, "");
  print_row ("total", &total_runs, "");
  print_row ("(view_paint to a recording surface)", &record_runs, "");
  trace_timeline_free (timeline);
}

/* Steps of a 1,000-node heap that each add one list: the scene at k + 1
 * laid out against the layout of step k. */
static void
bench_steps (guint repeat)
{
  TraceTimeline *timeline = record (1000, repeat + 1);
  guint last = trace_timeline_n_steps (timeline);
  Runs runs = { 0 };
  guint moved = 0, kept = 0, n_nodes = 0, added = 0;
  double step_max = 0;
  char what[80];

  for (guint r = 0; r < repeat; r++)
    {
      guint step = last - repeat + r;
      ViewScene *before = view_scene_build (timeline, step - 1, step - 2, NULL);
      ViewSizes *before_sizes = view_card_measure (before);
      ViewLayout *before_layout
          = view_layout_compute (before, before_sizes, NULL, VIEW_LAYOUT_AUTO);
      BenchClock start = bench_clock_now ();
      ViewScene *scene = view_scene_build (timeline, step, step - 1, NULL);
      ViewSizes *sizes = view_card_measure (scene);
      ViewLayout *layout = view_layout_compute (scene, sizes, before_layout, VIEW_LAYOUT_AUTO);
      Timing timing = bench_clock_since (&start);

      runs_add (&runs, timing);
      step_max = MAX (step_max, timing.wall);
      for (guint i = 0; i < before_layout->n_nodes; i++)
        {
          const ViewBox *was = &before_layout->boxes[i];
          const ViewBox *now = view_layout_find (layout, before_layout->ids[i]);

          if (now == NULL)
            continue;
          kept++;
          if (now->x != was->x || now->y != was->y)
            moved++;
        }
      n_nodes = scene->n_nodes;
      for (guint i = 0; i < scene->n_nodes; i++)
        if (view_layout_find (before_layout, scene->nodes[i].id) == NULL)
          added++;
      view_layout_unref (layout);
      view_sizes_free (sizes);
      view_scene_unref (scene);
      view_layout_unref (before_layout);
      view_sizes_free (before_sizes);
      view_scene_unref (before);
    }

  printf ("one step of a %u-node scene (a list added), with the previous layout\n", n_nodes);
  g_snprintf (what, sizeof what, "build + measure + layout (max %.1f ms)", step_max * 1000);
  print_row (what, &runs, "target <= 50 ms");
  printf ("  %-40s %8u of %u (%u nodes new in all)\n", "old nodes moved", moved, kept, added);
  trace_timeline_free (timeline);
}

/* view_export of a ~500-node scene to a PNG at scale 1. */
static void
bench_export (guint repeat)
{
  TraceTimeline *timeline = record (500, 0);
  guint step = trace_timeline_n_steps (timeline);
  g_autoptr (ViewScene) scene = view_scene_build (timeline, step, step - 1, NULL);
  g_autoptr (ViewSizes) sizes = view_card_measure (scene);
  g_autoptr (ViewLayout) layout = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_AUTO);
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("render-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  GStatBuf stat_buf = { 0 };
  double width, height;
  Runs runs = { 0 };

  if (folder == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (folder, "scene.png", NULL);
  for (guint r = 0; r < repeat; r++)
    {
      BenchClock start = bench_clock_now ();

      if (!view_export (scene, layout, NULL, VIEW_EXPORT_PNG, 1.0, NULL, path, &error))
        g_error ("export: %s", error->message);
      runs_add (&runs, bench_clock_since (&start));
    }
  view_paint_extent (scene, layout, NULL, &width, &height);
  g_stat (path, &stat_buf);
  printf ("PNG export of a %u-node scene (%.0fx%.0f px, %.1f MB)\n", scene->n_nodes, width,
          height, stat_buf.st_size / 1e6);
  print_row ("view_export, scale 1", &runs, "target <= 1 s");
  g_unlink (path);
  g_rmdir (folder);
  trace_timeline_free (timeline);
}

int
main (int argc, char **argv)
{
  const guint sizes[] = { 100, 1000, 10000 };
  guint repeat = 5;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--repeat") == 0 && i + 1 < argc)
        {
          int value = atoi (argv[++i]);

          repeat = CLAMP (value, 1, MAX_REPEAT);
        }
      else
        {
          fprintf (stderr, "usage: %s [--repeat N]\n", argv[0]);
          return 2;
        }
    }

  printf ("render-bench: medians of %u runs\n", repeat);
  printf ("  %-40s %11s %11s\n", "", "wall", "cpu");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    bench_pipeline (sizes[s], repeat);
  bench_steps (repeat);
  bench_export (repeat);
  return 0;
}
