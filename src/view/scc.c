/* scc.c: Tarjan's algorithm with explicit stacks. Each vertex is pushed
 * once on the search stack and once on the component stack, and each edge
 * is looked at once: O(V + E), with no recursion whatever the graph's
 * depth. */
#include "scc.h"

#include <string.h>

#define UNSEEN G_MAXUINT

guint
view_scc (const ViewGraph *graph, guint *component)
{
  guint n = graph->n;
  guint *index = g_new (guint, n);
  guint *low = g_new (guint, n);
  guint *next_edge = g_new (guint, n);
  guint *stack = g_new (guint, n);   /* vertices whose component is open */
  guint *path = g_new (guint, n);    /* the search path: the "call stack" */
  guint counter = 0, n_components = 0, sp = 0, pp = 0;

  for (guint v = 0; v < n; v++)
    {
      index[v] = UNSEEN;
      component[v] = UNSEEN;
    }
  for (guint root = 0; root < n; root++)
    {
      if (index[root] != UNSEEN)
        continue;
      index[root] = low[root] = counter++;
      next_edge[root] = graph->offsets[root];
      stack[sp++] = root;
      path[pp++] = root;
      while (pp > 0)
        {
          guint v = path[pp - 1];

          if (next_edge[v] < graph->offsets[v + 1])
            {
              guint w = graph->targets[next_edge[v]++];
              if (index[w] == UNSEEN)
                {
                  index[w] = low[w] = counter++;
                  next_edge[w] = graph->offsets[w];
                  stack[sp++] = w;
                  path[pp++] = w;
                }
              else if (component[w] == UNSEEN && index[w] < low[v])
                /* w is still on the component stack: v reaches back to it. */
                low[v] = index[w];
              continue;
            }
          /* Every edge of v is done: return from it. */
          pp--;
          if (low[v] == index[v])
            {
              guint w;
              do
                {
                  w = stack[--sp];
                  component[w] = n_components;
                }
              while (w != v);
              n_components++;
            }
          if (pp > 0 && low[v] < low[path[pp - 1]])
            low[path[pp - 1]] = low[v];
        }
    }
  g_free (index);
  g_free (low);
  g_free (next_edge);
  g_free (stack);
  g_free (path);
  return n_components;
}

void
view_scc_sizes (const ViewGraph *graph, const guint *component, guint n_components, guint *sizes)
{
  memset (sizes, 0, n_components * sizeof (guint));
  for (guint v = 0; v < graph->n; v++)
    sizes[component[v]]++;
}

gboolean
view_scc_is_cycle (const ViewGraph *graph, const guint *component, const guint *sizes,
                   guint vertex)
{
  if (sizes[component[vertex]] > 1)
    return TRUE;
  for (guint e = graph->offsets[vertex]; e < graph->offsets[vertex + 1]; e++)
    if (graph->targets[e] == vertex)
      return TRUE;
  return FALSE;
}
