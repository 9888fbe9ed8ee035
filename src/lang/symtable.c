/* symtable.c: the two passes of CPython 3.11's symtable.c. The first walks
 * the tree and records what each name does in each block; the second
 * decides, block by block from the outside in, which names are local,
 * global, free or cells, and reports the declarations that cannot hold. */
#include "symtable.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/error.h"

/* CPython limits the nesting the passes recurse through; the parser
 * already bounds the tree's depth, so this only guards against misuse. */
#define MAX_DEPTH 4000

struct LangSymtable
{
  const LangCompileInput *input;
  LangSyntaxError *error;
  LangStrPool pool;
  LangPtrMap blocks;        /* AST node -> entry */
  LangSymtableEntry *top;
  LangSymtableEntry **stack; /* the blocks being visited, innermost last */
  size_t n_stack, cap_stack;
  LangSymtableEntry *cur;
  const char *private_;     /* the class whose names are mangled */
  int depth;
  bool failed;              /* an error is set: stop */

  /* Names the passes refer to, pooled once. */
  const char *s_top, *s_lambda, *s_listcomp, *s_setcomp, *s_dictcomp, *s_genexpr;
  const char *s_class, *s_dot0;
};

/* Errors */

static bool
st_error_at (LangSymtable *st, int lineno, int col, int end_lineno, int end_col,
             const char *format, ...) RT_PRINTF (6, 7);

static bool
st_error_at (LangSymtable *st, int lineno, int col, int end_lineno, int end_col,
             const char *format, ...)
{
  char msg[512];
  va_list args;

  va_start (args, format);
  vsnprintf (msg, sizeof msg, format, args);
  va_end (args);
  lang_syntax_error_set (st->error, "SyntaxError", st->input->source, st->input->length, lineno,
                         col, end_lineno, end_col, msg);
  st->failed = true;
  return false;
}

/* "prefix NAME suffix": the messages that name a symbol. */
static bool
st_error_name (LangSymtable *st, int lineno, int col, int end_lineno, int end_col,
               const char *prefix, const char *name, const char *suffix)
{
  return st_error_at (st, lineno, col, end_lineno, end_col, "%s%s%s", prefix, name, suffix);
}

static bool
st_no_memory (LangSymtable *st)
{
  if (!st->failed)
    rt_error_no_memory ();
  st->failed = true;
  return false;
}

/* Entries */

static void
entry_free (LangSymtableEntry *ste)
{
  free (ste->symbols);
  lang_ptr_map_clear (&ste->symbol_index);
  free (ste->varnames);
  free (ste->children);
  free (ste->directives);
  free (ste);
}

static bool
grow (void **items, size_t *cap, size_t n, size_t size)
{
  size_t new_cap;
  void *p;

  if (n < *cap)
    return true;
  new_cap = *cap ? *cap * 2 : 8;
  p = realloc (*items, new_cap * size);
  if (p == NULL)
    return false;
  *items = p;
  *cap = new_cap;
  return true;
}

#define GROW(st, arr, cap, n) \
  (grow ((void **) &(arr), &(cap), (n), sizeof *(arr)) || st_no_memory (st))

static LangSymbol *
entry_symbol (const LangSymtableEntry *ste, const char *name)
{
  void *v;

  if (!lang_ptr_map_lookup (&ste->symbol_index, name, &v))
    return NULL;
  return &ste->symbols[(uintptr_t) v - 1];
}

static unsigned
entry_flags (const LangSymtableEntry *ste, const char *name)
{
  LangSymbol *sym = entry_symbol (ste, name);

  return sym ? sym->flags : 0;
}

/* Adds flags to a symbol, creating it (in first-seen order) if new. */
static LangSymbol *
entry_add (LangSymtable *st, LangSymtableEntry *ste, const char *name, unsigned flags)
{
  LangSymbol *sym = entry_symbol (ste, name);

  if (sym != NULL)
    {
      sym->flags |= flags;
      return sym;
    }
  if (!GROW (st, ste->symbols, ste->cap_symbols, ste->n_symbols))
    return NULL;
  if (!lang_ptr_map_insert (&ste->symbol_index, name, (void *) (uintptr_t) (ste->n_symbols + 1)))
    {
      st_no_memory (st);
      return NULL;
    }
  sym = &ste->symbols[ste->n_symbols++];
  sym->name = name;
  sym->flags = flags;
  sym->scope = LANG_SCOPE_NONE;
  return sym;
}

static bool
enter_block (LangSymtable *st, const char *name, LangBlockType type, const void *key, int lineno,
             int col_offset, int end_lineno, int end_col_offset)
{
  LangSymtableEntry *ste = calloc (1, sizeof *ste);
  LangSymtableEntry *prev = st->cur;

  if (ste == NULL)
    return st_no_memory (st);
  ste->name = name;
  ste->type = type;
  ste->key = key;
  ste->lineno = lineno;
  ste->col_offset = col_offset;
  ste->end_lineno = end_lineno;
  ste->end_col_offset = end_col_offset;
  lang_ptr_map_init (&ste->symbol_index);
  if (prev != NULL && (prev->nested || prev->type == LANG_BLOCK_FUNCTION))
    ste->nested = true;
  /* bpo-37757: no walrus anywhere inside a comprehension's iterable, even
   * in a lambda or a nested comprehension there. */
  if (prev != NULL)
    ste->comp_iter_expr = prev->comp_iter_expr;

  /* The table owns every entry through its parent (or as the top). */
  if (prev != NULL)
    {
      if (!GROW (st, prev->children, prev->cap_children, prev->n_children))
        goto fail;
      prev->children[prev->n_children++] = ste;
    }
  else
    st->top = ste;
  if (key != NULL && !lang_ptr_map_insert (&st->blocks, key, ste))
    return st_no_memory (st);
  if (!GROW (st, st->stack, st->cap_stack, st->n_stack))
    return false;
  st->stack[st->n_stack++] = ste;
  st->cur = ste;
  return true;

fail:
  entry_free (ste);
  return false;
}

