/* test-scene-lessons.c: the scene of each of the seed's seven lessons at
 * the steps that make its point: which objects, arrows, cycles, garbage
 * (and the generation that frees it), ghosts and generations it holds. */
#include "scene-test.h"

/* Lesson 1: small ints are inline by default; shown as one shared node
 * with show_cached; separate 257s and separate lists stay separate. */
static void
test_lesson_01 (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("01-small-ints-and-interning.py", 0);
  ViewSceneOptions cached;
  guint step = scene_test_step_at_line (t, 8, 1);
  g_autoptr (ViewScene) plain = scene_test_build (t, step, NULL);
  g_autoptr (ViewScene) shared = NULL;
  g_autoptr (ViewScene) big = NULL;
  g_autoptr (ViewScene) lists = NULL;
  const ViewSlot *a, *b;

  scene_test_assert_consistent (plain);
  a = scene_test_slot (plain, 0, "a");
  b = scene_test_slot (plain, 0, "b");
  g_assert_cmpstr (a->inline_value, ==, "1");
  g_assert_cmpstr (b->inline_value, ==, "1");
  g_assert_cmpint (a->target_node, ==, -1);
  g_assert_cmpuint (a->target, ==, b->target);
  g_assert_cmpuint (b->change, ==, VIEW_CHANGE_ADDED);
  g_assert_cmpuint (scene_test_count (plain, VIEW_NODE_ATOM, 0), ==, 0);

  view_scene_options_init (&cached);
  cached.show_cached = TRUE;
  shared = scene_test_build (t, step, &cached);
  scene_test_assert_consistent (shared);
  a = scene_test_slot (shared, 0, "a");
  b = scene_test_slot (shared, 0, "b");
  g_assert_cmpint (a->target_node, >=, 0);
  g_assert_cmpint (a->target_node, ==, b->target_node);
  g_assert_cmpint (shared->nodes[a->target_node].kind, ==, VIEW_NODE_ATOM);
  g_assert_true (shared->nodes[a->target_node].flags & VIEW_NODE_CACHED);
  g_assert_cmpstr (shared->nodes[a->target_node].value, ==, "1");
  g_assert_cmpstr (shared->nodes[a->target_node].title, ==, "int 1");

  /* a = 257; b = 257: two objects, each inline, even with show_cached. */
  big = scene_test_build (t, scene_test_step_at_line (t, 12, 1), &cached);
  a = scene_test_slot (big, 0, "a");
  b = scene_test_slot (big, 0, "b");
  g_assert_cmpstr (a->inline_value, ==, "257");
  g_assert_cmpstr (b->inline_value, ==, "257");
  g_assert_cmpuint (a->target, !=, b->target);
  /* b's old value, the cached 1, went from b this step. */
  g_assert_nonnull (scene_test_removed_slot (big, 0, "b"));

  lists = scene_test_build (t, scene_test_step_at_line (t, 24, 1), NULL);
  scene_test_assert_consistent (lists);
  g_assert_true (scene_test_global (lists, "a") != scene_test_global (lists, "b"));
  g_assert_cmpstr (scene_test_global (lists, "b")->type_name, ==, "list");
  g_assert_true (scene_test_global (lists, "b")->flags & VIEW_NODE_NEW);
  g_assert_false (scene_test_global (lists, "a")->flags & VIEW_NODE_NEW);
}

/* Lesson 1, strings: one object when the two names share it. */
static void
test_lesson_01_strings (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("01-small-ints-and-interning.py", 0);
  g_autoptr (ViewScene) good = scene_test_build (t, scene_test_step_at_line (t, 16, 1), NULL);
  g_autoptr (ViewScene) long_ = scene_test_build (t, scene_test_step_at_line (t, 20, 1), NULL);
  const ViewSlot *a = scene_test_slot (good, 0, "a"), *b = scene_test_slot (good, 0, "b");

  /* The same object, so `a is b`: drawn once either way. */
  g_assert_cmpuint (a->target, ==, b->target);
  if (a->target_node >= 0)
    g_assert_cmpint (a->target_node, ==, b->target_node);
  else
    g_assert_cmpstr (a->inline_value, ==, "'good'");
  a = scene_test_slot (long_, 0, "a");
  b = scene_test_slot (long_, 0, "b");
  g_assert_cmpuint (a->target, !=, b->target);
  g_assert_cmpstr (a->inline_value, ==, "'very good morning'");
  g_assert_cmpstr (b->inline_value, ==, "'very good morning'");
}

