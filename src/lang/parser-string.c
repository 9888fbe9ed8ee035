/* parser-string.c: NUMBER and STRING tokens made into constants: number
 * literals, escape decoding, implicit concatenation and f-strings, after
 * CPython 3.11's Parser/string_parser.c. */
#define _GNU_SOURCE
#include "parser-private.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang-unicode.h"

/* ---- numbers ------------------------------------------------------------ */

/* The literal without underscores, NUL-terminated, in the arena. */
static char *
strip_underscores (Parser *p, const char *s, size_t n, size_t *out_len)
{
  char *out = lang_arena_alloc (p->arena, n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != '_')
      out[k++] = s[i];
  out[k] = '\0';
  *out_len = k;
  return out;
}

/* strtod() in the C locale whatever the program's locale is. */
static double
c_strtod (const char *s)
{
  static locale_t c_locale;
  if (c_locale == (locale_t) 0)
    c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  return strtod_l (s, NULL, c_locale);
}

LangExpr *
parse_number (Parser *p, const LangToken *t)
{
  LangExpr *e = p_expr_new (p, LANG_EXPR_CONSTANT, t, t);
  if (e == NULL)
    return NULL;
  size_t n = (size_t) (t->end - t->start);
  size_t len;
  char *text = strip_underscores (p, t->start, n, &len);
  LangConstant *c = &e->u.constant;

  if (text[len - 1] == 'j' || text[len - 1] == 'J')
    {
      text[len - 1] = '\0';
      c->type = LANG_CONST_COMPLEX;
      c->value.imag = c_strtod (text);
      return e;
    }
  int base = 10;
  const char *digits = text;
  if (len > 1 && text[0] == '0')
    {
      char k = text[1];
      if (k == 'x' || k == 'X')
        base = 16;
      else if (k == 'o' || k == 'O')
        base = 8;
      else if (k == 'b' || k == 'B')
        base = 2;
      if (base != 10)
        digits = text + 2;
    }
  if (base == 10 && strpbrk (text, ".eE") != NULL)
    {
      c->type = LANG_CONST_FLOAT;
      c->value.real = c_strtod (text);
      return e;
    }
  c->type = LANG_CONST_INT;
  while (digits[0] == '0' && digits[1] != '\0')
    digits++;
  char *d = (char *) digits;
  for (char *q = d; *q; q++)
    if (*q >= 'A' && *q <= 'F')
      *q = (char) (*q - 'A' + 'a');
  c->value.integer.digits = d;
  c->value.integer.n_digits = strlen (d);
  c->value.integer.base = base;
  return e;
}

/* ---- a growing byte buffer ---------------------------------------------- */

typedef struct
{
  char *data;
  size_t len;
  size_t cap;
} Buf;

static bool
buf_add (Buf *b, const char *s, size_t n)
{
  if (b->len + n + 1 > b->cap)
    {
      size_t cap = b->cap ? b->cap : 64;
      while (cap < b->len + n + 1)
        cap *= 2;
      char *data = realloc (b->data, cap);
      if (data == NULL)
        return false;
      b->data = data;
      b->cap = cap;
    }
  memcpy (b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return true;
}

static bool
buf_add_cp (Buf *b, uint32_t cp)
{
  char u[4];
  return buf_add (b, u, lang_utf8_encode (cp, u));
}

/* ---- escape decoding ---------------------------------------------------- */

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return 16;
}

/* Raises "(unicode error) 'unicodeescape' codec can't decode ...". */
static void
unicode_escape_error (Parser *p, size_t start, size_t end, const char *message,
                      const char *buf)
{
  if (end - start == 1)
    p_raise_last (p, "SyntaxError",
                  "(unicode error) 'unicodeescape' codec can't decode byte 0x%02x in position "
                  "%zu: %s",
                  (unsigned char) buf[start], start, message);
  else
    p_raise_last (p, "SyntaxError",
                  "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: "
                  "%s",
                  start, end - 1, message);
}

/* decode_unicode_with_escapes(): CPython first rewrites non-ASCII text as
 * \U escapes and then runs the unicode-escape codec, whose error positions
 * refer to the rewritten text; doing the same keeps them identical. */
