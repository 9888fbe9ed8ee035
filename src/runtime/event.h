/* event.h: the events the runtime reports to an embedder, and the sink that
 * receives them. docs/events.md describes each kind. */
#pragma once

#include "object.h"

typedef enum
{
  RT_EV_BORN = 1,      /* object: fully constructed; a = size in bytes, b = address,
                          small = generation (0) or -1 when untracked;
                          flags: RT_EVF_CACHED, RT_EVF_INTERNED, RT_EVF_FREELIST */
  RT_EV_FREE,          /* object: about to be freed; small = RT_FREE_REFCOUNT or the
                          generation whose collection freed it */
  RT_EV_REF_ADD,       /* object -> target through slot */
  RT_EV_REF_DEL,       /* object no longer -> target through slot */
  RT_EV_SEQ_CLEAR,     /* object: every index slot is gone at once (clear, sort) */
  RT_EV_REFCNT,        /* object: its count is a (a sync point) */
  RT_EV_TRACK,         /* object: tracked by the collector, in generation 0 */
  RT_EV_UNTRACK,       /* object: no longer tracked */
  RT_EV_GEN_MERGE,     /* every tracked object in generation small moves to a;
                          3 is the permanent generation of gc.freeze() */
  RT_EV_GC_START,      /* small = generation; a = count0, b = count1, c = count2;
                          flags: RT_EVF_MANUAL */
  RT_EV_GC_PHASE,      /* small = RtGcPhase, a = objects in the phase's set */
  RT_EV_GC_REFS,       /* object: its gc_refs is a after phase small (detailed only) */
  RT_EV_GC_UNREACHABLE,/* object: found unreachable by the collection in progress */
  RT_EV_GC_FINALIZE,   /* object: its __del__ runs now */
  RT_EV_GC_RESURRECT,  /* object: its finalizer made it reachable again */
  RT_EV_GC_END,        /* small = generation; a = collected, b = uncollectable */
  RT_EV_ARENA_NEW,     /* small = arena index; b = address of its first byte */
  RT_EV_ARENA_FREE,    /* small = arena index; b = address */
  RT_EV_THRESHOLD,     /* a, b, c = the new thresholds */

  /* Emitted by the language layer through the same sink. */
  RT_EV_STEP,          /* a = line, small = source file index; starts a statement */
  RT_EV_FRAME_PUSH,    /* a = frame serial, object = the function (or NULL: module) */
  RT_EV_FRAME_POP,     /* a = frame serial */
  RT_EV_EXCEPTION,     /* object: the exception being raised */
  RT_EV_OUTPUT,        /* text = what the program printed */
  RT_EV_KIND_COUNT_
} RtEventKind;

enum
{
  RT_EVF_CACHED = 1u << 0,    /* a shared small int or one-character string */
  RT_EVF_INTERNED = 1u << 1,
  RT_EVF_FREELIST = 1u << 2,  /* reused from a free list: not counted by the collector */
  RT_EVF_MANUAL = 1u << 3,    /* a gc.collect() call rather than a threshold */
  RT_EVF_SHIFT = 1u << 4,     /* REF_ADD/REF_DEL at an index shifts the later slots */
};

enum
{
  RT_FREE_REFCOUNT = -1,      /* otherwise: the generation collected */
  RT_FREE_SHUTDOWN = -2,
};

typedef enum
{
  RT_GC_PHASE_UPDATE_REFS = 1, /* gc_refs = refcount */
  RT_GC_PHASE_SUBTRACT_REFS,   /* minus references from inside the generation */
  RT_GC_PHASE_MOVE_UNREACHABLE,/* reachable vs unreachable decided */
  RT_GC_PHASE_FINALIZE,        /* __del__ of the unreachable */
  RT_GC_PHASE_RESURRECTED,     /* some came back to life */
  RT_GC_PHASE_CLEAR,           /* tp_clear of the rest breaks the cycles */
  RT_GC_PHASE_PROMOTE,         /* survivors move to the next generation */
} RtGcPhase;

/* A fixed-size record. Pointers are borrowed and valid only during the call:
 * a sink that needs an object's content (a str's text, a type's name) reads
 * it then. Serials name objects for good. */
struct RtEvent
{
  uint16_t kind;
  uint8_t flags;
  uint8_t slot_kind;     /* RtSlotKind for REF_ADD/REF_DEL */
  int32_t small;
  uint64_t serial;       /* the object's serial */
  uint64_t target;       /* REF_*: the target's serial */
  int64_t slot;          /* REF_*: index or label; for KEY/VALUE/ATTR/NAME the key's serial */
  int64_t a, b, c;
  RtObject *object;
  RtObject *other;       /* REF_*: the target */
  RtObject *key;         /* REF_*: the key or name object, if any */
  const char *text;      /* OUTPUT: bytes, a = length */
};

struct RtEventSink
{
  void (*emit) (void *user, const RtEvent *event);
  void *user;
  bool detailed_gc;      /* also report gc_refs of every object in a collection */
};

/* The sink of the running runtime, or NULL: every event site
 * tests this once, so a runtime without a sink pays one branch. */
extern RtEventSink *rt_sink;

void rt_emit_slow (RtEvent *event);

static inline bool
rt_events_on (void)
{
  return RT_UNLIKELY (rt_sink != NULL);
}

/* Convenience emitters; each is a no-op branch without a sink. */
void rt_event_born (RtObject *obj, uint32_t flags);
void rt_event_free (RtObject *obj, int cause);
void rt_event_ref (RtEventKind kind, RtObject *from, RtSlot slot, RtObject *to, uint32_t flags);
void rt_event_simple (RtEventKind kind, RtObject *obj, int32_t small, int64_t a, int64_t b,
                      int64_t c);

#define RT_EVENT_BORN(obj, flags)               \
  do                                            \
    {                                           \
      if (rt_events_on ())                      \
        rt_event_born ((RtObject *) (obj), (flags)); \
    }                                           \
  while (0)

static inline RtSlot
rt_slot_index (int64_t i)
{
  return (RtSlot){ .kind = RT_SLOT_INDEX, .index = i, .key = NULL };
}

static inline RtSlot
rt_slot_keyed (RtSlotKind kind, RtObject *key)
{
  return (RtSlot){ .kind = kind, .index = 0, .key = key };
}

static inline RtSlot
rt_slot_label (RtRefLabel label)
{
  return (RtSlot){ .kind = RT_SLOT_INTERNAL, .index = label, .key = NULL };
}

#define RT_EVENT_REF_ADD(from, slot, to)        \
  do                                            \
    {                                           \
      if (rt_events_on ())                      \
        rt_event_ref (RT_EV_REF_ADD, (RtObject *) (from), (slot), (RtObject *) (to), 0); \
    }                                           \
  while (0)

#define RT_EVENT_REF_DEL(from, slot, to)        \
  do                                            \
    {                                           \
      if (rt_events_on ())                      \
        rt_event_ref (RT_EV_REF_DEL, (RtObject *) (from), (slot), (RtObject *) (to), 0); \
    }                                           \
  while (0)

const char *rt_event_kind_name (RtEventKind kind);
const char *rt_ref_label_name (RtRefLabel label);
