/* layout-bench.c: the layout's speed against its targets, on random
 * heap-like scenes (a tree of containers of fan-out about 4, 10 % more
 * references making cycles, a few frames):
 *   full layout, AUTO, of 10,000 nodes      <= 3 s
 *   dot at AUTO's threshold                 <= 0.5 s
 *   one step (a few nodes added) at 1,000   <= 50 ms, no full relayout
 * Wall-clock medians, and the median CPU time of the laying-out thread
 * beside them: on a loaded machine the wall clock also counts waiting.
 * Usage: layout-bench [--repeat N] [--dot-10k] [--sfdp] */
#include "../bench-clock.h"
#include "../bench-median.h"
#include "layout-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_FRAMES 3

static void
add_edge (GArray *edges, ViewNode *nodes, guint from, guint to)
{
  ViewNode *node = &nodes[from];
  ViewEdge edge = { from, node->n_slots, to, 0 };
  ViewSlot *slot;

  node->slots = g_renew (ViewSlot, node->slots, node->n_slots + 1);
  slot = &node->slots[node->n_slots++];
  *slot = (ViewSlot){ g_strdup_printf ("%u", edge.from_slot), NULL, nodes[to].id, (gint) to };
  g_array_append_val (edges, edge);
}

/* Nodes 0..N_FRAMES-1 are frames; object k (from 0) hangs from object
 * (k - 1) / 4, the roots of the tree from the frames. */
static ViewScene *
heap_scene (guint n, guint seed, ViewSizes **sizes)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  ViewScene *scene = g_new0 (ViewScene, 1);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (ViewEdge));
  guint n_objects = n - N_FRAMES;

  scene->refcount = 1;
  scene->n_nodes = n;
  scene->nodes = g_new0 (ViewNode, n);
  for (guint i = 0; i < n; i++)
    {
      ViewNode *node = &scene->nodes[i];

      node->id = 1000 + i;
      node->kind = i < N_FRAMES ? VIEW_NODE_FRAME : VIEW_NODE_OBJECT;
      node->title = i < N_FRAMES ? g_strdup_printf ("f%u()", i) : g_strdup ("list");
      node->cycle = -1;
    }
  for (guint k = 0; k < n_objects; k++)
    {
      guint from = k == 0 ? 0 : N_FRAMES + (k - 1) / 4;

      add_edge (edges, scene->nodes, from, N_FRAMES + k);
    }
  for (guint f = 1; f < N_FRAMES; f++)
    add_edge (edges, scene->nodes, f, N_FRAMES + g_rand_int_range (rand, 0, (gint) n_objects));
  for (guint e = 0; e < n_objects / 10; e++)
    add_edge (edges, scene->nodes, N_FRAMES + g_rand_int_range (rand, 0, (gint) n_objects),
              N_FRAMES + g_rand_int_range (rand, 0, (gint) n_objects));
  scene->n_edges = edges->len;
  scene->edges = (ViewEdge *) g_array_free (edges, FALSE);

  *sizes = view_sizes_new (n);
  for (guint i = 0; i < n; i++)
    {
      (*sizes)->widths[i] = 80 + g_rand_int_range (rand, 0, 120);
      (*sizes)->heights[i] = 28 + 18.0 * MIN (scene->nodes[i].n_slots, 6);
    }
  return scene;
}

static void
scene_free (ViewScene *scene)
{
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      for (guint s = 0; s < scene->nodes[i].n_slots; s++)
        g_free (scene->nodes[i].slots[s].label);
      g_free (scene->nodes[i].slots);
      g_free (scene->nodes[i].title);
    }
  g_free (scene->nodes);
  g_free (scene->edges);
  g_free (scene);
}

/* The same scene with extra new objects, each referred to by a random
 * object that stood (and the sizes grown to match). */
