/* test-builtins.c: the built-in functions and the gc and sys modules,
 * called through rt_call on the objects their constructors make, and a few
 * programs run by the interpreter for what needs running frames. Expected
 * results and messages are CPython 3.11's. */
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "interp.h"
#include "runtime/list.h"
#include "run.h"
#include "runtime/runtime.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

static RtObject *builtins_mod, *gc_mod, *sys_mod;
static GPtrArray *pool;    /* objects the test made, dropped at its end */
static GPtrArray *texts;   /* C strings handed to the test, freed at its end */
static GString *output;    /* what print() wrote, from the output events */

static void
record_output (void *user, const RtEvent *event)
{
  if (event->kind == RT_EV_OUTPUT)
    g_string_append_len (output, event->text, (gssize) event->a);
}

static RtEventSink sink = { record_output, NULL, false };

/* Temporaries: each helper returns a borrowed object kept alive by the
 * pool until the end of the test. */

static RtObject *
P (RtObject *obj)
{
  g_assert_nonnull (obj);
  g_ptr_array_add (pool, obj);
  return obj;
}

static RtObject *
I (int64_t value)
{
  return P (rt_int_from_i64 (value));
}

static RtObject *
F (double value)
{
  return P (rt_float_new (value));
}

static RtObject *
S (const char *text)
{
  return P (rt_str_from_cstr (text));
}

/* A list or a tuple of n borrowed items. */
static RtObject *
L (size_t n, ...)
{
  RtObject *list = P (rt_list_new (0));
  va_list ap;

  va_start (ap, n);
  for (size_t i = 0; i < n; i++)
    g_assert_cmpint (rt_list_append (list, va_arg (ap, RtObject *)), ==, 0);
  va_end (ap);
  return list;
}

static RtObject *
T (size_t n, ...)
{
  RtObject *items[8];
  va_list ap;

  g_assert_cmpuint (n, <=, 8);
  va_start (ap, n);
  for (size_t i = 0; i < n; i++)
    items[i] = va_arg (ap, RtObject *);
  va_end (ap);
  return P (rt_tuple_from_array (items, n));
}

/* A module's attribute, borrowed. */
static RtObject *
attr (RtObject *module, const char *name)
{
  RtObject *value = rt_dict_get_item_cstr (((RtModule *) module)->dict, name);

  g_assert_nonnull (value);
  return value;
}

/* module.name(positional..., keyword=value...): n positional objects, then
 * nkw pairs of a name and a value. A new reference, or NULL. */
static RtObject *
call_kw (RtObject *module, const char *name, size_t n, size_t nkw, ...)
{
  RtObject *args[16], *kwnames = NULL, *result;
  va_list ap;

  g_assert_cmpuint (n + nkw, <=, 16);
  va_start (ap, nkw);
  for (size_t i = 0; i < n; i++)
    args[i] = va_arg (ap, RtObject *);
  if (nkw > 0)
    {
      kwnames = rt_tuple_new ((int64_t) nkw);
      for (size_t i = 0; i < nkw; i++)
        {
          rt_tuple_init_item (kwnames, (int64_t) i, rt_str_from_cstr (va_arg (ap, const char *)));
          args[n + i] = va_arg (ap, RtObject *);
        }
    }
  va_end (ap);
  result = rt_call (attr (module, name), args, n, kwnames);
  rt_xdecref (kwnames);
  return result;
}

#define call(module, name, n, ...) call_kw (module, name, n, 0, ##__VA_ARGS__)

static const char *
keep (char *text)
{
  g_ptr_array_add (texts, text);
  return text;
}

/* repr(obj) as a C string owned by the test. */
static const char *
repr_of (RtObject *obj)
{
  RtObject *r = rt_repr (obj);
  const char *text;

  g_assert_nonnull (r);
  text = keep (g_strndup (rt_str_utf8 (r), (gsize) rt_str_size (r)));
  rt_decref (r);
  return text;
}

static void
assert_no_error (void)
{
  if (rt_error_occurred ())
    {
      RtObject *exc = rt_error_fetch ();
      RtObject *text = rt_exception_format_only (exc);
      g_error ("unexpected exception: %s", text != NULL ? rt_str_utf8 (text) : "?");
    }
}

/* Checks a call's result by its repr, and drops it. */
static void
expect (RtObject *result, const char *expected)
{
  assert_no_error ();
  g_assert_nonnull (result);
  g_assert_cmpstr (repr_of (result), ==, expected);
  rt_decref (result);
}

/* Checks that a call failed with "TypeName: message", and clears it. */
static void
expect_error (RtObject *result, const char *expected)
{
  RtObject *exc, *text;

  if (result != NULL)
    g_error ("expected %s, got %s", expected, repr_of (result));
  g_assert_true (rt_error_occurred ());
  exc = rt_error_fetch ();
  text = rt_exception_format_only (exc);
  g_assert_nonnull (text);
  g_assert_cmpstr (rt_str_utf8 (text), ==, expected);
  rt_decref (text);
  rt_decref (exc);
}

/* The fixture: a fresh runtime and the three modules; at the end every
 * object the test made is dropped and the heap invariant must hold. */
static void
run_test (gconstpointer data)
{
  void (*fn) (void) = (void (*) (void)) data;
  char message[512];

  g_assert_true (rt_runtime_init ());
  pool = g_ptr_array_new ();
  texts = g_ptr_array_new_with_free_func (g_free);
  output = g_string_new (NULL);
  rt_runtime_set_sink (&sink);
  builtins_mod = lang_builtins_module_new ();
  gc_mod = lang_gc_module_new ();
  sys_mod = lang_sys_module_new ();
  assert_no_error ();
  g_assert_nonnull (builtins_mod);
  g_assert_nonnull (gc_mod);
  g_assert_nonnull (sys_mod);

  fn ();

  assert_no_error ();
  for (guint i = pool->len; i-- > 0;)
    rt_decref (g_ptr_array_index (pool, i));
  RT_CLEAR (sys_mod);
  RT_CLEAR (gc_mod);
  RT_CLEAR (builtins_mod);
  if (!rt_heap_check (message, sizeof message))
    g_error ("heap invariant broken: %s", message);
  rt_runtime_set_sink (NULL);
  rt_runtime_fini ();
  g_ptr_array_unref (pool);
  g_ptr_array_unref (texts);
  g_string_free (output, TRUE);
}

static void
add (const char *path, void (*fn) (void))
{
  g_test_add_data_func (path, (gconstpointer) fn, run_test);
}

/* The module's contents. */
static void
test_module_contents (void)
{
  static const char *const names[] = {
    "abs", "all", "any", "bin", "callable", "chr", "delattr", "dir", "divmod", "format",
    "getattr", "globals", "hasattr", "hash", "hex", "id", "isinstance", "issubclass", "iter",
    "len", "locals", "max", "min", "next", "oct", "ord", "pow", "print", "repr", "round",
    "setattr", "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True",
    "bool", "classmethod", "dict", "enumerate", "filter", "float", "frozenset", "property",
    "int", "list", "map", "object", "range", "reversed", "set", "slice", "staticmethod",
    "str", "super", "tuple", "type", "zip", "__debug__", "BaseException", "Exception",
    "TypeError", "ValueError", "StopIteration", "KeyError", "ZeroDivisionError",
    "RecursionError", "SystemExit", "MemoryError", "Warning",
  };

  for (size_t i = 0; i < G_N_ELEMENTS (names); i++)
    attr (builtins_mod, names[i]);
  g_assert_true (attr (builtins_mod, "int") == &rt_int_type.ob);
  g_assert_true (attr (builtins_mod, "None") == RT_NONE);
  g_assert_true (attr (builtins_mod, "ValueError") == &rt_exc_ValueError.ob);
  g_assert_null (rt_dict_get_item_cstr (((RtModule *) builtins_mod)->dict, "input"));
  g_assert_cmpstr (repr_of (attr (builtins_mod, "len")), ==, "<built-in function len>");
  g_assert_cmpstr (repr_of (attr (builtins_mod, "map")), ==, "<class 'map'>");
  g_assert_cmpstr (repr_of (attr (builtins_mod, "filter")), ==, "<class 'filter'>");
}