static void
exit_block (LangSymtable *st)
{
  st->n_stack--;
  st->cur = st->n_stack > 0 ? st->stack[st->n_stack - 1] : NULL;
}

/* Names */

const char *
lang_symtable_mangle (LangSymtable *st, const char *private_, const char *name)
{
  size_t nlen = strlen (name);
  const char *p = private_;
  size_t plen;
  char *buf;
  const char *result;

  if (p == NULL || name[0] != '_' || name[1] != '_')
    return lang_str_pool_add (&st->pool, name, nlen);
  /* __x__ and dotted import names stay as they are. */
  if ((nlen >= 2 && name[nlen - 1] == '_' && name[nlen - 2] == '_') || strchr (name, '.'))
    return lang_str_pool_add (&st->pool, name, nlen);
  while (*p == '_')
    p++;
  if (*p == '\0')
    return lang_str_pool_add (&st->pool, name, nlen);
  plen = strlen (p);
  buf = malloc (1 + plen + nlen + 1);
  if (buf == NULL)
    return NULL;
  buf[0] = '_';
  memcpy (buf + 1, p, plen);
  memcpy (buf + 1 + plen, name, nlen + 1);
  result = lang_str_pool_add (&st->pool, buf, 1 + plen + nlen);
  free (buf);
  return result;
}

static const char *
st_name (LangSymtable *st, const char *name)
{
  const char *pooled = lang_symtable_mangle (st, st->private_, name);

  if (pooled == NULL)
    st_no_memory (st);
  return pooled;
}

/* Records flag for name in ste, as symtable_add_def_helper. */
static bool
add_def_in (LangSymtable *st, const char *raw, unsigned flag, LangSymtableEntry *ste,
            int lineno, int col, int end_lineno, int end_col)
{
  const char *name = st_name (st, raw);
  LangSymbol *sym;
  unsigned val;

  if (name == NULL)
    return false;
  sym = entry_symbol (ste, name);
  val = sym ? sym->flags : 0;
  if ((flag & LANG_DEF_PARAM) && (val & LANG_DEF_PARAM))
    return st_error_at (st, lineno, col, end_lineno, end_col,
                        "duplicate argument '%s' in function definition", raw);
  val |= flag;
  if (ste->comp_iter_target)
    {
      /* An iteration variable of a comprehension: a walrus in it may not
       * rebind the name. */
      if (val & (LANG_DEF_GLOBAL | LANG_DEF_NONLOCAL))
        return st_error_at (st, lineno, col, end_lineno, end_col,
                            "comprehension inner loop cannot rebind assignment expression "
                            "target '%s'",
                            raw);
      val |= LANG_DEF_COMP_ITER;
    }
  sym = entry_add (st, ste, name, 0);
  if (sym == NULL)
    return false;
  sym->flags = val;
  if (flag & LANG_DEF_PARAM)
    {
      if (!GROW (st, ste->varnames, ste->cap_varnames, ste->n_varnames))
        return false;
      ste->varnames[ste->n_varnames++] = name;
    }
  else if (flag & LANG_DEF_GLOBAL)
    {
      /* A global declaration anywhere makes the name explicitly global in
       * the module too. */
      if (entry_add (st, st->top, name, flag) == NULL)
        return false;
    }
  return true;
}

static bool
add_def (LangSymtable *st, const char *name, unsigned flag, int lineno, int col, int end_lineno,
         int end_col)
{
  return add_def_in (st, name, flag, st->cur, lineno, col, end_lineno, end_col);
}

#define LOC(x) (x)->lineno, (x)->col_offset, (x)->end_lineno, (x)->end_col_offset

static bool
record_directive (LangSymtable *st, const char *raw, int lineno, int col, int end_lineno,
                  int end_col)
{
  LangSymtableEntry *ste = st->cur;
  const char *name = st_name (st, raw);

  if (name == NULL)
    return false;
  if (!GROW (st, ste->directives, ste->cap_directives, ste->n_directives))
    return false;
  ste->directives[ste->n_directives++] = (LangDirective){ name, lineno, col, end_lineno, end_col };
  return true;
}

/* The first pass */

static bool visit_stmt (LangSymtable *st, LangStmt *s);
static bool visit_expr (LangSymtable *st, LangExpr *e);

static bool
visit_stmts (LangSymtable *st, LangStmt **body, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!visit_stmt (st, body[i]))
      return false;
  return true;
}

static bool
visit_exprs (LangSymtable *st, LangExpr **exprs, size_t n)
{
  /* NULL entries: dict keys of ** items, missing keyword-only defaults. */
  for (size_t i = 0; i < n; i++)
    if (exprs[i] != NULL && !visit_expr (st, exprs[i]))
      return false;
  return true;
}

static bool
visit_params (LangSymtable *st, LangArg **args, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!add_def (st, args[i]->arg, LANG_DEF_PARAM, LOC (args[i])))
      return false;
  return true;
}

static bool
visit_arguments (LangSymtable *st, LangArguments *a)
{
  if (!visit_params (st, a->posonlyargs, a->n_posonlyargs)
      || !visit_params (st, a->args, a->n_args)
      || !visit_params (st, a->kwonlyargs, a->n_kwonlyargs))
    return false;
  if (a->vararg != NULL)
    {
      if (!add_def (st, a->vararg->arg, LANG_DEF_PARAM, LOC (a->vararg)))
        return false;
      st->cur->varargs = true;
    }
  if (a->kwarg != NULL)
    {
      if (!add_def (st, a->kwarg->arg, LANG_DEF_PARAM, LOC (a->kwarg)))
        return false;
      st->cur->varkeywords = true;
    }
  return true;
}

