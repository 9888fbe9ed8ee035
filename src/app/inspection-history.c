/* inspection-history.c: the inspected object's story: its counts from birth
 * to death, followed through the trace's events, and how it died. */
#include "inspection-private.h"

/* Its story ---------------------------------------------------------------- */

/* The events followed in all, at most, when the life is sampled. */
#define HISTORY_MAX_EVENTS 200000

/* How many references to the object one holder has, so that its free (or
 * its frame's pop, its list's clear) can take them off the count as the
 * reader of the trace does. */
typedef struct
{
  guint64 holder;
  guint32 items;        /* INDEX references, which seq_clear removes */
  guint32 others;
} HeldBy;

/* Holders, scanned while few, hashed (id -> position + 1) when many. */
typedef struct
{
  GArray *entries;
  GHashTable *index;
} HeldTable;

#define HELD_SCAN_MAX 16

static gint
held_find (const HeldTable *t, guint64 holder)
{
  if (t->index != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (t->index, &holder)) - 1;
  for (guint i = 0; i < t->entries->len; i++)
    if (g_array_index (t->entries, HeldBy, i).holder == holder)
      return (gint) i;
  return -1;
}

static void
held_index (HeldTable *t, guint i)
{
  HeldBy *h = &g_array_index (t->entries, HeldBy, i);

  g_hash_table_insert (t->index, g_memdup2 (&h->holder, sizeof h->holder), GINT_TO_POINTER (i + 1));
}

static HeldBy *
held_get (HeldTable *t, guint64 holder)
{
  gint i = held_find (t, holder);
  HeldBy fresh = { holder, 0, 0 };

  if (i >= 0)
    return &g_array_index (t->entries, HeldBy, i);
  g_array_append_val (t->entries, fresh);
  if (t->index == NULL && t->entries->len > HELD_SCAN_MAX)
    {
      t->index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint k = 0; k < t->entries->len; k++)
        held_index (t, k);
    }
  else if (t->index != NULL)
    held_index (t, t->entries->len - 1);
  return &g_array_index (t->entries, HeldBy, t->entries->len - 1);
}

static void
held_remove (HeldTable *t, guint i)
{
  guint last = t->entries->len - 1;

  if (t->index != NULL)
    g_hash_table_remove (t->index, &g_array_index (t->entries, HeldBy, i).holder);
  g_array_remove_index_fast (t->entries, i);
  if (t->index != NULL && i != last)
    held_index (t, i);
}

static void
held_clear (HeldTable *t)
{
  g_array_set_size (t->entries, 0);
  g_clear_pointer (&t->index, g_hash_table_destroy);
}

typedef struct
{
  RefscopeInspection *self;
  GArray *changes;      /* RefscopeRefcntChange */
  guint last;           /* the last step whose end it lived to see */
  gint64 count;         /* as the trace's reader counts, at position */
  guint64 position;     /* the next event to follow */
  gint64 then;          /* the count at the end of then_step */
  guint then_step;
  gboolean have_then;
  gboolean have_born;
  HeldTable held;
  RefscopeStepRange *range; /* the steps being examined */
} History;

static void
history_step_ends (History *h, guint s)
{
  RefscopeInspection *self = h->self;

  if (s < self->born_step || s > h->last)
    return;
  h->range->last = s;
  if (s == self->born_step)
    {
      self->born_refcnt = h->count;
      h->have_born = TRUE;
    }
  else if (h->have_then && h->count != h->then)
    {
      RefscopeRefcntChange c = { s, h->then_step, h->then, h->count };
      g_array_append_val (h->changes, c);
    }
  h->then = h->count;
  h->then_step = s;
  h->have_then = TRUE;
}

static void
history_event (History *h, const TraceEvent *e)
{
  guint64 id = h->self->id;
  HeldBy *by;
  gint i;

  switch ((TraceEventKind) e->kind)
    {
    case TRACE_EV_BORN:
      if (e->id == id)
        h->count = 1;
      break;
    case TRACE_EV_REFCNT:
      if (e->id == id)
        h->count = e->a;
      break;
    case TRACE_EV_REF_ADD:
      if (e->target != id)
        break;
      h->count++;
      by = held_get (&h->held, e->id);
      if (e->slot_kind == TRACE_SLOT_INDEX)
        by->items++;
      else
        by->others++;
      break;
    case TRACE_EV_REF_DEL:
      if (e->target != id)
        break;
      h->count--;
      /* A holder from before the trace may drop a reference it was never
       * seen to take. */
      if ((i = held_find (&h->held, e->id)) < 0)
        break;
      by = &g_array_index (h->held.entries, HeldBy, i);
      if (e->slot_kind == TRACE_SLOT_INDEX && by->items > 0)
        by->items--;
      else if (e->slot_kind != TRACE_SLOT_INDEX && by->others > 0)
        by->others--;
      break;
    case TRACE_EV_SEQ_CLEAR:
      if (h->held.entries->len > 0 && (i = held_find (&h->held, e->id)) >= 0)
        {
          by = &g_array_index (h->held.entries, HeldBy, i);
          h->count -= by->items;
          by->items = 0;
        }
      break;
    case TRACE_EV_FREE:
    case TRACE_EV_FRAME_POP:
      if (h->held.entries->len > 0 && (i = held_find (&h->held, e->id)) >= 0)
        {
          by = &g_array_index (h->held.entries, HeldBy, i);
          h->count -= by->items + by->others;
          held_remove (&h->held, (guint) i);
        }
      break;
    case TRACE_EV_STEP:
      if (e->a >= 1)
        history_step_ends (h, (guint) (e->a - 1));
      break;
    default:
      break;
    }
}

