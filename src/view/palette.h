/* palette.h: the painter's colours, in a light and a dark variant, built on
 * the Okabe–Ito set so that no two meanings rely on a red/green contrast. */
#pragma once

#include "painter.h"

typedef struct
{
  double r, g, b, a;
} ViewRgba;

#define VIEW_PALETTE_N_CYCLES 4

typedef struct
{
  ViewRgba background;
  ViewRgba text;
  ViewRgba text_muted;
  ViewRgba card_fill;
  ViewRgba card_header;      /* objects */
  ViewRgba atom_header;      /* shared ints and strs */
  ViewRgba card_border;
  ViewRgba frame_fill;
  ViewRgba frame_header;
  ViewRgba frame_border;
  ViewRgba cell_fill;        /* a slot's value cell */
  ViewRgba cell_border;
  ViewRgba edge;
  ViewRgba gen[4];           /* generations 0, 1, 2 and the permanent one */
  ViewRgba untracked;        /* the hatching of untracked objects' band */
  ViewRgba garbage;          /* outline and tag of garbage */
  ViewRgba garbage_fill;
  ViewRgba ghost;
  ViewRgba changed;          /* new objects and references, refcount deltas */
  ViewRgba changed_text;     /* text on the changed colour */
  ViewRgba removed;
  ViewRgba selection;
  ViewRgba hover;
  ViewRgba match;
  ViewRgba region;           /* the cached-and-interned region */
  ViewRgba cycle[VIEW_PALETTE_N_CYCLES];
} ViewPalette;

const ViewPalette *view_palette_get (ViewTheme theme);

/* The colour of cycle index (cycles share colours beyond the first few). */
ViewRgba view_palette_cycle (const ViewPalette *palette, gint cycle);

/* The colour of generation gen (0-2, 3 permanent); untracked for others. */
ViewRgba view_palette_gen (const ViewPalette *palette, gint gen);

void view_rgba_set (cairo_t *cr, ViewRgba colour);
void view_rgba_set_alpha (cairo_t *cr, ViewRgba colour, double alpha);
