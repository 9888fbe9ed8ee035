/* heap.c: applying events to a heap state, checking each first so that a
 * bad trace is refused with a reason instead of corrupting the state. */
#include "heap.h"
#include "heap-private.h"

#include <string.h>

#define FRAME_BIT 0x80000000u

TraceHeap *
trace_heap_new (const TraceLog *log)
{
  TraceHeap *heap = g_new0 (TraceHeap, 1);

  heap->log = log;
  heap->objects = g_array_new (FALSE, FALSE, sizeof (TraceHeapObject));
  heap->frames = g_array_new (FALSE, FALSE, sizeof (TraceHeapFrame));
  heap->summaries = g_array_new (FALSE, FALSE, sizeof (TraceSummary));
  trace_id_map_init (&heap->index);
  memcpy (heap->stats.thresholds, trace_log_thresholds (log), sizeof heap->stats.thresholds);
  heap->stats.collecting = -1;
  return heap;
}

static void
release_contents (TraceHeap *heap)
{
  for (guint i = 0; i < heap->objects->len; i++)
    g_free (g_array_index (heap->objects, TraceHeapObject, i).refs);
  for (guint i = 0; i < heap->frames->len; i++)
    g_free (g_array_index (heap->frames, TraceHeapFrame, i).refs);
}

void
trace_heap_free (TraceHeap *heap)
{
  if (heap == NULL)
    return;
  release_contents (heap);
  g_array_unref (heap->objects);
  g_array_unref (heap->frames);
  g_array_unref (heap->summaries);
  trace_id_map_clear (&heap->index);
  g_free (heap);
}

static TraceRef *
copy_refs (const TraceRef *refs, guint32 n)
{
  return n > 0 ? g_memdup2 (refs, n * sizeof (TraceRef)) : NULL;
}

void
trace_heap_assign (TraceHeap *heap, const TraceHeap *from)
{
  release_contents (heap);
  heap->log = from->log;
  heap->position = from->position;
  heap->last_step = from->last_step;
  heap->flagged = from->flagged;
  heap->stats = from->stats;
  /* An empty GArray may have no data at all: copy only what there is. */
  g_array_set_size (heap->objects, from->objects->len);
  if (from->objects->len > 0)
    memcpy (heap->objects->data, from->objects->data,
            from->objects->len * sizeof (TraceHeapObject));
  for (guint i = 0; i < heap->objects->len; i++)
    {
      TraceHeapObject *o = &g_array_index (heap->objects, TraceHeapObject, i);
      o->refs = copy_refs (o->refs, o->n_refs);
      o->cap_refs = o->n_refs;
    }
  g_array_set_size (heap->frames, from->frames->len);
  if (from->frames->len > 0)
    memcpy (heap->frames->data, from->frames->data, from->frames->len * sizeof (TraceHeapFrame));
  for (guint i = 0; i < heap->frames->len; i++)
    {
      TraceHeapFrame *f = &g_array_index (heap->frames, TraceHeapFrame, i);
      f->refs = copy_refs (f->refs, f->n_refs);
      f->cap_refs = f->n_refs;
    }
  g_array_set_size (heap->summaries, from->summaries->len);
  if (from->summaries->len > 0)
    memcpy (heap->summaries->data, from->summaries->data,
            from->summaries->len * sizeof (TraceSummary));
  trace_id_map_copy (&heap->index, &from->index);
}

TraceHeap *
trace_heap_copy (const TraceHeap *heap)
{
  TraceHeap *copy = trace_heap_new (heap->log);

  trace_heap_assign (copy, heap);
  return copy;
}

guint64
trace_heap_position (const TraceHeap *heap)
{
  return heap->position;
}

guint
trace_heap_n_objects (const TraceHeap *heap)
{
  return heap->objects->len;
}

const TraceHeapObject *
trace_heap_object_at (const TraceHeap *heap, guint i)
{
  g_return_val_if_fail (i < heap->objects->len, NULL);
  return &g_array_index (heap->objects, TraceHeapObject, i);
}

