/* compiler.h: from the syntax tree to code objects: the symbol table
 * (which names are local, global, free or cells) and code generation that
 * follows CPython 3.11's compiler. */
#pragma once

#include "ast.h"
#include "code.h"
#include "syntax-error.h"

typedef struct
{
  const char *filename;  /* as tracebacks show it */
  const char *source;    /* the whole file, for error lines */
  size_t length;
  int source_index;      /* stored in every code object made */
} LangCompileInput;

/* Compiles statements as one compilation unit, as CPython compiles
 * Module(body) in 'exec' mode: at the prompt each top-level statement is a
 * unit of its own, so n is 1 there. Constants are merged and identifier-like
 * strings interned within the unit; constant expressions are folded.
 * Returns a new code object, or NULL: with error filled for a SyntaxError
 * found by the symbol table or the compiler ('return' outside function,
 * 'break' outside loop, nonlocal at module level...) or with a runtime
 * exception set (MemoryError) and error->msg left NULL. What the runtime
 * cannot run is a SyntaxError too: with, generators and generator
 * expressions, async, except*, bytes and complex literals.
 * As CPython's optimizer does, constant folding changes the tree in place. */
LangCode *lang_compile (LangStmt **body, size_t n, const LangCompileInput *input,
                        LangSyntaxError *error);
