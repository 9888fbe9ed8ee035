/* layout-layered.c: the big-scene engine. Columns are breadth-first depth
 * from the frames; each node heads a horizontal band holding its subtree
 * of the breadth-first spanning tree, so a node sits level with its first
 * child and siblings follow in slot order. Linear in nodes and edges. */
#include "layout-private.h"

/* One step of the depth-first walk that stacks the bands. */
typedef struct
{
  guint node;
  guint next_child;     /* index into the node's children */
  double child_top;     /* where the next child's band starts */
  double bottom;        /* lowest point of the band so far */
} BandFrame;

typedef struct
{
  const ViewScene *scene;
  ViewLayout *layout;
  ViewAdjacency adj;
  ViewForest forest;
  guint *child_start;   /* children of each node in the spanning tree */
  guint *children;
} Layered;

/* A node's children are the targets it was first to reach, in slot order. */
static void
find_children (Layered *l)
{
  guint n = l->scene->n_nodes, filled = 0;

  l->child_start = g_new (guint, n + 1);
  l->children = g_new (guint, n);
  for (guint u = 0; u < n; u++)
    {
      l->child_start[u] = filled;
      for (guint k = l->adj.start[u]; k < l->adj.start[u + 1]; k++)
        {
          guint v = l->adj.targets[k];

          /* parent[v] == u once; a second reference to v from u must not
           * list it twice, hence the mark. */
          if (l->forest.parent[v] == u && v != u)
            {
              l->children[filled++] = v;
              l->forest.parent[v] = G_MAXUINT;
            }
        }
    }
  l->child_start[n] = filled;
}

static void
place_columns (Layered *l)
{
  guint n = l->scene->n_nodes;
  gint max_depth = 0;
  double *column_x;

  for (guint i = 0; i < n; i++)
    max_depth = MAX (max_depth, l->forest.depth[i]);
  column_x = g_new0 (double, max_depth + 2);
  for (guint i = 0; i < n; i++)
    {
      double *width = &column_x[l->forest.depth[i] + 1];

      *width = MAX (*width, l->layout->boxes[i].width);
    }
  /* column_x[d + 1] held column d's width; make it column d + 1's start. */
  for (gint d = 0; d <= max_depth; d++)
    column_x[d + 1] += column_x[d] + VIEW_LAYOUT_RANK_GAP;
  for (guint i = 0; i < n; i++)
    l->layout->boxes[i].x = column_x[l->forest.depth[i]];
  g_free (column_x);
}

/* Iterative, as a linked list of 10,000 nodes is 10,000 levels deep. */
static void
place_bands (Layered *l)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (BandFrame));
  double top = 0;

  for (guint r = 0; r < l->forest.n_roots; r++)
    {
      BandFrame root = { l->forest.roots[r], 0, top, top };

      g_array_append_val (stack, root);
      l->layout->boxes[root.node].y = top;
      while (stack->len > 0)
        {
          BandFrame *f = &g_array_index (stack, BandFrame, stack->len - 1);
          guint u = f->node;

          if (f->next_child < l->child_start[u + 1] - l->child_start[u])
            {
              guint v = l->children[l->child_start[u] + f->next_child++];
              BandFrame child = { v, 0, f->child_top, f->child_top };

              l->layout->boxes[v].y = f->child_top;
              g_array_append_val (stack, child);
            }
          else
            {
              double bottom = MAX (f->bottom, l->layout->boxes[u].y + l->layout->boxes[u].height);

              g_array_set_size (stack, stack->len - 1);
              if (stack->len > 0)
                {
                  BandFrame *up = &g_array_index (stack, BandFrame, stack->len - 1);

                  up->bottom = MAX (up->bottom, bottom);
                  up->child_top = bottom + VIEW_LAYOUT_NODE_GAP;
                }
              else
                top = bottom + VIEW_LAYOUT_NODE_GAP;
            }
        }
    }
}

void
view_layout_run_layered (const ViewScene *scene, ViewLayout *layout)
{
  Layered l = { scene, layout };

  view_adjacency_init (&l.adj, scene);
  view_forest_init (&l.forest, scene, &l.adj);
  find_children (&l);
  place_columns (&l);
  place_bands (&l);

  view_adjacency_clear (&l.adj);
  view_forest_clear (&l.forest);
  g_free (l.child_start);
  g_free (l.children);
}
