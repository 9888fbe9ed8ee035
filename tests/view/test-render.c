/* test-render.c: the painter and the exports: files that are what they say,
 * colours where the palette puts them, cards drawn at the sizes measured,
 * hit testing, themes, animation, refusals and atomic writes. With
 * REFSCOPE_RENDER_OUT set, the sample pictures are also written there. */
#include "painter.h"
#include "palette.h"
#include "../trace/trace-test.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

/* Fontconfig keeps its configuration and the patterns of the fonts it
 * matched until the process ends; LeakSanitizer (in the sanitizer build)
 * reads this to leave them out. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}

/* The width of a card's generation band, for looking just right of it. */
#define BAND_WIDTH 7.0

/* Hand-made scenes. */

static ViewScene *
scene_new (guint step, const char *source_line)
{
  ViewScene *scene = g_new0 (ViewScene, 1);

  scene->step = step;
  scene->n_steps = 12;
  scene->source_line = g_strdup (source_line);
  scene->line = source_line ? step + 3 : 0;
  scene->refcount = 1;
  scene->stats.thresholds[0] = 700;
  scene->stats.thresholds[1] = 10;
  scene->stats.thresholds[2] = 10;
  scene->stats.counts[0] = 7;
  scene->stats.collecting = -1;
  return scene;
}

static guint
add_node (ViewScene *scene, ViewNodeKind kind, const char *type, const char *title, gint gen,
          gint64 refcnt, guint flags)
{
  ViewNode *node;

  scene->nodes = g_renew (ViewNode, scene->nodes, scene->n_nodes + 1);
  node = &scene->nodes[scene->n_nodes];
  memset (node, 0, sizeof *node);
  node->id = 100 + scene->n_nodes;
  node->kind = kind;
  node->flags = flags;
  node->type_name = g_strdup (type);
  node->title = g_strdup (title ? title : type);
  node->addr = kind == VIEW_NODE_FRAME ? 0 : 0x7f3a1c2e4000 + 0x40 * scene->n_nodes;
  node->refcnt = kind == VIEW_NODE_FRAME ? -1 : refcnt;
  node->gen = gen;
  node->cycle = -1;
  node->garbage_gen = -1;
  node->gc_refs = -1;
  return scene->n_nodes++;
}

static ViewNode *
node_at (ViewScene *scene, guint i)
{
  return &scene->nodes[i];
}

/* A slot; with target >= 0 and no inline value, also its arrow. */
static void
add_slot (ViewScene *scene, guint from, const char *label, const char *value, gint target,
          guint8 change, guint edge_flags)
{
  ViewNode *node = &scene->nodes[from];
  ViewSlot *slot;

  node->slots = g_renew (ViewSlot, node->slots, node->n_slots + 1);
  slot = &node->slots[node->n_slots];
  memset (slot, 0, sizeof *slot);
  slot->label = g_strdup (label);
  slot->inline_value = g_strdup (value);
  slot->target_node = value ? -1 : target;
  slot->slot_kind = node->kind == VIEW_NODE_FRAME ? TRACE_SLOT_NAME : TRACE_SLOT_INDEX;
  slot->change = change;
  if (change == VIEW_CHANGE_REMOVED)
    edge_flags |= VIEW_EDGE_REMOVED;
  if (change == VIEW_CHANGE_ADDED)
    edge_flags |= VIEW_EDGE_NEW;
  if (!value && target >= 0)
    {
      scene->edges = g_renew (ViewEdge, scene->edges, scene->n_edges + 1);
      scene->edges[scene->n_edges++] = (ViewEdge){ from, node->n_slots, (guint) target, edge_flags };
    }
  node->n_slots++;
}

static void
add_cycle (ViewScene *scene, const guint *members, guint n, guint outside, gboolean garbage)
{
  ViewCycle *cycle;

  scene->cycles = g_renew (ViewCycle, scene->cycles, scene->n_cycles + 1);
  cycle = &scene->cycles[scene->n_cycles];
  cycle->n_members = n;
  cycle->members = g_memdup2 (members, n * sizeof (guint));
  cycle->n_outside_referrers = outside;
  cycle->garbage = garbage;
  for (guint i = 0; i < n; i++)
    scene->nodes[members[i]].cycle = (gint) scene->n_cycles;
  scene->n_cycles++;
}


/* Columns of cards, top to bottom in each, at the measured sizes. */
static ViewLayout *
grid_layout (const ViewScene *scene, const guint *columns)
{
  ViewSizes *sizes = view_card_measure (scene);
  ViewLayout *layout = g_new0 (ViewLayout, 1);
  double x = 0, col_y[8] = { 0 }, col_w[8] = { 0 }, col_x[8];

  layout->n_nodes = scene->n_nodes;
  layout->ids = g_new (guint64, scene->n_nodes);
  layout->boxes = g_new (ViewBox, scene->n_nodes);
  layout->refcount = 1;
  for (guint i = 0; i < scene->n_nodes; i++)
    col_w[columns[i]] = MAX (col_w[columns[i]], sizes->widths[i]);
  for (guint c = 0; c < 8; c++)
    {
      col_x[c] = x;
      x += col_w[c] > 0 ? col_w[c] + 90 : 0;
    }
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      guint c = columns[i];

      layout->ids[i] = scene->nodes[i].id;
      layout->boxes[i] = (ViewBox){ col_x[c], col_y[c], sizes->widths[i], sizes->heights[i] };
      col_y[c] += sizes->heights[i] + 40;
      layout->bounds.width = MAX (layout->bounds.width, col_x[c] + sizes->widths[i]);
      layout->bounds.height = MAX (layout->bounds.height, col_y[c] - 40);
    }
  view_sizes_free (sizes);
  return layout;
}


/* The lesson of cycles, drawn by hand: a pair of Nodes that is garbage after
 * del, a list and dict in a cycle kept alive by a name, a ghost, a shared
 * int, a collapsed big list. */
enum
{
  N_FRAME,
  N_A,
  N_B,
  N_LIST,
  N_DICT,
  N_INT,
  N_GHOST,
  N_BIG,
  N_COUNT
};

