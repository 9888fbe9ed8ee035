/* float.c: the float type: CPython's shortest repr, hash, exact comparison
 * with ints, floor division and modulo with the divisor's sign, powers,
 * parsing float(), round(), and the free list of 100 floats. */
#include "float.h"
#include "abstract.h"
#include "class.h"
#include "error.h"
#include "event.h"
#include "format.h"
#include "function.h"
#include "gc.h"
#include "int-private.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The runtime's float.h shadows the C library's <float.h>. */
#define DBL_MANT_DIG 53
#define DBL_MAX_EXP 1024
#define DBL_MIN_EXP (-1021)

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t) 1 << HASH_BITS) - 1)
#define HASH_INF 314159

/* Freed floats are kept for reuse, as CPython's float free list: count 0,
 * the next one's address stored in the value. */
#define MAX_FREE_FLOATS 100
static RtFloat *free_list;
static int numfree;

/* Creation */

RtObject *
rt_float_new (double value)
{
  RtFloat *f = free_list;

  if (f != NULL)
    {
      memcpy (&free_list, &f->value, sizeof free_list);
      numfree--;
      rt_object_reinit (&f->ob);
      f->ob.aux = 0;
      f->value = value;
      RT_EVENT_BORN (f, RT_EVF_FREELIST);
      return &f->ob;
    }
  f = (RtFloat *) rt_object_alloc (&rt_float_type, sizeof (RtFloat));
  if (f == NULL)
    return NULL;
  f->value = value;
  RT_EVENT_BORN (f, 0);
  return &f->ob;
}

static void
float_dealloc (RtObject *self)
{
  RtFloat *f = (RtFloat *) self;

  if (self->type == &rt_float_type && numfree < MAX_FREE_FLOATS)
    {
      memcpy (&f->value, &free_list, sizeof free_list);
      free_list = f;
      numfree++;
      return;
    }
  if (RT_IS_GC (self))
    {
      if (rt_gc_is_tracked (self))
        rt_gc_untrack (self);
      rt_gc_free (self, self->type->basic_size);
    }
  else
    rt_object_free (self, self->type->basic_size);
}

void
rt_float_clear_freelist (void)
{
  while (free_list != NULL)
    {
      RtFloat *f = free_list;
      memcpy (&free_list, &f->value, sizeof free_list);
      rt_object_free (&f->ob, sizeof (RtFloat));
    }
  numfree = 0;
}

void
rt_float_init (void)
{
  /* The arenas of a previous runtime are gone, and the list with them. */
  free_list = NULL;
  numfree = 0;
}

/* repr */

void
rt_double_repr (double value, char *buf, size_t size)
{
  char *s = rt_double_to_string (value, 'r', 0, RT_DTSF_ADD_DOT_0);

  snprintf (buf, size, "%s", s != NULL ? s : "nan");
  free (s);
}

static RtObject *
float_repr (RtObject *self)
{
  char buf[40];

  rt_double_repr (rt_float_value (self), buf, sizeof buf);
  return rt_str_from_cstr (buf);
}

/* Parsing */

/* Checks CPython's float syntax (digits, one optional point, an optional
 * exponent, inf/infinity/nan, single underscores between digits) and copies
 * it without underscores into out. */
