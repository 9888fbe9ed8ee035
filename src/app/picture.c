/* picture.c: a step painted into a recording, and rasters of it. */
#include "picture.h"

RefscopePicture *
refscope_picture_new (ViewScene *scene, ViewLayout *layout, ViewTheme theme)
{
  RefscopePicture *self = g_new0 (RefscopePicture, 1);
  cairo_t *cr;

  self->refcount = 1;
  self->scene = view_scene_ref (scene);
  self->layout = view_layout_ref (layout);
  view_paint_options_init (&self->options);
  self->options.theme = theme;
  view_paint_extent (scene, layout, &self->options, &self->width, &self->height);
  self->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (self->recording);
  view_paint (cr, scene, layout, &self->options);
  cairo_destroy (cr);
  return self;
}

RefscopePicture *
refscope_picture_ref (RefscopePicture *self)
{
  g_atomic_int_inc (&self->refcount);
  return self;
}

void
refscope_picture_unref (RefscopePicture *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->refcount))
    return;
  cairo_surface_destroy (self->recording);
  view_scene_unref (self->scene);
  view_layout_unref (self->layout);
  g_free (self);
}

GdkTexture *
refscope_picture_raster (RefscopePicture *self, double zoom, double x, double y, int width,
                         int height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (GBytes) bytes = NULL;
  GdkTexture *texture;
  int stride;

  width = MAX (width, 1);
  height = MAX (height, 1);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -x, -y);
  cairo_set_source_surface (cr, self->recording, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * (gsize) height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
  return texture;
}