static ViewScene *
sample_scene (void)
{
  ViewScene *scene = scene_new (6, "del b");
  static const guint pair[] = { N_A, N_B }, ring[] = { N_LIST, N_DICT };

  add_node (scene, VIEW_NODE_FRAME, "frame", "Global frame", -1, -1, 0);
  add_node (scene, VIEW_NODE_OBJECT, "Node", NULL, 0, 1, VIEW_NODE_GARBAGE);
  add_node (scene, VIEW_NODE_OBJECT, "Node", NULL, 0, 1, VIEW_NODE_GARBAGE);
  add_node (scene, VIEW_NODE_OBJECT, "list", NULL, 0, 2, VIEW_NODE_NEW);
  add_node (scene, VIEW_NODE_OBJECT, "dict", NULL, 1, 1, 0);
  add_node (scene, VIEW_NODE_ATOM, "int", NULL, -1, 2, 0);
  add_node (scene, VIEW_NODE_GHOST, "list", NULL, 0, 0, 0);
  add_node (scene, VIEW_NODE_OBJECT, "list", "list · 100,000,000 items", 2, 1, VIEW_NODE_SUMMARY);

  node_at (scene, N_B)->refcnt_delta = -1;
  node_at (scene, N_A)->garbage_gen = 0;
  node_at (scene, N_B)->garbage_gen = 0;
  node_at (scene, N_LIST)->refcnt_delta = 2;
  node_at (scene, N_INT)->value = g_strdup ("1000");
  node_at (scene, N_GHOST)->ghost_cause = g_strdup ("freed: refcount 0");
  node_at (scene, N_GHOST)->ghost_age = 1;
  node_at (scene, N_BIG)->hidden_slots = 99999994;
  node_at (scene, N_BIG)->hidden_text = g_strdup ("99,999,994 more int");

  add_slot (scene, N_FRAME, "gc", "<module 'gc'>", -1, 0, 0);
  add_slot (scene, N_FRAME, "Node", "<class 'Node'>", -1, 0, 0);
  add_slot (scene, N_FRAME, "b", NULL, N_B, VIEW_CHANGE_REMOVED, 0);
  add_slot (scene, N_FRAME, "x", NULL, N_LIST, VIEW_CHANGE_ADDED, VIEW_EDGE_INTO_CYCLE);
  add_slot (scene, N_FRAME, "big", NULL, N_BIG, 0, 0);
  add_slot (scene, N_A, "partner", NULL, N_B, 0, VIEW_EDGE_IN_CYCLE);
  add_slot (scene, N_B, "partner", NULL, N_A, 0, VIEW_EDGE_IN_CYCLE);
  add_slot (scene, N_LIST, "0", "1", -1, 0, 0);
  add_slot (scene, N_LIST, "1", "'abc'", -1, 0, 0);
  add_slot (scene, N_LIST, "2", NULL, N_DICT, VIEW_CHANGE_ADDED, VIEW_EDGE_IN_CYCLE);
  add_slot (scene, N_LIST, "3", NULL, N_INT, 0, 0);
  add_slot (scene, N_DICT, "'owner'", NULL, N_LIST, 0, VIEW_EDGE_IN_CYCLE);
  add_slot (scene, N_DICT, "'n'", "None", -1, 0, 0);
  add_slot (scene, N_DICT, "'名字'", "'内存管理'", -1, 0, 0);
  for (guint i = 0; i < 6; i++)
    {
      char label[16];

      g_snprintf (label, sizeof label, "%u", i < 3 ? i : 99999997 + i - 3);
      add_slot (scene, N_BIG, label, "0", -1, 0, 0);
    }
  add_cycle (scene, pair, 2, 0, TRUE);
  add_cycle (scene, ring, 2, 1, FALSE);
  return scene;
}

static const guint sample_columns[N_COUNT] = {
  [N_FRAME] = 0, [N_A] = 1, [N_B] = 1, [N_LIST] = 2, [N_DICT] = 3,
  [N_INT] = 3, [N_GHOST] = 0, [N_BIG] = 2,
};

/* Pixels. */

typedef struct
{
  cairo_surface_t *surface;
  double scale;
} Picture;

static Picture
render (const ViewScene *scene, const ViewLayout *layout, const ViewPaintOptions *options,
        double scale)
{
  double w, h;
  cairo_t *cr;
  Picture p;

  view_paint_extent (scene, layout, options, &w, &h);
  p.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w * scale),
                                          (int) ceil (h * scale));
  p.scale = scale;
  cr = cairo_create (p.surface);
  cairo_scale (cr, scale, scale);
  view_paint (cr, scene, layout, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (p.surface);
  return p;
}

/* The colour at drawing point (x, y). */
static ViewRgba
pixel (Picture *p, double x, double y)
{
  int px = (int) floor (x * p->scale), py = (int) floor (y * p->scale);
  unsigned char *data = cairo_image_surface_get_data (p->surface);
  int stride = cairo_image_surface_get_stride (p->surface);
  guint32 v;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (p->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (p->surface));
  v = *(guint32 *) (data + py * stride + px * 4);
  return (ViewRgba){ (v >> 16 & 0xff) / 255.0, (v >> 8 & 0xff) / 255.0, (v & 0xff) / 255.0,
                     (v >> 24 & 0xff) / 255.0 };
}

static gboolean
same_colour (ViewRgba a, ViewRgba b)
{
  return fabs (a.r - b.r) < 2.5 / 255 && fabs (a.g - b.g) < 2.5 / 255
         && fabs (a.b - b.b) < 2.5 / 255;
}

static void
assert_colour (ViewRgba got, ViewRgba want, const char *what)
{
  if (!same_colour (got, want))
    g_error ("%s: got #%02x%02x%02x, expected #%02x%02x%02x", what, (int) round (got.r * 255),
             (int) round (got.g * 255), (int) round (got.b * 255), (int) round (want.r * 255),
             (int) round (want.g * 255), (int) round (want.b * 255));
}

/* Where the pictures go to be looked at, or NULL. */
static const char *
sample_dir (void)
{
  const char *dir = g_getenv ("REFSCOPE_RENDER_OUT");

  if (dir && *dir)
    {
      g_mkdir_with_parents (dir, 0755);
      return dir;
    }
  return NULL;
}

static void
save_sample (const ViewScene *scene, const ViewLayout *layout, const ViewPaintOptions *options,
             const char *name, double scale)
{
  const char *dir = sample_dir ();
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (view_export (scene, layout, options, VIEW_EXPORT_PNG, scale, NULL, path, &error));
  g_assert_no_error (error);
}

/* Tests. */

static char *
temp_dir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("refscope-render-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  g_chmod (dir, 0755);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

static guint
count_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  return n;
}

static void
test_export_png (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  g_autofree char *dir = temp_dir ();
  double w, h;

  view_paint_extent (scene, layout, NULL, &w, &h);
  g_assert_cmpfloat (w, >, 300);
  g_assert_cmpfloat (h, >, 200);
  for (int scale = 1; scale <= 2; scale++)
    {
      g_autofree char *path = g_strdup_printf ("%s/step-%d.PNG", dir, scale);
      g_autofree char *bytes = NULL;
      gsize length;
      GError *error = NULL;
      cairo_surface_t *image;

      g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_PNG, scale, NULL, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
      image = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) ceil (w * scale));
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) ceil (h * scale));
      cairo_surface_destroy (image);
    }
  /* Only the two pictures: no temporary file left behind. */
  g_assert_cmpuint (count_entries (dir), ==, 2);
  remove_dir (dir);
}

