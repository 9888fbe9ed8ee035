/* parser-stmt.c: the statement grammar: blocks, compound statements and the
 * sequence of statements that makes a file. Simple statements are in
 * parser-simple.c. */
#include "parser-private.h"

#include <string.h>

static bool parse_statements (Parser *p, Seq *out, LangTokenType until);
static bool parse_simple_stmts (Parser *p, Seq *out);

typedef struct
{
  LangStmt **items;
  size_t n;
} StmtList;

/* block: NEWLINE INDENT statements DEDENT | simple_stmts. @what is CPython's
 * wording for the statement the block belongs to, used when it is missing. */
static bool
parse_block (Parser *p, StmtList *out, const char *what, int lineno)
{
  Seq body = { 0 };
  if (p_type (p) == LANG_TOK_NEWLINE)
    {
      p_next (p);
      if (p_type (p) != LANG_TOK_INDENT)
        {
          if (p_hard (p))
            return false;
          if (what != NULL)
            p_raise_last (p, "IndentationError", "expected an indented block after %s on line %d",
                          what, lineno);
          else
            p_raise_last (p, "IndentationError", "expected an indented block");
          return false;
        }
      p_next (p);
      if (!p_enter (p))
        return false;
      bool ok = parse_statements (p, &body, LANG_TOK_DEDENT);
      p_leave (p);
      if (!ok)
        return false;
      if (!p_expect (p, LANG_TOK_DEDENT))
        return p_fail (p), false;
    }
  else if (!parse_simple_stmts (p, &body))
    return false;
  out->items = (LangStmt **) body.items;
  out->n = body.n;
  return true;
}

static bool
expect_forced (Parser *p, LangTokenType type, const char *text)
{
  LangToken *t = p_peek (p);
  if (t == NULL)
    return false;
  if (t->type != type)
    {
      p_raise_at (p, "SyntaxError", t->lineno, t->col_offset, t->end_lineno, t->end_col_offset,
                  "expected '%s'", text);
      return false;
    }
  p->mark++;
  return true;
}

/* After a header's expression: ':' or, on a NEWLINE, CPython's "expected ':'". */
static bool
expect_colon (Parser *p)
{
  if (p_expect (p, LANG_TOK_COLON))
    return true;
  if (p_hard (p))
    return false;
  if (p_type (p) == LANG_TOK_NEWLINE)
    {
      p_raise_last (p, "SyntaxError", "expected ':'");
      return false;
    }
  p_fail (p);
  return false;
}

static bool
parse_else_block (Parser *p, StmtList *out)
{
  LangToken *kw = p_next (p); /* 'else' */
  if (!expect_forced (p, LANG_TOK_COLON, ":"))
    return false;
  return parse_block (p, out, "'else' statement", kw->lineno);
}

static LangStmt *parse_if_stmt_inner (Parser *p, bool elif);

/* An elif chain nests: it counts against the depth limit as in CPython. */
static LangStmt *
parse_if_stmt (Parser *p, bool elif)
{
  if (!p_enter (p))
    return NULL;
  LangStmt *s = parse_if_stmt_inner (p, elif);
  p_leave (p);
  return s;
}

static LangStmt *
parse_if_stmt_inner (Parser *p, bool elif)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, LANG_STMT_IF, kw);
  if (s == NULL)
    return NULL;
  s->u.if_.test = parse_named_expression (p);
  if (s->u.if_.test == NULL || !expect_colon (p))
    return NULL;
  StmtList body;
  if (!parse_block (p, &body, elif ? "'elif' statement" : "'if' statement", kw->lineno))
    return NULL;
  s->u.if_.body = body.items;
  s->u.if_.n_body = body.n;
  LangTokenType t = p_type (p);
  if (t == LANG_TOK_KW_ELIF)
    {
      LangStmt *elif_stmt = parse_if_stmt (p, true);
      if (elif_stmt == NULL)
        return NULL;
      s->u.if_.orelse = lang_arena_alloc (p->arena, sizeof (LangStmt *));
      s->u.if_.orelse[0] = elif_stmt;
      s->u.if_.n_orelse = 1;
    }
  else if (t == LANG_TOK_KW_ELSE)
    {
      StmtList orelse;
      if (!parse_else_block (p, &orelse))
        return NULL;
      s->u.if_.orelse = orelse.items;
      s->u.if_.n_orelse = orelse.n;
    }
  p_stmt_end (p, s);
  return s;
}