static bool
decode_unicode_with_escapes (Parser *p, const char *s, size_t len, Buf *out)
{
  Buf tmp = { 0 };
  const char *end = s + len;
  while (s < end)
    {
      if (*s == '\\')
        {
          buf_add (&tmp, s++, 1);
          if (s >= end || (*s & 0x80))
            {
              buf_add (&tmp, "u005c", 5);
              if (s >= end)
                break;
            }
        }
      if (*s & 0x80)
        {
          uint32_t cp;
          size_t k = lang_utf8_decode (s, (size_t) (end - s), &cp);
          if (k == 0)
            {
              cp = 0xFFFD;
              k = 1;
            }
          char esc[16];
          snprintf (esc, sizeof esc, "\\U%08x", (unsigned) cp);
          buf_add (&tmp, esc, 10);
          s += k;
        }
      else
        buf_add (&tmp, s++, 1);
    }

  const char *starts = tmp.data ? tmp.data : "";
  const char *q = starts;
  const char *qend = starts + tmp.len;
  bool ok = true;
  while (q < qend)
    {
      char c = *q++;
      if (c != '\\')
        {
          buf_add (out, &c, 1);
          continue;
        }
      size_t startinpos = (size_t) (q - 1 - starts);
      const char *message;
      if (q >= qend)
        {
          message = "\\ at end of string";
          goto error;
        }
      c = *q++;
      switch (c)
        {
        case '\n':
          continue;
        case '\\':
        case '\'':
        case '"':
          buf_add (out, &c, 1);
          continue;
        case 'b': buf_add_cp (out, 8); continue;
        case 'f': buf_add_cp (out, 12); continue;
        case 't': buf_add_cp (out, 9); continue;
        case 'n': buf_add_cp (out, 10); continue;
        case 'r': buf_add_cp (out, 13); continue;
        case 'v': buf_add_cp (out, 11); continue;
        case 'a': buf_add_cp (out, 7); continue;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7':
          {
            uint32_t ch = (uint32_t) (c - '0');
            if (q < qend && '0' <= *q && *q <= '7')
              {
                ch = (ch << 3) + (uint32_t) (*q++ - '0');
                if (q < qend && '0' <= *q && *q <= '7')
                  ch = (ch << 3) + (uint32_t) (*q++ - '0');
              }
            buf_add_cp (out, ch);
            continue;
          }
        case 'x':
        case 'u':
        case 'U':
          {
            int count = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            message = c == 'x'   ? "truncated \\xXX escape"
                      : c == 'u' ? "truncated \\uXXXX escape"
                                 : "truncated \\UXXXXXXXX escape";
            uint32_t ch = 0;
            for (; count; ++q, --count)
              {
                if (q >= qend)
                  goto error;
                int v = hex_value ((unsigned char) *q);
                if (v == 16)
                  goto error;
                ch = (ch << 4) + (uint32_t) v;
              }
            if (ch > 0x10FFFF)
              {
                message = "illegal Unicode character";
                goto error;
              }
            buf_add_cp (out, ch);
            continue;
          }
        case 'N':
          /* No character name database here: every \N{...} is refused with
           * the message CPython gives for an unknown name. */
          message = "malformed \\N character escape";
          if (q < qend && *q == '{')
            {
              const char *name = ++q;
              while (q < qend && *q != '}')
                q++;
              if (q < qend && q > name)
                {
                  q++;
                  message = "unknown Unicode character name";
                }
              else if (q >= qend)
                q = qend;
            }
          goto error;
        default:
          buf_add (out, "\\", 1);
          buf_add (out, &c, 1);
          continue;
        }
    error:
      unicode_escape_error (p, startinpos, (size_t) (q - starts), message, starts);
      ok = false;
      break;
    }
  free (tmp.data);
  return ok;
}

