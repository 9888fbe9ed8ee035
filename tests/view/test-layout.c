/* test-layout.c: the layout on scenes built by hand: boxes of the given
 * sizes that never overlap, frames leftmost and in order, nodes that stood
 * staying put from step to step, the worker thread, the plugins loaded,
 * and the DOT text. */
#include "layout-private.h"

#include <gvc.h>
#include <locale.h>
#include <string.h>

/* Scenes are described as a list of nodes with their references, turned
 * into a ViewScene whenever one is wanted. */
typedef struct
{
  guint64 id;
  ViewNodeKind kind;
  double width, height;
  GArray *targets;      /* of guint64 ids */
} Spec;

static GArray *
specs_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (Spec));
}

static Spec *
spec_add (GArray *specs, guint64 id, ViewNodeKind kind, double width, double height)
{
  Spec spec = { id, kind, width, height, g_array_new (FALSE, FALSE, sizeof (guint64)) };

  g_array_append_val (specs, spec);
  return &g_array_index (specs, Spec, specs->len - 1);
}

static void
spec_refer (GArray *specs, guint from, guint64 to)
{
  g_array_append_val (g_array_index (specs, Spec, from).targets, to);
}

static void
specs_free (GArray *specs)
{
  for (guint i = 0; i < specs->len; i++)
    g_array_unref (g_array_index (specs, Spec, i).targets);
  g_array_unref (specs);
}

static gint
spec_find (GArray *specs, guint64 id)
{
  for (guint i = 0; i < specs->len; i++)
    if (g_array_index (specs, Spec, i).id == id)
      return (gint) i;
  return -1;
}

/* Frames first, as the scene builder orders them; references to ids not in
 * specs are left out. */
static ViewScene *
scene_from_specs (GArray *specs, ViewSizes **sizes)
{
  ViewScene *scene = g_new0 (ViewScene, 1);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (ViewEdge));
  g_autofree guint *order = g_new (guint, specs->len);
  g_autofree gint *node_of = g_new (gint, specs->len);
  guint n = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < specs->len; i++)
      if ((g_array_index (specs, Spec, i).kind == VIEW_NODE_FRAME) == (pass == 0))
        {
          node_of[i] = (gint) n;
          order[n++] = i;
        }

  scene->refcount = 1;
  scene->n_nodes = n;
  scene->nodes = g_new0 (ViewNode, n);
  *sizes = view_sizes_new (n);
  for (guint k = 0; k < n; k++)
    {
      Spec *spec = &g_array_index (specs, Spec, order[k]);
      ViewNode *node = &scene->nodes[k];

      node->id = spec->id;
      node->kind = spec->kind;
      node->title = spec->kind == VIEW_NODE_FRAME
                        ? g_strdup_printf ("frame %" G_GUINT64_FORMAT, spec->id)
                        : g_strdup_printf ("list %" G_GUINT64_FORMAT, spec->id);
      node->cycle = -1;
      node->refcnt = 1;
      node->slots = g_new0 (ViewSlot, spec->targets->len);
      for (guint t = 0; t < spec->targets->len; t++)
        {
          gint to = spec_find (specs, g_array_index (spec->targets, guint64, t));
          ViewSlot *slot;

          if (to < 0)
            continue;
          slot = &node->slots[node->n_slots];
          slot->label = g_strdup_printf ("%u", node->n_slots);
          slot->target = g_array_index (spec->targets, guint64, t);
          slot->target_node = node_of[to];
          g_array_append_vals (edges,
                               &(ViewEdge){ k, node->n_slots, (guint) node_of[to], 0 }, 1);
          node->n_slots++;
        }
      (*sizes)->widths[k] = spec->width;
      (*sizes)->heights[k] = spec->height;
    }
  scene->n_edges = edges->len;
  scene->edges = (ViewEdge *) g_array_free (edges, FALSE);
  return scene;
}

/* A heap as programs make them: frames holding a tree of containers of
 * fan-out about 4, a tenth more references making cycles, some garbage
 * and ghosts nothing reaches, sizes with fractions. */
static GArray *
random_specs (GRand *rand, guint n_frames, guint n_objects)
{
  GArray *specs = specs_new ();
  guint64 next_id = 1;

  for (guint f = 0; f < n_frames; f++)
    spec_add (specs, next_id++, VIEW_NODE_FRAME, 120 + g_rand_double_range (rand, 0, 60),
              30 + 17.5 * g_rand_int_range (rand, 0, 5));
  for (guint k = 0; k < n_objects; k++)
    {
      ViewNodeKind kind = g_rand_int_range (rand, 0, 20) == 0 ? VIEW_NODE_GHOST
                          : g_rand_int_range (rand, 0, 10) == 0 ? VIEW_NODE_ATOM
                                                                : VIEW_NODE_OBJECT;
      guint64 id = next_id++;

      spec_add (specs, id, kind, 60 + g_rand_double_range (rand, 0, 140),
                24 + g_rand_double_range (rand, 0, 90));
      /* One in eight is garbage: nothing holds it. */
      if (kind != VIEW_NODE_GHOST && g_rand_int_range (rand, 0, 8) != 0)
        {
          guint parent = k == 0 || n_frames == 0 || g_rand_int_range (rand, 0, 6) == 0
                             ? (guint) g_rand_int_range (rand, 0, MAX (n_frames, 1))
                             : n_frames + (k - 1) / 4;

          spec_refer (specs, MIN (parent, specs->len - 1), id);
        }
    }
  for (guint e = 0; e < specs->len / 10 + 1; e++)
    spec_refer (specs, g_rand_int_range (rand, 0, specs->len),
                g_array_index (specs, Spec, g_rand_int_range (rand, 0, specs->len)).id);
  return specs;
}

