/* iter.c: iterators over __getitem__, reversed, enumerate, zip and
 * iter(f, sentinel), and helpers the container files share. */
#include "abstract.h"
#include "class.h"
#include "container-private.h"
#include "dict.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "range.h"
#include "runtime.h"
#include "runtime-private.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <string.h>

/* Shared helpers */

RtObject *
rt_self_iter (RtObject *self)
{
  return rt_newref (self);
}

int64_t
rt_index_as_ssize (RtObject *item, RtType *exc)
{
  RtObject *value = rt_number_index (item);
  int64_t result;

  if (value == NULL)
    return -1;
  if (!rt_int_to_i64 (value, &result))
    {
      if (exc == NULL)
        result = rt_int_sign (value) < 0 ? INT64_MIN : INT64_MAX;
      else
        {
          rt_error_format (exc, "cannot fit '%T' into an index-sized integer", item);
          result = -1;
        }
    }
  rt_decref (value);
  return result;
}

static bool
has_len (RtObject *o)
{
  RtType *t = RT_TYPE (o);

  return (t->sequence != NULL && t->sequence->length != NULL)
         || (t->mapping != NULL && t->mapping->length != NULL);
}

int64_t
rt_length_hint (RtObject *o, int64_t dflt)
{
  RtObject *result;
  int64_t res;

  if (has_len (o))
    {
      res = rt_length (o);
      if (res >= 0)
        return res;
      if (!rt_error_matches (&rt_exc_TypeError))
        return -1;
      rt_error_clear ();
    }
  if (rt_type_lookup_cstr (RT_TYPE (o), "__length_hint__") == NULL)
    return dflt;
  result = rt_call_method (o, "__length_hint__", NULL, 0);
  if (result == NULL)
    {
      if (rt_error_matches (&rt_exc_TypeError))
        {
          rt_error_clear ();
          return dflt;
        }
      return -1;
    }
  if (result == RT_NOT_IMPLEMENTED)
    {
      rt_decref (result);
      return dflt;
    }
  if (!rt_is_int (result))
    {
      rt_error_format (&rt_exc_TypeError, "__length_hint__ must be an integer, not %T", result);
      rt_decref (result);
      return -1;
    }
  res = rt_int_as_ssize (result);
  rt_decref (result);
  if (res < 0 && rt_error_occurred ())
    return -1;
  if (res < 0)
    {
      rt_error_format (&rt_exc_ValueError, "__length_hint__() should return >= 0");
      return -1;
    }
  return res;
}

RtObject *
rt_sequence_fast (RtObject *v, const char *message)
{
  RtObject *it, *result;

  if (RT_TYPE (v) == &rt_list_type || RT_TYPE (v) == &rt_tuple_type)
    return rt_newref (v);
  it = rt_iter (v);
  if (it == NULL)
    {
      if (rt_error_matches (&rt_exc_TypeError))
        {
          rt_error_clear ();
          rt_error_format (&rt_exc_TypeError, "%s", message);
        }
      return NULL;
    }
  result = rt_list_from_iterable (it);
  rt_decref (it);
  return result;
}

int64_t
rt_sequence_iter_search (RtObject *seq, RtObject *obj, int operation)
{
  RtObject *it = rt_iter (seq);
  int64_t n = 0;

  if (it == NULL)
    {
      if (rt_error_matches (&rt_exc_TypeError))
        {
          rt_error_clear ();
          rt_error_format (&rt_exc_TypeError, "argument of type '%T' is not iterable", seq);
        }
      return -1;
    }
  for (;;)
    {
      RtObject *item = rt_iter_next (it);
      int cmp;

      if (item == NULL)
        {
          if (rt_error_occurred ())
            goto fail;
          break;
        }
      cmp = rt_richcompare_bool (item, obj, RT_EQ);
      rt_decref (item);
      if (cmp < 0)
        goto fail;
      if (cmp > 0)
        {
          if (operation == RT_ITERSEARCH_COUNT)
            n++;
          else if (operation == RT_ITERSEARCH_INDEX)
            goto done;
          else
            {
              n = 1;
              goto done;
            }
        }
      else if (operation == RT_ITERSEARCH_INDEX)
        n++;
    }
  if (operation != RT_ITERSEARCH_INDEX)
    goto done;
  rt_error_format (&rt_exc_ValueError, "sequence.index(x): x not in sequence");
fail:
  n = -1;
done:
  rt_decref (it);
  return n;
}

