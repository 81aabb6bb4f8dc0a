/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the first bytes of a flow give away (wire.c): a payload that is not
 * the protocol of its server port (proto-mismatch), an IRC registration
 * (irc).
 */
#ifndef _C2G_WIRE_H
#define _C2G_WIRE_H

#include <linux/types.h>

struct c2g_net;
struct c2g_flow;

u8 c2g_wire_stream(struct c2g_net *cn, const struct c2g_flow *flow,
		   const u8 *p, size_t len);
u8 c2g_wire_dns(struct c2g_net *cn, const struct c2g_flow *flow,
		const char *seen);

#endif /* _C2G_WIRE_H */
