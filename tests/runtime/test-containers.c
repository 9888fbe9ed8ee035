/* test-containers.c: lists, tuples, dicts, sets, ranges, slices and
 * iterators against sizes, orders and messages from CPython 3.11.7. */
#include "rt-test.h"

#include <string.h>

/* Helpers */

static RtObject *
I (int64_t v)
{
  RtObject *o = rt_int_from_i64 (v);
  g_assert_nonnull (o);
  return o;
}

/* Calls obj.name(*args) with borrowed arguments; returns a new reference. */
static RtObject *
call (RtObject *obj, const char *name, size_t n, ...)
{
  RtObject *args[8];
  va_list ap;

  g_assert_cmpuint (n, <=, 8);
  va_start (ap, n);
  for (size_t i = 0; i < n; i++)
    args[i] = va_arg (ap, RtObject *);
  va_end (ap);
  return rt_call_method (obj, name, args, n);
}

/* Calls and drops a result that must be None. */
static void
call_none (RtObject *obj, const char *name, size_t n, RtObject *a, RtObject *b)
{
  RtObject *r = n == 0 ? call (obj, name, 0) : n == 1 ? call (obj, name, 1, a)
                                                      : call (obj, name, 2, a, b);
  rt_test_assert_no_error ();
  g_assert_true (r == RT_NONE);
  rt_decref (r);
}

static size_t
getsizeof (RtObject *o)
{
  return rt_object_sizeof (o);
}

/* Asserts that the current exception reads "Type: message", and clears it. */
static void
expect_error (const char *text)
{
  RtObject *exc, *formatted;

  g_assert_true (rt_error_occurred ());
  exc = rt_error_fetch ();
  formatted = rt_exception_format_only (exc);
  g_assert_nonnull (formatted);
  g_assert_cmpstr (rt_str_utf8 (formatted), ==, text);
  rt_decref (formatted);
  rt_decref (exc);
}

static void
expect_repr (RtObject *o, const char *text)
{
  g_assert_cmpstr (rt_test_repr (o), ==, text);
}

/* A list of the ints lo..hi-1 made by appending. */
static RtObject *
int_list (int64_t lo, int64_t hi)
{
  RtObject *l = rt_list_new (0);

  for (int64_t i = lo; i < hi; i++)
    {
      RtObject *v = I (i);
      g_assert_cmpint (rt_list_append (l, v), ==, 0);
      rt_decref (v);
    }
  return l;
}

static RtObject *range_of (int64_t start, int64_t stop, int64_t step);

/* list(range(lo, hi)): exactly sized, as CPython's. */
static RtObject *
range_list (int64_t lo, int64_t hi)
{
  RtObject *r = range_of (lo, hi, 1), *l = rt_list_from_iterable (r);

  g_assert_nonnull (l);
  rt_decref (r);
  return l;
}

static RtObject *
range_of (int64_t start, int64_t stop, int64_t step)
{
  RtObject *a = I (start), *b = I (stop), *c = I (step);
  RtObject *r = rt_range_new (a, b, c);

  g_assert_nonnull (r);
  rt_decref (a);
  rt_decref (b);
  rt_decref (c);
  return r;
}

static void
dict_set_ints (RtObject *d, int64_t k, int64_t v)
{
  RtObject *key = I (k), *value = I (v);

  g_assert_cmpint (rt_dict_set_item (d, key, value), ==, 0);
  rt_decref (key);
  rt_decref (value);
}

static int64_t
int_value (RtObject *o)
{
  int64_t v;

  g_assert_true (rt_int_to_i64 (o, &v));
  return v;
}

/* A C function as a callable object, for key functions. */
typedef struct
{
  RtObject ob;
  RtObject *(*fn) (RtObject *arg, void *data);
  void *data;
} TestFunc;

static RtObject *
testfunc_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  TestFunc *f = (TestFunc *) callable;

  g_assert_cmpuint (nargs, ==, 1);
  g_assert_null (kwnames);
  return f->fn (args[0], f->data);
}

static void
testfunc_dealloc (RtObject *self)
{
  rt_object_free (self, sizeof (TestFunc));
}

static RtType testfunc_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "testfunc",
  .basic_size = sizeof (TestFunc),
  .dealloc = testfunc_dealloc,
  .call = testfunc_call,
};

static RtObject *
testfunc_new (RtObject *(*fn) (RtObject *arg, void *data), void *data)
{
  TestFunc *f;

  if (testfunc_type.ob.type == NULL)
    testfunc_type.ob.type = &rt_type_type;
  f = (TestFunc *) rt_object_alloc (&testfunc_type, sizeof (TestFunc));
  g_assert_nonnull (f);
  f->fn = fn;
  f->data = data;
  return &f->ob;
}

/* Lists */

static void
test_list_append_sizes (void)
{
  static const size_t expected[] = {
    56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184,
    184, 184, 184, 248, 248, 248, 248, 248, 248, 248, 248, 312, 312, 312,
    312, 312, 312, 312, 312, 376, 376, 376, 376, 376, 376, 376,
  };
  RtObject *l = rt_list_new (0);

  for (size_t i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RtObject *v = I ((int64_t) i);
      g_assert_cmpuint (getsizeof (l), ==, expected[i]);
      rt_list_append (l, v);
      rt_decref (v);
    }
  rt_decref (l);
}

static void
test_list_presized (void)
{
  static const size_t from_range[] = { 56, 72, 72, 88, 88, 104, 104, 120, 120, 136, 136, 152 };
  static const size_t repeated[] = { 56, 64, 72, 80, 88, 96 };

  for (int64_t n = 0; n < (int64_t) G_N_ELEMENTS (from_range); n++)
    {
      RtObject *r = range_of (0, n, 1), *l = rt_list_from_iterable (r);
      RtObject *it = rt_iter (r), *l2 = rt_list_from_iterable (it);
      RtObject *copy = rt_list_from_iterable (l);

      /* list(range(n)), list(iter(range(n))) and list(a_list) round to even */
      g_assert_cmpuint (getsizeof (l), ==, from_range[n]);
      g_assert_cmpuint (getsizeof (l2), ==, from_range[n]);
      g_assert_cmpuint (getsizeof (copy), ==, from_range[n]);
      rt_decref (copy);
      rt_decref (l2);
      rt_decref (it);
      rt_decref (l);
      rt_decref (r);
    }
  for (int64_t n = 0; n < (int64_t) G_N_ELEMENTS (repeated); n++)
    {
      /* [0] * n is exact */
      RtObject *one = int_list (0, 1), *l = rt_list_type.sequence->repeat (one, n);
      g_assert_cmpuint (getsizeof (l), ==, repeated[n]);
      rt_decref (l);
      rt_decref (one);
    }
}

