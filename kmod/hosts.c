// SPDX-License-Identifier: GPL-2.0
/*
 * Inside hosts and the evidence about them (docs/host-risk.md).
 *
 * verdict.c hands every alert here, and the detectors their weak signals
 * (a beacon channel scored just under its threshold, a name asked under a
 * dynamic-DNS zone): each is a piece of evidence about one inside host.
 * A host keeps the last C2GUARD_HOST_EVIDENCE_MAX distinct pieces, a count
 * per kind since it was first seen, and its risk (risk.c); a piece seen
 * again counts, but adds to the risk only once while it is kept.  When the
 * risk reaches host-threshold the caller gets a copy of the host to alert
 * with.
 *
 * Entries and their lifetime
 * --------------------------
 * A host is found under RCU.  Its evidence changes under its spinlock;
 * the names of its evidence are allocated for it and freed with it or
 * when the piece is pushed out, under that lock, so a reader copies them
 * under the lock too.  Creation, eviction and removal happen under
 * c2g_hosts.lock, which nests outside the hosts' locks; a removed host is
 * marked dead under both and freed after a grace period, so a detector
 * that found it just before may still write to it harmlessly.
 *
 * Bounds: at most hosts-max hosts.  A new one past it evicts: among the
 * oldest few entries, the one with the lowest risk now (the one with the
 * oldest evidence among equals); the others scanned move to the back.  A
 * host is one entry however much evidence it brings, so a noisy host
 * cannot push out the others, and what has the most risk stays longest.
 * A per-netns delayed work forgets the hosts whose risk decayed under one
 * point, walking the table in batches (sweep.c).
 */
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "channel.h"
#include "hosts.h"
#include "pkt.h"
#include "sweep.h"

#define C2G_HOSTS_EVICT_SCAN	8
#define C2G_HOSTS_EVICT_PER_NEW	2
#define C2G_HOSTS_TRIM_BATCH	1024

static const struct rhashtable_params c2g_hosts_params = {
	.head_offset = offsetof(struct c2g_host, node),
	.key_offset = offsetof(struct c2g_host, key),
	.key_len = sizeof(struct c2g_quar_key),
	.automatic_shrinking = true,
};

static void c2g_hosts_params_get(struct c2g_hosts *h,
				 struct c2g_risk_params *p)
{
	p->threshold = READ_ONCE(h->threshold);
	p->half_life_ms = READ_ONCE(h->half_life) * 1000;
}

static size_t c2g_host_name_size(const char *name)
{
	return name ? strlen(name) + 1 : 0;
}

static void c2g_host_free(struct c2g_host *e)
{
	unsigned int i;

	for (i = 0; i < e->nev; i++)
		kfree(e->ev[i].name);
	kfree(e);
}

static void c2g_host_free_rcu(struct rcu_head *head)
{
	c2g_host_free(container_of(head, struct c2g_host, rcu));
}

/* The bytes @e takes with its names; under @e->lock or before it is seen. */
static size_t c2g_host_size(const struct c2g_host *e)
{
	size_t n = sizeof(*e);
	unsigned int i;

	for (i = 0; i < e->nev; i++)
		n += c2g_host_name_size(e->ev[i].name);
	return n;
}

static void c2g_hosts_unlink(struct c2g_hosts *h, struct c2g_host *e)
{
	size_t size;

	lockdep_assert_held(&h->lock);

	spin_lock(&e->lock);
	e->dead = true;
	size = c2g_host_size(e);
	spin_unlock(&e->lock);
	rhashtable_remove_fast(&h->table, &e->node, c2g_hosts_params);
	list_del(&e->list);
	atomic64_sub(size, &h->bytes);
	WRITE_ONCE(h->count, h->count - 1);
	call_rcu(&e->rcu, c2g_host_free_rcu);
}

/* The risk of @e now, in points. */
static u32 c2g_host_risk(struct c2g_host *e, const struct c2g_risk_params *p,
			 u64 now)
{
	u32 risk;

	spin_lock(&e->lock);
	risk = c2g_risk_points(&e->risk, p, now);
	spin_unlock(&e->lock);
	return risk;
}

