/* call.c: calling Python functions: binding arguments to a new frame with
 * CPython 3.11's rules and messages (initialize_locals), the hook through
 * which the runtime calls Python code, and __build_class__. */
#include "interp-private.h"

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/function.h"
#include "runtime/list.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

static RtObject *
qualname_of (RtObject *func)
{
  return ((RtFunction *) func)->qualname;
}

static void
too_many_positional (LangCode *co, size_t given, RtObject *defaults, RtObject **localsplus,
                     RtObject *qualname)
{
  int64_t kwonly_given = 0;
  int64_t defcount = defaults == NULL ? 0 : RT_TUPLE_SIZE (defaults);
  char sig[64], kwonly_sig[96] = "";
  bool plural;

  for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
    if (localsplus[i] != NULL)
      kwonly_given++;
  if (defcount)
    {
      plural = true;
      snprintf (sig, sizeof sig, "from %lld to %d", (long long) (co->argcount - defcount),
                co->argcount);
    }
  else
    {
      plural = co->argcount != 1;
      snprintf (sig, sizeof sig, "%d", co->argcount);
    }
  if (kwonly_given)
    snprintf (kwonly_sig, sizeof kwonly_sig,
              " positional argument%s (and %lld keyword-only argument%s)",
              given != 1 ? "s" : "", (long long) kwonly_given, kwonly_given != 1 ? "s" : "");
  rt_error_format (&rt_exc_TypeError, "%S() takes %s positional argument%s but %zu%s %s given",
                   qualname, sig, plural ? "s" : "", given, kwonly_sig,
                   given == 1 && !kwonly_given ? "was" : "were");
}

static void
missing_arguments (LangCode *co, bool positional, int64_t defcount, RtObject **localsplus,
                   RtObject *qualname)
{
  int start = positional ? 0 : co->argcount;
  int end = positional ? co->argcount - (int) defcount : co->argcount + co->kwonlyargcount;
  RtObject *names[256];
  int n = 0;
  RtStrBuilder sb;

  for (int i = start; i < end && n < 256; i++)
    if (localsplus[i] == NULL)
      names[n++] = RT_TUPLE_ITEMS (co->localsplusnames)[i];

  rt_sb_init (&sb);
  for (int i = 0; i < n; i++)
    {
      if (n == 2 && i == 1)
        rt_sb_append_cstr (&sb, " and ");
      else if (n > 2 && i == n - 1)
        rt_sb_append_cstr (&sb, ", and ");
      else if (i > 0)
        rt_sb_append_cstr (&sb, ", ");
      rt_sb_append_repr (&sb, names[i]);
    }
  RtObject *list = rt_sb_finish (&sb);
  if (list == NULL)
    return;
  rt_error_format (&rt_exc_TypeError, "%S() missing %d required %s argument%s: %S", qualname, n,
                   positional ? "positional" : "keyword-only", n == 1 ? "" : "s", list);
  rt_decref (list);
}

static int
find_keyword (LangCode *co, RtObject *keyword, int start, int end)
{
  RtObject **varnames = RT_TUPLE_ITEMS (co->localsplusnames);

  /* Names are interned, so identity finds them almost always. */
  for (int j = start; j < end; j++)
    if (varnames[j] == keyword)
      return j;
  for (int j = start; j < end; j++)
    if (rt_str_equal (varnames[j], keyword))
      return j;
  return -1;
}

