/* test-classes.c: classes and instances, dunder methods through the type's
 * slots, attributes inline and in __dict__, descriptors, super, calls,
 * built-in functions and methods, modules, and exceptions, against what
 * CPython 3.11 does. Python functions are stood in for by function objects
 * whose __code__ is an int naming a C function, run by the call hook. */
#include "rt-test.h"

#include <string.h>

typedef RtObject *(*TestFn) (RtObject *const *args, size_t nargs, RtObject *kwnames);

#define MAX_FNS 64
static TestFn fns[MAX_FNS];
static int n_fns;

static RtObject *
call_hook (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtFunction *f = (RtFunction *) callable;
  int64_t i = -1;

  g_assert_true (rt_int_to_i64 (f->code, &i));
  g_assert_cmpint (i, >=, 0);
  g_assert_cmpint (i, <, n_fns);
  return fns[i](args, nargs, kwnames);
}

/* The references the test's own variables hold, shown to the heap
 * invariant as the embedder's roots. */
static RtObject *held[16];
static int n_held;

static void
visit_held (void (*visit) (RtObject *target, void *arg), void *arg, void *user)
{
  for (int i = 0; i < n_held; i++)
    visit (held[i], arg);
}

/* Checks the heap invariant counting n references held by the test. */
static void
assert_heap_holding (int n, ...)
{
  va_list ap;

  va_start (ap, n);
  for (n_held = 0; n_held < n; n_held++)
    held[n_held] = va_arg (ap, RtObject *);
  va_end (ap);
  rt_test_assert_heap ();
  n_held = 0;
}

static void
setup (void)
{
  static const RtHooks hooks = { .call_function = call_hook, .visit_roots = visit_held };

  rt_runtime_set_hooks (&hooks);
  n_fns = 0;
}

/* A function named by its qualname ("C.__init__") running fn; new ref. */
static RtObject *
func (const char *qualname, TestFn fn)
{
  const char *dot = strrchr (qualname, '.');
  RtObject *code, *globals, *name, *qual, *f;

  g_assert_cmpint (n_fns, <, MAX_FNS);
  fns[n_fns] = fn;
  code = rt_int_from_i64 (n_fns++);
  globals = rt_dict_new ();
  name = rt_test_str ("__main__");
  g_assert_cmpint (rt_dict_set_item_cstr (globals, "__name__", name), ==, 0);
  rt_decref (name);
  name = rt_test_str (dot ? dot + 1 : qualname);
  qual = rt_test_str (qualname);
  f = rt_function_new (code, globals, name, qual);
  g_assert_nonnull (f);
  rt_decref (code);
  rt_decref (globals);
  rt_decref (name);
  rt_decref (qual);
  return f;
}

/* class NAME(bases): key = value... (values stolen), as a class statement
 * builds its namespace. */
static RtObject *
make_class (const char *name, RtObject *bases, ...)
{
  RtObject *ns = rt_dict_new ();
  RtObject *n = rt_test_str (name);
  RtObject *module = rt_test_str ("__main__");
  RtObject *cls;
  const char *key;
  va_list ap;

  rt_dict_set_item_cstr (ns, "__module__", module);
  rt_dict_set_item_cstr (ns, "__qualname__", n);
  va_start (ap, bases);
  while ((key = va_arg (ap, const char *)) != NULL)
    {
      RtObject *value = va_arg (ap, RtObject *);
      g_assert_cmpint (rt_dict_set_item_cstr (ns, key, value), ==, 0);
      rt_decref (value);
    }
  va_end (ap);
  if (bases == NULL)
    bases = rt_tuple_empty ();
  cls = rt_class_new (n, bases, ns);
  rt_test_assert_no_error ();
  g_assert_nonnull (cls);
  rt_decref (ns);
  rt_decref (n);
  rt_decref (module);
  return cls;
}

static RtObject *
attr (RtObject *obj, const char *name)
{
  RtObject *res = rt_getattr_cstr (obj, name);

  rt_test_assert_no_error ();
  g_assert_nonnull (res);
  return res;
}

static void
set_attr (RtObject *obj, const char *name, RtObject *value)
{
  RtObject *key = rt_test_str (name);

  g_assert_cmpint (rt_setattr (obj, key, value), ==, 0);
  rt_decref (key);
}

/* Fails unless the current exception is type with exactly this message. */
static void
assert_error (RtType *type, const char *message)
{
  RtObject *exc, *s;

  g_assert_true (rt_error_occurred ());
  exc = rt_error_fetch ();
  s = rt_str (exc);
  g_assert_nonnull (s);
  if (RT_TYPE (exc) != type)
    g_error ("expected %s, got %s: %s", type->name, RT_TYPE (exc)->name, rt_str_utf8 (s));
  g_assert_cmpstr (rt_str_utf8 (s), ==, message);
  rt_decref (s);
  rt_decref (exc);
}

static void
assert_str (RtObject *obj, const char *expected)
{
  g_assert_nonnull (obj);
  g_assert_true (rt_is_str (obj));
  g_assert_cmpstr (rt_str_utf8 (obj), ==, expected);
  rt_decref (obj);
}

static void
assert_int (RtObject *obj, int64_t expected)
{
  int64_t v = 0;

  rt_test_assert_no_error ();
  g_assert_nonnull (obj);
  g_assert_true (rt_int_to_i64 (obj, &v));
  g_assert_cmpint (v, ==, expected);
  rt_decref (obj);
}

/* Python functions used as methods. */

static RtObject *
fn_init_x (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  g_assert_cmpuint (nargs, ==, 2);
  set_attr (args[0], "x", args[1]);
  return rt_none_new ();
}

static RtObject *
fn_repr_point (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *x = rt_getattr_cstr (args[0], "x");
  RtObject *res;

  if (x == NULL)
    return NULL;
  res = rt_str_from_format ("Point(%R)", x);
  rt_decref (x);
  return res;
}

static RtObject *
fn_return_self (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_newref (args[0]);
}

static RtObject *
fn_return_true (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_bool_new (true);
}

static RtObject *
fn_return_42 (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_int_from_i64 (42);
}

static RtObject *
fn_return_3 (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_int_from_i64 (3);
}

static RtObject *
fn_add (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  g_assert_cmpuint (nargs, ==, 2);
  return rt_str_from_cstr ("add");
}

static RtObject *
fn_radd (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  g_assert_cmpuint (nargs, ==, 2);
  return rt_str_from_cstr ("radd");
}

static RtObject *
fn_not_implemented (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_newref (RT_NOT_IMPLEMENTED);
}

/* __getitem__(self, i): i * 10 for i < 3, else IndexError. */
static RtObject *
fn_getitem (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t i = 0;

  g_assert_cmpuint (nargs, ==, 2);
  g_assert_true (rt_int_to_i64 (args[1], &i));
  if (i >= 3)
    {
      rt_error_format (&rt_exc_IndexError, "index out of range");
      return NULL;
    }
  return rt_int_from_i64 (i * 10);
}

static RtObject *
fn_str_hello (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_str_from_cstr ("hello");
}

static RtObject *
fn_return_int (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_int_from_i64 (7);
}

/* Classes, instances and their counts. */

static void
test_class_basics (void)
{
  RtObject *cls, *obj, *r, *x;

  setup ();
  cls = make_class ("Point", NULL, "__init__", func ("Point.__init__", fn_init_x), NULL);
  g_assert_true (rt_is_type (cls));
  g_assert_cmpstr (rt_test_repr (cls), ==, "<class '__main__.Point'>");
  assert_str (attr (cls, "__name__"), "Point");
  assert_str (attr (cls, "__qualname__"), "Point");
  assert_str (attr (cls, "__module__"), "__main__");
  g_assert_cmpstr (rt_test_repr (r = attr (cls, "__bases__")), ==, "(<class 'object'>,)");
  rt_decref (r);
  g_assert_cmpstr (rt_test_repr (r = attr (cls, "__mro__")), ==,
                   "(<class '__main__.Point'>, <class 'object'>)");
  rt_decref (r);
  r = attr (cls, "__doc__");
  g_assert_true (r == RT_NONE);
  rt_decref (r);
  r = attr (cls, "__class__");
  g_assert_true (r == (RtObject *) &rt_type_type);
  rt_decref (r);

  /* Point(1000): one reference to the class per instance, one to x. */
  uint32_t cls_count = RT_REFCNT (cls);
  x = rt_int_from_i64 (1000);
  obj = rt_call_one (cls, x);
  rt_test_assert_no_error ();
  g_assert_nonnull (obj);
  g_assert_true (RT_TYPE (obj) == (RtType *) cls);
  g_assert_cmpuint (RT_REFCNT (cls), ==, cls_count + 1);
  g_assert_cmpuint (RT_REFCNT (x), ==, 2);
  g_assert_cmpuint (RT_REFCNT (obj), ==, 1);
  g_assert_true (rt_gc_is_tracked (obj));
  assert_heap_holding (3, cls, obj, x);

  r = attr (obj, "x");
  g_assert_true (r == x);
  rt_decref (r);
  r = attr (obj, "__class__");
  g_assert_true (r == cls);
  rt_decref (r);
  g_assert_true (g_str_has_prefix (rt_test_repr (obj), "<__main__.Point object at 0x7f"));

  /* sys.getsizeof: 56 for the instance, 1688 for a class with a managed
   * dict, as 3.11. */
  g_assert_cmpuint (rt_object_sizeof (obj), ==, 56);
  g_assert_cmpuint (rt_object_sizeof (cls), ==, 1688);
  g_assert_cmpuint (rt_object_sizeof ((RtObject *) &rt_int_type), ==, 424);

  rt_decref (obj);
  g_assert_cmpuint (RT_REFCNT (cls), ==, cls_count);
  g_assert_cmpuint (RT_REFCNT (x), ==, 1);
  rt_decref (x);
  rt_decref (cls);
}

