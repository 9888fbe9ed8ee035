/* int.c: the int and bool types: the small-int cache, conversions to and
 * from C numbers and text, hashing, comparison, int() and bool(). The
 * arithmetic is in int-arith.c, the digit engine in int-digits.c. */
#include "int-private.h"
#include "abstract.h"
#include "class.h"
#include "error.h"
#include "event.h"
#include "float.h"
#include "format.h"
#include "function.h"
#include "gc.h"
#include "runtime.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"
#include "unicode-db.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t) 1 << HASH_BITS) - 1)

/* sys.get_int_max_str_digits(): 4300 by default, 0 for no limit. */
int rt_int_max_str_digits_value = 4300;
#define MAX_STR_DIGITS_THRESHOLD 640

static RtObject *small_ints[RT_SMALL_INT_MAX - RT_SMALL_INT_MIN + 1];

int
rt_int_get_max_str_digits (void)
{
  return rt_int_max_str_digits_value;
}

bool
rt_int_set_max_str_digits (int64_t limit)
{
  if (limit != 0 && limit < MAX_STR_DIGITS_THRESHOLD)
    {
      rt_error_format (&rt_exc_ValueError, "maxdigits must be 0 or larger than %d",
                       MAX_STR_DIGITS_THRESHOLD);
      return false;
    }
  if (limit > INT32_MAX)
    limit = INT32_MAX;
  rt_int_max_str_digits_value = (int) limit;
  return true;
}

/* Construction */

RtObject *
rt_int_from_i64 (int64_t value)
{
  RtSmallInt *obj;

  if (value >= RT_SMALL_INT_MIN && value <= RT_SMALL_INT_MAX
      && small_ints[value - RT_SMALL_INT_MIN] != NULL)
    return rt_newref (small_ints[value - RT_SMALL_INT_MIN]);
  obj = (RtSmallInt *) rt_object_alloc (&rt_int_type, sizeof (RtSmallInt));
  if (obj == NULL)
    return NULL;
  obj->value = value;
  RT_EVENT_BORN (obj, 0);
  return (RtObject *) obj;
}

RtObject *
rt_int_from_u64 (uint64_t value)
{
  RtNum num;

  if (value <= INT64_MAX)
    return rt_int_from_i64 ((int64_t) value);
  rt_num_set_u64 (&num, value, false);
  return rt_num_to_int (&num);
}

RtObject *
rt_int_from_double (double value)
{
  RtNum num;
  RtObject *result;
  int exp;
  double frac;
  size_t ndigits;

  if (isinf (value))
    {
      rt_error_format (&rt_exc_OverflowError, "cannot convert float infinity to integer");
      return NULL;
    }
  if (isnan (value))
    {
      rt_error_format (&rt_exc_ValueError, "cannot convert float NaN to integer");
      return NULL;
    }
  if (value > -9223372036854775808.0 && value < 9223372036854775808.0)
    return rt_int_from_i64 ((int64_t) value);
  /* |value| >= 2**63: an integer, taken 32 bits at a time from the top. */
  frac = frexp (fabs (value), &exp);
  ndigits = (size_t) (exp - 1) / 32 + 1;
  if (!rt_num_alloc (&num, ndigits))
    return NULL;
  frac = ldexp (frac, (exp - 1) % 32 + 1);
  for (size_t i = ndigits; i-- > 0;)
    {
      uint32_t bits = (uint32_t) frac;
      num.d[i] = bits;
      frac = ldexp (frac - bits, 32);
    }
  num.neg = value < 0;
  rt_num_normalize (&num);
  result = rt_num_to_int (&num);
  rt_num_dispose (&num);
  return result;
}

/* Conversion to C numbers */

bool
rt_int_to_i64 (RtObject *obj, int64_t *out)
{
  if (!rt_int_is_big (obj))
    {
      *out = rt_int_small_value (obj);
      return true;
    }
  return false;
}

int64_t
rt_int_as_ssize (RtObject *obj)
{
  if (!rt_int_is_big (obj))
    return rt_int_small_value (obj);
  rt_error_format (&rt_exc_OverflowError, "Python int too large to convert to C ssize_t");
  return -1;
}

