/* traceback.h: tracebacks of exceptions, and printing an uncaught one as
 * CPython 3.11 does. */
#pragma once

#include "runtime/object.h"
#include <stdio.h>

extern RtType lang_traceback_type;

/* The text of a source file, by the source_index its code objects carry. */
typedef struct
{
  const char *filename;
  const char *text;
  size_t length;
} LangTracebackSource;

/* Prints "Traceback (most recent call last):", the frames with their
 * source lines, chained exceptions, and the last line "Type: message". */
void lang_traceback_print (FILE *out, RtObject *exc, const LangTracebackSource *sources,
                           size_t n_sources);
