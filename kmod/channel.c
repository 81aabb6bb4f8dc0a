// SPDX-License-Identifier: GPL-2.0
/*
 * Beacon channels: the table beacons.c records events in, its bounds and
 * its settings.  beacon.c scores a channel's history.
 *
 * Channels and their lifetime
 * ---------------------------
 * A channel (struct c2g_chan) is found under RCU in c2g_chans.table.  Its
 * identity is immutable; its history (struct c2g_beacon) changes under its
 * own spinlock, so events of different channels never contend.  Creation,
 * eviction and removal happen under c2g_chans.lock, which also guards the
 * per-source lists; a removed channel is marked dead under both locks and
 * freed after a grace period, so an event that found it just before may
 * still update it harmlessly.
 *
 * Every channel belongs to the source (inside host) that opened it, and a
 * source keeps its channels oldest first.  When BEACON_MAX channels exist,
 * the source holding the most (tracked as "heavy", recomputed when it goes)
 * gives one up: among the first few of its list, the one idle longest, the
 * others scanned move to the back (a second chance).  A host flooding the
 * gateway with new destinations thus evicts its own channels, and another
 * host's beacon keeps its history.  Idle channels are freed by a per-netns
 * delayed work (no timer per channel), walking the table in batches.
 */
#include <linux/jhash.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "addr.h"
#include "channel.h"
#include "pkt.h"
#include "sweep.h"

#define C2G_EVICT_SCAN		8
#define C2G_EVICT_PER_NEW	2
#define C2G_TRIM_BATCH		1024

struct c2g_src_key {
	u8 addr[16];
	u32 family;
};

struct c2g_src {
	struct rhash_head node;
	struct c2g_src_key key;
	struct list_head chans;		/* oldest first, c2g_chans.lock */
	struct list_head list;		/* c2g_chans.sources, lock */
	unsigned int n;			/* channels, c2g_chans.lock */
	struct rcu_head rcu;
};

struct c2g_chan {
	struct rhash_head node;
	struct list_head src_list;	/* in src->chans, c2g_chans.lock */
	struct c2g_src *src;		/* c2g_chans.lock */
	struct rcu_head rcu;
	spinlock_t lock;		/* b, alerts, flagged, near, dead */
	bool dead;
	bool flagged;			/* alerted: beacon-action for new flows */
	bool near;			/* scored just under the threshold */
	u8 type;
	u8 family;
	u8 proto;
	u8 nlen;
	__be16 dport;
	u32 alerts;
	u8 saddr[16];
	u8 daddr[16];
	struct c2g_beacon b;
	char name[];			/* C2G_CH_NAME: nlen bytes and a NUL */
};

static struct kmem_cache *c2g_chan_cache __read_mostly;

static u32 c2g_chan_hash(u8 type, u8 family, u8 proto, __be16 dport,
			 const u8 *saddr, const u8 *daddr, const char *name,
			 unsigned int nlen, u32 seed)
{
	u32 h = jhash_3words(type | family << 8 | proto << 16,
			     (__force u32)dport, 0, seed);

	h = jhash(saddr, 16, h);
	if (type == C2G_CH_NAME)
		return jhash(name, nlen, h);
	return jhash(daddr, 16, h);
}

static u32 c2g_chan_key_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_chan_id *id = data;

	return c2g_chan_hash(id->type, id->family, id->proto, id->dport,
			     id->saddr, id->daddr, id->name, id->nlen, seed);
}

static u32 c2g_chan_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_chan *ch = data;

	return c2g_chan_hash(ch->type, ch->family, ch->proto, ch->dport,
			     ch->saddr, ch->daddr, ch->name, ch->nlen, seed);
}

static int c2g_chan_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct c2g_chan_id *id = arg->key;
	const struct c2g_chan *ch = obj;

	if (id->type != ch->type || id->family != ch->family ||
	    id->proto != ch->proto || id->dport != ch->dport ||
	    memcmp(id->saddr, ch->saddr, 16))
		return 1;
	if (id->type == C2G_CH_NAME)
		return id->nlen != ch->nlen || memcmp(id->name, ch->name,
						      id->nlen);
	return !!memcmp(id->daddr, ch->daddr, 16);
}

