/* gc.h: the generational cycle collector, CPython 3.11's gcmodule.c: three
 * generations with thresholds (700, 10, 10), collection triggered inside an
 * allocation, the long-lived rule for generation 2, PEP 442 finalizers. */
#pragma once

#include "object.h"

#define RT_GC_GENERATIONS 3
#define RT_GC_DEBUG_STATS (1 << 0)
#define RT_GC_DEBUG_COLLECTABLE (1 << 1)
#define RT_GC_DEBUG_UNCOLLECTABLE (1 << 2)
#define RT_GC_DEBUG_SAVEALL (1 << 5)
#define RT_GC_DEBUG_LEAK \
  (RT_GC_DEBUG_COLLECTABLE | RT_GC_DEBUG_UNCOLLECTABLE | RT_GC_DEBUG_SAVEALL)

struct RtGcStats
{
  int64_t collections;
  int64_t collected;
  int64_t uncollectable;
};

/* Allocates a GC object of `size` bytes (without the head): header set, a
 * count of 1, untracked. Counts toward generation 0 and may run a
 * collection before returning, exactly where CPython's _PyObject_GC_Link
 * does. NULL with MemoryError set on failure. */
RtObject *rt_gc_alloc (RtType *type, size_t size);

/* Resizes a GC object in place or by moving it (only while untracked and
 * referenced from nowhere else, as _PyObject_GC_Resize). */
RtObject *rt_gc_resize (RtObject *obj, size_t old_size, size_t new_size);

/* Frees the memory of an untracked GC object and lowers count0 (floor 0). */
void rt_gc_free (RtObject *obj, size_t size);

void rt_gc_track (RtObject *obj);
void rt_gc_untrack (RtObject *obj);

static inline bool
rt_gc_is_tracked (RtObject *obj)
{
  return RT_AS_GC (obj)->next != 0;
}

/* Whether obj may be tracked, as _PyObject_GC_MAY_BE_TRACKED: tuples
 * count only while tracked, other GC objects always. */
bool rt_gc_may_be_tracked (RtObject *obj);

/* gc.collect(generation): returns the number of unreachable objects found,
 * or 0 if a collection is already running. */
int64_t rt_gc_collect (int generation);

void rt_gc_get_count (int64_t count[RT_GC_GENERATIONS]);
void rt_gc_get_threshold (int64_t threshold[RT_GC_GENERATIONS]);
void rt_gc_set_threshold (const int64_t *threshold, int n);
void rt_gc_get_stats (RtGcStats stats[RT_GC_GENERATIONS]);
void rt_gc_enable (bool enabled);
bool rt_gc_is_enabled (void);
bool rt_gc_is_collecting (void);
void rt_gc_set_debug (int flags);
int rt_gc_get_debug (void);
void rt_gc_freeze (void);
void rt_gc_unfreeze (void);
int64_t rt_gc_get_freeze_count (void);

/* gc.garbage: a list (borrowed). */
RtObject *rt_gc_garbage (void);

/* Calls fn for each tracked object of a generation (0-2), or of all of them
 * and the permanent generation (-1). fn must not allocate. */
void rt_gc_foreach (int generation, void (*fn) (RtObject *obj, void *arg), void *arg);

/* Which generation a tracked object is in (0-2, 3 = permanent), -1 if
 * untracked. Walks the lists: for tools and tests, not hot paths. */
int rt_gc_generation_of (RtObject *obj);

/* Whether an object's __del__ has run (PEP 442), and marking it so. */
bool rt_gc_is_finalized (RtObject *obj);
void rt_gc_set_finalized (RtObject *obj);

/* Lifetime, called by the runtime. */
void rt_gc_init (void);
void rt_gc_fini (void);
