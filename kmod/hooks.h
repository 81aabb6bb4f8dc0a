/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The netfilter hooks, where the packet path starts, and what they need
 * turned on in a netns: see hooks.c.
 */
#ifndef _C2G_HOOKS_H
#define _C2G_HOOKS_H

struct c2g_net;

int c2g_hooks_enable(struct c2g_net *cn);
int c2g_labels_enable(struct c2g_net *cn);
void c2g_hooks_disable(struct c2g_net *cn);

#endif /* _C2G_HOOKS_H */