static const struct rhashtable_params c2g_chan_params = {
	.head_offset = offsetof(struct c2g_chan, node),
	.hashfn = c2g_chan_key_hashfn,
	.obj_hashfn = c2g_chan_obj_hashfn,
	.obj_cmpfn = c2g_chan_cmpfn,
	.automatic_shrinking = true,
};

static const struct rhashtable_params c2g_src_params = {
	.head_offset = offsetof(struct c2g_src, node),
	.key_offset = offsetof(struct c2g_src, key),
	.key_len = sizeof(struct c2g_src_key),
	.automatic_shrinking = true,
};

/* --- sources --------------------------------------------------------- */

static struct c2g_src *c2g_src_get(struct c2g_chans *c, u8 family,
				   const u8 *addr)
{
	struct c2g_src_key key = { .family = family };
	struct c2g_src *src;

	lockdep_assert_held(&c->lock);

	memcpy(key.addr, addr, 16);
	src = rhashtable_lookup_fast(&c->srcs, &key, c2g_src_params);
	if (src)
		return src;
	src = kzalloc(sizeof(*src), GFP_ATOMIC | __GFP_NOWARN);
	if (!src)
		return NULL;
	src->key = key;
	INIT_LIST_HEAD(&src->chans);
	if (rhashtable_insert_fast(&c->srcs, &src->node, c2g_src_params)) {
		kfree(src);
		return NULL;
	}
	list_add_tail(&src->list, &c->sources);
	c->nsrc++;
	return src;
}

static void c2g_src_put(struct c2g_chans *c, struct c2g_src *src)
{
	lockdep_assert_held(&c->lock);

	if (src->n)
		return;
	rhashtable_remove_fast(&c->srcs, &src->node, c2g_src_params);
	list_del(&src->list);
	if (c->heavy == src)
		c->heavy = NULL;
	c->nsrc--;
	kfree_rcu(src, rcu);
}

/*
 * The source with the most channels.  Exact while it keeps growing (any
 * source passing it takes its place); once it is gone, the best of the next
 * C2G_EVICT_SCAN sources in turn takes over, so that finding it never walks
 * every source (a flood of spoofed sources must not make that O(n)).
 */
static struct c2g_src *c2g_heaviest(struct c2g_chans *c)
{
	struct c2g_src *src, *tmp;
	unsigned int scanned = 0;

	lockdep_assert_held(&c->lock);

	if (c->heavy)
		return c->heavy;
	list_for_each_entry_safe(src, tmp, &c->sources, list) {
		if (scanned++ == C2G_EVICT_SCAN)
			break;
		if (!c->heavy || src->n > c->heavy->n)
			c->heavy = src;
		list_move_tail(&src->list, &c->sources);
	}
	return c->heavy;
}

/* --- channels -------------------------------------------------------- */

static void c2g_chan_free_rcu(struct rcu_head *head)
{
	struct c2g_chan *ch = container_of(head, struct c2g_chan, rcu);

	if (ch->type == C2G_CH_NAME)
		kfree(ch);
	else
		kmem_cache_free(c2g_chan_cache, ch);
}

static size_t c2g_chan_size(const struct c2g_chan *ch)
{
	return ch->type == C2G_CH_NAME ? sizeof(*ch) + ch->nlen + 1 :
					 sizeof(*ch);
}

static void c2g_chan_unlink(struct c2g_chans *c, struct c2g_chan *ch)
{
	struct c2g_src *src = ch->src;
	bool flagged;

	lockdep_assert_held(&c->lock);

	spin_lock(&ch->lock);
	ch->dead = true;
	flagged = ch->flagged;
	spin_unlock(&ch->lock);
	if (flagged)
		atomic_dec(&c->flagged);
	rhashtable_remove_fast(&c->table, &ch->node, c2g_chan_params);
	list_del(&ch->src_list);
	src->n--;
	c->bytes -= c2g_chan_size(ch);
	WRITE_ONCE(c->count, c->count - 1);
	c2g_src_put(c, src);
	call_rcu(&ch->rcu, c2g_chan_free_rcu);
}

