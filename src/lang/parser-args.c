/* parser-args.c: parameter lists of def and lambda, and the arguments of a
 * call, with CPython 3.11's messages for their mistakes. */
#include "parser-private.h"

#include <string.h>

LangArguments *
p_empty_arguments (Parser *p)
{
  return lang_arena_alloc (p->arena, sizeof (LangArguments));
}

static LangArg *
new_arg (Parser *p, LangToken *name)
{
  LangArg *a = lang_arena_alloc (p->arena, sizeof (LangArg));
  a->arg = p_identifier (p, name);
  a->lineno = name->lineno;
  a->col_offset = name->col_offset;
  a->end_lineno = name->end_lineno;
  a->end_col_offset = name->end_col_offset;
  return a;
}

/* NAME [':' annotation]; the annotation of *args may be starred. */
static LangArg *
parse_param (Parser *p, bool lambda, bool star)
{
  LangToken *name = p_expect (p, LANG_TOK_NAME);
  if (name == NULL)
    return p_fail (p);
  LangArg *a = new_arg (p, name);
  if (!lambda && p_expect (p, LANG_TOK_COLON))
    {
      a->annotation = star ? parse_star_expression (p) : parse_expression (p);
      if (a->annotation == NULL)
        return NULL;
      LangToken *end = p_prev (p);
      a->end_lineno = end->end_lineno;
      a->end_col_offset = end->end_col_offset;
    }
  return a;
}

static void *
raise_at_token (Parser *p, LangToken *t, const char *msg)
{
  return p_raise_at (p, "SyntaxError", t->lineno, t->col_offset, t->end_lineno, t->end_col_offset,
                     "%s", msg);
}

static void *
raise_at_arg (Parser *p, LangArg *a, const char *msg)
{
  return p_raise_at (p, "SyntaxError", a->lineno, a->col_offset, a->end_lineno, a->end_col_offset,
                     "%s", msg);
}

