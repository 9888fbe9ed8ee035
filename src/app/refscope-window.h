/* refscope-window.h: the main window: editor, canvas, inspector, collector
 * panel and timeline around one recording. */
#pragma once

#include <adwaita.h>

#include "engine.h"

G_BEGIN_DECLS

#define REFSCOPE_TYPE_WINDOW (refscope_window_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeWindow, refscope_window, REFSCOPE, WINDOW, AdwApplicationWindow)

RefscopeWindow *refscope_window_new (GtkApplication *application, RefscopeEngine *engine);

/* Opens a script (into the editor) or a trace (onto the timeline), by
 * content: a trace's first line names its format. */
void refscope_window_open_file (RefscopeWindow *self, GFile *file);
/* Opens a built-in lesson by id ("01-small-ints-and-interning"). */
gboolean refscope_window_open_lesson (RefscopeWindow *self, const char *id);
void refscope_window_run (RefscopeWindow *self);
/* Puts back the editor's text as it was when the app last closed (or
 * crashed), and runs it; FALSE if there is none. */
gboolean refscope_window_restore_draft (RefscopeWindow *self);

/* Exports the picture at the current step to file (.png, .svg, .pdf or
 * .dot): the whole drawing or only what is visible, PNG at scale. */
gboolean refscope_window_export_to (RefscopeWindow *self, GFile *file, double scale,
                                    gboolean dark, gboolean whole, GError **error);

/* For tests: the step shown, the number of steps, whether nothing is in
 * flight (run, load, drawing). */
guint refscope_window_get_step (RefscopeWindow *self);
guint refscope_window_get_n_steps (RefscopeWindow *self);
void refscope_window_set_step (RefscopeWindow *self, guint step);
gboolean refscope_window_is_idle (RefscopeWindow *self);
GtkWidget *refscope_window_get_canvas (RefscopeWindow *self);
GtkWidget *refscope_window_get_inspector (RefscopeWindow *self);
/* The message of the last error shown in a toast, or NULL. */
const char *refscope_window_get_last_error (RefscopeWindow *self);

G_END_DECLS
