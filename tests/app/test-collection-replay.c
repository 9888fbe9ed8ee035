/* test-collection-replay.c: a step's collections cut into passes, checked
 * on a recorded cycle: the passes come in the collector's order, and the
 * state at each shows what the pass did (gc_refs after subtracting the
 * cycle's own references, the cycle unreachable, then freed). */
#include "collection-replay.h"
#include "trace-test.h"

#include <string.h>

static const char cycle_program[] =
  "import gc\n"
  "class Node:\n"
  "    pass\n"
  "a = Node()\n"
  "b = Node()\n"
  "a.partner = b\n"
  "b.partner = a\n"
  "keep = Node()\n"
  "del a\n"
  "del b\n"
  "gc.collect()\n";

static void
test_cycle_collection (void)
{
  int status;
  g_autoptr (TraceTimeline) timeline = trace_test_record_full (cycle_program, 0, TRUE, &status);
  guint n_steps = trace_timeline_n_steps (timeline);
  g_autoptr (RefscopeCollectionReplay) replay = NULL;
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  const RefscopeCollection *c;
  guint64 a, b, keep;
  gboolean saw_subtract = FALSE, saw_unreachable = FALSE;

  g_assert_cmpint (status, ==, 0);
  /* The ids of the three Nodes, from the step before the dels. */
  trace_cursor_seek_step (cursor, n_steps - 3);
  a = trace_test_global (timeline, trace_cursor_heap (cursor), "a");
  b = trace_test_global (timeline, trace_cursor_heap (cursor), "b");
  keep = trace_test_global (timeline, trace_cursor_heap (cursor), "keep");
  g_assert_cmpuint (a, !=, 0);
  g_assert_cmpuint (keep, !=, 0);

  replay = refscope_collection_replay_new (timeline, n_steps);
  g_assert_cmpuint (replay->n_collections, ==, 1);
  c = &replay->collections[0];
  g_assert_cmpint (c->generation, ==, 2);
  g_assert_true (c->manual);
  g_assert_true (c->detailed);
  /* gc.collect() returns 2 here in CPython 3.11: the two Nodes (their
   * __dict__s are inlined in 3.11 and not counted). */
  g_assert_cmpint (c->collected, ==, 2);
  g_assert_cmpuint (c->n_stops, >=, 5);
  g_assert_cmpint (c->stops[0].phase, ==, 0);
  g_assert_cmpint (c->stops[c->n_stops - 1].phase, ==, -1);
  /* CPython's order: the three passes that find the unreachable come first
   * (survivors are promoted right after them, before finalizers run). */
  g_assert_cmpint (c->stops[1].phase, ==, TRACE_PHASE_UPDATE_REFS);
  g_assert_cmpint (c->stops[2].phase, ==, TRACE_PHASE_SUBTRACT_REFS);
  g_assert_cmpint (c->stops[3].phase, ==, TRACE_PHASE_MOVE_UNREACHABLE);

  for (guint i = 0; i < c->n_stops; i++)
    {
      const RefscopeReplayStop *stop = &c->stops[i];
      const TraceHeap *heap;

      if (i > 0)
        g_assert_cmpuint (stop->events, >, c->stops[i - 1].events);
      trace_cursor_seek_event (cursor, stop->events);
      heap = trace_cursor_heap (cursor);
      if (stop->phase == TRACE_PHASE_SUBTRACT_REFS)
        {
          /* Each Node of the cycle is held only by the other: nothing from
           * outside. So is keep, by the globals dict, which is examined too
           * in a full collection; the dict itself is held from outside (by
           * the interpreter), and keep is found alive through it next. */
          const TraceHeapFrame *frame = trace_heap_frame_at (heap, 0);
          g_assert_cmpint (trace_heap_lookup (heap, a)->gc_refs, ==, 0);
          g_assert_cmpint (trace_heap_lookup (heap, b)->gc_refs, ==, 0);
          g_assert_cmpint (trace_heap_lookup (heap, keep)->gc_refs, ==, 0);
          g_assert_cmpint (trace_heap_lookup (heap, frame->namespace)->gc_refs, >, 0);
          saw_subtract = TRUE;
        }
      if (stop->phase == TRACE_PHASE_MOVE_UNREACHABLE)
        {
          g_assert_true (trace_heap_lookup (heap, a)->flags & TRACE_OBJ_UNREACHABLE);
          g_assert_false (trace_heap_lookup (heap, keep)->flags & TRACE_OBJ_UNREACHABLE);
          saw_unreachable = TRUE;
        }
      if (stop->phase == -1)
        {
          g_assert_null (trace_heap_lookup (heap, a));
          g_assert_null (trace_heap_lookup (heap, b));
          g_assert_nonnull (trace_heap_lookup (heap, keep));
        }
    }
  g_assert_true (saw_subtract);
  g_assert_true (saw_unreachable);
  for (gint phase = 0; phase <= TRACE_PHASE_PROMOTE; phase++)
    {
      g_assert_nonnull (refscope_replay_phase_title (phase));
      g_assert_cmpuint (strlen (refscope_replay_phase_text (phase)), >, 20);
    }
}

static void
test_no_collection (void)
{
  int status;
  g_autoptr (TraceTimeline) timeline = trace_test_record ("x = [1]\ny = x\n", 0, &status);

  for (guint step = 0; step <= trace_timeline_n_steps (timeline); step++)
    {
      g_autoptr (RefscopeCollectionReplay) replay = refscope_collection_replay_new (timeline, step);
      g_assert_cmpuint (replay->n_collections, ==, 0);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/collection-replay/cycle", test_cycle_collection);
  g_test_add_func ("/collection-replay/none", test_no_collection);
  return g_test_run ();
}
