/* abstract.c: operations on any object through its type's slots, with
 * CPython 3.11's dispatch rules and messages (Objects/abstract.c and
 * object.c): operators, comparison, truth, attributes, calls, items,
 * iteration, and the repr and recursion guards. */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "float.h"
#include "int.h"
#include "list.h"
#include "mem.h"
#include "range.h"
#include "set.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <stdlib.h>
#include <string.h>

/* Operators. */

static const char *const op_symbols[RT_OP_COUNT_] = {
  "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^",
  "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
};

#define NB_OFF(f) ((int) offsetof (RtNumberMethods, f))

/* The binary slot of each operator, and the in-place one (-1: none). */
static const int op_slots[13] = {
  NB_OFF (add),    NB_OFF (and_),      NB_OFF (floor_divide), NB_OFF (lshift),
  NB_OFF (matmul), NB_OFF (multiply),  NB_OFF (remainder),    NB_OFF (or_),
  NB_OFF (power),  NB_OFF (rshift),    NB_OFF (subtract),     NB_OFF (true_divide),
  NB_OFF (xor_),
};

static const int iop_slots[13] = {
  NB_OFF (inplace_add),    NB_OFF (inplace_and),      NB_OFF (inplace_floor_divide),
  NB_OFF (inplace_lshift), -1,                        NB_OFF (inplace_multiply),
  NB_OFF (inplace_remainder), NB_OFF (inplace_or),    NB_OFF (inplace_power),
  NB_OFF (inplace_rshift), NB_OFF (inplace_subtract), NB_OFF (inplace_true_divide),
  NB_OFF (inplace_xor),
};

const char *
rt_binary_op_symbol (RtBinaryOp op)
{
  if ((int) op < 0 || op >= RT_OP_COUNT_)
    return "?";
  return op_symbols[op];
}

static RtBinaryFn
nb_binop (RtType *type, int offset)
{
  if (type->number == NULL || offset < 0)
    return NULL;
  return *(const RtBinaryFn *) ((const char *) type->number + offset);
}

/* The left operand's slot, or the right's if its type differs; the
 * right's first when it is a subclass of the left's (binary_op1). */
static RtObject *
binary_op1 (RtObject *v, RtObject *w, int offset)
{
  RtBinaryFn slotv = nb_binop (RT_TYPE (v), offset);
  RtBinaryFn slotw = NULL;
  RtObject *x;

  if (RT_TYPE (w) != RT_TYPE (v))
    {
      slotw = nb_binop (RT_TYPE (w), offset);
      if (slotw == slotv)
        slotw = NULL;
    }
  if (slotv != NULL)
    {
      if (slotw != NULL && rt_type_is_subtype (RT_TYPE (w), RT_TYPE (v)))
        {
          x = slotw (v, w);
          if (x != RT_NOT_IMPLEMENTED)
            return x;
          rt_decref (x);
          slotw = NULL;
        }
      x = slotv (v, w);
      if (x != RT_NOT_IMPLEMENTED)
        return x;
      rt_decref (x);
    }
  if (slotw != NULL)
    {
      x = slotw (v, w);
      if (x != RT_NOT_IMPLEMENTED)
        return x;
      rt_decref (x);
    }
  return rt_newref (RT_NOT_IMPLEMENTED);
}

static RtObject *
binop_type_error (RtObject *v, RtObject *w, const char *op_name)
{
  rt_error_format (&rt_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op_name,
                   RT_TYPE (v)->name, RT_TYPE (w)->name);
  return NULL;
}

static RtObject *
binary_iop1 (RtObject *v, RtObject *w, int ioffset, int offset)
{
  RtBinaryFn slot = nb_binop (RT_TYPE (v), ioffset);

  if (slot != NULL)
    {
      RtObject *x = slot (v, w);
      if (x != RT_NOT_IMPLEMENTED)
        return x;
      rt_decref (x);
    }
  return binary_op1 (v, w, offset);
}

/* Converts an index for a sequence operation; errtype is what overflow
 * raises (PyNumber_AsSsize_t). */
static int64_t
as_ssize_err (RtObject *item, RtType *errtype)
{
  RtObject *value = rt_number_index (item);
  int64_t result;

  if (value == NULL)
    return -1;
  if (!rt_int_to_i64 (value, &result))
    {
      rt_decref (value);
      rt_error_format (errtype, "cannot fit '%s' into an index-sized integer",
                       RT_TYPE (item)->name);
      return -1;
    }
  rt_decref (value);
  return result;
}

static bool
index_check (RtObject *obj)
{
  return RT_TYPE (obj)->number != NULL && RT_TYPE (obj)->number->index != NULL;
}

