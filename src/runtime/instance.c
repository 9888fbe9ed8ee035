/* instance.c: `object`, instances of classes with their attributes kept
 * inline until __dict__ is asked for (CPython 3.11's managed dicts), and
 * generic attribute lookup with data and non-data descriptors. */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "mem.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <string.h>

/* CPython's object.__sizeof__ and the two words of a managed dict's
 * pre-header that sys.getsizeof adds. */
#define CPY_OBJECT_SIZE 16
#define CPY_PREHEADER_DICT 16

/* Inline values, laid out as CPython's PyDictValues: the values array is
 * preceded by a prefix whose last byte is the prefix size, the byte before
 * it the number of attributes in insertion order, and before that the
 * order itself. */

static size_t
values_prefix (int64_t capacity)
{
  return ((size_t) capacity + 2 + 7) & ~(size_t) 7;
}

static size_t
values_bytes (int64_t capacity)
{
  return values_prefix (capacity) + (size_t) capacity * sizeof (RtObject *);
}

static uint8_t *
values_bytes_ptr (RtObject **values)
{
  return (uint8_t *) values;
}

static void
values_add_to_order (RtObject **values, int64_t ix)
{
  uint8_t *b = values_bytes_ptr (values);
  int size = b[-2];

  b[-3 - size] = (uint8_t) ix;
  b[-2] = (uint8_t) (size + 1);
}

static void
values_delete_from_order (RtObject **values, int64_t ix)
{
  uint8_t *b = values_bytes_ptr (values);
  int size = b[-2];
  int i;

  for (i = 0; i < size; i++)
    if (b[-3 - i] == ix)
      break;
  for (; i < size - 1; i++)
    b[-3 - i] = b[-3 - i - 1];
  b[-2] = (uint8_t) (size - 1);
}

static void
values_free (RtObject **values, int64_t capacity)
{
  size_t prefix = values_prefix (capacity);

  rt_mem_free ((uint8_t *) values - prefix, values_bytes (capacity));
}

static int64_t
keys_lookup (RtSharedKeys *keys, RtObject *name)
{
  for (int64_t i = 0; i < keys->nentries; i++)
    if (keys->names[i] == name)
      return i;
  for (int64_t i = 0; i < keys->nentries; i++)
    if (rt_str_equal (keys->names[i], name))
      return i;
  return -1;
}

/* The index of name in the class's shared keys, adding it if there is
 * room; -1 if the instance must fall back to a dict. */
static int64_t
keys_insert (RtType *type, RtSharedKeys *keys, RtObject *name)
{
  int64_t ix = keys_lookup (keys, name);

  if (ix >= 0)
    return ix;
  if (keys->usable <= 0 || keys->nentries >= RT_SHARED_KEYS_MAX)
    return -1;
  ix = keys->nentries++;
  keys->names[ix] = rt_newref (name);
  keys->usable--;
  RT_EVENT_REF_ADD (type, rt_slot_keyed (RT_SLOT_KEY, name), name);
  return ix;
}

void
rt_shared_keys_free (RtSharedKeys *keys)
{
  for (int64_t i = 0; i < keys->nentries; i++)
    rt_decref (keys->names[i]);
  rt_mem_free (keys, RT_SHARED_KEYS_BYTES);
}

RtObject *
rt_instance_alloc (RtType *type)
{
  return rt_type_generic_alloc (type, 0);
}

bool
rt_instance_init_values (RtObject *obj)
{
  RtManagedDict *m = rt_object_managed (obj);
  RtSharedKeys *keys;
  int64_t size;
  uint8_t *block;
  size_t prefix;

  if (m == NULL || RT_TYPE (obj)->cached_keys == NULL)
    return true;
  keys = RT_TYPE (obj)->cached_keys;
  /* Each new instance leaves one slot less for attributes added later,
   * exactly as CPython 3.11 (init_inline_values). */
  if (keys->usable > 1)
    keys->usable--;
  size = keys->nentries + keys->usable;
  prefix = values_prefix (size);
  block = rt_mem_alloc (values_bytes (size), RT_MEM_RAW);
  if (block == NULL)
    {
      rt_error_no_memory ();
      return false;
    }
  block[prefix - 1] = (uint8_t) prefix;
  block[prefix - 2] = 0;
  m->values = (RtObject **) (block + prefix);
  m->capacity = size;
  for (int64_t i = 0; i < size; i++)
    m->values[i] = NULL;
  return true;
}

/* Builds the real dict of an instance from its inline values, in insertion
 * order, and drops the values (make_dict_from_instance_attributes). */
