/* scene-analysis.c: which objects of one heap state the scene draws. The
 * frames reach some objects through any reference; of the rest, those a
 * count outside the trace holds (a temporary, C) are held elsewhere, and
 * the others are garbage, as the collector would find them. Then the
 * nodes: what the frames' rows reach, the garbage, and what its rows
 * reach. Every pass is linear in objects and references. */
#include "scene-private.h"
#include "scc.h"

#include <string.h>

#define NO_INDEX SCENE_NO_INDEX

/* Every reference of every object as an object index, in compressed rows
 * (NO_INDEX for a target the state does not hold). */
typedef struct
{
  guint *offsets;
  guint *targets;
} Successors;

gint
scene_analysis_index (const SceneAnalysis *analysis, guint64 id)
{
  const TraceHeapObject *o = trace_heap_lookup (analysis->heap, id);
  gsize i;

  if (o == NULL)
    return -1;
  /* The heap keeps its objects in one array (trace_heap_object_at). */
  i = (gsize) (o - analysis->objects);
  g_assert (i < analysis->n_objects);
  return (gint) i;
}

gint
scene_analysis_holder (const SceneAnalysis *analysis, guint64 id)
{
  gint i = scene_analysis_index (analysis, id);
  const TraceHeapFrame *f;

  if (i >= 0)
    return analysis->node[i];
  f = trace_heap_lookup_frame (analysis->heap, id);
  if (f == NULL)
    return -1;
  return (gint) (f - trace_heap_frame_at (analysis->heap, 0));
}

static void
successors_init (SceneAnalysis *analysis, Successors *s)
{
  guint n = analysis->n_objects, total = 0;

  s->offsets = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    {
      s->offsets[i] = total;
      total += analysis->objects[i].n_refs;
    }
  s->offsets[n] = total;
  s->targets = g_new (guint, MAX (total, 1));
  for (guint i = 0; i < n; i++)
    {
      const TraceHeapObject *o = &analysis->objects[i];
      for (guint32 r = 0; r < o->n_refs; r++)
        {
          gint t = scene_analysis_index (analysis, o->refs[r].target);
          s->targets[s->offsets[i] + r] = t >= 0 ? (guint) t : NO_INDEX;
        }
    }
}

static void
push_id (SceneAnalysis *analysis, guint64 id, guint8 cls, guint *queue, guint *tail)
{
  gint i = scene_analysis_index (analysis, id);

  if (i >= 0 && analysis->cls[i] == SCENE_OBJ_UNREACHED)
    {
      analysis->cls[i] = cls;
      queue[(*tail)++] = (guint) i;
    }
}

/* Breadth first from queue[head..tail) over every reference, giving cls to
 * what is still unreached. */
static void
spread (SceneAnalysis *analysis, const Successors *s, guint8 cls, guint *queue, guint head,
        guint tail)
{
  while (head < tail)
    {
      guint i = queue[head++];
      for (guint e = s->offsets[i]; e < s->offsets[i + 1]; e++)
        {
          guint t = s->targets[e];
          if (t != NO_INDEX && analysis->cls[t] == SCENE_OBJ_UNREACHED)
            {
              analysis->cls[t] = cls;
              queue[tail++] = t;
            }
        }
    }
}

static void
reach_from_frames (SceneAnalysis *analysis, const Successors *s, guint *queue)
{
  guint tail = 0;

  for (guint f = 0; f < trace_heap_n_frames (analysis->heap); f++)
    {
      const TraceHeapFrame *frame = trace_heap_frame_at (analysis->heap, f);
      for (guint32 r = 0; r < frame->n_refs; r++)
        push_id (analysis, frame->refs[r].target, SCENE_OBJ_REACHABLE, queue, &tail);
      push_id (analysis, frame->namespace, SCENE_OBJ_REACHABLE, queue, &tail);
      push_id (analysis, frame->function, SCENE_OBJ_REACHABLE, queue, &tail);
    }
  spread (analysis, s, SCENE_OBJ_REACHABLE, queue, 0, tail);
}

/* The collector's test over the unreachable set U: an object's count less
 * the references from U is what holds it from outside; what such an
 * object reaches is held too, and the rest only a collection frees. */
