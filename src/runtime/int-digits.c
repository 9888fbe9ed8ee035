/* int-digits.c: arithmetic on signed numbers of 32-bit digits, the engine
 * behind ints that outgrow 64 bits. Knuth's algorithm D divides. */
#include "int-private.h"
#include "error.h"
#include "event.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* Scratch digits come from the C library rather than the arenas, so that
 * computing does not move where objects land (their ids); but a large one
 * still respects the runtime's memory limit. */
static uint32_t *
digits_alloc (size_t n)
{
  size_t bytes;

  if (n == 0)
    n = 1;
  if (n > SIZE_MAX / sizeof (uint32_t) / 2)
    return NULL;
  bytes = n * sizeof (uint32_t);
  if (bytes > 65536)
    {
      RtMemStats stats;

      rt_mem_get_stats (&stats);
      if (stats.limit != 0 && stats.reserved_bytes + bytes > stats.limit)
        return NULL;
    }
  return calloc (n, sizeof (uint32_t));
}

void
rt_num_view (RtNum *num, RtObject *obj)
{
  if (rt_int_is_big (obj))
    {
      RtBigInt *big = (RtBigInt *) obj;

      num->d = big->digits;
      num->n = (size_t) big->ndigits;
      num->cap = 0;
      num->neg = (obj->aux & RT_INT_NEG) != 0;
    }
  else
    rt_num_set_i64 (num, rt_int_small_value (obj));
}

void
rt_num_set_u64 (RtNum *num, uint64_t value, bool neg)
{
  num->local[0] = (uint32_t) value;
  num->local[1] = (uint32_t) (value >> 32);
  num->d = num->local;
  num->cap = 0;
  num->n = 2;
  num->neg = neg;
  rt_num_normalize (num);
}

void
rt_num_set_i64 (RtNum *num, int64_t value)
{
  /* The magnitude of INT64_MIN only fits unsigned. */
  uint64_t mag = value < 0 ? (uint64_t) 0 - (uint64_t) value : (uint64_t) value;

  rt_num_set_u64 (num, mag, value < 0);
}

bool
rt_num_alloc (RtNum *num, size_t n)
{
  num->d = digits_alloc (n);
  num->n = n;
  num->cap = n == 0 ? 1 : n;
  num->neg = false;
  if (num->d == NULL)
    {
      num->cap = 0;
      num->n = 0;
      num->d = num->local;
      rt_error_no_memory ();
      return false;
    }
  return true;
}

void
rt_num_dispose (RtNum *num)
{
  if (num->cap != 0)
    free (num->d);
  num->d = num->local;
  num->cap = 0;
  num->n = 0;
}

void
rt_num_normalize (RtNum *num)
{
  while (num->n > 0 && num->d[num->n - 1] == 0)
    num->n--;
  if (num->n == 0)
    num->neg = false;
}

bool
rt_num_to_i64 (const RtNum *num, int64_t *out)
{
  uint64_t mag;

  if (num->n > 2)
    return false;
  mag = num->n == 0 ? 0 : num->d[0];
  if (num->n == 2)
    mag |= (uint64_t) num->d[1] << 32;
  if (num->neg)
    {
      if (mag > (uint64_t) INT64_MAX + 1)
        return false;
      *out = mag == (uint64_t) INT64_MAX + 1 ? INT64_MIN : -(int64_t) mag;
    }
  else
    {
      if (mag > (uint64_t) INT64_MAX)
        return false;
      *out = (int64_t) mag;
    }
  return true;
}

RtObject *
rt_num_to_int (const RtNum *num)
{
  int64_t small;
  RtBigInt *big;

  if (rt_num_to_i64 (num, &small))
    return rt_int_from_i64 (small);
  big = (RtBigInt *) rt_object_alloc (&rt_int_type, sizeof (RtBigInt)
                                                     + num->n * sizeof (uint32_t));
  if (big == NULL)
    return NULL;
  big->ob.aux |= RT_INT_BIG | (num->neg ? RT_INT_NEG : 0);
  big->ndigits = (int64_t) num->n;
  memcpy (big->digits, num->d, num->n * sizeof (uint32_t));
  RT_EVENT_BORN (big, 0);
  return (RtObject *) big;
}