static RtObject *
materialize_dict (RtObject *obj, RtManagedDict *m)
{
  RtSharedKeys *keys = RT_TYPE (obj)->cached_keys;
  RtObject *dict = rt_dict_new ();
  uint8_t *b;
  int n;

  if (dict == NULL)
    return NULL;
  b = values_bytes_ptr (m->values);
  n = b[-2];
  for (int i = 0; i < n; i++)
    {
      int ix = b[-3 - i];
      RtObject *v = m->values[ix];
      if (v != NULL && rt_dict_set_item (dict, keys->names[ix], v) < 0)
        {
          rt_decref (dict);
          return NULL;
        }
    }
  for (int64_t i = 0; i < m->capacity; i++)
    {
      RtObject *v = m->values[i];
      if (v != NULL)
        {
          m->values[i] = NULL;
          RT_EVENT_REF_DEL (obj, rt_slot_keyed (RT_SLOT_ATTR, keys->names[i]), v);
          rt_decref (v);
        }
    }
  values_free (m->values, m->capacity);
  m->values = NULL;
  m->capacity = 0;
  m->dict = dict;
  RT_EVENT_REF_ADD (obj, rt_slot_label (RT_LABEL_DICT), dict);
  return dict;
}

static bool
is_exact_str (RtObject *name)
{
  return RT_TYPE (name) == &rt_str_type;
}

RtObject *
rt_instance_lookup (RtObject *obj, RtObject *name, bool *error)
{
  RtManagedDict *m = rt_object_managed (obj);
  RtObject **dictptr;
  RtObject *res;

  *error = false;
  if (m != NULL && m->values != NULL && is_exact_str (name))
    {
      int64_t ix = keys_lookup (RT_TYPE (obj)->cached_keys, name);
      return ix >= 0 && ix < m->capacity ? m->values[ix] : NULL;
    }
  if (m != NULL && m->values != NULL)
    {
      if (materialize_dict (obj, m) == NULL)
        {
          *error = true;
          return NULL;
        }
    }
  dictptr = rt_object_dict_ptr (obj);
  if (dictptr == NULL || *dictptr == NULL)
    return NULL;
  res = rt_dict_get_item (*dictptr, name);
  if (res == NULL && rt_error_occurred ())
    *error = true;
  return res;
}

static int
store_instance_attribute (RtObject *obj, RtManagedDict *m, RtObject *name, RtObject *value)
{
  RtType *type = RT_TYPE (obj);
  RtSharedKeys *keys = type->cached_keys;
  int64_t ix = -1;
  RtObject *old;

  if (is_exact_str (name))
    ix = keys_insert (type, keys, name);
  if (ix < 0 || ix >= m->capacity)
    {
      RtObject *dict = materialize_dict (obj, m);
      if (dict == NULL)
        return -1;
      if (value == NULL)
        return rt_dict_del_item (dict, name);
      return rt_dict_set_item (dict, name, value);
    }
  old = m->values[ix];
  if (old == NULL && value == NULL)
    {
      rt_error_format (&rt_exc_AttributeError, "'%s' object has no attribute '%S'", type->name,
                       name);
      return -1;
    }
  if (value != NULL)
    {
      m->values[ix] = rt_newref (value);
      if (old != NULL)
        RT_EVENT_REF_DEL (obj, rt_slot_keyed (RT_SLOT_ATTR, keys->names[ix]), old);
      RT_EVENT_REF_ADD (obj, rt_slot_keyed (RT_SLOT_ATTR, keys->names[ix]), value);
      if (old == NULL)
        values_add_to_order (m->values, ix);
    }
  else
    {
      m->values[ix] = NULL;
      values_delete_from_order (m->values, ix);
      RT_EVENT_REF_DEL (obj, rt_slot_keyed (RT_SLOT_ATTR, keys->names[ix]), old);
    }
  rt_xdecref (old);
  return 0;
}

static void
free_instance_values (RtObject *obj, RtManagedDict *m)
{
  RtObject **values = m->values;

  m->values = NULL;
  for (int64_t i = 0; i < m->capacity; i++)
    rt_xdecref (values[i]);
  values_free (values, m->capacity);
  m->capacity = 0;
  (void) obj;
}

/* Instances of classes: subtype_dealloc and friends. */

static int64_t
member_offset_base (RtType *type)
{
  RtHeapType *ht = RT_HEAP_TYPE (type);
  size_t end = type->basic_size;

  if (ht->managed && type->cached_keys != NULL && ht->dict_offset + (int64_t) sizeof (RtManagedDict)
                                                     == (int64_t) end)
    end -= sizeof (RtManagedDict);
  return (int64_t) end - ht->nslots * (int64_t) sizeof (RtObject *);
}

