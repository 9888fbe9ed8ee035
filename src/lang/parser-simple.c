/* parser-simple.c: simple statements, above all assignments, whose errors
 * follow CPython 3.11's invalid_assignment and invalid_named_expression. */
#include "parser-private.h"

#include <string.h>

static LangExpr *
parse_annotated_rhs (Parser *p)
{
  if (p_type (p) == LANG_TOK_KW_YIELD)
    return parse_yield_expr (p);
  return parse_star_expressions (p);
}

static bool
is_single_target (const LangExpr *e)
{
  return e->kind == LANG_EXPR_NAME || e->kind == LANG_EXPR_ATTRIBUTE
         || e->kind == LANG_EXPR_SUBSCRIPT;
}

/* What star_targets accepts. */
static bool
is_star_target (const LangExpr *e, bool top)
{
  switch (e->kind)
    {
    case LANG_EXPR_NAME:
    case LANG_EXPR_ATTRIBUTE:
    case LANG_EXPR_SUBSCRIPT:
      return true;
    case LANG_EXPR_STARRED:
      if (EXPR_PARENS (e))
        return false;
      if (e->u.starred.value->kind == LANG_EXPR_STARRED)
        return false;
      return is_star_target (e->u.starred.value, false);
    case LANG_EXPR_TUPLE:
    case LANG_EXPR_LIST:
      for (size_t i = 0; i < e->u.seq.n_elts; i++)
        if (!is_star_target (e->u.seq.elts[i], false))
          return false;
      return true;
    default:
      (void) top;
      return false;
    }
}

/* The longest bitwise_or that starts @v, or NULL; *more is set when more of
 * @v follows it (so the token after it is an operator or a comma). */
const LangExpr *
p_bitwise_prefix (const LangExpr *v, bool *more)
{
  *more = false;
  for (;;)
    {
      if (EXPR_PARENS (v))
        return v;
      switch (v->kind)
        {
        case LANG_EXPR_COMPARE:
          v = v->u.compare.left;
          break;
        case LANG_EXPR_BOOL_OP:
          v = v->u.bool_op.values[0];
          break;
        case LANG_EXPR_IF_EXP:
          v = v->u.if_exp.body;
          break;
        case LANG_EXPR_TUPLE:
          if (v->u.seq.n_elts == 0)
            return NULL;
          v = v->u.seq.elts[0];
          break;
        case LANG_EXPR_UNARY_OP:
          return v->u.unary_op.op == LANG_UNARY_NOT ? NULL : v;
        case LANG_EXPR_LAMBDA:
        case LANG_EXPR_STARRED:
        case LANG_EXPR_YIELD:
        case LANG_EXPR_YIELD_FROM:
        case LANG_EXPR_NAMED_EXPR:
          return NULL;
        default:
          return v;
        }
      *more = true;
    }
}

/* !(list|tuple|genexp|'True'|'None'|'False') at the start of @e. */
static bool
starts_with_display (const LangExpr *e)
{
  for (;;)
    {
      switch (e->kind)
        {
        case LANG_EXPR_LIST:
          return true;
        case LANG_EXPR_TUPLE:
        case LANG_EXPR_GENERATOR_EXP:
          if (EXPR_PARENS (e))
            return true;
          break;
        case LANG_EXPR_CONSTANT:
          {
            LangConstantKind k = e->u.constant.type;
            return !EXPR_PARENS (e)
                   && (k == LANG_CONST_TRUE || k == LANG_CONST_FALSE || k == LANG_CONST_NONE);
          }
        default:
          break;
        }
      if (EXPR_PARENS (e))
        return false;
      switch (e->kind)
        {
        case LANG_EXPR_BIN_OP:
          e = e->u.bin_op.left;
          break;
        case LANG_EXPR_CALL:
          e = e->u.call.func;
          break;
        case LANG_EXPR_ATTRIBUTE:
          e = e->u.attribute.value;
          break;
        case LANG_EXPR_SUBSCRIPT:
          e = e->u.subscript.value;
          break;
        default:
          return false;
        }
    }
}

