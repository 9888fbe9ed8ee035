/* compiler-assemble.c: from a unit's blocks to a code object, running
 * the passes of CPython 3.11's assembler in its order: the optimizer
 * (compiler-optimize.c), then the stack depth, the exception table, the
 * layout of cells and free variables, and the final instructions with
 * their positions and line steps. */
#include "compiler-private.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/error.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

bool
lang_c_is_jump (int op)
{
  switch (op)
    {
    case LANG_OP_JUMP:
    case LANG_OP_POP_JUMP_IF_FALSE:
    case LANG_OP_POP_JUMP_IF_TRUE:
    case LANG_OP_POP_JUMP_IF_NONE:
    case LANG_OP_POP_JUMP_IF_NOT_NONE:
    case LANG_OP_JUMP_IF_FALSE_OR_POP:
    case LANG_OP_JUMP_IF_TRUE_OR_POP:
    case LANG_OP_FOR_ITER:
      return true;
    default:
      return false;
    }
}

static bool
is_block_push (int op)
{
  return op == LANG_PSEUDO_SETUP_FINALLY || op == LANG_PSEUDO_SETUP_CLEANUP;
}

/* How an instruction changes the stack depth; jump: 1 when it jumps (or
 * an exception reaches a handler), 0 when it does not. */
int
lang_c_stack_effect (int op, int arg, int jump)
{
  switch (op)
    {
    case LANG_OP_NOP:
    case LANG_OP_SWAP:
    case LANG_OP_DELETE_FAST:
    case LANG_OP_DELETE_NAME:
    case LANG_OP_DELETE_GLOBAL:
    case LANG_OP_MAKE_CELL:
    case LANG_OP_DELETE_DEREF:
    case LANG_OP_COPY_FREE_VARS:
    case LANG_OP_LOAD_ATTR:
    case LANG_OP_UNARY_POSITIVE:
    case LANG_OP_UNARY_NEGATIVE:
    case LANG_OP_UNARY_NOT:
    case LANG_OP_UNARY_INVERT:
    case LANG_OP_LIST_TO_TUPLE:
    case LANG_OP_GET_ITER:
    case LANG_OP_JUMP:
    case LANG_OP_KW_NAMES:
    case LANG_OP_CHECK_EXC_MATCH:
    case LANG_OP_SETUP_ANNOTATIONS:
    case LANG_PSEUDO_POP_BLOCK:
    case LANG_PSEUDO_RESUME:
    case LANG_PSEUDO_PRECALL:
      return 0;
    case LANG_OP_PUSH_NULL:
    case LANG_OP_COPY:
    case LANG_OP_LOAD_CONST:
    case LANG_OP_LOAD_FAST:
    case LANG_OP_LOAD_NAME:
    case LANG_OP_LOAD_CLOSURE:
    case LANG_OP_LOAD_DEREF:
    case LANG_OP_LOAD_CLASSDEREF:
    case LANG_OP_LOAD_METHOD:
    case LANG_OP_LOAD_BUILD_CLASS:
    case LANG_OP_PUSH_EXC_INFO:
    case LANG_OP_LOAD_ASSERTION_ERROR:
    case LANG_OP_IMPORT_FROM:
      return 1;
    case LANG_OP_POP_TOP:
    case LANG_OP_STORE_FAST:
    case LANG_OP_STORE_NAME:
    case LANG_OP_STORE_GLOBAL:
    case LANG_OP_STORE_DEREF:
    case LANG_OP_DELETE_ATTR:
    case LANG_OP_BINARY_OP:
    case LANG_OP_COMPARE_OP:
    case LANG_OP_IS_OP:
    case LANG_OP_CONTAINS_OP:
    case LANG_OP_BINARY_SUBSCR:
    case LANG_OP_LIST_APPEND:
    case LANG_OP_SET_ADD:
    case LANG_OP_LIST_EXTEND:
    case LANG_OP_SET_UPDATE:
    case LANG_OP_DICT_UPDATE:
    case LANG_OP_DICT_MERGE:
    case LANG_OP_POP_JUMP_IF_FALSE:
    case LANG_OP_POP_JUMP_IF_TRUE:
    case LANG_OP_POP_JUMP_IF_NONE:
    case LANG_OP_POP_JUMP_IF_NOT_NONE:
    case LANG_OP_RETURN_VALUE:
    case LANG_OP_RERAISE:
    case LANG_OP_POP_EXCEPT:
    case LANG_OP_IMPORT_NAME:
    case LANG_OP_IMPORT_STAR:
      return -1;
    case LANG_OP_STORE_ATTR:
    case LANG_OP_DELETE_SUBSCR:
    case LANG_OP_MAP_ADD:
      return -2;
    case LANG_OP_STORE_SUBSCR:
      return -3;
    case LANG_OP_LOAD_GLOBAL:
      return (arg & 1) + 1;
    case LANG_OP_BUILD_SLICE:
      return arg == 3 ? -2 : -1;
    case LANG_OP_BUILD_TUPLE:
    case LANG_OP_BUILD_LIST:
    case LANG_OP_BUILD_SET:
    case LANG_OP_BUILD_STRING:
      return 1 - arg;
    case LANG_OP_BUILD_MAP:
      return 1 - 2 * arg;
    case LANG_OP_BUILD_CONST_KEY_MAP:
      return -arg;
    case LANG_OP_UNPACK_SEQUENCE:
      return arg - 1;
    case LANG_OP_UNPACK_EX:
      return (arg & 0xff) + (arg >> 8);
    case LANG_OP_FOR_ITER:
      /* Pops the exhausted iterator when it jumps. */
      return jump > 0 ? -1 : 1;
    case LANG_OP_JUMP_IF_TRUE_OR_POP:
    case LANG_OP_JUMP_IF_FALSE_OR_POP:
      return jump ? 0 : -1;
    case LANG_OP_MAKE_FUNCTION:
      return -((arg & 0x01) != 0) - ((arg & 0x02) != 0) - ((arg & 0x04) != 0)
             - ((arg & 0x08) != 0);
    case LANG_OP_CALL:
      return -arg - 1;
    case LANG_OP_CALL_FUNCTION_EX:
      return -2 - ((arg & 0x01) != 0);
    case LANG_OP_RAISE_VARARGS:
      return -arg;
    case LANG_OP_FORMAT_VALUE:
      return (arg & 0x04) ? -1 : 0;
    case LANG_PSEUDO_SETUP_FINALLY:
      /* The handler finds the exception pushed. */
      return jump ? 1 : 0;
    case LANG_PSEUDO_SETUP_CLEANUP:
      /* ... and lasti under it. */
      return jump ? 2 : 0;
    default:
      return 0;
    }
}