/* The member slots a class added: where they are and their names. */
static RtObject **
slots_of (RtObject *obj, RtType *type)
{
  return (RtObject **) ((char *) obj + member_offset_base (type));
}

/* A class adds its managed area only if its base had none; so only the
 * class that introduced it lays it out where member_offset_base expects.
 * Classes deriving from it put their members after that area, so their
 * basic_size ends with members. */
static bool
introduces_managed (RtType *type)
{
  RtType *base = type->base;

  return RT_HEAP_TYPE (type)->managed
         && !(rt_type_is_heap (base) && RT_HEAP_TYPE (base)->managed);
}

static RtObject **
slot_array (RtObject *obj, RtType *type)
{
  RtHeapType *ht = RT_HEAP_TYPE (type);
  size_t end = type->basic_size;

  if (introduces_managed (type))
    end -= sizeof (RtManagedDict);
  (void) slots_of;
  return (RtObject **) ((char *) obj + end - (size_t) ht->nslots * sizeof (RtObject *));
}

void
rt_instance_dealloc (RtObject *self)
{
  RtType *type = RT_TYPE (self);
  RtType *base = type;
  RtManagedDict *m;
  bool gc = RT_TYPE_HAS (type, RT_TPFLAG_GC);

  if (gc && rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  while (base->dealloc == rt_instance_dealloc)
    {
      RtHeapType *hb = RT_HEAP_TYPE (base);
      if (hb->nslots > 0)
        {
          RtObject **slots = slot_array (self, base);
          for (int64_t i = 0; i < hb->nslots; i++)
            RT_CLEAR (slots[i]);
        }
      base = base->base;
    }
  m = rt_object_managed (self);
  if (m != NULL)
    {
      if (m->dict != NULL)
        RT_CLEAR (m->dict);
      else if (m->values != NULL)
        free_instance_values (self, m);
    }
  /* CPython tracks the object again for a GC base's dealloc to untrack;
   * the bases here untrack only if tracked, and the free is reported
   * already, so no track event should follow it. */
  base->dealloc (self);
  rt_decref ((RtObject *) type);
}

int
rt_instance_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtType *type = RT_TYPE (self);
  RtType *base = type;
  RtManagedDict *m;

  while (base->traverse == rt_instance_traverse)
    {
      RtHeapType *hb = RT_HEAP_TYPE (base);
      if (hb->nslots > 0)
        {
          RtObject **slots = slot_array (self, base);
          for (int64_t i = 0; i < hb->nslots; i++)
            RT_VISIT (slots[i]);
        }
      base = base->base;
    }
  m = rt_object_managed (self);
  if (m != NULL)
    {
      if (m->values != NULL)
        {
          RtSharedKeys *keys = type->cached_keys;
          for (int64_t i = 0; i < keys->nentries && i < m->capacity; i++)
            RT_VISIT (m->values[i]);
        }
      RT_VISIT (m->dict);
    }
  if (!rt_type_is_heap (base))
    RT_VISIT (type);
  if (base->traverse != NULL)
    return base->traverse (self, visit, arg);
  return 0;
}

int
rt_instance_clear (RtObject *self)
{
  RtType *type = RT_TYPE (self);
  RtType *base = type;
  RtManagedDict *m;

  while (base->clear == rt_instance_clear)
    {
      RtHeapType *hb = RT_HEAP_TYPE (base);
      if (hb->nslots > 0)
        {
          RtObject **slots = slot_array (self, base);
          RtObject *names = hb->slot_names;
          for (int64_t i = 0; i < hb->nslots; i++)
            if (slots[i] != NULL)
              {
                RtObject *v = slots[i];
                slots[i] = NULL;
                RT_EVENT_REF_DEL (self, rt_slot_keyed (RT_SLOT_ATTR, RT_TUPLE_ITEMS (names)[i]),
                                  v);
                rt_decref (v);
              }
        }
      base = base->base;
    }
  m = rt_object_managed (self);
  if (m != NULL)
    {
      if (m->values != NULL)
        {
          RtSharedKeys *keys = type->cached_keys;
          for (int64_t i = 0; i < m->capacity; i++)
            if (m->values[i] != NULL)
              {
                RtObject *v = m->values[i];
                m->values[i] = NULL;
                RT_EVENT_REF_DEL (self, rt_slot_keyed (RT_SLOT_ATTR, keys->names[i]), v);
                rt_decref (v);
              }
          values_bytes_ptr (m->values)[-2] = 0;
        }
      if (m->dict != NULL)
        {
          RtObject *d = m->dict;
          m->dict = NULL;
          RT_EVENT_REF_DEL (self, rt_slot_label (RT_LABEL_DICT), d);
          rt_decref (d);
        }
    }
  if (base->clear != NULL)
    return base->clear (self);
  return 0;
}

