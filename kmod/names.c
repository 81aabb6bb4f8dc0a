// SPDX-License-Identifier: GPL-2.0
/*
 * The name stage of the packet path: DNS queries and answers, the TLS
 * ClientHello server name (over TCP, and in QUIC's client Initials) and
 * the HTTP Host, looked up in the indicator table, in a netns that has
 * name indicators; the JA4 of the same ClientHellos (TLS and QUIC), looked
 * up among JA4 indicators when no name decided, in a netns that has JA4
 * indicators (computed then for every whole hello; otherwise only for the
 * hello an alert is raised on); the host and target of HTTP requests
 * looked up among URL indicators, before the host's name, in a netns that
 * has URL indicators; the addresses of DNS answers looked up among answer
 * indicators (sinkholes), in a netns that has them;
 * and every DNS message to the DNS behaviour stage (dnswatch.c), in a
 * netns that turned it on.
 *
 * Which packets
 * -------------
 * DNS: every UDP or TCP packet whose server port (the destination of the
 * flow's original direction) is the netns's DNS port; queries in the
 * original direction, answers in the reply direction.  TLS and HTTP: the
 * first TCP segment with payload that the client sends (the SYN, with TCP
 * Fast Open), on any port, recognised by its content.  QUIC: the first
 * datagram of a UDP flow, on any port, when it is a client Initial, and
 * the next ones while the ClientHello is cut (quicflow.c).
 *
 * "The first client payload" is found with two conntrack label bits that
 * c2guard owns (C2G_LABEL_INSPECT, C2G_LABEL_DROP), instead of a flow
 * table of its own: labels are per-entry storage that conntrack allocates,
 * frees and shows ("conntrack -L -o labels"), and reading one is a lookup
 * in the entry's extension area.  The first packet of a TCP flow sets
 * INSPECT; the first client segment with payload clears it and is
 * examined; a flow whose name earned DROP or REJECT gets DROP, which the
 * hook applies to every later packet in either direction (the flow is
 * established, so dropping one packet would not stop it).  A UDP flow gets
 * INSPECT while quicflow.c follows its ClientHello into the next client
 * datagram.  Flows whose entry was created before the first domain
 * indicator have no label area and are not examined (counted as
 * NOLABELS).
 *
 * What is not reassembled
 * -----------------------
 * Only the first client segment is read: a ClientHello or request header
 * split across segments is read as far as that segment goes (counted as
 * TLS_PARTIAL / HTTP_PARTIAL when no name was found).  A DNS message over
 * TCP is read from the start of a segment only, up to the end of that
 * segment (counted as DNS_TRUNCATED when cut).  At most C2G_SCRATCH_PKT
 * bytes of any packet are read.
 */
#include "c2guard.h"
#include "dns.h"
#include "dnswatch.h"
#include "fingerprint.h"
#include "names.h"
#include "pkt.h"
#include "psl.h"
#include "quic.h"
#include "reject.h"
#include "verdict.h"
#include "wire.h"

/*
 * The indicator deciding about the first of @n names that any entry
 * matches, into *@found; false if none does or an allowlist entry matched
 * one of them.  Sets *@which to the index of the name.
 */
static bool c2g_names_match(struct c2g_net *cn, const struct c2g_name *names,
			    unsigned int n, unsigned int *which,
			    struct c2g_hit *found)
{
	struct c2g_hit hit;
	unsigned int i;

	found->claim = NULL;
	for (i = 0; i < n; i++) {
		if (!c2g_ind_lookup_name(&cn->ind, &names[i], &hit))
			continue;
		if (c2g_hit_action(&hit) == C2GUARD_ACT_ALLOW) {
			c2g_stat_inc(cn, C2G_STAT_ALLOWED);
			found->claim = NULL;
			return false;
		}
		if (!found->claim) {
			*found = hit;
			*which = i;
		}
	}
	return found->claim;
}

/* Is there an allowlist entry for @addr?  Only asked after a match. */
static bool c2g_names_addr_allowed(struct c2g_net *cn, u8 family,
				   const u8 *addr)
{
	if (!c2g_ind_allowed_addr(&cn->ind, family, addr))
		return false;
	c2g_stat_inc(cn, C2G_STAT_ALLOWED);
	return true;
}

