/* reader.h: loading a trace file into a timeline, checking every line.
 * The first problem ends the load with one message naming the file, the
 * line and what is wrong; a file cut short loads up to its last whole line
 * with a warning. */
#pragma once

#include "timeline.h"

#include <gio/gio.h>

#define TRACE_READ_ERROR (trace_read_error_quark ())

typedef enum
{
  TRACE_READ_ERROR_INVALID,   /* the content is not a valid trace */
  TRACE_READ_ERROR_VERSION,   /* a major version this reader does not know */
  TRACE_READ_ERROR_IO,        /* the file cannot be read */
} TraceReadError;

GQuark trace_read_error_quark (void);

/* Called now and then with the fraction of the file read; may be NULL. */
typedef void (*TraceProgressFn) (double fraction, gpointer user);

typedef struct
{
  GCancellable *cancellable;   /* optional */
  TraceProgressFn progress;    /* optional */
  gpointer progress_user;
  GPtrArray *warnings;         /* optional: gets "FILE:LINE: ..." strings */
  guint threads;               /* parsing threads; 0: one per core */
} TraceReadOptions;

/* A new timeline, or NULL with error set ("FILE:LINE: what" in its message;
 * G_IO_ERROR_CANCELLED when cancelled). */
TraceTimeline *trace_read_file (const char *path, const TraceReadOptions *options,
                                GError **error);

/* The same over bytes in memory; name stands for the file in messages. */
TraceTimeline *trace_read_bytes (const char *name, const char *data, gsize length,
                                 const TraceReadOptions *options, GError **error);
