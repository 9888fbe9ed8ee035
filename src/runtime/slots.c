/* slots.c: the table tying dunder names to type slots (CPython's
 * slotdefs): wrapper descriptors that expose a built-in type's slots as
 * methods, and the slot functions through which a class's dunder methods
 * run (slot_tp_repr, slot_nb_add...). */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "int.h"
#include "range.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <string.h>

/* Argument checks of the wrappers. */

static bool
wrapper_check (const RtSlotDef *def, size_t nargs, RtObject *kwnames, size_t expected)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "wrapper %S() takes no keyword arguments",
                       rt_id (def->name));
      return false;
    }
  if (nargs != expected)
    {
      rt_error_format (&rt_exc_TypeError, "expected %zu argument%s, got %zu", expected,
                       expected == 1 ? "" : "s", nargs);
      return false;
    }
  return true;
}

static RtObject *
wrap_unary (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
            RtAnyFn wrapped, const RtSlotDef *def)
{
  (void) args;
  if (!wrapper_check (def, nargs, kwnames, 0))
    return NULL;
  return ((RtUnaryFn) wrapped) (self);
}

static RtObject *
wrap_next (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
           RtAnyFn wrapped, const RtSlotDef *def)
{
  RtObject *res;

  (void) args;
  if (!wrapper_check (def, nargs, kwnames, 0))
    return NULL;
  res = ((RtUnaryFn) wrapped) (self);
  if (res == NULL && !rt_error_occurred ())
    rt_error_set_object (&rt_exc_StopIteration, NULL);
  return res;
}

static RtObject *
wrap_hash (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
           RtAnyFn wrapped, const RtSlotDef *def)
{
  RtHash h;

  (void) args;
  if (!wrapper_check (def, nargs, kwnames, 0))
    return NULL;
  h = ((RtHash (*) (RtObject *)) wrapped) (self);
  if (h == -1 && rt_error_occurred ())
    return NULL;
  return rt_int_from_i64 (h);
}

static RtObject *
wrap_call (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
           RtAnyFn wrapped, const RtSlotDef *def)
{
  (void) def;
  return ((RtCallFn) wrapped) (self, args, nargs, kwnames);
}

static RtObject *
wrap_binary_l (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
               RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  return ((RtBinaryFn) wrapped) (self, args[0]);
}

static RtObject *
wrap_binary_r (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
               RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  return ((RtBinaryFn) wrapped) (args[0], self);
}

static RtObject *
wrap_binary (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
             RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  return ((RtBinaryFn) wrapped) (self, args[0]);
}

static RtObject *
wrap_richcmp (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
              RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  return ((RtObject * (*) (RtObject *, RtObject *, int)) wrapped) (self, args[0], def->op);
}

