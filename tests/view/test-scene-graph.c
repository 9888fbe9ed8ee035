/* test-scene-graph.c: the scene's graph work on traces written by hand:
 * strongly connected components, which garbage the youngest collection
 * frees, held-elsewhere and preexisting objects, instance __dict__s, and
 * 100,000-object cycles and chains. */
#include "scene-test.h"
#include "scc.h"

#include <string.h>
#include <time.h>

/* A graph from an edge list. */
static ViewGraph
graph_of (guint n, const guint (*edges)[2], guint n_edges, guint **storage)
{
  guint *offsets = g_new0 (guint, n + 1), *targets = g_new (guint, MAX (n_edges, 1));
  guint *fill = g_new0 (guint, n);

  for (guint e = 0; e < n_edges; e++)
    offsets[edges[e][0] + 1]++;
  for (guint v = 0; v < n; v++)
    offsets[v + 1] += offsets[v];
  for (guint e = 0; e < n_edges; e++)
    targets[offsets[edges[e][0]] + fill[edges[e][0]]++] = edges[e][1];
  g_free (fill);
  storage[0] = offsets;
  storage[1] = targets;
  return (ViewGraph){ n, offsets, targets };
}

static void
test_scc_small (void)
{
  /* 0 -> 1 -> 2 -> 0 (a cycle), 2 -> 3, 3 -> 3 (a self-loop), 4 alone, 5 -> 4. */
  static const guint edges[][2] = { { 0, 1 }, { 1, 2 }, { 2, 0 }, { 2, 3 }, { 3, 3 }, { 5, 4 } };
  guint *storage[2];
  ViewGraph g = graph_of (6, edges, G_N_ELEMENTS (edges), storage);
  guint comp[6], sizes[6], n = view_scc (&g, comp);

  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (comp[0], ==, comp[1]);
  g_assert_cmpuint (comp[1], ==, comp[2]);
  g_assert_cmpuint (comp[3], !=, comp[0]);
  g_assert_cmpuint (comp[4], !=, comp[5]);
  /* Reverse topological: an edge goes from a higher component to a lower. */
  for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
    g_assert_cmpuint (comp[edges[e][0]], >=, comp[edges[e][1]]);
  view_scc_sizes (&g, comp, n, sizes);
  g_assert_true (view_scc_is_cycle (&g, comp, sizes, 0));
  g_assert_true (view_scc_is_cycle (&g, comp, sizes, 3));
  g_assert_false (view_scc_is_cycle (&g, comp, sizes, 4));
  g_assert_false (view_scc_is_cycle (&g, comp, sizes, 5));
  g_free (storage[0]);
  g_free (storage[1]);
}

/* A million-long chain and a million-long cycle: no recursion to overflow. */
static void
test_scc_deep (void)
{
  guint n = 1000000;
  guint *offsets = g_new (guint, n + 1), *targets = g_new (guint, n), *comp = g_new (guint, n);
  ViewGraph g = { n, offsets, targets };

  for (guint v = 0; v <= n; v++)
    offsets[v] = MIN (v, n - 1);
  for (guint v = 0; v + 1 < n; v++)
    targets[v] = v + 1;
  g_assert_cmpuint (view_scc (&g, comp), ==, n);
  g_assert_cmpuint (comp[0], ==, n - 1);
  g_assert_cmpuint (comp[n - 1], ==, 0);
  offsets[n] = n;
  targets[n - 1] = 0;
  g_assert_cmpuint (view_scc (&g, comp), ==, 1);
  g_free (offsets);
  g_free (targets);
  g_free (comp);
}

static const ViewNode *
node (const ViewScene *scene, guint64 id)
{
  gint i = view_scene_find (scene, id);

  if (i < 0)
    {
      g_autofree char *dump = scene_test_dump (scene);
      g_error ("no node %" G_GUINT64_FORMAT " in:\n%s", id, dump);
    }
  return &scene->nodes[i];
}

static void
var (SceneSynth *s, guint64 to, const char *name)
{
  scene_test_synth_ref (s, s->frame, to, TRACE_SLOT_NAME, 0, name);
}

static void
attr (SceneSynth *s, guint64 from, guint64 to, const char *name)
{
  scene_test_synth_ref (s, from, to, TRACE_SLOT_ATTR, 0, name);
}

/* Which collection frees which garbage: a cycle of generation 0 that
 * older garbage refers to waits for that older generation's collection;
 * an old object only young garbage holds goes with the young. */
