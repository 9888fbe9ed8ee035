/* compiler-expr.c: code generation for expressions, as CPython 3.11's
 * compile.c: conditions compiled to jumps, displays with their constant
 * and starred forms, calls (method calls, keywords, *args and **kwargs),
 * comprehensions and lambdas as nested functions, f-strings. */
#include "compiler-private.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/error.h"
#include "runtime/set.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#define VISIT(c, e) \
  do                \
    {               \
      if (!lang_c_visit_expr ((c), (e))) \
        return false; \
    }               \
  while (0)

#define ADDOP(c, op) \
  do                 \
    {                \
      if (!lang_c_addop ((c), (op), 0)) \
        return false; \
    }                \
  while (0)

#define ADDOP_I(c, op, arg) \
  do                        \
    {                       \
      if (!lang_c_addop ((c), (op), (arg))) \
        return false;       \
    }                       \
  while (0)

#define ADDOP_J(c, op, target) \
  do                           \
    {                          \
      if (!lang_c_addop_j ((c), (op), (target))) \
        return false;          \
    }                          \
  while (0)

#define ADDOP_J_NOLINE(c, op, target) \
  do                                  \
    {                                 \
      if (!lang_c_addop_j_noline ((c), (op), (target))) \
        return false;                 \
    }                                 \
  while (0)

#define NEW_BLOCK(c, b) \
  do                    \
    {                   \
      if (((b) = lang_c_new_block (c)) == NULL) \
        return false;   \
    }                   \
  while (0)

bool
lang_c_visit_exprs (LangCompiler *c, LangExpr **exprs, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!lang_c_visit_expr (c, exprs[i]))
      return false;
  return true;
}

static RtObject *
cached_identifier (LangCompiler *c, const char *name)
{
  RtObject *obj = lang_const_identifier (name);

  if (obj == NULL)
    {
      c->failed = true;
      return NULL;
    }
  obj = lang_const_cache_merge (&c->cache, obj);
  if (obj == NULL)
    c->failed = true;
  return obj;
}

static int
compare_op_arg (LangCmpOp op, int *opcode)
{
  switch (op)
    {
    case LANG_CMP_EQ:
      *opcode = LANG_OP_COMPARE_OP;
      return RT_EQ;
    case LANG_CMP_NOT_EQ:
      *opcode = LANG_OP_COMPARE_OP;
      return RT_NE;
    case LANG_CMP_LT:
      *opcode = LANG_OP_COMPARE_OP;
      return RT_LT;
    case LANG_CMP_LT_E:
      *opcode = LANG_OP_COMPARE_OP;
      return RT_LE;
    case LANG_CMP_GT:
      *opcode = LANG_OP_COMPARE_OP;
      return RT_GT;
    case LANG_CMP_GT_E:
      *opcode = LANG_OP_COMPARE_OP;
      return RT_GE;
    case LANG_CMP_IS:
      *opcode = LANG_OP_IS_OP;
      return 0;
    case LANG_CMP_IS_NOT:
      *opcode = LANG_OP_IS_OP;
      return 1;
    case LANG_CMP_IN:
      *opcode = LANG_OP_CONTAINS_OP;
      return 0;
    case LANG_CMP_NOT_IN:
      *opcode = LANG_OP_CONTAINS_OP;
      return 1;
    }
  *opcode = LANG_OP_COMPARE_OP;
  return RT_EQ;
}

static bool
addcompare (LangCompiler *c, LangCmpOp op)
{
  int opcode;
  int arg = compare_op_arg (op, &opcode);

  return lang_c_addop (c, opcode, arg);
}

/* Conditions */