static bool
float_syntax (const char *s, size_t n, char *out)
{
  size_t i = 0, o = 0;
  bool digits = false;

  if (i < n && (s[i] == '+' || s[i] == '-'))
    out[o++] = s[i++];
  {
    static const char *const words[] = { "infinity", "inf", "nan" };
    for (size_t w = 0; w < 3; w++)
      {
        size_t len = strlen (words[w]);
        if (n - i == len)
          {
            size_t k;
            for (k = 0; k < len; k++)
              if ((s[i + k] | 0x20) != words[w][k])
                break;
            if (k == len)
              {
                memcpy (out + o, words[w], len + 1);
                return true;
              }
          }
      }
  }
#define DIGIT(c) ((c) >= '0' && (c) <= '9')
#define UNDERSCORE_OK(k) ((k) > 0 && DIGIT (s[(k) - 1]) && (k) + 1 < n && DIGIT (s[(k) + 1]))
  while (i < n && (DIGIT (s[i]) || (s[i] == '_' && UNDERSCORE_OK (i))))
    {
      if (s[i] != '_')
        {
          out[o++] = s[i];
          digits = true;
        }
      i++;
    }
  if (i < n && s[i] == '.')
    {
      out[o++] = s[i++];
      while (i < n && (DIGIT (s[i]) || (s[i] == '_' && UNDERSCORE_OK (i) && s[i - 1] != '.')))
        {
          if (s[i] != '_')
            {
              out[o++] = s[i];
              digits = true;
            }
          i++;
        }
    }
  if (!digits)
    return false;
  if (i < n && (s[i] == 'e' || s[i] == 'E'))
    {
      bool edigits = false;
      out[o++] = s[i++];
      if (i < n && (s[i] == '+' || s[i] == '-'))
        out[o++] = s[i++];
      while (i < n && (DIGIT (s[i]) || (s[i] == '_' && UNDERSCORE_OK (i))))
        {
          if (s[i] != '_')
            {
              out[o++] = s[i];
              edigits = true;
            }
          i++;
        }
      if (!edigits)
        return false;
    }
#undef DIGIT
#undef UNDERSCORE_OK
  out[o] = '\0';
  return i == n;
}

static bool
is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* float(text): ValueError "could not convert string to float: 'x'". */
RtObject *
rt_float_from_string (const char *text, size_t length)
{
  char *ascii = NULL, *clean = NULL;
  const char *s;
  size_t n;
  RtObject *result = NULL;
  double value;

  for (size_t i = 0; i < length; i++)
    if ((unsigned char) text[i] >= 0x80)
      {
        ascii = rt_number_text_to_ascii (text, length, &n);
        if (ascii == NULL)
          return rt_error_no_memory ();
        break;
      }
  s = ascii != NULL ? ascii : text;
  n = ascii != NULL ? n : length;
  while (n > 0 && is_ascii_space (*s))
    s++, n--;
  while (n > 0 && is_ascii_space (s[n - 1]))
    n--;
  clean = malloc (n + 16);
  if (clean == NULL)
    {
      free (ascii);
      return rt_error_no_memory ();
    }
  if (n == 0 || !float_syntax (s, n, clean))
    {
      RtObject *str = rt_str_new (text, length);
      if (str != NULL)
        {
          rt_error_format (&rt_exc_ValueError, "could not convert string to float: %R", str);
          rt_decref (str);
        }
      goto out;
    }
  {
    const char *c = clean + (clean[0] == '+' || clean[0] == '-');
    bool neg = clean[0] == '-';
    if (c[0] == 'i')
      value = neg ? -INFINITY : INFINITY;
    else if (c[0] == 'n')
      value = neg ? -NAN : NAN;
    else
      value = rt_parse_double_c (clean, NULL);
  }
  result = rt_float_new (value);

out:
  free (ascii);
  free (clean);
  return result;
}

/* Conversions of operands */

/* The double value of a float or int operand: 1 converted, 0 not a number
 * (NotImplemented), -1 error (an int too large). */
static int
to_double (RtObject *obj, double *out)
{
  if (rt_is_float (obj))
    {
      *out = rt_float_value (obj);
      return 1;
    }
  if (rt_is_int (obj))
    {
      *out = rt_int_as_double (obj);
      if (*out == -1.0 && rt_error_occurred ())
        return -1;
      return 1;
    }
  return 0;
}

#define CONVERT_OPERANDS(a, b, x, y)                    \
  do                                                    \
    {                                                   \
      int ca_ = to_double ((a), &(x));                  \
      int cb_;                                          \
      if (ca_ == 0)                                     \
        return rt_newref (RT_NOT_IMPLEMENTED);          \
      if (ca_ < 0)                                      \
        return NULL;                                    \
      cb_ = to_double ((b), &(y));                      \
      if (cb_ == 0)                                     \
        return rt_newref (RT_NOT_IMPLEMENTED);          \
      if (cb_ < 0)                                      \
        return NULL;                                    \
    }                                                   \
  while (0)

