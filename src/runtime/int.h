/* int.h: arbitrary-precision integers with CPython's small-int cache
 * (-5..256), and bool, whose two objects are ints. */
#pragma once

#include "object.h"

/* The layout of every int whose value fits in 64 bits; larger ones keep
 * digits instead (int.c), marked in the header's aux bits. */
typedef struct
{
  RtObject ob;
  int64_t value;
} RtSmallInt;

extern RtType rt_int_type, rt_bool_type;
extern RtSmallInt rt_true_obj, rt_false_obj;

#define RT_TRUE ((RtObject *) &rt_true_obj)
#define RT_FALSE ((RtObject *) &rt_false_obj)
#define RT_SMALL_INT_MIN (-5)
#define RT_SMALL_INT_MAX 256

static inline RtObject *
rt_bool_new (bool value)
{
  return rt_newref (value ? RT_TRUE : RT_FALSE);
}

static inline bool
rt_is_int (RtObject *obj)
{
  return RT_TYPE_HAS (obj->type, RT_TPFLAG_INT_SUBCLASS);
}

/* A new reference; the cached object for -5..256. */
RtObject *rt_int_from_i64 (int64_t value);
RtObject *rt_int_from_u64 (uint64_t value);
RtObject *rt_int_from_double (double value);  /* truncates; errors on inf/nan */

/* Parses digits as int() and int literals do (underscores, whitespace,
 * sign, base 0 = from prefix). ValueError "invalid literal for int() with
 * base 10: 'x'" on failure. */
RtObject *rt_int_from_string (const char *text, size_t length, int base);

/* Whether obj (an int) fits in 64 bits; if so, stores it. No error set. */
bool rt_int_to_i64 (RtObject *obj, int64_t *out);
/* OverflowError "Python int too large to convert to C ssize_t" if not. */
int64_t rt_int_as_ssize (RtObject *obj);
/* OverflowError "int too large to convert to float" if not finite. */
double rt_int_as_double (RtObject *obj);
int rt_int_sign (RtObject *obj);

/* Decimal text (new str); rt_int_to_base for hex()/bin()/oct() with prefix. */
RtObject *rt_int_to_decimal (RtObject *obj);
RtObject *rt_int_to_base (RtObject *obj, int base);

/* The cache, filled at runtime start, emptied at the end. */
bool rt_int_init (void);
void rt_int_fini (void);
