/* symtable.h: the symbol table, CPython 3.11's symtable.c: one entry per
 * module, class, function, lambda and comprehension, recording what each
 * name is in it (local, global, free, cell) before any code is made. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"
#include "compiler.h"
#include "lang-map.h"
#include "syntax-error.h"

typedef enum
{
  LANG_BLOCK_MODULE,
  LANG_BLOCK_CLASS,
  LANG_BLOCK_FUNCTION, /* functions, lambdas and comprehensions */
} LangBlockType;

/* What the first pass saw a name do in a block: CPython's DEF_* bits. */
enum
{
  LANG_DEF_GLOBAL = 1 << 0,     /* global statement */
  LANG_DEF_LOCAL = 1 << 1,      /* assigned to */
  LANG_DEF_PARAM = 1 << 2,      /* a parameter */
  LANG_DEF_NONLOCAL = 1 << 3,   /* nonlocal statement */
  LANG_DEF_USE = 1 << 4,        /* read */
  LANG_DEF_FREE = 1 << 5,       /* free in a nested block */
  LANG_DEF_FREE_CLASS = 1 << 6, /* free in a method and bound in the class too */
  LANG_DEF_IMPORT = 1 << 7,     /* bound by an import */
  LANG_DEF_ANNOT = 1 << 8,      /* an annotated name */
  LANG_DEF_COMP_ITER = 1 << 9,  /* a comprehension's iteration variable */
  LANG_DEF_BOUND = LANG_DEF_LOCAL | LANG_DEF_PARAM | LANG_DEF_IMPORT,
};

/* What the second pass decided a name is (CPython's scopes). */
typedef enum
{
  LANG_SCOPE_NONE = 0, /* not a symbol of the block */
  LANG_SCOPE_LOCAL,
  LANG_SCOPE_GLOBAL_EXPLICIT, /* declared global */
  LANG_SCOPE_GLOBAL_IMPLICIT, /* not bound here nor around: global or builtin */
  LANG_SCOPE_FREE,            /* bound in an enclosing function */
  LANG_SCOPE_CELL,            /* local here and free in a nested block */
} LangScope;

typedef enum
{
  LANG_COMP_NONE,
  LANG_COMP_LIST,
  LANG_COMP_DICT,
  LANG_COMP_SET,
  LANG_COMP_GENERATOR,
} LangComprehensionKind;

typedef struct
{
  const char *name; /* from the table's pool: compare by pointer */
  unsigned flags;   /* LANG_DEF_* */
  LangScope scope;
} LangSymbol;

/* Where a global or nonlocal statement declared a name, for errors the
 * second pass finds. */
typedef struct
{
  const char *name;
  int lineno, col_offset, end_lineno, end_col_offset;
} LangDirective;

typedef struct LangSymtableEntry LangSymtableEntry;

struct LangSymtableEntry
{
  const char *name; /* "top", the function or class name, "lambda", "listcomp"... */
  LangBlockType type;
  const void *key;  /* the AST node: the statement, Lambda or comprehension */
  int lineno, col_offset, end_lineno, end_col_offset;

  /* Symbols in the order they were first seen. */
  LangSymbol *symbols;
  size_t n_symbols, cap_symbols;
  LangPtrMap symbol_index; /* name -> index + 1 */

  /* Parameters in order (posonly, args, kwonly, *args, **kwargs), or ".0". */
  const char **varnames;
  size_t n_varnames, cap_varnames;

  LangSymtableEntry **children;
  size_t n_children, cap_children;

  LangDirective *directives;
  size_t n_directives, cap_directives;

  bool nested;              /* inside a function */
  bool has_free;            /* has free variables (CPython's ste_free) */
  bool child_free;          /* a nested block has free variables */
  bool generator;
  bool coroutine;
  bool varargs;
  bool varkeywords;
  bool returns_value;
  bool needs_class_closure; /* a class whose methods use __class__ or super() */
  bool comp_iter_target;    /* while visiting a comprehension target */
  int comp_iter_expr;       /* depth inside a comprehension's iterable */
  LangComprehensionKind comprehension;
};

typedef struct LangSymtable LangSymtable;

/* Builds the table of a compilation unit. Returns NULL with error filled
 * for a SyntaxError ("nonlocal declaration not allowed at module level",
 * "name 'x' is used prior to global declaration", "duplicate argument 'x'
 * in function definition"...), or with MemoryError set (error->msg NULL). */
LangSymtable *lang_symtable_build (LangStmt **body, size_t n, const LangCompileInput *input,
                                   LangSyntaxError *error);
void lang_symtable_free (LangSymtable *st);

LangSymtableEntry *lang_symtable_top (const LangSymtable *st);
/* The entry made for an AST node (a FunctionDef or ClassDef statement, a
 * Lambda or a comprehension), or NULL. */
LangSymtableEntry *lang_symtable_lookup (const LangSymtable *st, const void *key);

/* The pool all names of the table live in; the compiler adds to it. */
LangStrPool *lang_symtable_pool (LangSymtable *st);

/* The symbol for a pooled name, or NULL. */
const LangSymbol *lang_symtable_entry_get (const LangSymtableEntry *ste, const char *pooled);

/* The scope of a name given as any C string (for tests and tools). */
LangScope lang_symtable_scope_of (LangSymtable *st, const LangSymtableEntry *ste,
                                  const char *name);

/* _Py_Mangle: inside class `private_`, `__x` becomes `_private__x` (leading
 * underscores of the class name dropped), except dunder names, dotted names
 * and classes made only of underscores. Returns a pooled name, or NULL when
 * out of memory. private_ may be NULL. */
const char *lang_symtable_mangle (LangSymtable *st, const char *private_, const char *name);
