// SPDX-License-Identifier: GPL-2.0
/*
 * The beacon stage of the packet path: when does an inside host call the
 * same destination again.  It finds the events of a flow and records them
 * on the flow's channels (channel.c), which beacon.c scores; a channel that
 * alerted gets the netns's beacon action.
 *
 * Events, from conntrack
 * ----------------------
 * An event is a packet of the original direction that carries payload and
 * is either the first such packet of its conntrack flow or the first after
 * the flow was idle, in both directions, for the netns's idle time.  The
 * only per-flow state this needs is the time of the flow's last packet, and
 * it lives in the conntrack entry itself: bits C2G_LABEL_TIME..+29 of the
 * connection labels, a 30-bit clock in 16 ms ticks (it wraps after 198
 * days, far beyond any conntrack timeout, and only differences below the
 * idle time matter).  Zero means "no payload yet": the SYN and handshake of
 * a TCP flow do not start it, the client's first data does.  So the cost per
 * packet of a confirmed flow is a label read and a compare; the word is
 * written at most once per tick per flow (cmpxchg, as other label writers
 * do), and headers are parsed only for a packet that may start an event.
 * Labels are per-entry storage conntrack allocates and frees with the flow;
 * entries created before the netns asked for labels have none and are not
 * timed (BEACON_NOLABELS).
 *
 * Each event counts on the flow's address channel (inside host,
 * destination, port, protocol) and, when the destination's name is known,
 * on its name channel (inside host, name): the name an address was bound
 * from by a listed name's DNS answer, or the TLS server name or HTTP host
 * of the flow's first payload.
 */
#include "beacons.h"
#include "c2guard.h"
#include "pkt.h"
#include "verdict.h"

#define C2G_TICK_SHIFT		4	/* 16 ms */
#define C2G_TICK_MASK		((1u << 30) - 1)

/* --- the flow's clock, in its conntrack labels ------------------------- */

static u32 c2g_tick(u64 ms)
{
	u32 t = (u32)(ms >> C2G_TICK_SHIFT) & C2G_TICK_MASK;

	return t ?: 1;
}

static unsigned long *c2g_time_word(unsigned long *labels)
{
	return &labels[C2G_LABEL_TIME / BITS_PER_LONG];
}

static u32 c2g_label_time(unsigned long *labels)
{
	unsigned long w = READ_ONCE(*c2g_time_word(labels));

	return (w >> (C2G_LABEL_TIME % BITS_PER_LONG)) & C2G_TICK_MASK;
}

/*
 * Move the flow's clock from @old to @new.  False if another CPU moved it
 * first (a packet of the same flow in the other direction, or on another
 * queue): that packet then owns the event, if there is one.
 */
static bool c2g_label_time_set(unsigned long *labels, u32 old, u32 new)
{
	const unsigned int sh = C2G_LABEL_TIME % BITS_PER_LONG;
	const unsigned long mask = (unsigned long)C2G_TICK_MASK << sh;
	unsigned long *p = c2g_time_word(labels);
	unsigned long w = READ_ONCE(*p), prev;

	for (;;) {
		if (((w & mask) >> sh) != old)
			return false;
		prev = cmpxchg(p, w, (w & ~mask) | ((unsigned long)new << sh));
		if (prev == w)
			return true;
		w = prev;
	}
}

/* --- events ---------------------------------------------------------- */

static void c2g_chan_id_addr(struct c2g_chan_id *id, const struct c2g_flow *f)
{
	unsigned int alen = c2g_addr_len(f->family);

	memset(id, 0, sizeof(*id));
	id->type = C2G_CH_ADDR;
	id->family = f->family;
	id->proto = f->proto;
	id->dport = f->has_ports ? f->dport : 0;
	memcpy(id->saddr, f->saddr, alen);
	memcpy(id->daddr, f->daddr, alen);
}

/*
 * The name of the flow's destination, if known, into @name: the listed
 * name its address was bound from, or (first payload of a TCP flow) its
 * TLS server name or HTTP host.
 */
static bool c2g_beacons_name(struct c2g_net *cn, struct c2g_pkt *pkt,
			     bool first, struct c2g_name *name)
{
	const struct c2g_flow *f = c2g_pkt_flow(pkt);
	const struct c2g_name *found;
	struct c2g_hit hit;

	if (c2g_bound_lookup(&cn->bound, f->family, f->daddr, &hit)) {
		name->len = strscpy(name->s, c2g_ind_bound_name(hit.ind),
				    sizeof(name->s));
		return name->len > 0;
	}
	if (!first || f->proto != IPPROTO_TCP)
		return false;
	found = c2g_pkt_server_name(pkt);
	if (!found)
		return false;
	*name = *found;
	return true;
}

static void c2g_beacons_alert(struct c2g_net *cn, const struct c2g_bcfg *cfg,
			      struct c2g_pkt *pkt,
			      const struct c2g_chan_view *v,
			      const struct c2g_name *name)
{
	struct c2g_why why = {
		.reason = C2GUARD_REASON_BEACON,
		.dir = C2GUARD_DIR_NONE,
		.name = name,
		.beacon = v,
	};

	c2g_stat_inc(cn, C2G_STAT_BEACON_ALERTS);
	c2g_verdict_alert(cn, c2g_pkt_flow(pkt), NULL, cfg->action, &why);
}

/*
 * A channel that scored just under the threshold: weak evidence about its
 * host (the flow's source), with its score; its address and port, or its
 * name.
 */