bool
rt_index_bounds (RtObject *const *args, size_t nargs, int64_t size, int64_t *start,
                 int64_t *stop)
{
  *start = 0;
  *stop = INT64_MAX;
  for (size_t k = 1; k < nargs && k < 3; k++)
    {
      int64_t v;

      if (!rt_index_check (args[k]))
        {
          rt_error_format (&rt_exc_TypeError,
                           "slice indices must be integers or have an __index__ method");
          return false;
        }
      v = rt_index_as_ssize (args[k], NULL);
      if (v == -1 && rt_error_occurred ())
        return false;
      if (v < 0)
        {
          v += size;
          if (v < 0)
            v = 0;
        }
      if (k == 1)
        *start = v;
      else
        *stop = v;
    }
  return true;
}

RtObject *
rt_container_alloc (RtType *type, size_t size)
{
  RtObject *obj = RT_TYPE_HAS (type, RT_TPFLAG_GC) ? rt_gc_alloc (type, size)
                                                   : rt_object_alloc (type, size);

  if (obj != NULL)
    memset ((char *) obj + sizeof (RtObject), 0, size - sizeof (RtObject));
  return obj;
}

void
rt_container_born (RtObject *obj, uint32_t flags)
{
  RT_EVENT_BORN (obj, flags);
  if (RT_TYPE_HAS (RT_TYPE (obj), RT_TPFLAG_HEAPTYPE))
    RT_EVENT_REF_ADD (obj, rt_slot_label (RT_LABEL_CLASS), RT_TYPE (obj));
}

/* Types readied on first use: rt_type_ready keeps the list of readied
 * built-in types (and the roots their namespaces are); this one only
 * remembers which to release. */
#define MAX_PRIVATE_TYPES 32

static RtType *ready_types[MAX_PRIVATE_TYPES];
static size_t n_ready_types;

bool
rt_container_type_ready (RtType *type)
{
  for (size_t i = 0; i < n_ready_types; i++)
    if (ready_types[i] == type)
      return true;
  if (type->mro != NULL)
    return true;  /* readied by the runtime itself */
  if (n_ready_types == MAX_PRIVATE_TYPES || !rt_type_ready (type))
    return false;
  ready_types[n_ready_types++] = type;
  return true;
}

void
rt_container_types_fini (void)
{
  while (n_ready_types > 0)
    rt_type_fini_static (ready_types[--n_ready_types]);
}

/* The sequence iterator: seq[0], seq[1]... until IndexError */

typedef struct
{
  RtObject ob;
  int64_t index;
  RtObject *seq;   /* NULL once exhausted */
} RtSeqIter;

/* One layout serves the iterators holding a single object. */
static int
single_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtSeqIter *) self)->seq);
  return 0;
}

static void
single_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtSeqIter *it = (RtSeqIter *) self;

  if (it->seq != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), it->seq, arg);
}

