// SPDX-License-Identifier: GPL-2.0
/*
 * Names on the wire: DNS queries and answers, the TLS ClientHello server
 * name and the HTTP Host, looked up in the indicator table.
 *
 * Which packets
 * -------------
 * DNS: every UDP or TCP packet whose server port (the destination of the
 * flow's original direction) is the netns's DNS port; queries in the
 * original direction, answers in the reply direction.  TLS and HTTP: the
 * first TCP segment with payload that the client sends, on any port,
 * recognised by its content.
 *
 * "The first client payload" is found with two conntrack label bits that
 * c2guard owns (C2G_LABEL_INSPECT, C2G_LABEL_DROP), instead of a flow
 * table of its own: labels are per-entry storage that conntrack allocates,
 * frees and shows ("conntrack -L -o labels"), and reading one is a lookup
 * in the entry's extension area.  The first packet of a TCP flow sets
 * INSPECT; the first client segment with payload clears it and is
 * examined; a flow whose name earned DROP or REJECT gets DROP, which drops
 * every later packet in either direction (the flow is established, so
 * dropping one packet would not stop it).  Flows whose entry was created
 * before the first domain indicator have no label area and are not
 * examined (counted as NOLABELS).
 *
 * What is not reassembled
 * -----------------------
 * Only the first client segment is read: a ClientHello or request header
 * split across segments is read as far as that segment goes (counted as
 * TLS_PARTIAL / HTTP_PARTIAL when no name was found).  A DNS message over
 * TCP is read from the start of a segment only, up to the end of that
 * segment (counted as DNS_TRUNCATED when cut).  At most C2G_INSPECT_MAX
 * bytes of any packet are read.
 *
 * The payload is copied with skb_header_pointer() (so non-linear skbs are
 * fine) into a per-CPU scratch area, used with bottom halves disabled; the
 * parsers (dns.c, tls.c, http.c) never read past the copy.
 */
#include <linux/percpu.h>
#include <linux/tcp.h>
#include <linux/udp.h>

#include "c2guard.h"
#include "dns.h"
#include "http.h"
#include "tls.h"

#define C2G_INSPECT_MAX		4096

struct c2g_scratch {
	u8 pkt[C2G_INSPECT_MAX];
	union {
		struct c2g_dns_msg dns;
		struct c2g_name hosts[C2G_HTTP_MAX_HOSTS];
	};
	u8 answer[512];
};

static struct c2g_scratch __percpu *c2g_scratch;

int __init c2g_inspect_init(void)
{
	c2g_scratch = alloc_percpu(struct c2g_scratch);
	return c2g_scratch ? 0 : -ENOMEM;
}

void c2g_inspect_exit(void)
{
	free_percpu(c2g_scratch);
}

/* Offset and length of @skb's transport payload, or false if none. */
static bool c2g_payload(struct sk_buff *skb, const struct c2g_flow *f,
			unsigned int *off, unsigned int *len)
{
	unsigned int hlen = sizeof(struct udphdr);
	struct tcphdr _th;
	const struct tcphdr *th;

	if (f->thoff < 0)
		return false;
	if (f->proto == IPPROTO_TCP) {
		th = skb_header_pointer(skb, f->thoff, sizeof(_th), &_th);
		if (!th || th->doff < 5)
			return false;
		hlen = th->doff * 4;
	}
	if (skb->len <= f->thoff + hlen)
		return false;
	*off = f->thoff + hlen;
	*len = skb->len - *off;
	return true;
}

/* Swap a reply-direction packet's flow into its original direction. */
static void c2g_flow_orig(const struct c2g_flow *f, struct c2g_flow *o)
{
	*o = *f;
	memcpy(o->saddr, f->daddr, sizeof(o->saddr));
	memcpy(o->daddr, f->saddr, sizeof(o->daddr));
	o->sport = f->dport;
	o->dport = f->sport;
}

/*
 * The indicator deciding about the first of @n names that any entry
 * matches; NULL if none does or an allowlist entry matched one of them.
 * Sets *@which to the index of the name.
 */
static struct c2g_ind *c2g_match_names(struct c2g_net *cn,
				       const struct c2g_name *names,
				       unsigned int n, unsigned int *which)
{
	struct c2g_ind *ind, *found = NULL;
	unsigned int i;

	for (i = 0; i < n; i++) {
		ind = c2g_lookup_name(cn, &names[i]);
		if (!ind)
			continue;
		if (ind->action == C2GUARD_ACT_ALLOW) {
			c2g_stat_inc(cn, C2G_STAT_ALLOWED);
			return NULL;
		}
		if (!found) {
			found = ind;
			*which = i;
		}
	}
	return found;
}

