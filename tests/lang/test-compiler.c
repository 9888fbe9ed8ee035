/* test-compiler.c: the compiler against CPython 3.11: the instructions,
 * arguments, positions, constants and exception tables it makes for each
 * snippet of compiler-cases.h (written by make-compiler-cases.py from what
 * CPython compiles), its SyntaxErrors, constant merging, folding and
 * interning, the symbol table's scopes, and code objects themselves. */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "runtime/abstract.h"
#include "code.h"
#include "compiler.h"
#include "runtime/error.h"
#include "runtime/float.h"
#include "runtime/int.h"
#include "lang-arena.h"
#include "parser.h"
#include "runtime/runtime.h"
#include "runtime/set.h"
#include "runtime/str.h"
#include "symtable.h"
#include "runtime/tuple.h"

typedef struct
{
  const char *name;
  const char *source;
  const char *ops;    /* each code object's instruction names */
  const char *detail; /* arguments, positions, constants, handlers */
} CompilerCase;

typedef struct
{
  const char *name;
  const char *source;
  const char *msg;
  int lineno, offset, end_lineno, end_offset;
} CompilerErrorCase;

#include "compiler-cases.h"

/* Helpers */

static LangCode *
compile_source (const char *source, LangSyntaxError *error)
{
  LangArena *arena = lang_arena_new ();
  LangCompileInput input = { "x.py", source, strlen (source), 0 };
  LangModule *module;
  LangCode *code = NULL;

  g_assert_nonnull (arena);
  module = lang_parse (arena, source, strlen (source), "x.py", error);
  if (module == NULL)
    g_error ("parse error in test source: %s", error->msg);
  code = lang_compile (module->body, module->n_body, &input, error);
  lang_arena_free (arena);
  return code;
}

static LangCode *
compile_ok (const char *source)
{
  LangSyntaxError error = { 0 };
  LangCode *code = compile_source (source, &error);

  if (code == NULL)
    g_error ("compiling %s failed: %s", source, error.msg ? error.msg : "runtime error");
  return code;
}

static RtObject *
const_at (LangCode *code, int64_t i)
{
  g_assert_cmpint (i, <, RT_TUPLE_SIZE (code->consts));
  return RT_TUPLE_ITEMS (code->consts)[i];
}

/* The n-th nested code object among code's constants. */
static LangCode *
nested_code (LangCode *code, int n)
{
  for (int64_t i = 0; i < RT_TUPLE_SIZE (code->consts); i++)
    {
      RtObject *c = RT_TUPLE_ITEMS (code->consts)[i];

      if (RT_TYPE (c) == &lang_code_type && n-- == 0)
        return (LangCode *) c;
    }
  g_assert_not_reached ();
  return NULL;
}

static RtObject *
find_const (LangCode *code, bool (*match) (RtObject *c, const void *data), const void *data)
{
  for (int64_t i = 0; i < RT_TUPLE_SIZE (code->consts); i++)
    if (match (RT_TUPLE_ITEMS (code->consts)[i], data))
      return RT_TUPLE_ITEMS (code->consts)[i];
  return NULL;
}

static bool
is_int (RtObject *c, const void *data)
{
  int64_t v;

  return RT_TYPE (c) == &rt_int_type && rt_int_to_i64 (c, &v) && v == *(const int64_t *) data;
}

static bool
is_str (RtObject *c, const void *data)
{
  return RT_TYPE (c) == &rt_str_type && strcmp (rt_str_utf8 (c), data) == 0;
}

static bool
is_tuple (RtObject *c, const void *data)
{
  return RT_TYPE (c) == &rt_tuple_type && RT_TUPLE_SIZE (c) == *(const int64_t *) data;
}

static bool
is_type (RtObject *c, const void *data)
{
  return RT_TYPE (c) == data;
}

static int64_t
count_op (LangCode *code, LangOpcode op)
{
  int64_t n = 0;

  for (uint32_t i = 0; i < code->n_code; i++)
    if (LANG_OP (code->code[i]) == op)
      n++;
  return n;
}

/* The same dumps make-compiler-cases.py writes. */

static void
append_ops (GString *out, LangCode *code, int depth)
{
  g_string_append_printf (out, "%*s%s:", depth * 2, "", rt_str_utf8 (code->qualname));
  for (uint32_t i = 0; i < code->n_code; i++)
    g_string_append_printf (out, " %s", lang_opcode_name (LANG_OP (code->code[i])));
  g_string_append_c (out, '\n');
  for (int64_t i = 0; i < RT_TUPLE_SIZE (code->consts); i++)
    {
      RtObject *c = RT_TUPLE_ITEMS (code->consts)[i];

      if (RT_TYPE (c) == &lang_code_type)
        append_ops (out, (LangCode *) c, depth + 1);
    }
}

