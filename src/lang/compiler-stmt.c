/* compiler-stmt.c: code generation for statements, instruction for
 * instruction what CPython 3.11's compile.c emits: definitions, loops and
 * their unwinding, try/except/finally with zero-cost handlers, imports,
 * assignments. */
#include "compiler-private.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/error.h"
#include "runtime/int.h"
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
lang_c_visit_stmts (LangCompiler *c, LangStmt **body, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!lang_c_visit_stmt (c, body[i]))
      return false;
  return true;
}

/* Whether a body assigns with an annotation anywhere but in nested
 * definitions, as find_ann. */
static bool
find_ann (LangStmt **stmts, size_t n)
{
  for (size_t i = 0; i < n; i++)
    {
      LangStmt *st = stmts[i];

      switch (st->kind)
        {
        case LANG_STMT_ANN_ASSIGN:
          return true;
        case LANG_STMT_FOR:
        case LANG_STMT_ASYNC_FOR:
          if (find_ann (st->u.for_.body, st->u.for_.n_body)
              || find_ann (st->u.for_.orelse, st->u.for_.n_orelse))
            return true;
          break;
        case LANG_STMT_WHILE:
          if (find_ann (st->u.while_.body, st->u.while_.n_body)
              || find_ann (st->u.while_.orelse, st->u.while_.n_orelse))
            return true;
          break;
        case LANG_STMT_IF:
          if (find_ann (st->u.if_.body, st->u.if_.n_body)
              || find_ann (st->u.if_.orelse, st->u.if_.n_orelse))
            return true;
          break;
        case LANG_STMT_WITH:
        case LANG_STMT_ASYNC_WITH:
          if (find_ann (st->u.with.body, st->u.with.n_body))
            return true;
          break;
        case LANG_STMT_TRY:
        case LANG_STMT_TRY_STAR:
          for (size_t j = 0; j < st->u.try_.n_handlers; j++)
            if (find_ann (st->u.try_.handlers[j]->body, st->u.try_.handlers[j]->n_body))
              return true;
          if (find_ann (st->u.try_.body, st->u.try_.n_body)
              || find_ann (st->u.try_.finalbody, st->u.try_.n_finalbody)
              || find_ann (st->u.try_.orelse, st->u.try_.n_orelse))
            return true;
          break;
        default:
          break;
        }
    }
  return false;
}

/* The docstring of a body: its first statement, if a str constant. */
static RtObject *
docstring_of (LangCompiler *c, LangStmt **body, size_t n)
{
  RtObject *v;

  if (n == 0 || body[0]->kind != LANG_STMT_EXPR)
    return NULL;
  v = lang_c_const (c, body[0]->u.expr.value);
  return v != NULL && RT_TYPE (v) == &rt_str_type ? v : NULL;
}

/* A module's or class's body: annotations, the docstring as __doc__,
 * the statements. */
bool
lang_c_body (LangCompiler *c, LangStmt **body, size_t n)
{
  size_t i = 0;

  /* SETUP_ANNOTATIONS takes the first statement's line. */
  if (c->u->type == LANG_UNIT_MODULE && n > 0)
    LANG_C_SET_LOC (c, body[0]);
  if (find_ann (body, n))
    ADDOP (c, LANG_OP_SETUP_ANNOTATIONS);
  if (n == 0)
    return true;
  if (docstring_of (c, body, n) != NULL)
    {
      i = 1;
      VISIT (c, body[0]->u.expr.value);
      lang_c_unset_loc (c);
      if (!lang_c_nameop (c, c->s_doc, LANG_CTX_STORE))
        return false;
    }
  return lang_c_visit_stmts (c, body + i, n - i);
}

/* Definitions */

static bool
check_debug_arg (LangCompiler *c, LangArg *arg)
{
  return arg == NULL || !lang_c_forbidden_name (c, arg->arg, LANG_CTX_STORE);
}

bool
lang_c_check_debug_args (LangCompiler *c, LangArguments *args)
{
  for (size_t i = 0; i < args->n_posonlyargs; i++)
    if (!check_debug_arg (c, args->posonlyargs[i]))
      return false;
  for (size_t i = 0; i < args->n_args; i++)
    if (!check_debug_arg (c, args->args[i]))
      return false;
  if (!check_debug_arg (c, args->vararg))
    return false;
  for (size_t i = 0; i < args->n_kwonlyargs; i++)
    if (!check_debug_arg (c, args->kwonlyargs[i]))
      return false;
  return check_debug_arg (c, args->kwarg);
}

/* A constant str for a (mangled) identifier, from the cache. */
static RtObject *
identifier_const (LangCompiler *c, const char *name)
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

/* Pushes the keyword-only defaults as a dict: 1 if pushed, 0 if there are
 * none, -1 on error. */
static int
visit_kwonlydefaults (LangCompiler *c, LangArguments *args)
{
  RtObject **keys = NULL;
  size_t n = 0;
  RtObject *tuple;
  int result = -1;

  for (size_t i = 0; i < args->n_kwonlyargs; i++)
    {
      LangExpr *d = i < args->n_kw_defaults ? args->kw_defaults[i] : NULL;
      const char *mangled;
      RtObject *key;

      if (d == NULL)
        continue;
      mangled = lang_c_mangle (c, args->kwonlyargs[i]->arg);
      key = mangled ? identifier_const (c, mangled) : NULL;
      if (key == NULL)
        goto out;
      if (keys == NULL)
        {
          keys = malloc (args->n_kwonlyargs * sizeof *keys);
          if (keys == NULL)
            {
              lang_c_no_memory (c);
              goto out;
            }
        }
      keys[n++] = key;
      if (!lang_c_visit_expr (c, d))
        goto out;
    }
  if (n == 0)
    {
      result = 0;
      goto out;
    }
  tuple = rt_tuple_new ((int64_t) n);
  if (tuple == NULL)
    {
      c->failed = true;
      goto out;
    }
  for (size_t i = 0; i < n; i++)
    rt_tuple_init_item (tuple, (int64_t) i, rt_newref (keys[i]));
  if (!lang_c_load_const_new (c, tuple) || !lang_c_addop (c, LANG_OP_BUILD_CONST_KEY_MAP, (int) n))
    goto out;
  result = 1;

out:
  free (keys);
  return result;
}

