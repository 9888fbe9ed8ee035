/* cli-util.c: reading files and numbers for the commands. */
#include "cli-util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
cli_read_file (const char *path, char **text, size_t *length)
{
  FILE *f = fopen (path, "rb");
  char *buffer = NULL;
  size_t size = 0, capacity = 0;

  if (f == NULL)
    {
      fprintf (stderr, "refscope-cli: can't open file '%s': %s\n", path, strerror (errno));
      return false;
    }
  for (;;)
    {
      if (size == capacity)
        {
          capacity = capacity ? capacity * 2 : 65536;
          char *grown = realloc (buffer, capacity + 1);
          if (grown == NULL)
            {
              fprintf (stderr, "refscope-cli: '%s' is too large to read\n", path);
              free (buffer);
              fclose (f);
              return false;
            }
          buffer = grown;
        }
      size_t n = fread (buffer + size, 1, capacity - size, f);
      size += n;
      if (n == 0)
        break;
    }
  if (ferror (f))
    {
      fprintf (stderr, "refscope-cli: error reading '%s': %s\n", path, strerror (errno));
      free (buffer);
      fclose (f);
      return false;
    }
  fclose (f);
  buffer[size] = '\0';
  *text = buffer;
  *length = size;
  return true;
}

bool
cli_parse_count (const char *text, uint64_t *out, bool allow_suffix)
{
  char *end;
  unsigned long long value;

  errno = 0;
  value = strtoull (text, &end, 10);
  if (errno != 0 || end == text || text[0] == '-')
    return false;
  if (allow_suffix && *end != '\0' && end[1] == '\0')
    {
      unsigned long long scale = 1;
      switch (*end)
        {
        case 'k': case 'K': scale = 1024ull; break;
        case 'm': case 'M': scale = 1024ull * 1024; break;
        case 'g': case 'G': scale = 1024ull * 1024 * 1024; break;
        default: return false;
        }
      value *= scale;
      end++;
    }
  if (*end != '\0')
    return false;
  *out = value;
  return true;
}

