/* step-picture.c: a step's picture laid out along the steps before it. */
#include "step-picture.h"

#include "painter.h"

void
view_step_picture_build (ViewStepPicture *picture, TraceTimeline *timeline, guint step,
                         const ViewSceneOptions *options)
{
  guint first = step > 0 ? (step - 1) / VIEW_STEP_PICTURE_BLOCK * VIEW_STEP_PICTURE_BLOCK : 0;

  *picture = (ViewStepPicture){ NULL };
  for (guint s = first; s <= step; s++)
    {
      ViewLayout *previous = g_steal_pointer (&picture->layout);

      view_step_picture_clear (picture);
      picture->scene = view_scene_build (timeline, s, s > 0 ? s - 1 : G_MAXUINT, options);
      picture->sizes = view_card_measure (picture->scene);
      picture->layout = view_layout_compute (picture->scene, picture->sizes, previous,
                                             VIEW_LAYOUT_AUTO);
      g_clear_pointer (&previous, view_layout_unref);
    }
}

void
view_step_picture_clear (ViewStepPicture *picture)
{
  g_clear_pointer (&picture->scene, view_scene_unref);
  g_clear_pointer (&picture->sizes, view_sizes_free);
  g_clear_pointer (&picture->layout, view_layout_unref);
}
