/* parser.c: the parser's token buffer, its error reporting (which follows
 * CPython 3.11's pegen so that messages and positions agree), the statement
 * grammar, and lang_parse(). */
#include "parser-private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang-unicode.h"

/* ---- sequences ---------------------------------------------------------- */

bool
seq_push (Parser *p, Seq *s, void *item)
{
  if (s->n == s->cap)
    {
      size_t cap = s->cap ? s->cap * 2 : 4;
      void **items = lang_arena_alloc (p->arena, cap * sizeof (void *));
      if (items == NULL)
        return false;
      if (s->n)
        memcpy (items, s->items, s->n * sizeof (void *));
      s->items = items;
      s->cap = cap;
    }
  s->items[s->n++] = item;
  return true;
}

/* ---- tokens ------------------------------------------------------------- */

static const struct
{
  const char *word;
  LangTokenType type;
} keywords[] = {
  { "False", LANG_TOK_KW_FALSE },       { "None", LANG_TOK_KW_NONE },
  { "True", LANG_TOK_KW_TRUE },         { "and", LANG_TOK_KW_AND },
  { "as", LANG_TOK_KW_AS },             { "assert", LANG_TOK_KW_ASSERT },
  { "async", LANG_TOK_KW_ASYNC },       { "await", LANG_TOK_KW_AWAIT },
  { "break", LANG_TOK_KW_BREAK },       { "class", LANG_TOK_KW_CLASS },
  { "continue", LANG_TOK_KW_CONTINUE }, { "def", LANG_TOK_KW_DEF },
  { "del", LANG_TOK_KW_DEL },           { "elif", LANG_TOK_KW_ELIF },
  { "else", LANG_TOK_KW_ELSE },         { "except", LANG_TOK_KW_EXCEPT },
  { "finally", LANG_TOK_KW_FINALLY },   { "for", LANG_TOK_KW_FOR },
  { "from", LANG_TOK_KW_FROM },         { "global", LANG_TOK_KW_GLOBAL },
  { "if", LANG_TOK_KW_IF },             { "import", LANG_TOK_KW_IMPORT },
  { "in", LANG_TOK_KW_IN },             { "is", LANG_TOK_KW_IS },
  { "lambda", LANG_TOK_KW_LAMBDA },     { "nonlocal", LANG_TOK_KW_NONLOCAL },
  { "not", LANG_TOK_KW_NOT },           { "or", LANG_TOK_KW_OR },
  { "pass", LANG_TOK_KW_PASS },         { "raise", LANG_TOK_KW_RAISE },
  { "return", LANG_TOK_KW_RETURN },     { "try", LANG_TOK_KW_TRY },
  { "while", LANG_TOK_KW_WHILE },       { "with", LANG_TOK_KW_WITH },
  { "yield", LANG_TOK_KW_YIELD },
};

static LangTokenType
keyword_type (const char *s, size_t n)
{
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
    if (strlen (keywords[i].word) == n && memcmp (keywords[i].word, s, n) == 0)
      return keywords[i].type;
  return LANG_TOK_NAME;
}

static void p_raise_raw (Parser *p, const char *type, int lineno, int col1, int end_lineno,
                         int end_col1, char *msg);
