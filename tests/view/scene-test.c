/* scene-test.c: recording lessons, finding things in scenes, writing
 * traces by hand, and comparing scenes, for the scene's tests. */
#include "scene-test.h"
#include "../trace/trace-test.h"

#include <string.h>

TraceTimeline *
scene_test_record_lesson (const char *name, int expected_status)
{
  g_autofree char *path = trace_test_lesson_path (name);
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;
  TraceTimeline *timeline;
  int status;

  g_assert_true (g_file_get_contents (path, &source, NULL, &error));
  timeline = trace_test_record (source, 1024, &status);
  g_assert_cmpint (status, ==, expected_status);
  return timeline;
}

TraceTimeline *
scene_test_record (const char *source)
{
  int status;
  TraceTimeline *timeline = trace_test_record (source, 1024, &status);

  g_assert_cmpint (status, ==, 0);
  return timeline;
}

/* Every edge starts at the slot whose arrow it is; ids are unique and
 * found; frames come first; cycle members know their cycle. */
void
scene_test_assert_consistent (const ViewScene *scene)
{
  guint arrows = 0;
  gboolean past_frames = FALSE;

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const ViewNode *n = &scene->nodes[i];
      g_assert_cmpint (view_scene_find (scene, n->id), ==, (gint) i);
      if (n->kind != VIEW_NODE_FRAME)
        past_frames = TRUE;
      else
        g_assert_false (past_frames);
      for (guint s = 0; s < n->n_slots; s++)
        {
          const ViewSlot *slot = &n->slots[s];
          g_assert_nonnull (slot->label);
          if (slot->target_node < 0)
            {
              g_assert_nonnull (slot->inline_value);
              continue;
            }
          arrows++;
          g_assert_cmpint (slot->target_node, <, (gint) scene->n_nodes);
          g_assert_nonnull (scene_test_edge (scene, i, s));
          g_assert_cmpuint (scene_test_edge (scene, i, s)->to_node, ==, (guint) slot->target_node);
        }
    }
  g_assert_cmpuint (arrows, ==, scene->n_edges);
  for (guint c = 0; c < scene->n_cycles; c++)
    for (guint m = 0; m < scene->cycles[c].n_members; m++)
      g_assert_cmpint (scene->nodes[scene->cycles[c].members[m]].cycle, ==, (gint) c);
}

guint
scene_test_step_at_line (TraceTimeline *timeline, guint line, guint nth)
{
  TraceLog *log = trace_timeline_log (timeline);

  for (guint s = 1; s <= trace_log_n_steps (log); s++)
    {
      TraceEvent e;
      trace_log_get (log, trace_log_step_event (log, s), &e);
      if ((guint) e.b == line && --nth == 0)
        return s;
    }
  g_error ("no step at line %u", line);
  return 0;
}

ViewScene *
scene_test_build (TraceTimeline *timeline, guint step, const ViewSceneOptions *options)
{
  return view_scene_build (timeline, step, step > 0 ? step - 1 : G_MAXUINT, options);
}

gint
scene_test_frame (const ViewScene *scene, const char *title)
{
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind == VIEW_NODE_FRAME && strcmp (scene->nodes[i].title, title) == 0)
      return (gint) i;
  return -1;
}

static const ViewSlot *
find_slot (const ViewScene *scene, guint node, const char *label, gboolean removed)
{
  const ViewNode *n = &scene->nodes[node];

  for (guint s = 0; s < n->n_slots; s++)
    if (strcmp (n->slots[s].label, label) == 0
        && (n->slots[s].change == VIEW_CHANGE_REMOVED) == removed)
      return &n->slots[s];
  return NULL;
}

const ViewSlot *
scene_test_slot (const ViewScene *scene, guint node, const char *label)
{
  return find_slot (scene, node, label, FALSE);
}

const ViewSlot *
scene_test_removed_slot (const ViewScene *scene, guint node, const char *label)
{
  return find_slot (scene, node, label, TRUE);
}

const ViewNode *
scene_test_global (const ViewScene *scene, const char *name)
{
  gint frame = scene_test_frame (scene, "Global frame");
  const ViewSlot *slot;

  g_assert_cmpint (frame, >=, 0);
  slot = scene_test_slot (scene, (guint) frame, name);
  if (slot == NULL || slot->target_node < 0)
    {
      g_autofree char *dump = scene_test_dump (scene);
      g_error ("global %s is no arrow in:\n%s", name, dump);
    }
  return &scene->nodes[slot->target_node];
}

