/* range.c: lazy ranges of int objects of any size, as CPython 3.11's
 * rangeobject.c, with the machine-integer and int-object iterators. */
#include "range.h"
#include "abstract.h"
#include "class.h"
#include "container-private.h"
#include "error.h"
#include "event.h"
#include "int.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

typedef struct
{
  RtObject ob;
  RtObject *start;
  RtObject *stop;
  RtObject *step;
  RtObject *length;
} RtRange;

/* The iterator over machine integers. */
typedef struct
{
  RtObject ob;
  int64_t index;
  int64_t start;
  int64_t step;
  int64_t len;
} RtRangeIter;

/* The iterator over int objects. */
typedef struct
{
  RtObject ob;
  RtObject *index;
  RtObject *start;
  RtObject *step;
  RtObject *len;
} RtLongRangeIter;

/* CPython's sizes: four fields after the 16-byte header. */
#define CPY_RANGE_SIZE 48

static inline RtObject *
int_op (RtObject *a, RtObject *b, RtBinaryOp op)
{
  return rt_binary_op (a, b, op);
}

/* The number of items of range(lo, hi, step) for machine integers. */
static uint64_t
get_len_of_range (int64_t lo, int64_t hi, int64_t step)
{
  if (step > 0 && lo < hi)
    return 1 + ((uint64_t) hi - 1 - (uint64_t) lo) / (uint64_t) step;
  if (step < 0 && lo > hi)
    return 1 + ((uint64_t) lo - 1 - (uint64_t) hi) / (0 - (uint64_t) step);
  return 0;
}

/* The length as an int object, from int objects of any size. */
static RtObject *
compute_range_length (RtObject *start, RtObject *stop, RtObject *step)
{
  RtObject *lo, *hi, *tmp1 = NULL, *diff = NULL, *tmp2 = NULL, *result = NULL, *one;
  int64_t istart, istop, istep;
  int cmp;

  if (rt_int_to_i64 (start, &istart) && rt_int_to_i64 (stop, &istop)
      && rt_int_to_i64 (step, &istep))
    {
      uint64_t len = get_len_of_range (istart, istop, istep);
      if (len <= (uint64_t) INT64_MAX)
        return rt_int_from_i64 ((int64_t) len);
    }

  cmp = rt_int_sign (step) > 0;
  if (cmp)
    {
      lo = start;
      hi = stop;
      rt_incref (step);
    }
  else
    {
      lo = stop;
      hi = start;
      step = rt_negative (step);
      if (step == NULL)
        return NULL;
    }
  cmp = rt_richcompare_bool (lo, hi, RT_GE);
  if (cmp != 0)
    {
      rt_decref (step);
      return cmp < 0 ? NULL : rt_int_from_i64 (0);
    }
  one = rt_int_from_i64 (1);
  if ((tmp1 = int_op (hi, lo, RT_OP_SUBTRACT)) != NULL
      && (diff = int_op (tmp1, one, RT_OP_SUBTRACT)) != NULL
      && (tmp2 = int_op (diff, step, RT_OP_FLOOR_DIVIDE)) != NULL)
    result = int_op (tmp2, one, RT_OP_ADD);
  rt_xdecref (tmp1);
  rt_xdecref (diff);
  rt_xdecref (tmp2);
  rt_decref (one);
  rt_decref (step);
  return result;
}

/* start + i * step, for an int object i known to be in range. */
static RtObject *
compute_item (RtRange *r, RtObject *i)
{
  RtObject *incr, *result;
  int64_t istart, istep, ii;

#if defined(__GNUC__)
  if (rt_int_to_i64 (r->start, &istart) && rt_int_to_i64 (r->step, &istep)
      && rt_int_to_i64 (i, &ii))
    {
      int64_t prod, sum;
      if (!__builtin_mul_overflow (ii, istep, &prod)
          && !__builtin_add_overflow (istart, prod, &sum))
        return rt_int_from_i64 (sum);
    }
#else
  (void) istart;
  (void) istep;
  (void) ii;
#endif
  incr = int_op (i, r->step, RT_OP_MULTIPLY);
  if (incr == NULL)
    return NULL;
  result = int_op (r->start, incr, RT_OP_ADD);
  rt_decref (incr);
  return result;
}

