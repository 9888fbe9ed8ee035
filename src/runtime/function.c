/* function.c: Python function objects, cells and bound methods, as
 * CPython's funcobject.c, cellobject.c and classobject.c. Running a
 * function's code is the embedder's business (the call_function hook). */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "gc.h"
#include "int.h"
#include "runtime.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <string.h>

/* CPython's sizeof(PyFunctionObject), PyCellObject and PyMethodObject. */
#define CPY_FUNCTION_SIZE 136
#define CPY_CELL_SIZE 24
#define CPY_METHOD_SIZE 48

static RtObject *
gc_new (RtType *type, size_t size)
{
  RtObject *obj = rt_gc_alloc (type, size);

  if (obj == NULL)
    return NULL;
  memset ((char *) obj + sizeof (RtObject), 0, size - sizeof (RtObject));
  RT_EVENT_BORN (obj, 0);
  return obj;
}

static void
set_label (RtObject *owner, RtObject **field, RtObject *value, RtRefLabel label)
{
  rt_field_set (owner, field, value, rt_slot_label (label));
}

/* Functions. */

RtObject *
rt_function_new (RtObject *code, RtObject *globals, RtObject *name, RtObject *qualname)
{
  RtFunction *f;
  RtObject *module = NULL, *builtins = NULL;

  f = (RtFunction *) gc_new (&rt_function_type, sizeof (RtFunction));
  if (f == NULL)
    return NULL;
  if (globals != NULL && rt_is_dict (globals))
    {
      module = rt_dict_get_item (globals, rt_id (RT_ID___name__));
      builtins = rt_dict_get_item_cstr (globals, "__builtins__");
      if (rt_error_occurred ())
        rt_error_clear ();
      if (builtins != NULL && RT_TYPE (builtins) == &rt_module_type)
        builtins = ((RtModule *) builtins)->dict;
      else if (builtins != NULL && !rt_is_dict (builtins))
        builtins = NULL;
    }
  if (qualname == NULL)
    qualname = name;
  set_label (&f->ob, &f->code, code, RT_LABEL_CODE);
  set_label (&f->ob, &f->globals, globals, RT_LABEL_GLOBALS);
  set_label (&f->ob, &f->builtins, builtins, RT_LABEL_BUILTINS);
  set_label (&f->ob, &f->name, name, RT_LABEL_NAME);
  set_label (&f->ob, &f->qualname, qualname, RT_LABEL_QUALNAME);
  set_label (&f->ob, &f->module, module, RT_LABEL_MODULE);
  set_label (&f->ob, &f->doc, RT_NONE, RT_LABEL_OTHER);
  rt_gc_track (&f->ob);
  return &f->ob;
}

void
rt_function_set_defaults (RtObject *func, RtObject *defaults)
{
  set_label (func, &((RtFunction *) func)->defaults, defaults, RT_LABEL_DEFAULTS);
}

void
rt_function_set_kwdefaults (RtObject *func, RtObject *kwdefaults)
{
  set_label (func, &((RtFunction *) func)->kwdefaults, kwdefaults, RT_LABEL_KWDEFAULTS);
}

void
rt_function_set_closure (RtObject *func, RtObject *closure)
{
  set_label (func, &((RtFunction *) func)->closure, closure, RT_LABEL_CLOSURE);
}

void
rt_function_set_doc (RtObject *func, RtObject *doc)
{
  set_label (func, &((RtFunction *) func)->doc, doc, RT_LABEL_OTHER);
}

void
rt_function_set_builtins (RtObject *func, RtObject *builtins)
{
  set_label (func, &((RtFunction *) func)->builtins, builtins, RT_LABEL_BUILTINS);
}

