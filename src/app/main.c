/* main.c: starts Refscope: `refscope [FILE.py|TRACE.jsonl]`. */
#include "refscope-application.h"

#include <glib/gi18n.h>
#include <locale.h>

/* Run from the build tree, the app finds its compiled schema beside it
 * (build/data), unless the environment names one. */
static void
find_schemas_uninstalled (const char *argv0)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *schemas = NULL;
  g_autofree char *compiled = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL || self == NULL)
    return;
  dir = g_path_get_dirname (self);
  schemas = g_build_filename (dir, "..", "..", "data", NULL);
  compiled = g_build_filename (schemas, "gschemas.compiled", NULL);
  if (g_str_has_suffix (dir, "src/app") && g_file_test (compiled, G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (RefscopeApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, REFSCOPE_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  find_schemas_uninstalled (argv[0]);
  g_set_application_name ("Refscope");
  application = refscope_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
