/* test-events.c: what the runtime reports: births, frees, references with
 * their slots, tracking, arenas; and that nothing is reported without a sink. */
#include "rt-test.h"

static void
test_born_and_free (void)
{
  rt_test_events_start ();
  RtObject *l = rt_list_new (0);
  uint64_t serial = l->serial;
  rt_decref (l);
  rt_test_events_stop ();

  const RtEvent *born = rt_test_events_nth (RT_EV_BORN, 0);
  g_assert_nonnull (born);
  g_assert_cmpuint (born->serial, ==, serial);
  g_assert_cmpint (born->a, ==, 56); /* sys.getsizeof([]) */
  const RtEvent *freed = rt_test_events_nth (RT_EV_FREE, 0);
  g_assert_nonnull (freed);
  g_assert_cmpuint (freed->serial, ==, serial);
  g_assert_cmpint (freed->small, ==, RT_FREE_REFCOUNT);
}

static void
test_list_references (void)
{
  RtObject *l = rt_list_new (0);
  RtObject *x = rt_list_new (0);
  RtObject *y = rt_list_new (0);

  rt_test_events_start ();
  rt_list_append (l, x);
  rt_list_append (l, y);
  rt_list_insert (l, 0, y);
  rt_test_events_stop ();

  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_ADD), ==, 3);
  const RtEvent *first = rt_test_events_nth (RT_EV_REF_ADD, 0);
  g_assert_cmpuint (first->serial, ==, l->serial);
  g_assert_cmpuint (first->target, ==, x->serial);
  g_assert_cmpint (first->slot_kind, ==, RT_SLOT_INDEX);
  g_assert_cmpint (first->slot, ==, 0);
  const RtEvent *insert = rt_test_events_nth (RT_EV_REF_ADD, 2);
  g_assert_true (insert->flags & RT_EVF_SHIFT);
  g_assert_cmpint (insert->slot, ==, 0);
  rt_decref (l);
  rt_decref (x);
  rt_decref (y);
}

static void
test_dict_references (void)
{
  RtObject *d = rt_dict_new ();
  RtObject *k = rt_test_str ("key");
  RtObject *v = rt_list_new (0);

  rt_test_events_start ();
  rt_dict_set_item (d, k, v);
  rt_test_events_stop ();

  gboolean saw_key = FALSE, saw_value = FALSE;
  for (guint i = 0; i < rt_test_events_count (RT_EV_REF_ADD); i++)
    {
      const RtEvent *e = rt_test_events_nth (RT_EV_REF_ADD, i);
      if (e->slot_kind == RT_SLOT_KEY && e->target == k->serial)
        saw_key = TRUE;
      if (e->slot_kind == RT_SLOT_VALUE && e->target == v->serial
          && e->slot == (int64_t) k->serial)
        saw_value = TRUE;
    }
  g_assert_true (saw_key);
  g_assert_true (saw_value);
  /* Storing a trackable value starts tracking the dict. */
  g_assert_cmpuint (rt_test_events_count (RT_EV_TRACK), ==, 1);
  rt_decref (d);
  rt_decref (k);
  rt_decref (v);
}

static void
test_arena_events (void)
{
  GPtrArray *blocks = g_ptr_array_new ();

  rt_test_events_start ();
  for (int i = 0; i < 20000; i++)
    g_ptr_array_add (blocks, rt_mem_alloc (64, RT_MEM_RAW));
  for (guint i = 0; i < blocks->len; i++)
    rt_mem_free (blocks->pdata[i], 64);
  rt_test_events_stop ();
  g_assert_cmpuint (rt_test_events_count (RT_EV_ARENA_NEW), >=, 4);
  g_assert_cmpuint (rt_test_events_count (RT_EV_ARENA_FREE), >=, 4);
  g_ptr_array_free (blocks, TRUE);
}

static void
test_no_sink_no_events (void)
{
  rt_test_events_start ();
  rt_test_events_stop ();
  RtObject *l = rt_list_new (0);
  rt_decref (l);
  g_assert_cmpuint (rt_test_events_count (RT_EV_BORN), ==, 0);
}

static void
test_kind_names (void)
{
  for (int kind = RT_EV_BORN; kind < RT_EV_KIND_COUNT_; kind++)
    g_assert_nonnull (rt_event_kind_name ((RtEventKind) kind));
  g_assert_cmpstr (rt_ref_label_name (RT_LABEL_CLASS), ==, "__class__");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rt_test_add ("/events/born-and-free", test_born_and_free);
  rt_test_add ("/events/list-references", test_list_references);
  rt_test_add ("/events/dict-references", test_dict_references);
  rt_test_add ("/events/arenas", test_arena_events);
  rt_test_add ("/events/no-sink", test_no_sink_no_events);
  rt_test_add ("/events/kind-names", test_kind_names);
  return g_test_run ();
}
