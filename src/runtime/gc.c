/* gc.c: the generational cycle collector, a port of CPython 3.11's
 * Modules/gcmodule.c. The comments keep CPython's names for each step so
 * the two can be read side by side. */
#include "gc.h"
#include "dict.h"
#include "error.h"
#include "event.h"
#include "float.h"
#include "list.h"
#include "mem.h"
#include "runtime-private.h"
#include "tuple.h"

#include <string.h>

/* The two low bits of prev, as _PyGC_PREV_MASK_FINALIZED and
 * PREV_MASK_COLLECTING; gc_refs lives above them during a collection. */
#define PREV_MASK_FINALIZED ((uintptr_t) 1)
#define PREV_MASK_COLLECTING ((uintptr_t) 2)
#define PREV_SHIFT 2
#define PREV_MASK_POINTER (~(uintptr_t) 3)
/* The low bit of next marks objects moved to the unreachable list. */
#define NEXT_MASK_UNREACHABLE ((uintptr_t) 1)

#define PERMANENT_GENERATION 3

typedef struct
{
  RtGcHead head;
  int64_t threshold;
  int64_t count;
} RtGeneration;

static struct
{
  RtGeneration generations[RT_GC_GENERATIONS];
  RtGcHead permanent;
  bool enabled;
  bool collecting;
  int64_t long_lived_total;
  int64_t long_lived_pending;
  RtGcStats stats[RT_GC_GENERATIONS];
  int debug;
  RtObject *garbage;
} gcs;

#define GEN_HEAD(n) (&gcs.generations[n].head)

/* List primitives (gcmodule.c's gc_list_*). */

static inline RtGcHead *
gc_next (RtGcHead *g)
{
  return (RtGcHead *) g->next;
}

static inline RtGcHead *
gc_prev (RtGcHead *g)
{
  return (RtGcHead *) (g->prev & PREV_MASK_POINTER);
}

static inline void
gc_set_next (RtGcHead *g, RtGcHead *next)
{
  g->next = (uintptr_t) next;
}

static inline void
gc_set_prev (RtGcHead *g, RtGcHead *prev)
{
  g->prev = (g->prev & ~PREV_MASK_POINTER) | (uintptr_t) prev;
}

static void
gc_list_init (RtGcHead *list)
{
  list->prev = (uintptr_t) list;
  list->next = (uintptr_t) list;
}

static inline bool
gc_list_is_empty (RtGcHead *list)
{
  return list->next == (uintptr_t) list;
}

static void
gc_list_append (RtGcHead *node, RtGcHead *list)
{
  RtGcHead *last = (RtGcHead *) list->prev;

  gc_set_prev (node, last);
  gc_set_next (last, node);
  gc_set_next (node, list);
  list->prev = (uintptr_t) node;
}

static void
gc_list_move (RtGcHead *node, RtGcHead *list)
{
  RtGcHead *from_prev = gc_prev (node);
  RtGcHead *from_next = gc_next (node);
  RtGcHead *to_prev = (RtGcHead *) list->prev;

  gc_set_next (from_prev, from_next);
  gc_set_prev (from_next, from_prev);

  gc_set_prev (node, to_prev);
  gc_set_next (to_prev, node);
  list->prev = (uintptr_t) node;
  gc_set_next (node, list);
}

static void
gc_list_merge (RtGcHead *from, RtGcHead *to)
{
  if (!gc_list_is_empty (from))
    {
      RtGcHead *to_tail = gc_prev (to);
      RtGcHead *from_head = gc_next (from);
      RtGcHead *from_tail = gc_prev (from);

      gc_set_next (to_tail, from_head);
      gc_set_prev (from_head, to_tail);
      gc_set_next (from_tail, to);
      gc_set_prev (to, from_tail);
    }
  gc_list_init (from);
}

static int64_t
gc_list_size (RtGcHead *list)
{
  int64_t n = 0;

  for (RtGcHead *g = gc_next (list); g != list; g = gc_next (g))
    n++;
  return n;
}