/* The defaults tuple and the keyword-only defaults dict: the MAKE_FUNCTION
 * flags, or -1 on error. */
int
lang_c_default_arguments (LangCompiler *c, LangArguments *args)
{
  int flags = 0;
  int r;

  if (args->n_defaults > 0)
    {
      if (!lang_c_visit_exprs (c, args->defaults, args->n_defaults)
          || !lang_c_addop (c, LANG_OP_BUILD_TUPLE, (int) args->n_defaults))
        return -1;
      flags |= 0x01;
    }
  r = visit_kwonlydefaults (c, args);
  if (r < 0)
    return -1;
  if (r > 0)
    flags |= 0x02;
  return flags;
}

static bool
visit_argannotation (LangCompiler *c, const char *id, LangExpr *annotation, int *len)
{
  const char *mangled;

  if (annotation == NULL)
    return true;
  mangled = lang_c_mangle (c, id);
  if (mangled == NULL || !lang_c_load_const (c, identifier_const (c, mangled)))
    return false;
  if (annotation->kind == LANG_EXPR_STARRED)
    {
      /* *args: *Ts is [annotation] = [*Ts] */
      VISIT (c, annotation->u.starred.value);
      ADDOP_I (c, LANG_OP_UNPACK_SEQUENCE, 1);
    }
  else
    VISIT (c, annotation);
  *len += 2;
  return true;
}

static bool
visit_argannotations (LangCompiler *c, LangArg **args, size_t n, int *len)
{
  for (size_t i = 0; i < n; i++)
    if (!visit_argannotation (c, args[i]->arg, args[i]->annotation, len))
      return false;
  return true;
}

/* Pushes the annotations tuple (name, value, name, value...): 1 if
 * pushed, 0 if there are none, -1 on error. */
static int
visit_annotations (LangCompiler *c, LangArguments *args, LangExpr *returns)
{
  int len = 0;

  if (!visit_argannotations (c, args->args, args->n_args, &len)
      || !visit_argannotations (c, args->posonlyargs, args->n_posonlyargs, &len))
    return -1;
  if (args->vararg != NULL
      && !visit_argannotation (c, args->vararg->arg, args->vararg->annotation, &len))
    return -1;
  if (!visit_argannotations (c, args->kwonlyargs, args->n_kwonlyargs, &len))
    return -1;
  if (args->kwarg != NULL
      && !visit_argannotation (c, args->kwarg->arg, args->kwarg->annotation, &len))
    return -1;
  if (!visit_argannotation (c, "return", returns, &len))
    return -1;
  if (len == 0)
    return 0;
  return lang_c_addop (c, LANG_OP_BUILD_TUPLE, len) ? 1 : -1;
}

static bool
apply_decorators (LangCompiler *c, LangExpr **decos, size_t n)
{
  LangPosition saved = c->u->loc;

  for (size_t i = n; i-- > 0;)
    {
      LANG_C_SET_LOC (c, decos[i]);
      ADDOP_I (c, LANG_PSEUDO_PRECALL, 0);
      ADDOP_I (c, LANG_OP_CALL, 0);
    }
  c->u->loc = saved;
  return true;
}

/* Assembles the current unit, leaves it and makes its function. */
static bool
finish_function (LangCompiler *c, bool add_none, int flags)
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
compile_function (LangCompiler *c, LangStmt *s)
{
  LangArguments *args = s->u.function_def.args;
  LangExpr **decos = s->u.function_def.decorator_list;
  size_t n_decos = s->u.function_def.n_decorator_list;
  LangStmt **body = s->u.function_def.body;
  size_t n_body = s->u.function_def.n_body;
  RtObject *docstring;
  int firstlineno, flags, annotations;

  if (s->kind == LANG_STMT_ASYNC_FUNCTION_DEF)
    return lang_c_error (c, "async functions are not supported");
  if (!lang_c_check_debug_args (c, args) || !lang_c_visit_exprs (c, decos, n_decos))
    return false;
  firstlineno = n_decos > 0 ? decos[0]->lineno : s->lineno;
  flags = lang_c_default_arguments (c, args);
  if (flags < 0)
    return false;
  annotations = visit_annotations (c, args, s->u.function_def.returns);
  if (annotations < 0)
    return false;
  if (annotations > 0)
    flags |= 0x04;

  if (!lang_c_enter_scope (c, s->u.function_def.name, LANG_UNIT_FUNCTION, s, firstlineno))
    return false;
  /* The first constant is the docstring, or None: a function without one
   * still has None as co_consts[0]. */
  docstring = docstring_of (c, body, n_body);
  if (lang_c_add_const (c, docstring != NULL ? docstring : RT_NONE) < 0)
    return false;
  c->u->argcount = (int) args->n_args;
  c->u->posonlyargcount = (int) args->n_posonlyargs;
  c->u->kwonlyargcount = (int) args->n_kwonlyargs;
  for (size_t i = docstring != NULL ? 1 : 0; i < n_body; i++)
    if (!lang_c_visit_stmt (c, body[i]))
      return false;
  if (!finish_function (c, true, flags))
    return false;
  return apply_decorators (c, decos, n_decos)
         && lang_c_nameop (c, s->u.function_def.name, LANG_CTX_STORE);
}

