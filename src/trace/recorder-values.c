/* recorder-values.c: reading values off runtime objects without running
 * any Python code and (almost) without allocating runtime objects, since
 * this runs inside the event sink. */
#include "recorder-values.h"

#include "runtime/class.h"
#include "runtime/event.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/singletons.h"
#include "runtime/str.h"

#include <string.h>

const char *
trace_value_type_name (RtObject *obj)
{
  return rt_type_name (RT_TYPE (obj));
}

gboolean
trace_value_is_atom (RtObject *obj)
{
  RtType *type = RT_TYPE (obj);

  return type->refs == NULL && type->traverse == NULL && type != &rt_type_type;
}

static void
append_truncated (GString *out, const char *text, gsize length)
{
  if (g_utf8_strlen (text, (gssize) length) <= TRACE_REPR_MAX)
    {
      g_string_append_len (out, text, (gssize) length);
      return;
    }
  g_string_append_len (out, text,
                       g_utf8_offset_to_pointer (text, TRACE_REPR_MAX - 1) - text);
  g_string_append (out, "…");
}

/* Python's repr of a str, cut short. */
static char *
str_repr (RtObject *s)
{
  const char *text = rt_str_utf8 (s);
  gsize size = rt_str_size (s);
  gboolean has_single = memchr (text, '\'', size) != NULL;
  char quote = has_single && memchr (text, '"', size) == NULL ? '"' : '\'';
  GString *out = g_string_new (NULL);
  glong shown = 0;

  g_string_append_c (out, quote);
  for (const char *p = text; p < text + size && shown < TRACE_REPR_MAX; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      shown++;
      if (c == (gunichar) quote || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (!g_unichar_isprint (c))
        g_string_append_printf (out, c <= 0xff ? "\\x%02x" : c <= 0xffff ? "\\u%04x" : "\\U%08x",
                                c);
      else
        g_string_append_unichar (out, c);
    }
  if (shown < (glong) rt_str_length (s))
    g_string_append (out, "…");
  g_string_append_c (out, quote);
  return g_string_free (out, FALSE);
}

static char *
int_repr (RtObject *obj)
{
  int64_t value;

  if (RT_TYPE (obj) == &rt_bool_type)
    return g_strdup (obj == RT_TRUE ? "True" : "False");
  if (rt_int_to_i64 (obj, &value))
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);
  /* Too big for 64 bits: say how big rather than convert inside the sink. */
  return g_strdup_printf ("%s%s", rt_int_sign (obj) < 0 ? "-" : "", "<more than 19 digits>");
}

static char *
str_of (RtObject *s)
{
  GString *out = g_string_new (NULL);

  if (s != NULL && rt_is_str (s))
    append_truncated (out, rt_str_utf8 (s), rt_str_size (s));
  return g_string_free (out, FALSE);
}

char *
trace_value_repr (RtObject *obj)
{
  RtType *type = RT_TYPE (obj);

  if (type == &rt_int_type || type == &rt_bool_type)
    return int_repr (obj);
  if (type == &rt_float_type)
    {
      char buf[64];
      rt_double_repr (rt_float_value (obj), buf, sizeof buf);
      return g_strdup (buf);
    }
  if (type == &rt_str_type)
    return str_repr (obj);
  if (type == &rt_none_type)
    return g_strdup ("None");
  if (type == &rt_function_type)
    return str_of (((RtFunction *) obj)->qualname);
  if (type == &rt_builtin_type)
    return g_strdup (((RtBuiltin *) obj)->def->name);
  if (type == &rt_module_type)
    return str_of (((RtModule *) obj)->name);
  if (RT_TYPE_HAS (type, RT_TPFLAG_TYPE_SUBCLASS) || type == &rt_type_type)
    return g_strdup (rt_type_name ((RtType *) obj));
  return NULL;
}

char *
trace_value_frame_name (RtObject *func)
{
  if (func == NULL)
    return g_strdup ("<module>");
  if (RT_TYPE (func) == &rt_function_type)
    return str_of (((RtFunction *) func)->qualname);
  return g_strdup ("?");
}
