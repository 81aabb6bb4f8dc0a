// SPDX-License-Identifier: GPL-2.0
/*
 * The indicator table: IPv4/IPv6 addresses and CIDR prefixes.
 *
 * All indicators of a netns live in one resizable rhashtable keyed by
 * (family, prefix length, masked address).  A lookup probes the table once
 * per prefix length present for the family, longest first, so its cost is
 * bounded by the number of distinct prefix lengths in use (at most 33 for
 * IPv4, 129 for IPv6) and does not grow with the number of indicators; a
 * feed of exact addresses costs a single probe.
 *
 * Lookups run under RCU from the packet path without taking any lock.
 * Every change is serialised by c2g_net.lock; removed indicators are freed
 * after a grace period, so a reader holding one may still use it, and its
 * tag, until it leaves its RCU read-side section.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/socket.h>

#include "c2guard.h"

static unsigned int max_indicators = 1 << 22;
module_param(max_indicators, uint, 0644);
MODULE_PARM_DESC(max_indicators,
		 "Maximum number of indicators per network namespace (default 4194304)");

static struct kmem_cache *c2g_ind_cache;

static const struct rhashtable_params c2g_rht_params = {
	.head_offset = offsetof(struct c2g_ind, node),
	.key_offset = offsetof(struct c2g_ind, key),
	.key_len = sizeof(struct c2g_key),
	.automatic_shrinking = true,
};

#define C2G_GC_INTERVAL	(2 * HZ)
#define C2G_GC_BATCH	1024

unsigned int c2g_addr_len(u8 family)
{
	return family == AF_INET6 ? 16 : 4;
}

static unsigned int c2g_fam_idx(u8 family)
{
	return family == AF_INET6 ? 1 : 0;
}

/* An indicator's expiry is set when it is created and never changes. */
bool c2g_ind_expired(const struct c2g_ind *ind)
{
	return ind->expires && time_after_eq64(get_jiffies_64(), ind->expires);
}

u32 c2g_ind_timeout_left(const struct c2g_ind *ind)
{
	u64 now = get_jiffies_64();

	if (!ind->expires || time_after_eq64(now, ind->expires))
		return 0;
	return min_t(u64, DIV_ROUND_UP_ULL(ind->expires - now, HZ), U32_MAX);
}

struct c2g_ind *c2g_ind_lookup(struct c2g_net *cn, u8 family, const u8 *addr)
{
	const struct c2g_plens *pl;
	struct c2g_key key = { .family = family };
	unsigned int alen = c2g_addr_len(family);
	struct c2g_ind *ind;
	unsigned int i;

	pl = rcu_dereference(cn->plens[c2g_fam_idx(family)]);
	if (!pl)
		return NULL;

	memcpy(key.addr, addr, alen);
	/*
	 * Lengths are sorted longest first, so masking the already masked key
	 * further gives the same result as masking the original address.
	 */
	for (i = 0; i < pl->n; i++) {
		key.plen = pl->len[i];
		c2g_prefix_mask(key.addr, alen, key.plen);
		ind = rhashtable_lookup(&cn->table, &key, c2g_rht_params);
		if (ind && !c2g_ind_expired(ind))
			return ind;
	}
	return NULL;
}

