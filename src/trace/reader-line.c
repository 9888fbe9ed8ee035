/* reader-line.c: checking each field of a line against the format: every
 * field an event kind needs, of the right JSON type, in range. */
#include "reader-line.h"
#include "writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 6

void
trace_line_strings_init (TraceLineStrings *strings)
{
  strings->bytes = g_string_new (NULL);
  strings->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  strings->lengths = g_array_new (FALSE, FALSE, sizeof (guint32));
}

void
trace_line_strings_clear (TraceLineStrings *strings)
{
  g_string_free (strings->bytes, TRUE);
  g_array_unref (strings->offsets);
  g_array_unref (strings->lengths);
}

void
trace_line_strings_reset (TraceLineStrings *strings)
{
  g_string_truncate (strings->bytes, 0);
  g_array_set_size (strings->offsets, 0);
  g_array_set_size (strings->lengths, 0);
}

static guint32
add_string (TraceLineStrings *strings, const char *text, gsize length)
{
  guint32 offset = (guint32) strings->bytes->len, len = (guint32) length;

  if (length == 0)
    return 0;
  g_string_append_len (strings->bytes, text, (gssize) length);
  g_string_append_c (strings->bytes, '\0');
  g_array_append_val (strings->offsets, offset);
  g_array_append_val (strings->lengths, len);
  return strings->offsets->len;
}

