/* reader.c: the file is cut into chunks of whole lines; worker threads
 * parse chunks into events (json-c, one reused tokener each) while this
 * thread checks and appends them in order, so parsing, the costly part,
 * runs on every core and the timeline still sees one ordered stream. */
#include "reader.h"
#include "reader-line.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>

#define CHUNK_BYTES (1u << 21)
#define MAX_EVENT_LINE (1u << 20)
#define MAX_HEADER_LINE (64u << 20)
#define IN_FLIGHT 8

G_DEFINE_QUARK (trace-read-error-quark, trace_read_error)

typedef struct
{
  const char *start;
  const char *end;
  GArray *events;           /* TraceEvent, one per line */
  TraceLineStrings strings;
  char *error;              /* the first bad line's message */
  guint64 error_index;      /* its index among the chunk's lines */
  gboolean error_is_cut;    /* it was the file's last line, without a newline */
  gboolean done;
} Chunk;

typedef struct
{
  const char *data;
  gsize length;
  GMutex lock;
  GCond cond;
} Shared;

static void
chunk_free (Chunk *chunk)
{
  g_array_unref (chunk->events);
  trace_line_strings_clear (&chunk->strings);
  g_free (chunk->error);
  g_free (chunk);
}

static gboolean
is_blank (const char *p, const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* glibc's C locale object. json-c parses each value under a copy of the
 * thread's locale with LC_NUMERIC set to "C": for any other locale that is
 * a duplocale and a newlocale per line, both under glibc's one global
 * locale lock, which two parsing threads then spend their time fighting
 * over. Under the C locale object both return at once, lock-free, and the
 * numbers are read the same way. */
static locale_t
c_locale (void)
{
  static gsize once = 0;
  static locale_t c;

  if (g_once_init_enter (&once))
    {
      c = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return c;
}

static void
parse_chunk (gpointer data, gpointer user)
{
  Chunk *chunk = data;
  Shared *shared = user;
  /* Pool threads are shared: the locale is put back once the chunk is read. */
  locale_t saved = c_locale () != (locale_t) 0 ? uselocale (c_locale ()) : (locale_t) 0;
  json_tokener *tok = trace_line_tokener_new ();
  const char *p = chunk->start;
  const char *file_end = shared->data + shared->length;

  while (p < chunk->end)
    {
      gsize room = (gsize) (chunk->end - p);
      const char *nl = memchr (p, '\n', MIN (room, (gsize) MAX_EVENT_LINE + 1));
      const char *line_end = nl != NULL ? nl : (room <= MAX_EVENT_LINE ? chunk->end : NULL);
      TraceEvent event;
      char *error = NULL;

      if (line_end == NULL)
        {
          chunk->error = g_strdup_printf ("the line is longer than %u MiB; event lines are short",
                                          MAX_EVENT_LINE >> 20);
          break;
        }
      if (is_blank (p, line_end))
        {
          chunk->error = g_strdup ("the line is empty; every line must hold a JSON object");
          break;
        }
      if (!trace_line_parse_event (tok, p, (gsize) (line_end - p), &chunk->strings, &event,
                                   &error))
        {
          chunk->error = error;
          chunk->error_is_cut = nl == NULL && chunk->end == file_end;
          break;
        }
      g_array_append_val (chunk->events, event);
      p = nl != NULL ? nl + 1 : chunk->end;
    }
  chunk->error_index = chunk->events->len;
  json_tokener_free (tok);
  if (saved != (locale_t) 0)
    uselocale (saved);

  g_mutex_lock (&shared->lock);
  chunk->done = TRUE;
  g_cond_broadcast (&shared->cond);
  g_mutex_unlock (&shared->lock);
}

/* The end of the chunk starting at start: about CHUNK_BYTES of whole lines,
 * or the rest of the data when no line ends soon after (a line too long,
 * which the worker reports). */
static const char *
chunk_end (const char *start, const char *end)
{
  const char *target = start + CHUNK_BYTES;
  const char *nl;

  if ((gsize) (end - start) <= CHUNK_BYTES)
    return end;
  nl = memchr (target, '\n', MIN ((gsize) (end - target), (gsize) MAX_EVENT_LINE + 1));
  return nl != NULL ? nl + 1 : end;
}

static guint32
intern_from (TraceLog *log, const TraceLineStrings *strings, guint32 id)
{
  if (id == 0)
    return 0;
  return trace_log_intern (log, strings->bytes->str + g_array_index (strings->offsets, guint32, id - 1),
                           g_array_index (strings->lengths, guint32, id - 1));
}

static void
set_error (GError **error, gint code, const char *name, guint64 line, const char *message)
{
  if (line > 0)
    g_set_error (error, TRACE_READ_ERROR, code, "%s:%" G_GUINT64_FORMAT ": %s", name, line,
                 message);
  else
    g_set_error (error, TRACE_READ_ERROR, code, "%s: %s", name, message);
}

static void
warn (const TraceReadOptions *options, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
warn (const TraceReadOptions *options, const char *format, ...)
{
  va_list args;

  if (options->warnings == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (options->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

TraceTimeline *
trace_read_bytes (const char *name, const char *data, gsize length,
                  const TraceReadOptions *options_in, GError **error)
{
  TraceReadOptions options = options_in != NULL ? *options_in : (TraceReadOptions){ 0 };
  g_autoptr (TraceTimeline) timeline = NULL;
  g_autoptr (TraceLog) log = trace_log_new ();
  const char *end = data + length, *p, *nl;
  json_tokener *tok;
  Shared shared = { data, length };
  GThreadPool *pool;
  GQueue chunks = G_QUEUE_INIT;
  guint64 line = 1;
  gboolean version_error = FALSE, cut = FALSE, failed = FALSE;
  char *message = NULL;
  guint threads = options.threads != 0 ? options.threads : (guint) g_get_num_processors ();

  if (length == 0)
    {
      set_error (error, TRACE_READ_ERROR_INVALID, name, 1,
                 "the file is empty; a trace starts with a header line");
      return NULL;
    }
  nl = memchr (data, '\n', MIN (length, (gsize) MAX_HEADER_LINE + 1));
  if (nl == NULL && length > MAX_HEADER_LINE)
    {
      set_error (error, TRACE_READ_ERROR_INVALID, name, 1, "the header line is longer than 64 MiB");
      return NULL;
    }
  tok = trace_line_tokener_new ();
  if (!trace_line_parse_header (tok, data, (gsize) ((nl != NULL ? nl : end) - data), log,
                                &version_error, &message))
    {
      json_tokener_free (tok);
      set_error (error, version_error ? TRACE_READ_ERROR_VERSION : TRACE_READ_ERROR_INVALID, name,
                 1, message);
      g_free (message);
      return NULL;
    }
  json_tokener_free (tok);
  timeline = trace_timeline_new (g_steal_pointer (&log));
  log = NULL;
  p = nl != NULL ? nl + 1 : end;

  g_mutex_init (&shared.lock);
  g_cond_init (&shared.cond);
  /* One thread: this one, with no pool to hand chunks to and wait on. */
  pool = threads > 1 ? g_thread_pool_new (parse_chunk, &shared, (gint) threads, FALSE, NULL)
                     : NULL;

  while (!failed && (p < end || !g_queue_is_empty (&chunks)))
    {
      Chunk *chunk;
      TraceLog *tlog = trace_timeline_log (timeline);

      /* Keep the workers fed, a few chunks ahead. */
      while (p < end && g_queue_get_length (&chunks) < IN_FLIGHT)
        {
          chunk = g_new0 (Chunk, 1);
          chunk->start = p;
          chunk->end = chunk_end (p, end);
          chunk->events = g_array_new (FALSE, FALSE, sizeof (TraceEvent));
          trace_line_strings_init (&chunk->strings);
          g_queue_push_tail (&chunks, chunk);
          if (pool != NULL)
            g_thread_pool_push (pool, chunk, NULL);
          else
            parse_chunk (chunk, &shared);
          p = chunk->end;
        }

      chunk = g_queue_pop_head (&chunks);
      g_mutex_lock (&shared.lock);
      while (!chunk->done)
        g_cond_wait (&shared.cond, &shared.lock);
      g_mutex_unlock (&shared.lock);

      for (guint i = 0; i < chunk->events->len && !failed; i++)
        {
          TraceEvent *e = &g_array_index (chunk->events, TraceEvent, i);
          line++;
          e->str = intern_from (tlog, &chunk->strings, e->str);
          e->str2 = intern_from (tlog, &chunk->strings, e->str2);
          if (!trace_timeline_append (timeline, e, &message))
            {
              set_error (error, TRACE_READ_ERROR_INVALID, name, line, message);
              g_free (message);
              failed = TRUE;
            }
        }
      if (!failed && chunk->error != NULL)
        {
          line++;
          if (chunk->error_is_cut)
            {
              warn (&options, "%s:%" G_GUINT64_FORMAT ": the last line is cut short (%s); "
                    "loaded up to line %" G_GUINT64_FORMAT, name, line, chunk->error, line - 1);
              cut = TRUE;
            }
          else
            {
              set_error (error, TRACE_READ_ERROR_INVALID, name, line, chunk->error);
              failed = TRUE;
            }
        }
      chunk_free (chunk);
      if (cut)
        break;
      if (!failed && options.cancellable != NULL
          && g_cancellable_set_error_if_cancelled (options.cancellable, error))
        failed = TRUE;
      if (!failed && options.progress != NULL)
        options.progress ((double) (p - data) / (double) length, options.progress_user);
    }

  /* Wait for the workers before their chunks go. */
  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, TRUE);
  while (!g_queue_is_empty (&chunks))
    chunk_free (g_queue_pop_head (&chunks));
  g_mutex_clear (&shared.lock);
  g_cond_clear (&shared.cond);
  if (failed)
    return NULL;
  if (!cut && !trace_timeline_is_complete (timeline))
    warn (&options, "%s:%" G_GUINT64_FORMAT ": the trace has no end event; it may have been cut short",
          name, line);
  return g_steal_pointer (&timeline);
}

TraceTimeline *
trace_read_file (const char *path, const TraceReadOptions *options, GError **error)
{
  GError *local = NULL;
  GMappedFile *file = g_mapped_file_new (path, FALSE, &local);
  TraceTimeline *timeline;

  if (file == NULL)
    {
      g_set_error (error, TRACE_READ_ERROR, TRACE_READ_ERROR_IO, "%s: %s", path, local->message);
      g_error_free (local);
      return NULL;
    }
  timeline = trace_read_bytes (path, g_mapped_file_get_contents (file),
                               g_mapped_file_get_length (file), options, error);
  g_mapped_file_unref (file);
  return timeline;
}
