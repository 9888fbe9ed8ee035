/* lesson-catalog.h: the built-in lessons, read from lessons.ini (a key file
 * beside their scripts, in a GResource or a folder) in one language. */
#pragma once

#include <gio/gio.h>

/* One lesson, in the catalogue's language. Owned by the catalogue: valid
 * until it is freed. */
typedef struct
{
  char *id;           /* the key file's group, the script's stem: "05-cycles-need-the-collector" */
  char *script_name;  /* "05-cycles-need-the-collector.py", beside lessons.ini */
  char *title;        /* short, for a heading */
  char *summary;      /* one sentence, for a list row */
  char *text;         /* the explanation; paragraphs separated by '\n' */
  char *try_text;     /* one thing to change or click; NULL if the lesson has none */
  guint focus_step;   /* the 1-based step that shows the lesson's point; 0: none */
  gboolean show_cached; /* the lesson is about shared atoms: draw them */
} RefscopeLesson;

typedef struct RefscopeLessonCatalog RefscopeLessonCatalog;

/* Reads the lessons from ini, the text of a lessons.ini, in the order of its
 * groups. language is a locale name ("zh_CN", "en"); NULL means the user's
 * (g_get_language_names ()). A text missing in that language is the
 * untranslated (English) one. Fails, naming the lesson and the key, if a
 * lesson lacks Script, Title, Summary or Text or has a bad Focus. Such a
 * catalogue has no folder: loading a script from it fails. */
RefscopeLessonCatalog *refscope_lesson_catalog_new_from_bytes (GBytes *ini, const char *language,
                                                               GError **error);
/* Reads resource_dir/lessons.ini from the application's resources
 * ("/io/github/refscope/Refscope/lessons"); the scripts are beside it, and
 * each must exist. */
RefscopeLessonCatalog *refscope_lesson_catalog_new_from_resource (const char *resource_dir,
                                                                  const char *language,
                                                                  GError **error);
/* The same from a folder of the file system (data/lessons). */
RefscopeLessonCatalog *refscope_lesson_catalog_new_from_dir (const char *dir, const char *language,
                                                             GError **error);
void refscope_lesson_catalog_free (RefscopeLessonCatalog *self);

guint refscope_lesson_catalog_get_n_lessons (const RefscopeLessonCatalog *self);
/* The i-th lesson (i < n_lessons), borrowed. */
const RefscopeLesson *refscope_lesson_catalog_get_lesson (const RefscopeLessonCatalog *self,
                                                          guint i);
/* The lesson whose id is id, borrowed, or NULL. */
const RefscopeLesson *refscope_lesson_catalog_find (const RefscopeLessonCatalog *self,
                                                    const char *id);

/* The text of lesson's script (g_free it), read from beside lessons.ini.
 * lesson must belong to self. Fails if it cannot be read or is not UTF-8. */
char *refscope_lesson_catalog_load_script (const RefscopeLessonCatalog *self,
                                           const RefscopeLesson *lesson, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeLessonCatalog, refscope_lesson_catalog_free)
