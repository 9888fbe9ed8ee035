/* refscope-canvas.c: the heap drawn at one step. Building the scene,
 * measuring, laying out (the view's worker), painting and rasterising all
 * happen off the main thread; snapshot() only places the latest textures
 * under the camera and draws the selection and hover outlines. */
#include "refscope-canvas.h"
#include "palette.h"
#include "picture.h"

#include <math.h>

#include <glib/gi18n.h>

#define FADE_USEC (180 * 1000)
/* Rasters cover the viewport and this much of it again on each side, so a
 * drag shows drawing rather than background until the next raster lands. */
#define RASTER_MARGIN 0.5
#define RASTER_MAX_PIXELS 4096

struct _RefscopeCanvas
{
  GtkWidget parent_instance;

  RefscopeRecording *recording;
  guint step;
  guint64 event;                /* inside a step: the state after this many events;
                                   G_MAXUINT64: the step's end */
  guint64 previous_event;
  ViewSceneOptions scene_options;
  char *search;
  ViewLayoutEngine engine;
  ViewTheme theme;
  RefscopeCamera *camera;
  ViewLayoutWorker *worker;
  GCancellable *cancellable;    /* of the scene and paint jobs in flight */
  guint generation;             /* bumped by each request; stale results are dropped */
  GQueue pending_scenes;        /* scenes sent to the layout worker, oldest first */
  gboolean fit_next;            /* zoom to fit when the next picture lands */
  guint scene_jobs;             /* in flight; a layout is while pending_scenes is not empty */
  guint paint_jobs;

  RefscopePicture *picture;     /* drawn now */
  GdkTexture *texture;          /* a raster of picture */
  ViewBox texture_rect;         /* what it covers, in drawing coordinates */
  GdkTexture *old_texture;      /* the previous step's, fading out */
  ViewBox old_texture_rect;
  gint64 fade_start;
  guint fade_tick;
  gboolean raster_busy;
  gboolean raster_again;

  guint64 selected;
  guint64 hovered;
  GHashTable *marked;
  double drag_x, drag_y;        /* camera position when the drag began */
  double pinch_zoom;
};

G_DEFINE_FINAL_TYPE (RefscopeCanvas, refscope_canvas, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void request_scene (RefscopeCanvas *self);
static void request_raster (RefscopeCanvas *self);

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

static void
fade_stop (RefscopeCanvas *self)
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
      fade_stop (self);
      self->old_texture = g_steal_pointer (&self->texture);
      self->old_texture_rect = self->texture_rect;
    }
  g_clear_object (&self->texture);
  request_raster (self);
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

