/* str.c: the str type: creation with CPython's sizes, the shared empty and
 * one-character strings, the interning table, SipHash-1-3 hashing, repr,
 * comparison, concatenation, indexing and slicing, iteration, str(). The
 * methods live in str-methods.c. */
#include "str-private.h"
#include "abstract.h"
#include "class.h"
#include "error.h"
#include "event.h"
#include "gc.h"
#include "int.h"
#include "range.h"
#include "runtime.h"
#include "singletons.h"
#include "tuple.h"

#include <stdlib.h>
#include <string.h>

#define STR_HEADER offsetof (RtStr, data)

/* The shared strings: '' and the 256 one-character strings of Latin-1,
 * created on first use and held by the runtime, as CPython's singletons. */
static RtObject *empty_str;
static RtObject *latin1_strs[256];

/* The interning table: open addressing with linear probing. It does not own
 * its strings (CPython 3.11's mortal interned strings): a dying interned
 * string removes itself. */
#define TOMBSTONE ((RtObject *) (uintptr_t) 1)
static RtObject **intern_table;
static size_t intern_cap;     /* a power of two, or 0 */
static size_t intern_used;    /* live entries */
static size_t intern_filled;  /* live entries and tombstones */

/* The last code point offset found in a non-ASCII str, so that walking a
 * string by index is not quadratic. Named by serial: ids are reused. */
static struct
{
  uint64_t serial;
  int64_t index;
  size_t offset;
} offset_cache;

/* Sizes and kinds */

unsigned
rt_str_kind_for (uint32_t max_cp)
{
  return max_cp < 0x80 ? 0 : max_cp < 0x100 ? 1 : max_cp < 0x10000 ? 2 : 3;
}

int64_t
rt_utf8_length (const char *utf8, size_t size, uint32_t *max_cp)
{
  int64_t length = 0;
  uint32_t max = 0;
  size_t i = 0;

  while (i < size)
    {
      unsigned char c = (unsigned char) utf8[i];
      if (c < 0x80)
        {
          i++;
          if (c > max)
            max = c;
        }
      else
        {
          size_t len;
          uint32_t cp = rt_utf8_decode (utf8 + i, &len);
          i += len;
          if (cp > max)
            max = cp;
        }
      length++;
    }
  *max_cp = max;
  return length;
}

/* CPython's __sizeof__ of a compact str: an ASCII header of 48 bytes or a
 * compact one of 72, then length + 1 code units of the kind's width. */
static size_t
str_size_of (RtObject *self)
{
  unsigned kind = rt_str_kind (self);
  size_t n = (size_t) rt_str_length (self) + 1;

  if (kind == 0)
    return 48 + n;
  return 72 + n * (kind == 1 ? 1 : kind == 2 ? 2 : 4);
}

/* Creation */

RtObject *
rt_str_alloc (size_t size, int64_t length, unsigned kind)
{
  RtStr *s = (RtStr *) rt_object_alloc (&rt_str_type, STR_HEADER + size + 1);

  if (s == NULL)
    return NULL;
  s->ob.aux |= kind;
  s->hash = -1;
  s->length = length;
  s->size = (int64_t) size;
  s->data[size] = '\0';
  return (RtObject *) s;
}

void
rt_str_born (RtObject *s)
{
  RT_EVENT_BORN (s, 0);
}

/* A str for text already known not to be one of the shared ones; BORN is
 * left to the caller when born is false. */
static RtObject *
str_make (const char *utf8, size_t size, int64_t length, uint32_t max_cp, bool born)
{
  RtObject *s = rt_str_alloc (size, length, rt_str_kind_for (max_cp));

  if (s == NULL)
    return NULL;
  memcpy (((RtStr *) s)->data, utf8, size);
  if (born)
    RT_EVENT_BORN (s, 0);
  return s;
}

static RtObject *
shared_str (uint32_t cp)
{
  RtObject **slot = cp == UINT32_MAX ? &empty_str : &latin1_strs[cp];

  if (*slot == NULL)
    {
      char buf[4];
      size_t n = cp == UINT32_MAX ? 0 : rt_utf8_encode (cp, buf);

      *slot = str_make (buf, n, cp == UINT32_MAX ? 0 : 1, cp == UINT32_MAX ? 0 : cp, false);
      if (*slot == NULL)
        return NULL;
      RT_EVENT_BORN (*slot, RT_EVF_CACHED);
    }
  return rt_newref (*slot);
}