/* The largest stack any path needs, and each block's depth at entry. */
static int
stackdepth (LangUnit *u, LangBlock **stack)
{
  LangBlock **sp = stack;
  int maxdepth = 0;

  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    b->startdepth = -1;
#define PUSH(blk, depth)                                   \
  do                                                       \
    {                                                      \
      if ((blk)->startdepth < (depth) && (blk)->startdepth < 100) \
        {                                                  \
          (blk)->startdepth = (depth);                     \
          *sp++ = (blk);                                   \
        }                                                  \
    }                                                      \
  while (0)
  PUSH (u->entry, 0);
  while (sp != stack)
    {
      LangBlock *b = *--sp;
      int depth = b->startdepth;
      LangBlock *next = b->next;

      for (int i = 0; i < b->n_instr; i++)
        {
          LangCInstr *in = &b->instr[i];
          int new_depth = depth + lang_c_stack_effect (in->op, in->arg, 0);

          if (new_depth > maxdepth)
            maxdepth = new_depth;
          if (lang_c_is_jump (in->op) || is_block_push (in->op))
            {
              int target_depth = depth + lang_c_stack_effect (in->op, in->arg, 1);

              if (target_depth > maxdepth)
                maxdepth = target_depth;
              PUSH (in->target, target_depth);
            }
          depth = new_depth;
          if (in->op == LANG_OP_JUMP || in->op == LANG_OP_RETURN_VALUE
              || in->op == LANG_OP_RAISE_VARARGS || in->op == LANG_OP_RERAISE)
            {
              next = NULL;
              break;
            }
        }
      if (next != NULL)
        PUSH (next, depth);
    }
#undef PUSH
  return maxdepth;
}

/* Exception handlers */

struct LangExceptStack
{
  LangBlock *handlers[LANG_MAX_BLOCKS + 1];
  int depth;
};

static LangExceptStack *
copy_except_stack (LangCompiler *c, const LangExceptStack *stack)
{
  LangExceptStack *copy = malloc (sizeof *copy);

  if (copy == NULL)
    {
      lang_c_no_memory (c);
      return NULL;
    }
  *copy = *stack;
  return copy;
}