static LangStmt *
parse_while_stmt (Parser *p)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, LANG_STMT_WHILE, kw);
  if (s == NULL)
    return NULL;
  s->u.while_.test = parse_named_expression (p);
  if (s->u.while_.test == NULL || !expect_colon (p))
    return NULL;
  StmtList body;
  if (!parse_block (p, &body, "'while' statement", kw->lineno))
    return NULL;
  s->u.while_.body = body.items;
  s->u.while_.n_body = body.n;
  if (p_type (p) == LANG_TOK_KW_ELSE)
    {
      StmtList orelse;
      if (!parse_else_block (p, &orelse))
        return NULL;
      s->u.while_.orelse = orelse.items;
      s->u.while_.n_orelse = orelse.n;
    }
  p_stmt_end (p, s);
  return s;
}

/* invalid_for_target: when the targets do not parse, CPython re-reads them as
 * an expression to name what cannot be assigned to. */
static void
for_target_error (Parser *p, size_t target_mark)
{
  if (p_hard (p))
    return;
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
}

static LangStmt *
parse_for_stmt (Parser *p, LangToken *async_kw)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, async_kw ? LANG_STMT_ASYNC_FOR : LANG_STMT_FOR,
                            async_kw ? async_kw : kw);
  if (s == NULL)
    return NULL;
  size_t target_mark = p->mark;
  LangExpr *target = parse_star_targets (p);
  if (target == NULL || !p_expect (p, LANG_TOK_KW_IN))
    {
      if (target != NULL)
        p_fail (p);
      for_target_error (p, target_mark);
      return NULL;
    }
  s->u.for_.target = target;
  s->u.for_.iter = parse_star_expressions (p);
  if (s->u.for_.iter == NULL || !expect_colon (p))
    return NULL;
  StmtList body;
  if (!parse_block (p, &body, "'for' statement", kw->lineno))
    return NULL;
  s->u.for_.body = body.items;
  s->u.for_.n_body = body.n;
  if (p_type (p) == LANG_TOK_KW_ELSE)
    {
      StmtList orelse;
      if (!parse_else_block (p, &orelse))
        return NULL;
      s->u.for_.orelse = orelse.items;
      s->u.for_.n_orelse = orelse.n;
    }
  p_stmt_end (p, s);
  return s;
}

static LangWithItem *
parse_with_item (Parser *p)
{
  LangWithItem *item = lang_arena_alloc (p->arena, sizeof (LangWithItem));
  if (item == NULL)
    return NULL;
  item->context_expr = parse_expression (p);
  if (item->context_expr == NULL)
    return NULL;
  if (p_expect (p, LANG_TOK_KW_AS))
    {
      size_t target_mark = p->mark;
      LangExpr *t = parse_star_target (p);
      LangTokenType next = p_type (p);
      /* A NEWLINE is let through: the caller says "expected ':'". */
      if (t == NULL
          || !(next == LANG_TOK_COMMA || next == LANG_TOK_RPAR || next == LANG_TOK_COLON
               || next == LANG_TOK_NEWLINE))
        {
          /* invalid_with_item */
          if (p_hard (p))
            return NULL;
          p_fail (p);
          p->mark = target_mark;
          LangExpr *e = parse_expression (p);
          next = p_type (p);
          if (e != NULL && !p_hard (p)
              && (next == LANG_TOK_COMMA || next == LANG_TOK_RPAR || next == LANG_TOK_COLON))
            {
              const LangExpr *bad = p_invalid_target (e, STAR_TARGETS);
              if (bad != NULL)
                p_raise_node (p, bad, NULL, "cannot assign to %s", p_expr_name (bad));
            }
          return NULL;
        }
      item->optional_vars = t;
    }
  return item;
}

