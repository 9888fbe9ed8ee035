/* str-methods.c: the methods of str (split, join, strip, find, replace, the
 * case mappings and predicates, padding, partition, splitlines...), with
 * CPython 3.11's results, argument errors and object identity rules: a
 * method that changes nothing returns the exact str itself. */
#include "str-private.h"
#include "abstract.h"
#include "class.h"
#include "error.h"
#include "float.h"
#include "format.h"
#include "int.h"
#include "list.h"
#include "singletons.h"
#include "tuple.h"

#include <stdlib.h>
#include <string.h>

/* Argument checking, in the four styles CPython's str methods use */

/* METH_NOARGS: "str.upper() takes no arguments (1 given)". */
static bool
check_noargs (const char *name, size_t nargs, RtObject *kwnames)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "str.%s() takes no keyword arguments", name);
      return false;
    }
  if (nargs != 0)
    {
      rt_error_format (&rt_exc_TypeError, "str.%s() takes no arguments (%zu given)", name, nargs);
      return false;
    }
  return true;
}

/* METH_O: "str.join() takes exactly one argument (0 given)". */
static bool
check_onearg (const char *name, size_t nargs, RtObject *kwnames)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "str.%s() takes no keyword arguments", name);
      return false;
    }
  if (nargs != 1)
    {
      rt_error_format (&rt_exc_TypeError, "str.%s() takes exactly one argument (%zu given)",
                       name, nargs);
      return false;
    }
  return true;
}

/* PyArg_ParseTuple style: "find() takes at least 1 argument (0 given)". */
static bool
check_tuple_args (const char *name, size_t nargs, RtObject *kwnames, size_t min, size_t max)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "str.%s() takes no keyword arguments", name);
      return false;
    }
  if (nargs < min || nargs > max)
    {
      size_t n = nargs < min ? min : max;
      rt_error_format (&rt_exc_TypeError, "%s() takes %s %zu argument%s (%zu given)", name,
                       nargs < min ? "at least" : "at most", n, n == 1 ? "" : "s", nargs);
      return false;
    }
  return true;
}

/* Argument Clinic, positional only: "replace expected at least 2
 * arguments, got 1". */
static bool
check_positional (const char *name, size_t nargs, RtObject *kwnames, size_t min, size_t max)
{
  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "str.%s() takes no keyword arguments", name);
      return false;
    }
  if (nargs < min || nargs > max)
    {
      size_t n = nargs < min ? min : max;
      rt_error_format (&rt_exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                       min == max ? "" : nargs < min ? "at least " : "at most ", n,
                       n == 1 ? "" : "s", nargs);
      return false;
    }
  return true;
}

/* Argument Clinic with keywords: fills out[0..nnames) (NULL when absent)
 * from positional arguments and keywords. */
static bool
parse_keywords (const char *name, RtObject *const *args, size_t nargs, RtObject *kwnames,
                const char *const *names, size_t nnames, RtObject **out)
{
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;

  for (size_t i = 0; i < nnames; i++)
    out[i] = NULL;
  if (nargs + nkw > nnames)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes at most %zu %sargument%s (%zu given)", name,
                       nnames, nargs == 0 ? "keyword " : "", nnames == 1 ? "" : "s", nargs + nkw);
      return false;
    }
  for (size_t i = 0; i < nargs; i++)
    out[i] = args[i];
  for (size_t k = 0; k < nkw; k++)
    {
      RtObject *key = RT_TUPLE_ITEMS (kwnames)[k];
      size_t i;
      for (i = 0; i < nnames; i++)
        if (rt_str_equal_cstr (key, names[i]))
          break;
      if (i == nnames)
        {
          rt_error_format (&rt_exc_TypeError, "'%U' is an invalid keyword argument for %s()", key,
                           name);
          return false;
        }
      if (out[i] != NULL)
        {
          rt_error_format (&rt_exc_TypeError,
                           "argument for %s() given by name ('%s') and position (%zu)", name,
                           names[i], i + 1);
          return false;
        }
      out[i] = args[nargs + k];
    }
  return true;
}

/* An index argument (__index__), as a C integer. */
static bool
index_arg (RtObject *obj, int64_t *out)
{
  *out = rt_as_ssize (obj);
  return !(*out == -1 && rt_error_occurred ());
}

/* A slice bound: None leaves *out alone; ints beyond 64 bits clamp, as
 * _PyEval_SliceIndex. */
static bool
slice_index (RtObject *obj, int64_t *out)
{
  RtObject *i;

  if (obj == NULL || obj == RT_NONE)
    return true;
  if (!rt_is_int (obj) && (obj->type->number == NULL || obj->type->number->index == NULL))
    {
      rt_error_format (&rt_exc_TypeError,
                       "slice indices must be integers or None or have an __index__ method");
      return false;
    }
  i = rt_number_index (obj);
  if (i == NULL)
    return false;
  if (!rt_int_to_i64 (i, out))
    *out = rt_int_sign (i) < 0 ? INT64_MIN : INT64_MAX;
  rt_decref (i);
  return true;
}

static void
adjust_indices (int64_t *start, int64_t *end, int64_t len)
{
  if (*end > len)
    *end = len;
  else if (*end < 0)
    {
      *end += len;
      if (*end < 0)
        *end = 0;
    }
  if (*start < 0)
    {
      *start += len;
      if (*start < 0)
        *start = 0;
    }
}

/* "must be str, not int" and friends. */
static bool
require_str (RtObject *obj, const char *what)
{
  if (rt_is_str (obj))
    return true;
  if (what == NULL)
    rt_error_format (&rt_exc_TypeError, "must be str, not %s", rt_type_name (obj->type));
  else
    rt_error_format (&rt_exc_TypeError, "%s must be str, not %s", what, rt_type_name (obj->type));
  return false;
}

/* Text helpers */

static int64_t
cp_count (const char *p, size_t n)
{
  int64_t count = 0;

  for (size_t i = 0; i < n; i++)
    if (((unsigned char) p[i] & 0xC0) != 0x80)
      count++;
  return count;
}