static void
append_detail (GString *out, LangCode *code)
{
  g_string_append_printf (out, "code %s argc=%d posonly=%d kwonly=%d flags=%d stack=%d first=%d\n",
                          rt_str_utf8 (code->qualname), code->argcount, code->posonlyargcount,
                          code->kwonlyargcount, code->flags, code->stacksize, code->firstlineno);
  g_string_append (out, " consts: ");
  for (int64_t i = 0; i < RT_TUPLE_SIZE (code->consts); i++)
    {
      RtObject *c = RT_TUPLE_ITEMS (code->consts)[i];

      if (i > 0)
        g_string_append (out, " | ");
      if (RT_TYPE (c) == &lang_code_type)
        g_string_append_printf (out, "<code %s>", rt_str_utf8 (((LangCode *) c)->qualname));
      else
        {
          RtObject *r = rt_repr (c);

          g_assert_nonnull (r);
          g_string_append (out, rt_str_utf8 (r));
          rt_decref (r);
        }
    }
  g_string_append (out, "\n names:");
  for (int64_t i = 0; i < RT_TUPLE_SIZE (code->names); i++)
    g_string_append_printf (out, " %s", rt_str_utf8 (RT_TUPLE_ITEMS (code->names)[i]));
  /* co_varnames, co_cellvars, co_freevars */
  g_string_append (out, "\n locals:");
  for (int kind = 0; kind < 3; kind++)
    for (int32_t i = 0; i < code->nlocalsplus; i++)
      if (code->localspluskinds[i]
          & (kind == 0 ? LANG_FAST_LOCAL : kind == 1 ? LANG_FAST_CELL : LANG_FAST_FREE))
        g_string_append_printf (out, " %s",
                                rt_str_utf8 (RT_TUPLE_ITEMS (code->localsplusnames)[i]));
  g_string_append_c (out, '\n');
  for (uint32_t i = 0; i < code->n_code; i++)
    {
      LangOpcode op = LANG_OP (code->code[i]);
      const LangPosition *p = &code->positions[i];

      g_string_append_printf (out, " %" PRIu32 " %s ", i, lang_opcode_name (op));
      if (lang_opcode_has_arg (op))
        g_string_append_printf (out, "%" PRIu32, LANG_ARG (code->code[i]));
      else
        g_string_append_c (out, '-');
      g_string_append_printf (out, " %d %d %d %d\n", p->lineno, p->end_lineno, p->col, p->end_col);
    }
  for (uint32_t i = 0; i < code->n_exceptions; i++)
    {
      const LangExceptEntry *e = &code->exceptions[i];

      g_string_append_printf (out, " exc %" PRIu32 " %" PRIu32 " %" PRIu32 " %" PRIu32 " %d\n",
                              e->start, e->end, e->handler, e->depth, e->lasti);
    }
  for (int64_t i = 0; i < RT_TUPLE_SIZE (code->consts); i++)
    {
      RtObject *c = RT_TUPLE_ITEMS (code->consts)[i];

      if (RT_TYPE (c) == &lang_code_type)
        append_detail (out, (LangCode *) c);
    }
}

/* Every test runs in a runtime of its own, which it leaves without an
 * exception set and with the heap invariant holding. */
static void
with_runtime (gconstpointer data, void (*fn) (gconstpointer data))
{
  char message[256];

  g_assert_true (rt_runtime_init ());
  fn (data);
  g_assert_false (rt_error_occurred ());
  if (!rt_heap_check (message, sizeof message))
    g_error ("heap invariant: %s", message);
  rt_runtime_fini ();
}

/* Instructions as CPython makes them */

static void
check_ops (gconstpointer data)
{
  const CompilerCase *tc = data;
  LangCode *code = compile_ok (tc->source);
  GString *out = g_string_new (NULL);

  append_ops (out, code, 0);
  g_assert_cmpstr (out->str, ==, tc->ops);
  g_string_free (out, TRUE);
  rt_decref (&code->ob);
}

static void
test_ops (gconstpointer data)
{
  with_runtime (data, check_ops);
}

static void
check_detail (gconstpointer data)
{
  const CompilerCase *tc = data;
  LangCode *code = compile_ok (tc->source);
  GString *out = g_string_new (NULL);

  append_detail (out, code);
  g_assert_cmpstr (out->str, ==, tc->detail);
  g_string_free (out, TRUE);
  rt_decref (&code->ob);
}

static void
test_detail (gconstpointer data)
{
  with_runtime (data, check_detail);
}

/* SyntaxErrors, with CPython's messages and positions */

static void
check_error (gconstpointer data)
{
  const CompilerErrorCase *tc = data;
  LangSyntaxError error = { 0 };
  LangCode *code = compile_source (tc->source, &error);

  g_assert_null (code);
  g_assert_cmpstr (error.type, ==, "SyntaxError");
  g_assert_cmpstr (error.msg, ==, tc->msg);
  g_assert_cmpint (error.lineno, ==, tc->lineno);
  g_assert_cmpint (error.offset, ==, tc->offset);
  g_assert_cmpint (error.end_lineno, ==, tc->end_lineno);
  g_assert_cmpint (error.end_offset, ==, tc->end_offset);
  g_assert_nonnull (error.text);
  lang_syntax_error_clear (&error);
}