/* Finds the handler in effect at every instruction by walking the blocks
 * with the stack of SETUP_* regions open at each, as
 * label_exception_targets. */
static bool
label_exception_targets (LangCompiler *c, LangBlock **todo_stack)
{
  LangBlock *entry = c->u->entry;
  LangExceptStack *except_stack = calloc (1, sizeof *except_stack);
  LangBlock **todo;

  if (except_stack == NULL)
    return lang_c_no_memory (c);
  for (LangBlock *b = entry; b != NULL; b = b->next)
    b->visited = false;
  todo_stack[0] = entry;
  entry->visited = true;
  entry->exceptstack = except_stack;
  todo = &todo_stack[1];
  while (todo > todo_stack)
    {
      LangBlock *b = *--todo;
      LangBlock *handler;

      except_stack = b->exceptstack;
      b->exceptstack = NULL;
      handler = except_stack->handlers[except_stack->depth];
      for (int i = 0; i < b->n_instr; i++)
        {
          LangCInstr *in = &b->instr[i];

          if (is_block_push (in->op))
            {
              if (!in->target->visited)
                {
                  LangExceptStack *copy = copy_except_stack (c, except_stack);

                  if (copy == NULL)
                    goto fail;
                  in->target->exceptstack = copy;
                  *todo++ = in->target;
                  in->target->visited = true;
                }
              if (in->op == LANG_PSEUDO_SETUP_CLEANUP)
                in->target->preserve_lasti = true;
              except_stack->handlers[++except_stack->depth] = in->target;
              handler = in->target;
            }
          else if (in->op == LANG_PSEUDO_POP_BLOCK)
            handler = except_stack->handlers[--except_stack->depth];
          else if (lang_c_is_jump (in->op))
            {
              in->except = handler;
              if (!in->target->visited)
                {
                  if (!b->nofallthrough)
                    {
                      LangExceptStack *copy = copy_except_stack (c, except_stack);

                      if (copy == NULL)
                        goto fail;
                      in->target->exceptstack = copy;
                    }
                  else
                    {
                      in->target->exceptstack = except_stack;
                      except_stack = NULL;
                    }
                  *todo++ = in->target;
                  in->target->visited = true;
                }
            }
          else
            in->except = handler;
        }
      if (!b->nofallthrough && !b->next->visited)
        {
          b->next->exceptstack = except_stack;
          *todo++ = b->next;
          b->next->visited = true;
        }
      else
        free (except_stack);
    }
  return true;

fail:
  free (except_stack);
  return false;
}

/* Cells and free variables */

/* Where each cell and free variable lives in the frame: after the locals,
 * except cells for arguments, which share the argument's slot. */
static int *
build_cellfixedoffsets (LangCompiler *c)
{
  LangUnit *u = c->u;
  int nlocals = (int) u->varnames.count;
  int noffsets = (int) (u->cellvars.count + u->freevars.count);
  int *fixed = malloc ((size_t) (noffsets + 1) * sizeof *fixed);

  if (fixed == NULL)
    {
      lang_c_no_memory (c);
      return NULL;
    }
  for (int i = 0; i < noffsets; i++)
    fixed[i] = nlocals + i;
  for (size_t i = 0; i < u->cellvars.count; i++)
    for (size_t j = 0; j < u->varnames.count; j++)
      if (u->varnames.items[j] == u->cellvars.items[i])
        fixed[i] = (int) j;
  return fixed;
}

static bool
insert_prefix_instructions (LangCompiler *c, int *fixed)
{
  LangUnit *u = c->u;
  int ncellvars = (int) u->cellvars.count;
  int nfreevars = (int) u->freevars.count;
  LangCInstr in = { .pos = { -1, -1, -1, -1 } };

  if (ncellvars > 0)
    {
      /* MAKE_CELL in slot order. */
      int nvars = ncellvars + (int) u->varnames.count;
      int *sorted = calloc ((size_t) nvars, sizeof *sorted);
      int used = 0;

      if (sorted == NULL)
        return lang_c_no_memory (c);
      for (int i = 0; i < ncellvars; i++)
        sorted[fixed[i]] = i + 1;
      for (int i = 0; used < ncellvars; i++)
        {
          if (sorted[i] == 0)
            continue;
          in.op = LANG_OP_MAKE_CELL;
          in.arg = sorted[i] - 1; /* fixed by fix_cell_offsets */
          if (!lang_c_block_insert (c, u->entry, used, &in))
            {
              free (sorted);
              return false;
            }
          used++;
        }
      free (sorted);
    }
  if (nfreevars > 0)
    {
      in.op = LANG_OP_COPY_FREE_VARS;
      in.arg = nfreevars;
      if (!lang_c_block_insert (c, u->entry, 0, &in))
        return false;
    }
  return true;
}

