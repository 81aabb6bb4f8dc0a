// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/risk.c: weights, caps, decay and the once-per-crossing
 * rule, with the contract's defaults.
 */
#include <stdio.h>

#include <linux/c2guard.h>

#include "ktap.h"
#include "risk.h"

static const struct c2g_risk_params P = {
	.threshold = C2GUARD_DEFAULT_HOST_THRESHOLD,
	.half_life_ms = C2GUARD_DEFAULT_HOST_HALF_LIFE * 1000,
};

#define HL	(C2GUARD_DEFAULT_HOST_HALF_LIFE * 1000ULL)
#define T0	1000000ULL

static const unsigned int weak[] = {
	C2G_RISK_INDICATOR, C2G_RISK_BEACON_NEAR, C2G_RISK_DYNDNS,
};

/* No weak kind alone reaches the threshold, however often it comes. */
static void weak_alone(void)
{
	unsigned int i, n, crossed;
	struct c2g_risk r;
	u32 added;

	for (i = 0; i < KTAP_ARRAY_SIZE(weak); i++) {
		c2g_risk_init(&r, T0);
		crossed = 0;
		for (n = 0; n < 100; n++)
			crossed += c2g_risk_add(&r, &P, weak[i], T0 + n, &added);
		CHECK(!crossed, "kind %u crossed alone", weak[i]);
		CHECK(c2g_risk_points(&r, &P, T0 + 100) ==
		      c2g_risk_cap[weak[i]],
		      "kind %u: %u points, cap %u", weak[i],
		      c2g_risk_points(&r, &P, T0 + 100), c2g_risk_cap[weak[i]]);
	}
}

/* The three weak kinds together do, once each; any two do not. */
static void weak_together(void)
{
	unsigned int i, j;
	struct c2g_risk r;
	u32 added, sum = 0;
	bool crossed;

	for (i = 0; i < KTAP_ARRAY_SIZE(weak); i++)
		for (j = i + 1; j < KTAP_ARRAY_SIZE(weak); j++) {
			c2g_risk_init(&r, T0);
			crossed = c2g_risk_add(&r, &P, weak[i], T0, &added);
			crossed |= c2g_risk_add(&r, &P, weak[j], T0 + 1000,
						&added);
			CHECK(!crossed, "kinds %u and %u crossed", weak[i],
			      weak[j]);
		}
	c2g_risk_init(&r, T0);
	for (i = 0; i < KTAP_ARRAY_SIZE(weak); i++) {
		crossed = c2g_risk_add(&r, &P, weak[i], T0 + i * 60000, &added);
		sum += added;
		CHECK(added == c2g_risk_weight[weak[i]], "added %u", added);
		CHECK(crossed == (i == KTAP_ARRAY_SIZE(weak) - 1),
		      "crossed at %u", i);
	}
	printf("# three weak kinds within 2 min: %u points added, %u now\n",
	       sum, c2g_risk_points(&r, &P, T0 + 120000));
	CHECK(r.alerts == 1 && r.over, "alerts %u", r.alerts);
	/* More evidence while over: no second alert. */
	CHECK(!c2g_risk_add(&r, &P, C2G_RISK_BEACON, T0 + 200000, &added),
	      "alerted twice");
}

/* A strong detector twice does; once does not. */
static void strong_twice(void)
{
	static const unsigned int strong[] = {
		C2G_RISK_BEACON, C2G_RISK_SINKHOLE, C2G_RISK_DNS,
	};
	struct c2g_risk r;
	unsigned int i;
	u32 added;

	for (i = 0; i < KTAP_ARRAY_SIZE(strong); i++) {
		c2g_risk_init(&r, T0);
		CHECK(!c2g_risk_add(&r, &P, strong[i], T0, &added),
		      "kind %u crossed once", strong[i]);
		CHECK(c2g_risk_add(&r, &P, strong[i], T0 + 1000, &added),
		      "kind %u did not cross twice", strong[i]);
	}
}

/* Halves each half-life, on a line in between, gone after 32. */
static void decay(void)
{
	struct c2g_risk r;
	u32 added, p;

	c2g_risk_init(&r, T0);
	c2g_risk_add(&r, &P, C2G_RISK_BEACON, T0, &added);
	c2g_risk_add(&r, &P, C2G_RISK_BEACON, T0, &added);
	CHECK(c2g_risk_points(&r, &P, T0) == 120, "start %u",
	      c2g_risk_points(&r, &P, T0));
	CHECK(c2g_risk_points(&r, &P, T0 + HL) == 60, "1 half-life %u",
	      c2g_risk_points(&r, &P, T0 + HL));
	CHECK(c2g_risk_points(&r, &P, T0 + 2 * HL) == 30, "2 half-lives %u",
	      c2g_risk_points(&r, &P, T0 + 2 * HL));
	p = c2g_risk_points(&r, &P, T0 + HL / 2);
	/* 2^-0.5 = 0.707: the line gives 0.75, never below the curve */
	CHECK(p >= 84 && p <= 90, "half a half-life %u", p);
	CHECK(!c2g_risk_points(&r, &P, T0 + 40 * HL), "40 half-lives");
	/* an earlier time reads as now */
	CHECK(c2g_risk_points(&r, &P, T0 - 5) == 120, "earlier");
}

/* Under half the threshold the host may alert again. */
static void rearm(void)
{
	struct c2g_risk r;
	u32 added;

	c2g_risk_init(&r, T0);
	c2g_risk_add(&r, &P, C2G_RISK_BEACON, T0, &added);
	CHECK(c2g_risk_add(&r, &P, C2G_RISK_BEACON, T0, &added), "first");
	/* 120 -> 60 after one half-life: still over half */
	CHECK(!c2g_risk_add(&r, &P, C2G_RISK_DYNDNS, T0 + HL, &added),
	      "alerted at 90");
	/* 90 -> 22 after two more: re-armed; two beacons: 22 + 98 (cap) */
	CHECK(c2g_risk_add(&r, &P, C2G_RISK_BEACON, T0 + 3 * HL, &added) ||
	      c2g_risk_add(&r, &P, C2G_RISK_BEACON, T0 + 3 * HL, &added),
	      "not re-armed");
	CHECK(r.alerts == 2, "alerts %u", r.alerts);
}

/* Threshold 0: never; a bad kind: nothing. */
static void off(void)
{
	struct c2g_risk_params p = P;
	struct c2g_risk r;
	unsigned int i;
	u32 added;

	p.threshold = 0;
	c2g_risk_init(&r, T0);
	for (i = 0; i < 10; i++)
		CHECK(!c2g_risk_add(&r, &p, C2G_RISK_BEACON, T0, &added),
		      "threshold 0 alerted");
	CHECK(!c2g_risk_add(&r, &P, C2G_RISK_KINDS, T0, &added) && !added,
	      "bad kind");
	CHECK(c2g_risk_points(&r, &p, T0) == 120, "points %u",
	      c2g_risk_points(&r, &p, T0));
}

static const struct ktap_case cases[] = {
	KTAP_CASE(weak_alone),
	KTAP_CASE(weak_together),
	KTAP_CASE(strong_twice),
	KTAP_CASE(decay),
	KTAP_CASE(rearm),
	KTAP_CASE(off),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
