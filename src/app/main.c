/* main.c: starts Refscope: `refscope [FILE.py|TRACE.jsonl]`. */
#include "refscope-application.h"

#include <glib/gi18n.h>
#include <locale.h>

/* Run from the build tree (build/src/app/refscope), the app finds its
 * compiled schema and translations beside it (build/data, build/po),
 * unless the environment names a schema folder. */
static void
use_build_tree (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *root = NULL;
  g_autofree char *schemas = NULL;
  g_autofree char *compiled = NULL;
  g_autofree char *locale = NULL;

  if (self == NULL)
    return;
  dir = g_path_get_dirname (self);
  if (!g_str_has_suffix (dir, "/src/app"))
    return;
  root = g_build_filename (dir, "..", "..", NULL);
  schemas = g_build_filename (root, "data", NULL);
  compiled = g_build_filename (schemas, "gschemas.compiled", NULL);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL && g_file_test (compiled, G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  locale = g_build_filename (root, "po", NULL);
  if (g_file_test (locale, G_FILE_TEST_IS_DIR))
    bindtextdomain (GETTEXT_PACKAGE, locale);
}

int
main (int argc, char *argv[])
{
  g_autoptr (RefscopeApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, REFSCOPE_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  use_build_tree ();
  g_set_application_name ("Refscope");
  application = refscope_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
