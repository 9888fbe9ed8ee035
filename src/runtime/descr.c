/* descr.c: the descriptors of built-in types, as CPython's descrobject.c:
 * method, classmethod, slot wrapper, getset and member descriptors, and
 * bound slot wrappers (method-wrapper). */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "gc.h"
#include "int.h"
#include "mem.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <stdlib.h>
#include <string.h>

void
rt_field_set (RtObject *owner, RtObject **field, RtObject *value, RtSlot slot)
{
  RtObject *old = *field;

  if (old == value)
    return;
  *field = value;
  if (value != NULL)
    rt_incref (value);
  if (old != NULL)
    RT_EVENT_REF_DEL (owner, slot, old);
  if (value != NULL)
    RT_EVENT_REF_ADD (owner, slot, value);
  rt_xdecref (old);
}

bool
rt_is_method_descr (RtObject *descr)
{
  RtType *t = RT_TYPE (descr);

  return t == &rt_function_type || t == &rt_method_descr_type || t == &rt_wrapper_descr_type;
}

static void
gc_object_free (RtObject *self, size_t size)
{
  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_gc_free (self, size);
}

static RtObject *
gc_object_new (RtType *type, size_t size)
{
  RtObject *obj = rt_gc_alloc (type, size);

  if (obj == NULL)
    return NULL;
  memset ((char *) obj + sizeof (RtObject), 0, size - sizeof (RtObject));
  RT_EVENT_BORN (obj, 0);
  return obj;
}

/* What descriptors of built-in types share, laid out as RtMethodDescr:
 * their definition (which names them) and the type that owns them. */
typedef struct
{
  RtObject ob;
  const void *def;
  RtType *owner;
} RtDescrCommon;

static const char *
descr_name (RtObject *self)
{
  RtType *t = RT_TYPE (self);
  const void *def = ((RtDescrCommon *) self)->def;

  if (t == &rt_method_descr_type || t == &rt_classmethod_descr_type)
    return ((const RtMethodDef *) def)->name;
  if (t == &rt_wrapper_descr_type)
    return rt_str_utf8 (rt_id (((const RtSlotDef *) def)->name));
  if (t == &rt_getset_descr_type)
    return ((const RtGetSetDef *) def)->name;
  return ((const RtMemberDef *) def)->name;
}

static bool
descr_check (RtObject *self, RtObject *obj)
{
  RtType *owner = ((RtDescrCommon *) self)->owner;

  if (!rt_is_instance_of (obj, owner))
    {
      rt_error_format (&rt_exc_TypeError,
                       "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                       descr_name (self), owner->name, RT_TYPE (obj)->name);
      return false;
    }
  return true;
}

static int
descr_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtDescrCommon *) self)->owner);
  return 0;
}

static void
descr_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtType *owner = ((RtDescrCommon *) self)->owner;

  if (rt_type_is_heap (owner))
    visit (self, rt_slot_label (RT_LABEL_OTHER), (RtObject *) owner, arg);
}

static void
descr_dealloc (RtObject *self)
{
  RtType *owner = ((RtDescrCommon *) self)->owner;

  if (RT_TYPE (self) == &rt_member_descr_type)
    {
      const RtMemberDef *def = ((RtDescrCommon *) self)->def;
      if (def->flags & RT_MEMBER_OWNED)
        rt_mem_free ((void *) def, sizeof *def);
    }
  gc_object_free (self, sizeof (RtDescrCommon));
  rt_decref ((RtObject *) owner);
}

static RtObject *
descr_new (RtType *type, RtType *owner, const void *def)
{
  RtDescrCommon *d = (RtDescrCommon *) gc_object_new (type, sizeof (RtDescrCommon));

  if (d == NULL)
    return NULL;
  d->owner = owner;
  d->def = def;
  rt_incref ((RtObject *) owner);
  if (rt_type_is_heap (owner))
    RT_EVENT_REF_ADD (d, rt_slot_label (RT_LABEL_OTHER), owner);
  rt_gc_track (&d->ob);
  return &d->ob;
}

/* Descriptors report CPython's sizes: PyMethodDescrObject,
 * PyWrapperDescrObject, PyGetSetDescrObject, PyMemberDescrObject. */