static void c2g_beacons_near(struct c2g_net *cn, struct c2g_pkt *pkt,
			     const struct c2g_chan_view *v,
			     const struct c2g_name *name)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	struct c2g_host_note n = {
		.kind = C2GUARD_EV_BEACON_NEAR,
		.family = flow->family,
		.name = name,
		.value = v->s.score,
	};

	if (!name) {
		n.addr = flow->daddr;
		if (flow->has_ports) {
			n.port = flow->dport;
			n.proto = flow->proto;
		}
	}
	c2g_verdict_evidence(cn, flow, &n);
}

/*
 * An event of the packet's flow, which carries @size bytes of payload.
 * Returns the verdict for the packet.
 */
static unsigned int c2g_beacons_event(struct c2g_net *cn,
				      const struct c2g_bcfg *cfg,
				      struct c2g_pkt *pkt, unsigned int size,
				      bool first)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	struct c2g_chan *ch, *nch;
	struct c2g_chan_view v;
	struct c2g_chan_id id;
	enum c2g_chan_ev ev;
	struct c2g_name name;
	bool alert, named;
	u64 now;

	if (c2g_chan_port_allowed(cfg, flow->proto, flow->dport) ||
	    c2g_ind_allowed_addr(&cn->ind, flow->family, flow->daddr) ||
	    c2g_ind_allowed_addr(&cn->ind, flow->family, flow->saddr)) {
		c2g_stat_inc(cn, C2G_STAT_BEACON_EXEMPT);
		return NF_ACCEPT;
	}
	now = c2g_now_ms();
	c2g_chan_id_addr(&id, flow);
	ev = c2g_chan_event(&cn->chans, cfg, &id, now, size, &v, &ch);
	alert = ev == C2G_CHAN_ALERT;
	if (alert)
		c2g_beacons_alert(cn, cfg, pkt, &v, NULL);
	else if (ev == C2G_CHAN_NEAR)
		c2g_beacons_near(cn, pkt, &v, NULL);

	named = c2g_beacons_name(cn, pkt, first, &name);
	if (named && c2g_ind_allowed_name(&cn->ind, &name)) {
		c2g_stat_inc(cn, C2G_STAT_BEACON_EXEMPT);
		named = false;
	}
	if (named) {
		id.type = C2G_CH_NAME;
		id.proto = 0;
		id.dport = 0;
		memset(id.daddr, 0, sizeof(id.daddr));
		id.name = name.s;
		id.nlen = name.len;
		ev = c2g_chan_event(&cn->chans, cfg, &id, now, size, &v,
				    &nch);
		if (ev == C2G_CHAN_ALERT) {
			c2g_beacons_alert(cn, cfg, pkt, &v, &name);
			if (ch)
				c2g_chan_flag(&cn->chans, ch);
			alert = true;
		} else if (ev == C2G_CHAN_NEAR) {
			c2g_beacons_near(cn, pkt, &v, &name);
		}
	}
	if (!alert || cfg->action == C2GUARD_ACT_ALERT)
		return NF_ACCEPT;
	/* The flow that completed the evidence goes too, for drop/reject. */
	if (c2g_action_cuts(cfg->action))
		set_bit(C2G_LABEL_DROP, pkt->labels);
	return c2g_verdict_apply(cn, pkt, cfg->action);
}

/*
 * A new flow of a channel that alerted (ever, until it is forgotten), under
 * a DROP/REJECT/MARK action: the action as set now, so that an admin who
 * turns drop on after seeing an alert stops that beacon at once.
 */
static unsigned int c2g_beacons_flagged(struct c2g_net *cn,
					const struct c2g_bcfg *cfg,
					struct c2g_pkt *pkt)
{
	struct c2g_chan_id id;

	c2g_chan_id_addr(&id, c2g_pkt_flow(pkt));
	if (!c2g_chan_flagged(&cn->chans, &id))
		return NF_ACCEPT;
	return c2g_verdict_apply(cn, pkt, cfg->action);
}

/*
 * Every packet with conntrack, in a netns with beacon detection on, that
 * the earlier stages let pass.  Under RCU.
 */
unsigned int c2g_beacons_packet(struct c2g_net *cn, struct c2g_pkt *pkt)
{
	const struct c2g_bcfg *cfg = rcu_dereference(cn->chans.cfg);
	unsigned long *labels = pkt->labels;
	unsigned int verdict, off, size;
	bool orig = !c2g_pkt_reply(pkt);
	u32 now, t;
	u64 idle;

	/* Errors about the flow and packets sent in its name are no events. */
	if (pkt->ctinfo == IP_CT_RELATED || pkt->ctinfo == IP_CT_RELATED_REPLY)
		return NF_ACCEPT;
	if (orig && pkt->first && cfg->action != C2GUARD_ACT_ALERT &&
	    atomic_read(&cn->chans.flagged)) {
		verdict = c2g_beacons_flagged(cn, cfg, pkt);
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	if (!labels) {
		if (orig)
			c2g_stat_inc(cn, C2G_STAT_BEACON_NOLABELS);
		return NF_ACCEPT;
	}
	now = c2g_tick(c2g_now_ms());
	t = c2g_label_time(labels);
	if (t == now)
		return NF_ACCEPT;
	idle = (u64)((now - t) & C2G_TICK_MASK) << C2G_TICK_SHIFT;
	if (t && (!orig || idle < cfg->idle_ms)) {
		c2g_label_time_set(labels, t, now);
		return NF_ACCEPT;
	}
	if (!orig)
		return NF_ACCEPT;
	/* Idle long enough (or no payload yet): does this one carry any? */
	if (!c2g_pkt_payload(pkt, &off, &size)) {
		if (t)
			c2g_label_time_set(labels, t, now);
		return NF_ACCEPT;
	}
	if (!c2g_label_time_set(labels, t, now))
		return NF_ACCEPT;
	return c2g_beacons_event(cn, cfg, pkt, size, !t);
}
