/* format.c: the format-spec mini-language ([[fill]align][sign][z][#][0]
 * [width][,|_][.precision][type]) for int, bool, float and str, following
 * CPython 3.11's Python/formatter_unicode.c, and the double-to-text
 * conversions (PyOS_double_to_string) behind float's repr and format. */
#include "format.h"
#include "abstract.h"
#include "error.h"
#include "float.h"
#include "int-private.h"
#include "str-private.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* C-locale conversions */

int
rt_format_double_c (char *buf, size_t size, char conv, int precision, double value)
{
  const char *point = localeconv ()->decimal_point;
  int n;
  char *p;

  switch (conv)
    {
    case 'e':
      n = snprintf (buf, size, "%.*e", precision, value);
      break;
    case 'f':
      n = snprintf (buf, size, "%.*f", precision, value);
      break;
    default:
      n = snprintf (buf, size, "%.*g", precision, value);
      break;
    }
  if (n < 0)
    {
      buf[0] = '\0';
      return 0;
    }
  if ((size_t) n >= size)
    n = (int) size - 1;
  /* A locale with another decimal point (a GTK program runs in the user's
   * locale): put '.' back. */
  if (point != NULL && strcmp (point, ".") != 0 && point[0] != '\0'
      && (p = strstr (buf, point)) != NULL)
    {
      size_t plen = strlen (point);
      *p = '.';
      memmove (p + 1, p + plen, strlen (p + plen) + 1);
      n -= (int) plen - 1;
    }
  return n;
}

double
rt_parse_double_c (const char *text, char **end)
{
  const char *point = localeconv ()->decimal_point;
  const char *dot;
  char local[512], *tmp, *lend;
  size_t len, plen;
  double v;

  if (point == NULL || strcmp (point, ".") == 0 || (dot = strchr (text, '.')) == NULL)
    return strtod (text, end);
  len = strlen (text);
  plen = strlen (point);
  tmp = len + plen < sizeof local ? local : malloc (len + plen + 1);
  if (tmp == NULL)
    return strtod (text, end);
  memcpy (tmp, text, (size_t) (dot - text));
  memcpy (tmp + (dot - text), point, plen);
  memcpy (tmp + (dot - text) + plen, dot + 1, len - (size_t) (dot - text));
  v = strtod (tmp, &lend);
  if (end != NULL)
    {
      size_t used = (size_t) (lend - tmp);
      if (used > (size_t) (dot - text))
        used -= plen - 1;
      *end = (char *) text + used;
    }
  if (tmp != local)
    free (tmp);
  return v;
}

/* Whether some decimal of `ndigits` significant digits reads back as
 * value (positive, finite); if so, stores the nearest such one (digits,
 * NUL-terminated, and the point position) and returns its length. The
 * correctly rounded decimal is the nearest, but just below a power of two
 * the rounding interval is lopsided and only its neighbour on the wide side
 * may read back (2**-97 is 6.310887241768095e-30, not ...094e-30). */
static int
shortest_candidate (double value, int ndigits, char *digits, int *decpt)
{
  char tmp[48], cand[48];
  char d[24];
  int n = 0, exp10;
  const char *p;

  rt_format_double_c (tmp, sizeof tmp, 'e', ndigits - 1, value);
  for (p = tmp; *p != 'e'; p++)
    if (*p >= '0' && *p <= '9')
      d[n++] = *p;
  exp10 = atoi (p + 1);
  d[n] = '\0';
  if (rt_parse_double_c (tmp, NULL) != value)
    {
      /* Try the neighbours in the last digit, carrying as needed. */
      bool found = false;
      for (int dir = 1; dir >= -1 && !found; dir -= 2)
        {
          char e[24];
          int k = n - 1, ex = exp10;
          memcpy (e, d, (size_t) n + 1);
          while (k >= 0)
            {
              int v = e[k] - '0' + dir;
              if (v >= 0 && v <= 9)
                {
                  e[k] = (char) ('0' + v);
                  break;
                }
              e[k] = dir > 0 ? '0' : '9';
              k--;
            }
          if (k < 0)
            {
              if (dir < 0)
                continue;
              /* 99..9 + 1: one more power of ten. */
              e[0] = '1';
              memset (e + 1, '0', (size_t) n - 1);
              ex++;
            }
          else if (e[0] == '0')
            continue;
          snprintf (cand, sizeof cand, "%c.%se%d", e[0], e + 1, ex);
          if (rt_parse_double_c (cand, NULL) == value)
            {
              memcpy (d, e, (size_t) n + 1);
              exp10 = ex;
              found = true;
            }
        }
      if (!found)
        return 0;
    }
  if (digits != NULL)
    {
      memcpy (digits, d, (size_t) n + 1);
      *decpt = exp10 + 1;
    }
  return n;
}

