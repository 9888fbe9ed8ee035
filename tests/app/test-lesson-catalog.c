/* test-lesson-catalog.c: the built-in lessons as the app reads them: order,
 * both languages, the scripts run as CPython 3.11 runs them, the focus steps
 * land on the lines their texts name, and malformed catalogues are refused
 * with a message that says where. */
#include "lesson-catalog.h"
#include "run.h"
#include "runtime/runtime.h"
#include "trace-test.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  const char *id;
  const char *title_en;
  const char *title_zh;
  int status;            /* CPython's exit status */
  const char *output;    /* what CPython prints */
  const char *error;     /* the last line of CPython's traceback, or NULL */
  guint focus_line;      /* the line of the Focus step, named in the text */
} ExpectedLesson;

static const ExpectedLesson expected[] = {
  { "01-small-ints-and-interning", "Small ints and interning", "小整数与字符串驻留", 0,
    "True\nTrue False\nTrue\nTrue False\nFalse\n", NULL, 8 },
  { "02-refcounts", "Reference counts", "引用计数", 0, "2\n3\n2\n", NULL, 10 },
  { "03-containers-hold-references", "Containers hold references", "容器保存的是引用", 0,
    "True\n2\n4\n", NULL, 18 },
  { "04-del-frees-at-zero", "del, and freeing at zero", "del 与计数归零即释放", 0,
    "100000\n0\n", NULL, 14 },
  { "05-cycles-need-the-collector", "Cycles need the collector", "循环引用要靠垃圾回收器", 0,
    "2\n0\n", NULL, 16 },
  { "06-generations-and-thresholds", "Generations and thresholds", "分代回收与阈值", 0,
    "(700, 10, 10)\n(700, 10, 5)\n[7, 0, 0]\n", NULL, 17 },
  { "07-globals-and-clear", "globals() and the article's clear()", "globals() 与原文的 clear()", 1,
    "True True\nFalse\n", "RuntimeError: dictionary changed size during iteration", 16 },
};

static char *
lessons_dir (void)
{
  return g_build_filename (g_getenv ("REFSCOPE_SOURCE_ROOT"), "data", "lessons", NULL);
}

static RefscopeLessonCatalog *
load (const char *language)
{
  g_autofree char *dir = lessons_dir ();
  g_autoptr (GError) error = NULL;
  RefscopeLessonCatalog *catalog = refscope_lesson_catalog_new_from_dir (dir, language, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0x4e00 && c <= 0x9fff)
        return TRUE;
    }
  return FALSE;
}

/* The texts' own sentences: several, in paragraphs, no stray escapes. */
static void
assert_text (const char *text, gboolean chinese)
{
  g_auto (GStrv) paragraphs = g_strsplit (text, "\n", -1);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_strv_length (paragraphs), >=, 2);
  g_assert_cmpuint (g_strv_length (paragraphs), <=, 4);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    g_assert_cmpuint (strlen (paragraphs[i]), >, 20);
  g_assert_null (strchr (text, '\\'));
  g_assert_true (has_cjk (text) == chinese);
}

static void
test_english (void)
{
  g_autoptr (RefscopeLessonCatalog) catalog = load ("en");

  g_assert_cmpuint (refscope_lesson_catalog_get_n_lessons (catalog), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RefscopeLesson *lesson = refscope_lesson_catalog_get_lesson (catalog, i);
      g_autofree char *script = g_strconcat (expected[i].id, ".py", NULL);

      g_assert_cmpstr (lesson->id, ==, expected[i].id);
      g_assert_cmpstr (lesson->script_name, ==, script);
      g_assert_cmpstr (lesson->title, ==, expected[i].title_en);
      g_assert_nonnull (lesson->summary);
      g_assert_false (has_cjk (lesson->summary));
      g_assert_null (strchr (lesson->summary, '\n'));
      assert_text (lesson->text, FALSE);
      g_assert_nonnull (lesson->try_text);
      g_assert_false (has_cjk (lesson->try_text));
      g_assert_cmpuint (lesson->focus_step, >, 0);
      g_assert_true (refscope_lesson_catalog_find (catalog, expected[i].id) == lesson);
    }
  g_assert_null (refscope_lesson_catalog_find (catalog, "08-no-such-lesson"));
  g_assert_null (refscope_lesson_catalog_find (catalog, "01-small-ints-and-interning.py"));
}

