/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verdicts: what the stages hand a match to.  It is counted and alerted
 * once per flow and indicator, and its action applied to the packet.
 */
#ifndef _C2G_VERDICT_H
#define _C2G_VERDICT_H

#include <linux/types.h>

#include "pkt.h"

struct c2g_net;
struct c2g_hit;
struct c2g_host_note;

int c2g_verdicts_init(struct c2g_net *cn);
void c2g_verdicts_destroy(struct c2g_net *cn);
u8 c2g_verdict_report(struct c2g_net *cn, const struct c2g_flow *flow,
		      const struct c2g_hit *hit, const struct c2g_why *why);
void c2g_verdict_alert(struct c2g_net *cn, const struct c2g_flow *flow,
		       const struct c2g_hit *hit, u8 action,
		       const struct c2g_why *why);
void c2g_verdict_evidence(struct c2g_net *cn, const struct c2g_flow *flow,
			  const struct c2g_host_note *n);
unsigned int c2g_verdict_apply(struct c2g_net *cn, struct c2g_pkt *pkt,
			       u8 action);

#endif /* _C2G_VERDICT_H */
