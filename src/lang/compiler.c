/* compiler.c: the compiler's entry point and its machinery, after CPython
 * 3.11's compile.c: units (one per code object being made), their blocks
 * and instructions, constants and names, scopes, and how a name is loaded
 * or stored according to the symbol table. Statements are in
 * compiler-stmt.c, expressions in compiler-expr.c, the optimizer and
 * assembler in compiler-assemble.c. */
#include "compiler-private.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/error.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

/* Errors */

bool
lang_c_error (LangCompiler *c, const char *format, ...)
{
  char msg[512];
  va_list args;
  LangPosition *loc = &c->u->loc;

  va_start (args, format);
  vsnprintf (msg, sizeof msg, format, args);
  va_end (args);
  lang_syntax_error_set (c->error, "SyntaxError", c->input->source, c->input->length, loc->lineno,
                         loc->col, loc->end_lineno, loc->end_col, msg);
  c->failed = true;
  return false;
}

bool
lang_c_no_memory (LangCompiler *c)
{
  if (!rt_error_occurred ())
    rt_error_no_memory ();
  c->failed = true;
  return false;
}

/* Names */

static void
name_list_init (LangNameList *list)
{
  memset (list, 0, sizeof *list);
  lang_ptr_map_init (&list->index);
}

static void
name_list_clear (LangNameList *list)
{
  free (list->items);
  lang_ptr_map_clear (&list->index);
  memset (list, 0, sizeof *list);
}

static int
name_list_find (const LangNameList *list, const char *name)
{
  void *v;

  return lang_ptr_map_lookup (&list->index, name, &v) ? (int) ((uintptr_t) v - 1) : -1;
}

/* The index of name in list, appending it first if new. */
int
lang_c_add_name (LangCompiler *c, LangNameList *list, const char *name)
{
  int i = name_list_find (list, name);

  if (i >= 0)
    return i;
  if (list->count == list->capacity)
    {
      size_t capacity = list->capacity ? list->capacity * 2 : 8;
      const char **items = realloc (list->items, capacity * sizeof *items);

      if (items == NULL)
        return lang_c_no_memory (c), -1;
      list->items = items;
      list->capacity = capacity;
    }
  if (!lang_ptr_map_insert (&list->index, name, (void *) (uintptr_t) (list->count + 1)))
    return lang_c_no_memory (c), -1;
  list->items[list->count] = name;
  return (int) list->count++;
}

const char *
lang_c_pool (LangCompiler *c, const char *name)
{
  const char *pooled = lang_str_pool_add_cstr (c->pool, name);

  if (pooled == NULL)
    lang_c_no_memory (c);
  return pooled;
}

const char *
lang_c_mangle (LangCompiler *c, const char *name)
{
  const char *pooled = lang_symtable_mangle (c->st, c->u->private_, name);

  if (pooled == NULL)
    lang_c_no_memory (c);
  return pooled;
}

RtObject *
lang_c_name_object (LangCompiler *c, const char *pooled)
{
  void *v;
  RtObject *obj;

  if (lang_ptr_map_lookup (&c->name_objects, pooled, &v))
    return v;
  obj = lang_const_identifier (pooled);
  if (obj == NULL)
    {
      c->failed = true;
      return NULL;
    }
  if (!lang_ptr_map_insert (&c->name_objects, pooled, obj))
    {
      rt_decref (obj);
      lang_c_no_memory (c);
      return NULL;
    }
  return obj;
}

/* Blocks and instructions */

LangBlock *
lang_c_new_block (LangCompiler *c)
{
  LangBlock *b = calloc (1, sizeof *b);

  if (b == NULL)
    {
      lang_c_no_memory (c);
      return NULL;
    }
  b->list = c->u->blocks;
  c->u->blocks = b;
  return b;
}

void
lang_c_use_next_block (LangCompiler *c, LangBlock *block)
{
  c->u->curblock->next = block;
  c->u->curblock = block;
  c->u->need_new_implicit_block = false;
}

static bool
is_end_of_block (int op)
{
  return lang_c_is_jump (op) || op == LANG_OP_RETURN_VALUE || op == LANG_OP_RAISE_VARARGS
         || op == LANG_OP_RERAISE;
}

