/* scene-test.h: helpers for the scene's tests: recording lessons, finding
 * steps, frames, variables and nodes in a scene; traces written event by
 * event; and comparing two scenes field by field. */
#pragma once

#include "scene.h"

/* Records data/lessons/name (summarising after 1,024 items, as the trace
 * tests do) and checks its exit status. */
TraceTimeline *scene_test_record_lesson (const char *name, int expected_status);
/* Records source, which must run without an error. */
TraceTimeline *scene_test_record (const char *source);

/* Asserts what holds in every scene: each arrow has its edge, ids are
 * unique and found, frames come first, cycles know their members. */
void scene_test_assert_consistent (const ViewScene *scene);

/* The step whose statement is at line, the nth time it runs (from 1). */
guint scene_test_step_at_line (TraceTimeline *timeline, guint line, guint nth);

/* The scene at step compared with step - 1. options may be NULL. */
ViewScene *scene_test_build (TraceTimeline *timeline, guint step, const ViewSceneOptions *options);

/* The node of the frame titled title, or -1. */
gint scene_test_frame (const ViewScene *scene, const char *title);
/* The slot labelled label of node (not a removed one), or NULL. */
const ViewSlot *scene_test_slot (const ViewScene *scene, guint node, const char *label);
/* The removed slot labelled label of node, or NULL. */
const ViewSlot *scene_test_removed_slot (const ViewScene *scene, guint node, const char *label);
/* The node a variable of the global frame points at (asserting it does). */
const ViewNode *scene_test_global (const ViewScene *scene, const char *name);
/* How many nodes of kind (and with every flag of flags) there are. */
guint scene_test_count (const ViewScene *scene, ViewNodeKind kind, guint flags);
/* The edge from slot of node, or NULL. */
const ViewEdge *scene_test_edge (const ViewScene *scene, guint node, guint slot);

/* Asserts that two scenes hold the same nodes, slots, edges and cycles. */
void scene_test_assert_same (const ViewScene *a, const ViewScene *b, const char *where);
/* The scene as text, one node a line, for failure messages (g_free it). */
char *scene_test_dump (const ViewScene *scene);

/* A trace written event by event, checked as a file would be. */
typedef struct
{
  TraceTimeline *timeline;
  guint steps;
  guint64 frame;            /* the global frame, made by scene_test_synth_new */
} SceneSynth;

/* A timeline with a file of lines lines and a global frame. */
void scene_test_synth_init (SceneSynth *synth, guint lines);
void scene_test_synth_event (SceneSynth *synth, const TraceEvent *event);
/* An object whose count is then that of the references added to it. */
void scene_test_synth_born (SceneSynth *synth, guint64 id, const char *type, const char *repr,
                            gint gen, guint8 flags);
void scene_test_synth_ref (SceneSynth *synth, guint64 from, guint64 to, TraceSlotKind kind,
                           gint64 slot, const char *name);
void scene_test_synth_unref (SceneSynth *synth, guint64 from, guint64 to, TraceSlotKind kind,
                             gint64 slot, const char *name);
void scene_test_synth_refcnt (SceneSynth *synth, guint64 id, gint64 count);
void scene_test_synth_free (SceneSynth *synth, guint64 id, gint cause);
/* Ends a statement: the next step starts, in the global frame. */
void scene_test_synth_step (SceneSynth *synth);

/* Register the tests of test-scene-lessons.c and test-scene-graph.c. */
void scene_test_add_lesson_tests (void);
void scene_test_add_graph_tests (void);