/* Turns cell and free indices into frame slots; returns how many cells
 * are arguments (and so take no slot of their own). */
static int
fix_cell_offsets (LangUnit *u, int *fixedmap)
{
  int nlocals = (int) u->varnames.count;
  int noffsets = (int) (u->cellvars.count + u->freevars.count);
  int numdropped = 0;

  for (int i = 0; i < noffsets; i++)
    {
      if (fixedmap[i] == i + nlocals)
        fixedmap[i] -= numdropped;
      else
        numdropped++;
    }
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    for (int i = 0; i < b->n_instr; i++)
      {
        LangCInstr *in = &b->instr[i];

        switch (in->op)
          {
          case LANG_OP_MAKE_CELL:
          case LANG_OP_LOAD_CLOSURE:
          case LANG_OP_LOAD_DEREF:
          case LANG_OP_STORE_DEREF:
          case LANG_OP_DELETE_DEREF:
          case LANG_OP_LOAD_CLASSDEREF:
            in->arg = fixedmap[in->arg];
            break;
          default:
            break;
          }
      }
  return numdropped;
}

/* Making the code object */

static RtObject *
names_tuple (LangCompiler *c, const char *const *names, size_t n)
{
  RtObject *t = rt_tuple_new ((int64_t) n);

  if (t == NULL)
    {
      c->failed = true;
      return NULL;
    }
  for (size_t i = 0; i < n; i++)
    {
      RtObject *s = lang_c_name_object (c, names[i]);

      if (s == NULL)
        {
          rt_decref (t);
          return NULL;
        }
      rt_tuple_init_item (t, (int64_t) i, rt_newref (s));
    }
  return t;
}

static int32_t
compute_code_flags (LangUnit *u)
{
  int32_t flags = 0;

  if (u->ste->type == LANG_BLOCK_FUNCTION)
    {
      flags |= LANG_CO_NEWLOCALS | LANG_CO_OPTIMIZED;
      if (u->ste->nested)
        flags |= LANG_CO_NESTED;
      if (u->ste->varargs)
        flags |= LANG_CO_VARARGS;
      if (u->ste->varkeywords)
        flags |= LANG_CO_VARKEYWORDS;
    }
  return flags;
}

/* The localsplus layout: locals (arguments first), cells that are not
 * arguments, free variables. */
static bool
localsplus_info (LangCompiler *c, int nlocalsplus, RtObject **names_out, uint8_t **kinds_out)
{
  LangUnit *u = c->u;
  const char **names = malloc ((size_t) (nlocalsplus + 1) * sizeof *names);
  uint8_t *kinds = malloc ((size_t) nlocalsplus + 1);
  int nlocals = (int) u->varnames.count;
  int numdropped = 0;
  int slot;

  if (names == NULL || kinds == NULL)
    {
      free (names);
      free (kinds);
      return lang_c_no_memory (c);
    }
  for (int i = 0; i < nlocals; i++)
    {
      bool is_cell = false;

      for (size_t j = 0; j < u->cellvars.count; j++)
        if (u->cellvars.items[j] == u->varnames.items[i])
          is_cell = true;
      names[i] = u->varnames.items[i];
      kinds[i] = LANG_FAST_LOCAL | (is_cell ? LANG_FAST_CELL : 0);
    }
  for (size_t i = 0; i < u->cellvars.count; i++)
    {
      bool is_arg = false;

      for (int j = 0; j < nlocals; j++)
        if (u->varnames.items[j] == u->cellvars.items[i])
          is_arg = true;
      if (is_arg)
        {
          numdropped++;
          continue;
        }
      slot = (int) i + nlocals - numdropped;
      names[slot] = u->cellvars.items[i];
      kinds[slot] = LANG_FAST_CELL;
    }
  for (size_t i = 0; i < u->freevars.count; i++)
    {
      slot = (int) (u->cellvars.count + i) + nlocals - numdropped;
      names[slot] = u->freevars.items[i];
      kinds[slot] = LANG_FAST_FREE;
    }
  *names_out = names_tuple (c, names, (size_t) nlocalsplus);
  free (names);
  if (*names_out == NULL)
    {
      free (kinds);
      return false;
    }
  *kinds_out = kinds;
  return true;
}