static LangStmt *
parse_with_stmt (Parser *p, LangToken *async_kw)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, async_kw ? LANG_STMT_ASYNC_WITH : LANG_STMT_WITH,
                            async_kw ? async_kw : kw);
  if (s == NULL)
    return NULL;
  Seq items = { 0 };
  bool done = false;

  /* 'with' '(' items ','? ')' ':' is tried first; when the parenthesis turns
   * out to belong to the first expression, read the plain form instead. */
  if (p_type (p) == LANG_TOK_LPAR)
    {
      size_t save = p->mark;
      ParserErrState save_state = p->err_state;
      size_t save_fill = p->soft_fill;
      p_next (p);
      for (;;)
        {
          LangWithItem *item = parse_with_item (p);
          if (item == NULL)
            break;
          seq_push (p, &items, item);
          if (!p_expect (p, LANG_TOK_COMMA))
            break;
          if (p_type (p) == LANG_TOK_RPAR)
            break;
        }
      if (!p_hard (p) && items.n > 0 && p_expect (p, LANG_TOK_RPAR)
          && p_type (p) == LANG_TOK_COLON)
        done = true;
      else
        {
          if (p_hard (p))
            return NULL;
          p->mark = save;
          p->err_state = save_state;
          p->soft_fill = save_fill;
          items = (Seq){ 0 };
        }
    }
  if (!done)
    {
      for (;;)
        {
          LangWithItem *item = parse_with_item (p);
          if (item == NULL)
            return NULL;
          seq_push (p, &items, item);
          if (!p_expect (p, LANG_TOK_COMMA))
            break;
        }
    }
  if (!expect_colon (p))
    return NULL;
  s->u.with.items = (LangWithItem **) items.items;
  s->u.with.n_items = items.n;
  StmtList body;
  if (!parse_block (p, &body, "'with' statement", kw->lineno))
    return NULL;
  s->u.with.body = body.items;
  s->u.with.n_body = body.n;
  p_stmt_end (p, s);
  return s;
}

static LangExceptHandler *
parse_except_block (Parser *p, bool *star)
{
  LangToken *kw = p_next (p);
  LangExceptHandler *h = lang_arena_alloc (p->arena, sizeof (LangExceptHandler));
  if (h == NULL)
    return NULL;
  h->lineno = kw->lineno;
  h->col_offset = kw->col_offset;
  *star = false;
  if (p_type (p) == LANG_TOK_STAR)
    {
      p_next (p);
      *star = true;
      LangTokenType t = p_type (p);
      if (t == LANG_TOK_NEWLINE || t == LANG_TOK_COLON)
        return p_raise_last (p, "SyntaxError", "expected one or more exception types");
    }
  if (p_type (p) != LANG_TOK_COLON || *star)
    {
      h->type = parse_expression (p);
      if (h->type == NULL)
        return NULL;
      if (p_type (p) == LANG_TOK_COMMA)
        {
          /* invalid_except_stmt: except A, B: */
          size_t save = p->mark;
          p_next (p);
          LangExpr *rest = parse_expression (p);
          if (rest != NULL)
            {
              while (p_expect (p, LANG_TOK_COMMA))
                if (p_type (p) == LANG_TOK_COLON || parse_expression (p) == NULL)
                  break;
              if (!p_hard (p) && p_expect (p, LANG_TOK_KW_AS))
                p_expect (p, LANG_TOK_NAME);
              if (!p_hard (p) && p_type (p) == LANG_TOK_COLON)
                return p_raise_from_node (p, h->type,
                                          "multiple exception types must be parenthesized");
            }
          if (p_hard (p))
            return NULL;
          p->mark = save;
          return p_fail (p);
        }
      if (p_expect (p, LANG_TOK_KW_AS))
        {
          LangToken *name = p_expect (p, LANG_TOK_NAME);
          if (name == NULL)
            return p_fail (p);
          h->name = p_identifier (p, name);
        }
    }
  if (!expect_colon (p))
    return NULL;
  StmtList body;
  if (!parse_block (p, &body, *star ? "'except*' statement" : "'except' statement", kw->lineno))
    return NULL;
  h->body = body.items;
  h->n_body = body.n;
  LangToken *last = p_prev (p);
  h->end_lineno = last->end_lineno;
  h->end_col_offset = last->end_col_offset;
  return h;
}

