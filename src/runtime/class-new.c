/* class-new.c: the class statement, as CPython 3.11's type_new: bases,
 * the C3 MRO, instance layout (__slots__, the managed dict), the namespace's
 * special entries, inherited slots and the dunder methods' slots. */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "mem.h"
#include "runtime.h"
#include "set.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>



static RtObject *(*module_name_hook) (void);

void
rt_class_set_module_hook (RtObject *(*hook) (void))
{
  module_name_hook = hook;
}


/* MRO: C3 linearization, as mro_implementation. */

static bool
tail_contains (RtObject *list, int64_t whence, RtObject *o)
{
  for (int64_t j = whence + 1; j < RT_TUPLE_SIZE (list); j++)
    if (RT_TUPLE_ITEMS (list)[j] == o)
      return true;
  return false;
}

static void
set_mro_error (RtObject **to_merge, int64_t n, const int64_t *remain)
{
  RtStrBuilder sb;
  RtObject *msg;
  int count = 0;

  rt_sb_init (&sb);
  rt_sb_append_cstr (&sb, "Cannot create a consistent method resolution\norder (MRO) for bases");
  /* The distinct heads left, in order. */
  RtObject *seen[64];
  int nseen = 0;
  for (int64_t i = 0; i < n; i++)
    {
      RtObject *l = to_merge[i];
      if (remain[i] < RT_TUPLE_SIZE (l))
        {
          RtObject *c = RT_TUPLE_ITEMS (l)[remain[i]];
          bool dup = false;
          for (int k = 0; k < nseen; k++)
            dup |= seen[k] == c;
          if (dup || nseen == 64)
            continue;
          seen[nseen++] = c;
          rt_sb_append_cstr (&sb, count++ ? ", " : " ");
          rt_sb_append_cstr (&sb, ((RtType *) c)->name);
        }
    }
  msg = rt_sb_finish (&sb);
  if (msg != NULL)
    {
      rt_error_set_object (&rt_exc_TypeError, msg);
      rt_decref (msg);
    }
}

static RtObject *
mro_implementation (RtType *type)
{
  RtObject *bases = type->bases;
  int64_t n = RT_TUPLE_SIZE (bases);
  RtObject **to_merge = NULL;
  int64_t *remain = NULL;
  RtObject **result = NULL;
  int64_t nresult = 0, cap = 1;
  RtObject *res = NULL;

  /* Duplicate bases first, as CPython. */
  for (int64_t i = 0; i < n; i++)
    for (int64_t j = i + 1; j < n; j++)
      if (RT_TUPLE_ITEMS (bases)[i] == RT_TUPLE_ITEMS (bases)[j])
        {
          rt_error_format (&rt_exc_TypeError, "duplicate base class %s",
                           ((RtType *) RT_TUPLE_ITEMS (bases)[i])->name);
          return NULL;
        }

  if (n == 1)
    {
      RtType *base = (RtType *) RT_TUPLE_ITEMS (bases)[0];
      int64_t k = RT_TUPLE_SIZE (base->mro);
      res = rt_tuple_new (k + 1);
      if (res == NULL)
        return NULL;
      rt_tuple_init_item (res, 0, rt_newref ((RtObject *) type));
      for (int64_t i = 0; i < k; i++)
        rt_tuple_init_item (res, i + 1, rt_newref (RT_TUPLE_ITEMS (base->mro)[i]));
      return res;
    }

  to_merge = calloc ((size_t) n + 1, sizeof *to_merge);
  remain = calloc ((size_t) n + 1, sizeof *remain);
  for (int64_t i = 0; i < n; i++)
    cap += RT_TUPLE_SIZE (((RtType *) RT_TUPLE_ITEMS (bases)[i])->mro);
  result = calloc ((size_t) cap, sizeof *result);
  if (to_merge == NULL || remain == NULL || result == NULL)
    {
      rt_error_no_memory ();
      goto out;
    }
  for (int64_t i = 0; i < n; i++)
    to_merge[i] = ((RtType *) RT_TUPLE_ITEMS (bases)[i])->mro;
  to_merge[n] = bases;
  result[nresult++] = (RtObject *) type;

again:
  for (int64_t i = 0; i < n + 1; i++)
    {
      RtObject *cur = to_merge[i];
      RtObject *candidate;
      bool bad = false;

      if (remain[i] >= RT_TUPLE_SIZE (cur))
        continue;
      candidate = RT_TUPLE_ITEMS (cur)[remain[i]];
      for (int64_t j = 0; j < n + 1; j++)
        if (tail_contains (to_merge[j], remain[j], candidate))
          {
            bad = true;
            break;
          }
      if (bad)
        continue;
      result[nresult++] = candidate;
      for (int64_t j = 0; j < n + 1; j++)
        if (remain[j] < RT_TUPLE_SIZE (to_merge[j])
            && RT_TUPLE_ITEMS (to_merge[j])[remain[j]] == candidate)
          remain[j]++;
      goto again;
    }
  for (int64_t i = 0; i < n + 1; i++)
    if (remain[i] < RT_TUPLE_SIZE (to_merge[i]))
      {
        set_mro_error (to_merge, n + 1, remain);
        goto out;
      }
  res = rt_tuple_from_array (result, (size_t) nresult);

out:
  free (to_merge);
  free (remain);
  free (result);
  return res;
}

