/* heap-private.h: the heap state's insides, shared by heap.c (changes)
 * and heap-check.c (checks before a change). */
#pragma once

#include "heap.h"
#include "id-map.h"

struct TraceHeap
{
  const TraceLog *log;
  guint64 position;        /* events applied */
  guint64 last_step;       /* n of the last step event */
  GArray *objects;         /* TraceHeapObject, in no order */
  GArray *frames;          /* TraceHeapFrame, outermost first */
  GArray *summaries;       /* TraceSummary */
  TraceIdMap index;        /* id -> object index, or frame index | FRAME_BIT */
  guint64 flagged;         /* objects marked unreachable */
  TraceHeapStats stats;
  TraceIdMap *dead;        /* borrowed, optional: id -> line it died at, for checks */
};

/* Keeps, in dead, the line (event index + 2) where each object or frame
 * died, so trace_heap_apply can tell a freed id from an unknown one. */
void trace_heap_track_deaths (TraceHeap *heap, TraceIdMap *dead);