/* Jumps to next if e's truth is cond, falls through otherwise. */
bool
lang_c_jump_if (LangCompiler *c, LangExpr *e, LangBlock *next, bool cond)
{
  switch (e->kind)
    {
    case LANG_EXPR_UNARY_OP:
      if (e->u.unary_op.op == LANG_UNARY_NOT)
        return lang_c_jump_if (c, e->u.unary_op.operand, next, !cond);
      break;
    case LANG_EXPR_BOOL_OP:
      {
        LangExpr **values = e->u.bool_op.values;
        size_t n = e->u.bool_op.n_values - 1;
        bool cond2 = e->u.bool_op.op == LANG_BOOLOP_OR;
        LangBlock *next2 = next;

        if (cond2 != cond)
          NEW_BLOCK (c, next2);
        for (size_t i = 0; i < n; i++)
          if (!lang_c_jump_if (c, values[i], next2, cond2))
            return false;
        if (!lang_c_jump_if (c, values[n], next, cond))
          return false;
        if (next2 != next)
          lang_c_use_next_block (c, next2);
        return true;
      }
    case LANG_EXPR_IF_EXP:
      {
        LangBlock *end, *next2;

        NEW_BLOCK (c, end);
        NEW_BLOCK (c, next2);
        if (!lang_c_jump_if (c, e->u.if_exp.test, next2, false)
            || !lang_c_jump_if (c, e->u.if_exp.body, next, cond))
          return false;
        ADDOP_J_NOLINE (c, LANG_OP_JUMP, end);
        lang_c_use_next_block (c, next2);
        if (!lang_c_jump_if (c, e->u.if_exp.orelse, next, cond))
          return false;
        lang_c_use_next_block (c, end);
        return true;
      }
    case LANG_EXPR_COMPARE:
      {
        size_t n = e->u.compare.n_ops - 1;
        LangBlock *cleanup, *end;

        LANG_C_SET_LOC (c, e);
        if (n == 0)
          break;
        NEW_BLOCK (c, cleanup);
        VISIT (c, e->u.compare.left);
        for (size_t i = 0; i < n; i++)
          {
            VISIT (c, e->u.compare.comparators[i]);
            ADDOP_I (c, LANG_OP_SWAP, 2);
            ADDOP_I (c, LANG_OP_COPY, 2);
            if (!addcompare (c, e->u.compare.ops[i]))
              return false;
            ADDOP_J (c, LANG_OP_POP_JUMP_IF_FALSE, cleanup);
          }
        VISIT (c, e->u.compare.comparators[n]);
        if (!addcompare (c, e->u.compare.ops[n]))
          return false;
        ADDOP_J (c, cond ? LANG_OP_POP_JUMP_IF_TRUE : LANG_OP_POP_JUMP_IF_FALSE, next);
        NEW_BLOCK (c, end);
        ADDOP_J_NOLINE (c, LANG_OP_JUMP, end);
        lang_c_use_next_block (c, cleanup);
        ADDOP (c, LANG_OP_POP_TOP);
        if (!cond)
          ADDOP_J_NOLINE (c, LANG_OP_JUMP, next);
        lang_c_use_next_block (c, end);
        return true;
      }
    default:
      break;
    }
  VISIT (c, e);
  ADDOP_J (c, cond ? LANG_OP_POP_JUMP_IF_TRUE : LANG_OP_POP_JUMP_IF_FALSE, next);
  return true;
}

static bool
compile_ifexp (LangCompiler *c, LangExpr *e)
{
  LangBlock *end, *next;

  NEW_BLOCK (c, end);
  NEW_BLOCK (c, next);
  if (!lang_c_jump_if (c, e->u.if_exp.test, next, false))
    return false;
  VISIT (c, e->u.if_exp.body);
  ADDOP_J_NOLINE (c, LANG_OP_JUMP, end);
  lang_c_use_next_block (c, next);
  VISIT (c, e->u.if_exp.orelse);
  lang_c_use_next_block (c, end);
  return true;
}

static bool
compile_boolop (LangCompiler *c, LangExpr *e)
{
  int jump = e->u.bool_op.op == LANG_BOOLOP_AND ? LANG_OP_JUMP_IF_FALSE_OR_POP
                                                 : LANG_OP_JUMP_IF_TRUE_OR_POP;
  LangExpr **values = e->u.bool_op.values;
  size_t n = e->u.bool_op.n_values - 1;
  LangBlock *end;

  NEW_BLOCK (c, end);
  for (size_t i = 0; i < n; i++)
    {
      LangBlock *next;

      VISIT (c, values[i]);
      ADDOP_J (c, jump, end);
      NEW_BLOCK (c, next);
      lang_c_use_next_block (c, next);
    }
  VISIT (c, values[n]);
  lang_c_use_next_block (c, end);
  return true;
}

