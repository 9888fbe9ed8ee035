/* engine.c: the runtime's own thread, which runs programs and the
 * collector panel's commands in order, recording them. */
#include "engine.h"
#include "recorder.h"

#include "interp.h"
#include "run.h"
#include "runtime/mem.h"
#include "runtime/runtime.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

struct RefscopeEngine
{
  GThread *thread;
  GAsyncQueue *jobs;           /* GTask, or the engine itself to quit */
  gint busy;
  /* Only the engine's thread touches these. */
  gboolean runtime_up;
  TraceRecorder *recorder;
  RefscopeRecording *live;
};

typedef enum
{
  JOB_RUN,
  JOB_CONTINUE,
} JobKind;

typedef struct
{
  JobKind kind;
  char *filename;
  char *source;
} Job;

static void
job_free (Job *job)
{
  g_free (job->filename);
  g_free (job->source);
  g_free (job);
}

void
refscope_run_result_free (RefscopeRunResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->recording, refscope_recording_unref);
  g_free (result->output);
  g_free (result->error);
  g_free (result);
}

static void
collect_output (const char *bytes, size_t length, void *user)
{
  g_string_append_len (user, bytes, (gssize) length);
}

/* The brief error form is "FILE:LINE:COL: Type: message" (or without COL,
 * or without LINE); the file name is the one we gave, so it is skipped by
 * length rather than by looking for a colon that it may contain. */
static void
parse_brief_error (RefscopeRunResult *result, const char *filename, const char *text)
{
  g_autofree char *line = g_strndup (text, strcspn (text, "\n"));
  const char *p = line;
  char *end;

  if (*p == '\0')
    return;
  if (g_str_has_prefix (p, filename) && p[strlen (filename)] == ':')
    {
      p += strlen (filename) + 1;
      if (g_ascii_isdigit (*p))
        {
          result->error_line = (guint) g_ascii_strtoull (p, &end, 10);
          p = end;
          if (*p == ':' && g_ascii_isdigit (p[1]))
            {
              result->error_column = (guint) g_ascii_strtoull (p + 1, &end, 10);
              p = end;
            }
          if (*p == ':')
            p++;
        }
      while (*p == ' ')
        p++;
    }
  result->error = g_strdup (p);
  result->error_is_syntax = g_str_has_prefix (p, "SyntaxError")
                            || g_str_has_prefix (p, "IndentationError")
                            || g_str_has_prefix (p, "TabError");
}

static void
stop_runtime (RefscopeEngine *self)
{
  if (self->recorder != NULL)
    {
      g_rw_lock_writer_lock (&self->live->lock);
      trace_recorder_finish (self->recorder, 0);
      self->live->live = FALSE;
      g_rw_lock_writer_unlock (&self->live->lock);
      g_clear_pointer (&self->recorder, trace_recorder_free);
    }
  g_clear_pointer (&self->live, refscope_recording_unref);
  if (self->runtime_up)
    {
      lang_interp_fini ();
      rt_runtime_fini ();
      self->runtime_up = FALSE;
    }
}

static gboolean
start_runtime (RefscopeEngine *self, GError **error)
{
  if (!rt_runtime_init ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Out of memory starting the runtime"));
      return FALSE;
    }
  rt_mem_set_limit (REFSCOPE_ENGINE_MAX_MEMORY);
  if (!lang_interp_init ())
    {
      rt_runtime_fini ();
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Out of memory starting the interpreter"));
      return FALSE;
    }
  self->runtime_up = TRUE;
  return TRUE;
}

/* Runs source in the runtime with the recorder attached. */
static RefscopeRunResult *
run_source (RefscopeEngine *self, const char *filename, const char *source, gboolean continuing,
            guint source_index)
{
  RefscopeRunResult *result = g_new0 (RefscopeRunResult, 1);
  g_autoptr (GString) output = g_string_new (NULL);
  LangRunOptions options = {
    .output = collect_output,
    .output_user = output,
    .max_steps = REFSCOPE_ENGINE_MAX_STEPS,
    .brief_errors = TRUE,
    .continue_globals = continuing,
    .source_index = source_index,
  };
  char *errors = NULL;
  size_t errors_length = 0;
  FILE *err = open_memstream (&errors, &errors_length);
  LangRunStatus status;

  status = lang_run_source (filename, source, strlen (source), &options,
                            err != NULL ? err : stderr);
  trace_recorder_sync (self->recorder);
  if (err != NULL)
    {
      fclose (err);
      if (status != LANG_RUN_OK && errors != NULL)
        parse_brief_error (result, filename, errors);
      free (errors);
    }
  result->status = status == LANG_RUN_OK ? REFSCOPE_RUN_OK
                   : status == LANG_RUN_STOPPED ? REFSCOPE_RUN_STOPPED
                                                : REFSCOPE_RUN_ERROR;
  result->output = g_string_free (g_steal_pointer (&output), FALSE);
  result->recording = refscope_recording_ref (self->live);
  return result;
}

