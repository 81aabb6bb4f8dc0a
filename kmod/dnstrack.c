// SPDX-License-Identifier: GPL-2.0
/*
 * DNS behaviour tracking: the tables dnswatch.c keeps the evidence of the
 * dga, nxdomain-burst and fast-flux detectors in, their bounds and their
 * settings.  dnsbeh.c judges the evidence.
 *
 * Entries and their lifetime
 * --------------------------
 * An inside host's entry (struct c2g_dt_ent, its state a struct
 * c2g_dnsb_host) and a name's entry (a struct c2g_dnsb_name) are found
 * under RCU in their table.  The key never changes; the state changes
 * under the entry's spinlock, so messages of different hosts never
 * contend.  Creation, eviction and removal happen under c2g_dtrack.lock;
 * a removed entry is marked dead under both locks and freed after a grace
 * period, so a message that found it just before may still update it
 * harmlessly.
 *
 * Bounds: each table holds at most its maximum (dns-hosts-max,
 * dns-names-max).  A new entry past it evicts: among the oldest few
 * entries, the one whose last message is oldest, the others scanned move
 * to the back (a second chance).  One host is one entry, so a host asking
 * many names cannot push other hosts out; names are what a flood of
 * distinct answers could churn, and only answers that may be fast-flux (at
 * least two addresses, a short TTL) make a name's entry.  Entries whose
 * windows ended and whose hold-down is over are freed by a per-netns
 * delayed work, walking the tables in batches (sweep.c).
 */
#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include "channel.h"
#include "dnstrack.h"
#include "sweep.h"

#define C2G_DT_EVICT_SCAN	8
#define C2G_DT_EVICT_PER_NEW	2
#define C2G_DT_TRIM_BATCH	1024
#define C2G_DT_HOST_KEY		17	/* family, 16-byte address */

struct c2g_dt_key {
	const u8 *p;
	unsigned int len;
};

static u32 c2g_dt_key_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_dt_key *k = data;

	return jhash(k->p, k->len, seed);
}

static u32 c2g_dt_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_dt_ent *e = data;

	return jhash(e->key, e->klen, seed);
}

static int c2g_dt_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct c2g_dt_key *k = arg->key;
	const struct c2g_dt_ent *e = obj;

	return k->len != e->klen || memcmp(k->p, e->key, k->len);
}

static const struct rhashtable_params c2g_dt_params = {
	.head_offset = offsetof(struct c2g_dt_ent, node),
	.hashfn = c2g_dt_key_hashfn,
	.obj_hashfn = c2g_dt_obj_hashfn,
	.obj_cmpfn = c2g_dt_cmpfn,
	.automatic_shrinking = true,
};

static size_t c2g_dt_size(const struct c2g_dt_ent *e)
{
	return sizeof(*e) + e->klen;
}

static void c2g_dt_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct c2g_dt_ent, rcu));
}

static void c2g_dt_unlink(struct c2g_dtrack *t, struct c2g_dt_tab *tab,
			  struct c2g_dt_ent *e)
{
	lockdep_assert_held(&t->lock);

	spin_lock(&e->lock);
	e->dead = true;
	spin_unlock(&e->lock);
	rhashtable_remove_fast(&tab->ht, &e->node, c2g_dt_params);
	list_del(&e->list);
	tab->bytes -= c2g_dt_size(e);
	WRITE_ONCE(tab->count, tab->count - 1);
	call_rcu(&e->rcu, c2g_dt_free_rcu);
}

/* Make room: the entry idle longest among the oldest few goes. */
static bool c2g_dt_evict(struct c2g_dtrack *t, struct c2g_dt_tab *tab)
{
	struct c2g_dt_ent *e, *tmp, *victim = NULL;
	unsigned int scanned = 0;
	LIST_HEAD(again);

	lockdep_assert_held(&t->lock);

	if (list_empty(&tab->list))
		return false;
	list_for_each_entry_safe(e, tmp, &tab->list, list) {
		if (scanned++ == C2G_DT_EVICT_SCAN)
			break;
		if (!victim ||
		    READ_ONCE(e->seen_ms) < READ_ONCE(victim->seen_ms)) {
			if (victim)
				list_move_tail(&victim->list, &again);
			victim = e;
		} else {
			list_move_tail(&e->list, &again);
		}
	}
	list_splice_tail(&again, &tab->list);
	c2g_dt_unlink(t, tab, victim);
	c2g_stats_inc(t->stats, C2G_STAT_DNS_EVICTED);
	return true;
}

