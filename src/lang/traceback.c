/* traceback.c: traceback objects, one per frame an exception passed
 * through, and printing an uncaught exception the way CPython 3.11 does,
 * including chained exceptions, or as one brief line. */
#include "interp-private.h"
#include "traceback.h"

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/gc.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#include <stdlib.h>
#include <string.h>

typedef struct
{
  RtObject ob;
  RtObject *next;      /* the traceback of the frame this one called, or NULL */
  RtObject *code;      /* strong */
  RtObject *globals;   /* strong: the frame's globals, as a traceback's frame holds them */
  uint32_t lasti;
  int32_t lineno;
} LangTraceback;

static int
traceback_traverse (RtObject *self, RtVisitFn visit, void *arg)
{
  LangTraceback *tb = (LangTraceback *) self;
  RT_VISIT (tb->next);
  RT_VISIT (tb->globals);
  return 0;
}

static int
traceback_clear (RtObject *self)
{
  LangTraceback *tb = (LangTraceback *) self;
  RT_CLEAR (tb->next);
  RT_CLEAR (tb->globals);
  return 0;
}

static void
traceback_refs (RtObject *self, RtRefVisitFn visit, void *arg)
{
  LangTraceback *tb = (LangTraceback *) self;
  if (tb->next != NULL)
    visit (self, rt_slot_label (RT_LABEL_OTHER), tb->next, arg);
  if (tb->code != NULL)
    visit (self, rt_slot_label (RT_LABEL_CODE), tb->code, arg);
  if (tb->globals != NULL)
    visit (self, rt_slot_label (RT_LABEL_GLOBALS), tb->globals, arg);
}

static void
traceback_dealloc (RtObject *self)
{
  LangTraceback *tb = (LangTraceback *) self;
  if (rt_gc_is_tracked (self))
    rt_gc_untrack (self);
  RT_CLEAR (tb->next);
  RT_CLEAR (tb->code);
  RT_CLEAR (tb->globals);
  rt_gc_free (self, sizeof (LangTraceback));
}

static size_t
traceback_size_of (RtObject *self)
{
  return 48;
}

RtType lang_traceback_type = {
  .ob = { .refcnt = 1, .aux = RT_AUX_STATIC },
  .name = "traceback",
  .flags = RT_TPFLAG_GC,
  .basic_size = sizeof (LangTraceback),
  .dealloc = traceback_dealloc,
  .traverse = traceback_traverse,
  .clear = traceback_clear,
  .refs = traceback_refs,
  .size_of = traceback_size_of,
};

bool
lang_traceback_here (RtObject *exc, LangFrame *frame)
{
  LangTraceback *tb;

  if (exc == NULL || !rt_is_instance_of (exc, &rt_exc_BaseException))
    return true;
  tb = (LangTraceback *) rt_gc_alloc (&lang_traceback_type, sizeof (LangTraceback));
  if (tb == NULL)
    {
      rt_error_clear ();
      return false;
    }
  tb->next = rt_exception_traceback (exc);
  rt_xincref (tb->next);
  tb->code = rt_newref (&frame->code->ob);
  tb->globals = rt_newref (frame->globals);
  tb->lasti = frame->lasti;
  tb->lineno = lang_code_line (frame->code, frame->lasti);
  rt_gc_track (&tb->ob);
  rt_exception_set_traceback (exc, &tb->ob);
  return true;
}

/* Printing. */

static const char *
line_of (const char *source, size_t length, int lineno, size_t *line_length)
{
  const char *p = source, *end = source + length;

  for (int n = 1; n < lineno && p < end; n++)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      if (nl == NULL)
        return NULL;
      p = nl + 1;
    }
  if (p >= end && lineno > 1)
    return NULL;
  const char *nl = memchr (p, '\n', (size_t) (end - p));
  *line_length = (size_t) ((nl != NULL ? nl : end) - p);
  return p;
}

