/* fuzz-parse.c: the libFuzzer target for the front end: any bytes are
 * lexed and parsed as a source file; a tree is dumped and every top-level
 * statement compiled, a syntax error formatted. Nothing may crash, leak or
 * break the heap invariant. */
#include "compiler.h"
#include "parser.h"
#include "runtime/error.h"
#include "runtime/runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* One runtime for the process: starting one per input costs more than the
 * parse. Inputs stay independent because each must leave the runtime as it
 * found it, with no exception set and the heap invariant holding: a
 * reference the compiler forgot to drop, or an object nothing refers to,
 * breaks the invariant. What stays behind is what any first use leaves (a
 * private type readied, a one-character string made), not the input's. */
static void
runtime_ready (void)
{
  if (!rt_runtime_active () && !rt_runtime_init ())
    abort ();
}

static void
runtime_check (void)
{
  char message[512];

  if (rt_error_occurred ())
    {
      fputs ("fuzz-parse: an exception is left set\n", stderr);
      abort ();
    }
  if (!rt_heap_check (message, sizeof message))
    {
      fprintf (stderr, "fuzz-parse: heap invariant broken after compiling: %s\n", message);
      abort ();
    }
}

/* Compiles each statement as the runner does: one unit per statement,
 * stopping at the first that fails. */
static void
compile_each (LangModule *module, const char *source, size_t size)
{
  LangSyntaxError error = { 0 };

  runtime_ready ();
  for (size_t i = 0; i < module->n_body; i++)
    {
      LangCompileInput input = { "fuzz.py", source, size, 0 };
      LangCode *code = lang_compile (&module->body[i], 1, &input, &error);

      if (code != NULL)
        rt_decref (&code->ob);
      else
        {
          /* A SyntaxError from the compiler, or a MemoryError. */
          if (rt_error_occurred ())
            rt_error_clear ();
          else if (error.msg == NULL)
            abort (); /* failed without saying why */
          free (lang_syntax_error_format (&error, "fuzz.py"));
          lang_syntax_error_clear (&error);
          break;
        }
    }
  runtime_check ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  LangArena *arena = lang_arena_new ();
  LangSyntaxError error = { 0 };
  const char *source = (const char *) data;
  LangModule *module;

  if (arena == NULL)
    abort ();
  module = lang_parse (arena, source, size, "fuzz.py", &error);
  if (module != NULL)
    {
      /* The dump fails (NULL) only for a tree too deep to print. */
      free (lang_ast_dump (module, false));
      free (lang_ast_dump (module, true));
      compile_each (module, source, size);
    }
  else
    {
      if (error.type == NULL)
        abort (); /* rejected without an error */
      free (lang_syntax_error_format (&error, "fuzz.py"));
    }
  lang_syntax_error_clear (&error);
  lang_arena_free (arena);
  return 0;
}