/* Make room: the host with the lowest risk among the oldest few goes. */
static bool c2g_hosts_evict(struct c2g_hosts *h, u64 now)
{
	struct c2g_host *e, *tmp, *victim = NULL;
	struct c2g_risk_params p;
	unsigned int scanned = 0;
	u32 risk, vrisk = 0;
	LIST_HEAD(again);

	lockdep_assert_held(&h->lock);

	if (list_empty(&h->list))
		return false;
	c2g_hosts_params_get(h, &p);
	list_for_each_entry_safe(e, tmp, &h->list, list) {
		if (scanned++ == C2G_HOSTS_EVICT_SCAN)
			break;
		risk = c2g_host_risk(e, &p, now);
		if (!victim || risk < vrisk ||
		    (risk == vrisk &&
		     READ_ONCE(e->last_ms) < READ_ONCE(victim->last_ms))) {
			if (victim)
				list_move_tail(&victim->list, &again);
			victim = e;
			vrisk = risk;
		} else {
			list_move_tail(&e->list, &again);
		}
	}
	list_splice_tail(&again, &h->list);
	c2g_hosts_unlink(h, victim);
	c2g_stats_inc(h->stats, C2G_STAT_HOSTS_EVICTED);
	return true;
}

/* The collector runs four times a half-life, at most every 10 min. */
static unsigned long c2g_hosts_gc_interval(struct c2g_hosts *h)
{
	return clamp_t(unsigned long, READ_ONCE(h->half_life) / 4 * HZ,
		       10 * HZ, 600 * HZ);
}

/* The entry of @family/@addr, made if missing; NULL if none could be. */
static struct c2g_host *c2g_hosts_get(struct c2g_hosts *h, u8 family,
				      const u8 *addr, u64 now)
{
	struct c2g_host *e, *old;
	struct c2g_quar_key k;
	unsigned int i;
	u32 max;

	c2g_quar_key(&k, family, addr);
	e = rhashtable_lookup(&h->table, &k, c2g_hosts_params);
	if (e)
		return e;
	e = kzalloc(sizeof(*e), GFP_ATOMIC | __GFP_NOWARN);
	if (!e)
		return NULL;
	spin_lock_init(&e->lock);
	e->key = k;
	e->first = ktime_get_real_ns();
	e->last = e->first;
	e->last_ms = now;
	c2g_risk_init(&e->risk, now);

	spin_lock_bh(&h->lock);
	max = READ_ONCE(h->max);
	/* A lowered maximum is trimmed by c2g_hosts_configure(). */
	for (i = 0; h->count >= max; i++)
		if (i == C2G_HOSTS_EVICT_PER_NEW || !c2g_hosts_evict(h, now))
			goto fail;
	old = rhashtable_lookup_get_insert_fast(&h->table, &e->node,
						c2g_hosts_params);
	if (old) {
		/* Made by another CPU meanwhile (or no room in the table). */
		spin_unlock_bh(&h->lock);
		kfree(e);
		return IS_ERR(old) ? NULL : old;
	}
	list_add_tail(&e->list, &h->list);
	atomic64_add(sizeof(*e), &h->bytes);
	WRITE_ONCE(h->count, h->count + 1);
	/* The first host starts the collector, which stops at the last. */
	if (h->count == 1)
		queue_delayed_work(system_power_efficient_wq, &h->gc,
				   c2g_hosts_gc_interval(h));
	spin_unlock_bh(&h->lock);
	return e;

fail:
	spin_unlock_bh(&h->lock);
	kfree(e);
	return NULL;
}

