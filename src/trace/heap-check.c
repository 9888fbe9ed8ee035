/* heap-check.c: whether an event can apply to a heap state, and if not,
 * one line saying why — the reader's defence against bad traces. */
#include "heap-private.h"

#include <stdarg.h>

typedef struct
{
  TraceHeap *heap;
  const TraceEvent *event;
  char **error;
} Check;

static gboolean G_GNUC_PRINTF (2, 3)
fail (Check *c, const char *format, ...)
{
  va_list args;
  char *what;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  const char *kind = trace_event_kind_name (c->event->kind);

  *c->error = g_strdup_printf ("%s: %s", kind != NULL ? kind : "event", what);
  g_free (what);
  return FALSE;
}

static gboolean
missing (Check *c, const char *role, guint64 id)
{
  guint32 *died = c->heap->dead != NULL ? trace_id_map_lookup (c->heap->dead, id) : NULL;

  if (id == 0)
    return fail (c, "%s is missing", role);
  if (died != NULL)
    return fail (c, "%s %" G_GUINT64_FORMAT " was freed at line %u", role, id, *died);
  return fail (c, "%s %" G_GUINT64_FORMAT " does not exist", role, id);
}

static gboolean
need_object (Check *c, const char *role, guint64 id)
{
  if (trace_heap_lookup (c->heap, id) != NULL)
    return TRUE;
  if (trace_heap_lookup_frame (c->heap, id) != NULL)
    return fail (c, "%s %" G_GUINT64_FORMAT " is a frame, not an object", role, id);
  return missing (c, role, id);
}

static gboolean
need_holder (Check *c, guint64 id)
{
  if (trace_heap_lookup (c->heap, id) != NULL || trace_heap_lookup_frame (c->heap, id) != NULL)
    return TRUE;
  return missing (c, "holder", id);
}

static gboolean
need_new_id (Check *c, guint64 id)
{
  guint32 *died = c->heap->dead != NULL ? trace_id_map_lookup (c->heap->dead, id) : NULL;

  if (id == 0 || id >= TRACE_ID_MAX)
    return fail (c, "id %" G_GUINT64_FORMAT " is out of range (1 to 2^53 - 1)", id);
  if (trace_id_map_lookup (&c->heap->index, id) != NULL)
    return fail (c, "id %" G_GUINT64_FORMAT " is already in use", id);
  if (died != NULL)
    return fail (c, "id %" G_GUINT64_FORMAT " is reused (it died at line %u)", id, *died);
  return TRUE;
}

static gboolean
need_range (Check *c, const char *what, gint64 value, gint64 low, gint64 high)
{
  if (value < low || value > high)
    return fail (c, "%s %" G_GINT64_FORMAT " is out of range (%" G_GINT64_FORMAT " to %"
                 G_GINT64_FORMAT ")", what, value, low, high);
  return TRUE;
}

static gboolean
check_ref (Check *c, const TraceEvent *e)
{
  if (!need_holder (c, e->id) || !need_object (c, "target", e->target))
    return FALSE;
  switch (e->slot_kind)
    {
    case TRACE_SLOT_INDEX:
      return need_range (c, "index", e->slot, -1, G_MAXINT64);
    case TRACE_SLOT_KEY:
    case TRACE_SLOT_VALUE:
      return need_object (c, "key", (guint64) e->slot);
    case TRACE_SLOT_ATTR:
    case TRACE_SLOT_NAME:
    case TRACE_SLOT_LABEL:
      if (e->str == 0)
        return fail (c, "the %s is empty", trace_slot_kind_name (e->slot_kind));
      return TRUE;
    default:
      return fail (c, "the reference has no slot (index, key, value, attr, name or label)");
    }
}