static ViewScene *
grow_scene (const ViewScene *base, const ViewSizes *base_sizes, guint extra, GRand *rand,
            ViewSizes **sizes)
{
  ViewScene *scene = g_new0 (ViewScene, 1);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (ViewEdge));
  guint n = base->n_nodes + extra;

  scene->refcount = 1;
  scene->n_nodes = n;
  scene->nodes = g_new0 (ViewNode, n);
  for (guint i = 0; i < n; i++)
    {
      ViewNode *node = &scene->nodes[i];

      if (i < base->n_nodes)
        {
          node->id = base->nodes[i].id;
          node->kind = base->nodes[i].kind;
        }
      else
        {
          node->id = 1000000 + i + g_rand_int (rand);
          node->kind = VIEW_NODE_OBJECT;
        }
      node->title = g_strdup ("list");
    }
  for (guint e = 0; e < base->n_edges; e++)
    add_edge (edges, scene->nodes, base->edges[e].from_node, base->edges[e].to_node);
  for (guint i = base->n_nodes; i < n; i++)
    add_edge (edges, scene->nodes,
              N_FRAMES + g_rand_int_range (rand, 0, (gint) (base->n_nodes - N_FRAMES)), i);
  scene->n_edges = edges->len;
  scene->edges = (ViewEdge *) g_array_free (edges, FALSE);

  /* Sizes as before for the nodes that stood: a grown card may move. */
  *sizes = view_sizes_new (n);
  for (guint i = 0; i < n; i++)
    {
      (*sizes)->widths[i] = i < base->n_nodes ? base_sizes->widths[i] : 100;
      (*sizes)->heights[i] = i < base->n_nodes ? base_sizes->heights[i] : 46;
    }
  return scene;
}

/* Median wall-clock and thread CPU seconds of some runs. */
typedef BenchTiming Timing;

static Timing
time_full (guint n, ViewLayoutEngine engine, guint repeat)
{
  double walls[64], cpus[64];

  for (guint r = 0; r < repeat; r++)
    {
      ViewSizes *sizes;
      ViewScene *scene = heap_scene (n, 17 + r, &sizes);
      BenchClock start = bench_clock_now ();
      ViewLayout *layout = view_layout_compute (scene, sizes, NULL, engine);

      {
        BenchTiming t = bench_clock_since (&start);
        walls[r] = t.wall;
        cpus[r] = t.cpu;
      }
      view_layout_unref (layout);
      view_sizes_free (sizes);
      scene_free (scene);
    }
  return (Timing){ bench_median (walls, repeat), bench_median (cpus, repeat) };
}

/* sfdp through the same graph building and reading, for comparison. */
static Timing
time_sfdp (guint n, guint repeat)
{
  double walls[64], cpus[64];

  for (guint r = 0; r < repeat; r++)
    {
      ViewSizes *sizes;
      ViewScene *scene = heap_scene (n, 17 + r, &sizes);
      ViewLayout layout = { n, g_new0 (guint64, n), g_new0 (ViewBox, n) };
      BenchClock start;

      for (guint i = 0; i < n; i++)
        layout.boxes[i] = (ViewBox){ 0, 0, sizes->widths[i], sizes->heights[i] };
      start = bench_clock_now ();
      view_layout_run_graphviz (scene, &layout, "sfdp");
      {
        BenchTiming t = bench_clock_since (&start);
        walls[r] = t.wall;
        cpus[r] = t.cpu;
      }
      g_free (layout.ids);
      g_free (layout.boxes);
      view_sizes_free (sizes);
      scene_free (scene);
    }
  return (Timing){ bench_median (walls, repeat), bench_median (cpus, repeat) };
}