static bool
add_instr (LangCompiler *c, int op, int arg, LangBlock *target, LangPosition pos)
{
  LangUnit *u = c->u;
  LangBlock *b;
  LangCInstr *in;

  if (c->failed)
    return false;
  if (u->need_new_implicit_block)
    {
      LangBlock *nb = lang_c_new_block (c);

      if (nb == NULL)
        return false;
      lang_c_use_next_block (c, nb);
    }
  b = u->curblock;
  if (b->n_instr == b->cap_instr)
    {
      int cap = b->cap_instr ? b->cap_instr * 2 : 16;
      LangCInstr *p = realloc (b->instr, (size_t) cap * sizeof *p);

      if (p == NULL)
        return lang_c_no_memory (c);
      b->instr = p;
      b->cap_instr = cap;
    }
  in = &b->instr[b->n_instr++];
  in->op = op;
  in->arg = arg;
  in->target = target;
  in->except = NULL;
  in->pos = pos;
  if (op == LANG_OP_RETURN_VALUE)
    b->has_return = true;
  if (is_end_of_block (op))
    u->need_new_implicit_block = true;
  return true;
}

static const LangPosition no_position = { -1, -1, -1, -1 };

bool
lang_c_addop (LangCompiler *c, int op, int arg)
{
  return add_instr (c, op, arg, NULL, c->u->loc);
}

bool
lang_c_addop_noline (LangCompiler *c, int op, int arg)
{
  return add_instr (c, op, arg, NULL, no_position);
}

bool
lang_c_addop_j (LangCompiler *c, int op, LangBlock *target)
{
  return add_instr (c, op, 0, target, c->u->loc);
}

bool
lang_c_addop_j_noline (LangCompiler *c, int op, LangBlock *target)
{
  return add_instr (c, op, 0, target, no_position);
}

/* Constants */

int
lang_c_add_const (LangCompiler *c, RtObject *obj)
{
  LangUnit *u = c->u;
  RtObject *cached;
  void *v;

  cached = lang_const_cache_merge (&c->cache, rt_newref (obj));
  if (cached == NULL)
    {
      c->failed = true;
      return -1;
    }
  if (lang_ptr_map_lookup (&u->const_index, cached, &v))
    return (int) ((uintptr_t) v - 1);
  if (u->n_consts == u->cap_consts)
    {
      size_t cap = u->cap_consts ? u->cap_consts * 2 : 8;
      RtObject **p = realloc (u->consts, cap * sizeof *p);

      if (p == NULL)
        return lang_c_no_memory (c), -1;
      u->consts = p;
      u->cap_consts = cap;
    }
  if (!lang_ptr_map_insert (&u->const_index, cached, (void *) (uintptr_t) (u->n_consts + 1)))
    return lang_c_no_memory (c), -1;
  u->consts[u->n_consts] = cached;
  return (int) u->n_consts++;
}

bool
lang_c_load_const (LangCompiler *c, RtObject *obj)
{
  int i = lang_c_add_const (c, obj);

  return i >= 0 && lang_c_addop (c, LANG_OP_LOAD_CONST, i);
}

bool
lang_c_load_const_new (LangCompiler *c, RtObject *obj)
{
  bool ok;

  if (obj == NULL)
    {
      c->failed = true;
      return false;
    }
  ok = lang_c_load_const (c, obj);
  rt_decref (obj);
  return ok;
}

bool
lang_c_addop_name (LangCompiler *c, int op, const char *name)
{
  const char *mangled = lang_c_mangle (c, name);
  int i;

  if (mangled == NULL)
    return false;
  i = lang_c_add_name (c, &c->u->names, mangled);
  return i >= 0 && lang_c_addop (c, op, i);
}

/* Scopes */

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names of ste with the given scope (or flag), sorted as CPython's
 * dictbytype does, so the layout of cells is deterministic. */
static bool
names_by_scope (LangCompiler *c, LangSymtableEntry *ste, LangScope scope, unsigned flag,
                LangNameList *out)
{
  const char **names = malloc ((ste->n_symbols + 1) * sizeof *names);
  size_t n = 0;

  if (names == NULL)
    return lang_c_no_memory (c);
  for (size_t i = 0; i < ste->n_symbols; i++)
    if (ste->symbols[i].scope == scope || (ste->symbols[i].flags & flag))
      names[n++] = ste->symbols[i].name;
  qsort (names, n, sizeof *names, compare_names);
  for (size_t i = 0; i < n; i++)
    if (lang_c_add_name (c, out, names[i]) < 0)
      {
        free (names);
        return false;
      }
  free (names);
  return true;
}