static void
test_error (gconstpointer data)
{
  with_runtime (data, check_error);
}

/* What the runtime cannot run is refused at compile time. */
static const CompilerErrorCase unsupported_cases[] = {
  { "with", "x = 1\nwith f() as g:\n    pass\n", "'with' statements are not supported", 2, 1, 3,
    9 },
  { "genexp", "s = sum(x for x in y)\n", "generator expressions are not supported", 1, 8, 1, 22 },
  { "yield", "def f():\n    yield 1\n", "generators are not supported", 2, 5, 2, 12 },
  { "async_def", "async def f():\n    pass\n", "async functions are not supported", 1, 1, 2, 9 },
  { "bytes", "x = b'abc'\n", "bytes literals are not supported", 1, 5, 1, 11 },
  { "complex", "x = 1 + 2j\n", "complex numbers are not supported", 1, 9, 1, 11 },
  { "try_star", "try:\n    f()\nexcept* E:\n    pass\n", "'except*' is not supported", 1, 1, 4,
    9 },
};

static void
test_unsupported (gconstpointer data)
{
  with_runtime (data, check_error);
}

static void
check_huge_int_literal (gconstpointer data)
{
  /* Past the digit limit of int(): CPython's parser makes it a SyntaxError. */
  GString *source = g_string_new ("y = 2\nx = (");
  LangSyntaxError error = { 0 };

  for (int i = 0; i < 5000; i++)
    g_string_append_c (source, '1');
  g_string_append (source, ")\n");
  g_assert_null (compile_source (source->str, &error));
  g_assert_cmpstr (error.msg, ==,
                   "Exceeds the limit (4300 digits) for integer string conversion: value has "
                   "5000 digits; use sys.set_int_max_str_digits() to increase the limit - "
                   "Consider hexadecimal for huge integer literals to avoid decimal conversion "
                   "limits.");
  g_assert_cmpint (error.lineno, ==, 2);
  g_assert_cmpint (error.offset, ==, 0);
  g_assert_cmpint (error.end_lineno, ==, 2);
  g_assert_cmpint (error.end_offset, ==, 0);
  lang_syntax_error_clear (&error);
  g_string_free (source, TRUE);
}

static void
test_huge_int_literal (gconstpointer data)
{
  with_runtime (data, check_huge_int_literal);
}

/* Constants */

static void
check_consts_merged (gconstpointer data)
{
  /* One object per value and type within a unit, nested code included. */
  LangCode *code = compile_ok ("a = 257\n"
                               "b = 257\n"
                               "c = (257, 'x y')\n"
                               "d = 'x y'\n"
                               "e = (1, 1.0, True, 0.0, -0.0)\n"
                               "def f():\n"
                               "    return 257, 'x y'\n");
  int64_t v257 = 257, three = 5, two = 2;
  RtObject *n257 = find_const (code, is_int, &v257);
  RtObject *xy = find_const (code, is_str, "x y");
  RtObject *pair = find_const (code, is_tuple, &two);
  RtObject *mixed = find_const (code, is_tuple, &three);
  LangCode *f = nested_code (code, 0);
  RtObject *fpair = find_const (f, is_tuple, &two);

  g_assert_nonnull (n257);
  g_assert_nonnull (xy);
  g_assert_nonnull (pair);
  g_assert_true (RT_TUPLE_ITEMS (pair)[0] == n257);
  g_assert_true (RT_TUPLE_ITEMS (pair)[1] == xy);
  /* The function's (257, 'x y') is the module's. */
  g_assert_true (fpair == pair);
  /* 1, 1.0 and True are equal but stay apart; so do 0.0 and -0.0. */
  g_assert_nonnull (mixed);
  g_assert_true (RT_TYPE (RT_TUPLE_ITEMS (mixed)[0]) == &rt_int_type);
  g_assert_true (RT_TYPE (RT_TUPLE_ITEMS (mixed)[1]) == &rt_float_type);
  g_assert_true (RT_TUPLE_ITEMS (mixed)[2] == RT_TRUE);
  g_assert_true (RT_TUPLE_ITEMS (mixed)[3] != RT_TUPLE_ITEMS (mixed)[4]);
  /* 'x y' is not identifier-like: not interned. */
  g_assert_false (rt_str_is_interned (xy));
  rt_decref (&code->ob);
}

static void
test_consts_merged (gconstpointer data)
{
  with_runtime (data, check_consts_merged);
}

static void
check_consts_units (gconstpointer data)
{
  /* Each unit (a statement at the prompt) has constants of its own. */
  LangCode *a = compile_ok ("a = 257\n");
  LangCode *b = compile_ok ("b = 257\n");
  int64_t v = 257;

  g_assert_true (find_const (a, is_int, &v) != find_const (b, is_int, &v));
  rt_decref (&a->ob);
  rt_decref (&b->ob);
}

