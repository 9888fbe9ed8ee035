/* compiler-optimize.c: the passes CPython 3.11's assembler runs over a
 * unit's blocks before laying them out: the peephole optimizer (constant
 * tuples, constant tests, jump threading, SWAP elimination, PUSH_NULL into
 * LOAD_GLOBAL), removal of unreachable code, empty blocks and redundant
 * jumps, exit blocks duplicated or extended to carry line numbers, and the
 * propagation of line numbers. Their order and details decide the code the
 * program's counts depend on, so they follow CPython's closely. */
#include "compiler-private.h"

#include <stdlib.h>
#include <string.h>

#include "runtime/abstract.h"
#include "runtime/error.h"
#include "runtime/singletons.h"
#include "runtime/tuple.h"

#define MAX_COPY_SIZE 4 /* the largest exit block copied into a jump */

static bool
is_block_push (int op)
{
  return op == LANG_PSEUDO_SETUP_FINALLY || op == LANG_PSEUDO_SETUP_CLEANUP;
}

/* Blocks */

bool
lang_c_block_append (LangCompiler *c, LangBlock *b, const LangCInstr *in)
{
  if (b->n_instr == b->cap_instr)
    {
      int cap = b->cap_instr ? b->cap_instr * 2 : 16;
      LangCInstr *p = realloc (b->instr, (size_t) cap * sizeof *p);

      if (p == NULL)
        return lang_c_no_memory (c);
      b->instr = p;
      b->cap_instr = cap;
    }
  b->instr[b->n_instr++] = *in;
  return true;
}

bool
lang_c_block_insert (LangCompiler *c, LangBlock *b, int pos, const LangCInstr *in)
{
  if (!lang_c_block_append (c, b, in))
    return false;
  memmove (&b->instr[pos + 1], &b->instr[pos], (size_t) (b->n_instr - 1 - pos) * sizeof *in);
  b->instr[pos] = *in;
  return true;
}

LangCInstr *
lang_c_last_instr (LangBlock *b)
{
  return b->n_instr > 0 ? &b->instr[b->n_instr - 1] : NULL;
}

static bool
block_has_lineno (const LangBlock *b)
{
  for (int i = 0; i < b->n_instr; i++)
    if (b->instr[i].pos.lineno > 0)
      return true;
  return false;
}

/* Marks exits and blocks without fallthrough, and points jumps past empty
 * blocks. */
void
lang_c_normalize_block (LangBlock *b)
{
  for (int i = 0; i < b->n_instr; i++)
    {
      LangCInstr *in = &b->instr[i];

      switch (in->op)
        {
        case LANG_OP_RETURN_VALUE:
        case LANG_OP_RAISE_VARARGS:
        case LANG_OP_RERAISE:
          b->exit = true;
          b->nofallthrough = true;
          break;
        case LANG_OP_JUMP:
          b->nofallthrough = true;
          /* fall through */
        case LANG_OP_POP_JUMP_IF_NOT_NONE:
        case LANG_OP_POP_JUMP_IF_NONE:
        case LANG_OP_POP_JUMP_IF_FALSE:
        case LANG_OP_POP_JUMP_IF_TRUE:
        case LANG_OP_JUMP_IF_FALSE_OR_POP:
        case LANG_OP_JUMP_IF_TRUE_OR_POP:
        case LANG_OP_FOR_ITER:
          while (in->target->n_instr == 0)
            in->target = in->target->next;
          break;
        default:
          break;
        }
    }
}

/* A block that ends in a jump to a small exit block without line numbers
 * (an implicit `return None`) gets a copy of that block instead. */
bool
lang_c_extend_block (LangCompiler *c, LangBlock *b)
{
  LangCInstr *last = lang_c_last_instr (b);
  LangBlock *to_copy;

  if (last == NULL || last->op != LANG_OP_JUMP)
    return true;
  to_copy = last->target;
  if (!to_copy->exit || to_copy->n_instr > MAX_COPY_SIZE || block_has_lineno (to_copy))
    return true;
  last->op = LANG_OP_NOP;
  for (int i = 0; i < to_copy->n_instr; i++)
    {
      LangCInstr copy = to_copy->instr[i];

      if (!lang_c_block_append (c, b, &copy))
        return false;
    }
  b->exit = true;
  return true;
}

