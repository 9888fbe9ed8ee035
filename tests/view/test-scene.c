/* test-scene.c: function frames, dunders, held-elsewhere objects,
 * summaries, search, scenes of a trace read back from its file, of any two
 * steps and on several threads. The lessons' tests are in
 * test-scene-lessons.c, those on hand-written traces (garbage, cycles,
 * scale) in test-scene-graph.c. */
#include "scene-test.h"
#include "reader.h"
#include "step-picture.h"
#include "writer.h"

#include <glib/gstdio.h>
#include <string.h>

/* Module dunders only when asked. */
static void
test_dunders (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("02-refcounts.py", 0);
  ViewSceneOptions options;
  g_autoptr (ViewScene) plain = scene_test_build (t, 1, NULL);
  g_autoptr (ViewScene) all = NULL;

  view_scene_options_init (&options);
  options.show_dunder = TRUE;
  all = scene_test_build (t, 1, &options);
  g_assert_null (scene_test_slot (plain, 0, "__name__"));
  g_assert_cmpstr (scene_test_slot (all, 0, "__name__")->inline_value, ==, "'__main__'");
  g_assert_cmpstr (scene_test_global (all, "__builtins__")->title, ==, "module builtins");
  g_assert_true (scene_test_global (all, "__builtins__")->flags & VIEW_NODE_PREEXISTING);
}

static const char function_source[] = "def f(n):\n"
                                      "    x = [n]\n"
                                      "    return x\n"
                                      "\n"
                                      "y = f(3)\n";

/* A call's frame comes after the global one with its variables. */
static void
test_function_frame (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record (function_source);
  g_autoptr (ViewScene) in = scene_test_build (t, scene_test_step_at_line (t, 2, 1), NULL);
  g_autoptr (ViewScene) out = scene_test_build (t, trace_timeline_n_steps (t), NULL);
  const ViewSlot *n, *x;

  scene_test_assert_consistent (in);
  g_assert_cmpint (scene_test_frame (in, "Global frame"), ==, 0);
  g_assert_cmpint (scene_test_frame (in, "f"), ==, 1);
  n = scene_test_slot (in, 1, "n");
  x = scene_test_slot (in, 1, "x");
  g_assert_cmpstr (n->inline_value, ==, "3");
  g_assert_cmpuint (n->slot_kind, ==, TRACE_SLOT_NAME);
  g_assert_cmpint (x->target_node, >=, 2);
  g_assert_cmpuint (x->change, ==, VIEW_CHANGE_ADDED);
  g_assert_cmpstr (in->nodes[x->target_node].slots[0].inline_value, ==, "3");
  g_assert_cmpstr (scene_test_global (in, "f")->title, ==, "function f");

  g_assert_cmpint (scene_test_frame (out, "f"), ==, -1);
  g_assert_cmpuint (scene_test_global (out, "y")->id, ==, in->nodes[x->target_node].id);
}

/* The statement's code object and what it holds are not garbage: a count
 * outside the trace (the interpreter) holds them. */
static void
test_held_elsewhere (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("03-containers-hold-references.py", 0);
  ViewSceneOptions options;
  g_autoptr (TraceCursor) cursor = trace_cursor_new (t);
  guint held_code = 0;

  view_scene_options_init (&options);
  options.show_held_elsewhere = TRUE;
  for (guint step = 0; step <= trace_timeline_n_steps (t); step++)
    {
      g_autoptr (ViewScene) plain = scene_test_build (t, step, NULL);
      g_autoptr (ViewScene) held = scene_test_build (t, step, &options);
      const TraceHeap *heap;

      scene_test_assert_consistent (plain);
      scene_test_assert_consistent (held);
      g_assert_cmpuint (scene_test_count (plain, VIEW_NODE_OBJECT, VIEW_NODE_GARBAGE), ==, 0);
      g_assert_cmpuint (scene_test_count (plain, VIEW_NODE_OBJECT, VIEW_NODE_HELD_ELSEWHERE), ==, 0);
      trace_cursor_seek_step (cursor, step);
      heap = trace_cursor_heap (cursor);
      for (guint i = 0; i < held->n_nodes; i++)
        {
          const ViewNode *n = &held->nodes[i];
          if (n->kind != VIEW_NODE_OBJECT || strcmp (n->type_name, "code") != 0)
            continue;
          /* A code object a function refers to is reachable (a tuple of
           * constants held elsewhere may show it); none is garbage. */
          g_assert_false (n->flags & VIEW_NODE_GARBAGE);
          g_assert_cmpint (view_scene_find (plain, n->id), ==, -1);
          g_assert_nonnull (trace_heap_lookup (heap, n->id));
          held_code += (n->flags & VIEW_NODE_HELD_ELSEWHERE) != 0;
        }
    }
  g_assert_cmpuint (held_code, >, 0);
}

/* list(range(200000)) collapses to its first items and a count; a small
 * list over the limit shows its first and last items. */
