/* lang-arena.h: a bump allocator that owns every AST node, string and array
 * made while parsing one source, so the whole tree is freed in one call. */
#pragma once

#include <stddef.h>

typedef struct LangArena LangArena;

/* Returns a new, empty arena, or NULL when out of memory. */
LangArena *lang_arena_new (void);

/* Frees the arena and everything ever allocated from it. NULL is allowed. */
void lang_arena_free (LangArena *arena);

/* Returns zeroed memory for @size bytes, aligned for any scalar type, owned by
 * @arena; NULL only when out of memory. */
void *lang_arena_alloc (LangArena *arena, size_t size);

/* Copies @len bytes of @s and adds a terminating NUL; the copy may itself
 * contain NUL bytes (string constants can). */
char *lang_arena_strndup (LangArena *arena, const char *s, size_t len);

/* Total bytes handed out so far; for tests and statistics. */
size_t lang_arena_used (const LangArena *arena);
