/* tuple.h: tuples, with the () singleton, free lists for lengths 1-19, and
 * untracking by the collector when they hold nothing trackable. */
#pragma once

#include "object.h"

typedef struct
{
  RtObject ob;
  int64_t size;
  RtObject *items[];
} RtTuple;

extern RtType rt_tuple_type, rt_tuple_iter_type;

static inline bool
rt_is_tuple (RtObject *obj)
{
  return RT_TYPE_HAS (obj->type, RT_TPFLAG_TUPLE_SUBCLASS);
}

#define RT_TUPLE_ITEMS(t) (((RtTuple *) (t))->items)
#define RT_TUPLE_SIZE(t) (((RtTuple *) (t))->size)

/* Unless said otherwise, arguments are borrowed, results are new references,
 * and failures return NULL or -1 with an exception set. */

/* A new tuple of `size` NULL slots (size 0: the shared empty tuple), tracked
 * at birth as in CPython; fill with rt_tuple_init_item. */
RtObject *rt_tuple_new (int64_t size);
void rt_tuple_init_item (RtObject *tuple, int64_t i, RtObject *item);  /* steals item */
/* A tuple of the given (borrowed) objects. */
RtObject *rt_tuple_pack (size_t n, ...);
RtObject *rt_tuple_from_array (RtObject *const *items, size_t n);
/* tuple(iterable): the argument itself if it is exactly a tuple. */
RtObject *rt_tuple_from_iterable (RtObject *iterable);

/* Untracks the tuple if none of its items may be tracked (_PyTuple_MaybeUntrack). */
void rt_tuple_maybe_untrack (RtObject *tuple);
void rt_tuple_clear_freelist (void);
/* The shared empty tuple (borrowed): the runtime holds one reference. */
RtObject *rt_tuple_empty (void);
bool rt_tuple_init (void);
void rt_tuple_fini (void);