static void
test_summary (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record ("a = list(range(200000))\nb = list(range(50))\n");
  g_autoptr (ViewScene) s = scene_test_build (t, 2, NULL);
  const ViewNode *a = scene_test_global (s, "a"), *b = scene_test_global (s, "b");
  ViewSceneOptions options;
  g_autoptr (ViewScene) wide = NULL;

  scene_test_assert_consistent (s);
  g_assert_true (a->flags & VIEW_NODE_SUMMARY);
  g_assert_cmpstr (a->title, ==, "list · 200,000 items");
  g_assert_cmpuint (a->n_slots, ==, 20);
  g_assert_cmpuint (a->hidden_slots, ==, 199980);
  g_assert_cmpstr (a->hidden_text, ==, "199,980 more int");

  g_assert_true (b->flags & VIEW_NODE_SUMMARY);
  g_assert_cmpstr (b->title, ==, "list · 50 items");
  g_assert_cmpuint (b->n_slots, ==, 25);
  g_assert_cmpuint (b->hidden_slots, ==, 25);
  g_assert_cmpstr (b->hidden_text, ==, "25 more int");
  g_assert_cmpstr (b->slots[19].label, ==, "19");
  g_assert_cmpstr (b->slots[20].label, ==, "45");
  g_assert_cmpstr (b->slots[24].inline_value, ==, "49");

  view_scene_options_init (&options);
  options.max_items = 100;
  wide = scene_test_build (t, 2, &options);
  b = scene_test_global (wide, "b");
  g_assert_false (b->flags & VIEW_NODE_SUMMARY);
  g_assert_cmpuint (b->n_slots, ==, 50);
  g_assert_cmpstr (b->title, ==, "list");
}

static guint
count_matches (TraceTimeline *t, guint step, const char *search)
{
  ViewSceneOptions options;
  g_autoptr (ViewScene) s = NULL;

  view_scene_options_init (&options);
  options.search = search;
  s = scene_test_build (t, step, &options);
  return scene_test_count (s, VIEW_NODE_OBJECT, VIEW_NODE_MATCH)
         + scene_test_count (s, VIEW_NODE_FRAME, VIEW_NODE_MATCH);
}

static void
test_search (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("05-cycles-need-the-collector.py", 0);
  guint step = scene_test_step_at_line (t, 14, 1);
  g_autoptr (ViewScene) s = scene_test_build (t, step, NULL);
  char address[32];

  /* The class and its two instances, by type and title. */
  g_assert_cmpuint (count_matches (t, step, "node"), ==, 3);
  /* The objects the attribute named partner refers to. */
  g_assert_cmpuint (count_matches (t, step, "partner"), ==, 2);
  g_assert_cmpuint (count_matches (t, step, "module"), ==, 1);
  g_assert_cmpuint (count_matches (t, step, "no such thing"), ==, 0);
  g_snprintf (address, sizeof address, "0x%" G_GINT64_MODIFIER "x", scene_test_global (s, "a")->addr);
  g_assert_cmpuint (count_matches (t, step, address), ==, 1);
  g_assert_cmpuint (count_matches (t, step, NULL), ==, 0);
}

/* A trace written to a file and read back gives the same scenes, with and
 * without shared atoms drawn (at most about 60 steps of each lesson). */
static void
test_file_round_trip (gconstpointer data)
{
  const char *lesson = data;
  g_autoptr (TraceTimeline) live
    = scene_test_record_lesson (lesson, g_str_has_prefix (lesson, "07-") ? 1 : 0);
  g_autoptr (TraceTimeline) read = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scene-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lesson.jsonl", NULL);
  guint n = trace_timeline_n_steps (live);
  ViewSceneOptions cached;

  g_assert_no_error (error);
  g_assert_true (trace_write_file (trace_timeline_log (live), path, &error));
  read = trace_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trace_timeline_n_steps (read), ==, n);
  view_scene_options_init (&cached);
  cached.show_cached = TRUE;
  for (guint step = 0; step <= n; step += step + 60 > n || n <= 60 ? 1 : n / 60)
    {
      g_autoptr (ViewScene) a = scene_test_build (live, step, NULL);
      g_autoptr (ViewScene) b = scene_test_build (read, step, NULL);
      g_autoptr (ViewScene) c = scene_test_build (live, step, &cached);
      g_autoptr (ViewScene) d = scene_test_build (read, step, &cached);
      g_autofree char *where = g_strdup_printf ("%s, step %u", lesson, step);
      scene_test_assert_consistent (a);
      scene_test_assert_consistent (c);
      scene_test_assert_same (a, b, where);
      scene_test_assert_same (c, d, where);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* Any pair of steps, forward or back, gives a consistent scene. */
static void
test_any_pair (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("05-cycles-need-the-collector.py", 0);
  guint n = trace_timeline_n_steps (t);

  for (guint a = 0; a <= n; a++)
    for (guint b = 0; b <= n + 1; b++)
      {
        g_autoptr (ViewScene) s = view_scene_build (t, a, b > n ? G_MAXUINT : b, NULL);
        scene_test_assert_consistent (s);
        g_assert_cmpuint (s->step, ==, a);
        if (b > n || b == a)
          g_assert_cmpuint (scene_test_count (s, VIEW_NODE_OBJECT, VIEW_NODE_NEW), ==, 0);
      }
}

typedef struct
{
  TraceTimeline *timeline;
  GPtrArray *scenes;
} Worker;

static gpointer
build_all (gpointer data)
{
  Worker *w = data;

  for (guint step = 0; step <= trace_timeline_n_steps (w->timeline); step++)
    g_ptr_array_add (w->scenes, scene_test_build (w->timeline, step, NULL));
  return NULL;
}

/* Scenes built on two threads at once from one timeline are the scenes
 * built on one. */
static void
test_threads (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("03-containers-hold-references.py", 0);
  Worker w[3];
  GThread *threads[2];

  for (guint k = 0; k < 3; k++)
    w[k] = (Worker){ t, g_ptr_array_new_with_free_func ((GDestroyNotify) view_scene_unref) };
  threads[0] = g_thread_new ("scene-a", build_all, &w[0]);
  threads[1] = g_thread_new ("scene-b", build_all, &w[1]);
  build_all (&w[2]);
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);
  for (guint step = 0; step < w[2].scenes->len; step++)
    {
      scene_test_assert_same (w[0].scenes->pdata[step], w[2].scenes->pdata[step], "thread a");
      scene_test_assert_same (w[1].scenes->pdata[step], w[2].scenes->pdata[step], "thread b");
    }
  for (guint k = 0; k < 3; k++)
    g_ptr_array_unref (w[k].scenes);
}