static bool
visit_arg_annotations (LangSymtable *st, LangArg **args, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (args[i]->annotation != NULL && !visit_expr (st, args[i]->annotation))
      return false;
  return true;
}

/* Annotations of parameters are evaluated where the def is. */
static bool
visit_annotations (LangSymtable *st, LangArguments *a, LangExpr *returns)
{
  if (!visit_arg_annotations (st, a->posonlyargs, a->n_posonlyargs)
      || !visit_arg_annotations (st, a->args, a->n_args))
    return false;
  if (a->vararg != NULL && a->vararg->annotation != NULL && !visit_expr (st, a->vararg->annotation))
    return false;
  if (a->kwarg != NULL && a->kwarg->annotation != NULL && !visit_expr (st, a->kwarg->annotation))
    return false;
  if (!visit_arg_annotations (st, a->kwonlyargs, a->n_kwonlyargs))
    return false;
  return returns == NULL || visit_expr (st, returns);
}

static bool
visit_function (LangSymtable *st, LangStmt *s)
{
  LangArguments *args = s->u.function_def.args;

  if (!add_def (st, s->u.function_def.name, LANG_DEF_LOCAL, LOC (s))
      || !visit_exprs (st, args->defaults, args->n_defaults)
      || !visit_exprs (st, args->kw_defaults, args->n_kw_defaults)
      || !visit_annotations (st, args, s->u.function_def.returns)
      || !visit_exprs (st, s->u.function_def.decorator_list, s->u.function_def.n_decorator_list))
    return false;
  if (!enter_block (st, st_name (st, s->u.function_def.name), LANG_BLOCK_FUNCTION, s, LOC (s)))
    return false;
  if (s->kind == LANG_STMT_ASYNC_FUNCTION_DEF)
    st->cur->coroutine = true;
  if (!visit_arguments (st, args) || !visit_stmts (st, s->u.function_def.body, s->u.function_def.n_body))
    return false;
  exit_block (st);
  return true;
}

static bool
visit_class (LangSymtable *st, LangStmt *s)
{
  const char *saved;
  size_t i;

  if (!add_def (st, s->u.class_def.name, LANG_DEF_LOCAL, LOC (s))
      || !visit_exprs (st, s->u.class_def.bases, s->u.class_def.n_bases))
    return false;
  for (i = 0; i < s->u.class_def.n_keywords; i++)
    if (!visit_expr (st, s->u.class_def.keywords[i]->value))
      return false;
  if (!visit_exprs (st, s->u.class_def.decorator_list, s->u.class_def.n_decorator_list))
    return false;
  if (!enter_block (st, st_name (st, s->u.class_def.name), LANG_BLOCK_CLASS, s, LOC (s)))
    return false;
  saved = st->private_;
  st->private_ = s->u.class_def.name;
  if (!visit_stmts (st, s->u.class_def.body, s->u.class_def.n_body))
    return false;
  st->private_ = saved;
  exit_block (st);
  return true;
}

static bool
visit_ann_assign (LangSymtable *st, LangStmt *s)
{
  LangExpr *target = s->u.ann_assign.target;

  if (target->kind == LANG_EXPR_NAME)
    {
      const char *name = st_name (st, target->u.name.id);
      unsigned cur;

      if (name == NULL)
        return false;
      cur = entry_flags (st->cur, name);
      if ((cur & (LANG_DEF_GLOBAL | LANG_DEF_NONLOCAL)) && st->cur != st->top
          && s->u.ann_assign.simple)
        return st_error_at (st, LOC (s),
                            (cur & LANG_DEF_GLOBAL) ? "annotated name '%s' can't be global"
                                                    : "annotated name '%s' can't be nonlocal",
                            target->u.name.id);
      if (s->u.ann_assign.simple)
        {
          if (!add_def (st, target->u.name.id, LANG_DEF_ANNOT | LANG_DEF_LOCAL, LOC (target)))
            return false;
        }
      else if (s->u.ann_assign.value != NULL
               && !add_def (st, target->u.name.id, LANG_DEF_LOCAL, LOC (target)))
        return false;
    }
  else if (!visit_expr (st, target))
    return false;
  if (!visit_expr (st, s->u.ann_assign.annotation))
    return false;
  return s->u.ann_assign.value == NULL || visit_expr (st, s->u.ann_assign.value);
}

/* global and nonlocal statements. */
static bool
visit_declaration (LangSymtable *st, LangStmt *s, bool global)
{
  for (size_t i = 0; i < s->u.global.n_names; i++)
    {
      const char *raw = s->u.global.names[i];
      const char *name = st_name (st, raw);
      unsigned cur;

      if (name == NULL)
        return false;
      cur = entry_flags (st->cur, name);
      if (cur & (LANG_DEF_PARAM | LANG_DEF_LOCAL | LANG_DEF_USE | LANG_DEF_ANNOT))
        {
          const char *prefix = "name '";
          const char *what;

          if (cur & LANG_DEF_PARAM)
            what = global ? "' is parameter and global" : "' is parameter and nonlocal";
          else if (cur & LANG_DEF_USE)
            what = global ? "' is used prior to global declaration"
                          : "' is used prior to nonlocal declaration";
          else if (cur & LANG_DEF_ANNOT)
            {
              prefix = "annotated name '";
              what = global ? "' can't be global" : "' can't be nonlocal";
            }
          else
            what = global ? "' is assigned to before global declaration"
                          : "' is assigned to before nonlocal declaration";
          return st_error_name (st, LOC (s), prefix, raw, what);
        }
      if (!add_def (st, raw, global ? LANG_DEF_GLOBAL : LANG_DEF_NONLOCAL, LOC (s))
          || !record_directive (st, raw, LOC (s)))
        return false;
    }
  return true;
}