static void
test_consts_units (gconstpointer data)
{
  with_runtime (data, check_consts_units);
}

static void
check_interning (gconstpointer data)
{
  LangCode *code = compile_ok ("a = 'good'\n"
                               "b = 'go' + 'od'\n"
                               "c = 'very good morning'\n"
                               "d = 'caf\xc3\xa9'\n"
                               "def some_function(argument):\n"
                               "    local = argument.attribute\n"
                               "    return local\n");
  RtObject *good = find_const (code, is_str, "good");
  RtObject *interned = rt_str_intern_cstr ("good");
  LangCode *f = nested_code (code, 0);

  /* "go" + "od" folds into the one interned "good". */
  g_assert_nonnull (good);
  g_assert_true (good == interned);
  g_assert_cmpint (count_op (code, LANG_OP_BINARY_OP), ==, 0);
  g_assert_false (rt_str_is_interned (find_const (code, is_str, "very good morning")));
  g_assert_false (rt_str_is_interned (find_const (code, is_str, "caf\xc3\xa9")));
  /* Names are always interned. */
  for (int64_t i = 0; i < RT_TUPLE_SIZE (code->names); i++)
    g_assert_true (rt_str_is_interned (RT_TUPLE_ITEMS (code->names)[i]));
  for (int64_t i = 0; i < RT_TUPLE_SIZE (f->localsplusnames); i++)
    g_assert_true (rt_str_is_interned (RT_TUPLE_ITEMS (f->localsplusnames)[i]));
  for (int64_t i = 0; i < RT_TUPLE_SIZE (f->names); i++)
    g_assert_true (rt_str_is_interned (RT_TUPLE_ITEMS (f->names)[i]));
  g_assert_cmpstr (rt_str_utf8 (f->name), ==, "some_function");
  rt_decref (interned);
  rt_decref (&code->ob);
}

static void
test_interning (gconstpointer data)
{
  with_runtime (data, check_interning);
}

static void
check_small_ints (gconstpointer data)
{
  LangCode *code = compile_ok ("x = 255 + 1\ny = -5\n");
  RtObject *n256 = rt_int_from_i64 (256);
  RtObject *m5 = rt_int_from_i64 (-5);
  int64_t v256 = 256, vm5 = -5;

  /* Folded values in the cache's range are the cached objects. */
  g_assert_true (find_const (code, is_int, &v256) == n256);
  g_assert_true (find_const (code, is_int, &vm5) == m5);
  rt_decref (n256);
  rt_decref (m5);
  rt_decref (&code->ob);
}

static void
test_small_ints (gconstpointer data)
{
  with_runtime (data, check_small_ints);
}

/* Folding */

typedef struct
{
  const char *source;
  bool folded; /* whether the operation became a constant */
} FoldCase;

static const FoldCase fold_cases[] = {
  { "x = 2 ** 10", true },
  { "x = 2 ** 200", false },        /* more than 128 bits */
  { "x = 1 << 100", true },
  { "x = 1 << 200", false },
  { "x = 1 / 0", false },           /* raises: left to run time */
  { "x = 'ab' * 2048", true },      /* 4096 characters */
  { "x = 'ab' * 2049", false },
  { "x = (1, 2) * 128", true },     /* 256 items */
  { "x = (1, 2) * 129", false },
  { "x = '%s' % 5", false },        /* str formatting stays */
  { "x = 'abc'[1]", true },
  { "x = -7 // 2", true },
  { "x = ~5 | 2", true },
  { "x = not 0", true },
  { "x = 1 + 'a'", false },         /* TypeError */
};

static void
check_fold (gconstpointer data)
{
  const FoldCase *tc = data;
  LangCode *code = compile_ok (tc->source);
  bool folded = count_op (code, LANG_OP_BINARY_OP) == 0 && count_op (code, LANG_OP_BINARY_SUBSCR) == 0
                && count_op (code, LANG_OP_UNARY_NOT) == 0;

  g_assert_cmpint (folded, ==, tc->folded);
  rt_decref (&code->ob);
}

static void
test_fold (gconstpointer data)
{
  with_runtime (data, check_fold);
}

static void
check_fold_in (gconstpointer data)
{
  LangCode *code = compile_ok ("a = x in [1, 2, 3]\nb = x in {1, 2}\nc = x not in [y, z]\n");
  int64_t three = 3;

  /* Lists tested with `in` are tuples, sets of constants frozensets. */
  g_assert_nonnull (find_const (code, is_tuple, &three));
  g_assert_nonnull (find_const (code, is_type, &rt_frozenset_type));
  g_assert_cmpint (count_op (code, LANG_OP_BUILD_LIST), ==, 0);
  g_assert_cmpint (count_op (code, LANG_OP_BUILD_SET), ==, 0);
  g_assert_cmpint (count_op (code, LANG_OP_BUILD_TUPLE), ==, 1);
  rt_decref (&code->ob);
}

static void
test_fold_in (gconstpointer data)
{
  with_runtime (data, check_fold_in);
}

