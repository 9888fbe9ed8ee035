/* singletons.h: None, NotImplemented and Ellipsis. */
#pragma once

#include "object.h"

extern RtObject rt_none_obj, rt_not_implemented_obj, rt_ellipsis_obj;
extern RtType rt_none_type, rt_not_implemented_type, rt_ellipsis_type;

#define RT_NONE (&rt_none_obj)
#define RT_NOT_IMPLEMENTED (&rt_not_implemented_obj)
#define RT_ELLIPSIS (&rt_ellipsis_obj)

static inline RtObject *
rt_none_new (void)
{
  return rt_newref (RT_NONE);
}
