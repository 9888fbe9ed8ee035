/* event-log.c: events stored as a kind byte and, for each field the kind
 * uses, a LEB128 varint (zigzag for signed fields), in blocks of 1 MiB so
 * that growing never copies. Every 64th event's position is kept, so
 * decoding any event reads at most 63 others. */
#include "event-log.h"

#include <string.h>

#define BLOCK_SIZE (1u << 20)
#define MAX_EVENT_BYTES (2 + 11 * 10)
#define INDEX_SHIFT 6

enum
{
  F_FLAGS = 1 << 0,
  F_SLOT_KIND = 1 << 1,
  F_SMALL = 1 << 2,
  F_STR = 1 << 3,
  F_STR2 = 1 << 4,
  F_ID = 1 << 5,
  F_TARGET = 1 << 6,
  F_SLOT = 1 << 7,
  F_A = 1 << 8,
  F_B = 1 << 9,
  F_C = 1 << 10,
};

/* The fields each kind uses: see trace-event.h. */
static const guint16 kind_fields[TRACE_EV_KIND_COUNT_] = {
  [TRACE_EV_BORN] = F_ID | F_STR | F_STR2 | F_A | F_B | F_SMALL | F_FLAGS,
  [TRACE_EV_FREE] = F_ID | F_SMALL,
  [TRACE_EV_REF_ADD] = F_ID | F_TARGET | F_SLOT_KIND | F_SLOT | F_STR | F_FLAGS,
  [TRACE_EV_REF_DEL] = F_ID | F_TARGET | F_SLOT_KIND | F_SLOT | F_STR | F_FLAGS,
  [TRACE_EV_SEQ_CLEAR] = F_ID,
  [TRACE_EV_REFCNT] = F_ID | F_A,
  [TRACE_EV_TRACK] = F_ID,
  [TRACE_EV_UNTRACK] = F_ID,
  [TRACE_EV_GEN_MERGE] = F_A | F_B,
  [TRACE_EV_GC_START] = F_SMALL | F_A | F_B | F_C | F_FLAGS,
  [TRACE_EV_GC_PHASE] = F_SMALL | F_A,
  [TRACE_EV_GC_REFS] = F_ID | F_SMALL | F_A,
  [TRACE_EV_GC_UNREACHABLE] = F_ID,
  [TRACE_EV_GC_FINALIZE] = F_ID,
  [TRACE_EV_GC_RESURRECT] = F_ID | F_SMALL,
  [TRACE_EV_GC_END] = F_SMALL | F_A | F_B,
  [TRACE_EV_ARENA_NEW] = F_A | F_B | F_C,
  [TRACE_EV_ARENA_FREE] = F_A | F_B | F_C,
  [TRACE_EV_THRESHOLD] = F_A | F_B | F_C,
  [TRACE_EV_STEP] = F_ID | F_A | F_B | F_C,
  [TRACE_EV_FRAME_PUSH] = F_ID | F_TARGET | F_SLOT | F_STR,
  [TRACE_EV_FRAME_POP] = F_ID,
  [TRACE_EV_EXCEPTION] = F_ID | F_STR,
  [TRACE_EV_OUTPUT] = F_STR,
  [TRACE_EV_GC_COUNTS] = F_A | F_B | F_C,
  [TRACE_EV_SIZE] = F_ID | F_A,
  [TRACE_EV_SUMMARY] = F_ID | F_STR | F_A | F_B,
  [TRACE_EV_END] = F_A,
};

typedef struct
{
  char *name;
  char *text;
  gsize length;
  GArray *line_starts;  /* guint32 offsets, one per line */
} SourceFile;

struct TraceLog
{
  char *producer;
  char *python;
  gint64 thresholds[3];
  GPtrArray *files;     /* SourceFile */
  TraceStrings *strings;

  GPtrArray *blocks;    /* guint8[BLOCK_SIZE] */
  gsize used;           /* bytes used in the last block */
  guint64 n_events;
  GArray *positions;    /* guint64: block << 32 | offset of every 64th event */
  GArray *steps;        /* guint64: event index of each step event; [0] unused */
};

static void
source_file_free (gpointer p)
{
  SourceFile *f = p;

  g_free (f->name);
  g_free (f->text);
  g_array_unref (f->line_starts);
  g_free (f);
}

TraceLog *
trace_log_new (void)
{
  TraceLog *log = g_new0 (TraceLog, 1);
  guint64 none = 0;

  log->producer = g_strdup ("");
  log->thresholds[0] = 700;
  log->thresholds[1] = 10;
  log->thresholds[2] = 10;
  log->files = g_ptr_array_new_with_free_func (source_file_free);
  log->strings = trace_strings_new ();
  log->blocks = g_ptr_array_new_with_free_func (g_free);
  log->positions = g_array_new (FALSE, FALSE, sizeof (guint64));
  log->steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_array_append_val (log->steps, none);
  return log;
}

