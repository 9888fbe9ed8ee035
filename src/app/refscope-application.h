/* refscope-application.h: the application: one runtime engine, windows,
 * app-wide actions and their accelerators. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REFSCOPE_TYPE_APPLICATION (refscope_application_get_type ())
G_DECLARE_FINAL_TYPE (RefscopeApplication, refscope_application, REFSCOPE, APPLICATION,
                      AdwApplication)

RefscopeApplication *refscope_application_new (void);

G_END_DECLS
