/* int-arith.c: int and bool arithmetic with CPython's semantics: floor
 * division, correctly rounded true division, powers (negative exponents give
 * floats, three-argument pow), shifts and two's complement bitwise logic.
 * Values that fit in 64 bits take fast paths; the rest go through RtNum. */
#include "int-private.h"
#include "abstract.h"
#include "error.h"
#include "float.h"
#include "singletons.h"
#include "tuple.h"

#include <math.h>

/* The runtime's float.h shadows the C library's <float.h> on the include
 * path, so its IEEE double parameters are spelled out. */
#define DBL_MANT_DIG 53
#define DBL_MAX_EXP 1024
#define DBL_MIN_EXP (-1021)

/* Results beyond this many bits are refused with MemoryError rather than
 * attempted, as CPython's allocation would fail. */
#define MAX_RESULT_BITS ((uint64_t) 1 << 34)

#define BINOP_CHECK(a, b)                               \
  do                                                    \
    {                                                   \
      if (!rt_is_int (a) || !rt_is_int (b))             \
        return rt_newref (RT_NOT_IMPLEMENTED);          \
    }                                                   \
  while (0)

static bool
both_small (RtObject *a, RtObject *b)
{
  return !rt_int_is_big (a) && !rt_int_is_big (b);
}

/* Finishes a computation: the int for r (disposed), or NULL if ok is false. */
static RtObject *
finish (RtNum *r, bool ok)
{
  RtObject *result = NULL;

  if (ok)
    result = rt_num_to_int (r);
  rt_num_dispose (r);
  return result;
}

static RtObject *
add_sub (RtObject *a, RtObject *b, bool subtract)
{
  RtNum na, nb, r;
  int64_t x;

  BINOP_CHECK (a, b);
  if (both_small (a, b))
    {
      int64_t va = rt_int_small_value (a), vb = rt_int_small_value (b);
      bool overflow = subtract ? __builtin_sub_overflow (va, vb, &x)
                               : __builtin_add_overflow (va, vb, &x);
      if (!overflow)
        return rt_int_from_i64 (x);
    }
  rt_num_view (&na, a);
  rt_num_view (&nb, b);
  return finish (&r, rt_num_add (&r, &na, &nb, subtract));
}

static RtObject *
int_add (RtObject *a, RtObject *b)
{
  return add_sub (a, b, false);
}

static RtObject *
int_subtract (RtObject *a, RtObject *b)
{
  return add_sub (a, b, true);
}

static RtObject *
int_multiply (RtObject *a, RtObject *b)
{
  RtNum na, nb, r;
  int64_t x;

  BINOP_CHECK (a, b);
  if (both_small (a, b)
      && !__builtin_mul_overflow (rt_int_small_value (a), rt_int_small_value (b), &x))
    return rt_int_from_i64 (x);
  rt_num_view (&na, a);
  rt_num_view (&nb, b);
  return finish (&r, rt_num_mul (&r, &na, &nb));
}

/* Floor division and modulo; either result pointer may be NULL. */
static bool
int_divmod_objects (RtObject *a, RtObject *b, RtObject **q, RtObject **m, const char *zero_msg)
{
  RtNum na, nb, nq, nr;

  if (rt_int_sign (b) == 0)
    {
      rt_error_format (&rt_exc_ZeroDivisionError, "%s", zero_msg);
      return false;
    }
  if (both_small (a, b) && !(rt_int_small_value (a) == INT64_MIN && rt_int_small_value (b) == -1))
    {
      int64_t x = rt_int_small_value (a), y = rt_int_small_value (b);
      int64_t qq = x / y, rr = x % y;
      if (rr != 0 && ((rr < 0) != (y < 0)))
        {
          qq -= 1;
          rr += y;
        }
      if (q != NULL && (*q = rt_int_from_i64 (qq)) == NULL)
        return false;
      if (m != NULL && (*m = rt_int_from_i64 (rr)) == NULL)
        {
          if (q != NULL)
            RT_CLEAR (*q);
          return false;
        }
      return true;
    }
  rt_num_view (&na, a);
  rt_num_view (&nb, b);
  if (!rt_num_divmod (q != NULL ? &nq : NULL, m != NULL ? &nr : NULL, &na, &nb))
    return false;
  if (q != NULL)
    {
      *q = rt_num_to_int (&nq);
      rt_num_dispose (&nq);
    }
  if (m != NULL)
    {
      *m = rt_num_to_int (&nr);
      rt_num_dispose (&nr);
    }
  if ((q != NULL && *q == NULL) || (m != NULL && *m == NULL))
    {
      if (q != NULL)
        RT_CLEAR (*q);
      if (m != NULL)
        RT_CLEAR (*m);
      return false;
    }
  return true;
}