void
trace_log_free (TraceLog *log)
{
  if (log == NULL)
    return;
  g_free (log->producer);
  g_free (log->python);
  g_ptr_array_unref (log->files);
  trace_strings_free (log->strings);
  g_ptr_array_unref (log->blocks);
  g_array_unref (log->positions);
  g_array_unref (log->steps);
  g_free (log);
}

void
trace_log_set_producer (TraceLog *log, const char *producer)
{
  g_free (log->producer);
  log->producer = g_strdup (producer != NULL ? producer : "");
}

const char *
trace_log_producer (const TraceLog *log)
{
  return log->producer;
}

void
trace_log_set_python (TraceLog *log, const char *version)
{
  g_free (log->python);
  log->python = g_strdup (version);
}

const char *
trace_log_python (const TraceLog *log)
{
  return log->python;
}

void
trace_log_set_thresholds (TraceLog *log, const gint64 thresholds[3])
{
  memcpy (log->thresholds, thresholds, sizeof log->thresholds);
}

const gint64 *
trace_log_thresholds (const TraceLog *log)
{
  return log->thresholds;
}

guint
trace_log_add_file (TraceLog *log, const char *name, const char *text, gsize length)
{
  SourceFile *f = g_new0 (SourceFile, 1);
  guint32 start = 0;

  f->name = g_strdup (name);
  f->text = g_strndup (text, length);
  f->length = length;
  f->line_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (f->line_starts, start);
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n' && i + 1 < length)
      {
        start = (guint32) (i + 1);
        g_array_append_val (f->line_starts, start);
      }
  g_ptr_array_add (log->files, f);
  return log->files->len - 1;
}

guint
trace_log_n_files (const TraceLog *log)
{
  return log->files->len;
}

const char *
trace_log_file_name (const TraceLog *log, guint file)
{
  return file < log->files->len ? ((SourceFile *) log->files->pdata[file])->name : NULL;
}

const char *
trace_log_file_text (const TraceLog *log, guint file, gsize *length)
{
  SourceFile *f = file < log->files->len ? log->files->pdata[file] : NULL;

  if (length != NULL)
    *length = f != NULL ? f->length : 0;
  return f != NULL ? f->text : NULL;
}

guint
trace_log_file_n_lines (const TraceLog *log, guint file)
{
  SourceFile *f = file < log->files->len ? log->files->pdata[file] : NULL;

  return f != NULL && f->length > 0 ? f->line_starts->len : 0;
}

const char *
trace_log_file_line (const TraceLog *log, guint file, guint line, gsize *length)
{
  SourceFile *f = file < log->files->len ? log->files->pdata[file] : NULL;
  guint32 start, end;

  if (f == NULL || line == 0 || line > trace_log_file_n_lines (log, file))
    return NULL;
  start = g_array_index (f->line_starts, guint32, line - 1);
  end = line < f->line_starts->len ? g_array_index (f->line_starts, guint32, line) - 1
                                   : (guint32) f->length;
  if (end > start && f->text[end - 1] == '\n')
    end--;
  if (end > start && f->text[end - 1] == '\r')
    end--;
  if (length != NULL)
    *length = end - start;
  return f->text + start;
}

TraceStrings *
trace_log_strings (TraceLog *log)
{
  return log->strings;
}

guint32
trace_log_intern (TraceLog *log, const char *text, gssize length)
{
  return trace_strings_intern (log->strings, text, length);
}

const char *
trace_log_string (const TraceLog *log, guint32 id)
{
  return trace_strings_get (log->strings, id);
}