/* The kind of risk of @n, or C2G_RISK_KINDS for none. */
static unsigned int c2g_host_kind(const struct c2g_host_note *n)
{
	switch (n->kind) {
	case C2GUARD_EV_BEACON_NEAR:
		return C2G_RISK_BEACON_NEAR;
	case C2GUARD_EV_DYNDNS:
		return C2G_RISK_DYNDNS;
	case C2GUARD_EV_ALERT:
		break;
	default:
		return C2G_RISK_KINDS;
	}
	switch (n->reason) {
	case C2GUARD_REASON_BEACON:
		return C2G_RISK_BEACON;
	case C2GUARD_REASON_SINKHOLE:
		return C2G_RISK_SINKHOLE;
	case C2GUARD_REASON_DGA:
	case C2GUARD_REASON_NXDOMAIN_BURST:
	case C2GUARD_REASON_FAST_FLUX:
		return C2G_RISK_DNS;
	case C2GUARD_REASON_HOST_RISK:
	case C2GUARD_REASON_NONE:
		return C2G_RISK_KINDS;
	default:
		return C2G_RISK_INDICATOR;
	}
}

/* Is @ev the piece of evidence @n describes? */
static bool c2g_host_ev_is(const struct c2g_host_ev *ev,
			   const struct c2g_host_note *n)
{
	if (ev->kind != n->kind || ev->reason != n->reason ||
	    ev->port != n->port || ev->proto != n->proto)
		return false;
	if (!n->addr && ev->family)
		return false;
	if (n->addr && (ev->family != n->family ||
			memcmp(ev->addr, n->addr, c2g_addr_len(n->family))))
		return false;
	if (n->name)
		return ev->name && !strcmp(ev->name, n->name->s);
	return !ev->name;
}

/*
 * Record @n in @e; returns the piece.  Under @e->lock; may fail to keep
 * the name (no memory), and keeps the piece without it then.
 */
