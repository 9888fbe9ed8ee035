/* str-builder.c: RtStrBuilder, the growable buffer strings are built in,
 * and the runtime's one formatter (%s %d %R %S %T ...) behind
 * rt_str_from_format and rt_error_format. */
#include "str-private.h"
#include "abstract.h"
#include "class.h"
#include "error.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
rt_sb_can_hold (uint64_t size)
{
  RtMemStats stats;

  if (size > SIZE_MAX / 8)
    return false;
  rt_mem_get_stats (&stats);
  return stats.limit == 0 || size <= stats.limit;
}

void
rt_sb_init (RtStrBuilder *sb)
{
  sb->data = NULL;
  sb->size = 0;
  sb->capacity = 0;
  sb->failed = false;
}

static bool
sb_reserve (RtStrBuilder *sb, size_t extra)
{
  size_t cap;
  char *data;

  if (sb->failed)
    return false;
  if (sb->size + extra + 1 <= sb->capacity)
    return true;
  /* Fail before asking the C library for what can never be a str. */
  if (extra > SIZE_MAX / 2 - sb->size || !rt_sb_can_hold (sb->size + extra))
    {
      sb->failed = true;
      return false;
    }
  cap = sb->capacity < 64 ? 64 : sb->capacity;
  while (cap < sb->size + extra + 1)
    {
      if (cap > SIZE_MAX / 2)
        {
          sb->failed = true;
          return false;
        }
      cap *= 2;
    }
  data = realloc (sb->data, cap);
  if (data == NULL)
    {
      sb->failed = true;
      return false;
    }
  sb->data = data;
  sb->capacity = cap;
  return true;
}

void
rt_sb_append (RtStrBuilder *sb, const char *bytes, size_t size)
{
  if (size == 0 || !sb_reserve (sb, size))
    return;
  memcpy (sb->data + sb->size, bytes, size);
  sb->size += size;
  sb->data[sb->size] = '\0';
}

void
rt_sb_append_repeat (RtStrBuilder *sb, const char *unit, size_t unit_len, int64_t count)
{
  size_t total;

  if (count <= 0 || unit_len == 0)
    return;
  if ((uint64_t) count > SIZE_MAX / 2 / unit_len)
    {
      sb->failed = true;
      return;
    }
  total = (size_t) count * unit_len;
  if (!sb_reserve (sb, total))
    return;
  if (unit_len == 1)
    memset (sb->data + sb->size, unit[0], total);
  else
    for (size_t i = 0; i < total; i += unit_len)
      memcpy (sb->data + sb->size + i, unit, unit_len);
  sb->size += total;
  sb->data[sb->size] = '\0';
}

void
rt_sb_append_cstr (RtStrBuilder *sb, const char *cstr)
{
  rt_sb_append (sb, cstr, strlen (cstr));
}

void
rt_sb_appendf (RtStrBuilder *sb, const char *format, ...)
{
  va_list args;
  int n;

  va_start (args, format);
  n = vsnprintf (NULL, 0, format, args);
  va_end (args);
  if (n < 0 || !sb_reserve (sb, (size_t) n))
    return;
  va_start (args, format);
  vsnprintf (sb->data + sb->size, (size_t) n + 1, format, args);
  va_end (args);
  sb->size += (size_t) n;
}

void
rt_sb_append_str (RtStrBuilder *sb, RtObject *s)
{
  rt_sb_append (sb, rt_str_utf8 (s), (size_t) rt_str_size (s));
}

bool
rt_sb_append_repr (RtStrBuilder *sb, RtObject *obj)
{
  RtObject *r = rt_repr (obj);

  if (r == NULL)
    return false;
  rt_sb_append_str (sb, r);
  rt_decref (r);
  return true;
}

RtObject *
rt_sb_finish (RtStrBuilder *sb)
{
  RtObject *s;

  if (sb->failed)
    {
      rt_sb_dispose (sb);
      return rt_error_no_memory ();
    }
  s = rt_str_new (sb->data != NULL ? sb->data : "", sb->size);
  rt_sb_dispose (sb);
  return s;
}

void
rt_sb_dispose (RtStrBuilder *sb)
{
  free (sb->data);
  rt_sb_init (sb);
}

/* Appends an integer's digits with a minimum width, zero- or space-padded. */
static void
append_integer (RtStrBuilder *sb, uint64_t mag, bool neg, int base, int width, bool zero)
{
  static const char digits[] = "0123456789abcdef";
  char buf[72];
  int n = 0, len;

  do
    {
      buf[sizeof buf - 1 - (size_t) n++] = digits[mag % (uint64_t) base];
      mag /= (uint64_t) base;
    }
  while (mag != 0);
  len = n + (neg ? 1 : 0);
  if (!zero)
    for (; len < width; len++)
      rt_sb_append (sb, " ", 1);
  if (neg)
    rt_sb_append (sb, "-", 1);
  if (zero)
    for (; len < width; len++)
      rt_sb_append (sb, "0", 1);
  rt_sb_append (sb, buf + sizeof buf - (size_t) n, (size_t) n);
}

static bool
append_object (RtStrBuilder *sb, RtObject *obj, char conv)
{
  RtObject *text;

  if (conv == 'T')
    {
      rt_sb_append_cstr (sb, rt_type_name (RT_TYPE (obj)));
      return true;
    }
  if (conv == 'N')
    {
      rt_sb_append_cstr (sb, rt_type_name ((RtType *) obj));
      return true;
    }
  if (conv == 'U')
    {
      rt_sb_append_str (sb, obj);
      return true;
    }
  text = conv == 'R' ? rt_repr (obj) : rt_str (obj);
  if (text == NULL)
    return false;
  rt_sb_append_str (sb, text);
  rt_decref (text);
  return true;
}