static void
test_refcount (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record ("x = 1\n");
  ViewScene *s = scene_test_build (t, 1, NULL);

  g_assert_true (view_scene_ref (s) == s);
  g_assert_cmpuint (s->refcount, ==, 2);
  view_scene_unref (s);
  g_assert_cmpuint (s->refcount, ==, 1);
  g_assert_cmpstr (scene_test_slot (s, 0, "x")->inline_value, ==, "1");
  view_scene_unref (s);
}

static const char *const lessons[] = {
  "01-small-ints-and-interning.py", "02-refcounts.py", "03-containers-hold-references.py",
  "04-del-frees-at-zero.py", "05-cycles-need-the-collector.py",
  "06-generations-and-thresholds.py", "07-globals-and-clear.py",
};

/* Pictures of a lesson's steps as `refscope-cli render` makes them: from
 * one step to the next a card keeps its column and never moves up, and
 * when a.partner = b makes a's card grow, a stays above b (b is pushed
 * down) through to the collection. */
static void
test_step_pictures (void)
{
  g_autoptr (TraceTimeline) t = scene_test_record_lesson ("05-cycles-need-the-collector.py", 0);
  guint grows = scene_test_step_at_line (t, 13, 1), collects = scene_test_step_at_line (t, 17, 1);
  ViewStepPicture before, now;
  guint64 a = 0, b = 0;
  guint kept = 0;

  view_step_picture_build (&before, t, 0, NULL);
  for (guint step = 1; step <= trace_timeline_n_steps (t); step++)
    {
      view_step_picture_build (&now, t, step, NULL);
      for (guint i = 0; i < now.layout->n_nodes; i++)
        {
          const ViewBox *was = view_layout_find (before.layout, now.layout->ids[i]);

          if (was == NULL)
            continue;
          g_assert_cmpfloat (now.layout->boxes[i].x, ==, was->x);
          g_assert_cmpfloat (now.layout->boxes[i].y, >=, was->y);
          kept += now.layout->boxes[i].y == was->y;
        }
      if (step == grows - 1)
        {
          a = scene_test_global (now.scene, "a")->id;
          b = scene_test_global (now.scene, "b")->id;
        }
      if (step >= grows - 1 && step < collects)
        g_assert_cmpfloat (view_layout_find (now.layout, a)->y, <,
                           view_layout_find (now.layout, b)->y);
      view_step_picture_clear (&before);
      before = now;
    }
  g_assert_cmpuint (a, !=, 0);
  g_assert_cmpuint (kept, >, 20);
  view_step_picture_clear (&before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scene/dunders", test_dunders);
  g_test_add_func ("/scene/function-frame", test_function_frame);
  g_test_add_func ("/scene/held-elsewhere", test_held_elsewhere);
  g_test_add_func ("/scene/summary", test_summary);
  g_test_add_func ("/scene/search", test_search);
  g_test_add_func ("/scene/step-pictures", test_step_pictures);
  for (guint i = 0; i < G_N_ELEMENTS (lessons); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scene/file-round-trip/%.2s", lessons[i]);
      g_test_add_data_func (path, lessons[i], test_file_round_trip);
    }
  g_test_add_func ("/scene/any-pair-of-steps", test_any_pair);
  g_test_add_func ("/scene/threads", test_threads);
  g_test_add_func ("/scene/refcount", test_refcount);
  scene_test_add_lesson_tests ();
  scene_test_add_graph_tests ();
  return g_test_run ();
}