static bool
visit_alias (LangSymtable *st, LangAlias *a)
{
  const char *name = a->asname ? a->asname : a->name;
  const char *dot = strchr (name, '.');
  const char *store;

  if (strcmp (name, "*") == 0)
    {
      if (st->cur->type != LANG_BLOCK_MODULE)
        return st_error_at (st, LOC (a), "import * only allowed at module level");
      return true;
    }
  /* `import a.b` binds a. */
  store = dot ? lang_str_pool_add (&st->pool, name, (size_t) (dot - name)) : name;
  if (store == NULL)
    return st_no_memory (st);
  return add_def (st, store, LANG_DEF_IMPORT, LOC (a));
}

static bool
visit_stmt_inner (LangSymtable *st, LangStmt *s)
{
  size_t i;

  switch (s->kind)
    {
    case LANG_STMT_FUNCTION_DEF:
    case LANG_STMT_ASYNC_FUNCTION_DEF:
      return visit_function (st, s);
    case LANG_STMT_CLASS_DEF:
      return visit_class (st, s);
    case LANG_STMT_RETURN:
      if (s->u.return_.value != NULL)
        {
          if (!visit_expr (st, s->u.return_.value))
            return false;
          st->cur->returns_value = true;
        }
      return true;
    case LANG_STMT_DELETE:
      return visit_exprs (st, s->u.delete.targets, s->u.delete.n_targets);
    case LANG_STMT_ASSIGN:
      return visit_exprs (st, s->u.assign.targets, s->u.assign.n_targets)
             && visit_expr (st, s->u.assign.value);
    case LANG_STMT_ANN_ASSIGN:
      return visit_ann_assign (st, s);
    case LANG_STMT_AUG_ASSIGN:
      return visit_expr (st, s->u.aug_assign.target) && visit_expr (st, s->u.aug_assign.value);
    case LANG_STMT_FOR:
    case LANG_STMT_ASYNC_FOR:
      return visit_expr (st, s->u.for_.target) && visit_expr (st, s->u.for_.iter)
             && visit_stmts (st, s->u.for_.body, s->u.for_.n_body)
             && visit_stmts (st, s->u.for_.orelse, s->u.for_.n_orelse);
    case LANG_STMT_WHILE:
      return visit_expr (st, s->u.while_.test)
             && visit_stmts (st, s->u.while_.body, s->u.while_.n_body)
             && visit_stmts (st, s->u.while_.orelse, s->u.while_.n_orelse);
    case LANG_STMT_IF:
      return visit_expr (st, s->u.if_.test) && visit_stmts (st, s->u.if_.body, s->u.if_.n_body)
             && visit_stmts (st, s->u.if_.orelse, s->u.if_.n_orelse);
    case LANG_STMT_WITH:
    case LANG_STMT_ASYNC_WITH:
      for (i = 0; i < s->u.with.n_items; i++)
        {
          LangWithItem *item = s->u.with.items[i];

          if (!visit_expr (st, item->context_expr))
            return false;
          if (item->optional_vars != NULL && !visit_expr (st, item->optional_vars))
            return false;
        }
      return visit_stmts (st, s->u.with.body, s->u.with.n_body);
    case LANG_STMT_RAISE:
      if (s->u.raise.exc != NULL)
        {
          if (!visit_expr (st, s->u.raise.exc))
            return false;
          if (s->u.raise.cause != NULL && !visit_expr (st, s->u.raise.cause))
            return false;
        }
      return true;
    case LANG_STMT_TRY:
    case LANG_STMT_TRY_STAR:
      if (!visit_stmts (st, s->u.try_.body, s->u.try_.n_body))
        return false;
      for (i = 0; i < s->u.try_.n_handlers; i++)
        {
          LangExceptHandler *h = s->u.try_.handlers[i];

          if (h->type != NULL && !visit_expr (st, h->type))
            return false;
          if (h->name != NULL && !add_def (st, h->name, LANG_DEF_LOCAL, LOC (h)))
            return false;
          if (!visit_stmts (st, h->body, h->n_body))
            return false;
        }
      return visit_stmts (st, s->u.try_.orelse, s->u.try_.n_orelse)
             && visit_stmts (st, s->u.try_.finalbody, s->u.try_.n_finalbody);
    case LANG_STMT_ASSERT:
      return visit_expr (st, s->u.assert.test)
             && (s->u.assert.msg == NULL || visit_expr (st, s->u.assert.msg));
    case LANG_STMT_IMPORT:
      for (i = 0; i < s->u.import.n_names; i++)
        if (!visit_alias (st, s->u.import.names[i]))
          return false;
      return true;
    case LANG_STMT_IMPORT_FROM:
      for (i = 0; i < s->u.import_from.n_names; i++)
        if (!visit_alias (st, s->u.import_from.names[i]))
          return false;
      return true;
    case LANG_STMT_GLOBAL:
      return visit_declaration (st, s, true);
    case LANG_STMT_NONLOCAL:
      return visit_declaration (st, s, false);
    case LANG_STMT_EXPR:
      return visit_expr (st, s->u.expr.value);
    case LANG_STMT_PASS:
    case LANG_STMT_BREAK:
    case LANG_STMT_CONTINUE:
      return true;
    }
  return true;
}

static bool
visit_stmt (LangSymtable *st, LangStmt *s)
{
  bool ok;

  if (++st->depth > MAX_DEPTH)
    {
      rt_error_format (&rt_exc_RecursionError,
                       "maximum recursion depth exceeded during compilation");
      st->failed = true;
      return false;
    }
  ok = visit_stmt_inner (st, s);
  st->depth--;
  return ok;
}

/* The scope a walrus inside a comprehension binds in: the nearest
 * enclosing function or the module, as symtable_extend_namedexpr_scope. */
