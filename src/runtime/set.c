/* set.c: set and frozenset as CPython 3.11's setobject.c, whose probing
 * and resizes decide iteration order and sizes; algebra and iterator. */
#include "set.h"
#include "abstract.h"
#include "container-private.h"
#include "dict.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "mem.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <stdio.h>
#include <string.h>

#define PERTURB_SHIFT 5
#define LINEAR_PROBES 9
#define SET_MINSIZE 8

/* CPython's sizeof(PySetObject). */
#define CPY_SET_BASIC 200

typedef struct
{
  RtObject *key;
  RtHash hash;     /* -1 with the dummy key: a deleted slot */
} RtSetEntry;

typedef struct
{
  RtObject ob;
  int64_t fill;    /* active and dummy entries */
  int64_t used;    /* active entries */
  int64_t mask;    /* table size - 1 */
  RtSetEntry *table;
  RtHash hash;     /* frozenset only, -1 until computed */
  int64_t finger;  /* where pop() looks next */
  RtSetEntry smalltable[SET_MINSIZE];
} RtSet;

typedef struct
{
  RtObject ob;
  RtObject *set;   /* NULL once exhausted */
  int64_t used;
  int64_t pos;
  int64_t len;
} RtSetIter;

/* Marks deleted slots; never visible to programs. */
static RtObject dummy_obj;
#define DUMMY (&dummy_obj)

enum
{
  DISCARD_NOTFOUND = 0,
  DISCARD_FOUND = 1
};

static inline bool
any_set_check (RtObject *o)
{
  return rt_is_instance_of (o, &rt_set_type) || rt_is_instance_of (o, &rt_frozenset_type);
}

static inline bool
any_set_check_exact (RtObject *o)
{
  return RT_TYPE (o) == &rt_set_type || RT_TYPE (o) == &rt_frozenset_type;
}

static inline void
report (RtEventKind kind, RtSet *so, RtObject *key)
{
  if (rt_events_on ())
    rt_event_ref (kind, &so->ob, rt_slot_keyed (RT_SLOT_KEY, key), key, 0);
}

static inline bool
str_eq (RtObject *a, RtObject *b)
{
  return RT_TYPE (a) == &rt_str_type && RT_TYPE (b) == &rt_str_type && rt_str_equal (a, b);
}

static int set_table_resize (RtSet *so, int64_t minused);

