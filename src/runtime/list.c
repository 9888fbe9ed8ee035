/* list.c: lists as CPython 3.11's listobject.c: over-allocation, the free
 * list of 80, slices, methods and iterators (sorting is in list-sort.c). */
#include "list.h"
#include "abstract.h"
#include "container-private.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "mem.h"
#include "range.h"
#include "runtime.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <string.h>

#define RT_LIST_MAXFREELIST 80

/* CPython's sizeof(PyListObject). */
#define CPY_LIST_BASIC 40

typedef struct
{
  RtObject ob;
  int64_t index;
  RtObject *seq;   /* NULL once exhausted */
} RtListIter;

static RtList *free_list[RT_LIST_MAXFREELIST];
static int numfree;

/* CPython's realloc to zero bytes keeps a non-NULL block, and list.extend
 * treats a list whose buffer is NULL differently from one that merely has
 * no room (it allocates exactly instead of over-allocating). This stands
 * for that zero-sized block. */
static RtObject *zero_block[1];
#define ZERO_ITEMS (zero_block)

static inline void
ev_ref (RtEventKind kind, RtObject *list, int64_t i, RtObject *item, uint32_t flags)
{
  if (rt_events_on ())
    rt_event_ref (kind, list, rt_slot_index (i), item, flags);
}

static void
items_free (RtObject **items, int64_t allocated)
{
  if (items != NULL && items != ZERO_ITEMS)
    rt_mem_free (items, (size_t) allocated * sizeof (RtObject *));
}

/* list_resize: makes room for newsize items (the size becomes newsize; new
 * slots are garbage until filled). The growth pattern is CPython's:
 * 0, 4, 8, 16, 24, 32, 40, 52, 64, 76... */
static int
list_resize (RtList *self, int64_t newsize)
{
  int64_t allocated = self->allocated;
  uint64_t new_allocated;
  RtObject **items;

  if (allocated >= newsize && newsize >= (allocated >> 1))
    {
      self->size = newsize;
      return 0;
    }
  new_allocated = ((uint64_t) newsize + ((uint64_t) newsize >> 3) + 6) & ~(uint64_t) 3;
  /* No over-allocation when the new size is closer to it than to the old. */
  if (newsize - self->size > (int64_t) (new_allocated - (uint64_t) newsize))
    new_allocated = ((uint64_t) newsize + 3) & ~(uint64_t) 3;
  if (newsize == 0)
    new_allocated = 0;
  if (new_allocated > (UINT64_C (1) << 40))
    {
      rt_error_no_memory ();
      return -1;
    }
  if (new_allocated == 0)
    {
      items_free (self->items, allocated > 0 ? allocated : 0);
      items = ZERO_ITEMS;
    }
  else if (self->items == NULL || self->items == ZERO_ITEMS || allocated <= 0)
    {
      items = rt_mem_alloc (new_allocated * sizeof (RtObject *), RT_MEM_RAW);
      if (items != NULL && self->items != NULL && self->items != ZERO_ITEMS && self->size > 0)
        memcpy (items, self->items, (size_t) self->size * sizeof (RtObject *));
    }
  else
    items = rt_mem_realloc (self->items, (size_t) allocated * sizeof (RtObject *),
                            new_allocated * sizeof (RtObject *));
  if (items == NULL)
    {
      rt_error_no_memory ();
      return -1;
    }
  self->items = items;
  self->size = newsize;
  self->allocated = (int64_t) new_allocated;
  return 0;
}

/* For a list whose buffer is NULL: room for exactly `size` items, rounded up
 * to even since the allocator's granularity makes the odd slot free. */
static int
list_preallocate_exact (RtList *self, int64_t size)
{
  RtObject **items;

  size = (size + 1) & ~(int64_t) 1;
  items = rt_mem_alloc ((size_t) size * sizeof (RtObject *), RT_MEM_RAW);
  if (items == NULL)
    {
      rt_error_no_memory ();
      return -1;
    }
  self->items = items;
  self->allocated = size;
  return 0;
}

/* An empty untracked list object, from the free list when possible. */
static RtList *
list_alloc (void)
{
  RtList *op;
  uint32_t flags = 0;

  if (numfree > 0)
    {
      op = free_list[--numfree];
      RT_AS_GC (op)->next = 0;
      RT_AS_GC (op)->prev = 0;
      rt_object_reinit (&op->ob);
      flags = RT_EVF_FREELIST;
    }
  else
    {
      op = (RtList *) rt_gc_alloc (&rt_list_type, sizeof (RtList));
      if (op == NULL)
        return NULL;
    }
  op->size = 0;
  op->items = NULL;
  op->allocated = 0;
  RT_EVENT_BORN (op, flags);
  return op;
}

RtObject *
rt_list_new (int64_t size)
{
  RtList *op;

  if (size < 0)
    size = 0;
  op = list_alloc ();
  if (op == NULL)
    return NULL;
  if (size > 0)
    {
      op->items = rt_mem_alloc ((size_t) size * sizeof (RtObject *), RT_MEM_RAW);
      if (op->items == NULL)
        {
          rt_decref (&op->ob);
          return rt_error_no_memory ();
        }
      memset (op->items, 0, (size_t) size * sizeof (RtObject *));
    }
  op->size = size;
  op->allocated = size;
  rt_gc_track (&op->ob);
  return &op->ob;
}

/* A tracked empty list with room for exactly size items (size > 0); the
 * caller fills them and sets the size. */
static RtList *
list_new_prealloc (int64_t size)
{
  RtList *op = (RtList *) rt_list_new (0);

  if (op == NULL)
    return NULL;
  op->items = rt_mem_alloc ((size_t) size * sizeof (RtObject *), RT_MEM_RAW);
  if (op->items == NULL)
    {
      rt_decref (&op->ob);
      return (RtList *) rt_error_no_memory ();
    }
  op->allocated = size;
  return op;
}