static bool
extend_namedexpr_scope (LangSymtable *st, LangExpr *e)
{
  const char *raw = e->u.name.id;
  const char *name = st_name (st, raw);

  if (name == NULL)
    return false;
  for (size_t i = st->n_stack; i-- > 0;)
    {
      LangSymtableEntry *ste = st->stack[i];

      if (ste->comprehension != LANG_COMP_NONE)
        {
          unsigned f = entry_flags (ste, name);

          if ((f & LANG_DEF_COMP_ITER) && (f & LANG_DEF_LOCAL))
            return st_error_at (st, LOC (e),
                                "assignment expression cannot rebind comprehension iteration "
                                "variable '%s'",
                                raw);
          continue;
        }
      if (ste->type == LANG_BLOCK_FUNCTION)
        {
          unsigned f = entry_flags (ste, name);

          if (!add_def (st, raw, (f & LANG_DEF_GLOBAL) ? LANG_DEF_GLOBAL : LANG_DEF_NONLOCAL,
                        LOC (e))
              || !record_directive (st, raw, LOC (e)))
            return false;
          return add_def_in (st, raw, LANG_DEF_LOCAL, ste, LOC (e));
        }
      if (ste->type == LANG_BLOCK_MODULE)
        {
          if (!add_def (st, raw, LANG_DEF_GLOBAL, LOC (e)) || !record_directive (st, raw, LOC (e)))
            return false;
          return add_def_in (st, raw, LANG_DEF_GLOBAL, ste, LOC (e));
        }
      if (ste->type == LANG_BLOCK_CLASS)
        return st_error_at (st, LOC (e),
                            "assignment expression within a comprehension cannot be used in a "
                            "class body");
    }
  return true;
}

static bool
visit_named_expr (LangSymtable *st, LangExpr *e)
{
  if (st->cur->comp_iter_expr > 0)
    return st_error_at (st, LOC (e),
                        "assignment expression cannot be used in a comprehension iterable "
                        "expression");
  if (st->cur->comprehension != LANG_COMP_NONE
      && !extend_namedexpr_scope (st, e->u.named_expr.target))
    return false;
  return visit_expr (st, e->u.named_expr.value) && visit_expr (st, e->u.named_expr.target);
}

static bool
visit_comprehension (LangSymtable *st, LangComprehension *lc)
{
  st->cur->comp_iter_target = true;
  if (!visit_expr (st, lc->target))
    return false;
  st->cur->comp_iter_target = false;
  st->cur->comp_iter_expr++;
  if (!visit_expr (st, lc->iter))
    return false;
  st->cur->comp_iter_expr--;
  if (!visit_exprs (st, lc->ifs, lc->n_ifs))
    return false;
  if (lc->is_async)
    st->cur->coroutine = true;
  return true;
}

static bool
visit_comp (LangSymtable *st, LangExpr *e, const char *scope_name,
            LangComprehensionKind kind, LangComprehension **generators, size_t n_generators,
            LangExpr *elt, LangExpr *value)
{
  LangComprehension *outermost = generators[0];
  bool is_generator = kind == LANG_COMP_GENERATOR;
  bool is_async;

  /* The outermost iterable is evaluated in the enclosing scope. */
  st->cur->comp_iter_expr++;
  if (!visit_expr (st, outermost->iter))
    return false;
  st->cur->comp_iter_expr--;
  if (!enter_block (st, scope_name, LANG_BLOCK_FUNCTION, e, LOC (e)))
    return false;
  st->cur->comprehension = kind;
  if (outermost->is_async)
    st->cur->coroutine = true;
  /* ... and received as the argument .0 */
  if (!add_def (st, st->s_dot0, LANG_DEF_PARAM, st->cur->lineno, st->cur->col_offset,
                st->cur->end_lineno, st->cur->end_col_offset))
    return false;
  st->cur->comp_iter_target = true;
  if (!visit_expr (st, outermost->target))
    return false;
  st->cur->comp_iter_target = false;
  if (!visit_exprs (st, outermost->ifs, outermost->n_ifs))
    return false;
  for (size_t i = 1; i < n_generators; i++)
    if (!visit_comprehension (st, generators[i]))
      return false;
  if (value != NULL && !visit_expr (st, value))
    return false;
  if (!visit_expr (st, elt))
    return false;
  st->cur->generator = is_generator;
  is_async = st->cur->coroutine && !is_generator;
  exit_block (st);
  if (is_async)
    st->cur->coroutine = true;
  return true;
}

static bool
yield_in_comprehension (LangSymtable *st, LangExpr *e)
{
  static const char *const what[] = {
    [LANG_COMP_LIST] = "'yield' inside list comprehension",
    [LANG_COMP_SET] = "'yield' inside set comprehension",
    [LANG_COMP_DICT] = "'yield' inside dict comprehension",
    [LANG_COMP_GENERATOR] = "'yield' inside generator expression",
  };

  return st_error_name (st, LOC (e), what[st->cur->comprehension], "", "");
}

