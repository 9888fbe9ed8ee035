/* test-literal.h: builds runtime objects from Python literals as repr()
 * writes them (ints, floats, strs, None, True, False, tuples, lists, dicts),
 * so that test tables generated with python3 can be read back as written;
 * and reads the current exception as "TypeName: message". */
#pragma once

#include "rt-test.h"

#include <string.h>

static RtObject *lit_parse_value (const char **p);

static void
lit_skip_space (const char **p)
{
  while (**p == ' ')
    (*p)++;
}

static unsigned
lit_hex (const char **p, int n)
{
  unsigned v = 0;

  for (int i = 0; i < n; i++)
    {
      char c = *(*p)++;
      v = v * 16 + (unsigned) g_ascii_xdigit_value (c);
    }
  return v;
}

static RtObject *
lit_parse_str (const char **p)
{
  char quote = *(*p)++;
  GString *buf = g_string_new (NULL);
  RtObject *s;

  while (**p != quote)
    {
      char c = *(*p)++;
      g_assert_true (c != '\0');
      if (c != '\\')
        {
          g_string_append_c (buf, c);
          continue;
        }
      c = *(*p)++;
      switch (c)
        {
        case 'n':
          g_string_append_c (buf, '\n');
          break;
        case 't':
          g_string_append_c (buf, '\t');
          break;
        case 'r':
          g_string_append_c (buf, '\r');
          break;
        case 'x':
          g_string_append_unichar (buf, lit_hex (p, 2));
          break;
        case 'u':
          g_string_append_unichar (buf, lit_hex (p, 4));
          break;
        case 'U':
          g_string_append_unichar (buf, lit_hex (p, 8));
          break;
        default:
          g_string_append_c (buf, c);
          break;
        }
    }
  (*p)++;
  s = rt_str_new (buf->str, buf->len);
  g_string_free (buf, TRUE);
  g_assert_nonnull (s);
  return s;
}

static RtObject *
lit_parse_number (const char **p)
{
  const char *start = *p;
  gboolean is_float = FALSE;
  RtObject *v;

  if (**p == '-' || **p == '+')
    (*p)++;
  if (g_str_has_prefix (*p, "inf") || g_str_has_prefix (*p, "nan"))
    {
      *p += 3;
      is_float = TRUE;
    }
  while (g_ascii_isalnum (**p) || **p == '.' || ((**p == '-' || **p == '+') && ((*p)[-1] == 'e')))
    {
      if (**p == '.' || **p == 'e')
        is_float = TRUE;
      (*p)++;
    }
  if (is_float)
    v = rt_float_from_string (start, (size_t) (*p - start));
  else
    v = rt_int_from_string (start, (size_t) (*p - start), 10);
  g_assert_nonnull (v);
  return v;
}

/* Items up to the closing bracket, into a GPtrArray of new references. */
static GPtrArray *
lit_parse_items (const char **p, char close)
{
  GPtrArray *items = g_ptr_array_new ();

  lit_skip_space (p);
  while (**p != close)
    {
      g_ptr_array_add (items, lit_parse_value (p));
      lit_skip_space (p);
      if (**p == ':')
        {
          (*p)++;
          lit_skip_space (p);
          g_ptr_array_add (items, lit_parse_value (p));
          lit_skip_space (p);
        }
      if (**p == ',')
        (*p)++;
      lit_skip_space (p);
    }
  (*p)++;
  return items;
}