/* Lesson 2: b = a adds a reference; del b removes it, shown for a step. */
static void
test_lesson_02 (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("02-refcounts.py", 0);
  g_autoptr (ViewScene) shared = scene_test_build (t, scene_test_step_at_line (t, 10, 1), NULL);
  g_autoptr (ViewScene) deleted = scene_test_build (t, scene_test_step_at_line (t, 12, 1), NULL);
  const ViewNode *list = scene_test_global (shared, "a");
  const ViewSlot *gone;
  gint node;

  g_assert_true (list == scene_test_global (shared, "b"));
  g_assert_cmpint (list->refcnt, ==, 2);
  g_assert_cmpint (list->refcnt_delta, ==, 1);
  g_assert_cmpuint (list->n_slots, ==, 3);
  g_assert_cmpstr (list->slots[2].inline_value, ==, "3");

  list = scene_test_global (deleted, "a");
  g_assert_cmpint (list->refcnt, ==, 1);
  g_assert_cmpint (list->refcnt_delta, ==, -1);
  g_assert_null (scene_test_slot (deleted, 0, "b"));
  gone = scene_test_removed_slot (deleted, 0, "b");
  g_assert_nonnull (gone);
  node = view_scene_find (deleted, list->id);
  g_assert_cmpint (gone->target_node, ==, node);
  g_assert_true (scene_test_edge (deleted, 0, (guint) (gone - deleted->nodes[0].slots))->flags
                 & VIEW_EDGE_REMOVED);
}

/* Lesson 3: an instance's attribute and a list's two slots are arrows to
 * the objects they refer to; the class is a small card. */
static void
test_lesson_03 (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("03-containers-hold-references.py", 0);
  g_autoptr (ViewScene) s = scene_test_build (t, scene_test_step_at_line (t, 18, 1), NULL);
  const ViewNode *d, *c, *a, *cls;
  const ViewSlot *to_obj;

  scene_test_assert_consistent (s);
  d = scene_test_global (s, "d");
  c = scene_test_global (s, "c");
  g_assert_cmpuint (d->n_slots, ==, 2);
  g_assert_cmpint (d->slots[0].target_node, ==, view_scene_find (s, c->id));
  g_assert_cmpint (d->slots[1].target_node, ==, view_scene_find (s, c->id));
  g_assert_cmpint (c->refcnt, ==, 3);
  g_assert_cmpint (c->refcnt_delta, ==, 2);
  g_assert_true (d->flags & VIEW_NODE_NEW);

  a = scene_test_global (s, "a");
  g_assert_cmpstr (a->title, ==, "from_obj");
  to_obj = scene_test_slot (s, (guint) view_scene_find (s, a->id), "to_obj");
  g_assert_nonnull (to_obj);
  g_assert_cmpuint (to_obj->slot_kind, ==, TRACE_SLOT_ATTR);
  g_assert_true (&s->nodes[to_obj->target_node] == scene_test_global (s, "b"));
  /* No arrow from the instance to its class: __class__ is internal. */
  g_assert_cmpuint (a->n_slots, ==, 1);

  cls = scene_test_global (s, "from_obj");
  g_assert_cmpstr (cls->title, ==, "class from_obj");
  g_assert_nonnull (scene_test_slot (s, (guint) view_scene_find (s, cls->id), "__init__"));
  g_assert_cmpstr (scene_test_global (s, "getrefcount")->title, ==, "function getrefcount");
  g_assert_cmpstr (s->source_line, ==, "d = [c, c]");
  g_assert_cmpuint (s->line, ==, 18);
}

/* Lesson 4: a list of 100,000 ints is a summary; del b frees it, and its
 * ghost stays three steps with the arrow that went. */
