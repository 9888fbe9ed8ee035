/* class.c: type objects, as CPython 3.11's typeobject.c: readying the
 * built-in types, classes made by class statements (type(name, bases,
 * dict)) with their MRO, layout and inherited slots, and `type` itself. */
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

/* CPython's sizeof(PyTypeObject) and sizeof(PyHeapTypeObject). */
#define CPY_STATIC_TYPE_SIZE 408
#define CPY_HEAP_TYPE_SIZE 904

/* Interned names. */

static const char *const id_strings[RT_ID_COUNT_] = {
  "__init__", "__new__", "__repr__", "__str__", "__hash__", "__eq__", "__ne__", "__lt__",
  "__le__", "__gt__", "__ge__", "__call__", "__iter__", "__next__", "__len__", "__getitem__",
  "__setitem__", "__delitem__", "__contains__", "__bool__", "__getattr__", "__getattribute__",
  "__setattr__", "__delattr__", "__get__", "__set__", "__delete__", "__del__", "__format__",
  "__index__", "__int__", "__float__", "__neg__", "__pos__", "__abs__", "__invert__",
  "__add__", "__radd__", "__iadd__", "__sub__", "__rsub__", "__isub__", "__mul__", "__rmul__",
  "__imul__", "__mod__", "__rmod__", "__imod__", "__floordiv__", "__rfloordiv__",
  "__ifloordiv__", "__truediv__", "__rtruediv__", "__itruediv__", "__pow__", "__rpow__",
  "__ipow__", "__lshift__", "__rlshift__", "__ilshift__", "__rshift__", "__rrshift__",
  "__irshift__", "__and__", "__rand__", "__iand__", "__xor__", "__rxor__", "__ixor__",
  "__or__", "__ror__", "__ior__", "__matmul__", "__rmatmul__", "__imatmul__", "__module__",
  "__qualname__", "__name__", "__doc__", "__dict__", "__weakref__", "__classcell__",
  "__slots__", "__init_subclass__", "__set_name__", "__class__", "__class_getitem__",
  "__dir__", "__package__", "__loader__", "__spec__", "__file__", "__annotations__",
  "__wrapped__", "__notes__", "__abstractmethods__", "__isabstractmethod__", "builtins",
  "__main__", "name", "obj", "__instancecheck__", "__subclasscheck__",
};

static RtObject *ids[RT_ID_COUNT_];

RtObject *
rt_id (RtId id)
{
  return ids[id];
}

bool
rt_ids_init (void)
{
  if (ids[0] != NULL)
    return true;
  for (int i = 0; i < RT_ID_COUNT_; i++)
    {
      ids[i] = rt_str_intern_cstr (id_strings[i]);
      if (ids[i] == NULL)
        {
          rt_ids_fini ();
          return false;
        }
    }
  rt_root_register (ids, RT_ID_COUNT_);
  return true;
}

void
rt_ids_fini (void)
{
  for (int i = 0; i < RT_ID_COUNT_; i++)
    RT_CLEAR (ids[i]);
}

void
rt_ids_visit (void (*visit) (RtObject *target, void *arg), void *arg)
{
  for (int i = 0; i < RT_ID_COUNT_; i++)
    if (ids[i] != NULL)
      visit (ids[i], arg);
}

/* The static types readied so far, with a copy of each as it was before
 * (slots get inherited into the static struct): fini restores it, so every
 * run of the runtime starts from the same types. */
#define MAX_STATIC_TYPES 256

typedef struct
{
  RtType *type;
  RtType *pristine;
  void *merged[3];   /* number, sequence, mapping tables made by inheritance */
} RtReadied;

static RtReadied readied[MAX_STATIC_TYPES];
static size_t n_readied;
static bool core_ready;

static RtReadied *
readied_entry (RtType *type)
{
  for (size_t i = 0; i < n_readied; i++)
    if (readied[i].type == type)
      return &readied[i];
  return NULL;
}

static RtObject *(*module_name_hook) (void);

void
rt_class_set_module_hook (RtObject *(*hook) (void))
{
  module_name_hook = hook;
}

void
rt_format_address (char buf[32], RtObject *obj)
{
  snprintf (buf, 32, "0x%" PRIx64, rt_object_id (obj));
}

/* Subtypes and lookup. */

bool
rt_type_is_subtype (RtType *a, RtType *b)
{
  RtObject *mro = a->mro;

  if (a == b)
    return true;
  if (mro != NULL)
    {
      for (int64_t i = 0; i < RT_TUPLE_SIZE (mro); i++)
        if (RT_TUPLE_ITEMS (mro)[i] == (RtObject *) b)
          return true;
      return false;
    }
  /* Not ready yet (or cleared by the collector): walk the bases. */
  for (RtType *t = a->base; t != NULL; t = t->base)
    if (t == b)
      return true;
  return b == &rt_object_type;
}

RtObject *
rt_type_lookup (RtType *type, RtObject *name)
{
  RtObject *mro = type->mro;

  if (mro == NULL)
    return NULL;
  for (int64_t i = 0; i < RT_TUPLE_SIZE (mro); i++)
    {
      RtType *base = (RtType *) RT_TUPLE_ITEMS (mro)[i];
      RtObject *res;

      if (base->dict == NULL)
        continue;
      res = rt_dict_get_item (base->dict, name);
      if (res != NULL)
        return res;
      if (rt_error_occurred ())
        {
          /* As _PyType_Lookup: a failing lookup counts as absent. */
          rt_error_clear ();
          return NULL;
        }
    }
  return NULL;
}

RtObject *
rt_type_lookup_cstr (RtType *type, const char *name)
{
  RtObject *key = rt_str_from_cstr (name);
  RtObject *res;

  if (key == NULL)
    {
      rt_error_clear ();
      return NULL;
    }
  res = rt_type_lookup (type, key);
  rt_decref (key);
  return res;
}

const char *
rt_type_name (RtType *type)
{
  return type->name;
}

void
rt_type_modified (RtType *type)
{
  /* No method cache to invalidate. */
  (void) type;
}

RtHash
rt_hash_pointer (RtObject *obj)
{
  uint64_t y = rt_object_id (obj);
  RtHash x;

  y = (y >> 4) | (y << 60);
  x = (RtHash) y;
  if (x == -1)
    x = -2;
  return x;
}

