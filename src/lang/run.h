/* run.h: running a program the way the interactive prompt does: each
 * top-level statement compiled and run on its own, in one globals dict. */
#pragma once

#include "runtime/object.h"
#include <stdio.h>

typedef void (*LangOutputFn) (const char *bytes, size_t length, void *user);

typedef struct
{
  LangOutputFn output;        /* where print() goes; NULL: stdout */
  void *output_user;
  uint64_t max_steps;         /* stop after this many statements run (0: never) */
  bool check_invariants;      /* check the heap after every statement */
  bool brief_errors;          /* report an error as one `FILE:LINE:COL: Type: message`
                                 line instead of a Python traceback */
  bool continue_globals;      /* run in the globals the previous run left (as the
                                 prompt's next input does), not in fresh ones */
  uint32_t source_index;      /* the source's number in step events (a trace's file) */
} LangRunOptions;

typedef enum
{
  LANG_RUN_OK = 0,
  LANG_RUN_EXCEPTION = 1,     /* an uncaught exception (or SyntaxError) */
  LANG_RUN_INVARIANT = 3,     /* the heap invariant broke */
  LANG_RUN_STOPPED = 4,       /* max steps reached or stop requested */
} LangRunStatus;

/* Starts the interpreter on an initialised runtime: builtins, modules,
 * hooks. False on out of memory. */
bool lang_interp_init (void);
void lang_interp_fini (void);

/* Runs source as the prompt would. Tracebacks and errors go to err. */
LangRunStatus lang_run_source (const char *filename, const char *source, size_t length,
                               const LangRunOptions *options, FILE *err);

/* Asks a running program to stop at its next statement (from any thread). */
void lang_request_stop (void);
