// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the longest-prefix match (kmod/lpm.c) against a reference
 * written here the slow, obvious way: for each prefix length in the set,
 * longest first, mask the address and look it up among the prefixes of
 * that length.  Random tables of many shapes (exact addresses only, 20 or
 * 40 lengths, deep nesting, the whole space, the edges of the space), and
 * for each the addresses around every prefix's first and last address
 * plus random ones: millions of lookups.  LPM_SEED=N repeats a run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ktap.h"
#include "../../kmod/lpm.h"

static u64 rng_state;

static u64 rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static u64 lookups;

/* ---- the reference ---- */

struct ref {
	unsigned int bits;
	u32 n;
	struct c2g_lpm_pfx *by;	/* sorted by plen, then address */
	u32 first[130];		/* by[first[l]..first[l + 1]) have plen l */
};

static int ref_cmp(const void *a, const void *b)
{
	const struct c2g_lpm_pfx *x = a, *y = b;

	if (x->plen != y->plen)
		return x->plen < y->plen ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return 0;
}

static void mask(u64 *hi, u64 *lo, unsigned int plen)
{
	if (plen < 64) {
		*hi &= plen ? ~0ULL << (64 - plen) : 0;
		*lo = 0;
	} else if (plen < 128) {
		*lo &= plen > 64 ? ~0ULL << (128 - plen) : 0;
	}
}

static void ref_init(struct ref *r, const struct c2g_lpm_pfx *p, u32 n,
		     unsigned int bits)
{
	unsigned int l;
	u32 i = 0;

	r->bits = bits;
	r->n = n;
	r->by = malloc((n ? n : 1) * sizeof(*p));
	memcpy(r->by, p, n * sizeof(*p));
	qsort(r->by, n, sizeof(*p), ref_cmp);
	for (l = 0; l <= 129; l++) {
		while (i < n && r->by[i].plen < l)
			i++;
		r->first[l] = i;
	}
}

/* value of the longest prefix of length < @below holding hi:lo */
static u32 ref_lookup(const struct ref *r, u64 hi, u64 lo, unsigned int below)
{
	struct c2g_lpm_pfx key;
	const struct c2g_lpm_pfx *f;
	int l;

	for (l = (int)below - 1; l >= 0; l--) {
		u32 a = r->first[l], b = r->first[l + 1];

		if (a == b)
			continue;
		key.hi = hi;
		key.lo = lo;
		mask(&key.hi, &key.lo, l);
		key.plen = l;
		f = bsearch(&key, r->by + a, b - a, sizeof(key), ref_cmp);
		if (f)
			return f->value;
	}
	return C2G_LPM_NONE;
}

/* ---- the structure as a caller uses it ---- */

struct table {
	struct c2g_lpm *l;
	void *mem;
	unsigned int bits;
};

/*
 * The pair lookup (a flow's two ends) against the single one: each answer
 * is also asked for in a pair with the address asked before it in the
 * same table, both orders; pairs whose halves differed from the singles.
 */
static u64 pairs, pairs_bad;
/* the table asked before, NULL once it is freed */
static const struct c2g_lpm *prev_l;

static u32 answer(const struct table *t, u64 hi, u64 lo)
{
	static u64 prev_hi, prev_lo;
	static u32 prev_v;
	struct c2g_lpm_pair ab, ba;
	u8 a[16];
	unsigned int i;
	u32 v;

	for (i = 0; i < 8; i++) {
		a[i] = hi >> (56 - 8 * i);
		a[8 + i] = lo >> (56 - 8 * i);
	}
	lookups++;
	v = c2g_lpm_lookup(t->l, a);
	if (prev_l == t->l) {
		ab = c2g_lpm_lookup_pair(t->l, hi, lo, prev_hi, prev_lo);
		ba = c2g_lpm_lookup_pair(t->l, prev_hi, prev_lo, hi, lo);
		pairs++;
		if (ab.a != v || ab.b != prev_v || ba.a != prev_v || ba.b != v)
			pairs_bad++;
	}
	prev_l = t->l;
	prev_hi = hi;
	prev_lo = lo;
	prev_v = v;
	return v;
}

/* prefixes whose first interval c2g_lpm_fill() gave wrong */
static u64 starts_bad;
/* tables whose filter was not the blocks their prefixes touch */
static u64 filters_bad, filters;