static int
mag_cmp (const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
  if (an != bn)
    return an < bn ? -1 : 1;
  while (an-- > 0)
    if (a[an] != b[an])
      return a[an] < b[an] ? -1 : 1;
  return 0;
}

int
rt_num_cmp_mag (const RtNum *a, const RtNum *b)
{
  return mag_cmp (a->d, a->n, b->d, b->n);
}

int
rt_num_cmp (const RtNum *a, const RtNum *b)
{
  int c;

  if (a->neg != b->neg)
    return a->neg ? -1 : 1;
  c = mag_cmp (a->d, a->n, b->d, b->n);
  return a->neg ? -c : c;
}

uint64_t
rt_num_bit_length (const RtNum *a)
{
  if (a->n == 0)
    return 0;
  return (uint64_t) (a->n - 1) * 32 + (uint64_t) (32 - __builtin_clz (a->d[a->n - 1]));
}

bool
rt_num_copy (RtNum *r, const RtNum *a)
{
  if (!rt_num_alloc (r, a->n))
    return false;
  memcpy (r->d, a->d, a->n * sizeof (uint32_t));
  r->neg = a->neg;
  return true;
}

/* r = a + b on magnitudes; r has room for max(an, bn) + 1 digits. */
static size_t
mag_add (uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
  uint64_t carry = 0;
  size_t i;

  if (an < bn)
    {
      const uint32_t *t = a;
      size_t tn = an;
      a = b, an = bn, b = t, bn = tn;
    }
  for (i = 0; i < bn; i++)
    {
      carry += (uint64_t) a[i] + b[i];
      r[i] = (uint32_t) carry;
      carry >>= 32;
    }
  for (; i < an; i++)
    {
      carry += a[i];
      r[i] = (uint32_t) carry;
      carry >>= 32;
    }
  r[i] = (uint32_t) carry;
  return an + 1;
}

/* r = a - b on magnitudes, a >= b. */
static void
mag_sub (uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
  int64_t borrow = 0;
  size_t i;

  for (i = 0; i < bn; i++)
    {
      int64_t t = (int64_t) a[i] - b[i] - borrow;
      borrow = t < 0;
      r[i] = (uint32_t) t;
    }
  for (; i < an; i++)
    {
      int64_t t = (int64_t) a[i] - borrow;
      borrow = t < 0;
      r[i] = (uint32_t) t;
    }
}

bool
rt_num_add (RtNum *r, const RtNum *a, const RtNum *b, bool subtract)
{
  bool bneg = subtract ? !b->neg : b->neg;
  size_t n = (a->n > b->n ? a->n : b->n) + 1;

  if (!rt_num_alloc (r, n))
    return false;
  if (a->neg == bneg)
    {
      mag_add (r->d, a->d, a->n, b->d, b->n);
      r->neg = a->neg;
    }
  else if (mag_cmp (a->d, a->n, b->d, b->n) >= 0)
    {
      mag_sub (r->d, a->d, a->n, b->d, b->n);
      r->neg = a->neg;
    }
  else
    {
      mag_sub (r->d, b->d, b->n, a->d, a->n);
      r->neg = bneg;
    }
  rt_num_normalize (r);
  return true;
}

/* r (zeroed, an + bn digits) = a * b. Schoolbook: values here stay within
 * the few thousand digits that the 4300-digit str limit suggests. */