static RtObject *
sequence_repeat (RtObject *(*repeat) (RtObject *, int64_t), RtObject *seq, RtObject *n)
{
  int64_t count;

  if (!index_check (n))
    {
      rt_error_format (&rt_exc_TypeError, "can't multiply sequence by non-int of type '%s'",
                       RT_TYPE (n)->name);
      return NULL;
    }
  count = as_ssize_err (n, &rt_exc_OverflowError);
  if (count == -1 && rt_error_occurred ())
    return NULL;
  return repeat (seq, count);
}

RtObject *
rt_binary_op (RtObject *v, RtObject *w, RtBinaryOp op)
{
  bool inplace = op >= RT_OP_INPLACE_ADD;
  int base = inplace ? (int) op - RT_OP_INPLACE_ADD : (int) op;
  const char *name = op_symbols[op];
  RtObject *result;

  if (inplace)
    result = binary_iop1 (v, w, iop_slots[base], op_slots[base]);
  else
    result = binary_op1 (v, w, op_slots[base]);
  if (result != RT_NOT_IMPLEMENTED)
    return result;
  rt_decref (result);

  switch (base)
    {
    case RT_OP_ADD:
      {
        const RtSequenceMethods *m = RT_TYPE (v)->sequence;
        if (m != NULL)
          {
            RtBinaryFn f = inplace && m->inplace_concat ? m->inplace_concat : m->concat;
            if (f != NULL)
              return f (v, w);
          }
        break;
      }
    case RT_OP_MULTIPLY:
      {
        const RtSequenceMethods *mv = RT_TYPE (v)->sequence;
        const RtSequenceMethods *mw = RT_TYPE (w)->sequence;
        if (inplace)
          {
            /* The right operand must not be mutated: no inplace_repeat
             * for it, and it is tried only without a left table. */
            if (mv != NULL)
              {
                RtObject *(*f) (RtObject *, int64_t) = mv->inplace_repeat ? mv->inplace_repeat
                                                                          : mv->repeat;
                if (f != NULL)
                  return sequence_repeat (f, v, w);
              }
            else if (mw != NULL && mw->repeat != NULL)
              return sequence_repeat (mw->repeat, w, v);
          }
        else
          {
            if (mv != NULL && mv->repeat != NULL)
              return sequence_repeat (mv->repeat, v, w);
            if (mw != NULL && mw->repeat != NULL)
              return sequence_repeat (mw->repeat, w, v);
          }
        break;
      }
    case RT_OP_POWER:
      if (!inplace)
        name = "** or pow()";
      break;
    case RT_OP_RSHIFT:
      if (!inplace && RT_TYPE (v) == &rt_builtin_type
          && strcmp (((RtBuiltin *) v)->def->name, "print") == 0)
        {
          rt_error_format (&rt_exc_TypeError,
                           "unsupported operand type(s) for %s: '%s' and '%s'. Did you mean "
                           "\"print(<message>, file=<output_stream>)\"?",
                           name, RT_TYPE (v)->name, RT_TYPE (w)->name);
          return NULL;
        }
      break;
    default:
      break;
    }
  return binop_type_error (v, w, name);
}

static RtObject *
unary_op (RtObject *o, size_t offset, const char *message)
{
  const RtNumberMethods *m = RT_TYPE (o)->number;

  if (m != NULL)
    {
      RtUnaryFn f = *(const RtUnaryFn *) ((const char *) m + offset);
      if (f != NULL)
        return f (o);
    }
  rt_error_format (&rt_exc_TypeError, message, RT_TYPE (o)->name);
  return NULL;
}

RtObject *
rt_negative (RtObject *a)
{
  return unary_op (a, offsetof (RtNumberMethods, negative), "bad operand type for unary -: '%s'");
}

RtObject *
rt_positive (RtObject *a)
{
  return unary_op (a, offsetof (RtNumberMethods, positive), "bad operand type for unary +: '%s'");
}

RtObject *
rt_invert (RtObject *a)
{
  return unary_op (a, offsetof (RtNumberMethods, invert), "bad operand type for unary ~: '%s'");
}

RtObject *
rt_absolute (RtObject *a)
{
  return unary_op (a, offsetof (RtNumberMethods, absolute), "bad operand type for abs(): '%s'");
}

/* repr, str, format, hash. */