bool
rt_sb_vformat (RtStrBuilder *sb, const char *format, va_list args)
{
  const char *f = format;

  while (*f != '\0')
    {
      const char *start = f;
      int width = 0, precision = -1, longs = 0;
      bool zero = false, size_t_mod = false;
      char conv;

      while (*f != '\0' && *f != '%')
        f++;
      rt_sb_append (sb, start, (size_t) (f - start));
      if (*f == '\0')
        break;
      f++;
      if (*f == '0')
        {
          zero = true;
          f++;
        }
      while (*f >= '0' && *f <= '9')
        width = width * 10 + (*f++ - '0');
      if (*f == '.')
        {
          f++;
          if (*f == '*')
            {
              precision = va_arg (args, int);
              f++;
            }
          else
            for (precision = 0; *f >= '0' && *f <= '9'; f++)
              precision = precision * 10 + (*f - '0');
        }
      while (*f == 'l')
        {
          longs++;
          f++;
        }
      if (*f == 'z')
        {
          size_t_mod = true;
          f++;
        }
      conv = *f;
      if (conv == '\0')
        break;
      f++;
      switch (conv)
        {
        case '%':
          rt_sb_append (sb, "%", 1);
          break;
        case 's':
          {
            const char *s = va_arg (args, const char *);
            if (s == NULL)
              s = "(null)";
            if (precision >= 0)
              {
                size_t n = 0;
                while (n < (size_t) precision && s[n] != '\0')
                  n++;
                rt_sb_append (sb, s, n);
              }
            else
              rt_sb_append_cstr (sb, s);
            break;
          }
        case 'c':
          {
            char buf[4];
            int cp = va_arg (args, int);
            rt_sb_append (sb, buf, rt_utf8_encode ((uint32_t) cp, buf));
            break;
          }
        case 'd':
        case 'i':
          {
            int64_t v;
            if (size_t_mod)
              v = (int64_t) va_arg (args, ptrdiff_t);
            else if (longs == 2)
              v = va_arg (args, long long);
            else if (longs == 1)
              v = va_arg (args, long);
            else
              v = va_arg (args, int);
            append_integer (sb, v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v, v < 0, 10,
                            width, zero);
            break;
          }
        case 'u':
        case 'x':
          {
            uint64_t v;
            if (size_t_mod)
              v = va_arg (args, size_t);
            else if (longs == 2)
              v = va_arg (args, unsigned long long);
            else if (longs == 1)
              v = va_arg (args, unsigned long);
            else
              v = va_arg (args, unsigned int);
            append_integer (sb, v, false, conv == 'x' ? 16 : 10, width, zero);
            break;
          }
        case 'p':
          {
            void *p = va_arg (args, void *);
            rt_sb_append (sb, "0x", 2);
            append_integer (sb, (uint64_t) (uintptr_t) p, false, 16, 0, false);
            break;
          }
        case 'R':
        case 'S':
        case 'T':
        case 'N':
        case 'U':
          if (!append_object (sb, va_arg (args, RtObject *), conv))
            return false;
          break;
        default:
          /* Unknown: copied as written, as CPython's PyUnicode_FromFormat. */
          rt_sb_append (sb, "%", 1);
          rt_sb_append (sb, &conv, 1);
          break;
        }
    }
  return true;
}

RtObject *
rt_str_from_vformat (const char *format, va_list args)
{
  RtStrBuilder sb;

  rt_sb_init (&sb);
  if (!rt_sb_vformat (&sb, format, args))
    {
      rt_sb_dispose (&sb);
      return NULL;
    }
  return rt_sb_finish (&sb);
}

RtObject *
rt_str_from_format (const char *format, ...)
{
  va_list args;
  RtObject *s;

  va_start (args, format);
  s = rt_str_from_vformat (format, args);
  va_end (args);
  return s;
}

/* RtStrWriter: a builder that hands back the str itself when the whole
 * result is one exact str, as CPython's _PyUnicodeWriter does. */

void
rt_writer_init (RtStrWriter *w)
{
  rt_sb_init (&w->sb);
  w->sole = NULL;
  w->used = false;
}

static void
writer_flush (RtStrWriter *w)
{
  if (w->sole != NULL)
    {
      rt_sb_append_str (&w->sb, w->sole);
      RT_CLEAR (w->sole);
    }
}

void
rt_writer_append (RtStrWriter *w, const char *bytes, size_t size)
{
  if (size == 0)
    return;
  writer_flush (w);
  rt_sb_append (&w->sb, bytes, size);
  w->used = true;
}

void
rt_writer_append_repeat (RtStrWriter *w, char c, int64_t count)
{
  if (count <= 0)
    return;
  writer_flush (w);
  rt_sb_append_repeat (&w->sb, &c, 1, count);
  w->used = true;
}

void
rt_writer_append_str (RtStrWriter *w, RtObject *s)
{
  if (rt_str_size (s) == 0)
    return;
  if (!w->used && s->type == &rt_str_type)
    {
      w->sole = rt_newref (s);
      w->used = true;
      return;
    }
  rt_writer_append (w, rt_str_utf8 (s), (size_t) rt_str_size (s));
}

RtObject *
rt_writer_finish (RtStrWriter *w)
{
  if (w->sole != NULL)
    {
      RtObject *s = w->sole;
      w->sole = NULL;
      rt_sb_dispose (&w->sb);
      return s;
    }
  return rt_sb_finish (&w->sb);
}

void
rt_writer_dispose (RtStrWriter *w)
{
  RT_CLEAR (w->sole);
  rt_sb_dispose (&w->sb);
}
