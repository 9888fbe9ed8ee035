/* event.c: building event records and handing them to the sink. */
#include "event.h"
#include "mem.h"

RtEventSink *rt_sink;

void
rt_emit_slow (RtEvent *event)
{
  if (rt_sink != NULL)
    rt_sink->emit (rt_sink->user, event);
}

void
rt_event_born (RtObject *obj, uint32_t flags)
{
  RtEvent event = { .kind = RT_EV_BORN,
                    .flags = (uint8_t) flags,
                    .serial = obj->serial,
                    .object = obj,
                    .a = (int64_t) rt_object_sizeof (obj),
                    .b = (int64_t) rt_object_id (obj) };

  /* Generation 0 if tracked at birth, -1 otherwise; trackable objects that
   * are tracked later report it with a TRACK event. */
  event.small = RT_IS_GC (obj) && RT_AS_GC (obj)->next != 0 ? 0 : -1;
  rt_emit_slow (&event);
}

void
rt_event_free (RtObject *obj, int cause)
{
  RtEvent event = { .kind = RT_EV_FREE, .small = cause, .serial = obj->serial, .object = obj };

  rt_emit_slow (&event);
}

void
rt_event_ref (RtEventKind kind, RtObject *from, RtSlot slot, RtObject *to, uint32_t flags)
{
  RtEvent event = { .kind = (uint16_t) kind,
                    .flags = (uint8_t) flags,
                    .slot_kind = (uint8_t) slot.kind,
                    .serial = from->serial,
                    .target = to->serial,
                    .object = from,
                    .other = to,
                    .key = slot.key };

  switch (slot.kind)
    {
    case RT_SLOT_INDEX:
    case RT_SLOT_INTERNAL:
      event.slot = slot.index;
      break;
    default:
      event.slot = slot.key != NULL ? (int64_t) slot.key->serial : 0;
      break;
    }
  rt_emit_slow (&event);
}

void
rt_event_simple (RtEventKind kind, RtObject *obj, int32_t small, int64_t a, int64_t b, int64_t c)
{
  RtEvent event = { .kind = (uint16_t) kind,
                    .small = small,
                    .serial = obj != NULL ? obj->serial : 0,
                    .object = obj,
                    .a = a,
                    .b = b,
                    .c = c };

  rt_emit_slow (&event);
}

static const char *const kind_names[RT_EV_KIND_COUNT_] = {
  [RT_EV_BORN] = "born",
  [RT_EV_FREE] = "free",
  [RT_EV_REF_ADD] = "ref_add",
  [RT_EV_REF_DEL] = "ref_del",
  [RT_EV_SEQ_CLEAR] = "seq_clear",
  [RT_EV_REFCNT] = "refcnt",
  [RT_EV_TRACK] = "track",
  [RT_EV_UNTRACK] = "untrack",
  [RT_EV_GEN_MERGE] = "gen_merge",
  [RT_EV_GC_START] = "gc_start",
  [RT_EV_GC_PHASE] = "gc_phase",
  [RT_EV_GC_REFS] = "gc_refs",
  [RT_EV_GC_UNREACHABLE] = "gc_unreachable",
  [RT_EV_GC_FINALIZE] = "gc_finalize",
  [RT_EV_GC_RESURRECT] = "gc_resurrect",
  [RT_EV_GC_END] = "gc_end",
  [RT_EV_ARENA_NEW] = "arena_new",
  [RT_EV_ARENA_FREE] = "arena_free",
  [RT_EV_THRESHOLD] = "threshold",
  [RT_EV_STEP] = "step",
  [RT_EV_FRAME_PUSH] = "frame_push",
  [RT_EV_FRAME_POP] = "frame_pop",
  [RT_EV_EXCEPTION] = "exception",
  [RT_EV_OUTPUT] = "output",
};

const char *
rt_event_kind_name (RtEventKind kind)
{
  if ((unsigned) kind < RT_EV_KIND_COUNT_ && kind_names[kind] != NULL)
    return kind_names[kind];
  return NULL;
}

static const char *const label_names[RT_LABEL_COUNT_] = {
  [RT_LABEL_CLASS] = "__class__",
  [RT_LABEL_DICT] = "__dict__",
  [RT_LABEL_BASES] = "__bases__",
  [RT_LABEL_MRO] = "__mro__",
  [RT_LABEL_BASE] = "__base__",
  [RT_LABEL_NAME] = "__name__",
  [RT_LABEL_QUALNAME] = "__qualname__",
  [RT_LABEL_MODULE] = "__module__",
  [RT_LABEL_CODE] = "__code__",
  [RT_LABEL_GLOBALS] = "__globals__",
  [RT_LABEL_BUILTINS] = "__builtins__",
  [RT_LABEL_DEFAULTS] = "__defaults__",
  [RT_LABEL_KWDEFAULTS] = "__kwdefaults__",
  [RT_LABEL_CLOSURE] = "__closure__",
  [RT_LABEL_SELF] = "__self__",
  [RT_LABEL_FUNC] = "__func__",
  [RT_LABEL_CELL_CONTENTS] = "cell_contents",
  [RT_LABEL_CONSTS] = "co_consts",
  [RT_LABEL_NAMES] = "co_names",
  [RT_LABEL_ARGS] = "args",
  [RT_LABEL_TRACEBACK] = "__traceback__",
  [RT_LABEL_CONTEXT] = "__context__",
  [RT_LABEL_CAUSE] = "__cause__",
  [RT_LABEL_START] = "start",
  [RT_LABEL_STOP] = "stop",
  [RT_LABEL_STEP] = "step",
  [RT_LABEL_ITERATED] = "iterated",
  [RT_LABEL_RESULT] = "result",
  [RT_LABEL_KEYS] = "mapping",
  [RT_LABEL_OTHER] = "other",
};

const char *
rt_ref_label_name (RtRefLabel label)
{
  if ((unsigned) label < RT_LABEL_COUNT_ && label_names[label] != NULL)
    return label_names[label];
  return "?";
}
