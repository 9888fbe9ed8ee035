/* exception.c: the built-in exception classes and their instances, as
 * CPython 3.11's exceptions.c: args, __traceback__, __context__, __cause__,
 * the extra fields of StopIteration, ImportError, SyntaxError..., their
 * str and repr, and the last line of a traceback. */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <stdlib.h>
#include <string.h>

/* sizeof(PyBaseExceptionObject) */
#define CPY_EXC_SIZE 72

typedef struct
{
  RtObject ob;
  RtObject *dict;
  RtObject *args;
  RtObject *notes;
  RtObject *traceback;
  RtObject *context;
  RtObject *cause;
  int64_t suppress_context;
  RtObject *extra[];   /* the fields of a subclass, see exc_specs */
} RtBaseException;

#define EXC(o) ((RtBaseException *) (o))
#define EXC_SIZE(n) (sizeof (RtBaseException) + (n) * sizeof (RtObject *))

/* Fields of the exception classes that add some: the first `traverse` of
 * them are what the collector sees (UnicodeError's start and end are C
 * integers in CPython). */
enum
{
  F_VALUE = 0,     /* StopIteration */
  F_CODE = 0,      /* SystemExit */
  F_IMP_MSG = 0,   /* ImportError: msg, name, path */
  F_IMP_NAME,
  F_IMP_PATH,
};
enum
{
  F_ATTR_OBJ = 0,  /* AttributeError: obj, name */
  F_ATTR_NAME,
};
enum
{
  F_NAME = 0,      /* NameError */
};
enum
{
  F_SE_MSG = 0,    /* SyntaxError */
  F_SE_FILENAME,
  F_SE_LINENO,
  F_SE_OFFSET,
  F_SE_TEXT,
  F_SE_END_LINENO,
  F_SE_END_OFFSET,
  F_SE_PRINT_FILE_AND_LINE,
};
enum
{
  F_UE_ENCODING = 0, /* UnicodeDecodeError, UnicodeEncodeError */
  F_UE_OBJECT,
  F_UE_REASON,
  F_UE_START,
  F_UE_END,
};

static RtObject *exc_str (RtObject *self);
static RtObject *exc_repr (RtObject *self);
static RtObject *exc_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames);
static int exc_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames);
static void exc_dealloc (RtObject *self);
static int exc_traverse (RtObject *self, RtVisitFn visit, void *arg);
static int exc_clear (RtObject *self);
static void exc_refs (RtObject *self, RtRefVisitFn visit, void *arg);
static size_t exc_size_of (RtObject *self);
static int stop_iteration_init (RtObject *, RtObject *const *, size_t, RtObject *);
static int system_exit_init (RtObject *, RtObject *const *, size_t, RtObject *);
static int import_error_init (RtObject *, RtObject *const *, size_t, RtObject *);
static RtObject *import_error_str (RtObject *self);
static int attribute_error_init (RtObject *, RtObject *const *, size_t, RtObject *);
static int name_error_init (RtObject *, RtObject *const *, size_t, RtObject *);
static int syntax_error_init (RtObject *, RtObject *const *, size_t, RtObject *);
static RtObject *syntax_error_str (RtObject *self);
static int unicode_error_init (RtObject *, RtObject *const *, size_t, RtObject *);
static RtObject *key_error_str (RtObject *self);
extern const RtMethodDef rt_exception_methods[];

#define EXC_TYPE(cname, pyname, basep, nextra, initfn, strfn)                         \
  RtType rt_exc_##cname = {                                                          \
    .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },                                     \
    .name = pyname,                                                                  \
    .base = basep,                                                                   \
    .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE | RT_TPFLAG_EXC_SUBCLASS,             \
    .basic_size = EXC_SIZE (nextra),                                                 \
    .dealloc = exc_dealloc,                                                          \
    .traverse = exc_traverse,                                                        \
    .clear = exc_clear,                                                              \
    .refs = exc_refs,                                                                \
    .str = strfn,                                                                    \
    .tp_new = exc_new,                                                               \
    .init = initfn,                                                                  \
    .size_of = exc_size_of,                                                          \
  }

#define SIMPLE(cname, base) EXC_TYPE (cname, #cname, &rt_exc_##base, 0, exc_init, NULL)

RtType rt_exc_BaseException = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "BaseException",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE | RT_TPFLAG_EXC_SUBCLASS,
  .basic_size = EXC_SIZE (0),
  .dealloc = exc_dealloc,
  .traverse = exc_traverse,
  .clear = exc_clear,
  .refs = exc_refs,
  .repr = exc_repr,
  .str = exc_str,
  .tp_new = exc_new,
  .init = exc_init,
  .methods = rt_exception_methods,
  .size_of = exc_size_of,
};

SIMPLE (Exception, BaseException);
SIMPLE (GeneratorExit, BaseException);
SIMPLE (KeyboardInterrupt, BaseException);
EXC_TYPE (SystemExit, "SystemExit", &rt_exc_BaseException, 1, system_exit_init, NULL);
SIMPLE (TypeError, Exception);
SIMPLE (StopAsyncIteration, Exception);
EXC_TYPE (StopIteration, "StopIteration", &rt_exc_Exception, 1, stop_iteration_init, NULL);
EXC_TYPE (ImportError, "ImportError", &rt_exc_Exception, 3, import_error_init, import_error_str);
EXC_TYPE (ModuleNotFoundError, "ModuleNotFoundError", &rt_exc_ImportError, 3, import_error_init,
          NULL);