static LangStmt *
parse_try_stmt (Parser *p)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, LANG_STMT_TRY, kw);
  if (s == NULL)
    return NULL;
  if (!expect_forced (p, LANG_TOK_COLON, ":"))
    return NULL;
  StmtList body;
  if (!parse_block (p, &body, "'try' statement", kw->lineno))
    return NULL;
  s->u.try_.body = body.items;
  s->u.try_.n_body = body.n;

  Seq handlers = { 0 };
  int kind = 0; /* 1: except, 2: except* */
  while (p_type (p) == LANG_TOK_KW_EXCEPT)
    {
      LangToken *ex = p_peek (p);
      bool star_next = p_type_at (p, 1) == LANG_TOK_STAR;
      if (kind != 0 && (kind == 2) != star_next)
        {
          /* invalid_try_stmt: cannot mix the two forms. */
          if (kind == 1)
            {
              LangToken *star = p_peek_at (p, 1);
              return p_raise_range_tok (p, ex, star,
                                        "cannot have both 'except' and 'except*' on the same "
                                        "'try'");
            }
          return p_raise_at (p, "SyntaxError", ex->lineno, ex->col_offset, ex->end_lineno,
                             ex->end_col_offset,
                             "cannot have both 'except' and 'except*' on the same 'try'");
        }
      bool star;
      LangExceptHandler *h = parse_except_block (p, &star);
      if (h == NULL)
        return NULL;
      kind = star ? 2 : 1;
      seq_push (p, &handlers, h);
    }
  s->u.try_.handlers = (LangExceptHandler **) handlers.items;
  s->u.try_.n_handlers = handlers.n;
  if (kind == 2)
    s->kind = LANG_STMT_TRY_STAR;
  if (handlers.n > 0 && p_type (p) == LANG_TOK_KW_ELSE)
    {
      StmtList orelse;
      if (!parse_else_block (p, &orelse))
        return NULL;
      s->u.try_.orelse = orelse.items;
      s->u.try_.n_orelse = orelse.n;
    }
  if (p_type (p) == LANG_TOK_KW_FINALLY)
    {
      LangToken *fin = p_next (p);
      if (!expect_forced (p, LANG_TOK_COLON, ":"))
        return NULL;
      StmtList finalbody;
      if (!parse_block (p, &finalbody, "'finally' statement", fin->lineno))
        return NULL;
      s->u.try_.finalbody = finalbody.items;
      s->u.try_.n_finalbody = finalbody.n;
    }
  else if (handlers.n == 0)
    {
      if (p_hard (p))
        return NULL;
      return p_raise_last (p, "SyntaxError", "expected 'except' or 'finally' block");
    }
  p_stmt_end (p, s);
  return s;
}

static bool
parse_decorators (Parser *p, Seq *decorators)
{
  while (p_type (p) == LANG_TOK_AT)
    {
      p_next (p);
      LangExpr *e = parse_named_expression (p);
      if (e == NULL)
        return false;
      if (!p_expect (p, LANG_TOK_NEWLINE))
        return p_fail (p), false;
      seq_push (p, decorators, e);
    }
  return true;
}

