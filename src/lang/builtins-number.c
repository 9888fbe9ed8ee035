/* builtins-number.c: the numeric built-in functions: bin, hex, oct, divmod,
 * pow, round, sum, min and max, as CPython 3.11's bltinmodule.c computes
 * them, fast paths and messages included. */
#include "builtins-private.h"

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/error.h"
#include "runtime/float.h"
#include "runtime/int.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"


static bool
is_number (RtObject *obj)
{
  return rt_is_int (obj) || rt_is_float (obj);
}

/* bin(), oct(), hex(): PyNumber_ToBase. */
static RtObject *
to_base (const char *name, RtObject *const *args, size_t nargs, RtObject *kwnames, int base)
{
  RtObject *index, *result;

  if (!lang_args_o (name, nargs, kwnames))
    return NULL;
  index = rt_number_index (args[0]);
  if (index == NULL)
    return NULL;
  result = rt_int_to_base (index, base);
  rt_decref (index);
  return result;
}

RtObject *
lang_builtin_bin (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return to_base ("bin", args, nargs, kwnames, 2);
}

RtObject *
lang_builtin_oct (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return to_base ("oct", args, nargs, kwnames, 8);
}

RtObject *
lang_builtin_hex (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return to_base ("hex", args, nargs, kwnames, 16);
}

/* divmod(a, b) for ints and floats; NotImplemented for anything else. */
static RtObject *
numeric_divmod (RtObject *a, RtObject *b)
{
  if (rt_is_int (a) && rt_is_int (b))
    return rt_int_divmod (a, b);
  if (rt_is_float (a) || rt_is_float (b))
    return rt_float_divmod (a, b);
  return rt_newref (RT_NOT_IMPLEMENTED);
}

/* One operand's side of divmod: self's __divmod__ (reflected: its
 * __rdivmod__, with other first) if its class defines one, else the numeric
 * rule. NotImplemented (a new reference) when that side cannot do it. */
static RtObject *
divmod_side (RtObject *self, RtObject *other, bool reflected)
{
  RtObject *method = lang_lookup_special (self, reflected ? "__rdivmod__" : "__divmod__");
  RtObject *result;

  if (method == NULL)
    {
      if (rt_error_occurred ())
        return NULL;
      return reflected ? numeric_divmod (other, self) : numeric_divmod (self, other);
    }
  result = rt_call_one (method, other);
  rt_decref (method);
  return result;
}

/* divmod(a, b), dispatched as binary_op1: the right operand goes first
 * when its class is a subclass of the left one's. */
RtObject *
lang_builtin_divmod (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *a, *b, *result;
  bool right_first;

  if (!lang_args_no_kw ("divmod", kwnames) || !lang_args_positional ("divmod", nargs, 2, 2))
    return NULL;
  a = args[0];
  b = args[1];
  right_first = RT_TYPE (a) != RT_TYPE (b) && rt_type_is_subtype (RT_TYPE (b), RT_TYPE (a))
                && rt_type_lookup_cstr (RT_TYPE (b), "__rdivmod__") != NULL;
  if (right_first)
    {
      result = divmod_side (b, a, true);
      if (result != RT_NOT_IMPLEMENTED)
        return result;
      rt_decref (result);
    }
  result = divmod_side (a, b, false);
  if (result != RT_NOT_IMPLEMENTED)
    return result;
  rt_decref (result);
  if (!right_first && RT_TYPE (a) != RT_TYPE (b))
    {
      result = divmod_side (b, a, true);
      if (result != RT_NOT_IMPLEMENTED)
        return result;
      rt_decref (result);
    }
  rt_error_format (&rt_exc_TypeError, "unsupported operand type(s) for divmod(): '%T' and '%T'",
                   a, b);
  return NULL;
}

