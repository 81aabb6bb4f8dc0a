/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verdicts: what the stages hand a match to.  It is counted and alerted
 * once per flow and indicator, and its action applied to the packet.
 */
#ifndef _C2G_VERDICT_H
#define _C2G_VERDICT_H

#include <linux/siphash.h>
#include <linux/types.h>

#include "pkt.h"

struct c2g_net;
struct c2g_ind;

/*
 * @mark: the conntrack mark of C2GUARD_ACT_MARK, (value << 32) | mask;
 *	written under c2g_net.lock, READ_ONCE on read.
 * @memo: recently reported (flow, indicator) pairs, C2G_MEMO_SLOTS of
 *	them, each a fingerprint and a time: see verdict.c.
 */
struct c2g_verdicts {
	u64 mark;
	siphash_key_t memo_key;
	atomic64_t *memo;
};

int c2g_verdicts_init(struct c2g_net *cn);
void c2g_verdicts_destroy(struct c2g_net *cn);
u8 c2g_verdict_report(struct c2g_net *cn, const struct c2g_flow *flow,
		      struct c2g_ind *ind, const struct c2g_why *why);
unsigned int c2g_verdict_apply(struct c2g_net *cn, struct c2g_pkt *pkt,
			       u8 action);

#endif /* _C2G_VERDICT_H */
