/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The address stage of the packet path: a flow's first packet against the
 * indicator table and the bound addresses.
 */
#ifndef _C2G_MATCH_H
#define _C2G_MATCH_H

struct c2g_net;
struct c2g_pkt;

unsigned int c2g_match_first(struct c2g_net *cn, struct c2g_pkt *pkt);

#endif /* _C2G_MATCH_H */
