/* timeline-marks.c: the scrubber's marks (collections, frees by cause,
 * errors per step) with prefix sums for range totals, and the difference
 * between the states at two steps. */
#include "timeline-marks.h"

#include <string.h>

/* Totals of steps 0 .. s - 1, for each s: range totals are differences.
 * 32 bits suffice: a trace holds fewer deaths and collections than that. */
typedef struct
{
  guint32 collections[3];
  guint32 manual;
  guint32 collected;
  guint32 frees;
  guint32 refcount_frees;
  guint32 collector_frees;
  guint32 errors;
} Totals;

struct RefscopeTimelineMarks
{
  TraceTimeline *timeline;
  GArray *marks;         /* RefscopeTimelineMark, by step */
  GArray *prefix;        /* Totals, n_steps + 2 of them: prefix[s] covers steps < s */
  guint n_steps;         /* steps 0 .. n_steps have been read */
  guint64 events;        /* events read */
};

/* TraceDeath.cause (-2 .. 2) as an index into per-cause counts. */
#define N_CAUSES 5
#define CAUSE_INDEX(cause) ((cause) + 2)

/* What one step holds while it is read. */
typedef struct
{
  GArray *collections;   /* RefscopeTimelineMark */
  guint frees[N_CAUSES];
  guint errors;
} StepScan;

static void
step_scan_reset (StepScan *scan)
{
  g_array_set_size (scan->collections, 0);
  memset (scan->frees, 0, sizeof scan->frees);
  scan->errors = 0;
}

/* Counts the deaths before event index end into scan. */
static void
count_deaths (TraceTimeline *timeline, guint *next_death, guint64 end, StepScan *scan)
{
  guint n = trace_timeline_n_deaths (timeline);

  while (*next_death < n)
    {
      const TraceDeath *death = trace_timeline_death_at (timeline, *next_death);
      gint cause;

      if (death->event >= end)
        break;
      /* A checked trace keeps causes in range; a recorder's tape is not checked. */
      cause = CLAMP (death->cause, TRACE_CAUSE_SHUTDOWN, 2);
      scan->frees[CAUSE_INDEX (cause)]++;
      (*next_death)++;
    }
}

/* Appends step's marks and its prefix entry. */
static void
flush_step (RefscopeTimelineMarks *self, guint step, StepScan *scan)
{
  Totals totals = g_array_index (self->prefix, Totals, self->prefix->len - 1);

  for (guint i = 0; i < scan->collections->len; i++)
    {
      const RefscopeTimelineMark *c = &g_array_index (scan->collections, RefscopeTimelineMark, i);

      g_array_append_val (self->marks, *c);
      totals.collections[c->generation]++;
      totals.collected += c->count;
      if (c->flags & REFSCOPE_MARK_MANUAL)
        totals.manual++;
    }
  for (gint cause = TRACE_CAUSE_SHUTDOWN; cause <= 2; cause++)
    {
      guint count = scan->frees[CAUSE_INDEX (cause)];
      RefscopeTimelineMark mark = { step, REFSCOPE_MARK_FREES, 0, (gint8) cause, count };

      if (count == 0)
        continue;
      g_array_append_val (self->marks, mark);
      totals.frees += count;
      if (cause == TRACE_CAUSE_REFCOUNT)
        totals.refcount_frees += count;
      else if (cause >= 0)
        totals.collector_frees += count;
    }
  if (scan->errors > 0)
    {
      RefscopeTimelineMark mark = { step, REFSCOPE_MARK_ERROR, 0, -1, scan->errors };

      g_array_append_val (self->marks, mark);
      totals.errors += scan->errors;
    }
  g_array_append_val (self->prefix, totals);
  step_scan_reset (scan);
}

/* The index of the first mark of a step at or after step. */
static guint
first_mark_at (const RefscopeTimelineMarks *self, guint step)
{
  guint lo = 0, hi = self->marks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (self->marks, RefscopeTimelineMark, mid).step < step)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Forgets steps from on and reads them again, with whatever follows. */