static void
test_len_id_repr_hash (void)
{
  RtObject *list = L (3, I (1), I (2), I (3)), *id;
  uint64_t address;

  expect (call (builtins_mod, "len", 1, list), "3");
  expect (call (builtins_mod, "len", 1, S ("h\xc3\xa9llo")), "5");
  expect_error (call (builtins_mod, "len", 0), "TypeError: len() takes exactly one argument (0 given)");
  expect_error (call (builtins_mod, "len", 2, list, list),
                "TypeError: len() takes exactly one argument (2 given)");
  expect_error (call (builtins_mod, "len", 1, I (5)), "TypeError: object of type 'int' has no len()");
  expect_error (call_kw (builtins_mod, "len", 0, 1, "x", I (1)),
                "TypeError: len() takes no keyword arguments");

  id = call (builtins_mod, "id", 1, list);
  g_assert_true (rt_int_to_i64 (id, (int64_t *) &address));
  g_assert_cmpuint (address, ==, rt_object_id (list));
  rt_decref (id);
  expect_error (call (builtins_mod, "id", 2, list, list),
                "TypeError: id() takes exactly one argument (2 given)");

  expect (call (builtins_mod, "repr", 1, S ("q")), "\"'q'\"");
  expect (call (builtins_mod, "repr", 1, L (2, I (1), S ("a"))), "\"[1, 'a']\"");
  expect_error (call (builtins_mod, "repr", 0), "TypeError: repr() takes exactly one argument (0 given)");

  expect (call (builtins_mod, "hash", 1, I (-1)), "-2");
  expect (call (builtins_mod, "hash", 1, I (1)), "1");
  expect (call (builtins_mod, "hash", 1, F (1.5)), "1152921504606846977");
  expect (call (builtins_mod, "hash", 1, T (0)), "5740354900026072187");
  expect_error (call (builtins_mod, "hash", 1, list), "TypeError: unhashable type: 'list'");
  expect_error (call (builtins_mod, "hash", 2, list, list),
                "TypeError: hash() takes exactly one argument (2 given)");
}

static void
test_abs_callable_any_all (void)
{
  expect (call (builtins_mod, "abs", 1, I (-7)), "7");
  expect (call (builtins_mod, "abs", 1, F (-7.5)), "7.5");
  expect (call (builtins_mod, "abs", 1, F (-0.0)), "0.0");
  expect (call (builtins_mod, "abs", 1, RT_TRUE), "1");
  expect_error (call (builtins_mod, "abs", 1, S ("a")), "TypeError: bad operand type for abs(): 'str'");
  expect_error (call (builtins_mod, "abs", 0), "TypeError: abs() takes exactly one argument (0 given)");

  expect (call (builtins_mod, "callable", 1, attr (builtins_mod, "len")), "True");
  expect (call (builtins_mod, "callable", 1, &rt_int_type.ob), "True");
  expect (call (builtins_mod, "callable", 1, I (1)), "False");
  expect_error (call (builtins_mod, "callable", 0),
                "TypeError: callable() takes exactly one argument (0 given)");

  expect (call (builtins_mod, "any", 1, L (0)), "False");
  expect (call (builtins_mod, "all", 1, L (0)), "True");
  expect (call (builtins_mod, "any", 1, L (3, I (0), S (""), I (3))), "True");
  expect (call (builtins_mod, "all", 1, L (2, I (1), I (0))), "False");
  expect_error (call (builtins_mod, "any", 1, I (1)), "TypeError: 'int' object is not iterable");
  expect_error (call (builtins_mod, "all", 1, I (1)), "TypeError: 'int' object is not iterable");
  expect_error (call (builtins_mod, "any", 0), "TypeError: any() takes exactly one argument (0 given)");
}

static void
test_min_max (void)
{
  RtObject *len = attr (builtins_mod, "len");
  RtObject *words = L (3, S ("aaa"), S ("b"), S ("cc"));
  RtObject *result;

  expect (call (builtins_mod, "min", 3, I (3), I (1), I (2)), "1");
  expect (call (builtins_mod, "max", 3, S ("b"), S ("a"), S ("c")), "'c'");
  expect (call (builtins_mod, "max", 1, L (4, I (5), I (-3), I (8), I (0))), "8");
  expect (call (builtins_mod, "min", 1, S ("hello")), "'e'");
  expect (call_kw (builtins_mod, "min", 1, 1, words, "key", len), "'b'");
  expect (call_kw (builtins_mod, "max", 1, 1, words, "key", len), "'aaa'");
  expect (call_kw (builtins_mod, "max", 1, 1, L (0), "default", S ("empty")), "'empty'");
  expect (call_kw (builtins_mod, "max", 1, 2, L (0), "default", I (1), "key", RT_NONE), "1");
  /* The first of equal items wins: max(1, 1.0) is 1, min(1.0, 1) is 1.0. */
  expect (call (builtins_mod, "max", 2, I (1), F (1.0)), "1");
  expect (call (builtins_mod, "min", 2, F (1.0), I (1)), "1.0");
  /* min and max return one of the arguments, not a copy. */
  result = call (builtins_mod, "max", 2, words, L (0));
  g_assert_true (result == words);
  rt_decref (result);

  expect_error (call (builtins_mod, "min", 0), "TypeError: min expected at least 1 argument, got 0");
  expect_error (call (builtins_mod, "max", 0), "TypeError: max expected at least 1 argument, got 0");
  expect_error (call (builtins_mod, "max", 1, I (1)), "TypeError: 'int' object is not iterable");
  expect_error (call (builtins_mod, "max", 1, L (0)), "ValueError: max() arg is an empty sequence");
  expect_error (call (builtins_mod, "min", 1, L (0)), "ValueError: min() arg is an empty sequence");
  expect_error (call_kw (builtins_mod, "max", 2, 1, I (1), I (2), "default", I (3)),
                "TypeError: Cannot specify a default for max() with multiple positional arguments");
  expect_error (call_kw (builtins_mod, "max", 2, 1, I (1), I (2), "foo", I (3)),
                "TypeError: 'foo' is an invalid keyword argument for max()");
  expect_error (call_kw (builtins_mod, "max", 2, 1, I (1), I (2), "key", I (1)),
                "TypeError: 'int' object is not callable");
  expect_error (call (builtins_mod, "min", 2, I (1), S ("a")),
                "TypeError: '<' not supported between instances of 'str' and 'int'");
}

static void
test_sum (void)
{
  RtObject *tenths[10];

  for (int i = 0; i < 10; i++)
    tenths[i] = F (0.1);
  expect (call (builtins_mod, "sum", 1, L (4, I (5), I (-3), I (8), I (0))), "10");
  expect (call (builtins_mod, "sum", 2, L (3, I (1), I (2), I (3)), I (10)), "16");
  expect (call (builtins_mod, "sum", 1, L (0)), "0");
  /* 3.11 adds floats one by one: no compensated summation before 3.12. */
  expect (call (builtins_mod, "sum", 1,
                L (10, tenths[0], tenths[1], tenths[2], tenths[3], tenths[4], tenths[5],
                   tenths[6], tenths[7], tenths[8], tenths[9])),
          "0.9999999999999999");
  expect (call (builtins_mod, "sum", 1, L (2, F (1.5), I (2))), "3.5");
  expect (call (builtins_mod, "sum", 1, L (3, I (1), F (2.5), I (3))), "6.5");
  expect (call (builtins_mod, "sum", 1, L (2, RT_TRUE, RT_TRUE)), "2");
  expect (call (builtins_mod, "sum", 1, L (2, I (INT64_C (4611686018427387904)),
                                          I (INT64_C (4611686018427387904)))),
          "9223372036854775808");
  expect (call (builtins_mod, "sum", 2, L (2, L (1, I (1)), L (1, I (2))), L (0)), "[1, 2]");
  expect (call_kw (builtins_mod, "sum", 1, 1, L (2, I (1), I (2)), "start", I (10)), "13");

  expect_error (call (builtins_mod, "sum", 0),
                "TypeError: sum() takes at least 1 positional argument (0 given)");
  expect_error (call (builtins_mod, "sum", 1, I (1)), "TypeError: 'int' object is not iterable");
  expect_error (call (builtins_mod, "sum", 1, L (2, S ("a"), S ("b"))),
                "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  expect_error (call (builtins_mod, "sum", 2, L (1, I (1)), S ("")),
                "TypeError: sum() can't sum strings [use ''.join(seq) instead]");
  expect_error (call (builtins_mod, "sum", 3, L (1, I (1)), I (2), I (3)),
                "TypeError: sum() takes at most 2 arguments (3 given)");
  expect_error (call_kw (builtins_mod, "sum", 1, 2, L (1, I (1)), "start", I (2), "x", I (1)),
                "TypeError: sum() takes at most 2 arguments (3 given)");
  expect_error (call_kw (builtins_mod, "sum", 1, 1, L (1, I (1)), "iterable", I (2)),
                "TypeError: 'iterable' is an invalid keyword argument for sum()");
}