static void
test_chinese (void)
{
  g_autoptr (RefscopeLessonCatalog) en = load ("en");
  g_autoptr (RefscopeLessonCatalog) zh = load ("zh_CN");

  g_assert_cmpuint (refscope_lesson_catalog_get_n_lessons (zh), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RefscopeLesson *e = refscope_lesson_catalog_get_lesson (en, i);
      const RefscopeLesson *z = refscope_lesson_catalog_get_lesson (zh, i);

      /* The same lesson, told in Chinese. */
      g_assert_cmpstr (z->id, ==, e->id);
      g_assert_cmpstr (z->script_name, ==, e->script_name);
      g_assert_cmpuint (z->focus_step, ==, e->focus_step);
      g_assert_cmpstr (z->title, ==, expected[i].title_zh);
      g_assert_cmpstr (z->summary, !=, e->summary);
      g_assert_true (has_cjk (z->summary));
      g_assert_cmpstr (z->text, !=, e->text);
      assert_text (z->text, TRUE);
      g_assert_cmpstr (z->try_text, !=, e->try_text);
      g_assert_true (has_cjk (z->try_text));
    }
}

/* NULL is the user's language, as LANGUAGE says; an explicit one wins; any
 * language without a translation gets English. */
static void
test_language_choice (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  static const struct
  {
    const char *env;
    const char *language;
    gboolean chinese;
  } cases[] = {
    { "zh_CN", NULL, TRUE },      { "zh_CN.UTF-8", NULL, TRUE }, { "fr:zh_CN", NULL, TRUE },
    { "en_GB", NULL, FALSE },     { "de", NULL, FALSE },          { "zh_CN", "en", FALSE },
    { "en", "zh_CN", TRUE },      { "en", "zh_CN.UTF-8", TRUE },  { "zh_CN", "fr_FR", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RefscopeLessonCatalog) catalog = NULL;
      const RefscopeLesson *first;

      g_setenv ("LANGUAGE", cases[i].env, TRUE);
      catalog = load (cases[i].language);
      first = refscope_lesson_catalog_get_lesson (catalog, 0);
      g_assert_cmpstr (first->title, ==,
                       cases[i].chinese ? expected[0].title_zh : expected[0].title_en);
    }
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* What a recorded run printed. */
static char *
printed (const TraceLog *log)
{
  GString *out = g_string_new (NULL);
  TraceLogIter iter;
  TraceEvent e;

  trace_log_iter_init (&iter, log, 0);
  while (trace_log_iter_next (&iter, &e))
    if (e.kind == TRACE_EV_OUTPUT)
      g_string_append (out, trace_log_string (log, e.str));
  return g_string_free (out, FALSE);
}

static void
collect_output (const char *bytes, size_t length, void *user)
{
  g_string_append_len (user, bytes, (gssize) length);
}

/* Runs source as refscope-cli run does, untraced: its status, what it
 * printed and the last line of its traceback ("" if none). */
static int
run_plain (const char *name, const char *source, char **output, char **error_line)
{
  GString *out = g_string_new (NULL);
  LangRunOptions options = { .output = collect_output, .output_user = out };
  FILE *err = tmpfile ();
  char err_text[4096];
  size_t err_length;
  g_auto (GStrv) lines = NULL;
  guint n;
  int status;

  g_assert_nonnull (err);
  g_assert_true (rt_runtime_init ());
  g_assert_true (lang_interp_init ());
  status = (int) lang_run_source (name, source, strlen (source), &options, err);
  lang_interp_fini ();
  rt_runtime_fini ();
  rewind (err);
  err_length = fread (err_text, 1, sizeof err_text - 1, err);
  err_text[err_length] = '\0';
  fclose (err);
  lines = g_strsplit (g_strchomp (err_text), "\n", -1);
  n = g_strv_length (lines);
  *error_line = g_strdup (n > 0 ? lines[n - 1] : "");
  *output = g_string_free (out, FALSE);
  return status;
}

/* Each script as the app gets it: the file's text, run in the embedded
 * runtime to CPython's output and status, with its Focus step on the line
 * the lesson's text sends the learner to. */
static void
test_scripts (void)
{
  g_autoptr (RefscopeLessonCatalog) catalog = load ("en");
  g_autoptr (RefscopeLessonCatalog) zh = load ("zh_CN");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RefscopeLesson *lesson = refscope_lesson_catalog_get_lesson (catalog, i);
      g_autoptr (GError) error = NULL;
      g_autofree char *source = refscope_lesson_catalog_load_script (catalog, lesson, &error);
      g_autofree char *path = trace_test_lesson_path (lesson->script_name);
      g_autofree char *on_disk = NULL;
      g_autofree char *output = NULL;
      g_autofree char *raised = NULL;
      g_autofree char *line_en = NULL;
      g_autofree char *line_zh = NULL;
      g_autoptr (TraceTimeline) timeline = NULL;
      const TraceLog *log;
      TraceEvent step;
      int status = -1;

      g_test_message ("lesson %s", lesson->id);
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
      g_assert_cmpstr (source, ==, on_disk);

      timeline = trace_test_record (source, 0, &status);
      log = trace_timeline_log (timeline);
      g_assert_cmpint (status, ==, expected[i].status);
      g_assert_true (trace_timeline_is_complete (timeline));
      g_assert_cmpint (trace_timeline_exit_status (timeline), ==, expected[i].status);
      output = printed (log);
      g_assert_cmpstr (output, ==, expected[i].output);
      g_clear_pointer (&output, g_free);
      g_assert_cmpint (run_plain (lesson->script_name, source, &output, &raised), ==,
                       expected[i].status);
      g_assert_cmpstr (output, ==, expected[i].output);
      g_assert_cmpstr (raised, ==, expected[i].error != NULL ? expected[i].error : "");

      g_assert_cmpuint (lesson->focus_step, >=, 1);
      g_assert_cmpuint (lesson->focus_step, <=, trace_timeline_n_steps (timeline));
      trace_log_get (log, trace_log_step_event (log, lesson->focus_step), &step);
      g_assert_cmpuint (step.kind, ==, TRACE_EV_STEP);
      g_assert_cmpint (step.b, ==, expected[i].focus_line);
      /* Both texts send the learner to that line. */
      line_en = g_strdup_printf ("line %u", expected[i].focus_line);
      line_zh = g_strdup_printf ("第 %u 行", expected[i].focus_line);
      g_assert_nonnull (strstr (lesson->text, line_en));
      g_assert_nonnull (strstr (refscope_lesson_catalog_get_lesson (zh, i)->text, line_zh));
    }
}

