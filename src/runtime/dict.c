/* dict.c: dicts as CPython 3.11's compact dictobject.c: table, growth,
 * free lists, tracking and methods (views and iterators: dict-views.c). */
#include "dict-private.h"
#include "abstract.h"
#include "class.h"
#include "container-private.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "mem.h"
#include "runtime.h"
#include "set.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <string.h>

#define RT_DICT_LOG_MINSIZE 3
#define RT_DICT_MINSIZE 8
#define RT_DICT_MAXFREELIST 80
#define PERTURB_SHIFT 5

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define DKIX_ERROR (-3)
#define DKIX_KEY_CHANGED (-4)

/* CPython's sizeof(PyDictObject). */
#define CPY_DICT_BASIC 48

#define USABLE_FRACTION(n) (((n) << 1) / 3)
#define GROWTH_RATE(d) ((d)->used * 3)

/* The table of every empty dict: nothing can be inserted in it, so the
 * first insertion allocates a real one. Its size reads 1, as CPython's, which
 * matters to the presizing in dict_merge. */
static struct
{
  RtDictKeys head;
  int8_t indices[8];
} empty_keys_struct = {
  { .refcnt = 1, .log2_size = 0, .log2_index_bytes = 0, .kind = RT_DICT_KEYS_UNICODE },
  { -1, -1, -1, -1, -1, -1, -1, -1 },
};
#define EMPTY_KEYS (&empty_keys_struct.head)

static RtDict *free_list[RT_DICT_MAXFREELIST];
static int numfree;
static RtDictKeys *keys_free_list[RT_DICT_MAXFREELIST];
static int keys_numfree;
static uint64_t dict_version;

static int dictresize (RtDict *mp, uint8_t log2_newsize, bool unicode);

static inline bool
is_exact_str (RtObject *o)
{
  return RT_TYPE (o) == &rt_str_type;
}

static inline RtHash
str_hash (RtObject *s)
{
  RtHash h = ((RtStr *) s)->hash;
  return h != -1 ? h : rt_str_hash (s);
}

RtHash
rt_container_hash (RtObject *key)
{
  if (is_exact_str (key))
    return str_hash (key);
  return rt_hash (key);
}

static void
key_error (RtObject *key)
{
  RtObject *exc = rt_exception_new (&rt_exc_KeyError, &key, 1);

  /* Raised, not restored, so that an exception being handled becomes its
   * __context__. */
  if (exc != NULL)
    {
      rt_error_raise (exc);
      rt_decref (exc);
    }
}

/* The table */

static inline int64_t
get_index (RtDictKeys *keys, int64_t i)
{
  int log2size = keys->log2_size;
  int8_t *indices = rt_dk_indices (keys);

  if (log2size < 8)
    return indices[i];
  if (log2size < 16)
    return ((int16_t *) indices)[i];
  if (log2size >= 32)
    return ((int64_t *) indices)[i];
  return ((int32_t *) indices)[i];
}

static inline void
set_index (RtDictKeys *keys, int64_t i, int64_t ix)
{
  int log2size = keys->log2_size;
  int8_t *indices = rt_dk_indices (keys);

  if (log2size < 8)
    indices[i] = (int8_t) ix;
  else if (log2size < 16)
    ((int16_t *) indices)[i] = (int16_t) ix;
  else if (log2size >= 32)
    ((int64_t *) indices)[i] = ix;
  else
    ((int32_t *) indices)[i] = (int32_t) ix;
}

static size_t
keys_size (RtDictKeys *keys)
{
  size_t es = keys->kind == RT_DICT_KEYS_GENERAL ? sizeof (RtDictEntry)
                                                 : sizeof (RtDictUnicodeEntry);
  return sizeof (RtDictKeys) + ((size_t) 1 << keys->log2_index_bytes)
         + (size_t) USABLE_FRACTION (RT_DK_SIZE (keys)) * es;
}

/* The log2 of a table size for minsize entries, computed with CPython
 * 3.11's bit trick, quirks included: 1..7 give 16, 16 gives 32. Growth
 * never asks for those sizes (it asks for multiples of 3), presizing may. */
static inline uint8_t
calculate_log2_keysize (int64_t minsize)
{
  uint64_t x = ((uint64_t) minsize | RT_DICT_MINSIZE) - 1;
  uint8_t bits = 0;

  for (x |= RT_DICT_MINSIZE - 1; x != 0; x >>= 1)
    bits++;
  return bits;
}

/* The table size that holds n entries without resizing. */
static inline uint8_t
estimate_log2_keysize (int64_t n)
{
  return calculate_log2_keysize ((n * 3 + 1) / 2);
}

static RtDictKeys *
new_keys_object (uint8_t log2_size, bool unicode)
{
  RtDictKeys *dk;
  int64_t usable = USABLE_FRACTION ((int64_t) 1 << log2_size);
  int log2_bytes;
  size_t entry_size = unicode ? sizeof (RtDictUnicodeEntry) : sizeof (RtDictEntry);

  if (log2_size < 8)
    log2_bytes = log2_size;
  else if (log2_size < 16)
    log2_bytes = log2_size + 1;
  else if (log2_size >= 32)
    log2_bytes = log2_size + 3;
  else
    log2_bytes = log2_size + 2;

  if (log2_size == RT_DICT_LOG_MINSIZE && unicode && keys_numfree > 0)
    dk = keys_free_list[--keys_numfree];
  else
    {
      dk = rt_mem_alloc (sizeof (RtDictKeys) + ((size_t) 1 << log2_bytes)
                           + entry_size * (size_t) usable,
                         RT_MEM_RAW);
      if (dk == NULL)
        {
          rt_error_no_memory ();
          return NULL;
        }
    }
  dk->refcnt = 1;
  dk->log2_size = log2_size;
  dk->log2_index_bytes = (uint8_t) log2_bytes;
  dk->kind = unicode ? RT_DICT_KEYS_UNICODE : RT_DICT_KEYS_GENERAL;
  dk->unused_ = 0;
  dk->version = 0;
  dk->nentries = 0;
  dk->usable = usable;
  memset (rt_dk_indices (dk), 0xff, (size_t) 1 << log2_bytes);
  memset (rt_dk_indices (dk) + ((size_t) 1 << log2_bytes), 0, entry_size * (size_t) usable);
  return dk;
}

/* Frees a table whose references are gone already (moved or dropped). */
static void
free_keys_memory (RtDictKeys *keys)
{
  if (keys == EMPTY_KEYS)
    return;
  if (keys->log2_size == RT_DICT_LOG_MINSIZE && RT_DK_IS_UNICODE (keys)
      && keys_numfree < RT_DICT_MAXFREELIST)
    {
      keys_free_list[keys_numfree++] = keys;
      return;
    }
  rt_mem_free (keys, keys_size (keys));
}

/* Drops the table's references, key then value per entry, and frees it. */
static void
free_keys_object (RtDictKeys *keys)
{
  if (keys == EMPTY_KEYS)
    return;
  for (int64_t i = 0, n = keys->nentries; i < n; i++)
    {
      RtObject *key, *value;
      rt_dk_entry (keys, i, &key, &value);
      rt_xdecref (key);
      rt_xdecref (value);
    }
  free_keys_memory (keys);
}

/* The dict object */

/* A dict using `keys` (stolen), from the free list when possible: neither
 * counted by the collector nor tracked. */
