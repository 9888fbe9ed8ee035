/* ast.h: the abstract syntax tree the parser builds: the node kinds and field
 * names of CPython 3.11's ast module (Parser/Python.asdl), in C. */
#pragma once

/*
 * Reading this tree
 * =================
 *
 * Every node lives in the LangArena passed to lang_parse() and dies with it;
 * nothing here is freed on its own, and nothing holds a reference count.
 *
 * Names. A Python node type Foo becomes a kind LANG_EXPR_FOO / LANG_STMT_FOO
 * and a union member u.foo in snake_case (u.bin_op, u.list_comp); a member
 * whose name is a C keyword gets a trailing underscore (u.if_, u.for_,
 * u.while_, u.return_). Async variants share the member of the plain form
 * (LANG_STMT_ASYNC_FOR uses u.for_). Field names are Python's.
 *
 * Sequences. A Python list field `xs` is a pointer array plus a count:
 * `T **xs; size_t n_xs;`. An empty list is (NULL, 0). Optional fields (`expr?`
 * in the ASDL) are NULL when absent.
 *
 * Identifiers are NUL-terminated UTF-8 strings in the arena. CPython
 * normalises non-ASCII identifiers to NFKC; here only the common cases are:
 * fullwidth forms (ｘ is x), the micro sign and the long s.
 *
 * Positions. Nodes that carry positions in Python (stmt, expr, arg, keyword,
 * alias, excepthandler) have lineno, col_offset, end_lineno, end_col_offset
 * with CPython's meaning: lines are 1-based, columns are 0-based offsets in
 * UTF-8 bytes from the start of the line, and the end column is exclusive.
 * They match ast.parse() exactly, including its f-string quirks.
 *
 * Constants (LANG_EXPR_CONSTANT, u.constant) keep their type (u.constant.type):
 *   NONE, TRUE, FALSE, ELLIPSIS  - no payload;
 *   INT     - digits in a base, as written but normalised: no prefix, no '_',
 *             hex digits lower case, leading zeros removed ("0" stays); the
 *             compiler builds the (arbitrary precision) integer;
 *   FLOAT   - value.real, as strtod() reads the literal;
 *   COMPLEX - value.imag: the literal 2.5j is the complex number 2.5j;
 *   STR     - the decoded text in UTF-8, with its length; it may contain NUL
 *             bytes, and a lone surrogate from an escape such as "\ud800" is
 *             stored as its 3-byte (WTF-8) form;
 *   BYTES   - the bytes and their length.
 * `kind` is "u" for a u'' string and NULL otherwise, as Constant.kind.
 *
 * Strings. Adjacent literals are joined by the parser: "a" "b" is one
 * Constant 'ab'. An f-string, or a concatenation containing one, is a
 * JoinedStr whose values are Constant (str) and FormattedValue nodes, adjacent
 * constant parts merged and empty ones dropped, exactly as CPython does.
 * FormattedValue.conversion is -1 (none) or the character 's', 'r' or 'a';
 * its format_spec, when present, is itself a JoinedStr (nested replacement
 * fields such as f"{x:{w}}" appear inside it as FormattedValue nodes).
 *
 * Contexts. Name, Attribute, Subscript, Starred, List and Tuple carry ctx:
 * STORE for assignment, for, with and comprehension targets and walrus names,
 * DEL under `del`, LOAD everywhere else.
 *
 * Depth. The parser bounds its own recursion, but a tree built by a loop can
 * still be very deep: `1+1+...+1` is a left-leaning chain of BinOp, `a.b.c...`
 * of Attribute. Code that walks the tree recursively must count its depth;
 * CPython raises RecursionError ("maximum recursion depth exceeded during
 * compilation") at about 3,000 levels, a bound that is also safe here.
 *
 * What the parser does not check. Like CPython's parser, it accepts `return`
 * and `yield` outside a function, `break`/`continue` outside a loop, `await`
 * outside async functions, `nonlocal` at module level and `global` after use:
 * those are the compiler's and the symbol table's errors (report them with
 * lang_syntax_error_set() to get CPython's form).
 */

#include <stdbool.h>
#include <stddef.h>

typedef struct LangExpr LangExpr;
typedef struct LangStmt LangStmt;
typedef struct LangArguments LangArguments;
typedef struct LangArg LangArg;
typedef struct LangKeyword LangKeyword;
typedef struct LangAlias LangAlias;
typedef struct LangComprehension LangComprehension;
typedef struct LangExceptHandler LangExceptHandler;
typedef struct LangWithItem LangWithItem;
typedef struct LangModule LangModule;