void
rt_instance_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtType *type = RT_TYPE (self);
  RtType *base = type;
  RtManagedDict *m;

  while (base->refs == rt_instance_refs)
    {
      RtHeapType *hb = RT_HEAP_TYPE (base);
      if (hb->nslots > 0)
        {
          RtObject **slots = slot_array (self, base);
          for (int64_t i = 0; i < hb->nslots; i++)
            if (slots[i] != NULL)
              visit (self, rt_slot_keyed (RT_SLOT_ATTR, RT_TUPLE_ITEMS (hb->slot_names)[i]),
                     slots[i], arg);
        }
      base = base->base;
    }
  m = rt_object_managed (self);
  if (m != NULL)
    {
      if (m->values != NULL)
        {
          RtSharedKeys *keys = type->cached_keys;
          for (int64_t i = 0; i < m->capacity; i++)
            if (m->values[i] != NULL)
              visit (self, rt_slot_keyed (RT_SLOT_ATTR, keys->names[i]), m->values[i], arg);
        }
      if (m->dict != NULL)
        visit (self, rt_slot_label (RT_LABEL_DICT), m->dict, arg);
    }
  /* The class reference is not listed: the invariant counts it for every
   * instance of a class (the event reports it at birth). */
  if (base->refs != NULL)
    base->refs (self, visit, arg);
}

size_t
rt_instance_size_of (RtObject *self)
{
  RtType *type = RT_TYPE (self);
  RtType *base = rt_type_solid_static_base (type);
  RtHeapType *ht = RT_HEAP_TYPE (type);
  size_t size = base->size_of != NULL ? base->size_of (self) : base->basic_size;

  for (RtType *t = type; rt_type_is_heap (t); t = t->base)
    size += (size_t) RT_HEAP_TYPE (t)->nslots * sizeof (RtObject *);
  if (ht->has_weaklist)
    size += sizeof (RtObject *);
  if (ht->managed)
    size += CPY_PREHEADER_DICT;
  return size;
}

/* Generic attribute access. */

bool
rt_is_data_descr (RtObject *descr)
{
  return RT_TYPE (descr)->descr_set != NULL;
}

RtObject *
rt_object_generic_getattr_ex (RtObject *obj, RtObject *name, bool suppress)
{
  RtType *tp = RT_TYPE (obj);
  RtObject *descr, *res = NULL;
  RtObject *(*f) (RtObject *, RtObject *, RtType *) = NULL;
  RtManagedDict *m;
  RtObject **dictptr;

  if (!rt_is_str (name))
    {
      rt_error_format (&rt_exc_TypeError, "attribute name must be string, not '%s'",
                       RT_TYPE (name)->name);
      return NULL;
    }
  descr = rt_type_lookup (tp, name);
  if (descr != NULL)
    {
      rt_incref (descr);
      f = RT_TYPE (descr)->descr_get;
      if (f != NULL && rt_is_data_descr (descr))
        {
          res = f (descr, obj, tp);
          if (res == NULL && suppress && rt_error_matches (&rt_exc_AttributeError))
            rt_error_clear ();
          goto done;
        }
    }

  m = rt_object_managed (obj);
  if (m != NULL && m->values != NULL && is_exact_str (name))
    {
      int64_t ix = keys_lookup (tp->cached_keys, name);
      if (ix >= 0 && ix < m->capacity && m->values[ix] != NULL)
        {
          res = rt_newref (m->values[ix]);
          goto done;
        }
    }
  else
    {
      if (m != NULL && m->values != NULL && materialize_dict (obj, m) == NULL)
        goto done;
      dictptr = rt_object_dict_ptr (obj);
      if (dictptr != NULL && *dictptr != NULL)
        {
          RtObject *dict = rt_newref (*dictptr);
          res = rt_dict_get_item (dict, name);
          rt_decref (dict);
          if (res != NULL)
            {
              rt_incref (res);
              goto done;
            }
          if (rt_error_occurred ())
            {
              if (suppress && rt_error_matches (&rt_exc_AttributeError))
                rt_error_clear ();
              else
                goto done;
            }
        }
    }

  if (f != NULL)
    {
      res = f (descr, obj, tp);
      if (res == NULL && suppress && rt_error_matches (&rt_exc_AttributeError))
        rt_error_clear ();
      goto done;
    }
  if (descr != NULL)
    {
      res = descr;
      descr = NULL;
      goto done;
    }
  if (!suppress)
    rt_error_format (&rt_exc_AttributeError, "'%s' object has no attribute '%S'", tp->name, name);

done:
  rt_xdecref (descr);
  return res;
}