/* A list of the given type as PyType_GenericAlloc makes it: counted by the
 * collector, never from the free list, tracked. */
static RtList *
list_generic_alloc (RtType *type)
{
  RtList *op = (RtList *) rt_container_alloc (type, type->basic_size);

  if (op == NULL)
    return NULL;
  rt_container_born (&op->ob, 0);
  rt_gc_track (&op->ob);
  return op;
}

void
rt_list_init_item (RtObject *list, int64_t i, RtObject *item)
{
  RT_LIST_ITEMS (list)[i] = item;
  ev_ref (RT_EV_REF_ADD, list, i, item, 0);
}

/* Stores a new reference (stolen) at the end, the list having room. */
static inline void
push_item (RtList *self, RtObject *item)
{
  int64_t n = self->size;

  self->items[n] = item;
  self->size = n + 1;
  ev_ref (RT_EV_REF_ADD, &self->ob, n, item, 0);
}

/* Appends item (stolen). */
static int
append_take (RtList *self, RtObject *item)
{
  int64_t n = self->size;

  if (self->allocated > n)
    {
      push_item (self, item);
      return 0;
    }
  if (list_resize (self, n + 1) < 0)
    {
      rt_decref (item);
      return -1;
    }
  self->size = n;
  push_item (self, item);
  return 0;
}

int
rt_list_append (RtObject *list, RtObject *item)
{
  return append_take ((RtList *) list, rt_newref (item));
}

/* ins1: inserts v (borrowed) before `where`, clamped to the list. */
static int
ins1 (RtList *self, int64_t where, RtObject *v)
{
  int64_t n = self->size;
  RtObject **items;

  if (list_resize (self, n + 1) < 0)
    return -1;
  if (where < 0)
    {
      where += n;
      if (where < 0)
        where = 0;
    }
  if (where > n)
    where = n;
  items = self->items;
  memmove (&items[where + 1], &items[where], (size_t) (n - where) * sizeof (RtObject *));
  items[where] = rt_newref (v);
  ev_ref (RT_EV_REF_ADD, &self->ob, where, v, where < n ? RT_EVF_SHIFT : 0);
  return 0;
}

int
rt_list_insert (RtObject *list, int64_t index, RtObject *item)
{
  return ins1 ((RtList *) list, index, item);
}

/* Empties the list first, since dropping the items may run code that looks
 * at it, then drops them from the last to the first. */
static void
list_clear_items (RtList *a)
{
  RtObject **item = a->items;
  int64_t i = a->size, allocated = a->allocated;

  if (item == NULL)
    return;
  a->size = 0;
  a->items = NULL;
  a->allocated = 0;
  if (i > 0 && rt_events_on ())
    rt_event_simple (RT_EV_SEQ_CLEAR, &a->ob, 0, 0, 0, 0);
  while (--i >= 0)
    rt_xdecref (item[i]);
  items_free (item, allocated);
}

/* Reports every item again after SEQ_CLEAR (sort, reverse). */
static void
report_all_items (RtList *self)
{
  if (!rt_events_on ())
    return;
  for (int64_t i = 0; i < self->size; i++)
    rt_event_ref (RT_EV_REF_ADD, &self->ob, rt_slot_index (i), self->items[i], 0);
}

static RtObject *
list_slice (RtList *a, int64_t ilow, int64_t ihigh)
{
  RtList *np;
  int64_t len;

  if (ilow < 0)
    ilow = 0;
  else if (ilow > a->size)
    ilow = a->size;
  if (ihigh < ilow)
    ihigh = ilow;
  else if (ihigh > a->size)
    ihigh = a->size;
  len = ihigh - ilow;
  if (len <= 0)
    return rt_list_new (0);
  np = list_new_prealloc (len);
  if (np == NULL)
    return NULL;
  for (int64_t i = 0; i < len; i++)
    push_item (np, rt_newref (a->items[ilow + i]));
  return &np->ob;
}