RtObject *
rt_repr (RtObject *obj)
{
  RtObject *res;
  char addr[32];

  if (obj == NULL)
    return rt_str_from_cstr ("<NULL>");
  if (RT_TYPE (obj)->repr == NULL)
    {
      rt_format_address (addr, obj);
      return rt_str_from_format ("<%s object at %s>", RT_TYPE (obj)->name, addr);
    }
  if (rt_recursion_enter (" while getting the repr of an object") < 0)
    return NULL;
  res = RT_TYPE (obj)->repr (obj);
  rt_recursion_leave ();
  if (res != NULL && !rt_is_str (res))
    {
      rt_error_format (&rt_exc_TypeError, "__repr__ returned non-string (type %s)",
                       RT_TYPE (res)->name);
      RT_CLEAR (res);
    }
  return res;
}

RtObject *
rt_str (RtObject *obj)
{
  RtObject *res;

  if (obj == NULL)
    return rt_str_from_cstr ("<NULL>");
  if (RT_TYPE (obj) == &rt_str_type)
    return rt_newref (obj);
  if (RT_TYPE (obj)->str == NULL)
    return rt_repr (obj);
  if (rt_recursion_enter (" while getting the str of an object") < 0)
    return NULL;
  res = RT_TYPE (obj)->str (obj);
  rt_recursion_leave ();
  if (res != NULL && !rt_is_str (res))
    {
      rt_error_format (&rt_exc_TypeError, "__str__ returned non-string (type %s)",
                       RT_TYPE (res)->name);
      RT_CLEAR (res);
    }
  return res;
}

RtObject *
rt_format (RtObject *obj, RtObject *spec)
{
  RtObject *empty = NULL, *meth, *result = NULL;

  if (spec != NULL && !rt_is_str (spec))
    {
      rt_error_format (&rt_exc_SystemError, "Format specifier must be a string, not %s",
                       RT_TYPE (spec)->name);
      return NULL;
    }
  if (spec == NULL || rt_str_length (spec) == 0)
    {
      if (RT_TYPE (obj) == &rt_str_type)
        return rt_newref (obj);
      if (RT_TYPE (obj) == &rt_int_type)
        return rt_str (obj);
    }
  if (spec == NULL)
    {
      empty = rt_str_from_cstr ("");
      if (empty == NULL)
        return NULL;
      spec = empty;
    }
  meth = rt_lookup_special (obj, rt_id (RT_ID___format__));
  if (meth == NULL)
    {
      if (!rt_error_occurred ())
        rt_error_format (&rt_exc_TypeError, "Type %s doesn't define __format__",
                         RT_TYPE (obj)->name);
      goto out;
    }
  result = rt_call_one (meth, spec);
  rt_decref (meth);
  if (result != NULL && !rt_is_str (result))
    {
      rt_error_format (&rt_exc_TypeError, "__format__ must return a str, not %s",
                       RT_TYPE (result)->name);
      RT_CLEAR (result);
    }

out:
  rt_xdecref (empty);
  return result;
}

RtHash
rt_hash (RtObject *obj)
{
  if (RT_TYPE (obj)->hash != NULL)
    return RT_TYPE (obj)->hash (obj);
  return rt_hash_not_implemented (obj);
}

/* Comparison. */

static const int swapped_op[] = { RT_GT, RT_GE, RT_EQ, RT_NE, RT_LT, RT_LE };
static const char *const opstrings[] = { "<", "<=", "==", "!=", ">", ">=" };

static RtObject *
do_richcompare (RtObject *v, RtObject *w, int op)
{
  RtObject *(*f) (RtObject *, RtObject *, int);
  RtObject *res;
  bool checked_reverse = false;

  if (RT_TYPE (v) != RT_TYPE (w) && rt_type_is_subtype (RT_TYPE (w), RT_TYPE (v))
      && (f = RT_TYPE (w)->richcompare) != NULL)
    {
      checked_reverse = true;
      res = f (w, v, swapped_op[op]);
      if (res != RT_NOT_IMPLEMENTED)
        return res;
      rt_decref (res);
    }
  if ((f = RT_TYPE (v)->richcompare) != NULL)
    {
      res = f (v, w, op);
      if (res != RT_NOT_IMPLEMENTED)
        return res;
      rt_decref (res);
    }
  if (!checked_reverse && (f = RT_TYPE (w)->richcompare) != NULL)
    {
      res = f (w, v, swapped_op[op]);
      if (res != RT_NOT_IMPLEMENTED)
        return res;
      rt_decref (res);
    }
  switch (op)
    {
    case RT_EQ:
      return rt_bool_new (v == w);
    case RT_NE:
      return rt_bool_new (v != w);
    default:
      rt_error_format (&rt_exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                       opstrings[op], RT_TYPE (v)->name, RT_TYPE (w)->name);
      return NULL;
    }
}

