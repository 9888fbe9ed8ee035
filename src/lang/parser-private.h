/* parser-private.h: the parser's state and the helpers its files share
 * (parser.c: tokens, errors, statements; parser-expr.c: expressions and
 * targets; parser-string.c: numbers, strings and f-strings). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "lang-arena.h"
#include "lexer.h"
#include "parser.h"
#include "syntax-error.h"

/* The parser's files share these functions; the library exports them under
 * a prefix so they cannot clash with anything linked beside it. */
#define p_check_named_assignment lang_parser_p_check_named_assignment
#define p_empty_arguments lang_parser_p_empty_arguments
#define p_enter lang_parser_p_enter
#define p_expect lang_parser_p_expect
#define p_expr_end_at_last lang_parser_p_expr_end_at_last
#define p_expr_new lang_parser_p_expr_new
#define p_fail lang_parser_p_fail
#define p_free_tokens lang_parser_p_free_tokens
#define p_hard lang_parser_p_hard
#define p_is_legacy_name lang_parser_p_is_legacy_name
#define p_is_soft_keyword lang_parser_p_is_soft_keyword
#define p_last lang_parser_p_last
#define p_leave lang_parser_p_leave
#define p_lenient_bitwise_or lang_parser_p_lenient_bitwise_or
#define p_name lang_parser_p_name
#define p_next lang_parser_p_next
#define p_parse_comprehension_clauses lang_parser_p_parse_comprehension_clauses
#define p_parse_fstring_expr lang_parser_p_parse_fstring_expr
#define p_peek lang_parser_p_peek
#define p_peek_at lang_parser_p_peek_at
#define p_prev lang_parser_p_prev
#define p_raise_at lang_parser_p_raise_at
#define p_raise_from_node lang_parser_p_raise_from_node
#define p_raise_last lang_parser_p_raise_last
#define p_raise_node lang_parser_p_raise_node
#define p_raise_range_tok lang_parser_p_raise_range_tok
#define p_set_context lang_parser_p_set_context
#define p_starts_expression lang_parser_p_starts_expression
#define p_stmt_end lang_parser_p_stmt_end
#define p_stmt_new lang_parser_p_stmt_new
#define p_type lang_parser_p_type
#define p_type_at lang_parser_p_type_at
#define parse_bitwise_or lang_parser_parse_bitwise_or
#define parse_call_arguments lang_parser_parse_call_arguments
#define parse_disjunction lang_parser_parse_disjunction
#define parse_expression lang_parser_parse_expression
#define parse_file lang_parser_parse_file
#define parse_named_expression lang_parser_parse_named_expression
#define parse_named_expression_ex lang_parser_parse_named_expression_ex
#define parse_number lang_parser_parse_number
#define parse_params lang_parser_parse_params
#define parse_simple_stmt lang_parser_parse_simple_stmt
#define parse_star_expression lang_parser_parse_star_expression
#define parse_star_expressions lang_parser_parse_star_expressions
#define parse_star_named_expression lang_parser_parse_star_named_expression
#define parse_star_target lang_parser_parse_star_target
#define parse_star_targets lang_parser_parse_star_targets
#define parse_strings lang_parser_parse_strings
#define parse_yield_expr lang_parser_parse_yield_expr
#define seq_push lang_parser_seq_push
#define p_bitwise_prefix lang_parser_p_bitwise_prefix
#define p_expr_name lang_parser_p_expr_name
#define p_identifier lang_parser_p_identifier
#define p_invalid_target lang_parser_p_invalid_target

/* CPython's MAXSTACK: how deep the parser may recurse. */
#define LANG_PARSER_MAX_DEPTH 6000

typedef enum
{
  ERR_NONE,
  ERR_SOFT, /* a plain "invalid syntax" is pending at soft_token */
  ERR_HARD, /* a specific error is in p->error and stands */
} ParserErrState;

typedef struct Parser Parser;

struct Parser
{
  LangArena *arena;
  LangLexer lx;
  /* Tokens never move once read (nodes and callers keep pointers to them):
   * they live in chunks, and tokens[] points into those. */
  LangToken **tokens;
  size_t fill;
  size_t cap;
  size_t mark;
  LangToken *chunk;
  size_t chunk_used;
  void *chunks; /* list of malloc'd chunks, freed with the parser */
  /* Inside expression_without_invalid: CPython's invalid_ rules are off. */
  int no_invalid;
  /* Read binary operators as PEG alternatives do: an operator without its
   * right operand ends the chain instead of failing (used by error checks
   * that must match what CPython's second pass matches). */
  int lenient;
  /* Nesting of invalid_legacy_expression's reads (bounded, as they nest). */
  int legacy_depth;
  /* Per token: an expression was read from here with the invalid rules off.
   * CPython memoises `expression`, so a later read from the same token finds
   * that result and runs no invalid rule; this flag plays the memo's part. */
  unsigned char *expr_memo;
  /* Per '(' token: the states (call_memo_bit) in which the arguments that
   * follow it failed to parse. Error paths read a call again, as a target
   * and then as an expression, or as clauses and then to skip them; nested,
   * each reading doubled the work, so a failure is remembered instead, as
   * CPython's memo would. */
  unsigned int *call_memo;