static RtObject *
int_floor_divide (RtObject *a, RtObject *b)
{
  RtObject *q = NULL;

  BINOP_CHECK (a, b);
  if (!int_divmod_objects (a, b, &q, NULL, "integer division or modulo by zero"))
    return NULL;
  return q;
}

static RtObject *
int_remainder (RtObject *a, RtObject *b)
{
  RtObject *m = NULL;

  BINOP_CHECK (a, b);
  if (!int_divmod_objects (a, b, NULL, &m, "integer modulo by zero"))
    return NULL;
  return m;
}

RtObject *
rt_int_divmod (RtObject *a, RtObject *b)
{
  RtObject *q = NULL, *m = NULL, *result;

  BINOP_CHECK (a, b);
  if (!int_divmod_objects (a, b, &q, &m, "integer division or modulo by zero"))
    return NULL;
  result = rt_tuple_pack (2, q, m);
  rt_decref (q);
  rt_decref (m);
  return result;
}

/* a / b correctly rounded, as CPython's long_true_divide: a quotient of
 * DBL_MANT_DIG + 2 or 3 bits, a sticky bit for the rest, one rounding. */
static RtObject *
int_true_divide (RtObject *a, RtObject *b)
{
  RtNum na, nb, x, q, rem;
  int64_t diff, shift;
  uint64_t low, mask, x_bits, qv;
  int extra_bits;
  bool negate, inexact = false, ok;
  double dx, result;

  BINOP_CHECK (a, b);
  if (rt_int_sign (b) == 0)
    {
      rt_error_format (&rt_exc_ZeroDivisionError, "division by zero");
      return NULL;
    }
  if (both_small (a, b))
    {
      int64_t va = rt_int_small_value (a), vb = rt_int_small_value (b);
      const int64_t lim = (int64_t) 1 << DBL_MANT_DIG;
      if (va > -lim && va < lim && vb > -lim && vb < lim)
        return rt_float_new ((double) va / (double) vb);
    }
  rt_num_view (&na, a);
  rt_num_view (&nb, b);
  negate = na.neg != nb.neg;
  na.neg = nb.neg = false;
  if (na.n == 0)
    return rt_float_new (negate ? -0.0 : 0.0);
  diff = (int64_t) rt_num_bit_length (&na) - (int64_t) rt_num_bit_length (&nb);
  if (diff > DBL_MAX_EXP)
    goto overflow;
  if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1)
    return rt_float_new (negate ? -0.0 : 0.0);
  shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
  if (shift <= 0)
    ok = rt_num_lshift (&x, &na, (uint64_t) -shift);
  else
    {
      RtNum back;
      ok = rt_num_rshift (&x, &na, (uint64_t) shift);
      if (ok && rt_num_lshift (&back, &x, (uint64_t) shift))
        {
          inexact = rt_num_cmp_mag (&back, &na) != 0;
          rt_num_dispose (&back);
        }
      else if (ok)
        {
          rt_num_dispose (&x);
          ok = false;
        }
    }
  if (!ok)
    return NULL;
  ok = rt_num_divmod_trunc (&q, &rem, &x, &nb);
  rt_num_dispose (&x);
  if (!ok)
    return NULL;
  if (rem.n != 0)
    inexact = true;
  rt_num_dispose (&rem);
  qv = q.n == 0 ? 0 : q.d[0];
  if (q.n > 1)
    qv |= (uint64_t) q.d[1] << 32;
  rt_num_dispose (&q);
  x_bits = qv == 0 ? 0 : (uint64_t) (64 - __builtin_clzll (qv));
  extra_bits = (int) ((int64_t) x_bits > DBL_MIN_EXP - shift ? (int64_t) x_bits
                                                              : DBL_MIN_EXP - shift)
               - DBL_MANT_DIG;
  mask = (uint64_t) 1 << (extra_bits - 1);
  low = qv | (inexact ? 1 : 0);
  if ((low & mask) && (low & (3 * mask - 1)))
    low += mask;
  qv = low & ~(2 * mask - 1);
  dx = (double) qv;
  if (shift + (int64_t) x_bits >= DBL_MAX_EXP
      && (shift + (int64_t) x_bits > DBL_MAX_EXP || dx == ldexp (1.0, (int) x_bits)))
    goto overflow;
  result = ldexp (dx, (int) shift);
  return rt_float_new (negate ? -result : result);

