/* painter-legend.c: the words around the graph: the caption above (step,
 * statement, the collector's counts) and the legend below, which lists only
 * the marks the scene uses, so a slide explains itself without clutter. */
#include "painter-private.h"
#include "view-i18n.h"

#include <stdio.h>
#include <string.h>

#define SWATCH_W 28.0
#define SWATCH_H 16.0
#define ITEM_GAP 18.0
#define ROW_GAP 6.0
#define LEGEND_PAD 10.0
#define CAPTION_LINE_GAP 5.0
#define SOURCE_CHARS 90

typedef enum
{
  ITEM_REFERENCE,
  ITEM_GEN0,
  ITEM_GEN1,
  ITEM_GEN2,
  ITEM_PERMANENT,
  ITEM_UNTRACKED,
  ITEM_GARBAGE,
  ITEM_CYCLE,
  ITEM_INTO_CYCLE,
  ITEM_CHANGED,
  ITEM_REMOVED,
  ITEM_GHOST,
  N_ITEMS
} Item;

static const char *const item_text[N_ITEMS] = {
  [ITEM_REFERENCE] = N_("reference"),
  [ITEM_GEN0] = N_("generation 0"),
  [ITEM_GEN1] = N_("generation 1"),
  [ITEM_GEN2] = N_("generation 2"),
  /* Translators: the legend's name for the permanent generation (gc.freeze()). */
  [ITEM_PERMANENT] = N_("permanent"),
  [ITEM_UNTRACKED] = N_("untracked by the collector"),
  [ITEM_GARBAGE] = N_("garbage: unreachable, waits for the collector"),
  [ITEM_CYCLE] = N_("reference cycle"),
  [ITEM_INTO_CYCLE] = N_("keeps a cycle alive"),
  [ITEM_CHANGED] = N_("new or changed this step"),
  [ITEM_REMOVED] = N_("reference removed this step"),
  /* Translators: a freed object, still drawn faded for a few steps. */
  [ITEM_GHOST] = N_("freed (ghost)"),
};

/* Which marks the scene uses. */
static void
items_used (const ViewScene *scene, gboolean used[N_ITEMS])
{
  gboolean tracked = FALSE;

  memset (used, 0, sizeof (gboolean) * N_ITEMS);
  used[ITEM_REFERENCE] = scene->n_edges > 0;
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const ViewNode *node = &scene->nodes[i];

      if (node->kind == VIEW_NODE_GHOST)
        {
          used[ITEM_GHOST] = TRUE;
          continue;
        }
      if (node->kind == VIEW_NODE_FRAME)
        {
          for (guint s = 0; s < node->n_slots; s++)
            {
              used[ITEM_CHANGED] |= node->slots[s].change == VIEW_CHANGE_ADDED;
              used[ITEM_REMOVED] |= node->slots[s].change == VIEW_CHANGE_REMOVED;
            }
          continue;
        }
      if (node->gen >= 0 && node->gen <= 2)
        tracked = TRUE;
      used[ITEM_PERMANENT] |= node->gen == 3;
      used[ITEM_UNTRACKED] |= node->gen < 0 || node->gen > 3;
      used[ITEM_GARBAGE] |= (node->flags & VIEW_NODE_GARBAGE) != 0;
      used[ITEM_CHANGED] |= (node->flags & VIEW_NODE_NEW) || node->refcnt_delta != 0;
      for (guint s = 0; s < node->n_slots; s++)
        {
          used[ITEM_CHANGED] |= node->slots[s].change == VIEW_CHANGE_ADDED;
          used[ITEM_REMOVED] |= node->slots[s].change == VIEW_CHANGE_REMOVED;
        }
    }
  /* The three generations go together: a band means more beside the others. */
  used[ITEM_GEN0] = used[ITEM_GEN1] = used[ITEM_GEN2] = tracked;
  used[ITEM_CYCLE] = scene->n_cycles > 0;
  for (guint i = 0; i < scene->n_edges; i++)
    {
      guint flags = scene->edges[i].flags;

      used[ITEM_INTO_CYCLE] |= (flags & VIEW_EDGE_INTO_CYCLE) && !(flags & VIEW_EDGE_REMOVED);
      used[ITEM_CHANGED] |= (flags & VIEW_EDGE_NEW) != 0;
      used[ITEM_REMOVED] |= (flags & VIEW_EDGE_REMOVED) != 0;
    }
}

static double
item_width (PainterText *text, Item item)
{
  return SWATCH_W + 7 + painter_text_width (text, PAINTER_FONT_SMALL, _(item_text[item]));
}

static double
row_height (PainterText *text)
{
  return MAX (SWATCH_H, text->height[PAINTER_FONT_SMALL]);
}