static RtDict *
new_dict (RtDictKeys *keys, int64_t used)
{
  RtDict *mp;
  uint32_t flags = 0;

  if (numfree > 0)
    {
      mp = free_list[--numfree];
      RT_AS_GC (mp)->next = 0;
      RT_AS_GC (mp)->prev = 0;
      rt_object_reinit (&mp->ob);
      flags = RT_EVF_FREELIST;
    }
  else
    {
      mp = (RtDict *) rt_gc_alloc (&rt_dict_type, sizeof (RtDict));
      if (mp == NULL)
        {
          /* The caller still owns what the table holds: nothing stored. */
          free_keys_object (keys);
          return NULL;
        }
    }
  mp->keys = keys;
  mp->used = used;
  mp->version = ++dict_version;
  RT_EVENT_BORN (mp, flags);
  return mp;
}

RtObject *
rt_dict_new (void)
{
  return (RtObject *) new_dict (EMPTY_KEYS, 0);
}

/* Reports every entry of a dict born with a filled table. */
static void
report_all_entries (RtDict *mp)
{
  if (!rt_events_on ())
    return;
  for (int64_t i = 0; i < mp->keys->nentries; i++)
    {
      RtObject *key, *value;
      rt_dk_entry (mp->keys, i, &key, &value);
      if (value == NULL)
        continue;
      rt_event_ref (RT_EV_REF_ADD, &mp->ob, rt_slot_keyed (RT_SLOT_KEY, key), key, 0);
      rt_event_ref (RT_EV_REF_ADD, &mp->ob, rt_slot_keyed (RT_SLOT_VALUE, key), value, 0);
    }
}

static inline void
report_store (RtDict *mp, RtObject *key, RtObject *value)
{
  if (rt_events_on ())
    {
      rt_event_ref (RT_EV_REF_ADD, &mp->ob, rt_slot_keyed (RT_SLOT_KEY, key), key, 0);
      rt_event_ref (RT_EV_REF_ADD, &mp->ob, rt_slot_keyed (RT_SLOT_VALUE, key), value, 0);
    }
}

static inline void
report_delete (RtDict *mp, RtObject *key, RtObject *value)
{
  if (rt_events_on ())
    {
      rt_event_ref (RT_EV_REF_DEL, &mp->ob, rt_slot_keyed (RT_SLOT_VALUE, key), value, 0);
      rt_event_ref (RT_EV_REF_DEL, &mp->ob, rt_slot_keyed (RT_SLOT_KEY, key), key, 0);
    }
}

/* A copy of a combined table, with new references to what it holds. */
static RtDictKeys *
clone_combined_dict_keys (RtDict *orig)
{
  size_t size = keys_size (orig->keys);
  RtDictKeys *keys = rt_mem_alloc (size, RT_MEM_RAW);

  if (keys == NULL)
    {
      rt_error_no_memory ();
      return NULL;
    }
  memcpy (keys, orig->keys, size);
  for (int64_t i = 0; i < keys->nentries; i++)
    {
      RtObject *key, *value;
      rt_dk_entry (keys, i, &key, &value);
      if (value != NULL)
        {
          rt_incref (value);
          rt_incref (key);
        }
    }
  return keys;
}

/* Lookup */

/* The slot of the index table holding entry `index`. */
static int64_t
lookdict_index (RtDictKeys *k, RtHash hash, int64_t index)
{
  size_t mask = (size_t) RT_DK_SIZE (k) - 1;
  size_t perturb = (size_t) hash;
  size_t i = (size_t) hash & mask;

  for (;;)
    {
      int64_t ix = get_index (k, (int64_t) i);
      if (ix == index)
        return (int64_t) i;
      if (ix == DKIX_EMPTY)
        return DKIX_EMPTY;
      perturb >>= PERTURB_SHIFT;
      i = mask & (i * 5 + perturb + 1);
    }
}

/* A str key in an all-str table: pointers and cached hashes first. */
static int64_t
unicodekeys_lookup_unicode (RtDictKeys *dk, RtObject *key, RtHash hash)
{
  RtDictUnicodeEntry *ep0 = rt_dk_unicode_entries (dk);
  size_t mask = (size_t) RT_DK_SIZE (dk) - 1;
  size_t perturb = (size_t) hash;
  size_t i = (size_t) hash & mask;

  for (;;)
    {
      int64_t ix = get_index (dk, (int64_t) i);
      if (ix >= 0)
        {
          RtObject *ep_key = ep0[ix].key;
          if (ep_key == key || (((RtStr *) ep_key)->hash == hash && rt_str_equal (ep_key, key)))
            return ix;
        }
      else if (ix == DKIX_EMPTY)
        return DKIX_EMPTY;
      perturb >>= PERTURB_SHIFT;
      i = mask & (i * 5 + perturb + 1);
    }
}

/* Any other key in an all-str table. */
static int64_t
unicodekeys_lookup_generic (RtDict *mp, RtDictKeys *dk, RtObject *key, RtHash hash)
{
  RtDictUnicodeEntry *ep0 = rt_dk_unicode_entries (dk);
  size_t mask = (size_t) RT_DK_SIZE (dk) - 1;
  size_t perturb = (size_t) hash;
  size_t i = (size_t) hash & mask;

  for (;;)
    {
      int64_t ix = get_index (dk, (int64_t) i);
      if (ix >= 0)
        {
          RtDictUnicodeEntry *ep = &ep0[ix];
          if (ep->key == key)
            return ix;
          if (str_hash (ep->key) == hash)
            {
              RtObject *startkey = rt_newref (ep->key);
              int cmp = rt_richcompare_bool (startkey, key, RT_EQ);
              rt_decref (startkey);
              if (cmp < 0)
                return DKIX_ERROR;
              if (dk == mp->keys && ep->key == startkey)
                {
                  if (cmp > 0)
                    return ix;
                }
              else
                return DKIX_KEY_CHANGED;
            }
        }
      else if (ix == DKIX_EMPTY)
        return DKIX_EMPTY;
      perturb >>= PERTURB_SHIFT;
      i = mask & (i * 5 + perturb + 1);
    }
}

static int64_t
dictkeys_generic_lookup (RtDict *mp, RtDictKeys *dk, RtObject *key, RtHash hash)
{
  RtDictEntry *ep0 = rt_dk_entries (dk);
  size_t mask = (size_t) RT_DK_SIZE (dk) - 1;
  size_t perturb = (size_t) hash;
  size_t i = (size_t) hash & mask;

  for (;;)
    {
      int64_t ix = get_index (dk, (int64_t) i);
      if (ix >= 0)
        {
          RtDictEntry *ep = &ep0[ix];
          if (ep->key == key)
            return ix;
          if (ep->hash == hash)
            {
              RtObject *startkey = rt_newref (ep->key);
              int cmp = rt_richcompare_bool (startkey, key, RT_EQ);
              rt_decref (startkey);
              if (cmp < 0)
                return DKIX_ERROR;
              if (dk == mp->keys && ep->key == startkey)
                {
                  if (cmp > 0)
                    return ix;
                }
              else
                return DKIX_KEY_CHANGED;
            }
        }
      else if (ix == DKIX_EMPTY)
        return DKIX_EMPTY;
      perturb >>= PERTURB_SHIFT;
      i = mask & (i * 5 + perturb + 1);
    }
}

/* _Py_dict_lookup: the entry index of key (DKIX_EMPTY if absent, DKIX_ERROR
 * if a comparison failed); *value_addr is its value, borrowed. */
