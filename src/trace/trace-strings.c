/* trace-strings.c: string interning for traces. Texts live in one
 * GStringChunk; a hash table on (bytes, length) finds an existing id. */
#include "trace-strings.h"

#include <string.h>

typedef struct
{
  const char *text;
  gsize length;
} Entry;

struct TraceStrings
{
  GStringChunk *chunk;
  GArray *entries;      /* Entry, index = id */
  GHashTable *index;    /* Entry * (inside entries' texts) -> id */
  gsize bytes;
};

static guint
entry_hash (gconstpointer p)
{
  const Entry *e = p;
  guint32 h = 2166136261u;

  for (gsize i = 0; i < e->length; i++)
    h = (h ^ (guint8) e->text[i]) * 16777619u;
  return h;
}

static gboolean
entry_equal (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;

  return x->length == y->length && memcmp (x->text, y->text, x->length) == 0;
}

TraceStrings *
trace_strings_new (void)
{
  TraceStrings *strings = g_new0 (TraceStrings, 1);
  Entry none = { "", 0 };

  strings->chunk = g_string_chunk_new (64 * 1024);
  strings->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_append_val (strings->entries, none);
  strings->index = g_hash_table_new_full (entry_hash, entry_equal, g_free, NULL);
  return strings;
}

void
trace_strings_free (TraceStrings *strings)
{
  if (strings == NULL)
    return;
  g_string_chunk_free (strings->chunk);
  g_array_unref (strings->entries);
  g_hash_table_unref (strings->index);
  g_free (strings);
}

guint32
trace_strings_intern (TraceStrings *strings, const char *text, gssize length)
{
  Entry probe = { text, length < 0 ? strlen (text) : (gsize) length };
  gpointer found;
  Entry *key;
  guint32 id;

  if (probe.length == 0)
    return 0;
  if (g_hash_table_lookup_extended (strings->index, &probe, NULL, &found))
    return GPOINTER_TO_UINT (found);

  id = strings->entries->len;
  key = g_new (Entry, 1);
  key->text = g_string_chunk_insert_len (strings->chunk, text, (gssize) probe.length);
  key->length = probe.length;
  g_array_append_val (strings->entries, *key);
  g_hash_table_insert (strings->index, key, GUINT_TO_POINTER (id));
  strings->bytes += probe.length + 1 + sizeof (Entry) * 2 + 16;
  return id;
}

const char *
trace_strings_get (const TraceStrings *strings, guint32 id)
{
  if (id >= strings->entries->len)
    return "";
  return g_array_index (strings->entries, Entry, id).text;
}

gsize
trace_strings_length (const TraceStrings *strings, guint32 id)
{
  if (id >= strings->entries->len)
    return 0;
  return g_array_index (strings->entries, Entry, id).length;
}

guint32
trace_strings_count (const TraceStrings *strings)
{
  return strings->entries->len;
}

gsize
trace_strings_memory (const TraceStrings *strings)
{
  return strings->bytes;
}