/* Layout: the base that decides an instance's memory, as best_base. */

static bool
extra_ivars (RtType *type, RtType *base)
{
  size_t t_size = type->basic_size;

  if (type->item_size || base->item_size)
    return t_size != base->basic_size || type->item_size != base->item_size;
  if (rt_type_is_heap (type))
    {
      RtHeapType *ht = RT_HEAP_TYPE (type);
      if (ht->managed && t_size == (size_t) ht->dict_offset + sizeof (RtManagedDict)
          && rt_type_static_dict_offset (base) == 0
          && !(rt_type_is_heap (base) && RT_HEAP_TYPE (base)->dict_offset))
        t_size -= sizeof (RtManagedDict);
    }
  return t_size != base->basic_size;
}

static RtType *
solid_base (RtType *type)
{
  RtType *base = type->base != NULL ? solid_base (type->base) : &rt_object_type;

  return extra_ivars (type, base) ? type : base;
}

static RtType *
best_base (RtObject *bases)
{
  RtType *base = NULL, *winner = NULL;

  for (int64_t i = 0; i < RT_TUPLE_SIZE (bases); i++)
    {
      RtObject *proto = RT_TUPLE_ITEMS (bases)[i];
      RtType *b, *candidate;

      if (!rt_is_type (proto))
        {
          rt_error_format (&rt_exc_TypeError, "bases must be types");
          return NULL;
        }
      b = (RtType *) proto;
      if (!RT_TYPE_HAS (b, RT_TPFLAG_BASETYPE))
        {
          rt_error_format (&rt_exc_TypeError, "type '%s' is not an acceptable base type",
                           b->name);
          return NULL;
        }
      candidate = solid_base (b);
      if (winner == NULL)
        {
          winner = candidate;
          base = b;
        }
      else if (rt_type_is_subtype (winner, candidate))
        ;
      else if (rt_type_is_subtype (candidate, winner))
        {
          winner = candidate;
          base = b;
        }
      else
        {
          rt_error_format (&rt_exc_TypeError, "multiple bases have instance lay-out conflict");
          return NULL;
        }
    }
  return base;
}

RtType *
rt_type_solid_static_base (RtType *type)
{
  while (rt_type_is_heap (type))
    type = type->base;
  return type;
}

/* A built-in type's tp_new (not object's) just made obj for the class
 * type: CPython's allocator zeroes the memory the class added (members,
 * the managed dict), the built-in types' own allocators may not. */
