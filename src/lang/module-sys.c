/* module-sys.c: the `sys` module: reference counts, sizes, interning, the
 * recursion and int-digits limits, exit, argv, the version, and stdout and
 * stderr as objects with write(), as CPython 3.11's Python/sysmodule.c. */
#include "builtins-private.h"
#include "interp.h"

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/function.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#include <stdio.h>

/* sys.getrefcount(object, /): the count, which includes the reference the
 * caller's value stack holds for the argument, as in CPython. Programs
 * observe counts here, so the exact count is reported as an event too. */
static RtObject *
sys_getrefcount (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_o ("sys.getrefcount", nargs, kwnames))
    return NULL;
  if (rt_events_on ())
    rt_event_simple (RT_EV_REFCNT, args[0], 0, RT_REFCNT (args[0]), 0, 0);
  return rt_int_from_i64 (RT_REFCNT (args[0]));
}

/* _PySys_GetSizeOf: the type's own size, or what a class's __sizeof__
 * says plus the header CPython keeps before the object (the GC head, and
 * the managed-dict pointers of instances). -1 with an error set. */
static int64_t
object_size (RtObject *obj)
{
  RtType *type = RT_TYPE (obj);
  RtObject *found = rt_type_lookup_cstr (type, "__sizeof__"), *method, *res;
  int64_t size;

  if (found == NULL || RT_TYPE (found) != &rt_function_type)
    return (int64_t) rt_object_sizeof (obj);

  /* A __sizeof__ written in the program. */
  method = lang_lookup_special (obj, "__sizeof__");
  if (method == NULL)
    return -1;
  res = rt_call_noargs (method);
  rt_decref (method);
  if (res == NULL)
    return -1;
  if (!rt_is_int (res))
    {
      rt_error_format (&rt_exc_TypeError, "an integer is required");
      rt_decref (res);
      return -1;
    }
  if (!rt_int_to_i64 (res, &size))
    {
      rt_error_format (&rt_exc_OverflowError, "Python int too large to convert to C ssize_t");
      rt_decref (res);
      return -1;
    }
  rt_decref (res);
  if (size < 0)
    {
      rt_error_format (&rt_exc_ValueError, "__sizeof__() should return >= 0");
      return -1;
    }
  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    size += (int64_t) sizeof (RtGcHead);
  if (RT_TYPE_HAS (type, RT_TPFLAG_MANAGED_DICT))
    size += 2 * (int64_t) sizeof (void *);
  return size;
}

/* sys.getsizeof(object[, default]): METH_VARARGS | METH_KEYWORDS in
 * CPython, so its argument tuple (and keyword dict) are built. A TypeError
 * from __sizeof__ gives the default when there is one. */
static RtObject *
sys_getsizeof (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keywords[] = { "object", "default", NULL };
  static const LangArgSpec spec = { "getsizeof", keywords, 1, 2 };
  RtObject *argtuple, *kwargs = NULL, *argv[2], *result = NULL;
  int64_t size;

  argtuple = lang_args_as_tuple (args, nargs);
  if (argtuple == NULL)
    return NULL;
  kwargs = lang_kwargs_as_dict (args, nargs, kwnames);
  if (kwargs == NULL && rt_error_occurred ())
    goto out;
  if (!lang_args_unpack (&spec, args, nargs, kwnames, argv))
    goto out;
  size = object_size (argv[0]);
  if (size < 0)
    {
      if (argv[1] != NULL && rt_error_matches (&rt_exc_TypeError))
        {
          rt_error_clear ();
          result = rt_newref (argv[1]);
        }
      goto out;
    }
  result = rt_int_from_i64 (size);

out:
  rt_xdecref (kwargs);
  rt_decref (argtuple);
  return result;
}

/* sys.intern(string, /) */
static RtObject *
sys_intern (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *s;

  if (!lang_args_o ("sys.intern", nargs, kwnames))
    return NULL;
  s = args[0];
  if (!rt_is_str (s))
    {
      rt_error_format (&rt_exc_TypeError, "intern() argument must be str, not %T", s);
      return NULL;
    }
  if (RT_TYPE (s) != &rt_str_type)
    {
      rt_error_format (&rt_exc_TypeError, "can't intern %T", s);
      return NULL;
    }
  rt_incref (s);
  rt_str_intern_in_place (&s);
  return s;
}