static RefscopeRunResult *
do_run (RefscopeEngine *self, Job *job, GError **error)
{
  TraceLog *log;
  TraceTimeline *timeline;
  RefscopeRunResult *result;
  g_autofree char *title = g_path_get_basename (job->filename);

  stop_runtime (self);
  if (!start_runtime (self, error))
    return NULL;
  log = trace_log_new ();
  trace_log_set_producer (log, "refscope " REFSCOPE_VERSION);
  trace_log_add_file (log, job->filename, job->source, strlen (job->source));
  timeline = trace_timeline_new (log);
  /* The app reads what it records: checked appends are what keep a
   * defect from becoming a confusing picture. */
  self->live = refscope_recording_new (timeline, title);
  self->live->live = TRUE;
  self->live->saved = FALSE;
  self->recorder = trace_recorder_new (timeline, 0);
  trace_recorder_set_detailed_gc (self->recorder, TRUE);
  g_rw_lock_writer_lock (&self->live->lock);
  trace_recorder_attach (self->recorder);
  result = run_source (self, job->filename, job->source, FALSE, 0);
  g_rw_lock_writer_unlock (&self->live->lock);
  return result;
}

static RefscopeRunResult *
do_continue (RefscopeEngine *self, Job *job, GError **error)
{
  RefscopeRunResult *result;
  guint file;

  if (self->live == NULL || self->recorder == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Run the program first: there is no live heap to act on"));
      return NULL;
    }
  g_rw_lock_writer_lock (&self->live->lock);
  file = trace_log_add_file (trace_timeline_log (self->live->timeline), job->filename,
                             job->source, strlen (job->source));
  self->live->saved = FALSE;
  result = run_source (self, job->filename, job->source, TRUE, file);
  g_rw_lock_writer_unlock (&self->live->lock);
  return result;
}

static gpointer
engine_thread (gpointer data)
{
  RefscopeEngine *self = data;

  for (;;)
    {
      gpointer item = g_async_queue_pop (self->jobs);
      GTask *task;
      Job *job;
      GError *error = NULL;
      RefscopeRunResult *result;

      if (item == self)
        break;
      task = item;
      job = g_task_get_task_data (task);
      result = job->kind == JOB_RUN ? do_run (self, job, &error) : do_continue (self, job, &error);
      g_atomic_int_dec_and_test (&self->busy);
      if (result != NULL)
        g_task_return_pointer (task, result, (GDestroyNotify) refscope_run_result_free);
      else
        g_task_return_error (task, error);
      g_object_unref (task);
    }
  stop_runtime (self);
  return NULL;
}

RefscopeEngine *
refscope_engine_new (void)
{
  RefscopeEngine *self = g_new0 (RefscopeEngine, 1);

  self->jobs = g_async_queue_new ();
  self->thread = g_thread_new ("refscope-runtime", engine_thread, self);
  return self;
}

void
refscope_engine_free (RefscopeEngine *self)
{
  if (self == NULL)
    return;
  lang_request_stop ();
  g_async_queue_push (self->jobs, self);
  g_thread_join (self->thread);
  g_async_queue_unref (self->jobs);
  g_free (self);
}

static void
push_job (RefscopeEngine *self, JobKind kind, const char *filename, const char *source,
          gpointer source_tag, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (NULL, NULL, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->filename = g_strdup (filename);
  job->source = g_strdup (source);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_atomic_int_inc (&self->busy);
  g_async_queue_push (self->jobs, task);
}

void
refscope_engine_run_async (RefscopeEngine *self, const char *filename, const char *source,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  push_job (self, JOB_RUN, filename, source, refscope_engine_run_async, callback, user_data);
}

RefscopeRunResult *
refscope_engine_run_finish (RefscopeEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
refscope_engine_continue_async (RefscopeEngine *self, const char *code,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  push_job (self, JOB_CONTINUE, "<collector panel>", code, refscope_engine_continue_async,
            callback, user_data);
}

RefscopeRunResult *
refscope_engine_continue_finish (RefscopeEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
refscope_engine_stop (RefscopeEngine *self)
{
  if (g_atomic_int_get (&self->busy) > 0)
    lang_request_stop ();
}

gboolean
refscope_engine_is_busy (RefscopeEngine *self)
{
  return g_atomic_int_get (&self->busy) > 0;
}