static const char *
find_bytes (const char *hay, size_t nh, const char *needle, size_t nn)
{
  if (nn == 0)
    return hay;
  while (nh >= nn)
    {
      const char *hit = memchr (hay, needle[0], nh - nn + 1);
      if (hit == NULL)
        return NULL;
      if (memcmp (hit, needle, nn) == 0)
        return hit;
      nh -= (size_t) (hit - hay) + 1;
      hay = hit + 1;
    }
  return NULL;
}

static const char *
rfind_bytes (const char *hay, size_t nh, const char *needle, size_t nn)
{
  if (nn > nh)
    return NULL;
  for (size_t i = nh - nn + 1; i-- > 0;)
    if (memcmp (hay + i, needle, nn) == 0)
      return hay + i;
  return NULL;
}

/* The code points of s, malloc'd (NULL with MemoryError). */
static uint32_t *
decode (RtObject *s, int64_t *n)
{
  const char *p = rt_str_utf8 (s);
  size_t size = (size_t) rt_str_size (s), i = 0;
  uint32_t *cps = malloc (((size_t) rt_str_length (s) + 1) * sizeof *cps);
  int64_t k = 0;

  if (cps == NULL)
    {
      rt_error_no_memory ();
      return NULL;
    }
  while (i < size)
    {
      size_t len;
      cps[k++] = rt_utf8_decode (p + i, &len);
      i += len;
    }
  *n = k;
  return cps;
}

static void
sb_append_cp (RtStrBuilder *sb, uint32_t cp)
{
  char buf[4];

  rt_sb_append (sb, buf, rt_utf8_encode (cp, buf));
}

/* A builder's text as a new str that is never one of the shared
 * one-character strings, as CPython's PyUnicode_New results. */
static RtObject *
finish_fresh (RtStrBuilder *sb)
{
  RtObject *s;
  uint32_t max_cp;
  int64_t length;

  if (sb->failed)
    {
      rt_sb_dispose (sb);
      return rt_error_no_memory ();
    }
  if (sb->size == 0)
    {
      rt_sb_dispose (sb);
      return rt_str_new ("", 0);
    }
  length = rt_utf8_length (sb->data, sb->size, &max_cp);
  s = rt_str_alloc (sb->size, length, rt_str_kind_for (max_cp));
  if (s != NULL)
    {
      memcpy (((RtStr *) s)->data, sb->data, sb->size);
      rt_str_born (s);
    }
  rt_sb_dispose (sb);
  return s;
}

/* Finding */

/* s.find(sub, start, end) in code points: dir > 0 first, dir < 0 last. */
static int64_t
find_in (RtObject *s, RtObject *sub, int64_t start, int64_t end, int dir)
{
  int64_t len = rt_str_length (s);
  size_t bs, be;
  const char *base = rt_str_utf8 (s), *hit;

  adjust_indices (&start, &end, len);
  if (end - start < rt_str_length (sub))
    return -1;
  bs = rt_str_offset (s, start);
  be = rt_str_offset (s, end);
  if (dir > 0)
    hit = find_bytes (base + bs, be - bs, rt_str_utf8 (sub), (size_t) rt_str_size (sub));
  else
    hit = rfind_bytes (base + bs, be - bs, rt_str_utf8 (sub), (size_t) rt_str_size (sub));
  if (hit == NULL)
    return -1;
  return start + cp_count (base + bs, (size_t) (hit - (base + bs)));
}

static bool
parse_find_args (const char *name, RtObject *const *args, size_t nargs, RtObject *kwnames,
                 int64_t *start, int64_t *end)
{
  if (!check_tuple_args (name, nargs, kwnames, 1, 3))
    return false;
  *start = 0;
  *end = INT64_MAX;
  if (!require_str (args[0], NULL))
    return false;
  return slice_index (nargs > 1 ? args[1] : NULL, start)
         && slice_index (nargs > 2 ? args[2] : NULL, end);
}

static RtObject *
find_method (const char *name, RtObject *self, RtObject *const *args, size_t nargs,
             RtObject *kwnames, int dir, bool raise)
{
  int64_t start, end, r;

  if (!parse_find_args (name, args, nargs, kwnames, &start, &end))
    return NULL;
  r = find_in (self, args[0], start, end, dir);
  if (r < 0 && raise)
    {
      rt_error_format (&rt_exc_ValueError, "substring not found");
      return NULL;
    }
  return rt_int_from_i64 (r);
}

static RtObject *
str_find (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return find_method ("find", self, args, nargs, kwnames, 1, false);
}

static RtObject *
str_rfind (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return find_method ("rfind", self, args, nargs, kwnames, -1, false);
}

static RtObject *
str_index (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return find_method ("index", self, args, nargs, kwnames, 1, true);
}

static RtObject *
str_rindex (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return find_method ("rindex", self, args, nargs, kwnames, -1, true);
}

static RtObject *
str_count (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t start, end, len = rt_str_length (self), count = 0;
  RtObject *sub;
  size_t bs, be, nn;
  const char *p, *stop;

  if (!parse_find_args ("count", args, nargs, kwnames, &start, &end))
    return NULL;
  sub = args[0];
  adjust_indices (&start, &end, len);
  if (end - start < rt_str_length (sub))
    return rt_int_from_i64 (0);
  if (rt_str_length (sub) == 0)
    return rt_int_from_i64 (end - start + 1);
  bs = rt_str_offset (self, start);
  be = rt_str_offset (self, end);
  nn = (size_t) rt_str_size (sub);
  p = rt_str_utf8 (self) + bs;
  stop = rt_str_utf8 (self) + be;
  while ((p = find_bytes (p, (size_t) (stop - p), rt_str_utf8 (sub), nn)) != NULL)
    {
      count++;
      p += nn;
    }
  return rt_int_from_i64 (count);
}

