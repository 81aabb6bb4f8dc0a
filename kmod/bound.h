/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses bound from DNS answers to the listed names they resolve: see
 * bound.c.
 */
#ifndef _C2G_BOUND_H
#define _C2G_BOUND_H

#include <linux/atomic.h>
#include <linux/rhashtable.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "indicators.h"
#include "stats.h"

/*
 * @lock: serialises changes of @table and @count (BH-safe).
 * @count: entries; READ_ONCE on read.
 * @ttl_min, @ttl_max, @max: settings, written under c2g_net.lock,
 *	READ_ONCE on read.
 */
struct c2g_bound {
	struct rhashtable table;
	spinlock_t lock;		/* see above */
	unsigned int count;
	u32 ttl_min;
	u32 ttl_max;
	u32 max;
	struct delayed_work gc_work;
	atomic64_t expired;
	struct c2g_stats __percpu *stats;
};

int c2g_bound_init(struct c2g_bound *b, struct c2g_stats __percpu *stats);
void c2g_bound_destroy(struct c2g_bound *b);
bool __c2g_bound_lookup(struct c2g_bound *b, u8 family, const u8 *addr,
			struct c2g_hit *hit);
void c2g_bind(struct c2g_bound *b, const struct c2g_hit *by,
	      const struct c2g_name *name, u8 family, const u8 *addr,
	      u32 ttl);
int c2g_bound_del(struct c2g_bound *b, const struct c2g_key *key);
unsigned int c2g_bound_flush(struct c2g_bound *b, const char *tag);
void c2g_bound_walk_enter(struct c2g_bound *b, struct rhashtable_iter *iter);
u64 c2g_bound_mem(struct c2g_bound *b);

/*
 * __c2g_bound_lookup(), inline up to the count: every new flow that no
 * indicator matched asks, and most netns bind nothing.
 */
static inline bool c2g_bound_lookup(struct c2g_bound *b, u8 family,
				    const u8 *addr, struct c2g_hit *hit)
{
	if (!READ_ONCE(b->count))
		return false;
	return __c2g_bound_lookup(b, family, addr, hit);
}

#endif /* _C2G_BOUND_H */
