/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The name stage of the packet path: DNS, TLS server names, HTTP hosts.
 */
#ifndef _C2G_NAMES_H
#define _C2G_NAMES_H

#include <linux/netfilter.h>

#include "c2guard.h"

struct c2g_pkt;

/*
 * What the stage looks for in a netns: listed names (in DNS, and in first
 * client payloads), and first client payloads at all (names, JA4s, URLs,
 * the detectors of wire.c).
 */
#define C2G_NM_NAMES	0x1
#define C2G_NM_FIRST	0x2

void c2g_names_init(struct c2g_net *cn);
unsigned int __c2g_names_packet(struct c2g_net *cn, struct c2g_pkt *pkt,
				unsigned int what);

/*
 * Every packet the address stage let pass.  Inline up to whether the netns
 * has names, JA4s, URLs, answer addresses, or a DNS behaviour or wire.c
 * detector on: a netns with addresses alone pays no call per flow.  Under
 * RCU.
 */
static inline unsigned int c2g_names_packet(struct c2g_net *cn,
					    struct c2g_pkt *pkt)
{
	unsigned int what = 0;

	if (c2g_ind_have_names(&cn->ind))
		what = C2G_NM_NAMES | C2G_NM_FIRST;
	if (c2g_ind_have_ja4(&cn->ind) || c2g_ind_have_urls(&cn->ind) ||
	    c2g_wcfg_on(&cn->wire))
		what |= C2G_NM_FIRST;
	if (!what && !READ_ONCE(cn->dtrack.on) &&
	    !c2g_ind_have_answers(&cn->ind))
		return NF_ACCEPT;
	return __c2g_names_packet(cn, pkt, what);
}

#endif /* _C2G_NAMES_H */
