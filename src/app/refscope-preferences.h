/* refscope-preferences.h: the preferences window, bound to GSettings. */
#pragma once

#include <adwaita.h>

GtkWindow *refscope_preferences_new (GtkWindow *parent);
