/* str-printf.c: printf-style formatting, `fmt % args`, as CPython 3.11's
 * PyUnicode_Format: %s %r %a %d %i %u %o %x %X %e %E %f %F %g %G %c %%,
 * mapping keys, flags, '*' widths and precisions, and its error messages. */
#include "str-private.h"
#include "abstract.h"
#include "error.h"
#include "float.h"
#include "format.h"
#include "int-private.h"
#include "tuple.h"

#include <stdlib.h>
#include <string.h>

enum
{
  F_LJUST = 1 << 0,
  F_SIGN = 1 << 1,
  F_BLANK = 1 << 2,
  F_ALT = 1 << 3,
  F_ZERO = 1 << 4,
};

typedef struct
{
  RtObject *args;
  RtObject *dict;      /* borrowed: args when it is a mapping */
  int64_t arglen;
  int64_t argidx;
  RtObject *keyed;     /* the value of the current %(key), owned */
} Ctx;

/* The next argument, borrowed. */
static RtObject *
next_arg (Ctx *ctx)
{
  int64_t idx = ctx->argidx;

  if (idx < ctx->arglen)
    {
      ctx->argidx++;
      if (ctx->arglen < 0)
        return ctx->keyed != NULL ? ctx->keyed : ctx->args;
      return RT_TUPLE_ITEMS (ctx->args)[idx];
    }
  rt_error_format (&rt_exc_TypeError, "not enough arguments for format string");
  return NULL;
}

static bool
is_number (RtObject *v)
{
  const RtNumberMethods *nb = v->type->number;

  return nb != NULL && (nb->index != NULL || nb->as_int != NULL || nb->as_float != NULL);
}

/* _PyUnicode_FormatLong: "[-][0x]digits", digits zero-padded to prec. */
static char *
format_long_text (RtObject *v, int flags, int64_t prec, char type)
{
  int base = type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
  size_t len, total, pos = 0;
  char *digits = rt_int_digits (v, base, &len), *out;
  bool neg = rt_int_sign (v) < 0, prefix = (flags & F_ALT) && base != 10;
  size_t zeros = prec > 0 && (size_t) prec > len ? (size_t) prec - len : 0;

  if (digits == NULL)
    return NULL;
  total = (neg ? 1 : 0) + (prefix ? 2 : 0) + zeros + len;
  out = malloc (total + 1);
  if (out == NULL)
    {
      free (digits);
      rt_error_no_memory ();
      return NULL;
    }
  if (neg)
    out[pos++] = '-';
  if (prefix)
    {
      out[pos++] = '0';
      out[pos++] = type;
    }
  memset (out + pos, '0', zeros);
  pos += zeros;
  memcpy (out + pos, digits, len);
  pos += len;
  out[pos] = '\0';
  free (digits);
  if (type == 'X')
    for (size_t i = 0; i < pos; i++)
      if (out[i] >= 'a' && out[i] <= 'z')
        out[i] = (char) (out[i] - 'a' + 'A');
  return out;
}

/* Writes text (UTF-8, `len` code points) with the width, sign and
 * alternate-prefix rules of unicode_format_arg_output. */
