/* painter-cards.c: one card per node: its geometry (shared by measuring and
 * drawing, so the layout's boxes are exactly the cards drawn) and its
 * drawing: header, generation band, slot rows and footer notes. */
#include "painter-private.h"
#include "view-i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PAD_X 9.0
#define HEADER_PAD 6.0
#define LINE_GAP 3.0
#define BODY_PAD 4.0
#define ROW_PAD 5.0
#define CELL_GAP 8.0
#define CELL_PAD 6.0
#define DOT_SPACE 20.0
#define FOOTER_PAD 5.0
#define FOOTER_GAP 2.0
#define HEADER_GAP 18.0
#define MIN_WIDTH 112.0
#define MIN_FRAME_WIDTH 132.0

static const char minus_sign[] = "\u2212";

static gboolean
node_is_garbage (const ViewNode *node)
{
  return node->kind != VIEW_NODE_GHOST && (node->flags & VIEW_NODE_GARBAGE);
}

static const char *
gen_tag (const ViewNode *node)
{
  /* Translators: the generation a card's object is in, short for the
   * card's header; "permanent" is the generation of gc.freeze(). */
  static const char *const names[] = { N_("gen 0"), N_("gen 1"), N_("gen 2"), N_("permanent") };

  if (node->gen >= 0 && node->gen <= 3)
    return _(names[node->gen]);
  /* Translators: on a card: the collector does not track this object. */
  return _("untracked");
}

/* The badge beside the title of an object created at this step. */
static const char *
new_badge (void)
{
  /* Translators: a badge on the card of an object created at this step. */
  return _("new");
}

/* Types whose contents are all their slots: with none, they are empty
 * (a class or a module with no slots shown is not). */
static gboolean
is_container (const ViewNode *node)
{
  static const char *const names[] = { "list", "tuple", "dict", "set", "frozenset" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (node->type_name, names[i]) == 0)
      return !(node->flags & VIEW_NODE_PREEXISTING);
  return FALSE;
}

static void
append_tag (char *buf, gsize size, const char *tag)
{
  if (buf[0] != '\0')
    g_strlcat (buf, " · ", size);
  g_strlcat (buf, tag, size);
}

/* Thousands separated, as the scene's titles are. */
static void
format_count (char *buf, gsize size, guint64 n)
{
  char digits[32];
  gsize len = (gsize) g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  gsize o = 0;

  for (gsize i = 0; i < len && o + 2 < size; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        buf[o++] = ',';
      buf[o++] = digits[i];
    }
  buf[o] = '\0';
}

/* The row before which the hidden items go. Items are labelled by index:
 * where the indexes jump, or after the last when none does (the first
 * items of a container known only in part). Otherwise the scene shows the
 * first items and the last few (at most five). */
static guint
hidden_gap (const ViewNode *node)
{
  gboolean indexes = node->n_slots > 0;

  for (guint i = 0; i < node->n_slots && indexes; i++)
    indexes = node->slots[i].slot_kind == TRACE_SLOT_INDEX && node->slots[i].label != NULL;
  if (indexes)
    {
      for (guint i = 1; i < node->n_slots; i++)
        {
          char *end_a, *end_b;
          gint64 a = g_ascii_strtoll (node->slots[i - 1].label, &end_a, 10);
          gint64 b = g_ascii_strtoll (node->slots[i].label, &end_b, 10);

          if (*end_a == '\0' && *end_b == '\0' && b != a + 1)
            return i;
        }
      return node->n_slots;
    }
  return node->n_slots - MIN (5, node->n_slots / 2);
}