static int64_t
dict_lookup (RtDict *mp, RtObject *key, RtHash hash, RtObject **value_addr)
{
  RtDictKeys *dk;
  int64_t ix;

start:
  dk = mp->keys;
  if (RT_DK_IS_UNICODE (dk))
    {
      if (is_exact_str (key))
        ix = unicodekeys_lookup_unicode (dk, key, hash);
      else
        {
          ix = unicodekeys_lookup_generic (mp, dk, key, hash);
          if (ix == DKIX_KEY_CHANGED)
            goto start;
        }
      *value_addr = ix >= 0 ? rt_dk_unicode_entries (dk)[ix].value : NULL;
    }
  else
    {
      ix = dictkeys_generic_lookup (mp, dk, key, hash);
      if (ix == DKIX_KEY_CHANGED)
        goto start;
      *value_addr = ix >= 0 ? rt_dk_entries (dk)[ix].value : NULL;
    }
  return ix;
}

/* Tracking, as MAINTAIN_TRACKING: a dict is tracked once it holds
 * something the collector may need to see. */
static inline void
maintain_tracking (RtDict *mp, RtObject *key, RtObject *value)
{
  if (!rt_gc_is_tracked (&mp->ob)
      && (rt_gc_may_be_tracked (key) || rt_gc_may_be_tracked (value)))
    rt_gc_track (&mp->ob);
}

void
rt_dict_maybe_untrack (RtObject *op)
{
  RtDict *mp = (RtDict *) op;
  RtDictKeys *dk;

  if (RT_TYPE (op) != &rt_dict_type || !rt_gc_is_tracked (op))
    return;
  dk = mp->keys;
  for (int64_t i = 0; i < dk->nentries; i++)
    {
      RtObject *key, *value;
      rt_dk_entry (dk, i, &key, &value);
      if (value == NULL)
        continue;
      if (rt_gc_may_be_tracked (value))
        return;
      if (!RT_DK_IS_UNICODE (dk) && rt_gc_may_be_tracked (key))
        return;
    }
  rt_gc_untrack (op);
}

/* Insertion */

static int64_t
find_empty_slot (RtDictKeys *keys, RtHash hash)
{
  const size_t mask = (size_t) RT_DK_SIZE (keys) - 1;
  size_t i = (size_t) hash & mask;
  int64_t ix = get_index (keys, (int64_t) i);

  for (size_t perturb = (size_t) hash; ix >= 0;)
    {
      perturb >>= PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
      ix = get_index (keys, (int64_t) i);
    }
  return (int64_t) i;
}

static int
insertion_resize (RtDict *mp, bool unicode)
{
  return dictresize (mp, calculate_log2_keysize (GROWTH_RATE (mp)), unicode);
}

/* Stores a new entry in a table known to lack key and to have room. */
static void
store_new_entry (RtDict *mp, RtObject *key, RtHash hash, RtObject *value)
{
  RtDictKeys *dk = mp->keys;
  int64_t hashpos = find_empty_slot (dk, hash);

  set_index (dk, hashpos, dk->nentries);
  if (RT_DK_IS_UNICODE (dk))
    {
      RtDictUnicodeEntry *ep = &rt_dk_unicode_entries (dk)[dk->nentries];
      ep->key = key;
      ep->value = value;
    }
  else
    {
      RtDictEntry *ep = &rt_dk_entries (dk)[dk->nentries];
      ep->key = key;
      ep->hash = hash;
      ep->value = value;
    }
  mp->used++;
  mp->version = ++dict_version;
  dk->usable--;
  dk->nentries++;
  report_store (mp, key, value);
}

/* insertdict: steals key and value. */
static int
insertdict (RtDict *mp, RtObject *key, RtHash hash, RtObject *value)
{
  RtObject *old_value;
  int64_t ix;

  if (RT_DK_IS_UNICODE (mp->keys) && !is_exact_str (key))
    {
      if (insertion_resize (mp, false) < 0)
        goto fail;
    }
  ix = dict_lookup (mp, key, hash, &old_value);
  if (ix == DKIX_ERROR)
    goto fail;

  maintain_tracking (mp, key, value);

  if (ix == DKIX_EMPTY)
    {
      mp->keys->version = 0;
      if (mp->keys->usable <= 0 && insertion_resize (mp, true) < 0)
        goto fail;
      store_new_entry (mp, key, hash, value);
      return 0;
    }

  if (old_value != value)
    {
      RtObject *stored_key;
      if (RT_DK_IS_UNICODE (mp->keys))
        {
          stored_key = rt_dk_unicode_entries (mp->keys)[ix].key;
          rt_dk_unicode_entries (mp->keys)[ix].value = value;
        }
      else
        {
          stored_key = rt_dk_entries (mp->keys)[ix].key;
          rt_dk_entries (mp->keys)[ix].value = value;
        }
      mp->version = ++dict_version;
      if (rt_events_on ())
        {
          RtSlot slot = rt_slot_keyed (RT_SLOT_VALUE, stored_key);
          rt_event_ref (RT_EV_REF_DEL, &mp->ob, slot, old_value, 0);
          rt_event_ref (RT_EV_REF_ADD, &mp->ob, slot, value, 0);
        }
    }
  /* Dropping the old value may run code. */
  rt_xdecref (old_value);
  rt_decref (key);
  return 0;

fail:
  rt_decref (value);
  rt_decref (key);
  return -1;
}

/* The first insertion into an empty dict: a table of 8. Steals both. */
static int
insert_to_emptydict (RtDict *mp, RtObject *key, RtHash hash, RtObject *value)
{
  bool unicode = is_exact_str (key);
  RtDictKeys *newkeys = new_keys_object (RT_DICT_LOG_MINSIZE, unicode);

  if (newkeys == NULL)
    {
      rt_decref (key);
      rt_decref (value);
      return -1;
    }
  mp->keys = newkeys;
  maintain_tracking (mp, key, value);
  store_new_entry (mp, key, hash, value);
  return 0;
}

static void
build_indices (RtDictKeys *keys, int64_t n)
{
  size_t mask = (size_t) RT_DK_SIZE (keys) - 1;

  for (int64_t ix = 0; ix != n; ix++)
    {
      RtHash hash = RT_DK_IS_UNICODE (keys) ? str_hash (rt_dk_unicode_entries (keys)[ix].key)
                                            : rt_dk_entries (keys)[ix].hash;
      size_t i = (size_t) hash & mask;
      for (size_t perturb = (size_t) hash; get_index (keys, (int64_t) i) != DKIX_EMPTY;)
        {
          perturb >>= PERTURB_SHIFT;
          i = mask & (i * 5 + perturb + 1);
        }
      set_index (keys, (int64_t) i, ix);
    }
}

/* Moves the entries to a new table of 2**log2_newsize, leaving out deleted
 * ones; the references move with them. */