RtHash
rt_hash_not_implemented (RtObject *obj)
{
  rt_error_format (&rt_exc_TypeError, "unhashable type: '%s'", RT_TYPE (obj)->name);
  return -1;
}

/* The generic allocation of instances, as PyType_GenericAlloc: zeroed
 * memory, the class reference reported, tracked from birth. */
RtObject *
rt_type_generic_alloc (RtType *type, int64_t nitems)
{
  size_t size = type->basic_size + (size_t) nitems * type->item_size;
  RtObject *obj;

  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    obj = rt_gc_alloc (type, size);
  else
    obj = rt_object_alloc (type, size);
  if (obj == NULL)
    return NULL;
  memset ((char *) obj + sizeof (RtObject), 0, size - sizeof (RtObject));
  RT_EVENT_BORN (obj, 0);
  if (rt_type_is_heap (type))
    RT_EVENT_REF_ADD (obj, rt_slot_label (RT_LABEL_CLASS), type);
  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    rt_gc_track (obj);
  return obj;
}

/* Type attributes: the extras tables of the protocol's built-in types. */

const RtTypeExtra *
rt_type_extra (RtType *type)
{
  static RtTypeExtra table[16];
  static size_t n;

  if (n == 0)
    {
      table[n++] = (RtTypeExtra){ &rt_type_type, rt_type_getsets, rt_type_members,
                                  offsetof (RtType, dict) };
      table[n++] = (RtTypeExtra){ &rt_object_type, rt_object_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_function_type, rt_function_getsets, rt_function_members,
                                  rt_function_dict_offset };
      table[n++] = (RtTypeExtra){ &rt_method_type, rt_method_getsets, rt_method_members, 0 };
      table[n++] = (RtTypeExtra){ &rt_builtin_type, rt_builtin_getsets, rt_builtin_members, 0 };
      table[n++] = (RtTypeExtra){ &rt_method_descr_type, rt_descr_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_classmethod_descr_type, rt_descr_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_wrapper_descr_type, rt_descr_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_getset_descr_type, rt_descr_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_member_descr_type, rt_descr_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_method_wrapper_type, rt_method_wrapper_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_module_type, NULL, rt_module_members,
                                  rt_module_dict_offset };
      table[n++] = (RtTypeExtra){ &rt_cell_type, rt_cell_getsets, NULL, 0 };
      table[n++] = (RtTypeExtra){ &rt_property_type, rt_property_getsets, rt_property_members, 0 };
      table[n++] = (RtTypeExtra){ &rt_staticmethod_type, rt_funcwrap_getsets,
                                  rt_staticmethod_members, rt_funcwrap_dict_offset };
      table[n++] = (RtTypeExtra){ &rt_classmethod_type, rt_funcwrap_getsets,
                                  rt_classmethod_members, rt_funcwrap_dict_offset };
    }
  for (size_t i = 0; i < n; i++)
    if (table[i].type == type)
      return &table[i];
  if (type == &rt_super_type)
    {
      static RtTypeExtra super_extra;
      super_extra = (RtTypeExtra){ &rt_super_type, NULL, rt_super_members, 0 };
      return &super_extra;
    }
  return rt_exception_extra (type);
}

/* Where a static type's instances keep their dict, searching up the bases
 * (a built-in subtype shares its base's layout). */
static int64_t
static_dict_offset_uncached (RtType *type)
{
  for (RtType *t = type; t != NULL; t = t->base)
    {
      const RtTypeExtra *extra;

      if (rt_type_is_heap (t))
        continue;
      extra = rt_type_extra (t);
      if (extra != NULL)
        return extra->dict_offset;
    }
  return 0;
}

/* Attribute access asks this for every object of a built-in type: a small
 * cache keyed by the (static, never freed) type. */
#define DICT_OFFSET_CACHE 64

static int64_t
static_dict_offset (RtType *type)
{
  static RtType *types[DICT_OFFSET_CACHE];
  static int64_t offsets[DICT_OFFSET_CACHE];
  size_t i = ((uintptr_t) type >> 4) % DICT_OFFSET_CACHE;

  if (rt_type_is_heap (type))
    return static_dict_offset_uncached (type);
  if (types[i] != type)
    {
      offsets[i] = static_dict_offset_uncached (type);
      types[i] = type;
    }
  return offsets[i];
}

RtManagedDict *
rt_object_managed (RtObject *obj)
{
  RtType *type = RT_TYPE (obj);

  if (!rt_type_is_heap (type) || !RT_HEAP_TYPE (type)->managed)
    return NULL;
  return (RtManagedDict *) ((char *) obj + RT_HEAP_TYPE (type)->dict_offset);
}

RtObject **
rt_object_dict_ptr (RtObject *obj)
{
  RtType *type = RT_TYPE (obj);
  int64_t offset;

  if (rt_type_is_heap (type))
    {
      RtHeapType *ht = RT_HEAP_TYPE (type);
      if (ht->dict_offset == 0)
        return NULL;
      if (ht->managed)
        return &((RtManagedDict *) ((char *) obj + ht->dict_offset))->dict;
      return (RtObject **) ((char *) obj + ht->dict_offset);
    }
  offset = static_dict_offset (type);
  if (offset == 0)
    return NULL;
  return (RtObject **) ((char *) obj + offset);
}

/* Readying built-in types. */

static bool
dict_add_if_absent (RtObject *dict, RtObject *name, RtObject *value)
{
  int r = rt_dict_contains (dict, name);

  if (r < 0)
    return false;
  if (r > 0)
    return true;
  return rt_dict_set_item (dict, name, value) == 0;
}

static bool
add_methods (RtType *type)
{
  for (const RtMethodDef *def = type->methods; def != NULL && def->name != NULL; def++)
    {
      RtObject *name = rt_str_intern_cstr (def->name);
      RtObject *descr = NULL;
      bool ok = false;

      if (name == NULL)
        return false;
      if (def->flags & RT_METH_STATIC)
        {
          RtObject *fn = rt_builtin_new (def, (RtObject *) type, NULL);
          if (fn != NULL)
            {
              descr = rt_staticmethod_new (fn);
              rt_decref (fn);
            }
        }
      else
        descr = rt_method_descr_new (def, type);
      if (descr != NULL)
        {
          ok = dict_add_if_absent (type->dict, name, descr);
          rt_decref (descr);
        }
      rt_decref (name);
      if (!ok)
        return false;
    }
  return true;
}