static void
test_list_resize_patterns (void)
{
  RtObject *l, *v, *r;

  /* pop() to empty keeps a zero-sized buffer: extend then over-allocates */
  l = int_list (1, 2);
  r = call (l, "pop", 0);
  rt_decref (r);
  v = int_list (1, 4);
  g_assert_cmpint (rt_list_extend (l, v), ==, 0);
  g_assert_cmpuint (getsizeof (l), ==, 120);
  rt_decref (l);

  /* clear() drops the buffer: extend allocates exactly (rounded to even) */
  l = int_list (1, 3);
  call_none (l, "clear", 0, NULL, NULL);
  g_assert_cmpint (rt_list_extend (l, v), ==, 0);
  g_assert_cmpuint (getsizeof (l), ==, 88);
  rt_decref (l);
  rt_decref (v);

  /* del l[2:8] shrinks; l[2:4] = five items grows */
  l = range_list (0, 10);
  {
    RtObject *a = I (2), *b = I (8), *s = rt_slice_new (a, b, NULL);
    g_assert_cmpint (rt_delitem (l, s), ==, 0);
    expect_repr (l, "[0, 1, 8, 9]");
    g_assert_cmpuint (getsizeof (l), ==, 120);
    rt_decref (s);
    rt_decref (a);
    rt_decref (b);
  }
  rt_decref (l);

  l = range_list (0, 10);
  {
    RtObject *a = I (2), *b = I (4), *s = rt_slice_new (a, b, NULL), *sevens = rt_list_new (5);
    for (int i = 0; i < 5; i++)
      rt_list_init_item (sevens, i, I (7));
    g_assert_cmpint (rt_setitem (l, s, sevens), ==, 0);
    expect_repr (l, "[0, 1, 7, 7, 7, 7, 7, 4, 5, 6, 7, 8, 9]");
    g_assert_cmpuint (getsizeof (l), ==, 216);
    rt_decref (sevens);
    rt_decref (s);
    rt_decref (a);
    rt_decref (b);
  }
  rt_decref (l);

  /* insert(0, i) ten times */
  l = rt_list_new (0);
  for (int i = 0; i < 10; i++)
    {
      v = I (i);
      g_assert_cmpint (rt_list_insert (l, 0, v), ==, 0);
      rt_decref (v);
    }
  expect_repr (l, "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
  g_assert_cmpuint (getsizeof (l), ==, 184);
  rt_decref (l);

  /* l *= 3 and l += l */
  l = int_list (1, 4);
  r = rt_list_type.sequence->inplace_repeat (l, 3);
  g_assert_true (r == l);
  rt_decref (r);
  g_assert_cmpuint (getsizeof (l), ==, 184);
  rt_decref (l);
  l = int_list (1, 4);
  r = rt_list_type.sequence->inplace_concat (l, l);
  rt_decref (r);
  expect_repr (l, "[1, 2, 3, 1, 2, 3]");
  g_assert_cmpuint (getsizeof (l), ==, 152);
  rt_decref (l);
}

static void
test_list_extended_slices (void)
{
  RtObject *l = range_list (0, 10), *step = I (2), *s = rt_slice_new (NULL, NULL, step);
  RtObject *three, *start, *s3, *letters;

  g_assert_cmpint (rt_delitem (l, s), ==, 0);
  expect_repr (l, "[1, 3, 5, 7, 9]");
  g_assert_cmpuint (getsizeof (l), ==, 136);
  rt_decref (l);

  l = range_list (0, 10);
  three = I (3);
  start = I (0);
  s3 = rt_slice_new (NULL, NULL, three);
  letters = rt_list_new (4);
  for (int i = 0; i < 4; i++)
    rt_list_init_item (letters, i, rt_str_new ("abcd" + i, 1));
  g_assert_cmpint (rt_setitem (l, s3, letters), ==, 0);
  expect_repr (l, "['a', 1, 2, 'b', 4, 5, 'c', 7, 8, 'd']");
  rt_decref (l);

  /* [1, 2, 3][::2] = [1] */
  l = int_list (1, 4);
  {
    RtObject *one = int_list (1, 2);
    g_assert_cmpint (rt_setitem (l, s, one), ==, -1);
    expect_error ("ValueError: attempt to assign sequence of size 1 to extended slice of size 2");
    g_assert_cmpint (rt_setitem (l, s, three), ==, -1);
    expect_error ("TypeError: must assign iterable to extended slice");
    rt_decref (one);
  }
  rt_decref (l);
  rt_decref (letters);
  rt_decref (s3);
  rt_decref (start);
  rt_decref (three);
  rt_decref (s);
  rt_decref (step);
}

static void
test_list_errors (void)
{
  RtObject *l = rt_list_new (0), *r, *k, *five, *one;

  r = rt_list_type.sequence->item (l, 0);
  g_assert_null (r);
  expect_error ("IndexError: list index out of range");
  r = call (l, "pop", 0);
  g_assert_null (r);
  expect_error ("IndexError: pop from empty list");
  k = rt_test_str ("a");
  r = rt_getitem (l, k);
  g_assert_null (r);
  expect_error ("TypeError: list indices must be integers or slices, not str");
  rt_decref (k);
  rt_decref (l);

  l = int_list (1, 4);
  five = I (5);
  one = I (1);
  r = call (l, "pop", 1, five);
  g_assert_null (r);
  expect_error ("IndexError: pop index out of range");
  r = call (l, "index", 1, five);
  g_assert_null (r);
  expect_error ("ValueError: 5 is not in list");
  r = call (l, "remove", 1, five);
  g_assert_null (r);
  expect_error ("ValueError: list.remove(x): x not in list");
  r = rt_list_type.sequence->concat (l, one);
  g_assert_null (r);
  expect_error ("TypeError: can only concatenate list (not \"int\") to list");
  r = call (l, "append", 2, one, one);
  g_assert_null (r);
  expect_error ("TypeError: list.append() takes exactly one argument (2 given)");
  r = call (l, "insert", 1, one);
  g_assert_null (r);
  expect_error ("TypeError: insert expected 2 arguments, got 1");
  r = call (l, "pop", 2, one, one);
  g_assert_null (r);
  expect_error ("TypeError: pop expected at most 1 argument, got 2");
  r = rt_hash (l) == -1 ? NULL : l;
  g_assert_null (r);
  expect_error ("TypeError: unhashable type: 'list'");
  r = call (l, "index", 1, one);
  g_assert_cmpint (int_value (r), ==, 0);
  rt_decref (r);
  rt_decref (one);
  rt_decref (five);
  rt_decref (l);
}

static void
test_list_methods (void)
{
  RtObject *l = int_list (0, 5), *r, *two, *m1;

  two = I (2);
  m1 = I (-1);
  r = call (l, "pop", 1, two);
  g_assert_cmpint (int_value (r), ==, 2);
  rt_decref (r);
  expect_repr (l, "[0, 1, 3, 4]");
  call_none (l, "insert", 2, m1, two);
  expect_repr (l, "[0, 1, 3, 2, 4]");
  call_none (l, "reverse", 0, NULL, NULL);
  expect_repr (l, "[4, 2, 3, 1, 0]");
  call_none (l, "sort", 0, NULL, NULL);
  expect_repr (l, "[0, 1, 2, 3, 4]");
  call_none (l, "remove", 1, two, NULL);
  expect_repr (l, "[0, 1, 3, 4]");
  r = call (l, "count", 1, two);
  g_assert_cmpint (int_value (r), ==, 0);
  rt_decref (r);
  r = call (l, "copy", 0);
  g_assert_true (r != l);
  expect_repr (r, "[0, 1, 3, 4]");
  g_assert_cmpint (rt_richcompare_bool (r, l, RT_EQ), ==, 1);
  rt_decref (r);
  r = rt_list_as_tuple (l);
  expect_repr (r, "(0, 1, 3, 4)");
  rt_decref (r);
  rt_decref (m1);
  rt_decref (two);
  rt_decref (l);

  /* [1] < ['a'] compares items; [1, 2] < [1, 2, 3] by length */
  {
    RtObject *a = int_list (1, 3), *b = int_list (1, 4);
    g_assert_cmpint (rt_richcompare_bool (a, b, RT_LT), ==, 1);
    g_assert_cmpint (rt_richcompare_bool (a, b, RT_EQ), ==, 0);
    rt_decref (a);
    rt_decref (b);
  }
}

static RtObject *
negate_key (RtObject *arg, void *data)
{
  (void) data;
  return rt_negative (arg);
}

/* Key function that appends to the list being sorted. */
static RtObject *
mutating_key (RtObject *arg, void *data)
{
  rt_list_append ((RtObject *) data, arg);
  return rt_newref (arg);
}

/* Orders (key, tag) tuples by key only, for stability checks. */
static RtObject *
first_item_key (RtObject *arg, void *data)
{
  (void) data;
  return rt_newref (RT_TUPLE_ITEMS (arg)[0]);
}

static void
test_list_sort (void)
{
  RtObject *l, *key;
  int64_t values[200];

  /* a long list with runs, descending parts and duplicates */
  l = rt_list_new (0);
  for (int i = 0; i < 200; i++)
    {
      RtObject *v;
      values[i] = (i * 7919) % 61 + (i % 10 == 0 ? 100 : 0);
      v = I (values[i]);
      rt_list_append (l, v);
      rt_decref (v);
    }
  g_assert_cmpint (rt_list_sort (l, NULL, false), ==, 0);
  for (int i = 1; i < 200; i++)
    g_assert_cmpint (int_value (RT_LIST_ITEMS (l)[i - 1]), <=, int_value (RT_LIST_ITEMS (l)[i]));
  key = testfunc_new (negate_key, NULL);
  g_assert_cmpint (rt_list_sort (l, key, false), ==, 0);
  for (int i = 1; i < 200; i++)
    g_assert_cmpint (int_value (RT_LIST_ITEMS (l)[i - 1]), >=, int_value (RT_LIST_ITEMS (l)[i]));
  rt_decref (key);
  rt_decref (l);

  /* stable, also with reverse=True */
  l = rt_list_new (0);
  for (int i = 0; i < 300; i++)
    {
      RtObject *k = I (i % 3), *tag = I (i), *t = rt_tuple_pack (2, k, tag);
      rt_list_append (l, t);
      rt_decref (t);
      rt_decref (k);
      rt_decref (tag);
    }
  key = testfunc_new (first_item_key, NULL);
  g_assert_cmpint (rt_list_sort (l, key, true), ==, 0);
  for (int i = 1; i < 300; i++)
    {
      RtObject *a = RT_LIST_ITEMS (l)[i - 1], *b = RT_LIST_ITEMS (l)[i];
      int64_t ka = int_value (RT_TUPLE_ITEMS (a)[0]), kb = int_value (RT_TUPLE_ITEMS (b)[0]);
      g_assert_cmpint (ka, >=, kb);
      if (ka == kb)
        g_assert_cmpint (int_value (RT_TUPLE_ITEMS (a)[1]), <, int_value (RT_TUPLE_ITEMS (b)[1]));
    }
  rt_decref (key);
  rt_decref (l);

  /* changing the list from the key function */
  l = int_list (0, 3);
  key = testfunc_new (mutating_key, l);
  g_assert_cmpint (rt_list_sort (l, key, false), ==, -1);
  expect_error ("ValueError: list modified during sort");
  expect_repr (l, "[0, 1, 2]");
  rt_decref (key);
  rt_decref (l);

  /* unorderable items */
  l = int_list (0, 2);
  {
    RtObject *s = rt_test_str ("a");
    rt_list_append (l, s);
    rt_decref (s);
  }
  g_assert_cmpint (rt_list_sort (l, NULL, false), ==, -1);
  expect_error ("TypeError: '<' not supported between instances of 'str' and 'int'");
  g_assert_cmpint (RT_LIST_SIZE (l), ==, 3);
  rt_decref (l);
}

static void
test_list_freelist (void)
{
  int64_t before[RT_GC_GENERATIONS], after[RT_GC_GENERATIONS];
  RtObject *a, *b;
  uint64_t id;

  a = rt_list_new (0);
  id = rt_object_id (a);
  rt_gc_get_count (before);
  rt_decref (a);
  rt_gc_get_count (after);
  /* kept on the free list: the collector's count is not lowered */
  g_assert_cmpint (after[0], ==, before[0]);
  b = rt_list_new (0);
  rt_gc_get_count (after);
  /* and reused without counting */
  g_assert_cmpint (after[0], ==, before[0]);
  g_assert_cmpuint (rt_object_id (b), ==, id);
  g_assert_true (rt_gc_is_tracked (b));

  /* a full collection empties the free lists */
  rt_decref (b);
  rt_gc_collect (2);
  rt_gc_get_count (before);
  b = rt_list_new (0);
  rt_gc_get_count (after);
  g_assert_cmpint (after[0], ==, before[0] + 1);
  rt_decref (b);
}

static void
test_list_iterators (void)
{
  RtObject *l = int_list (0, 3), *it, *rit, *v, *hint;

  it = rt_iter (l);
  g_assert_true (RT_TYPE (it) == &rt_list_iter_type);
  g_assert_cmpuint (getsizeof (it), ==, 48);
  hint = call (it, "__length_hint__", 0);
  g_assert_cmpint (int_value (hint), ==, 3);
  rt_decref (hint);
  for (int i = 0; i < 3; i++)
    {
      v = rt_iter_next (it);
      g_assert_cmpint (int_value (v), ==, i);
      rt_decref (v);
    }
  g_assert_null (rt_iter_next (it));
  g_assert_false (rt_error_occurred ());
  /* an exhausted iterator lets go of its list */
  g_assert_cmpuint (RT_REFCNT (l), ==, 1);
  rt_decref (it);

  rit = rt_reversed_new (l);
  g_assert_true (RT_TYPE (rit) == &rt_list_reviter_type);
  for (int i = 2; i >= 0; i--)
    {
      v = rt_iter_next (rit);
      g_assert_cmpint (int_value (v), ==, i);
      rt_decref (v);
    }
  g_assert_null (rt_iter_next (rit));
  g_assert_cmpuint (getsizeof (rit), ==, 48);
  rt_decref (rit);
  rt_decref (l);
}

/* Tuples */

static void
test_tuple_basics (void)
{
  RtObject *empty = rt_tuple_new (0), *again = rt_tuple_new (0), *one = I (1), *two = I (2);
  RtObject *t1, *t2, *t, *r, *l;

  g_assert_true (empty == again);
  rt_decref (again);
  g_assert_false (rt_gc_is_tracked (empty));
  expect_repr (empty, "()");
  g_assert_cmpuint (getsizeof (empty), ==, 40);
  g_assert_cmpint (rt_hash (empty), ==, INT64_C (5740354900026072187));

  t1 = rt_tuple_pack (1, one);
  expect_repr (t1, "(1,)");
  g_assert_cmpuint (getsizeof (t1), ==, 48);
  g_assert_cmpint (rt_hash (t1), ==, INT64_C (-6644214454873602895));
  t2 = rt_tuple_pack (2, one, two);
  expect_repr (t2, "(1, 2)");
  g_assert_cmpint (rt_hash (t2), ==, INT64_C (-3550055125485641917));

  /* t * 1 and t + () are t; tuple(t) is t */
  r = rt_tuple_type.sequence->repeat (t2, 1);
  g_assert_true (r == t2);
  rt_decref (r);
  r = rt_tuple_type.sequence->concat (t2, empty);
  g_assert_true (r == t2);
  rt_decref (r);
  r = rt_tuple_from_iterable (t2);
  g_assert_true (r == t2);
  rt_decref (r);
  r = rt_tuple_type.sequence->concat (t2, one);
  g_assert_null (r);
  expect_error ("TypeError: can only concatenate tuple (not \"int\") to tuple");
  r = rt_tuple_type.sequence->item (t2, 5);
  g_assert_null (r);
  expect_error ("IndexError: tuple index out of range");
  r = call (t2, "index", 1, empty);
  g_assert_null (r);
  expect_error ("ValueError: tuple.index(x): x not in tuple");
  r = rt_tuple_type.sequence->repeat (t2, 2);
  expect_repr (r, "(1, 2, 1, 2)");
  rt_decref (r);
  g_assert_cmpint (rt_richcompare_bool (t1, t2, RT_LT), ==, 1);

  /* a tuple holding a list that holds itself */
  l = int_list (1, 2);
  rt_list_append (l, l);
  t = rt_tuple_pack (1, l);
  expect_repr (t, "([1, [...]],)");
  r = call (l, "pop", 0);  /* breaks the cycle */
  rt_decref (r);
  rt_decref (l);
  rt_decref (t);

  /* tuple(generator-like): grown by the hint, cut back */
  {
    RtObject *range = range_of (0, 15, 1), *it = rt_iter (range);
    r = rt_tuple_from_iterable (it);
    g_assert_cmpuint (getsizeof (r), ==, 160);
    rt_decref (r);
    rt_decref (it);
    rt_decref (range);
  }
  rt_decref (t1);
  rt_decref (t2);
  rt_decref (one);
  rt_decref (two);
  rt_decref (empty);
}

static void
test_tuple_freelist_and_tracking (void)
{
  int64_t before[RT_GC_GENERATIONS], after[RT_GC_GENERATIONS];
  RtObject *one = I (1), *t, *l, *tl;
  uint64_t id;

  t = rt_tuple_pack (3, one, one, one);
  id = rt_object_id (t);
  rt_gc_get_count (before);
  rt_decref (t);
  t = rt_tuple_pack (3, one, one, one);
  rt_gc_get_count (after);
  g_assert_cmpuint (rt_object_id (t), ==, id);
  g_assert_cmpint (after[0], ==, before[0]);

  /* tracked at birth, untracked by a collection that finds only ints */
  g_assert_true (rt_gc_is_tracked (t));
  l = rt_list_new (0);
  tl = rt_tuple_pack (2, one, l);
  rt_gc_collect (0);
  g_assert_false (rt_gc_is_tracked (t));
  g_assert_true (rt_gc_is_tracked (tl));
  rt_decref (tl);
  rt_decref (l);
  rt_decref (t);
  rt_decref (one);
}

/* Dicts */

static void
test_dict_sizes (void)
{
  static const size_t int_keys[] = {
    64, 224, 224, 224, 224, 224, 352, 352, 352, 352, 352, 632, 632, 632, 632, 632, 632,
    632, 632, 632, 632, 632, 1168, 1168, 1168, 1168, 1168, 1168, 1168, 1168, 1168, 1168,
    1168, 1168, 1168, 1168, 1168, 1168, 1168, 1168, 1168, 1168, 1168, 2264, 2264, 2264,
    2264, 2264, 2264, 2264,
  };
  static const size_t str_keys[] = {
    64, 184, 184, 184, 184, 184, 272, 272, 272, 272, 272, 464, 464, 464, 464, 464, 464,
    464, 464, 464, 464, 464, 832, 832, 832, 832, 832, 832, 832, 832, 832, 832, 832, 832,
    832, 832, 832, 832, 832, 832, 832, 832, 832, 1584, 1584, 1584, 1584, 1584, 1584, 1584,
  };
  RtObject *d = rt_dict_new (), *s;

  for (size_t i = 0; i < G_N_ELEMENTS (int_keys); i++)
    {
      g_assert_cmpuint (getsizeof (d), ==, int_keys[i]);
      dict_set_ints (d, (int64_t) i, (int64_t) i);
    }
  rt_decref (d);

  d = rt_dict_new ();
  for (size_t i = 0; i < G_N_ELEMENTS (str_keys); i++)
    {
      RtObject *key = rt_str_from_format ("%d", (int) i), *value = I ((int64_t) i);
      g_assert_cmpuint (getsizeof (d), ==, str_keys[i]);
      rt_dict_set_item (d, key, value);
      rt_decref (key);
      rt_decref (value);
    }
  /* a non-str key turns the table general */
  s = rt_dict_new ();
  for (int i = 0; i < 10; i++)
    {
      RtObject *key = rt_str_from_format ("%d", i), *value = I (i);
      rt_dict_set_item (s, key, value);
      rt_decref (key);
      rt_decref (value);
    }
  g_assert_cmpuint (getsizeof (s), ==, 272);
  dict_set_ints (s, 1, 1);
  g_assert_cmpuint (getsizeof (s), ==, 632);
  rt_decref (s);
  rt_decref (d);
}

static void
test_dict_deletions (void)
{
  RtObject *d = rt_dict_new (), *copy;

  for (int i = 0; i < 10; i++)
    dict_set_ints (d, i, i);
  for (int i = 0; i < 5; i++)
    {
      RtObject *k = I (i);
      g_assert_cmpint (rt_dict_del_item (d, k), ==, 0);
      rt_decref (k);
    }
  g_assert_cmpuint (getsizeof (d), ==, 352);
  for (int i = 0; i < 5; i++)
    dict_set_ints (d, i + 100, i);
  g_assert_cmpuint (getsizeof (d), ==, 352);
  expect_repr (d, "{5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 100: 0, 101: 1, 102: 2, 103: 3, 104: 4}");
  for (int i = 0; i < 20; i++)
    dict_set_ints (d, i + 200, i);
  g_assert_cmpuint (getsizeof (d), ==, 1168);
  rt_decref (d);

  d = rt_dict_new ();
  for (int i = 0; i < 10; i++)
    dict_set_ints (d, i, i);
  {
    RtObject *k = I (3);
    rt_dict_del_item (d, k);
    dict_set_ints (d, 3, 1);
    rt_decref (k);
    k = I (0);
    rt_dict_del_item (d, k);
    rt_decref (k);
    dict_set_ints (d, 100, 2);
  }
  expect_repr (d, "{1: 1, 2: 2, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 3: 1, 100: 2}");
  rt_decref (d);

  /* copy() compacts a dict that is mostly deleted entries */
  d = rt_dict_new ();
  for (int i = 0; i < 20; i++)
    dict_set_ints (d, i, i);
  for (int i = 0; i < 15; i++)
    {
      RtObject *k = I (i);
      rt_dict_del_item (d, k);
      rt_decref (k);
    }
  copy = rt_dict_copy (d);
  g_assert_cmpuint (getsizeof (d), ==, 632);
  g_assert_cmpuint (getsizeof (copy), ==, 224);
  rt_decref (copy);
  rt_decref (d);
}

static void
test_dict_methods (void)
{
  RtObject *d = rt_dict_new (), *k = rt_test_str ("k"), *one = I (1), *r, *l, *seven;

  r = rt_dict_type.mapping->subscript (d, k);
  g_assert_null (r);
  expect_error ("KeyError: 'k'");
  r = rt_dict_type.mapping->subscript (d, one);
  g_assert_null (r);
  expect_error ("KeyError: 1");
  r = call (d, "popitem", 0);
  g_assert_null (r);
  expect_error ("KeyError: 'popitem(): dictionary is empty'");
  l = rt_list_new (0);
  g_assert_cmpint (rt_dict_set_item (d, l, one), ==, -1);
  expect_error ("TypeError: unhashable type: 'list'");

  seven = I (7);
  r = call (d, "setdefault", 2, k, seven);
  g_assert_true (r == seven);
  rt_decref (r);
  r = call (d, "get", 1, k);
  g_assert_true (r == seven);
  rt_decref (r);
  r = call (d, "get", 1, one);
  g_assert_true (r == RT_NONE);
  rt_decref (r);
  r = call (d, "pop", 2, one, seven);
  g_assert_true (r == seven);
  rt_decref (r);
  r = call (d, "pop", 1, one);
  g_assert_null (r);
  expect_error ("KeyError: 1");
  dict_set_ints (d, 1, 2);
  expect_repr (d, "{'k': 7, 1: 2}");
  r = call (d, "popitem", 0);
  expect_repr (r, "(1, 2)");
  g_assert_cmpuint (getsizeof (r), ==, 56);
  rt_decref (r);
  g_assert_true (rt_dict_get_item_cstr (d, "k") == seven);
  g_assert_null (rt_dict_get_item_cstr (d, "x"));

  /* update from pairs, and its errors */
  {
    RtObject *pairs = rt_list_new (0), *pair = rt_tuple_pack (2, one, seven), *bad = I (3);
    rt_list_append (pairs, pair);
    g_assert_cmpint (rt_dict_update (d, pairs), ==, -1);  /* a list is no mapping */
    rt_error_clear ();
    r = call (d, "update", 1, pairs);
    rt_test_assert_no_error ();
    rt_decref (r);
    expect_repr (d, "{'k': 7, 1: 7}");
    rt_list_append (pairs, bad);
    r = call (d, "update", 1, pairs);
    g_assert_null (r);
    expect_error ("TypeError: cannot convert dictionary update sequence element #1 to a sequence");
    rt_decref (bad);
    rt_decref (pair);
    rt_decref (pairs);
  }

  /* fromkeys presizes from a dict or a set, with CPython's rounding */
  {
    static const size_t from_dict[] = { 184, 352, 352, 352, 352, 224, 352, 352, 352, 352, 352,
                                        632, 632, 632 };
    static const size_t from_set[] = { 224, 352, 352, 352, 352, 224, 352, 352, 352, 352, 352,
                                       632, 632, 632 };
    for (int n = 0; n < (int) G_N_ELEMENTS (from_dict); n++)
      {
        RtObject *src = rt_dict_new (), *fk, *s;
        for (int i = 0; i < n; i++)
          dict_set_ints (src, i, i);
        fk = call ((RtObject *) &rt_dict_type, "fromkeys", 1, src);
        g_assert_nonnull (fk);
        g_assert_cmpuint (getsizeof (fk), ==, from_dict[n]);
        rt_decref (fk);
        s = rt_set_new (src);
        fk = call ((RtObject *) &rt_dict_type, "fromkeys", 2, s, one);
        g_assert_cmpuint (getsizeof (fk), ==, from_set[n]);
        rt_decref (fk);
        rt_decref (s);
        rt_decref (src);
      }
  }

  /* == compares contents */
  {
    RtObject *c = rt_dict_copy (d);
    g_assert_cmpint (rt_richcompare_bool (c, d, RT_EQ), ==, 1);
    dict_set_ints (c, 1, 8);
    g_assert_cmpint (rt_richcompare_bool (c, d, RT_EQ), ==, 0);
    rt_decref (c);
  }
  rt_decref (seven);
  rt_decref (l);
  rt_decref (one);
  rt_decref (k);
  rt_decref (d);
}

static void
test_dict_tracking (void)
{
  RtObject *d = rt_dict_new (), *l = rt_list_new (0), *one = I (1), *t, *d2;

  g_assert_false (rt_gc_is_tracked (d));
  dict_set_ints (d, 1, 2);
  g_assert_false (rt_gc_is_tracked (d));
  /* a tuple of ints may be tracked until a collection looks at it */
  t = rt_tuple_pack (1, one);
  g_assert_cmpint (rt_dict_set_item (d, one, t), ==, 0);
  g_assert_true (rt_gc_is_tracked (d));
  rt_decref (t);

  d2 = rt_dict_new ();
  g_assert_cmpint (rt_dict_set_item (d2, one, l), ==, 0);
  g_assert_true (rt_gc_is_tracked (d2));

  /* only full collections untrack dicts */
  dict_set_ints (d, 1, 2);
  rt_gc_collect (1);
  g_assert_true (rt_gc_is_tracked (d));
  rt_gc_collect (2);
  g_assert_false (rt_gc_is_tracked (d));
  g_assert_true (rt_gc_is_tracked (d2));
  rt_decref (d2);
  rt_decref (one);
  rt_decref (l);
  rt_decref (d);
}

static void
test_dict_iteration (void)
{
  RtObject *d = rt_dict_new (), *it, *k, *items, *t1, *t2, *view;

  for (int i = 0; i < 3; i++)
    dict_set_ints (d, i, i * 10);

  /* the items iterator hands out the same tuple while nobody keeps it */
  view = call (d, "items", 0);
  expect_repr (view, "dict_items([(0, 0), (1, 10), (2, 20)])");
  items = rt_iter (view);
  g_assert_cmpuint (getsizeof (items), ==, 72);
  t1 = rt_iter_next (items);
  expect_repr (t1, "(0, 0)");
  g_assert_cmpuint (RT_REFCNT (t1), ==, 2);
  rt_decref (t1);
  t2 = rt_iter_next (items);
  g_assert_true (t2 == t1);
  expect_repr (t2, "(1, 10)");
  /* kept: the next is a new tuple */
  t1 = rt_iter_next (items);
  g_assert_true (t1 != t2);
  expect_repr (t1, "(2, 20)");
  rt_decref (t1);
  rt_decref (t2);
  rt_decref (items);
  rt_decref (view);

  /* changing the size during iteration */
  it = rt_iter (d);
  k = rt_iter_next (it);
  rt_decref (k);
  dict_set_ints (d, 5, 5);
  g_assert_null (rt_iter_next (it));
  expect_error ("RuntimeError: dictionary changed size during iteration");
  /* sticky, even once the size is back */
  k = I (5);
  rt_dict_del_item (d, k);
  rt_decref (k);
  g_assert_null (rt_iter_next (it));
  expect_error ("RuntimeError: dictionary changed size during iteration");
  rt_decref (it);

  /* same size, different keys: {0: 0, 1: 10}, two next(), del d[1],
   * d[2] = 2 */
  {
    RtObject *e = rt_dict_new ();
    dict_set_ints (e, 0, 0);
    dict_set_ints (e, 1, 10);
    it = rt_iter (e);
    for (int i = 0; i < 2; i++)
      {
        k = rt_iter_next (it);
        g_assert_cmpint (int_value (k), ==, i);
        rt_decref (k);
      }
    k = I (1);
    rt_dict_del_item (e, k);
    rt_decref (k);
    dict_set_ints (e, 2, 2);
    g_assert_null (rt_iter_next (it));
    expect_error ("RuntimeError: dictionary keys changed during iteration");
    /* then it is exhausted */
    g_assert_null (rt_iter_next (it));
    g_assert_false (rt_error_occurred ());
    rt_decref (it);
    rt_decref (e);
  }
  /* deleting and adding before the end is not noticed: [1, 2, 7] */
  it = rt_iter (d);
  k = I (0);
  rt_dict_del_item (d, k);
  rt_decref (k);
  dict_set_ints (d, 7, 7);
  k = rt_list_from_iterable (it);
  expect_repr (k, "[1, 2, 7]");
  rt_decref (k);
  rt_decref (it);

  /* views */
  view = call (d, "keys", 0);
  expect_repr (view, "dict_keys([1, 2, 7])");
  g_assert_cmpuint (getsizeof (view), ==, 40);
  {
    RtObject *s = rt_set_new (view);
    g_assert_cmpint (rt_richcompare_bool (view, s, RT_EQ), ==, 1);
    rt_decref (s);
  }
  rt_decref (view);
  view = call (d, "values", 0);
  expect_repr (view, "dict_values([10, 20, 7])");
  rt_decref (view);
  {
    RtObject *e = rt_dict_new (), *a = rt_test_str ("a");
    rt_dict_set_item (e, a, a);
    view = call (e, "keys", 0);
    expect_repr (view, "dict_keys(['a'])");
    rt_decref (view);
    rt_decref (a);
    rt_decref (e);
  }
  rt_decref (d);
}

static void
test_dict_recursive_repr (void)
{
  RtObject *d = rt_dict_new (), *one = I (1);

  rt_dict_set_item (d, one, d);
  expect_repr (d, "{1: {...}}");
  rt_dict_clear (d);
  expect_repr (d, "{}");
  rt_decref (one);
  rt_decref (d);
}

static RtObject *
set_of (size_t n, const int64_t *values)
{
  RtObject *s = rt_set_new (NULL);

  for (size_t i = 0; i < n; i++)
    {
      RtObject *v = I (values[i]);
      rt_set_add (s, v);
      rt_decref (v);
    }
  return s;
}

static void
test_dict_views (void)
{
  static const int64_t two[] = { 2 }, two_to_four[] = { 2, 3, 4 }, nine[] = { 9 },
                       three_four[] = { 3, 4 }, five[] = { 5 };
  RtObject *d = rt_dict_new (), *keys, *items, *s, *r, *pair, *one, *x;
  const RtNumberMethods *nb = rt_dict_keys_type.number;

  for (int i = 1; i <= 3; i++)
    {
      RtObject *k = I (i), *v = rt_str_new ("xyz" + i - 1, 1);
      rt_dict_set_item (d, k, v);
      rt_decref (k);
      rt_decref (v);
    }
  keys = call (d, "keys", 0);
  items = call (d, "items", 0);

  s = set_of (1, two);
  r = nb->subtract (keys, s);
  expect_repr (r, "{1, 3}");
  rt_decref (r);
  rt_decref (s);
  s = set_of (3, two_to_four);
  r = nb->and_ (keys, s);
  expect_repr (r, "{2, 3}");
  rt_decref (r);
  r = nb->and_ (s, keys);
  expect_repr (r, "{2, 3}");
  rt_decref (r);
  rt_decref (s);
  s = set_of (1, nine);
  r = nb->or_ (keys, s);
  expect_repr (r, "{1, 2, 3, 9}");
  rt_decref (r);
  rt_decref (s);
  s = set_of (2, three_four);
  r = nb->xor_ (keys, s);
  expect_repr (r, "{1, 2, 4}");
  rt_decref (r);
  rt_decref (s);
  s = set_of (1, five);
  r = call (keys, "isdisjoint", 1, s);
  g_assert_true (r == RT_TRUE);
  rt_decref (r);
  rt_decref (s);

  one = I (1);
  x = rt_test_str ("x");
  pair = rt_tuple_pack (2, one, x);
  g_assert_cmpint (rt_contains (items, pair), ==, 1);
  rt_decref (pair);
  pair = rt_tuple_pack (2, one, one);
  g_assert_cmpint (rt_contains (items, pair), ==, 0);
  rt_decref (pair);
  g_assert_cmpint (rt_contains (keys, one), ==, 1);
  rt_decref (x);
  rt_decref (one);
  rt_decref (items);
  rt_decref (keys);
  rt_decref (d);

  /* dict(a=1) and dict(a=1, ..., f=6) */
  {
    const char *names = "abcdef";
    RtObject *kwnames = rt_tuple_new (6), *values[6];
    for (int i = 0; i < 6; i++)
      {
        rt_tuple_init_item (kwnames, i, rt_str_new (names + i, 1));
        values[i] = I (i + 1);
      }
    d = rt_dict_type.tp_new (&rt_dict_type, NULL, 0, NULL);
    g_assert_cmpint (rt_dict_type.init (d, values, 0, kwnames), ==, 0);
    g_assert_cmpuint (getsizeof (d), ==, 272);
    expect_repr (d, "{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}");
    g_assert_false (rt_gc_is_tracked (d));
    rt_decref (d);
    for (int i = 0; i < 6; i++)
      rt_decref (values[i]);
    rt_decref (kwnames);
  }
}

static int
collect_visit (RtObject *target, void *arg)
{
  g_ptr_array_add (arg, target);
  return 0;
}

static void
test_traverse_order (void)
{
  RtObject *a = I (1), *b = I (2), *c = I (3), *l, *t, *d, *ka, *kb;
  GPtrArray *seen = g_ptr_array_new ();

  l = rt_list_new (0);
  rt_list_append (l, a);
  rt_list_append (l, b);
  rt_list_append (l, c);
  rt_list_type.traverse (l, collect_visit, seen);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_true (seen->pdata[0] == c && seen->pdata[2] == a);

  g_ptr_array_set_size (seen, 0);
  t = rt_tuple_pack (3, a, b, c);
  rt_tuple_type.traverse (t, collect_visit, seen);
  g_assert_true (seen->pdata[0] == c && seen->pdata[2] == a);

  /* str keys: values only */
  g_ptr_array_set_size (seen, 0);
  d = rt_dict_new ();
  ka = rt_test_str ("a");
  kb = rt_test_str ("b");
  rt_dict_set_item (d, ka, a);
  rt_dict_set_item (d, kb, b);
  rt_dict_type.traverse (d, collect_visit, seen);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (seen->pdata[0] == a && seen->pdata[1] == b);

  /* other keys: value, then key */
  g_ptr_array_set_size (seen, 0);
  rt_dict_set_item (d, c, l);
  rt_dict_type.traverse (d, collect_visit, seen);
  g_assert_cmpuint (seen->len, ==, 6);
  g_assert_true (seen->pdata[0] == a && seen->pdata[1] == ka);
  g_assert_true (seen->pdata[4] == l && seen->pdata[5] == c);

  g_ptr_array_unref (seen);
  rt_decref (ka);
  rt_decref (kb);
  rt_decref (d);
  rt_decref (t);
  rt_decref (l);
  rt_decref (a);
  rt_decref (b);
  rt_decref (c);
}

static void
test_events (void)
{
  RtObject *l = rt_list_new (0), *a = I (1), *b = I (2), *d, *k;
  const RtEvent *ev;

  rt_test_events_start ();
  rt_list_append (l, a);
  rt_list_append (l, b);
  rt_list_insert (l, 0, b);
  rt_test_events_stop ();
  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_ADD), ==, 3);
  ev = rt_test_events_nth (RT_EV_REF_ADD, 1);
  g_assert_cmpint (ev->slot_kind, ==, RT_SLOT_INDEX);
  g_assert_cmpint (ev->slot, ==, 1);
  g_assert_cmpuint (ev->target, ==, b->serial);
  g_assert_cmpuint (ev->flags & RT_EVF_SHIFT, ==, 0);
  ev = rt_test_events_nth (RT_EV_REF_ADD, 2);
  g_assert_cmpint (ev->slot, ==, 0);
  g_assert_cmpuint (ev->flags & RT_EVF_SHIFT, !=, 0);

  rt_test_events_start ();
  {
    RtObject *r = call (l, "pop", 1, a);
    rt_decref (r);
  }
  call_none (l, "reverse", 0, NULL, NULL);
  rt_test_events_stop ();
  ev = rt_test_events_nth (RT_EV_REF_DEL, 0);
  g_assert_cmpint (ev->slot, ==, 1);
  g_assert_cmpuint (ev->flags & RT_EVF_SHIFT, !=, 0);
  g_assert_cmpuint (rt_test_events_count (RT_EV_SEQ_CLEAR), ==, 1);
  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_ADD), ==, 2);

  /* dict stores report the key and the value, keyed by the key */
  d = rt_dict_new ();
  k = rt_test_str ("k");
  rt_test_events_start ();
  rt_dict_set_item (d, k, a);
  rt_dict_set_item (d, k, b);
  rt_dict_del_item (d, k);
  rt_test_events_stop ();
  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_ADD), ==, 3);
  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_DEL), ==, 3);
  ev = rt_test_events_nth (RT_EV_REF_ADD, 0);
  g_assert_cmpint (ev->slot_kind, ==, RT_SLOT_KEY);
  g_assert_cmpuint (ev->target, ==, k->serial);
  ev = rt_test_events_nth (RT_EV_REF_ADD, 1);
  g_assert_cmpint (ev->slot_kind, ==, RT_SLOT_VALUE);
  g_assert_cmpint (ev->slot, ==, (int64_t) k->serial);
  g_assert_cmpuint (ev->target, ==, a->serial);
  ev = rt_test_events_nth (RT_EV_REF_DEL, 0);
  g_assert_cmpint (ev->slot_kind, ==, RT_SLOT_VALUE);
  g_assert_cmpuint (ev->target, ==, a->serial);

  /* a list from the free list is born with the flag */
  rt_decref (rt_list_new (0));
  rt_test_events_start ();
  {
    RtObject *fresh = rt_list_new (0);
    rt_decref (fresh);
  }
  rt_test_events_stop ();
  ev = rt_test_events_nth (RT_EV_BORN, 0);
  g_assert_nonnull (ev);
  g_assert_cmpuint (ev->flags & RT_EVF_FREELIST, !=, 0);

  rt_decref (k);
  rt_decref (d);
  rt_decref (a);
  rt_decref (b);
  rt_decref (l);
}

