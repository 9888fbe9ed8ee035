/* test-engine.c: the runtime on its own thread, as the window drives it:
 * a run's recording, output and errors (with line and column), commands
 * continued on the live heap, and a runaway loop stopped. */
#include "engine.h"

#include <string.h>

typedef struct
{
  GMainLoop *loop;
  RefscopeRunResult *result;
  GError *error;
} Wait;

static void
on_run (GObject *source, GAsyncResult *result, gpointer user)
{
  Wait *wait = user;

  wait->result = refscope_engine_run_finish (NULL, result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
on_continue (GObject *source, GAsyncResult *result, gpointer user)
{
  Wait *wait = user;

  wait->result = refscope_engine_continue_finish (NULL, result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static RefscopeRunResult *
run (RefscopeEngine *engine, const char *source)
{
  Wait wait = { g_main_loop_new (NULL, FALSE) };

  refscope_engine_run_async (engine, "program.py", source, on_run, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_assert_no_error (wait.error);
  return wait.result;
}

static RefscopeRunResult *
continue_with (RefscopeEngine *engine, const char *code, GError **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE) };

  refscope_engine_continue_async (engine, code, on_continue, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.result;
}

static void
test_run (void)
{
  g_autoptr (RefscopeEngine) engine = refscope_engine_new ();
  g_autoptr (RefscopeRunResult) result = run (engine, "a = [1, 2]\nb = [a, a]\nprint(len(b))\n");

  g_assert_cmpint (result->status, ==, REFSCOPE_RUN_OK);
  g_assert_cmpstr (result->output, ==, "2\n");
  g_assert_null (result->error);
  g_assert_true (result->recording->live);
  g_assert_false (result->recording->saved);
  g_assert_cmpuint (trace_timeline_n_steps (result->recording->timeline), ==, 3);
}

static void
test_errors (void)
{
  g_autoptr (RefscopeEngine) engine = refscope_engine_new ();
  g_autoptr (RefscopeRunResult) syntax = run (engine, "x = 1\ny = [1, 2\n");
  g_autoptr (RefscopeRunResult) name = run (engine, "x = 1\nprint(x)\nprint(y)\n");

  /* As CPython 3.11 reports them: the bracket never closed, at 2:5. */
  g_assert_cmpint (syntax->status, ==, REFSCOPE_RUN_ERROR);
  g_assert_true (syntax->error_is_syntax);
  g_assert_cmpstr (syntax->error, ==, "SyntaxError: '[' was never closed");
  g_assert_cmpuint (syntax->error_line, ==, 2);
  g_assert_cmpuint (syntax->error_column, ==, 5);

  g_assert_cmpint (name->status, ==, REFSCOPE_RUN_ERROR);
  g_assert_false (name->error_is_syntax);
  g_assert_cmpstr (name->error, ==, "NameError: name 'y' is not defined");
  g_assert_cmpuint (name->error_line, ==, 3);
  g_assert_cmpstr (name->output, ==, "1\n");
  /* What ran before the error is recorded: three statements. */
  g_assert_cmpuint (trace_timeline_n_steps (name->recording->timeline), ==, 3);

  /* The engine's thread has the stack CPython's recursion limit needs. */
  {
    g_autoptr (RefscopeRunResult) deep = run (engine, "def f():\n    f()\nf()\n");
    g_assert_cmpint (deep->status, ==, REFSCOPE_RUN_ERROR);
    g_assert_cmpstr (deep->error, ==, "RecursionError: maximum recursion depth exceeded");
  }
}

/* The collector panel's commands run on the heap the program left. */
static void
test_continue (void)
{
  g_autoptr (RefscopeEngine) engine = refscope_engine_new ();
  g_autoptr (RefscopeRunResult) result
      = run (engine, "class Node:\n    pass\na = Node()\na.me = a\ndel a\n");
  g_autoptr (RefscopeRunResult) collected = NULL;
  g_autoptr (RefscopeRunResult) other = NULL;
  g_autoptr (GError) error = NULL;
  TraceTimeline *timeline = result->recording->timeline;
  guint before = trace_timeline_n_steps (timeline);
  guint n_deaths = trace_timeline_n_deaths (timeline);

  collected = continue_with (engine, "import gc\nprint(gc.collect(2))\n", &error);
  g_assert_no_error (error);
  g_assert_true (collected->recording == result->recording);
  g_assert_cmpstr (collected->output, ==, "1\n");
  g_assert_cmpuint (trace_timeline_n_steps (timeline), ==, before + 2);
  g_assert_cmpuint (trace_log_n_files (trace_timeline_log (timeline)), ==, 2);
  g_assert_cmpuint (trace_timeline_n_deaths (timeline), >, n_deaths);

  /* A new run ends the old heap: its recording is no longer live. */
  other = run (engine, "x = 1\n");
  g_assert_false (result->recording->live);
  g_assert_true (other->recording->live);
}

static void
test_continue_without_run (void)
{
  g_autoptr (RefscopeEngine) engine = refscope_engine_new ();
  g_autoptr (GError) error = NULL;
  RefscopeRunResult *result = continue_with (engine, "x = 1\n", &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
}

static gboolean
stop_soon (gpointer engine)
{
  refscope_engine_stop (engine);
  return G_SOURCE_REMOVE;
}

static void
test_stop (void)
{
  g_autoptr (RefscopeEngine) engine = refscope_engine_new ();
  g_autoptr (RefscopeRunResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (200, stop_soon, engine);
  result = run (engine, "n = 0\nwhile True:\n    n += 1\n");
  g_assert_cmpint (result->status, ==, REFSCOPE_RUN_STOPPED);
  g_assert_cmpuint (result->error_line, >=, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (trace_timeline_n_steps (result->recording->timeline), >, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/run", test_run);
  g_test_add_func ("/engine/errors", test_errors);
  g_test_add_func ("/engine/continue", test_continue);
  g_test_add_func ("/engine/continue-without-run", test_continue_without_run);
  g_test_add_func ("/engine/stop", test_stop);
  return g_test_run ();
}
