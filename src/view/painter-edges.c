/* painter-edges.c: the arrows, from a slot's dot to the left edge of the
 * card it refers to (around the cards when that edge lies behind; to its
 * right edge when it stands in the same column; above or below the cards
 * in between when a straight curve would cross them), styled by what they
 * mean: in a cycle, keeping a cycle alive, new, just removed. */
#include "painter-private.h"

#include <math.h>
#include <stdio.h>

#define ARROW_LENGTH 10.0
#define ARROW_HALF 4.6
#define DOT_RADIUS 3.6
#define LOOP_OUT 18.0
#define LANE_GAP 10.0       /* between a detour's lane and the cards it passes */
#define CURVE_SAMPLES 24

typedef enum
{
  ROUTE_FORWARD,            /* to a card on the right: one S-curve to its left edge */
  ROUTE_AROUND,             /* to a card on the left: between or around the cards */
  ROUTE_BESIDE,             /* to a card in the same column (or itself): a C-curve
                               on the right to its right edge */
  ROUTE_DETOUR,             /* to a card on the right past cards in the way: down
                               or up to a lane clear of them, along it, and on */
} Route;

typedef struct
{
  guint edge;
  Route route;
  double x1, y1, x2, y2;    /* the dot, and the arrow's tip */
  double lane_y, lane_x1, lane_x2;  /* ROUTE_DETOUR's lane */
  int rank;                 /* drawing order: removed, plain, into a cycle, in a cycle */
} Arrow;

/* The drawn cards by their top edge, to find those near an arrow fast. */
typedef struct
{
  guint *by_top;            /* node indexes */
  guint n;
  double tallest;
} CardIndex;

static Route
route_for (const ViewBox *src, const ViewBox *dst)
{
  if (dst->x >= src->x + src->width + 12)
    return ROUTE_FORWARD;
  if (dst->x < src->x + src->width && dst->x + dst->width > src->x)
    return ROUTE_BESIDE;
  return ROUTE_AROUND;
}

static gboolean
has_rect (PainterState *state, guint node)
{
  return node < state->scene->n_nodes && state->rects[node].width >= 0;
}

