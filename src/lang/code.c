/* code.c: code objects (lang_code_type): not tracked by the collector, as
 * in CPython, holding their constants, names and filename; their repr, and
 * a listing in the form `python3 -m dis` prints. */
#include "code.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/str.h"
#include "runtime/mem.h"
#include "runtime/tuple.h"

static void
code_dealloc (RtObject *self)
{
  LangCode *co = (LangCode *) self;

  rt_xdecref (co->consts);
  rt_xdecref (co->names);
  rt_xdecref (co->localsplusnames);
  rt_xdecref (co->filename);
  rt_xdecref (co->name);
  rt_xdecref (co->qualname);
  rt_mem_free (co->storage, co->storage_size);
  rt_object_free (self, sizeof (LangCode));
}

static void
code_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  LangCode *co = (LangCode *) self;

  if (co->consts != NULL)
    visit (self, rt_slot_label (RT_LABEL_CONSTS), co->consts, arg);
  if (co->names != NULL)
    visit (self, rt_slot_label (RT_LABEL_NAMES), co->names, arg);
  if (co->localsplusnames != NULL)
    visit (self, rt_slot_label (RT_LABEL_NAMES), co->localsplusnames, arg);
  if (co->filename != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), co->filename, arg);
  if (co->name != NULL)
    visit (self, rt_slot_label (RT_LABEL_NAME), co->name, arg);
  if (co->qualname != NULL)
    visit (self, rt_slot_label (RT_LABEL_QUALNAME), co->qualname, arg);
}

static RtObject *
code_repr (RtObject *self)
{
  LangCode *co = (LangCode *) self;
  RtStrBuilder sb;

  rt_sb_init (&sb);
  rt_sb_appendf (&sb, "<code object %s at 0x%" PRIx64 ", file \"%s\", line %d>",
                 rt_str_utf8 (co->name), rt_object_id (self), rt_str_utf8 (co->filename),
                 (int) co->firstlineno);
  return rt_sb_finish (&sb);
}

/* By identity: a code object is equal to itself only here (CPython
 * compares contents, which nothing in the language needs). */
static RtHash
code_hash (RtObject *self)
{
  RtHash h = (RtHash) (rt_object_id (self) >> 4);

  return h == -1 ? -2 : h;
}

/* Not GC: code objects hold only constants, names and strings, which
 * cannot lead back to them, as CPython reasons. */
RtType lang_code_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "code",
  .basic_size = sizeof (LangCode),
  .dealloc = code_dealloc,
  .refs = code_refs,
  .repr = code_repr,
  .hash = code_hash,
};

/* Stores a reference the new code object holds, reporting it. */
static void
code_set (LangCode *co, RtObject **slot, RtObject *value, RtRefLabel label)
{
  *slot = rt_newref (value);
  RT_EVENT_REF_ADD (co, rt_slot_label (label), value);
}

LangCode *
lang_code_new (LangInstr *code, uint32_t n_code, RtObject *consts, RtObject *names,
               RtObject *localsplusnames, uint8_t *localspluskinds, LangPosition *positions,
               uint8_t *line_starts, LangExceptEntry *exceptions, uint32_t n_exceptions,
               RtObject *filename, RtObject *name, RtObject *qualname)
{
  LangCode *co;
  int32_t n;

  /* The type is not one of the runtime's: give it its header on first use. */
  if (lang_code_type.ob.type == NULL)
    rt_object_init_static (&lang_code_type.ob, &rt_type_type);
  co = (LangCode *) rt_object_alloc (&lang_code_type, sizeof (LangCode));
  if (co == NULL)
    {
      free (code);
      free (localspluskinds);
      free (positions);
      free (line_starts);
      free (exceptions);
      return NULL;
    }
  memset ((char *) co + sizeof (RtObject), 0, sizeof (LangCode) - sizeof (RtObject));
  n = (int32_t) RT_TUPLE_SIZE (localsplusnames);

  /* The arrays move into one block of the runtime's memory: it goes with
   * the arenas when the runtime ends, as every object does, so no code
   * object can leak past it. */
  size_t sizes[5] = { n_code * sizeof *code, n_code * sizeof *positions, n_code,
                      n_exceptions * sizeof *exceptions, (size_t) n };
  const void *sources[5] = { code, positions, line_starts, exceptions, localspluskinds };
  size_t offsets[5], total = 0;
  for (int i = 0; i < 5; i++)
    {
      offsets[i] = total;
      total += (sizes[i] + 15) & ~(size_t) 15;
    }
  co->storage_size = total > 0 ? total : 1;
  co->storage = rt_mem_alloc (co->storage_size, RT_MEM_RAW);
  if (co->storage == NULL)
    {
      co->storage_size = 0;
      rt_object_free (&co->ob, sizeof (LangCode));
      free (code);
      free (localspluskinds);
      free (positions);
      free (line_starts);
      free (exceptions);
      rt_error_no_memory ();
      return NULL;
    }
  for (int i = 0; i < 5; i++)
    if (sizes[i] > 0)
      memcpy ((char *) co->storage + offsets[i], sources[i], sizes[i]);
  free (code);
  free (localspluskinds);
  free (positions);
  free (line_starts);
  free (exceptions);
  co->code = (LangInstr *) ((char *) co->storage + offsets[0]);
  co->positions = (LangPosition *) ((char *) co->storage + offsets[1]);
  co->line_starts = (uint8_t *) co->storage + offsets[2];
  co->exceptions = (LangExceptEntry *) ((char *) co->storage + offsets[3]);
  co->localspluskinds = (uint8_t *) co->storage + offsets[4];
  co->n_code = n_code;
  co->n_exceptions = n_exceptions;
  co->firstlineno = 1;

  co->nlocalsplus = n;
  for (int32_t i = 0; i < n; i++)
    {
      if (co->localspluskinds[i] & LANG_FAST_LOCAL)
        co->nlocals++;
      if (co->localspluskinds[i] & LANG_FAST_CELL)
        co->ncellvars++;
      if (co->localspluskinds[i] & LANG_FAST_FREE)
        co->nfreevars++;
    }

  RT_EVENT_BORN (co, 0);
  code_set (co, &co->consts, consts, RT_LABEL_CONSTS);
  code_set (co, &co->names, names, RT_LABEL_NAMES);
  code_set (co, &co->localsplusnames, localsplusnames, RT_LABEL_NAMES);
  code_set (co, &co->filename, filename, RT_LABEL_OTHER);
  code_set (co, &co->name, name, RT_LABEL_NAME);
  code_set (co, &co->qualname, qualname, RT_LABEL_QUALNAME);
  return co;
}