/* startswith / endswith with a str or a tuple of them */
static RtObject *
tail_match (const char *name, RtObject *self, RtObject *const *args, size_t nargs,
            RtObject *kwnames, bool at_end)
{
  int64_t start = 0, end = INT64_MAX, len = rt_str_length (self);
  RtObject *prefix;
  int64_t nitems;
  RtObject *const *items;

  if (!check_tuple_args (name, nargs, kwnames, 1, 3))
    return NULL;
  if (!slice_index (nargs > 1 ? args[1] : NULL, &start)
      || !slice_index (nargs > 2 ? args[2] : NULL, &end))
    return NULL;
  prefix = args[0];
  if (rt_is_tuple (prefix))
    {
      nitems = RT_TUPLE_SIZE (prefix);
      items = RT_TUPLE_ITEMS (prefix);
    }
  else if (rt_is_str (prefix))
    {
      nitems = 1;
      items = &args[0];
    }
  else
    {
      rt_error_format (&rt_exc_TypeError,
                       "%s first arg must be str or a tuple of str, not %s", name,
                       rt_type_name (prefix->type));
      return NULL;
    }
  adjust_indices (&start, &end, len);
  for (int64_t k = 0; k < nitems; k++)
    {
      RtObject *sub = items[k];
      int64_t slen;
      size_t bs, be, nn;

      if (!rt_is_str (sub))
        {
          rt_error_format (&rt_exc_TypeError, "tuple for %s must only contain str, not %s", name,
                           rt_type_name (sub->type));
          return NULL;
        }
      slen = rt_str_length (sub);
      if (start > len || end - start < slen)
        continue;
      bs = rt_str_offset (self, start);
      be = rt_str_offset (self, end);
      nn = (size_t) rt_str_size (sub);
      if (nn > be - bs)
        continue;
      if (memcmp (rt_str_utf8 (self) + (at_end ? be - nn : bs), rt_str_utf8 (sub), nn) == 0)
        return rt_bool_new (true);
    }
  return rt_bool_new (false);
}

static RtObject *
str_startswith (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return tail_match ("startswith", self, args, nargs, kwnames, false);
}

static RtObject *
str_endswith (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return tail_match ("endswith", self, args, nargs, kwnames, true);
}

/* Splitting */

static bool
append_piece (RtObject *list, RtObject *s, int64_t start, int64_t end)
{
  RtObject *piece = rt_str_substr (s, start, end);
  int r;

  if (piece == NULL)
    return false;
  r = rt_list_append (list, piece);
  rt_decref (piece);
  return r == 0;
}

/* Whitespace splitting on decoded code points; pieces in order. */
static RtObject *
split_whitespace (RtObject *self, int64_t maxsplit, bool reverse)
{
  int64_t n, i, j;
  uint32_t *cps = decode (self, &n);
  RtObject *list = NULL, *result = NULL;

  if (cps == NULL)
    return NULL;
  list = rt_list_new (0);
  if (list == NULL)
    goto out;
  if (!reverse)
    {
      i = 0;
      while (maxsplit-- > 0)
        {
          while (i < n && rt_unicode_is_space (cps[i]))
            i++;
          if (i == n)
            break;
          j = i;
          while (i < n && !rt_unicode_is_space (cps[i]))
            i++;
          if (!append_piece (list, self, j, i))
            goto out;
        }
      if (i < n)
        {
          while (i < n && rt_unicode_is_space (cps[i]))
            i++;
          if (i != n && !append_piece (list, self, i, n))
            goto out;
        }
    }
  else
    {
      i = n - 1;
      while (maxsplit-- > 0)
        {
          while (i >= 0 && rt_unicode_is_space (cps[i]))
            i--;
          if (i < 0)
            break;
          j = i;
          while (i >= 0 && !rt_unicode_is_space (cps[i]))
            i--;
          if (!append_piece (list, self, i + 1, j + 1))
            goto out;
        }
      if (i >= 0)
        {
          while (i >= 0 && rt_unicode_is_space (cps[i]))
            i--;
          if (i >= 0 && !append_piece (list, self, 0, i + 1))
            goto out;
        }
      if (rt_list_reverse (list) < 0)
        goto out;
    }
  result = rt_newref (list);

out:
  free (cps);
  rt_xdecref (list);
  return result;
}

static RtObject *
split_sep (RtObject *self, RtObject *sep, int64_t maxsplit, bool reverse)
{
  const char *p = rt_str_utf8 (self), *sp = rt_str_utf8 (sep);
  size_t size = (size_t) rt_str_size (self), nn = (size_t) rt_str_size (sep);
  RtObject *list, *result = NULL;

  if (nn == 0)
    {
      rt_error_format (&rt_exc_ValueError, "empty separator");
      return NULL;
    }
  list = rt_list_new (0);
  if (list == NULL)
    return NULL;
  if (!reverse)
    {
      size_t pos = 0;
      const char *hit;
      while (maxsplit-- > 0 && (hit = find_bytes (p + pos, size - pos, sp, nn)) != NULL)
        {
          size_t at = (size_t) (hit - p);
          RtObject *piece = rt_str_new (p + pos, at - pos);
          int r = piece != NULL ? rt_list_append (list, piece) : -1;
          rt_xdecref (piece);
          if (r < 0)
            goto out;
          pos = at + nn;
        }
      if (pos == 0)
        {
          if (!append_piece (list, self, 0, rt_str_length (self)))
            goto out;
        }
      else
        {
          RtObject *piece = rt_str_new (p + pos, size - pos);
          int r = piece != NULL ? rt_list_append (list, piece) : -1;
          rt_xdecref (piece);
          if (r < 0)
            goto out;
        }
    }
  else
    {
      size_t end = size;
      const char *hit;
      while (maxsplit-- > 0 && (hit = rfind_bytes (p, end, sp, nn)) != NULL)
        {
          size_t at = (size_t) (hit - p);
          RtObject *piece = rt_str_new (p + at + nn, end - at - nn);
          int r = piece != NULL ? rt_list_append (list, piece) : -1;
          rt_xdecref (piece);
          if (r < 0)
            goto out;
          end = at;
        }
      if (end == size)
        {
          if (!append_piece (list, self, 0, rt_str_length (self)))
            goto out;
        }
      else
        {
          RtObject *piece = rt_str_new (p, end);
          int r = piece != NULL ? rt_list_append (list, piece) : -1;
          rt_xdecref (piece);
          if (r < 0)
            goto out;
        }
      if (rt_list_reverse (list) < 0)
        goto out;
    }
  result = rt_newref (list);

out:
  rt_decref (list);
  return result;
}

