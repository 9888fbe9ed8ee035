/* mem.c: the arena allocator (see mem.h). The structure follows CPython's
 * Objects/obmalloc.c: usedpools rings per size class, free pools per arena,
 * a free list of blocks per pool, arenas released when all their pools are
 * free. One runtime exists per process, so the state is file-static. */
#include "mem.h"
#include "event.h"

#include <stdlib.h>
#include <string.h>

/* With RT_MEM_POISON (the fuzz build) and AddressSanitizer, a freed small
 * block is poisoned until it is handed out again, so a use after free
 * inside an arena is reported as one outside would be. */
#if defined(RT_MEM_POISON) && defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RT_MEM_ASAN 1
#endif
#elif defined(RT_MEM_POISON) && defined(__SANITIZE_ADDRESS__)
#define RT_MEM_ASAN 1
#endif
#ifdef RT_MEM_ASAN
#include <sanitizer/asan_interface.h>
#define BLOCK_POISON(b, n) ASAN_POISON_MEMORY_REGION ((b), (n))
#define BLOCK_UNPOISON(b, n) ASAN_UNPOISON_MEMORY_REGION ((b), (n))
#else
#define BLOCK_POISON(b, n) ((void) (b), (void) (n))
#define BLOCK_UNPOISON(b, n) ((void) (b), (void) (n))
#endif

#define POOL_MASK ((uintptr_t) RT_POOL_SIZE - 1)
#define POOLS_PER_ARENA (RT_ARENA_SIZE / RT_POOL_SIZE)
#define POOL_ADDR(p) ((RtPool *) ((uintptr_t) (p) & ~POOL_MASK))
#define BLOCK_SIZE(szidx) (((size_t) (szidx) + 1) * RT_ALIGNMENT)
#define MAX_BLOCKS_PER_POOL (RT_POOL_SIZE / RT_ALIGNMENT)

typedef struct RtPool RtPool;
typedef struct RtArena RtArena;

/* Sits at the start of every pool. live[] has a bit per block of object
 * pools, so the heap can be walked object by object. */
struct RtPool
{
  uint32_t nalloc;
  uint16_t szidx;
  uint8_t kind;
  uint8_t unused_;
  uint32_t arena_index;
  uint32_t nextoffset;     /* the first never-used block */
  uint32_t maxnextoffset;  /* the last block that fits */
  uint32_t unused2_;
  uint8_t *freeblock;      /* freed blocks, linked through their first word */
  RtPool *nextpool;        /* usedpools ring, or the arena's free pools */
  RtPool *prevpool;
  uint64_t live[MAX_BLOCKS_PER_POOL / 64];
};

#define POOL_OVERHEAD ((sizeof (RtPool) + RT_ALIGNMENT - 1) & ~(size_t) (RT_ALIGNMENT - 1))

struct RtArena
{
  uint8_t *base;           /* NULL: slot unused */
  uint32_t nfreepools;
  uint32_t ncarved;        /* pools handed out at least once */
  RtPool *freepools;       /* pools returned empty */
  RtArena *next_usable;    /* arenas with a free or uncarved pool */
  RtArena *prev_usable;
  bool usable;
};

/* Large blocks are linked so that the heap walk finds large objects. */
typedef struct RtLarge RtLarge;
struct RtLarge
{
  RtLarge *prev;
  RtLarge *next;
  uint64_t size;
  uint64_t vaddr;
  uint32_t kind;
  uint32_t unused_;
  uint64_t unused2_;
};

/* A freed range of the large blocks' virtual space, reused by size. */
typedef struct
{
  uint64_t vaddr;
  uint64_t size;
} RtVRange;

typedef struct
{
  uint64_t *slots;       /* 0: empty */
  uint32_t capacity;     /* a power of two, or 0 */
  uint32_t used;
  uint64_t address_mask; /* the address part of a key */
} RtAddressTable;

