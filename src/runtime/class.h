/* class.h: type objects, `object`, classes made by class statements, their
 * instances (attributes kept inline until __dict__ is read, as 3.11), and
 * attribute lookup through the MRO with descriptors. */
#pragma once

#include "object.h"

extern RtType rt_type_type, rt_object_type, rt_super_type, rt_property_type,
  rt_staticmethod_type, rt_classmethod_type;

static inline bool
rt_is_type (RtObject *obj)
{
  return RT_TYPE_HAS (obj->type, RT_TPFLAG_TYPE_SUBCLASS);
}

/* Prepares a static built-in type: its dict from its methods table (and the
 * slot wrappers, __new__ and the attributes CPython's types show), its
 * bases and MRO, inherited slots; ob.type becomes `type`. Idempotent. The
 * first call also readies the protocol's own types (object, type, the
 * descriptors, functions, modules) and the exception classes. Called for
 * every built-in type at start, after ints, strs and tuples exist. */
bool rt_type_ready (RtType *type);

/* A computed attribute of a built-in type (CPython's PyGetSetDef): int's
 * real, a function's __name__. set may be NULL (read-only); it gets NULL
 * to delete. */
typedef struct
{
  const char *name;
  RtObject *(*get) (RtObject *self);            /* a new reference */
  int (*set) (RtObject *self, RtObject *value); /* borrows value */
} RtGetSetDef;

/* Gives a built-in type attributes (a table ending with a NULL name, kept
 * by reference) that its dict shows as getset descriptors. Before the type
 * is readied (from a part's init function) they are added then, after it at
 * once. They last for the runtime's lifetime. */
bool rt_type_add_getsets (RtType *type, const RtGetSetDef *getsets);

/* Releases what rt_type_ready gave a static type (dict, bases, MRO). */
void rt_type_fini_static (RtType *type);
/* Releases every static type still readied, then the interned names the
 * protocol keeps (rt_error_fini calls it). A readied type's dict, bases and
 * MRO are registered as roots (rt_root_register), so its refs report
 * nothing. */
void rt_types_fini (void);

/* A new instance of type with zeroed fields, as PyType_GenericAlloc: GC
 * types are tracked at birth, a class's instances report their reference to
 * it. Types' tp_new use it for subclasses too, since it allocates the
 * subclass's basic_size. A new reference. */
RtObject *rt_type_generic_alloc (RtType *type, int64_t nitems);

/* type(name, bases, namespace): the class statement, as 3.11's type_new.
 * Borrowed arguments; bases is a tuple (empty: object), several bases get a
 * C3 MRO and a layout check. The namespace is copied; its __qualname__ and
 * __classcell__ (filled with the class) are taken out, __module__ comes
 * from it or the module hook, __slots__ is honoured, a __new__ function
 * becomes a staticmethod and __init_subclass__ a classmethod, __set_name__
 * and the bases' __init_subclass__ are called. Dunder methods become the
 * type's slots (__repr__, __eq__, __hash__, __del__, __add__...); __eq__
 * without __hash__ makes it unhashable. A new reference, or NULL with
 * TypeError ("type 'bool' is not an acceptable base type", "multiple bases
 * have instance lay-out conflict"...). Classes deriving from int, str or
 * tuple get no instance __dict__. */
RtObject *rt_class_new (RtObject *name, RtObject *bases, RtObject *ns);
/* The same with class keywords (class C(B, key=value)), passed to
 * __init_subclass__: kwargs holds one borrowed value per name in kwnames. */
RtObject *rt_class_new_kw (RtObject *name, RtObject *bases, RtObject *ns,
                           RtObject *const *kwargs, RtObject *kwnames);

/* Where __module__ comes from when a namespace has none (type(name, bases,
 * dict) from Python): the hook returns the running code's module name
 * (borrowed); without a hook "__main__". */
void rt_class_set_module_hook (RtObject *(*hook) (void));

/* The attribute `name` found along type's MRO, borrowed, or NULL. */
RtObject *rt_type_lookup (RtType *type, RtObject *name);
RtObject *rt_type_lookup_cstr (RtType *type, const char *name);

/* A type's name as messages show it (CPython's tp_name): "int", and a
 * class's __name__ ("C", never "__main__.C"). Borrowed. Classes keep
 * __module__ in their dict (RtType.module stays NULL), as CPython. */
const char *rt_type_name (RtType *type);

/* object.__getattribute__ and object.__setattr__ */
RtObject *rt_object_generic_getattr (RtObject *obj, RtObject *name);
int rt_object_generic_setattr (RtObject *obj, RtObject *name, RtObject *value);

/* An instance's attribute dict, created on first request (new reference).
 * For a class's instance this turns its inline attributes into a real dict
 * for good, as reading __dict__ does in CPython 3.11. AttributeError if the
 * object has no __dict__. Classes' __dict__ is their dict itself (CPython
 * wraps it in a read-only mappingproxy). */
RtObject *rt_instance_get_dict (RtObject *obj);

/* dir(obj) as object.__dir__, type.__dir__ and module.__dir__ compute it:
 * a new sorted list of str. */
RtObject *rt_object_dir (RtObject *obj);

/* The method the language's LOAD_METHOD finds: if `name` on obj is a plain
 * function (or a built-in method descriptor) found on its type, returns it
 * (new reference) and sets *is_method, so no bound method is created;
 * otherwise the attribute, as rt_getattr. */
RtObject *rt_get_method (RtObject *obj, RtObject *name, bool *is_method);