static int
dictresize (RtDict *mp, uint8_t log2_newsize, bool unicode)
{
  RtDictKeys *oldkeys = mp->keys, *newkeys;
  int64_t numentries = mp->used;

  if (log2_newsize >= 64)
    {
      rt_error_no_memory ();
      return -1;
    }
  if (!RT_DK_IS_UNICODE (oldkeys))
    unicode = false;
  newkeys = new_keys_object (log2_newsize, unicode);
  if (newkeys == NULL)
    return -1;

  if (!RT_DK_IS_UNICODE (oldkeys))
    {
      RtDictEntry *oldentries = rt_dk_entries (oldkeys), *newentries = rt_dk_entries (newkeys);
      if (oldkeys->nentries == numentries)
        memcpy (newentries, oldentries, (size_t) numentries * sizeof (RtDictEntry));
      else
        {
          RtDictEntry *ep = oldentries;
          for (int64_t i = 0; i < numentries; i++)
            {
              while (ep->value == NULL)
                ep++;
              newentries[i] = *ep++;
            }
        }
    }
  else if (unicode)
    {
      RtDictUnicodeEntry *oldentries = rt_dk_unicode_entries (oldkeys);
      RtDictUnicodeEntry *newentries = rt_dk_unicode_entries (newkeys);
      if (oldkeys->nentries == numentries)
        memcpy (newentries, oldentries, (size_t) numentries * sizeof (RtDictUnicodeEntry));
      else
        {
          RtDictUnicodeEntry *ep = oldentries;
          for (int64_t i = 0; i < numentries; i++)
            {
              while (ep->value == NULL)
                ep++;
              newentries[i] = *ep++;
            }
        }
    }
  else
    {
      /* all-str table to a general one */
      RtDictUnicodeEntry *ep = rt_dk_unicode_entries (oldkeys);
      RtDictEntry *newentries = rt_dk_entries (newkeys);
      for (int64_t i = 0; i < numentries; i++)
        {
          while (ep->value == NULL)
            ep++;
          newentries[i].key = ep->key;
          newentries[i].hash = str_hash (ep->key);
          newentries[i].value = ep->value;
          ep++;
        }
    }
  newkeys->usable -= numentries;
  newkeys->nentries = numentries;
  build_indices (newkeys, numentries);
  mp->keys = newkeys;
  free_keys_memory (oldkeys);
  return 0;
}

static int
set_item_take2 (RtDict *mp, RtObject *key, RtObject *value, RtHash hash)
{
  if (mp->keys == EMPTY_KEYS)
    return insert_to_emptydict (mp, key, hash, value);
  return insertdict (mp, key, hash, value);
}

int
rt_dict_set_item (RtObject *op, RtObject *key, RtObject *value)
{
  RtHash hash = rt_container_hash (key);

  if (hash == -1)
    return -1;
  return set_item_take2 ((RtDict *) op, rt_newref (key), rt_newref (value), hash);
}

int
rt_dict_set_item_known_hash (RtObject *op, RtObject *key, RtObject *value, RtHash hash)
{
  return set_item_take2 ((RtDict *) op, rt_newref (key), rt_newref (value), hash);
}

int
rt_dict_set_item_cstr (RtObject *dict, const char *key, RtObject *value)
{
  RtObject *kv = rt_str_intern_cstr (key);
  int err;

  if (kv == NULL)
    return -1;
  err = rt_dict_set_item (dict, kv, value);
  rt_decref (kv);
  return err;
}

RtObject *
rt_dict_get_item (RtObject *op, RtObject *key)
{
  RtObject *value;
  RtHash hash = rt_container_hash (key);

  if (hash == -1)
    return NULL;
  if (dict_lookup ((RtDict *) op, key, hash, &value) == DKIX_ERROR)
    return NULL;
  return value;
}

/* Looks a name up without making a str of it: only str keys can match. */
RtObject *
rt_dict_get_item_cstr (RtObject *op, const char *key)
{
  RtDictKeys *dk = ((RtDict *) op)->keys;
  size_t n = strlen (key);

  for (int64_t i = 0; i < dk->nentries; i++)
    {
      RtObject *k, *v;
      rt_dk_entry (dk, i, &k, &v);
      if (v != NULL && rt_is_str (k) && (size_t) rt_str_size (k) == n
          && memcmp (rt_str_utf8 (k), key, n) == 0)
        return v;
    }
  return NULL;
}

int
rt_dict_contains_known_hash (RtObject *op, RtObject *key, RtHash hash)
{
  RtObject *value;
  int64_t ix = dict_lookup ((RtDict *) op, key, hash, &value);

  if (ix == DKIX_ERROR)
    return -1;
  return ix != DKIX_EMPTY && value != NULL;
}

int
rt_dict_contains (RtObject *op, RtObject *key)
{
  RtHash hash = rt_container_hash (key);

  if (hash == -1)
    return -1;
  return rt_dict_contains_known_hash (op, key, hash);
}

int64_t
rt_dict_size (RtObject *dict)
{
  return ((RtDict *) dict)->used;
}

bool
rt_dict_has_unicode_keys (RtObject *dict)
{
  return RT_DK_IS_UNICODE (((RtDict *) dict)->keys);
}

int
rt_dict_presize (RtObject *dict, int64_t n, bool unicode)
{
  return dictresize ((RtDict *) dict, estimate_log2_keysize (n), unicode);
}

/* Deletion */

static void
delitem_common (RtDict *mp, RtHash hash, int64_t ix, RtObject *old_value)
{
  RtObject *old_key;
  int64_t hashpos = lookdict_index (mp->keys, hash, ix);

  mp->used--;
  mp->version = ++dict_version;
  mp->keys->version = 0;
  set_index (mp->keys, hashpos, DKIX_DUMMY);
  if (RT_DK_IS_UNICODE (mp->keys))
    {
      RtDictUnicodeEntry *ep = &rt_dk_unicode_entries (mp->keys)[ix];
      old_key = ep->key;
      ep->key = NULL;
      ep->value = NULL;
    }
  else
    {
      RtDictEntry *ep = &rt_dk_entries (mp->keys)[ix];
      old_key = ep->key;
      ep->key = NULL;
      ep->value = NULL;
      ep->hash = 0;
    }
  report_delete (mp, old_key, old_value);
  rt_decref (old_key);
  rt_decref (old_value);
}

static int
del_item_known_hash (RtDict *mp, RtObject *key, RtHash hash)
{
  RtObject *old_value;
  int64_t ix = dict_lookup (mp, key, hash, &old_value);

  if (ix == DKIX_ERROR)
    return -1;
  if (ix == DKIX_EMPTY || old_value == NULL)
    {
      key_error (key);
      return -1;
    }
  delitem_common (mp, hash, ix, old_value);
  return 0;
}

int
rt_dict_del_item (RtObject *op, RtObject *key)
{
  RtHash hash = rt_container_hash (key);

  if (hash == -1)
    return -1;
  return del_item_known_hash ((RtDict *) op, key, hash);
}

/* dict.pop: a new reference, or deflt (borrowed, may be NULL: KeyError). */
static RtObject *
dict_pop (RtDict *mp, RtObject *key, RtObject *deflt)
{
  RtObject *old_value;
  RtHash hash;
  int64_t ix;

  if (mp->used == 0)
    goto missing;
  hash = rt_container_hash (key);
  if (hash == -1)
    return NULL;
  ix = dict_lookup (mp, key, hash, &old_value);
  if (ix == DKIX_ERROR)
    return NULL;
  if (ix == DKIX_EMPTY || old_value == NULL)
    goto missing;
  rt_incref (old_value);
  delitem_common (mp, hash, ix, old_value);
  return old_value;

missing:
  if (deflt != NULL)
    return rt_newref (deflt);
  key_error (key);
  return NULL;
}

