/* export-png.h: the PNG encoder behind view_export, private to the view. */
#pragma once

#include "painter.h"

/* Takes length bytes of the file; FALSE stops the export (the callback
 * keeps the reason). */
typedef gboolean (*ExportPngWrite) (void *closure, const void *bytes, gsize length);

/* Paints scene at layout scaled by scale into a pixel_width x pixel_height
 * PNG (pixel_width at most 32767) and hands its bytes to write, in order,
 * from the calling thread. FALSE if the drawing or memory failed (error
 * set) or write returned FALSE (error not set: write knows why). */
gboolean export_png_write (const ViewScene *scene, const ViewLayout *layout,
                           const ViewPaintOptions *options, double scale, int pixel_width,
                           int pixel_height, ExportPngWrite write, void *closure,
                           GError **error);