static RtObject *
split_common (const char *name, RtObject *self, RtObject *const *args, size_t nargs,
              RtObject *kwnames, bool reverse)
{
  static const char *const names[] = { "sep", "maxsplit" };
  RtObject *a[2];
  int64_t maxsplit = -1;

  if (!parse_keywords (name, args, nargs, kwnames, names, 2, a))
    return NULL;
  if (a[1] != NULL && !index_arg (a[1], &maxsplit))
    return NULL;
  if (maxsplit < 0)
    maxsplit = INT64_MAX;
  if (a[0] == NULL || a[0] == RT_NONE)
    return split_whitespace (self, maxsplit, reverse);
  if (!rt_is_str (a[0]))
    {
      rt_error_format (&rt_exc_TypeError, "must be str or None, not %s",
                       rt_type_name (a[0]->type));
      return NULL;
    }
  return split_sep (self, a[0], maxsplit, reverse);
}

static RtObject *
str_split (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return split_common ("split", self, args, nargs, kwnames, false);
}

static RtObject *
str_rsplit (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return split_common ("rsplit", self, args, nargs, kwnames, true);
}

static RtObject *
str_splitlines (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const names[] = { "keepends" };
  RtObject *a[1], *list = NULL, *result = NULL;
  int64_t n, i = 0, keepends = 0;
  uint32_t *cps;

  if (!parse_keywords ("splitlines", args, nargs, kwnames, names, 1, a))
    return NULL;
  if (a[0] != NULL)
    {
      /* An int-like flag, as the clinic's "bool(accept={int})". */
      if (rt_is_float (a[0]))
        {
          rt_error_format (&rt_exc_TypeError, "'float' object cannot be interpreted as an integer");
          return NULL;
        }
      if (!index_arg (a[0], &keepends))
        return NULL;
    }
  cps = decode (self, &n);
  if (cps == NULL)
    return NULL;
  list = rt_list_new (0);
  if (list == NULL)
    goto out;
  while (i < n)
    {
      int64_t j = i, eol;
      while (i < n && !rt_unicode_is_linebreak (cps[i]))
        i++;
      eol = i;
      if (i < n)
        {
          if (cps[i] == '\r' && i + 1 < n && cps[i + 1] == '\n')
            i += 2;
          else
            i++;
          if (keepends)
            eol = i;
        }
      if (!append_piece (list, self, j, eol))
        goto out;
    }
  result = rt_newref (list);

out:
  free (cps);
  rt_xdecref (list);
  return result;
}

static RtObject *
partition (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames, bool reverse)
{
  const char *name = reverse ? "rpartition" : "partition";
  RtObject *sep, *a = NULL, *b = NULL, *empty = NULL, *result = NULL;
  const char *p = rt_str_utf8 (self), *hit;
  size_t size = (size_t) rt_str_size (self), nn;

  if (!check_onearg (name, nargs, kwnames))
    return NULL;
  sep = args[0];
  if (!require_str (sep, NULL))
    return NULL;
  nn = (size_t) rt_str_size (sep);
  if (nn == 0)
    {
      rt_error_format (&rt_exc_ValueError, "empty separator");
      return NULL;
    }
  hit = reverse ? rfind_bytes (p, size, rt_str_utf8 (sep), nn)
                : find_bytes (p, size, rt_str_utf8 (sep), nn);
  empty = rt_str_new ("", 0);
  if (empty == NULL)
    return NULL;
  if (hit == NULL)
    {
      RtObject *whole = rt_str_exact (self);
      if (whole != NULL)
        result = reverse ? rt_tuple_pack (3, empty, empty, whole)
                         : rt_tuple_pack (3, whole, empty, empty);
      rt_xdecref (whole);
      goto out;
    }
  a = rt_str_new (p, (size_t) (hit - p));
  b = rt_str_new (hit + nn, size - (size_t) (hit - p) - nn);
  if (a != NULL && b != NULL)
    {
      RtObject *s = rt_str_exact (sep);
      if (s != NULL)
        result = rt_tuple_pack (3, a, s, b);
      rt_xdecref (s);
    }

out:
  rt_xdecref (a);
  rt_xdecref (b);
  rt_xdecref (empty);
  return result;
}

static RtObject *
str_partition (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return partition (self, args, nargs, kwnames, false);
}

static RtObject *
str_rpartition (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return partition (self, args, nargs, kwnames, true);
}

/* Joining */

RtObject *
rt_str_join (RtObject *sep, RtObject *iterable)
{
  RtObject *seq = NULL, *result = NULL;
  RtObject *const *items;
  int64_t n;
  RtStrBuilder sb;

  /* Lists and tuples are read in place; anything else becomes a list
   * first, as PySequence_Fast does. */
  if (rt_is_list (iterable) || rt_is_tuple (iterable))
    seq = rt_newref (iterable);
  else
    {
      RtObject *it = rt_iter (iterable);
      if (it == NULL)
        {
          if (rt_error_matches (&rt_exc_TypeError))
            {
              rt_error_clear ();
              rt_error_format (&rt_exc_TypeError, "can only join an iterable");
            }
          return NULL;
        }
      seq = rt_list_from_iterable (it);
      rt_decref (it);
      if (seq == NULL)
        return NULL;
    }
  if (rt_is_list (seq))
    {
      items = RT_LIST_ITEMS (seq);
      n = RT_LIST_SIZE (seq);
    }
  else
    {
      items = RT_TUPLE_ITEMS (seq);
      n = RT_TUPLE_SIZE (seq);
    }
  if (n == 1 && items[0]->type == &rt_str_type)
    {
      result = rt_newref (items[0]);
      goto out;
    }
  rt_sb_init (&sb);
  for (int64_t i = 0; i < n; i++)
    {
      if (!rt_is_str (items[i]))
        {
          rt_error_format (&rt_exc_TypeError, "sequence item %lld: expected str instance, %s found",
                           (long long) i, rt_type_name (items[i]->type));
          rt_sb_dispose (&sb);
          goto out;
        }
      if (i > 0)
        rt_sb_append_str (&sb, sep);
      rt_sb_append_str (&sb, items[i]);
    }
  result = finish_fresh (&sb);

out:
  rt_decref (seq);
  return result;
}