/* invalid_named_expression's second and third forms, for `a = b` where no
 * assignment may stand: @a is the left side, @b the longest bitwise_or after
 * the '=' and @b_ok whether the token after it is neither '=' nor ':='.
 * Returns true when an error was raised. */
bool
p_check_named_assignment (Parser *p, const LangExpr *a, const LangExpr *b, bool b_ok)
{
  if (b == NULL || !b_ok)
    return false;
  if (a->kind == LANG_EXPR_NAME && !EXPR_PARENS (a))
    {
      p_raise_node (p, a, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
      return true;
    }
  bool more;
  if (p_bitwise_prefix (a, &more) == a && !more && !starts_with_display (a))
    {
      p_raise_node (p, a, NULL, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                    p_expr_name (a));
      return true;
    }
  return false;
}

/* The error for `targets = ... = value` with a target star_targets refuses;
 * @after_eq is the mark after the first '='. The value may be missing. */
static void
assignment_error (Parser *p, Seq *targets, size_t after_eq)
{
  LangExpr *t1 = targets->items[0];
  /* invalid_named_expression, reached through star_named_expression (','
   * ...)*: only the element right before the '=' can match. */
  const LangExpr *a = t1;
  if (t1->kind == LANG_EXPR_TUPLE && !EXPR_PARENS (t1) && t1->u.seq.n_elts > 0)
    a = t1->u.seq.elts[t1->u.seq.n_elts - 1];
  if (a->kind != LANG_EXPR_STARRED)
    {
      size_t save = p->mark;
      p->mark = after_eq;
      bool ok;
      LangExpr *b = p_lenient_bitwise_or (p, &ok);
      if (p_hard (p))
        return;
      p->mark = save;
      if (b != NULL && p_check_named_assignment (p, a, b, ok))
        return;
    }
  /* (star_targets '=')* a=star_expressions '=' */
  for (size_t i = 0; i < targets->n; i++)
    {
      LangExpr *t = targets->items[i];
      if (is_star_target (t, true))
        continue;
      if (t->kind == LANG_EXPR_YIELD || t->kind == LANG_EXPR_YIELD_FROM)
        {
          p_raise_node (p, t, NULL, "assignment to yield expression not possible");
          return;
        }
      const LangExpr *bad = p_invalid_target (t, STAR_TARGETS);
      if (bad != NULL)
        p_raise_node (p, bad, NULL, "cannot assign to %s", p_expr_name (bad));
      return;
    }
}

static LangStmt *
parse_ann_assign (Parser *p, LangToken *first, LangExpr *target, int simple)
{
  LangStmt *s = p_stmt_new (p, LANG_STMT_ANN_ASSIGN, first);
  if (s == NULL)
    return NULL;
  p_set_context (target, LANG_CTX_STORE);
  s->u.ann_assign.target = target;
  s->u.ann_assign.simple = simple;
  s->u.ann_assign.annotation = parse_expression (p);
  if (s->u.ann_assign.annotation == NULL)
    return NULL;
  if (p_expect (p, LANG_TOK_EQUAL))
    {
      s->u.ann_assign.value = parse_annotated_rhs (p);
      if (s->u.ann_assign.value == NULL)
        return NULL;
    }
  p_stmt_end (p, s);
  return s;
}

static bool
is_augassign (LangTokenType t, LangOperator *op)
{
  switch (t)
    {
    case LANG_TOK_PLUSEQUAL: *op = LANG_OP_ADD; return true;
    case LANG_TOK_MINEQUAL: *op = LANG_OP_SUB; return true;
    case LANG_TOK_STAREQUAL: *op = LANG_OP_MULT; return true;
    case LANG_TOK_ATEQUAL: *op = LANG_OP_MAT_MULT; return true;
    case LANG_TOK_SLASHEQUAL: *op = LANG_OP_DIV; return true;
    case LANG_TOK_PERCENTEQUAL: *op = LANG_OP_MOD; return true;
    case LANG_TOK_AMPEREQUAL: *op = LANG_OP_BIT_AND; return true;
    case LANG_TOK_VBAREQUAL: *op = LANG_OP_BIT_OR; return true;
    case LANG_TOK_CIRCUMFLEXEQUAL: *op = LANG_OP_BIT_XOR; return true;
    case LANG_TOK_LEFTSHIFTEQUAL: *op = LANG_OP_LSHIFT; return true;
    case LANG_TOK_RIGHTSHIFTEQUAL: *op = LANG_OP_RSHIFT; return true;
    case LANG_TOK_DOUBLESTAREQUAL: *op = LANG_OP_POW; return true;
    case LANG_TOK_DOUBLESLASHEQUAL: *op = LANG_OP_FLOOR_DIV; return true;
    default: return false;
    }
}

/* assignment | star_expressions, and their errors. */
static LangStmt *
parse_expr_stmt (Parser *p)
{
  LangToken *first = p_peek (p);

  if (first->type == LANG_TOK_NAME && p_type_at (p, 1) == LANG_TOK_COLON)
    {
      LangExpr *target = p_name (p, first, LANG_CTX_STORE);
      p_next (p);
      p_next (p);
      return parse_ann_assign (p, first, target, 1);
    }

  LangExpr *e = first->type == LANG_TOK_KW_YIELD ? parse_yield_expr (p)
                                                 : parse_star_expressions (p);
  if (e == NULL)
    return NULL;
  LangTokenType next = p_type (p);
  LangOperator op;

  if (next == LANG_TOK_COLON)
    {
      if (is_single_target (e) && (EXPR_PARENS (e) || e->kind != LANG_EXPR_NAME))
        {
          p_next (p);
          return parse_ann_assign (p, first, e, 0);
        }
      /* invalid_assignment: which target it is decides the message. */
      p_fail (p);
      size_t save = p->mark;
      p_next (p);
      LangExpr *annotation = e->kind == LANG_EXPR_YIELD ? NULL : parse_expression (p);
      if (annotation != NULL && !p_hard (p))
        {
          const LangExpr *inner = e;
          if ((inner->kind == LANG_EXPR_LIST || inner->kind == LANG_EXPR_TUPLE)
              && (EXPR_PARENS (inner) || inner->kind == LANG_EXPR_LIST))
            p_raise_node (p, inner, NULL, "only single target (not %s) can be annotated",
                          p_expr_name (inner));
          else if (inner->kind == LANG_EXPR_TUPLE && inner->u.seq.n_elts > 0)
            p_raise_node (p, inner->u.seq.elts[0], NULL,
                          "only single target (not tuple) can be annotated");
          else if (inner->kind != LANG_EXPR_STARRED)
            p_raise_node (p, inner, NULL, "illegal target for annotation");
        }
      p->mark = save;
      return NULL;
    }

  if (next == LANG_TOK_EQUAL)
    {
      Seq targets = { 0 };
      LangExpr *value = NULL;
      seq_push (p, &targets, e);
      size_t after_eq = p->mark + 1;
      while (p_expect (p, LANG_TOK_EQUAL))
        {
          LangExpr *v = parse_annotated_rhs (p);
          if (v == NULL)
            {
              /* The value does not parse; CPython may still blame a target. */
              if (!p_hard (p))
                for (size_t i = 0; i < targets.n; i++)
                  if (!is_star_target (targets.items[i], true))
                    {
                      assignment_error (p, &targets, after_eq);
                      break;
                    }
              return NULL;
            }
          if (p_type (p) == LANG_TOK_EQUAL)
            seq_push (p, &targets, v);
          else
            {
              value = v;
              break;
            }
        }
      if (value == NULL)
        return NULL;
      for (size_t i = 0; i < targets.n; i++)
        if (!is_star_target (targets.items[i], true))
          {
            p_fail (p);
            assignment_error (p, &targets, after_eq);
            return NULL;
          }
      for (size_t i = 0; i < targets.n; i++)
        p_set_context (targets.items[i], LANG_CTX_STORE);
      LangStmt *s = p_stmt_new (p, LANG_STMT_ASSIGN, first);
      if (s == NULL)
        return NULL;
      s->u.assign.targets = (LangExpr **) targets.items;
      s->u.assign.n_targets = targets.n;
      s->u.assign.value = value;
      p_stmt_end (p, s);
      return s;
    }

  if (is_augassign (next, &op))
    {
      if (!is_single_target (e))
        {
          p_fail (p);
          if (e->kind == LANG_EXPR_YIELD || e->kind == LANG_EXPR_YIELD_FROM)
            return NULL;
          size_t save = p->mark;
          p_next (p);
          LangExpr *rhs = parse_annotated_rhs (p);
          if (rhs != NULL && !p_hard (p))
            p_raise_node (p, e, NULL, "'%s' is an illegal expression for augmented assignment",
                          p_expr_name (e));
          p->mark = save;
          return NULL;
        }
      p_next (p);
      LangStmt *s = p_stmt_new (p, LANG_STMT_AUG_ASSIGN, first);
      if (s == NULL)
        return NULL;
      p_set_context (e, LANG_CTX_STORE);
      s->u.aug_assign.target = e;
      s->u.aug_assign.op = op;
      s->u.aug_assign.value = parse_annotated_rhs (p);
      if (s->u.aug_assign.value == NULL)
        return NULL;
      p_stmt_end (p, s);
      return s;
    }

  LangStmt *s = p_stmt_new (p, LANG_STMT_EXPR, first);
  if (s == NULL)
    return NULL;
  s->u.expr.value = e;
  p_stmt_end (p, s);
  return s;
}

/* dotted_name: NAME ('.' NAME)*, as one string. */
static const char *
parse_dotted_name (Parser *p, LangToken **last)
{
  LangToken *t = p_expect (p, LANG_TOK_NAME);
  if (t == NULL)
    return p_fail (p);
  const char *start = t->start;
  const char *end = t->end;
  size_t n = (size_t) (t->end - t->start);
  char *name = lang_arena_strndup (p->arena, t->start, n);
  while (p_type (p) == LANG_TOK_DOT && p_type_at (p, 1) == LANG_TOK_NAME)
    {
      p_next (p);
      t = p_next (p);
      size_t m = (size_t) (t->end - t->start);
      char *joined = lang_arena_alloc (p->arena, n + m + 2);
      if (joined == NULL)
        return NULL;
      memcpy (joined, name, n);
      joined[n] = '.';
      memcpy (joined + n + 1, t->start, m);
      n += m + 1;
      name = joined;
      end = t->end;
    }
  (void) start;
  (void) end;
  *last = t;
  return name;
}

static LangAlias *
new_alias (Parser *p, LangToken *start, const char *name)
{
  LangAlias *a = lang_arena_alloc (p->arena, sizeof (LangAlias));
  if (a == NULL)
    return NULL;
  a->name = name;
  a->lineno = start->lineno;
  a->col_offset = start->col_offset;
  return a;
}

static void
alias_end (Parser *p, LangAlias *a)
{
  LangToken *t = p_prev (p);
  a->end_lineno = t->end_lineno;
  a->end_col_offset = t->end_col_offset;
}

static LangStmt *
parse_import_name (Parser *p)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, LANG_STMT_IMPORT, kw);
  Seq names = { 0 };
  do
    {
      LangToken *start = p_peek (p), *last;
      const char *name = parse_dotted_name (p, &last);
      if (name == NULL)
        return NULL;
      LangAlias *a = new_alias (p, start, name);
      if (p_expect (p, LANG_TOK_KW_AS))
        {
          LangToken *as = p_expect (p, LANG_TOK_NAME);
          if (as == NULL)
            return p_fail (p);
          a->asname = p_identifier (p, as);
        }
      alias_end (p, a);
      seq_push (p, &names, a);
    }
  while (p_expect (p, LANG_TOK_COMMA));
  s->u.import.names = (LangAlias **) names.items;
  s->u.import.n_names = names.n;
  p_stmt_end (p, s);
  return s;
}