static void
test_garbage_generations (void)
{
  SceneSynth s;
  g_autoptr (ViewScene) scene = NULL;

  scene_test_synth_init (&s, 10);
  scene_test_synth_step (&s);
  /* 10 <-> 11 in generation 2, 10 -> 20; 20 <-> 21 in generation 0. */
  scene_test_synth_born (&s, 10, "Node", NULL, 2, 0);
  scene_test_synth_born (&s, 11, "Node", NULL, 2, 0);
  scene_test_synth_born (&s, 20, "Node", NULL, 0, 0);
  scene_test_synth_born (&s, 21, "Node", NULL, 0, 0);
  attr (&s, 10, 11, "next");
  attr (&s, 11, 10, "next");
  attr (&s, 10, 20, "young");
  attr (&s, 20, 21, "next");
  attr (&s, 21, 20, "next");
  /* 30 <-> 31 in generation 0 holds 32, of generation 2, alone. */
  scene_test_synth_born (&s, 30, "Node", NULL, 0, 0);
  scene_test_synth_born (&s, 31, "Node", NULL, 0, 0);
  scene_test_synth_born (&s, 32, "Node", NULL, 2, 0);
  attr (&s, 30, 31, "next");
  attr (&s, 31, 30, "next");
  attr (&s, 30, 32, "old");
  /* A pair of generation 1 with an untracked member. */
  scene_test_synth_born (&s, 40, "Node", NULL, 1, 0);
  scene_test_synth_born (&s, 41, "Node", NULL, -1, 0);
  attr (&s, 40, 41, "next");
  attr (&s, 41, 40, "next");
  scene = view_scene_build (s.timeline, 1, G_MAXUINT, NULL);

  for (guint64 id = 10; id <= 41; id++)
    if (view_scene_find (scene, id) >= 0)
      g_assert_true (node (scene, id)->flags & VIEW_NODE_GARBAGE);
  g_assert_cmpint (node (scene, 10)->garbage_gen, ==, 2);
  g_assert_cmpint (node (scene, 11)->garbage_gen, ==, 2);
  g_assert_cmpint (node (scene, 20)->garbage_gen, ==, 2);
  g_assert_cmpint (node (scene, 21)->garbage_gen, ==, 2);
  g_assert_cmpint (node (scene, 30)->garbage_gen, ==, 0);
  g_assert_cmpint (node (scene, 31)->garbage_gen, ==, 0);
  g_assert_cmpint (node (scene, 32)->garbage_gen, ==, 0);
  g_assert_cmpint (node (scene, 40)->garbage_gen, ==, 1);
  g_assert_true (node (scene, 41)->flags & VIEW_NODE_UNTRACKED);
  g_assert_cmpuint (scene->n_cycles, ==, 4);
  for (guint c = 0; c < scene->n_cycles; c++)
    {
      g_assert_true (scene->cycles[c].garbage);
      g_assert_cmpuint (scene->cycles[c].n_members, ==, 2);
    }
  /* 10 -> 20 enters the cycle 20 <-> 21 from outside. */
  g_assert_cmpuint (scene->cycles[node (scene, 20)->cycle].n_outside_referrers, ==, 1);
  trace_timeline_free (s.timeline);
}

/* Held by a count the trace does not show, or from before the trace: not
 * garbage, and not drawn unless asked. */
static void
test_held_and_preexisting (void)
{
  SceneSynth s;
  ViewSceneOptions options;
  g_autoptr (ViewScene) plain = NULL;
  g_autoptr (ViewScene) held = NULL;

  scene_test_synth_init (&s, 10);
  scene_test_synth_step (&s);
  /* 50 <-> 51, held from outside the trace. */
  scene_test_synth_born (&s, 50, "list", NULL, 0, 0);
  scene_test_synth_born (&s, 51, "list", NULL, 0, 0);
  scene_test_synth_ref (&s, 50, 51, TRACE_SLOT_INDEX, 0, NULL);
  scene_test_synth_ref (&s, 51, 50, TRACE_SLOT_INDEX, 0, NULL);
  /* 50 has one count more than its referrers give it. */
  scene_test_synth_refcnt (&s, 50, 2);
  /* 60, from before the trace, holds 61. */
  scene_test_synth_born (&s, 60, "dict", NULL, 0, TRACE_EVF_PREEXISTING);
  scene_test_synth_born (&s, 61, "list", NULL, 0, 0);
  scene_test_synth_born (&s, 62, "str", "'k'", -1, TRACE_EVF_INTERNED);
  scene_test_synth_ref (&s, 60, 62, TRACE_SLOT_KEY, 62, NULL);
  scene_test_synth_ref (&s, 60, 61, TRACE_SLOT_VALUE, 62, NULL);
  /* And real garbage: 70 alone in a self-loop. */
  scene_test_synth_born (&s, 70, "list", NULL, 1, 0);
  scene_test_synth_ref (&s, 70, 70, TRACE_SLOT_INDEX, 0, NULL);

  plain = view_scene_build (s.timeline, 1, G_MAXUINT, NULL);
  g_assert_cmpuint (plain->n_nodes, ==, 2);
  g_assert_true (node (plain, 70)->flags & VIEW_NODE_GARBAGE);
  g_assert_cmpint (node (plain, 70)->garbage_gen, ==, 1);
  g_assert_cmpuint (plain->n_cycles, ==, 1);
  g_assert_true (scene_test_edge (plain, 1, 0)->flags & VIEW_EDGE_IN_CYCLE);

  view_scene_options_init (&options);
  options.show_held_elsewhere = TRUE;
  held = view_scene_build (s.timeline, 1, G_MAXUINT, &options);
  g_assert_true (node (held, 50)->flags & VIEW_NODE_HELD_ELSEWHERE);
  g_assert_true (node (held, 51)->flags & VIEW_NODE_HELD_ELSEWHERE);
  g_assert_true (node (held, 61)->flags & VIEW_NODE_HELD_ELSEWHERE);
  g_assert_false (node (held, 50)->flags & VIEW_NODE_GARBAGE);
  g_assert_cmpint (view_scene_find (held, 60), ==, -1);
  g_assert_cmpuint (held->n_cycles, ==, 2);
  trace_timeline_free (s.timeline);
}

