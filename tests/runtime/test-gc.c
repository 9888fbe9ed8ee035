/* test-gc.c: the cycle collector: what it finds, when it runs, what it
 * moves, finalizers and resurrection, tracking rules, and scale. */
#include "rt-test.h"

/* A container with two slots and an optional finalizer, so the collector
 * is tested on its own, without the built-in containers' details. */
typedef struct
{
  RtObject ob;
  RtObject *a;
  RtObject *b;
  int tag;
} Node;

static int finalized;
static RtObject *resurrected;  /* where a finalizer may put its object */
static bool resurrect_next;

static int
node_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  Node *n = (Node *) self;
  RT_VISIT (n->b);
  RT_VISIT (n->a);
  return 0;
}

static int
node_clear (RtObject *self)
{
  Node *n = (Node *) self;
  RT_CLEAR (n->a);
  RT_CLEAR (n->b);
  return 0;
}

static void
node_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  Node *n = (Node *) self;
  if (n->a != NULL)
    visit (self, rt_slot_index (0), n->a, arg);
  if (n->b != NULL)
    visit (self, rt_slot_index (1), n->b, arg);
}

static void
node_dealloc (RtObject *self)
{
  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  node_clear (self);
  rt_gc_free (self, sizeof (Node));
}

static void
node_finalize (RtObject *self)
{
  finalized++;
  if (resurrect_next)
    {
      resurrect_next = false;
      rt_xdecref (resurrected);
      resurrected = rt_newref (self);
    }
}

static RtType node_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "Node",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (Node),
  .dealloc = node_dealloc,
  .traverse = node_traverse,
  .clear = node_clear,
  .refs = node_refs,
};

static RtType final_node_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "FinalNode",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (Node),
  .dealloc = node_dealloc,
  .traverse = node_traverse,
  .clear = node_clear,
  .refs = node_refs,
  .finalize = node_finalize,
};

static RtObject *
node_new (RtType *type)
{
  Node *n = (Node *) rt_gc_alloc (type, sizeof (Node));
  g_assert_nonnull (n);
  n->a = n->b = NULL;
  n->tag = 0;
  rt_gc_track (&n->ob);
  return &n->ob;
}

/* a.slot = b, taking a new reference. */
static void
link (RtObject *a, int slot, RtObject *b)
{
  Node *n = (Node *) a;
  RtObject **p = slot == 0 ? &n->a : &n->b;
  RT_SETREF (*p, rt_newref (b));
}

static void
test_self_cycle (void)
{
  RtObject *n = node_new (&node_type);
  rt_gc_collect (2);
  uint64_t before = rt_heap_count_objects ();

  link (n, 0, n);
  rt_decref (n);
  g_assert_cmpuint (rt_heap_count_objects (), ==, before);
  g_assert_cmpint (rt_gc_collect (2), ==, 1);
  g_assert_cmpuint (rt_heap_count_objects (), ==, before - 1);
}

static void
test_two_and_three_cycles (void)
{
  RtObject *a = node_new (&node_type), *b = node_new (&node_type), *c = node_new (&node_type);
  RtObject *x = node_new (&node_type), *y = node_new (&node_type);

  link (a, 0, b);
  link (b, 0, c);
  link (c, 0, a);
  link (x, 0, y);
  link (y, 0, x);
  rt_decref (a);
  rt_decref (b);
  rt_decref (c);
  rt_decref (x);
  rt_decref (y);
  g_assert_cmpint (rt_gc_collect (2), ==, 5);
  g_assert_cmpint (rt_gc_collect (2), ==, 0);
}

static void
test_reachable_cycle (void)
{
  RtObject *a = node_new (&node_type), *b = node_new (&node_type);
  RtObject *holder;

  link (a, 0, b);
  link (b, 0, a);
  rt_decref (b);
  /* a is still held by the test: the cycle is reachable. */
  g_assert_cmpint (rt_gc_collect (2), ==, 0);
  g_assert_cmpint (rt_gc_generation_of (a), ==, 2);
  g_assert_cmpint (rt_gc_generation_of (((Node *) a)->a), ==, 2);

  /* Held only through something outside the collected generation: an
   * untracked holder counts as outside too. */
  holder = node_new (&node_type);
  link (holder, 0, a);
  rt_decref (a);
  g_assert_cmpint (rt_gc_collect (0), ==, 0);
  rt_decref (holder);
  g_assert_cmpint (rt_gc_collect (2), ==, 2);
}