static void
gc_list_clear_collecting (RtGcHead *list)
{
  for (RtGcHead *g = gc_next (list); g != list; g = gc_next (g))
    g->prev &= ~PREV_MASK_COLLECTING;
}

/* gc_refs, stored above the flag bits of prev during a collection. */

static inline int64_t
gc_get_refs (RtGcHead *g)
{
  return (int64_t) (g->prev >> PREV_SHIFT);
}

static inline void
gc_set_refs (RtGcHead *g, int64_t refs)
{
  g->prev = (g->prev & ~PREV_MASK_POINTER) | ((uintptr_t) refs << PREV_SHIFT);
}

static inline void
gc_reset_refs (RtGcHead *g, int64_t refs)
{
  g->prev = (g->prev & PREV_MASK_FINALIZED) | PREV_MASK_COLLECTING
            | ((uintptr_t) refs << PREV_SHIFT);
}

static inline void
gc_decref (RtGcHead *g)
{
  g->prev -= (uintptr_t) 1 << PREV_SHIFT;
}

static inline bool
gc_is_collecting (RtGcHead *g)
{
  return (g->prev & PREV_MASK_COLLECTING) != 0;
}

static inline void
gc_clear_collecting (RtGcHead *g)
{
  g->prev &= ~PREV_MASK_COLLECTING;
}

/* Tracking. */

void
rt_gc_track (RtObject *obj)
{
  RtGcHead *g = RT_AS_GC (obj);
  RtGcHead *generation0 = GEN_HEAD (0);
  RtGcHead *last = (RtGcHead *) generation0->prev;

  gc_set_next (last, g);
  gc_set_prev (g, last);
  gc_set_next (g, generation0);
  generation0->prev = (uintptr_t) g;

  if (rt_events_on ())
    rt_event_simple (RT_EV_TRACK, obj, 0, 0, 0, 0);
}

void
rt_gc_untrack (RtObject *obj)
{
  RtGcHead *g = RT_AS_GC (obj);
  RtGcHead *prev = gc_prev (g);
  RtGcHead *next = gc_next (g);

  gc_set_next (prev, next);
  gc_set_prev (next, prev);
  g->next = 0;
  g->prev &= PREV_MASK_FINALIZED;

  if (rt_events_on ())
    rt_event_simple (RT_EV_UNTRACK, obj, 0, 0, 0, 0);
}

bool
rt_gc_may_be_tracked (RtObject *obj)
{
  if (!RT_IS_GC (obj))
    return false;
  if (obj->type == &rt_tuple_type)
    return rt_gc_is_tracked (obj);
  return true;
}

bool
rt_gc_is_finalized (RtObject *obj)
{
  return (RT_AS_GC (obj)->prev & PREV_MASK_FINALIZED) != 0;
}

void
rt_gc_set_finalized (RtObject *obj)
{
  RT_AS_GC (obj)->prev |= PREV_MASK_FINALIZED;
}

/* Allocation: _PyObject_GC_Link runs a collection inside the allocation
 * that pushes count0 over threshold0. */

static int64_t collect_generations (void);

RtObject *
rt_gc_alloc (RtType *type, size_t size)
{
  RtGcHead *g = rt_mem_alloc (sizeof (RtGcHead) + size, RT_MEM_GC_OBJECT);
  RtObject *obj;

  if (RT_UNLIKELY (g == NULL))
    return rt_error_no_memory ();
  g->next = 0;
  g->prev = 0;

  gcs.generations[0].count++;
  if (gcs.generations[0].count > gcs.generations[0].threshold && gcs.enabled
      && gcs.generations[0].threshold != 0 && !gcs.collecting && !rt_error_occurred ())
    {
      gcs.collecting = true;
      collect_generations ();
      gcs.collecting = false;
    }

  obj = RT_FROM_GC (g);
  obj->refcnt = 1;
  obj->aux = 0;
  obj->type = type;
  obj->serial = rt_serial_take ();
  if (RT_TYPE_HAS (type, RT_TPFLAG_HEAPTYPE))
    rt_incref (&type->ob);
  return obj;
}