static gboolean
boxes_overlap (const ViewBox *a, const ViewBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height
         && b->y < a->y + a->height;
}

static int
compare_left (gconstpointer a, gconstpointer b, gpointer user)
{
  const ViewBox *boxes = user;
  double xa = boxes[*(const guint *) a].x, xb = boxes[*(const guint *) b].x;

  return (xa > xb) - (xa < xb);
}

/* Sorted by left edge, each box is only compared with those starting
 * before it ends. */
static void
assert_no_overlap (const ViewLayout *layout)
{
  g_autofree guint *order = g_new (guint, layout->n_nodes);

  for (guint i = 0; i < layout->n_nodes; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) layout->n_nodes, sizeof (guint), compare_left,
                     layout->boxes);
  for (guint a = 0; a < layout->n_nodes; a++)
    {
      const ViewBox *box = &layout->boxes[order[a]];

      for (guint b = a + 1; b < layout->n_nodes; b++)
        {
          const ViewBox *other = &layout->boxes[order[b]];

          if (other->x >= box->x + box->width)
            break;
          if (boxes_overlap (box, other))
            g_error ("nodes %u and %u overlap: (%g, %g, %g, %g) and (%g, %g, %g, %g)", order[a],
                     order[b], box->x, box->y, box->width, box->height, other->x, other->y,
                     other->width, other->height);
        }
    }
}

/* Every box has its node's id and size, lies within the bounds, and none
 * overlaps another; frames are left of every other node, outermost on
 * top. */
static void
assert_valid (const ViewScene *scene, const ViewSizes *sizes, const ViewLayout *layout)
{
  double frames_right = -G_MAXDOUBLE, frame_y = -G_MAXDOUBLE;
  const ViewBox *bounds = &layout->bounds;

  g_assert_cmpuint (layout->n_nodes, ==, scene->n_nodes);
  for (guint i = 0; i < scene->n_nodes; i++)
    {
      const ViewBox *box = &layout->boxes[i];

      g_assert_cmpuint (layout->ids[i], ==, scene->nodes[i].id);
      g_assert_true (view_layout_find (layout, scene->nodes[i].id) == box);
      g_assert_cmpfloat (box->width, ==, sizes->widths[i]);
      g_assert_cmpfloat (box->height, ==, sizes->heights[i]);
      g_assert_true (isfinite (box->x) && isfinite (box->y));
      g_assert_cmpfloat (box->x, >=, bounds->x - 1e-9);
      g_assert_cmpfloat (box->y, >=, bounds->y - 1e-9);
      g_assert_cmpfloat (box->x + box->width, <=, bounds->x + bounds->width + 1e-9);
      g_assert_cmpfloat (box->y + box->height, <=, bounds->y + bounds->height + 1e-9);
      if (scene->nodes[i].kind == VIEW_NODE_FRAME)
        {
          frames_right = MAX (frames_right, box->x + box->width);
          g_assert_cmpfloat (box->y, >, frame_y);
          frame_y = box->y;
        }
    }
  for (guint i = 0; i < scene->n_nodes; i++)
    if (scene->nodes[i].kind != VIEW_NODE_FRAME)
      g_assert_cmpfloat (layout->boxes[i].x, >=, frames_right);
  assert_no_overlap (layout);
}

static void
assert_full_layout (const ViewScene *scene, const ViewSizes *sizes, const ViewLayout *layout)
{
  assert_valid (scene, sizes, layout);
  if (scene->n_nodes > 0)
    {
      g_assert_cmpfloat (layout->bounds.x, ==, 0);
      g_assert_cmpfloat (layout->bounds.y, ==, 0);
    }
}

/* A global frame and a call's frame; the global's list holds two ints and
 * the call's variable holds the same list. */