bool
lang_bind_arguments (LangFrame *frame, RtObject *func, RtObject *const *args, size_t argcount,
                     RtObject *kwnames, bool steal)
{
  LangCode *co = frame->code;
  RtFunction *f = (RtFunction *) func;
  RtObject **localsplus = frame->localsplus;
  int total_args = co->argcount + co->kwonlyargcount;
  size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
  RtObject *kwdict = NULL;
  size_t n, consumed = 0, kw_done = 0;
  /* Arguments not yet placed in the frame, when stolen, are dropped on failure. */
#define TAKE(v) (steal ? (v) : rt_newref (v))

  if (co->flags & LANG_CO_VARKEYWORDS)
    {
      kwdict = rt_dict_new ();
      if (kwdict == NULL)
        goto fail;
      int i = total_args + ((co->flags & LANG_CO_VARARGS) ? 1 : 0);
      localsplus[i] = kwdict;
    }

  n = argcount > (size_t) co->argcount ? (size_t) co->argcount : argcount;
  for (size_t j = 0; j < n; j++)
    localsplus[j] = TAKE (args[j]);
  consumed = n;

  if (co->flags & LANG_CO_VARARGS)
    {
      RtObject *u;
      if (argcount > n)
        {
          u = rt_tuple_new ((int64_t) (argcount - n));
          if (u == NULL)
            goto fail;
          for (size_t j = n; j < argcount; j++)
            rt_tuple_init_item (u, (int64_t) (j - n), TAKE (args[j]));
          consumed = argcount;
        }
      else
        u = rt_tuple_new (0);
      if (u == NULL)
        goto fail;
      localsplus[total_args] = u;
    }

  for (size_t i = 0; i < nkw; i++)
    {
      RtObject *keyword = RT_TUPLE_ITEMS (kwnames)[i];
      RtObject *value = args[argcount + i];
      int j = find_keyword (co, keyword, co->posonlyargcount, total_args);

      if (j < 0)
        {
          if (kwdict == NULL)
            {
              if (find_keyword (co, keyword, 0, co->posonlyargcount) >= 0)
                rt_error_format (&rt_exc_TypeError,
                                 "%S() got some positional-only arguments passed as keyword "
                                 "arguments: '%S'",
                                 qualname_of (func), keyword);
              else
                rt_error_format (&rt_exc_TypeError,
                                 "%S() got an unexpected keyword argument '%S'",
                                 qualname_of (func), keyword);
              goto fail;
            }
          if (rt_dict_set_item (kwdict, keyword, value) < 0)
            goto fail;
          if (steal)
            rt_decref (value);
        }
      else
        {
          if (localsplus[j] != NULL)
            {
              rt_error_format (&rt_exc_TypeError, "%S() got multiple values for argument '%S'",
                               qualname_of (func), keyword);
              goto fail;
            }
          localsplus[j] = TAKE (value);
        }
      kw_done = i + 1;
    }

  if (argcount > (size_t) co->argcount && !(co->flags & LANG_CO_VARARGS))
    {
      too_many_positional (co, argcount, f->defaults, localsplus, qualname_of (func));
      goto fail;
    }

  if (argcount < (size_t) co->argcount)
    {
      int64_t defcount = f->defaults != NULL ? RT_TUPLE_SIZE (f->defaults) : 0;
      int64_t m = co->argcount - defcount;
      int64_t missing = 0;
      for (int64_t i = (int64_t) argcount; i < m; i++)
        if (localsplus[i] == NULL)
          missing++;
      if (missing)
        {
          missing_arguments (co, true, defcount, localsplus, qualname_of (func));
          goto fail;
        }
      int64_t first = (int64_t) n > m ? (int64_t) n - m : 0;
      for (int64_t i = first; i < defcount; i++)
        if (localsplus[m + i] == NULL)
          localsplus[m + i] = rt_newref (RT_TUPLE_ITEMS (f->defaults)[i]);
    }

  if (co->kwonlyargcount > 0)
    {
      int64_t missing = 0;
      for (int i = co->argcount; i < total_args; i++)
        {
          if (localsplus[i] != NULL)
            continue;
          RtObject *name = RT_TUPLE_ITEMS (co->localsplusnames)[i];
          if (f->kwdefaults != NULL)
            {
              RtObject *def = rt_dict_get_item (f->kwdefaults, name);
              if (def != NULL)
                {
                  localsplus[i] = rt_newref (def);
                  continue;
                }
              if (rt_error_occurred ())
                goto fail;
            }
          missing++;
        }
      if (missing)
        {
          missing_arguments (co, false, -1, localsplus, qualname_of (func));
          goto fail;
        }
    }
  return true;

fail:
  /* Stolen arguments not yet placed in the frame are dropped here. */
  if (steal)
    {
      for (size_t j = consumed; j < argcount; j++)
        rt_decref (args[j]);
      for (size_t i = kw_done; i < nkw; i++)
        rt_decref (args[argcount + i]);
    }
  return false;
#undef TAKE
}