/* sys.getrecursionlimit() */
static RtObject *
sys_getrecursionlimit (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("sys.getrecursionlimit", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 (rt_recursion_limit ());
}

/* sys.setrecursionlimit(limit, /): refused below 1, and (3.11) at or below
 * the depth already reached. */
static RtObject *
sys_setrecursionlimit (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int limit, depth;

  if (!lang_args_o ("sys.setrecursionlimit", nargs, kwnames) || !lang_as_c_int (args[0], &limit))
    return NULL;
  if (limit < 1)
    {
      rt_error_format (&rt_exc_ValueError, "recursion limit must be greater or equal than 1");
      return NULL;
    }
  /* The depth counts this call too: rt_call counts calls of C functions,
   * as CPython does. */
  depth = rt_recursion_depth ();
  if (depth >= limit)
    {
      rt_error_format (&rt_exc_RecursionError,
                       "cannot set the recursion limit to %d at the recursion depth %d: the "
                       "limit is too low",
                       limit, depth);
      return NULL;
    }
  rt_set_recursion_limit (limit);
  return rt_none_new ();
}

/* sys.get_int_max_str_digits() */
static RtObject *
sys_get_int_max_str_digits (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames)
{
  if (!lang_args_noargs ("sys.get_int_max_str_digits", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 (rt_int_get_max_str_digits ());
}

/* sys.set_int_max_str_digits(maxdigits) */
static RtObject *
sys_set_int_max_str_digits (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames)
{
  static const char *const keywords[] = { "maxdigits", NULL };
  static const LangArgSpec spec = { "set_int_max_str_digits", keywords, 1, 1 };
  RtObject *argv[1];
  int maxdigits;

  if (!lang_args_unpack (&spec, args, nargs, kwnames, argv)
      || !lang_as_c_int (argv[0], &maxdigits) || !rt_int_set_max_str_digits (maxdigits))
    return NULL;
  return rt_none_new ();
}

/* sys.exit(status=None, /): raises SystemExit(status); the runner ends the
 * program when it is not caught. */
static RtObject *
sys_exit (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_no_kw ("sys.exit", kwnames) || !lang_args_positional ("exit", nargs, 0, 1))
    return NULL;
  rt_error_set_object (&rt_exc_SystemExit, nargs > 0 ? args[0] : NULL);
  return NULL;
}

/* sys.getdefaultencoding() */
static RtObject *
sys_getdefaultencoding (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("sys.getdefaultencoding", nargs, kwnames))
    return NULL;
  return rt_str_from_cstr ("utf-8");
}

static const RtMethodDef sys_functions[] = {
  { "exit", sys_exit, 0 },
  { "getdefaultencoding", sys_getdefaultencoding, 0 },
  { "getrefcount", sys_getrefcount, 0 },
  { "getrecursionlimit", sys_getrecursionlimit, 0 },
  { "getsizeof", sys_getsizeof, 0 },
  { "intern", sys_intern, 0 },
  { "setrecursionlimit", sys_setrecursionlimit, 0 },
  { "get_int_max_str_digits", sys_get_int_max_str_digits, 0 },
  { "set_int_max_str_digits", sys_set_int_max_str_digits, 0 },
  { NULL, NULL, 0 },
};

/* sys.stdout and sys.stderr: text streams whose write() sends stdout to
 * the program's output (lang_output_write) and stderr to the process's. */

typedef struct
{
  RtObject ob;
  int fd;
} LangStream;

static RtObject *
stream_write (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *text;

  if (!lang_args_o ("TextIOWrapper.write", nargs, kwnames))
    return NULL;
  text = args[0];
  if (!rt_is_str (text))
    {
      rt_error_format (&rt_exc_TypeError, "write() argument must be str, not %T", text);
      return NULL;
    }
  if (((LangStream *) self)->fd == 1)
    {
      if (!lang_output_write (rt_str_utf8 (text), (size_t) rt_str_size (text))
          && rt_error_occurred ())
        return NULL;
    }
  else
    fwrite (rt_str_utf8 (text), 1, (size_t) rt_str_size (text), stderr);
  return rt_int_from_i64 (rt_str_length (text));
}

static RtObject *
stream_flush (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("TextIOWrapper.flush", nargs, kwnames))
    return NULL;
  if (((LangStream *) self)->fd == 2)
    fflush (stderr);
  return rt_none_new ();
}