static void
test_payload_of_garbage (void)
{
  RtObject *a = node_new (&node_type), *b = node_new (&node_type);
  RtObject *payload = node_new (&node_type);
  RtObject *list = rt_list_new (0);
  RtObject *number = rt_int_from_i64 (123456);

  /* A cycle a <-> b, with a tracked payload and a list of an int hanging
   * off it: everything tracked that only the garbage reaches is counted;
   * the int is not tracked and not counted, but it is freed too. */
  link (a, 0, b);
  link (b, 0, a);
  link (a, 1, payload);
  g_assert_cmpint (rt_list_append (list, number), ==, 0);
  link (payload, 0, list);
  rt_decref (list);
  rt_decref (payload);
  uint64_t before = rt_heap_count_objects ();
  rt_decref (number);
  g_assert_cmpuint (rt_heap_count_objects (), ==, before);
  rt_decref (a);
  rt_decref (b);
  g_assert_cmpint (rt_gc_collect (2), ==, 4);
  g_assert_cmpuint (rt_heap_count_objects (), ==, before - 5);
}

static void
test_finalizer_runs_once (void)
{
  RtObject *a = node_new (&final_node_type), *b = node_new (&final_node_type);

  finalized = 0;
  link (a, 0, b);
  link (b, 0, a);
  rt_decref (a);
  rt_decref (b);
  g_assert_cmpint (rt_gc_collect (2), ==, 2);
  g_assert_cmpint (finalized, ==, 2);
}

static void
test_resurrection (void)
{
  RtObject *a = node_new (&final_node_type), *b = node_new (&final_node_type);
  uint64_t serial_a = a->serial;

  finalized = 0;
  resurrected = NULL;
  resurrect_next = true;
  link (a, 0, b);
  link (b, 0, a);
  rt_decref (a);
  rt_decref (b);

  /* The first finalizer stores its object: the whole cycle lives on, is not
   * counted, and joins the old generation. */
  g_assert_cmpint (rt_gc_collect (2), ==, 0);
  g_assert_cmpint (finalized, ==, 2);
  g_assert_nonnull (resurrected);
  g_assert_cmpint (rt_gc_generation_of (resurrected), ==, 2);
  g_assert_true (rt_gc_is_finalized (resurrected));

  /* Dropped again, it is collected without a second finalizer call. */
  RtObject *r = resurrected;
  resurrected = NULL;
  g_assert_true (r->serial == serial_a || ((Node *) r)->a->serial == serial_a);
  rt_decref (r);
  g_assert_cmpint (rt_gc_collect (2), ==, 2);
  g_assert_cmpint (finalized, ==, 2);
}

static void
test_finalizer_at_refcount_zero (void)
{
  RtObject *a = node_new (&final_node_type);

  finalized = 0;
  resurrect_next = true;
  resurrected = NULL;
  rt_decref (a);
  g_assert_cmpint (finalized, ==, 1);
  g_assert_true (resurrected == a);
  /* Resurrected objects go back to generation 0, as subtype_dealloc leaves them. */
  g_assert_cmpint (rt_gc_generation_of (a), ==, 0);
  resurrected = NULL;
  rt_decref (a);
  g_assert_cmpint (finalized, ==, 1);
}

static void
test_automatic_threshold (void)
{
  int64_t threshold[3] = { 10, 10, 10 };
  RtGcStats before[3], after[3];
  int64_t count[3];
  RtObject *keep[11];

  rt_gc_collect (2);
  rt_gc_set_threshold (threshold, 3);
  rt_gc_get_stats (before);
  rt_gc_get_count (count);
  g_assert_cmpint (count[0], ==, 0);

  /* count0 goes 1..10 without a collection; the allocation that makes it
   * 11 (> 10) collects generation 0 inside itself. */
  for (int i = 0; i < 10; i++)
    keep[i] = node_new (&node_type);
  rt_gc_get_stats (after);
  g_assert_cmpint (after[0].collections, ==, before[0].collections);
  keep[10] = node_new (&node_type);
  rt_gc_get_stats (after);
  g_assert_cmpint (after[0].collections, ==, before[0].collections + 1);
  rt_gc_get_count (count);
  /* The new object is counted after the collection reset the count. */
  g_assert_cmpint (count[0], ==, 0 + 0);
  g_assert_cmpint (count[1], ==, 1);
  for (int i = 0; i < 11; i++)
    rt_decref (keep[i]);
}