static struct c2g_dt_ent *c2g_dt_get(struct c2g_dtrack *t,
				     struct c2g_dt_tab *tab, const u8 *key,
				     unsigned int klen, u32 max, bool create,
				     u64 now)
{
	struct c2g_dt_key k = { .p = key, .len = klen };
	struct c2g_dt_ent *e, *old;
	unsigned int i;

	e = rhashtable_lookup_fast(&tab->ht, &k, c2g_dt_params);
	if (e || !create || !max)
		return e;
	e = kzalloc(sizeof(*e) + klen, GFP_ATOMIC | __GFP_NOWARN);
	if (!e)
		return NULL;
	spin_lock_init(&e->lock);
	e->klen = klen;
	e->seen_ms = now;
	memcpy(e->key, key, klen);

	spin_lock_bh(&t->lock);
	/* Turned off meanwhile: the flush may have run already. */
	if (!READ_ONCE(t->on))
		goto fail;
	/* A lowered maximum is trimmed by c2g_dtrack_configure(). */
	for (i = 0; tab->count >= max; i++)
		if (i == C2G_DT_EVICT_PER_NEW || !c2g_dt_evict(t, tab))
			goto fail;
	k.p = e->key;
	old = rhashtable_lookup_get_insert_key(&tab->ht, &k, &e->node,
					       c2g_dt_params);
	if (old) {
		/* Made by another CPU meanwhile (or no room in the table). */
		spin_unlock_bh(&t->lock);
		kfree(e);
		return IS_ERR(old) ? NULL : old;
	}
	list_add_tail(&e->list, &tab->list);
	tab->bytes += c2g_dt_size(e);
	WRITE_ONCE(tab->count, tab->count + 1);
	spin_unlock_bh(&t->lock);
	return e;

fail:
	spin_unlock_bh(&t->lock);
	kfree(e);
	return NULL;
}

struct c2g_dt_ent *c2g_dtrack_host(struct c2g_dtrack *t,
				   const struct c2g_dnsb_cfg *cfg, u8 family,
				   const u8 *addr, bool create, u64 now)
{
	u8 key[C2G_DT_HOST_KEY] = { family };

	memcpy(key + 1, addr, family == C2G_AF_INET ? 4 : 16);
	return c2g_dt_get(t, &t->hosts, key, sizeof(key), cfg->hosts_max,
			  create, now);
}

struct c2g_dt_ent *c2g_dtrack_name(struct c2g_dtrack *t,
				   const struct c2g_dnsb_cfg *cfg,
				   const char *s, unsigned int len,
				   bool create, u64 now)
{
	return c2g_dt_get(t, &t->names, (const u8 *)s, len, cfg->names_max,
			  create, now);
}

/* --- sweeps: expiry and flushes ---------------------------------------- */

struct c2g_dt_sweep {
	struct c2g_dtrack *t;
	struct c2g_dt_tab *tab;
	const struct c2g_dnsb_params *p;	/* NULL: remove all */
	bool hosts;
	u64 now;
};

static int c2g_dt_sweep_one(void *obj, void *arg, bool atomic)
{
	const struct c2g_dt_sweep *sw = arg;
	struct c2g_dtrack *t = sw->t;
	struct c2g_dt_ent *e = obj;
	bool gone = true;

	spin_lock_bh(&t->lock);
	if (e->dead) {
		spin_unlock_bh(&t->lock);
		return 0;
	}
	if (sw->p) {
		spin_lock(&e->lock);
		if (sw->hosts)
			gone = c2g_dnsb_host_expire(&e->host, sw->p, sw->now);
		else
			gone = c2g_dnsb_name_expire(&e->name, sw->p, sw->now);
		spin_unlock(&e->lock);
	}
	if (gone)
		c2g_dt_unlink(t, sw->tab, e);
	spin_unlock_bh(&t->lock);
	return gone;
}