static RtObject *
stream_repr (RtObject *self)
{
  return rt_str_from_format ("<_io.TextIOWrapper name='<%s>' mode='w' encoding='utf-8'>",
                             ((LangStream *) self)->fd == 1 ? "stdout" : "stderr");
}

static void
stream_dealloc (RtObject *self)
{
  rt_object_free (self, sizeof (LangStream));
}

static const RtMethodDef stream_methods[] = {
  { "write", stream_write, 0 },
  { "flush", stream_flush, 0 },
  { NULL, NULL, 0 },
};

static RtType lang_stream_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "_io.TextIOWrapper",
  .basic_size = sizeof (LangStream),
  .dealloc = stream_dealloc,
  .repr = stream_repr,
  .methods = stream_methods,
};

static bool
add_stream (RtObject *module, const char *name, int fd)
{
  LangStream *stream = (LangStream *) rt_object_alloc (&lang_stream_type, sizeof (LangStream));
  bool ok;

  if (stream == NULL)
    return false;
  stream->fd = fd;
  RT_EVENT_BORN (stream, 0);
  ok = lang_module_add_object (module, name, &stream->ob);
  rt_decref (&stream->ob);
  return ok;
}

/* (3, 11, 7, 'final', 0): a plain tuple, where CPython has a struct
 * sequence; indexing, slicing and comparing behave the same. */
static bool
add_version_info (RtObject *module)
{
  RtObject *major = rt_int_from_i64 (3), *minor = rt_int_from_i64 (11);
  RtObject *micro = rt_int_from_i64 (7), *level = rt_str_from_cstr ("final");
  RtObject *serial = rt_int_from_i64 (0), *info = NULL;
  bool ok = false;

  if (major != NULL && minor != NULL && micro != NULL && level != NULL && serial != NULL)
    info = rt_tuple_pack (5, major, minor, micro, level, serial);
  if (info != NULL)
    ok = lang_module_add_object (module, "version_info", info);
  rt_xdecref (info);
  rt_xdecref (serial);
  rt_xdecref (level);
  rt_xdecref (micro);
  rt_xdecref (minor);
  rt_xdecref (major);
  return ok;
}

/* argv starts as [''], what the interactive prompt has; sys.modules is
 * the interpreter's registry, which it stores itself. */
RtObject *
lang_sys_module_new (void)
{
  RtObject *name, *module, *argv = NULL, *empty = NULL;

  if (!rt_type_ready (&lang_stream_type))
    return NULL;
  name = rt_str_intern_cstr ("sys");
  if (name == NULL)
    return NULL;
  module = rt_module_new (name);
  rt_decref (name);
  if (module == NULL)
    return NULL;
  if (!lang_module_add_functions (module, sys_functions, "sys"))
    goto fail;
  argv = rt_list_new (0);
  empty = rt_str_new ("", 0);
  if (argv == NULL || empty == NULL || rt_list_append (argv, empty) < 0
      || !lang_module_add_object (module, "argv", argv))
    goto fail;
  if (!lang_module_add_str (module, "byteorder", "little")
      || !lang_module_add_int (module, "hexversion", 0x030B07F0)
      || !lang_module_add_int (module, "maxsize", INT64_MAX)
      || !lang_module_add_str (module, "platform", "linux")
      || !lang_module_add_str (module, "version", "3.11.7 (refscope)")
      || !add_version_info (module) || !add_stream (module, "stdout", 1)
      || !add_stream (module, "stderr", 2))
    goto fail;
  rt_decref (empty);
  rt_decref (argv);
  return module;

fail:
  rt_xdecref (empty);
  rt_xdecref (argv);
  rt_decref (module);
  return NULL;
}

bool
lang_sys_set_argv (RtObject *argv)
{
  RtObject *name = rt_str_intern_cstr ("sys"), *module;
  bool ok;

  if (name == NULL)
    return false;
  module = lang_import_module (name);
  rt_decref (name);
  if (module == NULL)
    return false;
  ok = lang_module_add_object (module, "argv", argv);
  rt_decref (module);
  return ok;
}
