/* dict.h: insertion-ordered dicts as CPython 3.11's compact dicts (same
 * growth, sizes and iteration order), their views and iterators, and the
 * free list of 80. A dict starts untracked and is tracked once it stores a
 * trackable object. */
#pragma once

#include "object.h"

extern RtType rt_dict_type, rt_dict_keys_type, rt_dict_values_type, rt_dict_items_type;

static inline bool
rt_is_dict (RtObject *obj)
{
  return RT_TYPE_HAS (obj->type, RT_TPFLAG_DICT_SUBCLASS);
}

/* Unless said otherwise, arguments are borrowed, results are new references,
 * and failures return NULL or -1 with an exception set. */

/* {}: from the free list when it has a dict, untracked. */
RtObject *rt_dict_new (void);
/* Borrowed value, or NULL (with an error set only if hashing/comparing failed:
 * check rt_error_occurred). */
RtObject *rt_dict_get_item (RtObject *dict, RtObject *key);
/* The value under the str key equal to `key`, borrowed, or NULL (never an
 * error). Makes no object, so it reports no event. */
RtObject *rt_dict_get_item_cstr (RtObject *dict, const char *key);
int rt_dict_set_item (RtObject *dict, RtObject *key, RtObject *value);  /* borrows both */
/* Stores under the interned str `key`. */
int rt_dict_set_item_cstr (RtObject *dict, const char *key, RtObject *value);
/* KeyError if missing. */
int rt_dict_del_item (RtObject *dict, RtObject *key);
int rt_dict_contains (RtObject *dict, RtObject *key);  /* 1, 0, -1 */
int64_t rt_dict_size (RtObject *dict);
/* Iteration in order: *pos starts at 0; borrowed key and value. */
bool rt_dict_next (RtObject *dict, int64_t *pos, RtObject **key, RtObject **value);
/* list(dict) */
RtObject *rt_dict_keys_list (RtObject *dict);
RtObject *rt_dict_copy (RtObject *dict);
/* dict.update(other) for a mapping other (a dict, or anything with keys()
 * and __getitem__), as PyDict_Update. */
int rt_dict_update (RtObject *dict, RtObject *other);
void rt_dict_clear (RtObject *dict);

/* Untracks a dict holding nothing trackable (_PyDict_MaybeUntrack, full
 * collections only). */
void rt_dict_maybe_untrack (RtObject *dict);
void rt_dict_clear_freelist (void);