static struct c2g_host_ev *c2g_host_record(struct c2g_hosts *h,
					   struct c2g_host *e,
					   const struct c2g_host_note *n,
					   u64 wall, bool *fresh)
{
	struct c2g_host_ev *ev;
	unsigned int i;
	size_t size;

	lockdep_assert_held(&e->lock);

	for (i = 0; i < e->nev; i++) {
		ev = &e->ev[i];
		if (c2g_host_ev_is(ev, n)) {
			*fresh = false;
			goto seen;
		}
	}
	*fresh = true;
	if (e->nev == C2GUARD_HOST_EVIDENCE_MAX) {
		/* The oldest piece goes; its counts stay. */
		size = c2g_host_name_size(e->ev[0].name);
		kfree(e->ev[0].name);
		atomic64_sub(size, &h->bytes);
		memmove(&e->ev[0], &e->ev[1],
			(e->nev - 1) * sizeof(e->ev[0]));
		e->nev--;
	}
	ev = &e->ev[e->nev++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = n->kind;
	ev->reason = n->reason;
	ev->port = n->port;
	ev->proto = n->proto;
	if (n->addr) {
		ev->family = n->family;
		memcpy(ev->addr, n->addr, c2g_addr_len(n->family));
	}
	if (n->name) {
		ev->name = kmemdup(n->name->s, n->name->len + 1,
				   GFP_ATOMIC | __GFP_NOWARN);
		if (ev->name)
			atomic64_add(n->name->len + 1, &h->bytes);
	}
	ev->first = wall;
seen:
	ev->last = wall;
	ev->count++;
	ev->value = n->value;
	if (n->tag)
		strscpy(ev->tag, n->tag, sizeof(ev->tag));
	return ev;
}

static void c2g_host_snapshot(struct c2g_host *e,
			      const struct c2g_risk_params *p, u64 now,
			      struct c2g_host_view *v)
{
	unsigned int i;

	lockdep_assert_held(&e->lock);

	v->key = e->key;
	v->first = e->first;
	v->last = e->last;
	v->risk = c2g_risk_points(&e->risk, p, now);
	v->risk_alerts = e->risk.alerts;
	memcpy(v->counts, e->counts, sizeof(v->counts));
	v->nev = e->nev;
	for (i = 0; i < e->nev; i++) {
		v->ev[i].e = e->ev[i];
		v->ev[i].e.name = NULL;
		if (e->ev[i].name) {
			strscpy(v->ev[i].name, e->ev[i].name,
				sizeof(v->ev[i].name));
			v->ev[i].e.name = v->ev[i].name;
		}
	}
}

/*
 * A piece of evidence @n about the inside host @family/@host.  Returns a
 * copy of the host if its risk reached host-threshold with it (the caller
 * alerts and frees it), else NULL.  Under RCU, any context.
 */
struct c2g_host_view *c2g_hosts_note(struct c2g_hosts *h, u8 family,
				     const u8 *host,
				     const struct c2g_host_note *n)
{
	unsigned int kind = c2g_host_kind(n), count;
	struct c2g_host_view *v = NULL;
	struct c2g_risk_params p;
	struct c2g_host_ev *ev;
	struct c2g_host *e;
	bool fresh, crossed = false;
	u64 now = c2g_now_ms();
	u32 added = 0;

	if (!c2g_hosts_on(h) || kind == C2G_RISK_KINDS)
		return NULL;
	e = c2g_hosts_get(h, family, host, now);
	if (!e)
		return NULL;
	c2g_hosts_params_get(h, &p);
	count = n->kind == C2GUARD_EV_ALERT ? n->reason :
		n->kind == C2GUARD_EV_BEACON_NEAR ? C2G_HOST_REASONS :
						    C2G_HOST_REASONS + 1;
	spin_lock_bh(&e->lock);
	if (e->dead)
		goto out;
	WRITE_ONCE(e->last_ms, now);
	e->last = ktime_get_real_ns();
	e->counts[count]++;
	ev = c2g_host_record(h, e, n, e->last, &fresh);
	if (fresh) {
		crossed = c2g_risk_add(&e->risk, &p, kind, now, &added);
		ev->weight = added;
	}
	if (crossed) {
		v = kmalloc(sizeof(*v), GFP_ATOMIC | __GFP_NOWARN);
		if (v)
			c2g_host_snapshot(e, &p, now, v);
	}
out:
	spin_unlock_bh(&e->lock);
	return v;
}

/* --- sweeps: expiry and flushes ---------------------------------------- */

struct c2g_hosts_sweep {
	struct c2g_hosts *h;
	struct c2g_risk_params p;
	bool all;
	u64 now;
};

static int c2g_hosts_sweep_one(void *obj, void *arg, bool atomic)
{
	const struct c2g_hosts_sweep *sw = arg;
	struct c2g_hosts *h = sw->h;
	struct c2g_host *e = obj;
	bool gone;

	spin_lock_bh(&h->lock);
	if (e->dead) {
		spin_unlock_bh(&h->lock);
		return 0;
	}
	gone = sw->all || !c2g_host_risk(e, &sw->p, sw->now);
	if (gone)
		c2g_hosts_unlink(h, e);
	spin_unlock_bh(&h->lock);
	return gone;
}

static unsigned int c2g_hosts_sweep(struct c2g_hosts *h, bool all)
{
	struct c2g_hosts_sweep sw = { .h = h, .all = all,
				      .now = c2g_now_ms() };

	if (!READ_ONCE(h->count))
		return 0;
	c2g_hosts_params_get(h, &sw.p);
	return c2g_sweep(&h->table, c2g_hosts_sweep_one, &sw);
}

unsigned int c2g_hosts_flush(struct c2g_hosts *h)
{
	return c2g_hosts_sweep(h, true);
}

static void c2g_hosts_gc(struct work_struct *work)
{
	struct c2g_hosts *h = container_of(to_delayed_work(work),
					   struct c2g_hosts, gc);

	c2g_hosts_sweep(h, false);
	spin_lock_bh(&h->lock);
	if (h->count)
		queue_delayed_work(system_power_efficient_wq, &h->gc,
				   c2g_hosts_gc_interval(h));
	spin_unlock_bh(&h->lock);
}

/* Evict down to @max hosts, from process context, a batch at a time. */
static void c2g_hosts_trim(struct c2g_hosts *h, u32 max)
{
	bool more = true;
	unsigned int i;

	while (more) {
		spin_lock_bh(&h->lock);
		for (i = 0; i < C2G_HOSTS_TRIM_BATCH && h->count > max; i++)
			if (!c2g_hosts_evict(h, c2g_now_ms()))
				break;
		more = h->count > max && i == C2G_HOSTS_TRIM_BATCH;
		spin_unlock_bh(&h->lock);
		cond_resched();
	}
}

/*
 * New settings (checked by the caller).  A lowered maximum evicts at
 * once; 0 forgets every host.
 */
void c2g_hosts_configure(struct c2g_hosts *h, u32 max, u32 threshold,
			 u32 half_life, u8 action)
{
	lockdep_assert_held(h->cfg_lock);

	WRITE_ONCE(h->threshold, threshold);
	WRITE_ONCE(h->half_life, half_life);
	WRITE_ONCE(h->action, action);
	spin_lock_bh(&h->lock);
	WRITE_ONCE(h->max, max);
	spin_unlock_bh(&h->lock);
	if (max)
		c2g_hosts_trim(h, max);
	else
		c2g_hosts_flush(h);
	/* The collector's pace follows the half-life. */
	spin_lock_bh(&h->lock);
	if (h->count)
		mod_delayed_work(system_power_efficient_wq, &h->gc,
				 c2g_hosts_gc_interval(h));
	spin_unlock_bh(&h->lock);
}

/* The table's size, for the status reply. */
void c2g_hosts_counts(struct c2g_hosts *h, u32 *hosts, u64 *mem)
{
	*hosts = READ_ONCE(h->count);
	/* Bucket arrays: one pointer per bucket, about 4/3 per entry. */
	*mem = atomic64_read(&h->bytes) + (u64)*hosts * 4 / 3 * sizeof(void *);
}

/* --- dumps -------------------------------------------------------------- */

void c2g_hosts_walk_enter(struct c2g_hosts *h, struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&h->table, iter);
}