/* The one-character str for a code point: shared below 256. */
RtObject *
rt_str_from_codepoint (uint32_t cp)
{
  char buf[4];
  size_t n;

  if (cp < 256)
    return shared_str (cp);
  n = rt_utf8_encode (cp, buf);
  return str_make (buf, n, 1, cp, true);
}

RtObject *
rt_str_new (const char *utf8, size_t size)
{
  uint32_t max_cp;
  int64_t length;

  if (size == 0)
    return shared_str (UINT32_MAX);
  length = rt_utf8_length (utf8, size, &max_cp);
  if (length == 1 && max_cp < 256)
    return shared_str (max_cp);
  return str_make (utf8, size, length, max_cp, true);
}

RtObject *
rt_str_from_cstr (const char *cstr)
{
  return rt_str_new (cstr, strlen (cstr));
}

/* Accepts UTF-8 as Python's decoder does: no overlong forms, no surrogates,
 * nothing above U+10FFFF. */
RtObject *
rt_str_decode_utf8 (const char *bytes, size_t size)
{
  const unsigned char *u = (const unsigned char *) bytes;
  size_t i = 0;

  while (i < size)
    {
      size_t n, j;
      uint32_t cp;
      const char *reason = "invalid start byte";

      if (u[i] < 0x80)
        {
          i++;
          continue;
        }
      if (u[i] >= 0xC2 && u[i] < 0xE0)
        n = 2, cp = u[i] & 0x1F;
      else if (u[i] >= 0xE0 && u[i] < 0xF0)
        n = 3, cp = u[i] & 0x0F;
      else if (u[i] >= 0xF0 && u[i] < 0xF5)
        n = 4, cp = u[i] & 0x07;
      else
        goto bad;
      reason = "invalid continuation byte";
      for (j = 1; j < n; j++)
        {
          if (i + j >= size)
            {
              reason = "unexpected end of data";
              goto bad;
            }
          if ((u[i + j] & 0xC0) != 0x80)
            goto bad;
          cp = (cp << 6) | (u[i + j] & 0x3F);
        }
      if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))
          || (cp >= 0xD800 && cp <= 0xDFFF))
        goto bad;
      i += n;
      continue;

    bad:
      rt_error_format (&rt_exc_UnicodeDecodeError,
                       "'utf-8' codec can't decode byte 0x%02x in position %zu: %s", u[i], i,
                       reason);
      return NULL;
    }
  return rt_str_new (bytes, size);
}

RtObject *
rt_str_exact (RtObject *s)
{
  if (s->type == &rt_str_type)
    return rt_newref (s);
  return rt_str_new (rt_str_utf8 (s), (size_t) rt_str_size (s));
}

/* Offsets and substrings */

size_t
rt_str_offset (RtObject *s, int64_t index)
{
  const char *p = rt_str_utf8 (s);
  int64_t i = 0;
  size_t off = 0;

  if (rt_str_is_ascii (s) || index <= 0)
    return (size_t) (index < 0 ? 0 : index);
  if (index >= rt_str_length (s))
    return (size_t) rt_str_size (s);
  if (offset_cache.serial == s->serial && offset_cache.index <= index)
    {
      i = offset_cache.index;
      off = offset_cache.offset;
    }
  while (i < index)
    {
      unsigned char c = (unsigned char) p[off];
      off += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      i++;
    }
  offset_cache.serial = s->serial;
  offset_cache.index = index;
  offset_cache.offset = off;
  return off;
}

RtObject *
rt_str_substr (RtObject *s, int64_t start, int64_t end)
{
  size_t a, b;

  if (start <= 0 && end >= rt_str_length (s) && s->type == &rt_str_type)
    return rt_newref (s);
  if (end <= start)
    return rt_str_new ("", 0);
  a = rt_str_offset (s, start);
  b = rt_str_offset (s, end);
  return rt_str_new (rt_str_utf8 (s) + a, b - a);
}

/* Hashing: SipHash-1-3 with a zero key, as CPython with PYTHONHASHSEED=0,
 * over the string in CPython's representation: Latin-1 bytes, or UCS-2 or
 * UCS-4 code units in little-endian order. */

typedef struct
{
  uint64_t v0, v1, v2, v3;
  uint64_t tail;
  unsigned ntail;
} SipState;

#define ROTATE(x, b) (uint64_t) (((x) << (b)) | ((x) >> (64 - (b))))
#define HALF_ROUND(a, b, c, d, s, t) \
  a += b;                            \
  c += d;                            \
  b = ROTATE (b, s) ^ a;             \
  d = ROTATE (d, t) ^ c;             \
  a = ROTATE (a, 32);
