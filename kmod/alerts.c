// SPDX-License-Identifier: GPL-2.0
/*
 * Alerts: one generic netlink notification per matching flow, multicast to
 * the "alerts" group of the flow's netns, rate limited by a token bucket.
 */
#include <linux/ktime.h>
#include <linux/socket.h>
#include <linux/timekeeping.h>

#include "c2guard.h"

void c2g_alert_init(struct c2g_net *cn)
{
	spin_lock_init(&cn->alert_lock);
	cn->alert_rate = C2GUARD_DEFAULT_ALERT_RATE;
	cn->alert_burst = C2GUARD_DEFAULT_ALERT_BURST;
	cn->alert_budget = (u64)C2GUARD_DEFAULT_ALERT_BURST *
			   (NSEC_PER_SEC / C2GUARD_DEFAULT_ALERT_RATE);
	cn->alert_last = ktime_get_ns();
}

void c2g_alert_set_rate(struct c2g_net *cn, u32 rate, u32 burst)
{
	spin_lock_bh(&cn->alert_lock);
	cn->alert_rate = rate;
	cn->alert_burst = burst;
	/* Start the new bucket full. */
	cn->alert_budget = rate ? (u64)burst * (NSEC_PER_SEC / rate) : 0;
	cn->alert_last = ktime_get_ns();
	spin_unlock_bh(&cn->alert_lock);
}

/*
 * Take a token.  On success return the alert's sequence number and, in
 * @suppressed, how many alerts the bucket refused since the last one; on
 * refusal return 0.  The budget is kept in nanoseconds: each alert costs
 * 1/rate s, credit accrues with time up to burst alerts' worth.
 */
static u64 c2g_alert_admit(struct c2g_net *cn, u32 *suppressed)
{
	u64 now, cost, cap, seq = 0;

	spin_lock_bh(&cn->alert_lock);
	if (cn->alert_rate) {
		now = ktime_get_ns();
		cost = NSEC_PER_SEC / cn->alert_rate;
		cap = (u64)cn->alert_burst * cost;
		cn->alert_budget = min(cap, cn->alert_budget +
					    (now - cn->alert_last));
		cn->alert_last = now;
		if (cn->alert_budget < cost) {
			cn->alert_suppressed++;
			goto out;
		}
		cn->alert_budget -= cost;
	}
	seq = ++cn->alert_seq;
	*suppressed = cn->alert_suppressed;
	cn->alert_suppressed = 0;
out:
	spin_unlock_bh(&cn->alert_lock);
	return seq;
}

static size_t c2g_alert_size(void)
{
	size_t ind = nla_total_size(0) +		/* C2GUARD_ALERT_A_IND */
		     3 * nla_total_size(sizeof(u8)) +	/* family, plen, action */
		     nla_total_size(C2GUARD_NAME_MAX + 1) + /* addr or domain */
		     nla_total_size(0) +		/* suffix */
		     nla_total_size(C2GUARD_NAME_MAX + 1) + /* bound */
		     nla_total_size(C2GUARD_TAG_MAX);	/* tag */

	return nla_total_size(0) +			/* C2GUARD_A_ALERT */
	       2 * nla_total_size_64bit(sizeof(u64)) +	/* seq, time */
	       3 * nla_total_size(sizeof(u32)) +	/* netns, iif, suppressed */
	       6 * nla_total_size(sizeof(u8)) +		/* family ... reason */
	       2 * nla_total_size(16) +			/* saddr, daddr */
	       2 * nla_total_size(sizeof(u16)) +	/* sport, dport */
	       nla_total_size(C2GUARD_NAME_MAX + 1) +	/* name */
	       ind + c2g_beacon_nl_size();
}

static int c2g_alert_fill(struct sk_buff *skb, struct c2g_net *cn, u64 seq,
			  u32 suppressed, const struct c2g_flow *flow,
			  const struct c2g_ind *ind, u8 action,
			  const struct c2g_why *why)
{
	unsigned int alen = c2g_addr_len(flow->family);
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &c2g_genl_family, 0, C2GUARD_CMD_ALERT);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, C2GUARD_A_ALERT);
	if (!nest)
		goto cancel;
	if (nla_put_u64_64bit(skb, C2GUARD_ALERT_A_SEQ, seq,
			      C2GUARD_ALERT_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_ALERT_A_TIME, ktime_get_real_ns(),
			      C2GUARD_ALERT_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_ALERT_A_NETNS, cn->net->ns.inum) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_FAMILY, flow->family) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_PROTO, flow->proto) ||
	    nla_put(skb, C2GUARD_ALERT_A_SADDR, alen, flow->saddr) ||
	    nla_put(skb, C2GUARD_ALERT_A_DADDR, alen, flow->daddr) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_HOOK, flow->hook) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_ACTION, action) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_REASON, why->reason) ||
	    nla_put_u32(skb, C2GUARD_ALERT_A_SUPPRESSED, suppressed))
		goto cancel;
	if (flow->has_ports &&
	    (nla_put_u16(skb, C2GUARD_ALERT_A_SPORT, ntohs(flow->sport)) ||
	     nla_put_u16(skb, C2GUARD_ALERT_A_DPORT, ntohs(flow->dport))))
		goto cancel;
	if (flow->iif && nla_put_u32(skb, C2GUARD_ALERT_A_IIF, flow->iif))
		goto cancel;
	if (flow->dir && nla_put_u8(skb, C2GUARD_ALERT_A_DIR, flow->dir))
		goto cancel;
	if (why->name &&
	    nla_put_string(skb, C2GUARD_ALERT_A_NAME, why->name->s))
		goto cancel;
	if (ind && c2g_nl_put_ind(skb, C2GUARD_ALERT_A_IND, ind, false))
		goto cancel;
	if (why->beacon &&
	    c2g_beacon_nl_put(skb, C2GUARD_ALERT_A_BEACON, why->beacon))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * Called from the hooks, in softirq or process context, under RCU: @ind
 * and its tag stay valid for the duration.  @ind is NULL for a beacon.
 */
void c2g_alert(struct c2g_net *cn, const struct c2g_flow *flow,
	       const struct c2g_ind *ind, u8 action, const struct c2g_why *why)
{
	struct sk_buff *skb;
	u32 suppressed = 0;
	u64 seq;

	seq = c2g_alert_admit(cn, &suppressed);
	if (!seq) {
		c2g_stat_inc(cn, C2G_STAT_SUPPRESSED);
		return;
	}
	c2g_stat_inc(cn, C2G_STAT_ALERTS);
	if (READ_ONCE(c2g_genl_closing) ||
	    !genl_has_listeners(&c2g_genl_family, cn->net, 0))
		return;

	skb = genlmsg_new(c2g_alert_size(), GFP_ATOMIC);
	if (!skb)
		goto fail;
	if (c2g_alert_fill(skb, cn, seq, suppressed, flow, ind, action,
			   why)) {
		nlmsg_free(skb);
		goto fail;
	}
	/* A listener whose buffer is full sees the gap in the sequence. */
	genlmsg_multicast_netns(&c2g_genl_family, cn->net, skb, 0, 0,
				GFP_ATOMIC);
	return;
fail:
	c2g_stat_inc(cn, C2G_STAT_ALERT_FAILS);
}