static RefscopeLessonCatalog *
from_text (const char *ini, const char *language, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (ini, strlen (ini));

  return refscope_lesson_catalog_new_from_bytes (bytes, language, error);
}

#define GOOD_LESSON "Script=a.py\nTitle=A\nSummary=S\nText=T\n"

static void
assert_refused (const char *ini, GQuark domain, gint code, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefscopeLessonCatalog) catalog = from_text (ini, "en", &error);

  g_assert_null (catalog);
  g_assert_error (error, domain, code);
  if (message[strlen (message) - 1] == '*')
    {
      g_autofree char *prefix = g_strndup (message, strlen (message) - 1);
      g_assert_true (g_str_has_prefix (error->message, prefix));
    }
  else
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_malformed (void)
{
  GQuark kf = G_KEY_FILE_ERROR;

  assert_refused ("[01-a]\n" GOOD_LESSON "[03-containers]\nTitle=C\nSummary=S\nText=T\n", kf,
                  G_KEY_FILE_ERROR_KEY_NOT_FOUND, "lessons.ini: lesson 03-containers: no Script key");
  assert_refused ("[01-a]\nScript=a.py\nSummary=S\nText=T\n", kf, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                  "lessons.ini: lesson 01-a: no Title key");
  /* A translation is no substitute for the text every language falls back to. */
  assert_refused ("[01-a]\nScript=a.py\nTitle[zh_CN]=甲\nSummary=S\nText=T\n", kf,
                  G_KEY_FILE_ERROR_KEY_NOT_FOUND, "lessons.ini: lesson 01-a: no Title key");
  assert_refused ("[01-a]\nScript=a.py\nTitle=A\nText=T\n", kf, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                  "lessons.ini: lesson 01-a: no Summary key");
  assert_refused ("[01-a]\nScript=a.py\nTitle=A\nSummary=S\n", kf, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                  "lessons.ini: lesson 01-a: no Text key");
  assert_refused ("[01-a]\nScript=a.py\nTitle=A\nSummary=S\nText=  \n", kf,
                  G_KEY_FILE_ERROR_INVALID_VALUE, "lessons.ini: lesson 01-a: Text is empty");
  assert_refused ("[01-a]\n" GOOD_LESSON "Focus=ten\n", kf, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "lessons.ini: lesson 01-a: Focus must be a step number from 1 up, not “ten”");
  assert_refused ("[01-a]\n" GOOD_LESSON "Focus=0\n", kf, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "lessons.ini: lesson 01-a: Focus must be a step number from 1 up, not “0”");
  assert_refused ("[01-a]\n" GOOD_LESSON "Focus=-3\n", kf, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "lessons.ini: lesson 01-a: Focus must be a step number from 1 up, not “-3”");
  assert_refused ("[01-a]\n" GOOD_LESSON "Focus=99999999999\n", kf, G_KEY_FILE_ERROR_INVALID_VALUE,
                  "lessons.ini: lesson 01-a: Focus must be a step number from 1 up, not "
                  "“99999999999”");
  assert_refused ("[01-a]\nScript=../../etc/passwd\nTitle=A\nSummary=S\nText=T\n", kf,
                  G_KEY_FILE_ERROR_INVALID_VALUE,
                  "lessons.ini: lesson 01-a: Script must be a file name beside lessons.ini, not "
                  "“../../etc/passwd”");
  assert_refused ("# nothing yet\n", kf, G_KEY_FILE_ERROR_GROUP_NOT_FOUND, "lessons.ini: no lessons");
  assert_refused ("[01-a]\n" GOOD_LESSON "this is not a key\n", kf, G_KEY_FILE_ERROR_PARSE,
                  "lessons.ini: *");
}