/* r[arg] for an int object arg, negative ones counting from the end. */
static RtObject *
compute_range_item (RtRange *r, RtObject *arg)
{
  RtObject *i, *result;
  int cmp;

  if (rt_int_sign (arg) < 0)
    {
      i = int_op (arg, r->length, RT_OP_ADD);
      if (i == NULL)
        return NULL;
    }
  else
    i = rt_newref (arg);
  cmp = rt_int_sign (i) >= 0;
  if (cmp)
    {
      cmp = rt_richcompare_bool (i, r->length, RT_LT);
      if (cmp < 0)
        {
          rt_decref (i);
          return NULL;
        }
    }
  if (!cmp)
    {
      rt_decref (i);
      rt_error_format (&rt_exc_IndexError, "range object index out of range");
      return NULL;
    }
  result = compute_item (r, i);
  rt_decref (i);
  return result;
}

static void
range_set (RtRange *r, RtObject **field, RtRefLabel label, RtObject *value)
{
  *field = value;
  RT_EVENT_REF_ADD (r, rt_slot_label (label), value);
}

/* A range of the given ints (stolen). */
static RtObject *
make_range_object (RtType *type, RtObject *start, RtObject *stop, RtObject *step)
{
  RtObject *length = compute_range_length (start, stop, step);
  RtRange *obj;

  if (length == NULL)
    goto fail;
  obj = (RtRange *) rt_object_alloc (type, sizeof (RtRange));
  if (obj == NULL)
    goto fail;
  obj->start = obj->stop = obj->step = obj->length = NULL;
  RT_EVENT_BORN (obj, 0);
  range_set (obj, &obj->start, RT_LABEL_START, start);
  range_set (obj, &obj->stop, RT_LABEL_STOP, stop);
  range_set (obj, &obj->step, RT_LABEL_STEP, step);
  range_set (obj, &obj->length, RT_LABEL_OTHER, length);
  return &obj->ob;

fail:
  rt_xdecref (length);
  rt_decref (start);
  rt_decref (stop);
  rt_decref (step);
  return NULL;
}

RtObject *
rt_range_new (RtObject *start, RtObject *stop, RtObject *step)
{
  if (rt_int_sign (step) == 0)
    {
      rt_error_format (&rt_exc_ValueError, "range() arg 3 must not be zero");
      return NULL;
    }
  return make_range_object (&rt_range_type, rt_newref (start), rt_newref (stop),
                            rt_newref (step));
}

static RtObject *
range_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *start = NULL, *stop = NULL, *step = NULL;

  if (!rt_args_no_kw ("range", kwnames) || !rt_args_check ("range", nargs, 1, 3))
    return NULL;
  if (nargs == 1)
    {
      stop = rt_number_index (args[0]);
      if (stop == NULL)
        return NULL;
      return make_range_object (type, rt_int_from_i64 (0), stop, rt_int_from_i64 (1));
    }
  start = rt_number_index (args[0]);
  if (start == NULL)
    goto fail;
  stop = rt_number_index (args[1]);
  if (stop == NULL)
    goto fail;
  step = nargs == 3 ? rt_number_index (args[2]) : rt_int_from_i64 (1);
  if (step == NULL)
    goto fail;
  if (rt_int_sign (step) == 0)
    {
      rt_error_format (&rt_exc_ValueError, "range() arg 3 must not be zero");
      goto fail;
    }
  return make_range_object (type, start, stop, step);

fail:
  rt_xdecref (start);
  rt_xdecref (stop);
  rt_xdecref (step);
  return NULL;
}

/* Slots */