SIMPLE (EOFError, Exception);
SIMPLE (RuntimeError, Exception);
SIMPLE (RecursionError, RuntimeError);
SIMPLE (NotImplementedError, RuntimeError);
EXC_TYPE (NameError, "NameError", &rt_exc_Exception, 1, name_error_init, NULL);
EXC_TYPE (UnboundLocalError, "UnboundLocalError", &rt_exc_NameError, 1, name_error_init, NULL);
EXC_TYPE (AttributeError, "AttributeError", &rt_exc_Exception, 2, attribute_error_init, NULL);
EXC_TYPE (SyntaxError, "SyntaxError", &rt_exc_Exception, 8, syntax_error_init, syntax_error_str);
EXC_TYPE (IndentationError, "IndentationError", &rt_exc_SyntaxError, 8, syntax_error_init, NULL);
EXC_TYPE (TabError, "TabError", &rt_exc_IndentationError, 8, syntax_error_init, NULL);
SIMPLE (LookupError, Exception);
SIMPLE (IndexError, LookupError);
EXC_TYPE (KeyError, "KeyError", &rt_exc_LookupError, 0, exc_init, key_error_str);
SIMPLE (ValueError, Exception);
SIMPLE (UnicodeError, ValueError);
EXC_TYPE (UnicodeEncodeError, "UnicodeEncodeError", &rt_exc_UnicodeError, 5, unicode_error_init,
          NULL);
EXC_TYPE (UnicodeDecodeError, "UnicodeDecodeError", &rt_exc_UnicodeError, 5, unicode_error_init,
          NULL);
SIMPLE (AssertionError, Exception);
SIMPLE (ArithmeticError, Exception);
SIMPLE (FloatingPointError, ArithmeticError);
SIMPLE (OverflowError, ArithmeticError);
SIMPLE (ZeroDivisionError, ArithmeticError);
SIMPLE (SystemError, Exception);
SIMPLE (ReferenceError, Exception);
SIMPLE (MemoryError, Exception);
SIMPLE (BufferError, Exception);
SIMPLE (Warning, Exception);
SIMPLE (UserWarning, Warning);
SIMPLE (EncodingWarning, Warning);
SIMPLE (DeprecationWarning, Warning);
SIMPLE (PendingDeprecationWarning, Warning);
SIMPLE (SyntaxWarning, Warning);
SIMPLE (RuntimeWarning, Warning);
SIMPLE (FutureWarning, Warning);
SIMPLE (ImportWarning, Warning);
SIMPLE (UnicodeWarning, Warning);
SIMPLE (BytesWarning, Warning);
SIMPLE (ResourceWarning, Warning);

/* In base-first order, as they are readied. */
static RtType *const all_types[] = {
  &rt_exc_BaseException, &rt_exc_Exception, &rt_exc_GeneratorExit, &rt_exc_KeyboardInterrupt,
  &rt_exc_SystemExit, &rt_exc_TypeError, &rt_exc_StopAsyncIteration, &rt_exc_StopIteration,
  &rt_exc_ImportError, &rt_exc_ModuleNotFoundError, &rt_exc_EOFError, &rt_exc_RuntimeError,
  &rt_exc_RecursionError, &rt_exc_NotImplementedError, &rt_exc_NameError,
  &rt_exc_UnboundLocalError, &rt_exc_AttributeError, &rt_exc_SyntaxError,
  &rt_exc_IndentationError, &rt_exc_TabError, &rt_exc_LookupError, &rt_exc_IndexError,
  &rt_exc_KeyError, &rt_exc_ValueError, &rt_exc_UnicodeError, &rt_exc_UnicodeEncodeError,
  &rt_exc_UnicodeDecodeError, &rt_exc_AssertionError, &rt_exc_ArithmeticError,
  &rt_exc_FloatingPointError, &rt_exc_OverflowError, &rt_exc_ZeroDivisionError,
  &rt_exc_SystemError, &rt_exc_ReferenceError, &rt_exc_MemoryError, &rt_exc_BufferError,
  &rt_exc_Warning, &rt_exc_UserWarning, &rt_exc_EncodingWarning, &rt_exc_DeprecationWarning,
  &rt_exc_PendingDeprecationWarning, &rt_exc_SyntaxWarning, &rt_exc_RuntimeWarning,
  &rt_exc_FutureWarning, &rt_exc_ImportWarning, &rt_exc_UnicodeWarning, &rt_exc_BytesWarning,
  &rt_exc_ResourceWarning,
};

bool
rt_exceptions_ready (void)
{
  for (size_t i = 0; i < sizeof all_types / sizeof all_types[0]; i++)
    if (!rt_type_ready (all_types[i]))
      return false;
  return true;
}

/* The static exception class whose layout obj has, and how many of its
 * extra fields the collector visits. */
static RtType *
static_base (RtObject *obj)
{
  return rt_type_solid_static_base (RT_TYPE (obj));
}

