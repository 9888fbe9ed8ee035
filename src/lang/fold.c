/* fold.c: the constant folder, CPython 3.11's ast_opt.c: operations on
 * constants become constants (within its size limits, and never when they
 * raise), constant tuples become one constant, `x in [a, b]` iterates a
 * tuple and `x in {1, 2}` a frozenset, `"%s" % (x,)` becomes an f-string.
 * The tree is changed in place; a constant node's object is kept in a side
 * table, since the tree cannot hold objects. */
#include "compiler-private.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/abstract.h"
#include "runtime/error.h"
#include "runtime/int.h"
#include "runtime/set.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

/* ast_opt.c's limits. */
#define MAX_INT_SIZE 128        /* bits */
#define MAX_COLLECTION_SIZE 256 /* items */
#define MAX_STR_SIZE 4096       /* characters */
#define MAX_TOTAL_ITEMS 1024    /* including nested collections */
#define MAX_DEPTH 4000

struct LangFoldNode
{
  LangFoldNode *next;
  max_align_t data[]; /* the node or array itself */
};

void
lang_fold_init (LangFold *fold, LangConstCache *cache, const LangCompileInput *input,
                LangSyntaxError *error)
{
  memset (fold, 0, sizeof *fold);
  fold->cache = cache;
  fold->input = input;
  fold->error = error;
  lang_ptr_map_init (&fold->values);
}

void
lang_fold_clear (LangFold *fold)
{
  LangFoldNode *n = fold->nodes;

  while (n != NULL)
    {
      LangFoldNode *next = n->next;

      free (n);
      n = next;
    }
  fold->nodes = NULL;
  lang_ptr_map_clear (&fold->values);
}

RtObject *
lang_fold_value (const LangFold *fold, const LangExpr *e)
{
  void *v;

  if (e == NULL || e->kind != LANG_EXPR_CONSTANT)
    return NULL;
  return lang_ptr_map_lookup (&fold->values, e, &v) ? v : NULL;
}

static bool
fold_no_memory (LangFold *f)
{
  if (!f->failed)
    rt_error_no_memory ();
  f->failed = true;
  return false;
}

/* Zeroed memory for nodes the folder makes, freed with the folder. */
static void *
fold_alloc (LangFold *f, size_t size)
{
  LangFoldNode *n = calloc (1, sizeof *n + size);

  if (n == NULL)
    {
      fold_no_memory (f);
      return NULL;
    }
  n->next = f->nodes;
  f->nodes = n;
  return n->data;
}

/* Makes e the constant obj (stolen). A NULL obj means the operation
 * failed, and then nothing is folded: the error is the program's, raised
 * when it runs. */
static bool
make_const (LangFold *f, LangExpr *e, RtObject *obj)
{
  RtObject *cached;

  if (obj == NULL)
    {
      rt_error_clear ();
      return true;
    }
  cached = lang_const_cache_merge (f->cache, obj);
  if (cached == NULL)
    {
      f->failed = true;
      return false;
    }
  if (!lang_ptr_map_insert (&f->values, e, cached))
    return fold_no_memory (f);
  e->kind = LANG_EXPR_CONSTANT;
  memset (&e->u.constant, 0, sizeof e->u.constant);
  e->u.constant.type = LANG_CONST_NONE;
  return true;
}

/* An int literal past sys.get_int_max_str_digits(): CPython's parser
 * reports the ValueError as a SyntaxError with a hint, at no column. */
static bool
int_literal_error (LangFold *f, LangExpr *e)
{
  RtObject *exc = rt_error_fetch ();
  RtObject *text = exc ? rt_str (exc) : NULL;
  char *msg;

  rt_xdecref (exc);
  if (text == NULL)
    {
      f->failed = true;
      return false;
    }
  msg = malloc ((size_t) rt_str_size (text) + 100);
  if (msg == NULL)
    {
      rt_decref (text);
      return fold_no_memory (f);
    }
  sprintf (msg, "%s - Consider hexadecimal for huge integer literals to avoid decimal conversion "
                "limits.",
           rt_str_utf8 (text));
  rt_decref (text);
  lang_syntax_error_set (f->error, "SyntaxError", f->input->source, f->input->length, e->lineno,
                         -1, e->lineno, -1, msg);
  free (msg);
  f->failed = true;
  return false;
}