/* params / lambda_params, up to (not including) ')' or ':'. */
LangArguments *
parse_params (Parser *p, bool lambda)
{
  LangTokenType close = lambda ? LANG_TOK_COLON : LANG_TOK_RPAR;
  LangArguments *args = p_empty_arguments (p);
  Seq positional = { 0 }, defaults = { 0 }, kwonly = { 0 }, kw_defaults = { 0 };
  size_t n_posonly = 0;
  bool seen_slash = false, seen_star = false, seen_default = false;

  while (p_type (p) != close)
    {
      LangToken *t = p_peek (p);
      if (t == NULL)
        return NULL;
      if (args->kwarg != NULL)
        {
          /* invalid_kwds: nothing may follow **kwargs. */
          if (t->type == LANG_TOK_NAME)
            {
              LangArg *a = parse_param (p, lambda, false);
              if (a != NULL)
                raise_at_arg (p, a, "arguments cannot follow var-keyword argument");
              return NULL;
            }
          if (t->type == LANG_TOK_STAR || t->type == LANG_TOK_DOUBLESTAR
              || t->type == LANG_TOK_SLASH)
            return raise_at_token (p, t, "arguments cannot follow var-keyword argument");
          return p_fail (p);
        }
      if (t->type == LANG_TOK_SLASH)
        {
          if (positional.n == 0)
            p_fail (p); /* CPython's first pass stops at the '/' */
          p_next (p);
          if (seen_star)
            return raise_at_token (p, t, "/ must be ahead of *");
          if (seen_slash)
            return raise_at_token (p, t, "/ may appear only once");
          if (positional.n == 0)
            {
              if (p_type (p) == LANG_TOK_COMMA)
                return raise_at_token (p, t, "at least one argument must precede /");
              return p_fail (p);
            }
          if (p_type (p) == LANG_TOK_STAR)
            return raise_at_token (p, p_peek (p), "expected comma between / and *");
          seen_slash = true;
          n_posonly = positional.n;
        }
      else if (t->type == LANG_TOK_STAR)
        {
          p_next (p);
          if (seen_star)
            return raise_at_token (p, t, "* argument may appear only once");
          seen_star = true;
          if (p_type (p) == LANG_TOK_NAME)
            {
              LangArg *a = parse_param (p, lambda, true);
              if (a == NULL)
                return NULL;
              if (p_type (p) == LANG_TOK_EQUAL)
                return raise_at_token (p, p_peek (p),
                                       "var-positional argument cannot have default value");
              args->vararg = a;
            }
          else
            {
              /* A bare '*' needs keyword-only parameters after it. */
              LangTokenType next = p_type (p);
              bool bad = next == close
                         || (next == LANG_TOK_COMMA
                             && (p_type_at (p, 1) == close
                                 || p_type_at (p, 1) == LANG_TOK_DOUBLESTAR));
              if (bad)
                {
                  if (lambda)
                    {
                      if (next == LANG_TOK_COMMA)
                        p_next (p);
                      p_next (p);
                      return p_raise_last (p, "SyntaxError", "named arguments must follow bare *");
                    }
                  return raise_at_token (p, t, "named arguments must follow bare *");
                }
              if (next != LANG_TOK_COMMA)
                return p_fail (p);
            }
        }
      else if (t->type == LANG_TOK_DOUBLESTAR)
        {
          p_next (p);
          LangArg *a = parse_param (p, lambda, false);
          if (a == NULL)
            return NULL;
          if (p_type (p) == LANG_TOK_EQUAL)
            return raise_at_token (p, p_peek (p),
                                   "var-keyword argument cannot have default value");
          args->kwarg = a;
        }
      else if (t->type == LANG_TOK_LPAR && !seen_star)
        {
          /* invalid_parameters: '(' param_no_default+ ','? ')' */
          p_fail (p);
          p_next (p);
          size_t n = 0;
          while (p_type (p) == LANG_TOK_NAME)
            {
              if (parse_param (p, lambda, false) == NULL)
                return NULL;
              n++;
              if (!p_expect (p, LANG_TOK_COMMA))
                break;
            }
          LangToken *rpar = p_expect (p, LANG_TOK_RPAR);
          if (n > 0 && rpar != NULL)
            p_raise_range_tok (p, t, rpar,
                               lambda ? "Lambda expression parameters cannot be parenthesized"
                                      : "Function parameters cannot be parenthesized");
          return NULL;
        }
      else
        {
          LangArg *a = parse_param (p, lambda, false);
          if (a == NULL)
            return NULL;
          LangExpr *def = NULL;
          LangToken *eq = p_peek (p);
          if (eq == NULL)
            return NULL;
          if (eq->type == LANG_TOK_EQUAL)
            {
              p_next (p);
              LangTokenType next = p_type (p);
              if (next == LANG_TOK_RPAR || next == LANG_TOK_COMMA)
                return raise_at_token (p, eq, "expected default value expression");
              def = parse_expression (p);
              if (def == NULL)
                return NULL;
            }
          if (seen_star)
            {
              seq_push (p, &kwonly, a);
              seq_push (p, &kw_defaults, def);
            }
          else
            {
              if (def == NULL && seen_default)
                {
                  LangTokenType next = p_type (p);
                  if (next == LANG_TOK_COMMA || next == close)
                    return raise_at_arg (p, a, "non-default argument follows default argument");
                  return p_fail (p);
                }
              if (def != NULL)
                {
                  seen_default = true;
                  seq_push (p, &defaults, def);
                }
              seq_push (p, &positional, a);
            }
        }
      if (p_type (p) == close)
        break;
      if (!p_expect (p, LANG_TOK_COMMA))
        return p_fail (p);
    }
  if (p_hard (p))
    return NULL;

  /* pos is NULL when there are none: no arithmetic on it then. */
  LangArg **pos = (LangArg **) positional.items;
  args->n_posonlyargs = n_posonly;
  args->n_args = positional.n - n_posonly;
  args->posonlyargs = n_posonly != 0 ? pos : NULL;
  args->args = args->n_args != 0 ? pos + n_posonly : NULL;
  args->defaults = (LangExpr **) defaults.items;
  args->n_defaults = defaults.n;
  args->kwonlyargs = (LangArg **) kwonly.items;
  args->n_kwonlyargs = kwonly.n;
  args->kw_defaults = (LangExpr **) kw_defaults.items;
  args->n_kw_defaults = kw_defaults.n;
  return args;
}

