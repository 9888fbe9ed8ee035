/* runtime-private.h: state shared between the runtime's own files. */
#pragma once

#include "object.h"

/* The last serial handed out; serials start at 1. */
extern uint64_t rt_serial_last;

/* What a free happening now is caused by: RT_FREE_REFCOUNT, or the
 * generation being collected while the collector clears garbage. */
extern int rt_free_cause;

/* Set while the runtime is being torn down: frees do nothing then, since
 * all memory goes at once and no code may run. */
extern bool rt_finalizing;

static inline uint64_t
rt_serial_take (void)
{
  return ++rt_serial_last;
}

/* Each part's start and end, called in order by runtime.c. */
bool rt_error_init (void);
void rt_error_fini (void);
void rt_type_fini_static (RtType *type);
void rt_heap_check_fini (void);
void rt_roots_fini (void);
void rt_trash_fini (void);
void rt_gc_visit_roots (void (*visit) (RtObject *target, void *arg), void *arg);
bool rt_gc_init_garbage (void);