overflow:
  rt_error_format (&rt_exc_OverflowError, "integer division result too large for a float");
  return NULL;
}

/* a ** e for e >= 0, by squaring from the top bit. */
static RtObject *
int_pow_nonneg (RtObject *a, RtObject *e)
{
  RtNum na, ne, r, t;
  uint64_t bits, est;

  rt_num_view (&na, a);
  rt_num_view (&ne, e);
  if (ne.n == 0)
    return rt_int_from_i64 (1);
  if (na.n == 0 || (na.n == 1 && na.d[0] == 1))
    {
      /* 0, 1 and -1 stay small whatever the exponent. */
      bool odd = (ne.d[0] & 1) != 0;
      return rt_int_from_i64 (na.n == 0 ? 0 : (na.neg && odd) ? -1 : 1);
    }
  bits = rt_num_bit_length (&ne);
  if (bits > 40)
    return rt_error_no_memory ();
  est = (rt_num_bit_length (&na) - 1) * (ne.n > 1 ? ((uint64_t) ne.d[1] << 32) | ne.d[0]
                                                  : ne.d[0]);
  if (est > MAX_RESULT_BITS)
    return rt_error_no_memory ();
  if (both_small (a, e))
    {
      int64_t base = rt_int_small_value (a), ex = rt_int_small_value (e), acc = 1;
      bool overflow = false;
      while (ex > 0 && !overflow)
        {
          if ((ex & 1) && __builtin_mul_overflow (acc, base, &acc))
            overflow = true;
          ex >>= 1;
          if (ex > 0 && __builtin_mul_overflow (base, base, &base))
            overflow = true;
        }
      if (!overflow)
        return rt_int_from_i64 (acc);
    }
  if (!rt_num_copy (&r, &na))
    return NULL;
  for (uint64_t i = bits - 1; i-- > 0;)
    {
      if (!rt_num_mul (&t, &r, &r))
        goto fail;
      rt_num_dispose (&r);
      r = t;
      if ((ne.d[i / 32] >> (i % 32)) & 1)
        {
          if (!rt_num_mul (&t, &r, &na))
            goto fail;
          rt_num_dispose (&r);
          r = t;
        }
    }
  return finish (&r, true);

fail:
  rt_num_dispose (&r);
  return NULL;
}

static RtObject *
int_power (RtObject *a, RtObject *b)
{
  BINOP_CHECK (a, b);
  if (rt_int_sign (b) < 0)
    {
      /* A negative exponent is float arithmetic. */
      double x = rt_int_as_double (a), y;
      RtObject *fa, *fb, *result;

      if (x == -1.0 && rt_error_occurred ())
        return NULL;
      y = rt_int_as_double (b);
      if (y == -1.0 && rt_error_occurred ())
        return NULL;
      fa = rt_float_new (x);
      fb = rt_float_new (y);
      result = fa != NULL && fb != NULL ? rt_binary_op (fa, fb, RT_OP_POWER) : NULL;
      rt_xdecref (fa);
      rt_xdecref (fb);
      return result;
    }
  return int_pow_nonneg (a, b);
}

