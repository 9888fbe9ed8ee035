/* set.h: sets and frozensets with CPython's table and iteration order. */
#pragma once

#include "object.h"

extern RtType rt_set_type, rt_frozenset_type;

RtObject *rt_set_new (RtObject *iterable);  /* iterable may be NULL */
int rt_set_add (RtObject *set, RtObject *key);
int rt_set_contains (RtObject *set, RtObject *key);
int rt_set_discard (RtObject *set, RtObject *key);  /* 1 removed, 0 absent */
int64_t rt_set_size (RtObject *set);