static void
mag_mul (uint32_t *r, const uint32_t *a, size_t an, const uint32_t *b, size_t bn)
{
  if (a == b && an == bn)
    {
      /* Squaring: each cross product once, doubled. */
      for (size_t i = 0; i < an; i++)
        {
          uint64_t carry = 0;
          for (size_t j = i + 1; j < an; j++)
            {
              carry += (uint64_t) a[i] * a[j] + r[i + j];
              r[i + j] = (uint32_t) carry;
              carry >>= 32;
            }
          r[i + an] = (uint32_t) carry;
        }
      uint32_t top = 0;
      for (size_t k = 0; k < 2 * an; k++)
        {
          uint32_t v = r[k];
          r[k] = (v << 1) | top;
          top = v >> 31;
        }
      uint64_t carry = 0;
      for (size_t i = 0; i < an; i++)
        {
          uint64_t sq = (uint64_t) a[i] * a[i];
          carry += (uint64_t) r[2 * i] + (uint32_t) sq;
          r[2 * i] = (uint32_t) carry;
          carry >>= 32;
          carry += (uint64_t) r[2 * i + 1] + (sq >> 32);
          r[2 * i + 1] = (uint32_t) carry;
          carry >>= 32;
        }
      return;
    }
  for (size_t i = 0; i < an; i++)
    {
      uint64_t carry = 0;
      uint64_t ai = a[i];

      if (ai == 0)
        continue;
      for (size_t j = 0; j < bn; j++)
        {
          carry += ai * b[j] + r[i + j];
          r[i + j] = (uint32_t) carry;
          carry >>= 32;
        }
      r[i + bn] = (uint32_t) carry;
    }
}

bool
rt_num_mul (RtNum *r, const RtNum *a, const RtNum *b)
{
  if (!rt_num_alloc (r, a->n + b->n))
    return false;
  mag_mul (r->d, a->d, a->n, b->d, b->n);
  r->neg = a->neg != b->neg;
  rt_num_normalize (r);
  return true;
}

uint32_t
rt_num_divrem_small (RtNum *a, uint32_t d)
{
  uint64_t rem = 0;

  for (size_t i = a->n; i-- > 0;)
    {
      uint64_t cur = (rem << 32) | a->d[i];
      a->d[i] = (uint32_t) (cur / d);
      rem = cur % d;
    }
  rt_num_normalize (a);
  return (uint32_t) rem;
}

bool
rt_num_mul_add_small (RtNum *a, uint32_t m, uint32_t add)
{
  uint64_t carry = add;

  for (size_t i = 0; i < a->n; i++)
    {
      carry += (uint64_t) a->d[i] * m;
      a->d[i] = (uint32_t) carry;
      carry >>= 32;
    }
  if (carry != 0)
    {
      if (a->n == a->cap)
        {
          size_t cap = a->cap * 2 + 4;
          uint32_t *d = realloc (a->d, cap * sizeof (uint32_t));
          if (d == NULL)
            {
              rt_error_no_memory ();
              return false;
            }
          a->d = d;
          a->cap = cap;
        }
      a->d[a->n++] = (uint32_t) carry;
    }
  return true;
}

/* Knuth's algorithm D (Hacker's Delight's divmnu): q gets an - bn + 1
 * digits, rem bn digits; bn >= 2 and b's top digit is not zero. */
static bool
mag_divrem (uint32_t *q, uint32_t *rem, const uint32_t *a, size_t an, const uint32_t *b,
            size_t bn)
{
  int s = __builtin_clz (b[bn - 1]);
  uint32_t *un = digits_alloc (an + 1);
  uint32_t *vn = digits_alloc (bn);

  if (un == NULL || vn == NULL)
    {
      free (un);
      free (vn);
      return false;
    }
  for (size_t i = bn - 1; i > 0; i--)
    vn[i] = (b[i] << s) | (s ? (uint32_t) ((uint64_t) b[i - 1] >> (32 - s)) : 0);
  vn[0] = b[0] << s;
  un[an] = s ? (uint32_t) ((uint64_t) a[an - 1] >> (32 - s)) : 0;
  for (size_t i = an - 1; i > 0; i--)
    un[i] = (a[i] << s) | (s ? (uint32_t) ((uint64_t) a[i - 1] >> (32 - s)) : 0);
  un[0] = a[0] << s;

  for (size_t j = an - bn + 1; j-- > 0;)
    {
      uint64_t num = ((uint64_t) un[j + bn] << 32) | un[j + bn - 1];
      uint64_t qhat = num / vn[bn - 1];
      uint64_t rhat = num % vn[bn - 1];
      int64_t t, k;

      while (qhat >> 32 || qhat * vn[bn - 2] > ((rhat << 32) | un[j + bn - 2]))
        {
          qhat--;
          rhat += vn[bn - 1];
          if (rhat >> 32)
            break;
        }
      k = 0;
      for (size_t i = 0; i < bn; i++)
        {
          uint64_t p = qhat * vn[i];
          t = (int64_t) un[i + j] - k - (int64_t) (p & 0xFFFFFFFFu);
          un[i + j] = (uint32_t) t;
          k = (int64_t) (p >> 32) - (t >> 32);
        }
      t = (int64_t) un[j + bn] - k;
      un[j + bn] = (uint32_t) t;
      if (t < 0)
        {
          uint64_t c = 0;
          qhat--;
          for (size_t i = 0; i < bn; i++)
            {
              c += (uint64_t) un[i + j] + vn[i];
              un[i + j] = (uint32_t) c;
              c >>= 32;
            }
          un[j + bn] += (uint32_t) c;
        }
      if (q != NULL)
        q[j] = (uint32_t) qhat;
    }
  if (rem != NULL)
    for (size_t i = 0; i < bn; i++)
      rem[i] = (un[i] >> s) | (s ? (uint32_t) ((uint64_t) un[i + 1] << (32 - s)) : 0);
  free (un);
  free (vn);
  return true;
}