/* Removes NOPs that carry no line of their own. */
void
lang_c_clean_block (LangBlock *b)
{
  int dest = 0;
  int prev_lineno = -1;

  for (int src = 0; src < b->n_instr; src++)
    {
      int lineno = b->instr[src].pos.lineno;

      if (b->instr[src].op == LANG_OP_NOP)
        {
          if (lineno < 0)
            continue;
          if (prev_lineno == lineno)
            continue;
          if (src < b->n_instr - 1)
            {
              int next_lineno = b->instr[src + 1].pos.lineno;

              if (next_lineno == lineno)
                continue;
              if (next_lineno < 0)
                {
                  b->instr[src + 1].pos = b->instr[src].pos;
                  continue;
                }
            }
          else
            {
              LangBlock *next = b->next;

              while (next != NULL && next->n_instr == 0)
                next = next->next;
              if (next != NULL && lineno == next->instr[0].pos.lineno)
                continue;
            }
        }
      if (dest != src)
        b->instr[dest] = b->instr[src];
      dest++;
      prev_lineno = lineno;
    }
  b->n_instr = dest;
}

/* The peephole optimizer */

/* LOAD_CONST c1 .. LOAD_CONST cn BUILD_TUPLE n -> LOAD_CONST (c1, .., cn) */
static bool
fold_tuple_on_constants (LangCompiler *c, LangCInstr *inst, int n)
{
  LangUnit *u = c->u;
  RtObject *t;
  int index;

  for (int i = 0; i < n; i++)
    if (inst[i].op != LANG_OP_LOAD_CONST)
      return true;
  t = rt_tuple_new (n);
  if (t == NULL)
    {
      c->failed = true;
      return false;
    }
  for (int i = 0; i < n; i++)
    rt_tuple_init_item (t, i, rt_newref (u->consts[inst[i].arg]));
  /* add_const finds an equal tuple already among the constants. */
  index = lang_c_add_const (c, t);
  rt_decref (t);
  if (index < 0)
    return false;
  for (int i = 0; i < n; i++)
    inst[i].op = LANG_OP_NOP;
  inst[n].op = LANG_OP_LOAD_CONST;
  inst[n].arg = index;
  return true;
}

/* Replaces a run of SWAPs (and NOPs) by the fewest SWAPs with the same
 * effect, as swaptimize. */
static bool
swaptimize (LangCompiler *c, LangBlock *b, int *ix)
{
  LangCInstr *ins = &b->instr[*ix];
  int depth = ins[0].arg;
  int len = 0, limit = b->n_instr - *ix;
  bool more = false;
  int *stack;
  int current;

  while (++len < limit)
    {
      if (ins[len].op == LANG_OP_SWAP)
        {
          if (ins[len].arg > depth)
            depth = ins[len].arg;
          more = true;
        }
      else if (ins[len].op != LANG_OP_NOP)
        break;
    }
  if (!more)
    return true;
  stack = malloc ((size_t) depth * sizeof *stack);
  if (stack == NULL)
    return lang_c_no_memory (c);
  for (int i = 0; i < depth; i++)
    stack[i] = i;
  for (int i = 0; i < len; i++)
    if (ins[i].op == LANG_OP_SWAP)
      {
        int top = stack[0];

        stack[0] = stack[ins[i].arg - 1];
        stack[ins[i].arg - 1] = top;
      }
  /* Undo the permutation cycle by cycle, writing SWAPs from the end. */
  current = len - 1;
  for (int i = 0; i < depth; i++)
    {
      int j;

      if (stack[i] == -1 || stack[i] == i)
        continue;
      j = i;
      for (;;)
        {
          int next_j;

          if (j)
            {
              ins[current].op = LANG_OP_SWAP;
              ins[current--].arg = j + 1;
            }
          if (stack[j] == -1)
            break;
          next_j = stack[j];
          stack[j] = -1;
          j = next_j;
        }
    }
  while (current >= 0)
    ins[current--].op = LANG_OP_NOP;
  free (stack);
  *ix += len - 1;
  return true;
}