RtObject *
rt_float_from_object (RtObject *obj)
{
  const RtNumberMethods *nb = obj->type->number;

  if (obj->type == &rt_float_type)
    return rt_newref (obj);
  if (rt_is_str (obj))
    return rt_float_from_string (rt_str_utf8 (obj), (size_t) rt_str_size (obj));
  if (nb != NULL && nb->as_float != NULL)
    {
      RtObject *r = nb->as_float (obj);
      if (r == NULL || r->type == &rt_float_type)
        return r;
      if (!rt_is_float (r))
        {
          rt_error_format (&rt_exc_TypeError, "%s.__float__ returned non-float (type %s)",
                           rt_type_name (obj->type), rt_type_name (r->type));
          rt_decref (r);
          return NULL;
        }
      RT_SETREF (r, rt_float_new (rt_float_value (r)));
      return r;
    }
  if (nb != NULL && nb->index != NULL)
    {
      RtObject *i = rt_number_index (obj);
      double d;
      if (i == NULL)
        return NULL;
      d = rt_int_as_double (i);
      rt_decref (i);
      if (d == -1.0 && rt_error_occurred ())
        return NULL;
      return rt_float_new (d);
    }
  if (rt_is_float (obj))
    return rt_float_new (rt_float_value (obj));
  rt_error_format (&rt_exc_TypeError,
                   "float() argument must be a string or a real number, not '%s'",
                   rt_type_name (obj->type));
  return NULL;
}

/* Arithmetic */

static RtObject *
float_add (RtObject *a, RtObject *b)
{
  double x, y;

  CONVERT_OPERANDS (a, b, x, y);
  return rt_float_new (x + y);
}

static RtObject *
float_subtract (RtObject *a, RtObject *b)
{
  double x, y;

  CONVERT_OPERANDS (a, b, x, y);
  return rt_float_new (x - y);
}

static RtObject *
float_multiply (RtObject *a, RtObject *b)
{
  double x, y;

  CONVERT_OPERANDS (a, b, x, y);
  return rt_float_new (x * y);
}

static RtObject *
float_true_divide (RtObject *a, RtObject *b)
{
  double x, y;

  CONVERT_OPERANDS (a, b, x, y);
  if (y == 0.0)
    {
      rt_error_format (&rt_exc_ZeroDivisionError, "float division by zero");
      return NULL;
    }
  return rt_float_new (x / y);
}

/* CPython's float_rem: fmod, then the sign of the divisor. */
static double
float_mod (double vx, double wx)
{
  double mod = fmod (vx, wx);

  if (mod != 0.0)
    {
      if ((wx < 0) != (mod < 0))
        mod += wx;
    }
  else
    mod = copysign (0.0, wx);
  return mod;
}

/* CPython's _float_div_mod. */
static void
float_divmod_values (double vx, double wx, double *floordiv, double *mod)
{
  double div;

  *mod = fmod (vx, wx);
  div = (vx - *mod) / wx;
  if (*mod != 0.0)
    {
      if ((wx < 0) != (*mod < 0))
        {
          *mod += wx;
          div -= 1.0;
        }
    }
  else
    *mod = copysign (0.0, wx);
  if (div != 0.0)
    {
      *floordiv = floor (div);
      if (div - *floordiv > 0.5)
        *floordiv += 1.0;
    }
  else
    *floordiv = copysign (0.0, vx / wx);
}

static RtObject *
float_remainder (RtObject *a, RtObject *b)
{
  double x, y;

  CONVERT_OPERANDS (a, b, x, y);
  if (y == 0.0)
    {
      rt_error_format (&rt_exc_ZeroDivisionError, "float modulo");
      return NULL;
    }
  return rt_float_new (float_mod (x, y));
}

static RtObject *
float_floor_divide (RtObject *a, RtObject *b)
{
  double x, y, q, m;

  CONVERT_OPERANDS (a, b, x, y);
  if (y == 0.0)
    {
      rt_error_format (&rt_exc_ZeroDivisionError, "float floor division by zero");
      return NULL;
    }
  float_divmod_values (x, y, &q, &m);
  return rt_float_new (q);
}

