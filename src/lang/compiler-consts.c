/* compiler-consts.c: constants: the objects literals stand for, and the
 * per-unit cache that makes equal constants one object, keyed as CPython's
 * _PyCode_ConstantKey (type and value; -0.0 apart from 0.0). */
#include "compiler-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/error.h"
#include "runtime/float.h"
#include "runtime/int.h"
#include "runtime/set.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

bool
lang_const_is_name_like (RtObject *s)
{
  const unsigned char *p = (const unsigned char *) rt_str_utf8 (s);
  int64_t n = rt_str_size (s);

  for (int64_t i = 0; i < n; i++)
    {
      unsigned char ch = p[i];

      if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
            || ch == '_'))
        return false;
    }
  return true;
}

RtObject *
lang_const_from_ast (const LangConstant *constant)
{
  switch (constant->type)
    {
    case LANG_CONST_NONE:
      return rt_none_new ();
    case LANG_CONST_TRUE:
      return rt_bool_new (true);
    case LANG_CONST_FALSE:
      return rt_bool_new (false);
    case LANG_CONST_ELLIPSIS:
      return rt_newref (RT_ELLIPSIS);
    case LANG_CONST_INT:
      return rt_int_from_string (constant->value.integer.digits, constant->value.integer.n_digits,
                                 constant->value.integer.base);
    case LANG_CONST_FLOAT:
      return rt_float_new (constant->value.real);
    case LANG_CONST_STR:
      return rt_str_new (constant->value.str.data, constant->value.str.len);
    case LANG_CONST_COMPLEX:
    case LANG_CONST_BYTES:
      break;
    }
  /* The runtime has no complex or bytes type; the folder reports them. */
  rt_error_format (&rt_exc_NotImplementedError, "unsupported constant");
  return NULL;
}

RtObject *
lang_const_identifier (const char *name)
{
  return rt_str_intern_cstr (name);
}

/* The cache */

static RtHash
const_hash (RtObject *o)
{
  RtType *type = RT_TYPE (o);
  uint64_t h;

  if (type == &rt_int_type || type == &rt_float_type || type == &rt_str_type)
    h = (uint64_t) rt_hash (o);
  else if (type == &rt_tuple_type)
    {
      int64_t n = RT_TUPLE_SIZE (o);

      h = 0x345678u + (uint64_t) n;
      for (int64_t i = 0; i < n; i++)
        h = (h ^ (uint64_t) const_hash (RT_TUPLE_ITEMS (o)[i])) * 1000003u;
    }
  else if (type == &rt_frozenset_type)
    {
      RtObject *it = rt_iter (o);
      RtObject *item;

      /* Order-free: frozensets with equal items may iterate differently. */
      h = 0x9e3779b9u + (uint64_t) rt_set_size (o);
      if (it == NULL)
        {
          rt_error_clear ();
          return (RtHash) h;
        }
      while ((item = rt_iter_next (it)) != NULL)
        {
          h ^= (uint64_t) const_hash (item) * 0x100000001b3u;
          rt_decref (item);
        }
      rt_error_clear ();
      rt_decref (it);
    }
  else
    h = (uint64_t) (uintptr_t) o >> 4;
  return (RtHash) (h ^ ((uint64_t) (uintptr_t) type >> 4));
}

static bool const_equal (RtObject *a, RtObject *b);

static bool
frozenset_contains_const (RtObject *set, RtObject *key)
{
  RtObject *it = rt_iter (set);
  RtObject *item;
  bool found = false;

  if (it == NULL)
    {
      rt_error_clear ();
      return false;
    }
  while (!found && (item = rt_iter_next (it)) != NULL)
    {
      found = const_equal (item, key);
      rt_decref (item);
    }
  rt_error_clear ();
  rt_decref (it);
  return found;
}