/* A query's listed names: the action of the one that decides, or ALLOW. */
static u8 c2g_dns_query_listed(struct c2g_net *cn, const struct c2g_flow *flow,
			       const struct c2g_dns_msg *m)
{
	struct c2g_why why = {
		.reason = C2GUARD_REASON_DNS_QUERY,
		.dir = C2GUARD_DIR_TO_IND,
	};
	struct c2g_hit hit;
	unsigned int i = 0;

	/* The client's allowlisting counts, the resolver's does not. */
	if (!c2g_names_match(cn, m->q, m->nq, &i, &hit) ||
	    c2g_names_addr_allowed(cn, flow->family, flow->saddr))
		return C2GUARD_ACT_ALLOW;
	why.name = &m->q[i];
	return c2g_verdict_report(cn, flow, &hit, &why);
}

/*
 * A query that nothing acted on, for a name under a dynamic-DNS zone:
 * weak evidence about the asking host (hosts.c).  Allowlisted hosts and
 * names are left alone, as the DNS detectors leave them.
 */
static void c2g_dns_dyndns(struct c2g_net *cn, const struct c2g_flow *flow,
			   const struct c2g_dns_msg *m)
{
	const struct c2g_name *name = &m->q[0];
	struct c2g_host_note n = {
		.kind = C2GUARD_EV_DYNDNS,
		.name = name,
	};
	struct c2g_psl_split sp;

	if (!m->nq || !name->len ||
	    !c2g_psl_split(name->s, name->len, &sp) || !sp.dyn ||
	    !sp.reg_len || c2g_ind_allowed_name(&cn->ind, name) ||
	    c2g_ind_allowed_addr(&cn->ind, flow->family, flow->saddr))
		return;
	c2g_verdict_evidence(cn, flow, &n);
}

/*
 * A query: its listed names decide, else the DNS behaviour detectors
 * (@names: the netns has name indicators).  Returns the action, or
 * C2G_ACT_ANSWERED when a refusal for the client was built in
 * @sc->answer (*@answer bytes).
 */
#define C2G_ACT_ANSWERED	0xff

static u8 c2g_dns_query(struct c2g_net *cn, const struct c2g_flow *flow,
			const u8 *msg, size_t len, struct c2g_scratch *sc,
			size_t *answer, bool names)
{
	const struct c2g_dns_msg *m = &sc->dns;
	u8 action = C2GUARD_ACT_ALLOW;

	c2g_stat_inc(cn, C2G_STAT_DNS_QUERIES);
	if (names)
		action = c2g_dns_query_listed(cn, flow, m);
	if (action == C2GUARD_ACT_ALLOW && READ_ONCE(cn->dtrack.on))
		action = c2g_dnsw_query(cn, flow, m);
	if (action == C2GUARD_ACT_ALLOW && c2g_hosts_on(&cn->hosts))
		c2g_dns_dyndns(cn, flow, m);
	if (action == C2GUARD_ACT_REJECT && flow->proto == IPPROTO_UDP) {
		*answer = c2g_dns_build_refusal(msg, len, m,
						READ_ONCE(cn->names.dns_rcode),
						sc->answer,
						sizeof(sc->answer));
		if (*answer)
			return C2G_ACT_ANSWERED;
		/* No question section to answer with: refuse by ICMP. */
	}
	return action;
}

/*
 * An answer: if a name of its CNAME chain is listed, bind the chain's
 * addresses to it and return its action for the answer (DROP, REJECT and
 * QUARANTINE drop it: there is nobody to reject towards).
 */
static u8 c2g_dns_response(struct c2g_net *cn, const struct c2g_flow *flow,
			   struct c2g_scratch *sc)
{
	const struct c2g_dns_msg *m = &sc->dns;
	struct c2g_why why = {
		.reason = C2GUARD_REASON_DNS_ANSWER,
		.dir = C2GUARD_DIR_TO_IND,
	};
	struct c2g_flow orig;
	struct c2g_hit hit;
	unsigned int i = 0;
	u8 action;