/* Sets */

static void
test_set_order_and_sizes (void)
{
  static const size_t growth[] = {
    216, 216, 216, 216, 216, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728, 728,
    728, 728, 2264, 2264,
  };
  static const int64_t values[] = { 3, 1, 2, 100, 33 };
  RtObject *s = rt_set_new (NULL), *r, *popped;

  g_assert_cmpuint (getsizeof (s), ==, 216);
  expect_repr (s, "set()");
  g_assert_true (rt_gc_is_tracked (s));
  for (size_t i = 0; i < G_N_ELEMENTS (values); i++)
    {
      RtObject *v = I (values[i]);
      rt_set_add (s, v);
      rt_decref (v);
    }
  expect_repr (s, "{1, 2, 3, 100, 33}");
  rt_decref (s);

  s = rt_set_new (NULL);
  for (size_t i = 0; i < G_N_ELEMENTS (growth); i++)
    {
      RtObject *v = I ((int64_t) i);
      g_assert_cmpuint (getsizeof (s), ==, growth[i]);
      rt_set_add (s, v);
      rt_decref (v);
    }
  rt_decref (s);

  /* set(range(20, 0, -3)) */
  r = range_of (20, 0, -3);
  s = rt_set_new (r);
  expect_repr (s, "{2, 5, 8, 11, 14, 17, 20}");
  rt_decref (s);
  rt_decref (r);

  /* a deleted slot is reused: discard(3), add(33), then pop() */
  r = range_of (0, 10, 1);
  s = rt_set_new (r);
  {
    RtObject *three = I (3), *tt = I (33);
    g_assert_cmpint (rt_set_discard (s, three), ==, 1);
    g_assert_cmpint (rt_set_discard (s, three), ==, 0);
    rt_set_add (s, tt);
    rt_decref (three);
    rt_decref (tt);
  }
  popped = call (s, "pop", 0);
  g_assert_cmpint (int_value (popped), ==, 0);
  rt_decref (popped);
  expect_repr (s, "{1, 2, 33, 4, 5, 6, 7, 8, 9}");
  rt_decref (s);
  rt_decref (r);

  r = range_of (0, 100, 1);
  s = rt_set_new (r);
  g_assert_cmpuint (getsizeof (s), ==, 8408);
  for (int i = 0; i < 90; i++)
    {
      RtObject *v = I (i);
      rt_set_discard (s, v);
      rt_decref (v);
    }
  expect_repr (s, "{90, 91, 92, 93, 94, 95, 96, 97, 98, 99}");
  g_assert_cmpuint (getsizeof (s), ==, 8408);
  rt_decref (s);
  rt_decref (r);

  s = rt_set_new (NULL);
  r = call (s, "pop", 0);
  g_assert_null (r);
  expect_error ("KeyError: 'pop from an empty set'");
  {
    RtObject *one = I (1);
    r = call (s, "remove", 1, one);
    g_assert_null (r);
    expect_error ("KeyError: 1");
    rt_decref (one);
  }
  rt_decref (s);
}

