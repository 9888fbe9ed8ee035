/* module.c: module objects, a name and the dict their attributes live in
 * (CPython's moduleobject.c). */
#include "class-private.h"
#include "abstract.h"
#include "dict.h"
#include "gc.h"
#include "singletons.h"
#include "str.h"

#include <string.h>

/* sizeof(PyModuleObject) */
#define CPY_MODULE_SIZE 56

RtObject *
rt_module_new (RtObject *name)
{
  RtModule *m;
  RtObject *dict;
  static const RtId none_keys[] = { RT_ID___doc__, RT_ID___package__, RT_ID___loader__,
                                    RT_ID___spec__ };

  m = (RtModule *) rt_gc_alloc (&rt_module_type, sizeof (RtModule));
  if (m == NULL)
    return NULL;
  m->name = NULL;
  m->dict = NULL;
  RT_EVENT_BORN (m, 0);
  rt_field_set (&m->ob, &m->name, name, rt_slot_label (RT_LABEL_NAME));
  rt_gc_track (&m->ob);
  dict = rt_dict_new ();
  if (dict == NULL)
    goto fail;
  m->dict = dict;
  RT_EVENT_REF_ADD (m, rt_slot_label (RT_LABEL_DICT), dict);
  /* module_init_dict: the five entries every module starts with. */
  if (rt_dict_set_item (dict, rt_id (RT_ID___name__), name) < 0)
    goto fail;
  for (size_t i = 0; i < sizeof none_keys / sizeof none_keys[0]; i++)
    if (rt_dict_set_item (dict, rt_id (none_keys[i]), RT_NONE) < 0)
      goto fail;
  return &m->ob;

fail:
  rt_decref (&m->ob);
  return NULL;
}

static void
module_dealloc (RtObject *self)
{
  RtModule *m = (RtModule *) self;

  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  rt_xdecref (m->dict);
  rt_xdecref (m->name);
  rt_gc_free (self, sizeof (RtModule));
}

static int
module_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtModule *) self)->dict);
  return 0;
}

static int
module_clear (RtObject *self)
{
  RtModule *m = (RtModule *) self;

  rt_field_set (self, &m->dict, NULL, rt_slot_label (RT_LABEL_DICT));
  return 0;
}

static void
module_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtModule *m = (RtModule *) self;

  if (m->name != NULL)
    visit (self, rt_slot_label (RT_LABEL_NAME), m->name, arg);
  if (m->dict != NULL)
    visit (self, rt_slot_label (RT_LABEL_DICT), m->dict, arg);
}

static RtObject *
module_repr (RtObject *self)
{
  RtModule *m = (RtModule *) self;
  RtObject *name = m->dict ? rt_dict_get_item (m->dict, rt_id (RT_ID___name__)) : NULL;
  RtObject *file = m->dict ? rt_dict_get_item (m->dict, rt_id (RT_ID___file__)) : NULL;

  if (rt_error_occurred ())
    return NULL;
  if (name == NULL)
    name = m->name;
  if (name == NULL)
    return rt_str_from_format ("<module '?'>");
  if (file != NULL)
    return rt_str_from_format ("<module %R from %R>", name, file);
  return rt_str_from_format ("<module %R (built-in)>", name);
}

static RtObject *
module_getattro (RtObject *self, RtObject *name)
{
  RtModule *m = (RtModule *) self;
  RtObject *attr = rt_object_generic_getattr (self, name), *getattr, *mod_name;

  if (attr != NULL || !rt_error_matches (&rt_exc_AttributeError))
    return attr;
  rt_error_clear ();
  if (m->dict == NULL)
    goto unnamed;
  getattr = rt_dict_get_item (m->dict, rt_id (RT_ID___getattr__));
  if (getattr != NULL)
    return rt_call_one (getattr, name);
  if (rt_error_occurred ())
    return NULL;
  mod_name = rt_dict_get_item (m->dict, rt_id (RT_ID___name__));
  if (mod_name != NULL && rt_is_str (mod_name))
    {
      rt_error_format (&rt_exc_AttributeError, "module '%S' has no attribute '%S'", mod_name,
                       name);
      return NULL;
    }
  if (rt_error_occurred ())
    return NULL;
unnamed:
  rt_error_format (&rt_exc_AttributeError, "module has no attribute '%S'", name);
  return NULL;
}

static RtObject *
module_dir (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  (void) args;
  if (!rt_check_no_kwargs ("module.__dir__", kwnames) || !rt_check_nargs ("__dir__", nargs, 0, 0))
    return NULL;
  return rt_object_dir (self);
}

static const RtMethodDef module_methods[] = {
  { "__dir__", module_dir, 0 },
  { NULL, NULL, 0 },
};

const RtMemberDef rt_module_members[] = {
  { "__dict__", offsetof (RtModule, dict), RT_MEMBER_READONLY, RT_LABEL_DICT },
  { NULL, 0, 0, 0 },
};

const int64_t rt_module_dict_offset = offsetof (RtModule, dict);

static size_t
module_size_of (RtObject *self)
{
  (void) self;
  return CPY_MODULE_SIZE;
}

RtType rt_module_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "module",
  .flags = RT_TPFLAG_GC | RT_TPFLAG_BASETYPE,
  .basic_size = sizeof (RtModule),
  .dealloc = module_dealloc,
  .traverse = module_traverse,
  .clear = module_clear,
  .refs = module_refs,
  .repr = module_repr,
  .getattro = module_getattro,
  .setattro = rt_object_generic_setattr,
  .methods = module_methods,
  .size_of = module_size_of,
};
