/* export-png.c: a PNG written in bands of rows, on every core, so that an
 * export takes a fraction of cairo_surface_write_to_png's time and its
 * memory does not grow with the picture.
 *
 * Each worker thread paints the drawing once into a cairo recording of its
 * own (one recording must not be replayed from two threads at once: cairo
 * keeps replay state in the surface), then takes bands in turn: it
 * rasterises the band from its recording, turns the rows into PNG scanlines
 * and deflates them as a stream of their own. The scanlines are RGB, as the
 * background is opaque, with the Up filter (Sub on a band's first row, so a
 * band needs nothing from the one above). A stream that ends in a sync flush
 * joins the next into one deflate stream, as pigz's pieces do, so the
 * writer only puts the bands' bytes in order into IDAT chunks and ends them
 * with the Adler-32 of the whole, combined from the bands'. */
#include "export-png.h"
#include "palette.h"

#include <math.h>
#include <string.h>
#include <zlib.h>

/* About a megapixel a band: small enough to stay in cache-friendly sizes
 * and to give two cores many bands to share, large enough that the
 * per-band costs (a flush, a cairo context) do not show. */
#define BAND_PIXELS (1024 * 1024)
/* Threads, one per core up to this; the writer is the calling thread. */
#define MAX_WORKERS 4
/* Rows painted above and below a band and then dropped: cairo leaves out
 * of a replay the glyphs and strokes whose recorded extents miss the
 * target, and antialiasing can reach a pixel or two past those extents. */
#define BAND_OVERLAP 16

typedef struct
{
  guint8 *bytes; /* the band's deflate stream */
  gsize length;
  guint32 adler; /* Adler-32 of its scanlines */
  gsize raw_length;
  gboolean ready;
} Band;

typedef struct
{
  const ViewScene *scene;
  const ViewLayout *layout;
  const ViewPaintOptions *options;
  double scale;
  double width, height;          /* the drawing's size in points */
  int pixel_width, pixel_height;
  int covered_width, covered_height;  /* pixels the drawing covers whole */
  int band_rows, n_bands, window;
  ViewRgba background;

  GMutex lock;
  GCond changed;
  int next_band;         /* the next band a worker takes */
  int taken;             /* bands the writer has taken */
  cairo_status_t status; /* the first drawing failure */
  gboolean no_memory;    /* zlib could not get memory */
  gboolean stop;
  Band *bands;
} Job;

static void
put_be32 (guint8 *p, guint32 v)
{
  p[0] = (guint8) (v >> 24);
  p[1] = (guint8) (v >> 16);
  p[2] = (guint8) (v >> 8);
  p[3] = (guint8) v;
}

/* The band's rows (below the overlap), xRGB in native words, as RGB
 * scanlines into raw: Sub for the first, Up (against the row above, in the
 * pixels themselves) for the rest. */
static void
filter_band (cairo_surface_t *image, int rows, int width, guint8 *raw)
{
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image) + BAND_OVERLAP * (gsize) stride;
  gsize row_bytes = 3 * (gsize) width;

  for (int r = 0; r < rows; r++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) r * stride);
      const guint32 *above = r > 0 ? (const guint32 *) (data + (gsize) (r - 1) * stride) : NULL;
      guint8 *out = raw + r * (row_bytes + 1);
      guint32 left = 0;

      out[0] = r == 0 ? 1 : 2;
      out++;
      for (int x = 0; x < width; x++)
        {
          guint32 p = pixels[x], q = above != NULL ? above[x] : left;

          out[3 * x] = (guint8) ((p >> 16) - (q >> 16));
          out[3 * x + 1] = (guint8) ((p >> 8) - (q >> 8));
          out[3 * x + 2] = (guint8) (p - q);
          left = p;
        }
    }
}

/* Deflates raw as one piece of the image's stream: raw deflate, ended by a
 * sync flush (or, for the last band, the final block). FALSE: zlib failed,
 * which with a large enough buffer can only be for memory. */
