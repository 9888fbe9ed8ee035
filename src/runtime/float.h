/* float.h: IEEE doubles with CPython's repr (shortest round-trip) and
 * arithmetic rules. */
#pragma once

#include "object.h"

typedef struct
{
  RtObject ob;
  double value;
} RtFloat;

extern RtType rt_float_type;

static inline bool
rt_is_float (RtObject *obj)
{
  return RT_TYPE_HAS (obj->type, RT_TPFLAG_FLOAT_SUBCLASS);
}

RtObject *rt_float_new (double value);

static inline double
rt_float_value (RtObject *obj)
{
  return ((RtFloat *) obj)->value;
}

/* float(x) for an int, float, or str argument. */
RtObject *rt_float_from_object (RtObject *obj);

/* repr(x) of a double as CPython writes it: "0.1", "1e+16", "inf", "nan".
 * Writes a NUL-terminated string into buf (at least 32 bytes). */
void rt_double_repr (double value, char *buf, size_t size);

/* The float free list (100 entries, as CPython), emptied by full collections. */
void rt_float_clear_freelist (void);