static void
test_export_vector (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  g_autofree char *dir = temp_dir ();
  g_autofree char *svg = g_build_filename (dir, "step.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "step.pdf", NULL);
  g_autofree char *dot = g_build_filename (dir, "step.dot", NULL);
  g_autofree char *bytes = NULL;
  const char *source = "digraph scene {\n  n100 -> n101;\n}\n";
  GError *error = NULL;
  gsize length;
  double w, h;
  g_autofree char *width_attr = NULL;

  g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_SVG, 1, NULL, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &bytes, &length, NULL));
  g_assert_true (g_str_has_prefix (bytes, "<?xml"));
  g_assert_nonnull (strstr (bytes, "<svg"));
  /* In points, the drawing's own size. */
  view_paint_extent (scene, layout, NULL, &w, &h);
  width_attr = g_strdup_printf ("width=\"%gpt\"", w);
  g_assert_nonnull (strstr (bytes, width_attr));
  g_clear_pointer (&bytes, g_free);

  g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_PDF, 1, NULL, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
  g_assert_cmpmem (bytes + length - 6, 6, "%%EOF\n", 6);
  g_clear_pointer (&bytes, g_free);

  g_assert_true (view_export (NULL, NULL, NULL, VIEW_EXPORT_DOT, 1, source, dot, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (dot, &bytes, &length, NULL));
  g_assert_cmpstr (bytes, ==, source);
  g_assert_false (view_export (NULL, NULL, NULL, VIEW_EXPORT_DOT, 1, NULL, dot, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);

  g_assert_cmpuint (count_entries (dir), ==, 3);
  remove_dir (dir);
}

static void
test_format_from_path (void)
{
  static const struct
  {
    const char *path;
    gboolean ok;
    ViewExportFormat format;
  } cases[] = {
    { "a.png", TRUE, VIEW_EXPORT_PNG },   { "/x/Step.PNG", TRUE, VIEW_EXPORT_PNG },
    { "a.svg", TRUE, VIEW_EXPORT_SVG },   { "a.SvG", TRUE, VIEW_EXPORT_SVG },
    { "a.pdf", TRUE, VIEW_EXPORT_PDF },   { "a.dot", TRUE, VIEW_EXPORT_DOT },
    { "a.gv", TRUE, VIEW_EXPORT_DOT },    { "a.jpg", FALSE, 0 },
    { "png", FALSE, 0 },                  { "dir/.png", FALSE, 0 },
    { "a.png.txt", FALSE, 0 },            { "", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ViewExportFormat format = 99;

      g_assert_cmpint (view_export_format_from_path (cases[i].path, &format), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (format, ==, cases[i].format);
    }
  g_assert_false (view_export_format_from_path (NULL, NULL));
}

static void
test_colours (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);

  for (ViewTheme theme = VIEW_THEME_LIGHT; theme <= VIEW_THEME_DARK; theme++)
    {
      const ViewPalette *pal = view_palette_get (theme);
      ViewPaintOptions options;
      ViewBox list, dict, garbage;
      Picture p;
      guint dashes = 0, blank = 0;

      view_paint_options_init (&options);
      options.theme = theme;
      p = render (scene, layout, &options, 1);
      g_assert_true (view_paint_node_rect (scene, layout, &options, N_LIST, &list));
      g_assert_true (view_paint_node_rect (scene, layout, &options, N_DICT, &dict));
      g_assert_true (view_paint_node_rect (scene, layout, &options, N_A, &garbage));

      /* The generation bands: 0 for the list, 1 for the dict. */
      assert_colour (pixel (&p, list.x + 3, list.y + list.height / 2), pal->gen[0], "gen 0 band");
      assert_colour (pixel (&p, dict.x + 3, dict.y + dict.height / 2), pal->gen[1], "gen 1 band");
      /* Garbage: its own fill (left of the labels), a dashed outline in the
       * garbage colour along the top (the header between the dashes), the
       * band still its generation. */
      assert_colour (pixel (&p, garbage.x + BAND_WIDTH + 3, garbage.y + garbage.height / 2),
                     pal->garbage_fill, "garbage fill");
      assert_colour (pixel (&p, garbage.x + 3, garbage.y + garbage.height / 2), pal->gen[0],
                     "garbage band");
      for (double x = garbage.x + 12; x < garbage.x + garbage.width - 12; x++)
        {
          ViewRgba c = pixel (&p, x, garbage.y + 1.5);

          dashes += same_colour (c, pal->garbage);
          blank += same_colour (c, pal->card_header);
        }
      g_assert_cmpuint (dashes, >, 10);
      g_assert_cmpuint (blank, >, 5);
      assert_colour (pixel (&p, 2, 2), pal->background, "background");
      cairo_surface_destroy (p.surface);
    }
}

static void
test_dark_theme (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  ViewPaintOptions options;
  Picture light, dark;
  ViewRgba a, b;

  view_paint_options_init (&options);
  light = render (scene, layout, &options, 1);
  options.theme = VIEW_THEME_DARK;
  dark = render (scene, layout, &options, 1);
  a = pixel (&light, 3, 3);
  b = pixel (&dark, 3, 3);
  assert_colour (a, view_palette_get (VIEW_THEME_LIGHT)->background, "light background");
  assert_colour (b, view_palette_get (VIEW_THEME_DARK)->background, "dark background");
  /* Dark means dark, and the text stays readable on it. */
  g_assert_cmpfloat (a.r + a.g + a.b, >, 2.5);
  g_assert_cmpfloat (b.r + b.g + b.b, <, 0.6);
  g_assert_cmpfloat (view_palette_get (VIEW_THEME_DARK)->text.g, >, 0.8);
  cairo_surface_destroy (light.surface);
  cairo_surface_destroy (dark.surface);
  save_sample (scene, layout, NULL, "sample-light.png", 1);
  save_sample (scene, layout, &options, "sample-dark.png", 1);
  options.theme = VIEW_THEME_LIGHT;
  save_sample (scene, layout, &options, "sample-light-2x.png", 2);
  if (sample_dir ())
    {
      g_autofree char *pdf = g_build_filename (sample_dir (), "sample.pdf", NULL);
      g_autofree char *svg = g_build_filename (sample_dir (), "sample.svg", NULL);

      g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_PDF, 1, NULL, pdf, NULL));
      g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_SVG, 1, NULL, svg, NULL));
    }
}

static void
test_selection (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  const ViewPalette *pal = view_palette_get (VIEW_THEME_LIGHT);
  ViewPaintOptions options;
  ViewBox dict, big;
  Picture p;

  view_paint_options_init (&options);
  options.selected = scene->nodes[N_DICT].id;
  options.hovered = scene->nodes[N_BIG].id;
  p = render (scene, layout, &options, 1);
  view_paint_node_rect (scene, layout, &options, N_DICT, &dict);
  view_paint_node_rect (scene, layout, &options, N_BIG, &big);
  /* A ring just outside the card: the selection's colour, the hover's. */
  assert_colour (pixel (&p, dict.x + dict.width / 2, dict.y - 2.5), pal->selection, "selected");
  assert_colour (pixel (&p, big.x + big.width / 2, big.y + big.height + 2.5), pal->hover, "hovered");
  cairo_surface_destroy (p.surface);
  save_sample (scene, layout, &options, "sample-selected.png", 2);
}

/* A cycle is outlined by one hull around its members when they stand
 * together, and by a halo around each when another card stands between
 * them (a hull would take that card in). */
/* An arrow to a card two columns away, with a card in between at its
 * height, goes around that card: the card looks the same with or without
 * the arrow, and the arrow is still drawn. */
static ViewScene *
detour_scene (gboolean far_arrow)
{
  ViewScene *scene = scene_new (3, "x = 1");
  guint frame = add_node (scene, VIEW_NODE_FRAME, "frame", "Global frame", -1, 0, 0);
  guint middle = add_node (scene, VIEW_NODE_OBJECT, "Node", NULL, 0, 2, 0);
  guint far = add_node (scene, VIEW_NODE_OBJECT, "Node", NULL, 0, 2, 0);

  add_slot (scene, frame, "a", NULL, (gint) middle, 0, 0);
  add_slot (scene, frame, "b", far_arrow ? NULL : "1", (gint) far, 0, 0);
  add_slot (scene, middle, "partner", "None", -1, 0, 0);
  add_slot (scene, far, "partner", "None", -1, 0, 0);
  return scene;
}

