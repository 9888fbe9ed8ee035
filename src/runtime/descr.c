/* descr.c: descriptors, as CPython's descrobject.c and funcobject.c: the
 * method, slot wrapper, getset and member descriptors of built-in types,
 * bound slot wrappers (method-wrapper), property, staticmethod,
 * classmethod and super. */
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

/* property */

typedef struct
{
  RtObject ob;
  RtObject *fget, *fset, *fdel, *doc, *name;
  bool getter_doc;
} RtProperty;

static void
property_dealloc (RtObject *self)
{
  RtProperty *p = (RtProperty *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (p->fget);
  rt_xdecref (p->fset);
  rt_xdecref (p->fdel);
  rt_xdecref (p->doc);
  rt_xdecref (p->name);
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static int
property_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtProperty *p = (RtProperty *) self;

  RT_VISIT (p->fget);
  RT_VISIT (p->fset);
  RT_VISIT (p->fdel);
  RT_VISIT (p->doc);
  RT_VISIT (p->name);
  return 0;
}

static int
property_clear (RtObject *self)
{
  RtProperty *p = (RtProperty *) self;

  rt_field_set (self, &p->fget, NULL, rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->fset, NULL, rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->fdel, NULL, rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->doc, NULL, rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->name, NULL, rt_slot_label (RT_LABEL_NAME));
  return 0;
}

static void
property_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtProperty *p = (RtProperty *) self;
  RtObject *fields[4] = { p->fget, p->fset, p->fdel, p->doc };

  for (int i = 0; i < 4; i++)
    if (fields[i] != NULL)
      visit (self, rt_slot_label (RT_LABEL_OTHER), fields[i], arg);
  if (p->name != NULL)
    visit (self, rt_slot_label (RT_LABEL_NAME), p->name, arg);
}

static RtObject *
property_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  RtProperty *p = (RtProperty *) self;

  (void) type;
  if (obj == NULL || obj == RT_NONE)
    return rt_newref (self);
  if (p->fget == NULL)
    {
      RtObject *qualname = rt_type_qualname_obj (RT_TYPE (obj));
      if (p->name != NULL && qualname != NULL)
        rt_error_format (&rt_exc_AttributeError, "property %R of %R object has no getter", p->name,
                         qualname);
      else if (qualname != NULL)
        rt_error_format (&rt_exc_AttributeError, "property of %R object has no getter", qualname);
      rt_xdecref (qualname);
      return NULL;
    }
  return rt_call_one (p->fget, obj);
}

static int
property_descr_set (RtObject *self, RtObject *obj, RtObject *value)
{
  RtProperty *p = (RtProperty *) self;
  RtObject *func = value == NULL ? p->fdel : p->fset;
  RtObject *res;

  if (func == NULL)
    {
      RtObject *qualname = obj ? rt_type_qualname_obj (RT_TYPE (obj)) : NULL;
      const char *what = value == NULL ? "deleter" : "setter";
      if (p->name != NULL && qualname != NULL)
        rt_error_format (&rt_exc_AttributeError, "property %R of %R object has no %s", p->name,
                         qualname, what);
      else if (qualname != NULL)
        rt_error_format (&rt_exc_AttributeError, "property of %R object has no %s", qualname,
                         what);
      else
        rt_error_format (&rt_exc_AttributeError, "property has no %s", what);
      rt_xdecref (qualname);
      return -1;
    }
  if (value == NULL)
    res = rt_call_one (func, obj);
  else
    {
      RtObject *args[2] = { obj, value };
      res = rt_call (func, args, 2, NULL);
    }
  if (res == NULL)
    return -1;
  rt_decref (res);
  return 0;
}

static int
property_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const names[] = { "fget", "fset", "fdel", "doc" };
  RtProperty *p = (RtProperty *) self;
  RtObject *v[4] = { NULL, NULL, NULL, NULL };

  if (!rt_parse_args ("property", args, nargs, kwnames, names, 4, 0, v))
    return -1;
  for (int i = 0; i < 3; i++)
    if (v[i] == RT_NONE)
      v[i] = NULL;
  rt_field_set (self, &p->fget, v[0], rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->fset, v[1], rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->fdel, v[2], rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->doc, v[3], rt_slot_label (RT_LABEL_OTHER));
  rt_field_set (self, &p->name, NULL, rt_slot_label (RT_LABEL_NAME));
  p->getter_doc = false;
  /* Without a doc, the getter's. */
  if ((v[3] == NULL || v[3] == RT_NONE) && p->fget != NULL)
    {
      RtObject *doc = NULL;
      int rc = rt_lookup_attr (p->fget, rt_id (RT_ID___doc__), &doc);
      if (rc < 0)
        return -1;
      if (rc > 0)
        {
          rt_field_set (self, &p->doc, doc, rt_slot_label (RT_LABEL_OTHER));
          rt_decref (doc);
        }
      p->getter_doc = true;
    }
  return 0;
}

