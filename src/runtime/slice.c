/* slice.c: slice objects as CPython 3.11's sliceobject.c, with its cache of
 * one freed slice, and the resolution of a slice against a length. */
#include "range.h"
#include "abstract.h"
#include "class.h"
#include "container-private.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

/* CPython's sizeof(PySliceObject): the header and three references. */
#define CPY_SLICE_SIZE 40

/* The last freed slice, reused by the next one as CPython's slice_cache. */
static RtSlice *slice_cache;

static void
slice_set (RtSlice *obj, RtObject **field, RtRefLabel label, RtObject *value)
{
  *field = rt_newref (value);
  RT_EVENT_REF_ADD (obj, rt_slot_label (label), value);
}

RtObject *
rt_slice_new (RtObject *start, RtObject *stop, RtObject *step)
{
  RtSlice *obj;
  uint32_t flags = 0;

  if (step == NULL)
    step = RT_NONE;
  if (start == NULL)
    start = RT_NONE;
  if (stop == NULL)
    stop = RT_NONE;
  if (slice_cache != NULL)
    {
      obj = slice_cache;
      slice_cache = NULL;
      RT_AS_GC (obj)->next = 0;
      RT_AS_GC (obj)->prev = 0;
      rt_object_reinit (&obj->ob);
      flags = RT_EVF_FREELIST;
    }
  else
    {
      obj = (RtSlice *) rt_gc_alloc (&rt_slice_type, sizeof (RtSlice));
      if (obj == NULL)
        return NULL;
    }
  obj->start = obj->stop = obj->step = NULL;
  RT_EVENT_BORN (obj, flags);
  slice_set (obj, &obj->step, RT_LABEL_STEP, step);
  slice_set (obj, &obj->start, RT_LABEL_START, start);
  slice_set (obj, &obj->stop, RT_LABEL_STOP, stop);
  rt_gc_track (&obj->ob);
  return &obj->ob;
}

void
rt_slice_fini (void)
{
  if (slice_cache != NULL)
    {
      rt_gc_free (&slice_cache->ob, sizeof (RtSlice));
      slice_cache = NULL;
    }
}

/* _PyEval_SliceIndex: None leaves *pi alone; big ints clamp. */
static bool
slice_index (RtObject *v, int64_t *pi)
{
  int64_t x;

  if (v == RT_NONE)
    return true;
  if (!rt_index_check (v))
    {
      rt_error_format (&rt_exc_TypeError,
                       "slice indices must be integers or None or have an __index__ method");
      return false;
    }
  x = rt_index_as_ssize (v, NULL);
  if (x == -1 && rt_error_occurred ())
    return false;
  *pi = x;
  return true;
}

int
rt_slice_unpack (RtObject *slice, int64_t *start, int64_t *stop, int64_t *step)
{
  RtSlice *r = (RtSlice *) slice;

  if (r->step == RT_NONE)
    *step = 1;
  else
    {
      if (!slice_index (r->step, step))
        return -1;
      if (*step == 0)
        {
          rt_error_format (&rt_exc_ValueError, "slice step cannot be zero");
          return -1;
        }
      /* -INT64_MIN would overflow where a slice is reversed. */
      if (*step < -INT64_MAX)
        *step = -INT64_MAX;
    }
  if (r->start == RT_NONE)
    *start = *step < 0 ? INT64_MAX : 0;
  else if (!slice_index (r->start, start))
    return -1;
  if (r->stop == RT_NONE)
    *stop = *step < 0 ? INT64_MIN : INT64_MAX;
  else if (!slice_index (r->stop, stop))
    return -1;
  return 0;
}

int64_t
rt_slice_adjust_indices (int64_t length, int64_t *start, int64_t *stop, int64_t step)
{
  if (*start < 0)
    {
      *start += length;
      if (*start < 0)
        *start = step < 0 ? -1 : 0;
    }
  else if (*start >= length)
    *start = step < 0 ? length - 1 : length;

  if (*stop < 0)
    {
      *stop += length;
      if (*stop < 0)
        *stop = step < 0 ? -1 : 0;
    }
  else if (*stop >= length)
    *stop = step < 0 ? length - 1 : length;

  if (step < 0)
    {
      if (*stop < *start)
        return (*start - *stop - 1) / (-step) + 1;
    }
  else if (*start < *stop)
    return (*stop - *start - 1) / step + 1;
  return 0;
}

int64_t
rt_slice_indices (RtObject *slice, int64_t length, int64_t *start, int64_t *stop, int64_t *step)
{
  if (rt_slice_unpack (slice, start, stop, step) < 0)
    return -1;
  return rt_slice_adjust_indices (length, start, stop, *step);
}

/* Slots */

