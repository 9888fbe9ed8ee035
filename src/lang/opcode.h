/* opcode.h: the instruction set: CPython 3.11's opcodes and stack effects,
 * without its inline caches and specialisation, in 32-bit instructions
 * (8-bit opcode, 24-bit argument, so no EXTENDED_ARG). Jump arguments are
 * absolute instruction indices. Keeping CPython's instruction choices is
 * what makes allocation and reference counts the same as CPython's. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t LangInstr;

#define LANG_INSTR(op, arg) ((LangInstr) (op) | ((LangInstr) (arg) << 8))
#define LANG_OP(instr) ((LangOpcode) ((instr) & 0xff))
#define LANG_ARG(instr) ((uint32_t) ((instr) >> 8))
#define LANG_ARG_MAX 0xffffffu

/* Stack effects are written [before] -> [after], top of stack last. */
#define LANG_OPCODES(X)                                                               \
  X (NOP)                 /* */                                                      \
  X (POP_TOP)             /* [v] -> [] */                                             \
  X (PUSH_NULL)           /* [] -> [NULL] */                                          \
  X (COPY)                /* arg n>=1: [.. v(n) ..] -> [.. v ..  v] (new reference) */\
  X (SWAP)                /* arg n>=2: swaps the top with the n-th from the top */    \
  X (LOAD_CONST)          /* arg: index in consts. [] -> [c] */                       \
  X (LOAD_FAST)           /* arg: local index. UnboundLocalError if unset */          \
  X (STORE_FAST)          /* [v] -> [] */                                             \
  X (DELETE_FAST)                                                                    \
  X (LOAD_NAME)           /* arg: index in names; locals, globals, builtins */         \
  X (STORE_NAME)                                                                     \
  X (DELETE_NAME)                                                                    \
  X (LOAD_GLOBAL)         /* arg: (names index << 1) | push_null: [] -> [NULL?, v] */ \
  X (STORE_GLOBAL)                                                                   \
  X (DELETE_GLOBAL)                                                                  \
  X (MAKE_CELL)           /* arg: localsplus index: wraps the local in a cell */      \
  X (LOAD_CLOSURE)        /* arg: localsplus index: pushes the cell itself */         \
  X (LOAD_DEREF)          /* arg: localsplus index: pushes the cell's contents */     \
  X (STORE_DEREF)                                                                    \
  X (DELETE_DEREF)                                                                   \
  X (LOAD_CLASSDEREF)     /* class bodies: locals dict first, then the cell */        \
  X (COPY_FREE_VARS)      /* arg n: copies the function's closure into the frame */   \
  X (LOAD_ATTR)           /* arg: names index. [o] -> [o.name] */                     \
  X (STORE_ATTR)          /* [v, o] -> [] */                                          \
  X (DELETE_ATTR)         /* [o] -> [] */                                             \
  X (LOAD_METHOD)         /* [o] -> [meth, o] or [NULL, o.name] */                    \
  X (BINARY_OP)           /* arg: RtBinaryOp. [a, b] -> [a op b] */                   \
  X (UNARY_POSITIVE)                                                                 \
  X (UNARY_NEGATIVE)                                                                 \
  X (UNARY_NOT)                                                                      \
  X (UNARY_INVERT)                                                                   \
  X (COMPARE_OP)          /* arg: RT_LT..RT_GE. [a, b] -> [a op b] */                 \
  X (IS_OP)               /* arg 1: is not */                                         \
  X (CONTAINS_OP)         /* arg 1: not in. [item, container] -> [bool] */            \
  X (BINARY_SUBSCR)       /* [o, k] -> [o[k]] */                                      \
  X (STORE_SUBSCR)        /* [v, o, k] -> [] */                                       \
  X (DELETE_SUBSCR)       /* [o, k] -> [] */                                          \
  X (BUILD_SLICE)         /* arg 2 or 3: [start, stop, step?] -> [slice] */           \
  X (BUILD_TUPLE)         /* arg n */                                                 \
  X (BUILD_LIST)                                                                     \
  X (BUILD_SET)                                                                      \
  X (BUILD_MAP)           /* arg n: [k1, v1, .. kn, vn] -> [dict] */                  \
  X (BUILD_CONST_KEY_MAP) /* arg n: [v1 .. vn, keys tuple] -> [dict] */               \
  X (BUILD_STRING)        /* arg n: [s1 .. sn] -> [s1 + .. + sn] */                   \
  X (LIST_APPEND)         /* arg i: [list(i) .. v] -> [list ..]: list at STACK[-i] after pop */ \
  X (SET_ADD)                                                                        \
  X (MAP_ADD)             /* [dict(i) .. k, v] -> [dict ..] */                        \
  X (LIST_EXTEND)         /* arg i: [list(i) .. iterable] -> [list ..] */             \
  X (SET_UPDATE)                                                                     \
  X (DICT_UPDATE)                                                                    \
  X (DICT_MERGE)          /* as DICT_UPDATE, TypeError on a repeated keyword */       \
  X (LIST_TO_TUPLE)                                                                  \
  X (UNPACK_SEQUENCE)     /* arg n: [seq] -> [vn .. v1] (v1 on top) */                \
  X (UNPACK_EX)           /* arg before | after << 8: starred unpacking */            \
  X (GET_ITER)            /* [o] -> [iter(o)] */                                      \
  X (FOR_ITER)            /* arg: end target. [it] -> [it, next] or pops it and jumps */ \
  X (JUMP)                /* arg: target (forward or backward) */                     \
  X (POP_JUMP_IF_FALSE)   /* arg: target. [v] -> [] */                                \
  X (POP_JUMP_IF_TRUE)                                                               \
  X (POP_JUMP_IF_NONE)                                                               \
  X (POP_JUMP_IF_NOT_NONE)                                                           \
  X (JUMP_IF_FALSE_OR_POP) /* [v] -> [v] and jump if false, else [] */                \
  X (JUMP_IF_TRUE_OR_POP)                                                            \
  X (MAKE_FUNCTION)       /* arg flags: 1 defaults tuple, 2 kwdefaults dict,          \
                             4 annotations, 8 closure tuple:                          \
                             [defaults?, kwdefaults?, annotations?, closure?, code]   \
                             -> [function]; the qualname is the code's (as 3.11) */  \
  X (KW_NAMES)            /* arg: consts index of the keyword names tuple for CALL */ \
  X (CALL)                /* arg n: [NULL|meth, callable|self, a1 .. an] -> [result] \
                             the last len(kwnames) args are keyword arguments */      \
  X (CALL_FUNCTION_EX)    /* arg 1: with kwargs. [NULL, f, args tuple, kwargs?] -> [r] */ \
  X (RETURN_VALUE)        /* [v] -> returns v */                                      \
  X (LOAD_BUILD_CLASS)    /* [] -> [__build_class__] */                               \
  X (RAISE_VARARGS)       /* arg 0 re-raise, 1 [exc], 2 [exc, cause] */               \
  X (RERAISE)             /* arg: if 1, [lasti, .. exc] sets lasti first. [exc] -> raises */ \
  X (PUSH_EXC_INFO)       /* [exc] -> [previous exc_info or None, exc] */             \
  X (POP_EXCEPT)          /* [prev] -> [] restores exc_info */                        \
  X (CHECK_EXC_MATCH)     /* [exc, type] -> [exc, bool] */                            \
  X (LOAD_ASSERTION_ERROR)                                                           \
  X (FORMAT_VALUE)        /* arg: conversion (0 none, 1 str, 2 repr, 3 ascii) | 4 with spec: \
                             [v, spec?] -> [formatted str] */                        \
  X (IMPORT_NAME)         /* arg: names index. [level, fromlist] -> [module] */       \
  X (IMPORT_FROM)         /* arg: names index. [module] -> [module, attr] */          \
  X (IMPORT_STAR)         /* [module] -> [] */                                        \
  X (SETUP_ANNOTATIONS)

typedef enum
{
#define LANG_OPCODE_ENUM(name) LANG_OP_##name,
  LANG_OPCODES (LANG_OPCODE_ENUM)
#undef LANG_OPCODE_ENUM
  LANG_OP_COUNT_
} LangOpcode;

const char *lang_opcode_name (LangOpcode op);

/* Whether the instruction's argument means something (dis shows it). */
bool lang_opcode_has_arg (LangOpcode op);
