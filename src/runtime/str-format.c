/* str-format.c: str.format() and str.format_map(): replacement fields
 * with positional, automatic and keyword names, attribute and item access,
 * !r !s !a conversions and nested format specs, as CPython 3.11's
 * Objects/stringlib/unicode_format.h, errors included. */
#include "str-private.h"
#include "abstract.h"
#include "dict.h"
#include "error.h"
#include "int.h"
#include "tuple.h"

#include <string.h>

/* A span of the format string, in bytes. */
typedef struct
{
  const char *p;
  size_t start, end;
} Span;

typedef enum
{
  ANS_INIT,
  ANS_AUTO,
  ANS_MANUAL,
} AutoNumberState;

typedef struct
{
  AutoNumberState state;
  int64_t next;
} AutoNumber;

static RtObject *
span_str (const Span *s)
{
  return rt_str_new (s->p + s->start, s->end - s->start);
}

/* The span as a non-negative decimal index, or -1 if it is not one. */
static bool
span_integer (const Span *s, int64_t *out)
{
  int64_t v = 0;

  *out = -1;
  if (s->start >= s->end)
    return true;
  for (size_t i = s->start; i < s->end; i++)
    {
      char c = s->p[i];
      if (c < '0' || c > '9')
        return true;
      if (v > (INT64_MAX - 9) / 10)
        {
          rt_error_format (&rt_exc_ValueError, "Too many decimal digits in format string");
          return false;
        }
      v = v * 10 + (c - '0');
    }
  *out = v;
  return true;
}

/* parse_field: name, then !conversion and :spec, up to the closing '}'. */
static bool
parse_field (Span *str, Span *name, Span *spec, bool *spec_needs_expanding, uint32_t *conversion)
{
  char c = 0;

  *conversion = 0;
  spec->p = str->p;
  spec->start = spec->end = 0;
  name->p = str->p;
  name->start = str->start;
  while (str->start < str->end)
    {
      c = str->p[str->start++];
      if (c == '{')
        {
          rt_error_format (&rt_exc_ValueError, "unexpected '{' in field name");
          return false;
        }
      if (c == '[')
        {
          while (str->start < str->end && str->p[str->start] != ']')
            str->start++;
          continue;
        }
      if (c == '}' || c == ':' || c == '!')
        break;
    }
  name->end = str->start - 1;
  if (c == '!' || c == ':')
    {
      int count = 1;
      if (c == '!')
        {
          size_t len;
          if (str->start >= str->end)
            {
              rt_error_format (&rt_exc_ValueError,
                               "end of string while looking for conversion specifier");
              return false;
            }
          *conversion = rt_utf8_decode (str->p + str->start, &len);
          str->start += len;
          if (str->start < str->end)
            {
              c = str->p[str->start++];
              if (c == '}')
                return true;
              if (c != ':')
                {
                  rt_error_format (&rt_exc_ValueError,
                                   "expected ':' after conversion specifier");
                  return false;
                }
            }
        }
      spec->start = str->start;
      while (str->start < str->end)
        {
          c = str->p[str->start++];
          if (c == '{')
            {
              *spec_needs_expanding = true;
              count++;
            }
          else if (c == '}' && --count == 0)
            {
              spec->end = str->start - 1;
              return true;
            }
        }
      rt_error_format (&rt_exc_ValueError, "unmatched '{' in format spec");
      return false;
    }
  if (c != '}')
    {
      rt_error_format (&rt_exc_ValueError, "expected '}' before end of string");
      return false;
    }
  return true;
}

/* MarkupIterator_next: 1 at the end, 2 with a literal and maybe a field,
 * 0 on error. */
static int
markup_next (Span *str, Span *literal, bool *field_present, Span *name, Span *spec,
             bool *spec_needs_expanding, uint32_t *conversion)
{
  size_t start, len;
  char c = 0;
  bool at_end, markup_follows = false;

  literal->p = name->p = spec->p = str->p;
  literal->start = literal->end = name->start = name->end = spec->start = spec->end = 0;
  *conversion = 0;
  *spec_needs_expanding = false;
  *field_present = false;
  if (str->start >= str->end)
    return 1;
  start = str->start;
  while (str->start < str->end)
    {
      c = str->p[str->start++];
      if (c == '{' || c == '}')
        {
          markup_follows = true;
          break;
        }
    }
  at_end = str->start >= str->end;
  len = str->start - start;
  if (c == '}' && (at_end || c != str->p[str->start]))
    {
      rt_error_format (&rt_exc_ValueError, "Single '}' encountered in format string");
      return 0;
    }
  if (at_end && c == '{')
    {
      rt_error_format (&rt_exc_ValueError, "Single '{' encountered in format string");
      return 0;
    }
  if (!at_end)
    {
      if (c == str->p[str->start])
        {
          str->start++;
          markup_follows = false;
        }
      else
        len--;
    }
  literal->start = start;
  literal->end = start + len;
  if (!markup_follows)
    return 2;
  *field_present = true;
  return parse_field (str, name, spec, spec_needs_expanding, conversion) ? 2 : 0;
}