static void
unit_free (LangUnit *u)
{
  LangBlock *b = u->blocks;

  while (b != NULL)
    {
      LangBlock *next = b->list;

      free (b->instr);
      free (b->exceptstack);
      free (b);
      b = next;
    }
  rt_xdecref (u->name);
  rt_xdecref (u->qualname);
  free (u->consts);
  lang_ptr_map_clear (&u->const_index);
  name_list_clear (&u->names);
  name_list_clear (&u->varnames);
  name_list_clear (&u->cellvars);
  name_list_clear (&u->freevars);
  free (u);
}

LangScope
lang_c_scope (LangCompiler *c, const char *pooled)
{
  const LangSymbol *sym = lang_symtable_entry_get (c->u->ste, pooled);

  return sym ? sym->scope : LANG_SCOPE_NONE;
}

static bool
set_qualname (LangCompiler *c)
{
  LangUnit *u = c->u;
  LangUnit *parent = u->parent;
  RtObject *base = NULL;
  RtObject *name;

  /* Units directly in the module have their plain name. */
  if (parent != NULL && parent->parent != NULL)
    {
      bool force_global = false;

      if (u->type == LANG_UNIT_FUNCTION || u->type == LANG_UNIT_CLASS)
        {
          const char *mangled = lang_symtable_mangle (c->st, parent->private_,
                                                      rt_str_utf8 (u->name));
          const LangSymbol *sym;

          if (mangled == NULL)
            return lang_c_no_memory (c);
          sym = lang_symtable_entry_get (parent->ste, mangled);
          if (sym != NULL && sym->scope == LANG_SCOPE_GLOBAL_EXPLICIT)
            force_global = true;
        }
      if (!force_global)
        {
          if (parent->type == LANG_UNIT_FUNCTION || parent->type == LANG_UNIT_LAMBDA)
            base = rt_str_from_format ("%S.<locals>", parent->qualname);
          else
            base = rt_newref (parent->qualname);
          if (base == NULL)
            {
              c->failed = true;
              return false;
            }
        }
    }
  if (base != NULL)
    {
      name = rt_str_from_format ("%S.%S", base, u->name);
      rt_decref (base);
      if (name == NULL)
        {
          c->failed = true;
          return false;
        }
    }
  else
    name = rt_newref (u->name);
  u->qualname = name;
  return true;
}

bool
lang_c_enter_scope (LangCompiler *c, const char *name, LangUnitType type, const void *key,
                    int lineno)
{
  LangUnit *u = calloc (1, sizeof *u);
  LangBlock *block;

  if (u == NULL)
    return lang_c_no_memory (c);
  u->type = type;
  lang_ptr_map_init (&u->const_index);
  name_list_init (&u->names);
  name_list_init (&u->varnames);
  name_list_init (&u->cellvars);
  name_list_init (&u->freevars);
  u->ste = key != NULL ? lang_symtable_lookup (c->st, key) : lang_symtable_top (c->st);
  u->name = lang_const_identifier (name);
  if (u->ste == NULL || u->name == NULL)
    {
      if (u->ste == NULL && !rt_error_occurred ())
        rt_error_format (&rt_exc_RuntimeError, "unknown symbol table entry");
      c->failed = true;
      unit_free (u);
      return false;
    }
  /* Push first, so the helpers below see the unit. */
  u->parent = c->u;
  c->u = u;
  c->nestlevel++;
  if (u->parent != NULL)
    u->private_ = u->parent->private_;

  for (size_t i = 0; i < u->ste->n_varnames; i++)
    if (lang_c_add_name (c, &u->varnames, u->ste->varnames[i]) < 0)
      return false;
  if (!names_by_scope (c, u->ste, LANG_SCOPE_CELL, 0, &u->cellvars))
    return false;
  if (u->ste->needs_class_closure && lang_c_add_name (c, &u->cellvars, c->s_class) < 0)
    return false;
  if (!names_by_scope (c, u->ste, LANG_SCOPE_FREE, LANG_DEF_FREE_CLASS, &u->freevars))
    return false;

  u->firstlineno = lineno;
  lang_c_set_loc (c, lineno, 0, lineno, 0);
  block = lang_c_new_block (c);
  if (block == NULL)
    return false;
  u->blocks = block;
  u->entry = block;
  u->curblock = block;

  if (type == LANG_UNIT_MODULE)
    u->loc.lineno = 0;
  else if (!set_qualname (c))
    return false;
  if (!lang_c_addop (c, LANG_PSEUDO_RESUME, 0))
    return false;
  if (type == LANG_UNIT_MODULE)
    u->loc.lineno = -1;
  return true;
}

void
lang_c_exit_scope (LangCompiler *c)
{
  LangUnit *u = c->u;

  c->nestlevel--;
  c->u = u->parent;
  unit_free (u);
}