/* The inverse of a modulo m (m > 1), by the extended Euclidean algorithm. */
static RtObject *
int_invmod (RtObject *a, RtObject *m)
{
  RtObject *old_r = NULL, *r = NULL, *old_s = NULL, *s = NULL, *result = NULL;

  old_r = int_remainder (a, m);
  r = rt_newref (m);
  old_s = rt_int_from_i64 (1);
  s = rt_int_from_i64 (0);
  if (old_r == NULL || old_s == NULL || s == NULL)
    goto out;
  while (rt_int_sign (r) != 0)
    {
      RtObject *q = NULL, *t = NULL, *nr, *ns;

      q = int_floor_divide (old_r, r);
      if (q == NULL)
        goto out;
      t = int_multiply (q, r);
      nr = t != NULL ? int_subtract (old_r, t) : NULL;
      rt_xdecref (t);
      t = int_multiply (q, s);
      ns = t != NULL ? int_subtract (old_s, t) : NULL;
      rt_xdecref (t);
      rt_decref (q);
      if (nr == NULL || ns == NULL)
        {
          rt_xdecref (nr);
          rt_xdecref (ns);
          goto out;
        }
      RT_SETREF (old_r, r);
      r = nr;
      RT_SETREF (old_s, s);
      s = ns;
    }
  if (rt_int_is_big (old_r) || rt_int_small_value (old_r) != 1)
    {
      rt_error_format (&rt_exc_ValueError, "base is not invertible for the given modulus");
      goto out;
    }
  result = int_remainder (old_s, m);

out:
  rt_xdecref (old_r);
  rt_xdecref (r);
  rt_xdecref (old_s);
  rt_xdecref (s);
  return result;
}

RtObject *
rt_int_pow_mod (RtObject *a, RtObject *b, RtObject *m)
{
  RtObject *mod = NULL, *base = NULL, *exp = NULL, *result = NULL;
  RtNum nm, nb, ne, r, t, rem;
  bool negative_out;

  if (!rt_is_int (a) || !rt_is_int (b) || !rt_is_int (m))
    {
      rt_error_format (&rt_exc_TypeError,
                       "pow() 3rd argument not allowed unless all arguments are integers");
      return NULL;
    }
  if (rt_int_sign (m) == 0)
    {
      rt_error_format (&rt_exc_ValueError, "pow() 3rd argument cannot be 0");
      return NULL;
    }
  negative_out = rt_int_sign (m) < 0;
  mod = negative_out ? rt_negative (m) : rt_newref (m);
  if (mod == NULL)
    return NULL;
  if (!rt_int_is_big (mod) && rt_int_small_value (mod) == 1)
    {
      result = rt_int_from_i64 (0);
      goto out;
    }
  if (rt_int_sign (b) < 0)
    {
      base = int_invmod (a, mod);
      exp = rt_negative (b);
    }
  else
    {
      base = int_remainder (a, mod);
      exp = rt_newref (b);
    }
  if (base == NULL || exp == NULL)
    goto out;

  rt_num_view (&nm, mod);
  rt_num_view (&nb, base);
  rt_num_view (&ne, exp);
  rt_num_set_u64 (&r, 1, false);
  if (!rt_num_copy (&t, &r))
    goto out;
  r = t;
  for (uint64_t i = rt_num_bit_length (&ne); i-- > 0;)
    {
      bool ok = rt_num_mul (&t, &r, &r);
      rt_num_dispose (&r);
      if (!ok)
        goto out;
      ok = rt_num_divmod (NULL, &rem, &t, &nm);
      rt_num_dispose (&t);
      if (!ok)
        goto out;
      r = rem;
      if ((ne.d[i / 32] >> (i % 32)) & 1)
        {
          ok = rt_num_mul (&t, &r, &nb);
          rt_num_dispose (&r);
          if (!ok)
            goto out;
          ok = rt_num_divmod (NULL, &rem, &t, &nm);
          rt_num_dispose (&t);
          if (!ok)
            goto out;
          r = rem;
        }
    }
  if (negative_out && r.n != 0)
    {
      /* A negative modulus gives a result with its sign. */
      bool ok = rt_num_add (&t, &r, &nm, true);
      rt_num_dispose (&r);
      if (!ok)
        goto out;
      r = t;
    }
  result = finish (&r, true);

out:
  rt_xdecref (mod);
  rt_xdecref (base);
  rt_xdecref (exp);
  return result;
}