/* list_ass_slice: a[ilow:ihigh] = v (v NULL: del a[ilow:ihigh]). */
static int
list_ass_slice (RtList *a, int64_t ilow, int64_t ihigh, RtObject *v)
{
  RtObject *recycle_on_stack[8];
  RtObject **recycle = recycle_on_stack;
  RtObject *v_as_sf = NULL;
  RtObject **vitem = NULL, **item;
  int64_t n, norig, d, k;
  size_t s;
  int result = -1;

  if (v == NULL)
    n = 0;
  else
    {
      if (v == &a->ob)
        {
          /* a[i:j] = a: copy first */
          RtObject *copy = list_slice (a, 0, a->size);
          if (copy == NULL)
            return -1;
          result = list_ass_slice (a, ilow, ihigh, copy);
          rt_decref (copy);
          return result;
        }
      v_as_sf = rt_sequence_fast (v, "can only assign an iterable");
      if (v_as_sf == NULL)
        goto out;
      if (rt_is_list (v_as_sf))
        {
          n = RT_LIST_SIZE (v_as_sf);
          vitem = RT_LIST_ITEMS (v_as_sf);
        }
      else
        {
          n = RT_TUPLE_SIZE (v_as_sf);
          vitem = RT_TUPLE_ITEMS (v_as_sf);
        }
    }
  if (ilow < 0)
    ilow = 0;
  else if (ilow > a->size)
    ilow = a->size;
  if (ihigh < ilow)
    ihigh = ilow;
  else if (ihigh > a->size)
    ihigh = a->size;

  norig = ihigh - ilow;
  d = n - norig;
  if (a->size + d == 0)
    {
      rt_xdecref (v_as_sf);
      list_clear_items (a);
      return 0;
    }
  item = a->items;
  /* Keep the items being replaced until the end: dropping them may run code. */
  s = (size_t) norig * sizeof (RtObject *);
  if (s > 0)
    {
      if (s > sizeof (recycle_on_stack))
        {
          recycle = rt_mem_alloc (s, RT_MEM_RAW);
          if (recycle == NULL)
            {
              recycle = recycle_on_stack;
              rt_error_no_memory ();
              goto out;
            }
        }
      memcpy (recycle, &item[ilow], s);
    }

  if (d < 0)
    {
      /* Delete -d items. */
      size_t tail = (size_t) (a->size - ihigh) * sizeof (RtObject *);
      memmove (&item[ihigh + d], &item[ihigh], tail);
      if (list_resize (a, a->size + d) < 0)
        {
          memmove (&item[ihigh], &item[ihigh + d], tail);
          memcpy (&item[ilow], recycle, s);
          goto out;
        }
      item = a->items;
    }
  else if (d > 0)
    {
      /* Insert d items. */
      k = a->size;
      if (list_resize (a, k + d) < 0)
        goto out;
      item = a->items;
      memmove (&item[ihigh + d], &item[ihigh], (size_t) (k - ihigh) * sizeof (RtObject *));
    }
  if (rt_events_on ())
    {
      /* The same number of slots: plain replacements; otherwise the removed
       * ones go and the new ones come, shifting what follows. */
      uint32_t flags = d == 0 ? 0 : RT_EVF_SHIFT;
      for (k = 0; k < norig; k++)
        rt_event_ref (RT_EV_REF_DEL, &a->ob, rt_slot_index (ilow + (d == 0 ? k : 0)),
                      recycle[k], flags);
      for (k = 0; k < n; k++)
        rt_event_ref (RT_EV_REF_ADD, &a->ob, rt_slot_index (ilow + k), vitem[k], flags);
    }
  for (k = 0; k < n; k++, ilow++)
    item[ilow] = rt_newref (vitem[k]);
  for (k = norig - 1; k >= 0; --k)
    rt_xdecref (recycle[k]);
  result = 0;

out:
  if (recycle != recycle_on_stack)
    rt_mem_free (recycle, s);
  rt_xdecref (v_as_sf);
  return result;
}

static int
list_ass_item (RtObject *self, int64_t i, RtObject *v)
{
  RtList *a = (RtList *) self;
  RtObject *old;

  if (i < 0 || i >= a->size)
    {
      rt_error_format (&rt_exc_IndexError, "list assignment index out of range");
      return -1;
    }
  if (v == NULL)
    return list_ass_slice (a, i, i + 1, NULL);
  old = a->items[i];
  a->items[i] = rt_newref (v);
  ev_ref (RT_EV_REF_DEL, self, i, old, 0);
  ev_ref (RT_EV_REF_ADD, self, i, v, 0);
  rt_decref (old);
  return 0;
}

int
rt_list_set_item (RtObject *list, int64_t index, RtObject *item)
{
  return list_ass_item (list, index, item);
}

/* list.extend, with CPython's presizing: exact (rounded to even) into an
 * empty buffer, otherwise through list_resize; the length hint for other
 * iterables, cut back at the end. */
static int
list_extend_internal (RtList *self, RtObject *iterable)
{
  RtObject *it;
  int64_t m, n;

  if (RT_TYPE (iterable) == &rt_list_type || RT_TYPE (iterable) == &rt_tuple_type
      || iterable == &self->ob)
    {
      RtObject **src;

      iterable = rt_sequence_fast (iterable, "argument must be iterable");
      if (iterable == NULL)
        return -1;
      n = rt_is_list (iterable) ? RT_LIST_SIZE (iterable) : RT_TUPLE_SIZE (iterable);
      if (n == 0)
        {
          rt_decref (iterable);
          return 0;
        }
      m = self->size;
      if (self->items == NULL)
        {
          if (list_preallocate_exact (self, n) < 0)
            {
              rt_decref (iterable);
              return -1;
            }
        }
      else if (list_resize (self, m + n) < 0)
        {
          rt_decref (iterable);
          return -1;
        }
      self->size = m;
      /* a.extend(a) works too: the source is read after the resize. */
      src = rt_is_list (iterable) ? RT_LIST_ITEMS (iterable) : RT_TUPLE_ITEMS (iterable);
      for (int64_t i = 0; i < n; i++)
        push_item (self, rt_newref (src[i]));
      rt_decref (iterable);
      return 0;
    }

  it = rt_iter (iterable);
  if (it == NULL)
    return -1;
  n = rt_length_hint (iterable, 8);
  if (n < 0)
    goto error;
  m = self->size;
  if (m > INT64_MAX - n)
    {
      /* The hint lied or is huge: ignore it. */
    }
  else if (self->items == NULL)
    {
      if (n > 0 && list_preallocate_exact (self, n) < 0)
        goto error;
    }
  else
    {
      if (list_resize (self, m + n) < 0)
        goto error;
      self->size = m;
    }
  for (;;)
    {
      RtObject *item = rt_iter_next (it);
      if (item == NULL)
        {
          if (rt_error_occurred ())
            goto error;
          break;
        }
      if (self->size < self->allocated)
        push_item (self, item);
      else if (append_take (self, item) < 0)
        goto error;
    }
  /* Cut back if the guess was too large. */
  if (self->size < self->allocated && list_resize (self, self->size) < 0)
    goto error;
  rt_decref (it);
  return 0;

error:
  rt_decref (it);
  return -1;
}

int
rt_list_extend (RtObject *list, RtObject *iterable)
{
  return list_extend_internal ((RtList *) list, iterable);
}

RtObject *
rt_list_from_iterable (RtObject *iterable)
{
  RtObject *result = rt_list_new (0);

  if (result == NULL)
    return NULL;
  if (list_extend_internal ((RtList *) result, iterable) < 0)
    {
      rt_decref (result);
      return NULL;
    }
  return result;
}