/*
 * Make room for a channel of @asking, which already counts it (so it is
 * never freed here): evict from the source with the most channels, or
 * from @asking itself if it has become that source.
 */
static bool c2g_evict(struct c2g_chans *c, struct c2g_src *asking)
{
	struct c2g_chan *ch, *tmp, *victim = NULL;
	struct c2g_src *src = c2g_heaviest(c);
	unsigned int scanned = 0;
	LIST_HEAD(again);

	lockdep_assert_held(&c->lock);

	if (!src || asking->n > src->n)
		src = asking;
	if (list_empty(&src->chans))
		return false;
	list_for_each_entry_safe(ch, tmp, &src->chans, src_list) {
		if (scanned++ == C2G_EVICT_SCAN)
			break;
		if (!victim ||
		    READ_ONCE(ch->b.seen_ms) < READ_ONCE(victim->b.seen_ms)) {
			if (victim)
				list_move_tail(&victim->src_list, &again);
			victim = ch;
		} else {
			list_move_tail(&ch->src_list, &again);
		}
	}
	list_splice_tail(&again, &src->chans);
	c2g_chan_unlink(c, victim);
	c2g_stats_inc(c->stats, C2G_STAT_BEACON_EVICTED);
	return true;
}

static struct c2g_chan *c2g_chan_new(struct c2g_chans *c,
				     const struct c2g_bcfg *cfg,
				     const struct c2g_chan_id *id)
{
	struct c2g_chan *ch, *old;
	struct c2g_src *src;
	unsigned int i;

	if (id->type == C2G_CH_NAME)
		ch = kzalloc(sizeof(*ch) + id->nlen + 1,
			     GFP_ATOMIC | __GFP_NOWARN);
	else
		ch = kmem_cache_zalloc(c2g_chan_cache,
				       GFP_ATOMIC | __GFP_NOWARN);
	if (!ch)
		return NULL;
	spin_lock_init(&ch->lock);
	ch->type = id->type;
	ch->family = id->family;
	ch->proto = id->proto;
	ch->dport = id->dport;
	ch->nlen = id->nlen;
	memcpy(ch->saddr, id->saddr, 16);
	memcpy(ch->daddr, id->daddr, 16);
	if (id->type == C2G_CH_NAME)
		memcpy(ch->name, id->name, id->nlen);

	spin_lock_bh(&c->lock);
	/* Turned off meanwhile: the flush may have run already. */
	if (!READ_ONCE(c->on))
		goto fail;
	src = c2g_src_get(c, id->family, id->saddr);
	if (!src)
		goto fail;
	src->n++;			/* reserved: see c2g_evict() */
	/* A lowered maximum is trimmed by c2g_chan_configure(). */
	for (i = 0; c->count >= cfg->max; i++)
		if (i == C2G_EVICT_PER_NEW || !c2g_evict(c, src))
			goto fail_src;
	old = rhashtable_lookup_get_insert_key(&c->table, id, &ch->node,
					       c2g_chan_params);
	if (old) {
		/* Made by another CPU meanwhile (or no room in the table). */
		src->n--;
		c2g_src_put(c, src);
		spin_unlock_bh(&c->lock);
		c2g_chan_free_rcu(&ch->rcu);
		return IS_ERR(old) ? NULL : old;
	}
	ch->src = src;
	list_add_tail(&ch->src_list, &src->chans);
	if (!c->heavy || src->n > c->heavy->n)
		c->heavy = src;
	c->bytes += c2g_chan_size(ch);
	WRITE_ONCE(c->count, c->count + 1);
	spin_unlock_bh(&c->lock);
	return ch;

fail_src:
	src->n--;
	c2g_src_put(c, src);
fail:
	spin_unlock_bh(&c->lock);
	c2g_chan_free_rcu(&ch->rcu);
	return NULL;
}

