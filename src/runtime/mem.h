/* mem.h: the arena allocator, modelled on CPython's obmalloc: 256 KiB
 * arenas of 4 KiB pools, each pool serving one 16-byte size class up to
 * 512 bytes; larger blocks come from the C library. Addresses handed to the
 * program (id()) are positions in a virtual space that is the same from run
 * to run, and are reused after a free, as in CPython. */
#pragma once

#include "rt-types.h"

#define RT_ARENA_SIZE (256u * 1024u)
#define RT_POOL_SIZE (4u * 1024u)
#define RT_ALIGNMENT 16u
#define RT_SMALL_REQUEST_THRESHOLD 512u
#define RT_NB_SMALL_SIZE_CLASSES (RT_SMALL_REQUEST_THRESHOLD / RT_ALIGNMENT)

/* Virtual addresses start where a 64-bit Linux process maps its heap, so
 * ids look like CPython's. */
#define RT_ARENA_VBASE UINT64_C (0x7f3a00000000)
#define RT_LARGE_VBASE UINT64_C (0x7f5a00000000)

/* What a block holds: the allocator keeps them apart so that it can walk
 * every live object, and knows where the object starts in the block. */
typedef enum
{
  RT_MEM_RAW = 0,    /* buffers: list items, dict tables, digits */
  RT_MEM_OBJECT,     /* an RtObject at the block's start */
  RT_MEM_GC_OBJECT,  /* an RtGcHead, then the RtObject */
  RT_MEM_KIND_COUNT_
} RtMemKind;

struct RtMemStats
{
  uint64_t arenas;            /* arenas held now */
  uint64_t arenas_peak;
  uint64_t arenas_allocated;  /* ever */
  uint64_t arenas_released;   /* ever */
  uint64_t pools_used;
  uint64_t pools_free;        /* in held arenas */
  uint64_t blocks;            /* small blocks in use */
  uint64_t block_bytes;       /* bytes of small blocks in use */
  uint64_t large_blocks;
  uint64_t large_bytes;
  uint64_t reserved_bytes;    /* arenas * arena size + large bytes */
  uint64_t peak_reserved_bytes;
  uint64_t limit;             /* 0: no limit */
};

/* Returns a block of at least size bytes, or NULL when the configured limit
 * would be exceeded or the system is out of memory (the caller raises
 * MemoryError). The block is 16-byte aligned. */
void *rt_mem_alloc (size_t size, RtMemKind kind);

/* Frees a block; size must be the size it was allocated with. */
void rt_mem_free (void *block, size_t size);

/* Grows or shrinks a RT_MEM_RAW block; NULL (block untouched) on failure. */
void *rt_mem_realloc (void *block, size_t old_size, size_t new_size);

/* The block's address in the virtual space: what id() returns. */
uint64_t rt_mem_address (const void *p);

void rt_mem_get_stats (RtMemStats *stats);
void rt_mem_set_limit (uint64_t bytes);

/* Calls fn for every live object (RT_MEM_OBJECT and RT_MEM_GC_OBJECT blocks),
 * in address order for small blocks, then the large ones. fn must not
 * allocate or free. */
void rt_mem_foreach_object (void (*fn) (RtObject *obj, void *arg), void *arg);

/* Calls fn for each arena held now, with its index and address (as the
 * arena_new event reports them), so a sink attached late can catch up. */
void rt_mem_foreach_arena (void (*fn) (uint32_t index, uint64_t address, void *arg), void *arg);

/* Lifetime, called by the runtime. */
void rt_mem_init (void);
void rt_mem_fini (void);