RtObject *
rt_object_generic_getattr (RtObject *obj, RtObject *name)
{
  return rt_object_generic_getattr_ex (obj, name, false);
}

/* Stores into the dict at *dictptr, creating it (_PyObjectDict_SetItem). */
static int
object_dict_set_item (RtObject *obj, RtObject **dictptr, RtObject *name, RtObject *value)
{
  RtObject *dict = *dictptr;
  int res;

  if (dict == NULL)
    {
      if (value == NULL)
        {
          rt_error_set_object (&rt_exc_KeyError, name);
          return -1;
        }
      dict = rt_dict_new ();
      if (dict == NULL)
        return -1;
      *dictptr = dict;
      RT_EVENT_REF_ADD (obj, rt_slot_label (RT_LABEL_DICT), dict);
    }
  rt_incref (dict);
  if (value == NULL)
    res = rt_dict_del_item (dict, name);
  else
    res = rt_dict_set_item (dict, name, value);
  rt_decref (dict);
  return res;
}

int
rt_object_generic_setattr (RtObject *obj, RtObject *name, RtObject *value)
{
  RtType *tp = RT_TYPE (obj);
  RtObject *descr;
  RtManagedDict *m;
  RtObject **dictptr;
  int res = -1;

  if (!rt_is_str (name))
    {
      rt_error_format (&rt_exc_TypeError, "attribute name must be string, not '%s'",
                       RT_TYPE (name)->name);
      return -1;
    }
  rt_incref (name);
  descr = rt_type_lookup (tp, name);
  if (descr != NULL)
    {
      rt_incref (descr);
      if (RT_TYPE (descr)->descr_set != NULL)
        {
          res = RT_TYPE (descr)->descr_set (descr, obj, value);
          goto done;
        }
    }
  m = rt_object_managed (obj);
  if (m != NULL && m->values != NULL)
    res = store_instance_attribute (obj, m, name, value);
  else
    {
      dictptr = rt_object_dict_ptr (obj);
      if (dictptr == NULL)
        {
          if (descr == NULL)
            rt_error_format (&rt_exc_AttributeError, "'%s' object has no attribute '%S'",
                             tp->name, name);
          else
            rt_error_format (&rt_exc_AttributeError, "'%s' object attribute '%S' is read-only",
                             tp->name, name);
          goto done;
        }
      res = object_dict_set_item (obj, dictptr, name, value);
    }
  if (res < 0 && rt_error_matches (&rt_exc_KeyError))
    {
      rt_error_clear ();
      if (rt_is_type (obj))
        rt_error_format (&rt_exc_AttributeError, "type object '%s' has no attribute '%S'",
                         ((RtType *) obj)->name, name);
      else
        rt_error_format (&rt_exc_AttributeError, "'%s' object has no attribute '%S'", tp->name,
                         name);
    }

done:
  rt_xdecref (descr);
  rt_decref (name);
  return res;
}

RtObject *
rt_instance_get_dict (RtObject *obj)
{
  RtManagedDict *m = rt_object_managed (obj);
  RtObject **dictptr;

  if (m != NULL && m->values != NULL)
    {
      RtObject *dict = materialize_dict (obj, m);
      return dict ? rt_newref (dict) : NULL;
    }
  dictptr = rt_object_dict_ptr (obj);
  if (dictptr == NULL)
    {
      rt_error_format (&rt_exc_AttributeError, "This object has no __dict__");
      return NULL;
    }
  if (*dictptr == NULL)
    {
      *dictptr = rt_dict_new ();
      if (*dictptr == NULL)
        return NULL;
      RT_EVENT_REF_ADD (obj, rt_slot_label (RT_LABEL_DICT), *dictptr);
    }
  return rt_newref (*dictptr);
}

static int
instance_set_dict (RtObject *obj, RtObject *value)
{
  RtManagedDict *m = rt_object_managed (obj);
  RtObject **dictptr;
  RtObject *old;

  if (value != NULL && !rt_is_dict (value))
    {
      rt_error_format (&rt_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                       RT_TYPE (value)->name);
      return -1;
    }
  if (m != NULL && m->values != NULL)
    {
      RtSharedKeys *keys = RT_TYPE (obj)->cached_keys;
      for (int64_t i = 0; i < m->capacity; i++)
        if (m->values[i] != NULL)
          RT_EVENT_REF_DEL (obj, rt_slot_keyed (RT_SLOT_ATTR, keys->names[i]), m->values[i]);
      free_instance_values (obj, m);
    }
  dictptr = rt_object_dict_ptr (obj);
  if (dictptr == NULL)
    {
      rt_error_format (&rt_exc_AttributeError, "This object has no __dict__");
      return -1;
    }
  old = *dictptr;
  *dictptr = value ? rt_newref (value) : NULL;
  if (old != NULL)
    RT_EVENT_REF_DEL (obj, rt_slot_label (RT_LABEL_DICT), old);
  if (value != NULL)
    RT_EVENT_REF_ADD (obj, rt_slot_label (RT_LABEL_DICT), value);
  rt_xdecref (old);
  return 0;
}

