/* tuple.c: tuples as CPython 3.11's tupleobject.c: the shared empty tuple,
 * free lists for lengths 1-19, the xxHash-based hash, and the iterator. */
#include "tuple.h"
#include "abstract.h"
#include "container-private.h"
#include "dict.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "mem.h"
#include "range.h"
#include "runtime.h"
#include "singletons.h"
#include "str.h"

#include <string.h>

/* Tuples of length 1..RT_TUPLE_MAXSAVESIZE-1 are kept, up to 2000 each. */
#define RT_TUPLE_MAXSAVESIZE 20
#define RT_TUPLE_MAXFREELIST 2000

/* CPython's sizeof(PyTupleObject) without the item array. */
#define CPY_TUPLE_BASIC 24

typedef struct
{
  RtObject ob;
  int64_t index;
  RtObject *seq;   /* NULL once exhausted */
} RtTupleIter;

static RtObject *empty_tuple;
/* Free tuples of length i+1, linked through items[0]. While on a list a
 * tuple's size reads 0, so nothing walking the heap sees its stale slots. */
static RtTuple *free_list[RT_TUPLE_MAXSAVESIZE - 1];
static int free_count[RT_TUPLE_MAXSAVESIZE - 1];

static size_t
tuple_alloc_size (RtType *type, int64_t n)
{
  return (size_t) type->basic_size + (size_t) n * sizeof (RtObject *);
}

/* An untracked tuple of n NULL slots, from a free list when one has a tuple
 * of that length (not counted by the collector, as in CPython). */
static RtTuple *
tuple_alloc (int64_t n)
{
  RtTuple *op;
  uint32_t flags = 0;

  if (n < RT_TUPLE_MAXSAVESIZE && free_list[n - 1] != NULL)
    {
      op = free_list[n - 1];
      free_list[n - 1] = (RtTuple *) op->items[0];
      free_count[n - 1]--;
      RT_AS_GC (op)->next = 0;
      RT_AS_GC (op)->prev = 0;
      rt_object_reinit (&op->ob);
      flags = RT_EVF_FREELIST;
    }
  else
    {
      if ((uint64_t) n > (UINT64_C (1) << 40))
        return (RtTuple *) rt_error_no_memory ();
      op = (RtTuple *) rt_gc_alloc (&rt_tuple_type, tuple_alloc_size (&rt_tuple_type, n));
      if (op == NULL)
        return NULL;
    }
  op->size = n;
  memset (op->items, 0, (size_t) n * sizeof (RtObject *));
  RT_EVENT_BORN (op, flags);
  return op;
}

RtObject *
rt_tuple_new (int64_t size)
{
  RtTuple *op;

  if (size <= 0)
    return rt_newref (empty_tuple);
  op = tuple_alloc (size);
  if (op == NULL)
    return NULL;
  rt_gc_track (&op->ob);
  return &op->ob;
}

void
rt_tuple_init_item (RtObject *tuple, int64_t i, RtObject *item)
{
  RT_TUPLE_ITEMS (tuple)[i] = item;
  RT_EVENT_REF_ADD (tuple, rt_slot_index (i), item);
}

