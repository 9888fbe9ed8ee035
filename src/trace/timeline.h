/* timeline.h: a trace as a story that can be read at any point. Events
 * are checked and appended one by one (from a file or a live run); the
 * timeline keeps checkpoints of the heap so that the state at any step,
 * forward or backward, costs a copy and a bounded replay, however long the
 * trace. */
#pragma once

#include "event-log.h"
#include "heap.h"

typedef struct TraceTimeline TraceTimeline;
typedef struct TraceCursor TraceCursor;

/* An object's death, kept for ghosts and for the inspector's history. */
typedef struct
{
  guint64 id;
  guint64 event;        /* index of its free event */
  guint64 addr;
  guint64 size;
  guint32 type;
  guint32 repr;
  gint32 cause;         /* TRACE_CAUSE_* or the generation collected */
} TraceDeath;

/* The totals at one step, for charts over time. */
typedef struct
{
  guint64 events;       /* the state at this step is after this many events */
  gint64 live_objects;
  gint64 live_bytes;
  gint64 arena_bytes;
  gint64 counts[3];
} TraceStepInfo;

/* Takes log (empty, or with only a header) and owns it. */
TraceTimeline *trace_timeline_new (TraceLog *log);
void trace_timeline_free (TraceTimeline *timeline);

TraceLog *trace_timeline_log (TraceTimeline *timeline);

/* Makes the timeline a recorder's tape only: events are applied without
 * checks and no checkpoints are kept, so seeking replays from the start.
 * For a producer known to be right whose trace is only written out. */
void trace_timeline_set_recording_only (TraceTimeline *timeline, gboolean recording_only);

/* Checks event against the state so far and appends it. FALSE with a one-
 * line message (g_free it) if it cannot happen there; nothing changes then. */
gboolean trace_timeline_append (TraceTimeline *timeline, const TraceEvent *event, char **error);

/* The state after every event so far. */
const TraceHeap *trace_timeline_head (const TraceTimeline *timeline);

guint64 trace_timeline_n_events (const TraceTimeline *timeline);
guint trace_timeline_n_steps (const TraceTimeline *timeline);
/* How many events make the state at step (0 to n_steps): every event before
 * the step event of step + 1. */
guint64 trace_timeline_step_end (const TraceTimeline *timeline, guint step);
void trace_timeline_step_info (const TraceTimeline *timeline, guint step, TraceStepInfo *out);

/* Whether an end event closed the trace, and the status it gave. */
gboolean trace_timeline_is_complete (const TraceTimeline *timeline);
gint trace_timeline_exit_status (const TraceTimeline *timeline);

/* Deaths in the order they happened. */
guint trace_timeline_n_deaths (const TraceTimeline *timeline);
const TraceDeath *trace_timeline_death_at (const TraceTimeline *timeline, guint i);
/* How many deaths happened in the first events events. */
guint trace_timeline_deaths_before (const TraceTimeline *timeline, guint64 events);

guint trace_timeline_n_checkpoints (const TraceTimeline *timeline);
/* Bytes held: log, checkpoints, deaths, indexes. */
gsize trace_timeline_memory (const TraceTimeline *timeline);

/* A movable view of the state at some point. */
TraceCursor *trace_cursor_new (TraceTimeline *timeline);
void trace_cursor_free (TraceCursor *cursor);
/* The state after the first events events (clamped to the trace). */
void trace_cursor_seek_event (TraceCursor *cursor, guint64 events);
void trace_cursor_seek_step (TraceCursor *cursor, guint step);
const TraceHeap *trace_cursor_heap (const TraceCursor *cursor);
guint64 trace_cursor_position (const TraceCursor *cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TraceTimeline, trace_timeline_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TraceCursor, trace_cursor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TraceLog, trace_log_free)
