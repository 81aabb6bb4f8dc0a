/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packet in hand: what c2g_hook() knows about it and its flow, read
 * from the packet once and handed to every stage, and what a stage found.
 */
#ifndef _C2G_PKT_H
#define _C2G_PKT_H

#include <linux/netfilter.h>
#include <linux/socket.h>
#include <linux/skbuff.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_labels.h>

#include <linux/c2guard.h>

#include "dns.h"
#include "http.h"
#include "name.h"

/*
 * Conntrack label bits c2guard owns, of the 128: a 30-bit clock word for
 * the beacon stage (beacons.c: 28 bits of time and two flags) and two
 * bits for the name stage (names.c).
 * nf_connlabels_get() takes the number of the highest bit used.
 */
#define C2G_LABEL_BITS		128
#define C2G_LABEL_TIME		96	/* bits 96..125: the flow's clock */
#define C2G_LABEL_INSPECT	126	/* examine the next client payload */
#define C2G_LABEL_DROP		127	/* drop every packet of the flow */

/* A packet's addresses and ports, in the direction it travels. */
struct c2g_flow {
	u8 family;
	u8 proto;
	u8 hook;
	bool has_ports;
	__be16 sport;
	__be16 dport;
	int iif;
	int thoff;			/* transport header offset, -1: none */
	u8 saddr[16];
	u8 daddr[16];
	/* LOCAL_OUT: the sending socket (full), valid in the hook; or NULL */
	struct sock *sk;
};

/* What the first client payload of a TCP flow names, if anything. */
enum c2g_stream {
	C2G_STREAM_UNREAD = 0,
	C2G_STREAM_OTHER,		/* no payload, or nothing recognised */
	C2G_STREAM_TLS_SNI,		/* ClientHello with a server name */
	C2G_STREAM_TLS_NO_SNI,
	C2G_STREAM_TLS_PARTIAL,		/* ClientHello cut by the segment */
	C2G_STREAM_TLS_MALFORMED,
	C2G_STREAM_HTTP_HOST,		/* request with at least one host */
	C2G_STREAM_HTTP_PARTIAL,	/* request head cut by the segment */
	C2G_STREAM_QUIC_SNI,		/* UDP: a QUIC ClientHello's name */
};

/*
 * The per-packet context.  The hook fills the first block; the rest is
 * read from the packet on first use, by the c2g_pkt_*() accessors, and
 * kept, so no stage parses what another already did.
 */
struct c2g_pkt {
	struct sk_buff *skb;
	const struct nf_hook_state *state;
	struct nf_conn *ct;		/* NULL: untracked */
	enum ip_conntrack_info ctinfo;
	bool first;			/* untracked, or the flow is new */
	bool exempt;			/* an allowlisted client's new flow */
	unsigned long *labels;		/* @ct's label bits, NULL: none */

	/* Read on demand: see the accessors. */
	bool have_flow;
	bool have_payload;
	u8 stream;			/* enum c2g_stream */
	unsigned int payoff;
	unsigned int paylen;
	struct c2g_flow flow;
	struct c2g_name name;		/* C2G_STREAM_*_SNI, _HTTP_HOST */
};

/*
 * Why a match is reported: enum c2guard_reason, the flow's direction to
 * the indicator (enum c2guard_dir), the name if any, the beacon channel
 * for REASON_BEACON, the evidence for REASON_DGA, _NXDOMAIN_BURST and
 * _FAST_FLUX, the host and its evidence for REASON_HOST_RISK.
 */
struct c2g_chan_view;
struct c2g_dnsb_evidence;
struct c2g_host_view;
struct c2g_fp;
struct c2g_why {
	u8 reason;
	u8 dir;
	const struct c2g_name *name;
	const struct c2g_fp *fp;	/* the ClientHello's JA4/JA3, or NULL */
	const struct c2g_chan_view *beacon;
	const struct c2g_dnsb_evidence *dns;
	const struct c2g_host_view *host;
	const struct c2g_wire_seen *wire;
	const char *url;		/* http-url: what was asked for */
};

/*
 * Per-CPU room to copy a payload into and parse it, used with bottom
 * halves disabled between c2g_scratch_get() and c2g_scratch_put().
 */
#define C2G_SCRATCH_PKT		4096

struct c2g_scratch {
	u8 pkt[C2G_SCRATCH_PKT];
	union {
		struct c2g_dns_msg dns;
		struct c2g_name hosts[C2G_HTTP_MAX_HOSTS];
	};
	unsigned int nhosts;
	u8 answer[512];
	char url[C2GUARD_URL_MAX + 1];	/* an http-url alert's */
};

int c2g_pkt_module_init(void);
void c2g_pkt_module_exit(void);

/* What the hook knows of a packet; the rest is read on demand. */
static inline void c2g_pkt_init(struct c2g_pkt *pkt, struct sk_buff *skb,
				const struct nf_hook_state *state,
				struct nf_conn *ct,
				enum ip_conntrack_info ctinfo, bool labels_on)
{
	struct nf_conn_labels *labels = NULL;

	pkt->skb = skb;
	pkt->state = state;
	pkt->ct = ct;
	pkt->ctinfo = ctinfo;
	pkt->first = !ct || !nf_ct_is_confirmed(ct);
	pkt->exempt = false;
	if (ct && labels_on)
		labels = nf_ct_labels_find(ct);
	pkt->labels = labels ? labels->bits : NULL;
	pkt->have_flow = false;
	pkt->have_payload = false;
	pkt->stream = C2G_STREAM_UNREAD;
}

const struct c2g_flow *c2g_pkt_flow(struct c2g_pkt *pkt);
bool c2g_pkt_payload(struct c2g_pkt *pkt, unsigned int *off,
		     unsigned int *len);
struct c2g_scratch *c2g_scratch_get(void);
void c2g_scratch_put(void);
const u8 *c2g_pkt_read(struct c2g_pkt *pkt, struct c2g_scratch *sc,
		       unsigned int *len, bool *complete);
enum c2g_stream c2g_pkt_stream(struct c2g_pkt *pkt, struct c2g_scratch *sc);
const struct c2g_name *c2g_pkt_server_name(struct c2g_pkt *pkt);
void c2g_flow_swap(const struct c2g_flow *f, struct c2g_flow *o);

/* Bytes of an address of @family. */
static inline unsigned int c2g_addr_len(u8 family)
{
	return family == AF_INET6 ? 16 : 4;
}

/* The reply direction of a flow the hook saw. */
static inline bool c2g_pkt_reply(const struct c2g_pkt *pkt)
{
	return pkt->ct && CTINFO2DIR(pkt->ctinfo) != IP_CT_DIR_ORIGINAL;
}

#endif /* _C2G_PKT_H */