void
rt_dict_clear (RtObject *op)
{
  RtDict *mp = (RtDict *) op;
  RtDictKeys *oldkeys = mp->keys;

  if (oldkeys == EMPTY_KEYS)
    return;
  /* Empty the dict first: dropping the entries may run code. */
  mp->keys = EMPTY_KEYS;
  mp->used = 0;
  mp->version = ++dict_version;
  if (rt_events_on ())
    for (int64_t i = 0; i < oldkeys->nentries; i++)
      {
        RtObject *key, *value;
        rt_dk_entry (oldkeys, i, &key, &value);
        if (value != NULL)
          report_delete (mp, key, value);
      }
  free_keys_object (oldkeys);
}

/* Iteration */

bool
rt_dict_next_hash (RtObject *op, int64_t *ppos, RtObject **pkey, RtObject **pvalue,
                   RtHash *phash)
{
  RtDictKeys *dk = ((RtDict *) op)->keys;
  int64_t i = *ppos, n = dk->nentries;
  RtObject *key = NULL, *value = NULL;

  if (i < 0)
    return false;
  for (; i < n; i++)
    {
      rt_dk_entry (dk, i, &key, &value);
      if (value != NULL)
        break;
    }
  if (i >= n)
    return false;
  *ppos = i + 1;
  if (pkey != NULL)
    *pkey = key;
  if (pvalue != NULL)
    *pvalue = value;
  if (phash != NULL)
    *phash = RT_DK_IS_UNICODE (dk) ? str_hash (key) : rt_dk_entries (dk)[i].hash;
  return true;
}

bool
rt_dict_next (RtObject *dict, int64_t *pos, RtObject **key, RtObject **value)
{
  return rt_dict_next_hash (dict, pos, key, value, NULL);
}

/* keys(), values(), items() as lists, as PyDict_Keys and friends. */
static RtObject *
dict_as_list (RtDict *mp, int what)
{
  RtObject *v, *key, *value;
  int64_t n, j = 0, pos = 0;

again:
  n = mp->used;
  v = rt_list_new (n);
  if (v == NULL)
    return NULL;
  if (what == 2)
    for (int64_t i = 0; i < n; i++)
      {
        RtObject *item = rt_tuple_new (2);
        if (item == NULL)
          {
            rt_decref (v);
            return NULL;
          }
        rt_list_init_item (v, i, item);
      }
  if (n != mp->used)
    {
      /* An allocation ran a collection that changed the dict. */
      rt_decref (v);
      goto again;
    }
  while (rt_dict_next (&mp->ob, &pos, &key, &value))
    {
      if (what == 0)
        rt_list_init_item (v, j, rt_newref (key));
      else if (what == 1)
        rt_list_init_item (v, j, rt_newref (value));
      else
        {
          RtObject *item = RT_LIST_ITEMS (v)[j];
          rt_tuple_init_item (item, 0, rt_newref (key));
          rt_tuple_init_item (item, 1, rt_newref (value));
        }
      j++;
    }
  return v;
}

RtObject *
rt_dict_keys_list (RtObject *dict)
{
  return dict_as_list ((RtDict *) dict, 0);
}

/* Copying and merging */

RtObject *
rt_dict_copy (RtObject *o)
{
  RtDict *mp = (RtDict *) o, *copy;

  if (mp->used == 0)
    return rt_dict_new ();
  /* Clone the table unless a third of it is deleted entries. */
  if (RT_TYPE (o)->iter == rt_dict_type.iter && mp->used >= (mp->keys->nentries * 2) / 3)
    {
      RtDictKeys *keys = clone_combined_dict_keys (mp);
      if (keys == NULL)
        return NULL;
      copy = new_dict (keys, mp->used);
      if (copy == NULL)
        return NULL;
      report_all_entries (copy);
      if (rt_gc_is_tracked (o))
        rt_gc_track (&copy->ob);
      return &copy->ob;
    }
  copy = (RtDict *) rt_dict_new ();
  if (copy == NULL)
    return NULL;
  if (rt_dict_update (&copy->ob, o) == 0)
    return &copy->ob;
  rt_decref (&copy->ob);
  return NULL;
}

/* dict_merge: a.update(b) for a mapping b; override 0 keeps existing keys,
 * 2 raises KeyError on a duplicate. */
static int
dict_merge (RtObject *a, RtObject *b, int override)
{
  RtDict *mp = (RtDict *) a;

  if (rt_is_dict (b) && RT_TYPE (b)->iter == rt_dict_type.iter)
    {
      RtDict *other = (RtDict *) b;
      int64_t orig_size, pos = 0;
      RtObject *key, *value;
      RtHash hash;

      if (other == mp || other->used == 0)
        return 0;
      if (mp->used == 0)
        {
          RtDictKeys *okeys = other->keys;
          override = 1;
          /* A clean table just made: clone it. */
          if (other->used == okeys->nentries
              && (okeys->log2_size == RT_DICT_LOG_MINSIZE
                  || USABLE_FRACTION (RT_DK_SIZE (okeys) / 2) < other->used))
            {
              RtDictKeys *keys = clone_combined_dict_keys (other);
              if (keys == NULL)
                return -1;
              free_keys_object (mp->keys);
              mp->keys = keys;
              mp->used = other->used;
              mp->version = ++dict_version;
              report_all_entries (mp);
              if (rt_gc_is_tracked (b) && !rt_gc_is_tracked (a))
                rt_gc_track (a);
              return 0;
            }
        }
      /* One resize up front rather than many. */
      if (USABLE_FRACTION (RT_DK_SIZE (mp->keys)) < other->used)
        {
          if (dictresize (mp, estimate_log2_keysize (mp->used + other->used),
                          RT_DK_IS_UNICODE (other->keys))
              < 0)
            return -1;
        }
      orig_size = other->keys->nentries;
      while (rt_dict_next_hash (b, &pos, &key, &value, &hash))
        {
          int err = 0;

          rt_incref (key);
          rt_incref (value);
          if (override == 1)
            err = set_item_take2 (mp, rt_newref (key), rt_newref (value), hash);
          else
            {
              err = rt_dict_contains_known_hash (a, key, hash);
              if (err == 0)
                err = set_item_take2 (mp, rt_newref (key), rt_newref (value), hash);
              else if (err > 0)
                {
                  if (override != 0)
                    {
                      key_error (key);
                      rt_decref (value);
                      rt_decref (key);
                      return -1;
                    }
                  err = 0;
                }
            }
          rt_decref (value);
          rt_decref (key);
          if (err != 0)
            return -1;
          if (orig_size != other->keys->nentries)
            {
              rt_error_format (&rt_exc_RuntimeError, "dict mutated during update");
              return -1;
            }
        }
      return 0;
    }
  else
    {
      /* Any mapping: b.keys() and b[key]. */
      RtObject *keys = rt_call_method (b, "keys", NULL, 0), *iter, *key;
      int status = 0;

      if (keys == NULL)
        return -1;
      iter = rt_iter (keys);
      rt_decref (keys);
      if (iter == NULL)
        return -1;
      while (status == 0 && (key = rt_iter_next (iter)) != NULL)
        {
          RtObject *value;

          if (override != 1)
            {
              status = rt_dict_contains (a, key);
              if (status != 0)
                {
                  if (status > 0)
                    {
                      if (override == 0)
                        {
                          status = 0;
                          rt_decref (key);
                          continue;
                        }
                      key_error (key);
                    }
                  status = -1;
                  rt_decref (key);
                  break;
                }
            }
          value = rt_getitem (b, key);
          if (value == NULL)
            status = -1;
          else
            {
              status = rt_dict_set_item (a, key, value);
              rt_decref (value);
            }
          rt_decref (key);
        }
      rt_decref (iter);
      if (status < 0 || rt_error_occurred ())
        return -1;
      return 0;
    }
}

