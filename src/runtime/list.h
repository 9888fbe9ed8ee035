/* list.h: lists, with CPython's over-allocation and its free list of 80. */
#pragma once

#include "object.h"

typedef struct
{
  RtObject ob;
  int64_t size;
  RtObject **items;
  int64_t allocated;
} RtList;

extern RtType rt_list_type, rt_list_iter_type, rt_list_reviter_type;

static inline bool
rt_is_list (RtObject *obj)
{
  return RT_TYPE_HAS (obj->type, RT_TPFLAG_LIST_SUBCLASS);
}

#define RT_LIST_ITEMS(l) (((RtList *) (l))->items)
#define RT_LIST_SIZE(l) (((RtList *) (l))->size)

/* Unless said otherwise, arguments are borrowed, results are new references,
 * and failures return NULL or -1 with an exception set. */

/* A new list of `size` NULL slots (fill each with rt_list_init_item), or
 * empty; tracked, as PyList_New. */
RtObject *rt_list_new (int64_t size);
/* Stores item (stolen) in a fresh list's NULL slot i, reporting the reference. */
void rt_list_init_item (RtObject *list, int64_t i, RtObject *item);

int rt_list_append (RtObject *list, RtObject *item);              /* borrows item */
/* list.insert: index clamped to the list, negative from the end. */
int rt_list_insert (RtObject *list, int64_t index, RtObject *item);
int rt_list_set_item (RtObject *list, int64_t index, RtObject *item); /* borrows */
int rt_list_extend (RtObject *list, RtObject *iterable);
/* Drops the items from index size on, keeping the allocation (CPython's
 * Py_SET_SIZE, as UNPACK_EX uses it). */
void rt_list_truncate (RtObject *list, int64_t size);
/* list.sort(key=key, reverse=reverse); key NULL for none. */
int rt_list_sort (RtObject *list, RtObject *key, bool reverse);
int rt_list_reverse (RtObject *list);
RtObject *rt_list_as_tuple (RtObject *list);
/* list(iterable) as PySequence_List: from the free list, presized by the
 * length hint. */
RtObject *rt_list_from_iterable (RtObject *iterable);

void rt_list_clear_freelist (void);
