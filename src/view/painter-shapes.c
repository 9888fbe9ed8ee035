/* painter-shapes.c: the small shapes cards, edges and the legend share:
 * rounded rectangles, text pills and the hatching of untracked objects;
 * and colours faded toward the background. */
#include "painter-private.h"

#include <math.h>

#define PILL_PAD_X 5.0
#define PILL_PAD_Y 2.0

void
painter_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  painter_rounded_rect_corners (cr, x, y, w, h, r, r, r, r);
}

void
painter_rounded_rect_corners (cairo_t *cr, double x, double y, double w, double h, double tl,
                              double tr, double br, double bl)
{
  double limit = MIN (w, h) / 2;

  tl = MIN (tl, limit);
  tr = MIN (tr, limit);
  br = MIN (br, limit);
  bl = MIN (bl, limit);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - tr, y + tr, tr, -G_PI / 2, 0);
  cairo_arc (cr, x + w - br, y + h - br, br, 0, G_PI / 2);
  cairo_arc (cr, x + bl, y + h - bl, bl, G_PI / 2, G_PI);
  cairo_arc (cr, x + tl, y + tl, tl, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

double
painter_pill_width (PainterText *text, const char *s)
{
  return painter_text_width (text, PAINTER_FONT_SMALL_BOLD, s) + 2 * PILL_PAD_X;
}

void
painter_pill_draw (cairo_t *cr, PainterText *text, const char *s, double x, double baseline,
                   ViewRgba fill, ViewRgba ink)
{
  double ascent = text->ascent[PAINTER_FONT_SMALL_BOLD];
  double height = text->height[PAINTER_FONT_SMALL_BOLD] + 2 * PILL_PAD_Y;
  double width = painter_pill_width (text, s);

  painter_rounded_rect (cr, x, baseline - ascent - PILL_PAD_Y, width, height, height / 2);
  view_rgba_set (cr, fill);
  cairo_fill (cr);
  view_rgba_set (cr, ink);
  painter_text_draw (cr, text, PAINTER_FONT_SMALL_BOLD, s, x + PILL_PAD_X, baseline);
}

void
painter_hatch (cairo_t *cr, double x, double y, double w, double h, ViewRgba ink)
{
  const double step = 5.0;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  for (double d = -w; d < h; d += step)
    {
      cairo_move_to (cr, x, y + d + w);
      cairo_line_to (cr, x + w, y + d);
    }
  cairo_set_line_width (cr, 1.6);
  view_rgba_set (cr, ink);
  cairo_stroke (cr);
  cairo_restore (cr);
}

ViewRgba
painter_faded (const PainterState *state, ViewRgba colour)
{
  const ViewRgba *bg = &state->palette->background;
  double f = state->fade;

  if (f >= 1)
    return colour;
  return (ViewRgba){ bg->r + (colour.r - bg->r) * f, bg->g + (colour.g - bg->g) * f,
                     bg->b + (colour.b - bg->b) * f, colour.a };
}

void
painter_ink (cairo_t *cr, const PainterState *state, ViewRgba colour)
{
  view_rgba_set (cr, painter_faded (state, colour));
}

void
painter_ink_alpha (cairo_t *cr, const PainterState *state, ViewRgba colour, double alpha)
{
  view_rgba_set_alpha (cr, painter_faded (state, colour), alpha);
}