static struct
{
  RtPool *usedpools[RT_MEM_KIND_COUNT_][RT_NB_SMALL_SIZE_CLASSES];
  RtArena *arenas;
  uint32_t narenas;        /* slots in arenas[] */
  uint32_t *free_slots;    /* unused arena slots, reused last-in first-out */
  uint32_t nfree_slots;
  RtArena *usable;         /* head of the usable arenas list */
  RtAddressTable arena_bases;  /* base | index */
  RtAddressTable large_starts; /* the first byte after each large block's header */
  RtLarge large;           /* sentinel of the large blocks list */
  RtVRange *vfree;
  size_t nvfree, vfree_cap;
  uint64_t large_vnext;
  RtMemStats stats;
} mem;

static inline RtArena *
pool_arena (RtPool *pool)
{
  return &mem.arenas[pool->arena_index];
}

static void
update_reserved (void)
{
  mem.stats.reserved_bytes = mem.stats.arenas * RT_ARENA_SIZE + mem.stats.large_bytes;
  if (mem.stats.reserved_bytes > mem.stats.peak_reserved_bytes)
    mem.stats.peak_reserved_bytes = mem.stats.reserved_bytes;
}

static bool
over_limit (uint64_t extra)
{
  return mem.stats.limit != 0 && mem.stats.reserved_bytes + extra > mem.stats.limit;
}

static void
usable_push (RtArena *arena)
{
  arena->usable = true;
  arena->prev_usable = NULL;
  arena->next_usable = mem.usable;
  if (mem.usable != NULL)
    mem.usable->prev_usable = arena;
  mem.usable = arena;
}

static void
usable_remove (RtArena *arena)
{
  if (arena->prev_usable != NULL)
    arena->prev_usable->next_usable = arena->next_usable;
  else
    mem.usable = arena->next_usable;
  if (arena->next_usable != NULL)
    arena->next_usable->prev_usable = arena->prev_usable;
  arena->usable = false;
  arena->next_usable = arena->prev_usable = NULL;
}

/* A set of addresses with open addressing: the arenas by base (aligned to
 * their size, so the arena a pointer could be in is a mask away) and the
 * large blocks by start. Lookups never read memory that might not be ours,
 * unlike CPython's address_in_range, which trips memory checkers. Each key
 * is an address whose low bits may carry a payload (an arena's index). */
static inline uint32_t
address_slot (const RtAddressTable *t, uint64_t address)
{
  return (uint32_t) (((address >> 4) * UINT64_C (0x9e3779b97f4a7c15)) >> 32) & (t->capacity - 1);
}

static bool
address_insert (RtAddressTable *t, uint64_t key)
{
  if ((t->used + 1) * 2 > t->capacity)
    {
      uint32_t capacity = t->capacity ? t->capacity * 2 : 64;
      uint64_t *old = t->slots;
      uint32_t old_capacity = t->capacity;
      uint64_t *slots = calloc (capacity, sizeof *slots);
      if (slots == NULL)
        return false;
      t->slots = slots;
      t->capacity = capacity;
      for (uint32_t i = 0; i < old_capacity; i++)
        if (old[i] != 0)
          {
            uint32_t j = address_slot (t, old[i] & t->address_mask);
            while (t->slots[j] != 0)
              j = (j + 1) & (capacity - 1);
            t->slots[j] = old[i];
          }
      free (old);
    }
  uint32_t j = address_slot (t, key & t->address_mask);
  while (t->slots[j] != 0)
    j = (j + 1) & (t->capacity - 1);
  t->slots[j] = key;
  t->used++;
  return true;
}

/* The key stored for address, or 0. */
static uint64_t
address_find (const RtAddressTable *t, uint64_t address)
{
  if (t->capacity == 0)
    return 0;
  for (uint32_t j = address_slot (t, address); t->slots[j] != 0; j = (j + 1) & (t->capacity - 1))
    if ((t->slots[j] & t->address_mask) == address)
      return t->slots[j];
  return 0;
}

static void
address_remove (RtAddressTable *t, uint64_t address)
{
  uint32_t mask = t->capacity - 1;
  uint32_t j = address_slot (t, address);

  while ((t->slots[j] & t->address_mask) != address)
    j = (j + 1) & mask;
  t->used--;
  /* Backward-shift deletion keeps probe chains whole without tombstones. */
  for (;;)
    {
      uint32_t next = (j + 1) & mask;
      t->slots[j] = 0;
      for (;;)
        {
          if (t->slots[next] == 0)
            return;
          uint32_t home = address_slot (t, t->slots[next] & t->address_mask);
          /* Entries whose home lies cyclically in (j, next] stay put. */
          if (j <= next ? (home <= j || home > next) : (home <= j && home > next))
            break;
          next = (next + 1) & mask;
        }
      t->slots[j] = t->slots[next];
      j = next;
    }
}