/* The object a field name designates: an argument, then .attr and [key]. */
static RtObject *
field_object (const Span *field, RtObject *args, RtObject *kwargs, AutoNumber *autonum)
{
  Span first = *field, rest;
  int64_t index;
  bool empty, numeric;
  RtObject *obj = NULL;
  size_t i = field->start;

  while (i < field->end && field->p[i] != '.' && field->p[i] != '[')
    i++;
  first.end = i;
  rest.p = field->p;
  rest.start = i;
  rest.end = field->end;
  if (!span_integer (&first, &index))
    return NULL;
  empty = first.start >= first.end;
  numeric = empty || index != -1;
  if (autonum != NULL)
    {
      if (autonum->state == ANS_INIT && numeric)
        autonum->state = empty ? ANS_AUTO : ANS_MANUAL;
      if (numeric)
        {
          if (autonum->state == ANS_MANUAL && empty)
            {
              rt_error_format (&rt_exc_ValueError,
                               "cannot switch from manual field specification to automatic "
                               "field numbering");
              return NULL;
            }
          if (autonum->state == ANS_AUTO && !empty)
            {
              rt_error_format (&rt_exc_ValueError,
                               "cannot switch from automatic field numbering to manual field "
                               "specification");
              return NULL;
            }
        }
      if (empty)
        index = autonum->next++;
    }

  if (index == -1)
    {
      RtObject *key = span_str (&first);
      if (key == NULL)
        return NULL;
      if (kwargs == NULL)
        rt_error_set_object (&rt_exc_KeyError, key);
      else
        obj = rt_getitem (kwargs, key);
      rt_decref (key);
      if (obj == NULL)
        return NULL;
    }
  else
    {
      if (args == NULL)
        {
          rt_error_format (&rt_exc_ValueError, "Format string contains positional fields");
          return NULL;
        }
      if (index >= RT_TUPLE_SIZE (args))
        {
          rt_error_format (&rt_exc_IndexError,
                           "Replacement index %lld out of range for positional args tuple",
                           (long long) index);
          return NULL;
        }
      obj = rt_newref (RT_TUPLE_ITEMS (args)[index]);
    }

  /* FieldNameIterator: .name and [key] parts. */
  while (rest.start < rest.end)
    {
      char c = rest.p[rest.start++];
      Span part = { rest.p, rest.start, rest.start };
      RtObject *next = NULL, *key;
      int64_t idx;

      if (c == '.')
        {
          while (rest.start < rest.end && rest.p[rest.start] != '.' && rest.p[rest.start] != '[')
            rest.start++;
          part.end = rest.start;
        }
      else if (c == '[')
        {
          bool closed = false;
          while (rest.start < rest.end)
            if (rest.p[rest.start++] == ']')
              {
                closed = true;
                break;
              }
          if (!closed)
            {
              rt_error_format (&rt_exc_ValueError, "Missing ']' in format string");
              goto fail;
            }
          part.end = rest.start - 1;
        }
      else
        {
          rt_error_format (&rt_exc_ValueError,
                           "Only '.' or '[' may follow ']' in format field specifier");
          goto fail;
        }
      if (part.start == part.end)
        {
          rt_error_format (&rt_exc_ValueError, "Empty attribute in format string");
          goto fail;
        }
      if (c == '.')
        {
          key = span_str (&part);
          next = key != NULL ? rt_getattr (obj, key) : NULL;
        }
      else
        {
          if (!span_integer (&part, &idx))
            goto fail;
          key = idx == -1 ? span_str (&part) : rt_int_from_i64 (idx);
          next = key != NULL ? rt_getitem (obj, key) : NULL;
        }
      rt_xdecref (key);
      if (next == NULL)
        goto fail;
      RT_SETREF (obj, next);
    }
  return obj;

fail:
  rt_decref (obj);
  return NULL;
}

static bool build_string (RtStrWriter *w, const Span *input, RtObject *args, RtObject *kwargs,
                          int depth, AutoNumber *autonum);