static gboolean
deflate_band (const guint8 *raw, gsize length, gboolean last, Band *band)
{
  z_stream z = { 0 };
  gsize bound;
  int status;

  if (deflateInit2 (&z, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return FALSE;
  /* deflateBound does not count the sync flush's empty block. */
  bound = deflateBound (&z, (uLong) length) + 16;
  band->bytes = g_try_malloc (bound);
  if (band->bytes == NULL)
    {
      deflateEnd (&z);
      return FALSE;
    }
  z.next_in = (Bytef *) raw;
  z.avail_in = (uInt) length;
  z.next_out = band->bytes;
  z.avail_out = (uInt) bound;
  status = deflate (&z, last ? Z_FINISH : Z_SYNC_FLUSH);
  band->length = bound - z.avail_out;
  deflateEnd (&z);
  if (status != (last ? Z_STREAM_END : Z_OK) || z.avail_in != 0)
    {
      g_clear_pointer (&band->bytes, g_free);
      return FALSE;
    }
  band->adler = (guint32) adler32 (adler32 (0, NULL, 0), raw, (uInt) length);
  band->raw_length = length;
  return TRUE;
}

static void
fail (Job *job, cairo_status_t status, gboolean no_memory)
{
  g_mutex_lock (&job->lock);
  if (status != CAIRO_STATUS_SUCCESS && job->status == CAIRO_STATUS_SUCCESS)
    job->status = status;
  job->no_memory |= no_memory;
  job->stop = TRUE;
  g_cond_broadcast (&job->changed);
  g_mutex_unlock (&job->lock);
}

static gpointer
worker (gpointer data)
{
  Job *job = data;
  cairo_rectangle_t extent = { 0, 0, job->width, job->height };
  /* With alpha: where the drawing ends inside a pixel, a colour-only
   * recording paints the rest of that pixel as opaque black, and the last
   * row or column came out grey instead of the background. */
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extent);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, job->pixel_width,
                                                       job->band_rows + 2 * BAND_OVERLAP);
  gsize row_bytes = 3 * (gsize) job->pixel_width;
  guint8 *raw = g_try_malloc ((row_bytes + 1) * (gsize) job->band_rows);
  cairo_status_t status;
  cairo_t *cr;

  cr = cairo_create (recording);
  view_paint (cr, job->scene, job->layout, job->options);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (image);
  if (status != CAIRO_STATUS_SUCCESS || raw == NULL)
    {
      fail (job, status, raw == NULL);
      goto out;
    }

  for (;;)
    {
      int b, y0, n;
      Band band = { 0 };

      g_mutex_lock (&job->lock);
      /* No further ahead of the writer than the window. */
      while (!job->stop && job->next_band < job->n_bands
             && job->next_band >= job->taken + job->window)
        g_cond_wait (&job->changed, &job->lock);
      if (job->stop || job->next_band >= job->n_bands)
        {
          g_mutex_unlock (&job->lock);
          break;
        }
      b = job->next_band++;
      g_mutex_unlock (&job->lock);

      y0 = b * job->band_rows;
      n = MIN (job->band_rows, job->pixel_height - y0);
      cr = cairo_create (image);
      /* The drawing paints its background, but its last pixel column and
       * row may be only partly covered (over what the last band left). */
      view_rgba_set (cr, job->background);
      cairo_rectangle (cr, job->covered_width, 0, job->pixel_width - job->covered_width,
                       job->band_rows + 2 * BAND_OVERLAP);
      cairo_rectangle (cr, 0, job->covered_height - (y0 - BAND_OVERLAP), job->pixel_width,
                       job->pixel_height - job->covered_height);
      cairo_fill (cr);
      cairo_translate (cr, 0, BAND_OVERLAP - y0);
      cairo_scale (cr, job->scale, job->scale);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_flush (image);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          fail (job, status, FALSE);
          break;
        }
      filter_band (image, n, job->pixel_width, raw);
      if (!deflate_band (raw, (row_bytes + 1) * (gsize) n, b == job->n_bands - 1, &band))
        {
          fail (job, CAIRO_STATUS_SUCCESS, TRUE);
          break;
        }
      g_mutex_lock (&job->lock);
      band.ready = TRUE;
      job->bands[b] = band;
      g_cond_broadcast (&job->changed);
      g_mutex_unlock (&job->lock);
    }

out:
  g_free (raw);
  cairo_surface_destroy (image);
  cairo_surface_destroy (recording);
  return NULL;
}

