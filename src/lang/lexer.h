/* lexer.h: the tokenizer, a close port of CPython 3.11's Parser/tokenizer.c
 * reading from memory but keeping the file reader's line-by-line state, since
 * CPython's error positions depend on it. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "syntax-error.h"
#include "token.h"

/* CPython's limits: MAXINDENT and MAXLEVEL in tokenizer.h. */
#define LANG_LEXER_MAX_INDENT 100
#define LANG_LEXER_MAX_LEVEL  200

/* Why the lexer stopped (CPython's tok->done); the parser turns all but
 * LANG_LEX_ERROR into a message, because the message depends on its state. */
typedef enum
{
  LANG_LEX_OK,
  LANG_LEX_EOF,
  LANG_LEX_ERROR,    /* the lexer already filled the LangSyntaxError */
  LANG_LEX_DEDENT,   /* unindent does not match any outer indentation level */
  LANG_LEX_TABSPACE, /* inconsistent use of tabs and spaces */
  LANG_LEX_TOODEEP,  /* too many levels of indentation */
  LANG_LEX_LINECONT, /* unexpected character after line continuation */
} LangLexDone;

typedef struct
{
  /* The source as the lexer reads it: newlines translated to '\n', no BOM,
   * a final '\n' supplied if missing, NUL-terminated. */
  const char *src;
  const char *src_end;

  /* The file reader's view: buf is where the current read buffer begins (a
   * new line starts a new buffer unless a token spans lines), inp the end of
   * the last line read, line_start the start of the current line. */
  const char *buf;
  const char *cur;
  const char *inp;
  const char *line_start;
  const char *start; /* start of the token being read, or NULL */
  const char *multi_line_start;
  int first_lineno;
  int lineno;
  LangLexDone done;

  bool atbol;
  bool cont_line;
  int pendin;
  int indent;
  int indstack[LANG_LEXER_MAX_INDENT];
  int altindstack[LANG_LEXER_MAX_INDENT];

  int level;
  char parenstack[LANG_LEXER_MAX_LEVEL];
  int parenlinenostack[LANG_LEXER_MAX_LEVEL];
  int parencolstack[LANG_LEXER_MAX_LEVEL];

  /* Read as CPython reads a string rather than a file (f-string fields):
   * buf follows the current line. */
  bool string_mode;

  const char *filename;
  LangSyntaxError *error;
} LangLexer;

/* Prepares @lexer to read @src (prepared as described above, @len bytes not
 * counting the terminating NUL). Tokenizer errors go to @error. */
void lang_lexer_init (LangLexer *lexer, const char *src, size_t len, const char *filename,
                      LangSyntaxError *error);

/* Reads the next token into @token and returns its type (NAME for keywords;
 * the parser maps them). Returns LANG_TOK_ERRORTOKEN when lexer->done says
 * why; LANG_TOK_ERRORTOKEN with done == LANG_LEX_EOF means end of input inside
 * brackets or after a line continuation. */
LangTokenType lang_lexer_next (LangLexer *lexer, LangToken *token);

/* Sets lexer->error as CPython's tokenizer does (type SyntaxError, text the
 * current line up to its newline, offsets 1-based characters) and returns
 * LANG_TOK_ERRORTOKEN. A negative column means "the current position". */
LangTokenType lang_lexer_error_range (LangLexer *lexer, int col_offset, int end_col_offset,
                                      const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* Number of characters in the first @nbytes bytes of @s, a truncated UTF-8
 * sequence counting as one (Python's "replace" decoding). */
int lang_utf8_count_chars (const char *s, size_t nbytes);
