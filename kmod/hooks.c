// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter hooks: look up the first packet of every conntrack flow in the
 * indicator table and apply the matching indicator's verdict.
 *
 * Where c2guard sits
 * ------------------
 * IPv4 and IPv6, at PRE_ROUTING (forwarded and inbound traffic) and
 * LOCAL_OUT (locally originated traffic), priority C2G_HOOK_PRIORITY (-90):
 * after conntrack (-200), mangle (-150) and destination NAT (-100), before
 * the filter chains (0) and before conntrack confirmation (INT_MAX, in
 * POST_ROUTING and LOCAL_IN).  So c2guard sees the real destination of a
 * DNATed flow and the inside source before SNAT, and a ruleset's filter
 * chains (forward, input, output, postrouting) already see the conntrack
 * mark that C2GUARD_ACT_MARK set on the flow's first packet.
 *
 * Once per flow
 * -------------
 * Only packets whose conntrack entry is not yet confirmed are looked up:
 * that is the first packet of a flow (in its original direction).  When it is
 * accepted the entry is confirmed and every later packet of the flow leaves
 * on the first test below, in O(1), without touching the table; the verdict
 * it needs is already attached to the conntrack entry (its mark, for MARK;
 * nothing at all for ALERT).  A DROP or REJECT verdict frees the unconfirmed
 * entry with its packet, so the flow never exists: a retransmitted SYN or
 * a retried datagram is a new first packet, looked up again, verdicted the
 * same way and, being the same 5-tuple within C2G_REPEAT_WINDOW, counted as
 * a repeat rather than alerted again.
 *
 * Packets without conntrack (a NOTRACK rule, or invalid packets) have no
 * flow to hang a verdict on and are looked up one by one.
 *
 * Names, later in a flow
 * ----------------------
 * Once a netns has domain indicators, a few later packets matter too: DNS
 * messages (every packet to or from the DNS port) and the first payload a
 * TCP client sends (a TLS ClientHello or an HTTP request, on any port).
 * inspect.c handles those; to find "the first payload" without a table of
 * its own it keeps two conntrack label bits per flow (see there).  Every
 * packet of a confirmed flow then costs a header parse, a label read and a
 * port compare, in netns with domain indicators only.
 *
 * Beacons
 * -------
 * With beacon detection on, every packet with conntrack that the
 * indicators let pass goes on to channel.c, which reads the flow's clock
 * from its labels and records an event when the flow starts talking, or
 * talks again after being idle (see there for the cost).
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_ecache.h>

#include "c2guard.h"

/* After DNAT, before filter: see the comment at the top. */
#define C2G_HOOK_PRIORITY	(NF_IP_PRI_NAT_DST + 10)
#define C2G_HOOK_PRIORITY6	(NF_IP6_PRI_NAT_DST + 10)

static bool c2g_has_ports(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		return true;
	}
	return false;
}

static void c2g_flow_ports(struct sk_buff *skb, int thoff, struct c2g_flow *f)
{
	__be16 _ports[2];
	const __be16 *ports;

	if (thoff < 0 || !c2g_has_ports(f->proto))
		return;
	f->thoff = thoff;
	ports = skb_header_pointer(skb, thoff, sizeof(_ports), _ports);
	if (!ports)
		return;
	f->sport = ports[0];
	f->dport = ports[1];
	f->has_ports = true;
}

static void c2g_flow_v4(struct sk_buff *skb, struct c2g_flow *f)
{
	const struct iphdr *iph = ip_hdr(skb);

	f->family = AF_INET;
	f->proto = iph->protocol;
	memcpy(f->saddr, &iph->saddr, sizeof(iph->saddr));
	memcpy(f->daddr, &iph->daddr, sizeof(iph->daddr));
	if (!(iph->frag_off & htons(IP_OFFSET)))
		c2g_flow_ports(skb, skb_network_offset(skb) + iph->ihl * 4, f);
}

