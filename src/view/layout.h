/* layout.h: where each node of a scene goes. Nodes are boxes of the sizes
 * the painter measured (view_card_measure); the layout places them left to
 * right (frames on the left), keeps the nodes that stood in the previous
 * layout where they stood, and is computed on one worker thread that owns
 * every Graphviz call. */
#pragma once

#include "scene.h"

typedef struct
{
  double x, y;          /* top-left corner, in points, y growing downward */
  double width, height;
} ViewBox;

typedef struct
{
  guint n_nodes;
  guint64 *ids;         /* node ids, same order as boxes */
  ViewBox *boxes;       /* one per scene node, in the scene's order */
  ViewBox bounds;       /* of everything; a full layout starts at (0, 0) */
  guint refcount;
  GHashTable *index;    /* id -> position + 1; made by view_layout_compute. A
                           layout built by hand (g_new arrays, refcount 1) may
                           leave it NULL: finding then scans ids */
} ViewLayout;

typedef enum
{
  VIEW_LAYOUT_AUTO = 0, /* dot up to VIEW_LAYOUT_DOT_MAX_NODES, FAST above */
  VIEW_LAYOUT_DOT,      /* Graphviz dot: fewest crossings, slow past ~1,500 nodes */
  VIEW_LAYOUT_FAST,     /* the big-scene engine: a sideways tree of the
                           breadth-first spanning tree from the frames, O(n) */
} ViewLayoutEngine;

/* Past about this many nodes dot takes more than half a second
 * (bench/view/layout-bench measures it). */
#define VIEW_LAYOUT_DOT_MAX_NODES 1500

/* Space left between boxes in a column, and between columns (where the
 * painter draws its curves), in points. */
#define VIEW_LAYOUT_NODE_GAP 16.0
#define VIEW_LAYOUT_RANK_GAP 56.0

/* Sizes of each node's box, as the painter will draw it (points). */
typedef struct
{
  guint n_nodes;
  double *widths;
  double *heights;
} ViewSizes;

/* Computes a layout synchronously.
 *
 * previous NULL: a full layout by engine.
 * previous given: nodes whose id it holds keep their boxes' positions
 * exactly, but that a card which grew pushes the cards it now meets under
 * it down, as little as it takes; the others are placed clear of every
 * box, right of the node that refers to them or below the frames for new
 * frames; nodes gone since simply disappear. engine is then not used,
 * unless no node of the scene stood before: that is a full layout, there
 * being nothing to keep.
 *
 * sizes may be NULL (every box gets a default size); otherwise it holds one
 * size per scene node. Borrows everything; returns a new layout.
 * Uses Graphviz (for DOT and AUTO on small scenes): call it on the layout
 * thread, or from a program's only thread that uses Graphviz. */
ViewLayout *view_layout_compute (const ViewScene *scene, const ViewSizes *sizes,
                                 const ViewLayout *previous, ViewLayoutEngine engine);

ViewLayout *view_layout_ref (ViewLayout *layout);
void view_layout_unref (ViewLayout *layout);

/* The box of id, or NULL. */
const ViewBox *view_layout_find (const ViewLayout *layout, guint64 id);

/* The Graphviz DOT source of the scene (for export): a node per scene node
 * labelled with its title and sized like its card (inches), an edge per
 * reference labelled with its slot, the frames in a cluster of their own,
 * outermost first. sizes may be NULL. Does not call Graphviz, so it may run
 * on any thread. g_free it. */
char *view_layout_dot_source (const ViewScene *scene, const ViewSizes *sizes);

/* The worker thread: requests are laid out in order; a request made while
 * another runs replaces any still waiting, and the result of a request
 * that a newer one has replaced by the time it is done is dropped (stale
 * results are not wanted): done is called at most once per request, and
 * for the newest request always. done is called in the thread-default
 * main context of the caller of _new, and borrows the layout (ref it to
 * keep it). */
typedef struct ViewLayoutWorker ViewLayoutWorker;
typedef void (*ViewLayoutDone) (ViewLayout *layout, gpointer user);

ViewLayoutWorker *view_layout_worker_new (void);
/* Waits for the layout in flight, if any; no done is called after. */
void view_layout_worker_free (ViewLayoutWorker *worker);
/* Takes a reference on scene and previous (may be NULL) and takes sizes
 * (may be NULL; freed with view_sizes_free). Never blocks. */
void view_layout_worker_request (ViewLayoutWorker *worker, ViewScene *scene, ViewSizes *sizes,
                                 ViewLayout *previous, ViewLayoutEngine engine,
                                 ViewLayoutDone done, gpointer user);

/* Runs fn(user) on the layout thread and waits: for callers (the CLI) that
 * lay out synchronously but must respect the one-thread rule. Runs after
 * the requests made before it. */
void view_layout_worker_run_sync (ViewLayoutWorker *worker, GThreadFunc fn, gpointer user);

/* n_nodes zeroed sizes; view_sizes_free frees the arrays and the struct. */
ViewSizes *view_sizes_new (guint n_nodes);
void view_sizes_free (ViewSizes *sizes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ViewLayout, view_layout_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ViewSizes, view_sizes_free)