static void
test_small_scene (void)
{
  const ViewLayoutEngine engines[] = { VIEW_LAYOUT_AUTO, VIEW_LAYOUT_DOT, VIEW_LAYOUT_FAST };
  GArray *specs = specs_new ();
  ViewSizes *sizes;
  ViewScene *scene;

  spec_add (specs, 1, VIEW_NODE_FRAME, 150, 64.5);
  spec_add (specs, 2, VIEW_NODE_FRAME, 110.25, 40);
  spec_add (specs, 10, VIEW_NODE_OBJECT, 90, 80);
  spec_add (specs, 11, VIEW_NODE_ATOM, 70, 30);
  spec_add (specs, 12, VIEW_NODE_ATOM, 72.5, 30);
  spec_refer (specs, 0, 10);
  spec_refer (specs, 1, 10);
  spec_refer (specs, 2, 11);
  spec_refer (specs, 2, 12);
  scene = scene_from_specs (specs, &sizes);

  for (guint e = 0; e < G_N_ELEMENTS (engines); e++)
    {
      g_autoptr (ViewLayout) layout = view_layout_compute (scene, sizes, NULL, engines[e]);
      const ViewBox *global = view_layout_find (layout, 1), *call = view_layout_find (layout, 2);
      const ViewBox *list = view_layout_find (layout, 10);
      const ViewBox *one = view_layout_find (layout, 11), *two = view_layout_find (layout, 12);

      assert_full_layout (scene, sizes, layout);
      g_assert_null (view_layout_find (layout, 99));
      g_assert_cmpfloat (global->width, ==, 150);
      g_assert_cmpfloat (call->height, ==, 40);
      /* Left to right along the references. */
      g_assert_cmpfloat (list->x, >=, global->x + global->width + VIEW_LAYOUT_RANK_GAP - 1);
      g_assert_cmpfloat (one->x, >=, list->x + list->width + VIEW_LAYOUT_RANK_GAP - 1);
      g_assert_cmpfloat (two->x, >=, list->x + list->width + VIEW_LAYOUT_RANK_GAP - 1);
      g_assert_cmpfloat (layout->bounds.width, >=, 150 + 90 + 72.5);
      g_assert_cmpuint (layout->refcount, ==, 1);
    }
  if (g_test_verbose ())
    {
      g_autoptr (ViewLayout) layout = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_DOT);

      for (guint i = 0; i < layout->n_nodes; i++)
        g_test_message ("%" G_GUINT64_FORMAT ": %g %g %g %g", layout->ids[i],
                        layout->boxes[i].x, layout->boxes[i].y, layout->boxes[i].width,
                        layout->boxes[i].height);
    }
  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

static void
test_empty_and_default_sizes (void)
{
  GArray *specs = specs_new ();
  ViewSizes *sizes;
  ViewScene *scene = scene_from_specs (specs, &sizes);
  g_autoptr (ViewLayout) empty = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_AUTO);

  g_assert_cmpuint (empty->n_nodes, ==, 0);
  g_assert_cmpfloat (empty->bounds.width, ==, 0);
  g_assert_cmpfloat (empty->bounds.height, ==, 0);
  view_scene_unref (scene);
  view_sizes_free (sizes);

  spec_add (specs, 1, VIEW_NODE_FRAME, 0, 0);
  spec_add (specs, 2, VIEW_NODE_OBJECT, 0, 0);
  spec_refer (specs, 0, 2);
  scene = scene_from_specs (specs, &sizes);
  for (ViewLayoutEngine e = VIEW_LAYOUT_AUTO; e <= VIEW_LAYOUT_FAST; e++)
    {
      g_autoptr (ViewLayout) layout = view_layout_compute (scene, NULL, NULL, e);

      /* Unmeasured nodes still get a box of some size, clear of the rest. */
      g_assert_cmpfloat (layout->boxes[0].width, >, 0);
      g_assert_cmpfloat (layout->boxes[1].height, >, 0);
      g_assert_false (boxes_overlap (&layout->boxes[0], &layout->boxes[1]));
      g_assert_cmpfloat (layout->boxes[1].x, >, layout->boxes[0].x);
    }
  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

/* Random scenes, each engine: garbage, ghosts, cycles, self-references,
 * no frames at all. */
static void
test_random_full (void)
{
  for (guint seed = 1; seed <= 40; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      guint n_objects = g_rand_int_range (rand, 1, seed < 35 ? 60 : 400);
      GArray *specs = random_specs (rand, seed % 4, n_objects);
      ViewSizes *sizes;
      ViewScene *scene = scene_from_specs (specs, &sizes);

      for (ViewLayoutEngine e = VIEW_LAYOUT_AUTO; e <= VIEW_LAYOUT_FAST; e++)
        {
          g_autoptr (ViewLayout) layout = view_layout_compute (scene, sizes, NULL, e);

          g_test_message ("seed %u, engine %d", seed, e);
          assert_full_layout (scene, sizes, layout);
        }
      view_scene_unref (scene);
      view_sizes_free (sizes);
      specs_free (specs);
    }
}

/* References removed this step are drawn but do not place nodes; neither do
 * duplicate references or references to oneself. */
