/* interp.h: what the interpreter offers the built-in functions and
 * modules that need the running program: its frames, its output, its
 * modules. */
#pragma once

#include "runtime/object.h"

/* The globals dict of the innermost running frame (borrowed). */
RtObject *lang_current_globals (void);

/* locals(): a new reference. At module level the globals dict itself; in a
 * function a dict of its variables, as CPython 3.11 builds it (the same
 * dict object each time for one frame, refreshed on each call). */
RtObject *lang_current_locals (void);

/* For zero-argument super(): the class the running function was defined in
 * (its __class__ cell) and its first argument; borrowed. False with
 * RuntimeError "super(): no arguments" (or CPython's other wordings) set. */
bool lang_current_super_args (RtObject **type, RtObject **self);

/* Writes the program's output (print) to wherever the run sends it: stdout
 * for the CLI, the app's console, and an output event. */
bool lang_output_write (const char *bytes, size_t length);

/* The module registry: `import gc`. Returns a new reference, or NULL with
 * ModuleNotFoundError "No module named 'x'". */
RtObject *lang_import_module (RtObject *name);

/* The builtins dict (borrowed). */
RtObject *lang_builtins_dict (void);

/* Created by builtins.c, module-gc.c and module-sys.c: new references to the
 * modules, made once per interpreter. */
RtObject *lang_builtins_module_new (void);
RtObject *lang_gc_module_new (void);
RtObject *lang_sys_module_new (void);
RtObject *lang_time_module_new (void);

/* Sets sys.argv of the running interpreter to argv (a list, borrowed), as
 * the runner does for a script; sys.argv is [''] until then. False with an
 * error set. */
bool lang_sys_set_argv (RtObject *argv);

/* Calls a function or class body with an explicit locals mapping (class
 * bodies: __build_class__); closure may be NULL. A new reference. */
RtObject *lang_eval_with_locals (RtObject *function, RtObject *locals);