#define ARENA_MASK (~(uint64_t) (RT_ARENA_SIZE - 1))

/* The arena holding p, or NULL. */
static RtArena *
arena_of (const void *p)
{
  uint64_t key = address_find (&mem.arena_bases, (uint64_t) (uintptr_t) p & ARENA_MASK);
  return key != 0 ? &mem.arenas[key & ~ARENA_MASK] : NULL;
}

static RtArena *
new_arena (void)
{
  uint32_t index;

  if (over_limit (RT_ARENA_SIZE))
    return NULL;

  if (mem.nfree_slots > 0)
    index = mem.free_slots[--mem.nfree_slots];
  else
    {
      RtArena *grown = realloc (mem.arenas, (mem.narenas + 1) * sizeof *mem.arenas);
      uint32_t *slots;

      if (grown == NULL)
        return NULL;
      mem.arenas = grown;
      slots = realloc (mem.free_slots, (mem.narenas + 1) * sizeof *slots);
      if (slots == NULL)
        return NULL;
      mem.free_slots = slots;
      index = mem.narenas++;
      memset (&mem.arenas[index], 0, sizeof mem.arenas[index]);
    }

  RtArena *arena = &mem.arenas[index];
  /* Alignment to the arena size lets a block find its pool and its arena
   * with masks. */
  arena->base = aligned_alloc (RT_ARENA_SIZE, RT_ARENA_SIZE);
  if (arena->base == NULL || !address_insert (&mem.arena_bases, (uint64_t) (uintptr_t) arena->base | index))
    {
      free (arena->base);
      arena->base = NULL;
      mem.free_slots[mem.nfree_slots++] = index;
      return NULL;
    }
  arena->nfreepools = POOLS_PER_ARENA;
  arena->ncarved = 0;
  arena->freepools = NULL;
  usable_push (arena);

  mem.stats.arenas++;
  mem.stats.arenas_allocated++;
  if (mem.stats.arenas > mem.stats.arenas_peak)
    mem.stats.arenas_peak = mem.stats.arenas;
  mem.stats.pools_free += POOLS_PER_ARENA;
  update_reserved ();

  if (rt_events_on ())
    rt_event_simple (RT_EV_ARENA_NEW, NULL, (int32_t) index, RT_ARENA_SIZE,
                     (int64_t) (RT_ARENA_VBASE + (uint64_t) index * RT_ARENA_SIZE), 0);
  return arena;
}

static void
release_arena (RtArena *arena)
{
  uint32_t index = (uint32_t) (arena - mem.arenas);

  if (arena->usable)
    usable_remove (arena);
  address_remove (&mem.arena_bases, (uint64_t) (uintptr_t) arena->base);
  BLOCK_UNPOISON (arena->base, RT_ARENA_SIZE);
  free (arena->base);
  arena->base = NULL;
  mem.free_slots[mem.nfree_slots++] = index;
  mem.stats.arenas--;
  mem.stats.arenas_released++;
  mem.stats.pools_free -= POOLS_PER_ARENA;
  update_reserved ();

  if (rt_events_on ())
    rt_event_simple (RT_EV_ARENA_FREE, NULL, (int32_t) index, RT_ARENA_SIZE,
                     (int64_t) (RT_ARENA_VBASE + (uint64_t) index * RT_ARENA_SIZE), 0);
}

static void
usedpool_link (RtPool *pool)
{
  RtPool **head = &mem.usedpools[pool->kind][pool->szidx];

  pool->prevpool = NULL;
  pool->nextpool = *head;
  if (*head != NULL)
    (*head)->prevpool = pool;
  *head = pool;
}

static void
usedpool_unlink (RtPool *pool)
{
  if (pool->prevpool != NULL)
    pool->prevpool->nextpool = pool->nextpool;
  else
    mem.usedpools[pool->kind][pool->szidx] = pool->nextpool;
  if (pool->nextpool != NULL)
    pool->nextpool->prevpool = pool->prevpool;
  pool->nextpool = pool->prevpool = NULL;
}