/* Merges a tuple the code object holds through the constant cache, as
 * CPython does for co_names and co_consts. Steals t; borrowed result. */
static RtObject *
merge_tuple (LangCompiler *c, RtObject *t)
{
  RtObject *merged;

  if (t == NULL)
    return NULL;
  merged = lang_const_cache_merge (&c->cache, t);
  if (merged == NULL)
    c->failed = true;
  return merged;
}

/* The final instruction stream, without CPython's RESUME and PRECALL. */
static bool
emitted (const LangCInstr *in)
{
  return in->op != LANG_PSEUDO_RESUME && in->op != LANG_PSEUDO_PRECALL;
}

static LangCode *
makecode (LangCompiler *c, int maxdepth, int nlocalsplus)
{
  LangUnit *u = c->u;
  uint32_t n_code = 0, n_exc = 0;
  LangInstr *code = NULL;
  LangPosition *positions = NULL;
  uint8_t *line_starts = NULL, *kinds = NULL;
  LangExceptEntry *exceptions = NULL;
  RtObject *consts, *names, *localsplusnames = NULL;
  LangBlock *handler = NULL;
  uint32_t start = 0, k;
  LangCode *co = NULL;

  /* Block offsets, in instructions. */
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    {
      b->offset = (int) n_code;
      for (int i = 0; i < b->n_instr; i++)
        if (emitted (&b->instr[i]))
          n_code++;
    }
  code = malloc ((n_code + 1) * sizeof *code);
  positions = malloc ((n_code + 1) * sizeof *positions);
  line_starts = calloc (n_code + 1, 1);
  exceptions = malloc ((n_code + 1) * sizeof *exceptions);
  if (code == NULL || positions == NULL || line_starts == NULL || exceptions == NULL)
    {
      lang_c_no_memory (c);
      goto fail;
    }
  k = 0;
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    for (int i = 0; i < b->n_instr; i++)
      {
        LangCInstr *in = &b->instr[i];
        int arg = in->arg;

        if (!emitted (in))
          continue;
        if (lang_c_is_jump (in->op))
          arg = in->target->offset;
        if (arg < 0 || (uint32_t) arg > LANG_ARG_MAX)
          {
            rt_error_format (&rt_exc_OverflowError, "instruction argument too large");
            c->failed = true;
            goto fail;
          }
        code[k] = LANG_INSTR (in->op, (uint32_t) arg);
        positions[k] = in->pos;
        /* The exception table: runs of instructions with one handler. */
        if (in->except != handler)
          {
            if (handler != NULL)
              {
                int depth = handler->startdepth - 1 - (handler->preserve_lasti ? 1 : 0);

                exceptions[n_exc++] = (LangExceptEntry){ start, k, (uint32_t) handler->offset,
                                                         (uint32_t) depth,
                                                         handler->preserve_lasti };
              }
            start = k;
            handler = in->except;
          }
        k++;
      }
  if (handler != NULL)
    {
      int depth = handler->startdepth - 1 - (handler->preserve_lasti ? 1 : 0);

      exceptions[n_exc++] = (LangExceptEntry){ start, k, (uint32_t) handler->offset,
                                               (uint32_t) depth, handler->preserve_lasti };
    }

  /* Line steps: where the line changes in the layout, and where a jump
   * from another line lands. */
  for (uint32_t i = 0; i < n_code; i++)
    {
      int line = positions[i].lineno;

      if (line >= 0 && (i == 0 || positions[i - 1].lineno != line))
        line_starts[i] = 1;
    }
  for (uint32_t i = 0; i < n_code; i++)
    {
      LangOpcode op = LANG_OP (code[i]);

      if (lang_c_is_jump (op))
        {
          uint32_t t = LANG_ARG (code[i]);

          if (t < n_code && positions[t].lineno >= 0
              && (t <= i || positions[t].lineno != positions[i].lineno))
            line_starts[t] = 1;
        }
    }

  names = merge_tuple (c, names_tuple (c, u->names.items, u->names.count));
  if (names == NULL)
    goto fail;
  consts = rt_tuple_new ((int64_t) u->n_consts);
  if (consts == NULL)
    {
      c->failed = true;
      goto fail;
    }
  for (size_t i = 0; i < u->n_consts; i++)
    rt_tuple_init_item (consts, (int64_t) i, rt_newref (u->consts[i]));
  consts = merge_tuple (c, consts);
  if (consts == NULL)
    goto fail;
  if (!localsplus_info (c, nlocalsplus, &localsplusnames, &kinds))
    goto fail;
  localsplusnames = merge_tuple (c, localsplusnames);
  if (localsplusnames == NULL)
    goto fail;

  co = lang_code_new (code, n_code, consts, names, localsplusnames, kinds, positions, line_starts,
                      exceptions, n_exc, c->filename, u->name,
                      u->qualname != NULL ? u->qualname : u->name);
  /* lang_code_new owns the arrays now, whether it succeeded or not. */
  code = NULL;
  positions = NULL;
  line_starts = NULL;
  exceptions = NULL;
  kinds = NULL;
  if (co == NULL)
    {
      c->failed = true;
      goto fail;
    }
  co->argcount = u->posonlyargcount + u->argcount;
  co->posonlyargcount = u->posonlyargcount;
  co->kwonlyargcount = u->kwonlyargcount;
  co->flags = compute_code_flags (u);
  co->stacksize = maxdepth;
  co->firstlineno = u->firstlineno;
  co->source_index = c->input->source_index;
  return co;

fail:
  free (code);
  free (positions);
  free (line_starts);
  free (exceptions);
  free (kinds);
  return NULL;
}

