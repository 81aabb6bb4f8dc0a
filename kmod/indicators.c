// SPDX-License-Identifier: GPL-2.0
/*
 * The indicator table: IPv4/IPv6 addresses and CIDR prefixes, domain names
 * and domain suffixes, and allowlist entries of each kind.
 *
 * All indicators of a netns live in one resizable rhashtable keyed by
 * (type, prefix length, data): the masked address, or the name.  An address
 * lookup probes the table once per prefix length present for the family,
 * longest first, so its cost is bounded by the number of distinct prefix
 * lengths in use (at most 33 for IPv4, 129 for IPv6) and does not grow with
 * the number of indicators; a feed of exact addresses costs a single probe.
 * A name lookup probes once for the exact name and once per suffix on a
 * label boundary whose label count some suffix entry has: at most one probe
 * per label of the name, whatever the number of indicators.
 *
 * Allowlist entries (action ALLOW) sit in the same table.  Whatever else
 * matches, an ALLOW entry matching the same address or name wins, so a
 * lookup that found an indicator goes on probing the shorter prefixes or
 * suffixes for one; a lookup that found nothing costs no more for them.
 *
 * Lookups run under RCU from the packet path without taking any lock.
 * Every change is serialised by c2g_net.lock; removed indicators are freed
 * after a grace period, so a reader holding one may still use it, and its
 * tag, until it leaves its RCU read-side section.
 */
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <net/netlink.h>

#include "addr.h"
#include "indicators.h"
#include "pkt.h"
#include "sweep.h"

static unsigned int max_indicators = 1 << 22;
module_param(max_indicators, uint, 0644);
MODULE_PARM_DESC(max_indicators,
		 "Maximum number of indicators per network namespace (default 4194304)");

static struct kmem_cache *c2g_ind_cache;

static u32 c2g_hash(u8 type, u8 plen, u8 len, const u8 *data, u32 seed)
{
	return jhash(data, len, seed ^ ((u32)type << 16 | (u32)plen << 8 | len));
}

/* Lookups and inserts present a struct c2g_key: see c2g_key_addr(). */
static u32 c2g_key_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_key *key = data;

	return c2g_hash(key->type, key->plen, key->len, key->data, seed);
}

static u32 c2g_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_ind *ind = data;

	return c2g_hash(ind->type, ind->plen, ind->len, ind->data, seed);
}

static int c2g_obj_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct c2g_key *key = arg->key;
	const struct c2g_ind *ind = obj;

	return key->type != ind->type || key->plen != ind->plen ||
	       key->len != ind->len || memcmp(key->data, ind->data, key->len);
}

/*
 * Keys have variable length, so the table never hashes or compares a key
 * inside an object by itself: inserts go through
 * rhashtable_lookup_get_insert_key() with a struct c2g_key, like lookups.
 */
const struct rhashtable_params c2g_rht_params = {
	.head_offset = offsetof(struct c2g_ind, node),
	.hashfn = c2g_key_hashfn,
	.obj_hashfn = c2g_obj_hashfn,
	.obj_cmpfn = c2g_obj_cmpfn,
	.automatic_shrinking = true,
};

#define C2G_GC_INTERVAL	(2 * HZ)

static unsigned int c2g_fam_idx(u8 family)
{
	return family == AF_INET6 ? 1 : 0;
}

/* @addr must have room for 16 bytes; only the family's length is used. */
void c2g_key_addr(struct c2g_key *key, u8 family, const u8 *addr, u8 plen)
{
	key->type = family == AF_INET6 ? C2G_K_V6 : C2G_K_V4;
	key->plen = plen;
	key->len = c2g_addr_len(family);
	key->data = addr;
}

