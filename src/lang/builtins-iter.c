/* builtins-iter.c: the lazy iterators of the built-ins map and filter
 * (Python/bltinmodule.c), with CPython's size for sys.getsizeof and its
 * traverse order for the collector and gc.get_referents. */
#include "builtins-private.h"

#include "runtime/abstract.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/gc.h"
#include "runtime/int.h"
#include "runtime/singletons.h"
#include "runtime/tuple.h"

#include <stdlib.h>

/* sizeof of CPython's mapobject and filterobject: a header and two
 * pointers. */
#define CPY_TWO_POINTER_OBJECT 32

typedef struct
{
  RtObject ob;
  RtObject *iters;  /* tuple of iterators */
  RtObject *func;
} LangMap;

typedef struct
{
  RtObject ob;
  RtObject *func;
  RtObject *it;
} LangFilter;

static RtObject *
iter_self (RtObject *self)
{
  return rt_newref (self);
}

static size_t
two_pointer_size_of (RtObject *self)
{
  return CPY_TWO_POINTER_OBJECT;
}

/* Stores a new reference in a fresh iterator's field, reporting it. */
static void
init_field (RtObject *self, RtObject **field, RtRefLabel label, RtObject *value)
{
  *field = value;
  RT_EVENT_REF_ADD (self, rt_slot_label (label), value);
}

/* map(func, *iterables) */

static RtObject *
map_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *iters;
  LangMap *lz;

  if (type == &lang_map_type && !lang_args_no_kw ("map", kwnames))
    return NULL;
  if (nargs < 2)
    {
      rt_error_format (&rt_exc_TypeError, "map() must have at least two arguments.");
      return NULL;
    }
  /* The iterators first, then the map, as map_vectorcall allocates them. */
  iters = rt_tuple_new ((int64_t) nargs - 1);
  if (iters == NULL)
    return NULL;
  for (size_t i = 1; i < nargs; i++)
    {
      RtObject *it = rt_iter (args[i]);
      if (it == NULL)
        {
          rt_decref (iters);
          return NULL;
        }
      rt_tuple_init_item (iters, (int64_t) i - 1, it);
    }
  lz = (LangMap *) rt_gc_alloc (type, sizeof (LangMap));
  if (lz == NULL)
    {
      rt_decref (iters);
      return NULL;
    }
  lz->iters = lz->func = NULL;
  RT_EVENT_BORN (lz, 0);
  init_field (&lz->ob, &lz->iters, RT_LABEL_ITERATED, iters);
  init_field (&lz->ob, &lz->func, RT_LABEL_FUNC, rt_newref (args[0]));
  rt_gc_track (&lz->ob);
  return &lz->ob;
}

static void
map_dealloc (RtObject *self)
{
  LangMap *lz = (LangMap *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (lz->iters);
  rt_xdecref (lz->func);
  rt_gc_free (self, sizeof (LangMap));
}

static int
map_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  LangMap *lz = (LangMap *) self;

  RT_VISIT (lz->iters);
  RT_VISIT (lz->func);
  return 0;
}

static void
map_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  LangMap *lz = (LangMap *) self;

  if (lz->iters != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), lz->iters, arg);
  if (lz->func != NULL)
    visit (self, rt_slot_label (RT_LABEL_FUNC), lz->func, arg);
}

static RtObject *
map_next (RtObject *self)
{
  LangMap *lz = (LangMap *) self;
  int64_t niters = RT_TUPLE_SIZE (lz->iters);
  RtObject *small_stack[5], **stack = small_stack, *result = NULL;
  int64_t n = 0;

  if (niters > 5)
    {
      stack = malloc ((size_t) niters * sizeof *stack);
      if (stack == NULL)
        return rt_error_no_memory ();
    }
  for (; n < niters; n++)
    {
      RtObject *value = rt_iter_next (RT_TUPLE_ITEMS (lz->iters)[n]);
      if (value == NULL)
        goto out;
      stack[n] = value;
    }
  result = rt_call (lz->func, stack, (size_t) n, NULL);

out:
  for (int64_t i = 0; i < n; i++)
    rt_decref (stack[i]);
  if (stack != small_stack)
    free (stack);
  return result;
}

RtType lang_map_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "map",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_VECTORCALL,
  .basic_size = sizeof (LangMap),
  .dealloc = map_dealloc,
  .traverse = map_traverse,
  .refs = map_refs,
  .iter = iter_self,
  .iternext = map_next,
  .tp_new = map_new,
  .size_of = two_pointer_size_of,
};

/* filter(function or None, iterable) */

static RtObject *
filter_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *it;
  LangFilter *lz;

  if (type == &lang_filter_type && !lang_args_no_kw ("filter", kwnames))
    return NULL;
  if (!lang_args_positional ("filter", nargs, 2, 2))
    return NULL;
  it = rt_iter (args[1]);
  if (it == NULL)
    return NULL;
  lz = (LangFilter *) rt_gc_alloc (type, sizeof (LangFilter));
  if (lz == NULL)
    {
      rt_decref (it);
      return NULL;
    }
  lz->func = lz->it = NULL;
  RT_EVENT_BORN (lz, 0);
  init_field (&lz->ob, &lz->func, RT_LABEL_FUNC, rt_newref (args[0]));
  init_field (&lz->ob, &lz->it, RT_LABEL_ITERATED, it);
  rt_gc_track (&lz->ob);
  return &lz->ob;
}

static void
filter_dealloc (RtObject *self)
{
  LangFilter *lz = (LangFilter *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (lz->func);
  rt_xdecref (lz->it);
  rt_gc_free (self, sizeof (LangFilter));
}

static int
filter_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  LangFilter *lz = (LangFilter *) self;

  RT_VISIT (lz->it);
  RT_VISIT (lz->func);
  return 0;
}

static void
filter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  LangFilter *lz = (LangFilter *) self;

  if (lz->func != NULL)
    visit (self, rt_slot_label (RT_LABEL_FUNC), lz->func, arg);
  if (lz->it != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), lz->it, arg);
}

static RtObject *
filter_next (RtObject *self)
{
  LangFilter *lz = (LangFilter *) self;
  /* filter(None, ...) and filter(bool, ...) test the items themselves. */
  bool checktrue = lz->func == RT_NONE || lz->func == &rt_bool_type.ob;

  for (;;)
    {
      RtObject *item = rt_iter_next (lz->it);
      int ok;

      if (item == NULL)
        return NULL;
      if (checktrue)
        ok = rt_is_true (item);
      else
        {
          RtObject *good = rt_call_one (lz->func, item);
          if (good == NULL)
            {
              rt_decref (item);
              return NULL;
            }
          ok = rt_is_true (good);
          rt_decref (good);
        }
      if (ok > 0)
        return item;
      rt_decref (item);
      if (ok < 0)
        return NULL;
    }
}

RtType lang_filter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "filter",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_VECTORCALL,
  .basic_size = sizeof (LangFilter),
  .dealloc = filter_dealloc,
  .traverse = filter_traverse,
  .refs = filter_refs,
  .iter = iter_self,
  .iternext = filter_next,
  .tp_new = filter_new,
  .size_of = two_pointer_size_of,
};
