/* token.h: the token kinds of the language (CPython's token module, with
 * keywords given kinds of their own) and the token record the lexer fills. */
#pragma once

typedef enum
{
  LANG_TOK_ENDMARKER,
  LANG_TOK_NAME,
  LANG_TOK_NUMBER,
  LANG_TOK_STRING,
  LANG_TOK_NEWLINE,
  LANG_TOK_INDENT,
  LANG_TOK_DEDENT,
  LANG_TOK_LPAR,
  LANG_TOK_RPAR,
  LANG_TOK_LSQB,
  LANG_TOK_RSQB,
  LANG_TOK_COLON,
  LANG_TOK_COMMA,
  LANG_TOK_SEMI,
  LANG_TOK_PLUS,
  LANG_TOK_MINUS,
  LANG_TOK_STAR,
  LANG_TOK_SLASH,
  LANG_TOK_VBAR,
  LANG_TOK_AMPER,
  LANG_TOK_LESS,
  LANG_TOK_GREATER,
  LANG_TOK_EQUAL,
  LANG_TOK_DOT,
  LANG_TOK_PERCENT,
  LANG_TOK_LBRACE,
  LANG_TOK_RBRACE,
  LANG_TOK_EQEQUAL,
  LANG_TOK_NOTEQUAL,
  LANG_TOK_LESSEQUAL,
  LANG_TOK_GREATEREQUAL,
  LANG_TOK_TILDE,
  LANG_TOK_CIRCUMFLEX,
  LANG_TOK_LEFTSHIFT,
  LANG_TOK_RIGHTSHIFT,
  LANG_TOK_DOUBLESTAR,
  LANG_TOK_PLUSEQUAL,
  LANG_TOK_MINEQUAL,
  LANG_TOK_STAREQUAL,
  LANG_TOK_SLASHEQUAL,
  LANG_TOK_PERCENTEQUAL,
  LANG_TOK_AMPEREQUAL,
  LANG_TOK_VBAREQUAL,
  LANG_TOK_CIRCUMFLEXEQUAL,
  LANG_TOK_LEFTSHIFTEQUAL,
  LANG_TOK_RIGHTSHIFTEQUAL,
  LANG_TOK_DOUBLESTAREQUAL,
  LANG_TOK_DOUBLESLASH,
  LANG_TOK_DOUBLESLASHEQUAL,
  LANG_TOK_AT,
  LANG_TOK_ATEQUAL,
  LANG_TOK_RARROW,
  LANG_TOK_ELLIPSIS,
  LANG_TOK_COLONEQUAL,
  /* Any other single character ('$', '?', '!', '`'): never valid. */
  LANG_TOK_OP,
  LANG_TOK_ERRORTOKEN,

  /* Keywords: the lexer returns NAME, the parser maps the spelling. */
  LANG_TOK_KW_FALSE,
  LANG_TOK_KW_NONE,
  LANG_TOK_KW_TRUE,
  LANG_TOK_KW_AND,
  LANG_TOK_KW_AS,
  LANG_TOK_KW_ASSERT,
  LANG_TOK_KW_ASYNC,
  LANG_TOK_KW_AWAIT,
  LANG_TOK_KW_BREAK,
  LANG_TOK_KW_CLASS,
  LANG_TOK_KW_CONTINUE,
  LANG_TOK_KW_DEF,
  LANG_TOK_KW_DEL,
  LANG_TOK_KW_ELIF,
  LANG_TOK_KW_ELSE,
  LANG_TOK_KW_EXCEPT,
  LANG_TOK_KW_FINALLY,
  LANG_TOK_KW_FOR,
  LANG_TOK_KW_FROM,
  LANG_TOK_KW_GLOBAL,
  LANG_TOK_KW_IF,
  LANG_TOK_KW_IMPORT,
  LANG_TOK_KW_IN,
  LANG_TOK_KW_IS,
  LANG_TOK_KW_LAMBDA,
  LANG_TOK_KW_NONLOCAL,
  LANG_TOK_KW_NOT,
  LANG_TOK_KW_OR,
  LANG_TOK_KW_PASS,
  LANG_TOK_KW_RAISE,
  LANG_TOK_KW_RETURN,
  LANG_TOK_KW_TRY,
  LANG_TOK_KW_WHILE,
  LANG_TOK_KW_WITH,
  LANG_TOK_KW_YIELD,
} LangTokenType;

/* One token. Positions are as CPython's parser records them: 1-based lines,
 * 0-based UTF-8 byte columns; INDENT, DEDENT and ENDMARKER have no text and
 * columns of -1. A string token starts on the line of its opening quote. */
typedef struct
{
  LangTokenType type;
  const char *start; /* into the lexer's buffer; NULL when there is no text */
  const char *end;
  int lineno;
  int col_offset;
  int end_lineno;
  int end_col_offset;
  /* Bracket nesting after the token was read (CPython's token->level). */
  int level;
} LangToken;