static void
function_dealloc (RtObject *self)
{
  RtFunction *f = (RtFunction *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (f->globals);
  rt_xdecref (f->builtins);
  rt_xdecref (f->module);
  rt_xdecref (f->defaults);
  rt_xdecref (f->kwdefaults);
  rt_xdecref (f->doc);
  rt_xdecref (f->dict);
  rt_xdecref (f->closure);
  rt_xdecref (f->code);
  rt_xdecref (f->name);
  rt_xdecref (f->qualname);
  rt_gc_free (self, sizeof (RtFunction));
}

static int
function_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtFunction *f = (RtFunction *) self;

  RT_VISIT (f->code);
  RT_VISIT (f->globals);
  RT_VISIT (f->builtins);
  RT_VISIT (f->module);
  RT_VISIT (f->defaults);
  RT_VISIT (f->kwdefaults);
  RT_VISIT (f->doc);
  RT_VISIT (f->name);
  RT_VISIT (f->dict);
  RT_VISIT (f->closure);
  RT_VISIT (f->qualname);
  return 0;
}

/* The code, name and qualname stay: code is assumed present. */
static int
function_clear (RtObject *self)
{
  RtFunction *f = (RtFunction *) self;

  set_label (self, &f->globals, NULL, RT_LABEL_GLOBALS);
  set_label (self, &f->builtins, NULL, RT_LABEL_BUILTINS);
  set_label (self, &f->module, NULL, RT_LABEL_MODULE);
  set_label (self, &f->defaults, NULL, RT_LABEL_DEFAULTS);
  set_label (self, &f->kwdefaults, NULL, RT_LABEL_KWDEFAULTS);
  set_label (self, &f->doc, NULL, RT_LABEL_OTHER);
  set_label (self, &f->dict, NULL, RT_LABEL_DICT);
  set_label (self, &f->closure, NULL, RT_LABEL_CLOSURE);
  return 0;
}

static void
function_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtFunction *f = (RtFunction *) self;
  struct
  {
    RtObject *target;
    RtRefLabel label;
  } fields[] = {
    { f->code, RT_LABEL_CODE },         { f->globals, RT_LABEL_GLOBALS },
    { f->builtins, RT_LABEL_BUILTINS }, { f->module, RT_LABEL_MODULE },
    { f->defaults, RT_LABEL_DEFAULTS }, { f->kwdefaults, RT_LABEL_KWDEFAULTS },
    { f->doc, RT_LABEL_OTHER },         { f->name, RT_LABEL_NAME },
    { f->dict, RT_LABEL_DICT },         { f->closure, RT_LABEL_CLOSURE },
    { f->qualname, RT_LABEL_QUALNAME },
  };

  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    if (fields[i].target != NULL)
      visit (self, rt_slot_label (fields[i].label), fields[i].target, arg);
}

static RtObject *
function_repr (RtObject *self)
{
  RtFunction *f = (RtFunction *) self;
  char addr[32];

  rt_format_address (addr, self);
  return rt_str_from_format ("<function %S at %s>", f->qualname ? f->qualname : f->name, addr);
}

static RtObject *
function_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  const RtHooks *hooks = rt_runtime_hooks ();

  if (hooks == NULL || hooks->call_function == NULL)
    {
      rt_error_format (&rt_exc_SystemError, "no interpreter to call %R", callable);
      return NULL;
    }
  return hooks->call_function (callable, args, nargs, kwnames);
}

static RtObject *
function_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  (void) type;
  if (obj == NULL || obj == RT_NONE)
    return rt_newref (self);
  return rt_method_new (self, obj);
}

static size_t
function_size_of (RtObject *self)
{
  (void) self;
  return CPY_FUNCTION_SIZE;
}

static RtObject *
func_get_code (RtObject *self)
{
  RtFunction *f = (RtFunction *) self;

  return rt_newref (f->code ? f->code : RT_NONE);
}

static int
func_set_code (RtObject *self, RtObject *value)
{
  RtFunction *f = (RtFunction *) self;

  if (value == NULL || f->code == NULL || RT_TYPE (value) != RT_TYPE (f->code))
    {
      rt_error_format (&rt_exc_TypeError, "__code__ must be set to a code object");
      return -1;
    }
  set_label (self, &f->code, value, RT_LABEL_CODE);
  return 0;
}

static RtObject *
func_get_defaults (RtObject *self)
{
  RtFunction *f = (RtFunction *) self;

  return rt_newref (f->defaults ? f->defaults : RT_NONE);
}