static bool
fold_literal (LangFold *f, LangExpr *e)
{
  LangConstantKind kind = e->u.constant.type;
  RtObject *obj;

  if (lang_ptr_map_lookup (&f->values, e, NULL))
    return true; /* folded before */
  if (kind == LANG_CONST_COMPLEX || kind == LANG_CONST_BYTES)
    {
      lang_syntax_error_set (f->error, "SyntaxError", f->input->source, f->input->length,
                             e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                             kind == LANG_CONST_COMPLEX ? "complex numbers are not supported"
                                                        : "bytes literals are not supported");
      f->failed = true;
      return false;
    }
  obj = lang_const_from_ast (&e->u.constant);
  if (obj == NULL)
    {
      if (kind == LANG_CONST_INT && rt_error_matches (&rt_exc_ValueError))
        return int_literal_error (f, e);
      f->failed = true;
      return false;
    }
  obj = lang_const_cache_merge (f->cache, obj);
  if (obj == NULL)
    {
      f->failed = true;
      return false;
    }
  if (!lang_ptr_map_insert (&f->values, e, obj))
    return fold_no_memory (f);
  return true;
}

/* Sizes, for the limits */

/* The bits of |v| for an int, as _PyLong_NumBits; -1 on failure. */
static int64_t
int_num_bits (RtObject *v)
{
  int64_t small;
  RtObject *r;
  int64_t bits;

  if (rt_int_to_i64 (v, &small))
    {
      uint64_t m = small < 0 ? (uint64_t) 0 - (uint64_t) small : (uint64_t) small;

      bits = 0;
      while (m != 0)
        {
          bits++;
          m >>= 1;
        }
      return bits;
    }
  r = rt_call_method (v, "bit_length", NULL, 0);
  if (r == NULL)
    return -1;
  if (!rt_int_to_i64 (r, &bits))
    bits = -1;
  rt_decref (r);
  return bits;
}

static int64_t
collection_size (RtObject *o)
{
  return rt_is_tuple (o) ? RT_TUPLE_SIZE (o) : rt_set_size (o);
}

static bool
is_frozenset (RtObject *o)
{
  return rt_is_instance_of (o, &rt_frozenset_type);
}

/* What remains of limit after counting the items of nested tuples and
 * frozensets, as check_complexity. */
static int64_t
check_complexity (RtObject *obj, int64_t limit)
{
  if (rt_is_tuple (obj))
    {
      limit -= RT_TUPLE_SIZE (obj);
      for (int64_t i = 0; limit >= 0 && i < RT_TUPLE_SIZE (obj); i++)
        limit = check_complexity (RT_TUPLE_ITEMS (obj)[i], limit);
    }
  else if (is_frozenset (obj))
    {
      RtObject *it = rt_iter (obj);
      RtObject *item;

      limit -= rt_set_size (obj);
      if (it == NULL)
        return -1;
      while (limit >= 0 && (item = rt_iter_next (it)) != NULL)
        {
          limit = check_complexity (item, limit);
          rt_decref (item);
        }
      rt_decref (it);
    }
  return limit;
}

static int64_t
int_as_limited (RtObject *v)
{
  int64_t n;

  return rt_int_to_i64 (v, &n) ? n : -1;
}

static RtObject *
safe_multiply (RtObject *v, RtObject *w)
{
  if (rt_is_int (v) && rt_is_int (w) && rt_int_sign (v) != 0 && rt_int_sign (w) != 0)
    {
      int64_t vbits = int_num_bits (v), wbits = int_num_bits (w);

      if (vbits < 0 || wbits < 0 || vbits + wbits > MAX_INT_SIZE)
        return NULL;
    }
  else if (rt_is_int (v) && (rt_is_tuple (w) || is_frozenset (w)))
    {
      int64_t size = collection_size (w);

      if (size)
        {
          int64_t n = int_as_limited (v);

          if (n < 0 || n > MAX_COLLECTION_SIZE / size)
            return NULL;
          if (n && check_complexity (w, MAX_TOTAL_ITEMS / n) < 0)
            return NULL;
        }
    }
  else if (rt_is_int (v) && rt_is_str (w))
    {
      int64_t size = rt_str_length (w);

      if (size)
        {
          int64_t n = int_as_limited (v);

          if (n < 0 || n > MAX_STR_SIZE / size)
            return NULL;
        }
    }
  else if (rt_is_int (w) && (rt_is_tuple (v) || is_frozenset (v) || rt_is_str (v)))
    return safe_multiply (w, v);
  return rt_binary_op (v, w, RT_OP_MULTIPLY);
}

static RtObject *
safe_power (RtObject *v, RtObject *w)
{
  if (rt_is_int (v) && rt_is_int (w) && rt_int_sign (v) != 0 && rt_int_sign (w) > 0)
    {
      int64_t vbits = int_num_bits (v);
      int64_t wbits;

      if (!rt_int_to_i64 (w, &wbits) || vbits < 0 || vbits > MAX_INT_SIZE / wbits)
        return NULL;
    }
  return rt_binary_op (v, w, RT_OP_POWER);
}