/* What may be left out, and what it falls back to. */
static void
test_optional_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RefscopeLessonCatalog) catalog = from_text (
    "[01-a]\nScript=a.py\nTitle=A\nTitle[zh_CN]=甲\nSummary=S\nText=One.\\nTwo.\n"
    "[02-b]\nScript=b.py\nTitle=B\nSummary=S\nText=T\nTry=Click.\nFocus= 7 \n",
    "zh_CN", &error);
  const RefscopeLesson *a, *b;
  g_autofree char *script = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (refscope_lesson_catalog_get_n_lessons (catalog), ==, 2);
  a = refscope_lesson_catalog_get_lesson (catalog, 0);
  b = refscope_lesson_catalog_get_lesson (catalog, 1);
  g_assert_cmpstr (a->title, ==, "甲");
  g_assert_cmpstr (a->summary, ==, "S");   /* untranslated: English */
  g_assert_cmpstr (a->text, ==, "One.\nTwo.");
  g_assert_null (a->try_text);
  g_assert_cmpuint (a->focus_step, ==, 0);
  g_assert_cmpstr (b->title, ==, "B");
  g_assert_cmpstr (b->try_text, ==, "Click.");
  g_assert_cmpuint (b->focus_step, ==, 7);

  /* Read from memory, there is no folder to read a script from. */
  script = refscope_lesson_catalog_load_script (catalog, a, &error);
  g_assert_null (script);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "a.py"));
}

/* A folder whose lessons.ini names a script that is not there is refused at
 * once; one without lessons.ini says so. */
