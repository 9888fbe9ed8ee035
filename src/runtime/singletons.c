/* singletons.c: None, NotImplemented and Ellipsis, and their types. */
#include "singletons.h"
#include "class.h"
#include "str.h"

static RtObject *
none_repr (RtObject *self)
{
  return rt_str_from_cstr ("None");
}

static RtObject *
not_implemented_repr (RtObject *self)
{
  return rt_str_from_cstr ("NotImplemented");
}

static RtObject *
ellipsis_repr (RtObject *self)
{
  return rt_str_from_cstr ("Ellipsis");
}

static int
none_bool (RtObject *self)
{
  return 0;
}

static RtHash
singleton_hash (RtObject *self)
{
  /* CPython hashes these by address; ours is fixed per runtime. */
  return (RtHash) (self->serial * 1000003u);
}

/* None's header is a PyObject: 16 bytes. */
static size_t
singleton_size_of (RtObject *self)
{
  return 16;
}

static const RtNumberMethods none_number = {
  .as_bool = none_bool,
};

RtType rt_none_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC, .type = &rt_type_type },
  .name = "NoneType",
  .basic_size = sizeof (RtObject),
  .repr = none_repr,
  .hash = singleton_hash,
  .number = &none_number,
  .size_of = singleton_size_of,
};

RtType rt_not_implemented_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC, .type = &rt_type_type },
  .name = "NotImplementedType",
  .basic_size = sizeof (RtObject),
  .repr = not_implemented_repr,
  .hash = singleton_hash,
  .size_of = singleton_size_of,
};

RtType rt_ellipsis_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC, .type = &rt_type_type },
  .name = "ellipsis",
  .basic_size = sizeof (RtObject),
  .repr = ellipsis_repr,
  .hash = singleton_hash,
  .size_of = singleton_size_of,
};

RtObject rt_none_obj = { .refcnt = 1u << 30, .aux = RT_AUX_STATIC, .type = &rt_none_type };
RtObject rt_not_implemented_obj = { .refcnt = 1u << 30,
                                    .aux = RT_AUX_STATIC,
                                    .type = &rt_not_implemented_type };
RtObject rt_ellipsis_obj = { .refcnt = 1u << 30, .aux = RT_AUX_STATIC, .type = &rt_ellipsis_type };
