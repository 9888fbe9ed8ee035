/* range.h: lazy ranges, slices, and the iterators over built-in sequences. */
#pragma once

#include "object.h"

extern RtType rt_range_type, rt_range_iter_type, rt_slice_type, rt_seq_iter_type,
  rt_reversed_type, rt_enumerate_type, rt_zip_type, rt_callable_iter_type;

/* range(start, stop, step) from int objects (borrowed). */
RtObject *rt_range_new (RtObject *start, RtObject *stop, RtObject *step);

RtObject *rt_slice_new (RtObject *start, RtObject *stop, RtObject *step);  /* NULLs = None */
/* Resolves a slice against a length, as PySlice_GetIndicesEx; returns the
 * number of items, -1 on error. */
int64_t rt_slice_indices (RtObject *slice, int64_t length, int64_t *start, int64_t *stop,
                          int64_t *step);

/* An iterator over any object with a sequence item slot (__getitem__). */
RtObject *rt_seq_iter_new (RtObject *seq);