	if (!c2g_names_match(cn, m->chain, m->nchain, &i, &hit) ||
	    c2g_names_addr_allowed(cn, flow->family, flow->daddr))
		return C2GUARD_ACT_ALLOW;
	why.name = &m->chain[i];
	/* Report it as the query's flow: the same flow, alerted once. */
	c2g_flow_swap(flow, &orig);
	action = c2g_verdict_report(cn, &orig, &hit, &why);
	for (i = 0; i < m->naddr; i++)
		c2g_bind(&cn->bound, &hit, why.name, m->addr[i].family, m->addr[i].addr,
			 m->addr[i].ttl);
	return c2g_action_cuts(action) ? C2GUARD_ACT_DROP : action;
}

/* The stronger of two actions, ALLOW being none. */
static u8 c2g_stronger(u8 a, u8 b)
{
	if (a == C2GUARD_ACT_ALLOW)
		return b;
	if (b == C2GUARD_ACT_ALLOW)
		return a;
	return c2g_rank(b) > c2g_rank(a) ? b : a;
}

/*
 * An answer carrying listed answer addresses (a sinkhole or parking
 * address: its name was taken down, and the host still asking for it is
 * infected): alert for each, naming the asking host (the query's flow),
 * the name the address is the record of, and the address (the
 * indicator).  Returns the strongest action, for the answer: DROP, REJECT
 * and QUARANTINE (which quarantined the host) drop it.  An allowlisted host or name only counts.
 */
static u8 c2g_dns_sinkhole(struct c2g_net *cn, const struct c2g_flow *flow,
			   const struct c2g_dns_msg *m)
{
	struct c2g_why why = {
		.reason = C2GUARD_REASON_SINKHOLE,
		.dir = C2GUARD_DIR_NONE,
	};
	const struct c2g_dns_addr *rr;
	u8 action = C2GUARD_ACT_ALLOW;
	struct c2g_flow orig;
	struct c2g_hit hit;
	unsigned int i;

	for (i = 0; i < m->naddr; i++) {
		rr = &m->addr[i];
		if (!c2g_ind_lookup_answer(&cn->ind, rr->family, rr->addr,
					   &hit) ||
		    c2g_hit_action(&hit) == C2GUARD_ACT_ALLOW)
			continue;
		why.name = &m->chain[rr->chain];
		if (c2g_names_addr_allowed(cn, flow->family, flow->daddr))
			return C2GUARD_ACT_ALLOW;
		if (c2g_ind_allowed_name(&cn->ind, why.name) ||
		    c2g_ind_allowed_name(&cn->ind, &m->chain[0])) {
			c2g_stat_inc(cn, C2G_STAT_ALLOWED);
			return C2GUARD_ACT_ALLOW;
		}
		/* Report it as the query's flow, like a listed answer. */
		c2g_flow_swap(flow, &orig);
		action = c2g_stronger(action,
				      c2g_verdict_report(cn, &orig, &hit, &why));
	}
	return c2g_action_cuts(action) ? C2GUARD_ACT_DROP : action;
}

/*
 * Is @pkt the first datagram of a UDP flow to the DNS port, which must be
 * a query, in a netns with proto-mismatch on?
 */
static bool c2g_dns_first_query(struct c2g_net *cn, struct c2g_pkt *pkt,
				bool reply)
{
	return pkt->first && !reply &&
	       c2g_pkt_flow(pkt)->proto == IPPROTO_UDP &&
	       (c2g_wcfg_on(&cn->wire) & C2G_WIRE_F_MISMATCH);
}

/*
 * A DNS message, to (@reply false) or from the server; @names: the netns
 * has name indicators.
 */