static void
output (RtStrWriter *w, const char *text, int64_t len, int flags, int64_t width, bool sign,
        char ch)
{
  char signchar = 0, fill;
  bool alt = (flags & F_ALT) && (ch == 'x' || ch == 'X' || ch == 'o');
  const char *p = text;

  /* The fill is decided before a number without a sign drops the flag. */
  fill = sign && (flags & F_ZERO) ? '0' : ' ';
  if (sign && len > 0)
    {
      if (p[0] == '-' || p[0] == '+')
        {
          signchar = p[0];
          p++;
          len--;
        }
      else if (flags & F_SIGN)
        signchar = '+';
      else if (flags & F_BLANK)
        signchar = ' ';
      else
        sign = false;
    }
  if (width < len)
    width = len;
  if (sign)
    {
      if (fill != ' ')
        rt_writer_append (w, &signchar, 1);
      if (width > len)
        width--;
    }
  if (alt)
    {
      if (fill != ' ')
        rt_writer_append (w, p, 2);
      width -= 2;
      if (width < 0)
        width = 0;
      len -= 2;
    }
  if (width > len && !(flags & F_LJUST))
    {
      rt_writer_append_repeat (w, fill, width - len);
      width = len;
    }
  if (fill == ' ')
    {
      if (sign)
        rt_writer_append (w, &signchar, 1);
      if (alt)
        rt_writer_append (w, p, 2);
    }
  if (alt)
    p += 2;
  {
    /* len code points from p */
    size_t bytes = 0;
    for (int64_t i = 0; i < len; i++)
      {
        size_t l;
        rt_utf8_decode (p + bytes, &l);
        bytes += l;
      }
    rt_writer_append (w, p, bytes);
  }
  if (width > len)
    rt_writer_append_repeat (w, ' ', width - len);
}

/* One conversion; the format position is after its type character. */
static bool
convert (Ctx *ctx, RtStrWriter *w, char ch, int flags, int64_t width, int64_t prec,
         int64_t index)
{
  RtObject *v = next_arg (ctx), *text = NULL;
  char *buf = NULL;
  bool ok = false;

  if (v == NULL)
    return false;
  switch (ch)
    {
    case 's':
    case 'r':
    case 'a':
      text = ch == 's' ? rt_str (v) : ch == 'r' ? rt_repr (v) : rt_str_ascii_repr (v);
      if (text == NULL)
        goto out;
      if (width == -1 && prec == -1)
        {
          rt_writer_append_str (w, text);
          ok = true;
          goto out;
        }
      {
        int64_t len = rt_str_length (text);
        if (prec >= 0 && len > prec)
          len = prec;
        output (w, rt_str_utf8 (text), len, flags, width, false, ch);
      }
      ok = true;
      goto out;
    case 'i':
    case 'd':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
      {
        RtObject *iobj;
        if (!is_number (v))
          goto wrongtype;
        if (rt_is_int (v))
          iobj = rt_newref (v);
        else
          {
            iobj = (ch == 'o' || ch == 'x' || ch == 'X') ? rt_number_index (v) : rt_number_long (v);
            if (iobj == NULL)
              {
                if (rt_error_matches (&rt_exc_TypeError))
                  {
                    rt_error_clear ();
                    goto wrongtype;
                  }
                goto out;
              }
          }
        buf = format_long_text (iobj, flags, prec, ch == 'i' || ch == 'u' ? 'd' : ch);
        rt_decref (iobj);
        if (buf == NULL)
          goto out;
        output (w, buf, (int64_t) strlen (buf), flags, width, true, ch);
        ok = true;
        goto out;

      wrongtype:
        rt_error_format (&rt_exc_TypeError, "%%%c format: %s is required, not %s", ch,
                         (ch == 'o' || ch == 'x' || ch == 'X') ? "an integer" : "a real number",
                         v->type->name);
        goto out;
      }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      {
        RtObject *f;
        double x;
        if (rt_is_float (v))
          x = rt_float_value (v);
        else if (v->type->number != NULL && (v->type->number->as_float != NULL
                                             || v->type->number->index != NULL))
          {
            f = rt_float_from_object (v);
            if (f == NULL)
              goto out;
            x = rt_float_value (f);
            rt_decref (f);
          }
        else
          {
            rt_error_format (&rt_exc_TypeError, "must be real number, not %s", v->type->name);
            goto out;
          }
        buf = rt_double_to_string (x, ch, prec < 0 ? 6 : (int) prec,
                                   (flags & F_ALT) ? RT_DTSF_ALT : 0);
        if (buf == NULL)
          {
            rt_error_no_memory ();
            goto out;
          }
        output (w, buf, (int64_t) strlen (buf), flags, width, true, ch);
        ok = true;
        goto out;
      }
    case 'c':
      {
        char cbuf[4];
        size_t n;
        uint32_t c;
        if (rt_is_str (v))
          {
            if (rt_str_length (v) != 1)
              goto char_error;
            c = rt_utf8_decode (rt_str_utf8 (v), &n);
          }
        else
          {
            RtObject *i;
            int64_t x;
            if (!rt_is_int (v) && (v->type->number == NULL || v->type->number->index == NULL))
              goto char_error;
            i = rt_number_index (v);
            if (i == NULL)
              goto out;
            if (!rt_int_to_i64 (i, &x))
              x = -1;
            rt_decref (i);
            if (x < 0 || x > 0x10FFFF)
              {
                rt_error_format (&rt_exc_OverflowError, "%%c arg not in range(0x110000)");
                goto out;
              }
            c = (uint32_t) x;
          }
        n = rt_utf8_encode (c, cbuf);
        cbuf[n] = '\0';
        output (w, cbuf, 1, flags, width, false, ch);
        ok = true;
        goto out;

      char_error:
        rt_error_format (&rt_exc_TypeError, "%%c requires int or char");
        goto out;
      }
    default:
      rt_error_format (&rt_exc_ValueError, "unsupported format character '%c' (0x%x) at index %lld",
                       (ch >= 31 && ch <= 126) ? ch : '?', (unsigned) (unsigned char) ch,
                       (long long) index);
      goto out;
    }

out:
  rt_xdecref (text);
  free (buf);
  return ok;
}