int
rt_int_sign (RtObject *obj)
{
  int64_t v;

  if (rt_int_is_big (obj))
    return (obj->aux & RT_INT_NEG) ? -1 : 1;
  v = rt_int_small_value (obj);
  return v < 0 ? -1 : v > 0;
}

/* Correctly rounded (half to even), as CPython's PyLong_AsDouble: the top
 * 64 bits with a sticky bit for anything below round exactly once. */
double
rt_int_as_double (RtObject *obj)
{
  RtNum num;
  uint64_t bits, top = 0;
  size_t shift, w;
  int s;
  bool sticky = false;
  double result;

  if (!rt_int_is_big (obj))
    return (double) rt_int_small_value (obj);
  rt_num_view (&num, obj);
  bits = rt_num_bit_length (&num);
  if (bits > 1024)
    goto overflow;
  shift = (size_t) (bits - 64);
  w = shift / 32;
  s = (int) (shift % 32);
  for (size_t i = 0; i < w; i++)
    if (num.d[i] != 0)
      sticky = true;
  /* Gather 64 bits starting at bit `shift`. */
  for (size_t i = 0; i < 3 && w + i < num.n; i++)
    {
      uint64_t d = num.d[w + i];
      if (i == 0)
        {
          if (s && (d & ((1u << s) - 1)))
            sticky = true;
          top |= d >> s;
        }
      else
        {
          int pos = 32 * (int) i - s;
          if (pos < 64)
            top |= d << pos;
        }
    }
  if (sticky)
    top |= 1;
  result = ldexp ((double) top, (int) shift);
  if (isinf (result))
    goto overflow;
  return num.neg ? -result : result;

overflow:
  rt_error_format (&rt_exc_OverflowError, "int too large to convert to float");
  return -1.0;
}

/* Text */

/* The digits of |value| in base 2, 8, 10 or 16 (lowercase), NUL-terminated
 * and malloc'd; *len gets their count. Decimal conversions obey the
 * 4300-digit limit as CPython 3.11 (ValueError). NULL with an error set. */
char *
rt_int_digits (RtObject *obj, int base, size_t *len)
{
  static const char hexdigits[] = "0123456789abcdef";
  RtNum num, work;
  char *out = NULL;
  size_t n = 0;

  rt_num_view (&num, obj);
  if (base == 10)
    {
      size_t size_a = (size_t) ((rt_num_bit_length (&num) + 29) / 30);
      size_t chunks, cap;
      uint32_t *parts;

      /* CPython's early refusal, measured in its 30-bit digits. */
      if (size_a >= 10 * MAX_STR_DIGITS_THRESHOLD / (3 * 30) + 2)
        {
          int max = rt_int_max_str_digits_value;
          if (max > 0 && (size_t) (max / (3 * 30)) <= (size_a - 11) / 10)
            goto too_many;
        }
      if (!rt_num_copy (&work, &num))
        return NULL;
      /* Base 10**9 chunks, least significant first. */
      cap = work.n * 10 / 9 + 2;
      parts = malloc (cap * sizeof (uint32_t));
      if (parts == NULL)
        {
          rt_num_dispose (&work);
          rt_error_no_memory ();
          return NULL;
        }
      chunks = 0;
      do
        parts[chunks++] = rt_num_divrem_small (&work, 1000000000u);
      while (work.n != 0);
      rt_num_dispose (&work);
      out = malloc (chunks * 9 + 1);
      if (out == NULL)
        {
          free (parts);
          rt_error_no_memory ();
          return NULL;
        }
      n = (size_t) sprintf (out, "%u", parts[chunks - 1]);
      for (size_t i = chunks - 1; i-- > 0;)
        n += (size_t) sprintf (out + n, "%09u", parts[i]);
      free (parts);
      if (rt_int_max_str_digits_value > 0 && n > (size_t) rt_int_max_str_digits_value)
        {
          free (out);
          goto too_many;
        }
    }
  else
    {
      int shift = base == 2 ? 1 : base == 8 ? 3 : 4;
      uint64_t bits = rt_num_bit_length (&num);
      size_t count = bits == 0 ? 1 : (size_t) ((bits + (uint64_t) shift - 1) / (uint64_t) shift);

      out = malloc (count + 1);
      if (out == NULL)
        {
          rt_error_no_memory ();
          return NULL;
        }
      for (size_t i = 0; i < count; i++)
        {
          uint64_t bit = (uint64_t) i * (uint64_t) shift;
          size_t w = (size_t) (bit / 32);
          unsigned off = (unsigned) (bit % 32);
          uint64_t chunk = w < num.n ? num.d[w] >> off : 0;
          if (off + (unsigned) shift > 32 && w + 1 < num.n)
            chunk |= (uint64_t) num.d[w + 1] << (32 - off);
          out[count - 1 - i] = hexdigits[chunk & (uint64_t) (base - 1)];
        }
      n = count;
      out[n] = '\0';
    }
  *len = n;
  return out;

too_many:
  rt_error_format (&rt_exc_ValueError,
                   "Exceeds the limit (%d digits) for integer string conversion; "
                   "use sys.set_int_max_str_digits() to increase the limit",
                   rt_int_max_str_digits_value);
  return NULL;
}