static int64_t
total_collections (void)
{
  RtGcStats now[3];
  rt_gc_get_stats (now);
  return now[0].collections + now[1].collections + now[2].collections;
}

static void
test_eleventh_collection_rule (void)
{
  int64_t threshold[3] = { 1, 10, 10 };
  RtGcStats before[3], after[3];
  GPtrArray *keep = g_ptr_array_new ();

  rt_gc_collect (2);
  rt_gc_set_threshold (threshold, 3);
  rt_gc_get_stats (before);
  /* With threshold0 = 1 every second allocation collects, and each
   * generation-0 collection adds one to count1. Generation 1 is collected
   * when count1 > 10: on the trigger after 11 generation-0 collections. */
  for (int triggers = 0; triggers < 12;)
    {
      int64_t n = total_collections ();
      g_ptr_array_add (keep, node_new (&node_type));
      if (total_collections () > n)
        {
          triggers++;
          rt_gc_get_stats (after);
          if (triggers <= 11)
            g_assert_cmpint (after[1].collections, ==, before[1].collections);
        }
    }
  rt_gc_get_stats (after);
  g_assert_cmpint (after[0].collections - before[0].collections, ==, 11);
  g_assert_cmpint (after[1].collections - before[1].collections, ==, 1);
  g_assert_cmpint (after[2].collections - before[2].collections, ==, 0);
  threshold[0] = 700;
  rt_gc_set_threshold (threshold, 3);
  for (guint i = 0; i < keep->len; i++)
    rt_decref (keep->pdata[i]);
  g_ptr_array_free (keep, TRUE);
}

static void
test_long_lived_rule (void)
{
  int64_t threshold[3] = { 1, 1, 1 };
  RtGcStats before[3], after[3];
  GPtrArray *keep = g_ptr_array_new ();
  guint made = 0;

  /* Many long-lived objects: after a full collection they are the
   * long-lived total, and generation 2 waits until a quarter as many have
   * survived generation-1 collections, however often count2 passes its
   * threshold. */
  for (int i = 0; i < 2000; i++)
    g_ptr_array_add (keep, node_new (&node_type));
  rt_gc_collect (2);
  rt_gc_set_threshold (threshold, 3);
  rt_gc_get_stats (before);
  do
    {
      g_ptr_array_add (keep, node_new (&node_type));
      made++;
      rt_gc_get_stats (after);
    }
  while (after[2].collections == before[2].collections && made < 100000);
  g_assert_cmpint (after[1].collections - before[1].collections, >, 10);
  g_assert_cmpuint (made, >=, 2000 / 4);
  g_assert_cmpuint (made, <, 100000);
  threshold[0] = 700;
  threshold[1] = threshold[2] = 10;
  rt_gc_set_threshold (threshold, 3);
  for (guint i = 0; i < keep->len; i++)
    rt_decref (keep->pdata[i]);
  g_ptr_array_free (keep, TRUE);
}

static void
test_disabled_collector (void)
{
  int64_t threshold[3] = { 5, 10, 10 };
  RtGcStats before[3], after[3];
  RtObject *keep[20];

  rt_gc_set_threshold (threshold, 3);
  rt_gc_enable (false);
  rt_gc_get_stats (before);
  for (int i = 0; i < 20; i++)
    keep[i] = node_new (&node_type);
  rt_gc_get_stats (after);
  g_assert_cmpint (after[0].collections, ==, before[0].collections);
  /* gc.collect() still works while disabled. */
  g_assert_cmpint (rt_gc_collect (0), ==, 0);
  rt_gc_enable (true);
  for (int i = 0; i < 20; i++)
    rt_decref (keep[i]);
  threshold[0] = 700;
  rt_gc_set_threshold (threshold, 3);
}

