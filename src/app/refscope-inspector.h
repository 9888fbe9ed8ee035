/* refscope-inspector.h: the side panel that explains the selected object:
 * what it is, who holds it, why it is alive, and its story. */
#pragma once

#include <adwaita.h>

#include "recording.h"

G_BEGIN_DECLS

#define REFSCOPE_TYPE_INSPECTOR (refscope_inspector_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeInspector, refscope_inspector, REFSCOPE, INSPECTOR, GtkWidget)

/* Shows object id of recording at step (id 0 or recording NULL: a hint).
 * Emits "select" (guint64 id) when an object named in it is clicked, and
 * "step-activated" (guint step) when a step of its history is. */
void refscope_inspector_show (RefscopeInspector *self, RefscopeRecording *recording, guint step,
                              guint64 id);
/* The title shown ("list", "int 1000"), or NULL: for tests. */
const char *refscope_inspector_get_title (RefscopeInspector *self);

G_END_DECLS
