/*
 * compare.c - shingle similarity, passage alignment and the verdict.
 */
#include <stdlib.h>
#include <string.h>

#include <uthash.h>

#include "compare.h"

void comparison_init(struct comparison *c)
{
	memset(c, 0, sizeof(*c));
	c->verdict = CMP_UNRELATED;
}

void comparison_release(struct comparison *c)
{
	free(c->shared);
	free(c->only_a);
	free(c->only_b);
	comparison_init(c);
}

const char *compare_verdict_name(enum cmp_verdict v)
{
	switch (v) {
	case CMP_IDENTICAL:      return "identical";
	case CMP_NEAR_DUPLICATE: return "near-duplicate";
	case CMP_A_CONTAINS_B:   return "a-contains-b";
	case CMP_B_CONTAINS_A:   return "b-contains-a";
	case CMP_PARTIAL_REUSE:  return "partial-reuse";
	case CMP_UNRELATED:      return "unrelated";
	}
	return "unrelated";
}

/* ------------------------------------------------------------------ */
/* Seeds and maximal matches                                           */
/* ------------------------------------------------------------------ */

/* A run of equal tokens: A[a, a+len) == B[b, b+len). */
struct run {
	size_t a, b, len;
};

struct runs {
	struct run *v;
	size_t n, cap;
};

static void runs_add(struct runs *r, size_t a, size_t b, size_t len)
{
	ARRAY_GROW(r->v, r->cap, r->n + 1);
	r->v[r->n].a = a;
	r->v[r->n].b = b;
	r->v[r->n].len = len;
	r->n++;
}

/* How far A's matches reach on one diagonal (a - b): seeds inside a match
 * already found add nothing. */
struct diagonal {
	long long d;
	size_t a_end;
	UT_hash_handle hh;
};

/*
 * B's winnowed k-grams by hash: an open-addressing table (the hashes are
 * uniform, so their low bits place them) from each distinct hash to its
 * positions in B, ascending.  Built in O(nb) and looked up in O(1), where a
 * sorted array and a binary search per seed of A missed the cache at every
 * step on large texts.
 */
struct seed_slot {
	uint64_t hash;
	uint32_t first, count;          /* positions pos[first, first+count) */
};

struct seed_index {
	struct seed_slot *slot;         /* mask + 1 slots; count 0: empty */
	size_t mask;
	uint32_t *pos;
};

static struct seed_slot *seed_slot(const struct seed_index *x, uint64_t hash)
{
	size_t i = (size_t)hash & x->mask;

	while (x->slot[i].count && x->slot[i].hash != hash)
		i = (i + 1) & x->mask;
	return &x->slot[i];
}

static void seed_index_build(struct seed_index *x, const struct fp_winnow *w,
			     size_t n)
{
	size_t size = 16, next = 0;

	while (size < 2 * n)
		size *= 2;
	x->slot = xcalloc(size, sizeof(*x->slot));
	x->mask = size - 1;
	x->pos = xmalloc((n ? n : 1) * sizeof(*x->pos));
	for (size_t i = 0; i < n; i++) {
		struct seed_slot *e = seed_slot(x, w[i].hash);

		e->hash = w[i].hash;
		e->count++;
	}
	for (size_t i = 0; i < size; i++) {
		if (!x->slot[i].count)
			continue;
		x->slot[i].first = (uint32_t)next;
		next += x->slot[i].count;
		x->slot[i].count = 0;
	}
	/* B's k-grams come in token order, so each list is ascending. */
	for (size_t i = 0; i < n; i++) {
		struct seed_slot *e = seed_slot(x, w[i].hash);

		e->hash = w[i].hash;
		x->pos[e->first + e->count++] = w[i].pos;
	}
}

static void seed_index_release(struct seed_index *x)
{
	free(x->slot);
	free(x->pos);
}

static inline int same_token(const struct norm_text *a, size_t i,
			     const struct norm_text *b, size_t j)
{
	return a->tokens[i].hash == b->tokens[j].hash;
}

/* Every maximal run of equal tokens that contains a shared winnowed
 * k-gram. */
static void find_runs(const struct norm_text *a, const struct fingerprint *fa,
		      const struct norm_text *b, const struct fingerprint *fb,
		      struct runs *out)
{
	struct seed_index idx;
	struct diagonal *diags = NULL, *dg, *tmp;
	size_t nb = fb->nwinnow;

	if (!fa->nwinnow || !nb)
		return;
	seed_index_build(&idx, fb->winnow, nb);