void
rt_instance_prepare (RtType *type, RtObject *obj)
{
  RtType *base;

  if (!rt_type_is_heap (type) || RT_TYPE (obj) != type || RT_REFCNT (obj) != 1)
    return;
  base = rt_type_solid_static_base (type);
  if (type->basic_size > base->basic_size && type->item_size == 0)
    memset ((char *) obj + base->basic_size, 0, type->basic_size - base->basic_size);
}

/* Class creation. */

static void
set_field (RtObject *owner, RtObject **field, RtObject *value, RtRefLabel label)
{
  rt_field_set (owner, field, value, rt_slot_label (label));
}


/* The subclasses of a class, for slot updates: borrowed pointers in a
 * runtime block, so they go with the arenas even if the class lives to the
 * end. */
static bool
add_subclass (RtType *base, RtType *type)
{
  RtHeapType *hb;

  if (!rt_type_is_heap (base))
    return true;
  hb = RT_HEAP_TYPE (base);
  if (hb->n_subclasses == hb->subclasses_cap)
    {
      size_t cap = hb->subclasses_cap ? hb->subclasses_cap * 2 : 4;
      RtType **grown = rt_mem_realloc (hb->subclasses, hb->subclasses_cap * sizeof *grown,
                                       cap * sizeof *grown);
      if (grown == NULL)
        {
          rt_error_no_memory ();
          return false;
        }
      hb->subclasses = grown;
      hb->subclasses_cap = cap;
    }
  hb->subclasses[hb->n_subclasses++] = type;
  return true;
}

void
rt_type_remove_subclass (RtType *base, RtType *type)
{
  RtHeapType *hb;

  if (!rt_type_is_heap (base))
    return;
  hb = RT_HEAP_TYPE (base);
  for (size_t i = 0; i < hb->n_subclasses; i++)
    if (hb->subclasses[i] == type)
      {
        memmove (&hb->subclasses[i], &hb->subclasses[i + 1],
                 (hb->n_subclasses - i - 1) * sizeof *hb->subclasses);
        hb->n_subclasses--;
        return;
      }
}

size_t
rt_heap_type_subclasses (RtType *type, RtType ***out)
{
  if (!rt_type_is_heap (type))
    {
      *out = NULL;
      return 0;
    }
  *out = RT_HEAP_TYPE (type)->subclasses;
  return RT_HEAP_TYPE (type)->n_subclasses;
}

/* Private names in __slots__ are mangled as the compiler mangles them. */
static RtObject *
mangle_name (RtObject *class_name, RtObject *name)
{
  const char *n = rt_str_utf8 (name);
  const char *c = rt_str_utf8 (class_name);
  size_t len = (size_t) rt_str_size (name);

  if (len < 2 || n[0] != '_' || n[1] != '_')
    return rt_newref (name);
  if (len >= 4 && n[len - 1] == '_' && n[len - 2] == '_')
    return rt_newref (name);
  if (strchr (n, '.') != NULL)
    return rt_newref (name);
  while (*c == '_')
    c++;
  if (*c == '\0')
    return rt_newref (name);
  return rt_str_from_format ("_%s%s", c, n);
}

static bool
is_identifier (RtObject *s)
{
  const unsigned char *p = (const unsigned char *) rt_str_utf8 (s);

  if (*p == '\0' || (*p >= '0' && *p <= '9'))
    return false;
  for (; *p; p++)
    if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
          || (*p >= '0' && *p <= '9') || *p >= 0x80))
      return false;
  return true;
}

static int
compare_str_objects (const void *a, const void *b)
{
  RtObject *x = *(RtObject *const *) a;
  RtObject *y = *(RtObject *const *) b;
  size_t nx = (size_t) rt_str_size (x), ny = (size_t) rt_str_size (y);
  int c = memcmp (rt_str_utf8 (x), rt_str_utf8 (y), nx < ny ? nx : ny);

  if (c != 0)
    return c;
  return nx < ny ? -1 : nx > ny;
}