static int64_t
n_extra (RtType *st)
{
  return (int64_t) ((st->basic_size - sizeof (RtBaseException)) / sizeof (RtObject *));
}

static int64_t
n_traverse (RtType *st)
{
  return rt_type_is_subtype (st, &rt_exc_UnicodeError) ? 3 : n_extra (st);
}

static void
set_extra (RtObject *self, int i, RtObject *value)
{
  rt_field_set (self, &EXC (self)->extra[i], value, rt_slot_label (RT_LABEL_OTHER));
}

static void
set_args (RtObject *self, RtObject *args)
{
  rt_field_set (self, &EXC (self)->args, args, rt_slot_label (RT_LABEL_ARGS));
}

/* The args tuple: the one type_call built if these are its items. */
static RtObject *
args_tuple (RtObject *const *args, size_t nargs)
{
  RtObject *t = rt_call_args_tuple (args, nargs);

  if (t != NULL)
    return rt_newref (t);
  return rt_tuple_from_array (args, nargs);
}

static RtObject *
exc_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *self, *t;

  (void) kwnames;
  self = rt_type_generic_alloc (type, 0);
  if (self == NULL)
    return NULL;
  t = args_tuple (args, nargs);
  if (t == NULL)
    {
      rt_decref (self);
      return NULL;
    }
  set_args (self, t);
  rt_decref (t);
  return self;
}

static int
base_init (RtObject *self, RtObject *const *args, size_t nargs)
{
  RtObject *t;

  if (EXC (self)->args != NULL && rt_call_args_tuple (args, nargs) == EXC (self)->args)
    return 0;
  t = args_tuple (args, nargs);
  if (t == NULL)
    return -1;
  set_args (self, t);
  rt_decref (t);
  return 0;
}

static int
exc_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs (RT_TYPE (self)->name, kwnames))
    return -1;
  return base_init (self, args, nargs);
}

static void
exc_dealloc (RtObject *self)
{
  RtBaseException *e = EXC (self);
  int64_t n = n_extra (static_base (self));

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  for (int64_t i = 0; i < n; i++)
    rt_xdecref (e->extra[i]);
  rt_xdecref (e->dict);
  rt_xdecref (e->args);
  rt_xdecref (e->notes);
  rt_xdecref (e->traceback);
  rt_xdecref (e->cause);
  rt_xdecref (e->context);
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static int
exc_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtBaseException *e = EXC (self);
  int64_t n = n_traverse (static_base (self));

  for (int64_t i = 0; i < n; i++)
    RT_VISIT (e->extra[i]);
  RT_VISIT (e->dict);
  RT_VISIT (e->args);
  RT_VISIT (e->notes);
  RT_VISIT (e->traceback);
  RT_VISIT (e->context);
  RT_VISIT (e->cause);
  return 0;
}

static int
exc_clear (RtObject *self)
{
  RtBaseException *e = EXC (self);
  int64_t n = n_extra (static_base (self));

  for (int64_t i = 0; i < n; i++)
    set_extra (self, (int) i, NULL);
  rt_field_set (self, &e->dict, NULL, rt_slot_label (RT_LABEL_DICT));
  rt_field_set (self, &e->args, NULL, rt_slot_label (RT_LABEL_ARGS));
  rt_field_set (self, &e->notes, NULL, rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &e->traceback, NULL, rt_slot_label (RT_LABEL_TRACEBACK));
  rt_field_set (self, &e->cause, NULL, rt_slot_label (RT_LABEL_CAUSE));
  rt_field_set (self, &e->context, NULL, rt_slot_label (RT_LABEL_CONTEXT));
  return 0;
}

static void
exc_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtBaseException *e = EXC (self);
  int64_t n = n_extra (static_base (self));

  for (int64_t i = 0; i < n; i++)
    if (e->extra[i] != NULL)
      visit (self, rt_slot_label (RT_LABEL_OTHER), e->extra[i], arg);
  if (e->dict != NULL)
    visit (self, rt_slot_label (RT_LABEL_DICT), e->dict, arg);
  if (e->args != NULL)
    visit (self, rt_slot_label (RT_LABEL_ARGS), e->args, arg);
  if (e->notes != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), e->notes, arg);
  if (e->traceback != NULL)
    visit (self, rt_slot_label (RT_LABEL_TRACEBACK), e->traceback, arg);
  if (e->context != NULL)
    visit (self, rt_slot_label (RT_LABEL_CONTEXT), e->context, arg);
  if (e->cause != NULL)
    visit (self, rt_slot_label (RT_LABEL_CAUSE), e->cause, arg);
}

static size_t
exc_size_of (RtObject *self)
{
  return CPY_EXC_SIZE + (size_t) n_extra (static_base (self)) * sizeof (RtObject *);
}

/* str and repr */

static RtObject *
exc_str (RtObject *self)
{
  RtObject *args = EXC (self)->args;

  if (args == NULL || RT_TUPLE_SIZE (args) == 0)
    return rt_str_from_cstr ("");
  if (RT_TUPLE_SIZE (args) == 1)
    return rt_str (RT_TUPLE_ITEMS (args)[0]);
  return rt_str (args);
}

