// SPDX-License-Identifier: GPL-2.0
/*
 * The packet in hand: its addresses and ports, where its payload starts,
 * and the server name its first client payload carries, each read from
 * the packet at most once, when a stage first asks.
 *
 * Payloads are copied with skb_header_pointer() (so non-linear skbs are
 * fine) into a per-CPU scratch area, used with bottom halves disabled; the
 * parsers (dns.c, tls.c, http.c) never read past the copy.  A stage must
 * put the scratch area back before it lets a packet of its own (a reset, a
 * DNS answer) go through the hooks, which would reuse it on this CPU.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/percpu.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include "pkt.h"
#include "tls.h"

static struct c2g_scratch __percpu *c2g_scratch;

int __init c2g_pkt_module_init(void)
{
	c2g_scratch = alloc_percpu(struct c2g_scratch);
	return c2g_scratch ? 0 : -ENOMEM;
}

void c2g_pkt_module_exit(void)
{
	free_percpu(c2g_scratch);
}

struct c2g_scratch *c2g_scratch_get(void)
{
	local_bh_disable();
	return this_cpu_ptr(c2g_scratch);
}

void c2g_scratch_put(void)
{
	local_bh_enable();
}

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

/* One caller, after the family's header (inlined). */
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

/*
 * The family's header: addresses and protocol into @f.  Returns where the
 * transport header starts, or -1 for none (a fragment past the first).
 */
static int c2g_flow_v4(struct sk_buff *skb, struct c2g_flow *f)
{
	const struct iphdr *iph = ip_hdr(skb);

	f->family = AF_INET;
	f->proto = iph->protocol;
	memcpy(f->saddr, &iph->saddr, sizeof(iph->saddr));
	memcpy(f->daddr, &iph->daddr, sizeof(iph->daddr));
	if (iph->frag_off & htons(IP_OFFSET))
		return -1;
	return skb_network_offset(skb) + iph->ihl * 4;
}

static int c2g_flow_v6(struct sk_buff *skb, struct c2g_flow *f)
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
	if (thoff < 0 || (frag_off & htons(IP6_OFFSET)))
		return -1;
	return thoff;
}

/* The packet's addresses and ports (parsed on first use). */
const struct c2g_flow *c2g_pkt_flow(struct c2g_pkt *pkt)
{
	struct c2g_flow *f = &pkt->flow;
	int thoff;

	if (pkt->have_flow)
		return f;
	/* field by field: a struct clear compiles to a rep stos here */
	f->family = 0;
	f->proto = 0;
	f->has_ports = false;
	f->sport = 0;
	f->dport = 0;
	f->thoff = -1;
	memset(f->saddr, 0, sizeof(f->saddr));
	memset(f->daddr, 0, sizeof(f->daddr));
	f->sk = NULL;
	if (pkt->state->pf == NFPROTO_IPV4)
		thoff = c2g_flow_v4(pkt->skb, f);
	else
		thoff = c2g_flow_v6(pkt->skb, f);
	c2g_flow_ports(pkt->skb, thoff, f);
	f->hook = pkt->state->hook;
	f->iif = pkt->state->in ? pkt->state->in->ifindex : 0;
	if (f->hook == NF_INET_LOCAL_OUT)
		f->sk = skb_to_full_sk(pkt->skb);
	pkt->have_flow = true;
	return f;
}

/* @f seen from the other end: a reply's flow in its original direction. */
void c2g_flow_swap(const struct c2g_flow *f, struct c2g_flow *o)
{
	*o = *f;
	memcpy(o->saddr, f->daddr, sizeof(o->saddr));
	memcpy(o->daddr, f->saddr, sizeof(o->daddr));
	o->sport = f->dport;
	o->dport = f->sport;
	o->sk = NULL;		/* the socket sent @f, not @o */
}

/*
 * Offset and length of the transport payload: after the TCP header and its
 * options, the UDP header, or (other protocols with ports) the port words.
 * False if the packet carries none.
 */
