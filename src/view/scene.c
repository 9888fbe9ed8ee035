/* scene.c: building the scene of a step: nodes from the analysis of the
 * state (frames, objects, shared atoms), the ghosts, each node's slots
 * with the changes since the step compared with, the edges, the cycles
 * and the search; and the scene's life (shared, refcounted). */
#include "scene-private.h"
#include "view-i18n.h"

#include <string.h>

/* Removed rows kept on one card, at most (a list.clear() of thousands). */
#define MAX_REMOVED_ROWS 40

void
view_scene_options_init (ViewSceneOptions *options)
{
  *options = (ViewSceneOptions){ 0 };
  options->max_items = 40;
  options->ghost_steps = 3;
  options->max_ghosts = 8;
}

/* "199,000 more int", or by type when several: "1,000 more (998 int, 2 str)". */
static char *
hidden_text (SceneAnalysis *a, const SceneHolder *h)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autofree char *total = scene_format_count (h->n_hidden);
  g_autoptr (GString) types = NULL;

  for (guint r = h->first_row; r < h->first_row + h->n_rows; r++)
    {
      const SceneRow *row = &g_array_index (a->rows, SceneRow, r);
      const TraceHeapObject *o;
      gpointer type;
      if (!(row->flags & SCENE_ROW_HIDDEN) || (o = trace_heap_lookup (a->heap, row->target)) == NULL)
        continue;
      type = GUINT_TO_POINTER (o->type);
      if (!g_hash_table_contains (counts, type))
        g_ptr_array_add (order, type);
      g_hash_table_insert (counts, type,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (counts, type)) + 1));
    }
  for (guint i = 0; i < trace_heap_n_summaries (a->heap); i++)
    {
      const TraceSummary *s = trace_heap_summary_at (a->heap, i);
      gpointer type = GUINT_TO_POINTER (s->type);
      if (s->container != h->id || s->count <= 0)
        continue;
      if (!g_hash_table_contains (counts, type))
        g_ptr_array_add (order, type);
      g_hash_table_insert (counts, type,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (counts, type))
                                             + (gsize) s->count));
    }
  if (order->len == 1)
    /* Translators: the items a collapsed container leaves out: a count with
     * thousands separated, then a Python type name: "199,000 more int". */
    return g_strdup_printf (_("%s more %s"), total,
                            scene_string (a, GPOINTER_TO_UINT (order->pdata[0])));
  if (order->len == 0)
    return g_strdup_printf (_("%s more"), total);
  types = g_string_new (NULL);
  for (guint i = 0; i < order->len && i < 3; i++)
    {
      g_autofree char *n = scene_format_count (
        GPOINTER_TO_SIZE (g_hash_table_lookup (counts, order->pdata[i])));

      if (i > 0)
        /* Translators: between the counts of "1,000 more (998 int, 2 str)". */
        g_string_append (types, C_("hidden items", ", "));
      /* Translators: a count and a Python type name, as in
       * "1,000 more (998 int, 2 str)". */
      g_string_append_printf (types, C_("hidden items", "%s %s"), n,
                              scene_string (a, GPOINTER_TO_UINT (order->pdata[i])));
    }
  if (order->len > 3)
    /* Translators: the items a collapsed container leaves out: their count,
     * then the counts of the first three types and more: "9 more (5 int, 2
     * str, 1 float, …)". */
    return g_strdup_printf (_("%s more (%s, …)"), total, types->str);
  /* Translators: the items a collapsed container leaves out: their count,
   * then the count of each type: "1,000 more (998 int, 2 str)". */
  return g_strdup_printf (_("%s more (%s)"), total, types->str);
}