/* Whether instances of base already have CPython's weak reference list:
 * classes that added one, and the built-in types that have their own. */
static bool
has_weaklist (RtType *base)
{
  if (rt_type_is_heap (base))
    return RT_HEAP_TYPE (base)->has_weaklist;
  return rt_type_is_subtype (base, &rt_set_type) || rt_type_is_subtype (base, &rt_frozenset_type);
}

typedef struct
{
  bool add_dict, add_weak;
  RtObject *slots;   /* sorted tuple of mangled names, or NULL */
} RtSlotsSpec;

/* Reads __slots__: which members to add, and whether __dict__ and
 * __weakref__ are among them (type_new_slots). */
static bool
parse_slots (RtObject *name, RtObject *dict, RtType *base, RtSlotsSpec *spec)
{
  RtObject *raw = rt_dict_get_item (dict, rt_id (RT_ID___slots__));
  RtObject *seq = NULL, *names = NULL;
  RtObject **items = NULL;
  int64_t n = 0, k = 0;
  bool base_has_dict = rt_type_static_dict_offset (base) != 0
                       || (rt_type_is_heap (base) && RT_HEAP_TYPE (base)->dict_offset != 0);
  bool ok = false;

  spec->add_dict = !base_has_dict && base->item_size == 0;
  spec->add_weak = base->item_size == 0 && !has_weaklist (base);
  spec->slots = NULL;
  if (raw == NULL)
    return !rt_error_occurred ();

  seq = rt_is_str (raw) ? rt_tuple_pack (1, raw) : rt_tuple_from_iterable (raw);
  if (seq == NULL)
    return false;
  n = RT_TUPLE_SIZE (seq);
  if (n > 0 && base->item_size != 0)
    {
      rt_error_format (&rt_exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                       base->name);
      goto out;
    }
  spec->add_dict = false;
  spec->add_weak = false;
  items = calloc ((size_t) n + 1, sizeof *items);
  if (items == NULL)
    {
      rt_error_no_memory ();
      goto out;
    }
  for (int64_t i = 0; i < n; i++)
    {
      RtObject *s = RT_TUPLE_ITEMS (seq)[i];
      if (!rt_is_str (s))
        {
          rt_error_format (&rt_exc_TypeError, "__slots__ items must be strings, not '%s'",
                           RT_TYPE (s)->name);
          goto out;
        }
      if (!is_identifier (s))
        {
          rt_error_format (&rt_exc_TypeError, "__slots__ must be identifiers");
          goto out;
        }
      if (rt_str_equal (s, rt_id (RT_ID___dict__)))
        {
          if (!spec->add_dict && (base_has_dict || base->item_size))
            {
              rt_error_format (&rt_exc_TypeError,
                               "__dict__ slot disallowed: we already got one");
              goto out;
            }
          spec->add_dict = true;
          continue;
        }
      if (rt_str_equal (s, rt_id (RT_ID___weakref__)))
        {
          spec->add_weak = true;
          continue;
        }
      items[k] = mangle_name (name, s);
      if (items[k] == NULL)
        goto out;
      k++;
    }
  qsort (items, (size_t) k, sizeof *items, compare_str_objects);
  for (int64_t i = 0; i < k; i++)
    {
      int r = rt_dict_contains (dict, items[i]);
      if (r < 0)
        goto out;
      if (r > 0)
        {
          rt_error_format (&rt_exc_ValueError, "%R in __slots__ conflicts with class variable",
                           items[i]);
          goto out;
        }
    }
  names = rt_tuple_from_array (items, (size_t) k);
  if (names == NULL)
    goto out;
  spec->slots = names;
  ok = true;

out:
  for (int64_t i = 0; items != NULL && i < k; i++)
    rt_decref (items[i]);
  free (items);
  rt_decref (seq);
  return ok;
}