static void c2g_chan_snapshot(const struct c2g_chan *ch,
			      const struct c2g_bcfg *cfg, u64 now,
			      struct c2g_chan_view *v)
{
	lockdep_assert_held(&ch->lock);

	v->id.type = ch->type;
	v->id.family = ch->family;
	v->id.proto = ch->proto;
	v->id.nlen = ch->nlen;
	v->id.dport = ch->dport;
	memcpy(v->id.saddr, ch->saddr, sizeof(v->id.saddr));
	memcpy(v->id.daddr, ch->daddr, sizeof(v->id.daddr));
	v->id.name = ch->type == C2G_CH_NAME ? ch->name : NULL;
	c2g_beacon_score(&ch->b, &cfg->p, &v->s);
	v->age_ms = now - min(now, ch->b.first_ms);
	v->idle_ms = now - min(now, ch->b.seen_ms);
	v->alerts = ch->alerts;
}

/* Is @proto/@dport on the allowlist of ports not timed? */
bool c2g_chan_port_allowed(const struct c2g_bcfg *cfg, u8 proto,
			   __be16 dport)
{
	unsigned int i;
	u32 e;

	for (i = 0; i < cfg->nports; i++) {
		e = cfg->ports[i];
		if ((e & 0xffff) == ntohs(dport) &&
		    (!(e >> 16) || (e >> 16) == proto))
			return true;
	}
	return false;
}

/*
 * Record an event on the channel @id.  Returns C2G_CHAN_ALERT if it earned
 * an alert, C2G_CHAN_NEAR if it scored within C2GUARD_BEACON_NEAR points
 * under the threshold for the first time (evidence about its host), with
 * @v filled in either way; else C2G_CHAN_QUIET.  @chp gets the channel
 * (valid under RCU).
 */
enum c2g_chan_ev c2g_chan_event(struct c2g_chans *c,
				const struct c2g_bcfg *cfg,
				const struct c2g_chan_id *id, u64 now,
				unsigned int size, struct c2g_chan_view *v,
				struct c2g_chan **chp)
{
	enum c2g_chan_ev ret = C2G_CHAN_QUIET;
	struct c2g_chan *ch;
	int ev;

	ch = rhashtable_lookup(&c->table, id, c2g_chan_params);
	if (!ch)
		ch = c2g_chan_new(c, cfg, id);
	*chp = ch;
	if (!ch) {
		c2g_stats_inc(c->stats, C2G_STAT_BEACON_REFUSED);
		return C2G_CHAN_QUIET;
	}
	c2g_stats_inc(c->stats, C2G_STAT_BEACON_EVENTS);
	spin_lock_bh(&ch->lock);
	if (ch->dead)
		goto out;
	ev = c2g_beacon_event(&ch->b, &cfg->p, now, size);
	/* Scoring is the expensive part (four sorts): only when it can alert. */
	if (ev != C2G_BEACON_EV_GAP || c2g_beacon_holding(&ch->b, &cfg->p, now))
		goto out;
	c2g_chan_snapshot(ch, cfg, now, v);
	if (c2g_beacon_decide(&ch->b, &cfg->p, &v->s, now)) {
		ret = C2G_CHAN_ALERT;
		v->alerts = ++ch->alerts;
		if (!ch->flagged) {
			WRITE_ONCE(ch->flagged, true);
			atomic_inc(&c->flagged);
		}
	} else if (v->s.valid && !ch->near && !ch->alerts &&
		   v->s.score + C2GUARD_BEACON_NEAR >= cfg->p.threshold) {
		ret = C2G_CHAN_NEAR;
		ch->near = true;
	}
out:
	spin_unlock_bh(&ch->lock);
	return ret;
}