bool
rt_num_divmod_trunc (RtNum *q, RtNum *r, const RtNum *a, const RtNum *b)
{
  RtNum qq, rr;

  qq.cap = rr.cap = 0;
  qq.d = qq.local;
  rr.d = rr.local;
  if (mag_cmp (a->d, a->n, b->d, b->n) < 0)
    {
      if (!rt_num_alloc (&qq, 0) || !rt_num_copy (&rr, a))
        goto fail;
      rr.neg = false;
    }
  else if (b->n == 1)
    {
      if (!rt_num_copy (&qq, a) || !rt_num_alloc (&rr, 1))
        goto fail;
      qq.neg = false;
      rr.d[0] = rt_num_divrem_small (&qq, b->d[0]);
    }
  else
    {
      if (!rt_num_alloc (&qq, a->n - b->n + 1) || !rt_num_alloc (&rr, b->n))
        goto fail;
      if (!mag_divrem (qq.d, rr.d, a->d, a->n, b->d, b->n))
        {
          rt_error_no_memory ();
          goto fail;
        }
    }
  rt_num_normalize (&qq);
  rt_num_normalize (&rr);
  if (q != NULL)
    *q = qq;
  else
    rt_num_dispose (&qq);
  if (r != NULL)
    *r = rr;
  else
    rt_num_dispose (&rr);
  /* The structs were copied: re-point any view of `local`. */
  if (q != NULL && q->cap == 0)
    q->d = q->local;
  if (r != NULL && r->cap == 0)
    r->d = r->local;
  return true;

fail:
  rt_num_dispose (&qq);
  rt_num_dispose (&rr);
  return false;
}

bool
rt_num_divmod (RtNum *q, RtNum *r, const RtNum *a, const RtNum *b)
{
  RtNum tq, tr;
  bool differ = a->neg != b->neg;

  if (!rt_num_divmod_trunc (&tq, &tr, a, b))
    return false;
  if (differ && tr.n != 0)
    {
      /* Floor: q = -(q + 1), r = |b| - r, with b's sign. */
      RtNum one, nq, nr, babs = *b;

      babs.neg = false;
      if (b->d == b->local)
        babs.d = babs.local;
      rt_num_set_u64 (&one, 1, false);
      if (!rt_num_add (&nq, &tq, &one, false))
        goto fail;
      rt_num_dispose (&tq);
      tq = nq;
      if (!rt_num_add (&nr, &babs, &tr, true))
        goto fail;
      rt_num_dispose (&tr);
      tr = nr;
      tq.neg = tq.n != 0;
      tr.neg = b->neg && tr.n != 0;
    }
  else
    {
      tq.neg = differ && tq.n != 0;
      tr.neg = b->neg && tr.n != 0;
    }
  if (q != NULL)
    *q = tq;
  else
    rt_num_dispose (&tq);
  if (r != NULL)
    *r = tr;
  else
    rt_num_dispose (&tr);
  return true;

fail:
  rt_num_dispose (&tq);
  rt_num_dispose (&tr);
  return false;
}

