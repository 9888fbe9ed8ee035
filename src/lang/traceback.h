/* traceback.h: tracebacks of exceptions, and printing an uncaught one as
 * CPython 3.11 does, or as one brief `FILE:LINE:COLUMN: Type: message` line. */
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

/* Where the innermost frame of exc's traceback was: its file (borrowed from
 * the code object), 1-based line and column (the column counted in
 * characters, as SyntaxError.offset is), 0 for what is not known. False,
 * leaving *loc untouched, when exc has no traceback. */
typedef struct
{
  const char *filename;
  int lineno;
  int column;
} LangTracebackLocation;

bool lang_traceback_innermost (RtObject *exc, const LangTracebackSource *sources,
                               size_t n_sources, LangTracebackLocation *loc);

/* Prints exc as one line, `FILE:LINE:COLUMN: Type: message`, at the
 * innermost frame of its traceback; `FILE: Type: message` (FILE being
 * filename) when it has none. Chained exceptions are not shown. */
void lang_traceback_print_brief (FILE *out, RtObject *exc, const char *filename,
                                 const LangTracebackSource *sources, size_t n_sources);

/* Prints `FILE:LINE:COLUMN: text`, leaving out a LINE or COLUMN that is 0
 * or less, as exactly one line: a line break inside text is written as the
 * two characters \n (or \r). */
void lang_brief_print (FILE *out, const char *filename, int lineno, int column,
                       const char *text);
