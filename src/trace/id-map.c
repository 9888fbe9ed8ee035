/* id-map.c: linear probing with backward-shift deletion, so no tombstones
 * build up however many objects come and go. */
#include "id-map.h"

#include <string.h>

static inline gsize
slot_of (guint64 id, gsize mask)
{
  id ^= id >> 33;
  id *= 0xff51afd7ed558ccdull;
  id ^= id >> 33;
  return (gsize) id & mask;
}

void
trace_id_map_init (TraceIdMap *map)
{
  map->mask = 15;
  map->count = 0;
  map->keys = g_new0 (guint64, map->mask + 1);
  map->values = g_new (guint32, map->mask + 1);
}

void
trace_id_map_clear (TraceIdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->count = 0;
  map->mask = 0;
}

void
trace_id_map_copy (TraceIdMap *to, const TraceIdMap *from)
{
  if (to->mask != from->mask)
    {
      g_free (to->keys);
      g_free (to->values);
      to->keys = g_new (guint64, from->mask + 1);
      to->values = g_new (guint32, from->mask + 1);
    }
  memcpy (to->keys, from->keys, (from->mask + 1) * sizeof (guint64));
  memcpy (to->values, from->values, (from->mask + 1) * sizeof (guint32));
  to->mask = from->mask;
  to->count = from->count;
}

guint32 *
trace_id_map_lookup (const TraceIdMap *map, guint64 id)
{
  for (gsize i = slot_of (id, map->mask);; i = (i + 1) & map->mask)
    {
      if (map->keys[i] == id)
        return &map->values[i];
      if (map->keys[i] == 0)
        return NULL;
    }
}

static void
grow (TraceIdMap *map)
{
  guint64 *keys = map->keys;
  guint32 *values = map->values;
  gsize capacity = map->mask + 1;

  map->mask = capacity * 2 - 1;
  map->keys = g_new0 (guint64, capacity * 2);
  map->values = g_new (guint32, capacity * 2);
  map->count = 0;
  for (gsize i = 0; i < capacity; i++)
    if (keys[i] != 0)
      trace_id_map_insert (map, keys[i], values[i]);
  g_free (keys);
  g_free (values);
}

void
trace_id_map_insert (TraceIdMap *map, guint64 id, guint32 value)
{
  gsize i;

  g_return_if_fail (id != 0);
  if ((map->count + 1) * 4 > (map->mask + 1) * 3)
    grow (map);
  for (i = slot_of (id, map->mask); map->keys[i] != 0 && map->keys[i] != id;
       i = (i + 1) & map->mask)
    ;
  if (map->keys[i] == 0)
    map->count++;
  map->keys[i] = id;
  map->values[i] = value;
}

gboolean
trace_id_map_remove (TraceIdMap *map, guint64 id)
{
  gsize i = slot_of (id, map->mask), j;

  while (map->keys[i] != id)
    {
      if (map->keys[i] == 0)
        return FALSE;
      i = (i + 1) & map->mask;
    }
  /* Shift back the entries of the run after i that may live at i. */
  for (j = (i + 1) & map->mask; map->keys[j] != 0; j = (j + 1) & map->mask)
    {
      gsize home = slot_of (map->keys[j], map->mask);
      gboolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
      if (movable)
        {
          map->keys[i] = map->keys[j];
          map->values[i] = map->values[j];
          i = j;
        }
    }
  map->keys[i] = 0;
  map->count--;
  return TRUE;
}

gsize
trace_id_map_memory (const TraceIdMap *map)
{
  return (map->mask + 1) * (sizeof (guint64) + sizeof (guint32));
}
