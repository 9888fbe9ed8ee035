/* recorder.h: the runtime's event sink that writes a trace. It turns
 * runtime events into trace events on a timeline: objects that existed
 * before it was attached are declared when first named, counts and sizes
 * are synchronised at each statement, and the atoms of huge containers are
 * summarised (docs/trace-format.md). Runs on the runtime's thread. */
#pragma once

#include "timeline.h"

typedef struct TraceRecorder TraceRecorder;

/* Records into timeline, which must outlive the recorder. Containers
 * holding more than summarise_after items get their further atoms
 * summarised (0: the default, 1024). */
TraceRecorder *trace_recorder_new (TraceTimeline *timeline, guint summarise_after);
void trace_recorder_free (TraceRecorder *recorder);

/* Also record each object's gc_refs during collections. */
void trace_recorder_set_detailed_gc (TraceRecorder *recorder, gboolean detailed);

/* Becomes the runtime's sink (the runtime must be initialised). Objects
 * born before this are "preexisting". */
void trace_recorder_attach (TraceRecorder *recorder);

/* Writes what is pending: summaries, counts and sizes that changed. */
void trace_recorder_sync (TraceRecorder *recorder);

/* Syncs, appends the end event with the program's exit status, and
 * stops being the sink. */
void trace_recorder_finish (TraceRecorder *recorder, int status);

/* The first event the timeline refused (a defect), or NULL. */
const char *trace_recorder_error (const TraceRecorder *recorder);