static LangKeyword *
new_keyword (Parser *p, LangToken *start, const char *arg, LangExpr *value)
{
  LangKeyword *k = lang_arena_alloc (p->arena, sizeof (LangKeyword));
  k->arg = arg;
  k->value = value;
  k->lineno = start->lineno;
  k->col_offset = start->col_offset;
  LangToken *end = p_prev (p);
  k->end_lineno = end->end_lineno;
  k->end_col_offset = end->end_col_offset;
  return k;
}

static bool
at_for (Parser *p)
{
  LangTokenType t = p_type (p);
  return t == LANG_TOK_KW_FOR || (t == LANG_TOK_KW_ASYNC && p_type_at (p, 1) == LANG_TOK_KW_FOR);
}

/* The comprehension clauses after an argument, for the error message. */
static bool
skip_for_if_clauses (Parser *p, const LangExpr **last)
{
  while (at_for (p))
    {
      if (p_type (p) == LANG_TOK_KW_ASYNC)
        p_next (p);
      p_next (p);
      if (parse_star_targets (p) == NULL || !p_expect (p, LANG_TOK_KW_IN))
        return false;
      *last = parse_disjunction (p);
      if (*last == NULL)
        return false;
      while (p_expect (p, LANG_TOK_KW_IF))
        {
          *last = parse_disjunction (p);
          if (*last == NULL)
            return false;
        }
    }
  return true;
}

/* arguments: after the '(' of a call (or class bases), to the closing
 * parenthesis, which is consumed. @call gets args and keywords. A lone
 * generator expression needs no parentheses of its own in a call
 * (@allow_genexp), but does among class bases. */