static void
test_instantiation_errors (void)
{
  RtObject *cls, *one, *r;

  setup ();
  cls = make_class ("C", NULL, NULL);
  one = rt_int_from_i64 (1);
  g_assert_null (rt_call_one (cls, one));
  assert_error (&rt_exc_TypeError, "C() takes no arguments");
  g_assert_null (rt_call_one ((RtObject *) &rt_object_type, one));
  assert_error (&rt_exc_TypeError, "object() takes no arguments");

  /* object.__init__(c, 1): C overrides neither. */
  RtObject *c = rt_call_noargs (cls);
  RtObject *init = attr ((RtObject *) &rt_object_type, "__init__");
  RtObject *args[2] = { c, one };
  g_assert_null (rt_call (init, args, 2, NULL));
  assert_error (&rt_exc_TypeError,
                "C.__init__() takes exactly one argument (the instance to initialize)");
  g_assert_null (rt_call (init, NULL, 0, NULL));
  assert_error (&rt_exc_TypeError, "descriptor '__init__' of 'object' object needs an argument");
  g_assert_cmpstr (rt_test_repr (init), ==, "<slot wrapper '__init__' of 'object' objects>");
  rt_decref (init);

  /* object.__new__(int) and friends. */
  RtObject *new_ = attr ((RtObject *) &rt_object_type, "__new__");
  g_assert_true (g_str_has_prefix (rt_test_repr (new_), "<built-in method __new__ of type object at 0x"));
  g_assert_null (rt_call_one (new_, one));
  assert_error (&rt_exc_TypeError, "object.__new__(X): X is not a type object (int)");
  g_assert_null (rt_call_one (new_, (RtObject *) &rt_int_type));
  assert_error (&rt_exc_TypeError, "object.__new__(int) is not safe, use int.__new__()");
  g_assert_null (rt_call (new_, NULL, 0, NULL));
  assert_error (&rt_exc_TypeError, "object.__new__(): not enough arguments");
  r = rt_call_one (new_, cls);
  g_assert_true (RT_TYPE (r) == (RtType *) cls);
  rt_decref (r);
  rt_decref (new_);

  /* type() with the wrong number of arguments. */
  g_assert_null (rt_call ((RtObject *) &rt_type_type, NULL, 0, NULL));
  assert_error (&rt_exc_TypeError, "type() takes 1 or 3 arguments");
  r = rt_call_one ((RtObject *) &rt_type_type, one);
  g_assert_true (r == (RtObject *) &rt_int_type);
  rt_decref (r);

  rt_decref (c);
  rt_decref (one);
  rt_decref (cls);
}

static void
test_type_three_args (void)
{
  RtObject *name = rt_test_str ("X");
  RtObject *bases = rt_tuple_new (0);
  RtObject *ns = rt_dict_new ();
  RtObject *args[3] = { name, bases, ns };
  RtObject *cls, *one = rt_int_from_i64 (1);

  setup ();
  cls = rt_call ((RtObject *) &rt_type_type, args, 3, NULL);
  rt_test_assert_no_error ();
  g_assert_cmpstr (rt_test_repr (cls), ==, "<class '__main__.X'>");
  rt_decref (cls);

  args[1] = one;
  g_assert_null (rt_call ((RtObject *) &rt_type_type, args, 3, NULL));
  assert_error (&rt_exc_TypeError, "type.__new__() argument 2 must be tuple, not int");
  args[0] = one;
  args[1] = bases;
  g_assert_null (rt_call ((RtObject *) &rt_type_type, args, 3, NULL));
  assert_error (&rt_exc_TypeError, "type.__new__() argument 1 must be str, not int");

  /* Not an acceptable base. */
  RtObject *bad = rt_tuple_pack (1, (RtObject *) &rt_bool_type);
  g_assert_null (rt_class_new (name, bad, ns));
  assert_error (&rt_exc_TypeError, "type 'bool' is not an acceptable base type");
  rt_decref (bad);

  rt_decref (one);
  rt_decref (name);
  rt_decref (bases);
  rt_decref (ns);
}

/* Attributes inline, then in a real dict once __dict__ was read. */

static RtObject *seen[8];
static int n_seen;

static int
collect (RtObject *target, void *arg)
{
  if (n_seen < 8)
    seen[n_seen++] = target;
  return 0;
}

static void
test_inline_attributes (void)
{
  RtObject *cls, *obj, *a, *b, *d, *referents;

  setup ();
  cls = make_class ("D", NULL, NULL);
  obj = rt_call_noargs (cls);
  a = rt_int_from_i64 (5000);
  b = rt_list_new (0);
  /* d.y = 5000 then d.x = [] ... set in reverse order of the keys' index. */
  set_attr (obj, "x", a);
  set_attr (obj, "y", b);
  g_assert_cmpuint (RT_REFCNT (a), ==, 2);
  g_assert_cmpuint (RT_REFCNT (b), ==, 2);
  assert_heap_holding (4, cls, obj, a, b);

  /* gc.get_referents(d): the attribute values in key order, then the class. */
  n_seen = 0;
  RT_TYPE (obj)->traverse (obj, collect, NULL);
  int n = n_seen;
  g_assert_cmpint (n, ==, 3);
  g_assert_true (seen[0] == a);
  g_assert_true (seen[1] == b);
  g_assert_true (seen[2] == cls);

  /* Deleting and re-adding keeps insertion order for the dict. */
  RtObject *key = rt_test_str ("x");
  g_assert_cmpint (rt_setattr (obj, key, NULL), ==, 0);
  g_assert_cmpuint (RT_REFCNT (a), ==, 1);
  g_assert_cmpint (rt_setattr (obj, key, NULL), ==, -1);
  assert_error (&rt_exc_AttributeError, "'D' object has no attribute 'x'");
  set_attr (obj, "x", a);
  rt_decref (key);

  d = rt_instance_get_dict (obj);
  g_assert_nonnull (d);
  g_assert_cmpstr (rt_test_repr (d), ==, "{'y': [], 'x': 5000}");
  g_assert_cmpuint (RT_REFCNT (a), ==, 2);  /* now held by the dict */
  n_seen = 0;
  RT_TYPE (obj)->traverse (obj, collect, NULL);
  g_assert_cmpint (n_seen, ==, 2);
  g_assert_true (seen[0] == d);
  g_assert_true (seen[1] == cls);
  rt_decref (d);
  assert_heap_holding (4, cls, obj, a, b);

  /* The same dict every time; attributes keep working through it. */
  set_attr (obj, "z", a);
  d = attr (obj, "__dict__");
  g_assert_cmpint (rt_dict_size (d), ==, 3);
  rt_decref (d);
  referents = attr (obj, "z");
  g_assert_true (referents == a);
  rt_decref (referents);

  rt_decref (obj);
  g_assert_cmpuint (RT_REFCNT (a), ==, 1);
  g_assert_cmpuint (RT_REFCNT (b), ==, 1);
  rt_decref (a);
  rt_decref (b);
  rt_decref (cls);
}

static void
test_attribute_errors (void)
{
  RtObject *cls, *obj, *one, *key;

  setup ();
  cls = make_class ("C", NULL, NULL);
  obj = rt_call_noargs (cls);
  one = rt_int_from_i64 (1);

  g_assert_null (rt_getattr_cstr (obj, "missing"));
  assert_error (&rt_exc_AttributeError, "'C' object has no attribute 'missing'");
  g_assert_null (rt_getattr_cstr (cls, "missing"));
  assert_error (&rt_exc_AttributeError, "type object 'C' has no attribute 'missing'");
  g_assert_null (rt_getattr_cstr (one, "x"));
  assert_error (&rt_exc_AttributeError, "'int' object has no attribute 'x'");
  g_assert_null (rt_getattr (obj, one));
  assert_error (&rt_exc_TypeError, "attribute name must be string, not 'int'");

  key = rt_test_str ("x");
  g_assert_cmpint (rt_setattr (one, key, one), ==, -1);
  assert_error (&rt_exc_AttributeError, "'int' object has no attribute 'x'");
  g_assert_cmpint (rt_setattr ((RtObject *) &rt_int_type, key, one), ==, -1);
  assert_error (&rt_exc_TypeError, "cannot set 'x' attribute of immutable type 'int'");
  g_assert_cmpint (rt_setattr (cls, key, NULL), ==, -1);
  assert_error (&rt_exc_AttributeError, "type object 'C' has no attribute 'x'");
  RtObject *plain = rt_call_noargs ((RtObject *) &rt_object_type);
  g_assert_cmpint (rt_setattr (plain, key, one), ==, -1);
  assert_error (&rt_exc_AttributeError, "'object' object has no attribute 'x'");
  rt_decref (plain);

  /* The AttributeError remembers the object and the name for "Did you mean". */
  set_attr (obj, "foo", one);
  g_assert_null (rt_getattr_cstr (obj, "fop"));
  RtObject *exc = rt_error_fetch ();
  RtObject *line = rt_exception_format_only (exc);
  g_assert_cmpstr (rt_str_utf8 (line), ==, "AttributeError: 'C' object has no attribute 'fop'");
  rt_decref (line);
  RtObject *hint = rt_exception_suggestion (exc);
  g_assert_nonnull (hint);
  g_assert_cmpstr (rt_str_utf8 (hint), ==, "foo");
  rt_decref (hint);
  rt_decref (exc);

  /* Class attributes set later are seen by instances. */
  g_assert_cmpint (rt_setattr (cls, key, one), ==, 0);
  RtObject *v = attr (obj, "x");
  g_assert_true (v == one);
  rt_decref (v);

  rt_decref (key);
  rt_decref (one);
  rt_decref (obj);
  rt_decref (cls);
}

/* Dunder methods become slots. */