static RtObject *
int_set (int64_t lo, int64_t hi)
{
  RtObject *r = range_of (lo, hi, 1), *s = rt_set_new (r);

  rt_decref (r);
  return s;
}

static void
test_set_algebra (void)
{
  RtObject *a = int_set (1, 4), *b = int_set (2, 5), *r, *f, *empty;

  r = rt_set_type.number->or_ (a, b);
  expect_repr (r, "{1, 2, 3, 4}");
  rt_decref (r);
  r = rt_set_type.number->and_ (a, b);
  expect_repr (r, "{2, 3}");
  rt_decref (r);
  r = rt_set_type.number->subtract (a, b);
  expect_repr (r, "{1}");
  rt_decref (r);
  r = rt_set_type.number->xor_ (a, b);
  expect_repr (r, "{1, 4}");
  rt_decref (r);
  r = call (a, "issubset", 1, b);
  g_assert_true (r == RT_FALSE);
  rt_decref (r);
  r = call (a, "isdisjoint", 1, b);
  g_assert_true (r == RT_FALSE);
  rt_decref (r);
  g_assert_cmpint (rt_richcompare_bool (a, a, RT_LE), ==, 1);
  g_assert_cmpint (rt_richcompare_bool (a, b, RT_EQ), ==, 0);

  f = call ((RtObject *) a, "copy", 0);
  expect_repr (f, "{1, 2, 3}");
  rt_decref (f);
  f = rt_frozenset_type.tp_new (&rt_frozenset_type, &a, 1, NULL);
  expect_repr (f, "frozenset({1, 2, 3})");
  g_assert_cmpint (rt_hash (f), ==, INT64_C (-272375401224217160));
  r = call (f, "copy", 0);
  g_assert_true (r == f);
  rt_decref (r);
  g_assert_cmpint (rt_richcompare_bool (f, a, RT_EQ), ==, 1);
  /* a set key is looked up as a frozenset */
  {
    RtObject *outer = rt_set_new (NULL);
    rt_set_add (outer, f);
    g_assert_cmpint (rt_set_contains (outer, a), ==, 1);
    rt_decref (outer);
  }
  rt_decref (f);
  empty = rt_frozenset_type.tp_new (&rt_frozenset_type, NULL, 0, NULL);
  expect_repr (empty, "frozenset()");
  g_assert_cmpint (rt_hash (empty), ==, INT64_C (133146708735736));
  rt_decref (empty);
  g_assert_cmpint (rt_hash (a), ==, -1);
  expect_error ("TypeError: unhashable type: 'set'");

  /* in-place */
  r = rt_set_type.number->inplace_and (a, b);
  g_assert_true (r == a);
  rt_decref (r);
  expect_repr (a, "{2, 3}");
  rt_decref (a);
  rt_decref (b);
}