static RtObject *
weakref_get (RtObject *obj)
{
  (void) obj;
  return rt_none_new ();
}

const RtGetSetDef rt_subtype_dict_getset = { "__dict__", rt_instance_get_dict,
                                             instance_set_dict };
const RtGetSetDef rt_subtype_weakref_getset = { "__weakref__", weakref_get, NULL };

/* LOAD_METHOD: the function found on the type is returned unbound so the
 * call can pass obj first without a bound method (_PyObject_GetMethod). */
RtObject *
rt_get_method (RtObject *obj, RtObject *name, bool *is_method)
{
  RtType *tp = RT_TYPE (obj);
  RtObject *descr, *attr;
  RtObject *(*f) (RtObject *, RtObject *, RtType *) = NULL;
  bool meth_found = false, error;

  *is_method = false;
  if (tp->getattro != rt_object_generic_getattr || !is_exact_str (name))
    return rt_getattr (obj, name);

  descr = rt_type_lookup (tp, name);
  if (descr != NULL)
    {
      rt_incref (descr);
      if (rt_is_method_descr (descr))
        meth_found = true;
      else
        {
          f = RT_TYPE (descr)->descr_get;
          if (f != NULL && rt_is_data_descr (descr))
            {
              attr = f (descr, obj, tp);
              rt_decref (descr);
              if (attr == NULL && rt_error_matches (&rt_exc_AttributeError))
                rt_exception_set_attribute_context (NULL, obj, name);
              return attr;
            }
        }
    }
  attr = rt_instance_lookup (obj, name, &error);
  if (error)
    {
      rt_xdecref (descr);
      return NULL;
    }
  if (attr != NULL)
    {
      rt_xdecref (descr);
      return rt_newref (attr);
    }
  if (meth_found)
    {
      *is_method = true;
      return descr;
    }
  if (f != NULL)
    {
      attr = f (descr, obj, tp);
      rt_decref (descr);
      if (attr == NULL && rt_error_matches (&rt_exc_AttributeError))
        rt_exception_set_attribute_context (NULL, obj, name);
      return attr;
    }
  if (descr != NULL)
    return descr;
  rt_error_format (&rt_exc_AttributeError, "'%s' object has no attribute '%S'", tp->name, name);
  rt_exception_set_attribute_context (NULL, obj, name);
  return NULL;
}

/* dir(): the sorted attribute names, as object.__dir__, type.__dir__ and
 * module.__dir__ compute them. */

static bool
merge_class_dict (RtObject *dict, RtType *type)
{
  if (type->dict != NULL && rt_dict_update (dict, type->dict) < 0)
    return false;
  if (type->bases == NULL)
    return true;
  for (int64_t i = 0; i < RT_TUPLE_SIZE (type->bases); i++)
    if (!merge_class_dict (dict, (RtType *) RT_TUPLE_ITEMS (type->bases)[i]))
      return false;
  return true;
}

RtObject *
rt_object_dir (RtObject *obj)
{
  RtObject *dict = NULL, *list = NULL;

  if (rt_is_type (obj))
    {
      dict = rt_dict_new ();
      if (dict == NULL || !merge_class_dict (dict, (RtType *) obj))
        goto out;
    }
  else if (RT_TYPE (obj) == &rt_module_type)
    {
      RtObject *d = ((RtModule *) obj)->dict;
      dict = d ? rt_dict_copy (d) : rt_dict_new ();
      if (dict == NULL)
        goto out;
    }
  else
    {
      RtObject *d = NULL;
      if (rt_lookup_attr (obj, rt_id (RT_ID___dict__), &d) < 0)
        goto out;
      if (d != NULL && rt_is_dict (d))
        dict = rt_dict_copy (d);
      else
        dict = rt_dict_new ();
      rt_xdecref (d);
      if (dict == NULL || !merge_class_dict (dict, RT_TYPE (obj)))
        goto out;
    }
  list = rt_dict_keys_list (dict);
  if (list != NULL && rt_list_sort (list, NULL, false) < 0)
    RT_CLEAR (list);

out:
  rt_xdecref (dict);
  return list;
}

