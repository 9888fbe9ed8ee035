/* layout-graphviz.c: laying a scene out with Graphviz (dot, or for
 * comparison another engine), reading the positions from its structs. */
#include "layout-private.h"

#include <gvc.h>
#include <locale.h>
#include <stdlib.h>

/* The plugins are linked in and handed over as a preloaded table, so the
 * context never reads Graphviz's config file: that would load every
 * installed plugin, and Debian's gtk and gdk ones drag GTK 2 into our GTK 4
 * process. dot is the engine; neato's plugin brings sfdp for comparisons;
 * core is what every context expects to find. */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;

static const lt_symlist_t layout_plugins[] = {
  { "gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library },
  { "gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library },
  { "gvplugin_core_LTX_library", &gvplugin_core_LTX_library },
  { NULL, NULL },
};

/* cgraph and gvc keep process-wide state and are not thread-safe at all:
 * the worker thread is the only caller by design, and this lock makes a
 * second worker (or a stray synchronous caller) wait rather than crash. */
static GMutex graphviz_lock;
static GVC_t *graphviz_context;

/* Graphviz reads numbers with strtod, which follows the locale: under
 * LC_NUMERIC=de_DE "1.5" would read as 1. Its calls run in the C locale. */
static locale_t
c_locale (void)
{
  static locale_t locale;

  if (locale == (locale_t) 0)
    locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  return locale;
}

/* Warnings and errors (an unknown engine, say) go to the debug log: the
 * caller falls back to another engine, and the user can do nothing. */
static int
log_message (char *message)
{
  g_debug ("Graphviz: %s", message);
  return 0;
}

/* Under graphviz_lock. */
static GVC_t *
context (void)
{
  if (graphviz_context == NULL)
    {
      agseterrf (log_message);
      graphviz_context = gvContextPlugins (layout_plugins, FALSE);
    }
  return graphviz_context;
}

static void
set_inches (Agnode_t *node, Agsym_t *sym, double points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  agxset (node, sym, g_ascii_formatd (buffer, sizeof buffer, "%.4f", points / 72.0));
}

static char *
inches (char *buffer, gsize size, double points)
{
  return g_ascii_formatd (buffer, size, "%.4f", points / 72.0);
}

/* Frames alone in the leftmost rank, outermost first: one rank=same
 * subgraph, ordered by invisible edges between neighbours (downward, with
 * LR), and every node the frames do not reach tied to the first frame by
 * an invisible edge that only keeps it right of the frames (weight 0 pulls
 * nothing). rank=source would say the same, but dot 2.42 leaks the edges
 * it makes for it. */
static void
add_frames (Agraph_t *graph, const ViewScene *scene, Agnode_t **nodes, Agsym_t *style,
            Agsym_t *weight)
{
  Agraph_t *frames = agsubg (graph, (char *) "frames", TRUE);
  ViewAdjacency adj;
  ViewForest forest;

  agset (frames, (char *) "rank", (char *) "same");
  view_adjacency_init (&adj, scene);
  view_forest_init (&forest, scene, &adj);
  for (guint r = 0; r < forest.n_roots; r++)
    {
      Agnode_t *root = nodes[forest.roots[r]];
      Agedge_t *tie = NULL;

      if (r < forest.n_frames)
        {
          agsubnode (frames, root, TRUE);
          if (r > 0)
            tie = agedge (graph, nodes[forest.roots[r - 1]], root, NULL, TRUE);
        }
      else
        {
          tie = agedge (graph, nodes[forest.roots[0]], root, NULL, TRUE);
          agxset (tie, weight, (char *) "0");
        }
      if (tie != NULL)
        agxset (tie, style, (char *) "invis");
    }
  view_forest_clear (&forest);
  view_adjacency_clear (&adj);
}

static Agraph_t *
build_graph (const ViewScene *scene, const ViewLayout *layout, Agnode_t **nodes)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE], name[32];
  Agraph_t *graph = agopen ((char *) "scene", Agdirected, NULL);
  Agsym_t *width, *height, *style, *weight;
  gboolean any_frame = FALSE;
  ViewAdjacency adj;

  agattr (graph, AGRAPH, (char *) "rankdir", (char *) "LR");
  /* The painter draws its own curves from the slots' rows: no routing. */
  agattr (graph, AGRAPH, (char *) "splines", (char *) "");
  agattr (graph, AGRAPH, (char *) "nodesep",
          inches (buffer, sizeof buffer, VIEW_LAYOUT_NODE_GAP));
  agattr (graph, AGRAPH, (char *) "ranksep",
          inches (buffer, sizeof buffer, VIEW_LAYOUT_RANK_GAP));
  agattr (graph, AGRAPH, (char *) "rank", (char *) "");
  agattr (graph, AGNODE, (char *) "shape", (char *) "box");
  agattr (graph, AGNODE, (char *) "fixedsize", (char *) "true");
  agattr (graph, AGNODE, (char *) "label", (char *) "");
  width = agattr (graph, AGNODE, (char *) "width", (char *) "1");
  height = agattr (graph, AGNODE, (char *) "height", (char *) "0.5");
  style = agattr (graph, AGEDGE, (char *) "style", (char *) "");
  weight = agattr (graph, AGEDGE, (char *) "weight", (char *) "1");

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      g_snprintf (name, sizeof name, "n%u", i);
      nodes[i] = agnode (graph, name, TRUE);
      set_inches (nodes[i], width, layout->boxes[i].width);
      set_inches (nodes[i], height, layout->boxes[i].height);
      any_frame |= scene->nodes[i].kind == VIEW_NODE_FRAME;
    }

  /* One edge per pair of nodes: more would only cost time. */
  view_adjacency_init (&adj, scene);
  for (guint i = 0; i < scene->n_nodes; i++)
    for (guint k = adj.start[i]; k < adj.start[i + 1]; k++)
      {
        Agnode_t *to = nodes[adj.targets[k]];

        if (agedge (graph, nodes[i], to, NULL, FALSE) == NULL)
          agedge (graph, nodes[i], to, NULL, TRUE);
      }
  view_adjacency_clear (&adj);

  if (any_frame)
    add_frames (graph, scene, nodes, style, weight);
  return graph;
}

