/* painter-private.h: what the painter's files share: the per-thread text
 * machinery, the one card geometry that measuring and drawing both use, and
 * the state of one paint. */
#pragma once

#include "painter.h"
#include "palette.h"

#include <pango/pangocairo.h>

typedef enum
{
  PAINTER_FONT_TITLE,       /* a card's type name, a frame's title */
  PAINTER_FONT_SMALL,       /* tags, footers, the legend */
  PAINTER_FONT_SMALL_BOLD,  /* pills */
  PAINTER_FONT_MONO,        /* slot labels and values */
  PAINTER_FONT_MONO_SMALL,  /* addresses */
  PAINTER_FONT_ITALIC,      /* "… 99,999,000 more" */
  PAINTER_FONT_CAPTION,
  PAINTER_FONT_CAPTION_MONO,
  PAINTER_N_FONTS
} PainterFont;

typedef struct
{
  cairo_scaled_font_t *font;  /* NULL: this font takes Pango's way */
  unsigned long glyphs[95];   /* of ' ' to '~' */
} PainterAsciiGlyphs;

typedef struct
{
  PangoFontMap *map;
  PangoContext *context;
  PangoLayout *layout;      /* reused for every string */
  PangoFontDescription *fonts[PAINTER_N_FONTS];
  double ascent[PAINTER_N_FONTS];
  double height[PAINTER_N_FONTS];
  double advance[PAINTER_N_FONTS]; /* of an ASCII character, monospace fonts only */
  PainterAsciiGlyphs ascii[PAINTER_N_FONTS];
  GHashTable *widths[PAINTER_N_FONTS]; /* string -> double *, for the other strings */
  GHashTable *shaped[PAINTER_N_FONTS]; /* string -> PangoLayout, to draw them again */
} PainterText;

/* This thread's text machinery: a font map and context of its own, at 72
 * dpi (a font size is in points) with hinting off, so that a string's width
 * is the same at every scale and on every surface. */
PainterText *painter_text_get (void);
double painter_text_width (PainterText *text, PainterFont font, const char *s);
/* Draws s with its baseline at y, in the current source. */
void painter_text_draw (cairo_t *cr, PainterText *text, PainterFont font, const char *s, double x,
                        double baseline);
/* Copies s into buf, cut to max_chars characters with "…", newlines shown
 * as "⏎". */
void painter_text_clip (char *buf, gsize size, const char *s, guint max_chars);

/* Layout constants (points). */
#define PAINTER_MARGIN 24.0      /* around the drawing */
#define PAINTER_GRAPH_PAD 30.0   /* around the layout's bounds: halos, labels, loops */
#define PAINTER_BAND 7.0         /* the generation band */
#define PAINTER_RADIUS 6.0

#define PAINTER_LABEL_CHARS 24
#define PAINTER_VALUE_CHARS 36
#define PAINTER_TITLE_CHARS 40

/* Where everything of one card goes, relative to its top-left corner. */
typedef struct
{
  double width, height;
  double header_height;
  double line1;             /* baselines of the header's two lines */
  double line2;
  double body_top;
  double row_height;
  double row_baseline;      /* from a row's top */
  double content_left;      /* right of the band */
  double label_width;       /* the label column; 0: none */
  double cell_left;         /* the value cells' left edge */
  guint n_rows;             /* slots plus the hidden-items row */
  guint gap;                /* the row of hidden items, or G_MAXUINT */
  double footer_top;
  guint n_footer;
  gboolean footer_garbage[3];
  char footer[3][160];
  char title[PAINTER_TITLE_CHARS * 4 + 8];
  char refcount[40];
  char delta[24];
  char address[40];
  char tags[96];
  char hidden[96];
} PainterCard;

/* The geometry of node's card: the one function view_card_measure and
 * view_paint both use. */
void painter_card_geometry (PainterText *text, const ViewNode *node, PainterCard *card);
/* The vertical centre of slot's row, and where its arrow starts. */
double painter_card_slot_y (const PainterCard *card, guint slot);
double painter_card_dot_x (const PainterCard *card);

/* One paint: the scene, its options, and every node's card and drawn
 * rectangle (drawing coordinates; width < 0 when the layout has none). */
typedef struct
{
  const ViewScene *scene;
  const ViewLayout *layout;
  const ViewPaintOptions *options; /* own_options */
  ViewPaintOptions own_options;
  const ViewPalette *palette;
  PainterText *text;
  PainterCard *cards;
  ViewBox *rects;
  double *alpha;
  double caption_width, caption_height;
  double legend_width, legend_height;
  double fade;              /* of what is being drawn: 1 opaque, 0 invisible */
  double width, height;     /* the whole drawing */
  double graph_x, graph_y;  /* where the layout's bounds' top-left is drawn */
} PainterState;

/* Prepares state (cards, rectangles, the drawing's extent); NULL options
 * means the defaults. painter_state_clear frees it. */
void painter_state_init (PainterState *state, const ViewScene *scene, const ViewLayout *layout,
                         const ViewPaintOptions *options);
void painter_state_clear (PainterState *state);

/* colour at the state's fade: mixed toward the background, which on an
 * opaque background is what drawing it at that alpha would give. */
ViewRgba painter_faded (const PainterState *state, ViewRgba colour);
void painter_ink (cairo_t *cr, const PainterState *state, ViewRgba colour);
void painter_ink_alpha (cairo_t *cr, const PainterState *state, ViewRgba colour, double alpha);

void painter_card_draw (cairo_t *cr, PainterState *state, guint node);

void painter_cycles_draw (cairo_t *cr, PainterState *state);
void painter_cycle_labels_draw (cairo_t *cr, PainterState *state);
void painter_edges_draw (cairo_t *cr, PainterState *state);
void painter_region_draw (cairo_t *cr, PainterState *state);

void painter_caption_size (PainterState *state, double *width, double *height);
void painter_caption_draw (cairo_t *cr, PainterState *state, double x, double y);
/* The legend's size when it wraps at max_width. */
void painter_legend_size (PainterState *state, double max_width, double *width, double *height);
void painter_legend_draw (cairo_t *cr, PainterState *state, double x, double y, double max_width);

/* Shapes. */
void painter_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r);
/* Each corner its own radius (0: square). */
void painter_rounded_rect_corners (cairo_t *cr, double x, double y, double w, double h, double tl,
                                   double tr, double br, double bl);
/* A pill with text (small bold) whose left edge is x and baseline y; returns its width. */
double painter_pill_width (PainterText *text, const char *s);
void painter_pill_draw (cairo_t *cr, PainterText *text, const char *s, double x, double baseline,
                        ViewRgba fill, ViewRgba ink);
void painter_hatch (cairo_t *cr, double x, double y, double w, double h, ViewRgba ink);
