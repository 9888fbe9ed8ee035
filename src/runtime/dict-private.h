/* dict-private.h: the layout of dicts, shared by dict.c and dict-views.c:
 * CPython 3.11's compact table, an index array then the entries. */
#pragma once

#include "dict.h"

typedef enum
{
  RT_DICT_KEYS_GENERAL = 0,
  RT_DICT_KEYS_UNICODE = 1,  /* every key an exact str: entries omit the hash */
} RtDictKeysKind;

/* The table, as PyDictKeysObject: 32 bytes of header (the size CPython's
 * __sizeof__ counts), 2**log2_index_bytes bytes of indices, then
 * USABLE_FRACTION(size) entries. */
typedef struct
{
  int64_t refcnt;          /* unused but for the layout */
  uint8_t log2_size;
  uint8_t log2_index_bytes;
  uint8_t kind;
  uint8_t unused_;
  uint32_t version;
  int64_t usable;          /* entries that may still be added */
  int64_t nentries;        /* entries used, deleted ones included */
} RtDictKeys;

typedef struct
{
  RtHash hash;
  RtObject *key;
  RtObject *value;         /* NULL: deleted */
} RtDictEntry;

typedef struct
{
  RtObject *key;
  RtObject *value;
} RtDictUnicodeEntry;

typedef struct
{
  RtObject ob;
  int64_t used;
  uint64_t version;
  RtDictKeys *keys;
} RtDict;

#define RT_DK_SIZE(dk) ((int64_t) 1 << (dk)->log2_size)
#define RT_DK_IS_UNICODE(dk) ((dk)->kind == RT_DICT_KEYS_UNICODE)

static inline int8_t *
rt_dk_indices (RtDictKeys *dk)
{
  return (int8_t *) (dk + 1);
}

static inline RtDictEntry *
rt_dk_entries (RtDictKeys *dk)
{
  return (RtDictEntry *) (rt_dk_indices (dk) + ((size_t) 1 << dk->log2_index_bytes));
}

static inline RtDictUnicodeEntry *
rt_dk_unicode_entries (RtDictKeys *dk)
{
  return (RtDictUnicodeEntry *) (rt_dk_indices (dk) + ((size_t) 1 << dk->log2_index_bytes));
}

/* The key and value of entry i (value NULL if deleted). */
static inline void
rt_dk_entry (RtDictKeys *dk, int64_t i, RtObject **key, RtObject **value)
{
  if (RT_DK_IS_UNICODE (dk))
    {
      RtDictUnicodeEntry *ep = &rt_dk_unicode_entries (dk)[i];
      *key = ep->key;
      *value = ep->value;
    }
  else
    {
      RtDictEntry *ep = &rt_dk_entries (dk)[i];
      *key = ep->key;
      *value = ep->value;
    }
}

/* The dict iterators: one layout for keys, values, items, and reversed. */
typedef struct
{
  RtObject ob;
  RtObject *dict;     /* NULL once exhausted */
  int64_t used;       /* the dict's size when the iterator was made */
  int64_t pos;
  RtObject *result;   /* the reused (key, value) tuple of item iterators */
  int64_t len;
} RtDictIter;

/* A view: keys(), values(), items(). */
typedef struct
{
  RtObject ob;
  RtObject *dict;
} RtDictView;
