/* painter.h: the one painter. It measures cards (so the layout knows their
 * sizes) and draws a laid-out scene with cairo and Pango: the canvas
 * replays it, and PNG, SVG and PDF exports use it unchanged. */
#pragma once

#include "layout.h"

#include <cairo.h>

typedef enum
{
  VIEW_THEME_LIGHT,
  VIEW_THEME_DARK,
} ViewTheme;

typedef struct
{
  ViewTheme theme;
  gboolean legend;          /* the key of colours and marks, bottom left */
  gboolean caption;         /* the step's statement and number, top */
  guint64 selected;         /* id of the selected node, 0: none */
  guint64 hovered;
  double animation;         /* 0..1 between from and the layout, for transitions (1) */
  const ViewLayout *from;   /* positions at animation 0, or NULL */
} ViewPaintOptions;

void view_paint_options_init (ViewPaintOptions *options);

/* Measures every node's card: sizes->widths[i] x heights[i] is exactly the
 * card view_paint draws for node i (both come from one geometry function).
 * Thread-safe: each thread measures with a Pango font map of its own. Free
 * with view_sizes_free. */
ViewSizes *view_card_measure (const ViewScene *scene);

/* Draws scene at layout into cr, in points, from (0,0) to view_paint_extent:
 * the theme's background, the caption (top), the layout's bounds with a
 * margin around them, and the legend (bottom). Each node's card is drawn
 * centred in its box (filling it when the layout used view_card_measure's
 * sizes); nodes the layout has no box for are not drawn. options may be
 * NULL for the defaults. When options->from is set, positions move from
 * from's to layout's by options->animation, and nodes absent from from fade
 * in. */
void view_paint (cairo_t *cr, const ViewScene *scene, const ViewLayout *layout,
                 const ViewPaintOptions *options);
void view_paint_extent (const ViewScene *scene, const ViewLayout *layout,
                        const ViewPaintOptions *options, double *width, double *height);

/* The rectangle node index's card is drawn in (drawing coordinates); FALSE
 * if the layout has no box for it. */
gboolean view_paint_node_rect (const ViewScene *scene, const ViewLayout *layout,
                               const ViewPaintOptions *options, guint index, ViewBox *rect);

/* The node under point (x, y) in drawing coordinates, or -1: with the
 * default options (caption shown), or with options (the caption moves the
 * graph down; the final positions count, not an animation's). */
gint view_paint_hit (const ViewScene *scene, const ViewLayout *layout, double x, double y);
gint view_paint_hit_with (const ViewScene *scene, const ViewLayout *layout,
                          const ViewPaintOptions *options, double x, double y);

typedef enum
{
  VIEW_EXPORT_PNG,
  VIEW_EXPORT_SVG,
  VIEW_EXPORT_PDF,
  VIEW_EXPORT_DOT,
} ViewExportFormat;

/* The format a file name asks for by its extension (.png, .svg, .pdf, .dot
 * or .gv, in any case); FALSE if none. */
gboolean view_export_format_from_path (const char *path, ViewExportFormat *format);

/* Writes the whole drawing to path (atomically: a temporary file in the same
 * folder, renamed over path only once complete), scaled by scale (PNG only
 * changes pixels; vector formats keep points). For DOT, dot_source is the
 * text to write and the rest may be NULL. A PNG over 32767 pixels wide or
 * 100 million pixels in all is refused with an error that suggests a scale that fits.
 * FALSE with error set (G_FILE_ERROR; G_FILE_ERROR_INVAL for a bad scale). */
gboolean view_export (const ViewScene *scene, const ViewLayout *layout,
                      const ViewPaintOptions *options, ViewExportFormat format, double scale,
                      const char *dot_source, const char *path, GError **error);