static RtObject *
safe_lshift (RtObject *v, RtObject *w)
{
  if (rt_is_int (v) && rt_is_int (w) && rt_int_sign (v) != 0 && rt_int_sign (w) != 0)
    {
      int64_t vbits = int_num_bits (v);
      int64_t wbits;

      /* A negative count is left for the program to raise about. */
      if (rt_int_sign (w) < 0 || !rt_int_to_i64 (w, &wbits) || vbits < 0)
        return NULL;
      if (wbits > MAX_INT_SIZE || vbits > MAX_INT_SIZE - wbits)
        return NULL;
    }
  return rt_binary_op (v, w, RT_OP_LSHIFT);
}

static RtObject *
safe_mod (RtObject *v, RtObject *w)
{
  /* "%s" % x is left alone: formatting may depend on the runtime. */
  if (rt_is_str (v))
    return NULL;
  return rt_binary_op (v, w, RT_OP_REMAINDER);
}

RtBinaryOp
lang_binary_op_of (LangOperator op, bool inplace)
{
  static const RtBinaryOp ops[] = {
    [LANG_OP_ADD] = RT_OP_ADD,
    [LANG_OP_SUB] = RT_OP_SUBTRACT,
    [LANG_OP_MULT] = RT_OP_MULTIPLY,
    [LANG_OP_MAT_MULT] = RT_OP_MATRIX_MULTIPLY,
    [LANG_OP_DIV] = RT_OP_TRUE_DIVIDE,
    [LANG_OP_MOD] = RT_OP_REMAINDER,
    [LANG_OP_POW] = RT_OP_POWER,
    [LANG_OP_LSHIFT] = RT_OP_LSHIFT,
    [LANG_OP_RSHIFT] = RT_OP_RSHIFT,
    [LANG_OP_BIT_OR] = RT_OP_OR,
    [LANG_OP_BIT_XOR] = RT_OP_XOR,
    [LANG_OP_BIT_AND] = RT_OP_AND,
    [LANG_OP_FLOOR_DIV] = RT_OP_FLOOR_DIVIDE,
  };

  return ops[op] + (inplace ? RT_OP_INPLACE_ADD : 0);
}

/* "%s-%r" % (a, b) */

static LangExpr *
new_expr (LangFold *f, LangExprKind kind, int lineno, int col, int end_lineno, int end_col)
{
  LangExpr *e = fold_alloc (f, sizeof *e);

  if (e == NULL)
    return NULL;
  e->kind = kind;
  e->lineno = lineno;
  e->col_offset = col;
  e->end_lineno = end_lineno;
  e->end_col_offset = end_col;
  return e;
}

/* A str constant node (positions unknown, as CPython's) for obj (stolen). */
static LangExpr *
new_str_const (LangFold *f, RtObject *obj)
{
  LangExpr *e;

  if (obj == NULL)
    {
      f->failed = true;
      return NULL;
    }
  e = new_expr (f, LANG_EXPR_CONSTANT, -1, -1, -1, -1);
  if (e == NULL)
    {
      rt_decref (obj);
      return NULL;
    }
  e->u.constant.type = LANG_CONST_STR;
  return make_const (f, e, obj) ? e : NULL;
}

/* The literal text up to the next lone '%', with "%%" made '%'. Returns
 * NULL with *failed false if there is none. */
static LangExpr *
parse_literal (LangFold *f, const char *fmt, size_t size, size_t *ppos, bool *failed)
{
  size_t start = *ppos, pos = start;
  char *buf;
  size_t n = 0;
  LangExpr *e;

  *failed = false;
  while (pos < size)
    {
      if (fmt[pos] != '%')
        pos++;
      else if (pos + 1 < size && fmt[pos + 1] == '%')
        pos += 2;
      else
        break;
    }
  *ppos = pos;
  if (pos == start)
    return NULL;
  buf = malloc (pos - start);
  if (buf == NULL)
    {
      *failed = true;
      fold_no_memory (f);
      return NULL;
    }
  for (size_t i = start; i < pos; i++)
    {
      buf[n++] = fmt[i];
      if (fmt[i] == '%')
        i++;
    }
  e = new_str_const (f, rt_str_new (buf, n));
  free (buf);
  if (e == NULL)
    *failed = true;
  return e;
}

#define MAXDIGITS 3