static bool
visit_expr_inner (LangSymtable *st, LangExpr *e)
{
  size_t i;

  switch (e->kind)
    {
    case LANG_EXPR_NAMED_EXPR:
      return visit_named_expr (st, e);
    case LANG_EXPR_BOOL_OP:
      return visit_exprs (st, e->u.bool_op.values, e->u.bool_op.n_values);
    case LANG_EXPR_BIN_OP:
      return visit_expr (st, e->u.bin_op.left) && visit_expr (st, e->u.bin_op.right);
    case LANG_EXPR_UNARY_OP:
      return visit_expr (st, e->u.unary_op.operand);
    case LANG_EXPR_LAMBDA:
      {
        LangArguments *args = e->u.lambda.args;

        if (!visit_exprs (st, args->defaults, args->n_defaults)
            || !visit_exprs (st, args->kw_defaults, args->n_kw_defaults))
          return false;
        if (!enter_block (st, st->s_lambda, LANG_BLOCK_FUNCTION, e, LOC (e)))
          return false;
        if (!visit_arguments (st, args) || !visit_expr (st, e->u.lambda.body))
          return false;
        exit_block (st);
        return true;
      }
    case LANG_EXPR_IF_EXP:
      return visit_expr (st, e->u.if_exp.test) && visit_expr (st, e->u.if_exp.body)
             && visit_expr (st, e->u.if_exp.orelse);
    case LANG_EXPR_DICT:
      return visit_exprs (st, e->u.dict.keys, e->u.dict.n_keys)
             && visit_exprs (st, e->u.dict.values, e->u.dict.n_values);
    case LANG_EXPR_SET:
      return visit_exprs (st, e->u.set.elts, e->u.set.n_elts);
    case LANG_EXPR_GENERATOR_EXP:
      return visit_comp (st, e, st->s_genexpr, LANG_COMP_GENERATOR, e->u.comp.generators,
                         e->u.comp.n_generators, e->u.comp.elt, NULL);
    case LANG_EXPR_LIST_COMP:
      return visit_comp (st, e, st->s_listcomp, LANG_COMP_LIST, e->u.comp.generators,
                         e->u.comp.n_generators, e->u.comp.elt, NULL);
    case LANG_EXPR_SET_COMP:
      return visit_comp (st, e, st->s_setcomp, LANG_COMP_SET, e->u.comp.generators,
                         e->u.comp.n_generators, e->u.comp.elt, NULL);
    case LANG_EXPR_DICT_COMP:
      return visit_comp (st, e, st->s_dictcomp, LANG_COMP_DICT, e->u.dict_comp.generators,
                         e->u.dict_comp.n_generators, e->u.dict_comp.key, e->u.dict_comp.value);
    case LANG_EXPR_YIELD:
    case LANG_EXPR_YIELD_FROM:
      if (e->u.await.value != NULL && !visit_expr (st, e->u.await.value))
        return false;
      st->cur->generator = true;
      if (st->cur->comprehension != LANG_COMP_NONE)
        return yield_in_comprehension (st, e);
      return true;
    case LANG_EXPR_AWAIT:
      if (!visit_expr (st, e->u.await.value))
        return false;
      st->cur->coroutine = true;
      return true;
    case LANG_EXPR_COMPARE:
      return visit_expr (st, e->u.compare.left)
             && visit_exprs (st, e->u.compare.comparators, e->u.compare.n_comparators);
    case LANG_EXPR_CALL:
      if (!visit_expr (st, e->u.call.func) || !visit_exprs (st, e->u.call.args, e->u.call.n_args))
        return false;
      for (i = 0; i < e->u.call.n_keywords; i++)
        if (!visit_expr (st, e->u.call.keywords[i]->value))
          return false;
      return true;
    case LANG_EXPR_FORMATTED_VALUE:
      return visit_expr (st, e->u.formatted_value.value)
             && (e->u.formatted_value.format_spec == NULL
                 || visit_expr (st, e->u.formatted_value.format_spec));
    case LANG_EXPR_JOINED_STR:
      return visit_exprs (st, e->u.joined_str.values, e->u.joined_str.n_values);
    case LANG_EXPR_CONSTANT:
      return true;
    case LANG_EXPR_ATTRIBUTE:
      return visit_expr (st, e->u.attribute.value);
    case LANG_EXPR_SUBSCRIPT:
      return visit_expr (st, e->u.subscript.value) && visit_expr (st, e->u.subscript.slice);
    case LANG_EXPR_STARRED:
      return visit_expr (st, e->u.starred.value);
    case LANG_EXPR_SLICE:
      return (e->u.slice.lower == NULL || visit_expr (st, e->u.slice.lower))
             && (e->u.slice.upper == NULL || visit_expr (st, e->u.slice.upper))
             && (e->u.slice.step == NULL || visit_expr (st, e->u.slice.step));
    case LANG_EXPR_NAME:
      if (!add_def (st, e->u.name.id, e->u.name.ctx == LANG_CTX_LOAD ? LANG_DEF_USE : LANG_DEF_LOCAL,
                    LOC (e)))
        return false;
      /* super() reads __class__, the cell the class statement makes. */
      if (e->u.name.ctx == LANG_CTX_LOAD && st->cur->type == LANG_BLOCK_FUNCTION
          && strcmp (e->u.name.id, "super") == 0)
        return add_def (st, st->s_class, LANG_DEF_USE, LOC (e));
      return true;
    case LANG_EXPR_LIST:
    case LANG_EXPR_TUPLE:
      return visit_exprs (st, e->u.seq.elts, e->u.seq.n_elts);
    }
  return true;
}

static bool
visit_expr (LangSymtable *st, LangExpr *e)
{
  bool ok;

  if (++st->depth > MAX_DEPTH)
    {
      rt_error_format (&rt_exc_RecursionError,
                       "maximum recursion depth exceeded during compilation");
      st->failed = true;
      return false;
    }
  ok = visit_expr_inner (st, e);
  st->depth--;
  return ok;
}

/* The second pass. Sets of names are pointer maps with unused values. */

typedef LangPtrMap NameSet;

static bool
set_add (LangSymtable *st, NameSet *set, const char *name)
{
  return lang_ptr_map_insert (set, name, NULL) || st_no_memory (st);
}

static bool
set_has (const NameSet *set, const char *name)
{
  return set != NULL && lang_ptr_map_lookup (set, name, NULL);
}

/* Maps have no removal: rebuild without the name. */
static bool
set_discard (LangSymtable *st, NameSet *set, const char *name)
{
  NameSet copy;

  if (!set_has (set, name))
    return true;
  lang_ptr_map_init (&copy);
  for (size_t i = 0; i < set->capacity; i++)
    if (set->keys[i] != NULL && set->keys[i] != name && !set_add (st, &copy, set->keys[i]))
      {
        lang_ptr_map_clear (&copy);
        return false;
      }
  lang_ptr_map_clear (set);
  *set = copy;
  return true;
}

