/* writer.h: writing a trace as newline-delimited JSON (docs/trace-format.md),
 * atomically: into a temporary file beside the target, then renamed. */
#pragma once

#include "event-log.h"

#define TRACE_FORMAT_NAME "refscope-trace"
#define TRACE_FORMAT_MAJOR 1
#define TRACE_FORMAT_MINOR 0

/* Writes every event of log to path. FALSE with error set (G_FILE_ERROR)
 * if the file cannot be written; path is then untouched. */
gboolean trace_write_file (const TraceLog *log, const char *path, GError **error);

/* The header line, without a newline (g_free it). */
char *trace_format_header (const TraceLog *log);
