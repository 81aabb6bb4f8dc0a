// SPDX-License-Identifier: GPL-2.0
/*
 * lpm_cost - instructions per address lookup in kmod/lpm.c, and in a
 * model of a hash probed once per prefix length (the module's table until
 * now), counted by callgrind in parse_cost.sh (see README.md).
 *
 * usage: lpm_cost MODE N [P]
 *   MODE: empty, lpm-SET, hash-SET or build-SET, where SET is v4-exact
 *   (P IPv4 addresses), v4-20len (P IPv4 prefixes over 20 lengths, /13 to
 *   /32), v6-exact (P IPv6 addresses) or v6-40len (P IPv6 prefixes over 40
 *   lengths, /25 to /128).  lpm and hash run run_loop_*() over N random
 *   addresses (a tenth of them inside a prefix of the set), after
 *   warm_loop() over N others, so that a cache model (callgrind
 *   --cache-sim) starts from what lookups leave in the caches; build runs
 *   build_loop() over one plan and fill of the whole set.  P: 1000000.
 *
 * lpm_cost pages-SET N [P] [ROUNDS] is not for callgrind: it times, on
 * this CPU, lookups of the N addresses in the set built three times, in
 * 4 KiB pages, in 2 MiB pages (transparent huge pages, madvise) and, for
 * scale, holding its first prefix alone, in ROUNDS rounds (default 21)
 * of each in a random order, and prints the median over the rounds of
 * the ratios of their times within a round: what the module's
 * vmalloc_huge() of a big snapshot buys, and what the set's size costs.
 *
 * lpm_cost pairs-SET N [P] [ROUNDS] times the same way, on the set built
 * once in 2 MiB pages, the N addresses looked up one per call
 * (c2g_lpm_lookup()) and two per call (c2g_lpm_lookup_pair(), as the
 * module looks up a new flow's two ends): what the pair saves.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lpm.h"

static u64 rng = 88172645463325252ULL;

static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
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

/* ---- the model of a hash per length ---- */

struct hslot {
	u64 hi, lo;
	u8 plen;
	u8 used;
};

static struct hslot *hset;
static u32 hmask;
static u8 plens[129];
static unsigned int nplens;

static u32 hmix(u64 hi, u64 lo, u8 plen)
{
	u64 h = hi * 0x9e3779b97f4a7c15ULL ^ lo * 0xc2b2ae3d27d4eb4fULL ^ plen;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ h >> 32;
}

static void hash_add(u64 hi, u64 lo, u8 plen)
{
	u32 i = hmix(hi, lo, plen) & hmask;

	while (hset[i].used)
		i = (i + 1) & hmask;
	hset[i] = (struct hslot){ hi, lo, plen, 1 };
}

static inline __attribute__((always_inline)) bool hash_has(u64 hi, u64 lo,
							     u8 plen)
{
	u32 i = hmix(hi, lo, plen) & hmask;

	for (; hset[i].used; i = (i + 1) & hmask)
		if (hset[i].hi == hi && hset[i].lo == lo && hset[i].plen == plen)
			return true;
	return false;
}

/*
 * every length in use, longest first: the module probed them all (inline
 * in both loops, as it was in run_loop_hash() alone)
 */
static inline __attribute__((always_inline)) int hash_lookup(u64 hi, u64 lo)
{
	unsigned int i;
	u64 h, l;

	for (i = 0; i < nplens; i++) {
		h = hi;
		l = lo;
		mask(&h, &l, plens[i]);
		if (hash_has(h, l, plens[i]))
			return plens[i];
	}
	return -1;
}

/* ---- the runs ---- */

static struct c2g_lpm_pfx *pfx;
static u32 npfx;
static struct c2g_lpm *lpm;
static u8 (*addrs)[16];
static unsigned int bits;
static volatile u32 sink;

/*
 * Lookups of addrs[from..to), in lpm.c or in the hash model: the body of
 * each loop below, inline in each so that @hash is a constant there.
 */
static inline __attribute__((always_inline)) void lookups(u32 from, u32 to,
							  bool hash)
{
	u32 i, s = 0;
	u64 hi, lo;

	for (i = from; i < to; i++) {
		if (hash) {
			c2g_lpm_key(addrs[i], bits, &hi, &lo);
			s += hash_lookup(hi, lo);
		} else {
			s += c2g_lpm_lookup(lpm, addrs[i]);
		}
	}
	sink = s;
}

/*
 * Lookups of addrs[n..2n), not counted: the caches then hold what a run of
 * lookups leaves in them, not what the build wrote last.
 */