static bool
set_update (LangSymtable *st, NameSet *set, const NameSet *other)
{
  if (other == NULL)
    return true;
  for (size_t i = 0; i < other->capacity; i++)
    if (other->keys[i] != NULL && !set_add (st, set, other->keys[i]))
      return false;
  return true;
}

/* Reports an error at the global or nonlocal statement that declared
 * name: "prefix shown suffix". */
static bool
error_at_directive (LangSymtable *st, LangSymtableEntry *ste, const char *name,
                    const char *prefix, const char *shown, const char *suffix)
{
  for (size_t i = 0; i < ste->n_directives; i++)
    if (ste->directives[i].name == name)
      {
        LangDirective *d = &ste->directives[i];

        return st_error_name (st, d->lineno, d->col_offset, d->end_lineno, d->end_col_offset,
                              prefix, shown, suffix);
      }
  return st_error_name (st, ste->lineno, ste->col_offset, ste->end_lineno, ste->end_col_offset,
                        prefix, shown, suffix);
}

static bool
analyze_name (LangSymtable *st, LangSymtableEntry *ste, LangSymbol *sym, NameSet *bound,
              NameSet *local, NameSet *free, NameSet *global)
{
  const char *name = sym->name;
  unsigned flags = sym->flags;

  if (flags & LANG_DEF_GLOBAL)
    {
      if (flags & LANG_DEF_NONLOCAL)
        return error_at_directive (st, ste, name, "name '", name, "' is nonlocal and global");
      sym->scope = LANG_SCOPE_GLOBAL_EXPLICIT;
      if (!set_add (st, global, name))
        return false;
      return bound == NULL || set_discard (st, bound, name);
    }
  if (flags & LANG_DEF_NONLOCAL)
    {
      if (bound == NULL)
        return error_at_directive (st, ste, name, "nonlocal declaration not allowed at module level",
                                   "", "");
      if (!set_has (bound, name))
        return error_at_directive (st, ste, name, "no binding for nonlocal '", name, "' found");
      sym->scope = LANG_SCOPE_FREE;
      ste->has_free = true;
      return set_add (st, free, name);
    }
  if (flags & LANG_DEF_BOUND)
    {
      sym->scope = LANG_SCOPE_LOCAL;
      return set_add (st, local, name) && set_discard (st, global, name);
    }
  /* Bound in an enclosing function: free here. */
  if (bound != NULL && set_has (bound, name))
    {
      sym->scope = LANG_SCOPE_FREE;
      ste->has_free = true;
      return set_add (st, free, name);
    }
  /* Declared global further out: a global, if only implicitly. */
  if (set_has (global, name))
    {
      sym->scope = LANG_SCOPE_GLOBAL_IMPLICIT;
      return true;
    }
  if (ste->nested)
    ste->has_free = true;
  sym->scope = LANG_SCOPE_GLOBAL_IMPLICIT;
  return true;
}

/* Locals that a nested block uses become cells, and stop being free. */
static bool
analyze_cells (LangSymtable *st, LangSymtableEntry *ste, NameSet *free)
{
  for (size_t i = 0; i < ste->n_symbols; i++)
    {
      LangSymbol *sym = &ste->symbols[i];

      if (sym->scope != LANG_SCOPE_LOCAL || !set_has (free, sym->name))
        continue;
      sym->scope = LANG_SCOPE_CELL;
      if (!set_discard (st, free, sym->name))
        return false;
    }
  return true;
}

static bool
drop_class_free (LangSymtable *st, LangSymtableEntry *ste, NameSet *free)
{
  if (set_has (free, st->s_class))
    {
      ste->needs_class_closure = true;
      return set_discard (st, free, st->s_class);
    }
  return true;
}

/* Records the free variables of nested blocks that pass through this one:
 * they become free here too, unless they are globals. */
static bool
update_symbols (LangSymtable *st, LangSymtableEntry *ste, NameSet *bound, NameSet *free,
                bool classflag)
{
  for (size_t i = 0; i < free->capacity; i++)
    {
      const char *name = free->keys[i];
      LangSymbol *sym;

      if (name == NULL)
        continue;
      sym = entry_symbol (ste, name);
      if (sym != NULL)
        {
          /* A method's free variable that the class also binds. */
          if (classflag)
            sym->flags |= LANG_DEF_FREE_CLASS;
          continue;
        }
      if (bound != NULL && !set_has (bound, name))
        continue;
      sym = entry_add (st, ste, name, 0);
      if (sym == NULL)
        return false;
      sym->scope = LANG_SCOPE_FREE;
    }
  return true;
}

static bool analyze_child_block (LangSymtable *st, LangSymtableEntry *entry, NameSet *bound,
                                 NameSet *free, NameSet *global, NameSet *child_free);