RtObject *
rt_float_divmod (RtObject *a, RtObject *b)
{
  double x, y, q, m;
  RtObject *fq, *fm, *result = NULL;

  CONVERT_OPERANDS (a, b, x, y);
  if (y == 0.0)
    {
      rt_error_format (&rt_exc_ZeroDivisionError, "float divmod()");
      return NULL;
    }
  float_divmod_values (x, y, &q, &m);
  fq = rt_float_new (q);
  fm = rt_float_new (m);
  if (fq != NULL && fm != NULL)
    result = rt_tuple_pack (2, fq, fm);
  rt_xdecref (fq);
  rt_xdecref (fm);
  return result;
}

static bool
is_odd_integer (double x)
{
  return fmod (fabs (x), 2.0) == 1.0;
}

/* OverflowError(34, 'Numerical result out of range'), as CPython's
 * PyErr_SetFromErrno(PyExc_OverflowError) reports ERANGE. */
static void
set_range_error (void)
{
  RtObject *code = rt_int_from_i64 (34);
  RtObject *text = rt_str_from_cstr ("Numerical result out of range");
  RtObject *args = code != NULL && text != NULL ? rt_tuple_pack (2, code, text) : NULL;

  if (args != NULL)
    rt_error_set_object (&rt_exc_OverflowError, args);
  rt_xdecref (code);
  rt_xdecref (text);
  rt_xdecref (args);
}

/* CPython's float_pow, special cases first, without complex results. */
static RtObject *
float_power (RtObject *a, RtObject *b)
{
  double iv, iw, ix;
  bool negate = false;

  CONVERT_OPERANDS (a, b, iv, iw);
  if (iw == 0.0)
    return rt_float_new (1.0);
  if (isnan (iv))
    return rt_float_new (iv);
  if (isnan (iw))
    return rt_float_new (iv == 1.0 ? 1.0 : iw);
  if (isinf (iw))
    {
      iv = fabs (iv);
      if (iv == 1.0)
        return rt_float_new (1.0);
      if ((iw > 0.0) == (iv > 1.0))
        return rt_float_new (fabs (iw));
      return rt_float_new (0.0);
    }
  if (isinf (iv))
    {
      bool odd = is_odd_integer (iw);
      if (iw > 0.0)
        return rt_float_new (odd ? iv : fabs (iv));
      return rt_float_new (odd ? copysign (0.0, iv) : 0.0);
    }
  if (iv == 0.0)
    {
      bool odd = is_odd_integer (iw);
      if (iw < 0.0)
        {
          rt_error_format (&rt_exc_ZeroDivisionError,
                           "0.0 cannot be raised to a negative power");
          return NULL;
        }
      return rt_float_new (odd ? iv : 0.0);
    }
  if (iv < 0.0)
    {
      if (iw != floor (iw))
        {
          /* CPython answers with a complex number, which this runtime does
           * not have. */
          rt_error_format (&rt_exc_ValueError,
                           "negative number cannot be raised to a fractional power");
          return NULL;
        }
      iv = -iv;
      negate = is_odd_integer (iw);
    }
  if (iv == 1.0)
    return rt_float_new (negate ? -1.0 : 1.0);
  errno = 0;
  ix = pow (iv, iw);
  if (isinf (ix))
    {
      set_range_error ();
      return NULL;
    }
  return rt_float_new (negate ? -ix : ix);
}

static RtObject *
float_negative (RtObject *a)
{
  return rt_float_new (-rt_float_value (a));
}

static RtObject *
float_positive (RtObject *a)
{
  if (a->type == &rt_float_type)
    return rt_newref (a);
  return rt_float_new (rt_float_value (a));
}

static RtObject *
float_absolute (RtObject *a)
{
  return rt_float_new (fabs (rt_float_value (a)));
}

static RtObject *
float_as_int (RtObject *a)
{
  return rt_int_from_double (rt_float_value (a));
}

static int
float_as_bool (RtObject *a)
{
  return rt_float_value (a) != 0.0;
}

static const RtNumberMethods float_number = {
  .add = float_add,
  .subtract = float_subtract,
  .multiply = float_multiply,
  .remainder = float_remainder,
  .floor_divide = float_floor_divide,
  .true_divide = float_true_divide,
  .power = float_power,
  .negative = float_negative,
  .positive = float_positive,
  .absolute = float_absolute,
  .as_int = float_as_int,
  .as_float = float_positive,
  .as_bool = float_as_bool,
};