static void
test_arrows_go_around_cards (void)
{
  static const guint columns[] = { 0, 1, 2 };
  g_autoptr (ViewScene) with = detour_scene (TRUE);
  g_autoptr (ViewScene) without = detour_scene (FALSE);
  g_autoptr (ViewLayout) layout = grid_layout (with, columns);
  Picture a = render (with, layout, NULL, 2), b = render (without, layout, NULL, 2);
  ViewBox middle, frame, far;
  guint64 differ = 0;
  int width = cairo_image_surface_get_width (a.surface);
  int height = cairo_image_surface_get_height (a.surface);
  int stride = cairo_image_surface_get_stride (a.surface);
  const guint8 *pa = cairo_image_surface_get_data (a.surface);
  const guint8 *pb = cairo_image_surface_get_data (b.surface);

  g_assert_true (view_paint_node_rect (with, layout, NULL, 0, &frame));
  g_assert_true (view_paint_node_rect (with, layout, NULL, 1, &middle));
  g_assert_true (view_paint_node_rect (with, layout, NULL, 2, &far));
  /* The straight way would cross the middle card. */
  g_assert_cmpfloat (middle.y, <, frame.y + frame.height);
  g_assert_cmpfloat (far.y, <, middle.y + middle.height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p = ((const guint32 *) (pa + (gsize) y * stride))[x];
        guint32 q = ((const guint32 *) (pb + (gsize) y * stride))[x];
        double dx = (x + 0.5) / 2, dy = (y + 0.5) / 2;
        gboolean in_middle = dx >= middle.x - 1 && dx <= middle.x + middle.width + 1
                             && dy >= middle.y - 1 && dy <= middle.y + middle.height + 1;

        if (p == q)
          continue;
        if (in_middle)
          g_error ("the arrow to the far card crosses the middle one at (%.1f, %.1f)", dx, dy);
        /* Between the frame and the far card, not inside them. */
        if (dx > frame.x + frame.width && dx < far.x)
          differ++;
      }
  g_assert_cmpuint (differ, >, 200);
  cairo_surface_destroy (a.surface);
  cairo_surface_destroy (b.surface);
}

static void
test_cycle_outline (void)
{
  const ViewPalette *pal = view_palette_get (VIEW_THEME_LIGHT);
  ViewRgba colour = view_palette_cycle (pal, 0);
  ViewRgba tint = {
    pal->background.r + (colour.r - pal->background.r) * 0.16,
    pal->background.g + (colour.g - pal->background.g) * 0.16,
    pal->background.b + (colour.b - pal->background.b) * 0.16, 1
  };

  for (int apart = 0; apart <= 1; apart++)
    {
      g_autoptr (ViewScene) scene = scene_new (1, NULL);
      g_autoptr (ViewLayout) layout = NULL;
      static const guint members[] = { 0, 2 };
      const guint columns[] = { 0, apart ? 0 : 1, 0 };
      ViewBox a, x;
      Picture p;

      add_node (scene, VIEW_NODE_OBJECT, "Node", NULL, 0, 1, 0);
      add_node (scene, VIEW_NODE_OBJECT, "list", NULL, 0, 1, 0);
      add_node (scene, VIEW_NODE_OBJECT, "Node", NULL, 0, 1, 0);
      add_slot (scene, 0, "next", NULL, 2, 0, VIEW_EDGE_IN_CYCLE);
      add_slot (scene, 2, "next", NULL, 0, 0, VIEW_EDGE_IN_CYCLE);
      add_slot (scene, 1, "0", "1", -1, 0, 0);
      add_cycle (scene, members, 2, 0, TRUE);
      layout = grid_layout (scene, columns);
      p = render (scene, layout, NULL, 1);
      view_paint_node_rect (scene, layout, NULL, 0, &a);
      view_paint_node_rect (scene, layout, NULL, 1, &x);
      if (apart)
        /* Beside the card between them: no tint, as it is not a member. */
        assert_colour (pixel (&p, x.x - 6, x.y + x.height / 2), pal->background, "halos");
      else
        /* Between the two members: inside the hull. */
        assert_colour (pixel (&p, a.x + 3, a.y + a.height + 8), tint, "hull");
      cairo_surface_destroy (p.surface);
    }
}

/* The first and last columns, on row y, that are not the background. */
static void
ink_span (Picture *p, double y, double from, double to, ViewRgba background, double *first,
          double *last)
{
  *first = *last = -1;
  for (double x = from; x < to; x += 1)
    if (!same_colour (pixel (p, x, y), background))
      {
        if (*first < 0)
          *first = x;
        *last = x;
      }
}

static void
test_measure_is_paint (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  ViewSizes *sizes = view_card_measure (scene);
  const ViewPalette *pal = view_palette_get (VIEW_THEME_LIGHT);
  Picture p = render (scene, layout, NULL, 1);

  g_assert_cmpuint (sizes->n_nodes, ==, scene->n_nodes);
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      ViewBox rect;

      g_assert_true (view_paint_node_rect (scene, layout, NULL, i, &rect));
      g_assert_cmpfloat (rect.width, ==, sizes->widths[i]);
      g_assert_cmpfloat (rect.height, ==, sizes->heights[i]);
      g_assert_cmpfloat (sizes->widths[i], >=, 100);
      g_assert_cmpfloat (sizes->heights[i], >=, 20);
    }
  /* And the pixels agree: on a line through their headers, the frame and
   * the dict (no arrow ends there) are inked exactly over their boxes. */
  for (guint k = 0; k < 2; k++)
    {
      guint i = k == 0 ? N_FRAME : N_BIG;
      ViewBox rect;
      double first, last;

      view_paint_node_rect (scene, layout, NULL, i, &rect);
      ink_span (&p, rect.y + rect.height - 4, rect.x - 10, rect.x + rect.width + 10,
                pal->background, &first, &last);
      g_assert_cmpfloat (fabs (first - rect.x), <=, 1);
      g_assert_cmpfloat (fabs (last - (rect.x + rect.width - 1)), <=, 1);
    }
  /* A bigger card for a longer value. */
  {
    g_autoptr (ViewScene) wider = sample_scene ();
    ViewSizes *more;

    g_free (wider->nodes[N_DICT].slots[1].inline_value);
    wider->nodes[N_DICT].slots[1].inline_value = g_strdup ("'a rather longer string value'");
    more = view_card_measure (wider);
    g_assert_cmpfloat (more->widths[N_DICT], >, sizes->widths[N_DICT] + 50);
    g_assert_cmpfloat (more->heights[N_DICT], ==, sizes->heights[N_DICT]);
    view_sizes_free (more);
  }
  view_sizes_free (sizes);
  cairo_surface_destroy (p.surface);
}