/* Adds key with its hash (borrowed). */
static int
set_add_entry (RtSet *so, RtObject *key, RtHash hash)
{
  RtSetEntry *table, *freeslot, *entry;
  size_t perturb, mask, i;
  int probes, cmp;

  /* Held while comparing: a comparison could drop the caller's reference. */
  rt_incref (key);

restart:
  mask = (size_t) so->mask;
  i = (size_t) hash & mask;
  freeslot = NULL;
  perturb = (size_t) hash;

  for (;;)
    {
      entry = &so->table[i];
      probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
      do
        {
          if (entry->hash == 0 && entry->key == NULL)
            goto found_unused_or_dummy;
          if (entry->hash == hash)
            {
              RtObject *startkey = entry->key;
              if (startkey == key)
                goto found_active;
              if (str_eq (startkey, key))
                goto found_active;
              table = so->table;
              rt_incref (startkey);
              cmp = rt_richcompare_bool (startkey, key, RT_EQ);
              rt_decref (startkey);
              if (cmp > 0)
                goto found_active;
              if (cmp < 0)
                goto comparison_error;
              if (table != so->table || entry->key != startkey)
                goto restart;
              mask = (size_t) so->mask;
            }
          else if (entry->hash == -1)
            freeslot = entry;  /* the last deleted slot seen, as CPython */
          entry++;
        }
      while (probes--);
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
  if (freeslot == NULL)
    goto found_unused;
  so->used++;
  freeslot->key = key;
  freeslot->hash = hash;
  report (RT_EV_REF_ADD, so, key);
  return 0;

found_unused:
  so->fill++;
  so->used++;
  entry->key = key;
  entry->hash = hash;
  report (RT_EV_REF_ADD, so, key);
  if ((size_t) so->fill * 5 < mask * 3)
    return 0;
  return set_table_resize (so, so->used > 50000 ? so->used * 2 : so->used * 4);

found_active:
  rt_decref (key);
  return 0;

comparison_error:
  rt_decref (key);
  return -1;
}

/* Puts key in a table known to hold no equal key and no dummies. */
static void
set_insert_clean (RtSetEntry *table, size_t mask, RtObject *key, RtHash hash)
{
  RtSetEntry *entry;
  size_t perturb = (size_t) hash, i = (size_t) hash & mask, j;

  for (;;)
    {
      entry = &table[i];
      if (entry->key == NULL)
        goto found_null;
      if (i + LINEAR_PROBES <= mask)
        for (j = 0; j < LINEAR_PROBES; j++)
          {
            entry++;
            if (entry->key == NULL)
              goto found_null;
          }
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }
found_null:
  entry->key = key;
  entry->hash = hash;
}

/* The entry holding key, or the free one that ends its probe; NULL if a
 * comparison failed. */
static RtSetEntry *
set_lookkey (RtSet *so, RtObject *key, RtHash hash)
{
  RtSetEntry *table, *entry;
  size_t perturb = (size_t) hash, mask = (size_t) so->mask, i = (size_t) hash & mask;
  int probes, cmp;

  for (;;)
    {
      entry = &so->table[i];
      probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
      do
        {
          if (entry->hash == 0 && entry->key == NULL)
            return entry;
          if (entry->hash == hash)
            {
              RtObject *startkey = entry->key;
              if (startkey == key || str_eq (startkey, key))
                return entry;
              table = so->table;
              rt_incref (startkey);
              cmp = rt_richcompare_bool (startkey, key, RT_EQ);
              rt_decref (startkey);
              if (cmp < 0)
                return NULL;
              if (table != so->table || entry->key != startkey)
                return set_lookkey (so, key, hash);
              if (cmp > 0)
                return entry;
              mask = (size_t) so->mask;
            }
          entry++;
        }
      while (probes--);
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }
}

static size_t
table_bytes (int64_t mask)
{
  return (size_t) (mask + 1) * sizeof (RtSetEntry);
}

/* Rebuilds the table with room for minused entries, dropping dummies; the
 * references stay where they are. */
static int
set_table_resize (RtSet *so, int64_t minused)
{
  RtSetEntry *oldtable, *newtable, *entry;
  int64_t oldmask = so->mask;
  size_t newmask, newsize = SET_MINSIZE;
  bool is_oldtable_malloced;
  RtSetEntry small_copy[SET_MINSIZE];

  while (newsize <= (size_t) minused)
    newsize <<= 1;
  oldtable = so->table;
  is_oldtable_malloced = oldtable != so->smalltable;

  if (newsize == SET_MINSIZE)
    {
      newtable = so->smalltable;
      if (newtable == oldtable)
        {
          if (so->fill == so->used)
            return 0;
          /* Rebuild in place, to purge the dummies. */
          memcpy (small_copy, oldtable, sizeof (small_copy));
          oldtable = small_copy;
        }
    }
  else
    {
      newtable = rt_mem_alloc (newsize * sizeof (RtSetEntry), RT_MEM_RAW);
      if (newtable == NULL)
        {
          rt_error_no_memory ();
          return -1;
        }
    }

  memset (newtable, 0, sizeof (RtSetEntry) * newsize);
  so->mask = (int64_t) newsize - 1;
  so->table = newtable;
  newmask = (size_t) so->mask;
  if (so->fill == so->used)
    {
      for (entry = oldtable; entry <= oldtable + oldmask; entry++)
        if (entry->key != NULL)
          set_insert_clean (newtable, newmask, entry->key, entry->hash);
    }
  else
    {
      so->fill = so->used;
      for (entry = oldtable; entry <= oldtable + oldmask; entry++)
        if (entry->key != NULL && entry->key != DUMMY)
          set_insert_clean (newtable, newmask, entry->key, entry->hash);
    }
  if (is_oldtable_malloced)
    rt_mem_free (oldtable, table_bytes (oldmask));
  return 0;
}

static int
set_contains_entry (RtSet *so, RtObject *key, RtHash hash)
{
  RtSetEntry *entry = set_lookkey (so, key, hash);

  if (entry != NULL)
    return entry->key != NULL;
  return -1;
}

static int
set_discard_entry (RtSet *so, RtObject *key, RtHash hash)
{
  RtSetEntry *entry = set_lookkey (so, key, hash);
  RtObject *old_key;

  if (entry == NULL)
    return -1;
  if (entry->key == NULL)
    return DISCARD_NOTFOUND;
  old_key = entry->key;
  entry->key = DUMMY;
  entry->hash = -1;
  so->used--;
  report (RT_EV_REF_DEL, so, old_key);
  rt_decref (old_key);
  return DISCARD_FOUND;
}

static int
set_add_key (RtSet *so, RtObject *key)
{
  RtHash hash = rt_container_hash (key);

  if (hash == -1)
    return -1;
  return set_add_entry (so, key, hash);
}

static int
set_contains_key (RtSet *so, RtObject *key)
{
  RtHash hash = rt_container_hash (key);

  if (hash == -1)
    return -1;
  return set_contains_entry (so, key, hash);
}

static int
set_discard_key (RtSet *so, RtObject *key)
{
  RtHash hash = rt_container_hash (key);

  if (hash == -1)
    return -1;
  return set_discard_entry (so, key, hash);
}

static void
set_empty_to_minsize (RtSet *so)
{
  memset (so->smalltable, 0, sizeof (so->smalltable));
  so->fill = 0;
  so->used = 0;
  so->mask = SET_MINSIZE - 1;
  so->table = so->smalltable;
  so->hash = -1;
}

/* Empties the set before dropping its keys: dropping them may run code
 * that looks at the set. */
static int
set_clear_internal (RtSet *so)
{
  RtSetEntry *entry, *table = so->table;
  int64_t used = so->used, mask = so->mask;
  bool table_is_malloced = table != so->smalltable;
  RtSetEntry small_copy[SET_MINSIZE];

  if (table_is_malloced)
    set_empty_to_minsize (so);
  else if (so->fill > 0)
    {
      memcpy (small_copy, table, sizeof (small_copy));
      table = small_copy;
      set_empty_to_minsize (so);
    }
  if (rt_events_on ())
    {
      int64_t left = used;
      for (entry = table; left > 0; entry++)
        if (entry->key != NULL && entry->key != DUMMY)
          {
            left--;
            report (RT_EV_REF_DEL, so, entry->key);
          }
    }
  for (entry = table; used > 0; entry++)
    if (entry->key != NULL && entry->key != DUMMY)
      {
        used--;
        rt_decref (entry->key);
      }
  if (table_is_malloced)
    rt_mem_free (table, table_bytes (mask));
  return 0;
}

/* The next active entry at or after *pos (a table position). */
static bool
set_next (RtSet *so, int64_t *pos, RtSetEntry **entry_ptr)
{
  int64_t i = *pos, mask = so->mask;
  RtSetEntry *entry = &so->table[i];

  while (i <= mask && (entry->key == NULL || entry->key == DUMMY))
    {
      i++;
      entry++;
    }
  *pos = i + 1;
  if (i > mask)
    return false;
  *entry_ptr = entry;
  return true;
}

bool
rt_set_next_entry (RtObject *set, int64_t *pos, RtObject **key, RtHash *hash)
{
  RtSetEntry *entry;

  if (!set_next ((RtSet *) set, pos, &entry))
    return false;
  *key = entry->key;
  *hash = entry->hash;
  return true;
}

/* Merges another set into so. */
static int
set_merge (RtSet *so, RtObject *otherset)
{
  RtSet *other = (RtSet *) otherset;
  RtSetEntry *so_entry, *other_entry;
  RtObject *key;
  int64_t i;

  if (other == so || other->used == 0)
    return 0;
  /* One resize up front, expecting few duplicates. */
  if ((so->fill + other->used) * 5 >= so->mask * 3)
    {
      if (set_table_resize (so, (so->used + other->used) * 2) != 0)
        return -1;
    }
  so_entry = so->table;
  other_entry = other->table;

  /* Same size, nothing here, no dummies there: copy slot by slot. */
  if (so->fill == 0 && so->mask == other->mask && other->fill == other->used)
    {
      for (i = 0; i <= other->mask; i++, so_entry++, other_entry++)
        {
          key = other_entry->key;
          if (key != NULL)
            {
              so_entry->key = rt_newref (key);
              so_entry->hash = other_entry->hash;
              report (RT_EV_REF_ADD, so, key);
            }
        }
      so->fill = other->fill;
      so->used = other->used;
      return 0;
    }

  /* Nothing here: insert without comparing. */
  if (so->fill == 0)
    {
      RtSetEntry *newtable = so->table;
      size_t newmask = (size_t) so->mask;
      so->fill = other->used;
      so->used = other->used;
      for (i = other->mask + 1; i > 0; i--, other_entry++)
        {
          key = other_entry->key;
          if (key != NULL && key != DUMMY)
            {
              set_insert_clean (newtable, newmask, rt_newref (key), other_entry->hash);
              report (RT_EV_REF_ADD, so, key);
            }
        }
      return 0;
    }

  for (i = 0; i <= other->mask; i++)
    {
      other_entry = &other->table[i];
      key = other_entry->key;
      if (key != NULL && key != DUMMY && set_add_entry (so, key, other_entry->hash) != 0)
        return -1;
    }
  return 0;
}

int
rt_set_update_internal (RtObject *set, RtObject *other)
{
  RtSet *so = (RtSet *) set;
  RtObject *key, *it;

  if (any_set_check (other))
    return set_merge (so, other);
  if (RT_TYPE (other) == &rt_dict_type)
    {
      RtObject *value;
      int64_t pos = 0, dictsize = rt_dict_size (other);
      RtHash hash;

      if ((so->fill + dictsize) * 5 >= so->mask * 3)
        {
          if (set_table_resize (so, (so->used + dictsize) * 2) != 0)
            return -1;
        }
      while (rt_dict_next_hash (other, &pos, &key, &value, &hash))
        if (set_add_entry (so, key, hash) != 0)
          return -1;
      return 0;
    }
  it = rt_iter (other);
  if (it == NULL)
    return -1;
  while ((key = rt_iter_next (it)) != NULL)
    {
      if (set_add_key (so, key) != 0)
        {
          rt_decref (it);
          rt_decref (key);
          return -1;
        }
      rt_decref (key);
    }
  rt_decref (it);
  return rt_error_occurred () ? -1 : 0;
}

/* A new set or frozenset of `type` (tracked, as PyType_GenericAlloc),
 * filled from iterable if not NULL. */
static RtObject *
make_new_set (RtType *type, RtObject *iterable)
{
  RtSet *so = (RtSet *) rt_container_alloc (type, type->basic_size);

  if (so == NULL)
    return NULL;
  so->mask = SET_MINSIZE - 1;
  so->table = so->smalltable;
  so->hash = -1;
  rt_container_born (&so->ob, 0);
  rt_gc_track (&so->ob);
  if (iterable != NULL && rt_set_update_internal (&so->ob, iterable) != 0)
    {
      rt_decref (&so->ob);
      return NULL;
    }
  return &so->ob;
}

/* Results of operations on subclasses are plain sets or frozensets. */
static RtObject *
make_new_set_basetype (RtType *type, RtObject *iterable)
{
  if (type != &rt_set_type && type != &rt_frozenset_type)
    type = rt_type_is_subtype (type, &rt_set_type) ? &rt_set_type : &rt_frozenset_type;
  return make_new_set (type, iterable);
}

RtObject *
rt_set_new (RtObject *iterable)
{
  return make_new_set (&rt_set_type, iterable);
}

int
rt_set_add (RtObject *set, RtObject *key)
{
  return set_add_key ((RtSet *) set, key);
}

/* A set key is looked up as the frozenset of its items. */
static int
retry_as_frozenset (RtObject *key, RtObject **frozen)
{
  *frozen = NULL;
  if (!rt_is_instance_of (key, &rt_set_type) || !rt_error_matches (&rt_exc_TypeError))
    return -1;
  rt_error_clear ();
  *frozen = make_new_set (&rt_frozenset_type, key);
  return *frozen == NULL ? -1 : 0;
}

int
rt_set_contains (RtObject *set, RtObject *key)
{
  RtObject *tmpkey;
  int rv = set_contains_key ((RtSet *) set, key);

  if (rv >= 0 || retry_as_frozenset (key, &tmpkey) < 0)
    return rv;
  rv = set_contains_key ((RtSet *) set, tmpkey);
  rt_decref (tmpkey);
  return rv;
}

int
rt_set_discard (RtObject *set, RtObject *key)
{
  RtObject *tmpkey;
  int rv = set_discard_key ((RtSet *) set, key);

  if (rv >= 0 || retry_as_frozenset (key, &tmpkey) < 0)
    return rv;
  rv = set_discard_key ((RtSet *) set, tmpkey);
  rt_decref (tmpkey);
  return rv;
}

int64_t
rt_set_size (RtObject *set)
{
  return ((RtSet *) set)->used;
}

static RtObject *
set_copy (RtObject *so)
{
  return make_new_set_basetype (RT_TYPE (so), so);
}

static RtObject *
frozenset_copy (RtObject *so)
{
  if (RT_TYPE (so) == &rt_frozenset_type)
    return rt_newref (so);
  return set_copy (so);
}

/* Algebra */

RtObject *
rt_set_intersection (RtObject *set, RtObject *other)
{
  RtSet *so = (RtSet *) set;
  RtObject *result, *key, *it;
  RtHash hash;
  int rv;

  if (set == other)
    return set_copy (set);
  result = make_new_set_basetype (RT_TYPE (set), NULL);
  if (result == NULL)
    return NULL;

  if (any_set_check (other))
    {
      int64_t pos = 0;
      RtSetEntry *entry;

      /* Iterate over the smaller one. */
      if (((RtSet *) other)->used > so->used)
        {
          RtObject *tmp = &so->ob;
          so = (RtSet *) other;
          other = tmp;
        }
      while (set_next ((RtSet *) other, &pos, &entry))
        {
          key = rt_newref (entry->key);
          hash = entry->hash;
          rv = set_contains_entry (so, key, hash);
          if (rv < 0 || (rv > 0 && set_add_entry ((RtSet *) result, key, hash) != 0))
            {
              rt_decref (result);
              rt_decref (key);
              return NULL;
            }
          rt_decref (key);
        }
      return result;
    }

  it = rt_iter (other);
  if (it == NULL)
    {
      rt_decref (result);
      return NULL;
    }
  while ((key = rt_iter_next (it)) != NULL)
    {
      hash = rt_container_hash (key);
      if (hash == -1)
        goto error;
      rv = set_contains_entry (so, key, hash);
      if (rv < 0)
        goto error;
      if (rv)
        {
          if (set_add_entry ((RtSet *) result, key, hash) != 0)
            goto error;
          if (((RtSet *) result)->used >= so->used)
            {
              rt_decref (key);
              break;
            }
        }
      rt_decref (key);
    }
  rt_decref (it);
  if (rt_error_occurred ())
    {
      rt_decref (result);
      return NULL;
    }
  return result;

error:
  rt_decref (it);
  rt_decref (result);
  rt_decref (key);
  return NULL;
}

/* Exchanges the contents of two sets (intersection_update). */
static void
set_swap_bodies (RtSet *a, RtSet *b)
{
  RtSetEntry tab[SET_MINSIZE];
  int64_t t;
  RtSetEntry *u;
  RtHash h;
  int64_t pos;
  RtSetEntry *entry;

  if (rt_events_on ())
    {
      for (pos = 0; set_next (a, &pos, &entry);)
        report (RT_EV_REF_DEL, a, entry->key);
      for (pos = 0; set_next (b, &pos, &entry);)
        report (RT_EV_REF_DEL, b, entry->key);
    }
  t = a->fill;
  a->fill = b->fill;
  b->fill = t;
  t = a->used;
  a->used = b->used;
  b->used = t;
  t = a->mask;
  a->mask = b->mask;
  b->mask = t;

  u = a->table;
  if (a->table == a->smalltable)
    u = b->smalltable;
  a->table = b->table;
  if (b->table == b->smalltable)
    a->table = a->smalltable;
  b->table = u;

  if (a->table == a->smalltable || b->table == b->smalltable)
    {
      memcpy (tab, a->smalltable, sizeof (tab));
      memcpy (a->smalltable, b->smalltable, sizeof (tab));
      memcpy (b->smalltable, tab, sizeof (tab));
    }

  if (RT_TYPE (a) == &rt_frozenset_type && RT_TYPE (b) == &rt_frozenset_type)
    {
      h = a->hash;
      a->hash = b->hash;
      b->hash = h;
    }
  else
    {
      a->hash = -1;
      b->hash = -1;
    }
  if (rt_events_on ())
    {
      for (pos = 0; set_next (a, &pos, &entry);)
        report (RT_EV_REF_ADD, a, entry->key);
      for (pos = 0; set_next (b, &pos, &entry);)
        report (RT_EV_REF_ADD, b, entry->key);
    }
}

static int
set_intersection_update (RtSet *so, RtObject *other)
{
  RtObject *tmp = rt_set_intersection (&so->ob, other);

  if (tmp == NULL)
    return -1;
  set_swap_bodies (so, (RtSet *) tmp);
  rt_decref (tmp);
  return 0;
}

int
rt_set_difference_update_internal (RtObject *set, RtObject *other)
{
  RtSet *so = (RtSet *) set;

  if (set == other)
    return set_clear_internal (so);
  if (any_set_check (other))
    {
      RtSetEntry *entry;
      int64_t pos = 0;

      /* Much bigger other: discard only what both hold. */
      if ((((RtSet *) other)->used >> 3) > so->used)
        {
          other = rt_set_intersection (set, other);
          if (other == NULL)
            return -1;
        }
      else
        rt_incref (other);
      while (set_next ((RtSet *) other, &pos, &entry))
        {
          RtObject *key = rt_newref (entry->key);
          if (set_discard_entry (so, key, entry->hash) < 0)
            {
              rt_decref (other);
              rt_decref (key);
              return -1;
            }
          rt_decref (key);
        }
      rt_decref (other);
    }
  else
    {
      RtObject *key, *it = rt_iter (other);

      if (it == NULL)
        return -1;
      while ((key = rt_iter_next (it)) != NULL)
        {
          if (set_discard_key (so, key) < 0)
            {
              rt_decref (it);
              rt_decref (key);
              return -1;
            }
          rt_decref (key);
        }
      rt_decref (it);
      if (rt_error_occurred ())
        return -1;
    }
  /* More than a quarter dummies: resize them away. */
  if ((size_t) (so->fill - so->used) <= (size_t) so->mask / 4)
    return 0;
  return set_table_resize (so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static RtObject *
set_copy_and_difference (RtObject *so, RtObject *other)
{
  RtObject *result = set_copy (so);

  if (result == NULL)
    return NULL;
  if (rt_set_difference_update_internal (result, other) == 0)
    return result;
  rt_decref (result);
  return NULL;
}

static RtObject *
set_difference (RtObject *set, RtObject *other)
{
  RtSet *so = (RtSet *) set;
  RtObject *result, *key;
  RtSetEntry *entry;
  int64_t other_size, pos = 0;
  RtHash hash;
  int rv;

  if (any_set_check (other))
    other_size = ((RtSet *) other)->used;
  else if (RT_TYPE (other) == &rt_dict_type)
    other_size = rt_dict_size (other);
  else
    return set_copy_and_difference (set, other);

  /* Much bigger so: copy it, then discard what other holds. */
  if ((so->used >> 2) > other_size)
    return set_copy_and_difference (set, other);

  result = make_new_set_basetype (RT_TYPE (set), NULL);
  if (result == NULL)
    return NULL;
  while (set_next (so, &pos, &entry))
    {
      key = rt_newref (entry->key);
      hash = entry->hash;
      if (RT_TYPE (other) == &rt_dict_type)
        rv = rt_dict_contains_known_hash (other, key, hash);
      else
        rv = set_contains_entry ((RtSet *) other, key, hash);
      if (rv < 0 || (!rv && set_add_entry ((RtSet *) result, key, hash) != 0))
        {
          rt_decref (result);
          rt_decref (key);
          return NULL;
        }
      rt_decref (key);
    }
  return result;
}

int
rt_set_symmetric_difference_update_internal (RtObject *set, RtObject *other)
{
  RtSet *so = (RtSet *) set, *otherset;
  RtObject *key;
  RtSetEntry *entry;
  int64_t pos = 0;
  RtHash hash;
  int rv;

  if (set == other)
    return set_clear_internal (so);
  if (RT_TYPE (other) == &rt_dict_type)
    {
      RtObject *value;
      while (rt_dict_next_hash (other, &pos, &key, &value, &hash))
        {
          rt_incref (key);
          rv = set_discard_entry (so, key, hash);
          if (rv < 0 || (rv == DISCARD_NOTFOUND && set_add_entry (so, key, hash) != 0))
            {
              rt_decref (key);
              return -1;
            }
          rt_decref (key);
        }
      return 0;
    }
  if (any_set_check (other))
    otherset = (RtSet *) rt_newref (other);
  else
    {
      otherset = (RtSet *) make_new_set_basetype (RT_TYPE (set), other);
      if (otherset == NULL)
        return -1;
    }
  while (set_next (otherset, &pos, &entry))
    {
      key = rt_newref (entry->key);
      hash = entry->hash;
      rv = set_discard_entry (so, key, hash);
      if (rv < 0 || (rv == DISCARD_NOTFOUND && set_add_entry (so, key, hash) != 0))
        {
          rt_decref (&otherset->ob);
          rt_decref (key);
          return -1;
        }
      rt_decref (key);
    }
  rt_decref (&otherset->ob);
  return 0;
}

static RtObject *
set_symmetric_difference (RtObject *so, RtObject *other)
{
  RtObject *otherset = make_new_set_basetype (RT_TYPE (so), other);

  if (otherset == NULL)
    return NULL;
  if (rt_set_symmetric_difference_update_internal (otherset, so) < 0)
    {
      rt_decref (otherset);
      return NULL;
    }
  return otherset;
}

static RtObject *set_issuperset (RtObject *so, RtObject *other);

static RtObject *
set_issubset (RtObject *set, RtObject *other)
{
  RtSet *so = (RtSet *) set;
  RtSetEntry *entry;
  int64_t pos = 0;

  if (!any_set_check (other))
    {
      RtObject *tmp = rt_set_intersection (set, other);
      bool result;
      if (tmp == NULL)
        return NULL;
      result = ((RtSet *) tmp)->used == so->used;
      rt_decref (tmp);
      return rt_bool_new (result);
    }
  if (so->used > ((RtSet *) other)->used)
    return rt_bool_new (false);
  while (set_next (so, &pos, &entry))
    {
      RtObject *key = rt_newref (entry->key);
      int rv = set_contains_entry ((RtSet *) other, key, entry->hash);
      rt_decref (key);
      if (rv < 0)
        return NULL;
      if (!rv)
        return rt_bool_new (false);
    }
  return rt_bool_new (true);
}

static RtObject *
set_issuperset (RtObject *so, RtObject *other)
{
  RtObject *key, *it;

  if (any_set_check (other))
    return set_issubset (other, so);
  it = rt_iter (other);
  if (it == NULL)
    return NULL;
  while ((key = rt_iter_next (it)) != NULL)
    {
      int rv = set_contains_key ((RtSet *) so, key);
      rt_decref (key);
      if (rv <= 0)
        {
          rt_decref (it);
          return rv < 0 ? NULL : rt_bool_new (false);
        }
    }
  rt_decref (it);
  if (rt_error_occurred ())
    return NULL;
  return rt_bool_new (true);
}

static RtObject *
set_isdisjoint (RtObject *set, RtObject *other)
{
  RtSet *so = (RtSet *) set;
  RtObject *key, *it;
  int rv;

  if (set == other)
    return rt_bool_new (so->used == 0);
  if (any_set_check_exact (other))
    {
      int64_t pos = 0;
      RtSetEntry *entry;

      if (((RtSet *) other)->used > so->used)
        {
          RtObject *tmp = &so->ob;
          so = (RtSet *) other;
          other = tmp;
        }
      while (set_next ((RtSet *) other, &pos, &entry))
        {
          key = rt_newref (entry->key);
          rv = set_contains_entry (so, key, entry->hash);
          rt_decref (key);
          if (rv < 0)
            return NULL;
          if (rv)
            return rt_bool_new (false);
        }
      return rt_bool_new (true);
    }
  it = rt_iter (other);
  if (it == NULL)
    return NULL;
  while ((key = rt_iter_next (it)) != NULL)
    {
      rv = set_contains_key (so, key);
      rt_decref (key);
      if (rv != 0)
        {
          rt_decref (it);
          return rv < 0 ? NULL : rt_bool_new (false);
        }
    }
  rt_decref (it);
  if (rt_error_occurred ())
    return NULL;
  return rt_bool_new (true);
}

/* Operators */

static RtObject *
set_or (RtObject *so, RtObject *other)
{
  RtObject *result;

  if (!any_set_check (so) || !any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  result = set_copy (so);
  if (result == NULL || so == other)
    return result;
  if (rt_set_update_internal (result, other) < 0)
    {
      rt_decref (result);
      return NULL;
    }
  return result;
}

static RtObject *
set_and (RtObject *so, RtObject *other)
{
  if (!any_set_check (so) || !any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  return rt_set_intersection (so, other);
}

static RtObject *
set_sub (RtObject *so, RtObject *other)
{
  if (!any_set_check (so) || !any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  return set_difference (so, other);
}

static RtObject *
set_xor (RtObject *so, RtObject *other)
{
  if (!any_set_check (so) || !any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  return set_symmetric_difference (so, other);
}

static RtObject *
set_ior (RtObject *so, RtObject *other)
{
  if (!any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  if (rt_set_update_internal (so, other) < 0)
    return NULL;
  return rt_newref (so);
}

static RtObject *
set_iand (RtObject *so, RtObject *other)
{
  if (!any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  if (set_intersection_update ((RtSet *) so, other) < 0)
    return NULL;
  return rt_newref (so);
}

static RtObject *
set_isub (RtObject *so, RtObject *other)
{
  if (!any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  if (rt_set_difference_update_internal (so, other) < 0)
    return NULL;
  return rt_newref (so);
}

static RtObject *
set_ixor (RtObject *so, RtObject *other)
{
  if (!any_set_check (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  if (rt_set_symmetric_difference_update_internal (so, other) < 0)
    return NULL;
  return rt_newref (so);
}

/* Slots */

static void
set_dealloc (RtObject *self)
{
  RtSet *so = (RtSet *) self;
  RtSetEntry *entry;
  int64_t used = so->used;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  for (entry = so->table; used > 0; entry++)
    if (entry->key != NULL && entry->key != DUMMY)
      {
        used--;
        rt_decref (entry->key);
      }
  if (so->table != so->smalltable)
    rt_mem_free (so->table, table_bytes (so->mask));
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static int
set_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  int64_t pos = 0;
  RtSetEntry *entry;

  while (set_next ((RtSet *) self, &pos, &entry))
    RT_VISIT (entry->key);
  return 0;
}

static void
set_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  int64_t pos = 0;
  RtSetEntry *entry;

  while (set_next ((RtSet *) self, &pos, &entry))
    visit (self, rt_slot_keyed (RT_SLOT_KEY, entry->key), entry->key, arg);
}

static int
set_tp_clear (RtObject *self)
{
  return set_clear_internal ((RtSet *) self);
}

static RtObject *
set_repr (RtObject *self)
{
  RtSet *so = (RtSet *) self;
  RtObject *result = NULL, *keys, *listrepr;
  int status = rt_repr_enter (self);

  if (status != 0)
    return status < 0 ? NULL : rt_str_from_format ("%s(...)", RT_TYPE (self)->name);
  if (so->used == 0)
    {
      rt_repr_leave (self);
      return rt_str_from_format ("%s()", RT_TYPE (self)->name);
    }
  keys = rt_list_from_iterable (self);
  if (keys == NULL)
    goto done;
  listrepr = rt_repr (keys);
  rt_decref (keys);
  if (listrepr == NULL)
    goto done;
  {
    /* repr(list)[1:-1] in braces, after the type's name unless exact set */
    RtStrBuilder sb;

    rt_sb_init (&sb);
    if (RT_TYPE (self) != &rt_set_type)
      {
        rt_sb_append_cstr (&sb, RT_TYPE (self)->name);
        rt_sb_append (&sb, "(", 1);
      }
    rt_sb_append (&sb, "{", 1);
    rt_sb_append (&sb, rt_str_utf8 (listrepr) + 1, (size_t) rt_str_size (listrepr) - 2);
    rt_sb_append (&sb, "}", 1);
    if (RT_TYPE (self) != &rt_set_type)
      rt_sb_append (&sb, ")", 1);
    result = rt_sb_finish (&sb);
  }
  rt_decref (listrepr);
done:
  rt_repr_leave (self);
  return result;
}

static RtObject *
set_richcompare (RtObject *v, RtObject *w, int op)
{
  RtObject *r1;
  int truth;

  if (!any_set_check (w))
    return rt_newref (RT_NOT_IMPLEMENTED);
  switch (op)
    {
    case RT_EQ:
      if (((RtSet *) v)->used != ((RtSet *) w)->used)
        return rt_bool_new (false);
      if (((RtSet *) v)->hash != -1 && ((RtSet *) w)->hash != -1
          && ((RtSet *) v)->hash != ((RtSet *) w)->hash)
        return rt_bool_new (false);
      return set_issubset (v, w);
    case RT_NE:
      r1 = set_richcompare (v, w, RT_EQ);
      if (r1 == NULL)
        return NULL;
      truth = rt_is_true (r1);
      rt_decref (r1);
      return truth < 0 ? NULL : rt_bool_new (!truth);
    case RT_LE:
      return set_issubset (v, w);
    case RT_GE:
      return set_issuperset (v, w);
    case RT_LT:
      if (((RtSet *) v)->used >= ((RtSet *) w)->used)
        return rt_bool_new (false);
      return set_issubset (v, w);
    case RT_GT:
      if (((RtSet *) v)->used <= ((RtSet *) w)->used)
        return rt_bool_new (false);
      return set_issuperset (v, w);
    }
  return rt_newref (RT_NOT_IMPLEMENTED);
}

static RtHash
set_hash (RtObject *self)
{
  rt_error_format (&rt_exc_TypeError, "unhashable type: '%T'", self);
  return -1;
}

static uint64_t
shuffle_bits (uint64_t h)
{
  return ((h ^ UINT64_C (89869747)) ^ (h << 16)) * UINT64_C (3644798167);
}

/* Order-independent: xor of shuffled entry hashes over the whole table. */
static RtHash
frozenset_hash (RtObject *self)
{
  RtSet *so = (RtSet *) self;
  uint64_t hash = 0;

  if (so->hash != -1)
    return so->hash;
  for (RtSetEntry *entry = so->table; entry <= &so->table[so->mask]; entry++)
    hash ^= shuffle_bits ((uint64_t) entry->hash);
  /* Remove the effect of an odd number of NULL entries. */
  if ((so->mask + 1 - so->fill) & 1)
    hash ^= shuffle_bits (0);
  /* Disperse patterns arising in nested frozensets. */
  hash ^= ((uint64_t) so->used + 1) * UINT64_C (1927868237);
  hash ^= (hash >> 11) ^ (hash >> 25);
  hash = hash * UINT64_C (69069) + UINT64_C (907133923);
  if (hash == UINT64_MAX)
    hash = UINT64_C (590923713);
  so->hash = (RtHash) hash;
  return so->hash;
}

static int64_t
set_len (RtObject *self)
{
  return ((RtSet *) self)->used;
}

static int
set_contains_slot (RtObject *self, RtObject *key)
{
  return rt_set_contains (self, key);
}

static size_t
set_size_of (RtObject *self)
{
  RtSet *so = (RtSet *) self;
  size_t res = CPY_SET_BASIC;

  if (so->table != so->smalltable)
    res += table_bytes (so->mask);
  return res;
}

static RtObject *set_iter (RtObject *self);

/* set.__new__ makes an empty set that __init__ fills. */
static RtObject *
set_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  (void) nargs;
  if (type == &rt_set_type && !rt_args_no_kw ("set", kwnames))
    return NULL;
  return make_new_set (type, NULL);
}

static int
set_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtSet *so = (RtSet *) self;

  if (!rt_args_no_kw ("set", kwnames) || !rt_args_check (RT_TYPE (self)->name, nargs, 0, 1))
    return -1;
  if (so->fill)
    set_clear_internal (so);
  so->hash = -1;
  if (nargs == 0)
    return 0;
  return rt_set_update_internal (self, args[0]);
}

static RtObject *
frozenset_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *iterable = nargs > 0 ? args[0] : NULL;

  if (type == &rt_frozenset_type && !rt_args_no_kw ("frozenset", kwnames))
    return NULL;
  if (!rt_args_check (type->name, nargs, 0, 1))
    return NULL;
  if (type == &rt_frozenset_type && iterable != NULL && RT_TYPE (iterable) == &rt_frozenset_type)
    return rt_newref (iterable);
  return make_new_set (type, iterable);
}

/* Methods */

/* "set.add" or "frozenset.copy", for argument messages. */
static const char *
qualname (RtObject *self, const char *method, char *buf, size_t size)
{
  snprintf (buf, size, "%s.%s", rt_is_instance_of (self, &rt_set_type) ? "set" : "frozenset",
            method);
  return buf;
}

#define CHECK_NOARGS(name)                                                    \
  do                                                                          \
    {                                                                         \
      char qn_[64];                                                           \
      (void) args;                                                            \
      if (!rt_args_none (qualname (self, name, qn_, sizeof qn_), nargs, kwnames)) \
        return NULL;                                                          \
    }                                                                         \
  while (0)

#define CHECK_ONEARG(name)                                                    \
  do                                                                          \
    {                                                                         \
      char qn_[64];                                                           \
      if (!rt_args_one (qualname (self, name, qn_, sizeof qn_), nargs, kwnames)) \
        return NULL;                                                          \
    }                                                                         \
  while (0)

#define CHECK_VARARGS(name)                                                   \
  do                                                                          \
    {                                                                         \
      if (!rt_args_no_kw (name, kwnames))                                     \
        return NULL;                                                          \
    }                                                                         \
  while (0)

static RtObject *
set_add_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_ONEARG ("add");
  if (set_add_key ((RtSet *) self, args[0]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
set_clear_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_NOARGS ("clear");
  set_clear_internal ((RtSet *) self);
  return rt_none_new ();
}

static RtObject *
set_copy_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_NOARGS ("copy");
  return set_copy (self);
}

static RtObject *
frozenset_copy_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_NOARGS ("copy");
  return frozenset_copy (self);
}

static RtObject *
set_discard_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_ONEARG ("discard");
  if (rt_set_discard (self, args[0]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
set_remove_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int rv;

  CHECK_ONEARG ("remove");
  rv = rt_set_discard (self, args[0]);
  if (rv < 0)
    return NULL;
  if (rv == DISCARD_NOTFOUND)
    {
      RtObject *exc = rt_exception_new (&rt_exc_KeyError, args, 1);
      if (exc != NULL)
        {
          rt_error_raise (exc);
          rt_decref (exc);
        }
      return NULL;
    }
  return rt_none_new ();
}

static RtObject *
set_pop_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtSet *so = (RtSet *) self;
  RtSetEntry *entry, *limit;
  RtObject *key;

  CHECK_NOARGS ("pop");
  /* The finger makes repeated pops cheap. */
  entry = so->table + (so->finger & so->mask);
  limit = so->table + so->mask;
  if (so->used == 0)
    {
      rt_error_format (&rt_exc_KeyError, "pop from an empty set");
      return NULL;
    }
  while (entry->key == NULL || entry->key == DUMMY)
    {
      entry++;
      if (entry > limit)
        entry = so->table;
    }
  key = entry->key;
  entry->key = DUMMY;
  entry->hash = -1;
  so->used--;
  so->finger = entry - so->table + 1;
  report (RT_EV_REF_DEL, so, key);
  return key;
}

static RtObject *
set_union_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *result;

  CHECK_VARARGS ("union");
  result = set_copy (self);
  if (result == NULL)
    return NULL;
  for (size_t i = 0; i < nargs; i++)
    {
      if (args[i] == self)
        continue;
      if (rt_set_update_internal (result, args[i]) < 0)
        {
          rt_decref (result);
          return NULL;
        }
    }
  return result;
}

static RtObject *
set_update_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_VARARGS ("update");
  for (size_t i = 0; i < nargs; i++)
    if (rt_set_update_internal (self, args[i]) < 0)
      return NULL;
  return rt_none_new ();
}

static RtObject *
set_intersection_method (RtObject *self, RtObject *const *args, size_t nargs,
                         RtObject *kwnames)
{
  RtObject *result;

  CHECK_VARARGS ("intersection");
  if (nargs == 0)
    return set_copy (self);
  result = rt_newref (self);
  for (size_t i = 0; i < nargs; i++)
    {
      RtObject *newresult = rt_set_intersection (result, args[i]);
      rt_decref (result);
      if (newresult == NULL)
        return NULL;
      result = newresult;
    }
  return result;
}

static RtObject *
set_intersection_update_method (RtObject *self, RtObject *const *args, size_t nargs,
                                RtObject *kwnames)
{
  RtObject *tmp;

  CHECK_VARARGS ("intersection_update");
  tmp = set_intersection_method (self, args, nargs, NULL);
  if (tmp == NULL)
    return NULL;
  set_swap_bodies ((RtSet *) self, (RtSet *) tmp);
  rt_decref (tmp);
  return rt_none_new ();
}

static RtObject *
set_difference_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *result;

  CHECK_VARARGS ("difference");
  if (nargs == 0)
    return set_copy (self);
  result = set_difference (self, args[0]);
  if (result == NULL)
    return NULL;
  for (size_t i = 1; i < nargs; i++)
    if (rt_set_difference_update_internal (result, args[i]) < 0)
      {
        rt_decref (result);
        return NULL;
      }
  return result;
}

static RtObject *
set_difference_update_method (RtObject *self, RtObject *const *args, size_t nargs,
                              RtObject *kwnames)
{
  CHECK_VARARGS ("difference_update");
  for (size_t i = 0; i < nargs; i++)
    if (rt_set_difference_update_internal (self, args[i]) < 0)
      return NULL;
  return rt_none_new ();
}

static RtObject *
set_symmetric_difference_method (RtObject *self, RtObject *const *args, size_t nargs,
                                 RtObject *kwnames)
{
  CHECK_ONEARG ("symmetric_difference");
  return set_symmetric_difference (self, args[0]);
}

static RtObject *
set_symmetric_difference_update_method (RtObject *self, RtObject *const *args, size_t nargs,
                                        RtObject *kwnames)
{
  CHECK_ONEARG ("symmetric_difference_update");
  if (rt_set_symmetric_difference_update_internal (self, args[0]) < 0)
    return NULL;
  return rt_none_new ();
}

static RtObject *
set_issubset_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_ONEARG ("issubset");
  return set_issubset (self, args[0]);
}

static RtObject *
set_issuperset_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_ONEARG ("issuperset");
  return set_issuperset (self, args[0]);
}

static RtObject *
set_isdisjoint_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_ONEARG ("isdisjoint");
  return set_isdisjoint (self, args[0]);
}

static RtObject *
set_contains_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int rv;

  CHECK_ONEARG ("__contains__");
  rv = rt_set_contains (self, args[0]);
  return rv < 0 ? NULL : rt_bool_new (rv);
}