RtObject *
rt_gc_resize (RtObject *obj, size_t old_size, size_t new_size)
{
  RtGcHead *g = RT_AS_GC (obj);
  RtGcHead *grown;
  size_t keep = old_size < new_size ? old_size : new_size;

  grown = rt_mem_alloc (sizeof (RtGcHead) + new_size, RT_MEM_GC_OBJECT);
  if (grown == NULL)
    return rt_error_no_memory ();
  memcpy (grown, g, sizeof (RtGcHead) + keep);
  rt_mem_free (g, sizeof (RtGcHead) + old_size);
  return RT_FROM_GC (grown);
}

void
rt_gc_free (RtObject *obj, size_t size)
{
  if (gcs.generations[0].count > 0)
    gcs.generations[0].count--;
  rt_mem_free (RT_AS_GC (obj), sizeof (RtGcHead) + size);
}

/* The collection. */

static void
emit_refs (RtGcHead *list, RtGcPhase phase)
{
  if (!rt_events_on () || !rt_sink->detailed_gc)
    return;
  for (RtGcHead *g = gc_next (list); g != list; g = gc_next (g))
    rt_event_simple (RT_EV_GC_REFS, RT_FROM_GC (g), (int32_t) phase, gc_get_refs (g), 0, 0);
}

static void
emit_phase (RtGcPhase phase, int64_t size)
{
  if (rt_events_on ())
    rt_event_simple (RT_EV_GC_PHASE, NULL, (int32_t) phase, size, 0, 0);
}

/* Set every object's gc_refs to its count, and mark it as collecting. */
static void
update_refs (RtGcHead *containers)
{
  for (RtGcHead *g = gc_next (containers); g != containers; g = gc_next (g))
    gc_reset_refs (g, RT_FROM_GC (g)->refcnt);
}

static int
visit_decref (RtObject *obj, void *parent)
{
  if (RT_IS_GC (obj))
    {
      RtGcHead *g = RT_AS_GC (obj);
      /* Only objects of the generations being collected have the flag. */
      if (gc_is_collecting (g))
        gc_decref (g);
    }
  return 0;
}

/* Subtract the references that come from inside the set: what remains in
 * gc_refs is held from outside. */
static void
subtract_refs (RtGcHead *containers)
{
  for (RtGcHead *g = gc_next (containers); g != containers; g = gc_next (g))
    {
      RtObject *obj = RT_FROM_GC (g);
      obj->type->traverse (obj, visit_decref, obj);
    }
}

static int
visit_reachable (RtObject *obj, void *arg)
{
  RtGcHead *reachable = arg;
  RtGcHead *g;

  if (!RT_IS_GC (obj))
    return 0;
  g = RT_AS_GC (obj);
  /* Objects of other generations, and those move_unreachable has already
   * passed, do not have the flag. */
  if (!gc_is_collecting (g))
    return 0;

  if (g->next & NEXT_MASK_UNREACHABLE)
    {
      /* Moved to unreachable earlier, reachable after all: back to the
       * young list, where move_unreachable will get to it again. The list
       * functions do not cope with the mask, so unlink by hand. */
      RtGcHead *prev = gc_prev (g);
      RtGcHead *next = (RtGcHead *) (g->next & ~NEXT_MASK_UNREACHABLE);
      prev->next = g->next;
      gc_set_prev (next, prev);
      gc_list_append (g, reachable);
      gc_set_refs (g, 1);
    }
  else if (gc_get_refs (g) == 0)
    {
      /* Still ahead in the young list: tell move_unreachable it is reachable. */
      gc_set_refs (g, 1);
    }
  return 0;
}

/* Moves objects whose gc_refs is 0 to unreachable, unless something
 * reachable refers to them. The young list is singly linked while this
 * runs; prev pointers are restored as it goes. */
