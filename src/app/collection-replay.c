/* collection-replay.c: a step's collections cut into passes. A pass's
 * stop is where its last event has been applied: after its phase event
 * (or, for the passes that only set gc_refs, its first gc_refs event) and
 * every gc_refs, unreachable or finalize event that follows it. */
#include "collection-replay.h"

#include <glib/gi18n.h>
#include <string.h>

static void
add_stop (GArray *stops, guint64 events, gint phase, gint64 objects)
{
  RefscopeReplayStop stop = { events, phase, objects };

  g_array_append_val (stops, stop);
}

static void
finish (GArray *collections, RefscopeCollection *current, GArray *stops)
{
  current->n_stops = stops->len;
  current->stops = (RefscopeReplayStop *) g_array_free (stops, FALSE);
  g_array_append_val (collections, *current);
}

RefscopeCollectionReplay *
refscope_collection_replay_new (TraceTimeline *timeline, guint step)
{
  TraceLog *log = trace_timeline_log (timeline);
  RefscopeCollectionReplay *replay = g_new0 (RefscopeCollectionReplay, 1);
  GArray *collections = g_array_new (FALSE, TRUE, sizeof (RefscopeCollection));
  GArray *stops = NULL;
  RefscopeCollection current = { 0 };
  guint64 start, end;
  TraceLogIter iter;
  TraceEvent event;

  step = MIN (step, trace_timeline_n_steps (timeline));
  replay->step = step;
  start = step > 0 ? trace_timeline_step_end (timeline, step - 1) : 0;
  end = trace_timeline_step_end (timeline, step);
  trace_log_iter_init (&iter, log, start);
  for (guint64 index = start; index < end && trace_log_iter_next (&iter, &event); index++)
    {
      if (event.kind == TRACE_EV_GC_START)
        {
          if (stops != NULL)
            finish (collections, &current, stops);
          memset (&current, 0, sizeof current);
          current.generation = event.small;
          current.manual = (event.flags & TRACE_EVF_MANUAL) != 0;
          current.collected = -1;
          stops = g_array_new (FALSE, FALSE, sizeof (RefscopeReplayStop));
          add_stop (stops, index + 1, 0, -1);
        }
      else if (stops == NULL)
        continue;
      else if (event.kind == TRACE_EV_GC_PHASE)
        {
          /* The pass before this one ends here. */
          if (stops->len > 1)
            g_array_index (stops, RefscopeReplayStop, stops->len - 1).events = index;
          add_stop (stops, index + 1, event.small, event.a);
        }
      else if (event.kind == TRACE_EV_GC_REFS
               && g_array_index (stops, RefscopeReplayStop, stops->len - 1).phase != event.small)
        {
          /* The first two passes have no phase event of their own: their
           * gc_refs events (in a detailed trace) name them. */
          current.detailed = TRUE;
          if (stops->len > 1)
            g_array_index (stops, RefscopeReplayStop, stops->len - 1).events = index;
          add_stop (stops, index + 1, event.small, -1);
        }
      else if (event.kind == TRACE_EV_GC_END)
        {
          if (stops->len > 1)
            g_array_index (stops, RefscopeReplayStop, stops->len - 1).events = index;
          current.collected = event.a;
          current.uncollectable = event.b;
          add_stop (stops, index + 1, -1, -1);
          finish (collections, &current, stops);
          stops = NULL;
        }
      else if (stops->len > 1)
        g_array_index (stops, RefscopeReplayStop, stops->len - 1).events = index + 1;
    }
  if (stops != NULL)
    finish (collections, &current, stops);
  replay->n_collections = collections->len;
  replay->collections = (RefscopeCollection *) g_array_free (collections, FALSE);
  return replay;
}

void
refscope_collection_replay_free (RefscopeCollectionReplay *replay)
{
  if (replay == NULL)
    return;
  for (guint i = 0; i < replay->n_collections; i++)
    g_free (replay->collections[i].stops);
  g_free (replay->collections);
  g_free (replay);
}

const char *
refscope_replay_phase_title (gint phase)
{
  switch (phase)
    {
    case 0:
      return _("A collection starts");
    case TRACE_PHASE_UPDATE_REFS:
      return _("Copy the refcounts");
    case TRACE_PHASE_SUBTRACT_REFS:
      return _("Subtract the references from inside");
    case TRACE_PHASE_MOVE_UNREACHABLE:
      return _("Find what is reachable");
    case TRACE_PHASE_FINALIZE:
      return _("Run finalizers");
    case TRACE_PHASE_RESURRECTED:
      return _("Keep what was brought back");
    case TRACE_PHASE_CLEAR:
      return _("Clear the garbage");
    case TRACE_PHASE_PROMOTE:
      return _("Promote the survivors");
    default:
      return _("The collection is over");
    }
}

const char *
refscope_replay_phase_text (gint phase)
{
  switch (phase)
    {
    case 0:
      return _("The collector examines the tracked objects of this generation and the younger "
               "ones. It only looks for cycles: anything else was freed the moment its refcount "
               "reached zero.");
    case TRACE_PHASE_UPDATE_REFS:
      return _("Each examined object gets gc_refs, a working copy of its refcount.");
    case TRACE_PHASE_SUBTRACT_REFS:
      return _("For every reference between examined objects, the target's gc_refs goes down "
               "by one. What is left counts references from outside: variables, older "
               "generations, the interpreter. gc_refs > 0 means something outside holds it.");
    case TRACE_PHASE_MOVE_UNREACHABLE:
      return _("Objects with gc_refs > 0, and everything they reach, are alive. The rest are "
               "held only by each other: unreachable, and their cards say so.");
    case TRACE_PHASE_FINALIZE:
      return _("The __del__ methods of unreachable objects run, once per object.");
    case TRACE_PHASE_RESURRECTED:
      return _("A finalizer may have stored an object somewhere reachable: those are kept.");
    case TRACE_PHASE_CLEAR:
      return _("The references inside the unreachable cycles are cleared, so their refcounts "
               "fall to zero and they are freed.");
    case TRACE_PHASE_PROMOTE:
      return _("Every survivor moves to the next older generation, which is collected less "
               "often.");
    default:
      return _("The cycles are gone; the generation's count starts again from zero.");
    }
}