static bool same_start6(const struct c2g_lpm *l, u32 iv,
			const struct c2g_lpm_pfx *p)
{
	u64 hi, lo;

	c2g_lpm_key(c2g_lpm_start6(l, iv), 128, &hi, &lo);
	return hi == p->hi && lo == p->lo;
}

/*
 * The filter must have exactly the bits of the blocks (addresses sharing
 * their top fbits bits) that some prefix touches: marked here one prefix
 * and one bit at a time.  Its bits are the direct table's and 3.
 */
static void filter_check(const struct c2g_lpm *l, const struct c2g_lpm_pfx *p,
			 u32 n, unsigned int bits)
{
	unsigned int shift = 64 - l->fbits;
	size_t len = ((size_t)1 << l->fbits) / 8;
	u64 b, last, mhi, mlo;
	u8 *want;
	u32 i;

	filters++;
	if (l->fbits != l->dbits + 3) {
		filters_bad++;
		return;
	}
	want = calloc(len, 1);

	for (i = 0; i < n; i++) {
		c2g_lpm_hostmask(p[i].plen, bits, &mhi, &mlo);
		last = (p[i].hi | mhi) >> shift;
		for (b = p[i].hi >> shift; b <= last; b++)
			want[b / 8] |= 1u << (b % 8);
	}
	if (memcmp(want, l->filter, len))
		filters_bad++;
	free(want);
}

static int build(struct table *t, struct c2g_lpm_pfx *p, u32 n,
		 unsigned int bits, u32 *parent)
{
	struct c2g_lpm_plan plan;
	u32 i, *first;
	int r;

	r = c2g_lpm_plan(p, n, bits, parent, &plan);
	if (r)
		return r;
	t->mem = aligned_alloc(8, (plan.size + 7) & ~(size_t)7);
	first = malloc((n ? n : 1) * sizeof(*first));
	t->l = c2g_lpm_fill(t->mem, p, &plan, first);
	for (i = 0; i < n; i++) {
		/* each prefix's interval, in order; IPv6 ones keep its address */
		if (first[i] >= plan.nint || (i && first[i] <= first[i - 1]))
			starts_bad++;
		else if (bits == 128 && !same_start6(t->l, first[i], &p[i]))
			starts_bad++;
	}
	free(first);
	t->bits = bits;
	filter_check(t->l, p, n, bits);
	return 0;
}

static void table_free(struct table *t)
{
	if (prev_l == t->l)
		prev_l = NULL;
	free(t->mem);
}

/* ---- random tables ---- */

enum shape {
	EXACT,		/* full-length addresses only */
	SPREAD,		/* lengths drawn from a set of @nlen */
	NESTED,		/* every length of a few addresses: deep nesting */
	MIXED,		/* spread, plus /0 and prefixes at the space's edges */
};

/* a random address of @bits bits, as hi:lo; often near an edge */
static void rnd_addr(unsigned int bits, u64 *hi, u64 *lo)
{
	u64 r = rnd();

	*hi = rnd();
	*lo = bits == 128 ? rnd() : 0;
	if (r % 16 == 0)		/* low edge */
		*hi &= bits == 32 ? 0xffffULL << 32 : 0xffffULL;
	else if (r % 16 == 1)		/* high edge */
		*hi |= ~0xffffULL;
	if (bits == 128 && r % 8 == 2)	/* lo's carry into hi */
		*lo |= ~0xffULL;
	if (bits == 32)
		*hi &= ~0ULL << 32;
}

static u32 gen(struct c2g_lpm_pfx *p, u32 n, unsigned int bits,
	       enum shape s, unsigned int nlen)
{
	unsigned int lens[129], i, k;
	u64 base_hi[8], base_lo[8];
	u32 m = 0, j;