static bool c2g_is_addr(u8 type)
{
	return type == C2G_K_V4 || type == C2G_K_V6;
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

/*
 * Keep the most specific indicator found so far in *@best; return true
 * when @ind decides on its own: an allowlist entry.
 */
static bool c2g_consider(struct c2g_ind *ind, struct c2g_ind **best)
{
	if (!ind || c2g_ind_expired(ind))
		return false;
	if (ind->action == C2GUARD_ACT_ALLOW) {
		*best = ind;
		return true;
	}
	if (!*best)
		*best = ind;
	return false;
}

/*
 * The entry deciding about @addr: an allowlist entry covering it if there
 * is one, else the longest-prefix indicator, else NULL.
 */
struct c2g_ind *c2g_ind_lookup_addr(struct c2g_ind_table *t, u8 family, const u8 *addr)
{
	unsigned int fi = c2g_fam_idx(family), alen = c2g_addr_len(family);
	struct c2g_ind *best = NULL;
	const struct c2g_plens *pl;
	struct c2g_key key;
	u8 buf[16];
	unsigned int i;

	pl = rcu_dereference(t->plens[fi]);
	if (!pl)
		return NULL;

	memcpy(buf, addr, alen);
	c2g_key_addr(&key, family, buf, 0);
	/*
	 * Lengths are sorted longest first, so masking the already masked key
	 * further gives the same result as masking the original address.
	 */
	for (i = 0; i < pl->n; i++) {
		key.plen = pl->len[i];
		c2g_prefix_mask(buf, alen, key.plen);
		if (c2g_consider(rhashtable_lookup(&t->table, &key,
						   c2g_rht_params), &best))
			break;
		if (best && !READ_ONCE(t->allow_count[fi]))
			break;
	}
	return best;
}

static struct c2g_ind *c2g_probe(struct c2g_ind_table *t, u8 type,
				 const char *s, unsigned int len)
{
	struct c2g_key key = {
		.type = type,
		.len = len,
		.data = (const u8 *)s,
	};
	struct c2g_ind *ind;

	ind = rhashtable_lookup(&t->table, &key, c2g_rht_params);
	return ind && !c2g_ind_expired(ind) ? ind : NULL;
}

/*
 * The entry deciding about @name: an allowlist entry matching it (exact, or
 * a suffix of it) if there is one, else the most specific indicator (the
 * exact name, then the longest suffix), else NULL.  Suffixes are probed
 * shortest first, from the end of the name, so a name of any number of
 * labels (a..b.example from the wire has empty ones) is handled without a
 * table of offsets; a longer match replaces a shorter one.
 */
struct c2g_ind *c2g_ind_lookup_name(struct c2g_ind_table *t, const struct c2g_name *name)
{
	struct c2g_ind *best = NULL, *ind;
	unsigned int i, labels = 0;

	if (READ_ONCE(t->count[C2G_K_SUFFIX])) {
		for (i = name->len; i-- > 0;) {
			if (i && name->s[i - 1] != '.')
				continue;
			if (++labels > C2G_LABELS_MAX)
				break;
			if (!test_bit(labels, t->suffix_label_bits))
				continue;
			ind = c2g_probe(t, C2G_K_SUFFIX, name->s + i,
					name->len - i);
			if (!ind)
				continue;
			if (ind->action == C2GUARD_ACT_ALLOW)
				return ind;
			best = ind;
		}
	}
	if (READ_ONCE(t->count[C2G_K_NAME])) {
		ind = c2g_probe(t, C2G_K_NAME, name->s, name->len);
		if (ind)
			best = ind;
	}
	return best;
}

/* Is there an allowlist entry for @addr?  Under RCU. */
bool c2g_ind_allowed_addr(struct c2g_ind_table *t, u8 family, const u8 *addr)
{
	struct c2g_ind *ind = c2g_ind_lookup_addr(t, family, addr);

	return ind && ind->action == C2GUARD_ACT_ALLOW;
}

/* Is there an allowlist entry for @name (or a suffix of it)?  Under RCU. */
bool c2g_ind_allowed_name(struct c2g_ind_table *t, const struct c2g_name *name)
{
	struct c2g_ind *ind = c2g_ind_lookup_name(t, name);

	return ind && ind->action == C2GUARD_ACT_ALLOW;
}

/* Does the table hold names or suffixes? */
bool c2g_ind_have_names(struct c2g_ind_table *t)
{
	return READ_ONCE(t->count[C2G_K_NAME]) ||
	       READ_ONCE(t->count[C2G_K_SUFFIX]);
}

static int c2g_plens_update(struct c2g_ind_table *t, unsigned int fi)
{
	unsigned int maxlen = fi ? 128 : 32;
	struct c2g_plens *pl, *old;
	int len;

	lockdep_assert_held(t->lock);

	pl = kzalloc(sizeof(*pl), GFP_KERNEL);
	if (!pl)
		return -ENOMEM;
	for (len = maxlen; len >= 0; len--)
		if (t->plen_count[fi][len])
			pl->len[pl->n++] = len;

	old = rcu_dereference_protected(t->plens[fi],
					lockdep_is_held(t->lock));
	rcu_assign_pointer(t->plens[fi], pl);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

static struct c2g_tag *c2g_tag_get(struct c2g_ind_table *t, const char *name)
{
	struct c2g_tag *tag = t->last_tag;

	lockdep_assert_held(t->lock);

	if (!tag || strcmp(tag->name, name)) {
		tag = NULL;
		list_for_each_entry(tag, &t->tags, list)
			if (!strcmp(tag->name, name))
				goto found;
		tag = kzalloc(sizeof(*tag), GFP_KERNEL_ACCOUNT);
		if (!tag)
			return NULL;
		strscpy(tag->name, name, sizeof(tag->name));
		list_add(&tag->list, &t->tags);
	}
found:
	tag->refs++;
	t->last_tag = tag;
	return tag;
}

static void c2g_tag_put(struct c2g_ind_table *t, struct c2g_tag *tag)
{
	lockdep_assert_held(t->lock);

	if (--tag->refs)
		return;
	if (t->last_tag == tag)
		t->last_tag = NULL;
	list_del(&tag->list);
	/* Readers may still hold an indicator that points here. */
	kfree_rcu(tag, rcu);
}

/* Address entries come from the cache, names and bound ones from kmalloc. */
static void c2g_ind_free(struct c2g_ind *ind)
{
	if (c2g_is_addr(ind->type) && !(ind->flags & C2G_IND_BOUND))
		kmem_cache_free(c2g_ind_cache, ind);
	else
		kfree(ind);
}

static void c2g_ind_free_rcu(struct rcu_head *head)
{
	c2g_ind_free(container_of(head, struct c2g_ind, rcu));
}

/* Suffix entries by label count: lookups skip the counts nobody uses. */
static void c2g_suffix_labels(struct c2g_ind_table *t, const struct c2g_ind *ind,
			      int delta)
{
	struct c2g_name name;
	unsigned int labels;

	lockdep_assert_held(t->lock);

	memcpy(name.s, ind->data, ind->len + 1);
	name.len = ind->len;
	labels = c2g_name_suffixes(&name, NULL, 0);
	if (WARN_ON_ONCE(labels > C2G_LABELS_MAX))
		return;
	t->suffix_labels[labels] += delta;
	if (t->suffix_labels[labels])
		set_bit(labels, t->suffix_label_bits);
	else
		clear_bit(labels, t->suffix_label_bits);
}

/* Account an entry entering (@delta 1) or leaving (-1) the table. */
static void c2g_ind_count(struct c2g_ind_table *t, const struct c2g_ind *ind,
			  int delta)
{
	unsigned int fi;

	lockdep_assert_held(t->lock);

	WRITE_ONCE(t->count[ind->type], t->count[ind->type] + delta);
	if (ind->type == C2G_K_SUFFIX)
		c2g_suffix_labels(t, ind, delta);
	if (!c2g_is_addr(ind->type)) {
		t->name_bytes += delta * (s64)struct_size(ind, data,
							   ind->len + 1);
		return;
	}
	fi = ind->type == C2G_K_V6;
	if (ind->action == C2GUARD_ACT_ALLOW)
		WRITE_ONCE(t->allow_count[fi], t->allow_count[fi] + delta);
}

/* Drop the bookkeeping of an indicator already unhashed; free it later. */
static void c2g_ind_release(struct c2g_ind_table *t, struct c2g_ind *ind)
{
	lockdep_assert_held(t->lock);

	if (ind->expires)
		t->timed--;
	c2g_tag_put(t, ind->tag);
	call_rcu(&ind->rcu, c2g_ind_free_rcu);
}

/*
 * Unhash an indicator, fix the counts, free it after a grace period.
 * Returns a bit per family (1 << c2g_fam_idx()) whose set of prefix lengths
 * shrank: the caller rebuilds those lists with c2g_plens_update() once it
 * may sleep.  Until then the old list only costs a probe that cannot hit.
 */
static int c2g_ind_remove(struct c2g_ind_table *t, struct c2g_ind *ind)
{
	unsigned int fi = ind->type == C2G_K_V6;
	int err;

	lockdep_assert_held(t->lock);

	err = rhashtable_remove_fast(&t->table, &ind->node, c2g_rht_params);
	if (err)
		return err;
	c2g_ind_count(t, ind, -1);
	if (c2g_is_addr(ind->type) && !--t->plen_count[fi][ind->plen])
		err = 1 << fi;
	c2g_ind_release(t, ind);
	return err;
}

static void c2g_plens_shrink(struct c2g_ind_table *t, unsigned int dirty)
{
	unsigned int fi;

	for (fi = 0; fi < 2; fi++)
		if (dirty & (1 << fi))
			c2g_plens_update(t, fi);
}

static void c2g_gc_schedule(struct c2g_ind_table *t)
{
	lockdep_assert_held(t->lock);

	if (t->timed)
		queue_delayed_work(system_power_efficient_wq, &t->gc_work,
				   C2G_GC_INTERVAL);
}

static void c2g_bump_generation(struct c2g_ind_table *t)
{
	lockdep_assert_held(t->lock);

	WRITE_ONCE(t->generation, t->generation + 1);
}

static struct c2g_ind *c2g_ind_alloc(const struct c2g_key *key)
{
	struct c2g_ind *ind;

	if (c2g_is_addr(key->type)) {
		ind = kmem_cache_zalloc(c2g_ind_cache, GFP_KERNEL_ACCOUNT);
	} else {
		ind = kzalloc(struct_size(ind, data, key->len + 1),
			      GFP_KERNEL_ACCOUNT);
	}
	if (!ind)
		return NULL;
	ind->type = key->type;
	ind->plen = key->plen;
	ind->len = key->len;
	memcpy(ind->data, key->data, key->len);
	return ind;
}

static unsigned int c2g_total(struct c2g_ind_table *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < C2G_K_MAX; i++)
		n += t->count[i];
	return n;
}

int c2g_ind_add(struct c2g_ind_table *t, const struct c2g_key *key, u8 action,
		const char *tagname, u32 timeout, bool replace,
		struct netlink_ext_ack *extack)
{
	unsigned int fi = key->type == C2G_K_V6;
	struct c2g_ind *ind, *old;
	int err;

	lockdep_assert_held(t->lock);

	if (c2g_total(t) >= READ_ONCE(max_indicators) &&
	    !rhashtable_lookup_fast(&t->table, key, c2g_rht_params)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "indicator table full (module parameter max_indicators)");
		return -ENOSPC;
	}

	ind = c2g_ind_alloc(key);
	if (!ind)
		return -ENOMEM;
	ind->action = action;
	if (timeout)
		ind->expires = get_jiffies_64() + (u64)timeout * HZ;
	ind->tag = c2g_tag_get(t, tagname);
	if (!ind->tag) {
		err = -ENOMEM;
		goto err_free;
	}

	old = rhashtable_lookup_get_insert_key(&t->table, key, &ind->node,
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
		err = rhashtable_replace_fast(&t->table, &old->node,
					      &ind->node, c2g_rht_params);
		if (err) {
			NL_SET_ERR_MSG_MOD(extack, "cannot replace indicator");
			goto err_tag;
		}
		c2g_ind_count(t, old, -1);
		c2g_ind_count(t, ind, 1);
		c2g_ind_release(t, old);
	} else {
		c2g_ind_count(t, ind, 1);
		if (c2g_is_addr(key->type) &&
		    !t->plen_count[fi][key->plen]++) {
			err = c2g_plens_update(t, fi);
			if (err) {
				rhashtable_remove_fast(&t->table, &ind->node,
						       c2g_rht_params);
				t->plen_count[fi][key->plen]--;
				c2g_ind_count(t, ind, -1);
				ind->expires = 0;	/* not counted in timed */
				c2g_ind_release(t, ind);
				return err;
			}
		}
	}
	if (ind->expires) {
		t->timed++;
		c2g_gc_schedule(t);
	}
	c2g_bump_generation(t);
	return 0;

err_tag:
	c2g_tag_put(t, ind->tag);
err_free:
	c2g_ind_free(ind);
	return err;
}