static void
test_odd_edges (void)
{
  GArray *specs = specs_new ();
  ViewSizes *sizes;
  ViewScene *scene;

  spec_add (specs, 1, VIEW_NODE_FRAME, 100, 40);
  spec_add (specs, 2, VIEW_NODE_OBJECT, 100, 40);
  spec_add (specs, 3, VIEW_NODE_OBJECT, 100, 40);
  spec_refer (specs, 0, 2);
  spec_refer (specs, 0, 2);
  spec_refer (specs, 1, 2);
  spec_refer (specs, 1, 3);
  scene = scene_from_specs (specs, &sizes);
  scene->edges[3].flags |= VIEW_EDGE_REMOVED;
  for (ViewLayoutEngine e = VIEW_LAYOUT_DOT; e <= VIEW_LAYOUT_FAST; e++)
    {
      g_autoptr (ViewLayout) layout = view_layout_compute (scene, sizes, NULL, e);

      assert_full_layout (scene, sizes, layout);
      /* 3 is held by nothing now: in the first object column, not right of 2. */
      if (e == VIEW_LAYOUT_FAST)
        g_assert_cmpfloat (layout->boxes[2].x, ==, layout->boxes[1].x);
    }
  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

static guint64
pick_object (GArray *specs, GRand *rand)
{
  for (;;)
    {
      Spec *spec = &g_array_index (specs, Spec, g_rand_int_range (rand, 0, specs->len));

      if (spec->kind != VIEW_NODE_FRAME)
        return spec->id;
    }
}

/* One step of a program: a few objects die, a few are born (held by a
 * node that stood or by one just born), now and then a call or a return,
 * and now and then a card that stood grows (pushing down the cards under
 * it). Returns the id of the grown card, or 0. */
static guint64
mutate (GArray *specs, GRand *rand, guint64 *next_id)
{
  guint n_frames = 0;
  guint64 grown = 0;

  for (guint i = 0; i < specs->len; i++)
    n_frames += g_array_index (specs, Spec, i).kind == VIEW_NODE_FRAME;

  for (gint dead = g_rand_int_range (rand, 0, 3); dead > 0 && specs->len > n_frames + 2; dead--)
    {
      gint i = spec_find (specs, pick_object (specs, rand));

      g_array_unref (g_array_index (specs, Spec, i).targets);
      g_array_remove_index (specs, i);
    }
  for (gint born = g_rand_int_range (rand, 1, 6); born > 0; born--)
    {
      guint64 id = (*next_id)++;
      guint holder = g_rand_int_range (rand, 0, specs->len);

      spec_add (specs, id, VIEW_NODE_OBJECT, 60 + g_rand_double_range (rand, 0, 140),
                24 + g_rand_double_range (rand, 0, 90));
      if (g_rand_int_range (rand, 0, 10) != 0)
        spec_refer (specs, holder, id);
      if (g_rand_int_range (rand, 0, 3) == 0)
        spec_refer (specs, specs->len - 1, pick_object (specs, rand));
    }
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      /* A call: the new frame no wider than the others, as frames are in
       * this test (a wider one may reach past the objects' column). */
      spec_add (specs, (*next_id)++, VIEW_NODE_FRAME, 120, 40);
      spec_refer (specs, specs->len - 1, pick_object (specs, rand));
    }
  else if (g_rand_int_range (rand, 0, 4) == 0 && n_frames > 1)
    {
      /* A return: the innermost frame goes. */
      for (gint i = (gint) specs->len - 1; i >= 0; i--)
        if (g_array_index (specs, Spec, i).kind == VIEW_NODE_FRAME)
          {
            g_array_unref (g_array_index (specs, Spec, i).targets);
            g_array_remove_index (specs, i);
            break;
          }
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      Spec *spec = &g_array_index (specs, Spec, spec_find (specs, pick_object (specs, rand)));

      spec->height += 18;
      grown = spec->id;
    }
  return grown;
}

/* Stepping through a program's scenes: nodes that stood never move, but
 * for those a grown card pushed down (and no further than down), the grown
 * card keeps its place, boxes never overlap, frames stay leftmost and in
 * order. */
static void
test_stability (void)
{
  for (guint seed = 1; seed <= 12; seed++)
    {
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      GArray *specs = specs_new ();
      guint64 next_id = 1000;
      ViewLayout *layout = NULL;
      guint n_kept = 0, n_new = 0;

      for (guint f = 0; f < 1 + seed % 3; f++)
        spec_add (specs, next_id++, VIEW_NODE_FRAME, 120, 30 + 10 * f);
      for (guint k = 0; k < 30 + seed * 10; k++)
        {
          spec_add (specs, next_id, VIEW_NODE_OBJECT, 60 + g_rand_double_range (rand, 0, 140),
                    24 + g_rand_double_range (rand, 0, 90));
          spec_refer (specs, g_rand_int_range (rand, 0, specs->len - 1), next_id++);
        }

      for (guint step = 0; step < 40; step++)
        {
          guint64 grown = step == 0 ? 0 : mutate (specs, rand, &next_id);
          ViewSizes *sizes;
          ViewScene *scene = scene_from_specs (specs, &sizes);
          ViewLayout *next = view_layout_compute (scene, sizes, layout,
                                                  seed % 2 ? VIEW_LAYOUT_DOT : VIEW_LAYOUT_FAST);

          assert_valid (scene, sizes, next);
          for (guint i = 0; layout != NULL && i < next->n_nodes; i++)
            {
              const ViewBox *before = view_layout_find (layout, next->ids[i]);
              const ViewBox *after = &next->boxes[i];

              if (before == NULL)
                {
                  n_new++;
                  continue;
                }
              g_assert_cmpfloat (after->x, ==, before->x);
              if (grown != 0 && next->ids[i] != grown)
                g_assert_cmpfloat (after->y, >=, before->y);
              else
                g_assert_cmpfloat (after->y, ==, before->y);
              n_kept++;
            }
          view_layout_unref (layout);
          layout = next;
          view_scene_unref (scene);
          view_sizes_free (sizes);
        }
      /* The steps did keep and add nodes. */
      g_assert_cmpuint (n_kept, >, 1000);
      g_assert_cmpuint (n_new, >, 50);
      view_layout_unref (layout);
      specs_free (specs);
    }
}