static void
print_frame_line (FILE *out, const LangTracebackSource *sources, size_t n_sources,
                  LangTraceback *tb)
{
  LangCode *code = (LangCode *) tb->code;
  const LangPosition *pos = &code->positions[tb->lasti];

  fprintf (out, "  File \"%s\", line %d, in %s\n", rt_str_utf8 (code->filename), tb->lineno,
           rt_str_utf8 (code->name));
  if (code->source_index < 0 || (size_t) code->source_index >= n_sources)
    return;
  const LangTracebackSource *src = &sources[code->source_index];
  size_t len;
  const char *line = line_of (src->text, src->length, tb->lineno, &len);
  if (line == NULL)
    return;
  size_t indent = 0;
  while (indent < len && (line[indent] == ' ' || line[indent] == '\t' || line[indent] == '\f'))
    indent++;
  while (len > indent && (line[len - 1] == ' ' || line[len - 1] == '\r' || line[len - 1] == '\t'))
    len--;
  if (len == indent)
    return;
  fprintf (out, "    %.*s\n", (int) (len - indent), line + indent);

  /* Carets under the part of the line that failed, unless it is all of it. */
  if (pos->col >= 0 && pos->end_col >= 0 && pos->lineno == tb->lineno
      && pos->end_lineno == tb->lineno && (size_t) pos->col >= indent
      && (size_t) pos->end_col <= len && pos->end_col > pos->col
      && !((size_t) pos->col == indent && (size_t) pos->end_col == len))
    {
      fputs ("    ", out);
      for (size_t i = indent; i < (size_t) pos->col; i++)
        if ((line[i] & 0xc0) != 0x80)
          fputc (' ', out);
      for (int32_t i = pos->col; i < pos->end_col; i++)
        if ((line[i] & 0xc0) != 0x80)
          fputc ('^', out);
      fputc ('\n', out);
    }
}

/* As CPython's tb_printinternal(): at most the innermost TB_LIMIT entries
 * (sys.tracebacklimit's default), and a run of entries for the same file,
 * line and function shown TB_RECURSIVE_CUTOFF times, then counted, so that
 * runaway recursion prints a screenful, not a million lines. */
enum
{
  TB_LIMIT = 1000,
  TB_RECURSIVE_CUTOFF = 3,
};

static void
print_repeated (FILE *out, long count)
{
  count -= TB_RECURSIVE_CUTOFF;
  fprintf (out, "  [Previous line repeated %ld more time%s]\n", count, count > 1 ? "s" : "");
}

static void
print_entries (FILE *out, LangTraceback *tb, const LangTracebackSource *sources,
               size_t n_sources)
{
  LangTraceback *last = NULL;
  long depth = 0, count = 0;

  for (LangTraceback *t = tb; t != NULL; t = (LangTraceback *) t->next)
    depth++;
  for (; tb != NULL && depth > TB_LIMIT; depth--)
    tb = (LangTraceback *) tb->next;
  for (; tb != NULL; tb = (LangTraceback *) tb->next)
    {
      LangCode *code = (LangCode *) tb->code;
      if (last == NULL || tb->lineno != last->lineno
          || !rt_str_equal (code->filename, ((LangCode *) last->code)->filename)
          || !rt_str_equal (code->name, ((LangCode *) last->code)->name))
        {
          if (count > TB_RECURSIVE_CUTOFF)
            print_repeated (out, count);
          last = tb;
          count = 0;
        }
      count++;
      if (count <= TB_RECURSIVE_CUTOFF)
        print_frame_line (out, sources, n_sources, tb);
    }
  if (count > TB_RECURSIVE_CUTOFF)
    print_repeated (out, count);
}

static void
print_one (FILE *out, RtObject *exc, const LangTracebackSource *sources, size_t n_sources)
{
  LangTraceback *tb = (LangTraceback *) rt_exception_traceback (exc);

  if (tb != NULL)
    {
      fputs ("Traceback (most recent call last):\n", out);
      print_entries (out, tb, sources, n_sources);
    }
  RtObject *last = rt_exception_format_only (exc);
  if (last == NULL)
    {
      rt_error_clear ();
      fprintf (out, "%s: <exception str() failed>\n", RT_TYPE (exc)->name);
      return;
    }
  /* No "Did you mean" suffix: 3.11's traceback module, which the
   * conformance oracle prints with, adds none. */
  fputs (rt_str_utf8 (last), out);
  fputc ('\n', out);
  rt_decref (last);
}

static bool
in_chain (RtObject *exc, RtObject *const *seen, size_t n_seen)
{
  for (size_t i = 0; i < n_seen; i++)
    if (seen[i] == exc)
      return true;
  return false;
}

/* The chain printed before exc, as 3.11's traceback.TracebackException
 * builds it (compact): each exception leads to its __cause__, or else,
 * unless __suppress_context__, to its __context__; one already in the
 * chain ends it, so a cycle prints once. */
