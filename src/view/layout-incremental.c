/* layout-incremental.c: the layout of a step from the one before: nodes
 * that stood keep their place (a grown card pushing those under it down),
 * new ones go right of the node referring to them (frames below the
 * frames), each at the first clear spot downward. */
#include "layout-private.h"

#include <math.h>
#include <string.h>

/* A uniform grid over the plane: each cell lists the boxes touching it, so
 * testing a spot costs the few boxes near it, not all of them. */
#define CELL 128.0

typedef struct
{
  const ViewBox *boxes;
  GHashTable *cells;    /* packed cell -> GArray of box indexes */
} Grid;

typedef struct
{
  const ViewScene *scene;
  ViewLayout *layout;
  ViewAdjacency adj;
  Grid grid;
  gboolean *placed;
  double *next_y;       /* where a referrer's next new target is tried first */
  guint *queue;         /* nodes to place, with the node referring to each */
  guint *referrer;
  guint queue_head, queue_tail;
  double min_object_x;  /* new objects stay right of the frames */
} Placer;

/* Cells wrap every 65,536 (8 million points): a wrapped cell only lists
 * more boxes to test, never fewer. */
static gpointer
cell_key (gint64 cx, gint64 cy)
{
  return GUINT_TO_POINTER (((guint) cx & 0xffff) << 16 | ((guint) cy & 0xffff));
}

static void
grid_insert (Grid *grid, guint i)
{
  const ViewBox *b = &grid->boxes[i];
  gint64 cx0 = (gint64) floor (b->x / CELL), cx1 = (gint64) floor ((b->x + b->width) / CELL);
  gint64 cy0 = (gint64) floor (b->y / CELL), cy1 = (gint64) floor ((b->y + b->height) / CELL);

  for (gint64 cx = cx0; cx <= cx1; cx++)
    for (gint64 cy = cy0; cy <= cy1; cy++)
      {
        gpointer key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (grid->cells, key);

        if (cell == NULL)
          {
            cell = g_array_sized_new (FALSE, FALSE, sizeof (guint), 4);
            g_hash_table_insert (grid->cells, key, cell);
          }
        g_array_append_val (cell, i);
      }
}

/* Whether a box at (x, y) of size (w, h) comes within margin of a box in
 * the grid; if so *next_y is the first y clear of the highest of those.
 * The test and *next_y compute the same sums, so that at *next_y the box
 * met is clear however the doubles round (else the scan could stand still). */
static gboolean
grid_meets (const Grid *grid, double x, double y, double w, double h, double margin,
            double *next_y)
{
  gint64 cx0 = (gint64) floor ((x - margin) / CELL), cx1 = (gint64) floor ((x + w + margin) / CELL);
  gint64 cy0 = (gint64) floor ((y - margin) / CELL), cy1 = (gint64) floor ((y + h + margin) / CELL);
  gboolean meets = FALSE;

  *next_y = G_MAXDOUBLE;
  for (gint64 cx = cx0; cx <= cx1; cx++)
    for (gint64 cy = cy0; cy <= cy1; cy++)
      {
        GArray *cell = g_hash_table_lookup (grid->cells, cell_key (cx, cy));

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            const ViewBox *b = &grid->boxes[g_array_index (cell, guint, k)];
            double clear_y = b->y + b->height + margin;

            if (b->x - margin < x + w && x < b->x + b->width + margin && b->y - margin < y + h
                && y < clear_y)
              {
                meets = TRUE;
                *next_y = MIN (*next_y, clear_y);
              }
          }
      }
  return meets;
}

/* Puts node i at x, at y or the first clear spot below it. */
static void
place_at (Placer *p, guint i, double x, double y)
{
  ViewBox *box = &p->layout->boxes[i];
  double next_y;

  while (grid_meets (&p->grid, x, y, box->width, box->height, VIEW_LAYOUT_NODE_GAP, &next_y))
    y = next_y;
  box->x = x;
  box->y = y;
  p->placed[i] = TRUE;
  p->next_y[i] = y;
  grid_insert (&p->grid, i);
}

