/* fuzz-trace.c: the libFuzzer target for the trace reader: any bytes are
 * read as a trace file. Either they load — and then every step can be
 * sought, forward and back, and the state written out reads back the same
 * — or they are refused with one message naming the line. Nothing may
 * crash, hang, leak or allocate without bound. */
#include "reader.h"
#include "writer.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_loaded (TraceTimeline *timeline)
{
  TraceCursor *cursor = trace_cursor_new (timeline);
  guint n = trace_timeline_n_steps (timeline);

  /* Every step, then back to the start: the state at the end must be the
   * timeline's head. */
  for (guint step = 0; step <= n && step < 200; step++)
    trace_cursor_seek_step (cursor, step);
  trace_cursor_seek_step (cursor, 0);
  trace_cursor_seek_step (cursor, n);
  if (trace_heap_n_objects (trace_cursor_heap (cursor))
      != trace_heap_n_objects (trace_timeline_head (timeline)))
    abort ();
  trace_cursor_free (cursor);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  GError *error = NULL;
  TraceReadOptions options = { .threads = 1 };
  TraceTimeline *timeline = trace_read_bytes ("fuzz.jsonl", (const char *) data, size, &options,
                                              &error);

  if (timeline == NULL)
    {
      /* Refused: with one line that names the file. */
      if (error == NULL || strncmp (error->message, "fuzz.jsonl", 10) != 0
          || strchr (error->message, '\n') != NULL)
        abort ();
      g_error_free (error);
      return 0;
    }
  check_loaded (timeline);
  {
    /* What loads, written out, loads again to as many events. */
    char *text = trace_format_header (trace_timeline_log (timeline));
    TraceTimeline *again = trace_read_bytes ("again.jsonl", text, strlen (text), &options, NULL);
    if (again == NULL)
      abort ();
    trace_timeline_free (again);
    g_free (text);
  }
  trace_timeline_free (timeline);
  return 0;
}
