/* rt-test.c: the fixture shared by the runtime's test suites. */
#include "rt-test.h"

static GPtrArray *test_strings;
static GPtrArray *held;

static void
visit_held (void (*visit) (RtObject *target, void *arg), void *arg, void *user)
{
  for (guint i = 0; held != NULL && i < held->len; i++)
    visit (held->pdata[i], arg);
}

void
rt_test_hold (RtObject *obj)
{
  RtHooks hooks = *rt_runtime_hooks ();

  hooks.visit_roots = visit_held;
  rt_runtime_set_hooks (&hooks);
  g_ptr_array_add (held, obj);
}

void
rt_test_release_held (void)
{
  g_ptr_array_set_size (held, 0);
}
static GArray *events;
static RtEventSink sink;

static void
record_event (void *user, const RtEvent *event)
{
  g_array_append_vals (events, event, 1);
}

void
rt_test_events_start (void)
{
  if (events == NULL)
    events = g_array_new (FALSE, TRUE, sizeof (RtEvent));
  g_array_set_size (events, 0);
  sink.emit = record_event;
  sink.user = NULL;
  sink.detailed_gc = TRUE;
  rt_runtime_set_sink (&sink);
}

void
rt_test_events_stop (void)
{
  rt_runtime_set_sink (NULL);
}

guint
rt_test_events_count (RtEventKind kind)
{
  guint n = 0;

  for (guint i = 0; events != NULL && i < events->len; i++)
    if (g_array_index (events, RtEvent, i).kind == kind)
      n++;
  return n;
}

const RtEvent *
rt_test_events_nth (RtEventKind kind, guint n)
{
  for (guint i = 0; events != NULL && i < events->len; i++)
    if (g_array_index (events, RtEvent, i).kind == kind && n-- == 0)
      return &g_array_index (events, RtEvent, i);
  return NULL;
}

void
rt_test_assert_heap (void)
{
  char message[512];

  if (!rt_heap_check (message, sizeof message))
    g_error ("heap invariant broken: %s", message);
}

void
rt_test_assert_no_error (void)
{
  if (rt_error_occurred ())
    {
      RtObject *exc = rt_error_fetch ();
      RtObject *text = rt_exception_format_only (exc);
      g_error ("unexpected exception: %s", text ? rt_str_utf8 (text) : "(unprintable)");
    }
}

const char *
rt_test_repr (RtObject *obj)
{
  RtObject *r = rt_repr (obj);
  char *copy;

  rt_test_assert_no_error ();
  g_assert_nonnull (r);
  copy = g_strndup (rt_str_utf8 (r), (gsize) rt_str_size (r));
  rt_decref (r);
  g_ptr_array_add (test_strings, copy);
  return copy;
}

RtObject *
rt_test_str (const char *cstr)
{
  RtObject *s = rt_str_from_cstr (cstr);
  g_assert_nonnull (s);
  return s;
}

static void
run_test (gconstpointer data)
{
  void (*fn) (void) = (void (*) (void)) data;

  test_strings = g_ptr_array_new_with_free_func (g_free);
  held = g_ptr_array_new ();
  g_assert_true (rt_runtime_init ());
  fn ();
  rt_test_events_stop ();
  rt_test_assert_no_error ();
  rt_test_release_held ();
  rt_test_assert_heap ();
  rt_runtime_fini ();
  g_clear_pointer (&held, g_ptr_array_unref);
  g_clear_pointer (&test_strings, g_ptr_array_unref);
  if (events != NULL)
    g_array_set_size (events, 0);
}

void
rt_test_add (const char *path, void (*fn) (void))
{
  g_test_add_data_func (path, (gconstpointer) fn, run_test);
}
