/* test-mem.c: the arena allocator: address reuse, determinism, arenas
 * taken and released, large blocks, the limit, walking the heap. */
#include "rt-test.h"

static void
test_address_reuse (void)
{
  void *a = rt_mem_alloc (40, RT_MEM_RAW);
  uint64_t address = rt_mem_address (a);

  rt_mem_free (a, 40);
  void *b = rt_mem_alloc (33, RT_MEM_RAW); /* same 48-byte class */
  g_assert_cmpuint (rt_mem_address (b), ==, address);
  void *c = rt_mem_alloc (40, RT_MEM_RAW);
  g_assert_cmpuint (rt_mem_address (c), !=, address);
  rt_mem_free (b, 33);
  rt_mem_free (c, 40);
}

static void
test_addresses_look_like_cpython (void)
{
  void *a = rt_mem_alloc (16, RT_MEM_RAW);
  uint64_t address = rt_mem_address (a);

  g_assert_cmpuint (address, >=, RT_ARENA_VBASE);
  g_assert_cmpuint (address % 16, ==, 0);
  rt_mem_free (a, 16);
}

static void
record_addresses (GArray *out)
{
  void *blocks[1000];

  for (int i = 0; i < 1000; i++)
    {
      size_t size = (size_t) (i * 37 % 700) + 1;
      blocks[i] = rt_mem_alloc (size, RT_MEM_RAW);
      uint64_t address = rt_mem_address (blocks[i]);
      g_array_append_val (out, address);
      if (i % 3 == 0)
        {
          rt_mem_free (blocks[i], size);
          blocks[i] = NULL;
        }
    }
  for (int i = 0; i < 1000; i++)
    if (blocks[i] != NULL)
      rt_mem_free (blocks[i], (size_t) (i * 37 % 700) + 1);
}

static void
test_deterministic (void)
{
  GArray *first = g_array_new (FALSE, FALSE, sizeof (uint64_t));
  GArray *second = g_array_new (FALSE, FALSE, sizeof (uint64_t));

  record_addresses (first);
  /* A second runtime gives the same addresses for the same requests. */
  rt_runtime_fini ();
  g_assert_true (rt_runtime_init ());
  record_addresses (second);
  g_assert_cmpuint (first->len, ==, second->len);
  g_assert_cmpmem (first->data, first->len * sizeof (uint64_t), second->data,
                   second->len * sizeof (uint64_t));
  g_array_unref (first);
  g_array_unref (second);
}

static void
test_arenas_released (void)
{
  RtMemStats stats;
  GPtrArray *blocks = g_ptr_array_new ();
  uint64_t arenas_before, released_before;

  rt_mem_get_stats (&stats);
  arenas_before = stats.arenas;
  released_before = stats.arenas_released;
  /* 4 MiB of 64-byte blocks: 16 new arenas at least. */
  for (int i = 0; i < 65536; i++)
    g_ptr_array_add (blocks, rt_mem_alloc (64, RT_MEM_RAW));
  rt_mem_get_stats (&stats);
  g_assert_cmpuint (stats.arenas, >=, arenas_before + 16);
  for (guint i = 0; i < blocks->len; i++)
    rt_mem_free (blocks->pdata[i], 64);
  rt_mem_get_stats (&stats);
  g_assert_cmpuint (stats.arenas_released, >=, released_before + 15);
  g_assert_cmpuint (stats.arenas, <=, arenas_before + 1);
  g_ptr_array_free (blocks, TRUE);
}

static void
test_large_blocks (void)
{
  RtMemStats stats;
  void *big = rt_mem_alloc (100000, RT_MEM_RAW);
  uint64_t address = rt_mem_address (big);

  rt_mem_get_stats (&stats);
  g_assert_cmpuint (stats.large_blocks, >=, 1);
  g_assert_cmpuint (address, >=, RT_LARGE_VBASE);
  memset (big, 0xab, 100000);
  rt_mem_free (big, 100000);
  void *again = rt_mem_alloc (100000, RT_MEM_RAW);
  g_assert_cmpuint (rt_mem_address (again), ==, address);
  rt_mem_free (again, 100000);
}

static void
test_limit (void)
{
  RtMemStats stats;

  rt_mem_get_stats (&stats);
  rt_mem_set_limit (stats.reserved_bytes + 1024 * 1024);
  g_assert_null (rt_mem_alloc (4 * 1024 * 1024, RT_MEM_RAW));
  /* Through the object constructors, the limit is a MemoryError. */
  g_assert_null (rt_list_new (1000000));
  g_assert_true (rt_error_matches (&rt_exc_MemoryError));
  rt_error_clear ();
  rt_mem_set_limit (0);
  void *ok = rt_mem_alloc (4 * 1024 * 1024, RT_MEM_RAW);
  g_assert_nonnull (ok);
  rt_mem_free (ok, 4 * 1024 * 1024);
}

static void
count_type (RtObject *obj, void *arg)
{
  if (obj->type == &rt_list_type)
    (*(int *) arg)++;
}

static void
test_heap_walk (void)
{
  RtObject *lists[300];
  int before = 0, after = 0;

  rt_heap_foreach (count_type, &before);
  for (int i = 0; i < 300; i++)
    lists[i] = rt_list_new (0);
  rt_heap_foreach (count_type, &after);
  g_assert_cmpint (after - before, ==, 300);
  for (int i = 0; i < 300; i++)
    rt_decref (lists[i]);
  /* Freed lists on the free list are not live objects. */
  after = 0;
  rt_heap_foreach (count_type, &after);
  g_assert_cmpint (after, ==, before);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rt_test_add ("/mem/address-reuse", test_address_reuse);
  rt_test_add ("/mem/addresses", test_addresses_look_like_cpython);
  rt_test_add ("/mem/deterministic", test_deterministic);
  rt_test_add ("/mem/arenas-released", test_arenas_released);
  rt_test_add ("/mem/large-blocks", test_large_blocks);
  rt_test_add ("/mem/limit", test_limit);
  rt_test_add ("/mem/heap-walk", test_heap_walk);
  return g_test_run ();
}
