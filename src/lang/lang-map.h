/* lang-map.h: the two small tables the symbol table, the folder and the
 * compiler share: a map keyed by pointer identity, and a pool that gives
 * every distinct name one address, so names compare as pointers. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An open-addressing hash map from non-NULL pointers to pointer-sized
 * values. It owns neither keys nor values. */
typedef struct
{
  const void **keys;
  void **values;
  size_t count;
  size_t capacity; /* 0 or a power of two */
} LangPtrMap;

void lang_ptr_map_init (LangPtrMap *map);
void lang_ptr_map_clear (LangPtrMap *map);

/* Whether key is present; if so and value is not NULL, stores its value. */
bool lang_ptr_map_lookup (const LangPtrMap *map, const void *key, void **value);

/* Inserts or replaces. False when out of memory (the map is unchanged). */
bool lang_ptr_map_insert (LangPtrMap *map, const void *key, void *value);

/* Interned C strings: one malloc'd copy per distinct string, freed with the
 * pool. The strings may not contain NUL bytes (identifiers never do). */
typedef struct
{
  char **slots;
  size_t count;
  size_t capacity; /* 0 or a power of two */
} LangStrPool;

void lang_str_pool_init (LangStrPool *pool);
void lang_str_pool_clear (LangStrPool *pool);

/* The pool's copy of the first len bytes of s; NULL when out of memory. */
const char *lang_str_pool_add (LangStrPool *pool, const char *s, size_t len);

static inline const char *
lang_str_pool_add_cstr (LangStrPool *pool, const char *s)
{
  size_t len = 0;

  while (s[len] != '\0')
    len++;
  return lang_str_pool_add (pool, s, len);
}