static RtObject *
exc_repr (RtObject *self)
{
  RtObject *args = EXC (self)->args;
  const char *name = RT_TYPE (self)->name;
  const char *dot = strrchr (name, '.');

  if (dot != NULL)
    name = dot + 1;
  if (args != NULL && RT_TUPLE_SIZE (args) == 1)
    return rt_str_from_format ("%s(%R)", name, RT_TUPLE_ITEMS (args)[0]);
  return rt_str_from_format ("%s%R", name, args ? args : rt_tuple_empty ());
}

/* A KeyError's str is the key's repr, so KeyError('') shows ''. */
static RtObject *
key_error_str (RtObject *self)
{
  RtObject *args = EXC (self)->args;

  if (args != NULL && RT_TUPLE_SIZE (args) == 1)
    return rt_repr (RT_TUPLE_ITEMS (args)[0]);
  return exc_str (self);
}

/* The subclasses' __init__. */

static int
stop_iteration_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (exc_init (self, args, nargs, kwnames) < 0)
    return -1;
  set_extra (self, F_VALUE, nargs > 0 ? args[0] : RT_NONE);
  return 0;
}

static int
system_exit_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (exc_init (self, args, nargs, kwnames) < 0)
    return -1;
  if (nargs == 0)
    return 0;
  set_extra (self, F_CODE, nargs == 1 ? args[0] : EXC (self)->args);
  return 0;
}

/* Keyword-only arguments of ImportError, AttributeError and NameError. */
static bool
keyword_only (RtObject *self, const char *fname, RtObject *const *kwvalues, RtObject *kwnames,
              const char *const *names, const int *fields, size_t n)
{
  size_t nkw = kwnames ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
  RtObject *values[3] = { NULL, NULL, NULL };

  for (size_t k = 0; k < nkw; k++)
    {
      RtObject *key = RT_TUPLE_ITEMS (kwnames)[k];
      size_t i;
      for (i = 0; i < n; i++)
        if (rt_str_equal_cstr (key, names[i]))
          break;
      if (i == n)
        {
          rt_error_format (&rt_exc_TypeError, "%R is an invalid keyword argument for %s()", key,
                           fname);
          return false;
        }
      values[i] = kwvalues[k];
    }
  for (size_t i = 0; i < n; i++)
    set_extra (self, fields[i], values[i]);
  return true;
}

static int
import_error_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const names[] = { "name", "path" };
  static const int fields[] = { F_IMP_NAME, F_IMP_PATH };

  if (base_init (self, args, nargs) < 0
      || !keyword_only (self, "ImportError", args + nargs, kwnames, names, fields, 2))
    return -1;
  set_extra (self, F_IMP_MSG, nargs == 1 ? args[0] : NULL);
  return 0;
}

static RtObject *
import_error_str (RtObject *self)
{
  RtObject *msg = EXC (self)->extra[F_IMP_MSG];

  if (msg != NULL && RT_TYPE (msg) == &rt_str_type)
    return rt_newref (msg);
  return exc_str (self);
}

static int
attribute_error_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const names[] = { "name", "obj" };
  static const int fields[] = { F_ATTR_NAME, F_ATTR_OBJ };

  if (base_init (self, args, nargs) < 0
      || !keyword_only (self, "AttributeError", args + nargs, kwnames, names, fields, 2))
    return -1;
  return 0;
}

static int
name_error_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const names[] = { "name" };
  static const int fields[] = { F_NAME };

  if (base_init (self, args, nargs) < 0
      || !keyword_only (self, "NameError", args + nargs, kwnames, names, fields, 1))
    return -1;
  return 0;
}

static int
syntax_error_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *info;
  int64_t n;

  if (exc_init (self, args, nargs, kwnames) < 0)
    return -1;
  if (nargs >= 1)
    set_extra (self, F_SE_MSG, args[0]);
  if (nargs != 2)
    return 0;
  info = rt_tuple_from_iterable (args[1]);
  if (info == NULL)
    return -1;
  n = RT_TUPLE_SIZE (info);
  if (n < 4 || n > 6)
    {
      rt_error_format (&rt_exc_TypeError, "function takes %s %d arguments (%zd given)",
                       n < 4 ? "at least" : "at most", n < 4 ? 4 : 6, (size_t) n);
      rt_decref (info);
      return -1;
    }
  for (int64_t i = 0; i < 6; i++)
    set_extra (self, (int) (F_SE_FILENAME + i), i < n ? RT_TUPLE_ITEMS (info)[i] : NULL);
  rt_decref (info);
  if (n == 5)
    {
      rt_error_format (&rt_exc_TypeError,
                       "end_offset must be provided when end_lineno is provided");
      return -1;
    }
  return 0;
}