static LangStmt *
parse_function_def (Parser *p, Seq *decorators)
{
  LangToken *first = p_peek (p);
  LangToken *async_kw = NULL;
  if (first->type == LANG_TOK_KW_ASYNC)
    async_kw = p_next (p);
  LangToken *kw = p_next (p); /* 'def' */
  LangStmt *s = p_stmt_new (p, async_kw ? LANG_STMT_ASYNC_FUNCTION_DEF : LANG_STMT_FUNCTION_DEF,
                            first);
  if (s == NULL)
    return NULL;
  LangToken *name = p_expect (p, LANG_TOK_NAME);
  if (name == NULL)
    return p_fail (p);
  s->u.function_def.name = p_identifier (p, name);
  if (!expect_forced (p, LANG_TOK_LPAR, "("))
    return NULL;
  LangArguments *args = parse_params (p, false);
  if (args == NULL)
    return NULL;
  if (!p_expect (p, LANG_TOK_RPAR))
    return p_fail (p);
  s->u.function_def.args = args;
  if (p_expect (p, LANG_TOK_RARROW))
    {
      s->u.function_def.returns = parse_expression (p);
      if (s->u.function_def.returns == NULL)
        return NULL;
    }
  if (!expect_forced (p, LANG_TOK_COLON, ":"))
    return NULL;
  StmtList body;
  if (!parse_block (p, &body, "function definition", kw->lineno))
    return NULL;
  s->u.function_def.body = body.items;
  s->u.function_def.n_body = body.n;
  s->u.function_def.decorator_list = (LangExpr **) decorators->items;
  s->u.function_def.n_decorator_list = decorators->n;
  p_stmt_end (p, s);
  return s;
}

static LangStmt *
parse_class_def (Parser *p, Seq *decorators)
{
  LangToken *kw = p_next (p);
  LangStmt *s = p_stmt_new (p, LANG_STMT_CLASS_DEF, kw);
  if (s == NULL)
    return NULL;
  LangToken *name = p_expect (p, LANG_TOK_NAME);
  if (name == NULL)
    return p_fail (p);
  s->u.class_def.name = p_identifier (p, name);
  if (p_type (p) == LANG_TOK_LPAR)
    {
      p_next (p);
      LangExpr *call = p_expr_new (p, LANG_EXPR_CALL, name, name);
      if (call == NULL || !parse_call_arguments (p, call, LANG_TOK_RPAR, false))
        return NULL;
      s->u.class_def.bases = call->u.call.args;
      s->u.class_def.n_bases = call->u.call.n_args;
      s->u.class_def.keywords = call->u.call.keywords;
      s->u.class_def.n_keywords = call->u.call.n_keywords;
    }
  if (!expect_colon (p))
    return NULL;
  StmtList body;
  if (!parse_block (p, &body, "class definition", kw->lineno))
    return NULL;
  s->u.class_def.body = body.items;
  s->u.class_def.n_body = body.n;
  s->u.class_def.decorator_list = (LangExpr **) decorators->items;
  s->u.class_def.n_decorator_list = decorators->n;
  p_stmt_end (p, s);
  return s;
}

/* A `match` statement is recognised, to be refused clearly: the soft keyword
 * followed by a subject and a line that ends in ':'. */
static bool
looks_like_match_stmt (Parser *p)
{
  LangToken *t = p_peek (p);
  if (!p_is_soft_keyword (p, t, "match"))
    return false;
  LangTokenType next = p_type_at (p, 1);
  if (!p_starts_expression (next) && next != LANG_TOK_STAR)
    return false;
  LangTokenType prev = LANG_TOK_NAME;
  for (size_t k = 1;; k++)
    {
      LangToken *u = p_peek_at (p, k);
      if (u == NULL)
        return false;
      if (u->type == LANG_TOK_NEWLINE || u->type == LANG_TOK_ENDMARKER
          || u->type == LANG_TOK_SEMI)
        return prev == LANG_TOK_COLON && u->type == LANG_TOK_NEWLINE;
      if (u->level == 0 && (u->type == LANG_TOK_EQUAL || u->type == LANG_TOK_KW_LAMBDA))
        return false;
      prev = u->type;
    }
}

