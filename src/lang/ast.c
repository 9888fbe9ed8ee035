/* ast.c: names of the node kinds, and lang_ast_dump(), which prints a tree
 * exactly as CPython 3.11's ast.dump() prints the same source's tree. */
#include "ast.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang-unicode.h"

static const char *const expr_names[] = {
  "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda", "IfExp", "Dict", "Set", "ListComp",
  "SetComp", "DictComp", "GeneratorExp", "Await", "Yield", "YieldFrom", "Compare", "Call",
  "FormattedValue", "JoinedStr", "Constant", "Attribute", "Subscript", "Starred", "Name",
  "List", "Tuple", "Slice",
};

static const char *const stmt_names[] = {
  "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign", "AugAssign",
  "AnnAssign", "For", "AsyncFor", "While", "If", "With", "AsyncWith", "Raise", "Try", "TryStar",
  "Assert", "Import", "ImportFrom", "Global", "Nonlocal", "Expr", "Pass", "Break", "Continue",
};

const char *
lang_expr_kind_name (LangExprKind kind)
{
  return expr_names[kind];
}

const char *
lang_stmt_kind_name (LangStmtKind kind)
{
  return stmt_names[kind];
}

/* ---- output ------------------------------------------------------------- */

/* Trees can be deeper than the parser's limit (a+a+...+a nests to the left
 * without recursion in the parser); past this the dump gives up. */
#define DUMP_MAX_DEPTH 10000

typedef struct
{
  char *data;
  size_t len;
  size_t cap;
  bool oom;
  bool attrs;
  int depth;
} Out;

static void
out_add (Out *o, const char *s, size_t n)
{
  if (o->oom)
    return;
  if (o->len + n + 1 > o->cap)
    {
      size_t cap = o->cap ? o->cap : 256;
      while (cap < o->len + n + 1)
        cap *= 2;
      char *data = realloc (o->data, cap);
      if (data == NULL)
        {
          o->oom = true;
          return;
        }
      o->data = data;
      o->cap = cap;
    }
  memcpy (o->data + o->len, s, n);
  o->len += n;
  o->data[o->len] = '\0';
}

static void
out_puts (Out *o, const char *s)
{
  out_add (o, s, strlen (s));
}

static void
out_printf (Out *o, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));

static void
out_printf (Out *o, const char *fmt, ...)
{
  char buf[128];
  va_list ap;
  va_start (ap, fmt);
  int n = vsnprintf (buf, sizeof buf, fmt, ap);
  va_end (ap);
  out_add (o, buf, (size_t) n < sizeof buf ? (size_t) n : sizeof buf - 1);
}

/* ---- Python reprs ------------------------------------------------------- */

/* repr() of a str given as UTF-8 (lone surrogates in 3-byte form). */
static void
repr_str (Out *o, const char *s, size_t len)
{
  bool has_single = memchr (s, '\'', len) != NULL, has_double = memchr (s, '"', len) != NULL;
  char quote = (has_single && !has_double) ? '"' : '\'';
  out_add (o, &quote, 1);
  size_t i = 0;
  while (i < len)
    {
      unsigned char c = (unsigned char) s[i];
      uint32_t cp;
      size_t k;
      if (c < 0x80)
        {
          cp = c;
          k = 1;
        }
      else
        {
          /* Decode leniently: surrogates are stored as 3-byte sequences. */
          if ((c & 0xF0) == 0xE0 && i + 2 < len + 0 + 1 && i + 2 < len + 1)
            {
              cp = ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (s[i + 1] & 0x3F) << 6)
                   | (uint32_t) (s[i + 2] & 0x3F);
              k = 3;
            }
          else
            {
              k = lang_utf8_decode (s + i, len - i, &cp);
              if (k == 0)
                {
                  cp = 0xFFFD;
                  k = 1;
                }
            }
        }
      i += k;
      if (cp == (uint32_t) quote || cp == '\\')
        {
          char esc[2] = { '\\', (char) cp };
          out_add (o, esc, 2);
        }
      else if (cp == '\t')
        out_puts (o, "\\t");
      else if (cp == '\n')
        out_puts (o, "\\n");
      else if (cp == '\r')
        out_puts (o, "\\r");
      else if (cp < ' ' || cp == 0x7F)
        out_printf (o, "\\x%02x", cp);
      else if (cp < 0x7F)
        {
          char ch = (char) cp;
          out_add (o, &ch, 1);
        }
      else if (lang_unicode_is_printable (cp))
        {
          char u[4];
          out_add (o, u, lang_utf8_encode (cp, u));
        }
      else if (cp <= 0xFF)
        out_printf (o, "\\x%02x", cp);
      else if (cp <= 0xFFFF)
        out_printf (o, "\\u%04x", cp);
      else
        out_printf (o, "\\U%08x", cp);
    }
  out_add (o, &quote, 1);
}