static unsigned int c2g_dt_sweep(struct c2g_dtrack *t, struct c2g_dt_tab *tab,
				 bool hosts, const struct c2g_dnsb_params *p,
				 u64 now)
{
	struct c2g_dt_sweep sw = {
		.t = t, .tab = tab, .p = p, .hosts = hosts, .now = now,
	};

	if (!READ_ONCE(tab->count))
		return 0;
	return c2g_sweep(&tab->ht, c2g_dt_sweep_one, &sw);
}

unsigned int c2g_dtrack_flush(struct c2g_dtrack *t)
{
	return c2g_dt_sweep(t, &t->hosts, true, NULL, 0) +
	       c2g_dt_sweep(t, &t->names, false, NULL, 0);
}

/* Evict down to @max entries, from process context, a batch at a time. */
static void c2g_dt_trim(struct c2g_dtrack *t, struct c2g_dt_tab *tab, u32 max)
{
	unsigned int i;
	bool more = true;

	while (more) {
		spin_lock_bh(&t->lock);
		for (i = 0; i < C2G_DT_TRIM_BATCH && tab->count > max; i++)
			if (!c2g_dt_evict(t, tab))
				break;
		more = tab->count > max && i == C2G_DT_TRIM_BATCH;
		spin_unlock_bh(&t->lock);
		cond_resched();
	}
}

static unsigned long c2g_dt_gc_interval(const struct c2g_dnsb_params *p)
{
	u32 w = min3(p->dga_window_ms, p->nx_window_ms, p->flux_window_ms);

	return msecs_to_jiffies(clamp_t(u32, w / 4, 1000, 60000));
}

static void c2g_dt_gc(struct work_struct *work)
{
	struct c2g_dtrack *t = container_of(to_delayed_work(work),
					    struct c2g_dtrack, gc_work);
	struct c2g_dnsb_params p;
	u64 now = c2g_now_ms();

	rcu_read_lock();
	p = rcu_dereference(t->cfg)->p;
	rcu_read_unlock();
	c2g_dt_sweep(t, &t->hosts, true, &p, now);
	c2g_dt_sweep(t, &t->names, false, &p, now);
	if (READ_ONCE(t->on))
		queue_delayed_work(system_power_efficient_wq, &t->gc_work,
				   c2g_dt_gc_interval(&p));
}

/* --- configuration ---------------------------------------------------- */

const struct c2g_dnsb_cfg *c2g_dtrack_cfg(struct c2g_dtrack *t)
{
	return rcu_dereference_protected(t->cfg,
					 lockdep_is_held(t->cfg_lock));
}

/*
 * Install @cfg (a new copy, checked by the caller; the caller has enabled
 * the hooks a detector needs).  A table no detector turned on any more is
 * emptied; a lowered maximum evicts at once.  Takes over @cfg.
 */
void c2g_dtrack_configure(struct c2g_dtrack *t, struct c2g_dnsb_cfg *cfg)
{
	const struct c2g_dnsb_cfg *old = c2g_dtrack_cfg(t);
	bool hosts_used = cfg->on & (C2G_DNSB_F_DGA | C2G_DNSB_F_NX);
	bool names_used = cfg->on & C2G_DNSB_F_FLUX;

	lockdep_assert_held(t->cfg_lock);

	rcu_assign_pointer(t->cfg, cfg);
	kfree_rcu((struct c2g_dnsb_cfg *)old, rcu);

	spin_lock_bh(&t->lock);
	WRITE_ONCE(t->on, cfg->on);
	spin_unlock_bh(&t->lock);
	if (!hosts_used)
		c2g_dt_sweep(t, &t->hosts, true, NULL, 0);
	if (!names_used)
		c2g_dt_sweep(t, &t->names, false, NULL, 0);
	c2g_dt_trim(t, &t->hosts, cfg->hosts_max);
	c2g_dt_trim(t, &t->names, cfg->names_max);
	if (cfg->on)
		mod_delayed_work(system_power_efficient_wq, &t->gc_work,
				 c2g_dt_gc_interval(&cfg->p));
}