static bool
wrap_special_method (RtObject *dict, RtId id, bool classmethod)
{
  RtObject *f = rt_dict_get_item (dict, rt_id (id));
  RtObject *w;
  bool ok;

  if (f == NULL || RT_TYPE (f) != &rt_function_type)
    return !rt_error_occurred ();
  w = classmethod ? rt_classmethod_new (f) : rt_staticmethod_new (f);
  if (w == NULL)
    return false;
  ok = rt_dict_set_item (dict, rt_id (id), w) == 0;
  rt_decref (w);
  return ok;
}

static bool
set_names (RtType *type)
{
  RtObject *names = rt_dict_copy (type->dict);
  int64_t pos = 0;
  RtObject *key, *value;
  bool ok = true;

  if (names == NULL)
    return false;
  while (ok && rt_dict_next (names, &pos, &key, &value))
    {
      RtObject *set_name = rt_type_lookup (RT_TYPE (value), rt_id (RT_ID___set_name__));
      RtObject *args[2] = { (RtObject *) type, key };
      RtObject *res;

      if (set_name == NULL)
        continue;
      rt_incref (set_name);
      res = rt_call_prepend (set_name, value, args, 2, NULL);
      rt_decref (set_name);
      if (res == NULL)
        {
          /* CPython 3.11 adds a note naming the attribute. */
          ok = false;
          break;
        }
      rt_decref (res);
    }
  rt_decref (names);
  return ok;
}

static bool
init_subclass (RtType *type, RtObject *kwnames, RtObject *const *kwargs)
{
  RtObject *mro = type->mro;
  RtObject *func = NULL, *res;

  /* super(type, type).__init_subclass__(**kwds) */
  for (int64_t i = 1; i < RT_TUPLE_SIZE (mro); i++)
    {
      RtType *t = (RtType *) RT_TUPLE_ITEMS (mro)[i];
      RtObject *d = t->dict ? rt_dict_get_item (t->dict, rt_id (RT_ID___init_subclass__)) : NULL;
      if (d != NULL)
        {
          if (RT_TYPE (d)->descr_get != NULL)
            func = RT_TYPE (d)->descr_get (d, NULL, type);
          else
            func = rt_newref (d);
          break;
        }
    }
  if (func == NULL)
    return !rt_error_occurred ();
  res = rt_call (func, kwargs, 0, kwnames);
  rt_decref (func);
  if (res == NULL)
    return false;
  rt_decref (res);
  return true;
}

