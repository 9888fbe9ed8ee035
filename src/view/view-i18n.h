/* view-i18n.h: gettext for the words the view layer draws and names, looked
 * up in the 'refscope' domain so that the library needs no GETTEXT_PACKAGE. */
#pragma once

#include <glib.h>
#include <string.h>

/* The view layer never binds the domain nor sets the locale: the program
 * does. The app does both, so its canvas speaks the user's language; the
 * command line and the tests set no locale, so their pictures stay in
 * English, byte for byte. */
#define VIEW_GETTEXT_DOMAIN "refscope"

/* Named as <glib/gi18n-lib.h> names them, so that xgettext's glib preset
 * (po/meson.build) extracts the strings without keywords of its own; plural
 * strings call g_dngettext (VIEW_GETTEXT_DOMAIN, ...), which it knows too. */
#define _(String) ((char *) g_dgettext (VIEW_GETTEXT_DOMAIN, String))
#define N_(String) (String)
#define C_(Context, String)                                                                        \
  ((char *) g_dpgettext (VIEW_GETTEXT_DOMAIN, Context "\004" String, strlen (Context) + 1))
