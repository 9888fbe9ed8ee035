/* type-ready.c: readying the built-in types as PyType_Ready does (their
 * dicts of methods, slot wrappers and attributes, bases, MRO and inherited
 * slots), restoring them at the end, and the interned names the protocol
 * looks up. */
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


/* Readying built-in types. */

bool
rt_type_dict_add (RtObject *dict, RtObject *name, RtObject *value)
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
          ok = rt_type_dict_add (type->dict, name, descr);
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
      bool ok = descr != NULL && rt_type_dict_add (type->dict, name, descr);

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
      bool ok = descr != NULL && rt_type_dict_add (type->dict, name, descr);

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

bool
rt_type_inherit_slots (RtType *type, RtType *base)
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
bool
rt_type_ready_set_hash (RtType *type)
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
  if (!rt_type_dict_add (type->dict, rt_id (RT_ID___doc__), RT_NONE))
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
    if (!rt_type_inherit_slots (type, (RtType *) RT_TUPLE_ITEMS (mro)[i]))
      {
        rt_decref (mro);
        return false;
      }
  type->mro = mro;
  if (!rt_type_ready_set_hash (type))
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