static void
test_sorted_reversed (void)
{
  RtObject *l = L (4, I (5), I (-3), I (8), I (0)), *result;

  expect (call (builtins_mod, "sorted", 1, l), "[-3, 0, 5, 8]");
  expect (call_kw (builtins_mod, "sorted", 1, 1, l, "key", attr (builtins_mod, "abs")),
          "[0, -3, 5, 8]");
  expect (call_kw (builtins_mod, "sorted", 1, 1, l, "reverse", RT_TRUE), "[8, 5, 0, -3]");
  expect (call (builtins_mod, "sorted", 1, S ("bca")), "['a', 'b', 'c']");
  /* A new list, the argument untouched. */
  result = call (builtins_mod, "sorted", 1, l);
  g_assert_true (result != l);
  rt_decref (result);
  g_assert_cmpstr (repr_of (l), ==, "[5, -3, 8, 0]");

  expect_error (call (builtins_mod, "sorted", 0), "TypeError: sorted expected 1 argument, got 0");
  expect_error (call (builtins_mod, "sorted", 2, l, I (1)),
                "TypeError: sorted expected 1 argument, got 2");
  expect_error (call (builtins_mod, "sorted", 1, I (1)), "TypeError: 'int' object is not iterable");
  expect_error (call_kw (builtins_mod, "sorted", 1, 1, l, "foo", I (1)),
                "TypeError: 'foo' is an invalid keyword argument for sort()");
  expect_error (call_kw (builtins_mod, "sorted", 0, 1, "iterable", l),
                "TypeError: sorted expected 1 argument, got 0");

  expect (rt_list_from_iterable (P (call (builtins_mod, "reversed", 1, l))), "[0, 8, -3, 5]");
  expect_error (call (builtins_mod, "reversed", 1, I (1)),
                "TypeError: 'int' object is not reversible");
}

static void
test_iter_next (void)
{
  RtObject *it = P (call (builtins_mod, "iter", 1, L (2, I (10), I (20)))), *result;
  RtObject *pop;

  expect (call (builtins_mod, "next", 1, it), "10");
  expect (call (builtins_mod, "next", 1, it), "20");
  expect (call (builtins_mod, "next", 2, it, S ("exhausted")), "'exhausted'");
  expect_error (call (builtins_mod, "next", 1, it), "StopIteration");
  /* iter() of an iterator is the iterator. */
  result = call (builtins_mod, "iter", 1, it);
  g_assert_true (result == it);
  rt_decref (result);

  expect_error (call (builtins_mod, "next", 1, I (1)), "TypeError: 'int' object is not an iterator");
  expect_error (call (builtins_mod, "next", 1, L (0)), "TypeError: 'list' object is not an iterator");
  expect_error (call (builtins_mod, "next", 0), "TypeError: next expected at least 1 argument, got 0");
  expect_error (call (builtins_mod, "next", 3, it, it, it),
                "TypeError: next expected at most 2 arguments, got 3");
  expect_error (call (builtins_mod, "iter", 0), "TypeError: iter expected at least 1 argument, got 0");
  expect_error (call (builtins_mod, "iter", 1, I (1)), "TypeError: 'int' object is not iterable");
  expect_error (call (builtins_mod, "iter", 2, I (1), I (2)),
                "TypeError: iter(v, w): v must be callable");
  expect_error (call (builtins_mod, "iter", 3, I (1), I (2), I (3)),
                "TypeError: iter expected at most 2 arguments, got 3");
  expect_error (call_kw (builtins_mod, "iter", 1, 1, L (0), "x", I (1)),
                "TypeError: iter() takes no keyword arguments");

  /* iter(callable, sentinel): [1, 2, 3, 0, 4].pop gives 4, then the 0. */
  pop = P (rt_getattr_cstr (L (5, I (1), I (2), I (3), I (0), I (4)), "pop"));
  it = P (call (builtins_mod, "iter", 2, pop, I (0)));
  g_assert_cmpstr (repr_of (&RT_TYPE (it)->ob), ==, "<class 'callable_iterator'>");
  expect (rt_list_from_iterable (it), "[4]");
  expect (rt_list_from_iterable (it), "[]");
}

static void
test_number_text (void)
{
  expect (call (builtins_mod, "hex", 1, I (255)), "'0xff'");
  expect (call (builtins_mod, "hex", 1, I (-16)), "'-0x10'");
  expect (call (builtins_mod, "hex", 1, I (0)), "'0x0'");
  expect (call (builtins_mod, "hex", 1, RT_TRUE), "'0x1'");
  expect (call (builtins_mod, "oct", 1, I (-8)), "'-0o10'");
  expect (call (builtins_mod, "bin", 1, I (5)), "'0b101'");
  expect (call (builtins_mod, "bin", 1, I (0)), "'0b0'");
  expect_error (call (builtins_mod, "hex", 1, F (1.5)),
                "TypeError: 'float' object cannot be interpreted as an integer");
  expect_error (call (builtins_mod, "hex", 1, RT_NONE),
                "TypeError: 'NoneType' object cannot be interpreted as an integer");
  expect_error (call (builtins_mod, "hex", 0), "TypeError: hex() takes exactly one argument (0 given)");

  expect (call (builtins_mod, "ord", 1, S ("A")), "65");
  expect (call (builtins_mod, "ord", 1, S ("\xc3\xa9")), "233");
  expect (call (builtins_mod, "ord", 1, S ("\xe2\x82\xac")), "8364");
  expect (call (builtins_mod, "ord", 1, S ("\xf0\x9f\x98\x80")), "128512");
  expect_error (call (builtins_mod, "ord", 1, S ("ab")),
                "TypeError: ord() expected a character, but string of length 2 found");
  expect_error (call (builtins_mod, "ord", 1, S ("")),
                "TypeError: ord() expected a character, but string of length 0 found");
  expect_error (call (builtins_mod, "ord", 1, I (1)),
                "TypeError: ord() expected string of length 1, but int found");

  expect (call (builtins_mod, "chr", 1, I (65)), "'A'");
  expect (call (builtins_mod, "chr", 1, I (233)), "'\xc3\xa9'");
  expect (call (builtins_mod, "chr", 1, I (0x1F600)), "'\xf0\x9f\x98\x80'");
  expect (call (builtins_mod, "chr", 1, I (0)), "'\\x00'");
  expect_error (call (builtins_mod, "chr", 1, I (-1)), "ValueError: chr() arg not in range(0x110000)");
  expect_error (call (builtins_mod, "chr", 1, I (0x110000)),
                "ValueError: chr() arg not in range(0x110000)");
  expect_error (call (builtins_mod, "chr", 1, I (INT64_C (1) << 40)),
                "OverflowError: Python int too large to convert to C int");
  expect_error (call (builtins_mod, "chr", 1, S ("a")),
                "TypeError: 'str' object cannot be interpreted as an integer");

  expect (call (builtins_mod, "format", 2, F (3.14159), S (".2f")), "'3.14'");
  expect (call (builtins_mod, "format", 2, I (255), S ("x")), "'ff'");
  expect (call (builtins_mod, "format", 2, S ("a"), S (">3")), "'  a'");
  expect (call (builtins_mod, "format", 1, RT_NONE), "'None'");
  expect_error (call (builtins_mod, "format", 0), "TypeError: format expected at least 1 argument, got 0");
  expect_error (call (builtins_mod, "format", 2, I (1), I (2)),
                "TypeError: format() argument 2 must be str, not int");
  expect_error (call (builtins_mod, "format", 2, I (1), S ("q")),
                "ValueError: Unknown format code 'q' for object of type 'int'");
}

