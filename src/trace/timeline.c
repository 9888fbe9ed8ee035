/* timeline.c: checkpoints spaced so that they cost at most about
 * CHECKPOINT_BYTES_PER_EVENT bytes per event of the trace, and never closer
 * than MIN_INTERVAL events: a seek copies one checkpoint and replays fewer
 * events than its size allows, whatever the trace's length. */
#include "timeline.h"
#include "heap-private.h"

#include <string.h>

#define MIN_INTERVAL 4096
#define CHECKPOINT_BYTES_PER_EVENT 12

typedef struct
{
  guint64 position;
  TraceHeap *heap;
} Checkpoint;

struct TraceTimeline
{
  TraceLog *log;
  TraceHeap *head;
  TraceIdMap dead;         /* id -> line it died at */
  GArray *deaths;          /* TraceDeath */
  GArray *checkpoints;     /* Checkpoint, by position */
  GArray *step_infos;      /* TraceStepInfo of step 0 .. n_steps - 1 */
  guint64 next_check;      /* position at which to consider a checkpoint */
  gsize checkpoint_bytes;
  gboolean complete;
  gint exit_status;
  gboolean recording_only;
};

struct TraceCursor
{
  TraceTimeline *timeline;
  TraceHeap *heap;
};

static void
add_checkpoint (TraceTimeline *timeline)
{
  Checkpoint c = { trace_heap_position (timeline->head), trace_heap_copy (timeline->head) };

  timeline->checkpoint_bytes += trace_heap_memory (c.heap);
  g_array_append_val (timeline->checkpoints, c);
}

TraceTimeline *
trace_timeline_new (TraceLog *log)
{
  TraceTimeline *timeline = g_new0 (TraceTimeline, 1);

  timeline->log = log;
  timeline->head = trace_heap_new (log);
  trace_id_map_init (&timeline->dead);
  trace_heap_track_deaths (timeline->head, &timeline->dead);
  timeline->deaths = g_array_new (FALSE, FALSE, sizeof (TraceDeath));
  timeline->checkpoints = g_array_new (FALSE, FALSE, sizeof (Checkpoint));
  timeline->step_infos = g_array_new (FALSE, FALSE, sizeof (TraceStepInfo));
  timeline->next_check = MIN_INTERVAL;
  add_checkpoint (timeline);
  return timeline;
}

void
trace_timeline_free (TraceTimeline *timeline)
{
  if (timeline == NULL)
    return;
  for (guint i = 0; i < timeline->checkpoints->len; i++)
    trace_heap_free (g_array_index (timeline->checkpoints, Checkpoint, i).heap);
  g_array_unref (timeline->checkpoints);
  g_array_unref (timeline->deaths);
  g_array_unref (timeline->step_infos);
  trace_id_map_clear (&timeline->dead);
  trace_heap_free (timeline->head);
  trace_log_free (timeline->log);
  g_free (timeline);
}

TraceLog *
trace_timeline_log (TraceTimeline *timeline)
{
  return timeline->log;
}

const TraceHeap *
trace_timeline_head (const TraceTimeline *timeline)
{
  return timeline->head;
}

static void
info_of (const TraceHeap *heap, TraceStepInfo *out)
{
  const TraceHeapStats *s = trace_heap_stats (heap);

  out->events = trace_heap_position (heap);
  out->live_objects = s->live_objects;
  out->live_bytes = s->live_bytes;
  out->arena_bytes = s->arena_bytes;
  memcpy (out->counts, s->counts, sizeof out->counts);
}

void
trace_timeline_set_recording_only (TraceTimeline *timeline, gboolean recording_only)
{
  timeline->recording_only = recording_only;
}

gboolean
trace_timeline_append (TraceTimeline *timeline, const TraceEvent *event, char **error)
{
  const TraceHeapObject *dying = NULL;
  TraceDeath death = { 0 };
  guint64 position;

  if (timeline->complete)
    {
      *error = g_strdup_printf ("%s: the trace already ended", trace_event_kind_name (event->kind)
                                                                 ? trace_event_kind_name (event->kind)
                                                                 : "event");
      return FALSE;
    }
  if (event->kind == TRACE_EV_FREE)
    dying = trace_heap_lookup (timeline->head, event->id);
  if (dying != NULL)
    death = (TraceDeath){ dying->id, trace_heap_position (timeline->head), dying->addr,
                          dying->size, dying->type, dying->repr, event->small };
  if (event->kind == TRACE_EV_STEP)
    {
      TraceStepInfo info;
      info_of (timeline->head, &info);
      g_array_append_val (timeline->step_infos, info);
    }
  if (timeline->recording_only)
    trace_heap_replay (timeline->head, event);
  else if (!trace_heap_apply (timeline->head, event, error))
    {
      if (event->kind == TRACE_EV_STEP)
        g_array_set_size (timeline->step_infos, timeline->step_infos->len - 1);
      return FALSE;
    }

  if (dying != NULL)
    g_array_append_val (timeline->deaths, death);
  if (event->kind == TRACE_EV_END)
    {
      timeline->complete = TRUE;
      timeline->exit_status = (gint) event->a;
    }
  trace_log_append (timeline->log, event);

  position = trace_heap_position (timeline->head);
  if (position >= timeline->next_check && !timeline->recording_only)
    {
      gsize bytes = trace_heap_memory (timeline->head);
      guint64 last = g_array_index (timeline->checkpoints, Checkpoint,
                                    timeline->checkpoints->len - 1).position;
      guint64 due = last + MAX (MIN_INTERVAL, bytes / CHECKPOINT_BYTES_PER_EVENT);
      if (position >= due)
        {
          add_checkpoint (timeline);
          due = position + MAX (MIN_INTERVAL, bytes / CHECKPOINT_BYTES_PER_EVENT);
        }
      timeline->next_check = due;
    }
  return TRUE;
}

