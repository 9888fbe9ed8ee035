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

RtObject *rt_dict_new (void);
/* Borrowed value, or NULL (with an error set only if hashing/comparing failed:
 * check rt_error_occurred). */
RtObject *rt_dict_get_item (RtObject *dict, RtObject *key);
RtObject *rt_dict_get_item_cstr (RtObject *dict, const char *key);
int rt_dict_set_item (RtObject *dict, RtObject *key, RtObject *value);  /* borrows both */
int rt_dict_set_item_cstr (RtObject *dict, const char *key, RtObject *value);
/* KeyError if missing. */
int rt_dict_del_item (RtObject *dict, RtObject *key);
int rt_dict_contains (RtObject *dict, RtObject *key);
int64_t rt_dict_size (RtObject *dict);
/* Iteration in order: *pos starts at 0; borrowed key and value. */
bool rt_dict_next (RtObject *dict, int64_t *pos, RtObject **key, RtObject **value);
RtObject *rt_dict_keys_list (RtObject *dict);
RtObject *rt_dict_copy (RtObject *dict);
int rt_dict_update (RtObject *dict, RtObject *other);
void rt_dict_clear (RtObject *dict);

/* Untracks a dict holding nothing trackable (_PyDict_MaybeUntrack, full
 * collections only). */
void rt_dict_maybe_untrack (RtObject *dict);
void rt_dict_clear_freelist (void);
