/* trace-event.h: one event of a trace, decoded. The runtime's events
 * (runtime/event.h) become these, and so does each line of a trace file. */
#pragma once

#include <glib.h>

typedef enum
{
  TRACE_EV_BORN = 1,
  TRACE_EV_FREE,
  TRACE_EV_REF_ADD,
  TRACE_EV_REF_DEL,
  TRACE_EV_SEQ_CLEAR,
  TRACE_EV_REFCNT,
  TRACE_EV_TRACK,
  TRACE_EV_UNTRACK,
  TRACE_EV_GEN_MERGE,
  TRACE_EV_GC_START,
  TRACE_EV_GC_PHASE,
  TRACE_EV_GC_REFS,
  TRACE_EV_GC_UNREACHABLE,
  TRACE_EV_GC_FINALIZE,
  TRACE_EV_GC_RESURRECT,
  TRACE_EV_GC_END,
  TRACE_EV_ARENA_NEW,
  TRACE_EV_ARENA_FREE,
  TRACE_EV_THRESHOLD,
  TRACE_EV_STEP,
  TRACE_EV_FRAME_PUSH,
  TRACE_EV_FRAME_POP,
  TRACE_EV_EXCEPTION,
  TRACE_EV_OUTPUT,
  /* Only in traces: written by the recorder, not the runtime. */
  TRACE_EV_GC_COUNTS,
  TRACE_EV_SIZE,
  TRACE_EV_SUMMARY,
  TRACE_EV_END,
  TRACE_EV_KIND_COUNT_
} TraceEventKind;

typedef enum
{
  TRACE_SLOT_NONE = 0,
  TRACE_SLOT_INDEX,   /* slot: the position, -1 inside a summarised container */
  TRACE_SLOT_KEY,     /* slot: the key object's id */
  TRACE_SLOT_VALUE,   /* slot: the key object's id */
  TRACE_SLOT_ATTR,    /* name: the attribute */
  TRACE_SLOT_NAME,    /* name: the variable */
  TRACE_SLOT_LABEL,   /* name: the internal reference's label */
  TRACE_SLOT_KIND_COUNT_
} TraceSlotKind;

enum
{
  TRACE_EVF_CACHED = 1u << 0,      /* born: a shared small int or 1-character str */
  TRACE_EVF_INTERNED = 1u << 1,    /* born */
  TRACE_EVF_PREEXISTING = 1u << 2, /* born: existed before the trace began */
  TRACE_EVF_MANUAL = 1u << 3,      /* gc_start: gc.collect() */
  TRACE_EVF_SHIFT = 1u << 4,       /* ref_add/ref_del at an index: later items move */
};

enum
{
  TRACE_CAUSE_REFCOUNT = -1,       /* free: otherwise the generation collected */
  TRACE_CAUSE_SHUTDOWN = -2,
};

/* Which fields mean what, by kind (unlisted fields are 0):
 *   born         id, str = type, str2 = repr (0: none), a = size, b = addr,
 *                small = generation or -1, flags
 *   free         id, small = TRACE_CAUSE_* or the generation collected
 *   ref_add/del  id = holder (object or frame), target, slot_kind, slot, str
 *                (attr/name/label), flags SHIFT
 *   seq_clear, track, untrack, gc_unreachable, gc_finalize   id
 *   refcnt       id, a = count          size      id, a = bytes
 *   summary      id, str = type, a = count, b = bytes (deltas)
 *   gen_merge    a = from, b = to       threshold, gc_counts   a, b, c
 *   gc_start     small = generation, a, b, c = counts, flags MANUAL
 *   gc_phase     small = phase, a = objects
 *   gc_refs      id, small = phase, a = gc_refs
 *   gc_resurrect id, small = generation
 *   gc_end       small = generation, a = collected, b = uncollectable
 *   arena_*      a = index, b = addr, c = size
 *   step         a = n, b = line, c = file, id = frame
 *   frame_push   id = frame, target = function (0: none), slot = namespace
 *                (0: none), str = name
 *   frame_pop    id = frame
 *   exception    id, str = "Type: message" (0: none)
 *   output       str = text              end   a = exit status
 * Strings are ids in the log's string table; 0 is no string. */
typedef struct
{
  guint8 kind;
  guint8 flags;
  guint8 slot_kind;
  gint32 small;
  guint32 str;
  guint32 str2;
  guint64 id;
  guint64 target;
  gint64 slot;
  gint64 a, b, c;
} TraceEvent;

typedef enum
{
  TRACE_PHASE_UPDATE_REFS = 1,
  TRACE_PHASE_SUBTRACT_REFS,
  TRACE_PHASE_MOVE_UNREACHABLE,
  TRACE_PHASE_FINALIZE,
  TRACE_PHASE_RESURRECTED,
  TRACE_PHASE_CLEAR,
  TRACE_PHASE_PROMOTE,
  TRACE_PHASE_COUNT_
} TracePhase;

/* The names used in trace files; NULL for a value out of range. */
const char *trace_event_kind_name (TraceEventKind kind);
const char *trace_slot_kind_name (TraceSlotKind kind);
const char *trace_phase_name (TracePhase phase);

/* The kind, slot kind or phase a name stands for; 0 if none. */
TraceEventKind trace_event_kind_from_name (const char *name, gsize length);
TraceSlotKind trace_slot_kind_from_name (const char *name);
TracePhase trace_phase_from_name (const char *name);

/* text as it may appear inside a one-line message: control characters
 * escaped, cut to about 40 characters. g_free it. */
char *trace_printable (const char *text);

/* The largest id a trace may use (ids travel as JSON numbers). */
#define TRACE_ID_MAX ((guint64) 1 << 53)
