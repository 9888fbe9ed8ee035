/* recorder.c: the sink. Every runtime event passes through emit(), which
 * decides what the trace must say: forward it, declare the objects it names
 * first, fold it into a summary, or drop it (events about objects from
 * before the recorder that nothing shown refers to). */
#include "recorder.h"
#include "recorder-values.h"
#include "id-map.h"

#include "runtime/event.h"
#include "runtime/gc.h"
#include "runtime/mem.h"
#include "runtime/runtime.h"
#include "runtime/str.h"

#include <string.h>

#define DEFAULT_SUMMARISE_AFTER 1024
#define OUTPUT_CHUNK (64 * 1024)

/* Serials start..end, atoms summarised inside container. */
typedef struct
{
  guint64 start;
  guint64 end;
  guint64 container;
  gboolean container_alive;
} Interval;

struct TraceRecorder
{
  TraceTimeline *timeline;
  TraceLog *log;
  RtEventSink sink;
  guint summarise_after;
  guint64 first_serial;     /* objects with lower serials existed before */
  guint64 steps;
  char *error;

  /* Live objects the trace knows, with their runtime pointers (valid until
   * their free event) so counts and sizes can be read at each statement. */
  TraceIdMap known;         /* serial -> index in objects */
  GPtrArray *objects;
  GArray *touched_epoch;    /* guint32 per index */
  GArray *free_indexes;     /* guint32 */
  GArray *touched;          /* guint32 indexes touched since the last sync */
  guint32 epoch;

  /* A just-born atom held back: if a big container takes it next, it is
   * folded into a summary instead of written. */
  gboolean has_pending;
  RtObject *pending;
  guint8 pending_flags;

  /* Consecutive folds into one container add up here. */
  TraceEvent summary;
  GArray *intervals;        /* Interval, by start */
};

static void forward (TraceRecorder *r, TraceEvent *event);

static void
record_error (TraceRecorder *r, char *message)
{
  if (r->error == NULL)
    r->error = message;
  else
    g_free (message);
}

static void
append (TraceRecorder *r, const TraceEvent *event)
{
  char *error = NULL;

  if (!trace_timeline_append (r->timeline, event, &error))
    record_error (r, error);
}

static void
flush_summary (TraceRecorder *r)
{
  if (r->summary.kind == 0)
    return;
  append (r, &r->summary);
  r->summary.kind = 0;
}

/* The bookkeeping of known objects. */

static guint32 *
known_index (TraceRecorder *r, guint64 serial)
{
  return serial != 0 ? trace_id_map_lookup (&r->known, serial) : NULL;
}

static void
touch_index (TraceRecorder *r, guint32 index)
{
  guint32 *epoch = &g_array_index (r->touched_epoch, guint32, index);

  if (*epoch != r->epoch)
    {
      *epoch = r->epoch;
      g_array_append_val (r->touched, index);
    }
}

static void
touch (TraceRecorder *r, guint64 serial)
{
  guint32 *index = known_index (r, serial);

  if (index != NULL)
    touch_index (r, *index);
}

static void
remember (TraceRecorder *r, RtObject *obj)
{
  guint32 index;

  if (r->free_indexes->len > 0)
    {
      index = g_array_index (r->free_indexes, guint32, r->free_indexes->len - 1);
      g_array_set_size (r->free_indexes, r->free_indexes->len - 1);
      r->objects->pdata[index] = obj;
    }
  else
    {
      guint32 zero = 0;
      index = r->objects->len;
      g_ptr_array_add (r->objects, obj);
      g_array_append_val (r->touched_epoch, zero);
    }
  trace_id_map_insert (&r->known, obj->serial, index);
  touch_index (r, index);
}

static void
forget (TraceRecorder *r, guint64 serial)
{
  guint32 *index = known_index (r, serial);

  if (index == NULL)
    return;
  r->objects->pdata[*index] = NULL;
  g_array_append_val (r->free_indexes, *index);
  trace_id_map_remove (&r->known, serial);
}

/* Summarised serials. */