	for (i = 0; i < nlen; i++)
		lens[i] = bits - (i * bits / nlen);	/* bits, ..., > 0 */
	for (i = 0; i < 8; i++)
		rnd_addr(bits, &base_hi[i], &base_lo[i]);
	for (j = 0; j < n; j++) {
		struct c2g_lpm_pfx x;

		switch (s) {
		case EXACT:
			rnd_addr(bits, &x.hi, &x.lo);
			x.plen = bits;
			break;
		case NESTED:
			k = rnd() % 8;
			x.hi = base_hi[k];
			x.lo = base_lo[k];
			x.plen = rnd() % (bits + 1);
			if (rnd() % 4 == 0) {	/* a sibling nearby */
				if (bits == 32)
					x.hi ^= (rnd() % 256) << 32;
				else
					x.lo ^= rnd() % 256;
			}
			break;
		default:
			rnd_addr(bits, &x.hi, &x.lo);
			x.plen = lens[rnd() % nlen];
			if (s == MIXED && rnd() % 64 == 0)
				x.plen = rnd() % 4;	/* short: covers a lot */
			break;
		}
		mask(&x.hi, &x.lo, x.plen);
		x.value = m;
		p[m++] = x;
	}
	/* drop repeats, renumbering the values */
	qsort(p, m, sizeof(*p), ref_cmp);
	for (j = 0, k = 0; j < m; j++)
		if (!k || ref_cmp(&p[j], &p[k - 1]))
			p[k++] = p[j];
	for (j = 0; j < k; j++)
		p[j].value = j;
	/* and shuffle, so that the sort has work */
	for (j = k; j > 1; j--) {
		u32 r = rnd() % j;
		struct c2g_lpm_pfx t = p[j - 1];

		p[j - 1] = p[r];
		p[r] = t;
	}
	return k;
}

static void add1(u64 *hi, u64 *lo, unsigned int bits, int d)
{
	if (bits == 32) {
		*hi += (u64)d << 32;
		return;
	}
	if (d > 0) {
		if (!++*lo)
			++*hi;
	} else {
		if (!(*lo)--)
			--*hi;
	}
}

/* A wrong answer fails the case; the first few of each case are shown. */
static unsigned long bad;

static void miss(u64 hi, u64 lo, u32 got, u32 want, const char *what)
{
	ktap_failed = 1;
	if (bad++ < 5)
		printf("# %s of %016llx:%016llx: %u, want %u\n", what,
		       (unsigned long long)hi, (unsigned long long)lo, got,
		       want);
}

static void probe(const struct table *t, const struct ref *r, u64 hi, u64 lo)
{
	u32 want = ref_lookup(r, hi, lo, t->bits + 1), got = answer(t, hi, lo);

	if (got != want)
		miss(hi, lo, got, want, "lookup");
}

/*
 * One random table: every prefix's edges and their neighbours, random
 * addresses, the parents.
 */
static void one(unsigned int bits, enum shape s, unsigned int nlen, u32 n,
		u32 nrand)
{
	struct c2g_lpm_pfx *p = malloc(n * sizeof(*p));
	u32 *parent = malloc(n * sizeof(u32)), m, i;
	struct table t;
	struct ref r;
	u64 hi, lo, mhi, mlo;

	if (!ktap_failed)	/* a new case */
		bad = 0;

	m = gen(p, n, bits, s, nlen);
	ref_init(&r, p, m, bits);
	CHECK(build(&t, p, m, bits, parent) == 0, "build");
	for (i = 0; i < m; i++) {
		u32 want = ref_lookup(&r, p[i].hi, p[i].lo, p[i].plen);

		if (parent[i] != want)
			miss(p[i].hi, p[i].lo, parent[i], want, "parent");
		/* first address, the one before, last, the one after */
		hi = p[i].hi;
		lo = p[i].lo;
		probe(&t, &r, hi, lo);
		add1(&hi, &lo, bits, -1);
		probe(&t, &r, hi, lo);
		mhi = p[i].plen >= 64 ? 0 : ~0ULL >> p[i].plen;
		mlo = p[i].plen >= 128 ? 0 :
		      p[i].plen <= 64 ? ~0ULL : ~0ULL >> (p[i].plen - 64);
		if (bits == 32) {
			mhi &= ~0ULL << 32;
			mlo = 0;
		}
		hi = p[i].hi | mhi;
		lo = p[i].lo | mlo;
		probe(&t, &r, hi, lo);
		add1(&hi, &lo, bits, 1);
		probe(&t, &r, hi, lo);
	}
	for (i = 0; i < nrand; i++) {
		rnd_addr(bits, &hi, &lo);
		probe(&t, &r, hi, lo);
	}
	table_free(&t);
	free(r.by);
	free(parent);
	free(p);
}

