/* container-private.h: helpers and internal entry points shared by the
 * container files (list, tuple, dict, set, range, slice, iterators). */
#pragma once

#include "object.h"
#include "error.h"
#include "event.h"
#include "tuple.h"

/* "pop expected at most 1 argument, got 2", as _PyArg_CheckPositional. */
static inline bool
rt_args_check (const char *name, size_t nargs, size_t min, size_t max)
{
  if (nargs < min)
    {
      rt_error_format (&rt_exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                       min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
      return false;
    }
  if (nargs > max)
    {
      rt_error_format (&rt_exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                       min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
      return false;
    }
  return true;
}

/* "list() takes no keyword arguments" */
static inline bool
rt_args_no_kw (const char *name, RtObject *kwnames)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes no keyword arguments", name);
      return false;
    }
  return true;
}

/* METH_O: "list.append() takes exactly one argument (2 given)". */
static inline bool
rt_args_one (const char *qualname, size_t nargs, RtObject *kwnames)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes no keyword arguments", qualname);
      return false;
    }
  if (nargs != 1)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes exactly one argument (%zu given)",
                       qualname, nargs);
      return false;
    }
  return true;
}

/* METH_NOARGS: "list.copy() takes no arguments (1 given)". */
static inline bool
rt_args_none (const char *qualname, size_t nargs, RtObject *kwnames)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes no keyword arguments", qualname);
      return false;
    }
  if (nargs != 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes no arguments (%zu given)", qualname,
                       nargs);
      return false;
    }
  return true;
}

/* Whether obj has __index__ (PyIndex_Check). */
static inline bool
rt_index_check (RtObject *obj)
{
  return obj->type->number != NULL && obj->type->number->index != NULL;
}

/* PyNumber_AsSsize_t: obj through __index__ as a C integer. Beyond 64 bits,
 * raises exc ("cannot fit 'int' into an index-sized integer") or, with exc
 * NULL, clamps. -1 with an error set on failure (check rt_error_occurred). */
int64_t rt_index_as_ssize (RtObject *obj, RtType *exc);

/* PyObject_LengthHint: len(obj), else obj.__length_hint__(), else dflt.
 * -1 with an error set on failure. */
int64_t rt_length_hint (RtObject *obj, int64_t dflt);

/* PySequence_Fast: obj itself if it is a list or tuple, else list(obj);
 * TypeError `message` if obj is not iterable. Returns a new reference. */
RtObject *rt_sequence_fast (RtObject *obj, const char *message);

/* Iterates obj looking for value, as _PySequence_IterSearch: PY_ITERSEARCH_
 * COUNT (0), INDEX (1) or CONTAINS (2). */
enum
{
  RT_ITERSEARCH_COUNT,
  RT_ITERSEARCH_INDEX,
  RT_ITERSEARCH_CONTAINS
};
int64_t rt_sequence_iter_search (RtObject *seq, RtObject *value, int operation);

/* The start/stop arguments of list.index and tuple.index (args[1], args[2]
 * if given), as _PyEval_SliceIndexNotNone; negative ones count from the end
 * of a sequence of `size` items. */
bool rt_index_bounds (RtObject *const *args, size_t nargs, int64_t size, int64_t *start,
                      int64_t *stop);

/* PySlice_Unpack and PySlice_AdjustIndices, the two halves of
 * rt_slice_indices. */
int rt_slice_unpack (RtObject *slice, int64_t *start, int64_t *stop, int64_t *step);
int64_t rt_slice_adjust_indices (int64_t length, int64_t *start, int64_t *stop, int64_t step);

/* Internal entry points between the container files. */

/* PyDict_Next with the stored hash. */
bool rt_dict_next_hash (RtObject *dict, int64_t *pos, RtObject **key, RtObject **value,
                        RtHash *hash);
int rt_dict_contains_known_hash (RtObject *dict, RtObject *key, RtHash hash);
/* Sets dict[key] with a hash already known. Borrows both. */
int rt_dict_set_item_known_hash (RtObject *dict, RtObject *key, RtObject *value, RtHash hash);
/* A dict presized to hold n keys without resizing (dict.fromkeys). */
int rt_dict_presize (RtObject *dict, int64_t n, bool unicode);
bool rt_dict_has_unicode_keys (RtObject *dict);

/* Iteration over a set's table with the stored hashes. */
bool rt_set_next_entry (RtObject *set, int64_t *pos, RtObject **key, RtHash *hash);

/* The hash of a key, fast for exact str with a cached hash. */
RtHash rt_container_hash (RtObject *key);

/* A list iterator / reversed list iterator over list (borrowed). */
RtObject *rt_list_iter_new (RtObject *list);
RtObject *rt_list_reversed_new (RtObject *list);

/* Sorting (list-sort.c): sorts n items in place, stable, as list.sort. */
int rt_list_sort_items (RtObject **items, int64_t n, RtObject *key, bool reverse);

/* CPython's dict view and iterator constructors, for dict.c. */
RtObject *rt_dict_view_new (RtObject *dict, RtType *type);
RtObject *rt_dict_iter_new (RtObject *dict, RtType *type);
extern RtType rt_dict_keyiter_type, rt_dict_valueiter_type, rt_dict_itemiter_type,
  rt_dict_revkeyiter_type, rt_dict_revvalueiter_type, rt_dict_revitemiter_type;

/* tp_iter of iterators: returns self (a new reference). */
RtObject *rt_self_iter (RtObject *self);

/* Set operations shared with the dict views (set.c). Each takes a set or
 * frozenset made by the caller. */
int rt_set_update_internal (RtObject *set, RtObject *other);
int rt_set_difference_update_internal (RtObject *set, RtObject *other);
int rt_set_symmetric_difference_update_internal (RtObject *set, RtObject *other);
/* set & other: a new set. */
RtObject *rt_set_intersection (RtObject *set, RtObject *other);

/* The container types that no program names (iterators) are readied on
 * first use, and released with the runtime by rt_tuple_fini. */
bool rt_container_type_ready (RtType *type);
void rt_container_types_fini (void);

/* Frees the cached slice (slice.c), at the end of the runtime. */
void rt_slice_fini (void);

/* Allocates an object of a container type or of a class deriving from one,
 * zeroed past the header as PyType_GenericAlloc does (a class keeps its own
 * fields after ours). Not reported, not tracked. */
RtObject *rt_container_alloc (RtType *type, size_t size);

/* Reports the birth of an object made by rt_container_alloc, and, for an
 * instance of a class, its reference to the class. */
void rt_container_born (RtObject *obj, uint32_t flags);