RtObject *
rt_richcompare (RtObject *a, RtObject *b, int op)
{
  RtObject *res;

  if (rt_recursion_enter (" in comparison") < 0)
    return NULL;
  res = do_richcompare (a, b, op);
  rt_recursion_leave ();
  return res;
}

int
rt_richcompare_bool (RtObject *a, RtObject *b, int op)
{
  RtObject *res;
  int ok;

  /* Identity implies equality, as containers assume. */
  if (a == b)
    {
      if (op == RT_EQ)
        return 1;
      if (op == RT_NE)
        return 0;
    }
  res = rt_richcompare (a, b, op);
  if (res == NULL)
    return -1;
  if (RT_TYPE (res) == &rt_bool_type)
    ok = res == RT_TRUE;
  else
    ok = rt_is_true (res);
  rt_decref (res);
  return ok;
}

int
rt_is_true (RtObject *obj)
{
  const RtType *t = RT_TYPE (obj);
  int64_t res;

  if (obj == RT_TRUE)
    return 1;
  if (obj == RT_FALSE || obj == RT_NONE)
    return 0;
  if (t->number != NULL && t->number->as_bool != NULL)
    return t->number->as_bool (obj);
  if (t->mapping != NULL && t->mapping->length != NULL)
    res = t->mapping->length (obj);
  else if (t->sequence != NULL && t->sequence->length != NULL)
    res = t->sequence->length (obj);
  else
    return 1;
  return res > 0 ? 1 : (int) res;
}

/* Attributes. */

static bool
check_attr_name (RtObject *name)
{
  if (rt_is_str (name))
    return true;
  rt_error_format (&rt_exc_TypeError, "attribute name must be string, not '%s'",
                   RT_TYPE (name)->name);
  return false;
}

RtObject *
rt_getattr (RtObject *obj, RtObject *name)
{
  RtBinaryFn getattro = RT_TYPE (obj)->getattro;
  RtObject *res;

  if (!check_attr_name (name))
    return NULL;
  if (getattro == NULL)
    {
      rt_error_format (&rt_exc_AttributeError, "'%s' object has no attribute '%S'",
                       RT_TYPE (obj)->name, name);
      res = NULL;
    }
  else
    res = getattro (obj, name);
  if (res == NULL)
    rt_exception_set_attribute_context (NULL, obj, name);
  return res;
}

RtObject *
rt_getattr_cstr (RtObject *obj, const char *name)
{
  RtObject *key = rt_str_intern_cstr (name);
  RtObject *res;

  if (key == NULL)
    return NULL;
  res = rt_getattr (obj, key);
  rt_decref (key);
  return res;
}

int
rt_lookup_attr (RtObject *obj, RtObject *name, RtObject **result)
{
  RtBinaryFn getattro = RT_TYPE (obj)->getattro;

  *result = NULL;
  if (!check_attr_name (name))
    return -1;
  if (getattro == rt_object_generic_getattr)
    {
      *result = rt_object_generic_getattr_ex (obj, name, true);
      if (*result != NULL)
        return 1;
      return rt_error_occurred () ? -1 : 0;
    }
  if (getattro == NULL)
    return 0;
  *result = getattro (obj, name);
  if (*result != NULL)
    return 1;
  if (!rt_error_matches (&rt_exc_AttributeError))
    return -1;
  rt_error_clear ();
  return 0;
}

int
rt_setattr (RtObject *obj, RtObject *name, RtObject *value)
{
  RtType *tp = RT_TYPE (obj);
  int res;

  if (!check_attr_name (name))
    return -1;
  rt_incref (name);
  rt_str_intern_in_place (&name);
  if (tp->setattro != NULL)
    res = tp->setattro (obj, name, value);
  else
    {
      rt_error_format (&rt_exc_TypeError,
                       tp->getattro == NULL ? "'%s' object has no attributes (%s .%S)"
                                            : "'%s' object has only read-only attributes (%s .%S)",
                       tp->name, value == NULL ? "del" : "assign to", name);
      res = -1;
    }
  rt_decref (name);
  return res;
}

/* Calls. */