#define SINGLE_ROUND(v0, v1, v2, v3)   \
  HALF_ROUND (v0, v1, v2, v3, 13, 16); \
  HALF_ROUND (v2, v1, v0, v3, 17, 21);

static void
sip_init (SipState *st)
{
  st->v0 = 0x736f6d6570736575ULL;
  st->v1 = 0x646f72616e646f6dULL;
  st->v2 = 0x6c7967656e657261ULL;
  st->v3 = 0x7465646279746573ULL;
  st->tail = 0;
  st->ntail = 0;
}

static void
sip_byte (SipState *st, uint8_t byte)
{
  st->tail |= (uint64_t) byte << (8 * st->ntail);
  if (++st->ntail == 8)
    {
      uint64_t mi = st->tail;
      st->v3 ^= mi;
      SINGLE_ROUND (st->v0, st->v1, st->v2, st->v3);
      st->v0 ^= mi;
      st->tail = 0;
      st->ntail = 0;
    }
}

static uint64_t
sip_finish (SipState *st, uint64_t total)
{
  uint64_t b = (total << 56) | st->tail;

  st->v3 ^= b;
  SINGLE_ROUND (st->v0, st->v1, st->v2, st->v3);
  st->v0 ^= b;
  st->v2 ^= 0xff;
  SINGLE_ROUND (st->v0, st->v1, st->v2, st->v3);
  SINGLE_ROUND (st->v0, st->v1, st->v2, st->v3);
  SINGLE_ROUND (st->v0, st->v1, st->v2, st->v3);
  return (st->v0 ^ st->v1) ^ (st->v2 ^ st->v3);
}

static RtHash
hash_utf8 (const char *p, size_t size, int64_t length, unsigned kind)
{
  unsigned width = kind <= 1 ? 1 : kind == 2 ? 2 : 4;
  SipState st;
  size_t i = 0;
  RtHash h;

  if (length == 0)
    return 0;
  sip_init (&st);
  while (i < size)
    {
      size_t len;
      uint32_t cp = rt_utf8_decode (p + i, &len);
      i += len;
      for (unsigned k = 0; k < width; k++)
        sip_byte (&st, (uint8_t) (cp >> (8 * k)));
    }
  h = (RtHash) sip_finish (&st, (uint64_t) length * width);
  return h == -1 ? -2 : h;
}

RtHash
rt_str_hash (RtObject *s)
{
  RtStr *str = (RtStr *) s;

  if (str->hash == -1)
    str->hash = hash_utf8 (str->data, (size_t) str->size, str->length, rt_str_kind (s));
  return str->hash;
}

static RtHash
str_hash (RtObject *self)
{
  return rt_str_hash (self);
}

/* Interning */

static size_t
intern_probe_start (RtHash h)
{
  return (size_t) h & (intern_cap - 1);
}

/* The interned str with this text and hash, or NULL. */
static RtObject *
intern_lookup (const char *data, size_t size, RtHash h)
{
  size_t i;

  if (intern_cap == 0)
    return NULL;
  for (i = intern_probe_start (h);; i = (i + 1) & (intern_cap - 1))
    {
      RtObject *e = intern_table[i];
      if (e == NULL)
        return NULL;
      if (e != TOMBSTONE && ((RtStr *) e)->hash == h && (size_t) rt_str_size (e) == size
          && memcmp (rt_str_utf8 (e), data, size) == 0)
        return e;
    }
}

static bool
intern_resize (size_t cap)
{
  RtObject **old = intern_table;
  size_t old_cap = intern_cap;
  RtObject **table = calloc (cap, sizeof *table);

  if (table == NULL)
    return false;
  intern_table = table;
  intern_cap = cap;
  intern_filled = intern_used;
  for (size_t j = 0; j < old_cap; j++)
    {
      RtObject *e = old[j];
      if (e != NULL && e != TOMBSTONE)
        {
          size_t i = intern_probe_start (((RtStr *) e)->hash);
          while (table[i] != NULL)
            i = (i + 1) & (cap - 1);
          table[i] = e;
        }
    }
  free (old);
  return true;
}