static bool
swappable (int op)
{
  return op == LANG_OP_STORE_FAST || op == LANG_OP_POP_TOP;
}

static int
stores_to (const LangCInstr *in)
{
  return in->op == LANG_OP_STORE_FAST ? in->arg : -1;
}

static int
next_swappable_instruction (LangBlock *b, int i, int lineno)
{
  while (++i < b->n_instr)
    {
      LangCInstr *in = &b->instr[i];

      /* Reordering across lines would change what a line event sees. */
      if (lineno >= 0 && in->pos.lineno != lineno)
        return -1;
      if (in->op == LANG_OP_NOP)
        continue;
      if (swappable (in->op))
        return i;
      return -1;
    }
  return -1;
}

/* SWAP then stores: swap the stores instead, as apply_static_swaps. */
static void
apply_static_swaps (LangBlock *b, int i)
{
  for (; i >= 0; i--)
    {
      LangCInstr *swap = &b->instr[i];
      int j, k, lineno, store_j, store_k;
      LangCInstr temp;

      if (swap->op != LANG_OP_SWAP)
        {
          if (swap->op == LANG_OP_NOP || swappable (swap->op))
            continue;
          return;
        }
      j = next_swappable_instruction (b, i, -1);
      if (j < 0)
        return;
      k = j;
      lineno = b->instr[j].pos.lineno;
      for (int count = swap->arg - 1; count > 0; count--)
        {
          k = next_swappable_instruction (b, k, lineno);
          if (k < 0)
            return;
        }
      store_j = stores_to (&b->instr[j]);
      store_k = stores_to (&b->instr[k]);
      if (store_j >= 0 || store_k >= 0)
        {
          if (store_j == store_k)
            return;
          for (int idx = j + 1; idx < k; idx++)
            {
              int store_idx = stores_to (&b->instr[idx]);

              if (store_idx >= 0 && (store_idx == store_j || store_idx == store_k))
                return;
            }
        }
      swap->op = LANG_OP_NOP;
      temp = b->instr[j];
      b->instr[j] = b->instr[k];
      b->instr[k] = temp;
    }
}

/* Jumps to jumps go straight to the final target, if on the same line. */
static bool
jump_thread (LangCInstr *inst, const LangCInstr *target, int op)
{
  if (inst->pos.lineno == target->pos.lineno && inst->target != target->target)
    {
      inst->target = target->target;
      inst->op = op;
      return true;
    }
  return false;
}