LangFrame *
lang_make_call_frame (RtObject *func, RtObject *const *args, size_t nargs, RtObject *kwnames,
                      bool steal)
{
  RtFunction *f = (RtFunction *) func;
  LangCode *code = (LangCode *) f->code;
  LangFrame *frame = lang_frame_push (code);

  if (frame == NULL)
    {
      if (steal)
        {
          size_t nkw = kwnames != NULL ? (size_t) RT_TUPLE_SIZE (kwnames) : 0;
          for (size_t i = 0; i < nargs + nkw; i++)
            rt_decref (args[i]);
          rt_decref (func);
        }
      return NULL;
    }
  frame->func = steal ? func : rt_newref (func);
  frame->globals = f->globals;
  frame->builtins = f->builtins != NULL ? f->builtins : lang_interp.builtins;
  if (!lang_bind_arguments (frame, func, args, nargs, kwnames, steal))
    {
      lang_frame_pop (frame);
      return NULL;
    }
  return frame;
}

RtObject *
lang_call_function (RtObject *func, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  LangFrame *frame = lang_make_call_frame (func, args, nargs, kwnames, false);

  if (frame == NULL)
    return NULL;
  return lang_eval_frame (frame);
}

RtObject *
lang_eval_with_locals (RtObject *function, RtObject *locals)
{
  LangFrame *frame = lang_make_call_frame (function, NULL, 0, NULL, false);

  if (frame == NULL)
    return NULL;
  frame->locals = rt_newref (locals);
  return lang_eval_frame (frame);
}

/* __build_class__(func, name, *bases, **kwds): runs the class body with a
 * fresh namespace, then makes the class, as builtin___build_class__. */
static RtObject *
build_class (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  RtObject *func, *name, *bases = NULL, *ns = NULL, *cell = NULL, *cls = NULL;
  RtObject *meta = NULL;

  if (nargs < 2)
    {
      rt_error_format (&rt_exc_TypeError, "__build_class__: not enough arguments");
      return NULL;
    }
  func = args[0];
  name = args[1];
  if (RT_TYPE (func) != &rt_function_type)
    {
      rt_error_format (&rt_exc_TypeError, "__build_class__: func must be a function");
      return NULL;
    }
  if (!rt_is_str (name))
    {
      rt_error_format (&rt_exc_TypeError, "__build_class__: name is not a string");
      return NULL;
    }
  bases = rt_tuple_from_array (args + 2, nargs - 2);
  if (bases == NULL)
    goto out;
  if (kwnames != NULL)
    {
      for (int64_t i = 0; i < RT_TUPLE_SIZE (kwnames); i++)
        {
          RtObject *kw = RT_TUPLE_ITEMS (kwnames)[i];
          if (rt_str_equal_cstr (kw, "metaclass"))
            meta = args[nargs + (size_t) i];
          else
            {
              rt_error_format (&rt_exc_TypeError,
                               "__init_subclass__() takes no keyword arguments");
              goto out;
            }
        }
    }
  if (meta != NULL && meta != &rt_type_type.ob)
    {
      rt_error_format (&rt_exc_TypeError, "metaclasses other than type are not supported");
      goto out;
    }

  ns = rt_dict_new ();
  if (ns == NULL)
    goto out;
  cell = lang_eval_with_locals (func, ns);
  if (cell == NULL)
    goto out;

  cls = rt_class_new (name, bases, ns);
  if (cls != NULL && RT_TYPE (cell) == &rt_cell_type)
    {
      RtObject *cell_cls = ((RtCell *) cell)->ref;
      if (cell_cls == NULL)
        rt_cell_set (cell, cls);
      else if (cell_cls != cls)
        {
          rt_error_format (&rt_exc_TypeError,
                           "__class__ set to %R defining %R as %R", cell_cls, name, cls);
          RT_CLEAR (cls);
        }
    }

out:
  rt_xdecref (cell);
  rt_xdecref (ns);
  rt_xdecref (bases);
  return cls;
}

static const RtMethodDef build_class_def = { "__build_class__", build_class, 0 };

RtObject *
lang_build_class_new (void)
{
  return rt_builtin_new (&build_class_def, NULL, NULL);
}