static Interval *
interval_of (TraceRecorder *r, guint64 serial)
{
  guint lo = 0, hi = r->intervals->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Interval *in = &g_array_index (r->intervals, Interval, mid);
      if (serial < in->start)
        hi = mid;
      else if (serial > in->end)
        lo = mid + 1;
      else
        return in;
    }
  return NULL;
}

static void
interval_add (TraceRecorder *r, guint64 container, guint64 serial)
{
  Interval *last = r->intervals->len > 0
                     ? &g_array_index (r->intervals, Interval, r->intervals->len - 1)
                     : NULL;
  Interval fresh = { serial, serial, container, TRUE };

  /* Serials only grow, so the newest interval is last. */
  if (last != NULL && last->container == container && last->end + 1 == serial)
    last->end = serial;
  else
    g_array_append_val (r->intervals, fresh);
}

static void
interval_remove (TraceRecorder *r, Interval *in, guint64 serial)
{
  guint at = (guint) (in - (Interval *) r->intervals->data);

  if (in->start == in->end)
    g_array_remove_index (r->intervals, at);
  else if (serial == in->start)
    in->start++;
  else if (serial == in->end)
    in->end--;
  else
    {
      Interval upper = { serial + 1, in->end, in->container, in->container_alive };
      in->end = serial - 1;
      g_array_insert_val (r->intervals, at + 1, upper);
    }
}

/* Writing events. */

static guint32
intern (TraceRecorder *r, const char *text)
{
  return text != NULL ? trace_log_intern (r->log, text, -1) : 0;
}

static void
write_born (TraceRecorder *r, RtObject *obj, guint8 flags)
{
  char *repr = trace_value_repr (obj);
  TraceEvent e = { .kind = TRACE_EV_BORN,
                   .flags = flags,
                   .id = obj->serial,
                   .str = intern (r, trace_value_type_name (obj)),
                   .str2 = intern (r, repr),
                   .a = (gint64) rt_object_sizeof (obj),
                   .b = (gint64) rt_object_id (obj),
                   .small = RT_IS_GC (obj) && rt_gc_is_tracked (obj) ? 0 : -1 };

  g_free (repr);
  forward (r, &e);
  remember (r, obj);
}

static guint8
born_flags (const RtEvent *ev)
{
  return (ev->flags & RT_EVF_CACHED ? TRACE_EVF_CACHED : 0)
         | (ev->flags & RT_EVF_INTERNED ? TRACE_EVF_INTERNED : 0);
}

static void
flush_pending (TraceRecorder *r)
{
  if (!r->has_pending)
    return;
  r->has_pending = FALSE;
  write_born (r, r->pending, r->pending_flags);
}

/* Every event the trace gets goes through here: what was held back goes
 * first, so the order of the trace is the order of the runtime. */
static void
forward (TraceRecorder *r, TraceEvent *event)
{
  flush_summary (r);
  append (r, event);
}

static void
write_summary (TraceRecorder *r, guint64 container, RtObject *atom, gint64 count)
{
  guint32 type = intern (r, trace_value_type_name (atom));
  gint64 bytes = count * (gint64) rt_object_sizeof (atom);

  if (r->summary.kind != 0 && (r->summary.id != container || r->summary.str != type))
    flush_summary (r);
  if (r->summary.kind == 0)
    r->summary = (TraceEvent){ .kind = TRACE_EV_SUMMARY, .id = container, .str = type };
  r->summary.a += count;
  r->summary.b += bytes;
}

/* Makes sure the trace knows obj (serial, possibly NULL pointer): declares
 * it if it existed before the recorder or was summarised. FALSE if it
 * cannot be known (a pointer is needed and there is none). */