/* The symbol table */

static LangSymtable *
build_symtable (const char *source, LangArena **arena_out)
{
  LangArena *arena = lang_arena_new ();
  LangSyntaxError error = { 0 };
  LangCompileInput input = { "x.py", source, strlen (source), 0 };
  LangModule *module = lang_parse (arena, source, strlen (source), "x.py", &error);
  LangSymtable *st;

  g_assert_nonnull (module);
  st = lang_symtable_build (module->body, module->n_body, &input, &error);
  g_assert_nonnull (st);
  *arena_out = arena;
  return st;
}

static LangSymtableEntry *
child (LangSymtableEntry *ste, const char *name)
{
  for (size_t i = 0; i < ste->n_children; i++)
    if (strcmp (ste->children[i]->name, name) == 0)
      return ste->children[i];
  g_error ("no block %s in %s", name, ste->name);
  return NULL;
}

static void
check_symtable (gconstpointer data)
{
  LangArena *arena;
  LangSymtable *st = build_symtable ("import os\n"
                                     "g = 1\n"
                                     "def f(a, *args, k=1, **kw):\n"
                                     "    global g\n"
                                     "    b = a\n"
                                     "    c = 2\n"
                                     "    def inner():\n"
                                     "        nonlocal c\n"
                                     "        c = b + len(args)\n"
                                     "    return [b + x for x in kw]\n"
                                     "class C(Base):\n"
                                     "    attr = 1\n"
                                     "    def m(self):\n"
                                     "        return super().m(attr)\n"
                                     "    h = lambda y: y + attr\n",
                                     &arena);
  LangSymtableEntry *top = lang_symtable_top (st);
  LangSymtableEntry *f = child (top, "f");
  LangSymtableEntry *inner = child (f, "inner");
  LangSymtableEntry *comp = child (f, "listcomp");
  LangSymtableEntry *cls = child (top, "C");
  LangSymtableEntry *m = child (cls, "m");
  LangSymtableEntry *lambda = child (cls, "lambda");

  g_assert_cmpint (top->type, ==, LANG_BLOCK_MODULE);
  g_assert_cmpint (lang_symtable_scope_of (st, top, "os"), ==, LANG_SCOPE_LOCAL);
  g_assert_true (lang_symtable_entry_get (top, lang_symtable_mangle (st, NULL, "os"))->flags
                 & LANG_DEF_IMPORT);
  /* A global declaration anywhere makes the name explicit in the module. */
  g_assert_cmpint (lang_symtable_scope_of (st, top, "g"), ==, LANG_SCOPE_GLOBAL_EXPLICIT);

  g_assert_cmpint (f->type, ==, LANG_BLOCK_FUNCTION);
  g_assert_true (f->varargs && f->varkeywords);
  g_assert_cmpuint (f->n_varnames, ==, 4);
  g_assert_cmpstr (f->varnames[0], ==, "a");
  g_assert_cmpstr (f->varnames[1], ==, "k");
  g_assert_cmpstr (f->varnames[2], ==, "args");
  g_assert_cmpstr (f->varnames[3], ==, "kw");
  g_assert_cmpint (lang_symtable_scope_of (st, f, "a"), ==, LANG_SCOPE_LOCAL);
  g_assert_cmpint (lang_symtable_scope_of (st, f, "g"), ==, LANG_SCOPE_GLOBAL_EXPLICIT);
  g_assert_cmpint (lang_symtable_scope_of (st, f, "b"), ==, LANG_SCOPE_CELL);
  g_assert_cmpint (lang_symtable_scope_of (st, f, "c"), ==, LANG_SCOPE_CELL);
  g_assert_cmpint (lang_symtable_scope_of (st, f, "args"), ==, LANG_SCOPE_CELL);
  g_assert_cmpint (lang_symtable_scope_of (st, f, "kw"), ==, LANG_SCOPE_LOCAL);
  g_assert_true (f->child_free);

  g_assert_true (inner->nested);
  g_assert_cmpint (lang_symtable_scope_of (st, inner, "c"), ==, LANG_SCOPE_FREE);
  g_assert_cmpint (lang_symtable_scope_of (st, inner, "b"), ==, LANG_SCOPE_FREE);
  g_assert_cmpint (lang_symtable_scope_of (st, inner, "len"), ==, LANG_SCOPE_GLOBAL_IMPLICIT);

  /* A comprehension is a function of its own taking the iterator as .0 */
  g_assert_cmpint (comp->comprehension, ==, LANG_COMP_LIST);
  g_assert_cmpuint (comp->n_varnames, ==, 1);
  g_assert_cmpstr (comp->varnames[0], ==, ".0");
  g_assert_cmpint (lang_symtable_scope_of (st, comp, "x"), ==, LANG_SCOPE_LOCAL);
  g_assert_cmpint (lang_symtable_scope_of (st, comp, "b"), ==, LANG_SCOPE_FREE);
  /* ... and kw, the outermost iterable, is evaluated in f. */
  g_assert_cmpint (lang_symtable_scope_of (st, comp, "kw"), ==, LANG_SCOPE_NONE);

  g_assert_cmpint (cls->type, ==, LANG_BLOCK_CLASS);
  g_assert_true (cls->needs_class_closure);
  g_assert_cmpint (lang_symtable_scope_of (st, cls, "attr"), ==, LANG_SCOPE_LOCAL);
  g_assert_cmpint (lang_symtable_scope_of (st, cls, "Base"), ==, LANG_SCOPE_NONE);
  /* Class names are not visible in methods: attr is a global there. */
  g_assert_cmpint (lang_symtable_scope_of (st, m, "attr"), ==, LANG_SCOPE_GLOBAL_IMPLICIT);
  g_assert_cmpint (lang_symtable_scope_of (st, m, "__class__"), ==, LANG_SCOPE_FREE);
  g_assert_cmpint (lang_symtable_scope_of (st, m, "super"), ==, LANG_SCOPE_GLOBAL_IMPLICIT);
  g_assert_cmpint (lang_symtable_scope_of (st, lambda, "attr"), ==, LANG_SCOPE_GLOBAL_IMPLICIT);
  g_assert_cmpint (lang_symtable_scope_of (st, lambda, "y"), ==, LANG_SCOPE_LOCAL);

  lang_symtable_free (st);
  lang_arena_free (arena);
}

