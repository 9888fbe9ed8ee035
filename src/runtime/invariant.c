/* invariant.c: the heap invariant check (every live object's count equals
 * the references to it that can be found) and walks over the live heap. */
#include "runtime.h"
#include "mem.h"
#include "runtime-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rt_runtime_visit_roots (void (*visit) (RtObject *target, void *arg), void *arg);
void rt_runtime_visit_static_refs (void (*visit) (RtObject *self, RtSlot slot, RtObject *target,
                                                  void *arg),
                                   void *arg);

/* An open-addressing table from object to the references found to it. */
typedef struct
{
  RtObject *obj;
  uint64_t found;
} RtRefCount;

static struct
{
  RtRefCount *table;
  size_t capacity;   /* a power of two */
  size_t used;
  bool failed;
} counts;

static inline size_t
slot_of (RtObject *obj)
{
  uintptr_t h = (uintptr_t) obj;
  h ^= h >> 17;
  h *= UINT64_C (0x9e3779b97f4a7c15);
  return (size_t) (h >> 7) & (counts.capacity - 1);
}

static RtRefCount *
lookup (RtObject *obj, bool insert)
{
  size_t i = slot_of (obj);

  while (counts.table[i].obj != NULL)
    {
      if (counts.table[i].obj == obj)
        return &counts.table[i];
      i = (i + 1) & (counts.capacity - 1);
    }
  if (!insert)
    return NULL;
  counts.table[i].obj = obj;
  counts.table[i].found = 0;
  counts.used++;
  return &counts.table[i];
}

static void
add_live (RtObject *obj, void *arg)
{
  if (obj->refcnt == 0)
    return; /* on a free list */
  lookup (obj, true);
}

static void
found_target (RtObject *target)
{
  RtRefCount *entry;

  if (target->aux & RT_AUX_STATIC)
    return;
  entry = lookup (target, false);
  if (entry != NULL)
    entry->found++;
}

static void
visit_ref (RtObject *self, RtSlot slot, RtObject *target, void *arg)
{
  found_target (target);
}

static void
visit_root (RtObject *target, void *arg)
{
  found_target (target);
}

static void
count_refs_of (RtObject *obj, void *arg)
{
  if (obj->refcnt == 0)
    return;
  if (obj->type->refs != NULL)
    obj->type->refs (obj, visit_ref, NULL);
  /* An instance of a class holds its class. */
  if (RT_TYPE_HAS (obj->type, RT_TPFLAG_HEAPTYPE))
    found_target (&obj->type->ob);
}

static void
count_live (RtObject *obj, void *arg)
{
  if (obj->refcnt != 0)
    (*(uint64_t *) arg)++;
}

uint64_t
rt_heap_count_objects (void)
{
  uint64_t n = 0;

  rt_mem_foreach_object (count_live, &n);
  return n;
}

typedef struct
{
  void (*fn) (RtObject *obj, void *arg);
  void *arg;
} RtLiveWalk;

static void
walk_live (RtObject *obj, void *arg)
{
  RtLiveWalk *walk = arg;

  if (obj->refcnt != 0)
    walk->fn (obj, walk->arg);
}

void
rt_heap_foreach (void (*fn) (RtObject *obj, void *arg), void *arg)
{
  RtLiveWalk walk = { fn, arg };

  rt_mem_foreach_object (walk_live, &walk);
}

bool
rt_heap_check (char *message, size_t size)
{
  uint64_t n = rt_heap_count_objects ();
  size_t capacity = 64;
  bool ok = true;
  const RtHooks *hooks = rt_runtime_hooks ();

  while (capacity < n * 2 + 16)
    capacity *= 2;
  counts.table = calloc (capacity, sizeof *counts.table);
  if (counts.table == NULL)
    {
      snprintf (message, size, "out of memory checking %llu objects", (unsigned long long) n);
      return false;
    }
  counts.capacity = capacity;
  counts.used = 0;

  rt_mem_foreach_object (add_live, NULL);
  rt_mem_foreach_object (count_refs_of, NULL);
  rt_runtime_visit_static_refs (visit_ref, NULL);
  rt_runtime_visit_roots (visit_root, NULL);
  if (hooks->visit_roots != NULL)
    hooks->visit_roots (visit_root, NULL, hooks->user);

  /* Report the first broken object in serial order, so the message is the
   * same from run to run. */
  RtRefCount *worst = NULL;
  for (size_t i = 0; i < counts.capacity; i++)
    {
      RtRefCount *entry = &counts.table[i];
      if (entry->obj == NULL || entry->found == entry->obj->refcnt)
        continue;
      if (worst == NULL || entry->obj->serial < worst->obj->serial)
        worst = entry;
    }
  if (worst != NULL)
    {
      ok = false;
      snprintf (message, size, "%s object #%llu at 0x%llx has refcount %u but %llu references",
                worst->obj->type->name, (unsigned long long) worst->obj->serial,
                (unsigned long long) rt_object_id (worst->obj), worst->obj->refcnt,
                (unsigned long long) worst->found);
    }

  free (counts.table);
  counts.table = NULL;
  counts.capacity = counts.used = 0;
  return ok;
}

void
rt_heap_check_fini (void)
{
  free (counts.table);
  memset (&counts, 0, sizeof counts);
}
