/* compiler-private.h: what the compiler's files share: the compiler and
 * its units, basic blocks of instructions, the constant cache, the folded
 * constants of the tree (compiler.c, compiler-stmt.c, compiler-expr.c,
 * compiler-optimize.c, compiler-assemble.c, compiler-consts.c, fold.c). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/abstract.h"
#include "ast.h"
#include "code.h"
#include "compiler.h"
#include "lang-map.h"
#include "runtime/object.h"
#include "opcode.h"
#include "symtable.h"
#include "syntax-error.h"

/* Pseudo-instructions: the compiler emits them to describe exception
 * handling regions; the assembler turns the regions into the exception
 * table and the instructions into NOPs, as CPython's SETUP_FINALLY,
 * SETUP_CLEANUP and POP_BLOCK. */
enum
{
  LANG_PSEUDO_SETUP_FINALLY = 0x100, /* handler gets [exc] */
  LANG_PSEUDO_SETUP_CLEANUP,         /* handler gets [lasti, exc] */
  LANG_PSEUDO_POP_BLOCK,
  /* CPython's RESUME and PRECALL: kept while optimizing, since the passes
   * see them (as line carriers and in block sizes), dropped at the end. */
  LANG_PSEUDO_RESUME,
  LANG_PSEUDO_PRECALL,
};

/* CPython's limits. */
#define LANG_MAX_BLOCKS 20            /* CO_MAXBLOCKS: statically nested blocks */
#define LANG_STACK_USE_GUIDELINE 30   /* past this, displays and calls build incrementally */

/* The constant cache of a compilation unit (CPython's c_const_cache):
 * equal constants, compared by type and value (so 1, 1.0 and True stay
 * apart, and so do 0.0 and -0.0), are one object. It holds a reference to
 * every object it has seen. */
typedef struct
{
  RtObject **slots;
  size_t count;
  size_t capacity; /* 0 or a power of two */
} LangConstCache;

void lang_const_cache_init (LangConstCache *cache);
void lang_const_cache_clear (LangConstCache *cache);
/* Steals obj; returns a borrowed reference to the cached object equal to
 * it (obj itself if it is new), which the cache keeps alive. Tuples and
 * frozensets must be built from cached items. str constants made only of
 * ASCII letters, digits and '_' are interned first. NULL with MemoryError
 * set on failure. */
RtObject *lang_const_cache_merge (LangConstCache *cache, RtObject *obj);

/* New references to constants made from source text, not yet cached. */
RtObject *lang_const_from_ast (const LangConstant *constant);
/* An identifier as a constant: always interned, as CPython's parser does. */
RtObject *lang_const_identifier (const char *name);
/* Whether a str is made only of ASCII letters, digits and '_'. */
bool lang_const_is_name_like (RtObject *s);

/* The folded tree: the constant value of every expression that is (or
 * folded into) a constant, and the nodes the folder made. */
typedef struct LangFoldNode LangFoldNode;

typedef struct
{
  LangConstCache *cache;    /* borrowed: values are the cache's objects */
  const LangCompileInput *input;
  LangSyntaxError *error;
  LangPtrMap values;        /* LangExpr * -> RtObject * (borrowed from the cache) */
  LangFoldNode *nodes;      /* made by the folder, freed with it */
  int depth;
  bool failed;
} LangFold;

void lang_fold_init (LangFold *fold, LangConstCache *cache, const LangCompileInput *input,
                     LangSyntaxError *error);
void lang_fold_clear (LangFold *fold);
/* Folds in place, as CPython's ast_opt.c. False with error filled (for an
 * unsupported literal) or a runtime exception set. */
bool lang_fold_body (LangFold *fold, LangStmt **body, size_t n);
/* The constant an expression is, borrowed, or NULL. */
RtObject *lang_fold_value (const LangFold *fold, const LangExpr *e);
/* The runtime's operator for an AST operator (BINARY_OP's argument). */
RtBinaryOp lang_binary_op_of (LangOperator op, bool inplace);

/* Code generation */

typedef struct LangBlock LangBlock;

typedef struct
{
  int op;            /* LangOpcode or LANG_PSEUDO_* */
  int arg;
  LangBlock *target; /* jumps and SETUP_* */
  LangBlock *except; /* the handler in effect, found by the assembler */
  LangPosition pos;  /* lineno < 0: an artificial instruction */
} LangCInstr;