static unsigned int c2g_dns(struct c2g_net *cn, struct c2g_pkt *pkt,
			    bool reply, bool names)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	u8 action = C2GUARD_ACT_ALLOW;
	struct c2g_scratch *sc;
	size_t mlen, answer = 0;
	unsigned int len;
	const u8 *msg;
	bool complete;
	int start;

	sc = c2g_scratch_get();
	msg = c2g_pkt_read(pkt, sc, &len, &complete);
	if (!msg)
		goto out;
	mlen = len;
	if (flow->proto == IPPROTO_TCP) {
		start = c2g_dns_tcp_msg(msg, mlen, &mlen, &complete);
		if (start < 0)
			goto out;
		msg += start;
	}
	if (c2g_dns_parse(msg, mlen, &sc->dns)) {
		c2g_stat_inc(cn, C2G_STAT_DNS_MALFORMED);
		if (c2g_dns_first_query(cn, pkt, reply))
			action = c2g_wire_dns(cn, flow,
					      mlen < C2G_DNS_HDR_LEN ? "short" :
							"unknown");
		goto out;
	}
	if ((sc->dns.flags & C2G_DNS_QR) && c2g_dns_first_query(cn, pkt, reply)) {
		action = c2g_wire_dns(cn, flow, "dns-response");
		goto out;
	}
	if (!complete || (sc->dns.notes & C2G_DNS_N_TRUNCATED))
		c2g_stat_inc(cn, C2G_STAT_DNS_TRUNCATED);
	if (!(sc->dns.flags & C2G_DNS_QR) && !reply) {
		action = c2g_dns_query(cn, flow, msg, mlen, sc, &answer, names);
	} else if ((sc->dns.flags & C2G_DNS_QR) && reply) {
		c2g_stat_inc(cn, C2G_STAT_DNS_ANSWERS);
		if (names)
			action = c2g_dns_response(cn, flow, sc);
		if (c2g_ind_have_answers(&cn->ind))
			action = c2g_stronger(action,
					      c2g_dns_sinkhole(cn, flow,
							       &sc->dns));
		if (READ_ONCE(cn->dtrack.on))
			c2g_dnsw_answer(cn, flow, &sc->dns);
	}
	if (action == C2G_ACT_ANSWERED) {
		/*
		 * The answer leaves through our hooks, related to the query's
		 * flow, so they let it pass without touching the scratch
		 * area; by then it has been copied into its own skb anyway.
		 */
		c2g_dns_answer(pkt->state->net, pkt->skb, flow, sc->answer,
			       answer);
		c2g_scratch_put();
		c2g_stat_inc(cn, C2G_STAT_REJECTED);
		c2g_stat_inc(cn, C2G_STAT_DROPPED);
		return NF_DROP;
	}
out:
	c2g_scratch_put();
	/* Outside the scratch section: a reset goes through our hooks. */
	return c2g_verdict_apply(cn, pkt, action);
}

/*
 * The JA4 indicator deciding about a ClientHello of fingerprints @fp and
 * server name @name (NULL: none), into *@hit; false if none does, or an
 * allowlist entry for the JA4 or the name does (an allowlisted name is
 * left alone whatever client asks for it).
 */
static bool c2g_names_ja4(struct c2g_net *cn, const struct c2g_fp *fp,
			  const struct c2g_name *name, struct c2g_hit *hit)
{
	c2g_stat_inc(cn, C2G_STAT_JA4_COMPUTED);
	if (!c2g_ind_lookup_ja4(&cn->ind, fp->ja4, hit))
		return false;
	if (c2g_hit_action(hit) != C2GUARD_ACT_ALLOW &&
	    !(name && c2g_ind_allowed_name(&cn->ind, name)))
		return true;
	c2g_stat_inc(cn, C2G_STAT_ALLOWED);
	hit->claim = NULL;
	return false;
}

/*
 * The JA4 and JA3 of the ClientHello in @pkt's payload (its first record),
 * if the segment holds the whole hello.  In the scratch section.
 */
static bool c2g_stream_fp(struct c2g_pkt *pkt, struct c2g_scratch *sc,
			  struct c2g_fp *fp)
{
	unsigned int len, rec;
	bool complete;
	const u8 *p;

	p = c2g_pkt_read(pkt, sc, &len, &complete);
	if (!p || len < 5 + 4)
		return false;
	rec = ((unsigned int)p[3] << 8) | p[4];
	return c2g_fp_hello(p + 5, min(len - 5, rec), false, fp);
}

/*
 * The URL indicator deciding about the HTTP request read into @sc (for
 * any of its hosts), into *@hit, with what was asked for in @sc->url and
 * the host in *@which: 1; -1 when an allowlist entry does, 0 when none.
 * In the scratch section.
 */