static bool
intern_insert (RtObject *s)
{
  size_t i;

  if ((intern_filled + 1) * 3 >= intern_cap * 2)
    {
      size_t cap = intern_cap == 0 ? 64 : intern_cap;
      while ((intern_used + 1) * 3 >= cap)
        cap *= 2;
      if (!intern_resize (cap))
        return false;
    }
  i = intern_probe_start (rt_str_hash (s));
  while (intern_table[i] != NULL && intern_table[i] != TOMBSTONE)
    i = (i + 1) & (intern_cap - 1);
  if (intern_table[i] == NULL)
    intern_filled++;
  intern_table[i] = s;
  intern_used++;
  s->aux |= RT_STR_INTERNED;
  return true;
}

static void
intern_remove (RtObject *s)
{
  size_t i;

  if (intern_cap == 0)
    return;
  for (i = intern_probe_start (((RtStr *) s)->hash); intern_table[i] != NULL;
       i = (i + 1) & (intern_cap - 1))
    if (intern_table[i] == s)
      {
        intern_table[i] = TOMBSTONE;
        intern_used--;
        return;
      }
}

void
rt_str_intern_in_place (RtObject **p)
{
  RtObject *s = *p, *t;

  if (s == NULL || s->type != &rt_str_type || rt_str_is_interned (s))
    return;
  t = intern_lookup (rt_str_utf8 (s), (size_t) rt_str_size (s), rt_str_hash (s));
  if (t != NULL)
    {
      *p = rt_newref (t);
      rt_decref (s);
      return;
    }
  /* Out of memory for the table: the string just stays uninterned, as
   * CPython clears the error and goes on. */
  intern_insert (s);
}

RtObject *
rt_str_intern_cstr (const char *cstr)
{
  size_t size = strlen (cstr);
  uint32_t max_cp;
  int64_t length;
  RtObject *s, *t;

  length = rt_utf8_length (cstr, size, &max_cp);
  if (size == 0 || (length == 1 && max_cp < 256))
    {
      s = rt_str_new (cstr, size);
      rt_str_intern_in_place (&s);
      return s;
    }
  t = intern_lookup (cstr, size, hash_utf8 (cstr, size, length, rt_str_kind_for (max_cp)));
  if (t != NULL)
    return rt_newref (t);
  /* A fresh string is born interned: the event says so. */
  s = str_make (cstr, size, length, max_cp, false);
  if (s == NULL)
    return NULL;
  intern_insert (s);
  RT_EVENT_BORN (s, rt_str_is_interned (s) ? RT_EVF_INTERNED : 0);
  return s;
}

/* Equality and order: UTF-8 byte order is code point order. */

bool
rt_str_equal (RtObject *a, RtObject *b)
{
  if (a == b)
    return true;
  return rt_str_size (a) == rt_str_size (b)
         && memcmp (rt_str_utf8 (a), rt_str_utf8 (b), (size_t) rt_str_size (a)) == 0;
}

bool
rt_str_equal_cstr (RtObject *s, const char *cstr)
{
  size_t n = strlen (cstr);

  return (size_t) rt_str_size (s) == n && memcmp (rt_str_utf8 (s), cstr, n) == 0;
}

static int
str_compare (RtObject *a, RtObject *b)
{
  size_t na = (size_t) rt_str_size (a), nb = (size_t) rt_str_size (b);
  int c = memcmp (rt_str_utf8 (a), rt_str_utf8 (b), na < nb ? na : nb);

  if (c != 0)
    return c < 0 ? -1 : 1;
  return na < nb ? -1 : na > nb;
}

static RtObject *
str_richcompare (RtObject *self, RtObject *other, int op)
{
  int c;
  bool r;

  if (!rt_is_str (self) || !rt_is_str (other))
    return rt_newref (RT_NOT_IMPLEMENTED);
  if (op == RT_EQ || op == RT_NE)
    return rt_bool_new (rt_str_equal (self, other) == (op == RT_EQ));
  c = str_compare (self, other);
  switch (op)
    {
    case RT_LT:
      r = c < 0;
      break;
    case RT_LE:
      r = c <= 0;
      break;
    case RT_GT:
      r = c > 0;
      break;
    default:
      r = c >= 0;
      break;
    }
  return rt_bool_new (r);
}

/* repr */