static void
test_repr_str_slots (void)
{
  RtObject *cls, *obj, *x;

  setup ();
  cls = make_class ("Point", NULL, "__init__", func ("Point.__init__", fn_init_x), "__repr__",
                    func ("Point.__repr__", fn_repr_point), NULL);
  x = rt_str_from_cstr ("a");
  obj = rt_call_one (cls, x);
  g_assert_cmpstr (rt_test_repr (obj), ==, "Point('a')");
  /* str() falls back to __repr__ through object.__str__. */
  assert_str (rt_str (obj), "Point('a')");
  /* format(obj, '') is str(obj); a spec is refused by object.__format__. */
  RtObject *empty = rt_str_from_cstr ("");
  assert_str (rt_format (obj, empty), "Point('a')");
  RtObject *spec = rt_str_from_cstr ("x");
  g_assert_null (rt_format (obj, spec));
  assert_error (&rt_exc_TypeError, "unsupported format string passed to Point.__format__");
  rt_decref (spec);
  rt_decref (empty);
  rt_decref (obj);

  /* __str__ must return a str. */
  RtObject *bad = make_class ("Bad", NULL, "__str__", func ("Bad.__str__", fn_return_int),
                              "__repr__", func ("Bad.__repr__", fn_return_int), NULL);
  obj = rt_call_noargs (bad);
  g_assert_null (rt_str (obj));
  assert_error (&rt_exc_TypeError, "__str__ returned non-string (type int)");
  g_assert_null (rt_repr (obj));
  assert_error (&rt_exc_TypeError, "__repr__ returned non-string (type int)");
  rt_decref (obj);

  /* Setting __str__ on the class later updates the slot. */
  RtObject *f = func ("Point.__str__", fn_str_hello);
  set_attr (cls, "__str__", f);
  rt_decref (f);
  obj = rt_call_one (cls, x);
  assert_str (rt_str (obj), "hello");
  rt_decref (obj);

  rt_decref (x);
  rt_decref (bad);
  rt_decref (cls);
}

static void
test_eq_and_hash (void)
{
  RtObject *cls, *a, *b, *h;

  setup ();
  /* __eq__ without __hash__: unhashable, __hash__ is None in the dict. */
  cls = make_class ("E", NULL, "__eq__", func ("E.__eq__", fn_return_true), NULL);
  a = rt_call_noargs (cls);
  b = rt_call_noargs (cls);
  g_assert_cmpint (rt_richcompare_bool (a, b, RT_EQ), ==, 1);
  /* __ne__ inverts __eq__ through object.__ne__. */
  g_assert_cmpint (rt_richcompare_bool (a, b, RT_NE), ==, 0);
  g_assert_cmpint (rt_hash (a), ==, -1);
  assert_error (&rt_exc_TypeError, "unhashable type: 'E'");
  h = rt_dict_get_item_cstr (((RtType *) cls)->dict, "__hash__");
  g_assert_true (h == RT_NONE);
  g_assert_null (rt_richcompare (a, b, RT_LT));
  assert_error (&rt_exc_TypeError, "'<' not supported between instances of 'E' and 'E'");
  rt_decref (a);
  rt_decref (b);
  rt_decref (cls);

  /* With both. */
  cls = make_class ("H", NULL, "__eq__", func ("H.__eq__", fn_return_true), "__hash__",
                    func ("H.__hash__", fn_return_42), NULL);
  a = rt_call_noargs (cls);
  g_assert_cmpint (rt_hash (a), ==, 42);
  rt_decref (a);
  rt_decref (cls);

  /* Default: identity equality and an id-based hash. */
  cls = make_class ("P", NULL, NULL);
  a = rt_call_noargs (cls);
  b = rt_call_noargs (cls);
  g_assert_cmpint (rt_richcompare_bool (a, b, RT_EQ), ==, 0);
  g_assert_cmpint (rt_richcompare_bool (a, a, RT_EQ), ==, 1);
  uint64_t id = rt_object_id (a);
  g_assert_cmpint (rt_hash (a), ==, (RtHash) ((id >> 4) | (id << 60)));
  rt_decref (a);
  rt_decref (b);
  rt_decref (cls);
}