static gboolean
ensure_known (TraceRecorder *r, guint64 serial, RtObject *obj)
{
  Interval *in;

  if (serial == 0)
    return FALSE;
  if (known_index (r, serial) != NULL)
    return TRUE;
  if (obj == NULL)
    return FALSE;
  in = interval_of (r, serial);
  if (in != NULL)
    {
      guint64 container = in->container;
      gboolean alive = in->container_alive;
      interval_remove (r, in, serial);
      if (alive)
        {
          TraceEvent ref = { .kind = TRACE_EV_REF_ADD, .id = container, .target = serial,
                             .slot_kind = TRACE_SLOT_INDEX, .slot = -1 };
          write_summary (r, container, obj, -1);
          write_born (r, obj, 0);
          forward (r, &ref);
          touch (r, container);
        }
      else
        write_born (r, obj, 0);
      return TRUE;
    }
  if (serial < r->first_serial)
    {
      TraceEvent count = { .kind = TRACE_EV_REFCNT, .id = serial };
      write_born (r, obj, TRACE_EVF_PREEXISTING);
      count.a = (gint64) RT_REFCNT (obj);
      forward (r, &count);
      return TRUE;
    }
  return FALSE;
}

static gboolean
is_known_frame (TraceRecorder *r, guint64 serial)
{
  return trace_heap_lookup_frame (trace_timeline_head (r->timeline), serial) != NULL;
}

static gboolean
summarisable (TraceRecorder *r, guint64 container)
{
  const TraceHeapObject *o = trace_heap_lookup (trace_timeline_head (r->timeline), container);

  return o != NULL && !(o->flags & TRACE_OBJ_PREEXISTING)
         && ((o->flags & TRACE_OBJ_SUMMARISED) || o->n_refs >= r->summarise_after);
}

static void
emit_ref (TraceRecorder *r, const RtEvent *ev)
{
  TraceEvent e = { .kind = ev->kind == RT_EV_REF_ADD ? TRACE_EV_REF_ADD : TRACE_EV_REF_DEL,
                   .id = ev->serial,
                   .target = ev->target,
                   .flags = ev->flags & RT_EVF_SHIFT ? TRACE_EVF_SHIFT : 0 };
  Interval *in = known_index (r, ev->target) == NULL ? interval_of (r, ev->target) : NULL;
  gboolean holder_known;

  /* Re-adding an item to the summarised container that holds it (a sort
   * empties and refills the list) changes nothing the trace shows. */
  if (in != NULL && in->container == ev->serial && in->container_alive
      && ev->kind == RT_EV_REF_ADD)
    return;

  holder_known = ev->object == NULL ? is_known_frame (r, ev->serial)
                                    : known_index (r, ev->serial) != NULL;
  if (!holder_known)
    {
      /* A holder from before the trace matters once it holds something
       * the trace knows. */
      if (ev->object == NULL || known_index (r, ev->target) == NULL)
        return;
      if (!ensure_known (r, ev->serial, ev->object))
        return;
    }
  if (!ensure_known (r, ev->target, ev->other))
    return;

  switch ((RtSlotKind) ev->slot_kind)
    {
    case RT_SLOT_INDEX:
      e.slot_kind = TRACE_SLOT_INDEX;
      e.slot = ev->slot;
      break;
    case RT_SLOT_KEY:
    case RT_SLOT_VALUE:
      if (!ensure_known (r, (guint64) ev->slot, ev->key))
        return;
      e.slot_kind = ev->slot_kind == RT_SLOT_KEY ? TRACE_SLOT_KEY : TRACE_SLOT_VALUE;
      e.slot = ev->slot;
      touch (r, (guint64) ev->slot);
      break;
    case RT_SLOT_ATTR:
    case RT_SLOT_NAME:
      e.slot_kind = ev->slot_kind == RT_SLOT_ATTR ? TRACE_SLOT_ATTR : TRACE_SLOT_NAME;
      e.str = ev->key != NULL && rt_is_str (ev->key)
                ? trace_log_intern (r->log, rt_str_utf8 (ev->key), (gssize) rt_str_size (ev->key))
                : intern (r, "?");
      if (e.str == 0)
        e.str = intern (r, "?");
      break;
    default:
      e.slot_kind = TRACE_SLOT_LABEL;
      e.str = intern (r, rt_ref_label_name ((RtRefLabel) ev->slot));
      if (e.str == 0)
        e.str = intern (r, "ref");
      break;
    }
  forward (r, &e);
  touch (r, ev->serial);
  touch (r, ev->target);
}