static void
single_dealloc (RtObject *self)
{
  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (((RtSeqIter *) self)->seq);
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static void
single_release (RtSeqIter *it)
{
  RtObject *seq = it->seq;

  it->seq = NULL;
  RT_EVENT_REF_DEL (it, rt_slot_label (RT_LABEL_ITERATED), seq);
  rt_decref (seq);
}

static size_t
single_size_of (RtObject *self)
{
  (void) self;
  return 32;  /* PyObject_HEAD, an index and the sequence */
}

static RtObject *
single_alloc (RtType *type, RtObject *seq, int64_t index)
{
  RtSeqIter *it = (RtSeqIter *) rt_container_alloc (type, type->basic_size);

  if (it == NULL)
    return NULL;
  rt_container_born (&it->ob, 0);
  it->index = index;
  it->seq = rt_newref (seq);
  RT_EVENT_REF_ADD (it, rt_slot_label (RT_LABEL_ITERATED), seq);
  rt_gc_track (&it->ob);
  return &it->ob;
}

RtObject *
rt_seq_iter_new (RtObject *seq)
{
  return single_alloc (&rt_seq_iter_type, seq, 0);
}

/* seq[i] as PySequence_GetItem, i >= 0. */
static RtObject *
sequence_get_item (RtObject *seq, int64_t i)
{
  RtObject *index, *item;

  if (RT_TYPE (seq)->sequence != NULL && RT_TYPE (seq)->sequence->item != NULL)
    return RT_TYPE (seq)->sequence->item (seq, i);
  index = rt_int_from_i64 (i);
  if (index == NULL)
    return NULL;
  item = rt_getitem (seq, index);
  rt_decref (index);
  return item;
}

static RtObject *
seqiter_next (RtObject *self)
{
  RtSeqIter *it = (RtSeqIter *) self;
  RtObject *result;

  if (it->seq == NULL)
    return NULL;
  if (it->index == INT64_MAX)
    {
      rt_error_format (&rt_exc_OverflowError, "iter index too large");
      return NULL;
    }
  result = sequence_get_item (it->seq, it->index);
  if (result != NULL)
    {
      it->index++;
      return result;
    }
  if (rt_error_matches (&rt_exc_IndexError) || rt_error_matches (&rt_exc_StopIteration))
    {
      rt_error_clear ();
      single_release (it);
    }
  return NULL;
}

static RtObject *
seqiter_length_hint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtSeqIter *it = (RtSeqIter *) self;

  (void) args;
  if (!rt_args_none ("iterator.__length_hint__", nargs, kwnames))
    return NULL;
  if (it->seq != NULL)
    {
      int64_t seqsize, len;
      if (!has_len (it->seq))
        return rt_newref (RT_NOT_IMPLEMENTED);
      seqsize = rt_length (it->seq);
      if (seqsize == -1)
        return NULL;
      len = seqsize - it->index;
      if (len >= 0)
        return rt_int_from_i64 (len);
    }
  return rt_int_from_i64 (0);
}

static const RtMethodDef seqiter_methods[] = {
  { "__length_hint__", seqiter_length_hint, 0 },
  { NULL, NULL, 0 },
};

RtType rt_seq_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "iterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtSeqIter),
  .dealloc = single_dealloc,
  .traverse = single_traverse,
  .refs = single_refs,
  .iter = rt_self_iter,
  .iternext = seqiter_next,
  .methods = seqiter_methods,
  .size_of = single_size_of,
};

/* reversed() */

static bool
sequence_check (RtObject *s)
{
  if (rt_is_dict (s))
    return false;
  return RT_TYPE (s)->sequence != NULL && RT_TYPE (s)->sequence->item != NULL;
}

static RtObject *
reversed_impl (RtType *type, RtObject *seq)
{
  RtObject *reversed_meth = rt_type_lookup_cstr (RT_TYPE (seq), "__reversed__");
  int64_t n;

  if (reversed_meth == RT_NONE)
    {
      rt_error_format (&rt_exc_TypeError, "'%T' object is not reversible", seq);
      return NULL;
    }
  if (reversed_meth != NULL)
    {
      if (RT_TYPE (seq) == &rt_list_type)
        return rt_list_reversed_new (seq);
      return rt_call_method (seq, "__reversed__", NULL, 0);
    }
  if (!sequence_check (seq))
    {
      rt_error_format (&rt_exc_TypeError, "'%T' object is not reversible", seq);
      return NULL;
    }
  n = rt_length (seq);
  if (n == -1)
    return NULL;
  return single_alloc (type, seq, n - 1);
}

RtObject *
rt_reversed_new (RtObject *seq)
{
  return reversed_impl (&rt_reversed_type, seq);
}

static RtObject *
reversed_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if ((type == &rt_reversed_type && !rt_args_no_kw ("reversed", kwnames))
      || !rt_args_check ("reversed", nargs, 1, 1))
    return NULL;
  return reversed_impl (type, args[0]);
}

static RtObject *
reversed_next (RtObject *self)
{
  RtSeqIter *ro = (RtSeqIter *) self;
  int64_t index = ro->index;

  if (index >= 0 && ro->seq != NULL)
    {
      RtObject *item = sequence_get_item (ro->seq, index);
      if (item != NULL)
        {
          ro->index--;
          return item;
        }
      if (rt_error_matches (&rt_exc_IndexError) || rt_error_matches (&rt_exc_StopIteration))
        rt_error_clear ();
    }
  ro->index = -1;
  if (ro->seq != NULL)
    single_release (ro);
  return NULL;
}