RtObject *
rt_tuple_from_array (RtObject *const *items, size_t n)
{
  RtTuple *op;

  if (n == 0)
    return rt_newref (empty_tuple);
  op = tuple_alloc ((int64_t) n);
  if (op == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    rt_tuple_init_item (&op->ob, (int64_t) i, rt_newref (items[i]));
  rt_gc_track (&op->ob);
  return &op->ob;
}

RtObject *
rt_tuple_pack (size_t n, ...)
{
  RtTuple *op;
  va_list ap;

  if (n == 0)
    return rt_newref (empty_tuple);
  op = tuple_alloc ((int64_t) n);
  if (op == NULL)
    return NULL;
  va_start (ap, n);
  for (size_t i = 0; i < n; i++)
    rt_tuple_init_item (&op->ob, (int64_t) i, rt_newref (va_arg (ap, RtObject *)));
  va_end (ap);
  rt_gc_track (&op->ob);
  return &op->ob;
}

/* _PyTuple_Resize: *pv must be an exact tuple nobody else refers to. On
 * failure *pv is freed and set to NULL. */
static int
tuple_resize (RtObject **pv, int64_t newsize)
{
  RtTuple *v = (RtTuple *) *pv;
  int64_t oldsize = v->size;
  RtObject *sv;

  if (oldsize == newsize)
    return 0;
  if (newsize == 0)
    {
      rt_decref (&v->ob);
      *pv = rt_newref (empty_tuple);
      return 0;
    }
  if (oldsize == 0)
    {
      /* The empty tuple is shared: never resized in place. */
      rt_decref (&v->ob);
      *pv = rt_tuple_new (newsize);
      return *pv == NULL ? -1 : 0;
    }
  if (rt_gc_is_tracked (&v->ob))
    rt_gc_untrack (&v->ob);
  for (int64_t i = newsize; i < oldsize; i++)
    {
      RtObject *item = v->items[i];
      if (item != NULL)
        {
          v->items[i] = NULL;
          RT_EVENT_REF_DEL (v, rt_slot_index (i), item);
          rt_decref (item);
        }
    }
  sv = rt_gc_resize (&v->ob, tuple_alloc_size (&rt_tuple_type, oldsize),
                     tuple_alloc_size (&rt_tuple_type, newsize));
  if (sv == NULL)
    {
      /* Items [0, newsize) are dropped with the tuple. */
      v->size = newsize < oldsize ? newsize : oldsize;
      rt_decref (&v->ob);
      *pv = NULL;
      return -1;
    }
  v = (RtTuple *) sv;
  if (newsize > oldsize)
    memset (&v->items[oldsize], 0, (size_t) (newsize - oldsize) * sizeof (RtObject *));
  v->size = newsize;
  *pv = sv;
  rt_gc_track (sv);
  return 0;
}

RtObject *
rt_tuple_from_iterable (RtObject *v)
{
  RtObject *it = NULL, *result = NULL;
  int64_t n, j;

  if (RT_TYPE (v) == &rt_tuple_type)
    return rt_newref (v);
  if (RT_TYPE (v) == &rt_list_type)
    return rt_list_as_tuple (v);

  it = rt_iter (v);
  if (it == NULL)
    return NULL;
  /* Guess the size, grow by ten and a quarter, cut back at the end. */
  n = rt_length_hint (v, 10);
  if (n == -1)
    goto fail;
  result = rt_tuple_new (n);
  if (result == NULL)
    goto fail;
  for (j = 0;; j++)
    {
      RtObject *item = rt_iter_next (it);
      if (item == NULL)
        {
          if (rt_error_occurred ())
            goto fail;
          break;
        }
      if (j >= n)
        {
          uint64_t newn = (uint64_t) n + 10;
          newn += newn >> 2;
          if (newn > (UINT64_C (1) << 40))
            {
              rt_decref (item);
              rt_error_no_memory ();
              goto fail;
            }
          n = (int64_t) newn;
          if (tuple_resize (&result, n) != 0)
            {
              rt_decref (item);
              goto fail;
            }
        }
      rt_tuple_init_item (result, j, item);
    }
  if (j < n && tuple_resize (&result, j) != 0)
    goto fail;
  rt_decref (it);
  return result;

fail:
  rt_xdecref (result);
  rt_decref (it);
  return NULL;
}

void
rt_tuple_maybe_untrack (RtObject *op)
{
  RtTuple *t = (RtTuple *) op;

  if (RT_TYPE (op) != &rt_tuple_type || !rt_gc_is_tracked (op))
    return;
  for (int64_t i = 0; i < t->size; i++)
    {
      RtObject *elt = t->items[i];
      /* A tuple still being filled is not untracked yet. */
      if (elt == NULL || rt_gc_may_be_tracked (elt))
        return;
    }
  rt_gc_untrack (op);
}

RtObject *
rt_tuple_empty (void)
{
  return empty_tuple;
}

void
rt_tuple_clear_freelist (void)
{
  for (int i = 0; i < RT_TUPLE_MAXSAVESIZE - 1; i++)
    {
      RtTuple *p = free_list[i];
      free_list[i] = NULL;
      free_count[i] = 0;
      while (p != NULL)
        {
          RtTuple *next = (RtTuple *) p->items[0];
          rt_gc_free (&p->ob, tuple_alloc_size (&rt_tuple_type, i + 1));
          p = next;
        }
    }
}

bool
rt_tuple_init (void)
{
  RtTuple *op;

  op = (RtTuple *) rt_gc_alloc (&rt_tuple_type, tuple_alloc_size (&rt_tuple_type, 0));
  if (op == NULL)
    return false;
  op->size = 0;
  empty_tuple = &op->ob;
  RT_EVENT_BORN (op, RT_EVF_CACHED);
  /* The runtime's own reference, for the heap invariant. */
  rt_root_register (&empty_tuple, 1);
  return true;
}

/* The end of the runtime, for all the containers: the free lists go before
 * the arenas they live in. */
void
rt_tuple_fini (void)
{
  rt_container_types_fini ();
  rt_list_clear_freelist ();
  rt_dict_clear_freelist ();
  rt_slice_fini ();
  rt_tuple_clear_freelist ();
  if (empty_tuple != NULL)
    {
      rt_gc_free (empty_tuple, tuple_alloc_size (&rt_tuple_type, 0));
      empty_tuple = NULL;
    }
}

/* The type's slots */

static void
tuple_dealloc (RtObject *self)
{
  RtTuple *op = (RtTuple *) self;
  int64_t n = op->size;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  /* CPython drops the items from the last to the first. */
  for (int64_t i = n - 1; i >= 0; i--)
    {
      RtObject *item = op->items[i];
      op->items[i] = NULL;
      rt_xdecref (item);
    }
  if (n > 0 && n < RT_TUPLE_MAXSAVESIZE && free_count[n - 1] < RT_TUPLE_MAXFREELIST
      && RT_TYPE (self) == &rt_tuple_type)
    {
      op->items[0] = (RtObject *) free_list[n - 1];
      op->size = 0;
      free_list[n - 1] = op;
      free_count[n - 1]++;
      return;
    }
  rt_gc_free (self, tuple_alloc_size (RT_TYPE (self), n));
}

static int
tuple_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtTuple *op = (RtTuple *) self;

  for (int64_t i = op->size - 1; i >= 0; i--)
    RT_VISIT (op->items[i]);
  return 0;
}