/* Digits as _Py_dg_dtoa gives them: for |value| (finite), mode 0 the
 * shortest that round-trips, mode 2 `ndigits` significant digits, mode 3
 * `ndigits` digits after the point; trailing zeros removed; *decpt is where
 * the point goes (value = 0.DIGITS * 10**decpt). Zero is "0" with decpt 1;
 * a mode 3 result that rounds to nothing is "" with decpt -ndigits. */
static int
dtoa_digits (double value, int mode, int ndigits, char *digits, size_t size, int *decpt)
{
  char *tmp;
  size_t tsize = 400 + (ndigits > 0 ? (size_t) ndigits : 0);
  int n = 0;
  const char *p;

  value = fabs (value);
  if (value == 0.0)
    {
      digits[0] = '0';
      digits[1] = '\0';
      *decpt = 1;
      return 1;
    }
  tmp = malloc (tsize);
  if (tmp == NULL)
    return -1;
  if (mode == 0)
    {
      int lo = 1, hi = 17;
      while (lo < hi)
        {
          int mid = (lo + hi) / 2;
          if (shortest_candidate (value, mid, NULL, NULL))
            hi = mid;
          else
            lo = mid + 1;
        }
      free (tmp);
      n = shortest_candidate (value, lo, digits, decpt);
      while (n > 1 && digits[n - 1] == '0')
        n--;
      digits[n] = '\0';
      return n;
    }
  if (mode == 2)
    {
      rt_format_double_c (tmp, tsize, 'e', ndigits - 1, value);
      for (p = tmp; *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && (size_t) n + 1 < size)
          digits[n++] = *p;
      *decpt = atoi (p + 1) + 1;
    }
  else
    {
      bool seen_point = false;
      int before = 0;
      rt_format_double_c (tmp, tsize, 'f', ndigits, value);
      for (p = tmp; *p != '\0'; p++)
        {
          if (*p == '.')
            seen_point = true;
          else if ((size_t) n + 1 < size)
            {
              digits[n++] = *p;
              if (!seen_point)
                before++;
            }
        }
      /* Leading zeros move the point. */
      {
        int lead = 0;
        while (lead < n && digits[lead] == '0')
          lead++;
        if (lead == n)
          {
            free (tmp);
            digits[0] = '\0';
            *decpt = -ndigits;
            return 0;
          }
        memmove (digits, digits + lead, (size_t) (n - lead));
        n -= lead;
        *decpt = before - lead;
      }
    }
  free (tmp);
  while (n > 1 && digits[n - 1] == '0')
    n--;
  digits[n] = '\0';
  return n;
}

/* PyOS_double_to_string: format_code 'e' 'E' 'f' 'F' 'g' 'G' or 'r' (repr,
 * precision 0). Returns a malloc'd ASCII string, NULL if out of memory. */
