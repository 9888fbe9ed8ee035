/* export.c: the drawing written to PNG, SVG or PDF, and the scene's DOT
 * source, each through a temporary file in the target's folder that is
 * renamed over it only once complete, so a failure never leaves half a
 * file or clobbers the one that was there. */
#include "export-png.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cairo's image surfaces stop at 32767 pixels a side, and the PNG is
 * painted in bands as wide as the picture (any height); past a hundred
 * million pixels an export is a mistake rather than a slide. */
#define MAX_SIDE 32767.0
#define MAX_PIXELS 100e6

static const struct
{
  const char *extension;
  ViewExportFormat format;
} extensions[] = {
  { ".png", VIEW_EXPORT_PNG },
  { ".svg", VIEW_EXPORT_SVG },
  { ".pdf", VIEW_EXPORT_PDF },
  { ".dot", VIEW_EXPORT_DOT },
  { ".gv", VIEW_EXPORT_DOT },
};

gboolean
view_export_format_from_path (const char *path, ViewExportFormat *format)
{
  gsize length;

  if (path == NULL)
    return FALSE;
  length = strlen (path);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize n = strlen (extensions[i].extension);

      if (length > n && g_ascii_strcasecmp (path + length - n, extensions[i].extension) == 0
          && path[length - n - 1] != '/')
        {
          *format = extensions[i].format;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  const char *path;
  char *temp;
  int fd;
  int error;            /* errno of the first failed write */
} Output;

static gboolean
output_open (Output *out, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  out->path = path;
  out->error = 0;
  out->temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  out->fd = g_mkstemp (out->temp);
  if (out->fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "can't write '%s': can't create a file in '%s': %s", path, dir,
                   g_strerror (saved));
      g_clear_pointer (&out->temp, g_free);
      return FALSE;
    }
  /* mkstemp makes the file private; an image is an ordinary document. */
  fchmod (out->fd, 0644);
  return TRUE;
}

static gboolean
output_write (Output *out, const void *bytes, gsize length)
{
  const char *p = bytes;

  while (length > 0 && out->error == 0)
    {
      ssize_t n = write (out->fd, p, length);

      if (n < 0 && errno != EINTR)
        out->error = errno;
      else if (n > 0)
        {
          p += n;
          length -= (gsize) n;
        }
    }
  return out->error == 0;
}

static cairo_status_t
output_cairo_write (void *closure, const unsigned char *data, unsigned int length)
{
  return output_write (closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Completes the file and puts it in place, or removes it. status is what
 * cairo said of the writing (success for DOT). */
static gboolean
output_close (Output *out, cairo_status_t status, GError **error)
{
  gboolean ok;

  /* On disk before it replaces anything, so a crash leaves the old file or
   * the new one, never a part. */
  if (out->error == 0 && status == CAIRO_STATUS_SUCCESS && fsync (out->fd) != 0)
    out->error = errno;
  if (close (out->fd) != 0 && out->error == 0)
    out->error = errno;
  if (out->error == 0 && status == CAIRO_STATUS_SUCCESS && g_rename (out->temp, out->path) != 0)
    out->error = errno;
  ok = out->error == 0 && status == CAIRO_STATUS_SUCCESS;
  if (!ok)
    {
      g_unlink (out->temp);
      if (out->error != 0)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (out->error),
                     "can't write '%s': %s", out->path, g_strerror (out->error));
      else
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "can't write '%s': %s", out->path,
                     cairo_status_to_string (status));
    }
  g_clear_pointer (&out->temp, g_free);
  return ok;
}

/* The largest scale at which a width x height drawing fits, rounded down
 * to something one would type. */
static double
largest_scale (double width, double height)
{
  double fit = MAX_SIDE / width;

  fit = MIN (fit, sqrt (MAX_PIXELS / (width * height)));
  if (fit >= 1)
    return floor (fit * 10) / 10;
  return floor (fit * 100) / 100;
}

static gboolean
output_png_write (void *closure, const void *bytes, gsize length)
{
  return output_write (closure, bytes, length);
}

static gboolean
export_png (const ViewScene *scene, const ViewLayout *layout, const ViewPaintOptions *options,
            double scale, const char *path, GError **error)
{
  double width, height, pw, ph;
  GError *failure = NULL;
  Output out;

  view_paint_extent (scene, layout, options, &width, &height);
  pw = ceil (width * scale);
  ph = ceil (height * scale);
  if (pw > MAX_SIDE || pw * ph > MAX_PIXELS)
    {
      double fits = largest_scale (width, height);
      g_autofree char *advice = fits > 0 ? g_strdup_printf ("use a scale of %g or less, or SVG "
                                                            "or PDF", fits)
                                         : g_strdup ("use SVG or PDF");

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "can't write '%s': a PNG of %.0f × %.0f pixels (scale %g) is too large, the "
                   "most is %.0f pixels wide and %.0f million in all; %s",
                   path, pw, ph, scale, MAX_SIDE, MAX_PIXELS / 1e6, advice);
      return FALSE;
    }
  if (!output_open (&out, path, error))
    return FALSE;
  if (!export_png_write (scene, layout, options, scale, (int) pw, (int) ph, output_png_write, &out,
                         &failure)
      && failure != NULL)
    {
      output_close (&out, CAIRO_STATUS_WRITE_ERROR, NULL);
      g_set_error (error, G_FILE_ERROR, failure->code, "can't write '%s': %s", path,
                   failure->message);
      g_error_free (failure);
      return FALSE;
    }
  /* A failed write is in out.error, and output_close reports it. */
  return output_close (&out, CAIRO_STATUS_SUCCESS, error);
}

static gboolean
export_vector (const ViewScene *scene, const ViewLayout *layout, const ViewPaintOptions *options,
               ViewExportFormat format, const char *path, GError **error)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Output out;

  view_paint_extent (scene, layout, options, &width, &height);
  if (!output_open (&out, path, error))
    return FALSE;
  if (format == VIEW_EXPORT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (output_cairo_write, &out, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    }
  else
    {
      char title[64];

      surface = cairo_pdf_surface_create_for_stream (output_cairo_write, &out, width, height);
      g_snprintf (title, sizeof title, "Refscope, step %u", scene->step);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Refscope");
    }
  cr = cairo_create (surface);
  view_paint (cr, scene, layout, options);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return output_close (&out, status, error);
}

gboolean
view_export (const ViewScene *scene, const ViewLayout *layout, const ViewPaintOptions *options,
             ViewExportFormat format, double scale, const char *dot_source, const char *path,
             GError **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == VIEW_EXPORT_DOT)
    {
      Output out;

      if (dot_source == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "can't write '%s': no DOT source was given", path);
          return FALSE;
        }
      if (!output_open (&out, path, error))
        return FALSE;
      output_write (&out, dot_source, strlen (dot_source));
      return output_close (&out, CAIRO_STATUS_SUCCESS, error);
    }
  g_return_val_if_fail (scene != NULL, FALSE);
  if (format == VIEW_EXPORT_PNG)
    {
      if (!(scale > 0) || !isfinite (scale))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "can't write '%s': the scale must be a positive number, not %g", path, scale);
          return FALSE;
        }
      return export_png (scene, layout, options, scale, path, error);
    }
  return export_vector (scene, layout, options, format, path, error);
}
