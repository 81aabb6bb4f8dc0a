// SPDX-License-Identifier: GPL-2.0
/*
 * The address stage of the packet path: the first packet of every flow
 * (and every packet without conntrack) has its addresses looked up in the
 * indicator table, then its destination among the addresses bound from
 * DNS answers.
 *
 * Allowlisting: an allowlisted address exempts the flows it is either end
 * of.  An allowlisted client's new flow is left alone altogether (the name
 * stage skips it too).  An allowlisted server's flow still has names looked
 * for in what reaches it: a resolver is not a party to the callbacks it
 * resolves names for, and a listed name sent to an allowlisted web server
 * is let through by the name stage.
 */
#include "c2guard.h"
#include "match.h"
#include "pkt.h"
#include "verdict.h"

/*
 * A flow to an address a listed name resolved to, @hit: report it, unless
 * the name has been allowlisted since.  Returns whether it was reported.
 * Apart from c2g_match_first(), which most flows leave before it: the
 * kernel's INIT_STACK_ALL_ZERO clears a function's locals on entry, and
 * these are some 350 bytes.
 */
static bool c2g_match_bound(struct c2g_net *cn, const struct c2g_flow *flow,
			    const struct c2g_hit *hit, u8 *action)
{
	struct c2g_why why = {
		.reason = C2GUARD_REASON_DNS_ANSWER,
		.dir = C2GUARD_DIR_TO_IND,
	};
	struct c2g_name name;

	name.len = strscpy(name.s, c2g_hit_bound_name(hit), sizeof(name.s));
	if (c2g_ind_allowed_name(&cn->ind, &name)) {
		c2g_stat_inc(cn, C2G_STAT_ALLOWED);
		return false;
	}
	why.name = &name;
	*action = c2g_verdict_report(cn, flow, hit, &why);
	return true;
}

/* Report @hit, an address indicator of @flow, on its @dir side. */
static u8 c2g_match_report(struct c2g_net *cn, const struct c2g_flow *flow,
			   const struct c2g_hit *hit, u8 dir)
{
	struct c2g_why why = { .reason = C2GUARD_REASON_IP, .dir = dir };

	return c2g_verdict_report(cn, flow, hit, &why);
}

/* The first packet of a flow: the indicators its addresses match. */
unsigned int c2g_match_first(struct c2g_net *cn, struct c2g_pkt *pkt)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	/*
	 * Not cleared on entry (INIT_STACK_ALL_ZERO), every flow: each is
	 * read only once a lookup has returned true, having filled it.
	 */
	struct c2g_hit dst __uninitialized, src __uninitialized;
	struct c2g_hit port __uninitialized;
	unsigned int ends;
	bool d, s;
	u8 action;

	c2g_stat_inc(cn, pkt->ct ? C2G_STAT_FLOWS : C2G_STAT_UNTRACKED);

	ends = c2g_ind_lookup_ends(&cn->ind, flow->family, flow->daddr,
				   flow->saddr, &dst, &src);
	d = ends & C2G_END_DST;
	s = ends & C2G_END_SRC;
	/*
	 * An entry for the server's port is more specific than one for its
	 * address, and decides, unless the address is allowlisted.
	 */
	if (flow->has_ports &&
	    c2g_ind_lookup_port(&cn->ind, flow->family, flow->daddr,
				flow->dport, flow->proto, &port) &&
	    (!d || c2g_hit_action(&dst) != C2GUARD_ACT_ALLOW)) {
		dst = port;
		d = true;
	}
	if (d && c2g_hit_action(&dst) == C2GUARD_ACT_ALLOW) {
		/* An allowlisted server: counted, its names still looked at. */
		c2g_match_report(cn, flow, &dst, 0);
		return NF_ACCEPT;
	}
	if (s && c2g_hit_action(&src) == C2GUARD_ACT_ALLOW) {
		c2g_match_report(cn, flow, &src, 0);
		pkt->exempt = true;
		return NF_ACCEPT;
	}
	if (d)
		action = c2g_match_report(cn, flow, &dst, C2GUARD_DIR_TO_IND);
	else if (s)
		action = c2g_match_report(cn, flow, &src, C2GUARD_DIR_FROM_IND);
	else if (!c2g_bound_lookup(&cn->bound, flow->family, flow->daddr,
				   &dst) ||
		 !c2g_match_bound(cn, flow, &dst, &action))
		return NF_ACCEPT;
	/* ALERT and MARK let it pass: what it carries still counts. */
	return c2g_verdict_apply(cn, pkt, action);
}