static void
test_binary_operators (void)
{
  RtObject *cls, *sub, *a, *s, *one, *r;

  setup ();
  cls = make_class ("A", NULL, "__add__", func ("A.__add__", fn_add), "__radd__",
                    func ("A.__radd__", fn_radd), NULL);
  a = rt_call_noargs (cls);
  one = rt_int_from_i64 (1);
  assert_str (rt_binary_op (a, one, RT_OP_ADD), "add");
  assert_str (rt_binary_op (one, a, RT_OP_ADD), "radd");
  /* += falls back to __add__. */
  assert_str (rt_binary_op (a, one, RT_OP_INPLACE_ADD), "add");
  g_assert_null (rt_binary_op (a, one, RT_OP_SUBTRACT));
  assert_error (&rt_exc_TypeError, "unsupported operand type(s) for -: 'A' and 'int'");

  /* A subclass that overrides __radd__ goes first. */
  RtObject *bases = rt_tuple_pack (1, cls);
  sub = make_class ("B", bases, "__radd__", func ("B.__radd__", fn_str_hello), NULL);
  rt_decref (bases);
  s = rt_call_noargs (sub);
  assert_str (rt_binary_op (a, s, RT_OP_ADD), "hello");
  rt_decref (s);
  rt_decref (sub);

  /* NotImplemented from both sides. */
  RtObject *ni = make_class ("N", NULL, "__add__", func ("N.__add__", fn_not_implemented), NULL);
  RtObject *n = rt_call_noargs (ni);
  g_assert_null (rt_binary_op (n, one, RT_OP_ADD));
  assert_error (&rt_exc_TypeError, "unsupported operand type(s) for +: 'N' and 'int'");
  rt_decref (n);
  rt_decref (ni);

  /* Built-in operands. */
  RtObject *str = rt_str_from_cstr ("a");
  g_assert_null (rt_binary_op (one, str, RT_OP_ADD));
  assert_error (&rt_exc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'");
  g_assert_null (rt_binary_op (one, str, RT_OP_POWER));
  assert_error (&rt_exc_TypeError, "unsupported operand type(s) for ** or pow(): 'int' and 'str'");
  g_assert_null (rt_binary_op (one, str, RT_OP_INPLACE_POWER));
  assert_error (&rt_exc_TypeError, "unsupported operand type(s) for **=: 'int' and 'str'");
  g_assert_null (rt_binary_op (one, one, RT_OP_MATRIX_MULTIPLY));
  assert_error (&rt_exc_TypeError, "unsupported operand type(s) for @: 'int' and 'int'");
  RtObject *f = rt_float_new (2.0);
  RtObject *l = rt_list_new (0);
  g_assert_null (rt_binary_op (l, f, RT_OP_MULTIPLY));
  assert_error (&rt_exc_TypeError, "can't multiply sequence by non-int of type 'float'");
  g_assert_null (rt_binary_op (f, l, RT_OP_MULTIPLY));
  assert_error (&rt_exc_TypeError, "can't multiply sequence by non-int of type 'float'");
  RtObject *two = rt_int_from_i64 (2);
  r = rt_binary_op (two, str, RT_OP_MULTIPLY);
  assert_str (r, "aa");
  g_assert_null (rt_negative (str));
  assert_error (&rt_exc_TypeError, "bad operand type for unary -: 'str'");
  g_assert_null (rt_invert (f));
  assert_error (&rt_exc_TypeError, "bad operand type for unary ~: 'float'");
  g_assert_null (rt_absolute (str));
  assert_error (&rt_exc_TypeError, "bad operand type for abs(): 'str'");
  g_assert_null (rt_richcompare (one, str, RT_LT));
  assert_error (&rt_exc_TypeError, "'<' not supported between instances of 'int' and 'str'");
  g_assert_cmpint (rt_richcompare_bool (one, str, RT_EQ), ==, 0);
  g_assert_cmpstr (rt_binary_op_symbol (RT_OP_FLOOR_DIVIDE), ==, "//");
  g_assert_cmpstr (rt_binary_op_symbol (RT_OP_INPLACE_XOR), ==, "^=");

  rt_decref (two);
  rt_decref (f);
  rt_decref (l);
  rt_decref (str);
  rt_decref (one);
  rt_decref (a);
  rt_decref (cls);
}

static void
test_container_slots (void)
{
  RtObject *cls, *obj, *it, *item, *one;

  setup ();
  cls = make_class ("Seq", NULL, "__len__", func ("Seq.__len__", fn_return_3), "__getitem__",
                    func ("Seq.__getitem__", fn_getitem), NULL);
  obj = rt_call_noargs (cls);
  g_assert_cmpint (rt_length (obj), ==, 3);
  g_assert_cmpint (rt_is_true (obj), ==, 1);
  one = rt_int_from_i64 (1);
  assert_int (rt_getitem (obj, one), 10);

  /* Iteration through __getitem__ until IndexError. */
  it = rt_iter (obj);
  rt_test_assert_no_error ();
  int64_t expected = 0;
  while ((item = rt_iter_next (it)) != NULL)
    {
      assert_int (item, expected);
      expected += 10;
    }
  rt_test_assert_no_error ();
  g_assert_cmpint (expected, ==, 30);
  rt_decref (it);

  /* `in` by iteration. */
  RtObject *twenty = rt_int_from_i64 (20);
  g_assert_cmpint (rt_contains (obj, twenty), ==, 1);
  g_assert_cmpint (rt_contains (obj, one), ==, 0);
  rt_decref (twenty);

  /* No __setitem__: the wordings of PyObject_SetItem and DelItem. */
  g_assert_cmpint (rt_setitem (obj, one, one), ==, -1);
  assert_error (&rt_exc_TypeError, "'Seq' object does not support item assignment");
  rt_decref (obj);
  rt_decref (cls);

  /* Objects with none of it. */
  cls = make_class ("C", NULL, NULL);
  obj = rt_call_noargs (cls);
  g_assert_cmpint (rt_length (obj), ==, -1);
  assert_error (&rt_exc_TypeError, "object of type 'C' has no len()");
  g_assert_null (rt_getitem (obj, one));
  assert_error (&rt_exc_TypeError, "'C' object is not subscriptable");
  g_assert_cmpint (rt_delitem (obj, one), ==, -1);
  assert_error (&rt_exc_TypeError, "'C' object doesn't support item deletion");
  g_assert_null (rt_iter (obj));
  assert_error (&rt_exc_TypeError, "'C' object is not iterable");
  g_assert_cmpint (rt_contains (obj, one), ==, -1);
  assert_error (&rt_exc_TypeError, "argument of type 'C' is not iterable");
  g_assert_null (rt_call_noargs (obj));
  assert_error (&rt_exc_TypeError, "'C' object is not callable");
  g_assert_cmpint (rt_is_true (obj), ==, 1);
  rt_decref (obj);
  rt_decref (cls);

  g_assert_null (rt_getitem (one, one));
  assert_error (&rt_exc_TypeError, "'int' object is not subscriptable");
  g_assert_cmpint (rt_setitem (one, one, one), ==, -1);
  assert_error (&rt_exc_TypeError, "'int' object does not support item assignment");
  g_assert_cmpint (rt_delitem (one, one), ==, -1);
  assert_error (&rt_exc_TypeError, "'int' object does not support item deletion");
  RtObject *t = rt_tuple_pack (1, one);
  g_assert_cmpint (rt_setitem (t, one, one), ==, -1);
  assert_error (&rt_exc_TypeError, "'tuple' object does not support item assignment");
  g_assert_cmpint (rt_delitem (t, one), ==, -1);
  assert_error (&rt_exc_TypeError, "'tuple' object doesn't support item deletion");
  rt_decref (t);
  RtObject *s = rt_str_from_cstr ("ab");
  g_assert_cmpint (rt_delitem (s, one), ==, -1);
  assert_error (&rt_exc_TypeError, "'str' object doesn't support item deletion");
  rt_decref (s);
  g_assert_cmpint (rt_length (one), ==, -1);
  assert_error (&rt_exc_TypeError, "object of type 'int' has no len()");
  g_assert_null (rt_iter (one));
  assert_error (&rt_exc_TypeError, "'int' object is not iterable");
  g_assert_null (rt_iter_next (one));
  assert_error (&rt_exc_TypeError, "'int' object is not an iterator");
  g_assert_null (rt_call_noargs (one));
  assert_error (&rt_exc_TypeError, "'int' object is not callable");
  RtObject *l = rt_list_new (0);
  g_assert_null (rt_getitem (l, (RtObject *) &rt_int_type));
  assert_error (&rt_exc_TypeError, "list indices must be integers or slices, not type");
  g_assert_cmpint (rt_hash (l), ==, -1);
  assert_error (&rt_exc_TypeError, "unhashable type: 'list'");
  g_assert_cmpint (rt_is_true (l), ==, 0);
  rt_decref (l);
  rt_decref (one);
}

/* __del__ runs once; an object it resurrects survives (PEP 442). */

static RtObject *keep_alive;
static int del_calls;

static RtObject *
fn_del_resurrect (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  del_calls++;
  if (keep_alive == NULL)
    keep_alive = rt_newref (args[0]);
  return rt_none_new ();
}

static RtObject *
fn_del_raise (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  del_calls++;
  rt_error_format (&rt_exc_ZeroDivisionError, "division by zero");
  return NULL;
}

static RtObject *unraisable_seen;

static void
unraisable (RtObject *exc, RtObject *obj, void *user)
{
  unraisable_seen = rt_exception_format_only (exc);
}

static void
test_del_and_resurrection (void)
{
  RtObject *cls, *obj;

  setup ();
  keep_alive = NULL;
  del_calls = 0;
  cls = make_class ("R", NULL, "__del__", func ("R.__del__", fn_del_resurrect), NULL);
  obj = rt_call_noargs (cls);
  rt_decref (obj);
  g_assert_cmpint (del_calls, ==, 1);
  g_assert_true (keep_alive == obj);
  g_assert_cmpuint (RT_REFCNT (obj), ==, 1);
  /* Second time to zero: no second __del__, freed. */
  uint64_t live = rt_heap_count_objects ();
  RtObject *o = keep_alive;
  keep_alive = NULL;
  rt_decref (o);
  g_assert_cmpint (del_calls, ==, 1);
  g_assert_cmpuint (rt_heap_count_objects (), ==, live - 1);
  rt_decref (cls);

  /* An error in __del__ is reported, not raised. */
  del_calls = 0;
  rt_error_set_unraisable_hook (unraisable, NULL);
  cls = make_class ("Z", NULL, "__del__", func ("Z.__del__", fn_del_raise), NULL);
  obj = rt_call_noargs (cls);
  rt_decref (obj);
  g_assert_cmpint (del_calls, ==, 1);
  rt_test_assert_no_error ();
  g_assert_nonnull (unraisable_seen);
  g_assert_cmpstr (rt_str_utf8 (unraisable_seen), ==, "ZeroDivisionError: division by zero");
  RT_CLEAR (unraisable_seen);
  rt_error_set_unraisable_hook (NULL, NULL);
  rt_decref (cls);
}

/* Methods, bound and unbound. */

static RtObject *
fn_method (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* Returns (self, *args) to show what was passed. */
  return rt_tuple_from_array (args, nargs);
}

static void
test_bound_methods (void)
{
  RtObject *cls, *obj, *m, *m2, *r, *one;
  bool is_method;

  setup ();
  RtObject *f = func ("C.f", fn_method);
  cls = make_class ("C", NULL, "f", rt_newref (f), NULL);
  obj = rt_call_noargs (cls);
  one = rt_int_from_i64 (1);

  m = attr (obj, "f");
  g_assert_true (RT_TYPE (m) == &rt_method_type);
  g_assert_true (((RtMethod *) m)->self == obj);
  g_assert_true (g_str_has_prefix (rt_test_repr (m), "<bound method C.f of <__main__.C object at 0x"));
  r = rt_call_one (m, one);
  g_assert_cmpint (RT_TUPLE_SIZE (r), ==, 2);
  g_assert_true (RT_TUPLE_ITEMS (r)[0] == obj);
  g_assert_true (RT_TUPLE_ITEMS (r)[1] == one);
  rt_decref (r);
  /* Two bound methods are equal, not identical. */
  m2 = attr (obj, "f");
  g_assert_true (m != m2);
  g_assert_cmpint (rt_richcompare_bool (m, m2, RT_EQ), ==, 1);
  g_assert_cmpint (rt_hash (m), ==, rt_hash (m2));
  r = attr (m, "__func__");
  g_assert_true (r == f);
  rt_decref (r);
  r = attr (m, "__self__");
  g_assert_true (r == obj);
  rt_decref (r);
  /* Attributes of the function through the method. */
  assert_str (attr (m, "__name__"), "f");
  rt_decref (m2);
  rt_decref (m);

  /* LOAD_METHOD: the function itself, no bound method. */
  uint64_t serials = rt_serial_count ();
  RtObject *key = rt_test_str ("f");
  m = rt_get_method (obj, key, &is_method);
  g_assert_true (is_method);
  g_assert_true (m == f);
  /* "f" is a shared one-character str: nothing was allocated. */
  g_assert_cmpuint (rt_serial_count (), ==, serials);
  rt_decref (m);
  /* An instance attribute shadows it. */
  set_attr (obj, "f", one);
  m = rt_get_method (obj, key, &is_method);
  g_assert_false (is_method);
  g_assert_true (m == one);
  rt_decref (m);
  rt_decref (key);

  /* Through the class: the plain function. */
  r = attr (cls, "f");
  g_assert_true (r == f);
  rt_decref (r);
  g_assert_true (g_str_has_prefix (rt_test_repr (f), "<function C.f at 0x7f"));
  g_assert_cmpuint (rt_object_sizeof (f), ==, 152);

  /* rt_call_method */
  RtObject *l = rt_list_new (0);
  r = rt_call_method (l, "append", &one, 1);
  g_assert_true (r == RT_NONE);
  rt_decref (r);
  g_assert_cmpint (RT_LIST_SIZE (l), ==, 1);
  rt_decref (l);

  rt_decref (one);
  rt_decref (obj);
  rt_decref (cls);
  rt_decref (f);
}

static RtObject *
fn_len_stub (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("len", kwnames) || !rt_check_nargs ("len", nargs, 1, 1))
    return NULL;
  return rt_int_from_i64 (rt_length (args[0]));
}

static const RtMethodDef len_def = { "len", fn_len_stub, 0 };

static void
test_builtin_methods (void)
{
  RtObject *l = rt_list_new (0), *append, *bound, *one = rt_int_from_i64 (1), *r;

  setup ();
  append = attr ((RtObject *) &rt_list_type, "append");
  g_assert_true (RT_TYPE (append) == &rt_method_descr_type);
  g_assert_cmpstr (rt_test_repr (append), ==, "<method 'append' of 'list' objects>");
  /* list.append(l, 1) */
  RtObject *args[2] = { l, one };
  r = rt_call (append, args, 2, NULL);
  rt_test_assert_no_error ();
  rt_decref (r);
  g_assert_cmpint (RT_LIST_SIZE (l), ==, 1);
  args[0] = one;
  g_assert_null (rt_call (append, args, 2, NULL));
  assert_error (&rt_exc_TypeError, "descriptor 'append' for 'list' objects doesn't apply to a 'int' object");
  g_assert_null (rt_call (append, NULL, 0, NULL));
  assert_error (&rt_exc_TypeError, "unbound method list.append() needs an argument");

  bound = attr (l, "append");
  g_assert_true (RT_TYPE (bound) == &rt_builtin_type);
  g_assert_true (g_str_has_prefix (rt_test_repr (bound), "<built-in method append of list object at 0x"));
  assert_str (attr (bound, "__qualname__"), "list.append");
  g_assert_cmpuint (rt_object_sizeof (bound), ==, 72);
  rt_decref (bound);
  rt_decref (append);

  /* Slot wrappers and method-wrappers of built-in types. */
  RtObject *add = attr ((RtObject *) &rt_int_type, "__add__");
  g_assert_cmpstr (rt_test_repr (add), ==, "<slot wrapper '__add__' of 'int' objects>");
  RtObject *s = rt_str_from_cstr ("a");
  args[0] = s;
  args[1] = one;
  g_assert_null (rt_call (add, args, 2, NULL));
  assert_error (&rt_exc_TypeError, "descriptor '__add__' requires a 'int' object but received a 'str'");
  rt_decref (add);
  add = attr (one, "__add__");
  g_assert_true (g_str_has_prefix (rt_test_repr (add), "<method-wrapper '__add__' of int object at 0x"));
  assert_int (rt_call_one (add, one), 2);
  r = rt_call_one (add, s);
  g_assert_true (r == RT_NOT_IMPLEMENTED);
  rt_decref (r);
  g_assert_null (rt_call (add, NULL, 0, NULL));
  assert_error (&rt_exc_TypeError, "expected 1 argument, got 0");
  rt_decref (add);
  rt_decref (s);

  /* A built-in function. */
  RtObject *modname = rt_test_str ("builtins");
  RtObject *len = rt_builtin_new (&len_def, NULL, modname);
  g_assert_cmpstr (rt_test_repr (len), ==, "<built-in function len>");
  assert_int (rt_call_one (len, l), 1);
  g_assert_null (rt_call (len, NULL, 0, NULL));
  assert_error (&rt_exc_TypeError, "len() takes exactly one argument (0 given)");
  assert_str (attr (len, "__module__"), "builtins");
  rt_decref (len);
  rt_decref (modname);

  /* The argument checks' wordings. */
  g_assert_false (rt_check_nargs ("len", 2, 1, 1));
  assert_error (&rt_exc_TypeError, "len() takes exactly one argument (2 given)");
  g_assert_false (rt_check_nargs ("pop", 2, 0, 1));
  assert_error (&rt_exc_TypeError, "pop expected at most 1 argument, got 2");
  RtObject *kw = rt_tuple_pack (1, rt_test_str ("x"));
  rt_decref (RT_TUPLE_ITEMS (kw)[0]);
  g_assert_false (rt_check_no_kwargs ("len", kw));
  assert_error (&rt_exc_TypeError, "len() takes no keyword arguments");
  rt_decref (kw);

  rt_decref (one);
  rt_decref (l);
}