static bool
call_arguments (Parser *p, LangExpr *call, LangTokenType close, bool allow_genexp)
{
  LangToken *open = p_prev (p);
  Seq args = { 0 }, keywords = { 0 };
  bool seen_keyword = false, seen_kwunpack = false, positional_after = false;
  LangToken *star_after_kwunpack = NULL;

  while (p_type (p) != close)
    {
      LangToken *t = p_peek (p);
      if (t == NULL)
        return false;
      if (t->type == LANG_TOK_STAR)
        {
          p_next (p);
          LangExpr *v = parse_expression (p);
          if (v == NULL)
            return false;
          LangExpr *e = p_expr_new (p, LANG_EXPR_STARRED, t, p_prev (p));
          e->u.starred.value = v;
          e->u.starred.ctx = LANG_CTX_LOAD;
          if (seen_kwunpack && star_after_kwunpack == NULL)
            star_after_kwunpack = t;
          seq_push (p, &args, e);
        }
      else if (t->type == LANG_TOK_DOUBLESTAR)
        {
          p_next (p);
          LangExpr *v = parse_expression (p);
          if (v == NULL)
            return false;
          seq_push (p, &keywords, new_keyword (p, t, NULL, v));
          seen_kwunpack = true;
        }
      else if ((t->type == LANG_TOK_KW_TRUE || t->type == LANG_TOK_KW_FALSE
                || t->type == LANG_TOK_KW_NONE)
               && p_type_at (p, 1) == LANG_TOK_EQUAL)
        {
          LangToken *eq = p_peek_at (p, 1);
          return p_raise_range_tok (p, t, eq, "cannot assign to %.*s",
                                    (int) (t->end - t->start), t->start);
        }
      else if (t->type == LANG_TOK_NAME && p_type_at (p, 1) == LANG_TOK_EQUAL)
        {
          LangToken *eq = p_peek_at (p, 1);
          p_next (p);
          p_next (p);
          LangExpr *v = parse_expression (p);
          if (v == NULL)
            return false;
          if (at_for (p))
            {
              const LangExpr *last;
              p_fail (p);
              if (skip_for_if_clauses (p, &last) && !p_hard (p))
                p_raise_range_tok (p, t, eq,
                                   "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
              return false;
            }
          seq_push (p, &keywords, new_keyword (p, t, p_identifier (p, t), v));
          seen_keyword = true;
        }
      else
        {
          LangExpr *e = parse_named_expression_ex (p, false);
          if (e == NULL)
            return false;
          if (at_for (p))
            {
              /* A generator expression: alone it may go without parentheses. */
              Seq gens = { 0 };
              const LangExpr *last = NULL;
              if (args.n == 0 && keywords.n == 0 && !allow_genexp)
                return p_fail (p), false;
              if (args.n == 0 && keywords.n == 0)
                {
                  size_t save = p->mark;
                  LangExpr *genexp = p_expr_new (p, LANG_EXPR_GENERATOR_EXP, open, NULL);
                  if (!p_parse_comprehension_clauses (p, &gens))
                    return false;
                  if (p_type (p) == close)
                    {
                      p_next (p);
                      genexp->end_lineno = p_prev (p)->end_lineno;
                      genexp->end_col_offset = p_prev (p)->end_col_offset;
                      genexp->u.comp.elt = e;
                      genexp->u.comp.generators = (LangComprehension **) gens.items;
                      genexp->u.comp.n_generators = gens.n;
                      seq_push (p, &args, genexp);
                      call->u.call.args = (LangExpr **) args.items;
                      call->u.call.n_args = args.n;
                      return true;
                    }
                  p->mark = save;
                }
              p_fail (p);
              if (skip_for_if_clauses (p, &last) && !p_hard (p))
                {
                  /* CPython reads the argument after a comma first. */
                  if (p_type (p) == LANG_TOK_COMMA)
                    p_peek_at (p, 1);
                  if (!p_hard (p))
                    p_raise_node (p, e, last, "Generator expression must be parenthesized");
                }
              return false;
            }
          if (p_type (p) == LANG_TOK_EQUAL)
            {
              /* invalid_kwarg: !(NAME '=') a=expression b='=' */
              LangToken *eq = p_peek (p);
              p_fail (p);
              p_raise_at (p, "SyntaxError", e->lineno, e->col_offset, eq->end_lineno,
                          eq->end_col_offset,
                          "expression cannot contain assignment, perhaps you meant \"==\"?");
              return false;
            }
          if (seen_keyword || seen_kwunpack)
            positional_after = true;
          seq_push (p, &args, e);
        }
      if (p_type (p) == close)
        break;
      if (!p_expect (p, LANG_TOK_COMMA))
        {
          if (!p_hard (p))
            p_fail (p);
          return false;
        }
    }
  if (p_hard (p))
    return false;
  if (star_after_kwunpack != NULL)
    {
      p_fail (p);
      raise_at_token (p, star_after_kwunpack,
                      "iterable argument unpacking follows keyword argument unpacking");
      return false;
    }
  if (positional_after)
    {
      p_fail (p);
      p_raise_last (p, "SyntaxError",
                    seen_kwunpack ? "positional argument follows keyword argument unpacking"
                                  : "positional argument follows keyword argument");
      return false;
    }
  p_next (p); /* the closing parenthesis */
  call->u.call.args = (LangExpr **) args.items;
  call->u.call.n_args = args.n;
  call->u.call.keywords = (LangKeyword **) keywords.items;
  call->u.call.n_keywords = keywords.n;
  return true;
}

/* The state a call's arguments are read in: everything that can change
 * how they parse. */
static unsigned int
call_memo_bit (const Parser *p, bool allow_genexp)
{
  unsigned int state = (p->no_invalid ? 1u : 0u) | (p->lenient ? 2u : 0u)
                       | (allow_genexp ? 4u : 0u) | (unsigned int) (p->legacy_depth < 3 ? p->legacy_depth : 3) << 3;
  return 1u << state;
}

/* arguments, remembering a failure (see Parser.call_memo): read again from
 * the same '(' in the same state, it fails at once, as it would have after
 * reading the same tokens again. */
bool
parse_call_arguments (Parser *p, LangExpr *call, LangTokenType close, bool allow_genexp)
{
  size_t open = p->mark - 1;
  unsigned int bit = call_memo_bit (p, allow_genexp);

  if (p->call_memo[open] & bit)
    {
      p_fail (p);
      return false;
    }
  if (call_arguments (p, call, close, allow_genexp))
    return true;
  if (!p_hard (p))
    p->call_memo[open] |= bit;
  return false;
}