RtObject *
rt_list_as_tuple (RtObject *list)
{
  return rt_tuple_from_array (RT_LIST_ITEMS (list), (size_t) RT_LIST_SIZE (list));
}

static void
reverse_items (RtObject **lo, RtObject **hi)
{
  for (--hi; lo < hi; lo++, hi--)
    {
      RtObject *t = *lo;
      *lo = *hi;
      *hi = t;
    }
}

int
rt_list_reverse (RtObject *list)
{
  RtList *self = (RtList *) list;

  if (self->size > 1)
    {
      if (rt_events_on ())
        rt_event_simple (RT_EV_SEQ_CLEAR, list, 0, 0, 0, 0);
      reverse_items (self->items, self->items + self->size);
      report_all_items (self);
    }
  return 0;
}

/* list.sort: the list reads empty while it is sorted, so that comparisons
 * that look at it or change it cannot corrupt the sort. */
int
rt_list_sort (RtObject *list, RtObject *keyfunc, bool reverse)
{
  RtList *self = (RtList *) list;
  int64_t saved_size = self->size, saved_allocated = self->allocated;
  int64_t final_size, final_allocated;
  RtObject **saved_items = self->items, **final_items;
  int result;

  if (rt_events_on () && saved_size > 0)
    rt_event_simple (RT_EV_SEQ_CLEAR, list, 0, 0, 0, 0);
  self->size = 0;
  self->items = NULL;
  self->allocated = -1;

  result = rt_list_sort_items (saved_items, saved_size, keyfunc, reverse);
  if (self->allocated != -1 && result == 0)
    {
      rt_error_format (&rt_exc_ValueError, "list modified during sort");
      result = -1;
    }

  final_items = self->items;
  final_size = self->size;
  final_allocated = self->allocated;
  if (final_size > 0 && rt_events_on ())
    rt_event_simple (RT_EV_SEQ_CLEAR, list, 0, 0, 0, 0);
  self->size = saved_size;
  self->items = saved_items;
  self->allocated = saved_allocated;
  report_all_items (self);
  /* Whatever was added during the sort is dropped. */
  if (final_items != NULL)
    {
      for (int64_t i = final_size - 1; i >= 0; i--)
        rt_xdecref (final_items[i]);
      items_free (final_items, final_allocated);
    }
  return result;
}

/* Slots */

static void
list_dealloc (RtObject *self)
{
  RtList *op = (RtList *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  if (op->items != NULL)
    {
      /* Backwards, as CPython does. */
      for (int64_t i = op->size - 1; i >= 0; i--)
        rt_xdecref (op->items[i]);
      items_free (op->items, op->allocated);
    }
  op->items = NULL;
  op->size = 0;
  op->allocated = 0;
  if (numfree < RT_LIST_MAXFREELIST && RT_TYPE (self) == &rt_list_type)
    {
      free_list[numfree++] = op;
      return;
    }
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

void
rt_list_clear_freelist (void)
{
  while (numfree > 0)
    {
      RtList *op = free_list[--numfree];
      rt_gc_free (&op->ob, sizeof (RtList));
    }
}

static int
list_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtList *o = (RtList *) self;

  for (int64_t i = o->size; --i >= 0;)
    RT_VISIT (o->items[i]);
  return 0;
}

static void
list_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtList *o = (RtList *) self;

  for (int64_t i = 0; i < o->size; i++)
    if (o->items[i] != NULL)
      visit (self, rt_slot_index (i), o->items[i], arg);
}

static int
list_tp_clear (RtObject *self)
{
  list_clear_items ((RtList *) self);
  return 0;
}