/* Ranges, slices and the other iterators */

static void
test_range (void)
{
  RtObject *r = range_of (0, 10, 1), *r2, *v, *it, *big, *zero, *s, *a, *b;

  expect_repr (r, "range(0, 10)");
  g_assert_cmpuint (getsizeof (r), ==, 48);
  g_assert_false (RT_IS_GC (r));
  g_assert_cmpint (rt_hash (r), !=, -1);
  rt_decref (r);

  r = range_of (0, 3, 1);
  g_assert_cmpint (rt_hash (r), ==, INT64_C (-8338477496398685190));
  rt_decref (r);
  /* empty ranges hash alike, as (0, None, None) */
  r = range_of (0, 0, 1);
  r2 = range_of (5, 1, 2);
  g_assert_cmpint (rt_hash (r), ==, rt_hash (r2));
  g_assert_cmpint (rt_richcompare_bool (r, r2, RT_EQ), ==, 1);
  rt_decref (r2);
  rt_decref (r);

  r = range_of (-5, 5, 3);
  expect_repr (r, "range(-5, 5, 3)");
  v = rt_list_from_iterable (r);
  expect_repr (v, "[-5, -2, 1, 4]");
  rt_decref (v);
  it = rt_reversed_new (r);
  v = rt_list_from_iterable (it);
  expect_repr (v, "[4, 1, -2, -5]");
  rt_decref (v);
  rt_decref (it);
  a = I (1);
  b = I (2);
  g_assert_cmpint (rt_range_type.sequence->contains (r, a), ==, 1);
  g_assert_cmpint (rt_range_type.sequence->contains (r, b), ==, 0);
  v = call (r, "index", 1, b);
  g_assert_null (v);
  expect_error ("ValueError: 2 is not in range");
  rt_decref (r);

  r = range_of (0, 10, 1);
  s = rt_slice_new (b, NULL, b);
  r2 = rt_getitem (r, s);
  expect_repr (r2, "range(2, 10, 2)");
  rt_decref (r2);
  rt_decref (s);
  v = rt_range_type.sequence->item (r, 10);
  g_assert_null (v);
  expect_error ("IndexError: range object index out of range");
  rt_decref (r);

  zero = I (0);
  r = rt_range_new (zero, a, zero);
  g_assert_null (r);
  expect_error ("ValueError: range() arg 3 must not be zero");
  {
    RtObject *str = rt_test_str ("a");
    r = rt_range_type.tp_new (&rt_range_type, &str, 1, NULL);
    g_assert_null (r);
    expect_error ("TypeError: 'str' object cannot be interpreted as an integer");
    rt_decref (str);
  }

  /* range(10**20): items work, len() overflows */
  big = rt_int_from_string ("100000000000000000000", 21, 10);
  r = rt_range_type.tp_new (&rt_range_type, &big, 1, NULL);
  g_assert_cmpint (rt_length (r), ==, -1);
  expect_error ("OverflowError: Python int too large to convert to C ssize_t");
  {
    RtObject *idx = rt_int_from_string ("10000000000000000000", 20, 10);
    v = rt_getitem (r, idx);
    expect_repr (v, "10000000000000000000");
    rt_decref (v);
    rt_decref (idx);
  }
  it = rt_iter (r);
  g_assert_true (RT_TYPE (it) == &rt_longrange_iter_type);
  v = rt_iter_next (it);
  expect_repr (v, "0");
  rt_decref (v);
  rt_decref (it);
  rt_decref (r);
  rt_decref (big);
  rt_decref (zero);
  rt_decref (a);
  rt_decref (b);
}

