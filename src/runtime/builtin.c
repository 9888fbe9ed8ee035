/* builtin.c: functions and methods written in C (CPython's
 * PyCFunctionObject: len, [].append) and the argument checks built-ins
 * share, with CPython's wordings. */
#include "class-private.h"
#include "abstract.h"
#include "gc.h"
#include "int.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <string.h>

/* sizeof(PyCFunctionObject) */
#define CPY_BUILTIN_SIZE 56

RtObject *
rt_builtin_new (const RtMethodDef *def, RtObject *self, RtObject *module)
{
  RtBuiltin *b = (RtBuiltin *) rt_gc_alloc (&rt_builtin_type, sizeof (RtBuiltin));

  if (b == NULL)
    return NULL;
  b->def = def;
  b->self = NULL;
  b->module = NULL;
  RT_EVENT_BORN (b, 0);
  rt_field_set (&b->ob, &b->self, self, rt_slot_label (RT_LABEL_SELF));
  rt_field_set (&b->ob, &b->module, module, rt_slot_label (RT_LABEL_MODULE));
  rt_gc_track (&b->ob);
  return &b->ob;
}

static void
builtin_dealloc (RtObject *self)
{
  RtBuiltin *b = (RtBuiltin *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (b->self);
  rt_xdecref (b->module);
  rt_gc_free (self, sizeof (RtBuiltin));
}

static int
builtin_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtBuiltin *b = (RtBuiltin *) self;

  RT_VISIT (b->self);
  RT_VISIT (b->module);
  return 0;
}

static void
builtin_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtBuiltin *b = (RtBuiltin *) self;

  if (b->self != NULL)
    visit (self, rt_slot_label (RT_LABEL_SELF), b->self, arg);
  if (b->module != NULL)
    visit (self, rt_slot_label (RT_LABEL_MODULE), b->module, arg);
}

static bool
bound_to_object (RtBuiltin *b)
{
  return b->self != NULL && RT_TYPE (b->self) != &rt_module_type;
}

static RtObject *
builtin_repr (RtObject *self)
{
  RtBuiltin *b = (RtBuiltin *) self;
  char addr[32];

  if (!bound_to_object (b))
    return rt_str_from_format ("<built-in function %s>", b->def->name);
  rt_format_address (addr, b->self);
  return rt_str_from_format ("<built-in method %s of %s object at %s>", b->def->name,
                             RT_TYPE (b->self)->name, addr);
}

static RtObject *
builtin_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtBuiltin *b = (RtBuiltin *) callable;

  return b->def->fn ((b->def->flags & RT_METH_STATIC) ? NULL : b->self, args, nargs, kwnames);
}

static RtObject *
builtin_richcompare (RtObject *a, RtObject *b, int op)
{
  bool eq;

  if ((op != RT_EQ && op != RT_NE) || RT_TYPE (a) != &rt_builtin_type
      || RT_TYPE (b) != &rt_builtin_type)
    return rt_newref (RT_NOT_IMPLEMENTED);
  eq = ((RtBuiltin *) a)->self == ((RtBuiltin *) b)->self
       && ((RtBuiltin *) a)->def->fn == ((RtBuiltin *) b)->def->fn;
  return rt_bool_new (op == RT_EQ ? eq : !eq);
}

static RtHash
builtin_hash (RtObject *self)
{
  RtBuiltin *b = (RtBuiltin *) self;
  RtHash x = b->self ? rt_hash_pointer (b->self) : 0;
  uint64_t y = (uint64_t) (uintptr_t) b->def->fn;

  y = (y >> 4) | (y << 60);
  x ^= (RtHash) y;
  return x == -1 ? -2 : x;
}

static RtObject *
builtin_get_name (RtObject *self)
{
  return rt_str_from_cstr (((RtBuiltin *) self)->def->name);
}

static RtObject *
builtin_get_qualname (RtObject *self)
{
  RtBuiltin *b = (RtBuiltin *) self;
  RtType *type;
  RtObject *tq, *res;

  if (!bound_to_object (b))
    return rt_str_from_cstr (b->def->name);
  type = rt_is_type (b->self) ? (RtType *) b->self : RT_TYPE (b->self);
  tq = rt_type_qualname_obj (type);
  if (tq == NULL)
    return NULL;
  res = rt_str_from_format ("%S.%s", tq, b->def->name);
  rt_decref (tq);
  return res;
}