static RtObject *
str_join (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!check_onearg ("join", nargs, kwnames))
    return NULL;
  return rt_str_join (self, args[0]);
}

/* Case mappings */

/* CPython's handle_capital_sigma: final sigma after a cased letter (case
 * ignorables skipped) when no cased letter follows. */
static uint32_t
capital_sigma (const uint32_t *cps, int64_t n, int64_t i)
{
  int64_t j;
  uint32_t c = 0;
  bool final;

  for (j = i - 1; j >= 0; j--)
    {
      c = cps[j];
      if (!rt_unicode_is_case_ignorable (c))
        break;
    }
  final = j >= 0 && rt_unicode_is_cased (c);
  if (final && i + 1 < n)
    {
      for (j = i + 1; j < n; j++)
        {
          c = cps[j];
          if (!rt_unicode_is_case_ignorable (c))
            break;
        }
      final = j == n || !rt_unicode_is_cased (c);
    }
  return final ? 0x3C2 : 0x3C3;
}

static int
lower_at (const uint32_t *cps, int64_t n, int64_t i, uint32_t out[3])
{
  if (cps[i] == 0x3A3)
    {
      out[0] = capital_sigma (cps, n, i);
      return 1;
    }
  return rt_unicode_to_lower (cps[i], out);
}

typedef enum
{
  CASE_UPPER,
  CASE_LOWER,
  CASE_TITLE,
  CASE_CAPITALIZE,
  CASE_SWAP,
  CASE_FOLD,
} CaseOp;

static RtObject *
case_operation (const char *name, RtObject *self, size_t nargs, RtObject *kwnames, CaseOp op)
{
  RtStrBuilder sb;
  int64_t n;
  uint32_t *cps;
  bool previous_cased = false;

  if (!check_noargs (name, nargs, kwnames))
    return NULL;
  if ((self->aux & RT_STR_KIND_MASK) == 0 && (op == CASE_UPPER || op == CASE_LOWER)
      && (((RtStr *) self)->size >= 2 || ((RtStr *) self)->size == 0))
    {
      /* ASCII maps to ASCII one for one: no decoding, no table lookups.
       * (One character goes the general way: CPython's result is a fresh
       * str there, not the shared one rt_str_new would give.) */
      RtStr *str = (RtStr *) self;
      char small[256] = "";
      char *out = str->size <= (int64_t) sizeof small ? small : malloc ((size_t) str->size);
      RtObject *result;

      if (str->size == 0)
        return rt_str_new ("", 0);
      if (out == NULL)
        return rt_error_no_memory ();
      for (int64_t i = 0; i < str->size; i++)
        {
          char c = str->data[i];
          if (op == CASE_UPPER && c >= 'a' && c <= 'z')
            c = (char) (c - 'a' + 'A');
          else if (op == CASE_LOWER && c >= 'A' && c <= 'Z')
            c = (char) (c - 'A' + 'a');
          out[i] = c;
        }
      result = rt_str_new (out, (size_t) str->size);
      if (out != small)
        free (out);
      return result;
    }

  cps = decode (self, &n);
  if (cps == NULL)
    return NULL;
  rt_sb_init (&sb);
  for (int64_t i = 0; i < n; i++)
    {
      uint32_t c = cps[i], mapped[3];
      int k;

      switch (op)
        {
        case CASE_UPPER:
          k = rt_unicode_to_upper (c, mapped);
          break;
        case CASE_LOWER:
          k = lower_at (cps, n, i, mapped);
          break;
        case CASE_FOLD:
          k = rt_unicode_to_fold (c, mapped);
          break;
        case CASE_CAPITALIZE:
          k = i == 0 ? rt_unicode_to_title (c, mapped) : lower_at (cps, n, i, mapped);
          break;
        case CASE_TITLE:
          k = previous_cased ? lower_at (cps, n, i, mapped) : rt_unicode_to_title (c, mapped);
          previous_cased = rt_unicode_is_cased (c);
          break;
        default:
          if (rt_unicode_is_upper (c))
            k = lower_at (cps, n, i, mapped);
          else if (rt_unicode_is_lower (c))
            k = rt_unicode_to_upper (c, mapped);
          else
            {
              mapped[0] = c;
              k = 1;
            }
          break;
        }
      for (int j = 0; j < k; j++)
        sb_append_cp (&sb, mapped[j]);
    }
  free (cps);
  return finish_fresh (&sb);
}

static RtObject *
str_upper (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_operation ("upper", self, nargs, kwnames, CASE_UPPER);
}

static RtObject *
str_lower (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_operation ("lower", self, nargs, kwnames, CASE_LOWER);
}

static RtObject *
str_title (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_operation ("title", self, nargs, kwnames, CASE_TITLE);
}

static RtObject *
str_capitalize (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_operation ("capitalize", self, nargs, kwnames, CASE_CAPITALIZE);
}

static RtObject *
str_swapcase (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_operation ("swapcase", self, nargs, kwnames, CASE_SWAP);
}

static RtObject *
str_casefold (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_operation ("casefold", self, nargs, kwnames, CASE_FOLD);
}

/* Predicates */

typedef enum
{
  IS_SPACE,
  IS_ALPHA,
  IS_ALNUM,
  IS_DECIMAL,
  IS_DIGIT,
  IS_NUMERIC,
  IS_PRINTABLE,
  IS_ASCII,
} CharClass;

