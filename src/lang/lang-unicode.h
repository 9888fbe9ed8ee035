/* lang-unicode.h: the few Unicode properties the lexer needs, plus a lenient
 * UTF-8 decoder; the tables in lang-unicode.c are generated. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* XID_Start or '_' (what str.isidentifier() accepts first). */
bool lang_unicode_is_id_start (uint32_t cp);
/* XID_Continue (what str.isidentifier() accepts after the first). */
bool lang_unicode_is_id_continue (uint32_t cp);
/* As str.isprintable() for one character. */
bool lang_unicode_is_printable (uint32_t cp);

/* Decodes one UTF-8 sequence at @s (at most @len bytes). Returns its length
 * and stores the code point, or returns 0 for an invalid or truncated one. */
static inline size_t
lang_utf8_decode (const char *s, size_t len, uint32_t *cp)
{
  const unsigned char *u = (const unsigned char *) s;
  if (len == 0)
    return 0;
  if (u[0] < 0x80)
    {
      *cp = u[0];
      return 1;
    }
  size_t n;
  uint32_t c;
  if (u[0] >= 0xC2 && u[0] < 0xE0)
    n = 2, c = u[0] & 0x1F;
  else if (u[0] >= 0xE0 && u[0] < 0xF0)
    n = 3, c = u[0] & 0x0F;
  else if (u[0] >= 0xF0 && u[0] < 0xF5)
    n = 4, c = u[0] & 0x07;
  else
    return 0;
  if (len < n)
    return 0;
  for (size_t i = 1; i < n; i++)
    {
      if ((u[i] & 0xC0) != 0x80)
        return 0;
      c = (c << 6) | (u[i] & 0x3F);
    }
  if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF))
      || (c >= 0xD800 && c <= 0xDFFF))
    return 0;
  *cp = c;
  return n;
}

/* Appends the UTF-8 encoding of @cp to @out (room for 4 bytes); returns the
 * number of bytes written. */
static inline size_t
lang_utf8_encode (uint32_t cp, char *out)
{
  unsigned char *o = (unsigned char *) out;
  if (cp < 0x80)
    {
      o[0] = (unsigned char) cp;
      return 1;
    }
  if (cp < 0x800)
    {
      o[0] = (unsigned char) (0xC0 | (cp >> 6));
      o[1] = (unsigned char) (0x80 | (cp & 0x3F));
      return 2;
    }
  if (cp < 0x10000)
    {
      o[0] = (unsigned char) (0xE0 | (cp >> 12));
      o[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
      o[2] = (unsigned char) (0x80 | (cp & 0x3F));
      return 3;
    }
  o[0] = (unsigned char) (0xF0 | (cp >> 18));
  o[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char) (0x80 | (cp & 0x3F));
  return 4;
}