/* One conversion after '%': flags, width and precision of at most two
 * digits each, and s, r or a, as simple_format_arg_parse and parse_format. */
static LangExpr *
parse_format (LangFold *f, const char *fmt, size_t size, size_t *ppos, LangExpr *arg,
              bool *failed)
{
  size_t pos = *ppos;
  int width = -1, prec = -1;
  bool ljust = false;
  char ch;
  char spec[16];
  int n = 0;
  LangExpr *e;

  *failed = false;
#define NEXTC                           \
  do                                    \
    {                                   \
      if (pos >= size)                  \
        return NULL;                    \
      ch = fmt[pos++];                  \
    }                                   \
  while (0)

  for (;;)
    {
      NEXTC;
      if (ch == '-')
        ljust = true;
      else if (ch != '+' && ch != ' ' && ch != '#' && ch != '0')
        break;
    }
  if (ch >= '0' && ch <= '9')
    {
      int digits = 0;

      width = 0;
      while (ch >= '0' && ch <= '9')
        {
          width = width * 10 + (ch - '0');
          NEXTC;
          if (++digits >= MAXDIGITS)
            return NULL;
        }
    }
  if (ch == '.')
    {
      int digits = 0;

      NEXTC;
      prec = 0;
      while (ch >= '0' && ch <= '9')
        {
          prec = prec * 10 + (ch - '0');
          NEXTC;
          if (++digits >= MAXDIGITS)
            return NULL;
        }
    }
#undef NEXTC
  *ppos = pos;
  if (ch != 's' && ch != 'r' && ch != 'a')
    return NULL;
  if (!ljust && width > 0)
    spec[n++] = '>';
  if (width >= 0)
    n += snprintf (spec + n, sizeof spec - (size_t) n, "%d", width);
  if (prec >= 0)
    n += snprintf (spec + n, sizeof spec - (size_t) n, ".%d", prec);
  e = new_expr (f, LANG_EXPR_FORMATTED_VALUE, arg->lineno, arg->col_offset, arg->end_lineno,
                arg->end_col_offset);
  if (e == NULL)
    {
      *failed = true;
      return NULL;
    }
  e->u.formatted_value.value = arg;
  e->u.formatted_value.conversion = ch;
  e->u.formatted_value.format_spec = NULL;
  if (n > 0)
    {
      e->u.formatted_value.format_spec = new_str_const (f, rt_str_new (spec, (size_t) n));
      if (e->u.formatted_value.format_spec == NULL)
        {
          *failed = true;
          return NULL;
        }
    }
  return e;
}

static bool
optimize_format (LangFold *f, LangExpr *node, RtObject *fmt_obj, LangExpr **elts, size_t n_elts)
{
  const char *fmt = rt_str_utf8 (fmt_obj);
  size_t size = (size_t) rt_str_size (fmt_obj);
  size_t pos = 0, cnt = 0, n = 0;
  LangExpr **seq = fold_alloc (f, (n_elts * 2 + 1) * sizeof *seq);
  LangExpr *res;
  bool failed;

  if (seq == NULL)
    return false;
  for (;;)
    {
      LangExpr *lit = parse_literal (f, fmt, size, &pos, &failed);
      LangExpr *expr;

      if (lit != NULL)
        seq[n++] = lit;
      else if (failed)
        return false;
      if (pos >= size)
        break;
      if (cnt >= n_elts)
        return true; /* more conversions than items */
      pos++;         /* the '%' */
      expr = parse_format (f, fmt, size, &pos, elts[cnt], &failed);
      cnt++;
      if (expr == NULL)
        return !failed; /* unsupported: leave it to the runtime */
      seq[n++] = expr;
    }
  if (cnt < n_elts)
    return true; /* more items than conversions */
  res = new_expr (f, LANG_EXPR_JOINED_STR, node->lineno, node->col_offset, node->end_lineno,
                  node->end_col_offset);
  if (res == NULL)
    return false;
  res->u.joined_str.values = seq;
  res->u.joined_str.n_values = n;
  *node = *res;
  return true;
}

/* The folds */

static bool fold_expr (LangFold *f, LangExpr *e);
static bool fold_stmts (LangFold *f, LangStmt **body, size_t n);

static bool
fold_exprs (LangFold *f, LangExpr **exprs, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (exprs[i] != NULL && !fold_expr (f, exprs[i]))
      return false;
  return true;
}

static bool
has_starred (LangExpr **elts, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (elts[i]->kind == LANG_EXPR_STARRED)
      return true;
  return false;
}

/* A tuple of the elements' objects if all are constants, else NULL with no
 * error set. */
