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

/* globals and code are borrowed; name/qualname default to the code's. */
RtObject *rt_function_new (RtObject *code, RtObject *globals, RtObject *name,
                           RtObject *qualname);
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
bool rt_check_nargs (const char *name, size_t nargs, size_t min, size_t max);
