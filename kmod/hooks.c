// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter hooks: every packet c2guard sees enters here, and goes through
 * the stages in order: quarantine (quarantine.c, while a host is in
 * quarantine), addresses (match.c, the first packet of a flow), names on
 * the wire (names.c), beacons (beacons.c).  A stage that finds a
 * match hands it to the verdict layer (verdict.c) and returns the
 * netfilter verdict; the first that does not accept the packet ends its
 * trip.  This file also turns the hooks and conntrack labels on in a netns.
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
 * names.c handles those; to find "the first payload" without a table of
 * its own it keeps two conntrack label bits per flow (see there).  Every
 * packet of a confirmed flow then costs a label read and a port compare,
 * in netns with domain indicators only; a flow whose name earned DROP is
 * dropped here, packet by packet, from its label.
 *
 * Beacons
 * -------
 * With beacon detection on, every packet with conntrack that the
 * indicators let pass goes on to beacons.c, which reads the flow's clock
 * from its labels and records an event when a new flow is answered, or
 * talks again after being idle (see there for the cost).
 *
 * The packet
 * ----------
 * struct c2g_pkt (pkt.h) carries the packet, its conntrack entry and
 * labels through the stages; what a stage reads from the packet (addresses
 * and ports, payload bounds, a server name) is read once and kept there.
 */
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>

#include "beacons.h"
#include "c2guard.h"
#include "hooks.h"
#include "match.h"
#include "names.h"
#include "pkt.h"

/* After DNAT, before filter: see the comment at the top. */
#define C2G_HOOK_PRIORITY	(NF_IP_PRI_NAT_DST + 10)
#define C2G_HOOK_PRIORITY6	(NF_IP6_PRI_NAT_DST + 10)

/*
 * Packets travelling against a new flow are the RSTs and ICMP errors
 * nf_reject (ours included) attached to the flow it refuses, and our DNS
 * answers; packets related to a confirmed flow are ICMP errors about it,
 * and the resets and DNS answers sent in its name.  They must reach their
 * destination, untouched.
 */
static bool c2g_hook_passes(const struct c2g_pkt *pkt)
{
	if (!pkt->ct)
		return false;
	if (pkt->first)
		return c2g_pkt_reply(pkt);
	return pkt->ctinfo == IP_CT_RELATED ||
	       pkt->ctinfo == IP_CT_RELATED_REPLY;
}

static unsigned int c2g_hook(void *priv, struct sk_buff *skb,
			     const struct nf_hook_state *state)
{
	struct c2g_net *cn = priv;
	enum ip_conntrack_info ctinfo;
	unsigned int verdict;
	struct nf_conn *ct;
	/*
	 * Every packet: not cleared on entry (INIT_STACK_ALL_ZERO would clear
	 * its 370 bytes), c2g_pkt_init() sets what is read before the
	 * accessors fill the rest.
	 */
	struct c2g_pkt pkt __uninitialized;
	bool labels_on;

	c2g_stat_inc(cn, C2G_STAT_PACKETS);
	ct = nf_ct_get(skb, &ctinfo);
	labels_on = READ_ONCE(cn->hooks.labels_on);
	c2g_pkt_init(&pkt, skb, state, ct, ctinfo, labels_on);
	/* A host in quarantine: every packet, before anything else. */
	if (c2g_quar_any(&cn->quar) && !c2g_hook_passes(&pkt)) {
		verdict = c2g_quar_packet(&cn->quar, &pkt);
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	/* Later packets of a flow matter only for names and beacons. */
	if (!pkt.first && !labels_on)
		return NF_ACCEPT;
	if (c2g_hook_passes(&pkt))
		return NF_ACCEPT;

	if (pkt.first) {
		verdict = c2g_match_first(cn, &pkt);
		if (verdict != NF_ACCEPT)
			return verdict;
	} else if (pkt.labels && test_bit(C2G_LABEL_DROP, pkt.labels)) {
		c2g_stat_inc(cn, C2G_STAT_DROPPED);
		return NF_DROP;
	}
	if (!pkt.exempt) {
		verdict = c2g_names_packet(cn, &pkt);
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	if (!ct || !READ_ONCE(cn->chans.on))
		return NF_ACCEPT;
	return c2g_beacons_packet(cn, &pkt);
}

/*
 * The hooks of every netns; each registers a copy whose priv is its
 * c2g_net, so a packet finds it without net_generic() (an RCU read
 * section of its own).  The copy lives in the c2g_net, beyond the grace
 * period after unregistration that lets the last packets leave (main.c).
 */
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

/* c2g_hooks.ops holds a copy of each: no entry left zeroed, none cut off */
static_assert(ARRAY_SIZE(c2g_nf_ops) == C2G_HOOK_OPS);

/*
 * Hooks are registered in a netns when its first indicator arrives, so a
 * netns c2guard is not asked to guard pays nothing, not even conntrack.
 * Once on, they stay until the netns goes away.
 */
int c2g_hooks_enable(struct c2g_net *cn)
{
	unsigned int i;
	int err;

	lockdep_assert_held(&cn->lock);

	if (cn->hooks.on)
		return 0;
	err = nf_ct_netns_get(cn->net, NFPROTO_INET);
	if (err)
		return err;
	for (i = 0; i < C2G_HOOK_OPS; i++) {
		cn->hooks.ops[i] = c2g_nf_ops[i];
		cn->hooks.ops[i].priv = cn;
	}
	err = nf_register_net_hooks(cn->net, cn->hooks.ops, C2G_HOOK_OPS);
	if (err) {
		nf_ct_netns_put(cn->net, NFPROTO_INET);
		return err;
	}
	cn->hooks.on = true;
	return 0;
}

/*
 * Conntrack labels (the bits names.c and beacons.c use) are added to a
 * flow's entry when it is created, and only while some user has asked for
 * labels in the netns: ask when the first name or answer address arrives,
 * or a detector that reads later packets is turned on.  Kept until netns exit.
 */
int c2g_labels_enable(struct c2g_net *cn)
{
	int err;

	lockdep_assert_held(&cn->lock);

	if (cn->hooks.labels_on)
		return 0;
	err = nf_connlabels_get(cn->net, C2G_LABEL_BITS - 1);
	if (err)
		return err;
	WRITE_ONCE(cn->hooks.labels_on, true);
	return 0;
}

/*
 * Netns pre_exit only.  Packets may still be inside c2g_hook() when this
 * returns; the grace period the netns core observes before the exit
 * handlers run lets them finish.
 */
void c2g_hooks_disable(struct c2g_net *cn)
{
	if (!cn->hooks.on)
		return;
	nf_unregister_net_hooks(cn->net, cn->hooks.ops, C2G_HOOK_OPS);
	if (cn->hooks.labels_on)
		nf_connlabels_put(cn->net);
	nf_ct_netns_put(cn->net, NFPROTO_INET);
	cn->hooks.on = false;
}