/* Comparison */

/* Compares an int with a finite double exactly: -1, 0, 1. */
static int
compare_int_double (RtObject *i, double f)
{
  int64_t v;
  double t;
  RtObject *ti;
  int c;

  if (rt_int_to_i64 (i, &v) && v > -((int64_t) 1 << 53) && v < ((int64_t) 1 << 53))
    {
      double d = (double) v;
      return d < f ? -1 : d > f;
    }
  /* Compare with the integral part exactly, then with the fraction. */
  t = trunc (f);
  ti = rt_int_from_double (t);
  if (ti == NULL)
    {
      rt_error_clear ();
      return 0;
    }
  c = rt_int_compare (i, ti);
  rt_decref (ti);
  if (c != 0)
    return c;
  return f - t > 0 ? -1 : f - t < 0 ? 1 : 0;
}

static RtObject *
float_richcompare (RtObject *self, RtObject *other, int op)
{
  double x, y;
  int c;

  if (!rt_is_float (self))
    return rt_newref (RT_NOT_IMPLEMENTED);
  x = rt_float_value (self);
  if (rt_is_float (other))
    {
      y = rt_float_value (other);
      if (isnan (x) || isnan (y))
        return rt_bool_new (op == RT_NE);
      c = x < y ? -1 : x > y;
    }
  else if (rt_is_int (other))
    {
      if (isnan (x))
        return rt_bool_new (op == RT_NE);
      if (isinf (x))
        c = x > 0 ? 1 : -1;
      else
        c = -compare_int_double (other, x);
    }
  else
    return rt_newref (RT_NOT_IMPLEMENTED);
  return rt_bool_new (rt_compare_result (c, op));
}

/* Hashing: CPython's _Py_HashDouble, so that equal ints and floats hash
 * alike; a NaN hashes by identity. */
RtHash
rt_double_hash (double v, RtObject *obj)
{
  int e, sign = 1;
  double m;
  uint64_t x = 0, y;
  RtHash h;

  if (!isfinite (v))
    {
      if (isinf (v))
        return v > 0 ? HASH_INF : -HASH_INF;
      y = obj != NULL ? rt_object_id (obj) : 0;
      y = (y >> 4) | (y << 60);
      h = (RtHash) y;
      return h == -1 ? -2 : h;
    }
  m = frexp (v, &e);
  if (m < 0)
    {
      sign = -1;
      m = -m;
    }
  while (m != 0.0)
    {
      x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
      m *= 268435456.0;
      e -= 28;
      y = (uint64_t) m;
      m -= (double) y;
      x += y;
      if (x >= HASH_MODULUS)
        x -= HASH_MODULUS;
    }
  e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
  x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
  x = x * (uint64_t) (int64_t) sign;
  h = (RtHash) x;
  return h == -1 ? -2 : h;
}

static RtHash
float_hash (RtObject *self)
{
  return rt_double_hash (rt_float_value (self), self);
}

/* round() */

RtObject *
rt_float_round (RtObject *x, RtObject *ndigits)
{
  double v = rt_float_value (x), rounded;
  int64_t nd;
  char buf[400];

  if (ndigits == NULL || ndigits == RT_NONE)
    {
      rounded = round (v);
      if (fabs (v - rounded) == 0.5)
        rounded = 2.0 * round (v / 2.0);
      return rt_int_from_double (rounded);
    }
  nd = rt_as_ssize (ndigits);
  if (nd == -1 && rt_error_occurred ())
    return NULL;
  /* Beyond these, the answer is x itself or a zero. */
  if (nd > 323)
    return rt_float_new (v);
  if (nd < -308)
    return rt_float_new (0.0 * v);
  if (v == 0.0 || !isfinite (v))
    return rt_float_new (v);
  /* The exact decimal value rounded half to even at the digit wanted, as
   * CPython's dtoa mode 3; glibc's printf rounds exactly so. */
  if (nd >= 0)
    rt_format_double_c (buf, sizeof buf, 'f', (int) nd, v);
  else
    {
      int exp10, keep;
      rt_format_double_c (buf, sizeof buf, 'e', 20, v);
      exp10 = atoi (strchr (buf, 'e') + 1);
      keep = exp10 + (int) nd + 1;
      if (keep <= 0)
        {
          double half = 5.0 * pow (10.0, (double) (-nd - 1));
          if (keep == 0 && fabs (v) > half)
            return rt_float_new (copysign (pow (10.0, (double) -nd), v));
          return rt_float_new (copysign (0.0, v));
        }
      rt_format_double_c (buf, sizeof buf, 'e', keep - 1, v);
    }
  rounded = rt_parse_double_c (buf, NULL);
  if (isinf (rounded))
    {
      rt_error_format (&rt_exc_OverflowError, "rounded value too large to represent");
      return NULL;
    }
  return rt_float_new (rounded);
}