/* Flag the address channel of a flow whose name channel alerted. */
void c2g_chan_flag(struct c2g_chans *c, struct c2g_chan *ch)
{
	spin_lock_bh(&ch->lock);
	if (!ch->dead && !ch->flagged) {
		WRITE_ONCE(ch->flagged, true);
		atomic_inc(&c->flagged);
	}
	spin_unlock_bh(&ch->lock);
}

/* Has the channel @id alerted (and not been forgotten since)?  Under RCU. */
bool c2g_chan_flagged(struct c2g_chans *c, const struct c2g_chan_id *id)
{
	struct c2g_chan *ch;

	ch = rhashtable_lookup(&c->table, id, c2g_chan_params);
	return ch && READ_ONCE(ch->flagged);
}

/* --- sweeping: expiry, allowlisting, flush ---------------------------- */

/* Which channels a sweep removes: those its test selects. */
struct c2g_chan_sweep {
	struct c2g_chans *c;
	bool (*test)(const struct c2g_chan *ch,
		     const struct c2g_chan_sweep *sw);
	u64 now;
	u32 silence;
	const struct c2g_key *key;
	const struct c2g_bcfg *cfg;
};

static bool c2g_sweep_all(const struct c2g_chan *ch,
			  const struct c2g_chan_sweep *sw)
{
	return true;
}

static bool c2g_sweep_idle(const struct c2g_chan *ch,
			   const struct c2g_chan_sweep *sw)
{
	u64 seen = READ_ONCE(ch->b.seen_ms);

	return sw->now >= seen && sw->now - seen >= sw->silence;
}

static bool c2g_name_under(const struct c2g_chan *ch, const struct c2g_key *k)
{
	if (k->type == C2G_K_NAME)
		return ch->nlen == k->len && !memcmp(ch->name, k->data, k->len);
	if (ch->nlen < k->len ||
	    memcmp(ch->name + ch->nlen - k->len, k->data, k->len))
		return false;
	return ch->nlen == k->len || ch->name[ch->nlen - k->len - 1] == '.';
}

static bool c2g_sweep_key(const struct c2g_chan *ch,
			  const struct c2g_chan_sweep *sw)
{
	const struct c2g_key *k = sw->key;
	u8 family = k->type == C2G_K_V6 ||
		    (k->type == C2G_K_PORT && k->plen == 128) ? AF_INET6 : AF_INET;

	if (k->type == C2G_K_NAME || k->type == C2G_K_SUFFIX)
		return ch->type == C2G_CH_NAME && c2g_name_under(ch, k);
	if (ch->family != family)
		return false;
	if (c2g_prefix_match(ch->saddr, k->data, k->plen))
		return true;
	return ch->type == C2G_CH_ADDR &&
	       c2g_prefix_match(ch->daddr, k->data, k->plen);
}

static bool c2g_sweep_ports(const struct c2g_chan *ch,
			    const struct c2g_chan_sweep *sw)
{
	return ch->type == C2G_CH_ADDR &&
	       c2g_chan_port_allowed(sw->cfg, ch->proto, ch->dport);
}

static int c2g_chan_sweep_one(void *obj, void *arg, bool atomic)
{
	const struct c2g_chan_sweep *sw = arg;
	struct c2g_chans *c = sw->c;
	struct c2g_chan *ch = obj;
	bool removed = false;

	if (!sw->test(ch, sw))
		return 0;
	spin_lock_bh(&c->lock);
	if (!ch->dead) {
		c2g_chan_unlink(c, ch);
		removed = true;
	}
	spin_unlock_bh(&c->lock);
	return removed;
}

/* Remove every channel @sw selects.  Process context. */
static unsigned int c2g_chan_sweep(struct c2g_chans *c,
				   struct c2g_chan_sweep *sw)
{
	sw->c = c;
	return c2g_sweep(&c->table, c2g_chan_sweep_one, sw);
}

unsigned int c2g_chan_flush(struct c2g_chans *c)
{
	struct c2g_chan_sweep sw = { .test = c2g_sweep_all };

	return c2g_chan_sweep(c, &sw);
}