const TraceHeapObject *
trace_heap_lookup (const TraceHeap *heap, guint64 id)
{
  guint32 *slot = id != 0 ? trace_id_map_lookup (&heap->index, id) : NULL;

  if (slot == NULL || (*slot & FRAME_BIT))
    return NULL;
  return &g_array_index (heap->objects, TraceHeapObject, *slot);
}

guint
trace_heap_n_frames (const TraceHeap *heap)
{
  return heap->frames->len;
}

const TraceHeapFrame *
trace_heap_frame_at (const TraceHeap *heap, guint i)
{
  g_return_val_if_fail (i < heap->frames->len, NULL);
  return &g_array_index (heap->frames, TraceHeapFrame, i);
}

const TraceHeapFrame *
trace_heap_lookup_frame (const TraceHeap *heap, guint64 id)
{
  guint32 *slot = id != 0 ? trace_id_map_lookup (&heap->index, id) : NULL;

  if (slot == NULL || !(*slot & FRAME_BIT))
    return NULL;
  return &g_array_index (heap->frames, TraceHeapFrame, *slot & ~FRAME_BIT);
}

guint
trace_heap_n_summaries (const TraceHeap *heap)
{
  return heap->summaries->len;
}

const TraceSummary *
trace_heap_summary_at (const TraceHeap *heap, guint i)
{
  g_return_val_if_fail (i < heap->summaries->len, NULL);
  return &g_array_index (heap->summaries, TraceSummary, i);
}

const TraceHeapStats *
trace_heap_stats (const TraceHeap *heap)
{
  return &heap->stats;
}

gsize
trace_heap_memory (const TraceHeap *heap)
{
  gsize bytes = sizeof *heap + heap->objects->len * sizeof (TraceHeapObject)
                + heap->frames->len * sizeof (TraceHeapFrame)
                + heap->summaries->len * sizeof (TraceSummary) + trace_id_map_memory (&heap->index);

  for (guint i = 0; i < heap->objects->len; i++)
    bytes += g_array_index (heap->objects, TraceHeapObject, i).n_refs * sizeof (TraceRef);
  for (guint i = 0; i < heap->frames->len; i++)
    bytes += g_array_index (heap->frames, TraceHeapFrame, i).n_refs * sizeof (TraceRef);
  return bytes;
}

/* The state changes, each assuming the event was checked. */

static TraceHeapObject *
object_of (TraceHeap *heap, guint64 id)
{
  return (TraceHeapObject *) trace_heap_lookup (heap, id);
}

static TraceHeapFrame *
frame_of (TraceHeap *heap, guint64 id)
{
  return (TraceHeapFrame *) trace_heap_lookup_frame (heap, id);
}

/* The references of a holder, object or frame. */
typedef struct
{
  TraceRef **refs;
  guint32 *n_refs;
  guint32 *cap_refs;
  TraceHeapObject *object;   /* NULL for a frame */
} Holder;

static gboolean
holder_of (TraceHeap *heap, guint64 id, Holder *out)
{
  TraceHeapObject *o = object_of (heap, id);
  TraceHeapFrame *f;

  if (o != NULL)
    {
      *out = (Holder){ &o->refs, &o->n_refs, &o->cap_refs, o };
      return TRUE;
    }
  f = frame_of (heap, id);
  if (f != NULL)
    {
      *out = (Holder){ &f->refs, &f->n_refs, &f->cap_refs, NULL };
      return TRUE;
    }
  return FALSE;
}

static void
note_peak (TraceHeap *heap)
{
  TraceHeapStats *s = &heap->stats;

  if (s->live_objects > s->peak_objects)
    s->peak_objects = s->live_objects;
  if (s->live_bytes > s->peak_bytes)
    s->peak_bytes = s->live_bytes;
}

static void
drop_target (TraceHeap *heap, guint64 target)
{
  TraceHeapObject *t = object_of (heap, target);

  if (t != NULL)
    t->refcnt--;
}