/* pow(base, exp, mod=None) */
RtObject *
lang_builtin_pow (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keywords[] = { "base", "exp", "mod", NULL };
  static const LangArgSpec spec = { "pow", keywords, 2, 3 };
  RtObject *argv[3], *base, *exp, *mod;

  if (!lang_args_unpack (&spec, args, nargs, kwnames, argv))
    return NULL;
  base = argv[0];
  exp = argv[1];
  mod = argv[2];
  if (mod == NULL || mod == RT_NONE)
    return rt_binary_op (base, exp, RT_OP_POWER);
  if (rt_is_int (base) && rt_is_int (exp) && rt_is_int (mod))
    return rt_int_pow_mod (base, exp, mod);

  /* A class's own three-argument __pow__ (slot_nb_power). */
  if (RT_TYPE_HAS (RT_TYPE (base), RT_TPFLAG_HEAPTYPE))
    {
      RtObject *method = lang_lookup_special (base, "__pow__"), *result;
      if (method == NULL && rt_error_occurred ())
        return NULL;
      if (method != NULL)
        {
          RtObject *pair[2] = { exp, mod };
          result = rt_call (method, pair, 2, NULL);
          rt_decref (method);
          if (result != RT_NOT_IMPLEMENTED)
            return result;
          rt_decref (result);
        }
    }
  /* float_pow is reached when any of the three is a float, and refuses a
   * modulus once it has converted base and exponent. */
  if (is_number (base) && is_number (exp)
      && (rt_is_float (base) || rt_is_float (exp) || rt_is_float (mod)))
    rt_error_format (&rt_exc_TypeError,
                     "pow() 3rd argument not allowed unless all arguments are integers");
  else
    rt_error_format (&rt_exc_TypeError,
                     "unsupported operand type(s) for ** or pow(): '%T', '%T', '%T'", base,
                     exp, mod);
  return NULL;
}

/* round(number, ndigits=None): number's __round__. */
RtObject *
lang_builtin_round (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keywords[] = { "number", "ndigits", NULL };
  static const LangArgSpec spec = { "round", keywords, 1, 2 };
  RtObject *argv[2], *method, *result;

  if (!lang_args_unpack (&spec, args, nargs, kwnames, argv))
    return NULL;
  method = lang_lookup_special (argv[0], "__round__");
  if (method == NULL)
    {
      if (rt_error_occurred ())
        return NULL;
      /* float defines __round__; this only covers a runtime without it. */
      if (rt_is_float (argv[0]))
        return rt_float_round (argv[0], argv[1]);
      rt_error_format (&rt_exc_TypeError, "type %s doesn't define __round__ method",
                       rt_type_name (RT_TYPE (argv[0])));
      return NULL;
    }
  if (argv[1] == NULL || argv[1] == RT_NONE)
    result = rt_call_noargs (method);
  else
    result = rt_call_one (method, argv[1]);
  rt_decref (method);
  return result;
}

/* The value of an int that fits in 64 bits, as PyLong_AsLongAndOverflow. */
static bool
small_int_value (RtObject *item, int64_t *value)
{
  return rt_int_to_i64 (item, value);
}

/* sum(iterable, /, start=0): ints summed in a C integer and floats in a
 * double while the items allow, then generic addition, exactly as 3.11
 * does (no compensated float summation before 3.12). */
