/* cli-run.c: `refscope-cli run FILE.py`: runs a script in the embedded
 * runtime as the prompt would, optionally recording its trace. */
#include "cli-util.h"

#include "interp.h"
#include "run.h"
#include "runtime/error.h"
#include "runtime/list.h"
#include "runtime/mem.h"
#include "runtime/runtime.h"
#include "runtime/str.h"

#include "recorder.h"
#include "writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sys.argv is [script], as for `python3 script`. */
static bool
set_argv (const char *path)
{
  RtObject *argv = rt_list_new (0);
  RtObject *arg = rt_str_decode_utf8 (path, strlen (path));
  bool ok = argv != NULL && arg != NULL && rt_list_append (argv, arg) == 0
            && lang_sys_set_argv (argv);

  rt_xdecref (arg);
  rt_xdecref (argv);
  if (!ok)
    rt_error_clear ();
  return ok;
}

/* Starts the runtime and interpreter; false (having said why) if not. */
static bool
start (const char *path, uint64_t max_memory)
{
  if (!rt_runtime_init ())
    {
      fputs ("refscope-cli: out of memory starting the runtime\n", stderr);
      return false;
    }
  if (max_memory != 0)
    rt_mem_set_limit (max_memory);
  if (!lang_interp_init ())
    {
      fputs ("refscope-cli: out of memory starting the interpreter\n", stderr);
      rt_runtime_fini ();
      return false;
    }
  if (!set_argv (path))
    {
      fputs ("refscope-cli: out of memory starting the interpreter\n", stderr);
      lang_interp_fini ();
      rt_runtime_fini ();
      return false;
    }
  return true;
}

/* Runs with a recorder attached and writes the trace; the run's status,
 * or 2 if the trace could not be written. */
static int
run_traced (const char *path, const char *source, size_t length, const LangRunOptions *options,
            const char *trace_path)
{
  TraceLog *log = trace_log_new ();
  TraceTimeline *timeline;
  TraceRecorder *recorder;
  GError *error = NULL;
  int status;

  trace_log_set_producer (log, "refscope-cli " REFSCOPE_VERSION);
  trace_log_set_python (log, "3.11");
  trace_log_add_file (log, path, source, length);
  timeline = trace_timeline_new (log);
  /* The trace is only written: no checkpoints, and the recorder's events
   * are trusted (the tests check them). */
  trace_timeline_set_recording_only (timeline, TRUE);
  recorder = trace_recorder_new (timeline, 0);
  trace_recorder_attach (recorder);
  status = (int) lang_run_source (path, source, length, options, stderr);
  fflush (stdout);
  trace_recorder_finish (recorder, status);
  if (trace_recorder_error (recorder) != NULL)
    {
      fprintf (stderr, "refscope-cli: the trace went wrong: %s\n", trace_recorder_error (recorder));
      status = 2;
    }
  else if (!trace_write_file (log, trace_path, &error))
    {
      fprintf (stderr, "refscope-cli: %s\n", error->message);
      g_error_free (error);
      status = 2;
    }
  trace_recorder_free (recorder);
  trace_timeline_free (timeline);
  return status;
}

int
cli_command_run (int argc, char **argv)
{
  LangRunOptions options = { 0 };
  const char *path = NULL, *trace_path = NULL;
  uint64_t max_memory = 0;
  char *source;
  size_t length;
  int status;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      if (strcmp (arg, "--check-invariants") == 0)
        options.check_invariants = true;
      else if (strcmp (arg, "--error-format=python") == 0)
        options.brief_errors = false;
      else if (strcmp (arg, "--error-format=brief") == 0)
        options.brief_errors = true;
      else if (strcmp (arg, "--max-steps") == 0 || strcmp (arg, "--max-memory") == 0)
        {
          bool steps = arg[6] == 's';
          if (i + 1 >= argc
              || !cli_parse_count (argv[i + 1], steps ? &options.max_steps : &max_memory, !steps))
            {
              fprintf (stderr, "refscope-cli: %s needs a %s\n", arg,
                       steps ? "positive number of steps" : "size in bytes (e.g. 512M)");
              return 2;
            }
          i++;
        }
      else if (strcmp (arg, "--trace") == 0)
        {
          if (i + 1 >= argc || argv[i + 1][0] == '\0')
            {
              fputs ("refscope-cli: --trace needs a file to write (e.g. out.jsonl)\n", stderr);
              return 2;
            }
          trace_path = argv[++i];
        }
      else if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0)
        {
          cli_usage (stdout);
          return 0;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          fprintf (stderr, "refscope-cli: unknown option '%s' for run (see --help)\n", arg);
          return 2;
        }
      else if (path == NULL)
        path = arg;
      else
        {
          fprintf (stderr, "refscope-cli: run takes one file, got '%s' too\n", arg);
          return 2;
        }
    }
  if (path == NULL)
    {
      fputs ("refscope-cli: run needs a FILE.py (see --help)\n", stderr);
      return 2;
    }
  if (!cli_read_file (path, &source, &length))
    return 2;
  if (!start (path, max_memory))
    {
      free (source);
      return 2;
    }
  if (trace_path != NULL)
    status = run_traced (path, source, length, &options, trace_path);
  else
    status = (int) lang_run_source (path, source, length, &options, stderr);
  fflush (stdout);
  lang_interp_fini ();
  rt_runtime_fini ();
  free (source);
  return status;
}