static void
tuple_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtTuple *op = (RtTuple *) self;

  for (int64_t i = 0; i < op->size; i++)
    if (op->items[i] != NULL)
      visit (self, rt_slot_index (i), op->items[i], arg);
}

static RtObject *
tuple_repr (RtObject *self)
{
  RtTuple *v = (RtTuple *) self;
  RtStrBuilder sb;
  int status;

  if (v->size == 0)
    return rt_str_from_cstr ("()");
  /* A tuple cannot contain itself, but an object may put itself in one. */
  status = rt_repr_enter (self);
  if (status != 0)
    return status > 0 ? rt_str_from_cstr ("(...)") : NULL;
  rt_sb_init (&sb);
  rt_sb_append (&sb, "(", 1);
  for (int64_t i = 0; i < v->size; i++)
    {
      if (i > 0)
        rt_sb_append (&sb, ", ", 2);
      if (!rt_sb_append_repr (&sb, v->items[i]))
        {
          rt_sb_dispose (&sb);
          rt_repr_leave (self);
          return NULL;
        }
    }
  if (v->size == 1)
    rt_sb_append (&sb, ",)", 2);
  else
    rt_sb_append (&sb, ")", 1);
  rt_repr_leave (self);
  return rt_sb_finish (&sb);
}

/* CPython 3.11's tuplehash: xxHash's round over the items' hashes. */
#define XXPRIME_1 UINT64_C (11400714785074694791)
#define XXPRIME_2 UINT64_C (14029467366897019727)
#define XXPRIME_5 UINT64_C (2870177450012600261)
#define XXROTATE(x) (((x) << 31) | ((x) >> 33))

