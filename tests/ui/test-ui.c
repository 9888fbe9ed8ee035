/* test-ui.c: the window driven as a user would, under Xvfb: lessons run,
 * stepping, selecting and inspecting, errors, a loaded trace, export, dark
 * mode. Each test saves a screenshot of the window in the build tree
 * (tests/ui/screenshots/) to be looked at. */
#include "refscope-canvas.h"
#include "refscope-inspector.h"
#include "refscope-window.h"
#include "lesson-catalog.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>

static RefscopeEngine *engine;
static RefscopeWindow *window;
static char *screenshots;
static const char *suffix = "";   /* "-zh_CN" in Chinese */

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the window has nothing in flight, drawn. */
static void
wait_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint timer = g_timeout_add (20, wake, NULL);
  guint settled = 0;

  /* Idle on a few iterations in a row (a finished run starts drawing),
   * and shown: a window not yet mapped draws nothing. */
  while (settled < 3)
    {
      g_main_context_iteration (NULL, TRUE);
      settled = refscope_window_is_idle (window) && gtk_widget_get_mapped (GTK_WIDGET (window))
                        && gtk_widget_get_width (refscope_window_get_canvas (window)) > 0
                    ? settled + 1
                    : 0;
      if (g_get_monotonic_time () > deadline)
        g_error ("the window did not settle in 120 s (step %u of %u)",
                 refscope_window_get_step (window), refscope_window_get_n_steps (window));
    }
  g_source_remove (timer);
}

static void
screenshot (const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, suffix);
  g_autofree char *path = g_build_filename (screenshots, file, NULL);
  guint timer = g_timeout_add (20, wake, NULL);

  /* The paintable holds nothing while a redraw is pending: let the frame
   * clock draw the window first. */
  for (guint tries = 0; node == NULL && tries < 500; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timer);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
open_lesson (const char *id)
{
  g_assert_true (refscope_window_open_lesson (window, id));
  wait_idle ();
}

/* As the app starts the first time: on the first lesson. */
static void
test_starts (void)
{
  open_lesson ("01-small-ints-and-interning");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  screenshot ("start");
}

static const char *lesson_ids[] = {
  "01-small-ints-and-interning", "02-refcounts", "03-containers-hold-references",
  "04-del-frees-at-zero", "05-cycles-need-the-collector", "06-generations-and-thresholds",
  "07-globals-and-clear",
};

static void
test_lessons (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (lesson_ids); i++)
    {
      ViewScene *scene;
      g_autofree char *name = g_strdup_printf ("lesson-%02u", i + 1);

      open_lesson (lesson_ids[i]);
      g_assert_cmpuint (refscope_window_get_n_steps (window), >, 0);
      scene = refscope_canvas_get_scene (REFSCOPE_CANVAS (refscope_window_get_canvas (window)));
      g_assert_nonnull (scene);
      g_assert_cmpuint (scene->step, ==, refscope_window_get_step (window));
      /* Every lesson draws at least the global frame and something it holds. */
      g_assert_cmpuint (scene->n_nodes, >=, 2);
      if (g_str_equal (lesson_ids[i], "07-globals-and-clear"))
        {
          g_assert_nonnull (refscope_window_get_last_error (window));
          g_assert_nonnull (strstr (refscope_window_get_last_error (window), "RuntimeError"));
        }
      screenshot (name);
    }
}

static void
test_step (void)
{
  guint n_steps;

  open_lesson ("03-containers-hold-references");
  n_steps = refscope_window_get_n_steps (window);
  refscope_window_set_step (window, 0);
  wait_idle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL));
  wait_idle ();
  g_assert_cmpuint (refscope_window_get_step (window), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-forward", NULL));
  wait_idle ();
  g_assert_cmpuint (refscope_window_get_step (window), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-back", NULL));
  wait_idle ();
  g_assert_cmpuint (refscope_window_get_step (window), ==, 1);
  screenshot ("step-1");
  /* One event at a time: the canvas shows the state inside the statement. */
  {
    RefscopeCanvas *canvas = REFSCOPE_CANVAS (refscope_window_get_canvas (window));
    guint64 start = refscope_canvas_get_scene (canvas)->events;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.event-forward", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.event-forward", NULL));
    wait_idle ();
    g_assert_cmpuint (refscope_canvas_get_scene (canvas)->events, ==, start + 2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.event-back", NULL));
    wait_idle ();
    g_assert_cmpuint (refscope_canvas_get_scene (canvas)->events, ==, start + 1);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL));
  wait_idle ();
  g_assert_cmpuint (refscope_window_get_step (window), ==, n_steps);
}