static RtObject *
list_repr (RtObject *self)
{
  RtList *v = (RtList *) self;
  RtStrBuilder sb;
  int status;

  if (v->size == 0)
    return rt_str_from_cstr ("[]");
  status = rt_repr_enter (self);
  if (status != 0)
    return status > 0 ? rt_str_from_cstr ("[...]") : NULL;
  rt_sb_init (&sb);
  rt_sb_append (&sb, "[", 1);
  /* The list may change while its items' reprs run. */
  for (int64_t i = 0; i < v->size; i++)
    {
      RtObject *item = rt_newref (v->items[i]);
      bool ok;

      if (i > 0)
        rt_sb_append (&sb, ", ", 2);
      ok = rt_sb_append_repr (&sb, item);
      rt_decref (item);
      if (!ok)
        {
          rt_sb_dispose (&sb);
          rt_repr_leave (self);
          return NULL;
        }
    }
  rt_sb_append (&sb, "]", 1);
  rt_repr_leave (self);
  return rt_sb_finish (&sb);
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
list_richcompare (RtObject *v, RtObject *w, int op)
{
  RtList *vl = (RtList *) v, *wl = (RtList *) w;
  int64_t i;

  if (!rt_is_list (v) || !rt_is_list (w))
    return rt_newref (RT_NOT_IMPLEMENTED);
  if (vl->size != wl->size && (op == RT_EQ || op == RT_NE))
    return rt_bool_new (op == RT_NE);
  /* Find the first index where the items differ. */
  for (i = 0; i < vl->size && i < wl->size; i++)
    {
      RtObject *vitem = vl->items[i], *witem = wl->items[i];
      int k;

      if (vitem == witem)
        continue;
      rt_incref (vitem);
      rt_incref (witem);
      k = rt_richcompare_bool (vitem, witem, RT_EQ);
      rt_decref (vitem);
      rt_decref (witem);
      if (k < 0)
        return NULL;
      if (!k)
        break;
    }
  if (i >= vl->size || i >= wl->size)
    return compare_sizes (vl->size, wl->size, op);
  if (op == RT_EQ)
    return rt_bool_new (false);
  if (op == RT_NE)
    return rt_bool_new (true);
  return rt_richcompare (vl->items[i], wl->items[i], op);
}

static RtHash
list_hash (RtObject *self)
{
  rt_error_format (&rt_exc_TypeError, "unhashable type: '%T'", self);
  return -1;
}

static int64_t
list_length (RtObject *self)
{
  return RT_LIST_SIZE (self);
}

static RtObject *
list_item (RtObject *self, int64_t i)
{
  if (i < 0 || i >= RT_LIST_SIZE (self))
    {
      rt_error_format (&rt_exc_IndexError, "list index out of range");
      return NULL;
    }
  return rt_newref (RT_LIST_ITEMS (self)[i]);
}

static int
list_contains (RtObject *self, RtObject *el)
{
  RtList *a = (RtList *) self;
  int cmp = 0;

  for (int64_t i = 0; cmp == 0 && i < a->size; i++)
    {
      RtObject *item = rt_newref (a->items[i]);
      cmp = rt_richcompare_bool (item, el, RT_EQ);
      rt_decref (item);
    }
  return cmp;
}

static RtObject *
list_concat (RtObject *a, RtObject *b)
{
  int64_t size;
  RtList *np;

  if (!rt_is_list (b))
    {
      rt_error_format (&rt_exc_TypeError, "can only concatenate list (not \"%T\") to list", b);
      return NULL;
    }
  size = RT_LIST_SIZE (a) + RT_LIST_SIZE (b);
  if (size == 0)
    return rt_list_new (0);
  np = list_new_prealloc (size);
  if (np == NULL)
    return NULL;
  for (int64_t i = 0; i < RT_LIST_SIZE (a); i++)
    push_item (np, rt_newref (RT_LIST_ITEMS (a)[i]));
  for (int64_t i = 0; i < RT_LIST_SIZE (b); i++)
    push_item (np, rt_newref (RT_LIST_ITEMS (b)[i]));
  return &np->ob;
}

static RtObject *
list_repeat (RtObject *a, int64_t n)
{
  int64_t input_size = RT_LIST_SIZE (a), size;
  RtList *np;

  if (n < 0)
    n = 0;
  if (n > 0 && input_size > INT64_MAX / 8 / n)
    return rt_error_no_memory ();
  size = input_size * n;
  if (size == 0)
    return rt_list_new (0);
  np = list_new_prealloc (size);
  if (np == NULL)
    return NULL;
  for (int64_t j = 0; j < n; j++)
    for (int64_t i = 0; i < input_size; i++)
      push_item (np, rt_newref (RT_LIST_ITEMS (a)[i]));
  return &np->ob;
}

static RtObject *
list_inplace_concat (RtObject *self, RtObject *other)
{
  if (list_extend_internal ((RtList *) self, other) < 0)
    return NULL;
  return rt_newref (self);
}

static RtObject *
list_inplace_repeat (RtObject *self, int64_t n)
{
  RtList *a = (RtList *) self;
  int64_t size = a->size;

  if (size == 0 || n == 1)
    return rt_newref (self);
  if (n < 1)
    {
      list_clear_items (a);
      return rt_newref (self);
    }
  if (size > INT64_MAX / 8 / n)
    return rt_error_no_memory ();
  if (list_resize (a, size * n) < 0)
    return NULL;
  a->size = size;
  for (int64_t j = 1; j < n; j++)
    for (int64_t i = 0; i < size; i++)
      push_item (a, rt_newref (a->items[i]));
  return rt_newref (self);
}

static RtObject *
list_subscript (RtObject *self, RtObject *item)
{
  RtList *a = (RtList *) self;

  if (rt_index_check (item))
    {
      int64_t i = rt_index_as_ssize (item, &rt_exc_IndexError);
      if (i == -1 && rt_error_occurred ())
        return NULL;
      if (i < 0)
        i += a->size;
      return list_item (self, i);
    }
  if (RT_TYPE (item) == &rt_slice_type)
    {
      int64_t start, stop, step, len;
      RtList *result;

      if (rt_slice_unpack (item, &start, &stop, &step) < 0)
        return NULL;
      len = rt_slice_adjust_indices (a->size, &start, &stop, step);
      if (len <= 0)
        return rt_list_new (0);
      if (step == 1)
        return list_slice (a, start, stop);
      result = list_new_prealloc (len);
      if (result == NULL)
        return NULL;
      for (int64_t cur = start, i = 0; i < len; cur += step, i++)
        push_item (result, rt_newref (a->items[cur]));
      return &result->ob;
    }
  rt_error_format (&rt_exc_TypeError, "list indices must be integers or slices, not %T", item);
  return NULL;
}

/* del a[start:stop:step] with step != 1 */
static int
list_del_extended (RtList *self, int64_t start, int64_t stop, int64_t step, int64_t slicelength)
{
  RtObject **garbage;
  uint64_t cur;
  int64_t i;
  int res;

  if (slicelength <= 0)
    return 0;
  if (step < 0)
    {
      stop = start + 1;
      start = stop + step * (slicelength - 1) - 1;
      step = -step;
    }
  garbage = rt_mem_alloc ((size_t) slicelength * sizeof (RtObject *), RT_MEM_RAW);
  if (garbage == NULL)
    {
      rt_error_no_memory ();
      return -1;
    }
  /* Move the parts between the deleted items down, one gap at a time. */
  for (cur = (uint64_t) start, i = 0; cur < (uint64_t) stop; cur += (uint64_t) step, i++)
    {
      int64_t lim = step - 1;

      garbage[i] = self->items[cur];
      ev_ref (RT_EV_REF_DEL, &self->ob, (int64_t) cur - i, garbage[i], RT_EVF_SHIFT);
      if (cur + (uint64_t) step >= (uint64_t) self->size)
        lim = self->size - (int64_t) cur - 1;
      memmove (self->items + cur - i, self->items + cur + 1, (size_t) lim * sizeof (RtObject *));
    }
  cur = (uint64_t) start + (uint64_t) slicelength * (uint64_t) step;
  if (cur < (uint64_t) self->size)
    memmove (self->items + cur - slicelength, self->items + cur,
             (size_t) (self->size - (int64_t) cur) * sizeof (RtObject *));
  self->size -= slicelength;
  res = list_resize (self, self->size);
  for (i = 0; i < slicelength; i++)
    rt_decref (garbage[i]);
  rt_mem_free (garbage, (size_t) slicelength * sizeof (RtObject *));
  return res;
}

/* a[start:stop:step] = value with step != 1 */
static int
list_assign_extended (RtList *self, int64_t start, int64_t step, int64_t slicelength,
                      RtObject *value)
{
  RtObject *seq, **seqitems, **garbage;
  int64_t seqsize, i;
  uint64_t cur;

  if (value == &self->ob)
    seq = list_slice (self, 0, self->size);
  else
    seq = rt_sequence_fast (value, "must assign iterable to extended slice");
  if (seq == NULL)
    return -1;
  seqsize = rt_is_list (seq) ? RT_LIST_SIZE (seq) : RT_TUPLE_SIZE (seq);
  if (seqsize != slicelength)
    {
      rt_error_format (&rt_exc_ValueError,
                       "attempt to assign sequence of size %lld to extended slice of size %lld",
                       (long long) seqsize, (long long) slicelength);
      rt_decref (seq);
      return -1;
    }
  if (slicelength == 0)
    {
      rt_decref (seq);
      return 0;
    }
  garbage = rt_mem_alloc ((size_t) slicelength * sizeof (RtObject *), RT_MEM_RAW);
  if (garbage == NULL)
    {
      rt_decref (seq);
      rt_error_no_memory ();
      return -1;
    }
  seqitems = rt_is_list (seq) ? RT_LIST_ITEMS (seq) : RT_TUPLE_ITEMS (seq);
  for (cur = (uint64_t) start, i = 0; i < slicelength; cur += (uint64_t) step, i++)
    {
      garbage[i] = self->items[cur];
      self->items[cur] = rt_newref (seqitems[i]);
      ev_ref (RT_EV_REF_DEL, &self->ob, (int64_t) cur, garbage[i], 0);
      ev_ref (RT_EV_REF_ADD, &self->ob, (int64_t) cur, seqitems[i], 0);
    }
  for (i = 0; i < slicelength; i++)
    rt_decref (garbage[i]);
  rt_mem_free (garbage, (size_t) slicelength * sizeof (RtObject *));
  rt_decref (seq);
  return 0;
}

static int
list_ass_subscript (RtObject *self, RtObject *item, RtObject *value)
{
  RtList *a = (RtList *) self;

  if (rt_index_check (item))
    {
      int64_t i = rt_index_as_ssize (item, &rt_exc_IndexError);
      if (i == -1 && rt_error_occurred ())
        return -1;
      if (i < 0)
        i += a->size;
      return list_ass_item (self, i, value);
    }
  if (RT_TYPE (item) == &rt_slice_type)
    {
      int64_t start, stop, step, slicelength;

      if (rt_slice_unpack (item, &start, &stop, &step) < 0)
        return -1;
      slicelength = rt_slice_adjust_indices (a->size, &start, &stop, step);
      if (step == 1)
        return list_ass_slice (a, start, stop, value);
      /* s[5:2] = [..] inserts before 5, not before 2. */
      if ((step < 0 && start < stop) || (step > 0 && start > stop))
        stop = start;
      if (value == NULL)
        return list_del_extended (a, start, stop, step, slicelength);
      return list_assign_extended (a, start, step, slicelength, value);
    }
  rt_error_format (&rt_exc_TypeError, "list indices must be integers or slices, not %T", item);
  return -1;
}

static size_t
list_size_of (RtObject *self)
{
  return (size_t) (CPY_LIST_BASIC + ((RtList *) self)->allocated * (int64_t) sizeof (RtObject *));
}

/* list.__new__: an empty list; __init__ fills it. */
static RtObject *
list_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  (void) nargs;
  (void) kwnames;
  return (RtObject *) list_generic_alloc (type);
}

