/* lesson-catalog.c: reading lessons.ini into lessons in one language, and
 * the lessons' scripts from beside it, in a folder or a GResource alike. */
#include "lesson-catalog.h"

#include <string.h>

#define INI_NAME "lessons.ini"

struct RefscopeLessonCatalog
{
  GPtrArray *lessons;   /* of RefscopeLesson, owned */
  GFile *base;          /* where lessons.ini and the scripts are; NULL if read from bytes */
  char *location;       /* base as the user knows it, for messages */
};

static void
lesson_free (RefscopeLesson *lesson)
{
  g_free (lesson->id);
  g_free (lesson->script_name);
  g_free (lesson->title);
  g_free (lesson->summary);
  g_free (lesson->text);
  g_free (lesson->try_text);
  g_free (lesson);
}

void
refscope_lesson_catalog_free (RefscopeLessonCatalog *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->lessons);
  g_clear_object (&self->base);
  g_free (self->location);
  g_free (self);
}

/* The value of key: in language if translated (language NULL: the user's),
 * else the untranslated one. That one must be there: it is what every other
 * language falls back to. */
static char *
get_text (GKeyFile *ini, const char *group, const char *key, gboolean translated,
          const char *language, gboolean required, GError **error)
{
  char *value;

  if (!g_key_file_has_key (ini, group, key, NULL))
    {
      if (required)
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                     INI_NAME ": lesson %s: no %s key", group, key);
      return NULL;
    }
  if (translated)
    value = g_key_file_get_locale_string (ini, group, key, language, error);
  else
    value = g_key_file_get_string (ini, group, key, error);
  if (value == NULL)
    {
      g_prefix_error (error, INI_NAME ": lesson %s: %s: ", group, key);
      return NULL;
    }
  g_strstrip (value);
  if (*value == '\0')
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   INI_NAME ": lesson %s: %s is empty", group, key);
      g_free (value);
      return NULL;
    }
  return value;
}

static gboolean
get_focus (GKeyFile *ini, const char *group, guint *focus, GError **error)
{
  g_autofree char *value = NULL;
  guint64 step;

  *focus = 0;
  if (!g_key_file_has_key (ini, group, "Focus", NULL))
    return TRUE;
  value = g_key_file_get_value (ini, group, "Focus", NULL);
  g_strstrip (value);
  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &step, NULL))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   INI_NAME ": lesson %s: Focus must be a step number from 1 up, not “%s”", group,
                   value);
      return FALSE;
    }
  *focus = (guint) step;
  return TRUE;
}

static RefscopeLesson *
read_lesson (GKeyFile *ini, const char *group, const char *language, GError **error)
{
  RefscopeLesson *lesson = g_new0 (RefscopeLesson, 1);
  GError *local_error = NULL;

  lesson->id = g_strdup (group);
  if (!(lesson->script_name = get_text (ini, group, "Script", FALSE, NULL, TRUE, &local_error))
      || !(lesson->title = get_text (ini, group, "Title", TRUE, language, TRUE, &local_error))
      || !(lesson->summary = get_text (ini, group, "Summary", TRUE, language, TRUE, &local_error))
      || !(lesson->text = get_text (ini, group, "Text", TRUE, language, TRUE, &local_error)))
    goto fail;
  lesson->try_text = get_text (ini, group, "Try", TRUE, language, FALSE, &local_error);
  if (local_error == NULL && g_key_file_has_key (ini, group, "ShowCached", NULL))
    lesson->show_cached = g_key_file_get_boolean (ini, group, "ShowCached", &local_error);
  if (local_error != NULL || !get_focus (ini, group, &lesson->focus_step, &local_error))
    goto fail;
  /* Scripts are looked up beside lessons.ini and nowhere else. */
  if (strchr (lesson->script_name, '/') != NULL || strcmp (lesson->script_name, "..") == 0
      || strcmp (lesson->script_name, ".") == 0)
    {
      g_set_error (&local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   INI_NAME ": lesson %s: Script must be a file name beside " INI_NAME
                            ", not “%s”",
                   group, lesson->script_name);
      goto fail;
    }
  return lesson;

fail:
  g_propagate_error (error, local_error);
  lesson_free (lesson);
  return NULL;
}

