/* timeline-marks.h: what the timeline scrubber marks at each step (the
 * collections that ran, the objects freed and why, the uncaught error), with
 * range totals for drawing many steps per pixel; and the difference between
 * the states at two steps, for the timeline's diff mode. */
#pragma once

#include "timeline.h"

typedef enum
{
  REFSCOPE_MARK_COLLECTION = 1, /* one per collection that ran */
  REFSCOPE_MARK_FREES,          /* one per step and cause of the frees in it */
  REFSCOPE_MARK_ERROR,          /* the step raised the uncaught exception: it
                                   holds exception events, or, in a trace with
                                   none (the embedded runtime writes none), the
                                   end event with status 1 */
} RefscopeMarkKind;

enum
{
  REFSCOPE_MARK_MANUAL = 1u << 0, /* collection: gc.collect() or the like */
};

typedef struct
{
  guint step;
  guint8 kind;          /* RefscopeMarkKind */
  guint8 flags;         /* REFSCOPE_MARK_MANUAL */
  gint8 generation;     /* collection: the generation collected, 0-2. frees: the
                           cause, as TraceDeath.cause: TRACE_CAUSE_REFCOUNT,
                           TRACE_CAUSE_SHUTDOWN or the generation whose
                           collection freed them. error: -1 */
  guint count;          /* collection: objects collected (its gc_end's
                           `collected`, what gc.collect() returns). frees: the
                           objects freed. error: exception events (1 for
                           an end with status 1) */
} RefscopeTimelineMark;

/* Totals over a range of steps. */
typedef struct
{
  gint max_generation;  /* the oldest generation collected, -1: no collection */
  guint collections;
  guint manual_collections;
  guint64 collected;    /* sum of the collections' counts */
  guint64 frees;        /* every death */
  guint64 refcount_frees;
  guint64 collector_frees;  /* deaths with a generation as cause */
  guint errors;
} RefscopeMarkBucket;

typedef struct RefscopeTimelineMarks RefscopeTimelineMarks;

/* Reads every event of timeline once (linear in its events: some 25 ms
 * for a million). Within a step, marks come as: collections in the order
 * they ran, frees by cause (shutdown, refcount, generations 0-2), error.
 * Borrows timeline, which must outlive the marks and not be appended to
 * while they are computed or updated (hold the recording's read lock). */
RefscopeTimelineMarks *refscope_timeline_marks_new (TraceTimeline *timeline);
void refscope_timeline_marks_free (RefscopeTimelineMarks *self);

/* Takes in what was appended to the timeline since (re-reading only from
 * the last step read, which may have been incomplete). TRUE if the marks or
 * the number of steps changed. */
gboolean refscope_timeline_marks_update (RefscopeTimelineMarks *self);

/* The steps covered: 0 to n_steps. */
guint refscope_timeline_marks_n_steps (const RefscopeTimelineMarks *self);

/* Marks in step order. */
guint refscope_timeline_marks_n_marks (const RefscopeTimelineMarks *self);
const RefscopeTimelineMark *refscope_timeline_marks_get_mark (const RefscopeTimelineMarks *self,
                                                              guint i);
/* The marks of steps first_step to last_step (inclusive), contiguous:
 * *n_marks of them from the returned pointer (NULL when none). O(log n). */
const RefscopeTimelineMark *refscope_timeline_marks_in_range (const RefscopeTimelineMarks *self,
                                                              guint first_step, guint last_step,
                                                              guint *n_marks);
/* Totals of steps first_step to last_step (inclusive, clamped to the
 * steps covered), in O(1) from prefix sums: for each pixel column. */
void refscope_timeline_marks_bucket (const RefscopeTimelineMarks *self, guint first_step,
                                     guint last_step, RefscopeMarkBucket *out);

/* What differs between the states at two steps. */
typedef enum
{
  REFSCOPE_DIFF_BORN = 1u << 0,       /* alive at b, not at a */
  REFSCOPE_DIFF_DIED = 1u << 1,       /* alive at a, not at b */
  REFSCOPE_DIFF_REFCOUNT = 1u << 2,   /* alive at both, its count differs */
  REFSCOPE_DIFF_REFERENCES = 1u << 3, /* alive at both, the references it holds
                                         differ as a set of (slot, target) */
} RefscopeDiffKind;

typedef struct
{
  guint64 id;
  gint64 before;        /* at step a */
  gint64 after;         /* at step b */
} RefscopeRefcountChange;

typedef struct RefscopeStepDiff RefscopeStepDiff;

/* Compares the objects (not frames) at step_a with those at step_b; either
 * order. Same locking as refscope_timeline_marks_new; the diff keeps no
 * pointer to timeline. */
RefscopeStepDiff *refscope_step_diff_new (TraceTimeline *timeline, guint step_a, guint step_b);
void refscope_step_diff_free (RefscopeStepDiff *diff);

guint refscope_step_diff_step_a (const RefscopeStepDiff *diff);
guint refscope_step_diff_step_b (const RefscopeStepDiff *diff);
gboolean refscope_step_diff_is_empty (const RefscopeStepDiff *diff);

/* Ids in increasing order; *n_ids of them (borrowed, NULL when none). */
const guint64 *refscope_step_diff_born (const RefscopeStepDiff *diff, guint *n_ids);
const guint64 *refscope_step_diff_died (const RefscopeStepDiff *diff, guint *n_ids);
const guint64 *refscope_step_diff_references (const RefscopeStepDiff *diff, guint *n_ids);
/* By increasing id; *n_changes of them (borrowed, NULL when none). */
const RefscopeRefcountChange *refscope_step_diff_refcounts (const RefscopeStepDiff *diff,
                                                            guint *n_changes);

/* Whether id is in the diff; its RefscopeDiffKind flags in *kind (may be
 * NULL), 0 when it is not. REFCOUNT and REFERENCES may come together.
 * O(log n). */
gboolean refscope_step_diff_contains (const RefscopeStepDiff *diff, guint64 id,
                                      RefscopeDiffKind *kind);
/* Every id of the diff as a new table for refscope_canvas_set_marked:
 * keys g_malloc'd guint64 (g_int64_hash), values GUINT_TO_POINTER (kind). */
GHashTable *refscope_step_diff_to_table (const RefscopeStepDiff *diff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeTimelineMarks, refscope_timeline_marks_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeStepDiff, refscope_step_diff_free)