/* A new node goes right of the node that holds it, a new frame below the
 * frames, a grown card keeps its place and pushes down the cards under it
 * in its column, which keep their order. */
static void
test_incremental_placement (void)
{
  GArray *specs = specs_new ();
  ViewSizes *sizes;
  ViewScene *scene;
  ViewLayout *first, *second;
  const ViewBox *holder, *born, *frame, *call;

  spec_add (specs, 1, VIEW_NODE_FRAME, 120, 40);
  spec_add (specs, 2, VIEW_NODE_OBJECT, 100, 40);
  spec_add (specs, 3, VIEW_NODE_OBJECT, 100, 40);
  spec_add (specs, 4, VIEW_NODE_OBJECT, 100, 40);
  spec_refer (specs, 0, 2);
  spec_refer (specs, 0, 3);
  spec_refer (specs, 0, 4);
  scene = scene_from_specs (specs, &sizes);
  first = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_FAST);
  view_scene_unref (scene);
  view_sizes_free (sizes);
  /* The three objects stacked in one column. */
  g_assert_cmpfloat (first->boxes[1].x, ==, first->boxes[3].x);

  spec_add (specs, 5, VIEW_NODE_OBJECT, 100, 40);
  spec_refer (specs, 2, 5);
  spec_add (specs, 6, VIEW_NODE_FRAME, 120, 40);
  g_array_index (specs, Spec, 1).height = 60;    /* 2 grows into 3 */
  scene = scene_from_specs (specs, &sizes);
  second = view_layout_compute (scene, sizes, first, VIEW_LAYOUT_AUTO);
  assert_valid (scene, sizes, second);

  holder = view_layout_find (second, 3);
  born = view_layout_find (second, 5);
  g_assert_cmpfloat (born->x, >=, holder->x + holder->width);
  g_assert_cmpfloat (born->y, >=, holder->y);
  g_assert_cmpfloat (born->x, <, holder->x + holder->width + 2 * VIEW_LAYOUT_RANK_GAP);
  frame = view_layout_find (second, 1);
  call = view_layout_find (second, 6);
  g_assert_cmpfloat (call->x, ==, frame->x);
  g_assert_cmpfloat (call->y, >, frame->y + frame->height);
  /* 2 grew into 3: 2 stays, 3 and 4 go down just enough, in order. */
  g_assert_cmpfloat (view_layout_find (second, 2)->x, ==, first->boxes[1].x);
  g_assert_cmpfloat (view_layout_find (second, 2)->y, ==, first->boxes[1].y);
  for (guint64 id = 3; id <= 4; id++)
    {
      const ViewBox *above = view_layout_find (second, id - 1);
      const ViewBox *pushed = view_layout_find (second, id);

      g_assert_cmpfloat (pushed->x, ==, first->boxes[id - 1].x);
      g_assert_cmpfloat (pushed->y, >, first->boxes[id - 1].y);
      g_assert_cmpfloat (pushed->y, ==, above->y + above->height + VIEW_LAYOUT_NODE_GAP);
    }

  view_layout_unref (second);
  view_scene_unref (scene);
  view_sizes_free (sizes);
  view_layout_unref (first);
  specs_free (specs);
}

/* A previous layout built by hand (no index), and one sharing no node with
 * the scene, which gives a full layout. */
