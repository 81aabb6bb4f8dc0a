/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The requests of the generic netlink family: see netlink.c.
 */
#ifndef _C2G_NETLINK_H
#define _C2G_NETLINK_H

int c2g_genl_init(void);
void c2g_genl_uninit(void);

#endif /* _C2G_NETLINK_H */