static void
remove_summaries_of (TraceHeap *heap, guint64 container)
{
  for (guint i = 0; i < heap->summaries->len;)
    {
      TraceSummary *s = &g_array_index (heap->summaries, TraceSummary, i);
      if (s->container == container)
        {
          heap->stats.live_objects -= s->count;
          heap->stats.live_bytes -= s->bytes;
          g_array_remove_index_fast (heap->summaries, i);
        }
      else
        i++;
    }
}

static void
apply_born (TraceHeap *heap, const TraceEvent *e)
{
  TraceHeapObject o = { 0 };

  o.id = e->id;
  o.addr = (guint64) e->b;
  o.size = (guint64) e->a;
  o.refcnt = 1;
  o.born_event = heap->position;
  o.gc_refs = -1;
  o.type = e->str;
  o.repr = e->str2;
  o.gen = (gint8) e->small;
  o.flags = (e->flags & TRACE_EVF_CACHED ? TRACE_OBJ_CACHED : 0)
            | (e->flags & TRACE_EVF_INTERNED ? TRACE_OBJ_INTERNED : 0)
            | (e->flags & TRACE_EVF_PREEXISTING ? TRACE_OBJ_PREEXISTING : 0);
  g_array_append_val (heap->objects, o);
  trace_id_map_insert (&heap->index, e->id, heap->objects->len - 1);
  heap->stats.live_objects++;
  heap->stats.live_bytes += e->a;
  note_peak (heap);
}

static void
apply_free (TraceHeap *heap, const TraceEvent *e)
{
  guint32 index = *trace_id_map_lookup (&heap->index, e->id);
  TraceHeapObject *o = &g_array_index (heap->objects, TraceHeapObject, index);

  for (guint32 i = 0; i < o->n_refs; i++)
    drop_target (heap, o->refs[i].target);
  if (o->flags & TRACE_OBJ_SUMMARISED)
    remove_summaries_of (heap, o->id);
  if (o->flags & TRACE_OBJ_UNREACHABLE)
    heap->flagged--;
  heap->stats.live_objects--;
  heap->stats.live_bytes -= (gint64) o->size;
  g_free (o->refs);
  trace_id_map_remove (&heap->index, e->id);
  /* Fill the hole with the last object. */
  if (index != heap->objects->len - 1)
    {
      *o = g_array_index (heap->objects, TraceHeapObject, heap->objects->len - 1);
      trace_id_map_insert (&heap->index, o->id, index);
    }
  g_array_set_size (heap->objects, heap->objects->len - 1);
}

static gboolean
ref_matches (const TraceRef *r, const TraceEvent *e, gboolean loose_index)
{
  if (r->kind != e->slot_kind || r->target != e->target)
    return FALSE;
  switch (e->slot_kind)
    {
    case TRACE_SLOT_INDEX:
      return loose_index || r->slot == e->slot;
    case TRACE_SLOT_KEY:
    case TRACE_SLOT_VALUE:
      return r->slot == e->slot;
    default:
      return r->name == e->str;
    }
}

static gint
find_ref (const Holder *h, const TraceEvent *e)
{
  gboolean loose = h->object != NULL && (h->object->flags & TRACE_OBJ_SUMMARISED);

  for (guint32 i = 0; i < *h->n_refs; i++)
    if (ref_matches (&(*h->refs)[i], e, loose || e->slot < 0))
      return (gint) i;
  return -1;
}

static void
apply_ref_add (TraceHeap *heap, const TraceEvent *e)
{
  Holder h = { 0 };
  TraceRef r = { e->target, e->slot, e->str, e->slot_kind };

  if (!holder_of (heap, e->id, &h))
    return;
  if (e->slot_kind == TRACE_SLOT_INDEX && (e->flags & TRACE_EVF_SHIFT))
    for (guint32 i = 0; i < *h.n_refs; i++)
      if ((*h.refs)[i].kind == TRACE_SLOT_INDEX && (*h.refs)[i].slot >= e->slot)
        (*h.refs)[i].slot++;
  if (*h.n_refs == *h.cap_refs)
    {
      *h.cap_refs = *h.cap_refs ? *h.cap_refs * 2 : 4;
      *h.refs = g_renew (TraceRef, *h.refs, *h.cap_refs);
    }
  (*h.refs)[(*h.n_refs)++] = r;
  object_of (heap, e->target)->refcnt++;
}