static bool
parse_import_from_as_names (Parser *p, Seq *names, bool parenthesized)
{
  for (;;)
    {
      LangToken *t = p_expect (p, LANG_TOK_NAME);
      if (t == NULL)
        return p_fail (p), false;
      LangAlias *a = new_alias (p, t, p_identifier (p, t));
      if (p_expect (p, LANG_TOK_KW_AS))
        {
          LangToken *as = p_expect (p, LANG_TOK_NAME);
          if (as == NULL)
            return p_fail (p), false;
          a->asname = p_identifier (p, as);
        }
      alias_end (p, a);
      seq_push (p, names, a);
      if (p_type (p) != LANG_TOK_COMMA)
        return true;
      if (parenthesized && p_type_at (p, 1) == LANG_TOK_RPAR)
        {
          p_next (p);
          return true;
        }
      if (!parenthesized && p_type_at (p, 1) == LANG_TOK_NEWLINE)
        {
          p_next (p);
          p_peek (p);
          p_raise_last (p, "SyntaxError",
                        "trailing comma not allowed without surrounding parentheses");
          return false;
        }
      p_next (p);
    }
}

static LangStmt *
parse_import_from (Parser *p)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, LANG_STMT_IMPORT_FROM, kw);
  int level = 0;
  for (;;)
    {
      LangTokenType t = p_type (p);
      if (t == LANG_TOK_DOT)
        level += 1;
      else if (t == LANG_TOK_ELLIPSIS)
        level += 3;
      else
        break;
      p_next (p);
    }
  if (p_type (p) != LANG_TOK_KW_IMPORT || level == 0)
    {
      LangToken *last;
      s->u.import_from.module = parse_dotted_name (p, &last);
      if (s->u.import_from.module == NULL)
        return NULL;
    }
  s->u.import_from.level = level;
  if (!p_expect (p, LANG_TOK_KW_IMPORT))
    return p_fail (p);
  Seq names = { 0 };
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  if (t->type == LANG_TOK_STAR)
    {
      p_next (p);
      LangAlias *a = new_alias (p, t, "*");
      alias_end (p, a);
      seq_push (p, &names, a);
    }
  else if (t->type == LANG_TOK_LPAR)
    {
      p_next (p);
      if (!parse_import_from_as_names (p, &names, true))
        return NULL;
      if (!p_expect (p, LANG_TOK_RPAR))
        return p_fail (p);
    }
  else if (!parse_import_from_as_names (p, &names, false))
    return NULL;
  s->u.import_from.names = (LangAlias **) names.items;
  s->u.import_from.n_names = names.n;
  p_stmt_end (p, s);
  return s;
}

