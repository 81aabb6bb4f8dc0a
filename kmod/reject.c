// SPDX-License-Identifier: GPL-2.0
/*
 * Answers c2guard sends in place of a refused packet: a TCP reset or an
 * ICMP/ICMPv6 administratively-prohibited error (through nf_reject), and,
 * for a listed DNS query over UDP, a DNS response in the server's name with
 * the configured rcode, so the client gives up at once instead of retrying
 * into a timeout.
 */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/netfilter/ipv4/nf_reject.h>
#include <net/netfilter/ipv6/nf_reject.h>
#include <net/route.h>
#include <net/tcp.h>
#include <net/xfrm.h>

#include "reject.h"

void c2g_reject(struct sk_buff *skb, const struct c2g_flow *f,
		const struct nf_hook_state *state)
{
	if (f->family == AF_INET) {
		if (f->proto == IPPROTO_TCP)
			nf_send_reset(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach(skb, ICMP_PKT_FILTERED, state->hook);
	} else {
		if (f->proto == IPPROTO_TCP)
			nf_send_reset6(state->net, state->sk, skb, state->hook);
		else
			nf_send_unreach6(state->net, skb, ICMPV6_ADM_PROHIBITED,
					 state->hook);
	}
}

/* The UDP header and payload of the answer, swapping the query's ports. */
static struct udphdr *c2g_put_udp(struct sk_buff *nskb,
				  const struct c2g_flow *f, const u8 *msg,
				  size_t len)
{
	struct udphdr *uh;

	skb_set_transport_header(nskb, nskb->len);
	uh = skb_put(nskb, sizeof(*uh));
	uh->source = f->dport;
	uh->dest = f->sport;
	uh->len = htons(sizeof(*uh) + len);
	uh->check = 0;
	skb_put_data(nskb, msg, len);
	return uh;
}

static void c2g_dns_answer4(struct net *net, struct sk_buff *oldskb,
			    const struct c2g_flow *f, const u8 *msg,
			    size_t len)
{
	struct dst_entry *dst = NULL;
	struct sk_buff *nskb;
	struct udphdr *uh;
	struct iphdr *iph;
	struct flowi fl;
	unsigned int ulen = sizeof(*uh) + len;

	/* Before routing (prerouting) the query has no route yet. */
	if (!skb_dst(oldskb)) {
		memset(&fl, 0, sizeof(fl));
		fl.u.ip4.daddr = ip_hdr(oldskb)->saddr;
		nf_ip_route(net, &dst, &fl, false);
		if (!dst)
			return;
		skb_dst_set(oldskb, dst);
	}
	if (skb_rtable(oldskb)->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST))
		return;

	nskb = alloc_skb(LL_MAX_HEADER + sizeof(*iph) + ulen, GFP_ATOMIC);
	if (!nskb)
		return;
	skb_dst_set_noref(nskb, skb_dst(oldskb));
	nskb->mark = IP4_REPLY_MARK(net, oldskb->mark);
	skb_reserve(nskb, LL_MAX_HEADER);
	iph = nf_reject_iphdr_put(nskb, oldskb, IPPROTO_UDP,
				  ip4_dst_hoplimit(skb_dst(nskb)));
	uh = c2g_put_udp(nskb, f, msg, len);
	uh->check = csum_tcpudp_magic(iph->saddr, iph->daddr, ulen,
				      IPPROTO_UDP, csum_partial(uh, ulen, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
	nskb->ip_summed = CHECKSUM_NONE;

	if (ip_route_me_harder(net, nskb->sk, nskb, RTN_UNSPEC) ||
	    nskb->len > dst_mtu(skb_dst(nskb))) {
		kfree_skb(nskb);
		return;
	}
	nf_ct_attach(nskb, oldskb);
	ip_local_out(net, nskb->sk, nskb);
}

static void c2g_dns_answer6(struct net *net, struct sk_buff *oldskb,
			    const struct c2g_flow *f, const u8 *msg,
			    size_t len)
{
	const struct ipv6hdr *oip6h = ipv6_hdr(oldskb);
	unsigned int ulen = sizeof(struct udphdr) + len;
	struct dst_entry *dst = NULL;
	struct ipv6hdr *ip6h;
	struct sk_buff *nskb;
	struct udphdr *uh;
	struct flowi6 fl6;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_UDP;
	fl6.saddr = oip6h->daddr;
	fl6.daddr = oip6h->saddr;
	fl6.fl6_sport = f->dport;
	fl6.fl6_dport = f->sport;
	if (!skb_dst(oldskb)) {
		nf_ip6_route(net, &dst, flowi6_to_flowi(&fl6), false);
		if (!dst)
			return;
		skb_dst_set(oldskb, dst);
	}
	fl6.flowi6_oif = l3mdev_master_ifindex(skb_dst(oldskb)->dev);
	fl6.flowi6_mark = IP6_REPLY_MARK(net, oldskb->mark);
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		dst_release(dst);
		return;
	}
	dst = xfrm_lookup(net, dst, flowi6_to_flowi(&fl6), NULL, 0);
	if (IS_ERR(dst))
		return;

	nskb = alloc_skb(LL_MAX_HEADER + sizeof(*ip6h) + ulen +
			 dst->trailer_len, GFP_ATOMIC);
	if (!nskb) {
		dst_release(dst);
		return;
	}
	skb_dst_set(nskb, dst);
	nskb->mark = fl6.flowi6_mark;
	skb_reserve(nskb, LL_MAX_HEADER);
	ip6h = nf_reject_ip6hdr_put(nskb, oldskb, IPPROTO_UDP,
				    ip6_dst_hoplimit(dst));
	uh = c2g_put_udp(nskb, f, msg, len);
	uh->check = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, ulen,
				    IPPROTO_UDP, csum_partial(uh, ulen, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
	nskb->ip_summed = CHECKSUM_NONE;
	if (nskb->len > dst_mtu(skb_dst(nskb))) {
		kfree_skb(nskb);
		return;
	}
	nf_ct_attach(nskb, oldskb);
	ip6_local_out(net, nskb->sk, nskb);
}

/*
 * The TCP header of a reset to the destination of segment @oth, in its
 * name: the segment's ports and sequence number (the receiver's next
 * expected one when nothing is in flight, which RFC 5961 resets on).
 */
static struct tcphdr *c2g_put_peer_rst(struct sk_buff *nskb,
				       const struct tcphdr *oth)
{
	struct tcphdr *th;

	skb_reset_transport_header(nskb);
	th = skb_put_zero(nskb, sizeof(*th));
	th->source = oth->source;
	th->dest = oth->dest;
	th->seq = oth->seq;
	th->doff = sizeof(*th) / 4;
	th->rst = 1;
	return th;
}

/* The segment's TCP header, unless it is a SYN, a reset or a fragment. */
static const struct tcphdr *c2g_peer_rst_of(struct sk_buff *oldskb,
					    unsigned int thoff,
					    struct tcphdr *buf)
{
	const struct tcphdr *oth;

	oth = skb_header_pointer(oldskb, thoff, sizeof(*buf), buf);
	if (!oth || oth->rst || oth->syn)
		return NULL;
	return oth;
}

static void c2g_reset_peer4(struct net *net, struct sk_buff *oldskb)
{
	const struct iphdr *oiph = ip_hdr(oldskb);
	const struct tcphdr *oth;
	struct tcphdr _oth, *th;
	struct sk_buff *nskb;
	struct flowi4 fl4;
	struct iphdr *iph;
	struct rtable *rt;

	if (oiph->frag_off & htons(IP_OFFSET))
		return;
	oth = c2g_peer_rst_of(oldskb, ip_hdrlen(oldskb), &_oth);
	if (!oth)
		return;
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = oiph->daddr;
	fl4.saddr = oiph->saddr;
	fl4.flowi4_proto = IPPROTO_TCP;
	fl4.flowi4_flags = FLOWI_FLAG_ANYSRC;
	fl4.flowi4_mark = oldskb->mark;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return;
	nskb = alloc_skb(LL_MAX_HEADER + sizeof(*iph) + sizeof(*th),
			 GFP_ATOMIC);
	if (!nskb) {
		ip_rt_put(rt);
		return;
	}
	skb_dst_set(nskb, &rt->dst);
	nskb->mark = oldskb->mark;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_reset_network_header(nskb);
	iph = skb_put_zero(nskb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->frag_off = htons(IP_DF);
	iph->ttl = ip4_dst_hoplimit(&rt->dst);
	iph->protocol = IPPROTO_TCP;
	iph->saddr = oiph->saddr;
	iph->daddr = oiph->daddr;
	th = c2g_put_peer_rst(nskb, oth);
	iph->tot_len = htons(nskb->len);
	ip_send_check(iph);
	th->check = tcp_v4_check(sizeof(*th), iph->saddr, iph->daddr,
				 csum_partial(th, sizeof(*th), 0));
	nskb->ip_summed = CHECKSUM_NONE;
	nf_ct_attach(nskb, oldskb);
	ip_local_out(net, NULL, nskb);
}

static void c2g_reset_peer6(struct net *net, struct sk_buff *oldskb,
			    int thoff)
{
	const struct ipv6hdr *oip6h = ipv6_hdr(oldskb);
	const struct tcphdr *oth;
	struct tcphdr _oth, *th;
	struct dst_entry *dst;
	struct ipv6hdr *ip6h;
	struct sk_buff *nskb;
	struct flowi6 fl6;

	if (thoff < 0)
		return;
	oth = c2g_peer_rst_of(oldskb, thoff, &_oth);
	if (!oth)
		return;
	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_TCP;
	fl6.saddr = oip6h->saddr;
	fl6.daddr = oip6h->daddr;
	fl6.flowi6_mark = oldskb->mark;
	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		dst_release(dst);
		return;
	}
	nskb = alloc_skb(LL_MAX_HEADER + sizeof(*ip6h) + sizeof(*th),
			 GFP_ATOMIC);
	if (!nskb) {
		dst_release(dst);
		return;
	}
	skb_dst_set(nskb, dst);
	nskb->mark = oldskb->mark;
	skb_reserve(nskb, LL_MAX_HEADER);
	skb_reset_network_header(nskb);
	ip6h = skb_put_zero(nskb, sizeof(*ip6h));
	ip6_flow_hdr(ip6h, 0, 0);
	ip6h->nexthdr = IPPROTO_TCP;
	ip6h->hop_limit = ip6_dst_hoplimit(dst);
	ip6h->saddr = oip6h->saddr;
	ip6h->daddr = oip6h->daddr;
	th = c2g_put_peer_rst(nskb, oth);
	ip6h->payload_len = htons(sizeof(*th));
	th->check = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, sizeof(*th),
				    IPPROTO_TCP, csum_partial(th, sizeof(*th), 0));
	nskb->ip_summed = CHECKSUM_NONE;
	nf_ct_attach(nskb, oldskb);
	ip6_local_out(net, NULL, nskb);
}

/*
 * A segment of an established TCP session cut in the middle (quarantine):
 * a reset to each end, the sender's as c2g_reject() sends it and one to
 * the destination in the sender's name, so that neither end waits for a
 * peer that is gone.  Softirq or process context; the caller drops @skb.
 */
void c2g_reset_both(struct sk_buff *skb, const struct c2g_flow *f,
		    const struct nf_hook_state *state)
{
	c2g_reject(skb, f, state);
	if (f->family == AF_INET)
		c2g_reset_peer4(state->net, skb);
	else
		c2g_reset_peer6(state->net, skb, f->thoff);
}

/*
 * Answer the UDP DNS query @oldskb (flow @f) with the DNS message @msg of
 * @len bytes, from the server the query was for.  Softirq or process
 * context; the caller drops @oldskb.
 */
void c2g_dns_answer(struct net *net, struct sk_buff *oldskb,
		    const struct c2g_flow *f, const u8 *msg, size_t len)
{
	if (f->family == AF_INET)
		c2g_dns_answer4(net, oldskb, f, msg, len);
	else
		c2g_dns_answer6(net, oldskb, f, msg, len);
}