static gboolean
check_ref_del (Check *c, const TraceEvent *e)
{
  const TraceHeapObject *holder;
  const TraceRef *refs;
  guint32 n;
  gboolean loose;

  if (!check_ref (c, e))
    return FALSE;
  holder = trace_heap_lookup (c->heap, e->id);
  if (holder != NULL)
    {
      /* Contents from before the trace are not known. */
      if (holder->flags & TRACE_OBJ_PREEXISTING)
        return TRUE;
      refs = holder->refs;
      n = holder->n_refs;
      loose = (holder->flags & TRACE_OBJ_SUMMARISED) || e->slot < 0;
    }
  else
    {
      const TraceHeapFrame *f = trace_heap_lookup_frame (c->heap, e->id);
      refs = f->refs;
      n = f->n_refs;
      loose = FALSE;
    }
  for (guint32 i = 0; i < n; i++)
    {
      const TraceRef *r = &refs[i];
      if (r->kind != e->slot_kind || r->target != e->target)
        continue;
      if (e->slot_kind == TRACE_SLOT_INDEX ? (loose || r->slot == e->slot)
          : (e->slot_kind == TRACE_SLOT_KEY || e->slot_kind == TRACE_SLOT_VALUE)
            ? r->slot == e->slot
            : r->name == e->str)
        return TRUE;
    }
  return fail (c, "%" G_GUINT64_FORMAT " holds no such reference to %" G_GUINT64_FORMAT, e->id,
               e->target);
}

void
trace_heap_track_deaths (TraceHeap *heap, TraceIdMap *dead)
{
  heap->dead = dead;
}

static guint32
line_now (const TraceHeap *heap)
{
  return heap->position + 2 > G_MAXUINT32 ? G_MAXUINT32 : (guint32) (heap->position + 2);
}