/* _PyBytes_DecodeEscape() */
static bool
decode_bytes_with_escapes (Parser *p, const char *s, size_t len, Buf *out)
{
  const char *start = s, *end = s + len;
  while (s < end)
    {
      if (*s != '\\')
        {
          buf_add (out, s++, 1);
          continue;
        }
      s++;
      if (s >= end)
        {
          p_raise_last (p, "SyntaxError", "(value error) Trailing \\ in string");
          return false;
        }
      char c = *s++;
      unsigned char v;
      switch (c)
        {
        case '\n': continue;
        case '\\': case '\'': case '"': v = (unsigned char) c; break;
        case 'b': v = 8; break;
        case 'f': v = 12; break;
        case 't': v = 9; break;
        case 'n': v = 10; break;
        case 'r': v = 13; break;
        case 'v': v = 11; break;
        case 'a': v = 7; break;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7':
          {
            unsigned ch = (unsigned) (c - '0');
            if (s < end && '0' <= *s && *s <= '7')
              {
                ch = (ch << 3) + (unsigned) (*s++ - '0');
                if (s < end && '0' <= *s && *s <= '7')
                  ch = (ch << 3) + (unsigned) (*s++ - '0');
              }
            v = (unsigned char) ch;
            break;
          }
        case 'x':
          if (s + 1 < end)
            {
              int d1 = hex_value ((unsigned char) s[0]), d2 = hex_value ((unsigned char) s[1]);
              if (d1 < 16 && d2 < 16)
                {
                  v = (unsigned char) ((d1 << 4) + d2);
                  s += 2;
                  break;
                }
            }
          p_raise_last (p, "SyntaxError", "(value error) invalid \\x escape at position %zu",
                        (size_t) (s - 2 - start));
          return false;
        default:
          buf_add (out, "\\", 1);
          s--;
          continue;
        }
      buf_add (out, (const char *) &v, 1);
    }
  return true;
}

/* ---- f-strings ---------------------------------------------------------- */

typedef struct
{
  Seq exprs;
  Buf last_str;
  bool has_last_str;
  bool fmode;
} FstringState;

typedef struct
{
  const LangToken *first;
  const LangToken *last;
  const LangToken *t;
  const char *token_text;
} FstringTokens;

static LangExpr *
make_str_node (Parser *p, FstringState *st, const LangToken *first, const LangToken *last)
{
  LangExpr *e = p_expr_new (p, LANG_EXPR_CONSTANT, first, last);
  e->u.constant.type = LANG_CONST_STR;
  e->u.constant.value.str.data = lang_arena_strndup (p->arena, st->last_str.data ? st->last_str.data : "",
                                                     st->last_str.len);
  e->u.constant.value.str.len = st->last_str.len;
  if (first->start[0] == 'u')
    e->u.constant.kind = "u";
  st->last_str.len = 0;
  st->has_last_str = false;
  return e;
}

static void
concat_str (FstringState *st, const char *s, size_t n)
{
  if (n == 0)
    return;
  buf_add (&st->last_str, s, n);
  st->has_last_str = true;
}

static LangExpr *fstring_parse (Parser *p, const char **str, const char *end, bool raw,
                                int recurse_lvl, FstringTokens *tk);

/* fstring_find_literal(): returns -1 on error, 1 after a doubled brace. */
static int
fstring_find_literal (Parser *p, const char **str, const char *end, bool raw, Buf *literal,
                      int recurse_lvl)
{
  const char *s = *str;
  const char *literal_start = s;
  int result = 0;
  while (s < end)
    {
      char ch = *s++;
      if (!raw && ch == '\\' && s < end)
        {
          ch = *s++;
          if (ch == 'N')
            {
              if (s < end && *s++ == '{')
                {
                  while (s < end && *s++ != '}')
                    ;
                  continue;
                }
              continue;
            }
        }
      if (ch == '{' || ch == '}')
        {
          if (recurse_lvl == 0)
            {
              if (s < end && *s == ch)
                {
                  *str = s + 1;
                  result = 1;
                  goto done;
                }
              if (ch == '}')
                {
                  *str = s - 1;
                  p_raise_last (p, "SyntaxError", "f-string: single '}' is not allowed");
                  return -1;
                }
            }
          s--;
          break;
        }
    }
  *str = s;
done:
  if (literal_start != s)
    {
      if (raw)
        buf_add (literal, literal_start, (size_t) (s - literal_start));
      else if (!decode_unicode_with_escapes (p, literal_start, (size_t) (s - literal_start),
                                             literal))
        return -1;
    }
  return result;
}