typedef enum
{
  LANG_CTX_LOAD,
  LANG_CTX_STORE,
  LANG_CTX_DEL,
} LangExprContext;

typedef enum
{
  LANG_BOOLOP_AND,
  LANG_BOOLOP_OR,
} LangBoolOp;

typedef enum
{
  LANG_OP_ADD,
  LANG_OP_SUB,
  LANG_OP_MULT,
  LANG_OP_MAT_MULT,
  LANG_OP_DIV,
  LANG_OP_MOD,
  LANG_OP_POW,
  LANG_OP_LSHIFT,
  LANG_OP_RSHIFT,
  LANG_OP_BIT_OR,
  LANG_OP_BIT_XOR,
  LANG_OP_BIT_AND,
  LANG_OP_FLOOR_DIV,
} LangOperator;

typedef enum
{
  LANG_UNARY_INVERT,
  LANG_UNARY_NOT,
  LANG_UNARY_UADD,
  LANG_UNARY_USUB,
} LangUnaryOp;

typedef enum
{
  LANG_CMP_EQ,
  LANG_CMP_NOT_EQ,
  LANG_CMP_LT,
  LANG_CMP_LT_E,
  LANG_CMP_GT,
  LANG_CMP_GT_E,
  LANG_CMP_IS,
  LANG_CMP_IS_NOT,
  LANG_CMP_IN,
  LANG_CMP_NOT_IN,
} LangCmpOp;

typedef enum
{
  LANG_CONST_NONE,
  LANG_CONST_TRUE,
  LANG_CONST_FALSE,
  LANG_CONST_ELLIPSIS,
  LANG_CONST_INT,
  LANG_CONST_FLOAT,
  LANG_CONST_COMPLEX,
  LANG_CONST_STR,
  LANG_CONST_BYTES,
} LangConstantKind;

typedef struct
{
  LangConstantKind type;
  union
  {
    /* INT: value = digits read in base (2, 8, 10 or 16). */
    struct
    {
      const char *digits;
      size_t n_digits;
      int base;
    } integer;
    double real; /* FLOAT */
    double imag; /* COMPLEX */
    /* STR (UTF-8) and BYTES; data is NUL-terminated past len for convenience. */
    struct
    {
      const char *data;
      size_t len;
    } str;
  } value;
  const char *kind; /* "u" or NULL */
} LangConstant;

typedef enum
{
  LANG_EXPR_BOOL_OP,
  LANG_EXPR_NAMED_EXPR,
  LANG_EXPR_BIN_OP,
  LANG_EXPR_UNARY_OP,
  LANG_EXPR_LAMBDA,
  LANG_EXPR_IF_EXP,
  LANG_EXPR_DICT,
  LANG_EXPR_SET,
  LANG_EXPR_LIST_COMP,
  LANG_EXPR_SET_COMP,
  LANG_EXPR_DICT_COMP,
  LANG_EXPR_GENERATOR_EXP,
  LANG_EXPR_AWAIT,
  LANG_EXPR_YIELD,
  LANG_EXPR_YIELD_FROM,
  LANG_EXPR_COMPARE,
  LANG_EXPR_CALL,
  LANG_EXPR_FORMATTED_VALUE,
  LANG_EXPR_JOINED_STR,
  LANG_EXPR_CONSTANT,
  LANG_EXPR_ATTRIBUTE,
  LANG_EXPR_SUBSCRIPT,
  LANG_EXPR_STARRED,
  LANG_EXPR_NAME,
  LANG_EXPR_LIST,
  LANG_EXPR_TUPLE,
  LANG_EXPR_SLICE,
} LangExprKind;

