/* module-gc.c: the `gc` module, CPython 3.11's Modules/gcmodule.c over the
 * runtime's collector (gc.h): same functions, arguments, messages and
 * results, and the same allocations where a program can count them. */
#include "builtins-private.h"
#include "interp.h"

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/function.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#include <stdlib.h>

/* _PyObject_IS_GC: an object of a GC type, except the static ones (the
 * built-in types are instances of `type` but carry no GC head, which is
 * what tp_is_gc says in CPython). */
static bool
is_gc_object (RtObject *obj)
{
  return RT_IS_GC (obj) && !(obj->aux & RT_AUX_STATIC);
}

/* A growable array of borrowed objects, in malloc'd memory: walks of the
 * generations gather into it, since the runtime's allocator must not run
 * while they walk. */
typedef struct
{
  RtObject **items;
  size_t n, capacity;
  bool failed;
} ObjectArray;

static void
object_array_push (ObjectArray *array, RtObject *obj)
{
  if (array->failed)
    return;
  if (array->n == array->capacity)
    {
      size_t capacity = array->capacity ? array->capacity * 2 : 64;
      RtObject **grown = realloc (array->items, capacity * sizeof *grown);
      if (grown == NULL)
        {
          array->failed = true;
          return;
        }
      array->items = grown;
      array->capacity = capacity;
    }
  array->items[array->n++] = obj;
}

/* Appends the gathered objects to list and frees the array. False with an
 * error set on failure. */
static bool
object_array_flush (ObjectArray *array, RtObject *list)
{
  bool ok = !array->failed;

  if (array->failed)
    rt_error_no_memory ();
  for (size_t i = 0; i < array->n && ok; i++)
    ok = rt_list_append (list, array->items[i]) == 0;
  free (array->items);
  *array = (ObjectArray){ 0 };
  return ok;
}

/* (a, b, c) of three counters, as Py_BuildValue("(iii)") builds it: the
 * values are read by the caller, then the tuple, then the ints. */
static RtObject *
three_ints (const int64_t values[RT_GC_GENERATIONS])
{
  RtObject *tuple = rt_tuple_new (RT_GC_GENERATIONS);

  if (tuple == NULL)
    return NULL;
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    {
      RtObject *value = rt_int_from_i64 (values[i]);
      if (value == NULL)
        {
          rt_decref (tuple);
          return NULL;
        }
      rt_tuple_init_item (tuple, i, value);
    }
  return tuple;
}

/* gc.enable() */
static RtObject *
gc_enable (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("gc.enable", nargs, kwnames))
    return NULL;
  rt_gc_enable (true);
  return rt_none_new ();
}

/* gc.disable() */
static RtObject *
gc_disable (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("gc.disable", nargs, kwnames))
    return NULL;
  rt_gc_enable (false);
  return rt_none_new ();
}

/* gc.isenabled() */
static RtObject *
gc_isenabled (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("gc.isenabled", nargs, kwnames))
    return NULL;
  return rt_bool_new (rt_gc_is_enabled ());
}

/* gc.set_debug(flags, /) */
static RtObject *
gc_set_debug (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int flags;

  if (!lang_args_o ("gc.set_debug", nargs, kwnames) || !lang_as_c_int (args[0], &flags))
    return NULL;
  rt_gc_set_debug (flags);
  return rt_none_new ();
}

