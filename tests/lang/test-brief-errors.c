/* test-brief-errors.c: how lang_run_source reports a failed run with
 * brief_errors (one `FILE:LINE:COLUMN: Type: message` line) and that the
 * Python form it prints otherwise is unchanged. Positions and messages are
 * CPython 3.11's: a SyntaxError's lineno and offset, or the start of the
 * innermost frame's failing instruction. */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"
#include "runtime/runtime.h"
#include "traceback.h"

static void
discard_output (const char *bytes, size_t length, void *user)
{
}

/* Runs length bytes of source as "t.py" and returns what went to the
 * error stream (g_free it); *status gets the result. */
static char *
run_full (const char *source, size_t length, bool brief, uint64_t max_steps,
          LangRunStatus *status)
{
  LangRunOptions options = { .output = discard_output, .brief_errors = brief,
                             .max_steps = max_steps };
  char *errors = NULL;
  size_t errors_size = 0;
  FILE *err = open_memstream (&errors, &errors_size);
  char *result;

  g_assert_nonnull (err);
  g_assert_true (rt_runtime_init ());
  g_assert_true (lang_interp_init ());
  *status = lang_run_source ("t.py", source, length, &options, err);
  lang_interp_fini ();
  rt_runtime_fini ();
  fclose (err);
  result = g_strdup (errors != NULL ? errors : "");
  free (errors);
  return result;
}

static void
check_run (const char *source, bool brief, uint64_t max_steps, LangRunStatus want_status,
           const char *want)
{
  LangRunStatus status;
  char *got = run_full (source, strlen (source), brief, max_steps, &status);

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpint (status, ==, want_status);
  g_free (got);
}

static void
check_brief (const char *source, const char *want)
{
  check_run (source, true, 0, LANG_RUN_EXCEPTION, want);
}

static void
test_syntax_errors (void)
{
  check_brief ("x = 1\ny = (1,\n     2,\n", "t.py:2:5: SyntaxError: '(' was never closed\n");
  check_brief ("a = 1\nname = 'abc\n",
               "t.py:2:8: SyntaxError: unterminated string literal (detected at line 2)\n");
  check_brief ("x = 1\n    y = 2\n", "t.py:2:4: IndentationError: unexpected indent\n");
  check_brief ("if True:\n        x = 1\n\ty = 2\n",
               "t.py:3:1: TabError: inconsistent use of tabs and spaces in indentation\n");
  check_brief ("print(1 2)\n",
               "t.py:1:7: SyntaxError: invalid syntax. Perhaps you forgot a comma?\n");
  /* The offset counts characters, as CPython's does. */
  check_brief ("x = ['é', 1abc]\n", "t.py:1:11: SyntaxError: invalid decimal literal\n");
  /* Found by the compiler, after the statements before it ran. */
  check_brief ("x = 1\nreturn x\n", "t.py:2:1: SyntaxError: 'return' outside function\n");
  /* CPython gives a NUL byte a line but no offset. */
  {
    static const char source[] = "x = 1\ny = 2\0\n";
    LangRunStatus status;
    char *got = run_full (source, sizeof source - 1, true, 0, &status);
    g_assert_cmpstr (got, ==, "t.py:2: SyntaxError: source code cannot contain null bytes\n");
    g_assert_cmpint (status, ==, LANG_RUN_EXCEPTION);
    g_free (got);
  }
}

static void
test_runtime_errors (void)
{
  /* The innermost frame wins, not the statement the program was running. */
  check_brief ("def h(d):\n"
               "    return 10 // d\n"
               "\n"
               "def g(d):\n"
               "    return h(d) + 1\n"
               "\n"
               "print(g(0))\n",
               "t.py:2:12: ZeroDivisionError: integer division or modulo by zero\n");
  check_brief ("x = 1\nprint(undefined)\n",
               "t.py:2:7: NameError: name 'undefined' is not defined\n");
  /* Columns count characters, not the bytes positions hold. */
  check_brief ("def f(s):\n    return ('é', s + 1)\nf('ü')\n",
               "t.py:2:18: TypeError: can only concatenate str (not \"int\") to str\n");
  /* An exception raised while handling another: only the last one. */
  check_brief ("try:\n    1 / 0\nexcept ZeroDivisionError:\n    {}['k']\n",
               "t.py:4:5: KeyError: 'k'\n");
  /* The message stays on one line. */
  check_brief ("raise ValueError('one\\ntwo')\n", "t.py:1:1: ValueError: one\\ntwo\n");
  check_brief ("raise KeyError\n", "t.py:1:1: KeyError\n");
  check_brief ("def f(n):\n    return f(n + 1)\nf(0)\n",
               "t.py:2:12: RecursionError: maximum recursion depth exceeded\n");
}