static RtObject *
property_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  (void) nargs;
  (void) kwnames;
  return rt_type_generic_alloc (type, 0);
}

static RtObject *
property_copy (RtObject *old, RtObject *get, RtObject *set, RtObject *del)
{
  RtProperty *p = (RtProperty *) old;
  RtObject *args[4], *res;

  args[0] = get != NULL && get != RT_NONE ? get : (p->fget ? p->fget : RT_NONE);
  args[1] = set != NULL && set != RT_NONE ? set : (p->fset ? p->fset : RT_NONE);
  args[2] = del != NULL && del != RT_NONE ? del : (p->fdel ? p->fdel : RT_NONE);
  if (p->getter_doc && args[0] != RT_NONE)
    args[3] = RT_NONE;
  else
    args[3] = p->doc ? p->doc : RT_NONE;
  res = rt_call ((RtObject *) RT_TYPE (old), args, 4, NULL);
  if (res != NULL && rt_is_instance_of (res, &rt_property_type))
    rt_field_set (res, &((RtProperty *) res)->name, p->name, rt_slot_label (RT_LABEL_NAME));
  return res;
}

static RtObject *
property_getter (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("getter", kwnames) || !rt_check_nargs ("getter", nargs, 1, 1))
    return NULL;
  return property_copy (self, args[0], NULL, NULL);
}

static RtObject *
property_setter (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("setter", kwnames) || !rt_check_nargs ("setter", nargs, 1, 1))
    return NULL;
  return property_copy (self, NULL, args[0], NULL);
}

static RtObject *
property_deleter (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("deleter", kwnames) || !rt_check_nargs ("deleter", nargs, 1, 1))
    return NULL;
  return property_copy (self, NULL, NULL, args[0]);
}

static RtObject *
property_set_name (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("__set_name__", kwnames))
    return NULL;
  if (nargs != 2)
    {
      rt_error_format (&rt_exc_TypeError, "__set_name__() takes 2 positional arguments but %zu were given",
                       nargs);
      return NULL;
    }
  rt_field_set (self, &((RtProperty *) self)->name, args[1], rt_slot_label (RT_LABEL_NAME));
  return rt_none_new ();
}

static const RtMethodDef property_methods[] = {
  { "getter", property_getter, 0 },
  { "setter", property_setter, 0 },
  { "deleter", property_deleter, 0 },
  { "__set_name__", property_set_name, 0 },
  { NULL, NULL, 0 },
};

static RtObject *
property_get_isabstract (RtObject *self)
{
  (void) self;
  return rt_bool_new (false);
}

const RtGetSetDef rt_property_getsets[] = {
  { "__isabstractmethod__", property_get_isabstract, NULL },
  { NULL, NULL, NULL },
};

const RtMemberDef rt_property_members[] = {
  { "fget", offsetof (RtProperty, fget), RT_MEMBER_READONLY, RT_LABEL_OTHER },
  { "fset", offsetof (RtProperty, fset), RT_MEMBER_READONLY, RT_LABEL_OTHER },
  { "fdel", offsetof (RtProperty, fdel), RT_MEMBER_READONLY, RT_LABEL_OTHER },
  { "__doc__", offsetof (RtProperty, doc), 0, RT_LABEL_OTHER },
  { NULL, 0, 0, 0 },
};

static size_t
property_size_of (RtObject *self)
{
  (void) self;
  return 64;
}

RtType rt_property_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "property",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtProperty),
  .dealloc = property_dealloc,
  .traverse = property_traverse,
  .clear = property_clear,
  .refs = property_refs,
  .descr_get = property_descr_get,
  .descr_set = property_descr_set,
  .tp_new = property_new,
  .init = property_init,
  .methods = property_methods,
  .size_of = property_size_of,
};

/* staticmethod and classmethod: a callable and a __dict__ that copies the
 * callable's __module__, __name__, __qualname__ and __doc__. */

typedef struct
{
  RtObject ob;
  RtObject *callable;
  RtObject *dict;
} RtFuncWrap;

