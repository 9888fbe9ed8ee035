/* test-timeline-marks.c: the scrubber's marks and range totals against
 * recorded programs and a brute-force count, and step diffs against the
 * states the trace gives. */
#include "timeline-marks.h"
#include "trace-test.h"

#include <string.h>

/* The step that runs line for the nth time (from 0). */
static guint
step_of_line (TraceTimeline *timeline, guint line, guint nth)
{
  TraceLog *log = trace_timeline_log (timeline);

  for (guint step = 1; step <= trace_log_n_steps (log); step++)
    {
      TraceEvent event;
      trace_log_get (log, trace_log_step_event (log, step), &event);
      if (event.b == line && nth-- == 0)
        return step;
    }
  g_error ("line %u does not run that often", line);
}

static TraceTimeline *
record (const char *source, int expect_status)
{
  int status;
  TraceTimeline *timeline = trace_test_record (source, 0, &status);

  g_assert_cmpint (status, ==, expect_status);
  return timeline;
}

/* The marks, worked out the slow way: every event looked at on its own,
 * each death placed by trace_log_step_of_event. */
static GArray *
brute_force_marks (TraceTimeline *timeline)
{
  TraceLog *log = trace_timeline_log (timeline);
  guint n_steps = trace_log_n_steps (log);
  g_autoptr (GArray) collections = g_array_new (FALSE, FALSE, sizeof (RefscopeTimelineMark));
  g_autofree guint *frees = g_new0 (guint, (n_steps + 1) * 5);
  g_autofree guint *errors = g_new0 (guint, n_steps + 1);
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (RefscopeTimelineMark));
  guint8 manual = 0;
  guint c = 0, exceptions = 0;
  TraceLogIter iter;

  trace_log_iter_init (&iter, log, 0);
  for (guint64 i = 0; i < trace_log_n_events (log); i++)
    {
      TraceEvent e;
      guint step = trace_log_step_of_event (log, i);

      g_assert_true (trace_log_iter_next (&iter, &e));
      if (e.kind == TRACE_EV_GC_START)
        manual = (e.flags & TRACE_EVF_MANUAL) ? REFSCOPE_MARK_MANUAL : 0;
      else if (e.kind == TRACE_EV_GC_END)
        {
          RefscopeTimelineMark m = { step, REFSCOPE_MARK_COLLECTION, manual, (gint8) e.small,
                                     (guint) e.a };
          g_array_append_val (collections, m);
        }
      else if (e.kind == TRACE_EV_EXCEPTION)
        errors[step]++, exceptions++;
      else if (e.kind == TRACE_EV_END && e.a == 1 && exceptions == 0)
        errors[step]++;
    }
  for (guint i = 0; i < trace_timeline_n_deaths (timeline); i++)
    {
      const TraceDeath *d = trace_timeline_death_at (timeline, i);
      frees[trace_log_step_of_event (log, d->event) * 5 + d->cause + 2]++;
    }
  for (guint step = 0; step <= n_steps; step++)
    {
      for (; c < collections->len
             && g_array_index (collections, RefscopeTimelineMark, c).step == step;
           c++)
        g_array_append_val (marks, g_array_index (collections, RefscopeTimelineMark, c));
      for (gint cause = -2; cause <= 2; cause++)
        if (frees[step * 5 + cause + 2] > 0)
          {
            RefscopeTimelineMark m = { step, REFSCOPE_MARK_FREES, 0, (gint8) cause,
                                       frees[step * 5 + cause + 2] };
            g_array_append_val (marks, m);
          }
      if (errors[step] > 0)
        {
          RefscopeTimelineMark m = { step, REFSCOPE_MARK_ERROR, 0, -1, errors[step] };
          g_array_append_val (marks, m);
        }
    }
  return marks;
}

static void
assert_same_mark (const RefscopeTimelineMark *a, const RefscopeTimelineMark *b)
{
  g_assert_cmpuint (a->step, ==, b->step);
  g_assert_cmpuint (a->kind, ==, b->kind);
  g_assert_cmpuint (a->flags, ==, b->flags);
  g_assert_cmpint (a->generation, ==, b->generation);
  g_assert_cmpuint (a->count, ==, b->count);
}