bool
rt_num_lshift (RtNum *r, const RtNum *a, uint64_t bits)
{
  size_t words = (size_t) (bits / 32);
  int s = (int) (bits % 32);

  if (a->n == 0)
    return rt_num_alloc (r, 0);
  if (!rt_num_alloc (r, a->n + words + 1))
    return false;
  for (size_t i = 0; i < a->n; i++)
    {
      r->d[i + words] |= a->d[i] << s;
      if (s)
        r->d[i + words + 1] = (uint32_t) ((uint64_t) a->d[i] >> (32 - s));
    }
  r->neg = a->neg;
  rt_num_normalize (r);
  return true;
}

/* Magnitude shift right; reports whether any 1 bit was shifted out. */
static bool
mag_rshift (RtNum *r, const RtNum *a, uint64_t bits, bool *lost)
{
  size_t words = (size_t) (bits / 32);
  int s = (int) (bits % 32);

  *lost = false;
  if (words >= a->n)
    {
      *lost = a->n != 0;
      return rt_num_alloc (r, 0);
    }
  if (!rt_num_alloc (r, a->n - words))
    return false;
  for (size_t i = 0; i < words; i++)
    if (a->d[i] != 0)
      *lost = true;
  if (s && (a->d[words] & ((1u << s) - 1)) != 0)
    *lost = true;
  for (size_t i = words; i < a->n; i++)
    {
      uint32_t v = a->d[i] >> s;
      if (s && i + 1 < a->n)
        v |= (uint32_t) ((uint64_t) a->d[i + 1] << (32 - s));
      r->d[i - words] = v;
    }
  rt_num_normalize (r);
  return true;
}

bool
rt_num_rshift (RtNum *r, const RtNum *a, uint64_t bits)
{
  bool lost;

  if (!mag_rshift (r, a, bits, &lost))
    return false;
  if (a->neg)
    {
      /* Floor toward minus infinity: -(|a| >> bits) - (any bit lost). */
      if (lost)
        {
          RtNum one, t;

          rt_num_set_u64 (&one, 1, false);
          if (!rt_num_add (&t, r, &one, false))
            {
              rt_num_dispose (r);
              return false;
            }
          rt_num_dispose (r);
          *r = t;
        }
      r->neg = r->n != 0;
    }
  return true;
}

/* Two's complement of a, n digits wide (n > a->n). */
static void
to_twos (uint32_t *out, const RtNum *a, size_t n)
{
  uint64_t carry = 1;

  for (size_t i = 0; i < n; i++)
    {
      uint32_t v = i < a->n ? a->d[i] : 0;
      if (a->neg)
        {
          carry += (uint32_t) ~v;
          out[i] = (uint32_t) carry;
          carry >>= 32;
        }
      else
        out[i] = v;
    }
}

bool
rt_num_bitop (RtNum *r, const RtNum *a, const RtNum *b, char op)
{
  size_t n = (a->n > b->n ? a->n : b->n) + 1;
  uint32_t *ta = digits_alloc (n), *tb = digits_alloc (n);
  bool ok = false;

  if (ta == NULL || tb == NULL)
    {
      rt_error_no_memory ();
      goto out;
    }
  to_twos (ta, a, n);
  to_twos (tb, b, n);
  if (!rt_num_alloc (r, n))
    goto out;
  for (size_t i = 0; i < n; i++)
    r->d[i] = op == '&' ? ta[i] & tb[i] : op == '|' ? ta[i] | tb[i] : ta[i] ^ tb[i];
  if (r->d[n - 1] >> 31)
    {
      /* Negative: the magnitude is the two's complement back. */
      uint64_t carry = 1;
      for (size_t i = 0; i < n; i++)
        {
          carry += (uint32_t) ~r->d[i];
          r->d[i] = (uint32_t) carry;
          carry >>= 32;
        }
      r->neg = true;
    }
  rt_num_normalize (r);
  ok = true;

out:
  free (ta);
  free (tb);
  return ok;
}