static bool
is_del_target (const LangExpr *e)
{
  switch (e->kind)
    {
    case LANG_EXPR_NAME:
    case LANG_EXPR_ATTRIBUTE:
    case LANG_EXPR_SUBSCRIPT:
      return true;
    case LANG_EXPR_TUPLE:
    case LANG_EXPR_LIST:
      if (!EXPR_PARENS (e) && e->kind == LANG_EXPR_TUPLE)
        return false;
      for (size_t i = 0; i < e->u.seq.n_elts; i++)
        if (!is_del_target (e->u.seq.elts[i]))
          return false;
      return true;
    default:
      return false;
    }
}

static LangStmt *
parse_del_stmt (Parser *p)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, LANG_STMT_DELETE, kw);
  LangExpr *e = parse_star_expressions (p);
  if (e == NULL)
    return NULL;
  /* del a, b deletes two targets; del (a, b) one tuple. */
  LangExpr **items = &e;
  size_t n = 1;
  if (e->kind == LANG_EXPR_TUPLE && !EXPR_PARENS (e))
    {
      items = e->u.seq.elts;
      n = e->u.seq.n_elts;
    }
  for (size_t i = 0; i < n; i++)
    if (!is_del_target (items[i]))
      {
        p_fail (p);
        const LangExpr *bad = p_invalid_target (e, DEL_TARGETS);
        if (bad != NULL)
          p_raise_node (p, bad, NULL, "cannot delete %s", p_expr_name (bad));
        return NULL;
      }
  LangTokenType next = p_type (p);
  if (next != LANG_TOK_SEMI && next != LANG_TOK_NEWLINE)
    return p_fail (p);
  for (size_t i = 0; i < n; i++)
    p_set_context (items[i], LANG_CTX_DEL);
  LangExpr **targets = lang_arena_alloc (p->arena, n * sizeof (LangExpr *));
  memcpy (targets, items, n * sizeof (LangExpr *));
  s->u.delete.targets = targets;
  s->u.delete.n_targets = n;
  p_stmt_end (p, s);
  return s;
}

