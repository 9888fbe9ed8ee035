/* syntax-error.h: LangSyntaxError, everything CPython's SyntaxError carries,
 * and the function that prints it in CPython 3.11's traceback form. */
#pragma once

#include <stdarg.h>
#include <stddef.h>

/* Filled by lang_parse() (or by a later phase through lang_syntax_error_set())
 * when the source is rejected. The fields mean exactly what the attributes of
 * CPython's SyntaxError mean, so the interpreter can build one from them. */
typedef struct
{
  /* "SyntaxError", "IndentationError", "TabError"; or "MemoryError" when the
   * parser's nesting limit is hit, as CPython raises then (msg is empty). */
  const char *type;
  /* The message (malloc'd, UTF-8). */
  char *msg;
  /* 1-based line; 0 when the error has no location (CPython prints only the
   * last line then, e.g. for a file that is not UTF-8). */
  int lineno;
  /* SyntaxError.offset: 1-based, counted in characters; 0 when unknown. */
  int offset;
  int end_lineno;
  /* SyntaxError.end_offset; CPython leaves 0 or -1 here for some errors and
   * the traceback printer treats those as "one caret". */
  int end_offset;
  /* The offending source line (malloc'd, UTF-8, may end in '\n'), or NULL. */
  char *text;
} LangSyntaxError;

/* Frees msg and text and zeroes the struct; the struct may be reused. */
void lang_syntax_error_clear (LangSyntaxError *error);

/* Sets @error from a position given as AST positions (1-based lines, 0-based
 * UTF-8 byte columns) in @source, the way CPython's compiler and symtable
 * report their errors ("'return' outside function", "'break' outside loop",
 * "nonlocal declaration not allowed at module level", ...): offset is the byte
 * column + 1, not converted to characters, and the text is the source line.
 * @type is one of the static type names above. Any previous content is
 * cleared. */
void lang_syntax_error_set (LangSyntaxError *error, const char *type, const char *source,
                            size_t length, int lineno, int col_offset, int end_lineno,
                            int end_col_offset, const char *msg);

/* Returns (malloc'd) what CPython 3.11 prints for the error when running the
 * file @filename, e.g.
 *
 *   File "x.py", line 3
 *     a = (1,
 *         ^
 * SyntaxError: '(' was never closed
 *
 * every line ending in '\n'. */
char *lang_syntax_error_format (const LangSyntaxError *error, const char *filename);

/* A message printf-style (malloc'd), or NULL when out of memory. */
char *lang_message_vformat (const char *format, va_list args);
