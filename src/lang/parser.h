/* parser.h: the entry point of the language layer's front end: source text in,
 * a LangModule (see ast.h) or a LangSyntaxError out. */
#pragma once

#include <stddef.h>

#include "ast.h"
#include "lang-arena.h"
#include "syntax-error.h"

/*
 * Parses @source (@length bytes of UTF-8, as read from the file: any newline
 * convention, an optional BOM; NUL bytes and invalid UTF-8 are rejected as
 * CPython rejects them) as a module of Python 3.11 and returns its tree,
 * allocated in @arena. @filename is used in messages that name the file.
 *
 * On a syntax error returns NULL and fills @error (call
 * lang_syntax_error_clear() on it afterwards) with what CPython 3.11 reports
 * when it runs the same file (`python3 FILE.py`): the same exception type,
 * message, line, offsets and text, so lang_syntax_error_format() prints the
 * same lines. Like CPython's file reader, parser errors count offsets in
 * bytes unless the file starts with a BOM or has a coding cookie (then in
 * characters); tokenizer errors always count characters. A tokenizer error
 * further down the file wins over a parser error, and an unclosed bracket
 * opened before the error line wins too, exactly as in CPython.
 *
 * Some errors are not the parser's in CPython either: "'return' outside
 * function", "'break' outside loop", "'await' outside function" come from
 * its compiler and "nonlocal declaration not allowed at module level" or
 * duplicate arguments from its symbol table; ast.parse() accepts all of
 * them. Report those with lang_syntax_error_set() (syntax-error.h).
 *
 * The source may be non-UTF-8 only as CPython allows: a coding cookie other
 * than UTF-8 is not honoured here (the text is read as UTF-8), and \N{...}
 * escapes are refused as unknown names, there being no name database.
 *
 * Not supported, reported as a SyntaxError at the keyword: the match
 * statement. Everything else of the 3.11 grammar is parsed, including async,
 * await, yield, the walrus, except* and type annotations.
 *
 * Nesting is bounded, so no input can overflow the C stack: CPython's
 * tokenizer limits (200 open brackets: "too many nested parentheses"; 100
 * indentation levels: IndentationError "too many levels of indentation") and
 * a parser depth limit like CPython's, past which the error type is
 * "MemoryError" with an empty message, as CPython raises then.
 */
LangModule *lang_parse (LangArena *arena, const char *source, size_t length,
                        const char *filename, LangSyntaxError *error);