static RtObject *
lit_parse_value (const char **p)
{
  RtObject *v = NULL;
  GPtrArray *items;

  lit_skip_space (p);
  if (**p == '\'' || **p == '"')
    return lit_parse_str (p);
  if (g_str_has_prefix (*p, "None"))
    {
      *p += 4;
      return rt_none_new ();
    }
  if (g_str_has_prefix (*p, "True"))
    {
      *p += 4;
      return rt_bool_new (true);
    }
  if (g_str_has_prefix (*p, "False"))
    {
      *p += 5;
      return rt_bool_new (false);
    }
  if (**p == '(' || **p == '[' || **p == '{')
    {
      char open = *(*p)++;
      items = lit_parse_items (p, open == '(' ? ')' : open == '[' ? ']' : '}');
      if (open == '(')
        v = rt_tuple_from_array ((RtObject *const *) items->pdata, items->len);
      else if (open == '[')
        {
          v = rt_list_new (0);
          for (guint i = 0; i < items->len; i++)
            g_assert_cmpint (rt_list_append (v, items->pdata[i]), ==, 0);
        }
      else
        {
          v = rt_dict_new ();
          for (guint i = 0; i + 1 < items->len; i += 2)
            g_assert_cmpint (rt_dict_set_item (v, items->pdata[i], items->pdata[i + 1]), ==, 0);
        }
      for (guint i = 0; i < items->len; i++)
        rt_decref (items->pdata[i]);
      g_ptr_array_free (items, TRUE);
      g_assert_nonnull (v);
      return v;
    }
  return lit_parse_number (p);
}

/* A new reference to the object a Python literal denotes. */
static RtObject *
lit (const char *text)
{
  const char *p = text;
  RtObject *v = lit_parse_value (&p);

  lit_skip_space (&p);
  g_assert_cmpint (*p, ==, '\0');
  return v;
}

/* The outcome of an operation, as the tables write it: repr(result), or
 * "TypeName: message" when it raised. Steals result; the text is the
 * test's. */
static const char *
outcome (RtObject *result)
{
  if (result != NULL)
    {
      const char *text;
      g_assert_false (rt_error_occurred ());
      text = rt_test_repr (result);
      rt_decref (result);
      return text;
    }
  else
    {
      RtObject *exc, *line;
      char *copy;
      const char *text;

      g_assert_true (rt_error_occurred ());
      exc = rt_error_fetch ();
      line = rt_exception_format_only (exc);
      g_assert_nonnull (line);
      copy = g_strndup (rt_str_utf8 (line), (gsize) rt_str_size (line));
      rt_decref (line);
      rt_xdecref (exc);
      /* Interned by GLib, so it outlives the test's runtime. */
      text = g_intern_string (copy);
      g_free (copy);
      return text;
    }
}

/* Calls a method of obj's type by name, as CPython's vectorcall would:
 * positional args, then the values of kwargs (a dict literal or NULL). */
static RtObject *
call_method (RtObject *obj, const char *name, RtObject *args_tuple, RtObject *kwargs)
{
  GPtrArray *argv = g_ptr_array_new ();
  RtObject *kwnames = NULL, *result = NULL;
  const RtMethodDef *def = NULL;

  for (RtType *t = obj->type; t != NULL && def == NULL; t = t->base)
    for (const RtMethodDef *m = t->methods; m != NULL && m->name != NULL; m++)
      if (strcmp (m->name, name) == 0)
        {
          def = m;
          break;
        }
  g_assert_nonnull (def);
  for (int64_t i = 0; args_tuple != NULL && i < RT_TUPLE_SIZE (args_tuple); i++)
    g_ptr_array_add (argv, RT_TUPLE_ITEMS (args_tuple)[i]);
  if (kwargs != NULL && rt_dict_size (kwargs) > 0)
    {
      int64_t pos = 0;
      RtObject *key, *value;
      GPtrArray *names = g_ptr_array_new ();
      while (rt_dict_next (kwargs, &pos, &key, &value))
        {
          g_ptr_array_add (names, key);
          g_ptr_array_add (argv, value);
        }
      kwnames = rt_tuple_from_array ((RtObject *const *) names->pdata, names->len);
      g_ptr_array_free (names, TRUE);
    }
  result = def->fn (obj, (RtObject *const *) argv->pdata,
                    (size_t) (argv->len - (kwnames != NULL ? RT_TUPLE_SIZE (kwnames) : 0)),
                    kwnames);
  rt_xdecref (kwnames);
  g_ptr_array_free (argv, TRUE);
  return result;
}