RtObject *
rt_str_repr (RtObject *s)
{
  static const char hex[] = "0123456789abcdef";
  const char *p = rt_str_utf8 (s);
  size_t size = (size_t) rt_str_size (s), i = 0;
  bool squote = memchr (p, '\'', size) != NULL, dquote = memchr (p, '"', size) != NULL;
  char quote = squote && !dquote ? '"' : '\'';
  RtStrBuilder sb;

  rt_sb_init (&sb);
  rt_sb_append (&sb, &quote, 1);
  while (i < size)
    {
      size_t len;
      uint32_t cp = rt_utf8_decode (p + i, &len);
      char esc[10];

      if (cp == (uint32_t) quote || cp == '\\')
        {
          esc[0] = '\\';
          esc[1] = (char) cp;
          rt_sb_append (&sb, esc, 2);
        }
      else if (cp == '\t')
        rt_sb_append (&sb, "\\t", 2);
      else if (cp == '\n')
        rt_sb_append (&sb, "\\n", 2);
      else if (cp == '\r')
        rt_sb_append (&sb, "\\r", 2);
      else if (cp < ' ' || cp == 0x7F)
        {
          esc[0] = '\\';
          esc[1] = 'x';
          esc[2] = hex[cp >> 4];
          esc[3] = hex[cp & 15];
          rt_sb_append (&sb, esc, 4);
        }
      else if (cp < 0x7F || rt_unicode_is_printable (cp))
        rt_sb_append (&sb, p + i, len);
      else
        {
          int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
          esc[0] = '\\';
          esc[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
          for (int k = 0; k < digits; k++)
            esc[2 + k] = hex[(cp >> (4 * (digits - 1 - k))) & 15];
          rt_sb_append (&sb, esc, 2 + (size_t) digits);
        }
      i += len;
    }
  rt_sb_append (&sb, &quote, 1);
  return rt_sb_finish (&sb);
}

RtObject *
rt_str_ascii_repr (RtObject *obj)
{
  static const char hex[] = "0123456789abcdef";
  RtObject *r = rt_repr (obj);
  RtStrBuilder sb;
  const char *p;
  size_t size, i = 0;

  if (r == NULL || rt_str_is_ascii (r))
    return r;
  p = rt_str_utf8 (r);
  size = (size_t) rt_str_size (r);
  rt_sb_init (&sb);
  while (i < size)
    {
      size_t len;
      uint32_t cp = rt_utf8_decode (p + i, &len);
      if (cp < 0x80)
        rt_sb_append (&sb, p + i, 1);
      else
        {
          char esc[10];
          int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
          esc[0] = '\\';
          esc[1] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
          for (int k = 0; k < digits; k++)
            esc[2 + k] = hex[(cp >> (4 * (digits - 1 - k))) & 15];
          rt_sb_append (&sb, esc, 2 + (size_t) digits);
        }
      i += len;
    }
  rt_decref (r);
  return rt_sb_finish (&sb);
}

static RtObject *
str_str (RtObject *self)
{
  return rt_str_exact (self);
}

/* Sequence behaviour */

RtObject *
rt_str_concat (RtObject *a, RtObject *b)
{
  RtObject *s;
  size_t na, nb;

  if (!rt_is_str (a) || !rt_is_str (b))
    {
      rt_error_format (&rt_exc_TypeError, "can only concatenate str (not \"%s\") to str",
                       rt_type_name (RT_TYPE (rt_is_str (a) ? b : a)));
      return NULL;
    }
  if (rt_str_size (b) == 0 && a->type == &rt_str_type)
    return rt_newref (a);
  if (rt_str_size (a) == 0 && b->type == &rt_str_type)
    return rt_newref (b);
  na = (size_t) rt_str_size (a);
  nb = (size_t) rt_str_size (b);
  if (rt_str_length (a) + rt_str_length (b) == 1)
    return rt_str_new (na ? rt_str_utf8 (a) : rt_str_utf8 (b), na + nb);
  s = rt_str_alloc (na + nb, rt_str_length (a) + rt_str_length (b),
                    rt_str_kind (a) > rt_str_kind (b) ? rt_str_kind (a) : rt_str_kind (b));
  if (s == NULL)
    return NULL;
  memcpy (((RtStr *) s)->data, rt_str_utf8 (a), na);
  memcpy (((RtStr *) s)->data + na, rt_str_utf8 (b), nb);
  rt_str_born (s);
  return s;
}

static RtObject *
str_repeat (RtObject *self, int64_t n)
{
  size_t size = (size_t) rt_str_size (self);
  RtObject *s;
  char *p;

  if (n <= 0 || size == 0)
    return rt_str_new ("", 0);
  if (n == 1)
    return rt_str_exact (self);
  if (rt_str_length (self) > INT64_MAX / n)
    {
      rt_error_format (&rt_exc_OverflowError, "repeated string is too long");
      return NULL;
    }
  if (size > (SIZE_MAX / 2) / (size_t) n)
    return rt_error_no_memory ();
  s = rt_str_alloc (size * (size_t) n, rt_str_length (self) * n, rt_str_kind (self));
  if (s == NULL)
    return NULL;
  p = ((RtStr *) s)->data;
  if (size == 1)
    memset (p, rt_str_utf8 (self)[0], (size_t) n);
  else
    {
      /* Doubling copies, as CPython does. */
      size_t done = size, total = size * (size_t) n;
      memcpy (p, rt_str_utf8 (self), size);
      while (done < total)
        {
          size_t chunk = done < total - done ? done : total - done;
          memcpy (p + done, p, chunk);
          done += chunk;
        }
    }
  rt_str_born (s);
  return s;
}

static int64_t
str_length (RtObject *self)
{
  return rt_str_length (self);
}

static RtObject *
str_item (RtObject *self, int64_t i)
{
  size_t off, len;
  uint32_t cp;

  if (i < 0 || i >= rt_str_length (self))
    {
      rt_error_format (&rt_exc_IndexError, "string index out of range");
      return NULL;
    }
  if (rt_str_is_ascii (self))
    return shared_str ((unsigned char) rt_str_utf8 (self)[i]);
  off = rt_str_offset (self, i);
  cp = rt_utf8_decode (rt_str_utf8 (self) + off, &len);
  return rt_str_from_codepoint (cp);
}

static int
str_contains (RtObject *self, RtObject *item)
{
  const char *hay = rt_str_utf8 (self), *needle;
  size_t nh = (size_t) rt_str_size (self), nn;

  if (!rt_is_str (item))
    {
      rt_error_format (&rt_exc_TypeError,
                       "'in <string>' requires string as left operand, not %s",
                       rt_type_name (item->type));
      return -1;
    }
  needle = rt_str_utf8 (item);
  nn = (size_t) rt_str_size (item);
  if (nn == 0)
    return 1;
  for (size_t i = 0; i + nn <= nh; i++)
    {
      const char *hit = memchr (hay + i, needle[0], nh - nn - i + 1);
      if (hit == NULL)
        return 0;
      i = (size_t) (hit - hay);
      if (memcmp (hit, needle, nn) == 0)
        return 1;
    }
  return 0;
}

static RtObject *
str_sq_concat (RtObject *self, RtObject *other)
{
  return rt_str_concat (self, other);
}

/* s[i] and s[a:b:c] */
static RtObject *
str_subscript (RtObject *self, RtObject *key)
{
  int64_t length = rt_str_length (self);

  if (key->type->number != NULL && key->type->number->index != NULL)
    {
      RtObject *idx = rt_number_index (key);
      int64_t i;

      if (idx == NULL)
        return NULL;
      if (!rt_int_to_i64 (idx, &i))
        {
          rt_decref (idx);
          rt_error_format (&rt_exc_IndexError, "cannot fit 'int' into an index-sized integer");
          return NULL;
        }
      rt_decref (idx);
      if (i < 0)
        i += length;
      return str_item (self, i);
    }
  if (key->type == &rt_slice_type)
    {
      int64_t start, stop, step, count;
      const char *p = rt_str_utf8 (self);
      RtStrBuilder sb;

      count = rt_slice_indices (key, length, &start, &stop, &step);
      if (count < 0)
        return NULL;
      if (step == 1)
        return rt_str_substr (self, start, start + count);
      if (count == 0)
        return rt_str_new ("", 0);
      rt_sb_init (&sb);
      if (rt_str_is_ascii (self))
        for (int64_t k = 0, i = start; k < count; k++, i += step)
          rt_sb_append (&sb, p + i, 1);
      else
        {
          /* Decode once into code point offsets, then pick. */
          size_t *offs = malloc (((size_t) length + 1) * sizeof *offs), off = 0;
          if (offs == NULL)
            {
              rt_sb_dispose (&sb);
              return rt_error_no_memory ();
            }
          for (int64_t i = 0; i <= length; i++)
            {
              offs[i] = off;
              if (i < length)
                {
                  unsigned char c = (unsigned char) p[off];
                  off += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
                }
            }
          for (int64_t k = 0, i = start; k < count; k++, i += step)
            rt_sb_append (&sb, p + offs[i], offs[i + 1] - offs[i]);
          free (offs);
        }
      return rt_sb_finish (&sb);
    }
  rt_error_format (&rt_exc_TypeError, "string indices must be integers, not '%s'",
                   rt_type_name (key->type));
  return NULL;
}

/* Iteration: str_ascii_iterator and str_iterator, as CPython 3.11. */

typedef struct
{
  RtObject ob;
  RtObject *seq;   /* NULL once exhausted */
  int64_t index;
  size_t offset;
} RtStrIter;

/* The iterator types are private to str: readied on first use in each run
 * (a cheap check once done); the runtime releases every readied type. */
static bool
ready_iter_types (void)
{
  return rt_type_ready (&rt_str_iter_type) && rt_type_ready (&rt_str_ascii_iter_type);
}

static RtObject *
str_iter (RtObject *self)
{
  RtStrIter *it;

  if (!ready_iter_types ())
    return NULL;

  it = (RtStrIter *) rt_gc_alloc (rt_str_is_ascii (self) ? &rt_str_ascii_iter_type
                                                         : &rt_str_iter_type,
                                  sizeof (RtStrIter));
  if (it == NULL)
    return NULL;
  it->seq = rt_newref (self);
  it->index = 0;
  it->offset = 0;
  RT_EVENT_BORN (it, 0);
  RT_EVENT_REF_ADD (it, rt_slot_label (RT_LABEL_ITERATED), self);
  rt_gc_track ((RtObject *) it);
  return (RtObject *) it;
}

static RtObject *
str_iter_next (RtObject *self)
{
  RtStrIter *it = (RtStrIter *) self;
  RtObject *seq = it->seq;
  size_t len;
  uint32_t cp;

  if (seq == NULL)
    return NULL;
  if (it->offset < (size_t) rt_str_size (seq))
    {
      cp = rt_utf8_decode (rt_str_utf8 (seq) + it->offset, &len);
      it->offset += len;
      it->index++;
      return rt_str_from_codepoint (cp);
    }
  it->seq = NULL;
  RT_EVENT_REF_DEL (it, rt_slot_label (RT_LABEL_ITERATED), seq);
  rt_decref (seq);
  return NULL;
}

static RtObject *
str_iter_self (RtObject *self)
{
  return rt_newref (self);
}

static int
str_iter_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  RT_VISIT (((RtStrIter *) self)->seq);
  return 0;
}

