/* engine.h: the embedded runtime on a thread of its own. A program runs
 * there while the window stays responsive; its heap stays alive after the
 * run, so the collector panel can act on it, appending steps to the same
 * recording. One engine per process: the runtime is process-wide. */
#pragma once

#include "recording.h"

#include <gio/gio.h>

typedef struct RefscopeEngine RefscopeEngine;

typedef enum
{
  REFSCOPE_RUN_OK = 0,
  REFSCOPE_RUN_ERROR = 1,     /* an uncaught exception or a SyntaxError */
  REFSCOPE_RUN_STOPPED = 4,   /* stopped by refscope_engine_stop or the step limit */
} RefscopeRunStatus;

typedef struct
{
  RefscopeRecording *recording;  /* the run's recording (a new reference) */
  RefscopeRunStatus status;
  char *output;                  /* what the program printed */
  char *error;                   /* "NameError: name 'x' is not defined", or NULL */
  guint error_line;              /* 1-based, or 0 */
  guint error_column;            /* 1-based, or 0 */
  gboolean error_is_syntax;      /* the program did not compile: nothing ran */
} RefscopeRunResult;

void refscope_run_result_free (RefscopeRunResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeRunResult, refscope_run_result_free)

/* The statements a run may take before it is stopped, against runaway
 * loops (a Stop button ends one sooner). */
#define REFSCOPE_ENGINE_MAX_STEPS 2000000
/* The runtime's memory limit: a MemoryError rather than a swapping machine. */
#define REFSCOPE_ENGINE_MAX_MEMORY (2u * 1024u * 1024u * 1024u)

RefscopeEngine *refscope_engine_new (void);
/* Waits for the job in progress (after asking it to stop). */
void refscope_engine_free (RefscopeEngine *self);

/* Runs source (named filename in messages and in the trace) in a fresh
 * runtime, recording every event. Any previous live recording stops being
 * live. The callback runs in the caller's thread-default main context. */
void refscope_engine_run_async (RefscopeEngine *self, const char *filename, const char *source,
                                GAsyncReadyCallback callback, gpointer user_data);
RefscopeRunResult *refscope_engine_run_finish (RefscopeEngine *self, GAsyncResult *result,
                                               GError **error);

/* Runs code (a line such as "gc.collect(2)") on the heap the last run left,
 * appending its steps to that run's recording, which must be live. Its
 * readers are shut out meanwhile by the recording's lock. */
void refscope_engine_continue_async (RefscopeEngine *self, const char *code,
                                     GAsyncReadyCallback callback, gpointer user_data);
RefscopeRunResult *refscope_engine_continue_finish (RefscopeEngine *self, GAsyncResult *result,
                                                    GError **error);

/* Asks the running program to stop at its next statement. Any thread. */
void refscope_engine_stop (RefscopeEngine *self);
gboolean refscope_engine_is_busy (RefscopeEngine *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeEngine, refscope_engine_free)
