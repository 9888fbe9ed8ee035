/* list-sort.c: list.sort, CPython 3.11's timsort with the powersort merge
 * policy, so a program sees the same sequence of `<` comparisons. */
#include "abstract.h"
#include "container-private.h"
#include "error.h"
#include "mem.h"

#include <string.h>

#define MAX_MERGE_PENDING 85
#define MIN_GALLOP 7
#define MERGESTATE_TEMP_SIZE 256

/* Keys, and the values that move with them when a key function is used. */
typedef struct
{
  RtObject **keys;
  RtObject **values;
} SortSlice;

typedef struct
{
  SortSlice base;
  int64_t len;
  int power;
} Run;

typedef struct
{
  int64_t min_gallop;
  int64_t listlen;
  RtObject **basekeys;
  SortSlice a;        /* temporary storage for merges */
  int64_t alloced;
  int n;
  Run pending[MAX_MERGE_PENDING];
  RtObject *temparray[MERGESTATE_TEMP_SIZE];
} MergeState;

/* 1 if x < y, 0 if not, -1 on error. */
#define ISLT(x, y) rt_richcompare_bool ((x), (y), RT_LT)
#define IFLT(x, y)              \
  if ((k = ISLT (x, y)) < 0)    \
    goto fail;                  \
  if (k)

static inline void
slice_copy (SortSlice *s1, int64_t i, SortSlice *s2, int64_t j)
{
  s1->keys[i] = s2->keys[j];
  if (s1->values != NULL)
    s1->values[i] = s2->values[j];
}

static inline void
slice_copy_incr (SortSlice *dst, SortSlice *src)
{
  *dst->keys++ = *src->keys++;
  if (dst->values != NULL)
    *dst->values++ = *src->values++;
}

static inline void
slice_copy_decr (SortSlice *dst, SortSlice *src)
{
  *dst->keys-- = *src->keys--;
  if (dst->values != NULL)
    *dst->values-- = *src->values--;
}

static inline void
slice_memcpy (SortSlice *s1, int64_t i, SortSlice *s2, int64_t j, int64_t n)
{
  memcpy (&s1->keys[i], &s2->keys[j], sizeof (RtObject *) * (size_t) n);
  if (s1->values != NULL)
    memcpy (&s1->values[i], &s2->values[j], sizeof (RtObject *) * (size_t) n);
}

static inline void
slice_memmove (SortSlice *s1, int64_t i, SortSlice *s2, int64_t j, int64_t n)
{
  memmove (&s1->keys[i], &s2->keys[j], sizeof (RtObject *) * (size_t) n);
  if (s1->values != NULL)
    memmove (&s1->values[i], &s2->values[j], sizeof (RtObject *) * (size_t) n);
}

static inline void
slice_advance (SortSlice *slice, int64_t n)
{
  slice->keys += n;
  if (slice->values != NULL)
    slice->values += n;
}

static void
reverse_slice (RtObject **lo, RtObject **hi)
{
  for (--hi; lo < hi; lo++, hi--)
    {
      RtObject *t = *lo;
      *lo = *hi;
      *hi = t;
    }
}

static void
reverse_sortslice (SortSlice *s, int64_t n)
{
  reverse_slice (s->keys, &s->keys[n]);
  if (s->values != NULL)
    reverse_slice (s->values, &s->values[n]);
}

/* Sorts [lo, hi) by binary insertion, [lo, start) being sorted already. */
static int
binarysort (SortSlice lo, RtObject **hi, RtObject **start)
{
  RtObject **l, **p, **r, *pivot;
  int k;

  if (lo.keys == start)
    ++start;
  for (; start < hi; ++start)
    {
      l = lo.keys;
      r = start;
      pivot = *r;
      /* pivot >= all in [lo, l), pivot < all in [r, start) */
      do
        {
          p = l + ((r - l) >> 1);
          IFLT (pivot, *p)
            r = p;
          else
            l = p + 1;
        }
      while (l < r);
      /* Equal items stay before pivot: that is the stability. */
      for (p = start; p > l; --p)
        *p = *(p - 1);
      *l = pivot;
      if (lo.values != NULL)
        {
          int64_t offset = lo.values - lo.keys;
          p = start + offset;
          pivot = *p;
          l += offset;
          for (p = start + offset; p > l; --p)
            *p = *(p - 1);
          *l = pivot;
        }
    }
  return 0;

fail:
  return -1;
}

