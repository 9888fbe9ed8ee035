/* layout.c: the layout's entry points: choosing the engine, the layout's
 * memory and index, and the scene's structure as the engines see it
 * (adjacency lists, the breadth-first forest from the frames). */
#include "layout-private.h"

/* For callers that lay out before anything was measured. */
#define DEFAULT_WIDTH 96.0
#define DEFAULT_HEIGHT 32.0

static ViewLayout *
layout_new (const ViewScene *scene, const ViewSizes *sizes)
{
  ViewLayout *layout = g_new0 (ViewLayout, 1);

  layout->refcount = 1;
  layout->n_nodes = scene->n_nodes;
  layout->ids = g_new (guint64, scene->n_nodes);
  layout->boxes = g_new0 (ViewBox, scene->n_nodes);
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      ViewBox *box = &layout->boxes[i];

      layout->ids[i] = scene->nodes[i].id;
      box->width = sizes ? sizes->widths[i] : DEFAULT_WIDTH;
      box->height = sizes ? sizes->heights[i] : DEFAULT_HEIGHT;
      /* A NaN or negative size would break every overlap test below. */
      if (!(box->width >= 0))
        box->width = 0;
      if (!(box->height >= 0))
        box->height = 0;
    }
  return layout;
}

/* Full layouts start at (0, 0) whatever the engine's origin. */
static void
layout_move_to_origin (ViewLayout *layout)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      min_x = MIN (min_x, layout->boxes[i].x);
      min_y = MIN (min_y, layout->boxes[i].y);
    }
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      layout->boxes[i].x -= min_x;
      layout->boxes[i].y -= min_y;
    }
}

static void
layout_finish (ViewLayout *layout)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const ViewBox *box = &layout->boxes[i];

      x0 = MIN (x0, box->x);
      y0 = MIN (y0, box->y);
      x1 = MAX (x1, box->x + box->width);
      y1 = MAX (y1, box->y + box->height);
    }
  if (layout->n_nodes > 0)
    layout->bounds = (ViewBox){ x0, y0, x1 - x0, y1 - y0 };

  layout->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < layout->n_nodes; i++)
    if (!g_hash_table_contains (layout->index, &layout->ids[i]))
      g_hash_table_insert (layout->index, &layout->ids[i], GUINT_TO_POINTER (i + 1));
}

ViewLayout *
view_layout_compute (const ViewScene *scene, const ViewSizes *sizes, const ViewLayout *previous,
                     ViewLayoutEngine engine)
{
  ViewLayout *layout;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (sizes == NULL || sizes->n_nodes == scene->n_nodes, NULL);

  layout = layout_new (scene, sizes);
  if (scene->n_nodes > 0
      && (previous == NULL || view_layout_run_incremental (scene, layout, previous) == 0))
    {
      if (engine == VIEW_LAYOUT_AUTO)
        engine = scene->n_nodes <= VIEW_LAYOUT_DOT_MAX_NODES ? VIEW_LAYOUT_DOT : VIEW_LAYOUT_FAST;
      /* Should Graphviz fail (it reports why on stderr), a picture from the
       * other engine is better than none. */
      if (engine != VIEW_LAYOUT_DOT || !view_layout_run_graphviz (scene, layout, "dot"))
        view_layout_run_layered (scene, layout);
      layout_move_to_origin (layout);
    }
  layout_finish (layout);
  return layout;
}

ViewLayout *
view_layout_ref (ViewLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  g_atomic_int_inc (&layout->refcount);
  return layout;
}

void
view_layout_unref (ViewLayout *layout)
{
  if (layout == NULL || !g_atomic_int_dec_and_test (&layout->refcount))
    return;
  g_clear_pointer (&layout->index, g_hash_table_unref);
  g_free (layout->ids);
  g_free (layout->boxes);
  g_free (layout);
}

gint
view_layout_index_of (const ViewLayout *layout, guint64 id)
{
  if (layout->index != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (layout->index, &id)) - 1;
  for (guint i = 0; i < layout->n_nodes; i++)
    if (layout->ids[i] == id)
      return (gint) i;
  return -1;
}

const ViewBox *
view_layout_find (const ViewLayout *layout, guint64 id)
{
  gint i;

  g_return_val_if_fail (layout != NULL, NULL);

  i = view_layout_index_of (layout, id);
  return i >= 0 ? &layout->boxes[i] : NULL;
}

ViewSizes *
view_sizes_new (guint n_nodes)
{
  ViewSizes *sizes = g_new0 (ViewSizes, 1);

  sizes->n_nodes = n_nodes;
  sizes->widths = g_new0 (double, n_nodes);
  sizes->heights = g_new0 (double, n_nodes);
  return sizes;
}

void
view_sizes_free (ViewSizes *sizes)
{
  if (sizes == NULL)
    return;
  g_free (sizes->widths);
  g_free (sizes->heights);
  g_free (sizes);
}