static RtHash
tuple_hash (RtObject *self)
{
  RtTuple *v = (RtTuple *) self;
  uint64_t acc = XXPRIME_5;

  for (int64_t i = 0; i < v->size; i++)
    {
      RtHash lane = rt_hash (v->items[i]);
      if (lane == -1)
        return -1;
      acc += (uint64_t) lane * XXPRIME_2;
      acc = XXROTATE (acc);
      acc *= XXPRIME_1;
    }
  acc += (uint64_t) v->size ^ (XXPRIME_5 ^ UINT64_C (3527539));
  if (acc == UINT64_MAX)
    return 1546275796;
  return (RtHash) acc;
}

static RtObject *
compare_sizes (int64_t a, int64_t b, int op)
{
  bool r;

  switch (op)
    {
    case RT_LT: r = a < b; break;
    case RT_LE: r = a <= b; break;
    case RT_EQ: r = a == b; break;
    case RT_NE: r = a != b; break;
    case RT_GT: r = a > b; break;
    default: r = a >= b; break;
    }
  return rt_bool_new (r);
}

static RtObject *
tuple_richcompare (RtObject *v, RtObject *w, int op)
{
  RtTuple *vt = (RtTuple *) v, *wt = (RtTuple *) w;
  int64_t i;

  if (!rt_is_tuple (v) || !rt_is_tuple (w))
    return rt_newref (RT_NOT_IMPLEMENTED);
  for (i = 0; i < vt->size && i < wt->size; i++)
    {
      int k = rt_richcompare_bool (vt->items[i], wt->items[i], RT_EQ);
      if (k < 0)
        return NULL;
      if (!k)
        break;
    }
  if (i >= vt->size || i >= wt->size)
    return compare_sizes (vt->size, wt->size, op);
  if (op == RT_EQ)
    return rt_bool_new (false);
  if (op == RT_NE)
    return rt_bool_new (true);
  return rt_richcompare (vt->items[i], wt->items[i], op);
}

static int64_t
tuple_length (RtObject *self)
{
  return RT_TUPLE_SIZE (self);
}

static RtObject *
tuple_item (RtObject *self, int64_t i)
{
  if (i < 0 || i >= RT_TUPLE_SIZE (self))
    {
      rt_error_format (&rt_exc_IndexError, "tuple index out of range");
      return NULL;
    }
  return rt_newref (RT_TUPLE_ITEMS (self)[i]);
}

static int
tuple_contains (RtObject *self, RtObject *el)
{
  int cmp = 0;

  for (int64_t i = 0; cmp == 0 && i < RT_TUPLE_SIZE (self); i++)
    cmp = rt_richcompare_bool (RT_TUPLE_ITEMS (self)[i], el, RT_EQ);
  return cmp;
}

static RtObject *
tuple_concat (RtObject *a, RtObject *b)
{
  int64_t na = RT_TUPLE_SIZE (a), nb, size;
  RtTuple *np;

  if (!rt_is_tuple (b))
    {
      rt_error_format (&rt_exc_TypeError, "can only concatenate tuple (not \"%T\") to tuple", b);
      return NULL;
    }
  nb = RT_TUPLE_SIZE (b);
  if (nb == 0 && RT_TYPE (a) == &rt_tuple_type)
    return rt_newref (a);
  if (na == 0 && RT_TYPE (b) == &rt_tuple_type)
    return rt_newref (b);
  size = na + nb;
  if (size == 0)
    return rt_newref (empty_tuple);
  np = tuple_alloc (size);
  if (np == NULL)
    return NULL;
  for (int64_t i = 0; i < na; i++)
    rt_tuple_init_item (&np->ob, i, rt_newref (RT_TUPLE_ITEMS (a)[i]));
  for (int64_t i = 0; i < nb; i++)
    rt_tuple_init_item (&np->ob, na + i, rt_newref (RT_TUPLE_ITEMS (b)[i]));
  rt_gc_track (&np->ob);
  return &np->ob;
}

static RtObject *
tuple_repeat (RtObject *a, int64_t n)
{
  int64_t input_size = RT_TUPLE_SIZE (a), k = 0;
  RtTuple *np;

  if ((input_size == 0 || n == 1) && RT_TYPE (a) == &rt_tuple_type)
    return rt_newref (a);
  if (input_size == 0 || n <= 0)
    return rt_newref (empty_tuple);
  if (input_size > INT64_MAX / 8 / n)
    return rt_error_no_memory ();
  np = tuple_alloc (input_size * n);
  if (np == NULL)
    return NULL;
  for (int64_t j = 0; j < n; j++)
    for (int64_t i = 0; i < input_size; i++)
      rt_tuple_init_item (&np->ob, k++, rt_newref (RT_TUPLE_ITEMS (a)[i]));
  rt_gc_track (&np->ob);
  return &np->ob;
}

