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

/* Sets the current exception to type(message). The format understands
 * %s (C string), %d %u %ld %lld %zd %zu %c %x, %%, and for objects:
 * %R (repr), %S (str), %T (the object's type name), %N (a type's name). */
void rt_error_format (RtType *type, const char *format, ...);
void rt_error_vformat (RtType *type, const char *format, va_list args);

/* Sets the current exception to type(value) (value borrowed, may be NULL for
 * no arguments), as PyErr_SetObject. */
void rt_error_set_object (RtType *type, RtObject *value);

/* Raises an exception instance or class, as the raise statement does. */
void rt_error_raise (RtObject *exc);

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
 * traceback; a new str. */
RtObject *rt_exception_format_only (RtObject *exc);

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