bool c2g_pkt_payload(struct c2g_pkt *pkt, unsigned int *off,
		     unsigned int *len)
{
	const struct c2g_flow *f = c2g_pkt_flow(pkt);
	struct sk_buff *skb = pkt->skb;
	unsigned int hlen = 0;
	const struct tcphdr *th;
	struct tcphdr _th;

	if (!pkt->have_payload) {
		pkt->have_payload = true;
		pkt->payoff = 0;
		pkt->paylen = 0;
		if (f->thoff < 0 || skb->len <= f->thoff)
			goto out;
		if (f->proto == IPPROTO_TCP) {
			th = skb_header_pointer(skb, f->thoff, sizeof(_th),
						&_th);
			if (!th || th->doff < 5)
				goto out;
			hlen = th->doff * 4;
		} else if (f->proto == IPPROTO_UDP ||
			   f->proto == IPPROTO_UDPLITE) {
			hlen = sizeof(struct udphdr);
		}
		if (skb->len > f->thoff + hlen) {
			pkt->payoff = f->thoff + hlen;
			pkt->paylen = skb->len - pkt->payoff;
		}
	}
out:
	*off = pkt->payoff;
	*len = pkt->paylen;
	return pkt->paylen;
}

/*
 * Copy the payload, at most C2G_SCRATCH_PKT bytes of it, into @sc; *@len
 * gets the bytes copied, *@complete whether that is all of it.  NULL if the
 * packet has no payload.
 */
const u8 *c2g_pkt_read(struct c2g_pkt *pkt, struct c2g_scratch *sc,
		       unsigned int *len, bool *complete)
{
	unsigned int off, n;

	if (!c2g_pkt_payload(pkt, &off, &n))
		return NULL;
	*len = min_t(unsigned int, n, sizeof(sc->pkt));
	*complete = *len == n;
	return skb_header_pointer(pkt->skb, off, *len, sc->pkt);
}

static enum c2g_stream c2g_stream_parse(const u8 *p, unsigned int len,
					struct c2g_scratch *sc)
{
	sc->nhosts = 0;
	switch (c2g_tls_sni(p, len, &sc->hosts[0])) {
	case C2G_TLS_SNI:
		sc->nhosts = 1;
		return C2G_STREAM_TLS_SNI;
	case C2G_TLS_NO_SNI:
		return C2G_STREAM_TLS_NO_SNI;
	case C2G_TLS_PARTIAL:
		return C2G_STREAM_TLS_PARTIAL;
	case C2G_TLS_MALFORMED:
		return C2G_STREAM_TLS_MALFORMED;
	default:
		break;
	}
	switch (c2g_http_hosts(p, len, sc->hosts, ARRAY_SIZE(sc->hosts),
			       &sc->nhosts)) {
	case C2G_HTTP_HOST:
		return sc->nhosts ? C2G_STREAM_HTTP_HOST : C2G_STREAM_OTHER;
	case C2G_HTTP_PARTIAL:
		return C2G_STREAM_HTTP_PARTIAL;
	default:
		return C2G_STREAM_OTHER;
	}
}

/*
 * Read the payload as the first a TCP client sends: a TLS ClientHello or
 * an HTTP/1.x request.  Its server names go to @sc->hosts (@sc->nhosts of
 * them), the first also into @pkt->name for later stages.  Once a packet.
 */
enum c2g_stream c2g_pkt_stream(struct c2g_pkt *pkt, struct c2g_scratch *sc)
{
	unsigned int len;
	bool complete;
	const u8 *p;

	if (WARN_ON_ONCE(pkt->stream != C2G_STREAM_UNREAD))
		return C2G_STREAM_OTHER;
	sc->nhosts = 0;
	p = c2g_pkt_read(pkt, sc, &len, &complete);
	pkt->stream = p ? c2g_stream_parse(p, len, sc) : C2G_STREAM_OTHER;
	if (sc->nhosts)
		pkt->name = sc->hosts[0];
	return pkt->stream;
}

/*
 * The server name of a TCP client's first payload (its TLS server name or
 * first HTTP host), or NULL: read now unless a stage already did.
 */
const struct c2g_name *c2g_pkt_server_name(struct c2g_pkt *pkt)
{
	if (pkt->stream == C2G_STREAM_UNREAD) {
		c2g_pkt_stream(pkt, c2g_scratch_get());
		c2g_scratch_put();
	}
	if (pkt->stream == C2G_STREAM_TLS_SNI ||
	    pkt->stream == C2G_STREAM_HTTP_HOST ||
	    pkt->stream == C2G_STREAM_QUIC_SNI)
		return &pkt->name;
	return NULL;
}
