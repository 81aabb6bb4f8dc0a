// SPDX-License-Identifier: GPL-2.0
/*
 * beacon_margin: the score distributions of kmod/beacon.c (issue 15, the
 * simulation of docs/beacon-score.md), at the default parameters.
 *
 * For each case, SEEDS series of events are fed to one channel until it
 * has scored 8, 16 and 32 gaps (retries, gaps under beacon-retry, merge
 * as the module merges them); the score at each of those counts is
 * collected, and min / median / max printed, with the highest score any
 * window of the series reached ("any") for the Poisson cases.
 *
 *   beacons    uniform jitter of 0, 25 and 50 % around a 60 s mean
 *   Poisson    exponential gaps of mean 5 s, 30 s and 10 min
 * each with payload (beacons: 48..64 bytes; Poisson: 100..5000) and
 * connect-only (every event of size 0).
 *
 *   gcc -O2 -I kmod -o beacon_margin selftests/bench/beacon_margin.c \
 *       kmod/beacon.c && ./beacon_margin [SEEDS]
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
};

static const unsigned int counts[] = { 8, 16, 32 };
#define NCOUNTS	3

static int cmp_u8(const void *a, const void *b)
{
	return *(const u8 *)a - *(const u8 *)b;
}

/* One series: scores at 8, 16, 32 gaps into @at; the highest of all. */
static u8 series(const struct kase *k, const struct c2g_beacon_params *p,
		 u8 at[NCOUNTS])
{
	struct c2g_beacon_score s;
	struct c2g_beacon b;
	unsigned int next = 0, ev;
	u64 t = 1000000;
	u8 best = 0;

	c2g_beacon_init(&b);
	for (ev = 0; ev < 4000 && next < NCOUNTS; ev++) {
		double gap = k->kind == BEACON ?
			k->mean_ms * (1 + k->jitter * (2 * unif() - 1)) :
			-k->mean_ms * log(1 - unif());
		u64 size = !k->payload ? 0 :
			   k->kind == BEACON ? uni(48, 64) : uni(100, 5000);

		t += (u64)gap;
		c2g_beacon_event(&b, p, t, size);
		if (!c2g_beacon_score(&b, p, &s))
			continue;
		if (s.score > best)
			best = s.score;
		/* gaps come one an event (retries add none) */
		if (s.ngaps == counts[next])
			at[next++] = s.score;
	}
	while (next < NCOUNTS)
		at[next++] = 0;
	return best;
}

int main(int argc, char **argv)
{
	static const struct kase cases[] = {
		{ "beacon 0% jitter, payload", BEACON, 60000, 0, true },
		{ "beacon 25% jitter, payload", BEACON, 60000, 0.25, true },
		{ "beacon 50% jitter, payload", BEACON, 60000, 0.5, true },
		{ "beacon 0% jitter, connect-only", BEACON, 60000, 0, false },
		{ "beacon 25% jitter, connect-only", BEACON, 60000, 0.25, false },
		{ "beacon 50% jitter, connect-only", BEACON, 60000, 0.5, false },
		{ "Poisson 5 s, payload", POISSON, 5000, 0, true },
		{ "Poisson 30 s, payload", POISSON, 30000, 0, true },
		{ "Poisson 10 min, payload", POISSON, 600000, 0, true },
		{ "Poisson 5 s, connect-only", POISSON, 5000, 0, false },
		{ "Poisson 30 s, connect-only", POISSON, 30000, 0, false },
		{ "Poisson 10 min, connect-only", POISSON, 600000, 0, false },
	};
	unsigned int seeds = argc > 1 ? (unsigned int)atoi(argv[1]) : 2000;
	struct c2g_beacon_params p;
	unsigned int i, c, n;
	u8 *sc[NCOUNTS], *any;

	c2g_beacon_params_default(&p);
	printf("threshold %u, window %u, min-gaps %u, retry %u ms, %u seeds\n",
	       p.threshold, p.window, p.min_gaps, p.retry_ms, seeds);
	printf("%-34s %-14s %-14s %-14s %s\n", "case (min/median/max)",
	       "8 gaps", "16 gaps", "32 gaps", "any window (max)");
	for (c = 0; c < NCOUNTS; c++)
		sc[c] = calloc(seeds, 1);
	any = calloc(seeds, 1);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		printf("%-34s", cases[i].name);
		for (n = 0; n < seeds; n++) {
			u8 at[NCOUNTS];

			rng_state = 0x9e3779b97f4a7c15ULL * (n + 1) + i;
			any[n] = series(&cases[i], &p, at);
			for (c = 0; c < NCOUNTS; c++)
				sc[c][n] = at[c];
		}
		for (c = 0; c < NCOUNTS; c++) {
			qsort(sc[c], seeds, 1, cmp_u8);
			printf(" %3u/%3u/%3u   ", sc[c][0], sc[c][seeds / 2],
			       sc[c][seeds - 1]);
		}
		qsort(any, seeds, 1, cmp_u8);
		printf(" %u\n", any[seeds - 1]);
	}
	return 0;
}
