/* trace-strings.h: the interned strings of a trace (type names, reprs,
 * variable names, output), each stored once and named by a number. */
#pragma once

#include <glib.h>

typedef struct TraceStrings TraceStrings;

TraceStrings *trace_strings_new (void);
void trace_strings_free (TraceStrings *strings);

/* The id of text (length bytes, or up to its NUL if length < 0); equal
 * texts get one id. Ids start at 1: 0 means no string. */
guint32 trace_strings_intern (TraceStrings *strings, const char *text, gssize length);

/* The text of id (NUL-terminated; it may contain NULs within, see _length),
 * or "" for 0. Valid as long as the table. */
const char *trace_strings_get (const TraceStrings *strings, guint32 id);
gsize trace_strings_length (const TraceStrings *strings, guint32 id);

guint32 trace_strings_count (const TraceStrings *strings);
gsize trace_strings_memory (const TraceStrings *strings);