static RtObject *
syntax_error_str (RtObject *self)
{
  RtObject **f = EXC (self)->extra;
  RtObject *msg = f[F_SE_MSG] ? f[F_SE_MSG] : RT_NONE;
  RtObject *filename = NULL, *res;
  bool have_lineno = f[F_SE_LINENO] != NULL && RT_TYPE (f[F_SE_LINENO]) == &rt_int_type;
  int64_t lineno = 0;

  if (f[F_SE_FILENAME] != NULL && rt_is_str (f[F_SE_FILENAME]))
    {
      const char *s = rt_str_utf8 (f[F_SE_FILENAME]);
      const char *slash = strrchr (s, '/');
      filename = rt_str_from_cstr (slash ? slash + 1 : s);
      if (filename == NULL)
        return NULL;
    }
  if (have_lineno && !rt_int_to_i64 (f[F_SE_LINENO], &lineno))
    lineno = -1;
  if (filename == NULL && !have_lineno)
    return rt_str (msg);
  if (filename != NULL && have_lineno)
    res = rt_str_from_format ("%S (%S, line %lld)", msg, filename, (long long) lineno);
  else if (filename != NULL)
    res = rt_str_from_format ("%S (%S)", msg, filename);
  else
    res = rt_str_from_format ("%S (line %lld)", msg, (long long) lineno);
  rt_xdecref (filename);
  return res;
}

static int
unicode_error_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (exc_init (self, args, nargs, kwnames) < 0)
    return -1;
  /* encoding, object, start, end, reason */
  if (nargs == 5)
    {
      set_extra (self, F_UE_ENCODING, args[0]);
      set_extra (self, F_UE_OBJECT, args[1]);
      set_extra (self, F_UE_START, args[2]);
      set_extra (self, F_UE_END, args[3]);
      set_extra (self, F_UE_REASON, args[4]);
    }
  return 0;
}

/* Methods and attributes. */

static RtObject *
exc_with_traceback (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("BaseException.with_traceback", kwnames)
      || !rt_check_nargs ("BaseException.with_traceback", nargs, 1, 1))
    return NULL;
  rt_exception_set_traceback (self, args[0] == RT_NONE ? NULL : rt_newref (args[0]));
  return rt_newref (self);
}

static RtObject *
exc_add_note (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *notes = NULL;
  int r;

  if (!rt_check_no_kwargs ("BaseException.add_note", kwnames)
      || !rt_check_nargs ("BaseException.add_note", nargs, 1, 1))
    return NULL;
  if (!rt_is_str (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "note must be a str, not '%s'", RT_TYPE (args[0])->name);
      return NULL;
    }
  r = rt_lookup_attr (self, rt_id (RT_ID___notes__), &notes);
  if (r < 0)
    return NULL;
  if (notes == NULL)
    {
      notes = rt_list_new (0);
      if (notes == NULL)
        return NULL;
      if (rt_setattr (self, rt_id (RT_ID___notes__), notes) < 0)
        {
          rt_decref (notes);
          return NULL;
        }
    }
  if (!rt_is_list (notes))
    {
      rt_decref (notes);
      rt_error_format (&rt_exc_TypeError, "Cannot add note: __notes__ is not a list");
      return NULL;
    }
  r = rt_list_append (notes, args[0]);
  rt_decref (notes);
  if (r < 0)
    return NULL;
  return rt_none_new ();
}

const RtMethodDef rt_exception_methods[] = {
  { "with_traceback", exc_with_traceback, 0 },
  { "add_note", exc_add_note, 0 },
  { NULL, NULL, 0 },
};

static RtObject *
exc_get_args (RtObject *self)
{
  RtObject *args = EXC (self)->args;

  return rt_newref (args ? args : rt_tuple_empty ());
}

static int
exc_set_args (RtObject *self, RtObject *value)
{
  RtObject *t;

  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "args may not be deleted");
      return -1;
    }
  t = rt_tuple_from_iterable (value);
  if (t == NULL)
    return -1;
  set_args (self, t);
  rt_decref (t);
  return 0;
}

static RtObject *
exc_get_traceback (RtObject *self)
{
  RtObject *tb = EXC (self)->traceback;

  return rt_newref (tb ? tb : RT_NONE);
}

static int
exc_set_traceback (RtObject *self, RtObject *value)
{
  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "__traceback__ may not be deleted");
      return -1;
    }
  rt_exception_set_traceback (self, value == RT_NONE ? NULL : rt_newref (value));
  return 0;
}

static RtObject *
exc_get_context (RtObject *self)
{
  RtObject *c = EXC (self)->context;

  return rt_newref (c ? c : RT_NONE);
}

static int
exc_set_context (RtObject *self, RtObject *value)
{
  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "__context__ may not be deleted");
      return -1;
    }
  if (value == RT_NONE)
    value = NULL;
  else if (!RT_TYPE_HAS (RT_TYPE (value), RT_TPFLAG_EXC_SUBCLASS))
    {
      rt_error_format (&rt_exc_TypeError,
                       "exception context must be None or derive from BaseException");
      return -1;
    }
  rt_exception_set_context (self, value ? rt_newref (value) : NULL);
  return 0;
}

static RtObject *
exc_get_cause (RtObject *self)
{
  RtObject *c = EXC (self)->cause;

  return rt_newref (c ? c : RT_NONE);
}

static int
exc_set_cause (RtObject *self, RtObject *value)
{
  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "__cause__ may not be deleted");
      return -1;
    }
  if (value == RT_NONE)
    value = NULL;
  else if (!RT_TYPE_HAS (RT_TYPE (value), RT_TPFLAG_EXC_SUBCLASS))
    {
      rt_error_format (&rt_exc_TypeError,
                       "exception cause must be None or derive from BaseException");
      return -1;
    }
  rt_exception_set_cause (self, value ? rt_newref (value) : NULL);
  return 0;
}

