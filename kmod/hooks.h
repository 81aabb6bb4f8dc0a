/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks, where the packet path starts, and what they need
 * turned on in a netns: see hooks.c.
 */
#ifndef _C2G_HOOKS_H
#define _C2G_HOOKS_H

#include <linux/types.h>

struct c2g_net;

/*
 * @on: hooks registered (and conntrack held); under c2g_net.lock.
 * @labels_on: conntrack labels asked for; set under c2g_net.lock,
 *	READ_ONCE on read.
 */
struct c2g_hooks {
	bool on;
	bool labels_on;
};

int c2g_hooks_enable(struct c2g_net *cn);
int c2g_labels_enable(struct c2g_net *cn);
void c2g_hooks_disable(struct c2g_net *cn);

#endif /* _C2G_HOOKS_H */