static void
scan_from (RefscopeTimelineMarks *self, guint from)
{
  TraceLog *log = trace_timeline_log (self->timeline);
  guint64 n_events = trace_log_n_events (log);
  guint64 start = from == 0 ? 0 : trace_log_step_event (log, from);
  guint next_death = trace_timeline_deaths_before (self->timeline, start);
  StepScan scan = { g_array_new (FALSE, FALSE, sizeof (RefscopeTimelineMark)) };
  guint8 manual = 0;
  guint step = from;
  /* Exception events so far: an end with status 1 in a trace without any
   * is the only sign of the uncaught error (the embedded runtime's traces). */
  guint64 exceptions;
  TraceLogIter iter;
  TraceEvent event;

  g_array_set_size (self->marks, first_mark_at (self, from));
  g_array_set_size (self->prefix, from + 1);
  exceptions = g_array_index (self->prefix, Totals, from).errors;

  trace_log_iter_init (&iter, log, start);
  for (guint64 index = start; index < n_events && trace_log_iter_next (&iter, &event); index++)
    switch (event.kind)
      {
      case TRACE_EV_STEP:
        if (index == start && from > 0)
          break;     /* the step event of from itself */
        count_deaths (self->timeline, &next_death, index, &scan);
        flush_step (self, step, &scan);
        step = (guint) event.a;
        break;
      case TRACE_EV_GC_START:
        manual = (event.flags & TRACE_EVF_MANUAL) ? REFSCOPE_MARK_MANUAL : 0;
        break;
      case TRACE_EV_GC_END:
        {
          RefscopeTimelineMark mark = { step, REFSCOPE_MARK_COLLECTION, manual,
                                        (gint8) CLAMP (event.small, 0, 2),
                                        (guint) CLAMP (event.a, 0, G_MAXUINT) };
          g_array_append_val (scan.collections, mark);
          manual = 0;
        }
        break;
      case TRACE_EV_EXCEPTION:
        scan.errors++;
        exceptions++;
        break;
      case TRACE_EV_END:
        if (event.a == 1 && exceptions == 0)
          scan.errors++;
        break;
      default:
        break;
      }
  count_deaths (self->timeline, &next_death, n_events, &scan);
  flush_step (self, step, &scan);
  self->n_steps = step;
  self->events = n_events;
  g_array_unref (scan.collections);
}

RefscopeTimelineMarks *
refscope_timeline_marks_new (TraceTimeline *timeline)
{
  RefscopeTimelineMarks *self = g_new0 (RefscopeTimelineMarks, 1);
  Totals zero = { 0 };

  self->timeline = timeline;
  self->marks = g_array_new (FALSE, FALSE, sizeof (RefscopeTimelineMark));
  self->prefix = g_array_new (FALSE, FALSE, sizeof (Totals));
  g_array_append_val (self->prefix, zero);
  scan_from (self, 0);
  return self;
}

void
refscope_timeline_marks_free (RefscopeTimelineMarks *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->marks);
  g_array_unref (self->prefix);
  g_free (self);
}

gboolean
refscope_timeline_marks_update (RefscopeTimelineMarks *self)
{
  guint old_steps = self->n_steps, old_marks = self->marks->len;
  g_autoptr (GArray) old_last = NULL;
  guint first;

  if (trace_timeline_n_events (self->timeline) == self->events)
    return FALSE;
  /* The last step read may have grown: compare its marks before and after. */
  first = first_mark_at (self, old_steps);
  old_last = g_array_new (FALSE, FALSE, sizeof (RefscopeTimelineMark));
  g_array_append_vals (old_last, &g_array_index (self->marks, RefscopeTimelineMark, first),
                       old_marks - first);
  scan_from (self, old_steps);
  if (self->n_steps != old_steps || self->marks->len != old_marks)
    return TRUE;
  for (guint i = 0; i < old_last->len; i++)
    {
      const RefscopeTimelineMark *x = &g_array_index (old_last, RefscopeTimelineMark, i);
      const RefscopeTimelineMark *y = &g_array_index (self->marks, RefscopeTimelineMark, first + i);

      if (x->kind != y->kind || x->flags != y->flags || x->generation != y->generation
          || x->count != y->count)
        return TRUE;
    }
  return FALSE;
}

guint
refscope_timeline_marks_n_steps (const RefscopeTimelineMarks *self)
{
  return self->n_steps;
}

guint
refscope_timeline_marks_n_marks (const RefscopeTimelineMarks *self)
{
  return self->marks->len;
}

const RefscopeTimelineMark *
refscope_timeline_marks_get_mark (const RefscopeTimelineMarks *self, guint i)
{
  g_return_val_if_fail (i < self->marks->len, NULL);
  return &g_array_index (self->marks, RefscopeTimelineMark, i);
}