/* Follows the events from h->position to end, at most max_events of them
 * and max_steps step ends. TRUE if it reached end. */
static gboolean
history_follow (History *h, const TraceLog *log, guint64 end, guint64 max_events, guint max_steps)
{
  guint64 from = h->position;
  guint steps = 0;
  TraceLogIter iter;
  TraceEvent e;

  trace_log_iter_init (&iter, log, from);
  while (iter.index < end)
    {
      if (iter.index - from >= max_events || steps >= max_steps
          || !trace_log_iter_next (&iter, &e))
        break;
      history_event (h, &e);
      steps += e.kind == TRACE_EV_STEP;
    }
  h->position = iter.index;
  return iter.index >= end;
}

/* The count from birth to death (or the end) as the trace's reader keeps
 * it: set by refcnt, one more for each ref_add to it, one less for each
 * ref_del and for each reference its holders drop as they go. A life of
 * more steps or events than the limits is followed for a while after its
 * birth, then from anchor (a step it lived through, whose state in is,
 * with found, its references there) on for a while. Returns the count where
 * it stopped: just before its free if it got there. */
gint64
inspection_build_history (TraceTimeline *timeline, RefscopeInspection *self, const Inspector *in,
               guint anchor, GArray *found)
{
  const TraceLog *log = trace_timeline_log (timeline);
  guint n_steps = trace_timeline_n_steps (timeline);
  guint64 end = self->died ? self->died_event : trace_log_n_events (log);
  History h = { self, g_array_new (FALSE, FALSE, sizeof (RefscopeRefcntChange)) };
  gboolean reached;

  h.held.entries = g_array_new (FALSE, FALSE, sizeof (HeldBy));
  h.position = self->born_event;
  self->born_step = trace_log_step_of_event (log, self->born_event);
  h.last = n_steps;
  if (self->died)
    h.last = self->died_step > self->born_step ? self->died_step - 1 : self->born_step;
  self->n_history_ranges = 1;
  h.range = &self->history_ranges[0];
  h.range->first = h.range->last = self->born_step;

  if (h.last - self->born_step <= REFSCOPE_INSPECTION_MAX_HISTORY_STEPS
      && end - self->born_event <= HISTORY_MAX_EVENTS)
    reached = history_follow (&h, log, end, G_MAXUINT64, G_MAXUINT);
  else
    {
      guint64 anchor_at = trace_timeline_step_end (timeline, anchor);

      reached = history_follow (&h, log, end, HISTORY_MAX_EVENTS / 2,
                                REFSCOPE_INSPECTION_MAX_HISTORY_STEPS / 2);
      if (!reached && found != NULL && h.position < anchor_at)
        {
          /* On from the state at the anchor, known from the heap. */
          held_clear (&h.held);
          for (guint i = 0; i < found->len; i++)
            {
              const Found *f = &g_array_index (found, Found, i);
              const TraceRef *r;
              HeldBy *by;
              if (f->object >= 0)
                {
                  by = held_get (&h.held, in->objects[f->object].id);
                  r = &in->objects[f->object].refs[f->ref];
                }
              else
                {
                  const TraceHeapFrame *frame = trace_heap_frame_at (in->heap, (guint) f->frame);
                  by = held_get (&h.held, frame->id);
                  r = &frame->refs[f->ref];
                }
              if (r->kind == TRACE_SLOT_INDEX)
                by->items++;
              else
                by->others++;
            }
          h.count = trace_heap_lookup (in->heap, self->id)->refcnt;
          h.position = anchor_at;
          self->n_history_ranges = 2;
          h.range = &self->history_ranges[1];
          h.range->first = h.range->last = anchor;
          reached = history_follow (&h, log, end, HISTORY_MAX_EVENTS / 2,
                                    REFSCOPE_INSPECTION_MAX_HISTORY_STEPS / 2);
        }
      self->history_sampled = TRUE;
    }
  /* The last step ends with the trace. */
  if (reached && !self->died)
    history_step_ends (&h, n_steps);
  /* Born and freed by the same statement. */
  if (!h.have_born)
    self->born_refcnt = h.count;

  self->n_changes = h.changes->len;
  self->changes = (RefscopeRefcntChange *) g_array_free (h.changes, FALSE);
  held_clear (&h.held);
  g_array_free (h.held.entries, TRUE);
  return h.count;
}

static char *
cause_text (gint32 cause)
{
  if (cause == TRACE_CAUSE_REFCOUNT)
    return g_strdup (_("freed: refcount 0"));
  if (cause == TRACE_CAUSE_SHUTDOWN)
    return g_strdup (_("freed at shutdown"));
  return g_strdup_printf (_("collected by generation %d"), cause);
}

void
inspection_set_death (TraceTimeline *timeline, RefscopeInspection *self, const TraceDeath *d)
{
  self->died = TRUE;
  self->died_event = d->event;
  self->died_step = trace_log_step_of_event (trace_timeline_log (timeline), d->event);
  self->death_cause = d->cause;
  self->death_text = cause_text (d->cause);
}

/* id's death among the deaths from index first on, or NULL. */
const TraceDeath *
inspection_find_death (TraceTimeline *timeline, guint64 id, guint first, guint end)
{
  for (guint i = first; i < end; i++)
    {
      const TraceDeath *d = trace_timeline_death_at (timeline, i);
      if (d->id == id)
        return d;
    }
  return NULL;
}
