/* refscope-canvas.c: the heap drawn at one step. Building the scene,
 * measuring, laying out (the view's worker), painting and rasterising all
 * happen off the main thread (refscope-canvas-pipeline.c); snapshot() only
 * places the latest textures under the camera and draws the selection and
 * hover outlines. Input is in refscope-canvas-input.c. */
#include "refscope-canvas-private.h"
#include "palette.h"

G_DEFINE_FINAL_TYPE (RefscopeCanvas, refscope_canvas, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  refscope_canvas_request_raster (self);
}

static void
refscope_canvas_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                         int *minimum, int *natural, int *minimum_baseline,
                         int *natural_baseline)
{
  *minimum = 120;
  *natural = 600;
}

static void
camera_changed (RefscopeCanvas *self)
{
  refscope_canvas_request_raster (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Tells the step's watchers that the step asked for is drawn. */
void
refscope_canvas_notify_step (RefscopeCanvas *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/* GObject. */

static void
refscope_canvas_dispose (GObject *object)
{
  RefscopeCanvas *self = REFSCOPE_CANVAS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->worker, view_layout_worker_free);
  g_queue_clear_full (&self->pending_scenes, (GDestroyNotify) view_scene_unref);
  refscope_canvas_fade_stop (self);
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
  widget_class->query_tooltip = refscope_canvas_query_tooltip;

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

  refscope_canvas_init_input (self);
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
  refscope_canvas_request_scene (self);
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
  refscope_canvas_request_scene (self);
}

void
refscope_canvas_set_event (RefscopeCanvas *self, guint64 events, guint64 previous_events)
{
  g_return_if_fail (REFSCOPE_IS_CANVAS (self));

  self->event = events;
  self->previous_event = previous_events;
  refscope_canvas_request_scene (self);
}

guint
refscope_canvas_get_step (RefscopeCanvas *self)
{
  return self->step;
}

void
refscope_canvas_refresh (RefscopeCanvas *self)
{
  refscope_canvas_request_scene (self);
}

void
refscope_canvas_set_show_cached (RefscopeCanvas *self, gboolean show_cached)
{
  if (self->scene_options.show_cached == show_cached)
    return;
  self->scene_options.show_cached = show_cached;
  refscope_canvas_request_scene (self);
}

void
refscope_canvas_set_layout_engine (RefscopeCanvas *self, ViewLayoutEngine engine)
{
  if (self->engine == engine)
    return;
  self->engine = engine;
  /* A different engine means new places for everything. */
  self->fit_next = TRUE;
  refscope_canvas_request_scene (self);
}

void
refscope_canvas_set_theme (RefscopeCanvas *self, ViewTheme theme)
{
  if (self->theme == theme)
    return;
  self->theme = theme;
  refscope_canvas_request_scene (self);
}

void
refscope_canvas_set_search (RefscopeCanvas *self, const char *search)
{
  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  refscope_canvas_request_scene (self);
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
