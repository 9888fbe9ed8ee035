/* code.h: code objects, what the compiler produces and the interpreter
 * runs: instructions, constants, names, the layout of a frame's variables,
 * positions and the exception table. As in CPython, code objects are not
 * tracked by the collector, and they hold their constants: that is why a
 * constant's count is one higher while a function that uses it exists. */
#pragma once

#include "runtime/object.h"
#include "opcode.h"

/* co_flags, with CPython's values. */
enum
{
  LANG_CO_OPTIMIZED = 0x0001,   /* locals in fast slots (functions) */
  LANG_CO_NEWLOCALS = 0x0002,
  LANG_CO_VARARGS = 0x0004,
  LANG_CO_VARKEYWORDS = 0x0008,
  LANG_CO_NESTED = 0x0010,
  LANG_CO_NOFREE = 0x0040,
};

/* What a slot of localsplus is (CPython's CO_FAST_* kinds), as bits. */
enum
{
  LANG_FAST_LOCAL = 0x20,
  LANG_FAST_CELL = 0x40,
  LANG_FAST_FREE = 0x80,
};

/* Where an instruction came from, for tracebacks and line stepping. Lines
 * are 1-based; columns are 0-based UTF-8 byte offsets, -1 when unknown.
 * lineno is -1 for the artificial instructions CPython gives no line
 * either (co_positions() shows None): MAKE_CELL and COPY_FREE_VARS at the
 * start, and exception handlers' entry and cleanup code. */
typedef struct
{
  int32_t lineno;
  int32_t end_lineno;
  int32_t col;
  int32_t end_col;
} LangPosition;

/* An exception raised by an instruction in [start, end) jumps to handler
 * with the value stack cut back to depth (then, if lasti, the index of the
 * raising instruction is pushed as an int), then the exception is pushed. */
typedef struct
{
  uint32_t start;
  uint32_t end;
  uint32_t handler;
  uint32_t depth;
  bool lasti;
} LangExceptEntry;

typedef struct
{
  RtObject ob;
  LangInstr *code;
  uint32_t n_code;
  int32_t argcount;          /* positional, including positional-only */
  int32_t posonlyargcount;
  int32_t kwonlyargcount;
  int32_t flags;             /* LANG_CO_* */
  int32_t stacksize;
  int32_t firstlineno;
  int32_t nlocalsplus;       /* locals + cells + frees */
  int32_t nlocals;           /* plain locals (incl. arguments) */
  int32_t ncellvars;         /* slots with LANG_FAST_CELL, arguments that are cells included */
  int32_t nfreevars;         /* the last nfreevars slots, filled by COPY_FREE_VARS */
  RtObject *consts;          /* tuple */
  RtObject *names;           /* tuple of interned str: attributes, globals */
  RtObject *localsplusnames; /* tuple of interned str, one per slot */
  uint8_t *localspluskinds;  /* LANG_FAST_* per slot */
  RtObject *filename;        /* str */
  RtObject *name;            /* str */
  RtObject *qualname;        /* str */
  LangPosition *positions;   /* one per instruction */
  uint8_t *line_starts;      /* 1 where an instruction begins a new line (a step) */
  LangExceptEntry *exceptions;
  uint32_t n_exceptions;
  int32_t source_index;      /* which source file of the run */
  void *storage;             /* the arrays above live in this one raw block */
  size_t storage_size;
} LangCode;

extern RtType lang_code_type;

/* Creates a code object; takes ownership of the malloc'd arrays (code,
 * localspluskinds, positions, line_starts, exceptions: they are copied into
 * the runtime's memory and freed, even on failure) and borrows the objects
 * (consts, names, localsplusnames, filename, name, qualname). */
LangCode *lang_code_new (LangInstr *code, uint32_t n_code, RtObject *consts, RtObject *names,
                         RtObject *localsplusnames, uint8_t *localspluskinds,
                         LangPosition *positions, uint8_t *line_starts,
                         LangExceptEntry *exceptions, uint32_t n_exceptions,
                         RtObject *filename, RtObject *name, RtObject *qualname);

/* The line of instruction i. */
static inline int
lang_code_line (const LangCode *code, uint32_t i)
{
  return code->positions[i].lineno;
}

/* A human-readable listing, like `python3 -m dis` (malloc'd). */
char *lang_code_disassemble (const LangCode *code);
