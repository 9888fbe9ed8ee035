/* layout-dot.c: a scene as Graphviz DOT text, for export: the graph as
 * someone would hand it to dot themselves, cards as labelled boxes. */
#include "layout-private.h"

/* A DOT string, also escaped for labels, where Graphviz reads \n, \l and
 * the like: a backslash in a title must stay a backslash. */
static void
append_quoted (GString *out, const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p; p++)
    switch (*p)
      {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        break;
      default:
        g_string_append_c (out, *p);
      }
  g_string_append_c (out, '"');
}

static void
append_inches (GString *out, const char *name, double points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, ", %s=%s", name,
                          g_ascii_formatd (buffer, sizeof buffer, "%.3f", points / 72.0));
}

static void
append_node (GString *out, const ViewScene *scene, const ViewSizes *sizes, guint i,
             const char *indent)
{
  const ViewNode *node = &scene->nodes[i];

  g_string_append_printf (out, "%sn%u [label=", indent, i);
  append_quoted (out, node->title);
  /* Minimum sizes, not fixed ones: a renderer with other fonts keeps the
   * label inside. */
  if (sizes != NULL)
    {
      append_inches (out, "width", sizes->widths[i]);
      append_inches (out, "height", sizes->heights[i]);
    }
  if (node->kind == VIEW_NODE_GHOST)
    g_string_append (out, ", style=dashed");
  else if (node->flags & VIEW_NODE_GARBAGE)
    g_string_append (out, ", color=red");
  g_string_append (out, "];\n");
}

char *
view_layout_dot_source (const ViewScene *scene, const ViewSizes *sizes)
{
  GString *out = g_string_new (NULL);
  char nodesep[G_ASCII_DTOSTR_BUF_SIZE], ranksep[G_ASCII_DTOSTR_BUF_SIZE];
  gint last_frame = -1;

  g_return_val_if_fail (scene != NULL, NULL);
  g_return_val_if_fail (sizes == NULL || sizes->n_nodes == scene->n_nodes, NULL);

  g_string_append (out, "digraph refscope {\n");
  g_string_append_printf (out, "  graph [rankdir=LR, nodesep=%s, ranksep=%s];\n",
                          g_ascii_formatd (nodesep, sizeof nodesep, "%.3f",
                                           VIEW_LAYOUT_NODE_GAP / 72.0),
                          g_ascii_formatd (ranksep, sizeof ranksep, "%.3f",
                                           VIEW_LAYOUT_RANK_GAP / 72.0));
  g_string_append (out, "  node [shape=box, fontname=\"sans-serif\", fontsize=10];\n");

  /* The frames in one rank, outermost first (an invisible edge between
   * neighbours keeps their order), boxed as the stack they are. */
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind == VIEW_NODE_FRAME)
      {
        if (last_frame < 0)
          g_string_append (out, "  subgraph cluster_frames {\n"
                                "    label=\"frames\";\n"
                                "    style=dashed;\n"
                                "    rank=same;\n");
        append_node (out, scene, sizes, i, "    ");
        if (last_frame >= 0)
          g_string_append_printf (out, "    n%d -> n%u [style=invis];\n", last_frame, i);
        last_frame = (gint) i;
      }
  if (last_frame >= 0)
    g_string_append (out, "  }\n");

  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind != VIEW_NODE_FRAME)
      append_node (out, scene, sizes, i, "  ");

  for (guint e = 0; e < scene->n_edges; e++)
    {
      const ViewEdge *edge = &scene->edges[e];
      const ViewNode *from;

      if (edge->from_node >= scene->n_nodes || edge->to_node >= scene->n_nodes)
        continue;
      from = &scene->nodes[edge->from_node];
      g_string_append_printf (out, "  n%u -> n%u [label=", edge->from_node, edge->to_node);
      append_quoted (out, edge->from_slot < from->n_slots ? from->slots[edge->from_slot].label
                                                          : NULL);
      if (edge->flags & VIEW_EDGE_REMOVED)
        g_string_append (out, ", style=dashed");
      g_string_append (out, "];\n");
    }
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}