static bool
const_equal (RtObject *a, RtObject *b)
{
  RtType *type = RT_TYPE (a);

  if (a == b)
    return true;
  if (type != RT_TYPE (b))
    return false;
  if (type == &rt_int_type)
    {
      int r = rt_richcompare_bool (a, b, RT_EQ);

      if (r < 0)
        rt_error_clear ();
      return r > 0;
    }
  if (type == &rt_float_type)
    {
      double x = rt_float_value (a), y = rt_float_value (b);

      return x == y && signbit (x) == signbit (y);
    }
  if (type == &rt_str_type)
    return rt_str_equal (a, b);
  if (type == &rt_tuple_type)
    {
      int64_t n = RT_TUPLE_SIZE (a);

      if (n != RT_TUPLE_SIZE (b))
        return false;
      for (int64_t i = 0; i < n; i++)
        if (!const_equal (RT_TUPLE_ITEMS (a)[i], RT_TUPLE_ITEMS (b)[i]))
          return false;
      return true;
    }
  if (type == &rt_frozenset_type)
    {
      RtObject *it;
      RtObject *item;
      bool equal = true;

      if (rt_set_size (a) != rt_set_size (b))
        return false;
      it = rt_iter (a);
      if (it == NULL)
        {
          rt_error_clear ();
          return false;
        }
      while (equal && (item = rt_iter_next (it)) != NULL)
        {
          equal = frozenset_contains_const (b, item);
          rt_decref (item);
        }
      rt_error_clear ();
      rt_decref (it);
      return equal;
    }
  /* Code objects and anything else: only themselves. */
  return false;
}

void
lang_const_cache_init (LangConstCache *cache)
{
  memset (cache, 0, sizeof *cache);
}

void
lang_const_cache_clear (LangConstCache *cache)
{
  RtObject **slots = cache->slots;
  size_t capacity = cache->capacity;

  /* Freeing a constant cannot reach back into the cache, but reset it
   * first all the same. */
  memset (cache, 0, sizeof *cache);
  for (size_t i = 0; i < capacity; i++)
    rt_xdecref (slots[i]);
  free (slots);
}

static size_t
cache_slot (RtObject **slots, size_t capacity, RtObject *obj, RtHash hash)
{
  size_t mask = capacity - 1;
  size_t i = (size_t) hash & mask;

  while (slots[i] != NULL && !const_equal (slots[i], obj))
    i = (i + 1) & mask;
  return i;
}

static bool
cache_grow (LangConstCache *cache)
{
  size_t capacity = cache->capacity ? cache->capacity * 2 : 64;
  RtObject **slots = calloc (capacity, sizeof *slots);

  if (slots == NULL)
    return false;
  for (size_t j = 0; j < cache->capacity; j++)
    if (cache->slots[j] != NULL)
      {
        RtObject *o = cache->slots[j];

        slots[cache_slot (slots, capacity, o, const_hash (o))] = o;
      }
  free (cache->slots);
  cache->slots = slots;
  cache->capacity = capacity;
  return true;
}

RtObject *
lang_const_cache_merge (LangConstCache *cache, RtObject *obj)
{
  size_t i;

  /* None and Ellipsis are singletons already, but caching them costs
   * nothing and keeps every constant owned by the cache. */
  if (RT_TYPE (obj) == &rt_str_type && !rt_str_is_interned (obj) && lang_const_is_name_like (obj))
    rt_str_intern_in_place (&obj);
  if ((cache->count + 1) * 2 > cache->capacity && !cache_grow (cache))
    {
      rt_decref (obj);
      return rt_error_no_memory ();
    }
  i = cache_slot (cache->slots, cache->capacity, obj, const_hash (obj));
  if (cache->slots[i] != NULL)
    {
      RtObject *cached = cache->slots[i];

      rt_decref (obj);
      return cached;
    }
  if (RT_TYPE (obj) == &rt_frozenset_type && rt_set_size (obj) > 0)
    {
      /* CPython rebuilds a new frozenset constant from its own iteration
       * order, which can reorder colliding items: do the same, since the
       * order shows when a set display is filled from it. */
      RtObject *items = rt_tuple_from_iterable (obj);
      RtObject *rebuilt = items ? rt_call ((RtObject *) &rt_frozenset_type, &items, 1, NULL) : NULL;

      rt_xdecref (items);
      rt_decref (obj);
      if (rebuilt == NULL)
        return NULL;
      obj = rebuilt;
    }
  cache->slots[i] = obj;
  cache->count++;
  return obj;
}
