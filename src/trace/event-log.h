/* event-log.h: a trace in memory: its header (producer, thresholds, source
 * files), its strings, and its events in a compact encoding (about 8–16
 * bytes an event) with an index for random access and one for steps. */
#pragma once

#include "trace-event.h"
#include "trace-strings.h"

typedef struct TraceLog TraceLog;

TraceLog *trace_log_new (void);
void trace_log_free (TraceLog *log);

/* The header. */
void trace_log_set_producer (TraceLog *log, const char *producer);
const char *trace_log_producer (const TraceLog *log);
void trace_log_set_python (TraceLog *log, const char *version);
const char *trace_log_python (const TraceLog *log);   /* NULL if unknown */
void trace_log_set_thresholds (TraceLog *log, const gint64 thresholds[3]);
const gint64 *trace_log_thresholds (const TraceLog *log);

/* Source files, numbered from 0 in the order added. */
guint trace_log_add_file (TraceLog *log, const char *name, const char *text, gsize length);
guint trace_log_n_files (const TraceLog *log);
const char *trace_log_file_name (const TraceLog *log, guint file);
const char *trace_log_file_text (const TraceLog *log, guint file, gsize *length);
guint trace_log_file_n_lines (const TraceLog *log, guint file);
/* Line (1-based) of file without its newline, or NULL out of range. */
const char *trace_log_file_line (const TraceLog *log, guint file, guint line, gsize *length);

TraceStrings *trace_log_strings (TraceLog *log);
guint32 trace_log_intern (TraceLog *log, const char *text, gssize length);
const char *trace_log_string (const TraceLog *log, guint32 id);

/* Appends event; a step event's a must be the next step number. */
void trace_log_append (TraceLog *log, const TraceEvent *event);
guint64 trace_log_n_events (const TraceLog *log);
/* Decodes event index (< n_events) into out. */
void trace_log_get (const TraceLog *log, guint64 index, TraceEvent *out);

/* Steps are numbered from 1; the event index of step n's step event. */
guint trace_log_n_steps (const TraceLog *log);
guint64 trace_log_step_event (const TraceLog *log, guint step);
/* The step whose statement event index belongs to (0 before the first). */
guint trace_log_step_of_event (const TraceLog *log, guint64 index);

/* Decoding in order, cheaper than _get for each index. */
typedef struct
{
  const TraceLog *log;
  guint64 index;
  guint block;
  gsize offset;
} TraceLogIter;

void trace_log_iter_init (TraceLogIter *iter, const TraceLog *log, guint64 index);
gboolean trace_log_iter_next (TraceLogIter *iter, TraceEvent *out);

/* Bytes the log holds: events, indexes, strings and files. */
gsize trace_log_memory (const TraceLog *log);
