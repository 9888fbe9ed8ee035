/* painter-text.c: the painter's fonts, one Pango font map and context per
 * thread (Pango's are not to be shared between threads), and the two things
 * done with them: measuring a string and drawing it on a baseline. Most
 * strings are ASCII in a monospace font (addresses, values, labels): those
 * are measured by counting and drawn from a table of glyphs; the others go
 * through Pango, their widths and shapes kept for the next time. */
#include "painter-private.h"

#include <string.h>

/* Family lists: the GNOME fonts first, then whatever the system calls
 * Sans and Monospace. Sizes are points at 72 dpi, so 1 pt = 1 unit. */
static const char *const font_names[PAINTER_N_FONTS] = {
  [PAINTER_FONT_TITLE] = "Cantarell, Sans Bold 13",
  [PAINTER_FONT_SMALL] = "Cantarell, Sans 11",
  [PAINTER_FONT_SMALL_BOLD] = "Cantarell, Sans Bold 10.5",
  [PAINTER_FONT_MONO] = "Source Code Pro, Monospace 12",
  [PAINTER_FONT_MONO_SMALL] = "Source Code Pro, Monospace 10",
  [PAINTER_FONT_ITALIC] = "Cantarell, Sans Italic 11",
  [PAINTER_FONT_CAPTION] = "Cantarell, Sans Bold 15",
  [PAINTER_FONT_CAPTION_MONO] = "Source Code Pro, Monospace 14",
};

/* Past this many strings a cache starts again: scenes repeat few. */
#define CACHE_LIMIT 4096

#define N_ASCII 95

static void
text_free (gpointer data)
{
  PainterText *text = data;

  for (guint i = 0; i < PAINTER_N_FONTS; i++)
    {
      pango_font_description_free (text->fonts[i]);
      if (text->ascii[i].font)
        cairo_scaled_font_destroy (text->ascii[i].font);
      g_hash_table_unref (text->widths[i]);
      g_hash_table_unref (text->shaped[i]);
    }
  g_object_unref (text->layout);
  g_object_unref (text->context);
  g_object_unref (text->map);
  g_free (text);
}

static GPrivate text_key = G_PRIVATE_INIT (text_free);

static gboolean
is_mono (PainterFont font)
{
  return font == PAINTER_FONT_MONO || font == PAINTER_FONT_MONO_SMALL
         || font == PAINTER_FONT_CAPTION_MONO;
}

/* s is printable ASCII, and how long it is; FALSE otherwise. */
static gboolean
ascii_length (const char *s, gsize *length)
{
  gsize n = 0;

  while (s[n] >= 0x20 && s[n] < 0x7f)
    n++;
  *length = n;
  return s[n] == '\0';
}

/* Shapes every printable ASCII character at once; when Pango gives one run
 * in one font, a glyph per character, all of the same advance and none
 * moved (a monospace font without ligatures), the table is kept and
 * drawing needs Pango no more for such strings. */
static void
ascii_glyphs_init (PainterText *text, PainterFont font)
{
  char all[N_ASCII + 1];
  PangoLayoutLine *line;
  PangoGlyphItem *run;
  PangoGlyphString *glyphs;
  int width;

  for (int c = 0; c < N_ASCII; c++)
    all[c] = (char) (0x20 + c);
  all[N_ASCII] = '\0';
  pango_layout_set_font_description (text->layout, text->fonts[font]);
  pango_layout_set_text (text->layout, all, -1);
  line = pango_layout_get_line_readonly (text->layout, 0);
  if (line == NULL || line->runs == NULL || line->runs->next != NULL)
    return;
  run = line->runs->data;
  glyphs = run->glyphs;
  if (glyphs->num_glyphs != N_ASCII)
    return;
  width = glyphs->glyphs[0].geometry.width;
  for (int c = 0; c < N_ASCII; c++)
    {
      const PangoGlyphInfo *g = &glyphs->glyphs[c];

      if (g->geometry.width != width || g->geometry.x_offset != 0 || g->geometry.y_offset != 0
          || glyphs->log_clusters[c] != c || (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
        return;
      text->ascii[font].glyphs[c] = g->glyph;
    }
  text->ascii[font].font
    = cairo_scaled_font_reference (pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font)));
  text->advance[font] = width / (double) PANGO_SCALE;
}