static int
list_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtList *a = (RtList *) self;

  if (!rt_args_no_kw ("list", kwnames) || !rt_args_check ("list", nargs, 0, 1))
    return -1;
  if (a->items != NULL)
    list_clear_items (a);
  if (nargs == 1)
    return list_extend_internal (a, args[0]);
  return 0;
}

/* Methods */

static RtObject *
list_append_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_args_one ("list.append", nargs, kwnames))
    return NULL;
  if (rt_list_append (self, args[0]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
list_extend_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_args_one ("list.extend", nargs, kwnames))
    return NULL;
  if (list_extend_internal ((RtList *) self, args[0]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
list_insert_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t index;

  if (!rt_args_no_kw ("insert", kwnames) || !rt_args_check ("insert", nargs, 2, 2))
    return NULL;
  index = rt_as_ssize (args[0]);
  if (index == -1 && rt_error_occurred ())
    return NULL;
  if (ins1 ((RtList *) self, index, args[1]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
list_pop_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtList *a = (RtList *) self;
  int64_t index = -1;
  RtObject *v;

  if (!rt_args_no_kw ("pop", kwnames) || !rt_args_check ("pop", nargs, 0, 1))
    return NULL;
  if (nargs == 1)
    {
      index = rt_as_ssize (args[0]);
      if (index == -1 && rt_error_occurred ())
        return NULL;
    }
  if (a->size == 0)
    {
      rt_error_format (&rt_exc_IndexError, "pop from empty list");
      return NULL;
    }
  if (index < 0)
    index += a->size;
  if (index < 0 || index >= a->size)
    {
      rt_error_format (&rt_exc_IndexError, "pop index out of range");
      return NULL;
    }
  v = a->items[index];
  if (index == a->size - 1)
    {
      /* The slot goes away: a removal, as in the middle. */
      ev_ref (RT_EV_REF_DEL, self, index, v, RT_EVF_SHIFT);
      if (list_resize (a, a->size - 1) < 0)
        {
          ev_ref (RT_EV_REF_ADD, self, index, v, RT_EVF_SHIFT);
          return NULL;
        }
      /* The list's reference becomes the caller's. */
      return v;
    }
  rt_incref (v);
  if (list_ass_slice (a, index, index + 1, NULL) < 0)
    {
      rt_decref (v);
      return NULL;
    }
  return v;
}

static RtObject *
list_remove_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtList *a = (RtList *) self;

  if (!rt_args_one ("list.remove", nargs, kwnames))
    return NULL;
  for (int64_t i = 0; i < a->size; i++)
    {
      RtObject *obj = rt_newref (a->items[i]);
      int cmp = rt_richcompare_bool (obj, args[0], RT_EQ);
      rt_decref (obj);
      if (cmp > 0)
        {
          if (list_ass_slice (a, i, i + 1, NULL) == 0)
            return rt_none_new ();
          return NULL;
        }
      if (cmp < 0)
        return NULL;
    }
  rt_error_format (&rt_exc_ValueError, "list.remove(x): x not in list");
  return NULL;
}

static RtObject *
list_index_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtList *a = (RtList *) self;
  int64_t start, stop;

  if (!rt_args_no_kw ("index", kwnames) || !rt_args_check ("index", nargs, 1, 3))
    return NULL;
  if (!rt_index_bounds (args, nargs, a->size, &start, &stop))
    return NULL;
  for (int64_t i = start; i < stop && i < a->size; i++)
    {
      RtObject *obj = rt_newref (a->items[i]);
      int cmp = rt_richcompare_bool (obj, args[0], RT_EQ);
      rt_decref (obj);
      if (cmp > 0)
        return rt_int_from_i64 (i);
      if (cmp < 0)
        return NULL;
    }
  rt_error_format (&rt_exc_ValueError, "%R is not in list", args[0]);
  return NULL;
}

static RtObject *
list_count_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtList *a = (RtList *) self;
  int64_t count = 0;

  if (!rt_args_one ("list.count", nargs, kwnames))
    return NULL;
  for (int64_t i = 0; i < a->size; i++)
    {
      RtObject *obj = a->items[i];
      int cmp;

      if (obj == args[0])
        {
          count++;
          continue;
        }
      rt_incref (obj);
      cmp = rt_richcompare_bool (obj, args[0], RT_EQ);
      rt_decref (obj);
      if (cmp > 0)
        count++;
      else if (cmp < 0)
        return NULL;
    }
  return rt_int_from_i64 (count);
}

static RtObject *
list_reverse_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("list.reverse", nargs, kwnames))
    return NULL;
  rt_list_reverse (self);
  return rt_none_new ();
}