static RtObject *
make_const_tuple (LangFold *f, LangExpr **elts, size_t n)
{
  RtObject *t;

  for (size_t i = 0; i < n; i++)
    if (elts[i]->kind != LANG_EXPR_CONSTANT)
      return NULL;
  t = rt_tuple_new ((int64_t) n);
  if (t == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++)
    rt_tuple_init_item (t, (int64_t) i, rt_newref (lang_fold_value (f, elts[i])));
  return t;
}

static bool
fold_unaryop (LangFold *f, LangExpr *node)
{
  LangExpr *arg = node->u.unary_op.operand;
  RtObject *v, *r = NULL;

  if (arg->kind != LANG_EXPR_CONSTANT)
    {
      /* not (a is b) is a is not b; == and < cannot be inverted safely. */
      if (node->u.unary_op.op == LANG_UNARY_NOT && arg->kind == LANG_EXPR_COMPARE
          && arg->u.compare.n_ops == 1)
        {
          LangCmpOp *op = &arg->u.compare.ops[0];
          bool done = true;

          switch (*op)
            {
            case LANG_CMP_IS:
              *op = LANG_CMP_IS_NOT;
              break;
            case LANG_CMP_IS_NOT:
              *op = LANG_CMP_IS;
              break;
            case LANG_CMP_IN:
              *op = LANG_CMP_NOT_IN;
              break;
            case LANG_CMP_NOT_IN:
              *op = LANG_CMP_IN;
              break;
            default:
              done = false;
              break;
            }
          if (done)
            *node = *arg;
        }
      return true;
    }
  v = lang_fold_value (f, arg);
  switch (node->u.unary_op.op)
    {
    case LANG_UNARY_INVERT:
      r = rt_invert (v);
      break;
    case LANG_UNARY_NOT:
      {
        int t = rt_is_true (v);

        r = t < 0 ? NULL : rt_bool_new (!t);
        break;
      }
    case LANG_UNARY_UADD:
      r = rt_positive (v);
      break;
    case LANG_UNARY_USUB:
      r = rt_negative (v);
      break;
    }
  return make_const (f, node, r);
}

static bool
fold_binop (LangFold *f, LangExpr *node)
{
  LangExpr *lhs = node->u.bin_op.left, *rhs = node->u.bin_op.right;
  RtObject *lv, *rv, *r = NULL;
  LangOperator op = node->u.bin_op.op;

  if (lhs->kind != LANG_EXPR_CONSTANT)
    return true;
  lv = lang_fold_value (f, lhs);
  if (op == LANG_OP_MOD && rhs->kind == LANG_EXPR_TUPLE && rt_is_str (lv)
      && !has_starred (rhs->u.seq.elts, rhs->u.seq.n_elts))
    return optimize_format (f, node, lv, rhs->u.seq.elts, rhs->u.seq.n_elts);
  if (rhs->kind != LANG_EXPR_CONSTANT)
    return true;
  rv = lang_fold_value (f, rhs);
  switch (op)
    {
    case LANG_OP_MULT:
      r = safe_multiply (lv, rv);
      break;
    case LANG_OP_MOD:
      r = safe_mod (lv, rv);
      break;
    case LANG_OP_POW:
      r = safe_power (lv, rv);
      break;
    case LANG_OP_LSHIFT:
      r = safe_lshift (lv, rv);
      break;
    case LANG_OP_MAT_MULT:
      /* No constant type multiplies matrices. */
      return true;
    default:
      r = rt_binary_op (lv, rv, lang_binary_op_of (op, false));
      break;
    }
  return make_const (f, node, r);
}

/* A list or set iterated or tested with `in`: a tuple or frozenset. */
static bool
fold_iter (LangFold *f, LangExpr *arg)
{
  RtObject *val;

  if (arg->kind == LANG_EXPR_LIST)
    {
      if (has_starred (arg->u.seq.elts, arg->u.seq.n_elts))
        return true;
      arg->kind = LANG_EXPR_TUPLE;
      val = make_const_tuple (f, arg->u.seq.elts, arg->u.seq.n_elts);
    }
  else if (arg->kind == LANG_EXPR_SET)
    {
      RtObject *t = make_const_tuple (f, arg->u.set.elts, arg->u.set.n_elts);

      val = NULL;
      if (t != NULL)
        {
          val = rt_call ((RtObject *) &rt_frozenset_type, &t, 1, NULL);
          rt_decref (t);
        }
    }
  else
    return true;
  return make_const (f, arg, val);
}

