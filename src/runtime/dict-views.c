/* dict-views.c: keys(), values() and items() views with their set
 * operations, and the dict iterators with CPython 3.11's checks. */
#include "dict-private.h"
#include "abstract.h"
#include "container-private.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "set.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

/* CPython's sizes: a view holds its dict; an iterator its dict, the size
 * seen at its start, a position, the result tuple and the items left. */
#define CPY_VIEW_SIZE 24
#define CPY_ITER_SIZE 56

/* Iterators */

static bool
is_reverse_iter (RtType *type)
{
  return type == &rt_dict_revkeyiter_type || type == &rt_dict_revvalueiter_type
         || type == &rt_dict_revitemiter_type;
}

RtObject *
rt_dict_iter_new (RtObject *dict, RtType *type)
{
  RtDict *d = (RtDict *) dict;
  RtDictIter *di;

  if (!rt_container_type_ready (type))
    return NULL;
  di = (RtDictIter *) rt_gc_alloc (type, sizeof (RtDictIter));
  if (di == NULL)
    return NULL;
  di->dict = NULL;
  di->result = NULL;
  RT_EVENT_BORN (di, 0);
  di->dict = rt_newref (dict);
  RT_EVENT_REF_ADD (di, rt_slot_label (RT_LABEL_ITERATED), dict);
  di->used = d->used;
  di->len = d->used;
  di->pos = is_reverse_iter (type) ? d->keys->nentries - 1 : 0;
  if (type == &rt_dict_itemiter_type || type == &rt_dict_revitemiter_type)
    {
      di->result = rt_tuple_pack (2, RT_NONE, RT_NONE);
      if (di->result == NULL)
        {
          rt_decref (&di->ob);
          return NULL;
        }
      RT_EVENT_REF_ADD (di, rt_slot_label (RT_LABEL_RESULT), di->result);
    }
  rt_gc_track (&di->ob);
  return &di->ob;
}

static void
dictiter_dealloc (RtObject *self)
{
  RtDictIter *di = (RtDictIter *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (di->dict);
  rt_xdecref (di->result);
  rt_gc_free (self, sizeof (RtDictIter));
}

static int
dictiter_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtDictIter *di = (RtDictIter *) self;

  RT_VISIT (di->dict);
  RT_VISIT (di->result);
  return 0;
}

static void
dictiter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtDictIter *di = (RtDictIter *) self;

  if (di->dict != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), di->dict, arg);
  if (di->result != NULL)
    visit (self, rt_slot_label (RT_LABEL_RESULT), di->result, arg);
}

/* The iterator is done: it lets go of its dict. */
static RtObject *
dictiter_exhaust (RtDictIter *di)
{
  RtObject *d = di->dict;

  di->dict = NULL;
  RT_EVENT_REF_DEL (di, rt_slot_label (RT_LABEL_ITERATED), d);
  rt_decref (d);
  return NULL;
}

/* The next live entry at or after di->pos (before it when reversed), or
 * false at the end. Raises the RuntimeErrors of a dict that changed. */
static bool
dictiter_advance (RtDictIter *di, bool reverse, RtObject **key, RtObject **value, bool *error)
{
  RtDict *d = (RtDict *) di->dict;
  RtDictKeys *k = d->keys;
  int64_t i = di->pos;

  *error = false;
  if (di->used != d->used)
    {
      rt_error_format (&rt_exc_RuntimeError, "dictionary changed size during iteration");
      di->used = -1;  /* sticky */
      *error = true;
      return false;
    }
  if (!reverse)
    {
      int64_t n = k->nentries;
      for (; i < n; i++)
        {
          rt_dk_entry (k, i, key, value);
          if (*value != NULL)
            break;
        }
      if (i >= n)
        return false;
      /* An entry, but one the length did not expect. */
      if (di->len == 0)
        {
          rt_error_format (&rt_exc_RuntimeError, "dictionary keys changed during iteration");
          *error = true;
          return false;
        }
      di->pos = i + 1;
    }
  else
    {
      if (i < 0)
        return false;
      for (;; i--)
        {
          if (i < 0)
            return false;
          rt_dk_entry (k, i, key, value);
          if (*value != NULL)
            break;
        }
      di->pos = i - 1;
    }
  di->len--;
  return true;
}

