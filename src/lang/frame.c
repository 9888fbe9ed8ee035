/* frame.c: the data stack frames live on. Frames come and go in LIFO
 * order, so a bump pointer over chunks does: no allocation per call. */
#include "interp-private.h"

#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/runtime.h"
#include "runtime/tuple.h"

#include <stdlib.h>

#define CHUNK_SLOTS (64 * 1024)

typedef struct LangChunk LangChunk;
struct LangChunk
{
  LangChunk *previous;
  size_t size;    /* slots */
  size_t top;     /* slots in use */
  RtObject *slots[];
};

static LangChunk *chunk;

LangFrame *
lang_frame_push (LangCode *code)
{
  size_t nslots = (size_t) code->nlocalsplus + (size_t) code->stacksize;
  size_t needed = (sizeof (LangFrame) + sizeof (RtObject *) - 1) / sizeof (RtObject *) + nslots;
  LangFrame *frame;

  if (chunk == NULL || chunk->top + needed > chunk->size)
    {
      size_t size = needed > CHUNK_SLOTS ? needed : CHUNK_SLOTS;
      LangChunk *fresh = malloc (sizeof (LangChunk) + size * sizeof (RtObject *));
      if (fresh == NULL)
        {
          rt_error_no_memory ();
          return NULL;
        }
      fresh->previous = chunk;
      fresh->size = size;
      fresh->top = 0;
      chunk = fresh;
    }
  frame = (LangFrame *) &chunk->slots[chunk->top];
  chunk->top += needed;

  frame->previous = NULL;
  frame->code = (LangCode *) rt_newref (&code->ob);
  frame->func = NULL;
  frame->globals = NULL;
  frame->builtins = NULL;
  frame->locals = NULL;
  frame->locals_dict = NULL;
  frame->serial = rt_serial_new ();
  frame->lasti = 0;
  frame->entry = false;
  frame->reported = LANG_FRAME_UNREPORTED;
  frame->owns_globals = false;
  frame->stack_pointer = NULL;
  for (size_t i = 0; i < nslots; i++)
    frame->localsplus[i] = NULL;
  return frame;
}

void
lang_frame_pop (LangFrame *frame)
{
  LangCode *code = frame->code;

  if (rt_events_on () && frame->reported == LANG_FRAME_REPORTED)
    rt_event_simple (RT_EV_FRAME_POP, NULL, 0, (int64_t) frame->serial, 0, 0);

  for (int32_t i = 0; i < code->nlocalsplus; i++)
    RT_CLEAR (frame->localsplus[i]);
  if (frame->stack_pointer != NULL)
    for (RtObject **p = lang_frame_stack_base (frame); p < frame->stack_pointer; p++)
      RT_CLEAR (*p);
  RT_CLEAR (frame->locals_dict);
  RT_CLEAR (frame->locals);
  if (frame->owns_globals)
    RT_CLEAR (frame->globals);
  RT_CLEAR (frame->func);

  /* The frame is the top of the data stack: give its room back. */
  chunk->top = (size_t) ((RtObject **) frame - chunk->slots);
  if (chunk->top == 0 && chunk->previous != NULL)
    {
      LangChunk *empty = chunk;
      chunk = chunk->previous;
      free (empty);
    }
  rt_decref (&code->ob);
}

void
lang_frame_stack_fini (void)
{
  while (chunk != NULL)
    {
      LangChunk *previous = chunk->previous;
      free (chunk);
      chunk = previous;
    }
}

static void
emit_local (LangFrame *frame, RtEventKind kind, int32_t i, RtObject *value)
{
  RtObject *name = RT_TUPLE_ITEMS (frame->code->localsplusnames)[i];
  RtEvent event = { .kind = (uint16_t) kind,
                    .slot_kind = RT_SLOT_NAME,
                    .serial = frame->serial,
                    .target = value->serial,
                    .slot = (int64_t) name->serial,
                    .other = value,
                    .key = name };

  rt_emit_slow (&event);
}

void
lang_frame_report (LangFrame *frame)
{
  if (frame->reported != LANG_FRAME_UNREPORTED || !rt_events_on ())
    return;
  frame->reported = LANG_FRAME_REPORTED;
  {
    /* object: the function (NULL for module code); other: the namespace
     * whose entries are the frame's variables, for class bodies. */
    RtEvent event = { .kind = RT_EV_FRAME_PUSH,
                      .serial = frame->func != NULL ? frame->func->serial : 0,
                      .a = (int64_t) frame->serial,
                      .object = frame->func,
                      .other = frame->locals };
    rt_emit_slow (&event);
  }
  for (int32_t i = 0; i < frame->code->nlocalsplus; i++)
    if (frame->localsplus[i] != NULL)
      emit_local (frame, RT_EV_REF_ADD, i, frame->localsplus[i]);
}

void
lang_frame_report_local (LangFrame *frame, int32_t i, RtObject *old, RtObject *new_value)
{
  if (frame->reported == LANG_FRAME_UNREPORTED)
    {
      /* The report names the current values, old among them. */
      lang_frame_report (frame);
    }
  if (frame->reported != LANG_FRAME_REPORTED || old == new_value)
    return;
  if (old != NULL)
    emit_local (frame, RT_EV_REF_DEL, i, old);
  if (new_value != NULL)
    emit_local (frame, RT_EV_REF_ADD, i, new_value);
}