static int c2g_stream_url(struct c2g_net *cn, struct c2g_pkt *pkt,
			  struct c2g_scratch *sc, struct c2g_hit *hit,
			  unsigned int *which)
{
	struct c2g_http_path hp;
	struct c2g_url url;
	unsigned int len, i;
	bool complete;
	const u8 *p;

	p = c2g_pkt_read(pkt, sc, &len, &complete);
	if (!p || !c2g_http_path(p, len, &hp))
		return 0;
	url.path = (const char *)p + hp.path;
	url.plen = hp.plen;
	url.query = (const char *)p + hp.query;
	url.qlen = hp.qlen;
	url.has_query = hp.has_query;
	for (i = 0; i < sc->nhosts; i++) {
		url.host = &sc->hosts[i];
		if (!c2g_ind_lookup_url(&cn->ind, &url, hit))
			continue;
		if (c2g_hit_action(hit) == C2GUARD_ACT_ALLOW) {
			c2g_stat_inc(cn, C2G_STAT_ALLOWED);
			return -1;
		}
		*which = i;
		snprintf(sc->url, sizeof(sc->url), "%s%.*s%s%.*s", url.host->s,
			 (int)(url.plen ?: 1), url.plen ? url.path : "/",
			 url.has_query ? "?" : "", (int)url.qlen, url.query);
		return 1;
	}
	return 0;
}

/*
 * The listed URL, name or JA4 deciding about the first client payload
 * read into @sc (@tls: a whole or cut ClientHello), into *@hit and @why;
 * false if none does.  In the scratch section.
 */
static bool c2g_stream_listed(struct c2g_net *cn, struct c2g_pkt *pkt,
			      struct c2g_scratch *sc, bool tls,
			      struct c2g_hit *hit, struct c2g_why *why,
			      struct c2g_fp *fp)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	unsigned int i = 0;
	int url = 0;

	/* A URL is more specific than its host: it decides first. */
	if (!tls && c2g_ind_have_urls(&cn->ind))
		url = c2g_stream_url(cn, pkt, sc, hit, &i);
	if (url < 0)
		return false;
	if (url) {
		why->reason = C2GUARD_REASON_HTTP_URL;
		why->name = &sc->hosts[i];
		why->url = sc->url;
	} else if (c2g_names_match(cn, sc->hosts, sc->nhosts, &i, hit)) {
		why->name = &sc->hosts[i];
		if (tls && c2g_stream_fp(pkt, sc, fp))
			why->fp = fp;
	} else if (tls && c2g_ind_have_ja4(&cn->ind) &&
		   c2g_stream_fp(pkt, sc, fp)) {
		why->name = sc->nhosts ? &sc->hosts[0] : NULL;
		if (!c2g_names_ja4(cn, fp, why->name, hit))
			return false;
		why->reason = C2GUARD_REASON_JA4;
		why->fp = fp;
	} else {
		return false;
	}
	/* An allowlisted server (or client) wins over the name or JA4. */
	return !c2g_names_addr_allowed(cn, flow->family, flow->daddr) &&
	       !c2g_names_addr_allowed(cn, flow->family, flow->saddr);
}

/*
 * The first client payload of a TCP flow: a ClientHello or a request, in
 * the first segment with payload, or in the SYN itself (TCP Fast Open).
 * Its listed name or JA4 decides; failing that, what its first bytes give
 * away (wire.c), in a netns with a detector of it on.
 */