typedef struct LangExceptStack LangExceptStack;

struct LangBlock
{
  LangBlock *list;   /* every block of the unit, newest first */
  LangBlock *next;   /* the block control falls into */
  LangCInstr *instr;
  int n_instr, cap_instr;
  int predecessors;
  int startdepth;
  int offset;        /* index of its first instruction in the final code */
  LangExceptStack *exceptstack;
  bool nofallthrough;  /* ends in a return, raise or unconditional jump */
  bool preserve_lasti; /* an exception handler that gets lasti */
  bool visited;
  bool exit;           /* ends in a return or raise */
  bool has_return;     /* holds a RETURN_VALUE */
};

typedef enum
{
  LANG_FB_WHILE_LOOP,
  LANG_FB_FOR_LOOP,
  LANG_FB_TRY_EXCEPT,
  LANG_FB_FINALLY_TRY,
  LANG_FB_FINALLY_END,
  LANG_FB_HANDLER_CLEANUP,
  LANG_FB_POP_VALUE,
  LANG_FB_EXCEPTION_HANDLER,
} LangFBlockType;

typedef struct
{
  LangFBlockType type;
  LangBlock *block;
  LangBlock *exit;
  /* FINALLY_TRY: the finally body; HANDLER_CLEANUP: the name bound by
   * `except E as name` (NULL without it). */
  LangStmt **body;
  size_t n_body;
  const char *name;
} LangFBlock;

typedef enum
{
  LANG_UNIT_MODULE,
  LANG_UNIT_CLASS,
  LANG_UNIT_FUNCTION,
  LANG_UNIT_LAMBDA,
  LANG_UNIT_COMPREHENSION,
} LangUnitType;

/* Names indexed in the order of first use (CPython's u_names dicts). */
typedef struct
{
  const char **items; /* pooled */
  size_t count, capacity;
  LangPtrMap index;   /* name -> index + 1 */
} LangNameList;

typedef struct LangUnit LangUnit;

struct LangUnit
{
  LangUnit *parent;
  LangSymtableEntry *ste;
  LangUnitType type;
  RtObject *name;     /* str */
  RtObject *qualname; /* str */

  RtObject **consts;  /* the constants in order; the cache owns them */
  size_t n_consts, cap_consts;
  LangPtrMap const_index; /* object -> index + 1 */
  LangNameList names;
  LangNameList varnames;
  LangNameList cellvars;
  LangNameList freevars;

  const char *private_; /* class name for mangling, or NULL */
  int argcount, posonlyargcount, kwonlyargcount;

  LangBlock *blocks;    /* every block, newest first */
  LangBlock *entry;     /* the first block */
  LangBlock *curblock;
  bool need_new_implicit_block;

  LangFBlock fblocks[LANG_MAX_BLOCKS];
  int n_fblocks;

  int firstlineno;
  LangPosition loc;     /* where the instructions being emitted come from */
};

typedef struct
{
  const LangCompileInput *input;
  LangSyntaxError *error;
  LangSymtable *st;
  LangStrPool *pool;
  LangConstCache cache;
  LangFold fold;
  LangPtrMap name_objects; /* pooled name -> interned str (owned) */
  RtObject *filename;
  LangUnit *u;
  int nestlevel;
  bool failed;
  /* Pooled names the code generator uses. */
  const char *s_name, *s_module, *s_qualname, *s_doc, *s_class, *s_classcell, *s_annotations;
} LangCompiler;

/* compiler.c */
bool lang_c_error (LangCompiler *c, const char *format, ...) RT_PRINTF (2, 3);
bool lang_c_no_memory (LangCompiler *c);
LangBlock *lang_c_new_block (LangCompiler *c);
void lang_c_use_next_block (LangCompiler *c, LangBlock *block);
bool lang_c_addop (LangCompiler *c, int op, int arg);
bool lang_c_addop_noline (LangCompiler *c, int op, int arg);
bool lang_c_addop_j (LangCompiler *c, int op, LangBlock *target);
bool lang_c_addop_j_noline (LangCompiler *c, int op, LangBlock *target);
bool lang_c_load_const (LangCompiler *c, RtObject *obj);      /* obj borrowed, cached */
bool lang_c_load_const_new (LangCompiler *c, RtObject *obj);  /* obj stolen, merged */
int lang_c_add_const (LangCompiler *c, RtObject *obj);        /* -1 on error */
int lang_c_add_name (LangCompiler *c, LangNameList *list, const char *pooled);
const char *lang_c_pool (LangCompiler *c, const char *name);
const char *lang_c_mangle (LangCompiler *c, const char *name);
RtObject *lang_c_name_object (LangCompiler *c, const char *pooled); /* borrowed */
bool lang_c_addop_name (LangCompiler *c, int op, const char *name); /* mangled, in names */
bool lang_c_nameop (LangCompiler *c, const char *name, LangExprContext ctx);
bool lang_c_forbidden_name (LangCompiler *c, const char *name, LangExprContext ctx);
bool lang_c_enter_scope (LangCompiler *c, const char *name, LangUnitType type, const void *key,
                         int lineno);
