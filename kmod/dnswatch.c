// SPDX-License-Identifier: GPL-2.0
/*
 * The DNS behaviour stage of the packet path: the dga, nxdomain-burst and
 * fast-flux detectors, with no list.  names.c hands it every DNS message it
 * parsed, in a netns that turned a detector on; it scores the names
 * (dga.c), keeps the evidence per inside host and per name (dnstrack.c),
 * lets dnsbeh.c judge it, and raises the alerts.
 *
 * What the detectors see
 * ----------------------
 * A query: its first name, asked by the flow's source (the inside host).
 * An answer: the rcode, the first question's name and the A/AAAA records
 * of its CNAME chain, for the flow's destination.  Only the first question
 * counts: a query of several is rare, and a bot gains nothing by it.
 *
 * The allowlist: an allowlisted inside host, or an allowlisted name
 * (action allow, a name or a suffix), is not looked at (DNS_EXEMPT).
 *
 * Actions
 * -------
 * An alert flags its host (name) for DNS_HOLDDOWN: dga-action and
 * nxdomain-burst-action then hit the host's later queries whose names
 * score high, fast-flux-action the later queries of the name.  REJECT
 * answers such a query with the netns's dns-rcode (NXDOMAIN by default);
 * the answers themselves are let through.
 */
#include <linux/rcupdate.h>

#include "c2guard.h"
#include "dga.h"
#include "dns.h"
#include "dnswatch.h"
#include "pkt.h"
#include "psl.h"
#include "verdict.h"

static void c2g_dnsw_alert(struct c2g_net *cn, const struct c2g_flow *flow,
			   u8 reason, const struct c2g_name *name, u8 action,
			   const struct c2g_dnsb_evidence *ev)
{
	struct c2g_why why = {
		.reason = reason,
		.dir = C2GUARD_DIR_NONE,
		.name = name,
		.dns = ev,
	};

	switch (reason) {
	case C2GUARD_REASON_DGA:
		c2g_stat_inc(cn, C2G_STAT_DGA_ALERTS);
		break;
	case C2GUARD_REASON_NXDOMAIN_BURST:
		c2g_stat_inc(cn, C2G_STAT_NX_ALERTS);
		break;
	default:
		c2g_stat_inc(cn, C2G_STAT_FLUX_ALERTS);
		break;
	}
	c2g_verdict_alert(cn, flow, NULL, action, &why);
}

/* Is the inside host @addr or the name @name allowlisted? */
static bool c2g_dnsw_exempt(struct c2g_net *cn, u8 family, const u8 *addr,
			    const struct c2g_name *name)
{
	if (!c2g_ind_allowed_addr(&cn->ind, family, addr) &&
	    !c2g_ind_allowed_name(&cn->ind, name))
		return false;
	c2g_stat_inc(cn, C2G_STAT_DNS_EXEMPT);
	return true;
}

/* A flagged name's action for its queries; ALLOW if it is not flagged. */
static u8 c2g_dnsw_flux_flagged(struct c2g_net *cn,
				const struct c2g_dnsb_cfg *cfg,
				const struct c2g_name *name, u64 now)
{
	struct c2g_dt_ent *e;
	bool flagged;

	if (cfg->flux_action == C2GUARD_ACT_ALERT ||
	    !READ_ONCE(cn->dtrack.names.count))
		return C2GUARD_ACT_ALLOW;
	e = c2g_dtrack_name(&cn->dtrack, cfg, name->s, name->len, false, now);
	if (!e)
		return C2GUARD_ACT_ALLOW;
	spin_lock_bh(&e->lock);
	flagged = !e->dead && e->name.flagged &&
		  now - e->name.alert_ms < cfg->p.holddown_ms;
	spin_unlock_bh(&e->lock);
	return flagged ? cfg->flux_action : C2GUARD_ACT_ALLOW;
}

u8 c2g_dnsw_query(struct c2g_net *cn, const struct c2g_flow *flow,
		  const struct c2g_dns_msg *m)
{
	const struct c2g_dnsb_cfg *cfg = rcu_dereference(cn->dtrack.cfg);
	const struct c2g_name *name = &m->q[0];
	struct c2g_dnsb_evidence ev;
	struct c2g_dnsb_query q;
	struct c2g_dt_ent *e;
	struct c2g_dga d;
	u8 flagged, action = C2GUARD_ACT_ALLOW;
	bool alert = false;
	u64 now;

	if (!m->nq || !name->len ||
	    c2g_dnsw_exempt(cn, flow->family, flow->saddr, name))
		return C2GUARD_ACT_ALLOW;
	now = c2g_now_ms();
	if (cfg->on & C2G_DNSB_F_FLUX)
		action = c2g_dnsw_flux_flagged(cn, cfg, name, now);
	if (!(cfg->on & (C2G_DNSB_F_DGA | C2G_DNSB_F_NX)))
		return action;

	c2g_dga_score(name->s, name->len, &d);
	c2g_stat_inc(cn, C2G_STAT_DNS_SCORED);
	if (d.score < cfg->p.dga_threshold)
		return action;
	e = c2g_dtrack_host(&cn->dtrack, cfg, flow->family, flow->saddr,
			    cfg->on & C2G_DNSB_F_DGA, now);
	if (!e)
		return action;
	q.hash = c2g_dnsb_hash(name->s, name->len);
	q.score = d.score;
	q.dyn = d.dyn;
	q.parent = name->s + d.sfx;
	q.plen = name->len - d.sfx;
	spin_lock_bh(&e->lock);
	WRITE_ONCE(e->seen_ms, now);
	if (!e->dead && (cfg->on & C2G_DNSB_F_DGA))
		alert = c2g_dnsb_query(&e->host, &cfg->p, &q, now, &ev);
	flagged = e->dead ? 0 : e->host.flagged;
	spin_unlock_bh(&e->lock);

	if (flagged & C2G_DNSB_F_DGA)
		action = c2g_rank(cfg->dga_action) > c2g_rank(action) ?
			 cfg->dga_action : action;
	if (flagged & C2G_DNSB_F_NX)
		action = c2g_rank(cfg->nx_action) > c2g_rank(action) ?
			 cfg->nx_action : action;
	if (action == C2GUARD_ACT_ALERT)
		action = C2GUARD_ACT_ALLOW;	/* alerted once, not per query */
	if (alert)
		c2g_dnsw_alert(cn, flow, C2GUARD_REASON_DGA, name,
			       cfg->dga_action, &ev);
	return action;
}