static char *p_format (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

static void
p_tokenizer_error (Parser *p)
{
  LangLexer *lx = &p->lx;
  switch (lx->done)
    {
    case LANG_LEX_ERROR:
      p->err_state = ERR_HARD;
      p->lexer_error = true;
      return;
    case LANG_LEX_EOF:
      if (lx->level)
        {
          int line = lx->parenlinenostack[lx->level - 1];
          int col = lx->parencolstack[lx->level - 1];
          p_raise_raw (p, "SyntaxError", line, col + 1, line, 0,
                       p_format ("'%c' was never closed", lx->parenstack[lx->level - 1]));
        }
      else
        p_raise_last (p, "SyntaxError", "unexpected EOF while parsing");
      break;
    case LANG_LEX_DEDENT:
      p_raise_last (p, "IndentationError", "unindent does not match any outer indentation level");
      break;
    case LANG_LEX_TABSPACE:
      p_raise_raw (p, "TabError", lx->lineno, 1, lx->lineno, 0,
                   p_format ("inconsistent use of tabs and spaces in indentation"));
      break;
    case LANG_LEX_TOODEEP:
      p_raise_raw (p, "IndentationError", lx->lineno, 1, lx->lineno, 0,
                   p_format ("too many levels of indentation"));
      break;
    case LANG_LEX_LINECONT:
      p_raise_raw (p, "SyntaxError", lx->lineno, (int) (lx->cur - lx->buf - 1) + 1, lx->lineno,
                   0, p_format ("unexpected character after line continuation character"));
      break;
    case LANG_LEX_OK:
      p_raise_last (p, "SyntaxError", "unknown parsing error");
      break;
    }
  p->lexer_error = true;
}

#define TOKEN_CHUNK 512

typedef struct TokenChunk TokenChunk;
struct TokenChunk
{
  TokenChunk *next;
  LangToken tokens[TOKEN_CHUNK];
};

void
p_free_tokens (Parser *p)
{
  TokenChunk *c = p->chunks;
  while (c != NULL)
    {
      TokenChunk *next = c->next;
      free (c);
      c = next;
    }
  free (p->tokens);
  free (p->expr_memo);
  free (p->call_memo);
  p->chunks = NULL;
  p->tokens = NULL;
  p->expr_memo = NULL;
  p->call_memo = NULL;
}

static bool
p_fill_token (Parser *p)
{
  if (p->err_state == ERR_HARD && p->lexer_error)
    return false;
  if (p->fill == p->cap)
    {
      size_t cap = p->cap ? p->cap * 2 : 256;
      LangToken **tokens = realloc (p->tokens, cap * sizeof (LangToken *));
      if (tokens == NULL)
        {
          p_raise_raw (p, "MemoryError", 0, 0, 0, 0, p_format ("%s", ""));
          return false;
        }
      p->tokens = tokens;
      unsigned char *memo = realloc (p->expr_memo, cap);
      if (memo == NULL)
        {
          p_raise_raw (p, "MemoryError", 0, 0, 0, 0, p_format ("%s", ""));
          return false;
        }
      memset (memo + p->cap, 0, cap - p->cap);
      p->expr_memo = memo;
      unsigned int *call_memo = realloc (p->call_memo, cap * sizeof (unsigned int));
      if (call_memo == NULL)
        {
          p_raise_raw (p, "MemoryError", 0, 0, 0, 0, p_format ("%s", ""));
          return false;
        }
      memset (call_memo + p->cap, 0, (cap - p->cap) * sizeof (unsigned int));
      p->call_memo = call_memo;
      p->cap = cap;
    }
  if (p->chunk == NULL || p->chunk_used == TOKEN_CHUNK)
    {
      TokenChunk *chunk = malloc (sizeof (TokenChunk));
      if (chunk == NULL)
        {
          p_raise_raw (p, "MemoryError", 0, 0, 0, 0, p_format ("%s", ""));
          return false;
        }
      chunk->next = p->chunks;
      p->chunks = chunk;
      p->chunk = chunk->tokens;
      p->chunk_used = 0;
    }
  LangToken *t = &p->chunk[p->chunk_used++];
  p->tokens[p->fill] = t;
  LangTokenType type = lang_lexer_next (&p->lx, t);
  if (type == LANG_TOK_NAME)
    t->type = keyword_type (t->start, (size_t) (t->end - t->start));
  if (p->fstring && p->lx.lineno == p->starting_lineno)
    {
      /* Shift columns on the first line, as CPython's sub-parser does. */
      if (t->col_offset >= 0)
        t->col_offset += p->starting_col_offset;
      if (t->end_col_offset >= 0)
        t->end_col_offset += p->starting_col_offset;
    }
  p->fill++;
  if (type == LANG_TOK_ERRORTOKEN)
    {
      p_tokenizer_error (p);
      return false;
    }
  return true;
}

LangToken *
p_peek_at (Parser *p, size_t k)
{
  while (p->mark + k >= p->fill)
    if (!p_fill_token (p))
      return NULL;
  return p->tokens[p->mark + k];
}

LangToken *
p_peek (Parser *p)
{
  return p_peek_at (p, 0);
}

LangTokenType
p_type_at (Parser *p, size_t k)
{
  LangToken *t = p_peek_at (p, k);
  return t != NULL ? t->type : LANG_TOK_ERRORTOKEN;
}

LangTokenType
p_type (Parser *p)
{
  return p_type_at (p, 0);
}

LangToken *
p_next (Parser *p)
{
  LangToken *t = p_peek (p);
  if (t != NULL)
    p->mark++;
  return t;
}

LangToken *
p_expect (Parser *p, LangTokenType type)
{
  LangToken *t = p_peek (p);
  if (t == NULL || t->type != type)
    return NULL;
  p->mark++;
  return t;
}

/* The last token fetched from the lexer (CPython's p->tokens[p->fill-1]). */
LangToken *
p_last (Parser *p)
{
  return p->fill ? p->tokens[p->fill - 1] : NULL;
}

/* The last token consumed that is not NEWLINE, INDENT, DEDENT or ENDMARKER:
 * where a node ends (_PyPegen_get_last_nonnwhitespace_token()). */
LangToken *
p_prev (Parser *p)
{
  LangToken *t = NULL;
  for (size_t m = p->mark; m-- > 0;)
    {
      t = p->tokens[m];
      LangTokenType k = t->type;
      if (k != LANG_TOK_ENDMARKER && k != LANG_TOK_NEWLINE && k != LANG_TOK_INDENT
          && k != LANG_TOK_DEDENT)
        break;
    }
  return t;
}

bool
p_is_soft_keyword (Parser *p, const LangToken *t, const char *word)
{
  size_t n = strlen (word);
  return t != NULL && t->type == LANG_TOK_NAME && (size_t) (t->end - t->start) == n
         && memcmp (t->start, word, n) == 0;
}

/* CPython normalises non-ASCII identifiers to NFKC. Only the compatibility
 * characters a learner is likely to type are mapped here: the fullwidth
 * forms an input method produces (ｐｒｉｎｔ is print), the micro sign and
 * the long s. */
static uint32_t
nfkc_simple (uint32_t cp)
{
  if (cp >= 0xFF01 && cp <= 0xFF5E)
    return cp - 0xFF01 + 0x21;
  if (cp == 0x00B5)
    return 0x03BC;
  if (cp == 0x017F)
    return 's';
  return cp;
}

const char *
p_identifier (Parser *p, const LangToken *t)
{
  size_t n = (size_t) (t->end - t->start);
  bool ascii = true;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char) t->start[i] >= 0x80)
      ascii = false;
  if (ascii)
    return lang_arena_strndup (p->arena, t->start, n);
  char *out = lang_arena_alloc (p->arena, n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n;)
    {
      uint32_t cp;
      size_t len = lang_utf8_decode (t->start + i, n - i, &cp);
      if (len == 0)
        {
          out[k++] = t->start[i++];
          continue;
        }
      k += lang_utf8_encode (nfkc_simple (cp), out + k);
      i += len;
    }
  out[k] = '\0';
  return out;
}

