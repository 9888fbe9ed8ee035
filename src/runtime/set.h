/* set.h: sets and frozensets with CPython's table and iteration order. */
#pragma once

#include "object.h"

extern RtType rt_set_type, rt_frozenset_type, rt_set_iter_type;

/* Unless said otherwise, arguments are borrowed, results are new references,
 * and failures return NULL or -1 with an exception set. A key that is a set
 * is looked up as the frozenset of its items, as CPython does. */

/* set(iterable); iterable may be NULL. */
RtObject *rt_set_new (RtObject *iterable);
int rt_set_add (RtObject *set, RtObject *key);
int rt_set_contains (RtObject *set, RtObject *key);  /* 1, 0, -1 */
int rt_set_discard (RtObject *set, RtObject *key);  /* 1 removed, 0 absent */
int64_t rt_set_size (RtObject *set);
