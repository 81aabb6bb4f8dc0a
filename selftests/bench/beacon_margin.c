// SPDX-License-Identifier: GPL-2.0
/*
 * beacon_margin: the score distributions of kmod/beacon.c (issue 15, the
 * simulation of docs/beacon-score.md), at the default parameters.
 *
 * For each case, SEEDS series of 200 events are fed to one channel
 * (retries, gaps under beacon-retry, merge as the module merges them).
 * Printed per case, min / median / max over the seeds of: the score at 8,
 * 16 and 32 gaps, and the best score of the whole series; then the share
 * of series that alerted by their 16th event, and how many alerted at all.
 *
 *   beacons    uniform jitter of 0, 25 and 50 % around a 60 s mean, with
 *              48..64 bytes (payload), 100..5000 (random size) or none
 *              (connect-only, every size 0); 25 % jitter also with 5 % of
 *              the callbacks missed, or 5 % of gaps split by another event
 *   Poisson    exponential gaps of mean 4 s, 5 s, 30 s and 10 min, with
 *              100..5000 bytes, a constant 200 or none
 *
 *   gcc -O2 -I kmod -o beacon_margin selftests/bench/beacon_margin.c \
 *       kmod/beacon.c -lm && ./beacon_margin [SEEDS]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "beacon.h"

static u64 rng_state;

static u64 rnd(void)
{
	u64 x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static double unif(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static u64 uni(u64 lo, u64 hi)
{
	return lo + rnd() % (hi - lo + 1);
}

enum { BEACON, POISSON };

struct kase {
	const char *name;
	int kind;
	double mean_ms;
	double jitter;		/* beacons: half-width, fraction of the mean */
	bool payload;
	int fixed;		/* sizes: 1 constant, 2 random 100..5000 */
	int missed;		/* percent of beacons not sent */
	int extra;		/* percent of gaps split by an unrelated event */
};

static const unsigned int counts[] = { 8, 16, 32 };
#define NCOUNTS	3

static int cmp_u8(const void *a, const void *b)
{
	return *(const u8 *)a - *(const u8 *)b;
}

/*
 * One series of EVENTS events: the scores at 8, 16 and 32 gaps into @at,
 * the highest score of the first 15 gaps (16 events) into @early; returns
 * the highest score of all.
 */
#define EVENTS	200
static u8 series(const struct kase *k, const struct c2g_beacon_params *p,
		 u8 at[NCOUNTS], u8 *early)
{
	struct c2g_beacon_score s;
	struct c2g_beacon b;
	unsigned int next = 0, ev;
	u64 t = 1000000;
	u8 best = 0;

	c2g_beacon_init(&b);
	*early = 0;
	for (ev = 0; ev < EVENTS; ev++) {
		double gap = k->kind == BEACON ?
			k->mean_ms * (1 + k->jitter * (2 * unif() - 1)) :
			-k->mean_ms * log(1 - unif());
		u64 size = !k->payload ? 0 :
			   k->fixed == 2 ? uni(100, 5000) :
			   k->kind == BEACON ? uni(48, 64) :
			   k->fixed ? 200 : uni(100, 5000);

		if (k->missed && rnd() % 100 < (u64)k->missed)
			gap += k->mean_ms * (1 + k->jitter * (2 * unif() - 1));
		if (k->extra && rnd() % 100 < (u64)k->extra) {
			c2g_beacon_event(&b, p, t + (u64)(gap * unif()), size);
			ev++;
		}
		t += (u64)gap;
		c2g_beacon_event(&b, p, t, size);
		if (!c2g_beacon_score(&b, p, &s))
			continue;
		if (s.score > best)
			best = s.score;
		if (b.events <= 16 && s.score > *early)
			*early = s.score;
		/* gaps come one an event (retries add none) */
		if (next < NCOUNTS && s.ngaps == counts[next])
			at[next++] = s.score;
	}
	while (next < NCOUNTS)
		at[next++] = 0;
	return best;
}