/* Getsets other parts registered for their types. */
#define MAX_EXTRA_GETSETS 64
static struct
{
  RtType *type;
  const RtGetSetDef *getsets;
} extra_getsets[MAX_EXTRA_GETSETS];
static size_t n_extra_getsets;

static bool
add_getsets (RtType *type, const RtGetSetDef *getsets)
{
  for (const RtGetSetDef *g = getsets; g != NULL && g->name != NULL; g++)
    {
      RtObject *name = rt_str_intern_cstr (g->name);
      RtObject *descr = name ? rt_getset_descr_new (type, g) : NULL;
      bool ok = descr != NULL && dict_add_if_absent (type->dict, name, descr);

      rt_xdecref (descr);
      rt_xdecref (name);
      if (!ok)
        return false;
    }
  return true;
}

bool
rt_type_add_getsets (RtType *type, const RtGetSetDef *getsets)
{
  if (type->dict != NULL && type->mro != NULL)
    return add_getsets (type, getsets);
  if (n_extra_getsets == MAX_EXTRA_GETSETS)
    {
      rt_error_format (&rt_exc_SystemError, "too many attribute tables");
      return false;
    }
  extra_getsets[n_extra_getsets].type = type;
  extra_getsets[n_extra_getsets].getsets = getsets;
  n_extra_getsets++;
  return true;
}

static bool
add_extras (RtType *type)
{
  const RtTypeExtra *extra = rt_type_extra (type);

  for (size_t i = 0; i < n_extra_getsets; i++)
    if (extra_getsets[i].type == type && !add_getsets (type, extra_getsets[i].getsets))
      return false;

  if (extra == NULL)
    return true;
  for (const RtMemberDef *m = extra->members; m != NULL && m->name != NULL; m++)
    {
      RtObject *name = rt_str_intern_cstr (m->name);
      RtObject *descr = name ? rt_member_descr_new (type, m) : NULL;
      bool ok = descr != NULL && dict_add_if_absent (type->dict, name, descr);

      rt_xdecref (descr);
      rt_xdecref (name);
      if (!ok)
        return false;
    }
  return add_getsets (type, extra->getsets);
}

/* CPython's COPYSLOT rule: a slot comes from a base only if the base
 * defines it itself rather than inheriting it from its own base. */
#define SLOT_DEFINED(base, basebase, f) \
  ((base)->f != NULL && ((basebase) == NULL || (base)->f != (basebase)->f))

/* Static tables are const: a static type that inherits some entries gets
 * a merged copy, freed when the type is restored. */
static void *
merged_copy (RtType *type, const void *table, size_t size, int which)
{
  RtReadied *entry = readied_entry (type);
  void *copy;

  if (entry == NULL)
    return NULL;
  if (entry->merged[which] != NULL)
    return entry->merged[which];
  copy = malloc (size);
  if (copy == NULL)
    return NULL;
  memcpy (copy, table, size);
  entry->merged[which] = copy;
  return copy;
}

/* Whether any function pointer of base's table is missing from type's. */
static bool
table_lacks (const void *mine, const void *theirs, size_t size)
{
  void *const *a = mine;
  void *const *b = theirs;

  for (size_t i = 0; i < size / sizeof (void *); i++)
    if (a[i] == NULL && b[i] != NULL)
      return true;
  return false;
}

static bool
inherit_table (RtType *type, const void **slot, const void *base_table,
               const void *basebase_table, size_t size, int which)
{
  void **dst;
  void *const *src = base_table;
  void *const *srcbase = basebase_table;

  if (base_table == NULL)
    return true;
  if (*slot == NULL)
    {
      *slot = base_table;
      return true;
    }
  if (*slot == base_table || !table_lacks (*slot, base_table, size))
    return true;
  if (rt_type_is_heap (type))
    dst = (void **) *slot;
  else
    {
      dst = merged_copy (type, *slot, size, which);
      if (dst == NULL)
        {
          rt_error_no_memory ();
          return false;
        }
      *slot = dst;
    }
  for (size_t i = 0; i < size / sizeof (void *); i++)
    if (dst[i] == NULL && src[i] != NULL && (srcbase == NULL || src[i] != srcbase[i]))
      dst[i] = src[i];
  return true;
}

static int
overrides_hash (RtType *type)
{
  int r;

  if (type->dict == NULL)
    return 0;
  r = rt_dict_contains (type->dict, rt_id (RT_ID___eq__));
  if (r != 0)
    return r;
  return rt_dict_contains (type->dict, rt_id (RT_ID___hash__));
}

static bool
inherit_slots (RtType *type, RtType *base)
{
  RtType *bb = base->base;

#define COPYSLOT(f)                                  \
  if (type->f == NULL && SLOT_DEFINED (base, bb, f)) \
  type->f = base->f

  if (!inherit_table (type, (const void **) &type->number, base->number,
                      bb ? bb->number : NULL, sizeof (RtNumberMethods), 0)
      || !inherit_table (type, (const void **) &type->sequence, base->sequence,
                         bb ? bb->sequence : NULL, sizeof (RtSequenceMethods), 1)
      || !inherit_table (type, (const void **) &type->mapping, base->mapping,
                         bb ? bb->mapping : NULL, sizeof (RtMappingMethods), 2))
    return false;

  COPYSLOT (dealloc);
  if (RT_TYPE_HAS (type, RT_TPFLAG_GC) == RT_TYPE_HAS (base, RT_TPFLAG_GC)
      && type->traverse == NULL && type->clear == NULL)
    {
      type->traverse = base->traverse;
      type->clear = base->clear;
    }
  COPYSLOT (refs);
  COPYSLOT (repr);
  COPYSLOT (str);
  COPYSLOT (getattro);
  COPYSLOT (setattro);
  if (type->richcompare == NULL && type->hash == NULL)
    {
      int r = overrides_hash (type);
      if (r < 0)
        return false;
      if (r == 0)
        {
          type->richcompare = base->richcompare;
          type->hash = base->hash;
        }
    }
  COPYSLOT (iter);
  COPYSLOT (iternext);
  COPYSLOT (descr_get);
  COPYSLOT (descr_set);
  COPYSLOT (init);
  COPYSLOT (call);
  COPYSLOT (finalize);
  COPYSLOT (size_of);
#undef COPYSLOT
  return true;
}