/* The length of the run starting at lo: ascending (a[0] <= a[1] <= ...) or
 * strictly descending, which the caller reverses. */
static int64_t
count_run (RtObject **lo, RtObject **hi, int *descending)
{
  int64_t n;
  int k;

  *descending = 0;
  ++lo;
  if (lo == hi)
    return 1;
  n = 2;
  IFLT (*lo, *(lo - 1))
    {
      *descending = 1;
      for (lo = lo + 1; lo < hi; ++lo, ++n)
        {
          IFLT (*lo, *(lo - 1));
          else
            break;
        }
    }
  else
    {
      for (lo = lo + 1; lo < hi; ++lo, ++n)
        {
          IFLT (*lo, *(lo - 1))
            break;
        }
    }
  return n;

fail:
  return -1;
}

/* Where key belongs in the sorted a[0:n], leftmost among equals, starting
 * the search at a[hint]. */
static int64_t
gallop_left (RtObject *key, RtObject **a, int64_t n, int64_t hint)
{
  int64_t ofs = 1, lastofs = 0, m;
  int k;

  a += hint;
  IFLT (*a, key)
    {
      /* a[hint] < key: gallop right */
      const int64_t maxofs = n - hint;
      while (ofs < maxofs)
        {
          IFLT (a[ofs], key)
            {
              lastofs = ofs;
              ofs = (ofs << 1) + 1;
            }
          else
            break;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    }
  else
    {
      /* key <= a[hint]: gallop left */
      const int64_t maxofs = hint + 1;
      while (ofs < maxofs)
        {
          IFLT (*(a - ofs), key)
            break;
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      m = lastofs;
      lastofs = hint - ofs;
      ofs = hint - m;
    }
  a -= hint;
  /* a[lastofs] < key <= a[ofs]: binary search in between */
  ++lastofs;
  while (lastofs < ofs)
    {
      m = lastofs + ((ofs - lastofs) >> 1);
      IFLT (a[m], key)
        lastofs = m + 1;
      else
        ofs = m;
    }
  return ofs;

fail:
  return -1;
}

/* As gallop_left, but rightmost among equals. */
static int64_t
gallop_right (RtObject *key, RtObject **a, int64_t n, int64_t hint)
{
  int64_t ofs = 1, lastofs = 0, m;
  int k;

  a += hint;
  IFLT (key, *a)
    {
      /* key < a[hint]: gallop left */
      const int64_t maxofs = hint + 1;
      while (ofs < maxofs)
        {
          IFLT (key, *(a - ofs))
            {
              lastofs = ofs;
              ofs = (ofs << 1) + 1;
            }
          else
            break;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      m = lastofs;
      lastofs = hint - ofs;
      ofs = hint - m;
    }
  else
    {
      /* a[hint] <= key: gallop right */
      const int64_t maxofs = n - hint;
      while (ofs < maxofs)
        {
          IFLT (key, a[ofs])
            break;
          lastofs = ofs;
          ofs = (ofs << 1) + 1;
        }
      if (ofs > maxofs)
        ofs = maxofs;
      lastofs += hint;
      ofs += hint;
    }
  a -= hint;
  ++lastofs;
  while (lastofs < ofs)
    {
      m = lastofs + ((ofs - lastofs) >> 1);
      IFLT (key, a[m])
        ofs = m;
      else
        lastofs = m + 1;
    }
  return ofs;

fail:
  return -1;
}

static void
merge_init (MergeState *ms, int64_t list_size, bool has_keyfunc, SortSlice *lo)
{
  if (has_keyfunc)
    {
      /* A merge needs at most half the list; the rest of temparray may hold
       * the keys of a short list. */
      ms->alloced = (list_size + 1) / 2;
      if (MERGESTATE_TEMP_SIZE / 2 < ms->alloced)
        ms->alloced = MERGESTATE_TEMP_SIZE / 2;
      ms->a.values = &ms->temparray[ms->alloced];
    }
  else
    {
      ms->alloced = MERGESTATE_TEMP_SIZE;
      ms->a.values = NULL;
    }
  ms->a.keys = ms->temparray;
  ms->n = 0;
  ms->min_gallop = MIN_GALLOP;
  ms->listlen = list_size;
  ms->basekeys = lo->keys;
}

static void
merge_freemem (MergeState *ms)
{
  if (ms->a.keys != ms->temparray)
    {
      size_t mult = ms->a.values != NULL ? 2 : 1;
      rt_mem_free (ms->a.keys, (size_t) ms->alloced * mult * sizeof (RtObject *));
      ms->a.keys = ms->temparray;
    }
}

static int
merge_getmem (MergeState *ms, int64_t need)
{
  bool multiplier = ms->a.values != NULL;

  if (need <= ms->alloced)
    return 0;
  /* No need to keep the old content: free first, then allocate. */
  merge_freemem (ms);
  ms->a.keys = rt_mem_alloc ((size_t) need * (multiplier ? 2 : 1) * sizeof (RtObject *),
                             RT_MEM_RAW);
  if (ms->a.keys == NULL)
    {
      ms->a.keys = ms->temparray;
      rt_error_no_memory ();
      return -1;
    }
  ms->alloced = need;
  if (multiplier)
    ms->a.values = &ms->a.keys[need];
  return 0;
}

/* Merges the na items of ssa with the nb of ssb that follow them in place,
 * na <= nb, copying ssa to temporary storage. */
static int64_t
merge_lo (MergeState *ms, SortSlice ssa, int64_t na, SortSlice ssb, int64_t nb)
{
  int64_t k, min_gallop;
  SortSlice dest;
  int result = -1;

  if (merge_getmem (ms, na) < 0)
    return -1;
  slice_memcpy (&ms->a, 0, &ssa, 0, na);
  dest = ssa;
  ssa = ms->a;

  slice_copy_incr (&dest, &ssb);
  --nb;
  if (nb == 0)
    goto succeed;
  if (na == 1)
    goto copy_b;

  min_gallop = ms->min_gallop;
  for (;;)
    {
      int64_t acount = 0, bcount = 0;

      /* One at a time until one run seems to win consistently. */
      for (;;)
        {
          k = ISLT (ssb.keys[0], ssa.keys[0]);
          if (k)
            {
              if (k < 0)
                goto fail;
              slice_copy_incr (&dest, &ssb);
              ++bcount;
              acount = 0;
              --nb;
              if (nb == 0)
                goto succeed;
              if (bcount >= min_gallop)
                break;
            }
          else
            {
              slice_copy_incr (&dest, &ssa);
              ++acount;
              bcount = 0;
              --na;
              if (na == 1)
                goto copy_b;
              if (acount >= min_gallop)
                break;
            }
        }

      /* Gallop while that pays. */
      ++min_gallop;
      do
        {
          min_gallop -= min_gallop > 1;
          ms->min_gallop = min_gallop;
          k = gallop_right (ssb.keys[0], ssa.keys, na, 0);
          acount = k;
          if (k)
            {
              if (k < 0)
                goto fail;
              slice_memcpy (&dest, 0, &ssa, 0, k);
              slice_advance (&dest, k);
              slice_advance (&ssa, k);
              na -= k;
              if (na == 1)
                goto copy_b;
              /* Only an inconsistent comparison gets here. */
              if (na == 0)
                goto succeed;
            }
          slice_copy_incr (&dest, &ssb);
          --nb;
          if (nb == 0)
            goto succeed;

          k = gallop_left (ssa.keys[0], ssb.keys, nb, 0);
          bcount = k;
          if (k)
            {
              if (k < 0)
                goto fail;
              slice_memmove (&dest, 0, &ssb, 0, k);
              slice_advance (&dest, k);
              slice_advance (&ssb, k);
              nb -= k;
              if (nb == 0)
                goto succeed;
            }
          slice_copy_incr (&dest, &ssa);
          --na;
          if (na == 1)
            goto copy_b;
        }
      while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
      ++min_gallop;
      ms->min_gallop = min_gallop;
    }
succeed:
  result = 0;
fail:
  if (na)
    slice_memcpy (&dest, 0, &ssa, 0, na);
  return result;
copy_b:
  /* The last item of ssa belongs at the end of the merge. */
  slice_memmove (&dest, 0, &ssb, 0, nb);
  slice_copy (&dest, nb, &ssa, 0);
  return 0;
}

/* As merge_lo, for na >= nb, working from the ends. */
static int64_t
merge_hi (MergeState *ms, SortSlice ssa, int64_t na, SortSlice ssb, int64_t nb)
{
  int64_t k, min_gallop;
  SortSlice dest, basea, baseb;
  int result = -1;

  if (merge_getmem (ms, nb) < 0)
    return -1;
  dest = ssb;
  slice_advance (&dest, nb - 1);
  slice_memcpy (&ms->a, 0, &ssb, 0, nb);
  basea = ssa;
  baseb = ms->a;
  ssb.keys = ms->a.keys + nb - 1;
  if (ssb.values != NULL)
    ssb.values = ms->a.values + nb - 1;
  slice_advance (&ssa, na - 1);

  slice_copy_decr (&dest, &ssa);
  --na;
  if (na == 0)
    goto succeed;
  if (nb == 1)
    goto copy_a;

  min_gallop = ms->min_gallop;
  for (;;)
    {
      int64_t acount = 0, bcount = 0;

      for (;;)
        {
          k = ISLT (ssb.keys[0], ssa.keys[0]);
          if (k)
            {
              if (k < 0)
                goto fail;
              slice_copy_decr (&dest, &ssa);
              ++acount;
              bcount = 0;
              --na;
              if (na == 0)
                goto succeed;
              if (acount >= min_gallop)
                break;
            }
          else
            {
              slice_copy_decr (&dest, &ssb);
              ++bcount;
              acount = 0;
              --nb;
              if (nb == 1)
                goto copy_a;
              if (bcount >= min_gallop)
                break;
            }
        }

      ++min_gallop;
      do
        {
          min_gallop -= min_gallop > 1;
          ms->min_gallop = min_gallop;
          k = gallop_right (ssb.keys[0], basea.keys, na, na - 1);
          if (k < 0)
            goto fail;
          k = na - k;
          acount = k;
          if (k)
            {
              slice_advance (&dest, -k);
              slice_advance (&ssa, -k);
              slice_memmove (&dest, 1, &ssa, 1, k);
              na -= k;
              if (na == 0)
                goto succeed;
            }
          slice_copy_decr (&dest, &ssb);
          --nb;
          if (nb == 1)
            goto copy_a;

          k = gallop_left (ssa.keys[0], baseb.keys, nb, nb - 1);
          if (k < 0)
            goto fail;
          k = nb - k;
          bcount = k;
          if (k)
            {
              slice_advance (&dest, -k);
              slice_advance (&ssb, -k);
              slice_memcpy (&dest, 1, &ssb, 1, k);
              nb -= k;
              if (nb == 1)
                goto copy_a;
              if (nb == 0)
                goto succeed;
            }
          slice_copy_decr (&dest, &ssa);
          --na;
          if (na == 0)
            goto succeed;
        }
      while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
      ++min_gallop;
      ms->min_gallop = min_gallop;
    }
succeed:
  result = 0;
fail:
  if (nb)
    slice_memcpy (&dest, -(nb - 1), &baseb, 0, nb);
  return result;
copy_a:
  /* The first item of ssb belongs at the front of the merge. */
  slice_memmove (&dest, 1 - na, &ssa, 1 - na, na);
  slice_advance (&dest, -na);
  slice_advance (&ssa, -na);
  slice_copy (&dest, 0, &ssb, 0);
  return 0;
}

/* Merges the pending runs i and i+1. */
static int64_t
merge_at (MergeState *ms, int i)
{
  SortSlice ssa = ms->pending[i].base, ssb = ms->pending[i + 1].base;
  int64_t na = ms->pending[i].len, nb = ms->pending[i + 1].len, k;

  ms->pending[i].len = na + nb;
  if (i == ms->n - 3)
    ms->pending[i + 1] = ms->pending[i + 2];
  --ms->n;

  /* What of a precedes b[0] is in place already. */
  k = gallop_right (*ssb.keys, ssa.keys, na, 0);
  if (k < 0)
    return -1;
  slice_advance (&ssa, k);
  na -= k;
  if (na == 0)
    return 0;
  /* And what of b follows a[-1]. */
  nb = gallop_left (ssa.keys[na - 1], ssb.keys, nb, nb - 1);
  if (nb <= 0)
    return nb;
  if (na <= nb)
    return merge_lo (ms, ssa, na, ssb, nb);
  return merge_hi (ms, ssa, na, ssb, nb);
}

/* The powersort "power" of the boundary between two adjacent runs
 * [s1, s1+n1) and [s1+n1, s1+n1+n2) in a list of n items. */
static int
powerloop (int64_t s1, int64_t n1, int64_t n2, int64_t n)
{
  int result = 0;
  int64_t a = 2 * s1 + n1;
  int64_t b = a + n1 + n2;

  for (;;)
    {
      ++result;
      if (a >= n)
        {
          a -= n;
          b -= n;
        }
      else if (b >= n)
        break;
      a <<= 1;
      b <<= 1;
    }
  return result;
}

static int
found_new_run (MergeState *ms, int64_t n2)
{
  if (ms->n)
    {
      Run *p = ms->pending;
      int64_t s1 = p[ms->n - 1].base.keys - ms->basekeys;
      int64_t n1 = p[ms->n - 1].len;
      int power = powerloop (s1, n1, n2, ms->listlen);

      while (ms->n > 1 && p[ms->n - 2].power > power)
        if (merge_at (ms, ms->n - 2) < 0)
          return -1;
      p[ms->n - 1].power = power;
    }
  return 0;
}

static int
merge_force_collapse (MergeState *ms)
{
  Run *p = ms->pending;

  while (ms->n > 1)
    {
      int n = ms->n - 2;
      if (n > 0 && p[n - 1].len < p[n + 1].len)
        --n;
      if (merge_at (ms, n) < 0)
        return -1;
    }
  return 0;
}

static int64_t
merge_compute_minrun (int64_t n)
{
  int64_t r = 0;

  while (n >= 64)
    {
      r |= n & 1;
      n >>= 1;
    }
  return n + r;
}

int
rt_list_sort_items (RtObject **items, int64_t n, RtObject *keyfunc, bool reverse)
{
  MergeState ms;
  SortSlice lo;
  RtObject **keys = NULL;
  int64_t nremaining, minrun, i;
  bool keys_on_heap = false;
  int result = -1;

  if (keyfunc == NULL)
    {
      lo.keys = items;
      lo.values = NULL;
    }
  else
    {
      if (n < MERGESTATE_TEMP_SIZE / 2)
        keys = &ms.temparray[n + 1];
      else
        {
          keys = rt_mem_alloc ((size_t) n * sizeof (RtObject *), RT_MEM_RAW);
          if (keys == NULL)
            {
              rt_error_no_memory ();
              return -1;
            }
          keys_on_heap = true;
        }
      for (i = 0; i < n; i++)
        {
          keys[i] = rt_call_one (keyfunc, items[i]);
          if (keys[i] == NULL)
            {
              for (i = i - 1; i >= 0; i--)
                rt_decref (keys[i]);
              if (keys_on_heap)
                rt_mem_free (keys, (size_t) n * sizeof (RtObject *));
              return -1;
            }
        }
      lo.keys = keys;
      lo.values = items;
    }

  merge_init (&ms, n, keys != NULL, &lo);
  nremaining = n;
  if (nremaining < 2)
    goto succeed;

  /* Reversing, sorting stably, reversing again keeps equal items in
   * their original order for reverse=True. */
  if (reverse)
    {
      if (keys != NULL)
        reverse_slice (&keys[0], &keys[n]);
      reverse_slice (&items[0], &items[n]);
    }

  minrun = merge_compute_minrun (nremaining);
  do
    {
      int descending;
      int64_t run;

      run = count_run (lo.keys, lo.keys + nremaining, &descending);
      if (run < 0)
        goto fail;
      if (descending)
        reverse_sortslice (&lo, run);
      /* Extend short runs to min(minrun, nremaining). */
      if (run < minrun)
        {
          const int64_t force = nremaining <= minrun ? nremaining : minrun;
          if (binarysort (lo, lo.keys + force, lo.keys + run) < 0)
            goto fail;
          run = force;
        }
      if (found_new_run (&ms, run) < 0)
        goto fail;
      ms.pending[ms.n].base = lo;
      ms.pending[ms.n].len = run;
      ++ms.n;
      slice_advance (&lo, run);
      nremaining -= run;
    }
  while (nremaining);

  if (merge_force_collapse (&ms) < 0)
    goto fail;

succeed:
  result = 0;
fail:
  if (keys != NULL)
    {
      for (i = 0; i < n; i++)
        rt_decref (keys[i]);
      if (keys_on_heap)
        rt_mem_free (keys, (size_t) n * sizeof (RtObject *));
    }
  if (reverse && n > 1)
    reverse_slice (items, items + n);
  merge_freemem (&ms);
  return result;
}
