/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Alerts: sequence numbers, the rate limit, and their notifications.
 */
#ifndef _C2G_ALERTS_H
#define _C2G_ALERTS_H

#include <linux/spinlock.h>
#include <linux/types.h>

#include "stats.h"

struct net;
struct c2g_flow;
struct c2g_hit;
struct c2g_why;

/*
 * Under @lock: the last sequence number, the alerts refused since the last
 * one sent, and a token bucket of @rate per second (0: unlimited) and
 * @burst, its @budget kept in nanoseconds of credit as of @last.
 */
struct c2g_alerts {
	struct net *net;
	struct c2g_stats __percpu *stats;
	spinlock_t lock;		/* the rest */
	u64 seq;
	u32 suppressed;
	u32 rate;
	u32 burst;
	u64 budget;
	u64 last;
};

void c2g_alerts_init(struct c2g_alerts *a, struct net *net,
		     struct c2g_stats __percpu *stats);
void c2g_alerts_set_rate(struct c2g_alerts *a, u32 rate, u32 burst);
void c2g_alerts_get(struct c2g_alerts *a, u32 *rate, u32 *burst, u64 *seq);
u64 c2g_alert(struct c2g_alerts *a, const struct c2g_flow *flow,
	      const struct c2g_hit *hit, u8 action, const struct c2g_why *why);

#endif /* _C2G_ALERTS_H */
