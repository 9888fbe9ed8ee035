/* syntax-error.c: LangSyntaxError helpers and the traceback text CPython 3.11
 * prints for a SyntaxError (pythonrun.c's print_error_text()). */
#include "syntax-error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  char *data;
  size_t len;
  size_t cap;
} Buf;

static void
buf_add (Buf *b, const char *s, size_t n)
{
  if (b->len + n + 1 > b->cap)
    {
      size_t cap = b->cap ? b->cap : 128;
      while (cap < b->len + n + 1)
        cap *= 2;
      char *data = realloc (b->data, cap);
      if (data == NULL)
        return;
      b->data = data;
      b->cap = cap;
    }
  memcpy (b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}

static void
buf_puts (Buf *b, const char *s)
{
  buf_add (b, s, strlen (s));
}

void
lang_syntax_error_clear (LangSyntaxError *error)
{
  free (error->msg);
  free (error->text);
  memset (error, 0, sizeof *error);
}

void
lang_syntax_error_set (LangSyntaxError *error, const char *type, const char *source,
                       size_t length, int lineno, int col_offset, int end_lineno,
                       int end_col_offset, const char *msg)
{
  lang_syntax_error_clear (error);
  error->type = type;
  error->msg = strdup (msg);
  error->lineno = lineno;
  error->offset = col_offset + 1;
  error->end_lineno = end_lineno;
  error->end_offset = end_col_offset + 1;

  /* The text is the physical line, read as the traceback module would. */
  const char *p = source, *end = source + length;
  for (int line = 1; line < lineno && p < end; line++)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      p = nl != NULL ? nl + 1 : end;
    }
  if (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      size_t n = nl != NULL ? (size_t) (nl + 1 - p) : (size_t) (end - p);
      error->text = malloc (n + 1);
      if (error->text != NULL)
        {
          memcpy (error->text, p, n);
          error->text[n] = '\0';
        }
    }
}

/* print_error_text(): offsets are characters but, as in CPython, the text is
 * walked byte by byte. */
static void
format_error_text (Buf *b, long offset, long end_offset, const char *text)
{
  long caret_repetitions = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;

  offset--;
  while (*text == ' ' || *text == '\t' || *text == '\f')
    {
      text++;
      offset--;
    }
  long len = (long) strlen (text);
  if (len > 0 && text[len - 1] == '\n')
    len--;
  if (offset > len)
    offset = len;
  for (;;)
    {
      const char *nl = strchr (text, '\n');
      if (nl == NULL)
        break;
      long inl = nl - text;
      if (inl >= offset)
        break;
      inl += 1;
      text += inl;
      len -= inl;
      offset -= inl;
    }
  buf_puts (b, "    ");
  buf_puts (b, text);
  if (text[len] != '\n')
    buf_puts (b, "\n");
  if (offset < 0)
    return;
  buf_puts (b, "    ");
  while (--offset >= 0)
    buf_puts (b, " ");
  for (long i = 0; i < caret_repetitions; i++)
    buf_puts (b, "^");
  buf_puts (b, "\n");
}

char *
lang_syntax_error_format (const LangSyntaxError *error, const char *filename)
{
  Buf b = { 0 };
  const char *type = error->type != NULL ? error->type : "SyntaxError";

  if (error->lineno > 0)
    {
      char line[64];
      buf_puts (&b, "  File \"");
      buf_puts (&b, filename != NULL ? filename : "<string>");
      snprintf (line, sizeof line, "\", line %d\n", error->lineno);
      buf_puts (&b, line);

      if (error->text != NULL)
        {
          long offset = error->offset;
          long end_offset = error->end_offset;
          long line_size = (long) strlen (error->text);
          /* Only a plain SyntaxError gets a caret range; its subclasses get
           * one caret (parse_syntax_error() checks the exact type). */
          if (strcmp (type, "SyntaxError") != 0)
            end_offset = -1;
          else
            {
              if (error->end_lineno > error->lineno)
                end_offset = line_size;
              if (end_offset > line_size + 1)
                end_offset = line_size + 1;
            }
          format_error_text (&b, offset, end_offset, error->text);
        }
    }
  buf_puts (&b, type);
  if (error->msg != NULL && error->msg[0] != '\0')
    {
      buf_puts (&b, ": ");
      buf_puts (&b, error->msg);
    }
  buf_puts (&b, "\n");
  return b.data;
}

char *
lang_message_vformat (const char *format, va_list args)
{
  va_list copy;
  int n;
  char *s;

  va_copy (copy, args);
  n = vsnprintf (NULL, 0, format, copy);
  va_end (copy);
  if (n < 0)
    return NULL;
  s = malloc ((size_t) n + 1);
  if (s != NULL)
    vsnprintf (s, (size_t) n + 1, format, args);
  return s;
}