/* Whether CPython's long_lshift would ask _PyLong_New for more 30-bit
 * digits than an int may have (MAX_LONG_DIGITS), which it refuses with
 * OverflowError before trying to allocate; a shift below that is a
 * MemoryError. A word shift too large for Py_ssize_t is clipped first, as
 * divmod_shift() does. */
static bool
lshift_too_many_digits (RtObject *a, RtObject *b)
{
  const uint64_t ssize_max = INT64_MAX, max_digits = (ssize_max - 24) / 4;
  uint64_t wordshift = ssize_max / 4, newsize;
  RtNum na, nb;

  rt_num_view (&nb, b);
  if (nb.n <= 2)
    {
      uint64_t count = nb.n == 0 ? 0 : nb.n == 1 ? nb.d[0] : ((uint64_t) nb.d[1] << 32) | nb.d[0];
      if (count / 30 < ssize_max / 4)
        wordshift = count / 30 + (count % 30 != 0);
    }
  rt_num_view (&na, a);
  newsize = (rt_num_bit_length (&na) + 29) / 30 + wordshift;
  return newsize > max_digits;
}

static RtObject *
int_lshift (RtObject *a, RtObject *b)
{
  RtNum na, r;
  int64_t count;

  BINOP_CHECK (a, b);
  if (rt_int_sign (b) < 0)
    {
      rt_error_format (&rt_exc_ValueError, "negative shift count");
      return NULL;
    }
  if (rt_int_sign (a) == 0)
    return rt_int_from_i64 (0);
  if (lshift_too_many_digits (a, b))
    {
      rt_error_format (&rt_exc_OverflowError, "too many digits in integer");
      return NULL;
    }
  if (!rt_int_to_i64 (b, &count) || (uint64_t) count > MAX_RESULT_BITS)
    return rt_error_no_memory ();
  if (!rt_int_is_big (a) && count < 62)
    {
      int64_t v = rt_int_small_value (a);
      if (v >= -((int64_t) 1 << (62 - count)) && v < ((int64_t) 1 << (62 - count)))
        return rt_int_from_i64 (v * ((int64_t) 1 << count));
    }
  rt_num_view (&na, a);
  return finish (&r, rt_num_lshift (&r, &na, (uint64_t) count));
}

static RtObject *
int_rshift (RtObject *a, RtObject *b)
{
  RtNum na, r;
  int64_t count;

  BINOP_CHECK (a, b);
  if (rt_int_sign (b) < 0)
    {
      rt_error_format (&rt_exc_ValueError, "negative shift count");
      return NULL;
    }
  if (!rt_int_to_i64 (b, &count))
    return rt_int_from_i64 (rt_int_sign (a) < 0 ? -1 : 0);
  if (!rt_int_is_big (a))
    {
      int64_t v = rt_int_small_value (a);
      if (count >= 63)
        return rt_int_from_i64 (v < 0 ? -1 : 0);
      /* >> on a negative value is arithmetic with GCC and Clang, but C
       * leaves it to the implementation: floor explicitly. */
      return rt_int_from_i64 (v >= 0 ? v >> count : -(((-(v + 1)) >> count) + 1));
    }
  rt_num_view (&na, a);
  return finish (&r, rt_num_rshift (&r, &na, (uint64_t) count));
}

static RtObject *
bitop (RtObject *a, RtObject *b, char op)
{
  RtNum na, nb, r;

  BINOP_CHECK (a, b);
  if (both_small (a, b))
    {
      int64_t x = rt_int_small_value (a), y = rt_int_small_value (b);
      return rt_int_from_i64 (op == '&' ? x & y : op == '|' ? x | y : x ^ y);
    }
  rt_num_view (&na, a);
  rt_num_view (&nb, b);
  return finish (&r, rt_num_bitop (&r, &na, &nb, op));
}