static bool
fold_compare (LangFold *f, LangExpr *node)
{
  size_t last = node->u.compare.n_ops - 1;
  LangCmpOp op = node->u.compare.ops[last];

  if (op == LANG_CMP_IN || op == LANG_CMP_NOT_IN)
    return fold_iter (f, node->u.compare.comparators[last]);
  return true;
}

static bool
fold_arguments (LangFold *f, LangArguments *a)
{
  LangArg **groups[] = { a->posonlyargs, a->args, a->kwonlyargs };
  size_t counts[] = { a->n_posonlyargs, a->n_args, a->n_kwonlyargs };

  for (size_t g = 0; g < 3; g++)
    for (size_t i = 0; i < counts[g]; i++)
      if (groups[g][i]->annotation != NULL && !fold_expr (f, groups[g][i]->annotation))
        return false;
  if (a->vararg != NULL && a->vararg->annotation != NULL && !fold_expr (f, a->vararg->annotation))
    return false;
  if (!fold_exprs (f, a->kw_defaults, a->n_kw_defaults))
    return false;
  if (a->kwarg != NULL && a->kwarg->annotation != NULL && !fold_expr (f, a->kwarg->annotation))
    return false;
  return fold_exprs (f, a->defaults, a->n_defaults);
}

static bool
fold_comprehensions (LangFold *f, LangComprehension **gens, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      LangComprehension *g = gens[i];

      if (!fold_expr (f, g->target) || !fold_expr (f, g->iter) || !fold_exprs (f, g->ifs, g->n_ifs)
          || !fold_iter (f, g->iter))
        return false;
    }
  return true;
}

static bool
fold_expr_inner (LangFold *f, LangExpr *e)
{
  switch (e->kind)
    {
    case LANG_EXPR_BOOL_OP:
      return fold_exprs (f, e->u.bool_op.values, e->u.bool_op.n_values);
    case LANG_EXPR_BIN_OP:
      return fold_expr (f, e->u.bin_op.left) && fold_expr (f, e->u.bin_op.right)
             && fold_binop (f, e);
    case LANG_EXPR_UNARY_OP:
      return fold_expr (f, e->u.unary_op.operand) && fold_unaryop (f, e);
    case LANG_EXPR_LAMBDA:
      return fold_arguments (f, e->u.lambda.args) && fold_expr (f, e->u.lambda.body);
    case LANG_EXPR_IF_EXP:
      return fold_expr (f, e->u.if_exp.test) && fold_expr (f, e->u.if_exp.body)
             && fold_expr (f, e->u.if_exp.orelse);
    case LANG_EXPR_DICT:
      return fold_exprs (f, e->u.dict.keys, e->u.dict.n_keys)
             && fold_exprs (f, e->u.dict.values, e->u.dict.n_values);
    case LANG_EXPR_SET:
      return fold_exprs (f, e->u.set.elts, e->u.set.n_elts);
    case LANG_EXPR_LIST_COMP:
    case LANG_EXPR_SET_COMP:
    case LANG_EXPR_GENERATOR_EXP:
      return fold_expr (f, e->u.comp.elt)
             && fold_comprehensions (f, e->u.comp.generators, e->u.comp.n_generators);
    case LANG_EXPR_DICT_COMP:
      return fold_expr (f, e->u.dict_comp.key) && fold_expr (f, e->u.dict_comp.value)
             && fold_comprehensions (f, e->u.dict_comp.generators, e->u.dict_comp.n_generators);
    case LANG_EXPR_AWAIT:
    case LANG_EXPR_YIELD_FROM:
      return fold_expr (f, e->u.await.value);
    case LANG_EXPR_YIELD:
      return e->u.await.value == NULL || fold_expr (f, e->u.await.value);
    case LANG_EXPR_COMPARE:
      return fold_expr (f, e->u.compare.left)
             && fold_exprs (f, e->u.compare.comparators, e->u.compare.n_comparators)
             && fold_compare (f, e);
    case LANG_EXPR_CALL:
      if (!fold_expr (f, e->u.call.func) || !fold_exprs (f, e->u.call.args, e->u.call.n_args))
        return false;
      for (size_t i = 0; i < e->u.call.n_keywords; i++)
        if (!fold_expr (f, e->u.call.keywords[i]->value))
          return false;
      return true;
    case LANG_EXPR_FORMATTED_VALUE:
      return fold_expr (f, e->u.formatted_value.value)
             && (e->u.formatted_value.format_spec == NULL
                 || fold_expr (f, e->u.formatted_value.format_spec));
    case LANG_EXPR_JOINED_STR:
      return fold_exprs (f, e->u.joined_str.values, e->u.joined_str.n_values);
    case LANG_EXPR_ATTRIBUTE:
      return fold_expr (f, e->u.attribute.value);
    case LANG_EXPR_SUBSCRIPT:
      if (!fold_expr (f, e->u.subscript.value) || !fold_expr (f, e->u.subscript.slice))
        return false;
      if (e->u.subscript.ctx == LANG_CTX_LOAD && e->u.subscript.value->kind == LANG_EXPR_CONSTANT
          && e->u.subscript.slice->kind == LANG_EXPR_CONSTANT)
        return make_const (f, e,
                           rt_getitem (lang_fold_value (f, e->u.subscript.value),
                                       lang_fold_value (f, e->u.subscript.slice)));
      return true;
    case LANG_EXPR_STARRED:
      return fold_expr (f, e->u.starred.value);
    case LANG_EXPR_SLICE:
      return (e->u.slice.lower == NULL || fold_expr (f, e->u.slice.lower))
             && (e->u.slice.upper == NULL || fold_expr (f, e->u.slice.upper))
             && (e->u.slice.step == NULL || fold_expr (f, e->u.slice.step));
    case LANG_EXPR_LIST:
      return fold_exprs (f, e->u.seq.elts, e->u.seq.n_elts);
    case LANG_EXPR_TUPLE:
      if (!fold_exprs (f, e->u.seq.elts, e->u.seq.n_elts))
        return false;
      if (e->u.seq.ctx != LANG_CTX_LOAD)
        return true;
      return make_const (f, e, make_const_tuple (f, e->u.seq.elts, e->u.seq.n_elts));
    case LANG_EXPR_NAME:
      /* Without -O, __debug__ is True. */
      if (e->u.name.ctx == LANG_CTX_LOAD && strcmp (e->u.name.id, "__debug__") == 0)
        return make_const (f, e, rt_bool_new (true));
      return true;
    case LANG_EXPR_NAMED_EXPR:
      return fold_expr (f, e->u.named_expr.value);
    case LANG_EXPR_CONSTANT:
      return fold_literal (f, e);
    }
  return true;
}