static void
enqueue_targets (Placer *p, guint u)
{
  for (guint k = p->adj.start[u]; k < p->adj.start[u + 1]; k++)
    {
      guint v = p->adj.targets[k];

      if (!p->placed[v] && p->referrer[v] == G_MAXUINT)
        {
          p->referrer[v] = u;
          p->queue[p->queue_tail++] = v;
        }
    }
}

/* Breadth-first from the placed nodes: each new node right of its
 * referrer, level with it or below the referrer's previous new target. */
static void
place_queued (Placer *p)
{
  while (p->queue_head < p->queue_tail)
    {
      guint v = p->queue[p->queue_head++], u = p->referrer[v];
      const ViewBox *from = &p->layout->boxes[u];
      double x = MAX (from->x + from->width + VIEW_LAYOUT_RANK_GAP, p->min_object_x);

      place_at (p, v, x, p->next_y[u]);
      p->next_y[u] = p->layout->boxes[v].y + p->layout->boxes[v].height + VIEW_LAYOUT_NODE_GAP;
      enqueue_targets (p, v);
    }
}

/* Node indexes by the top of their box, then its left, then index. */
static gint
compare_top_down (gconstpointer a, gconstpointer b, gpointer data)
{
  const ViewBox *boxes = data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (boxes[i].y != boxes[j].y)
    return boxes[i].y < boxes[j].y ? -1 : 1;
  if (boxes[i].x != boxes[j].x)
    return boxes[i].x < boxes[j].x ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* Nodes that stood keep their place. Going down the picture, one that
 * now meets a box placed above it (a card above grew into it) goes to the
 * first clear spot below: a card that grows pushes down the cards under
 * it, as little as it takes, and keeps its own place, so the order of a
 * column stays the order the reader knows. Returns how many stood
 * before. */
static guint
keep_old (Placer *p, const ViewLayout *previous)
{
  g_autofree gboolean *taken = g_new0 (gboolean, previous->n_nodes);
  g_autofree guint *stood = g_new (guint, p->scene->n_nodes);
  ViewBox *boxes = p->layout->boxes;
  guint kept = 0;

  for (guint i = 0; i < p->scene->n_nodes; i++)
    {
      gint old = view_layout_index_of (previous, p->scene->nodes[i].id);
      /* Should a frame and an object share an id, only one keeps the place. */
      if (old < 0 || taken[old])
        continue;
      taken[old] = TRUE;
      boxes[i].x = previous->boxes[old].x;
      boxes[i].y = previous->boxes[old].y;
      stood[kept++] = i;
    }
  g_qsort_with_data (stood, (gint) kept, sizeof *stood, compare_top_down, boxes);
  for (guint k = 0; k < kept; k++)
    {
      guint i = stood[k];
      double next_y;

      if (grid_meets (&p->grid, boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height, 0,
                      &next_y))
        place_at (p, i, boxes[i].x, boxes[i].y);
      else
        {
          p->placed[i] = TRUE;
          p->next_y[i] = boxes[i].y;
          grid_insert (&p->grid, i);
        }
    }
  return kept;
}

/* New frames go below the frame before them (frames come outermost first),
 * in the frames' column. */
static void
place_frames (Placer *p)
{
  const ViewBox *boxes = p->layout->boxes;
  double frame_x = G_MAXDOUBLE, any_x = G_MAXDOUBLE, top = G_MAXDOUBLE, y;
  gint last_frame = -1;

  for (guint i = 0; i < p->scene->n_nodes; i++)
    if (p->placed[i])
      {
        if (p->scene->nodes[i].kind == VIEW_NODE_FRAME)
          frame_x = MIN (frame_x, boxes[i].x);
        any_x = MIN (any_x, boxes[i].x);
        top = MIN (top, boxes[i].y);
      }
  if (frame_x == G_MAXDOUBLE)
    frame_x = any_x;

  for (guint i = 0; i < p->scene->n_nodes; i++)
    {
      if (p->scene->nodes[i].kind != VIEW_NODE_FRAME)
        continue;
      if (!p->placed[i])
        {
          y = last_frame < 0 ? top
                             : boxes[last_frame].y + boxes[last_frame].height
                                   + VIEW_LAYOUT_NODE_GAP;
          place_at (p, i, frame_x, y);
        }
      last_frame = (gint) i;
    }
}

/* Where new objects may start: right of every frame, and where the
 * objects that stood start (a new garbage root goes there too). */
static double
object_column (Placer *p)
{
  const ViewBox *boxes = p->layout->boxes;
  double frames_right = -G_MAXDOUBLE, objects_x = G_MAXDOUBLE, frames_x = G_MAXDOUBLE;

  for (guint i = 0; i < p->scene->n_nodes; i++)
    if (p->placed[i])
      {
        if (p->scene->nodes[i].kind == VIEW_NODE_FRAME)
          {
            frames_right = MAX (frames_right, boxes[i].x + boxes[i].width);
            frames_x = MIN (frames_x, boxes[i].x);
          }
        else
          objects_x = MIN (objects_x, boxes[i].x);
      }
  p->min_object_x = frames_right == -G_MAXDOUBLE ? -G_MAXDOUBLE
                                                  : frames_right + VIEW_LAYOUT_RANK_GAP;
  if (objects_x != G_MAXDOUBLE)
    return MAX (objects_x, p->min_object_x);
  return frames_right == -G_MAXDOUBLE ? frames_x : p->min_object_x;
}

/* What no placed node leads to: roots nothing unplaced refers to first,
 * then one node per remaining cycle, each at the first clear spot of the
 * first object column, its subtree following. */
static void
place_orphans (Placer *p, double column_x)
{
  guint n = p->scene->n_nodes;
  g_autofree guint *referrers = g_new0 (guint, n);
  double top = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    if (p->placed[i])
      top = MIN (top, p->layout->boxes[i].y);
  for (guint u = 0; u < n; u++)
    if (!p->placed[u])
      for (guint k = p->adj.start[u]; k < p->adj.start[u + 1]; k++)
        referrers[p->adj.targets[k]]++;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      if (!p->placed[i] && (pass == 1 || referrers[i] == 0))
        {
          place_at (p, i, column_x, top);
          enqueue_targets (p, i);
          place_queued (p);
        }
}

guint
view_layout_run_incremental (const ViewScene *scene, ViewLayout *layout,
                             const ViewLayout *previous)
{
  guint n = scene->n_nodes, kept;
  Placer p = { scene, layout };
  g_autoptr (GHashTable) index = NULL;
  ViewLayout indexed;

  /* A layout built by hand has no index; scanning it per node would be
   * quadratic. */
  if (previous->index == NULL && previous->n_nodes > 0)
    {
      indexed = *previous;
      index = indexed.index = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < previous->n_nodes; i++)
        g_hash_table_insert (index, &previous->ids[i], GUINT_TO_POINTER (i + 1));
      previous = &indexed;
    }

  p.grid.boxes = layout->boxes;
  p.grid.cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                        (GDestroyNotify) g_array_unref);
  p.placed = g_new0 (gboolean, n);
  p.next_y = g_new0 (double, n);
  p.queue = g_new (guint, n);
  p.referrer = g_new (guint, n);
  memset (p.referrer, 0xff, n * sizeof (guint));
  view_adjacency_init (&p.adj, scene);

  kept = keep_old (&p, previous);
  if (kept > 0)
    {
      double column_x;

      place_frames (&p);
      column_x = object_column (&p);
      for (guint u = 0; u < n; u++)
        if (p.placed[u])
          enqueue_targets (&p, u);
      place_queued (&p);
      place_orphans (&p, column_x);
    }

  view_adjacency_clear (&p.adj);
  g_hash_table_unref (p.grid.cells);
  g_free (p.placed);
  g_free (p.next_y);
  g_free (p.queue);
  g_free (p.referrer);
  return kept;
}