/* A chunk: length, type, data, and the CRC of type and data. */
static gboolean
write_chunk (const char *type, const guint8 *data, gsize length, ExportPngWrite write,
             void *closure)
{
  guint8 head[8], tail[4];
  guint32 crc;

  put_be32 (head, (guint32) length);
  memcpy (head + 4, type, 4);
  crc = (guint32) crc32 (crc32 (0, NULL, 0), head + 4, 4);
  if (length > 0)
    crc = (guint32) crc32 (crc, data, (uInt) length);
  put_be32 (tail, crc);
  return write (closure, head, 8) && (length == 0 || write (closure, data, length))
         && write (closure, tail, 4);
}

gboolean
export_png_write (const ViewScene *scene, const ViewLayout *layout,
                  const ViewPaintOptions *options, double scale, int pixel_width,
                  int pixel_height, ExportPngWrite write, void *closure, GError **error)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  /* Deflate, a 32 KiB window, the fastest level: 0x78 0x01. */
  static const guint8 zlib_header[2] = { 0x78, 0x01 };
  ViewPaintOptions defaults;
  GThread *threads[MAX_WORKERS];
  guint8 ihdr[13];
  guint32 adler = (guint32) adler32 (0, NULL, 0);
  gboolean written;
  int n_workers;
  Job job = { 0 };

  if (options == NULL)
    {
      view_paint_options_init (&defaults);
      options = &defaults;
    }
  job.scene = scene;
  job.layout = layout;
  job.options = options;
  job.scale = scale;
  view_paint_extent (scene, layout, options, &job.width, &job.height);
  job.pixel_width = pixel_width;
  job.pixel_height = pixel_height;
  job.covered_width = MIN ((int) floor (job.width * scale), pixel_width);
  job.covered_height = MIN ((int) floor (job.height * scale), pixel_height);
  job.band_rows = CLAMP (BAND_PIXELS / pixel_width, 1, pixel_height);
  job.n_bands = (pixel_height + job.band_rows - 1) / job.band_rows;
  job.background = view_palette_get (options->theme)->background;
  job.status = CAIRO_STATUS_SUCCESS;
  job.bands = g_new0 (Band, job.n_bands);
  g_mutex_init (&job.lock);
  g_cond_init (&job.changed);
  n_workers = CLAMP ((int) g_get_num_processors (), 1, MAX_WORKERS);
  n_workers = MIN (n_workers, job.n_bands);
  job.window = 4 * n_workers;
  for (int i = 0; i < n_workers; i++)
    threads[i] = g_thread_new ("refscope-png", worker, &job);

  put_be32 (ihdr, (guint32) pixel_width);
  put_be32 (ihdr + 4, (guint32) pixel_height);
  ihdr[8] = 8;                        /* bits per sample */
  ihdr[9] = 2;                        /* RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, adaptive filters, no interlace */
  written = write (closure, signature, sizeof signature)
            && write_chunk ("IHDR", ihdr, sizeof ihdr, write, closure)
            && write_chunk ("IDAT", zlib_header, sizeof zlib_header, write, closure);

  for (int b = 0; b < job.n_bands && written; b++)
    {
      Band band;

      g_mutex_lock (&job.lock);
      while (!job.bands[b].ready && !job.stop)
        g_cond_wait (&job.changed, &job.lock);
      band = job.bands[b];
      job.bands[b] = (Band){ 0 };
      job.taken = b + 1;
      g_cond_broadcast (&job.changed);
      g_mutex_unlock (&job.lock);
      if (!band.ready)
        break;
      adler = (guint32) adler32_combine (adler, band.adler, (z_off_t) band.raw_length);
      written = write_chunk ("IDAT", band.bytes, band.length, write, closure);
      g_free (band.bytes);
    }
  if (!written)
    fail (&job, CAIRO_STATUS_SUCCESS, FALSE);
  for (int i = 0; i < n_workers; i++)
    g_thread_join (threads[i]);

  if (written && job.status == CAIRO_STATUS_SUCCESS && !job.no_memory)
    {
      guint8 tail[4];
      put_be32 (tail, adler);
      written = write_chunk ("IDAT", tail, sizeof tail, write, closure)
                && write_chunk ("IEND", NULL, 0, write, closure);
    }
  for (int b = 0; b < job.n_bands; b++)
    g_free (job.bands[b].bytes);
  g_free (job.bands);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.changed);

  if (job.status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "can't draw the picture: %s",
                  cairo_status_to_string (job.status));
      return FALSE;
    }
  if (job.no_memory)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, "out of memory making a %d × %d PNG",
                  pixel_width, pixel_height);
      return FALSE;
    }
  return written;
}