static void
emit_free (TraceRecorder *r, const RtEvent *ev)
{
  TraceEvent e = { .kind = TRACE_EV_FREE, .id = ev->serial, .small = ev->small };
  Interval *in;

  if (known_index (r, ev->serial) != NULL)
    {
      forward (r, &e);
      forget (r, ev->serial);
      /* Its summarised atoms die with it: their frees are not written. */
      for (guint i = 0; i < r->intervals->len; i++)
        {
          Interval *it = &g_array_index (r->intervals, Interval, i);
          if (it->container == ev->serial)
            it->container_alive = FALSE;
        }
      return;
    }
  in = interval_of (r, ev->serial);
  if (in == NULL)
    return;
  if (in->container_alive)
    write_summary (r, in->container, ev->object, -1);
  interval_remove (r, in, ev->serial);
}

static void
emit_simple (TraceRecorder *r, const RtEvent *ev, TraceEventKind kind)
{
  TraceEvent e = { .kind = kind, .id = ev->serial, .small = ev->small, .a = ev->a };

  if (known_index (r, ev->serial) == NULL)
    return;
  forward (r, &e);
  touch (r, ev->serial);
}

static void
emit_frame_push (TraceRecorder *r, const RtEvent *ev)
{
  char *name = trace_value_frame_name (ev->object);
  TraceEvent e = { .kind = TRACE_EV_FRAME_PUSH, .id = (guint64) ev->a, .str = intern (r, name) };

  g_free (name);
  if (ev->object != NULL && ensure_known (r, ev->object->serial, ev->object))
    e.target = ev->object->serial;
  if (ev->other != NULL && ensure_known (r, ev->other->serial, ev->other))
    e.slot = (gint64) ev->other->serial;
  forward (r, &e);
}

static void
emit_output (TraceRecorder *r, const RtEvent *ev)
{
  const char *text = ev->text;
  gsize left = (gsize) ev->a;

  while (left > 0)
    {
      gsize n = MIN (left, OUTPUT_CHUNK);
      TraceEvent e = { .kind = TRACE_EV_OUTPUT };
      /* Cut at a character boundary. */
      while (n < left && n > 0 && (text[n] & 0xc0) == 0x80)
        n--;
      if (n == 0)
        n = MIN (left, OUTPUT_CHUNK);
      e.str = trace_log_intern (r->log, text, (gssize) n);
      if (e.str != 0)
        forward (r, &e);
      text += n;
      left -= n;
    }
}

