/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The name stage of the packet path: DNS, TLS server names, HTTP hosts.
 */
#ifndef _C2G_NAMES_H
#define _C2G_NAMES_H

struct c2g_net;
struct c2g_pkt;

void c2g_names_init(struct c2g_net *cn);
unsigned int c2g_names_packet(struct c2g_net *cn, struct c2g_pkt *pkt);

#endif /* _C2G_NAMES_H */