static bool
optimize_basic_block (LangCompiler *c, LangBlock *bb)
{
  static const LangCInstr nop = { .op = LANG_OP_NOP };

  for (int i = 0; i < bb->n_instr; i++)
    {
      LangCInstr *inst = &bb->instr[i];
      const LangCInstr *target;
      int oparg = inst->arg;
      int nextop = i + 1 < bb->n_instr ? bb->instr[i + 1].op : 0;

      if (lang_c_is_jump (inst->op) || is_block_push (inst->op))
        {
          while (inst->target->n_instr == 0)
            inst->target = inst->target->next;
          target = &inst->target->instr[0];
        }
      else
        target = &nop;

      switch (inst->op)
        {
        case LANG_OP_LOAD_CONST:
          {
            /* A test of a constant: jump always or never. */
            RtObject *cnt = c->u->consts[oparg];
            int is_true;

            switch (nextop)
              {
              case LANG_OP_POP_JUMP_IF_FALSE:
              case LANG_OP_POP_JUMP_IF_TRUE:
                is_true = rt_is_true (cnt);
                if (is_true < 0)
                  {
                    c->failed = true;
                    return false;
                  }
                inst->op = LANG_OP_NOP;
                if (is_true == (nextop == LANG_OP_POP_JUMP_IF_TRUE))
                  {
                    bb->instr[i + 1].op = LANG_OP_JUMP;
                    bb->nofallthrough = true;
                  }
                else
                  bb->instr[i + 1].op = LANG_OP_NOP;
                break;
              case LANG_OP_JUMP_IF_FALSE_OR_POP:
              case LANG_OP_JUMP_IF_TRUE_OR_POP:
                is_true = rt_is_true (cnt);
                if (is_true < 0)
                  {
                    c->failed = true;
                    return false;
                  }
                if (is_true == (nextop == LANG_OP_JUMP_IF_TRUE_OR_POP))
                  {
                    bb->instr[i + 1].op = LANG_OP_JUMP;
                    bb->nofallthrough = true;
                  }
                else
                  {
                    inst->op = LANG_OP_NOP;
                    bb->instr[i + 1].op = LANG_OP_NOP;
                  }
                break;
              case LANG_OP_IS_OP:
                {
                  /* x is None; POP_JUMP -> POP_JUMP_IF_(NOT_)NONE */
                  int jump_op = i + 2 < bb->n_instr ? bb->instr[i + 2].op : 0;

                  if (cnt == RT_NONE
                      && (jump_op == LANG_OP_POP_JUMP_IF_FALSE
                          || jump_op == LANG_OP_POP_JUMP_IF_TRUE))
                    {
                      int nextarg = bb->instr[i + 1].arg;

                      inst->op = LANG_OP_NOP;
                      bb->instr[i + 1].op = LANG_OP_NOP;
                      bb->instr[i + 2].op = (nextarg ^ (jump_op == LANG_OP_POP_JUMP_IF_FALSE))
                                              ? LANG_OP_POP_JUMP_IF_NOT_NONE
                                              : LANG_OP_POP_JUMP_IF_NONE;
                    }
                  break;
                }
              default:
                break;
              }
            break;
          }
        case LANG_OP_BUILD_TUPLE:
          /* BUILD_TUPLE n UNPACK_SEQUENCE n is nothing, or a SWAP. */
          if (nextop == LANG_OP_UNPACK_SEQUENCE && oparg == bb->instr[i + 1].arg)
            {
              if (oparg == 1)
                {
                  inst->op = LANG_OP_NOP;
                  bb->instr[i + 1].op = LANG_OP_NOP;
                  continue;
                }
              if (oparg == 2 || oparg == 3)
                {
                  inst->op = LANG_OP_NOP;
                  bb->instr[i + 1].op = LANG_OP_SWAP;
                  continue;
                }
            }
          if (i >= oparg && !fold_tuple_on_constants (c, inst - oparg, oparg))
            return false;
          break;
        case LANG_OP_JUMP_IF_FALSE_OR_POP:
          switch (target->op)
            {
            case LANG_OP_POP_JUMP_IF_FALSE:
              i -= jump_thread (inst, target, LANG_OP_POP_JUMP_IF_FALSE);
              break;
            case LANG_OP_JUMP:
            case LANG_OP_JUMP_IF_FALSE_OR_POP:
              i -= jump_thread (inst, target, LANG_OP_JUMP_IF_FALSE_OR_POP);
              break;
            case LANG_OP_JUMP_IF_TRUE_OR_POP:
            case LANG_OP_POP_JUMP_IF_TRUE:
              if (inst->pos.lineno == target->pos.lineno)
                {
                  inst->op = LANG_OP_POP_JUMP_IF_FALSE;
                  inst->target = inst->target->next;
                  --i;
                }
              break;
            default:
              break;
            }
          break;
        case LANG_OP_JUMP_IF_TRUE_OR_POP:
          switch (target->op)
            {
            case LANG_OP_POP_JUMP_IF_TRUE:
              i -= jump_thread (inst, target, LANG_OP_POP_JUMP_IF_TRUE);
              break;
            case LANG_OP_JUMP:
            case LANG_OP_JUMP_IF_TRUE_OR_POP:
              i -= jump_thread (inst, target, LANG_OP_JUMP_IF_TRUE_OR_POP);
              break;
            case LANG_OP_JUMP_IF_FALSE_OR_POP:
            case LANG_OP_POP_JUMP_IF_FALSE:
              if (inst->pos.lineno == target->pos.lineno)
                {
                  inst->op = LANG_OP_POP_JUMP_IF_TRUE;
                  inst->target = inst->target->next;
                  --i;
                }
              break;
            default:
              break;
            }
          break;
        case LANG_OP_POP_JUMP_IF_NOT_NONE:
        case LANG_OP_POP_JUMP_IF_NONE:
        case LANG_OP_POP_JUMP_IF_FALSE:
        case LANG_OP_POP_JUMP_IF_TRUE:
        case LANG_OP_JUMP:
          if (target->op == LANG_OP_JUMP)
            i -= jump_thread (inst, target, inst->op);
          break;
        case LANG_OP_SWAP:
          if (oparg == 1)
            {
              inst->op = LANG_OP_NOP;
              break;
            }
          if (!swaptimize (c, bb, &i))
            return false;
          apply_static_swaps (bb, i);
          break;
        case LANG_OP_PUSH_NULL:
          /* PUSH_NULL LOAD_GLOBAL -> LOAD_GLOBAL with its NULL bit. */
          if (nextop == LANG_OP_LOAD_GLOBAL && (bb->instr[i + 1].arg & 1) == 0)
            {
              inst->op = LANG_OP_NOP;
              inst->arg = 0;
              bb->instr[i + 1].arg |= 1;
            }
          break;
        default:
          break;
        }
    }
  return true;
}

