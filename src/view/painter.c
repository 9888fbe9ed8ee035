/* painter.c: one drawing of a laid-out scene, in the order that keeps it
 * readable: background, caption, regions and cycle halos, cards, arrows,
 * cycle labels, legend. Also where the drawing is (extent, hit testing). */
#include "painter-private.h"

#include <math.h>

#define CAPTION_GAP 8.0
#define LEGEND_GAP 10.0
#define LEGEND_MIN_WIDTH 560.0

void
view_paint_options_init (ViewPaintOptions *options)
{
  *options = (ViewPaintOptions){
    .theme = VIEW_THEME_LIGHT,
    .legend = TRUE,
    .caption = TRUE,
    .animation = 1.0,
  };
}

/* The box of node index: the layout's boxes are in the scene's order when
 * the layout was made for this scene; otherwise look it up by id. */
static const ViewBox *
layout_box (const ViewLayout *layout, GHashTable **index, guint i, guint64 id)
{
  gpointer found;

  if (layout == NULL)
    return NULL;
  if (i < layout->n_nodes && layout->ids[i] == id)
    return &layout->boxes[i];
  if (layout->index != NULL)
    return view_layout_find (layout, id);
  /* A layout made by hand has no index: make one for this paint. */
  if (*index == NULL)
    {
      *index = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint k = 0; k < layout->n_nodes; k++)
        g_hash_table_insert (*index, &layout->ids[k], &layout->boxes[k]);
    }
  found = g_hash_table_lookup (*index, &id);
  return found;
}

static double
graph_width (const ViewLayout *layout)
{
  return (layout ? layout->bounds.width : 0) + 2 * PAINTER_GRAPH_PAD;
}

static double
graph_height (const ViewLayout *layout)
{
  return (layout ? layout->bounds.height : 0) + 2 * PAINTER_GRAPH_PAD;
}

/* Where the layout's point (0, 0) is drawn: it depends on the caption's
 * height, never on any card, so hit testing needs no measuring. */
static void
graph_origin (PainterState *state, double *x, double *y)
{
  const ViewLayout *layout = state->layout;
  double top = PAINTER_MARGIN;

  if (state->options->caption)
    top += state->caption_height + CAPTION_GAP;
  /* Whole points, so that cards at whole positions have crisp edges. */
  *x = round (PAINTER_MARGIN + PAINTER_GRAPH_PAD - (layout ? layout->bounds.x : 0));
  *y = round (top + PAINTER_GRAPH_PAD - (layout ? layout->bounds.y : 0));
}

static void
state_frame (PainterState *state, const ViewScene *scene, const ViewLayout *layout,
             const ViewPaintOptions *options)
{
  *state = (PainterState){
    .scene = scene,
    .layout = layout,
    .text = painter_text_get (),
    .fade = 1,
  };
  if (options)
    state->own_options = *options;
  else
    view_paint_options_init (&state->own_options);
  state->options = &state->own_options;
  state->palette = view_palette_get (state->options->theme);
  if (state->options->caption)
    painter_caption_size (state, &state->caption_width, &state->caption_height);
  graph_origin (state, &state->graph_x, &state->graph_y);
}

void
painter_state_init (PainterState *state, const ViewScene *scene, const ViewLayout *layout,
                    const ViewPaintOptions *options)
{
  GHashTable *index = NULL, *from_index = NULL;
  double t = 1.0, width;
  const ViewLayout *from = NULL;

  state_frame (state, scene, layout, options);
  options = state->options;
  if (options->from != NULL && options->animation < 1.0)
    {
      from = options->from;
      t = CLAMP (options->animation, 0.0, 1.0);
    }

  state->cards = g_new (PainterCard, scene->n_nodes);
  state->rects = g_new (ViewBox, scene->n_nodes);
  state->alpha = g_new (double, scene->n_nodes);
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const ViewNode *node = &scene->nodes[i];
      PainterCard *card = &state->cards[i];
      const ViewBox *box = layout_box (layout, &index, i, node->id);
      ViewBox *rect = &state->rects[i];
      double x, y;

      painter_card_geometry (state->text, node, card);
      state->alpha[i] = 1.0;
      if (box == NULL)
        {
          *rect = (ViewBox){ 0, 0, -1, -1 };
          continue;
        }
      /* Centred in its box: the same place when the layout used our sizes. */
      x = box->x + (box->width - card->width) / 2;
      y = box->y + (box->height - card->height) / 2;
      if (from != NULL)
        {
          const ViewBox *before = layout_box (from, &from_index, G_MAXUINT, node->id);

          if (before != NULL)
            {
              double bx = before->x + (before->width - card->width) / 2;
              double by = before->y + (before->height - card->height) / 2;

              x = bx + (x - bx) * t;
              y = by + (y - by) * t;
            }
          else
            state->alpha[i] = t;
        }
      else
        {
          x = round (x);
          y = round (y);
        }
      *rect = (ViewBox){ x + state->graph_x, y + state->graph_y, card->width, card->height };
    }
  if (index)
    g_hash_table_unref (index);
  if (from_index)
    g_hash_table_unref (from_index);

  width = MAX (graph_width (layout), state->caption_width);
  if (options->legend)
    painter_legend_size (state, MAX (width, LEGEND_MIN_WIDTH), &state->legend_width,
                         &state->legend_height);
  width = MAX (width, state->legend_width);
  state->width = ceil (width + 2 * PAINTER_MARGIN);
  state->height = state->graph_y + (layout ? layout->bounds.y : 0) - PAINTER_GRAPH_PAD
                  + graph_height (layout) + PAINTER_MARGIN;
  if (options->legend)
    state->height += LEGEND_GAP + state->legend_height;
  state->height = ceil (state->height);
}