/* MRO, inheritance and super. */

static RtObject *
fn_tag_a (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_str_from_cstr ("A");
}

static RtType *super_class;

static RtObject *
fn_tag_b_super (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* return "B" + super(B, self).tag() */
  RtObject *sargs[2] = { (RtObject *) super_class, args[0] };
  RtObject *sup = rt_call ((RtObject *) &rt_super_type, sargs, 2, NULL);
  RtObject *res, *b, *sum;

  if (sup == NULL)
    return NULL;
  res = rt_call_method (sup, "tag", NULL, 0);
  rt_decref (sup);
  if (res == NULL)
    return NULL;
  b = rt_str_from_cstr ("B");
  sum = rt_binary_op (b, res, RT_OP_ADD);
  rt_decref (b);
  rt_decref (res);
  return sum;
}

static void
test_inheritance_and_super (void)
{
  RtObject *a, *b, *c, *obj, *bases;

  setup ();
  a = make_class ("A", NULL, "tag", func ("A.tag", fn_tag_a), "shared",
                  rt_int_from_i64 (1), NULL);
  bases = rt_tuple_pack (1, a);
  b = make_class ("B", bases, "tag", func ("B.tag", fn_tag_b_super), NULL);
  rt_decref (bases);
  super_class = (RtType *) b;
  bases = rt_tuple_pack (1, b);
  c = make_class ("C", bases, NULL);
  rt_decref (bases);
  g_assert_cmpstr (rt_test_repr (((RtType *) c)->mro), ==,
                   "(<class '__main__.C'>, <class '__main__.B'>, <class '__main__.A'>, "
                   "<class 'object'>)");
  g_assert_true (rt_type_is_subtype ((RtType *) c, (RtType *) a));
  g_assert_false (rt_type_is_subtype ((RtType *) a, (RtType *) c));
  obj = rt_call_noargs (c);
  g_assert_true (rt_is_instance_of (obj, (RtType *) a));
  g_assert_cmpint (rt_isinstance (obj, a), ==, 1);
  g_assert_cmpint (rt_issubclass (c, a), ==, 1);
  g_assert_cmpint (rt_issubclass (a, c), ==, 0);
  RtObject *types = rt_tuple_pack (2, (RtObject *) &rt_int_type, b);
  g_assert_cmpint (rt_isinstance (obj, types), ==, 1);
  rt_decref (types);
  g_assert_cmpint (rt_isinstance (obj, obj), ==, -1);
  assert_error (&rt_exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  g_assert_cmpint (rt_issubclass (obj, a), ==, -1);
  assert_error (&rt_exc_TypeError, "issubclass() arg 1 must be a class");
  g_assert_cmpint (rt_issubclass (a, obj), ==, -1);
  assert_error (&rt_exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
  assert_str (rt_call_method (obj, "tag", NULL, 0), "BA");
  assert_int (attr (obj, "shared"), 1);

  /* super repr and errors. */
  RtObject *sargs[2] = { b, obj };
  RtObject *sup = rt_call ((RtObject *) &rt_super_type, sargs, 2, NULL);
  g_assert_cmpstr (rt_test_repr (sup), ==, "<super: <class 'B'>, <C object>>");
  g_assert_null (rt_getattr_cstr (sup, "nothing"));
  assert_error (&rt_exc_AttributeError, "'super' object has no attribute 'nothing'");
  rt_decref (sup);
  RtObject *one = rt_int_from_i64 (1);
  sargs[1] = one;
  g_assert_null (rt_call ((RtObject *) &rt_super_type, sargs, 2, NULL));
  assert_error (&rt_exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  sargs[0] = one;
  g_assert_null (rt_call ((RtObject *) &rt_super_type, sargs, 2, NULL));
  assert_error (&rt_exc_TypeError, "super() argument 1 must be a type, not int");
  rt_decref (one);

  /* Slots set on a base reach subclasses that do not override them. */
  RtObject *f = func ("A.__len__", fn_return_3);
  set_attr (a, "__len__", f);
  rt_decref (f);
  g_assert_cmpint (rt_length (obj), ==, 3);

  /* Multiple inheritance: C3. */
  RtObject *m1 = make_class ("M1", NULL, NULL);
  bases = rt_tuple_pack (1, m1);
  RtObject *m2 = make_class ("M2", bases, NULL);
  rt_decref (bases);
  bases = rt_tuple_pack (2, m2, a);
  RtObject *d = make_class ("D", bases, NULL);
  rt_decref (bases);
  g_assert_cmpstr (rt_test_repr (((RtType *) d)->mro), ==,
                   "(<class '__main__.D'>, <class '__main__.M2'>, <class '__main__.M1'>, "
                   "<class '__main__.A'>, <class 'object'>)");
  bases = rt_tuple_pack (2, m1, m2);
  RtObject *name = rt_test_str ("Z"), *ns = rt_dict_new ();
  g_assert_null (rt_class_new (name, bases, ns));
  assert_error (&rt_exc_TypeError,
                "Cannot create a consistent method resolution\norder (MRO) for bases M1, M2");
  rt_decref (bases);
  bases = rt_tuple_pack (2, m1, m1);
  g_assert_null (rt_class_new (name, bases, ns));
  assert_error (&rt_exc_TypeError, "duplicate base class M1");
  rt_decref (bases);
  bases = rt_tuple_pack (2, (RtObject *) &rt_int_type, (RtObject *) &rt_str_type);
  g_assert_null (rt_class_new (name, bases, ns));
  assert_error (&rt_exc_TypeError, "multiple bases have instance lay-out conflict");
  rt_decref (bases);
  rt_decref (name);
  rt_decref (ns);

  rt_decref (d);
  rt_decref (m2);
  rt_decref (m1);
  rt_decref (obj);
  rt_decref (c);
  rt_decref (b);
  rt_decref (a);
}

/* property */

static RtObject *
fn_get_area (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_int_from_i64 (99);
}

static RtObject *
fn_set_store (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  g_assert_cmpuint (nargs, ==, 2);
  set_attr (args[0], "_stored", args[1]);
  return rt_none_new ();
}

static void
test_property (void)
{
  RtObject *getter, *prop, *prop2, *cls, *obj, *setter, *one;

  setup ();
  getter = func ("S.area", fn_get_area);
  prop = rt_call_one ((RtObject *) &rt_property_type, getter);
  rt_test_assert_no_error ();
  setter = func ("S.area", fn_set_store);
  RtObject *setter_m = attr (prop, "setter");
  prop2 = rt_call_one (setter_m, setter);
  rt_decref (setter_m);
  rt_decref (setter);
  RtObject *empty = rt_call_noargs ((RtObject *) &rt_property_type);
  cls = make_class ("S", NULL, "area", prop2, "ro", rt_newref (prop), "none", empty, NULL);
  obj = rt_call_noargs (cls);
  one = rt_int_from_i64 (1);

  assert_int (attr (obj, "area"), 99);
  set_attr (obj, "area", one);
  assert_int (attr (obj, "_stored"), 1);
  RtObject *key = rt_test_str ("ro");
  g_assert_cmpint (rt_setattr (obj, key, one), ==, -1);
  assert_error (&rt_exc_AttributeError, "property 'ro' of 'S' object has no setter");
  g_assert_cmpint (rt_setattr (obj, key, NULL), ==, -1);
  assert_error (&rt_exc_AttributeError, "property 'ro' of 'S' object has no deleter");
  rt_decref (key);
  g_assert_null (rt_getattr_cstr (obj, "none"));
  assert_error (&rt_exc_AttributeError, "property 'none' of 'S' object has no getter");
  /* Data descriptors win over the instance dict. */
  RtObject *d = rt_instance_get_dict (obj);
  rt_dict_set_item_cstr (d, "area", one);
  rt_decref (d);
  assert_int (attr (obj, "area"), 99);
  /* On the class, the property itself. */
  RtObject *p = attr (cls, "ro");
  g_assert_true (p == prop);
  rt_decref (p);
  g_assert_cmpuint (rt_object_sizeof (prop), ==, 80);

  rt_decref (one);
  rt_decref (obj);
  rt_decref (cls);
  rt_decref (prop);
  rt_decref (getter);
}

static RtObject *
fn_static (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_int_from_i64 ((int64_t) nargs);
}

static RtObject *
fn_classmeth (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_newref (args[0]);
}

static void
test_static_and_class_methods (void)
{
  RtObject *cls, *obj, *sm, *cm, *r, *f;

  setup ();
  f = func ("K.s", fn_static);
  sm = rt_call_one ((RtObject *) &rt_staticmethod_type, f);
  g_assert_true (g_str_has_prefix (rt_test_repr (sm), "<staticmethod(<function K.s at 0x"));
  assert_str (attr (sm, "__name__"), "s");
  rt_decref (f);
  f = func ("K.c", fn_classmeth);
  cm = rt_call_one ((RtObject *) &rt_classmethod_type, f);
  rt_decref (f);
  cls = make_class ("K", NULL, "s", sm, "c", cm, NULL);
  obj = rt_call_noargs (cls);
  assert_int (rt_call_method (obj, "s", NULL, 0), 0);
  r = rt_call_method (obj, "c", NULL, 0);
  g_assert_true (r == cls);
  rt_decref (r);
  r = rt_call_method (cls, "c", NULL, 0);
  g_assert_true (r == cls);
  rt_decref (r);
  rt_decref (obj);
  rt_decref (cls);
}

/* __slots__ */

static void
test_slots (void)
{
  RtObject *slots = rt_tuple_pack (2, rt_test_str ("b"), rt_test_str ("a"));
  RtObject *cls, *obj, *one, *r;

  setup ();
  rt_decref (RT_TUPLE_ITEMS (slots)[0]);
  rt_decref (RT_TUPLE_ITEMS (slots)[1]);
  cls = make_class ("S", NULL, "__slots__", slots, NULL);
  obj = rt_call_noargs (cls);
  one = rt_int_from_i64 (1);
  g_assert_cmpuint (rt_object_sizeof (obj), ==, 48);
  g_assert_cmpuint (rt_object_sizeof (cls), ==, 920);
  r = attr (cls, "a");
  g_assert_cmpstr (rt_test_repr (r), ==, "<member 'a' of 'S' objects>");
  rt_decref (r);
  g_assert_null (rt_getattr_cstr (obj, "a"));
  assert_error (&rt_exc_AttributeError, "'S' object has no attribute 'a'");
  set_attr (obj, "a", one);
  assert_int (attr (obj, "a"), 1);
  RtObject *key = rt_test_str ("c");
  g_assert_cmpint (rt_setattr (obj, key, one), ==, -1);
  assert_error (&rt_exc_AttributeError, "'S' object has no attribute 'c'");
  rt_decref (key);
  key = rt_test_str ("b");
  g_assert_cmpint (rt_setattr (obj, key, NULL), ==, -1);
  assert_error (&rt_exc_AttributeError, "b");
  rt_decref (key);
  g_assert_null (rt_instance_get_dict (obj));
  assert_error (&rt_exc_AttributeError, "This object has no __dict__");
  assert_heap_holding (3, cls, obj, one);
  rt_decref (obj);
  rt_decref (one);
  rt_decref (cls);
}

/* Cycles through instances and classes are the collector's. */

static void
test_cycles_collected (void)
{
  RtObject *cls, *a, *b;

  setup ();
  cls = make_class ("Node", NULL, NULL);
  a = rt_call_noargs (cls);
  b = rt_call_noargs (cls);
  set_attr (a, "other", b);
  set_attr (b, "other", a);
  /* The class refers to an instance too: class <-> instance cycle. */
  set_attr (cls, "first", a);
  rt_decref (a);
  rt_decref (b);
  rt_decref (cls);
  uint64_t live = rt_heap_count_objects ();
  int64_t found = rt_gc_collect (2);
  g_assert_cmpint (found, >=, 3);
  g_assert_cmpuint (rt_heap_count_objects (), <, live);
}

/* Modules, cells, functions. */

static void
test_modules_and_cells (void)
{
  RtObject *name = rt_test_str ("gc"), *mod, *one = rt_int_from_i64 (1), *r;

  setup ();
  mod = rt_module_new (name);
  g_assert_cmpstr (rt_test_repr (mod), ==, "<module 'gc' (built-in)>");
  g_assert_null (rt_getattr_cstr (mod, "x"));
  assert_error (&rt_exc_AttributeError, "module 'gc' has no attribute 'x'");
  set_attr (mod, "x", one);
  assert_int (attr (mod, "x"), 1);
  assert_str (attr (mod, "__name__"), "gc");
  g_assert_cmpuint (rt_object_sizeof (mod), ==, 72);
  rt_decref (mod);

  RtObject *cell = rt_cell_new (NULL);
  g_assert_true (g_str_has_suffix (rt_test_repr (cell), ": empty>"));
  g_assert_null (rt_getattr_cstr (cell, "cell_contents"));
  assert_error (&rt_exc_ValueError, "Cell is empty");
  rt_test_events_start ();
  rt_cell_set (cell, one);
  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_ADD), ==, 1);
  const RtEvent *ev = rt_test_events_nth (RT_EV_REF_ADD, 0);
  g_assert_cmpint (ev->slot_kind, ==, RT_SLOT_INTERNAL);
  g_assert_cmpint (ev->slot, ==, RT_LABEL_CELL_CONTENTS);
  rt_test_events_stop ();
  g_assert_true (g_str_has_prefix (rt_test_repr (cell), "<cell at 0x"));
  g_assert_nonnull (strstr (rt_test_repr (cell), ": int object at 0x"));
  g_assert_cmpuint (rt_object_sizeof (cell), ==, 40);
  r = attr (cell, "cell_contents");
  g_assert_true (r == one);
  rt_decref (r);
  rt_decref (cell);

  rt_decref (one);
  rt_decref (name);
}

/* Exceptions. */

static void
test_exceptions (void)
{
  RtObject *k = rt_str_from_cstr ("k"), *exc, *line, *one = rt_int_from_i64 (1);

  setup ();
  rt_error_set_object (&rt_exc_KeyError, k);
  exc = rt_error_fetch ();
  g_assert_cmpstr (rt_test_repr (exc), ==, "KeyError('k')");
  assert_str (rt_str (exc), "'k'");
  line = rt_exception_format_only (exc);
  assert_str (line, "KeyError: 'k'");
  g_assert_cmpuint (rt_object_sizeof (exc), ==, 88);
  rt_decref (exc);

  /* A tuple key stays one argument. */
  RtObject *t = rt_tuple_pack (2, k, one);
  rt_error_set_object (&rt_exc_KeyError, t);
  exc = rt_error_fetch ();
  assert_str (rt_exception_format_only (exc), "KeyError: ('k', 1)");
  g_assert_cmpint (RT_TUPLE_SIZE (rt_exception_args (exc)), ==, 1);
  rt_decref (exc);
  rt_decref (t);

  /* No arguments: just the name. */
  rt_error_raise ((RtObject *) &rt_exc_StopIteration);
  exc = rt_error_fetch ();
  g_assert_cmpstr (rt_test_repr (exc), ==, "StopIteration()");
  assert_str (rt_exception_format_only (exc), "StopIteration");
  assert_str (rt_str (exc), "");
  RtObject *v = attr (exc, "value");
  g_assert_true (v == RT_NONE);
  rt_decref (v);
  g_assert_cmpuint (rt_object_sizeof (exc), ==, 96);
  rt_decref (exc);

  rt_error_format (&rt_exc_ValueError, "invalid literal for int() with base 10: %R", k);
  exc = rt_error_fetch ();
  assert_str (rt_exception_format_only (exc), "ValueError: invalid literal for int() with base 10: 'k'");
  g_assert_cmpstr (rt_test_repr (exc), ==, "ValueError(\"invalid literal for int() with base 10: 'k'\")");
  RtObject *args = attr (exc, "args");
  g_assert_cmpint (RT_TUPLE_SIZE (args), ==, 1);
  rt_decref (args);
  rt_decref (exc);

  /* Raising something else. */
  rt_error_raise (one);
  assert_error (&rt_exc_TypeError, "exceptions must derive from BaseException");
  rt_error_raise ((RtObject *) &rt_int_type);
  assert_error (&rt_exc_TypeError, "exceptions must derive from BaseException");

  /* Hierarchy. */
  g_assert_true (rt_type_is_subtype (&rt_exc_ZeroDivisionError, &rt_exc_ArithmeticError));
  g_assert_true (rt_type_is_subtype (&rt_exc_KeyError, &rt_exc_LookupError));
  g_assert_true (rt_type_is_subtype (&rt_exc_TabError, &rt_exc_SyntaxError));
  g_assert_true (rt_type_is_subtype (&rt_exc_UnicodeDecodeError, &rt_exc_ValueError));
  g_assert_true (rt_type_is_subtype (&rt_exc_ModuleNotFoundError, &rt_exc_ImportError));
  g_assert_true (rt_type_is_subtype (&rt_exc_RecursionError, &rt_exc_RuntimeError));
  g_assert_false (rt_type_is_subtype (&rt_exc_KeyboardInterrupt, &rt_exc_Exception));
  rt_error_format (&rt_exc_KeyError, "x");
  g_assert_true (rt_error_matches (&rt_exc_LookupError));
  g_assert_false (rt_error_matches (&rt_exc_ValueError));
  rt_error_clear ();

  /* ValueError(x=1) */
  RtObject *kw = rt_tuple_pack (1, rt_test_str ("x"));
  rt_decref (RT_TUPLE_ITEMS (kw)[0]);
  g_assert_null (rt_call ((RtObject *) &rt_exc_ValueError, &one, 0, kw));
  assert_error (&rt_exc_TypeError, "ValueError() takes no keyword arguments");
  rt_decref (kw);

  /* A user exception class. */
  RtObject *bases = rt_tuple_pack (1, (RtObject *) &rt_exc_Exception);
  RtObject *my = make_class ("MyError", bases, NULL);
  rt_decref (bases);
  RtObject *msg = rt_str_from_cstr ("msg");
  exc = rt_exception_new ((RtType *) my, &msg, 1);
  assert_str (rt_exception_format_only (exc), "MyError: msg");
  g_assert_cmpstr (rt_test_repr (exc), ==, "MyError('msg')");
  g_assert_cmpuint (rt_object_sizeof (exc), ==, 96);
  g_assert_cmpuint (rt_object_sizeof (my), ==, 920);
  set_attr (exc, "code", one);
  assert_int (attr (exc, "code"), 1);
  g_assert_true (rt_is_instance_of (exc, &rt_exc_BaseException));
  rt_error_raise (exc);
  g_assert_true (rt_error_matches (&rt_exc_Exception));
  rt_error_clear ();
  rt_decref (exc);
  rt_decref (msg);
  rt_decref (my);

  /* Implicit chaining through the exception being handled. */
  RtObject *handled = rt_exception_new (&rt_exc_ValueError, NULL, 0);
  rt_error_set_handled (handled);
  rt_error_format (&rt_exc_TypeError, "inner");
  rt_error_set_handled (NULL);
  exc = rt_error_fetch ();
  g_assert_true (rt_exception_context (exc) == handled);
  rt_decref (exc);
  rt_decref (handled);

  /* MemoryError without allocating. */
  uint64_t serials = rt_serial_count ();
  g_assert_null (rt_error_no_memory ());
  g_assert_cmpuint (rt_serial_count (), ==, serials);
  g_assert_true (rt_error_matches (&rt_exc_MemoryError));
  rt_error_clear ();

  /* Notes. */
  exc = rt_exception_new (&rt_exc_ValueError, &one, 1);
  RtObject *note = rt_str_from_cstr ("n1");
  rt_decref (rt_call_method (exc, "add_note", &note, 1));
  rt_test_assert_no_error ();
  assert_str (rt_exception_format_only (exc), "ValueError: 1\nn1");
  rt_decref (note);
  rt_decref (exc);

  rt_decref (one);
  rt_decref (k);
}

static RtObject *
fn_init_exc (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* def __init__(self, a, b): super().__init__(a); self.b = b */
  RtObject *init = attr ((RtObject *) &rt_exc_Exception, "__init__");
  RtObject *cargs[2] = { args[0], args[1] };
  RtObject *r = rt_call (init, cargs, 2, NULL);

  rt_decref (init);
  if (r == NULL)
    return NULL;
  rt_decref (r);
  set_attr (args[0], "b", args[2]);
  return rt_none_new ();
}

static void
test_exception_subclass_init (void)
{
  RtObject *bases = rt_tuple_pack (1, (RtObject *) &rt_exc_Exception);
  RtObject *cls, *exc, *a = rt_str_from_cstr ("a"), *b = rt_int_from_i64 (2);

  setup ();
  cls = make_class ("AppError", bases, "__init__", func ("AppError.__init__", fn_init_exc), NULL);
  rt_decref (bases);
  RtObject *args[2] = { a, b };
  exc = rt_call (cls, args, 2, NULL);
  rt_test_assert_no_error ();
  /* args from Exception.__init__(self, a). */
  g_assert_cmpstr (rt_test_repr (exc), ==, "AppError('a')");
  assert_int (attr (exc, "b"), 2);
  rt_decref (exc);
  rt_decref (cls);
  rt_decref (a);
  rt_decref (b);
}

static void
test_recursion_guards (void)
{
  RtObject *l = rt_list_new (0);

  setup ();
  g_assert_cmpint (rt_recursion_limit (), ==, 1000);
  rt_set_recursion_limit (3);
  g_assert_cmpint (rt_recursion_enter (""), ==, 0);
  g_assert_cmpint (rt_recursion_enter (""), ==, 0);
  g_assert_cmpint (rt_recursion_enter (""), ==, 0);
  g_assert_cmpint (rt_recursion_enter (" while getting the repr of an object"), ==, -1);
  g_assert_cmpint (rt_recursion_depth (), ==, 3);
  rt_recursion_leave ();
  rt_recursion_leave ();
  rt_recursion_leave ();
  rt_set_recursion_limit (1000);
  assert_error (&rt_exc_RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object");

  g_assert_cmpint (rt_repr_enter (l), ==, 0);
  g_assert_cmpint (rt_repr_enter (l), ==, 1);
  rt_repr_leave (l);
  g_assert_cmpint (rt_repr_enter (l), ==, 0);
  rt_repr_leave (l);
  rt_decref (l);
}

static void
test_attribute_events (void)
{
  RtObject *cls, *obj, *v;

  setup ();
  rt_test_events_start ();
  cls = make_class ("Ev", NULL, NULL);
  /* A class is born with its size: the shared keys count. */
  const RtEvent *cborn = NULL;
  for (guint i = 0; i < rt_test_events_count (RT_EV_BORN); i++)
    if (rt_test_events_nth (RT_EV_BORN, i)->object == cls)
      cborn = rt_test_events_nth (RT_EV_BORN, i);
  g_assert_nonnull (cborn);
  g_assert_cmpint (cborn->a, ==, 1688);
  rt_test_events_start ();
  obj = rt_call_noargs (cls);
  g_assert_cmpuint (rt_test_events_count (RT_EV_BORN), >=, 1);
  const RtEvent *born = rt_test_events_nth (RT_EV_BORN, 0);
  g_assert_true (born->object == obj);
  g_assert_cmpint (born->a, ==, 56);
  v = rt_list_new (0);
  guint before = rt_test_events_count (RT_EV_REF_ADD);
  set_attr (obj, "items", v);
  /* The class's shared keys take the name, then the instance the value. */
  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_ADD), ==, before + 2);
  const RtEvent *ev = rt_test_events_nth (RT_EV_REF_ADD, before);
  g_assert_true (ev->object == cls);
  g_assert_cmpint (ev->slot_kind, ==, RT_SLOT_KEY);
  ev = rt_test_events_nth (RT_EV_REF_ADD, before + 1);
  g_assert_true (ev->object == obj);
  g_assert_true (ev->other == v);
  g_assert_cmpint (ev->slot_kind, ==, RT_SLOT_ATTR);
  g_assert_cmpstr (rt_str_utf8 (ev->key), ==, "items");
  RtObject *key = rt_test_str ("items");
  g_assert_cmpint (rt_setattr (obj, key, NULL), ==, 0);
  g_assert_cmpuint (rt_test_events_count (RT_EV_REF_DEL), ==, 1);
  rt_decref (key);
  rt_test_events_stop ();
  rt_decref (v);
  rt_decref (obj);
  rt_decref (cls);
}