static void
move_unreachable (RtGcHead *young, RtGcHead *unreachable)
{
  RtGcHead *prev = young;
  RtGcHead *g = gc_next (young);

  while (g != young)
    {
      if (gc_get_refs (g) != 0)
        {
          RtObject *obj = RT_FROM_GC (g);
          obj->type->traverse (obj, visit_reachable, young);
          gc_set_prev (g, prev);
          gc_clear_collecting (g);
          prev = g;
        }
      else
        {
          RtGcHead *last = (RtGcHead *) unreachable->prev;

          prev->next = g->next;
          /* Every object in unreachable carries the mask; setting it on the
           * list head too is harmless and repaired below. */
          last->next = NEXT_MASK_UNREACHABLE | (uintptr_t) g;
          gc_set_prev (g, last);
          g->next = NEXT_MASK_UNREACHABLE | (uintptr_t) unreachable;
          unreachable->prev = (uintptr_t) g;
        }
      g = (RtGcHead *) prev->next;
    }
  young->prev = (uintptr_t) prev;
  unreachable->next &= ~NEXT_MASK_UNREACHABLE;
}

static void
clear_unreachable_mask (RtGcHead *unreachable)
{
  RtGcHead *next;

  for (RtGcHead *g = gc_next (unreachable); g != unreachable; g = next)
    {
      g->next &= ~NEXT_MASK_UNREACHABLE;
      next = (RtGcHead *) g->next;
    }
}

static void
deduce_unreachable (RtGcHead *base, RtGcHead *unreachable)
{
  update_refs (base);
  emit_refs (base, RT_GC_PHASE_UPDATE_REFS);
  subtract_refs (base);
  emit_refs (base, RT_GC_PHASE_SUBTRACT_REFS);
  gc_list_init (unreachable);
  move_unreachable (base, unreachable);
}

static void
untrack_tuples (RtGcHead *head)
{
  RtGcHead *next;

  for (RtGcHead *g = gc_next (head); g != head; g = next)
    {
      RtObject *obj = RT_FROM_GC (g);
      next = gc_next (g);
      if (obj->type == &rt_tuple_type)
        rt_tuple_maybe_untrack (obj);
    }
}

static void
untrack_dicts (RtGcHead *head)
{
  RtGcHead *next;

  for (RtGcHead *g = gc_next (head); g != head; g = next)
    {
      RtObject *obj = RT_FROM_GC (g);
      next = gc_next (g);
      if (obj->type == &rt_dict_type)
        rt_dict_maybe_untrack (obj);
    }
}

/* Runs __del__ of every unreachable object that has one and has not run
 * it yet (PEP 442). */
static int64_t
finalize_garbage (RtGcHead *collectable)
{
  RtGcHead seen;
  int64_t finalized = 0;

  gc_list_init (&seen);
  while (!gc_list_is_empty (collectable))
    {
      RtGcHead *g = gc_next (collectable);
      RtObject *obj = RT_FROM_GC (g);

      gc_list_move (g, &seen);
      if (!(g->prev & PREV_MASK_FINALIZED) && obj->type->finalize != NULL)
        {
          g->prev |= PREV_MASK_FINALIZED;
          rt_incref (obj);
          if (rt_events_on ())
            rt_event_simple (RT_EV_GC_FINALIZE, obj, 0, 0, 0, 0);
          obj->type->finalize (obj);
          rt_decref (obj);
          finalized++;
        }
    }
  gc_list_merge (&seen, collectable);
  return finalized;
}

/* Finalizers may have made some garbage reachable again: run the
 * reachability pass once more on what was unreachable; the survivors join
 * the old generation. */