int c2g_ind_del(struct c2g_ind_table *t, const struct c2g_key *key)
{
	struct c2g_ind *ind;
	bool stale;
	int err;

	lockdep_assert_held(t->lock);

	ind = rhashtable_lookup_fast(&t->table, key, c2g_rht_params);
	if (!ind)
		return -ENOENT;
	stale = c2g_ind_expired(ind);
	err = c2g_ind_remove(t, ind);
	if (err < 0)
		return err;
	c2g_plens_shrink(t, err);
	c2g_bump_generation(t);
	return stale ? -ENOENT : 0;
}

/* A sweep of the table: which entries go, and what removing them did. */
struct c2g_ind_sweep {
	struct c2g_ind_table *t;
	bool (*match)(const struct c2g_ind *ind, const void *arg);
	const void *arg;
	unsigned int removed;
	unsigned int dirty;		/* see c2g_ind_remove() */
};

static bool c2g_ind_sweep_one(void *obj, void *arg)
{
	struct c2g_ind_sweep *sw = arg;
	struct c2g_ind *ind = obj;
	int ret;

	if (!sw->match(ind, sw->arg))
		return false;
	/* Dumps running meanwhile must learn of the change. */
	if (!sw->removed)
		c2g_bump_generation(sw->t);
	ret = c2g_ind_remove(sw->t, ind);
	if (ret < 0)
		return false;
	sw->dirty |= ret;
	sw->removed++;
	return true;
}