static size_t
descr56_size_of (RtObject *self)
{
  (void) self;
  return 56;
}

static size_t
descr48_size_of (RtObject *self)
{
  (void) self;
  return 48;
}

static RtObject *
descr_get_name (RtObject *self)
{
  return rt_str_from_cstr (descr_name (self));
}

static RtObject *
descr_get_qualname (RtObject *self)
{
  return rt_str_from_format ("%s.%s", ((RtDescrCommon *) self)->owner->name, descr_name (self));
}

static RtObject *
descr_get_objclass (RtObject *self)
{
  return rt_newref ((RtObject *) ((RtDescrCommon *) self)->owner);
}

static RtObject *
descr_get_doc (RtObject *self)
{
  (void) self;
  return rt_none_new ();
}

const RtGetSetDef rt_descr_getsets[] = {
  { "__name__", descr_get_name, NULL },
  { "__qualname__", descr_get_qualname, NULL },
  { "__objclass__", descr_get_objclass, NULL },
  { "__doc__", descr_get_doc, NULL },
  { NULL, NULL, NULL },
};

/* Method descriptors: list.append. */

RtObject *
rt_method_descr_new (const RtMethodDef *def, RtType *owner)
{
  RtType *type = (def->flags & RT_METH_CLASS) ? &rt_classmethod_descr_type : &rt_method_descr_type;

  return descr_new (type, owner, def);
}

static RtObject *
method_descr_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtMethodDescr *d = (RtMethodDescr *) callable;

  if (nargs < 1)
    {
      rt_error_format (&rt_exc_TypeError, "unbound method %s.%s() needs an argument",
                       d->owner->name, d->def->name);
      return NULL;
    }
  if (!descr_check (callable, args[0]))
    return NULL;
  return d->def->fn (args[0], args + 1, nargs - 1, kwnames);
}

static RtObject *
method_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  RtMethodDescr *d = (RtMethodDescr *) self;

  (void) type;
  if (obj == NULL)
    return rt_newref (self);
  if (!descr_check (self, obj))
    return NULL;
  return rt_builtin_new (d->def, obj, NULL);
}

static RtObject *
method_descr_repr (RtObject *self)
{
  return rt_str_from_format ("<method '%s' of '%s' objects>", descr_name (self),
                             ((RtDescrCommon *) self)->owner->name);
}

RtType rt_method_descr_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "method_descriptor",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtDescrCommon),
  .dealloc = descr_dealloc,
  .traverse = descr_traverse,
  .refs = descr_refs,
  .repr = method_descr_repr,
  .call = method_descr_call,
  .descr_get = method_descr_get,
  .size_of = descr56_size_of,
};

static RtObject *
classmethod_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  RtMethodDescr *d = (RtMethodDescr *) self;

  if (type == NULL)
    {
      if (obj == NULL)
        {
          rt_error_format (&rt_exc_TypeError,
                           "descriptor '%s' for type '%s' needs either an object or a type",
                           d->def->name, d->owner->name);
          return NULL;
        }
      type = RT_TYPE (obj);
    }
  if (!rt_type_is_subtype (type, d->owner))
    {
      rt_error_format (&rt_exc_TypeError,
                       "descriptor '%s' requires a subtype of '%s' but received '%s'",
                       d->def->name, d->owner->name, type->name);
      return NULL;
    }
  return rt_builtin_new (d->def, (RtObject *) type, NULL);
}

