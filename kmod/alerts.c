// SPDX-License-Identifier: GPL-2.0
/*
 * Alerts: one generic netlink notification per matching flow, multicast to
 * the "alerts" group of the flow's netns, numbered, and rate limited by a
 * token bucket.  msg.c builds them.
 */
#include <linux/ktime.h>
#include <net/net_namespace.h>

#include "alerts.h"
#include "msg.h"

void c2g_alerts_init(struct c2g_alerts *a, struct net *net,
		     struct c2g_stats __percpu *stats)
{
	a->net = net;
	a->stats = stats;
	spin_lock_init(&a->lock);
	a->rate = C2GUARD_DEFAULT_ALERT_RATE;
	a->burst = C2GUARD_DEFAULT_ALERT_BURST;
	a->budget = (u64)C2GUARD_DEFAULT_ALERT_BURST *
		    (NSEC_PER_SEC / C2GUARD_DEFAULT_ALERT_RATE);
	a->last = ktime_get_ns();
}

void c2g_alerts_set_rate(struct c2g_alerts *a, u32 rate, u32 burst)
{
	spin_lock_bh(&a->lock);
	a->rate = rate;
	a->burst = burst;
	/* Start the new bucket full. */
	a->budget = rate ? (u64)burst * (NSEC_PER_SEC / rate) : 0;
	a->last = ktime_get_ns();
	spin_unlock_bh(&a->lock);
}

void c2g_alerts_get(struct c2g_alerts *a, u32 *rate, u32 *burst, u64 *seq)
{
	spin_lock_bh(&a->lock);
	*rate = a->rate;
	*burst = a->burst;
	*seq = a->seq;
	spin_unlock_bh(&a->lock);
}

/*
 * Take a token.  On success return the alert's sequence number and, in
 * @suppressed, how many alerts the bucket refused since the last one; on
 * refusal return 0.  Each alert costs 1/rate s of credit, which accrues
 * with time up to burst alerts' worth.
 */
static u64 c2g_alert_admit(struct c2g_alerts *a, u32 *suppressed)
{
	u64 now, cost, cap, seq = 0;

	spin_lock_bh(&a->lock);
	if (a->rate) {
		now = ktime_get_ns();
		cost = NSEC_PER_SEC / a->rate;
		cap = (u64)a->burst * cost;
		a->budget = min(cap, a->budget + (now - a->last));
		a->last = now;
		if (a->budget < cost) {
			a->suppressed++;
			goto out;
		}
		a->budget -= cost;
	}
	seq = ++a->seq;
	*suppressed = a->suppressed;
	a->suppressed = 0;
out:
	spin_unlock_bh(&a->lock);
	return seq;
}

/*
 * Alert @action on @flow, for @hit (NULL for a beacon) and @why.  Softirq
 * or process context, under RCU: the entry and its listings stay valid
 * meanwhile.  Returns the alert's sequence number, 0 when the rate limit
 * refused it.
 */
u64 c2g_alert(struct c2g_alerts *a, const struct c2g_flow *flow,
	      const struct c2g_hit *hit, u8 action, const struct c2g_why *why)
{
	struct c2g_alert_info info = {
		.netns = a->net->ns.inum,
		.user_ns = a->net->user_ns,
		.action = action,
		.why = why,
	};
	struct sk_buff *skb;

	info.seq = c2g_alert_admit(a, &info.suppressed);
	if (!info.seq) {
		c2g_stats_inc(a->stats, C2G_STAT_SUPPRESSED);
		return 0;
	}
	c2g_stats_inc(a->stats, C2G_STAT_ALERTS);
	if (!c2g_msg_listened(a->net))
		return info.seq;
	skb = c2g_msg_alert(&info, flow, hit);
	if (!skb) {
		c2g_stats_inc(a->stats, C2G_STAT_ALERT_FAILS);
		return info.seq;
	}
	c2g_msg_notify(a->net, skb);
	return info.seq;
}