static unsigned int c2g_stream(struct c2g_net *cn, struct c2g_pkt *pkt)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	struct c2g_why why = {
		.reason = C2GUARD_REASON_TLS_SNI,
		.dir = C2GUARD_DIR_TO_IND,
	};
	unsigned int off, len, plen;
	u8 action = C2GUARD_ACT_ALLOW;
	bool named = true, tls = true;
	struct c2g_scratch *sc;
	struct c2g_hit hit;
	struct c2g_fp fp;
	bool complete;
	const u8 *p;

	if (!c2g_pkt_payload(pkt, &off, &len))
		return NF_ACCEPT;
	if (pkt->labels)
		clear_bit(C2G_LABEL_INSPECT, pkt->labels);

	sc = c2g_scratch_get();
	switch (c2g_pkt_stream(pkt, sc)) {
	case C2G_STREAM_TLS_SNI:
		c2g_stat_inc(cn, C2G_STAT_TLS_SNI);
		break;
	case C2G_STREAM_TLS_NO_SNI:
		c2g_stat_inc(cn, C2G_STAT_TLS_NO_SNI);
		break;
	case C2G_STREAM_HTTP_HOST:
		why.reason = C2GUARD_REASON_HTTP_HOST;
		c2g_stat_inc(cn, C2G_STAT_HTTP_HOST);
		tls = false;
		break;
	case C2G_STREAM_TLS_PARTIAL:
		c2g_stat_inc(cn, C2G_STAT_TLS_PARTIAL);
		named = false;
		break;
	case C2G_STREAM_HTTP_PARTIAL:
		c2g_stat_inc(cn, C2G_STAT_HTTP_PARTIAL);
		named = false;
		break;
	default:
		named = false;
		break;
	}
	if (named && c2g_stream_listed(cn, pkt, sc, tls, &hit, &why, &fp)) {
		action = c2g_verdict_report(cn, flow, &hit, &why);
	} else if (c2g_wcfg_on(&cn->wire)) {
		p = c2g_pkt_read(pkt, sc, &plen, &complete);
		if (p && plen)
			action = c2g_wire_stream(cn, flow, p, plen);
	}
	c2g_scratch_put();
	if (action == C2GUARD_ACT_ALLOW)
		return NF_ACCEPT;
	if (c2g_action_cuts(action) && pkt->labels)
		set_bit(C2G_LABEL_DROP, pkt->labels);
	/* Outside the scratch section: a reset goes through our hooks. */
	return c2g_verdict_apply(cn, pkt, action);
}

/*
 * A client datagram of a UDP flow: the first, or one of a flow whose
 * QUIC ClientHello is followed (INSPECT).  The name it carries decides
 * like a TLS server name.
 */
static unsigned int c2g_quic_read(struct c2g_net *cn, struct c2g_pkt *pkt,
				  unsigned int off, unsigned int len)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	const struct nf_conntrack_tuple *tuple = NULL;
	struct c2g_why why = {
		.reason = C2GUARD_REASON_QUIC_SNI,
		.dir = C2GUARD_DIR_TO_IND,
	};
	unsigned int hlen = 0, i = 0;
	u8 action = C2GUARD_ACT_ALLOW;
	struct c2g_scratch *sc;
	struct c2g_hit hit = {};
	struct c2g_fp fp;
	bool sni;

	/* Followed into a later datagram only with a label to say so. */
	if (pkt->ct && pkt->labels)
		tuple = &pkt->ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	if (!pkt->first)
		clear_bit(C2G_LABEL_INSPECT, pkt->labels);
	sc = c2g_scratch_get();
	BUILD_BUG_ON(sizeof(sc->pkt) < C2G_QUIC_HELLO_MAX);
	switch (c2g_qflows_read(&cn->qflows, tuple, pkt->first, pkt->skb, off,
				len, &pkt->name, sc->pkt, &hlen)) {
	case C2G_QF_SNI:
		pkt->stream = C2G_STREAM_QUIC_SNI;
		sni = true;
		break;
	case C2G_QF_NO_SNI:
		sni = false;
		break;
	case C2G_QF_FOLLOW:
		set_bit(C2G_LABEL_INSPECT, pkt->labels);
		goto out;
	default:
		goto out;
	}
	/* The fingerprints only for an alert, or for JA4 indicators. */
	if (sni && c2g_names_match(cn, &pkt->name, 1, &i, &hit)) {
		why.name = &pkt->name;
		if (c2g_fp_hello(sc->pkt, hlen, true, &fp))
			why.fp = &fp;
	} else if (c2g_ind_have_ja4(&cn->ind) &&
		   c2g_fp_hello(sc->pkt, hlen, true, &fp)) {
		why.name = sni ? &pkt->name : NULL;
		if (!c2g_names_ja4(cn, &fp, why.name, &hit))
			goto out;
		why.reason = C2GUARD_REASON_JA4;
		why.fp = &fp;
	}
	/* An allowlisted server (or client) wins over the name or JA4. */
	if (hit.claim &&
	    (c2g_names_addr_allowed(cn, flow->family, flow->daddr) ||
	     c2g_names_addr_allowed(cn, flow->family, flow->saddr)))
		hit.claim = NULL;
	if (hit.claim)
		action = c2g_verdict_report(cn, flow, &hit, &why);
out:
	c2g_scratch_put();
	if (!hit.claim)
		return NF_ACCEPT;
	if (c2g_action_cuts(action) && pkt->labels)
		set_bit(C2G_LABEL_DROP, pkt->labels);
	return c2g_verdict_apply(cn, pkt, action);
}