static bool
calls_through (RtObject *callable)
{
  RtType *type = RT_TYPE (callable);

  /* Functions and bound methods hand over to what they wrap, which does
   * its own depth accounting. */
  if (type == &rt_function_type || type == &rt_method_type)
    return true;
  /* The classes CPython 3.11 calls through tp_vectorcall, which counts no
   * depth (only _PyObject_MakeTpCall does): list(x) recursing through
   * x.__iter__ reaches the same depth as there. Classes of the layers
   * above say so with a flag. */
  if (type == &rt_type_type && RT_TYPE_HAS ((RtType *) callable, RT_TPFLAG_VECTORCALL))
    return true;
  return callable == (RtObject *) &rt_list_type || callable == (RtObject *) &rt_tuple_type
         || callable == (RtObject *) &rt_dict_type || callable == (RtObject *) &rt_set_type
         || callable == (RtObject *) &rt_frozenset_type
         || callable == (RtObject *) &rt_float_type || callable == (RtObject *) &rt_bool_type
         || callable == (RtObject *) &rt_range_type
         || callable == (RtObject *) &rt_enumerate_type
         || callable == (RtObject *) &rt_reversed_type;
}

RtObject *
rt_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtCallFn call = RT_TYPE (callable)->call;
  RtObject *res;

  if (call == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "'%s' object is not callable", RT_TYPE (callable)->name);
      return NULL;
    }
  if (calls_through (callable))
    return call (callable, args, nargs, kwnames);
  if (rt_recursion_enter (" while calling a Python object") < 0)
    return NULL;
  res = call (callable, args, nargs, kwnames);
  rt_recursion_leave ();
  if (res == NULL && !rt_error_occurred ())
    rt_error_format (&rt_exc_SystemError, "%R returned NULL without setting an exception",
                     callable);
  else if (res != NULL && rt_error_occurred ())
    {
      RtObject *cause = rt_error_fetch (), *exc;

      RT_CLEAR (res);
      rt_error_format (&rt_exc_SystemError, "%R returned a result with an exception set",
                       callable);
      exc = rt_error_fetch ();
      if (exc != NULL)
        {
          rt_exception_set_cause (exc, cause);
          rt_error_restore (exc);
        }
      else
        rt_xdecref (cause);
    }
  return res;
}

RtObject *
rt_call_noargs (RtObject *callable)
{
  return rt_call (callable, NULL, 0, NULL);
}

RtObject *
rt_call_one (RtObject *callable, RtObject *arg)
{
  return rt_call (callable, &arg, 1, NULL);
}

#define SMALL_STACK 6

RtObject *
rt_call_prepend (RtObject *callable, RtObject *self, RtObject *const *args, size_t nargs,
                 RtObject *kwnames)
{
  size_t nkw = kwnames ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
  size_t total = nargs + nkw + 1;
  RtObject *small[SMALL_STACK];
  RtObject **stack = small;
  RtObject *res;

  if (total > SMALL_STACK)
    {
      stack = rt_mem_alloc (total * sizeof (RtObject *), RT_MEM_RAW);
      if (stack == NULL)
        return rt_error_no_memory ();
    }
  stack[0] = self;
  if (nargs + nkw > 0)
    memcpy (stack + 1, args, (nargs + nkw) * sizeof (RtObject *));
  res = rt_call (callable, stack, nargs + 1, kwnames);
  if (stack != small)
    rt_mem_free (stack, total * sizeof (RtObject *));
  return res;
}

RtObject *
rt_call_method (RtObject *obj, const char *name, RtObject *const *args, size_t nargs)
{
  RtObject *key = rt_str_intern_cstr (name);
  RtObject *meth, *res;
  bool is_method;

  if (key == NULL)
    return NULL;
  meth = rt_get_method (obj, key, &is_method);
  rt_decref (key);
  if (meth == NULL)
    return NULL;
  if (is_method)
    res = rt_call_prepend (meth, obj, args, nargs, NULL);
  else
    res = rt_call (meth, args, nargs, NULL);
  rt_decref (meth);
  return res;
}

/* Items. */

static RtObject *
sequence_get_item (RtObject *s, int64_t i)
{
  const RtSequenceMethods *m = RT_TYPE (s)->sequence;

  if (m != NULL && m->item != NULL)
    {
      if (i < 0 && m->length != NULL)
        {
          int64_t l = m->length (s);
          if (l < 0)
            return NULL;
          i += l;
        }
      return m->item (s, i);
    }
  if (RT_TYPE (s)->mapping != NULL && RT_TYPE (s)->mapping->subscript != NULL)
    rt_error_format (&rt_exc_TypeError, "%s is not a sequence", RT_TYPE (s)->name);
  else
    rt_error_format (&rt_exc_TypeError, "'%s' object does not support indexing",
                     RT_TYPE (s)->name);
  return NULL;
}