static void
range_dealloc (RtObject *self)
{
  RtRange *r = (RtRange *) self;

  rt_decref (r->start);
  rt_decref (r->stop);
  rt_decref (r->step);
  rt_decref (r->length);
  rt_object_free (self, RT_TYPE (self)->basic_size);
}

static void
range_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtRange *r = (RtRange *) self;

  visit (self, rt_slot_label (RT_LABEL_START), r->start, arg);
  visit (self, rt_slot_label (RT_LABEL_STOP), r->stop, arg);
  visit (self, rt_slot_label (RT_LABEL_STEP), r->step, arg);
  visit (self, rt_slot_label (RT_LABEL_OTHER), r->length, arg);
}

static RtObject *
range_repr (RtObject *self)
{
  RtRange *r = (RtRange *) self;
  int64_t istep;

  if (rt_int_to_i64 (r->step, &istep) && istep == 1)
    return rt_str_from_format ("range(%R, %R)", r->start, r->stop);
  return rt_str_from_format ("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static int64_t
range_length (RtObject *self)
{
  return rt_int_as_ssize (((RtRange *) self)->length);
}

static RtObject *
range_item (RtObject *self, int64_t i)
{
  RtObject *arg = rt_int_from_i64 (i), *res;

  if (arg == NULL)
    return NULL;
  res = compute_range_item ((RtRange *) self, arg);
  rt_decref (arg);
  return res;
}

/* range(...)[a:b:c] is a range too. */
static RtObject *
compute_slice (RtRange *r, RtObject *slice)
{
  int64_t length, start, stop, step;
  RtObject *substart = NULL, *substop = NULL, *substep = NULL, *tmp, *sliced_step;

  length = rt_int_as_ssize (r->length);
  if (length == -1 && rt_error_occurred ())
    return NULL;
  if (rt_slice_indices (slice, length, &start, &stop, &step) < 0)
    return NULL;
  tmp = rt_int_from_i64 (start);
  substart = tmp != NULL ? compute_item (r, tmp) : NULL;
  rt_xdecref (tmp);
  if (substart == NULL)
    goto fail;
  tmp = rt_int_from_i64 (stop);
  substop = tmp != NULL ? compute_item (r, tmp) : NULL;
  rt_xdecref (tmp);
  if (substop == NULL)
    goto fail;
  sliced_step = rt_int_from_i64 (step);
  if (sliced_step == NULL)
    goto fail;
  substep = int_op (sliced_step, r->step, RT_OP_MULTIPLY);
  rt_decref (sliced_step);
  if (substep == NULL)
    goto fail;
  return make_range_object (RT_TYPE (r), substart, substop, substep);

fail:
  rt_xdecref (substart);
  rt_xdecref (substop);
  return NULL;
}

static RtObject *
range_subscript (RtObject *self, RtObject *item)
{
  if (rt_index_check (item))
    {
      RtObject *i = rt_number_index (item), *result;
      if (i == NULL)
        return NULL;
      result = compute_range_item ((RtRange *) self, i);
      rt_decref (i);
      return result;
    }
  if (RT_TYPE (item) == &rt_slice_type)
    return compute_slice ((RtRange *) self, item);
  rt_error_format (&rt_exc_TypeError, "range indices must be integers or slices, not %T", item);
  return NULL;
}

/* `ob in r` for an int: bounds, then the stride. */
static int
range_contains_long (RtRange *r, RtObject *ob)
{
  RtObject *tmp1 = NULL, *tmp2 = NULL, *zero;
  int64_t istart, istop, istep, iob;
  int cmp2, cmp3, result = -1;

  if (rt_int_to_i64 (r->start, &istart) && rt_int_to_i64 (r->stop, &istop)
      && rt_int_to_i64 (r->step, &istep) && rt_int_to_i64 (ob, &iob))
    {
      if (istep > 0 ? !(istart <= iob && iob < istop) : !(iob <= istart && istop < iob))
        return 0;
      /* (ob - start) % step == 0, without overflow */
      return ((uint64_t) iob - (uint64_t) istart)
                 % (istep > 0 ? (uint64_t) istep : 0 - (uint64_t) istep)
             == 0;
    }
  if (rt_int_sign (r->step) > 0)
    {
      cmp2 = rt_richcompare_bool (r->start, ob, RT_LE);
      cmp3 = rt_richcompare_bool (ob, r->stop, RT_LT);
    }
  else
    {
      cmp2 = rt_richcompare_bool (ob, r->start, RT_LE);
      cmp3 = rt_richcompare_bool (r->stop, ob, RT_LT);
    }
  if (cmp2 == -1 || cmp3 == -1)
    goto end;
  if (cmp2 == 0 || cmp3 == 0)
    {
      result = 0;
      goto end;
    }
  tmp1 = int_op (ob, r->start, RT_OP_SUBTRACT);
  if (tmp1 == NULL)
    goto end;
  tmp2 = int_op (tmp1, r->step, RT_OP_REMAINDER);
  if (tmp2 == NULL)
    goto end;
  zero = rt_int_from_i64 (0);
  result = rt_richcompare_bool (tmp2, zero, RT_EQ);
  rt_decref (zero);
end:
  rt_xdecref (tmp1);
  rt_xdecref (tmp2);
  return result;
}

static bool
is_exact_int_or_bool (RtObject *ob)
{
  return RT_TYPE (ob) == &rt_int_type || RT_TYPE (ob) == &rt_bool_type;
}

static int
range_contains (RtObject *self, RtObject *ob)
{
  if (is_exact_int_or_bool (ob))
    return range_contains_long ((RtRange *) self, ob);
  return (int) rt_sequence_iter_search (self, ob, RT_ITERSEARCH_CONTAINS);
}

/* Equal if they produce the same numbers. */
static int
range_equals (RtRange *r0, RtRange *r1)
{
  int cmp;

  if (r0 == r1)
    return 1;
  cmp = rt_richcompare_bool (r0->length, r1->length, RT_EQ);
  if (cmp != 1)
    return cmp;
  if (rt_int_sign (r0->length) == 0)
    return 1;
  cmp = rt_richcompare_bool (r0->start, r1->start, RT_EQ);
  if (cmp != 1)
    return cmp;
  {
    int64_t len;
    if (rt_int_to_i64 (r0->length, &len) && len == 1)
      return 1;
  }
  return rt_richcompare_bool (r0->step, r1->step, RT_EQ);
}

static RtObject *
range_richcompare (RtObject *self, RtObject *other, int op)
{
  int result;

  if (!rt_is_instance_of (other, &rt_range_type) || (op != RT_EQ && op != RT_NE))
    return rt_newref (RT_NOT_IMPLEMENTED);
  result = range_equals ((RtRange *) self, (RtRange *) other);
  if (result == -1)
    return NULL;
  if (op == RT_NE)
    result = !result;
  return rt_bool_new (result);
}

/* hash((len, start, step)), with None for what does not matter. */
static RtHash
range_hash (RtObject *self)
{
  RtRange *r = (RtRange *) self;
  RtObject *t;
  RtHash result;
  int64_t len;
  bool is_one = rt_int_to_i64 (r->length, &len) && len == 1;

  if (rt_int_sign (r->length) == 0)
    t = rt_tuple_pack (3, r->length, RT_NONE, RT_NONE);
  else
    t = rt_tuple_pack (3, r->length, r->start, is_one ? RT_NONE : r->step);
  if (t == NULL)
    return -1;
  result = rt_hash (t);
  rt_decref (t);
  return result;
}

static int
range_bool (RtObject *self)
{
  return rt_int_sign (((RtRange *) self)->length) != 0;
}

/* start, stop and step read as attributes. */
static RtObject *
range_getattro (RtObject *self, RtObject *name)
{
  RtRange *r = (RtRange *) self;

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

static size_t
range_size_of (RtObject *self)
{
  (void) self;
  return CPY_RANGE_SIZE;
}

/* Iterators */

static RtObject *
fast_range_iter (int64_t start, int64_t stop, int64_t step, int64_t len)
{
  RtRangeIter *it;

  (void) stop;
  it = (RtRangeIter *) rt_object_alloc (&rt_range_iter_type, sizeof (RtRangeIter));
  if (it == NULL)
    return NULL;
  it->start = start;
  it->step = step;
  it->len = len;
  it->index = 0;
  RT_EVENT_BORN (it, 0);
  return &it->ob;
}

static void
long_iter_set (RtLongRangeIter *it, RtObject **field, RtRefLabel label, RtObject *value)
{
  *field = value;
  RT_EVENT_REF_ADD (it, rt_slot_label (label), value);
}

/* An iterator over int objects: start, step and len are stolen. */
static RtObject *
long_range_iter (RtObject *start, RtObject *step, RtObject *len)
{
  RtLongRangeIter *it = NULL;

  if (start == NULL || step == NULL || len == NULL)
    goto fail;
  if (!rt_container_type_ready (&rt_longrange_iter_type))
    goto fail;
  it = (RtLongRangeIter *) rt_object_alloc (&rt_longrange_iter_type, sizeof (RtLongRangeIter));
  if (it == NULL)
    goto fail;
  it->index = it->start = it->step = it->len = NULL;
  RT_EVENT_BORN (it, 0);
  long_iter_set (it, &it->index, RT_LABEL_OTHER, rt_int_from_i64 (0));
  long_iter_set (it, &it->start, RT_LABEL_START, start);
  long_iter_set (it, &it->step, RT_LABEL_STEP, step);
  long_iter_set (it, &it->len, RT_LABEL_STOP, len);
  return &it->ob;

fail:
  rt_xdecref (start);
  rt_xdecref (step);
  rt_xdecref (len);
  return NULL;
}

static RtObject *
range_iter (RtObject *self)
{
  RtRange *r = (RtRange *) self;
  int64_t lstart, lstop, lstep;
  uint64_t ulen;

  /* Machine integers when everything fits. */
  if (!rt_int_to_i64 (r->start, &lstart) || !rt_int_to_i64 (r->stop, &lstop)
      || !rt_int_to_i64 (r->step, &lstep))
    goto long_range;
  ulen = get_len_of_range (lstart, lstop, lstep);
  if (ulen > (uint64_t) INT64_MAX)
    goto long_range;
  /* lstart + ulen * lstep must not overflow */
  if (ulen)
    {
      if (lstep > 0)
        {
          if (lstop > INT64_MAX - (lstep - 1))
            goto long_range;
        }
      else if (lstop < INT64_MIN + (-1 - lstep))
        goto long_range;
    }
  return fast_range_iter (lstart, lstop, lstep, (int64_t) ulen);

long_range:
  return long_range_iter (rt_newref (r->start), rt_newref (r->step), rt_newref (r->length));
}

/* reversed(range(start, stop, step)) is range(start + (n-1)*step,
 * start - step, -step). */
static RtObject *
range_reverse (RtObject *self)
{
  RtRange *range = (RtRange *) self;
  RtObject *diff, *product, *sum, *one, *neg;
  int64_t lstart, lstop, lstep, new_start, new_stop;
  uint64_t ulen;

  if (!rt_int_to_i64 (range->start, &lstart) || !rt_int_to_i64 (range->stop, &lstop)
      || !rt_int_to_i64 (range->step, &lstep))
    goto long_range;
  if (lstep == INT64_MIN)
    goto long_range;
  if (lstep > 0)
    {
      if ((uint64_t) lstart - (uint64_t) INT64_MIN < (uint64_t) lstep)
        goto long_range;
    }
  else if ((uint64_t) INT64_MAX - (uint64_t) lstart < 0 - (uint64_t) lstep)
    goto long_range;
  ulen = get_len_of_range (lstart, lstop, lstep);
  if (ulen > (uint64_t) INT64_MAX)
    goto long_range;
  new_stop = lstart - lstep;
  new_start = (int64_t) ((uint64_t) new_stop + ulen * (uint64_t) lstep);
  return fast_range_iter (new_start, new_stop, -lstep, (int64_t) ulen);

long_range:
  one = rt_int_from_i64 (1);
  diff = int_op (range->length, one, RT_OP_SUBTRACT);
  rt_decref (one);
  if (diff == NULL)
    return NULL;
  product = int_op (diff, range->step, RT_OP_MULTIPLY);
  rt_decref (diff);
  if (product == NULL)
    return NULL;
  sum = int_op (range->start, product, RT_OP_ADD);
  rt_decref (product);
  if (sum == NULL)
    return NULL;
  neg = rt_negative (range->step);
  if (neg == NULL)
    {
      rt_decref (sum);
      return NULL;
    }
  return long_range_iter (sum, neg, rt_newref (range->length));
}

/* Methods */

static RtObject *
range_reversed_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("range.__reversed__", nargs, kwnames))
    return NULL;
  return range_reverse (self);
}

static RtObject *
range_count_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t count;

  if (!rt_args_one ("range.count", nargs, kwnames))
    return NULL;
  if (is_exact_int_or_bool (args[0]))
    {
      int result = range_contains_long ((RtRange *) self, args[0]);
      return result < 0 ? NULL : rt_int_from_i64 (result);
    }
  count = rt_sequence_iter_search (self, args[0], RT_ITERSEARCH_COUNT);
  return count < 0 ? NULL : rt_int_from_i64 (count);
}

