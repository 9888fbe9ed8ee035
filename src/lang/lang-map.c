/* lang-map.c: the pointer map and the string pool of lang-map.h, both
 * open-addressing tables with linear probing, kept at most half full. */
#include "lang-map.h"

#include <stdlib.h>
#include <string.h>

static size_t
hash_pointer (const void *p)
{
  uint64_t x = (uint64_t) (uintptr_t) p;

  /* A 64-bit mixer: allocations share low bits, so spread the high ones. */
  x ^= x >> 33;
  x *= UINT64_C (0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (size_t) x;
}

void
lang_ptr_map_init (LangPtrMap *map)
{
  memset (map, 0, sizeof *map);
}

void
lang_ptr_map_clear (LangPtrMap *map)
{
  free (map->keys);
  free (map->values);
  memset (map, 0, sizeof *map);
}

static size_t
ptr_map_slot (const void **keys, size_t capacity, const void *key)
{
  size_t mask = capacity - 1;
  size_t i = hash_pointer (key) & mask;

  while (keys[i] != NULL && keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

bool
lang_ptr_map_lookup (const LangPtrMap *map, const void *key, void **value)
{
  size_t i;

  if (map->capacity == 0)
    return false;
  i = ptr_map_slot (map->keys, map->capacity, key);
  if (map->keys[i] == NULL)
    return false;
  if (value != NULL)
    *value = map->values[i];
  return true;
}

static bool
ptr_map_grow (LangPtrMap *map)
{
  size_t capacity = map->capacity ? map->capacity * 2 : 16;
  const void **keys = calloc (capacity, sizeof *keys);
  void **values = calloc (capacity, sizeof *values);

  if (keys == NULL || values == NULL)
    {
      free (keys);
      free (values);
      return false;
    }
  for (size_t j = 0; j < map->capacity; j++)
    if (map->keys[j] != NULL)
      {
        size_t i = ptr_map_slot (keys, capacity, map->keys[j]);

        keys[i] = map->keys[j];
        values[i] = map->values[j];
      }
  free (map->keys);
  free (map->values);
  map->keys = keys;
  map->values = values;
  map->capacity = capacity;
  return true;
}

bool
lang_ptr_map_insert (LangPtrMap *map, const void *key, void *value)
{
  size_t i;

  if ((map->count + 1) * 2 > map->capacity && !ptr_map_grow (map))
    return false;
  i = ptr_map_slot (map->keys, map->capacity, key);
  if (map->keys[i] == NULL)
    {
      map->keys[i] = key;
      map->count++;
    }
  map->values[i] = value;
  return true;
}

/* The string pool */

static size_t
hash_bytes (const char *s, size_t len)
{
  uint64_t h = UINT64_C (0xcbf29ce484222325);

  for (size_t i = 0; i < len; i++)
    {
      h ^= (unsigned char) s[i];
      h *= UINT64_C (0x100000001b3);
    }
  return (size_t) h;
}

void
lang_str_pool_init (LangStrPool *pool)
{
  memset (pool, 0, sizeof *pool);
}

void
lang_str_pool_clear (LangStrPool *pool)
{
  for (size_t i = 0; i < pool->capacity; i++)
    free (pool->slots[i]);
  free (pool->slots);
  memset (pool, 0, sizeof *pool);
}

static size_t
str_pool_slot (char **slots, size_t capacity, const char *s, size_t len)
{
  size_t mask = capacity - 1;
  size_t i = hash_bytes (s, len) & mask;

  while (slots[i] != NULL && (strncmp (slots[i], s, len) != 0 || slots[i][len] != '\0'))
    i = (i + 1) & mask;
  return i;
}

static bool
str_pool_grow (LangStrPool *pool)
{
  size_t capacity = pool->capacity ? pool->capacity * 2 : 32;
  char **slots = calloc (capacity, sizeof *slots);

  if (slots == NULL)
    return false;
  for (size_t j = 0; j < pool->capacity; j++)
    if (pool->slots[j] != NULL)
      {
        const char *s = pool->slots[j];

        slots[str_pool_slot (slots, capacity, s, strlen (s))] = pool->slots[j];
      }
  free (pool->slots);
  pool->slots = slots;
  pool->capacity = capacity;
  return true;
}

const char *
lang_str_pool_add (LangStrPool *pool, const char *s, size_t len)
{
  size_t i;
  char *copy;

  if ((pool->count + 1) * 2 > pool->capacity && !str_pool_grow (pool))
    return NULL;
  i = str_pool_slot (pool->slots, pool->capacity, s, len);
  if (pool->slots[i] != NULL)
    return pool->slots[i];
  copy = malloc (len + 1);
  if (copy == NULL)
    return NULL;
  memcpy (copy, s, len);
  copy[len] = '\0';
  pool->slots[i] = copy;
  pool->count++;
  return copy;
}