static RtObject *
dictiter_next_key_or_value (RtObject *self, bool reverse, bool want_value)
{
  RtDictIter *di = (RtDictIter *) self;
  RtObject *key, *value;
  bool error;

  if (di->dict == NULL)
    return NULL;
  if (!dictiter_advance (di, reverse, &key, &value, &error))
    {
      if (error && di->used == -1)
        return NULL;
      return dictiter_exhaust (di);
    }
  return rt_newref (want_value ? value : key);
}

/* (key, value), in the iterator's own tuple when only it holds that. */
static RtObject *
dictiter_next_item (RtObject *self, bool reverse)
{
  RtDictIter *di = (RtDictIter *) self;
  RtObject *key, *value, *result;
  bool error;

  if (di->dict == NULL)
    return NULL;
  if (!dictiter_advance (di, reverse, &key, &value, &error))
    {
      if (error && di->used == -1)
        return NULL;
      return dictiter_exhaust (di);
    }
  rt_incref (key);
  rt_incref (value);
  result = di->result;
  if (RT_REFCNT (result) == 1)
    {
      RtObject *oldkey = RT_TUPLE_ITEMS (result)[0];
      RtObject *oldvalue = RT_TUPLE_ITEMS (result)[1];

      RT_EVENT_REF_DEL (result, rt_slot_index (0), oldkey);
      RT_EVENT_REF_DEL (result, rt_slot_index (1), oldvalue);
      rt_tuple_init_item (result, 0, key);
      rt_tuple_init_item (result, 1, value);
      rt_incref (result);
      rt_decref (oldkey);
      rt_decref (oldvalue);
      /* A collection may have untracked the tuple; it is reused, so
       * track it again (bpo-42536). */
      if (!rt_gc_is_tracked (result))
        rt_gc_track (result);
      return result;
    }
  result = rt_tuple_new (2);
  if (result == NULL)
    {
      rt_decref (key);
      rt_decref (value);
      return NULL;
    }
  rt_tuple_init_item (result, 0, key);
  rt_tuple_init_item (result, 1, value);
  return result;
}

static RtObject *
dictiter_iternextkey (RtObject *self)
{
  return dictiter_next_key_or_value (self, false, false);
}

static RtObject *
dictiter_iternextvalue (RtObject *self)
{
  return dictiter_next_key_or_value (self, false, true);
}

static RtObject *
dictiter_iternextitem (RtObject *self)
{
  return dictiter_next_item (self, false);
}

static RtObject *
dictreviter_iternextkey (RtObject *self)
{
  return dictiter_next_key_or_value (self, true, false);
}

static RtObject *
dictreviter_iternextvalue (RtObject *self)
{
  return dictiter_next_key_or_value (self, true, true);
}

static RtObject *
dictreviter_iternextitem (RtObject *self)
{
  return dictiter_next_item (self, true);
}

static RtObject *
dictiter_length_hint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtDictIter *di = (RtDictIter *) self;
  int64_t len = 0;

  (void) args;
  if (!rt_args_none ("__length_hint__", nargs, kwnames))
    return NULL;
  if (di->dict != NULL && di->used == ((RtDict *) di->dict)->used)
    len = di->len;
  return rt_int_from_i64 (len);
}

static const RtMethodDef dictiter_methods[] = {
  { "__length_hint__", dictiter_length_hint, 0 },
  { NULL, NULL, 0 },
};

static size_t
dictiter_size_of (RtObject *self)
{
  (void) self;
  return CPY_ITER_SIZE;
}

#define DICT_ITER_TYPE(cname, pyname, next)                                    \
  RtType cname = {                                                             \
    .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },                               \
    .name = pyname,                                                            \
    .flags = RT_TPFLAG_GC,                                                     \
    .basic_size = sizeof (RtDictIter),                                         \
    .dealloc = dictiter_dealloc,                                               \
    .traverse = dictiter_traverse,                                             \
    .refs = dictiter_refs,                                                     \
    .iter = rt_self_iter,                                                      \
    .iternext = next,                                                          \
    .methods = dictiter_methods,                                               \
    .size_of = dictiter_size_of,                                               \
  }

DICT_ITER_TYPE (rt_dict_keyiter_type, "dict_keyiterator", dictiter_iternextkey);
DICT_ITER_TYPE (rt_dict_valueiter_type, "dict_valueiterator", dictiter_iternextvalue);
DICT_ITER_TYPE (rt_dict_itemiter_type, "dict_itemiterator", dictiter_iternextitem);
DICT_ITER_TYPE (rt_dict_revkeyiter_type, "dict_reversekeyiterator", dictreviter_iternextkey);
DICT_ITER_TYPE (rt_dict_revvalueiter_type, "dict_reversevalueiterator",
                dictreviter_iternextvalue);