static void t_errors(void)
{
	struct c2g_lpm_pfx p[2] = {
		{ .hi = 0x0a00000000000000ULL, .plen = 8, .value = 0 },
		{ .hi = 0x0a00000000000000ULL, .plen = 8, .value = 1 },
	};
	struct c2g_lpm_plan plan;
	struct table t;
	u8 a[16] = { 10, 1, 2, 3 };

	CHECK(c2g_lpm_plan(p, 2, 64, NULL, &plan) == -EINVAL, "64 bits");
	CHECK(c2g_lpm_plan(p, 2, 32, NULL, &plan) == -EEXIST, "twice");
	p[1].plen = 33;
	CHECK(c2g_lpm_plan(p, 2, 32, NULL, &plan) == -EINVAL, "/33");
	p[1].plen = 6;		/* 10 = 000010|10 */
	CHECK(c2g_lpm_plan(p, 2, 32, NULL, &plan) == -EINVAL, "host bit");
	p[1].plen = 16;
	p[1].value = C2G_LPM_NONE;
	CHECK(c2g_lpm_plan(p, 2, 32, NULL, &plan) == -EINVAL, "value");
	p[1].value = 1;
	p[1].hi |= 1ULL << 31;		/* past an IPv4 address */
	CHECK(c2g_lpm_plan(p, 2, 32, NULL, &plan) == -EINVAL, "v4 low bits");
	p[1].hi = 0x0a00000000000000ULL;
	p[1].lo = 1;
	CHECK(c2g_lpm_plan(p, 2, 32, NULL, &plan) == -EINVAL, "v4 lo");
	p[1].lo = 0;
	p[1].plen = 128;
	CHECK(c2g_lpm_plan(p, 2, 128, NULL, &plan) == 0, "v6 ok");

	/* the empty set */
	CHECK(build(&t, p, 0, 32, NULL) == 0, "empty");
	CHECK(c2g_lpm_lookup(t.l, a) == C2G_LPM_NONE, "empty: none");
	table_free(&t);
}

/* A hand-made table: what a reader of lpm.c checks in their head. */
static void t_known(void)
{
	static const struct {
		u32 a;
		u8 plen;
	} set[] = {
		{ 0x0a000000, 8 },	/* 0: 10/8 */
		{ 0x0a010000, 16 },	/* 1: 10.1/16 */
		{ 0x0a010203, 32 },	/* 2: 10.1.2.3 */
		{ 0x0a010200, 24 },	/* 3: 10.1.2/24 */
		{ 0xc0000200, 24 },	/* 4: 192.0.2/24 */
		{ 0xffffffff, 32 },	/* 5: 255.255.255.255 */
		{ 0x0a000000, 16 },	/* 6: 10.0/16 */
	};
	static const struct {
		u32 a;
		u32 want;
	} q[] = {
		{ 0x0a010203, 2 }, { 0x0a010204, 3 }, { 0x0a010202, 3 },
		{ 0x0a0102ff, 3 }, { 0x0a010300, 1 }, { 0x0a01ffff, 1 },
		{ 0x0a020000, 0 }, { 0x0a000001, 6 }, { 0x0affffff, 0 },
		{ 0x0b000000, C2G_LPM_NONE }, { 0x09ffffff, C2G_LPM_NONE },
		{ 0x00000000, C2G_LPM_NONE }, { 0xc0000201, 4 },
		{ 0xc0000300, C2G_LPM_NONE }, { 0xffffffff, 5 },
		{ 0xfffffffe, C2G_LPM_NONE },
	};
	static const u32 parents[] = { C2G_LPM_NONE, 0, 3, 1, C2G_LPM_NONE,
				       C2G_LPM_NONE, 0 };
	struct c2g_lpm_pfx p[KTAP_ARRAY_SIZE(set)];
	u32 parent[KTAP_ARRAY_SIZE(set)];
	struct table t;
	unsigned int i;

	for (i = 0; i < KTAP_ARRAY_SIZE(set); i++) {
		p[i].hi = (u64)set[i].a << 32;
		p[i].lo = 0;
		p[i].plen = set[i].plen;
		p[i].value = i;
	}
	CHECK(build(&t, p, KTAP_ARRAY_SIZE(set), 32, parent) == 0, "build");
	for (i = 0; i < KTAP_ARRAY_SIZE(set); i++)
		CHECK(parent[i] == parents[p[i].value], "parent of %u: %u",
		      p[i].value, parent[i]);
	for (i = 0; i < KTAP_ARRAY_SIZE(q); i++) {
		u32 got = answer(&t, (u64)q[i].a << 32, 0);

		CHECK(got == q[i].want, "%08x: %u, want %u", q[i].a, got,
		      q[i].want);
	}
	table_free(&t);
}

