/* layout-private.h: what the layout's files share: the scene's references
 * as adjacency lists, and the engines that fill a layout's boxes. */
#pragma once

#include "layout.h"

/* Out-references of each node, in slot order, without those that must not
 * pull nodes about: references removed this step (they are drawn faintly),
 * references to oneself, and references to frames (frames stand in their
 * own column, in their own order). */
typedef struct
{
  guint n_nodes;
  guint *start;         /* n_nodes + 1 offsets into targets */
  guint *targets;
} ViewAdjacency;

void view_adjacency_init (ViewAdjacency *adj, const ViewScene *scene);
void view_adjacency_clear (ViewAdjacency *adj);

/* The breadth-first spanning forest of the scene: frames are its first
 * roots, outermost first; what they do not reach (garbage, ghosts) hangs
 * from further roots at depth 1: first the nodes nothing unreached refers
 * to, then one node per remaining cycle. */
typedef struct
{
  gint *depth;          /* 0 for frames */
  guint *parent;        /* roots are their own parent */
  guint *roots;
  guint n_roots;
  guint n_frames;       /* the first roots */
} ViewForest;

void view_forest_init (ViewForest *forest, const ViewScene *scene, const ViewAdjacency *adj);
void view_forest_clear (ViewForest *forest);

/* Each engine sets the x and y of every box; widths and heights are
 * already set. */

/* Graphviz's engine by name ("dot", or "sfdp"/"neato" for comparisons),
 * under a process-wide lock. FALSE if Graphviz failed. */
gboolean view_layout_run_graphviz (const ViewScene *scene, ViewLayout *layout, const char *engine);

/* The plugins of kind ("layout", "device", "textlayout"...) Graphviz can
 * use here; g_strfreev it. */
char **view_layout_graphviz_plugins (const char *kind);

/* The sideways breadth-first tree (VIEW_LAYOUT_FAST). */
void view_layout_run_layered (const ViewScene *scene, ViewLayout *layout);

/* Keeps the nodes of previous where they stood and places the others
 * clear of them. Returns how many nodes it kept; when none, it has done
 * nothing (a full layout is wanted then). */
guint view_layout_run_incremental (const ViewScene *scene, ViewLayout *layout,
                                   const ViewLayout *previous);

/* Where id is in layout's arrays, or -1. */
gint view_layout_index_of (const ViewLayout *layout, guint64 id);