static gpointer
measure_thread (gpointer data)
{
  const ViewScene *scene = data;
  ViewSizes *sizes = NULL;

  for (int i = 0; i < 20; i++)
    {
      view_sizes_free (sizes);
      sizes = view_card_measure (scene);
    }
  return sizes;
}

static void
test_measure_threads (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  ViewSizes *here = view_card_measure (scene);
  GThread *threads[2];

  for (int t = 0; t < 2; t++)
    threads[t] = g_thread_new ("measure", measure_thread, scene);
  for (int t = 0; t < 2; t++)
    {
      ViewSizes *there = g_thread_join (threads[t]);

      for (guint i = 0; i < scene->n_nodes; i++)
        {
          g_assert_cmpfloat (there->widths[i], ==, here->widths[i]);
          g_assert_cmpfloat (there->heights[i], ==, here->heights[i]);
        }
      view_sizes_free (there);
    }
  view_sizes_free (here);
}

static void
test_hit (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  ViewPaintOptions options;
  double w, h;

  view_paint_options_init (&options);
  for (int caption = 0; caption <= 1; caption++)
    {
      options.caption = caption;
      for (guint i = 0; i < scene->n_nodes; i++)
        {
          ViewBox r;

          g_assert_true (view_paint_node_rect (scene, layout, &options, i, &r));
          g_assert_cmpint (view_paint_hit_with (scene, layout, &options, r.x + r.width / 2,
                                                r.y + r.height / 2), ==, (gint) i);
          g_assert_cmpint (view_paint_hit_with (scene, layout, &options, r.x + 1, r.y + 1), ==,
                           (gint) i);
          if (caption)
            g_assert_cmpint (view_paint_hit (scene, layout, r.x + r.width - 1, r.y + r.height - 1),
                             ==, (gint) i);
        }
    }
  view_paint_extent (scene, layout, NULL, &w, &h);
  g_assert_cmpint (view_paint_hit (scene, layout, 1, 1), ==, -1);
  g_assert_cmpint (view_paint_hit (scene, layout, w - 1, h - 1), ==, -1);
  g_assert_cmpint (view_paint_hit (scene, NULL, 10, 10), ==, -1);
  /* Without a caption everything moves up, the hits with it. */
  {
    ViewBox with, without;

    options.caption = TRUE;
    view_paint_node_rect (scene, layout, &options, N_DICT, &with);
    options.caption = FALSE;
    view_paint_node_rect (scene, layout, &options, N_DICT, &without);
    g_assert_cmpfloat (without.y, <, with.y);
    g_assert_cmpfloat (without.x, ==, with.x);
  }
}

static void
test_animation (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  g_autoptr (ViewLayout) before = grid_layout (scene, sample_columns);
  ViewPaintOptions options;
  ViewBox start, middle, end, new_box;
  Picture p;

  /* Before: the dict stood 100 pt lower, the ghost was not there. */
  before->boxes[N_DICT].y += 100;
  before->ids[N_GHOST] = 999999;
  view_paint_options_init (&options);
  options.from = before;
  options.animation = 0;
  view_paint_node_rect (scene, layout, &options, N_DICT, &start);
  options.animation = 0.5;
  view_paint_node_rect (scene, layout, &options, N_DICT, &middle);
  options.animation = 1;
  view_paint_node_rect (scene, layout, &options, N_DICT, &end);
  g_assert_cmpfloat (fabs (start.y - (end.y + 100)), <, 1e-9);
  g_assert_cmpfloat (fabs (middle.y - (end.y + 50)), <, 1e-9);
  g_assert_cmpfloat (middle.x, ==, end.x);

  /* The new node fades in: at 0 nothing of it is drawn. */
  options.animation = 0;
  view_paint_node_rect (scene, layout, &options, N_GHOST, &new_box);
  p = render (scene, layout, &options, 1);
  assert_colour (pixel (&p, new_box.x + new_box.width / 2, new_box.y + 3),
                 view_palette_get (VIEW_THEME_LIGHT)->background, "a node fading in, at 0");
  cairo_surface_destroy (p.surface);
  options.animation = 1;
  p = render (scene, layout, &options, 1);
  g_assert_false (same_colour (pixel (&p, new_box.x + new_box.width / 2, new_box.y + 3),
                               view_palette_get (VIEW_THEME_LIGHT)->background));
  cairo_surface_destroy (p.surface);
}

/* The drawing recorded, then replayed scaled into one image, as the canvas
 * rasterises it (text from a recording is laid out without hinting, so it
 * differs by shades from painting straight into an image at that scale). */
static Picture
render_recorded (const ViewScene *scene, const ViewLayout *layout,
                 const ViewPaintOptions *options, double scale)
{
  double w, h;
  cairo_surface_t *recording;
  cairo_t *cr;
  Picture p;

  view_paint_extent (scene, layout, options, &w, &h);
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR,
                                              &(cairo_rectangle_t){ 0, 0, w, h });
  cr = cairo_create (recording);
  view_paint (cr, scene, layout, options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  p.surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * scale),
                                          (int) ceil (h * scale));
  p.scale = scale;
  cr = cairo_create (p.surface);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (recording);
  cairo_surface_flush (p.surface);
  return p;
}

/* The PNG is painted and compressed in bands of rows on several threads:
 * decoded, it is the picture the canvas would show, band edges included
 * (a few pixels may differ by a shade where a long curve is rasterised in
 * two parts), in either theme and at a scale that is not a whole number. */
static void
test_export_png_bands (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "bands.png", NULL);
  ViewPaintOptions options;

  view_paint_options_init (&options);
  for (int t = 0; t < 2; t++)
    {
      const double scale = 6.3;
      GError *error = NULL;
      cairo_surface_t *image;
      Picture direct;
      int width, height, stride_a, stride_b;
      guint64 off = 0, far_off = 0;
      const guint8 *a, *b;

      options.theme = t == 0 ? VIEW_THEME_LIGHT : VIEW_THEME_DARK;
      g_assert_true (view_export (scene, layout, &options, VIEW_EXPORT_PNG, scale, NULL, path,
                                  &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      direct = render_recorded (scene, layout, &options, scale);
      width = cairo_image_surface_get_width (direct.surface);
      height = cairo_image_surface_get_height (direct.surface);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
      /* Several bands of about a megapixel each. */
      g_assert_cmpint ((gint64) width * height, >, 4 * 1024 * 1024);
      a = cairo_image_surface_get_data (image);
      b = cairo_image_surface_get_data (direct.surface);
      stride_a = cairo_image_surface_get_stride (image);
      stride_b = cairo_image_surface_get_stride (direct.surface);
      /* The last row and column may be only partly covered by the
       * drawing: the export fills them with the background. */
      for (int y = 0; y < height - 1; y++)
        for (int x = 0; x < width - 1; x++)
          {
            guint32 p = ((const guint32 *) (a + (gsize) y * stride_a))[x];
            guint32 q = ((const guint32 *) (b + (gsize) y * stride_b))[x];
            int most = 0;

            for (int shift = 0; shift < 24; shift += 8)
              most = MAX (most, ABS ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)));
            off += most > 0;
            far_off += most > 24;
          }
      /* There the drawing's background shows, not what a band left. */
      {
        ViewRgba bg = view_palette_get (options.theme)->background;
        guint32 want = ((guint32) round (bg.r * 255) << 16) | ((guint32) round (bg.g * 255) << 8)
                       | (guint32) round (bg.b * 255);

        for (int y = 0; y < height; y++)
          g_assert_cmphex (((const guint32 *) (a + (gsize) y * stride_a))[width - 1] & 0xffffff, ==,
                           want);
        for (int x = 0; x < width; x++)
          g_assert_cmphex (((const guint32 *) (a + (gsize) (height - 1) * stride_a))[x] & 0xffffff,
                           ==, want);
      }
      g_test_message ("theme %d: %d x %d, %" G_GUINT64_FORMAT " pixels differ, %" G_GUINT64_FORMAT
                      " by more than 24", t, width, height, off, far_off);
      g_assert_cmpuint (off, <=, (guint64) width * height / 100000);
      g_assert_cmpuint (far_off, <=, 8);
      cairo_surface_destroy (direct.surface);
      cairo_surface_destroy (image);
    }
  g_unlink (path);
  remove_dir (dir);
}

