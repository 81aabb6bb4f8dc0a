/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DNS behaviour stage: dga, nxdomain-burst and fast-flux (dnswatch.c).
 */
#ifndef _C2G_DNSWATCH_H
#define _C2G_DNSWATCH_H

#include <linux/types.h>

struct c2g_net;
struct c2g_flow;
struct c2g_dns_msg;

/*
 * A query @m of the flow's source, an inside host.  Returns the action for
 * it: ALLOW, or the action of a host (name) that alerted.  Under RCU.
 */
u8 c2g_dnsw_query(struct c2g_net *cn, const struct c2g_flow *flow,
		  const struct c2g_dns_msg *m);

/* An answer @m to the flow's destination.  Under RCU. */
void c2g_dnsw_answer(struct c2g_net *cn, const struct c2g_flow *flow,
		     const struct c2g_dns_msg *m);

#endif /* _C2G_DNSWATCH_H */