static RtObject *
reversed_length_hint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtSeqIter *ro = (RtSeqIter *) self;
  int64_t position, seqsize;

  (void) args;
  if (!rt_args_none ("reversed.__length_hint__", nargs, kwnames))
    return NULL;
  if (ro->seq == NULL)
    return rt_int_from_i64 (0);
  seqsize = rt_length (ro->seq);
  if (seqsize == -1)
    return NULL;
  position = ro->index + 1;
  return rt_int_from_i64 (seqsize < position ? 0 : position);
}

static const RtMethodDef reversed_methods[] = {
  { "__length_hint__", reversed_length_hint, 0 },
  { NULL, NULL, 0 },
};

RtType rt_reversed_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "reversed",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtSeqIter),
  .dealloc = single_dealloc,
  .traverse = single_traverse,
  .refs = single_refs,
  .iter = rt_self_iter,
  .iternext = reversed_next,
  .tp_new = reversed_tp_new,
  .methods = reversed_methods,
  .size_of = single_size_of,
};

/* Replaces item i of a tuple only its owner holds (a reused result).
 * Steals item. */
static void
result_set_item (RtObject *result, int64_t i, RtObject *item)
{
  RtObject *old = RT_TUPLE_ITEMS (result)[i];

  if (old != NULL)
    RT_EVENT_REF_DEL (result, rt_slot_index (i), old);
  rt_tuple_init_item (result, i, item);
  rt_xdecref (old);
}

/* enumerate() */

typedef struct
{
  RtObject ob;
  int64_t index;
  RtObject *sit;        /* the underlying iterator */
  RtObject *result;     /* the reused (index, item) tuple */
  RtObject *longindex;  /* the index once it outgrows 64 bits */
} RtEnumerate;

static RtObject *
enumerate_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *iterable = NULL, *start = NULL;
  RtEnumerate *en;
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;

  if (nargs + nkw > 2)
    {
      rt_error_format (&rt_exc_TypeError, "enumerate() takes at most 2 arguments (%zu given)",
                       nargs + nkw);
      return NULL;
    }
  if (nargs > 0)
    iterable = args[0];
  if (nargs > 1)
    start = args[1];
  for (size_t i = 0; i < nkw; i++)
    {
      RtObject *name = RT_TUPLE_ITEMS (kwnames)[i];
      RtObject **slot = rt_str_equal_cstr (name, "iterable") ? &iterable
                        : rt_str_equal_cstr (name, "start")  ? &start
                                                             : NULL;
      if (slot == NULL)
        {
          rt_error_format (&rt_exc_TypeError, "'%S' is an invalid keyword argument for enumerate()",
                           name);
          return NULL;
        }
      if (*slot != NULL)
        {
          rt_error_format (&rt_exc_TypeError,
                           "argument for enumerate() given by name ('%S') and position (%d)",
                           name, slot == &iterable ? 1 : 2);
          return NULL;
        }
      *slot = args[nargs + i];
    }
  if (iterable == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "enumerate() missing required argument 'iterable'");
      return NULL;
    }

  en = (RtEnumerate *) rt_container_alloc (type, type->basic_size);
  if (en == NULL)
    return NULL;
  rt_container_born (&en->ob, 0);
  rt_gc_track (&en->ob);
  if (start != NULL)
    {
      RtObject *s = rt_number_index (start);
      if (s == NULL)
        goto fail;
      if (rt_int_to_i64 (s, &en->index) && en->index != INT64_MAX)
        rt_decref (s);
      else
        {
          en->index = INT64_MAX;
          en->longindex = s;
          RT_EVENT_REF_ADD (en, rt_slot_label (RT_LABEL_OTHER), s);
        }
    }
  en->sit = rt_iter (iterable);
  if (en->sit == NULL)
    goto fail;
  RT_EVENT_REF_ADD (en, rt_slot_label (RT_LABEL_ITERATED), en->sit);
  en->result = rt_tuple_pack (2, RT_NONE, RT_NONE);
  if (en->result == NULL)
    goto fail;
  RT_EVENT_REF_ADD (en, rt_slot_label (RT_LABEL_RESULT), en->result);
  return &en->ob;