static bool
char_in_class (uint32_t c, CharClass cls)
{
  switch (cls)
    {
    case IS_SPACE:
      return rt_unicode_is_space (c);
    case IS_ALPHA:
      return rt_unicode_is_alpha (c);
    case IS_ALNUM:
      return rt_unicode_is_alpha (c) || rt_unicode_decimal (c) >= 0 || rt_unicode_is_digit (c)
             || rt_unicode_is_numeric (c);
    case IS_DECIMAL:
      return rt_unicode_decimal (c) >= 0;
    case IS_DIGIT:
      return rt_unicode_is_digit (c);
    case IS_NUMERIC:
      return rt_unicode_is_numeric (c);
    case IS_PRINTABLE:
      return rt_unicode_is_printable (c);
    default:
      return c < 0x80;
    }
}

static RtObject *
predicate (const char *name, RtObject *self, size_t nargs, RtObject *kwnames, CharClass cls)
{
  const char *p = rt_str_utf8 (self);
  size_t size = (size_t) rt_str_size (self), i = 0;

  if (!check_noargs (name, nargs, kwnames))
    return NULL;
  if (size == 0)
    return rt_bool_new (cls == IS_PRINTABLE || cls == IS_ASCII);
  while (i < size)
    {
      size_t len;
      uint32_t c = rt_utf8_decode (p + i, &len);
      if (!char_in_class (c, cls))
        return rt_bool_new (false);
      i += len;
    }
  return rt_bool_new (true);
}

#define PREDICATE(fn, name, cls)                                                       \
  static RtObject *fn (RtObject *self, RtObject *const *args, size_t nargs,           \
                       RtObject *kwnames)                                              \
  {                                                                                    \
    return predicate (name, self, nargs, kwnames, cls);                               \
  }

PREDICATE (str_isspace, "isspace", IS_SPACE)
PREDICATE (str_isalpha, "isalpha", IS_ALPHA)
PREDICATE (str_isalnum, "isalnum", IS_ALNUM)
PREDICATE (str_isdecimal, "isdecimal", IS_DECIMAL)
PREDICATE (str_isdigit, "isdigit", IS_DIGIT)
PREDICATE (str_isnumeric, "isnumeric", IS_NUMERIC)
PREDICATE (str_isprintable, "isprintable", IS_PRINTABLE)
PREDICATE (str_isascii, "isascii", IS_ASCII)

/* isupper / islower: no character of the other case or title case, and at
 * least one cased one. */
static RtObject *
case_predicate (const char *name, RtObject *self, size_t nargs, RtObject *kwnames, bool upper)
{
  int64_t n;
  uint32_t *cps;
  bool cased = false, ok = true;

  if (!check_noargs (name, nargs, kwnames))
    return NULL;
  cps = decode (self, &n);
  if (cps == NULL)
    return NULL;
  for (int64_t i = 0; i < n && ok; i++)
    {
      uint32_t c = cps[i];
      bool same = upper ? rt_unicode_is_upper (c) : rt_unicode_is_lower (c);
      bool other = upper ? rt_unicode_is_lower (c) : rt_unicode_is_upper (c);
      if (n == 1)
        cased = same;
      else if (other || rt_unicode_is_title (c))
        ok = false;
      else if (same)
        cased = true;
    }
  free (cps);
  return rt_bool_new (ok && cased);
}

static RtObject *
str_isupper (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_predicate ("isupper", self, nargs, kwnames, true);
}

static RtObject *
str_islower (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return case_predicate ("islower", self, nargs, kwnames, false);
}

static RtObject *
str_istitle (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t n;
  uint32_t *cps;
  bool cased = false, previous = false, ok = true;

  if (!check_noargs ("istitle", nargs, kwnames))
    return NULL;
  cps = decode (self, &n);
  if (cps == NULL)
    return NULL;
  if (n == 1)
    {
      ok = rt_unicode_is_title (cps[0]) || rt_unicode_is_upper (cps[0]);
      cased = true;
    }
  for (int64_t i = 0; i < n && n != 1 && ok; i++)
    {
      uint32_t c = cps[i];
      if (rt_unicode_is_upper (c) || rt_unicode_is_title (c))
        {
          if (previous)
            ok = false;
          previous = cased = true;
        }
      else if (rt_unicode_is_lower (c))
        {
          if (!previous)
            ok = false;
          previous = cased = true;
        }
      else
        previous = false;
    }
  free (cps);
  return rt_bool_new (ok && cased);
}

static RtObject *
str_isidentifier (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  const char *p = rt_str_utf8 (self);
  size_t size = (size_t) rt_str_size (self), i = 0;

  if (!check_noargs ("isidentifier", nargs, kwnames))
    return NULL;
  if (size == 0)
    return rt_bool_new (false);
  while (i < size)
    {
      size_t len;
      uint32_t c = rt_utf8_decode (p + i, &len);
      if (i == 0 ? !rt_unicode_is_xid_start (c) : !rt_unicode_is_xid_continue (c))
        return rt_bool_new (false);
      i += len;
    }
  return rt_bool_new (true);
}

/* Stripping */

static bool
memchr_cp (const uint32_t *set, int64_t n, uint32_t c)
{
  for (int64_t i = 0; i < n; i++)
    if (set[i] == c)
      return true;
  return false;
}

static RtObject *
strip_common (const char *name, RtObject *self, RtObject *const *args, size_t nargs,
              RtObject *kwnames, bool left, bool right)
{
  RtObject *chars = NULL, *result;
  uint32_t *cps, *set = NULL;
  int64_t n, nset = 0, i = 0, j;

  if (!check_positional (name, nargs, kwnames, 0, 1))
    return NULL;
  if (nargs == 1 && args[0] != RT_NONE)
    {
      chars = args[0];
      if (!rt_is_str (chars))
        {
          rt_error_format (&rt_exc_TypeError, "%s arg must be None or str", name);
          return NULL;
        }
      set = decode (chars, &nset);
      if (set == NULL)
        return NULL;
    }
  cps = decode (self, &n);
  if (cps == NULL)
    {
      free (set);
      return NULL;
    }
#define STRIPPED(c) (chars != NULL ? memchr_cp (set, nset, (c)) : rt_unicode_is_space (c))
  j = n;
  if (left)
    while (i < n && STRIPPED (cps[i]))
      i++;
  if (right)
    while (j > i && STRIPPED (cps[j - 1]))
      j--;
#undef STRIPPED
  free (cps);
  free (set);
  result = rt_str_substr (self, i, j);
  return result;
}