/* ---- errors ------------------------------------------------------------- */

static char *
p_format (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *s = lang_message_vformat (fmt, ap);
  va_end (ap);
  return s;
}

/* Line @lineno of the file as CPython's traceback reads it back, with its
 * newline; NULL past the end. */
static char *
p_file_line (Parser *p, int lineno)
{
  const char *s = p->file_text, *end = p->file_text + p->file_len;
  for (int line = 1; line < lineno && s < end; line++)
    {
      const char *nl = memchr (s, '\n', (size_t) (end - s));
      s = nl != NULL ? nl + 1 : end;
    }
  if (s >= end || lineno < 1)
    return NULL;
  const char *nl = memchr (s, '\n', (size_t) (end - s));
  size_t n = nl != NULL ? (size_t) (nl + 1 - s) : (size_t) (end - s);
  const char *nul = memchr (s, '\0', n);
  if (nul != NULL)
    n = (size_t) (nul - s);
  return strndup (s, n);
}

/* _PyPegen_byte_offset_to_character_offset(). */
static int
p_char_offset (const char *line, int col)
{
  int len = (int) strlen (line);
  if (col > len + 1)
    col = len + 1;
  if (col <= len)
    return lang_utf8_count_chars (line, (size_t) col);
  return lang_utf8_count_chars (line, (size_t) len) + 1;
}

