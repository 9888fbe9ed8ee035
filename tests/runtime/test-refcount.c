/* test-refcount.c: reference counts through container operations, freeing
 * at zero with referents released in turn, and the heap invariant. */
#include "rt-test.h"

static void
test_list_holds_one_per_slot (void)
{
  RtObject *a = rt_list_new (0);
  RtObject *b = rt_list_new (0);

  g_assert_cmpuint (RT_REFCNT (a), ==, 1);
  g_assert_cmpint (rt_list_append (b, a), ==, 0);
  g_assert_cmpint (rt_list_append (b, a), ==, 0);
  /* b = [a, a]: two more references, as the seed's getrefcount example. */
  g_assert_cmpuint (RT_REFCNT (a), ==, 3);
  rt_test_hold (a);
  rt_test_hold (b);
  rt_test_assert_heap ();
  rt_test_release_held ();
  rt_decref (b);
  g_assert_cmpuint (RT_REFCNT (a), ==, 1);
  rt_decref (a);
}

static void
test_dict_holds_key_and_value (void)
{
  RtObject *d = rt_dict_new ();
  RtObject *k = rt_int_from_i64 (100000);
  RtObject *v = rt_list_new (0);

  g_assert_cmpint (rt_dict_set_item (d, k, v), ==, 0);
  g_assert_cmpuint (RT_REFCNT (k), ==, 2);
  g_assert_cmpuint (RT_REFCNT (v), ==, 2);
  rt_test_hold (d);
  rt_test_hold (k);
  rt_test_hold (v);
  rt_test_assert_heap ();
  rt_test_release_held ();
  g_assert_cmpint (rt_dict_del_item (d, k), ==, 0);
  g_assert_cmpuint (RT_REFCNT (k), ==, 1);
  g_assert_cmpuint (RT_REFCNT (v), ==, 1);
  rt_decref (d);
  rt_decref (k);
  rt_decref (v);
}

static void
test_tuple_and_nesting (void)
{
  RtObject *inner = rt_list_new (0);
  RtObject *t = rt_tuple_pack (3, inner, inner, inner);

  g_assert_cmpuint (RT_REFCNT (inner), ==, 4);
  RtObject *outer = rt_list_new (0);
  g_assert_cmpint (rt_list_append (outer, t), ==, 0);
  rt_decref (t);
  rt_decref (inner);
  rt_test_hold (outer);
  rt_test_assert_heap ();
  rt_test_release_held ();
  /* Freeing the outer list frees the tuple, which releases the inner list. */
  uint64_t before = rt_heap_count_objects ();
  rt_decref (outer);
  g_assert_cmpuint (rt_heap_count_objects (), ==, before - 3);
}

static void
test_free_at_zero_needs_no_collector (void)
{
  RtGcStats before[3], after[3];
  RtObject *l = rt_list_new (0);

  rt_gc_get_stats (before);
  for (int i = 0; i < 100; i++)
    {
      RtObject *n = rt_int_from_i64 (1000 + i);
      rt_list_append (l, n);
      rt_decref (n);
    }
  uint64_t live = rt_heap_count_objects ();
  rt_decref (l);
  g_assert_cmpuint (rt_heap_count_objects (), ==, live - 101);
  rt_gc_get_stats (after);
  g_assert_cmpint (after[0].collections, ==, before[0].collections);
}

static void
test_small_ints_shared (void)
{
  RtObject *a = rt_int_from_i64 (256);
  RtObject *b = rt_int_from_i64 (256);
  RtObject *c = rt_int_from_i64 (257);
  RtObject *d = rt_int_from_i64 (257);

  g_assert_true (a == b);
  g_assert_true (c != d);
  rt_decref (a);
  rt_decref (b);
  rt_decref (c);
  rt_decref (d);
  rt_test_assert_heap ();
}

static void
test_invariant_detects_a_broken_count (void)
{
  RtObject *l = rt_list_new (0);
  char message[512];

  rt_test_hold (l);
  rt_incref (l); /* a reference nobody holds */
  g_assert_false (rt_heap_check (message, sizeof message));
  g_assert_nonnull (strstr (message, "list"));
  g_assert_nonnull (strstr (message, "refcount 2 but 1"));
  rt_decref (l);
  g_assert_true (rt_heap_check (message, sizeof message));
  rt_test_release_held ();
  rt_decref (l);
}

static void
test_deep_nesting_frees (void)
{
  RtObject *head = rt_list_new (0);
  RtObject *current = head;

  /* [[[[...]]]] a million deep, freed without deep C recursion. */
  for (int i = 0; i < 1000000; i++)
    {
      RtObject *next = rt_list_new (0);
      rt_list_append (current, next);
      rt_decref (next);
      current = next;
    }
  rt_decref (head);
  g_assert_cmpuint (rt_heap_count_objects (), <, 10000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rt_test_add ("/refcount/list-slots", test_list_holds_one_per_slot);
  rt_test_add ("/refcount/dict-key-and-value", test_dict_holds_key_and_value);
  rt_test_add ("/refcount/tuple-nesting", test_tuple_and_nesting);
  rt_test_add ("/refcount/free-at-zero", test_free_at_zero_needs_no_collector);
  rt_test_add ("/refcount/small-ints", test_small_ints_shared);
  rt_test_add ("/refcount/invariant-detects", test_invariant_detects_a_broken_count);
  rt_test_add ("/refcount/deep-nesting-frees", test_deep_nesting_frees);
  return g_test_run ();
}
