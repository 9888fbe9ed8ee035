/* function.h: Python function objects, cells, bound methods, and the
 * built-in functions and methods written in C. Calling a Python function
 * goes through the embedder's call_function hook (runtime.h). */
#pragma once

#include "object.h"

typedef struct
{
  RtObject ob;
  RtObject *code;        /* the language's code object */
  RtObject *globals;     /* dict */
  RtObject *builtins;    /* dict */
  RtObject *name;        /* str */
  RtObject *qualname;    /* str */
  RtObject *module;      /* str or None */
  RtObject *defaults;    /* tuple or NULL */
  RtObject *kwdefaults;  /* dict or NULL */
  RtObject *closure;     /* tuple of cells or NULL */
  RtObject *dict;        /* __dict__ or NULL */
  RtObject *doc;         /* or NULL */
} RtFunction;

typedef struct
{
  RtObject ob;
  RtObject *ref;         /* NULL: empty */
} RtCell;

typedef struct
{
  RtObject ob;
  RtObject *func;
  RtObject *self;
} RtMethod;

/* A built-in function, or a built-in method bound to self. */
typedef struct
{
  RtObject ob;
  const RtMethodDef *def;
  RtObject *self;        /* NULL for plain functions */
  RtObject *module;      /* str or NULL */
} RtBuiltin;

/* An unbound method of a built-in type: list.append. */
typedef struct
{
  RtObject ob;
  const RtMethodDef *def;
  RtType *owner;
} RtMethodDescr;

typedef struct
{
  RtObject ob;
  RtObject *name;
  RtObject *dict;
} RtModule;

extern RtType rt_function_type, rt_cell_type, rt_method_type, rt_builtin_type,
  rt_method_descr_type, rt_module_type;

/* globals and code are borrowed; name is required, qualname defaults to it.
 * __module__ comes from globals['__name__'], the builtins from
 * globals['__builtins__'] (a module or a dict; NULL otherwise: the language
 * layer may set it), __doc__ is None. Tracked from birth. */
RtObject *rt_function_new (RtObject *code, RtObject *globals, RtObject *name,
                           RtObject *qualname);
/* The fields the language layer fills after creating a function, each
 * reporting the reference it stores; value borrowed, NULL clears it. */
void rt_function_set_defaults (RtObject *func, RtObject *defaults);
void rt_function_set_kwdefaults (RtObject *func, RtObject *kwdefaults);
void rt_function_set_closure (RtObject *func, RtObject *closure);
void rt_function_set_doc (RtObject *func, RtObject *doc);
void rt_function_set_builtins (RtObject *func, RtObject *builtins);

RtObject *rt_cell_new (RtObject *value);     /* value borrowed, may be NULL */
void rt_cell_set (RtObject *cell, RtObject *value);  /* borrows; reports the reference */
RtObject *rt_method_new (RtObject *func, RtObject *self);
RtObject *rt_builtin_new (const RtMethodDef *def, RtObject *self, RtObject *module);
RtObject *rt_method_descr_new (const RtMethodDef *def, RtType *owner);
RtObject *rt_module_new (RtObject *name);

/* Argument checks shared by built-ins, with CPython's messages:
 * "len() takes exactly one argument (2 given)" and friends. name is the
 * callable's name as the message shows it. Return false with TypeError set. */
bool rt_check_no_kwargs (const char *name, RtObject *kwnames);
/* min == max == 1: "NAME() takes exactly one argument (N given)"; 0 and 0:
 * "NAME() takes no arguments (N given)"; otherwise PyArg_UnpackTuple's
 * "NAME expected at most 1 argument, got 2" (pass the bare name). */
bool rt_check_nargs (const char *name, size_t nargs, size_t min, size_t max);

/* Binds arguments to the nparams parameters named in params (the first
 * nrequired required), positionally or by keyword, as argument clinic does
 * for property() or int(): out[i] is the borrowed value or NULL. Messages
 * as CPython's: "'x' is an invalid keyword argument for NAME()", "argument
 * for NAME() given by name ('fget') and position (1)", "NAME() takes at
 * most 4 arguments (5 given)". */
bool rt_parse_args (const char *name, RtObject *const *args, size_t nargs, RtObject *kwnames,
                    const char *const *params, size_t nparams, size_t nrequired, RtObject **out);