static RtObject *
range_index_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtRange *r = (RtRange *) self;
  RtObject *ob, *idx, *sidx;
  int contains;

  if (!rt_args_one ("range.index", nargs, kwnames))
    return NULL;
  ob = args[0];
  if (!is_exact_int_or_bool (ob))
    {
      int64_t index = rt_sequence_iter_search (self, ob, RT_ITERSEARCH_INDEX);
      return index < 0 ? NULL : rt_int_from_i64 (index);
    }
  contains = range_contains_long (r, ob);
  if (contains < 0)
    return NULL;
  if (!contains)
    {
      rt_error_format (&rt_exc_ValueError, "%R is not in range", ob);
      return NULL;
    }
  idx = int_op (ob, r->start, RT_OP_SUBTRACT);
  if (idx == NULL)
    return NULL;
  sidx = int_op (idx, r->step, RT_OP_FLOOR_DIVIDE);
  rt_decref (idx);
  return sidx;
}

static const RtMethodDef range_methods[] = {
  { "__reversed__", range_reversed_method, 0 },
  { "count", range_count_method, 0 },
  { "index", range_index_method, 0 },
  { NULL, NULL, 0 },
};

static const RtNumberMethods range_as_number = {
  .as_bool = range_bool,
};

static const RtSequenceMethods range_as_sequence = {
  .length = range_length,
  .item = range_item,
  .contains = range_contains,
};