static void
emit (void *user, const RtEvent *ev)
{
  TraceRecorder *r = user;

  if (r->has_pending)
    {
      if (ev->kind == RT_EV_REF_ADD && ev->target == r->pending->serial
          && ev->slot_kind == RT_SLOT_INDEX && ev->object != NULL
          && known_index (r, ev->serial) != NULL && summarisable (r, ev->serial))
        {
          r->has_pending = FALSE;
          interval_add (r, ev->serial, ev->target);
          write_summary (r, ev->serial, r->pending, 1);
          return;
        }
      flush_pending (r);
    }

  switch ((RtEventKind) ev->kind)
    {
    case RT_EV_BORN:
      if (trace_value_is_atom (ev->object) && !(ev->flags & (RT_EVF_CACHED | RT_EVF_INTERNED)))
        {
          r->has_pending = TRUE;
          r->pending = ev->object;
          r->pending_flags = born_flags (ev);
        }
      else
        write_born (r, ev->object, born_flags (ev));
      break;
    case RT_EV_FREE:
      emit_free (r, ev);
      break;
    case RT_EV_REF_ADD:
    case RT_EV_REF_DEL:
      emit_ref (r, ev);
      break;
    case RT_EV_SEQ_CLEAR:
      emit_simple (r, ev, TRACE_EV_SEQ_CLEAR);
      break;
    case RT_EV_REFCNT:
      if (ensure_known (r, ev->serial, ev->object))
        emit_simple (r, ev, TRACE_EV_REFCNT);
      break;
    case RT_EV_TRACK:
      emit_simple (r, ev, TRACE_EV_TRACK);
      break;
    case RT_EV_UNTRACK:
      emit_simple (r, ev, TRACE_EV_UNTRACK);
      break;
    case RT_EV_GC_REFS:
      emit_simple (r, ev, TRACE_EV_GC_REFS);
      break;
    case RT_EV_GC_UNREACHABLE:
      emit_simple (r, ev, TRACE_EV_GC_UNREACHABLE);
      break;
    case RT_EV_GC_FINALIZE:
      emit_simple (r, ev, TRACE_EV_GC_FINALIZE);
      break;
    case RT_EV_GC_RESURRECT:
      emit_simple (r, ev, TRACE_EV_GC_RESURRECT);
      break;
    case RT_EV_GEN_MERGE:
      {
        TraceEvent e = { .kind = TRACE_EV_GEN_MERGE, .a = ev->small, .b = ev->a };
        forward (r, &e);
      }
      break;
    case RT_EV_GC_START:
      {
        TraceEvent e = { .kind = TRACE_EV_GC_START, .small = ev->small, .a = ev->a, .b = ev->b,
                         .c = ev->c, .flags = ev->flags & RT_EVF_MANUAL ? TRACE_EVF_MANUAL : 0 };
        forward (r, &e);
      }
      break;
    case RT_EV_GC_PHASE:
      {
        TraceEvent e = { .kind = TRACE_EV_GC_PHASE, .small = ev->small, .a = ev->a };
        forward (r, &e);
      }
      break;
    case RT_EV_GC_END:
      {
        TraceEvent e = { .kind = TRACE_EV_GC_END, .small = ev->small, .a = ev->a, .b = ev->b };
        int64_t counts[RT_GC_GENERATIONS];
        forward (r, &e);
        rt_gc_get_count (counts);
        e = (TraceEvent){ .kind = TRACE_EV_GC_COUNTS, .a = counts[0], .b = counts[1],
                          .c = counts[2] };
        forward (r, &e);
      }
      break;
    case RT_EV_THRESHOLD:
      {
        TraceEvent e = { .kind = TRACE_EV_THRESHOLD, .a = ev->a, .b = ev->b, .c = ev->c };
        forward (r, &e);
      }
      break;
    case RT_EV_ARENA_NEW:
    case RT_EV_ARENA_FREE:
      {
        TraceEvent e = { .kind = ev->kind == RT_EV_ARENA_NEW ? TRACE_EV_ARENA_NEW
                                                             : TRACE_EV_ARENA_FREE,
                         .a = ev->small, .b = ev->b, .c = ev->a };
        forward (r, &e);
      }
      break;
    case RT_EV_STEP:
      {
        TraceEvent e = { .kind = TRACE_EV_STEP, .a = (gint64) ++r->steps, .b = ev->a,
                         .c = ev->small, .id = (guint64) ev->b };
        trace_recorder_sync (r);
        forward (r, &e);
      }
      break;
    case RT_EV_FRAME_PUSH:
      emit_frame_push (r, ev);
      break;
    case RT_EV_FRAME_POP:
      if (is_known_frame (r, (guint64) ev->a))
        {
          TraceEvent e = { .kind = TRACE_EV_FRAME_POP, .id = (guint64) ev->a };
          forward (r, &e);
        }
      break;
    case RT_EV_EXCEPTION:
      if (ev->object != NULL && ensure_known (r, ev->serial, ev->object))
        {
          TraceEvent e = { .kind = TRACE_EV_EXCEPTION, .id = ev->serial };
          forward (r, &e);
        }
      break;
    case RT_EV_OUTPUT:
      emit_output (r, ev);
      break;
    case RT_EV_KIND_COUNT_:
      break;
    }
}