fail:
  rt_decref (&en->ob);
  return NULL;
}

static void
enumerate_dealloc (RtObject *self)
{
  RtEnumerate *en = (RtEnumerate *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (en->sit);
  rt_xdecref (en->result);
  rt_xdecref (en->longindex);
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static int
enumerate_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtEnumerate *en = (RtEnumerate *) self;

  RT_VISIT (en->sit);
  RT_VISIT (en->result);
  RT_VISIT (en->longindex);
  return 0;
}

static void
enumerate_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtEnumerate *en = (RtEnumerate *) self;

  if (en->sit != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), en->sit, arg);
  if (en->result != NULL)
    visit (self, rt_slot_label (RT_LABEL_RESULT), en->result, arg);
  if (en->longindex != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), en->longindex, arg);
}

/* (index, item) in the enumerate's own tuple when only it holds that.
 * Steals next_index and next_item. */
static RtObject *
enumerate_result (RtEnumerate *en, RtObject *next_index, RtObject *next_item)
{
  RtObject *result = en->result;

  if (RT_REFCNT (result) == 1)
    {
      rt_incref (result);
      result_set_item (result, 0, next_index);
      result_set_item (result, 1, next_item);
      /* A collection may have untracked it (bpo-42536). */
      if (!rt_gc_is_tracked (result))
        rt_gc_track (result);
      return result;
    }
  result = rt_tuple_new (2);
  if (result == NULL)
    {
      rt_decref (next_index);
      rt_decref (next_item);
      return NULL;
    }
  rt_tuple_init_item (result, 0, next_index);
  rt_tuple_init_item (result, 1, next_item);
  return result;
}

static RtObject *
enumerate_next (RtObject *self)
{
  RtEnumerate *en = (RtEnumerate *) self;
  RtObject *next_item, *next_index;

  next_item = rt_iter_next (en->sit);
  if (next_item == NULL)
    return NULL;
  if (en->index == INT64_MAX)
    {
      RtObject *one, *stepped;

      if (en->longindex == NULL)
        {
          en->longindex = rt_int_from_i64 (INT64_MAX);
          if (en->longindex == NULL)
            {
              rt_decref (next_item);
              return NULL;
            }
          RT_EVENT_REF_ADD (en, rt_slot_label (RT_LABEL_OTHER), en->longindex);
        }
      next_index = en->longindex;
      one = rt_int_from_i64 (1);
      stepped = rt_binary_op (next_index, one, RT_OP_ADD);
      rt_decref (one);
      if (stepped == NULL)
        {
          rt_decref (next_item);
          return NULL;
        }
      RT_EVENT_REF_DEL (en, rt_slot_label (RT_LABEL_OTHER), next_index);
      en->longindex = stepped;
      RT_EVENT_REF_ADD (en, rt_slot_label (RT_LABEL_OTHER), stepped);
      /* The old index's reference becomes the result's. */
    }
  else
    {
      next_index = rt_int_from_i64 (en->index);
      if (next_index == NULL)
        {
          rt_decref (next_item);
          return NULL;
        }
      en->index++;
    }
  return enumerate_result (en, next_index, next_item);
}

static size_t
enumerate_size_of (RtObject *self)
{
  (void) self;
  return 56;  /* PyObject_HEAD, index, iterator, result, long index, one */
}

RtType rt_enumerate_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "enumerate",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtEnumerate),
  .dealloc = enumerate_dealloc,
  .traverse = enumerate_traverse,
  .refs = enumerate_refs,
  .iter = rt_self_iter,
  .iternext = enumerate_next,
  .tp_new = enumerate_tp_new,
  .size_of = enumerate_size_of,
};

/* zip() */

typedef struct
{
  RtObject ob;
  int64_t tuplesize;
  RtObject *ittuple;   /* the iterators */
  RtObject *result;    /* the reused result tuple */
  bool strict;
} RtZip;