/* Flows the items into rows no wider than max_width; calls draw for each
 * when cr is set. */
static void
legend_flow (cairo_t *cr, PainterState *state, double x0, double y0, double max_width,
             double *width, double *height);

void
painter_legend_size (PainterState *state, double max_width, double *width, double *height)
{
  legend_flow (NULL, state, 0, 0, max_width, width, height);
}

static void
swatch_draw (cairo_t *cr, PainterState *state, Item item, double x, double y)
{
  const ViewPalette *pal = state->palette;
  double cy = y + SWATCH_H / 2;

  cairo_new_path (cr);
  switch (item)
    {
    case ITEM_REFERENCE:
    case ITEM_INTO_CYCLE:
    case ITEM_REMOVED:
      {
        ViewRgba colour = item == ITEM_REMOVED ? pal->removed : pal->edge;
        static const double dashes[] = { 4, 3 };

        if (item == ITEM_INTO_CYCLE)
          {
            cairo_move_to (cr, x + 3, cy);
            cairo_line_to (cr, x + SWATCH_W - 4, cy);
            cairo_set_line_width (cr, 6.5);
            view_rgba_set (cr, view_palette_cycle (pal, 0));
            cairo_stroke (cr);
          }
        cairo_arc (cr, x + 3, cy, 3, 0, 2 * G_PI);
        view_rgba_set (cr, colour);
        if (item == ITEM_REMOVED)
          {
            cairo_set_line_width (cr, 1.2);
            cairo_stroke (cr);
            cairo_set_dash (cr, dashes, 2, 0);
          }
        else
          cairo_fill (cr);
        cairo_move_to (cr, x + 6, cy);
        cairo_line_to (cr, x + SWATCH_W - 7, cy);
        cairo_set_line_width (cr, 1.5);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        cairo_move_to (cr, x + SWATCH_W, cy);
        cairo_line_to (cr, x + SWATCH_W - 8, cy - 4);
        cairo_line_to (cr, x + SWATCH_W - 8, cy + 4);
        cairo_close_path (cr);
        if (item == ITEM_REMOVED)
          {
            cairo_set_line_width (cr, 1.2);
            cairo_stroke (cr);
          }
        else
          cairo_fill (cr);
        break;
      }
    case ITEM_GEN0:
    case ITEM_GEN1:
    case ITEM_GEN2:
    case ITEM_PERMANENT:
    case ITEM_UNTRACKED:
      painter_rounded_rect (cr, x + 0.5, y + 0.5, SWATCH_W - 1, SWATCH_H - 1, 3);
      view_rgba_set (cr, pal->card_fill);
      cairo_fill_preserve (cr);
      view_rgba_set (cr, item == ITEM_UNTRACKED ? pal->untracked : pal->card_border);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      if (item == ITEM_UNTRACKED)
        painter_hatch (cr, x + 1, y + 1, PAINTER_BAND, SWATCH_H - 2, pal->untracked);
      else
        {
          cairo_rectangle (cr, x + 1, y + 1, PAINTER_BAND, SWATCH_H - 2);
          view_rgba_set (cr, view_palette_gen (pal, item - ITEM_GEN0));
          cairo_fill (cr);
        }
      break;
    case ITEM_GARBAGE:
    case ITEM_GHOST:
      {
        static const double garbage_dashes[] = { 5, 3 };
        static const double ghost_dashes[] = { 3, 2 };

        painter_rounded_rect (cr, x + 1, y + 1, SWATCH_W - 2, SWATCH_H - 2, 3);
        view_rgba_set_alpha (cr, item == ITEM_GARBAGE ? pal->garbage_fill : pal->card_fill,
                             item == ITEM_GHOST ? 0.6 : 1);
        cairo_fill_preserve (cr);
        cairo_set_dash (cr, item == ITEM_GARBAGE ? garbage_dashes : ghost_dashes, 2, 0);
        cairo_set_line_width (cr, item == ITEM_GARBAGE ? 2 : 1.3);
        view_rgba_set (cr, item == ITEM_GARBAGE ? pal->garbage : pal->ghost);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        break;
      }
    case ITEM_CYCLE:
      {
        ViewRgba colour = view_palette_cycle (pal, 0);

        painter_rounded_rect (cr, x + 1, y + 1, SWATCH_W - 2, SWATCH_H - 2, SWATCH_H / 2);
        view_rgba_set_alpha (cr, colour, 0.2);
        cairo_fill_preserve (cr);
        view_rgba_set_alpha (cr, colour, 0.9);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
        break;
      }
    case ITEM_CHANGED:
      painter_pill_draw (cr, state->text, "+1", x + 2,
                         cy + state->text->ascent[PAINTER_FONT_SMALL_BOLD] / 2 - 1, pal->changed,
                         pal->changed_text);
      break;
    case N_ITEMS:
      break;
    }
}

