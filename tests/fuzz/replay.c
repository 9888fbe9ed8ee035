/* replay.c: runs a fuzz target's LLVMFuzzerTestOneInput on every file of
 * the directories (or on the files) given, as libFuzzer would replay a
 * corpus, so the regression inputs run in every normal build and test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
replay_file (const char *path)
{
  FILE *f = fopen (path, "rb");
  uint8_t *data = NULL;
  size_t size = 0, capacity = 0;

  if (f == NULL)
    {
      fprintf (stderr, "replay: cannot open %s\n", path);
      return -1;
    }
  for (;;)
    {
      if (size == capacity)
        {
          capacity = capacity != 0 ? capacity * 2 : 4096;
          uint8_t *grown = realloc (data, capacity);
          if (grown == NULL)
            {
              fprintf (stderr, "replay: %s is too large\n", path);
              free (data);
              fclose (f);
              return -1;
            }
          data = grown;
        }
      size_t n = fread (data + size, 1, capacity - size, f);
      if (n == 0)
        break;
      size += n;
    }
  fclose (f);
  /* Exactly size bytes, as libFuzzer hands them: a read past the end is
   * then an error under the sanitizers and valgrind. */
  uint8_t *exact = malloc (size != 0 ? size : 1);
  if (exact == NULL)
    {
      free (data);
      return -1;
    }
  memcpy (exact, data, size);
  free (data);
  printf ("replay: %s (%zu bytes)\n", path, size);
  fflush (stdout);
  LLVMFuzzerTestOneInput (exact, size);
  free (exact);
  return 0;
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The files of a directory in name order, so runs are repeatable. */
static int
replay_dir (const char *dir, int *count)
{
  DIR *d = opendir (dir);
  char **names = NULL;
  size_t n = 0, capacity = 0;
  int result = 0;
  struct dirent *entry;

  if (d == NULL)
    {
      fprintf (stderr, "replay: cannot open directory %s\n", dir);
      return -1;
    }
  while ((entry = readdir (d)) != NULL)
    {
      if (entry->d_name[0] == '.')
        continue;
      if (n == capacity)
        {
          capacity = capacity != 0 ? capacity * 2 : 64;
          char **grown = realloc (names, capacity * sizeof *names);
          if (grown == NULL)
            {
              result = -1;
              break;
            }
          names = grown;
        }
      names[n] = strdup (entry->d_name);
      if (names[n] == NULL)
        {
          result = -1;
          break;
        }
      n++;
    }
  closedir (d);
  if (n > 0)
    qsort (names, n, sizeof *names, compare_names);
  for (size_t i = 0; i < n && result == 0; i++)
    {
      size_t len = strlen (dir) + strlen (names[i]) + 2;
      char *path = malloc (len);
      struct stat st;

      if (path == NULL)
        {
          result = -1;
          break;
        }
      snprintf (path, len, "%s/%s", dir, names[i]);
      if (stat (path, &st) == 0 && S_ISREG (st.st_mode))
        {
          result = replay_file (path);
          (*count)++;
        }
      free (path);
    }
  for (size_t i = 0; i < n; i++)
    free (names[i]);
  free (names);
  return result;
}

int
main (int argc, char **argv)
{
  int count = 0;

  if (argc < 2)
    {
      fputs ("usage: replay DIR|FILE...\n", stderr);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      struct stat st;
      int result;

      if (stat (argv[i], &st) != 0)
        {
          fprintf (stderr, "replay: cannot open %s\n", argv[i]);
          return 2;
        }
      result = S_ISDIR (st.st_mode) ? replay_dir (argv[i], &count) : replay_file (argv[i]);
      if (result != 0)
        return 2;
      if (!S_ISDIR (st.st_mode))
        count++;
    }
  if (count == 0)
    {
      fputs ("replay: no input found\n", stderr);
      return 2;
    }
  printf ("replay: %d inputs ran\n", count);
  return 0;
}
