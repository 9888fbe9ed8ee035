/* trace-test.c: running programs under a recorder for the tests, and
 * comparing heap states field by field. */
#include "trace-test.h"
#include "recorder.h"

#include "interp.h"
#include "run.h"
#include "runtime/runtime.h"

#include <string.h>

static void
discard_output (const char *bytes, size_t length, void *user)
{
}

TraceTimeline *
trace_test_record (const char *source, guint summarise_after, int *status)
{
  return trace_test_record_full (source, summarise_after, FALSE, status);
}

TraceTimeline *
trace_test_record_full (const char *source, guint summarise_after, gboolean detailed_gc,
                        int *status)
{
  TraceLog *log = trace_log_new ();
  TraceTimeline *timeline;
  TraceRecorder *recorder;
  LangRunOptions options = { .output = discard_output };
  FILE *err = fopen ("/dev/null", "w");

  trace_log_set_producer (log, "trace-test");
  trace_log_add_file (log, "test.py", source, strlen (source));
  timeline = trace_timeline_new (log);
  g_assert_true (rt_runtime_init ());
  g_assert_true (lang_interp_init ());
  recorder = trace_recorder_new (timeline, summarise_after);
  trace_recorder_set_detailed_gc (recorder, detailed_gc);
  trace_recorder_attach (recorder);
  *status = (int) lang_run_source ("test.py", source, strlen (source), &options, err);
  trace_recorder_finish (recorder, *status);
  g_assert_null (trace_recorder_error (recorder));
  trace_recorder_free (recorder);
  lang_interp_fini ();
  rt_runtime_fini ();
  fclose (err);
  return timeline;
}

static const char *
str (const TraceLog *log, guint32 id)
{
  return trace_log_string (log, id);
}

static gint
compare_refs (const TraceRef *x, const TraceRef *y, const TraceLog *lx, const TraceLog *ly)
{
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->target != y->target)
    return x->target < y->target ? -1 : 1;
  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  return strcmp (str (lx, x->name), str (ly, y->name));
}

static void
assert_same_refs (const TraceRef *a, guint32 na, const TraceLog *la, const TraceRef *b, guint32 nb,
                  const TraceLog *lb, const char *where, guint64 id)
{
  g_autofree TraceRef *sa = g_memdup2 (a, na * sizeof (TraceRef));
  g_autofree TraceRef *sb = g_memdup2 (b, nb * sizeof (TraceRef));

  if (na != nb)
    g_error ("%s: object %" G_GUINT64_FORMAT " has %u references, then %u", where, id, na, nb);
  /* The order of references is not part of the state. */
  for (guint32 i = 0; i < na; i++)
    for (guint32 j = i + 1; j < na; j++)
      {
        if (compare_refs (&sa[j], &sa[i], la, la) < 0)
          {
            TraceRef t = sa[i];
            sa[i] = sa[j];
            sa[j] = t;
          }
        if (compare_refs (&sb[j], &sb[i], lb, lb) < 0)
          {
            TraceRef t = sb[i];
            sb[i] = sb[j];
            sb[j] = t;
          }
      }
  for (guint32 i = 0; i < na; i++)
    if (compare_refs (&sa[i], &sb[i], la, lb) != 0)
      g_error ("%s: object %" G_GUINT64_FORMAT " reference %u differs", where, id, i);
}

void
trace_test_assert_same_heap (const TraceLog *la, const TraceHeap *a, const TraceLog *lb,
                             const TraceHeap *b, const char *where)
{
  const TraceHeapStats *sa = trace_heap_stats (a), *sb = trace_heap_stats (b);

  if (trace_heap_n_objects (a) != trace_heap_n_objects (b))
    g_error ("%s: %u objects, then %u", where, trace_heap_n_objects (a), trace_heap_n_objects (b));
  for (guint i = 0; i < trace_heap_n_objects (a); i++)
    {
      const TraceHeapObject *x = trace_heap_object_at (a, i);
      const TraceHeapObject *y = trace_heap_lookup (b, x->id);
      if (y == NULL)
        g_error ("%s: object %" G_GUINT64_FORMAT " is missing", where, x->id);
      if (x->addr != y->addr || x->size != y->size || x->refcnt != y->refcnt || x->gen != y->gen
          || x->flags != y->flags || x->born_event != y->born_event || x->gc_refs != y->gc_refs
          || strcmp (str (la, x->type), str (lb, y->type)) != 0
          || strcmp (str (la, x->repr), str (lb, y->repr)) != 0)
        g_error ("%s: object %" G_GUINT64_FORMAT " (%s) differs: refcnt %" G_GINT64_FORMAT
                 "/%" G_GINT64_FORMAT ", size %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                 ", gen %d/%d", where, x->id, str (la, x->type), x->refcnt, y->refcnt, x->size,
                 y->size, x->gen, y->gen);
      assert_same_refs (x->refs, x->n_refs, la, y->refs, y->n_refs, lb, where, x->id);
    }
  g_assert_cmpuint (trace_heap_n_frames (a), ==, trace_heap_n_frames (b));
  for (guint i = 0; i < trace_heap_n_frames (a); i++)
    {
      const TraceHeapFrame *x = trace_heap_frame_at (a, i), *y = trace_heap_frame_at (b, i);
      g_assert_cmpuint (x->id, ==, y->id);
      g_assert_cmpuint (x->function, ==, y->function);
      g_assert_cmpuint (x->namespace, ==, y->namespace);
      g_assert_cmpstr (str (la, x->name), ==, str (lb, y->name));
      assert_same_refs (x->refs, x->n_refs, la, y->refs, y->n_refs, lb, where, x->id);
    }
  g_assert_cmpuint (trace_heap_n_summaries (a), ==, trace_heap_n_summaries (b));
  g_assert_cmpmem (sa, sizeof *sa, sb, sizeof *sb);
}

char *
trace_test_lesson_path (const char *name)
{
  return g_build_filename (g_getenv ("REFSCOPE_SOURCE_ROOT"), "data", "lessons", name, NULL);
}

guint64
trace_test_global (TraceTimeline *timeline, const TraceHeap *heap, const char *name)
{
  const TraceLog *log = trace_timeline_log (timeline);
  g_autofree char *quoted = g_strdup_printf ("'%s'", name);
  const TraceHeapFrame *frame = trace_heap_frame_at (heap, 0);
  const TraceHeapObject *ns = trace_heap_lookup (heap, frame->namespace);

  g_assert_nonnull (ns);
  for (guint32 i = 0; i < ns->n_refs; i++)
    {
      const TraceHeapObject *key = trace_heap_lookup (heap, ns->refs[i].target);
      if (ns->refs[i].kind != TRACE_SLOT_KEY || key == NULL
          || g_strcmp0 (trace_log_string (log, key->repr), quoted) != 0)
        continue;
      for (guint32 j = 0; j < ns->n_refs; j++)
        if (ns->refs[j].kind == TRACE_SLOT_VALUE && ns->refs[j].slot == (gint64) key->id)
          return ns->refs[j].target;
    }
  return 0;
}
