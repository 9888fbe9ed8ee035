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

/* float(x) for an int, float, or str argument, or an object with
 * __float__ or __index__; float(f) is f for an exact float. */
RtObject *rt_float_from_object (RtObject *obj);
/* float(text) as CPython parses it (whitespace, sign, underscores between
 * digits, inf/infinity/nan, Unicode digits); ValueError "could not convert
 * string to float: 'x'". */
RtObject *rt_float_from_string (const char *text, size_t length);

/* divmod(a, b) with a float operand (the other float or int): a tuple, or
 * NotImplemented for other types; ZeroDivisionError "float divmod()". */
RtObject *rt_float_divmod (RtObject *a, RtObject *b);
/* round(x) (ndigits NULL or None: an int, halves to even) and
 * round(x, ndigits) (a float, correctly rounded as CPython). x is a float. */
RtObject *rt_float_round (RtObject *x, RtObject *ndigits);
/* CPython's hash of a double; obj (may be NULL) names a NaN's identity. */
RtHash rt_double_hash (double value, RtObject *obj);

/* repr(x) of a double as CPython writes it: "0.1", "1e+16", "inf", "nan".
 * Writes a NUL-terminated string into buf (at least 32 bytes). */
void rt_double_repr (double value, char *buf, size_t size);

/* The float free list (100 entries, as CPython), emptied by full collections. */
void rt_float_clear_freelist (void);
/* Forgets the free list at runtime start (its memory went with the previous
 * runtime's arenas); rt_int_init calls it. */
void rt_float_init (void);