	for (size_t i = 0; i < fa->nwinnow; i++) {
		const struct seed_slot *e = seed_slot(&idx, fa->winnow[i].hash);
		size_t pa = fa->winnow[i].pos;

		if (!e->count || e->count > CMP_MAX_SEED_REPEAT)
			continue;
		for (size_t j = e->first; j < (size_t)e->first + e->count; j++) {
			size_t pb = idx.pos[j], s = 0, ext = 0, len;
			long long d = (long long)pa - (long long)pb;

			HASH_FIND(hh, diags, &d, sizeof(d), dg);
			if (dg && pa < dg->a_end)
				continue;
			/* Check the seed word by word (a hash collision is
			 * no match), then extend it both ways. */
			while (pa + ext < a->ntokens && pb + ext < b->ntokens &&
			       same_token(a, pa + ext, b, pb + ext))
				ext++;
			if (ext == 0)
				continue;
			while (pa > s && pb > s && same_token(a, pa - s - 1, b, pb - s - 1))
				s++;
			len = s + ext;
			runs_add(out, pa - s, pb - s, len);
			if (!dg) {
				dg = xmalloc(sizeof(*dg));
				dg->d = d;
				HASH_ADD(hh, diags, d, sizeof(dg->d), dg);
			}
			dg->a_end = pa + ext;
		}
	}
	HASH_ITER(hh, diags, dg, tmp) {
		HASH_DEL(diags, dg);
		free(dg);
	}
	seed_index_release(&idx);
}

/* ------------------------------------------------------------------ */
/* Choosing and merging passages                                       */
/* ------------------------------------------------------------------ */