RtObject *
rt_getitem (RtObject *obj, RtObject *key)
{
  const RtMappingMethods *m = RT_TYPE (obj)->mapping;
  const RtSequenceMethods *ms = RT_TYPE (obj)->sequence;

  if (m != NULL && m->subscript != NULL)
    return m->subscript (obj, key);
  if (ms != NULL && ms->item != NULL)
    {
      int64_t i;
      if (!index_check (key))
        {
          rt_error_format (&rt_exc_TypeError, "sequence index must be integer, not '%s'",
                           RT_TYPE (key)->name);
          return NULL;
        }
      i = as_ssize_err (key, &rt_exc_IndexError);
      if (i == -1 && rt_error_occurred ())
        return NULL;
      return sequence_get_item (obj, i);
    }
  if (rt_is_type (obj))
    {
      RtObject *meth = NULL, *res;
      if (rt_lookup_attr (obj, rt_id (RT_ID___class_getitem__), &meth) < 0)
        return NULL;
      if (meth != NULL && meth != RT_NONE)
        {
          res = rt_call_one (meth, key);
          rt_decref (meth);
          return res;
        }
      rt_xdecref (meth);
      rt_error_format (&rt_exc_TypeError, "type '%s' is not subscriptable", ((RtType *) obj)->name);
      return NULL;
    }
  rt_error_format (&rt_exc_TypeError, "'%s' object is not subscriptable", RT_TYPE (obj)->name);
  return NULL;
}

/* value NULL: delete (PySequence_SetItem and PySequence_DelItem). */
static int
sequence_set_item (RtObject *s, int64_t i, RtObject *value)
{
  const RtSequenceMethods *m = RT_TYPE (s)->sequence;

  if (m != NULL && m->ass_item != NULL)
    {
      if (i < 0 && m->length != NULL)
        {
          int64_t l = m->length (s);
          if (l < 0)
            return -1;
          i += l;
        }
      return m->ass_item (s, i, value);
    }
  if (RT_TYPE (s)->mapping != NULL && RT_TYPE (s)->mapping->ass_subscript != NULL)
    rt_error_format (&rt_exc_TypeError, "%s is not a sequence", RT_TYPE (s)->name);
  else if (value != NULL)
    rt_error_format (&rt_exc_TypeError, "'%s' object does not support item assignment",
                     RT_TYPE (s)->name);
  else
    rt_error_format (&rt_exc_TypeError, "'%s' object doesn't support item deletion",
                     RT_TYPE (s)->name);
  return -1;
}

static int
set_or_del_item (RtObject *obj, RtObject *key, RtObject *value)
{
  const RtMappingMethods *m = RT_TYPE (obj)->mapping;
  const RtSequenceMethods *ms = RT_TYPE (obj)->sequence;

  if (m != NULL && m->ass_subscript != NULL)
    return m->ass_subscript (obj, key, value);
  if (ms != NULL)
    {
      if (index_check (key))
        {
          int64_t i = as_ssize_err (key, &rt_exc_IndexError);
          if (i == -1 && rt_error_occurred ())
            return -1;
          return sequence_set_item (obj, i, value);
        }
      if (ms->ass_item != NULL)
        {
          rt_error_format (&rt_exc_TypeError, "sequence index must be integer, not '%s'",
                           RT_TYPE (key)->name);
          return -1;
        }
    }
  rt_error_format (&rt_exc_TypeError,
                   value != NULL ? "'%s' object does not support item assignment"
                                 : "'%s' object does not support item deletion",
                   RT_TYPE (obj)->name);
  return -1;
}

int
rt_setitem (RtObject *obj, RtObject *key, RtObject *value)
{
  return set_or_del_item (obj, key, value);
}

int
rt_delitem (RtObject *obj, RtObject *key)
{
  return set_or_del_item (obj, key, NULL);
}

int64_t
rt_length (RtObject *obj)
{
  const RtSequenceMethods *m = RT_TYPE (obj)->sequence;
  const RtMappingMethods *mm = RT_TYPE (obj)->mapping;

  if (m != NULL && m->length != NULL)
    return m->length (obj);
  if (mm != NULL && mm->length != NULL)
    return mm->length (obj);
  rt_error_format (&rt_exc_TypeError, "object of type '%s' has no len()", RT_TYPE (obj)->name);
  return -1;
}