guint
scene_test_count (const ViewScene *scene, ViewNodeKind kind, guint flags)
{
  guint n = 0;

  for (guint i = 0; i < scene->n_nodes; i++)
    n += scene->nodes[i].kind == kind && (scene->nodes[i].flags & flags) == flags;
  return n;
}

const ViewEdge *
scene_test_edge (const ViewScene *scene, guint node, guint slot)
{
  for (guint e = 0; e < scene->n_edges; e++)
    if (scene->edges[e].from_node == node && scene->edges[e].from_slot == slot)
      return &scene->edges[e];
  return NULL;
}

char *
scene_test_dump (const ViewScene *scene)
{
  static const char *const kinds[] = { "frame", "object", "atom", "ghost" };
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "step %u (line %u: %s)\n", scene->step, scene->line,
                          scene->source_line != NULL ? scene->source_line : "");
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const ViewNode *n = &scene->nodes[i];
      g_string_append_printf (out, "[%u] %s %" G_GUINT64_FORMAT " \"%s\" flags 0x%x refcnt %"
                              G_GINT64_FORMAT " gen %d cycle %d garbage_gen %d%s%s\n", i,
                              kinds[n->kind], n->id, n->title, n->flags, n->refcnt, n->gen,
                              n->cycle, n->garbage_gen, n->ghost_cause ? " " : "",
                              n->ghost_cause ? n->ghost_cause : "");
      for (guint s = 0; s < n->n_slots; s++)
        g_string_append_printf (out, "    %s%s = %s [%d]\n",
                                n->slots[s].change == VIEW_CHANGE_ADDED     ? "+"
                                : n->slots[s].change == VIEW_CHANGE_REMOVED ? "-"
                                                                            : " ",
                                n->slots[s].label,
                                n->slots[s].inline_value ? n->slots[s].inline_value : "",
                                n->slots[s].target_node);
    }
  return g_string_free (out, FALSE);
}

void
scene_test_assert_same (const ViewScene *a, const ViewScene *b, const char *where)
{
  g_assert_cmpuint (a->step, ==, b->step);
  g_assert_cmpuint (a->events, ==, b->events);
  g_assert_cmpstr (a->source_line, ==, b->source_line);
  if (a->n_nodes != b->n_nodes)
    {
      g_autofree char *da = scene_test_dump (a);
      g_autofree char *db = scene_test_dump (b);
      g_error ("%s: %u nodes, then %u:\n%s\n%s", where, a->n_nodes, b->n_nodes, da, db);
    }
  for (guint i = 0; i < a->n_nodes; i++)
    {
      const ViewNode *x = &a->nodes[i], *y = &b->nodes[i];
      g_assert_cmpuint (x->id, ==, y->id);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmphex (x->flags, ==, y->flags);
      g_assert_cmpstr (x->type_name, ==, y->type_name);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->value, ==, y->value);
      g_assert_cmpstr (x->ghost_cause, ==, y->ghost_cause);
      g_assert_cmpstr (x->hidden_text, ==, y->hidden_text);
      g_assert_cmpuint (x->addr, ==, y->addr);
      g_assert_cmpint (x->refcnt, ==, y->refcnt);
      g_assert_cmpint (x->refcnt_delta, ==, y->refcnt_delta);
      g_assert_cmpint (x->gen, ==, y->gen);
      g_assert_cmpint (x->cycle, ==, y->cycle);
      g_assert_cmpint (x->garbage_gen, ==, y->garbage_gen);
      g_assert_cmpuint (x->ghost_age, ==, y->ghost_age);
      g_assert_cmpuint (x->hidden_slots, ==, y->hidden_slots);
      g_assert_cmpuint (x->n_slots, ==, y->n_slots);
      for (guint s = 0; s < x->n_slots; s++)
        {
          g_assert_cmpstr (x->slots[s].label, ==, y->slots[s].label);
          g_assert_cmpstr (x->slots[s].inline_value, ==, y->slots[s].inline_value);
          g_assert_cmpuint (x->slots[s].target, ==, y->slots[s].target);
          g_assert_cmpint (x->slots[s].target_node, ==, y->slots[s].target_node);
          g_assert_cmpuint (x->slots[s].slot_kind, ==, y->slots[s].slot_kind);
          g_assert_cmpuint (x->slots[s].change, ==, y->slots[s].change);
        }
    }
  g_assert_cmpuint (a->n_edges, ==, b->n_edges);
  g_assert_cmpmem (a->edges, a->n_edges * sizeof (ViewEdge), b->edges,
                   b->n_edges * sizeof (ViewEdge));
  g_assert_cmpuint (a->n_cycles, ==, b->n_cycles);
  for (guint c = 0; c < a->n_cycles; c++)
    {
      g_assert_cmpuint (a->cycles[c].n_outside_referrers, ==, b->cycles[c].n_outside_referrers);
      g_assert_cmpint (a->cycles[c].garbage, ==, b->cycles[c].garbage);
      g_assert_cmpmem (a->cycles[c].members, a->cycles[c].n_members * sizeof (guint),
                       b->cycles[c].members, b->cycles[c].n_members * sizeof (guint));
    }
}