static void
test_missing_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("refscope-lessons-XXXXXX", &error);
  g_autofree char *ini = NULL;
  g_autofree char *script = NULL;
  g_autofree char *expected_message = NULL;
  g_autoptr (RefscopeLessonCatalog) catalog = NULL;

  g_assert_no_error (error);
  catalog = refscope_lesson_catalog_new_from_dir (dir, NULL, &error);
  g_assert_null (catalog);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "lessons.ini"));
  g_clear_error (&error);

  ini = g_build_filename (dir, "lessons.ini", NULL);
  script = g_build_filename (dir, "01-a.py", NULL);
  g_assert_true (g_file_set_contents (ini,
                                      "[01-a]\nScript=01-a.py\nTitle=A\nSummary=S\nText=T\n"
                                      "[02-b]\nScript=02-b.py\nTitle=B\nSummary=S\nText=T\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (script, "x = 1\n", -1, NULL));
  catalog = refscope_lesson_catalog_new_from_dir (dir, NULL, &error);
  g_assert_null (catalog);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected_message = g_strdup_printf ("lessons.ini: lesson 02-b: its script 02-b.py is not in %s", dir);
  g_assert_cmpstr (error->message, ==, expected_message);
  g_clear_error (&error);

  /* A script that goes after the catalogue was read, or is not text. */
  g_assert_true (g_file_set_contents (ini, "[01-a]\nScript=01-a.py\nTitle=A\nSummary=S\nText=T\n",
                                      -1, NULL));
  catalog = refscope_lesson_catalog_new_from_dir (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (script, "x = '\xff'\n", -1, NULL));
  g_assert_null (refscope_lesson_catalog_load_script (
    catalog, refscope_lesson_catalog_get_lesson (catalog, 0), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "lesson 01-a: 01-a.py in "));
  g_clear_error (&error);
  g_assert_cmpint (g_remove (script), ==, 0);
  g_assert_null (refscope_lesson_catalog_load_script (
    catalog, refscope_lesson_catalog_get_lesson (catalog, 0), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "lesson 01-a: "));

  g_remove (ini);
  g_rmdir (dir);
}

/* Compiles the files (NULL-terminated, from data/lessons) into a GResource
 * under prefix with glib-compile-resources, in tmp. */
static GResource *
compile_resource (const char *compiler, const char *tmp, const char *prefix, const char **files)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) xml = g_string_new (NULL);
  g_autofree char *source_dir = lessons_dir ();
  g_autofree char *xml_path = g_build_filename (tmp, "lessons.gresource.xml", NULL);
  g_autofree char *target = g_build_filename (tmp, "lessons.gresource", NULL);
  g_autofree char *sourcedir_arg = g_strconcat ("--sourcedir=", source_dir, NULL);
  g_autofree char *target_arg = g_strconcat ("--target=", target, NULL);
  const char *argv[] = { compiler, sourcedir_arg, target_arg, xml_path, NULL };
  GResource *resource;
  int wait_status;

  g_string_append_printf (xml,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gresources>\n"
                          "  <gresource prefix=\"%s\">\n",
                          prefix);
  for (guint i = 0; files[i] != NULL; i++)
    g_string_append_printf (xml, "    <file>%s</file>\n", files[i]);
  g_string_append (xml, "  </gresource>\n</gresources>\n");
  g_assert_true (g_file_set_contents (xml_path, xml->str, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  resource = g_resource_load (target, &error);
  g_assert_no_error (error);
  g_remove (target);
  g_remove (xml_path);
  return resource;
}

/* The lessons as the app bundles them: a GResource made from data/lessons,
 * registered, read through resource:// paths like the folder. */
static void
test_resource (void)
{
  g_autofree char *compiler = g_find_program_in_path ("glib-compile-resources");
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr (RefscopeLessonCatalog) from_dir = load ("zh_CN");
  g_autoptr (RefscopeLessonCatalog) catalog = NULL;
  g_autoptr (GResource) resource = NULL;
  g_autoptr (GResource) partial = NULL;
  const char *files[G_N_ELEMENTS (expected) + 2] = { "lessons.ini" };
  const char *ini_only[] = { "lessons.ini", NULL };

  if (compiler == NULL)
    {
      g_test_skip ("glib-compile-resources is not installed");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    files[i + 1] = refscope_lesson_catalog_get_lesson (from_dir, i)->script_name;
  tmp = g_dir_make_tmp ("refscope-lessons-XXXXXX", &error);
  g_assert_no_error (error);
  resource = compile_resource (compiler, tmp, "/io/github/refscope/Refscope/lessons", files);
  partial = compile_resource (compiler, tmp, "/io/github/refscope/Refscope/partial", ini_only);
  g_rmdir (tmp);
  g_resources_register (resource);
  g_resources_register (partial);

  catalog = refscope_lesson_catalog_new_from_resource ("/io/github/refscope/Refscope/lessons",
                                                       "zh_CN", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refscope_lesson_catalog_get_n_lessons (catalog), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RefscopeLesson *a = refscope_lesson_catalog_get_lesson (catalog, i);
      const RefscopeLesson *b = refscope_lesson_catalog_get_lesson (from_dir, i);
      g_autofree char *sa = refscope_lesson_catalog_load_script (catalog, a, &error);
      g_autofree char *sb = NULL;

      g_assert_no_error (error);
      sb = refscope_lesson_catalog_load_script (from_dir, b, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpuint (a->focus_step, ==, b->focus_step);
      g_assert_cmpstr (sa, ==, sb);
    }
  g_clear_pointer (&catalog, refscope_lesson_catalog_free);

  /* lessons.ini without its scripts. */
  catalog = refscope_lesson_catalog_new_from_resource ("/io/github/refscope/Refscope/partial", NULL,
                                                       &error);
  g_assert_null (catalog);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "lessons.ini: lesson 01-small-ints-and-interning: its script "
                   "01-small-ints-and-interning.py is not in /io/github/refscope/Refscope/partial");
  g_clear_error (&error);

  /* No lessons.ini at all. */
  catalog = refscope_lesson_catalog_new_from_resource ("/io/github/refscope/Refscope/nothing", NULL,
                                                       &error);
  g_assert_null (catalog);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/io/github/refscope/Refscope/nothing/lessons.ini"));

  g_resources_unregister (partial);
  g_resources_unregister (resource);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lesson-catalog/english", test_english);
  g_test_add_func ("/lesson-catalog/chinese", test_chinese);
  g_test_add_func ("/lesson-catalog/language-choice", test_language_choice);
  g_test_add_func ("/lesson-catalog/scripts", test_scripts);
  g_test_add_func ("/lesson-catalog/malformed", test_malformed);
  g_test_add_func ("/lesson-catalog/optional-keys", test_optional_keys);
  g_test_add_func ("/lesson-catalog/missing-files", test_missing_files);
  g_test_add_func ("/lesson-catalog/resource", test_resource);
  return g_test_run ();
}
