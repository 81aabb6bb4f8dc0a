// SPDX-License-Identifier: GPL-2.0
/*
 * What the first bytes of a flow give away, whatever its addresses and
 * names: the first client payload of a TCP flow, and the first datagram
 * of a UDP flow to the DNS port, handed over by the name stage (names.c).
 *
 * proto-mismatch: a payload that is not the protocol of its server port.
 * Bots that bring their own encryption (Kraken's on 443) or speak their
 * own protocol on a web port pass an address-and-port firewall, and no
 * TLS or HTTP client sends anything but a handshake record or a request
 * line first.  Bytes too few to tell are a mismatch only when they cannot
 * begin what is expected.
 *
 * irc: an IRC registration (NICK/USER/PASS/CAP lines), the classic bot
 * control channel, on any port.  On a port where IRC is expected (CFG
 * IRC_PORTS) it is alerted and left alone; elsewhere it is IRC hiding on
 * another port, and irc-action applies.  A registration on a TLS or HTTP
 * port with both detectors on is alerted once, as irc.
 *
 * Flows from or to an allowlisted address are left alone.  Each flow is
 * looked at once (its first payload), so each raises at most one alert.
 */
#include "c2guard.h"
#include "pkt.h"
#include "proto.h"
#include "verdict.h"
#include "wire.h"

static bool c2g_wire_port_in(const u16 *ports, unsigned int n, __be16 port)
{
	u16 p = ntohs(port);
	unsigned int i;

	for (i = 0; i < n; i++)
		if (ports[i] == p)
			return true;
	return false;
}

/* Could @p[0..@len), too short to tell, begin a TLS handshake record? */
static bool c2g_wire_tls_prefix(const u8 *p, size_t len)
{
	return p[0] == 22 && (len < 2 || p[1] == 3) && (len < 3 || p[2] <= 4);
}

/* Could it begin a request line (an upper-case method)? */
static bool c2g_wire_http_prefix(const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] < 'A' || p[i] > 'Z')
			return false;
	return true;
}

static u8 c2g_wire_alert(struct c2g_net *cn, const struct c2g_flow *flow,
			 u8 reason, u8 action, const struct c2g_wire_seen *ws)
{
	struct c2g_why why = {
		.reason = reason,
		.dir = C2GUARD_DIR_NONE,
		.wire = ws,
	};

	/* An allowlisted server or client is left alone. */
	if (c2g_ind_allowed_addr(&cn->ind, flow->family, flow->daddr) ||
	    c2g_ind_allowed_addr(&cn->ind, flow->family, flow->saddr)) {
		c2g_stat_inc(cn, C2G_STAT_ALLOWED);
		return C2GUARD_ACT_ALLOW;
	}
	c2g_stat_inc(cn, reason == C2GUARD_REASON_IRC ?
			 C2G_STAT_IRC_ALERTS : C2G_STAT_MISMATCH_ALERTS);
	c2g_verdict_alert(cn, flow, NULL, action, &why);
	return action;
}

/*
 * The first client payload @p[0..@len) of a TCP flow (@len > 0), in a
 * netns with a detector of this stage on.  Returns the action for the
 * flow: ALLOW when nothing was alerted.  Under RCU.
 */
u8 c2g_wire_stream(struct c2g_net *cn, const struct c2g_flow *flow,
		   const u8 *p, size_t len)
{
	const struct c2g_wcfg *cfg = rcu_dereference(cn->wire.cfg);
	struct c2g_wire_seen ws = {};
	struct c2g_irc irc;
	bool tls, http;
	int proto;

	tls = (cfg->on & C2G_WIRE_F_MISMATCH) &&
	      c2g_wire_port_in(cfg->tls, cfg->ntls, flow->dport);
	http = (cfg->on & C2G_WIRE_F_MISMATCH) && !tls &&
	       c2g_wire_port_in(cfg->http, cfg->nhttp, flow->dport);
	if (!tls && !http && !(cfg->on & C2G_WIRE_F_IRC))
		return C2GUARD_ACT_ALLOW;

	proto = c2g_proto_guess(p, len, &irc);
	if (proto == C2G_PROTO_IRC && (cfg->on & C2G_WIRE_F_IRC)) {
		ws.seen = c2g_proto_name(proto);
		ws.irc = &irc;
		ws.irc_port = c2g_wire_port_in(cfg->irc, cfg->nirc,
					       flow->dport);
		return c2g_wire_alert(cn, flow, C2GUARD_REASON_IRC,
				      ws.irc_port ? C2GUARD_ACT_ALERT :
						    cfg->irc_action, &ws);
	}
	if (tls) {
		if (proto == C2G_PROTO_TLS_HELLO ||
		    (proto == C2G_PROTO_SHORT && c2g_wire_tls_prefix(p, len)))
			return C2GUARD_ACT_ALLOW;
		ws.expected = "tls";
	} else if (http) {
		if (proto == C2G_PROTO_HTTP ||
		    (proto == C2G_PROTO_SHORT && c2g_wire_http_prefix(p, len)))
			return C2GUARD_ACT_ALLOW;
		ws.expected = "http";
	} else {
		return C2GUARD_ACT_ALLOW;
	}
	ws.seen = c2g_proto_name(proto);
	return c2g_wire_alert(cn, flow, C2GUARD_REASON_PROTO_MISMATCH,
			      cfg->mismatch_action, &ws);
}

/*
 * The first datagram of a UDP flow to the DNS port, which is not a DNS
 * query (@seen: what it is), in a netns with proto-mismatch on.  Returns
 * the action for the flow.  Under RCU.
 */
u8 c2g_wire_dns(struct c2g_net *cn, const struct c2g_flow *flow,
		const char *seen)
{
	const struct c2g_wcfg *cfg = rcu_dereference(cn->wire.cfg);
	struct c2g_wire_seen ws = {
		.expected = "dns",
		.seen = seen,
	};

	if (!(cfg->on & C2G_WIRE_F_MISMATCH))
		return C2GUARD_ACT_ALLOW;
	return c2g_wire_alert(cn, flow, C2GUARD_REASON_PROTO_MISMATCH,
			      cfg->mismatch_action, &ws);
}