struct LangExpr
{
  LangExprKind kind;
  int lineno;
  int col_offset;
  int end_lineno;
  int end_col_offset;
  union
  {
    struct
    {
      LangBoolOp op;
      LangExpr **values; /* two or more */
      size_t n_values;
    } bool_op;
    struct
    {
      LangExpr *target; /* a Name, ctx STORE */
      LangExpr *value;
    } named_expr;
    struct
    {
      LangExpr *left;
      LangOperator op;
      LangExpr *right;
    } bin_op;
    struct
    {
      LangUnaryOp op;
      LangExpr *operand;
    } unary_op;
    struct
    {
      LangArguments *args;
      LangExpr *body;
    } lambda;
    struct
    {
      LangExpr *test;
      LangExpr *body;
      LangExpr *orelse;
    } if_exp;
    struct
    {
      /* keys[i] is NULL for a `**mapping` item, whose mapping is values[i]. */
      LangExpr **keys;
      size_t n_keys;
      LangExpr **values;
      size_t n_values; /* always n_keys */
    } dict;
    struct
    {
      LangExpr **elts;
      size_t n_elts;
    } set;
    /* LIST_COMP, SET_COMP and GENERATOR_EXP share this member. */
    struct
    {
      LangExpr *elt;
      LangComprehension **generators;
      size_t n_generators;
    } comp;
    struct
    {
      LangExpr *key;
      LangExpr *value;
      LangComprehension **generators;
      size_t n_generators;
    } dict_comp;
    /* AWAIT, YIELD (value may be NULL) and YIELD_FROM share this member. */
    struct
    {
      LangExpr *value;
    } await;
    struct
    {
      LangExpr *left;
      LangCmpOp *ops;
      size_t n_ops;
      LangExpr **comparators;
      size_t n_comparators; /* always n_ops */
    } compare;
    struct
    {
      LangExpr *func;
      LangExpr **args; /* may contain Starred for *args */
      size_t n_args;
      LangKeyword **keywords; /* arg NULL for **kwargs */
      size_t n_keywords;
    } call;
    struct
    {
      LangExpr *value;
      int conversion; /* -1, 's', 'r' or 'a' */
      LangExpr *format_spec; /* a JoinedStr, or NULL */
    } formatted_value;
    struct
    {
      LangExpr **values; /* Constant (str) and FormattedValue */
      size_t n_values;
    } joined_str;
    LangConstant constant;
    struct
    {
      LangExpr *value;
      const char *attr;
      LangExprContext ctx;
    } attribute;
    struct
    {
      LangExpr *value;
      LangExpr *slice; /* a Slice, a Tuple (possibly of Slices) or any expr */
      LangExprContext ctx;
    } subscript;
    struct
    {
      LangExpr *value;
      LangExprContext ctx;
    } starred;
    struct
    {
      const char *id;
      LangExprContext ctx;
    } name;
    /* LIST and TUPLE share this member. */
    struct
    {
      LangExpr **elts;
      size_t n_elts;
      LangExprContext ctx;
    } seq;
    struct
    {
      LangExpr *lower; /* each may be NULL */
      LangExpr *upper;
      LangExpr *step;
    } slice;
  } u;
};

typedef enum
{
  LANG_STMT_FUNCTION_DEF,
  LANG_STMT_ASYNC_FUNCTION_DEF,
  LANG_STMT_CLASS_DEF,
  LANG_STMT_RETURN,
  LANG_STMT_DELETE,
  LANG_STMT_ASSIGN,
  LANG_STMT_AUG_ASSIGN,
  LANG_STMT_ANN_ASSIGN,
  LANG_STMT_FOR,
  LANG_STMT_ASYNC_FOR,
  LANG_STMT_WHILE,
  LANG_STMT_IF,
  LANG_STMT_WITH,
  LANG_STMT_ASYNC_WITH,
  LANG_STMT_RAISE,
  LANG_STMT_TRY,
  LANG_STMT_TRY_STAR,
  LANG_STMT_ASSERT,
  LANG_STMT_IMPORT,
  LANG_STMT_IMPORT_FROM,
  LANG_STMT_GLOBAL,
  LANG_STMT_NONLOCAL,
  LANG_STMT_EXPR,
  LANG_STMT_PASS,
  LANG_STMT_BREAK,
  LANG_STMT_CONTINUE,
} LangStmtKind;