static void
apply_ref_del (TraceHeap *heap, const TraceEvent *e)
{
  Holder h = { 0 };
  gint found;

  if (!holder_of (heap, e->id, &h))
    return;
  found = find_ref (&h, e);
  if (found >= 0)
    {
      (*h.refs)[found] = (*h.refs)[*h.n_refs - 1];
      (*h.n_refs)--;
    }
  if (e->slot_kind == TRACE_SLOT_INDEX && (e->flags & TRACE_EVF_SHIFT))
    for (guint32 i = 0; i < *h.n_refs; i++)
      if ((*h.refs)[i].kind == TRACE_SLOT_INDEX && (*h.refs)[i].slot > e->slot)
        (*h.refs)[i].slot--;
  drop_target (heap, e->target);
}

static void
apply_seq_clear (TraceHeap *heap, const TraceEvent *e)
{
  TraceHeapObject *o = object_of (heap, e->id);
  guint32 kept = 0;

  for (guint32 i = 0; i < o->n_refs; i++)
    {
      if (o->refs[i].kind == TRACE_SLOT_INDEX)
        drop_target (heap, o->refs[i].target);
      else
        o->refs[kept++] = o->refs[i];
    }
  o->n_refs = kept;
}

static void
end_collection (TraceHeap *heap)
{
  if (heap->flagged > 0 || heap->stats.phase != 0)
    for (guint i = 0; i < heap->objects->len; i++)
      {
        TraceHeapObject *o = &g_array_index (heap->objects, TraceHeapObject, i);
        o->flags &= (guint8) ~TRACE_OBJ_UNREACHABLE;
        o->gc_refs = -1;
      }
  heap->flagged = 0;
  heap->stats.collecting = -1;
  heap->stats.phase = 0;
}

static void
apply_frame_push (TraceHeap *heap, const TraceEvent *e)
{
  TraceHeapFrame f = { 0 };

  f.id = e->id;
  f.function = e->target;
  f.namespace = (guint64) e->slot;
  f.name = e->str;
  g_array_append_val (heap->frames, f);
  trace_id_map_insert (&heap->index, e->id, (heap->frames->len - 1) | FRAME_BIT);
}

static void
apply_frame_pop (TraceHeap *heap, const TraceEvent *e)
{
  TraceHeapFrame *f = &g_array_index (heap->frames, TraceHeapFrame, heap->frames->len - 1);

  for (guint32 i = 0; i < f->n_refs; i++)
    drop_target (heap, f->refs[i].target);
  g_free (f->refs);
  trace_id_map_remove (&heap->index, e->id);
  g_array_set_size (heap->frames, heap->frames->len - 1);
}

static void
apply_summary (TraceHeap *heap, const TraceEvent *e)
{
  TraceSummary *s = NULL;

  for (guint i = 0; i < heap->summaries->len; i++)
    {
      TraceSummary *t = &g_array_index (heap->summaries, TraceSummary, i);
      if (t->container == e->id && t->type == e->str)
        s = t;
    }
  if (s == NULL)
    {
      TraceSummary fresh = { e->id, e->str, 0, 0 };
      g_array_append_val (heap->summaries, fresh);
      s = &g_array_index (heap->summaries, TraceSummary, heap->summaries->len - 1);
    }
  s->count += e->a;
  s->bytes += e->b;
  object_of (heap, e->id)->flags |= TRACE_OBJ_SUMMARISED;
  heap->stats.live_objects += e->a;
  heap->stats.live_bytes += e->b;
  note_peak (heap);
}