static void
str_iter_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  RtStrIter *it = (RtStrIter *) self;

  if (it->seq != NULL)
    visit (self, rt_slot_label (RT_LABEL_ITERATED), it->seq, arg);
}

static void
str_iter_dealloc (RtObject *self)
{
  RtStrIter *it = (RtStrIter *) self;

  rt_gc_untrack (self);
  RT_CLEAR (it->seq);
  rt_gc_free (self, sizeof (RtStrIter));
}

static RtObject *
str_iter_length_hint (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtStrIter *it = (RtStrIter *) self;

  return rt_int_from_i64 (it->seq != NULL ? rt_str_length (it->seq) - it->index : 0);
}

static const RtMethodDef str_iter_methods[] = {
  { "__length_hint__", str_iter_length_hint, 0 },
  { NULL, NULL, 0 },
};

RtType rt_str_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "str_iterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtStrIter),
  .dealloc = str_iter_dealloc,
  .traverse = str_iter_traverse,
  .refs = str_iter_refs,
  .iter = str_iter_self,
  .iternext = str_iter_next,
  .methods = str_iter_methods,
};

RtType rt_str_ascii_iter_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "str_ascii_iterator",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (RtStrIter),
  .dealloc = str_iter_dealloc,
  .traverse = str_iter_traverse,
  .refs = str_iter_refs,
  .iter = str_iter_self,
  .iternext = str_iter_next,
  .methods = str_iter_methods,
};