static RtObject *
set_sizeof_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  CHECK_NOARGS ("__sizeof__");
  return rt_int_from_i64 ((int64_t) set_size_of (self));
}

static const RtMethodDef set_methods[] = {
  { "add", set_add_method, 0 },
  { "clear", set_clear_method, 0 },
  { "__contains__", set_contains_method, 0 },
  { "copy", set_copy_method, 0 },
  { "discard", set_discard_method, 0 },
  { "difference", set_difference_method, 0 },
  { "difference_update", set_difference_update_method, 0 },
  { "intersection", set_intersection_method, 0 },
  { "intersection_update", set_intersection_update_method, 0 },
  { "isdisjoint", set_isdisjoint_method, 0 },
  { "issubset", set_issubset_method, 0 },
  { "issuperset", set_issuperset_method, 0 },
  { "pop", set_pop_method, 0 },
  { "remove", set_remove_method, 0 },
  { "__sizeof__", set_sizeof_method, 0 },
  { "symmetric_difference", set_symmetric_difference_method, 0 },
  { "symmetric_difference_update", set_symmetric_difference_update_method, 0 },
  { "union", set_union_method, 0 },
  { "update", set_update_method, 0 },
  { NULL, NULL, 0 },
};

static const RtMethodDef frozenset_methods[] = {
  { "__contains__", set_contains_method, 0 },
  { "copy", frozenset_copy_method, 0 },
  { "difference", set_difference_method, 0 },
  { "intersection", set_intersection_method, 0 },
  { "isdisjoint", set_isdisjoint_method, 0 },
  { "issubset", set_issubset_method, 0 },
  { "issuperset", set_issuperset_method, 0 },
  { "__sizeof__", set_sizeof_method, 0 },
  { "symmetric_difference", set_symmetric_difference_method, 0 },
  { "union", set_union_method, 0 },
  { NULL, NULL, 0 },
};