static const RtMappingMethods range_as_mapping = {
  .length = range_length,
  .subscript = range_subscript,
};

RtType rt_range_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "range",
  .basic_size = sizeof (RtRange),
  .dealloc = range_dealloc,
  .refs = range_refs,
  .repr = range_repr,
  .hash = range_hash,
  .richcompare = range_richcompare,
  .getattro = range_getattro,
  .iter = range_iter,
  .tp_new = range_tp_new,
  .number = &range_as_number,
  .sequence = &range_as_sequence,
  .mapping = &range_as_mapping,
  .methods = range_methods,
  .size_of = range_size_of,
};

/* The machine-integer iterator */

static void
rangeiter_dealloc (RtObject *self)
{
  rt_object_free (self, sizeof (RtRangeIter));
}

static RtObject *
rangeiter_next (RtObject *self)
{
  RtRangeIter *r = (RtRangeIter *) self;

  /* Unsigned arithmetic: the intermediate product may overflow. */
  if (r->index < r->len)
    return rt_int_from_i64 (
      (int64_t) ((uint64_t) r->start + (uint64_t) (r->index++) * (uint64_t) r->step));
  return NULL;
}

static RtObject *
rangeiter_length_hint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtRangeIter *r = (RtRangeIter *) self;

  (void) args;
  if (!rt_args_none ("range_iterator.__length_hint__", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 (r->len - r->index);
}

static const RtMethodDef rangeiter_methods[] = {
  { "__length_hint__", rangeiter_length_hint, 0 },
  { NULL, NULL, 0 },
};

static size_t
rangeiter_size_of (RtObject *self)
{
  (void) self;
  return CPY_RANGE_SIZE;
}

RtType rt_range_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "range_iterator",
  .basic_size = sizeof (RtRangeIter),
  .dealloc = rangeiter_dealloc,
  .iter = rt_self_iter,
  .iternext = rangeiter_next,
  .methods = rangeiter_methods,
  .size_of = rangeiter_size_of,
};