static bool
compile_class (LangCompiler *c, LangStmt *s)
{
  LangExpr **decos = s->u.class_def.decorator_list;
  size_t n_decos = s->u.class_def.n_decorator_list;
  int firstlineno;
  LangCode *co;
  bool ok;

  if (!lang_c_visit_exprs (c, decos, n_decos))
    return false;
  firstlineno = n_decos > 0 ? decos[0]->lineno : s->lineno;

  /* The body is a function that fills the namespace. */
  if (!lang_c_enter_scope (c, s->u.class_def.name, LANG_UNIT_CLASS, s, firstlineno))
    return false;
  c->u->private_ = lang_c_pool (c, s->u.class_def.name);
  if (c->u->private_ == NULL)
    return false;
  if (!lang_c_nameop (c, c->s_name, LANG_CTX_LOAD)
      || !lang_c_nameop (c, c->s_module, LANG_CTX_STORE)
      || !lang_c_load_const (c, c->u->qualname)
      || !lang_c_nameop (c, c->s_qualname, LANG_CTX_STORE)
      || !lang_c_body (c, s->u.class_def.body, s->u.class_def.n_body))
    return false;
  lang_c_unset_loc (c);
  if (c->u->ste->needs_class_closure)
    {
      /* Return __classcell__, which __build_class__ checks. */
      ADDOP_I (c, LANG_OP_LOAD_CLOSURE, 0);
      ADDOP_I (c, LANG_OP_COPY, 1);
      if (!lang_c_nameop (c, c->s_classcell, LANG_CTX_STORE))
        return false;
    }
  else if (!lang_c_load_const (c, RT_NONE))
    return false;
  ADDOP (c, LANG_OP_RETURN_VALUE);
  co = lang_c_assemble (c, true);
  if (co == NULL)
    return false;
  lang_c_exit_scope (c);

  /* __build_class__(<func>, <name>, *bases, **keywords) */
  ok = lang_c_addop (c, LANG_OP_PUSH_NULL, 0) && lang_c_addop (c, LANG_OP_LOAD_BUILD_CLASS, 0)
       && lang_c_make_closure (c, co, 0);
  rt_decref (&co->ob);
  if (!ok || !lang_c_load_const (c, identifier_const (c, s->u.class_def.name)))
    return false;
  if (!lang_c_call_helper (c, 2, s->u.class_def.bases, s->u.class_def.n_bases,
                           s->u.class_def.keywords, s->u.class_def.n_keywords))
    return false;
  return apply_decorators (c, decos, n_decos)
         && lang_c_nameop (c, s->u.class_def.name, LANG_CTX_STORE);
}

/* Unwinding: what a return, break or continue must do to leave the
 * blocks it is in. */

static bool
pop_except_and_reraise (LangCompiler *c)
{
  /* [exc_info, lasti, exc] COPY 3, POP_EXCEPT, RERAISE 1 */
  ADDOP_I (c, LANG_OP_COPY, 3);
  ADDOP (c, LANG_OP_POP_EXCEPT);
  ADDOP_I (c, LANG_OP_RERAISE, 1);
  return true;
}

/* preserve_tos: the value being returned is on top and must stay there. */
static bool
unwind_fblock (LangCompiler *c, LangFBlock *info, bool preserve_tos)
{
  switch (info->type)
    {
    case LANG_FB_WHILE_LOOP:
    case LANG_FB_EXCEPTION_HANDLER:
      return true;
    case LANG_FB_FOR_LOOP:
      /* Drop the iterator. */
      if (preserve_tos)
        ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP (c, LANG_OP_POP_TOP);
      return true;
    case LANG_FB_TRY_EXCEPT:
      ADDOP (c, LANG_PSEUDO_POP_BLOCK);
      return true;
    case LANG_FB_FINALLY_TRY:
      /* The POP_BLOCK has the line of the unwinding statement. */
      ADDOP (c, LANG_PSEUDO_POP_BLOCK);
      if (preserve_tos && !lang_c_push_fblock (c, LANG_FB_POP_VALUE, NULL, NULL))
        return false;
      if (!lang_c_visit_stmts (c, info->body, info->n_body))
        return false;
      if (preserve_tos)
        lang_c_pop_fblock (c, LANG_FB_POP_VALUE, NULL);
      /* The finally body seems to run after the statement that leaves. */
      lang_c_unset_loc (c);
      return true;
    case LANG_FB_FINALLY_END:
      if (preserve_tos)
        ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP (c, LANG_OP_POP_TOP); /* exc_value */
      if (preserve_tos)
        ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP (c, LANG_PSEUDO_POP_BLOCK);
      ADDOP (c, LANG_OP_POP_EXCEPT);
      return true;
    case LANG_FB_HANDLER_CLEANUP:
      if (info->name != NULL)
        ADDOP (c, LANG_PSEUDO_POP_BLOCK);
      if (preserve_tos)
        ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP (c, LANG_PSEUDO_POP_BLOCK);
      ADDOP (c, LANG_OP_POP_EXCEPT);
      if (info->name != NULL)
        {
          if (!lang_c_load_const (c, RT_NONE) || !lang_c_nameop (c, info->name, LANG_CTX_STORE)
              || !lang_c_nameop (c, info->name, LANG_CTX_DEL))
            return false;
        }
      return true;
    case LANG_FB_POP_VALUE:
      if (preserve_tos)
        ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP (c, LANG_OP_POP_TOP);
      return true;
    }
  return true;
}