int
rt_dict_update (RtObject *dict, RtObject *other)
{
  return dict_merge (dict, other, 1);
}

/* dict.update from an iterable of pairs (PyDict_MergeFromSeq2). */
static int
merge_from_seq2 (RtObject *d, RtObject *seq2)
{
  RtObject *it = rt_iter (seq2), *item = NULL, *fast = NULL;
  int64_t i;
  int result = -1;

  if (it == NULL)
    return -1;
  for (i = 0;; ++i)
    {
      RtObject **items;
      int64_t n;

      item = rt_iter_next (it);
      if (item == NULL)
        {
          if (rt_error_occurred ())
            goto out;
          break;
        }
      fast = rt_sequence_fast (item, "");
      if (fast == NULL)
        {
          if (rt_error_matches (&rt_exc_TypeError))
            {
              rt_error_clear ();
              rt_error_format (&rt_exc_TypeError,
                               "cannot convert dictionary update sequence element #%lld "
                               "to a sequence",
                               (long long) i);
            }
          goto out;
        }
      n = rt_is_list (fast) ? RT_LIST_SIZE (fast) : RT_TUPLE_SIZE (fast);
      if (n != 2)
        {
          rt_error_format (&rt_exc_ValueError,
                           "dictionary update sequence element #%lld has length %lld; "
                           "2 is required",
                           (long long) i, (long long) n);
          goto out;
        }
      items = rt_is_list (fast) ? RT_LIST_ITEMS (fast) : RT_TUPLE_ITEMS (fast);
      {
        RtObject *key = rt_newref (items[0]), *value = rt_newref (items[1]);
        int err = rt_dict_set_item (d, key, value);
        rt_decref (key);
        rt_decref (value);
        if (err < 0)
          goto out;
      }
      RT_CLEAR (fast);
      RT_CLEAR (item);
    }
  result = 0;

out:
  rt_xdecref (item);
  rt_xdecref (fast);
  rt_decref (it);
  return result;
}

/* dict_update_arg: a dict, anything with keys(), or pairs. */
static int
dict_update_arg (RtObject *self, RtObject *arg)
{
  RtObject *func, *name;
  int r;

  if (RT_TYPE (arg) == &rt_dict_type)
    return dict_merge (self, arg, 1);
  name = rt_str_intern_cstr ("keys");
  if (name == NULL)
    return -1;
  r = rt_lookup_attr (arg, name, &func);
  rt_decref (name);
  if (r < 0)
    return -1;
  if (r > 0)
    {
      rt_decref (func);
      return dict_merge (self, arg, 1);
    }
  return merge_from_seq2 (self, arg);
}

/* Slots */

static void
dict_dealloc (RtObject *self)
{
  RtDict *mp = (RtDict *) self;
  RtDictKeys *keys = mp->keys;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  mp->keys = EMPTY_KEYS;
  mp->used = 0;
  free_keys_object (keys);
  if (numfree < RT_DICT_MAXFREELIST && RT_TYPE (self) == &rt_dict_type)
    {
      free_list[numfree++] = mp;
      return;
    }
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

void
rt_dict_clear_freelist (void)
{
  while (numfree > 0)
    rt_gc_free (&free_list[--numfree]->ob, sizeof (RtDict));
  while (keys_numfree > 0)
    {
      RtDictKeys *keys = keys_free_list[--keys_numfree];
      rt_mem_free (keys, keys_size (keys));
    }
}

/* Unicode tables: the values only; general ones: value then key. */
static int
dict_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtDictKeys *keys = ((RtDict *) self)->keys;
  int64_t n = keys->nentries;

  if (RT_DK_IS_UNICODE (keys))
    {
      RtDictUnicodeEntry *entries = rt_dk_unicode_entries (keys);
      for (int64_t i = 0; i < n; i++)
        RT_VISIT (entries[i].value);
    }
  else
    {
      RtDictEntry *entries = rt_dk_entries (keys);
      for (int64_t i = 0; i < n; i++)
        if (entries[i].value != NULL)
          {
            RT_VISIT (entries[i].value);
            RT_VISIT (entries[i].key);
          }
    }
  return 0;
}

static void
dict_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtDictKeys *keys = ((RtDict *) self)->keys;

  for (int64_t i = 0; i < keys->nentries; i++)
    {
      RtObject *key, *value;
      rt_dk_entry (keys, i, &key, &value);
      if (value == NULL)
        continue;
      visit (self, rt_slot_keyed (RT_SLOT_KEY, key), key, arg);
      visit (self, rt_slot_keyed (RT_SLOT_VALUE, key), value, arg);
    }
}

static int
dict_tp_clear (RtObject *self)
{
  rt_dict_clear (self);
  return 0;
}

static RtObject *
dict_repr (RtObject *self)
{
  RtDict *mp = (RtDict *) self;
  RtObject *key, *value;
  RtStrBuilder sb;
  int64_t i = 0;
  bool first = true;
  int status;

  status = rt_repr_enter (self);
  if (status != 0)
    return status > 0 ? rt_str_from_cstr ("{...}") : NULL;
  if (mp->used == 0)
    {
      rt_repr_leave (self);
      return rt_str_from_cstr ("{}");
    }
  rt_sb_init (&sb);
  rt_sb_append (&sb, "{", 1);
  /* repr() of a key or value may change the dict. */
  while (rt_dict_next (self, &i, &key, &value))
    {
      bool ok;

      rt_incref (key);
      rt_incref (value);
      if (!first)
        rt_sb_append (&sb, ", ", 2);
      first = false;
      ok = rt_sb_append_repr (&sb, key);
      if (ok)
        {
          rt_sb_append (&sb, ": ", 2);
          ok = rt_sb_append_repr (&sb, value);
        }
      rt_decref (key);
      rt_decref (value);
      if (!ok)
        {
          rt_sb_dispose (&sb);
          rt_repr_leave (self);
          return NULL;
        }
    }
  rt_sb_append (&sb, "}", 1);
  rt_repr_leave (self);
  return rt_sb_finish (&sb);
}

static int
dict_equal (RtDict *a, RtDict *b)
{
  if (a->used != b->used)
    return 0;
  for (int64_t i = 0; i < a->keys->nentries; i++)
    {
      RtObject *key, *aval, *bval;
      RtHash hash;
      int cmp;

      rt_dk_entry (a->keys, i, &key, &aval);
      if (aval == NULL)
        continue;
      hash = RT_DK_IS_UNICODE (a->keys) ? str_hash (key) : rt_dk_entries (a->keys)[i].hash;
      rt_incref (aval);
      rt_incref (key);
      dict_lookup (b, key, hash, &bval);
      if (bval == NULL)
        {
          rt_decref (key);
          rt_decref (aval);
          return rt_error_occurred () ? -1 : 0;
        }
      rt_incref (bval);
      cmp = rt_richcompare_bool (aval, bval, RT_EQ);
      rt_decref (key);
      rt_decref (aval);
      rt_decref (bval);
      if (cmp <= 0)
        return cmp;
    }
  return 1;
}

static RtObject *
dict_richcompare (RtObject *v, RtObject *w, int op)
{
  int cmp;

  if (!rt_is_dict (v) || !rt_is_dict (w) || (op != RT_EQ && op != RT_NE))
    return rt_newref (RT_NOT_IMPLEMENTED);
  cmp = dict_equal ((RtDict *) v, (RtDict *) w);
  if (cmp < 0)
    return NULL;
  return rt_bool_new (cmp == (op == RT_EQ));
}