static void
test_incremental_previous (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  GArray *specs = random_specs (rand, 2, 40);
  ViewSizes *sizes;
  ViewScene *scene = scene_from_specs (specs, &sizes);
  ViewLayout *full = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_FAST);
  ViewLayout *by_hand = g_new0 (ViewLayout, 1);
  ViewLayout *stranger = g_new0 (ViewLayout, 1);
  ViewLayout *again, *fresh;

  by_hand->refcount = 1;
  by_hand->n_nodes = full->n_nodes;
  by_hand->ids = g_memdup2 (full->ids, full->n_nodes * sizeof (guint64));
  by_hand->boxes = g_memdup2 (full->boxes, full->n_nodes * sizeof (ViewBox));
  for (guint i = 0; i < full->n_nodes; i++)
    by_hand->boxes[i].x += 1000;
  g_assert_true (view_layout_find (by_hand, full->ids[3]) == &by_hand->boxes[3]);
  again = view_layout_compute (scene, sizes, by_hand, VIEW_LAYOUT_AUTO);
  assert_valid (scene, sizes, again);
  g_assert_true (memcmp (again->boxes, by_hand->boxes, full->n_nodes * sizeof (ViewBox)) == 0);

  stranger->refcount = 1;
  stranger->n_nodes = 1;
  stranger->ids = g_new0 (guint64, 1);
  stranger->ids[0] = 987654321;
  stranger->boxes = g_new0 (ViewBox, 1);
  fresh = view_layout_compute (scene, sizes, stranger, VIEW_LAYOUT_FAST);
  assert_full_layout (scene, sizes, fresh);
  g_assert_true (memcmp (fresh->boxes, full->boxes, full->n_nodes * sizeof (ViewBox)) == 0);

  view_layout_unref (fresh);
  view_layout_unref (stranger);
  view_layout_unref (again);
  view_layout_unref (by_hand);
  view_layout_unref (full);
  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

/* The benchmark holds the real target (3 s); this guards against the big-
 * scene engine getting lost. */
static void
test_big_scene (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (10000);
  GArray *specs = random_specs (rand, 3, 10000);
  ViewSizes *sizes;
  ViewScene *scene = scene_from_specs (specs, &sizes);
  gint64 start = g_get_monotonic_time ();
  g_autoptr (ViewLayout) layout = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_AUTO);
  double seconds = (g_get_monotonic_time () - start) / 1e6;

  g_test_message ("10,003 nodes laid out in %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 10);
  assert_full_layout (scene, sizes, layout);
  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

/* Under a locale writing 1,5 for 1.5, Graphviz still reads the sizes. */
static void
test_locale (void)
{
  const char *locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  GArray *specs = specs_new ();
  ViewSizes *sizes;
  ViewScene *scene;
  gboolean set = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && !set; i++)
    set = setlocale (LC_NUMERIC, locales[i]) != NULL;
  if (!set)
    {
      g_test_skip ("no locale with a decimal comma installed");
      specs_free (specs);
      return;
    }
  spec_add (specs, 1, VIEW_NODE_FRAME, 100, 40);
  spec_add (specs, 2, VIEW_NODE_OBJECT, 100.5, 97.25);
  spec_add (specs, 3, VIEW_NODE_OBJECT, 100.5, 97.25);
  spec_refer (specs, 0, 2);
  spec_refer (specs, 0, 3);
  scene = scene_from_specs (specs, &sizes);
  {
    g_autoptr (ViewLayout) layout = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_DOT);

    setlocale (LC_NUMERIC, saved);
    assert_full_layout (scene, sizes, layout);
  }
  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

static gboolean
maps_contain (const char *needle)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, needle) != NULL;
}

/* Laying out with every plugin we have loads the three we linked, and no
 * other: Debian's gtk/gdk plugins would bring GTK 2 in. */