static RtObject *
type_new_impl (RtObject *name, RtObject *bases_in, RtObject *ns, RtObject *kwnames,
               RtObject *const *kwargs)
{
  RtHeapType *ht = NULL;
  RtType *type, *base;
  RtObject *bases = NULL, *dict = NULL, *qualname = NULL, *cell = NULL;
  RtSlotsSpec spec = { 0 };
  size_t members_at;
  int r;

  if (memchr (rt_str_utf8 (name), '\0', (size_t) rt_str_size (name)) != NULL)
    {
      rt_error_format (&rt_exc_ValueError, "type name must not contain null characters");
      return NULL;
    }
  if (RT_TUPLE_SIZE (bases_in) == 0)
    bases = rt_tuple_pack (1, (RtObject *) &rt_object_type);
  else
    bases = rt_newref (bases_in);
  if (bases == NULL)
    return NULL;
  base = best_base (bases);
  if (base == NULL)
    goto fail;

  dict = rt_dict_copy (ns);
  if (dict == NULL)
    goto fail;

  /* __module__ from the caller's globals when the namespace has none. */
  r = rt_dict_contains (dict, rt_id (RT_ID___module__));
  if (r < 0)
    goto fail;
  if (r == 0)
    {
      RtObject *module = module_name_hook ? module_name_hook () : rt_id (RT_ID___main__);
      if (module != NULL && rt_dict_set_item (dict, rt_id (RT_ID___module__), module) < 0)
        goto fail;
    }

  qualname = rt_dict_get_item (dict, rt_id (RT_ID___qualname__));
  if (qualname != NULL)
    {
      if (!rt_is_str (qualname))
        {
          rt_error_format (&rt_exc_TypeError, "type __qualname__ must be a str, not %s",
                           RT_TYPE (qualname)->name);
          qualname = NULL;
          goto fail;
        }
      rt_incref (qualname);
      if (rt_dict_del_item (dict, rt_id (RT_ID___qualname__)) < 0)
        goto fail;
    }
  else if (rt_error_occurred ())
    goto fail;
  else
    qualname = rt_newref (name);

  cell = rt_dict_get_item (dict, rt_id (RT_ID___classcell__));
  if (cell != NULL)
    {
      if (RT_TYPE (cell) != &rt_cell_type)
        {
          rt_error_format (&rt_exc_TypeError, "__classcell__ must be a nonlocal cell, not %R",
                           (RtObject *) RT_TYPE (cell));
          cell = NULL;
          goto fail;
        }
      rt_incref (cell);
      if (rt_dict_del_item (dict, rt_id (RT_ID___classcell__)) < 0)
        goto fail;
    }

  if (!parse_slots (name, dict, base, &spec))
    goto fail;
  if (!wrap_special_method (dict, RT_ID___new__, false)
      || !wrap_special_method (dict, RT_ID___init_subclass__, true)
      || !wrap_special_method (dict, RT_ID___class_getitem__, true))
    goto fail;

  ht = (RtHeapType *) rt_gc_alloc (&rt_type_type, sizeof (RtHeapType));
  if (ht == NULL)
    goto fail;
  memset ((char *) ht + sizeof (RtObject), 0, sizeof (RtHeapType) - sizeof (RtObject));
  type = &ht->type;
  type->flags = RT_TPFLAG_HEAPTYPE | RT_TPFLAG_BASETYPE | RT_TPFLAG_GC
                | (base->flags
                   & (RT_TPFLAG_INT_SUBCLASS | RT_TPFLAG_STR_SUBCLASS | RT_TPFLAG_LIST_SUBCLASS
                      | RT_TPFLAG_TUPLE_SUBCLASS | RT_TPFLAG_DICT_SUBCLASS
                      | RT_TPFLAG_TYPE_SUBCLASS | RT_TPFLAG_EXC_SUBCLASS
                      | RT_TPFLAG_FLOAT_SUBCLASS));
  /* The shared keys count in the class's size: there before it is born. */
  if (spec.add_dict && base->item_size == 0 && rt_type_static_dict_offset (base) == 0
      && !(rt_type_is_heap (base) && RT_HEAP_TYPE (base)->dict_offset != 0))
    {
      RtSharedKeys *keys = rt_mem_alloc (RT_SHARED_KEYS_BYTES, RT_MEM_RAW);

      if (keys == NULL)
        {
          rt_gc_free ((RtObject *) type, sizeof (RtHeapType));
          rt_error_no_memory ();
          goto fail;
        }
      memset (keys, 0, sizeof *keys);
      keys->usable = RT_SHARED_KEYS_MAX;
      type->cached_keys = keys;
    }
  RT_EVENT_BORN (type, 0);
  rt_gc_track ((RtObject *) type);

  type->number = &ht->as_number;
  type->sequence = &ht->as_sequence;
  type->mapping = &ht->as_mapping;
  set_field ((RtObject *) type, &type->name_obj, name, RT_LABEL_NAME);
  type->name = rt_str_utf8 (name);
  set_field ((RtObject *) type, &type->qualname, qualname, RT_LABEL_QUALNAME);
  set_field ((RtObject *) type, (RtObject **) &type->base, (RtObject *) base, RT_LABEL_BASE);
  set_field ((RtObject *) type, &type->bases, bases, RT_LABEL_BASES);
  set_field ((RtObject *) type, &type->dict, dict, RT_LABEL_DICT);

  /* Layout: the base's memory, then __slots__ members, then the managed
   * dict when this class adds one. */
  type->basic_size = (base->basic_size + 7u) & ~7u;
  type->item_size = base->item_size;
  if (rt_type_is_heap (base))
    {
      ht->dict_offset = RT_HEAP_TYPE (base)->dict_offset;
      ht->managed = RT_HEAP_TYPE (base)->managed;
      ht->has_weaklist = RT_HEAP_TYPE (base)->has_weaklist;
    }
  else
    ht->dict_offset = rt_type_static_dict_offset (base);
  members_at = type->basic_size;
  if (spec.slots != NULL)
    {
      set_field ((RtObject *) type, &ht->slot_names, spec.slots, RT_LABEL_OTHER);
      ht->nslots = RT_TUPLE_SIZE (spec.slots);
      type->basic_size += (uint32_t) ((size_t) ht->nslots * sizeof (RtObject *));
    }
  /* A dict after variable-size items (int, str, tuple subclasses) is not
   * supported: their instances take no attributes. */
  if (type->cached_keys != NULL)
    {
      ht->dict_offset = type->basic_size;
      ht->managed = true;
      type->basic_size += sizeof (RtManagedDict);
    }
  else
    spec.add_dict = false;
  if (ht->managed)
    type->flags |= RT_TPFLAG_MANAGED_DICT;
  if (spec.add_weak && !ht->has_weaklist)
    ht->has_weaklist = true;
  else
    spec.add_weak = false;

  type->dealloc = rt_instance_dealloc;
  type->traverse = rt_instance_traverse;
  type->clear = rt_instance_clear;
  type->refs = rt_instance_refs;
  type->size_of = rt_instance_size_of;

  /* Members for __slots__, then the __dict__ and __weakref__ getsets, then
   * __doc__, in CPython's order. */
  for (int64_t i = 0; i < ht->nslots; i++)
    {
      RtMemberDef *def = rt_mem_alloc (sizeof *def, RT_MEM_RAW);
      RtObject *descr;

      if (def == NULL)
        {
          rt_error_no_memory ();
          goto fail_type;
        }
      def->name = rt_str_utf8 (RT_TUPLE_ITEMS (spec.slots)[i]);
      def->offset = members_at + (size_t) i * sizeof (RtObject *);
      def->flags = RT_MEMBER_OBJECT_EX | RT_MEMBER_OWNED;
      def->label = 0;
      descr = rt_member_descr_new (type, def);
      if (descr == NULL)
        {
          rt_mem_free (def, sizeof *def);
          goto fail_type;
        }
      r = rt_dict_set_item (dict, RT_TUPLE_ITEMS (spec.slots)[i], descr);
      rt_decref (descr);
      if (r < 0)
        goto fail_type;
    }
  if (spec.add_dict)
    {
      RtObject *d = rt_getset_descr_new (type, &rt_subtype_dict_getset);
      if (d == NULL || !rt_type_dict_add (dict, rt_id (RT_ID___dict__), d))
        {
          rt_xdecref (d);
          goto fail_type;
        }
      rt_decref (d);
    }
  if (spec.add_weak)
    {
      RtObject *d = rt_getset_descr_new (type, &rt_subtype_weakref_getset);
      if (d == NULL || !rt_type_dict_add (dict, rt_id (RT_ID___weakref__), d))
        {
          rt_xdecref (d);
          goto fail_type;
        }
      rt_decref (d);
    }
  if (!rt_type_dict_add (dict, rt_id (RT_ID___doc__), RT_NONE))
    goto fail_type;

  /* MRO, inherited slots, then the dunder methods' slot functions. */
  {
    RtObject *mro = mro_implementation (type);
    if (mro == NULL)
      goto fail_type;
    set_field ((RtObject *) type, &type->mro, mro, RT_LABEL_MRO);
    rt_decref (mro);
  }
  type->tp_new = base->tp_new;
  for (int64_t i = 1; i < RT_TUPLE_SIZE (type->mro); i++)
    if (!rt_type_inherit_slots (type, (RtType *) RT_TUPLE_ITEMS (type->mro)[i]))
      goto fail_type;
  /* inherit_slots took the base's instance handlers; a class's own win. */
  type->dealloc = rt_instance_dealloc;
  type->traverse = rt_instance_traverse;
  type->clear = rt_instance_clear;
  type->refs = rt_instance_refs;
  type->size_of = rt_instance_size_of;
  if (!rt_type_ready_set_hash (type))
    goto fail_type;
  rt_slots_fixup (type);

  for (int64_t i = 0; i < RT_TUPLE_SIZE (bases); i++)
    if (!add_subclass ((RtType *) RT_TUPLE_ITEMS (bases)[i], type))
      goto fail_type;

  if (!set_names (type) || !init_subclass (type, kwnames, kwargs))
    goto fail_type;
  if (cell != NULL)
    {
      rt_cell_set (cell, (RtObject *) type);
      rt_decref (cell);
    }
  rt_xdecref (spec.slots);
  rt_decref (qualname);
  rt_decref (dict);
  rt_decref (bases);
  return (RtObject *) type;

fail_type:
  rt_xdecref (spec.slots);
  spec.slots = NULL;
  rt_decref ((RtObject *) type);
fail:
  rt_xdecref (spec.slots);
  rt_xdecref (cell);
  rt_xdecref (qualname);
  rt_xdecref (dict);
  rt_xdecref (bases);
  return NULL;
}

