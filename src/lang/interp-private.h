/* interp-private.h: the interpreter's state, shared by its own files. One
 * interpreter runs at a time, on the runtime of the process. */
#pragma once

#include "frame.h"
#include "interp.h"
#include "run.h"

typedef struct
{
  LangFrame *current;       /* the innermost running frame */
  RtObject *builtins;       /* dict, strong */
  RtObject *builtins_module;
  RtObject *modules;        /* dict: name -> module, strong */
  RtObject *exc_info;       /* the exception being handled, strong, or NULL */
  RtObject *build_class;    /* __build_class__, strong */
  RtObject *main_globals;   /* the globals of the last run, strong */
  uint64_t module_frame;    /* the serial that names the run's module frame in events */
  uint64_t module_frame_globals; /* the serial of the globals it was reported with */
  LangOutputFn output;
  void *output_user;
  /* Per-instruction checks (steps, events, stop requests) run only while
   * this is set, so a plain run pays one branch per instruction. */
  bool tracing;
  uint64_t steps;
  uint64_t max_steps;       /* 0: no limit */
  volatile int stop_requested;
  bool stopping;            /* unwinding past every handler */
} LangInterp;

extern LangInterp lang_interp;

/* Forgets the exception being handled, here and as the runtime's context
 * for new exceptions. A run that stopped skipped the handlers' cleanups,
 * which would have restored it. */
void lang_interp_clear_exc_info (void);

/* Runs frame (and the Python calls it makes) until it returns. A new
 * reference, or NULL with an exception set. */
RtObject *lang_eval_frame (LangFrame *frame);

/* Fills a new frame's arguments from args (stolen when steal is true,
 * otherwise borrowed), as CPython's initialize_locals, with its messages.
 * Returns false with TypeError set; the frame's slots are then partly set
 * and lang_frame_pop releases them. */
bool lang_bind_arguments (LangFrame *frame, RtObject *func, RtObject *const *args, size_t nargs,
                          RtObject *kwnames, bool steal);

/* Makes a frame for calling func; NULL with an exception set. Arguments are
 * stolen if steal (then consumed even on failure). */
LangFrame *lang_make_call_frame (RtObject *func, RtObject *const *args, size_t nargs,
                                 RtObject *kwnames, bool steal);

/* The call hook: calls a Python function from C. */
RtObject *lang_call_function (RtObject *func, RtObject *const *args, size_t nargs,
                              RtObject *kwnames);

/* Traceback entries: prepends one for frame at its current instruction to
 * the exception's traceback. */
bool lang_traceback_here (RtObject *exc, LangFrame *frame);

/* Called for each instruction that starts a line while tracing: counts the
 * step, reports it, and raises when the run must stop. */
bool lang_trace_step (LangFrame *frame, uint32_t index);

/* Makes frame, which runs one top-level statement in globals, part of the
 * run's one module frame: events name it by one serial from the first
 * statement to the last, with globals as its namespace. */
void lang_frame_enter_module (LangFrame *frame, RtObject *globals);

RtObject *lang_build_class_new (void);
