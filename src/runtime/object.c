/* object.c: allocating objects, and freeing them when their count reaches
 * zero: the finalizer once, the free event, the type's dealloc, and a
 * deferred queue so that long chains free without deep C recursion. */
#include "object.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "mem.h"
#include "runtime-private.h"

#include <stdlib.h>

/* Nesting of deallocations beyond which further ones are queued, as
 * CPython's trashcan (Py_TRASHCAN_HEADROOM): freeing a chain of a million
 * lists must not use a million C frames. */
#define DEALLOC_NESTING_LIMIT 50

static struct
{
  RtObject **pending;
  size_t length;
  size_t capacity;
  int depth;
} trash;

RtObject *
rt_object_alloc (RtType *type, size_t size)
{
  RtObject *obj = rt_mem_alloc (size, RT_MEM_OBJECT);

  if (RT_UNLIKELY (obj == NULL))
    return rt_error_no_memory ();
  obj->refcnt = 1;
  obj->aux = 0;
  obj->type = type;
  obj->serial = rt_serial_take ();
  if (RT_TYPE_HAS (type, RT_TPFLAG_HEAPTYPE))
    rt_incref (&type->ob);
  return obj;
}

void
rt_object_free (RtObject *obj, size_t size)
{
  rt_mem_free (obj, size);
}

void
rt_object_reinit (RtObject *obj)
{
  obj->refcnt = 1;
  obj->serial = rt_serial_take ();
}

void
rt_object_init_static (RtObject *obj, RtType *type)
{
  /* A count that no program can bring to zero: static objects are shared
   * by everything and never freed. */
  obj->refcnt = 1u << 30;
  obj->aux |= RT_AUX_STATIC;
  if (type != NULL)
    obj->type = type;
  obj->serial = rt_serial_take ();
}

size_t
rt_object_sizeof (RtObject *obj)
{
  RtType *type = obj->type;
  size_t size = type->size_of != NULL ? type->size_of (obj) : type->basic_size;

  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    size += sizeof (RtGcHead);
  return size;
}

uint64_t
rt_object_id (RtObject *obj)
{
  if (obj->aux & RT_AUX_STATIC)
    return (uint64_t) (uintptr_t) obj;
  return rt_mem_address (obj);
}

/* PyObject_CallFinalizerFromDealloc: runs __del__ with the object briefly
 * alive again. Returns true if the finalizer resurrected it. */
static bool
call_finalizer_from_dealloc (RtObject *obj)
{
  RtObject *saved;

  /* As subtype_dealloc, the object is tracked (freshly, so in generation 0)
   * while its finalizer runs. */
  if (rt_gc_is_tracked (obj))
    rt_gc_untrack (obj);
  rt_gc_track (obj);

  obj->refcnt = 1;
  rt_gc_set_finalized (obj);
  saved = rt_error_fetch ();
  if (rt_events_on ())
    rt_event_simple (RT_EV_GC_FINALIZE, obj, 0, 0, 0, 0);
  obj->type->finalize (obj);
  rt_error_restore (saved);

  if (--obj->refcnt != 0)
    return true;
  return false;
}

static void
dealloc_one (RtObject *obj)
{
  RtType *type = obj->type;

  if (type->finalize != NULL && RT_TYPE_HAS (type, RT_TPFLAG_GC) && !rt_gc_is_finalized (obj))
    {
      if (call_finalizer_from_dealloc (obj))
        return;
    }
  if (rt_events_on ())
    rt_event_free (obj, rt_free_cause);
  type->dealloc (obj);
}

static bool
trash_push (RtObject *obj)
{
  if (trash.length == trash.capacity)
    {
      size_t capacity = trash.capacity ? trash.capacity * 2 : 256;
      RtObject **grown = realloc (trash.pending, capacity * sizeof *grown);
      if (grown == NULL)
        return false;
      trash.pending = grown;
      trash.capacity = capacity;
    }
  trash.pending[trash.length++] = obj;
  return true;
}

void
rt_dealloc (RtObject *obj)
{
  if (RT_UNLIKELY (obj->aux & RT_AUX_STATIC) || RT_UNLIKELY (rt_finalizing))
    {
      if (rt_finalizing)
        return;
      obj->refcnt = 1u << 30;
      return;
    }

  if (trash.depth >= DEALLOC_NESTING_LIMIT && trash_push (obj))
    return;

  trash.depth++;
  dealloc_one (obj);
  trash.depth--;

  if (trash.depth == 0)
    {
      while (trash.length > 0)
        {
          RtObject *next = trash.pending[--trash.length];
          trash.depth++;
          dealloc_one (next);
          trash.depth--;
        }
      if (trash.capacity > 4096)
        {
          free (trash.pending);
          trash.pending = NULL;
          trash.capacity = 0;
        }
    }
}

void
rt_trash_fini (void)
{
  free (trash.pending);
  trash.pending = NULL;
  trash.length = trash.capacity = 0;
  trash.depth = 0;
}
