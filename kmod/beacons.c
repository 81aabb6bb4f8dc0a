// SPDX-License-Identifier: GPL-2.0
/*
 * The beacon stage of the packet path: when does an inside host call the
 * same destination again.  It finds the events of a flow and records them
 * on the flow's channels (channel.c), which beacon.c scores; a channel that
 * alerted gets the netns's beacon action.
 *
 * Events, from conntrack
 * ----------------------
 * Every new conntrack flow is an event, at its first packet, whoever then
 * speaks and whether anyone does: a client that sends a check-in, one that
 * reads a server's banner (SMTP, FTP, IRC and many custom C2 protocols) and
 * one that only connects and closes all call out the same way.  A flow
 * idle, in both directions, for the netns's idle time that wakes with
 * payload in either direction starts another (a UDP source port polled in
 * bursts, a kept-alive session, a server pushing tasks).  A packet without
 * payload does not wake a flow: a FIN, a keepalive probe or the close of a
 * kept-alive connection after the server's idle timeout is no callback,
 * and would put a second event in every call.  Nor does the server's
 * answer to the client's payload, however late (a long poll, a slow
 * server): the clock remembers whether the client's last payload is
 * unanswered, at the clock's own granularity (its word is read and written
 * once per tick: a request in the same tick as the packet before it is not
 * seen asking).
 *
 * A TCP flow must be answered first.  Its SYN opens the event and leaves it
 * pending; the event is made, dated at the SYN, once conntrack has seen a
 * reply and the flow carries payload either way or closes (a FIN, or the
 * client's reset).  A SYN with no answer, however often the client retries
 * it, and a connection the server refuses with a reset, make no event: a
 * host retrying a dead server is not a beacon of its own.  (A server that
 * accepts and then resets before either side spoke is lost with them.)
 * Other protocols have no handshake to wait for: their first packet is the
 * event.  The event's size is the flow's first payload, whichever side sent
 * it, or 0: the same check-in or banner every time, or none.
 *
 * The only per-flow state this needs is the time of the flow's last packet
 * (while pending, of its first), and it lives in the conntrack entry
 * itself: bits C2G_LABEL_TIME..+29 of the connection labels, a 28-bit clock
 * in 16 ms ticks (it wraps after 49 days, far beyond any conntrack timeout,
 * and only differences below the idle time, at most an hour, matter), the
 * asked bit and the pending bit.
 * Zero means a flow not seen yet.  So the cost per packet of a flow that
 * had its event is a label read and a compare; the word is written at most
 * once per tick per flow (cmpxchg, as other label writers do), and headers
 * are parsed only for a packet that may make an event.  Labels are
 * per-entry storage conntrack allocates and frees with the flow; entries
 * created before the netns asked for labels have none and are not timed
 * (BEACON_NOLABELS), and flows that existed before beacon detection was on
 * are timed from their next packet, their first event the next wake.
 *
 * Each event counts on the flow's address channel (inside host,
 * destination, port, protocol) and, when the destination's name is known,
 * on its name channel (inside host, name): the name an address was bound
 * from by a listed name's DNS answer, or the TLS server name or HTTP host
 * of the flow's first payload when the client sent it.
 */
#include <linux/tcp.h>

#include "beacons.h"
#include "c2guard.h"
#include "pkt.h"
#include "verdict.h"

#define C2G_TICK_SHIFT		4	/* 16 ms */
#define C2G_TICK_MASK		GENMASK(27, 0)
#define C2G_CLOCK_ASKED		BIT(28)		/* the client's payload is unanswered */
#define C2G_CLOCK_PENDING	BIT(29)		/* the first event waits */
#define C2G_CLOCK_MASK		(C2G_CLOCK_PENDING | C2G_CLOCK_ASKED | \
				 C2G_TICK_MASK)

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

static u64 c2g_ticks_ms(u32 ticks)
{
	return (u64)(ticks & C2G_TICK_MASK) << C2G_TICK_SHIFT;
}

/*
 * The flow's clock: a tick, with C2G_CLOCK_ASKED and C2G_CLOCK_PENDING; 0
 * for none yet.
 */