/* _PyPegen_raise_error_known_location(): columns arrive 1-based in bytes. */
static void
p_raise_raw (Parser *p, const char *type, int lineno, int col1, int end_lineno, int end_col1,
             char *msg)
{
  if (p->err_state == ERR_HARD)
    {
      free (msg);
      return;
    }
  LangSyntaxError *e = p->error;
  char *text = NULL;

  if (p->fstring)
    {
      char *full = p_format ("f-string: %s", msg);
      free (msg);
      msg = full;
      /* get_error_line_from_tokenizer_buffers() */
      LangLexer *lx = &p->lx;
      if (lx->lineno <= lineno && lx->inp > lx->buf)
        text = strndup (lx->buf, (size_t) (lx->inp - lx->buf));
      else
        {
          const char *line = lx->src;
          for (int i = 0; i < lineno - p->starting_lineno; i++)
            {
              const char *nl = strchr (line, '\n');
              if (nl == NULL || nl + 1 > lx->inp)
                break;
              line = nl + 1;
            }
          const char *nl = strchr (line, '\n');
          text = strndup (line, nl != NULL ? (size_t) (nl - line) : strlen (line));
        }
      col1 -= p->starting_col_offset;
      end_col1 -= p->starting_col_offset;
    }
  else
    {
      text = p_file_line (p, lineno);
      if (text == NULL)
        {
          LangLexer *lx = &p->lx;
          if (lx->lineno <= lineno && lx->inp > lx->buf)
            text = strndup (lx->buf, (size_t) (lx->inp - lx->buf));
          else
            text = strdup ("");
        }
    }

  int col_number = col1, end_col_number = end_col1;
  /* CPython converts to characters only when the file declared its encoding
   * (a BOM or a coding cookie); otherwise the offsets stay in bytes. */
  Parser *root = p;
  while (root->parent != NULL)
    root = root->parent;
  if (root->convert_offsets)
    {
      col_number = p_char_offset (text, col1 < 0 ? 0 : col1);
      if (end_col_number > 0)
        end_col_number = p_char_offset (text, end_col1);
    }

  lang_syntax_error_clear (e);
  e->type = type;
  e->msg = msg;
  e->lineno = lineno;
  e->offset = col_number;
  e->end_lineno = end_lineno;
  e->end_offset = end_col_number;
  e->text = text;
  p->err_state = ERR_HARD;
}

void *
p_raise_at (Parser *p, const char *type, int lineno, int col, int end_lineno, int end_col,
            const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = lang_message_vformat (fmt, ap);
  va_end (ap);
  p_raise_raw (p, type, lineno, col + 1, end_lineno, end_col + 1, msg);
  return NULL;
}

/* _PyPegen_raise_error(): at a token, from the lexer's state when the token
 * has no text (INDENT, DEDENT, ENDMARKER, errors). */
static void *
p_raise_token_v (Parser *p, const char *type, const LangToken *t, const char *fmt, va_list ap)
{
  char *msg = lang_message_vformat (fmt, ap);
  if (t == NULL)
    {
      p_raise_raw (p, type, 0, 0, 0, -1, msg);
      return NULL;
    }
  int col1, end_col1 = -1;
  if (t->col_offset == -1)
    {
      LangLexer *lx = &p->lx;
      col1 = lx->cur == lx->buf ? 0 : (int) (lx->cur - lx->line_start);
    }
  else
    col1 = t->col_offset + 1;
  if (t->end_col_offset != -1)
    end_col1 = t->end_col_offset + 1;
  p_raise_raw (p, type, t->lineno, col1, t->end_lineno, end_col1, msg);
  return NULL;
}

void *
p_raise_last (Parser *p, const char *type, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  p_raise_token_v (p, type, p_last (p), fmt, ap);
  va_end (ap);
  return NULL;
}

