// SPDX-License-Identifier: GPL-2.0
/*
 * One walk to remove entries from an rhashtable while packets and
 * requests keep using it.
 *
 * The walk leaves its RCU read-side section every C2G_SWEEP_BATCH entries
 * (so a million-entry flush neither stalls RCU nor hogs the CPU) and picks
 * up where it stopped.  That resumption is by position in the bucket: if
 * the entry it stood on was removed meanwhile, it may pass over a live
 * neighbour, and a resize while it was out restarts it.  Passes are
 * therefore repeated until one removes nothing; entries that arrive during
 * the sweep are not waited for.
 */
#include <linux/sched.h>

#include "sweep.h"

#define C2G_SWEEP_BATCH		1024

static unsigned int c2g_sweep_pass(struct rhashtable *ht, c2g_sweep_fn remove,
				   void *arg)
{
	unsigned int removed = 0, seen = 0;
	struct rhashtable_iter iter;
	void *obj;
	int r;

	rhashtable_walk_enter(ht, &iter);
	rhashtable_walk_start(&iter);
	while ((obj = rhashtable_walk_next(&iter))) {
		if (IS_ERR(obj)) {
			if (PTR_ERR(obj) == -EAGAIN)
				continue;
			break;
		}
		r = remove(obj, arg, true);
		if (r == -EAGAIN) {
			rhashtable_walk_stop(&iter);
			r = remove(obj, arg, false);
			rhashtable_walk_start(&iter);
		}
		if (r > 0)
			removed++;
		if (++seen % C2G_SWEEP_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return removed;
}

/*
 * Remove (or change) every entry of @ht that @remove takes out; returns how
 * many it did.  Process context.
 */
unsigned int c2g_sweep(struct rhashtable *ht, c2g_sweep_fn remove, void *arg)
{
	unsigned int n, total = 0;

	while ((n = c2g_sweep_pass(ht, remove, arg)))
		total += n;
	return total;
}