LangCode *
lang_c_assemble (LangCompiler *c, bool add_none)
{
  LangUnit *u = c->u;
  LangBlock **stack = NULL;
  int *fixed = NULL;
  int nblocks = 0, nlocalsplus, numdropped, maxdepth;
  LangCode *co = NULL;

  if (c->failed)
    return NULL;
  /* Every block that falls off the end returns None. */
  if (!u->curblock->has_return)
    {
      lang_c_unset_loc (c);
      if (add_none && !lang_c_load_const (c, RT_NONE))
        return NULL;
      if (!lang_c_addop (c, LANG_OP_RETURN_VALUE, 0))
        return NULL;
    }
  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    lang_c_normalize_block (b);
  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    if (!lang_c_extend_block (c, b))
      return NULL;

  nlocalsplus = (int) (u->varnames.count + u->cellvars.count + u->freevars.count);
  fixed = build_cellfixedoffsets (c);
  if (fixed == NULL)
    goto out;
  if (u->firstlineno == 0)
    {
      LangBlock *e = u->entry;

      u->firstlineno = e->n_instr > 0 && e->instr[0].pos.lineno > 0 ? e->instr[0].pos.lineno : 1;
    }
  if (!insert_prefix_instructions (c, fixed))
    goto out;
  numdropped = fix_cell_offsets (u, fixed);
  nlocalsplus -= numdropped;

  /* Room for every block, including the copies made below. */
  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    nblocks++;
  stack = malloc ((size_t) (2 * nblocks + 1) * sizeof *stack);
  if (stack == NULL)
    {
      lang_c_no_memory (c);
      goto out;
    }
  if (!lang_c_optimize_cfg (c, stack) || !lang_c_duplicate_exits (c))
    goto out;
  lang_c_trim_consts (u);
  lang_c_propagate_lines (u);
  lang_c_guarantee_exit_lines (u);
  free (stack);
  nblocks = 0;
  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    nblocks++;
  stack = malloc ((size_t) (nblocks + 1) * sizeof *stack);
  if (stack == NULL)
    {
      lang_c_no_memory (c);
      goto out;
    }
  maxdepth = stackdepth (u, stack);
  if (!label_exception_targets (c, stack))
    goto out;
  /* The regions are in the table now; their markers become NOPs. */
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    for (int i = 0; i < b->n_instr; i++)
      if (is_block_push (b->instr[i].op) || b->instr[i].op == LANG_PSEUDO_POP_BLOCK)
        b->instr[i].op = LANG_OP_NOP;
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    lang_c_clean_block (b);
  co = makecode (c, maxdepth, nlocalsplus);

out:
  free (stack);
  free (fixed);
  return co;
}