/* The int-object iterator */

static void
longrangeiter_dealloc (RtObject *self)
{
  RtLongRangeIter *r = (RtLongRangeIter *) self;

  rt_xdecref (r->index);
  rt_xdecref (r->start);
  rt_xdecref (r->step);
  rt_xdecref (r->len);
  rt_object_free (self, sizeof (RtLongRangeIter));
}

static void
longrangeiter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtLongRangeIter *r = (RtLongRangeIter *) self;

  if (r->index != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), r->index, arg);
  if (r->start != NULL)
    visit (self, rt_slot_label (RT_LABEL_START), r->start, arg);
  if (r->step != NULL)
    visit (self, rt_slot_label (RT_LABEL_STEP), r->step, arg);
  if (r->len != NULL)
    visit (self, rt_slot_label (RT_LABEL_STOP), r->len, arg);
}

static RtObject *
longrangeiter_next (RtObject *self)
{
  RtLongRangeIter *r = (RtLongRangeIter *) self;
  RtObject *one, *new_index, *product, *result, *old;

  if (rt_richcompare_bool (r->index, r->len, RT_LT) != 1)
    return NULL;
  one = rt_int_from_i64 (1);
  new_index = int_op (r->index, one, RT_OP_ADD);
  rt_decref (one);
  if (new_index == NULL)
    return NULL;
  product = int_op (r->index, r->step, RT_OP_MULTIPLY);
  if (product == NULL)
    {
      rt_decref (new_index);
      return NULL;
    }
  result = int_op (r->start, product, RT_OP_ADD);
  rt_decref (product);
  if (result == NULL)
    {
      rt_decref (new_index);
      return NULL;
    }
  old = r->index;
  r->index = new_index;
  if (rt_events_on ())
    {
      rt_event_ref (RT_EV_REF_DEL, self, rt_slot_label (RT_LABEL_OTHER), old, 0);
      rt_event_ref (RT_EV_REF_ADD, self, rt_slot_label (RT_LABEL_OTHER), new_index, 0);
    }
  rt_decref (old);
  return result;
}

static RtObject *
longrangeiter_length_hint (RtObject *self, RtObject *const *args, size_t nargs,
                           RtObject *kwnames)
{
  RtLongRangeIter *r = (RtLongRangeIter *) self;

  (void) args;
  if (!rt_args_none ("longrange_iterator.__length_hint__", nargs, kwnames))
    return NULL;
  return int_op (r->len, r->index, RT_OP_SUBTRACT);
}

static const RtMethodDef longrangeiter_methods[] = {
  { "__length_hint__", longrangeiter_length_hint, 0 },
  { NULL, NULL, 0 },
};

RtType rt_longrange_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "longrange_iterator",
  .basic_size = sizeof (RtLongRangeIter),
  .dealloc = longrangeiter_dealloc,
  .refs = longrangeiter_refs,
  .iter = rt_self_iter,
  .iternext = longrangeiter_next,
  .methods = longrangeiter_methods,
  .size_of = rangeiter_size_of,
};
