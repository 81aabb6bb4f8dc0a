/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The client Initials of QUIC flows: the server name of the ClientHello
 * they carry, followed over several datagrams when it does not fit in
 * one; see quicflow.c.
 */
#ifndef _C2G_QUICFLOW_H
#define _C2G_QUICFLOW_H

#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <net/netfilter/nf_conntrack_tuple.h>

#include "name.h"
#include "stats.h"

/* ClientHellos being gathered at once, per netns. */
#define C2G_QF_SLOTS		32

struct c2g_qflow;

struct c2g_qflows {
	spinlock_t lock;		/* @count, @slot, and who owns an entry */
	unsigned int count;
	struct c2g_qflow *slot[C2G_QF_SLOTS];
	struct c2g_stats __percpu *stats;
};

enum c2g_qf_res {
	C2G_QF_NONE = 0,	/* not a client Initial, or nothing more to do */
	C2G_QF_SNI,		/* the server name, in the name given */
	C2G_QF_NO_SNI,		/* a whole ClientHello without one */
	/* both: the hello as gathered, in the buffer given */
	C2G_QF_FOLLOW,		/* cut: its next Initial is awaited */
};

void c2g_qflows_init(struct c2g_qflows *q, struct c2g_stats __percpu *stats);
void c2g_qflows_destroy(struct c2g_qflows *q);
bool c2g_qflows_candidate(const struct sk_buff *skb, unsigned int off,
			  unsigned int len);
int c2g_qflows_read(struct c2g_qflows *q,
		    const struct nf_conntrack_tuple *tuple, bool first,
		    const struct sk_buff *skb, unsigned int off,
		    unsigned int len, struct c2g_name *out, u8 *hello,
		    unsigned int *hello_len);

#endif /* _C2G_QUICFLOW_H */