static void
split_unreachable (SceneAnalysis *analysis, const Successors *s, guint *queue)
{
  guint n = analysis->n_objects, tail = 0;
  gint64 *outside = g_new (gint64, n);

  for (guint i = 0; i < n; i++)
    outside[i] = analysis->objects[i].refcnt;
  for (guint i = 0; i < n; i++)
    if (analysis->cls[i] == SCENE_OBJ_UNREACHED)
      for (guint e = s->offsets[i]; e < s->offsets[i + 1]; e++)
        {
          guint t = s->targets[e];
          if (t != NO_INDEX && analysis->cls[t] == SCENE_OBJ_UNREACHED)
            outside[t]--;
        }
  for (guint i = 0; i < n; i++)
    if (analysis->cls[i] == SCENE_OBJ_UNREACHED)
      {
        /* What existed before the trace may be held by anything. */
        if (analysis->objects[i].flags & TRACE_OBJ_PREEXISTING)
          analysis->cls[i] = SCENE_OBJ_OUTSIDE;
        else if (outside[i] > 0)
          analysis->cls[i] = SCENE_OBJ_HELD;
        else
          continue;
        queue[tail++] = i;
      }
  spread (analysis, s, SCENE_OBJ_HELD, queue, 0, tail);
  for (guint i = 0; i < n; i++)
    if (analysis->cls[i] == SCENE_OBJ_UNREACHED)
      analysis->cls[i] = SCENE_OBJ_GARBAGE;
  g_free (outside);
}

/* The youngest collection that frees each garbage object. A collection of
 * generation g examines generations 0..g; garbage of an older generation
 * that refers to an object keeps it (and its cycle) alive through it. So a
 * cycle is freed by the collection of the oldest generation among its
 * members and all the garbage that reaches it, and an object outside any
 * cycle when the last of its referrers goes. Components in topological
 * order carry both numbers forward. Untracked objects count for none. */
static void
garbage_generations (SceneAnalysis *analysis, const Successors *s)
{
  guint n = analysis->n_objects, ng = 0, n_edges = 0, n_comp;
  guint *local = g_new (guint, n);
  guint *global, *offsets, *targets, *comp, *sizes, *start, *members;
  gint8 *up, *need_in, *up_in;
  ViewGraph graph;

  for (guint i = 0; i < n; i++)
    local[i] = analysis->cls[i] == SCENE_OBJ_GARBAGE ? ng++ : NO_INDEX;
  if (ng == 0)
    {
      g_free (local);
      return;
    }
  global = g_new (guint, ng);
  offsets = g_new (guint, ng + 1);
  for (guint i = 0; i < n; i++)
    if (local[i] != NO_INDEX)
      {
        global[local[i]] = i;
        for (guint e = s->offsets[i]; e < s->offsets[i + 1]; e++)
          n_edges += s->targets[e] != NO_INDEX && local[s->targets[e]] != NO_INDEX;
      }
  targets = g_new (guint, MAX (n_edges, 1));
  n_edges = 0;
  for (guint v = 0; v < ng; v++)
    {
      guint i = global[v];
      offsets[v] = n_edges;
      for (guint e = s->offsets[i]; e < s->offsets[i + 1]; e++)
        if (s->targets[e] != NO_INDEX && local[s->targets[e]] != NO_INDEX)
          targets[n_edges++] = local[s->targets[e]];
    }
  offsets[ng] = n_edges;
  graph = (ViewGraph){ ng, offsets, targets };
  comp = g_new (guint, ng);
  n_comp = view_scc (&graph, comp);
  sizes = g_new (guint, n_comp);
  view_scc_sizes (&graph, comp, n_comp, sizes);

  /* Members grouped by component. */
  start = g_new0 (guint, n_comp + 1);
  members = g_new (guint, ng);
  for (guint c = 0; c < n_comp; c++)
    start[c + 1] = start[c] + sizes[c];
  {
    guint *fill = g_memdup2 (start, n_comp * sizeof (guint));
    for (guint v = 0; v < ng; v++)
      members[fill[comp[v]]++] = v;
    g_free (fill);
  }

  up = g_new (gint8, n_comp);
  up_in = g_new (gint8, n_comp);
  need_in = g_new (gint8, n_comp);
  memset (up_in, -1, n_comp);
  memset (need_in, -1, n_comp);
  /* Edges go from higher component numbers to lower: sources first. */
  for (guint c = n_comp; c-- > 0;)
    {
      gint8 u = up_in[c], need;
      gboolean cycle = view_scc_is_cycle (&graph, comp, sizes, members[start[c]]);

      for (guint m = start[c]; m < start[c + 1]; m++)
        u = MAX (u, analysis->objects[global[members[m]]].gen);
      up[c] = u;
      need = cycle || need_in[c] < 0 ? u : need_in[c];
      for (guint m = start[c]; m < start[c + 1]; m++)
        {
          guint v = members[m];
          analysis->garbage_gen[global[v]] = need;
          for (guint e = offsets[v]; e < offsets[v + 1]; e++)
            {
              guint d = comp[targets[e]];
              if (d == c)
                continue;
              up_in[d] = MAX (up_in[d], u);
              need_in[d] = MAX (need_in[d], need);
            }
        }
    }
  g_free (up);
  g_free (up_in);
  g_free (need_in);
  g_free (members);
  g_free (start);
  g_free (sizes);
  g_free (comp);
  g_free (targets);
  g_free (offsets);
  g_free (global);
  g_free (local);
}