int
rt_contains (RtObject *container, RtObject *item)
{
  const RtSequenceMethods *m = RT_TYPE (container)->sequence;
  RtObject *it, *x;
  int result = 0;

  if (m != NULL && m->contains != NULL)
    return m->contains (container, item);
  /* Search by iteration (_PySequence_IterSearch). */
  it = rt_iter (container);
  if (it == NULL)
    {
      if (rt_error_matches (&rt_exc_TypeError))
        rt_error_format (&rt_exc_TypeError, "argument of type '%s' is not iterable",
                         RT_TYPE (container)->name);
      return -1;
    }
  while ((x = rt_iter_next (it)) != NULL)
    {
      int cmp = rt_richcompare_bool (x, item, RT_EQ);
      rt_decref (x);
      if (cmp != 0)
        {
          result = cmp;
          break;
        }
    }
  if (result == 0 && rt_error_occurred ())
    result = -1;
  rt_decref (it);
  return result;
}

/* Iteration. */

static bool
iter_check (RtObject *obj)
{
  return RT_TYPE (obj)->iternext != NULL;
}

RtObject *
rt_iter (RtObject *obj)
{
  RtType *t = RT_TYPE (obj);
  RtObject *res;

  if (t->iter == NULL)
    {
      /* Anything with an item slot iterates by index, but not dicts. */
      if (!rt_is_dict (obj) && t->sequence != NULL && t->sequence->item != NULL)
        return rt_seq_iter_new (obj);
      rt_error_format (&rt_exc_TypeError, "'%s' object is not iterable", t->name);
      return NULL;
    }
  res = t->iter (obj);
  if (res != NULL && !iter_check (res))
    {
      rt_error_format (&rt_exc_TypeError, "iter() returned non-iterator of type '%s'",
                       RT_TYPE (res)->name);
      RT_CLEAR (res);
    }
  return res;
}

RtObject *
rt_iter_next (RtObject *iterator)
{
  RtUnaryFn next = RT_TYPE (iterator)->iternext;
  RtObject *res;

  if (next == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "'%s' object is not an iterator",
                       RT_TYPE (iterator)->name);
      return NULL;
    }
  res = next (iterator);
  if (res == NULL && rt_error_matches (&rt_exc_StopIteration))
    rt_error_clear ();
  return res;
}

/* isinstance and issubclass. */

static int
object_isinstance (RtObject *inst, RtObject *cls)
{
  RtObject *icls = NULL;
  int r;

  if (!rt_is_type (cls))
    {
      rt_error_format (&rt_exc_TypeError,
                       "isinstance() arg 2 must be a type, a tuple of types, or a union");
      return -1;
    }
  if (rt_is_instance_of (inst, (RtType *) cls))
    return 1;
  /* A proxy may claim another class through __class__. */
  r = rt_lookup_attr (inst, rt_id (RT_ID___class__), &icls);
  if (r <= 0)
    return r;
  r = icls != (RtObject *) RT_TYPE (inst) && rt_is_type (icls)
      && rt_type_is_subtype ((RtType *) icls, (RtType *) cls);
  rt_decref (icls);
  return r;
}

static int
recursive_isinstance (RtObject *inst, RtObject *cls, bool sub)
{
  RtObject *checker;
  int r;

  if (!sub && RT_TYPE (inst) == (RtType *) cls)
    return 1;
  if (sub && rt_is_type (cls) && RT_TYPE (cls) == &rt_type_type && rt_is_type (inst))
    return rt_type_is_subtype ((RtType *) inst, (RtType *) cls);
  if (!sub && rt_is_type (cls) && RT_TYPE (cls) == &rt_type_type)
    return object_isinstance (inst, cls);
  if (rt_is_tuple (cls))
    {
      if (rt_recursion_enter (sub ? " in __subclasscheck__" : " in __instancecheck__") < 0)
        return -1;
      r = 0;
      for (int64_t i = 0; i < RT_TUPLE_SIZE (cls) && r == 0; i++)
        r = recursive_isinstance (inst, RT_TUPLE_ITEMS (cls)[i], sub);
      rt_recursion_leave ();
      return r;
    }
  checker = rt_lookup_special (cls, rt_id (sub ? RT_ID___subclasscheck__
                                                : RT_ID___instancecheck__));
  if (checker != NULL)
    {
      RtObject *res;
      if (rt_recursion_enter (sub ? " in __subclasscheck__" : " in __instancecheck__") < 0)
        {
          rt_decref (checker);
          return -1;
        }
      res = rt_call_one (checker, inst);
      rt_recursion_leave ();
      rt_decref (checker);
      if (res == NULL)
        return -1;
      r = rt_is_true (res);
      rt_decref (res);
      return r;
    }
  if (rt_error_occurred ())
    return -1;
  if (sub)
    {
      if (!rt_is_type (inst))
        rt_error_format (&rt_exc_TypeError, "issubclass() arg 1 must be a class");
      else
        rt_error_format (&rt_exc_TypeError,
                         "issubclass() arg 2 must be a class, a tuple of classes, or a union");
      return -1;
    }
  return object_isinstance (inst, cls);
}