static RtObject *
zip_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *ittuple = NULL, *result = NULL;
  RtZip *lz;
  bool strict = false;

  for (int64_t i = 0; kwnames != NULL && i < RT_TUPLE_SIZE (kwnames); i++)
    {
      RtObject *name = RT_TUPLE_ITEMS (kwnames)[i];
      int truth;

      if (!rt_str_equal_cstr (name, "strict"))
        {
          rt_error_format (&rt_exc_TypeError, "zip() got an unexpected keyword argument '%S'",
                           name);
          return NULL;
        }
      truth = rt_is_true (args[nargs + (size_t) i]);
      if (truth < 0)
        return NULL;
      strict = truth;
    }
  ittuple = rt_tuple_new ((int64_t) nargs);
  if (ittuple == NULL)
    return NULL;
  for (size_t i = 0; i < nargs; i++)
    {
      RtObject *it = rt_iter (args[i]);
      if (it == NULL)
        goto fail;
      rt_tuple_init_item (ittuple, (int64_t) i, it);
    }
  result = rt_tuple_new ((int64_t) nargs);
  if (result == NULL)
    goto fail;
  for (size_t i = 0; i < nargs; i++)
    rt_tuple_init_item (result, (int64_t) i, rt_none_new ());
  lz = (RtZip *) rt_container_alloc (type, type->basic_size);
  if (lz == NULL)
    goto fail;
  rt_container_born (&lz->ob, 0);
  rt_gc_track (&lz->ob);
  lz->ittuple = ittuple;
  RT_EVENT_REF_ADD (lz, rt_slot_label (RT_LABEL_ITERATED), ittuple);
  lz->tuplesize = (int64_t) nargs;
  lz->result = result;
  RT_EVENT_REF_ADD (lz, rt_slot_label (RT_LABEL_RESULT), result);
  lz->strict = strict;
  return &lz->ob;

fail:
  /* A tuple not yet filled holds NULLs, which its dealloc skips. */
  rt_xdecref (result);
  rt_decref (ittuple);
  return NULL;
}

static void
zip_dealloc (RtObject *self)
{
  RtZip *lz = (RtZip *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (lz->ittuple);
  rt_xdecref (lz->result);
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static int
zip_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtZip *lz = (RtZip *) self;

  RT_VISIT (lz->ittuple);
  RT_VISIT (lz->result);
  return 0;
}

static void
zip_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtZip *lz = (RtZip *) self;

  if (lz->ittuple != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), lz->ittuple, arg);
  if (lz->result != NULL)
    visit (self, rt_slot_label (RT_LABEL_RESULT), lz->result, arg);
}

/* strict=True: which argument ran out first, as a ValueError. */
static RtObject *
zip_check_lengths (RtZip *lz, int64_t i)
{
  if (rt_error_occurred ())
    return NULL;
  if (i)
    {
      rt_error_format (&rt_exc_ValueError, "zip() argument %lld is shorter than argument%s%lld",
                       (long long) (i + 1), i == 1 ? " " : "s 1-", (long long) i);
      return NULL;
    }
  for (i = 1; i < lz->tuplesize; i++)
    {
      RtObject *item = rt_iter_next (RT_TUPLE_ITEMS (lz->ittuple)[i]);
      if (item != NULL)
        {
          rt_decref (item);
          rt_error_format (&rt_exc_ValueError,
                           "zip() argument %lld is longer than argument%s%lld",
                           (long long) (i + 1), i == 1 ? " " : "s 1-", (long long) i);
          return NULL;
        }
      if (rt_error_occurred ())
        return NULL;
    }
  return NULL;
}

static RtObject *
zip_next (RtObject *self)
{
  RtZip *lz = (RtZip *) self;
  int64_t i, tuplesize = lz->tuplesize;
  RtObject *result = lz->result;

  if (tuplesize == 0)
    return NULL;
  if (RT_REFCNT (result) == 1)
    {
      rt_incref (result);
      for (i = 0; i < tuplesize; i++)
        {
          RtObject *item = rt_iter_next (RT_TUPLE_ITEMS (lz->ittuple)[i]);
          if (item == NULL)
            {
              rt_decref (result);
              return lz->strict ? zip_check_lengths (lz, i) : NULL;
            }
          result_set_item (result, i, item);
        }
      /* A collection may have untracked it (bpo-42536). */
      if (!rt_gc_is_tracked (result))
        rt_gc_track (result);
      return result;
    }
  result = rt_tuple_new (tuplesize);
  if (result == NULL)
    return NULL;
  for (i = 0; i < tuplesize; i++)
    {
      RtObject *item = rt_iter_next (RT_TUPLE_ITEMS (lz->ittuple)[i]);
      if (item == NULL)
        {
          rt_decref (result);
          return lz->strict ? zip_check_lengths (lz, i) : NULL;
        }
      rt_tuple_init_item (result, i, item);
    }
  return result;
}