/* Sets __hash__ = None where no hash is defined, so that a subclass does
 * not inherit one (type_ready_set_hash). */
static bool
ready_set_hash (RtType *type)
{
  int r;

  if (type->hash != NULL)
    return true;
  r = rt_dict_contains (type->dict, rt_id (RT_ID___hash__));
  if (r < 0)
    return false;
  if (r == 0 && rt_dict_set_item (type->dict, rt_id (RT_ID___hash__), RT_NONE) < 0)
    return false;
  type->hash = rt_hash_not_implemented;
  return true;
}

static bool
add_new_wrapper (RtType *type)
{
  RtObject *fn;
  bool ok;
  int r = rt_dict_contains (type->dict, rt_id (RT_ID___new__));

  if (r != 0)
    return r > 0;
  fn = rt_builtin_new (&rt_tp_new_def, (RtObject *) type, NULL);
  if (fn == NULL)
    return false;
  ok = rt_dict_set_item (type->dict, rt_id (RT_ID___new__), fn) == 0;
  rt_decref (fn);
  return ok;
}

static bool
type_ready_one (RtType *type)
{
  RtType *base;
  RtObject *bases = NULL, *mro = NULL;

  if (type->mro != NULL)
    return true;
  if (readied_entry (type) == NULL)
    {
      RtType *copy;
      if (n_readied == MAX_STATIC_TYPES)
        {
          rt_error_format (&rt_exc_SystemError, "too many built-in types");
          return false;
        }
      copy = malloc (sizeof *copy);
      if (copy == NULL)
        {
          rt_error_no_memory ();
          return false;
        }
      memcpy (copy, type, sizeof *copy);
      readied[n_readied++] = (RtReadied){ type, copy, { NULL, NULL, NULL } };
    }
  /* The runtime gives the types it lists their serials first; the others
   * get theirs here, once per run (rt_types_fini zeroes it). */
  if (type->ob.type == NULL || type->ob.serial == 0)
    rt_object_init_static (&type->ob, &rt_type_type);

  if (type->base == NULL && type != &rt_object_type)
    type->base = &rt_object_type;
  base = type->base;
  if (base != NULL && !type_ready_one (base))
    return false;

  if (type->dict == NULL)
    {
      type->dict = rt_dict_new ();
      if (type->dict == NULL)
        return false;
    }

  /* tp_new: a type directly under object that defines none cannot be
   * instantiated; deeper ones inherit their base's. */
  if (type->tp_new == NULL && base != NULL && base != &rt_object_type)
    type->tp_new = base->tp_new;
  if (type->tp_new != NULL && !add_new_wrapper (type))
    return false;
  if (!rt_slots_add_wrappers (type) || !add_methods (type) || !add_extras (type))
    return false;
  if (!dict_add_if_absent (type->dict, rt_id (RT_ID___doc__), RT_NONE))
    return false;

  bases = base != NULL ? rt_tuple_pack (1, (RtObject *) base) : rt_tuple_new (0);
  if (bases == NULL)
    return false;
  if (base != NULL)
    {
      int64_t n = RT_TUPLE_SIZE (base->mro);
      mro = rt_tuple_new (n + 1);
      if (mro == NULL)
        {
          rt_decref (bases);
          return false;
        }
      rt_tuple_init_item (mro, 0, rt_newref ((RtObject *) type));
      for (int64_t i = 0; i < n; i++)
        rt_tuple_init_item (mro, i + 1, rt_newref (RT_TUPLE_ITEMS (base->mro)[i]));
    }
  else
    {
      mro = rt_tuple_pack (1, (RtObject *) type);
      if (mro == NULL)
        {
          rt_decref (bases);
          return false;
        }
    }
  type->bases = bases;

  for (int64_t i = 1; i < RT_TUPLE_SIZE (mro); i++)
    if (!inherit_slots (type, (RtType *) RT_TUPLE_ITEMS (mro)[i]))
      {
        rt_decref (mro);
        return false;
      }
  type->mro = mro;
  if (!ready_set_hash (type))
    return false;
  if (base != NULL)
    type->flags |= base->flags
                   & (RT_TPFLAG_INT_SUBCLASS | RT_TPFLAG_STR_SUBCLASS | RT_TPFLAG_LIST_SUBCLASS
                      | RT_TPFLAG_TUPLE_SUBCLASS | RT_TPFLAG_DICT_SUBCLASS
                      | RT_TPFLAG_TYPE_SUBCLASS | RT_TPFLAG_EXC_SUBCLASS
                      | RT_TPFLAG_FLOAT_SUBCLASS);
  /* What a static type holds lies in the heap: its dict, bases and MRO
   * (adjacent fields) are roots of the heap invariant. */
  rt_root_register (&type->dict, 3);
  return true;
}

bool
rt_type_ready (RtType *type)
{
  if (type->mro != NULL)
    return true;
  if (!rt_ids_init ())
    return false;
  if (!core_ready)
    {
      RtType *core[] = { &rt_object_type, &rt_type_type, &rt_wrapper_descr_type,
                         &rt_method_wrapper_type, &rt_method_descr_type,
                         &rt_classmethod_descr_type, &rt_getset_descr_type,
                         &rt_member_descr_type, &rt_builtin_type, &rt_staticmethod_type,
                         &rt_classmethod_type, &rt_property_type, &rt_super_type,
                         &rt_function_type, &rt_method_type, &rt_cell_type, &rt_module_type };

      core_ready = true;
      for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (!type_ready_one (core[i]))
          return false;
      if (!rt_exceptions_ready ())
        return false;
    }
  return type_ready_one (type);
}