/* A '*' width (a Py_ssize_t) or precision (a C int): an int argument. */
static bool
star_arg (Ctx *ctx, int64_t *out, bool c_int)
{
  RtObject *v = next_arg (ctx);

  if (v == NULL)
    return false;
  if (!rt_is_int (v))
    {
      rt_error_format (&rt_exc_TypeError, "* wants int");
      return false;
    }
  *out = rt_int_as_ssize (v);
  if (*out == -1 && rt_error_occurred ())
    {
      if (c_int && rt_error_matches (&rt_exc_OverflowError))
        {
          rt_error_clear ();
          *out = INT64_MAX;
        }
      else
        return false;
    }
  if (c_int && (*out > INT32_MAX || *out < INT32_MIN))
    {
      rt_error_format (&rt_exc_OverflowError, "Python int too large to convert to C int");
      return false;
    }
  return true;
}

RtObject *
rt_str_printf (RtObject *fmt, RtObject *args)
{
  const char *p = rt_str_utf8 (fmt);
  size_t size = (size_t) rt_str_size (fmt), i = 0;
  RtStrWriter w;
  Ctx ctx = { args, NULL, -1, -2, NULL };
  int64_t cp_index = 0;

  if (rt_is_tuple (args))
    {
      ctx.arglen = RT_TUPLE_SIZE (args);
      ctx.argidx = 0;
    }
  if (args->type->mapping != NULL && args->type->mapping->subscript != NULL && !rt_is_tuple (args)
      && !rt_is_str (args))
    ctx.dict = args;
  rt_writer_init (&w);

  while (i < size)
    {
      size_t start = i;
      int flags = 0;
      int64_t width = -1, prec = -1;
      char ch;

      while (i < size && p[i] != '%')
        {
          if (((unsigned char) p[i] & 0xC0) != 0x80)
            cp_index++;
          i++;
        }
      if (i > start)
        {
          /* The whole format without conversions is the result itself. */
          if (start == 0 && i == size)
            rt_writer_append_str (&w, fmt);
          else
            rt_writer_append (&w, p + start, i - start);
        }
      if (i >= size)
        break;
      i++;
      cp_index++;
      /* Only "%%" right away is a literal percent sign. */
      if (i < size && p[i] == '%')
        {
          rt_writer_append (&w, "%", 1);
          i++;
          cp_index++;
          continue;
        }
      if (i < size && p[i] == '(')
        {
          int depth = 1;
          size_t kstart = ++i;
          RtObject *key;
          if (ctx.dict == NULL)
            {
              rt_error_format (&rt_exc_TypeError, "format requires a mapping");
              goto fail;
            }
          while (i < size && depth > 0)
            {
              if (p[i] == ')')
                depth--;
              else if (p[i] == '(')
                depth++;
              i++;
            }
          if (depth > 0)
            {
              rt_error_format (&rt_exc_ValueError, "incomplete format key");
              goto fail;
            }
          key = rt_str_new (p + kstart, i - 1 - kstart);
          if (key == NULL)
            goto fail;
          cp_index += rt_str_length (key) + 2;
          RT_CLEAR (ctx.keyed);
          ctx.keyed = rt_getitem (ctx.dict, key);
          rt_decref (key);
          if (ctx.keyed == NULL)
            goto fail;
          ctx.arglen = -1;
          ctx.argidx = -2;
        }
      for (; i < size; i++, cp_index++)
        {
          if (p[i] == '-')
            flags |= F_LJUST;
          else if (p[i] == '+')
            flags |= F_SIGN;
          else if (p[i] == ' ')
            flags |= F_BLANK;
          else if (p[i] == '#')
            flags |= F_ALT;
          else if (p[i] == '0')
            flags |= F_ZERO;
          else
            break;
        }
      if (i < size && p[i] == '*')
        {
          i++, cp_index++;
          if (!star_arg (&ctx, &width, false))
            goto fail;
          /* -PY_SSIZE_T_MIN wraps in CPython, leaving no padding. */
          if (width < 0)
            {
              flags |= F_LJUST;
              width = width == INT64_MIN ? 0 : -width;
            }
        }
      else if (i < size && p[i] >= '0' && p[i] <= '9')
        {
          width = 0;
          for (; i < size && p[i] >= '0' && p[i] <= '9'; i++, cp_index++)
            {
              if (width > (INT64_MAX - (p[i] - '0')) / 10)
                {
                  rt_error_format (&rt_exc_ValueError, "width too big");
                  goto fail;
                }
              width = width * 10 + (p[i] - '0');
            }
        }
      if (i < size && p[i] == '.')
        {
          i++, cp_index++;
          prec = 0;
          if (i < size && p[i] == '*')
            {
              i++, cp_index++;
              if (!star_arg (&ctx, &prec, true))
                goto fail;
              if (prec < 0)
                prec = 0;
            }
          else
            for (; i < size && p[i] >= '0' && p[i] <= '9'; i++, cp_index++)
              {
                if (prec > (INT32_MAX - (p[i] - '0')) / 10)
                  {
                    rt_error_format (&rt_exc_ValueError, "precision too big");
                    goto fail;
                  }
                prec = prec * 10 + (p[i] - '0');
              }
        }
      if (i < size && (p[i] == 'h' || p[i] == 'l' || p[i] == 'L'))
        i++, cp_index++;
      if (i >= size)
        {
          rt_error_format (&rt_exc_ValueError, "incomplete format");
          goto fail;
        }
      ch = p[i];
      if (((unsigned char) ch) >= 0x80)
        {
          /* A non-ASCII conversion character: report its code point. */
          size_t len;
          uint32_t c = rt_utf8_decode (p + i, &len);
          if (next_arg (&ctx) == NULL)
            goto fail;
          rt_error_format (&rt_exc_ValueError,
                           "unsupported format character '?' (0x%x) at index %lld", (unsigned) c,
                           (long long) cp_index);
          goto fail;
        }
      i++;
      cp_index++;
      if (!convert (&ctx, &w, ch, flags, width, prec, cp_index - 1))
        goto fail;
    }
  if (ctx.argidx < ctx.arglen && ctx.dict == NULL)
    {
      rt_error_format (&rt_exc_TypeError, "not all arguments converted during string formatting");
      goto fail;
    }
  RT_CLEAR (ctx.keyed);
  return rt_writer_finish (&w);

fail:
  RT_CLEAR (ctx.keyed);
  rt_writer_dispose (&w);
  return NULL;
}