static size_t
zip_size_of (RtObject *self)
{
  (void) self;
  return 48;  /* PyObject_HEAD, the size, iterators, result, strict */
}

RtType rt_zip_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "zip",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE | RT_TPFLAG_VECTORCALL,
  .basic_size = sizeof (RtZip),
  .dealloc = zip_dealloc,
  .traverse = zip_traverse,
  .refs = zip_refs,
  .iter = rt_self_iter,
  .iternext = zip_next,
  .tp_new = zip_tp_new,
  .size_of = zip_size_of,
};

/* iter(callable, sentinel) */

typedef struct
{
  RtObject ob;
  RtObject *callable;  /* NULL once exhausted */
  RtObject *sentinel;
} RtCallIter;

RtObject *
rt_callable_iter_new (RtObject *callable, RtObject *sentinel)
{
  RtCallIter *it = (RtCallIter *) rt_gc_alloc (&rt_callable_iter_type, sizeof (RtCallIter));

  if (it == NULL)
    return NULL;
  RT_EVENT_BORN (it, 0);
  it->callable = rt_newref (callable);
  RT_EVENT_REF_ADD (it, rt_slot_label (RT_LABEL_ITERATED), callable);
  it->sentinel = rt_newref (sentinel);
  RT_EVENT_REF_ADD (it, rt_slot_label (RT_LABEL_OTHER), sentinel);
  rt_gc_track (&it->ob);
  return &it->ob;
}

static void
calliter_dealloc (RtObject *self)
{
  RtCallIter *it = (RtCallIter *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (it->callable);
  rt_xdecref (it->sentinel);
  rt_gc_free (self, sizeof (RtCallIter));
}

static int
calliter_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtCallIter *it = (RtCallIter *) self;

  RT_VISIT (it->callable);
  RT_VISIT (it->sentinel);
  return 0;
}

static void
calliter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtCallIter *it = (RtCallIter *) self;

  if (it->callable != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), it->callable, arg);
  if (it->sentinel != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), it->sentinel, arg);
}

static void
calliter_release (RtCallIter *it)
{
  RtObject *callable = it->callable, *sentinel = it->sentinel;

  it->callable = NULL;
  it->sentinel = NULL;
  RT_EVENT_REF_DEL (it, rt_slot_label (RT_LABEL_ITERATED), callable);
  RT_EVENT_REF_DEL (it, rt_slot_label (RT_LABEL_OTHER), sentinel);
  rt_decref (callable);
  rt_decref (sentinel);
}

static RtObject *
calliter_next (RtObject *self)
{
  RtCallIter *it = (RtCallIter *) self;
  RtObject *result;

  if (it->callable == NULL)
    return NULL;
  result = rt_call_noargs (it->callable);
  if (result != NULL)
    {
      int ok = rt_richcompare_bool (it->sentinel, result, RT_EQ);
      if (ok == 0)
        return result;
      if (ok > 0)
        calliter_release (it);
    }
  else if (rt_error_matches (&rt_exc_StopIteration))
    {
      rt_error_clear ();
      calliter_release (it);
    }
  rt_xdecref (result);
  return NULL;
}

static size_t
calliter_size_of (RtObject *self)
{
  (void) self;
  return 32;  /* PyObject_HEAD, the callable and the sentinel */
}

RtType rt_callable_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "callable_iterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtCallIter),
  .dealloc = calliter_dealloc,
  .traverse = calliter_traverse,
  .refs = calliter_refs,
  .iter = rt_self_iter,
  .iternext = calliter_next,
  .size_of = calliter_size_of,
};
