/* refscope-cli.c: the command-line tool. `run` executes a script in the
 * embedded runtime with the prompt's semantics; the other commands (render,
 * check, stats) work on traces. */
#include "run.h"
#include "runtime/error.h"
#include "interp.h"
#include "runtime/list.h"
#include "runtime/mem.h"
#include "runtime/runtime.h"
#include "runtime/str.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef REFSCOPE_VERSION
#define REFSCOPE_VERSION "0.0"
#endif

static void
usage (FILE *out)
{
  fputs ("Usage: refscope-cli COMMAND [OPTIONS] FILE\n"
         "\n"
         "Commands:\n"
         "  run FILE.py     run a script as the Python prompt would, printing what it prints\n"
         "\n"
         "Options of run:\n"
         "  --check-invariants  check the heap after every statement (exit 3 if broken)\n"
         "  --max-steps N       stop after N statements have run (exit 4)\n"
         "  --max-memory BYTES  raise MemoryError beyond this much heap (suffixes K, M, G)\n"
         "\n"
         "  -h, --help      show this help\n"
         "  --version       show the version\n",
         out);
}

static bool
read_file (const char *path, char **text, size_t *length)
{
  FILE *f = fopen (path, "rb");
  char *buffer = NULL;
  size_t size = 0, capacity = 0;

  if (f == NULL)
    {
      fprintf (stderr, "refscope-cli: can't open file '%s': %s\n", path, strerror (errno));
      return false;
    }
  for (;;)
    {
      if (size == capacity)
        {
          capacity = capacity ? capacity * 2 : 65536;
          char *grown = realloc (buffer, capacity + 1);
          if (grown == NULL)
            {
              fprintf (stderr, "refscope-cli: '%s' is too large to read\n", path);
              free (buffer);
              fclose (f);
              return false;
            }
          buffer = grown;
        }
      size_t n = fread (buffer + size, 1, capacity - size, f);
      size += n;
      if (n == 0)
        break;
    }
  if (ferror (f))
    {
      fprintf (stderr, "refscope-cli: error reading '%s': %s\n", path, strerror (errno));
      free (buffer);
      fclose (f);
      return false;
    }
  fclose (f);
  buffer[size] = '\0';
  *text = buffer;
  *length = size;
  return true;
}

static bool
parse_count (const char *text, uint64_t *out, bool allow_suffix)
{
  char *end;
  unsigned long long value;

  errno = 0;
  value = strtoull (text, &end, 10);
  if (errno != 0 || end == text || text[0] == '-')
    return false;
  if (allow_suffix && *end != '\0' && end[1] == '\0')
    {
      unsigned long long scale = 1;
      switch (*end)
        {
        case 'k': case 'K': scale = 1024ull; break;
        case 'm': case 'M': scale = 1024ull * 1024; break;
        case 'g': case 'G': scale = 1024ull * 1024 * 1024; break;
        default: return false;
        }
      value *= scale;
      end++;
    }
  if (*end != '\0')
    return false;
  *out = value;
  return true;
}

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

static int
command_run (int argc, char **argv)
{
  LangRunOptions options = { 0 };
  const char *path = NULL;
  uint64_t max_memory = 0;
  char *source;
  size_t length;
  int status;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      if (strcmp (arg, "--check-invariants") == 0)
        options.check_invariants = true;
      else if (strcmp (arg, "--max-steps") == 0 || strcmp (arg, "--max-memory") == 0)
        {
          bool steps = arg[6] == 's';
          if (i + 1 >= argc || !parse_count (argv[i + 1], steps ? &options.max_steps : &max_memory,
                                             !steps))
            {
              fprintf (stderr, "refscope-cli: %s needs a %s\n", arg,
                       steps ? "positive number of steps" : "size in bytes (e.g. 512M)");
              return 2;
            }
          i++;
        }
      else if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0)
        {
          usage (stdout);
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
  if (!read_file (path, &source, &length))
    return 2;

  if (!rt_runtime_init ())
    {
      fputs ("refscope-cli: out of memory starting the runtime\n", stderr);
      free (source);
      return 2;
    }
  if (max_memory != 0)
    rt_mem_set_limit (max_memory);
  if (!lang_interp_init ())
    {
      fputs ("refscope-cli: out of memory starting the interpreter\n", stderr);
      rt_runtime_fini ();
      free (source);
      return 2;
    }
  if (!set_argv (path))
    {
      fputs ("refscope-cli: out of memory starting the interpreter\n", stderr);
      lang_interp_fini ();
      rt_runtime_fini ();
      free (source);
      return 2;
    }
  status = (int) lang_run_source (path, source, length, &options, stderr);
  fflush (stdout);
  lang_interp_fini ();
  rt_runtime_fini ();
  free (source);
  return status;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "--help") == 0)
    {
      usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("refscope-cli %s\n", REFSCOPE_VERSION);
      return 0;
    }
  if (strcmp (argv[1], "run") == 0)
    return command_run (argc - 2, argv + 2);
  fprintf (stderr, "refscope-cli: unknown command '%s' (see --help)\n", argv[1]);
  return 2;
}
