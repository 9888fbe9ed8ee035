/* palette.c: the light and dark colour tables. Generations are one hue from
 * light to deep (they are ordered); cycles, garbage and change each take an
 * Okabe–Ito colour of their own, and every meaning also has a shape (band,
 * dashes, halo, badge) so that none depends on colour alone. */
#include "palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

static const ViewPalette light = {
  .background = RGB (0xffffff),
  .text = RGB (0x1f2328),
  .text_muted = RGB (0x5c636d),
  .card_fill = RGB (0xffffff),
  .card_header = RGB (0xdde8f4),
  .atom_header = RGB (0xf0e9d8),
  .card_border = RGB (0x6f7a86),
  .frame_fill = RGB (0xf0f3f6),
  .frame_header = RGB (0xe0e6ed),
  .frame_border = RGB (0xa3adb8),
  .cell_fill = RGB (0xffffff),
  .cell_border = RGB (0xc8d0d8),
  .edge = RGB (0x36404b),
  .gen = { RGB (0x56b4e9), RGB (0x0072b2), RGB (0x00365f), RGB (0x8470b0) },
  .untracked = RGB (0x9aa3ad),
  .garbage = RGB (0xd55e00),
  .garbage_fill = RGB (0xfdeee4),
  .ghost = RGB (0x8a929b),
  .changed = RGB (0xf0e442),
  .changed_text = RGB (0x1f2328),
  .removed = RGB (0x8a929b),
  .selection = RGB (0x0072b2),
  .hover = RGB (0x56b4e9),
  .match = RGB (0x0072b2),
  .region = RGB (0xf6f2e8),
  .cycle = { RGB (0xcc79a7), RGB (0xe69f00), RGB (0x009e73), RGB (0x6a3d9a) },
};

static const ViewPalette dark = {
  .background = RGB (0x1c1e22),
  .text = RGB (0xe8eaed),
  .text_muted = RGB (0xa3aab3),
  .card_fill = RGB (0x272a30),
  .card_header = RGB (0x2d4157),
  .atom_header = RGB (0x463f30),
  .card_border = RGB (0x8a94a0),
  .frame_fill = RGB (0x23262b),
  .frame_header = RGB (0x30363e),
  .frame_border = RGB (0x5c6570),
  .cell_fill = RGB (0x1e2126),
  .cell_border = RGB (0x4d5560),
  .edge = RGB (0xc9cfd6),
  .gen = { RGB (0xa8daf7), RGB (0x56b4e9), RGB (0x2a7fc4), RGB (0xab9dd8) },
  .untracked = RGB (0x7d8794),
  .garbage = RGB (0xff8c42),
  .garbage_fill = RGB (0x3b2a21),
  .ghost = RGB (0x808a96),
  .changed = RGB (0xf0e442),
  .changed_text = RGB (0x1c1e22),
  .removed = RGB (0x808a96),
  .selection = RGB (0x56b4e9),
  .hover = RGB (0xa8daf7),
  .match = RGB (0x56b4e9),
  .region = RGB (0x29271f),
  .cycle = { RGB (0xe49cc4), RGB (0xf5b73b), RGB (0x2fc59a), RGB (0xb89be8) },
};

const ViewPalette *
view_palette_get (ViewTheme theme)
{
  return theme == VIEW_THEME_DARK ? &dark : &light;
}

ViewRgba
view_palette_cycle (const ViewPalette *palette, gint cycle)
{
  if (cycle < 0)
    return palette->edge;
  return palette->cycle[cycle % VIEW_PALETTE_N_CYCLES];
}

ViewRgba
view_palette_gen (const ViewPalette *palette, gint gen)
{
  if (gen < 0 || gen > 3)
    return palette->untracked;
  return palette->gen[gen];
}

void
view_rgba_set (cairo_t *cr, ViewRgba colour)
{
  cairo_set_source_rgba (cr, colour.r, colour.g, colour.b, colour.a);
}

void
view_rgba_set_alpha (cairo_t *cr, ViewRgba colour, double alpha)
{
  cairo_set_source_rgba (cr, colour.r, colour.g, colour.b, colour.a * alpha);
}