RtObject *
rt_int_to_base (RtObject *obj, int base)
{
  RtStrBuilder sb;
  char *digits;
  size_t len;

  if (base == 10 && !rt_int_is_big (obj))
    {
      char buf[32];
      int n = snprintf (buf, sizeof buf, "%lld", (long long) rt_int_small_value (obj));
      return rt_str_new (buf, (size_t) n);
    }
  digits = rt_int_digits (obj, base, &len);
  if (digits == NULL)
    return NULL;
  rt_sb_init (&sb);
  if (rt_int_sign (obj) < 0)
    rt_sb_append (&sb, "-", 1);
  if (base != 10)
    rt_sb_append_cstr (&sb, base == 2 ? "0b" : base == 8 ? "0o" : "0x");
  rt_sb_append (&sb, digits, len);
  free (digits);
  return rt_sb_finish (&sb);
}

RtObject *
rt_int_to_decimal (RtObject *obj)
{
  return rt_int_to_base (obj, 10);
}

static RtObject *
int_repr (RtObject *self)
{
  return rt_int_to_decimal (self);
}

/* Parsing */

static int
digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return 99;
}

static bool
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Non-ASCII text is first reduced to ASCII as CPython's
 * _PyUnicode_TransformDecimalAndSpaceToASCII does: Unicode spaces become
 * ' ', decimal digits their ASCII digit, and the first other character '?'
 * ending the text. Returns a malloc'd copy. */
char *
rt_number_text_to_ascii (const char *text, size_t length, size_t *out_len)
{
  char *out = malloc (length + 1);
  size_t i = 0, n = 0;

  if (out == NULL)
    return NULL;
  while (i < length)
    {
      size_t len;
      uint32_t cp = rt_utf8_decode (text + i, &len);
      int dec;

      i += len;
      if (cp < 127)
        out[n++] = (char) cp;
      else if (rt_unicode_is_space (cp))
        out[n++] = ' ';
      else if ((dec = rt_unicode_decimal (cp)) >= 0)
        out[n++] = (char) ('0' + dec);
      else
        {
          out[n++] = '?';
          break;
        }
    }
  out[n] = '\0';
  *out_len = n;
  return out;
}

static void
invalid_literal (const char *text, size_t length, int base)
{
  RtObject *s = rt_str_decode_utf8 (text, length);
  RtObject *r = s != NULL ? rt_str_repr (s) : NULL;

  if (r != NULL)
    {
      /* CPython's %.200R: the repr cut to 200 characters. */
      const char *p = rt_str_utf8 (r);
      size_t bytes = 0;
      for (int64_t count = 0; count < 200 && p[bytes] != '\0'; count++)
        {
          size_t len;
          rt_utf8_decode (p + bytes, &len);
          bytes += len;
        }
      rt_error_format (&rt_exc_ValueError, "invalid literal for int() with base %d: %.*s", base,
                       (int) bytes, p);
    }
  rt_xdecref (s);
  rt_xdecref (r);
}