/* gc.get_debug() */
static RtObject *
gc_get_debug (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("gc.get_debug", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 (rt_gc_get_debug ());
}

/* gc.get_count(): the counts as they were before the result tuple, itself
 * a counted allocation, existed. */
static RtObject *
gc_get_count (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t count[RT_GC_GENERATIONS];

  if (!lang_args_noargs ("gc.get_count", nargs, kwnames))
    return NULL;
  rt_gc_get_count (count);
  return three_ints (count);
}

/* gc.set_threshold(threshold0[, threshold1[, threshold2]]): METH_VARARGS,
 * parsed by PyArg_ParseTuple("i|ii"), which stores each threshold as soon
 * as it is converted: a bad second argument leaves the first one set. */
static RtObject *
gc_set_threshold (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *argtuple, *kwargs = NULL, *result = NULL;
  int64_t threshold[RT_GC_GENERATIONS];
  size_t converted = 0;

  argtuple = lang_args_as_tuple (args, nargs);
  if (argtuple == NULL)
    return NULL;
  kwargs = lang_kwargs_as_dict (args, nargs, kwnames);
  if (kwargs == NULL && rt_error_occurred ())
    goto out;
  if (!lang_args_no_kw ("set_threshold", kwnames)
      || !lang_args_tuple_count ("set_threshold", nargs, 1, 3))
    goto out;

  rt_gc_get_threshold (threshold);
  for (; converted < nargs; converted++)
    {
      int value;
      if (!lang_as_c_int_getargs (args[converted], &value))
        break;
      threshold[converted] = value;
    }
  if (converted > 0)
    rt_gc_set_threshold (threshold, RT_GC_GENERATIONS);
  if (converted == nargs)
    result = rt_none_new ();

out:
  rt_xdecref (kwargs);
  rt_decref (argtuple);
  return result;
}

/* gc.get_threshold() */
static RtObject *
gc_get_threshold (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t threshold[RT_GC_GENERATIONS];

  if (!lang_args_noargs ("gc.get_threshold", nargs, kwnames))
    return NULL;
  rt_gc_get_threshold (threshold);
  return three_ints (threshold);
}

/* gc.collect(generation=2): the number of unreachable objects found, 0
 * when a collection is already running. */
static RtObject *
gc_collect (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keywords[] = { "generation", NULL };
  static const LangArgSpec spec = { "collect", keywords, 0, 1 };
  RtObject *argv[1];
  int generation = RT_GC_GENERATIONS - 1;

  if (!lang_args_unpack (&spec, args, nargs, kwnames, argv))
    return NULL;
  if (argv[0] != NULL && !lang_as_c_int (argv[0], &generation))
    return NULL;
  if (generation < 0 || generation >= RT_GC_GENERATIONS)
    {
      rt_error_format (&rt_exc_ValueError, "invalid generation");
      return NULL;
    }
  return rt_int_from_i64 (rt_gc_collect (generation));
}

typedef struct
{
  ObjectArray found;
  RtObject *skip;   /* the result list, which must not list itself */
} ObjectsWalk;

static void
gather_object (RtObject *obj, void *arg)
{
  ObjectsWalk *walk = arg;

  if (obj != walk->skip)
    object_array_push (&walk->found, obj);
}

/* gc.get_objects(generation=None): the tracked objects of one generation
 * or of all three (not the permanent one), the result list allocated
 * first as CPython does, since that allocation may run a collection. */
static RtObject *
gc_get_objects (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keywords[] = { "generation", NULL };
  static const LangArgSpec spec = { "get_objects", keywords, 0, 1 };
  RtObject *argv[1], *result;
  int64_t generation = -1;
  ObjectsWalk walk = { { 0 }, NULL };

  if (!lang_args_unpack (&spec, args, nargs, kwnames, argv))
    return NULL;
  if (argv[0] != NULL && argv[0] != RT_NONE)
    {
      RtObject *index;

      if (RT_TYPE (argv[0])->number == NULL || RT_TYPE (argv[0])->number->index == NULL)
        {
          rt_error_format (&rt_exc_TypeError, "argument should be integer or None, not '%T'",
                           argv[0]);
          return NULL;
        }
      index = rt_number_index (argv[0]);
      if (index == NULL)
        return NULL;
      if (!rt_int_to_i64 (index, &generation))
        {
          rt_error_format (&rt_exc_OverflowError,
                           "cannot fit '%T' into an index-sized integer", argv[0]);
          rt_decref (index);
          return NULL;
        }
      rt_decref (index);
    }

  result = rt_list_new (0);
  if (result == NULL)
    return NULL;
  if (generation != -1)
    {
      if (generation >= RT_GC_GENERATIONS)
        {
          rt_error_format (&rt_exc_ValueError,
                           "generation parameter must be less than the number of available "
                           "generations (%d)",
                           RT_GC_GENERATIONS);
          goto fail;
        }
      if (generation < 0)
        {
          rt_error_format (&rt_exc_ValueError, "generation parameter cannot be negative");
          goto fail;
        }
    }
  walk.skip = result;
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    if (generation == -1 || generation == i)
      rt_gc_foreach (i, gather_object, &walk);
  if (!object_array_flush (&walk.found, result))
    goto fail;
  return result;

fail:
  rt_decref (result);
  return NULL;
}

/* gc.get_stats(): a list of one dict per generation, from a snapshot taken
 * before the result is built. */
static RtObject *
gc_get_stats (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const keys[] = { "collections", "collected", "uncollectable" };
  RtGcStats stats[RT_GC_GENERATIONS];
  RtObject *result;

  if (!lang_args_noargs ("gc.get_stats", nargs, kwnames))
    return NULL;
  rt_gc_get_stats (stats);
  result = rt_list_new (0);
  if (result == NULL)
    return NULL;
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    {
      const int64_t values[] = { stats[i].collections, stats[i].collected,
                                 stats[i].uncollectable };
      RtObject *dict = rt_dict_new ();
      bool ok = dict != NULL;

      /* Py_BuildValue("{snsnsn}"): each key, then its value, then the store. */
      for (int k = 0; k < 3 && ok; k++)
        {
          RtObject *key = rt_str_from_cstr (keys[k]);
          RtObject *value = key != NULL ? rt_int_from_i64 (values[k]) : NULL;

          ok = value != NULL && rt_dict_set_item (dict, key, value) == 0;
          rt_xdecref (key);
          rt_xdecref (value);
        }
      ok = ok && rt_list_append (result, dict) == 0;
      rt_xdecref (dict);
      if (!ok)
        {
          rt_decref (result);
          return NULL;
        }
    }
  return result;
}

/* gc.is_tracked(obj) */
static RtObject *
gc_is_tracked (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_o ("gc.is_tracked", nargs, kwnames))
    return NULL;
  return rt_bool_new (is_gc_object (args[0]) && rt_gc_is_tracked (args[0]));
}