static void
node_of_object (SceneAnalysis *a, const SceneHolder *h, ViewNode *n)
{
  const TraceHeapObject *o = &a->objects[h->object];
  gboolean atom = scene_is_atom (a, o);

  n->id = o->id;
  n->kind = atom ? VIEW_NODE_ATOM : VIEW_NODE_OBJECT;
  switch (a->cls[h->object])
    {
    case SCENE_OBJ_GARBAGE:
      n->flags |= VIEW_NODE_GARBAGE;
      n->garbage_gen = a->garbage_gen[h->object];
      break;
    case SCENE_OBJ_HELD:
      n->flags |= VIEW_NODE_HELD_ELSEWHERE;
      break;
    default:
      break;
    }
  if (o->flags & TRACE_OBJ_INTERNED)
    n->flags |= VIEW_NODE_INTERNED;
  else if (scene_is_cached_atom (a, o))
    n->flags |= VIEW_NODE_CACHED;
  if (o->gen < 0)
    n->flags |= VIEW_NODE_UNTRACKED;
  if (o->flags & TRACE_OBJ_UNREACHABLE)
    n->flags |= VIEW_NODE_UNREACHABLE;
  if (o->flags & TRACE_OBJ_PREEXISTING)
    n->flags |= VIEW_NODE_PREEXISTING;
  n->type_name = g_strdup (scene_string (a, o->type));
  if (h->n_hidden > 0)
    {
      g_autofree char *items = scene_format_count (h->n_items);
      n->flags |= VIEW_NODE_SUMMARY;
      /* Translators: the title of a collapsed container: a Python type
       * name and its number of items, "list · 100,000 items". */
      n->title = g_strdup_printf (_("%s · %s items"), n->type_name, items);
      n->hidden_slots = h->n_hidden;
      n->hidden_text = hidden_text (a, h);
    }
  else
    n->title = scene_object_title (a, o);
  if (atom)
    n->value = g_strdup (scene_atom_text (a, o));
  n->addr = o->addr;
  n->size = o->size;
  n->refcnt = o->refcnt;
  n->gen = o->gen;
  n->gc_refs = o->gc_refs;
}

static void
add_holder_nodes (SceneBuild *b)
{
  SceneAnalysis *a = b->now;

  for (guint i = 0; i < a->holders->len; i++)
    {
      const SceneHolder *h = &g_array_index (a->holders, SceneHolder, i);
      ViewNode n = { 0 };

      n.cycle = -1;
      n.garbage_gen = -1;
      n.gc_refs = -1;
      if (h->frame >= 0)
        {
          n.id = h->id;
          n.kind = VIEW_NODE_FRAME;
          n.type_name = g_strdup ("frame");
          n.title = scene_frame_title (a, (guint) h->frame);
          n.refcnt = -1;
          n.gen = -1;
        }
      else
        node_of_object (a, h, &n);
      g_array_append_val (b->nodes, n);
    }
}

/* The node an arrow to id ends at: a live node, or for a reference that
 * went, the ghost of its freed target. */
static gint
target_node (SceneBuild *b, guint64 id)
{
  gint i = scene_analysis_index (b->now, id);

  if (i >= 0)
    return b->now->node[i];
  return GPOINTER_TO_INT (g_hash_table_lookup (b->ghosts, &id)) - 1;
}

/* What a slot shows when it is no arrow: an atom's value, or for an
 * object the scene leaves out (held elsewhere, from before the trace)
 * its type in angle brackets. */
static char *
inline_text (SceneAnalysis *a, guint64 id)
{
  const TraceHeapObject *o = trace_heap_lookup (a->heap, id);

  if (o == NULL)
    return g_strdup ("?");
  if (scene_is_atom (a, o))
    return g_strdup (scene_atom_text (a, o));
  return g_strdup_printf ("<%s>", scene_string (a, o->type));
}

static ViewSlot
slot_of_row (SceneBuild *b, SceneAnalysis *a, const SceneRow *row, guint8 change)
{
  ViewSlot slot = { 0 };
  gint to = a == b->now && row->target_index != SCENE_NO_INDEX ? a->node[row->target_index]
                                                               : target_node (b, row->target);

  slot.label = scene_row_label (a, row);
  slot.target = row->target;
  slot.target_node = to;
  slot.slot_kind = row->kind;
  slot.change = change;
  if (to < 0)
    /* A removed reference's target may be gone: ask the state it was in. */
    slot.inline_value = inline_text (change == VIEW_CHANGE_REMOVED ? a : b->now, row->target);
  return slot;
}

static gboolean
same_refs (const TraceRef *a, guint32 na, const TraceRef *b, guint32 nb)
{
  if (na != nb)
    return FALSE;
  for (guint32 i = 0; i < na; i++)
    if (a[i].target != b[i].target || a[i].slot != b[i].slot || a[i].name != b[i].name
        || a[i].kind != b[i].kind)
      return FALSE;
  return TRUE;
}

static gboolean
same_object_refs (const TraceHeapObject *x, const TraceHeapObject *y)
{
  if (x == NULL || y == NULL)
    return x == y;
  return same_refs (x->refs, x->n_refs, y->refs, y->n_refs);
}

/* Whether holder (of index i) holds just what it held before: then its
 * rows cannot have changed, and comparing them is skipped (most holders,
 * most steps). */