static RtObject *
exc_get_suppress (RtObject *self)
{
  return rt_bool_new (EXC (self)->suppress_context != 0);
}

static int
exc_set_suppress (RtObject *self, RtObject *value)
{
  int r;

  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "can't delete numeric/char attribute");
      return -1;
    }
  r = rt_is_true (value);
  if (r < 0)
    return -1;
  EXC (self)->suppress_context = r;
  return 0;
}

static const RtGetSetDef exception_getsets[] = {
  { "__dict__", rt_instance_get_dict, NULL },
  { "args", exc_get_args, exc_set_args },
  { "__traceback__", exc_get_traceback, exc_set_traceback },
  { "__context__", exc_get_context, exc_set_context },
  { "__cause__", exc_get_cause, exc_set_cause },
  { "__suppress_context__", exc_get_suppress, exc_set_suppress },
  { NULL, NULL, NULL },
};

#define XM(name, i) { name, offsetof (RtBaseException, extra) + (i) * sizeof (RtObject *), 0, \
                      RT_LABEL_OTHER }
#define XMR(name, i) { name, offsetof (RtBaseException, extra) + (i) * sizeof (RtObject *),  \
                       RT_MEMBER_READONLY, RT_LABEL_OTHER }

static const RtMemberDef stop_iteration_members[] = { XM ("value", F_VALUE), { NULL, 0, 0, 0 } };
static const RtMemberDef system_exit_members[] = { XM ("code", F_CODE), { NULL, 0, 0, 0 } };
static const RtMemberDef import_error_members[] = {
  XM ("msg", F_IMP_MSG), XM ("name", F_IMP_NAME), XM ("path", F_IMP_PATH), { NULL, 0, 0, 0 },
};
static const RtMemberDef attribute_error_members[] = {
  XM ("name", F_ATTR_NAME), XM ("obj", F_ATTR_OBJ), { NULL, 0, 0, 0 },
};
static const RtMemberDef name_error_members[] = { XM ("name", F_NAME), { NULL, 0, 0, 0 } };
static const RtMemberDef syntax_error_members[] = {
  XM ("msg", F_SE_MSG),
  XM ("filename", F_SE_FILENAME),
  XM ("lineno", F_SE_LINENO),
  XM ("offset", F_SE_OFFSET),
  XM ("text", F_SE_TEXT),
  XM ("end_lineno", F_SE_END_LINENO),
  XM ("end_offset", F_SE_END_OFFSET),
  XM ("print_file_and_line", F_SE_PRINT_FILE_AND_LINE),
  { NULL, 0, 0, 0 },
};
static const RtMemberDef unicode_error_members[] = {
  XM ("encoding", F_UE_ENCODING), XM ("object", F_UE_OBJECT), XM ("start", F_UE_START),
  XM ("end", F_UE_END), XM ("reason", F_UE_REASON), { NULL, 0, 0, 0 },
};

const int64_t rt_exception_dict_offset = offsetof (RtBaseException, dict);

const RtTypeExtra *
rt_exception_extra (RtType *type)
{
  static RtTypeExtra table[8];
  static size_t n;

  if (!RT_TYPE_HAS (type, RT_TPFLAG_EXC_SUBCLASS) || rt_type_is_heap (type))
    return NULL;
  if (n == 0)
    {
      int64_t off = rt_exception_dict_offset;
      table[n++] = (RtTypeExtra){ &rt_exc_BaseException, exception_getsets, NULL, off };
      table[n++] = (RtTypeExtra){ &rt_exc_StopIteration, NULL, stop_iteration_members, off };
      table[n++] = (RtTypeExtra){ &rt_exc_SystemExit, NULL, system_exit_members, off };
      table[n++] = (RtTypeExtra){ &rt_exc_ImportError, NULL, import_error_members, off };
      table[n++] = (RtTypeExtra){ &rt_exc_AttributeError, NULL, attribute_error_members, off };
      table[n++] = (RtTypeExtra){ &rt_exc_NameError, NULL, name_error_members, off };
      table[n++] = (RtTypeExtra){ &rt_exc_SyntaxError, NULL, syntax_error_members, off };
      table[n++] = (RtTypeExtra){ &rt_exc_UnicodeError, NULL, NULL, off };
    }
  for (size_t i = 0; i < n; i++)
    if (table[i].type == type)
      return &table[i];
  if (type == &rt_exc_UnicodeDecodeError || type == &rt_exc_UnicodeEncodeError)
    {
      static RtTypeExtra unicode_extra;
      unicode_extra = (RtTypeExtra){ type, NULL, unicode_error_members,
                                     rt_exception_dict_offset };
      return &unicode_extra;
    }
  /* Other exception classes: just where their dict is. */
  {
    static RtTypeExtra plain;
    plain = (RtTypeExtra){ type, NULL, NULL, rt_exception_dict_offset };
    return &plain;
  }
}

/* The public API. */

