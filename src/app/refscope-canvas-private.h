/* refscope-canvas-private.h: what the parts of RefscopeCanvas share: its
 * struct, the jobs that make its pictures, and its input handling. */
#pragma once

#include "refscope-canvas.h"
#include "picture.h"

G_BEGIN_DECLS

#define FADE_USEC (180 * 1000)

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

/* refscope-canvas.c */
void refscope_canvas_notify_step (RefscopeCanvas *self);

/* refscope-canvas-pipeline.c: the scene, paint and raster jobs on pool threads. */
void refscope_canvas_request_scene (RefscopeCanvas *self);
void refscope_canvas_request_raster (RefscopeCanvas *self);
void refscope_canvas_fade_stop (RefscopeCanvas *self);

/* refscope-canvas-input.c: gestures, keys and the tooltip. */
void refscope_canvas_init_input (RefscopeCanvas *self);
gboolean refscope_canvas_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard,
                                        GtkTooltip *tooltip);

G_END_DECLS
