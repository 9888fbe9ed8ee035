/* refscope-canvas.h: the widget that draws the heap at one step of a
 * recording, with pan, zoom, selection and hover. */
#pragma once

#include <gtk/gtk.h>

#include "camera.h"
#include "layout.h"
#include "painter.h"
#include "recording.h"

G_BEGIN_DECLS

#define REFSCOPE_TYPE_CANVAS (refscope_canvas_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeCanvas, refscope_canvas, REFSCOPE, CANVAS, GtkWidget)

GtkWidget *refscope_canvas_new (void);

/* Shows step of recording (NULL: nothing). A new recording is zoomed to
 * fit; stepping within one keeps the camera and the nodes' places. */
void refscope_canvas_set_recording (RefscopeCanvas *self, RefscopeRecording *recording);
RefscopeRecording *refscope_canvas_get_recording (RefscopeCanvas *self);
void refscope_canvas_set_step (RefscopeCanvas *self, guint step);
guint refscope_canvas_get_step (RefscopeCanvas *self);
/* Shows the state after the first events events instead (inside a step:
 * the collector's passes), changes marked against previous_events
 * (G_MAXUINT64: none); set_step goes back to whole steps. */
void refscope_canvas_set_event (RefscopeCanvas *self, guint64 events, guint64 previous_events);
/* Rebuilds the current step (after the recording grew, or options changed). */
void refscope_canvas_refresh (RefscopeCanvas *self);

void refscope_canvas_set_show_cached (RefscopeCanvas *self, gboolean show_cached);
void refscope_canvas_set_layout_engine (RefscopeCanvas *self, ViewLayoutEngine engine);
void refscope_canvas_set_theme (RefscopeCanvas *self, ViewTheme theme);
void refscope_canvas_set_search (RefscopeCanvas *self, const char *search);
/* Ids to mark as changed (the timeline's diff mode); NULL: none. Takes it. */
void refscope_canvas_set_marked (RefscopeCanvas *self, GHashTable *ids);

guint64 refscope_canvas_get_selected (RefscopeCanvas *self);
void refscope_canvas_set_selected (RefscopeCanvas *self, guint64 id);

RefscopeCamera *refscope_canvas_get_camera (RefscopeCanvas *self);
void refscope_canvas_zoom_to_fit (RefscopeCanvas *self);

/* What is drawn now (borrowed; NULL before the first picture), for export
 * and for tests. */
ViewScene *refscope_canvas_get_scene (RefscopeCanvas *self);
ViewLayout *refscope_canvas_get_layout (RefscopeCanvas *self);
/* TRUE once the step asked for is drawn and nothing is in flight. */
gboolean refscope_canvas_is_idle (RefscopeCanvas *self);
/* The visible part, in drawing coordinates. */
void refscope_canvas_get_visible (RefscopeCanvas *self, ViewBox *box);

G_END_DECLS