static inline bool
pool_is_full (const RtPool *pool)
{
  return pool->freeblock == NULL && pool->nextoffset > pool->maxnextoffset;
}

static inline void
live_set (RtPool *pool, uint8_t *block)
{
  size_t i = (size_t) (block - ((uint8_t *) pool + POOL_OVERHEAD)) / BLOCK_SIZE (pool->szidx);
  pool->live[i >> 6] |= UINT64_C (1) << (i & 63);
}

static inline void
live_clear (RtPool *pool, uint8_t *block)
{
  size_t i = (size_t) (block - ((uint8_t *) pool + POOL_OVERHEAD)) / BLOCK_SIZE (pool->szidx);
  pool->live[i >> 6] &= ~(UINT64_C (1) << (i & 63));
}

/* Takes a pool from the most used arena that has one, as CPython prefers
 * fuller arenas so that emptier ones can drain and be released. */
static RtPool *
new_pool (unsigned szidx, RtMemKind kind)
{
  RtArena *arena = mem.usable;
  RtPool *pool;

  if (arena == NULL)
    {
      arena = new_arena ();
      if (arena == NULL)
        return NULL;
    }

  if (arena->freepools != NULL)
    {
      pool = arena->freepools;
      arena->freepools = pool->nextpool;
    }
  else
    {
      pool = (RtPool *) (arena->base + (size_t) arena->ncarved * RT_POOL_SIZE);
      arena->ncarved++;
    }
  arena->nfreepools--;
  if (arena->nfreepools == 0)
    usable_remove (arena);
  mem.stats.pools_free--;
  mem.stats.pools_used++;

  size_t bs = BLOCK_SIZE (szidx);
  pool->nalloc = 0;
  pool->szidx = (uint16_t) szidx;
  pool->kind = (uint8_t) kind;
  pool->arena_index = (uint32_t) (arena - mem.arenas);
  pool->nextoffset = (uint32_t) POOL_OVERHEAD;
  pool->maxnextoffset = (uint32_t) (RT_POOL_SIZE - bs);
  pool->freeblock = NULL;
  memset (pool->live, 0, sizeof pool->live);
  usedpool_link (pool);
  return pool;
}

static void
pool_release (RtPool *pool)
{
  RtArena *arena = pool_arena (pool);

  usedpool_unlink (pool);
  pool->nextpool = arena->freepools;
  arena->freepools = pool;
  arena->nfreepools++;
  mem.stats.pools_free++;
  mem.stats.pools_used--;

  if (arena->nfreepools == POOLS_PER_ARENA)
    release_arena (arena);
  else if (!arena->usable)
    usable_push (arena);
}

static uint64_t
large_vaddr_take (uint64_t size)
{
  /* Most recently freed range of the same size first: deterministic, and
   * addresses are reused as the C library would reuse them. */
  for (size_t i = mem.nvfree; i-- > 0;)
    if (mem.vfree[i].size == size)
      {
        uint64_t vaddr = mem.vfree[i].vaddr;
        mem.vfree[i] = mem.vfree[--mem.nvfree];
        return vaddr;
      }
  uint64_t vaddr = mem.large_vnext;
  mem.large_vnext += size;
  return vaddr;
}

static void
large_vaddr_give (uint64_t vaddr, uint64_t size)
{
  if (mem.nvfree == mem.vfree_cap)
    {
      size_t cap = mem.vfree_cap ? mem.vfree_cap * 2 : 64;
      RtVRange *grown = realloc (mem.vfree, cap * sizeof *grown);
      if (grown == NULL)
        return; /* the range is simply never reused */
      mem.vfree = grown;
      mem.vfree_cap = cap;
    }
  mem.vfree[mem.nvfree++] = (RtVRange){ vaddr, size };
}