/* gc.is_finalized(obj) */
static RtObject *
gc_is_finalized (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_o ("gc.is_finalized", nargs, kwnames))
    return NULL;
  return rt_bool_new (is_gc_object (args[0]) && rt_gc_is_finalized (args[0]));
}

typedef struct
{
  RtObject *const *objs;
  size_t n;
  RtObject *argtuple;  /* CPython's args tuple and result list are skipped */
  RtObject *result;
  ObjectArray found;
} ReferrersWalk;

static int
referrers_visit (RtObject *target, void *arg)
{
  ReferrersWalk *walk = arg;

  for (size_t i = 0; i < walk->n; i++)
    if (walk->objs[i] == target)
      return 1;
  return 0;
}

static void
referrers_check (RtObject *obj, void *arg)
{
  ReferrersWalk *walk = arg;

  if (obj == walk->argtuple || obj == walk->result || obj->type->traverse == NULL)
    return;
  if (obj->type->traverse (obj, referrers_visit, walk))
    object_array_push (&walk->found, obj);
}

/* gc.get_referrers(*objs): every tracked object of generations 0-2 whose
 * traverse reaches one of objs, generation by generation in list order,
 * as gc_referrers_for. METH_VARARGS in CPython: the argument tuple is
 * built, and left out of the result. */
static RtObject *
gc_get_referrers (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  ReferrersWalk walk = { args, nargs, NULL, NULL, { 0 } };
  RtObject *kwargs = NULL, *result = NULL;

  walk.argtuple = lang_args_as_tuple (args, nargs);
  if (walk.argtuple == NULL)
    return NULL;
  kwargs = lang_kwargs_as_dict (args, nargs, kwnames);
  if (kwargs == NULL && rt_error_occurred ())
    goto out;
  if (!lang_args_no_kw ("get_referrers", kwnames))
    goto out;
  walk.result = rt_list_new (0);
  if (walk.result == NULL)
    goto out;
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    rt_gc_foreach (i, referrers_check, &walk);
  if (object_array_flush (&walk.found, walk.result))
    result = rt_newref (walk.result);

out:
  rt_xdecref (walk.result);
  rt_xdecref (kwargs);
  rt_decref (walk.argtuple);
  return result;
}

static int
referents_visit (RtObject *target, void *arg)
{
  return rt_list_append ((RtObject *) arg, target) < 0;
}