const int64_t rt_funcwrap_dict_offset = offsetof (RtFuncWrap, dict);

static void
funcwrap_dealloc (RtObject *self)
{
  RtFuncWrap *w = (RtFuncWrap *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (w->callable);
  rt_xdecref (w->dict);
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static int
funcwrap_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtFuncWrap *w = (RtFuncWrap *) self;

  RT_VISIT (w->callable);
  RT_VISIT (w->dict);
  return 0;
}

static int
funcwrap_clear (RtObject *self)
{
  RtFuncWrap *w = (RtFuncWrap *) self;

  rt_field_set (self, &w->callable, NULL, rt_slot_label (RT_LABEL_FUNC));
  rt_field_set (self, &w->dict, NULL, rt_slot_label (RT_LABEL_DICT));
  return 0;
}

static void
funcwrap_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtFuncWrap *w = (RtFuncWrap *) self;

  if (w->callable != NULL)
    visit (self, rt_slot_label (RT_LABEL_FUNC), w->callable, arg);
  if (w->dict != NULL)
    visit (self, rt_slot_label (RT_LABEL_DICT), w->dict, arg);
}

static size_t
funcwrap_size_of (RtObject *self)
{
  (void) self;
  return 32;
}

static RtObject *
funcwrap_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  (void) nargs;
  (void) kwnames;
  return rt_type_generic_alloc (type, 0);
}

static int
funcwrap_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const RtId copied[] = { RT_ID___module__, RT_ID___name__, RT_ID___qualname__,
                                 RT_ID___doc__ };
  RtFuncWrap *w = (RtFuncWrap *) self;
  const char *name = RT_TYPE (self) == &rt_staticmethod_type ? "staticmethod" : "classmethod";

  if (!rt_check_no_kwargs (name, kwnames))
    return -1;
  if (nargs != 1)
    {
      rt_error_format (&rt_exc_TypeError, "%s expected 1 argument, got %zu", name, nargs);
      return -1;
    }
  rt_field_set (self, &w->callable, args[0], rt_slot_label (RT_LABEL_FUNC));
  /* functools.wraps, as 3.10+ does. */
  for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++)
    {
      RtObject *value = NULL;
      int r = rt_lookup_attr (args[0], rt_id (copied[i]), &value);
      if (r < 0)
        return -1;
      if (value != NULL)
        {
          r = rt_setattr (self, rt_id (copied[i]), value);
          rt_decref (value);
          if (r < 0)
            return -1;
        }
    }
  return 0;
}

static RtObject *
new_funcwrap (RtType *type, RtObject *callable)
{
  RtObject *w = rt_type_generic_alloc (type, 0);

  if (w == NULL)
    return NULL;
  if (funcwrap_init (w, &callable, 1, NULL) < 0)
    {
      rt_decref (w);
      return NULL;
    }
  return w;
}

RtObject *
rt_staticmethod_new (RtObject *callable)
{
  return new_funcwrap (&rt_staticmethod_type, callable);
}

RtObject *
rt_classmethod_new (RtObject *callable)
{
  return new_funcwrap (&rt_classmethod_type, callable);
}

static RtObject *
sm_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  RtFuncWrap *w = (RtFuncWrap *) self;

  (void) obj;
  (void) type;
  if (w->callable == NULL)
    {
      rt_error_format (&rt_exc_RuntimeError, "uninitialized staticmethod object");
      return NULL;
    }
  return rt_newref (w->callable);
}

static RtObject *
cm_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  RtFuncWrap *w = (RtFuncWrap *) self;
  RtType *ct;

  if (w->callable == NULL)
    {
      rt_error_format (&rt_exc_RuntimeError, "uninitialized classmethod object");
      return NULL;
    }
  if (type == NULL)
    type = RT_TYPE (obj);
  ct = RT_TYPE (w->callable);
  if (ct->descr_get != NULL)
    return ct->descr_get (w->callable, (RtObject *) type, type);
  return rt_method_new (w->callable, (RtObject *) type);
}

static RtObject *
sm_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return rt_call (((RtFuncWrap *) callable)->callable, args, nargs, kwnames);
}

static RtObject *
funcwrap_repr (RtObject *self)
{
  return rt_str_from_format ("<%s(%R)>", RT_TYPE (self)->name,
                             ((RtFuncWrap *) self)->callable ? ((RtFuncWrap *) self)->callable
                                                             : RT_NONE);
}

static RtObject *
funcwrap_get_isabstract (RtObject *self)
{
  (void) self;
  return rt_bool_new (false);
}