static void
handle_resurrected_objects (RtGcHead *unreachable, RtGcHead *still_unreachable,
                            RtGcHead *old_generation, int generation)
{
  RtGcHead *resurrected = unreachable;

  gc_list_clear_collecting (unreachable);
  deduce_unreachable (resurrected, still_unreachable);
  clear_unreachable_mask (still_unreachable);

  if (rt_events_on () && !gc_list_is_empty (resurrected))
    {
      for (RtGcHead *g = gc_next (resurrected); g != resurrected; g = gc_next (g))
        rt_event_simple (RT_EV_GC_RESURRECT, RT_FROM_GC (g),
                         old_generation == &gcs.permanent ? PERMANENT_GENERATION
                         : generation < RT_GC_GENERATIONS - 1 ? generation + 1 : generation,
                         0, 0, 0);
      emit_phase (RT_GC_PHASE_RESURRECTED, gc_list_size (resurrected));
    }
  gc_list_merge (resurrected, old_generation);
}

/* Breaks the cycles with tp_clear; what that frees is freed by refcounting.
 * With DEBUG_SAVEALL the garbage goes to gc.garbage instead. */
static void
delete_garbage (RtGcHead *collectable, RtGcHead *old, int generation)
{
  int saved_cause = rt_free_cause;

  rt_free_cause = generation;
  while (!gc_list_is_empty (collectable))
    {
      RtGcHead *g = gc_next (collectable);
      RtObject *obj = RT_FROM_GC (g);

      if (gcs.debug & RT_GC_DEBUG_SAVEALL)
        {
          if (rt_list_append (gcs.garbage, obj) < 0)
            rt_error_clear ();
        }
      else if (obj->type->clear != NULL)
        {
          rt_incref (obj);
          obj->type->clear (obj);
          if (rt_error_occurred ())
            rt_error_clear ();
          rt_decref (obj);
        }
      if (gc_next (collectable) == g)
        {
          /* Still alive: it may die later. */
          gc_clear_collecting (g);
          gc_list_move (g, old);
          if (rt_events_on ())
            rt_event_simple (RT_EV_GC_RESURRECT, obj,
                             generation < RT_GC_GENERATIONS - 1 ? generation + 1 : generation,
                             0, 0, 0);
        }
    }
  rt_free_cause = saved_cause;
}

static void
clear_freelists (void)
{
  rt_tuple_clear_freelist ();
  rt_float_clear_freelist ();
  rt_list_clear_freelist ();
  rt_dict_clear_freelist ();
}

/* gc_collect_main: collects generation `generation` and the younger ones.
 * Returns the number of unreachable objects found. */