static void
test_lesson_04 (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("04-del-frees-at-zero.py", 0);
  guint freed = scene_test_step_at_line (t, 14, 1);
  g_autoptr (ViewScene) made = scene_test_build (t, scene_test_step_at_line (t, 10, 1), NULL);
  g_autoptr (ViewScene) gone = scene_test_build (t, freed, NULL);
  g_autoptr (ViewScene) later = scene_test_build (t, freed + 1, NULL);
  const ViewNode *list = scene_test_global (made, "a");
  const ViewSlot *b;
  gint ghost;

  g_assert_true (list->flags & VIEW_NODE_SUMMARY);
  g_assert_cmpstr (list->title, ==, "list · 100,000 items");
  g_assert_cmpuint (list->n_slots, ==, 20);
  g_assert_cmpuint (list->hidden_slots, ==, 99980);
  g_assert_cmpstr (list->hidden_text, ==, "99,980 more int");
  g_assert_cmpstr (list->slots[19].label, ==, "19");

  scene_test_assert_consistent (gone);
  ghost = view_scene_find (gone, list->id);
  g_assert_cmpint (ghost, >=, 0);
  g_assert_cmpint (gone->nodes[ghost].kind, ==, VIEW_NODE_GHOST);
  g_assert_cmpstr (gone->nodes[ghost].ghost_cause, ==, "freed: refcount 0");
  g_assert_cmpuint (gone->nodes[ghost].ghost_age, ==, 1);
  b = scene_test_removed_slot (gone, 0, "b");
  g_assert_nonnull (b);
  g_assert_cmpint (b->target_node, ==, ghost);
  /* The ints were inline: no ghosts of them. */
  g_assert_cmpuint (scene_test_count (gone, VIEW_NODE_GHOST, 0), ==, 1);

  ghost = view_scene_find (later, list->id);
  g_assert_cmpint (ghost, >=, 0);
  g_assert_cmpuint (later->nodes[ghost].ghost_age, ==, 2);
  g_assert_null (scene_test_removed_slot (later, 0, "b"));
}

/* Lesson 5: the pair is a cycle kept by two names; after del a and del b
 * it is garbage only a collection of generation 0 or older frees; then
 * ghosts collected by generation 2. */
static void
test_lesson_05 (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("05-cycles-need-the-collector.py", 0);
  g_autoptr (ViewScene) alive = scene_test_build (t, scene_test_step_at_line (t, 14, 1), NULL);
  g_autoptr (ViewScene) garbage = scene_test_build (t, scene_test_step_at_line (t, 16, 1), NULL);
  g_autoptr (ViewScene) collected = scene_test_build (t, scene_test_step_at_line (t, 17, 1), NULL);
  const ViewNode *a = scene_test_global (alive, "a"), *b = scene_test_global (alive, "b");
  guint64 ids[2] = { a->id, b->id };
  guint into = 0;

  scene_test_assert_consistent (alive);
  g_assert_cmpuint (alive->n_cycles, ==, 1);
  g_assert_cmpuint (alive->cycles[0].n_members, ==, 2);
  g_assert_cmpuint (alive->cycles[0].n_outside_referrers, ==, 2);
  g_assert_false (alive->cycles[0].garbage);
  g_assert_cmpint (a->cycle, ==, 0);
  g_assert_cmpint (b->cycle, ==, 0);
  g_assert_false (a->flags & VIEW_NODE_GARBAGE);
  for (guint e = 0; e < alive->n_edges; e++)
    {
      const ViewEdge *edge = &alive->edges[e];
      if (edge->from_node == 0 && alive->nodes[edge->to_node].cycle == 0)
        {
          g_assert_true (edge->flags & VIEW_EDGE_INTO_CYCLE);
          into++;
        }
      else if (alive->nodes[edge->from_node].cycle == 0)
        g_assert_true (edge->flags & VIEW_EDGE_IN_CYCLE);
    }
  g_assert_cmpuint (into, ==, 2);

  scene_test_assert_consistent (garbage);
  g_assert_cmpuint (garbage->n_cycles, ==, 1);
  g_assert_true (garbage->cycles[0].garbage);
  g_assert_cmpuint (garbage->cycles[0].n_outside_referrers, ==, 0);
  for (guint k = 0; k < 2; k++)
    {
      const ViewNode *n = &garbage->nodes[view_scene_find (garbage, ids[k])];
      g_assert_cmpint (n->kind, ==, VIEW_NODE_OBJECT);
      g_assert_true (n->flags & VIEW_NODE_GARBAGE);
      g_assert_cmpint (n->gen, ==, 0);
      g_assert_cmpint (n->garbage_gen, ==, 0);
      g_assert_cmpint (n->refcnt, ==, 1);
      g_assert_cmpuint (n->n_slots, ==, 1);
      g_assert_true (scene_test_edge (garbage, (guint) view_scene_find (garbage, ids[k]), 0)->flags
                     & VIEW_EDGE_TO_GARBAGE);
    }
  g_assert_null (scene_test_slot (garbage, 0, "a"));

  scene_test_assert_consistent (collected);
  g_assert_cmpuint (collected->n_cycles, ==, 0);
  for (guint k = 0; k < 2; k++)
    {
      const ViewNode *n = &collected->nodes[view_scene_find (collected, ids[k])];
      g_assert_cmpint (n->kind, ==, VIEW_NODE_GHOST);
      g_assert_cmpstr (n->ghost_cause, ==, "collected by generation 2");
    }
  g_assert_cmpint (scene_test_global (collected, "Node")->gen, ==, 2);
  g_assert_cmpint (collected->stats.gens[2].collections, ==, 1);
}

