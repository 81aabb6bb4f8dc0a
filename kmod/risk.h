/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The risk of an inside host: a decaying sum of the weights of the kinds of
 * evidence about it (pure C, see pure.h).
 *
 * The caller keeps one struct c2g_risk per host, tells it each new piece
 * of evidence and asks whether the host now reaches the threshold.  Nothing
 * here reads a clock, allocates or takes a lock: the caller serialises
 * calls on one state.  Times are milliseconds on any monotonic u64 clock.
 * docs/host-risk.md explains the weights and why they are what they are.
 */
#ifndef _C2G_RISK_H
#define _C2G_RISK_H

#include "pure.h"

/* The kinds of evidence, each with its weight and cap (risk.c). */
enum c2g_risk_kind {
	C2G_RISK_INDICATOR,	/* an indicator's alert (not sinkhole) */
	C2G_RISK_SINKHOLE,	/* a sinkhole alert */
	C2G_RISK_BEACON,	/* a beacon alert */
	C2G_RISK_DNS,		/* a dga, nxdomain-burst or fast-flux alert */
	C2G_RISK_BEACON_NEAR,	/* a channel scored just under the threshold */
	C2G_RISK_DYNDNS,	/* a name under a dynamic-DNS zone */
	C2G_RISK_KINDS
};

/* Points, and milli-points kept to decay smoothly. */
#define C2G_RISK_MILLI		1000u
#define C2G_RISK_THRESHOLD_MAX	10000u
#define C2G_RISK_HALF_LIFE_MIN_MS	60000u
#define C2G_RISK_HALF_LIFE_MAX_MS	604800000u	/* 7 days */

/**
 * struct c2g_risk_params - per netns
 * @threshold: points at which the host alerts, 0: never
 * @half_life_ms: the risk halves in this long
 */
struct c2g_risk_params {
	u32 threshold;
	u32 half_life_ms;
};

/**
 * struct c2g_risk - one host's risk
 * @part: each kind's share, milli-points, as of @at_ms
 * @at_ms: when @part was last brought up to date
 * @over: alerted, and has not fallen under half the threshold since
 * @alerts: times it alerted
 */
struct c2g_risk {
	u32 part[C2G_RISK_KINDS];
	u64 at_ms;
	bool over;
	u32 alerts;
};

extern const u16 c2g_risk_weight[C2G_RISK_KINDS];
extern const u16 c2g_risk_cap[C2G_RISK_KINDS];

static inline void c2g_risk_init(struct c2g_risk *r, u64 now_ms)
{
	memset(r, 0, sizeof(*r));
	r->at_ms = now_ms;
}

/*
 * The risk at @now_ms in points (rounded), without changing @r; an
 * earlier @now_ms is taken as @r->at_ms.
 */
u32 c2g_risk_points(const struct c2g_risk *r, const struct c2g_risk_params *p,
		    u64 now_ms);

/*
 * Add one piece of evidence of @kind at @now_ms: its kind's share grows by
 * its weight, up to its cap.  *@added gets the points it added (0 past the
 * cap).  Returns true if the host reaches the threshold now and is not
 * over it already: the caller alerts, once, until the risk has fallen
 * under half the threshold again.  @kind out of range adds nothing.
 */
bool c2g_risk_add(struct c2g_risk *r, const struct c2g_risk_params *p,
		  unsigned int kind, u64 now_ms, u32 *added);

#endif /* _C2G_RISK_H */