static gboolean
unchanged (SceneBuild *b, guint i, const SceneHolder *h)
{
  const TraceHeap *now = b->now->heap, *then = b->before->heap;

  if (h->frame >= 0)
    {
      const TraceHeapFrame *x = trace_heap_frame_at (now, (guint) h->frame);
      const TraceHeapFrame *y = trace_heap_lookup_frame (then, h->id);
      return y != NULL && x->namespace == y->namespace
             && same_refs (x->refs, x->n_refs, y->refs, y->n_refs)
             && (x->namespace == 0
                 || same_object_refs (trace_heap_lookup (now, x->namespace),
                                      trace_heap_lookup (then, x->namespace)));
    }
  return same_object_refs (&b->now->objects[h->object], b->then[i])
         && (h->absorbed < 0
             || same_object_refs (&b->now->objects[h->absorbed],
                                  trace_heap_lookup (then, b->now->objects[h->absorbed].id)));
}

static void
add_slots (SceneBuild *b)
{
  SceneAnalysis *a = b->now;
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (ViewSlot));
  GArray *removed = g_array_new (FALSE, FALSE, sizeof (SceneRow));

  for (guint i = 0; i < a->holders->len; i++)
    {
      const SceneHolder *h = &g_array_index (a->holders, SceneHolder, i);
      ViewNode *n = &g_array_index (b->nodes, ViewNode, i);
      g_autofree gboolean *added = g_new0 (gboolean, MAX (h->n_rows, 1));

      g_array_set_size (slots, 0);
      g_array_set_size (removed, 0);
      if (b->before != NULL && !(n->flags & VIEW_NODE_NEW) && !unchanged (b, i, h))
        scene_diff_rows (b, h, added, removed);
      for (guint r = 0; r < h->n_rows; r++)
        {
          const SceneRow *row = &g_array_index (a->rows, SceneRow, h->first_row + r);
          ViewSlot slot;
          if (row->flags & SCENE_ROW_HIDDEN)
            continue;
          slot = slot_of_row (b, a, row, added[r] ? VIEW_CHANGE_ADDED : VIEW_CHANGE_NONE);
          g_array_append_val (slots, slot);
        }
      for (guint r = 0; r < removed->len && r < MAX_REMOVED_ROWS; r++)
        {
          ViewSlot slot = slot_of_row (b, b->before, &g_array_index (removed, SceneRow, r),
                                       VIEW_CHANGE_REMOVED);
          g_array_append_val (slots, slot);
        }
      n->n_slots = slots->len;
      n->slots = slots->len > 0 ? g_memdup2 (slots->data, slots->len * sizeof (ViewSlot)) : NULL;
    }
  g_array_unref (slots);
  g_array_unref (removed);
}

static void
add_edges (SceneBuild *b)
{
  for (guint i = 0; i < b->nodes->len; i++)
    {
      const ViewNode *n = &g_array_index (b->nodes, ViewNode, i);
      for (guint s = 0; s < n->n_slots; s++)
        {
          const ViewSlot *slot = &n->slots[s];
          ViewEdge e = { i, s, 0, 0 };
          if (slot->target_node < 0)
            continue;
          e.to_node = (guint) slot->target_node;
          if (slot->change == VIEW_CHANGE_REMOVED)
            e.flags |= VIEW_EDGE_REMOVED;
          else if (slot->change == VIEW_CHANGE_ADDED || (n->flags & VIEW_NODE_NEW))
            e.flags |= VIEW_EDGE_NEW;
          if (g_array_index (b->nodes, ViewNode, e.to_node).flags & VIEW_NODE_GARBAGE)
            e.flags |= VIEW_EDGE_TO_GARBAGE;
          g_array_append_val (b->edges, e);
        }
    }
}

static void
set_source_line (ViewScene *scene, TraceTimeline *timeline)
{
  TraceLog *log = trace_timeline_log (timeline);
  TraceEvent e;
  const char *text;
  gsize length = 0;

  if (scene->step == 0 || scene->step > trace_log_n_steps (log))
    return;
  trace_log_get (log, trace_log_step_event (log, scene->step), &e);
  scene->line = (guint) e.b;
  text = trace_log_file_line (log, (guint) e.c, (guint) e.b, &length);
  if (text != NULL)
    scene->source_line = g_strstrip (g_strndup (text, length));
}

static void
index_nodes (ViewScene *scene)
{
  scene->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < scene->n_nodes; i++)
    g_hash_table_insert (scene->index, &scene->nodes[i].id, GUINT_TO_POINTER (i + 1));
}

/* The scene after the first events events, compared with the state after
 * previous_events (G_MAXUINT64: none); step is the step they fall in. */
