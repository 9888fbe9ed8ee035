/* builtins.c: the `builtins` module: the built-in functions of CPython
 * 3.11's Python/bltinmodule.c that the language supports, the built-in types
 * and exceptions under their Python names, and the constants. The numeric
 * functions live in builtins-number.c, map and filter in builtins-iter.c. */
#include "builtins-private.h"
#include "interp.h"

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/range.h"
#include "runtime/set.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#include <string.h>

/* Iterates obj, calling fn on each item (borrowed) until fn returns
 * nonzero: 1 stops with that result, -1 is an error. Returns 0 when the
 * iterable is exhausted, the stopping value, or -1 with an error set. */
static int
for_each (RtObject *iterable, int (*fn) (RtObject *item, void *arg), void *arg)
{
  RtObject *it = rt_iter (iterable);
  int result = 0;

  if (it == NULL)
    return -1;
  for (;;)
    {
      RtObject *item = rt_iter_next (it);
      if (item == NULL)
        {
          if (rt_error_occurred ())
            result = -1;
          break;
        }
      result = fn (item, arg);
      rt_decref (item);
      if (result != 0)
        break;
    }
  rt_decref (it);
  return result;
}

/* abs(x) */
static RtObject *
builtin_abs (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_o ("abs", nargs, kwnames))
    return NULL;
  return rt_absolute (args[0]);
}

/* all() stops at the first false item, any() at the first true one. */
static int
stop_if_false (RtObject *item, void *arg)
{
  int truth = rt_is_true (item);
  return truth < 0 ? -1 : !truth;
}

static int
stop_if_true (RtObject *item, void *arg)
{
  return rt_is_true (item);
}

static RtObject *
builtin_all (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int stopped;

  if (!lang_args_o ("all", nargs, kwnames))
    return NULL;
  stopped = for_each (args[0], stop_if_false, NULL);
  if (stopped < 0)
    return NULL;
  return rt_bool_new (!stopped);
}

static RtObject *
builtin_any (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int stopped;

  if (!lang_args_o ("any", nargs, kwnames))
    return NULL;
  stopped = for_each (args[0], stop_if_true, NULL);
  if (stopped < 0)
    return NULL;
  return rt_bool_new (stopped);
}

/* callable(obj) */
static RtObject *
builtin_callable (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_o ("callable", nargs, kwnames))
    return NULL;
  return rt_bool_new (RT_TYPE (args[0])->call != NULL);
}

/* PyObject_GetAttr and friends refuse names that are not strs. */
static bool
check_attr_name (RtObject *name)
{
  if (!rt_is_str (name))
    {
      rt_error_format (&rt_exc_TypeError, "attribute name must be string, not '%T'", name);
      return false;
    }
  return true;
}

/* delattr(obj, name) */
static RtObject *
builtin_delattr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_no_kw ("delattr", kwnames) || !lang_args_positional ("delattr", nargs, 2, 2)
      || !check_attr_name (args[1]))
    return NULL;
  if (rt_setattr (args[0], args[1], NULL) < 0)
    return NULL;
  return rt_none_new ();
}

/* The keys of a dict, or of any mapping through keys(), as a new list. */
static RtObject *
mapping_keys (RtObject *mapping)
{
  RtObject *keys, *list;

  if (rt_is_dict (mapping))
    return rt_dict_keys_list (mapping);
  keys = rt_call_method (mapping, "keys", NULL, 0);
  if (keys == NULL)
    return NULL;
  list = rt_list_from_iterable (keys);
  rt_decref (keys);
  return list;
}

