/* run.c: running a file as the interactive prompt would: the whole file is
 * parsed first, then each top-level statement is compiled and run as a unit
 * of its own, in one globals dict, so constants are shared only within a
 * statement, exactly as CPYTHON-GC.md describes. */
#include "interp-private.h"

#include "compiler.h"
#include "runtime/dict.h"
#include "runtime/abstract.h"
#include "runtime/error.h"
#include "runtime/function.h"
#include "lang-arena.h"
#include "parser.h"
#include "runtime/runtime.h"
#include "runtime/str.h"
#include "traceback.h"

#include <stdlib.h>
#include <string.h>

static void
print_syntax_error (FILE *err, const LangSyntaxError *error, const char *filename, bool brief)
{
  if (brief)
    {
      /* At the error's lineno and offset, as CPython reports them. */
      const char *type = error->type != NULL ? error->type : "SyntaxError";
      const char *msg = error->msg != NULL ? error->msg : "";
      size_t size = strlen (type) + strlen (msg) + 3;
      char *text = malloc (size);

      if (text != NULL)
        snprintf (text, size, msg[0] != '\0' ? "%s: %s" : "%s%s", type, msg);
      lang_brief_print (err, filename, error->lineno, error->offset,
                        text != NULL ? text : type);
      free (text);
      return;
    }

  char *text = lang_syntax_error_format (error, filename);

  if (text != NULL)
    {
      fputs (text, err);
      free (text);
    }
  fflush (err);
}

static void
print_exception (FILE *err, RtObject *exc, const LangTracebackSource *source_info, bool brief)
{
  if (brief)
    lang_traceback_print_brief (err, exc, source_info->filename, source_info, 1);
  else
    lang_traceback_print (err, exc, source_info, 1);
}

/* A failure of the runtime itself, not of the program: the python form
 * prints message alone, as it always has; the brief form puts it at a place
 * like any error (message keeps its "refscope: " prefix). */
static void
print_failure (FILE *err, bool brief, const char *filename, int lineno, int column,
               const char *message)
{
  if (brief)
    lang_brief_print (err, filename, lineno, column, message);
  else
    {
      fputs (message, err);
      fputc ('\n', err);
    }
}

static RtObject *
new_globals (void)
{
  RtObject *globals = rt_dict_new ();

  if (globals == NULL)
    return NULL;
  {
    RtObject *main_name = rt_str_intern_cstr ("__main__");
    int err = main_name == NULL ? -1 : rt_dict_set_item_cstr (globals, "__name__", main_name);
    rt_xdecref (main_name);
    if (err < 0)
      goto fail;
  }
  if (rt_dict_set_item_cstr (globals, "__builtins__", lang_interp.builtins_module) < 0)
    goto fail;
  return globals;

fail:
  rt_decref (globals);
  return NULL;
}

/* Runs one compiled statement in globals. A new reference to its result
 * (None), or NULL with the exception set. */
static RtObject *
run_code (LangCode *code, RtObject *globals)
{
  LangFrame *frame = lang_frame_push (code);

  if (frame == NULL)
    return NULL;
  frame->globals = rt_newref (globals);
  frame->owns_globals = true;
  frame->builtins = lang_interp.builtins;
  frame->locals = rt_newref (globals);
  lang_frame_enter_module (frame, globals);
  return lang_eval_frame (frame);
}