static RtObject *
classmethod_descr_call (RtObject *callable, RtObject *const *args, size_t nargs,
                        RtObject *kwnames)
{
  RtMethodDescr *d = (RtMethodDescr *) callable;

  if (nargs < 1)
    {
      rt_error_format (&rt_exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                       d->def->name, d->owner->name);
      return NULL;
    }
  if (!rt_is_type (args[0]))
    {
      rt_error_format (&rt_exc_TypeError,
                       "descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                       d->def->name, d->owner->name, RT_TYPE (args[0])->name);
      return NULL;
    }
  if (!rt_type_is_subtype ((RtType *) args[0], d->owner))
    {
      rt_error_format (&rt_exc_TypeError,
                       "descriptor '%s' requires a subtype of '%s' but received '%s'",
                       d->def->name, d->owner->name, ((RtType *) args[0])->name);
      return NULL;
    }
  return d->def->fn (args[0], args + 1, nargs - 1, kwnames);
}

RtType rt_classmethod_descr_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "classmethod_descriptor",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtDescrCommon),
  .dealloc = descr_dealloc,
  .traverse = descr_traverse,
  .refs = descr_refs,
  .repr = method_descr_repr,
  .call = classmethod_descr_call,
  .descr_get = classmethod_descr_get,
  .size_of = descr56_size_of,
};

/* Slot wrappers: int.__add__, object.__init__. */

RtObject *
rt_wrapper_descr_new (RtType *owner, const RtSlotDef *def, RtAnyFn wrapped)
{
  RtWrapperDescr *d = (RtWrapperDescr *) gc_object_new (&rt_wrapper_descr_type,
                                                        sizeof (RtWrapperDescr));

  if (d == NULL)
    return NULL;
  d->owner = owner;
  d->def = def;
  d->wrapped = wrapped;
  rt_incref ((RtObject *) owner);
  if (rt_type_is_heap (owner))
    RT_EVENT_REF_ADD (d, rt_slot_label (RT_LABEL_OTHER), owner);
  rt_gc_track (&d->ob);
  return &d->ob;
}

static void
wrapper_descr_dealloc (RtObject *self)
{
  RtType *owner = ((RtWrapperDescr *) self)->owner;

  gc_object_free (self, sizeof (RtWrapperDescr));
  rt_decref ((RtObject *) owner);
}

static RtObject *
wrapper_descr_repr (RtObject *self)
{
  return rt_str_from_format ("<slot wrapper '%s' of '%s' objects>", descr_name (self),
                             ((RtWrapperDescr *) self)->owner->name);
}

static RtObject *
wrapper_descr_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtWrapperDescr *d = (RtWrapperDescr *) callable;

  if (nargs < 1)
    {
      rt_error_format (&rt_exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                       descr_name (callable), d->owner->name);
      return NULL;
    }
  if (!rt_type_is_subtype (RT_TYPE (args[0]), d->owner))
    {
      rt_error_format (&rt_exc_TypeError, "descriptor '%s' requires a '%s' object but received a '%s'",
                       descr_name (callable), d->owner->name, RT_TYPE (args[0])->name);
      return NULL;
    }
  return d->def->wrapper (args[0], args + 1, nargs - 1, kwnames, d->wrapped, d->def);
}

static RtObject *
wrapper_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  (void) type;
  if (obj == NULL)
    return rt_newref (self);
  if (!descr_check (self, obj))
    return NULL;
  return rt_method_wrapper_new (self, obj);
}

RtType rt_wrapper_descr_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "wrapper_descriptor",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtWrapperDescr),
  .dealloc = wrapper_descr_dealloc,
  .traverse = descr_traverse,
  .refs = descr_refs,
  .repr = wrapper_descr_repr,
  .call = wrapper_descr_call,
  .descr_get = wrapper_descr_get,
  .size_of = descr56_size_of,
};

/* Bound slot wrappers: (1).__add__. */

typedef struct
{
  RtObject ob;
  RtObject *descr;
  RtObject *self;
} RtMethodWrapper;

RtObject *
rt_method_wrapper_new (RtObject *descr, RtObject *self)
{
  RtMethodWrapper *w = (RtMethodWrapper *) gc_object_new (&rt_method_wrapper_type,
                                                          sizeof (RtMethodWrapper));

  if (w == NULL)
    return NULL;
  rt_field_set (&w->ob, &w->descr, descr, rt_slot_label (RT_LABEL_FUNC));
  rt_field_set (&w->ob, &w->self, self, rt_slot_label (RT_LABEL_SELF));
  rt_gc_track (&w->ob);
  return &w->ob;
}