/* The listing */

static bool
is_jump (LangOpcode op)
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

static void
append_item_repr (RtStrBuilder *sb, RtObject *tuple, uint32_t i)
{
  if (tuple == NULL || i >= (uint64_t) RT_TUPLE_SIZE (tuple))
    {
      rt_sb_append_cstr (sb, "<?>");
      return;
    }
  if (!rt_sb_append_repr (sb, RT_TUPLE_ITEMS (tuple)[i]))
    {
      rt_error_clear ();
      rt_sb_append_cstr (sb, "<?>");
    }
}

static void
append_name (RtStrBuilder *sb, RtObject *tuple, uint32_t i)
{
  if (tuple == NULL || i >= (uint64_t) RT_TUPLE_SIZE (tuple))
    rt_sb_append_cstr (sb, "<?>");
  else
    rt_sb_append_str (sb, RT_TUPLE_ITEMS (tuple)[i]);
}

/* What dis shows in parentheses after the argument. */
static void
append_argrepr (RtStrBuilder *sb, const LangCode *co, LangOpcode op, uint32_t arg)
{
  static const char *const cmp[] = { "<", "<=", "==", "!=", ">", ">=" };
  static const char *const conversions[] = { "", "str", "repr", "ascii" };
  static const char *const function_flags[] = { "defaults", "kwdefaults", "annotations",
                                                 "closure" };

  switch (op)
    {
    case LANG_OP_LOAD_CONST:
    case LANG_OP_KW_NAMES:
      rt_sb_append_cstr (sb, " (");
      append_item_repr (sb, co->consts, arg);
      rt_sb_append_cstr (sb, ")");
      break;
    case LANG_OP_LOAD_NAME:
    case LANG_OP_STORE_NAME:
    case LANG_OP_DELETE_NAME:
    case LANG_OP_STORE_GLOBAL:
    case LANG_OP_DELETE_GLOBAL:
    case LANG_OP_LOAD_ATTR:
    case LANG_OP_STORE_ATTR:
    case LANG_OP_DELETE_ATTR:
    case LANG_OP_LOAD_METHOD:
    case LANG_OP_IMPORT_NAME:
    case LANG_OP_IMPORT_FROM:
      rt_sb_append_cstr (sb, " (");
      append_name (sb, co->names, arg);
      rt_sb_append_cstr (sb, ")");
      break;
    case LANG_OP_LOAD_GLOBAL:
      rt_sb_append_cstr (sb, (arg & 1) ? " (NULL + " : " (");
      append_name (sb, co->names, arg >> 1);
      rt_sb_append_cstr (sb, ")");
      break;
    case LANG_OP_LOAD_FAST:
    case LANG_OP_STORE_FAST:
    case LANG_OP_DELETE_FAST:
    case LANG_OP_MAKE_CELL:
    case LANG_OP_LOAD_CLOSURE:
    case LANG_OP_LOAD_DEREF:
    case LANG_OP_STORE_DEREF:
    case LANG_OP_DELETE_DEREF:
    case LANG_OP_LOAD_CLASSDEREF:
      rt_sb_append_cstr (sb, " (");
      append_name (sb, co->localsplusnames, arg);
      rt_sb_append_cstr (sb, ")");
      break;
    case LANG_OP_COMPARE_OP:
      if (arg < 6)
        rt_sb_appendf (sb, " (%s)", cmp[arg]);
      break;
    case LANG_OP_BINARY_OP:
      if (arg < RT_OP_COUNT_)
        rt_sb_appendf (sb, " (%s)", rt_binary_op_symbol ((RtBinaryOp) arg));
      break;
    case LANG_OP_FORMAT_VALUE:
      if ((arg & 3) || (arg & 4))
        rt_sb_appendf (sb, " (%s%s%s)", conversions[arg & 3], (arg & 3) && (arg & 4) ? ", " : "",
                       (arg & 4) ? "with format" : "");
      break;
    case LANG_OP_MAKE_FUNCTION:
      if (arg & 0xf)
        {
          bool first = true;

          rt_sb_append_cstr (sb, " (");
          for (int i = 0; i < 4; i++)
            if (arg & (1u << i))
              {
                rt_sb_appendf (sb, "%s%s", first ? "" : ", ", function_flags[i]);
                first = false;
              }
          rt_sb_append_cstr (sb, ")");
        }
      break;
    default:
      if (is_jump (op))
        rt_sb_appendf (sb, " (to %" PRIu32 ")", arg);
      break;
    }
}