static RtObject *
str_strip (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return strip_common ("strip", self, args, nargs, kwnames, true, true);
}

static RtObject *
str_lstrip (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return strip_common ("lstrip", self, args, nargs, kwnames, true, false);
}

static RtObject *
str_rstrip (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return strip_common ("rstrip", self, args, nargs, kwnames, false, true);
}

static RtObject *
remove_affix (const char *name, RtObject *self, RtObject *const *args, size_t nargs,
              RtObject *kwnames, bool suffix)
{
  RtObject *affix;
  size_t na, ns = (size_t) rt_str_size (self);

  if (!check_onearg (name, nargs, kwnames))
    return NULL;
  affix = args[0];
  if (!rt_is_str (affix))
    {
      rt_error_format (&rt_exc_TypeError, "%s() argument must be str, not %s", name,
                       rt_type_name (affix->type));
      return NULL;
    }
  na = (size_t) rt_str_size (affix);
  if (na > 0 && na <= ns
      && memcmp (rt_str_utf8 (self) + (suffix ? ns - na : 0), rt_str_utf8 (affix), na) == 0)
    {
      int64_t la = rt_str_length (affix), ls = rt_str_length (self);
      return suffix ? rt_str_substr (self, 0, ls - la) : rt_str_substr (self, la, ls);
    }
  return rt_str_exact (self);
}

static RtObject *
str_removeprefix (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return remove_affix ("removeprefix", self, args, nargs, kwnames, false);
}

static RtObject *
str_removesuffix (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return remove_affix ("removesuffix", self, args, nargs, kwnames, true);
}

/* Replacing */

static RtObject *
str_replace (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *old, *new;
  int64_t count = -1, done = 0;
  const char *p = rt_str_utf8 (self);
  size_t size = (size_t) rt_str_size (self), no, pos = 0;
  RtStrBuilder sb;

  if (!check_positional ("replace", nargs, kwnames, 2, 3))
    return NULL;
  old = args[0];
  new = args[1];
  if (!require_str (old, "replace() argument 1") || !require_str (new, "replace() argument 2"))
    return NULL;
  if (nargs == 3 && !index_arg (args[2], &count))
    return NULL;
  if (count < 0)
    count = INT64_MAX;
  no = (size_t) rt_str_size (old);
  if (count == 0 || rt_str_equal (old, new))
    return rt_str_exact (self);
  if (no == 0)
    {
      /* Insert between characters, and at both ends. */
      size_t i = 0;
      rt_sb_init (&sb);
      if (rt_str_length (self) + 1 <= count)
        count = rt_str_length (self) + 1;
      while (done < count)
        {
          size_t len = 0;
          rt_sb_append_str (&sb, new);
          done++;
          if (i < size)
            {
              rt_utf8_decode (p + i, &len);
              rt_sb_append (&sb, p + i, len);
              i += len;
            }
        }
      rt_sb_append (&sb, p + i, size - i);
      return finish_fresh (&sb);
    }
  if (find_bytes (p, size, rt_str_utf8 (old), no) == NULL)
    return rt_str_exact (self);
  rt_sb_init (&sb);
  while (done < count)
    {
      const char *hit = find_bytes (p + pos, size - pos, rt_str_utf8 (old), no);
      if (hit == NULL)
        break;
      rt_sb_append (&sb, p + pos, (size_t) (hit - (p + pos)));
      rt_sb_append_str (&sb, new);
      pos = (size_t) (hit - p) + no;
      done++;
    }
  rt_sb_append (&sb, p + pos, size - pos);
  return finish_fresh (&sb);
}

static RtObject *
str_expandtabs (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  static const char *const names[] = { "tabsize" };
  RtObject *a[1];
  int64_t tabsize = 8, column = 0;
  const char *p = rt_str_utf8 (self);
  size_t size = (size_t) rt_str_size (self), i = 0;
  RtStrBuilder sb;

  if (!parse_keywords ("expandtabs", args, nargs, kwnames, names, 1, a))
    return NULL;
  if (a[0] != NULL && !index_arg (a[0], &tabsize))
    {
      /* tabsize is a C int in CPython. */
      if (rt_error_matches (&rt_exc_OverflowError))
        {
          rt_error_clear ();
          tabsize = INT64_MAX;
        }
      else
        return NULL;
    }
  if (tabsize > INT32_MAX || tabsize < INT32_MIN)
    {
      rt_error_format (&rt_exc_OverflowError, "Python int too large to convert to C int");
      return NULL;
    }
  if (memchr (p, '\t', size) == NULL)
    return rt_str_exact (self);
  rt_sb_init (&sb);
  while (i < size)
    {
      size_t len;
      uint32_t c = rt_utf8_decode (p + i, &len);
      if (c == '\t')
        {
          if (tabsize > 0)
            {
              int64_t incr = tabsize - column % tabsize;
              column += incr;
              rt_sb_append_repeat (&sb, " ", 1, incr);
            }
        }
      else
        {
          column++;
          rt_sb_append (&sb, p + i, len);
          if (c == '\n' || c == '\r')
            column = 0;
        }
      i += len;
    }
  return rt_sb_finish (&sb);
}

/* Padding */

static bool
fill_char_arg (RtObject *const *args, size_t nargs, uint32_t *fill)
{
  *fill = ' ';
  if (nargs < 2)
    return true;
  if (!rt_is_str (args[1]))
    {
      rt_error_format (&rt_exc_TypeError, "The fill character must be a unicode character, not %s",
                       rt_type_name (args[1]->type));
      return false;
    }
  if (rt_str_length (args[1]) != 1)
    {
      rt_error_format (&rt_exc_TypeError, "The fill character must be exactly one character long");
      return false;
    }
  {
    size_t len;
    *fill = rt_utf8_decode (rt_str_utf8 (args[1]), &len);
  }
  return true;
}

