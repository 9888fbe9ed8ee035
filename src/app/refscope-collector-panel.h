/* refscope-collector-panel.h: the side panel that shows the cyclic
 * collector's generations at one step and lets the user act on a live heap. */
#pragma once

#include <gtk/gtk.h>

#include "recording.h"

G_BEGIN_DECLS

#define REFSCOPE_TYPE_COLLECTOR_PANEL (refscope_collector_panel_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeCollectorPanel, refscope_collector_panel, REFSCOPE, COLLECTOR_PANEL,
                      GtkWidget)

/* Signals:
 *   "run-code" (const char *code): Python code to run on the live heap,
 *   "import gc\ngc.collect(1)\n" or "import gc\ngc.set_threshold(700, 10, 10)\n".
 * Properties:
 *   "live" (gboolean, FALSE): the heap can be acted on; otherwise the
 *   buttons are insensitive. */

GtkWidget *refscope_collector_panel_new (void);

/* Shows the collector's state at step of recording (NULL: the defaults of
 * an empty heap). Keeps a reference to recording. The work is put off
 * while the panel is not mapped. */
void refscope_collector_panel_show (RefscopeCollectorPanel *self, RefscopeRecording *recording,
                                    guint step);

void refscope_collector_panel_set_live (RefscopeCollectorPanel *self, gboolean live);
gboolean refscope_collector_panel_get_live (RefscopeCollectorPanel *self);

G_END_DECLS