static RtObject *
builtin_get_self (RtObject *self)
{
  RtBuiltin *b = (RtBuiltin *) self;

  return rt_newref (b->self ? b->self : RT_NONE);
}

static RtObject *
builtin_get_doc (RtObject *self)
{
  (void) self;
  return rt_none_new ();
}

const RtGetSetDef rt_builtin_getsets[] = {
  { "__name__", builtin_get_name, NULL },
  { "__qualname__", builtin_get_qualname, NULL },
  { "__self__", builtin_get_self, NULL },
  { "__doc__", builtin_get_doc, NULL },
  { NULL, NULL, NULL },
};

const RtMemberDef rt_builtin_members[] = {
  { "__module__", offsetof (RtBuiltin, module), 0, RT_LABEL_MODULE },
  { NULL, 0, 0, 0 },
};

static size_t
builtin_size_of (RtObject *self)
{
  (void) self;
  return CPY_BUILTIN_SIZE;
}

RtType rt_builtin_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "builtin_function_or_method",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtBuiltin),
  .dealloc = builtin_dealloc,
  .traverse = builtin_traverse,
  .refs = builtin_refs,
  .repr = builtin_repr,
  .hash = builtin_hash,
  .richcompare = builtin_richcompare,
  .call = builtin_call,
  .size_of = builtin_size_of,
};

/* Argument checks. */

bool
rt_check_no_kwargs (const char *name, RtObject *kwnames)
{
  if (kwnames == NULL || RT_TUPLE_SIZE (kwnames) == 0)
    return true;
  rt_error_format (&rt_exc_TypeError, "%s() takes no keyword arguments", name);
  return false;
}

bool
rt_check_nargs (const char *name, size_t nargs, size_t min, size_t max)
{
  if (nargs >= min && nargs <= max)
    return true;
  if (min == 1 && max == 1)
    rt_error_format (&rt_exc_TypeError, "%s() takes exactly one argument (%zu given)", name,
                     nargs);
  else if (min == 0 && max == 0)
    rt_error_format (&rt_exc_TypeError, "%s() takes no arguments (%zu given)", name, nargs);
  else if (min == max)
    rt_error_format (&rt_exc_TypeError, "%s expected %zu argument%s, got %zu", name, min,
                     min == 1 ? "" : "s", nargs);
  else if (nargs < min)
    rt_error_format (&rt_exc_TypeError, "%s expected at least %zu argument%s, got %zu", name, min,
                     min == 1 ? "" : "s", nargs);
  else
    rt_error_format (&rt_exc_TypeError, "%s expected at most %zu argument%s, got %zu", name, max,
                     max == 1 ? "" : "s", nargs);
  return false;
}

bool
rt_parse_args (const char *name, RtObject *const *args, size_t nargs, RtObject *kwnames,
               const char *const *params, size_t nparams, size_t nrequired, RtObject **out)
{
  size_t nkw = kwnames ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;

  if (nargs > nparams)
    {
      if (nrequired == 0)
        rt_error_format (&rt_exc_TypeError, "%s() takes at most %zu argument%s (%zu given)", name,
                         nparams, nparams == 1 ? "" : "s", nargs + nkw);
      else
        rt_error_format (&rt_exc_TypeError, "%s() takes %s %zu positional argument%s (%zu given)",
                         name, nrequired == nparams ? "exactly" : "at most", nparams,
                         nparams == 1 ? "" : "s", nargs);
      return false;
    }
  for (size_t i = 0; i < nparams; i++)
    out[i] = i < nargs ? args[i] : NULL;
  for (size_t k = 0; k < nkw; k++)
    {
      RtObject *key = RT_TUPLE_ITEMS (kwnames)[k];
      size_t i;

      for (i = 0; i < nparams; i++)
        if (rt_str_equal_cstr (key, params[i]))
          break;
      if (i == nparams)
        {
          rt_error_format (&rt_exc_TypeError, "%R is an invalid keyword argument for %s()", key,
                           name);
          return false;
        }
      if (i < nargs)
        {
          rt_error_format (&rt_exc_TypeError,
                           "argument for %s() given by name ('%s') and position (%zu)", name,
                           params[i], i + 1);
          return false;
        }
      out[i] = args[nargs + k];
    }
  for (size_t i = 0; i < nrequired; i++)
    if (out[i] == NULL)
      {
        rt_error_format (&rt_exc_TypeError, "%s() missing required argument '%s' (pos %zu)", name,
                         params[i], i + 1);
        return false;
      }
  return true;
}