static void
assert_marks_are (RefscopeTimelineMarks *marks, GArray *expected)
{
  g_assert_cmpuint (refscope_timeline_marks_n_marks (marks), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    assert_same_mark (refscope_timeline_marks_get_mark (marks, i),
                      &g_array_index (expected, RefscopeTimelineMark, i));
}

static void
brute_force_bucket (GArray *marks, guint first, guint last, RefscopeMarkBucket *out)
{
  memset (out, 0, sizeof *out);
  out->max_generation = -1;
  for (guint i = 0; i < marks->len; i++)
    {
      const RefscopeTimelineMark *m = &g_array_index (marks, RefscopeTimelineMark, i);

      if (m->step < first || m->step > last)
        continue;
      switch (m->kind)
        {
        case REFSCOPE_MARK_COLLECTION:
          out->collections++;
          out->manual_collections += (m->flags & REFSCOPE_MARK_MANUAL) != 0;
          out->collected += m->count;
          out->max_generation = MAX (out->max_generation, m->generation);
          break;
        case REFSCOPE_MARK_FREES:
          out->frees += m->count;
          if (m->generation == TRACE_CAUSE_REFCOUNT)
            out->refcount_frees += m->count;
          else if (m->generation >= 0)
            out->collector_frees += m->count;
          break;
        case REFSCOPE_MARK_ERROR:
          out->errors += m->count;
          break;
        }
    }
}

/* Marks equal brute force; buckets and ranges equal brute force over
 * random ranges. */
static void
check_queries (TraceTimeline *timeline, RefscopeTimelineMarks *marks, guint n_queries)
{
  g_autoptr (GArray) expected = brute_force_marks (timeline);
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  guint n_steps = trace_timeline_n_steps (timeline);

  g_assert_cmpuint (refscope_timeline_marks_n_steps (marks), ==, n_steps);
  assert_marks_are (marks, expected);
  for (guint i = 0; i < n_queries; i++)
    {
      guint first = g_rand_int_range (rand, 0, n_steps + 1);
      guint last = i % 10 == 0 ? first : (guint) g_rand_int_range (rand, first, n_steps + 1);
      RefscopeMarkBucket got, want;
      const RefscopeTimelineMark *range;
      guint n, want_n = 0, want_first = 0;

      if (i == 1)
        first = 0, last = n_steps;
      refscope_timeline_marks_bucket (marks, first, last, &got);
      brute_force_bucket (expected, first, last, &want);
      g_assert_cmpint (got.max_generation, ==, want.max_generation);
      g_assert_cmpuint (got.collections, ==, want.collections);
      g_assert_cmpuint (got.manual_collections, ==, want.manual_collections);
      g_assert_cmpuint (got.collected, ==, want.collected);
      g_assert_cmpuint (got.frees, ==, want.frees);
      g_assert_cmpuint (got.refcount_frees, ==, want.refcount_frees);
      g_assert_cmpuint (got.collector_frees, ==, want.collector_frees);
      g_assert_cmpuint (got.errors, ==, want.errors);

      range = refscope_timeline_marks_in_range (marks, first, last, &n);
      for (guint j = 0; j < expected->len; j++)
        {
          guint step = g_array_index (expected, RefscopeTimelineMark, j).step;
          if (step >= first && step <= last && want_n++ == 0)
            want_first = j;
        }
      g_assert_cmpuint (n, ==, want_n);
      if (n > 0)
        g_assert_true (range == refscope_timeline_marks_get_mark (marks, want_first));
      else
        g_assert_null (range);
    }
}

static void
check_against_brute_force (TraceTimeline *timeline, RefscopeTimelineMarks *marks)
{
  check_queries (timeline, marks, 3000);
}

static const RefscopeTimelineMark *
find_mark (RefscopeTimelineMarks *marks, guint step, guint kind, gint generation)
{
  guint n;
  const RefscopeTimelineMark *m = refscope_timeline_marks_in_range (marks, step, step, &n);

  for (guint i = 0; i < n; i++)
    if (m[i].kind == kind && (generation == G_MININT || m[i].generation == generation))
      return &m[i];
  return NULL;
}

static guint
count_marks (RefscopeTimelineMarks *marks, guint kind)
{
  guint n = 0;

  for (guint i = 0; i < refscope_timeline_marks_n_marks (marks); i++)
    n += refscope_timeline_marks_get_mark (marks, i)->kind == kind;
  return n;
}

static void
test_collect_cycle (void)
{
  g_autoptr (TraceTimeline) timeline = record ("import gc\n"
                                               "a = []\n"
                                               "b = [a]\n"
                                               "a.append(b)\n"
                                               "del a, b\n"
                                               "n = gc.collect()\n",
                                               0);
  g_autoptr (RefscopeTimelineMarks) marks = refscope_timeline_marks_new (timeline);
  guint step = step_of_line (timeline, 6, 0);
  const RefscopeTimelineMark *m;
  RefscopeMarkBucket bucket;

  /* CPython 3.11's gc.collect() returns 2 here: the two lists. */
  m = find_mark (marks, step, REFSCOPE_MARK_COLLECTION, G_MININT);
  g_assert_nonnull (m);
  g_assert_cmpint (m->generation, ==, 2);
  g_assert_cmpuint (m->count, ==, 2);
  g_assert_cmpuint (m->flags, ==, REFSCOPE_MARK_MANUAL);
  g_assert_cmpuint (count_marks (marks, REFSCOPE_MARK_COLLECTION), ==, 1);
  /* Both lists died by the collector's hand, in that step. */
  m = find_mark (marks, step, REFSCOPE_MARK_FREES, 2);
  g_assert_nonnull (m);
  g_assert_cmpuint (m->count, ==, 2);
  /* The del freed nothing of the program's: the cycle kept both alive. */
  g_assert_null (find_mark (marks, step - 1, REFSCOPE_MARK_FREES, 2));

  refscope_timeline_marks_bucket (marks, 0, step - 1, &bucket);
  g_assert_cmpint (bucket.max_generation, ==, -1);
  refscope_timeline_marks_bucket (marks, step, step, &bucket);
  g_assert_cmpint (bucket.max_generation, ==, 2);
  g_assert_cmpuint (bucket.collections, ==, 1);
  g_assert_cmpuint (bucket.manual_collections, ==, 1);
  g_assert_cmpuint (bucket.collected, ==, 2);
  g_assert_cmpuint (bucket.collector_frees, ==, 2);
  check_against_brute_force (timeline, marks);
}

static void
test_del_frees (void)
{
  g_autoptr (TraceTimeline) timeline = record ("x = []\n"
                                               "del x\n"
                                               "y = 0\n",
                                               0);
  g_autoptr (RefscopeTimelineMarks) marks = refscope_timeline_marks_new (timeline);
  const TraceLog *log = trace_timeline_log (timeline);
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  guint64 list;
  const RefscopeTimelineMark *del_frees, *y_frees;
  guint lists = 0, first, end;

  trace_cursor_seek_step (cursor, 1);
  list = trace_test_global (timeline, trace_cursor_heap (cursor), "x");
  g_assert_cmpuint (list, !=, 0);

  /* Each statement's step also frees the statement's own compiled code;
   * the del step frees exactly one thing more: the list. */
  del_frees = find_mark (marks, 2, REFSCOPE_MARK_FREES, TRACE_CAUSE_REFCOUNT);
  y_frees = find_mark (marks, 3, REFSCOPE_MARK_FREES, TRACE_CAUSE_REFCOUNT);
  g_assert_nonnull (del_frees);
  g_assert_nonnull (y_frees);
  g_assert_cmpuint (del_frees->count, ==, y_frees->count + 1);

  first = trace_timeline_deaths_before (timeline, trace_timeline_step_end (timeline, 1));
  end = trace_timeline_deaths_before (timeline, trace_timeline_step_end (timeline, 2));
  g_assert_cmpuint (end - first, ==, del_frees->count);
  for (guint i = first; i < end; i++)
    {
      const TraceDeath *d = trace_timeline_death_at (timeline, i);
      if (g_str_equal (trace_log_string (log, d->type), "list"))
        {
          g_assert_cmpuint (d->id, ==, list);
          g_assert_cmpint (d->cause, ==, TRACE_CAUSE_REFCOUNT);
          lists++;
        }
    }
  g_assert_cmpuint (lists, ==, 1);
  g_assert_cmpuint (count_marks (marks, REFSCOPE_MARK_COLLECTION), ==, 0);
  check_against_brute_force (timeline, marks);
}

/* gen-0 collections start where CPython starts them: at the allocation
 * that takes the count past the threshold, 700. */
static void
test_automatic_collections (void)
{
  g_autoptr (TraceTimeline) timeline = record ("import gc\n"
                                               "gc.collect()\n"
                                               "keep = []\n"
                                               "for i in range(2000):\n"
                                               "    keep.append([])\n",
                                               0);
  g_autoptr (RefscopeTimelineMarks) marks = refscope_timeline_marks_new (timeline);
  TraceLog *log = trace_timeline_log (timeline);
  guint loop_start = step_of_line (timeline, 5, 0);
  TraceStepInfo info;
  guint iterations[2], n = 0;
  gint64 start_count;

  g_assert_cmpint (trace_log_thresholds (log)[0], ==, 700);
  trace_timeline_step_info (timeline, loop_start - 1, &info);
  start_count = info.counts[0];

  for (guint i = 0; i < refscope_timeline_marks_n_marks (marks); i++)
    {
      const RefscopeTimelineMark *m = refscope_timeline_marks_get_mark (marks, i);
      TraceEvent step_event;

      if (m->kind != REFSCOPE_MARK_COLLECTION)
        continue;
      if (m->flags & REFSCOPE_MARK_MANUAL)
        {
          g_assert_cmpuint (m->step, ==, step_of_line (timeline, 2, 0));
          g_assert_cmpint (m->generation, ==, 2);
          continue;
        }
      g_assert_cmpint (m->generation, ==, 0);
      g_assert_cmpuint (n, <, 2);
      /* In the loop's body, the state before it at the threshold. */
      trace_log_get (log, trace_log_step_event (log, m->step), &step_event);
      g_assert_cmpint (step_event.b, ==, 5);
      trace_timeline_step_info (timeline, m->step - 1, &info);
      g_assert_cmpint (info.counts[0], ==, 700);
      /* Body steps alternate with the for line's. */
      iterations[n++] = (m->step - loop_start) / 2;
      g_assert_cmpuint (m->step, ==, step_of_line (timeline, 5, iterations[n - 1]));
    }
  g_assert_cmpuint (n, ==, 2);
  /* One list per iteration: the first collection when the count, start_count
   * at the loop's start, first exceeds 700; then every 701 lists, the count
   * starting again from 0 (CPython 3.11 under the oracle: iterations 700 and
   * 1401 from a count of 0). */
  g_assert_cmpint (iterations[0], ==, 700 - start_count);
  g_assert_cmpuint (iterations[1] - iterations[0], ==, 701);
  check_against_brute_force (timeline, marks);
}

/* A new, empty timeline with src's header. */
static TraceTimeline *
timeline_like (TraceTimeline *src)
{
  const TraceLog *from = trace_timeline_log (src);
  TraceLog *log = trace_log_new ();

  trace_log_set_producer (log, trace_log_producer (from));
  trace_log_set_thresholds (log, trace_log_thresholds (from));
  for (guint i = 0; i < trace_log_n_files (from); i++)
    {
      gsize length;
      const char *text = trace_log_file_text (from, i, &length);
      trace_log_add_file (log, trace_log_file_name (from, i), text, length);
    }
  return trace_timeline_new (log);
}

/* Appends src's events from..to - 1 to dst, as a live run would. */
static void
replay (TraceTimeline *dst, TraceTimeline *src, guint64 from, guint64 to)
{
  const TraceLog *src_log = trace_timeline_log (src);
  TraceLog *dst_log = trace_timeline_log (dst);

  for (guint64 i = from; i < to; i++)
    {
      TraceEvent e;
      g_autofree char *error = NULL;

      trace_log_get (src_log, i, &e);
      if (e.str != 0)
        e.str = trace_log_intern (dst_log, trace_log_string (src_log, e.str), -1);
      if (e.str2 != 0)
        e.str2 = trace_log_intern (dst_log, trace_log_string (src_log, e.str2), -1);
      if (!trace_timeline_append (dst, &e, &error))
        g_error ("event %" G_GUINT64_FORMAT ": %s", i, error);
    }
}

/* The embedded runtime writes no exception event: the end's status says
 * where the uncaught error was. A trace from CPython names the exception. */
static void
test_error (void)
{
  g_autoptr (TraceTimeline) source = record ("x = 1\n"
                                             "y = 1 / 0\n"
                                             "z = 2\n",
                                             1);
  g_autoptr (RefscopeTimelineMarks) marks = refscope_timeline_marks_new (source);
  g_autoptr (TraceTimeline) timeline = timeline_like (source);
  guint64 n_events = trace_timeline_n_events (source);
  const RefscopeTimelineMark *m = find_mark (marks, 2, REFSCOPE_MARK_ERROR, G_MININT);
  RefscopeMarkBucket bucket;
  TraceEvent end, exception = { .kind = TRACE_EV_EXCEPTION };
  g_autofree char *error = NULL;

  g_assert_cmpuint (trace_timeline_n_steps (source), ==, 2);
  g_assert_nonnull (m);
  g_assert_cmpuint (m->count, ==, 1);
  g_assert_cmpint (m->generation, ==, -1);
  g_assert_cmpuint (count_marks (marks, REFSCOPE_MARK_ERROR), ==, 1);
  refscope_timeline_marks_bucket (marks, 0, 100, &bucket);
  g_assert_cmpuint (bucket.errors, ==, 1);
  refscope_timeline_marks_bucket (marks, 0, 1, &bucket);
  g_assert_cmpuint (bucket.errors, ==, 0);
  check_against_brute_force (source, marks);
  g_clear_pointer (&marks, refscope_timeline_marks_free);

  /* The same with an exception event before the end: one error, not two. */
  trace_log_get (trace_timeline_log (source), n_events - 1, &end);
  g_assert_cmpuint (end.kind, ==, TRACE_EV_END);
  replay (timeline, source, 0, n_events - 1);
  exception.id = trace_heap_object_at (trace_timeline_head (timeline), 0)->id;
  g_assert_true (trace_timeline_append (timeline, &exception, &error));
  g_assert_true (trace_timeline_append (timeline, &end, &error));
  marks = refscope_timeline_marks_new (timeline);
  m = find_mark (marks, 2, REFSCOPE_MARK_ERROR, G_MININT);
  g_assert_nonnull (m);
  g_assert_cmpuint (m->count, ==, 1);
  g_assert_cmpuint (count_marks (marks, REFSCOPE_MARK_ERROR), ==, 1);
  check_against_brute_force (timeline, marks);
}

/* Marks kept up to date while a timeline grows equal marks made afresh. */
static void
test_update (void)
{
  g_autoptr (TraceTimeline) source = record ("import gc\n"
                                             "gc.set_threshold(50, 2, 2)\n"
                                             "keep = []\n"
                                             "for i in range(300):\n"
                                             "    a = [i]\n"
                                             "    a.append(a)\n"
                                             "    if i % 7 == 0:\n"
                                             "        keep.append(a)\n"
                                             "del a\n"
                                             "gc.collect()\n"
                                             "keep = 1 / 0\n",
                                             1);
  g_autoptr (TraceTimeline) timeline = timeline_like (source);
  g_autoptr (RefscopeTimelineMarks) marks = refscope_timeline_marks_new (timeline);
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  guint64 n_events = trace_timeline_n_events (source), done = 0;
  guint changes = 0;
  gboolean generations[3] = { FALSE };

  g_assert_cmpuint (refscope_timeline_marks_n_marks (marks), ==, 0);
  g_assert_false (refscope_timeline_marks_update (marks));
  while (done < n_events)
    {
      /* Sometimes a few events, ending mid-step, sometimes many. */
      guint64 next = done + g_rand_int_range (rand, 1, g_rand_boolean (rand) ? 8 : 400);
      g_autoptr (GArray) expected = NULL;

      next = MIN (next, n_events);
      replay (timeline, source, done, next);
      done = next;
      changes += refscope_timeline_marks_update (marks);
      expected = brute_force_marks (timeline);
      assert_marks_are (marks, expected);
      g_assert_cmpuint (refscope_timeline_marks_n_steps (marks), ==,
                        trace_timeline_n_steps (timeline));
      g_assert_false (refscope_timeline_marks_update (marks));
    }
  g_assert_cmpuint (changes, >, 10);
  for (guint i = 0; i < refscope_timeline_marks_n_marks (marks); i++)
    {
      const RefscopeTimelineMark *m = refscope_timeline_marks_get_mark (marks, i);
      if (m->kind == REFSCOPE_MARK_COLLECTION)
        generations[m->generation] = TRUE;
    }
  /* Low thresholds: every generation collected at least once. */
  g_assert_true (generations[0] && generations[1] && generations[2]);
  g_assert_cmpuint (count_marks (marks, REFSCOPE_MARK_ERROR), ==, 1);
  check_against_brute_force (timeline, marks);
}

/* Linear and quick: about a million events. */
static void
test_speed (void)
{
  g_autoptr (TraceTimeline) timeline = record ("keep = []\n"
                                               "for i in range(80000):\n"
                                               "    keep.append([i])\n"
                                               "    if i % 1000 == 0:\n"
                                               "        del keep[:500]\n",
                                               0);
  RefscopeTimelineMarks *marks;
  guint64 n_events = trace_timeline_n_events (timeline);
  gint64 start, best = G_MAXINT64;
  const char *preload = g_getenv ("LD_PRELOAD");

  g_assert_cmpuint (n_events, >, 900000);
  for (guint run = 0; run < 3; run++)
    {
      start = g_get_monotonic_time ();
      marks = refscope_timeline_marks_new (timeline);
      best = MIN (best, g_get_monotonic_time () - start);
      if (run < 2)
        refscope_timeline_marks_free (marks);
    }
  g_test_message ("%" G_GUINT64_FORMAT " events, %u steps, %u marks: %.1f ms", n_events,
                  trace_timeline_n_steps (timeline), refscope_timeline_marks_n_marks (marks),
                  best / 1000.0);
  /* Valgrind (which preloads its vgpreload libraries) runs everything fifty
   * times slower; the bound is for a plain build. */
  if (preload == NULL || strstr (preload, "vgpreload") == NULL)
    g_assert_cmpint (best, <, G_USEC_PER_SEC / 2);
  check_queries (timeline, marks, 200);
  refscope_timeline_marks_free (marks);
}

/* The diff's lists, flags and table agree with the two states, object by
 * object. */
static void
check_diff (TraceTimeline *timeline, guint step_a, guint step_b)
{
  g_autoptr (RefscopeStepDiff) diff = refscope_step_diff_new (timeline, step_a, step_b);
  g_autoptr (TraceCursor) cursor_a = trace_cursor_new (timeline);
  g_autoptr (TraceCursor) cursor_b = trace_cursor_new (timeline);
  g_autoptr (GHashTable) table = refscope_step_diff_to_table (diff);
  const TraceHeap *a, *b;
  guint n_born = 0, n_died = 0, n_refcounts = 0, n_references = 0, n, total = 0;
  const guint64 *ids;
  const RefscopeRefcountChange *changes;

  trace_cursor_seek_step (cursor_a, step_a);
  trace_cursor_seek_step (cursor_b, step_b);
  a = trace_cursor_heap (cursor_a);
  b = trace_cursor_heap (cursor_b);
  g_assert_cmpuint (refscope_step_diff_step_a (diff), ==, step_a);
  g_assert_cmpuint (refscope_step_diff_step_b (diff), ==, step_b);

  for (guint i = 0; i < trace_heap_n_objects (b); i++)
    {
      const TraceHeapObject *after = trace_heap_object_at (b, i);
      const TraceHeapObject *before = trace_heap_lookup (a, after->id);
      RefscopeDiffKind kind;
      guint want = 0;

      if (before == NULL)
        want = REFSCOPE_DIFF_BORN;
      else
        {
          g_autofree gboolean *used = g_new0 (gboolean, after->n_refs + 1);
          gboolean same = before->n_refs == after->n_refs;

          if (before->refcnt != after->refcnt)
            want |= REFSCOPE_DIFF_REFCOUNT;
          /* As multisets: each reference of one matched by a distinct one
           * of the other. */
          for (guint32 j = 0; same && j < before->n_refs; j++)
            {
              const TraceRef *r = &before->refs[j];
              gboolean found = FALSE;

              for (guint32 k = 0; k < after->n_refs && !found; k++)
                {
                  const TraceRef *s = &after->refs[k];
                  if (!used[k] && s->kind == r->kind && s->slot == r->slot
                      && s->name == r->name && s->target == r->target)
                    used[k] = found = TRUE;
                }
              same = found;
            }
          if (!same)
            want |= REFSCOPE_DIFF_REFERENCES;
        }
      g_assert_cmpuint (refscope_step_diff_contains (diff, after->id, &kind), ==, want != 0);
      g_assert_cmpuint (kind, ==, want);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (table, &after->id)), ==, want);
      n_born += (want & REFSCOPE_DIFF_BORN) != 0;
      n_refcounts += (want & REFSCOPE_DIFF_REFCOUNT) != 0;
      n_references += (want & REFSCOPE_DIFF_REFERENCES) != 0;
      total += want != 0;
      if (want & REFSCOPE_DIFF_REFCOUNT)
        {
          changes = refscope_step_diff_refcounts (diff, &n);
          for (guint j = 0; j < n; j++)
            if (changes[j].id == after->id)
              {
                g_assert_cmpint (changes[j].before, ==, before->refcnt);
                g_assert_cmpint (changes[j].after, ==, after->refcnt);
              }
        }
    }
  for (guint i = 0; i < trace_heap_n_objects (a); i++)
    {
      const TraceHeapObject *before = trace_heap_object_at (a, i);
      RefscopeDiffKind kind;

      if (trace_heap_lookup (b, before->id) != NULL)
        continue;
      g_assert_true (refscope_step_diff_contains (diff, before->id, &kind));
      g_assert_cmpuint (kind, ==, REFSCOPE_DIFF_DIED);
      n_died++;
      total++;
    }

  ids = refscope_step_diff_born (diff, &n);
  g_assert_cmpuint (n, ==, n_born);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (ids[i - 1], <, ids[i]);
  ids = refscope_step_diff_died (diff, &n);
  g_assert_cmpuint (n, ==, n_died);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (ids[i - 1], <, ids[i]);
  ids = refscope_step_diff_references (diff, &n);
  g_assert_cmpuint (n, ==, n_references);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (ids[i - 1], <, ids[i]);
  changes = refscope_step_diff_refcounts (diff, &n);
  g_assert_cmpuint (n, ==, n_refcounts);
  for (guint i = 1; i < n; i++)
    g_assert_cmpuint (changes[i - 1].id, <, changes[i].id);
  g_assert_cmpuint (g_hash_table_size (table), ==, total);
  g_assert_cmpuint (refscope_step_diff_is_empty (diff), ==, total == 0);
  g_assert_false (refscope_step_diff_contains (diff, TRACE_ID_MAX + 1, NULL));
}