RtObject *
rt_class_new (RtObject *name, RtObject *bases, RtObject *ns)
{
  return type_new_impl (name, bases, ns, NULL, NULL);
}

RtObject *
rt_class_new_kw (RtObject *name, RtObject *bases, RtObject *ns, RtObject *const *kwargs,
                 RtObject *kwnames)
{
  return type_new_impl (name, bases, ns, kwnames, kwargs);
}

/* type.__new__(metatype, name, bases, dict, **kwds) */
RtObject *
rt_type_tp_new (RtType *metatype, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  size_t nkw = kwnames ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;

  (void) metatype;
  if (nargs != 3)
    {
      if (nargs == 1 && nkw == 0)
        rt_error_format (&rt_exc_TypeError, "type.__new__() takes exactly 3 arguments (1 given)");
      else if (nargs != 1 && nargs != 3)
        rt_error_format (&rt_exc_TypeError, "type() takes 1 or 3 arguments");
      return NULL;
    }
  if (!rt_is_str (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "type.__new__() argument 1 must be str, not %s",
                       RT_TYPE (args[0])->name);
      return NULL;
    }
  if (!rt_is_tuple (args[1]))
    {
      rt_error_format (&rt_exc_TypeError, "type.__new__() argument 2 must be tuple, not %s",
                       RT_TYPE (args[1])->name);
      return NULL;
    }
  if (!rt_is_dict (args[2]))
    {
      rt_error_format (&rt_exc_TypeError, "type.__new__() argument 3 must be dict, not %s",
                       RT_TYPE (args[2])->name);
      return NULL;
    }
  for (int64_t i = 0; i < RT_TUPLE_SIZE (args[1]); i++)
    if (!rt_is_type (RT_TUPLE_ITEMS (args[1])[i]))
      {
        rt_error_format (&rt_exc_TypeError,
                         "metaclass conflict: the metaclass of a derived class must be a "
                         "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
      }
  return type_new_impl (args[0], args[1], args[2], kwnames, args + nargs);
}

int
rt_type_tp_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) self;
  (void) args;
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0 && nargs == 1)
    {
      rt_error_format (&rt_exc_TypeError, "type.__init__() takes no keyword arguments");
      return -1;
    }
  if (nargs != 1 && nargs != 3)
    {
      rt_error_format (&rt_exc_TypeError, "type.__init__() takes 1 or 3 arguments");
      return -1;
    }
  return 0;
}

