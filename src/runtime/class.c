/* class.c: type objects, as CPython 3.11's typeobject.c: lookup along the
 * MRO, where instances keep their dict, calling a type, and the attributes,
 * representation and memory of `type` itself. */
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

int64_t
rt_type_static_dict_offset (RtType *type)
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
  offset = rt_type_static_dict_offset (type);
  if (offset == 0)
    return NULL;
  return (RtObject **) ((char *) obj + offset);
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

static void
set_field (RtObject *owner, RtObject **field, RtObject *value, RtRefLabel label)
{
  rt_field_set (owner, field, value, rt_slot_label (label));
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
      rt_type_remove_subclass ((RtType *) RT_TUPLE_ITEMS (type->bases)[i], type);
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
  .tp_new = rt_type_tp_new,
  .init = rt_type_tp_init,
  .methods = type_methods,
  .size_of = type_size_of,
};