/* The `object` type. */

static void
object_dealloc (RtObject *self)
{
  RtType *type = RT_TYPE (self);

  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    {
      if (rt_gc_is_tracked (self))
        rt_gc_untrack (self);
      rt_gc_free (self, type->basic_size);
    }
  else
    rt_object_free (self, type->basic_size);
}

RtObject *
rt_object_repr (RtObject *self)
{
  RtType *type = RT_TYPE (self);
  RtObject *mod = rt_type_module_obj (type), *name, *res;
  char addr[32];

  if (mod != NULL && !rt_is_str (mod))
    RT_CLEAR (mod);
  name = rt_type_qualname_obj (type);
  if (name == NULL)
    {
      rt_xdecref (mod);
      return NULL;
    }
  rt_format_address (addr, self);
  if (mod != NULL && !rt_str_equal (mod, rt_id (RT_ID_builtins)))
    res = rt_str_from_format ("<%S.%S object at %s>", mod, name, addr);
  else
    res = rt_str_from_format ("<%s object at %s>", type->name, addr);
  rt_xdecref (mod);
  rt_decref (name);
  return res;
}

static RtObject *
object_str (RtObject *self)
{
  RtUnaryFn f = RT_TYPE (self)->repr;

  if (f == NULL)
    f = rt_object_repr;
  return f (self);
}

RtHash
rt_object_hash (RtObject *self)
{
  return rt_hash_pointer (self);
}

RtObject *
rt_object_richcompare (RtObject *self, RtObject *other, int op)
{
  RtObject *res;

  switch (op)
    {
    case RT_EQ:
      /* NotImplemented rather than False, so the other side gets a say. */
      return rt_newref (self == other ? RT_TRUE : RT_NOT_IMPLEMENTED);
    case RT_NE:
      if (RT_TYPE (self)->richcompare == NULL)
        return rt_newref (RT_NOT_IMPLEMENTED);
      res = RT_TYPE (self)->richcompare (self, other, RT_EQ);
      if (res != NULL && res != RT_NOT_IMPLEMENTED)
        {
          int ok = rt_is_true (res);
          rt_decref (res);
          if (ok < 0)
            return NULL;
          return rt_bool_new (!ok);
        }
      return res;
    default:
      return rt_newref (RT_NOT_IMPLEMENTED);
    }
}

static bool
excess_args (size_t nargs, RtObject *kwnames)
{
  return nargs > 0 || (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0);
}

RtObject *
rt_object_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *obj;

  (void) args;
  if (excess_args (nargs, kwnames))
    {
      if (type->tp_new != rt_object_new)
        {
          rt_error_format (&rt_exc_TypeError,
                           "object.__new__() takes exactly one argument (the type to instantiate)");
          return NULL;
        }
      if (type->init == rt_object_init)
        {
          rt_error_format (&rt_exc_TypeError, "%s() takes no arguments", type->name);
          return NULL;
        }
    }
  if (RT_TYPE_HAS (type, RT_TPFLAG_ABSTRACT))
    {
      rt_error_format (&rt_exc_TypeError, "Can't instantiate abstract class %s", type->name);
      return NULL;
    }
  if (!rt_type_is_heap (type))
    {
      obj = rt_object_alloc (type, type->basic_size);
      if (obj == NULL)
        return NULL;
      RT_EVENT_BORN (obj, 0);
      return obj;
    }
  obj = rt_instance_alloc (type);
  if (obj == NULL)
    return NULL;
  if (!rt_instance_init_values (obj))
    {
      rt_decref (obj);
      return NULL;
    }
  return obj;
}

int
rt_object_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtType *type = RT_TYPE (self);

  (void) args;
  if (excess_args (nargs, kwnames))
    {
      if (type->init != rt_object_init)
        {
          rt_error_format (&rt_exc_TypeError,
                           "object.__init__() takes exactly one argument (the instance to "
                           "initialize)");
          return -1;
        }
      if (type->tp_new == rt_object_new)
        {
          rt_error_format (&rt_exc_TypeError,
                           "%s.__init__() takes exactly one argument (the instance to initialize)",
                           type->name);
          return -1;
        }
    }
  return 0;
}

static size_t
object_size_of (RtObject *self)
{
  (void) self;
  return CPY_OBJECT_SIZE;
}

static RtObject *
object_get_class (RtObject *self)
{
  return rt_newref ((RtObject *) RT_TYPE (self));
}