void
rt_type_fini_static (RtType *type)
{
  RtReadied *entry = readied_entry (type);
  RtObject ob;

  RT_CLEAR (type->mro);
  RT_CLEAR (type->bases);
  if (type->dict != NULL)
    {
      RtObject *dict = type->dict;
      type->dict = NULL;
      rt_dict_clear (dict);
      rt_decref (dict);
    }
  if (entry == NULL)
    return;
  ob = type->ob;
  memcpy (type, entry->pristine, sizeof *type);
  type->ob = ob;
  type->ob.serial = 0;
  free (entry->pristine);
  for (int i = 0; i < 3; i++)
    free (entry->merged[i]);
  *entry = readied[--n_readied];
}

void
rt_types_fini (void)
{
  /* Dicts first, all of them, then the tuples, then the structs. */
  for (size_t i = n_readied; i-- > 0;)
    {
      RtType *type = readied[i].type;
      if (type->dict != NULL)
        {
          RtObject *dict = type->dict;
          type->dict = NULL;
          rt_dict_clear (dict);
          rt_decref (dict);
        }
    }
  while (n_readied > 0)
    rt_type_fini_static (readied[n_readied - 1].type);
  n_extra_getsets = 0;
  core_ready = false;
  rt_ids_fini ();
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
          && static_dict_offset (base) == 0
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

static void heap_type_dealloc (RtObject *self);
static int heap_type_traverse (RtObject *self, RtVisitFn visit, void *arg);
static int heap_type_clear (RtObject *self);
static void type_refs (RtObject *self, RtRefVisitFn visit, void *arg);

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

static void
remove_subclass (RtType *base, RtType *type)
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
  bool base_has_dict = static_dict_offset (base) != 0
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
  RT_EVENT_BORN (type, 0);
  rt_gc_track ((RtObject *) type);

  type->flags = RT_TPFLAG_HEAPTYPE | RT_TPFLAG_BASETYPE | RT_TPFLAG_GC
                | (base->flags
                   & (RT_TPFLAG_INT_SUBCLASS | RT_TPFLAG_STR_SUBCLASS | RT_TPFLAG_LIST_SUBCLASS
                      | RT_TPFLAG_TUPLE_SUBCLASS | RT_TPFLAG_DICT_SUBCLASS
                      | RT_TPFLAG_TYPE_SUBCLASS | RT_TPFLAG_EXC_SUBCLASS
                      | RT_TPFLAG_FLOAT_SUBCLASS));
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
    ht->dict_offset = static_dict_offset (base);
  members_at = type->basic_size;
  if (spec.slots != NULL)
    {
      set_field ((RtObject *) type, &ht->slot_names, spec.slots, RT_LABEL_OTHER);
      ht->nslots = RT_TUPLE_SIZE (spec.slots);
      type->basic_size += (uint32_t) ((size_t) ht->nslots * sizeof (RtObject *));
    }
  /* A dict after variable-size items (int, str, tuple subclasses) is not
   * supported: their instances take no attributes. */
  if (spec.add_dict && ht->dict_offset == 0 && type->item_size == 0)
    {
      RtSharedKeys *keys = rt_mem_alloc (RT_SHARED_KEYS_BYTES, RT_MEM_RAW);

      if (keys == NULL)
        {
          rt_error_no_memory ();
          goto fail_type;
        }
      memset (keys, 0, sizeof *keys);
      keys->usable = RT_SHARED_KEYS_MAX;
      type->cached_keys = keys;
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
      if (d == NULL || !dict_add_if_absent (dict, rt_id (RT_ID___dict__), d))
        {
          rt_xdecref (d);
          goto fail_type;
        }
      rt_decref (d);
    }
  if (spec.add_weak)
    {
      RtObject *d = rt_getset_descr_new (type, &rt_subtype_weakref_getset);
      if (d == NULL || !dict_add_if_absent (dict, rt_id (RT_ID___weakref__), d))
        {
          rt_xdecref (d);
          goto fail_type;
        }
      rt_decref (d);
    }
  if (!dict_add_if_absent (dict, rt_id (RT_ID___doc__), RT_NONE))
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
    if (!inherit_slots (type, (RtType *) RT_TUPLE_ITEMS (type->mro)[i]))
      goto fail_type;
  /* inherit_slots took the base's instance handlers; a class's own win. */
  type->dealloc = rt_instance_dealloc;
  type->traverse = rt_instance_traverse;
  type->clear = rt_instance_clear;
  type->refs = rt_instance_refs;
  type->size_of = rt_instance_size_of;
  if (!ready_set_hash (type))
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
static RtObject *
type_tp_new (RtType *metatype, RtObject *const *args, size_t nargs, RtObject *kwnames)
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

static int
type_tp_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
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

/* The tuple CPython's type_call builds for __new__ and __init__. */
static RtObject *current_args_tuple;

RtObject *
rt_swap_call_args_tuple (RtObject *tuple)
{
  RtObject *old = current_args_tuple;

  current_args_tuple = tuple;
  return old;
}

RtObject *
rt_call_args_tuple (RtObject *const *args, size_t nargs)
{
  RtObject *t = current_args_tuple;

  if (t != NULL && nargs == (size_t) RT_TUPLE_SIZE (t) && args == RT_TUPLE_ITEMS (t))
    return t;
  return NULL;
}

/* Static types whose calls CPython 3.11 makes without an arguments tuple
 * (vectorcall); everything else gets one, as _PyObject_MakeTpCall. */
static bool
type_has_vectorcall (RtType *type)
{
  return !rt_type_is_heap (type) && !RT_TYPE_HAS (type, RT_TPFLAG_EXC_SUBCLASS)
         && type != &rt_object_type && type != &rt_property_type
         && type != &rt_staticmethod_type && type != &rt_classmethod_type
         && type != &rt_type_type;
}

static RtObject *
type_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtType *type = (RtType *) callable;
  RtObject *obj = NULL, *tuple = NULL, *kwdict = NULL, *saved = current_args_tuple;
  size_t nkw = kwnames ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;

  if (type == &rt_type_type && nargs == 1 && nkw == 0)
    return rt_newref ((RtObject *) RT_TYPE (args[0]));
  if (type->tp_new == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "cannot create '%s' instances", type->name);
      return NULL;
    }
  if (!type_has_vectorcall (type))
    {
      tuple = rt_tuple_from_array (args, nargs);
      if (tuple == NULL)
        return NULL;
      if (nkw > 0)
        {
          kwdict = rt_dict_new ();
          if (kwdict == NULL)
            goto out;
          for (size_t i = 0; i < nkw; i++)
            if (rt_dict_set_item (kwdict, RT_TUPLE_ITEMS (kwnames)[i], args[nargs + i]) < 0)
              goto out;
        }
      if (nkw == 0)
        args = RT_TUPLE_ITEMS (tuple);
      current_args_tuple = nkw == 0 ? tuple : NULL;
    }
  obj = type->tp_new (type, args, nargs, kwnames);
  if (obj == NULL)
    goto out;
  if (rt_type_is_heap (type) && type->tp_new != rt_object_new
      && type->tp_new == rt_type_solid_static_base (type)->tp_new)
    rt_instance_prepare (type, obj);
  if (!rt_is_instance_of (obj, type))
    goto out;
  type = RT_TYPE (obj);
  if (type->init != NULL)
    {
      current_args_tuple = tuple != NULL && nkw == 0 ? tuple : NULL;
      if (type->init (obj, args, nargs, kwnames) < 0)
        RT_CLEAR (obj);
    }