static void
request_scene (RefscopeCanvas *self)
{
  SceneJob *job;
  GTask *task;

  self->generation++;
  if (self->recording == NULL)
    {
      g_clear_pointer (&self->picture, refscope_picture_unref);
      g_clear_object (&self->texture);
      fade_stop (self);
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
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
    }
  if (self->raster_again)
    {
      self->raster_again = FALSE;
      request_raster (self);
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

static void
request_raster (RefscopeCanvas *self)
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

/* Drawing. */

static void
append_texture (RefscopeCanvas *self, GtkSnapshot *snapshot, GdkTexture *texture,
                const ViewBox *rect)
{
  double x0, y0, x1, y1;

  refscope_camera_to_widget (self->camera, rect->x, rect->y, &x0, &y0);
  refscope_camera_to_widget (self->camera, rect->x + rect->width, rect->y + rect->height, &x1,
                             &y1);
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
}

static gboolean
node_widget_rect (RefscopeCanvas *self, guint64 id, graphene_rect_t *out)
{
  ViewBox box;
  gint index;
  double x0, y0, x1, y1;

  if (self->picture == NULL || id == 0)
    return FALSE;
  index = view_scene_find (self->picture->scene, id);
  if (index < 0
      || !view_paint_node_rect (self->picture->scene, self->picture->layout,
                                &self->picture->options, (guint) index, &box))
    return FALSE;
  refscope_camera_to_widget (self->camera, box.x, box.y, &x0, &y0);
  refscope_camera_to_widget (self->camera, box.x + box.width, box.y + box.height, &x1, &y1);
  graphene_rect_init (out, x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

static void
append_outline (GtkSnapshot *snapshot, const graphene_rect_t *rect, double width,
                const GdkRGBA *colour)
{
  GskRoundedRect outline;
  graphene_rect_t grown;
  float widths[4] = { width, width, width, width };
  GdkRGBA colours[4] = { *colour, *colour, *colour, *colour };

  graphene_rect_inset_r (rect, -width - 1, -width - 1, &grown);
  gsk_rounded_rect_init_from_rect (&outline, &grown, 8 + width);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);
}

static void
refscope_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (widget);
  const ViewPalette *palette = view_palette_get (self->theme);
  GdkRGBA background = { palette->background.r, palette->background.g, palette->background.b, 1 };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t rect;

  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->old_texture != NULL && self->fade_tick != 0)
    {
      double progress = (g_get_monotonic_time () - self->fade_start) / (double) FADE_USEC;
      progress = CLAMP (progress, 0, 1);
      gtk_snapshot_push_cross_fade (snapshot, progress);
      append_texture (self, snapshot, self->old_texture, &self->old_texture_rect);
      gtk_snapshot_pop (snapshot);
      if (self->texture != NULL)
        append_texture (self, snapshot, self->texture, &self->texture_rect);
      gtk_snapshot_pop (snapshot);
    }
  else if (self->texture != NULL)
    append_texture (self, snapshot, self->texture, &self->texture_rect);
  else if (self->old_texture != NULL)
    append_texture (self, snapshot, self->old_texture, &self->old_texture_rect);

  if (self->marked != NULL && self->picture != NULL)
    {
      GdkRGBA colour = { palette->changed.r, palette->changed.g, palette->changed.b, 0.9 };
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->marked);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (node_widget_rect (self, *(guint64 *) key, &rect))
          append_outline (snapshot, &rect, 3, &colour);
    }
  if (self->hovered != self->selected && node_widget_rect (self, self->hovered, &rect))
    {
      GdkRGBA colour = { palette->hover.r, palette->hover.g, palette->hover.b, 0.8 };
      append_outline (snapshot, &rect, 2, &colour);
    }
  if (node_widget_rect (self, self->selected, &rect))
    {
      GdkRGBA colour = { palette->selection.r, palette->selection.g, palette->selection.b, 1 };
      append_outline (snapshot, &rect, 3, &colour);
    }
}

static void
refscope_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (widget);

  refscope_camera_set_viewport (self->camera, width, height);
  request_raster (self);
}

static void
refscope_canvas_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                         int *minimum, int *natural, int *minimum_baseline,
                         int *natural_baseline)
{
  *minimum = 120;
  *natural = 600;
}

/* Input. */

static gint
node_at (RefscopeCanvas *self, double widget_x, double widget_y)
{
  double x, y;

  if (self->picture == NULL)
    return -1;
  refscope_camera_to_drawing (self->camera, widget_x, widget_y, &x, &y);
  return view_paint_hit_with (self->picture->scene, self->picture->layout,
                              &self->picture->options, x, y);
}