const RtGetSetDef rt_funcwrap_getsets[] = {
  { "__isabstractmethod__", funcwrap_get_isabstract, NULL },
  { "__dict__", rt_instance_get_dict, NULL },
  { NULL, NULL, NULL },
};

const RtMemberDef rt_staticmethod_members[] = {
  { "__func__", offsetof (RtFuncWrap, callable), RT_MEMBER_READONLY, RT_LABEL_FUNC },
  { "__wrapped__", offsetof (RtFuncWrap, callable), RT_MEMBER_READONLY, RT_LABEL_FUNC },
  { NULL, 0, 0, 0 },
};

const RtMemberDef rt_classmethod_members[] = {
  { "__func__", offsetof (RtFuncWrap, callable), RT_MEMBER_READONLY, RT_LABEL_FUNC },
  { "__wrapped__", offsetof (RtFuncWrap, callable), RT_MEMBER_READONLY, RT_LABEL_FUNC },
  { NULL, 0, 0, 0 },
};

RtType rt_staticmethod_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "staticmethod",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtFuncWrap),
  .dealloc = funcwrap_dealloc,
  .traverse = funcwrap_traverse,
  .clear = funcwrap_clear,
  .refs = funcwrap_refs,
  .repr = funcwrap_repr,
  .call = sm_call,
  .descr_get = sm_descr_get,
  .tp_new = funcwrap_new,
  .init = funcwrap_init,
  .size_of = funcwrap_size_of,
};

RtType rt_classmethod_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "classmethod",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtFuncWrap),
  .dealloc = funcwrap_dealloc,
  .traverse = funcwrap_traverse,
  .clear = funcwrap_clear,
  .refs = funcwrap_refs,
  .repr = funcwrap_repr,
  .descr_get = cm_descr_get,
  .tp_new = funcwrap_new,
  .init = funcwrap_init,
  .size_of = funcwrap_size_of,
};

/* super(type, obj): attribute lookup that starts after type in the MRO of
 * obj's class. The language layer supplies the arguments of super(). */

typedef struct
{
  RtObject ob;
  RtType *type;
  RtObject *obj;
  RtType *obj_type;
} RtSuper;

static void
super_dealloc (RtObject *self)
{
  RtSuper *su = (RtSuper *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (su->obj);
  rt_xdecref ((RtObject *) su->type);
  rt_xdecref ((RtObject *) su->obj_type);
  rt_gc_free (self, RT_TYPE (self)->basic_size);
}

static int
super_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RtSuper *su = (RtSuper *) self;

  RT_VISIT (su->obj);
  RT_VISIT (su->type);
  RT_VISIT (su->obj_type);
  return 0;
}

static void
super_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtSuper *su = (RtSuper *) self;

  if (su->obj != NULL)
    visit (self, rt_slot_label (RT_LABEL_SELF), su->obj, arg);
  if (su->type != NULL)
    visit (self, rt_slot_label (RT_LABEL_CLASS), (RtObject *) su->type, arg);
  if (su->obj_type != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), (RtObject *) su->obj_type, arg);
}

static RtType *
supercheck (RtType *type, RtObject *obj)
{
  if (rt_is_type (obj) && rt_type_is_subtype ((RtType *) obj, type))
    return (RtType *) rt_newref (obj);
  if (rt_type_is_subtype (RT_TYPE (obj), type))
    return (RtType *) rt_newref ((RtObject *) RT_TYPE (obj));
  rt_error_format (&rt_exc_TypeError,
                   "super(type, obj): obj must be an instance or subtype of type");
  return NULL;
}

static void
super_set (RtSuper *su, RtType *type, RtObject *obj, RtType *obj_type)
{
  RtObject *self = &su->ob;

  rt_field_set (self, (RtObject **) &su->type, (RtObject *) type, rt_slot_label (RT_LABEL_CLASS));
  rt_field_set (self, &su->obj, obj, rt_slot_label (RT_LABEL_SELF));
  rt_field_set (self, (RtObject **) &su->obj_type, (RtObject *) obj_type,
                rt_slot_label (RT_LABEL_OTHER));
}