void *
p_raise_range_tok (Parser *p, const LangToken *a, const LangToken *b, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = lang_message_vformat (fmt, ap);
  va_end (ap);
  p_raise_raw (p, "SyntaxError", a->lineno, a->col_offset + 1, b->end_lineno,
               b->end_col_offset + 1, msg);
  return NULL;
}

void *
p_raise_node (Parser *p, const LangExpr *a, const LangExpr *b, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = lang_message_vformat (fmt, ap);
  va_end (ap);
  if (b == NULL)
    b = a;
  p_raise_raw (p, "SyntaxError", a->lineno, a->col_offset + 1, b->end_lineno,
               b->end_col_offset + 1, msg);
  return NULL;
}

/* RAISE_SYNTAX_ERROR_STARTING_FROM(): from a node to the lexer's position. */
void *
p_raise_from_node (Parser *p, const LangExpr *a, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = lang_message_vformat (fmt, ap);
  va_end (ap);
  LangLexer *lx = &p->lx;
  int end_col = (int) (lx->cur - lx->line_start);
  if (p->fstring)
    end_col += p->starting_col_offset;
  p_raise_raw (p, "SyntaxError", a->lineno, a->col_offset + 1, lx->lineno, end_col, msg);
  return NULL;
}

/* A plain failure: "invalid syntax" at the furthest token read, unless a more
 * specific error is raised before the parse is abandoned. */
void *
p_fail (Parser *p)
{
  if (p->err_state == ERR_NONE)
    {
      p->err_state = ERR_SOFT;
      p->soft_fill = p->fill;
    }
  return NULL;
}

bool
p_hard (Parser *p)
{
  return p->err_state == ERR_HARD;
}

bool
p_enter (Parser *p)
{
  if (++p->depth > LANG_PARSER_MAX_DEPTH)
    {
      p_raise_raw (p, "MemoryError", 0, 0, 0, 0, p_format ("%s", ""));
      return false;
    }
  return true;
}

void
p_leave (Parser *p)
{
  p->depth--;
}

/* ---- nodes -------------------------------------------------------------- */

LangExpr *
p_expr_new (Parser *p, LangExprKind kind, const LangToken *start, const LangToken *end)
{
  ParserExpr *pe = lang_arena_alloc (p->arena, sizeof (ParserExpr));
  if (pe == NULL)
    return NULL;
  LangExpr *e = &pe->e;
  e->kind = kind;
  if (start != NULL)
    {
      e->lineno = start->lineno;
      e->col_offset = start->col_offset;
    }
  if (end != NULL)
    {
      e->end_lineno = end->end_lineno;
      e->end_col_offset = end->end_col_offset;
    }
  return e;
}

void
p_expr_end_at_last (Parser *p, LangExpr *e)
{
  LangToken *t = p_prev (p);
  e->end_lineno = t->end_lineno;
  e->end_col_offset = t->end_col_offset;
}

LangExpr *
p_name (Parser *p, const LangToken *t, LangExprContext ctx)
{
  LangExpr *e = p_expr_new (p, LANG_EXPR_NAME, t, t);
  if (e == NULL)
    return NULL;
  e->u.name.id = p_identifier (p, t);
  e->u.name.ctx = ctx;
  return e;
}

LangStmt *
p_stmt_new (Parser *p, LangStmtKind kind, const LangToken *start)
{
  LangStmt *s = lang_arena_alloc (p->arena, sizeof (LangStmt));
  if (s == NULL)
    return NULL;
  s->kind = kind;
  s->lineno = start->lineno;
  s->col_offset = start->col_offset;
  return s;
}

void
p_stmt_end (Parser *p, LangStmt *s)
{
  LangToken *t = p_prev (p);
  s->end_lineno = t->end_lineno;
  s->end_col_offset = t->end_col_offset;
}

/* ---- driving ------------------------------------------------------------ */

/* _PyPegen_set_syntax_error() and _PyPegen_tokenize_full_source_to_check_for_errors():
 * turn a plain failure into "invalid syntax" (or an indentation error), then
 * read the rest of the file, since a tokenizer error further down wins. */