static void c2g_flow_v6(struct sk_buff *skb, struct c2g_flow *f)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	u8 nexthdr = ip6h->nexthdr;
	__be16 frag_off;
	int thoff;

	f->family = AF_INET6;
	memcpy(f->saddr, &ip6h->saddr, sizeof(ip6h->saddr));
	memcpy(f->daddr, &ip6h->daddr, sizeof(ip6h->daddr));
	thoff = ipv6_skip_exthdr(skb, skb_network_offset(skb) + sizeof(*ip6h),
				 &nexthdr, &frag_off);
	f->proto = nexthdr;
	if (thoff >= 0 && !(frag_off & htons(IP6_OFFSET)))
		c2g_flow_ports(skb, thoff, f);
}

void c2g_flow_parse(struct sk_buff *skb, const struct nf_hook_state *state,
		    struct c2g_flow *flow)
{
	memset(flow, 0, sizeof(*flow));
	flow->thoff = -1;
	if (state->pf == NFPROTO_IPV4)
		c2g_flow_v4(skb, flow);
	else
		c2g_flow_v6(skb, flow);
	flow->hook = state->hook;
	flow->iif = state->in ? state->in->ifindex : 0;
}

static u32 c2g_flow_hash(const struct c2g_flow *f)
{
	unsigned int alen = c2g_addr_len(f->family);
	u32 h;

	h = jhash(f->saddr, alen, f->proto);
	h = jhash(f->daddr, alen, h);
	return jhash_2words((__force u32)f->sport, (__force u32)f->dport, h);
}

/*
 * Report the match unless the very same flow was reported moments ago.
 * The memo is one slot per indicator, written without a lock: a lost race
 * costs at most one extra alert.
 */
static bool c2g_first_report(struct c2g_ind *ind, const struct c2g_flow *f)
{
	u32 h = c2g_flow_hash(f);

	u32 now = (u32)jiffies;

	if (READ_ONCE(ind->last_flow) == h &&
	    now - READ_ONCE(ind->last_flow_at) < C2G_REPEAT_WINDOW)
		return false;
	WRITE_ONCE(ind->last_flow, h);
	WRITE_ONCE(ind->last_flow_at, now);
	return true;
}

/*
 * MARK: write the configured bits into the conntrack mark, which every
 * later packet of the flow carries; a packet without conntrack gets them in
 * its skb mark instead.  On the first packet the entry is unconfirmed and
 * nobody else writes it; later, a concurrent writer of other mark bits may
 * lose its change, as with any two writers of ct mark.
 */
void c2g_set_mark(struct c2g_net *cn, struct sk_buff *skb, struct nf_conn *ct)
{
	u64 m = READ_ONCE(cn->mark);
	u32 value = upper_32_bits(m), mask = lower_32_bits(m);

#if IS_ENABLED(CONFIG_NF_CONNTRACK_MARK)
	if (ct) {
		u32 old = READ_ONCE(ct->mark), new = (old & ~mask) | value;

		if (new != old) {
			WRITE_ONCE(ct->mark, new);
			nf_conntrack_event_cache(IPCT_MARK, ct);
		}
		return;
	}
#endif
	skb->mark = (skb->mark & ~mask) | value;
}

/*
 * A match: count it and alert, once per flow and indicator; return the
 * action to take.  An allowlist entry only counts.  Under RCU.
 */
u8 c2g_report(struct c2g_net *cn, const struct c2g_flow *flow,
	      struct c2g_ind *ind, const struct c2g_why *why)
{
	u8 action = ind->action;

	if (action == C2GUARD_ACT_ALLOW) {
		c2g_stat_inc(cn, C2G_STAT_ALLOWED);
		return action;
	}
	if (c2g_first_report(ind, flow)) {
		atomic64_inc(&ind->hits);
		c2g_stat_inc(cn, C2G_STAT_MATCHES);
		c2g_alert(cn, flow, ind, action, why);
	} else {
		c2g_stat_inc(cn, C2G_STAT_REPEATS);
	}
	return action;
}