static gboolean
drawable (const SceneAnalysis *analysis, guint i)
{
  switch (analysis->cls[i])
    {
    case SCENE_OBJ_REACHABLE:
    case SCENE_OBJ_GARBAGE:
      return TRUE;
    case SCENE_OBJ_HELD:
      return analysis->options->show_held_elsewhere;
    default:
      return FALSE;
    }
}

typedef struct
{
  GArray *order;        /* object indexes in the order they were met */
  guint *atom_rows;     /* per object: shown rows pointing at it */
} Selection;

static void
meet (SceneAnalysis *analysis, Selection *sel, guint i)
{
  if (i == NO_INDEX)
    return;
  if (scene_is_atom (analysis, &analysis->objects[i]))
    sel->atom_rows[i]++;
  if (analysis->node[i] == -1 && drawable (analysis, i))
    {
      analysis->node[i] = -2;   /* met: a holder comes when its turn does */
      g_array_append_val (sel->order, i);
    }
}

static void
add_holder (SceneAnalysis *analysis, Selection *sel, SceneHolder *holder)
{
  holder->first_row = analysis->rows->len;
  scene_rows_collect (analysis, holder, analysis->rows);
  holder->n_rows = analysis->rows->len - holder->first_row;
  g_array_append_val (analysis->holders, *holder);
  for (guint r = holder->first_row; r < analysis->rows->len; r++)
    {
      const SceneRow *row = &g_array_index (analysis->rows, SceneRow, r);
      if (!(row->flags & SCENE_ROW_HIDDEN))
        meet (analysis, sel, row->target_index);
    }
}

/* Takes every object in sel->order from *next on, met so far or while
 * going: breadth first through the rows. */
static void
expand (SceneAnalysis *analysis, Selection *sel, guint *next)
{
  for (; *next < sel->order->len; (*next)++)
    {
      guint i = g_array_index (sel->order, guint, *next);
      SceneHolder h = { analysis->objects[i].id, (gint) i, -1, -1, 0, 0, 0, 0 };

      analysis->node[i] = (gint) analysis->holders->len;
      add_holder (analysis, sel, &h);
    }
}

static gint
compare_by_id (gconstpointer a, gconstpointer b, gpointer user)
{
  const TraceHeapObject *objects = user;
  guint64 x = objects[*(const guint *) a].id, y = objects[*(const guint *) b].id;

  return x < y ? -1 : x > y;
}

/* Objects of class cls that nothing drawn reaches through rows become
 * nodes of their own, in the order of their ids (the heap's order is not
 * the same for a live state and one read from a file). */
static void
seed (SceneAnalysis *analysis, Selection *sel, guint8 cls, guint *next)
{
  GArray *seeds = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < analysis->n_objects; i++)
    {
      gint owner = analysis->absorbed_by[i];
      if (analysis->cls[i] != cls || analysis->node[i] != -1
          || scene_is_atom (analysis, &analysis->objects[i])
          /* An instance's __dict__ is drawn as its attributes. */
          || (owner >= 0 && drawable (analysis, (guint) owner)))
        continue;
      g_array_append_val (seeds, i);
    }
  g_array_sort_with_data (seeds, compare_by_id, (gpointer) analysis->objects);
  for (guint k = 0; k < seeds->len; k++)
    {
      guint i = g_array_index (seeds, guint, k);
      if (analysis->node[i] != -1)
        continue;
      analysis->node[i] = -2;
      g_array_append_val (sel->order, i);
      expand (analysis, sel, next);
    }
  g_array_unref (seeds);
}

