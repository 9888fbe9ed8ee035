/* painter-cycles.c: what is drawn behind the cards to group them: a halo
 * in each cycle's colour around its members (with a label saying whether
 * anything outside keeps it alive), and the region of cached and interned
 * atoms. */
#include "painter-private.h"
#include "view-i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HULL_PAD 8.0
#define HULL_ROUND 8.0
#define ARC_STEPS 6

typedef struct
{
  double x, y;
} Point;

static int
point_compare (gconstpointer a, gconstpointer b)
{
  const Point *p = a, *q = b;

  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return p->y < q->y ? -1 : p->y > q->y;
}

static double
cross (Point o, Point a, Point b)
{
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* Andrew's monotone chain; hull gets up to n + 1 points, returns how many. */
static guint
convex_hull (Point *points, guint n, Point *hull)
{
  guint k = 0;

  qsort (points, n, sizeof (Point), point_compare);
  for (guint i = 0; i < n; i++)
    {
      while (k >= 2 && cross (hull[k - 2], hull[k - 1], points[i]) <= 0)
        k--;
      hull[k++] = points[i];
    }
  for (guint i = n - 1, t = k + 1; i-- > 0;)
    {
      while (k >= t && cross (hull[k - 2], hull[k - 1], points[i]) <= 0)
        k--;
      hull[k++] = points[i];
    }
  return k > 1 ? k - 1 : k;
}

/* The members' cards, grown by the pad with rounded corners, and the
 * convex hull of it all: one smooth shape however the members stand. */
static guint
cycle_hull (PainterState *state, const ViewCycle *cycle, Point **out, ViewBox *bbox)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (Point));
  double inset = HULL_PAD - HULL_ROUND;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n;

  for (guint m = 0; m < cycle->n_members; m++)
    {
      guint node = cycle->members[m];
      const ViewBox *r;
      double cx[2], cy[2];

      if (node >= state->scene->n_nodes || state->rects[node].width < 0)
        continue;
      r = &state->rects[node];
      cx[0] = r->x - inset;
      cx[1] = r->x + r->width + inset;
      cy[0] = r->y - inset;
      cy[1] = r->y + r->height + inset;
      x0 = MIN (x0, r->x);
      y0 = MIN (y0, r->y);
      x1 = MAX (x1, r->x + r->width);
      y1 = MAX (y1, r->y + r->height);
      for (int c = 0; c < 4; c++)
        {
          double px = cx[c & 1], py = cy[c >> 1];
          double base = (c == 0 ? G_PI : c == 1 ? 1.5 * G_PI : c == 2 ? 0.5 * G_PI : 0);

          for (int s = 0; s <= ARC_STEPS; s++)
            {
              double angle = base + (G_PI / 2) * s / ARC_STEPS;
              Point p = { px + HULL_ROUND * cos (angle), py + HULL_ROUND * sin (angle) };

              g_array_append_val (points, p);
            }
        }
    }
  *bbox = (ViewBox){ x0, y0, x1 - x0, y1 - y0 };
  if (points->len == 0)
    {
      g_array_unref (points);
      *out = NULL;
      return 0;
    }
  *out = g_new (Point, points->len + 1);
  n = convex_hull ((Point *) points->data, points->len, *out);
  g_array_unref (points);
  return n;
}

static gboolean
inside_convex (const Point *hull, guint n, Point p)
{
  for (guint i = 0; i < n; i++)
    if (cross (hull[i], hull[(i + 1) % n], p) < 0)
      return FALSE;
  return TRUE;
}

/* Whether the hull would take in a card that is not a member: then it
 * would say that card is in the cycle. */
static gboolean
hull_takes_others (PainterState *state, const ViewCycle *cycle, const Point *hull, guint n)
{
  const ViewScene *scene = state->scene;
  g_autofree gboolean *member = g_new0 (gboolean, scene->n_nodes);

  for (guint m = 0; m < cycle->n_members; m++)
    if (cycle->members[m] < scene->n_nodes)
      member[cycle->members[m]] = TRUE;
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const ViewBox *r = &state->rects[i];

      if (member[i] || r->width < 0)
        continue;
      for (int k = 0; k < 9; k++)
        {
          Point p = { r->x + 1 + (r->width - 2) * (k % 3) / 2.0,
                      r->y + 1 + (r->height - 2) * (k / 3) / 2.0 };

          if (inside_convex (hull, n, p))
            return TRUE;
        }
    }
  return FALSE;
}

/* How a cycle is outlined: one hull around its members when they stand
 * together, else a halo around each (its thick arrows join them). */
typedef struct
{
  Point *hull;
  guint n;                  /* hull points; 0: a halo per member */
  double label_x, label_y;  /* the top-left of the outline, for its label */
  gboolean any;
} CycleShape;

static void
cycle_shape (PainterState *state, guint c, CycleShape *shape)
{
  const ViewCycle *cycle = &state->scene->cycles[c];
  ViewBox bbox;

  memset (shape, 0, sizeof *shape);
  shape->n = cycle_hull (state, cycle, &shape->hull, &bbox);
  shape->any = shape->n >= 3;
  if (!shape->any)
    return;
  shape->label_x = bbox.x - HULL_PAD + 8;
  shape->label_y = bbox.y - HULL_PAD;
  if (hull_takes_others (state, cycle, shape->hull, shape->n))
    {
      double top = G_MAXDOUBLE;

      shape->n = 0;
      for (guint m = 0; m < cycle->n_members; m++)
        {
          const ViewBox *r = &state->rects[cycle->members[m]];

          if (r->y < top)
            {
              top = r->y;
              shape->label_x = r->x - HULL_PAD + 8;
              shape->label_y = r->y - HULL_PAD;
            }
        }
    }
}