DICT_ITER_TYPE (rt_dict_revitemiter_type, "dict_reverseitemiterator", dictreviter_iternextitem);

/* Views */

RtObject *
rt_dict_view_new (RtObject *dict, RtType *type)
{
  RtDictView *dv;

  if (!rt_is_dict (dict))
    {
      rt_error_format (&rt_exc_TypeError, "%s() requires a dict argument, not '%T'", type->name,
                       dict);
      return NULL;
    }
  dv = (RtDictView *) rt_gc_alloc (type, sizeof (RtDictView));
  if (dv == NULL)
    return NULL;
  dv->dict = NULL;
  RT_EVENT_BORN (dv, 0);
  dv->dict = rt_newref (dict);
  RT_EVENT_REF_ADD (dv, rt_slot_label (RT_LABEL_KEYS), dict);
  rt_gc_track (&dv->ob);
  return &dv->ob;
}

static void
dictview_dealloc (RtObject *self)
{
  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (((RtDictView *) self)->dict);
  rt_gc_free (self, sizeof (RtDictView));
}

static int
dictview_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtDictView *) self)->dict);
  return 0;
}

static void
dictview_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtDictView *dv = (RtDictView *) self;

  if (dv->dict != NULL)
    visit (self, rt_slot_label (RT_LABEL_KEYS), dv->dict, arg);
}

static int64_t
dictview_len (RtObject *self)
{
  RtDictView *dv = (RtDictView *) self;

  return dv->dict != NULL ? rt_dict_size (dv->dict) : 0;
}

static size_t
dictview_size_of (RtObject *self)
{
  (void) self;
  return CPY_VIEW_SIZE;
}

static RtObject *
dictview_repr (RtObject *self)
{
  RtObject *seq, *result = NULL;
  int rc = rt_repr_enter (self);

  if (rc != 0)
    return rc > 0 ? rt_str_from_cstr ("...") : NULL;
  seq = rt_list_from_iterable (self);
  if (seq != NULL)
    {
      result = rt_str_from_format ("%s(%R)", RT_TYPE (self)->name, seq);
      rt_decref (seq);
    }
  rt_repr_leave (self);
  return result;
}

static bool
is_view_set (RtObject *o)
{
  return rt_is_instance_of (o, &rt_dict_keys_type) || rt_is_instance_of (o, &rt_dict_items_type);
}

static bool
is_any_set (RtObject *o)
{
  return rt_is_instance_of (o, &rt_set_type) || rt_is_instance_of (o, &rt_frozenset_type);
}

/* 1 if every item of self is in other, iterating over self. */
static int
all_contained_in (RtObject *self, RtObject *other)
{
  RtObject *iter = rt_iter (self), *next;
  int ok = 1;

  if (iter == NULL)
    return -1;
  for (;;)
    {
      next = rt_iter_next (iter);
      if (next == NULL)
        {
          if (rt_error_occurred ())
            ok = -1;
          break;
        }
      ok = rt_contains (other, next);
      rt_decref (next);
      if (ok <= 0)
        break;
    }
  rt_decref (iter);
  return ok;
}