static void
test_round (void)
{
  expect (call (builtins_mod, "round", 1, F (2.5)), "2");
  expect (call (builtins_mod, "round", 1, F (3.5)), "4");
  expect (call (builtins_mod, "round", 1, F (-0.5)), "0");
  expect (call (builtins_mod, "round", 1, F (-1.5)), "-2");
  expect (call (builtins_mod, "round", 2, F (2.675), I (2)), "2.67");
  expect (call (builtins_mod, "round", 2, F (0.125), I (2)), "0.12");
  expect (call (builtins_mod, "round", 2, F (0.375), I (2)), "0.38");
  expect (call (builtins_mod, "round", 2, F (1234.5678), I (-2)), "1200.0");
  expect (call (builtins_mod, "round", 2, F (25.0), I (-1)), "20.0");
  expect (call (builtins_mod, "round", 2, F (-0.0), I (1)), "-0.0");
  expect (call (builtins_mod, "round", 2, F (1.5), RT_NONE), "2");
  expect (call (builtins_mod, "round", 2, I (1250), I (-2)), "1200");
  expect (call (builtins_mod, "round", 2, I (1350), I (-2)), "1400");
  expect (call (builtins_mod, "round", 1, I (7)), "7");
  expect (call_kw (builtins_mod, "round", 0, 2, "number", F (1.25), "ndigits", I (1)), "1.2");

  expect_error (call (builtins_mod, "round", 0),
                "TypeError: round() missing required argument 'number' (pos 1)");
  expect_error (call (builtins_mod, "round", 1, S ("a")),
                "TypeError: type str doesn't define __round__ method");
  expect_error (call (builtins_mod, "round", 2, F (1.5), S ("a")),
                "TypeError: 'str' object cannot be interpreted as an integer");
  expect_error (call (builtins_mod, "round", 3, I (1), I (2), I (3)),
                "TypeError: round() takes at most 2 arguments (3 given)");
  expect_error (call_kw (builtins_mod, "round", 1, 1, F (1.5), "number", I (2)),
                "TypeError: argument for round() given by name ('number') and position (1)");
  expect_error (call_kw (builtins_mod, "round", 0, 2, "number", F (1.5), "x", I (2)),
                "TypeError: 'x' is an invalid keyword argument for round()");
}

static void
test_divmod_pow (void)
{
  expect (call (builtins_mod, "divmod", 2, I (7), I (2)), "(3, 1)");
  expect (call (builtins_mod, "divmod", 2, I (-7), I (2)), "(-4, 1)");
  expect (call (builtins_mod, "divmod", 2, F (7.5), I (2)), "(3.0, 1.5)");
  expect (call (builtins_mod, "divmod", 2, F (-7.5), I (2)), "(-4.0, 0.5)");
  expect (call (builtins_mod, "divmod", 2, I (7), F (2.0)), "(3.0, 1.0)");
  expect_error (call (builtins_mod, "divmod", 2, I (1), I (0)),
                "ZeroDivisionError: integer division or modulo by zero");
  expect_error (call (builtins_mod, "divmod", 2, F (1.0), I (0)), "ZeroDivisionError: float divmod()");
  expect_error (call (builtins_mod, "divmod", 2, S ("a"), I (1)),
                "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'");
  expect_error (call (builtins_mod, "divmod", 1, I (1)), "TypeError: divmod expected 2 arguments, got 1");

  expect (call (builtins_mod, "pow", 2, I (2), I (10)), "1024");
  expect (call (builtins_mod, "pow", 2, I (2), I (-2)), "0.25");
  expect (call (builtins_mod, "pow", 3, I (2), I (3), I (5)), "3");
  expect (call (builtins_mod, "pow", 3, I (2), I (3), I (-5)), "-2");
  expect (call (builtins_mod, "pow", 3, I (2), I (-1), I (5)), "3");
  expect (call (builtins_mod, "pow", 3, I (2), I (3), RT_NONE), "8");
  expect (call_kw (builtins_mod, "pow", 0, 2, "base", I (2), "exp", I (3)), "8");
  expect (call_kw (builtins_mod, "pow", 1, 2, I (2), "exp", I (3), "mod", I (5)), "3");
  expect_error (call (builtins_mod, "pow", 1, I (1)),
                "TypeError: pow() missing required argument 'exp' (pos 2)");
  expect_error (call (builtins_mod, "pow", 3, I (1), I (2), I (0)),
                "ValueError: pow() 3rd argument cannot be 0");
  expect_error (call (builtins_mod, "pow", 3, I (2), I (-1), I (4)),
                "ValueError: base is not invertible for the given modulus");
  expect_error (call (builtins_mod, "pow", 3, F (1.0), I (2), I (3)),
                "TypeError: pow() 3rd argument not allowed unless all arguments are integers");
  expect_error (call (builtins_mod, "pow", 3, I (2), I (3), F (5.0)),
                "TypeError: pow() 3rd argument not allowed unless all arguments are integers");
  expect_error (call (builtins_mod, "pow", 3, S ("a"), I (2), I (3)),
                "TypeError: unsupported operand type(s) for ** or pow(): 'str', 'int', 'int'");
  expect_error (call (builtins_mod, "pow", 2, S ("a"), I (2)),
                "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'");
  expect_error (call (builtins_mod, "pow", 4, I (2), I (3), I (4), I (5)),
                "TypeError: pow() takes at most 3 arguments (4 given)");
}

static void
test_map_filter (void)
{
  RtObject *str_type = &rt_str_type.ob, *m, *referents, *f;

  m = P (call (builtins_mod, "map", 2, str_type, L (2, I (1), I (2))));
  g_assert_true (RT_TYPE (m) == (RtType *) attr (builtins_mod, "map"));
  g_assert_true (rt_gc_is_tracked (m));
  /* map visits its iterators' tuple, then the function. */
  referents = P (call (gc_mod, "get_referents", 1, m));
  g_assert_cmpint (RT_LIST_SIZE (referents), ==, 2);
  g_assert_true (rt_is_tuple (RT_LIST_ITEMS (referents)[0]));
  g_assert_true (RT_LIST_ITEMS (referents)[1] == str_type);
  expect (rt_list_from_iterable (m), "['1', '2']");
  expect (call (sys_mod, "getsizeof", 1, m), "48");

  /* Several iterables stop with the shortest. */
  expect (rt_list_from_iterable (P (call (builtins_mod, "map", 3, attr (builtins_mod, "pow"),
                                          L (3, I (2), I (3), I (4)), L (2, I (2), I (2))))),
          "[4, 9]");
  f = P (call (builtins_mod, "filter", 2, RT_NONE, L (4, I (0), I (1), S (""), I (2))));
  expect (rt_list_from_iterable (f), "[1, 2]");
  expect (rt_list_from_iterable (P (call (builtins_mod, "filter", 2, attr (builtins_mod, "abs"),
                                          L (3, I (0), I (-1), I (0))))),
          "[-1]");
  referents = P (call (gc_mod, "get_referents", 1, f));
  g_assert_cmpint (RT_LIST_SIZE (referents), ==, 2);
  g_assert_true (RT_LIST_ITEMS (referents)[1] == RT_NONE);

  expect_error (call (builtins_mod, "map", 0), "TypeError: map() must have at least two arguments.");
  expect_error (call (builtins_mod, "map", 1, str_type),
                "TypeError: map() must have at least two arguments.");
  expect_error (call (builtins_mod, "map", 2, str_type, I (1)), "TypeError: 'int' object is not iterable");
  expect_error (call_kw (builtins_mod, "map", 2, 1, str_type, L (0), "x", I (1)),
                "TypeError: map() takes no keyword arguments");
  expect_error (call (builtins_mod, "filter", 1, RT_NONE), "TypeError: filter expected 2 arguments, got 1");
  expect_error (call (builtins_mod, "filter", 2, RT_NONE, I (1)),
                "TypeError: 'int' object is not iterable");
}