/* Frame blocks: the loops and handlers a break, continue or return must
 * unwind. */

bool
lang_c_push_fblock (LangCompiler *c, LangFBlockType type, LangBlock *block, LangBlock *exit)
{
  LangFBlock *f;

  if (c->u->n_fblocks >= LANG_MAX_BLOCKS)
    return lang_c_error (c, "too many statically nested blocks");
  f = &c->u->fblocks[c->u->n_fblocks++];
  memset (f, 0, sizeof *f);
  f->type = type;
  f->block = block;
  f->exit = exit;
  return true;
}

void
lang_c_pop_fblock (LangCompiler *c, LangFBlockType type, LangBlock *block)
{
  LangFBlock *f = &c->u->fblocks[--c->u->n_fblocks];

  /* Blocks are pushed and popped in pairs by the same function. */
  assert (f->type == type && f->block == block);
  (void) f;
  (void) type;
  (void) block;
}

/* Loading and storing names */

bool
lang_c_forbidden_name (LangCompiler *c, const char *name, LangExprContext ctx)
{
  if (strcmp (name, "__debug__") != 0)
    return false;
  if (ctx == LANG_CTX_STORE)
    return !lang_c_error (c, "cannot assign to __debug__");
  if (ctx == LANG_CTX_DEL)
    return !lang_c_error (c, "cannot delete __debug__");
  return false;
}

bool
lang_c_nameop (LangCompiler *c, const char *name, LangExprContext ctx)
{
  enum
  {
    OP_FAST,
    OP_GLOBAL,
    OP_DEREF,
    OP_NAME
  } optype = OP_NAME;
  LangUnit *u = c->u;
  const char *mangled;
  LangNameList *list = &u->names;
  int op = 0, arg;
  bool function = u->ste->type == LANG_BLOCK_FUNCTION;

  if (lang_c_forbidden_name (c, name, ctx))
    return false;
  mangled = lang_c_mangle (c, name);
  if (mangled == NULL)
    return false;
  switch (lang_c_scope (c, mangled))
    {
    case LANG_SCOPE_FREE:
      list = &u->freevars;
      optype = OP_DEREF;
      break;
    case LANG_SCOPE_CELL:
      list = &u->cellvars;
      optype = OP_DEREF;
      break;
    case LANG_SCOPE_LOCAL:
      if (function)
        optype = OP_FAST;
      break;
    case LANG_SCOPE_GLOBAL_IMPLICIT:
      if (function)
        optype = OP_GLOBAL;
      break;
    case LANG_SCOPE_GLOBAL_EXPLICIT:
      optype = OP_GLOBAL;
      break;
    case LANG_SCOPE_NONE:
      break;
    }

  switch (optype)
    {
    case OP_DEREF:
      if (ctx == LANG_CTX_LOAD)
        op = u->ste->type == LANG_BLOCK_CLASS ? LANG_OP_LOAD_CLASSDEREF : LANG_OP_LOAD_DEREF;
      else
        op = ctx == LANG_CTX_STORE ? LANG_OP_STORE_DEREF : LANG_OP_DELETE_DEREF;
      arg = lang_c_add_name (c, list, mangled);
      if (arg < 0)
        return false;
      /* Free variables come after the cells; the assembler maps both to
       * their slots in the frame. */
      if (list == &u->freevars)
        arg += (int) u->cellvars.count;
      return lang_c_addop (c, op, arg);
    case OP_FAST:
      op = ctx == LANG_CTX_LOAD ? LANG_OP_LOAD_FAST
           : ctx == LANG_CTX_STORE ? LANG_OP_STORE_FAST : LANG_OP_DELETE_FAST;
      arg = lang_c_add_name (c, &u->varnames, mangled);
      return arg >= 0 && lang_c_addop (c, op, arg);
    case OP_GLOBAL:
      op = ctx == LANG_CTX_LOAD ? LANG_OP_LOAD_GLOBAL
           : ctx == LANG_CTX_STORE ? LANG_OP_STORE_GLOBAL : LANG_OP_DELETE_GLOBAL;
      break;
    case OP_NAME:
      op = ctx == LANG_CTX_LOAD ? LANG_OP_LOAD_NAME
           : ctx == LANG_CTX_STORE ? LANG_OP_STORE_NAME : LANG_OP_DELETE_NAME;
      break;
    }
  arg = lang_c_add_name (c, &u->names, mangled);
  if (arg < 0)
    return false;
  if (op == LANG_OP_LOAD_GLOBAL)
    arg <<= 1;
  return lang_c_addop (c, op, arg);
}