static int
digits (int64_t v)
{
  int n = 1;

  while (v >= 10)
    {
      v /= 10;
      n++;
    }
  return n;
}

static void
disassemble_one (RtStrBuilder *sb, const LangCode *co)
{
  bool *targets = calloc (co->n_code + 1, sizeof *targets);
  int maxline = 0;
  int lineno_width, offset_width;

  if (targets == NULL)
    {
      sb->failed = true;
      return;
    }
  for (uint32_t i = 0; i < co->n_code; i++)
    {
      LangOpcode op = LANG_OP (co->code[i]);

      if (is_jump (op) && LANG_ARG (co->code[i]) < co->n_code)
        targets[LANG_ARG (co->code[i])] = true;
      if (co->positions[i].lineno > maxline)
        maxline = co->positions[i].lineno;
    }
  for (uint32_t i = 0; i < co->n_exceptions; i++)
    if (co->exceptions[i].handler < co->n_code)
      targets[co->exceptions[i].handler] = true;
  lineno_width = maxline >= 1000 ? digits (maxline) : 3;
  offset_width = co->n_code >= 10000 ? digits (co->n_code) : 4;

  for (uint32_t i = 0, lastline = 0; i < co->n_code; i++)
    {
      LangOpcode op = LANG_OP (co->code[i]);
      uint32_t arg = LANG_ARG (co->code[i]);
      int line = co->positions[i].lineno;
      /* As dis: a line is shown where it changes, instructions without
       * one left out. */
      bool starts = line >= 0 && (i == 0 || (uint32_t) line != lastline);
      size_t mark = sb->size;

      if (line >= 0)
        lastline = (uint32_t) line;
      if (starts && i > 0)
        rt_sb_append_cstr (sb, "\n");
      if (starts)
        rt_sb_appendf (sb, "%*d", lineno_width, line);
      else
        rt_sb_appendf (sb, "%*s", lineno_width, "");
      rt_sb_appendf (sb, "     %s %*" PRIu32 " %-20s", targets[i] ? ">>" : "  ", offset_width, i,
                     lang_opcode_name (op));
      if (lang_opcode_has_arg (op))
        {
          rt_sb_appendf (sb, " %5" PRIu32, arg);
          append_argrepr (sb, co, op, arg);
        }
      /* dis strips trailing blanks. */
      while (sb->size > mark && sb->data[sb->size - 1] == ' ')
        sb->size--;
      rt_sb_append_cstr (sb, "\n");
    }
  if (co->n_exceptions > 0)
    {
      rt_sb_append_cstr (sb, "ExceptionTable:\n");
      for (uint32_t i = 0; i < co->n_exceptions; i++)
        {
          const LangExceptEntry *e = &co->exceptions[i];

          rt_sb_appendf (sb, "  %" PRIu32 " to %" PRIu32 " -> %" PRIu32 " [%" PRIu32 "]%s\n",
                         e->start, e->end - 1, e->handler, e->depth, e->lasti ? " lasti" : "");
        }
    }
  free (targets);
}

static void
disassemble_recursive (RtStrBuilder *sb, const LangCode *co)
{
  disassemble_one (sb, co);
  for (int64_t i = 0; co->consts != NULL && i < RT_TUPLE_SIZE (co->consts); i++)
    {
      RtObject *c = RT_TUPLE_ITEMS (co->consts)[i];

      if (RT_TYPE (c) != &lang_code_type)
        continue;
      rt_sb_append_cstr (sb, "\nDisassembly of ");
      if (!rt_sb_append_repr (sb, c))
        rt_error_clear ();
      rt_sb_append_cstr (sb, ":\n");
      disassemble_recursive (sb, (const LangCode *) c);
    }
}

char *
lang_code_disassemble (const LangCode *code)
{
  RtStrBuilder sb;
  char *text;

  rt_sb_init (&sb);
  disassemble_recursive (&sb, code);
  if (sb.failed)
    {
      rt_sb_dispose (&sb);
      return NULL;
    }
  text = malloc (sb.size + 1);
  if (text != NULL)
    {
      memcpy (text, sb.data ? sb.data : "", sb.size);
      text[sb.size] = '\0';
    }
  rt_sb_dispose (&sb);
  return text;
}