static void
method_wrapper_dealloc (RtObject *self)
{
  RtMethodWrapper *w = (RtMethodWrapper *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (w->descr);
  rt_xdecref (w->self);
  rt_gc_free (self, sizeof (RtMethodWrapper));
}

static int
method_wrapper_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtMethodWrapper *w = (RtMethodWrapper *) self;

  RT_VISIT (w->descr);
  RT_VISIT (w->self);
  return 0;
}

static void
method_wrapper_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtMethodWrapper *w = (RtMethodWrapper *) self;

  visit (self, rt_slot_label (RT_LABEL_FUNC), w->descr, arg);
  visit (self, rt_slot_label (RT_LABEL_SELF), w->self, arg);
}

static RtObject *
method_wrapper_repr (RtObject *self)
{
  RtMethodWrapper *w = (RtMethodWrapper *) self;
  char addr[32];

  rt_format_address (addr, w->self);
  return rt_str_from_format ("<method-wrapper '%s' of %s object at %s>", descr_name (w->descr),
                             RT_TYPE (w->self)->name, addr);
}

static RtObject *
method_wrapper_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtMethodWrapper *w = (RtMethodWrapper *) callable;
  RtWrapperDescr *d = (RtWrapperDescr *) w->descr;

  return d->def->wrapper (w->self, args, nargs, kwnames, d->wrapped, d->def);
}

static RtObject *
method_wrapper_richcompare (RtObject *a, RtObject *b, int op)
{
  bool eq;

  if ((op != RT_EQ && op != RT_NE) || RT_TYPE (b) != &rt_method_wrapper_type)
    return rt_newref (RT_NOT_IMPLEMENTED);
  eq = ((RtMethodWrapper *) a)->descr == ((RtMethodWrapper *) b)->descr
       && ((RtMethodWrapper *) a)->self == ((RtMethodWrapper *) b)->self;
  return rt_bool_new (op == RT_EQ ? eq : !eq);
}

static RtHash
method_wrapper_hash (RtObject *self)
{
  RtMethodWrapper *w = (RtMethodWrapper *) self;
  RtHash x = rt_hash_pointer (w->self), y = rt_hash_pointer (w->descr);
  RtHash h = x ^ y;

  return h == -1 ? -2 : h;
}

static RtObject *
method_wrapper_get_self (RtObject *self)
{
  return rt_newref (((RtMethodWrapper *) self)->self);
}

static RtObject *
method_wrapper_get_name (RtObject *self)
{
  return rt_str_from_cstr (descr_name (((RtMethodWrapper *) self)->descr));
}

static RtObject *
method_wrapper_get_qualname (RtObject *self)
{
  RtObject *descr = ((RtMethodWrapper *) self)->descr;

  return rt_str_from_format ("%s.%s", ((RtWrapperDescr *) descr)->owner->name,
                             descr_name (descr));
}

const RtGetSetDef rt_method_wrapper_getsets[] = {
  { "__self__", method_wrapper_get_self, NULL },
  { "__name__", method_wrapper_get_name, NULL },
  { "__qualname__", method_wrapper_get_qualname, NULL },
  { NULL, NULL, NULL },
};

static size_t
method_wrapper_size_of (RtObject *self)
{
  (void) self;
  return 32;
}

RtType rt_method_wrapper_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "method-wrapper",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtMethodWrapper),
  .dealloc = method_wrapper_dealloc,
  .traverse = method_wrapper_traverse,
  .refs = method_wrapper_refs,
  .repr = method_wrapper_repr,
  .hash = method_wrapper_hash,
  .richcompare = method_wrapper_richcompare,
  .call = method_wrapper_call,
  .size_of = method_wrapper_size_of,
};

/* Getset descriptors: computed attributes of built-in types. */

RtObject *
rt_getset_descr_new (RtType *owner, const RtGetSetDef *def)
{
  return descr_new (&rt_getset_descr_type, owner, def);
}

static RtObject *
getset_repr (RtObject *self)
{
  return rt_str_from_format ("<attribute '%s' of '%s' objects>", descr_name (self),
                             ((RtDescrCommon *) self)->owner->name);
}