static inline guint8 *
put_varint (guint8 *p, guint64 v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

static inline guint64
zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static inline const guint8 *
get_varint (const guint8 *p, guint64 *out)
{
  guint64 v = 0;
  int shift = 0;

  while (*p & 0x80)
    {
      v |= (guint64) (*p++ & 0x7f) << shift;
      shift += 7;
    }
  *out = v | ((guint64) *p++ << shift);
  return p;
}

void
trace_log_append (TraceLog *log, const TraceEvent *event)
{
  guint16 fields;
  guint8 *start, *p;

  g_return_if_fail (event->kind > 0 && event->kind < TRACE_EV_KIND_COUNT_);
  fields = kind_fields[event->kind];

  if (log->blocks->len == 0 || log->used + MAX_EVENT_BYTES > BLOCK_SIZE)
    {
      g_ptr_array_add (log->blocks, g_malloc (BLOCK_SIZE));
      log->used = 0;
    }
  if ((log->n_events & ((1u << INDEX_SHIFT) - 1)) == 0)
    {
      guint64 position = ((guint64) (log->blocks->len - 1) << 32) | log->used;
      g_array_append_val (log->positions, position);
    }
  if (event->kind == TRACE_EV_STEP)
    g_array_append_val (log->steps, log->n_events);

  start = p = (guint8 *) log->blocks->pdata[log->blocks->len - 1] + log->used;
  *p++ = event->kind;
  if (fields & F_FLAGS)
    *p++ = event->flags;
  if (fields & F_SLOT_KIND)
    *p++ = event->slot_kind;
  if (fields & F_SMALL)
    p = put_varint (p, zigzag (event->small));
  if (fields & F_STR)
    p = put_varint (p, event->str);
  if (fields & F_STR2)
    p = put_varint (p, event->str2);
  if (fields & F_ID)
    p = put_varint (p, event->id);
  if (fields & F_TARGET)
    p = put_varint (p, event->target);
  if (fields & F_SLOT)
    p = put_varint (p, zigzag (event->slot));
  if (fields & F_A)
    p = put_varint (p, zigzag (event->a));
  if (fields & F_B)
    p = put_varint (p, zigzag (event->b));
  if (fields & F_C)
    p = put_varint (p, zigzag (event->c));
  log->used += (gsize) (p - start);
  log->n_events++;
}

guint64
trace_log_n_events (const TraceLog *log)
{
  return log->n_events;
}

static const guint8 *
decode (const guint8 *p, TraceEvent *out)
{
  guint64 v;
  guint16 fields;

  memset (out, 0, sizeof *out);
  out->kind = *p++;
  fields = kind_fields[out->kind];
  if (fields & F_FLAGS)
    out->flags = *p++;
  if (fields & F_SLOT_KIND)
    out->slot_kind = *p++;
  if (fields & F_SMALL)
    {
      p = get_varint (p, &v);
      out->small = (gint32) unzigzag (v);
    }
  if (fields & F_STR)
    {
      p = get_varint (p, &v);
      out->str = (guint32) v;
    }
  if (fields & F_STR2)
    {
      p = get_varint (p, &v);
      out->str2 = (guint32) v;
    }
  if (fields & F_ID)
    p = get_varint (p, &out->id);
  if (fields & F_TARGET)
    p = get_varint (p, &out->target);
  if (fields & F_SLOT)
    {
      p = get_varint (p, &v);
      out->slot = unzigzag (v);
    }
  if (fields & F_A)
    {
      p = get_varint (p, &v);
      out->a = unzigzag (v);
    }
  if (fields & F_B)
    {
      p = get_varint (p, &v);
      out->b = unzigzag (v);
    }
  if (fields & F_C)
    {
      p = get_varint (p, &v);
      out->c = unzigzag (v);
    }
  return p;
}

void
trace_log_iter_init (TraceLogIter *iter, const TraceLog *log, guint64 index)
{
  guint64 position;
  TraceEvent skipped;

  iter->log = log;
  iter->index = index;
  if (index >= log->n_events)
    {
      iter->index = log->n_events;
      return;
    }
  position = g_array_index (log->positions, guint64, index >> INDEX_SHIFT);
  iter->block = (guint) (position >> 32);
  iter->offset = (gsize) (position & 0xffffffffu);
  for (guint64 i = index & ~(guint64) ((1u << INDEX_SHIFT) - 1); i < index; i++)
    {
      iter->index = i;
      trace_log_iter_next (iter, &skipped);
    }
  iter->index = index;
}

gboolean
trace_log_iter_next (TraceLogIter *iter, TraceEvent *out)
{
  const TraceLog *log = iter->log;
  const guint8 *base, *p;

  if (iter->index >= log->n_events)
    return FALSE;
  /* An event never straddles blocks: the writer starts a new block when
   * the worst-case event would not fit, and so does this. */
  if ((iter->index & ((1u << INDEX_SHIFT) - 1)) == 0)
    {
      guint64 position = g_array_index (log->positions, guint64, iter->index >> INDEX_SHIFT);
      iter->block = (guint) (position >> 32);
      iter->offset = (gsize) (position & 0xffffffffu);
    }
  else if (iter->offset + MAX_EVENT_BYTES > BLOCK_SIZE)
    {
      iter->block++;
      iter->offset = 0;
    }
  base = log->blocks->pdata[iter->block];
  p = decode (base + iter->offset, out);
  iter->offset = (gsize) (p - base);
  iter->index++;
  return TRUE;
}

void
trace_log_get (const TraceLog *log, guint64 index, TraceEvent *out)
{
  TraceLogIter iter;

  g_return_if_fail (index < log->n_events);
  trace_log_iter_init (&iter, log, index);
  trace_log_iter_next (&iter, out);
}

guint
trace_log_n_steps (const TraceLog *log)
{
  return log->steps->len - 1;
}

guint64
trace_log_step_event (const TraceLog *log, guint step)
{
  g_return_val_if_fail (step >= 1 && step < log->steps->len, 0);
  return g_array_index (log->steps, guint64, step);
}

guint
trace_log_step_of_event (const TraceLog *log, guint64 index)
{
  guint lo = 0, hi = log->steps->len - 1;

  /* The last step whose event is at or before index. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;
      if (g_array_index (log->steps, guint64, mid) <= index)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

gsize
trace_log_memory (const TraceLog *log)
{
  gsize bytes = sizeof *log + (gsize) log->blocks->len * BLOCK_SIZE
                + log->positions->len * sizeof (guint64) + log->steps->len * sizeof (guint64)
                + trace_strings_memory (log->strings);

  for (guint i = 0; i < log->files->len; i++)
    bytes += ((SourceFile *) log->files->pdata[i])->length;
  return bytes;
}