RtObject *
rt_int_from_string (const char *text, size_t length, int base)
{
  RtObject *result = NULL;
  const char *s, *end, *scan, *digits_start;
  char *ascii = NULL;
  size_t alen, ndigits = 0;
  bool neg = false, error_if_nonzero = false;
  char prev = 0;
  RtNum num;

  if ((base != 0 && base < 2) || base > 36)
    {
      rt_error_format (&rt_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
      return NULL;
    }
  for (size_t i = 0; i < length; i++)
    if ((unsigned char) text[i] >= 0x80 || text[i] == '\0')
      {
        ascii = rt_number_text_to_ascii (text, length, &alen);
        if (ascii == NULL)
          return rt_error_no_memory ();
        break;
      }
  s = ascii != NULL ? ascii : text;
  end = s + (ascii != NULL ? alen : length);

  while (s < end && is_ascii_space (*s))
    s++;
  if (s < end && (*s == '+' || *s == '-'))
    neg = *s++ == '-';
  if (base == 0)
    {
      if (s >= end || s[0] != '0')
        base = 10;
      else if (s + 1 < end && (s[1] == 'x' || s[1] == 'X'))
        base = 16;
      else if (s + 1 < end && (s[1] == 'o' || s[1] == 'O'))
        base = 8;
      else if (s + 1 < end && (s[1] == 'b' || s[1] == 'B'))
        base = 2;
      else
        {
          /* An old C-style octal literal: only zero is allowed. */
          error_if_nonzero = true;
          base = 10;
        }
    }
  if (s + 1 < end && s[0] == '0'
      && ((base == 16 && (s[1] == 'x' || s[1] == 'X'))
          || (base == 8 && (s[1] == 'o' || s[1] == 'O'))
          || (base == 2 && (s[1] == 'b' || s[1] == 'B'))))
    {
      s += 2;
      if (s < end && *s == '_')
        s++;
    }
  if (s < end && *s == '_')
    goto invalid;

  digits_start = s;
  for (scan = s; scan < end && (digit_value (*scan) < base || *scan == '_'); scan++)
    {
      if (*scan == '_')
        {
          if (prev == '_')
            goto invalid;
        }
      else
        ndigits++;
      prev = *scan;
    }
  if (prev == '_' || ndigits == 0)
    goto invalid;
  if ((base & (base - 1)) != 0 && rt_int_max_str_digits_value > 0
      && ndigits > (size_t) rt_int_max_str_digits_value && ndigits > MAX_STR_DIGITS_THRESHOLD)
    {
      rt_error_format (&rt_exc_ValueError,
                       "Exceeds the limit (%d digits) for integer string conversion: value has "
                       "%zu digits; use sys.set_int_max_str_digits() to increase the limit",
                       rt_int_max_str_digits_value, ndigits);
      goto out;
    }
  s = scan;
  while (s < end && is_ascii_space (*s))
    s++;
  if (s != end)
    goto invalid;

  /* Accumulate: several digits per multiply, as long as they fit 32 bits. */
  {
    uint32_t chunk_mul = 1, chunk = 0;

    if (!rt_num_alloc (&num, 4))
      goto out;
    num.n = 0;
    for (scan = digits_start; scan < end; scan++)
      {
        int d = digit_value (*scan);
        if (*scan == '_')
          continue;
        if (d >= base)
          break;
        if ((uint64_t) chunk_mul * (uint64_t) base > UINT32_MAX)
          {
            if (!rt_num_mul_add_small (&num, chunk_mul, chunk))
              {
                rt_num_dispose (&num);
                goto out;
              }
            chunk_mul = 1;
            chunk = 0;
          }
        chunk = chunk * (uint32_t) base + (uint32_t) d;
        chunk_mul *= (uint32_t) base;
      }
    if (!rt_num_mul_add_small (&num, chunk_mul, chunk))
      {
        rt_num_dispose (&num);
        goto out;
      }
    rt_num_normalize (&num);
    if (error_if_nonzero && num.n != 0)
      {
        rt_num_dispose (&num);
        base = 0;
        goto invalid;
      }
    num.neg = neg && num.n != 0;
    result = rt_num_to_int (&num);
    rt_num_dispose (&num);
  }
  goto out;

invalid:
  invalid_literal (text, length, error_if_nonzero ? 0 : base);

out:
  free (ascii);
  return result;
}

/* Hashing: the value modulo 2**61 - 1 with the sign, as CPython; -1 is
 * reserved for errors and becomes -2. */
RtHash
rt_int_hash_value (RtObject *obj)
{
  RtNum num;
  uint64_t x = 0;
  RtHash h;

  if (!rt_int_is_big (obj))
    {
      int64_t v = rt_int_small_value (obj);
      uint64_t mag = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;

      x = mag % HASH_MODULUS;
      h = v < 0 ? -(RtHash) x : (RtHash) x;
      return h == -1 ? -2 : h;
    }
  rt_num_view (&num, obj);
  for (size_t i = num.n; i-- > 0;)
    {
      /* x * 2**32 mod 2**61 - 1 is a 61-bit rotation. */
      x = ((x << 32) & HASH_MODULUS) | (x >> (HASH_BITS - 32));
      x += num.d[i];
      if (x >= HASH_MODULUS)
        x -= HASH_MODULUS;
    }
  h = num.neg ? -(RtHash) x : (RtHash) x;
  return h == -1 ? -2 : h;
}

static RtHash
int_hash (RtObject *self)
{
  return rt_int_hash_value (self);
}

/* Comparison */

int
rt_int_compare (RtObject *a, RtObject *b)
{
  RtNum na, nb;

  if (!rt_int_is_big (a) && !rt_int_is_big (b))
    {
      int64_t x = rt_int_small_value (a), y = rt_int_small_value (b);
      return x < y ? -1 : x > y;
    }
  rt_num_view (&na, a);
  rt_num_view (&nb, b);
  return rt_num_cmp (&na, &nb);
}

bool
rt_compare_result (int c, int op)
{
  switch (op)
    {
    case RT_LT:
      return c < 0;
    case RT_LE:
      return c <= 0;
    case RT_EQ:
      return c == 0;
    case RT_NE:
      return c != 0;
    case RT_GT:
      return c > 0;
    default:
      return c >= 0;
    }
}

static RtObject *
int_richcompare (RtObject *self, RtObject *other, int op)
{
  if (!rt_is_int (self) || !rt_is_int (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  return rt_bool_new (rt_compare_result (rt_int_compare (self, other), op));
}

/* Objects of int subclasses keep the same layout after their type's fixed
 * part, so int and bool deallocate any of them. */
size_t
rt_int_alloc_size (RtObject *obj)
{
  size_t size = obj->type->basic_size;

  if (rt_int_is_big (obj))
    size += (size_t) ((RtBigInt *) obj)->ndigits * sizeof (uint32_t);
  return size;
}

static void
int_dealloc (RtObject *self)
{
  size_t size = rt_int_alloc_size (self);

  if (RT_IS_GC (self))
    {
      if (rt_gc_is_tracked (self))
        rt_gc_untrack (self);
      rt_gc_free (self, size);
    }
  else
    rt_object_free (self, size);
}

/* CPython's __sizeof__: 24 bytes and at least one 30-bit digit. */
static size_t
int_size_of (RtObject *self)
{
  RtNum num;
  uint64_t digits;

  rt_num_view (&num, self);
  digits = (rt_num_bit_length (&num) + 29) / 30;
  if (digits == 0)
    digits = 1;
  return 24 + (size_t) digits * 4 + (self->type->basic_size - sizeof (RtSmallInt));
}

/* int(), int(x), int(text, base) */

/* An exact int equal to an int (subclass) object; a new reference. */
RtObject *
rt_int_exact (RtObject *obj)
{
  RtNum num;

  if (obj->type == &rt_int_type)
    return rt_newref (obj);
  rt_num_view (&num, obj);
  return rt_num_to_int (&num);
}

/* int(x) for one argument, as PyNumber_Long. */
RtObject *
rt_number_long (RtObject *x)
{
  const RtNumberMethods *nb = x->type->number;
  RtObject *result;

  if (x->type == &rt_int_type)
    return rt_newref (x);
  if (nb != NULL && nb->as_int != NULL)
    {
      result = nb->as_int (x);
      if (result == NULL || result->type == &rt_int_type)
        return result;
      if (!rt_is_int (result))
        {
          rt_error_format (&rt_exc_TypeError, "__int__ returned non-int (type %s)",
                           rt_type_name (result->type));
          rt_decref (result);
          return NULL;
        }
      RT_SETREF (result, rt_int_exact (result));
      return result;
    }
  if (nb != NULL && nb->index != NULL)
    {
      result = rt_number_index (x);
      if (result != NULL && result->type != &rt_int_type)
        RT_SETREF (result, rt_int_exact (result));
      return result;
    }
  if (rt_is_int (x))
    return rt_int_exact (x);
  if (rt_is_str (x))
    return rt_int_from_string (rt_str_utf8 (x), (size_t) rt_str_size (x), 10);
  rt_error_format (&rt_exc_TypeError,
                   "int() argument must be a string, a bytes-like object or a real number, "
                   "not '%s'",
                   rt_type_name (x->type));
  return NULL;
}

/* An instance of an int subclass with an int's value (stolen). */
static RtObject *
int_subtype_from (RtType *type, RtObject *value)
{
  RtNum num;
  RtObject *obj = NULL;
  size_t extra;

  if (value == NULL)
    return NULL;
  rt_num_view (&num, value);
  extra = rt_int_is_big (value) ? num.n * sizeof (uint32_t) : 0;
  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    obj = rt_gc_alloc (type, type->basic_size + extra);
  else
    obj = rt_object_alloc (type, type->basic_size + extra);
  if (obj == NULL)
    goto out;
  if (rt_int_is_big (value))
    {
      RtBigInt *big = (RtBigInt *) obj;
      obj->aux |= RT_INT_BIG | (num.neg ? RT_INT_NEG : 0);
      big->ndigits = (int64_t) num.n;
      memcpy (big->digits, num.d, extra);
    }
  else
    ((RtSmallInt *) obj)->value = rt_int_small_value (value);
  RT_EVENT_BORN (obj, 0);
  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    rt_gc_track (obj);

out:
  rt_decref (value);
  return obj;
}

static RtObject *
int_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
  RtObject *x = NULL, *obase = NULL, *result = NULL;
  int64_t base;

  if (nargs + nkw > 2)
    {
      rt_error_format (&rt_exc_TypeError, "int() takes at most 2 arguments (%zu given)",
                       nargs + nkw);
      return NULL;
    }
  if (nargs >= 1)
    x = args[0];
  if (nargs == 2)
    obase = args[1];
  for (size_t i = 0; i < nkw; i++)
    {
      RtObject *name = RT_TUPLE_ITEMS (kwnames)[i];
      if (rt_str_equal_cstr (name, "base") && obase == NULL)
        obase = args[nargs + i];
      else if (rt_str_equal_cstr (name, "base"))
        {
          rt_error_format (&rt_exc_TypeError,
                           "argument for int() given by name ('base') and position (2)");
          return NULL;
        }
      else
        {
          rt_error_format (&rt_exc_TypeError, "'%s' is an invalid keyword argument for int()",
                           rt_str_utf8 (name));
          return NULL;
        }
    }
  if (x == NULL)
    {
      if (obase != NULL)
        {
          rt_error_format (&rt_exc_TypeError, "int() missing string argument");
          return NULL;
        }
      result = rt_int_from_i64 (0);
    }
  else if (obase == NULL)
    result = rt_number_long (x);
  else
    {
      base = rt_as_ssize (obase);
      if (base == -1 && rt_error_occurred ())
        return NULL;
      if ((base != 0 && base < 2) || base > 36)
        {
          rt_error_format (&rt_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
          return NULL;
        }
      if (!rt_is_str (x))
        {
          rt_error_format (&rt_exc_TypeError, "int() can't convert non-string with explicit base");
          return NULL;
        }
      result = rt_int_from_string (rt_str_utf8 (x), (size_t) rt_str_size (x), (int) base);
    }
  if (type != &rt_int_type && result != NULL)
    return int_subtype_from (type, result);
  return result;
}

static RtObject *
bool_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int truth;

  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "bool() takes no keyword arguments");
      return NULL;
    }
  if (nargs > 1)
    {
      rt_error_format (&rt_exc_TypeError, "bool expected at most 1 argument, got %zu", nargs);
      return NULL;
    }
  if (nargs == 0)
    return rt_bool_new (false);
  truth = rt_is_true (args[0]);
  if (truth < 0)
    return NULL;
  return rt_bool_new (truth != 0);
}

