/* builtins-args.c: argument parsing for the built-in functions and modules,
 * with the messages of CPython 3.11's Python/getargs.c and
 * Objects/methodobject.c, and the helpers that fill a module. */
#include "builtins-private.h"

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#include <limits.h>
#include <string.h>

static size_t
kwnames_count (RtObject *kwnames)
{
  return kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
}

bool
lang_args_no_kw (const char *funcstr, RtObject *kwnames)
{
  if (kwnames_count (kwnames) > 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes no keyword arguments", funcstr);
      return false;
    }
  return true;
}

bool
lang_args_o (const char *funcstr, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_no_kw (funcstr, kwnames))
    return false;
  if (nargs != 1)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes exactly one argument (%zu given)",
                       funcstr, nargs);
      return false;
    }
  return true;
}

bool
lang_args_noargs (const char *funcstr, size_t nargs, RtObject *kwnames)
{
  if (!lang_args_no_kw (funcstr, kwnames))
    return false;
  if (nargs != 0)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes no arguments (%zu given)", funcstr,
                       nargs);
      return false;
    }
  return true;
}

bool
lang_args_positional (const char *name, size_t nargs, size_t min, size_t max)
{
  if (nargs < min)
    {
      rt_error_format (&rt_exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                       min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
      return false;
    }
  if (nargs > max)
    {
      rt_error_format (&rt_exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                       min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
      return false;
    }
  return true;
}

bool
lang_args_tuple_count (const char *fname, size_t nargs, size_t min, size_t max)
{
  if (nargs < min || nargs > max)
    {
      size_t bound = nargs < min ? min : max;
      rt_error_format (&rt_exc_TypeError, "%s() takes %s %zu argument%s (%zu given)", fname,
                       min == max ? "exactly" : nargs < min ? "at least" : "at most", bound,
                       bound == 1 ? "" : "s", nargs);
      return false;
    }
  return true;
}

/* The keyword argument named `keyword` (borrowed), or NULL. */
static RtObject *
find_keyword (RtObject *const *kwvalues, RtObject *kwnames, const char *keyword)
{
  size_t n = kwnames_count (kwnames);

  for (size_t i = 0; i < n; i++)
    if (rt_str_equal_cstr (RT_TUPLE_ITEMS (kwnames)[i], keyword))
      return kwvalues[i];
  return NULL;
}

bool
lang_args_unpack (const LangArgSpec *spec, RtObject *const *args, size_t nargs,
                  RtObject *kwnames, RtObject **out)
{
  RtObject *const *kwvalues = args + nargs;
  size_t nkwargs = kwnames_count (kwnames);
  int posonly = 0, maxargs = 0, minposonly;

  while (spec->keywords[maxargs] != NULL)
    {
      if (spec->keywords[maxargs][0] == '\0')
        posonly++;
      maxargs++;
    }
  minposonly = posonly < spec->minpos ? posonly : spec->minpos;

  if (nargs + nkwargs > (size_t) maxargs)
    {
      /* "keyword" when nargs is 0 avoids a misleading message (bpo-31229). */
      rt_error_format (&rt_exc_TypeError, "%s() takes at most %d %sargument%s (%zu given)",
                       spec->fname, maxargs, nargs == 0 ? "keyword " : "",
                       maxargs == 1 ? "" : "s", nargs + nkwargs);
      return false;
    }
  if (nargs > (size_t) spec->maxpos)
    {
      if (spec->maxpos == 0)
        rt_error_format (&rt_exc_TypeError, "%s() takes no positional arguments", spec->fname);
      else
        rt_error_format (&rt_exc_TypeError, "%s() takes %s %d positional argument%s (%zu given)",
                         spec->fname, spec->minpos < spec->maxpos ? "at most" : "exactly",
                         spec->maxpos, spec->maxpos == 1 ? "" : "s", nargs);
      return false;
    }
  if (nargs < (size_t) minposonly)
    {
      rt_error_format (&rt_exc_TypeError, "%s() takes %s %d positional argument%s (%zu given)",
                       spec->fname, minposonly < spec->maxpos ? "at least" : "exactly",
                       minposonly, minposonly == 1 ? "" : "s", nargs);
      return false;
    }

  for (int i = 0; i < maxargs; i++)
    out[i] = (size_t) i < nargs ? args[i] : NULL;

  for (int i = (int) nargs > posonly ? (int) nargs : posonly; i < maxargs; i++)
    {
      RtObject *current = NULL;

      if (nkwargs > 0)
        current = find_keyword (kwvalues, kwnames, spec->keywords[i]);
      else if (i >= spec->minpos)
        break;
      out[i] = current;
      if (current != NULL)
        nkwargs--;
      else if (i < spec->minpos)
        {
          rt_error_format (&rt_exc_TypeError, "%s() missing required argument '%s' (pos %d)",
                           spec->fname, spec->keywords[i], i + 1);
          return false;
        }
    }

  if (nkwargs > 0)
    {
      /* Some keyword names no parameter: first, one given twice? */
      for (int i = posonly; (size_t) i < nargs; i++)
        if (find_keyword (kwvalues, kwnames, spec->keywords[i]) != NULL)
          {
            rt_error_format (&rt_exc_TypeError,
                             "argument for %s() given by name ('%s') and position (%d)",
                             spec->fname, spec->keywords[i], i + 1);
            return false;
          }
      for (size_t j = 0; j < kwnames_count (kwnames); j++)
        {
          RtObject *keyword = RT_TUPLE_ITEMS (kwnames)[j];
          bool match = false;

          for (int i = posonly; i < maxargs && !match; i++)
            match = rt_str_equal_cstr (keyword, spec->keywords[i]);
          if (!match)
            {
              rt_error_format (&rt_exc_TypeError, "'%S' is an invalid keyword argument for %s()",
                               keyword, spec->fname);
              return false;
            }
        }
      rt_error_format (&rt_exc_TypeError, "invalid keyword argument for %s()", spec->fname);
      return false;
    }
  return true;
}

RtObject *
lang_args_as_tuple (RtObject *const *args, size_t nargs)
{
  return rt_tuple_from_array (args, nargs);
}

RtObject *
lang_kwargs_as_dict (RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  size_t n = kwnames_count (kwnames);
  RtObject *dict;

  if (n == 0)
    return NULL;
  dict = rt_dict_new ();
  if (dict == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    if (rt_dict_set_item (dict, RT_TUPLE_ITEMS (kwnames)[i], args[nargs + i]) < 0)
      {
        rt_decref (dict);
        return NULL;
      }
  return dict;
}

/* obj through __index__ as a C long; `overflowed` set (no error) when it
 * does not fit. False with an error set if obj has no __index__. */
static bool
as_c_long (RtObject *obj, int64_t *out, bool *overflowed)
{
  RtObject *index = rt_number_index (obj);

  if (index == NULL)
    return false;
  *overflowed = !rt_int_to_i64 (index, out);
  rt_decref (index);
  return true;
}

bool
lang_as_c_int (RtObject *obj, int *out)
{
  int64_t value;
  bool overflowed;

  if (!as_c_long (obj, &value, &overflowed))
    return false;
  if (overflowed || value > INT_MAX || value < INT_MIN)
    {
      rt_error_format (&rt_exc_OverflowError, "Python int too large to convert to C int");
      return false;
    }
  *out = (int) value;
  return true;
}

bool
lang_as_c_int_getargs (RtObject *obj, int *out)
{
  int64_t value;
  bool overflowed;

  if (!as_c_long (obj, &value, &overflowed))
    return false;
  if (overflowed)
    {
      rt_error_format (&rt_exc_OverflowError, "Python int too large to convert to C long");
      return false;
    }
  if (value > INT_MAX || value < INT_MIN)
    {
      rt_error_format (&rt_exc_OverflowError, "signed integer is %s",
                       value > INT_MAX ? "greater than maximum" : "less than minimum");
      return false;
    }
  *out = (int) value;
  return true;
}

RtObject *
lang_lookup_special (RtObject *obj, const char *name)
{
  RtType *type = RT_TYPE (obj);
  RtObject *found = rt_type_lookup_cstr (type, name);

  if (found == NULL)
    return NULL;
  if (RT_TYPE (found)->descr_get != NULL)
    return RT_TYPE (found)->descr_get (found, obj, type);
  return rt_newref (found);
}

bool
lang_module_add_object (RtObject *module, const char *name, RtObject *value)
{
  /* Attribute names are interned, as PyObject_SetAttrString does. */
  RtObject *key = rt_str_intern_cstr (name);
  bool ok;

  if (key == NULL)
    return false;
  ok = rt_dict_set_item (((RtModule *) module)->dict, key, value) == 0;
  rt_decref (key);
  return ok;
}

bool
lang_module_add_int (RtObject *module, const char *name, int64_t value)
{
  RtObject *obj = rt_int_from_i64 (value);
  bool ok;

  if (obj == NULL)
    return false;
  ok = lang_module_add_object (module, name, obj);
  rt_decref (obj);
  return ok;
}

bool
lang_module_add_str (RtObject *module, const char *name, const char *value)
{
  RtObject *obj = rt_str_from_cstr (value);
  bool ok;

  if (obj == NULL)
    return false;
  ok = lang_module_add_object (module, name, obj);
  rt_decref (obj);
  return ok;
}

bool
lang_module_add_functions (RtObject *module, const RtMethodDef *defs, const char *module_name)
{
  RtObject *name = rt_str_intern_cstr (module_name);
  bool ok = false;

  if (name == NULL)
    return false;
  for (const RtMethodDef *def = defs; def->name != NULL; def++)
    {
      RtObject *fn = rt_builtin_new (def, NULL, name);
      bool added;

      if (fn == NULL)
        goto out;
      added = lang_module_add_object (module, def->name, fn);
      rt_decref (fn);
      if (!added)
        goto out;
    }
  ok = true;

out:
  rt_decref (name);
  return ok;
}