/* Remove the indicators @match selects.  Under c2g_net.lock. */
static unsigned int c2g_ind_sweep(struct c2g_ind_table *t,
				  bool (*match)(const struct c2g_ind *,
						const void *),
				  const void *arg)
{
	struct c2g_ind_sweep sw = { .t = t, .match = match, .arg = arg };

	lockdep_assert_held(t->lock);

	c2g_sweep(&t->table, c2g_ind_sweep_one, &sw);
	/* Out of the walk's RCU section: allocating may sleep here. */
	c2g_plens_shrink(t, sw.dirty);
	if (sw.removed)
		c2g_bump_generation(t);
	return sw.removed;
}

static bool c2g_match_tag(const struct c2g_ind *ind, const void *tag)
{
	return !tag || !strcmp(ind->tag->name, tag);
}

unsigned int c2g_ind_flush(struct c2g_ind_table *t, const char *tag)
{
	return c2g_ind_sweep(t, c2g_match_tag, tag);
}

static bool c2g_match_expired(const struct c2g_ind *ind, const void *arg)
{
	return c2g_ind_expired(ind);
}

static void c2g_gc_work(struct work_struct *work)
{
	struct c2g_ind_table *t = container_of(to_delayed_work(work),
					       struct c2g_ind_table, gc_work);
	unsigned int n;

	mutex_lock(t->lock);
	n = t->timed ? c2g_ind_sweep(t, c2g_match_expired, NULL) : 0;
	atomic64_add(n, &t->expired);
	c2g_gc_schedule(t);
	mutex_unlock(t->lock);
}