static void
test_isinstance_issubclass (void)
{
  RtObject *int_type = &rt_int_type.ob, *str_type = &rt_str_type.ob;
  RtObject *float_type = &rt_float_type.ob, *bool_type = &rt_bool_type.ob;

  expect (call (builtins_mod, "isinstance", 2, RT_TRUE, int_type), "True");
  expect (call (builtins_mod, "isinstance", 2, I (1), str_type), "False");
  expect (call (builtins_mod, "isinstance", 2, I (1), T (2, str_type, T (2, float_type, int_type))),
          "True");
  expect (call (builtins_mod, "isinstance", 2, I (1), T (0)), "False");
  /* Found before the bad item is looked at. */
  expect (call (builtins_mod, "isinstance", 2, I (1), T (2, int_type, I (1))), "True");
  expect_error (call (builtins_mod, "isinstance", 2, I (1), I (1)),
                "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");
  expect_error (call (builtins_mod, "isinstance", 2, I (1), L (1, int_type)),
                "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union");
  expect_error (call (builtins_mod, "isinstance", 1, I (1)),
                "TypeError: isinstance expected 2 arguments, got 1");
  expect_error (call_kw (builtins_mod, "isinstance", 2, 1, I (1), int_type, "x", I (1)),
                "TypeError: isinstance() takes no keyword arguments");

  expect (call (builtins_mod, "issubclass", 2, bool_type, T (1, int_type)), "True");
  expect (call (builtins_mod, "issubclass", 2, bool_type, bool_type), "True");
  expect (call (builtins_mod, "issubclass", 2, int_type, bool_type), "False");
  expect (call (builtins_mod, "issubclass", 2, int_type, T (0)), "False");
  expect_error (call (builtins_mod, "issubclass", 2, I (1), int_type),
                "TypeError: issubclass() arg 1 must be a class");
  expect_error (call (builtins_mod, "issubclass", 2, int_type, I (1)),
                "TypeError: issubclass() arg 2 must be a class, a tuple of classes, or a union");
  expect_error (call (builtins_mod, "issubclass", 2, int_type, T (1, I (1))),
                "TypeError: issubclass() arg 2 must be a class, a tuple of classes, or a union");
}

static void
test_attributes (void)
{
  RtObject *saveall = S ("DEBUG_SAVEALL"), *x = S ("x"), *list = L (0), *result;

  expect (call (builtins_mod, "getattr", 2, gc_mod, saveall), "32");
  expect (call (builtins_mod, "getattr", 3, I (5), x, I (7)), "7");
  expect (call (builtins_mod, "hasattr", 2, I (5), S ("bit_length")), "True");
  expect (call (builtins_mod, "hasattr", 2, I (5), x), "False");
  expect_error (call (builtins_mod, "getattr", 2, I (1), x),
                "AttributeError: 'int' object has no attribute 'x'");
  expect_error (call (builtins_mod, "getattr", 2, I (1), I (2)),
                "TypeError: attribute name must be string, not 'int'");
  expect_error (call (builtins_mod, "getattr", 1, I (1)),
                "TypeError: getattr expected at least 2 arguments, got 1");
  expect_error (call (builtins_mod, "getattr", 4, I (1), x, I (2), I (3)),
                "TypeError: getattr expected at most 3 arguments, got 4");
  expect_error (call (builtins_mod, "hasattr", 2, I (1), I (2)),
                "TypeError: attribute name must be string, not 'int'");
  expect_error (call (builtins_mod, "hasattr", 1, I (1)), "TypeError: hasattr expected 2 arguments, got 1");
  expect_error (call (builtins_mod, "setattr", 3, I (1), x, I (2)),
                "AttributeError: 'int' object has no attribute 'x'");
  expect_error (call (builtins_mod, "setattr", 2, I (1), x),
                "TypeError: setattr expected 3 arguments, got 2");
  expect_error (call (builtins_mod, "setattr", 3, I (1), I (2), I (3)),
                "TypeError: attribute name must be string, not 'int'");
  expect_error (call (builtins_mod, "delattr", 2, I (1), x),
                "AttributeError: 'int' object has no attribute 'x'");
  expect_error (call (builtins_mod, "delattr", 2, I (1), I (2)),
                "TypeError: attribute name must be string, not 'int'");

  /* setattr, getattr and delattr on a module. */
  expect (call (builtins_mod, "setattr", 3, gc_mod, x, list), "None");
  result = call (builtins_mod, "getattr", 2, gc_mod, x);
  g_assert_true (result == list);
  rt_decref (result);
  expect (call (builtins_mod, "delattr", 2, gc_mod, x), "None");
  expect (call (builtins_mod, "hasattr", 2, gc_mod, x), "False");

  expect_error (call (builtins_mod, "vars", 1, I (1)),
                "TypeError: vars() argument must have __dict__ attribute");
  expect_error (call (builtins_mod, "vars", 2, I (1), I (2)),
                "TypeError: vars expected at most 1 argument, got 2");
  result = call (builtins_mod, "vars", 1, gc_mod);
  g_assert_true (result == ((RtModule *) gc_mod)->dict);
  rt_decref (result);
}

static void
test_dir (void)
{
  RtObject *names = P (call (builtins_mod, "dir", 1, gc_mod));
  RtObject *sorted_names = P (call (builtins_mod, "sorted", 1, names));

  /* Sorted, and with what the module holds. */
  g_assert_cmpstr (repr_of (names), ==, repr_of (sorted_names));
  g_assert_cmpint (rt_contains (names, S ("collect")), ==, 1);
  g_assert_cmpint (rt_contains (names, S ("DEBUG_LEAK")), ==, 1);
  names = P (call (builtins_mod, "dir", 1, L (0)));
  g_assert_cmpint (rt_contains (names, S ("append")), ==, 1);
  g_assert_cmpint (rt_contains (names, S ("__len__")), ==, 1);
  names = P (call (builtins_mod, "dir", 1, &rt_int_type.ob));
  g_assert_cmpint (rt_contains (names, S ("bit_length")), ==, 1);
  expect_error (call (builtins_mod, "dir", 2, I (1), I (2)),
                "TypeError: dir expected at most 1 argument, got 2");
  expect_error (call_kw (builtins_mod, "dir", 0, 1, "x", I (1)),
                "TypeError: dir() takes no keyword arguments");
  expect_error (call (builtins_mod, "globals", 1, I (1)),
                "TypeError: globals() takes no arguments (1 given)");
  expect_error (call (builtins_mod, "locals", 1, I (1)),
                "TypeError: locals() takes no arguments (1 given)");
}

static void
test_print (void)
{
  RtObject *sep = S ("-");

  expect (call (builtins_mod, "print", 3, I (1), I (2), I (3)), "None");
  expect (call_kw (builtins_mod, "print", 3, 1, I (1), I (2), I (3), "sep", sep), "None");
  expect (call_kw (builtins_mod, "print", 2, 2, S ("a"), S ("b"), "sep", S (""), "end", S ("")),
          "None");
  expect (call_kw (builtins_mod, "print", 1, 1, S (" <- continued"), "flush", RT_TRUE), "None");
  expect (call (builtins_mod, "print", 0), "None");
  expect (call_kw (builtins_mod, "print", 6, 2, RT_NONE, RT_TRUE, F (1.0), L (2, I (1), S ("a")),
                   T (1, I (1)), T (0), "sep", RT_NONE, "end", RT_NONE),
          "None");
  g_assert_cmpstr (output->str, ==,
                   "1 2 3\n1-2-3\nab <- continued\n\nNone True 1.0 [1, 'a'] (1,) ()\n");

  g_string_truncate (output, 0);
  expect_error (call_kw (builtins_mod, "print", 0, 1, "sep", I (1)),
                "TypeError: sep must be None or a string, not int");
  expect_error (call_kw (builtins_mod, "print", 0, 1, "end", I (1)),
                "TypeError: end must be None or a string, not int");
  expect_error (call_kw (builtins_mod, "print", 1, 1, I (1), "foo", I (1)),
                "TypeError: 'foo' is an invalid keyword argument for print()");
  expect_error (call_kw (builtins_mod, "print", 1, 5, I (1), "sep", S (""), "end", S (""),
                         "file", RT_NONE, "flush", RT_FALSE, "x", I (1)),
                "TypeError: 'x' is an invalid keyword argument for print()");
  expect_error (call_kw (builtins_mod, "print", 0, 1, "file", I (1)),
                "AttributeError: 'int' object has no attribute 'write'");
  g_assert_cmpstr (output->str, ==, "");

  /* Through sys.stdout's write(), and to sys.stderr. */
  expect (call_kw (builtins_mod, "print", 2, 1, S ("to"), S ("stdout"), "file",
                   attr (sys_mod, "stdout")),
          "None");
  g_assert_cmpstr (output->str, ==, "to stdout\n");
  g_string_truncate (output, 0);
  expect (call_kw (builtins_mod, "print", 1, 2, S ("(stderr)"), "file", attr (sys_mod, "stderr"),
                   "end", S (" ")),
          "None");
  g_assert_cmpstr (output->str, ==, "");
}