static int
arrow_by_target (gconstpointer a, gconstpointer b, gpointer user)
{
  const Arrow *x = a, *y = b;
  PainterState *state = user;
  guint tx = state->scene->edges[x->edge].to_node, ty = state->scene->edges[y->edge].to_node;

  if (tx != ty)
    return tx < ty ? -1 : 1;
  if ((x->route == ROUTE_BESIDE) != (y->route == ROUTE_BESIDE))
    return x->route == ROUTE_BESIDE ? 1 : -1;
  if (x->y1 != y->y1)
    return x->y1 < y->y1 ? -1 : 1;
  return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

static int
arrow_by_rank (gconstpointer a, gconstpointer b)
{
  const Arrow *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank - y->rank;
  return x->edge < y->edge ? -1 : x->edge > y->edge;
}

static int
edge_rank (guint flags)
{
  if (flags & VIEW_EDGE_REMOVED)
    return 0;
  if (flags & VIEW_EDGE_IN_CYCLE)
    return 3;
  if (flags & VIEW_EDGE_INTO_CYCLE)
    return 2;
  return 1;
}

/* The path of an arrow, ending where its head begins. */
static void
arrow_path (cairo_t *cr, const Arrow *a, const ViewBox *src, const ViewBox *dst)
{
  double x1 = a->x1, y1 = a->y1, x2 = a->x2, y2 = a->y2;

  cairo_move_to (cr, x1, y1);
  switch (a->route)
    {
    case ROUTE_FORWARD:
      {
        double xe = x2 - ARROW_LENGTH;
        double d = MAX (28.0, (x2 - x1) * 0.45);

        cairo_curve_to (cr, x1 + d, y1, xe - d, y2, xe, y2);
        break;
      }
    case ROUTE_DETOUR:
      {
        double xe = x2 - ARROW_LENGTH;
        double d1 = (a->lane_x1 - x1) * 0.5, d2 = (xe - a->lane_x2) * 0.5;

        cairo_curve_to (cr, x1 + d1, y1, a->lane_x1 - d1, a->lane_y, a->lane_x1, a->lane_y);
        cairo_line_to (cr, a->lane_x2, a->lane_y);
        cairo_curve_to (cr, a->lane_x2 + d2, a->lane_y, xe - d2, y2, xe, y2);
        break;
      }
    case ROUTE_BESIDE:
      {
        /* Longer loops bulge further, so that loops nest rather than cross. */
        double xe = x2 + ARROW_LENGTH;
        double xr = MAX (src->x + src->width, dst->x + dst->width) + 22
                    + MIN (70.0, fabs (y2 - y1) * 0.08);

        cairo_curve_to (cr, xr, y1, xr, y2, xe, y2);
        break;
      }
    case ROUTE_AROUND:
      {
        double xe = x2 - ARROW_LENGTH;
        double src_bottom = src->y + src->height, dst_bottom = dst->y + dst->height;
        double xr = src->x + src->width + LOOP_OUT;
        double xl = MIN (dst->x, xe) - LOOP_OUT;
        double yv, a_end, b_start;

        if (dst->y >= src_bottom + 8)
          yv = (src_bottom + dst->y) / 2;
        else if (dst_bottom + 8 <= src->y)
          yv = (dst_bottom + src->y) / 2;
        else
          yv = MAX (src_bottom, dst_bottom) + 14;
        a_end = xr - LOOP_OUT;
        b_start = xl + LOOP_OUT;
        if (b_start > a_end)
          a_end = b_start = (a_end + b_start) / 2;
        cairo_curve_to (cr, xr, y1, xr, yv, a_end, yv);
        cairo_line_to (cr, b_start, yv);
        cairo_curve_to (cr, xl, yv, xl, y2, xe, y2);
        break;
      }
    }
}

/* A head with its tip at (x, y), pointing right (direction 1) or left (-1). */
static void
arrow_head (cairo_t *cr, double x, double y, double direction, gboolean open)
{
  double back = x - direction * ARROW_LENGTH;

  cairo_move_to (cr, back, y - ARROW_HALF);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, back, y + ARROW_HALF);
  if (open)
    {
      /* A removed reference ends in an open head: it no longer counts. */
      cairo_set_line_width (cr, 1.4);
      cairo_stroke (cr);
      return;
    }
  cairo_line_to (cr, back + direction * 2, y);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static gboolean
is_garbage (const ViewNode *node)
{
  return node->kind != VIEW_NODE_GHOST && (node->flags & VIEW_NODE_GARBAGE);
}

static void
draw_arrow (cairo_t *cr, PainterState *state, const Arrow *a)
{
  const ViewScene *scene = state->scene;
  const ViewPalette *pal = state->palette;
  const ViewEdge *edge = &scene->edges[a->edge];
  const ViewNode *from = &scene->nodes[edge->from_node];
  const ViewNode *to = &scene->nodes[edge->to_node];
  const ViewBox *src = &state->rects[edge->from_node], *dst = &state->rects[edge->to_node];
  double alpha = MIN (state->alpha[edge->from_node], state->alpha[edge->to_node]);
  double width = 1.5;
  gint cycle = -1;
  ViewRgba colour = pal->edge;
  gboolean removed = (edge->flags & VIEW_EDGE_REMOVED) != 0;

  if (to->kind == VIEW_NODE_GHOST || from->kind == VIEW_NODE_GHOST)
    alpha *= 0.6;
  if (is_garbage (from) || (edge->flags & VIEW_EDGE_TO_GARBAGE))
    colour = pal->garbage;
  if ((edge->flags & VIEW_EDGE_INTO_CYCLE) && !(edge->flags & VIEW_EDGE_REMOVED))
    cycle = to->cycle;
  if ((edge->flags & VIEW_EDGE_IN_CYCLE) && from->cycle >= 0)
    {
      colour = view_palette_cycle (pal, from->cycle);
      width = 3.0;
    }
  if (removed)
    {
      colour = pal->removed;
      width = 1.4;
      alpha *= 0.85;
    }

  cairo_save (cr);
  state->fade = alpha;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  arrow_path (cr, a, src, dst);
  if ((edge->flags & VIEW_EDGE_NEW) && !removed)
    {
      /* New this step: a highlighter stroke under the arrow. */
      cairo_set_line_width (cr, width + (cycle >= 0 ? 11 : 7));
      painter_ink_alpha (cr, state, pal->changed, state->options->theme == VIEW_THEME_DARK ? 0.55 : 0.75);
      cairo_stroke_preserve (cr);
    }
  else
    {
      /* A casing in the background colour keeps crossings readable. */
      cairo_set_line_width (cr, width + (cycle >= 0 ? 8 : 2.5));
      painter_ink_alpha (cr, state, pal->background, 0.8);
      cairo_stroke_preserve (cr);
    }
  if (cycle >= 0)
    {
      /* A reference from outside that keeps a cycle alive: cased in the
       * cycle's colour, as if it reached into the cycle's halo. */
      cairo_set_line_width (cr, width + 5);
      painter_ink (cr, state, view_palette_cycle (pal, cycle));
      cairo_stroke_preserve (cr);
    }
  if (removed)
    {
      static const double dashes[] = { 5, 4 };

      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_set_line_width (cr, width);
  painter_ink (cr, state, colour);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  painter_ink (cr, state, colour);
  arrow_head (cr, a->x2, a->y2, a->route == ROUTE_BESIDE ? -1 : 1, removed);
  cairo_new_path (cr);
  cairo_arc (cr, a->x1, a->y1, DOT_RADIUS, 0, 2 * G_PI);
  if (removed)
    {
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);

  state->fade = 1;
  cairo_restore (cr);
}

static int
card_by_top (gconstpointer a, gconstpointer b, gpointer user)
{
  const ViewBox *rects = user;
  double x = rects[*(const guint *) a].y, y = rects[*(const guint *) b].y;

  return x < y ? -1 : x > y;
}

static void
card_index_init (CardIndex *index, PainterState *state)
{
  index->by_top = g_new (guint, state->scene->n_nodes);
  index->n = 0;
  index->tallest = 0;
  for (guint i = 0; i < state->scene->n_nodes; i++)
    if (has_rect (state, i))
      {
        index->by_top[index->n++] = i;
        index->tallest = MAX (index->tallest, state->rects[i].height);
      }
  g_qsort_with_data (index->by_top, (gint) index->n, sizeof (guint), card_by_top, state->rects);
}

/* The first card in the index whose top is at or below y. */
static guint
card_index_from (const CardIndex *index, const ViewBox *rects, double y)
{
  guint lo = 0, hi = index->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (rects[index->by_top[mid]].y < y)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Whether box, grown by margin, holds the point. */
static gboolean
box_holds (const ViewBox *box, double margin, double x, double y)
{
  return x > box->x - margin && x < box->x + box->width + margin && y > box->y - margin
         && y < box->y + box->height + margin;
}

/* Grows *span (x1, x2, top, bottom) by the cards other than the arrow's own
 * that the test finds in the way: the sampled forward curve, or with lane
 * set the horizontal line at *lane from x1 to x2. TRUE if any was. */
static gboolean
cards_in_way (const CardIndex *index, PainterState *state, const Arrow *a, const double *lane,
              double span[4])
{
  const ViewScene *scene = state->scene;
  guint from = scene->edges[a->edge].from_node, to = scene->edges[a->edge].to_node;
  double ylo = lane != NULL ? *lane : MIN (a->y1, a->y2);
  double yhi = lane != NULL ? *lane : MAX (a->y1, a->y2);
  double xlo = lane != NULL ? span[0] : a->x1, xhi = lane != NULL ? span[1] : a->x2;
  gboolean found = FALSE;

  for (guint k = card_index_from (index, state->rects, ylo - index->tallest - 2); k < index->n;
       k++)
    {
      guint node = index->by_top[k];
      const ViewBox *box = &state->rects[node];
      gboolean hit = FALSE;

      if (box->y > yhi + 2)
        break;
      if (node == from || node == to || box->x + box->width < xlo || box->x > xhi
          || box->y + box->height < ylo - 2)
        continue;
      if (lane != NULL)
        hit = TRUE;
      else
        {
          double xe = a->x2 - ARROW_LENGTH, d = MAX (28.0, (a->x2 - a->x1) * 0.45);

          for (int i = 1; i < CURVE_SAMPLES && !hit; i++)
            {
              double t = (double) i / CURVE_SAMPLES, u = 1 - t;
              double x = u * u * u * a->x1 + 3 * u * u * t * (a->x1 + d) + 3 * u * t * t * (xe - d)
                         + t * t * t * xe;
              double y = (u * u * u + 3 * u * u * t) * a->y1 + (3 * u * t * t + t * t * t) * a->y2;
              hit = box_holds (box, 2, x, y);
            }
        }
      if (hit)
        {
          span[0] = MIN (span[0], box->x);
          span[1] = MAX (span[1], box->x + box->width);
          span[2] = MIN (span[2], box->y);
          span[3] = MAX (span[3], box->y + box->height);
          found = TRUE;
        }
    }
  return found;
}

/* A forward arrow whose curve would cross cards is sent along a lane above
 * or below them, whichever is clear and nearer; if neither comes clear
 * within a few widenings it keeps its curve. */
static void
plan_detour (const CardIndex *index, PainterState *state, Arrow *a)
{
  double span[4] = { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
  double best = G_MAXDOUBLE;

  if (!cards_in_way (index, state, a, NULL, span))
    return;
  for (int side = 0; side < 2; side++)
    {
      double s[4] = { span[0], span[1], span[2], span[3] };

      for (int tries = 0; tries < 4; tries++)
        {
          double lane = side == 0 ? s[2] - LANE_GAP : s[3] + LANE_GAP;
          double x1 = MAX (s[0] - LANE_GAP, a->x1 + 16);
          double x2 = MIN (s[1] + LANE_GAP, a->x2 - ARROW_LENGTH - 16);
          double lane_span[4] = { x1, x2, G_MAXDOUBLE, -G_MAXDOUBLE };
          double cost;

          if (x2 <= x1)
            break;
          if (cards_in_way (index, state, a, &lane, lane_span))
            {
              s[0] = MIN (s[0], lane_span[0]);
              s[1] = MAX (s[1], lane_span[1]);
              s[2] = MIN (s[2], lane_span[2]);
              s[3] = MAX (s[3], lane_span[3]);
              continue;
            }
          cost = fabs (lane - a->y1) + fabs (lane - a->y2);
          if (cost < best)
            {
              best = cost;
              a->route = ROUTE_DETOUR;
              a->lane_y = lane;
              a->lane_x1 = x1;
              a->lane_x2 = x2;
            }
          break;
        }
    }
}

void
painter_edges_draw (cairo_t *cr, PainterState *state)
{
  const ViewScene *scene = state->scene;
  GArray *arrows = g_array_sized_new (FALSE, FALSE, sizeof (Arrow), scene->n_edges);

  for (guint i = 0; i < scene->n_edges; i++)
    {
      const ViewEdge *edge = &scene->edges[i];
      const ViewBox *src;
      Arrow a = { .edge = i, .rank = edge_rank (edge->flags) };

      if (!has_rect (state, edge->from_node) || !has_rect (state, edge->to_node))
        continue;
      src = &state->rects[edge->from_node];
      a.x1 = src->x + painter_card_dot_x (&state->cards[edge->from_node]);
      if (edge->from_slot < scene->nodes[edge->from_node].n_slots)
        a.y1 = src->y + painter_card_slot_y (&state->cards[edge->from_node], edge->from_slot);
      else
        a.y1 = src->y + state->cards[edge->from_node].header_height / 2;
      a.route = route_for (src, &state->rects[edge->to_node]);
      g_array_append_val (arrows, a);
    }

  /* Arrows into one side of a card arrive spread along its header, in the
   * order of their starts, so that they do not cross at the end. */
  g_array_sort_with_data (arrows, arrow_by_target, state);
  for (guint i = 0; i < arrows->len;)
    {
      const Arrow *first = &g_array_index (arrows, Arrow, i);
      guint to = scene->edges[first->edge].to_node;
      gboolean right = first->route == ROUTE_BESIDE;
      const ViewBox *dst = &state->rects[to];
      const PainterCard *card = &state->cards[to];
      guint n = 0;
      double top, span;

      while (i + n < arrows->len)
        {
          const Arrow *next = &g_array_index (arrows, Arrow, i + n);

          if (scene->edges[next->edge].to_node != to || (next->route == ROUTE_BESIDE) != right)
            break;
          n++;
        }
      span = MIN (MAX (card->header_height - 10, n * 7.0), card->height - 10);
      top = dst->y + (card->header_height - 10 >= n * 7.0 ? 5 : (card->height - span) / 2);
      for (guint k = 0; k < n; k++)
        {
          Arrow *a = &g_array_index (arrows, Arrow, i + k);

          a->x2 = right ? dst->x + dst->width : dst->x;
          a->y2 = top + span * (k + 0.5) / n;
        }
      i += n;
    }

  {
    CardIndex index;

    card_index_init (&index, state);
    for (guint i = 0; i < arrows->len; i++)
      {
        Arrow *a = &g_array_index (arrows, Arrow, i);
        if (a->route == ROUTE_FORWARD)
          plan_detour (&index, state, a);
      }
    g_free (index.by_top);
  }

  g_array_sort (arrows, arrow_by_rank);
  for (guint i = 0; i < arrows->len; i++)
    draw_arrow (cr, state, &g_array_index (arrows, Arrow, i));
  g_array_unref (arrows);
}