static RtHash
dict_hash (RtObject *self)
{
  rt_error_format (&rt_exc_TypeError, "unhashable type: '%T'", self);
  return -1;
}

static int64_t
dict_length (RtObject *self)
{
  return ((RtDict *) self)->used;
}

static RtObject *
dict_subscript (RtObject *self, RtObject *key)
{
  RtDict *mp = (RtDict *) self;
  RtObject *value;
  RtHash hash = rt_container_hash (key);
  int64_t ix;

  if (hash == -1)
    return NULL;
  ix = dict_lookup (mp, key, hash, &value);
  if (ix == DKIX_ERROR)
    return NULL;
  if (ix == DKIX_EMPTY || value == NULL)
    {
      /* Subclasses may define __missing__. */
      if (RT_TYPE (self) != &rt_dict_type
          && rt_type_lookup_cstr (RT_TYPE (self), "__missing__") != NULL)
        return rt_call_method (self, "__missing__", &key, 1);
      key_error (key);
      return NULL;
    }
  return rt_newref (value);
}

static int
dict_ass_sub (RtObject *self, RtObject *key, RtObject *value)
{
  if (value == NULL)
    return rt_dict_del_item (self, key);
  return rt_dict_set_item (self, key, value);
}

static size_t
dict_size_of (RtObject *self)
{
  RtDict *mp = (RtDict *) self;

  /* The shared empty table is not counted. */
  return CPY_DICT_BASIC + (mp->keys != EMPTY_KEYS ? keys_size (mp->keys) : 0);
}

static RtObject *
dict_or (RtObject *self, RtObject *other)
{
  RtObject *new;

  if (!rt_is_dict (self) || !rt_is_dict (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  new = rt_dict_copy (self);
  if (new == NULL)
    return NULL;
  if (dict_update_arg (new, other) < 0)
    {
      rt_decref (new);
      return NULL;
    }
  return new;
}

static RtObject *
dict_ior (RtObject *self, RtObject *other)
{
  if (dict_update_arg (self, other) < 0)
    return NULL;
  return rt_newref (self);
}

/* dict.__new__: as PyType_GenericAlloc, never from the free list; an exact
 * dict stays untracked until it stores something trackable. */
static RtObject *
dict_tp_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtDict *d;

  (void) args;
  (void) nargs;
  (void) kwnames;
  d = (RtDict *) rt_container_alloc (type, type->basic_size);
  if (d == NULL)
    return NULL;
  d->version = ++dict_version;
  d->keys = EMPTY_KEYS;
  rt_container_born (&d->ob, 0);
  if (type != &rt_dict_type)
    rt_gc_track (&d->ob);
  return &d->ob;
}

/* Stores the keyword arguments of a call in dict d. */
static int
set_kwargs (RtObject *d, RtObject *const *kwvalues, RtObject *kwnames)
{
  for (int64_t i = 0; kwnames != NULL && i < RT_TUPLE_SIZE (kwnames); i++)
    if (rt_dict_set_item (d, RT_TUPLE_ITEMS (kwnames)[i], kwvalues[i]) < 0)
      return -1;
  return 0;
}

/* dict(), dict(mapping), dict(pairs), dict(**kwargs) */
static int
dict_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_args_check ("dict", nargs, 0, 1))
    return -1;
  if (nargs == 1 && dict_update_arg (self, args[0]) < 0)
    return -1;
  return set_kwargs (self, args + nargs, kwnames);
}

/* Methods */

static RtObject *
dict_contains_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int r;

  if (!rt_args_one ("dict.__contains__", nargs, kwnames))
    return NULL;
  r = rt_dict_contains (self, args[0]);
  return r < 0 ? NULL : rt_bool_new (r);
}

static RtObject *
dict_getitem_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_args_one ("dict.__getitem__", nargs, kwnames))
    return NULL;
  return dict_subscript (self, args[0]);
}

static RtObject *
dict_sizeof_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("dict.__sizeof__", nargs, kwnames))
    return NULL;
  return rt_int_from_i64 ((int64_t) dict_size_of (self));
}

static RtObject *
dict_get_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *val;
  RtHash hash;

  if (!rt_args_no_kw ("get", kwnames) || !rt_args_check ("get", nargs, 1, 2))
    return NULL;
  hash = rt_container_hash (args[0]);
  if (hash == -1)
    return NULL;
  if (dict_lookup ((RtDict *) self, args[0], hash, &val) == DKIX_ERROR)
    return NULL;
  if (val == NULL)
    val = nargs > 1 ? args[1] : RT_NONE;
  return rt_newref (val);
}

/* PyDict_SetDefault: the value now under key, borrowed. */
static RtObject *
dict_setdefault (RtDict *mp, RtObject *key, RtObject *defaultobj)
{
  RtObject *value;
  RtHash hash = rt_container_hash (key);
  int64_t ix;

  if (hash == -1)
    return NULL;
  if (mp->keys == EMPTY_KEYS)
    {
      if (insert_to_emptydict (mp, rt_newref (key), hash, rt_newref (defaultobj)) < 0)
        return NULL;
      return defaultobj;
    }
  if (!is_exact_str (key) && RT_DK_IS_UNICODE (mp->keys))
    {
      if (insertion_resize (mp, false) < 0)
        return NULL;
    }
  ix = dict_lookup (mp, key, hash, &value);
  if (ix == DKIX_ERROR)
    return NULL;
  if (ix == DKIX_EMPTY)
    {
      mp->keys->version = 0;
      value = defaultobj;
      if (mp->keys->usable <= 0 && insertion_resize (mp, true) < 0)
        return NULL;
      maintain_tracking (mp, key, value);
      store_new_entry (mp, rt_newref (key), hash, rt_newref (value));
    }
  return value;
}

static RtObject *
dict_setdefault_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *val;

  if (!rt_args_no_kw ("setdefault", kwnames) || !rt_args_check ("setdefault", nargs, 1, 2))
    return NULL;
  val = dict_setdefault ((RtDict *) self, args[0], nargs > 1 ? args[1] : RT_NONE);
  return val != NULL ? rt_newref (val) : NULL;
}

static RtObject *
dict_pop_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_args_no_kw ("pop", kwnames) || !rt_args_check ("pop", nargs, 1, 2))
    return NULL;
  return dict_pop ((RtDict *) self, args[0], nargs > 1 ? args[1] : NULL);
}

static RtObject *
dict_popitem_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtDict *mp = (RtDict *) self;
  RtObject *res, *key, *value;
  RtHash hash;
  int64_t i, j;

  (void) args;
  if (!rt_args_none ("dict.popitem", nargs, kwnames))
    return NULL;
  /* The tuple first: its allocation may run a collection that changes the
   * dict. */
  res = rt_tuple_new (2);
  if (res == NULL)
    return NULL;
  if (mp->used == 0)
    {
      rt_decref (res);
      rt_error_format (&rt_exc_KeyError, "popitem(): dictionary is empty");
      return NULL;
    }
  mp->keys->version = 0;
  i = mp->keys->nentries - 1;
  if (RT_DK_IS_UNICODE (mp->keys))
    {
      RtDictUnicodeEntry *ep0 = rt_dk_unicode_entries (mp->keys);
      while (i >= 0 && ep0[i].value == NULL)
        i--;
      key = ep0[i].key;
      hash = str_hash (key);
      value = ep0[i].value;
      ep0[i].key = NULL;
      ep0[i].value = NULL;
    }
  else
    {
      RtDictEntry *ep0 = rt_dk_entries (mp->keys);
      while (i >= 0 && ep0[i].value == NULL)
        i--;
      key = ep0[i].key;
      hash = ep0[i].hash;
      value = ep0[i].value;
      ep0[i].key = NULL;
      ep0[i].hash = -1;
      ep0[i].value = NULL;
    }
  j = lookdict_index (mp->keys, hash, i);
  set_index (mp->keys, j, DKIX_DUMMY);
  report_delete (mp, key, value);
  rt_tuple_init_item (res, 0, key);
  rt_tuple_init_item (res, 1, value);
  /* A DKIX_DUMMY stays in the indices: usable is not given back. */
  mp->keys->nentries = i;
  mp->used--;
  mp->version = ++dict_version;
  return res;
}