/* More dunder methods: truth, iteration, containment, attribute hooks,
 * calls, indexes and the checks on what they return. */

static int next_count;

static RtObject *
fn_next_two (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (next_count >= 2)
    {
      rt_error_set_object (&rt_exc_StopIteration, NULL);
      return NULL;
    }
  return rt_int_from_i64 (next_count++);
}

static RtObject *
fn_getattr_bang (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  g_assert_cmpuint (nargs, ==, 2);
  return rt_str_from_format ("%S!", args[1]);
}

static RtObject *
fn_return_zero (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_int_from_i64 (0);
}

static RtObject *
fn_return_minus_one (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_int_from_i64 (-1);
}

static RtObject *
fn_return_huge (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* 2**70 */
  RtObject *two = rt_int_from_i64 (2), *e = rt_int_from_i64 (70);
  RtObject *r = rt_binary_op (two, e, RT_OP_POWER);

  rt_decref (two);
  rt_decref (e);
  return r;
}

static RtObject *
fn_format_spec (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_str_from_format ("N%S", args[1]);
}

static void
test_dunder_protocols (void)
{
  RtObject *cls, *obj, *it, *item, *one, *r;

  setup ();
  one = rt_int_from_i64 (1);

  /* __iter__ returning self, __next__ raising StopIteration: exhaustion. */
  next_count = 0;
  cls = make_class ("It", NULL, "__iter__", func ("It.__iter__", fn_return_self), "__next__",
                    func ("It.__next__", fn_next_two), NULL);
  obj = rt_call_noargs (cls);
  it = rt_iter (obj);
  g_assert_true (it == obj);
  int count = 0;
  while ((item = rt_iter_next (it)) != NULL)
    {
      assert_int (item, count);
      count++;
    }
  rt_test_assert_no_error ();
  g_assert_cmpint (count, ==, 2);
  rt_decref (it);
  rt_decref (obj);
  rt_decref (cls);

  /* __bool__ must return a bool; __init__ must return None. */
  cls = make_class ("B", NULL, "__bool__", func ("B.__bool__", fn_return_int), "__contains__",
                    func ("B.__contains__", fn_return_zero), NULL);
  obj = rt_call_noargs (cls);
  g_assert_cmpint (rt_is_true (obj), ==, -1);
  assert_error (&rt_exc_TypeError, "__bool__ should return bool, returned int");
  g_assert_cmpint (rt_contains (obj, one), ==, 0);
  rt_decref (obj);
  rt_decref (cls);
  cls = make_class ("D", NULL, "__init__", func ("D.__init__", fn_return_int), NULL);
  g_assert_null (rt_call_noargs (cls));
  assert_error (&rt_exc_TypeError, "__init__() should return None, not 'int'");
  rt_decref (cls);

  /* __len__ < 0 */
  cls = make_class ("E", NULL, "__len__", func ("E.__len__", fn_return_minus_one), NULL);
  obj = rt_call_noargs (cls);
  g_assert_cmpint (rt_length (obj), ==, -1);
  assert_error (&rt_exc_ValueError, "__len__() should return >= 0");
  rt_decref (obj);
  rt_decref (cls);

  /* __getattr__ after the generic lookup fails. */
  cls = make_class ("G", NULL, "__getattr__", func ("G.__getattr__", fn_getattr_bang), "real",
                    rt_newref (one), NULL);
  obj = rt_call_noargs (cls);
  assert_str (attr (obj, "foo"), "foo!");
  assert_int (attr (obj, "real"), 1);
  rt_decref (obj);
  rt_decref (cls);

  /* __iter__ = None */
  cls = make_class ("I", NULL, "__iter__", rt_none_new (), NULL);
  obj = rt_call_noargs (cls);
  g_assert_null (rt_iter (obj));
  assert_error (&rt_exc_TypeError, "'I' object is not iterable");
  rt_decref (obj);
  rt_decref (cls);

  /* __iter__ returning a non-iterator. */
  cls = make_class ("M", NULL, "__iter__", func ("M.__iter__", fn_return_int), NULL);
  obj = rt_call_noargs (cls);
  g_assert_null (rt_iter (obj));
  assert_error (&rt_exc_TypeError, "iter() returned non-iterator of type 'int'");
  rt_decref (obj);
  rt_decref (cls);

  /* __hash__ beyond 64 bits is hashed as an int; __index__; __call__. */
  cls = make_class ("J", NULL, "__hash__", func ("J.__hash__", fn_return_huge), "__index__",
                    func ("J.__index__", fn_return_int), "__call__", func ("J.__call__", fn_method),
                    NULL);
  obj = rt_call_noargs (cls);
  g_assert_cmpint (rt_hash (obj), ==, 512);
  assert_int (rt_number_index (obj), 7);
  g_assert_cmpint (rt_as_ssize (obj), ==, 7);
  r = rt_call_one (obj, one);
  g_assert_cmpint (RT_TUPLE_SIZE (r), ==, 2);
  g_assert_true (RT_TUPLE_ITEMS (r)[0] == obj);
  rt_decref (r);
  rt_decref (obj);
  rt_decref (cls);
  cls = make_class ("L", NULL, "__index__", func ("L.__index__", fn_str_hello), NULL);
  obj = rt_call_noargs (cls);
  g_assert_null (rt_number_index (obj));
  assert_error (&rt_exc_TypeError, "__index__ returned non-int (type str)");
  rt_decref (obj);
  rt_decref (cls);
  RtObject *s = rt_str_from_cstr ("x");
  g_assert_null (rt_number_index (s));
  assert_error (&rt_exc_TypeError, "'str' object cannot be interpreted as an integer");

  /* __format__ */
  cls = make_class ("N", NULL, "__format__", func ("N.__format__", fn_format_spec), NULL);
  obj = rt_call_noargs (cls);
  assert_str (rt_format (obj, s), "Nx");
  rt_decref (obj);
  rt_decref (cls);
  cls = make_class ("O", NULL, "__format__", func ("O.__format__", fn_return_int), NULL);
  obj = rt_call_noargs (cls);
  g_assert_null (rt_format (obj, s));
  assert_error (&rt_exc_TypeError, "__format__ must return a str, not int");
  rt_decref (obj);
  rt_decref (cls);
  /* format() of a str or int without a spec is the object or its str. */
  r = rt_format (s, NULL);
  g_assert_true (r == s);
  rt_decref (r);
  assert_str (rt_format (one, NULL), "1");

  /* dir() is sorted and sees the class's attributes. */
  cls = make_class ("G", NULL, "zeta", rt_newref (one), NULL);
  obj = rt_call_noargs (cls);
  set_attr (obj, "alpha", one);
  r = rt_object_dir (obj);
  g_assert_nonnull (r);
  g_assert_cmpstr (rt_str_utf8 (RT_LIST_ITEMS (r)[0]), ==, "__class__");
  g_assert_cmpstr (rt_str_utf8 (RT_LIST_ITEMS (r)[RT_LIST_SIZE (r) - 1]), ==, "zeta");
  g_assert_cmpstr (rt_str_utf8 (RT_LIST_ITEMS (r)[RT_LIST_SIZE (r) - 2]), ==, "alpha");
  rt_decref (r);
  rt_decref (obj);
  rt_decref (cls);

  rt_decref (s);
  rt_decref (one);
}