/* str(), str(x), str(object=, encoding=, errors=) */

static RtObject *
str_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const names[] = { "object", "encoding", "errors" };
  RtObject *params[3] = { NULL, NULL, NULL };
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
  RtObject *result, *obj;

  if (nargs + nkw > 3)
    {
      rt_error_format (&rt_exc_TypeError, "str() takes at most 3 arguments (%zu given)",
                       nargs + nkw);
      return NULL;
    }
  for (size_t i = 0; i < nargs; i++)
    params[i] = args[i];
  for (size_t i = 0; i < nkw; i++)
    {
      RtObject *name = RT_TUPLE_ITEMS (kwnames)[i];
      size_t k;
      for (k = 0; k < 3; k++)
        if (rt_str_equal_cstr (name, names[k]))
          break;
      if (k == 3)
        {
          rt_error_format (&rt_exc_TypeError, "'%s' is an invalid keyword argument for str()",
                           rt_str_utf8 (name));
          return NULL;
        }
      if (params[k] != NULL)
        {
          rt_error_format (&rt_exc_TypeError,
                           "argument for str() given by name ('%s') and position (%zu)",
                           names[k], k + 1);
          return NULL;
        }
      params[k] = args[nargs + i];
    }
  if (params[0] == NULL)
    result = rt_str_new ("", 0);
  else if (params[1] != NULL || params[2] != NULL)
    {
      if (rt_is_str (params[0]))
        rt_error_format (&rt_exc_TypeError, "decoding str is not supported");
      else
        rt_error_format (&rt_exc_TypeError, "decoding to str: need a bytes-like object, %s found",
                         rt_type_name (params[0]->type));
      return NULL;
    }
  else
    result = rt_str (params[0]);
  if (result == NULL || type == &rt_str_type)
    return result;

  /* A subclass instance: the same layout after the type's fixed part. */
  {
    size_t size = (size_t) rt_str_size (result);
    RtStr *s;

    if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
      obj = rt_gc_alloc (type, type->basic_size + size + 1);
    else
      obj = rt_object_alloc (type, type->basic_size + size + 1);
    if (obj == NULL)
      {
        rt_decref (result);
        return NULL;
      }
    s = (RtStr *) obj;
    obj->aux |= rt_str_kind (result);
    s->hash = -1;
    s->length = rt_str_length (result);
    s->size = (int64_t) size;
    memcpy (s->data, rt_str_utf8 (result), size + 1);
    rt_decref (result);
    RT_EVENT_BORN (obj, 0);
    if (RT_TYPE_HAS (type, RT_TPFLAG_GC))
      rt_gc_track (obj);
    return obj;
  }
}