gboolean
view_layout_run_graphviz (const ViewScene *scene, ViewLayout *layout, const char *engine)
{
  g_autofree Agnode_t **nodes = g_new (Agnode_t *, scene->n_nodes);
  locale_t saved;
  Agraph_t *graph;
  gboolean ok;

  g_mutex_lock (&graphviz_lock);
  saved = uselocale (c_locale ());
  graph = build_graph (scene, layout, nodes);
  ok = gvLayout (context (), graph, engine) == 0;
  if (ok)
    {
      /* Graphviz gives centres with y growing upward. */
      double top = GD_bb (graph).UR.y;

      for (guint i = 0; i < scene->n_nodes; i++)
        {
          ViewBox *box = &layout->boxes[i];
          pointf centre = ND_coord (nodes[i]);

          box->x = centre.x - box->width / 2;
          box->y = top - centre.y - box->height / 2;
        }
      gvFreeLayout (context (), graph);
    }
  agclose (graph);
  uselocale (saved);
  g_mutex_unlock (&graphviz_lock);
  return ok;
}

char **
view_layout_graphviz_plugins (const char *kind)
{
  GPtrArray *names = g_ptr_array_new ();
  char **list;
  int n = 0;

  g_mutex_lock (&graphviz_lock);
  list = gvPluginList (context (), kind, &n, NULL);
  for (int i = 0; i < n; i++)
    {
      g_ptr_array_add (names, g_strdup (list[i]));
      free (list[i]);
    }
  free (list);
  g_mutex_unlock (&graphviz_lock);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}