static RtObject *
dictview_richcompare (RtObject *self, RtObject *other, int op)
{
  int64_t len_self, len_other;
  int ok = 0;

  if (!is_any_set (other) && !is_view_set (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  len_self = rt_length (self);
  if (len_self < 0)
    return NULL;
  len_other = rt_length (other);
  if (len_other < 0)
    return NULL;
  switch (op)
    {
    case RT_NE:
    case RT_EQ:
      if (len_self == len_other)
        ok = all_contained_in (self, other);
      if (op == RT_NE && ok >= 0)
        ok = !ok;
      break;
    case RT_LT:
      if (len_self < len_other)
        ok = all_contained_in (self, other);
      break;
    case RT_LE:
      if (len_self <= len_other)
        ok = all_contained_in (self, other);
      break;
    case RT_GT:
      if (len_self > len_other)
        ok = all_contained_in (other, self);
      break;
    case RT_GE:
      if (len_self >= len_other)
        ok = all_contained_in (other, self);
      break;
    }
  if (ok < 0)
    return NULL;
  return rt_bool_new (ok);
}

static int
dictkeys_contains (RtObject *self, RtObject *obj)
{
  RtDictView *dv = (RtDictView *) self;

  if (dv->dict == NULL)
    return 0;
  return rt_dict_contains (dv->dict, obj);
}

static int
dictitems_contains (RtObject *self, RtObject *obj)
{
  RtDictView *dv = (RtDictView *) self;
  RtObject *found;
  int result;

  if (dv->dict == NULL || !rt_is_tuple (obj) || RT_TUPLE_SIZE (obj) != 2)
    return 0;
  found = rt_dict_get_item (dv->dict, RT_TUPLE_ITEMS (obj)[0]);
  if (found == NULL)
    return rt_error_occurred () ? -1 : 0;
  rt_incref (found);
  result = rt_richcompare_bool (found, RT_TUPLE_ITEMS (obj)[1], RT_EQ);
  rt_decref (found);
  return result;
}

/* A set of the view's items (of its dict's keys, which is faster). */
static RtObject *
dictviews_to_set (RtObject *self)
{
  RtObject *left = self;

  if (rt_is_instance_of (self, &rt_dict_keys_type))
    {
      RtObject *dict = ((RtDictView *) self)->dict;
      if (RT_TYPE (dict) == &rt_dict_type)
        left = dict;
    }
  return rt_set_new (left);
}

static RtObject *
dictviews_sub (RtObject *self, RtObject *other)
{
  RtObject *result = dictviews_to_set (self);

  if (result == NULL)
    return NULL;
  if (rt_set_difference_update_internal (result, other) < 0)
    {
      rt_decref (result);
      return NULL;
    }
  return result;
}

static RtObject *
dictviews_or (RtObject *self, RtObject *other)
{
  RtObject *result = dictviews_to_set (self);

  if (result == NULL)
    return NULL;
  if (rt_set_update_internal (result, other) < 0)
    {
      rt_decref (result);
      return NULL;
    }
  return result;
}

static RtObject *
dictviews_xor (RtObject *self, RtObject *other)
{
  RtObject *result = dictviews_to_set (self);

  if (result == NULL)
    return NULL;
  if (rt_set_symmetric_difference_update_internal (result, other) < 0)
    {
      rt_decref (result);
      return NULL;
    }
  return result;
}

static RtObject *
dictviews_and (RtObject *self, RtObject *other)
{
  RtObject *result, *it, *key;
  int64_t len_self;
  int (*contains) (RtObject *, RtObject *);

  /* The view may be the right operand. */
  if (!is_view_set (self))
    {
      RtObject *tmp = other;
      other = self;
      self = tmp;
    }
  len_self = dictview_len (self);
  /* A bigger set: reuse set intersection. */
  if (RT_TYPE (other) == &rt_set_type && len_self <= rt_set_size (other))
    return rt_set_intersection (other, self);
  if (is_view_set (other) && dictview_len (other) > len_self)
    {
      RtObject *tmp = other;
      other = self;
      self = tmp;
    }
  result = rt_set_new (NULL);
  if (result == NULL)
    return NULL;
  it = rt_iter (other);
  if (it == NULL)
    {
      rt_decref (result);
      return NULL;
    }
  contains = rt_is_instance_of (self, &rt_dict_keys_type) ? dictkeys_contains
                                                          : dictitems_contains;
  while ((key = rt_iter_next (it)) != NULL)
    {
      int rv = contains (self, key);
      if (rv < 0 || (rv > 0 && rt_set_add (result, key) < 0))
        {
          rt_decref (key);
          goto fail;
        }
      rt_decref (key);
    }
  if (rt_error_occurred ())
    goto fail;
  rt_decref (it);
  return result;

fail:
  rt_decref (it);
  rt_decref (result);
  return NULL;
}

static RtObject *
dictviews_isdisjoint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *other, *it, *item;

  if (!rt_args_one ("isdisjoint", nargs, kwnames))
    return NULL;
  other = args[0];
  if (self == other)
    return rt_bool_new (dictview_len (self) == 0);
  /* Iterate over the shorter one when other is set-like. */
  if (is_any_set (other) || is_view_set (other))
    {
      int64_t len_self = dictview_len (self), len_other = rt_length (other);
      if (len_other == -1)
        return NULL;
      if (len_other > len_self)
        {
          RtObject *tmp = other;
          other = self;
          self = tmp;
        }
    }
  it = rt_iter (other);
  if (it == NULL)
    return NULL;
  while ((item = rt_iter_next (it)) != NULL)
    {
      int contains = rt_contains (self, item);
      rt_decref (item);
      if (contains != 0)
        {
          rt_decref (it);
          return contains < 0 ? NULL : rt_bool_new (false);
        }
    }
  rt_decref (it);
  if (rt_error_occurred ())
    return NULL;
  return rt_bool_new (true);
}

static RtObject *
dictkeys_iter (RtObject *self)
{
  RtDictView *dv = (RtDictView *) self;

  if (dv->dict == NULL)
    return rt_none_new ();
  return rt_dict_iter_new (dv->dict, &rt_dict_keyiter_type);
}

static RtObject *
dictvalues_iter (RtObject *self)
{
  RtDictView *dv = (RtDictView *) self;

  if (dv->dict == NULL)
    return rt_none_new ();
  return rt_dict_iter_new (dv->dict, &rt_dict_valueiter_type);
}

static RtObject *
dictitems_iter (RtObject *self)
{
  RtDictView *dv = (RtDictView *) self;

  if (dv->dict == NULL)
    return rt_none_new ();
  return rt_dict_iter_new (dv->dict, &rt_dict_itemiter_type);
}

static RtObject *
view_reversed (RtObject *self, RtType *type, size_t nargs, RtObject *kwnames)
{
  RtDictView *dv = (RtDictView *) self;

  if (!rt_args_none ("__reversed__", nargs, kwnames))
    return NULL;
  if (dv->dict == NULL)
    return rt_none_new ();
  return rt_dict_iter_new (dv->dict, type);
}

static RtObject *
dictkeys_reversed (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  return view_reversed (self, &rt_dict_revkeyiter_type, nargs, kwnames);
}

static RtObject *
dictvalues_reversed (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  return view_reversed (self, &rt_dict_revvalueiter_type, nargs, kwnames);
}

static RtObject *
dictitems_reversed (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  return view_reversed (self, &rt_dict_revitemiter_type, nargs, kwnames);
}

static const RtMethodDef dictkeys_methods[] = {
  { "isdisjoint", dictviews_isdisjoint, 0 },
  { "__reversed__", dictkeys_reversed, 0 },
  { NULL, NULL, 0 },
};

static const RtMethodDef dictitems_methods[] = {
  { "isdisjoint", dictviews_isdisjoint, 0 },
  { "__reversed__", dictitems_reversed, 0 },
  { NULL, NULL, 0 },
};

static const RtMethodDef dictvalues_methods[] = {
  { "__reversed__", dictvalues_reversed, 0 },
  { NULL, NULL, 0 },
};

static const RtNumberMethods dictviews_as_number = {
  .subtract = dictviews_sub,
  .and_ = dictviews_and,
  .xor_ = dictviews_xor,
  .or_ = dictviews_or,
};

static const RtSequenceMethods dictkeys_as_sequence = {
  .length = dictview_len,
  .contains = dictkeys_contains,
};

static const RtSequenceMethods dictitems_as_sequence = {
  .length = dictview_len,
  .contains = dictitems_contains,
};

static const RtSequenceMethods dictvalues_as_sequence = {
  .length = dictview_len,
};

RtType rt_dict_keys_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "dict_keys",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtDictView),
  .dealloc = dictview_dealloc,
  .traverse = dictview_traverse,
  .refs = dictview_refs,
  .repr = dictview_repr,
  .richcompare = dictview_richcompare,
  .iter = dictkeys_iter,
  .number = &dictviews_as_number,
  .sequence = &dictkeys_as_sequence,
  .methods = dictkeys_methods,
  .size_of = dictview_size_of,
};

RtType rt_dict_items_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "dict_items",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtDictView),
  .dealloc = dictview_dealloc,
  .traverse = dictview_traverse,
  .refs = dictview_refs,
  .repr = dictview_repr,
  .richcompare = dictview_richcompare,
  .iter = dictitems_iter,
  .number = &dictviews_as_number,
  .sequence = &dictitems_as_sequence,
  .methods = dictitems_methods,
  .size_of = dictview_size_of,
};

RtType rt_dict_values_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "dict_values",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtDictView),
  .dealloc = dictview_dealloc,
  .traverse = dictview_traverse,
  .refs = dictview_refs,
  .repr = dictview_repr,
  .iter = dictvalues_iter,
  .sequence = &dictvalues_as_sequence,
  .methods = dictvalues_methods,
  .size_of = dictview_size_of,
};