/*
 * Most UDP flows are not QUIC: they leave here, before c2g_quic_read()'s
 * locals (the kernel's INIT_STACK_ALL_ZERO clears them on entry) cost
 * anything.
 */
static unsigned int c2g_quic(struct c2g_net *cn, struct c2g_pkt *pkt)
{
	unsigned int off, len;

	if (!c2g_pkt_payload(pkt, &off, &len) ||
	    (pkt->first && !c2g_qflows_candidate(pkt->skb, off, len)))
		return NF_ACCEPT;
	return c2g_quic_read(cn, pkt, off, len);
}

/*
 * A packet of a confirmed flow.  The common case, a packet with nothing
 * to examine, is decided from the conntrack entry alone: a label read and
 * a port compare.
 */
static unsigned int c2g_names_later(struct c2g_net *cn, struct c2g_pkt *pkt,
				    unsigned int what)
{
	const struct nf_conntrack_tuple *t;
	const struct c2g_flow *flow;
	bool reply, dns;

	/* The server's side, after any DNAT: as the first packet saw it. */
	t = &pkt->ct->tuplehash[IP_CT_DIR_REPLY].tuple;
	if (t->dst.protonum != IPPROTO_TCP && t->dst.protonum != IPPROTO_UDP)
		return NF_ACCEPT;
	reply = c2g_pkt_reply(pkt);
	dns = t->src.u.all == htons(READ_ONCE(cn->names.dns_port));
	if (!dns && (reply || !pkt->labels ||
		     !test_bit(C2G_LABEL_INSPECT, pkt->labels)))
		return NF_ACCEPT;

	flow = c2g_pkt_flow(pkt);
	if (!flow->has_ports || flow->proto != t->dst.protonum)
		return NF_ACCEPT;
	if (dns)
		return c2g_dns(cn, pkt, reply, what & C2G_NM_NAMES);
	if (!(what & C2G_NM_FIRST))
		return NF_ACCEPT;
	if (flow->proto == IPPROTO_UDP)
		return c2g_quic(cn, pkt);
	return c2g_stream(cn, pkt);
}

/*
 * The first packet of a flow (or a packet without conntrack) that no
 * address decided: a DNS query, a UDP flow's first datagram (a QUIC
 * Initial?), or the SYN of a TCP flow whose first payload is to be
 * examined.
 */
static unsigned int c2g_names_first(struct c2g_net *cn, struct c2g_pkt *pkt,
				    unsigned int what)
{
	const struct c2g_flow *flow = c2g_pkt_flow(pkt);
	unsigned int off, len;

	if (!flow->has_ports ||
	    (flow->proto != IPPROTO_TCP && flow->proto != IPPROTO_UDP))
		return NF_ACCEPT;
	if (flow->dport == htons(READ_ONCE(cn->names.dns_port)))
		return c2g_dns(cn, pkt, false, what & C2G_NM_NAMES);
	if (!(what & C2G_NM_FIRST))
		return NF_ACCEPT;
	if (flow->proto == IPPROTO_UDP)
		return c2g_quic(cn, pkt);
	/* TCP Fast Open: the first payload rides on the SYN; read it now. */
	if (c2g_pkt_payload(pkt, &off, &len))
		return c2g_stream(cn, pkt);
	if (!pkt->ct)
		return NF_ACCEPT;
	if (pkt->labels)
		set_bit(C2G_LABEL_INSPECT, pkt->labels);
	else
		c2g_stat_inc(cn, C2G_STAT_NOLABELS);
	return NF_ACCEPT;
}

/*
 * Every packet the address stage let pass, in a netns where there is
 * something to look for (@what, from c2g_names_packet()).  Under RCU.
 */
unsigned int __c2g_names_packet(struct c2g_net *cn, struct c2g_pkt *pkt,
				unsigned int what)
{
	if (pkt->first)
		return c2g_names_first(cn, pkt, what);
	return c2g_names_later(cn, pkt, what);
}

void c2g_names_init(struct c2g_net *cn)
{
	cn->names.dns_port = C2GUARD_DEFAULT_DNS_PORT;
	cn->names.dns_rcode = C2GUARD_DEFAULT_DNS_RCODE;
}