/* Is there an allowlist entry for @addr?  Only asked after a match. */
static bool c2g_addr_allowed(struct c2g_net *cn, u8 family, const u8 *addr)
{
	struct c2g_ind *ind = c2g_lookup_addr(cn, family, addr);

	if (!ind || ind->action != C2GUARD_ACT_ALLOW)
		return false;
	c2g_stat_inc(cn, C2G_STAT_ALLOWED);
	return true;
}

/* A query: its names decide.  Returns the verdict; may fill @answer. */
static unsigned int c2g_dns_query(struct c2g_net *cn, struct sk_buff *skb,
				  struct nf_conn *ct, struct c2g_flow *flow,
				  const u8 *msg, size_t len,
				  struct c2g_scratch *sc, size_t *answer,
				  const struct nf_hook_state *state)
{
	const struct c2g_dns_msg *m = &sc->dns;
	struct c2g_why why = { .reason = C2GUARD_REASON_DNS_QUERY };
	struct c2g_ind *ind;
	unsigned int i = 0;
	u8 action;

	c2g_stat_inc(cn, C2G_STAT_DNS_QUERIES);
	ind = c2g_match_names(cn, m->q, m->nq, &i);
	/* The client's allowlisting counts, the resolver's does not. */
	if (!ind || c2g_addr_allowed(cn, flow->family, flow->saddr))
		return NF_ACCEPT;
	why.name = &m->q[i];
	flow->dir = C2GUARD_DIR_TO_IND;
	action = c2g_report(cn, flow, ind, &why);
	if (action == C2GUARD_ACT_REJECT && flow->proto == IPPROTO_UDP) {
		*answer = c2g_dns_build_refusal(msg, len, m,
						READ_ONCE(cn->dns_rcode),
						sc->answer,
						sizeof(sc->answer));
		if (*answer) {
			c2g_stat_inc(cn, C2G_STAT_REJECTED);
			c2g_stat_inc(cn, C2G_STAT_DROPPED);
			return NF_DROP;
		}
		/* No question section to answer with: refuse by ICMP. */
	}
	return c2g_apply(cn, skb, ct, flow, action, state);
}

/*
 * An answer: if a name of its CNAME chain is listed, bind the chain's
 * addresses to it and apply its action to the answer (DROP and REJECT
 * both drop it: there is nobody to reject towards).
 */
static unsigned int c2g_dns_response(struct c2g_net *cn, struct sk_buff *skb,
				     struct nf_conn *ct,
				     const struct c2g_flow *flow,
				     struct c2g_scratch *sc,
				     const struct nf_hook_state *state)
{
	const struct c2g_dns_msg *m = &sc->dns;
	struct c2g_why why = { .reason = C2GUARD_REASON_DNS_ANSWER };
	struct c2g_flow orig;
	struct c2g_ind *ind;
	unsigned int i = 0;
	u8 action;

	c2g_stat_inc(cn, C2G_STAT_DNS_ANSWERS);
	ind = c2g_match_names(cn, m->chain, m->nchain, &i);
	if (!ind || c2g_addr_allowed(cn, flow->family, flow->daddr))
		return NF_ACCEPT;
	why.name = &m->chain[i];
	/* Report it as the query's flow: the same flow, alerted once. */
	c2g_flow_orig(flow, &orig);
	orig.dir = C2GUARD_DIR_TO_IND;
	action = c2g_report(cn, &orig, ind, &why);
	for (i = 0; i < m->naddr; i++)
		c2g_bind(cn, ind, why.name, m->addr[i].family, m->addr[i].addr,
			 m->addr[i].ttl);
	/* Nobody to reject towards: REJECT drops the answer, like DROP. */
	if (action == C2GUARD_ACT_REJECT)
		action = C2GUARD_ACT_DROP;
	return c2g_apply(cn, skb, ct, flow, action, state);
}

