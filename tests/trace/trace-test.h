/* trace-test.h: helpers shared by the trace suites: running a program in
 * the embedded runtime with a recorder attached, and comparing states. */
#pragma once

#include "timeline.h"

/* Runs source (as FILE.py) with a recorder; returns its timeline, the run's
 * status in *status. Fails the test if the recorder reports an error. */
TraceTimeline *trace_test_record (const char *source, guint summarise_after, int *status);
/* The same, with each object's gc_refs recorded during collections if
 * detailed_gc (as the app records). */
TraceTimeline *trace_test_record_full (const char *source, guint summarise_after,
                                       gboolean detailed_gc, int *status);

/* The object the global variable name refers to in heap (an entry of the
 * globals dict), or 0. */
guint64 trace_test_global (TraceTimeline *timeline, const TraceHeap *heap, const char *name);

/* Asserts that two states are the same: objects (by id, with every field
 * and reference), frames, summaries and statistics. where names the place
 * for the failure message. */
void trace_test_assert_same_heap (const TraceLog *log_a, const TraceHeap *a, const TraceLog *log_b,
                                  const TraceHeap *b, const char *where);

/* The path of a lesson in data/lessons (g_free it). */
char *trace_test_lesson_path (const char *name);