static void
footer_add (PainterCard *card, gboolean garbage, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
footer_add (PainterCard *card, gboolean garbage, const char *format, ...)
{
  va_list args;

  if (card->n_footer == G_N_ELEMENTS (card->footer))
    return;
  va_start (args, format);
  g_vsnprintf (card->footer[card->n_footer], sizeof card->footer[0], format, args);
  va_end (args);
  card->footer_garbage[card->n_footer++] = garbage;
}

static void
card_texts (const ViewNode *node, PainterCard *card)
{
  gboolean frame = node->kind == VIEW_NODE_FRAME;
  gboolean ghost = node->kind == VIEW_NODE_GHOST;
  char count[40];
  char number[32];
  const char *title = node->title ? node->title : node->type_name;

  /* An atom's value is its body: its title need not repeat it. */
  if (node->kind == VIEW_NODE_ATOM && node->value && node->type_name)
    title = node->type_name;
  painter_text_clip (card->title, sizeof card->title, title ? title : "?", PAINTER_TITLE_CHARS);
  if (frame)
    return;
  if (!ghost && node->refcnt >= 0)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, node->refcnt);
      /* Translators: a card's reference count, "refcount 3". */
      g_snprintf (card->refcount, sizeof card->refcount, _("refcount %s"), number);
    }
  if (!ghost && node->refcnt_delta != 0)
    g_snprintf (card->delta, sizeof card->delta, "%s%" G_GINT64_FORMAT,
                node->refcnt_delta > 0 ? "+" : minus_sign,
                node->refcnt_delta > 0 ? node->refcnt_delta : -node->refcnt_delta);
  if (node->addr != 0)
    g_snprintf (card->address, sizeof card->address, "0x%" G_GINT64_MODIFIER "x", node->addr);
  if (!ghost)
    append_tag (card->tags, sizeof card->tags, gen_tag (node));
  if (node->flags & VIEW_NODE_CACHED)
    /* Translators: a tag on a card: a small int or other object Python
     * keeps one copy of and shares. */
    append_tag (card->tags, sizeof card->tags, _("cached"));
  if (node->flags & VIEW_NODE_INTERNED)
    /* Translators: a tag on a card: an interned string. */
    append_tag (card->tags, sizeof card->tags, _("interned"));
  /* During a collection the working count is the point: it goes in the
   * header beside the refcount, where the eye already reads counts. */
  if (node->gc_refs >= 0 && !ghost && node->refcnt >= 0)
    {
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, node->refcnt);
      g_snprintf (count, sizeof count, "%" G_GINT64_FORMAT, node->gc_refs);
      /* Translators: a card's reference count and the collector's working
       * count during a collection, "refcount 3 · gc_refs 1". */
      g_snprintf (card->refcount, sizeof card->refcount, _("refcount %s · gc_refs %s"), number,
                  count);
    }

  if (node->kind == VIEW_NODE_OBJECT && node->n_slots == 0 && is_container (node))
    /* Translators: a container with no items. */
    g_strlcpy (card->hidden, _("empty"), sizeof card->hidden);
  else if (node->flags & VIEW_NODE_SUMMARY || node->hidden_slots > 0 || node->hidden_text)
    {
      if (node->hidden_text)
        g_snprintf (card->hidden, sizeof card->hidden, "… %s", node->hidden_text);
      else if (node->hidden_slots > 0)
        {
          char more[64];

          format_count (count, sizeof count, node->hidden_slots);
          /* Translators: the items of a collapsed container left out, a
           * count with thousands separated: "1,000 more". */
          g_snprintf (more, sizeof more, _("%s more"), count);
          g_snprintf (card->hidden, sizeof card->hidden, "… %s", more);
        }
    }

  if (ghost)
    /* Translators: at the foot of the card of an object that was freed. */
    footer_add (card, FALSE, "%s", node->ghost_cause ? node->ghost_cause : _("freed"));
  if (node_is_garbage (node))
    {
      if (node->garbage_gen >= 0 && node->garbage_gen <= 2)
        /* Translators: at the foot of a garbage object's card: the youngest
         * generation whose collection will free it. */
        footer_add (card, TRUE, _("garbage — freed by a generation %d collection"),
                    node->garbage_gen);
      else if (node->garbage_gen == 3)
        footer_add (card, TRUE, "%s", _("garbage — permanent: never collected"));
      else
        footer_add (card, TRUE, "%s", _("garbage — unreachable"));
    }
  if (!ghost && (node->flags & VIEW_NODE_UNREACHABLE))
    /* Translators: on a card during a collection, after the pass that
     * finds what is reachable. */
    footer_add (card, TRUE, "%s", _("marked unreachable by this collection"));
  if (!ghost && (node->flags & VIEW_NODE_HELD_ELSEWHERE))
    /* Translators: on a card: no variable reaches the object, only the
     * statement running holds it. */
    footer_add (card, FALSE, "%s", _("held only by a temporary"));
}