char *
rt_double_to_string (double val, char format_code, int precision, int flags)
{
  bool upper = false, use_exp = false, neg = signbit (val) != 0;
  int mode, decpt, digits_len, exp = 0, vstart, vend;
  char *digits, *buf, *p;
  size_t cap;

  switch (format_code)
    {
    case 'E':
      upper = true;
      format_code = 'e';
      /* fall through */
    case 'e':
      mode = 2;
      precision++;
      break;
    case 'F':
      upper = true;
      format_code = 'f';
      /* fall through */
    case 'f':
      mode = 3;
      break;
    case 'G':
      upper = true;
      format_code = 'g';
      /* fall through */
    case 'g':
      mode = 2;
      if (precision == 0)
        precision = 1;
      break;
    default:
      mode = 0;
      break;
    }

  if (!isfinite (val))
    {
      buf = malloc (8);
      if (buf == NULL)
        return NULL;
      p = buf;
      /* A NaN never gets a sign. */
      if (isinf (val))
        {
          if (neg)
            *p++ = '-';
          else if (flags & RT_DTSF_SIGN)
            *p++ = '+';
          strcpy (p, upper ? "INF" : "inf");
        }
      else
        strcpy (p, upper ? "NAN" : "nan");
      return buf;
    }

  cap = (size_t) (precision > 0 ? precision : 0) + 360;
  digits = malloc (cap);
  if (digits == NULL)
    return NULL;
  digits_len = dtoa_digits (val, mode, precision, digits, cap, &decpt);
  if (digits_len < 0)
    {
      free (digits);
      return NULL;
    }
  if ((flags & RT_DTSF_NO_NEG_0) && neg
      && (digits_len == 0 || (digits_len == 1 && digits[0] == '0')))
    neg = false;

  vend = digits_len;
  switch (format_code)
    {
    case 'e':
      use_exp = true;
      vend = precision;
      break;
    case 'f':
      vend = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > ((flags & RT_DTSF_ADD_DOT_0) ? precision - 1 : precision))
        use_exp = true;
      if (flags & RT_DTSF_ALT)
        vend = precision;
      break;
    default:
      if (decpt <= -4 || decpt > 16)
        use_exp = true;
      break;
    }
  if (use_exp)
    {
      exp = decpt - 1;
      decpt = 1;
    }
  vstart = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && (flags & RT_DTSF_ADD_DOT_0))
    vend = vend > decpt ? vend : decpt + 1;
  else
    vend = vend > decpt ? vend : decpt;

  buf = malloc ((size_t) (vend - vstart) + (size_t) digits_len + 32);
  if (buf == NULL)
    {
      free (digits);
      return NULL;
    }
  p = buf;
  if (neg)
    *p++ = '-';
  else if (flags & RT_DTSF_SIGN)
    *p++ = '+';
  if (decpt <= 0)
    {
      memset (p, '0', (size_t) (decpt - vstart));
      p += decpt - vstart;
      *p++ = '.';
      memset (p, '0', (size_t) -decpt);
      p += -decpt;
    }
  else
    {
      memset (p, '0', (size_t) -vstart);
      p += -vstart;
    }
  if (decpt > 0 && decpt <= digits_len)
    {
      memcpy (p, digits, (size_t) decpt);
      p += decpt;
      *p++ = '.';
      memcpy (p, digits + decpt, (size_t) (digits_len - decpt));
      p += digits_len - decpt;
    }
  else
    {
      memcpy (p, digits, (size_t) digits_len);
      p += digits_len;
    }
  if (digits_len < decpt)
    {
      memset (p, '0', (size_t) (decpt - digits_len));
      p += decpt - digits_len;
      *p++ = '.';
      memset (p, '0', (size_t) (vend - decpt));
      p += vend - decpt;
    }
  else
    {
      memset (p, '0', (size_t) (vend - digits_len));
      p += vend - digits_len;
    }
  if (p[-1] == '.' && !(flags & RT_DTSF_ALT))
    p--;
  if (use_exp)
    p += sprintf (p, "%c%c%02d", upper ? 'E' : 'e', exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  *p = '\0';
  free (digits);
  return buf;
}

/* The spec */

