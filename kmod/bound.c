// SPDX-License-Identifier: GPL-2.0
/*
 * Addresses bound from DNS answers.
 *
 * When a DNS answer crossing the gateway resolves a listed name, its
 * addresses become temporary indicators carrying the name's action, so the
 * connection that follows is caught even if it never names its server.
 * They are added from the packet path, in softirq, so they cannot share the
 * main table's bookkeeping, which sleeps under c2g_net.lock: they live in a
 * table of their own, exact addresses only, changed under a spinlock
 * (BH-safe), counted against the netns's bind-max, and expired by a GC work
 * of their own.  Each entry has one claim, whose attribute (action and tag,
 * copied from the deciding listing) it holds itself with the name it came
 * from, so it depends on no other object.
 *
 * Lookups run under RCU like the main table's; a replaced or removed entry
 * is freed after a grace period.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/socket.h>

#include "addr.h"
#include "bound.h"
#include "pkt.h"
#include "sweep.h"

#define C2G_BOUND_GC_INTERVAL	(2 * HZ)

static bool c2g_bound_expired(const struct c2g_ind *ind)
{
	return time_after_eq64(get_jiffies_64(), ind->claim[0].expires);
}

/* The entry bound to @addr, unless expired, into *@hit.  Under RCU. */
bool __c2g_bound_lookup(struct c2g_bound *b, u8 family, const u8 *addr,
			struct c2g_hit *hit)
{
	struct c2g_ind *ind;
	struct c2g_key key;

	c2g_key_addr(&key, family, addr, c2g_family_bits(family));
	ind = rhashtable_lookup(&b->table, &key, c2g_rht_params);
	if (!ind || c2g_bound_expired(ind))
		return false;
	c2g_hit_of_ind(hit, ind, &ind->claim[0]);
	return true;
}

/* An entry: its claim, its address, its attribute, its name. */
static size_t c2g_bound_size(size_t namelen)
{
	return struct_size_t(struct c2g_ind, claim, 1) + 16 +
	       sizeof(struct c2g_attr) + namelen + 1;
}

static void c2g_bound_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct c2g_ind, rcu));
}

/*
 * Bind @addr to @name, which matched indicator @by, for @ttl seconds
 * (clamped to the netns's floor and cap).  A binding that exists already is
 * renewed.  Softirq or process context, under RCU: @by is stable.
 */
void c2g_bind(struct c2g_bound *b, const struct c2g_hit *by,
	      const struct c2g_name *name, u8 family, const u8 *addr,
	      u32 ttl)
{
	u32 lo = READ_ONCE(b->ttl_min), hi = READ_ONCE(b->ttl_max);
	struct c2g_ind *ind, *old;
	struct c2g_attr *attr;
	struct c2g_key key;
	int err;

	if (!READ_ONCE(b->max))
		return;
	ind = kzalloc(c2g_bound_size(name->len), GFP_ATOMIC);
	if (!ind)
		goto refused;
	c2g_key_addr(&key, family, addr, c2g_family_bits(family));
	ind->type = key.type;
	ind->plen = key.plen;
	ind->len = key.len;
	ind->flags = C2G_IND_BOUND;
	ind->nclaims = 1;
	attr = c2g_ind_bound_attr(ind);
	attr->action = c2g_hit_action(by);
	strscpy(attr->tag, by->claim->attr->tag, sizeof(attr->tag));
	ind->claim[0].attr = attr;
	ind->claim[0].expires = get_jiffies_64() +
				(u64)clamp(ttl, lo, max(lo, hi)) * HZ;
	memcpy(c2g_ind_data(ind), addr, key.len);
	memcpy((char *)c2g_ind_bound_name(ind), name->s, name->len + 1);
	key.data = c2g_ind_data(ind);

	spin_lock_bh(&b->lock);
	old = rhashtable_lookup(&b->table, &key, c2g_rht_params);
	if (old) {
		atomic64_set(&ind->hits, atomic64_read(&old->hits));
		err = rhashtable_replace_fast(&b->table, &old->node,
					      &ind->node, c2g_rht_params);
		if (!err)
			call_rcu(&old->rcu, c2g_bound_free_rcu);
	} else if (b->count >= READ_ONCE(b->max)) {
		err = -ENOSPC;
	} else {
		err = rhashtable_lookup_insert_key(&b->table, &key,
						   &ind->node, c2g_rht_params);
		if (!err)
			WRITE_ONCE(b->count, b->count + 1);
	}
	spin_unlock_bh(&b->lock);
	if (err) {
		kfree(ind);
		goto refused;
	}
	c2g_stats_inc(b->stats, C2G_STAT_BIND_ADDED);
	if (!delayed_work_pending(&b->gc_work))
		queue_delayed_work(system_power_efficient_wq, &b->gc_work,
				   C2G_BOUND_GC_INTERVAL);
	return;

refused:
	c2g_stats_inc(b->stats, C2G_STAT_BIND_REFUSED);
}