static int
super_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *obj = NULL;
  RtType *type, *obj_type = NULL;

  if (!rt_check_no_kwargs ("super", kwnames))
    return -1;
  if (nargs == 0)
    {
      rt_error_format (&rt_exc_RuntimeError, "super(): no arguments");
      return -1;
    }
  if (nargs > 2)
    {
      rt_error_format (&rt_exc_TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
      return -1;
    }
  if (!rt_is_type (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "super() argument 1 must be a type, not %s",
                       RT_TYPE (args[0])->name);
      return -1;
    }
  type = (RtType *) args[0];
  if (nargs == 2 && args[1] != RT_NONE)
    {
      obj = args[1];
      obj_type = supercheck (type, obj);
      if (obj_type == NULL)
        return -1;
    }
  super_set ((RtSuper *) self, type, obj, obj_type);
  rt_xdecref ((RtObject *) obj_type);
  return 0;
}

static RtObject *
super_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  (void) nargs;
  (void) kwnames;
  return rt_type_generic_alloc (type, 0);
}

static RtObject *
super_getattro (RtObject *self, RtObject *name)
{
  RtSuper *su = (RtSuper *) self;
  RtType *starttype = su->obj_type;
  RtObject *mro;
  int64_t i, n;

  if (starttype == NULL)
    goto skip;
  if (rt_is_str (name) && rt_str_equal (name, rt_id (RT_ID___class__)))
    goto skip;
  mro = starttype->mro;
  if (mro == NULL)
    goto skip;
  n = RT_TUPLE_SIZE (mro);
  for (i = 0; i + 1 < n; i++)
    if ((RtObject *) su->type == RT_TUPLE_ITEMS (mro)[i])
      break;
  i++;
  if (i >= n)
    goto skip;
  rt_incref (mro);
  for (; i < n; i++)
    {
      RtType *t = (RtType *) RT_TUPLE_ITEMS (mro)[i];
      RtObject *res = t->dict ? rt_dict_get_item (t->dict, name) : NULL;

      if (res != NULL)
        {
          RtObject *(*f) (RtObject *, RtObject *, RtType *) = RT_TYPE (res)->descr_get;
          rt_incref (res);
          if (f != NULL)
            {
              RtObject *res2 = f (res, su->obj == (RtObject *) starttype ? NULL : su->obj,
                                  starttype);
              rt_decref (res);
              res = res2;
            }
          rt_decref (mro);
          return res;
        }
      if (rt_error_occurred ())
        {
          rt_decref (mro);
          return NULL;
        }
    }
  rt_decref (mro);
skip:
  return rt_object_generic_getattr (self, name);
}

static RtObject *
super_descr_get (RtObject *self, RtObject *obj, RtType *type)
{
  RtSuper *su = (RtSuper *) self, *newobj;
  RtType *obj_type;

  (void) type;
  if (obj == NULL || obj == RT_NONE || su->obj != NULL)
    return rt_newref (self);
  if (RT_TYPE (self) != &rt_super_type)
    {
      RtObject *args[2] = { (RtObject *) su->type, obj };
      return rt_call ((RtObject *) RT_TYPE (self), args, 2, NULL);
    }
  obj_type = supercheck (su->type, obj);
  if (obj_type == NULL)
    return NULL;
  newobj = (RtSuper *) rt_type_generic_alloc (&rt_super_type, 0);
  if (newobj != NULL)
    super_set (newobj, su->type, obj, obj_type);
  rt_decref ((RtObject *) obj_type);
  return (RtObject *) newobj;
}

static RtObject *
super_repr (RtObject *self)
{
  RtSuper *su = (RtSuper *) self;

  if (su->obj_type != NULL)
    return rt_str_from_format ("<super: <class '%s'>, <%s object>>",
                               su->type ? su->type->name : "NULL", su->obj_type->name);
  return rt_str_from_format ("<super: <class '%s'>, NULL>", su->type ? su->type->name : "NULL");
}

const RtMemberDef rt_super_members[] = {
  { "__thisclass__", offsetof (RtSuper, type), RT_MEMBER_READONLY, RT_LABEL_CLASS },
  { "__self__", offsetof (RtSuper, obj), RT_MEMBER_READONLY, RT_LABEL_SELF },
  { "__self_class__", offsetof (RtSuper, obj_type), RT_MEMBER_READONLY, RT_LABEL_OTHER },
  { NULL, 0, 0, 0 },
};

static size_t
super_size_of (RtObject *self)
{
  (void) self;
  return 40;
}

RtType rt_super_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "super",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtSuper),
  .dealloc = super_dealloc,
  .traverse = super_traverse,
  .refs = super_refs,
  .repr = super_repr,
  .getattro = super_getattro,
  .descr_get = super_descr_get,
  .tp_new = super_new,
  .init = super_init,
  .size_of = super_size_of,
};