/* float(), float(x) */

static RtObject *
float_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *value, *obj;

  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "float() takes no keyword arguments");
      return NULL;
    }
  if (nargs > 1)
    {
      rt_error_format (&rt_exc_TypeError, "float expected at most 1 argument, got %zu", nargs);
      return NULL;
    }
  value = nargs == 0 ? rt_float_new (0.0) : rt_float_from_object (args[0]);
  if (value == NULL || type == &rt_float_type)
    return value;
  if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
    obj = rt_gc_alloc (type, type->basic_size);
  else
    obj = rt_object_alloc (type, type->basic_size);
  if (obj != NULL)
    {
      ((RtFloat *) obj)->value = rt_float_value (value);
      RT_EVENT_BORN (obj, 0);
      if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
        rt_gc_track (obj);
    }
  rt_decref (value);
  return obj;
}

/* Methods */

/* METH_NOARGS: "float.hex() takes no arguments (1 given)". */
static bool
no_args (const char *method, size_t nargs, RtObject *kwnames)
{
  char name[48];

  snprintf (name, sizeof name, "float.%s", method);
  return rt_check_no_kwargs (name, kwnames) && rt_check_nargs (name, nargs, 0, 0);
}

static RtObject *
float_m_format (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("float.__format__", kwnames)
      || !rt_check_nargs ("float.__format__", nargs, 1, 1))
    return NULL;
  if (!rt_is_str (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "__format__() argument must be str, not %s",
                       rt_type_name (args[0]->type));
      return NULL;
    }
  return rt_float_format (self, args[0]);
}

static RtObject *
float_m_is_integer (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  double v = rt_float_value (self);

  if (!no_args ("is_integer", nargs, kwnames))
    return NULL;
  return rt_bool_new (isfinite (v) && floor (v) == v);
}

static RtObject *
float_m_as_integer_ratio (RtObject *self, RtObject *const *args, size_t nargs,
                          RtObject *kwnames)
{
  double v = rt_float_value (self), part;
  int exponent;
  RtObject *num = NULL, *den = NULL, *shift = NULL, *t, *result = NULL;

  if (!no_args ("as_integer_ratio", nargs, kwnames))
    return NULL;
  if (isinf (v))
    {
      rt_error_format (&rt_exc_OverflowError, "cannot convert Infinity to integer ratio");
      return NULL;
    }
  if (isnan (v))
    {
      rt_error_format (&rt_exc_ValueError, "cannot convert NaN to integer ratio");
      return NULL;
    }
  part = frexp (v, &exponent);
  for (int i = 0; i < 300 && part != floor (part); i++)
    {
      part *= 2.0;
      exponent--;
    }
  num = rt_int_from_double (part);
  den = rt_int_from_i64 (1);
  shift = rt_int_from_i64 (exponent < 0 ? -exponent : exponent);
  if (num == NULL || den == NULL || shift == NULL)
    goto out;
  if (exponent > 0)
    {
      t = rt_binary_op (num, shift, RT_OP_LSHIFT);
      if (t == NULL)
        goto out;
      RT_SETREF (num, t);
    }
  else
    {
      t = rt_binary_op (den, shift, RT_OP_LSHIFT);
      if (t == NULL)
        goto out;
      RT_SETREF (den, t);
    }
  result = rt_tuple_pack (2, num, den);

out:
  rt_xdecref (num);
  rt_xdecref (den);
  rt_xdecref (shift);
  return result;
}