/* Lesson 6: the function's frame while it runs; survivors of automatic
 * collections sit in older generations than the newest objects. */
static void
test_lesson_06 (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("06-generations-and-thresholds.py", 0);
  g_autoptr (ViewScene) s = scene_test_build (t, scene_test_step_at_line (t, 18, 1), NULL);
  g_autoptr (ViewScene) end = scene_test_build (t, trace_timeline_n_steps (t), NULL);
  gint frame = scene_test_frame (s, "measure");
  const ViewSlot *keep;
  const ViewNode *list;
  gboolean gens[4] = { FALSE };

  scene_test_assert_consistent (s);
  g_assert_cmpint (frame, ==, 1);
  keep = scene_test_slot (s, (guint) frame, "keep");
  g_assert_nonnull (keep);
  list = &s->nodes[keep->target_node];
  g_assert_cmpstr (list->title, ==, "list · 5,000 items");
  g_assert_cmpuint (list->hidden_slots, ==, 5000 - 25);
  g_assert_cmpstr (list->hidden_text, ==, "4,975 more list");
  for (guint i = 0; i < list->n_slots; i++)
    {
      const ViewNode *item = &s->nodes[list->slots[i].target_node];
      g_assert_false (item->flags & VIEW_NODE_UNTRACKED);
      gens[item->gen] = TRUE;
    }
  /* The first lists made have survived collections, the last have not. */
  g_assert_true (gens[0]);
  g_assert_true (gens[1] || gens[2]);
  g_assert_cmpint (scene_test_global (s, "measure")->gen, ==, 2);
  g_assert_cmpint (s->stats.gens[0].collections, >, 0);

  g_assert_cmpint (scene_test_frame (end, "measure"), ==, -1);
}

/* Lesson 7: deleting from globals() removes the variable; the list lives
 * on while the function's variable holds it. */
static void
test_lesson_07 (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("07-globals-and-clear.py", 1);
  g_autoptr (ViewScene) del = scene_test_build (t, scene_test_step_at_line (t, 16, 1), NULL);
  g_autoptr (ViewScene) after = scene_test_build (t, scene_test_step_at_line (t, 19, 1), NULL);
  gint frame = scene_test_frame (del, "clear");
  const ViewSlot *value;

  scene_test_assert_consistent (del);
  g_assert_cmpint (frame, ==, 1);
  g_assert_null (scene_test_slot (del, 0, "x"));
  g_assert_nonnull (scene_test_removed_slot (del, 0, "x"));
  value = scene_test_slot (del, (guint) frame, "value");
  g_assert_cmpint (value->target_node, ==, scene_test_removed_slot (del, 0, "x")->target_node);
  g_assert_cmpint (del->nodes[value->target_node].refcnt_delta, ==, -1);

  g_assert_null (scene_test_slot (after, 0, "x"));
  g_assert_nonnull (scene_test_slot (after, 0, "clear"));
  g_assert_cmpint (scene_test_frame (after, "clear"), ==, -1);
}

void
scene_test_add_lesson_tests (void)
{
  g_test_add_func ("/scene/lesson-01/small-ints", test_lesson_01);
  g_test_add_func ("/scene/lesson-01/strings", test_lesson_01_strings);
  g_test_add_func ("/scene/lesson-02/refcounts", test_lesson_02);
  g_test_add_func ("/scene/lesson-03/containers", test_lesson_03);
  g_test_add_func ("/scene/lesson-04/summary-and-ghost", test_lesson_04);
  g_test_add_func ("/scene/lesson-05/cycle-garbage", test_lesson_05);
  g_test_add_func ("/scene/lesson-06/generations", test_lesson_06);
  g_test_add_func ("/scene/lesson-07/globals", test_lesson_07);
}