static void
test_errors_without_position (void)
{
  /* Not UTF-8: CPython names no line. */
  check_brief ("x = '\xff'\n",
               "t.py: SyntaxError: Non-UTF-8 code starting with '\\xff' in file t.py on line 1, "
               "but no encoding declared; see https://peps.python.org/pep-0263/ for details\n");
  /* Too deep for the parser: a MemoryError with no message, as CPython's. */
  {
    GString *source = g_string_new ("x = ");
    for (int i = 0; i < 10000; i++)
      g_string_append_c (source, '-');
    g_string_append (source, "1\n");
    check_brief (source->str, "t.py: MemoryError\n");
    g_string_free (source, TRUE);
  }
  /* Too deep for the compiler: an exception that never reached a frame. */
  {
    GString *source = g_string_new ("x = 1");
    for (int i = 0; i < 100000; i++)
      g_string_append (source, " + 1");
    g_string_append_c (source, '\n');
    check_brief (source->str,
                 "t.py: RecursionError: maximum recursion depth exceeded during compilation\n");
    g_string_free (source, TRUE);
  }
}

static void
test_stopped (void)
{
  /* Where the program was when the steps ran out. */
  check_run ("n = 0\nwhile True:\n    n += 1\n", true, 100, LANG_RUN_STOPPED,
             "t.py:3:5: refscope: stopped after 100 steps (--max-steps 100)\n");
  check_run ("n = 0\nwhile True:\n    n += 1\n", false, 100, LANG_RUN_STOPPED,
             "refscope: stopped after 100 steps (--max-steps 100)\n");
}

/* The default form is the traceback CPython prints. */
static void
test_python_form (void)
{
  check_run ("x = 1\ny = (1,\n", false, 0, LANG_RUN_EXCEPTION,
             "  File \"t.py\", line 2\n"
             "    y = (1,\n"
             "        ^\n"
             "SyntaxError: '(' was never closed\n");
  check_run ("def h():\n    return 1 // 0\nh()\n", false, 0, LANG_RUN_EXCEPTION,
             "Traceback (most recent call last):\n"
             "  File \"t.py\", line 3, in <module>\n"
             "    h()\n"
             "  File \"t.py\", line 2, in h\n"
             "    return 1 // 0\n"
             "           ^^^^^^\n"
             "ZeroDivisionError: integer division or modulo by zero\n");
  /* Runaway recursion: three entries, then a count, as CPython's. */
  {
    LangRunStatus status;
    const char *source = "def f(n):\n    return f(n + 1)\nf(0)\n";
    char *got = run_full (source, strlen (source), false, 0, &status);
    g_assert_true (g_str_has_suffix (got, "  File \"t.py\", line 2, in f\n"
                                          "    return f(n + 1)\n"
                                          "           ^^^^^^^^\n"
                                          "  [Previous line repeated 996 more times]\n"
                                          "RecursionError: maximum recursion depth exceeded\n"));
    g_assert_cmpint (status, ==, LANG_RUN_EXCEPTION);
    g_free (got);
  }
  check_run ("print('fine')\n", false, 0, LANG_RUN_OK, "");
  check_run ("", true, 0, LANG_RUN_OK, "");
}

static void
test_brief_print (void)
{
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&text, &size);

  lang_brief_print (out, "a.py", 3, 7, "TypeError: bad");
  lang_brief_print (out, "a.py", 3, 0, "SyntaxError: no column");
  lang_brief_print (out, "a.py", 0, 5, "MemoryError");
  lang_brief_print (out, "a.py", 1, 1, "ValueError: a\nb\rc");
  fclose (out);
  g_assert_cmpstr (text, ==,
                   "a.py:3:7: TypeError: bad\n"
                   "a.py:3: SyntaxError: no column\n"
                   "a.py: MemoryError\n"
                   "a.py:1:1: ValueError: a\\nb\\rc\n");
  free (text);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/brief-errors/syntax-errors", test_syntax_errors);
  g_test_add_func ("/brief-errors/runtime-errors", test_runtime_errors);
  g_test_add_func ("/brief-errors/without-position", test_errors_without_position);
  g_test_add_func ("/brief-errors/stopped", test_stopped);
  g_test_add_func ("/brief-errors/python-form", test_python_form);
  g_test_add_func ("/brief-errors/brief-print", test_brief_print);
  return g_test_run ();
}