size_t
rt_str_alloc_size (RtObject *s)
{
  return s->type->basic_size + (size_t) rt_str_size (s) + 1;
}

static void
str_dealloc (RtObject *self)
{
  size_t size = rt_str_alloc_size (self);

  if (rt_str_is_interned (self))
    intern_remove (self);
  if (offset_cache.serial == self->serial)
    offset_cache.serial = 0;
  if (RT_IS_GC (self))
    {
      if (rt_gc_is_tracked (self))
        rt_gc_untrack (self);
      rt_gc_free (self, size);
    }
  else
    rt_object_free (self, size);
}

static const RtSequenceMethods str_sequence = {
  .length = str_length,
  .item = str_item,
  .contains = str_contains,
  .concat = str_sq_concat,
  .repeat = str_repeat,
};

static const RtMappingMethods str_mapping = {
  .length = str_length,
  .subscript = str_subscript,
};

static RtObject *
str_mod (RtObject *a, RtObject *b)
{
  if (!rt_is_str (a))
    return rt_newref (RT_NOT_IMPLEMENTED);
  return rt_str_printf (a, b);
}

static const RtNumberMethods str_number = {
  .remainder = str_mod,
};

RtType rt_str_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "str",
  .flags = RT_TPFLAG_BASETYPE | RT_TPFLAG_STR_SUBCLASS,
  .basic_size = sizeof (RtStr),
  .item_size = 1,
  .dealloc = str_dealloc,
  .repr = rt_str_repr,
  .str = str_str,
  .hash = str_hash,
  .richcompare = str_richcompare,
  .iter = str_iter,
  .tp_new = str_new,
  .number = &str_number,
  .sequence = &str_sequence,
  .mapping = &str_mapping,
  .methods = rt_str_methods,
  .size_of = str_size_of,
};

/* Lifetime */

bool
rt_str_init (void)
{
  empty_str = NULL;
  memset (latin1_strs, 0, sizeof latin1_strs);
  intern_table = NULL;
  intern_cap = intern_used = intern_filled = 0;
  offset_cache.serial = 0;
  rt_root_register (&empty_str, 1);
  rt_root_register (latin1_strs, 256);
  return true;
}

void
rt_str_fini (void)
{
  RT_CLEAR (empty_str);
  for (size_t i = 0; i < 256; i++)
    RT_CLEAR (latin1_strs[i]);
  free (intern_table);
  intern_table = NULL;
  intern_cap = intern_used = intern_filled = 0;
  offset_cache.serial = 0;
}

int64_t
rt_str_interned_count (void)
{
  return (int64_t) intern_used;
}