TraceRecorder *
trace_recorder_new (TraceTimeline *timeline, guint summarise_after)
{
  TraceRecorder *r = g_new0 (TraceRecorder, 1);

  r->timeline = timeline;
  r->log = trace_timeline_log (timeline);
  r->summarise_after = summarise_after != 0 ? summarise_after : DEFAULT_SUMMARISE_AFTER;
  trace_id_map_init (&r->known);
  r->objects = g_ptr_array_new ();
  r->touched_epoch = g_array_new (FALSE, FALSE, sizeof (guint32));
  r->free_indexes = g_array_new (FALSE, FALSE, sizeof (guint32));
  r->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  r->intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
  r->epoch = 1;
  r->sink.emit = emit;
  r->sink.user = r;
  return r;
}

void
trace_recorder_free (TraceRecorder *r)
{
  if (r == NULL)
    return;
  if (rt_sink == &r->sink)
    rt_sink = NULL;
  trace_id_map_clear (&r->known);
  g_ptr_array_unref (r->objects);
  g_array_unref (r->touched_epoch);
  g_array_unref (r->free_indexes);
  g_array_unref (r->touched);
  g_array_unref (r->intervals);
  g_free (r->error);
  g_free (r);
}

void
trace_recorder_set_detailed_gc (TraceRecorder *r, gboolean detailed)
{
  r->sink.detailed_gc = detailed;
}

static void
catch_up_arena (uint32_t index, uint64_t address, void *user)
{
  TraceRecorder *r = user;
  TraceEvent e = { .kind = TRACE_EV_ARENA_NEW, .a = index, .b = (gint64) address,
                   .c = 256 * 1024 };

  forward (r, &e);
}

void
trace_recorder_attach (TraceRecorder *r)
{
  int64_t thresholds[RT_GC_GENERATIONS];

  rt_gc_get_threshold (thresholds);
  trace_log_set_thresholds (r->log, thresholds);
  r->first_serial = rt_serial_new ();
  /* The arenas already held, so memory figures start true. */
  rt_mem_foreach_arena (catch_up_arena, r);
  rt_sink = &r->sink;
}

void
trace_recorder_sync (TraceRecorder *r)
{
  const TraceHeap *head = trace_timeline_head (r->timeline);
  int64_t counts[RT_GC_GENERATIONS];
  const TraceHeapStats *stats;

  flush_pending (r);
  flush_summary (r);
  for (guint i = 0; i < r->touched->len; i++)
    {
      guint32 index = g_array_index (r->touched, guint32, i);
      RtObject *obj = r->objects->pdata[index];
      const TraceHeapObject *o = obj != NULL ? trace_heap_lookup (head, obj->serial) : NULL;
      gint64 size;

      if (o == NULL)
        continue;
      if ((gint64) RT_REFCNT (obj) != o->refcnt)
        {
          TraceEvent e = { .kind = TRACE_EV_REFCNT, .id = obj->serial,
                           .a = (gint64) RT_REFCNT (obj) };
          forward (r, &e);
        }
      size = (gint64) rt_object_sizeof (obj);
      if ((guint64) size != o->size)
        {
          TraceEvent e = { .kind = TRACE_EV_SIZE, .id = obj->serial, .a = size };
          forward (r, &e);
        }
    }
  g_array_set_size (r->touched, 0);
  r->epoch++;

  stats = trace_heap_stats (head);
  rt_gc_get_count (counts);
  if (counts[0] != stats->counts[0] || counts[1] != stats->counts[1]
      || counts[2] != stats->counts[2])
    {
      TraceEvent e = { .kind = TRACE_EV_GC_COUNTS, .a = counts[0], .b = counts[1],
                       .c = counts[2] };
      forward (r, &e);
    }
}

void
trace_recorder_finish (TraceRecorder *r, int status)
{
  TraceEvent end = { .kind = TRACE_EV_END, .a = status };

  trace_recorder_sync (r);
  forward (r, &end);
  if (rt_sink == &r->sink)
    rt_sink = NULL;
}

const char *
trace_recorder_error (const TraceRecorder *r)
{
  return r->error;
}
