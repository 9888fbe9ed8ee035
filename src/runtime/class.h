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

/* Prepares a static built-in type: its dict from its methods table, its
 * bases and MRO, inherited slots. Called for every built-in type at start. */
bool rt_type_ready (RtType *type);

/* type(name, bases, namespace): the class statement. Borrowed arguments;
 * bases is a tuple (empty: object). Runs __set_name__-free CPython 3.11
 * semantics for slots: dunder methods in the namespace become the type's
 * slots (__repr__, __eq__, __hash__, __del__, __add__...). */
RtObject *rt_class_new (RtObject *name, RtObject *bases, RtObject *ns);

/* The attribute `name` found along type's MRO, borrowed, or NULL. */
RtObject *rt_type_lookup (RtType *type, RtObject *name);
RtObject *rt_type_lookup_cstr (RtType *type, const char *name);

/* A type's name as its repr shows it: "int", "__main__.C" qualname for
 * classes is separate. */
const char *rt_type_name (RtType *type);

/* object.__getattribute__ and object.__setattr__ */
RtObject *rt_object_generic_getattr (RtObject *obj, RtObject *name);
int rt_object_generic_setattr (RtObject *obj, RtObject *name, RtObject *value);

/* An instance's attribute dict, created on first request (new reference). */
RtObject *rt_instance_get_dict (RtObject *obj);

/* The method the language's LOAD_METHOD finds: if `name` on obj is a plain
 * function (or a built-in method descriptor) found on its type, returns it
 * (new reference) and sets *is_method, so no bound method is created;
 * otherwise the attribute, as rt_getattr. */
RtObject *rt_get_method (RtObject *obj, RtObject *name, bool *is_method);