static u32 c2g_label_clock(unsigned long *labels)
{
	unsigned long w = READ_ONCE(*c2g_time_word(labels));

	return (w >> (C2G_LABEL_TIME % BITS_PER_LONG)) & C2G_CLOCK_MASK;
}

/*
 * Move the flow's clock from @old to @new.  False if another CPU moved it
 * first (a packet of the same flow in the other direction, or on another
 * queue): that packet then owns the event, if there is one.
 */
static bool c2g_label_clock_set(unsigned long *labels, u32 old, u32 new)
{
	const unsigned int sh = C2G_LABEL_TIME % BITS_PER_LONG;
	const unsigned long mask = (unsigned long)C2G_CLOCK_MASK << sh;
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
			     const struct c2g_flow *f, bool first,
			     struct c2g_name *name)
{
	const struct c2g_name *found;
	struct c2g_hit hit;

	if (c2g_bound_lookup(&cn->bound, f->family, f->daddr, &hit)) {
		name->len = strscpy(name->s, c2g_hit_bound_name(&hit),
				    sizeof(name->s));
		return name->len > 0;
	}
	if (!first || f->proto != IPPROTO_TCP || c2g_pkt_reply(pkt))
		return false;
	found = c2g_pkt_server_name(pkt);
	if (!found)
		return false;
	*name = *found;
	return true;
}

static void c2g_beacons_alert(struct c2g_net *cn, const struct c2g_bcfg *cfg,
			      const struct c2g_flow *flow,
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
	c2g_verdict_alert(cn, flow, NULL, cfg->action, &why);
}

/*
 * A channel that scored just under the threshold: weak evidence about its
 * host (the flow's source), with its score; its address and port, or its
 * name.
 */