void
painter_card_geometry (PainterText *text, const ViewNode *node, PainterCard *card)
{
  gboolean frame = node->kind == VIEW_NODE_FRAME;
  gboolean atom = node->kind == VIEW_NODE_ATOM;
  double width = frame ? MIN_FRAME_WIDTH : MIN_WIDTH;
  double line1_w, line2_w, label_w = 0, value_w = DOT_SPACE;
  double row_text = MAX (text->height[PAINTER_FONT_MONO], text->height[PAINTER_FONT_ITALIC]);
  double descent = text->height[PAINTER_FONT_TITLE] - text->ascent[PAINTER_FONT_TITLE];
  char buf[PAINTER_VALUE_CHARS * 4 + 8];

  memset (card, 0, sizeof *card);
  card->gap = G_MAXUINT;
  card_texts (node, card);
  card->content_left = frame ? 0 : PAINTER_BAND;

  /* Header: type and refcount, then address and tags. */
  card->line1 = HEADER_PAD + text->ascent[PAINTER_FONT_TITLE];
  line1_w = painter_text_width (text, PAINTER_FONT_TITLE, card->title);
  if ((node->flags & VIEW_NODE_NEW) && !frame && node->kind != VIEW_NODE_GHOST)
    line1_w += 6 + painter_pill_width (text, new_badge ());
  if (card->refcount[0])
    line1_w += HEADER_GAP + painter_text_width (text, PAINTER_FONT_SMALL, card->refcount);
  if (card->delta[0])
    line1_w += 4 + painter_pill_width (text, card->delta);
  width = MAX (width, card->content_left + 2 * PAD_X + line1_w);
  if (frame)
    card->header_height = card->line1 + descent + HEADER_PAD;
  else
    {
      double a2 = MAX (text->ascent[PAINTER_FONT_MONO_SMALL], text->ascent[PAINTER_FONT_SMALL]);
      double h2 = MAX (text->height[PAINTER_FONT_MONO_SMALL], text->height[PAINTER_FONT_SMALL]);

      card->line2 = card->line1 + descent + LINE_GAP + a2;
      card->header_height = card->line2 - a2 + h2 + HEADER_PAD;
      line2_w = painter_text_width (text, PAINTER_FONT_MONO_SMALL, card->address);
      if (card->tags[0])
        line2_w += HEADER_GAP + painter_text_width (text, PAINTER_FONT_SMALL, card->tags);
      width = MAX (width, card->content_left + 2 * PAD_X + line2_w);
    }

  /* Body: one row per slot (an atom's value is its only row). */
  card->row_height = ceil (row_text + 2 * ROW_PAD);
  card->row_baseline = (card->row_height - text->height[PAINTER_FONT_MONO]) / 2
                       + text->ascent[PAINTER_FONT_MONO];
  if (atom)
    {
      card->n_rows = node->value ? 1 : 0;
      if (node->value)
        {
          painter_text_clip (buf, sizeof buf, node->value, PAINTER_VALUE_CHARS);
          value_w = MAX (value_w, painter_text_width (text, PAINTER_FONT_MONO, buf));
        }
    }
  else
    {
      card->n_rows = node->n_slots;
      for (guint i = 0; i < node->n_slots; i++)
        {
          const ViewSlot *slot = &node->slots[i];

          if (slot->label)
            {
              painter_text_clip (buf, sizeof buf, slot->label, PAINTER_LABEL_CHARS);
              label_w = MAX (label_w, painter_text_width (text, PAINTER_FONT_MONO, buf));
            }
          if (slot->inline_value)
            {
              painter_text_clip (buf, sizeof buf, slot->inline_value, PAINTER_VALUE_CHARS);
              value_w = MAX (value_w, painter_text_width (text, PAINTER_FONT_MONO, buf));
            }
        }
      if (card->hidden[0])
        {
          card->gap = hidden_gap (node);
          card->n_rows++;
          width = MAX (width, card->content_left + 2 * PAD_X
                                + painter_text_width (text, PAINTER_FONT_ITALIC, card->hidden));
        }
    }
  card->label_width = label_w;
  card->cell_left = card->content_left + PAD_X + (label_w > 0 ? label_w + CELL_GAP : 0);
  width = MAX (width, card->cell_left + 2 * CELL_PAD + value_w + PAD_X);
  card->body_top = card->header_height;
  card->footer_top = card->body_top + (card->n_rows ? card->n_rows * card->row_height + 2 * BODY_PAD : 0);

  /* Footer: what is to be known about its fate. */
  card->height = card->footer_top;
  if (card->n_footer > 0)
    {
      card->height += FOOTER_PAD + card->n_footer * text->height[PAINTER_FONT_SMALL_BOLD]
                      + (card->n_footer - 1) * FOOTER_GAP + FOOTER_PAD;
      for (guint i = 0; i < card->n_footer; i++)
        width = MAX (width, card->content_left + 2 * PAD_X
                              + painter_text_width (text, PAINTER_FONT_SMALL_BOLD, card->footer[i]));
    }
  card->width = ceil (width);
  card->height = ceil (card->height);
}