static int
compare_slots (gconstpointer a, gconstpointer b, gpointer user)
{
  const ViewEdge *edges = user;
  guint sa = edges[*(const guint *) a].from_slot, sb = edges[*(const guint *) b].from_slot;

  return (sa > sb) - (sa < sb);
}

static gboolean
edge_used (const ViewScene *scene, const ViewEdge *edge)
{
  return edge->from_node < scene->n_nodes && edge->to_node < scene->n_nodes
         && edge->from_node != edge->to_node && !(edge->flags & VIEW_EDGE_REMOVED)
         && scene->nodes[edge->to_node].kind != VIEW_NODE_FRAME;
}

void
view_adjacency_init (ViewAdjacency *adj, const ViewScene *scene)
{
  guint n = scene->n_nodes, n_used = 0;
  guint *fill, *edge_of;

  adj->n_nodes = n;
  adj->start = g_new0 (guint, n + 1);
  for (guint e = 0; e < scene->n_edges; e++)
    {
      const ViewEdge *edge = &scene->edges[e];

      if (edge_used (scene, edge))
        {
          adj->start[edge->from_node + 1]++;
          n_used++;
        }
    }
  for (guint i = 0; i < n; i++)
    adj->start[i + 1] += adj->start[i];

  /* A counting sort by source keeps the scene's order of each node's
   * references; the slot sort below only runs where that was not slot
   * order already. */
  adj->targets = g_new (guint, n_used);
  edge_of = g_new (guint, n_used);
  fill = g_memdup2 (adj->start, n * sizeof (guint));
  for (guint e = 0; e < scene->n_edges; e++)
    {
      const ViewEdge *edge = &scene->edges[e];

      if (edge_used (scene, edge))
        edge_of[fill[edge->from_node]++] = e;
    }
  for (guint i = 0; i < n; i++)
    {
      guint begin = adj->start[i], end = adj->start[i + 1];
      gboolean sorted = TRUE;

      for (guint k = begin + 1; k < end && sorted; k++)
        sorted = scene->edges[edge_of[k - 1]].from_slot <= scene->edges[edge_of[k]].from_slot;
      if (!sorted)
        g_qsort_with_data (edge_of + begin, (gint) (end - begin), sizeof (guint), compare_slots,
                           scene->edges);
      for (guint k = begin; k < end; k++)
        adj->targets[k] = scene->edges[edge_of[k]].to_node;
    }
  g_free (fill);
  g_free (edge_of);
}

void
view_adjacency_clear (ViewAdjacency *adj)
{
  g_clear_pointer (&adj->start, g_free);
  g_clear_pointer (&adj->targets, g_free);
  adj->n_nodes = 0;
}

/* Breadth-first from the queue's entries from head on. */
static void
reach (ViewForest *forest, const ViewAdjacency *adj, guint *queue, guint head, guint *tail)
{
  while (head < *tail)
    {
      guint u = queue[head++];

      for (guint k = adj->start[u]; k < adj->start[u + 1]; k++)
        {
          guint v = adj->targets[k];

          if (forest->depth[v] < 0)
            {
              forest->depth[v] = forest->depth[u] + 1;
              forest->parent[v] = u;
              queue[(*tail)++] = v;
            }
        }
    }
}

static void
add_root (ViewForest *forest, guint v, gint depth, guint *queue, guint *tail)
{
  forest->depth[v] = depth;
  forest->parent[v] = v;
  forest->roots[forest->n_roots++] = v;
  queue[(*tail)++] = v;
}

void
view_forest_init (ViewForest *forest, const ViewScene *scene, const ViewAdjacency *adj)
{
  guint n = scene->n_nodes, tail = 0;
  g_autofree guint *queue = g_new (guint, n);
  g_autofree guint *referrers = NULL;

  forest->depth = g_new (gint, n);
  forest->parent = g_new (guint, n);
  forest->roots = g_new (guint, n);
  forest->n_roots = 0;
  for (guint i = 0; i < n; i++)
    forest->depth[i] = -1;

  for (guint i = 0; i < n; i++)
    if (scene->nodes[i].kind == VIEW_NODE_FRAME)
      add_root (forest, i, 0, queue, &tail);
  forest->n_frames = forest->n_roots;
  reach (forest, adj, queue, 0, &tail);
  if (tail == n)
    return;

  referrers = g_new0 (guint, n);
  for (guint u = 0; u < n; u++)
    if (forest->depth[u] < 0)
      for (guint k = adj->start[u]; k < adj->start[u + 1]; k++)
        referrers[adj->targets[k]]++;
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      if (forest->depth[i] < 0 && (pass == 1 || referrers[i] == 0))
        {
          guint head = tail;

          add_root (forest, i, 1, queue, &tail);
          reach (forest, adj, queue, head, &tail);
        }
}

void
view_forest_clear (ViewForest *forest)
{
  g_clear_pointer (&forest->depth, g_free);
  g_clear_pointer (&forest->parent, g_free);
  g_clear_pointer (&forest->roots, g_free);
  forest->n_roots = forest->n_frames = 0;
}