static RtObject *
dict_keys_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("dict.keys", nargs, kwnames))
    return NULL;
  return rt_dict_view_new (self, &rt_dict_keys_type);
}

static RtObject *
dict_items_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("dict.items", nargs, kwnames))
    return NULL;
  return rt_dict_view_new (self, &rt_dict_items_type);
}

static RtObject *
dict_values_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("dict.values", nargs, kwnames))
    return NULL;
  return rt_dict_view_new (self, &rt_dict_values_type);
}

/* update(mapping_or_pairs, **kwargs). The keyword arguments become a dict
 * first, as METH_KEYWORDS does, and are merged from it. */
static RtObject *
dict_update_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t nkw = kwnames != NULL ? RT_TUPLE_SIZE (kwnames) : 0;

  if (!rt_args_check ("update", nargs, 0, 1))
    return NULL;
  if (nargs == 1 && dict_update_arg (self, args[0]) < 0)
    return NULL;
  if (nkw > 0)
    {
      RtObject *kwargs;
      int err;

      if (nkw <= USABLE_FRACTION (RT_DICT_MINSIZE))
        kwargs = rt_dict_new ();
      else
        {
          RtDictKeys *keys = new_keys_object (estimate_log2_keysize (nkw), false);
          kwargs = keys != NULL ? (RtObject *) new_dict (keys, 0) : NULL;
        }
      if (kwargs == NULL)
        return NULL;
      err = set_kwargs (kwargs, args + nargs, kwnames);
      if (err == 0)
        err = dict_merge (self, kwargs, 1);
      rt_decref (kwargs);
      if (err < 0)
        return NULL;
    }
  return rt_none_new ();
}

static RtObject *
dict_fromkeys_method (RtObject *cls, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *iterable, *value, *d, *it, *key;
  int status = 0;

  if (!rt_args_no_kw ("fromkeys", kwnames) || !rt_args_check ("fromkeys", nargs, 1, 2))
    return NULL;
  iterable = args[0];
  value = nargs > 1 ? args[1] : RT_NONE;
  if ((RtType *) cls == &rt_dict_type)
    d = dict_tp_new (&rt_dict_type, NULL, 0, NULL);
  else
    d = rt_call_noargs (cls);
  if (d == NULL)
    return NULL;

  if (RT_TYPE (d) == &rt_dict_type && ((RtDict *) d)->used == 0)
    {
      RtDict *mp = (RtDict *) d;
      int64_t pos = 0;
      RtHash hash;

      if (RT_TYPE (iterable) == &rt_dict_type)
        {
          RtObject *oldvalue;
          if (dictresize (mp, estimate_log2_keysize (rt_dict_size (iterable)),
                          rt_dict_has_unicode_keys (iterable))
              < 0)
            goto fail;
          while (rt_dict_next_hash (iterable, &pos, &key, &oldvalue, &hash))
            if (insertdict (mp, rt_newref (key), hash, rt_newref (value)) < 0)
              goto fail;
          return d;
        }
      if (RT_TYPE (iterable) == &rt_set_type || RT_TYPE (iterable) == &rt_frozenset_type)
        {
          if (dictresize (mp, estimate_log2_keysize (rt_set_size (iterable)), false) < 0)
            goto fail;
          while (rt_set_next_entry (iterable, &pos, &key, &hash))
            if (insertdict (mp, rt_newref (key), hash, rt_newref (value)) < 0)
              goto fail;
          return d;
        }
    }

  it = rt_iter (iterable);
  if (it == NULL)
    goto fail;
  while (status == 0 && (key = rt_iter_next (it)) != NULL)
    {
      if (RT_TYPE (d) == &rt_dict_type)
        status = rt_dict_set_item (d, key, value);
      else
        status = rt_setitem (d, key, value);
      rt_decref (key);
    }
  rt_decref (it);
  if (status < 0 || rt_error_occurred ())
    goto fail;
  return d;

fail:
  rt_decref (d);
  return NULL;
}

static RtObject *
dict_clear_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("dict.clear", nargs, kwnames))
    return NULL;
  rt_dict_clear (self);
  return rt_none_new ();
}

static RtObject *
dict_copy_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("dict.copy", nargs, kwnames))
    return NULL;
  return rt_dict_copy (self);
}

static RtObject *
dict_iter (RtObject *self)
{
  return rt_dict_iter_new (self, &rt_dict_keyiter_type);
}

static RtObject *
dict_reversed_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_args_none ("dict.__reversed__", nargs, kwnames))
    return NULL;
  return rt_dict_iter_new (self, &rt_dict_revkeyiter_type);
}

static const RtMethodDef dict_methods[] = {
  { "__contains__", dict_contains_method, 0 },
  { "__getitem__", dict_getitem_method, 0 },
  { "__sizeof__", dict_sizeof_method, 0 },
  { "get", dict_get_method, 0 },
  { "setdefault", dict_setdefault_method, 0 },
  { "pop", dict_pop_method, 0 },
  { "popitem", dict_popitem_method, 0 },
  { "keys", dict_keys_method, 0 },
  { "items", dict_items_method, 0 },
  { "values", dict_values_method, 0 },
  { "update", dict_update_method, 0 },
  { "fromkeys", dict_fromkeys_method, RT_METH_CLASS },
  { "clear", dict_clear_method, 0 },
  { "copy", dict_copy_method, 0 },
  { "__reversed__", dict_reversed_method, 0 },
  { NULL, NULL, 0 },
};

static int
dict_contains_slot (RtObject *self, RtObject *key)
{
  return rt_dict_contains (self, key);
}

static const RtSequenceMethods dict_as_sequence = {
  .contains = dict_contains_slot,
};

static const RtMappingMethods dict_as_mapping = {
  .length = dict_length,
  .subscript = dict_subscript,
  .ass_subscript = dict_ass_sub,
};

static const RtNumberMethods dict_as_number = {
  .or_ = dict_or,
  .inplace_or = dict_ior,
};

RtType rt_dict_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "dict",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE | RT_TPFLAG_DICT_SUBCLASS,
  .basic_size = sizeof (RtDict),
  .dealloc = dict_dealloc,
  .traverse = dict_traverse,
  .clear = dict_tp_clear,
  .refs = dict_refs,
  .repr = dict_repr,
  .hash = dict_hash,
  .richcompare = dict_richcompare,
  .iter = dict_iter,
  .tp_new = dict_tp_new,
  .init = dict_init,
  .number = &dict_as_number,
  .sequence = &dict_as_sequence,
  .mapping = &dict_as_mapping,
  .methods = dict_methods,
  .size_of = dict_size_of,
};
