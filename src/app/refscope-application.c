/* refscope-application.c: the application: starts the runtime's thread,
 * opens windows (on the last lesson, or on files given), and holds the
 * accelerators of every action in one table. */
#include "refscope-application.h"
#include "refscope-preferences.h"
#include "refscope-window.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

struct _RefscopeApplication
{
  AdwApplication parent_instance;
  RefscopeEngine *engine;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RefscopeApplication, refscope_application, ADW_TYPE_APPLICATION)

static const struct
{
  const char *action;
  const char *accels[4];
} accelerators[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.new", { "<Control>n", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save-trace", { "<Control>s", NULL } },
  { "win.save-program", { "<Control><Shift>s", NULL } },
  { "win.export", { "<Control>e", NULL } },
  { "win.lessons", { "F1", NULL } },
  { "win.run", { "F5", "<Control>Return", NULL } },
  { "win.stop", { "<Shift>F5", NULL } },
  { "win.step-back", { "F7", "<Alt>Left", NULL } },
  { "win.step-forward", { "F8", "<Alt>Right", NULL } },
  { "win.event-back", { "<Shift>F7", NULL } },
  { "win.event-forward", { "<Shift>F8", NULL } },
  { "win.step-first", { "<Alt>Home", NULL } },
  { "win.step-last", { "<Alt>End", NULL } },
  { "win.play", { "F6", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
  { "win.zoom-out", { "<Control>minus", NULL } },
  { "win.zoom-fit", { "<Control>0", NULL } },
  { "win.toggle-inspector", { "F9", NULL } },
  { "win.focus-canvas", { "<Control>g", NULL } },
  { "win.show-cached", { "<Control>i", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

static void
apply_theme (RefscopeApplication *self)
{
  g_autofree char *theme = g_settings_get_string (self->settings, "theme");
  AdwColorScheme scheme = g_str_equal (theme, "dark")    ? ADW_COLOR_SCHEME_FORCE_DARK
                          : g_str_equal (theme, "light") ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                         : ADW_COLOR_SCHEME_DEFAULT;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
action_quit (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *application = user_data;
  GList *windows = gtk_application_get_windows (application);

  /* Each window may ask first (an unsaved trace). */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (l->data);
      g_list_free_1 (l);
    }
}

static void
action_about (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *application = user_data;
  const char *developers[] = { "The Refscope developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", "Refscope",
                         "application-icon", "io.github.refscope.Refscope",
                         "version", REFSCOPE_VERSION,
                         "developer-name", _("The Refscope developers"),
                         "developers", developers,
                         "comments", _("See how Python manages memory: references, refcounts, "
                                       "cycles and the garbage collector."),
                         "website", "https://github.com/refscope/refscope",
                         "issue-url", "https://github.com/refscope/refscope/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
action_preferences (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *window = refscope_preferences_new (gtk_application_get_active_window (application));

  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "quit", action_quit },
  { "about", action_about },
  { "preferences", action_preferences },
};

static void
refscope_application_startup (GApplication *application)
{
  RefscopeApplication *self = REFSCOPE_APPLICATION (application);

  G_APPLICATION_CLASS (refscope_application_parent_class)->startup (application);
  gtk_source_init ();
  self->settings = g_settings_new ("io.github.refscope.Refscope");
  g_signal_connect_swapped (self->settings, "changed::theme", G_CALLBACK (apply_theme), self);
  apply_theme (self);
  self->engine = refscope_engine_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accelerators[i].action,
                                           accelerators[i].accels);
}

static void
refscope_application_shutdown (GApplication *application)
{
  RefscopeApplication *self = REFSCOPE_APPLICATION (application);

  G_APPLICATION_CLASS (refscope_application_parent_class)->shutdown (application);
  g_clear_pointer (&self->engine, refscope_engine_free);
  g_clear_object (&self->settings);
  gtk_source_finalize ();
}

static RefscopeWindow *
new_window (RefscopeApplication *self)
{
  RefscopeWindow *window = refscope_window_new (GTK_APPLICATION (self), self->engine);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
refscope_application_activate (GApplication *application)
{
  RefscopeApplication *self = REFSCOPE_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  RefscopeWindow *window;
  g_autofree char *lesson = NULL;

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }
  window = new_window (self);
  /* What the user typed last comes back; otherwise the last lesson. */
  if (refscope_window_restore_draft (window))
    return;
  lesson = g_settings_get_string (self->settings, "last-lesson");
  if (!refscope_window_open_lesson (window, lesson))
    refscope_window_open_lesson (window, "01-small-ints-and-interning");
}

static void
refscope_application_open (GApplication *application, GFile **files, int n_files,
                           const char *hint)
{
  RefscopeApplication *self = REFSCOPE_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  RefscopeWindow *window = active != NULL ? REFSCOPE_WINDOW (active) : new_window (self);

  /* One window, one runtime: the last file given wins, as in a viewer. */
  if (n_files > 0)
    refscope_window_open_file (window, files[n_files - 1]);
}

static void
refscope_application_class_init (RefscopeApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = refscope_application_startup;
  app_class->shutdown = refscope_application_shutdown;
  app_class->activate = refscope_application_activate;
  app_class->open = refscope_application_open;
}

static void
refscope_application_init (RefscopeApplication *self)
{
}

RefscopeApplication *
refscope_application_new (void)
{
  return g_object_new (REFSCOPE_TYPE_APPLICATION,
                       "application-id", "io.github.refscope.Refscope",
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/refscope/Refscope",
                       NULL);
}