/* An instance's __dict__ is shown as its attributes; the cycle through the
 * two dicts is a cycle of the two instances. */
static void
test_instance_dict (void)
{
  SceneSynth s;
  g_autoptr (ViewScene) alive = NULL;
  g_autoptr (ViewScene) garbage = NULL;
  const ViewNode *a;

  scene_test_synth_init (&s, 10);
  scene_test_synth_step (&s);
  scene_test_synth_born (&s, 5, "str", "'partner'", -1, TRACE_EVF_INTERNED);
  scene_test_synth_born (&s, 6, "str", "'n'", -1, TRACE_EVF_CACHED);
  scene_test_synth_born (&s, 7, "int", "1000", -1, 0);
  for (guint64 k = 0; k < 2; k++)
    {
      scene_test_synth_born (&s, 10 + k, "Node", NULL, 0, 0);
      scene_test_synth_born (&s, 20 + k, "dict", NULL, (gint) k, 0);
      scene_test_synth_ref (&s, 10 + k, 20 + k, TRACE_SLOT_LABEL, 0, "__dict__");
      scene_test_synth_ref (&s, 20 + k, 5, TRACE_SLOT_KEY, 5, NULL);
    }
  scene_test_synth_ref (&s, 20, 11, TRACE_SLOT_VALUE, 5, NULL);
  scene_test_synth_ref (&s, 21, 10, TRACE_SLOT_VALUE, 5, NULL);
  scene_test_synth_ref (&s, 20, 6, TRACE_SLOT_KEY, 6, NULL);
  scene_test_synth_ref (&s, 20, 7, TRACE_SLOT_VALUE, 6, NULL);
  var (&s, 10, "a");
  scene_test_synth_step (&s);
  scene_test_synth_unref (&s, s.frame, 10, TRACE_SLOT_NAME, 0, "a");

  alive = view_scene_build (s.timeline, 1, G_MAXUINT, NULL);
  g_assert_cmpint (view_scene_find (alive, 20), ==, -1);
  g_assert_cmpint (view_scene_find (alive, 21), ==, -1);
  a = node (alive, 10);
  g_assert_cmpuint (a->n_slots, ==, 2);
  g_assert_cmpstr (a->slots[0].label, ==, "partner");
  g_assert_cmpuint (a->slots[0].slot_kind, ==, TRACE_SLOT_ATTR);
  g_assert_cmpint (a->slots[0].target_node, ==, view_scene_find (alive, 11));
  g_assert_cmpstr (a->slots[1].label, ==, "n");
  g_assert_cmpstr (a->slots[1].inline_value, ==, "1000");
  g_assert_cmpuint (alive->n_cycles, ==, 1);
  g_assert_cmpuint (alive->cycles[0].n_members, ==, 2);
  g_assert_cmpuint (alive->cycles[0].n_outside_referrers, ==, 1);

  garbage = view_scene_build (s.timeline, 2, 1, NULL);
  g_assert_cmpuint (garbage->n_nodes, ==, 3);
  g_assert_true (node (garbage, 10)->flags & VIEW_NODE_GARBAGE);
  g_assert_true (node (garbage, 11)->flags & VIEW_NODE_GARBAGE);
  /* The dict of generation 1 is in the cycle: a collection of 1 frees it. */
  g_assert_cmpint (node (garbage, 10)->garbage_gen, ==, 1);
  g_assert_true (garbage->cycles[0].garbage);
  g_assert_cmpuint (garbage->cycles[0].n_outside_referrers, ==, 0);
  g_assert_nonnull (scene_test_removed_slot (garbage, 0, "a"));
  trace_timeline_free (s.timeline);
}