void
scene_test_synth_event (SceneSynth *synth, const TraceEvent *event)
{
  g_autofree char *error = NULL;

  if (!trace_timeline_append (synth->timeline, event, &error))
    g_error ("synthetic event refused: %s", error);
}

static guint32
intern (SceneSynth *synth, const char *text)
{
  return text != NULL ? trace_log_intern (trace_timeline_log (synth->timeline), text, -1) : 0;
}

void
scene_test_synth_init (SceneSynth *synth, guint lines)
{
  TraceLog *log = trace_log_new ();
  GString *text = g_string_new (NULL);
  TraceEvent push = { .kind = TRACE_EV_FRAME_PUSH, .id = 1 };

  for (guint i = 1; i <= lines; i++)
    g_string_append_printf (text, "statement_%u()\n", i);
  trace_log_set_producer (log, "scene-test");
  trace_log_add_file (log, "synthetic.py", text->str, text->len);
  g_string_free (text, TRUE);
  synth->timeline = trace_timeline_new (log);
  synth->steps = 0;
  synth->frame = 1;
  push.str = intern (synth, "<module>");
  scene_test_synth_event (synth, &push);
}

void
scene_test_synth_born (SceneSynth *synth, guint64 id, const char *type, const char *repr, gint gen,
                       guint8 flags)
{
  TraceEvent e = { .kind = TRACE_EV_BORN, .id = id, .small = gen, .flags = flags, .a = 56,
                   .b = (gint64) (0x7f0000000000ull + id * 64) };

  e.str = intern (synth, type);
  e.str2 = intern (synth, repr);
  scene_test_synth_event (synth, &e);
  /* Counted from 0: the references the test adds are all it has. */
  scene_test_synth_refcnt (synth, id, 0);
}

static void
ref_event (SceneSynth *synth, TraceEventKind kind, guint64 from, guint64 to, TraceSlotKind slot_kind,
           gint64 slot, const char *name)
{
  TraceEvent e = { .kind = kind, .id = from, .target = to, .slot_kind = slot_kind, .slot = slot };

  e.str = intern (synth, name);
  scene_test_synth_event (synth, &e);
}

void
scene_test_synth_ref (SceneSynth *synth, guint64 from, guint64 to, TraceSlotKind kind, gint64 slot,
                      const char *name)
{
  ref_event (synth, TRACE_EV_REF_ADD, from, to, kind, slot, name);
}

void
scene_test_synth_unref (SceneSynth *synth, guint64 from, guint64 to, TraceSlotKind kind,
                        gint64 slot, const char *name)
{
  ref_event (synth, TRACE_EV_REF_DEL, from, to, kind, slot, name);
}

void
scene_test_synth_refcnt (SceneSynth *synth, guint64 id, gint64 count)
{
  TraceEvent e = { .kind = TRACE_EV_REFCNT, .id = id, .a = count };

  scene_test_synth_event (synth, &e);
}

void
scene_test_synth_free (SceneSynth *synth, guint64 id, gint cause)
{
  TraceEvent e = { .kind = TRACE_EV_FREE, .id = id, .small = cause };

  scene_test_synth_event (synth, &e);
}

void
scene_test_synth_step (SceneSynth *synth)
{
  TraceEvent e = { .kind = TRACE_EV_STEP, .id = synth->frame };

  e.a = ++synth->steps;
  e.b = synth->steps;
  scene_test_synth_event (synth, &e);
}