static RtObject *
getset_get (RtObject *self, RtObject *obj, RtType *type)
{
  const RtGetSetDef *def = ((RtDescrCommon *) self)->def;

  (void) type;
  if (obj == NULL)
    return rt_newref (self);
  if (!descr_check (self, obj))
    return NULL;
  if (def->get == NULL)
    {
      rt_error_format (&rt_exc_AttributeError, "attribute '%s' of '%s' objects is not readable",
                       def->name, ((RtDescrCommon *) self)->owner->name);
      return NULL;
    }
  return def->get (obj);
}

static int
getset_set (RtObject *self, RtObject *obj, RtObject *value)
{
  const RtGetSetDef *def = ((RtDescrCommon *) self)->def;

  if (!descr_check (self, obj))
    return -1;
  if (def->set == NULL)
    {
      rt_error_format (&rt_exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                       def->name, ((RtDescrCommon *) self)->owner->name);
      return -1;
    }
  return def->set (obj, value);
}

RtType rt_getset_descr_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "getset_descriptor",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtDescrCommon),
  .dealloc = descr_dealloc,
  .traverse = descr_traverse,
  .refs = descr_refs,
  .repr = getset_repr,
  .descr_get = getset_get,
  .descr_set = getset_set,
  .size_of = descr48_size_of,
};

/* Member descriptors: fields stored in the instance (__slots__, the
 * fields of exceptions and of bound methods). */

RtObject *
rt_member_descr_new (RtType *owner, const RtMemberDef *def)
{
  return descr_new (&rt_member_descr_type, owner, def);
}

static RtObject *
member_repr (RtObject *self)
{
  return rt_str_from_format ("<member '%s' of '%s' objects>", descr_name (self),
                             ((RtDescrCommon *) self)->owner->name);
}

/* The slot a member's reference is reported in: its label, or for
 * __slots__ the attribute whose name is the member's (a str whose text
 * the definition points into). */
static RtSlot
member_slot (const RtMemberDef *def)
{
  if (def->label != 0)
    return rt_slot_label (def->label);
  if (def->flags & RT_MEMBER_OWNED)
    return rt_slot_keyed (RT_SLOT_ATTR,
                          (RtObject *) (def->name - offsetof (RtStr, data)));
  return rt_slot_label (RT_LABEL_OTHER);
}

static RtObject *
member_get (RtObject *self, RtObject *obj, RtType *type)
{
  const RtMemberDef *def = ((RtDescrCommon *) self)->def;
  RtObject *v;

  (void) type;
  if (obj == NULL)
    return rt_newref (self);
  if (!descr_check (self, obj))
    return NULL;
  v = *(RtObject **) ((char *) obj + def->offset);
  if (v == NULL)
    {
      if ((def->flags & 0xf) == RT_MEMBER_OBJECT_EX)
        {
          rt_error_format (&rt_exc_AttributeError, "'%s' object has no attribute '%s'",
                           RT_TYPE (obj)->name, def->name);
          return NULL;
        }
      v = RT_NONE;
    }
  return rt_newref (v);
}

static int
member_set (RtObject *self, RtObject *obj, RtObject *value)
{
  const RtMemberDef *def = ((RtDescrCommon *) self)->def;
  RtObject **field;

  if (!descr_check (self, obj))
    return -1;
  if (def->flags & RT_MEMBER_READONLY)
    {
      rt_error_format (&rt_exc_AttributeError, "readonly attribute");
      return -1;
    }
  field = (RtObject **) ((char *) obj + def->offset);
  if (value == NULL && *field == NULL && (def->flags & 0xf) == RT_MEMBER_OBJECT_EX)
    {
      RtObject *name = rt_str_from_cstr (def->name);
      if (name != NULL)
        {
          rt_error_set_object (&rt_exc_AttributeError, name);
          rt_decref (name);
        }
      return -1;
    }
  rt_field_set (obj, field, value, member_slot (def));
  return 0;
}

RtType rt_member_descr_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "member_descriptor",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtDescrCommon),
  .dealloc = descr_dealloc,
  .traverse = descr_traverse,
  .refs = descr_refs,
  .repr = member_repr,
  .descr_get = member_get,
  .descr_set = member_set,
  .size_of = descr48_size_of,
};