static int c2g_plens_update(struct c2g_net *cn, unsigned int fi)
{
	unsigned int maxlen = fi ? 128 : 32;
	struct c2g_plens *pl, *old;
	int len;

	lockdep_assert_held(&cn->lock);

	pl = kzalloc(sizeof(*pl), GFP_KERNEL);
	if (!pl)
		return -ENOMEM;
	for (len = maxlen; len >= 0; len--)
		if (cn->plen_count[fi][len])
			pl->len[pl->n++] = len;

	old = rcu_dereference_protected(cn->plens[fi],
					lockdep_is_held(&cn->lock));
	rcu_assign_pointer(cn->plens[fi], pl);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static struct c2g_tag *c2g_tag_get(struct c2g_net *cn, const char *name)
{
	struct c2g_tag *tag = cn->last_tag;

	lockdep_assert_held(&cn->lock);

	if (!tag || strcmp(tag->name, name)) {
		tag = NULL;
		list_for_each_entry(tag, &cn->tags, list)
			if (!strcmp(tag->name, name))
				goto found;
		tag = kzalloc(sizeof(*tag), GFP_KERNEL_ACCOUNT);
		if (!tag)
			return NULL;
		strscpy(tag->name, name, sizeof(tag->name));
		list_add(&tag->list, &cn->tags);
	}
found:
	tag->refs++;
	cn->last_tag = tag;
	return tag;
}

static void c2g_tag_put(struct c2g_net *cn, struct c2g_tag *tag)
{
	lockdep_assert_held(&cn->lock);

	if (--tag->refs)
		return;
	if (cn->last_tag == tag)
		cn->last_tag = NULL;
	list_del(&tag->list);
	/* Readers may still hold an indicator that points here. */
	kfree_rcu(tag, rcu);
}

static void c2g_ind_free_rcu(struct rcu_head *head)
{
	kmem_cache_free(c2g_ind_cache, container_of(head, struct c2g_ind, rcu));
}

/* Drop the bookkeeping of an indicator already unhashed; free it later. */
static void c2g_ind_release(struct c2g_net *cn, struct c2g_ind *ind)
{
	lockdep_assert_held(&cn->lock);

	if (ind->expires)
		cn->timed--;
	c2g_tag_put(cn, ind->tag);
	call_rcu(&ind->rcu, c2g_ind_free_rcu);
}

/*
 * Unhash an indicator, fix the counts, free it after a grace period.
 * Returns a bit per family (1 << c2g_fam_idx()) whose set of prefix lengths
 * shrank: the caller rebuilds those lists with c2g_plens_update() once it
 * may sleep.  Until then the old list only costs a probe that cannot hit.
 */
static int c2g_ind_remove(struct c2g_net *cn, struct c2g_ind *ind)
{
	unsigned int fi = c2g_fam_idx(ind->key.family);
	int err;

	lockdep_assert_held(&cn->lock);

	err = rhashtable_remove_fast(&cn->table, &ind->node, c2g_rht_params);
	if (err)
		return err;
	WRITE_ONCE(cn->count[fi], cn->count[fi] - 1);
	c2g_ind_release(cn, ind);
	return --cn->plen_count[fi][ind->key.plen] ? 0 : 1 << fi;
}

static void c2g_plens_shrink(struct c2g_net *cn, unsigned int dirty)
{
	unsigned int fi;

	for (fi = 0; fi < 2; fi++)
		if (dirty & (1 << fi))
			c2g_plens_update(cn, fi);
}

static void c2g_gc_schedule(struct c2g_net *cn)
{
	lockdep_assert_held(&cn->lock);

	if (cn->timed)
		queue_delayed_work(system_power_efficient_wq, &cn->gc_work,
				   C2G_GC_INTERVAL);
}

static void c2g_bump_generation(struct c2g_net *cn)
{
	lockdep_assert_held(&cn->lock);

	WRITE_ONCE(cn->generation, cn->generation + 1);
}

int c2g_ind_add(struct c2g_net *cn, const struct c2g_key *key, u8 action,
		const char *tagname, u32 timeout, bool replace,
		struct netlink_ext_ack *extack)
{
	unsigned int fi = c2g_fam_idx(key->family);
	struct c2g_ind *ind, *old;
	int err;

	lockdep_assert_held(&cn->lock);

	if (cn->count[0] + cn->count[1] >= READ_ONCE(max_indicators) &&
	    !rhashtable_lookup_fast(&cn->table, key, c2g_rht_params)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "indicator table full (module parameter max_indicators)");
		return -ENOSPC;
	}

	ind = kmem_cache_zalloc(c2g_ind_cache, GFP_KERNEL_ACCOUNT);
	if (!ind)
		return -ENOMEM;
	ind->key = *key;
	ind->action = action;
	if (timeout)
		ind->expires = get_jiffies_64() + (u64)timeout * HZ;
	ind->tag = c2g_tag_get(cn, tagname);
	if (!ind->tag) {
		err = -ENOMEM;
		goto err_free;
	}

	old = rhashtable_lookup_get_insert_fast(&cn->table, &ind->node,
						c2g_rht_params);
	if (IS_ERR(old)) {
		err = PTR_ERR(old);
		NL_SET_ERR_MSG_MOD(extack, "cannot insert into indicator table");
		goto err_tag;
	}
	if (old) {
		bool stale = c2g_ind_expired(old);

		if (!replace && !stale) {
			NL_SET_ERR_MSG_MOD(extack, "indicator already exists");
			err = -EEXIST;
			goto err_tag;
		}
		if (!stale)
			atomic64_set(&ind->hits, atomic64_read(&old->hits));
		err = rhashtable_replace_fast(&cn->table, &old->node,
					      &ind->node, c2g_rht_params);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "cannot replace indicator");
			goto err_tag;
		}
		c2g_ind_release(cn, old);
	} else {
		WRITE_ONCE(cn->count[fi], cn->count[fi] + 1);
		if (!cn->plen_count[fi][key->plen]++) {
			err = c2g_plens_update(cn, fi);
			if (err) {
				rhashtable_remove_fast(&cn->table, &ind->node,
						       c2g_rht_params);
				cn->plen_count[fi][key->plen]--;
				WRITE_ONCE(cn->count[fi], cn->count[fi] - 1);
				ind->expires = 0;	/* not counted in timed */
				c2g_ind_release(cn, ind);
				return err;
			}
		}
	}
	if (ind->expires) {
		cn->timed++;
		c2g_gc_schedule(cn);
	}
	c2g_bump_generation(cn);
	return 0;

err_tag:
	c2g_tag_put(cn, ind->tag);
err_free:
	kmem_cache_free(c2g_ind_cache, ind);
	return err;
}

int c2g_ind_del(struct c2g_net *cn, const struct c2g_key *key)
{
	struct c2g_ind *ind;
	bool stale;
	int err;

	lockdep_assert_held(&cn->lock);

	ind = rhashtable_lookup_fast(&cn->table, key, c2g_rht_params);
	if (!ind)
		return -ENOENT;
	stale = c2g_ind_expired(ind);
	err = c2g_ind_remove(cn, ind);
	if (err < 0)
		return err;
	c2g_plens_shrink(cn, err);
	c2g_bump_generation(cn);
	return stale ? -ENOENT : 0;
}