static RtObject *
list_sort_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *keyfunc = NULL;
  bool reverse = false;

  if (nargs > 0)
    {
      rt_error_format (&rt_exc_TypeError, "sort() takes no positional arguments");
      return NULL;
    }
  for (int64_t i = 0; kwnames != NULL && i < RT_TUPLE_SIZE (kwnames); i++)
    {
      RtObject *name = RT_TUPLE_ITEMS (kwnames)[i];
      RtObject *value = args[nargs + (size_t) i];

      if (rt_str_equal_cstr (name, "key"))
        keyfunc = value == RT_NONE ? NULL : value;
      else if (rt_str_equal_cstr (name, "reverse"))
        {
          int64_t r = rt_as_ssize (value);
          if (r == -1 && rt_error_occurred ())
            return NULL;
          reverse = r != 0;
        }
      else
        {
          rt_error_format (&rt_exc_TypeError, "'%S' is an invalid keyword argument for sort()",
                           name);
          return NULL;
        }
    }
  if (rt_list_sort (self, keyfunc, reverse) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
list_copy_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("list.copy", nargs, kwnames))
    return NULL;
  return list_slice ((RtList *) self, 0, RT_LIST_SIZE (self));
}

static RtObject *
list_clear_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("list.clear", nargs, kwnames))
    return NULL;
  list_clear_items ((RtList *) self);
  return rt_none_new ();
}

static RtObject *
list_getitem_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_args_one ("list.__getitem__", nargs, kwnames))
    return NULL;
  return list_subscript (self, args[0]);
}

static RtObject *
list_reversed_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("list.__reversed__", nargs, kwnames))
    return NULL;
  return rt_list_reversed_new (self);
}

static RtObject *
list_sizeof_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("list.__sizeof__", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 ((int64_t) list_size_of (self));
}

static const RtMethodDef list_methods[] = {
  { "__getitem__", list_getitem_method, 0 },
  { "__reversed__", list_reversed_method, 0 },
  { "__sizeof__", list_sizeof_method, 0 },
  { "clear", list_clear_method, 0 },
  { "copy", list_copy_method, 0 },
  { "append", list_append_method, 0 },
  { "insert", list_insert_method, 0 },
  { "extend", list_extend_method, 0 },
  { "pop", list_pop_method, 0 },
  { "remove", list_remove_method, 0 },
  { "index", list_index_method, 0 },
  { "count", list_count_method, 0 },
  { "reverse", list_reverse_method, 0 },
  { "sort", list_sort_method, 0 },
  { NULL, NULL, 0 },
};

static const RtSequenceMethods list_as_sequence = {
  .length = list_length,
  .item = list_item,
  .ass_item = list_ass_item,
  .contains = list_contains,
  .concat = list_concat,
  .repeat = list_repeat,
  .inplace_concat = list_inplace_concat,
  .inplace_repeat = list_inplace_repeat,
};

