/* refscope-canvas-pipeline.c: how the canvas gets its pictures: the scene
 * and the paint on pool threads (the layout on the view's worker between
 * them), then rasters of the visible part, faded in over the last. */
#include "refscope-canvas-private.h"

#include <math.h>

/* Rasters cover the viewport and this much of it again on each side, so a
 * drag shows drawing rather than background until the next raster lands. */
#define RASTER_MARGIN 0.5
#define RASTER_MAX_PIXELS 4096

/* Scenes are built on a pool thread, under the recording's read lock. */
typedef struct
{
  RefscopeRecording *recording;
  guint step;
  guint64 event, previous_event;
  ViewSceneOptions options;
  char *search;
  ViewScene *scene;
  ViewSizes *sizes;
} SceneJob;

static void
scene_job_free (SceneJob *job)
{
  refscope_recording_unref (job->recording);
  g_free (job->search);
  g_clear_pointer (&job->scene, view_scene_unref);
  g_clear_pointer (&job->sizes, view_sizes_free);
  g_free (job);
}

static void
scene_job_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SceneJob *job = data;

  job->options.search = job->search;
  refscope_recording_read_lock (job->recording);
  if (job->event != G_MAXUINT64)
    job->scene = view_scene_build_at_event (job->recording->timeline, job->event,
                                            job->previous_event, &job->options);
  else
    job->scene = view_scene_build (job->recording->timeline, job->step,
                                   job->step > 0 ? job->step - 1 : G_MAXUINT, &job->options);
  refscope_recording_read_unlock (job->recording);
  job->sizes = view_card_measure (job->scene);
  g_task_return_boolean (task, TRUE);
}

static gboolean
layout_matches (const ViewLayout *layout, const ViewScene *scene)
{
  if (layout->n_nodes != scene->n_nodes)
    return FALSE;
  for (guint i = 0; i < scene->n_nodes; i++)
    if (layout->ids[i] != scene->nodes[i].id)
      return FALSE;
  return TRUE;
}

/* Painting records the whole drawing once; it is the slow part. */
typedef struct
{
  ViewScene *scene;
  ViewLayout *layout;
  ViewTheme theme;
} PaintJob;

static void
paint_job_free (PaintJob *job)
{
  view_scene_unref (job->scene);
  view_layout_unref (job->layout);
  g_free (job);
}

static void
paint_job_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PaintJob *job = data;

  g_task_return_pointer (task, refscope_picture_new (job->scene, job->layout, job->theme),
                         (GDestroyNotify) refscope_picture_unref);
}

void
refscope_canvas_fade_stop (RefscopeCanvas *self)
{
  if (self->fade_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fade_tick);
  self->fade_tick = 0;
  g_clear_object (&self->old_texture);
}

static gboolean
fade_step (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (widget);

  gtk_widget_queue_draw (widget);
  if (gdk_frame_clock_get_frame_time (clock) - self->fade_start >= FADE_USEC)
    {
      self->fade_tick = 0;
      g_clear_object (&self->old_texture);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
paint_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RefscopeCanvas *self = user_data;
  g_autoptr (RefscopePicture) picture = g_task_propagate_pointer (G_TASK (result), NULL);
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"));

  self->paint_jobs--;
  if (picture == NULL || generation != self->generation)
    {
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->picture, refscope_picture_unref);
  self->picture = g_steal_pointer (&picture);
  refscope_camera_set_content (self->camera, 0, 0, self->picture->width,
                               self->picture->height);
  if (self->fit_next)
    {
      self->fit_next = FALSE;
      refscope_camera_zoom_to_fit (self->camera, 24);
    }
  /* The outgoing texture fades while the new one rasterises and fades in. */
  if (self->texture != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      refscope_canvas_fade_stop (self);
      self->old_texture = g_steal_pointer (&self->texture);
      self->old_texture_rect = self->texture_rect;
    }
  g_clear_object (&self->texture);
  refscope_canvas_request_raster (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_unref (self);
}

static void
layout_done (ViewLayout *layout, gpointer user_data)
{
  RefscopeCanvas *self = user_data;
  ViewScene *scene = NULL;
  PaintJob *job;
  GTask *task;

  while (!g_queue_is_empty (&self->pending_scenes))
    {
      ViewScene *first = g_queue_pop_head (&self->pending_scenes);
      if (layout_matches (layout, first))
        {
          scene = first;
          break;
        }
      view_scene_unref (first);
    }
  if (scene == NULL)
    return;
  job = g_new0 (PaintJob, 1);
  job->scene = scene;
  job->layout = view_layout_ref (layout);
  job->theme = self->theme;
  task = g_task_new (NULL, self->cancellable, paint_done, g_object_ref (self));
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, job, (GDestroyNotify) paint_job_free);
  self->paint_jobs++;
  g_task_run_in_thread (task, paint_job_run);
  g_object_unref (task);
}

static void
scene_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RefscopeCanvas *self = user_data;
  SceneJob *job = g_task_get_task_data (G_TASK (result));
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"));
  ViewLayout *previous;

  self->scene_jobs--;
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || generation != self->generation)
    {
      g_object_unref (self);
      return;
    }
  /* Keeping the places of what stood before makes stepping readable; a
   * new recording starts afresh. */
  previous = self->picture != NULL && !self->fit_next ? self->picture->layout : NULL;
  g_queue_push_tail (&self->pending_scenes, view_scene_ref (job->scene));
  view_layout_worker_request (self->worker, job->scene, g_steal_pointer (&job->sizes), previous,
                              self->engine, layout_done, self);
  g_object_unref (self);
}