static void
mark_reachable (LangBlock **stack, LangBlock *entry)
{
  LangBlock **sp = stack;

  entry->predecessors = 1;
  *sp++ = entry;
  while (sp > stack)
    {
      LangBlock *b = *--sp;

      if (b->next != NULL && !b->nofallthrough)
        {
          if (b->next->predecessors == 0)
            *sp++ = b->next;
          b->next->predecessors++;
        }
      for (int i = 0; i < b->n_instr; i++)
        {
          LangCInstr *in = &b->instr[i];

          if (lang_c_is_jump (in->op) || is_block_push (in->op))
            {
              if (in->target->predecessors == 0)
                *sp++ = in->target;
              in->target->predecessors++;
            }
        }
    }
}

static void
eliminate_empty_basic_blocks (LangBlock *entry)
{
  for (LangBlock *b = entry; b != NULL; b = b->next)
    {
      LangBlock *next = b->next;

      if (next != NULL)
        {
          while (next->n_instr == 0 && next->next != NULL)
            next = next->next;
          b->next = next;
        }
    }
  for (LangBlock *b = entry; b != NULL; b = b->next)
    {
      LangCInstr *last = lang_c_last_instr (b);

      if (last != NULL && lang_c_is_jump (last->op))
        {
          LangBlock *target = last->target;

          while (target->n_instr == 0)
            target = target->next;
          last->target = target;
        }
    }
}

bool
lang_c_optimize_cfg (LangCompiler *c, LangBlock **stack)
{
  LangUnit *u = c->u;
  bool maybe_empty = false;

  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    {
      if (!optimize_basic_block (c, b))
        return false;
      lang_c_clean_block (b);
    }
  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    if (!lang_c_extend_block (c, b))
      return false;
  mark_reachable (stack, u->entry);
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    if (b->predecessors == 0)
      {
        b->n_instr = 0;
        b->nofallthrough = false;
      }
  eliminate_empty_basic_blocks (u->entry);
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    lang_c_clean_block (b);
  /* A jump to the very next block is no jump. */
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    {
      LangCInstr *last = lang_c_last_instr (b);

      if (last != NULL && last->op == LANG_OP_JUMP && last->target == b->next)
        {
          b->nofallthrough = false;
          last->op = LANG_OP_NOP;
          maybe_empty = true;
        }
    }
  if (maybe_empty)
    eliminate_empty_basic_blocks (u->entry);
  return true;
}