out:
  current_args_tuple = saved;
  rt_xdecref (kwdict);
  rt_xdecref (tuple);
  return obj;
}

/* Type objects: representation, attributes, memory. */

RtObject *
rt_type_qualname_obj (RtType *type)
{
  if (rt_type_is_heap (type))
    return rt_newref (type->qualname);
  return rt_str_from_cstr (type->name);
}

RtObject *
rt_type_module_obj (RtType *type)
{
  if (rt_type_is_heap (type))
    {
      RtObject *mod = type->dict ? rt_dict_get_item (type->dict, rt_id (RT_ID___module__)) : NULL;
      if (mod == NULL)
        {
          rt_error_clear ();
          return NULL;
        }
      return rt_newref (mod);
    }
  return rt_newref (rt_id (RT_ID_builtins));
}

static RtObject *
type_repr (RtObject *self)
{
  RtType *type = (RtType *) self;
  RtObject *mod = rt_type_module_obj (type), *name, *res;

  if (mod != NULL && !rt_is_str (mod))
    RT_CLEAR (mod);
  name = rt_type_qualname_obj (type);
  if (name == NULL)
    {
      rt_xdecref (mod);
      return NULL;
    }
  if (mod != NULL && !rt_str_equal (mod, rt_id (RT_ID_builtins)))
    res = rt_str_from_format ("<class '%S.%S'>", mod, name);
  else
    res = rt_str_from_format ("<class '%s'>", type->name);
  rt_xdecref (mod);
  rt_decref (name);
  return res;
}

RtObject *
rt_type_getattro (RtObject *self, RtObject *name)
{
  RtType *type = (RtType *) self;
  RtType *metatype = RT_TYPE (self);
  RtObject *meta_attr, *attr;
  RtObject *(*meta_get) (RtObject *, RtObject *, RtType *) = NULL;

  if (!rt_is_str (name))
    {
      rt_error_format (&rt_exc_TypeError, "attribute name must be string, not '%s'",
                       RT_TYPE (name)->name);
      return NULL;
    }
  meta_attr = rt_type_lookup (metatype, name);
  if (meta_attr != NULL)
    {
      meta_get = RT_TYPE (meta_attr)->descr_get;
      if (meta_get != NULL && rt_is_data_descr (meta_attr))
        {
          RtObject *res;
          rt_incref (meta_attr);
          res = meta_get (meta_attr, self, metatype);
          rt_decref (meta_attr);
          return res;
        }
    }
  attr = rt_type_lookup (type, name);
  if (attr != NULL)
    {
      RtObject *(*local_get) (RtObject *, RtObject *, RtType *) = RT_TYPE (attr)->descr_get;
      RtObject *res;

      rt_incref (attr);
      if (local_get == NULL)
        return attr;
      res = local_get (attr, NULL, type);
      rt_decref (attr);
      return res;
    }
  if (meta_get != NULL)
    {
      RtObject *res;
      rt_incref (meta_attr);
      res = meta_get (meta_attr, self, metatype);
      rt_decref (meta_attr);
      return res;
    }
  if (meta_attr != NULL)
    return rt_newref (meta_attr);
  rt_error_format (&rt_exc_AttributeError, "type object '%s' has no attribute '%S'", type->name,
                   name);
  return NULL;
}

static int
type_setattro (RtObject *self, RtObject *name, RtObject *value)
{
  RtType *type = (RtType *) self;
  RtObject *key;
  int res;

  if (!rt_type_is_heap (type))
    {
      rt_error_format (&rt_exc_TypeError, "cannot set %R attribute of immutable type '%s'", name,
                       type->name);
      return -1;
    }
  if (!rt_is_str (name))
    return rt_object_generic_setattr (self, name, value);
  key = rt_newref (name);
  rt_str_intern_in_place (&key);
  res = rt_object_generic_setattr (self, key, value);
  if (res == 0)
    {
      const char *s = rt_str_utf8 (key);
      size_t n = (size_t) rt_str_size (key);
      rt_type_modified (type);
      if (n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_')
        rt_slots_update (type, key);
    }
  rt_decref (key);
  return res;
}

static void
heap_type_dealloc (RtObject *self)
{
  RtType *type = (RtType *) self;
  RtHeapType *ht = RT_HEAP_TYPE (type);

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  if (type->bases != NULL)
    for (int64_t i = 0; i < RT_TUPLE_SIZE (type->bases); i++)
      remove_subclass ((RtType *) RT_TUPLE_ITEMS (type->bases)[i], type);
  /* The member definitions of __slots__ are owned by their descriptors'
   * class: freed here, after the dict that holds the descriptors. */
  rt_xdecref ((RtObject *) type->base);
  rt_xdecref (type->dict);
  rt_xdecref (type->bases);
  rt_xdecref (type->mro);
  rt_xdecref (type->name_obj);
  rt_xdecref (type->qualname);
  rt_xdecref (ht->slot_names);
  if (type->cached_keys != NULL)
    rt_shared_keys_free (type->cached_keys);
  rt_mem_free (ht->subclasses, ht->subclasses_cap * sizeof *ht->subclasses);
  rt_gc_free (self, sizeof (RtHeapType));
}

static void
type_dealloc (RtObject *self)
{
  /* Static types are never freed. */
  if (rt_type_is_heap ((RtType *) self))
    heap_type_dealloc (self);
}

static int
heap_type_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtType *type = (RtType *) self;

  RT_VISIT (type->dict);
  RT_VISIT (type->mro);
  RT_VISIT (type->bases);
  RT_VISIT (type->base);
  return 0;
}