static RtObject *
bool_repr (RtObject *self)
{
  return rt_str_from_cstr (self == RT_TRUE ? "True" : "False");
}

/* Methods */

static RtObject *
int_m_format (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("int.__format__", kwnames)
      || !rt_check_nargs ("int.__format__", nargs, 1, 1))
    return NULL;
  if (!rt_is_str (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "__format__() argument must be str, not %s",
                       rt_type_name (args[0]->type));
      return NULL;
    }
  return rt_int_format (self, args[0]);
}

static RtObject *
int_m_bit_length (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtNum num;

  if (!rt_check_no_kwargs ("int.bit_length", kwnames)
      || !rt_check_nargs ("int.bit_length", nargs, 0, 0))
    return NULL;
  rt_num_view (&num, self);
  return rt_int_from_u64 (rt_num_bit_length (&num));
}

static RtObject *
int_m_bit_count (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtNum num;
  uint64_t count = 0;

  if (!rt_check_no_kwargs ("int.bit_count", kwnames)
      || !rt_check_nargs ("int.bit_count", nargs, 0, 0))
    return NULL;
  rt_num_view (&num, self);
  for (size_t i = 0; i < num.n; i++)
    count += (uint64_t) __builtin_popcount (num.d[i]);
  return rt_int_from_u64 (count);
}