static void
test_sys (void)
{
  RtObject *list = L (0), *result, *text;

  /* Called from C, no value stack holds the argument: the count is the
   * pool's one reference (test_programs checks the interpreter's 2). */
  expect (call (sys_mod, "getrefcount", 1, list), "1");
  expect (call (sys_mod, "getrefcount", 1, L (1, list)), "1");
  expect (call (sys_mod, "getrefcount", 1, list), "2");
  expect_error (call (sys_mod, "getrefcount", 0),
                "TypeError: sys.getrefcount() takes exactly one argument (0 given)");
  expect_error (call_kw (sys_mod, "getrefcount", 1, 1, list, "x", I (2)),
                "TypeError: sys.getrefcount() takes no keyword arguments");

  expect (call (sys_mod, "getsizeof", 1, L (0)), "56");
  expect (call (sys_mod, "getsizeof", 1, I (1)), "28");
  expect (call (sys_mod, "getsizeof", 2, I (1), S ("d")), "28");
  expect_error (call (sys_mod, "getsizeof", 0),
                "TypeError: getsizeof() missing required argument 'object' (pos 1)");
  expect_error (call (sys_mod, "getsizeof", 3, I (1), I (2), I (3)),
                "TypeError: getsizeof() takes at most 2 arguments (3 given)");
  expect_error (call_kw (sys_mod, "getsizeof", 1, 2, I (1), "default", I (2), "x", I (3)),
                "TypeError: getsizeof() takes at most 2 arguments (3 given)");

  text = P (rt_str_from_cstr ("hello world"));
  g_assert_false (rt_str_is_interned (text));
  result = call (sys_mod, "intern", 1, text);
  g_assert_true (result == text);
  g_assert_true (rt_str_is_interned (text));
  rt_decref (result);
  expect_error (call (sys_mod, "intern", 1, I (1)), "TypeError: intern() argument must be str, not int");
  expect_error (call (sys_mod, "intern", 0),
                "TypeError: sys.intern() takes exactly one argument (0 given)");

  expect (call (sys_mod, "getrecursionlimit", 0), "1000");
  expect (call (sys_mod, "setrecursionlimit", 1, I (2000)), "None");
  expect (call (sys_mod, "getrecursionlimit", 0), "2000");
  expect (call (sys_mod, "setrecursionlimit", 1, I (1000)), "None");
  expect_error (call (sys_mod, "setrecursionlimit", 1, I (0)),
                "ValueError: recursion limit must be greater or equal than 1");
  expect_error (call (sys_mod, "setrecursionlimit", 1, F (1.5)),
                "TypeError: 'float' object cannot be interpreted as an integer");
  expect_error (call (sys_mod, "setrecursionlimit", 1, I (INT64_C (1) << 40)),
                "OverflowError: Python int too large to convert to C int");
  expect_error (call (sys_mod, "getrecursionlimit", 1, I (1)),
                "TypeError: sys.getrecursionlimit() takes no arguments (1 given)");

  expect (call (sys_mod, "get_int_max_str_digits", 0), "4300");
  expect (call (sys_mod, "set_int_max_str_digits", 1, I (0)), "None");
  expect (call (sys_mod, "get_int_max_str_digits", 0), "0");
  expect (call_kw (sys_mod, "set_int_max_str_digits", 0, 1, "maxdigits", I (4300)), "None");
  expect_error (call (sys_mod, "set_int_max_str_digits", 1, I (5)),
                "ValueError: maxdigits must be 0 or larger than 640");
  expect_error (call (sys_mod, "set_int_max_str_digits", 0),
                "TypeError: set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)");

  expect_error (call (sys_mod, "exit", 0), "SystemExit");
  expect_error (call (sys_mod, "exit", 1, I (3)), "SystemExit: 3");
  expect_error (call (sys_mod, "exit", 1, S ("msg")), "SystemExit: msg");
  expect_error (call (sys_mod, "exit", 2, I (1), I (2)), "TypeError: exit expected at most 1 argument, got 2");
  expect_error (call_kw (sys_mod, "exit", 0, 1, "x", I (1)),
                "TypeError: sys.exit() takes no keyword arguments");

  g_assert_cmpstr (repr_of (attr (sys_mod, "version_info")), ==, "(3, 11, 7, 'final', 0)");
  g_assert_cmpstr (repr_of (attr (sys_mod, "maxsize")), ==, "9223372036854775807");
  g_assert_cmpstr (repr_of (attr (sys_mod, "byteorder")), ==, "'little'");
  g_assert_cmpstr (repr_of (attr (sys_mod, "platform")), ==, "'linux'");
  g_assert_cmpstr (repr_of (attr (sys_mod, "argv")), ==, "['']");
  g_assert_cmpstr (repr_of (attr (sys_mod, "stdout")), ==,
                   "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>");

  /* sys.stdout.write() returns the length in characters. */
  result = rt_call_method (attr (sys_mod, "stdout"), "write", &text, 1);
  expect (result, "11");
  g_assert_cmpstr (output->str, ==, "hello world");
  result = rt_call_method (attr (sys_mod, "stdout"), "write", (RtObject *[]){ I (1) }, 1);
  expect_error (result, "TypeError: write() argument must be str, not int");
}

/* Two lists that hold each other, made in C. */
static void
make_cycle (void)
{
  RtObject *a = rt_list_new (0), *b = rt_list_new (0);

  g_assert_cmpint (rt_list_append (a, b), ==, 0);
  g_assert_cmpint (rt_list_append (b, a), ==, 0);
  rt_decref (a);
  rt_decref (b);
}

/* gc.get_stats()[generation][key] */
static int64_t
stat (RtObject *stats, int generation, const char *key)
{
  RtObject *value = rt_dict_get_item_cstr (RT_LIST_ITEMS (stats)[generation], key);
  int64_t n;

  g_assert_nonnull (value);
  g_assert_true (rt_int_to_i64 (value, &n));
  return n;
}

/* Collects whatever setting up the runtime and the modules left. */
static void
collect_first (void)
{
  RtObject *n = call (gc_mod, "collect", 0);

  assert_no_error ();
  rt_decref (n);
}

static void
test_gc_collect (void)
{
  RtObject *before, *after;

  collect_first ();
  before = P (call (gc_mod, "get_stats", 0));
  /* CPython's keys, in its order. */
  g_assert_cmpstr (repr_of (RT_LIST_ITEMS (before)[0]), ==,
                   keep (g_strdup_printf ("{'collections': %" G_GINT64_FORMAT
                                          ", 'collected': %" G_GINT64_FORMAT
                                          ", 'uncollectable': 0}",
                                          stat (before, 0, "collections"),
                                          stat (before, 0, "collected"))));
  expect (call (gc_mod, "collect", 0), "0");
  make_cycle ();
  expect (call (gc_mod, "collect", 0), "2");
  make_cycle ();
  make_cycle ();
  expect (call_kw (gc_mod, "collect", 0, 1, "generation", I (0)), "4");
  expect (call (gc_mod, "collect", 1, I (2)), "0");

  after = P (call (gc_mod, "get_stats", 0));
  g_assert_cmpint (RT_LIST_SIZE (after), ==, 3);
  g_assert_cmpint (stat (after, 0, "collections") - stat (before, 0, "collections"), ==, 1);
  g_assert_cmpint (stat (after, 0, "collected") - stat (before, 0, "collected"), ==, 4);
  g_assert_cmpint (stat (after, 1, "collections") - stat (before, 1, "collections"), ==, 0);
  g_assert_cmpint (stat (after, 2, "collections") - stat (before, 2, "collections"), ==, 3);
  g_assert_cmpint (stat (after, 2, "collected") - stat (before, 2, "collected"), ==, 2);
  g_assert_cmpint (stat (after, 2, "uncollectable"), ==, 0);

  expect_error (call (gc_mod, "collect", 1, I (3)), "ValueError: invalid generation");
  expect_error (call (gc_mod, "collect", 1, I (-1)), "ValueError: invalid generation");
  expect_error (call_kw (gc_mod, "collect", 0, 1, "generation", I (3)),
                "ValueError: invalid generation");
  expect_error (call (gc_mod, "collect", 1, S ("a")),
                "TypeError: 'str' object cannot be interpreted as an integer");
  expect_error (call (gc_mod, "collect", 1, F (1.5)),
                "TypeError: 'float' object cannot be interpreted as an integer");
  expect_error (call (gc_mod, "collect", 2, I (1), I (2)),
                "TypeError: collect() takes at most 1 argument (2 given)");
  expect_error (call_kw (gc_mod, "collect", 0, 1, "gen", I (1)),
                "TypeError: 'gen' is an invalid keyword argument for collect()");
  expect_error (call_kw (gc_mod, "collect", 0, 2, "generation", I (1), "x", I (2)),
                "TypeError: collect() takes at most 1 keyword argument (2 given)");
}