static void
test_symtable (gconstpointer data)
{
  with_runtime (data, check_symtable);
}

static void
check_symtable_class_free (gconstpointer data)
{
  LangArena *arena;
  LangSymtable *st = build_symtable ("def f():\n"
                                     "    x = 1\n"
                                     "    class C:\n"
                                     "        x = 2\n"
                                     "        y = x\n"
                                     "        def m(self):\n"
                                     "            return x\n"
                                     "    class __D:\n"
                                     "        __p = 1\n",
                                     &arena);
  LangSymtableEntry *f = child (lang_symtable_top (st), "f");
  LangSymtableEntry *cls = child (f, "C");
  LangSymtableEntry *d = child (f, "__D");
  const LangSymbol *x = lang_symtable_entry_get (cls, lang_symtable_mangle (st, NULL, "x"));

  /* x is local to the class and free in its method: both. */
  g_assert_cmpint (x->scope, ==, LANG_SCOPE_LOCAL);
  g_assert_true (x->flags & LANG_DEF_FREE_CLASS);
  g_assert_cmpint (lang_symtable_scope_of (st, f, "x"), ==, LANG_SCOPE_CELL);
  /* Private names are mangled with the class name, leading '_' dropped. */
  g_assert_cmpint (lang_symtable_scope_of (st, d, "_D__p"), ==, LANG_SCOPE_LOCAL);
  g_assert_cmpstr (lang_symtable_mangle (st, "__D", "__p"), ==, "_D__p");
  g_assert_cmpstr (lang_symtable_mangle (st, "C", "__init__"), ==, "__init__");
  g_assert_cmpstr (lang_symtable_mangle (st, "___", "__p"), ==, "__p");
  lang_symtable_free (st);
  lang_arena_free (arena);
}

static void
test_symtable_class_free (gconstpointer data)
{
  with_runtime (data, check_symtable_class_free);
}

/* Code objects */

static void
check_code_fields (gconstpointer data)
{
  LangCode *code = compile_ok ("def f(a, b, /, c, *args, d, **kw):\n"
                               "    def g():\n"
                               "        return a + e\n"
                               "    e = 1\n"
                               "    return g\n");
  LangCode *f = nested_code (code, 0);
  LangCode *g = nested_code (f, 0);

  g_assert_cmpint (code->flags, ==, 0);
  g_assert_cmpint (f->argcount, ==, 3);
  g_assert_cmpint (f->posonlyargcount, ==, 2);
  g_assert_cmpint (f->kwonlyargcount, ==, 1);
  g_assert_cmpint (f->flags, ==, LANG_CO_OPTIMIZED | LANG_CO_NEWLOCALS | LANG_CO_VARARGS
                                   | LANG_CO_VARKEYWORDS);
  /* a b c d args kw g, then the cell e; a is an argument and a cell. */
  g_assert_cmpint (f->nlocals, ==, 7);
  g_assert_cmpint (f->ncellvars, ==, 2);
  g_assert_cmpint (f->nfreevars, ==, 0);
  g_assert_cmpint (f->nlocalsplus, ==, 8);
  g_assert_cmpint (f->localspluskinds[0], ==, LANG_FAST_LOCAL | LANG_FAST_CELL);
  g_assert_cmpint (f->localspluskinds[7], ==, LANG_FAST_CELL);
  g_assert_cmpstr (rt_str_utf8 (RT_TUPLE_ITEMS (f->localsplusnames)[7]), ==, "e");
  g_assert_cmpint (LANG_OP (f->code[0]), ==, LANG_OP_MAKE_CELL);
  g_assert_cmpint (LANG_ARG (f->code[0]), ==, 0);
  g_assert_cmpint (LANG_OP (f->code[1]), ==, LANG_OP_MAKE_CELL);
  g_assert_cmpint (LANG_ARG (f->code[1]), ==, 7);

  g_assert_cmpint (g->flags, ==, LANG_CO_OPTIMIZED | LANG_CO_NEWLOCALS | LANG_CO_NESTED);
  g_assert_cmpint (g->nfreevars, ==, 2);
  g_assert_cmpint (LANG_OP (g->code[0]), ==, LANG_OP_COPY_FREE_VARS);
  g_assert_cmpint (LANG_ARG (g->code[0]), ==, 2);
  g_assert_cmpstr (rt_str_utf8 (g->qualname), ==, "f.<locals>.g");
  g_assert_cmpint (g->firstlineno, ==, 2);
  g_assert_cmpstr (rt_str_utf8 (code->name), ==, "<module>");
  g_assert_cmpstr (rt_str_utf8 (code->filename), ==, "x.py");
  rt_decref (&code->ob);
}