static RtObject *
tuple_subscript (RtObject *self, RtObject *item)
{
  if (rt_index_check (item))
    {
      int64_t i = rt_index_as_ssize (item, &rt_exc_IndexError);
      if (i == -1 && rt_error_occurred ())
        return NULL;
      if (i < 0)
        i += RT_TUPLE_SIZE (self);
      return tuple_item (self, i);
    }
  if (RT_TYPE (item) == &rt_slice_type)
    {
      int64_t start, stop, step, len;
      RtTuple *result;

      len = rt_slice_indices (item, RT_TUPLE_SIZE (self), &start, &stop, &step);
      if (len < 0)
        return NULL;
      if (len == 0)
        return rt_newref (empty_tuple);
      if (start == 0 && step == 1 && len == RT_TUPLE_SIZE (self)
          && RT_TYPE (self) == &rt_tuple_type)
        return rt_newref (self);
      result = tuple_alloc (len);
      if (result == NULL)
        return NULL;
      for (int64_t cur = start, i = 0; i < len; cur += step, i++)
        rt_tuple_init_item (&result->ob, i, rt_newref (RT_TUPLE_ITEMS (self)[cur]));
      rt_gc_track (&result->ob);
      return &result->ob;
    }
  rt_error_format (&rt_exc_TypeError, "tuple indices must be integers or slices, not %T", item);
  return NULL;
}

static size_t
tuple_size_of (RtObject *self)
{
  return CPY_TUPLE_BASIC + (size_t) RT_TUPLE_SIZE (self) * sizeof (RtObject *);
}

/* tuple(iterable) and subclasses of tuple. */
static RtObject *
tuple_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *tmp, *result;
  int64_t n;

  if (!rt_args_no_kw ("tuple", kwnames) || !rt_args_check ("tuple", nargs, 0, 1))
    return NULL;
  tmp = nargs == 0 ? rt_newref (empty_tuple) : rt_tuple_from_iterable (args[0]);
  if (tmp == NULL || type == &rt_tuple_type)
    return tmp;
  n = RT_TUPLE_SIZE (tmp);
  result = rt_container_alloc (type, tuple_alloc_size (type, n));
  if (result == NULL)
    {
      rt_decref (tmp);
      return NULL;
    }
  RT_TUPLE_SIZE (result) = n;
  rt_container_born (result, 0);
  for (int64_t i = 0; i < n; i++)
    rt_tuple_init_item (result, i, rt_newref (RT_TUPLE_ITEMS (tmp)[i]));
  rt_gc_track (result);
  rt_decref (tmp);
  return result;
}

/* Methods */

static RtObject *
tuple_index_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t start, stop;

  if (!rt_args_no_kw ("index", kwnames) || !rt_args_check ("index", nargs, 1, 3))
    return NULL;
  if (!rt_index_bounds (args, nargs, RT_TUPLE_SIZE (self), &start, &stop))
    return NULL;
  for (int64_t i = start; i < stop && i < RT_TUPLE_SIZE (self); i++)
    {
      int cmp = rt_richcompare_bool (RT_TUPLE_ITEMS (self)[i], args[0], RT_EQ);
      if (cmp > 0)
        return rt_int_from_i64 (i);
      if (cmp < 0)
        return NULL;
    }
  rt_error_format (&rt_exc_ValueError, "tuple.index(x): x not in tuple");
  return NULL;
}

static RtObject *
tuple_count_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t count = 0;

  if (!rt_args_one ("tuple.count", nargs, kwnames))
    return NULL;
  for (int64_t i = 0; i < RT_TUPLE_SIZE (self); i++)
    {
      int cmp = rt_richcompare_bool (RT_TUPLE_ITEMS (self)[i], args[0], RT_EQ);
      if (cmp > 0)
        count++;
      else if (cmp < 0)
        return NULL;
    }
  return rt_int_from_i64 (count);
}