static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (double) now.tv_sec + now.tv_nsec / 1e9;
}

/* The processor time the build takes: what the wall clock says depends on
 * what else the machine runs. */
static double
timed_build (TraceTimeline *t, guint step, ViewScene **out)
{
  double start = cpu_seconds ();

  *out = view_scene_build (t, step, step - 1, NULL);
  return cpu_seconds () - start;
}

#define SCALE 100000

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#endif

/* Seconds a scene of SCALE objects may take: well under one in a plain
 * build; instrumented runs (sanitizers, valgrind) are many times slower. */
static double
budget (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

#ifdef SANITIZED
  return 20.0;
#endif
  if (preload != NULL && strstr (preload, "vgpreload") != NULL)
    return 300.0;
  return 1.0;
}

/* 100,000 objects in one cycle, then in a chain whose head is let go and
 * freed: each scene in well under a second. */
static void
test_scale (gconstpointer data)
{
  gboolean cycle = GPOINTER_TO_INT (data);
  SceneSynth s;
  ViewScene *scene;
  double seconds;

  scene_test_synth_init (&s, 10);
  scene_test_synth_step (&s);
  for (guint64 i = 0; i < SCALE; i++)
    scene_test_synth_born (&s, 100 + i, "Node", NULL, 0, 0);
  for (guint64 i = 0; i + 1 < SCALE; i++)
    attr (&s, 100 + i, 101 + i, "next");
  if (cycle)
    attr (&s, 100 + SCALE - 1, 100, "next");
  var (&s, 100, "head");
  scene_test_synth_step (&s);
  scene_test_synth_unref (&s, s.frame, 100, TRACE_SLOT_NAME, 0, "head");
  if (!cycle)
    for (guint64 i = 0; i < SCALE; i++)
      scene_test_synth_free (&s, 100 + i, TRACE_CAUSE_REFCOUNT);

  seconds = timed_build (s.timeline, 1, &scene);
  g_test_message ("%s of %d: %.3f s", cycle ? "cycle" : "chain", SCALE, seconds);
  g_assert_cmpfloat (seconds, <, budget ());
  g_assert_cmpuint (scene->n_nodes, ==, SCALE + 1);
  g_assert_cmpuint (scene->n_edges, ==, SCALE + (cycle ? 1 : 0));
  g_assert_cmpuint (scene->n_cycles, ==, cycle ? 1 : 0);
  if (cycle)
    {
      g_assert_cmpuint (scene->cycles[0].n_members, ==, SCALE);
      g_assert_cmpuint (scene->cycles[0].n_outside_referrers, ==, 1);
    }
  view_scene_unref (scene);

  seconds = timed_build (s.timeline, 2, &scene);
  g_test_message ("... let go: %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, budget ());
  /* A freed chain leaves only the newest few ghosts. */
  g_assert_cmpuint (scene->n_nodes, ==, cycle ? SCALE + 1 : 1 + 8);
  if (cycle)
    {
      g_assert_true (scene->cycles[0].garbage);
      g_assert_cmpuint (scene_test_count (scene, VIEW_NODE_OBJECT, VIEW_NODE_GARBAGE), ==, SCALE);
      g_assert_cmpint (scene->nodes[1].garbage_gen, ==, 0);
    }
  else
    {
      g_assert_cmpuint (scene_test_count (scene, VIEW_NODE_GHOST, 0), ==, 8);
      g_assert_cmpstr (scene->nodes[1].ghost_cause, ==, "freed: refcount 0");
    }
  view_scene_unref (scene);
  trace_timeline_free (s.timeline);
}

void
scene_test_add_graph_tests (void)
{
  g_test_add_func ("/scene/scc/small", test_scc_small);
  g_test_add_func ("/scene/scc/deep", test_scc_deep);
  g_test_add_func ("/scene/garbage-generations", test_garbage_generations);
  g_test_add_func ("/scene/held-and-preexisting", test_held_and_preexisting);
  g_test_add_func ("/scene/instance-dict", test_instance_dict);
  g_test_add_data_func ("/scene/scale/cycle", GINT_TO_POINTER (TRUE), test_scale);
  g_test_add_data_func ("/scene/scale/chain", GINT_TO_POINTER (FALSE), test_scale);
}