static void
test_refuse_scale (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.png", NULL);
  static const double bad[] = { 1000, 0, -2, NAN, INFINITY };
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (view_export (scene, layout, NULL, VIEW_EXPORT_PNG, bad[i], NULL, path, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
      g_assert_nonnull (strstr (error->message, "scale"));
      if (i == 0)
        {
          /* It says how far one can go, and that scale works. */
          const char *hint = strstr (error->message, "use a scale of ");
          double fits;

          g_test_message ("%s", error->message);
          g_assert_nonnull (hint);
          g_assert_nonnull (strstr (error->message, "32767"));
          fits = g_ascii_strtod (hint + strlen ("use a scale of "), NULL);
          g_assert_cmpfloat (fits, >, 1);
          g_assert_cmpfloat (fits, <, 1000);
          g_clear_error (&error);
          g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_PNG, MIN (fits, 4), NULL,
                                      path, &error));
          g_assert_no_error (error);
          g_unlink (path);
        }
      g_clear_error (&error);
    }
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_dir (dir);
}

static void
test_atomic (void)
{
  g_autoptr (ViewScene) scene = sample_scene ();
  g_autoptr (ViewLayout) layout = grid_layout (scene, sample_columns);
  g_autofree char *dir = temp_dir ();
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *target = g_build_filename (locked, "step.png", NULL);
  g_autofree char *blocked = g_build_filename (dir, "blocked.svg", NULL);
  g_autofree char *bytes = NULL;
  GError *error = NULL;

  /* Over a file that exists: replaced whole, nothing else left. */
  g_assert_cmpint (g_mkdir (locked, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_PNG, 1, NULL, target, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (target, &bytes, NULL, NULL));
  g_assert_cmpmem (bytes, 4, "\x89PNG", 4);
  g_assert_cmpuint (count_entries (locked), ==, 1);
  g_clear_pointer (&bytes, g_free);

  /* A folder that can't be written: a clear error, the old file intact. */
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_chmod (locked, 0555);
  if (access (locked, W_OK) == 0)
    g_test_message ("running with rights over read-only folders: skipping that case");
  else
    {
      for (ViewExportFormat f = VIEW_EXPORT_PNG; f <= VIEW_EXPORT_DOT; f++)
        {
          g_assert_false (view_export (scene, layout, NULL, f, 1, "digraph {}", target, &error));
          g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
          g_assert_nonnull (strstr (error->message, target));
          g_clear_error (&error);
        }
      g_assert_true (g_file_get_contents (target, &bytes, NULL, NULL));
      g_assert_cmpstr (bytes, ==, "old");
      g_clear_pointer (&bytes, g_free);
      g_assert_cmpuint (count_entries (locked), ==, 1);
    }
  g_chmod (locked, 0755);

  /* A folder that does not exist. */
  {
    g_autofree char *nowhere = g_build_filename (dir, "missing", "step.pdf", NULL);

    g_assert_false (view_export (scene, layout, NULL, VIEW_EXPORT_PDF, 1, NULL, nowhere, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_assert_nonnull (strstr (error->message, nowhere));
    g_clear_error (&error);
  }

  /* A target that can't be replaced (a folder): the rename fails, the
   * temporary file goes, the folder stays. */
  g_assert_cmpint (g_mkdir (blocked, 0755), ==, 0);
  g_assert_false (view_export (scene, layout, NULL, VIEW_EXPORT_SVG, 1, NULL, blocked, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "blocked.svg"));
  g_clear_error (&error);
  g_assert_true (g_file_test (blocked, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 2);
  remove_dir (dir);
}

/* A big scene (a tree of 3,000 lists, eight children each, laid out as a
 * sideways tree: leaves stacked, each parent level with its first child):
 * measured and painted whole, with the time it takes reported. */
static void
test_big_scene (void)
{
  g_autoptr (ViewScene) scene = scene_new (1, "tree = build(3000)");
  g_autoptr (ViewLayout) layout = g_new0 (ViewLayout, 1);
  const guint n = 3000, fan = 8;
  g_autoptr (ViewSizes) sizes = NULL;
  double leaf_y = 0;
  gint64 start;
  double measure_ms, paint_ms;
  Picture p;

  for (guint i = 0; i < n; i++)
    add_node (scene, VIEW_NODE_OBJECT, "list", NULL, i % 3, 1, i % 7 == 0 ? VIEW_NODE_NEW : 0);
  for (guint i = 1; i < n; i++)
    {
      char label[16];

      g_snprintf (label, sizeof label, "%u", (i - 1) % fan);
      add_slot (scene, (i - 1) / fan, label, NULL, (gint) i, 0, 0);
    }
  for (guint i = 0; i < n; i++)
    if (scene->nodes[i].n_slots == 0)
      add_slot (scene, i, "0", "'leaf'", -1, 0, 0);
  start = g_get_monotonic_time ();
  sizes = view_card_measure (scene);
  measure_ms = (g_get_monotonic_time () - start) / 1000.0;

  layout->n_nodes = n;
  layout->refcount = 1;
  layout->ids = g_new (guint64, n);
  layout->boxes = g_new (ViewBox, n);
  for (guint k = n; k-- > 0;)
    {
      guint depth = 0;
      ViewBox *box = &layout->boxes[k];

      for (guint j = k; j > 0; j = (j - 1) / fan)
        depth++;
      layout->ids[k] = scene->nodes[k].id;
      *box = (ViewBox){ depth * 200.0, 0, sizes->widths[k], sizes->heights[k] };
      if (k * fan + 1 < n)
        box->y = layout->boxes[k * fan + 1].y;
      else
        {
          box->y = leaf_y;
          leaf_y += box->height + 16;
        }
      layout->bounds.width = MAX (layout->bounds.width, box->x + box->width);
    }
  /* Leaves were stacked bottom-up: turn them over. */
  for (guint k = 0; k < n; k++)
    layout->boxes[k].y = leaf_y - layout->boxes[k].y - layout->boxes[k].height;
  layout->bounds.height = leaf_y;

  start = g_get_monotonic_time ();
  p = render (scene, layout, NULL, 0.1);
  paint_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("%u nodes: measured in %.0f ms, painted in %.0f ms", n, measure_ms, paint_ms);
  g_assert_cmpfloat (sizes->widths[n - 1], >, 0);
  cairo_surface_destroy (p.surface);
}

/* After step, the next step to paint: every one in short lessons, the
 * first dozen and then about a dozen more in long ones (loops). */
static guint
next_step (guint step, guint n_steps)
{
  if (step < 12 || n_steps <= 24 || step == n_steps)
    return step + 1;
  return MIN (n_steps, step + n_steps / 12);
}

/* The built-in lessons, every step: recorded, built, measured, laid out and
 * painted as the app and the command line will. */
static void
test_lessons (void)
{
  static const char *const lessons[] = {
    "01-small-ints-and-interning.py", "02-refcounts.py", "03-containers-hold-references.py",
    "04-del-frees-at-zero.py", "05-cycles-need-the-collector.py",
    "06-generations-and-thresholds.py", "07-globals-and-clear.py",
  };
  const char *dir = sample_dir ();
  guint painted = 0;

  for (guint l = 0; l < G_N_ELEMENTS (lessons); l++)
    {
      g_autofree char *path = trace_test_lesson_path (lessons[l]);
      g_autofree char *source = NULL;
      g_autoptr (TraceTimeline) timeline = NULL;
      g_autoptr (ViewLayout) layout = NULL;
      ViewSceneOptions scene_options;
      int status;
      guint n_steps;

      g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
      timeline = trace_test_record (source, 1024, &status);
      /* The last lesson ends in the error it teaches. */
      g_assert_cmpint (status, ==, l == 6 ? 1 : 0);
      n_steps = trace_timeline_n_steps (timeline);
      g_assert_cmpuint (n_steps, >, 2);
      view_scene_options_init (&scene_options);
      /* The first lesson is about shared atoms: draw them as nodes. */
      scene_options.show_cached = l == 0;
      for (guint step = 1; step <= n_steps; step = next_step (step, n_steps))
        {
          g_autoptr (ViewScene) scene
            = view_scene_build (timeline, step, step - 1, &scene_options);
          g_autoptr (ViewSizes) sizes = view_card_measure (scene);
          ViewLayout *next = view_layout_compute (scene, sizes, layout, VIEW_LAYOUT_AUTO);
          ViewPaintOptions options;
          Picture p;

          g_clear_pointer (&layout, view_layout_unref);
          layout = next;
          view_paint_options_init (&options);
          /* Every card is drawn exactly in its box. */
          for (guint i = 0; i < scene->n_nodes; i++)
            {
              ViewBox rect;
              const ViewBox *box = view_layout_find (layout, scene->nodes[i].id);

              g_assert_nonnull (box);
              g_assert_true (view_paint_node_rect (scene, layout, &options, i, &rect));
              g_assert_cmpfloat (rect.width, ==, sizes->widths[i]);
              g_assert_cmpfloat (rect.height, ==, sizes->heights[i]);
              g_assert_cmpfloat (fabs (rect.width - box->width), <, 1e-6);
              g_assert_cmpfloat (fabs (rect.height - box->height), <, 1e-6);
              g_assert_cmpint (view_paint_hit_with (scene, layout, &options, rect.x + rect.width / 2,
                                                    rect.y + rect.height / 2), ==, (gint) i);
            }
          p = render (scene, layout, &options, 1);
          assert_colour (pixel (&p, 2, 2), view_palette_get (VIEW_THEME_LIGHT)->background,
                         "lesson background");
          cairo_surface_destroy (p.surface);
          painted++;
          if (dir)
            {
              char name[64];

              g_snprintf (name, sizeof name, "lesson-%.2s-step-%02u.png", lessons[l], step);
              save_sample (scene, layout, &options, name, 1);
              if (step == n_steps)
                {
                  options.theme = VIEW_THEME_DARK;
                  g_snprintf (name, sizeof name, "lesson-%.2s-step-%02u-dark.png", lessons[l], step);
                  save_sample (scene, layout, &options, name, 1);
                }
            }
        }
    }
  g_test_message ("%u steps painted", painted);
}

/* A program with everything at once: a collapsed big list, a cycle kept
 * alive from outside that becomes garbage, a self-referencing dict, a
 * ghost. The garbage must be there, and drawn in the garbage colour. */
static const char showcase[] =
  "import gc\n"
  "\n"
  "class Node:\n"
  "    def __init__(self, name):\n"
  "        self.name = name\n"
  "        self.next = None\n"
  "\n"
  "big = list(range(1000))\n"
  "a = Node('a')\n"
  "b = Node('b')\n"
  "a.next = b\n"
  "b.next = a\n"
  "c = Node('c')\n"
  "c.next = a\n"
  "del c\n"
  "d = {'k': [1, 2, 3], 'self': None}\n"
  "d['self'] = d\n"
  "x = [a]\n"
  "del a, b\n"
  "t = (1, 'two', 3.0)\n"
  "del d\n"
  "x.pop()\n"
  "gc.collect()\n";

static void
test_showcase (void)
{
  g_autoptr (TraceTimeline) timeline = NULL;
  g_autoptr (ViewLayout) layout = NULL;
  const char *dir = sample_dir ();
  ViewSceneOptions scene_options;
  guint n_steps, garbage_steps = 0;
  int status;

  timeline = trace_test_record (showcase, 1024, &status);
  g_assert_cmpint (status, ==, 0);
  n_steps = trace_timeline_n_steps (timeline);
  view_scene_options_init (&scene_options);
  for (guint step = 1; step <= n_steps; step++)
    {
      g_autoptr (ViewScene) scene = view_scene_build (timeline, step, step - 1, &scene_options);
      g_autoptr (ViewSizes) sizes = view_card_measure (scene);
      ViewLayout *next = view_layout_compute (scene, sizes, layout, VIEW_LAYOUT_AUTO);
      const ViewPalette *pal = view_palette_get (VIEW_THEME_LIGHT);
      gint garbage = -1;

      g_clear_pointer (&layout, view_layout_unref);
      layout = next;
      for (guint i = 0; i < scene->n_nodes && garbage < 0; i++)
        if (scene->nodes[i].kind == VIEW_NODE_OBJECT && (scene->nodes[i].flags & VIEW_NODE_GARBAGE))
          garbage = (gint) i;
      if (garbage >= 0)
        {
          Picture p = render (scene, layout, NULL, 1);
          ViewBox rect;
          guint dashes = 0;

          view_paint_node_rect (scene, layout, NULL, garbage, &rect);
          for (double y = rect.y + 8; y < rect.y + rect.height - 8; y++)
            dashes += same_colour (pixel (&p, rect.x + rect.width - 1.5, y), pal->garbage);
          g_assert_cmpuint (dashes, >, 5);
          cairo_surface_destroy (p.surface);
          garbage_steps++;
        }
      if (dir)
        {
          char name[64];
          ViewPaintOptions options;

          view_paint_options_init (&options);
          g_snprintf (name, sizeof name, "showcase-step-%02u.png", step);
          save_sample (scene, layout, &options, name, 1);
          options.theme = VIEW_THEME_DARK;
          g_snprintf (name, sizeof name, "showcase-step-%02u-dark.png", step);
          save_sample (scene, layout, &options, name, 1);
          {
            /* As a slide would be made: laid out afresh. */
            g_autoptr (ViewLayout) fresh = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_AUTO);

            options.theme = VIEW_THEME_LIGHT;
            g_snprintf (name, sizeof name, "showcase-step-%02u-fresh.png", step);
            save_sample (scene, fresh, &options, name, 1);
          }
        }
    }
  /* After del d, and after x.pop() until the collection. */
  g_assert_cmpuint (garbage_steps, >=, 2);
}

/* Lesson 05's last step, built and laid out in the current language, written
 * to path as a PNG; its picture's size in *width and *height. */
static ViewScene *
lesson_05_end (const char *path, double *width, double *height)
{
  g_autofree char *lesson = trace_test_lesson_path ("05-cycles-need-the-collector.py");
  g_autofree char *source = NULL;
  g_autoptr (TraceTimeline) timeline = NULL;
  g_autoptr (ViewSizes) sizes = NULL;
  g_autoptr (ViewLayout) layout = NULL;
  ViewSceneOptions scene_options;
  ViewScene *scene;
  GError *error = NULL;
  guint n_steps;
  int status;

  g_assert_true (g_file_get_contents (lesson, &source, NULL, NULL));
  timeline = trace_test_record (source, 1024, &status);
  g_assert_cmpint (status, ==, 0);
  n_steps = trace_timeline_n_steps (timeline);
  view_scene_options_init (&scene_options);
  scene = view_scene_build (timeline, n_steps, n_steps - 1, &scene_options);
  sizes = view_card_measure (scene);
  layout = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_AUTO);
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      ViewBox rect;

      g_assert_true (view_paint_node_rect (scene, layout, NULL, i, &rect));
      g_assert_cmpfloat (rect.width, ==, sizes->widths[i]);
      g_assert_cmpfloat (rect.height, ==, sizes->heights[i]);
    }
  view_paint_extent (scene, layout, NULL, width, height);
  g_assert_true (view_export (scene, layout, NULL, VIEW_EXPORT_PNG, 1, NULL, path, &error));
  g_assert_no_error (error);
  return scene;
}

static gint
frame_node (const ViewScene *scene)
{
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind == VIEW_NODE_FRAME)
      return (gint) i;
  return -1;
}