static bool
analyze_block (LangSymtable *st, LangSymtableEntry *ste, NameSet *bound, NameSet *free,
               NameSet *global)
{
  NameSet local, newbound, newglobal, newfree;
  bool ok = false;

  lang_ptr_map_init (&local);
  lang_ptr_map_init (&newbound);
  lang_ptr_map_init (&newglobal);
  lang_ptr_map_init (&newfree);

  /* A class's own names are invisible to its methods: what its children
   * see is fixed before its names are analyzed. */
  if (ste->type == LANG_BLOCK_CLASS)
    {
      if (!set_update (st, &newglobal, global) || !set_update (st, &newbound, bound))
        goto out;
    }
  for (size_t i = 0; i < ste->n_symbols; i++)
    if (!analyze_name (st, ste, &ste->symbols[i], bound, &local, free, global))
      goto out;
  if (ste->type != LANG_BLOCK_CLASS)
    {
      if (ste->type == LANG_BLOCK_FUNCTION && !set_update (st, &newbound, &local))
        goto out;
      if (!set_update (st, &newbound, bound) || !set_update (st, &newglobal, global))
        goto out;
    }
  else if (!set_add (st, &newbound, st->s_class))
    goto out;

  for (size_t i = 0; i < ste->n_children; i++)
    {
      LangSymtableEntry *child = ste->children[i];
      NameSet child_free;
      bool child_ok;

      lang_ptr_map_init (&child_free);
      child_ok = analyze_child_block (st, child, &newbound, &newfree, &newglobal, &child_free)
                 && set_update (st, &newfree, &child_free);
      lang_ptr_map_clear (&child_free);
      if (!child_ok)
        goto out;
      if (child->has_free || child->child_free)
        ste->child_free = true;
    }

  if (ste->type == LANG_BLOCK_FUNCTION && !analyze_cells (st, ste, &newfree))
    goto out;
  if (ste->type == LANG_BLOCK_CLASS && !drop_class_free (st, ste, &newfree))
    goto out;
  if (!update_symbols (st, ste, bound, &newfree, ste->type == LANG_BLOCK_CLASS))
    goto out;
  ok = set_update (st, free, &newfree);

out:
  lang_ptr_map_clear (&local);
  lang_ptr_map_clear (&newbound);
  lang_ptr_map_clear (&newglobal);
  lang_ptr_map_clear (&newfree);
  return ok;
}

/* A child works on copies, so its bindings never reach its siblings. */
static bool
analyze_child_block (LangSymtable *st, LangSymtableEntry *entry, NameSet *bound, NameSet *free,
                     NameSet *global, NameSet *child_free)
{
  NameSet temp_bound, temp_global;
  bool ok;

  lang_ptr_map_init (&temp_bound);
  lang_ptr_map_init (&temp_global);
  ok = set_update (st, &temp_bound, bound) && set_update (st, child_free, free)
       && set_update (st, &temp_global, global)
       && analyze_block (st, entry, &temp_bound, child_free, &temp_global);
  lang_ptr_map_clear (&temp_bound);
  lang_ptr_map_clear (&temp_global);
  return ok;
}

/* The table */

static void
free_entries (LangSymtableEntry *ste)
{
  if (ste == NULL)
    return;
  for (size_t i = 0; i < ste->n_children; i++)
    free_entries (ste->children[i]);
  entry_free (ste);
}

void
lang_symtable_free (LangSymtable *st)
{
  if (st == NULL)
    return;
  free_entries (st->top);
  lang_ptr_map_clear (&st->blocks);
  free (st->stack);
  lang_str_pool_clear (&st->pool);
  free (st);
}

LangSymtable *
lang_symtable_build (LangStmt **body, size_t n, const LangCompileInput *input,
                     LangSyntaxError *error)
{
  LangSymtable *st = calloc (1, sizeof *st);
  NameSet free_set, global_set;
  bool ok;

  if (st == NULL)
    {
      rt_error_no_memory ();
      return NULL;
    }
  st->input = input;
  st->error = error;
  lang_str_pool_init (&st->pool);
  lang_ptr_map_init (&st->blocks);
  st->s_top = lang_str_pool_add_cstr (&st->pool, "top");
  st->s_lambda = lang_str_pool_add_cstr (&st->pool, "lambda");
  st->s_listcomp = lang_str_pool_add_cstr (&st->pool, "listcomp");
  st->s_setcomp = lang_str_pool_add_cstr (&st->pool, "setcomp");
  st->s_dictcomp = lang_str_pool_add_cstr (&st->pool, "dictcomp");
  st->s_genexpr = lang_str_pool_add_cstr (&st->pool, "genexpr");
  st->s_class = lang_str_pool_add_cstr (&st->pool, "__class__");
  st->s_dot0 = lang_str_pool_add_cstr (&st->pool, ".0");
  if (st->s_top == NULL || st->s_lambda == NULL || st->s_listcomp == NULL
      || st->s_setcomp == NULL || st->s_dictcomp == NULL || st->s_genexpr == NULL
      || st->s_class == NULL || st->s_dot0 == NULL)
    {
      st_no_memory (st);
      goto fail;
    }

  /* The module has no node: it is found as the top. */
  if (!enter_block (st, st->s_top, LANG_BLOCK_MODULE, NULL, 0, 0, 0, 0))
    goto fail;
  if (!visit_stmts (st, body, n))
    goto fail;
  exit_block (st);

  lang_ptr_map_init (&free_set);
  lang_ptr_map_init (&global_set);
  ok = analyze_block (st, st->top, NULL, &free_set, &global_set);
  lang_ptr_map_clear (&free_set);
  lang_ptr_map_clear (&global_set);
  if (!ok)
    goto fail;
  return st;

fail:
  lang_symtable_free (st);
  return NULL;
}

LangSymtableEntry *
lang_symtable_top (const LangSymtable *st)
{
  return st->top;
}

LangSymtableEntry *
lang_symtable_lookup (const LangSymtable *st, const void *key)
{
  void *v;

  if (key == NULL)
    return NULL;
  return lang_ptr_map_lookup (&st->blocks, key, &v) ? v : NULL;
}

LangStrPool *
lang_symtable_pool (LangSymtable *st)
{
  return &st->pool;
}

const LangSymbol *
lang_symtable_entry_get (const LangSymtableEntry *ste, const char *pooled)
{
  return entry_symbol (ste, pooled);
}

LangScope
lang_symtable_scope_of (LangSymtable *st, const LangSymtableEntry *ste, const char *name)
{
  const char *pooled = lang_str_pool_add_cstr (&st->pool, name);
  const LangSymbol *sym = pooled ? entry_symbol (ste, pooled) : NULL;

  return sym ? sym->scope : LANG_SCOPE_NONE;
}