gboolean
trace_heap_apply (TraceHeap *heap, const TraceEvent *e, char **error)
{
  Check check = { heap, e, error };
  Check *c = &check;
  const TraceHeapStats *s = &heap->stats;
  gboolean ok = TRUE;

  switch ((TraceEventKind) e->kind)
    {
    case TRACE_EV_BORN:
      ok = need_new_id (c, e->id) && need_range (c, "gen", e->small, -1, 3)
           && need_range (c, "size", e->a, 0, G_MAXINT64)
           && need_range (c, "addr", e->b, 0, G_MAXINT64);
      if (ok && e->str == 0)
        ok = fail (c, "object %" G_GUINT64_FORMAT " has no type", e->id);
      break;
    case TRACE_EV_FREE:
      ok = need_object (c, "object", e->id) && need_range (c, "gen", e->small, -2, 2);
      break;
    case TRACE_EV_REF_ADD:
      ok = check_ref (c, e);
      break;
    case TRACE_EV_REF_DEL:
      ok = check_ref_del (c, e);
      break;
    case TRACE_EV_SEQ_CLEAR:
    case TRACE_EV_TRACK:
    case TRACE_EV_UNTRACK:
    case TRACE_EV_GC_FINALIZE:
      ok = need_object (c, "object", e->id);
      break;
    case TRACE_EV_REFCNT:
      ok = need_object (c, "object", e->id) && need_range (c, "count", e->a, 0, G_MAXINT64);
      break;
    case TRACE_EV_SIZE:
      ok = need_object (c, "object", e->id) && need_range (c, "size", e->a, 0, G_MAXINT64);
      break;
    case TRACE_EV_GEN_MERGE:
      ok = need_range (c, "from", e->a, 0, 3) && need_range (c, "to", e->b, 0, 3);
      break;
    case TRACE_EV_GC_COUNTS:
    case TRACE_EV_THRESHOLD:
      ok = need_range (c, "the first", e->a, 0, G_MAXINT64)
           && need_range (c, "the second", e->b, 0, G_MAXINT64)
           && need_range (c, "the third", e->c, 0, G_MAXINT64);
      break;
    case TRACE_EV_GC_START:
      ok = need_range (c, "gen", e->small, 0, 2) && need_range (c, "count", e->a, 0, G_MAXINT64)
           && need_range (c, "count", e->b, 0, G_MAXINT64)
           && need_range (c, "count", e->c, 0, G_MAXINT64);
      break;
    case TRACE_EV_GC_PHASE:
      ok = need_range (c, "phase", e->small, 1, TRACE_PHASE_COUNT_ - 1)
           && need_range (c, "n", e->a, 0, G_MAXINT64);
      if (ok && s->collecting < 0)
        ok = fail (c, "no collection is in progress");
      break;
    case TRACE_EV_GC_REFS:
      ok = need_object (c, "object", e->id)
           && need_range (c, "phase", e->small, 1, TRACE_PHASE_COUNT_ - 1);
      break;
    case TRACE_EV_GC_UNREACHABLE:
      ok = need_object (c, "object", e->id);
      if (ok && s->collecting < 0)
        ok = fail (c, "no collection is in progress");
      break;
    case TRACE_EV_GC_RESURRECT:
      ok = need_object (c, "object", e->id) && need_range (c, "gen", e->small, 0, 3);
      break;
    case TRACE_EV_GC_END:
      ok = need_range (c, "gen", e->small, 0, 2)
           && need_range (c, "collected", e->a, 0, G_MAXINT64)
           && need_range (c, "uncollectable", e->b, 0, G_MAXINT64);
      if (ok && s->collecting != e->small)
        ok = s->collecting < 0 ? fail (c, "no collection is in progress")
                               : fail (c, "the collection in progress is of generation %d",
                                       s->collecting);
      break;
    case TRACE_EV_ARENA_NEW:
      ok = need_range (c, "size", e->c, 0, G_MAXINT64);
      break;
    case TRACE_EV_ARENA_FREE:
      if (s->arenas == 0)
        ok = fail (c, "no arena is in use");
      else
        ok = need_range (c, "size", e->c, 0, s->arena_bytes);
      break;
    case TRACE_EV_STEP:
      if ((guint64) e->a != heap->last_step + 1)
        ok = fail (c, "step %" G_GINT64_FORMAT " follows step %" G_GUINT64_FORMAT
                   " (steps count up from 1 without gaps)", e->a, heap->last_step);
      else if (e->c < 0 || e->c >= trace_log_n_files (heap->log))
        ok = fail (c, "file %" G_GINT64_FORMAT " is not in the header's %u files", e->c,
                   trace_log_n_files (heap->log));
      else if (e->b < 1 || (trace_log_file_n_lines (heap->log, (guint) e->c) > 0
                            && e->b > trace_log_file_n_lines (heap->log, (guint) e->c)))
        {
          g_autofree char *name = trace_printable (trace_log_file_name (heap->log, (guint) e->c));
          ok = fail (c, "line %" G_GINT64_FORMAT " is not in %s (%u lines)", e->b, name,
                     trace_log_file_n_lines (heap->log, (guint) e->c));
        }
      else if (trace_heap_lookup_frame (heap, e->id) == NULL)
        ok = missing (c, "frame", e->id);
      break;
    case TRACE_EV_FRAME_PUSH:
      ok = need_new_id (c, e->id)
           && (e->target == 0 || need_object (c, "function", e->target))
           && (e->slot == 0 || need_object (c, "namespace", (guint64) e->slot));
      if (ok && heap->frames->len >= 100000)
        ok = fail (c, "more than 100000 frames are active");
      break;
    case TRACE_EV_FRAME_POP:
      if (trace_heap_lookup_frame (heap, e->id) == NULL)
        ok = missing (c, "frame", e->id);
      else if (g_array_index (heap->frames, TraceHeapFrame, heap->frames->len - 1).id != e->id)
        ok = fail (c, "frame %" G_GUINT64_FORMAT " is not the innermost", e->id);
      break;
    case TRACE_EV_EXCEPTION:
      ok = e->id == 0 || need_object (c, "object", e->id);
      break;
    case TRACE_EV_SUMMARY:
      ok = need_object (c, "container", e->id);
      if (ok && e->str == 0)
        ok = fail (c, "summary of container %" G_GUINT64_FORMAT " has no type", e->id);
      if (ok)
        {
          gint64 count = 0, bytes = 0;
          for (guint i = 0; i < heap->summaries->len; i++)
            {
              const TraceSummary *t = &g_array_index (heap->summaries, TraceSummary, i);
              if (t->container == e->id && t->type == e->str)
                {
                  count = t->count;
                  bytes = t->bytes;
                }
            }
          if (count + e->a < 0 || bytes + e->b < 0)
            {
              g_autofree char *type = trace_printable (trace_log_string (heap->log, e->str));
              ok = fail (c, "container %" G_GUINT64_FORMAT " would hold fewer than no summarised %s",
                         e->id, type);
            }
        }
      break;
    case TRACE_EV_OUTPUT:
    case TRACE_EV_END:
      break;
    default:
      ok = fail (c, "unknown event kind %u", e->kind);
      break;
    }
  if (!ok)
    return FALSE;

  if (heap->dead != NULL && (e->kind == TRACE_EV_FREE || e->kind == TRACE_EV_FRAME_POP))
    trace_id_map_insert (heap->dead, e->id, line_now (heap));
  trace_heap_replay (heap, e);
  return TRUE;
}