/* Apply @action to @skb, the packet of @flow: the verdict for it. */
unsigned int c2g_apply(struct c2g_net *cn, struct sk_buff *skb,
		       struct nf_conn *ct, const struct c2g_flow *flow,
		       u8 action, const struct nf_hook_state *state)
{
	switch (action) {
	case C2GUARD_ACT_DROP:
		c2g_stat_inc(cn, C2G_STAT_DROPPED);
		return NF_DROP;
	case C2GUARD_ACT_REJECT:
		c2g_reject(skb, flow, state);
		c2g_stat_inc(cn, C2G_STAT_REJECTED);
		c2g_stat_inc(cn, C2G_STAT_DROPPED);
		return NF_DROP;
	case C2GUARD_ACT_MARK:
		c2g_set_mark(cn, skb, ct);
		c2g_stat_inc(cn, C2G_STAT_MARKED);
		break;
	}
	return NF_ACCEPT;
}

/*
 * A flow to an address a listed name resolved to: report it, unless the
 * name has been allowlisted since.  Returns the binding, or NULL.
 */
static struct c2g_ind *c2g_first_bound(struct c2g_net *cn,
				       struct c2g_flow *flow, u8 *action)
{
	struct c2g_why why = { .reason = C2GUARD_REASON_DNS_ANSWER };
	struct c2g_ind *ind, *allow;
	struct c2g_name name;

	ind = c2g_bound_lookup(cn, flow->family, flow->daddr);
	if (!ind)
		return NULL;
	name.len = strscpy(name.s, c2g_ind_bound_name(ind), sizeof(name.s));
	allow = c2g_lookup_name(cn, &name);
	if (allow && allow->action == C2GUARD_ACT_ALLOW) {
		c2g_stat_inc(cn, C2G_STAT_ALLOWED);
		return NULL;
	}
	why.name = &name;
	flow->dir = C2GUARD_DIR_TO_IND;
	*action = c2g_report(cn, flow, ind, &why);
	return ind;
}

/* The first packet of a flow: its addresses, then what it carries. */
static unsigned int c2g_first_packet(struct c2g_net *cn, struct sk_buff *skb,
				     struct nf_conn *ct,
				     const struct nf_hook_state *state)
{
	const struct c2g_why why = { .reason = C2GUARD_REASON_IP };
	unsigned int verdict;
	struct c2g_flow flow;
	struct c2g_ind *ind;
	u8 action;

	c2g_flow_parse(skb, state, &flow);
	if (ct)
		c2g_stat_inc(cn, C2G_STAT_FLOWS);
	else
		c2g_stat_inc(cn, C2G_STAT_UNTRACKED);

	flow.dir = C2GUARD_DIR_TO_IND;
	ind = c2g_lookup_addr(cn, flow.family, flow.daddr);
	if (!ind) {
		flow.dir = C2GUARD_DIR_FROM_IND;
		ind = c2g_lookup_addr(cn, flow.family, flow.saddr);
	}
	if (ind) {
		action = c2g_report(cn, &flow, ind, &why);
		/*
		 * An allowlisted client is left alone.  An allowlisted server
		 * still has names looked for in what reaches it: a resolver
		 * is not a party to the callbacks it resolves names for (and
		 * a listed name sent to an allowlisted web server is let
		 * through by inspect.c).
		 */
		if (action == C2GUARD_ACT_ALLOW) {
			if (flow.dir == C2GUARD_DIR_FROM_IND)
				return NF_ACCEPT;
			ind = NULL;
		}
	} else {
		ind = c2g_first_bound(cn, &flow, &action);
	}
	if (ind) {
		verdict = c2g_apply(cn, skb, ct, &flow, action, state);
		/* ALERT and MARK let it pass: what it carries still counts. */
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	flow.dir = C2GUARD_DIR_NONE;
	return c2g_inspect_first(cn, skb, ct, &flow, state);
}

static unsigned int c2g_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	enum ip_conntrack_info ctinfo;
	unsigned long *labels;
	unsigned int verdict;
	struct c2g_net *cn;
	struct nf_conn *ct;

	cn = c2g_pernet(state->net);
	c2g_stat_inc(cn, C2G_STAT_PACKETS);

	ct = nf_ct_get(skb, &ctinfo);
	if (ct && nf_ct_is_confirmed(ct)) {
		/* Later packets matter only for names and beacons. */
		if (!READ_ONCE(cn->labels_on))
			return NF_ACCEPT;
		labels = c2g_ct_labels(ct);
		verdict = c2g_inspect_confirmed(cn, skb, ct, ctinfo, labels,
						state);
	} else {
		/*
		 * Packets travelling against an unconfirmed entry are the
		 * RSTs and ICMP errors nf_reject (ours included) attached to
		 * the flow it refuses, and our DNS answers: they must reach
		 * the sender.
		 */
		if (ct && CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL)
			return NF_ACCEPT;
		verdict = c2g_first_packet(cn, skb, ct, state);
		if (!ct || !READ_ONCE(cn->beacon_on))
			return verdict;
		labels = c2g_ct_labels(ct);
	}
	if (verdict != NF_ACCEPT || !READ_ONCE(cn->beacon_on))
		return verdict;
	return c2g_beacon_packet(cn, skb, ct, ctinfo, labels, state);
}