static RtObject *
pad (RtObject *self, int64_t left, int64_t right, uint32_t fill)
{
  RtStrBuilder sb;
  char buf[4];
  size_t n = rt_utf8_encode (fill, buf);

  rt_sb_init (&sb);
  rt_sb_append_repeat (&sb, buf, n, left);
  rt_sb_append_str (&sb, self);
  rt_sb_append_repeat (&sb, buf, n, right);
  return rt_sb_finish (&sb);
}

static RtObject *
justify (const char *name, RtObject *self, RtObject *const *args, size_t nargs,
         RtObject *kwnames, char how)
{
  int64_t width, len = rt_str_length (self), marg, left;
  uint32_t fill;

  if (!check_positional (name, nargs, kwnames, 1, 2))
    return NULL;
  if (!index_arg (args[0], &width) || !fill_char_arg (args, nargs, &fill))
    return NULL;
  if (len >= width)
    return rt_str_exact (self);
  marg = width - len;
  if (how == '<')
    return pad (self, 0, marg, fill);
  if (how == '>')
    return pad (self, marg, 0, fill);
  left = marg / 2 + (marg & width & 1);
  return pad (self, left, marg - left, fill);
}

static RtObject *
str_center (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return justify ("center", self, args, nargs, kwnames, '^');
}

static RtObject *
str_ljust (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return justify ("ljust", self, args, nargs, kwnames, '<');
}

static RtObject *
str_rjust (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return justify ("rjust", self, args, nargs, kwnames, '>');
}

static RtObject *
str_zfill (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  int64_t width, len = rt_str_length (self);
  const char *p = rt_str_utf8 (self);
  RtStrBuilder sb;
  size_t start = 0;

  if (kwnames != NULL && RT_TUPLE_SIZE (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "str.zfill() takes no keyword arguments");
      return NULL;
    }
  if (nargs != 1)
    {
      rt_error_format (&rt_exc_TypeError, "str.zfill() takes exactly one argument (%zu given)",
                       nargs);
      return NULL;
    }
  if (!index_arg (args[0], &width))
    return NULL;
  if (len >= width)
    return rt_str_exact (self);
  rt_sb_init (&sb);
  /* The sign stays in front of the zeros. */
  if (len > 0 && (p[0] == '+' || p[0] == '-'))
    {
      rt_sb_append (&sb, p, 1);
      start = 1;
    }
  rt_sb_append_repeat (&sb, "0", 1, width - len);
  rt_sb_append (&sb, p + start, (size_t) rt_str_size (self) - start);
  return rt_sb_finish (&sb);
}

/* Dunder methods */

static RtObject *
str_m_format (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!check_positional ("__format__", nargs, kwnames, 1, 1))
    return NULL;
  if (!rt_is_str (args[0]))
    {
      rt_error_format (&rt_exc_TypeError, "__format__() argument must be str, not %s",
                       rt_type_name (args[0]->type));
      return NULL;
    }
  return rt_str_format_spec (self, args[0]);
}

static RtObject *
str_m_sizeof (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  if (!check_noargs ("__sizeof__", nargs, kwnames))
    return NULL;
  return rt_int_from_u64 (rt_str_type.size_of (self));
}

static RtObject *
str_m_getnewargs (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *copy, *result;

  if (!check_noargs ("__getnewargs__", nargs, kwnames))
    return NULL;
  copy = rt_str_new (rt_str_utf8 (self), (size_t) rt_str_size (self));
  if (copy == NULL)
    return NULL;
  result = rt_tuple_pack (1, copy);
  rt_decref (copy);
  return result;
}

const RtMethodDef rt_str_methods[] = {
  { "split", str_split, 0 },
  { "rsplit", str_rsplit, 0 },
  { "splitlines", str_splitlines, 0 },
  { "join", str_join, 0 },
  { "partition", str_partition, 0 },
  { "rpartition", str_rpartition, 0 },
  { "find", str_find, 0 },
  { "rfind", str_rfind, 0 },
  { "index", str_index, 0 },
  { "rindex", str_rindex, 0 },
  { "count", str_count, 0 },
  { "startswith", str_startswith, 0 },
  { "endswith", str_endswith, 0 },
  { "replace", str_replace, 0 },
  { "strip", str_strip, 0 },
  { "lstrip", str_lstrip, 0 },
  { "rstrip", str_rstrip, 0 },
  { "removeprefix", str_removeprefix, 0 },
  { "removesuffix", str_removesuffix, 0 },
  { "upper", str_upper, 0 },
  { "lower", str_lower, 0 },
  { "title", str_title, 0 },
  { "capitalize", str_capitalize, 0 },
  { "swapcase", str_swapcase, 0 },
  { "casefold", str_casefold, 0 },
  { "isspace", str_isspace, 0 },
  { "isalpha", str_isalpha, 0 },
  { "isalnum", str_isalnum, 0 },
  { "isdecimal", str_isdecimal, 0 },
  { "isdigit", str_isdigit, 0 },
  { "isnumeric", str_isnumeric, 0 },
  { "isprintable", str_isprintable, 0 },
  { "isascii", str_isascii, 0 },
  { "isupper", str_isupper, 0 },
  { "islower", str_islower, 0 },
  { "istitle", str_istitle, 0 },
  { "isidentifier", str_isidentifier, 0 },
  { "center", str_center, 0 },
  { "ljust", str_ljust, 0 },
  { "rjust", str_rjust, 0 },
  { "zfill", str_zfill, 0 },
  { "expandtabs", str_expandtabs, 0 },
  { "format", rt_str_format_method, 0 },
  { "format_map", rt_str_format_map_method, 0 },
  { "__format__", str_m_format, 0 },
  { "__sizeof__", str_m_sizeof, 0 },
  { "__getnewargs__", str_m_getnewargs, 0 },
  { NULL, NULL, 0 },
};