guint64
trace_timeline_n_events (const TraceTimeline *timeline)
{
  return trace_log_n_events (timeline->log);
}

guint
trace_timeline_n_steps (const TraceTimeline *timeline)
{
  return trace_log_n_steps (timeline->log);
}

guint64
trace_timeline_step_end (const TraceTimeline *timeline, guint step)
{
  if (step >= trace_log_n_steps (timeline->log))
    return trace_log_n_events (timeline->log);
  return trace_log_step_event (timeline->log, step + 1);
}

void
trace_timeline_step_info (const TraceTimeline *timeline, guint step, TraceStepInfo *out)
{
  if (step < timeline->step_infos->len)
    *out = g_array_index (timeline->step_infos, TraceStepInfo, step);
  else
    info_of (timeline->head, out);
}

gboolean
trace_timeline_is_complete (const TraceTimeline *timeline)
{
  return timeline->complete;
}

gint
trace_timeline_exit_status (const TraceTimeline *timeline)
{
  return timeline->exit_status;
}

guint
trace_timeline_n_deaths (const TraceTimeline *timeline)
{
  return timeline->deaths->len;
}

const TraceDeath *
trace_timeline_death_at (const TraceTimeline *timeline, guint i)
{
  g_return_val_if_fail (i < timeline->deaths->len, NULL);
  return &g_array_index (timeline->deaths, TraceDeath, i);
}

guint
trace_timeline_deaths_before (const TraceTimeline *timeline, guint64 events)
{
  guint lo = 0, hi = timeline->deaths->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (timeline->deaths, TraceDeath, mid).event < events)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
trace_timeline_n_checkpoints (const TraceTimeline *timeline)
{
  return timeline->checkpoints->len;
}

gsize
trace_timeline_memory (const TraceTimeline *timeline)
{
  return trace_log_memory (timeline->log) + timeline->checkpoint_bytes
         + trace_heap_memory (timeline->head) + trace_id_map_memory (&timeline->dead)
         + timeline->deaths->len * sizeof (TraceDeath)
         + timeline->step_infos->len * sizeof (TraceStepInfo)
         + timeline->checkpoints->len * sizeof (Checkpoint);
}

/* The last checkpoint at or before position. */
static const Checkpoint *
checkpoint_before (const TraceTimeline *timeline, guint64 position)
{
  guint lo = 0, hi = timeline->checkpoints->len - 1;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;
      if (g_array_index (timeline->checkpoints, Checkpoint, mid).position <= position)
        lo = mid;
      else
        hi = mid - 1;
    }
  return &g_array_index (timeline->checkpoints, Checkpoint, lo);
}

TraceCursor *
trace_cursor_new (TraceTimeline *timeline)
{
  TraceCursor *cursor = g_new0 (TraceCursor, 1);

  cursor->timeline = timeline;
  cursor->heap = trace_heap_new (timeline->log);
  return cursor;
}

void
trace_cursor_free (TraceCursor *cursor)
{
  if (cursor == NULL)
    return;
  trace_heap_free (cursor->heap);
  g_free (cursor);
}

void
trace_cursor_seek_event (TraceCursor *cursor, guint64 events)
{
  TraceTimeline *timeline = cursor->timeline;
  guint64 here = trace_heap_position (cursor->heap);
  const Checkpoint *c;
  TraceLogIter iter;
  TraceEvent event;

  events = MIN (events, trace_log_n_events (timeline->log));
  if (events == trace_heap_position (timeline->head))
    {
      /* The newest state is at hand: no replay. */
      trace_heap_assign (cursor->heap, timeline->head);
      return;
    }
  c = checkpoint_before (timeline, events);
  /* Replaying on from here beats copying the checkpoint when here lies
   * between it and the target. */
  if (!(here <= events && here >= c->position))
    trace_heap_assign (cursor->heap, c->heap);
  trace_log_iter_init (&iter, timeline->log, trace_heap_position (cursor->heap));
  while (trace_heap_position (cursor->heap) < events && trace_log_iter_next (&iter, &event))
    trace_heap_replay (cursor->heap, &event);
}

void
trace_cursor_seek_step (TraceCursor *cursor, guint step)
{
  trace_cursor_seek_event (cursor, trace_timeline_step_end (cursor->timeline, step));
}

const TraceHeap *
trace_cursor_heap (const TraceCursor *cursor)
{
  return cursor->heap;
}

guint64
trace_cursor_position (const TraceCursor *cursor)
{
  return trace_heap_position (cursor->heap);
}