static void
test_gc_settings (void)
{
  expect (call (gc_mod, "get_threshold", 0), "(700, 10, 10)");
  expect (call (gc_mod, "isenabled", 0), "True");
  expect (call (gc_mod, "disable", 0), "None");
  expect (call (gc_mod, "isenabled", 0), "False");
  expect (call (gc_mod, "enable", 0), "None");
  expect (call (gc_mod, "isenabled", 0), "True");
  expect_error (call (gc_mod, "enable", 1, I (1)), "TypeError: gc.enable() takes no arguments (1 given)");
  expect_error (call (gc_mod, "get_count", 1, I (1)),
                "TypeError: gc.get_count() takes no arguments (1 given)");

  expect (call (gc_mod, "set_threshold", 1, I (500)), "None");
  expect (call (gc_mod, "get_threshold", 0), "(500, 10, 10)");
  expect (call (gc_mod, "set_threshold", 3, I (700), I (20), I (30)), "None");
  expect (call (gc_mod, "get_threshold", 0), "(700, 20, 30)");
  /* The first threshold is stored before the second one fails. */
  expect_error (call (gc_mod, "set_threshold", 2, I (5), S ("a")),
                "TypeError: 'str' object cannot be interpreted as an integer");
  expect (call (gc_mod, "get_threshold", 0), "(5, 20, 30)");
  expect (call (gc_mod, "set_threshold", 3, I (700), I (10), I (10)), "None");
  expect_error (call (gc_mod, "set_threshold", 0),
                "TypeError: set_threshold() takes at least 1 argument (0 given)");
  expect_error (call (gc_mod, "set_threshold", 4, I (1), I (2), I (3), I (4)),
                "TypeError: set_threshold() takes at most 3 arguments (4 given)");
  expect_error (call_kw (gc_mod, "set_threshold", 0, 1, "x", I (1)),
                "TypeError: set_threshold() takes no keyword arguments");
  expect_error (call (gc_mod, "set_threshold", 1, I (INT64_C (1) << 40)),
                "OverflowError: signed integer is greater than maximum");
  expect (call (gc_mod, "get_threshold", 0), "(700, 10, 10)");

  expect (call (gc_mod, "get_debug", 0), "0");
  expect (call (gc_mod, "set_debug", 1, attr (gc_mod, "DEBUG_LEAK")), "None");
  expect (call (gc_mod, "get_debug", 0), "38");
  expect (call (gc_mod, "set_debug", 1, I (0)), "None");
  expect_error (call (gc_mod, "set_debug", 0),
                "TypeError: gc.set_debug() takes exactly one argument (0 given)");
  g_assert_cmpstr (repr_of (attr (gc_mod, "DEBUG_STATS")), ==, "1");
  g_assert_cmpstr (repr_of (attr (gc_mod, "DEBUG_COLLECTABLE")), ==, "2");
  g_assert_cmpstr (repr_of (attr (gc_mod, "DEBUG_UNCOLLECTABLE")), ==, "4");
  g_assert_cmpstr (repr_of (attr (gc_mod, "DEBUG_SAVEALL")), ==, "32");
  g_assert_cmpstr (repr_of (attr (gc_mod, "callbacks")), ==, "[]");
  g_assert_true (attr (gc_mod, "garbage") == rt_gc_garbage ());
}

static void
test_gc_count (void)
{
  RtObject *a, *b, *c;

  collect_first ();
  /* The counts are read before the result tuple, itself counted. */
  expect (call (gc_mod, "get_count", 0), "(0, 0, 0)");
  a = rt_list_new (0);
  b = rt_list_new (0);
  c = rt_list_new (0);
  /* The first tuple went to the free list without being uncounted. */
  expect (call (gc_mod, "get_count", 0), "(4, 0, 0)");
  rt_decref (a);
  expect (call (gc_mod, "get_count", 0), "(4, 0, 0)");
  expect (call (gc_mod, "collect", 1, I (0)), "0");
  expect (call (gc_mod, "get_count", 0), "(0, 1, 0)");
  expect (call (gc_mod, "collect", 1, I (1)), "0");
  expect (call (gc_mod, "get_count", 0), "(0, 0, 1)");
  rt_decref (b);
  rt_decref (c);
}

static void
test_gc_tracking (void)
{
  RtObject *list = L (0), *dict = P (rt_dict_new ()), *t;

  expect (call (gc_mod, "is_tracked", 1, I (1)), "False");
  expect (call (gc_mod, "is_tracked", 1, S ("abc")), "False");
  expect (call (gc_mod, "is_tracked", 1, RT_NONE), "False");
  expect (call (gc_mod, "is_tracked", 1, &rt_int_type.ob), "False");
  expect (call (gc_mod, "is_tracked", 1, list), "True");
  expect (call (gc_mod, "is_tracked", 1, dict), "False");
  g_assert_cmpint (rt_dict_set_item_cstr (dict, "k", list), ==, 0);
  expect (call (gc_mod, "is_tracked", 1, dict), "True");
  t = T (2, I (1), I (2));
  expect (call (gc_mod, "is_tracked", 1, t), "True");
  collect_first ();
  expect (call (gc_mod, "is_tracked", 1, t), "False");
  expect (call (gc_mod, "is_finalized", 1, list), "False");
  expect (call (gc_mod, "is_finalized", 1, I (1)), "False");
  expect_error (call (gc_mod, "is_tracked", 0),
                "TypeError: gc.is_tracked() takes exactly one argument (0 given)");
  expect_error (call (gc_mod, "is_tracked", 2, list, list),
                "TypeError: gc.is_tracked() takes exactly one argument (2 given)");
}

static void
test_gc_referents (void)
{
  RtObject *x = L (1, I (10));

  expect (call (gc_mod, "get_referents", 1, L (3, I (1), I (2), I (3))), "[3, 2, 1]");
  expect (call (gc_mod, "get_referents", 1, L (2, S ("a"), S ("b"))), "['b', 'a']");
  expect (call (gc_mod, "get_referents", 1, T (2, I (5), I (4))), "[4, 5]");
  expect (call (gc_mod, "get_referents", 1, L (0)), "[]");
  expect (call (gc_mod, "get_referents", 0), "[]");
  expect (call (gc_mod, "get_referents", 1, I (1)), "[]");
  expect (call (gc_mod, "get_referents", 1, S ("abc")), "[]");
  expect (call (gc_mod, "get_referents", 1, &rt_int_type.ob), "[]");
  expect (call (gc_mod, "get_referents", 3, I (1), I (2), L (1, I (3))), "[3]");
  expect (call (gc_mod, "get_referents", 2, L (1, I (1)), T (1, I (2))), "[1, 2]");
  expect (call (gc_mod, "get_referents", 1, L (2, x, I (20))), "[20, [10]]");
  expect_error (call_kw (gc_mod, "get_referents", 0, 1, "x", I (1)),
                "TypeError: get_referents() takes no keyword arguments");
}

static void
test_gc_referrers (void)
{
  RtObject *x = L (0), *holder = L (1, x), *other = P (rt_dict_new ()), *refs;

  g_assert_cmpint (rt_dict_set_item_cstr (other, "k", x), ==, 0);
  refs = P (call (gc_mod, "get_referrers", 1, x));
  /* Generation by generation, oldest object first: the holder was tracked
   * at birth, the dict when x went into it. */
  g_assert_cmpint (RT_LIST_SIZE (refs), ==, 2);
  g_assert_true (RT_LIST_ITEMS (refs)[0] == holder);
  g_assert_true (RT_LIST_ITEMS (refs)[1] == other);
  /* After a collection both are in generation 2, in the same order. */
  collect_first ();
  refs = P (call (gc_mod, "get_referrers", 2, x, I (123456)));
  g_assert_cmpint (RT_LIST_SIZE (refs), ==, 2);
  g_assert_true (RT_LIST_ITEMS (refs)[0] == holder);
  /* The earlier result lists refer to x's holders, not to x. */
  expect (call (gc_mod, "get_referrers", 0), "[]");
  expect_error (call_kw (gc_mod, "get_referrers", 0, 1, "x", I (1)),
                "TypeError: get_referrers() takes no keyword arguments");
}