/*
 * The live host the walk is at, copied into *@v; false at the end.
 * Between rhashtable_walk_start() and rhashtable_walk_stop().
 */
bool c2g_hosts_walk_peek(struct c2g_hosts *h, struct rhashtable_iter *iter,
			 u64 now, struct c2g_host_view *v)
{
	struct c2g_risk_params p;
	struct c2g_host *e;
	bool dead;

	c2g_hosts_params_get(h, &p);
	for (e = rhashtable_walk_peek(iter); e; e = rhashtable_walk_next(iter)) {
		if (IS_ERR(e))
			continue;
		spin_lock_bh(&e->lock);
		dead = e->dead;
		if (!dead)
			c2g_host_snapshot(e, &p, now, v);
		spin_unlock_bh(&e->lock);
		if (!dead)
			return true;
	}
	return false;
}

/* --- per netns ---------------------------------------------------------- */

int c2g_hosts_init(struct c2g_hosts *h, struct mutex *cfg_lock,
		   struct c2g_stats __percpu *stats)
{
	spin_lock_init(&h->lock);
	INIT_LIST_HEAD(&h->list);
	h->count = 0;
	atomic64_set(&h->bytes, 0);
	h->max = C2GUARD_DEFAULT_HOSTS_MAX;
	h->threshold = C2GUARD_DEFAULT_HOST_THRESHOLD;
	h->half_life = C2GUARD_DEFAULT_HOST_HALF_LIFE;
	h->action = C2GUARD_ACT_ALERT;
	h->cfg_lock = cfg_lock;
	h->stats = stats;
	INIT_DELAYED_WORK(&h->gc, c2g_hosts_gc);
	return rhashtable_init(&h->table, &c2g_hosts_params);
}

static void c2g_hosts_free(void *ptr, void *arg)
{
	c2g_host_free(ptr);
}

/*
 * Netns pre_exit, after the hooks went: no new host; a packet still in
 * flight may queue the collector, which c2g_hosts_destroy() cancels.
 */
void c2g_hosts_stop(struct c2g_hosts *h)
{
	spin_lock_bh(&h->lock);
	WRITE_ONCE(h->max, 0);
	spin_unlock_bh(&h->lock);
	cancel_delayed_work_sync(&h->gc);
}

/* Netns exit: no packet and no request can reach @h any more. */
void c2g_hosts_destroy(struct c2g_hosts *h)
{
	cancel_delayed_work_sync(&h->gc);
	rhashtable_free_and_destroy(&h->table, c2g_hosts_free, NULL);
}