static void
test_count_goes_down_on_free (void)
{
  int64_t count[3];

  rt_gc_collect (2);
  RtObject *a = node_new (&node_type), *b = node_new (&node_type);
  rt_gc_get_count (count);
  g_assert_cmpint (count[0], ==, 2);
  rt_decref (a);
  rt_decref (b);
  rt_gc_get_count (count);
  g_assert_cmpint (count[0], ==, 0);
  /* Never below zero. */
  RtObject *c = node_new (&node_type);
  rt_gc_collect (0);
  rt_decref (c);
  rt_gc_get_count (count);
  g_assert_cmpint (count[0], ==, 0);
}

static void
test_tuple_untracking (void)
{
  RtObject *one = rt_int_from_i64 (1);
  RtObject *t = rt_tuple_pack (2, one, one);
  RtObject *l = rt_list_new (0);
  RtObject *tl = rt_tuple_pack (1, l);

  g_assert_true (rt_gc_is_tracked (t));
  rt_gc_collect (0);
  g_assert_false (rt_gc_is_tracked (t));
  g_assert_true (rt_gc_is_tracked (tl));
  rt_decref (t);
  rt_decref (tl);
  rt_decref (l);
  rt_decref (one);
}

static void
test_dict_untracking (void)
{
  RtObject *d = rt_dict_new ();
  RtObject *l = rt_list_new (0);
  RtObject *k = rt_test_str ("k");

  g_assert_false (rt_gc_is_tracked (d));
  g_assert_cmpint (rt_dict_set_item (d, k, l), ==, 0);
  g_assert_true (rt_gc_is_tracked (d));
  g_assert_cmpint (rt_dict_del_item (d, k), ==, 0);
  /* Only full collections untrack dicts. */
  rt_gc_collect (1);
  g_assert_true (rt_gc_is_tracked (d));
  rt_gc_collect (2);
  g_assert_false (rt_gc_is_tracked (d));
  rt_decref (k);
  rt_decref (l);
  rt_decref (d);
}

static void
test_debug_saveall (void)
{
  RtObject *a = node_new (&node_type);

  link (a, 0, a);
  rt_decref (a);
  rt_gc_set_debug (RT_GC_DEBUG_SAVEALL);
  g_assert_cmpint (rt_gc_collect (2), ==, 1);
  RtObject *garbage = rt_gc_garbage ();
  g_assert_cmpint (RT_LIST_SIZE (garbage), ==, 1);
  g_assert_true (RT_LIST_ITEMS (garbage)[0] == a);
  rt_gc_set_debug (0);
  /* Emptying gc.garbage lets the cycle be collected. */
  RtObject *slice_all = rt_slice_new (NULL, NULL, NULL);
  g_assert_cmpint (rt_delitem (garbage, slice_all), ==, 0);
  rt_decref (slice_all);
  g_assert_cmpint (rt_gc_collect (2), ==, 1);
}

static void
test_freeze (void)
{
  RtObject *a = node_new (&node_type), *b = node_new (&node_type);

  rt_gc_freeze ();
  g_assert_cmpint (rt_gc_get_freeze_count (), >=, 2);
  g_assert_cmpint (rt_gc_generation_of (a), ==, 3);
  link (a, 0, a);
  rt_decref (a);
  /* Frozen objects are not collected. */
  g_assert_cmpint (rt_gc_collect (2), ==, 0);
  rt_gc_unfreeze ();
  g_assert_cmpint (rt_gc_get_freeze_count (), ==, 0);
  g_assert_cmpint (rt_gc_generation_of (b), ==, 2);
  g_assert_cmpint (rt_gc_collect (2), ==, 1);
  rt_decref (b);
}