int main(int argc, char **argv)
{
	static const struct kase cases[] = {
		{ "beacon 0% jitter, payload",
		  .kind = BEACON, .mean_ms = 60000, .payload = true },
		{ "beacon 25% jitter, payload",
		  .kind = BEACON, .mean_ms = 60000, .jitter = 0.25, .payload = true },
		{ "beacon 50% jitter, payload",
		  .kind = BEACON, .mean_ms = 60000, .jitter = 0.5, .payload = true },
		{ "beacon 25% jitter, random size",
		  .kind = BEACON, .mean_ms = 60000, .jitter = 0.25, .payload = true, .fixed = 2 },
		{ "beacon 25% jitter, 5 % missed",
		  .kind = BEACON, .mean_ms = 60000, .jitter = 0.25, .payload = true, .missed = 5 },
		{ "beacon 25% jitter, 5 % extra",
		  .kind = BEACON, .mean_ms = 60000, .jitter = 0.25, .payload = true, .extra = 5 },
		{ "beacon 0% jitter, connect-only",
		  .kind = BEACON, .mean_ms = 60000, .payload = false },
		{ "beacon 25% jitter, connect-only",
		  .kind = BEACON, .mean_ms = 60000, .jitter = 0.25, .payload = false },
		{ "beacon 50% jitter, connect-only",
		  .kind = BEACON, .mean_ms = 60000, .jitter = 0.5, .payload = false },
		{ "Poisson 4 s, payload",
		  .kind = POISSON, .mean_ms = 4000, .payload = true },
		{ "Poisson 5 s, payload",
		  .kind = POISSON, .mean_ms = 5000, .payload = true },
		{ "Poisson 30 s, payload",
		  .kind = POISSON, .mean_ms = 30000, .payload = true },
		{ "Poisson 10 min, payload",
		  .kind = POISSON, .mean_ms = 600000, .payload = true },
		{ "Poisson 4 s, constant size",
		  .kind = POISSON, .mean_ms = 4000, .payload = true, .fixed = 1 },
		{ "Poisson 30 s, constant size",
		  .kind = POISSON, .mean_ms = 30000, .payload = true, .fixed = 1 },
		{ "Poisson 4 s, connect-only",
		  .kind = POISSON, .mean_ms = 4000, .payload = false },
		{ "Poisson 5 s, connect-only",
		  .kind = POISSON, .mean_ms = 5000, .payload = false },
		{ "Poisson 30 s, connect-only",
		  .kind = POISSON, .mean_ms = 30000, .payload = false },
		{ "Poisson 10 min, connect-only",
		  .kind = POISSON, .mean_ms = 600000, .payload = false },
	};
	unsigned int seeds = argc > 1 ? (unsigned int)atoi(argv[1]) : 2000;
	struct c2g_beacon_params p;
	unsigned int i, c, n;
	u8 *sc[NCOUNTS], *any, *early;
	unsigned int caught, ever;

	c2g_beacon_params_default(&p);
	printf("threshold %u, window %u, min-gaps %u, retry %u ms, %u seeds\n",
	       p.threshold, p.window, p.min_gaps, p.retry_ms, seeds);
	printf("%-34s %-14s %-14s %-14s %-13s %s\n", "case (min/median/max)",
	       "8 gaps", "16 gaps", "32 gaps", "best of 200",
	       "alert by event 16");
	for (c = 0; c < NCOUNTS; c++)
		sc[c] = calloc(seeds, 1);
	any = calloc(seeds, 1);
	early = calloc(seeds, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		printf("%-34s", cases[i].name);
		caught = 0;
		ever = 0;
		for (n = 0; n < seeds; n++) {
			u8 at[NCOUNTS];

			rng_state = 0x9e3779b97f4a7c15ULL * (n + 1) + i;
			any[n] = series(&cases[i], &p, at, &early[n]);
			caught += early[n] >= p.threshold;
			ever += any[n] >= p.threshold;
			for (c = 0; c < NCOUNTS; c++)
				sc[c][n] = at[c];
		}
		for (c = 0; c < NCOUNTS; c++) {
			qsort(sc[c], seeds, 1, cmp_u8);
			printf(" %3u/%3u/%3u   ", sc[c][0], sc[c][seeds / 2],
			       sc[c][seeds - 1]);
		}
		qsort(any, seeds, 1, cmp_u8);
		printf(" %3u/%3u/%3u  %5.1f %%  %u\n", any[0], any[seeds / 2],
		       any[seeds - 1], 100.0 * caught / seeds, ever);
	}
	return 0;
}