static bool
is_exit_without_lineno (const LangBlock *b)
{
  if (!b->exit)
    return false;
  for (int i = 0; i < b->n_instr; i++)
    if (b->instr[i].pos.lineno >= 0)
      return false;
  return true;
}

/* Every exit must have a line (PEP 626): an exit block without one that
 * several jumps reach gets a copy per jump, which takes the jump's line. */
bool
lang_c_duplicate_exits (LangCompiler *c)
{
  LangUnit *u = c->u;

  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    {
      LangCInstr *last = lang_c_last_instr (b);
      LangBlock *target, *copy;

      if (last == NULL || !lang_c_is_jump (last->op))
        continue;
      target = last->target;
      if (!is_exit_without_lineno (target) || target->predecessors <= 1)
        continue;
      copy = lang_c_new_block (c);
      if (copy == NULL)
        return false;
      for (int i = 0; i < target->n_instr; i++)
        if (!lang_c_block_append (c, copy, &target->instr[i]))
          return false;
      copy->exit = target->exit;
      copy->nofallthrough = true;
      copy->instr[0].pos = last->pos;
      last->target = copy;
      target->predecessors--;
      copy->predecessors = 1;
      copy->next = target->next;
      target->next = copy;
    }
  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    while (b->next != NULL && b->next->n_instr == 0)
      b->next = b->next->next;
  /* What is left is reached only by falling through. */
  for (LangBlock *b = u->blocks; b != NULL; b = b->list)
    if (!b->nofallthrough && b->next != NULL && b->n_instr > 0
        && is_exit_without_lineno (b->next))
      b->next->instr[0].pos = lang_c_last_instr (b)->pos;
  return true;
}

/* Instructions without a line take the previous one's; a block reached
 * from one place only takes that place's. */
void
lang_c_propagate_lines (LangUnit *u)
{
  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    {
      LangPosition prev = { -1, -1, -1, -1 };
      LangCInstr *last;

      if (b->n_instr == 0)
        continue;
      for (int i = 0; i < b->n_instr; i++)
        {
          if (b->instr[i].pos.lineno < 0)
            b->instr[i].pos = prev;
          else
            prev = b->instr[i].pos;
        }
      if (!b->nofallthrough && b->next->predecessors == 1 && b->next->instr[0].pos.lineno < 0)
        b->next->instr[0].pos = prev;
      last = lang_c_last_instr (b);
      if (lang_c_is_jump (last->op) && last->target->predecessors == 1
          && last->target->instr[0].pos.lineno < 0)
        last->target->instr[0].pos = prev;
    }
}

void
lang_c_guarantee_exit_lines (LangUnit *u)
{
  int lineno = u->firstlineno;

  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    {
      LangCInstr *last = lang_c_last_instr (b);

      if (last == NULL)
        continue;
      if (last->pos.lineno < 0)
        {
          if (last->op == LANG_OP_RETURN_VALUE)
            for (int i = 0; i < b->n_instr; i++)
              b->instr[i].pos.lineno = lineno;
        }
      else
        lineno = last->pos.lineno;
    }
}

void
lang_c_trim_consts (LangUnit *u)
{
  int max = 0; /* the first constant may be the docstring: kept */

  for (LangBlock *b = u->entry; b != NULL; b = b->next)
    for (int i = 0; i < b->n_instr; i++)
      if ((b->instr[i].op == LANG_OP_LOAD_CONST || b->instr[i].op == LANG_OP_KW_NAMES)
          && b->instr[i].arg > max)
        max = b->instr[i].arg;
  if ((size_t) max + 1 < u->n_consts)
    u->n_consts = (size_t) max + 1;
}