static int64_t
collect_main (int generation, bool manual)
{
  RtGcHead *young, *old;
  RtGcHead unreachable, final_unreachable;
  int64_t m = 0, n = 0;

  if (rt_events_on ())
    {
      RtEvent event = { .kind = RT_EV_GC_START,
                        .flags = manual ? RT_EVF_MANUAL : 0,
                        .small = generation,
                        .a = gcs.generations[0].count,
                        .b = gcs.generations[1].count,
                        .c = gcs.generations[2].count };
      rt_emit_slow (&event);
    }

  /* Update the collection and allocation counters. */
  if (generation + 1 < RT_GC_GENERATIONS)
    gcs.generations[generation + 1].count += 1;
  for (int i = 0; i <= generation; i++)
    gcs.generations[i].count = 0;

  /* Merge the younger generations into the one being collected. */
  for (int i = 0; i < generation; i++)
    {
      if (rt_events_on ())
        rt_event_simple (RT_EV_GEN_MERGE, NULL, i, generation, 0, 0);
      gc_list_merge (GEN_HEAD (i), GEN_HEAD (generation));
    }

  young = GEN_HEAD (generation);
  old = generation < RT_GC_GENERATIONS - 1 ? GEN_HEAD (generation + 1) : young;

  deduce_unreachable (young, &unreachable);
  if (rt_events_on ())
    {
      /* The unreachable list still carries the mask in its next links. */
      int64_t n_unreachable = 0;
      for (RtGcHead *g = gc_next (&unreachable); g != &unreachable;
           g = (RtGcHead *) (g->next & ~NEXT_MASK_UNREACHABLE))
        n_unreachable++;
      emit_phase (RT_GC_PHASE_MOVE_UNREACHABLE, n_unreachable);
      for (RtGcHead *g = gc_next (&unreachable); g != &unreachable;
           g = (RtGcHead *) (g->next & ~NEXT_MASK_UNREACHABLE))
        rt_event_simple (RT_EV_GC_UNREACHABLE, RT_FROM_GC (g), generation, 0, 0, 0);
    }

  untrack_tuples (young);

  /* Move the reachable objects to the next generation. */
  if (young != old)
    {
      if (generation == RT_GC_GENERATIONS - 2)
        gcs.long_lived_pending += gc_list_size (young);
      if (rt_events_on ())
        {
          emit_phase (RT_GC_PHASE_PROMOTE, gc_list_size (young));
          rt_event_simple (RT_EV_GEN_MERGE, NULL, generation, generation + 1, 0, 0);
        }
      gc_list_merge (young, old);
    }
  else
    {
      /* Dicts are untracked only by full collections, to avoid quadratic
       * dict build-up (bpo-14775). */
      untrack_dicts (young);
      gcs.long_lived_pending = 0;
      gcs.long_lived_total = gc_list_size (young);
      if (rt_events_on ())
        emit_phase (RT_GC_PHASE_PROMOTE, gcs.long_lived_total);
    }

  /* There are no legacy (tp_del) finalizers here, so nothing is
   * uncollectable; clearing the mask is what move_legacy_finalizers leaves. */
  clear_unreachable_mask (&unreachable);

  if (rt_events_on ())
    emit_phase (RT_GC_PHASE_FINALIZE, gc_list_size (&unreachable));
  /* Only a finalizer can make garbage reachable again: without one having
   * run, the second reachability pass would find exactly the same set. */
  if (finalize_garbage (&unreachable) > 0)
    handle_resurrected_objects (&unreachable, &final_unreachable, old, generation);
  else
    {
      gc_list_init (&final_unreachable);
      gc_list_merge (&unreachable, &final_unreachable);
    }

  m += gc_list_size (&final_unreachable);
  if (rt_events_on ())
    emit_phase (RT_GC_PHASE_CLEAR, m);
  delete_garbage (&final_unreachable, old, generation);

  /* Free lists are emptied only by collections of the oldest generation. */
  if (generation == RT_GC_GENERATIONS - 1)
    clear_freelists ();

  if (rt_error_occurred ())
    rt_error_clear ();

  gcs.stats[generation].collections++;
  gcs.stats[generation].collected += m;
  gcs.stats[generation].uncollectable += n;

  if (rt_events_on ())
    rt_event_simple (RT_EV_GC_END, NULL, generation, m, n, 0);
  return n + m;
}

/* gc_collect_generations: the oldest generation over its threshold, except
 * that generation 2 waits until the objects that survived generation-1
 * collections since the last full one are a quarter of the long-lived. */
static int64_t
collect_generations (void)
{
  for (int i = RT_GC_GENERATIONS - 1; i >= 0; i--)
    {
      if (gcs.generations[i].count > gcs.generations[i].threshold)
        {
          if (i == RT_GC_GENERATIONS - 1 && gcs.long_lived_pending < gcs.long_lived_total / 4)
            continue;
          return collect_main (i, false);
        }
    }
  return 0;
}

int64_t
rt_gc_collect (int generation)
{
  int64_t n;

  if (gcs.collecting)
    return 0;
  gcs.collecting = true;
  n = collect_main (generation, true);
  gcs.collecting = false;
  return n;
}

void
rt_gc_get_count (int64_t count[RT_GC_GENERATIONS])
{
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    count[i] = gcs.generations[i].count;
}

void
rt_gc_get_threshold (int64_t threshold[RT_GC_GENERATIONS])
{
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    threshold[i] = gcs.generations[i].threshold;
}