static bool
fold_expr (LangFold *f, LangExpr *e)
{
  bool ok;

  if (f->failed)
    return false;
  if (++f->depth > MAX_DEPTH)
    {
      rt_error_format (&rt_exc_RecursionError,
                       "maximum recursion depth exceeded during compilation");
      f->failed = true;
      return false;
    }
  ok = fold_expr_inner (f, e);
  f->depth--;
  return ok && !f->failed;
}

static bool
is_docstring (LangFold *f, LangStmt **body, size_t n)
{
  LangExpr *e;

  if (n == 0 || body[0]->kind != LANG_STMT_EXPR)
    return false;
  e = body[0]->u.expr.value;
  return e->kind == LANG_EXPR_CONSTANT && e->u.constant.type == LANG_CONST_STR
         && (lang_fold_value (f, e) == NULL || rt_is_str (lang_fold_value (f, e)));
}

/* A body whose first statement only became a string by folding has no
 * docstring: hide the string in an f-string, as astfold_body does. */
static bool
fold_body (LangFold *f, LangStmt **body, size_t n)
{
  bool docstring = is_docstring (f, body, n);
  LangStmt *st;
  LangExpr *value, *js;
  LangExpr **values;

  if (!fold_stmts (f, body, n))
    return false;
  if (docstring || n == 0 || body[0]->kind != LANG_STMT_EXPR)
    return true;
  value = body[0]->u.expr.value;
  if (value->kind != LANG_EXPR_CONSTANT || !rt_is_str (lang_fold_value (f, value)))
    return true;
  st = body[0];
  values = fold_alloc (f, sizeof *values);
  js = new_expr (f, LANG_EXPR_JOINED_STR, st->lineno, st->col_offset, st->end_lineno,
                 st->end_col_offset);
  if (values == NULL || js == NULL)
    return false;
  values[0] = value;
  js->u.joined_str.values = values;
  js->u.joined_str.n_values = 1;
  st->u.expr.value = js;
  return true;
}