static void
legend_flow (cairo_t *cr, PainterState *state, double x0, double y0, double max_width,
             double *width, double *height)
{
  PainterText *text = state->text;
  gboolean used[N_ITEMS];
  double h = row_height (text);
  double x = 0, y = 0, widest = 0;
  gboolean any = FALSE;

  items_used (state->scene, used);
  max_width -= 2 * LEGEND_PAD;
  for (Item item = 0; item < N_ITEMS; item++)
    {
      double w;

      if (!used[item])
        continue;
      w = item_width (text, item);
      if (x > 0 && x + ITEM_GAP + w > max_width)
        {
          x = 0;
          y += h + ROW_GAP;
        }
      if (x > 0)
        x += ITEM_GAP;
      if (cr)
        {
          swatch_draw (cr, state, item, x0 + LEGEND_PAD + x, y0 + LEGEND_PAD + y + (h - SWATCH_H) / 2);
          view_rgba_set (cr, state->palette->text);
          painter_text_draw (cr, text, PAINTER_FONT_SMALL, _(item_text[item]),
                             x0 + LEGEND_PAD + x + SWATCH_W + 7,
                             y0 + LEGEND_PAD + y + (h - text->height[PAINTER_FONT_SMALL]) / 2
                               + text->ascent[PAINTER_FONT_SMALL]);
        }
      x += w;
      widest = MAX (widest, x);
      any = TRUE;
    }
  *width = any ? widest + 2 * LEGEND_PAD : 0;
  *height = any ? y + h + 2 * LEGEND_PAD : 0;
}

void
painter_legend_draw (cairo_t *cr, PainterState *state, double x, double y, double max_width)
{
  double w, h;

  legend_flow (NULL, state, x, y, max_width, &w, &h);
  if (w <= 0)
    return;
  painter_rounded_rect (cr, x + 0.5, y + 0.5, w - 1, h - 1, 8);
  view_rgba_set (cr, state->palette->frame_fill);
  cairo_fill_preserve (cr);
  view_rgba_set_alpha (cr, state->palette->frame_border, 0.7);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  legend_flow (cr, state, x, y, max_width, &w, &h);
}

/* The caption. */

typedef struct
{
  char step[96];
  char source[SOURCE_CHARS * 4 + 8];
  char line[48];
  char gc[256];
} Caption;

/* A phase of a collection as the caption names it: the name of its pass in
 * CPython's gcmodule.c (as trace files spell it), translated where the
 * program set a language. */
static const char *
phase_label (TracePhase phase)
{
  switch (phase)
    {
    case TRACE_PHASE_UPDATE_REFS:
      /* Translators: a pass of the collector, named as in CPython's source;
       * this one copies each refcount into gc_refs. */
      return C_("collector phase", "update_refs");
    case TRACE_PHASE_SUBTRACT_REFS:
      /* Translators: a pass of the collector, named as in CPython's source;
       * this one subtracts the references between the examined objects. */
      return C_("collector phase", "subtract_refs");
    case TRACE_PHASE_MOVE_UNREACHABLE:
      /* Translators: a pass of the collector, named as in CPython's source;
       * this one separates the reachable objects from the unreachable. */
      return C_("collector phase", "move_unreachable");
    case TRACE_PHASE_FINALIZE:
      /* Translators: a pass of the collector, named as in CPython's source;
       * this one runs the __del__ methods of the unreachable objects. */
      return C_("collector phase", "finalize");
    case TRACE_PHASE_RESURRECTED:
      /* Translators: a pass of the collector, named as in CPython's source;
       * this one keeps the objects a finalizer made reachable again. */
      return C_("collector phase", "resurrected");
    case TRACE_PHASE_CLEAR:
      /* Translators: a pass of the collector, named as in CPython's source;
       * this one clears the references inside the garbage cycles. */
      return C_("collector phase", "clear");
    case TRACE_PHASE_PROMOTE:
      /* Translators: a pass of the collector, named as in CPython's source;
       * this one moves the survivors to the next older generation. */
      return C_("collector phase", "promote");
    default:
      return trace_phase_name (phase);
    }
}