static int
object_set_class (RtObject *self, RtObject *value)
{
  RtType *oldto = RT_TYPE (self), *newto;
  RtManagedDict *m;

  if (value == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "can't delete __class__ attribute");
      return -1;
    }
  if (!rt_is_type (value))
    {
      rt_error_format (&rt_exc_TypeError, "__class__ must be set to a class, not '%s' object",
                       RT_TYPE (value)->name);
      return -1;
    }
  newto = (RtType *) value;
  if (!rt_type_is_heap (newto) || !rt_type_is_heap (oldto))
    {
      rt_error_format (&rt_exc_TypeError,
                       "__class__ assignment only supported for mutable types or ModuleType "
                       "subclasses");
      return -1;
    }
  if (rt_type_solid_static_base (newto) != rt_type_solid_static_base (oldto)
      || newto->basic_size != oldto->basic_size
      || RT_HEAP_TYPE (newto)->dict_offset != RT_HEAP_TYPE (oldto)->dict_offset
      || RT_HEAP_TYPE (newto)->managed != RT_HEAP_TYPE (oldto)->managed)
    {
      rt_error_format (&rt_exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                       newto->name, oldto->name);
      return -1;
    }
  /* The inline values are indexed by the old class's keys. */
  m = rt_object_managed (self);
  if (m != NULL && m->values != NULL && materialize_dict (self, m) == NULL)
    return -1;
  rt_incref ((RtObject *) newto);
  self->type = newto;
  RT_EVENT_REF_DEL (self, rt_slot_label (RT_LABEL_CLASS), oldto);
  RT_EVENT_REF_ADD (self, rt_slot_label (RT_LABEL_CLASS), newto);
  rt_decref ((RtObject *) oldto);
  return 0;
}

const RtGetSetDef rt_object_getsets[] = {
  { "__class__", object_get_class, object_set_class },
  { NULL, NULL, NULL },
};

static RtObject *
object_format (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("object.__format__", kwnames)
      || !rt_check_nargs ("__format__", nargs, 1, 1))
    return NULL;
  if (!rt_is_str (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "__format__() argument must be str, not %s",
                       RT_TYPE (args[0])->name);
      return NULL;
    }
  if (rt_str_length (args[0]) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "unsupported format string passed to %s.__format__",
                       RT_TYPE (self)->name);
      return NULL;
    }
  return rt_str (self);
}

static RtObject *
object_sizeof (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtType *type = RT_TYPE (self);
  size_t size;

  (void) args;
  if (!rt_check_no_kwargs ("object.__sizeof__", kwnames)
      || !rt_check_nargs ("__sizeof__", nargs, 0, 0))
    return NULL;
  size = type->size_of != NULL ? type->size_of (self) : type->basic_size;
  /* __sizeof__ leaves out the managed dict's pre-header that getsizeof
   * counts. */
  if (RT_TYPE_HAS (type, RT_TPFLAG_MANAGED_DICT))
    size -= CPY_PREHEADER_DICT;
  return rt_int_from_i64 ((int64_t) size);
}

static RtObject *
object_dir (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_check_no_kwargs ("object.__dir__", kwnames) || !rt_check_nargs ("__dir__", nargs, 0, 0))
    return NULL;
  return rt_object_dir (self);
}

static RtObject *
object_init_subclass (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                       ((RtType *) self)->name);
      return NULL;
    }
  if (nargs > 0)
    {
      rt_error_format (&rt_exc_TypeError,
                       "%s.__init_subclass__() takes no arguments (%zu given)",
                       ((RtType *) self)->name, nargs);
      return NULL;
    }
  return rt_none_new ();
}

static RtObject *
object_subclasshook (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) self;
  (void) args;
  (void) nargs;
  (void) kwnames;
  return rt_newref (RT_NOT_IMPLEMENTED);
}

static const RtMethodDef object_methods[] = {
  { "__subclasshook__", object_subclasshook, RT_METH_CLASS },
  { "__init_subclass__", object_init_subclass, RT_METH_CLASS },
  { "__format__", object_format, 0 },
  { "__sizeof__", object_sizeof, 0 },
  { "__dir__", object_dir, 0 },
  { NULL, NULL, 0 },
};

RtType rt_object_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "object",
  .flags = RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtObject),
  .dealloc = object_dealloc,
  .repr = rt_object_repr,
  .str = object_str,
  .hash = rt_object_hash,
  .richcompare = rt_object_richcompare,
  .getattro = rt_object_generic_getattr,
  .setattro = rt_object_generic_setattr,
  .tp_new = rt_object_new,
  .init = rt_object_init,
  .methods = object_methods,
  .size_of = object_size_of,
};
