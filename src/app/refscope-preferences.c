/* refscope-preferences.c: the preferences window: colours, the layout
 * engine and what the canvas shows. Every row is bound to a setting. */
#include "refscope-preferences.h"

#include <glib/gi18n.h>

static const char *theme_ids[] = { "system", "light", "dark" };
static const char *engine_ids[] = { "auto", "dot", "fast" };

static gboolean
id_to_index (GValue *value, GVariant *variant, gpointer ids)
{
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < 3; i++)
    if (g_str_equal (id, ((const char **) ids)[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
index_to_id (const GValue *value, const GVariantType *type, gpointer ids)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (((const char **) ids)[MIN (i, 2)]);
}

static GtkWidget *
combo_row (GSettings *settings, const char *key, const char *title, const char *subtitle,
           const char *const *labels, const char **ids)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                id_to_index, index_to_id, ids, NULL);
  return row;
}

static GtkWidget *
switch_row (GSettings *settings, const char *key, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, key, toggle, "active", G_SETTINGS_BIND_DEFAULT);
  return row;
}

GtkWindow *
refscope_preferences_new (GtkWindow *parent)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.refscope.Refscope");
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *look = adw_preferences_group_new ();
  GtkWidget *canvas = adw_preferences_group_new ();
  const char *theme_labels[] = { _("Follow the system"), _("Light"), _("Dark"), NULL };
  const char *engine_labels[] = { _("Automatic"), _("Graphviz dot (fewest crossings)"),
                                  _("Fast (large heaps)"), NULL };

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (look), _("Appearance"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (look),
                             combo_row (settings, "theme", _("Style"),
                                        _("Light or dark colours for the window and the canvas"),
                                        theme_labels, theme_ids));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (canvas), _("Canvas"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (canvas),
                             switch_row (settings, "show-cached", _("Show Cached Objects"),
                                         _("Draw small ints (−5 to 256), interned strings, None, "
                                           "True and False as objects of their own, to see that "
                                           "they are shared")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (canvas),
                             combo_row (settings, "layout-engine", _("Layout"),
                                        _("How objects are placed; the automatic choice uses "
                                          "dot up to 1,500 objects"),
                                        engine_labels, engine_ids));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (look));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (canvas));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  return GTK_WINDOW (window);
}