/* The picture in Chinese, as the app draws it once it has set the locale:
 * the labels come from the catalogue the build compiled (the test is
 * skipped without it), while a program that sets no locale, as the command
 * line, keeps drawing in English. Both pictures are left in the build tree
 * to be looked at. */
static void
test_translated (void)
{
  const char *build = g_getenv ("REFSCOPE_BUILD_ROOT");
  g_autofree char *locale_dir = build != NULL ? g_build_filename (build, "po", NULL)
                                              : g_test_build_filename (G_TEST_BUILT, "..", "..",
                                                                       "po", NULL);
  g_autofree char *catalogue
    = g_build_filename (locale_dir, "zh_CN", "LC_MESSAGES", "refscope.mo", NULL);
  g_autofree char *english_png = g_test_build_filename (G_TEST_BUILT, "lesson-05-end.png", NULL);
  g_autofree char *chinese_png
    = g_test_build_filename (G_TEST_BUILT, "lesson-05-end-zh_CN.png", NULL);
  g_autoptr (ViewScene) english = NULL;
  g_autoptr (ViewScene) chinese = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  const char *global_frame, *legend_cycle;
  double ew, eh, cw, ch;
  guint translated_ghosts = 0;
  gint ef, cf;

  if (!g_file_test (catalogue, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no compiled zh_CN catalogue in the build tree");
      return;
    }
  bindtextdomain ("refscope", locale_dir);
  bind_textdomain_codeset ("refscope", "UTF-8");

  /* Bound, LANGUAGE set (by main) but no locale: English, as refscope-cli
   * draws. */
  english = lesson_05_end (english_png, &ew, &eh);
  g_assert_cmpstr (g_dgettext ("refscope", "reference cycle"), ==, "reference cycle");

  /* With the locale set, as the app's main does. */
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("no C.UTF-8 locale");
      goto out;
    }
  global_frame = g_dgettext ("refscope", "Global frame");
  legend_cycle = g_dgettext ("refscope", "reference cycle");
  g_assert_cmpstr (global_frame, !=, "Global frame");
  g_assert_cmpstr (legend_cycle, !=, "reference cycle");
  chinese = lesson_05_end (chinese_png, &cw, &ch);

  /* The same scene, named in Chinese: frames and ghosts by the scene, the
   * rest by the painter, whose picture is therefore another. */
  g_assert_cmpuint (chinese->n_nodes, ==, english->n_nodes);
  ef = frame_node (english);
  cf = frame_node (chinese);
  g_assert_cmpint (ef, >=, 0);
  g_assert_cmpint (cf, ==, ef);
  g_assert_cmpstr (english->nodes[ef].title, ==, "Global frame");
  g_assert_cmpstr (chinese->nodes[cf].title, ==, global_frame);
  for (guint i = 0; i < chinese->n_nodes; i++)
    if (chinese->nodes[i].kind == VIEW_NODE_GHOST)
      {
        g_assert_true (g_str_has_prefix (english->nodes[i].ghost_cause, "collected by generation"));
        g_assert_cmpstr (chinese->nodes[i].ghost_cause, !=, english->nodes[i].ghost_cause);
        g_assert_true (g_utf8_validate (chinese->nodes[i].ghost_cause, -1, NULL));
        translated_ghosts++;
      }
  g_assert_cmpuint (translated_ghosts, >, 0);
  g_assert_true (ew != cw || eh != ch);

out:
  /* Back to English for the tests after this one. */
  setlocale (LC_ALL, old_locale != NULL ? old_locale : "C");
  g_assert_cmpstr (g_dgettext ("refscope", "reference cycle"), ==, "reference cycle");
}