/* Unwinds every block, or up to the innermost loop (returned in *loop). */
bool
lang_c_unwind_fblock_stack (LangCompiler *c, bool preserve_tos, LangFBlock **loop)
{
  LangUnit *u = c->u;
  LangFBlock copy;

  if (u->n_fblocks == 0)
    return true;
  copy = u->fblocks[u->n_fblocks - 1];
  if (loop != NULL && (copy.type == LANG_FB_WHILE_LOOP || copy.type == LANG_FB_FOR_LOOP))
    {
      *loop = &u->fblocks[u->n_fblocks - 1];
      return true;
    }
  u->n_fblocks--;
  if (!unwind_fblock (c, &copy, preserve_tos)
      || !lang_c_unwind_fblock_stack (c, preserve_tos, loop))
    return false;
  u->fblocks[u->n_fblocks++] = copy;
  return true;
}

static bool
compile_return (LangCompiler *c, LangStmt *s)
{
  LangExpr *value = s->u.return_.value;
  bool preserve_tos = value != NULL && value->kind != LANG_EXPR_CONSTANT;

  if (c->u->ste->type != LANG_BLOCK_FUNCTION)
    return lang_c_error (c, "'return' outside function");
  if (preserve_tos)
    VISIT (c, value);
  else if (value != NULL)
    {
      /* An instruction with the value's line, for tracing. */
      LANG_C_SET_LOC (c, value);
      ADDOP (c, LANG_OP_NOP);
    }
  if (value == NULL || value->lineno != s->lineno)
    {
      LANG_C_SET_LOC (c, s);
      ADDOP (c, LANG_OP_NOP);
    }
  if (!lang_c_unwind_fblock_stack (c, preserve_tos, NULL))
    return false;
  if (value == NULL)
    {
      if (!lang_c_load_const (c, RT_NONE))
        return false;
    }
  else if (!preserve_tos && !lang_c_load_const (c, lang_c_const (c, value)))
    return false;
  ADDOP (c, LANG_OP_RETURN_VALUE);
  return true;
}