/* Atoms are drawn in their holders' rows, unless asked to show the shared
 * ones (small ints, interned strs) as nodes, or an atom that is not
 * shared by the runtime is held by two rows: then identity is the point. */
static gboolean
atom_is_node (SceneAnalysis *analysis, const Selection *sel, guint i)
{
  gboolean cached = scene_is_cached_atom (analysis, &analysis->objects[i]);

  if (cached)
    return analysis->options->show_cached;
  return sel->atom_rows[i] >= 2;
}

static void
select_nodes (SceneAnalysis *analysis)
{
  Selection sel = { g_array_new (FALSE, FALSE, sizeof (guint)),
                    g_new0 (guint, MAX (analysis->n_objects, 1)) };
  guint next = 0, kept = 0;
  gint *renumber;

  for (guint i = 0; i < analysis->n_objects; i++)
    {
      gint dict = scene_absorbed_dict (analysis, i);
      if (dict >= 0 && analysis->absorbed_by[dict] < 0)
        analysis->absorbed_by[dict] = (gint) i;
    }
  analysis->n_frames = trace_heap_n_frames (analysis->heap);
  for (guint f = 0; f < analysis->n_frames; f++)
    {
      SceneHolder h = { trace_heap_frame_at (analysis->heap, f)->id, -1, (gint) f, -1, 0, 0, 0, 0 };
      add_holder (analysis, &sel, &h);
    }
  expand (analysis, &sel, &next);
  seed (analysis, &sel, SCENE_OBJ_GARBAGE, &next);
  if (analysis->options->show_held_elsewhere)
    seed (analysis, &sel, SCENE_OBJ_HELD, &next);

  /* Drop the atoms drawn inline. */
  renumber = g_new (gint, analysis->holders->len);
  for (guint h = 0; h < analysis->holders->len; h++)
    {
      SceneHolder *holder = &g_array_index (analysis->holders, SceneHolder, h);
      gboolean keep = holder->object < 0
                      || !scene_is_atom (analysis, &analysis->objects[holder->object])
                      || atom_is_node (analysis, &sel, (guint) holder->object);
      renumber[h] = keep ? (gint) kept : -1;
      if (keep)
        g_array_index (analysis->holders, SceneHolder, kept++) = *holder;
      else
        analysis->node[holder->object] = -1;
    }
  g_array_set_size (analysis->holders, kept);
  for (guint i = 0; i < analysis->n_objects; i++)
    if (analysis->node[i] >= 0)
      analysis->node[i] = renumber[analysis->node[i]];
  g_free (renumber);
  g_array_unref (sel.order);
  g_free (sel.atom_rows);
}

SceneAnalysis *
scene_analysis_new (const TraceHeap *heap, const TraceLog *log, const ViewSceneOptions *options)
{
  SceneAnalysis *a = g_new0 (SceneAnalysis, 1);
  guint n = trace_heap_n_objects (heap);
  Successors s;
  guint *queue;

  a->heap = heap;
  a->log = log;
  a->options = options;
  a->n_objects = n;
  a->objects = n > 0 ? trace_heap_object_at (heap, 0) : NULL;
  a->cls = g_new0 (guint8, MAX (n, 1));
  a->garbage_gen = g_new (gint8, MAX (n, 1));
  memset (a->garbage_gen, -1, MAX (n, 1));
  a->node = g_new (gint, MAX (n, 1));
  a->absorbed_by = g_new (gint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    a->node[i] = a->absorbed_by[i] = -1;
  a->holders = g_array_new (FALSE, FALSE, sizeof (SceneHolder));
  a->rows = g_array_new (FALSE, FALSE, sizeof (SceneRow));

  successors_init (a, &s);
  queue = g_new (guint, MAX (n, 1));
  reach_from_frames (a, &s, queue);
  split_unreachable (a, &s, queue);
  garbage_generations (a, &s);
  g_free (queue);
  a->succ_offsets = s.offsets;
  a->succ_targets = s.targets;
  select_nodes (a);
  return a;
}

void
scene_analysis_free (SceneAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_free (analysis->cls);
  g_free (analysis->garbage_gen);
  g_free (analysis->node);
  g_free (analysis->absorbed_by);
  g_free (analysis->succ_offsets);
  g_free (analysis->succ_targets);
  g_array_unref (analysis->holders);
  g_array_unref (analysis->rows);
  g_free (analysis->string_kinds);
  g_free (analysis);
}
