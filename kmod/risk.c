// SPDX-License-Identifier: GPL-2.0
/*
 * Host risk (see risk.h and docs/host-risk.md).
 *
 * Each kind of evidence has a weight and a cap.  A piece of evidence adds
 * its kind's weight to its kind's share, which never exceeds the cap; the
 * risk is the sum of the shares.  The caps are what make "several weak
 * signals coincide" mean something: no weak kind alone (beacon-near,
 * dyndns, an alert-only indicator, however often) reaches the default
 * threshold of 100, any three weak kinds together do, and a strong
 * detector (beacon, sinkhole, dga/nxdomain/fast-flux) twice does.
 *
 * Decay: every share halves each half_life_ms; between two halvings it
 * falls on a straight line (2^-f taken as 1 - f/2 for 0 <= f < 1: at most
 * 6 % above the exponential, exact at each halving).
 */
#include "risk.h"

/* Indexed by enum c2g_risk_kind: points. */
const u16 c2g_risk_weight[C2G_RISK_KINDS] = {
	[C2G_RISK_INDICATOR] = 40,
	[C2G_RISK_SINKHOLE] = 60,
	[C2G_RISK_BEACON] = 60,
	[C2G_RISK_DNS] = 60,
	[C2G_RISK_BEACON_NEAR] = 35,
	[C2G_RISK_DYNDNS] = 30,
};

const u16 c2g_risk_cap[C2G_RISK_KINDS] = {
	[C2G_RISK_INDICATOR] = 80,
	[C2G_RISK_SINKHOLE] = 120,
	[C2G_RISK_BEACON] = 120,
	[C2G_RISK_DNS] = 120,
	[C2G_RISK_BEACON_NEAR] = 35,
	[C2G_RISK_DYNDNS] = 30,
};

static u32 c2g_risk_decay(u32 v, u64 dt, u32 hl)
{
	u64 halvings, rem;

	if (!hl)
		return v;
	halvings = dt / hl;
	if (halvings >= 32)
		return 0;
	v >>= halvings;
	rem = dt % hl;
	return v - (u32)((u64)v * rem / (2 * (u64)hl));
}

/* The shares at @now_ms into @part; returns their sum in milli-points. */
static u64 c2g_risk_at(const struct c2g_risk *r,
		       const struct c2g_risk_params *p, u64 now_ms,
		       u32 *part)
{
	u64 dt = now_ms > r->at_ms ? now_ms - r->at_ms : 0, sum = 0;
	unsigned int k;

	for (k = 0; k < C2G_RISK_KINDS; k++) {
		part[k] = c2g_risk_decay(r->part[k], dt, p->half_life_ms);
		sum += part[k];
	}
	return sum;
}

u32 c2g_risk_points(const struct c2g_risk *r, const struct c2g_risk_params *p,
		    u64 now_ms)
{
	u32 part[C2G_RISK_KINDS];

	return (u32)((c2g_risk_at(r, p, now_ms, part) + C2G_RISK_MILLI / 2) /
		     C2G_RISK_MILLI);
}

bool c2g_risk_add(struct c2g_risk *r, const struct c2g_risk_params *p,
		  unsigned int kind, u64 now_ms, u32 *added)
{
	u32 cap, part[C2G_RISK_KINDS];
	u64 sum, thr = (u64)p->threshold * C2G_RISK_MILLI;

	*added = 0;
	if (kind >= C2G_RISK_KINDS)
		return false;
	sum = c2g_risk_at(r, p, now_ms, part);
	memcpy(r->part, part, sizeof(r->part));
	if (now_ms > r->at_ms)
		r->at_ms = now_ms;
	/* Fallen under half the threshold since it alerted: re-armed. */
	if (r->over && 2 * sum < thr)
		r->over = false;
	cap = (u32)c2g_risk_cap[kind] * C2G_RISK_MILLI;
	if (r->part[kind] < cap) {
		u32 w = (u32)c2g_risk_weight[kind] * C2G_RISK_MILLI;
		u32 old = r->part[kind];

		r->part[kind] = cap - old < w ? cap : old + w;
		*added = (r->part[kind] - old + C2G_RISK_MILLI / 2) /
			 C2G_RISK_MILLI;
	}
	for (sum = 0, kind = 0; kind < C2G_RISK_KINDS; kind++)
		sum += r->part[kind];
	if (!p->threshold || r->over || sum < thr)
		return false;
	r->over = true;
	r->alerts++;
	return true;
}