static RtObject *tuple_iter (RtObject *seq);

static const RtMethodDef tuple_methods[] = {
  { "index", tuple_index_method, 0 },
  { "count", tuple_count_method, 0 },
  { NULL, NULL, 0 },
};

static const RtSequenceMethods tuple_as_sequence = {
  .length = tuple_length,
  .item = tuple_item,
  .contains = tuple_contains,
  .concat = tuple_concat,
  .repeat = tuple_repeat,
};

static const RtMappingMethods tuple_as_mapping = {
  .length = tuple_length,
  .subscript = tuple_subscript,
};

RtType rt_tuple_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "tuple",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE | RT_TPFLAG_TUPLE_SUBCLASS,
  .basic_size = sizeof (RtTuple),
  .item_size = sizeof (RtObject *),
  .dealloc = tuple_dealloc,
  .traverse = tuple_traverse,
  .refs = tuple_refs,
  .repr = tuple_repr,
  .hash = tuple_hash,
  .richcompare = tuple_richcompare,
  .iter = tuple_iter,
  .tp_new = tuple_tp_new,
  .sequence = &tuple_as_sequence,
  .mapping = &tuple_as_mapping,
  .methods = tuple_methods,
  .size_of = tuple_size_of,
};

/* The iterator */

static RtObject *
tuple_iter (RtObject *seq)
{
  RtTupleIter *it;

  if (!rt_container_type_ready (&rt_tuple_iter_type))
    return NULL;
  it = (RtTupleIter *) rt_gc_alloc (&rt_tuple_iter_type, sizeof (RtTupleIter));
  if (it == NULL)
    return NULL;
  RT_EVENT_BORN (it, 0);
  it->index = 0;
  it->seq = rt_newref (seq);
  RT_EVENT_REF_ADD (it, rt_slot_label (RT_LABEL_ITERATED), seq);
  rt_gc_track (&it->ob);
  return &it->ob;
}

static void
tuple_iter_dealloc (RtObject *self)
{
  RtTupleIter *it = (RtTupleIter *) self;

  rt_gc_untrack (self);
  rt_xdecref (it->seq);
  rt_gc_free (self, sizeof (RtTupleIter));
}

static int
tuple_iter_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtTupleIter *) self)->seq);
  return 0;
}

static void
tuple_iter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtTupleIter *it = (RtTupleIter *) self;

  if (it->seq != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), it->seq, arg);
}

static RtObject *
tuple_iter_next (RtObject *self)
{
  RtTupleIter *it = (RtTupleIter *) self;
  RtObject *seq = it->seq;

  if (seq == NULL)
    return NULL;
  if (it->index < RT_TUPLE_SIZE (seq))
    return rt_newref (RT_TUPLE_ITEMS (seq)[it->index++]);
  it->seq = NULL;
  RT_EVENT_REF_DEL (self, rt_slot_label (RT_LABEL_ITERATED), seq);
  rt_decref (seq);
  return NULL;
}

static RtObject *
tuple_iter_length_hint (RtObject *self, RtObject *const *args, size_t nargs,
                        RtObject *kwnames)
{
  RtTupleIter *it = (RtTupleIter *) self;

  (void) args;
  if (!rt_args_none ("tuple_iterator.__length_hint__", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 (it->seq != NULL ? RT_TUPLE_SIZE (it->seq) - it->index : 0);
}

static const RtMethodDef tuple_iter_methods[] = {
  { "__length_hint__", tuple_iter_length_hint, 0 },
  { NULL, NULL, 0 },
};

static size_t
iter_size_of (RtObject *self)
{
  (void) self;
  return 32;  /* PyObject_HEAD, an index and the sequence */
}

RtType rt_tuple_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "tuple_iterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtTupleIter),
  .dealloc = tuple_iter_dealloc,
  .traverse = tuple_iter_traverse,
  .refs = tuple_iter_refs,
  .iter = rt_self_iter,
  .iternext = tuple_iter_next,
  .methods = tuple_iter_methods,
  .size_of = iter_size_of,
};
