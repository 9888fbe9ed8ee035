/* step-picture.h: the scene and layout of one step as the app reaches it
 * stepping forward, for pictures made without the app (the CLI's render). */
#pragma once

#include "layout.h"
#include "scene.h"

/* Steps are laid out from the start of their block of this many: pictures
 * of two steps in one block (a lesson's slides) never reshuffle, and the
 * work stays bounded on long traces. */
#define VIEW_STEP_PICTURE_BLOCK 100

typedef struct
{
  ViewScene *scene;
  ViewSizes *sizes;     /* view_card_measure's, one per scene node */
  ViewLayout *layout;
} ViewStepPicture;

/* Builds step's scene (changes marked against step - 1) and lays it out
 * after every step since the start of its block, each keeping the places
 * of the nodes that stood in the one before (view_layout_compute with a
 * previous layout), so the picture is the one the app shows on stepping
 * there from the block's start. Uses Graphviz: call it on the layout
 * thread. */
void view_step_picture_build (ViewStepPicture *picture, TraceTimeline *timeline, guint step,
                              const ViewSceneOptions *options);
void view_step_picture_clear (ViewStepPicture *picture);