static int c2g_bound_remove(struct c2g_bound *b, struct c2g_ind *ind)
{
	int err;

	spin_lock_bh(&b->lock);
	err = rhashtable_remove_fast(&b->table, &ind->node, c2g_rht_params);
	if (!err)
		WRITE_ONCE(b->count, b->count - 1);
	spin_unlock_bh(&b->lock);
	if (!err)
		call_rcu(&ind->rcu, c2g_bound_free_rcu);
	return err;
}

/* Process context.  -ENOENT if @key is not bound. */
int c2g_bound_del(struct c2g_bound *b, const struct c2g_key *key)
{
	struct c2g_ind *ind;
	int err = -ENOENT;

	rcu_read_lock();
	ind = rhashtable_lookup(&b->table, key, c2g_rht_params);
	if (ind && !c2g_bound_expired(ind))
		err = c2g_bound_remove(b, ind);
	rcu_read_unlock();
	return err;
}

struct c2g_bound_sweep {
	struct c2g_bound *b;
	const char *tag;		/* flush: NULL for all */
	bool expired;			/* GC: the expired ones */
};

/* Bindings keep arriving during a sweep; those are not waited for. */
static int c2g_bound_sweep_one(void *obj, void *arg, bool atomic)
{
	const struct c2g_bound_sweep *sw = arg;
	struct c2g_ind *ind = obj;

	if (sw->expired ? !c2g_bound_expired(ind) :
	    sw->tag && strcmp(c2g_ind_bound_attr(ind)->tag, sw->tag))
		return 0;
	return !c2g_bound_remove(sw->b, ind);
}

/* Process context.  Bound addresses carrying @tag (NULL: all) go. */
unsigned int c2g_bound_flush(struct c2g_bound *b, const char *tag)
{
	struct c2g_bound_sweep sw = { .b = b, .tag = tag };

	if (!READ_ONCE(b->count))
		return 0;
	return c2g_sweep(&b->table, c2g_bound_sweep_one, &sw);
}

static void c2g_bound_gc(struct work_struct *work)
{
	struct c2g_bound *b = container_of(to_delayed_work(work),
					   struct c2g_bound, gc_work);
	struct c2g_bound_sweep sw = { .b = b, .expired = true };
	unsigned int n;

	n = c2g_sweep(&b->table, c2g_bound_sweep_one, &sw);
	atomic64_add(n, &b->expired);
	if (READ_ONCE(b->count))
		queue_delayed_work(system_power_efficient_wq,
				   &b->gc_work, C2G_BOUND_GC_INTERVAL);
}

/* Start a walk of the table, for a dump. */
void c2g_bound_walk_enter(struct c2g_bound *b, struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&b->table, iter);
}

u64 c2g_bound_mem(struct c2g_bound *b)
{
	const struct bucket_table *tbl;
	u64 mem;

	mem = (u64)READ_ONCE(b->count) * c2g_bound_size(64);
	rcu_read_lock();
	tbl = rht_dereference_rcu(b->table.tbl, &b->table);
	mem += (u64)tbl->size * sizeof(tbl->buckets[0]) + sizeof(*tbl);
	rcu_read_unlock();
	return mem;
}

int c2g_bound_init(struct c2g_bound *b, struct c2g_stats __percpu *stats)
{
	b->stats = stats;
	spin_lock_init(&b->lock);
	INIT_DELAYED_WORK(&b->gc_work, c2g_bound_gc);
	atomic64_set(&b->expired, 0);
	b->ttl_min = C2GUARD_DEFAULT_BIND_TTL_MIN;
	b->ttl_max = C2GUARD_DEFAULT_BIND_TTL_MAX;
	b->max = C2GUARD_DEFAULT_BIND_MAX;
	return rhashtable_init(&b->table, &c2g_rht_params);
}

static void c2g_bound_free_now(void *ptr, void *arg)
{
	kfree(ptr);
}

/* Netns exit, no reader left: see c2g_ind_destroy(). */
void c2g_bound_destroy(struct c2g_bound *b)
{
	cancel_delayed_work_sync(&b->gc_work);
	rhashtable_free_and_destroy(&b->table, c2g_bound_free_now, NULL);
}