static void c2g_dnsw_flux(struct c2g_net *cn, const struct c2g_dnsb_cfg *cfg,
			  const struct c2g_flow *orig,
			  const struct c2g_dns_msg *m, u64 now)
{
	struct c2g_dnsb_rr rr[C2G_DNS_MAX_ADDRS];
	struct c2g_dnsb_evidence ev;
	struct c2g_dt_ent *e;
	unsigned int i;
	bool alert = false;

	for (i = 0; i < m->naddr; i++) {
		rr[i].family = m->addr[i].family;
		rr[i].addr = m->addr[i].addr;
		rr[i].ttl = m->addr[i].ttl;
	}
	if (!c2g_dnsb_flux_candidate(rr, m->naddr))
		return;
	e = c2g_dtrack_name(&cn->dtrack, cfg, m->q[0].s, m->q[0].len, true,
			    now);
	if (!e)
		return;
	spin_lock_bh(&e->lock);
	WRITE_ONCE(e->seen_ms, now);
	if (!e->dead)
		alert = c2g_dnsb_flux(&e->name, &cfg->p, rr, m->naddr, now,
				      &ev);
	spin_unlock_bh(&e->lock);
	if (alert)
		c2g_dnsw_alert(cn, orig, C2GUARD_REASON_FAST_FLUX, &m->q[0],
			       cfg->flux_action, &ev);
}

void c2g_dnsw_answer(struct c2g_net *cn, const struct c2g_flow *flow,
		     const struct c2g_dns_msg *m)
{
	const struct c2g_dnsb_cfg *cfg = rcu_dereference(cn->dtrack.cfg);
	unsigned int want = cfg->on & (C2G_DNSB_F_DGA | C2G_DNSB_F_NX);
	const struct c2g_name *name = &m->q[0];
	struct c2g_dnsb_evidence ev[2];
	struct c2g_dnsb_answer a = {};
	struct c2g_psl_split sp;
	struct c2g_flow orig;
	struct c2g_dt_ent *e;
	unsigned int alerts = 0;
	u64 now;

	/* The inside host is the answer's destination. */
	if (!m->nq || !name->len ||
	    c2g_dnsw_exempt(cn, flow->family, flow->daddr, name))
		return;
	now = c2g_now_ms();
	/* Alerts name the query's flow, as every alert of a DNS flow does. */
	c2g_flow_swap(flow, &orig);
	if ((cfg->on & C2G_DNSB_F_FLUX) && m->naddr)
		c2g_dnsw_flux(cn, cfg, &orig, m, now);
	if (!want)
		return;
	a.hash = c2g_dnsb_hash(name->s, name->len);
	a.nx = C2G_DNS_RCODE(m->flags) == C2G_DNS_RCODE_NXDOMAIN;
	a.addrs = m->naddr > 0;
	if (!a.nx && !READ_ONCE(cn->dtrack.hosts.count))
		return;
	if (a.nx && c2g_psl_split(name->s, name->len, &sp)) {
		a.parent = name->s + sp.sfx;
		a.plen = name->len - sp.sfx;
	}
	e = c2g_dtrack_host(&cn->dtrack, cfg, flow->family, flow->daddr,
			    a.nx && (want & C2G_DNSB_F_NX), now);
	if (!e)
		return;
	spin_lock_bh(&e->lock);
	WRITE_ONCE(e->seen_ms, now);
	if (!e->dead)
		alerts = c2g_dnsb_answer(&e->host, &cfg->p, &a, want, now, ev);
	spin_unlock_bh(&e->lock);
	if (alerts & C2G_DNSB_F_DGA)
		c2g_dnsw_alert(cn, &orig, C2GUARD_REASON_DGA, name,
			       cfg->dga_action, &ev[0]);
	if (alerts & C2G_DNSB_F_NX)
		c2g_dnsw_alert(cn, &orig, C2GUARD_REASON_NXDOMAIN_BURST, name,
			       cfg->nx_action, &ev[1]);
}