static void
test_code_fields (gconstpointer data)
{
  with_runtime (data, check_code_fields);
}

static void
check_code_repr (gconstpointer data)
{
  LangCode *code = compile_ok ("x = 1\n\n\ndef f():\n    pass\n");
  RtObject *r = rt_repr (const_at (code, 1));
  char *expected;

  g_assert_nonnull (r);
  expected = g_strdup_printf ("<code object f at 0x%" PRIx64 ", file \"x.py\", line 4>",
                              rt_object_id (const_at (code, 1)));
  g_assert_cmpstr (rt_str_utf8 (r), ==, expected);
  g_free (expected);
  rt_decref (r);
  rt_decref (&code->ob);
}

static void
test_code_repr (gconstpointer data)
{
  with_runtime (data, check_code_repr);
}

static void
check_disassemble (gconstpointer data)
{
  LangCode *code = compile_ok ("for i in x:\n"
                               "    if i:\n"
                               "        break\n"
                               "try:\n"
                               "    f(i)\n"
                               "except E:\n"
                               "    pass\n");
  char *text = lang_code_disassemble (code);

  g_assert_cmpstr (text, ==,
                   "  1           0 LOAD_NAME                0 (x)\n"
                   "              1 GET_ITER\n"
                   "        >>    2 FOR_ITER                 9 (to 9)\n"
                   "              3 STORE_NAME               1 (i)\n"
                   "\n"
                   "  2           4 LOAD_NAME                1 (i)\n"
                   "              5 POP_JUMP_IF_FALSE        8 (to 8)\n"
                   "\n"
                   "  3           6 POP_TOP\n"
                   "              7 JUMP                     9 (to 9)\n"
                   "\n"
                   "  2     >>    8 JUMP                     2 (to 2)\n"
                   "\n"
                   "  4     >>    9 NOP\n"
                   "\n"
                   "  5          10 PUSH_NULL\n"
                   "             11 LOAD_NAME                2 (f)\n"
                   "             12 LOAD_NAME                1 (i)\n"
                   "             13 CALL                     1\n"
                   "             14 POP_TOP\n"
                   "             15 LOAD_CONST               0 (None)\n"
                   "             16 RETURN_VALUE\n"
                   "        >>   17 PUSH_EXC_INFO\n"
                   "\n"
                   "  6          18 LOAD_NAME                3 (E)\n"
                   "             19 CHECK_EXC_MATCH\n"
                   "             20 POP_JUMP_IF_FALSE       25 (to 25)\n"
                   "             21 POP_TOP\n"
                   "\n"
                   "  7          22 POP_EXCEPT\n"
                   "             23 LOAD_CONST               0 (None)\n"
                   "             24 RETURN_VALUE\n"
                   "\n"
                   "  6     >>   25 RERAISE                  0\n"
                   "        >>   26 COPY                     3\n"
                   "             27 POP_EXCEPT\n"
                   "             28 RERAISE                  1\n"
                   "ExceptionTable:\n"
                   "  10 to 14 -> 17 [0]\n"
                   "  17 to 21 -> 26 [1] lasti\n"
                   "  25 to 25 -> 26 [1] lasti\n");
  g_free (text);
  rt_decref (&code->ob);
}

static void
test_disassemble (gconstpointer data)
{
  with_runtime (data, check_disassemble);
}

