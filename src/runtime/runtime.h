/* runtime.h: the runtime's lifetime, its event sink, and the hooks through
 * which an embedder (the language layer) runs code the runtime calls back
 * into: Python functions, __del__, __repr__ and friends. One runtime exists
 * per process at a time. */
#pragma once

#include "object.h"
#include "event.h"

/* Callbacks into the embedder. */
typedef struct
{
  /* Calls a function object (RtFunction); same contract as RtCallFn. */
  RtCallFn call_function;
  /* Visits every reference the embedder holds from outside the heap: frames'
   * locals and value stacks, the builtins, code in flight. Used by the heap
   * invariant check and by the view's notion of roots. */
  void (*visit_roots) (void (*visit) (RtObject *target, void *arg), void *arg, void *user);
  /* For a zero-argument super(): the class the running function was
   * defined in and its first argument (both borrowed), or false with an
   * exception set. */
  bool (*super_args) (RtObject **type, RtObject **self);
  void *user;
} RtHooks;

/* Creates the runtime: the allocator, the small ints, the singletons, the
 * built-in types' namespaces. Returns false if memory ran out. */
bool rt_runtime_init (void);

/* Frees every object and all memory. */
void rt_runtime_fini (void);

bool rt_runtime_active (void);

void rt_runtime_set_hooks (const RtHooks *hooks);
const RtHooks *rt_runtime_hooks (void);

/* Attaches a sink (borrowed, must outlive the attachment) or detaches (NULL). */
void rt_runtime_set_sink (RtEventSink *sink);

/* A new serial, for things the embedder reports as objects (frames). */
uint64_t rt_serial_new (void);

/* Objects allocated since init: the next serial minus one. */
uint64_t rt_serial_count (void);

/* Registers static slots through which a part of the runtime holds
 * references outside the heap (the small-int cache, the shared strings, the
 * empty tuple), so the heap invariant counts them. NULL slots are skipped. */
void rt_root_register (RtObject **slots, size_t n);

/* The heap invariant: for every live object in the arenas, its count equals
 * the references held by live objects (through the types' refs) plus those
 * the embedder's visit_roots reports plus the runtime's own (the small-int
 * cache, the shared strings and tuples, free lists are not live objects).
 * Returns true if it holds; otherwise writes the first broken object and
 * the difference into message. */
bool rt_heap_check (char *message, size_t size);

/* Calls fn for every live object in the arenas (free-listed objects, whose
 * count is 0, are skipped). fn must not allocate or free. */
void rt_heap_foreach (void (*fn) (RtObject *obj, void *arg), void *arg);

/* The number of live objects in the arenas (a heap walk). */
uint64_t rt_heap_count_objects (void);
