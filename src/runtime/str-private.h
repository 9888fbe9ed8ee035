/* str-private.h: what str.c, str-methods.c, str-builder.c and format.c share:
 * code point offsets, substrings, and the tables of str's type. */
#pragma once

#include "str.h"
#include "unicode-db.h"

static inline unsigned
rt_str_kind (RtObject *s)
{
  return s->aux & RT_STR_KIND_MASK;
}

static inline bool
rt_str_is_ascii (RtObject *s)
{
  return rt_str_kind (s) == 0;
}

/* The byte offset of code point `index` (0..length) in s's UTF-8. */
size_t rt_str_offset (RtObject *s, int64_t index);

/* The code points [start, end) of s as a str (s itself when that is all of
 * an exact str). Indices must be within 0..length. A new reference. */
RtObject *rt_str_substr (RtObject *s, int64_t start, int64_t end);

/* The CPython representation (0 ASCII .. 3 UCS-4) for a maximum code point. */
unsigned rt_str_kind_for (uint32_t max_cp);

/* Counts the code points of valid UTF-8 and finds the largest. */
int64_t rt_utf8_length (const char *utf8, size_t size, uint32_t *max_cp);

/* A new exact str whose UTF-8 is `size` bytes, left for the caller to fill,
 * with its length and kind given: the caller then calls rt_str_born. Used
 * where a result's size is known in advance. No sharing of one-character
 * strings: use rt_str_new for short results. */
RtObject *rt_str_alloc (size_t size, int64_t length, unsigned kind);
void rt_str_born (RtObject *s);

/* An exact copy of a str subclass object; s itself if exact. */
RtObject *rt_str_exact (RtObject *s);

/* Python's `fmt % args` for a str format (str-printf.c). */
RtObject *rt_str_printf (RtObject *fmt, RtObject *args);

/* str.format(*args, **kwargs) and str.format_map(mapping) (str-format.c). */
RtObject *rt_str_format_method (RtObject *self, RtObject *const *args, size_t nargs,
                                RtObject *kwnames);
RtObject *rt_str_format_map_method (RtObject *self, RtObject *const *args, size_t nargs,
                                    RtObject *kwnames);

/* A builder that returns the str itself when the whole result is one
 * exact str written with rt_writer_append_str, as CPython's
 * _PyUnicodeWriter does ('{}'.format(s) is s). */
typedef struct
{
  RtStrBuilder sb;
  RtObject *sole;  /* the only thing written so far, or NULL */
  bool used;
} RtStrWriter;

void rt_writer_init (RtStrWriter *w);
void rt_writer_append (RtStrWriter *w, const char *bytes, size_t size);
void rt_writer_append_repeat (RtStrWriter *w, char c, int64_t count);  /* padding */
void rt_writer_append_str (RtStrWriter *w, RtObject *s);  /* borrows s */
RtObject *rt_writer_finish (RtStrWriter *w);
void rt_writer_dispose (RtStrWriter *w);

extern const RtMethodDef rt_str_methods[];
extern RtType rt_str_iter_type, rt_str_ascii_iter_type;