/* fstring_find_expr() */
static LangExpr *
fstring_find_expr (Parser *p, const char **str, const char *end, bool raw, int recurse_lvl,
                   Buf *expr_text, bool *has_expr_text, FstringTokens *tk)
{
  char quote_char = 0;
  int string_type = 0;
  int nested_depth = 0;
  char parenstack[LANG_LEXER_MAX_LEVEL];
  LangExpr *format_spec = NULL;
  int conversion = -1;

  *has_expr_text = false;
  if (recurse_lvl >= 2)
    return p_raise_last (p, "SyntaxError", "f-string: expressions nested too deeply");

  *str += 1; /* the '{' */
  const char *expr_start = *str;
  for (; *str < end; (*str)++)
    {
      char ch = **str;
      if (ch == '\\')
        return p_raise_last (p, "SyntaxError",
                             "f-string expression part cannot include a backslash");
      if (quote_char)
        {
          if (ch == quote_char)
            {
              if (string_type == 3)
                {
                  if (*str + 2 < end && *(*str + 1) == ch && *(*str + 2) == ch)
                    {
                      *str += 2;
                      string_type = 0;
                      quote_char = 0;
                      continue;
                    }
                }
              else
                {
                  quote_char = 0;
                  string_type = 0;
                  continue;
                }
            }
          continue;
        }
      if (ch == '\'' || ch == '"')
        {
          if (*str + 2 < end && *(*str + 1) == ch && *(*str + 2) == ch)
            {
              string_type = 3;
              *str += 2;
            }
          else
            string_type = 1;
          quote_char = ch;
        }
      else if (ch == '[' || ch == '{' || ch == '(')
        {
          if (nested_depth >= LANG_LEXER_MAX_LEVEL)
            return p_raise_last (p, "SyntaxError", "f-string: too many nested parenthesis");
          parenstack[nested_depth++] = ch;
        }
      else if (ch == '#')
        return p_raise_last (p, "SyntaxError", "f-string expression part cannot include '#'");
      else if (nested_depth == 0
               && (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<'))
        {
          if (*str + 1 < end)
            {
              char next = *(*str + 1);
              if ((ch == '!' && next == '=') || (ch == '=' && next == '=')
                  || (ch == '<' && next == '=') || (ch == '>' && next == '='))
                {
                  *str += 1;
                  continue;
                }
            }
          if (ch == '>' || ch == '<')
            continue;
          break;
        }
      else if (ch == ']' || ch == '}' || ch == ')')
        {
          if (!nested_depth)
            return p_raise_last (p, "SyntaxError", "f-string: unmatched '%c'", ch);
          nested_depth--;
          int opening = (unsigned char) parenstack[nested_depth];
          if (!((opening == '(' && ch == ')') || (opening == '[' && ch == ']')
                || (opening == '{' && ch == '}')))
            return p_raise_last (p, "SyntaxError",
                                 "f-string: closing parenthesis '%c' does not match opening "
                                 "parenthesis '%c'",
                                 ch, opening);
        }
    }
  const char *expr_end = *str;
  if (quote_char)
    return p_raise_last (p, "SyntaxError", "f-string: unterminated string");
  if (nested_depth)
    return p_raise_last (p, "SyntaxError", "f-string: unmatched '%c'", parenstack[nested_depth - 1]);
  if (*str >= end)
    goto unexpected_end;

  /* fstring_compile_expr(): refuse an empty expression before parsing. */
  const char *s;
  for (s = expr_start; s != expr_end; s++)
    if (!(*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f'))
      break;
  if (s == expr_end)
    {
      if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=')
        return p_raise_last (p, "SyntaxError", "f-string: expression required before '%c'",
                             *expr_end);
      return p_raise_last (p, "SyntaxError", "f-string: empty expression not allowed");
    }
  LangExpr *simple = p_parse_fstring_expr (p, tk->t, expr_start, expr_end, tk->token_text);
  if (simple == NULL)
    return NULL;

  if (**str == '=')
    {
      *str += 1;
      while (**str == ' ' || **str == '\t' || **str == '\n' || **str == '\r' || **str == '\f'
             || **str == '\v')
        *str += 1;
      if (*str >= end)
        goto unexpected_end;
      buf_add (expr_text, expr_start, (size_t) (*str - expr_start));
      *has_expr_text = true;
    }
  if (**str == '!')
    {
      *str += 1;
      if (*str >= end)
        goto unexpected_end;
      conversion = (unsigned char) **str;
      *str += 1;
      if (!(conversion == 's' || conversion == 'r' || conversion == 'a'))
        return p_raise_last (p, "SyntaxError",
                             "f-string: invalid conversion character: expected 's', 'r', or 'a'");
    }
  if (*str >= end)
    goto unexpected_end;
  if (**str == ':')
    {
      *str += 1;
      if (*str >= end)
        goto unexpected_end;
      format_spec = fstring_parse (p, str, end, raw, recurse_lvl + 1, tk);
      if (format_spec == NULL)
        return NULL;
    }
  if (*str >= end || **str != '}')
    goto unexpected_end;
  *str += 1;
  if (*has_expr_text && format_spec == NULL && conversion == -1)
    conversion = 'r';

  LangExpr *fv = p_expr_new (p, LANG_EXPR_FORMATTED_VALUE, tk->first, tk->last);
  fv->u.formatted_value.value = simple;
  fv->u.formatted_value.conversion = conversion;
  fv->u.formatted_value.format_spec = format_spec;
  return fv;

unexpected_end:
  return p_raise_last (p, "SyntaxError", "f-string: expecting '}'");
}

/* _PyPegen_FstringParser_ConcatFstring(); returns false on error. */
static bool
fstring_concat (Parser *p, FstringState *st, const char **str, const char *end, bool raw,
                int recurse_lvl, FstringTokens *tk)
{
  st->fmode = true;
  for (;;)
    {
      Buf literal = { 0 };
      Buf expr_text = { 0 };
      bool has_expr_text = false;
      LangExpr *expression = NULL;

      int result = fstring_find_literal (p, str, end, raw, &literal, recurse_lvl);
      if (result < 0)
        {
          free (literal.data);
          return false;
        }
      if (result == 0 && *str < end && **str != '}')
        {
          expression = fstring_find_expr (p, str, end, raw, recurse_lvl, &expr_text,
                                          &has_expr_text, tk);
          if (expression == NULL)
            {
              free (literal.data);
              free (expr_text.data);
              return false;
            }
        }
      concat_str (st, literal.data, literal.len);
      free (literal.data);
      if (has_expr_text)
        concat_str (st, expr_text.data, expr_text.len);
      free (expr_text.data);
      if (result == 1)
        continue;
      if (expression == NULL)
        break;
      if (st->has_last_str)
        seq_push (p, &st->exprs, make_str_node (p, st, tk->first, tk->last));
      seq_push (p, &st->exprs, expression);
    }
  if (recurse_lvl == 0 && *str < end - 1)
    {
      p_raise_last (p, "SyntaxError", "f-string: unexpected end of string");
      return false;
    }
  if (recurse_lvl != 0 && **str != '}')
    {
      p_raise_last (p, "SyntaxError", "f-string: expecting '}'");
      return false;
    }
  return true;
}

/* _PyPegen_FstringParser_Finish() */
static LangExpr *
fstring_finish (Parser *p, FstringState *st, const LangToken *first, const LangToken *last)
{
  LangExpr *e;
  if (!st->fmode)
    {
      e = make_str_node (p, st, first, last);
      free (st->last_str.data);
      return e;
    }
  if (st->has_last_str)
    seq_push (p, &st->exprs, make_str_node (p, st, first, last));
  free (st->last_str.data);
  e = p_expr_new (p, LANG_EXPR_JOINED_STR, first, last);
  e->u.joined_str.values = (LangExpr **) st->exprs.items;
  e->u.joined_str.n_values = st->exprs.n;
  return e;
}

static LangExpr *
fstring_parse (Parser *p, const char **str, const char *end, bool raw, int recurse_lvl,
               FstringTokens *tk)
{
  FstringState st = { 0 };
  if (!fstring_concat (p, &st, str, end, raw, recurse_lvl, tk))
    {
      free (st.last_str.data);
      return NULL;
    }
  return fstring_finish (p, &st, tk->t, tk->t);
}

/* ---- strings ------------------------------------------------------------ */

/* _PyPegen_concatenate_strings() over STRING+ */
LangExpr *
parse_strings (Parser *p)
{
  Seq toks = { 0 };
  while (p_type (p) == LANG_TOK_STRING)
    seq_push (p, &toks, p_next (p));
  if (p_hard (p))
    return NULL;
  const LangToken *first = toks.items[0], *last = toks.items[toks.n - 1];

  bool bytesmode = false;
  Buf bytes = { 0 };
  FstringState st = { 0 };
  LangExpr *result = NULL;

  for (size_t i = 0; i < toks.n; i++)
    {
      const LangToken *t = toks.items[i];
      const char *s = t->start;
      bool this_bytes = false, raw = false, fmode = false;
      for (;; s++)
        {
          char c = *s;
          if (c == 'b' || c == 'B')
            this_bytes = true;
          else if (c == 'r' || c == 'R')
            raw = true;
          else if (c == 'f' || c == 'F')
            fmode = true;
          else if (c != 'u' && c != 'U')
            break;
        }
      char quote = *s++;
      const char *body_end = t->end - 1;
      if (body_end - s >= 4 && s[0] == quote && s[1] == quote)
        {
          s += 2;
          body_end -= 2;
        }
      size_t len = (size_t) (body_end - s);

      if (i != 0 && bytesmode != this_bytes)
        {
          /* CPython decodes this literal before it notices. */
          Buf scratch = { 0 };
          bool ok = true;
          if (!fmode)
            {
              if (this_bytes)
                {
                  for (const char *q = s; q < body_end; q++)
                    if ((unsigned char) *q >= 0x80)
                      {
                        p_raise_at (p, "SyntaxError", t->lineno, t->col_offset, t->end_lineno,
                                    t->end_col_offset,
                                    "bytes can only contain ASCII literal characters");
                        ok = false;
                        break;
                      }
                }
              else if (!raw && memchr (s, '\\', len) != NULL)
                ok = decode_unicode_with_escapes (p, s, len, &scratch);
            }
          free (scratch.data);
          if (ok)
            p_raise_last (p, "SyntaxError", "cannot mix bytes and nonbytes literals");
          goto out;
        }
      bytesmode = this_bytes;

      if (fmode)
        {
          FstringTokens tk = { first, last, t, t->start };
          const char *fs = s;
          if (!fstring_concat (p, &st, &fs, body_end, raw, 0, &tk))
            goto out;
          continue;
        }
      raw = raw || memchr (s, '\\', len) == NULL;
      if (this_bytes)
        {
          for (const char *q = s; q < body_end; q++)
            if ((unsigned char) *q >= 0x80)
              {
                p_raise_at (p, "SyntaxError", t->lineno, t->col_offset, t->end_lineno,
                            t->end_col_offset, "bytes can only contain ASCII literal characters");
                goto out;
              }
          if (raw)
            buf_add (&bytes, s, len);
          else if (!decode_bytes_with_escapes (p, s, len, &bytes))
            goto out;
        }
      else
        {
          Buf text = { 0 };
          if (raw)
            buf_add (&text, s, len);
          else if (!decode_unicode_with_escapes (p, s, len, &text))
            {
              free (text.data);
              goto out;
            }
          concat_str (&st, text.data, text.len);
          free (text.data);
        }
    }

  if (bytesmode)
    {
      result = p_expr_new (p, LANG_EXPR_CONSTANT, first, last);
      result->u.constant.type = LANG_CONST_BYTES;
      result->u.constant.value.str.data
        = lang_arena_strndup (p->arena, bytes.data ? bytes.data : "", bytes.len);
      result->u.constant.value.str.len = bytes.len;
    }
  else
    {
      result = fstring_finish (p, &st, first, last);
      st.last_str.data = NULL;
    }
out:
  free (bytes.data);
  free (st.last_str.data);
  return result;
}
