/* scene-cycles.c: the reference cycles among the drawn objects (strongly
 * connected components over every reference between them, hidden ones
 * included), the references that keep each alive from outside, and the
 * search's marks. */
#include "scene-private.h"
#include "scc.h"

#include <string.h>

/* The object nodes as a graph: every reference of each, and of the
 * __dict__ drawn as its attributes, that ends at another object node. */
static void
node_graph (SceneBuild *b, guint first, guint n, ViewGraph *graph)
{
  SceneAnalysis *a = b->now;
  guint *offsets = g_new (guint, n + 1);
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint v = 0; v < n; v++)
    {
      const SceneHolder *h = &g_array_index (a->holders, SceneHolder, first + v);
      gint sources[2] = { h->object, h->absorbed };

      offsets[v] = targets->len;
      for (guint k = 0; k < 2; k++)
        {
          if (sources[k] < 0)
            continue;
          for (guint e = a->succ_offsets[sources[k]]; e < a->succ_offsets[sources[k] + 1]; e++)
            {
              guint t = a->succ_targets[e];
              gint node = t != SCENE_NO_INDEX ? a->node[t] : -1;
              if (node >= (gint) first)
                {
                  guint w = (guint) node - first;
                  g_array_append_val (targets, w);
                }
            }
        }
    }
  offsets[n] = targets->len;
  graph->n = n;
  graph->offsets = offsets;
  graph->targets = (const guint *) g_array_free (targets, FALSE);
}

/* References into each cycle from anything outside it: frames, other
 * objects drawn or not. A __dict__ drawn as attributes counts as its owner. */
static void
count_outside (SceneBuild *b, ViewCycle *cycles)
{
  SceneAnalysis *a = b->now;
  const ViewNode *nodes = (const ViewNode *) b->nodes->data;

  for (guint j = 0; j < a->n_objects; j++)
    {
      gint owner = a->absorbed_by[j] >= 0 && a->node[a->absorbed_by[j]] >= 0 ? a->absorbed_by[j]
                                                                              : (gint) j;
      gint from = a->node[owner];
      gint from_cycle = from >= 0 ? nodes[from].cycle : -1;

      for (guint e = a->succ_offsets[j]; e < a->succ_offsets[j + 1]; e++)
        {
          guint t = a->succ_targets[e];
          gint to = t != SCENE_NO_INDEX ? a->node[t] : -1;
          if (to >= 0 && nodes[to].cycle >= 0 && nodes[to].cycle != from_cycle)
            cycles[nodes[to].cycle].n_outside_referrers++;
        }
    }
  for (guint f = 0; f < trace_heap_n_frames (a->heap); f++)
    {
      const TraceHeapFrame *frame = trace_heap_frame_at (a->heap, f);
      for (guint32 r = 0; r < frame->n_refs; r++)
        {
          gint t = scene_analysis_index (a, frame->refs[r].target);
          gint to = t >= 0 ? a->node[t] : -1;
          if (to >= 0 && nodes[to].cycle >= 0)
            cycles[nodes[to].cycle].n_outside_referrers++;
        }
    }
}

void
scene_find_cycles (SceneBuild *b)
{
  SceneAnalysis *a = b->now;
  guint first = a->n_frames, n = a->holders->len - a->n_frames, n_comp, n_cycles = 0;
  ViewNode *nodes = (ViewNode *) b->nodes->data;
  ViewGraph graph;
  guint *comp, *sizes;
  gint *cycle_of;
  ViewCycle *cycles;

  if (n == 0)
    return;
  node_graph (b, first, n, &graph);
  comp = g_new (guint, n);
  n_comp = view_scc (&graph, comp);
  sizes = g_new (guint, n_comp);
  view_scc_sizes (&graph, comp, n_comp, sizes);

  /* Cycles numbered by their first node, members in node order. */
  cycle_of = g_new (gint, n_comp);
  memset (cycle_of, -1, n_comp * sizeof (gint));
  for (guint v = 0; v < n; v++)
    if (cycle_of[comp[v]] < 0 && view_scc_is_cycle (&graph, comp, sizes, v))
      cycle_of[comp[v]] = (gint) n_cycles++;
  cycles = g_new0 (ViewCycle, MAX (n_cycles, 1));
  for (guint v = 0; v < n; v++)
    {
      gint c = cycle_of[comp[v]];
      nodes[first + v].cycle = c;
      if (c >= 0 && cycles[c].members == NULL)
        {
          cycles[c].members = g_new (guint, sizes[comp[v]]);
          cycles[c].garbage = TRUE;
        }
      if (c >= 0)
        {
          cycles[c].members[cycles[c].n_members++] = first + v;
          if (!(nodes[first + v].flags & VIEW_NODE_GARBAGE))
            cycles[c].garbage = FALSE;
        }
    }
  count_outside (b, cycles);

  for (guint e = 0; e < b->edges->len; e++)
    {
      ViewEdge *edge = &g_array_index (b->edges, ViewEdge, e);
      gint from = nodes[edge->from_node].cycle, to = nodes[edge->to_node].cycle;
      if (to < 0)
        continue;
      if (from == to && nodes[edge->from_node].kind != VIEW_NODE_FRAME)
        edge->flags |= VIEW_EDGE_IN_CYCLE;
      else
        edge->flags |= VIEW_EDGE_INTO_CYCLE;
    }

  b->scene->n_cycles = n_cycles;
  b->scene->cycles = n_cycles > 0 ? cycles : NULL;
  if (n_cycles == 0)
    g_free (cycles);
  g_free (cycle_of);
  g_free (sizes);
  g_free (comp);
  g_free ((gpointer) graph.offsets);
  g_free ((gpointer) graph.targets);
}

static gboolean
contains (const char *text, const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

/* A type, a title, a value, a variable's or attribute's name (marking
 * what it refers to), or an address in hex ("0x7f3a", a prefix). */
void
scene_search (SceneBuild *b)
{
  const char *search = b->options->search;
  g_autofree char *needle = NULL;
  gboolean address;
  ViewNode *nodes = (ViewNode *) b->nodes->data;

  if (search == NULL || *search == '\0')
    return;
  needle = g_utf8_casefold (search, -1);
  address = g_str_has_prefix (needle, "0x") && needle[2] != '\0';
  for (guint i = 0; i < b->nodes->len; i++)
    {
      ViewNode *n = &nodes[i];
      if (address)
        {
          char hex[32];
          g_snprintf (hex, sizeof hex, "0x%" G_GINT64_MODIFIER "x", n->addr);
          if (n->kind != VIEW_NODE_FRAME && g_str_has_prefix (hex, needle))
            n->flags |= VIEW_NODE_MATCH;
          continue;
        }
      if (contains (n->type_name, needle) || contains (n->title, needle)
          || contains (n->value, needle))
        n->flags |= VIEW_NODE_MATCH;
      for (guint s = 0; s < n->n_slots; s++)
        if (n->slots[s].slot_kind != TRACE_SLOT_INDEX && contains (n->slots[s].label, needle))
          {
            if (n->slots[s].target_node >= 0)
              nodes[n->slots[s].target_node].flags |= VIEW_NODE_MATCH;
            else if (n->kind == VIEW_NODE_FRAME)
              /* A variable drawn inline: the frame that holds it. */
              n->flags |= VIEW_NODE_MATCH;
          }
    }
}