static const struct nf_hook_ops c2g_nf_ops[] = {
	{
		.hook = c2g_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = C2G_HOOK_PRIORITY,
	},
	{
		.hook = c2g_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = C2G_HOOK_PRIORITY,
	},
	{
		.hook = c2g_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = C2G_HOOK_PRIORITY6,
	},
	{
		.hook = c2g_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = C2G_HOOK_PRIORITY6,
	},
};

/*
 * Hooks are registered in a netns when its first indicator arrives, so a
 * netns c2guard is not asked to guard pays nothing, not even conntrack.
 * Once on, they stay until the netns goes away.
 */
int c2g_hooks_enable(struct c2g_net *cn)
{
	int err;

	lockdep_assert_held(&cn->lock);

	if (cn->hooks_on)
		return 0;
	err = nf_ct_netns_get(cn->net, NFPROTO_INET);
	if (err)
		return err;
	err = nf_register_net_hooks(cn->net, c2g_nf_ops,
				    ARRAY_SIZE(c2g_nf_ops));
	if (err) {
		nf_ct_netns_put(cn->net, NFPROTO_INET);
		return err;
	}
	cn->hooks_on = true;
	return 0;
}

/*
 * Conntrack labels (the two bits inspect.c uses) are added to a flow's
 * entry when it is created, and only while some user has asked for labels
 * in the netns: ask when the first name arrives.  Kept until netns exit.
 */
int c2g_labels_enable(struct c2g_net *cn)
{
	int err;

	lockdep_assert_held(&cn->lock);

	if (cn->labels_on)
		return 0;
	err = nf_connlabels_get(cn->net, C2G_LABEL_BITS - 1);
	if (err)
		return err;
	WRITE_ONCE(cn->labels_on, true);
	return 0;
}

/*
 * Netns pre_exit only.  Packets may still be inside c2g_hook() when this
 * returns; the grace period the netns core observes before the exit
 * handlers run lets them finish.
 */
void c2g_hooks_disable(struct c2g_net *cn)
{
	if (!cn->hooks_on)
		return;
	nf_unregister_net_hooks(cn->net, c2g_nf_ops, ARRAY_SIZE(c2g_nf_ops));
	if (cn->labels_on)
		nf_connlabels_put(cn->net);
	nf_ct_netns_put(cn->net, NFPROTO_INET);
	cn->hooks_on = false;
}