static void
slice_dealloc (RtObject *self)
{
  RtSlice *r = (RtSlice *) self;

  rt_gc_untrack (self);
  RT_CLEAR (r->step);
  RT_CLEAR (r->start);
  RT_CLEAR (r->stop);
  if (slice_cache == NULL)
    slice_cache = r;
  else
    rt_gc_free (self, sizeof (RtSlice));
}

static int
slice_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtSlice *r = (RtSlice *) self;

  RT_VISIT (r->start);
  RT_VISIT (r->stop);
  RT_VISIT (r->step);
  return 0;
}

static void
slice_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtSlice *r = (RtSlice *) self;

  if (r->start != NULL)
    visit (self, rt_slot_label (RT_LABEL_START), r->start, arg);
  if (r->stop != NULL)
    visit (self, rt_slot_label (RT_LABEL_STOP), r->stop, arg);
  if (r->step != NULL)
    visit (self, rt_slot_label (RT_LABEL_STEP), r->step, arg);
}

static RtObject *
slice_repr (RtObject *self)
{
  RtSlice *r = (RtSlice *) self;

  return rt_str_from_format ("slice(%R, %R, %R)", r->start, r->stop, r->step);
}

static RtHash
slice_hash (RtObject *self)
{
  rt_error_format (&rt_exc_TypeError, "unhashable type: '%T'", self);
  return -1;
}

static RtObject *
slice_richcompare (RtObject *v, RtObject *w, int op)
{
  RtObject *t1, *t2, *res;
  RtSlice *a = (RtSlice *) v, *b = (RtSlice *) w;

  if (RT_TYPE (v) != &rt_slice_type || RT_TYPE (w) != &rt_slice_type)
    return rt_newref (RT_NOT_IMPLEMENTED);
  if (v == w)
    return rt_bool_new (op == RT_EQ || op == RT_LE || op == RT_GE);
  t1 = rt_tuple_pack (3, a->start, a->stop, a->step);
  if (t1 == NULL)
    return NULL;
  t2 = rt_tuple_pack (3, b->start, b->stop, b->step);
  if (t2 == NULL)
    {
      rt_decref (t1);
      return NULL;
    }
  res = rt_richcompare (t1, t2, op);
  rt_decref (t1);
  rt_decref (t2);
  return res;
}

/* start, stop and step read as attributes. */
static RtObject *
slice_getattro (RtObject *self, RtObject *name)
{
  RtSlice *r = (RtSlice *) self;

  if (rt_is_str (name))
    {
      if (rt_str_equal_cstr (name, "start"))
        return rt_newref (r->start);
      if (rt_str_equal_cstr (name, "stop"))
        return rt_newref (r->stop);
      if (rt_str_equal_cstr (name, "step"))
        return rt_newref (r->step);
    }
  return rt_object_generic_getattr (self, name);
}

static RtObject *
slice_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) type;
  if (!rt_args_no_kw ("slice", kwnames) || !rt_args_check ("slice", nargs, 1, 3))
    return NULL;
  if (nargs == 1)
    return rt_slice_new (NULL, args[0], NULL);
  return rt_slice_new (args[0], args[1], nargs > 2 ? args[2] : NULL);
}

/* slice.indices(length) */
static RtObject *
slice_indices_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t length, start, stop, step;
  RtObject *a, *b, *c, *result;

  if (!rt_args_one ("slice.indices", nargs, kwnames))
    return NULL;
  length = rt_as_ssize (args[0]);
  if (length == -1 && rt_error_occurred ())
    return NULL;
  if (length < 0)
    {
      rt_error_format (&rt_exc_ValueError, "length should not be negative");
      return NULL;
    }
  if (rt_slice_indices (self, length, &start, &stop, &step) < 0)
    return NULL;
  a = rt_int_from_i64 (start);
  b = rt_int_from_i64 (stop);
  c = rt_int_from_i64 (step);
  result = a && b && c ? rt_tuple_pack (3, a, b, c) : NULL;
  rt_xdecref (a);
  rt_xdecref (b);
  rt_xdecref (c);
  return result;
}

static const RtMethodDef slice_methods[] = {
  { "indices", slice_indices_method, 0 },
  { NULL, NULL, 0 },
};

static size_t
slice_size_of (RtObject *self)
{
  (void) self;
  return CPY_SLICE_SIZE;
}

RtType rt_slice_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "slice",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtSlice),
  .dealloc = slice_dealloc,
  .traverse = slice_traverse,
  .refs = slice_refs,
  .repr = slice_repr,
  .hash = slice_hash,
  .richcompare = slice_richcompare,
  .getattro = slice_getattro,
  .tp_new = slice_tp_new,
  .methods = slice_methods,
  .size_of = slice_size_of,
};
