/* builtins-private.h: what the built-in functions and the gc and sys modules
 * share: argument parsing with CPython 3.11's exact messages, C integer
 * conversions, special-method lookup, and module filling. */
#pragma once

#include "runtime/object.h"

/* CPython words argument errors differently depending on how a function is
 * declared (METH_O, METH_NOARGS, METH_VARARGS, Argument Clinic...); each
 * helper below reproduces one family. `funcstr` is the name as
 * _PyObject_FunctionStr shows it: "len" for builtins, "gc.enable" for a
 * module function. All return false with TypeError set. */

/* "len() takes no keyword arguments" */
bool lang_args_no_kw (const char *funcstr, RtObject *kwnames);

/* METH_O: "len() takes exactly one argument (2 given)", keywords refused. */
bool lang_args_o (const char *funcstr, size_t nargs, RtObject *kwnames);

/* METH_NOARGS: "globals() takes no arguments (1 given)". */
bool lang_args_noargs (const char *funcstr, size_t nargs, RtObject *kwnames);

/* _PyArg_CheckPositional and PyArg_UnpackTuple: "max expected at least 1
 * argument, got 0". */
bool lang_args_positional (const char *name, size_t nargs, size_t min, size_t max);

/* PyArg_ParseTuple's count check: "set_threshold() takes at least 1
 * argument (0 given)". */
bool lang_args_tuple_count (const char *fname, size_t nargs, size_t min, size_t max);

/* The parameters of a function that takes keywords, as Argument Clinic's
 * _PyArg_Parser describes them. */
typedef struct
{
  const char *fname;            /* as the messages show it: "round" */
  const char *const *keywords;  /* one name per parameter, "" for positional-only;
                                   NULL-terminated */
  int minpos;                   /* required positional parameters */
  int maxpos;                   /* parameters that may be passed by position */
} LangArgSpec;

/* _PyArg_UnpackKeywords: matches positional and keyword arguments against
 * spec and stores them, borrowed, in out (one slot per parameter, NULL for
 * those not given). False with TypeError set, in CPython's words: "round()
 * missing required argument 'number' (pos 1)", "'x' is an invalid keyword
 * argument for round()"... */
bool lang_args_unpack (const LangArgSpec *spec, RtObject *const *args, size_t nargs,
                       RtObject *kwnames, RtObject **out);

/* The tuple and the dict that a METH_VARARGS | METH_KEYWORDS function of
 * CPython receives. The functions declared that way (min, max, dir, vars,
 * gc.get_referents, sys.getsizeof...) build them too, because they are
 * allocations the collector counts. New references; the dict is NULL when
 * there are no keywords (and on failure, with an error set: check). */
RtObject *lang_args_as_tuple (RtObject *const *args, size_t nargs);
RtObject *lang_kwargs_as_dict (RtObject *const *args, size_t nargs, RtObject *kwnames);

/* _PyLong_AsInt: obj through __index__ as a C int; OverflowError "Python
 * int too large to convert to C int". False with an error set. */
bool lang_as_c_int (RtObject *obj, int *out);

/* PyArg_Parse's "i" format: as lang_as_c_int, but out of range is
 * "signed integer is greater than maximum" (or "less than minimum"). */
bool lang_as_c_int_getargs (RtObject *obj, int *out);

/* _PyObject_LookupSpecial: `name` looked up on obj's type and bound to obj.
 * A new reference, or NULL: with an error set if the lookup failed, without
 * one if the type has no such attribute. */
RtObject *lang_lookup_special (RtObject *obj, const char *name);

/* Adds a built-in function for each def (up to a NULL name) to a module's
 * dict, with `module_name` as their __module__. False with an error set. */
bool lang_module_add_functions (RtObject *module, const RtMethodDef *defs,
                                const char *module_name);

/* module.name = value; borrows value. False with an error set. */
bool lang_module_add_object (RtObject *module, const char *name, RtObject *value);

/* module.name = int(value). */
bool lang_module_add_int (RtObject *module, const char *name, int64_t value);

/* module.name = str(value). */
bool lang_module_add_str (RtObject *module, const char *name, const char *value);

/* The iterator types behind map() and filter() (builtins-iter.c). */
extern RtType lang_map_type, lang_filter_type;

/* The numeric built-ins (builtins-number.c), RtCallFn-shaped. */
RtObject *lang_builtin_bin (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames);
RtObject *lang_builtin_hex (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames);
RtObject *lang_builtin_oct (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames);
RtObject *lang_builtin_divmod (RtObject *self, RtObject *const *args, size_t nargs,
                               RtObject *kwnames);
RtObject *lang_builtin_pow (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames);
RtObject *lang_builtin_round (RtObject *self, RtObject *const *args, size_t nargs,
                              RtObject *kwnames);
RtObject *lang_builtin_sum (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames);
RtObject *lang_builtin_min (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames);
RtObject *lang_builtin_max (RtObject *self, RtObject *const *args, size_t nargs,
                            RtObject *kwnames);
