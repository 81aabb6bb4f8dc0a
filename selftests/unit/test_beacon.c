// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/beacon.c (beacon detection) on synthetic event series
 * from a seeded PRNG: what must be caught (fixed interval, +-33 % uniform
 * jitter, 50 % one-sided jitter, beacons with retries, beacons beside
 * another host's traffic), what must not (Poisson arrivals, allowlisted
 * pollers), restarts, hold-down, sizes, exact statistics and edge cases.
 * Scores are printed as KTAP comments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beacon.h"
#include "ktap.h"

#define SEEDS	200
#define T0	1000000000ULL	/* ms; any start will do */

/* splitmix64 */
static u64 rng_state;

static void rng_seed(u64 seed)
{
	rng_state = seed * 0x9e3779b97f4a7c15ULL + 12345;
}

static u64 rng(void)
{
	u64 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static u64 uni(u64 lo, u64 hi)
{
	return lo + rng() % (hi - lo + 1);
}

/* Natural logarithm of 0 < x <= 1 without libm. */
static double ln(double x)
{
	double y, y2, term, s = 0, k = 0;
	int i;

	while (x < 0.5) {
		x *= 2;
		k -= 1;
	}
	y = (x - 1) / (x + 1);
	y2 = y * y;
	term = y;
	for (i = 1; i < 60; i += 2) {
		s += term / i;
		term *= y2;
	}
	return 2 * s + k * 0.69314718055994531;
}

/* Exponential with mean @mean_ms. */
static u64 expo(double mean_ms)
{
	double u = ((rng() >> 11) + 1) * (1.0 / 9007199254740992.0);

	return (u64)(-mean_ms * ln(u));
}

enum sizes { SZ_CONST, SZ_RAND, SZ_WIDE };

static u64 size_of(enum sizes sz)
{
	switch (sz) {
	case SZ_CONST:
		return 420;
	case SZ_RAND:
		return uni(200, 2000);
	default:	/* web-like: 300 B .. ~150 KB, log-spread */
		return (300ULL << uni(0, 8)) * uni(100, 199) / 100;
	}
}

/* What feeding a series produced. */
struct run {
	unsigned int events;
	unsigned int alerts;
	unsigned int first_alert;	/* event index, 0 = none */
	unsigned int max_score;
	unsigned int retries_seen;
	struct c2g_beacon_score at_alert;	/* at the first alert */
	struct c2g_beacon_score last;		/* after the last event */
};

static struct c2g_beacon_params defp(void)
{
	struct c2g_beacon_params p;

	c2g_beacon_params_default(&p);
	return p;
}

/* One event: record, score, decide, as the module will. */
static void feed(struct c2g_beacon *b, const struct c2g_beacon_params *p,
		 struct run *r, u64 t, u64 size)
{
	struct c2g_beacon_score s;
	int ev;

	ev = c2g_beacon_event(b, p, t, size);
	r->events++;
	if (ev == C2G_BEACON_EV_RETRY)
		r->retries_seen++;
	c2g_beacon_score(b, p, &s);
	if (s.valid && s.score > r->max_score)
		r->max_score = s.score;
	if (s.valid && (s.score > 100 || s.sub.timing > 1000 ||
			s.sub.data > 1000))
		CHECK(0, "score %u timing %u data %u out of range", s.score,
		      s.sub.timing, s.sub.data);
	if (c2g_beacon_decide(b, p, &s, t)) {
		if (!r->alerts++) {
			r->first_alert = r->events;
			r->at_alert = s;
		}
	}
	r->last = s;
}

enum kind {
	K_FIXED,	/* 60 s */
	K_UNIFORM,	/* 10..20 s: 15 s +- 33 % */
	K_ONESIDED,	/* 30..45 s: 30 s + 0..50 % */
	K_POISSON,	/* exponential gaps, mean given */
};

struct series {
	enum kind kind;
	enum sizes sz;
	unsigned int events;
	unsigned int retry_pct;		/* % of beacons followed by retries */
	unsigned int extra_pml;		/* extra random events, permille */
	double mean_ms;			/* K_POISSON */
};

static u64 next_gap(const struct series *s)
{
	switch (s->kind) {
	case K_FIXED:
		return 60000;
	case K_UNIFORM:
		return uni(10000, 20000);
	case K_ONESIDED:
		return uni(30000, 45000);
	default:
		return expo(s->mean_ms);
	}
}

/*
 * Feed @s->events beacons (and their retries and extras) of seed @seed
 * into a fresh state.
 */
static struct run run_series(const struct series *s, u64 seed,
			     const struct c2g_beacon_params *p)
{
	struct c2g_beacon b;
	struct run r;
	u64 t = T0;
	unsigned int i;

	memset(&r, 0, sizeof(r));
	c2g_beacon_init(&b);
	rng_seed(seed);
	for (i = 0; i < s->events; i++) {
		u64 gap = next_gap(s);

		/* an unrelated event somewhere inside the gap */
		if (s->extra_pml && uni(1, 1000) <= s->extra_pml && gap > 6000)
			feed(&b, p, &r, t + uni(3000, gap - 3000),
			     size_of(SZ_WIDE));
		t += gap;
		feed(&b, p, &r, t, size_of(s->sz));
		if (s->retry_pct && uni(1, 100) <= s->retry_pct) {
			u64 rt = t + uni(100, 1500);

			feed(&b, p, &r, rt, size_of(s->sz));
			if (uni(0, 1))	/* a second retry */
				feed(&b, p, &r, rt + uni(100, 1500),
				     size_of(s->sz));
		}
	}
	return r;
}

struct tally {
	unsigned int caught;
	unsigned int min_max, max_max;	/* of the per-seed maximum score */
	unsigned int first_min, first_max;
	unsigned long first_sum;
};

static struct tally many(const struct series *s, u64 base,
			 const struct c2g_beacon_params *p)
{
	struct tally t = { 0, 101, 0, ~0u, 0, 0 };
	unsigned int seed;

	for (seed = 0; seed < SEEDS; seed++) {
		struct run r = run_series(s, base + seed, p);

		if (r.max_score < t.min_max)
			t.min_max = r.max_score;
		if (r.max_score > t.max_max)
			t.max_max = r.max_score;
		if (!r.alerts)
			continue;
		t.caught++;
		t.first_sum += r.first_alert;
		if (r.first_alert < t.first_min)
			t.first_min = r.first_alert;
		if (r.first_alert > t.first_max)
			t.first_max = r.first_alert;
	}
	return t;
}

static void print_score(const char *what, const struct c2g_beacon_score *s)
{
	printf("# %s: score %u timing %u data %u (gap disp %u cv %u skew %u count %u; size disp %u skew %u small %u) interval %u ms jitter %u permille events %u retries %u gaps %u\n",
	       what, s->score, s->sub.timing, s->sub.data, s->sub.gap_disp,
	       s->sub.gap_cv, s->sub.gap_skew, s->sub.count, s->sub.size_disp,
	       s->sub.size_skew, s->sub.size_small, s->interval_ms, s->jitter,
	       s->events, s->retries, s->ngaps);
}

static void print_tally(const char *what, const struct tally *t)
{
	printf("# %s: flagged %u/%u seeds, per-seed max score %u..%u",
	       what, t->caught, SEEDS, t->min_max, t->max_max);
	if (t->caught)
		printf(", first alert at event %u..%u (mean %.1f)",
		       t->first_min, t->first_max,
		       (double)t->first_sum / t->caught);
	putchar('\n');
}

static void test_fixed(void)
{
	struct c2g_beacon_params p = defp();
	struct series s = { K_FIXED, SZ_CONST, 64, 0, 0, 0 };
	struct run r = run_series(&s, 1, &p);

	print_score("fixed 60 s, const size, first alert", &r.at_alert);
	print_score("fixed 60 s, const size, 64 events", &r.last);
	/*
	 * 12 gaps (13 events) for a fixed interval: the count takes the
	 * score to 11 / 16 = 69 on 11 gaps, under the threshold of 70
	 */
	CHECK(r.alerts == 1 && r.first_alert == 13,
	      "alerts %u, first at %u", r.alerts, r.first_alert);
	CHECK(r.last.interval_ms == 60000 && r.last.jitter == 0,
	      "interval %u jitter %u", r.last.interval_ms, r.last.jitter);
	CHECK(r.last.score == 100, "score %u", r.last.score);
	CHECK(r.last.gap.cv == 0 && r.last.gap.skew == 0 && r.last.gap.mad == 0,
	      "cv %u skew %d mad %u", r.last.gap.cv, r.last.gap.skew,
	      r.last.gap.mad);

	s.sz = SZ_RAND;
	r = run_series(&s, 2, &p);
	print_score("fixed 60 s, random size, 64 events", &r.last);
	CHECK(r.alerts == 1 && r.first_alert <= 16, "alerts %u first %u",
	      r.alerts, r.first_alert);
	CHECK(r.last.score >= 85, "score %u", r.last.score);
}

/* A must-catch case over SEEDS seeds, random sizes (the harder case). */
static void must_catch(const char *what, const struct series *s, u64 base)
{
	struct c2g_beacon_params p = defp();
	struct tally t = many(s, base, &p);

	print_tally(what, &t);
	CHECK(t.caught == SEEDS, "%s: caught %u/%u", what, t.caught, SEEDS);
}

static void test_uniform_jitter(void)
{
	struct series s = { K_UNIFORM, SZ_RAND, 64, 0, 0, 0 };
	struct c2g_beacon_params p = defp();
	struct run r = run_series(&s, 7, &p);

	print_score("uniform 10-20 s, seed 7, 64 events", &r.last);
	must_catch("uniform 10-20 s, random size", &s, 1000);
	s.sz = SZ_CONST;
	must_catch("uniform 10-20 s, const size", &s, 2000);
}

static void test_one_sided_jitter(void)
{
	struct series s = { K_ONESIDED, SZ_RAND, 64, 0, 0, 0 };
	struct c2g_beacon_params p = defp();
	struct run r = run_series(&s, 8, &p);

	print_score("one-sided 30-45 s, seed 8, 64 events", &r.last);
	must_catch("one-sided 30-45 s, random size", &s, 3000);
}

static void test_retries(void)
{
	struct series s = { K_FIXED, SZ_RAND, 64, 40, 0, 0 };
	struct c2g_beacon_params p = defp();
	struct run r = run_series(&s, 9, &p);

	print_score("fixed 60 s + retries, seed 9", &r.last);
	CHECK(r.retries_seen > 10 && r.last.retries == r.retries_seen,
	      "retries %u/%u", r.last.retries, r.retries_seen);
	/* gaps run from a burst's first event: retries do not shorten them */
	CHECK(r.last.interval_ms == 60000 && r.last.jitter == 0,
	      "interval %u jitter %u", r.last.interval_ms, r.last.jitter);
	CHECK(r.alerts == 1, "alerts %u", r.alerts);
	must_catch("fixed 60 s + retries after 40 % of beacons", &s, 4000);
	s.kind = K_UNIFORM;
	must_catch("uniform 10-20 s + retries after 40 % of beacons", &s,
		   5000);
	s.kind = K_ONESIDED;
	must_catch("one-sided 30-45 s + retries after 40 % of beacons", &s,
		   6000);
}

/*
 * Host A beacons (10..20 s, with retries) while host B browses the same
 * server (Poisson, mean 30 s): merged in time, each host its channel.
 */
static void test_interleaved_hosts(void)
{
	struct c2g_beacon_params p = defp();
	unsigned int seed, caught_a = 0, flagged_b = 0, max_b = 0;

	for (seed = 0; seed < SEEDS; seed++) {
		struct c2g_beacon a, b;
		struct run ra, rb;
		u64 ta = T0, tb = T0;
		unsigned int na = 0, nb = 0;

		c2g_beacon_init(&a);
		c2g_beacon_init(&b);
		memset(&ra, 0, sizeof(ra));
		memset(&rb, 0, sizeof(rb));
		rng_seed(7000 + seed);
		ta += uni(10000, 20000);
		tb += expo(30000);
		while (na < 64 || nb < 64) {
			if (ta <= tb) {
				feed(&a, &p, &ra, ta, size_of(SZ_RAND));
				if (uni(1, 100) <= 30)
					feed(&a, &p, &ra, ta + uni(100, 1500),
					     size_of(SZ_RAND));
				ta += uni(10000, 20000);
				na++;
			} else {
				feed(&b, &p, &rb, tb, size_of(SZ_WIDE));
				tb += expo(30000);
				nb++;
			}
		}
		caught_a += !!ra.alerts;
		flagged_b += !!rb.alerts;
		if (rb.max_score > max_b)
			max_b = rb.max_score;
	}
	printf("# interleaved: beacon host flagged %u/%u, browsing host %u/%u (max score %u)\n",
	       caught_a, SEEDS, flagged_b, SEEDS, max_b);
	CHECK(caught_a == SEEDS, "beacon caught %u", caught_a);
	CHECK(flagged_b == 0, "browsing flagged %u", flagged_b);
}

/*
 * Not a must-catch case: unrelated events inside the beacon's own channel
 * (10 % of its gaps split by a random event).  The rate is measured and
 * asserted as measured.
 */
static void test_same_channel_noise(void)
{
	struct series s = { K_FIXED, SZ_RAND, 64, 0, 100, 0 };
	struct c2g_beacon_params p = defp();
	struct tally t = many(&s, 8000, &p);

	print_tally("fixed 60 s + 10 % unrelated events in the channel", &t);
	CHECK(t.caught == SEEDS, "caught %u", t.caught);
	s.kind = K_UNIFORM;
	t = many(&s, 9000, &p);
	print_tally("uniform 10-20 s + 10 % unrelated events in the channel",
		    &t);
	/*
	 * measured 126/200 (129/200 before issue 15 gave the cv more
	 * weight): the cv is not robust to split gaps
	 */
	CHECK(t.caught >= SEEDS * 55 / 100, "caught %u", t.caught);
}

static void must_not_fire(const char *what, const struct series *s, u64 base,
			  unsigned int *maxp)
{
	struct c2g_beacon_params p = defp();
	struct tally t = many(s, base, &p);

	print_tally(what, &t);
	CHECK(t.caught == 0, "%s: %u false positives", what, t.caught);
	if (t.max_max > *maxp)
		*maxp = t.max_max;
}

static void test_poisson(void)
{
	struct series s = { K_POISSON, SZ_WIDE, 200, 0, 0, 30000 };
	unsigned int max = 0;

	must_not_fire("Poisson mean 30 s, web sizes, 200 events", &s, 10000,
		      &max);
	s.sz = SZ_CONST;
	must_not_fire("Poisson mean 30 s, const size, 200 events", &s, 20000,
		      &max);
	s.sz = SZ_RAND;
	s.mean_ms = 5000;	/* many gaps under the retry threshold */
	must_not_fire("Poisson mean 5 s, random size, 200 events", &s, 30000,
		      &max);
	s.mean_ms = 600000;
	must_not_fire("Poisson mean 10 min, random size, 200 events", &s,
		      40000, &max);
	s.mean_ms = 30000;
	s.retry_pct = 40;
	must_not_fire("Poisson mean 30 s + retries, random size", &s, 50000,
		      &max);
	printf("# Poisson: highest score over all windows and seeds %u, threshold %u\n",
	       max, C2G_BEACON_THRESHOLD);
	/*
	 * measured 66 over these 1,000 series; the tail beyond them is
	 * beacon_margin's (selftests/bench): 10 of 50,000 series of 200
	 * events of 4-5 s means reach the threshold
	 */
	CHECK(max + 3 <= C2G_BEACON_THRESHOLD, "margin: max %u", max);
}

static void test_allowlisted(void)
{
	struct c2g_beacon_params p = defp();
	struct c2g_beacon b;
	struct run r;
	unsigned int i;

	memset(&r, 0, sizeof(r));
	c2g_beacon_init(&b);
	b.exempt = 1;
	CHECK(c2g_beacon_event(&b, &p, T0, 100) == C2G_BEACON_EV_EXEMPT,
	      "exempt event");
	for (i = 1; i < 200; i++)
		feed(&b, &p, &r, T0 + i * 300000ULL, 76);	/* NTP-like */
	CHECK(r.alerts == 0 && !r.last.valid && b.ngaps == 0 && !b.events,
	      "alerts %u valid %d", r.alerts, r.last.valid);

	/* the same poller, not allowlisted, is a beacon */
	memset(&r, 0, sizeof(r));
	c2g_beacon_init(&b);
	for (i = 0; i < 200; i++)
		feed(&b, &p, &r, T0 + i * 300000ULL, 76);
	CHECK(r.alerts >= 1, "alerts %u", r.alerts);
}

static void test_silence_restart(void)
{
	struct c2g_beacon_params p = defp();
	struct c2g_beacon b;
	struct c2g_beacon_score s;
	u64 t = T0;
	unsigned int i;

	c2g_beacon_init(&b);
	for (i = 0; i < 20; i++, t += 60000)
		c2g_beacon_event(&b, &p, t, 100);
	t -= 60000;
	CHECK(c2g_beacon_score(&b, &p, &s) && s.ngaps == 19, "gaps %u",
	      s.ngaps);
	CHECK(c2g_beacon_decide(&b, &p, &s, t), "alert");
	/* just under the silence: a gap */
	t += p.silence_ms - 1;
	CHECK(c2g_beacon_event(&b, &p, t, 100) == C2G_BEACON_EV_GAP, "gap");
	CHECK(b.ngaps == 20 && b.gap[(b.head + C2G_BEACON_RING - 1) %
		C2G_BEACON_RING] == p.silence_ms - 1, "long gap kept");
	/* 7 h later: a restart */
	t += 7 * 3600000ULL;
	CHECK(c2g_beacon_event(&b, &p, t, 100) == C2G_BEACON_EV_RESTART,
	      "restart");
	CHECK(b.ngaps == 0 && b.events == 1 && b.restarts == 1 &&
	      b.run_ms == t && b.first_ms == T0, "state after restart");
	CHECK(!c2g_beacon_score(&b, &p, &s) && s.events == 1, "no score");
	for (i = 0; i < 12; i++) {
		t += 60000;
		c2g_beacon_event(&b, &p, t, 100);
	}
	CHECK(c2g_beacon_score(&b, &p, &s) && s.ngaps == 12 &&
	      s.score >= p.threshold, "scored again: %u", s.score);
	/* the alert of the previous run was over 1 h ago */
	CHECK(c2g_beacon_decide(&b, &p, &s, t), "alert after restart");
}

static void test_holddown(void)
{
	struct c2g_beacon_params p = defp();
	struct series s = { K_FIXED, SZ_CONST, 180, 0, 0, 0 };
	struct run r = run_series(&s, 1, &p);

	/* alerts at events 13, 73 and 133 (60 min apart), 180 events */
	CHECK(r.alerts == 3, "alerts %u in 3 h", r.alerts);
	p.holddown_ms = 10 * 60000;
	r = run_series(&s, 1, &p);
	/* 13, 23, ... 173 */
	CHECK(r.alerts == 17, "alerts %u with a 10 min hold-down", r.alerts);
}

static void test_sizes(void)
{
	struct c2g_beacon_params p = defp();
	struct series s = { K_FIXED, SZ_CONST, 40, 0, 0, 0 };
	struct run rc = run_series(&s, 3, &p), rr, rw;

	s.sz = SZ_RAND;
	rr = run_series(&s, 3, &p);
	s.sz = SZ_WIDE;
	rw = run_series(&s, 3, &p);
	print_score("sizes constant", &rc.last);
	print_score("sizes random 200-2000", &rr.last);
	print_score("sizes web-like", &rw.last);
	printf("# random sizes: median %u MAD %u disp %u cv %u skew %d\n",
	       rr.last.size.median, rr.last.size.mad, rr.last.size.disp,
	       rr.last.size.cv, rr.last.size.skew);
	CHECK(rc.last.sub.data >= 990 && rc.last.size.median == 420 &&
	      rc.last.size.disp == 0 && rc.last.size.cv == 0,
	      "constant data %u", rc.last.sub.data);
	CHECK(rr.last.sub.size_disp < 600 &&
	      rr.last.sub.data + 200 < rc.last.sub.data, "random data %u",
	      rr.last.sub.data);
	CHECK(rw.last.sub.size_small < rr.last.sub.size_small,
	      "web sizes are less small");
	CHECK(rc.last.score > rr.last.score && rr.last.score >= rw.last.score &&
	      rw.last.score >= p.threshold, "%u %u %u", rc.last.score,
	      rr.last.score, rw.last.score);
}

/* Feed gaps (ms) and sizes by hand, then score. */
static bool score_of(const u32 *gaps, const u64 *sizes, unsigned int n,
		     const struct c2g_beacon_params *p,
		     struct c2g_beacon_score *s)
{
	struct c2g_beacon b;
	u64 t = T0;
	unsigned int i;

	c2g_beacon_init(&b);
	c2g_beacon_event(&b, p, t, 0);
	for (i = 0; i < n; i++) {
		t += gaps[i];
		CHECK(c2g_beacon_event(&b, p, t, sizes ? sizes[i] : 1) ==
		      C2G_BEACON_EV_GAP, "gap %u", i);
	}
	return c2g_beacon_score(&b, p, s);
}

static void test_exact_stats(void)
{
	struct c2g_beacon_params p = defp();
	static const u32 even[] = { 80000, 10000, 70000, 20000, 60000, 30000,
				    50000, 40000 };
	static const u32 skewed[] = { 10000, 11000, 12000, 13000, 20000,
				      40000, 60000, 100000 };
	struct c2g_beacon_score s;

	CHECK(score_of(even, NULL, 8, &p, &s), "valid");
	/* q1 27.5 s, median 45 s, q3 62.5 s; |x - 45| -> MAD 20 s */
	CHECK(s.gap.q1 == 27500 && s.gap.median == 45000 &&
	      s.gap.q3 == 62500 && s.gap.mad == 20000, "%u %u %u %u",
	      s.gap.q1, s.gap.median, s.gap.q3, s.gap.mad);
	CHECK(s.gap.disp == 444 && s.gap.skew == 0, "disp %u skew %d",
	      s.gap.disp, s.gap.skew);
	/* sd = sqrt(525) s = 22.91 s, cv 509 */
	CHECK(s.gap.cv == 509, "cv %u", s.gap.cv);
	CHECK(s.sub.gap_cv == 0 && s.sub.gap_disp == 0 && s.sub.count == 500,
	      "subs %u %u %u", s.sub.gap_cv, s.sub.gap_disp, s.sub.count);

	CHECK(score_of(skewed, NULL, 8, &p, &s), "valid");
	/* q1 11.75, median 16.5, q3 45: Bowley 23.75 / 33.25 = 0.714 */
	CHECK(s.gap.q1 == 11750 && s.gap.median == 16500 &&
	      s.gap.q3 == 45000 && s.gap.skew == 714, "%u %u %u skew %d",
	      s.gap.q1, s.gap.median, s.gap.q3, s.gap.skew);
	CHECK(s.sub.gap_skew == 286, "skew score %u", s.sub.gap_skew);
}

static void test_edges(void)
{
	struct c2g_beacon_params p = defp(), q;
	struct c2g_beacon b;
	struct c2g_beacon_score s;
	u32 gaps[C2G_BEACON_RING];
	u64 sizes[C2G_BEACON_RING];
	unsigned int i;

	/* nothing, one event */
	c2g_beacon_init(&b);
	CHECK(!c2g_beacon_score(&b, &p, &s) && !s.ngaps && !s.events, "empty");
	CHECK(!c2g_beacon_decide(&b, &p, &s, T0), "no decision");
	CHECK(c2g_beacon_event(&b, &p, T0, 1) == C2G_BEACON_EV_FIRST, "first");
	CHECK(!c2g_beacon_score(&b, &p, &s) && s.events == 1, "one event");
	/* out of order and simultaneous events are retries */
	CHECK(c2g_beacon_event(&b, &p, T0 - 5000, 1) == C2G_BEACON_EV_RETRY &&
	      c2g_beacon_event(&b, &p, T0, 1) == C2G_BEACON_EV_RETRY &&
	      b.seen_ms == T0 && b.retries == 2, "out of order");
	/* a burst of 1 s steps is one event however long */
	for (i = 1; i <= 100; i++)
		c2g_beacon_event(&b, &p, T0 + i * 1000ULL, 1);
	CHECK(b.ngaps == 0 && b.events == 1 && b.retries == 102, "burst");
	CHECK(c2g_beacon_event(&b, &p, T0 + 110000, 1) == C2G_BEACON_EV_GAP &&
	      b.gap[0] == 110000, "gap from the burst's start");

	/* min_gaps - 1 gaps: no score; min_gaps: a score */
	for (i = 0; i < C2G_BEACON_RING; i++) {
		gaps[i] = 30000;
		sizes[i] = 0;
	}
	CHECK(!score_of(gaps, sizes, p.min_gaps - 1, &p, &s), "7 gaps");
	CHECK(score_of(gaps, sizes, p.min_gaps, &p, &s), "8 gaps");
	/* all equal gaps, zero sizes */
	CHECK(s.gap.disp == 0 && s.gap.cv == 0 && s.gap.skew == 0 &&
	      s.size.median == 0 && s.size.disp == 0 && s.sub.data == 1000,
	      "all equal");
	print_score("8 equal gaps, zero sizes", &s);
	/*
	 * The count scales the score from 0 to full at 16 gaps, and sizes
	 * all 0 (connect-only flows) are constant: they keep the whole
	 * timing score and add nothing to it.
	 */
	for (i = p.min_gaps; i <= 16; i++) {
		CHECK(score_of(gaps, sizes, i, &p, &s), "%u gaps", i);
		CHECK(s.sub.count == i * 1000 / 16 && s.sub.timing == s.sub.count &&
		      s.score == (s.sub.timing + 5) / 10,
		      "%u equal gaps: count %u timing %u score %u", i,
		      s.sub.count, s.sub.timing, s.score);
		CHECK((s.score >= p.threshold) == (i >= 12), "%u gaps: score %u",
		      i, s.score);
	}
	/* a window under 16 gaps is full at the window */
	q = p;
	q.window = 10;
	CHECK(score_of(gaps, sizes, 10, &q, &s) && s.sub.count == 1000 &&
	      s.score == 100, "window 10: count %u score %u", s.sub.count,
	      s.score);
	/* sizes that vary take at most a fifth off, never add */
	for (i = 0; i < C2G_BEACON_RING; i++)
		sizes[i] = i & 1 ? 60000 : 10;
	CHECK(score_of(gaps, sizes, 16, &p, &s) && s.sub.data < 600 &&
	      s.score == (1000 * (800 + s.sub.data / 5) / 1000 + 5) / 10 &&
	      s.score >= 80 && s.score < 100, "varying sizes: data %u score %u",
	      s.sub.data, s.score);
	for (i = 0; i < C2G_BEACON_RING; i++)
		sizes[i] = 0;

	/* huge: 20- and 29-day gaps, 2^32 - 1 and larger sizes */
	q = p;
	q.silence_ms = C2G_BEACON_SILENCE_MAX;
	CHECK(!c2g_beacon_params_check(&q), "max silence");
	for (i = 0; i < C2G_BEACON_RING; i++) {
		gaps[i] = (i & 1 ? 29u : 20u) * 86400000u;
		sizes[i] = i & 1 ? 0xffffffffULL : 1ULL << 40;
	}
	CHECK(score_of(gaps, sizes, C2G_BEACON_RING, &q, &s), "huge valid");
	print_score("29-day gaps, 4 GiB sizes", &s);
	CHECK(s.size.median == 0xffffffffu && s.size.disp == 0 &&
	      s.sub.size_small == 0, "sizes clamped: %u", s.size.median);
	/* median 24.5 days, MAD and sd 4.5 days */
	CHECK(s.gap.median == 49u * 43200000u && s.gap.mad == 4.5 * 86400000 &&
	      s.gap.q1 == 20u * 86400000u && s.gap.q3 == 29u * 86400000u &&
	      s.gap.cv == 184 && s.gap.disp == 183 && s.gap.skew == 0,
	      "huge gaps: median %u cv %u disp %u", s.gap.median, s.gap.cv,
	      s.gap.disp);
	/* sizes alternating 0 and 2^32 - 1 */
	for (i = 0; i < C2G_BEACON_RING; i++)
		sizes[i] = i & 1 ? 0xffffffffULL : 0;
	CHECK(score_of(gaps, sizes, C2G_BEACON_RING, &q, &s), "valid");
	CHECK(s.size.median == 0x7fffffffu && s.size.cv == 1000 &&
	      s.size.disp == 1000, "0/max sizes: median %u cv %u disp %u",
	      s.size.median, s.size.cv, s.size.disp);
	/* median 0 and MAD > 0: capped dispersion */
	for (i = 0; i < C2G_BEACON_RING; i++)
		sizes[i] = i % 4 ? 0 : 1000;
	CHECK(score_of(gaps, sizes, C2G_BEACON_RING, &q, &s), "valid");
	CHECK(s.size.median == 0 && s.size.mad == 0 && s.size.disp == 0,
	      "mostly zero: mad %u disp %u", s.size.mad, s.size.disp);
	for (i = 0; i < C2G_BEACON_RING; i++)
		sizes[i] = i % 8 < 3 ? 0 : i % 8 < 5 ? 1 : 1000;
	CHECK(score_of(gaps, sizes, C2G_BEACON_RING, &q, &s), "valid");
	CHECK(s.size.median == 1 && s.size.disp == 1000,
	      "median %u mad %u disp %u", s.size.median, s.size.mad,
	      s.size.disp);
	/* one huge value: cv = sqrt(31), rounded */
	for (i = 0; i < C2G_BEACON_RING; i++)
		sizes[i] = i ? 0 : 0xffffffffULL;
	CHECK(score_of(gaps, sizes, C2G_BEACON_RING, &q, &s), "valid");
	CHECK(s.size.median == 0 && s.size.cv == 5568 && !s.size.disp,
	      "one huge: cv %u", s.size.cv);

	/* timestamps near the end of u64 */
	c2g_beacon_init(&b);
	c2g_beacon_event(&b, &p, ~0ULL - 100000, 1);
	CHECK(c2g_beacon_event(&b, &p, ~0ULL - 40000, 1) == C2G_BEACON_EV_GAP &&
	      c2g_beacon_event(&b, &p, ~0ULL, 1) == C2G_BEACON_EV_GAP &&
	      b.ngaps == 2 && b.gap[1] == 40000, "end of time");

	/* the window: only the last 16 gaps count */
	q = p;
	q.window = 16;
	for (i = 0; i < C2G_BEACON_RING; i++)
		gaps[i] = i < 16 ? uni(3000, 300000) : 45000;
	CHECK(score_of(gaps, NULL, C2G_BEACON_RING, &q, &s) && s.ngaps == 16 &&
	      s.jitter == 0 && s.sub.count == 1000, "window: %u", s.ngaps);

	/* parameters */
	CHECK(!c2g_beacon_params_check(&p), "defaults");
	q = p;
	q.silence_ms = q.retry_ms;
	CHECK(c2g_beacon_params_check(&q) == -EINVAL, "silence <= retry");
	q = p;
	q.window = C2G_BEACON_RING + 1;
	CHECK(c2g_beacon_params_check(&q) == -EINVAL, "window");
	q = p;
	q.min_gaps = 3;
	CHECK(c2g_beacon_params_check(&q) == -EINVAL, "min gaps");
	q = p;
	q.min_gaps = 20;
	q.window = 16;
	CHECK(c2g_beacon_params_check(&q) == -EINVAL, "min gaps > window");
	q = p;
	q.threshold = 101;
	CHECK(c2g_beacon_params_check(&q) == -EINVAL, "threshold");
	q.threshold = 0;
	CHECK(c2g_beacon_params_check(&q) == -EINVAL, "threshold 0");

	printf("# sizeof(struct c2g_beacon) = %zu, sizeof(struct c2g_beacon_score) = %zu\n",
	       sizeof(struct c2g_beacon), sizeof(struct c2g_beacon_score));
	CHECK(sizeof(struct c2g_beacon) <= 320, "state %zu bytes",
	      sizeof(struct c2g_beacon));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_fixed),
	KTAP_CASE(test_uniform_jitter),
	KTAP_CASE(test_one_sided_jitter),
	KTAP_CASE(test_retries),
	KTAP_CASE(test_interleaved_hosts),
	KTAP_CASE(test_same_channel_noise),
	KTAP_CASE(test_poisson),
	KTAP_CASE(test_allowlisted),
	KTAP_CASE(test_silence_restart),
	KTAP_CASE(test_holddown),
	KTAP_CASE(test_sizes),
	KTAP_CASE(test_exact_stats),
	KTAP_CASE(test_edges),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