RtObject *
lang_builtin_sum (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keywords[] = { "", "start", NULL };
  static const LangArgSpec spec = { "sum", keywords, 1, 2 };
  RtObject *argv[2], *it, *result, *item = NULL;

  if (!lang_args_unpack (&spec, args, nargs, kwnames, argv))
    return NULL;
  it = rt_iter (argv[0]);
  if (it == NULL)
    return NULL;
  if (argv[1] == NULL)
    result = rt_int_from_i64 (0);
  else
    {
      if (rt_is_str (argv[1]))
        {
          rt_error_format (&rt_exc_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
          rt_decref (it);
          return NULL;
        }
      result = rt_newref (argv[1]);
    }
  if (result == NULL)
    goto fail;

  if (RT_TYPE (result) == &rt_int_type)
    {
      int64_t total;

      if (small_int_value (result, &total))
        {
          RT_CLEAR (result);
          while (result == NULL)
            {
              int64_t b;

              item = rt_iter_next (it);
              if (item == NULL)
                {
                  rt_decref (it);
                  if (rt_error_occurred ())
                    return NULL;
                  return rt_int_from_i64 (total);
                }
              if ((RT_TYPE (item) == &rt_int_type || RT_TYPE (item) == &rt_bool_type)
                  && small_int_value (item, &b)
                  && (total >= 0 ? b <= INT64_MAX - total : b >= INT64_MIN - total))
                {
                  total += b;
                  RT_CLEAR (item);
                  continue;
                }
              /* Overflow, or not an int: back to objects. */
              result = rt_int_from_i64 (total);
              if (result != NULL)
                RT_SETREF (result, rt_binary_op (result, item, RT_OP_ADD));
              RT_CLEAR (item);
              if (result == NULL)
                goto fail;
            }
        }
    }

  if (RT_TYPE (result) == &rt_float_type)
    {
      double total = rt_float_value (result);

      RT_CLEAR (result);
      while (result == NULL)
        {
          int64_t value;

          item = rt_iter_next (it);
          if (item == NULL)
            {
              rt_decref (it);
              if (rt_error_occurred ())
                return NULL;
              return rt_float_new (total);
            }
          if (RT_TYPE (item) == &rt_float_type)
            {
              total += rt_float_value (item);
              RT_CLEAR (item);
              continue;
            }
          if (rt_is_int (item) && small_int_value (item, &value))
            {
              total += (double) value;
              RT_CLEAR (item);
              continue;
            }
          result = rt_float_new (total);
          if (result != NULL)
            RT_SETREF (result, rt_binary_op (result, item, RT_OP_ADD));
          RT_CLEAR (item);
          if (result == NULL)
            goto fail;
        }
    }

  for (;;)
    {
      item = rt_iter_next (it);
      if (item == NULL)
        {
          if (rt_error_occurred ())
            RT_CLEAR (result);
          break;
        }
      /* Not in place: sum(lists, start) must leave start alone (bpo-18305). */
      RT_SETREF (result, rt_binary_op (result, item, RT_OP_ADD));
      RT_CLEAR (item);
      if (result == NULL)
        break;
    }
  rt_decref (it);
  return result;

fail:
  rt_decref (it);
  return NULL;
}

/* min() and max(), min_max of bltinmodule.c. CPython declares them
 * METH_VARARGS | METH_KEYWORDS: the argument tuple (and the keyword dict)
 * it builds are allocations, and the tuple is what several positional
 * arguments are iterated from. */
static RtObject *
min_max (RtObject *const *args, size_t nargs, RtObject *kwnames, int op)
{
  const char *name = op == RT_LT ? "min" : "max";
  RtObject *argtuple, *kwargs = NULL, *it = NULL;
  RtObject *keyfunc = NULL, *defaultval = NULL;
  RtObject *maxitem = NULL, *maxval = NULL, *result = NULL;
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;

  argtuple = lang_args_as_tuple (args, nargs);
  if (argtuple == NULL)
    return NULL;
  kwargs = lang_kwargs_as_dict (args, nargs, kwnames);
  if (kwargs == NULL && rt_error_occurred ())
    goto out;

  if (nargs == 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s expected at least 1 argument, got 0", name);
      goto out;
    }
  for (size_t i = 0; i < nkw; i++)
    {
      RtObject *keyword = RT_TUPLE_ITEMS (kwnames)[i];
      if (rt_str_equal_cstr (keyword, "key"))
        keyfunc = args[nargs + i];
      else if (rt_str_equal_cstr (keyword, "default"))
        defaultval = args[nargs + i];
      else
        {
          rt_error_format (&rt_exc_TypeError, "'%S' is an invalid keyword argument for %s()",
                           keyword, name);
          goto out;
        }
    }
  if (nargs > 1 && defaultval != NULL)
    {
      rt_error_format (&rt_exc_TypeError,
                       "Cannot specify a default for %s() with multiple positional arguments",
                       name);
      goto out;
    }

  it = rt_iter (nargs > 1 ? argtuple : args[0]);
  if (it == NULL)
    goto out;
  if (keyfunc == RT_NONE)
    keyfunc = NULL;

  for (;;)
    {
      RtObject *item = rt_iter_next (it), *val;
      int cmp;

      if (item == NULL)
        {
          if (rt_error_occurred ())
            goto out;
          break;
        }
      if (keyfunc != NULL)
        {
          val = rt_call_one (keyfunc, item);
          if (val == NULL)
            {
              rt_decref (item);
              goto out;
            }
        }
      else
        val = rt_newref (item);

      if (maxval == NULL)
        {
          maxitem = item;
          maxval = val;
          continue;
        }
      cmp = rt_richcompare_bool (val, maxval, op);
      if (cmp > 0)
        {
          RT_SETREF (maxval, val);
          RT_SETREF (maxitem, item);
          continue;
        }
      rt_decref (item);
      rt_decref (val);
      if (cmp < 0)
        goto out;
    }

  if (maxval == NULL)
    {
      if (defaultval != NULL)
        result = rt_newref (defaultval);
      else
        rt_error_format (&rt_exc_ValueError, "%s() arg is an empty sequence", name);
    }
  else
    result = rt_newref (maxitem);

out:
  rt_xdecref (maxval);
  rt_xdecref (maxitem);
  rt_xdecref (it);
  rt_xdecref (kwargs);
  rt_decref (argtuple);
  return result;
}

RtObject *
lang_builtin_min (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return min_max (args, nargs, kwnames, RT_LT);
}

RtObject *
lang_builtin_max (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return min_max (args, nargs, kwnames, RT_GT);
}
