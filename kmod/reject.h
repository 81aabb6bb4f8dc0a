/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Answers c2guard sends in place of a refused packet: see reject.c.
 */
#ifndef _C2G_REJECT_H
#define _C2G_REJECT_H

#include <linux/netfilter.h>
#include <linux/skbuff.h>

#include "pkt.h"

void c2g_reject(struct sk_buff *skb, const struct c2g_flow *f,
		const struct nf_hook_state *state);
void c2g_reset_both(struct sk_buff *skb, const struct c2g_flow *f,
		    const struct nf_hook_state *state);
void c2g_dns_answer(struct net *net, struct sk_buff *oldskb,
		    const struct c2g_flow *f, const u8 *msg, size_t len);

#endif /* _C2G_REJECT_H */
