/* id-map.h: a map from ids (positive 64-bit integers) to 32-bit values,
 * open addressing with linear probing: one flat array, cheap to copy. */
#pragma once

#include <glib.h>

typedef struct
{
  guint64 *keys;        /* 0: empty */
  guint32 *values;
  gsize mask;           /* capacity - 1, capacity a power of two */
  gsize count;
} TraceIdMap;

void trace_id_map_init (TraceIdMap *map);
void trace_id_map_clear (TraceIdMap *map);
void trace_id_map_copy (TraceIdMap *to, const TraceIdMap *from);

/* The value stored for id, or NULL. */
guint32 *trace_id_map_lookup (const TraceIdMap *map, guint64 id);
void trace_id_map_insert (TraceIdMap *map, guint64 id, guint32 value);
gboolean trace_id_map_remove (TraceIdMap *map, guint64 id);
gsize trace_id_map_memory (const TraceIdMap *map);