/* __new__ in a class body becomes a staticmethod; __init_subclass__ runs for
 * subclasses; __set_name__ is called; __classcell__ is filled. */

static RtObject *
fn_new_plain (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* def __new__(cls, *a): return object.__new__(cls) */
  RtObject *new_ = attr ((RtObject *) &rt_object_type, "__new__");
  RtObject *r = rt_call_one (new_, args[0]);

  rt_decref (new_);
  if (r != NULL)
    set_attr (r, "made_by_new", args[0]);
  return r;
}

static int subclass_inits;

static RtObject *
fn_init_subclass (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  subclass_inits++;
  return rt_none_new ();
}

static RtObject *set_name_seen;

static RtObject *
fn_set_name (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  g_assert_cmpuint (nargs, ==, 3);
  set_name_seen = rt_newref (args[2]);
  return rt_none_new ();
}

static void
test_class_creation_hooks (void)
{
  RtObject *cls, *obj, *r, *sub, *bases;

  setup ();
  cls = make_class ("W", NULL, "__new__", func ("W.__new__", fn_new_plain), NULL);
  r = rt_dict_get_item_cstr (((RtType *) cls)->dict, "__new__");
  g_assert_true (RT_TYPE (r) == &rt_staticmethod_type);
  obj = rt_call_noargs (cls);
  rt_test_assert_no_error ();
  r = attr (obj, "made_by_new");
  g_assert_true (r == cls);
  rt_decref (r);
  rt_decref (obj);
  rt_decref (cls);

  subclass_inits = 0;
  cls = make_class ("Base", NULL, "__init_subclass__", func ("Base.__init_subclass__", fn_init_subclass),
                    NULL);
  g_assert_cmpint (subclass_inits, ==, 0);
  bases = rt_tuple_pack (1, cls);
  sub = make_class ("Sub", bases, NULL);
  rt_decref (bases);
  g_assert_cmpint (subclass_inits, ==, 1);
  rt_decref (sub);
  rt_decref (cls);

  /* A descriptor class with __set_name__. */
  RtObject *dcls = make_class ("Desc", NULL, "__set_name__", func ("Desc.__set_name__", fn_set_name),
                               NULL);
  RtObject *d = rt_call_noargs (dcls);
  RtObject *cell = rt_cell_new (NULL);
  set_name_seen = NULL;
  cls = make_class ("Owner", NULL, "field", d, "__classcell__", rt_newref (cell), NULL);
  g_assert_nonnull (set_name_seen);
  g_assert_cmpstr (rt_str_utf8 (set_name_seen), ==, "field");
  RT_CLEAR (set_name_seen);
  g_assert_true (((RtCell *) cell)->ref == cls);
  g_assert_null (rt_dict_get_item_cstr (((RtType *) cls)->dict, "__classcell__"));
  rt_decref (cell);
  rt_decref (cls);
  rt_decref (dcls);
}