static int
func_set_defaults (RtObject *self, RtObject *value)
{
  if (value == RT_NONE)
    value = NULL;
  if (value != NULL && !rt_is_tuple (value))
    {
      rt_error_format (&rt_exc_TypeError, "__defaults__ must be set to a tuple object");
      return -1;
    }
  set_label (self, &((RtFunction *) self)->defaults, value, RT_LABEL_DEFAULTS);
  return 0;
}

static RtObject *
func_get_kwdefaults (RtObject *self)
{
  RtFunction *f = (RtFunction *) self;

  return rt_newref (f->kwdefaults ? f->kwdefaults : RT_NONE);
}

static int
func_set_kwdefaults (RtObject *self, RtObject *value)
{
  if (value == RT_NONE)
    value = NULL;
  if (value != NULL && !rt_is_dict (value))
    {
      rt_error_format (&rt_exc_TypeError, "__kwdefaults__ must be set to a dict object");
      return -1;
    }
  set_label (self, &((RtFunction *) self)->kwdefaults, value, RT_LABEL_KWDEFAULTS);
  return 0;
}

static RtObject *
func_get_name (RtObject *self)
{
  return rt_newref (((RtFunction *) self)->name);
}

static int
func_set_name (RtObject *self, RtObject *value)
{
  if (value == NULL || !rt_is_str (value))
    {
      rt_error_format (&rt_exc_TypeError, "__name__ must be set to a string object");
      return -1;
    }
  set_label (self, &((RtFunction *) self)->name, value, RT_LABEL_NAME);
  return 0;
}

static RtObject *
func_get_qualname (RtObject *self)
{
  return rt_newref (((RtFunction *) self)->qualname);
}

static int
func_set_qualname (RtObject *self, RtObject *value)
{
  if (value == NULL || !rt_is_str (value))
    {
      rt_error_format (&rt_exc_TypeError, "__qualname__ must be set to a string object");
      return -1;
    }
  set_label (self, &((RtFunction *) self)->qualname, value, RT_LABEL_QUALNAME);
  return 0;
}

static int
func_set_dict (RtObject *self, RtObject *value)
{
  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "cannot delete __dict__");
      return -1;
    }
  if (!rt_is_dict (value))
    {
      rt_error_format (&rt_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                       RT_TYPE (value)->name);
      return -1;
    }
  set_label (self, &((RtFunction *) self)->dict, value, RT_LABEL_DICT);
  return 0;
}

static RtObject *
func_get_annotations (RtObject *self)
{
  (void) self;
  return rt_dict_new ();
}

const RtGetSetDef rt_function_getsets[] = {
  { "__code__", func_get_code, func_set_code },
  { "__defaults__", func_get_defaults, func_set_defaults },
  { "__kwdefaults__", func_get_kwdefaults, func_set_kwdefaults },
  { "__annotations__", func_get_annotations, NULL },
  { "__dict__", rt_instance_get_dict, func_set_dict },
  { "__name__", func_get_name, func_set_name },
  { "__qualname__", func_get_qualname, func_set_qualname },
  { NULL, NULL, NULL },
};

const RtMemberDef rt_function_members[] = {
  { "__closure__", offsetof (RtFunction, closure), RT_MEMBER_READONLY, RT_LABEL_CLOSURE },
  { "__doc__", offsetof (RtFunction, doc), 0, RT_LABEL_OTHER },
  { "__globals__", offsetof (RtFunction, globals), RT_MEMBER_READONLY, RT_LABEL_GLOBALS },
  { "__module__", offsetof (RtFunction, module), 0, RT_LABEL_MODULE },
  { "__builtins__", offsetof (RtFunction, builtins), RT_MEMBER_READONLY, RT_LABEL_BUILTINS },
  { NULL, 0, 0, 0 },
};

const int64_t rt_function_dict_offset = offsetof (RtFunction, dict);

RtType rt_function_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "function",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtFunction),
  .dealloc = function_dealloc,
  .traverse = function_traverse,
  .clear = function_clear,
  .refs = function_refs,
  .repr = function_repr,
  .call = function_call,
  .descr_get = function_descr_get,
  .size_of = function_size_of,
};

