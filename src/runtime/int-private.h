/* int-private.h: the layout of ints too large for 64 bits, and the signed
 * digit arithmetic (int-digits.c) that int.c and int-arith.c compute with. */
#pragma once

#include "int.h"

/* aux bits of an int. Bit 31 stays the runtime's (RT_AUX_STATIC). */
enum
{
  RT_INT_BIG = 1u << 0,  /* RtBigInt layout: the value does not fit in 64 bits */
  RT_INT_NEG = 1u << 1,  /* of a big int: negative */
};

/* Same size as RtSmallInt, so that subclasses share one fixed part:
 * value becomes the digit count, and the digits follow. */
typedef struct
{
  RtObject ob;
  int64_t ndigits;
  uint32_t digits[];  /* magnitude, base 2**32, least significant first */
} RtBigInt;

_Static_assert (sizeof (RtBigInt) == sizeof (RtSmallInt), "int layouts diverge");

static inline bool
rt_int_is_big (RtObject *obj)
{
  return (obj->aux & RT_INT_BIG) != 0;
}

static inline int64_t
rt_int_small_value (RtObject *obj)
{
  return ((RtSmallInt *) obj)->value;
}

/* A signed number being computed: magnitude digits base 2**32, least
 * significant first, without leading zeros (zero has n == 0). `d` points at
 * `local` for small views, at an int's digits for big views (borrowed), or
 * at a buffer of `cap` digits the number owns. An RtNum must not be copied
 * by value while it points at its own `local`. */
typedef struct
{
  uint32_t *d;
  size_t n;
  size_t cap;   /* 0: d is not owned */
  bool neg;
  uint32_t local[2];
} RtNum;

/* A view of an int's value; borrows obj, which must outlive the view. */
void rt_num_view (RtNum *num, RtObject *obj);
void rt_num_set_i64 (RtNum *num, int64_t value);
void rt_num_set_u64 (RtNum *num, uint64_t value, bool neg);
/* An owned, zeroed buffer of n digits (n == 0 allowed). MemoryError on failure. */
bool rt_num_alloc (RtNum *num, size_t n);
void rt_num_dispose (RtNum *num);
/* Drops leading zero digits; zero is never negative. */
void rt_num_normalize (RtNum *num);

/* The int with num's value (the cached one for small values); num is not
 * disposed. Returns a new reference. */
RtObject *rt_num_to_int (const RtNum *num);
/* Whether num fits in int64_t, storing it if so. */
bool rt_num_to_i64 (const RtNum *num, int64_t *out);

int rt_num_cmp (const RtNum *a, const RtNum *b);
int rt_num_cmp_mag (const RtNum *a, const RtNum *b);
uint64_t rt_num_bit_length (const RtNum *a);

/* Results go to r, a fresh RtNum (initialized by the call, dispose after).
 * All return false with MemoryError set when memory ran out. r must not
 * alias an operand. */
bool rt_num_add (RtNum *r, const RtNum *a, const RtNum *b, bool subtract);
bool rt_num_mul (RtNum *r, const RtNum *a, const RtNum *b);
/* Floor division (Python's // and %): q and r may each be NULL. b != 0. */
bool rt_num_divmod (RtNum *q, RtNum *r, const RtNum *a, const RtNum *b);
/* Truncating division of magnitudes, signs ignored: |a| / |b|, |a| % |b|. */
bool rt_num_divmod_trunc (RtNum *q, RtNum *r, const RtNum *a, const RtNum *b);
/* a << bits and a >> bits (flooring, as Python for negatives). */
bool rt_num_lshift (RtNum *r, const RtNum *a, uint64_t bits);
bool rt_num_rshift (RtNum *r, const RtNum *a, uint64_t bits);
/* '&', '|' or '^' on two's complement values of unbounded width. */
bool rt_num_bitop (RtNum *r, const RtNum *a, const RtNum *b, char op);
bool rt_num_copy (RtNum *r, const RtNum *a);
/* Divides the magnitude in place by d, returning the remainder. */
uint32_t rt_num_divrem_small (RtNum *a, uint32_t d);
/* a * m + add on the magnitude, in place; the buffer must be owned and may grow. */
bool rt_num_mul_add_small (RtNum *a, uint32_t m, uint32_t add);

/* CPython's limit on decimal conversions (sys.set_int_max_str_digits). */
extern int rt_int_max_str_digits_value;

extern const RtNumberMethods rt_int_number_methods, rt_bool_number_methods;

/* The digits of |obj| in base 2, 8, 10 or 16 (lowercase, no prefix), a
 * malloc'd NUL-terminated string of *len bytes; the decimal limit applies.
 * NULL with an error set. */
char *rt_int_digits (RtObject *obj, int base, size_t *len);
/* -1, 0 or 1 as a < b, a == b, a > b for two ints. */
int rt_int_compare (RtObject *a, RtObject *b);
RtHash rt_int_hash_value (RtObject *obj);
/* Non-ASCII number text reduced to ASCII as CPython does before parsing
 * (Unicode spaces and decimal digits); a malloc'd copy, NULL if out of
 * memory. */
char *rt_number_text_to_ascii (const char *text, size_t length, size_t *out_len);
bool rt_compare_result (int c, int op);