RefscopeLessonCatalog *
refscope_lesson_catalog_new_from_bytes (GBytes *ini, const char *language, GError **error)
{
  g_autoptr (GKeyFile) key_file = g_key_file_new ();
  g_autoptr (RefscopeLessonCatalog) self = NULL;
  g_auto (GStrv) groups = NULL;

  g_return_val_if_fail (ini != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Without KEEP_TRANSLATIONS the key file drops, as it reads, every
   * translation but the user's, and an explicit language could not work. */
  if (!g_key_file_load_from_bytes (key_file, ini, G_KEY_FILE_KEEP_TRANSLATIONS, error))
    {
      g_prefix_error (error, INI_NAME ": ");
      return NULL;
    }
  groups = g_key_file_get_groups (key_file, NULL);
  if (groups[0] == NULL)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                   INI_NAME ": no lessons");
      return NULL;
    }

  self = g_new0 (RefscopeLessonCatalog, 1);
  self->lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) lesson_free);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      RefscopeLesson *lesson = read_lesson (key_file, groups[i], language, error);

      if (lesson == NULL)
        return NULL;
      g_ptr_array_add (self->lessons, lesson);
    }
  return g_steal_pointer (&self);
}

/* Reads base/lessons.ini and checks that every script is there, so that a
 * broken install shows at start rather than when a lesson is opened. */
static RefscopeLessonCatalog *
new_from_file (GFile *base, const char *location, const char *language, GError **error)
{
  g_autoptr (GFile) ini_file = g_file_get_child (base, INI_NAME);
  g_autoptr (GBytes) ini = NULL;
  RefscopeLessonCatalog *self;

  ini = g_file_load_bytes (ini_file, NULL, NULL, error);
  if (ini == NULL)
    return NULL;
  self = refscope_lesson_catalog_new_from_bytes (ini, language, error);
  if (self == NULL)
    return NULL;
  self->base = g_object_ref (base);
  self->location = g_strdup (location);
  for (guint i = 0; i < self->lessons->len; i++)
    {
      const RefscopeLesson *lesson = g_ptr_array_index (self->lessons, i);
      g_autoptr (GFile) script = g_file_get_child (base, lesson->script_name);

      if (!g_file_query_exists (script, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       INI_NAME ": lesson %s: its script %s is not in %s", lesson->id,
                       lesson->script_name, location);
          refscope_lesson_catalog_free (self);
          return NULL;
        }
    }
  return self;
}

RefscopeLessonCatalog *
refscope_lesson_catalog_new_from_resource (const char *resource_dir, const char *language,
                                           GError **error)
{
  g_autofree char *uri = NULL;
  g_autoptr (GFile) base = NULL;

  g_return_val_if_fail (resource_dir != NULL && resource_dir[0] == '/', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_strconcat ("resource://", resource_dir, NULL);
  base = g_file_new_for_uri (uri);
  return new_from_file (base, resource_dir, language, error);
}

RefscopeLessonCatalog *
refscope_lesson_catalog_new_from_dir (const char *dir, const char *language, GError **error)
{
  g_autoptr (GFile) base = NULL;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_file_new_for_path (dir);
  return new_from_file (base, dir, language, error);
}

guint
refscope_lesson_catalog_get_n_lessons (const RefscopeLessonCatalog *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lessons->len;
}

const RefscopeLesson *
refscope_lesson_catalog_get_lesson (const RefscopeLessonCatalog *self, guint i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->lessons->len, NULL);
  return g_ptr_array_index (self->lessons, i);
}

const RefscopeLesson *
refscope_lesson_catalog_find (const RefscopeLessonCatalog *self, const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->lessons->len; i++)
    {
      const RefscopeLesson *lesson = g_ptr_array_index (self->lessons, i);

      if (strcmp (lesson->id, id) == 0)
        return lesson;
    }
  return NULL;
}

char *
refscope_lesson_catalog_load_script (const RefscopeLessonCatalog *self,
                                     const RefscopeLesson *lesson, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lesson != NULL, NULL);
  g_return_val_if_fail (g_ptr_array_find (self->lessons, lesson, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->base == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "lesson %s: the lessons were read from memory, with no folder to load %s from",
                   lesson->id, lesson->script_name);
      return NULL;
    }
  file = g_file_get_child (self->base, lesson->script_name);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    {
      g_prefix_error (error, "lesson %s: ", lesson->id);
      return NULL;
    }
  if (!g_utf8_validate_len (contents, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "lesson %s: %s in %s is not UTF-8 text", lesson->id, lesson->script_name,
                   self->location);
      return NULL;
    }
  return g_steal_pointer (&contents);
}