/* Cells. */

RtObject *
rt_cell_new (RtObject *value)
{
  RtCell *c = (RtCell *) gc_new (&rt_cell_type, sizeof (RtCell));

  if (c == NULL)
    return NULL;
  set_label (&c->ob, &c->ref, value, RT_LABEL_CELL_CONTENTS);
  rt_gc_track (&c->ob);
  return &c->ob;
}

void
rt_cell_set (RtObject *cell, RtObject *value)
{
  set_label (cell, &((RtCell *) cell)->ref, value, RT_LABEL_CELL_CONTENTS);
}

static void
cell_dealloc (RtObject *self)
{
  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (((RtCell *) self)->ref);
  rt_gc_free (self, sizeof (RtCell));
}

static int
cell_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtCell *) self)->ref);
  return 0;
}

static int
cell_clear (RtObject *self)
{
  rt_cell_set (self, NULL);
  return 0;
}

static void
cell_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtObject *ref = ((RtCell *) self)->ref;

  if (ref != NULL)
    visit (self, rt_slot_label (RT_LABEL_CELL_CONTENTS), ref, arg);
}

static RtObject *
cell_repr (RtObject *self)
{
  RtObject *ref = ((RtCell *) self)->ref;
  char addr[32], addr2[32];

  rt_format_address (addr, self);
  if (ref == NULL)
    return rt_str_from_format ("<cell at %s: empty>", addr);
  rt_format_address (addr2, ref);
  return rt_str_from_format ("<cell at %s: %s object at %s>", addr, RT_TYPE (ref)->name, addr2);
}

static RtObject *
cell_richcompare (RtObject *a, RtObject *b, int op)
{
  RtObject *x, *y;
  bool l, r, res;

  if (RT_TYPE (a) != &rt_cell_type || RT_TYPE (b) != &rt_cell_type)
    return rt_newref (RT_NOT_IMPLEMENTED);
  x = ((RtCell *) a)->ref;
  y = ((RtCell *) b)->ref;
  if (x != NULL && y != NULL)
    return rt_richcompare (x, y, op);
  /* Empty cells come before anything else. */
  l = y == NULL;
  r = x == NULL;
  switch (op)
    {
    case RT_EQ:
      res = l == r;
      break;
    case RT_NE:
      res = l != r;
      break;
    case RT_LT:
      res = l < r;
      break;
    case RT_LE:
      res = l <= r;
      break;
    case RT_GT:
      res = l > r;
      break;
    default:
      res = l >= r;
      break;
    }
  return rt_bool_new (res);
}

static RtObject *
cell_get_contents (RtObject *self)
{
  RtObject *ref = ((RtCell *) self)->ref;

  if (ref == NULL)
    {
      rt_error_format (&rt_exc_ValueError, "Cell is empty");
      return NULL;
    }
  return rt_newref (ref);
}

static int
cell_set_contents (RtObject *self, RtObject *value)
{
  rt_cell_set (self, value);
  return 0;
}

const RtGetSetDef rt_cell_getsets[] = {
  { "cell_contents", cell_get_contents, cell_set_contents },
  { NULL, NULL, NULL },
};

static size_t
cell_size_of (RtObject *self)
{
  (void) self;
  return CPY_CELL_SIZE;
}

RtType rt_cell_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "cell",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtCell),
  .dealloc = cell_dealloc,
  .traverse = cell_traverse,
  .clear = cell_clear,
  .refs = cell_refs,
  .repr = cell_repr,
  .richcompare = cell_richcompare,
  .size_of = cell_size_of,
};

/* Bound methods. */

RtObject *
rt_method_new (RtObject *func, RtObject *self)
{
  RtMethod *m = (RtMethod *) gc_new (&rt_method_type, sizeof (RtMethod));

  if (m == NULL)
    return NULL;
  set_label (&m->ob, &m->func, func, RT_LABEL_FUNC);
  set_label (&m->ob, &m->self, self, RT_LABEL_SELF);
  rt_gc_track (&m->ob);
  return &m->ob;
}