void
painter_cycles_draw (cairo_t *cr, PainterState *state)
{
  const ViewScene *scene = state->scene;

  for (guint c = 0; c < scene->n_cycles; c++)
    {
      const ViewCycle *cycle = &scene->cycles[c];
      ViewRgba colour = view_palette_cycle (state->palette, (gint) c);
      CycleShape shape;

      cycle_shape (state, c, &shape);
      if (!shape.any)
        {
          g_free (shape.hull);
          continue;
        }
      if (shape.n > 0)
        {
          cairo_move_to (cr, shape.hull[0].x, shape.hull[0].y);
          for (guint i = 1; i < shape.n; i++)
            cairo_line_to (cr, shape.hull[i].x, shape.hull[i].y);
          cairo_close_path (cr);
        }
      else
        for (guint m = 0; m < cycle->n_members; m++)
          {
            const ViewBox *r = &state->rects[cycle->members[m]];

            if (r->width >= 0)
              painter_rounded_rect (cr, r->x - HULL_PAD, r->y - HULL_PAD, r->width + 2 * HULL_PAD,
                                    r->height + 2 * HULL_PAD, PAINTER_RADIUS + HULL_PAD);
          }
      view_rgba_set_alpha (cr, colour, state->options->theme == VIEW_THEME_DARK ? 0.2 : 0.16);
      cairo_fill_preserve (cr);
      view_rgba_set_alpha (cr, colour, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      g_free (shape.hull);
    }
}

static void
cycle_label (const ViewCycle *cycle, guint index, char *buf, gsize size)
{
  if (cycle->garbage)
    /* Translators: the label of a reference cycle on the canvas; cycles
     * are numbered from 1. */
    g_snprintf (buf, size, _("cycle %u · garbage: only the collector frees it"), index + 1);
  else if (cycle->n_outside_referrers > 0)
    g_snprintf (buf, size,
                /* Translators: the label of a reference cycle, its number and
                 * how many references from outside it keep it alive. */
                g_dngettext (VIEW_GETTEXT_DOMAIN,
                             "cycle %u · kept alive by %u reference from outside",
                             "cycle %u · kept alive by %u references from outside",
                             cycle->n_outside_referrers),
                index + 1, cycle->n_outside_referrers);
  else
    /* Translators: the label of a reference cycle, numbered from 1. */
    g_snprintf (buf, size, _("cycle %u"), index + 1);
}

/* Ink that reads on fill: the palette's dark text on light colours. */
static ViewRgba
ink_on (const ViewPalette *palette, ViewRgba fill)
{
  double luminance = 0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b;

  if (luminance > 0.45)
    return (ViewRgba){ 0.1, 0.11, 0.13, 1 };
  return (ViewRgba){ 1, 1, 1, 1 };
}

void
painter_cycle_labels_draw (cairo_t *cr, PainterState *state)
{
  const ViewScene *scene = state->scene;

  for (guint c = 0; c < scene->n_cycles; c++)
    {
      ViewRgba colour = view_palette_cycle (state->palette, (gint) c);
      CycleShape shape;
      char label[128];

      cycle_shape (state, c, &shape);
      g_free (shape.hull);
      if (!shape.any)
        continue;
      cycle_label (&scene->cycles[c], c, label, sizeof label);
      /* On the outline's top edge, where no arrow ends. */
      painter_pill_draw (cr, state->text, label, shape.label_x,
                         shape.label_y + state->text->ascent[PAINTER_FONT_SMALL_BOLD] / 2 - 1, colour,
                         ink_on (state->palette, colour));
    }
}

static gboolean
is_shared_atom (const ViewNode *node)
{
  return node->kind == VIEW_NODE_ATOM && (node->flags & (VIEW_NODE_CACHED | VIEW_NODE_INTERNED));
}

static gboolean
overlaps (const ViewBox *a, double x0, double y0, double x1, double y1)
{
  return a->x < x1 && a->x + a->width > x0 && a->y < y1 && a->y + a->height > y0;
}

void
painter_region_draw (cairo_t *cr, PainterState *state)
{
  const ViewScene *scene = state->scene;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  const double pad = 12;
  double title_h = state->text->height[PAINTER_FONT_SMALL_BOLD] + 4;
  guint n = 0;

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const ViewBox *r = &state->rects[i];

      if (!is_shared_atom (&scene->nodes[i]) || r->width < 0)
        continue;
      x0 = MIN (x0, r->x);
      y0 = MIN (y0, r->y);
      x1 = MAX (x1, r->x + r->width);
      y1 = MAX (y1, r->y + r->height);
      n++;
    }
  if (n == 0)
    return;
  /* Only where the layout kept them together: a region over other cards
   * would say they are cached too. */
  for (guint i = 0; i < scene->n_nodes; i++)
    if (!is_shared_atom (&scene->nodes[i]) && state->rects[i].width >= 0
        && overlaps (&state->rects[i], x0 - pad, y0 - pad - title_h, x1 + pad, y1 + pad))
      return;
  painter_rounded_rect (cr, x0 - pad, y0 - pad - title_h, x1 - x0 + 2 * pad,
                        y1 - y0 + 2 * pad + title_h, 10);
  view_rgba_set (cr, state->palette->region);
  cairo_fill_preserve (cr);
  view_rgba_set_alpha (cr, state->palette->text_muted, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  view_rgba_set (cr, state->palette->text_muted);
  /* Translators: the title of the region where the shared atoms are drawn:
   * small ints and other cached objects, and interned strings. */
  painter_text_draw (cr, state->text, PAINTER_FONT_SMALL_BOLD, _("cached and interned"),
                     x0 - pad + 8,
                     y0 - pad - title_h + 4 + state->text->ascent[PAINTER_FONT_SMALL_BOLD]);
}