static void
test_gc_objects_garbage_freeze (void)
{
  RtObject *x = L (0), *objects, *garbage = attr (gc_mod, "garbage"), *freeze_count;
  int64_t frozen;

  objects = P (call (gc_mod, "get_objects", 0));
  g_assert_cmpint (rt_contains (objects, x), ==, 1);
  objects = P (call (gc_mod, "get_objects", 1, I (2)));
  g_assert_cmpint (rt_contains (objects, x), ==, 0);
  objects = P (call_kw (gc_mod, "get_objects", 0, 1, "generation", RT_NONE));
  g_assert_cmpint (rt_contains (objects, objects), ==, 0);
  expect_error (call (gc_mod, "get_objects", 1, I (3)),
                "ValueError: generation parameter must be less than the number of available "
                "generations (3)");
  expect_error (call (gc_mod, "get_objects", 1, I (-2)),
                "ValueError: generation parameter cannot be negative");
  expect_error (call (gc_mod, "get_objects", 1, S ("a")),
                "TypeError: argument should be integer or None, not 'str'");

  /* DEBUG_SAVEALL keeps the garbage in gc.garbage. */
  collect_first ();
  expect (call (gc_mod, "set_debug", 1, attr (gc_mod, "DEBUG_SAVEALL")), "None");
  make_cycle ();
  expect (call (gc_mod, "collect", 0), "2");
  g_assert_cmpint (RT_LIST_SIZE (garbage), ==, 2);
  g_assert_true (attr (gc_mod, "garbage") == garbage);
  expect (call (gc_mod, "set_debug", 1, I (0)), "None");
  expect (rt_call_method (garbage, "clear", NULL, 0), "None");
  expect (call (gc_mod, "collect", 0), "2");

  expect (call (gc_mod, "get_freeze_count", 0), "0");
  make_cycle ();
  expect (call (gc_mod, "freeze", 0), "None");
  freeze_count = call (gc_mod, "get_freeze_count", 0);
  g_assert_true (rt_int_to_i64 (freeze_count, &frozen));
  g_assert_cmpint (frozen, >=, 3);
  rt_decref (freeze_count);
  expect (call (gc_mod, "collect", 0), "0");
  expect (call (gc_mod, "unfreeze", 0), "None");
  expect (call (gc_mod, "get_freeze_count", 0), "0");
  expect (call (gc_mod, "collect", 0), "2");
}

/* Programs run by the interpreter, for what needs frames. */

static void
append_output (const char *bytes, size_t length, void *user)
{
  g_string_append_len ((GString *) user, bytes, (gssize) length);
}

/* Runs source as refscope-cli would; returns its output followed by the
 * last line of the traceback if it failed. */
static char *
run_program (const char *source)
{
  /* The interpreter keeps its output callback after lang_interp_fini, and
   * later tests print without starting it again: the buffer outlives them. */
  static GString *out;
  LangRunOptions options = { .output = append_output };
  char *errors = NULL;
  size_t errors_size = 0;
  FILE *err = open_memstream (&errors, &errors_size);
  LangRunStatus status;

  if (out == NULL)
    out = g_string_new (NULL);
  g_string_truncate (out, 0);
  options.output_user = out;
  g_assert_true (rt_runtime_init ());
  g_assert_true (lang_interp_init ());
  status = lang_run_source ("<test>", source, strlen (source), &options, err);
  lang_interp_fini ();
  rt_runtime_fini ();
  fclose (err);
  if (status != LANG_RUN_OK)
    {
      gchar **lines = g_strsplit (g_strchomp (errors), "\n", -1);
      guint n = g_strv_length (lines);
      g_string_append_printf (out, "%s\n", n > 0 ? lines[n - 1] : "?");
      g_strfreev (lines);
    }
  free (errors);
  return g_strdup (out->str);
}

static void
check_program (const char *source, const char *expected)
{
  char *got = run_program (source);

  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

/* Each program deletes the functions and classes it made: the interpreter
 * leaves the program's objects to the runtime, which frees its arenas
 * without running deallocators, and code objects keep malloc'd buffers;
 * the valgrind setup would count those as leaks of this test. */
static void
test_programs (void)
{
  check_program ("import sys\n"
                 "a = []\n"
                 "print(sys.getrefcount(a))\n"
                 "b = a\n"
                 "print(sys.getrefcount(a))\n"
                 "c = [a, a]\n"
                 "print(sys.getrefcount(a))\n",
                 "2\n3\n5\n");
  check_program ("x = 1\n"
                 "print(locals() is globals(), vars() is globals())\n"
                 "def f(a, b):\n"
                 "    c = a + b\n"
                 "    return locals()\n"
                 "print(f(1, 2))\n"
                 "def g():\n"
                 "    v = 1\n"
                 "    return dir()\n"
                 "print(g())\n"
                 "del f, g\n",
                 "True True\n{'a': 1, 'b': 2, 'c': 3}\n['v']\n");
  check_program ("import gc\n"
                 "x = []\n"
                 "holder = [x]\n"
                 "refs = gc.get_referrers(x)\n"
                 "print(len(refs))\n"
                 "print(refs[0] is globals() or refs[1] is globals())\n"
                 "print(refs[0] is holder or refs[1] is holder)\n",
                 "2\nTrue\nTrue\n");
  check_program ("import gc\n"
                 "def f():\n"
                 "    gc.collect()\n"
                 "    a = [1]\n"
                 "    b = [2]\n"
                 "    c = {'k': []}\n"
                 "    return gc.get_count()\n"
                 "print(f())\n"
                 "del f\n",
                 "(4, 0, 0)\n");
  check_program ("print(sorted([3, 1, 2], key=lambda v: -v))\n"
                 "print(max([1, 5, 5, 2], key=lambda v: v % 5))\n"
                 "print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))\n"
                 "print(list(filter(lambda v: v > 1, [1, 2, 3])))\n"
                 "print(list(iter([3, 0, 1].pop, 0)))\n"
                 "print(sum([[1], [2]], []))\n",
                 "[3, 2, 1]\n2\n[11, 22]\n[2, 3]\n[1]\n[1, 2]\n");
  check_program ("import sys\n"
                 "def f():\n"
                 "    try:\n"
                 "        sys.setrecursionlimit(2)\n"
                 "    except RecursionError as e:\n"
                 "        print(e)\n"
                 "f()\n"
                 "del f\n"
                 "sys.setrecursionlimit(1)\n",
                 "cannot set the recursion limit to 2 at the recursion depth 3: the limit is too "
                 "low\n"
                 "RecursionError: cannot set the recursion limit to 1 at the recursion depth 2: "
                 "the limit is too low\n");
  check_program ("class C:\n"
                 "    def __sizeof__(self):\n"
                 "        return 100\n"
                 "import sys\n"
                 "print(sys.getsizeof(C()))\n"
                 "print(isinstance(C(), C), issubclass(C, object), callable(C))\n"
                 "print(print(1, 'a', sep='|', end='!\\n'))\n"
                 "del C\n"
                 "import gc\n"
                 "gc.collect()\n",
                 "132\nTrue True True\n1|a!\nNone\n");
  check_program ("print(1, 2)\nprint(len(5))\n", "1 2\nTypeError: object of type 'int' has no len()\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  add ("/builtins/module-contents", test_module_contents);
  add ("/builtins/len-id-repr-hash", test_len_id_repr_hash);
  add ("/builtins/abs-callable-any-all", test_abs_callable_any_all);
  add ("/builtins/min-max", test_min_max);
  add ("/builtins/sum", test_sum);
  add ("/builtins/sorted-reversed", test_sorted_reversed);
  add ("/builtins/iter-next", test_iter_next);
  add ("/builtins/number-text", test_number_text);
  add ("/builtins/round", test_round);
  add ("/builtins/divmod-pow", test_divmod_pow);
  add ("/builtins/map-filter", test_map_filter);
  add ("/builtins/isinstance-issubclass", test_isinstance_issubclass);
  add ("/builtins/attributes", test_attributes);
  add ("/builtins/dir", test_dir);
  add ("/builtins/print", test_print);
  add ("/sys/functions", test_sys);
  add ("/gc/collect", test_gc_collect);
  add ("/gc/settings", test_gc_settings);
  add ("/gc/count", test_gc_count);
  add ("/gc/tracking", test_gc_tracking);
  add ("/gc/referents", test_gc_referents);
  add ("/gc/referrers", test_gc_referrers);
  add ("/gc/objects-garbage-freeze", test_gc_objects_garbage_freeze);
  g_test_add_func ("/builtins/programs", test_programs);
  return g_test_run ();
}