json_tokener *
trace_line_tokener_new (void)
{
  json_tokener *tok = json_tokener_new_ex (MAX_DEPTH);

  json_tokener_set_flags (tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
  return tok;
}

typedef struct
{
  json_object *obj;
  const char *what;     /* "born", "header"... */
  char **error;
} Fields;

static gboolean G_GNUC_PRINTF (2, 3)
fail (Fields *f, const char *format, ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  *f->error = g_strdup_printf ("%s: %s", f->what, message);
  g_free (message);
  return FALSE;
}

static const char *
type_name (json_object *value)
{
  switch (json_object_get_type (value))
    {
    case json_type_null: return "null";
    case json_type_boolean: return "a boolean";
    case json_type_double: return "a fractional number";
    case json_type_int: return "an integer";
    case json_type_object: return "an object";
    case json_type_array: return "an array";
    case json_type_string: return "a string";
    }
  return "?";
}

static gboolean
wrong_type (Fields *f, const char *key, json_object *value, const char *wanted)
{
  return fail (f, "field \"%s\" is %s, not %s", key, type_name (value), wanted);
}

static gboolean
int_of (Fields *f, const char *key, json_object *value, gint64 low, gint64 high, gint64 *out)
{
  gint64 v;

  if (json_object_get_type (value) != json_type_int)
    return wrong_type (f, key, value, "an integer");
  v = json_object_get_int64 (value);
  /* json-c saturates what does not fit in 64 bits. */
  if (v == G_MAXINT64 || v == G_MININT64)
    return fail (f, "field \"%s\" is too large a number", key);
  if (v >= low && v <= high)
    {
      *out = v;
      return TRUE;
    }
  if (high - low < 1000000)
    return fail (f, "field \"%s\" is %" G_GINT64_FORMAT ", out of range (%" G_GINT64_FORMAT
                 " to %" G_GINT64_FORMAT ")", key, v, low, high);
  if (v < low)
    return fail (f, "field \"%s\" is %" G_GINT64_FORMAT "; it must be at least %" G_GINT64_FORMAT,
                 key, v, low);
  return fail (f, "field \"%s\" is %" G_GINT64_FORMAT "; it must be at most %" G_GINT64_FORMAT,
               key, v, high);
}

static gboolean
get_int (Fields *f, const char *key, gint64 low, gint64 high, gint64 *out)
{
  json_object *value;

  if (!json_object_object_get_ex (f->obj, key, &value))
    return fail (f, "missing field \"%s\"", key);
  return int_of (f, key, value, low, high, out);
}

static gboolean
get_opt_int (Fields *f, const char *key, gint64 low, gint64 high, gint64 *out)
{
  json_object *value;

  if (!json_object_object_get_ex (f->obj, key, &value))
    return TRUE;
  return int_of (f, key, value, low, high, out);
}

static gboolean
get_id (Fields *f, const char *key, guint64 *out)
{
  gint64 v;

  if (!get_int (f, key, 1, (gint64) TRACE_ID_MAX - 1, &v))
    return FALSE;
  *out = (guint64) v;
  return TRUE;
}

static gboolean
get_opt_id (Fields *f, const char *key, guint64 *out)
{
  gint64 v = 0;

  if (!get_opt_int (f, key, 1, (gint64) TRACE_ID_MAX - 1, &v))
    return FALSE;
  *out = (guint64) v;
  return TRUE;
}

static gboolean
string_of (Fields *f, const char *key, json_object *value, const char **text, gsize *length)
{
  if (json_object_get_type (value) != json_type_string)
    return wrong_type (f, key, value, "a string");
  *text = json_object_get_string (value);
  *length = (gsize) json_object_get_string_len (value);
  return TRUE;
}

static gboolean
get_str (Fields *f, const char *key, gboolean required, TraceLineStrings *strings, guint32 *out)
{
  json_object *value;
  const char *text;
  gsize length;

  if (!json_object_object_get_ex (f->obj, key, &value))
    return required ? fail (f, "missing field \"%s\"", key) : TRUE;
  if (!string_of (f, key, value, &text, &length))
    return FALSE;
  if (required && length == 0)
    return fail (f, "field \"%s\" is empty", key);
  *out = add_string (strings, text, length);
  return TRUE;
}

static gboolean
get_flag (Fields *f, const char *key, guint8 bit, guint8 *flags)
{
  json_object *value;

  if (!json_object_object_get_ex (f->obj, key, &value))
    return TRUE;
  if (json_object_get_type (value) != json_type_boolean)
    return wrong_type (f, key, value, "a boolean");
  if (json_object_get_boolean (value))
    *flags |= bit;
  return TRUE;
}

static gboolean
get_triple (Fields *f, const char *key, TraceEvent *e)
{
  json_object *value;
  gint64 *slots[3] = { &e->a, &e->b, &e->c };

  if (!json_object_object_get_ex (f->obj, key, &value))
    return fail (f, "missing field \"%s\"", key);
  if (json_object_get_type (value) != json_type_array || json_object_array_length (value) != 3)
    return fail (f, "field \"%s\" must be an array of 3 integers", key);
  for (int i = 0; i < 3; i++)
    if (!int_of (f, key, json_object_array_get_idx (value, (size_t) i), 0, G_MAXINT64 - 1,
                 slots[i]))
      return FALSE;
  return TRUE;
}

static gboolean
get_phase (Fields *f, TraceEvent *e)
{
  json_object *value;
  const char *text;
  gsize length;

  if (!json_object_object_get_ex (f->obj, "phase", &value))
    return fail (f, "missing field \"phase\"");
  if (!string_of (f, "phase", value, &text, &length))
    return FALSE;
  e->small = (gint32) trace_phase_from_name (text);
  if (e->small == 0)
    {
      g_autofree char *shown = trace_printable (text);
      return fail (f, "unknown phase \"%s\"", shown);
    }
  return TRUE;
}

static gboolean
get_slot (Fields *f, TraceLineStrings *strings, TraceEvent *e)
{
  static const char *const keys[] = { "index", "key", "value", "attr", "name", "label" };
  int found = 0;

  for (int i = 0; i < 6; i++)
    {
      json_object *value;
      if (!json_object_object_get_ex (f->obj, keys[i], &value))
        continue;
      if (found++ > 0)
        return fail (f, "more than one slot field (index, key, value, attr, name, label)");
      e->slot_kind = (guint8) (TRACE_SLOT_INDEX + i);
      if (i == 0)
        {
          if (!int_of (f, keys[i], value, -1, G_MAXINT64 - 1, &e->slot))
            return FALSE;
        }
      else if (i <= 2)
        {
          if (!int_of (f, keys[i], value, 1, (gint64) TRACE_ID_MAX - 1, &e->slot))
            return FALSE;
        }
      else if (!get_str (f, keys[i], TRUE, strings, &e->str))
        return FALSE;
    }
  if (found == 0)
    return fail (f, "missing the slot: one of index, key, value, attr, name, label");
  return get_flag (f, "shift", TRACE_EVF_SHIFT, &e->flags);
}

static gboolean
get_cause (Fields *f, TraceEvent *e)
{
  json_object *value;
  const char *text;
  gsize length;
  gint64 gen;

  if (!json_object_object_get_ex (f->obj, "cause", &value))
    return fail (f, "missing field \"cause\"");
  if (!string_of (f, "cause", value, &text, &length))
    return FALSE;
  if (strcmp (text, "refcount") == 0)
    e->small = TRACE_CAUSE_REFCOUNT;
  else if (strcmp (text, "shutdown") == 0)
    e->small = TRACE_CAUSE_SHUTDOWN;
  else if (strcmp (text, "gc") == 0)
    {
      if (!get_int (f, "gen", 0, 2, &gen))
        return FALSE;
      e->small = (gint32) gen;
    }
  else
    {
      g_autofree char *shown = trace_printable (text);
      return fail (f, "unknown cause \"%s\" (refcount, gc or shutdown)", shown);
    }
  return TRUE;
}

static gboolean
parse_fields (Fields *f, TraceLineStrings *s, TraceEvent *e)
{
  gint64 v = 0;

  switch ((TraceEventKind) e->kind)
    {
    case TRACE_EV_BORN:
      if (!get_id (f, "id", &e->id) || !get_str (f, "type", TRUE, s, &e->str)
          || !get_int (f, "size", 0, G_MAXINT64 - 1, &e->a)
          || !get_int (f, "addr", 0, G_MAXINT64 - 1, &e->b) || !get_int (f, "gen", -1, 3, &v)
          || !get_str (f, "repr", FALSE, s, &e->str2)
          || !get_flag (f, "cached", TRACE_EVF_CACHED, &e->flags)
          || !get_flag (f, "interned", TRACE_EVF_INTERNED, &e->flags)
          || !get_flag (f, "preexisting", TRACE_EVF_PREEXISTING, &e->flags))
        return FALSE;
      e->small = (gint32) v;
      return TRUE;
    case TRACE_EV_FREE:
      return get_id (f, "id", &e->id) && get_cause (f, e);
    case TRACE_EV_REF_ADD:
    case TRACE_EV_REF_DEL:
      return get_id (f, "from", &e->id) && get_id (f, "to", &e->target) && get_slot (f, s, e);
    case TRACE_EV_SEQ_CLEAR:
    case TRACE_EV_TRACK:
    case TRACE_EV_UNTRACK:
    case TRACE_EV_GC_UNREACHABLE:
    case TRACE_EV_GC_FINALIZE:
      return get_id (f, "id", &e->id);
    case TRACE_EV_REFCNT:
      return get_id (f, "id", &e->id) && get_int (f, "count", 0, G_MAXINT64 - 1, &e->a);
    case TRACE_EV_SIZE:
      return get_id (f, "id", &e->id) && get_int (f, "size", 0, G_MAXINT64 - 1, &e->a);
    case TRACE_EV_SUMMARY:
      return get_id (f, "id", &e->id) && get_str (f, "type", TRUE, s, &e->str)
             && get_int (f, "count", G_MININT64 + 1, G_MAXINT64 - 1, &e->a)
             && get_int (f, "bytes", G_MININT64 + 1, G_MAXINT64 - 1, &e->b);
    case TRACE_EV_GEN_MERGE:
      return get_int (f, "from", 0, 3, &e->a) && get_int (f, "to", 0, 3, &e->b);
    case TRACE_EV_GC_COUNTS:
      return get_triple (f, "counts", e);
    case TRACE_EV_THRESHOLD:
      return get_triple (f, "thresholds", e);
    case TRACE_EV_GC_START:
      if (!get_int (f, "gen", 0, 2, &v) || !get_triple (f, "counts", e)
          || !get_flag (f, "manual", TRACE_EVF_MANUAL, &e->flags))
        return FALSE;
      e->small = (gint32) v;
      return TRUE;
    case TRACE_EV_GC_PHASE:
      return get_phase (f, e) && get_int (f, "n", 0, G_MAXINT64 - 1, &e->a);
    case TRACE_EV_GC_REFS:
      return get_id (f, "id", &e->id) && get_phase (f, e)
             && get_int (f, "refs", G_MININT64 + 1, G_MAXINT64 - 1, &e->a);
    case TRACE_EV_GC_RESURRECT:
      if (!get_id (f, "id", &e->id) || !get_int (f, "gen", 0, 3, &v))
        return FALSE;
      e->small = (gint32) v;
      return TRUE;
    case TRACE_EV_GC_END:
      if (!get_int (f, "gen", 0, 2, &v) || !get_int (f, "collected", 0, G_MAXINT64 - 1, &e->a)
          || !get_int (f, "uncollectable", 0, G_MAXINT64 - 1, &e->b))
        return FALSE;
      e->small = (gint32) v;
      return TRUE;
    case TRACE_EV_ARENA_NEW:
    case TRACE_EV_ARENA_FREE:
      return get_int (f, "index", 0, G_MAXINT32, &e->a)
             && get_int (f, "addr", 0, G_MAXINT64 - 1, &e->b)
             && get_int (f, "size", 0, G_MAXINT64 - 1, &e->c);
    case TRACE_EV_STEP:
      return get_int (f, "n", 1, G_MAXINT64 - 1, &e->a) && get_int (f, "file", 0, G_MAXINT32, &e->c)
             && get_int (f, "line", 1, G_MAXINT32, &e->b) && get_id (f, "frame", &e->id);
    case TRACE_EV_FRAME_PUSH:
      {
        guint64 ns = 0;
        if (!get_id (f, "frame", &e->id) || !get_str (f, "name", TRUE, s, &e->str)
            || !get_opt_id (f, "function", &e->target) || !get_opt_id (f, "namespace", &ns))
          return FALSE;
        e->slot = (gint64) ns;
        return TRUE;
      }
    case TRACE_EV_FRAME_POP:
      return get_id (f, "frame", &e->id);
    case TRACE_EV_EXCEPTION:
      return get_id (f, "id", &e->id) && get_str (f, "text", FALSE, s, &e->str);
    case TRACE_EV_OUTPUT:
      {
        json_object *value;
        const char *text;
        gsize length;
        if (!json_object_object_get_ex (f->obj, "text", &value))
          return fail (f, "missing field \"text\"");
        if (!string_of (f, "text", value, &text, &length))
          return FALSE;
        e->str = add_string (s, text, length);
        return TRUE;
      }
    case TRACE_EV_END:
      return get_opt_int (f, "status", G_MININT32, G_MAXINT32, &e->a);
    case TRACE_EV_KIND_COUNT_:
      break;
    }
  return fail (f, "unknown event");
}

static json_object *
parse_json (json_tokener *tok, const char *line, gsize length, char **error)
{
  json_object *obj;
  enum json_tokener_error err;

  const char *nul = memchr (line, '\0', length);

  json_tokener_reset (tok);
  if (length > G_MAXINT)
    {
      *error = g_strdup ("the line is too long");
      return NULL;
    }
  if (nul != NULL)
    {
      *error = g_strdup_printf ("not JSON: a NUL byte at column %zu", (gsize) (nul - line) + 1);
      return NULL;
    }
  obj = json_tokener_parse_ex (tok, line, (int) length);
  err = json_tokener_get_error (tok);
  if (obj == NULL)
    {
      if (err == json_tokener_continue)
        *error = g_strdup ("not JSON: the line ends inside a value");
      else if (err == json_tokener_error_depth)
        *error = g_strdup_printf ("not a trace line: nested deeper than %d levels", MAX_DEPTH);
      else
        *error = g_strdup_printf ("not JSON: %s at column %zu", json_tokener_error_desc (err),
                                  json_tokener_get_parse_end (tok) + 1);
      return NULL;
    }
  for (size_t i = json_tokener_get_parse_end (tok); i < length; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      {
        *error = g_strdup_printf ("not JSON: unexpected text after the value at column %zu",
                                  i + 1);
        json_object_put (obj);
        return NULL;
      }
  if (json_object_get_type (obj) != json_type_object)
    {
      *error = g_strdup_printf ("a line must be a JSON object, not %s", type_name (obj));
      json_object_put (obj);
      return NULL;
    }
  return obj;
}

gboolean
trace_line_parse_event (json_tokener *tok, const char *line, gsize length,
                        TraceLineStrings *strings, TraceEvent *out, char **error)
{
  json_object *obj = parse_json (tok, line, length, error);
  json_object *kind;
  Fields f = { obj, "event", error };
  gboolean ok;

  if (obj == NULL)
    return FALSE;
  memset (out, 0, sizeof *out);
  if (!json_object_object_get_ex (obj, "ev", &kind))
    ok = fail (&f, "missing field \"ev\" (the event's kind)");
  else if (json_object_get_type (kind) != json_type_string)
    ok = wrong_type (&f, "ev", kind, "a string");
  else
    {
      out->kind = (guint8) trace_event_kind_from_name (json_object_get_string (kind),
                                                       (gsize) json_object_get_string_len (kind));
      if (out->kind == 0)
        {
          g_autofree char *shown = trace_printable (json_object_get_string (kind));
          ok = fail (&f, "unknown event kind \"%s\"", shown);
        }
      else
        {
          f.what = trace_event_kind_name (out->kind);
          ok = parse_fields (&f, strings, out);
        }
    }
  json_object_put (obj);
  return ok;
}

gboolean
trace_line_parse_header (json_tokener *tok, const char *line, gsize length, TraceLog *log,
                         gboolean *version_error, char **error)
{
  json_object *obj = parse_json (tok, line, length, error);
  json_object *value, *files;
  Fields f = { obj, "header", error };
  const char *text;
  gsize text_length;
  gint64 thresholds[3];
  int major = 0, minor = 0;
  TraceEvent triple = { 0 };
  gboolean ok = FALSE;

  *version_error = FALSE;
  if (obj == NULL)
    {
      /* Say first that this is not a trace at all. */
      char *why = *error;
      *error = g_strdup_printf ("not a Refscope trace: the first line is not a JSON object (%s)",
                                g_str_has_prefix (why, "not JSON: ") ? why + 10 : why);
      g_free (why);
      return FALSE;
    }
  if (!json_object_object_get_ex (obj, "format", &value)
      || json_object_get_type (value) != json_type_string
      || strcmp (json_object_get_string (value), TRACE_FORMAT_NAME) != 0)
    {
      fail (&f, "not a Refscope trace: the first line must have \"format\": \"%s\"",
            TRACE_FORMAT_NAME);
      goto out;
    }
  if (!json_object_object_get_ex (obj, "version", &value))
    {
      fail (&f, "missing field \"version\"");
      goto out;
    }
  if (!string_of (&f, "version", value, &text, &text_length))
    goto out;
  if (sscanf (text, "%d.%d", &major, &minor) != 2 || major < 0 || minor < 0)
    {
      g_autofree char *shown = trace_printable (text);
      fail (&f, "version \"%s\" is not MAJOR.MINOR", shown);
      goto out;
    }
  if (major != TRACE_FORMAT_MAJOR)
    {
      *version_error = TRUE;
      g_autofree char *shown = trace_printable (text);
      fail (&f, "trace format version %s is not supported (this reader reads %d.x)", shown,
            TRACE_FORMAT_MAJOR);
      goto out;
    }
  if (!json_object_object_get_ex (obj, "producer", &value))
    {
      fail (&f, "missing field \"producer\"");
      goto out;
    }
  if (!string_of (&f, "producer", value, &text, &text_length))
    goto out;
  trace_log_set_producer (log, text);
  if (json_object_object_get_ex (obj, "python", &value))
    {
      if (!string_of (&f, "python", value, &text, &text_length))
        goto out;
      trace_log_set_python (log, text);
    }
  if (!get_triple (&f, "thresholds", &triple))
    goto out;
  thresholds[0] = triple.a;
  thresholds[1] = triple.b;
  thresholds[2] = triple.c;
  trace_log_set_thresholds (log, thresholds);

  if (!json_object_object_get_ex (obj, "files", &files))
    {
      fail (&f, "missing field \"files\"");
      goto out;
    }
  if (json_object_get_type (files) != json_type_array)
    {
      wrong_type (&f, "files", files, "an array");
      goto out;
    }
  for (size_t i = 0; i < json_object_array_length (files); i++)
    {
      json_object *file = json_object_array_get_idx (files, i);
      json_object *name, *content;
      const char *name_text;
      gsize name_length;
      Fields ff = { file, "header", error };
      if (json_object_get_type (file) != json_type_object)
        {
          fail (&f, "files[%zu] is %s, not an object", i, type_name (file));
          goto out;
        }
      if (!json_object_object_get_ex (file, "name", &name)
          || !json_object_object_get_ex (file, "text", &content))
        {
          fail (&f, "files[%zu] needs \"name\" and \"text\"", i);
          goto out;
        }
      if (!string_of (&ff, "name", name, &name_text, &name_length)
          || !string_of (&ff, "text", content, &text, &text_length))
        goto out;
      trace_log_add_file (log, name_text, text, text_length);
    }
  ok = TRUE;

out:
  json_object_put (obj);
  return ok;
}