/* gc.get_referents(*objs): what each GC object's traverse visits, in its
 * order (a list's items last to first, a str-keyed dict's values only);
 * objects of other types contribute nothing. */
static RtObject *
gc_get_referents (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *argtuple, *kwargs = NULL, *list = NULL, *result = NULL;

  argtuple = lang_args_as_tuple (args, nargs);
  if (argtuple == NULL)
    return NULL;
  kwargs = lang_kwargs_as_dict (args, nargs, kwnames);
  if (kwargs == NULL && rt_error_occurred ())
    goto out;
  if (!lang_args_no_kw ("get_referents", kwnames))
    goto out;
  list = rt_list_new (0);
  if (list == NULL)
    goto out;
  for (size_t i = 0; i < nargs; i++)
    {
      RtObject *obj = args[i];
      if (!is_gc_object (obj) || obj->type->traverse == NULL)
        continue;
      if (obj->type->traverse (obj, referents_visit, list))
        goto out;
    }
  result = rt_newref (list);

out:
  rt_xdecref (list);
  rt_xdecref (kwargs);
  rt_decref (argtuple);
  return result;
}

/* gc.freeze() */
static RtObject *
gc_freeze (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("gc.freeze", nargs, kwnames))
    return NULL;
  rt_gc_freeze ();
  return rt_none_new ();
}

/* gc.unfreeze() */
static RtObject *
gc_unfreeze (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("gc.unfreeze", nargs, kwnames))
    return NULL;
  rt_gc_unfreeze ();
  return rt_none_new ();
}

/* gc.get_freeze_count() */
static RtObject *
gc_get_freeze_count (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_noargs ("gc.get_freeze_count", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 (rt_gc_get_freeze_count ());
}

/* In the order of CPython's GcMethods. */
static const RtMethodDef gc_functions[] = {
  { "enable", gc_enable, 0 },
  { "disable", gc_disable, 0 },
  { "isenabled", gc_isenabled, 0 },
  { "set_debug", gc_set_debug, 0 },
  { "get_debug", gc_get_debug, 0 },
  { "get_count", gc_get_count, 0 },
  { "set_threshold", gc_set_threshold, 0 },
  { "get_threshold", gc_get_threshold, 0 },
  { "collect", gc_collect, 0 },
  { "get_objects", gc_get_objects, 0 },
  { "get_stats", gc_get_stats, 0 },
  { "is_tracked", gc_is_tracked, 0 },
  { "is_finalized", gc_is_finalized, 0 },
  { "get_referrers", gc_get_referrers, 0 },
  { "get_referents", gc_get_referents, 0 },
  { "freeze", gc_freeze, 0 },
  { "unfreeze", gc_unfreeze, 0 },
  { "get_freeze_count", gc_get_freeze_count, 0 },
  { NULL, NULL, 0 },
};

/* gc.callbacks is an empty list the program may fill; the runtime's
 * collector does not call what it holds. */
RtObject *
lang_gc_module_new (void)
{
  RtObject *name, *module, *callbacks = NULL;

  name = rt_str_intern_cstr ("gc");
  if (name == NULL)
    return NULL;
  module = rt_module_new (name);
  rt_decref (name);
  if (module == NULL)
    return NULL;
  if (!lang_module_add_functions (module, gc_functions, "gc")
      || !lang_module_add_object (module, "garbage", rt_gc_garbage ()))
    goto fail;
  callbacks = rt_list_new (0);
  if (callbacks == NULL || !lang_module_add_object (module, "callbacks", callbacks))
    goto fail;
  if (!lang_module_add_int (module, "DEBUG_STATS", RT_GC_DEBUG_STATS)
      || !lang_module_add_int (module, "DEBUG_COLLECTABLE", RT_GC_DEBUG_COLLECTABLE)
      || !lang_module_add_int (module, "DEBUG_UNCOLLECTABLE", RT_GC_DEBUG_UNCOLLECTABLE)
      || !lang_module_add_int (module, "DEBUG_SAVEALL", RT_GC_DEBUG_SAVEALL)
      || !lang_module_add_int (module, "DEBUG_LEAK", RT_GC_DEBUG_LEAK))
    goto fail;
  rt_decref (callbacks);
  return module;

fail:
  rt_xdecref (callbacks);
  rt_decref (module);
  return NULL;
}