void lang_c_exit_scope (LangCompiler *c);
LangScope lang_c_scope (LangCompiler *c, const char *pooled);
bool lang_c_push_fblock (LangCompiler *c, LangFBlockType type, LangBlock *block, LangBlock *exit);
void lang_c_pop_fblock (LangCompiler *c, LangFBlockType type, LangBlock *block);
bool lang_c_make_closure (LangCompiler *c, LangCode *co, int flags);

static inline void
lang_c_set_loc (LangCompiler *c, int lineno, int col, int end_lineno, int end_col)
{
  c->u->loc = (LangPosition){ lineno, end_lineno, col, end_col };
}

#define LANG_C_SET_LOC(c, node) \
  lang_c_set_loc ((c), (node)->lineno, (node)->col_offset, (node)->end_lineno, \
                  (node)->end_col_offset)

static inline void
lang_c_unset_loc (LangCompiler *c)
{
  c->u->loc = (LangPosition){ -1, -1, -1, -1 };
}

static inline RtObject *
lang_c_const (LangCompiler *c, const LangExpr *e)
{
  return lang_fold_value (&c->fold, e);
}

/* compiler-stmt.c */
bool lang_c_visit_stmt (LangCompiler *c, LangStmt *s);
bool lang_c_visit_stmts (LangCompiler *c, LangStmt **body, size_t n);
bool lang_c_body (LangCompiler *c, LangStmt **body, size_t n);
bool lang_c_unwind_fblock_stack (LangCompiler *c, bool preserve_tos, LangFBlock **loop);
bool lang_c_check_debug_args (LangCompiler *c, LangArguments *args);
int lang_c_default_arguments (LangCompiler *c, LangArguments *args);

/* compiler-expr.c */
bool lang_c_visit_expr (LangCompiler *c, LangExpr *e);
bool lang_c_visit_exprs (LangCompiler *c, LangExpr **exprs, size_t n);
bool lang_c_jump_if (LangCompiler *c, LangExpr *e, LangBlock *next, bool cond);
bool lang_c_call_helper (LangCompiler *c, int n, LangExpr **args, size_t n_args,
                         LangKeyword **keywords, size_t n_keywords);
bool lang_c_validate_keywords (LangCompiler *c, LangKeyword **keywords, size_t n);

/* compiler-optimize.c: the passes over a unit's blocks, in the order
 * lang_c_assemble runs them. */
bool lang_c_block_append (LangCompiler *c, LangBlock *b, const LangCInstr *in);
bool lang_c_block_insert (LangCompiler *c, LangBlock *b, int pos, const LangCInstr *in);
LangCInstr *lang_c_last_instr (LangBlock *b);
void lang_c_normalize_block (LangBlock *b);
bool lang_c_extend_block (LangCompiler *c, LangBlock *b);
void lang_c_clean_block (LangBlock *b);
/* stack: room for one pointer per block. */
bool lang_c_optimize_cfg (LangCompiler *c, LangBlock **stack);
bool lang_c_duplicate_exits (LangCompiler *c);
void lang_c_trim_consts (LangUnit *u);
void lang_c_propagate_lines (LangUnit *u);
void lang_c_guarantee_exit_lines (LangUnit *u);

/* compiler-assemble.c: optimizes the unit's blocks and makes its code
 * object (a new reference, or NULL with an error). */
LangCode *lang_c_assemble (LangCompiler *c, bool add_none);
int lang_c_stack_effect (int op, int arg, int jump);
bool lang_c_is_jump (int op);