/* conjugate(), __trunc__(), __floor__(), __ceil__(): the value as an exact
 * int. */
static RtObject *
int_self_method (const char *name, RtObject *self, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs (name, kwnames) || !rt_check_nargs (name, nargs, 0, 0))
    return NULL;
  return rt_int_exact (self);
}

#define INT_SELF_METHOD(fn, name)                                                        \
  static RtObject *fn (RtObject *self, RtObject *const *args, size_t nargs,             \
                       RtObject *kwnames)                                                \
  {                                                                                      \
    return int_self_method (name, self, nargs, kwnames);                                 \
  }

INT_SELF_METHOD (int_m_conjugate, "int.conjugate")
INT_SELF_METHOD (int_m_trunc, "int.__trunc__")
INT_SELF_METHOD (int_m_floor, "int.__floor__")
INT_SELF_METHOD (int_m_ceil, "int.__ceil__")

static RtObject *
int_m_as_integer_ratio (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *num, *one, *result;

  if (!rt_check_no_kwargs ("int.as_integer_ratio", kwnames)
      || !rt_check_nargs ("int.as_integer_ratio", nargs, 0, 0))
    return NULL;
  num = rt_int_exact (self);
  if (num == NULL)
    return NULL;
  one = rt_int_from_i64 (1);
  result = rt_tuple_pack (2, num, one);
  rt_decref (num);
  rt_decref (one);
  return result;
}

