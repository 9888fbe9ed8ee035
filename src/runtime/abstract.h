/* abstract.h: operations on any object, dispatched through the type table
 * (CPython's Objects/abstract.c and object.c). Unless said otherwise,
 * arguments are borrowed and results are new references, NULL or -1 with an
 * exception set on failure. */
#pragma once

#include "object.h"

/* Binary operators, numbered as CPython 3.11's BINARY_OP oparg. */
typedef enum
{
  RT_OP_ADD = 0,
  RT_OP_AND,
  RT_OP_FLOOR_DIVIDE,
  RT_OP_LSHIFT,
  RT_OP_MATRIX_MULTIPLY,
  RT_OP_MULTIPLY,
  RT_OP_REMAINDER,
  RT_OP_OR,
  RT_OP_POWER,
  RT_OP_RSHIFT,
  RT_OP_SUBTRACT,
  RT_OP_TRUE_DIVIDE,
  RT_OP_XOR,
  RT_OP_INPLACE_ADD,
  RT_OP_INPLACE_AND,
  RT_OP_INPLACE_FLOOR_DIVIDE,
  RT_OP_INPLACE_LSHIFT,
  RT_OP_INPLACE_MATRIX_MULTIPLY,
  RT_OP_INPLACE_MULTIPLY,
  RT_OP_INPLACE_REMAINDER,
  RT_OP_INPLACE_OR,
  RT_OP_INPLACE_POWER,
  RT_OP_INPLACE_RSHIFT,
  RT_OP_INPLACE_SUBTRACT,
  RT_OP_INPLACE_TRUE_DIVIDE,
  RT_OP_INPLACE_XOR,
  RT_OP_COUNT_
} RtBinaryOp;

/* The operator's symbol, for messages: "+", "+=", "//"... */
const char *rt_binary_op_symbol (RtBinaryOp op);

RtObject *rt_binary_op (RtObject *a, RtObject *b, RtBinaryOp op);
RtObject *rt_negative (RtObject *a);
RtObject *rt_positive (RtObject *a);
RtObject *rt_invert (RtObject *a);
RtObject *rt_absolute (RtObject *a);

RtObject *rt_repr (RtObject *obj);
RtObject *rt_str (RtObject *obj);
RtObject *rt_format (RtObject *obj, RtObject *spec);  /* format(obj, spec) */
RtHash rt_hash (RtObject *obj);

RtObject *rt_richcompare (RtObject *a, RtObject *b, int op);
/* 1, 0 or -1; identity implies equality, as PyObject_RichCompareBool. */
int rt_richcompare_bool (RtObject *a, RtObject *b, int op);

int rt_is_true (RtObject *obj);   /* 1, 0, -1 */

RtObject *rt_getattr (RtObject *obj, RtObject *name);
RtObject *rt_getattr_cstr (RtObject *obj, const char *name);
int rt_setattr (RtObject *obj, RtObject *name, RtObject *value);  /* value NULL: del */
/* 1 found (and *result a new reference), 0 AttributeError swallowed, -1 error. */
int rt_lookup_attr (RtObject *obj, RtObject *name, RtObject **result);

/* TypeError "'int' object is not callable" without a call slot. Calls of C
 * code count against the recursion limit (" while calling a Python
 * object"); functions and bound methods do not: the evaluator counts the
 * frames it runs. */
RtObject *rt_call (RtObject *callable, RtObject *const *args, size_t nargs, RtObject *kwnames);
RtObject *rt_call_noargs (RtObject *callable);
RtObject *rt_call_one (RtObject *callable, RtObject *arg);
/* Calls obj.name(*args) */
RtObject *rt_call_method (RtObject *obj, const char *name, RtObject *const *args, size_t nargs);

RtObject *rt_getitem (RtObject *obj, RtObject *key);
int rt_setitem (RtObject *obj, RtObject *key, RtObject *value);
int rt_delitem (RtObject *obj, RtObject *key);
int64_t rt_length (RtObject *obj);       /* -1: error */
int rt_contains (RtObject *container, RtObject *item);  /* `item in container` */

RtObject *rt_iter (RtObject *obj);
/* The next item; NULL with no exception set when exhausted. */
RtObject *rt_iter_next (RtObject *iterator);

/* isinstance(obj, cls) and issubclass(derived, cls): cls a class or a tuple
 * of them (nested), __instancecheck__/__subclasscheck__ of the metaclass
 * honoured. 1, 0, or -1 with CPython's TypeError ("isinstance() arg 2 must
 * be a type, a tuple of types, or a union"). */
int rt_isinstance (RtObject *obj, RtObject *cls);
int rt_issubclass (RtObject *derived, RtObject *cls);

/* __index__: an int (new reference) */
RtObject *rt_number_index (RtObject *obj);
/* obj as a C integer through __index__; -1 with an error set on failure
 * (check rt_error_occurred), OverflowError beyond 64 bits. */
int64_t rt_as_ssize (RtObject *obj);

/* Protection of recursive structures in repr: 1 if obj is already being
 * printed further up (print "[...]"), 0 if entered, -1 on error. */
int rt_repr_enter (RtObject *obj);
void rt_repr_leave (RtObject *obj);

/* The shared depth counter for Python calls and C recursion (repr,
 * comparison, freeing): -1 with RecursionError "maximum recursion depth
 * exceeded<where>" past the limit. */
int rt_recursion_enter (const char *where);
void rt_recursion_leave (void);
int rt_recursion_limit (void);
void rt_set_recursion_limit (int limit);
int rt_recursion_depth (void);

/* Sets the lowest C stack address the runtime may reach on the thread that
 * runs it (the stack grows down); past it rt_recursion_enter raises
 * RecursionError whatever the limit. The embedder sets it from a local's
 * address when it starts running code on a thread; 0 turns the check off. */
void rt_set_stack_limit (uintptr_t lowest);