/* dir([obj]): METH_VARARGS in CPython, so its argument tuple is built. */
static RtObject *
builtin_dir (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *argtuple, *kwargs = NULL, *names = NULL, *result = NULL;

  argtuple = lang_args_as_tuple (args, nargs);
  if (argtuple == NULL)
    return NULL;
  kwargs = lang_kwargs_as_dict (args, nargs, kwnames);
  if (kwargs == NULL && rt_error_occurred ())
    goto out;
  if (!lang_args_no_kw ("dir", kwnames) || !lang_args_positional ("dir", nargs, 0, 1))
    goto out;

  if (nargs == 0)
    {
      RtObject *locals = lang_current_locals ();
      if (locals == NULL)
        goto out;
      names = mapping_keys (locals);
      rt_decref (locals);
    }
  else
    {
      RtObject *dirfunc = lang_lookup_special (args[0], "__dir__"), *seq;

      if (dirfunc != NULL)
        {
          seq = rt_call_noargs (dirfunc);
          rt_decref (dirfunc);
        }
      else
        {
          /* object defines __dir__, so only a broken type gets here. */
          if (!rt_error_occurred ())
            rt_error_format (&rt_exc_TypeError, "object does not provide __dir__");
          goto out;
        }
      if (seq == NULL)
        goto out;
      names = rt_list_from_iterable (seq);
      rt_decref (seq);
    }
  if (names == NULL || rt_list_sort (names, NULL, false) < 0)
    goto out;
  result = rt_newref (names);

out:
  rt_xdecref (names);
  rt_xdecref (kwargs);
  rt_decref (argtuple);
  return result;
}

/* format(value, format_spec='') */
static RtObject *
builtin_format (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *spec, *result;

  if (!lang_args_no_kw ("format", kwnames) || !lang_args_positional ("format", nargs, 1, 2))
    return NULL;
  if (nargs == 2)
    {
      if (!rt_is_str (args[1]))
        {
          rt_error_format (&rt_exc_TypeError, "format() argument 2 must be str, not %T", args[1]);
          return NULL;
        }
      return rt_format (args[0], args[1]);
    }
  spec = rt_str_new ("", 0);
  if (spec == NULL)
    return NULL;
  result = rt_format (args[0], spec);
  rt_decref (spec);
  return result;
}

/* getattr(obj, name[, default]) */
static RtObject *
builtin_getattr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *result;

  if (!lang_args_no_kw ("getattr", kwnames) || !lang_args_positional ("getattr", nargs, 2, 3)
      || !check_attr_name (args[1]))
    return NULL;
  if (nargs == 2)
    return rt_getattr (args[0], args[1]);
  switch (rt_lookup_attr (args[0], args[1], &result))
    {
    case 1:
      return result;
    case 0:
      return rt_newref (args[2]);
    default:
      return NULL;
    }
}

/* globals(): the running frame's globals, a new reference. */
static RtObject *
builtin_globals (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *globals;

  if (!lang_args_noargs ("globals", nargs, kwnames))
    return NULL;
  globals = lang_current_globals ();
  return rt_newref (globals != NULL ? globals : RT_NONE);
}

/* hasattr(obj, name) */
static RtObject *
builtin_hasattr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *value;
  int found;

  if (!lang_args_no_kw ("hasattr", kwnames) || !lang_args_positional ("hasattr", nargs, 2, 2)
      || !check_attr_name (args[1]))
    return NULL;
  found = rt_lookup_attr (args[0], args[1], &value);
  if (found < 0)
    return NULL;
  if (found)
    rt_decref (value);
  return rt_bool_new (found);
}

/* hash(obj) */
static RtObject *
builtin_hash (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtHash hash;

  if (!lang_args_o ("hash", nargs, kwnames))
    return NULL;
  hash = rt_hash (args[0]);
  if (hash == -1)
    return NULL;
  return rt_int_from_i64 (hash);
}

/* id(obj) */
static RtObject *
builtin_id (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_o ("id", nargs, kwnames))
    return NULL;
  return rt_int_from_u64 (rt_object_id (args[0]));
}

/* isinstance(obj, cls) and issubclass(cls, base): the runtime does the
 * work, tuples and __instancecheck__ included. */
static RtObject *
builtin_isinstance (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int result;

  if (!lang_args_no_kw ("isinstance", kwnames)
      || !lang_args_positional ("isinstance", nargs, 2, 2))
    return NULL;
  result = rt_isinstance (args[0], args[1]);
  return result < 0 ? NULL : rt_bool_new (result);
}

static RtObject *
builtin_issubclass (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int result;

  if (!lang_args_no_kw ("issubclass", kwnames)
      || !lang_args_positional ("issubclass", nargs, 2, 2))
    return NULL;
  result = rt_issubclass (args[0], args[1]);
  return result < 0 ? NULL : rt_bool_new (result);
}

/* iter(obj) and iter(callable, sentinel) */
static RtObject *
builtin_iter (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_no_kw ("iter", kwnames) || !lang_args_positional ("iter", nargs, 1, 2))
    return NULL;
  if (nargs == 1)
    return rt_iter (args[0]);
  if (RT_TYPE (args[0])->call == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "iter(v, w): v must be callable");
      return NULL;
    }
  return rt_callable_iter_new (args[0], args[1]);
}