/* An allowlist entry was added: forget what it covers, at once. */
void c2g_chan_forget_key(struct c2g_chans *c, const struct c2g_key *key)
{
	struct c2g_chan_sweep sw = { .test = c2g_sweep_key, .key = key };

	if (READ_ONCE(c->count))
		c2g_chan_sweep(c, &sw);
}

/* Evict down to @max channels, from process context, a batch at a time. */
static void c2g_chan_trim(struct c2g_chans *c, u32 max)
{
	unsigned int i;
	bool more = true;

	while (more) {
		spin_lock_bh(&c->lock);
		for (i = 0; i < C2G_TRIM_BATCH && c->count > max; i++) {
			struct c2g_src *src = c2g_heaviest(c);

			if (!src || !c2g_evict(c, src))
				break;
		}
		more = c->count > max && i == C2G_TRIM_BATCH;
		spin_unlock_bh(&c->lock);
		cond_resched();
	}
}

static unsigned long c2g_gc_interval(const struct c2g_bcfg *cfg)
{
	return msecs_to_jiffies(clamp_t(u32, cfg->p.silence_ms / 4, 1000,
					60000));
}

static void c2g_chan_gc(struct work_struct *work)
{
	struct c2g_chans *c = container_of(to_delayed_work(work),
					   struct c2g_chans, gc_work);
	struct c2g_chan_sweep sw = { .test = c2g_sweep_idle };
	unsigned long next;
	unsigned int n;

	rcu_read_lock();
	sw.silence = rcu_dereference(c->cfg)->p.silence_ms;
	next = c2g_gc_interval(rcu_dereference(c->cfg));
	rcu_read_unlock();
	sw.now = c2g_now_ms();
	n = c2g_chan_sweep(c, &sw);
	if (n)
		c2g_stats_add(c->stats, C2G_STAT_BEACON_EXPIRED, n);
	if (READ_ONCE(c->on))
		queue_delayed_work(system_power_efficient_wq, &c->gc_work,
				   next);
}

/* --- configuration ---------------------------------------------------- */

static u32 c2g_chan_default_max(void)
{
	u64 bytes = (u64)totalram_pages() << PAGE_SHIFT;

	return clamp_t(u64, div_u64(bytes / 128, sizeof(struct c2g_chan)),
		       4096, 1 << 20);
}

const struct c2g_bcfg *c2g_chan_cfg(struct c2g_chans *c)
{
	return rcu_dereference_protected(c->cfg,
					 lockdep_is_held(c->cfg_lock));
}

/*
 * Install @cfg (a new copy, checked by the caller) and turn detection on
 * or off; the caller has enabled the hooks and labels detection needs.
 * Takes over @cfg.
 */
void c2g_chan_configure(struct c2g_chans *c, struct c2g_bcfg *cfg, bool on)
{
	struct c2g_chan_sweep sw = { .test = c2g_sweep_ports, .cfg = cfg };
	const struct c2g_bcfg *old = c2g_chan_cfg(c);
	bool ports_changed;

	lockdep_assert_held(c->cfg_lock);

	ports_changed = cfg->nports != old->nports ||
			memcmp(cfg->ports, old->ports,
			       cfg->nports * sizeof(cfg->ports[0]));
	rcu_assign_pointer(c->cfg, cfg);
	kfree_rcu((struct c2g_bcfg *)old, rcu);

	if (on && !c->on) {
		WRITE_ONCE(c->on, true);
		mod_delayed_work(system_power_efficient_wq, &c->gc_work,
				 c2g_gc_interval(cfg));
	} else if (!on && c->on) {
		spin_lock_bh(&c->lock);
		WRITE_ONCE(c->on, false);
		spin_unlock_bh(&c->lock);
		c2g_chan_flush(c);
	}
	if (ports_changed && cfg->nports && READ_ONCE(c->count))
		c2g_chan_sweep(c, &sw);
	c2g_chan_trim(c, cfg->max);
}