static void __attribute__((noinline)) warm_loop(u32 n, bool hash)
{
	if (hash)
		lookups(n, 2 * n, true);
	else
		lookups(n, 2 * n, false);
}

static void __attribute__((noinline)) run_loop_lpm(u32 n)
{
	lookups(0, n, false);
}

static void __attribute__((noinline)) run_loop_hash(u32 n)
{
	lookups(0, n, true);
}

static void __attribute__((noinline)) run_loop_empty(u32 n)
{
	u32 i, s = 0;

	for (i = 0; i < n; i++)
		s += addrs[i][0];
	sink = s;
}

static void __attribute__((noinline)) build_loop(struct c2g_lpm_pfx *p,
						      u32 n)
{
	struct c2g_lpm_plan plan;
	void *mem;

	if (c2g_lpm_plan(p, n, bits, NULL, &plan))
		exit(1);
	mem = malloc(plan.size);
	lpm = c2g_lpm_fill(mem, p, &plan, NULL);
	sink = plan.size;
}

static void make_set(const char *set, u32 n)
{
	unsigned int lo_len, nlen, i;
	u32 j;

	if (!strcmp(set, "v4-exact")) {
		bits = 32, lo_len = 32, nlen = 1;
	} else if (!strcmp(set, "v4-20len")) {
		bits = 32, lo_len = 13, nlen = 20;
	} else if (!strcmp(set, "v6-exact")) {
		bits = 128, lo_len = 128, nlen = 1;
	} else if (!strcmp(set, "v6-40len")) {
		bits = 128, lo_len = 25, nlen = 40;
	} else {
		fprintf(stderr, "lpm_cost: unknown set %s\n", set);
		exit(2);
	}
	pfx = malloc(n * sizeof(*pfx));
	for (j = 0; j < n; j++) {
		struct c2g_lpm_pfx *p = &pfx[j];

		p->hi = rnd();
		p->lo = bits == 128 ? rnd() : 0;
		if (bits == 32)
			p->hi &= ~0ULL << 32;
		else
			p->hi = (p->hi >> 3) | 0x2000000000000000ULL; /* 2000::/3 */
		/* lengths spread evenly over lo_len .. lo_len + nlen - 1 */
		p->plen = lo_len + (nlen > 1 ? j % nlen : 0);
		if (bits == 32 && nlen == 20)
			p->plen = 13 + j % 20;
		mask(&p->hi, &p->lo, p->plen);
		p->value = j;
	}
	/* (repeats are dropped by a sort by address and length) */
	for (i = 0; i < nlen; i++)
		plens[nplens++] = lo_len + nlen - 1 - i;
}

static int cmp(const void *a, const void *b)
{
	const struct c2g_lpm_pfx *x = a, *y = b;

	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return (int)x->plen - (int)y->plen;
}

/* ---- pages: wall time, 4 KiB pages against 2 MiB ones ---- */

#define HUGE_PAGE	(2UL << 20)

/* AnonHugePages of this process, in KiB. */
static long anon_huge_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/smaps_rollup", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

