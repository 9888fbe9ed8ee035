/* collection-replay.h: the collections that ran in one step, each cut
 * into its passes, so the canvas can show the collector at work: the
 * state after each pass is a position in the trace's events. */
#pragma once

#include "timeline.h"

typedef struct
{
  guint64 events;       /* the state after this many events */
  gint phase;           /* TracePhase; 0: the collection is starting; -1: it is over */
  gint64 objects;       /* objects in the pass's set (GC_PHASE's count), or -1 */
} RefscopeReplayStop;

typedef struct
{
  gint generation;
  gboolean manual;      /* gc.collect() rather than a threshold */
  gint64 collected;     /* -1 if the trace ends inside it */
  gint64 uncollectable;
  gboolean detailed;    /* the trace has each object's gc_refs */
  guint n_stops;
  RefscopeReplayStop *stops;
} RefscopeCollection;

typedef struct
{
  guint step;
  guint n_collections;
  RefscopeCollection *collections;
} RefscopeCollectionReplay;

/* The collections of step (empty when none ran). Reads the step's events
 * only; hold the recording's read lock. */
RefscopeCollectionReplay *refscope_collection_replay_new (TraceTimeline *timeline, guint step);
void refscope_collection_replay_free (RefscopeCollectionReplay *replay);

/* What a pass does, in a sentence or two for the learner (translated). */
const char *refscope_replay_phase_title (gint phase);
const char *refscope_replay_phase_text (gint phase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeCollectionReplay, refscope_collection_replay_free)
