/* picture.h: one step drawn once. The painter records the scene into a
 * cairo recording surface off the main thread; the canvas then turns any
 * part of it, at any zoom, into a texture, also off the main thread, and
 * its snapshot only places textures. */
#pragma once

#include "painter.h"

#include <gdk/gdk.h>

typedef struct
{
  ViewScene *scene;
  ViewLayout *layout;
  ViewPaintOptions options;     /* selection and hover excluded: the canvas overlays them */
  cairo_surface_t *recording;
  double width, height;         /* the drawing's extent, in points */
  gint refcount;
} RefscopePicture;

/* Paints scene at layout (both referenced). Any thread. */
RefscopePicture *refscope_picture_new (ViewScene *scene, ViewLayout *layout, ViewTheme theme);
RefscopePicture *refscope_picture_ref (RefscopePicture *self);
void refscope_picture_unref (RefscopePicture *self);

/* The part of the drawing whose top-left is (x, y), at zoom (pixels per
 * point), as a texture of width x height pixels. Any thread, one call at a
 * time per picture. */
GdkTexture *refscope_picture_raster (RefscopePicture *self, double zoom, double x, double y,
                                     int width, int height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopePicture, refscope_picture_unref)