/* One replacement field: look it up, convert, format, write. */
static bool
output_markup (RtStrWriter *w, const Span *name, const Span *spec, bool spec_needs_expanding,
               uint32_t conversion, RtObject *args, RtObject *kwargs, int depth,
               AutoNumber *autonum)
{
  RtObject *obj, *spec_obj = NULL, *text = NULL;
  bool ok = false;

  obj = field_object (name, args, kwargs, autonum);
  if (obj == NULL)
    return false;
  if (conversion != 0)
    {
      RtObject *conv;
      switch (conversion)
        {
        case 'r':
          conv = rt_repr (obj);
          break;
        case 's':
          conv = rt_str (obj);
          break;
        case 'a':
          conv = rt_str_ascii_repr (obj);
          break;
        default:
          if (conversion > 32 && conversion < 127)
            rt_error_format (&rt_exc_ValueError, "Unknown conversion specifier %c",
                             (int) conversion);
          else
            rt_error_format (&rt_exc_ValueError, "Unknown conversion specifier \\x%x",
                             (unsigned) conversion);
          goto out;
        }
      if (conv == NULL)
        goto out;
      RT_SETREF (obj, conv);
    }
  if (spec_needs_expanding)
    {
      RtStrWriter sub;
      rt_writer_init (&sub);
      if (!build_string (&sub, spec, args, kwargs, depth - 1, autonum))
        {
          rt_writer_dispose (&sub);
          goto out;
        }
      spec_obj = rt_writer_finish (&sub);
    }
  else
    spec_obj = span_str (spec);
  if (spec_obj == NULL)
    goto out;
  text = rt_format (obj, spec_obj);
  if (text == NULL)
    goto out;
  rt_writer_append_str (w, text);
  ok = true;

out:
  rt_decref (obj);
  rt_xdecref (spec_obj);
  rt_xdecref (text);
  return ok;
}

static bool
build_string (RtStrWriter *w, const Span *input, RtObject *args, RtObject *kwargs, int depth,
              AutoNumber *autonum)
{
  Span str = *input, literal, name, spec;
  bool field_present, expand;
  uint32_t conversion;
  int r;

  if (depth <= 0)
    {
      rt_error_format (&rt_exc_ValueError, "Max string recursion exceeded");
      return false;
    }
  while ((r = markup_next (&str, &literal, &field_present, &name, &spec, &expand, &conversion))
         == 2)
    {
      if (literal.end != literal.start)
        rt_writer_append (w, literal.p + literal.start, literal.end - literal.start);
      if (field_present
          && !output_markup (w, &name, &spec, expand, conversion, args, kwargs, depth, autonum))
        return false;
    }
  return r == 1;
}

static RtObject *
do_format (RtObject *self, RtObject *args, RtObject *kwargs)
{
  RtStrWriter w;
  AutoNumber autonum = { ANS_INIT, 0 };
  Span input = { rt_str_utf8 (self), 0, (size_t) rt_str_size (self) };

  rt_writer_init (&w);
  /* A format string without fields is its own result. */
  if (memchr (input.p, '{', input.end) == NULL && memchr (input.p, '}', input.end) == NULL)
    {
      rt_writer_dispose (&w);
      return rt_str_exact (self);
    }
  if (!build_string (&w, &input, args, kwargs, 2, &autonum))
    {
      rt_writer_dispose (&w);
      return NULL;
    }
  return rt_writer_finish (&w);
}

RtObject *
rt_str_format_method (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
  RtObject *tuple, *kwargs = NULL, *result = NULL;

  /* The arguments become a tuple and a dict, as a METH_VARARGS call. */
  tuple = rt_tuple_from_array (args, nargs);
  if (tuple == NULL)
    return NULL;
  if (nkw > 0)
    {
      kwargs = rt_dict_new ();
      if (kwargs == NULL)
        goto out;
      for (size_t i = 0; i < nkw; i++)
        if (rt_dict_set_item (kwargs, RT_TUPLE_ITEMS (kwnames)[i], args[nargs + i]) < 0)
          goto out;
    }
  result = do_format (self, tuple, kwargs);

out:
  rt_decref (tuple);
  rt_xdecref (kwargs);
  return result;
}

RtObject *
rt_str_format_map_method (RtObject *self, RtObject *const *args, size_t nargs,
                          RtObject *kwnames)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "str.format_map() takes no keyword arguments");
      return NULL;
    }
  if (nargs != 1)
    {
      rt_error_format (&rt_exc_TypeError,
                       "str.format_map() takes exactly one argument (%zu given)", nargs);
      return NULL;
    }
  return do_format (self, NULL, args[0]);
}