struct LangStmt
{
  LangStmtKind kind;
  int lineno;
  int col_offset;
  int end_lineno;
  int end_col_offset;
  union
  {
    /* FUNCTION_DEF and ASYNC_FUNCTION_DEF. The position starts at `def` (or
     * `async`), not at the first decorator, as in CPython 3.8+. */
    struct
    {
      const char *name;
      LangArguments *args;
      LangStmt **body;
      size_t n_body;
      LangExpr **decorator_list;
      size_t n_decorator_list;
      LangExpr *returns;
    } function_def;
    struct
    {
      const char *name;
      LangExpr **bases;
      size_t n_bases;
      LangKeyword **keywords;
      size_t n_keywords;
      LangStmt **body;
      size_t n_body;
      LangExpr **decorator_list;
      size_t n_decorator_list;
    } class_def;
    struct
    {
      LangExpr *value; /* may be NULL */
    } return_;
    struct
    {
      LangExpr **targets;
      size_t n_targets;
    } delete;
    struct
    {
      /* a = b = value: targets [a, b], in source order. */
      LangExpr **targets;
      size_t n_targets;
      LangExpr *value;
    } assign;
    struct
    {
      LangExpr *target;
      LangOperator op;
      LangExpr *value;
    } aug_assign;
    struct
    {
      LangExpr *target;
      LangExpr *annotation;
      LangExpr *value; /* may be NULL */
      int simple;      /* 1 for a bare name target, as CPython */
    } ann_assign;
    /* FOR and ASYNC_FOR. */
    struct
    {
      LangExpr *target;
      LangExpr *iter;
      LangStmt **body;
      size_t n_body;
      LangStmt **orelse;
      size_t n_orelse;
    } for_;
    struct
    {
      LangExpr *test;
      LangStmt **body;
      size_t n_body;
      LangStmt **orelse;
      size_t n_orelse;
    } while_;
    /* elif is an If in orelse, as in Python. */
    struct
    {
      LangExpr *test;
      LangStmt **body;
      size_t n_body;
      LangStmt **orelse;
      size_t n_orelse;
    } if_;
    /* WITH and ASYNC_WITH. */
    struct
    {
      LangWithItem **items;
      size_t n_items;
      LangStmt **body;
      size_t n_body;
    } with;
    struct
    {
      LangExpr *exc;   /* may be NULL */
      LangExpr *cause; /* may be NULL */
    } raise;
    /* TRY and TRY_STAR (except*). */
    struct
    {
      LangStmt **body;
      size_t n_body;
      LangExceptHandler **handlers;
      size_t n_handlers;
      LangStmt **orelse;
      size_t n_orelse;
      LangStmt **finalbody;
      size_t n_finalbody;
    } try_;
    struct
    {
      LangExpr *test;
      LangExpr *msg; /* may be NULL */
    } assert;
    struct
    {
      LangAlias **names;
      size_t n_names;
    } import;
    struct
    {
      const char *module; /* NULL for `from . import x` */
      LangAlias **names;
      size_t n_names;
      int level; /* number of leading dots */
    } import_from;
    /* GLOBAL and NONLOCAL. */
    struct
    {
      const char **names;
      size_t n_names;
    } global;
    struct
    {
      LangExpr *value;
    } expr;
  } u;
};

struct LangArguments
{
  LangArg **posonlyargs;
  size_t n_posonlyargs;
  LangArg **args;
  size_t n_args;
  LangArg *vararg; /* may be NULL */
  LangArg **kwonlyargs;
  size_t n_kwonlyargs;
  /* One per kwonlyarg; NULL where that argument has no default. */
  LangExpr **kw_defaults;
  size_t n_kw_defaults;
  LangArg *kwarg; /* may be NULL */
  /* Defaults of the last n_defaults of posonlyargs + args together. */
  LangExpr **defaults;
  size_t n_defaults;
};

struct LangArg
{
  const char *arg;
  LangExpr *annotation; /* may be NULL */
  int lineno;
  int col_offset;
  int end_lineno;
  int end_col_offset;
};

struct LangKeyword
{
  const char *arg; /* NULL for **kwargs */
  LangExpr *value;
  int lineno;
  int col_offset;
  int end_lineno;
  int end_col_offset;
};

struct LangAlias
{
  const char *name; /* dotted, e.g. "os.path"; "*" for `from m import *` */
  const char *asname; /* may be NULL */
  int lineno;
  int col_offset;
  int end_lineno;
  int end_col_offset;
};

struct LangComprehension
{
  LangExpr *target;
  LangExpr *iter;
  LangExpr **ifs;
  size_t n_ifs;
  int is_async;
};

struct LangExceptHandler
{
  LangExpr *type;   /* NULL for a bare except */
  const char *name; /* NULL without `as` */
  LangStmt **body;
  size_t n_body;
  int lineno;
  int col_offset;
  int end_lineno;
  int end_col_offset;
};

struct LangWithItem
{
  LangExpr *context_expr;
  LangExpr *optional_vars; /* may be NULL */
};

/* Module(body, type_ignores): type_ignores is always empty here. */
struct LangModule
{
  LangStmt **body;
  size_t n_body;
};

/* The Python name of a kind ("BinOp", "FunctionDef", ...). */
const char *lang_expr_kind_name (LangExprKind kind);
const char *lang_stmt_kind_name (LangStmtKind kind);

/* Returns (malloc'd) exactly what CPython 3.11's ast.dump(tree) prints for
 * the same source, or ast.dump(tree, include_attributes=True) when
 * @include_attributes; NULL when out of memory or when the tree is nested
 * more than 10,000 levels deep. For tests and debugging. */
char *lang_ast_dump (const LangModule *module, bool include_attributes);