static LangStmt *
parse_global_stmt (Parser *p, LangStmtKind kind)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, kind, kw);
  Seq names = { 0 };
  do
    {
      LangToken *t = p_expect (p, LANG_TOK_NAME);
      if (t == NULL)
        return p_fail (p);
      seq_push (p, &names, (void *) p_identifier (p, t));
    }
  while (p_expect (p, LANG_TOK_COMMA));
  s->u.global.names = (const char **) names.items;
  s->u.global.n_names = names.n;
  p_stmt_end (p, s);
  return s;
}

LangStmt *
parse_simple_stmt (Parser *p)
{
  LangToken *t = p_peek (p);
  if (t == NULL)
    return NULL;
  LangStmt *s;
  switch (t->type)
    {
    case LANG_TOK_KW_RETURN:
      p_next (p);
      s = p_stmt_new (p, LANG_STMT_RETURN, t);
      if (p_starts_expression (p_type (p)) || p_type (p) == LANG_TOK_STAR)
        {
          s->u.return_.value = parse_star_expressions (p);
          if (s->u.return_.value == NULL)
            return NULL;
        }
      p_stmt_end (p, s);
      return s;
    case LANG_TOK_KW_IMPORT:
      return parse_import_name (p);
    case LANG_TOK_KW_FROM:
      return parse_import_from (p);
    case LANG_TOK_KW_RAISE:
      p_next (p);
      s = p_stmt_new (p, LANG_STMT_RAISE, t);
      if (p_starts_expression (p_type (p)))
        {
          s->u.raise.exc = parse_expression (p);
          if (s->u.raise.exc == NULL)
            return NULL;
          if (p_expect (p, LANG_TOK_KW_FROM))
            {
              s->u.raise.cause = parse_expression (p);
              if (s->u.raise.cause == NULL)
                return NULL;
            }
        }
      p_stmt_end (p, s);
      return s;
    case LANG_TOK_KW_PASS:
    case LANG_TOK_KW_BREAK:
    case LANG_TOK_KW_CONTINUE:
      p_next (p);
      s = p_stmt_new (p,
                      t->type == LANG_TOK_KW_PASS    ? LANG_STMT_PASS
                      : t->type == LANG_TOK_KW_BREAK ? LANG_STMT_BREAK
                                                     : LANG_STMT_CONTINUE,
                      t);
      p_stmt_end (p, s);
      return s;
    case LANG_TOK_KW_DEL:
      return parse_del_stmt (p);
    case LANG_TOK_KW_ASSERT:
      p_next (p);
      s = p_stmt_new (p, LANG_STMT_ASSERT, t);
      s->u.assert.test = parse_expression (p);
      if (s->u.assert.test == NULL)
        return NULL;
      if (p_expect (p, LANG_TOK_COMMA))
        {
          s->u.assert.msg = parse_expression (p);
          if (s->u.assert.msg == NULL)
            return NULL;
        }
      p_stmt_end (p, s);
      return s;
    case LANG_TOK_KW_GLOBAL:
      return parse_global_stmt (p, LANG_STMT_GLOBAL);
    case LANG_TOK_KW_NONLOCAL:
      return parse_global_stmt (p, LANG_STMT_NONLOCAL);
    default:
      return parse_expr_stmt (p);
    }
}