static const RtNumberMethods set_as_number = {
  .subtract = set_sub,
  .and_ = set_and,
  .xor_ = set_xor,
  .or_ = set_or,
  .inplace_subtract = set_isub,
  .inplace_and = set_iand,
  .inplace_xor = set_ixor,
  .inplace_or = set_ior,
};

static const RtNumberMethods frozenset_as_number = {
  .subtract = set_sub,
  .and_ = set_and,
  .xor_ = set_xor,
  .or_ = set_or,
};

static const RtSequenceMethods set_as_sequence = {
  .length = set_len,
  .contains = set_contains_slot,
};

RtType rt_set_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "set",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtSet),
  .dealloc = set_dealloc,
  .traverse = set_traverse,
  .clear = set_tp_clear,
  .refs = set_refs,
  .repr = set_repr,
  .hash = set_hash,
  .richcompare = set_richcompare,
  .iter = set_iter,
  .tp_new = set_tp_new,
  .init = set_init,
  .number = &set_as_number,
  .sequence = &set_as_sequence,
  .methods = set_methods,
  .size_of = set_size_of,
};

RtType rt_frozenset_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "frozenset",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtSet),
  .dealloc = set_dealloc,
  .traverse = set_traverse,
  .clear = set_tp_clear,
  .refs = set_refs,
  .repr = set_repr,
  .hash = frozenset_hash,
  .richcompare = set_richcompare,
  .iter = set_iter,
  .tp_new = frozenset_tp_new,
  .number = &frozenset_as_number,
  .sequence = &set_as_sequence,
  .methods = frozenset_methods,
  .size_of = set_size_of,
};

