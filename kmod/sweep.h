/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Removing the entries of a resizable hash table that a test selects, in
 * process context, in batches: the one walk the indicator, bound-address
 * and channel tables share.
 */
#ifndef _C2G_SWEEP_H
#define _C2G_SWEEP_H

#include <linux/rhashtable.h>

/*
 * Called for each entry, under RCU (the walk's read-side section, so it
 * must not sleep); removes the entry if it should go, with whatever lock
 * its table takes, and returns true if it did.
 */
typedef bool (*c2g_sweep_fn)(void *obj, void *arg);

unsigned int c2g_sweep(struct rhashtable *ht, c2g_sweep_fn remove,
		       void *arg);

#endif /* _C2G_SWEEP_H */