/*
 * One pass over the table removing the indicators @match selects.  The walk
 * leaves its RCU section every C2G_GC_BATCH entries so that a million-entry
 * flush neither stalls RCU nor hogs the CPU.  If the entry the walker stood
 * on was removed meanwhile, the walker resumes by position in its bucket and
 * may skip a neighbour, so callers repeat passes until one removes nothing.
 */
static unsigned int c2g_ind_sweep_pass(struct c2g_net *cn,
				       bool (*match)(const struct c2g_ind *,
						     const void *),
				       const void *arg, unsigned int *dirty)
{
	struct rhashtable_iter iter;
	unsigned int removed = 0, seen = 0;
	struct c2g_ind *ind;
	int ret;

	lockdep_assert_held(&cn->lock);

	rhashtable_walk_enter(&cn->table, &iter);
	rhashtable_walk_start(&iter);
	while ((ind = rhashtable_walk_next(&iter))) {
		if (IS_ERR(ind)) {
			if (PTR_ERR(ind) == -EAGAIN)
				continue;
			break;
		}
		if (match(ind, arg)) {
			/* Dumps running meanwhile must learn of the change. */
			if (!removed)
				c2g_bump_generation(cn);
			ret = c2g_ind_remove(cn, ind);
			if (ret >= 0) {
				*dirty |= ret;
				removed++;
			}
		}
		if (++seen % C2G_GC_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return removed;
}

static unsigned int c2g_ind_sweep(struct c2g_net *cn,
				  bool (*match)(const struct c2g_ind *,
						const void *),
				  const void *arg)
{
	unsigned int n, removed = 0, dirty = 0;

	while ((n = c2g_ind_sweep_pass(cn, match, arg, &dirty)))
		removed += n;
	/* Out of the walk's RCU section: allocating may sleep here. */
	c2g_plens_shrink(cn, dirty);
	if (removed)
		c2g_bump_generation(cn);
	return removed;
}

static bool c2g_match_tag(const struct c2g_ind *ind, const void *tag)
{
	return !tag || !strcmp(ind->tag->name, tag);
}

unsigned int c2g_ind_flush(struct c2g_net *cn, const char *tag)
{
	return c2g_ind_sweep(cn, c2g_match_tag, tag);
}

static bool c2g_match_expired(const struct c2g_ind *ind, const void *arg)
{
	return c2g_ind_expired(ind);
}

static void c2g_gc_work(struct work_struct *work)
{
	struct c2g_net *cn = container_of(to_delayed_work(work),
					  struct c2g_net, gc_work);
	unsigned int n;

	mutex_lock(&cn->lock);
	n = c2g_ind_sweep(cn, c2g_match_expired, NULL);
	atomic64_add(n, &cn->expired);
	c2g_gc_schedule(cn);
	mutex_unlock(&cn->lock);
}

u64 c2g_table_mem(struct c2g_net *cn)
{
	const struct bucket_table *tbl;
	u64 mem;

	lockdep_assert_held(&cn->lock);

	mem = (u64)(cn->count[0] + cn->count[1]) *
	      kmem_cache_size(c2g_ind_cache);
	rcu_read_lock();
	tbl = rht_dereference_rcu(cn->table.tbl, &cn->table);
	mem += (u64)tbl->size * sizeof(tbl->buckets[0]) + sizeof(*tbl);
	rcu_read_unlock();
	return mem;
}

int c2g_table_init(struct c2g_net *cn)
{
	INIT_LIST_HEAD(&cn->tags);
	INIT_DELAYED_WORK(&cn->gc_work, c2g_gc_work);
	return rhashtable_init(&cn->table, &c2g_rht_params);
}

static void c2g_ind_free_now(void *ptr, void *arg)
{
	kmem_cache_free(c2g_ind_cache, ptr);
}

/*
 * Called on netns exit once the hooks are gone (nf_unregister_net_hooks()
 * waited for packets in flight) and no netlink request can reach @cn: no
 * reader is left, so entries are freed at once.
 */
void c2g_table_destroy(struct c2g_net *cn)
{
	struct c2g_tag *tag, *tmp;
	unsigned int fi;

	cancel_delayed_work_sync(&cn->gc_work);
	rhashtable_free_and_destroy(&cn->table, c2g_ind_free_now, NULL);
	list_for_each_entry_safe(tag, tmp, &cn->tags, list) {
		list_del(&tag->list);
		kfree(tag);
	}
	for (fi = 0; fi < 2; fi++)
		kfree(rcu_dereference_protected(cn->plens[fi], true));
}

int __init c2g_ind_cache_init(void)
{
	c2g_ind_cache = KMEM_CACHE(c2g_ind, 0);
	return c2g_ind_cache ? 0 : -ENOMEM;
}

void c2g_ind_cache_exit(void)
{
	kmem_cache_destroy(c2g_ind_cache);
}