static void
caption_texts (const ViewScene *scene, Caption *c)
{
  const TraceHeapStats *stats = &scene->stats;

  memset (c, 0, sizeof *c);
  if (scene->n_steps > 0)
    g_snprintf (c->step, sizeof c->step, _("Step %u of %u"), scene->step, scene->n_steps);
  else
    g_snprintf (c->step, sizeof c->step, _("Step %u"), scene->step);
  if (scene->source_line)
    {
      g_autofree char *line = g_strstrip (g_strdup (scene->source_line));
      char *o = line;

      /* Runs of spaces that aligned comments in the code are only a gap on
       * a caption: keep two. */
      for (const char *i = line; *i; i++)
        if (!(*i == ' ' && o - line >= 2 && o[-1] == ' ' && o[-2] == ' '))
          *o++ = *i;
      *o = '\0';
      painter_text_clip (c->source, sizeof c->source, line, SOURCE_CHARS);
    }
  if (scene->line > 0)
    /* Translators: the line of the program the step ran, beside its source. */
    g_snprintf (c->line, sizeof c->line, _("line %u"), scene->line);
  if (stats->thresholds[0] > 0)
    {
      int n = g_snprintf (c->gc, sizeof c->gc,
                          "gc.get_count() = (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                          ", %" G_GINT64_FORMAT ")    gc.get_threshold() = (%" G_GINT64_FORMAT
                          ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                          stats->counts[0], stats->counts[1], stats->counts[2],
                          stats->thresholds[0], stats->thresholds[1], stats->thresholds[2]);

      if (stats->collecting >= 0 && stats->collecting <= 2 && n > 0 && (gsize) n < sizeof c->gc)
        {
          const char *phase = phase_label ((TracePhase) stats->phase);
          char collecting[160];

          if (phase)
            /* Translators: the collection under way and the step of it, as
             * CPython's collector names it ("subtract_refs"). */
            g_snprintf (collecting, sizeof collecting, _("collecting generation %d: %s"),
                        stats->collecting, phase);
          else
            g_snprintf (collecting, sizeof collecting, _("collecting generation %d"),
                        stats->collecting);
          g_snprintf (c->gc + n, sizeof c->gc - n, "    %s", collecting);
        }
    }
}

void
painter_caption_size (PainterState *state, double *width, double *height)
{
  PainterText *text = state->text;
  Caption c;
  double w;

  caption_texts (state->scene, &c);
  w = painter_text_width (text, PAINTER_FONT_CAPTION, c.step);
  if (c.source[0])
    w += 18 + painter_text_width (text, PAINTER_FONT_CAPTION_MONO, c.source);
  if (c.line[0])
    w += 12 + painter_text_width (text, PAINTER_FONT_SMALL, c.line);
  *height = MAX (text->height[PAINTER_FONT_CAPTION], text->height[PAINTER_FONT_CAPTION_MONO]);
  if (c.gc[0])
    {
      w = MAX (w, painter_text_width (text, PAINTER_FONT_MONO_SMALL, c.gc));
      *height += CAPTION_LINE_GAP + text->height[PAINTER_FONT_MONO_SMALL];
    }
  *width = w;
}

void
painter_caption_draw (cairo_t *cr, PainterState *state, double x, double y)
{
  PainterText *text = state->text;
  const ViewPalette *pal = state->palette;
  double baseline = y + MAX (text->ascent[PAINTER_FONT_CAPTION], text->ascent[PAINTER_FONT_CAPTION_MONO]);
  double line_h = MAX (text->height[PAINTER_FONT_CAPTION], text->height[PAINTER_FONT_CAPTION_MONO]);
  double x0 = x;
  Caption c;

  caption_texts (state->scene, &c);
  view_rgba_set (cr, pal->text);
  painter_text_draw (cr, text, PAINTER_FONT_CAPTION, c.step, x, baseline);
  x += painter_text_width (text, PAINTER_FONT_CAPTION, c.step);
  if (c.source[0])
    {
      double w = painter_text_width (text, PAINTER_FONT_CAPTION_MONO, c.source);

      x += 18;
      /* The statement on a code-coloured strip, as in an editor. */
      painter_rounded_rect (cr, x - 6, baseline - text->ascent[PAINTER_FONT_CAPTION_MONO] - 3,
                            w + 12, text->height[PAINTER_FONT_CAPTION_MONO] + 6, 4);
      view_rgba_set (cr, pal->frame_header);
      cairo_fill (cr);
      view_rgba_set (cr, pal->text);
      painter_text_draw (cr, text, PAINTER_FONT_CAPTION_MONO, c.source, x, baseline);
      x += w;
    }
  if (c.line[0])
    {
      x += 12;
      view_rgba_set (cr, pal->text_muted);
      painter_text_draw (cr, text, PAINTER_FONT_SMALL, c.line, x, baseline);
    }
  if (c.gc[0])
    {
      view_rgba_set (cr, pal->text_muted);
      painter_text_draw (cr, text, PAINTER_FONT_MONO_SMALL, c.gc, x0,
                         y + line_h + CAPTION_LINE_GAP + text->ascent[PAINTER_FONT_MONO_SMALL]);
    }
}
