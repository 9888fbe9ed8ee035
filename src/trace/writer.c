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

#define OUT_SIZE (4u << 20)

typedef struct
{
  char *text;
  gsize length;
} Escaped;

typedef struct
{
  const TraceLog *log;
  GArray *escaped;      /* Escaped, by string id (text NULL: not yet) */
  json_object *scratch;
  int fd;
  char *buf;            /* OUT_SIZE bytes */
  gsize used;
  int error;            /* errno of the first failed write, or 0 */
} Writer;

static void
flush (Writer *w)
{
  gsize done = 0;

  while (done < w->used && w->error == 0)
    {
      ssize_t n = write (w->fd, w->buf + done, w->used - done);
      if (n < 0 && errno != EINTR)
        w->error = errno;
      else if (n > 0)
        done += (gsize) n;
    }
  w->used = 0;
}

static inline void
put (Writer *w, const char *bytes, gsize length)
{
  if (w->used + length > OUT_SIZE)
    {
      flush (w);
      if (length > OUT_SIZE)
        {
          /* Longer than the buffer: write it as it is. */
          for (gsize done = 0; done < length && w->error == 0;)
            {
              ssize_t n = write (w->fd, bytes + done, length - done);
              if (n < 0 && errno != EINTR)
                w->error = errno;
              else if (n > 0)
                done += (gsize) n;
            }
          return;
        }
    }
  memcpy (w->buf + w->used, bytes, length);
  w->used += length;
}

#define PUT_LITERAL(w, s) put ((w), (s), sizeof (s) - 1)