static RtObject *
wrap_setattr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
              RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 2))
    return NULL;
  if (((int (*) (RtObject *, RtObject *, RtObject *)) wrapped) (self, args[0], args[1]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_delattr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
              RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  if (((int (*) (RtObject *, RtObject *, RtObject *)) wrapped) (self, args[0], NULL) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_descr_get (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
                RtAnyFn wrapped, const RtSlotDef *def)
{
  RtObject *obj, *type = NULL;

  (void) def;
  if ((kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0) || nargs < 1 || nargs > 2)
    {
      rt_error_format (&rt_exc_TypeError, "expected 1 or 2 arguments, got %zu", nargs);
      return NULL;
    }
  obj = args[0] == RT_NONE ? NULL : args[0];
  if (nargs == 2 && args[1] != RT_NONE)
    type = args[1];
  if (obj == NULL && type == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "__get__(None, None) is invalid");
      return NULL;
    }
  return ((RtObject * (*) (RtObject *, RtObject *, RtType *)) wrapped) (self, obj,
                                                                      (RtType *) type);
}

static RtObject *
wrap_descr_set (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
                RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 2))
    return NULL;
  if (((int (*) (RtObject *, RtObject *, RtObject *)) wrapped) (self, args[0], args[1]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_descr_delete (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
                   RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  if (((int (*) (RtObject *, RtObject *, RtObject *)) wrapped) (self, args[0], NULL) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
           RtAnyFn wrapped, const RtSlotDef *def)
{
  (void) def;
  if (((int (*) (RtObject *, RtObject *const *, size_t, RtObject *)) wrapped) (self, args, nargs,
                                                                             kwnames)
      < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_del (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
          RtAnyFn wrapped, const RtSlotDef *def)
{
  (void) args;
  if (!wrapper_check (def, nargs, kwnames, 0))
    return NULL;
  ((void (*) (RtObject *)) wrapped) (self);
  if (rt_error_occurred ())
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_inquiry (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
              RtAnyFn wrapped, const RtSlotDef *def)
{
  int r;

  (void) args;
  if (!wrapper_check (def, nargs, kwnames, 0))
    return NULL;
  r = ((int (*) (RtObject *)) wrapped) (self);
  if (r < 0)
    return NULL;
  return rt_bool_new (r);
}

static RtObject *
wrap_len (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
          RtAnyFn wrapped, const RtSlotDef *def)
{
  int64_t n;

  (void) args;
  if (!wrapper_check (def, nargs, kwnames, 0))
    return NULL;
  n = ((int64_t (*) (RtObject *)) wrapped) (self);
  if (n < 0)
    return NULL;
  return rt_int_from_i64 (n);
}

/* An index argument of a sequence wrapper, negative ones counted from the
 * end (getindex). */
static bool
get_index (RtObject *self, RtObject *arg, int64_t *out)
{
  int64_t i = rt_as_ssize (arg);
  const RtSequenceMethods *sq = RT_TYPE (self)->sequence;

  if (i == -1 && rt_error_occurred ())
    return false;
  if (i < 0 && sq != NULL && sq->length != NULL)
    {
      int64_t n = sq->length (self);
      if (n < 0)
        return false;
      i += n;
    }
  *out = i;
  return true;
}

static RtObject *
wrap_sq_item (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
              RtAnyFn wrapped, const RtSlotDef *def)
{
  int64_t i;

  if (!wrapper_check (def, nargs, kwnames, 1) || !get_index (self, args[0], &i))
    return NULL;
  return ((RtObject * (*) (RtObject *, int64_t)) wrapped) (self, i);
}

static RtObject *
wrap_sq_setitem (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
                 RtAnyFn wrapped, const RtSlotDef *def)
{
  int64_t i;

  if (!wrapper_check (def, nargs, kwnames, 2) || !get_index (self, args[0], &i))
    return NULL;
  if (((int (*) (RtObject *, int64_t, RtObject *)) wrapped) (self, i, args[1]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_sq_delitem (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
                 RtAnyFn wrapped, const RtSlotDef *def)
{
  int64_t i;

  if (!wrapper_check (def, nargs, kwnames, 1) || !get_index (self, args[0], &i))
    return NULL;
  if (((int (*) (RtObject *, int64_t, RtObject *)) wrapped) (self, i, NULL) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_contains (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
               RtAnyFn wrapped, const RtSlotDef *def)
{
  int r;

  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  r = ((int (*) (RtObject *, RtObject *)) wrapped) (self, args[0]);
  if (r < 0)
    return NULL;
  return rt_bool_new (r);
}

static RtObject *
wrap_setitem (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
              RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 2))
    return NULL;
  if (((int (*) (RtObject *, RtObject *, RtObject *)) wrapped) (self, args[0], args[1]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_delitem (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
              RtAnyFn wrapped, const RtSlotDef *def)
{
  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  if (((int (*) (RtObject *, RtObject *, RtObject *)) wrapped) (self, args[0], NULL) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
wrap_repeat (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames,
             RtAnyFn wrapped, const RtSlotDef *def)
{
  int64_t n;

  if (!wrapper_check (def, nargs, kwnames, 1))
    return NULL;
  n = rt_as_ssize (args[0]);
  if (n == -1 && rt_error_occurred ())
    return NULL;
  return ((RtObject * (*) (RtObject *, int64_t)) wrapped) (self, n);
}

/* Special methods found on the type, bound as needed. */

RtObject *
rt_lookup_maybe_method (RtObject *self, RtObject *name, bool *unbound)
{
  RtObject *res = rt_type_lookup (RT_TYPE (self), name);
  RtObject *(*f) (RtObject *, RtObject *, RtType *);

  if (res == NULL)
    return NULL;
  if (rt_is_method_descr (res))
    {
      *unbound = true;
      return rt_newref (res);
    }
  *unbound = false;
  f = RT_TYPE (res)->descr_get;
  if (f == NULL)
    return rt_newref (res);
  return f (res, self, RT_TYPE (self));
}

static RtObject *
lookup_method (RtObject *self, RtId name, bool *unbound)
{
  RtObject *res = rt_lookup_maybe_method (self, rt_id (name), unbound);

  if (res == NULL && !rt_error_occurred ())
    rt_error_set_object (&rt_exc_AttributeError, rt_id (name));
  return res;
}

RtObject *
rt_lookup_special (RtObject *obj, RtObject *name)
{
  bool unbound;
  RtObject *res = rt_lookup_maybe_method (obj, name, &unbound);
  RtObject *bound;

  if (res == NULL || !unbound)
    return res;
  bound = RT_TYPE (res)->descr_get != NULL ? RT_TYPE (res)->descr_get (res, obj, RT_TYPE (obj))
                                           : rt_newref (res);
  rt_decref (res);
  return bound;
}

RtObject *
rt_call_unbound (bool unbound, RtObject *func, RtObject *self, RtObject *const *args,
                 size_t nargs)
{
  if (unbound)
    return rt_call_prepend (func, self, args, nargs, NULL);
  return rt_call (func, args, nargs, NULL);
}

/* Calls args[0].name(*args[1:]), AttributeError if there is no such method. */
static RtObject *
vectorcall_method (RtId name, RtObject *const *args, size_t nargs)
{
  bool unbound;
  RtObject *func = lookup_method (args[0], name, &unbound);
  RtObject *res;

  if (func == NULL)
    return NULL;
  res = rt_call_unbound (unbound, func, args[0], args + 1, nargs - 1);
  rt_decref (func);
  return res;
}

/* Same, NotImplemented if there is no such method. */
static RtObject *
vectorcall_maybe (RtId name, RtObject *const *args, size_t nargs)
{
  bool unbound;
  RtObject *func = rt_lookup_maybe_method (args[0], rt_id (name), &unbound);
  RtObject *res;

  if (func == NULL)
    {
      if (!rt_error_occurred ())
        return rt_newref (RT_NOT_IMPLEMENTED);
      return NULL;
    }
  res = rt_call_unbound (unbound, func, args[0], args + 1, nargs - 1);
  rt_decref (func);
  return res;
}

/* The generic slot functions of classes. */

static RtObject *
slot_tp_repr (RtObject *self)
{
  bool unbound;
  RtObject *func = rt_lookup_maybe_method (self, rt_id (RT_ID___repr__), &unbound);
  RtObject *res;
  char addr[32];

  if (func != NULL)
    {
      res = rt_call_unbound (unbound, func, self, NULL, 0);
      rt_decref (func);
      return res;
    }
  rt_error_clear ();
  rt_format_address (addr, self);
  return rt_str_from_format ("<%s object at %s>", RT_TYPE (self)->name, addr);
}

static RtObject *
slot_tp_str (RtObject *self)
{
  return vectorcall_method (RT_ID___str__, &self, 1);
}

static RtHash
slot_tp_hash (RtObject *self)
{
  bool unbound;
  RtObject *func = rt_lookup_maybe_method (self, rt_id (RT_ID___hash__), &unbound);
  RtObject *res;
  int64_t h;

  if (func == RT_NONE)
    RT_CLEAR (func);
  if (func == NULL)
    {
      if (rt_error_occurred ())
        return -1;
      return rt_hash_not_implemented (self);
    }
  res = rt_call_unbound (unbound, func, self, NULL, 0);
  rt_decref (func);
  if (res == NULL)
    return -1;
  if (!rt_is_int (res))
    {
      rt_decref (res);
      rt_error_format (&rt_exc_TypeError, "__hash__ method should return an integer");
      return -1;
    }
  /* Values outside the hash range are hashed as ints are. */
  if (!rt_int_to_i64 (res, &h))
    h = rt_int_type.hash (res);
  rt_decref (res);
  if (h == -1)
    h = -2;
  return h;
}

static RtObject *
slot_tp_call (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  bool unbound;
  RtObject *meth = lookup_method (self, RT_ID___call__, &unbound);
  RtObject *res;

  if (meth == NULL)
    return NULL;
  if (unbound)
    res = rt_call_prepend (meth, self, args, nargs, kwnames);
  else
    res = rt_call (meth, args, nargs, kwnames);
  rt_decref (meth);
  return res;
}

static RtObject *
call_attribute (RtObject *self, RtObject *attr, RtObject *name)
{
  RtObject *(*f) (RtObject *, RtObject *, RtType *) = RT_TYPE (attr)->descr_get;
  RtObject *res;

  if (f != NULL)
    {
      attr = f (attr, self, RT_TYPE (self));
      if (attr == NULL)
        return NULL;
    }
  else
    rt_incref (attr);
  res = rt_call_one (attr, name);
  rt_decref (attr);
  return res;
}

static RtObject *
slot_tp_getattro (RtObject *self, RtObject *name)
{
  RtObject *args[2] = { self, name };

  return vectorcall_method (RT_ID___getattribute__, args, 2);
}

static RtObject *
slot_tp_getattr_hook (RtObject *self, RtObject *name)
{
  RtType *tp = RT_TYPE (self);
  RtObject *getattr, *getattribute, *res;

  getattr = rt_type_lookup (tp, rt_id (RT_ID___getattr__));
  if (getattr == NULL)
    {
      tp->getattro = slot_tp_getattro;
      return slot_tp_getattro (self, name);
    }
  rt_incref (getattr);
  getattribute = rt_type_lookup (tp, rt_id (RT_ID___getattribute__));
  if (getattribute == NULL
      || (RT_TYPE (getattribute) == &rt_wrapper_descr_type
          && ((RtWrapperDescr *) getattribute)->wrapped == (RtAnyFn) rt_object_generic_getattr))
    res = rt_object_generic_getattr (self, name);
  else
    {
      rt_incref (getattribute);
      res = call_attribute (self, getattribute, name);
      rt_decref (getattribute);
    }
  if (res == NULL && rt_error_matches (&rt_exc_AttributeError))
    {
      rt_error_clear ();
      res = call_attribute (self, getattr, name);
    }
  rt_decref (getattr);
  return res;
}

static int
slot_tp_setattro (RtObject *self, RtObject *name, RtObject *value)
{
  RtObject *args[3] = { self, name, value };
  RtObject *res;

  if (value == NULL)
    res = vectorcall_method (RT_ID___delattr__, args, 2);
  else
    res = vectorcall_method (RT_ID___setattr__, args, 3);
  if (res == NULL)
    return -1;
  rt_decref (res);
  return 0;
}

static const RtId richcmp_names[] = { RT_ID___lt__, RT_ID___le__, RT_ID___eq__,
                                      RT_ID___ne__, RT_ID___gt__, RT_ID___ge__ };

static RtObject *
slot_tp_richcompare (RtObject *self, RtObject *other, int op)
{
  bool unbound;
  RtObject *func = rt_lookup_maybe_method (self, rt_id (richcmp_names[op]), &unbound);
  RtObject *res;

  if (func == NULL)
    {
      rt_error_clear ();
      return rt_newref (RT_NOT_IMPLEMENTED);
    }
  res = rt_call_unbound (unbound, func, self, &other, 1);
  rt_decref (func);
  return res;
}

static RtObject *
slot_tp_iter (RtObject *self)
{
  bool unbound;
  RtObject *func = rt_lookup_maybe_method (self, rt_id (RT_ID___iter__), &unbound);
  RtObject *res;

  if (func == RT_NONE)
    {
      rt_decref (func);
      rt_error_format (&rt_exc_TypeError, "'%s' object is not iterable", RT_TYPE (self)->name);
      return NULL;
    }
  if (func != NULL)
    {
      res = rt_call_unbound (unbound, func, self, NULL, 0);
      rt_decref (func);
      return res;
    }
  rt_error_clear ();
  func = rt_lookup_maybe_method (self, rt_id (RT_ID___getitem__), &unbound);
  if (func == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "'%s' object is not iterable", RT_TYPE (self)->name);
      return NULL;
    }
  rt_decref (func);
  return rt_seq_iter_new (self);
}

/* The type slot reports exhaustion without an exception, so a StopIteration
 * raised by __next__ ends the iteration here. */
static RtObject *
slot_tp_iternext (RtObject *self)
{
  RtObject *res = vectorcall_method (RT_ID___next__, &self, 1);

  if (res == NULL && rt_error_matches (&rt_exc_StopIteration))
    rt_error_clear ();
  return res;
}

static RtObject *
slot_tp_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  RtType *tp = RT_TYPE (self);
  RtObject *get = rt_type_lookup (tp, rt_id (RT_ID___get__));
  RtObject *args[3];

  if (get == NULL)
    {
      if (tp->descr_get == slot_tp_descr_get)
        tp->descr_get = NULL;
      return rt_newref (self);
    }
  args[0] = self;
  args[1] = obj ? obj : RT_NONE;
  args[2] = type ? (RtObject *) type : RT_NONE;
  rt_incref (get);
  {
    RtObject *res = rt_call (get, args, 3, NULL);
    rt_decref (get);
    return res;
  }
}

static int
slot_tp_descr_set (RtObject *self, RtObject *target, RtObject *value)
{
  RtObject *args[3] = { self, target, value };
  RtObject *res;

  if (value == NULL)
    res = vectorcall_method (RT_ID___delete__, args, 2);
  else
    res = vectorcall_method (RT_ID___set__, args, 3);
  if (res == NULL)
    return -1;
  rt_decref (res);
  return 0;
}

/* A fresh keyword names tuple, as _PyStack_UnpackDict makes from the
 * keyword dict CPython passed along: the allocation it costs. */
static RtObject *
copy_kwnames (RtObject *kwnames)
{
  if (kwnames == NULL || RT_TUPLE_SIZE (kwnames) == 0)
    return NULL;
  return rt_tuple_from_array (RT_TUPLE_ITEMS (kwnames), (size_t) RT_TUPLE_SIZE (kwnames));
}

static int
slot_tp_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  bool unbound;
  RtObject *meth = lookup_method (self, RT_ID___init__, &unbound);
  RtObject *kw = NULL, *res;

  if (meth == NULL)
    return -1;
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      kw = copy_kwnames (kwnames);
      if (kw == NULL)
        {
          rt_decref (meth);
          return -1;
        }
    }
  if (unbound)
    res = rt_call_prepend (meth, self, args, nargs, kw);
  else
    res = rt_call (meth, args, nargs, kw);
  rt_xdecref (kw);
  rt_decref (meth);
  if (res == NULL)
    return -1;
  if (res != RT_NONE)
    {
      rt_error_format (&rt_exc_TypeError, "__init__() should return None, not '%s'",
                       RT_TYPE (res)->name);
      rt_decref (res);
      return -1;
    }
  rt_decref (res);
  return 0;
}

static RtObject *
slot_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *func = rt_getattr ((RtObject *) type, rt_id (RT_ID___new__));
  RtObject *kw = NULL, *res;

  if (func == NULL)
    return NULL;
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      kw = copy_kwnames (kwnames);
      if (kw == NULL)
        {
          rt_decref (func);
          return NULL;
        }
    }
  res = rt_call_prepend (func, (RtObject *) type, args, nargs, kw);
  rt_xdecref (kw);
  rt_decref (func);
  return res;
}

static void
slot_tp_finalize (RtObject *self)
{
  RtObject *saved = rt_error_fetch ();
  bool unbound;
  RtObject *del = rt_lookup_maybe_method (self, rt_id (RT_ID___del__), &unbound);

  if (del != NULL)
    {
      RtObject *res = rt_call_unbound (unbound, del, self, NULL, 0);
      if (res == NULL)
        rt_error_write_unraisable (del);
      else
        rt_decref (res);
      rt_decref (del);
    }
  else
    rt_error_clear ();
  rt_error_restore (saved);
}

/* Binary operators: self's __op__ or other's __rop__, the reflected one
 * first when other's class is a subclass that overrides it (SLOT1BINFULL). */

static int
method_is_overloaded (RtObject *left, RtObject *right, RtId name)
{
  RtObject *a, *b;
  int ok;

  if (rt_lookup_attr ((RtObject *) RT_TYPE (right), rt_id (name), &b) < 0)
    return -1;
  if (b == NULL)
    return 0;
  if (rt_lookup_attr ((RtObject *) RT_TYPE (left), rt_id (name), &a) < 0)
    {
      rt_decref (b);
      return -1;
    }
  if (a == NULL)
    {
      rt_decref (b);
      return 1;
    }
  ok = rt_richcompare_bool (a, b, RT_NE);
  rt_decref (a);
  rt_decref (b);
  return ok;
}

static RtBinaryFn
nb_slot (RtType *type, size_t offset)
{
  if (type->number == NULL)
    return NULL;
  return *(const RtBinaryFn *) ((const char *) type->number + offset);
}

static RtObject *
binary_slot (RtObject *self, RtObject *other, size_t offset, RtBinaryFn testfunc, RtId op,
             RtId rop)
{
  bool do_other = RT_TYPE (self) != RT_TYPE (other) && nb_slot (RT_TYPE (other), offset) == testfunc;
  RtObject *stack[2];
  RtObject *r;

  if (nb_slot (RT_TYPE (self), offset) == testfunc)
    {
      if (do_other && rt_type_is_subtype (RT_TYPE (other), RT_TYPE (self)))
        {
          int ok = method_is_overloaded (self, other, rop);
          if (ok < 0)
            return NULL;
          if (ok)
            {
              stack[0] = other;
              stack[1] = self;
              r = vectorcall_maybe (rop, stack, 2);
              if (r != RT_NOT_IMPLEMENTED)
                return r;
              rt_decref (r);
              do_other = false;
            }
        }
      stack[0] = self;
      stack[1] = other;
      r = vectorcall_maybe (op, stack, 2);
      if (r != RT_NOT_IMPLEMENTED || RT_TYPE (other) == RT_TYPE (self))
        return r;
      rt_decref (r);
    }
  if (do_other)
    {
      stack[0] = other;
      stack[1] = self;
      return vectorcall_maybe (rop, stack, 2);
    }
  return rt_newref (RT_NOT_IMPLEMENTED);
}

#define SLOT_BINARY(fn, field, op, rop)                                                \
  static RtObject *fn (RtObject *self, RtObject *other)                               \
  {                                                                                    \
    return binary_slot (self, other, offsetof (RtNumberMethods, field), fn, RT_ID_##op, \
                        RT_ID_##rop);                                                  \
  }

SLOT_BINARY (slot_nb_add, add, __add__, __radd__)
SLOT_BINARY (slot_nb_subtract, subtract, __sub__, __rsub__)
SLOT_BINARY (slot_nb_multiply, multiply, __mul__, __rmul__)
SLOT_BINARY (slot_nb_remainder, remainder, __mod__, __rmod__)
SLOT_BINARY (slot_nb_floor_divide, floor_divide, __floordiv__, __rfloordiv__)
SLOT_BINARY (slot_nb_true_divide, true_divide, __truediv__, __rtruediv__)
SLOT_BINARY (slot_nb_power, power, __pow__, __rpow__)
SLOT_BINARY (slot_nb_lshift, lshift, __lshift__, __rlshift__)
SLOT_BINARY (slot_nb_rshift, rshift, __rshift__, __rrshift__)
SLOT_BINARY (slot_nb_and, and_, __and__, __rand__)
SLOT_BINARY (slot_nb_xor, xor_, __xor__, __rxor__)
SLOT_BINARY (slot_nb_or, or_, __or__, __ror__)
SLOT_BINARY (slot_nb_matmul, matmul, __matmul__, __rmatmul__)

#define SLOT_INPLACE(fn, name)                          \
  static RtObject *fn (RtObject *self, RtObject *other) \
  {                                                     \
    RtObject *stack[2] = { self, other };               \
    return vectorcall_method (RT_ID_##name, stack, 2);  \
  }

SLOT_INPLACE (slot_nb_inplace_add, __iadd__)
SLOT_INPLACE (slot_nb_inplace_subtract, __isub__)
SLOT_INPLACE (slot_nb_inplace_multiply, __imul__)
SLOT_INPLACE (slot_nb_inplace_remainder, __imod__)
SLOT_INPLACE (slot_nb_inplace_floor_divide, __ifloordiv__)
SLOT_INPLACE (slot_nb_inplace_true_divide, __itruediv__)
SLOT_INPLACE (slot_nb_inplace_power, __ipow__)
SLOT_INPLACE (slot_nb_inplace_lshift, __ilshift__)
SLOT_INPLACE (slot_nb_inplace_rshift, __irshift__)
SLOT_INPLACE (slot_nb_inplace_and, __iand__)
SLOT_INPLACE (slot_nb_inplace_xor, __ixor__)
SLOT_INPLACE (slot_nb_inplace_or, __ior__)
SLOT_INPLACE (slot_mp_subscript, __getitem__)

#define SLOT_UNARY(fn, name)                          \
  static RtObject *fn (RtObject *self)                \
  {                                                   \
    return vectorcall_method (RT_ID_##name, &self, 1); \
  }

SLOT_UNARY (slot_nb_negative, __neg__)
SLOT_UNARY (slot_nb_positive, __pos__)
SLOT_UNARY (slot_nb_absolute, __abs__)
SLOT_UNARY (slot_nb_invert, __invert__)
SLOT_UNARY (slot_nb_int, __int__)
SLOT_UNARY (slot_nb_float, __float__)
SLOT_UNARY (slot_nb_index, __index__)

static int
slot_nb_bool (RtObject *self)
{
  bool unbound, using_len = false;
  RtObject *func = rt_lookup_maybe_method (self, rt_id (RT_ID___bool__), &unbound);
  RtObject *value;
  int result;

  if (func == NULL)
    {
      if (rt_error_occurred ())
        return -1;
      func = rt_lookup_maybe_method (self, rt_id (RT_ID___len__), &unbound);
      if (func == NULL)
        return rt_error_occurred () ? -1 : 1;
      using_len = true;
    }
  value = rt_call_unbound (unbound, func, self, NULL, 0);
  rt_decref (func);
  if (value == NULL)
    return -1;
  if (using_len || RT_TYPE (value) == &rt_bool_type)
    result = rt_is_true (value);
  else
    {
      rt_error_format (&rt_exc_TypeError, "__bool__ should return bool, returned %s",
                       RT_TYPE (value)->name);
      result = -1;
    }
  rt_decref (value);
  return result;
}

static int64_t
slot_sq_length (RtObject *self)
{
  RtObject *res = vectorcall_method (RT_ID___len__, &self, 1);
  RtObject *index;
  int64_t len;

  if (res == NULL)
    return -1;
  index = rt_number_index (res);
  rt_decref (res);
  if (index == NULL)
    return -1;
  if (rt_int_sign (index) < 0)
    {
      rt_decref (index);
      rt_error_format (&rt_exc_ValueError, "__len__() should return >= 0");
      return -1;
    }
  len = rt_as_ssize (index);
  rt_decref (index);
  return len;
}

static RtObject *
slot_sq_item (RtObject *self, int64_t i)
{
  RtObject *ival = rt_int_from_i64 (i);
  RtObject *stack[2];
  RtObject *res;

  if (ival == NULL)
    return NULL;
  stack[0] = self;
  stack[1] = ival;
  res = vectorcall_method (RT_ID___getitem__, stack, 2);
  rt_decref (ival);
  return res;
}

static int
slot_sq_ass_item (RtObject *self, int64_t i, RtObject *value)
{
  RtObject *ival = rt_int_from_i64 (i);
  RtObject *stack[3];
  RtObject *res;

  if (ival == NULL)
    return -1;
  stack[0] = self;
  stack[1] = ival;
  stack[2] = value;
  if (value == NULL)
    res = vectorcall_method (RT_ID___delitem__, stack, 2);
  else
    res = vectorcall_method (RT_ID___setitem__, stack, 3);
  rt_decref (ival);
  if (res == NULL)
    return -1;
  rt_decref (res);
  return 0;
}

static int
slot_mp_ass_subscript (RtObject *self, RtObject *key, RtObject *value)
{
  RtObject *stack[3] = { self, key, value };
  RtObject *res;

  if (value == NULL)
    res = vectorcall_method (RT_ID___delitem__, stack, 2);
  else
    res = vectorcall_method (RT_ID___setitem__, stack, 3);
  if (res == NULL)
    return -1;
  rt_decref (res);
  return 0;
}

static int
slot_sq_contains (RtObject *self, RtObject *value)
{
  bool unbound;
  RtObject *func = rt_lookup_maybe_method (self, rt_id (RT_ID___contains__), &unbound);
  RtObject *res;
  int result = -1;

  if (func == RT_NONE)
    {
      rt_decref (func);
      rt_error_format (&rt_exc_TypeError, "'%s' object is not a container", RT_TYPE (self)->name);
      return -1;
    }
  if (func != NULL)
    {
      res = rt_call_unbound (unbound, func, self, &value, 1);
      rt_decref (func);
      if (res != NULL)
        {
          result = rt_is_true (res);
          rt_decref (res);
        }
      return result;
    }
  if (rt_error_occurred ())
    return -1;
  /* Searching by iteration. */
  {
    RtObject *it = rt_iter (self), *item;
    if (it == NULL)
      return -1;
    result = 0;
    while ((item = rt_iter_next (it)) != NULL)
      {
        int cmp = rt_richcompare_bool (item, value, RT_EQ);
        rt_decref (item);
        if (cmp != 0)
          {
            result = cmp;
            break;
          }
      }
    if (result == 0 && rt_error_occurred ())
      result = -1;
    rt_decref (it);
  }
  return result;
}

/* The table. Entries for one slot are adjacent, in CPython's order, which
 * decides the wrappers a built-in type shows and which one wins. */

#define FN(f) ((RtAnyFn) (f))
#define TP(n, field, fn, wrap) { RT_ID_##n, RT_SLOTTAB_TYPE, offsetof (RtType, field), fn, wrap, 0 }
#define CMP(n, fn, o) \
  { RT_ID_##n, RT_SLOTTAB_TYPE, offsetof (RtType, richcompare), fn, wrap_richcmp, o }
#define NB(n, field, fn, wrap) \
  { RT_ID_##n, RT_SLOTTAB_NUMBER, offsetof (RtNumberMethods, field), fn, wrap, 0 }
#define SQ(n, field, fn, wrap) \
  { RT_ID_##n, RT_SLOTTAB_SEQUENCE, offsetof (RtSequenceMethods, field), fn, wrap, 0 }
#define MP(n, field, fn, wrap) \
  { RT_ID_##n, RT_SLOTTAB_MAPPING, offsetof (RtMappingMethods, field), fn, wrap, 0 }

static const RtSlotDef slotdefs[] = {
  TP (__repr__, repr, FN (slot_tp_repr), wrap_unary),
  TP (__hash__, hash, FN (slot_tp_hash), wrap_hash),
  TP (__call__, call, FN (slot_tp_call), wrap_call),
  TP (__str__, str, FN (slot_tp_str), wrap_unary),
  TP (__getattribute__, getattro, FN (slot_tp_getattr_hook), wrap_binary),
  TP (__getattr__, getattro, FN (slot_tp_getattr_hook), NULL),
  TP (__setattr__, setattro, FN (slot_tp_setattro), wrap_setattr),
  TP (__delattr__, setattro, FN (slot_tp_setattro), wrap_delattr),
  CMP (__lt__, FN (slot_tp_richcompare), RT_LT),
  CMP (__le__, FN (slot_tp_richcompare), RT_LE),
  CMP (__eq__, FN (slot_tp_richcompare), RT_EQ),
  CMP (__ne__, FN (slot_tp_richcompare), RT_NE),
  CMP (__gt__, FN (slot_tp_richcompare), RT_GT),
  CMP (__ge__, FN (slot_tp_richcompare), RT_GE),
  TP (__iter__, iter, FN (slot_tp_iter), wrap_unary),
  TP (__next__, iternext, FN (slot_tp_iternext), wrap_next),
  TP (__get__, descr_get, FN (slot_tp_descr_get), wrap_descr_get),
  TP (__set__, descr_set, FN (slot_tp_descr_set), wrap_descr_set),
  TP (__delete__, descr_set, FN (slot_tp_descr_set), wrap_descr_delete),
  TP (__init__, init, FN (slot_tp_init), wrap_init),
  TP (__new__, tp_new, FN (slot_tp_new), NULL),
  TP (__del__, finalize, FN (slot_tp_finalize), wrap_del),
  NB (__add__, add, FN (slot_nb_add), wrap_binary_l),
  NB (__radd__, add, FN (slot_nb_add), wrap_binary_r),
  NB (__sub__, subtract, FN (slot_nb_subtract), wrap_binary_l),
  NB (__rsub__, subtract, FN (slot_nb_subtract), wrap_binary_r),
  NB (__mul__, multiply, FN (slot_nb_multiply), wrap_binary_l),
  NB (__rmul__, multiply, FN (slot_nb_multiply), wrap_binary_r),
  NB (__mod__, remainder, FN (slot_nb_remainder), wrap_binary_l),
  NB (__rmod__, remainder, FN (slot_nb_remainder), wrap_binary_r),
  NB (__pow__, power, FN (slot_nb_power), wrap_binary_l),
  NB (__rpow__, power, FN (slot_nb_power), wrap_binary_r),
  NB (__neg__, negative, FN (slot_nb_negative), wrap_unary),
  NB (__pos__, positive, FN (slot_nb_positive), wrap_unary),
  NB (__abs__, absolute, FN (slot_nb_absolute), wrap_unary),
  NB (__bool__, as_bool, FN (slot_nb_bool), wrap_inquiry),
  NB (__invert__, invert, FN (slot_nb_invert), wrap_unary),
  NB (__lshift__, lshift, FN (slot_nb_lshift), wrap_binary_l),
  NB (__rlshift__, lshift, FN (slot_nb_lshift), wrap_binary_r),
  NB (__rshift__, rshift, FN (slot_nb_rshift), wrap_binary_l),
  NB (__rrshift__, rshift, FN (slot_nb_rshift), wrap_binary_r),
  NB (__and__, and_, FN (slot_nb_and), wrap_binary_l),
  NB (__rand__, and_, FN (slot_nb_and), wrap_binary_r),
  NB (__xor__, xor_, FN (slot_nb_xor), wrap_binary_l),
  NB (__rxor__, xor_, FN (slot_nb_xor), wrap_binary_r),
  NB (__or__, or_, FN (slot_nb_or), wrap_binary_l),
  NB (__ror__, or_, FN (slot_nb_or), wrap_binary_r),
  NB (__int__, as_int, FN (slot_nb_int), wrap_unary),
  NB (__float__, as_float, FN (slot_nb_float), wrap_unary),
  NB (__iadd__, inplace_add, FN (slot_nb_inplace_add), wrap_binary),
  NB (__isub__, inplace_subtract, FN (slot_nb_inplace_subtract), wrap_binary),
  NB (__imul__, inplace_multiply, FN (slot_nb_inplace_multiply), wrap_binary),
  NB (__imod__, inplace_remainder, FN (slot_nb_inplace_remainder), wrap_binary),
  NB (__ipow__, inplace_power, FN (slot_nb_inplace_power), wrap_binary),
  NB (__ilshift__, inplace_lshift, FN (slot_nb_inplace_lshift), wrap_binary),
  NB (__irshift__, inplace_rshift, FN (slot_nb_inplace_rshift), wrap_binary),
  NB (__iand__, inplace_and, FN (slot_nb_inplace_and), wrap_binary),
  NB (__ixor__, inplace_xor, FN (slot_nb_inplace_xor), wrap_binary),
  NB (__ior__, inplace_or, FN (slot_nb_inplace_or), wrap_binary),
  NB (__floordiv__, floor_divide, FN (slot_nb_floor_divide), wrap_binary_l),
  NB (__rfloordiv__, floor_divide, FN (slot_nb_floor_divide), wrap_binary_r),
  NB (__truediv__, true_divide, FN (slot_nb_true_divide), wrap_binary_l),
  NB (__rtruediv__, true_divide, FN (slot_nb_true_divide), wrap_binary_r),
  NB (__ifloordiv__, inplace_floor_divide, FN (slot_nb_inplace_floor_divide), wrap_binary),
  NB (__itruediv__, inplace_true_divide, FN (slot_nb_inplace_true_divide), wrap_binary),
  NB (__index__, index, FN (slot_nb_index), wrap_unary),
  NB (__matmul__, matmul, FN (slot_nb_matmul), wrap_binary_l),
  NB (__rmatmul__, matmul, FN (slot_nb_matmul), wrap_binary_r),
  MP (__len__, length, FN (slot_sq_length), wrap_len),
  MP (__getitem__, subscript, FN (slot_mp_subscript), wrap_binary),
  MP (__setitem__, ass_subscript, FN (slot_mp_ass_subscript), wrap_setitem),
  MP (__delitem__, ass_subscript, FN (slot_mp_ass_subscript), wrap_delitem),
  SQ (__len__, length, FN (slot_sq_length), wrap_len),
  SQ (__add__, concat, NULL, wrap_binary),
  SQ (__mul__, repeat, NULL, wrap_repeat),
  SQ (__rmul__, repeat, NULL, wrap_repeat),
  SQ (__getitem__, item, FN (slot_sq_item), wrap_sq_item),
  SQ (__setitem__, ass_item, FN (slot_sq_ass_item), wrap_sq_setitem),
  SQ (__delitem__, ass_item, FN (slot_sq_ass_item), wrap_sq_delitem),
  SQ (__contains__, contains, FN (slot_sq_contains), wrap_contains),
  SQ (__iadd__, inplace_concat, NULL, wrap_binary),
  SQ (__imul__, inplace_repeat, NULL, wrap_repeat),
};

#define N_SLOTDEFS (sizeof slotdefs / sizeof slotdefs[0])

/* Where def's function pointer lives in type, or NULL if type has no such
 * table. */
static RtAnyFn *
slot_ptr (RtType *type, const RtSlotDef *def)
{
  const void *table;

  switch (def->table)
    {
    case RT_SLOTTAB_TYPE:
      return (RtAnyFn *) ((char *) type + def->offset);
    case RT_SLOTTAB_NUMBER:
      table = type->number;
      break;
    case RT_SLOTTAB_SEQUENCE:
      table = type->sequence;
      break;
    default:
      table = type->mapping;
      break;
    }
  if (table == NULL)
    return NULL;
  return (RtAnyFn *) ((char *) table + def->offset);
}

static bool
same_slot (const RtSlotDef *a, const RtSlotDef *b)
{
  return a->table == b->table && a->offset == b->offset;
}

bool
rt_slots_add_wrappers (RtType *type)
{
  for (size_t i = 0; i < N_SLOTDEFS; i++)
    {
      const RtSlotDef *def = &slotdefs[i];
      RtAnyFn *ptr;
      RtObject *descr;
      int r;

      if (def->wrapper == NULL)
        continue;
      ptr = slot_ptr (type, def);
      if (ptr == NULL || *ptr == NULL)
        continue;
      r = rt_dict_contains (type->dict, rt_id (def->name));
      if (r < 0)
        return false;
      if (r > 0)
        continue;
      if (*ptr == (RtAnyFn) rt_hash_not_implemented)
        {
          if (rt_dict_set_item (type->dict, rt_id (def->name), RT_NONE) < 0)
            return false;
          continue;
        }
      descr = rt_wrapper_descr_new (type, def, *ptr);
      if (descr == NULL)
        return false;
      r = rt_dict_set_item (type->dict, rt_id (def->name), descr);
      rt_decref (descr);
      if (r < 0)
        return false;
    }
  return true;
}

/* The one filled slot of type among those named name, or NULL if none or
 * several (resolve_slotdups). */
static RtAnyFn *
resolve_slotdups (RtType *type, RtId name)
{
  RtAnyFn *res = NULL;

  for (size_t i = 0; i < N_SLOTDEFS; i++)
    {
      RtAnyFn *ptr;

      if (slotdefs[i].name != name)
        continue;
      ptr = slot_ptr (type, &slotdefs[i]);
      if (ptr == NULL || *ptr == NULL)
        continue;
      if (res != NULL)
        return NULL;
      res = ptr;
    }
  return res;
}

/* Chooses a class's slot from the dunder methods found along its MRO: a
 * built-in type's own function when the method is that type's wrapper, the
 * generic slot_* otherwise, NULL when absent (update_one_slot). Returns the
 * index of the next group. */
static size_t
update_one_slot (RtType *type, size_t start)
{
  const RtSlotDef *p = &slotdefs[start];
  RtAnyFn *ptr = slot_ptr (type, p);
  RtAnyFn generic = NULL, specific = NULL;
  bool use_generic = false;
  size_t i = start;

  if (ptr == NULL)
    {
      while (i < N_SLOTDEFS && same_slot (&slotdefs[i], p))
        i++;
      return i;
    }
  for (; i < N_SLOTDEFS && same_slot (&slotdefs[i], p); i++)
    {
      const RtSlotDef *q = &slotdefs[i];
      RtObject *descr = rt_type_lookup (type, rt_id (q->name));

      if (descr == NULL)
        continue;
      if (RT_TYPE (descr) == &rt_wrapper_descr_type
          && ((RtWrapperDescr *) descr)->def->name == q->name)
        {
          RtWrapperDescr *d = (RtWrapperDescr *) descr;
          RtAnyFn *tptr = resolve_slotdups (type, q->name);

          if (tptr == NULL || tptr == ptr)
            generic = q->function;
          if ((specific == NULL || specific == d->wrapped) && d->def->wrapper == q->wrapper
              && rt_type_is_subtype (type, d->owner))
            specific = d->wrapped;
          else
            use_generic = true;
        }
      else if (RT_TYPE (descr) == &rt_builtin_type && ((RtBuiltin *) descr)->def == &rt_tp_new_def
               && ptr == (RtAnyFn *) &type->tp_new)
        specific = (RtAnyFn) type->tp_new;
      else if (descr == RT_NONE && ptr == (RtAnyFn *) &type->hash)
        specific = (RtAnyFn) rt_hash_not_implemented;
      else
        {
          use_generic = true;
          generic = q->function;
        }
    }
  *ptr = specific != NULL && !use_generic ? specific : generic;
  return i;
}

void
rt_slots_fixup (RtType *type)
{
  for (size_t i = 0; i < N_SLOTDEFS;)
    i = update_one_slot (type, i);
}

static void
update_slot_recursive (RtType *type, RtObject *name, int depth)
{
  RtType **subs;
  size_t n;

  for (size_t i = 0; i < N_SLOTDEFS; i++)
    {
      size_t start;

      if (!rt_str_equal (rt_id (slotdefs[i].name), name))
        continue;
      start = i;
      while (start > 0 && same_slot (&slotdefs[start - 1], &slotdefs[i]))
        start--;
      update_one_slot (type, start);
    }
  if (depth > 100)
    return;
  n = rt_heap_type_subclasses (type, &subs);
  for (size_t i = 0; i < n; i++)
    {
      RtType *sub = subs[i];
      int r = sub->dict ? rt_dict_contains (sub->dict, name) : 0;
      if (r < 0)
        rt_error_clear ();
      if (r != 0)
        continue;
      update_slot_recursive (sub, name, depth + 1);
    }
}

void
rt_slots_update (RtType *type, RtObject *name)
{
  update_slot_recursive (type, name, 0);
}

/* T.__new__(S, ...): the built-in __new__ of every type with a tp_new. */
static RtObject *
tp_new_wrapper (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtType *type = (RtType *) self;
  RtType *subtype, *staticbase;
  RtObject *rest, *saved, *res;

  if (nargs < 1)
    {
      rt_error_format (&rt_exc_TypeError, "%s.__new__(): not enough arguments", type->name);
      return NULL;
    }
  if (!rt_is_type (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "%s.__new__(X): X is not a type object (%s)",
                       type->name, RT_TYPE (args[0])->name);
      return NULL;
    }
  subtype = (RtType *) args[0];
  if (!rt_type_is_subtype (subtype, type))
    {
      rt_error_format (&rt_exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->name,
                       subtype->name, subtype->name, type->name);
      return NULL;
    }
  /* object.__new__(dict) and the like would build a half-made object. */
  staticbase = subtype;
  while (staticbase != NULL && staticbase->tp_new == slot_tp_new)
    staticbase = staticbase->base;
  if (staticbase != NULL && staticbase->tp_new != type->tp_new)
    {
      rt_error_format (&rt_exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()",
                       type->name, subtype->name, staticbase->name);
      return NULL;
    }
  /* CPython slices the arguments into a new tuple here. */
  rest = rt_tuple_from_array (args + 1, nargs - 1);
  if (rest == NULL)
    return NULL;
  saved = rt_swap_call_args_tuple (kwnames == NULL ? rest : NULL);
  res = type->tp_new (subtype, kwnames == NULL ? RT_TUPLE_ITEMS (rest) : args + 1, nargs - 1,
                      kwnames);
  if (res != NULL && type->tp_new != rt_object_new)
    rt_instance_prepare (subtype, res);
  rt_swap_call_args_tuple (saved);
  rt_decref (rest);
  return res;
}

const RtMethodDef rt_tp_new_def = { "__new__", tp_new_wrapper, 0 };
