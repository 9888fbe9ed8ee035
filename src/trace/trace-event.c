/* trace-event.c: the names of event kinds, slots and collector phases as
 * trace files spell them. */
#include "trace-event.h"

#include <string.h>

static const char *const kind_names[TRACE_EV_KIND_COUNT_] = {
  [TRACE_EV_BORN] = "born",
  [TRACE_EV_FREE] = "free",
  [TRACE_EV_REF_ADD] = "ref_add",
  [TRACE_EV_REF_DEL] = "ref_del",
  [TRACE_EV_SEQ_CLEAR] = "seq_clear",
  [TRACE_EV_REFCNT] = "refcnt",
  [TRACE_EV_TRACK] = "track",
  [TRACE_EV_UNTRACK] = "untrack",
  [TRACE_EV_GEN_MERGE] = "gen_merge",
  [TRACE_EV_GC_START] = "gc_start",
  [TRACE_EV_GC_PHASE] = "gc_phase",
  [TRACE_EV_GC_REFS] = "gc_refs",
  [TRACE_EV_GC_UNREACHABLE] = "gc_unreachable",
  [TRACE_EV_GC_FINALIZE] = "gc_finalize",
  [TRACE_EV_GC_RESURRECT] = "gc_resurrect",
  [TRACE_EV_GC_END] = "gc_end",
  [TRACE_EV_ARENA_NEW] = "arena_new",
  [TRACE_EV_ARENA_FREE] = "arena_free",
  [TRACE_EV_THRESHOLD] = "threshold",
  [TRACE_EV_STEP] = "step",
  [TRACE_EV_FRAME_PUSH] = "frame_push",
  [TRACE_EV_FRAME_POP] = "frame_pop",
  [TRACE_EV_EXCEPTION] = "exception",
  [TRACE_EV_OUTPUT] = "output",
  [TRACE_EV_GC_COUNTS] = "gc_counts",
  [TRACE_EV_SIZE] = "size",
  [TRACE_EV_SUMMARY] = "summary",
  [TRACE_EV_END] = "end",
};

static const char *const slot_names[TRACE_SLOT_KIND_COUNT_] = {
  [TRACE_SLOT_INDEX] = "index", [TRACE_SLOT_KEY] = "key",   [TRACE_SLOT_VALUE] = "value",
  [TRACE_SLOT_ATTR] = "attr",   [TRACE_SLOT_NAME] = "name", [TRACE_SLOT_LABEL] = "label",
};

static const char *const phase_names[TRACE_PHASE_COUNT_] = {
  [TRACE_PHASE_UPDATE_REFS] = "update_refs",
  [TRACE_PHASE_SUBTRACT_REFS] = "subtract_refs",
  [TRACE_PHASE_MOVE_UNREACHABLE] = "move_unreachable",
  [TRACE_PHASE_FINALIZE] = "finalize",
  [TRACE_PHASE_RESURRECTED] = "resurrected",
  [TRACE_PHASE_CLEAR] = "clear",
  [TRACE_PHASE_PROMOTE] = "promote",
};

const char *
trace_event_kind_name (TraceEventKind kind)
{
  return kind > 0 && kind < TRACE_EV_KIND_COUNT_ ? kind_names[kind] : NULL;
}

const char *
trace_slot_kind_name (TraceSlotKind kind)
{
  return kind > 0 && kind < TRACE_SLOT_KIND_COUNT_ ? slot_names[kind] : NULL;
}

const char *
trace_phase_name (TracePhase phase)
{
  return phase > 0 && phase < TRACE_PHASE_COUNT_ ? phase_names[phase] : NULL;
}

TraceEventKind
trace_event_kind_from_name (const char *name, gsize length)
{
  for (int k = 1; k < TRACE_EV_KIND_COUNT_; k++)
    if (strlen (kind_names[k]) == length && memcmp (kind_names[k], name, length) == 0)
      return (TraceEventKind) k;
  return 0;
}

TraceSlotKind
trace_slot_kind_from_name (const char *name)
{
  for (int k = 1; k < TRACE_SLOT_KIND_COUNT_; k++)
    if (strcmp (slot_names[k], name) == 0)
      return (TraceSlotKind) k;
  return 0;
}

TracePhase
trace_phase_from_name (const char *name)
{
  for (int p = 1; p < TRACE_PHASE_COUNT_; p++)
    if (strcmp (phase_names[p], name) == 0)
      return (TracePhase) p;
  return 0;
}

char *
trace_printable (const char *text)
{
  GString *out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = text; *p != '\0' && n < 40; p++, n++)
    {
      guchar c = (guchar) *p;
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
        g_string_append_printf (out, c == '"' || c == '\\' ? "\\%c" : "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  if (text[0] != '\0' && n == 40 && text[40] != '\0')
    g_string_append (out, "...");
  return g_string_free (out, FALSE);
}
