/* heap.h: the state of a traced heap at one point: live objects with their
 * references, the frames, the collector's counts and the allocator's
 * arenas. A TraceHeap is changed only by applying events in order. */
#pragma once

#include "event-log.h"

typedef struct
{
  guint64 target;
  gint64 slot;          /* index, or the key's id for KEY/VALUE */
  guint32 name;         /* attr/name/label string */
  guint8 kind;          /* TraceSlotKind */
} TraceRef;

enum
{
  TRACE_OBJ_CACHED = 1u << 0,
  TRACE_OBJ_INTERNED = 1u << 1,
  TRACE_OBJ_PREEXISTING = 1u << 2, /* its contents before the trace are unknown */
  TRACE_OBJ_UNREACHABLE = 1u << 3, /* found unreachable by the collection in progress */
  TRACE_OBJ_FINALIZED = 1u << 4,   /* its __del__ ran */
  TRACE_OBJ_SUMMARISED = 1u << 5,  /* holds atoms not named one by one */
};

typedef struct
{
  guint64 id;
  guint64 addr;
  guint64 size;
  gint64 refcnt;
  guint64 born_event;
  gint64 gc_refs;       /* during a collection: the working count, or -1 */
  guint32 type;         /* string ids */
  guint32 repr;
  gint8 gen;            /* 0–2, 3 permanent, -1 untracked */
  guint8 flags;         /* TRACE_OBJ_* */
  guint32 n_refs;
  guint32 cap_refs;
  TraceRef *refs;
} TraceHeapObject;

typedef struct
{
  guint64 id;
  guint64 function;     /* 0: none */
  guint64 namespace;    /* a dict whose entries are the variables, or 0 */
  guint32 name;
  guint32 n_refs;
  guint32 cap_refs;
  TraceRef *refs;       /* its variables (NAME slots) */
} TraceHeapFrame;

typedef struct
{
  guint64 container;
  guint32 type;
  gint64 count;
  gint64 bytes;
} TraceSummary;

typedef struct
{
  gint64 collections;
  gint64 collected;
  gint64 uncollectable;
} TraceGenStats;

typedef struct
{
  gint64 counts[3];      /* gc.get_count() */
  gint64 thresholds[3];
  TraceGenStats gens[3];
  gint collecting;       /* the generation being collected, or -1 */
  gint phase;            /* its TracePhase, 0 before the first */
  gint64 live_objects;   /* summarised atoms included */
  gint64 live_bytes;
  gint64 arenas;
  gint64 arena_bytes;
  gint64 peak_objects;
  gint64 peak_bytes;
} TraceHeapStats;

typedef struct TraceHeap TraceHeap;

TraceHeap *trace_heap_new (const TraceLog *log);
TraceHeap *trace_heap_copy (const TraceHeap *heap);
void trace_heap_assign (TraceHeap *heap, const TraceHeap *from);
void trace_heap_free (TraceHeap *heap);

/* Checks event against the state (every id it names alive, no id born
 * twice, values in range) and applies it. FALSE with a one-line message
 * (g_free it) when the event cannot apply; the state is then unchanged. */
gboolean trace_heap_apply (TraceHeap *heap, const TraceEvent *event, char **error);

/* Applies an event known to be valid (one that passed trace_heap_apply). */
void trace_heap_replay (TraceHeap *heap, const TraceEvent *event);

/* How many events have been applied. */
guint64 trace_heap_position (const TraceHeap *heap);

guint trace_heap_n_objects (const TraceHeap *heap);
const TraceHeapObject *trace_heap_object_at (const TraceHeap *heap, guint i);
const TraceHeapObject *trace_heap_lookup (const TraceHeap *heap, guint64 id);

/* Frames from the outermost to the innermost. */
guint trace_heap_n_frames (const TraceHeap *heap);
const TraceHeapFrame *trace_heap_frame_at (const TraceHeap *heap, guint i);
const TraceHeapFrame *trace_heap_lookup_frame (const TraceHeap *heap, guint64 id);

/* Summaries of atoms held by containers. */
guint trace_heap_n_summaries (const TraceHeap *heap);
const TraceSummary *trace_heap_summary_at (const TraceHeap *heap, guint i);

const TraceHeapStats *trace_heap_stats (const TraceHeap *heap);

/* Bytes the state occupies (to size checkpoints). */
gsize trace_heap_memory (const TraceHeap *heap);
