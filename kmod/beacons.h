/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The beacon stage of the packet path: events of flows onto channels.
 */
#ifndef _C2G_BEACONS_H
#define _C2G_BEACONS_H

struct c2g_net;
struct c2g_pkt;

unsigned int c2g_beacons_packet(struct c2g_net *cn, struct c2g_pkt *pkt);

#endif /* _C2G_BEACONS_H */