static unsigned int c2g_dns(struct c2g_net *cn, struct sk_buff *skb,
			    struct nf_conn *ct, struct c2g_flow *flow,
			    bool reply, const struct nf_hook_state *state)
{
	unsigned int off, len, verdict = NF_ACCEPT;
	struct c2g_scratch *sc;
	size_t mlen, answer = 0;
	const u8 *msg;
	bool complete;
	int start;

	if (!c2g_payload(skb, flow, &off, &len))
		return NF_ACCEPT;

	local_bh_disable();
	sc = this_cpu_ptr(c2g_scratch);
	mlen = min_t(unsigned int, len, sizeof(sc->pkt));
	complete = mlen == len;
	msg = skb_header_pointer(skb, off, mlen, sc->pkt);
	if (!msg)
		goto out;
	if (flow->proto == IPPROTO_TCP) {
		start = c2g_dns_tcp_msg(msg, mlen, &mlen, &complete);
		if (start < 0)
			goto out;
		msg += start;
	}
	if (c2g_dns_parse(msg, mlen, &sc->dns)) {
		c2g_stat_inc(cn, C2G_STAT_DNS_MALFORMED);
		goto out;
	}
	if (!complete || (sc->dns.notes & C2G_DNS_N_TRUNCATED))
		c2g_stat_inc(cn, C2G_STAT_DNS_TRUNCATED);
	if (!(sc->dns.flags & C2G_DNS_QR) && !reply)
		verdict = c2g_dns_query(cn, skb, ct, flow, msg, mlen, sc,
					&answer, state);
	else if ((sc->dns.flags & C2G_DNS_QR) && reply)
		verdict = c2g_dns_response(cn, skb, ct, flow, sc, state);
	/*
	 * The answer leaves through our hooks, related to the query's flow,
	 * so they let it pass without touching the scratch area; by then it
	 * has been copied into its own skb anyway.
	 */
	if (answer)
		c2g_dns_answer(state->net, skb, flow, sc->answer, answer);
out:
	local_bh_enable();
	return verdict;
}

/* The first client payload of a TCP flow: a ClientHello or a request. */
static unsigned int c2g_stream(struct c2g_net *cn, struct sk_buff *skb,
			       struct nf_conn *ct, unsigned long *labels,
			       struct c2g_flow *flow,
			       const struct nf_hook_state *state)
{
	struct c2g_why why = { .reason = C2GUARD_REASON_TLS_SNI };
	unsigned int off, len, n = 0, i = 0, verdict = NF_ACCEPT;
	struct c2g_scratch *sc;
	struct c2g_ind *ind;
	const u8 *p;
	u8 action;

	if (!c2g_payload(skb, flow, &off, &len))
		return NF_ACCEPT;
	clear_bit(C2G_LABEL_INSPECT, labels);

	local_bh_disable();
	sc = this_cpu_ptr(c2g_scratch);
	len = min_t(unsigned int, len, sizeof(sc->pkt));
	p = skb_header_pointer(skb, off, len, sc->pkt);
	if (!p)
		goto out;
	switch (c2g_tls_sni(p, len, &sc->hosts[0])) {
	case C2G_TLS_SNI:
		c2g_stat_inc(cn, C2G_STAT_TLS_SNI);
		n = 1;
		break;
	case C2G_TLS_NO_SNI:
		c2g_stat_inc(cn, C2G_STAT_TLS_NO_SNI);
		goto out;
	case C2G_TLS_PARTIAL:
		c2g_stat_inc(cn, C2G_STAT_TLS_PARTIAL);
		goto out;
	case C2G_TLS_MALFORMED:
		goto out;
	default:
		why.reason = C2GUARD_REASON_HTTP_HOST;
		switch (c2g_http_hosts(p, len, sc->hosts,
				       ARRAY_SIZE(sc->hosts), &n)) {
		case C2G_HTTP_HOST:
			c2g_stat_inc(cn, C2G_STAT_HTTP_HOST);
			break;
		case C2G_HTTP_PARTIAL:
			c2g_stat_inc(cn, C2G_STAT_HTTP_PARTIAL);
			goto out;
		default:
			goto out;
		}
	}
	ind = c2g_match_names(cn, sc->hosts, n, &i);
	if (!ind)
		goto out;
	/* An allowlisted server (or client) wins over the name. */
	if (c2g_addr_allowed(cn, flow->family, flow->daddr) ||
	    c2g_addr_allowed(cn, flow->family, flow->saddr))
		goto out;
	why.name = &sc->hosts[i];
	flow->dir = C2GUARD_DIR_TO_IND;
	action = c2g_report(cn, flow, ind, &why);
	if (action == C2GUARD_ACT_DROP || action == C2GUARD_ACT_REJECT)
		set_bit(C2G_LABEL_DROP, labels);
	local_bh_enable();
	/* Outside the scratch section: a reset goes through our hooks. */
	return c2g_apply(cn, skb, ct, flow, action, state);
out:
	local_bh_enable();
	return verdict;
}