static void c2g_beacons_near(struct c2g_net *cn, const struct c2g_flow *flow,
			     const struct c2g_chan_view *v,
			     const struct c2g_name *name)
{
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
 * An event of the packet's flow at @when (ms), of @size bytes, made by the
 * packet in hand (of either direction); @first: the flow's first event.
 * Returns the verdict for the packet.
 */
static unsigned int c2g_beacons_event(struct c2g_net *cn,
				      const struct c2g_bcfg *cfg,
				      struct c2g_pkt *pkt, u64 when,
				      unsigned int size, bool first)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	struct c2g_chan *ch, *nch;
	struct c2g_flow reply_flow;
	struct c2g_chan_view v;
	struct c2g_chan_id id;
	enum c2g_chan_ev ev;
	struct c2g_name name;
	bool alert, named;

	/* the channel is the inside host's, which sent the first packet */
	if (c2g_pkt_reply(pkt)) {
		c2g_flow_swap(flow, &reply_flow);
		flow = &reply_flow;
	}
	if (c2g_chan_port_allowed(cfg, flow->proto, flow->dport) ||
	    c2g_ind_allowed_addr(&cn->ind, flow->family, flow->daddr) ||
	    c2g_ind_allowed_addr(&cn->ind, flow->family, flow->saddr)) {
		c2g_stat_inc(cn, C2G_STAT_BEACON_EXEMPT);
		return NF_ACCEPT;
	}
	c2g_chan_id_addr(&id, flow);
	ev = c2g_chan_event(&cn->chans, cfg, &id, when, size, &v, &ch);
	alert = ev == C2G_CHAN_ALERT;
	if (alert)
		c2g_beacons_alert(cn, cfg, flow, &v, NULL);
	else if (ev == C2G_CHAN_NEAR)
		c2g_beacons_near(cn, flow, &v, NULL);

	named = c2g_beacons_name(cn, pkt, flow, first, &name);
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
		ev = c2g_chan_event(&cn->chans, cfg, &id, when, size, &v,
				    &nch);
		if (ev == C2G_CHAN_ALERT) {
			c2g_beacons_alert(cn, cfg, flow, &v, &name);
			if (ch)
				c2g_chan_flag(&cn->chans, ch);
			alert = true;
		} else if (ev == C2G_CHAN_NEAR) {
			c2g_beacons_near(cn, flow, &v, &name);
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
 * The clock after a packet at tick @now carrying @size bytes, from the
 * client (@orig) or not, on a flow whose clock was @old: the client's
 * payload asks, the server's answers, a packet without payload leaves
 * that as it was.
 */
static u32 c2g_beacons_clock(u32 now, unsigned int size, bool orig, u32 old)
{
	if (!size)
		return now | (old & C2G_CLOCK_ASKED);
	return orig ? now | C2G_CLOCK_ASKED : now;
}

/*
 * Whether the packet in hand makes the pending first event of its TCP flow
 * (see "Events" above), and its size into *@size: conntrack saw the flow
 * answered, and the packet carries payload or closes the flow (a FIN from
 * either side, the client's reset).
 */
static bool c2g_beacons_answered(struct c2g_pkt *pkt, unsigned int *size)
{
	const struct c2g_flow *f = c2g_pkt_flow(pkt);
	const struct tcphdr *th;
	struct tcphdr _th;
	unsigned int off;

	if (!test_bit(IPS_SEEN_REPLY_BIT, &pkt->ct->status))
		return false;
	if (c2g_pkt_payload(pkt, &off, size))
		return true;
	if (f->proto != IPPROTO_TCP || f->thoff < 0)
		return false;
	th = skb_header_pointer(pkt->skb, f->thoff, sizeof(_th), &_th);
	return th && (th->fin || (th->rst && !c2g_pkt_reply(pkt)));
}

/* The first packet c2guard sees of a flow (its clock is 0). */
static unsigned int c2g_beacons_start(struct c2g_net *cn,
				      const struct c2g_bcfg *cfg,
				      struct c2g_pkt *pkt, u64 now_ms, u32 now)
{
	unsigned int off, size;

	/* older than beacon detection: timed from now, no event yet */
	if (!pkt->first) {
		c2g_label_clock_set(pkt->labels, 0, now);
		return NF_ACCEPT;
	}
	if (c2g_pkt_flow(pkt)->proto == IPPROTO_TCP) {
		c2g_label_clock_set(pkt->labels, 0, now | C2G_CLOCK_PENDING);
		return NF_ACCEPT;
	}
	c2g_pkt_payload(pkt, &off, &size);
	if (!c2g_label_clock_set(pkt->labels, 0,
				 c2g_beacons_clock(now, size, true, 0)))
		return NF_ACCEPT;
	return c2g_beacons_event(cn, cfg, pkt, now_ms, size, true);
}

/*
 * A packet of a TCP flow whose first event waits for an answer: the event,
 * dated at the flow's first packet (@clock), if this packet makes it.
 */
static unsigned int c2g_beacons_pending(struct c2g_net *cn,
					const struct c2g_bcfg *cfg,
					struct c2g_pkt *pkt, u32 clock,
					u64 now_ms, u32 now)
{
	unsigned int size;
	u64 age;

	if (!c2g_beacons_answered(pkt, &size))
		return NF_ACCEPT;
	if (!c2g_label_clock_set(pkt->labels, clock,
				 c2g_beacons_clock(now, size,
						   !c2g_pkt_reply(pkt), 0)))
		return NF_ACCEPT;
	age = c2g_ticks_ms(now - clock);
	return c2g_beacons_event(cn, cfg, pkt, now_ms - min(now_ms, age), size,
				 true);
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
	u32 now, clock, t, next;
	u64 now_ms;

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
	now_ms = c2g_now_ms();
	now = c2g_tick(now_ms);
	clock = c2g_label_clock(labels);
	t = clock & C2G_TICK_MASK;
	if (!t)
		return c2g_beacons_start(cn, cfg, pkt, now_ms, now);
	if (clock & C2G_CLOCK_PENDING)
		return c2g_beacons_pending(cn, cfg, pkt, clock, now_ms, now);
	if (t == now)
		return NF_ACCEPT;
	c2g_pkt_payload(pkt, &off, &size);
	next = c2g_beacons_clock(now, size, orig, clock);
	/*
	 * Idle long enough, payload either way, and not the answer to the
	 * client's last payload: a new event.
	 */
	if (!size || c2g_ticks_ms(now - t) < cfg->idle_ms ||
	    (!orig && (clock & C2G_CLOCK_ASKED))) {
		c2g_label_clock_set(labels, clock, next);
		return NF_ACCEPT;
	}
	if (!c2g_label_clock_set(labels, clock, next))
		return NF_ACCEPT;
	return c2g_beacons_event(cn, cfg, pkt, now_ms, size, false);
}