static bool
compile_compare (LangCompiler *c, LangExpr *e)
{
  size_t n = e->u.compare.n_ops - 1;
  LangBlock *cleanup, *end;

  VISIT (c, e->u.compare.left);
  if (n == 0)
    {
      VISIT (c, e->u.compare.comparators[0]);
      return addcompare (c, e->u.compare.ops[0]);
    }
  /* a < b < c: keep b for the next comparison, stop at the first false. */
  NEW_BLOCK (c, cleanup);
  for (size_t i = 0; i < n; i++)
    {
      VISIT (c, e->u.compare.comparators[i]);
      ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP_I (c, LANG_OP_COPY, 2);
      if (!addcompare (c, e->u.compare.ops[i]))
        return false;
      ADDOP_J (c, LANG_OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
  VISIT (c, e->u.compare.comparators[n]);
  if (!addcompare (c, e->u.compare.ops[n]))
    return false;
  NEW_BLOCK (c, end);
  ADDOP_J_NOLINE (c, LANG_OP_JUMP, end);
  lang_c_use_next_block (c, cleanup);
  ADDOP_I (c, LANG_OP_SWAP, 2);
  ADDOP (c, LANG_OP_POP_TOP);
  lang_c_use_next_block (c, end);
  return true;
}

/* Displays */

static bool
are_all_items_const (LangExpr **seq, size_t begin, size_t end)
{
  for (size_t i = begin; i < end; i++)
    if (seq[i] == NULL || seq[i]->kind != LANG_EXPR_CONSTANT)
      return false;
  return true;
}

static RtObject *
const_tuple_of (LangCompiler *c, LangExpr **elts, size_t begin, size_t end)
{
  RtObject *t = rt_tuple_new ((int64_t) (end - begin));

  if (t == NULL)
    {
      c->failed = true;
      return NULL;
    }
  for (size_t i = begin; i < end; i++)
    rt_tuple_init_item (t, (int64_t) (i - begin), rt_newref (lang_c_const (c, elts[i])));
  return t;
}

/* Builds a list, set or tuple from elements that may be starred, after
 * `pushed` items already on the stack, as starunpack_helper. */
static bool
starunpack_helper (LangCompiler *c, LangExpr **elts, size_t n, int pushed, int build, int add,
                   int extend, bool tuple)
{
  bool big = n + (size_t) pushed > LANG_STACK_USE_GUIDELINE;
  bool seen_star = false, built = false;

  if (n > 2 && are_all_items_const (elts, 0, n))
    {
      RtObject *folded = const_tuple_of (c, elts, 0, n);

      if (folded == NULL)
        return false;
      if (tuple && pushed == 0)
        return lang_c_load_const_new (c, folded);
      if (add == LANG_OP_SET_ADD)
        {
          RtObject *set = rt_call ((RtObject *) &rt_frozenset_type, &folded, 1, NULL);

          rt_decref (folded);
          if (set == NULL)
            {
              c->failed = true;
              return false;
            }
          folded = set;
        }
      ADDOP_I (c, build, pushed);
      if (!lang_c_load_const_new (c, folded))
        return false;
      ADDOP_I (c, extend, 1);
      if (tuple)
        ADDOP (c, LANG_OP_LIST_TO_TUPLE);
      return true;
    }
  for (size_t i = 0; i < n; i++)
    if (elts[i]->kind == LANG_EXPR_STARRED)
      seen_star = true;
  if (!seen_star && !big)
    {
      if (!lang_c_visit_exprs (c, elts, n))
        return false;
      ADDOP_I (c, tuple ? LANG_OP_BUILD_TUPLE : build, (int) n + pushed);
      return true;
    }
  if (big)
    {
      ADDOP_I (c, build, pushed);
      built = true;
    }
  for (size_t i = 0; i < n; i++)
    {
      LangExpr *elt = elts[i];

      if (elt->kind == LANG_EXPR_STARRED)
        {
          if (!built)
            {
              ADDOP_I (c, build, (int) i + pushed);
              built = true;
            }
          VISIT (c, elt->u.starred.value);
          ADDOP_I (c, extend, 1);
        }
      else
        {
          VISIT (c, elt);
          if (built)
            ADDOP_I (c, add, 1);
        }
    }
  if (tuple)
    ADDOP (c, LANG_OP_LIST_TO_TUPLE);
  return true;
}

static bool
assignment_helper (LangCompiler *c, LangExpr **elts, size_t n)
{
  bool seen_star = false;

  for (size_t i = 0; i < n; i++)
    {
      LangExpr *elt = elts[i];

      if (elt->kind == LANG_EXPR_STARRED && !seen_star)
        {
          if (i >= (1u << 8) || n - i - 1 >= (1u << 15))
            return lang_c_error (c, "too many expressions in star-unpacking assignment");
          ADDOP_I (c, LANG_OP_UNPACK_EX, (int) (i + ((n - i - 1) << 8)));
          seen_star = true;
        }
      else if (elt->kind == LANG_EXPR_STARRED)
        return lang_c_error (c, "multiple starred expressions in assignment");
    }
  if (!seen_star)
    ADDOP_I (c, LANG_OP_UNPACK_SEQUENCE, (int) n);
  for (size_t i = 0; i < n; i++)
    VISIT (c, elts[i]->kind != LANG_EXPR_STARRED ? elts[i] : elts[i]->u.starred.value);
  return true;
}

static bool
compile_sequence (LangCompiler *c, LangExpr *e, bool tuple)
{
  LangExpr **elts = e->u.seq.elts;
  size_t n = e->u.seq.n_elts;

  switch (e->u.seq.ctx)
    {
    case LANG_CTX_STORE:
      return assignment_helper (c, elts, n);
    case LANG_CTX_LOAD:
      return starunpack_helper (c, elts, n, 0, LANG_OP_BUILD_LIST, LANG_OP_LIST_APPEND,
                                LANG_OP_LIST_EXTEND, tuple);
    case LANG_CTX_DEL:
      return lang_c_visit_exprs (c, elts, n);
    }
  return true;
}

/* Items [begin, end) of a dict display, none of them **: as one
 * BUILD_CONST_KEY_MAP when the keys are constants. */
static bool
compile_subdict (LangCompiler *c, LangExpr *e, size_t begin, size_t end)
{
  size_t n = end - begin;
  bool big = n * 2 > LANG_STACK_USE_GUIDELINE;

  if (n > 1 && !big && are_all_items_const (e->u.dict.keys, begin, end))
    {
      RtObject *keys;

      for (size_t i = begin; i < end; i++)
        VISIT (c, e->u.dict.values[i]);
      keys = const_tuple_of (c, e->u.dict.keys, begin, end);
      if (keys == NULL || !lang_c_load_const_new (c, keys))
        return false;
      ADDOP_I (c, LANG_OP_BUILD_CONST_KEY_MAP, (int) n);
      return true;
    }
  if (big)
    ADDOP_I (c, LANG_OP_BUILD_MAP, 0);
  for (size_t i = begin; i < end; i++)
    {
      VISIT (c, e->u.dict.keys[i]);
      VISIT (c, e->u.dict.values[i]);
      if (big)
        ADDOP_I (c, LANG_OP_MAP_ADD, 1);
    }
  if (!big)
    ADDOP_I (c, LANG_OP_BUILD_MAP, (int) n);
  return true;
}

static bool
compile_dict (LangCompiler *c, LangExpr *e)
{
  size_t n = e->u.dict.n_values, elements = 0;
  bool have_dict = false;

  for (size_t i = 0; i < n; i++)
    {
      if (e->u.dict.keys[i] == NULL)
        {
          /* {**m} */
          if (elements)
            {
              if (!compile_subdict (c, e, i - elements, i))
                return false;
              if (have_dict)
                ADDOP_I (c, LANG_OP_DICT_UPDATE, 1);
              have_dict = true;
              elements = 0;
            }
          if (!have_dict)
            {
              ADDOP_I (c, LANG_OP_BUILD_MAP, 0);
              have_dict = true;
            }
          VISIT (c, e->u.dict.values[i]);
          ADDOP_I (c, LANG_OP_DICT_UPDATE, 1);
        }
      else if (elements * 2 > LANG_STACK_USE_GUIDELINE)
        {
          if (!compile_subdict (c, e, i - elements, i + 1))
            return false;
          if (have_dict)
            ADDOP_I (c, LANG_OP_DICT_UPDATE, 1);
          have_dict = true;
          elements = 0;
        }
      else
        elements++;
    }
  if (elements)
    {
      if (!compile_subdict (c, e, n - elements, n))
        return false;
      if (have_dict)
        ADDOP_I (c, LANG_OP_DICT_UPDATE, 1);
      have_dict = true;
    }
  if (!have_dict)
    ADDOP_I (c, LANG_OP_BUILD_MAP, 0);
  return true;
}

/* Calls */

bool
lang_c_validate_keywords (LangCompiler *c, LangKeyword **keywords, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      LangKeyword *key = keywords[i];

      if (key->arg == NULL)
        continue;
      if (lang_c_forbidden_name (c, key->arg, LANG_CTX_STORE))
        return false;
      for (size_t j = i + 1; j < n; j++)
        {
          LangKeyword *other = keywords[j];

          if (other->arg != NULL && strcmp (key->arg, other->arg) == 0)
            {
              LANG_C_SET_LOC (c, other);
              return lang_c_error (c, "keyword argument repeated: %s", key->arg);
            }
        }
    }
  return true;
}

/* Keyword arguments for CALL: the values are pushed; KW_NAMES names them. */
static bool
call_simple_kw_helper (LangCompiler *c, LangKeyword **keywords, size_t n)
{
  RtObject *names = rt_tuple_new ((int64_t) n);
  int i;

  if (names == NULL)
    {
      c->failed = true;
      return false;
    }
  for (size_t k = 0; k < n; k++)
    {
      RtObject *name = cached_identifier (c, keywords[k]->arg);

      if (name == NULL)
        {
          rt_decref (names);
          return false;
        }
      rt_tuple_init_item (names, (int64_t) k, rt_newref (name));
    }
  i = lang_c_add_const (c, names);
  rt_decref (names);
  return i >= 0 && lang_c_addop (c, LANG_OP_KW_NAMES, i);
}

/* Keywords [begin, end), none of them **, as one dict. */
static bool
compile_subkwargs (LangCompiler *c, LangKeyword **keywords, size_t begin, size_t end)
{
  size_t n = end - begin;
  bool big = n * 2 > LANG_STACK_USE_GUIDELINE;

  if (n > 1 && !big)
    {
      RtObject *keys;

      for (size_t i = begin; i < end; i++)
        VISIT (c, keywords[i]->value);
      keys = rt_tuple_new ((int64_t) n);
      if (keys == NULL)
        {
          c->failed = true;
          return false;
        }
      for (size_t i = begin; i < end; i++)
        {
          RtObject *key = cached_identifier (c, keywords[i]->arg);

          if (key == NULL)
            {
              rt_decref (keys);
              return false;
            }
          rt_tuple_init_item (keys, (int64_t) (i - begin), rt_newref (key));
        }
      if (!lang_c_load_const_new (c, keys))
        return false;
      ADDOP_I (c, LANG_OP_BUILD_CONST_KEY_MAP, (int) n);
      return true;
    }
  if (big && !lang_c_addop_noline (c, LANG_OP_BUILD_MAP, 0))
    return false;
  for (size_t i = begin; i < end; i++)
    {
      if (!lang_c_load_const (c, cached_identifier (c, keywords[i]->arg)))
        return false;
      VISIT (c, keywords[i]->value);
      if (big && !lang_c_addop_noline (c, LANG_OP_MAP_ADD, 1))
        return false;
    }
  if (!big)
    ADDOP_I (c, LANG_OP_BUILD_MAP, (int) n);
  return true;
}

/* The arguments and the call, after the callable and n more items
 * (__build_class__'s function and name) are pushed. */
bool
lang_c_call_helper (LangCompiler *c, int n, LangExpr **args, size_t n_args,
                    LangKeyword **keywords, size_t n_keywords)
{
  bool ex_call = n_args + n_keywords * 2 > LANG_STACK_USE_GUIDELINE;

  if (!lang_c_validate_keywords (c, keywords, n_keywords))
    return false;
  for (size_t i = 0; !ex_call && i < n_args; i++)
    if (args[i]->kind == LANG_EXPR_STARRED)
      ex_call = true;
  for (size_t i = 0; !ex_call && i < n_keywords; i++)
    if (keywords[i]->arg == NULL)
      ex_call = true;

  if (!ex_call)
    {
      int total = n + (int) n_args + (int) n_keywords;

      if (!lang_c_visit_exprs (c, args, n_args))
        return false;
      if (n_keywords > 0)
        {
          for (size_t i = 0; i < n_keywords; i++)
            VISIT (c, keywords[i]->value);
          if (!call_simple_kw_helper (c, keywords, n_keywords))
            return false;
        }
      ADDOP_I (c, LANG_PSEUDO_PRECALL, total);
      ADDOP_I (c, LANG_OP_CALL, total);
      return true;
    }

  /* f(*args, **kwargs): a tuple and a dict, then CALL_FUNCTION_EX. */
  if (n == 0 && n_args == 1 && args[0]->kind == LANG_EXPR_STARRED)
    VISIT (c, args[0]->u.starred.value);
  else if (!starunpack_helper (c, args, n_args, n, LANG_OP_BUILD_LIST, LANG_OP_LIST_APPEND,
                               LANG_OP_LIST_EXTEND, true))
    return false;
  if (n_keywords > 0)
    {
      bool have_dict = false;
      size_t nseen = 0;

      for (size_t i = 0; i < n_keywords; i++)
        {
          LangKeyword *kw = keywords[i];

          if (kw->arg == NULL)
            {
              if (nseen)
                {
                  if (!compile_subkwargs (c, keywords, i - nseen, i))
                    return false;
                  if (have_dict)
                    ADDOP_I (c, LANG_OP_DICT_MERGE, 1);
                  have_dict = true;
                  nseen = 0;
                }
              if (!have_dict)
                {
                  ADDOP_I (c, LANG_OP_BUILD_MAP, 0);
                  have_dict = true;
                }
              VISIT (c, kw->value);
              ADDOP_I (c, LANG_OP_DICT_MERGE, 1);
            }
          else
            nseen++;
        }
      if (nseen)
        {
          if (!compile_subkwargs (c, keywords, n_keywords - nseen, n_keywords))
            return false;
          if (have_dict)
            ADDOP_I (c, LANG_OP_DICT_MERGE, 1);
        }
    }
  ADDOP_I (c, LANG_OP_CALL_FUNCTION_EX, n_keywords > 0);
  return true;
}

/* Whether e names a module imported at module level: CPython calls its
 * functions through LOAD_ATTR, not LOAD_METHOD. */
static bool
is_import_originated (LangCompiler *c, LangExpr *e)
{
  const char *name;
  const LangSymbol *sym;

  if (e->kind != LANG_EXPR_NAME)
    return false;
  name = lang_c_pool (c, e->u.name.id);
  sym = name ? lang_symtable_entry_get (lang_symtable_top (c->st), name) : NULL;
  return sym != NULL && (sym->flags & LANG_DEF_IMPORT);
}

static size_t
utf8_length (const char *s)
{
  size_t n = 0;

  for (; *s; s++)
    if (((unsigned char) *s & 0xc0) != 0x80)
      n++;
  return n;
}

/* If an attribute access spans lines, its instructions start at the
 * attribute name. */
static void
update_start_location_to_match_attr (LangCompiler *c, LangExpr *attr)
{
  LangPosition *loc = &c->u->loc;

  if (loc->lineno != attr->end_lineno)
    {
      int len = (int) utf8_length (attr->u.attribute.attr);

      loc->lineno = attr->end_lineno;
      if (len <= attr->end_col_offset)
        loc->col = attr->end_col_offset - len;
      else
        {
          loc->col = -1;
          loc->end_col = -1;
        }
      if (loc->end_lineno < loc->lineno)
        loc->end_lineno = loc->lineno;
      if (loc->lineno == loc->end_lineno && loc->end_col < loc->col)
        loc->end_col = loc->col;
    }
}

/* obj.name(args) as LOAD_METHOD and CALL: 1 done, 0 not applicable, -1
 * error. */
static int
maybe_optimize_method_call (LangCompiler *c, LangExpr *e)
{
  LangExpr *meth = e->u.call.func;
  size_t argsl = e->u.call.n_args, kwdsl = e->u.call.n_keywords;

  if (meth->kind != LANG_EXPR_ATTRIBUTE || meth->u.attribute.ctx != LANG_CTX_LOAD)
    return 0;
  if (is_import_originated (c, meth->u.attribute.value))
    return 0;
  if (argsl + kwdsl + (kwdsl != 0) >= LANG_STACK_USE_GUIDELINE)
    return 0;
  for (size_t i = 0; i < argsl; i++)
    if (e->u.call.args[i]->kind == LANG_EXPR_STARRED)
      return 0;
  for (size_t i = 0; i < kwdsl; i++)
    if (e->u.call.keywords[i]->arg == NULL)
      return 0;

  if (!lang_c_visit_expr (c, meth->u.attribute.value))
    return -1;
  LANG_C_SET_LOC (c, meth);
  update_start_location_to_match_attr (c, meth);
  if (!lang_c_addop_name (c, LANG_OP_LOAD_METHOD, meth->u.attribute.attr)
      || !lang_c_visit_exprs (c, e->u.call.args, argsl))
    return -1;
  if (kwdsl)
    {
      for (size_t i = 0; i < kwdsl; i++)
        if (!lang_c_visit_expr (c, e->u.call.keywords[i]->value))
          return -1;
      if (!call_simple_kw_helper (c, e->u.call.keywords, kwdsl))
        return -1;
    }
  LANG_C_SET_LOC (c, e);
  update_start_location_to_match_attr (c, meth);
  if (!lang_c_addop (c, LANG_PSEUDO_PRECALL, (int) (argsl + kwdsl))
      || !lang_c_addop (c, LANG_OP_CALL, (int) (argsl + kwdsl)))
    return -1;
  return 1;
}

static bool
compile_call (LangCompiler *c, LangExpr *e)
{
  int r;

  if (!lang_c_validate_keywords (c, e->u.call.keywords, e->u.call.n_keywords))
    return false;
  r = maybe_optimize_method_call (c, e);
  if (r != 0)
    return r > 0;
  LANG_C_SET_LOC (c, e->u.call.func);
  ADDOP (c, LANG_OP_PUSH_NULL);
  LANG_C_SET_LOC (c, e);
  VISIT (c, e->u.call.func);
  return lang_c_call_helper (c, 0, e->u.call.args, e->u.call.n_args, e->u.call.keywords,
                             e->u.call.n_keywords);
}

/* f-strings */

static bool
compile_joined_str (LangCompiler *c, LangExpr *e)
{
  size_t n = e->u.joined_str.n_values;

  if (n > LANG_STACK_USE_GUIDELINE)
    {
      /* ''.join([...]) */
      const char *join = lang_c_pool (c, "join");
      int i;

      if (join == NULL || !lang_c_load_const (c, cached_identifier (c, "")))
        return false;
      i = lang_c_add_name (c, &c->u->names, join);
      if (i < 0)
        return false;
      ADDOP_I (c, LANG_OP_LOAD_METHOD, i);
      ADDOP_I (c, LANG_OP_BUILD_LIST, 0);
      for (size_t k = 0; k < n; k++)
        {
          VISIT (c, e->u.joined_str.values[k]);
          ADDOP_I (c, LANG_OP_LIST_APPEND, 1);
        }
      ADDOP_I (c, LANG_PSEUDO_PRECALL, 1);
      ADDOP_I (c, LANG_OP_CALL, 1);
      return true;
    }
  if (!lang_c_visit_exprs (c, e->u.joined_str.values, n))
    return false;
  if (n != 1)
    ADDOP_I (c, LANG_OP_BUILD_STRING, (int) n);
  return true;
}

static bool
compile_formatted_value (LangCompiler *c, LangExpr *e)
{
  int oparg;

  VISIT (c, e->u.formatted_value.value);
  switch (e->u.formatted_value.conversion)
    {
    case 's':
      oparg = 1;
      break;
    case 'r':
      oparg = 2;
      break;
    case 'a':
      oparg = 3;
      break;
    default:
      oparg = 0;
      break;
    }
  if (e->u.formatted_value.format_spec != NULL)
    {
      VISIT (c, e->u.formatted_value.format_spec);
      oparg |= 4;
    }
  ADDOP_I (c, LANG_OP_FORMAT_VALUE, oparg);
  return true;
}

/* Lambdas and comprehensions */

static bool
finish_nested (LangCompiler *c, bool add_none, int flags)
{
  LangCode *co = lang_c_assemble (c, add_none);
  bool ok;

  if (co == NULL)
    return false;
  lang_c_exit_scope (c);
  ok = lang_c_make_closure (c, co, flags);
  rt_decref (&co->ob);
  return ok;
}

static bool
compile_lambda (LangCompiler *c, LangExpr *e)
{
  LangArguments *args = e->u.lambda.args;
  int flags;

  if (!lang_c_check_debug_args (c, args))
    return false;
  flags = lang_c_default_arguments (c, args);
  if (flags < 0)
    return false;
  if (!lang_c_enter_scope (c, "<lambda>", LANG_UNIT_LAMBDA, e, e->lineno))
    return false;
  /* None first, so a lambda never has a docstring. */
  if (lang_c_add_const (c, RT_NONE) < 0)
    return false;
  c->u->argcount = (int) args->n_args;
  c->u->posonlyargcount = (int) args->n_posonlyargs;
  c->u->kwonlyargcount = (int) args->n_kwonlyargs;
  VISIT (c, e->u.lambda.body);
  ADDOP (c, LANG_OP_RETURN_VALUE);
  return finish_nested (c, true, flags);
}

typedef enum
{
  COMP_LIST,
  COMP_SET,
  COMP_DICT,
} CompType;

static bool comprehension_generator (LangCompiler *c, LangComprehension **gens, size_t n_gens,
                                     size_t gen_index, int depth, LangExpr *elt, LangExpr *val,
                                     CompType type);

static bool
comprehension_generator (LangCompiler *c, LangComprehension **gens, size_t n_gens,
                         size_t gen_index, int depth, LangExpr *elt, LangExpr *val,
                         CompType type)
{
  LangComprehension *gen = gens[gen_index];
  LangBlock *start, *if_cleanup, *anchor;

  NEW_BLOCK (c, start);
  NEW_BLOCK (c, if_cleanup);
  NEW_BLOCK (c, anchor);
  if (gen->is_async)
    return lang_c_error (c, "asynchronous comprehensions are not supported");
  if (gen_index == 0)
    {
      /* The outermost iterator is the argument .0 */
      c->u->argcount = 1;
      ADDOP_I (c, LANG_OP_LOAD_FAST, 0);
    }
  else
    {
      /* `for y in [f(x)]` binds without a loop. */
      LangExpr **elts = NULL;
      size_t n_elts = 0;

      if (gen->iter->kind == LANG_EXPR_LIST || gen->iter->kind == LANG_EXPR_TUPLE)
        {
          elts = gen->iter->u.seq.elts;
          n_elts = gen->iter->u.seq.n_elts;
        }
      if (n_elts == 1 && elts[0]->kind != LANG_EXPR_STARRED)
        {
          VISIT (c, elts[0]);
          start = NULL;
        }
      if (start != NULL)
        {
          VISIT (c, gen->iter);
          ADDOP (c, LANG_OP_GET_ITER);
        }
    }
  if (start != NULL)
    {
      depth++;
      lang_c_use_next_block (c, start);
      ADDOP_J (c, LANG_OP_FOR_ITER, anchor);
    }
  VISIT (c, gen->target);
  for (size_t i = 0; i < gen->n_ifs; i++)
    if (!lang_c_jump_if (c, gen->ifs[i], if_cleanup, false))
      return false;
  if (++gen_index < n_gens)
    {
      if (!comprehension_generator (c, gens, n_gens, gen_index, depth, elt, val, type))
        return false;
    }
  else
    {
      /* After the innermost loop: add the element. */
      switch (type)
        {
        case COMP_LIST:
          VISIT (c, elt);
          ADDOP_I (c, LANG_OP_LIST_APPEND, depth + 1);
          break;
        case COMP_SET:
          VISIT (c, elt);
          ADDOP_I (c, LANG_OP_SET_ADD, depth + 1);
          break;
        case COMP_DICT:
          /* {k: v}: k is evaluated first. */
          VISIT (c, elt);
          VISIT (c, val);
          ADDOP_I (c, LANG_OP_MAP_ADD, depth + 1);
          break;
        }
    }
  lang_c_use_next_block (c, if_cleanup);
  if (start != NULL)
    {
      ADDOP_J (c, LANG_OP_JUMP, start);
      lang_c_use_next_block (c, anchor);
    }
  return true;
}

static bool
compile_comprehension (LangCompiler *c, LangExpr *e, CompType type, const char *name,
                       LangComprehension **gens, size_t n_gens, LangExpr *elt, LangExpr *val)
{
  static const int build[] = { LANG_OP_BUILD_LIST, LANG_OP_BUILD_SET, LANG_OP_BUILD_MAP };
  LangComprehension *outermost = gens[0];

  if (!lang_c_enter_scope (c, name, LANG_UNIT_COMPREHENSION, e, e->lineno))
    return false;
  LANG_C_SET_LOC (c, e);
  ADDOP_I (c, build[type], 0);
  if (!comprehension_generator (c, gens, n_gens, 0, 0, elt, val, type))
    return false;
  ADDOP (c, LANG_OP_RETURN_VALUE);
  if (!finish_nested (c, true, 0))
    return false;
  /* Called at once with the outermost iterator. */
  VISIT (c, outermost->iter);
  ADDOP (c, LANG_OP_GET_ITER);
  ADDOP_I (c, LANG_PSEUDO_PRECALL, 0);
  ADDOP_I (c, LANG_OP_CALL, 0);
  return true;
}

/* Expressions */

static bool
compile_attribute (LangCompiler *c, LangExpr *e)
{
  VISIT (c, e->u.attribute.value);
  update_start_location_to_match_attr (c, e);
  switch (e->u.attribute.ctx)
    {
    case LANG_CTX_LOAD:
      return lang_c_addop_name (c, LANG_OP_LOAD_ATTR, e->u.attribute.attr);
    case LANG_CTX_STORE:
      if (lang_c_forbidden_name (c, e->u.attribute.attr, LANG_CTX_STORE))
        return false;
      return lang_c_addop_name (c, LANG_OP_STORE_ATTR, e->u.attribute.attr);
    case LANG_CTX_DEL:
      return lang_c_addop_name (c, LANG_OP_DELETE_ATTR, e->u.attribute.attr);
    }
  return true;
}

static bool
compile_subscript (LangCompiler *c, LangExpr *e)
{
  int op = e->u.subscript.ctx == LANG_CTX_LOAD    ? LANG_OP_BINARY_SUBSCR
           : e->u.subscript.ctx == LANG_CTX_STORE ? LANG_OP_STORE_SUBSCR
                                                  : LANG_OP_DELETE_SUBSCR;

  VISIT (c, e->u.subscript.value);
  VISIT (c, e->u.subscript.slice);
  ADDOP (c, op);
  return true;
}

static bool
compile_slice (LangCompiler *c, LangExpr *e)
{
  int n = 2;

  if (e->u.slice.lower != NULL)
    VISIT (c, e->u.slice.lower);
  else if (!lang_c_load_const (c, RT_NONE))
    return false;
  if (e->u.slice.upper != NULL)
    VISIT (c, e->u.slice.upper);
  else if (!lang_c_load_const (c, RT_NONE))
    return false;
  if (e->u.slice.step != NULL)
    {
      n++;
      VISIT (c, e->u.slice.step);
    }
  ADDOP_I (c, LANG_OP_BUILD_SLICE, n);
  return true;
}

static int
unary_opcode (LangUnaryOp op)
{
  switch (op)
    {
    case LANG_UNARY_INVERT:
      return LANG_OP_UNARY_INVERT;
    case LANG_UNARY_NOT:
      return LANG_OP_UNARY_NOT;
    case LANG_UNARY_UADD:
      return LANG_OP_UNARY_POSITIVE;
    case LANG_UNARY_USUB:
      return LANG_OP_UNARY_NEGATIVE;
    }
  return LANG_OP_NOP;
}

static bool
visit_expr_inner (LangCompiler *c, LangExpr *e)
{
  switch (e->kind)
    {
    case LANG_EXPR_NAMED_EXPR:
      VISIT (c, e->u.named_expr.value);
      ADDOP_I (c, LANG_OP_COPY, 1);
      VISIT (c, e->u.named_expr.target);
      return true;
    case LANG_EXPR_BOOL_OP:
      return compile_boolop (c, e);
    case LANG_EXPR_BIN_OP:
      VISIT (c, e->u.bin_op.left);
      VISIT (c, e->u.bin_op.right);
      ADDOP_I (c, LANG_OP_BINARY_OP, (int) lang_binary_op_of (e->u.bin_op.op, false));
      return true;
    case LANG_EXPR_UNARY_OP:
      VISIT (c, e->u.unary_op.operand);
      ADDOP (c, unary_opcode (e->u.unary_op.op));
      return true;
    case LANG_EXPR_LAMBDA:
      return compile_lambda (c, e);
    case LANG_EXPR_IF_EXP:
      return compile_ifexp (c, e);
    case LANG_EXPR_DICT:
      return compile_dict (c, e);
    case LANG_EXPR_SET:
      return starunpack_helper (c, e->u.set.elts, e->u.set.n_elts, 0, LANG_OP_BUILD_SET,
                                LANG_OP_SET_ADD, LANG_OP_SET_UPDATE, false);
    case LANG_EXPR_GENERATOR_EXP:
      return lang_c_error (c, "generator expressions are not supported");
    case LANG_EXPR_LIST_COMP:
      return compile_comprehension (c, e, COMP_LIST, "<listcomp>", e->u.comp.generators,
                                    e->u.comp.n_generators, e->u.comp.elt, NULL);
    case LANG_EXPR_SET_COMP:
      return compile_comprehension (c, e, COMP_SET, "<setcomp>", e->u.comp.generators,
                                    e->u.comp.n_generators, e->u.comp.elt, NULL);
    case LANG_EXPR_DICT_COMP:
      return compile_comprehension (c, e, COMP_DICT, "<dictcomp>", e->u.dict_comp.generators,
                                    e->u.dict_comp.n_generators, e->u.dict_comp.key,
                                    e->u.dict_comp.value);
    case LANG_EXPR_YIELD:
    case LANG_EXPR_YIELD_FROM:
      if (c->u->ste->type != LANG_BLOCK_FUNCTION)
        return lang_c_error (c, "'yield' outside function");
      return lang_c_error (c, "generators are not supported");
    case LANG_EXPR_AWAIT:
      if (c->u->ste->type != LANG_BLOCK_FUNCTION)
        return lang_c_error (c, "'await' outside function");
      if (c->u->type != LANG_UNIT_COMPREHENSION)
        return lang_c_error (c, "'await' outside async function");
      return lang_c_error (c, "'await' is not supported");
    case LANG_EXPR_COMPARE:
      return compile_compare (c, e);
    case LANG_EXPR_CALL:
      return compile_call (c, e);
    case LANG_EXPR_CONSTANT:
      return lang_c_load_const (c, lang_c_const (c, e));
    case LANG_EXPR_JOINED_STR:
      return compile_joined_str (c, e);
    case LANG_EXPR_FORMATTED_VALUE:
      return compile_formatted_value (c, e);
    case LANG_EXPR_ATTRIBUTE:
      return compile_attribute (c, e);
    case LANG_EXPR_SUBSCRIPT:
      return compile_subscript (c, e);
    case LANG_EXPR_STARRED:
      if (e->u.starred.ctx == LANG_CTX_STORE)
        return lang_c_error (c, "starred assignment target must be in a list or tuple");
      return lang_c_error (c, "can't use starred expression here");
    case LANG_EXPR_SLICE:
      return compile_slice (c, e);
    case LANG_EXPR_NAME:
      return lang_c_nameop (c, e->u.name.id, e->u.name.ctx);
    case LANG_EXPR_LIST:
      return compile_sequence (c, e, false);
    case LANG_EXPR_TUPLE:
      return compile_sequence (c, e, true);
    }
  return true;
}

bool
lang_c_visit_expr (LangCompiler *c, LangExpr *e)
{
  LangPosition saved = c->u->loc;
  bool ok;

  LANG_C_SET_LOC (c, e);
  ok = visit_expr_inner (c, e);
  /* On failure the unit may be another one already. */
  if (ok)
    c->u->loc = saved;
  return ok;
}