static const RtMappingMethods list_as_mapping = {
  .length = list_length,
  .subscript = list_subscript,
  .ass_subscript = list_ass_subscript,
};

RtType rt_list_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "list",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE | RT_TPFLAG_LIST_SUBCLASS,
  .basic_size = sizeof (RtList),
  .dealloc = list_dealloc,
  .traverse = list_traverse,
  .clear = list_tp_clear,
  .refs = list_refs,
  .repr = list_repr,
  .hash = list_hash,
  .richcompare = list_richcompare,
  .iter = rt_list_iter_new,
  .tp_new = list_tp_new,
  .init = list_init,
  .sequence = &list_as_sequence,
  .mapping = &list_as_mapping,
  .methods = list_methods,
  .size_of = list_size_of,
};

/* Iterators */

static RtObject *
list_iter_alloc (RtType *type, RtObject *list, int64_t index)
{
  RtListIter *it;

  if (!rt_container_type_ready (type))
    return NULL;
  it = (RtListIter *) rt_gc_alloc (type, sizeof (RtListIter));
  if (it == NULL)
    return NULL;
  RT_EVENT_BORN (it, 0);
  it->index = index;
  it->seq = rt_newref (list);
  RT_EVENT_REF_ADD (it, rt_slot_label (RT_LABEL_ITERATED), list);
  rt_gc_track (&it->ob);
  return &it->ob;
}

RtObject *
rt_list_iter_new (RtObject *list)
{
  return list_iter_alloc (&rt_list_iter_type, list, 0);
}

RtObject *
rt_list_reversed_new (RtObject *list)
{
  return list_iter_alloc (&rt_list_reviter_type, list, RT_LIST_SIZE (list) - 1);
}

static void
list_iter_dealloc (RtObject *self)
{
  rt_gc_untrack (self);
  rt_xdecref (((RtListIter *) self)->seq);
  rt_gc_free (self, sizeof (RtListIter));
}

static int
list_iter_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtListIter *) self)->seq);
  return 0;
}

static void
list_iter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtListIter *it = (RtListIter *) self;

  if (it->seq != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), it->seq, arg);
}

static void
list_iter_exhaust (RtListIter *it)
{
  RtObject *seq = it->seq;

  it->seq = NULL;
  RT_EVENT_REF_DEL (it, rt_slot_label (RT_LABEL_ITERATED), seq);
  rt_decref (seq);
}

static RtObject *
list_iter_next (RtObject *self)
{
  RtListIter *it = (RtListIter *) self;

  if (it->seq == NULL)
    return NULL;
  if (it->index < RT_LIST_SIZE (it->seq))
    return rt_newref (RT_LIST_ITEMS (it->seq)[it->index++]);
  list_iter_exhaust (it);
  return NULL;
}

static RtObject *
list_reviter_next (RtObject *self)
{
  RtListIter *it = (RtListIter *) self;

  if (it->seq == NULL)
    return NULL;
  if (it->index >= 0 && it->index < RT_LIST_SIZE (it->seq))
    return rt_newref (RT_LIST_ITEMS (it->seq)[it->index--]);
  it->index = -1;
  list_iter_exhaust (it);
  return NULL;
}

static RtObject *
list_iter_length_hint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtListIter *it = (RtListIter *) self;
  int64_t len = 0;

  (void) args;
  if (!rt_args_none ("list_iterator.__length_hint__", nargs, kwnames))
    return NULL;
  if (it->seq != NULL)
    {
      len = RT_LIST_SIZE (it->seq) - it->index;
      if (len < 0)
        len = 0;
    }
  return rt_int_from_i64 (len);
}

static RtObject *
list_reviter_length_hint (RtObject *self, RtObject *const *args, size_t nargs,
                          RtObject *kwnames)
{
  RtListIter *it = (RtListIter *) self;
  int64_t len = 0;

  (void) args;
  if (!rt_args_none ("list_reverseiterator.__length_hint__", nargs, kwnames))
    return NULL;
  if (it->seq != NULL && RT_LIST_SIZE (it->seq) > it->index)
    len = it->index + 1;
  return rt_int_from_i64 (len);
}

static const RtMethodDef list_iter_methods[] = {
  { "__length_hint__", list_iter_length_hint, 0 },
  { NULL, NULL, 0 },
};

static const RtMethodDef list_reviter_methods[] = {
  { "__length_hint__", list_reviter_length_hint, 0 },
  { NULL, NULL, 0 },
};

static size_t
list_iter_size_of (RtObject *self)
{
  (void) self;
  return 32;  /* PyObject_HEAD, an index and the list */
}

RtType rt_list_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "list_iterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtListIter),
  .dealloc = list_iter_dealloc,
  .traverse = list_iter_traverse,
  .refs = list_iter_refs,
  .iter = rt_self_iter,
  .iternext = list_iter_next,
  .methods = list_iter_methods,
  .size_of = list_iter_size_of,
};

RtType rt_list_reviter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "list_reverseiterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtListIter),
  .dealloc = list_iter_dealloc,
  .traverse = list_iter_traverse,
  .refs = list_iter_refs,
  .iter = rt_self_iter,
  .iternext = list_reviter_next,
  .methods = list_reviter_methods,
  .size_of = list_iter_size_of,
};

void
rt_list_truncate (RtObject *list, int64_t size)
{
  RtList *self = (RtList *) list;

  /* As CPython's Py_SET_SIZE in UNPACK_EX: the allocation stays as it is,
   * which sys.getsizeof shows. */
  while (self->size > size && self->size > 0)
    {
      int64_t i = self->size - 1;
      RtObject *item = self->items[i];

      self->items[i] = NULL;
      self->size = i;
      ev_ref (RT_EV_REF_DEL, &self->ob, i, item, RT_EVF_SHIFT);
      rt_decref (item);
    }
}