/* The tables' size, for the status reply. */
void c2g_dtrack_counts(struct c2g_dtrack *t, u32 *hosts, u32 *names,
		       u64 *mem)
{
	spin_lock_bh(&t->lock);
	*hosts = t->hosts.count;
	*names = t->names.count;
	*mem = t->hosts.bytes + t->names.bytes;
	spin_unlock_bh(&t->lock);
	/* Bucket arrays: one pointer per bucket, about 4/3 per entry. */
	*mem += ((u64)*hosts + *names) * 4 / 3 * sizeof(void *);
}

/* --- per netns ---------------------------------------------------------- */

static void c2g_dt_tab_init(struct c2g_dt_tab *tab)
{
	INIT_LIST_HEAD(&tab->list);
	tab->count = 0;
	tab->bytes = 0;
}

int c2g_dtrack_init(struct c2g_dtrack *t, struct mutex *cfg_lock,
		    struct c2g_stats __percpu *stats)
{
	struct c2g_dnsb_cfg *cfg;
	int err;

	t->cfg_lock = cfg_lock;
	t->stats = stats;
	t->on = 0;
	spin_lock_init(&t->lock);
	c2g_dt_tab_init(&t->hosts);
	c2g_dt_tab_init(&t->names);
	INIT_DELAYED_WORK(&t->gc_work, c2g_dt_gc);
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	c2g_dnsb_params_default(&cfg->p);
	cfg->dga_action = C2GUARD_ACT_ALERT;
	cfg->nx_action = C2GUARD_ACT_ALERT;
	cfg->flux_action = C2GUARD_ACT_ALERT;
	cfg->hosts_max = C2GUARD_DEFAULT_DNS_HOSTS_MAX;
	cfg->names_max = C2GUARD_DEFAULT_DNS_NAMES_MAX;
	/* The contract's defaults (uapi/c2guard.yaml); test_dnsbeh checks
	 * that dnsbeh.h's agree.
	 */
	cfg->p.dga_threshold = C2GUARD_DEFAULT_DGA_THRESHOLD;
	cfg->p.dga_names = C2GUARD_DEFAULT_DGA_NAMES;
	cfg->p.dga_window_ms = C2GUARD_DEFAULT_DGA_WINDOW * 1000;
	cfg->p.nx_threshold = C2GUARD_DEFAULT_NXDOMAIN_BURST_THRESHOLD;
	cfg->p.nx_window_ms = C2GUARD_DEFAULT_NXDOMAIN_BURST_WINDOW * 1000;
	cfg->p.flux_threshold = C2GUARD_DEFAULT_FAST_FLUX_THRESHOLD;
	cfg->p.flux_window_ms = C2GUARD_DEFAULT_FAST_FLUX_WINDOW * 1000;
	cfg->p.holddown_ms = C2GUARD_DEFAULT_DNS_HOLDDOWN * 1000;
	RCU_INIT_POINTER(t->cfg, cfg);
	err = rhashtable_init(&t->hosts.ht, &c2g_dt_params);
	if (err)
		goto err_cfg;
	err = rhashtable_init(&t->names.ht, &c2g_dt_params);
	if (err)
		goto err_hosts;
	return 0;

err_hosts:
	rhashtable_destroy(&t->hosts.ht);
err_cfg:
	kfree(cfg);
	return err;
}

static void c2g_dt_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* Netns exit: no packet and no request can reach @t any more. */
void c2g_dtrack_destroy(struct c2g_dtrack *t)
{
	WRITE_ONCE(t->on, 0);
	cancel_delayed_work_sync(&t->gc_work);
	rhashtable_free_and_destroy(&t->hosts.ht, c2g_dt_free, NULL);
	rhashtable_free_and_destroy(&t->names.ht, c2g_dt_free, NULL);
	kfree(rcu_dereference_protected(t->cfg, true));
}