const RefscopeTimelineMark *
refscope_timeline_marks_in_range (const RefscopeTimelineMarks *self, guint first_step,
                                  guint last_step, guint *n_marks)
{
  guint first = first_mark_at (self, first_step);
  guint end = last_step == G_MAXUINT ? self->marks->len : first_mark_at (self, last_step + 1);

  *n_marks = end > first ? end - first : 0;
  return *n_marks > 0 ? &g_array_index (self->marks, RefscopeTimelineMark, first) : NULL;
}

void
refscope_timeline_marks_bucket (const RefscopeTimelineMarks *self, guint first_step,
                                guint last_step, RefscopeMarkBucket *out)
{
  const Totals *lo, *hi;

  memset (out, 0, sizeof *out);
  out->max_generation = -1;
  last_step = MIN (last_step, self->n_steps);
  if (first_step > last_step)
    return;
  lo = &g_array_index (self->prefix, Totals, first_step);
  hi = &g_array_index (self->prefix, Totals, last_step + 1);
  for (gint g = 0; g < 3; g++)
    {
      guint n = hi->collections[g] - lo->collections[g];
      out->collections += n;
      if (n > 0)
        out->max_generation = g;
    }
  out->manual_collections = hi->manual - lo->manual;
  out->collected = hi->collected - lo->collected;
  out->frees = hi->frees - lo->frees;
  out->refcount_frees = hi->refcount_frees - lo->refcount_frees;
  out->collector_frees = hi->collector_frees - lo->collector_frees;
  out->errors = hi->errors - lo->errors;
}

/* The step diff. */

typedef struct
{
  guint64 id;
  guint kind;
} DiffEntry;

struct RefscopeStepDiff
{
  guint step_a, step_b;
  GArray *born;          /* guint64 */
  GArray *died;          /* guint64 */
  GArray *references;    /* guint64 */
  GArray *refcounts;     /* RefscopeRefcountChange */
  GArray *entries;       /* DiffEntry by id: every id above, once */
};

static gint
compare_id (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

static gint
compare_ref (gconstpointer a, gconstpointer b)
{
  const TraceRef *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  if (x->name != y->name)
    return x->name < y->name ? -1 : 1;
  if (x->target != y->target)
    return x->target < y->target ? -1 : 1;
  return 0;
}

/* Whether two objects hold the same references, as multisets. scratch
 * holds sorted copies when the orders differ. */
static gboolean
same_refs (const TraceHeapObject *a, const TraceHeapObject *b, GArray *scratch)
{
  TraceRef *sa, *sb;
  guint32 i;

  if (a->n_refs != b->n_refs)
    return FALSE;
  for (i = 0; i < a->n_refs; i++)
    if (compare_ref (&a->refs[i], &b->refs[i]) != 0)
      break;
  if (i == a->n_refs)
    return TRUE;
  g_array_set_size (scratch, 2 * (gsize) a->n_refs);
  sa = &g_array_index (scratch, TraceRef, 0);
  sb = sa + a->n_refs;
  memcpy (sa, a->refs, a->n_refs * sizeof (TraceRef));
  memcpy (sb, b->refs, b->n_refs * sizeof (TraceRef));
  qsort (sa, a->n_refs, sizeof (TraceRef), compare_ref);
  qsort (sb, b->n_refs, sizeof (TraceRef), compare_ref);
  for (i = 0; i < a->n_refs; i++)
    if (compare_ref (&sa[i], &sb[i]) != 0)
      return FALSE;
  return TRUE;
}

static void
add_entry (RefscopeStepDiff *diff, guint64 id, guint kind)
{
  DiffEntry entry = { id, kind };
  g_array_append_val (diff->entries, entry);
}

RefscopeStepDiff *
refscope_step_diff_new (TraceTimeline *timeline, guint step_a, guint step_b)
{
  RefscopeStepDiff *diff = g_new0 (RefscopeStepDiff, 1);
  g_autoptr (TraceCursor) cursor_a = trace_cursor_new (timeline);
  g_autoptr (TraceCursor) cursor_b = trace_cursor_new (timeline);
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TraceRef));
  const TraceHeap *a, *b;

  diff->step_a = step_a;
  diff->step_b = step_b;
  diff->born = g_array_new (FALSE, FALSE, sizeof (guint64));
  diff->died = g_array_new (FALSE, FALSE, sizeof (guint64));
  diff->references = g_array_new (FALSE, FALSE, sizeof (guint64));
  diff->refcounts = g_array_new (FALSE, FALSE, sizeof (RefscopeRefcountChange));
  diff->entries = g_array_new (FALSE, FALSE, sizeof (DiffEntry));

  trace_cursor_seek_step (cursor_a, step_a);
  trace_cursor_seek_step (cursor_b, step_b);
  a = trace_cursor_heap (cursor_a);
  b = trace_cursor_heap (cursor_b);
  if (trace_cursor_position (cursor_a) == trace_cursor_position (cursor_b))
    return diff;

  for (guint i = 0; i < trace_heap_n_objects (b); i++)
    {
      const TraceHeapObject *after = trace_heap_object_at (b, i);
      const TraceHeapObject *before = trace_heap_lookup (a, after->id);
      guint kind = 0;

      if (before == NULL)
        {
          g_array_append_val (diff->born, after->id);
          add_entry (diff, after->id, REFSCOPE_DIFF_BORN);
          continue;
        }
      if (before->refcnt != after->refcnt)
        {
          RefscopeRefcountChange change = { after->id, before->refcnt, after->refcnt };
          g_array_append_val (diff->refcounts, change);
          kind |= REFSCOPE_DIFF_REFCOUNT;
        }
      if (!same_refs (before, after, scratch))
        {
          g_array_append_val (diff->references, after->id);
          kind |= REFSCOPE_DIFF_REFERENCES;
        }
      if (kind != 0)
        add_entry (diff, after->id, kind);
    }
  for (guint i = 0; i < trace_heap_n_objects (a); i++)
    {
      const TraceHeapObject *before = trace_heap_object_at (a, i);

      if (trace_heap_lookup (b, before->id) == NULL)
        {
          g_array_append_val (diff->died, before->id);
          add_entry (diff, before->id, REFSCOPE_DIFF_DIED);
        }
    }

  /* Each id is in at most one of the scans above, so entries are unique;
   * refcounts start with the id, so they sort as ids do. */
  g_array_sort (diff->born, compare_id);
  g_array_sort (diff->died, compare_id);
  g_array_sort (diff->references, compare_id);
  g_array_sort (diff->refcounts, compare_id);
  g_array_sort (diff->entries, compare_id);
  return diff;
}

