/* refscope-cli.c: the command-line tool. `run` executes a script in the
 * embedded runtime with the prompt's semantics; the other commands (render,
 * check, stats) work on traces. */
#include "cli-util.h"

#include <stdio.h>
#include <string.h>

void
cli_usage (FILE *out)
{
  fputs ("Usage: refscope-cli COMMAND [OPTIONS] FILE\n"
         "\n"
         "Commands:\n"
         "  run FILE.py       run a script as the Python prompt would, printing what it prints\n"
         "  check TRACE.jsonl check that a trace is valid (exit 2 with the first problem)\n"
         "  stats TRACE.jsonl count what a trace holds\n"
         "  render (FILE.py | TRACE.jsonl) -o OUT.(png|svg|pdf|dot)\n"
         "                    draw the heap after one step\n"
         "\n"
         "Options of run:\n"
         "  --check-invariants  check the heap after every statement (exit 3 if broken)\n"
         "  --max-steps N       stop after N statements have run (exit 4)\n"
         "  --max-memory BYTES  raise MemoryError beyond this much heap (suffixes K, M, G)\n"
         "  --trace OUT.jsonl   also write the run's trace (docs/trace-format.md)\n"
         "  --error-format=python|brief\n"
         "                      how an uncaught error is reported: a Python traceback\n"
         "                      (the default) or one FILE:LINE:COLUMN: Type: message line\n"
         "\n"
         "Options of render:\n"
         "  --step N            the step to draw (default: the last; 0 is before the first)\n"
         "  --scale S           PNG pixels per point (default 1; 2 for slides)\n"
         "  --theme light|dark  the colours (default light)\n"
         "  --show-cached       draw cached ints and interned strings as shared nodes\n"
         "\n"
         "  -h, --help      show this help\n"
         "  --version       show the version\n",
         out);
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      cli_usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "--help") == 0)
    {
      cli_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("refscope-cli %s\n", REFSCOPE_VERSION);
      return 0;
    }
  if (strcmp (argv[1], "run") == 0)
    return cli_command_run (argc - 2, argv + 2);
  if (strcmp (argv[1], "check") == 0)
    return cli_command_check (argc - 2, argv + 2);
  if (strcmp (argv[1], "stats") == 0)
    return cli_command_stats (argc - 2, argv + 2);
  if (strcmp (argv[1], "render") == 0)
    return cli_command_render (argc - 2, argv + 2);
  fprintf (stderr, "refscope-cli: unknown command '%s' (see --help)\n", argv[1]);
  return 2;
}
