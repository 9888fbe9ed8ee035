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

/* int(x) for one argument, as PyNumber_Long: ints, floats (truncated),
 * strs, and objects with __int__ or __index__. Returns a new exact int. */
RtObject *rt_number_long (RtObject *x);
/* An exact int with the value of an int or int subclass object (the object
 * itself if it is exactly an int); a new reference. */
RtObject *rt_int_exact (RtObject *obj);

/* pow(a, b, m) for ints, CPython's rules: a negative exponent inverts a
 * modulo m, the result takes m's sign. TypeError unless all are ints. */
RtObject *rt_int_pow_mod (RtObject *a, RtObject *b, RtObject *m);
/* divmod(a, b) for ints: a (quotient, remainder) tuple with floor
 * semantics; NotImplemented if either is not an int. The number table has no
 * divmod slot, so the divmod() built-in calls this (and rt_float_divmod). */
RtObject *rt_int_divmod (RtObject *a, RtObject *b);

/* sys.get_int_max_str_digits() and sys.set_int_max_str_digits(): the limit
 * (4300 by default, 0 for none) on conversions between int and decimal
 * text. set raises ValueError below 640, as CPython. */
int rt_int_get_max_str_digits (void);
bool rt_int_set_max_str_digits (int64_t limit);

/* The bytes an int object (of any int subclass) was allocated with, for a
 * subclass's dealloc that frees it; int's dealloc handles any int subclass
 * object once the subclass has dropped its own references. */
size_t rt_int_alloc_size (RtObject *obj);

/* The cache, filled at runtime start (its slots registered as roots),
 * emptied at the end. */
bool rt_int_init (void);
void rt_int_fini (void);