static void
repr_bytes (Out *o, const char *s, size_t len)
{
  bool has_single = memchr (s, '\'', len) != NULL, has_double = memchr (s, '"', len) != NULL;
  char quote = (has_single && !has_double) ? '"' : '\'';
  out_puts (o, "b");
  out_add (o, &quote, 1);
  for (size_t i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char) s[i];
      if (c == (unsigned char) quote || c == '\\')
        {
          char esc[2] = { '\\', (char) c };
          out_add (o, esc, 2);
        }
      else if (c == '\t')
        out_puts (o, "\\t");
      else if (c == '\n')
        out_puts (o, "\\n");
      else if (c == '\r')
        out_puts (o, "\\r");
      else if (c < ' ' || c >= 0x7F)
        out_printf (o, "\\x%02x", c);
      else
        out_add (o, (const char *) &c, 1);
    }
  out_add (o, &quote, 1);
}

/* repr() of a float (float_repr_style 'short'): the shortest digits that
 * read back to the same double, laid out as Python does. */
static void
repr_double (Out *o, double x, bool add_dot_0)
{
  if (isinf (x))
    {
      out_puts (o, x > 0 ? "inf" : "-inf");
      return;
    }
  if (isnan (x))
    {
      out_puts (o, "nan");
      return;
    }
  char buf[64];
  int prec;
  for (prec = 1; prec <= 17; prec++)
    {
      snprintf (buf, sizeof buf, "%.*e", prec - 1, x);
      if (strtod (buf, NULL) == x)
        break;
    }
  /* buf is [-]d[.ddd]e[+-]xx */
  char digits[32];
  size_t nd = 0;
  const char *q = buf;
  bool neg = false;
  if (*q == '-')
    {
      neg = true;
      q++;
    }
  for (; *q && *q != 'e'; q++)
    if (*q >= '0' && *q <= '9')
      digits[nd++] = *q;
  int exp10 = atoi (q + 1);
  while (nd > 1 && digits[nd - 1] == '0')
    nd--;
  digits[nd] = '\0';
  int decpt = exp10 + 1;
  if (neg)
    out_puts (o, "-");
  if (x == 0)
    {
      out_puts (o, add_dot_0 ? "0.0" : "0");
      return;
    }
  if (decpt > -4 && decpt <= 16)
    {
      if (decpt <= 0)
        {
          out_puts (o, "0.");
          for (int i = 0; i < -decpt; i++)
            out_puts (o, "0");
          out_puts (o, digits);
        }
      else if ((size_t) decpt >= nd)
        {
          out_puts (o, digits);
          for (size_t i = nd; i < (size_t) decpt; i++)
            out_puts (o, "0");
          if (add_dot_0)
            out_puts (o, ".0");
        }
      else
        {
          out_add (o, digits, (size_t) decpt);
          out_puts (o, ".");
          out_puts (o, digits + decpt);
        }
    }
  else
    {
      out_add (o, digits, 1);
      if (nd > 1)
        {
          out_puts (o, ".");
          out_puts (o, digits + 1);
        }
      int e = decpt - 1;
      out_printf (o, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
}

/* The decimal form of digits in a base. */
static void
repr_int (Out *o, const char *digits, size_t n, int base)
{
  if (base == 10)
    {
      out_add (o, digits, n);
      return;
    }
  /* Little-endian base-10^9 limbs. */
  size_t cap = n + 2, used = 1;
  unsigned *limbs = calloc (cap, sizeof (unsigned));
  if (limbs == NULL)
    {
      o->oom = true;
      return;
    }
  for (size_t i = 0; i < n; i++)
    {
      char c = digits[i];
      unsigned long long carry = (unsigned long long) (c <= '9' ? c - '0' : c - 'a' + 10);
      for (size_t j = 0; j < used; j++)
        {
          unsigned long long v = (unsigned long long) limbs[j] * (unsigned) base + carry;
          limbs[j] = (unsigned) (v % 1000000000u);
          carry = v / 1000000000u;
        }
      if (carry)
        limbs[used++] = (unsigned) carry;
    }
  out_printf (o, "%u", limbs[used - 1]);
  for (size_t j = used - 1; j-- > 0;)
    out_printf (o, "%09u", limbs[j]);
  free (limbs);
}

static void
repr_constant (Out *o, const LangConstant *c)
{
  switch (c->type)
    {
    case LANG_CONST_NONE: out_puts (o, "None"); break;
    case LANG_CONST_TRUE: out_puts (o, "True"); break;
    case LANG_CONST_FALSE: out_puts (o, "False"); break;
    case LANG_CONST_ELLIPSIS: out_puts (o, "Ellipsis"); break;
    case LANG_CONST_INT:
      repr_int (o, c->value.integer.digits, c->value.integer.n_digits, c->value.integer.base);
      break;
    case LANG_CONST_FLOAT: repr_double (o, c->value.real, true); break;
    case LANG_CONST_COMPLEX:
      repr_double (o, c->value.imag, false);
      out_puts (o, "j");
      break;
    case LANG_CONST_STR: repr_str (o, c->value.str.data, c->value.str.len); break;
    case LANG_CONST_BYTES: repr_bytes (o, c->value.str.data, c->value.str.len); break;
    }
}

/* ---- nodes -------------------------------------------------------------- */

/* Fields are written "name=value"; a node is "Kind(field, field, ...)". */
typedef struct
{
  Out *o;
  int n;
} Fields;

static void
field (Fields *f, const char *name)
{
  if (f->n++)
    out_puts (f->o, ", ");
  out_puts (f->o, name);
  out_puts (f->o, "=");
}

static void dump_expr (Out *o, const LangExpr *e);
static void dump_stmt (Out *o, const LangStmt *s);

static void
dump_attrs (Fields *f, int lineno, int col_offset, int end_lineno, int end_col_offset)
{
  if (!f->o->attrs)
    return;
  field (f, "lineno");
  out_printf (f->o, "%d", lineno);
  field (f, "col_offset");
  out_printf (f->o, "%d", col_offset);
  field (f, "end_lineno");
  out_printf (f->o, "%d", end_lineno);
  field (f, "end_col_offset");
  out_printf (f->o, "%d", end_col_offset);
}

static void
expr_field (Fields *f, const char *name, const LangExpr *e)
{
  if (e == NULL)
    return; /* optional fields that are None are not shown */
  field (f, name);
  dump_expr (f->o, e);
}

static void
expr_list (Fields *f, const char *name, LangExpr *const *items, size_t n)
{
  field (f, name);
  out_puts (f->o, "[");
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        out_puts (f->o, ", ");
      if (items[i] == NULL)
        out_puts (f->o, "None");
      else
        dump_expr (f->o, items[i]);
    }
  out_puts (f->o, "]");
}

static void
stmt_list (Fields *f, const char *name, LangStmt *const *items, size_t n)
{
  field (f, name);
  out_puts (f->o, "[");
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        out_puts (f->o, ", ");
      dump_stmt (f->o, items[i]);
    }
  out_puts (f->o, "]");
}