static bool c2g_have_names(struct c2g_net *cn)
{
	return READ_ONCE(cn->count[C2G_K_NAME]) ||
	       READ_ONCE(cn->count[C2G_K_SUFFIX]);
}

/*
 * Every packet of a confirmed flow, in a netns that has had names.  The
 * common case, a packet with nothing to examine, is decided from the
 * conntrack entry alone: a label read and a port compare.
 */
unsigned int c2g_inspect_confirmed(struct c2g_net *cn, struct sk_buff *skb,
				   struct nf_conn *ct,
				   enum ip_conntrack_info ctinfo,
				   unsigned long *labels,
				   const struct nf_hook_state *state)
{
	const struct nf_conntrack_tuple *t;
	struct c2g_flow flow;
	bool reply, dns;

	/*
	 * ICMP errors about the flow, and the resets and DNS answers we send
	 * in its name (nf_ct_attach() makes them related), pass as they are.
	 */
	if (ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY)
		return NF_ACCEPT;
	if (labels && test_bit(C2G_LABEL_DROP, labels)) {
		c2g_stat_inc(cn, C2G_STAT_DROPPED);
		return NF_DROP;
	}
	if (!c2g_have_names(cn))
		return NF_ACCEPT;

	/* The server's side, after any DNAT: as the first packet saw it. */
	t = &ct->tuplehash[IP_CT_DIR_REPLY].tuple;
	if (t->dst.protonum != IPPROTO_TCP && t->dst.protonum != IPPROTO_UDP)
		return NF_ACCEPT;
	reply = CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL;
	dns = t->src.u.all == htons(READ_ONCE(cn->dns_port));
	if (!dns && (reply || !labels || !test_bit(C2G_LABEL_INSPECT, labels)))
		return NF_ACCEPT;

	c2g_flow_parse(skb, state, &flow);
	if (!flow.has_ports || flow.proto != t->dst.protonum)
		return NF_ACCEPT;
	if (dns)
		return c2g_dns(cn, skb, ct, &flow, reply, state);
	return c2g_stream(cn, skb, ct, labels, &flow, state);
}

/*
 * The first packet of a flow (or a packet without conntrack) that no
 * address decided: a DNS query, or the SYN of a TCP flow whose first
 * payload is to be examined.
 */
unsigned int c2g_inspect_first(struct c2g_net *cn, struct sk_buff *skb,
			       struct nf_conn *ct, struct c2g_flow *flow,
			       const struct nf_hook_state *state)
{
	unsigned long *labels;

	if (!c2g_have_names(cn) || !flow->has_ports ||
	    (flow->proto != IPPROTO_TCP && flow->proto != IPPROTO_UDP))
		return NF_ACCEPT;
	if (flow->dport == htons(READ_ONCE(cn->dns_port)))
		return c2g_dns(cn, skb, ct, flow, false, state);
	if (flow->proto != IPPROTO_TCP || !ct)
		return NF_ACCEPT;
	labels = c2g_ct_labels(ct);
	if (labels)
		set_bit(C2G_LABEL_INSPECT, labels);
	else
		c2g_stat_inc(cn, C2G_STAT_NOLABELS);
	return NF_ACCEPT;
}

/*
 * The name a TCP client's first payload addresses (TLS server name, or
 * the first HTTP host), copied into @name; for the beacon channels.
 */
bool c2g_inspect_peek_name(struct sk_buff *skb, const struct c2g_flow *flow,
			   struct c2g_name *name)
{
	unsigned int off, len, n = 0;
	struct c2g_scratch *sc;
	bool found = false;
	const u8 *p;

	if (!c2g_payload(skb, flow, &off, &len))
		return false;
	local_bh_disable();
	sc = this_cpu_ptr(c2g_scratch);
	len = min_t(unsigned int, len, sizeof(sc->pkt));
	p = skb_header_pointer(skb, off, len, sc->pkt);
	if (!p)
		goto out;
	switch (c2g_tls_sni(p, len, &sc->hosts[0])) {
	case C2G_TLS_SNI:
		found = true;
		break;
	case C2G_TLS_NOT_HELLO:
		found = c2g_http_hosts(p, len, sc->hosts,
				       ARRAY_SIZE(sc->hosts), &n) ==
			C2G_HTTP_HOST && n;
		break;
	default:
		break;
	}
	if (found)
		*name = sc->hosts[0];
out:
	local_bh_enable();
	return found;
}
