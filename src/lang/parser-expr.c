/* parser-expr.c: expressions, from star_expressions down to atoms, the
 * displays and comprehensions, and assignment targets, with the checks of
 * CPython 3.11's invalid_expression, invalid_named_expression and friends. */
#include "parser-private.h"

#include <string.h>

static LangExpr *parse_inversion (Parser *p);
static LangExpr *parse_factor (Parser *p);
static LangExpr *parse_primary (Parser *p);
static LangExpr *parse_atom (Parser *p);
static LangExpr *parse_lambdef (Parser *p);
static LangExpr *parse_expression_checked (Parser *p, bool checks);

bool
p_starts_expression (LangTokenType t)
{
  switch (t)
    {
    case LANG_TOK_NAME:
    case LANG_TOK_NUMBER:
    case LANG_TOK_STRING:
    case LANG_TOK_LPAR:
    case LANG_TOK_LSQB:
    case LANG_TOK_LBRACE:
    case LANG_TOK_MINUS:
    case LANG_TOK_PLUS:
    case LANG_TOK_TILDE:
    case LANG_TOK_KW_NOT:
    case LANG_TOK_KW_LAMBDA:
    case LANG_TOK_KW_TRUE:
    case LANG_TOK_KW_FALSE:
    case LANG_TOK_KW_NONE:
    case LANG_TOK_ELLIPSIS:
    case LANG_TOK_KW_AWAIT:
      return true;
    default:
      return false;
    }
}

static LangExpr **
seq_items (Seq *s)
{
  return (LangExpr **) s->items;
}

/* ---- names for messages ------------------------------------------------- */