static double
layout_width (PainterText *text, PainterFont font, const char *s)
{
  PangoRectangle logical;

  pango_layout_set_font_description (text->layout, text->fonts[font]);
  pango_layout_set_text (text->layout, s, -1);
  pango_layout_get_extents (text->layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

PainterText *
painter_text_get (void)
{
  PainterText *text = g_private_get (&text_key);
  cairo_font_options_t *options;
  PangoLanguage *language = pango_language_from_string ("en");

  if (text != NULL)
    return text;
  text = g_new0 (PainterText, 1);
  text->map = pango_cairo_font_map_new ();
  text->context = pango_font_map_create_context (text->map);
  pango_cairo_context_set_resolution (text->context, 72.0);
  /* Unhinted metrics and unrounded positions: a card measured here is the
   * card drawn at 100 %, at 300 % and in a PDF. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (text->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (text->context, FALSE);
  pango_context_set_language (text->context, language);
  text->layout = pango_layout_new (text->context);
  for (guint i = 0; i < PAINTER_N_FONTS; i++)
    {
      PangoFontMetrics *metrics;

      text->fonts[i] = pango_font_description_from_string (font_names[i]);
      metrics = pango_context_get_metrics (text->context, text->fonts[i], language);
      text->ascent[i] = pango_font_metrics_get_ascent (metrics) / (double) PANGO_SCALE;
      text->height[i]
        = text->ascent[i] + pango_font_metrics_get_descent (metrics) / (double) PANGO_SCALE;
      pango_font_metrics_unref (metrics);
      if (is_mono (i))
        ascii_glyphs_init (text, i);
      text->widths[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      text->shaped[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    }
  g_private_set (&text_key, text);
  return text;
}

double
painter_text_width (PainterText *text, PainterFont font, const char *s)
{
  GHashTable *cache = text->widths[font];
  double *width;
  gsize n;

  if (text->ascii[font].font && ascii_length (s, &n))
    return n * text->advance[font];
  width = g_hash_table_lookup (cache, s);
  if (width)
    return *width;
  if (g_hash_table_size (cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (cache);
  width = g_new (double, 1);
  *width = layout_width (text, font, s);
  g_hash_table_insert (cache, g_strdup (s), width);
  return *width;
}

void
painter_text_draw (cairo_t *cr, PainterText *text, PainterFont font, const char *s, double x,
                   double baseline)
{
  const PainterAsciiGlyphs *ascii = &text->ascii[font];
  GHashTable *cache = text->shaped[font];
  PangoLayout *layout;
  gsize n;

  if (ascii->font && ascii_length (s, &n))
    {
      cairo_glyph_t stack[128];
      cairo_glyph_t *glyphs = n <= G_N_ELEMENTS (stack) ? stack : g_new (cairo_glyph_t, n);

      for (gsize i = 0; i < n; i++)
        glyphs[i] = (cairo_glyph_t){ ascii->glyphs[s[i] - 0x20], x + i * text->advance[font],
                                     baseline };
      cairo_set_scaled_font (cr, ascii->font);
      cairo_show_glyphs (cr, glyphs, (int) n);
      if (glyphs != stack)
        g_free (glyphs);
      return;
    }
  layout = g_hash_table_lookup (cache, s);
  if (layout == NULL)
    {
      if (g_hash_table_size (cache) >= CACHE_LIMIT)
        g_hash_table_remove_all (cache);
      layout = pango_layout_new (text->context);
      pango_layout_set_font_description (layout, text->fonts[font]);
      pango_layout_set_text (layout, s, -1);
      g_hash_table_insert (cache, g_strdup (s), layout);
    }
  cairo_move_to (cr, x, baseline - pango_layout_get_baseline (layout) / (double) PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

void
painter_text_clip (char *buf, gsize size, const char *s, guint max_chars)
{
  static const char ellipsis[] = "…";
  static const char newline[] = "⏎";
  g_autofree char *valid = NULL;
  gsize used = 0;
  guint chars = 0;

  g_assert (size > sizeof ellipsis);
  if (s == NULL)
    s = "";
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);
  while (*s != '\0')
    {
      const char *next = g_utf8_next_char (s);
      const char *piece = s;
      gsize n = (gsize) (next - s);

      if (*s == '\n' || *s == '\r')
        {
          piece = newline;
          n = sizeof newline - 1;
        }
      if (chars == max_chars || used + n + sizeof ellipsis > size)
        {
          memcpy (buf + used, ellipsis, sizeof ellipsis);
          return;
        }
      memcpy (buf + used, piece, n);
      used += n;
      chars++;
      s = next;
    }
  buf[used] = '\0';
}