static bool
fold_stmt (LangFold *f, LangStmt *s)
{
  size_t i;

  switch (s->kind)
    {
    case LANG_STMT_FUNCTION_DEF:
    case LANG_STMT_ASYNC_FUNCTION_DEF:
      return fold_arguments (f, s->u.function_def.args)
             && fold_body (f, s->u.function_def.body, s->u.function_def.n_body)
             && fold_exprs (f, s->u.function_def.decorator_list,
                            s->u.function_def.n_decorator_list)
             && (s->u.function_def.returns == NULL || fold_expr (f, s->u.function_def.returns));
    case LANG_STMT_CLASS_DEF:
      if (!fold_exprs (f, s->u.class_def.bases, s->u.class_def.n_bases))
        return false;
      for (i = 0; i < s->u.class_def.n_keywords; i++)
        if (!fold_expr (f, s->u.class_def.keywords[i]->value))
          return false;
      return fold_body (f, s->u.class_def.body, s->u.class_def.n_body)
             && fold_exprs (f, s->u.class_def.decorator_list, s->u.class_def.n_decorator_list);
    case LANG_STMT_RETURN:
      return s->u.return_.value == NULL || fold_expr (f, s->u.return_.value);
    case LANG_STMT_DELETE:
      return fold_exprs (f, s->u.delete.targets, s->u.delete.n_targets);
    case LANG_STMT_ASSIGN:
      return fold_exprs (f, s->u.assign.targets, s->u.assign.n_targets)
             && fold_expr (f, s->u.assign.value);
    case LANG_STMT_AUG_ASSIGN:
      return fold_expr (f, s->u.aug_assign.target) && fold_expr (f, s->u.aug_assign.value);
    case LANG_STMT_ANN_ASSIGN:
      return fold_expr (f, s->u.ann_assign.target) && fold_expr (f, s->u.ann_assign.annotation)
             && (s->u.ann_assign.value == NULL || fold_expr (f, s->u.ann_assign.value));
    case LANG_STMT_FOR:
    case LANG_STMT_ASYNC_FOR:
      return fold_expr (f, s->u.for_.target) && fold_expr (f, s->u.for_.iter)
             && fold_stmts (f, s->u.for_.body, s->u.for_.n_body)
             && fold_stmts (f, s->u.for_.orelse, s->u.for_.n_orelse)
             && fold_iter (f, s->u.for_.iter);
    case LANG_STMT_WHILE:
      return fold_expr (f, s->u.while_.test) && fold_stmts (f, s->u.while_.body, s->u.while_.n_body)
             && fold_stmts (f, s->u.while_.orelse, s->u.while_.n_orelse);
    case LANG_STMT_IF:
      return fold_expr (f, s->u.if_.test) && fold_stmts (f, s->u.if_.body, s->u.if_.n_body)
             && fold_stmts (f, s->u.if_.orelse, s->u.if_.n_orelse);
    case LANG_STMT_WITH:
    case LANG_STMT_ASYNC_WITH:
      for (i = 0; i < s->u.with.n_items; i++)
        if (!fold_expr (f, s->u.with.items[i]->context_expr)
            || (s->u.with.items[i]->optional_vars != NULL
                && !fold_expr (f, s->u.with.items[i]->optional_vars)))
          return false;
      return fold_stmts (f, s->u.with.body, s->u.with.n_body);
    case LANG_STMT_RAISE:
      return (s->u.raise.exc == NULL || fold_expr (f, s->u.raise.exc))
             && (s->u.raise.cause == NULL || fold_expr (f, s->u.raise.cause));
    case LANG_STMT_TRY:
    case LANG_STMT_TRY_STAR:
      if (!fold_stmts (f, s->u.try_.body, s->u.try_.n_body))
        return false;
      for (i = 0; i < s->u.try_.n_handlers; i++)
        {
          LangExceptHandler *h = s->u.try_.handlers[i];

          if ((h->type != NULL && !fold_expr (f, h->type)) || !fold_stmts (f, h->body, h->n_body))
            return false;
        }
      return fold_stmts (f, s->u.try_.orelse, s->u.try_.n_orelse)
             && fold_stmts (f, s->u.try_.finalbody, s->u.try_.n_finalbody);
    case LANG_STMT_ASSERT:
      return fold_expr (f, s->u.assert.test)
             && (s->u.assert.msg == NULL || fold_expr (f, s->u.assert.msg));
    case LANG_STMT_EXPR:
      return fold_expr (f, s->u.expr.value);
    case LANG_STMT_IMPORT:
    case LANG_STMT_IMPORT_FROM:
    case LANG_STMT_GLOBAL:
    case LANG_STMT_NONLOCAL:
    case LANG_STMT_PASS:
    case LANG_STMT_BREAK:
    case LANG_STMT_CONTINUE:
      return true;
    }
  return true;
}

static bool
fold_stmts (LangFold *f, LangStmt **body, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!fold_stmt (f, body[i]))
      return false;
  return true;
}

bool
lang_fold_body (LangFold *fold, LangStmt **body, size_t n)
{
  return fold_body (fold, body, n) && !fold->failed;
}
