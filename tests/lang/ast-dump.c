/* ast-dump.c: parses a Python file and prints what CPython 3.11 prints for it:
 * ast.dump() and ast.dump(include_attributes=True) on two lines, or the
 * SyntaxError traceback; with --check, compares that with an expected file. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser.h"

static char *
read_file (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    return NULL;
  char *buf = NULL;
  size_t n = 0, cap = 0;
  for (;;)
    {
      if (n == cap)
        {
          cap = cap ? cap * 2 : 4096;
          char *b = realloc (buf, cap + 1);
          if (b == NULL)
            {
              free (buf);
              fclose (f);
              return NULL;
            }
          buf = b;
        }
      size_t got = fread (buf + n, 1, cap - n, f);
      if (got == 0)
        break;
      n += got;
    }
  fclose (f);
  *len = n;
  return buf;
}

/* What CPython prints for the file, as one string; *ok tells whether it
 * parsed. */
static char *
render (const char *path, bool *ok)
{
  size_t len = 0;
  char *source = read_file (path, &len);
  if (source == NULL)
    {
      fprintf (stderr, "ast-dump: cannot read %s\n", path);
      exit (2);
    }
  /* Messages name the file as it was run: python3 NAME.py in its folder. */
  const char *slash = strrchr (path, '/');
  const char *filename = slash != NULL ? slash + 1 : path;

  LangArena *arena = lang_arena_new ();
  LangSyntaxError error;
  LangModule *module = lang_parse (arena, source, len, filename, &error);
  char *out;
  if (module != NULL)
    {
      char *plain = lang_ast_dump (module, false);
      char *attrs = lang_ast_dump (module, true);
      if (plain == NULL || attrs == NULL)
        {
          fprintf (stderr, "ast-dump: tree too deep to print\n");
          exit (2);
        }
      size_t n = strlen (plain) + strlen (attrs) + 3;
      out = malloc (n);
      snprintf (out, n, "%s\n%s\n", plain, attrs);
      free (plain);
      free (attrs);
      *ok = true;
    }
  else
    {
      out = lang_syntax_error_format (&error, filename);
      lang_syntax_error_clear (&error);
      *ok = false;
    }
  lang_arena_free (arena);
  free (source);
  return out;
}

int
main (int argc, char **argv)
{
  const char *expected_path = NULL;
  const char *path = NULL;
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--check") == 0 && i + 1 < argc)
        expected_path = argv[++i];
      else
        path = argv[i];
    }
  if (path == NULL)
    {
      fprintf (stderr, "usage: ast-dump [--check EXPECTED] FILE.py\n");
      return 2;
    }

  bool ok;
  char *out = render (path, &ok);
  if (expected_path == NULL)
    {
      fputs (out, stdout);
      free (out);
      return ok ? 0 : 1;
    }

  size_t len = 0;
  char *expected = read_file (expected_path, &len);
  if (expected == NULL)
    {
      fprintf (stderr, "ast-dump: cannot read %s\n", expected_path);
      return 2;
    }
  int status = 0;
  if (len != strlen (out) || memcmp (expected, out, len) != 0)
    {
      printf ("%s: output differs from %s\n--- expected\n%.*s--- got\n%s", path, expected_path,
              (int) len, expected, out);
      status = 1;
    }
  free (expected);
  free (out);
  return status;
}
