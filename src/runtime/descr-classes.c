/* descr-classes.c: the descriptor classes programs use, as CPython's
 * descrobject.c, funcobject.c and typeobject.c: property, staticmethod,
 * classmethod and super. */
#include "class-private.h"
#include "runtime.h"
#include "abstract.h"
#include "dict.h"
#include "gc.h"
#include "int.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

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
  RtObject *implicit[2];
  if (nargs == 0)
    {
      const RtHooks *hooks = rt_runtime_hooks ();
      if (hooks->super_args == NULL)
        {
          rt_error_format (&rt_exc_RuntimeError, "super(): no arguments");
          return -1;
        }
      if (!hooks->super_args (&implicit[0], &implicit[1]))
        return -1;
      args = implicit;
      nargs = 2;
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