static void
finish_error (Parser *p)
{
  if (p->err_state == ERR_SOFT)
    {
      LangToken *last = p->soft_fill ? p->tokens[p->soft_fill - 1] : NULL;
      p->err_state = ERR_NONE;
      if (last == NULL)
        p_raise_raw (p, "SyntaxError", 0, 0, 0, -1,
                     p_format ("error at start before reading any input"));
      else if (last->type == LANG_TOK_INDENT || last->type == LANG_TOK_DEDENT)
        {
          /* The message is placed from the lexer's state after the whole
           * parse, as CPython's second pass leaves it. */
          p_raise_last (p, "IndentationError",
                        last->type == LANG_TOK_INDENT ? "unexpected indent" : "unexpected unindent");
          return;
        }
      else
        p_raise_at (p, "SyntaxError", last->lineno, last->col_offset, last->end_lineno,
                    last->end_col_offset, "invalid syntax");
    }
  if (p->lexer_error || p->fstring)
    return;

  /* Read on to the end of the file. */
  LangToken *current = p->fill ? p->tokens[p->fill - 1] : NULL;
  int current_err_line = current != NULL ? current->lineno : 0;
  LangLexer *lx = &p->lx;
  if (lx->done != LANG_LEX_OK)
    return;
  /* Take the parser's error aside while the lexer reads on. */
  LangSyntaxError saved = *p->error;
  LangSyntaxError scratch = { 0 };
  memset (p->error, 0, sizeof *p->error);
  lx->error = &scratch;
  for (;;)
    {
      LangToken t;
      LangTokenType type = lang_lexer_next (lx, &t);
      if (type == LANG_TOK_ERRORTOKEN)
        {
          if (lx->done == LANG_LEX_ERROR)
            {
              /* The tokenizer's error replaces the parser's. */
              lang_syntax_error_clear (&saved);
              *p->error = scratch;
              lx->error = p->error;
              return;
            }
          if (lx->level != 0)
            {
              int error_lineno = lx->parenlinenostack[lx->level - 1];
              if (current_err_line > error_lineno)
                {
                  lx->error = p->error;
                  p->err_state = ERR_NONE;
                  p_tokenizer_error (p);
                  lang_syntax_error_clear (&saved);
                  lang_syntax_error_clear (&scratch);
                  return;
                }
            }
          break;
        }
      if (type == LANG_TOK_ENDMARKER)
        break;
    }
  lang_syntax_error_clear (&scratch);
  *p->error = saved;
  lx->error = p->error;
}

/* Copies the file's text as the lexer reads it (newlines translated, BOM
 * dropped, a final newline added) and as the traceback reads it back. */
static bool
prepare_source (const char *source, size_t length, char **lexer_src, size_t *lexer_len,
                char **file_src, size_t *file_len, bool *has_bom)
{
  char *f = malloc (length + 1);
  char *l = malloc (length + 2);
  if (f == NULL || l == NULL)
    {
      free (f);
      free (l);
      return false;
    }
  size_t n = 0;
  for (size_t i = 0; i < length; i++)
    {
      char c = source[i];
      if (c == '\r')
        {
          if (i + 1 < length && source[i + 1] == '\n')
            i++;
          c = '\n';
        }
      f[n++] = c;
    }
  f[n] = '\0';
  *has_bom = n >= 3 && memcmp (f, "\xEF\xBB\xBF", 3) == 0;
  size_t skip = *has_bom ? 3 : 0;
  memcpy (l, f + skip, n - skip);
  size_t ln = n - skip;
  if (ln > 0 && l[ln - 1] != '\n')
    l[ln++] = '\n';
  l[ln] = '\0';
  *lexer_src = l;
  *lexer_len = ln;
  *file_src = f;
  *file_len = n;
  return true;
}

/* PEP 263: a coding cookie in the first two lines makes CPython convert
 * error offsets to characters. Only UTF-8 sources are read here. */