static void *
large_alloc (size_t size, RtMemKind kind)
{
  size_t rounded = (size + RT_ALIGNMENT - 1) & ~(size_t) (RT_ALIGNMENT - 1);
  RtLarge *large;

  if (over_limit (rounded))
    return NULL;
  large = aligned_alloc (RT_ALIGNMENT, sizeof (RtLarge) + rounded);
  if (large == NULL)
    return NULL;
  if (!address_insert (&mem.large_starts, (uint64_t) (uintptr_t) (large + 1)))
    {
      free (large);
      return NULL;
    }
  large->size = rounded;
  large->kind = kind;
  /* The address is that of the block after the header, like a malloc'ed
   * pointer in CPython. */
  large->vaddr = large_vaddr_take (rounded + sizeof (RtLarge)) + sizeof (RtLarge);
  large->next = mem.large.next;
  large->prev = &mem.large;
  mem.large.next->prev = large;
  mem.large.next = large;

  mem.stats.large_blocks++;
  mem.stats.large_bytes += rounded;
  update_reserved ();
  return large + 1;
}

static void
large_free (void *block)
{
  RtLarge *large = (RtLarge *) block - 1;

  address_remove (&mem.large_starts, (uint64_t) (uintptr_t) block);
  large->prev->next = large->next;
  large->next->prev = large->prev;
  large_vaddr_give (large->vaddr - sizeof (RtLarge), large->size + sizeof (RtLarge));
  mem.stats.large_blocks--;
  mem.stats.large_bytes -= large->size;
  update_reserved ();
  free (large);
}

void *
rt_mem_alloc (size_t size, RtMemKind kind)
{
  if (RT_UNLIKELY (size > RT_SMALL_REQUEST_THRESHOLD))
    return large_alloc (size, kind);
  if (size == 0)
    size = 1;

  unsigned szidx = (unsigned) ((size - 1) / RT_ALIGNMENT);
  RtPool *pool = mem.usedpools[kind][szidx];
  uint8_t *block;

  if (RT_UNLIKELY (pool == NULL))
    {
      pool = new_pool (szidx, kind);
      if (pool == NULL)
        return NULL;
    }

  block = pool->freeblock;
  if (block != NULL)
    {
      BLOCK_UNPOISON (block, BLOCK_SIZE (szidx));
      pool->freeblock = *(uint8_t **) block;
    }
  else
    {
      /* A pool used before for another size class may be poisoned here. */
      block = (uint8_t *) pool + pool->nextoffset;
      BLOCK_UNPOISON (block, BLOCK_SIZE (szidx));
      pool->nextoffset += (uint32_t) BLOCK_SIZE (szidx);
    }
  pool->nalloc++;
  if (pool_is_full (pool))
    usedpool_unlink (pool);
  if (kind != RT_MEM_RAW)
    live_set (pool, block);

  mem.stats.blocks++;
  mem.stats.block_bytes += BLOCK_SIZE (szidx);
  return block;
}

void
rt_mem_free (void *block, size_t size)
{
  if (block == NULL)
    return;
  if (RT_UNLIKELY (size > RT_SMALL_REQUEST_THRESHOLD))
    {
      large_free (block);
      return;
    }

  RtPool *pool = POOL_ADDR (block);
  bool was_full = pool_is_full (pool);

  *(uint8_t **) block = pool->freeblock;
  BLOCK_POISON (block, BLOCK_SIZE (pool->szidx));
  pool->freeblock = block;
  pool->nalloc--;
  if (pool->kind != RT_MEM_RAW)
    live_clear (pool, block);
  mem.stats.blocks--;
  mem.stats.block_bytes -= BLOCK_SIZE (pool->szidx);

  if (pool->nalloc == 0)
    {
      if (was_full)
        usedpool_link (pool); /* pool_release unlinks it again */
      pool_release (pool);
    }
  else if (was_full)
    usedpool_link (pool);
}

void *
rt_mem_realloc (void *block, size_t old_size, size_t new_size)
{
  if (block == NULL)
    return rt_mem_alloc (new_size, RT_MEM_RAW);

  /* Small blocks that stay in their size class stay where they are. */
  if (old_size <= RT_SMALL_REQUEST_THRESHOLD && new_size <= RT_SMALL_REQUEST_THRESHOLD
      && new_size > 0 && (old_size - 1) / RT_ALIGNMENT == (new_size - 1) / RT_ALIGNMENT)
    return block;

  void *grown = rt_mem_alloc (new_size, RT_MEM_RAW);
  if (grown == NULL)
    return NULL;
  memcpy (grown, block, old_size < new_size ? old_size : new_size);
  rt_mem_free (block, old_size);
  return grown;
}