typedef enum
{
  SEP_NONE,
  SEP_COMMA,       /* ',' every 3 digits */
  SEP_UNDERSCORE,  /* '_' every 3 digits */
  SEP_UNDER_FOUR,  /* '_' every 4 digits: b, o, x, X */
} SepKind;

typedef struct
{
  uint32_t fill;
  char align;
  char sign;
  bool no_neg_0;
  bool alternate;
  int64_t width;      /* -1: none */
  SepKind sep;
  int64_t precision;  /* -1: none */
  uint32_t type;      /* 0: none */
} Spec;

static bool
is_align (uint32_t c)
{
  return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Reads decimal digits; -1 after raising on overflow, else how many. */
static int
get_integer (const uint32_t *s, size_t *pos, size_t end, int64_t *out)
{
  int64_t v = 0;
  int n = 0;

  while (*pos < end && s[*pos] >= '0' && s[*pos] <= '9')
    {
      if (v > (INT64_MAX - 9) / 10)
        {
          rt_error_format (&rt_exc_ValueError, "Too many decimal digits in format string");
          return -1;
        }
      v = v * 10 + (s[*pos] - '0');
      (*pos)++;
      n++;
    }
  *out = v;
  return n;
}

static void
unknown_type (uint32_t type, RtObject *obj)
{
  if (type > 32 && type < 128)
    rt_error_format (&rt_exc_ValueError, "Unknown format code '%c' for object of type '%s'",
                     (int) type, obj->type->name);
  else
    rt_error_format (&rt_exc_ValueError, "Unknown format code '\\x%x' for object of type '%s'",
                     (unsigned) type, obj->type->name);
}

/* The spec's code points; a malloc'd array of *n. */
static uint32_t *
spec_codepoints (RtObject *spec, size_t *n)
{
  const char *p = rt_str_utf8 (spec);
  size_t size = (size_t) rt_str_size (spec), i = 0, k = 0;
  uint32_t *cps = malloc (((size_t) rt_str_length (spec) + 1) * sizeof *cps);

  if (cps == NULL)
    return NULL;
  while (i < size)
    {
      size_t len;
      cps[k++] = rt_utf8_decode (p + i, &len);
      i += len;
    }
  *n = k;
  return cps;
}

/* parse_internal_render_format_spec */
static bool
parse_spec (RtObject *obj, RtObject *spec_str, Spec *spec, uint32_t default_type,
            char default_align)
{
  size_t end, pos = 0;
  uint32_t *s = spec_codepoints (spec_str, &end);
  bool fill_given = false, align_given = false, ok = false;
  int consumed;

  if (s == NULL)
    {
      rt_error_no_memory ();
      return false;
    }
  spec->fill = ' ';
  spec->align = default_align;
  spec->sign = 0;
  spec->no_neg_0 = false;
  spec->alternate = false;
  spec->width = -1;
  spec->sep = SEP_NONE;
  spec->precision = -1;
  spec->type = default_type;

  if (end - pos >= 2 && is_align (s[pos + 1]))
    {
      spec->align = (char) s[pos + 1];
      spec->fill = s[pos];
      fill_given = align_given = true;
      pos += 2;
    }
  else if (end - pos >= 1 && is_align (s[pos]))
    {
      spec->align = (char) s[pos];
      align_given = true;
      pos++;
    }
  if (end - pos >= 1 && (s[pos] == '+' || s[pos] == '-' || s[pos] == ' '))
    spec->sign = (char) s[pos++];
  if (end - pos >= 1 && s[pos] == 'z')
    {
      spec->no_neg_0 = true;
      pos++;
    }
  if (end - pos >= 1 && s[pos] == '#')
    {
      spec->alternate = true;
      pos++;
    }
  if (!fill_given && end - pos >= 1 && s[pos] == '0')
    {
      spec->fill = '0';
      if (!align_given && default_align == '>')
        spec->align = '=';
      pos++;
    }
  consumed = get_integer (s, &pos, end, &spec->width);
  if (consumed < 0)
    goto out;
  if (consumed == 0)
    spec->width = -1;
  if (end - pos >= 1 && s[pos] == ',')
    {
      spec->sep = SEP_COMMA;
      pos++;
    }
  if (end - pos >= 1 && s[pos] == '_')
    {
      if (spec->sep != SEP_NONE)
        goto comma_and_underscore;
      spec->sep = SEP_UNDERSCORE;
      pos++;
    }
  if (end - pos >= 1 && s[pos] == ',' && spec->sep == SEP_UNDERSCORE)
    goto comma_and_underscore;
  if (end - pos >= 1 && s[pos] == '.')
    {
      pos++;
      consumed = get_integer (s, &pos, end, &spec->precision);
      if (consumed < 0)
        goto out;
      if (consumed == 0)
        {
          rt_error_format (&rt_exc_ValueError, "Format specifier missing precision");
          goto out;
        }
    }
  if (end - pos > 1)
    {
      rt_error_format (&rt_exc_ValueError,
                       "Invalid format specifier '%U' for object of type '%s'", spec_str,
                       obj->type->name);
      goto out;
    }
  if (end - pos == 1)
    spec->type = s[pos++];
  if (spec->sep != SEP_NONE)
    {
      switch (spec->type)
        {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
          break;
        case 'b': case 'o': case 'x': case 'X':
          if (spec->sep == SEP_UNDERSCORE)
            {
              spec->sep = SEP_UNDER_FOUR;
              break;
            }
          /* fall through */
        default:
          if (spec->type > 32 && spec->type < 128)
            rt_error_format (&rt_exc_ValueError, "Cannot specify '%c' with '%c'.",
                             spec->sep == SEP_COMMA ? ',' : '_', (int) spec->type);
          else
            rt_error_format (&rt_exc_ValueError, "Cannot specify '%c' with '\\x%x'.",
                             spec->sep == SEP_COMMA ? ',' : '_', (unsigned) spec->type);
          goto out;
        }
    }
  ok = true;
  goto out;

comma_and_underscore:
  rt_error_format (&rt_exc_ValueError, "Cannot specify both ',' and '_'.");

out:
  free (s);
  return ok;
}

/* Number layout (calc_number_widths and fill_number) */

static void
append_fill (RtStrBuilder *sb, uint32_t fill, int64_t n)
{
  char buf[4];
  size_t len = rt_utf8_encode (fill, buf);

  rt_sb_append_repeat (sb, buf, len, n);
}

/* _PyUnicode_InsertThousandsGrouping: the digits with separators every
 * `group` digits (0: none), zero-padded on the left to min_width. Writes
 * into out (or only counts when out is NULL); returns the length. */
static int64_t
group_digits (char *out, const char *digits, int64_t ndigits, int64_t min_width, int group,
              char sep)
{
  int64_t remaining = ndigits, count = 0, pos;
  bool use_sep = false, broken = false;
  /* Built from the right into a scratch area, then reversed into place. */
  char *tmp = NULL;
  int64_t cap = 2 * (ndigits + (min_width > 0 ? min_width : 0)) + 8;

  if (out != NULL)
    {
      tmp = malloc ((size_t) cap);
      if (tmp == NULL)
        return -1;
    }
  pos = ndigits;

#define EMIT(c)                 \
  do                            \
    {                           \
      if (tmp != NULL)          \
        tmp[count] = (c);       \
      count++;                  \
    }                           \
  while (0)
/* Zeros in one go: a wide zero padding costs no more to count than to
 * write. */
#define EMIT_ZEROS(n)                        \
  do                                         \
    {                                        \
      if (tmp != NULL)                       \
        memset (tmp + count, '0', (size_t) (n)); \
      count += (n);                          \
    }                                        \
  while (0)

  while (group > 0)
    {
      int64_t l = group, big = remaining > min_width ? remaining : min_width, zeros, chars;
      if (big < 1)
        big = 1;
      if (l > big)
        l = big;
      zeros = l - remaining > 0 ? l - remaining : 0;
      chars = remaining < l ? (remaining > 0 ? remaining : 0) : l;
      if (use_sep)
        EMIT (sep);
      for (int64_t i = 0; i < chars; i++)
        EMIT (digits[--pos]);
      EMIT_ZEROS (zeros);
      use_sep = true;
      remaining -= chars;
      min_width -= l;
      if (remaining <= 0 && min_width <= 0)
        {
          broken = true;
          break;
        }
      min_width -= 1;
    }
  if (!broken)
    {
      int64_t l = remaining > min_width ? remaining : min_width, zeros, chars;
      if (l < 1)
        l = 1;
      zeros = l - remaining > 0 ? l - remaining : 0;
      chars = remaining < l ? (remaining > 0 ? remaining : 0) : l;
      if (use_sep)
        EMIT (sep);
      for (int64_t i = 0; i < chars; i++)
        EMIT (digits[--pos]);
      EMIT_ZEROS (zeros);
    }
#undef EMIT
#undef EMIT_ZEROS
  if (out != NULL)
    {
      for (int64_t i = 0; i < count; i++)
        out[i] = tmp[count - 1 - i];
      free (tmp);
    }
  return count;
}

/* Lays out a number: `text` is its ASCII digits (no sign), of which
 * `ndigits` leading ones are grouped; then an optional decimal point and
 * `remainder` (fraction, exponent, '%', or the 'c' character as UTF-8). */
static RtObject *
layout_number (const Spec *spec, bool negative, const char *prefix, const char *digits,
               int64_t ndigits, bool has_decimal, const char *remainder,
               int64_t remainder_len, int64_t remainder_chars, bool upper)
{
  RtStrBuilder sb;
  char sign = 0;
  int group = 0;
  char sepc = 0;
  int64_t nprefix = (int64_t) strlen (prefix), non_digit, min_width = 0, grouped, padding;
  int64_t lpad = 0, spad = 0, rpad = 0;
  char *grouped_text = NULL;

  if (spec->sign == '+')
    sign = negative ? '-' : '+';
  else if (spec->sign == ' ')
    sign = negative ? '-' : ' ';
  else if (negative)
    sign = '-';
  if (spec->sep == SEP_COMMA)
    group = 3, sepc = ',';
  else if (spec->sep == SEP_UNDERSCORE)
    group = 3, sepc = '_';
  else if (spec->sep == SEP_UNDER_FOUR)
    group = 4, sepc = '_';

  non_digit = (sign ? 1 : 0) + nprefix + (has_decimal ? 1 : 0) + remainder_chars;
  if (spec->fill == '0' && spec->align == '=')
    min_width = spec->width - non_digit;
  /* What no heap holds fails at once, as CPython's allocation of the result
   * does, not after the digits are grouped across all of it. */
  if (min_width > 0 && !rt_sb_can_hold ((uint64_t) min_width))
    return rt_error_no_memory ();
  if (ndigits == 0)
    grouped = 0;
  else
    {
      grouped = group_digits (NULL, digits, ndigits, min_width, group, sepc);
      grouped_text = malloc ((size_t) grouped + 1);
      if (grouped_text == NULL || group_digits (grouped_text, digits, ndigits, min_width,
                                                group, sepc) < 0)
        {
          free (grouped_text);
          return rt_error_no_memory ();
        }
    }
  padding = spec->width - (non_digit + grouped);
  if (padding > 0)
    switch (spec->align)
      {
      case '<':
        rpad = padding;
        break;
      case '^':
        lpad = padding / 2;
        rpad = padding - lpad;
        break;
      case '=':
        spad = padding;
        break;
      default:
        lpad = padding;
        break;
      }

  rt_sb_init (&sb);
  append_fill (&sb, spec->fill, lpad);
  if (sign)
    rt_sb_append (&sb, &sign, 1);
  if (nprefix > 0)
    {
      char p[2] = { prefix[0], upper ? (char) (prefix[1] & ~0x20) : prefix[1] };
      rt_sb_append (&sb, p, 2);
    }
  append_fill (&sb, spec->fill, spad);
  if (grouped_text != NULL)
    {
      if (upper)
        for (int64_t i = 0; i < grouped; i++)
          if (grouped_text[i] >= 'a' && grouped_text[i] <= 'f')
            grouped_text[i] = (char) (grouped_text[i] - 'a' + 'A');
      rt_sb_append (&sb, grouped_text, (size_t) grouped);
      free (grouped_text);
    }
  if (has_decimal)
    rt_sb_append (&sb, ".", 1);
  rt_sb_append (&sb, remainder, (size_t) remainder_len);
  append_fill (&sb, spec->fill, rpad);
  return rt_sb_finish (&sb);
}

/* format_float_internal */
static RtObject *
format_double (double val, const Spec *in)
{
  Spec spec = *in;
  uint32_t type = spec.type;
  int flags = 0, precision;
  bool add_pct = false, negative;
  char *buf, *p;
  size_t len, ndig;
  RtObject *result;

  if (spec.precision > INT32_MAX)
    {
      rt_error_format (&rt_exc_ValueError, "precision too big");
      return NULL;
    }
  precision = (int) spec.precision;
  if (spec.alternate)
    flags |= RT_DTSF_ALT;
  if (spec.no_neg_0)
    flags |= RT_DTSF_NO_NEG_0;
  if (type == 0)
    {
      flags |= RT_DTSF_ADD_DOT_0;
      type = 'r';
      if (precision < 0)
        precision = 0;
      else
        type = 'g';
    }
  else
    {
      if (type == 'n')
        type = 'g';
      if (precision < 0)
        precision = 6;
    }
  if (type == '%')
    {
      type = 'f';
      val *= 100;
      add_pct = true;
    }
  buf = rt_double_to_string (val, (char) type, precision, flags);
  if (buf == NULL)
    return rt_error_no_memory ();
  len = strlen (buf);
  if (add_pct)
    {
      char *grown = realloc (buf, len + 2);
      if (grown == NULL)
        {
          free (buf);
          return rt_error_no_memory ();
        }
      buf = grown;
      buf[len++] = '%';
      buf[len] = '\0';
    }
  p = buf;
  negative = *p == '-';
  if (negative)
    p++;
  for (ndig = 0; p[ndig] >= '0' && p[ndig] <= '9'; ndig++)
    ;
  {
    bool has_decimal = p[ndig] == '.';
    const char *rem = p + ndig + (has_decimal ? 1 : 0);
    int64_t rem_len = (int64_t) strlen (rem);
    result = layout_number (&spec, negative, "", p, (int64_t) ndig, has_decimal, rem, rem_len,
                            rem_len, false);
  }
  free (buf);
  return result;
}

/* format_long_internal */
static RtObject *
format_long (RtObject *x, const Spec *spec)
{
  RtObject *result;
  char *digits;
  size_t len;
  int base;
  const char *prefix = "";

  if (spec->precision != -1)
    {
      rt_error_format (&rt_exc_ValueError, "Precision not allowed in integer format specifier");
      return NULL;
    }
  if (spec->no_neg_0)
    {
      rt_error_format (&rt_exc_ValueError,
                       "Negative zero coercion (z) not allowed in integer format specifier");
      return NULL;
    }
  if (spec->type == 'c')
    {
      int64_t v;
      char ch[4];
      size_t n;

      if (spec->sign != 0)
        {
          rt_error_format (&rt_exc_ValueError,
                           "Sign not allowed with integer format specifier 'c'");
          return NULL;
        }
      if (spec->alternate)
        {
          rt_error_format (&rt_exc_ValueError,
                           "Alternate form (#) not allowed with integer format specifier 'c'");
          return NULL;
        }
      if (!rt_int_to_i64 (x, &v))
        {
          rt_error_format (&rt_exc_OverflowError, "Python int too large to convert to C long");
          return NULL;
        }
      if (v < 0 || v > 0x10FFFF)
        {
          rt_error_format (&rt_exc_OverflowError, "%%c arg not in range(0x110000)");
          return NULL;
        }
      n = rt_utf8_encode ((uint32_t) v, ch);
      return layout_number (spec, false, "", "", 0, false, ch, (int64_t) n, 1, false);
    }
  switch (spec->type)
    {
    case 'b':
      base = 2;
      prefix = "0b";
      break;
    case 'o':
      base = 8;
      prefix = "0o";
      break;
    case 'x':
    case 'X':
      base = 16;
      prefix = "0x";
      break;
    default:
      base = 10;
      break;
    }
  if (!spec->alternate)
    prefix = "";
  digits = rt_int_digits (x, base, &len);
  if (digits == NULL)
    return NULL;
  result = layout_number (spec, rt_int_sign (x) < 0, prefix, digits, (int64_t) len, false, "", 0,
                          0, spec->type == 'X');
  free (digits);
  return result;
}

RtObject *
rt_int_format (RtObject *x, RtObject *spec_str)
{
  Spec spec;

  if (rt_str_size (spec_str) == 0)
    return x->type == &rt_int_type ? rt_int_to_decimal (x) : rt_str (x);
  if (!parse_spec (x, spec_str, &spec, 'd', '>'))
    return NULL;
  switch (spec.type)
    {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
      return format_long (x, &spec);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
      {
        double d = rt_int_as_double (x);
        if (d == -1.0 && rt_error_occurred ())
          return NULL;
        return format_double (d, &spec);
      }
    default:
      unknown_type (spec.type, x);
      return NULL;
    }
}

RtObject *
rt_float_format (RtObject *x, RtObject *spec_str)
{
  Spec spec;

  if (rt_str_size (spec_str) == 0)
    return rt_str (x);
  if (!parse_spec (x, spec_str, &spec, 0, '>'))
    return NULL;
  switch (spec.type)
    {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
      return format_double (rt_float_value (x), &spec);
    default:
      unknown_type (spec.type, x);
      return NULL;
    }
}

RtObject *
rt_str_format_spec (RtObject *s, RtObject *spec_str)
{
  Spec spec;
  int64_t len, lpad, total;
  RtStrBuilder sb;

  if (rt_str_size (spec_str) == 0)
    return rt_str_exact (s);
  if (!parse_spec (s, spec_str, &spec, 's', '<'))
    return NULL;
  if (spec.type != 's')
    {
      unknown_type (spec.type, s);
      return NULL;
    }
  if (spec.sign != 0)
    {
      rt_error_format (&rt_exc_ValueError, "Sign not allowed in string format specifier");
      return NULL;
    }
  if (spec.no_neg_0)
    {
      rt_error_format (&rt_exc_ValueError,
                       "Negative zero coercion (z) not allowed in string format specifier");
      return NULL;
    }
  if (spec.alternate)
    {
      rt_error_format (&rt_exc_ValueError,
                       "Alternate form (#) not allowed in string format specifier");
      return NULL;
    }
  if (spec.align == '=')
    {
      rt_error_format (&rt_exc_ValueError,
                       "'=' alignment not allowed in string format specifier");
      return NULL;
    }
  len = rt_str_length (s);
  if ((spec.width == -1 || spec.width <= len) && (spec.precision == -1 || spec.precision >= len))
    return rt_str_exact (s);
  if (spec.precision >= 0 && len >= spec.precision)
    len = spec.precision;
  total = spec.width >= 0 && spec.width > len ? spec.width : len;
  lpad = spec.align == '>' ? total - len : spec.align == '^' ? (total - len) / 2 : 0;
  rt_sb_init (&sb);
  append_fill (&sb, spec.fill, lpad);
  rt_sb_append (&sb, rt_str_utf8 (s), rt_str_offset (s, len));
  append_fill (&sb, spec.fill, total - len - lpad);
  return rt_sb_finish (&sb);
}