static RtObject *
chained_from (RtObject *exc, RtObject *const *seen, size_t n_seen, bool *is_cause)
{
  RtObject *cause = rt_exception_cause (exc);
  RtObject *context = rt_exception_context (exc);

  *is_cause = true;
  if (cause != NULL && !in_chain (cause, seen, n_seen))
    return cause;
  *is_cause = false;
  if (context != NULL && !rt_exception_suppress_context (exc)
      && !in_chain (context, seen, n_seen))
    return context;
  return NULL;
}

void
lang_traceback_print (FILE *out, RtObject *exc, const LangTracebackSource *sources,
                      size_t n_sources)
{
  /* chain[0] is exc, chain[i + 1] the exception chain[i] came from; how
   * they are joined is in is_cause[i]. Borrowed: exc holds them all. */
  RtObject **chain = NULL;
  bool *is_cause = NULL;
  size_t n = 0, allocated = 0;
  RtObject *e = exc;
  bool cause = false;

  while (e != NULL)
    {
      if (n == allocated)
        {
          size_t more = allocated == 0 ? 8 : allocated * 2;
          RtObject **c = realloc (chain, more * sizeof *chain);
          if (c == NULL)
            break;
          chain = c;
          bool *k = realloc (is_cause, more * sizeof *is_cause);
          if (k == NULL)
            break;
          is_cause = k;
          allocated = more;
        }
      chain[n++] = e;
      e = chained_from (e, chain, n, &cause);
      is_cause[n - 1] = cause;
    }
  if (n == 0)
    print_one (out, exc, sources, n_sources);
  for (size_t i = n; i-- > 0;)
    {
      print_one (out, chain[i], sources, n_sources);
      if (i > 0)
        fputs (is_cause[i - 1]
                 ? "\nThe above exception was the direct cause of the following exception:\n\n"
                 : "\nDuring handling of the above exception, another exception occurred:\n\n",
               out);
    }
  free (chain);
  free (is_cause);
  fflush (out);
}

/* The brief form. */

bool
lang_traceback_innermost (RtObject *exc, const LangTracebackSource *sources, size_t n_sources,
                          LangTracebackLocation *loc)
{
  LangTraceback *tb = (LangTraceback *) rt_exception_traceback (exc);

  if (tb == NULL)
    return false;
  while (tb->next != NULL)
    tb = (LangTraceback *) tb->next;

  LangCode *code = (LangCode *) tb->code;
  const LangPosition *pos = &code->positions[tb->lasti];
  loc->filename = rt_str_utf8 (code->filename);
  loc->lineno = tb->lineno > 0 ? tb->lineno : 0;
  loc->column = 0;
  if (loc->lineno == 0 || pos->lineno != tb->lineno || pos->col < 0)
    return true;

  /* Positions count UTF-8 bytes; the column counts characters, as a
   * SyntaxError's offset does, when the source is at hand. */
  loc->column = pos->col + 1;
  if (code->source_index >= 0 && (size_t) code->source_index < n_sources)
    {
      const LangTracebackSource *src = &sources[code->source_index];
      size_t len;
      const char *line = line_of (src->text, src->length, tb->lineno, &len);
      if (line != NULL && (size_t) pos->col <= len)
        {
          int chars = 0;
          for (int32_t i = 0; i < pos->col; i++)
            if ((line[i] & 0xc0) != 0x80)
              chars++;
          loc->column = chars + 1;
        }
    }
  return true;
}

void
lang_brief_print (FILE *out, const char *filename, int lineno, int column, const char *text)
{
  fputs (filename != NULL ? filename : "<unknown>", out);
  if (lineno > 0)
    {
      fprintf (out, ":%d", lineno);
      if (column > 0)
        fprintf (out, ":%d", column);
    }
  fputs (": ", out);
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      fputs ("\\n", out);
    else if (*p == '\r')
      fputs ("\\r", out);
    else
      fputc (*p, out);
  fputc ('\n', out);
  fflush (out);
}

void
lang_traceback_print_brief (FILE *out, RtObject *exc, const char *filename,
                            const LangTracebackSource *sources, size_t n_sources)
{
  LangTracebackLocation loc = { filename, 0, 0 };
  RtObject *text = rt_exception_format_only (exc);

  lang_traceback_innermost (exc, sources, n_sources, &loc);
  if (text == NULL)
    {
      char fallback[256];
      rt_error_clear ();
      snprintf (fallback, sizeof fallback, "%s: <exception str() failed>", RT_TYPE (exc)->name);
      lang_brief_print (out, loc.filename, loc.lineno, loc.column, fallback);
      return;
    }
  lang_brief_print (out, loc.filename, loc.lineno, loc.column, rt_str_utf8 (text));
  rt_decref (text);
}