static void
camera_changed (RefscopeCanvas *self)
{
  request_raster (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_pressed (GtkGestureClick *gesture, int n_press, double x, double y,
                  RefscopeCanvas *self)
{
  gint index = node_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  refscope_canvas_set_selected (self, index >= 0 ? self->picture->scene->nodes[index].id : 0);
  if (n_press == 2 && index < 0)
    refscope_canvas_zoom_to_fit (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, RefscopeCanvas *self)
{
  self->drag_x = 0;
  self->drag_y = 0;
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, RefscopeCanvas *self)
{
  refscope_camera_pan (self->camera, dx - self->drag_x, dy - self->drag_y);
  self->drag_x = dx;
  self->drag_y = dy;
  if (fabs (dx) + fabs (dy) > 4)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, RefscopeCanvas *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, RefscopeCanvas *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkModifierType state = gtk_event_controller_get_current_event_state (
      GTK_EVENT_CONTROLLER (controller));
  double x = 0, y = 0;

  /* A touchpad's two-finger scroll pans; a wheel (or Ctrl) zooms. */
  if (event != NULL && gdk_scroll_event_get_direction (event) == GDK_SCROLL_SMOOTH
      && gdk_event_get_device (event) != NULL
      && gdk_device_get_source (gdk_event_get_device (event)) == GDK_SOURCE_TOUCHPAD
      && !(state & GDK_CONTROL_MASK))
    {
      refscope_camera_pan (self->camera, -dx * 20, -dy * 20);
      return TRUE;
    }
  if (event != NULL)
    gdk_event_get_position (event, &x, &y);
  {
    graphene_point_t point;
    GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
    double nx, ny;

    gtk_native_get_surface_transform (native, &nx, &ny);
    if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                  &GRAPHENE_POINT_INIT (x - nx, y - ny), &point))
      {
        x = point.x;
        y = point.y;
      }
  }
  refscope_camera_zoom_at (self->camera, pow (1.15, -dy), x, y);
  return TRUE;
}

static void
on_zoom_begin (GtkGesture *gesture, GdkEventSequence *sequence, RefscopeCanvas *self)
{
  self->pinch_zoom = 1;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture, double scale, RefscopeCanvas *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  refscope_camera_zoom_at (self->camera, scale / self->pinch_zoom, x, y);
  self->pinch_zoom = scale;
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, RefscopeCanvas *self)
{
  gint index = node_at (self, x, y);
  guint64 id = index >= 0 ? self->picture->scene->nodes[index].id : 0;

  if (id != self->hovered)
    {
      self->hovered = id;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller, RefscopeCanvas *self)
{
  if (self->hovered != 0)
    {
      self->hovered = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static char *
describe_generation (gint gen)
{
  if (gen < 0)
    return g_strdup (_("not tracked by the collector"));
  if (gen == 3)
    return g_strdup (_("frozen (permanent generation)"));
  return g_strdup_printf (_("generation %d"), gen);
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (widget);
  gint index = keyboard ? view_scene_find (self->picture ? self->picture->scene : NULL,
                                           self->selected)
                        : node_at (self, x, y);
  const ViewNode *node;
  g_autoptr (GString) text = g_string_new (NULL);

  if (self->picture == NULL || index < 0)
    return FALSE;
  node = &self->picture->scene->nodes[index];
  {
    g_autofree char *title = g_markup_escape_text (node->title, -1);
    g_string_append_printf (text, "<b>%s</b>", title);
  }
  if (node->kind == VIEW_NODE_FRAME)
    g_string_append_printf (text, "\n%s", _("A frame: its variables refer to objects"));
  else if (node->kind == VIEW_NODE_GHOST && node->ghost_cause != NULL)
    {
      g_autofree char *cause = g_markup_escape_text (node->ghost_cause, -1);
      g_string_append_printf (text, "\n%s", cause);
    }
  else
    {
      g_autofree char *gen = describe_generation (node->gen);
      g_autofree char *refcnt = g_strdup_printf ("%" G_GINT64_FORMAT, node->refcnt);
      g_autofree char *size = g_strdup_printf ("%" G_GUINT64_FORMAT, node->size);
      g_string_append_c (text, '\n');
      /* Translators: refcount, size in bytes, generation. */
      g_string_append_printf (text, _("refcount %s · %s bytes · %s"), refcnt, size, gen);
      g_string_append_printf (text, "\n0x%" G_GINT64_MODIFIER "x", node->addr);
      if (node->flags & VIEW_NODE_GARBAGE)
        g_string_append_printf (text, "\n<i>%s</i>",
                                _("Garbage: nothing reachable refers to it; only the "
                                  "collector can free it"));
    }
  gtk_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* The node nearest to the selected one in a direction (dx, dy). */
static gint
neighbour (RefscopeCanvas *self, gint from, int dx, int dy)
{
  const ViewLayout *layout = self->picture->layout;
  const ViewBox *a = &layout->boxes[from];
  double ax = a->x + a->width / 2, ay = a->y + a->height / 2;
  double best = G_MAXDOUBLE;
  gint found = -1;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const ViewBox *b = &layout->boxes[i];
      double bx = b->x + b->width / 2 - ax, by = b->y + b->height / 2 - ay;
      double along = bx * dx + by * dy;
      double across = fabs (bx * dy - by * dx);
      double cost;

      if ((gint) i == from || along <= 1)
        continue;
      cost = along + 2 * across;
      if (cost < best)
        {
          best = cost;
          found = (gint) i;
        }
    }
  return found;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, RefscopeCanvas *self)
{
  int dx = 0, dy = 0;
  gint from;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      refscope_camera_zoom_in (self->camera);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      refscope_camera_zoom_out (self->camera);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      refscope_canvas_zoom_to_fit (self);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->selected == 0)
        return FALSE;
      refscope_canvas_set_selected (self, 0);
      return TRUE;
    case GDK_KEY_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
      dy = 1;
      break;
    default:
      return FALSE;
    }
  if (self->picture == NULL || self->picture->scene->n_nodes == 0)
    return FALSE;
  from = view_scene_find (self->picture->scene, self->selected);
  if (from < 0)
    {
      /* Without a selection the arrows pan, as in a map. */
      refscope_camera_pan (self->camera, -dx * 64, -dy * 64);
      return TRUE;
    }
  from = neighbour (self, from, dx, dy);
  if (from >= 0)
    refscope_canvas_set_selected (self, self->picture->scene->nodes[from].id);
  return TRUE;
}

/* GObject. */

static void
refscope_canvas_dispose (GObject *object)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->worker, view_layout_worker_free);
  g_queue_clear_full (&self->pending_scenes, (GDestroyNotify) view_scene_unref);
  fade_stop (self);
  g_clear_pointer (&self->recording, refscope_recording_unref);
  g_clear_pointer (&self->picture, refscope_picture_unref);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->marked, g_hash_table_unref);
  g_clear_object (&self->camera);
  G_OBJECT_CLASS (refscope_canvas_parent_class)->dispose (object);
}

