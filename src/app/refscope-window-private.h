/* refscope-window-private.h: the window's state, shared by its files
 * (refscope-window.c: building and running; -actions.c: the actions;
 * -files.c: opening, saving, exporting and the draft). */
#pragma once

#include "refscope-window.h"

#include <gtksourceview/gtksource.h>

#include "collection-replay.h"
#include "lesson-catalog.h"
#include "refscope-canvas.h"
#include "refscope-collector-panel.h"
#include "refscope-inspector.h"
#include "refscope-memory-chart.h"
#include "refscope-scrubber.h"
#include "timeline-marks.h"

struct _RefscopeWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children. */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkMenuButton *lessons_button;
  GtkRevealer *lesson_revealer;
  GtkLabel *lesson_title;
  GtkLabel *lesson_text;
  GtkLabel *lesson_try;
  GtkSourceView *source_view;
  GtkTextView *output_view;
  GtkPaned *main_paned;
  GtkPaned *canvas_paned;
  RefscopeCanvas *canvas;
  AdwStatusPage *placeholder;
  GtkRevealer *load_revealer;
  GtkRevealer *replay_revealer;
  GtkLabel *replay_title;
  GtkLabel *replay_text;
  GtkWidget *replay_watch_button;
  GtkWidget *replay_nav;
  GtkLabel *load_label;
  GtkProgressBar *load_progress;
  GtkWidget *side_panel;
  AdwViewStack *side_stack;
  RefscopeInspector *inspector;
  RefscopeCollectorPanel *collector_panel;
  RefscopeMemoryChart *memory_chart;
  GtkToggleButton *inspector_toggle;
  GtkToggleButton *play_button;
  GtkToggleButton *diff_toggle;
  RefscopeScrubber *scrubber;
  GtkLabel *step_label;
  GtkDropDown *speed_dropdown;
  GMenu *lessons_section;
  GMenu *recent_section;

  GSettings *settings;
  RefscopeEngine *engine;        /* the application's */
  RefscopeLessonCatalog *lessons;
  const RefscopeLesson *lesson;  /* shown in the lesson card, or NULL */
  GtkSourceBuffer *buffer;
  GtkTextTag *error_tag;
  GtkSourceMark *line_mark;

  GFile *file;                   /* the script being edited, or NULL */
  RefscopeRecording *recording;  /* shown on the timeline, or NULL */
  RefscopeTimelineMarks *marks;
  char *run_output;              /* the last run's whole output */
  guint step;
  guint diff_from;               /* the diff mode's first step */
  gboolean running;
  gboolean step_after_run;       /* Step was pressed before a run: show step 1 */
  gboolean edited_since_run;
  GCancellable *load_cancellable;
  AdwToast *load_toast;
  guint play_source;
  guint draft_source;
  char *last_error;
  guint64 event;                 /* stepping by event: the state after this many events;
                                    G_MAXUINT64 when showing whole steps */
  RefscopeCollectionReplay *replay; /* the step's collections, or NULL */
  gint replay_stop;              /* the pass shown (over all the step's collections), or -1 */
  AdwToast *error_toast;         /* the last error's, while it shows */
};

/* refscope-window-run.c */
void refscope_window_show_error (RefscopeWindow *self, const char *message);
void refscope_window_dismiss_error (RefscopeWindow *self);
char *refscope_window_get_source (RefscopeWindow *self);
void refscope_window_set_source (RefscopeWindow *self, const char *text);
void refscope_window_clear_error_underline (RefscopeWindow *self);
void refscope_window_update_subtitle (RefscopeWindow *self);
void refscope_window_run_code (RefscopeWindow *self, const char *code);

/* refscope-window-steps.c */
void refscope_window_set_recording (RefscopeWindow *self, RefscopeRecording *recording,
                                    guint step);
void refscope_window_update_step (RefscopeWindow *self);
void refscope_window_mark_line (RefscopeWindow *self, guint line);
void refscope_window_scroll_to (RefscopeWindow *self, const GtkTextIter *iter, double margin);

/* refscope-window-replay.c */
void refscope_window_update_replay (RefscopeWindow *self);
void refscope_window_replay_move (RefscopeWindow *self, gint delta);
void refscope_window_replay_watch (RefscopeWindow *self);
void refscope_window_replay_done (RefscopeWindow *self);

/* refscope-window-actions.c */
void refscope_window_class_init_actions (GtkWidgetClass *widget_class);
void refscope_window_update_actions (RefscopeWindow *self);

/* refscope-window-files.c */
void refscope_window_load_trace (RefscopeWindow *self, GFile *file);
void refscope_window_open_dialog (RefscopeWindow *self);
void refscope_window_save_trace_dialog (RefscopeWindow *self);
void refscope_window_save_program_dialog (RefscopeWindow *self);
void refscope_window_export_dialog (RefscopeWindow *self);
void refscope_window_schedule_draft (RefscopeWindow *self);
void refscope_window_fill_recent (RefscopeWindow *self);