int
rt_isinstance (RtObject *obj, RtObject *cls)
{
  return recursive_isinstance (obj, cls, false);
}

int
rt_issubclass (RtObject *derived, RtObject *cls)
{
  if (rt_is_type (cls) && RT_TYPE (cls) == &rt_type_type && !rt_is_type (derived))
    {
      rt_error_format (&rt_exc_TypeError, "issubclass() arg 1 must be a class");
      return -1;
    }
  return recursive_isinstance (derived, cls, true);
}

RtObject *
rt_number_index (RtObject *obj)
{
  RtObject *result;

  if (rt_is_int (obj))
    return rt_newref (obj);
  if (!index_check (obj))
    {
      rt_error_format (&rt_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                       RT_TYPE (obj)->name);
      return NULL;
    }
  result = RT_TYPE (obj)->number->index (obj);
  if (result == NULL || RT_TYPE (result) == &rt_int_type)
    return result;
  if (!rt_is_int (result))
    {
      rt_error_format (&rt_exc_TypeError, "__index__ returned non-int (type %s)",
                       RT_TYPE (result)->name);
      RT_CLEAR (result);
    }
  return result;
}

int64_t
rt_as_ssize (RtObject *obj)
{
  return as_ssize_err (obj, &rt_exc_OverflowError);
}

/* The repr guard: the objects being printed, innermost last. The runtime
 * is single-threaded, so one list serves (Py_ReprEnter). */

#define REPR_STATIC 64
static RtObject *repr_static[REPR_STATIC];
static RtObject **repr_stack = repr_static;
static size_t repr_depth, repr_cap = REPR_STATIC;

int
rt_repr_enter (RtObject *obj)
{
  for (size_t i = repr_depth; i-- > 0;)
    if (repr_stack[i] == obj)
      return 1;
  if (repr_depth == repr_cap)
    {
      size_t cap = repr_cap * 2;
      RtObject **grown = malloc (cap * sizeof *grown);
      if (grown == NULL)
        {
          rt_error_no_memory ();
          return -1;
        }
      memcpy (grown, repr_stack, repr_depth * sizeof *grown);
      if (repr_stack != repr_static)
        free (repr_stack);
      repr_stack = grown;
      repr_cap = cap;
    }
  repr_stack[repr_depth++] = obj;
  return 0;
}

void
rt_repr_leave (RtObject *obj)
{
  for (size_t i = repr_depth; i-- > 0;)
    if (repr_stack[i] == obj)
      {
        memmove (&repr_stack[i], &repr_stack[i + 1], (repr_depth - i - 1) * sizeof *repr_stack);
        repr_depth--;
        break;
      }
  if (repr_depth == 0 && repr_stack != repr_static)
    {
      free (repr_stack);
      repr_stack = repr_static;
      repr_cap = REPR_STATIC;
    }
}

/* The depth counter shared by Python calls and C recursion. */

static int recursion_depth;
static int recursion_limit = 1000;
static int recursion_headroom;
/* The deepest C stack address the runtime may use on the running thread;
 * 0 means unchecked. However high the limit is set, deep recursion then
 * ends in RecursionError rather than a crash. */
static uintptr_t stack_limit;

void
rt_set_stack_limit (uintptr_t lowest)
{
  stack_limit = lowest;
}

int
rt_recursion_enter (const char *where)
{
  char here;

  if (recursion_depth >= recursion_limit
      || (stack_limit != 0 && (uintptr_t) &here < stack_limit && recursion_headroom == 0))
    {
      /* Raising the RecursionError calls the class: that may go 50 deeper
       * (CPython's recursion_headroom). */
      if (recursion_headroom > 0)
        {
          if (recursion_depth >= recursion_limit + 50)
            {
              /* CPython gives up here: "Cannot recover from stack overflow". */
              if (!rt_error_occurred ())
                rt_error_no_memory ();
              return -1;
            }
          recursion_depth++;
          return 0;
        }
      recursion_headroom++;
      rt_error_format (&rt_exc_RecursionError, "maximum recursion depth exceeded%s", where);
      recursion_headroom--;
      return -1;
    }
  recursion_depth++;
  return 0;
}

void
rt_recursion_leave (void)
{
  recursion_depth--;
}

int
rt_recursion_limit (void)
{
  return recursion_limit;
}

void
rt_set_recursion_limit (int limit)
{
  recursion_limit = limit;
}

int
rt_recursion_depth (void)
{
  return recursion_depth;
}