static int
type_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  if (!rt_type_is_heap ((RtType *) self))
    return 0;
  return heap_type_traverse (self, visit, arg);
}

static int
heap_type_clear (RtObject *self)
{
  RtType *type = (RtType *) self;

  rt_type_modified (type);
  if (type->dict != NULL)
    rt_dict_clear (type->dict);
  if (type->mro != NULL)
    {
      RtObject *mro = type->mro;
      RT_EVENT_REF_DEL (self, rt_slot_label (RT_LABEL_MRO), mro);
      type->mro = NULL;
      rt_decref (mro);
    }
  return 0;
}

static int
type_clear (RtObject *self)
{
  if (!rt_type_is_heap ((RtType *) self))
    return 0;
  return heap_type_clear (self);
}

/* A built-in type's dict, bases and MRO are registered roots instead. */
static void
type_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtType *type = (RtType *) self;

  if (!rt_type_is_heap (type))
    return;
  if (type->dict != NULL)
    visit (self, rt_slot_label (RT_LABEL_DICT), type->dict, arg);
  if (type->bases != NULL)
    visit (self, rt_slot_label (RT_LABEL_BASES), type->bases, arg);
  if (type->mro != NULL)
    visit (self, rt_slot_label (RT_LABEL_MRO), type->mro, arg);
  if (type->base != NULL)
    visit (self, rt_slot_label (RT_LABEL_BASE), (RtObject *) type->base, arg);
  if (type->name_obj != NULL)
    visit (self, rt_slot_label (RT_LABEL_NAME), type->name_obj, arg);
  if (type->qualname != NULL)
    visit (self, rt_slot_label (RT_LABEL_QUALNAME), type->qualname, arg);
  if (RT_HEAP_TYPE (type)->slot_names != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), RT_HEAP_TYPE (type)->slot_names, arg);
  if (type->cached_keys != NULL)
    {
      RtSharedKeys *keys = type->cached_keys;
      for (int64_t i = 0; i < keys->nentries; i++)
        visit (self, rt_slot_keyed (RT_SLOT_KEY, keys->names[i]), keys->names[i], arg);
    }
}

static size_t
type_size_of (RtObject *self)
{
  RtType *type = (RtType *) self;

  if (!rt_type_is_heap (type))
    return CPY_STATIC_TYPE_SIZE;
  return CPY_HEAP_TYPE_SIZE + (type->cached_keys != NULL ? RT_SHARED_KEYS_BYTES : 0);
}

/* type's attributes. */

static bool
check_set_special (RtType *type, RtObject *value, const char *name)
{
  if (!rt_type_is_heap (type))
    {
      rt_error_format (&rt_exc_TypeError, "cannot set '%s' attribute of immutable type '%s'",
                       name, type->name);
      return false;
    }
  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'",
                       name, type->name);
      return false;
    }
  return true;
}

static RtObject *
type_get_name (RtObject *self)
{
  RtType *type = (RtType *) self;
  const char *dot;

  if (rt_type_is_heap (type))
    return rt_newref (type->name_obj);
  dot = strrchr (type->name, '.');
  return rt_str_from_cstr (dot ? dot + 1 : type->name);
}

static int
type_set_name (RtObject *self, RtObject *value)
{
  RtType *type = (RtType *) self;

  if (!check_set_special (type, value, "__name__"))
    return -1;
  if (!rt_is_str (value))
    {
      rt_error_format (&rt_exc_TypeError, "can only assign string to %s.__name__, not '%s'",
                       type->name, RT_TYPE (value)->name);
      return -1;
    }
  if (memchr (rt_str_utf8 (value), '\0', (size_t) rt_str_size (value)) != NULL)
    {
      rt_error_format (&rt_exc_ValueError, "type name must not contain null characters");
      return -1;
    }
  set_field (self, &type->name_obj, value, RT_LABEL_NAME);
  type->name = rt_str_utf8 (value);
  return 0;
}

static RtObject *
type_get_qualname (RtObject *self)
{
  return rt_type_qualname_obj ((RtType *) self);
}

static int
type_set_qualname (RtObject *self, RtObject *value)
{
  RtType *type = (RtType *) self;

  if (!check_set_special (type, value, "__qualname__"))
    return -1;
  if (!rt_is_str (value))
    {
      rt_error_format (&rt_exc_TypeError, "can only assign string to %s.__qualname__, not '%s'",
                       type->name, RT_TYPE (value)->name);
      return -1;
    }
  set_field (self, &type->qualname, value, RT_LABEL_QUALNAME);
  return 0;
}

static RtObject *
type_get_bases (RtObject *self)
{
  RtType *type = (RtType *) self;

  return rt_newref (type->bases ? type->bases : rt_tuple_empty ());
}

static int
type_set_bases (RtObject *self, RtObject *value)
{
  RtType *type = (RtType *) self;

  if (!check_set_special (type, value, "__bases__"))
    return -1;
  if (!rt_is_tuple (value) || RT_TUPLE_SIZE (value) == 0)
    {
      rt_error_format (&rt_exc_TypeError, "can only assign non-empty tuple to %s.__bases__, not %s",
                       type->name, rt_is_tuple (value) ? "()" : RT_TYPE (value)->name);
      return -1;
    }
  rt_error_format (&rt_exc_TypeError, "assignment to %s.__bases__ is not supported", type->name);
  return -1;
}

static RtObject *
type_get_mro (RtObject *self)
{
  RtType *type = (RtType *) self;

  return rt_newref (type->mro ? type->mro : RT_NONE);
}