static void
check_line_starts (gconstpointer data)
{
  LangCode *code = compile_ok ("x = 1\n"
                               "while x:\n"
                               "    x = x - 1\n"
                               "y = (1,\n"
                               "     2)\n");
  /* LOAD_CONST STORE_NAME | LOAD_NAME POP_JUMP_IF_FALSE | LOAD_NAME LOAD_CONST
   * BINARY_OP STORE_NAME | LOAD_NAME POP_JUMP_IF_TRUE (the loop's test again)
   * | LOAD_CONST STORE_NAME LOAD_CONST RETURN_VALUE */
  static const uint8_t expected[] = { 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0 };

  g_assert_cmpuint (code->n_code, ==, G_N_ELEMENTS (expected));
  for (uint32_t i = 0; i < code->n_code; i++)
    g_assert_cmpint (code->line_starts[i], ==, expected[i]);
  /* The loop body is entered from the test below it: a step each time. */
  g_assert_cmpint (LANG_OP (code->code[9]), ==, LANG_OP_POP_JUMP_IF_TRUE);
  g_assert_cmpuint (LANG_ARG (code->code[9]), ==, 4);
  g_assert_cmpint (lang_code_line (code, 10), ==, 4);
  rt_decref (&code->ob);
}

static void
test_line_starts (gconstpointer data)
{
  with_runtime (data, check_line_starts);
}

static void
count_ref (RtObject *self, RtSlot slot, RtObject *target, void *arg)
{
  (void) self;
  (void) slot;
  (void) target;
  (*(int *) arg)++;
}

static void
check_code_refs (gconstpointer data)
{
  LangCode *code = compile_ok ("x = 1\n");
  int n = 0;

  /* Not tracked by the collector; refs reports what it holds. */
  g_assert_false (RT_IS_GC (&code->ob));
  lang_code_type.refs (&code->ob, count_ref, &n);
  g_assert_cmpint (n, ==, 6);
  rt_decref (&code->ob);
}

static void
test_code_refs (gconstpointer data)
{
  with_runtime (data, check_code_refs);
}

static void
check_no_leak (gconstpointer data)
{
  const char *source = "class C:\n"
                       "    def m(self, a=(1, 2), *, b={'k': 3}):\n"
                       "        return [x for x in a if x in {1, 2, 3}], super().m\n"
                       "try:\n"
                       "    y = f'{C!r:>{10}}' + '%s' % (z,)\n"
                       "except E as e:\n"
                       "    pass\n";
  LangCode *code = compile_ok (source);
  uint64_t before;

  /* The first compilation makes the runtime ready lazily created types;
   * a second one must leave the heap as it found it. */
  rt_decref (&code->ob);
  before = rt_heap_count_objects ();
  code = compile_ok (source);
  rt_decref (&code->ob);
  g_assert_cmpuint (rt_heap_count_objects (), ==, before);
}

static void
test_no_leak (gconstpointer data)
{
  with_runtime (data, check_no_leak);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (size_t i = 0; i < G_N_ELEMENTS (compiler_cases); i++)
    {
      char *path = g_strdup_printf ("/compiler/ops/%s", compiler_cases[i].name);

      g_test_add_data_func (path, &compiler_cases[i], test_ops);
      g_free (path);
      path = g_strdup_printf ("/compiler/detail/%s", compiler_cases[i].name);
      g_test_add_data_func (path, &compiler_cases[i], test_detail);
      g_free (path);
    }
  for (size_t i = 0; i < G_N_ELEMENTS (compiler_error_cases); i++)
    {
      char *path = g_strdup_printf ("/compiler/error/%s", compiler_error_cases[i].name);

      g_test_add_data_func (path, &compiler_error_cases[i], test_error);
      g_free (path);
    }
  for (size_t i = 0; i < G_N_ELEMENTS (unsupported_cases); i++)
    {
      char *path = g_strdup_printf ("/compiler/unsupported/%s", unsupported_cases[i].name);

      g_test_add_data_func (path, &unsupported_cases[i], test_unsupported);
      g_free (path);
    }
  for (size_t i = 0; i < G_N_ELEMENTS (fold_cases); i++)
    {
      char *path = g_strdup_printf ("/compiler/fold/%zu", i);

      g_test_add_data_func (path, &fold_cases[i], test_fold);
      g_free (path);
    }
  g_test_add_data_func ("/compiler/error/huge-int-literal", NULL, test_huge_int_literal);
  g_test_add_data_func ("/compiler/fold/in", NULL, test_fold_in);
  g_test_add_data_func ("/compiler/consts/merged", NULL, test_consts_merged);
  g_test_add_data_func ("/compiler/consts/units", NULL, test_consts_units);
  g_test_add_data_func ("/compiler/consts/interning", NULL, test_interning);
  g_test_add_data_func ("/compiler/consts/small-ints", NULL, test_small_ints);
  g_test_add_data_func ("/compiler/symtable/scopes", NULL, test_symtable);
  g_test_add_data_func ("/compiler/symtable/class-free", NULL, test_symtable_class_free);
  g_test_add_data_func ("/compiler/code/fields", NULL, test_code_fields);
  g_test_add_data_func ("/compiler/code/repr", NULL, test_code_repr);
  g_test_add_data_func ("/compiler/code/disassemble", NULL, test_disassemble);
  g_test_add_data_func ("/compiler/code/line-starts", NULL, test_line_starts);
  g_test_add_data_func ("/compiler/code/refs", NULL, test_code_refs);
  g_test_add_data_func ("/compiler/no-leak", NULL, test_no_leak);
  return g_test_run ();
}