/* round(int, ndigits): to a multiple of 10**-ndigits, halves to even. */
static RtObject *
int_m_round (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *ten = NULL, *exp = NULL, *pow10 = NULL, *result = NULL;
  RtNum n, p, q, r, twice;
  int64_t nd;
  int c;

  if (!rt_check_no_kwargs ("int.__round__", kwnames)
      || !rt_check_nargs ("__round__", nargs, 0, 1))
    return NULL;
  if (nargs == 0 || args[0] == RT_NONE)
    return rt_int_exact (self);
  nd = rt_as_ssize (args[0]);
  if (nd == -1 && rt_error_occurred ())
    return NULL;
  if (nd >= 0)
    return rt_int_exact (self);
  ten = rt_int_from_i64 (10);
  exp = rt_int_from_u64 (nd == INT64_MIN ? (uint64_t) INT64_MAX + 1 : (uint64_t) -nd);
  if (ten == NULL || exp == NULL)
    goto out;
  pow10 = rt_binary_op (ten, exp, RT_OP_POWER);
  if (pow10 == NULL)
    goto out;
  rt_num_view (&n, self);
  rt_num_view (&p, pow10);
  if (!rt_num_divmod (&q, &r, &n, &p))
    goto out;
  /* Compare the remainder with half the power, rounding halves to even. */
  if (!rt_num_lshift (&twice, &r, 1))
    {
      rt_num_dispose (&q);
      rt_num_dispose (&r);
      goto out;
    }
  c = rt_num_cmp (&twice, &p);
  rt_num_dispose (&twice);
  if (c > 0 || (c == 0 && q.n != 0 && (q.d[0] & 1)))
    {
      RtNum one, q1;
      rt_num_set_u64 (&one, 1, false);
      if (!rt_num_add (&q1, &q, &one, false))
        {
          rt_num_dispose (&q);
          rt_num_dispose (&r);
          goto out;
        }
      rt_num_dispose (&q);
      q = q1;
    }
  rt_num_dispose (&r);
  {
    RtNum res;
    bool ok = rt_num_mul (&res, &q, &p);
    rt_num_dispose (&q);
    if (ok)
      {
        result = rt_num_to_int (&res);
        rt_num_dispose (&res);
      }
  }

out:
  rt_xdecref (ten);
  rt_xdecref (exp);
  rt_xdecref (pow10);
  return result;
}