void
refscope_canvas_request_scene (RefscopeCanvas *self)
{
  SceneJob *job;
  GTask *task;

  self->generation++;
  if (self->recording == NULL)
    {
      g_clear_pointer (&self->picture, refscope_picture_unref);
      g_clear_object (&self->texture);
      refscope_canvas_fade_stop (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  job = g_new0 (SceneJob, 1);
  job->recording = refscope_recording_ref (self->recording);
  job->step = self->step;
  job->event = self->event;
  job->previous_event = self->previous_event;
  job->options = self->scene_options;
  job->search = g_strdup (self->search);
  task = g_task_new (NULL, self->cancellable, scene_done, g_object_ref (self));
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, job, (GDestroyNotify) scene_job_free);
  self->scene_jobs++;
  g_task_run_in_thread (task, scene_job_run);
  g_object_unref (task);
}

/* Rasters. */

typedef struct
{
  RefscopePicture *picture;
  double zoom, x, y;
  int width, height;
  ViewBox rect;
} RasterJob;

static void
raster_job_free (RasterJob *job)
{
  refscope_picture_unref (job->picture);
  g_free (job);
}

static void
raster_job_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  RasterJob *job = data;

  g_task_return_pointer (task,
                         refscope_picture_raster (job->picture, job->zoom, job->x, job->y,
                                                  job->width, job->height),
                         g_object_unref);
}

static void
raster_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RefscopeCanvas *self = user_data;
  RasterJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);

  self->raster_busy = FALSE;
  if (texture != NULL && job->picture == self->picture)
    {
      gboolean first = self->texture == NULL;
      g_set_object (&self->texture, texture);
      self->texture_rect = job->rect;
      if (first && self->old_texture != NULL && self->fade_tick == 0)
        {
          self->fade_start = g_get_monotonic_time ();
          self->fade_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), fade_step, NULL,
                                                          NULL);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (refscope_canvas_is_idle (self))
        refscope_canvas_notify_step (self);
    }
  if (self->raster_again)
    {
      self->raster_again = FALSE;
      refscope_canvas_request_raster (self);
    }
  g_object_unref (self);
}

/* Whether the texture shows the visible part at the camera's zoom. */
static gboolean
texture_is_current (RefscopeCanvas *self)
{
  ViewBox visible;
  double texture_zoom;

  if (self->texture == NULL)
    return FALSE;
  refscope_canvas_get_visible (self, &visible);
  texture_zoom = gdk_texture_get_width (self->texture) / MAX (self->texture_rect.width, 1e-9);
  if (fabs (texture_zoom / (refscope_camera_get_zoom (self->camera)
                            * gtk_widget_get_scale_factor (GTK_WIDGET (self)))
            - 1)
      > 0.01)
    return FALSE;
  return visible.x >= self->texture_rect.x - 0.5 && visible.y >= self->texture_rect.y - 0.5
         && visible.x + visible.width <= self->texture_rect.x + self->texture_rect.width + 0.5
         && visible.y + visible.height <= self->texture_rect.y + self->texture_rect.height + 0.5;
}

void
refscope_canvas_request_raster (RefscopeCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  RasterJob *job;
  GTask *task;
  double scale = gtk_widget_get_scale_factor (widget);
  double zoom = refscope_camera_get_zoom (self->camera) * scale;
  ViewBox visible;
  double margin_x, margin_y;

  if (self->picture == NULL || gtk_widget_get_width (widget) <= 0)
    return;
  if (self->raster_busy)
    {
      self->raster_again = TRUE;
      return;
    }
  if (texture_is_current (self))
    return;
  refscope_canvas_get_visible (self, &visible);
  margin_x = visible.width * RASTER_MARGIN;
  margin_y = visible.height * RASTER_MARGIN;
  job = g_new0 (RasterJob, 1);
  job->picture = refscope_picture_ref (self->picture);
  job->zoom = zoom;
  /* Only the drawing, with the margin, and no more pixels than a texture may hold. */
  job->rect.x = MAX (visible.x - margin_x, 0);
  job->rect.y = MAX (visible.y - margin_y, 0);
  job->rect.width = MIN (visible.x + visible.width + margin_x, self->picture->width) - job->rect.x;
  job->rect.height
      = MIN (visible.y + visible.height + margin_y, self->picture->height) - job->rect.y;
  job->rect.width = MIN (MAX (job->rect.width, 1 / zoom), RASTER_MAX_PIXELS / zoom);
  job->rect.height = MIN (MAX (job->rect.height, 1 / zoom), RASTER_MAX_PIXELS / zoom);
  job->x = job->rect.x;
  job->y = job->rect.y;
  job->width = (int) ceil (job->rect.width * zoom);
  job->height = (int) ceil (job->rect.height * zoom);
  job->rect.width = job->width / zoom;
  job->rect.height = job->height / zoom;
  task = g_task_new (NULL, self->cancellable, raster_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) raster_job_free);
  self->raster_busy = TRUE;
  g_task_run_in_thread (task, raster_job_run);
  g_object_unref (task);
}