static void
ident_field (Fields *f, const char *name, const char *id)
{
  if (id == NULL)
    return;
  field (f, name);
  repr_str (f->o, id, strlen (id));
}

static void
int_field (Fields *f, const char *name, int v)
{
  field (f, name);
  out_printf (f->o, "%d", v);
}

static const char *
ctx_name (LangExprContext ctx)
{
  return ctx == LANG_CTX_LOAD ? "Load()" : ctx == LANG_CTX_STORE ? "Store()" : "Del()";
}

static void
ctx_field (Fields *f, LangExprContext ctx)
{
  field (f, "ctx");
  out_puts (f->o, ctx_name (ctx));
}

static const char *const operator_names[] = {
  "Add()", "Sub()", "Mult()", "MatMult()", "Div()", "Mod()", "Pow()",
  "LShift()", "RShift()", "BitOr()", "BitXor()", "BitAnd()", "FloorDiv()",
};
static const char *const unary_names[] = { "Invert()", "Not()", "UAdd()", "USub()" };
static const char *const cmp_names[] = {
  "Eq()", "NotEq()", "Lt()", "LtE()", "Gt()", "GtE()", "Is()", "IsNot()", "In()", "NotIn()",
};

static void
dump_arg (Out *o, const LangArg *a)
{
  Fields f = { o, 0 };
  out_puts (o, "arg(");
  ident_field (&f, "arg", a->arg);
  expr_field (&f, "annotation", a->annotation);
  dump_attrs (&f, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
  out_puts (o, ")");
}

static void
arg_list (Fields *f, const char *name, LangArg *const *items, size_t n)
{
  field (f, name);
  out_puts (f->o, "[");
  for (size_t i = 0; i < n; i++)
    {
      if (i)
        out_puts (f->o, ", ");
      dump_arg (f->o, items[i]);
    }
  out_puts (f->o, "]");
}

static void
dump_arguments (Out *o, const LangArguments *a)
{
  Fields f = { o, 0 };
  out_puts (o, "arguments(");
  arg_list (&f, "posonlyargs", a->posonlyargs, a->n_posonlyargs);
  arg_list (&f, "args", a->args, a->n_args);
  if (a->vararg != NULL)
    {
      field (&f, "vararg");
      dump_arg (o, a->vararg);
    }
  arg_list (&f, "kwonlyargs", a->kwonlyargs, a->n_kwonlyargs);
  expr_list (&f, "kw_defaults", a->kw_defaults, a->n_kw_defaults);
  if (a->kwarg != NULL)
    {
      field (&f, "kwarg");
      dump_arg (o, a->kwarg);
    }
  expr_list (&f, "defaults", a->defaults, a->n_defaults);
  out_puts (o, ")");
}

static void
keyword_list (Fields *f, LangKeyword *const *items, size_t n)
{
  Out *o = f->o;
  field (f, "keywords");
  out_puts (o, "[");
  for (size_t i = 0; i < n; i++)
    {
      const LangKeyword *k = items[i];
      Fields g = { o, 0 };
      if (i)
        out_puts (o, ", ");
      out_puts (o, "keyword(");
      ident_field (&g, "arg", k->arg);
      expr_field (&g, "value", k->value);
      dump_attrs (&g, k->lineno, k->col_offset, k->end_lineno, k->end_col_offset);
      out_puts (o, ")");
    }
  out_puts (o, "]");
}

static void
generators_field (Fields *f, LangComprehension *const *items, size_t n)
{
  Out *o = f->o;
  field (f, "generators");
  out_puts (o, "[");
  for (size_t i = 0; i < n; i++)
    {
      const LangComprehension *c = items[i];
      Fields g = { o, 0 };
      if (i)
        out_puts (o, ", ");
      out_puts (o, "comprehension(");
      expr_field (&g, "target", c->target);
      expr_field (&g, "iter", c->iter);
      expr_list (&g, "ifs", c->ifs, c->n_ifs);
      int_field (&g, "is_async", c->is_async);
      out_puts (o, ")");
    }
  out_puts (o, "]");
}

static void
dump_expr (Out *o, const LangExpr *e)
{
  Fields f = { o, 0 };
  if (++o->depth > DUMP_MAX_DEPTH)
    {
      o->oom = true;
      o->depth--;
      return;
    }
  out_puts (o, expr_names[e->kind]);
  out_puts (o, "(");
  switch (e->kind)
    {
    case LANG_EXPR_BOOL_OP:
      field (&f, "op");
      out_puts (o, e->u.bool_op.op == LANG_BOOLOP_AND ? "And()" : "Or()");
      expr_list (&f, "values", e->u.bool_op.values, e->u.bool_op.n_values);
      break;
    case LANG_EXPR_NAMED_EXPR:
      expr_field (&f, "target", e->u.named_expr.target);
      expr_field (&f, "value", e->u.named_expr.value);
      break;
    case LANG_EXPR_BIN_OP:
      expr_field (&f, "left", e->u.bin_op.left);
      field (&f, "op");
      out_puts (o, operator_names[e->u.bin_op.op]);
      expr_field (&f, "right", e->u.bin_op.right);
      break;
    case LANG_EXPR_UNARY_OP:
      field (&f, "op");
      out_puts (o, unary_names[e->u.unary_op.op]);
      expr_field (&f, "operand", e->u.unary_op.operand);
      break;
    case LANG_EXPR_LAMBDA:
      field (&f, "args");
      dump_arguments (o, e->u.lambda.args);
      expr_field (&f, "body", e->u.lambda.body);
      break;
    case LANG_EXPR_IF_EXP:
      expr_field (&f, "test", e->u.if_exp.test);
      expr_field (&f, "body", e->u.if_exp.body);
      expr_field (&f, "orelse", e->u.if_exp.orelse);
      break;
    case LANG_EXPR_DICT:
      expr_list (&f, "keys", e->u.dict.keys, e->u.dict.n_keys);
      expr_list (&f, "values", e->u.dict.values, e->u.dict.n_values);
      break;
    case LANG_EXPR_SET:
      expr_list (&f, "elts", e->u.set.elts, e->u.set.n_elts);
      break;
    case LANG_EXPR_LIST_COMP:
    case LANG_EXPR_SET_COMP:
    case LANG_EXPR_GENERATOR_EXP:
      expr_field (&f, "elt", e->u.comp.elt);
      generators_field (&f, e->u.comp.generators, e->u.comp.n_generators);
      break;
    case LANG_EXPR_DICT_COMP:
      expr_field (&f, "key", e->u.dict_comp.key);
      expr_field (&f, "value", e->u.dict_comp.value);
      generators_field (&f, e->u.dict_comp.generators, e->u.dict_comp.n_generators);
      break;
    case LANG_EXPR_AWAIT:
    case LANG_EXPR_YIELD:
    case LANG_EXPR_YIELD_FROM:
      expr_field (&f, "value", e->u.await.value);
      break;
    case LANG_EXPR_COMPARE:
      expr_field (&f, "left", e->u.compare.left);
      field (&f, "ops");
      out_puts (o, "[");
      for (size_t i = 0; i < e->u.compare.n_ops; i++)
        {
          if (i)
            out_puts (o, ", ");
          out_puts (o, cmp_names[e->u.compare.ops[i]]);
        }
      out_puts (o, "]");
      expr_list (&f, "comparators", e->u.compare.comparators, e->u.compare.n_comparators);
      break;
    case LANG_EXPR_CALL:
      expr_field (&f, "func", e->u.call.func);
      expr_list (&f, "args", e->u.call.args, e->u.call.n_args);
      keyword_list (&f, e->u.call.keywords, e->u.call.n_keywords);
      break;
    case LANG_EXPR_FORMATTED_VALUE:
      expr_field (&f, "value", e->u.formatted_value.value);
      int_field (&f, "conversion", e->u.formatted_value.conversion);
      expr_field (&f, "format_spec", e->u.formatted_value.format_spec);
      break;
    case LANG_EXPR_JOINED_STR:
      expr_list (&f, "values", e->u.joined_str.values, e->u.joined_str.n_values);
      break;
    case LANG_EXPR_CONSTANT:
      field (&f, "value");
      repr_constant (o, &e->u.constant);
      ident_field (&f, "kind", e->u.constant.kind);
      break;
    case LANG_EXPR_ATTRIBUTE:
      expr_field (&f, "value", e->u.attribute.value);
      ident_field (&f, "attr", e->u.attribute.attr);
      ctx_field (&f, e->u.attribute.ctx);
      break;
    case LANG_EXPR_SUBSCRIPT:
      expr_field (&f, "value", e->u.subscript.value);
      expr_field (&f, "slice", e->u.subscript.slice);
      ctx_field (&f, e->u.subscript.ctx);
      break;
    case LANG_EXPR_STARRED:
      expr_field (&f, "value", e->u.starred.value);
      ctx_field (&f, e->u.starred.ctx);
      break;
    case LANG_EXPR_NAME:
      ident_field (&f, "id", e->u.name.id);
      ctx_field (&f, e->u.name.ctx);
      break;
    case LANG_EXPR_LIST:
    case LANG_EXPR_TUPLE:
      expr_list (&f, "elts", e->u.seq.elts, e->u.seq.n_elts);
      ctx_field (&f, e->u.seq.ctx);
      break;
    case LANG_EXPR_SLICE:
      expr_field (&f, "lower", e->u.slice.lower);
      expr_field (&f, "upper", e->u.slice.upper);
      expr_field (&f, "step", e->u.slice.step);
      break;
    }
  dump_attrs (&f, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
  out_puts (o, ")");
  o->depth--;
}

static void
alias_list (Fields *f, LangAlias *const *items, size_t n)
{
  Out *o = f->o;
  field (f, "names");
  out_puts (o, "[");
  for (size_t i = 0; i < n; i++)
    {
      const LangAlias *a = items[i];
      Fields g = { o, 0 };
      if (i)
        out_puts (o, ", ");
      out_puts (o, "alias(");
      ident_field (&g, "name", a->name);
      ident_field (&g, "asname", a->asname);
      dump_attrs (&g, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
      out_puts (o, ")");
    }
  out_puts (o, "]");
}

static void
dump_stmt (Out *o, const LangStmt *s)
{
  Fields f = { o, 0 };
  if (++o->depth > DUMP_MAX_DEPTH)
    {
      o->oom = true;
      o->depth--;
      return;
    }
  out_puts (o, stmt_names[s->kind]);
  out_puts (o, "(");
  switch (s->kind)
    {
    case LANG_STMT_FUNCTION_DEF:
    case LANG_STMT_ASYNC_FUNCTION_DEF:
      ident_field (&f, "name", s->u.function_def.name);
      field (&f, "args");
      dump_arguments (o, s->u.function_def.args);
      stmt_list (&f, "body", s->u.function_def.body, s->u.function_def.n_body);
      expr_list (&f, "decorator_list", s->u.function_def.decorator_list,
                 s->u.function_def.n_decorator_list);
      expr_field (&f, "returns", s->u.function_def.returns);
      break;
    case LANG_STMT_CLASS_DEF:
      ident_field (&f, "name", s->u.class_def.name);
      expr_list (&f, "bases", s->u.class_def.bases, s->u.class_def.n_bases);
      keyword_list (&f, s->u.class_def.keywords, s->u.class_def.n_keywords);
      stmt_list (&f, "body", s->u.class_def.body, s->u.class_def.n_body);
      expr_list (&f, "decorator_list", s->u.class_def.decorator_list,
                 s->u.class_def.n_decorator_list);
      break;
    case LANG_STMT_RETURN:
      expr_field (&f, "value", s->u.return_.value);
      break;
    case LANG_STMT_DELETE:
      expr_list (&f, "targets", s->u.delete.targets, s->u.delete.n_targets);
      break;
    case LANG_STMT_ASSIGN:
      expr_list (&f, "targets", s->u.assign.targets, s->u.assign.n_targets);
      expr_field (&f, "value", s->u.assign.value);
      break;
    case LANG_STMT_AUG_ASSIGN:
      expr_field (&f, "target", s->u.aug_assign.target);
      field (&f, "op");
      out_puts (o, operator_names[s->u.aug_assign.op]);
      expr_field (&f, "value", s->u.aug_assign.value);
      break;
    case LANG_STMT_ANN_ASSIGN:
      expr_field (&f, "target", s->u.ann_assign.target);
      expr_field (&f, "annotation", s->u.ann_assign.annotation);
      expr_field (&f, "value", s->u.ann_assign.value);
      int_field (&f, "simple", s->u.ann_assign.simple);
      break;
    case LANG_STMT_FOR:
    case LANG_STMT_ASYNC_FOR:
      expr_field (&f, "target", s->u.for_.target);
      expr_field (&f, "iter", s->u.for_.iter);
      stmt_list (&f, "body", s->u.for_.body, s->u.for_.n_body);
      stmt_list (&f, "orelse", s->u.for_.orelse, s->u.for_.n_orelse);
      break;
    case LANG_STMT_WHILE:
      expr_field (&f, "test", s->u.while_.test);
      stmt_list (&f, "body", s->u.while_.body, s->u.while_.n_body);
      stmt_list (&f, "orelse", s->u.while_.orelse, s->u.while_.n_orelse);
      break;
    case LANG_STMT_IF:
      expr_field (&f, "test", s->u.if_.test);
      stmt_list (&f, "body", s->u.if_.body, s->u.if_.n_body);
      stmt_list (&f, "orelse", s->u.if_.orelse, s->u.if_.n_orelse);
      break;
    case LANG_STMT_WITH:
    case LANG_STMT_ASYNC_WITH:
      field (&f, "items");
      out_puts (o, "[");
      for (size_t i = 0; i < s->u.with.n_items; i++)
        {
          const LangWithItem *w = s->u.with.items[i];
          Fields g = { o, 0 };
          if (i)
            out_puts (o, ", ");
          out_puts (o, "withitem(");
          expr_field (&g, "context_expr", w->context_expr);
          expr_field (&g, "optional_vars", w->optional_vars);
          out_puts (o, ")");
        }
      out_puts (o, "]");
      stmt_list (&f, "body", s->u.with.body, s->u.with.n_body);
      break;
    case LANG_STMT_RAISE:
      expr_field (&f, "exc", s->u.raise.exc);
      expr_field (&f, "cause", s->u.raise.cause);
      break;
    case LANG_STMT_TRY:
    case LANG_STMT_TRY_STAR:
      stmt_list (&f, "body", s->u.try_.body, s->u.try_.n_body);
      field (&f, "handlers");
      out_puts (o, "[");
      for (size_t i = 0; i < s->u.try_.n_handlers; i++)
        {
          const LangExceptHandler *h = s->u.try_.handlers[i];
          Fields g = { o, 0 };
          if (i)
            out_puts (o, ", ");
          out_puts (o, "ExceptHandler(");
          expr_field (&g, "type", h->type);
          ident_field (&g, "name", h->name);
          stmt_list (&g, "body", h->body, h->n_body);
          dump_attrs (&g, h->lineno, h->col_offset, h->end_lineno, h->end_col_offset);
          out_puts (o, ")");
        }
      out_puts (o, "]");
      stmt_list (&f, "orelse", s->u.try_.orelse, s->u.try_.n_orelse);
      stmt_list (&f, "finalbody", s->u.try_.finalbody, s->u.try_.n_finalbody);
      break;
    case LANG_STMT_ASSERT:
      expr_field (&f, "test", s->u.assert.test);
      expr_field (&f, "msg", s->u.assert.msg);
      break;
    case LANG_STMT_IMPORT:
      alias_list (&f, s->u.import.names, s->u.import.n_names);
      break;
    case LANG_STMT_IMPORT_FROM:
      ident_field (&f, "module", s->u.import_from.module);
      alias_list (&f, s->u.import_from.names, s->u.import_from.n_names);
      int_field (&f, "level", s->u.import_from.level);
      break;
    case LANG_STMT_GLOBAL:
    case LANG_STMT_NONLOCAL:
      field (&f, "names");
      out_puts (o, "[");
      for (size_t i = 0; i < s->u.global.n_names; i++)
        {
          if (i)
            out_puts (o, ", ");
          repr_str (o, s->u.global.names[i], strlen (s->u.global.names[i]));
        }
      out_puts (o, "]");
      break;
    case LANG_STMT_EXPR:
      expr_field (&f, "value", s->u.expr.value);
      break;
    case LANG_STMT_PASS:
    case LANG_STMT_BREAK:
    case LANG_STMT_CONTINUE:
      break;
    }
  dump_attrs (&f, s->lineno, s->col_offset, s->end_lineno, s->end_col_offset);
  out_puts (o, ")");
  o->depth--;
}

char *
lang_ast_dump (const LangModule *module, bool include_attributes)
{
  Out o = { 0 };
  o.attrs = include_attributes;
  Fields f = { &o, 0 };
  out_puts (&o, "Module(");
  stmt_list (&f, "body", module->body, module->n_body);
  field (&f, "type_ignores");
  out_puts (&o, "[])");
  if (o.oom)
    {
      free (o.data);
      return NULL;
    }
  return o.data;
}