/* A structure of @p[0..@n) in a block of its own, in huge pages or not. */
static struct c2g_lpm *build_paged(const struct c2g_lpm_pfx *p, u32 n,
				   bool huge, long *huge_kb)
{
	struct c2g_lpm_pfx *tmp = malloc((n ? n : 1) * sizeof(*tmp));
	struct c2g_lpm_plan plan;
	size_t len;
	long kb0;
	u8 *mem;

	if (!tmp)
		exit(1);
	memcpy(tmp, p, n * sizeof(*tmp));
	if (c2g_lpm_plan(tmp, n, bits, NULL, &plan))
		exit(1);
	len = (plan.size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	mem = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		exit(1);
	mem = (u8 *)(((uintptr_t)mem + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
	/* before the first touch: the pages come as asked */
	if (madvise(mem, len, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE)) {
		perror("lpm_cost: madvise");
		exit(1);
	}
	kb0 = anon_huge_kb();
	lpm = c2g_lpm_fill(mem, tmp, &plan, NULL);
	*huge_kb = anon_huge_kb() - kb0;
	free(tmp);
	return lpm;
}

static double now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* median of @v[0..@n) (sorted in place), and half its interquartile range */
static double median(double *v, unsigned int n, double *hiqr)
{
	qsort(v, n, sizeof(*v), cmp_double);
	*hiqr = (v[3 * n / 4] - v[n / 4]) / 2;
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Time @k (at most 3) variants of a run over @n addresses, @rounds rounds
 * of each in a random order, after one round that warms up, uncounted:
 * @t[v][j] gets variant v's ns per lookup in round j; run(v, n) runs it.
 */
static void time_rounds(unsigned int k, u32 n, unsigned int rounds,
			void (*run)(unsigned int v, u32 n), double **t)
{
	unsigned int i, j, x, y, order[3];
	double t0;

	for (j = 0; j < rounds + 1; j++) {
		for (i = 0; i < k; i++)
			order[i] = i;
		for (i = k; i > 1; i--) {
			x = rnd() % i;
			y = order[i - 1];
			order[i - 1] = order[x];
			order[x] = y;
		}
		for (i = 0; i < k; i++) {
			t0 = now_ns();
			run(order[i], n);
			if (j)
				t[order[i]][j - 1] = (now_ns() - t0) / n;
		}
	}
}

/* pages: the set in 4 KiB pages, in 2 MiB pages, and its first prefix */
static struct c2g_lpm *paged[3];

static void run_paged(unsigned int v, u32 n)
{
	lpm = paged[v];
	run_loop_lpm(n);
}

static void pages(u32 n, unsigned int rounds)
{
	static const char *const name[] = { "small", "huge", "one" };
	struct c2g_lpm **l = paged;
	long kb[3];
	double *t[3], *r[3], ns[3], iqr, m;
	unsigned int i, j;
	u64 b, set;

	l[0] = build_paged(pfx, npfx, false, &kb[0]);
	l[1] = build_paged(pfx, npfx, true, &kb[1]);
	l[2] = build_paged(pfx, 1, false, &kb[2]);
	for (i = 0; i < 3; i++) {
		t[i] = calloc(rounds, sizeof(double));
		r[i] = calloc(rounds, sizeof(double));
	}
	time_rounds(3, n, rounds, run_paged, t);
	for (j = 0; j < rounds; j++) {
		r[0][j] = t[0][j] / t[1][j];
		r[1][j] = t[2][j] / t[0][j];
		r[2][j] = t[2][j] / t[1][j];
	}
	printf("# %u prefixes, %u lookups per round, %u rounds; structure %.1f MiB\n",
	       npfx, n, rounds,
	       (double)((const u8 *)l[0]->iv - (const u8 *)l[0]) / 1048576 +
	       (double)l[0]->nint * (bits == 32 ? 9 : 21) / 1048576);
	for (b = 0, set = 0; b < (1ULL << l[0]->fbits) / 8; b++)
		set += __builtin_popcount(l[0]->filter[b]);
	printf("# filter: %u bits, %.1f %% of its blocks hold a prefix\n",
	       l[0]->fbits, 100.0 * set / (1ULL << l[0]->fbits));
	for (i = 0; i < 3; i++) {
		ns[i] = median(t[i], rounds, &iqr);
		printf("%-6s %8.1f ns/lookup  (iqr %.1f)  AnonHugePages +%ld KiB\n",
		       name[i], ns[i], iqr, kb[i]);
	}
	/* as make bench gives them: lookups per second, A / B */
	m = median(r[0], rounds, &iqr);
	printf("huge / small   %.3f  iqr %.3f\n", m, iqr);
	m = median(r[1], rounds, &iqr);
	printf("small / one    %.3f  iqr %.3f\n", m, iqr);
	m = median(r[2], rounds, &iqr);
	printf("huge / one     %.3f  iqr %.3f\n", m, iqr);
}

/* ---- pairs: a flow's two ends in one call, against two calls ---- */

/* addrs[0..n) as n / 2 pairs, each c2g_lpm_lookup_pair(), as the module */
static void __attribute__((noinline)) run_loop_pair(u32 n)
{
	struct c2g_lpm_pair v;
	u64 ahi, alo, bhi, blo;
	u32 i, s = 0;

	for (i = 0; i + 1 < n; i += 2) {
		c2g_lpm_key(addrs[i], bits, &ahi, &alo);
		c2g_lpm_key(addrs[i + 1], bits, &bhi, &blo);
		v = c2g_lpm_lookup_pair(lpm, ahi, alo, bhi, blo);
		s += v.a + v.b;
	}
	sink = s;
}

/* pairs: variant 0 one address per call, 1 two */
static void run_pairs(unsigned int v, u32 n)
{
	if (v)
		run_loop_pair(n);
	else
		run_loop_lpm(n);
}

static void pairs(u32 n, unsigned int rounds)
{
	double *t[2], *r, iqr, m;
	unsigned int i, j;
	long kb;

	/* in 2 MiB pages, as the module's big snapshots */
	lpm = build_paged(pfx, npfx, true, &kb);
	for (i = 0; i < 2; i++)
		t[i] = calloc(rounds, sizeof(double));
	r = calloc(rounds, sizeof(double));
	time_rounds(2, n, rounds, run_pairs, t);
	for (j = 0; j < rounds; j++)
		r[j] = t[0][j] / t[1][j];
	printf("# %u prefixes, %u lookups per round, %u rounds, 2 MiB pages (+%ld KiB)\n",
	       npfx, n, rounds, kb);
	m = median(t[0], rounds, &iqr);
	printf("single %8.1f ns/lookup  (iqr %.1f)\n", m, iqr);
	m = median(t[1], rounds, &iqr);
	printf("pair   %8.1f ns/lookup  (iqr %.1f)\n", m, iqr);
	/* lookups per second, pair / single, as make bench gives ratios */
	m = median(r, rounds, &iqr);
	printf("pair / single  %.3f  iqr %.3f\n", m, iqr);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	u32 n = argc > 2 ? strtoul(argv[2], NULL, 0) : 100000;
	u32 np = argc > 3 ? strtoul(argv[3], NULL, 0) : 1000000;
	const char *set = strchr(mode, '-');
	struct c2g_lpm_pfx *copy;
	u32 i, k;

	if (!strcmp(mode, "empty")) {
		addrs = calloc(n, 16);
		run_loop_empty(n);
		return 0;
	}
	if (!set) {
		fprintf(stderr, "usage: lpm_cost empty|lpm-SET|hash-SET|build-SET N [P]\n"
				"       lpm_cost pages-SET|pairs-SET N [P] [ROUNDS]\n");
		return 2;
	}
	make_set(set + 1, np);
	qsort(pfx, np, sizeof(*pfx), cmp);
	for (i = 0, k = 0; i < np; i++)
		if (!k || cmp(&pfx[i], &pfx[k - 1]))
			pfx[k++] = pfx[i];
	for (i = 0; i < k; i++)
		pfx[i].value = i;
	npfx = k;
	/* the build's input, shuffled as a feed would come */
	copy = malloc(npfx * sizeof(*copy));
	memcpy(copy, pfx, npfx * sizeof(*copy));
	for (i = npfx; i > 1; i--) {
		u32 r = rnd() % i;
		struct c2g_lpm_pfx t = copy[i - 1];

		copy[i - 1] = copy[r];
		copy[r] = t;
	}
	if (!strncmp(mode, "build", 5)) {
		build_loop(copy, npfx);
		return 0;
	}
	if (strncmp(mode, "pages", 5) && strncmp(mode, "pairs", 5))
		build_loop(copy, npfx);	/* (not counted) */

	/* n to look up, then n more to warm the caches with (not counted) */
	addrs = malloc((size_t)n * 2 * 16);
	for (i = 0; i < 2 * n; i++) {
		u64 hi = rnd(), lo = rnd();
		unsigned int b;

		if (i % 10 == 0) {	/* inside a prefix of the set */
			const struct c2g_lpm_pfx *p = &pfx[rnd() % npfx];
			u64 mh = hi, ml = lo;

			mask(&mh, &ml, p->plen);
			hi = p->hi | (hi ^ mh);
			lo = p->lo | (lo ^ ml);
		} else if (bits == 128) {
			hi = (hi >> 3) | 0x2000000000000000ULL;
		}
		for (b = 0; b < 8; b++) {
			addrs[i][b] = hi >> (56 - 8 * b);
			addrs[i][8 + b] = lo >> (56 - 8 * b);
		}
	}
	if (!strncmp(mode, "pages", 5)) {
		pages(n, argc > 4 ? strtoul(argv[4], NULL, 0) : 21);
		return 0;
	}
	if (!strncmp(mode, "pairs", 5)) {
		pairs(n, argc > 4 ? strtoul(argv[4], NULL, 0) : 21);
		return 0;
	}
	if (!strncmp(mode, "hash", 4)) {
		for (hmask = 1; hmask < 2 * npfx; hmask <<= 1)
			;
		hset = calloc(hmask, sizeof(*hset));
		hmask--;
		for (i = 0; i < npfx; i++)
			hash_add(pfx[i].hi, pfx[i].lo, pfx[i].plen);
		warm_loop(n, true);
		run_loop_hash(n);
	} else {
		warm_loop(n, false);
		run_loop_lpm(n);
	}
	return 0;
}
