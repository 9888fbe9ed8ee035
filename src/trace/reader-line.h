/* reader-line.h: one line of a trace file as JSON, into a header or an
 * event, with json-c. Strings found on the line go to a caller's table so
 * lines can be parsed on several threads and interned on one. */
#pragma once

#include "event-log.h"

#include <json-c/json.h>

typedef struct
{
  GString *bytes;       /* strings, each followed by a NUL */
  GArray *offsets;      /* guint32 offset of string i + 1 (string 0 is none) */
  GArray *lengths;      /* guint32 length */
} TraceLineStrings;

void trace_line_strings_init (TraceLineStrings *strings);
void trace_line_strings_clear (TraceLineStrings *strings);
void trace_line_strings_reset (TraceLineStrings *strings);

/* A tokener set up for trace lines: strict JSON, valid UTF-8, shallow. */
json_tokener *trace_line_tokener_new (void);

/* Parses an event line into out, its strings as ids into strings. FALSE
 * with a message (g_free it) saying what is wrong. */
gboolean trace_line_parse_event (json_tokener *tok, const char *line, gsize length,
                                 TraceLineStrings *strings, TraceEvent *out, char **error);

/* Parses the header line into log. FALSE with a message; *version_error is
 * set when the problem is the format's version. */
gboolean trace_line_parse_header (json_tokener *tok, const char *line, gsize length,
                                  TraceLog *log, gboolean *version_error, char **error);
