/* error.h: the current exception, as CPython's error indicator: a function
 * that fails sets it and returns NULL or -1; callers pass that on. */
#pragma once

#include "object.h"
#include <stdarg.h>

/* The exception types. BaseException's subclasses are ordinary classes that
 * programs may subclass. */
extern RtType rt_exc_BaseException, rt_exc_Exception, rt_exc_TypeError,
  rt_exc_ValueError, rt_exc_NameError, rt_exc_UnboundLocalError, rt_exc_AttributeError,
  rt_exc_LookupError, rt_exc_IndexError, rt_exc_KeyError, rt_exc_ArithmeticError,
  rt_exc_ZeroDivisionError, rt_exc_OverflowError, rt_exc_RuntimeError,
  rt_exc_RecursionError, rt_exc_NotImplementedError, rt_exc_StopIteration,
  rt_exc_MemoryError, rt_exc_AssertionError, rt_exc_ImportError,
  rt_exc_ModuleNotFoundError, rt_exc_SyntaxError, rt_exc_IndentationError,
  rt_exc_TabError, rt_exc_KeyboardInterrupt, rt_exc_SystemExit,
  rt_exc_UnicodeError, rt_exc_UnicodeDecodeError, rt_exc_Warning;

/* The rest of CPython 3.11's hierarchy the runtime knows. */
extern RtType rt_exc_GeneratorExit, rt_exc_FloatingPointError, rt_exc_BufferError,
  rt_exc_EOFError, rt_exc_ReferenceError, rt_exc_StopAsyncIteration, rt_exc_SystemError,
  rt_exc_UnicodeEncodeError, rt_exc_DeprecationWarning, rt_exc_PendingDeprecationWarning,
  rt_exc_RuntimeWarning, rt_exc_SyntaxWarning, rt_exc_UserWarning, rt_exc_FutureWarning,
  rt_exc_ImportWarning, rt_exc_UnicodeWarning, rt_exc_BytesWarning, rt_exc_ResourceWarning,
  rt_exc_EncodingWarning;

/* Readies the exception types and preallocates the MemoryError that
 * rt_error_no_memory raises without allocating. Called by the runtime. */
bool rt_error_init (void);
/* Drops the current exception and the preallocated MemoryError, then the
 * rest of the protocol's state (rt_types_fini). Both are registered roots. */
void rt_error_fini (void);

/* Sets the current exception to type(message). The format understands
 * %s (C string), %d %u %ld %lld %zd %zu %c %x, %%, and for objects:
 * %R (repr), %S (str), %T (the object's type name), %N (a type's name). */
void rt_error_format (RtType *type, const char *format, ...);
void rt_error_vformat (RtType *type, const char *format, va_list args);

/* Sets the current exception to type(value) (value borrowed, may be NULL for
 * no arguments), as PyErr_SetObject; value is always the single argument,
 * even a tuple (KeyError((1, 2)) keeps the tuple as its key). An instance
 * of type is raised as it is. The exception being handled, if any, becomes
 * its __context__. */
void rt_error_set_object (RtType *type, RtObject *value);

/* Raises an exception instance or class (borrowed), as the raise
 * statement does: the exception being handled becomes its __context__. */
void rt_error_raise (RtObject *exc);

/* `raise exc from cause` (both borrowed): cause is an exception instance,
 * an exception class (called with no arguments) or None; it becomes
 * __cause__ (None: no cause) and __suppress_context__ is set, then exc is
 * raised as by rt_error_raise. TypeError for any other cause. */
void rt_error_raise_from (RtObject *exc, RtObject *cause);

/* MemoryError; returns NULL for "return rt_error_no_memory ();". */
RtObject *rt_error_no_memory (void);

bool rt_error_occurred (void);

/* Whether the current exception is an instance of type (or a subclass). */
bool rt_error_matches (RtType *type);

/* Takes the current exception (a new reference) and clears it; NULL if none. */
RtObject *rt_error_fetch (void);

/* Makes exc (stolen) the current exception, replacing any. */
void rt_error_restore (RtObject *exc);

void rt_error_clear (void);

/* "TypeName: message" of an exception instance, as the last line of a
 * traceback (with the module for classes outside builtins and __main__,
 * the "Did you mean" of an AttributeError, and the lines of __notes__);
 * a new str. The file/line/caret lines of a SyntaxError are the caller's. */
RtObject *rt_exception_format_only (RtObject *exc);

/* The "Did you mean: 'x'?" hint CPython's own error display appends for a
 * NameError or AttributeError (a new str, the suggested name), or NULL. It is
 * for interfaces that show errors to people: the traceback's last line
 * (rt_exception_format_only) never carries it, as 3.11's
 * traceback.format_exception_only does not. */
RtObject *rt_exception_suggestion (RtObject *exc);

/* Creates an exception instance: type(*args). Returns a new reference. */
RtObject *rt_exception_new (RtType *type, RtObject *const *args, size_t nargs);

/* The args tuple of an exception instance (borrowed). */
RtObject *rt_exception_args (RtObject *exc);

/* The slot the language layer hangs its traceback on (borrowed, may be NULL);
 * set_traceback steals tb. */
RtObject *rt_exception_traceback (RtObject *exc);
void rt_exception_set_traceback (RtObject *exc, RtObject *tb);
void rt_exception_set_context (RtObject *exc, RtObject *context);  /* steals */
void rt_exception_set_cause (RtObject *exc, RtObject *cause);      /* steals */
RtObject *rt_exception_context (RtObject *exc);                    /* borrowed */
RtObject *rt_exception_cause (RtObject *exc);                      /* borrowed */
/* __suppress_context__: set by `raise ... from ...` (set_cause sets it). */
bool rt_exception_suppress_context (RtObject *exc);
void rt_exception_set_suppress_context (RtObject *exc, bool suppress);

/* The exception an except block is handling (CPython's exc_info), which
 * exceptions raised meanwhile take as __context__. The language layer sets
 * it on entering and leaving handlers; borrowed, NULL for none. */
void rt_error_set_handled (RtObject *exc);
RtObject *rt_error_get_handled (void);

/* Reports the current exception as CPython's PyErr_WriteUnraisable does
 * (an error in __del__, for one) and clears it: through the hook if one is
 * set, else "Exception ignored in: <repr of obj>" and the exception's last
 * line on stderr. obj is borrowed and may be NULL. */
void rt_error_write_unraisable (RtObject *obj);
typedef void (*RtUnraisableHook) (RtObject *exc, RtObject *obj, void *user);
void rt_error_set_unraisable_hook (RtUnraisableHook hook, void *user);

/* The closest of candidates (a list of str) to name, as the "Did you mean"
 * suggestions of 3.11's tracebacks compute it: a new reference or NULL.
 * The language layer uses it for NameError (locals, globals, builtins). */
RtObject *rt_suggest_similar (RtObject *name, RtObject *candidates);