/* Start a walk of the table, for a dump. */
void c2g_ind_walk_enter(struct c2g_ind_table *t, struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&t->table, iter);
}

u64 c2g_ind_mem(struct c2g_ind_table *t)
{
	const struct bucket_table *tbl;
	u64 mem;

	lockdep_assert_held(t->lock);

	mem = (u64)(t->count[C2G_K_V4] + t->count[C2G_K_V6]) *
	      kmem_cache_size(c2g_ind_cache);
	mem += t->name_bytes;
	rcu_read_lock();
	tbl = rht_dereference_rcu(t->table.tbl, &t->table);
	mem += (u64)tbl->size * sizeof(tbl->buckets[0]) + sizeof(*tbl);
	rcu_read_unlock();
	return mem;
}

int c2g_ind_init(struct c2g_ind_table *t, struct mutex *lock)
{
	t->lock = lock;
	INIT_LIST_HEAD(&t->tags);
	INIT_DELAYED_WORK(&t->gc_work, c2g_gc_work);
	atomic64_set(&t->expired, 0);
	return rhashtable_init(&t->table, &c2g_rht_params);
}

static void c2g_ind_free_now(void *ptr, void *arg)
{
	c2g_ind_free(ptr);
}

/*
 * Called on netns exit: the hooks went in pre_exit and the grace period the
 * netns core observes since let the packets in flight finish; no netlink
 * request can reach @t either.  No reader is left, so entries are freed at
 * once.
 */
void c2g_ind_destroy(struct c2g_ind_table *t)
{
	struct c2g_tag *tag, *tmp;
	unsigned int fi;

	cancel_delayed_work_sync(&t->gc_work);
	rhashtable_free_and_destroy(&t->table, c2g_ind_free_now, NULL);
	list_for_each_entry_safe(tag, tmp, &t->tags, list) {
		list_del(&tag->list);
		kfree(tag);
	}
	for (fi = 0; fi < 2; fi++)
		kfree(rcu_dereference_protected(t->plens[fi], true));
}

/* Address entries: the object and its 16-byte address. */
int __init c2g_ind_module_init(void)
{
	c2g_ind_cache = kmem_cache_create("c2g_ind",
					  struct_size_t(struct c2g_ind, data, 16),
					  __alignof__(struct c2g_ind), 0, NULL);
	return c2g_ind_cache ? 0 : -ENOMEM;
}

void c2g_ind_module_exit(void)
{
	kmem_cache_destroy(c2g_ind_cache);
}