int
main (int argc, char **argv)
{
  /* For /render/translated, set before any thread runs. gettext ignores it
   * until a locale is set, which only that test does (and undoes), so
   * every other test draws in English. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/export/png", test_export_png);
  g_test_add_func ("/render/export/png-bands", test_export_png_bands);
  g_test_add_func ("/render/export/vector", test_export_vector);
  g_test_add_func ("/render/export/format", test_format_from_path);
  g_test_add_func ("/render/export/refuse-scale", test_refuse_scale);
  g_test_add_func ("/render/export/atomic", test_atomic);
  g_test_add_func ("/render/colours", test_colours);
  g_test_add_func ("/render/dark-theme", test_dark_theme);
  g_test_add_func ("/render/measure-is-paint", test_measure_is_paint);
  g_test_add_func ("/render/measure-threads", test_measure_threads);
  g_test_add_func ("/render/hit", test_hit);
  g_test_add_func ("/render/selection", test_selection);
  g_test_add_func ("/render/cycle-outline", test_cycle_outline);
  g_test_add_func ("/render/arrows-go-around-cards", test_arrows_go_around_cards);
  g_test_add_func ("/render/animation", test_animation);
  g_test_add_func ("/render/lessons", test_lessons);
  g_test_add_func ("/render/showcase", test_showcase);
  g_test_add_func ("/render/big-scene", test_big_scene);
  g_test_add_func ("/render/translated", test_translated);
  return g_test_run ();
}