static guint
slot_row (const PainterCard *card, guint slot)
{
  return slot + (card->gap != G_MAXUINT && slot >= card->gap ? 1 : 0);
}

static double
row_top (const PainterCard *card, guint row)
{
  return card->body_top + BODY_PAD + row * card->row_height;
}

double
painter_card_slot_y (const PainterCard *card, guint slot)
{
  if (card->n_rows == 0)
    return card->header_height / 2;
  return row_top (card, slot_row (card, slot)) + card->row_height / 2;
}

double
painter_card_dot_x (const PainterCard *card)
{
  return card->width - PAD_X - CELL_PAD - 4;
}

ViewSizes *
view_card_measure (const ViewScene *scene)
{
  PainterText *text = painter_text_get ();
  ViewSizes *sizes = view_sizes_new (scene->n_nodes);
  PainterCard card;

  for (guint i = 0; i < scene->n_nodes; i++)
    {
      painter_card_geometry (text, &scene->nodes[i], &card);
      sizes->widths[i] = card.width;
      sizes->heights[i] = card.height;
    }
  return sizes;
}

/* Drawing. */

static double
ghost_alpha (const ViewNode *node)
{
  double alpha = 0.62 - 0.12 * (node->ghost_age > 0 ? node->ghost_age - 1 : 0);

  return MAX (alpha, 0.3);
}

static void
draw_glow (cairo_t *cr, PainterState *state, const PainterCard *card, ViewRgba colour)
{
  for (int k = 5; k >= 1; k--)
    {
      double d = k * 1.8;

      painter_rounded_rect (cr, -d, -d, card->width + 2 * d, card->height + 2 * d,
                            PAINTER_RADIUS + d);
      painter_ink_alpha (cr, state, colour, 0.2);
      cairo_fill (cr);
    }
}

static void
draw_header (cairo_t *cr, PainterState *state, const ViewNode *node, const PainterCard *card)
{
  PainterText *text = state->text;
  const ViewPalette *pal = state->palette;
  double x = card->content_left + PAD_X;
  double right = card->width - PAD_X;

  painter_ink (cr, state, pal->text);
  painter_text_draw (cr, text, PAINTER_FONT_TITLE, card->title, x, card->line1);
  if ((node->flags & VIEW_NODE_NEW) && node->kind != VIEW_NODE_FRAME
      && node->kind != VIEW_NODE_GHOST)
    painter_pill_draw (cr, text, new_badge (),
                       x + painter_text_width (text, PAINTER_FONT_TITLE, card->title) + 6,
                       card->line1, painter_faded (state, pal->changed),
                       painter_faded (state, pal->changed_text));
  if (card->delta[0])
    {
      right -= painter_pill_width (text, card->delta);
      painter_pill_draw (cr, text, card->delta, right, card->line1,
                         painter_faded (state, pal->changed), painter_faded (state, pal->changed_text));
      right -= 4;
    }
  if (card->refcount[0])
    {
      right -= painter_text_width (text, PAINTER_FONT_SMALL, card->refcount);
      painter_ink (cr, state, pal->text);
      painter_text_draw (cr, text, PAINTER_FONT_SMALL, card->refcount, right, card->line1);
    }
  if (node->kind == VIEW_NODE_FRAME)
    return;
  painter_ink (cr, state, pal->text_muted);
  painter_text_draw (cr, text, PAINTER_FONT_MONO_SMALL, card->address, x, card->line2);
  if (card->tags[0])
    painter_text_draw (cr, text, PAINTER_FONT_SMALL, card->tags,
                       card->width - PAD_X - painter_text_width (text, PAINTER_FONT_SMALL, card->tags),
                       card->line2);
}