static void
test_slice (void)
{
  RtObject *one = I (1), *ten = I (10), *two = I (2), *m1 = I (-1), *s;
  int64_t start, stop, step, n;

  s = rt_slice_new (one, two, NULL);
  expect_repr (s, "slice(1, 2, None)");
  g_assert_cmpuint (getsizeof (s), ==, 56);
  g_assert_true (rt_gc_is_tracked (s));
  rt_decref (s);

  s = rt_slice_new (one, ten, two);
  n = rt_slice_indices (s, 5, &start, &stop, &step);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpint (start, ==, 1);
  g_assert_cmpint (stop, ==, 5);
  g_assert_cmpint (step, ==, 2);
  rt_decref (s);
  s = rt_slice_new (NULL, NULL, m1);
  n = rt_slice_indices (s, 5, &start, &stop, &step);
  g_assert_cmpint (n, ==, 5);
  g_assert_cmpint (start, ==, 4);
  g_assert_cmpint (stop, ==, -1);
  rt_decref (s);
  {
    RtObject *zero = I (0);
    s = rt_slice_new (NULL, NULL, zero);
    g_assert_cmpint (rt_slice_indices (s, 5, &start, &stop, &step), ==, -1);
    expect_error ("ValueError: slice step cannot be zero");
    rt_decref (s);
    rt_decref (zero);
  }
  rt_decref (one);
  rt_decref (ten);
  rt_decref (two);
  rt_decref (m1);
}