void
rt_gc_set_threshold (const int64_t *threshold, int n)
{
  for (int i = 0; i < n && i < RT_GC_GENERATIONS; i++)
    gcs.generations[i].threshold = threshold[i];
  if (rt_events_on ())
    rt_event_simple (RT_EV_THRESHOLD, NULL, 0, gcs.generations[0].threshold,
                     gcs.generations[1].threshold, gcs.generations[2].threshold);
}

void
rt_gc_get_stats (RtGcStats stats[RT_GC_GENERATIONS])
{
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    stats[i] = gcs.stats[i];
}

void
rt_gc_enable (bool enabled)
{
  gcs.enabled = enabled;
}

bool
rt_gc_is_enabled (void)
{
  return gcs.enabled;
}

bool
rt_gc_is_collecting (void)
{
  return gcs.collecting;
}

void
rt_gc_set_debug (int flags)
{
  gcs.debug = flags;
}

int
rt_gc_get_debug (void)
{
  return gcs.debug;
}

void
rt_gc_freeze (void)
{
  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    {
      if (rt_events_on ())
        rt_event_simple (RT_EV_GEN_MERGE, NULL, i, PERMANENT_GENERATION, 0, 0);
      gc_list_merge (GEN_HEAD (i), &gcs.permanent);
      gcs.generations[0].count = 0;
    }
}

void
rt_gc_unfreeze (void)
{
  if (rt_events_on ())
    rt_event_simple (RT_EV_GEN_MERGE, NULL, PERMANENT_GENERATION, RT_GC_GENERATIONS - 1, 0, 0);
  gc_list_merge (&gcs.permanent, GEN_HEAD (RT_GC_GENERATIONS - 1));
}

int64_t
rt_gc_get_freeze_count (void)
{
  return gc_list_size (&gcs.permanent);
}

RtObject *
rt_gc_garbage (void)
{
  return gcs.garbage;
}

void
rt_gc_foreach (int generation, void (*fn) (RtObject *obj, void *arg), void *arg)
{
  for (int i = 0; i <= PERMANENT_GENERATION; i++)
    {
      RtGcHead *head = i == PERMANENT_GENERATION ? &gcs.permanent : GEN_HEAD (i);
      if (generation >= 0 && generation != i)
        continue;
      for (RtGcHead *g = gc_next (head); g != head; g = gc_next (g))
        fn (RT_FROM_GC (g), arg);
    }
}

int
rt_gc_generation_of (RtObject *obj)
{
  RtGcHead *target = RT_AS_GC (obj);

  if (!RT_IS_GC (obj) || target->next == 0)
    return -1;
  for (int i = 0; i <= PERMANENT_GENERATION; i++)
    {
      RtGcHead *head = i == PERMANENT_GENERATION ? &gcs.permanent : GEN_HEAD (i);
      for (RtGcHead *g = gc_next (head); g != head; g = gc_next (g))
        if (g == target)
          return i;
    }
  return -1;
}

void
rt_gc_visit_roots (void (*visit) (RtObject *target, void *arg), void *arg)
{
  if (gcs.garbage != NULL)
    visit (gcs.garbage, arg);
}

void
rt_gc_init (void)
{
  static const int64_t thresholds[RT_GC_GENERATIONS] = { 700, 10, 10 };

  for (int i = 0; i < RT_GC_GENERATIONS; i++)
    {
      gc_list_init (GEN_HEAD (i));
      gcs.generations[i].threshold = thresholds[i];
      gcs.generations[i].count = 0;
      gcs.stats[i] = (RtGcStats){ 0, 0, 0 };
    }
  gc_list_init (&gcs.permanent);
  gcs.enabled = true;
  gcs.collecting = false;
  gcs.long_lived_total = 0;
  gcs.long_lived_pending = 0;
  gcs.debug = 0;
  gcs.garbage = NULL;
}

/* Called once the list type works. */
bool
rt_gc_init_garbage (void)
{
  gcs.garbage = rt_list_new (0);
  return gcs.garbage != NULL;
}

void
rt_gc_fini (void)
{
  RT_CLEAR (gcs.garbage);
}
