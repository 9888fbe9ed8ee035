/* writer.c: json-c builds the header and escapes every string; the event
 * lines, which are only numbers and those strings, are put together here,
 * each escaped string cached by its id, so writing keeps up with a run. */
#include "writer.h"

#include <glib/gstdio.h>
#include <json-c/json.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct
{
  const TraceLog *log;
  GString *line;
  GPtrArray *escaped;   /* char *, by string id (NULL: not yet) */
  json_object *scratch;
} Writer;

static const char *
escaped (Writer *w, guint32 id)
{
  char *text;

  if (id >= w->escaped->len)
    g_ptr_array_set_size (w->escaped, (gint) id + 1);
  text = w->escaped->pdata[id];
  if (text == NULL)
    {
      const char *s = trace_log_string (w->log, id);
      gsize length = trace_strings_length (trace_log_strings ((TraceLog *) w->log), id);
      json_object_set_string_len (w->scratch, s, (int) length);
      text = g_strdup (json_object_to_json_string_ext (
        w->scratch, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
      w->escaped->pdata[id] = text;
    }
  return text;
}

static void
put_int (GString *line, const char *key, gint64 value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 v = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  *--p = '\0';
  do
    {
      *--p = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_c (line, ',');
  g_string_append_c (line, '"');
  g_string_append (line, key);
  g_string_append (line, "\":");
  g_string_append (line, p);
}

static void
put_str (Writer *w, const char *key, guint32 id)
{
  g_string_append_printf (w->line, ",\"%s\":%s", key, escaped (w, id));
}

static void
put_triple (GString *line, const char *key, const TraceEvent *e)
{
  g_string_append_printf (line, ",\"%s\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                          ",%" G_GINT64_FORMAT "]", key, e->a, e->b, e->c);
}

static void
format_event (Writer *w, const TraceEvent *e)
{
  GString *line = w->line;
  static const char *const slot_keys[] = { NULL, "index", "key", "value", "attr", "name",
                                           "label" };

  g_string_append_printf (line, "{\"ev\":\"%s\"", trace_event_kind_name (e->kind));
  switch ((TraceEventKind) e->kind)
    {
    case TRACE_EV_BORN:
      put_int (line, "id", (gint64) e->id);
      put_str (w, "type", e->str);
      put_int (line, "size", e->a);
      put_int (line, "addr", e->b);
      put_int (line, "gen", e->small);
      if (e->str2 != 0)
        put_str (w, "repr", e->str2);
      if (e->flags & TRACE_EVF_CACHED)
        g_string_append (line, ",\"cached\":true");
      if (e->flags & TRACE_EVF_INTERNED)
        g_string_append (line, ",\"interned\":true");
      if (e->flags & TRACE_EVF_PREEXISTING)
        g_string_append (line, ",\"preexisting\":true");
      break;
    case TRACE_EV_FREE:
      put_int (line, "id", (gint64) e->id);
      if (e->small == TRACE_CAUSE_REFCOUNT)
        g_string_append (line, ",\"cause\":\"refcount\"");
      else if (e->small == TRACE_CAUSE_SHUTDOWN)
        g_string_append (line, ",\"cause\":\"shutdown\"");
      else
        {
          g_string_append (line, ",\"cause\":\"gc\"");
          put_int (line, "gen", e->small);
        }
      break;
    case TRACE_EV_REF_ADD:
    case TRACE_EV_REF_DEL:
      put_int (line, "from", (gint64) e->id);
      put_int (line, "to", (gint64) e->target);
      if (e->slot_kind == TRACE_SLOT_INDEX || e->slot_kind == TRACE_SLOT_KEY
          || e->slot_kind == TRACE_SLOT_VALUE)
        put_int (line, slot_keys[e->slot_kind], e->slot);
      else if (e->slot_kind < TRACE_SLOT_KIND_COUNT_ && e->slot_kind != 0)
        put_str (w, slot_keys[e->slot_kind], e->str);
      if (e->flags & TRACE_EVF_SHIFT)
        g_string_append (line, ",\"shift\":true");
      break;
    case TRACE_EV_SEQ_CLEAR:
    case TRACE_EV_TRACK:
    case TRACE_EV_UNTRACK:
    case TRACE_EV_GC_UNREACHABLE:
    case TRACE_EV_GC_FINALIZE:
      put_int (line, "id", (gint64) e->id);
      break;
    case TRACE_EV_REFCNT:
      put_int (line, "id", (gint64) e->id);
      put_int (line, "count", e->a);
      break;
    case TRACE_EV_SIZE:
      put_int (line, "id", (gint64) e->id);
      put_int (line, "size", e->a);
      break;
    case TRACE_EV_SUMMARY:
      put_int (line, "id", (gint64) e->id);
      put_str (w, "type", e->str);
      put_int (line, "count", e->a);
      put_int (line, "bytes", e->b);
      break;
    case TRACE_EV_GEN_MERGE:
      put_int (line, "from", e->a);
      put_int (line, "to", e->b);
      break;
    case TRACE_EV_GC_COUNTS:
      put_triple (line, "counts", e);
      break;
    case TRACE_EV_THRESHOLD:
      put_triple (line, "thresholds", e);
      break;
    case TRACE_EV_GC_START:
      put_int (line, "gen", e->small);
      put_triple (line, "counts", e);
      if (e->flags & TRACE_EVF_MANUAL)
        g_string_append (line, ",\"manual\":true");
      break;
    case TRACE_EV_GC_PHASE:
      g_string_append_printf (line, ",\"phase\":\"%s\"", trace_phase_name (e->small));
      put_int (line, "n", e->a);
      break;
    case TRACE_EV_GC_REFS:
      put_int (line, "id", (gint64) e->id);
      g_string_append_printf (line, ",\"phase\":\"%s\"", trace_phase_name (e->small));
      put_int (line, "refs", e->a);
      break;
    case TRACE_EV_GC_RESURRECT:
      put_int (line, "id", (gint64) e->id);
      put_int (line, "gen", e->small);
      break;
    case TRACE_EV_GC_END:
      put_int (line, "gen", e->small);
      put_int (line, "collected", e->a);
      put_int (line, "uncollectable", e->b);
      break;
    case TRACE_EV_ARENA_NEW:
    case TRACE_EV_ARENA_FREE:
      put_int (line, "index", e->a);
      put_int (line, "addr", e->b);
      put_int (line, "size", e->c);
      break;
    case TRACE_EV_STEP:
      put_int (line, "n", e->a);
      put_int (line, "file", e->c);
      put_int (line, "line", e->b);
      put_int (line, "frame", (gint64) e->id);
      break;
    case TRACE_EV_FRAME_PUSH:
      put_int (line, "frame", (gint64) e->id);
      put_str (w, "name", e->str);
      if (e->target != 0)
        put_int (line, "function", (gint64) e->target);
      if (e->slot != 0)
        put_int (line, "namespace", e->slot);
      break;
    case TRACE_EV_FRAME_POP:
      put_int (line, "frame", (gint64) e->id);
      break;
    case TRACE_EV_EXCEPTION:
      put_int (line, "id", (gint64) e->id);
      if (e->str != 0)
        put_str (w, "text", e->str);
      break;
    case TRACE_EV_OUTPUT:
      put_str (w, "text", e->str);
      break;
    case TRACE_EV_END:
      put_int (line, "status", e->a);
      break;
    case TRACE_EV_KIND_COUNT_:
      break;
    }
  g_string_append (line, "}\n");
}

char *
trace_format_header (const TraceLog *log)
{
  json_object *header = json_object_new_object ();
  json_object *thresholds = json_object_new_array ();
  json_object *files = json_object_new_array ();
  const gint64 *t = trace_log_thresholds (log);
  char *text;

  json_object_object_add (header, "format", json_object_new_string (TRACE_FORMAT_NAME));
  {
    char *version = g_strdup_printf ("%d.%d", TRACE_FORMAT_MAJOR, TRACE_FORMAT_MINOR);
    json_object_object_add (header, "version", json_object_new_string (version));
    g_free (version);
  }
  json_object_object_add (header, "producer", json_object_new_string (trace_log_producer (log)));
  if (trace_log_python (log) != NULL)
    json_object_object_add (header, "python", json_object_new_string (trace_log_python (log)));
  for (int i = 0; i < 3; i++)
    json_object_array_add (thresholds, json_object_new_int64 (t[i]));
  json_object_object_add (header, "thresholds", thresholds);
  for (guint i = 0; i < trace_log_n_files (log); i++)
    {
      json_object *file = json_object_new_object ();
      gsize length;
      const char *content = trace_log_file_text (log, i, &length);
      json_object_object_add (file, "name", json_object_new_string (trace_log_file_name (log, i)));
      json_object_object_add (file, "text", json_object_new_string_len (content, (int) length));
      json_object_array_add (files, file);
    }
  json_object_object_add (header, "files", files);
  text = g_strdup (json_object_to_json_string_ext (
    header, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
  json_object_put (header);
  return text;
}

gboolean
trace_write_file (const TraceLog *log, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  g_autofree char *header = NULL;
  Writer w = { log, g_string_sized_new (256), g_ptr_array_new_with_free_func (g_free),
               json_object_new_string ("") };
  TraceLogIter iter;
  TraceEvent event;
  gboolean ok = TRUE;
  FILE *out;
  int fd;

  fd = g_mkstemp (temp);
  if (fd < 0 || (out = fdopen (fd, "w")) == NULL)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "can't write a trace into '%s': %s", dir, g_strerror (saved));
      g_string_free (w.line, TRUE);
      g_ptr_array_unref (w.escaped);
      json_object_put (w.scratch);
      return FALSE;
    }
  /* mkstemp makes the file private; a trace is an ordinary document. */
  fchmod (fd, 0644);
  setvbuf (out, NULL, _IOFBF, 1 << 20);

  header = trace_format_header (log);
  fputs (header, out);
  fputc ('\n', out);
  trace_log_iter_init (&iter, log, 0);
  while (trace_log_iter_next (&iter, &event))
    {
      g_string_truncate (w.line, 0);
      format_event (&w, &event);
      fwrite (w.line->str, 1, w.line->len, out);
    }
  if (ferror (out) || fflush (out) != 0 || fsync (fileno (out)) != 0)
    ok = FALSE;
  if (fclose (out) != 0)
    ok = FALSE;
  if (ok && g_rename (temp, path) != 0)
    ok = FALSE;
  if (!ok)
    {
      int saved = errno;
      g_unlink (temp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "can't write the trace '%s': %s", path, g_strerror (saved));
    }
  g_string_free (w.line, TRUE);
  g_ptr_array_unref (w.escaped);
  json_object_put (w.scratch);
  return ok;
}