static void
test_enumerate_zip (void)
{
  RtObject *ab = rt_test_str ("ab"), *ten = I (10), *args[2], *en, *t1, *t2, *l1, *l2, *z, *l;

  args[0] = ab;
  args[1] = ten;
  en = rt_enumerate_type.tp_new (&rt_enumerate_type, args, 2, NULL);
  g_assert_nonnull (en);
  g_assert_cmpuint (getsizeof (en), ==, 72);
  t1 = rt_iter_next (en);
  expect_repr (t1, "(10, 'a')");
  rt_decref (t1);
  /* the result tuple is reused once nobody else holds it */
  t2 = rt_iter_next (en);
  g_assert_true (t2 == t1);
  expect_repr (t2, "(11, 'b')");
  rt_decref (t2);
  g_assert_null (rt_iter_next (en));
  rt_decref (en);
  en = rt_enumerate_type.tp_new (&rt_enumerate_type, NULL, 0, NULL);
  g_assert_null (en);
  expect_error ("TypeError: enumerate() missing required argument 'iterable'");

  l1 = int_list (1, 3);
  l2 = int_list (3, 6);
  args[0] = l1;
  args[1] = l2;
  z = rt_zip_type.tp_new (&rt_zip_type, args, 2, NULL);
  g_assert_cmpuint (getsizeof (z), ==, 64);
  l = rt_list_from_iterable (z);
  expect_repr (l, "[(1, 3), (2, 4)]");
  rt_decref (l);
  rt_decref (z);

  z = rt_zip_type.tp_new (&rt_zip_type, args, 2, NULL);
  t1 = rt_iter_next (z);
  rt_decref (t1);
  t2 = rt_iter_next (z);
  g_assert_true (t1 == t2);
  rt_decref (t2);
  rt_decref (z);

  rt_decref (l1);
  rt_decref (l2);
  rt_decref (ab);
  rt_decref (ten);
}

