/* fuzz-interp.c: the libFuzzer target for the interpreter: any bytes run as
 * a program through lang_run_source, bounded in steps and memory, with the
 * heap invariant checked after every statement and once more at the end. */
#include "run.h"
#include "runtime/mem.h"
#include "runtime/runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define FUZZ_MAX_STEPS 2000
#define FUZZ_MAX_MEMORY (64u * 1024u * 1024u)

static void
discard_output (const char *bytes, size_t length, void *user)
{
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static FILE *sink;
  LangRunOptions options = { 0 };
  LangRunStatus status;
  char message[512];

  if (sink == NULL)
    sink = fopen ("/dev/null", "w");
  if (sink == NULL)
    abort ();
  options.output = discard_output;
  options.max_steps = FUZZ_MAX_STEPS;
  options.check_invariants = true;
  /* Both ways of reporting an error, picked by the input so it replays. */
  options.brief_errors = (size & 1) != 0;

  /* A runtime per input: each program starts from the state a fresh
   * process has, so a crash replays from its input alone. */
  if (!rt_runtime_init ())
    abort ();
  rt_mem_set_limit (FUZZ_MAX_MEMORY);
  if (!lang_interp_init ())
    abort ();
  status = lang_run_source ("fuzz.py", (const char *) data, size, &options, sink);
  if (status == LANG_RUN_INVARIANT)
    {
      fputs ("fuzz-interp: heap invariant broken (run with refscope-cli run "
             "--check-invariants for the statement)\n", stderr);
      abort ();
    }
  /* The runner checks only after statements that succeed: an error's
   * unwinding and its traceback are checked here. */
  if (!rt_heap_check (message, sizeof message))
    {
      fprintf (stderr, "fuzz-interp: heap invariant broken after the run (status %d): %s\n",
               (int) status, message);
      abort ();
    }
  lang_interp_fini ();
  rt_runtime_fini ();
  return 0;
}