static void
draw_row (cairo_t *cr, PainterState *state, const ViewNode *node, const PainterCard *card,
          guint row, const char *label, const char *value, gboolean arrow, guint8 change)
{
  PainterText *text = state->text;
  const ViewPalette *pal = state->palette;
  double top = row_top (card, row);
  double cell_w = card->width - PAD_X - card->cell_left;
  double baseline = top + card->row_baseline;
  ViewRgba ink = change == VIEW_CHANGE_REMOVED ? pal->removed : pal->text;
  char buf[PAINTER_VALUE_CHARS * 4 + 8];

  cairo_rectangle (cr, card->cell_left + 0.5, top + 2.5, cell_w - 1, card->row_height - 5);
  if (change == VIEW_CHANGE_ADDED)
    painter_ink_alpha (cr, state, pal->changed, 0.6);
  else
    painter_ink (cr, state, pal->cell_fill);
  cairo_fill_preserve (cr);
  painter_ink (cr, state, pal->cell_border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  if (label)
    {
      double x = card->content_left + PAD_X;

      painter_text_clip (buf, sizeof buf, label, PAINTER_LABEL_CHARS);
      /* A frame's names sit against their values, as in a table of names. */
      if (node->kind == VIEW_NODE_FRAME)
        x += card->label_width - painter_text_width (text, PAINTER_FONT_MONO, buf);
      painter_ink (cr, state, node->kind == VIEW_NODE_FRAME ? ink : pal->text_muted);
      if (change == VIEW_CHANGE_REMOVED)
        painter_ink (cr, state, pal->removed);
      painter_text_draw (cr, text, PAINTER_FONT_MONO, buf, x, baseline);
    }
  if (value)
    {
      painter_text_clip (buf, sizeof buf, value, PAINTER_VALUE_CHARS);
      painter_ink (cr, state, ink);
      painter_text_draw (cr, text, PAINTER_FONT_MONO, buf, card->cell_left + CELL_PAD, baseline);
    }
  else if (!arrow)
    {
      /* An arrow to something not drawn: a hollow dot. */
      cairo_new_path (cr);
      cairo_arc (cr, painter_card_dot_x (card), top + card->row_height / 2, 3.2, 0, 2 * G_PI);
      painter_ink (cr, state, pal->text_muted);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  if (change == VIEW_CHANGE_REMOVED)
    {
      /* The name or item that just went, struck through. */
      double y = top + card->row_height / 2;

      cairo_move_to (cr, card->content_left + PAD_X - 2, y);
      cairo_line_to (cr, card->width - PAD_X + 2, y);
      painter_ink (cr, state, pal->removed);
      cairo_set_line_width (cr, 1.3);
      cairo_stroke (cr);
    }
}

static void
draw_body (cairo_t *cr, PainterState *state, const ViewNode *node, const PainterCard *card)
{
  if (node->kind == VIEW_NODE_ATOM)
    {
      if (node->value)
        draw_row (cr, state, node, card, 0, NULL, node->value, FALSE, VIEW_CHANGE_NONE);
      return;
    }
  for (guint i = 0; i < node->n_slots; i++)
    {
      const ViewSlot *slot = &node->slots[i];

      draw_row (cr, state, node, card, slot_row (card, i), slot->label, slot->inline_value,
                slot->target_node >= 0, slot->change);
    }
  if (card->gap != G_MAXUINT)
    {
      double top = row_top (card, card->gap);

      painter_ink (cr, state, state->palette->text_muted);
      painter_text_draw (cr, state->text, PAINTER_FONT_ITALIC, card->hidden,
                         card->content_left + PAD_X, top + card->row_baseline);
    }
}

static void
draw_footer (cairo_t *cr, PainterState *state, const PainterCard *card)
{
  PainterText *text = state->text;
  double y = card->footer_top + FOOTER_PAD;

  if (card->n_footer == 0)
    return;
  cairo_move_to (cr, card->content_left, card->footer_top + 0.5);
  cairo_line_to (cr, card->width, card->footer_top + 0.5);
  painter_ink_alpha (cr, state, state->palette->card_border, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  for (guint i = 0; i < card->n_footer; i++)
    {
      painter_ink (cr, state, card->footer_garbage[i] ? state->palette->garbage
                                                 : state->palette->text_muted);
      painter_text_draw (cr, text, PAINTER_FONT_SMALL_BOLD, card->footer[i],
                         card->content_left + PAD_X, y + text->ascent[PAINTER_FONT_SMALL_BOLD]);
      y += text->height[PAINTER_FONT_SMALL_BOLD] + FOOTER_GAP;
    }
}

void
painter_card_draw (cairo_t *cr, PainterState *state, guint index)
{
  const ViewNode *node = &state->scene->nodes[index];
  const PainterCard *card = &state->cards[index];
  const ViewPalette *pal = state->palette;
  const ViewBox *rect = &state->rects[index];
  gboolean frame = node->kind == VIEW_NODE_FRAME;
  gboolean ghost = node->kind == VIEW_NODE_GHOST;
  gboolean garbage = node_is_garbage (node);
  double alpha = state->alpha[index] * (ghost ? ghost_alpha (node) : 1.0);
  ViewRgba header, fill, border;

  if (rect->width < 0 || alpha <= 0)
    return;
  cairo_save (cr);
  cairo_translate (cr, rect->x, rect->y);
  /* Faded by mixing every colour with the background rather than through
   * a group: the same look on an opaque background, and vector exports
   * stay free of transparency groups. */
  state->fade = alpha;

  if ((node->flags & VIEW_NODE_NEW) && !ghost && !frame)
    draw_glow (cr, state, card, pal->changed);

  fill = frame ? pal->frame_fill : garbage ? pal->garbage_fill : pal->card_fill;
  header = frame ? pal->frame_header : node->kind == VIEW_NODE_ATOM ? pal->atom_header : pal->card_header;
  border = frame ? pal->frame_border : pal->card_border;
  if (ghost)
    header = pal->frame_header;
  if (node->gen < 0 && !frame && !ghost)
    border = pal->untracked;

  /* Shapes that follow the card's corners rather than a clip: clipping to
   * a curve costs a mask per card, which big scenes cannot afford. */
  painter_rounded_rect (cr, 0, 0, card->width, card->height, PAINTER_RADIUS);
  painter_ink (cr, state, fill);
  cairo_fill (cr);
  painter_rounded_rect_corners (cr, 0, 0, card->width, card->header_height, PAINTER_RADIUS,
                                PAINTER_RADIUS, 0, 0);
  painter_ink (cr, state, header);
  if (node->flags & VIEW_NODE_MATCH)
    {
      cairo_fill_preserve (cr);
      painter_ink_alpha (cr, state, pal->match, 0.28);
    }
  cairo_fill (cr);
  if (!frame && !ghost)
    {
      /* The generation band: a colour per generation, hatched grey when
       * the collector does not track the object. */
      if (node->gen >= 0 && node->gen <= 3)
        {
          painter_rounded_rect_corners (cr, 0, 0, PAINTER_BAND, card->height, PAINTER_RADIUS, 0, 0,
                                        PAINTER_RADIUS);
          painter_ink (cr, state, view_palette_gen (pal, node->gen));
          cairo_fill (cr);
        }
      else
        painter_hatch (cr, 0, PAINTER_RADIUS / 2, PAINTER_BAND, card->height - PAINTER_RADIUS,
                       painter_faded (state, pal->untracked));
    }
  cairo_move_to (cr, card->content_left, card->header_height - 0.5);
  cairo_line_to (cr, card->width, card->header_height - 0.5);
  painter_ink_alpha (cr, state, border, 0.45);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  draw_header (cr, state, node, card);
  draw_body (cr, state, node, card);
  draw_footer (cr, state, card);

  /* The outline: red dashes for garbage, grey dashes for a ghost. */
  painter_rounded_rect (cr, 0.5, 0.5, card->width - 1, card->height - 1, PAINTER_RADIUS);
  if (garbage)
    {
      static const double dashes[] = { 7, 4 };

      cairo_new_path (cr);
      painter_rounded_rect (cr, 1, 1, card->width - 2, card->height - 2, PAINTER_RADIUS);
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, 2.2);
      painter_ink (cr, state, pal->garbage);
    }
  else if (ghost)
    {
      static const double dashes[] = { 4, 3 };

      cairo_set_dash (cr, dashes, 2, 0);
      cairo_set_line_width (cr, 1.4);
      painter_ink (cr, state, pal->ghost);
    }
  else
    {
      cairo_set_line_width (cr, 1);
      painter_ink (cr, state, border);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (state->options->selected == node->id || state->options->hovered == node->id)
    {
      gboolean selected = state->options->selected == node->id;

      painter_rounded_rect (cr, -2.5, -2.5, card->width + 5, card->height + 5, PAINTER_RADIUS + 2);
      painter_ink (cr, state, selected ? pal->selection : pal->hover);
      cairo_set_line_width (cr, selected ? 3 : 2);
      cairo_stroke (cr);
    }

  state->fade = 1;
  cairo_restore (cr);
}