/* The table's size, for the status reply; takes the channel lock. */
void c2g_chan_counts(struct c2g_chans *c, u32 *channels, u32 *sources,
		     u64 *mem)
{
	spin_lock_bh(&c->lock);
	*channels = c->count;
	*sources = c->nsrc;
	*mem = c->bytes + (u64)c->nsrc * sizeof(struct c2g_src);
	spin_unlock_bh(&c->lock);
	/* Bucket arrays: one pointer per bucket, about 4/3 per entry. */
	*mem += ((u64)*channels + *sources) * 4 / 3 * sizeof(void *);
}

/* --- walks, for dumps ---------------------------------------------- */

void c2g_chan_walk_enter(struct c2g_chans *c, struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&c->table, iter);
}

/*
 * The live channel the walk @iter stands on, skipping dead ones, as a view
 * in @v; false at the end of the table.  Between rhashtable_walk_start()
 * and _stop(); the caller moves on with rhashtable_walk_next() once it has
 * used @v, so a channel it could not use is peeked again next time.
 */
bool c2g_chan_walk_peek(struct c2g_chans *c, struct rhashtable_iter *iter,
			u64 now, struct c2g_chan_view *v)
{
	const struct c2g_bcfg *cfg = rcu_dereference(c->cfg);
	struct c2g_chan *ch = rhashtable_walk_peek(iter);
	bool dead;

	while (ch) {
		if (IS_ERR(ch)) {
			if (PTR_ERR(ch) != -EAGAIN)
				return false;
		} else {
			spin_lock_bh(&ch->lock);
			dead = ch->dead;
			if (!dead)
				c2g_chan_snapshot(ch, cfg, now, v);
			spin_unlock_bh(&ch->lock);
			if (!dead)
				return true;
		}
		ch = rhashtable_walk_next(iter);
	}
	return false;
}

/* --- per netns and module --------------------------------------------- */

int c2g_chan_init(struct c2g_chans *c, struct mutex *cfg_lock,
		  struct c2g_stats __percpu *stats)
{
	struct c2g_bcfg *cfg;
	int err;

	c->cfg_lock = cfg_lock;
	c->stats = stats;
	spin_lock_init(&c->lock);
	INIT_LIST_HEAD(&c->sources);
	atomic_set(&c->flagged, 0);
	INIT_DELAYED_WORK(&c->gc_work, c2g_chan_gc);
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	c2g_beacon_params_default(&cfg->p);
	cfg->p.threshold = C2GUARD_DEFAULT_BEACON_THRESHOLD;
	cfg->idle_ms = C2GUARD_DEFAULT_BEACON_IDLE;
	cfg->max = c2g_chan_default_max();
	cfg->action = C2GUARD_ACT_ALERT;
	RCU_INIT_POINTER(c->cfg, cfg);
	err = rhashtable_init(&c->table, &c2g_chan_params);
	if (err)
		goto err_cfg;
	err = rhashtable_init(&c->srcs, &c2g_src_params);
	if (err)
		goto err_chans;
	return 0;

err_chans:
	rhashtable_destroy(&c->table);
err_cfg:
	kfree(cfg);
	return err;
}

static void c2g_chan_free(void *ptr, void *arg)
{
	c2g_chan_free_rcu(&((struct c2g_chan *)ptr)->rcu);
}

static void c2g_src_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* Netns exit: no packet and no request can reach @c any more. */
void c2g_chan_destroy(struct c2g_chans *c)
{
	WRITE_ONCE(c->on, false);
	cancel_delayed_work_sync(&c->gc_work);
	rhashtable_free_and_destroy(&c->table, c2g_chan_free, NULL);
	rhashtable_free_and_destroy(&c->srcs, c2g_src_free, NULL);
	kfree(rcu_dereference_protected(c->cfg, true));
}

int __init c2g_chan_module_init(void)
{
	c2g_chan_cache = KMEM_CACHE(c2g_chan, 0);
	return c2g_chan_cache ? 0 : -ENOMEM;
}

void c2g_chan_module_exit(void)
{
	kmem_cache_destroy(c2g_chan_cache);
}