static const Escaped *
escaped (Writer *w, guint32 id)
{
  Escaped *e;

  if (id >= w->escaped->len)
    g_array_set_size (w->escaped, id + 1);
  e = &g_array_index (w->escaped, Escaped, id);
  if (e->text == NULL)
    {
      const char *s = trace_log_string (w->log, id);
      gsize length = trace_strings_length (trace_log_strings ((TraceLog *) w->log), id);
      json_object_set_string_len (w->scratch, s, (int) length);
      e->text = g_strdup (json_object_to_json_string_ext (
        w->scratch, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
      e->length = strlen (e->text);
    }
  return e;
}

/* ,"key": then the number; key given with its length. */
static inline void
put_int_len (Writer *w, const char *key, gsize key_length, gint64 value)
{
  char field[64];
  char *end = field + sizeof field, *p = end;
  guint64 v = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      *--p = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  if (value < 0)
    *--p = '-';
  *--p = ':';
  *--p = '"';
  p -= key_length;
  memcpy (p, key, key_length);
  *--p = '"';
  *--p = ',';
  put (w, p, (gsize) (end - p));
}

#define put_int(w, key, value) put_int_len ((w), (key), sizeof (key) - 1, (value))

static void
put_str_len (Writer *w, const char *key, gsize key_length, guint32 id)
{
  const Escaped *e = escaped (w, id);

  PUT_LITERAL (w, ",\"");
  put (w, key, key_length);
  PUT_LITERAL (w, "\":");
  put (w, e->text, e->length);
}

#define put_str(w, key, id) put_str_len ((w), (key), sizeof (key) - 1, (id))

/* ,"key":[a,b,c] */
static void
put_triple (Writer *w, const char *key, gsize key_length, const TraceEvent *e)
{
  char numbers[96];
  int n = g_snprintf (numbers, sizeof numbers, "[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                      ",%" G_GINT64_FORMAT "]", e->a, e->b, e->c);

  PUT_LITERAL (w, ",\"");
  put (w, key, key_length);
  PUT_LITERAL (w, "\":");
  put (w, numbers, (gsize) n);
}

#define put_triple_lit(w, key, e) put_triple ((w), (key), sizeof (key) - 1, (e))

static void
put_slot (Writer *w, const TraceEvent *e)
{
  switch ((TraceSlotKind) e->slot_kind)
    {
    case TRACE_SLOT_INDEX:
      put_int (w, "index", e->slot);
      break;
    case TRACE_SLOT_KEY:
      put_int (w, "key", e->slot);
      break;
    case TRACE_SLOT_VALUE:
      put_int (w, "value", e->slot);
      break;
    case TRACE_SLOT_ATTR:
      put_str (w, "attr", e->str);
      break;
    case TRACE_SLOT_NAME:
      put_str (w, "name", e->str);
      break;
    case TRACE_SLOT_LABEL:
      put_str (w, "label", e->str);
      break;
    case TRACE_SLOT_NONE:
    case TRACE_SLOT_KIND_COUNT_:
      break;
    }
}

static void
put_phase (Writer *w, gint32 phase)
{
  const char *name = trace_phase_name (phase);

  PUT_LITERAL (w, ",\"phase\":\"");
  put (w, name, strlen (name));
  PUT_LITERAL (w, "\"");
}

static void
format_event (Writer *w, const TraceEvent *e)
{
  const char *kind = trace_event_kind_name (e->kind);

  PUT_LITERAL (w, "{\"ev\":\"");
  put (w, kind, strlen (kind));
  PUT_LITERAL (w, "\"");
  switch ((TraceEventKind) e->kind)
    {
    case TRACE_EV_BORN:
      put_int (w, "id", (gint64) e->id);
      put_str (w, "type", e->str);
      put_int (w, "size", e->a);
      put_int (w, "addr", e->b);
      put_int (w, "gen", e->small);
      if (e->str2 != 0)
        put_str (w, "repr", e->str2);
      if (e->flags & TRACE_EVF_CACHED)
        PUT_LITERAL (w, ",\"cached\":true");
      if (e->flags & TRACE_EVF_INTERNED)
        PUT_LITERAL (w, ",\"interned\":true");
      if (e->flags & TRACE_EVF_PREEXISTING)
        PUT_LITERAL (w, ",\"preexisting\":true");
      break;
    case TRACE_EV_FREE:
      put_int (w, "id", (gint64) e->id);
      if (e->small == TRACE_CAUSE_REFCOUNT)
        PUT_LITERAL (w, ",\"cause\":\"refcount\"");
      else if (e->small == TRACE_CAUSE_SHUTDOWN)
        PUT_LITERAL (w, ",\"cause\":\"shutdown\"");
      else
        {
          PUT_LITERAL (w, ",\"cause\":\"gc\"");
          put_int (w, "gen", e->small);
        }
      break;
    case TRACE_EV_REF_ADD:
    case TRACE_EV_REF_DEL:
      put_int (w, "from", (gint64) e->id);
      put_int (w, "to", (gint64) e->target);
      put_slot (w, e);
      if (e->flags & TRACE_EVF_SHIFT)
        PUT_LITERAL (w, ",\"shift\":true");
      break;
    case TRACE_EV_SEQ_CLEAR:
    case TRACE_EV_TRACK:
    case TRACE_EV_UNTRACK:
    case TRACE_EV_GC_UNREACHABLE:
    case TRACE_EV_GC_FINALIZE:
      put_int (w, "id", (gint64) e->id);
      break;
    case TRACE_EV_REFCNT:
      put_int (w, "id", (gint64) e->id);
      put_int (w, "count", e->a);
      break;
    case TRACE_EV_SIZE:
      put_int (w, "id", (gint64) e->id);
      put_int (w, "size", e->a);
      break;
    case TRACE_EV_SUMMARY:
      put_int (w, "id", (gint64) e->id);
      put_str (w, "type", e->str);
      put_int (w, "count", e->a);
      put_int (w, "bytes", e->b);
      break;
    case TRACE_EV_GEN_MERGE:
      put_int (w, "from", e->a);
      put_int (w, "to", e->b);
      break;
    case TRACE_EV_GC_COUNTS:
      put_triple_lit (w, "counts", e);
      break;
    case TRACE_EV_THRESHOLD:
      put_triple_lit (w, "thresholds", e);
      break;
    case TRACE_EV_GC_START:
      put_int (w, "gen", e->small);
      put_triple_lit (w, "counts", e);
      if (e->flags & TRACE_EVF_MANUAL)
        PUT_LITERAL (w, ",\"manual\":true");
      break;
    case TRACE_EV_GC_PHASE:
      put_phase (w, e->small);
      put_int (w, "n", e->a);
      break;
    case TRACE_EV_GC_REFS:
      put_int (w, "id", (gint64) e->id);
      put_phase (w, e->small);
      put_int (w, "refs", e->a);
      break;
    case TRACE_EV_GC_RESURRECT:
      put_int (w, "id", (gint64) e->id);
      put_int (w, "gen", e->small);
      break;
    case TRACE_EV_GC_END:
      put_int (w, "gen", e->small);
      put_int (w, "collected", e->a);
      put_int (w, "uncollectable", e->b);
      break;
    case TRACE_EV_ARENA_NEW:
    case TRACE_EV_ARENA_FREE:
      put_int (w, "index", e->a);
      put_int (w, "addr", e->b);
      put_int (w, "size", e->c);
      break;
    case TRACE_EV_STEP:
      put_int (w, "n", e->a);
      put_int (w, "file", e->c);
      put_int (w, "line", e->b);
      put_int (w, "frame", (gint64) e->id);
      break;
    case TRACE_EV_FRAME_PUSH:
      put_int (w, "frame", (gint64) e->id);
      put_str (w, "name", e->str);
      if (e->target != 0)
        put_int (w, "function", (gint64) e->target);
      if (e->slot != 0)
        put_int (w, "namespace", e->slot);
      break;
    case TRACE_EV_FRAME_POP:
      put_int (w, "frame", (gint64) e->id);
      break;
    case TRACE_EV_EXCEPTION:
      put_int (w, "id", (gint64) e->id);
      if (e->str != 0)
        put_str (w, "text", e->str);
      break;
    case TRACE_EV_OUTPUT:
      put_str (w, "text", e->str);
      break;
    case TRACE_EV_END:
      put_int (w, "status", e->a);
      break;
    case TRACE_EV_KIND_COUNT_:
      break;
    }
  PUT_LITERAL (w, "}\n");
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
  Writer w = { log, g_array_new (FALSE, TRUE, sizeof (Escaped)), json_object_new_string (""),
               -1, NULL, 0, 0 };
  TraceLogIter iter;
  TraceEvent event;

  w.fd = g_mkstemp (temp);
  if (w.fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "can't write a trace into '%s': %s", dir, g_strerror (saved));
      g_array_unref (w.escaped);
      json_object_put (w.scratch);
      return FALSE;
    }
  /* mkstemp makes the file private; a trace is an ordinary document. */
  fchmod (w.fd, 0644);
  w.buf = g_malloc (OUT_SIZE);

  header = trace_format_header (log);
  put (&w, header, strlen (header));
  PUT_LITERAL (&w, "\n");
  trace_log_iter_init (&iter, log, 0);
  while (trace_log_iter_next (&iter, &event))
    format_event (&w, &event);
  flush (&w);
  /* On disk before it replaces anything, so a crash leaves the old file or
   * the new one, never a part. */
  if (w.error == 0 && fsync (w.fd) != 0)
    w.error = errno;
  if (close (w.fd) != 0 && w.error == 0)
    w.error = errno;
  if (w.error == 0 && g_rename (temp, path) != 0)
    w.error = errno;
  if (w.error != 0)
    {
      g_unlink (temp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (w.error),
                   "can't write the trace '%s': %s", path, g_strerror (w.error));
    }
  for (guint i = 0; i < w.escaped->len; i++)
    g_free (g_array_index (w.escaped, Escaped, i).text);
  g_array_unref (w.escaped);
  json_object_put (w.scratch);
  g_free (w.buf);
  return w.error == 0;
}