static const RefscopeRefcountChange *
find_change (RefscopeStepDiff *diff, guint64 id)
{
  guint n;
  const RefscopeRefcountChange *changes = refscope_step_diff_refcounts (diff, &n);

  for (guint i = 0; i < n; i++)
    if (changes[i].id == id)
      return &changes[i];
  return NULL;
}

static gboolean
has_id (const guint64 *ids, guint n, guint64 id)
{
  for (guint i = 0; i < n; i++)
    if (ids[i] == id)
      return TRUE;
  return FALSE;
}

static void
test_diff (void)
{
  g_autoptr (TraceTimeline) timeline = record ("a = [1]\n"
                                               "b = [a, a]\n"
                                               "a.append(2)\n"
                                               "del b\n",
                                               0);
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  g_autoptr (RefscopeStepDiff) diff = NULL;
  const RefscopeRefcountChange *change;
  RefscopeDiffKind kind;
  guint64 a, b, globals;
  const guint64 *ids;
  guint n;

  trace_cursor_seek_step (cursor, 2);
  a = trace_test_global (timeline, trace_cursor_heap (cursor), "a");
  b = trace_test_global (timeline, trace_cursor_heap (cursor), "b");
  globals = trace_heap_frame_at (trace_cursor_heap (cursor), 0)->namespace;
  g_assert_cmpuint (a, !=, 0);
  g_assert_cmpuint (b, !=, 0);

  /* b = [a, a]: b is born; a, held twice more, goes from 1 to 3 (CPython:
   * sys.getrefcount(a) is 4 there); a holds what it held. */
  diff = refscope_step_diff_new (timeline, 1, 2);
  ids = refscope_step_diff_born (diff, &n);
  g_assert_true (has_id (ids, n, b));
  g_assert_true (refscope_step_diff_contains (diff, b, &kind));
  g_assert_cmpuint (kind, ==, REFSCOPE_DIFF_BORN);
  change = find_change (diff, a);
  g_assert_nonnull (change);
  g_assert_cmpint (change->before, ==, 1);
  g_assert_cmpint (change->after, ==, 3);
  g_assert_true (refscope_step_diff_contains (diff, a, &kind));
  g_assert_cmpuint (kind, ==, REFSCOPE_DIFF_REFCOUNT);
  /* The globals gained b. */
  g_assert_true (refscope_step_diff_contains (diff, globals, &kind));
  g_assert_true (kind & REFSCOPE_DIFF_REFERENCES);
  g_clear_pointer (&diff, refscope_step_diff_free);

  /* a.append(2): a's references change, its count does not. */
  diff = refscope_step_diff_new (timeline, 2, 3);
  g_assert_true (refscope_step_diff_contains (diff, a, &kind));
  g_assert_cmpuint (kind, ==, REFSCOPE_DIFF_REFERENCES);
  g_assert_false (refscope_step_diff_contains (diff, b, NULL));
  g_clear_pointer (&diff, refscope_step_diff_free);

  /* del b: b dies, a goes back to 1. Backwards, b is born again. */
  diff = refscope_step_diff_new (timeline, 3, 4);
  ids = refscope_step_diff_died (diff, &n);
  g_assert_true (has_id (ids, n, b));
  change = find_change (diff, a);
  g_assert_cmpint (change->before, ==, 3);
  g_assert_cmpint (change->after, ==, 1);
  g_clear_pointer (&diff, refscope_step_diff_free);
  diff = refscope_step_diff_new (timeline, 4, 3);
  g_assert_true (refscope_step_diff_contains (diff, b, &kind));
  g_assert_cmpuint (kind, ==, REFSCOPE_DIFF_BORN);
  change = find_change (diff, a);
  g_assert_cmpint (change->before, ==, 1);
  g_assert_cmpint (change->after, ==, 3);
  g_clear_pointer (&diff, refscope_step_diff_free);

  /* A step against itself: nothing. */
  for (guint step = 0; step <= 4; step++)
    {
      diff = refscope_step_diff_new (timeline, step, step);
      g_assert_true (refscope_step_diff_is_empty (diff));
      g_assert_null (refscope_step_diff_born (diff, &n));
      g_assert_cmpuint (n, ==, 0);
      g_assert_null (refscope_step_diff_refcounts (diff, &n));
      g_assert_cmpuint (n, ==, 0);
      g_assert_false (refscope_step_diff_contains (diff, a, &kind));
      g_assert_cmpuint (kind, ==, 0);
      g_clear_pointer (&diff, refscope_step_diff_free);
    }

  for (guint x = 0; x <= 4; x++)
    for (guint y = 0; y <= 4; y++)
      check_diff (timeline, x, y);
}