/* __setattr__, __delattr__ and __getattribute__ overrides, which reach the
 * default behaviour through object's slot wrappers. */

static int setattr_calls;

static RtObject *
fn_setattr_via_object (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* def __setattr__(self, name, value): object.__setattr__(self, name, value) */
  RtObject *f = attr ((RtObject *) &rt_object_type, "__setattr__");
  RtObject *r = rt_call (f, args, nargs, NULL);

  setattr_calls++;
  rt_decref (f);
  return r;
}

static RtObject *
fn_delattr_refuse (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  rt_error_format (&rt_exc_AttributeError, "cannot delete %S", args[1]);
  return NULL;
}

static RtObject *
fn_getattribute_upper (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* def __getattribute__(self, name): return name.upper() unless it's 'real' */
  if (rt_str_equal_cstr (args[1], "real"))
    {
      RtObject *f = attr ((RtObject *) &rt_object_type, "__getattribute__");
      RtObject *r = rt_call (f, args, nargs, NULL);
      rt_decref (f);
      return r;
    }
  return rt_call_method (args[1], "upper", NULL, 0);
}

static void
test_attribute_hooks (void)
{
  RtObject *cls, *obj, *one, *key;

  setup ();
  setattr_calls = 0;
  cls = make_class ("S", NULL, "__setattr__", func ("S.__setattr__", fn_setattr_via_object),
                    "__delattr__", func ("S.__delattr__", fn_delattr_refuse), NULL);
  obj = rt_call_noargs (cls);
  one = rt_int_from_i64 (1);
  set_attr (obj, "a", one);
  g_assert_cmpint (setattr_calls, ==, 1);
  assert_int (attr (obj, "a"), 1);
  key = rt_test_str ("a");
  g_assert_cmpint (rt_setattr (obj, key, NULL), ==, -1);
  assert_error (&rt_exc_AttributeError, "cannot delete a");
  rt_decref (key);
  rt_decref (obj);
  rt_decref (cls);

  cls = make_class ("G", NULL, "__getattribute__",
                    func ("G.__getattribute__", fn_getattribute_upper), "real", rt_newref (one),
                    NULL);
  obj = rt_call_noargs (cls);
  assert_str (attr (obj, "abc"), "ABC");
  assert_int (attr (obj, "real"), 1);
  rt_decref (obj);
  rt_decref (cls);
  rt_decref (one);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  rt_test_add ("/classes/basics", test_class_basics);
  rt_test_add ("/classes/instantiation-errors", test_instantiation_errors);
  rt_test_add ("/classes/type-three-args", test_type_three_args);
  rt_test_add ("/classes/inline-attributes", test_inline_attributes);
  rt_test_add ("/classes/attribute-errors", test_attribute_errors);
  rt_test_add ("/classes/repr-str", test_repr_str_slots);
  rt_test_add ("/classes/eq-hash", test_eq_and_hash);
  rt_test_add ("/classes/binary-operators", test_binary_operators);
  rt_test_add ("/classes/container-slots", test_container_slots);
  rt_test_add ("/classes/del-resurrection", test_del_and_resurrection);
  rt_test_add ("/classes/bound-methods", test_bound_methods);
  rt_test_add ("/classes/builtin-methods", test_builtin_methods);
  rt_test_add ("/classes/inheritance-super", test_inheritance_and_super);
  rt_test_add ("/classes/property", test_property);
  rt_test_add ("/classes/static-class-methods", test_static_and_class_methods);
  rt_test_add ("/classes/slots", test_slots);
  rt_test_add ("/classes/cycles", test_cycles_collected);
  rt_test_add ("/classes/modules-cells", test_modules_and_cells);
  rt_test_add ("/classes/exceptions", test_exceptions);
  rt_test_add ("/classes/exception-subclass-init", test_exception_subclass_init);
  rt_test_add ("/classes/recursion-guards", test_recursion_guards);
  rt_test_add ("/classes/attribute-events", test_attribute_events);
  rt_test_add ("/classes/dunder-protocols", test_dunder_protocols);
  rt_test_add ("/classes/creation-hooks", test_class_creation_hooks);
  rt_test_add ("/classes/attribute-hooks", test_attribute_hooks);
  return g_test_run ();
}