static ViewScene *
build_at (TraceTimeline *timeline, guint step, guint64 events, guint64 previous_events,
          const ViewSceneOptions *options)
{
  ViewSceneOptions defaults;
  g_autoptr (TraceCursor) now = trace_cursor_new (timeline);
  g_autoptr (TraceCursor) before = NULL;
  TraceLog *log = trace_timeline_log (timeline);
  ViewScene *scene = g_new0 (ViewScene, 1);
  SceneBuild b = { 0 };

  if (options == NULL)
    {
      view_scene_options_init (&defaults);
      options = &defaults;
    }
  scene->refcount = 1;
  scene->n_steps = trace_timeline_n_steps (timeline);
  scene->step = step;
  trace_cursor_seek_event (now, events);
  scene->events = trace_cursor_position (now);
  scene->stats = *trace_heap_stats (trace_cursor_heap (now));

  b.scene = scene;
  b.options = options;
  b.timeline = timeline;
  b.now = scene_analysis_new (trace_cursor_heap (now), log, options);
  if (previous_events != G_MAXUINT64 && previous_events != scene->events)
    {
      before = trace_cursor_new (timeline);
      trace_cursor_seek_event (before, previous_events);
      b.before = scene_analysis_new (trace_cursor_heap (before), log, options);
    }
  b.nodes = g_array_sized_new (FALSE, TRUE, sizeof (ViewNode), b.now->holders->len);
  b.edges = g_array_sized_new (FALSE, TRUE, sizeof (ViewEdge), b.now->holders->len);
  b.ghosts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  add_holder_nodes (&b);
  scene_mark_new (&b);
  scene_add_ghosts (&b, scene->step);
  add_slots (&b);
  add_edges (&b);
  scene_find_cycles (&b);
  scene_search (&b);

  scene->n_nodes = b.nodes->len;
  scene->nodes = (ViewNode *) g_array_free (b.nodes, b.nodes->len == 0);
  scene->n_edges = b.edges->len;
  scene->edges = (ViewEdge *) g_array_free (b.edges, b.edges->len == 0);
  index_nodes (scene);
  set_source_line (scene, timeline);

  g_hash_table_unref (b.ghosts);
  g_free (b.then);
  scene_analysis_free (b.now);
  scene_analysis_free (b.before);
  return scene;
}

ViewScene *
view_scene_build (TraceTimeline *timeline, guint step, guint previous_step,
                  const ViewSceneOptions *options)
{
  guint n_steps = trace_timeline_n_steps (timeline);

  step = MIN (step, n_steps);
  return build_at (timeline, step, trace_timeline_step_end (timeline, step),
                   previous_step != G_MAXUINT && previous_step != step && previous_step <= n_steps
                       ? trace_timeline_step_end (timeline, previous_step)
                       : G_MAXUINT64,
                   options);
}

ViewScene *
view_scene_build_at_event (TraceTimeline *timeline, guint64 events, guint64 previous_events,
                           const ViewSceneOptions *options)
{
  TraceLog *log = trace_timeline_log (timeline);
  guint64 n_events = trace_timeline_n_events (timeline);

  events = MIN (events, n_events);
  return build_at (timeline, events > 0 ? trace_log_step_of_event (log, events - 1) : 0, events,
                   previous_events <= n_events ? previous_events : G_MAXUINT64, options);
}

ViewScene *
view_scene_ref (ViewScene *scene)
{
  g_return_val_if_fail (scene != NULL, NULL);
  g_atomic_int_inc ((gint *) &scene->refcount);
  return scene;
}

static void
node_clear (ViewNode *n)
{
  for (guint s = 0; s < n->n_slots; s++)
    {
      g_free (n->slots[s].label);
      g_free (n->slots[s].inline_value);
    }
  g_free (n->slots);
  g_free (n->type_name);
  g_free (n->title);
  g_free (n->value);
  g_free (n->ghost_cause);
  g_free (n->hidden_text);
}

void
view_scene_unref (ViewScene *scene)
{
  if (scene == NULL || !g_atomic_int_dec_and_test ((gint *) &scene->refcount))
    return;
  for (guint i = 0; i < scene->n_nodes; i++)
    node_clear (&scene->nodes[i]);
  g_free (scene->nodes);
  g_free (scene->edges);
  for (guint c = 0; c < scene->n_cycles; c++)
    g_free (scene->cycles[c].members);
  g_free (scene->cycles);
  g_free (scene->source_line);
  if (scene->index != NULL)
    g_hash_table_unref (scene->index);
  g_free (scene);
}

gint
view_scene_find (const ViewScene *scene, guint64 id)
{
  if (scene->index != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (scene->index, &id)) - 1;
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].id == id)
      return (gint) i;
  return -1;
}