static RtObject *
type_get_module (RtObject *self)
{
  RtType *type = (RtType *) self;
  RtObject *mod;

  if (!rt_type_is_heap (type))
    {
      const char *dot = strrchr (type->name, '.');
      if (dot != NULL)
        return rt_str_new (type->name, (size_t) (dot - type->name));
      return rt_newref (rt_id (RT_ID_builtins));
    }
  mod = rt_dict_get_item (type->dict, rt_id (RT_ID___module__));
  if (mod == NULL)
    {
      if (!rt_error_occurred ())
        rt_error_set_object (&rt_exc_AttributeError, rt_id (RT_ID___module__));
      return NULL;
    }
  return rt_newref (mod);
}

static int
type_set_module (RtObject *self, RtObject *value)
{
  RtType *type = (RtType *) self;

  if (!check_set_special (type, value, "__module__"))
    return -1;
  rt_type_modified (type);
  return rt_dict_set_item (type->dict, rt_id (RT_ID___module__), value);
}

/* __dict__: CPython wraps it in a read-only mappingproxy; the dict itself
 * is returned here. */
static RtObject *
type_get_dict (RtObject *self)
{
  RtType *type = (RtType *) self;

  return rt_newref (type->dict ? type->dict : RT_NONE);
}

static RtObject *
type_get_doc (RtObject *self)
{
  RtType *type = (RtType *) self;
  RtObject *doc;

  if (!rt_type_is_heap (type) || type->dict == NULL)
    return rt_none_new ();
  doc = rt_dict_get_item (type->dict, rt_id (RT_ID___doc__));
  if (doc == NULL)
    {
      if (rt_error_occurred ())
        return NULL;
      return rt_none_new ();
    }
  if (RT_TYPE (doc)->descr_get != NULL)
    return RT_TYPE (doc)->descr_get (doc, NULL, type);
  return rt_newref (doc);
}

static int
type_set_doc (RtObject *self, RtObject *value)
{
  RtType *type = (RtType *) self;

  if (!check_set_special (type, value, "__doc__"))
    return -1;
  rt_type_modified (type);
  return rt_dict_set_item (type->dict, rt_id (RT_ID___doc__), value);
}

static RtObject *
type_get_base (RtObject *self)
{
  RtType *type = (RtType *) self;

  return rt_newref (type->base ? (RtObject *) type->base : RT_NONE);
}

const RtGetSetDef rt_type_getsets[] = {
  { "__name__", type_get_name, type_set_name },
  { "__qualname__", type_get_qualname, type_set_qualname },
  { "__bases__", type_get_bases, type_set_bases },
  { "__mro__", type_get_mro, NULL },
  { "__module__", type_get_module, type_set_module },
  { "__dict__", type_get_dict, NULL },
  { "__doc__", type_get_doc, type_set_doc },
  { "__base__", type_get_base, NULL },
  { NULL, NULL, NULL },
};

const RtMemberDef rt_type_members[] = {
  { NULL, 0, 0, 0 },
};

static RtObject *
type_mro_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtType *type = (RtType *) self;
  RtObject *list;

  (void) args;
  if (!rt_check_no_kwargs ("type.mro", kwnames) || !rt_check_nargs ("mro", nargs, 0, 0))
    return NULL;
  list = rt_list_new (0);
  if (list == NULL || type->mro == NULL)
    return list;
  for (int64_t i = 0; i < RT_TUPLE_SIZE (type->mro); i++)
    if (rt_list_append (list, RT_TUPLE_ITEMS (type->mro)[i]) < 0)
      {
        rt_decref (list);
        return NULL;
      }
  return list;
}

static RtObject *
type_subclasses_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtType **subs;
  size_t n = rt_heap_type_subclasses ((RtType *) self, &subs);
  RtObject *list;

  (void) args;
  if (!rt_check_no_kwargs ("type.__subclasses__", kwnames)
      || !rt_check_nargs ("__subclasses__", nargs, 0, 0))
    return NULL;
  list = rt_list_new (0);
  for (size_t i = 0; list != NULL && i < n; i++)
    if (rt_list_append (list, (RtObject *) subs[i]) < 0)
      RT_CLEAR (list);
  return list;
}

static RtObject *
type_instancecheck (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("type.__instancecheck__", kwnames)
      || !rt_check_nargs ("__instancecheck__", nargs, 1, 1))
    return NULL;
  return rt_bool_new (rt_is_instance_of (args[0], (RtType *) self));
}

static RtObject *
type_subclasscheck (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("type.__subclasscheck__", kwnames)
      || !rt_check_nargs ("__subclasscheck__", nargs, 1, 1))
    return NULL;
  if (!rt_is_type (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "issubclass() arg 1 must be a class");
      return NULL;
    }
  return rt_bool_new (rt_type_is_subtype ((RtType *) args[0], (RtType *) self));
}

static RtObject *
type_prepare (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) self;
  (void) args;
  (void) nargs;
  (void) kwnames;
  return rt_dict_new ();
}

static RtObject *
type_dir_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_check_no_kwargs ("type.__dir__", kwnames) || !rt_check_nargs ("__dir__", nargs, 0, 0))
    return NULL;
  return rt_object_dir (self);
}

static RtObject *
type_sizeof_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_check_no_kwargs ("type.__sizeof__", kwnames)
      || !rt_check_nargs ("__sizeof__", nargs, 0, 0))
    return NULL;
  return rt_int_from_i64 ((int64_t) type_size_of (self));
}

static const RtMethodDef type_methods[] = {
  { "mro", type_mro_method, 0 },
  { "__subclasses__", type_subclasses_method, 0 },
  { "__prepare__", type_prepare, RT_METH_CLASS },
  { "__instancecheck__", type_instancecheck, 0 },
  { "__subclasscheck__", type_subclasscheck, 0 },
  { "__dir__", type_dir_method, 0 },
  { "__sizeof__", type_sizeof_method, 0 },
  { NULL, NULL, 0 },
};

RtType rt_type_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "type",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_TYPE_SUBCLASS,
  .basic_size = sizeof (RtHeapType),
  .dealloc = type_dealloc,
  .traverse = type_traverse,
  .clear = type_clear,
  .refs = type_refs,
  .repr = type_repr,
  .getattro = rt_type_getattro,
  .setattro = type_setattro,
  .call = type_call,
  .tp_new = type_tp_new,
  .init = type_tp_init,
  .methods = type_methods,
  .size_of = type_size_of,
};
