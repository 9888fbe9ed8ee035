/* lang-arena.c: the AST arena, a list of large blocks handed out by bumping a
 * pointer; nothing is freed individually. */
#include "lang-arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LANG_ARENA_BLOCK_SIZE (64 * 1024)
#define LANG_ARENA_ALIGN      (sizeof (max_align_t))

typedef struct LangArenaBlock LangArenaBlock;

struct LangArenaBlock
{
  LangArenaBlock *next;
  size_t size;
  size_t used;
  max_align_t data[];
};

struct LangArena
{
  LangArenaBlock *head;
  size_t total;
};

LangArena *
lang_arena_new (void)
{
  return calloc (1, sizeof (LangArena));
}

void
lang_arena_free (LangArena *arena)
{
  if (arena == NULL)
    return;
  LangArenaBlock *block = arena->head;
  while (block != NULL)
    {
      LangArenaBlock *next = block->next;
      free (block);
      block = next;
    }
  free (arena);
}

static LangArenaBlock *
lang_arena_add_block (LangArena *arena, size_t at_least)
{
  size_t size = at_least > LANG_ARENA_BLOCK_SIZE ? at_least : LANG_ARENA_BLOCK_SIZE;
  LangArenaBlock *block = malloc (sizeof (LangArenaBlock) + size);
  if (block == NULL)
    return NULL;
  block->size = size;
  block->used = 0;
  /* A huge request gets a block of its own behind the head, so the space left
   * in the current block is not wasted. */
  if (at_least > LANG_ARENA_BLOCK_SIZE / 4 && arena->head != NULL)
    {
      block->next = arena->head->next;
      arena->head->next = block;
    }
  else
    {
      block->next = arena->head;
      arena->head = block;
    }
  return block;
}

void *
lang_arena_alloc (LangArena *arena, size_t size)
{
  if (size == 0)
    size = 1;
  if (size > SIZE_MAX - LANG_ARENA_ALIGN)
    return NULL;
  size = (size + LANG_ARENA_ALIGN - 1) & ~(LANG_ARENA_ALIGN - 1);

  LangArenaBlock *block = arena->head;
  if (block == NULL || block->size - block->used < size)
    {
      block = lang_arena_add_block (arena, size);
      if (block == NULL)
        return NULL;
    }
  void *p = (char *) block->data + block->used;
  block->used += size;
  arena->total += size;
  memset (p, 0, size);
  return p;
}

char *
lang_arena_strndup (LangArena *arena, const char *s, size_t len)
{
  char *copy = lang_arena_alloc (arena, len + 1);
  if (copy == NULL)
    return NULL;
  if (len > 0)
    memcpy (copy, s, len);
  copy[len] = '\0';
  return copy;
}

size_t
lang_arena_used (const LangArena *arena)
{
  return arena->total;
}