/* _PyPegen_get_expr_name() */
const char *
p_expr_name (const LangExpr *e)
{
  switch (e->kind)
    {
    case LANG_EXPR_ATTRIBUTE: return "attribute";
    case LANG_EXPR_SUBSCRIPT: return "subscript";
    case LANG_EXPR_STARRED: return "starred";
    case LANG_EXPR_NAME: return "name";
    case LANG_EXPR_LIST: return "list";
    case LANG_EXPR_TUPLE: return "tuple";
    case LANG_EXPR_LAMBDA: return "lambda";
    case LANG_EXPR_CALL: return "function call";
    case LANG_EXPR_BOOL_OP:
    case LANG_EXPR_BIN_OP:
    case LANG_EXPR_UNARY_OP: return "expression";
    case LANG_EXPR_GENERATOR_EXP: return "generator expression";
    case LANG_EXPR_YIELD:
    case LANG_EXPR_YIELD_FROM: return "yield expression";
    case LANG_EXPR_AWAIT: return "await expression";
    case LANG_EXPR_LIST_COMP: return "list comprehension";
    case LANG_EXPR_SET_COMP: return "set comprehension";
    case LANG_EXPR_DICT_COMP: return "dict comprehension";
    case LANG_EXPR_DICT: return "dict literal";
    case LANG_EXPR_SET: return "set display";
    case LANG_EXPR_JOINED_STR:
    case LANG_EXPR_FORMATTED_VALUE: return "f-string expression";
    case LANG_EXPR_CONSTANT:
      switch (e->u.constant.type)
        {
        case LANG_CONST_NONE: return "None";
        case LANG_CONST_FALSE: return "False";
        case LANG_CONST_TRUE: return "True";
        case LANG_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case LANG_EXPR_COMPARE: return "comparison";
    case LANG_EXPR_IF_EXP: return "conditional expression";
    case LANG_EXPR_NAMED_EXPR: return "named expression";
    default: return "expression";
    }
}

/* _PyPegen_get_invalid_target() */
const LangExpr *
p_invalid_target (const LangExpr *e, int targets_type)
{
  if (e == NULL)
    return NULL;
  switch (e->kind)
    {
    case LANG_EXPR_LIST:
    case LANG_EXPR_TUPLE:
      for (size_t i = 0; i < e->u.seq.n_elts; i++)
        {
          const LangExpr *child = p_invalid_target (e->u.seq.elts[i], targets_type);
          if (child != NULL)
            return child;
        }
      return NULL;
    case LANG_EXPR_STARRED:
      if (targets_type == DEL_TARGETS)
        return e;
      return p_invalid_target (e->u.starred.value, targets_type);
    case LANG_EXPR_COMPARE:
      /* `for a in b` reads as a comparison: look at its left side. */
      if (targets_type == FOR_TARGETS)
        {
          if (e->u.compare.ops[0] == LANG_CMP_IN)
            return p_invalid_target (e->u.compare.left, targets_type);
          return NULL;
        }
      return e;
    case LANG_EXPR_NAME:
    case LANG_EXPR_SUBSCRIPT:
    case LANG_EXPR_ATTRIBUTE:
      return NULL;
    default:
      return e;
    }
}

bool
p_is_legacy_name (const LangExpr *e)
{
  return e->kind == LANG_EXPR_NAME
         && (strcmp (e->u.name.id, "print") == 0 || strcmp (e->u.name.id, "exec") == 0);
}

void
p_set_context (LangExpr *e, LangExprContext ctx)
{
  switch (e->kind)
    {
    case LANG_EXPR_NAME:
      e->u.name.ctx = ctx;
      break;
    case LANG_EXPR_ATTRIBUTE:
      e->u.attribute.ctx = ctx;
      break;
    case LANG_EXPR_SUBSCRIPT:
      e->u.subscript.ctx = ctx;
      break;
    case LANG_EXPR_STARRED:
      e->u.starred.ctx = ctx;
      p_set_context (e->u.starred.value, ctx);
      break;
    case LANG_EXPR_LIST:
    case LANG_EXPR_TUPLE:
      e->u.seq.ctx = ctx;
      for (size_t i = 0; i < e->u.seq.n_elts; i++)
        p_set_context (e->u.seq.elts[i], ctx);
      break;
    default:
      break;
    }
}

/* ---- star_expressions and friends --------------------------------------- */

static LangExpr *
make_tuple (Parser *p, LangToken *start, Seq *elts)
{
  LangExpr *t = p_expr_new (p, LANG_EXPR_TUPLE, start, p_prev (p));
  if (t == NULL)
    return NULL;
  t->u.seq.elts = seq_items (elts);
  t->u.seq.n_elts = elts->n;
  t->u.seq.ctx = LANG_CTX_LOAD;
  return t;
}

LangExpr *
parse_star_expression (Parser *p)
{
  LangToken *star = p_peek (p);
  if (star == NULL)
    return NULL;
  if (star->type == LANG_TOK_STAR)
    {
      p_next (p);
      LangExpr *v = parse_bitwise_or (p);
      if (v == NULL)
        return NULL;
      LangExpr *e = p_expr_new (p, LANG_EXPR_STARRED, star, p_prev (p));
      e->u.starred.value = v;
      e->u.starred.ctx = LANG_CTX_LOAD;
      return e;
    }
  return parse_expression (p);
}

LangExpr *
parse_star_expressions (Parser *p)
{
  LangToken *start = p_peek (p);
  LangExpr *e = parse_star_expression (p);
  if (e == NULL || p_type (p) != LANG_TOK_COMMA)
    return e;
  Seq elts = { 0 };
  seq_push (p, &elts, e);
  while (p_expect (p, LANG_TOK_COMMA))
    {
      LangTokenType t = p_type (p);
      if (!p_starts_expression (t) && t != LANG_TOK_STAR)
        break;
      e = parse_star_expression (p);
      if (e == NULL)
        return NULL;
      seq_push (p, &elts, e);
    }
  if (p_hard (p))
    return NULL;
  return make_tuple (p, start, &elts);
}

LangExpr *
parse_star_named_expression (Parser *p)
{
  LangToken *star = p_peek (p);
  if (star == NULL)
    return NULL;
  if (star->type == LANG_TOK_STAR)
    {
      p_next (p);
      LangExpr *v = parse_bitwise_or (p);
      if (v == NULL)
        return NULL;
      LangExpr *e = p_expr_new (p, LANG_EXPR_STARRED, star, p_prev (p));
      e->u.starred.value = v;
      e->u.starred.ctx = LANG_CTX_LOAD;
      return e;
    }
  return parse_named_expression (p);
}

/* named_expression: NAME ':=' expression | expression !':=', with the
 * checks of invalid_named_expression when '=' or ':=' follows. */
LangExpr *
parse_named_expression (Parser *p)
{
  return parse_named_expression_ex (p, true);
}

/* Without @checks: `assignment_expression | expression !':='`, as call
 * arguments and generator elements read. */
LangExpr *
parse_named_expression_ex (Parser *p, bool checks)
{
  LangToken *first = p_peek (p);
  if (first == NULL)
    return NULL;
  if (first->type == LANG_TOK_NAME && p_type_at (p, 1) == LANG_TOK_COLONEQUAL)
    {
      LangExpr *target = p_name (p, first, LANG_CTX_STORE);
      p_next (p);
      p_next (p);
      LangExpr *value = parse_expression (p);
      if (value == NULL)
        return NULL;
      LangExpr *e = p_expr_new (p, LANG_EXPR_NAMED_EXPR, first, p_prev (p));
      e->u.named_expr.target = target;
      e->u.named_expr.value = value;
      return e;
    }
  LangExpr *e = parse_expression (p);
  if (e == NULL)
    return NULL;
  LangTokenType next = p_type (p);
  if (!checks || p->no_invalid || (next != LANG_TOK_COLONEQUAL && next != LANG_TOK_EQUAL))
    return e;

  size_t save = p->mark;
  p_fail (p);
  p_next (p);
  if (next == LANG_TOK_COLONEQUAL)
    {
      LangExpr *rhs = parse_expression (p);
      if (rhs != NULL && !p_hard (p))
        p_raise_node (p, e, NULL, "cannot use assignment expressions with %s", p_expr_name (e));
    }
  else
    {
      bool ok;
      LangExpr *b = p_lenient_bitwise_or (p, &ok);
      if (b != NULL && !p_hard (p))
        p_check_named_assignment (p, e, b, ok);
    }
  p->mark = save;
  return NULL;
}

/* invalid_expression and invalid_legacy_expression: an expression directly
 * followed by another. */
static void
check_juxtaposed (Parser *p, LangToken *first, LangExpr *a)
{
  p_fail (p);
  size_t save = p->mark;
  bool name_string = first->type == LANG_TOK_NAME
                     && p->tokens[save - 1] == first && p_type (p) == LANG_TOK_STRING;
  bool soft_kw = p_is_soft_keyword (p, first, "match") || p_is_soft_keyword (p, first, "case")
                 || p_is_soft_keyword (p, first, "_");
  if (!name_string && !soft_kw)
    {
      /* expression_without_invalid, with PEG's fallbacks: in `(a b(/)`, b
       * is `b`. */
      p->no_invalid++;
      p->lenient++;
      LangExpr *b = parse_expression_checked (p, false);
      p->lenient--;
      p->no_invalid--;
      if (p_hard (p))
        return;
      if (b != NULL && !p_is_legacy_name (a) && p_prev (p)->level != 0)
        {
          p_raise_node (p, a, b, "invalid syntax. Perhaps you forgot a comma?");
          return;
        }
      p->mark = save;
    }
  /* a=NAME !'(' b=star_expressions; only print and exec raise, but CPython
   * reads on after any name, which can meet a tokenizer error. */
  if (first->type == LANG_TOK_NAME && a->kind == LANG_EXPR_NAME && !EXPR_PARENS (a)
      && a->col_offset == first->col_offset && a->lineno == first->lineno)
    {
      size_t name_mark = save;
      while (p->tokens[name_mark - 1] != first)
        name_mark--;
      p->mark = name_mark;
      if (p_type (p) != LANG_TOK_LPAR)
        {
          /* b is read with the invalid rules on, as CPython does, but only a
           * few levels deep so that `a b c d ...` stays linear. */
          bool checks = p->legacy_depth < 3;
          if (checks)
            p->legacy_depth++;
          else
            p->no_invalid++;
          LangExpr *b = parse_star_expressions (p);
          if (checks)
            p->legacy_depth--;
          else
            p->no_invalid--;
          if (p_hard (p))
            return;
          if (b != NULL && p_is_legacy_name (a))
            {
              p_raise_node (p, a, b, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                            a->u.name.id, a->u.name.id);
              return;
            }
        }
      p->mark = save;
    }
}

static LangExpr *
parse_expression_checked (Parser *p, bool checks)
{
  LangToken *first = p_peek (p);
  if (first == NULL)
    return NULL;
  if (first->type == LANG_TOK_KW_LAMBDA)
    return parse_lambdef (p);
  /* expression_without_invalid itself is not the memoised rule; the
   * expressions read inside it are. */
  size_t start_index = p->mark;
  if (p->no_invalid)
    {
      if (checks)
        p->expr_memo[start_index] = 1;
    }
  else if (p->expr_memo[start_index])
    checks = false;
  if (!p_enter (p))
    return NULL;
  LangExpr *e = parse_disjunction (p);
  if (e == NULL)
    goto out;
  if (p_type (p) == LANG_TOK_KW_IF)
    {
      size_t at_if = p->mark;
      p_next (p);
      LangExpr *test = parse_disjunction (p);
      if (test == NULL)
        {
          e = NULL;
          goto out;
        }
      if (p_expect (p, LANG_TOK_KW_ELSE))
        {
          LangExpr *orelse = parse_expression (p);
          if (orelse == NULL)
            {
              e = NULL;
              goto out;
            }
          LangExpr *ifexp = p_expr_new (p, LANG_EXPR_IF_EXP, first, p_prev (p));
          ifexp->u.if_exp.test = test;
          ifexp->u.if_exp.body = e;
          ifexp->u.if_exp.orelse = orelse;
          e = ifexp;
        }
      else
        {
          if (checks && !p->no_invalid && p_type (p) != LANG_TOK_COLON && !p_hard (p))
            {
              p_raise_node (p, e, test, "expected 'else' after 'if' expression");
              e = NULL;
              goto out;
            }
          p->mark = at_if;
        }
    }
  if (checks && !p->no_invalid && p_starts_expression (p_type (p)))
    {
      check_juxtaposed (p, first, e);
      if (p_hard (p))
        e = NULL;
    }
out:
  p_leave (p);
  return e;
}

LangExpr *
parse_expression (Parser *p)
{
  return parse_expression_checked (p, true);
}

LangExpr *
parse_yield_expr (Parser *p)
{
  LangToken *kw = p_next (p);
  if (p_expect (p, LANG_TOK_KW_FROM))
    {
      LangExpr *v = parse_expression (p);
      if (v == NULL)
        return NULL;
      LangExpr *e = p_expr_new (p, LANG_EXPR_YIELD_FROM, kw, p_prev (p));
      e->u.await.value = v;
      return e;
    }
  LangExpr *v = NULL;
  LangTokenType t = p_type (p);
  if (p_starts_expression (t) || t == LANG_TOK_STAR)
    {
      v = parse_star_expressions (p);
      if (v == NULL)
        return NULL;
    }
  LangExpr *e = p_expr_new (p, LANG_EXPR_YIELD, kw, p_prev (p));
  e->u.await.value = v;
  return e;
}

/* ---- operators ---------------------------------------------------------- */

/* Nodes span the tokens their rule read: `(a) or b` starts at the '('. */
static LangExpr *
make_bool_op (Parser *p, LangBoolOp op, LangToken *start, Seq *values)
{
  LangExpr *e = p_expr_new (p, LANG_EXPR_BOOL_OP, start, p_prev (p));
  e->u.bool_op.op = op;
  e->u.bool_op.values = seq_items (values);
  e->u.bool_op.n_values = values->n;
  return e;
}

static LangExpr *
parse_conjunction (Parser *p)
{
  LangToken *start = p_peek (p);
  LangExpr *e = parse_inversion (p);
  if (e == NULL || p_type (p) != LANG_TOK_KW_AND)
    return e;
  Seq values = { 0 };
  seq_push (p, &values, e);
  while (p_expect (p, LANG_TOK_KW_AND))
    {
      e = parse_inversion (p);
      if (e == NULL)
        return NULL;
      seq_push (p, &values, e);
    }
  return make_bool_op (p, LANG_BOOLOP_AND, start, &values);
}

LangExpr *
parse_disjunction (Parser *p)
{
  LangToken *start = p_peek (p);
  LangExpr *e = parse_conjunction (p);
  if (e == NULL || p_type (p) != LANG_TOK_KW_OR)
    return e;
  Seq values = { 0 };
  seq_push (p, &values, e);
  while (p_expect (p, LANG_TOK_KW_OR))
    {
      e = parse_conjunction (p);
      if (e == NULL)
        return NULL;
      seq_push (p, &values, e);
    }
  return make_bool_op (p, LANG_BOOLOP_OR, start, &values);
}

static LangExpr *parse_comparison (Parser *p);

static LangExpr *
parse_inversion (Parser *p)
{
  LangToken *kw = p_peek (p);
  if (kw == NULL)
    return NULL;
  if (kw->type != LANG_TOK_KW_NOT)
    return parse_comparison (p);
  if (!p_enter (p))
    return NULL;
  p_next (p);
  LangExpr *operand = parse_inversion (p);
  p_leave (p);
  if (operand == NULL)
    return NULL;
  LangExpr *e = p_expr_new (p, LANG_EXPR_UNARY_OP, kw, p_prev (p));
  e->u.unary_op.op = LANG_UNARY_NOT;
  e->u.unary_op.operand = operand;
  return e;
}

/* Returns true and the operator when a comparison operator starts here,
 * consuming it. */
static bool
parse_cmp_op (Parser *p, LangCmpOp *op)
{
  LangToken *t = p_peek (p);
  if (t == NULL)
    return false;
  switch (t->type)
    {
    case LANG_TOK_EQEQUAL: *op = LANG_CMP_EQ; break;
    case LANG_TOK_NOTEQUAL:
      /* '<>' only with barry_as_FLUFL. */
      if (t->start[0] != '!')
        return false;
      *op = LANG_CMP_NOT_EQ;
      break;
    case LANG_TOK_LESSEQUAL: *op = LANG_CMP_LT_E; break;
    case LANG_TOK_LESS: *op = LANG_CMP_LT; break;
    case LANG_TOK_GREATEREQUAL: *op = LANG_CMP_GT_E; break;
    case LANG_TOK_GREATER: *op = LANG_CMP_GT; break;
    case LANG_TOK_KW_IN: *op = LANG_CMP_IN; break;
    case LANG_TOK_KW_NOT:
      if (p_type_at (p, 1) != LANG_TOK_KW_IN)
        return false;
      p_next (p);
      *op = LANG_CMP_NOT_IN;
      break;
    case LANG_TOK_KW_IS:
      if (p_type_at (p, 1) == LANG_TOK_KW_NOT)
        {
          p_next (p);
          *op = LANG_CMP_IS_NOT;
        }
      else
        *op = LANG_CMP_IS;
      break;
    default:
      return false;
    }
  p_next (p);
  return true;
}

static LangExpr *
parse_comparison (Parser *p)
{
  LangToken *start = p_peek (p);
  LangExpr *left = parse_bitwise_or (p);
  if (left == NULL)
    return NULL;
  LangCmpOp op;
  if (!parse_cmp_op (p, &op))
    return left;
  Seq ops = { 0 }, comparators = { 0 };
  do
    {
      LangExpr *right = parse_bitwise_or (p);
      if (right == NULL)
        return NULL;
      LangCmpOp *slot = lang_arena_alloc (p->arena, sizeof (LangCmpOp));
      *slot = op;
      seq_push (p, &ops, slot);
      seq_push (p, &comparators, right);
    }
  while (parse_cmp_op (p, &op));
  LangExpr *e = p_expr_new (p, LANG_EXPR_COMPARE, start, p_prev (p));
  e->u.compare.left = left;
  e->u.compare.ops = lang_arena_alloc (p->arena, ops.n * sizeof (LangCmpOp));
  for (size_t i = 0; i < ops.n; i++)
    e->u.compare.ops[i] = *(LangCmpOp *) ops.items[i];
  e->u.compare.n_ops = ops.n;
  e->u.compare.comparators = seq_items (&comparators);
  e->u.compare.n_comparators = comparators.n;
  return e;
}

typedef LangExpr *(*OperandFn) (Parser *p);

/* One left-associative level of binary operators. */
static LangExpr *
parse_binary_level (Parser *p, OperandFn operand, bool (*is_op) (LangTokenType, LangOperator *))
{
  LangToken *start = p_peek (p);
  LangExpr *left = operand (p);
  if (left == NULL)
    return NULL;
  LangOperator op;
  while (is_op (p_type (p), &op))
    {
      size_t at_op = p->mark;
      p_next (p);
      LangExpr *right = operand (p);
      if (right == NULL)
        {
          if (p->lenient && !p_hard (p))
            {
              p->mark = at_op;
              return left;
            }
          return NULL;
        }
      LangExpr *e = p_expr_new (p, LANG_EXPR_BIN_OP, start, p_prev (p));
      e->u.bin_op.left = left;
      e->u.bin_op.op = op;
      e->u.bin_op.right = right;
      left = e;
    }
  return left;
}

static bool
is_term_op (LangTokenType t, LangOperator *op)
{
  switch (t)
    {
    case LANG_TOK_STAR: *op = LANG_OP_MULT; return true;
    case LANG_TOK_SLASH: *op = LANG_OP_DIV; return true;
    case LANG_TOK_DOUBLESLASH: *op = LANG_OP_FLOOR_DIV; return true;
    case LANG_TOK_PERCENT: *op = LANG_OP_MOD; return true;
    case LANG_TOK_AT: *op = LANG_OP_MAT_MULT; return true;
    default: return false;
    }
}

static bool
is_sum_op (LangTokenType t, LangOperator *op)
{
  if (t == LANG_TOK_PLUS)
    return *op = LANG_OP_ADD, true;
  if (t == LANG_TOK_MINUS)
    return *op = LANG_OP_SUB, true;
  return false;
}

static bool
is_shift_op (LangTokenType t, LangOperator *op)
{
  if (t == LANG_TOK_LEFTSHIFT)
    return *op = LANG_OP_LSHIFT, true;
  if (t == LANG_TOK_RIGHTSHIFT)
    return *op = LANG_OP_RSHIFT, true;
  return false;
}

static bool
is_and_op (LangTokenType t, LangOperator *op)
{
  return t == LANG_TOK_AMPER ? (*op = LANG_OP_BIT_AND, true) : false;
}

static bool
is_xor_op (LangTokenType t, LangOperator *op)
{
  return t == LANG_TOK_CIRCUMFLEX ? (*op = LANG_OP_BIT_XOR, true) : false;
}

static bool
is_or_op (LangTokenType t, LangOperator *op)
{
  return t == LANG_TOK_VBAR ? (*op = LANG_OP_BIT_OR, true) : false;
}

static LangExpr *
parse_term (Parser *p)
{
  return parse_binary_level (p, parse_factor, is_term_op);
}

static LangExpr *
parse_sum (Parser *p)
{
  return parse_binary_level (p, parse_term, is_sum_op);
}

static LangExpr *
parse_shift (Parser *p)
{
  return parse_binary_level (p, parse_sum, is_shift_op);
}

static LangExpr *
parse_bitwise_and (Parser *p)
{
  return parse_binary_level (p, parse_shift, is_and_op);
}

static LangExpr *
parse_bitwise_xor (Parser *p)
{
  return parse_binary_level (p, parse_bitwise_and, is_xor_op);
}

LangExpr *
parse_bitwise_or (Parser *p)
{
  return parse_binary_level (p, parse_bitwise_xor, is_or_op);
}

/* `bitwise_or !('='|':=')` as CPython's invalid rules read it; *followed_ok
 * tells whether the lookahead holds. */
LangExpr *
p_lenient_bitwise_or (Parser *p, bool *followed_ok)
{
  p->lenient++;
  p->no_invalid++;
  LangExpr *b = parse_bitwise_or (p);
  p->no_invalid--;
  p->lenient--;
  LangTokenType after = p_type (p);
  *followed_ok = after != LANG_TOK_EQUAL && after != LANG_TOK_COLONEQUAL;
  return b;
}

static LangExpr *parse_power (Parser *p);

static LangExpr *
parse_factor (Parser *p)
{
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  LangUnaryOp op;
  switch (t->type)
    {
    case LANG_TOK_PLUS: op = LANG_UNARY_UADD; break;
    case LANG_TOK_MINUS: op = LANG_UNARY_USUB; break;
    case LANG_TOK_TILDE: op = LANG_UNARY_INVERT; break;
    default: return parse_power (p);
    }
  if (!p_enter (p))
    return NULL;
  p_next (p);
  LangExpr *operand = parse_factor (p);
  p_leave (p);
  if (operand == NULL)
    return NULL;
  LangExpr *e = p_expr_new (p, LANG_EXPR_UNARY_OP, t, p_prev (p));
  e->u.unary_op.op = op;
  e->u.unary_op.operand = operand;
  return e;
}

static LangExpr *
parse_power (Parser *p)
{
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  LangExpr *left;
  if (t->type == LANG_TOK_KW_AWAIT)
    {
      p_next (p);
      LangExpr *v = parse_primary (p);
      if (v == NULL)
        return NULL;
      left = p_expr_new (p, LANG_EXPR_AWAIT, t, p_prev (p));
      left->u.await.value = v;
    }
  else
    {
      left = parse_primary (p);
      if (left == NULL)
        return NULL;
    }
  if (p_type (p) != LANG_TOK_DOUBLESTAR)
    return left;
  if (!p_enter (p))
    return NULL;
  size_t at_op = p->mark;
  p_next (p);
  LangExpr *right = parse_factor (p);
  p_leave (p);
  if (right == NULL)
    {
      if (p->lenient && !p_hard (p))
        {
          p->mark = at_op;
          return left;
        }
      return NULL;
    }
  LangExpr *e = p_expr_new (p, LANG_EXPR_BIN_OP, t, p_prev (p));
  e->u.bin_op.left = left;
  e->u.bin_op.op = LANG_OP_POW;
  e->u.bin_op.right = right;
  return e;
}

/* ---- primaries ---------------------------------------------------------- */

/* slice: [expression] ':' [expression] [':' [expression]] | named_expression */
static LangExpr *
parse_slice (Parser *p)
{
  LangToken *start = p_peek (p);
  if (start == NULL)
    return NULL;
  LangExpr *lower = NULL;
  if (start->type != LANG_TOK_COLON)
    {
      /* A plain index may be a named expression; a lower bound may not. */
      size_t save = p->mark;
      LangExpr *e = parse_named_expression (p);
      if (e == NULL)
        return NULL;
      if (p_type (p) != LANG_TOK_COLON)
        return e;
      if (e->kind == LANG_EXPR_NAMED_EXPR && !EXPR_PARENS (e))
        {
          p->mark = save;
          p_next (p); /* the name: fail on ':=' as CPython does */
          return p_fail (p);
        }
      lower = e;
    }
  p_next (p); /* ':' */
  LangExpr *upper = NULL, *step = NULL;
  LangTokenType t = p_type (p);
  if (t != LANG_TOK_COLON && t != LANG_TOK_COMMA && t != LANG_TOK_RSQB)
    {
      upper = parse_expression (p);
      if (upper == NULL)
        return NULL;
    }
  if (p_expect (p, LANG_TOK_COLON))
    {
      t = p_type (p);
      if (t != LANG_TOK_COMMA && t != LANG_TOK_RSQB)
        {
          step = parse_expression (p);
          if (step == NULL)
            return NULL;
        }
    }
  LangExpr *e = p_expr_new (p, LANG_EXPR_SLICE, start, p_prev (p));
  e->u.slice.lower = lower;
  e->u.slice.upper = upper;
  e->u.slice.step = step;
  return e;
}

/* slices: slice !',' | ','.(slice | starred_expression)+ [','] */
static LangExpr *
parse_slices (Parser *p)
{
  LangToken *start = p_peek (p);
  Seq elts = { 0 };
  for (;;)
    {
      LangExpr *e;
      LangToken *star = p_peek (p);
      if (star == NULL)
        return NULL;
      if (star->type == LANG_TOK_STAR)
        {
          p_next (p);
          LangExpr *v = parse_expression (p);
          if (v == NULL)
            return NULL;
          e = p_expr_new (p, LANG_EXPR_STARRED, star, p_prev (p));
          e->u.starred.value = v;
          e->u.starred.ctx = LANG_CTX_LOAD;
        }
      else
        {
          e = parse_slice (p);
          if (e == NULL)
            return NULL;
        }
      if (elts.n == 0 && p_type (p) != LANG_TOK_COMMA && e->kind != LANG_EXPR_STARRED)
        return e;
      seq_push (p, &elts, e);
      if (!p_expect (p, LANG_TOK_COMMA))
        break;
      if (p_type (p) == LANG_TOK_RSQB)
        break;
    }
  return make_tuple (p, start, &elts);
}

/* A trailer ('.' NAME, a call's arguments, a subscript) that does not
 * parse fails the primary; but read as PEG alternatives do (p->lenient), the
 * primary is what stood before it, and the trailer is left unread. */
static LangExpr *
lenient_primary (Parser *p, LangExpr *before, size_t at_trailer)
{
  p_fail (p);
  if (!p->lenient || p_hard (p))
    return NULL;
  p->mark = at_trailer;
  return before;
}

static LangExpr *
parse_primary (Parser *p)
{
  LangToken *start = p_peek (p);
  LangExpr *e = parse_atom (p);
  if (e == NULL)
    return NULL;
  for (;;)
    {
      LangTokenType t = p_type (p);
      size_t at_trailer = p->mark;
      if (t == LANG_TOK_DOT)
        {
          p_next (p);
          LangToken *name = p_expect (p, LANG_TOK_NAME);
          if (name == NULL)
            return lenient_primary (p, e, at_trailer);
          LangExpr *a = p_expr_new (p, LANG_EXPR_ATTRIBUTE, start, name);
          a->u.attribute.value = e;
          a->u.attribute.attr = p_identifier (p, name);
          a->u.attribute.ctx = LANG_CTX_LOAD;
          e = a;
        }
      else if (t == LANG_TOK_LPAR)
        {
          p_next (p);
          LangExpr *c = p_expr_new (p, LANG_EXPR_CALL, start, NULL);
          c->u.call.func = e;
          if (!parse_call_arguments (p, c, LANG_TOK_RPAR, true))
            return lenient_primary (p, e, at_trailer);
          p_expr_end_at_last (p, c);
          e = c;
        }
      else if (t == LANG_TOK_LSQB)
        {
          p_next (p);
          LangExpr *slice = parse_slices (p);
          if (slice == NULL || !p_expect (p, LANG_TOK_RSQB))
            return lenient_primary (p, e, at_trailer);
          LangExpr *s = p_expr_new (p, LANG_EXPR_SUBSCRIPT, start, p_prev (p));
          s->u.subscript.value = e;
          s->u.subscript.slice = slice;
          s->u.subscript.ctx = LANG_CTX_LOAD;
          e = s;
        }
      else
        return e;
    }
}

/* ---- comprehensions ----------------------------------------------------- */

static bool
at_for_clause (Parser *p)
{
  LangTokenType t = p_type (p);
  return t == LANG_TOK_KW_FOR || (t == LANG_TOK_KW_ASYNC && p_type_at (p, 1) == LANG_TOK_KW_FOR);
}

/* for_if_clauses */
bool
p_parse_comprehension_clauses (Parser *p, Seq *out)
{
  while (at_for_clause (p))
    {
      LangComprehension *c = lang_arena_alloc (p->arena, sizeof (LangComprehension));
      if (p_type (p) == LANG_TOK_KW_ASYNC)
        {
          p_next (p);
          c->is_async = 1;
        }
      p_next (p); /* 'for' */
      size_t target_mark = p->mark;
      c->target = parse_star_targets (p);
      if (c->target == NULL || !p_expect (p, LANG_TOK_KW_IN))
        {
          if (p_hard (p))
            return false;
          p_fail (p);
          /* invalid_for_target */
          size_t mark = p->mark;
          p->mark = target_mark;
          LangExpr *e = parse_star_expressions (p);
          if (e != NULL && !p_hard (p))
            {
              const LangExpr *bad = p_invalid_target (e, FOR_TARGETS);
              if (bad != NULL)
                p_raise_node (p, bad, NULL, "cannot assign to %s", p_expr_name (bad));
            }
          p->mark = mark;
          return false;
        }
      c->iter = parse_disjunction (p);
      if (c->iter == NULL)
        return false;
      Seq ifs = { 0 };
      while (p_expect (p, LANG_TOK_KW_IF))
        {
          LangExpr *cond = parse_disjunction (p);
          if (cond == NULL)
            return false;
          seq_push (p, &ifs, cond);
        }
      c->ifs = seq_items (&ifs);
      c->n_ifs = ifs.n;
      seq_push (p, out, c);
    }
  return true;
}

static LangExpr *
make_comp (Parser *p, LangExprKind kind, LangToken *open, LangExpr *elt, Seq *gens)
{
  LangExpr *e = p_expr_new (p, kind, open, p_prev (p));
  e->u.comp.elt = elt;
  e->u.comp.generators = (LangComprehension **) gens->items;
  e->u.comp.n_generators = gens->n;
  return e;
}

/* ('[' | '(' | '{') a=starred_expression for_if_clauses */
static void *
starred_comprehension_error (Parser *p, LangExpr *elt)
{
  return p_raise_node (p, elt, NULL, "iterable unpacking cannot be used in comprehension");
}

/* Reads the comprehension after the first element of a display, if one
 * follows; *is_comp tells. Raises CPython's errors for a starred element. */
static bool
maybe_comprehension (Parser *p, LangExpr *elt, Seq *gens, bool *is_comp)
{
  *is_comp = at_for_clause (p);
  if (!*is_comp)
    return true;
  if (elt->kind == LANG_EXPR_STARRED)
    {
      Seq tmp = { 0 };
      if (p_parse_comprehension_clauses (p, &tmp) && !p_hard (p))
        starred_comprehension_error (p, elt);
      return false;
    }
  return p_parse_comprehension_clauses (p, gens);
}

/* After `[a, b` or `{a, b`: CPython's "did you forget parentheses around the
 * comprehension target?". */
static void
comprehension_target_error (Parser *p, LangExpr *first, LangExpr *last, LangToken *comma)
{
  Seq gens = { 0 };
  if (!p_parse_comprehension_clauses (p, &gens) || p_hard (p))
    return;
  if (last != NULL)
    p_raise_node (p, first, last, "did you forget parentheses around the comprehension target?");
  else
    p_raise_at (p, "SyntaxError", first->lineno, first->col_offset, comma->end_lineno,
                comma->end_col_offset,
                "did you forget parentheses around the comprehension target?");
}

/* The elements of a list, tuple or set display after the first, up to the
 * closing bracket (not consumed). */
static bool
parse_display_rest (Parser *p, Seq *elts, LangTokenType close, bool comp_check)
{
  while (p_type (p) == LANG_TOK_COMMA)
    {
      LangToken *comma = p_next (p);
      if (p_type (p) == close)
        return true;
      if (comp_check && at_for_clause (p) && elts->n == 1)
        {
          p_fail (p);
          comprehension_target_error (p, elts->items[0], NULL, comma);
          return false;
        }
      LangExpr *e = parse_star_named_expression (p);
      if (e == NULL)
        return false;
      seq_push (p, elts, e);
      if (comp_check && at_for_clause (p))
        {
          p_fail (p);
          comprehension_target_error (p, elts->items[0], e, NULL);
          return false;
        }
    }
  return true;
}

/* ---- atoms -------------------------------------------------------------- */

static LangExpr *
parse_paren_atom (Parser *p)
{
  LangToken *open = p_next (p);
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  if (t->type == LANG_TOK_RPAR)
    {
      p_next (p);
      Seq none = { 0 };
      LangExpr *e = make_tuple (p, open, &none);
      EXPR_PARENS (e) = true;
      return e;
    }
  if (t->type == LANG_TOK_KW_YIELD)
    {
      LangExpr *e = parse_yield_expr (p);
      if (e == NULL)
        return NULL;
      if (!p_expect (p, LANG_TOK_RPAR))
        return p_fail (p);
      EXPR_PARENS (e) = true;
      return e;
    }
  if (t->type == LANG_TOK_DOUBLESTAR)
    {
      /* invalid_group: '(' '**' expression ')' */
      p_next (p);
      if (parse_expression (p) != NULL && !p_hard (p) && p_type (p) == LANG_TOK_RPAR)
        return p_raise_at (p, "SyntaxError", t->lineno, t->col_offset, t->end_lineno,
                           t->end_col_offset, "cannot use double starred expression here");
      return p_fail (p);
    }
  LangExpr *first = parse_star_named_expression (p);
  if (first == NULL)
    return NULL;
  LangTokenType next = p_type (p);
  if (next == LANG_TOK_RPAR)
    {
      p_next (p);
      if (first->kind == LANG_EXPR_STARRED && !EXPR_PARENS (first))
        return p_raise_node (p, first, NULL, "cannot use starred expression here");
      EXPR_PARENS (first) = true;
      return first;
    }
  if (next == LANG_TOK_COMMA)
    {
      Seq elts = { 0 };
      seq_push (p, &elts, first);
      if (!parse_display_rest (p, &elts, LANG_TOK_RPAR, false))
        return NULL;
      if (!p_expect (p, LANG_TOK_RPAR))
        return p_fail (p);
      LangExpr *e = make_tuple (p, open, &elts);
      EXPR_PARENS (e) = true;
      return e;
    }
  Seq gens = { 0 };
  bool is_comp;
  if (!maybe_comprehension (p, first, &gens, &is_comp))
    return NULL;
  if (!is_comp)
    return p_fail (p);
  if (!p_expect (p, LANG_TOK_RPAR))
    return p_fail (p);
  LangExpr *e = make_comp (p, LANG_EXPR_GENERATOR_EXP, open, first, &gens);
  EXPR_PARENS (e) = true;
  return e;
}

static LangExpr *
parse_list_atom (Parser *p)
{
  LangToken *open = p_next (p);
  Seq elts = { 0 };
  if (p_type (p) != LANG_TOK_RSQB)
    {
      LangExpr *first = parse_star_named_expression (p);
      if (first == NULL)
        return NULL;
      Seq gens = { 0 };
      bool is_comp;
      if (!maybe_comprehension (p, first, &gens, &is_comp))
        return NULL;
      if (is_comp)
        {
          if (!p_expect (p, LANG_TOK_RSQB))
            return p_fail (p);
          return make_comp (p, LANG_EXPR_LIST_COMP, open, first, &gens);
        }
      seq_push (p, &elts, first);
      if (!parse_display_rest (p, &elts, LANG_TOK_RSQB, true))
        return NULL;
    }
  if (!p_expect (p, LANG_TOK_RSQB))
    return p_fail (p);
  LangExpr *e = p_expr_new (p, LANG_EXPR_LIST, open, p_prev (p));
  e->u.seq.elts = seq_items (&elts);
  e->u.seq.n_elts = elts.n;
  e->u.seq.ctx = LANG_CTX_LOAD;
  return e;
}

/* A dictionary value, with invalid_kvpair's checks after the ':'. */
static LangExpr *
parse_dict_value (Parser *p, LangToken *colon)
{
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  if (t->type == LANG_TOK_RBRACE || t->type == LANG_TOK_COMMA)
    return p_raise_at (p, "SyntaxError", colon->lineno, colon->col_offset, colon->end_lineno,
                       colon->end_col_offset, "expression expected after dictionary key and ':'");
  if (t->type == LANG_TOK_STAR)
    {
      p_next (p);
      if (parse_bitwise_or (p) != NULL && !p_hard (p))
        {
          LangExpr star = { 0 };
          star.lineno = t->lineno;
          star.col_offset = t->col_offset;
          return p_raise_from_node (p, &star,
                                    "cannot use a starred expression in a dictionary value");
        }
      return NULL;
    }
  return parse_expression (p);
}

static LangExpr *
parse_brace_atom (Parser *p)
{
  LangToken *open = p_next (p);
  Seq keys = { 0 }, values = { 0 };
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  if (t->type == LANG_TOK_RBRACE)
    {
      p_next (p);
      return p_expr_new (p, LANG_EXPR_DICT, open, p_prev (p));
    }

  bool is_dict;
  LangExpr *first_key = NULL, *first_value = NULL, *first = NULL;
  if (t->type == LANG_TOK_DOUBLESTAR)
    {
      p_next (p);
      first_value = parse_bitwise_or (p);
      if (first_value == NULL)
        return NULL;
      if (at_for_clause (p))
        {
          Seq gens = { 0 };
          if (p_parse_comprehension_clauses (p, &gens) && !p_hard (p) && p_type (p) == LANG_TOK_RBRACE)
            return p_raise_at (p, "SyntaxError", t->lineno, t->col_offset, t->end_lineno,
                               t->end_col_offset,
                               "dict unpacking cannot be used in dict comprehension");
          return p_fail (p);
        }
      is_dict = true;
    }
  else
    {
      first = parse_star_named_expression (p);
      if (first == NULL)
        return NULL;
      is_dict = p_type (p) == LANG_TOK_COLON && first->kind != LANG_EXPR_STARRED;
      if (is_dict)
        {
          LangToken *colon = p_next (p);
          first_key = first;
          first_value = parse_dict_value (p, colon);
          if (first_value == NULL)
            return NULL;
          if (at_for_clause (p))
            {
              Seq gens = { 0 };
              if (!p_parse_comprehension_clauses (p, &gens))
                return NULL;
              if (!p_expect (p, LANG_TOK_RBRACE))
                return p_fail (p);
              LangExpr *e = p_expr_new (p, LANG_EXPR_DICT_COMP, open, p_prev (p));
              e->u.dict_comp.key = first_key;
              e->u.dict_comp.value = first_value;
              e->u.dict_comp.generators = (LangComprehension **) gens.items;
              e->u.dict_comp.n_generators = gens.n;
              return e;
            }
        }
    }

  if (!is_dict)
    {
      Seq gens = { 0 };
      bool is_comp;
      if (!maybe_comprehension (p, first, &gens, &is_comp))
        return NULL;
      if (is_comp)
        {
          if (!p_expect (p, LANG_TOK_RBRACE))
            return p_fail (p);
          return make_comp (p, LANG_EXPR_SET_COMP, open, first, &gens);
        }
      Seq elts = { 0 };
      seq_push (p, &elts, first);
      if (!parse_display_rest (p, &elts, LANG_TOK_RBRACE, true))
        return NULL;
      if (!p_expect (p, LANG_TOK_RBRACE))
        return p_fail (p);
      LangExpr *e = p_expr_new (p, LANG_EXPR_SET, open, p_prev (p));
      e->u.set.elts = seq_items (&elts);
      e->u.set.n_elts = elts.n;
      return e;
    }

  seq_push (p, &keys, first_key);
  seq_push (p, &values, first_value);
  while (p_expect (p, LANG_TOK_COMMA))
    {
      t = p_peek (p);
      if (t == NULL)
        return NULL;
      if (t->type == LANG_TOK_RBRACE)
        break;
      if (t->type == LANG_TOK_DOUBLESTAR)
        {
          p_next (p);
          LangExpr *v = parse_bitwise_or (p);
          if (v == NULL)
            return NULL;
          seq_push (p, &keys, NULL);
          seq_push (p, &values, v);
          continue;
        }
      LangExpr *k = parse_expression (p);
      if (k == NULL)
        return NULL;
      LangToken *colon = p_expect (p, LANG_TOK_COLON);
      if (colon == NULL)
        {
          if (p_hard (p))
            return NULL;
          /* invalid_kvpair: a=expression !(':') */
          p_fail (p);
          p_raise_at (p, "SyntaxError", k->lineno, k->end_col_offset - 1, k->end_lineno, -1,
                      "':' expected after dictionary key");
          return NULL;
        }
      LangExpr *v = parse_dict_value (p, colon);
      if (v == NULL)
        return NULL;
      seq_push (p, &keys, k);
      seq_push (p, &values, v);
    }
  if (!p_expect (p, LANG_TOK_RBRACE))
    return p_fail (p);
  LangExpr *e = p_expr_new (p, LANG_EXPR_DICT, open, p_prev (p));
  e->u.dict.keys = seq_items (&keys);
  e->u.dict.n_keys = keys.n;
  e->u.dict.values = seq_items (&values);
  e->u.dict.n_values = values.n;
  return e;
}

static LangExpr *
parse_atom (Parser *p)
{
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  LangExpr *e;
  switch (t->type)
    {
    case LANG_TOK_NAME:
      p_next (p);
      return p_name (p, t, LANG_CTX_LOAD);
    case LANG_TOK_KW_TRUE:
    case LANG_TOK_KW_FALSE:
    case LANG_TOK_KW_NONE:
    case LANG_TOK_ELLIPSIS:
      p_next (p);
      e = p_expr_new (p, LANG_EXPR_CONSTANT, t, t);
      e->u.constant.type = t->type == LANG_TOK_KW_TRUE    ? LANG_CONST_TRUE
                           : t->type == LANG_TOK_KW_FALSE ? LANG_CONST_FALSE
                           : t->type == LANG_TOK_KW_NONE  ? LANG_CONST_NONE
                                                          : LANG_CONST_ELLIPSIS;
      return e;
    case LANG_TOK_STRING:
      return parse_strings (p);
    case LANG_TOK_NUMBER:
      p_next (p);
      return parse_number (p, t);
    case LANG_TOK_LPAR:
      return parse_paren_atom (p);
    case LANG_TOK_LSQB:
      return parse_list_atom (p);
    case LANG_TOK_LBRACE:
      return parse_brace_atom (p);
    default:
      return p_fail (p);
    }
}

static LangExpr *
parse_lambdef (Parser *p)
{
  LangToken *kw = p_next (p);
  if (!p_enter (p))
    return NULL;
  LangExpr *e = NULL;
  LangArguments *args = parse_params (p, true);
  if (args != NULL)
    {
      if (!p_expect (p, LANG_TOK_COLON))
        p_fail (p);
      else
        {
          LangExpr *body = parse_expression (p);
          if (body != NULL)
            {
              e = p_expr_new (p, LANG_EXPR_LAMBDA, kw, p_prev (p));
              e->u.lambda.args = args;
              e->u.lambda.body = body;
            }
        }
    }
  p_leave (p);
  return e;
}

/* ---- targets ------------------------------------------------------------ */

/* star_target, read as a primary and checked: what for, with and
 * comprehensions assign to. */
LangExpr *
parse_star_target (Parser *p)
{
  LangToken *star = p_peek (p);
  if (star == NULL)
    return NULL;
  if (star->type == LANG_TOK_STAR)
    {
      p_next (p);
      if (p_type (p) == LANG_TOK_STAR)
        return p_fail (p);
      if (!p_enter (p))
        return NULL;
      LangExpr *inner = parse_star_target (p);
      p_leave (p);
      if (inner == NULL)
        return NULL;
      LangExpr *e = p_expr_new (p, LANG_EXPR_STARRED, star, p_prev (p));
      e->u.starred.value = inner;
      e->u.starred.ctx = LANG_CTX_STORE;
      return e;
    }
  LangExpr *e = parse_primary (p);
  if (e == NULL)
    return NULL;
  bool ok;
  switch (e->kind)
    {
    case LANG_EXPR_NAME:
    case LANG_EXPR_ATTRIBUTE:
    case LANG_EXPR_SUBSCRIPT:
      ok = true;
      break;
    case LANG_EXPR_TUPLE:
    case LANG_EXPR_LIST:
      ok = true;
      for (size_t i = 0; i < e->u.seq.n_elts && ok; i++)
        {
          LangExpr *x = e->u.seq.elts[i];
          if (x->kind == LANG_EXPR_STARRED)
            x = x->u.starred.value;
          ok = x->kind == LANG_EXPR_NAME || x->kind == LANG_EXPR_ATTRIBUTE
               || x->kind == LANG_EXPR_SUBSCRIPT
               || ((x->kind == LANG_EXPR_TUPLE || x->kind == LANG_EXPR_LIST)
                   && p_invalid_target (x, STAR_TARGETS) == NULL);
        }
      break;
    default:
      ok = false;
    }
  if (!ok)
    return p_fail (p);
  p_set_context (e, LANG_CTX_STORE);
  return e;
}

LangExpr *
parse_star_targets (Parser *p)
{
  LangToken *start = p_peek (p);
  LangExpr *e = parse_star_target (p);
  if (e == NULL || p_type (p) != LANG_TOK_COMMA)
    return e;
  Seq elts = { 0 };
  seq_push (p, &elts, e);
  while (p_expect (p, LANG_TOK_COMMA))
    {
      LangTokenType t = p_type (p);
      if (!p_starts_expression (t) && t != LANG_TOK_STAR)
        break;
      e = parse_star_target (p);
      if (e == NULL)
        return NULL;
      seq_push (p, &elts, e);
    }
  LangExpr *tuple = make_tuple (p, start, &elts);
  if (tuple != NULL)
    tuple->u.seq.ctx = LANG_CTX_STORE;
  return tuple;
}