static void
test_no_gtk2 (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  GArray *specs = random_specs (rand, 2, 50);
  ViewSizes *sizes;
  ViewScene *scene = scene_from_specs (specs, &sizes);
  ViewLayout *layout = g_new0 (ViewLayout, 1);
  g_autoptr (ViewLayout) dot = view_layout_compute (scene, sizes, NULL, VIEW_LAYOUT_DOT);

  assert_full_layout (scene, sizes, dot);
  layout->refcount = 1;
  layout->n_nodes = scene->n_nodes;
  layout->ids = g_new0 (guint64, scene->n_nodes);
  layout->boxes = g_new0 (ViewBox, scene->n_nodes);
  for (guint i = 0; i < scene->n_nodes; i++)
    layout->boxes[i] = (ViewBox){ 0, 0, sizes->widths[i], sizes->heights[i] };
  /* sfdp comes from the neato plugin. (neato itself, and asking for an
   * engine that is not there, leak in Graphviz 2.42.) */
  g_assert_true (view_layout_run_graphviz (scene, layout, "sfdp"));

  /* Nor could anything load it later: there is no gtk, gdk or bitmap output
   * format (those come from the gtk, gdk, cairo and gd plugins), and no
   * text layout (pango's). */
  {
    g_auto (GStrv) layouts = view_layout_graphviz_plugins ("layout");
    g_auto (GStrv) devices = view_layout_graphviz_plugins ("device");
    g_auto (GStrv) text = view_layout_graphviz_plugins ("textlayout");
    g_autofree char *all_devices = g_strjoinv (" ", devices);

    g_test_message ("devices: %s", all_devices);
    g_assert_true (g_strv_contains ((const char *const *) layouts, "dot"));
    g_assert_true (g_strv_contains ((const char *const *) layouts, "sfdp"));
    g_assert_true (g_strv_contains ((const char *const *) devices, "svg"));
    for (guint i = 0; devices[i] != NULL; i++)
      g_assert_true (strstr (devices[i], "gtk") == NULL && strstr (devices[i], "gdk") == NULL
                     && strstr (devices[i], "png") == NULL);
    g_assert_cmpuint (g_strv_length (text), ==, 0);
  }
  g_assert_true (maps_contain ("libgvplugin_dot_layout"));
  g_assert_true (maps_contain ("libgvplugin_neato_layout"));
  g_assert_false (maps_contain ("libgtk-x11-2.0"));
  g_assert_false (maps_contain ("libgdk-x11-2.0"));
  g_assert_false (maps_contain ("libgvplugin_gtk"));
  g_assert_false (maps_contain ("libgvplugin_gdk"));
  g_assert_false (maps_contain ("libgvplugin_pango"));

  view_layout_unref (layout);
  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

/* The DOT text parses back into the same nodes, references and labels. */
static void
test_dot_source (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  GArray *specs = random_specs (rand, 3, 30);
  ViewSizes *sizes;
  ViewScene *scene = scene_from_specs (specs, &sizes);
  g_autofree char *text = NULL;
  Agraph_t *graph, *cluster;
  Agnode_t *node;
  guint n_edges = 0;

  g_free (scene->nodes[3].title);
  scene->nodes[3].title = g_strdup ("str 'a\"b\\c'\nnext");
  scene->nodes[4].kind = VIEW_NODE_GHOST;
  text = view_layout_dot_source (scene, sizes);
  if (g_test_verbose ())
    g_test_message ("%s", text);

  graph = agmemread (text);
  g_assert_nonnull (graph);
  g_assert_true (agisdirected (graph));
  g_assert_cmpint (agnnodes (graph), ==, scene->n_nodes);
  for (node = agfstnode (graph); node != NULL; node = agnxtnode (graph, node))
    n_edges += agcountuniqedges (graph, node, FALSE, TRUE);
  /* The scene's references, and one invisible edge ordering each frame
   * after the one before. */
  g_assert_cmpuint (n_edges, ==, scene->n_edges + 2);

  node = agnode (graph, (char *) "n3", FALSE);
  g_assert_nonnull (node);
  g_assert_cmpstr (agget (node, (char *) "label"), ==, "str 'a\"b\\\\c'\\nnext");
  node = agnode (graph, (char *) "n0", FALSE);
  g_assert_cmpstr (agget (node, (char *) "label"), ==, scene->nodes[0].title);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (agget (node, (char *) "width"), NULL),
                                  sizes->widths[0] / 72, 0.001);
  g_assert_cmpstr (agget (agnode (graph, (char *) "n4", FALSE), (char *) "style"), ==, "dashed");

  cluster = agsubg (graph, (char *) "cluster_frames", FALSE);
  g_assert_nonnull (cluster);
  g_assert_cmpint (agnnodes (cluster), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "n%u", i);
      g_assert_nonnull (agsubnode (cluster, agnode (graph, name, FALSE), FALSE));
    }
  agclose (graph);

  view_scene_unref (scene);
  view_sizes_free (sizes);
  specs_free (specs);
}

/* The worker's side. */

typedef struct
{
  GMainContext *context;
  guint n_done;
  guint last_user;
  guint last_n_nodes;
  ViewLayout *layout;
  GThread *thread;
} Delivery;

static Delivery *delivery_now;

static void
on_done (ViewLayout *layout, gpointer user)
{
  Delivery *d = delivery_now;

  g_assert_true (g_main_context_is_owner (d->context));
  d->thread = g_thread_self ();
  d->n_done++;
  d->last_user = GPOINTER_TO_UINT (user);
  d->last_n_nodes = layout->n_nodes;
  g_clear_pointer (&d->layout, view_layout_unref);
  d->layout = view_layout_ref (layout);
}

static gpointer
nothing (gpointer user)
{
  return NULL;
}

/* Lets everything queued on the worker finish, then what it delivered
 * arrive. */
static void
settle (ViewLayoutWorker *worker, GMainContext *context)
{
  view_layout_worker_run_sync (worker, nothing, NULL);
  while (g_main_context_iteration (context, FALSE))
    ;
}