void
trace_heap_replay (TraceHeap *heap, const TraceEvent *e)
{
  TraceHeapStats *s = &heap->stats;
  TraceHeapObject *o;

  switch ((TraceEventKind) e->kind)
    {
    case TRACE_EV_BORN:
      apply_born (heap, e);
      break;
    case TRACE_EV_FREE:
      apply_free (heap, e);
      break;
    case TRACE_EV_REF_ADD:
      apply_ref_add (heap, e);
      break;
    case TRACE_EV_REF_DEL:
      apply_ref_del (heap, e);
      break;
    case TRACE_EV_SEQ_CLEAR:
      apply_seq_clear (heap, e);
      break;
    case TRACE_EV_REFCNT:
      object_of (heap, e->id)->refcnt = e->a;
      break;
    case TRACE_EV_SIZE:
      o = object_of (heap, e->id);
      s->live_bytes += e->a - (gint64) o->size;
      o->size = (guint64) e->a;
      note_peak (heap);
      break;
    case TRACE_EV_TRACK:
      object_of (heap, e->id)->gen = 0;
      break;
    case TRACE_EV_UNTRACK:
      object_of (heap, e->id)->gen = -1;
      break;
    case TRACE_EV_GEN_MERGE:
      for (guint i = 0; i < heap->objects->len; i++)
        {
          o = &g_array_index (heap->objects, TraceHeapObject, i);
          if (o->gen == e->a && !(o->flags & TRACE_OBJ_UNREACHABLE))
            o->gen = (gint8) e->b;
        }
      break;
    case TRACE_EV_GC_COUNTS:
      s->counts[0] = e->a;
      s->counts[1] = e->b;
      s->counts[2] = e->c;
      break;
    case TRACE_EV_GC_START:
      end_collection (heap);
      s->collecting = e->small;
      s->counts[0] = e->a;
      s->counts[1] = e->b;
      s->counts[2] = e->c;
      s->gens[e->small].collections++;
      break;
    case TRACE_EV_GC_PHASE:
      s->phase = e->small;
      break;
    case TRACE_EV_GC_REFS:
      object_of (heap, e->id)->gc_refs = e->a;
      break;
    case TRACE_EV_GC_UNREACHABLE:
      o = object_of (heap, e->id);
      if (!(o->flags & TRACE_OBJ_UNREACHABLE))
        heap->flagged++;
      o->flags |= TRACE_OBJ_UNREACHABLE;
      break;
    case TRACE_EV_GC_FINALIZE:
      object_of (heap, e->id)->flags |= TRACE_OBJ_FINALIZED;
      break;
    case TRACE_EV_GC_RESURRECT:
      o = object_of (heap, e->id);
      if (o->flags & TRACE_OBJ_UNREACHABLE)
        heap->flagged--;
      o->flags &= (guint8) ~TRACE_OBJ_UNREACHABLE;
      o->gen = (gint8) e->small;
      break;
    case TRACE_EV_GC_END:
      s->gens[e->small].collected += e->a;
      s->gens[e->small].uncollectable += e->b;
      end_collection (heap);
      break;
    case TRACE_EV_THRESHOLD:
      s->thresholds[0] = e->a;
      s->thresholds[1] = e->b;
      s->thresholds[2] = e->c;
      break;
    case TRACE_EV_ARENA_NEW:
      s->arenas++;
      s->arena_bytes += e->c;
      break;
    case TRACE_EV_ARENA_FREE:
      s->arenas--;
      s->arena_bytes -= e->c;
      break;
    case TRACE_EV_STEP:
      heap->last_step = (guint64) e->a;
      break;
    case TRACE_EV_FRAME_PUSH:
      apply_frame_push (heap, e);
      break;
    case TRACE_EV_FRAME_POP:
      apply_frame_pop (heap, e);
      break;
    case TRACE_EV_SUMMARY:
      apply_summary (heap, e);
      break;
    case TRACE_EV_EXCEPTION:
    case TRACE_EV_OUTPUT:
    case TRACE_EV_END:
    case TRACE_EV_KIND_COUNT_:
      break;
    }
  heap->position++;
}
