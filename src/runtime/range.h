/* range.h: lazy ranges, slices, and the iterators over built-in sequences. */
#pragma once

#include "object.h"

extern RtType rt_range_type, rt_range_iter_type, rt_slice_type, rt_seq_iter_type,
  rt_reversed_type, rt_enumerate_type, rt_zip_type, rt_callable_iter_type,
  rt_longrange_iter_type;

/* A slice's parts: int objects or None, never NULL while it lives. */
typedef struct
{
  RtObject ob;
  RtObject *start;
  RtObject *stop;
  RtObject *step;
} RtSlice;

/* range(start, stop, step) from int objects (borrowed). */
RtObject *rt_range_new (RtObject *start, RtObject *stop, RtObject *step);

RtObject *rt_slice_new (RtObject *start, RtObject *stop, RtObject *step);  /* NULLs = None */
/* Resolves a slice against a length, as PySlice_GetIndicesEx; returns the
 * number of items, -1 on error. */
int64_t rt_slice_indices (RtObject *slice, int64_t length, int64_t *start, int64_t *stop,
                          int64_t *step);

/* An iterator over any object with a sequence item slot (__getitem__).
 * Borrows seq; returns a new reference. */
RtObject *rt_seq_iter_new (RtObject *seq);

/* iter(callable, sentinel): borrows both; returns a new reference. */
RtObject *rt_callable_iter_new (RtObject *callable, RtObject *sentinel);

/* reversed(seq): seq.__reversed__() if it has one, else an iterator over
 * its items from the last. Borrows seq; returns a new reference. */
RtObject *rt_reversed_new (RtObject *seq);