static void
test_worker_request (void)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (21);
  Delivery d = { context };
  GArray *specs = random_specs (rand, 2, 200);
  ViewSizes *sizes;
  ViewScene *scene = scene_from_specs (specs, &sizes);
  ViewLayoutWorker *worker;
  ViewSizes *kept_sizes = view_sizes_new (sizes->n_nodes);

  memcpy (kept_sizes->widths, sizes->widths, sizes->n_nodes * sizeof (double));
  memcpy (kept_sizes->heights, sizes->heights, sizes->n_nodes * sizeof (double));
  /* The worker delivers to the context current where it was made. */
  g_main_context_push_thread_default (context);
  worker = view_layout_worker_new ();
  delivery_now = &d;

  view_layout_worker_request (worker, scene, sizes, NULL, VIEW_LAYOUT_AUTO, on_done,
                              GUINT_TO_POINTER (1));
  while (d.n_done == 0)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (d.n_done, ==, 1);
  g_assert_cmpuint (d.last_user, ==, 1);
  g_assert_true (d.thread == g_thread_self ());
  assert_full_layout (scene, kept_sizes, d.layout);
  /* Nothing else arrives on the global default context. */
  g_assert_false (g_main_context_pending (g_main_context_default ()));

  /* With the previous layout: the nodes that stood stay. */
  view_layout_worker_request (worker, scene, NULL, d.layout, VIEW_LAYOUT_AUTO, on_done,
                              GUINT_TO_POINTER (2));
  settle (worker, context);
  g_assert_cmpuint (d.n_done, ==, 2);
  g_assert_cmpuint (d.last_user, ==, 2);

  view_layout_worker_free (worker);
  g_main_context_pop_thread_default (context);
  g_clear_pointer (&d.layout, view_layout_unref);
  view_scene_unref (scene);
  view_sizes_free (kept_sizes);
  specs_free (specs);
}

/* Ten requests at once, the first of them big: only the last one's result
 * comes back, once. */
static void
test_worker_burst (void)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (22);
  Delivery d = { context };
  ViewLayoutWorker *worker;

  g_main_context_push_thread_default (context);
  worker = view_layout_worker_new ();
  delivery_now = &d;
  for (guint r = 1; r <= 10; r++)
    {
      GArray *specs = random_specs (rand, 2, r == 1 ? 900 : 10 + r);
      ViewSizes *sizes;
      ViewScene *scene = scene_from_specs (specs, &sizes);

      view_layout_worker_request (worker, scene, sizes, NULL, VIEW_LAYOUT_DOT, on_done,
                                  GUINT_TO_POINTER (r));
      view_scene_unref (scene);
      specs_free (specs);
    }
  while (d.n_done == 0)
    g_main_context_iteration (context, TRUE);
  settle (worker, context);
  g_assert_cmpuint (d.n_done, ==, 1);
  g_assert_cmpuint (d.last_user, ==, 10);
  g_assert_cmpuint (d.last_n_nodes, ==, 2 + 10 + 10);

  /* A request the owner no longer waits for: freeing the worker drops it. */
  {
    GArray *specs = random_specs (rand, 1, 300);
    ViewSizes *sizes;
    ViewScene *scene = scene_from_specs (specs, &sizes);

    view_layout_worker_request (worker, scene, sizes, NULL, VIEW_LAYOUT_DOT, on_done, NULL);
    view_scene_unref (scene);
    specs_free (specs);
  }
  view_layout_worker_free (worker);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_cmpuint (d.n_done, ==, 1);

  g_main_context_pop_thread_default (context);
  g_clear_pointer (&d.layout, view_layout_unref);
}

typedef struct
{
  GThread *thread;
  ViewScene *scene;
  ViewSizes *sizes;
  ViewLayout *layout;
} SyncJob;

static gpointer
lay_out_there (gpointer user)
{
  SyncJob *job = user;

  job->thread = g_thread_self ();
  job->layout = view_layout_compute (job->scene, job->sizes, NULL, VIEW_LAYOUT_DOT);
  return NULL;
}

static void
test_worker_run_sync (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (23);
  GArray *specs = random_specs (rand, 2, 100);
  SyncJob job = { NULL };
  ViewLayoutWorker *worker = view_layout_worker_new ();

  job.scene = scene_from_specs (specs, &job.sizes);
  view_layout_worker_run_sync (worker, lay_out_there, &job);
  /* Done, on the other thread, by the time run_sync returns. */
  g_assert_nonnull (job.layout);
  g_assert_true (job.thread != g_thread_self ());
  assert_full_layout (job.scene, job.sizes, job.layout);
  view_layout_worker_free (worker);

  view_layout_unref (job.layout);
  view_scene_unref (job.scene);
  view_sizes_free (job.sizes);
  specs_free (specs);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/small-scene", test_small_scene);
  g_test_add_func ("/layout/empty-and-default-sizes", test_empty_and_default_sizes);
  g_test_add_func ("/layout/random-full", test_random_full);
  g_test_add_func ("/layout/odd-edges", test_odd_edges);
  g_test_add_func ("/layout/stability", test_stability);
  g_test_add_func ("/layout/incremental-placement", test_incremental_placement);
  g_test_add_func ("/layout/incremental-previous", test_incremental_previous);
  g_test_add_func ("/layout/big-scene", test_big_scene);
  g_test_add_func ("/layout/locale", test_locale);
  g_test_add_func ("/layout/no-gtk2", test_no_gtk2);
  g_test_add_func ("/layout/dot-source", test_dot_source);
  g_test_add_func ("/layout/worker/request", test_worker_request);
  g_test_add_func ("/layout/worker/burst", test_worker_burst);
  g_test_add_func ("/layout/worker/run-sync", test_worker_run_sync);
  return g_test_run ();
}