static bool
has_coding_cookie (const char *s, size_t len)
{
  const char *end = s + len;
  for (int line = 0; line < 2 && s < end; line++)
    {
      const char *nl = memchr (s, '\n', (size_t) (end - s));
      const char *e = nl != NULL ? nl : end;
      const char *q = s;
      while (q < e && (*q == ' ' || *q == '\t' || *q == '\f'))
        q++;
      if (q < e && *q == '#')
        {
          for (const char *r = q; r + 6 <= e; r++)
            if (memcmp (r, "coding", 6) == 0 && r + 6 < e && (r[6] == ':' || r[6] == '='))
              return true;
        }
      else if (q < e)
        return false; /* a line of code ends the search */
      s = nl != NULL ? nl + 1 : end;
    }
  return false;
}

LangModule *
lang_parse (LangArena *arena, const char *source, size_t length, const char *filename,
            LangSyntaxError *error)
{
  Parser p = { 0 };
  char *lexer_src, *file_src;
  size_t lexer_len, file_len;
  bool has_bom;

  memset (error, 0, sizeof *error);
  if (!prepare_source (source, length, &lexer_src, &lexer_len, &file_src, &file_len, &has_bom))
    {
      error->type = "MemoryError";
      error->msg = strdup ("");
      return NULL;
    }
  p.arena = arena;
  p.error = error;
  p.filename = filename != NULL ? filename : "<string>";
  p.file_text = file_src;
  p.file_len = file_len;
  p.convert_offsets = has_bom || has_coding_cookie (lexer_src, lexer_len);
  lang_lexer_init (&p.lx, lexer_src, lexer_len, p.filename, error);

  LangModule *m = parse_file (&p);
  if (m == NULL || p.err_state != ERR_NONE)
    {
      if (p.err_state == ERR_NONE)
        p_fail (&p);
      finish_error (&p);
      m = NULL;
    }
  p_free_tokens (&p);
  free (lexer_src);
  free (file_src);
  return m;
}

/* ---- f-string replacement fields ---------------------------------------- */

/* fstring_compile_expr(): the expression between the braces is parsed by a
 * parser of its own over "(" text ")", whose token positions are shifted
 * onto the source. */
LangExpr *
p_parse_fstring_expr (Parser *parent, const LangToken *t, const char *expr_start,
                      const char *expr_end, const char *token_text)
{
  size_t len = (size_t) (expr_end - expr_start);
  char *str = malloc (len + 4);
  if (str == NULL)
    return NULL;
  str[0] = '(';
  memcpy (str + 1, expr_start, len);
  str[len + 1] = ')';
  str[len + 2] = '\n';
  str[len + 3] = '\0';

  /* fstring_find_expr_location() */
  int lines = 0, cols = 0;
  const char *brace = expr_start - 1;
  bool newline_after_brace = true;
  for (const char *s = brace + 1; s < expr_end && *s != '}' && *s != '\n'; s++)
    if (*s != ' ' && *s != '\t' && *s != '\f')
      {
        newline_after_brace = false;
        break;
      }
  if (!newline_after_brace)
    {
      const char *s = brace;
      while (s > token_text && *s != '\n')
        s--;
      cols += (int) (brace - s);
      if (*s == '\n')
        cols -= 1;
    }
  for (const char *s = token_text; s < brace; s++)
    if (*s == '\n')
      lines++;

  Parser sub = { 0 };
  sub.arena = parent->arena;
  sub.error = parent->error;
  sub.filename = parent->filename;
  sub.fstring = true;
  sub.parent = parent;
  sub.depth = parent->depth;
  sub.starting_lineno = t->lineno + lines;
  sub.starting_col_offset = lines != 0 ? cols : t->col_offset + cols;
  lang_lexer_init (&sub.lx, str, len + 2, parent->filename, parent->error);
  sub.lx.string_mode = true;
  sub.lx.lineno = sub.starting_lineno - 1;

  LangExpr *e = NULL;
  if (p_enter (&sub))
    {
      /* The start rule is `fstring: star_expressions`, with nothing after. */
      e = parse_star_expressions (&sub);
      p_leave (&sub);
    }
  if (e == NULL || sub.err_state != ERR_NONE)
    {
      if (sub.err_state == ERR_NONE)
        p_fail (&sub);
      finish_error (&sub);
      parent->err_state = ERR_HARD;
      parent->lexer_error = sub.lexer_error;
      e = NULL;
    }
  p_free_tokens (&sub);
  free (str);
  return e;
}