RtObject *
rt_exception_new (RtType *type, RtObject *const *args, size_t nargs)
{
  RtObject *exc = rt_call ((RtObject *) type, args, nargs, NULL);

  if (exc != NULL && !RT_TYPE_HAS (RT_TYPE (exc), RT_TPFLAG_EXC_SUBCLASS))
    {
      rt_error_format (&rt_exc_TypeError,
                       "calling %R should have returned an instance of BaseException, not %s",
                       (RtObject *) type, RT_TYPE (exc)->name);
      RT_CLEAR (exc);
    }
  return exc;
}

RtObject *
rt_exception_args (RtObject *exc)
{
  return EXC (exc)->args;
}

RtObject *
rt_exception_traceback (RtObject *exc)
{
  return EXC (exc)->traceback;
}

void
rt_exception_set_traceback (RtObject *exc, RtObject *tb)
{
  rt_field_set (exc, &EXC (exc)->traceback, tb, rt_slot_label (RT_LABEL_TRACEBACK));
  rt_xdecref (tb);
}

void
rt_exception_set_context (RtObject *exc, RtObject *context)
{
  rt_field_set (exc, &EXC (exc)->context, context, rt_slot_label (RT_LABEL_CONTEXT));
  rt_xdecref (context);
}

void
rt_exception_set_cause (RtObject *exc, RtObject *cause)
{
  EXC (exc)->suppress_context = 1;
  rt_field_set (exc, &EXC (exc)->cause, cause, rt_slot_label (RT_LABEL_CAUSE));
  rt_xdecref (cause);
}

RtObject *
rt_exception_context (RtObject *exc)
{
  return EXC (exc)->context;
}

RtObject *
rt_exception_cause (RtObject *exc)
{
  return EXC (exc)->cause;
}

bool
rt_exception_suppress_context (RtObject *exc)
{
  return EXC (exc)->suppress_context != 0;
}

void
rt_exception_set_suppress_context (RtObject *exc, bool suppress)
{
  EXC (exc)->suppress_context = suppress;
}

/* AttributeError from a lookup on obj remembers obj and the name, for the
 * "Did you mean" of the traceback (set_attribute_error_context). */
void
rt_exception_set_attribute_context (RtObject *exc, RtObject *obj, RtObject *name)
{
  RtObject *e = exc;

  if (e == NULL)
    {
      if (!rt_error_matches (&rt_exc_AttributeError))
        return;
      e = rt_error_fetch ();
      rt_error_restore (rt_newref (e));
      rt_decref (e);
    }
  if (!rt_is_instance_of (e, &rt_exc_AttributeError))
    return;
  if (EXC (e)->extra[F_ATTR_NAME] != NULL || EXC (e)->extra[F_ATTR_OBJ] != NULL)
    return;
  set_extra (e, F_ATTR_NAME, name);
  set_extra (e, F_ATTR_OBJ, obj);
}

/* "Did you mean": CPython 3.11's suggestions.c. */

#define MAX_CANDIDATE_ITEMS 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1

static size_t
substitution_cost (char a, char b)
{
  if ((a & 31) != (b & 31))
    return MOVE_COST;
  if (a == b)
    return 0;
  if ('A' <= a && a <= 'Z')
    a += 'a' - 'A';
  if ('A' <= b && b <= 'Z')
    b += 'a' - 'A';
  return a == b ? CASE_COST : MOVE_COST;
}

static size_t
levenshtein_distance (const char *a, size_t a_size, const char *b, size_t b_size,
                      size_t max_cost, size_t *buffer)
{
  size_t result = 0;

  if (a == b)
    return 0;
  while (a_size && b_size && a[0] == b[0])
    {
      a++;
      a_size--;
      b++;
      b_size--;
    }
  while (a_size && b_size && a[a_size - 1] == b[b_size - 1])
    {
      a_size--;
      b_size--;
    }
  if (a_size == 0 || b_size == 0)
    return (a_size + b_size) * MOVE_COST;
  if (a_size > MAX_STRING_SIZE || b_size > MAX_STRING_SIZE)
    return max_cost + 1;
  if (b_size < a_size)
    {
      const char *t = a;
      size_t ts = a_size;
      a = b;
      b = t;
      a_size = b_size;
      b_size = ts;
    }
  if ((b_size - a_size) * MOVE_COST > max_cost)
    return max_cost + 1;
  for (size_t i = 0, tmp = MOVE_COST; i < a_size; i++, tmp += MOVE_COST)
    buffer[i] = tmp;
  for (size_t b_index = 0; b_index < b_size; b_index++)
    {
      char code = b[b_index];
      size_t distance = result = b_index * MOVE_COST;
      size_t minimum = SIZE_MAX;
      for (size_t index = 0; index < a_size; index++)
        {
          size_t substitute = distance + substitution_cost (code, a[index]);
          size_t insert_delete;
          distance = buffer[index];
          insert_delete = (result < distance ? result : distance) + MOVE_COST;
          result = insert_delete < substitute ? insert_delete : substitute;
          buffer[index] = result;
          if (result < minimum)
            minimum = result;
        }
      if (minimum > max_cost)
        return max_cost + 1;
    }
  return result;
}