static void
refscope_canvas_finalize (GObject *object)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (object);

  g_clear_object (&self->cancellable);
  g_free (self->search);
  G_OBJECT_CLASS (refscope_canvas_parent_class)->finalize (object);
}

static void
refscope_canvas_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint64 (value, self->selected);
      break;
    case PROP_STEP:
      g_value_set_uint (value, self->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
refscope_canvas_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      refscope_canvas_set_selected (self, g_value_get_uint64 (value));
      break;
    case PROP_STEP:
      refscope_canvas_set_step (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
refscope_canvas_class_init (RefscopeCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = refscope_canvas_dispose;
  object_class->finalize = refscope_canvas_finalize;
  object_class->get_property = refscope_canvas_get_property;
  object_class->set_property = refscope_canvas_set_property;
  widget_class->snapshot = refscope_canvas_snapshot;
  widget_class->size_allocate = refscope_canvas_size_allocate;
  widget_class->measure = refscope_canvas_measure;
  widget_class->query_tooltip = on_query_tooltip;

  properties[PROP_SELECTED] = g_param_spec_uint64 ("selected", NULL, NULL, 0, G_MAXUINT64, 0,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                       | G_PARAM_STATIC_STRINGS);
  /* Notified when the step asked for has been drawn. */
  properties[PROP_STEP] = g_param_spec_uint ("step", NULL, NULL, 0, G_MAXUINT, 0,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "refscope-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
refscope_canvas_init (RefscopeCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *gesture;
  GtkEventController *controller;

  self->camera = refscope_camera_new ();
  g_signal_connect_swapped (self->camera, "changed", G_CALLBACK (camera_changed), self);
  self->worker = view_layout_worker_new ();
  self->cancellable = g_cancellable_new ();
  view_scene_options_init (&self->scene_options);
  self->fit_next = TRUE;
  self->event = G_MAXUINT64;
  g_queue_init (&self->pending_scenes);
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, controller);
}

/* Public API. */

GtkWidget *
refscope_canvas_new (void)
{
  return g_object_new (REFSCOPE_TYPE_CANVAS, NULL);
}

void
refscope_canvas_set_recording (RefscopeCanvas *self, RefscopeRecording *recording)
{
  g_return_if_fail (REFSCOPE_IS_CANVAS (self));

  if (recording != self->recording)
    {
      g_clear_pointer (&self->recording, refscope_recording_unref);
      self->recording = recording != NULL ? refscope_recording_ref (recording) : NULL;
      self->fit_next = TRUE;
      self->selected = 0;
      self->hovered = 0;
      g_clear_pointer (&self->marked, g_hash_table_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
    }
  request_scene (self);
}

RefscopeRecording *
refscope_canvas_get_recording (RefscopeCanvas *self)
{
  return self->recording;
}

void
refscope_canvas_set_step (RefscopeCanvas *self, guint step)
{
  g_return_if_fail (REFSCOPE_IS_CANVAS (self));

  self->step = step;
  self->event = G_MAXUINT64;
  request_scene (self);
}

void
refscope_canvas_set_event (RefscopeCanvas *self, guint64 events, guint64 previous_events)
{
  g_return_if_fail (REFSCOPE_IS_CANVAS (self));

  self->event = events;
  self->previous_event = previous_events;
  request_scene (self);
}

guint
refscope_canvas_get_step (RefscopeCanvas *self)
{
  return self->step;
}

void
refscope_canvas_refresh (RefscopeCanvas *self)
{
  request_scene (self);
}

void
refscope_canvas_set_show_cached (RefscopeCanvas *self, gboolean show_cached)
{
  if (self->scene_options.show_cached == show_cached)
    return;
  self->scene_options.show_cached = show_cached;
  request_scene (self);
}

void
refscope_canvas_set_layout_engine (RefscopeCanvas *self, ViewLayoutEngine engine)
{
  if (self->engine == engine)
    return;
  self->engine = engine;
  /* A different engine means new places for everything. */
  self->fit_next = TRUE;
  request_scene (self);
}

void
refscope_canvas_set_theme (RefscopeCanvas *self, ViewTheme theme)
{
  if (self->theme == theme)
    return;
  self->theme = theme;
  request_scene (self);
}

void
refscope_canvas_set_search (RefscopeCanvas *self, const char *search)
{
  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  request_scene (self);
}

void
refscope_canvas_set_marked (RefscopeCanvas *self, GHashTable *ids)
{
  g_clear_pointer (&self->marked, g_hash_table_unref);
  self->marked = ids;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint64
refscope_canvas_get_selected (RefscopeCanvas *self)
{
  return self->selected;
}

void
refscope_canvas_set_selected (RefscopeCanvas *self, guint64 id)
{
  graphene_rect_t rect;

  g_return_if_fail (REFSCOPE_IS_CANVAS (self));

  if (self->selected == id)
    return;
  self->selected = id;
  if (node_widget_rect (self, id, &rect))
    {
      double x0, y0, x1, y1;
      refscope_camera_to_drawing (self->camera, rect.origin.x, rect.origin.y, &x0, &y0);
      refscope_camera_to_drawing (self->camera, rect.origin.x + rect.size.width,
                                  rect.origin.y + rect.size.height, &x1, &y1);
      refscope_camera_ensure_visible (self->camera, x0, y0, x1 - x0, y1 - y0, 24);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

RefscopeCamera *
refscope_canvas_get_camera (RefscopeCanvas *self)
{
  return self->camera;
}

void
refscope_canvas_zoom_to_fit (RefscopeCanvas *self)
{
  refscope_camera_zoom_to_fit (self->camera, 24);
}

ViewScene *
refscope_canvas_get_scene (RefscopeCanvas *self)
{
  return self->picture != NULL ? self->picture->scene : NULL;
}

ViewLayout *
refscope_canvas_get_layout (RefscopeCanvas *self)
{
  return self->picture != NULL ? self->picture->layout : NULL;
}

gboolean
refscope_canvas_is_idle (RefscopeCanvas *self)
{
  return self->scene_jobs == 0 && self->paint_jobs == 0 && self->fade_tick == 0
         && g_queue_is_empty (&self->pending_scenes) && !self->raster_busy
         && self->picture != NULL && self->texture != NULL
         && (self->event != G_MAXUINT64
                 ? self->picture->scene->events == self->event
                 : self->picture->scene->step == MIN (self->step, self->picture->scene->n_steps));
}

void
refscope_canvas_get_visible (RefscopeCanvas *self, ViewBox *box)
{
  double x0, y0, x1, y1;

  refscope_camera_to_drawing (self->camera, 0, 0, &x0, &y0);
  refscope_camera_to_drawing (self->camera, gtk_widget_get_width (GTK_WIDGET (self)),
                              gtk_widget_get_height (GTK_WIDGET (self)), &x1, &y1);
  box->x = x0;
  box->y = y0;
  box->width = x1 - x0;
  box->height = y1 - y0;
}