/* The lesson's `b = [a, a]`: selecting a shows three holders. */
static void
test_select (void)
{
  RefscopeCanvas *canvas = REFSCOPE_CANVAS (refscope_window_get_canvas (window));
  RefscopeInspector *inspector = REFSCOPE_INSPECTOR (refscope_window_get_inspector (window));
  ViewScene *scene;
  gint found = -1;

  open_lesson ("03-containers-hold-references");
  scene = refscope_canvas_get_scene (canvas);
  for (guint i = 0; i < scene->n_nodes && found < 0; i++)
    if (scene->nodes[i].kind == VIEW_NODE_OBJECT && g_str_equal (scene->nodes[i].type_name, "list"))
      found = (gint) i;
  g_assert_cmpint (found, >=, 0);
  refscope_canvas_set_selected (canvas, scene->nodes[found].id);
  wait_idle ();
  g_assert_cmpstr (refscope_inspector_get_title (inspector), ==, "list");
  screenshot ("inspector");
  refscope_canvas_set_selected (canvas, 0);
  g_assert_null (refscope_inspector_get_title (inspector));
}

static void
test_syntax_error (void)
{
  GtkSourceView *view;
  guint n_steps;

  open_lesson ("02-refcounts");
  n_steps = refscope_window_get_n_steps (window);
  view = NULL;
  (void) view;
  {
    GtkTextBuffer *buffer = NULL;
    GtkWidget *child;
    /* The editor is the window's only GtkSourceView. */
    for (child = GTK_WIDGET (window); child != NULL;)
      {
        if (GTK_SOURCE_IS_VIEW (child))
          {
            buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child));
            break;
          }
        if (gtk_widget_get_first_child (child) != NULL)
          child = gtk_widget_get_first_child (child);
        else
          {
            while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
              child = gtk_widget_get_parent (child);
            if (child != NULL)
              child = gtk_widget_get_next_sibling (child);
          }
      }
    g_assert_nonnull (buffer);
    gtk_text_buffer_set_text (buffer, "x = [1, 2\nprint(x)\n", -1);
  }
  /* What was typed is in the draft within a moment, written atomically. */
  {
    g_autofree char *draft = g_build_filename (g_get_user_data_dir (), "refscope", "draft.py",
                                               NULL);
    g_autofree char *saved = NULL;
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    guint timer = g_timeout_add (20, wake, NULL);

    while ((saved == NULL || !g_str_equal (saved, "x = [1, 2\nprint(x)\n"))
           && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, TRUE);
        g_clear_pointer (&saved, g_free);
        g_file_get_contents (draft, &saved, NULL, NULL);
      }
    g_source_remove (timer);
    g_assert_cmpstr (saved, ==, "x = [1, 2\nprint(x)\n");
  }
  refscope_window_run (window);
  wait_idle ();
  g_assert_nonnull (refscope_window_get_last_error (window));
  g_assert_nonnull (strstr (refscope_window_get_last_error (window), "SyntaxError"));
  /* Nothing ran: the heap shown is the one before. */
  g_assert_cmpuint (refscope_window_get_n_steps (window), ==, n_steps);
  screenshot ("syntax-error");
}

static void
test_trace (void)
{
  const char *trace = g_getenv ("REFSCOPE_UI_TRACE");
  g_autoptr (GFile) file = NULL;

  if (trace == NULL)
    {
      g_test_skip ("no recorded trace given (REFSCOPE_UI_TRACE)");
      return;
    }
  file = g_file_new_for_path (trace);
  refscope_window_open_file (window, file);
  wait_idle ();
  g_assert_cmpuint (refscope_window_get_n_steps (window), >, 0);
  g_assert_nonnull (refscope_canvas_get_scene (
      REFSCOPE_CANVAS (refscope_window_get_canvas (window))));
  screenshot ("cpython-trace");
}