/* The iterator */

static RtObject *
set_iter (RtObject *self)
{
  RtSetIter *si;

  if (!rt_container_type_ready (&rt_set_iter_type))
    return NULL;
  si = (RtSetIter *) rt_gc_alloc (&rt_set_iter_type, sizeof (RtSetIter));
  if (si == NULL)
    return NULL;
  RT_EVENT_BORN (si, 0);
  si->set = rt_newref (self);
  RT_EVENT_REF_ADD (si, rt_slot_label (RT_LABEL_ITERATED), self);
  si->used = ((RtSet *) self)->used;
  si->pos = 0;
  si->len = ((RtSet *) self)->used;
  rt_gc_track (&si->ob);
  return &si->ob;
}

static void
setiter_dealloc (RtObject *self)
{
  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (((RtSetIter *) self)->set);
  rt_gc_free (self, sizeof (RtSetIter));
}

static int
setiter_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtSetIter *) self)->set);
  return 0;
}

static void
setiter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtSetIter *si = (RtSetIter *) self;

  if (si->set != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), si->set, arg);
}

static RtObject *
setiter_iternext (RtObject *self)
{
  RtSetIter *si = (RtSetIter *) self;
  RtSet *so = (RtSet *) si->set;
  int64_t i, mask;
  RtSetEntry *entry;

  if (so == NULL)
    return NULL;
  if (si->used != so->used)
    {
      rt_error_format (&rt_exc_RuntimeError, "Set changed size during iteration");
      si->used = -1;  /* sticky */
      return NULL;
    }
  i = si->pos;
  entry = so->table;
  mask = so->mask;
  while (i <= mask && (entry[i].key == NULL || entry[i].key == DUMMY))
    i++;
  si->pos = i + 1;
  if (i > mask)
    {
      si->set = NULL;
      RT_EVENT_REF_DEL (si, rt_slot_label (RT_LABEL_ITERATED), so);
      rt_decref (&so->ob);
      return NULL;
    }
  si->len--;
  return rt_newref (entry[i].key);
}

static RtObject *
setiter_length_hint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtSetIter *si = (RtSetIter *) self;
  int64_t len = 0;

  (void) args;
  if (!rt_args_none ("set_iterator.__length_hint__", nargs, kwnames))
    return NULL;
  if (si->set != NULL && si->used == ((RtSet *) si->set)->used)
    len = si->len;
  return rt_int_from_i64 (len);
}

static const RtMethodDef setiter_methods[] = {
  { "__length_hint__", setiter_length_hint, 0 },
  { NULL, NULL, 0 },
};

static size_t
setiter_size_of (RtObject *self)
{
  (void) self;
  return 48;  /* PyObject_HEAD, the set, its size, a position, the items left */
}

RtType rt_set_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "set_iterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtSetIter),
  .dealloc = setiter_dealloc,
  .traverse = setiter_traverse,
  .refs = setiter_refs,
  .iter = rt_self_iter,
  .iternext = setiter_iternext,
  .methods = setiter_methods,
  .size_of = setiter_size_of,
};
