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
 * Called for each entry with @atomic true, under RCU (the walk's read-side
 * section, so it must not sleep): removes (or changes) the entry if it
 * should, with whatever lock its table takes, and returns 1 if it did,
 * 0 if not.  It may instead return -EAGAIN to be called again for the same
 * entry with @atomic false, out of the read-side section, where it may
 * sleep: only for a table whose entries nobody else removes meanwhile
 * (the caller holds the lock that serialises removals).
 */
typedef int (*c2g_sweep_fn)(void *obj, void *arg, bool atomic);

unsigned int c2g_sweep(struct rhashtable *ht, c2g_sweep_fn remove,
		       void *arg);

#endif /* _C2G_SWEEP_H */
