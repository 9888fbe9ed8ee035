/* str.h: immutable Unicode strings stored as UTF-8, with the cached hash,
 * the interning table and the shared one-character strings. */
#pragma once

#include "object.h"
#include <stdarg.h>

/* aux bits of a str: which CPython representation its size follows, and
 * whether it is interned. */
enum
{
  RT_STR_KIND_MASK = 3u,     /* 0 ASCII, 1 Latin-1, 2 UCS-2, 3 UCS-4 */
  RT_STR_INTERNED = 1u << 2,
};

typedef struct
{
  RtObject ob;
  RtHash hash;       /* -1 until computed */
  int64_t length;    /* in code points */
  int64_t size;      /* in bytes, without the NUL */
  char data[];       /* UTF-8, NUL-terminated */
} RtStr;

extern RtType rt_str_type;

static inline bool
rt_is_str (RtObject *obj)
{
  return RT_TYPE_HAS (obj->type, RT_TPFLAG_STR_SUBCLASS);
}

static inline const char *
rt_str_utf8 (RtObject *s)
{
  return ((RtStr *) s)->data;
}

static inline int64_t
rt_str_size (RtObject *s)
{
  return ((RtStr *) s)->size;
}

static inline int64_t
rt_str_length (RtObject *s)
{
  return ((RtStr *) s)->length;
}

static inline bool
rt_str_is_interned (RtObject *s)
{
  return (s->aux & RT_STR_INTERNED) != 0;
}

/* A new str from valid UTF-8 (the caller guarantees validity); the empty and
 * one-character (code point < 256) strings are the shared ones. */
RtObject *rt_str_new (const char *utf8, size_t size);
RtObject *rt_str_from_cstr (const char *cstr);
/* The one-character str of a code point (shared below 256). */
RtObject *rt_str_from_codepoint (uint32_t cp);
/* Validates; UnicodeDecodeError on bad input. */
RtObject *rt_str_decode_utf8 (const char *bytes, size_t size);
/* Formats like rt_error_format (%s %d %R %S %T ...; see rt_sb_vformat). */
RtObject *rt_str_from_format (const char *format, ...);
RtObject *rt_str_from_vformat (const char *format, va_list args);

/* Interning, as sys.intern and the compiler's identifier constants: the
 * table does not own its strings (CPython 3.11's "mortal" interned strings):
 * a string leaves the table when it dies. */
void rt_str_intern_in_place (RtObject **s);
RtObject *rt_str_intern_cstr (const char *cstr);  /* new reference */

RtHash rt_str_hash (RtObject *s);
bool rt_str_equal (RtObject *a, RtObject *b);
bool rt_str_equal_cstr (RtObject *s, const char *cstr);
RtObject *rt_str_concat (RtObject *a, RtObject *b);
/* sep.join(iterable) */
RtObject *rt_str_join (RtObject *sep, RtObject *iterable);
/* repr(s) with CPython's choice of quotes and escapes */
RtObject *rt_str_repr (RtObject *s);
/* ascii(obj): repr(obj) with non-ASCII characters escaped (\xe9, \u20ac,
 * \U0001f600). A new str. */
RtObject *rt_str_ascii_repr (RtObject *obj);

/* A growable byte buffer for building strings; not an object. */
typedef struct
{
  char *data;
  size_t size;
  size_t capacity;
  bool failed;   /* out of memory: finish returns NULL with MemoryError */
} RtStrBuilder;

void rt_sb_init (RtStrBuilder *sb);
void rt_sb_append (RtStrBuilder *sb, const char *bytes, size_t size);
void rt_sb_append_cstr (RtStrBuilder *sb, const char *cstr);
/* Appends @count copies of @unit (@unit_len bytes, one character): padding.
 * A result that cannot fit fails the builder at once, as one allocation
 * would, instead of growing it a character at a time. */
void rt_sb_append_repeat (RtStrBuilder *sb, const char *unit, size_t unit_len, int64_t count);
/* False when a text of @size bytes could never become a str: beyond the
 * heap's limit (rt_mem_set_limit) or any address space. */
bool rt_sb_can_hold (uint64_t size);
void rt_sb_appendf (RtStrBuilder *sb, const char *format, ...) RT_PRINTF (2, 3);
/* The runtime's formatter, shared by rt_str_from_format and
 * rt_error_format: %s (UTF-8 C string), %.*s (int length, then bytes),
 * %d %i %u %ld %li %lu %lld %lli %llu %zd %zu, %x %lx %llx %zx (lowercase hex;
 * %02x and other zero-padded widths of 1-2 digits are accepted), %c (a code
 * point as an int), %p, %%, and for objects (borrowed): %R repr, %S str,
 * %T the object's type name, %N a type's name (obj is an RtType), %U a str
 * object's text. Returns false with an exception set when a repr or str
 * failed (the builder is then disposed of by the caller). */
bool rt_sb_vformat (RtStrBuilder *sb, const char *format, va_list args);
/* Appends a str object's text. */
void rt_sb_append_str (RtStrBuilder *sb, RtObject *s);
/* Appends repr(obj); false with an exception set if that failed. */
bool rt_sb_append_repr (RtStrBuilder *sb, RtObject *obj);
RtObject *rt_sb_finish (RtStrBuilder *sb);  /* the str; frees the buffer */
void rt_sb_dispose (RtStrBuilder *sb);

/* The bytes a str object (of any str subclass) was allocated with: a
 * subclass's dealloc may chain to str's, which frees any of them. */
size_t rt_str_alloc_size (RtObject *s);

bool rt_str_init (void);
void rt_str_fini (void);
/* Live strings in the interning table. */
int64_t rt_str_interned_count (void);
