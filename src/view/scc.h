/* scc.h: strongly connected components of a directed graph, by Tarjan's
 * algorithm run with an explicit stack: linear time, and no recursion, so
 * a chain or a cycle of millions of objects is as safe as one of three. */
#pragma once

#include <glib.h>

/* A graph of n vertices in compressed rows: the successors of v are
 * targets[offsets[v]] .. targets[offsets[v + 1] - 1]. */
typedef struct
{
  guint n;
  const guint *offsets;   /* n + 1 entries */
  const guint *targets;
} ViewGraph;

/* Numbers the components of graph in the order Tarjan's algorithm completes
 * them, which is a reverse topological order: an edge between two
 * components always goes from a higher number to a lower one. Writes each
 * vertex's component into component (n entries) and returns how many
 * there are. */
guint view_scc (const ViewGraph *graph, guint *component);

/* The number of vertices of each component (n_components entries). */
void view_scc_sizes (const ViewGraph *graph, const guint *component, guint n_components,
                     guint *sizes);
/* Whether the component of vertex is a cycle: two vertices or more, or
 * one with an edge to itself. */
gboolean view_scc_is_cycle (const ViewGraph *graph, const guint *component, const guint *sizes,
                            guint vertex);
