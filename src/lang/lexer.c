/* lexer.c: the tokenizer, ported from CPython 3.11's tok_get() so that token
 * boundaries, positions and error messages agree with it. */
#include "lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang-unicode.h"

#define LX_EOF (-1)
#define TABSIZE 8
#define ALTTABSIZE 1

void
lang_lexer_init (LangLexer *lx, const char *src, size_t len, const char *filename,
                 LangSyntaxError *error)
{
  memset (lx, 0, sizeof *lx);
  lx->src = src;
  lx->src_end = src + len;
  lx->buf = lx->cur = lx->inp = lx->line_start = src;
  lx->atbol = true;
  lx->filename = filename;
  lx->error = error;
}

int
lang_utf8_count_chars (const char *s, size_t nbytes)
{
  int n = 0;
  size_t i = 0;
  while (i < nbytes)
    {
      uint32_t cp;
      size_t k = lang_utf8_decode (s + i, nbytes - i, &cp);
      if (k == 0)
        {
          /* Python's "replace" error handler: a maximal invalid prefix of a
           * sequence becomes one U+FFFD. */
          unsigned char c = (unsigned char) s[i];
          size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
          k = 1;
          while (k < want && i + k < nbytes && ((unsigned char) s[i + k] & 0xC0) == 0x80)
            k++;
        }
      i += k;
      n++;
    }
  return n;
}

static void
lx_set_error (LangLexer *lx, const char *type, char *msg, int lineno, int offset,
              int end_lineno, int end_offset, const char *text, size_t text_len)
{
  LangSyntaxError *e = lx->error;
  lang_syntax_error_clear (e);
  e->type = type;
  e->msg = msg;
  e->lineno = lineno;
  e->offset = offset;
  e->end_lineno = end_lineno;
  e->end_offset = end_offset;
  if (text != NULL)
    {
      e->text = malloc (text_len + 1);
      if (e->text != NULL)
        {
          memcpy (e->text, text, text_len);
          e->text[text_len] = '\0';
        }
    }
  lx->done = LANG_LEX_ERROR;
}

LangTokenType
lang_lexer_error_range (LangLexer *lx, int col_offset, int end_col_offset, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  char *msg = lang_message_vformat (fmt, ap);
  va_end (ap);

  if (col_offset < 0)
    col_offset = lang_utf8_count_chars (lx->line_start, (size_t) (lx->cur - lx->line_start));
  if (end_col_offset < 0)
    end_col_offset = col_offset;
  const char *nl = memchr (lx->line_start, '\n', (size_t) (lx->src_end - lx->line_start));
  size_t line_len = nl != NULL ? (size_t) (nl - lx->line_start)
                               : (size_t) (lx->src_end - lx->line_start);
  lx_set_error (lx, "SyntaxError", msg, lx->lineno, col_offset, lx->lineno, end_col_offset,
                lx->line_start, line_len);
  return LANG_TOK_ERRORTOKEN;
}

/* CPython's valid_utf8(): lenient, as the file reader's check is. Its
 * line is NUL-terminated; ours may end at the end of the source, so a
 * sequence cut short by @end is invalid as one cut short by the NUL is. */
static int
lx_valid_utf8 (const unsigned char *s, const unsigned char *end)
{
  int expected;
  if (*s < 0x80)
    return 1;
  if (*s < 0xC0)
    return 0;
  if (*s < 0xE0)
    expected = 1;
  else if (*s < 0xF0)
    expected = 2;
  else if (*s < 0xF8)
    expected = 3;
  else
    return 0;
  int length = expected + 1;
  if (end - s < length)
    return 0;
  for (; expected; expected--)
    if (s[expected] < 0x80 || s[expected] >= 0xC0)
      return 0;
  return length;
}

