/* frame.h: interpreter frames. As in CPython 3.11 they are not objects:
 * they live on a data stack of their own, hold their code, function,
 * globals and locals, and their value stack follows their variables. */
#pragma once

#include "code.h"

typedef struct LangFrame LangFrame;

struct LangFrame
{
  LangFrame *previous;
  LangCode *code;          /* strong */
  RtObject *func;          /* strong; NULL for module code */
  RtObject *globals;       /* borrowed from func, or strong for module code */
  RtObject *builtins;      /* borrowed */
  RtObject *locals;        /* strong: the namespace of module and class code, else NULL */
  RtObject *locals_dict;   /* strong: what locals() returned in a function, or NULL */
  uint64_t serial;         /* names the frame in events */
  uint32_t lasti;          /* the instruction running, or last run */
  bool entry;              /* the first frame of an eval_frame call: return to C from it */
  uint8_t reported;        /* LangFrameReport: what events told the sink of it */
  bool owns_globals;
  RtObject **stack_pointer;/* saved while another frame runs */
  RtObject *localsplus[];  /* nlocalsplus variables, then stacksize slots */
};

static inline RtObject **
lang_frame_stack_base (LangFrame *frame)
{
  return frame->localsplus + frame->code->nlocalsplus;
}

typedef enum
{
  LANG_FRAME_UNREPORTED = 0, /* no event named it yet */
  LANG_FRAME_REPORTED,       /* frame_push sent: its variables are reported as they change */
  LANG_FRAME_MODULE,         /* runs module code under the run's one module frame */
} LangFrameReport;

/* Takes room for a frame of code from the data stack (locals NULL), or
 * NULL with MemoryError set. */
LangFrame *lang_frame_push (LangCode *code);

/* Releases the frame's references and its room. */
void lang_frame_pop (LangFrame *frame);

void lang_frame_stack_fini (void);

/* With a sink attached: tells it the frame exists (frame_push with its
 * function and namespace, then a reference per bound variable), once. */
void lang_frame_report (LangFrame *frame);

/* With a sink attached: variable i of frame changes from old to new (either
 * may be NULL). Called before the frame's slot is overwritten, so a sink
 * meets the reference's removal before the old value may be freed. */
void lang_frame_report_local (LangFrame *frame, int32_t i, RtObject *old, RtObject *new_value);