LangRunStatus
lang_run_source (const char *filename, const char *source, size_t length,
                 const LangRunOptions *options, FILE *err)
{
  LangArena *arena = lang_arena_new ();
  LangSyntaxError syntax_error = { 0 };
  LangModule *module;
  LangRunStatus status = LANG_RUN_OK;
  RtObject *globals = NULL;
  LangTracebackSource source_info = { filename, source, length };
  bool brief = options != NULL && options->brief_errors;

  if (arena == NULL)
    {
      print_failure (err, brief, filename, 0, 0, "MemoryError");
      return LANG_RUN_EXCEPTION;
    }
  lang_interp.output = options != NULL && options->output != NULL ? options->output
                                                                  : lang_interp.output;
  lang_interp.output_user = options != NULL ? options->output_user : NULL;
  lang_interp.max_steps = options != NULL ? options->max_steps : 0;
  lang_interp.steps = 0;
  lang_interp.stopping = false;
  lang_interp.stop_requested = 0;
  lang_interp.tracing = lang_interp.max_steps != 0 || rt_events_on ();
  {
    /* Leave a margin of the thread's stack (8 MiB for the main thread;
     * the app's worker threads get as much) for what runs past the check. */
    char here;
    uintptr_t budget = 6u * 1024u * 1024u;
    rt_set_stack_limit ((uintptr_t) &here > budget ? (uintptr_t) &here - budget : 0);
  }

  module = lang_parse (arena, source, length, filename, &syntax_error);
  if (module == NULL)
    {
      fflush (stdout);
      print_syntax_error (err, &syntax_error, filename, brief);
      status = LANG_RUN_EXCEPTION;
      goto out;
    }

  /* The interpreter holds the globals from the start, so they are a root
   * the heap invariant sees, and they outlive the run for a caller that
   * shows the heap. */
  if (options != NULL && options->continue_globals && lang_interp.main_globals != NULL)
    globals = rt_newref (lang_interp.main_globals);
  else
    globals = new_globals ();
  if (globals == NULL)
    {
      rt_error_clear ();
      print_failure (err, brief, filename, 0, 0, "MemoryError");
      status = LANG_RUN_EXCEPTION;
      goto out;
    }
  RT_SETREF (lang_interp.main_globals, globals);

  for (size_t i = 0; i < module->n_body; i++)
    {
      LangCompileInput input = { filename, source, length,
                                 options != NULL ? options->source_index : 0 };
      LangCode *code = lang_compile (&module->body[i], 1, &input, &syntax_error);
      RtObject *result;

      if (code == NULL)
        {
          fflush (stdout);
          if (rt_error_occurred ())
            {
              RtObject *exc = rt_error_fetch ();
              print_exception (err, exc, &source_info, brief);
              rt_decref (exc);
            }
          else
            print_syntax_error (err, &syntax_error, filename, brief);
          status = LANG_RUN_EXCEPTION;
          break;
        }
      result = run_code (code, globals);
      rt_decref (&code->ob);
      if (result == NULL)
        {
          RtObject *exc = rt_error_fetch ();
          fflush (stdout);
          if (lang_interp.stopping)
            {
              /* Brief: where the program was when it was stopped. */
              LangTracebackLocation loc = { filename, 0, 0 };
              char message[128];
              if (exc != NULL)
                lang_traceback_innermost (exc, &source_info, 1, &loc);
              snprintf (message, sizeof message,
                        "refscope: stopped after %llu steps (--max-steps %llu)",
                        (unsigned long long) (lang_interp.steps - 1),
                        (unsigned long long) lang_interp.max_steps);
              print_failure (err, brief, loc.filename, loc.lineno, loc.column, message);
              status = LANG_RUN_STOPPED;
              lang_interp_clear_exc_info ();
            }
          else
            {
              print_exception (err, exc, &source_info, brief);
              status = LANG_RUN_EXCEPTION;
            }
          rt_xdecref (exc);
          break;
        }
      rt_decref (result);

      if (options != NULL && options->check_invariants)
        {
          char message[512];
          if (!rt_heap_check (message, sizeof message))
            {
              fflush (stdout);
              char line[sizeof message + 96];
              const LangStmt *stmt = module->body[i];
              snprintf (line, sizeof line,
                        "refscope: heap invariant broken after the statement at line %d: %s",
                        stmt->lineno, message);
              print_failure (err, brief, filename, stmt->lineno, stmt->col_offset + 1, line);
              status = LANG_RUN_INVARIANT;
              break;
            }
        }
    }

out:
  fflush (stdout);
  /* The heap stays as the program left it: no finalizer runs at the end,
   * as the oracle leaves with os._exit. */
  lang_syntax_error_clear (&syntax_error);
  lang_arena_free (arena);
  return status;
}