static void
method_dealloc (RtObject *self)
{
  RtMethod *m = (RtMethod *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (m->func);
  rt_xdecref (m->self);
  rt_gc_free (self, sizeof (RtMethod));
}

static int
method_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtMethod *m = (RtMethod *) self;

  RT_VISIT (m->func);
  RT_VISIT (m->self);
  return 0;
}

static void
method_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtMethod *m = (RtMethod *) self;

  visit (self, rt_slot_label (RT_LABEL_FUNC), m->func, arg);
  visit (self, rt_slot_label (RT_LABEL_SELF), m->self, arg);
}

static RtObject *
method_repr (RtObject *self)
{
  RtMethod *m = (RtMethod *) self;
  RtObject *funcname = NULL, *res;

  if (rt_lookup_attr (m->func, rt_id (RT_ID___qualname__), &funcname) < 0)
    return NULL;
  if (funcname == NULL && rt_lookup_attr (m->func, rt_id (RT_ID___name__), &funcname) < 0)
    return NULL;
  if (funcname != NULL && !rt_is_str (funcname))
    RT_CLEAR (funcname);
  if (funcname != NULL)
    res = rt_str_from_format ("<bound method %S of %R>", funcname, m->self);
  else
    res = rt_str_from_format ("<bound method ? of %R>", m->self);
  rt_xdecref (funcname);
  return res;
}

/* Calls the function with self in front, as method_vectorcall does. */
static RtObject *
method_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtMethod *m = (RtMethod *) callable;

  return rt_call_prepend (m->func, m->self, args, nargs, kwnames);
}

static RtObject *
method_richcompare (RtObject *a, RtObject *b, int op)
{
  int eq;

  if ((op != RT_EQ && op != RT_NE) || RT_TYPE (a) != &rt_method_type
      || RT_TYPE (b) != &rt_method_type)
    return rt_newref (RT_NOT_IMPLEMENTED);
  eq = rt_richcompare_bool (((RtMethod *) a)->func, ((RtMethod *) b)->func, RT_EQ);
  if (eq < 0)
    return NULL;
  if (eq == 1)
    eq = ((RtMethod *) a)->self == ((RtMethod *) b)->self;
  return rt_bool_new (op == RT_EQ ? eq : !eq);
}

static RtHash
method_hash (RtObject *self)
{
  RtMethod *m = (RtMethod *) self;
  RtHash x = rt_hash_pointer (m->self), y = rt_hash (m->func);

  if (y == -1)
    return -1;
  x ^= y;
  return x == -1 ? -2 : x;
}

static RtObject *
method_getattro (RtObject *obj, RtObject *name)
{
  RtObject *descr = rt_type_lookup (RT_TYPE (obj), name);

  if (descr != NULL)
    {
      RtObject *(*f) (RtObject *, RtObject *, RtType *) = RT_TYPE (descr)->descr_get;
      if (f != NULL)
        return f (descr, obj, RT_TYPE (obj));
      return rt_newref (descr);
    }
  return rt_getattr (((RtMethod *) obj)->func, name);
}

static RtObject *
method_get_doc (RtObject *self)
{
  return rt_getattr (((RtMethod *) self)->func, rt_id (RT_ID___doc__));
}

const RtGetSetDef rt_method_getsets[] = {
  { "__doc__", method_get_doc, NULL },
  { NULL, NULL, NULL },
};

const RtMemberDef rt_method_members[] = {
  { "__func__", offsetof (RtMethod, func), RT_MEMBER_READONLY, RT_LABEL_FUNC },
  { "__self__", offsetof (RtMethod, self), RT_MEMBER_READONLY, RT_LABEL_SELF },
  { NULL, 0, 0, 0 },
};

static size_t
method_size_of (RtObject *self)
{
  (void) self;
  return CPY_METHOD_SIZE;
}

RtType rt_method_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "method",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtMethod),
  .dealloc = method_dealloc,
  .traverse = method_traverse,
  .refs = method_refs,
  .repr = method_repr,
  .hash = method_hash,
  .richcompare = method_richcompare,
  .getattro = method_getattro,
  .call = method_call,
  .size_of = method_size_of,
};