static RtObject *
int_m_sizeof (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("int.__sizeof__", kwnames)
      || !rt_check_nargs ("int.__sizeof__", nargs, 0, 0))
    return NULL;
  return rt_int_from_u64 (int_size_of (self));
}

static RtObject *
int_m_getnewargs (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *v, *result;

  if (!rt_check_no_kwargs ("int.__getnewargs__", kwnames)
      || !rt_check_nargs ("int.__getnewargs__", nargs, 0, 0))
    return NULL;
  v = rt_int_exact (self);
  if (v == NULL)
    return NULL;
  result = rt_tuple_pack (1, v);
  rt_decref (v);
  return result;
}

static const RtMethodDef int_methods[] = {
  { "__format__", int_m_format, 0 },
  { "bit_length", int_m_bit_length, 0 },
  { "bit_count", int_m_bit_count, 0 },
  { "conjugate", int_m_conjugate, 0 },
  { "as_integer_ratio", int_m_as_integer_ratio, 0 },
  { "__round__", int_m_round, 0 },
  { "__trunc__", int_m_trunc, 0 },
  { "__floor__", int_m_floor, 0 },
  { "__ceil__", int_m_ceil, 0 },
  { "__sizeof__", int_m_sizeof, 0 },
  { "__getnewargs__", int_m_getnewargs, 0 },
  { NULL, NULL, 0 },
};

RtType rt_int_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "int",
  .flags = RT_TPFLAG_BASETYPE | RT_TPFLAG_INT_SUBCLASS,
  .basic_size = sizeof (RtSmallInt),
  .item_size = sizeof (uint32_t),
  .dealloc = int_dealloc,
  .repr = int_repr,
  .hash = int_hash,
  .richcompare = int_richcompare,
  .tp_new = int_new,
  .number = &rt_int_number_methods,
  .methods = int_methods,
  .size_of = int_size_of,
};

RtType rt_bool_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "bool",
  .base = &rt_int_type,
  .flags = RT_TPFLAG_INT_SUBCLASS,
  .basic_size = sizeof (RtSmallInt),
  .item_size = sizeof (uint32_t),
  .dealloc = int_dealloc,
  .repr = bool_repr,
  .hash = int_hash,
  .richcompare = int_richcompare,
  .tp_new = bool_new,
  .number = &rt_bool_number_methods,
  .methods = int_methods,
  .size_of = int_size_of,
};

RtSmallInt rt_true_obj = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC, .type = &rt_bool_type },
  .value = 1,
};

RtSmallInt rt_false_obj = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC, .type = &rt_bool_type },
  .value = 0,
};

/* The cache is allocated in order, -5 first, so that every run gives the
 * same ids; the cache holds one reference to each. */
bool
rt_int_init (void)
{
  rt_int_max_str_digits_value = 4300;
  rt_float_init ();
  rt_root_register (small_ints, sizeof small_ints / sizeof small_ints[0]);
  for (int64_t v = RT_SMALL_INT_MIN; v <= RT_SMALL_INT_MAX; v++)
    {
      RtSmallInt *obj = (RtSmallInt *) rt_object_alloc (&rt_int_type, sizeof (RtSmallInt));
      if (obj == NULL)
        return false;
      obj->value = v;
      small_ints[v - RT_SMALL_INT_MIN] = (RtObject *) obj;
      RT_EVENT_BORN (obj, RT_EVF_CACHED);
    }
  return true;
}

void
rt_int_fini (void)
{
  for (size_t i = 0; i < sizeof small_ints / sizeof small_ints[0]; i++)
    {
      RtObject *obj = small_ints[i];
      small_ints[i] = NULL;
      rt_xdecref (obj);
    }
}