/* len(obj) */
static RtObject *
builtin_len (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t length;

  if (!lang_args_o ("len", nargs, kwnames))
    return NULL;
  length = rt_length (args[0]);
  if (length < 0)
    return NULL;
  return rt_int_from_i64 (length);
}

/* locals() */
static RtObject *
builtin_locals (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("locals", nargs, kwnames))
    return NULL;
  return lang_current_locals ();
}

/* next(iterator[, default]) */
static RtObject *
builtin_next (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *it, *result;

  if (!lang_args_no_kw ("next", kwnames) || !lang_args_positional ("next", nargs, 1, 2))
    return NULL;
  it = args[0];
  if (RT_TYPE (it)->iternext == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "'%T' object is not an iterator", it);
      return NULL;
    }
  result = RT_TYPE (it)->iternext (it);
  if (result != NULL)
    return result;
  if (nargs > 1)
    {
      if (rt_error_occurred ())
        {
          if (!rt_error_matches (&rt_exc_StopIteration))
            return NULL;
          rt_error_clear ();
        }
      return rt_newref (args[1]);
    }
  if (!rt_error_occurred ())
    rt_error_set_object (&rt_exc_StopIteration, NULL);
  return NULL;
}

/* The code point of a one-character str. */
static uint32_t
decode_code_point (const unsigned char *s)
{
  if (s[0] < 0x80)
    return s[0];
  if (s[0] < 0xE0)
    return ((uint32_t) (s[0] & 0x1F) << 6) | (s[1] & 0x3F);
  if (s[0] < 0xF0)
    return ((uint32_t) (s[0] & 0x0F) << 12) | ((uint32_t) (s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  return ((uint32_t) (s[0] & 0x07) << 18) | ((uint32_t) (s[1] & 0x3F) << 12)
         | ((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

/* ord(c) */
static RtObject *
builtin_ord (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *c;

  if (!lang_args_o ("ord", nargs, kwnames))
    return NULL;
  c = args[0];
  if (!rt_is_str (c))
    {
      rt_error_format (&rt_exc_TypeError, "ord() expected string of length 1, but %T found", c);
      return NULL;
    }
  if (rt_str_length (c) != 1)
    {
      rt_error_format (&rt_exc_TypeError,
                       "ord() expected a character, but string of length %lld found",
                       (long long) rt_str_length (c));
      return NULL;
    }
  return rt_int_from_i64 (decode_code_point ((const unsigned char *) rt_str_utf8 (c)));
}

/* chr(i) */
static RtObject *
builtin_chr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  unsigned char buf[4];
  size_t size;
  int cp;

  if (!lang_args_o ("chr", nargs, kwnames) || !lang_as_c_int (args[0], &cp))
    return NULL;
  if (cp < 0 || cp > 0x10FFFF)
    {
      rt_error_format (&rt_exc_ValueError, "chr() arg not in range(0x110000)");
      return NULL;
    }
  /* Lone surrogates get their three-byte form, as CPython's str holds them. */
  if (cp < 0x80)
    {
      buf[0] = (unsigned char) cp;
      size = 1;
    }
  else if (cp < 0x800)
    {
      buf[0] = (unsigned char) (0xC0 | (cp >> 6));
      buf[1] = (unsigned char) (0x80 | (cp & 0x3F));
      size = 2;
    }
  else if (cp < 0x10000)
    {
      buf[0] = (unsigned char) (0xE0 | (cp >> 12));
      buf[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
      buf[2] = (unsigned char) (0x80 | (cp & 0x3F));
      size = 3;
    }
  else
    {
      buf[0] = (unsigned char) (0xF0 | (cp >> 18));
      buf[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
      buf[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
      buf[3] = (unsigned char) (0x80 | (cp & 0x3F));
      size = 4;
    }
  return rt_str_new ((const char *) buf, size);
}

/* Writes text to file, or to the program's output when file is NULL. */
static bool
print_write (RtObject *file, RtObject *text)
{
  RtObject *result;

  if (file == NULL)
    {
      if (lang_output_write (rt_str_utf8 (text), (size_t) rt_str_size (text)))
        return true;
      return !rt_error_occurred ();
    }
  result = rt_call_method (file, "write", &text, 1);
  if (result == NULL)
    return false;
  rt_decref (result);
  return true;
}

/* Writes str(obj) to file. */
static bool
print_object (RtObject *file, RtObject *obj)
{
  RtObject *text = rt_str (obj);
  bool ok;

  if (text == NULL)
    return false;
  ok = print_write (file, text);
  rt_decref (text);
  return ok;
}

static bool
print_cstr (RtObject *file, const char *cstr)
{
  RtObject *text;
  bool ok;

  if (file == NULL)
    return lang_output_write (cstr, strlen (cstr)) || !rt_error_occurred ();
  text = rt_str_from_cstr (cstr);
  if (text == NULL)
    return false;
  ok = print_write (file, text);
  rt_decref (text);
  return ok;
}

/* print(*args, sep=' ', end='\n', file=None, flush=False): each argument
 * is written as soon as it is converted, as CPython writes it into
 * sys.stdout, so what came before a failing str() still shows. */
static RtObject *
builtin_print (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keywords[] = { "sep", "end", "file", "flush" };
  RtObject *kw[4] = { NULL, NULL, NULL, NULL };
  RtObject *varargs, *sep, *end, *file, *result = NULL;
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
  int flush = 0;

  /* Argument Clinic packs *args into a tuple before looking at keywords:
   * an allocation the collector counts, so it happens here too. With *args
   * taking any number of positionals, a keyword can only be unknown. */
  varargs = lang_args_as_tuple (args, nargs);
  if (varargs == NULL)
    return NULL;
  for (size_t i = 0; i < nkw; i++)
    {
      RtObject *keyword = RT_TUPLE_ITEMS (kwnames)[i];
      size_t k = 0;

      while (k < 4 && !rt_str_equal_cstr (keyword, keywords[k]))
        k++;
      if (k == 4)
        {
          rt_error_format (&rt_exc_TypeError, "'%S' is an invalid keyword argument for print()",
                           keyword);
          goto out;
        }
      kw[k] = args[nargs + i];
    }
  sep = kw[0] == RT_NONE ? NULL : kw[0];
  end = kw[1] == RT_NONE ? NULL : kw[1];
  file = kw[2] == RT_NONE ? NULL : kw[2];
  if (kw[3] != NULL && (flush = rt_is_true (kw[3])) < 0)
    goto out;
  if (sep != NULL && !rt_is_str (sep))
    {
      rt_error_format (&rt_exc_TypeError, "sep must be None or a string, not %T", sep);
      goto out;
    }
  if (end != NULL && !rt_is_str (end))
    {
      rt_error_format (&rt_exc_TypeError, "end must be None or a string, not %T", end);
      goto out;
    }

  if (file == NULL)
    {
      /* The program's output: one write per call, so that the output
       * event holds the whole line. */
      RtStrBuilder sb;
      RtObject *exc = NULL;
      bool written;

      rt_sb_init (&sb);
      for (size_t i = 0; i < nargs && exc == NULL; i++)
        {
          RtObject *text;
          if (i > 0)
            {
              if (sep != NULL)
                rt_sb_append_str (&sb, sep);
              else
                rt_sb_append (&sb, " ", 1);
            }
          text = rt_str (args[i]);
          if (text == NULL)
            exc = rt_error_fetch ();
          else
            {
              rt_sb_append_str (&sb, text);
              rt_decref (text);
            }
        }
      if (exc == NULL)
        {
          if (end != NULL)
            rt_sb_append_str (&sb, end);
          else
            rt_sb_append (&sb, "\n", 1);
        }
      if (sb.failed)
        {
          rt_sb_dispose (&sb);
          if (exc != NULL)
            rt_error_restore (exc);
          else
            rt_error_no_memory ();
          goto out;
        }
      /* What was converted before a failing str() still shows, as it
       * would from CPython's buffered sys.stdout. */
      written = sb.size == 0 || lang_output_write (sb.data, sb.size) || !rt_error_occurred ();
      rt_sb_dispose (&sb);
      if (exc != NULL)
        {
          rt_error_restore (exc);
          goto out;
        }
      if (!written)
        goto out;
    }
  else
    {
      RtObject *flushed;

      for (size_t i = 0; i < nargs; i++)
        {
          if (i > 0 && !(sep != NULL ? print_write (file, sep) : print_cstr (file, " ")))
            goto out;
          if (!print_object (file, args[i]))
            goto out;
        }
      if (!(end != NULL ? print_write (file, end) : print_cstr (file, "\n")))
        goto out;
      if (flush)
        {
          flushed = rt_call_method (file, "flush", NULL, 0);
          if (flushed == NULL)
            goto out;
          rt_decref (flushed);
        }
    }
  result = rt_none_new ();

out:
  rt_decref (varargs);
  return result;
}

/* repr(obj) */
static RtObject *
builtin_repr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_o ("repr", nargs, kwnames))
    return NULL;
  return rt_repr (args[0]);
}

/* setattr(obj, name, value) */
static RtObject *
builtin_setattr (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_no_kw ("setattr", kwnames) || !lang_args_positional ("setattr", nargs, 3, 3)
      || !check_attr_name (args[1]))
    return NULL;
  if (rt_setattr (args[0], args[1], args[2]) < 0)
    return NULL;
  return rt_none_new ();
}

/* sorted(iterable, /, *, key=None, reverse=False): a new list sorted by
 * its own sort method, which checks the keywords, as CPython does. */
static RtObject *
builtin_sorted (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *list, *sort = NULL, *done = NULL;

  if (!lang_args_positional ("sorted", nargs, 1, 1))
    return NULL;
  list = rt_list_from_iterable (args[0]);
  if (list == NULL)
    return NULL;
  sort = rt_getattr_cstr (list, "sort");
  if (sort == NULL)
    goto out;
  done = rt_call (sort, args + 1, 0, kwnames);

out:
  rt_xdecref (sort);
  if (done == NULL)
    {
      rt_decref (list);
      return NULL;
    }
  rt_decref (done);
  return list;
}

/* vars([obj]): METH_VARARGS in CPython. */
static RtObject *
builtin_vars (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *argtuple, *kwargs = NULL, *result = NULL;

  argtuple = lang_args_as_tuple (args, nargs);
  if (argtuple == NULL)
    return NULL;
  kwargs = lang_kwargs_as_dict (args, nargs, kwnames);
  if (kwargs == NULL && rt_error_occurred ())
    goto out;
  if (!lang_args_no_kw ("vars", kwnames) || !lang_args_positional ("vars", nargs, 0, 1))
    goto out;
  if (nargs == 0)
    {
      result = lang_current_locals ();
      goto out;
    }
  result = rt_getattr_cstr (args[0], "__dict__");
  if (result == NULL && rt_error_matches (&rt_exc_AttributeError))
    {
      rt_error_clear ();
      rt_error_format (&rt_exc_TypeError, "vars() argument must have __dict__ attribute");
    }

out:
  rt_xdecref (kwargs);
  rt_decref (argtuple);
  return result;
}

/* In the order of CPython's builtin_methods table. */
static const RtMethodDef builtin_functions[] = {
  { "abs", builtin_abs, 0 },
  { "all", builtin_all, 0 },
  { "any", builtin_any, 0 },
  { "bin", lang_builtin_bin, 0 },
  { "callable", builtin_callable, 0 },
  { "chr", builtin_chr, 0 },
  { "delattr", builtin_delattr, 0 },
  { "dir", builtin_dir, 0 },
  { "divmod", lang_builtin_divmod, 0 },
  { "format", builtin_format, 0 },
  { "getattr", builtin_getattr, 0 },
  { "globals", builtin_globals, 0 },
  { "hasattr", builtin_hasattr, 0 },
  { "hash", builtin_hash, 0 },
  { "hex", lang_builtin_hex, 0 },
  { "id", builtin_id, 0 },
  { "isinstance", builtin_isinstance, 0 },
  { "issubclass", builtin_issubclass, 0 },
  { "iter", builtin_iter, 0 },
  { "len", builtin_len, 0 },
  { "locals", builtin_locals, 0 },
  { "max", lang_builtin_max, 0 },
  { "min", lang_builtin_min, 0 },
  { "next", builtin_next, 0 },
  { "oct", lang_builtin_oct, 0 },
  { "ord", builtin_ord, 0 },
  { "pow", lang_builtin_pow, 0 },
  { "print", builtin_print, 0 },
  { "repr", builtin_repr, 0 },
  { "round", lang_builtin_round, 0 },
  { "setattr", builtin_setattr, 0 },
  { "sorted", builtin_sorted, 0 },
  { "sum", lang_builtin_sum, 0 },
  { "vars", builtin_vars, 0 },
  { NULL, NULL, 0 },
};

typedef struct
{
  const char *name;
  RtObject *object;
} BuiltinObject;

RtObject *
lang_builtins_module_new (void)
{
  /* The singletons and types, then the exceptions, in CPython's order. */
  const BuiltinObject objects[] = {
    { "None", RT_NONE },
    { "Ellipsis", RT_ELLIPSIS },
    { "NotImplemented", RT_NOT_IMPLEMENTED },
    { "False", RT_FALSE },
    { "True", RT_TRUE },
    { "bool", &rt_bool_type.ob },
    { "classmethod", &rt_classmethod_type.ob },
    { "dict", &rt_dict_type.ob },
    { "enumerate", &rt_enumerate_type.ob },
    { "filter", &lang_filter_type.ob },
    { "float", &rt_float_type.ob },
    { "frozenset", &rt_frozenset_type.ob },
    { "property", &rt_property_type.ob },
    { "int", &rt_int_type.ob },
    { "list", &rt_list_type.ob },
    { "map", &lang_map_type.ob },
    { "object", &rt_object_type.ob },
    { "range", &rt_range_type.ob },
    { "reversed", &rt_reversed_type.ob },
    { "set", &rt_set_type.ob },
    { "slice", &rt_slice_type.ob },
    { "staticmethod", &rt_staticmethod_type.ob },
    { "str", &rt_str_type.ob },
    { "super", &rt_super_type.ob },
    { "tuple", &rt_tuple_type.ob },
    { "type", &rt_type_type.ob },
    { "zip", &rt_zip_type.ob },
    { "__debug__", RT_TRUE },
    { "BaseException", &rt_exc_BaseException.ob },
    { "Exception", &rt_exc_Exception.ob },
    { "KeyboardInterrupt", &rt_exc_KeyboardInterrupt.ob },
    { "SystemExit", &rt_exc_SystemExit.ob },
    { "TypeError", &rt_exc_TypeError.ob },
    { "StopIteration", &rt_exc_StopIteration.ob },
    { "ImportError", &rt_exc_ImportError.ob },
    { "ModuleNotFoundError", &rt_exc_ModuleNotFoundError.ob },
    { "RuntimeError", &rt_exc_RuntimeError.ob },
    { "RecursionError", &rt_exc_RecursionError.ob },
    { "NotImplementedError", &rt_exc_NotImplementedError.ob },
    { "NameError", &rt_exc_NameError.ob },
    { "UnboundLocalError", &rt_exc_UnboundLocalError.ob },
    { "AttributeError", &rt_exc_AttributeError.ob },
    { "SyntaxError", &rt_exc_SyntaxError.ob },
    { "IndentationError", &rt_exc_IndentationError.ob },
    { "TabError", &rt_exc_TabError.ob },
    { "LookupError", &rt_exc_LookupError.ob },
    { "IndexError", &rt_exc_IndexError.ob },
    { "KeyError", &rt_exc_KeyError.ob },
    { "ValueError", &rt_exc_ValueError.ob },
    { "UnicodeError", &rt_exc_UnicodeError.ob },
    { "UnicodeDecodeError", &rt_exc_UnicodeDecodeError.ob },
    { "AssertionError", &rt_exc_AssertionError.ob },
    { "ArithmeticError", &rt_exc_ArithmeticError.ob },
    { "OverflowError", &rt_exc_OverflowError.ob },
    { "ZeroDivisionError", &rt_exc_ZeroDivisionError.ob },
    { "MemoryError", &rt_exc_MemoryError.ob },
    { "Warning", &rt_exc_Warning.ob },
  };
  RtObject *name, *module;

  if (!rt_type_ready (&lang_map_type) || !rt_type_ready (&lang_filter_type))
    return NULL;
  name = rt_str_intern_cstr ("builtins");
  if (name == NULL)
    return NULL;
  module = rt_module_new (name);
  rt_decref (name);
  if (module == NULL)
    return NULL;
  if (!lang_module_add_functions (module, builtin_functions, "builtins"))
    goto fail;
  for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++)
    if (!lang_module_add_object (module, objects[i].name, objects[i].object))
      goto fail;
  return module;

fail:
  rt_decref (module);
  return NULL;
}