static RtObject *
counter_fn (RtObject *arg, void *data)
{
  (void) arg;
  return rt_int_from_i64 ((*(int64_t *) data)++);
}

static RtObject *
counter_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  TestFunc *f = (TestFunc *) callable;

  g_assert_cmpuint (nargs, ==, 0);
  (void) args;
  (void) kwnames;
  return f->fn (NULL, f->data);
}

static void
test_callable_iter (void)
{
  static RtType counter_type;
  int64_t n = 0;
  TestFunc *f;
  RtObject *three = I (3), *it, *l;

  counter_type = testfunc_type;
  counter_type.name = "counter";
  counter_type.call = counter_call;
  counter_type.ob.type = &rt_type_type;
  f = (TestFunc *) rt_object_alloc (&counter_type, sizeof (TestFunc));
  f->fn = counter_fn;
  f->data = &n;
  it = rt_callable_iter_new (&f->ob, three);
  g_assert_cmpuint (getsizeof (it), ==, 48);
  l = rt_list_from_iterable (it);
  expect_repr (l, "[0, 1, 2]");
  g_assert_null (rt_iter_next (it));
  rt_decref (l);
  rt_decref (it);
  rt_decref (&f->ob);
  rt_decref (three);
}

static void
test_seq_iter_sizes (void)
{
  RtObject *t = rt_tuple_new (0), *it;

  it = rt_iter (t);
  g_assert_cmpuint (getsizeof (it), ==, 48);
  g_assert_true (rt_gc_is_tracked (it));
  rt_decref (it);
  rt_decref (t);
  {
    RtObject *d = rt_dict_new (), *s = rt_set_new (NULL), *r = range_of (0, 3, 1);
    it = rt_iter (d);
    g_assert_cmpuint (getsizeof (it), ==, 72);
    rt_decref (it);
    it = rt_iter (s);
    g_assert_cmpuint (getsizeof (it), ==, 64);
    rt_decref (it);
    it = rt_iter (r);
    g_assert_cmpuint (getsizeof (it), ==, 48);
    g_assert_false (RT_IS_GC (it));
    rt_decref (it);
    rt_decref (r);
    rt_decref (s);
    rt_decref (d);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  rt_test_add ("/containers/list/append-sizes", test_list_append_sizes);
  rt_test_add ("/containers/list/presized", test_list_presized);
  rt_test_add ("/containers/list/resize-patterns", test_list_resize_patterns);
  rt_test_add ("/containers/list/extended-slices", test_list_extended_slices);
  rt_test_add ("/containers/list/errors", test_list_errors);
  rt_test_add ("/containers/list/methods", test_list_methods);
  rt_test_add ("/containers/list/sort", test_list_sort);
  rt_test_add ("/containers/list/freelist", test_list_freelist);
  rt_test_add ("/containers/list/iterators", test_list_iterators);
  rt_test_add ("/containers/tuple/basics", test_tuple_basics);
  rt_test_add ("/containers/tuple/freelist-tracking", test_tuple_freelist_and_tracking);
  rt_test_add ("/containers/dict/sizes", test_dict_sizes);
  rt_test_add ("/containers/dict/deletions", test_dict_deletions);
  rt_test_add ("/containers/dict/methods", test_dict_methods);
  rt_test_add ("/containers/dict/tracking", test_dict_tracking);
  rt_test_add ("/containers/dict/iteration", test_dict_iteration);
  rt_test_add ("/containers/dict/recursive-repr", test_dict_recursive_repr);
  rt_test_add ("/containers/dict/views", test_dict_views);
  rt_test_add ("/containers/traverse-order", test_traverse_order);
  rt_test_add ("/containers/events", test_events);
  rt_test_add ("/containers/set/order-sizes", test_set_order_and_sizes);
  rt_test_add ("/containers/set/algebra", test_set_algebra);
  rt_test_add ("/containers/range", test_range);
  rt_test_add ("/containers/slice", test_slice);
  rt_test_add ("/containers/enumerate-zip", test_enumerate_zip);
  rt_test_add ("/containers/callable-iter", test_callable_iter);
  rt_test_add ("/containers/iterator-sizes", test_seq_iter_sizes);
  return g_test_run ();
}