/* Reads the next line, as tok_underflow_file() does. */
static bool
lx_underflow (LangLexer *lx)
{
  if (lx->start == NULL && !lx->string_mode)
    lx->buf = lx->cur = lx->inp;
  if (lx->inp >= lx->src_end)
    {
      lx->done = LANG_LEX_EOF;
      return false;
    }
  const char *line = lx->inp;
  const char *nl = memchr (line, '\n', (size_t) (lx->src_end - line));
  lx->inp = nl != NULL ? nl + 1 : lx->src_end;
  lx->lineno++;
  if (lx->string_mode)
    lx->buf = line;

  const char *nul = memchr (line, '\0', (size_t) (lx->inp - line));
  if (nul != NULL)
    {
      lx_set_error (lx, "SyntaxError", strdup ("source code cannot contain null bytes"),
                    lx->lineno, 0, lx->lineno, 0, line, (size_t) (nul - line));
      return false;
    }
  for (const unsigned char *c = (const unsigned char *) line;
       c < (const unsigned char *) lx->inp;)
    {
      int length = lx_valid_utf8 (c, (const unsigned char *) lx->inp);
      if (length == 0)
        {
          char msg[1024];
          snprintf (msg, sizeof msg,
                    "Non-UTF-8 code starting with '\\x%.2x' in file %s on line %d, "
                    "but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    *c, lx->filename, lx->lineno);
          lx_set_error (lx, "SyntaxError", strdup (msg), 0, 0, 0, 0, NULL, 0);
          return false;
        }
      c += length;
    }
  return true;
}

static int
lx_nextc (LangLexer *lx)
{
  for (;;)
    {
      if (lx->cur != lx->inp)
        return (unsigned char) *lx->cur++;
      if (lx->done != LANG_LEX_OK)
        return LX_EOF;
      if (!lx_underflow (lx))
        {
          lx->cur = lx->inp;
          return LX_EOF;
        }
      lx->line_start = lx->cur;
    }
}

static void
lx_backup (LangLexer *lx, int c)
{
  if (c != LX_EOF)
    lx->cur--;
}

static bool
is_potential_identifier_start (int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

static bool
is_potential_identifier_char (int c)
{
  return is_potential_identifier_start (c) || (c >= '0' && c <= '9');
}

static bool
is_digit (int c)
{
  return c >= '0' && c <= '9';
}

static bool
is_xdigit (int c)
{
  return is_digit (c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* verify_identifier(): a NAME with non-ASCII bytes must be a valid
 * identifier; otherwise report the first offending character. */
static bool
lx_verify_identifier (LangLexer *lx)
{
  const char *p = lx->start;
  const char *end = lx->cur;
  bool first = true;
  while (p < end)
    {
      uint32_t cp;
      size_t k = lang_utf8_decode (p, (size_t) (end - p), &cp);
      if (k == 0)
        {
          /* Not reachable after the line check, except for overlong forms. */
          lang_lexer_error_range (lx, -1, -1, "invalid character in identifier");
          return false;
        }
      bool ok = first ? (cp == '_' || lang_unicode_is_id_start (cp))
                      : lang_unicode_is_id_continue (cp);
      if (!ok)
        {
          lx->cur = p + k;
          char utf8[5] = { 0 };
          lang_utf8_encode (cp, utf8);
          if (lang_unicode_is_printable (cp))
            lang_lexer_error_range (lx, -1, -1, "invalid character '%s' (U+%04X)", utf8,
                                    (unsigned) cp);
          else
            lang_lexer_error_range (lx, -1, -1, "invalid non-printable character U+%04X",
                                    (unsigned) cp);
          return false;
        }
      first = false;
      p += k;
    }
  return true;
}

static bool
lx_lookahead (LangLexer *lx, const char *test)
{
  const char *s = test;
  int res = 0;
  for (;;)
    {
      int c = lx_nextc (lx);
      if (*s == 0)
        {
          res = !is_potential_identifier_char (c);
        }
      else if (c == *s)
        {
          s++;
          continue;
        }
      lx_backup (lx, c);
      while (s != test)
        lx_backup (lx, *--s);
      return res;
    }
}

/* verify_end_of_number(): "1if x else y" is accepted (CPython only warns),
 * "1abc" is an error. */
static bool
lx_verify_end_of_number (LangLexer *lx, int c, const char *kind)
{
  bool r = false;
  if (c == 'a')
    r = lx_lookahead (lx, "nd");
  else if (c == 'e')
    r = lx_lookahead (lx, "lse");
  else if (c == 'f')
    r = lx_lookahead (lx, "or");
  else if (c == 'i')
    {
      int c2 = lx_nextc (lx);
      if (c2 == 'f' || c2 == 'n' || c2 == 's')
        r = true;
      lx_backup (lx, c2);
    }
  else if (c == 'o')
    r = lx_lookahead (lx, "r");
  else if (c == 'n')
    r = lx_lookahead (lx, "ot");
  if (r)
    return true;
  /* A non-ASCII character is left to the next token, which reports it. */
  if (c < 128 && is_potential_identifier_char (c))
    {
      lx_backup (lx, c);
      lang_lexer_error_range (lx, -1, -1, "invalid %s literal", kind);
      return false;
    }
  return true;
}

/* Returns the character after the digits, or 0 after an error. */
static int
lx_decimal_tail (LangLexer *lx)
{
  int c;
  for (;;)
    {
      do
        c = lx_nextc (lx);
      while (is_digit (c));
      if (c != '_')
        break;
      c = lx_nextc (lx);
      if (!is_digit (c))
        {
          lx_backup (lx, c);
          lang_lexer_error_range (lx, -1, -1, "invalid decimal literal");
          return 0;
        }
    }
  return c;
}

/* Returns the character after the line break, or -1 with done set. */
static int
lx_continuation_line (LangLexer *lx)
{
  int c = lx_nextc (lx);
  if (c != '\n')
    {
      lx->done = LANG_LEX_LINECONT;
      return -1;
    }
  c = lx_nextc (lx);
  if (c == LX_EOF)
    {
      if (lx->done != LANG_LEX_ERROR)
        lx->done = LANG_LEX_EOF;
      lx->cur = lx->inp;
      return -1;
    }
  lx_backup (lx, c);
  return c;
}

static LangTokenType
lx_indent_error (LangLexer *lx)
{
  lx->done = LANG_LEX_TABSPACE;
  lx->cur = lx->inp;
  return LANG_TOK_ERRORTOKEN;
}

static LangTokenType
lx_one_char (int c)
{
  switch (c)
    {
    case '%': return LANG_TOK_PERCENT;
    case '&': return LANG_TOK_AMPER;
    case '(': return LANG_TOK_LPAR;
    case ')': return LANG_TOK_RPAR;
    case '*': return LANG_TOK_STAR;
    case '+': return LANG_TOK_PLUS;
    case ',': return LANG_TOK_COMMA;
    case '-': return LANG_TOK_MINUS;
    case '.': return LANG_TOK_DOT;
    case '/': return LANG_TOK_SLASH;
    case ':': return LANG_TOK_COLON;
    case ';': return LANG_TOK_SEMI;
    case '<': return LANG_TOK_LESS;
    case '=': return LANG_TOK_EQUAL;
    case '>': return LANG_TOK_GREATER;
    case '@': return LANG_TOK_AT;
    case '[': return LANG_TOK_LSQB;
    case ']': return LANG_TOK_RSQB;
    case '^': return LANG_TOK_CIRCUMFLEX;
    case '{': return LANG_TOK_LBRACE;
    case '|': return LANG_TOK_VBAR;
    case '}': return LANG_TOK_RBRACE;
    case '~': return LANG_TOK_TILDE;
    default: return LANG_TOK_OP;
    }
}

static LangTokenType
lx_two_chars (int c1, int c2)
{
  switch (c1)
    {
    case '!': if (c2 == '=') return LANG_TOK_NOTEQUAL; break;
    case '%': if (c2 == '=') return LANG_TOK_PERCENTEQUAL; break;
    case '&': if (c2 == '=') return LANG_TOK_AMPEREQUAL; break;
    case '*':
      if (c2 == '*') return LANG_TOK_DOUBLESTAR;
      if (c2 == '=') return LANG_TOK_STAREQUAL;
      break;
    case '+': if (c2 == '=') return LANG_TOK_PLUSEQUAL; break;
    case '-':
      if (c2 == '=') return LANG_TOK_MINEQUAL;
      if (c2 == '>') return LANG_TOK_RARROW;
      break;
    case '/':
      if (c2 == '/') return LANG_TOK_DOUBLESLASH;
      if (c2 == '=') return LANG_TOK_SLASHEQUAL;
      break;
    case ':': if (c2 == '=') return LANG_TOK_COLONEQUAL; break;
    case '<':
      if (c2 == '<') return LANG_TOK_LEFTSHIFT;
      if (c2 == '=') return LANG_TOK_LESSEQUAL;
      if (c2 == '>') return LANG_TOK_NOTEQUAL;
      break;
    case '=': if (c2 == '=') return LANG_TOK_EQEQUAL; break;
    case '>':
      if (c2 == '=') return LANG_TOK_GREATEREQUAL;
      if (c2 == '>') return LANG_TOK_RIGHTSHIFT;
      break;
    case '@': if (c2 == '=') return LANG_TOK_ATEQUAL; break;
    case '^': if (c2 == '=') return LANG_TOK_CIRCUMFLEXEQUAL; break;
    case '|': if (c2 == '=') return LANG_TOK_VBAREQUAL; break;
    default: break;
    }
  return LANG_TOK_OP;
}

static LangTokenType
lx_three_chars (int c1, int c2, int c3)
{
  if (c3 != '=')
    return LANG_TOK_OP;
  if (c1 == '*' && c2 == '*') return LANG_TOK_DOUBLESTAREQUAL;
  if (c1 == '/' && c2 == '/') return LANG_TOK_DOUBLESLASHEQUAL;
  if (c1 == '<' && c2 == '<') return LANG_TOK_LEFTSHIFTEQUAL;
  if (c1 == '>' && c2 == '>') return LANG_TOK_RIGHTSHIFTEQUAL;
  return LANG_TOK_OP;
}

static LangTokenType lx_number (LangLexer *lx, int c, const char **p_start, const char **p_end);
static LangTokenType lx_string (LangLexer *lx, int c, const char **p_start, const char **p_end);

static LangTokenType
lx_get (LangLexer *lx, const char **p_start, const char **p_end)
{
  int c;
  bool blankline;
  *p_start = *p_end = NULL;

nextline:
  lx->start = NULL;
  blankline = false;

  if (lx->atbol)
    {
      int col = 0, altcol = 0, cont_line_col = 0;
      lx->atbol = false;
      for (;;)
        {
          c = lx_nextc (lx);
          if (c == ' ')
            col++, altcol++;
          else if (c == '\t')
            {
              col = (col / TABSIZE + 1) * TABSIZE;
              altcol = (altcol / ALTTABSIZE + 1) * ALTTABSIZE;
            }
          else if (c == '\014')
            col = altcol = 0;
          else if (c == '\\')
            {
              /* The first backslash after the indentation fixes the level. */
              cont_line_col = cont_line_col ? cont_line_col : col;
              if ((c = lx_continuation_line (lx)) == -1)
                return LANG_TOK_ERRORTOKEN;
            }
          else
            break;
        }
      lx_backup (lx, c);
      if (c == '#' || c == '\n')
        blankline = true; /* comment-only and blank lines do not indent */
      if (!blankline && lx->level == 0)
        {
          col = cont_line_col ? cont_line_col : col;
          altcol = cont_line_col ? cont_line_col : altcol;
          if (col == lx->indstack[lx->indent])
            {
              if (altcol != lx->altindstack[lx->indent])
                return lx_indent_error (lx);
            }
          else if (col > lx->indstack[lx->indent])
            {
              if (lx->indent + 1 >= LANG_LEXER_MAX_INDENT)
                {
                  lx->done = LANG_LEX_TOODEEP;
                  lx->cur = lx->inp;
                  return LANG_TOK_ERRORTOKEN;
                }
              if (altcol <= lx->altindstack[lx->indent])
                return lx_indent_error (lx);
              lx->pendin++;
              lx->indstack[++lx->indent] = col;
              lx->altindstack[lx->indent] = altcol;
            }
          else
            {
              while (lx->indent > 0 && col < lx->indstack[lx->indent])
                {
                  lx->pendin--;
                  lx->indent--;
                }
              if (col != lx->indstack[lx->indent])
                {
                  lx->done = LANG_LEX_DEDENT;
                  lx->cur = lx->inp;
                  return LANG_TOK_ERRORTOKEN;
                }
              if (altcol != lx->altindstack[lx->indent])
                return lx_indent_error (lx);
            }
        }
    }

  lx->start = lx->cur;
  if (lx->pendin != 0)
    {
      if (lx->pendin < 0)
        {
          lx->pendin++;
          return LANG_TOK_DEDENT;
        }
      lx->pendin--;
      return LANG_TOK_INDENT;
    }

again:
  lx->start = NULL;
  do
    c = lx_nextc (lx);
  while (c == ' ' || c == '\t' || c == '\014');

  lx->start = lx->cur - 1;

  if (c == '#')
    {
      while (c != LX_EOF && c != '\n')
        c = lx_nextc (lx);
    }

  if (c == LX_EOF)
    {
      if (lx->level)
        return LANG_TOK_ERRORTOKEN;
      return lx->done == LANG_LEX_EOF ? LANG_TOK_ENDMARKER : LANG_TOK_ERRORTOKEN;
    }

  if (is_potential_identifier_start (c))
    {
      /* String prefixes: b, r, u, f in their legal combinations. */
      bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
      bool nonascii = false;
      for (;;)
        {
          if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B'))
            saw_b = true;
          else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U'))
            saw_u = true;
          else if (!(saw_r || saw_u) && (c == 'r' || c == 'R'))
            saw_r = true;
          else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F'))
            saw_f = true;
          else
            break;
          c = lx_nextc (lx);
          if (c == '"' || c == '\'')
            return lx_string (lx, c, p_start, p_end);
        }
      while (is_potential_identifier_char (c))
        {
          if (c >= 128)
            nonascii = true;
          c = lx_nextc (lx);
        }
      lx_backup (lx, c);
      if (nonascii && !lx_verify_identifier (lx))
        return LANG_TOK_ERRORTOKEN;
      *p_start = lx->start;
      *p_end = lx->cur;
      return LANG_TOK_NAME;
    }

  if (c == '\n')
    {
      lx->atbol = true;
      if (blankline || lx->level > 0)
        goto nextline;
      *p_start = lx->start;
      *p_end = lx->cur - 1; /* the '\n' is not part of the token */
      lx->cont_line = false;
      return LANG_TOK_NEWLINE;
    }

  if (c == '.')
    {
      c = lx_nextc (lx);
      if (is_digit (c))
        return lx_number (lx, '.', p_start, p_end);
      else if (c == '.')
        {
          c = lx_nextc (lx);
          if (c == '.')
            {
              *p_start = lx->start;
              *p_end = lx->cur;
              return LANG_TOK_ELLIPSIS;
            }
          lx_backup (lx, c);
          lx_backup (lx, '.');
        }
      else
        lx_backup (lx, c);
      *p_start = lx->start;
      *p_end = lx->cur;
      return LANG_TOK_DOT;
    }

  if (is_digit (c))
    return lx_number (lx, c, p_start, p_end);

  if (c == '\'' || c == '"')
    return lx_string (lx, c, p_start, p_end);

  if (c == '\\')
    {
      if ((c = lx_continuation_line (lx)) == -1)
        return LANG_TOK_ERRORTOKEN;
      lx->cont_line = true;
      goto again;
    }

  {
    int c2 = lx_nextc (lx);
    LangTokenType token = lx_two_chars (c, c2);
    if (token != LANG_TOK_OP)
      {
        int c3 = lx_nextc (lx);
        LangTokenType token3 = lx_three_chars (c, c2, c3);
        if (token3 != LANG_TOK_OP)
          token = token3;
        else
          lx_backup (lx, c3);
        *p_start = lx->start;
        *p_end = lx->cur;
        return token;
      }
    lx_backup (lx, c2);
  }

  switch (c)
    {
    case '(':
    case '[':
    case '{':
      if (lx->level >= LANG_LEXER_MAX_LEVEL)
        return lang_lexer_error_range (lx, -1, -1, "too many nested parentheses");
      lx->parenstack[lx->level] = (char) c;
      lx->parenlinenostack[lx->level] = lx->lineno;
      lx->parencolstack[lx->level] = (int) (lx->start - lx->line_start);
      lx->level++;
      break;
    case ')':
    case ']':
    case '}':
      {
        if (!lx->level)
          return lang_lexer_error_range (lx, -1, -1, "unmatched '%c'", c);
        lx->level--;
        int opening = lx->parenstack[lx->level];
        if (!((opening == '(' && c == ')') || (opening == '[' && c == ']')
              || (opening == '{' && c == '}')))
          {
            if (lx->parenlinenostack[lx->level] != lx->lineno)
              return lang_lexer_error_range (lx, -1, -1,
                                             "closing parenthesis '%c' does not match "
                                             "opening parenthesis '%c' on line %d",
                                             c, opening, lx->parenlinenostack[lx->level]);
            return lang_lexer_error_range (lx, -1, -1,
                                           "closing parenthesis '%c' does not match "
                                           "opening parenthesis '%c'",
                                           c, opening);
          }
        break;
      }
    default:
      break;
    }

  if (c < 32 || c == 127)
    return lang_lexer_error_range (lx, -1, -1, "invalid non-printable character U+%04X", c);

  *p_start = lx->start;
  *p_end = lx->cur;
  return lx_one_char (c);
}

static LangTokenType
lx_number (LangLexer *lx, int c, const char **p_start, const char **p_end)
{
  if (c == '.')
    {
      /* ".5": the digit after the dot was read already. */
      goto fraction;
    }
  if (c == '0')
    {
      c = lx_nextc (lx);
      if (c == 'x' || c == 'X')
        {
          c = lx_nextc (lx);
          do
            {
              if (c == '_')
                c = lx_nextc (lx);
              if (!is_xdigit (c))
                {
                  lx_backup (lx, c);
                  return lang_lexer_error_range (lx, -1, -1, "invalid hexadecimal literal");
                }
              do
                c = lx_nextc (lx);
              while (is_xdigit (c));
            }
          while (c == '_');
          if (!lx_verify_end_of_number (lx, c, "hexadecimal"))
            return LANG_TOK_ERRORTOKEN;
        }
      else if (c == 'o' || c == 'O')
        {
          c = lx_nextc (lx);
          do
            {
              if (c == '_')
                c = lx_nextc (lx);
              if (c < '0' || c >= '8')
                {
                  if (is_digit (c))
                    return lang_lexer_error_range (lx, -1, -1,
                                                   "invalid digit '%c' in octal literal", c);
                  lx_backup (lx, c);
                  return lang_lexer_error_range (lx, -1, -1, "invalid octal literal");
                }
              do
                c = lx_nextc (lx);
              while ('0' <= c && c < '8');
            }
          while (c == '_');
          if (is_digit (c))
            return lang_lexer_error_range (lx, -1, -1, "invalid digit '%c' in octal literal", c);
          if (!lx_verify_end_of_number (lx, c, "octal"))
            return LANG_TOK_ERRORTOKEN;
        }
      else if (c == 'b' || c == 'B')
        {
          c = lx_nextc (lx);
          do
            {
              if (c == '_')
                c = lx_nextc (lx);
              if (c != '0' && c != '1')
                {
                  if (is_digit (c))
                    return lang_lexer_error_range (lx, -1, -1,
                                                   "invalid digit '%c' in binary literal", c);
                  lx_backup (lx, c);
                  return lang_lexer_error_range (lx, -1, -1, "invalid binary literal");
                }
              do
                c = lx_nextc (lx);
              while (c == '0' || c == '1');
            }
          while (c == '_');
          if (is_digit (c))
            return lang_lexer_error_range (lx, -1, -1, "invalid digit '%c' in binary literal",
                                           c);
          if (!lx_verify_end_of_number (lx, c, "binary"))
            return LANG_TOK_ERRORTOKEN;
        }
      else
        {
          bool nonzero = false;
          /* Old-style octal is an error, but "0", "00" and "0.5" are not. */
          for (;;)
            {
              if (c == '_')
                {
                  c = lx_nextc (lx);
                  if (!is_digit (c))
                    {
                      lx_backup (lx, c);
                      return lang_lexer_error_range (lx, -1, -1, "invalid decimal literal");
                    }
                }
              if (c != '0')
                break;
              c = lx_nextc (lx);
            }
          const char *zeros_end = lx->cur;
          if (is_digit (c))
            {
              nonzero = true;
              c = lx_decimal_tail (lx);
              if (c == 0)
                return LANG_TOK_ERRORTOKEN;
            }
          if (c == '.')
            {
              c = lx_nextc (lx);
              goto fraction_digits;
            }
          else if (c == 'e' || c == 'E')
            goto exponent;
          else if (c == 'j' || c == 'J')
            goto imaginary;
          else if (nonzero)
            {
              lx_backup (lx, c);
              return lang_lexer_error_range (
                lx, (int) (lx->start + 1 - lx->line_start), (int) (zeros_end - lx->line_start),
                "leading zeros in decimal integer literals are not permitted; "
                "use an 0o prefix for octal integers");
            }
          if (!lx_verify_end_of_number (lx, c, "decimal"))
            return LANG_TOK_ERRORTOKEN;
        }
      goto done;
    }

  /* Decimal */
  c = lx_decimal_tail (lx);
  if (c == 0)
    return LANG_TOK_ERRORTOKEN;
  if (c == '.')
    {
      c = lx_nextc (lx);
      goto fraction_digits;
    }
  goto after_fraction;

fraction:
  /* ".5": the first digit after the dot is consumed already. */
  c = '0';
fraction_digits:
  if (is_digit (c))
    {
      c = lx_decimal_tail (lx);
      if (c == 0)
        return LANG_TOK_ERRORTOKEN;
    }
after_fraction:
  if (c == 'e' || c == 'E')
    {
      int e;
    exponent:
      e = c;
      c = lx_nextc (lx);
      if (c == '+' || c == '-')
        {
          c = lx_nextc (lx);
          if (!is_digit (c))
            {
              lx_backup (lx, c);
              return lang_lexer_error_range (lx, -1, -1, "invalid decimal literal");
            }
        }
      else if (!is_digit (c))
        {
          lx_backup (lx, c);
          if (!lx_verify_end_of_number (lx, e, "decimal"))
            return LANG_TOK_ERRORTOKEN;
          lx_backup (lx, e);
          *p_start = lx->start;
          *p_end = lx->cur;
          return LANG_TOK_NUMBER;
        }
      c = lx_decimal_tail (lx);
      if (c == 0)
        return LANG_TOK_ERRORTOKEN;
    }
  if (c == 'j' || c == 'J')
    {
    imaginary:
      c = lx_nextc (lx);
      if (!lx_verify_end_of_number (lx, c, "imaginary"))
        return LANG_TOK_ERRORTOKEN;
    }
  else if (!lx_verify_end_of_number (lx, c, "decimal"))
    return LANG_TOK_ERRORTOKEN;

done:
  lx_backup (lx, c);
  *p_start = lx->start;
  *p_end = lx->cur;
  return LANG_TOK_NUMBER;
}

static LangTokenType
lx_string (LangLexer *lx, int quote, const char **p_start, const char **p_end)
{
  int quote_size = 1;
  int end_quote_size = 0;
  int c;

  /* A string may span lines: it is positioned from the line it starts on. */
  lx->first_lineno = lx->lineno;
  lx->multi_line_start = lx->line_start;

  c = lx_nextc (lx);
  if (c == quote)
    {
      c = lx_nextc (lx);
      if (c == quote)
        quote_size = 3;
      else
        end_quote_size = 1; /* empty string */
    }
  if (c != quote)
    lx_backup (lx, c);

  while (end_quote_size != quote_size)
    {
      c = lx_nextc (lx);
      if (lx->done == LANG_LEX_ERROR)
        return LANG_TOK_ERRORTOKEN;
      if (c == LX_EOF || (quote_size == 1 && c == '\n'))
        {
          /* Report from the opening quote. */
          lx->cur = lx->start + 1;
          lx->line_start = lx->multi_line_start;
          int detected = lx->lineno;
          lx->lineno = lx->first_lineno;
          if (quote_size == 3)
            return lang_lexer_error_range (
              lx, -1, -1, "unterminated triple-quoted string literal (detected at line %d)",
              detected);
          return lang_lexer_error_range (
            lx, -1, -1, "unterminated string literal (detected at line %d)", detected);
        }
      if (c == quote)
        end_quote_size += 1;
      else
        {
          end_quote_size = 0;
          if (c == '\\')
            lx_nextc (lx); /* skip the escaped character */
        }
    }

  *p_start = lx->start;
  *p_end = lx->cur;
  return LANG_TOK_STRING;
}

LangTokenType
lang_lexer_next (LangLexer *lx, LangToken *token)
{
  const char *start, *end;
  LangTokenType type = lx_get (lx, &start, &end);

  const char *line_start = type == LANG_TOK_STRING ? lx->multi_line_start : lx->line_start;
  token->type = type;
  token->start = start;
  token->end = end;
  token->lineno = type == LANG_TOK_STRING ? lx->first_lineno : lx->lineno;
  token->end_lineno = lx->lineno;
  token->col_offset = (start != NULL && start >= line_start) ? (int) (start - line_start) : -1;
  token->end_col_offset
    = (end != NULL && end >= lx->line_start) ? (int) (end - lx->line_start) : -1;
  token->level = lx->level;
  return type;
}