static RtObject *
float_m_conjugate (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!no_args ("conjugate", nargs, kwnames))
    return NULL;
  return float_positive (self);
}

static RtObject *
float_m_round (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!rt_check_no_kwargs ("float.__round__", kwnames)
      || !rt_check_nargs ("__round__", nargs, 0, 1))
    return NULL;
  return rt_float_round (self, nargs > 0 ? args[0] : NULL);
}

static RtObject *
float_m_trunc (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!no_args ("__trunc__", nargs, kwnames))
    return NULL;
  return rt_int_from_double (rt_float_value (self));
}

static RtObject *
float_m_floor (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!no_args ("__floor__", nargs, kwnames))
    return NULL;
  return rt_int_from_double (floor (rt_float_value (self)));
}

static RtObject *
float_m_ceil (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!no_args ("__ceil__", nargs, kwnames))
    return NULL;
  return rt_int_from_double (ceil (rt_float_value (self)));
}

/* float.hex(): CPython's float_hex, thirteen hex digits after the point. */
static RtObject *
float_m_hex (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char hexdigits[] = "0123456789abcdef";
  double x = rt_float_value (self), m;
  int e, shift, si = 0;
  char s[32], out[64];

  if (!no_args ("hex", nargs, kwnames))
    return NULL;
  if (isnan (x) || isinf (x))
    {
      char buf[8];
      rt_double_repr (x, buf, sizeof buf);
      return rt_str_from_cstr (buf);
    }
  if (x == 0.0)
    return rt_str_from_cstr (signbit (x) ? "-0x0.0p+0" : "0x0.0p+0");
  m = frexp (fabs (x), &e);
  shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
  m = ldexp (m, shift);
  e -= shift;
  s[si++] = hexdigits[(int) m];
  m -= (int) m;
  s[si++] = '.';
  for (int i = 0; i < 13; i++)
    {
      m *= 16.0;
      s[si++] = hexdigits[(int) m];
      m -= (int) m;
    }
  s[si] = '\0';
  snprintf (out, sizeof out, "%s0x%sp%c%d", x < 0 ? "-" : "", s, e < 0 ? '-' : '+',
            e < 0 ? -e : e);
  return rt_str_from_cstr (out);
}

static RtObject *
float_m_sizeof (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  /* float inherits object.__sizeof__, hence the name in messages. */
  if (!rt_check_no_kwargs ("object.__sizeof__", kwnames)
      || !rt_check_nargs ("object.__sizeof__", nargs, 0, 0))
    return NULL;
  return rt_int_from_i64 (24);
}

static RtObject *
float_m_getnewargs (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *v, *result;

  if (!no_args ("__getnewargs__", nargs, kwnames))
    return NULL;
  v = rt_float_new (rt_float_value (self));
  if (v == NULL)
    return NULL;
  result = rt_tuple_pack (1, v);
  rt_decref (v);
  return result;
}

static const RtMethodDef float_methods[] = {
  { "__format__", float_m_format, 0 },
  { "is_integer", float_m_is_integer, 0 },
  { "as_integer_ratio", float_m_as_integer_ratio, 0 },
  { "conjugate", float_m_conjugate, 0 },
  { "__round__", float_m_round, 0 },
  { "__trunc__", float_m_trunc, 0 },
  { "__floor__", float_m_floor, 0 },
  { "__ceil__", float_m_ceil, 0 },
  { "hex", float_m_hex, 0 },
  { "__sizeof__", float_m_sizeof, 0 },
  { "__getnewargs__", float_m_getnewargs, 0 },
  { NULL, NULL, 0 },
};

/* CPython's PyFloatObject is 24 bytes. */
static size_t
float_size_of (RtObject *self)
{
  return 24;
}

RtType rt_float_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "float",
  .flags = RT_TPFLAG_BASETYPE | RT_TPFLAG_FLOAT_SUBCLASS,
  .basic_size = sizeof (RtFloat),
  .dealloc = float_dealloc,
  .repr = float_repr,
  .hash = float_hash,
  .richcompare = float_richcompare,
  .tp_new = float_new,
  .number = &float_number,
  .methods = float_methods,
  .size_of = float_size_of,
};