void
painter_state_clear (PainterState *state)
{
  g_clear_pointer (&state->cards, g_free);
  g_clear_pointer (&state->rects, g_free);
  g_clear_pointer (&state->alpha, g_free);
}

static void
draw_cards (cairo_t *cr, PainterState *state)
{
  const ViewScene *scene = state->scene;

  /* Ghosts under the living, frames last so their names stay on top. */
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind == VIEW_NODE_GHOST)
      painter_card_draw (cr, state, i);
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind != VIEW_NODE_GHOST && scene->nodes[i].kind != VIEW_NODE_FRAME)
      painter_card_draw (cr, state, i);
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind == VIEW_NODE_FRAME)
      painter_card_draw (cr, state, i);
}

void
view_paint (cairo_t *cr, const ViewScene *scene, const ViewLayout *layout,
            const ViewPaintOptions *options)
{
  PainterState state;

  g_return_if_fail (cr != NULL && scene != NULL);
  painter_state_init (&state, scene, layout, options);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, state.width, state.height);
  view_rgba_set (cr, state.palette->background);
  cairo_fill (cr);
  if (state.options->caption)
    painter_caption_draw (cr, &state, PAINTER_MARGIN, PAINTER_MARGIN);
  painter_region_draw (cr, &state);
  painter_cycles_draw (cr, &state);
  draw_cards (cr, &state);
  painter_edges_draw (cr, &state);
  painter_cycle_labels_draw (cr, &state);
  if (state.options->legend)
    painter_legend_draw (cr, &state, PAINTER_MARGIN,
                         state.height - PAINTER_MARGIN - state.legend_height,
                         state.width - 2 * PAINTER_MARGIN);
  cairo_restore (cr);
  painter_state_clear (&state);
}

void
view_paint_extent (const ViewScene *scene, const ViewLayout *layout,
                   const ViewPaintOptions *options, double *width, double *height)
{
  PainterState state;

  g_return_if_fail (scene != NULL);
  painter_state_init (&state, scene, layout, options);
  *width = state.width;
  *height = state.height;
  painter_state_clear (&state);
}

gboolean
view_paint_node_rect (const ViewScene *scene, const ViewLayout *layout,
                      const ViewPaintOptions *options, guint index, ViewBox *rect)
{
  PainterState state;
  gboolean found;

  g_return_val_if_fail (scene != NULL && index < scene->n_nodes, FALSE);
  painter_state_init (&state, scene, layout, options);
  *rect = state.rects[index];
  found = rect->width >= 0;
  painter_state_clear (&state);
  return found;
}

gint
view_paint_hit_with (const ViewScene *scene, const ViewLayout *layout,
                     const ViewPaintOptions *options, double x, double y)
{
  PainterState state;
  GHashTable *index = NULL;
  gint hit = -1;

  if (scene == NULL || layout == NULL)
    return -1;
  state_frame (&state, scene, layout, options);
  /* Cards fill their boxes, so the boxes are enough. Frames are drawn last,
   * then objects, then ghosts: the first found in that order is on top. */
  for (int pass = 0; pass < 3 && hit < 0; pass++)
    for (guint k = scene->n_nodes; k-- > 0;)
      {
        const ViewNode *node = &scene->nodes[k];
        const ViewBox *box;
        int node_pass = node->kind == VIEW_NODE_FRAME ? 0 : node->kind == VIEW_NODE_GHOST ? 2 : 1;
        double bx, by;

        if (node_pass != pass || (box = layout_box (layout, &index, k, node->id)) == NULL)
          continue;
        bx = box->x + state.graph_x;
        by = box->y + state.graph_y;
        if (x >= bx && x < bx + box->width && y >= by && y < by + box->height)
          {
            hit = (gint) k;
            break;
          }
      }
  if (index)
    g_hash_table_unref (index);
  return hit;
}

gint
view_paint_hit (const ViewScene *scene, const ViewLayout *layout, double x, double y)
{
  return view_paint_hit_with (scene, layout, NULL, x, y);
}