/* Every pair of a few steps of a program with cycles, a collection and
 * reordered lists, checked object by object. */
static void
test_diff_brute_force (void)
{
  g_autoptr (TraceTimeline) timeline = record ("import gc\n"
                                               "d = {'k': [1, 2, 3]}\n"
                                               "l = d['k']\n"
                                               "l.reverse()\n"
                                               "l.sort()\n"
                                               "class C:\n"
                                               "    pass\n"
                                               "c = C()\n"
                                               "c.me = c\n"
                                               "c.l = l\n"
                                               "del c\n"
                                               "gc.collect()\n"
                                               "l.insert(0, l)\n"
                                               "d.clear()\n",
                                               0);
  guint n_steps = trace_timeline_n_steps (timeline);

  for (guint x = 0; x <= n_steps; x++)
    for (guint y = 0; y <= n_steps; y++)
      check_diff (timeline, x, y);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline-marks/collect-cycle", test_collect_cycle);
  g_test_add_func ("/timeline-marks/del-frees", test_del_frees);
  g_test_add_func ("/timeline-marks/automatic-collections", test_automatic_collections);
  g_test_add_func ("/timeline-marks/error", test_error);
  g_test_add_func ("/timeline-marks/update", test_update);
  g_test_add_func ("/timeline-marks/speed", test_speed);
  g_test_add_func ("/timeline-marks/diff", test_diff);
  g_test_add_func ("/timeline-marks/diff-brute-force", test_diff_brute_force);
  return g_test_run ();
}