static int cmp_run_len_desc(const void *x, const void *y)
{
	const struct run *p = x, *q = y;

	if (p->len != q->len)
		return p->len > q->len ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

static int cmp_run_a(const void *x, const void *y)
{
	const struct run *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/*
 * Longest first, keep the longest part of each run whose words are free on
 * both sides, so every word belongs to at most one passage per side.
 */
static void choose_runs(struct runs *r, size_t na, size_t nb)
{
	unsigned char *used_a = xcalloc(na ? na : 1, 1);
	unsigned char *used_b = xcalloc(nb ? nb : 1, 1);
	size_t out = 0;

	if (r->n)
		qsort(r->v, r->n, sizeof(*r->v), cmp_run_len_desc);
	for (size_t i = 0; i < r->n; i++) {
		struct run x = r->v[i];
		size_t best = 0, best_len = 0, cur = 0, cur_len = 0;

		for (size_t k = 0; k < x.len; k++) {
			if (used_a[x.a + k] || used_b[x.b + k]) {
				cur_len = 0;
				continue;
			}
			if (!cur_len)
				cur = k;
			cur_len++;
			if (cur_len > best_len) {
				best = cur;
				best_len = cur_len;
			}
		}
		if (best_len < FP_WINNOW_K)
			continue;
		x.a += best;
		x.b += best;
		x.len = best_len;
		memset(used_a + x.a, 1, x.len);
		memset(used_b + x.b, 1, x.len);
		r->v[out++] = x;
	}
	r->n = out;
	free(used_a);
	free(used_b);
}

struct span2 {
	size_t a, a_end, b, b_end;
};

static void merge_runs(const struct runs *r, struct span2 **out, size_t *nout)
{
	struct span2 *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < r->n; i++) {
		const struct run *x = &r->v[i];

		if (n) {
			struct span2 *p = &v[n - 1];

			if (x->a >= p->a_end && x->b >= p->b_end) {
				size_t ga = x->a - p->a_end, gb = x->b - p->b_end;
				size_t skew = ga > gb ? ga - gb : gb - ga;

				if (ga <= CMP_GAP && gb <= CMP_GAP && skew <= CMP_GAP_SKEW) {
					p->a_end = x->a + x->len;
					p->b_end = x->b + x->len;
					continue;
				}
			}
		}
		ARRAY_GROW(v, cap, n + 1);
		v[n].a = x->a;
		v[n].a_end = x->a + x->len;
		v[n].b = x->b;
		v[n].b_end = x->b + x->len;
		n++;
	}
	*out = v;
	*nout = n;
}

/* Token ranges of [0, ntok) not marked in covered, as byte spans. */
static void uncovered(const struct norm_text *t, const unsigned char *covered,
		      struct cmp_span **out, size_t *nout)
{
	struct cmp_span *v = NULL;
	size_t n = 0, cap = 0, i = 0;

	while (i < t->ntokens) {
		size_t j;

		if (covered[i]) {
			i++;
			continue;
		}
		for (j = i; j < t->ntokens && !covered[j]; j++)
			;
		ARRAY_GROW(v, cap, n + 1);
		v[n].tok = i;
		v[n].ntok = j - i;
		norm_token_span(t, i, j, &v[n].start, &v[n].end);
		n++;
		i = j;
	}
	*out = v;
	*nout = n;
}

/* ------------------------------------------------------------------ */
/* The comparison                                                      */
/* ------------------------------------------------------------------ */

static enum cmp_verdict verdict(const struct comparison *c, int same_text,
				size_t ua, size_t ub)
{
	double ca = c->coverage_a, cb = c->coverage_b;

	if (same_text)
		return CMP_IDENTICAL;
	if ((cb >= 0.98 && ua >= 3 && ua >= 2 * ub) ||
	    (cb >= 0.8 && (ca < 0.8 || cb - ca >= 0.1)))
		return CMP_A_CONTAINS_B;
	if ((ca >= 0.98 && ub >= 3 && ub >= 2 * ua) ||
	    (ca >= 0.8 && (cb < 0.8 || ca - cb >= 0.1)))
		return CMP_B_CONTAINS_A;
	if (ca >= 0.8 && cb >= 0.8)
		return CMP_NEAR_DUPLICATE;
	if (c->nshared && (ca >= 0.05 || cb >= 0.05))
		return CMP_PARTIAL_REUSE;
	return CMP_UNRELATED;
}

void compare_texts(const struct norm_text *a, const struct fingerprint *fa,
		   const struct norm_text *b, const struct fingerprint *fb,
		   struct comparison *out)
{
	struct runs runs = { NULL, 0, 0 };
	struct span2 *spans;
	size_t nspans, cov_a = 0, cov_b = 0;
	unsigned char *in_a, *in_b;
	uint64_t *sa, *sb;
	size_t nsa, nsb;

	comparison_release(out);

	sa = fp_shingles(a, &nsa);
	sb = fp_shingles(b, &nsb);
	fp_set_similarity(sa, nsa, sb, nsb, &out->jaccard, &out->a_in_b, &out->b_in_a);
	free(sa);
	free(sb);
	out->simhash_distance = fp_simhash_distance(fa->simhash, fb->simhash);

	find_runs(a, fa, b, fb, &runs);
	choose_runs(&runs, a->ntokens, b->ntokens);
	if (runs.n)
		qsort(runs.v, runs.n, sizeof(*runs.v), cmp_run_a);
	merge_runs(&runs, &spans, &nspans);
	free(runs.v);

	in_a = xcalloc(a->ntokens + 1, 1);
	in_b = xcalloc(b->ntokens + 1, 1);
	out->shared = nspans ? xmalloc(nspans * sizeof(*out->shared)) : NULL;
	for (size_t i = 0; i < nspans; i++) {
		struct span2 *s = &spans[i];
		struct cmp_passage *p;

		if (s->a_end - s->a < CMP_MIN_PASSAGE && s->b_end - s->b < CMP_MIN_PASSAGE)
			continue;
		p = &out->shared[out->nshared++];
		p->a_tok = s->a;
		p->a_ntok = s->a_end - s->a;
		p->b_tok = s->b;
		p->b_ntok = s->b_end - s->b;
		norm_token_span(a, s->a, s->a_end, &p->a_start, &p->a_end);
		norm_token_span(b, s->b, s->b_end, &p->b_start, &p->b_end);
		memset(in_a + s->a, 1, p->a_ntok);
		memset(in_b + s->b, 1, p->b_ntok);
	}
	free(spans);
	/* Counted on the maps: merged gaps of two passages may overlap. */
	for (size_t i = 0; i < a->ntokens; i++)
		cov_a += in_a[i];
	for (size_t i = 0; i < b->ntokens; i++)
		cov_b += in_b[i];
	out->coverage_a = a->ntokens ? (double)cov_a / (double)a->ntokens : 0;
	out->coverage_b = b->ntokens ? (double)cov_b / (double)b->ntokens : 0;
	uncovered(a, in_a, &out->only_a, &out->nonly_a);
	uncovered(b, in_b, &out->only_b, &out->nonly_b);
	free(in_a);
	free(in_b);
	out->verdict = verdict(out, !strcmp(fa->sha256, fb->sha256),
			       a->ntokens - cov_a, b->ntokens - cov_b);
}