static bool
compile_break_continue (LangCompiler *c, bool is_break)
{
  LangFBlock *loop = NULL;
  LangPosition saved = c->u->loc;

  ADDOP (c, LANG_OP_NOP);
  if (!lang_c_unwind_fblock_stack (c, false, &loop))
    return false;
  if (loop == NULL)
    {
      c->u->loc = saved;
      return lang_c_error (c, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
  if (is_break)
    {
      if (!unwind_fblock (c, loop, false))
        return false;
      ADDOP_J (c, LANG_OP_JUMP, loop->exit);
    }
  else
    ADDOP_J (c, LANG_OP_JUMP, loop->block);
  return true;
}

/* Control flow */

static bool
compile_if (LangCompiler *c, LangStmt *s)
{
  LangBlock *end, *next;

  NEW_BLOCK (c, end);
  if (s->u.if_.n_orelse > 0)
    NEW_BLOCK (c, next);
  else
    next = end;
  if (!lang_c_jump_if (c, s->u.if_.test, next, false)
      || !lang_c_visit_stmts (c, s->u.if_.body, s->u.if_.n_body))
    return false;
  if (s->u.if_.n_orelse > 0)
    {
      ADDOP_J_NOLINE (c, LANG_OP_JUMP, end);
      lang_c_use_next_block (c, next);
      if (!lang_c_visit_stmts (c, s->u.if_.orelse, s->u.if_.n_orelse))
        return false;
    }
  lang_c_use_next_block (c, end);
  return true;
}

static bool
compile_for (LangCompiler *c, LangStmt *s)
{
  LangBlock *start, *body, *cleanup, *end;

  if (s->kind == LANG_STMT_ASYNC_FOR)
    return lang_c_error (c, "'async for' is not supported");
  NEW_BLOCK (c, start);
  NEW_BLOCK (c, body);
  NEW_BLOCK (c, cleanup);
  NEW_BLOCK (c, end);
  if (!lang_c_push_fblock (c, LANG_FB_FOR_LOOP, start, end))
    return false;
  VISIT (c, s->u.for_.iter);
  ADDOP (c, LANG_OP_GET_ITER);
  lang_c_use_next_block (c, start);
  ADDOP_J (c, LANG_OP_FOR_ITER, cleanup);
  lang_c_use_next_block (c, body);
  VISIT (c, s->u.for_.target);
  if (!lang_c_visit_stmts (c, s->u.for_.body, s->u.for_.n_body))
    return false;
  /* The jump back is artificial. */
  lang_c_unset_loc (c);
  ADDOP_J (c, LANG_OP_JUMP, start);
  lang_c_use_next_block (c, cleanup);
  lang_c_pop_fblock (c, LANG_FB_FOR_LOOP, start);
  if (!lang_c_visit_stmts (c, s->u.for_.orelse, s->u.for_.n_orelse))
    return false;
  lang_c_use_next_block (c, end);
  return true;
}

static bool
compile_while (LangCompiler *c, LangStmt *s)
{
  LangBlock *loop, *body, *anchor, *end;

  NEW_BLOCK (c, loop);
  NEW_BLOCK (c, body);
  NEW_BLOCK (c, anchor);
  NEW_BLOCK (c, end);
  lang_c_use_next_block (c, loop);
  if (!lang_c_push_fblock (c, LANG_FB_WHILE_LOOP, loop, end))
    return false;
  if (!lang_c_jump_if (c, s->u.while_.test, anchor, false))
    return false;
  lang_c_use_next_block (c, body);
  if (!lang_c_visit_stmts (c, s->u.while_.body, s->u.while_.n_body))
    return false;
  /* The test again at the bottom, with the while's line. */
  LANG_C_SET_LOC (c, s);
  if (!lang_c_jump_if (c, s->u.while_.test, body, true))
    return false;
  lang_c_pop_fblock (c, LANG_FB_WHILE_LOOP, loop);
  lang_c_use_next_block (c, anchor);
  if (!lang_c_visit_stmts (c, s->u.while_.orelse, s->u.while_.n_orelse))
    return false;
  lang_c_use_next_block (c, end);
  return true;
}

/* try/except/finally, with 3.11's handler layout:

     SETUP_FINALLY L   <body>   POP_BLOCK   <orelse>   JUMP end
   L:
     SETUP_CLEANUP C   PUSH_EXC_INFO
     <type> CHECK_EXC_MATCH POP_JUMP_IF_FALSE next     (for each handler)
     STORE name | POP_TOP
     <handler body>   POP_BLOCK  POP_EXCEPT  [name = None; del name]  JUMP end
     ...
     RERAISE 0
   C: COPY 3  POP_EXCEPT  RERAISE 1
   end:                                                               */
static bool
compile_try_except (LangCompiler *c, LangStmt *s)
{
  LangBlock *body, *except, *end, *cleanup;
  size_t n = s->u.try_.n_handlers;

  NEW_BLOCK (c, body);
  NEW_BLOCK (c, except);
  NEW_BLOCK (c, end);
  NEW_BLOCK (c, cleanup);
  ADDOP_J (c, LANG_PSEUDO_SETUP_FINALLY, except);
  lang_c_use_next_block (c, body);
  if (!lang_c_push_fblock (c, LANG_FB_TRY_EXCEPT, body, NULL))
    return false;
  if (!lang_c_visit_stmts (c, s->u.try_.body, s->u.try_.n_body))
    return false;
  lang_c_pop_fblock (c, LANG_FB_TRY_EXCEPT, body);
  if (!lang_c_addop_noline (c, LANG_PSEUDO_POP_BLOCK, 0))
    return false;
  if (!lang_c_visit_stmts (c, s->u.try_.orelse, s->u.try_.n_orelse))
    return false;
  ADDOP_J_NOLINE (c, LANG_OP_JUMP, end);
  lang_c_use_next_block (c, except);

  lang_c_unset_loc (c);
  ADDOP_J (c, LANG_PSEUDO_SETUP_CLEANUP, cleanup);
  ADDOP (c, LANG_OP_PUSH_EXC_INFO);
  /* The runtime pushes a block here: account for it. */
  if (!lang_c_push_fblock (c, LANG_FB_EXCEPTION_HANDLER, NULL, NULL))
    return false;
  for (size_t i = 0; i < n; i++)
    {
      LangExceptHandler *handler = s->u.try_.handlers[i];

      LANG_C_SET_LOC (c, handler);
      if (handler->type == NULL && i < n - 1)
        return lang_c_error (c, "default 'except:' must be last");
      NEW_BLOCK (c, except);
      if (handler->type != NULL)
        {
          VISIT (c, handler->type);
          ADDOP (c, LANG_OP_CHECK_EXC_MATCH);
          ADDOP_J (c, LANG_OP_POP_JUMP_IF_FALSE, except);
        }
      if (handler->name != NULL)
        {
          LangBlock *cleanup_end, *cleanup_body;

          NEW_BLOCK (c, cleanup_end);
          NEW_BLOCK (c, cleanup_body);
          if (!lang_c_nameop (c, handler->name, LANG_CTX_STORE))
            return false;
          /* try: body  finally: name = None; del name */
          ADDOP_J (c, LANG_PSEUDO_SETUP_CLEANUP, cleanup_end);
          lang_c_use_next_block (c, cleanup_body);
          if (!lang_c_push_fblock (c, LANG_FB_HANDLER_CLEANUP, cleanup_body, NULL))
            return false;
          c->u->fblocks[c->u->n_fblocks - 1].name = handler->name;
          if (!lang_c_visit_stmts (c, handler->body, handler->n_body))
            return false;
          lang_c_pop_fblock (c, LANG_FB_HANDLER_CLEANUP, cleanup_body);
          lang_c_unset_loc (c);
          ADDOP (c, LANG_PSEUDO_POP_BLOCK);
          ADDOP (c, LANG_PSEUDO_POP_BLOCK);
          ADDOP (c, LANG_OP_POP_EXCEPT);
          if (!lang_c_load_const (c, RT_NONE)
              || !lang_c_nameop (c, handler->name, LANG_CTX_STORE)
              || !lang_c_nameop (c, handler->name, LANG_CTX_DEL))
            return false;
          ADDOP_J (c, LANG_OP_JUMP, end);

          /* The handler body raised. */
          lang_c_use_next_block (c, cleanup_end);
          lang_c_unset_loc (c);
          if (!lang_c_load_const (c, RT_NONE)
              || !lang_c_nameop (c, handler->name, LANG_CTX_STORE)
              || !lang_c_nameop (c, handler->name, LANG_CTX_DEL))
            return false;
          ADDOP_I (c, LANG_OP_RERAISE, 1);
        }
      else
        {
          LangBlock *cleanup_body;

          NEW_BLOCK (c, cleanup_body);
          ADDOP (c, LANG_OP_POP_TOP); /* exc_value */
          lang_c_use_next_block (c, cleanup_body);
          if (!lang_c_push_fblock (c, LANG_FB_HANDLER_CLEANUP, cleanup_body, NULL))
            return false;
          if (!lang_c_visit_stmts (c, handler->body, handler->n_body))
            return false;
          lang_c_pop_fblock (c, LANG_FB_HANDLER_CLEANUP, cleanup_body);
          lang_c_unset_loc (c);
          ADDOP (c, LANG_PSEUDO_POP_BLOCK);
          ADDOP (c, LANG_OP_POP_EXCEPT);
          ADDOP_J (c, LANG_OP_JUMP, end);
        }
      lang_c_use_next_block (c, except);
    }
  lang_c_unset_loc (c);
  lang_c_pop_fblock (c, LANG_FB_EXCEPTION_HANDLER, NULL);
  ADDOP_I (c, LANG_OP_RERAISE, 0);
  lang_c_use_next_block (c, cleanup);
  if (!pop_except_and_reraise (c))
    return false;
  lang_c_use_next_block (c, end);
  return true;
}

/* try/finally: the finally body is compiled twice, once for the normal
 * path and once for the exceptional one:

     SETUP_FINALLY L  <body>  POP_BLOCK  <finalbody>  JUMP exit
   L: SETUP_CLEANUP C  PUSH_EXC_INFO  <finalbody>  RERAISE 0
   C: COPY 3  POP_EXCEPT  RERAISE 1
   exit:                                                            */
static bool
compile_try_finally (LangCompiler *c, LangStmt *s)
{
  LangBlock *body, *end, *exit, *cleanup;

  NEW_BLOCK (c, body);
  NEW_BLOCK (c, end);
  NEW_BLOCK (c, exit);
  NEW_BLOCK (c, cleanup);
  ADDOP_J (c, LANG_PSEUDO_SETUP_FINALLY, end);
  lang_c_use_next_block (c, body);
  if (!lang_c_push_fblock (c, LANG_FB_FINALLY_TRY, body, end))
    return false;
  c->u->fblocks[c->u->n_fblocks - 1].body = s->u.try_.finalbody;
  c->u->fblocks[c->u->n_fblocks - 1].n_body = s->u.try_.n_finalbody;
  if (s->u.try_.n_handlers > 0)
    {
      if (!compile_try_except (c, s))
        return false;
    }
  else if (!lang_c_visit_stmts (c, s->u.try_.body, s->u.try_.n_body))
    return false;
  if (!lang_c_addop_noline (c, LANG_PSEUDO_POP_BLOCK, 0))
    return false;
  lang_c_pop_fblock (c, LANG_FB_FINALLY_TRY, body);
  if (!lang_c_visit_stmts (c, s->u.try_.finalbody, s->u.try_.n_finalbody))
    return false;
  ADDOP_J_NOLINE (c, LANG_OP_JUMP, exit);

  lang_c_use_next_block (c, end);
  lang_c_unset_loc (c);
  ADDOP_J (c, LANG_PSEUDO_SETUP_CLEANUP, cleanup);
  ADDOP (c, LANG_OP_PUSH_EXC_INFO);
  if (!lang_c_push_fblock (c, LANG_FB_FINALLY_END, end, NULL))
    return false;
  if (!lang_c_visit_stmts (c, s->u.try_.finalbody, s->u.try_.n_finalbody))
    return false;
  lang_c_pop_fblock (c, LANG_FB_FINALLY_END, end);
  ADDOP_I (c, LANG_OP_RERAISE, 0);
  lang_c_use_next_block (c, cleanup);
  if (!pop_except_and_reraise (c))
    return false;
  lang_c_use_next_block (c, exit);
  return true;
}

/* Imports */

/* Binds the module IMPORT_NAME pushed: `import a.b.c as d` walks to c. */
static bool
import_as (LangCompiler *c, const char *name, const char *asname)
{
  const char *dot = strchr (name, '.');

  if (dot == NULL)
    return lang_c_nameop (c, asname, LANG_CTX_STORE);
  for (;;)
    {
      const char *pos = dot + 1;
      const char *attr;
      int i;

      dot = strchr (pos, '.');
      attr = lang_str_pool_add (c->pool, pos, dot ? (size_t) (dot - pos) : strlen (pos));
      if (attr == NULL)
        return lang_c_no_memory (c);
      i = lang_c_add_name (c, &c->u->names, attr);
      if (i < 0 || !lang_c_addop (c, LANG_OP_IMPORT_FROM, i))
        return false;
      if (dot == NULL)
        break;
      ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP (c, LANG_OP_POP_TOP);
    }
  if (!lang_c_nameop (c, asname, LANG_CTX_STORE))
    return false;
  ADDOP (c, LANG_OP_POP_TOP);
  return true;
}

static bool
compile_import (LangCompiler *c, LangStmt *s)
{
  for (size_t i = 0; i < s->u.import.n_names; i++)
    {
      LangAlias *alias = s->u.import.names[i];
      RtObject *zero = rt_int_from_i64 (0);

      if (!lang_c_load_const_new (c, zero) || !lang_c_load_const (c, RT_NONE)
          || !lang_c_addop_name (c, LANG_OP_IMPORT_NAME, alias->name))
        return false;
      if (alias->asname != NULL)
        {
          if (!import_as (c, alias->name, alias->asname))
            return false;
        }
      else
        {
          /* `import a.b` binds a. */
          const char *dot = strchr (alias->name, '.');
          const char *store = dot ? lang_str_pool_add (c->pool, alias->name,
                                                       (size_t) (dot - alias->name))
                                  : alias->name;

          if (store == NULL)
            return lang_c_no_memory (c);
          if (!lang_c_nameop (c, store, LANG_CTX_STORE))
            return false;
        }
    }
  return true;
}

static bool
compile_import_from (LangCompiler *c, LangStmt *s)
{
  size_t n = s->u.import_from.n_names;
  RtObject *names;

  if (!lang_c_load_const_new (c, rt_int_from_i64 (s->u.import_from.level)))
    return false;
  names = rt_tuple_new ((int64_t) n);
  if (names == NULL)
    {
      c->failed = true;
      return false;
    }
  for (size_t i = 0; i < n; i++)
    {
      RtObject *name = identifier_const (c, s->u.import_from.names[i]->name);

      if (name == NULL)
        {
          rt_decref (names);
          return false;
        }
      rt_tuple_init_item (names, (int64_t) i, rt_newref (name));
    }
  if (!lang_c_load_const_new (c, names))
    return false;
  if (!lang_c_addop_name (c, LANG_OP_IMPORT_NAME,
                          s->u.import_from.module ? s->u.import_from.module : ""))
    return false;
  for (size_t i = 0; i < n; i++)
    {
      LangAlias *alias = s->u.import_from.names[i];

      if (i == 0 && alias->name[0] == '*')
        {
          ADDOP (c, LANG_OP_IMPORT_STAR);
          return true;
        }
      if (!lang_c_addop_name (c, LANG_OP_IMPORT_FROM, alias->name)
          || !lang_c_nameop (c, alias->asname ? alias->asname : alias->name, LANG_CTX_STORE))
        return false;
    }
  /* Drop the module. */
  ADDOP (c, LANG_OP_POP_TOP);
  return true;
}

static bool
compile_assert (LangCompiler *c, LangStmt *s)
{
  LangBlock *end;

  NEW_BLOCK (c, end);
  if (!lang_c_jump_if (c, s->u.assert.test, end, true))
    return false;
  ADDOP (c, LANG_OP_LOAD_ASSERTION_ERROR);
  if (s->u.assert.msg != NULL)
    {
      VISIT (c, s->u.assert.msg);
      ADDOP_I (c, LANG_PSEUDO_PRECALL, 0);
      ADDOP_I (c, LANG_OP_CALL, 0);
    }
  ADDOP_I (c, LANG_OP_RAISE_VARARGS, 1);
  lang_c_use_next_block (c, end);
  return true;
}

static bool
compile_stmt_expr (LangCompiler *c, LangExpr *value)
{
  if (value->kind == LANG_EXPR_CONSTANT)
    {
      /* A constant statement does nothing, but has a line. */
      ADDOP (c, LANG_OP_NOP);
      return true;
    }
  VISIT (c, value);
  /* The POP_TOP is artificial. */
  lang_c_unset_loc (c);
  ADDOP (c, LANG_OP_POP_TOP);
  return true;
}

/* Assignments */

static bool
compile_augassign (LangCompiler *c, LangStmt *s)
{
  LangExpr *e = s->u.aug_assign.target;
  LangPosition saved = c->u->loc;

  LANG_C_SET_LOC (c, e);
  switch (e->kind)
    {
    case LANG_EXPR_ATTRIBUTE:
      VISIT (c, e->u.attribute.value);
      ADDOP_I (c, LANG_OP_COPY, 1);
      if (!lang_c_addop_name (c, LANG_OP_LOAD_ATTR, e->u.attribute.attr))
        return false;
      break;
    case LANG_EXPR_SUBSCRIPT:
      VISIT (c, e->u.subscript.value);
      VISIT (c, e->u.subscript.slice);
      ADDOP_I (c, LANG_OP_COPY, 2);
      ADDOP_I (c, LANG_OP_COPY, 2);
      ADDOP (c, LANG_OP_BINARY_SUBSCR);
      break;
    case LANG_EXPR_NAME:
      if (!lang_c_nameop (c, e->u.name.id, LANG_CTX_LOAD))
        return false;
      break;
    default:
      return lang_c_error (c, "illegal expression for augmented assignment");
    }
  c->u->loc = saved;
  VISIT (c, s->u.aug_assign.value);
  ADDOP_I (c, LANG_OP_BINARY_OP, (int) lang_binary_op_of (s->u.aug_assign.op, true));
  LANG_C_SET_LOC (c, e);
  switch (e->kind)
    {
    case LANG_EXPR_ATTRIBUTE:
      ADDOP_I (c, LANG_OP_SWAP, 2);
      return lang_c_addop_name (c, LANG_OP_STORE_ATTR, e->u.attribute.attr);
    case LANG_EXPR_SUBSCRIPT:
      ADDOP_I (c, LANG_OP_SWAP, 3);
      ADDOP_I (c, LANG_OP_SWAP, 2);
      ADDOP (c, LANG_OP_STORE_SUBSCR);
      return true;
    default:
      return lang_c_nameop (c, e->u.name.id, LANG_CTX_STORE);
    }
}

static bool
check_ann_expr (LangCompiler *c, LangExpr *e)
{
  VISIT (c, e);
  ADDOP (c, LANG_OP_POP_TOP);
  return true;
}

static bool
check_ann_subscr (LangCompiler *c, LangExpr *e)
{
  /* Everything in a subscript must exist at run time. */
  switch (e->kind)
    {
    case LANG_EXPR_SLICE:
      return (e->u.slice.lower == NULL || check_ann_expr (c, e->u.slice.lower))
             && (e->u.slice.upper == NULL || check_ann_expr (c, e->u.slice.upper))
             && (e->u.slice.step == NULL || check_ann_expr (c, e->u.slice.step));
    case LANG_EXPR_TUPLE:
      for (size_t i = 0; i < e->u.seq.n_elts; i++)
        if (!check_ann_subscr (c, e->u.seq.elts[i]))
          return false;
      return true;
    default:
      return check_ann_expr (c, e);
    }
}

static bool
compile_annassign (LangCompiler *c, LangStmt *s)
{
  LangExpr *targ = s->u.ann_assign.target;
  bool module_or_class = c->u->type == LANG_UNIT_MODULE || c->u->type == LANG_UNIT_CLASS;

  /* The assignment first, the annotation after. */
  if (s->u.ann_assign.value != NULL)
    {
      VISIT (c, s->u.ann_assign.value);
      VISIT (c, targ);
    }
  switch (targ->kind)
    {
    case LANG_EXPR_NAME:
      if (lang_c_forbidden_name (c, targ->u.name.id, LANG_CTX_STORE))
        return false;
      /* A simple name in a module or class goes into __annotations__. */
      if (s->u.ann_assign.simple && module_or_class)
        {
          const char *mangled;
          int i;

          VISIT (c, s->u.ann_assign.annotation);
          i = lang_c_add_name (c, &c->u->names, c->s_annotations);
          if (i < 0 || !lang_c_addop (c, LANG_OP_LOAD_NAME, i))
            return false;
          mangled = lang_c_mangle (c, targ->u.name.id);
          if (mangled == NULL || !lang_c_load_const (c, identifier_const (c, mangled)))
            return false;
          ADDOP (c, LANG_OP_STORE_SUBSCR);
        }
      break;
    case LANG_EXPR_ATTRIBUTE:
      if (lang_c_forbidden_name (c, targ->u.attribute.attr, LANG_CTX_STORE))
        return false;
      if (s->u.ann_assign.value == NULL && !check_ann_expr (c, targ->u.attribute.value))
        return false;
      break;
    case LANG_EXPR_SUBSCRIPT:
      if (s->u.ann_assign.value == NULL
          && (!check_ann_expr (c, targ->u.subscript.value)
              || !check_ann_subscr (c, targ->u.subscript.slice)))
        return false;
      break;
    default:
      return lang_c_error (c, "illegal target for annotation");
    }
  /* Annotations of complex targets are evaluated in modules and classes. */
  if (!s->u.ann_assign.simple && module_or_class
      && !check_ann_expr (c, s->u.ann_assign.annotation))
    return false;
  return true;
}

bool
lang_c_visit_stmt (LangCompiler *c, LangStmt *s)
{
  int n;

  /* Every statement's first instruction has its line. */
  LANG_C_SET_LOC (c, s);
  switch (s->kind)
    {
    case LANG_STMT_FUNCTION_DEF:
    case LANG_STMT_ASYNC_FUNCTION_DEF:
      return compile_function (c, s);
    case LANG_STMT_CLASS_DEF:
      return compile_class (c, s);
    case LANG_STMT_RETURN:
      return compile_return (c, s);
    case LANG_STMT_DELETE:
      return lang_c_visit_exprs (c, s->u.delete.targets, s->u.delete.n_targets);
    case LANG_STMT_ASSIGN:
      VISIT (c, s->u.assign.value);
      for (size_t i = 0; i < s->u.assign.n_targets; i++)
        {
          if (i + 1 < s->u.assign.n_targets)
            ADDOP_I (c, LANG_OP_COPY, 1);
          VISIT (c, s->u.assign.targets[i]);
        }
      return true;
    case LANG_STMT_AUG_ASSIGN:
      return compile_augassign (c, s);
    case LANG_STMT_ANN_ASSIGN:
      return compile_annassign (c, s);
    case LANG_STMT_FOR:
    case LANG_STMT_ASYNC_FOR:
      return compile_for (c, s);
    case LANG_STMT_WHILE:
      return compile_while (c, s);
    case LANG_STMT_IF:
      return compile_if (c, s);
    case LANG_STMT_WITH:
    case LANG_STMT_ASYNC_WITH:
      return lang_c_error (c, "'with' statements are not supported");
    case LANG_STMT_RAISE:
      n = 0;
      if (s->u.raise.exc != NULL)
        {
          VISIT (c, s->u.raise.exc);
          n++;
          if (s->u.raise.cause != NULL)
            {
              VISIT (c, s->u.raise.cause);
              n++;
            }
        }
      ADDOP_I (c, LANG_OP_RAISE_VARARGS, n);
      return true;
    case LANG_STMT_TRY:
      if (s->u.try_.n_finalbody > 0)
        return compile_try_finally (c, s);
      return compile_try_except (c, s);
    case LANG_STMT_TRY_STAR:
      return lang_c_error (c, "'except*' is not supported");
    case LANG_STMT_ASSERT:
      return compile_assert (c, s);
    case LANG_STMT_IMPORT:
      return compile_import (c, s);
    case LANG_STMT_IMPORT_FROM:
      return compile_import_from (c, s);
    case LANG_STMT_GLOBAL:
    case LANG_STMT_NONLOCAL:
      return true;
    case LANG_STMT_EXPR:
      return compile_stmt_expr (c, s->u.expr.value);
    case LANG_STMT_PASS:
      ADDOP (c, LANG_OP_NOP);
      return true;
    case LANG_STMT_BREAK:
      return compile_break_continue (c, true);
    case LANG_STMT_CONTINUE:
      return compile_break_continue (c, false);
    }
  return true;
}