uint64_t
rt_mem_address (const void *p)
{
  RtArena *arena = arena_of (p);

  if (arena != NULL)
    return RT_ARENA_VBASE + (uint64_t) (arena - mem.arenas) * RT_ARENA_SIZE
           + (uint64_t) ((const uint8_t *) p - arena->base);

  /* A large block: the object starts right after the header, or after a GC
   * head that follows it. */
  uint64_t start = (uint64_t) (uintptr_t) p;
  for (int i = 0; i < 2; i++, start -= sizeof (RtGcHead))
    if (address_find (&mem.large_starts, start) != 0)
      return ((const RtLarge *) (uintptr_t) start - 1)->vaddr
             + (uint64_t) (uintptr_t) p - start;
  /* Static objects (None, built-in types) live outside the arenas. */
  return (uint64_t) (uintptr_t) p;
}

void
rt_mem_get_stats (RtMemStats *stats)
{
  *stats = mem.stats;
}

void
rt_mem_set_limit (uint64_t bytes)
{
  mem.stats.limit = bytes;
}

static RtObject *
block_object (void *block, unsigned kind)
{
  if (kind == RT_MEM_GC_OBJECT)
    return (RtObject *) ((RtGcHead *) block + 1);
  return (RtObject *) block;
}

void
rt_mem_foreach_arena (void (*fn) (uint32_t index, uint64_t address, void *arg), void *arg)
{
  for (uint32_t a = 0; a < mem.narenas; a++)
    if (mem.arenas[a].base != NULL)
      fn (a, RT_ARENA_VBASE + (uint64_t) a * RT_ARENA_SIZE, arg);
}

void
rt_mem_foreach_object (void (*fn) (RtObject *obj, void *arg), void *arg)
{
  for (uint32_t a = 0; a < mem.narenas; a++)
    {
      RtArena *arena = &mem.arenas[a];
      if (arena->base == NULL)
        continue;
      for (uint32_t p = 0; p < arena->ncarved; p++)
        {
          RtPool *pool = (RtPool *) (arena->base + (size_t) p * RT_POOL_SIZE);
          if (pool->nalloc == 0 || pool->kind == RT_MEM_RAW)
            continue;
          size_t bs = BLOCK_SIZE (pool->szidx);
          for (size_t w = 0; w < MAX_BLOCKS_PER_POOL / 64; w++)
            {
              uint64_t bits = pool->live[w];
              while (bits != 0)
                {
                  unsigned bit = (unsigned) __builtin_ctzll (bits);
                  bits &= bits - 1;
                  uint8_t *block = (uint8_t *) pool + POOL_OVERHEAD + (w * 64 + bit) * bs;
                  fn (block_object (block, pool->kind), arg);
                }
            }
        }
    }
  for (RtLarge *large = mem.large.next; large != &mem.large; large = large->next)
    if (large->kind != RT_MEM_RAW)
      fn (block_object (large + 1, large->kind), arg);
}

void
rt_mem_init (void)
{
  memset (&mem, 0, sizeof mem);
  mem.large.next = mem.large.prev = &mem.large;
  mem.large_vnext = RT_LARGE_VBASE;
  mem.arena_bases.address_mask = ARENA_MASK;
  mem.large_starts.address_mask = ~(uint64_t) 0;
}

void
rt_mem_fini (void)
{
  for (uint32_t a = 0; a < mem.narenas; a++)
    {
      if (mem.arenas[a].base != NULL)
        BLOCK_UNPOISON (mem.arenas[a].base, RT_ARENA_SIZE);
      free (mem.arenas[a].base);
    }
  while (mem.large.next != &mem.large)
    {
      RtLarge *large = mem.large.next;
      mem.large.next = large->next;
      free (large);
    }
  free (mem.arenas);
  free (mem.free_slots);
  free (mem.vfree);
  free (mem.arena_bases.slots);
  free (mem.large_starts.slots);
  memset (&mem, 0, sizeof mem);
}