static void t_v4_exact(void)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		one(32, EXACT, 1, 1 + rnd() % 20000, 20000);
	one(32, EXACT, 1, 50000, 100000);
	/* big enough for a direct table of 2^21 slots */
	one(32, EXACT, 1, 2500000, 1000000);
}

static void t_v4_spread(void)
{
	unsigned int i;

	for (i = 0; i < 20; i++)
		one(32, SPREAD, 1 + i, 1 + rnd() % 8000, 8000);
	one(32, SPREAD, 20, 50000, 100000);
}

static void t_v4_nested(void)
{
	unsigned int i;

	for (i = 0; i < 100; i++)
		one(32, i % 2 ? NESTED : MIXED, 33, 1 + rnd() % 300, 3000);
}

static void t_v6_exact(void)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		one(128, EXACT, 1, 1 + rnd() % 20000, 20000);
}

static void t_v6_spread(void)
{
	unsigned int i;

	for (i = 0; i < 10; i++)
		one(128, SPREAD, 40, 1 + rnd() % 20000, 20000);
	one(128, SPREAD, 40, 50000, 100000);
}

static void t_v6_nested(void)
{
	unsigned int i;

	for (i = 0; i < 100; i++)
		one(128, i % 2 ? NESTED : MIXED, 129, 1 + rnd() % 600, 3000);
}

/* Input already sorted, or backwards, or all alike: no quadratic sort. */
static void t_sorted_input(void)
{
	u32 n = 100000, i, unsorted = 0;
	struct c2g_lpm_pfx *p = malloc(n * sizeof(*p));
	struct c2g_lpm_plan plan;

	for (i = 0; i < n; i++) {
		p[i].hi = (u64)(i * 7) << 32;
		p[i].lo = 0;
		p[i].plen = 32;
		p[i].value = i;
	}
	CHECK(c2g_lpm_plan(p, n, 32, NULL, &plan) == 0, "sorted");
	for (i = 0; i < n; i++)
		p[i].hi = (u64)((n - i) * 7) << 32;
	CHECK(c2g_lpm_plan(p, n, 32, NULL, &plan) == 0, "backwards");
	for (i = 1; i < n; i++)
		unsorted += p[i - 1].hi >= p[i].hi;
	CHECK(!unsorted, "%u out of order", unsorted);
	CHECK(plan.nint == n, "%u intervals", plan.nint);
	free(p);
}

/* Last: the run checked millions of lookups against the reference. */
static void t_lookups(void)
{
	printf("# %llu lookups checked against the reference\n",
	       (unsigned long long)lookups);
	CHECK(lookups >= 2000000, "only %llu lookups",
	      (unsigned long long)lookups);
	CHECK(!starts_bad, "%llu prefixes with a wrong first interval",
	      (unsigned long long)starts_bad);
	CHECK(pairs >= 1000000 && !pairs_bad,
	      "%llu of %llu pair lookups differ from single ones",
	      (unsigned long long)pairs_bad, (unsigned long long)pairs);
	CHECK(!filters_bad, "%llu of %llu tables with a wrong filter",
	      (unsigned long long)filters_bad, (unsigned long long)filters);
}

int main(void)
{
	static const struct ktap_case cases[] = {
		KTAP_CASE(t_errors),
		KTAP_CASE(t_known),
		KTAP_CASE(t_v4_exact),
		KTAP_CASE(t_v4_spread),
		KTAP_CASE(t_v4_nested),
		KTAP_CASE(t_v6_exact),
		KTAP_CASE(t_v6_spread),
		KTAP_CASE(t_v6_nested),
		KTAP_CASE(t_sorted_input),
		KTAP_CASE(t_lookups),
	};
	const char *s = getenv("LPM_SEED");

	rng_state = s ? strtoull(s, NULL, 0) : 0x9e3779b97f4a7c15ULL;
	if (!rng_state)
		rng_state = 1;
	printf("# LPM_SEED=%llu\n", (unsigned long long)rng_state);
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