static RtObject *
int_and (RtObject *a, RtObject *b)
{
  return bitop (a, b, '&');
}

static RtObject *
int_or (RtObject *a, RtObject *b)
{
  return bitop (a, b, '|');
}

static RtObject *
int_xor (RtObject *a, RtObject *b)
{
  return bitop (a, b, '^');
}

static RtObject *
int_negative (RtObject *a)
{
  RtNum na;

  if (!rt_int_is_big (a) && rt_int_small_value (a) != INT64_MIN)
    return rt_int_from_i64 (-rt_int_small_value (a));
  rt_num_view (&na, a);
  na.neg = !na.neg && na.n != 0;
  return rt_num_to_int (&na);
}

static RtObject *
int_positive (RtObject *a)
{
  return rt_int_exact (a);
}

static RtObject *
int_absolute (RtObject *a)
{
  return rt_int_sign (a) < 0 ? int_negative (a) : rt_int_exact (a);
}

static RtObject *
int_invert (RtObject *a)
{
  RtNum na, one, r;

  if (!rt_int_is_big (a) && rt_int_small_value (a) != INT64_MAX)
    return rt_int_from_i64 (-(rt_int_small_value (a) + 1));
  /* ~x == -(x + 1) */
  rt_num_view (&na, a);
  rt_num_set_u64 (&one, 1, false);
  if (!rt_num_add (&r, &na, &one, false))
    return NULL;
  r.neg = !r.neg && r.n != 0;
  return finish (&r, true);
}

static RtObject *
int_as_float (RtObject *a)
{
  double d = rt_int_as_double (a);

  if (d == -1.0 && rt_error_occurred ())
    return NULL;
  return rt_float_new (d);
}

static int
int_as_bool (RtObject *a)
{
  return rt_int_sign (a) != 0;
}

const RtNumberMethods rt_int_number_methods = {
  .add = int_add,
  .subtract = int_subtract,
  .multiply = int_multiply,
  .remainder = int_remainder,
  .floor_divide = int_floor_divide,
  .true_divide = int_true_divide,
  .power = int_power,
  .lshift = int_lshift,
  .rshift = int_rshift,
  .and_ = int_and,
  .xor_ = int_xor,
  .or_ = int_or,
  .negative = int_negative,
  .positive = int_positive,
  .absolute = int_absolute,
  .invert = int_invert,
  .as_int = int_positive,
  .as_float = int_as_float,
  .index = int_positive,
  .as_bool = int_as_bool,
};

/* bool & | ^ bool stay bools; anything else is int arithmetic. */
static RtObject *
bool_bitop (RtObject *a, RtObject *b, char op)
{
  if (a->type == &rt_bool_type && b->type == &rt_bool_type)
    {
      bool x = a == RT_TRUE, y = b == RT_TRUE;
      return rt_bool_new (op == '&' ? x && y : op == '|' ? x || y : x != y);
    }
  return bitop (a, b, op);
}

static RtObject *
bool_and (RtObject *a, RtObject *b)
{
  return bool_bitop (a, b, '&');
}

static RtObject *
bool_or (RtObject *a, RtObject *b)
{
  return bool_bitop (a, b, '|');
}

static RtObject *
bool_xor (RtObject *a, RtObject *b)
{
  return bool_bitop (a, b, '^');
}

const RtNumberMethods rt_bool_number_methods = {
  .add = int_add,
  .subtract = int_subtract,
  .multiply = int_multiply,
  .remainder = int_remainder,
  .floor_divide = int_floor_divide,
  .true_divide = int_true_divide,
  .power = int_power,
  .lshift = int_lshift,
  .rshift = int_rshift,
  .and_ = bool_and,
  .xor_ = bool_xor,
  .or_ = bool_or,
  .negative = int_negative,
  .positive = int_positive,
  .absolute = int_absolute,
  .invert = int_invert,
  .as_int = int_positive,
  .as_float = int_as_float,
  .index = int_positive,
  .as_bool = int_as_bool,
};