/* Steps of a 1,000-node scene, each adding extra nodes to the one before. */
static Timing
time_steps (guint extra, guint repeat, double *step_max, guint *moved)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  double walls[64], cpus[64];
  ViewSizes *sizes;
  ViewScene *scene = heap_scene (1000, 3, &sizes);
  ViewLayout *layout = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_AUTO);

  *moved = 0;
  *step_max = 0;
  for (guint r = 0; r < repeat; r++)
    {
      ViewSizes *next_sizes;
      ViewScene *next = grow_scene (scene, sizes, extra, rand, &next_sizes);
      BenchClock start = bench_clock_now ();
      ViewLayout *next_layout = view_layout_compute (next, next_sizes, layout, VIEW_LAYOUT_AUTO);

      {
        BenchTiming t = bench_clock_since (&start);
        walls[r] = t.wall;
        cpus[r] = t.cpu;
      }
      *step_max = MAX (*step_max, walls[r]);
      for (guint i = 0; i < layout->n_nodes; i++)
        {
          const ViewBox *before = &layout->boxes[i];
          const ViewBox *after = view_layout_find (next_layout, layout->ids[i]);

          if (after->x != before->x || after->y != before->y)
            (*moved)++;
        }
      view_layout_unref (layout);
      view_sizes_free (sizes);
      scene_free (scene);
      layout = next_layout;
      scene = next;
      sizes = next_sizes;
    }
  view_layout_unref (layout);
  view_sizes_free (sizes);
  scene_free (scene);
  return (Timing){ bench_median (walls, repeat), bench_median (cpus, repeat) };
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
print_row (const char *what, const Timing *timing, const char *target)
{
  g_autofree char *wall = NULL, *cpu = NULL;

  if (timing == NULL)
    {
      printf ("  %-34s %11s %11s   %s\n", what, "skipped", "", target);
      return;
    }
  wall = format_seconds (timing->wall);
  cpu = format_seconds (timing->cpu);
  printf ("  %-34s %s %s   %s\n", what, wall, cpu, target);
}

int
main (int argc, char **argv)
{
  gboolean dot_10k = FALSE, sfdp = FALSE;
  guint repeat = 5;
  const guint sizes[] = { 100, 1000, 10000 };
  double step_max;
  guint moved;
  Timing timing;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--dot-10k") == 0)
        dot_10k = TRUE;
      else if (strcmp (argv[i], "--sfdp") == 0)
        sfdp = TRUE;
      else if (strcmp (argv[i], "--repeat") == 0 && i + 1 < argc)
        {
          int value = atoi (argv[++i]);

          repeat = CLAMP (value, 1, 64);
        }
      else
        {
          fprintf (stderr, "usage: %s [--repeat N] [--dot-10k] [--sfdp]\n", argv[0]);
          return 2;
        }
    }

  printf ("layout-bench: medians of %u runs (dot threshold %u nodes)\n", repeat,
          VIEW_LAYOUT_DOT_MAX_NODES);
  printf ("  %-34s %11s %11s\n", "", "wall", "cpu");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint n = sizes[s];
      /* dot takes tens of seconds at 10,000: once, and only on demand. */
      guint dot_repeat = n >= 10000 ? 1 : repeat;
      char what[64];

      printf ("%u nodes\n", n);
      g_snprintf (what, sizeof what, "full, AUTO (%s)",
                  n <= VIEW_LAYOUT_DOT_MAX_NODES ? "dot" : "fast");
      timing = time_full (n, VIEW_LAYOUT_AUTO, repeat);
      print_row (what, &timing, n <= VIEW_LAYOUT_DOT_MAX_NODES ? "" : "target <= 3 s");
      if (n < 10000 || dot_10k)
        {
          timing = time_full (n, VIEW_LAYOUT_DOT, dot_repeat);
          print_row ("full, DOT", &timing, "");
        }
      else
        print_row ("full, DOT", NULL, "(--dot-10k to run it)");
      timing = time_full (n, VIEW_LAYOUT_FAST, repeat);
      print_row ("full, FAST", &timing, "target <= 3 s");
      if (sfdp)
        {
          timing = time_sfdp (n, n >= 10000 ? 1 : repeat);
          print_row ("full, sfdp (for comparison)", &timing, "");
        }
    }

  printf ("%u nodes, the most AUTO gives dot\n", VIEW_LAYOUT_DOT_MAX_NODES);
  timing = time_full (VIEW_LAYOUT_DOT_MAX_NODES, VIEW_LAYOUT_DOT, repeat);
  print_row ("full, DOT", &timing, "target <= 0.5 s");

  printf ("steps of a 1,000-node scene, with the previous layout\n");
  for (guint extra = 1; extra <= 4; extra *= 2)
    {
      char what[64];

      timing = time_steps (extra, MAX (repeat * 4, 9), &step_max, &moved);
      g_snprintf (what, sizeof what, "%u node%s added (max %.1f ms)", extra, extra > 1 ? "s" : "",
                  step_max * 1000);
      print_row (what, &timing, "target <= 50 ms");
      printf ("  %-34s %8u\n", "old nodes moved", moved);
    }
  return 0;
}