static void
test_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("refscope-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lesson.png", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  open_lesson ("05-cycles-need-the-collector");
  g_assert_true (refscope_window_export_to (window, file, 1, FALSE, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  screenshot ("export");
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
scene_has (ViewScene *scene, gboolean (*test) (const ViewNode *))
{
  for (guint i = 0; i < scene->n_nodes; i++)
    if (test (&scene->nodes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
has_gc_refs (const ViewNode *node)
{
  return node->kind == VIEW_NODE_OBJECT && node->gc_refs >= 0;
}

static gboolean
is_unreachable (const ViewNode *node)
{
  return node->kind == VIEW_NODE_OBJECT && (node->flags & VIEW_NODE_UNREACHABLE);
}

/* Lesson 5's gc.collect() replayed pass by pass: gc_refs after the
 * references from inside are subtracted, then the cycle unreachable. */
static void
test_collector_replay (void)
{
  RefscopeCanvas *canvas = REFSCOPE_CANVAS (refscope_window_get_canvas (window));
  guint step;

  open_lesson ("05-cycles-need-the-collector");
  for (step = 1; step <= refscope_window_get_n_steps (window); step++)
    {
      refscope_window_set_step (window, step);
      wait_idle ();
      if (refscope_canvas_get_scene (canvas)->line == 17)
        break;
    }
  g_assert_cmpuint (step, <=, refscope_window_get_n_steps (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.replay-watch", NULL));
  wait_idle ();
  /* The start, then the copy of the refcounts, then the subtraction. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.replay-next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.replay-next", NULL));
  wait_idle ();
  g_assert_true (scene_has (refscope_canvas_get_scene (canvas), has_gc_refs));
  g_assert_cmpint (refscope_canvas_get_scene (canvas)->stats.collecting, ==, 2);
  screenshot ("collector-subtract");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.replay-next", NULL));
  wait_idle ();
  g_assert_true (scene_has (refscope_canvas_get_scene (canvas), is_unreachable));
  screenshot ("collector-unreachable");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.replay-done", NULL));
  wait_idle ();
  g_assert_cmpuint (refscope_canvas_get_scene (canvas)->step, ==, step);
  g_assert_false (scene_has (refscope_canvas_get_scene (canvas), is_unreachable));
}

/* The first widget of type under root, depth first, or NULL. */
static GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Lesson 6's side panels: the generations against their thresholds, and
 * memory over time. */
static void
test_panels (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  g_assert_nonnull (stack);
  open_lesson ("06-generations-and-thresholds");
  adw_view_stack_set_visible_child_name (stack, "collector");
  wait_idle ();
  screenshot ("collector-panel");
  adw_view_stack_set_visible_child_name (stack, "memory");
  wait_idle ();
  screenshot ("memory-chart");
  adw_view_stack_set_visible_child_name (stack, "inspector");
}

static void
test_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  open_lesson ("05-cycles-need-the-collector");
  screenshot ("dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_idle ();
}

/* Xvfb has no session bus: GTK's warning about it is expected here, as is
 * GTK 4.8's about snapshotting an internal gizmo that a popover or paned
 * has not allocated yet (harmless, fixed in later GTK releases). */
static gboolean
fatal_unless_expected (const char *domain, GLogLevelFlags level, const char *message,
                       gpointer user)
{
  return strstr (message, "session bus") == NULL && strstr (message, "dbus") == NULL
         && strstr (message, "without a current allocation") == NULL;
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("refscope-ui-XXXXXX", NULL);
  const char *build = g_getenv ("REFSCOPE_BUILD_ROOT");
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();
  int status;

  /* The draft and recent files go to a home of the test's own. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  setlocale (LC_ALL, "");
  if (build != NULL)
    {
      g_autofree char *locale = g_build_filename (build, "po", NULL);
      bindtextdomain (GETTEXT_PACKAGE, locale);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  if (g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh_CN"))
    suffix = "-zh_CN";
  g_test_log_set_fatal_handler (fatal_unless_expected, NULL);
  gtk_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_unless_expected, NULL);
  /* Criticals (a broken precondition) fail the test; warnings are printed. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();
  gtk_source_init ();
  gtk_css_provider_load_from_resource (css, "/io/github/refscope/Refscope/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/refscope/Refscope/icons");
  screenshots = g_build_filename (build != NULL ? build : ".", "tests", "ui", "screenshots",
                                  NULL);
  g_mkdir_with_parents (screenshots, 0755);
  engine = refscope_engine_new ();
  window = refscope_window_new (NULL, engine);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  gtk_window_present (GTK_WINDOW (window));

  if (*suffix != '\0')
    {
      /* In Chinese: the window, a lesson and the inspector. */
      g_test_add_func ("/ui/starts", test_starts);
      g_test_add_func ("/ui/select", test_select);
      g_test_add_func ("/ui/dark", test_dark);
    }
  else
    {
      g_test_add_func ("/ui/starts", test_starts);
      g_test_add_func ("/ui/lessons", test_lessons);
      g_test_add_func ("/ui/step", test_step);
      g_test_add_func ("/ui/select", test_select);
      g_test_add_func ("/ui/syntax-error", test_syntax_error);
      g_test_add_func ("/ui/trace", test_trace);
      g_test_add_func ("/ui/export", test_export);
      g_test_add_func ("/ui/collector-replay", test_collector_replay);
      g_test_add_func ("/ui/panels", test_panels);
      g_test_add_func ("/ui/dark", test_dark);
    }
  status = g_test_run ();
  gtk_window_destroy (GTK_WINDOW (window));
  refscope_engine_free (engine);
  return status;
}