RtObject *
rt_suggest_similar (RtObject *name, RtObject *candidates)
{
  int64_t n = RT_LIST_SIZE (candidates);
  size_t best_distance = SIZE_MAX;
  size_t buffer[MAX_STRING_SIZE];
  RtObject *best = NULL;
  const char *name_str = rt_str_utf8 (name);
  size_t name_size = (size_t) rt_str_size (name);

  if (n >= MAX_CANDIDATE_ITEMS)
    return NULL;
  for (int64_t i = 0; i < n; i++)
    {
      RtObject *item = RT_LIST_ITEMS (candidates)[i];
      size_t item_size, max_distance, d;

      if (!rt_is_str (item))
        continue;
      if (rt_str_equal (item, name))
        continue;
      item_size = (size_t) rt_str_size (item);
      max_distance = (name_size + item_size + 3) * MOVE_COST / 6;
      if (best_distance - 1 < max_distance)
        max_distance = best_distance - 1;
      d = levenshtein_distance (name_str, name_size, rt_str_utf8 (item), item_size, max_distance,
                                buffer);
      if (d > max_distance)
        continue;
      if (best == NULL || d < best_distance)
        {
          best = item;
          best_distance = d;
        }
    }
  return best ? rt_newref (best) : NULL;
}

RtObject *
rt_exception_suggestion (RtObject *exc)
{
  RtObject *name, *obj, *dir, *res;

  if (!rt_is_instance_of (exc, &rt_exc_AttributeError))
    return NULL;
  name = EXC (exc)->extra[F_ATTR_NAME];
  obj = EXC (exc)->extra[F_ATTR_OBJ];
  if (name == NULL || obj == NULL || RT_TYPE (name) != &rt_str_type)
    return NULL;
  dir = rt_object_dir (obj);
  if (dir == NULL)
    {
      rt_error_clear ();
      return NULL;
    }
  res = rt_suggest_similar (name, dir);
  rt_decref (dir);
  return res;
}

/* The last line of a traceback, as print_exception writes it. */
RtObject *
rt_exception_format_only (RtObject *exc)
{
  RtType *type = RT_TYPE (exc);
  RtObject *module = NULL, *qualname, *s, *value = exc, *notes = NULL;
  RtStrBuilder sb;

  rt_sb_init (&sb);
  if (rt_lookup_attr ((RtObject *) type, rt_id (RT_ID___module__), &module) < 0)
    rt_error_clear ();
  if (module == NULL || !rt_is_str (module))
    rt_sb_append_cstr (&sb, "<unknown>.");
  else if (!rt_str_equal (module, rt_id (RT_ID_builtins))
           && !rt_str_equal (module, rt_id (RT_ID___main__)))
    {
      rt_sb_append_str (&sb, module);
      rt_sb_append_cstr (&sb, ".");
    }
  rt_xdecref (module);
  qualname = rt_type_qualname_obj (type);
  if (qualname != NULL && rt_is_str (qualname))
    rt_sb_append_str (&sb, qualname);
  else
    {
      rt_error_clear ();
      rt_sb_append_cstr (&sb, "<unknown>");
    }
  rt_xdecref (qualname);

  /* A SyntaxError shows its message alone; the location lines are the
   * caller's. */
  if (rt_is_instance_of (exc, &rt_exc_SyntaxError))
    value = EXC (exc)->extra[F_SE_MSG] ? EXC (exc)->extra[F_SE_MSG] : RT_NONE;
  s = rt_str (value);
  if (s == NULL)
    {
      rt_error_clear ();
      rt_sb_append_cstr (&sb, ": <exception str() failed>");
    }
  else
    {
      if (rt_str_size (s) > 0)
        {
          rt_sb_append_cstr (&sb, ": ");
          rt_sb_append_str (&sb, s);
        }
      rt_decref (s);
    }

  /* No "Did you mean" suffix: CPython 3.11 adds it only in its C-level
   * display, not in traceback.format_exception_only, which the conformance
   * oracle prints with. */

  if (rt_lookup_attr (exc, rt_id (RT_ID___notes__), &notes) < 0)
    rt_error_clear ();
  if (notes != NULL)
    {
      if (rt_is_list (notes) || rt_is_tuple (notes))
        {
          int64_t n = rt_is_list (notes) ? RT_LIST_SIZE (notes) : RT_TUPLE_SIZE (notes);
          RtObject **items = rt_is_list (notes) ? RT_LIST_ITEMS (notes) : RT_TUPLE_ITEMS (notes);
          for (int64_t i = 0; i < n; i++)
            {
              RtObject *note = rt_is_str (items[i]) ? rt_newref (items[i]) : rt_str (items[i]);
              rt_sb_append_cstr (&sb, "\n");
              if (note == NULL)
                {
                  rt_error_clear ();
                  rt_sb_append_cstr (&sb, "<note str() failed>");
                }
              else
                {
                  rt_sb_append_str (&sb, note);
                  rt_decref (note);
                }
            }
        }
      else
        {
          RtObject *r = rt_repr (notes);
          rt_sb_append_cstr (&sb, "\n");
          if (r == NULL)
            {
              rt_error_clear ();
              rt_sb_append_cstr (&sb, "<__notes__ repr() failed>");
            }
          else
            {
              rt_sb_append_str (&sb, r);
              rt_decref (r);
            }
        }
      rt_decref (notes);
    }
  return rt_sb_finish (&sb);
}