  LangSyntaxError *error;
  ParserErrState err_state;
  size_t soft_fill;   /* p->fill when the first plain failure happened */
  bool lexer_error;   /* the error came from the tokenizer */
  /* The file declared its encoding (BOM or coding cookie): CPython then
   * reports offsets in characters; otherwise in bytes. */
  bool convert_offsets;
  int depth;

  const char *filename;
  /* The source as a file reader gives its lines back: newlines translated,
   * BOM kept; CPython takes an error's text from there. */
  const char *file_text;
  size_t file_len;

  /* Set for the parser of an f-string replacement field (CPython compiles
   * those with a parser of their own over "(" expr ")"). */
  bool fstring;
  int starting_lineno;
  int starting_col_offset;
  Parser *parent;
};

/* An expression as the parser allocates it: the public node plus what the
 * parser needs to know about its spelling. */
typedef struct
{
  LangExpr e;
  bool parenthesized; /* written inside its own parentheses */
} ParserExpr;

#define EXPR_PARENS(e) (((ParserExpr *) (e))->parenthesized)

/* Sequences grown in the arena. */
typedef struct
{
  void **items;
  size_t n;
  size_t cap;
} Seq;

bool seq_push (Parser *p, Seq *s, void *item);

/* Tokens. */
LangToken *p_peek (Parser *p);
LangToken *p_peek_at (Parser *p, size_t k);
LangTokenType p_type (Parser *p);
LangTokenType p_type_at (Parser *p, size_t k);
LangToken *p_next (Parser *p);
LangToken *p_expect (Parser *p, LangTokenType type);
LangToken *p_last (Parser *p);
LangToken *p_prev (Parser *p);
bool p_is_soft_keyword (Parser *p, const LangToken *t, const char *word);
const char *p_identifier (Parser *p, const LangToken *t);

/* Errors. Every function returns NULL so callers can `return p_fail (p);`. */
void *p_fail (Parser *p);
void *p_raise_at (Parser *p, const char *type, int lineno, int col, int end_lineno, int end_col,
                  const char *fmt, ...) __attribute__ ((format (printf, 7, 8)));
void *p_raise_last (Parser *p, const char *type, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
void *p_raise_range_tok (Parser *p, const LangToken *a, const LangToken *b, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));
void *p_raise_node (Parser *p, const LangExpr *a, const LangExpr *b, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));
void *p_raise_from_node (Parser *p, const LangExpr *a, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));
bool p_hard (Parser *p);
bool p_enter (Parser *p);
void p_leave (Parser *p);

/* Nodes. */
LangExpr *p_expr_new (Parser *p, LangExprKind kind, const LangToken *start, const LangToken *end);
LangStmt *p_stmt_new (Parser *p, LangStmtKind kind, const LangToken *start);
void p_stmt_end (Parser *p, LangStmt *s);
void p_expr_end_at_last (Parser *p, LangExpr *e);
LangExpr *p_name (Parser *p, const LangToken *t, LangExprContext ctx);

/* Expressions (parser-expr.c), named after the grammar's rules. */
LangExpr *parse_expression (Parser *p);
LangExpr *parse_named_expression (Parser *p);
LangExpr *parse_star_expressions (Parser *p);
LangExpr *parse_star_named_expression (Parser *p);
LangExpr *parse_star_expression (Parser *p);
LangExpr *parse_disjunction (Parser *p);
LangExpr *parse_bitwise_or (Parser *p);
LangExpr *parse_yield_expr (Parser *p);
LangExpr *parse_star_targets (Parser *p);
LangExpr *parse_star_target (Parser *p);
LangArguments *parse_params (Parser *p, bool lambda);
LangArguments *p_empty_arguments (Parser *p);
bool p_parse_comprehension_clauses (Parser *p, Seq *out);
bool parse_call_arguments (Parser *p, LangExpr *call, LangTokenType close, bool allow_genexp);
bool p_starts_expression (LangTokenType t);
void p_set_context (LangExpr *e, LangExprContext ctx);
const LangExpr *p_invalid_target (const LangExpr *e, int targets_type);
const char *p_expr_name (const LangExpr *e);
bool p_check_named_assignment (Parser *p, const LangExpr *a, const LangExpr *b, bool b_ok);
LangExpr *parse_named_expression_ex (Parser *p, bool checks);
const LangExpr *p_bitwise_prefix (const LangExpr *v, bool *more);
LangExpr *p_lenient_bitwise_or (Parser *p, bool *followed_ok);
void p_free_tokens (Parser *p);
bool p_is_legacy_name (const LangExpr *e);

enum
{
  STAR_TARGETS,
  DEL_TARGETS,
  FOR_TARGETS,
};

/* Atoms (parser-string.c). */
LangExpr *parse_number (Parser *p, const LangToken *t);
LangExpr *parse_strings (Parser *p);

/* Statements (parser-stmt.c, parser-simple.c). */
LangModule *parse_file (Parser *p);
LangStmt *parse_simple_stmt (Parser *p);

/* f-string replacement fields (parser.c). */
LangExpr *p_parse_fstring_expr (Parser *parent, const LangToken *t, const char *expr_start,
                                const char *expr_end, const char *token_text);