void
refscope_step_diff_free (RefscopeStepDiff *diff)
{
  if (diff == NULL)
    return;
  g_array_unref (diff->born);
  g_array_unref (diff->died);
  g_array_unref (diff->references);
  g_array_unref (diff->refcounts);
  g_array_unref (diff->entries);
  g_free (diff);
}

guint
refscope_step_diff_step_a (const RefscopeStepDiff *diff)
{
  return diff->step_a;
}

guint
refscope_step_diff_step_b (const RefscopeStepDiff *diff)
{
  return diff->step_b;
}

gboolean
refscope_step_diff_is_empty (const RefscopeStepDiff *diff)
{
  return diff->entries->len == 0;
}

static gconstpointer
array_out (GArray *array, guint *n)
{
  *n = array->len;
  return array->len > 0 ? array->data : NULL;
}

const guint64 *
refscope_step_diff_born (const RefscopeStepDiff *diff, guint *n_ids)
{
  return array_out (diff->born, n_ids);
}

const guint64 *
refscope_step_diff_died (const RefscopeStepDiff *diff, guint *n_ids)
{
  return array_out (diff->died, n_ids);
}

const guint64 *
refscope_step_diff_references (const RefscopeStepDiff *diff, guint *n_ids)
{
  return array_out (diff->references, n_ids);
}

const RefscopeRefcountChange *
refscope_step_diff_refcounts (const RefscopeStepDiff *diff, guint *n_changes)
{
  return array_out (diff->refcounts, n_changes);
}

gboolean
refscope_step_diff_contains (const RefscopeStepDiff *diff, guint64 id, RefscopeDiffKind *kind)
{
  guint lo = 0, hi = diff->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const DiffEntry *entry = &g_array_index (diff->entries, DiffEntry, mid);

      if (entry->id == id)
        {
          if (kind != NULL)
            *kind = entry->kind;
          return TRUE;
        }
      if (entry->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (kind != NULL)
    *kind = 0;
  return FALSE;
}

GHashTable *
refscope_step_diff_to_table (const RefscopeStepDiff *diff)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < diff->entries->len; i++)
    {
      const DiffEntry *entry = &g_array_index (diff->entries, DiffEntry, i);
      g_hash_table_insert (table, g_memdup2 (&entry->id, sizeof entry->id),
                           GUINT_TO_POINTER (entry->kind));
    }
  return table;
}