/* Functions and closures */

/* Loads the cells a nested code object closes over, then makes the
 * function: [closure tuple?] code -> MAKE_FUNCTION flags. */
bool
lang_c_make_closure (LangCompiler *c, LangCode *co, int flags)
{
  LangUnit *u = c->u;

  if (co->nfreevars > 0)
    {
      for (int32_t i = co->nlocalsplus - co->nfreevars; i < co->nlocalsplus; i++)
        {
          RtObject *name_obj = RT_TUPLE_ITEMS (co->localsplusnames)[i];
          const char *name = lang_c_pool (c, rt_str_utf8 (name_obj));
          int arg;

          if (name == NULL)
            return false;
          /* A class's __class__ is always its own cell; other names are a
           * cell here or passed through as free variables. */
          if ((u->type == LANG_UNIT_CLASS && name == c->s_class)
              || lang_c_scope (c, name) == LANG_SCOPE_CELL)
            arg = name_list_find (&u->cellvars, name);
          else
            {
              arg = name_list_find (&u->freevars, name);
              if (arg >= 0)
                arg += (int) u->cellvars.count;
            }
          if (arg < 0)
            {
              rt_error_format (&rt_exc_RuntimeError,
                               "compiler: no cell for free variable '%s'", name);
              c->failed = true;
              return false;
            }
          if (!lang_c_addop (c, LANG_OP_LOAD_CLOSURE, arg))
            return false;
        }
      flags |= 0x08;
      if (!lang_c_addop (c, LANG_OP_BUILD_TUPLE, co->nfreevars))
        return false;
    }
  return lang_c_load_const (c, &co->ob) && lang_c_addop (c, LANG_OP_MAKE_FUNCTION, flags);
}

/* The entry point */

static bool
compiler_init (LangCompiler *c, const LangCompileInput *input)
{
  static const char *const names[] = { "__name__",  "__module__",    "__qualname__",
                                       "__doc__",   "__class__",     "__classcell__",
                                       "__annotations__" };
  const char **slots[] = { &c->s_name,  &c->s_module,    &c->s_qualname,    &c->s_doc,
                           &c->s_class, &c->s_classcell, &c->s_annotations };

  c->pool = lang_symtable_pool (c->st);
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    {
      *slots[i] = lang_c_pool (c, names[i]);
      if (*slots[i] == NULL)
        return false;
    }
  c->filename = rt_str_from_cstr (input->filename ? input->filename : "<string>");
  if (c->filename == NULL)
    {
      c->failed = true;
      return false;
    }
  return true;
}

static LangCode *
compile_module (LangCompiler *c, LangStmt **body, size_t n)
{
  LangCode *co;

  if (!lang_c_enter_scope (c, "<module>", LANG_UNIT_MODULE, NULL, 1))
    return NULL;
  c->u->loc.lineno = 1;
  if (!lang_c_body (c, body, n))
    return NULL;
  co = lang_c_assemble (c, true);
  lang_c_exit_scope (c);
  return co;
}

LangCode *
lang_compile (LangStmt **body, size_t n, const LangCompileInput *input, LangSyntaxError *error)
{
  LangCompiler c;
  LangCode *co = NULL;

  memset (&c, 0, sizeof c);
  c.input = input;
  c.error = error;
  lang_const_cache_init (&c.cache);
  lang_fold_init (&c.fold, &c.cache, input, error);
  lang_ptr_map_init (&c.name_objects);

  /* As CPython: fold first, then find the scopes of the folded tree. */
  if (!lang_fold_body (&c.fold, body, n))
    goto out;
  c.st = lang_symtable_build (body, n, input, error);
  if (c.st == NULL)
    goto out;
  if (!compiler_init (&c, input))
    goto out;
  co = compile_module (&c, body, n);

out:
  while (c.u != NULL)
    lang_c_exit_scope (&c);
  for (size_t i = 0; i < c.name_objects.capacity; i++)
    if (c.name_objects.keys[i] != NULL)
      rt_decref (c.name_objects.values[i]);
  lang_ptr_map_clear (&c.name_objects);
  lang_fold_clear (&c.fold);
  lang_const_cache_clear (&c.cache);
  rt_xdecref (c.filename);
  lang_symtable_free (c.st);
  if (co == NULL && error->msg == NULL && !rt_error_occurred ())
    rt_error_format (&rt_exc_RuntimeError, "compiler failed without an error");
  return co;
}