static void
test_collect_events (void)
{
  RtObject *a = node_new (&node_type), *b = node_new (&node_type);

  link (a, 0, b);
  link (b, 0, a);
  rt_decref (a);
  rt_decref (b);
  rt_test_events_start ();
  g_assert_cmpint (rt_gc_collect (2), ==, 2);
  rt_test_events_stop ();

  const RtEvent *start = rt_test_events_nth (RT_EV_GC_START, 0);
  g_assert_nonnull (start);
  g_assert_cmpint (start->small, ==, 2);
  g_assert_true (start->flags & RT_EVF_MANUAL);
  g_assert_cmpuint (rt_test_events_count (RT_EV_GC_UNREACHABLE), ==, 2);
  g_assert_cmpuint (rt_test_events_count (RT_EV_FREE), ==, 2);
  g_assert_cmpint (rt_test_events_nth (RT_EV_FREE, 0)->small, ==, 2);
  const RtEvent *end = rt_test_events_nth (RT_EV_GC_END, 0);
  g_assert_nonnull (end);
  g_assert_cmpint (end->a, ==, 2);
  g_assert_cmpint (end->b, ==, 0);
  /* Detailed: gc_refs after update_refs (the counts: 1 each) and after
   * subtract_refs (0 each: only internal references). */
  guint after_subtract_zero = 0;
  for (guint i = 0; i < rt_test_events_count (RT_EV_GC_REFS); i++)
    {
      const RtEvent *e = rt_test_events_nth (RT_EV_GC_REFS, i);
      if (e->small == RT_GC_PHASE_SUBTRACT_REFS && e->serial != 0 && e->a == 0)
        after_subtract_zero++;
    }
  g_assert_cmpuint (after_subtract_zero, >=, 2);
}

static void
test_million_cycle (void)
{
  enum { N = 1000000 };
  RtObject *first = node_new (&node_type), *prev = first;

  rt_gc_enable (false);
  for (int i = 1; i < N; i++)
    {
      RtObject *n = node_new (&node_type);
      link (prev, 0, n);
      rt_decref (n);
      prev = n;
    }
  link (prev, 0, first);
  rt_decref (first);
  rt_gc_enable (true);
  g_assert_cmpint (rt_gc_collect (2), ==, N);
  g_assert_cmpuint (rt_heap_count_objects (), <, 10000);
}

static void
test_million_chain_frees_iteratively (void)
{
  enum { N = 1000000 };
  RtObject *head = node_new (&node_type), *prev = head;

  rt_gc_enable (false);
  for (int i = 1; i < N; i++)
    {
      RtObject *n = node_new (&node_type);
      link (prev, 0, n);
      rt_decref (n);
      prev = n;
    }
  rt_gc_enable (true);
  /* A million nested frees: deferred past 50 levels, so the C stack stays
   * small (the test runs with the default 8 MiB stack). */
  rt_decref (head);
  g_assert_cmpuint (rt_heap_count_objects (), <, 10000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rt_test_add ("/gc/self-cycle", test_self_cycle);
  rt_test_add ("/gc/two-and-three-cycles", test_two_and_three_cycles);
  rt_test_add ("/gc/reachable-cycle", test_reachable_cycle);
  rt_test_add ("/gc/payload-of-garbage", test_payload_of_garbage);
  rt_test_add ("/gc/finalizer-runs-once", test_finalizer_runs_once);
  rt_test_add ("/gc/resurrection", test_resurrection);
  rt_test_add ("/gc/finalizer-at-refcount-zero", test_finalizer_at_refcount_zero);
  rt_test_add ("/gc/automatic-threshold", test_automatic_threshold);
  rt_test_add ("/gc/eleventh-collection-rule", test_eleventh_collection_rule);
  rt_test_add ("/gc/long-lived-rule", test_long_lived_rule);
  rt_test_add ("/gc/disabled", test_disabled_collector);
  rt_test_add ("/gc/count-down-on-free", test_count_goes_down_on_free);
  rt_test_add ("/gc/tuple-untracking", test_tuple_untracking);
  rt_test_add ("/gc/dict-untracking", test_dict_untracking);
  rt_test_add ("/gc/debug-saveall", test_debug_saveall);
  rt_test_add ("/gc/freeze", test_freeze);
  rt_test_add ("/gc/events", test_collect_events);
  rt_test_add ("/gc/million-cycle", test_million_cycle);
  rt_test_add ("/gc/million-chain", test_million_chain_frees_iteratively);
  return g_test_run ();
}