static LangStmt *
parse_compound_stmt (Parser *p)
{
  Seq decorators = { 0 };
  LangTokenType t = p_type (p);
  if (t == LANG_TOK_AT)
    {
      if (!parse_decorators (p, &decorators))
        return NULL;
      t = p_type (p);
      if (t == LANG_TOK_KW_DEF
          || (t == LANG_TOK_KW_ASYNC && p_type_at (p, 1) == LANG_TOK_KW_DEF))
        return parse_function_def (p, &decorators);
      if (t == LANG_TOK_KW_CLASS)
        return parse_class_def (p, &decorators);
      return p_fail (p);
    }
  switch (t)
    {
    case LANG_TOK_KW_DEF:
      return parse_function_def (p, &decorators);
    case LANG_TOK_KW_IF:
      return parse_if_stmt (p, false);
    case LANG_TOK_KW_CLASS:
      return parse_class_def (p, &decorators);
    case LANG_TOK_KW_WITH:
      return parse_with_stmt (p, NULL);
    case LANG_TOK_KW_FOR:
      return parse_for_stmt (p, NULL);
    case LANG_TOK_KW_TRY:
      return parse_try_stmt (p);
    case LANG_TOK_KW_WHILE:
      return parse_while_stmt (p);
    case LANG_TOK_KW_ASYNC:
      {
        LangTokenType next = p_type_at (p, 1);
        if (next == LANG_TOK_KW_DEF)
          return parse_function_def (p, &decorators);
        LangToken *async_kw = p_next (p);
        if (next == LANG_TOK_KW_WITH)
          return parse_with_stmt (p, async_kw);
        if (next == LANG_TOK_KW_FOR)
          return parse_for_stmt (p, async_kw);
        return p_fail (p);
      }
    default:
      return p_fail (p);
    }
}

static bool
is_compound_start (Parser *p)
{
  switch (p_type (p))
    {
    case LANG_TOK_KW_DEF:
    case LANG_TOK_AT:
    case LANG_TOK_KW_IF:
    case LANG_TOK_KW_CLASS:
    case LANG_TOK_KW_WITH:
    case LANG_TOK_KW_FOR:
    case LANG_TOK_KW_TRY:
    case LANG_TOK_KW_WHILE:
      return true;
    case LANG_TOK_KW_ASYNC:
      {
        LangTokenType next = p_type_at (p, 1);
        return next == LANG_TOK_KW_DEF || next == LANG_TOK_KW_WITH || next == LANG_TOK_KW_FOR;
      }
    default:
      return false;
    }
}

static bool
parse_simple_stmts (Parser *p, Seq *out)
{
  for (;;)
    {
      LangStmt *s = parse_simple_stmt (p);
      if (s == NULL)
        return false;
      seq_push (p, out, s);
      if (!p_expect (p, LANG_TOK_SEMI))
        break;
      if (p_type (p) == LANG_TOK_NEWLINE)
        break;
    }
  if (!p_expect (p, LANG_TOK_NEWLINE))
    {
      p_fail (p);
      return false;
    }
  return true;
}

static bool
parse_statement (Parser *p, Seq *out)
{
  if (looks_like_match_stmt (p))
    {
      LangToken *t = p_peek (p);
      p_raise_at (p, "SyntaxError", t->lineno, t->col_offset, t->end_lineno, t->end_col_offset,
                  "the match statement is not supported");
      return false;
    }
  if (p_hard (p))
    return false;
  if (is_compound_start (p))
    {
      LangStmt *s = parse_compound_stmt (p);
      if (s == NULL)
        return false;
      return seq_push (p, out, s);
    }
  return parse_simple_stmts (p, out);
}

static bool
parse_statements (Parser *p, Seq *out, LangTokenType until)
{
  do
    {
      if (!parse_statement (p, out))
        return false;
    }
  while (p_type (p) != until && !p_hard (p));
  return !p_hard (p);
}

LangModule *
parse_file (Parser *p)
{
  LangModule *m = lang_arena_alloc (p->arena, sizeof (LangModule));
  if (m == NULL)
    return NULL;
  Seq body = { 0 };
  if (p_type (p) != LANG_TOK_ENDMARKER)
    {
      if (p_hard (p) || !parse_statements (p, &body, LANG_TOK_ENDMARKER))
        return NULL;
    }
  if (!p_expect (p, LANG_TOK_ENDMARKER))
    return p_fail (p);
  m->body = (LangStmt **) body.items;
  m->n_body = body.n;
  return m;
}

