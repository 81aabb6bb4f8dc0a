// SPDX-License-Identifier: GPL-2.0
/*
 * Beacon channels: when does an inside host call the same destination
 * again, and how regularly.  beacon.c scores a channel's history; this file
 * finds the events on the packet path, keeps the channels, bounds them and
 * acts on their verdicts.
 *
 * Events, from conntrack
 * ----------------------
 * An event is a packet of the original direction that carries payload and
 * is either the first such packet of its conntrack flow or the first after
 * the flow was idle, in both directions, for the netns's idle time.  The
 * only per-flow state this needs is the time of the flow's last packet, and
 * it lives in the conntrack entry itself: bits C2G_LABEL_TIME..+29 of the
 * connection labels, a 30-bit clock in 16 ms ticks (it wraps after 198
 * days, far beyond any conntrack timeout, and only differences below the
 * idle time matter).  Zero means "no payload yet": the SYN and handshake of
 * a TCP flow do not start it, the client's first data does.  So the cost per
 * packet of a confirmed flow is a label lookup, a read and a compare; the
 * word is written at most once per tick per flow (cmpxchg, as other label
 * writers do), and headers are parsed only for a packet that may start an
 * event.  Labels are per-entry storage conntrack allocates and frees with
 * the flow; entries created before the netns asked for labels have none and
 * are not timed (BEACON_NOLABELS).
 *
 * Channels and their lifetime
 * ---------------------------
 * A channel (struct c2g_chan) is found under RCU in c2g_net.chans.  Its
 * identity is immutable; its history (struct c2g_beacon) changes under its
 * own spinlock, so events of different channels never contend.  Creation,
 * eviction and removal happen under c2g_net.beacon_lock, which also guards
 * the per-source lists; a removed channel is marked dead under both locks
 * and freed after a grace period, so an event that found it just before
 * may still update it harmlessly.
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
#include <linux/tcp.h>

#include "c2guard.h"

#define C2G_TICK_SHIFT		4	/* 16 ms */
#define C2G_TICK_MASK		((1u << 30) - 1)
#define C2G_EVICT_SCAN		8
#define C2G_EVICT_PER_NEW	2
#define C2G_SWEEP_BATCH		1024

enum { C2G_CH_ADDR, C2G_CH_NAME };

/* A channel's identity, as lookups present it. */
struct c2g_chan_id {
	u8 type;
	u8 family;
	u8 proto;
	u8 nlen;
	__be16 dport;
	u8 saddr[16];
	u8 daddr[16];
	const char *name;
};

struct c2g_src_key {
	u8 addr[16];
	u32 family;
};

struct c2g_src {
	struct rhash_head node;
	struct c2g_src_key key;
	struct list_head chans;		/* oldest first, beacon_lock */
	struct list_head list;		/* c2g_net.bc_sources, beacon_lock */
	unsigned int n;			/* channels, beacon_lock */
	struct rcu_head rcu;
};

struct c2g_chan {
	struct rhash_head node;
	struct list_head src_list;	/* in src->chans, beacon_lock */
	struct c2g_src *src;		/* beacon_lock */
	struct rcu_head rcu;
	spinlock_t lock;		/* b, alerts, flagged, dead */
	bool dead;
	bool flagged;			/* alerted: beacon-action for new flows */
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

static u64 c2g_now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

/* --- the flow's clock, in its conntrack labels ------------------------- */

static u32 c2g_tick(u64 ms)
{
	u32 t = (u32)(ms >> C2G_TICK_SHIFT) & C2G_TICK_MASK;

	return t ?: 1;
}

static unsigned long *c2g_time_word(unsigned long *labels)
{
	return &labels[C2G_LABEL_TIME / BITS_PER_LONG];
}

static u32 c2g_label_time(unsigned long *labels)
{
	unsigned long w = READ_ONCE(*c2g_time_word(labels));

	return (w >> (C2G_LABEL_TIME % BITS_PER_LONG)) & C2G_TICK_MASK;
}

/*
 * Move the flow's clock from @old to @new.  False if another CPU moved it
 * first (a packet of the same flow in the other direction, or on another
 * queue): that packet then owns the event, if there is one.
 */
static bool c2g_label_time_set(unsigned long *labels, u32 old, u32 new)
{
	const unsigned int sh = C2G_LABEL_TIME % BITS_PER_LONG;
	const unsigned long mask = (unsigned long)C2G_TICK_MASK << sh;
	unsigned long *p = c2g_time_word(labels);
	unsigned long w = READ_ONCE(*p), prev;

	for (;;) {
		if (((w & mask) >> sh) != old)
			return false;
		prev = cmpxchg(p, w, (w & ~mask) | ((unsigned long)new << sh));
		if (prev == w)
			return true;
		w = prev;
	}
}

/* --- sources --------------------------------------------------------- */

static struct c2g_src *c2g_src_get(struct c2g_net *cn, u8 family,
				   const u8 *addr)
{
	struct c2g_src_key key = { .family = family };
	struct c2g_src *src;

	lockdep_assert_held(&cn->beacon_lock);

	memcpy(key.addr, addr, 16);
	src = rhashtable_lookup_fast(&cn->srcs, &key, c2g_src_params);
	if (src)
		return src;
	src = kzalloc(sizeof(*src), GFP_ATOMIC | __GFP_NOWARN);
	if (!src)
		return NULL;
	src->key = key;
	INIT_LIST_HEAD(&src->chans);
	if (rhashtable_insert_fast(&cn->srcs, &src->node, c2g_src_params)) {
		kfree(src);
		return NULL;
	}
	list_add_tail(&src->list, &cn->bc_sources);
	cn->bc_nsrc++;
	return src;
}

static void c2g_src_put(struct c2g_net *cn, struct c2g_src *src)
{
	lockdep_assert_held(&cn->beacon_lock);

	if (src->n)
		return;
	rhashtable_remove_fast(&cn->srcs, &src->node, c2g_src_params);
	list_del(&src->list);
	if (cn->bc_heavy == src)
		cn->bc_heavy = NULL;
	cn->bc_nsrc--;
	kfree_rcu(src, rcu);
}

/*
 * The source with the most channels.  Exact while it keeps growing (any
 * source passing it takes its place); once it is gone, the best of the next
 * C2G_EVICT_SCAN sources in turn takes over, so that finding it never walks
 * every source (a flood of spoofed sources must not make that O(n)).
 */
static struct c2g_src *c2g_heaviest(struct c2g_net *cn)
{
	struct c2g_src *src, *tmp;
	unsigned int scanned = 0;

	lockdep_assert_held(&cn->beacon_lock);

	if (cn->bc_heavy)
		return cn->bc_heavy;
	list_for_each_entry_safe(src, tmp, &cn->bc_sources, list) {
		if (scanned++ == C2G_EVICT_SCAN)
			break;
		if (!cn->bc_heavy || src->n > cn->bc_heavy->n)
			cn->bc_heavy = src;
		list_move_tail(&src->list, &cn->bc_sources);
	}
	return cn->bc_heavy;
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

static void c2g_chan_unlink(struct c2g_net *cn, struct c2g_chan *ch)
{
	struct c2g_src *src = ch->src;
	bool flagged;

	lockdep_assert_held(&cn->beacon_lock);

	spin_lock(&ch->lock);
	ch->dead = true;
	flagged = ch->flagged;
	spin_unlock(&ch->lock);
	if (flagged)
		atomic_dec(&cn->bc_flagged);
	rhashtable_remove_fast(&cn->chans, &ch->node, c2g_chan_params);
	list_del(&ch->src_list);
	src->n--;
	cn->bc_bytes -= c2g_chan_size(ch);
	WRITE_ONCE(cn->bc_count, cn->bc_count - 1);
	c2g_src_put(cn, src);
	call_rcu(&ch->rcu, c2g_chan_free_rcu);
}

/*
 * Make room for a channel of @asking, which already counts it (so it is
 * never freed here): evict from the source with the most channels, or
 * from @asking itself if it has become that source.
 */
static bool c2g_evict(struct c2g_net *cn, struct c2g_src *asking)
{
	struct c2g_chan *ch, *tmp, *victim = NULL;
	struct c2g_src *src = c2g_heaviest(cn);
	unsigned int scanned = 0;
	LIST_HEAD(again);

	lockdep_assert_held(&cn->beacon_lock);

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
	c2g_chan_unlink(cn, victim);
	c2g_stat_inc(cn, C2G_STAT_BEACON_EVICTED);
	return true;
}

static struct c2g_chan *c2g_chan_new(struct c2g_net *cn,
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

	spin_lock_bh(&cn->beacon_lock);
	/* Turned off meanwhile: the flush may have run already. */
	if (!READ_ONCE(cn->beacon_on))
		goto fail;
	src = c2g_src_get(cn, id->family, id->saddr);
	if (!src)
		goto fail;
	src->n++;			/* reserved: see c2g_evict() */
	/* A lowered maximum is trimmed by c2g_beacon_configure(). */
	for (i = 0; cn->bc_count >= cfg->max; i++)
		if (i == C2G_EVICT_PER_NEW || !c2g_evict(cn, src))
			goto fail_src;
	old = rhashtable_lookup_get_insert_key(&cn->chans, id, &ch->node,
					       c2g_chan_params);
	if (old) {
		/* Made by another CPU meanwhile (or no room in the table). */
		src->n--;
		c2g_src_put(cn, src);
		spin_unlock_bh(&cn->beacon_lock);
		c2g_chan_free_rcu(&ch->rcu);
		return IS_ERR(old) ? NULL : old;
	}
	ch->src = src;
	list_add_tail(&ch->src_list, &src->chans);
	if (!cn->bc_heavy || src->n > cn->bc_heavy->n)
		cn->bc_heavy = src;
	cn->bc_bytes += c2g_chan_size(ch);
	WRITE_ONCE(cn->bc_count, cn->bc_count + 1);
	spin_unlock_bh(&cn->beacon_lock);
	return ch;

fail_src:
	src->n--;
	c2g_src_put(cn, src);
fail:
	spin_unlock_bh(&cn->beacon_lock);
	c2g_chan_free_rcu(&ch->rcu);
	return NULL;
}

static void c2g_chan_snapshot(const struct c2g_chan *ch,
			      const struct c2g_bcfg *cfg, u64 now,
			      struct c2g_chan_view *v)
{
	lockdep_assert_held(&ch->lock);

	v->ch = ch;
	c2g_beacon_score(&ch->b, &cfg->p, &v->s);
	v->age_ms = now - min(now, ch->b.first_ms);
	v->idle_ms = now - min(now, ch->b.seen_ms);
	v->alerts = ch->alerts;
}

int c2g_beacon_nl_put(struct sk_buff *skb, int attrtype,
		      const struct c2g_chan_view *v)
{
	const struct c2g_chan *ch = v->ch;
	const struct c2g_beacon_score *s = &v->s;
	unsigned int alen = c2g_addr_len(ch->family);
	struct nlattr *nest;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, C2GUARD_BEACON_A_FAMILY, ch->family) ||
	    nla_put(skb, C2GUARD_BEACON_A_SADDR, alen, ch->saddr))
		goto cancel;
	if (ch->type == C2G_CH_NAME) {
		if (nla_put_string(skb, C2GUARD_BEACON_A_NAME, ch->name))
			goto cancel;
	} else {
		if (nla_put(skb, C2GUARD_BEACON_A_DADDR, alen, ch->daddr) ||
		    nla_put_u8(skb, C2GUARD_BEACON_A_PROTO, ch->proto))
			goto cancel;
		if (ch->dport &&
		    nla_put_u16(skb, C2GUARD_BEACON_A_DPORT, ntohs(ch->dport)))
			goto cancel;
	}
	if (nla_put_u8(skb, C2GUARD_BEACON_A_SCORE, s->valid ? s->score : 0) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_GAPS, s->ngaps) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_EVENTS, s->events) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_RETRIES, s->retries) ||
	    nla_put_u64_64bit(skb, C2GUARD_BEACON_A_AGE, v->age_ms,
			      C2GUARD_BEACON_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_BEACON_A_IDLE, v->idle_ms,
			      C2GUARD_BEACON_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_ALERTS, v->alerts))
		goto cancel;
	if (s->valid &&
	    (nla_put_u32(skb, C2GUARD_BEACON_A_INTERVAL, s->interval_ms) ||
	     nla_put_u32(skb, C2GUARD_BEACON_A_JITTER, s->jitter) ||
	     nla_put_u32(skb, C2GUARD_BEACON_A_SIZE, s->size.median) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_TIMING, s->sub.timing) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_DATA, s->sub.data) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_GAP_DISP, s->sub.gap_disp) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_GAP_CV, s->sub.gap_cv) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_GAP_SKEW, s->sub.gap_skew) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_COUNT, s->sub.count)))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

size_t c2g_beacon_nl_size(void)
{
	return nla_total_size(0) +			/* the nest */
	       2 * nla_total_size(sizeof(u8)) +		/* family, proto */
	       2 * nla_total_size(16) +			/* saddr, daddr */
	       nla_total_size(C2GUARD_NAME_MAX + 1) +
	       2 * nla_total_size(sizeof(u8)) +		/* dport, score */
	       7 * nla_total_size(sizeof(u32)) +
	       2 * nla_total_size_64bit(sizeof(u64)) +
	       6 * nla_total_size(sizeof(u16));
}

/* --- events ---------------------------------------------------------- */

/* Payload bytes of @skb, the packet of @f; 0 for none. */
static unsigned int c2g_payload_len(struct sk_buff *skb,
				    const struct c2g_flow *f)
{
	unsigned int hlen = 0;
	struct tcphdr _th;
	const struct tcphdr *th;

	if (f->thoff < 0 || skb->len <= f->thoff)
		return 0;
	if (f->proto == IPPROTO_TCP) {
		th = skb_header_pointer(skb, f->thoff, sizeof(_th), &_th);
		if (!th || th->doff < 5)
			return 0;
		hlen = th->doff * 4;
	} else if (f->proto == IPPROTO_UDP || f->proto == IPPROTO_UDPLITE) {
		hlen = 8;
	}
	return skb->len > f->thoff + hlen ? skb->len - f->thoff - hlen : 0;
}

static bool c2g_allowed_addr(struct c2g_net *cn, u8 family, const u8 *addr)
{
	struct c2g_ind *ind = c2g_lookup_addr(cn, family, addr);

	return ind && ind->action == C2GUARD_ACT_ALLOW;
}

static bool c2g_port_allowed(const struct c2g_bcfg *cfg, u8 proto,
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

static void c2g_chan_id_addr(struct c2g_chan_id *id, const struct c2g_flow *f)
{
	unsigned int alen = c2g_addr_len(f->family);

	memset(id, 0, sizeof(*id));
	id->type = C2G_CH_ADDR;
	id->family = f->family;
	id->proto = f->proto;
	id->dport = f->has_ports ? f->dport : 0;
	memcpy(id->saddr, f->saddr, alen);
	memcpy(id->daddr, f->daddr, alen);
}

/*
 * Record an event on the channel @id.  Returns true if it earned an alert,
 * with @v filled in; @chp gets the channel (valid under RCU).
 */
static bool c2g_chan_event(struct c2g_net *cn, const struct c2g_bcfg *cfg,
			   const struct c2g_chan_id *id, u64 now,
			   unsigned int size, struct c2g_chan_view *v,
			   struct c2g_chan **chp)
{
	struct c2g_chan *ch;
	bool alert = false;
	int ev;

	ch = rhashtable_lookup(&cn->chans, id, c2g_chan_params);
	if (!ch)
		ch = c2g_chan_new(cn, cfg, id);
	*chp = ch;
	if (!ch) {
		c2g_stat_inc(cn, C2G_STAT_BEACON_REFUSED);
		return false;
	}
	c2g_stat_inc(cn, C2G_STAT_BEACON_EVENTS);
	spin_lock_bh(&ch->lock);
	if (ch->dead)
		goto out;
	ev = c2g_beacon_event(&ch->b, &cfg->p, now, size);
	/* Scoring is the expensive part (four sorts): only when it can alert. */
	if (ev != C2G_BEACON_EV_GAP || c2g_beacon_holding(&ch->b, &cfg->p, now))
		goto out;
	c2g_chan_snapshot(ch, cfg, now, v);
	alert = c2g_beacon_decide(&ch->b, &cfg->p, &v->s, now);
	if (alert) {
		v->alerts = ++ch->alerts;
		if (!ch->flagged) {
			WRITE_ONCE(ch->flagged, true);
			atomic_inc(&cn->bc_flagged);
		}
	}
out:
	spin_unlock_bh(&ch->lock);
	return alert;
}

/* Flag the address channel of a flow whose name channel alerted. */
static void c2g_chan_flag(struct c2g_net *cn, struct c2g_chan *ch)
{
	spin_lock_bh(&ch->lock);
	if (!ch->dead && !ch->flagged) {
		WRITE_ONCE(ch->flagged, true);
		atomic_inc(&cn->bc_flagged);
	}
	spin_unlock_bh(&ch->lock);
}

/*
 * The name of @flow's destination, if known: the listed name it was bound
 * from, or (first payload of a TCP flow) its TLS server name or HTTP host.
 */
static bool c2g_flow_name(struct c2g_net *cn, struct sk_buff *skb,
			  const struct c2g_flow *f, bool first,
			  struct c2g_name *name)
{
	struct c2g_ind *ind = c2g_bound_lookup(cn, f->family, f->daddr);

	if (ind) {
		name->len = strscpy(name->s, c2g_ind_bound_name(ind),
				    sizeof(name->s));
		return name->len > 0;
	}
	return first && f->proto == IPPROTO_TCP &&
	       c2g_inspect_peek_name(skb, f, name);
}

static void c2g_beacon_alert(struct c2g_net *cn, const struct c2g_bcfg *cfg,
			     const struct c2g_flow *flow,
			     const struct c2g_chan_view *v,
			     const struct c2g_name *name)
{
	struct c2g_why why = {
		.reason = C2GUARD_REASON_BEACON,
		.name = name,
		.beacon = v,
	};

	c2g_stat_inc(cn, C2G_STAT_BEACON_ALERTS);
	c2g_alert(cn, flow, NULL, cfg->action, &why);
}

/*
 * An event of @flow, whose packet @skb carries @size bytes of payload.
 * Returns the verdict for the packet.
 */
static unsigned int c2g_flow_event(struct c2g_net *cn,
				   const struct c2g_bcfg *cfg,
				   struct sk_buff *skb, struct nf_conn *ct,
				   unsigned long *labels, struct c2g_flow *flow,
				   unsigned int size, bool first,
				   const struct nf_hook_state *state)
{
	struct c2g_chan *ch, *nch;
	struct c2g_chan_view v;
	struct c2g_chan_id id;
	struct c2g_name name;
	bool alert, named;
	u64 now;

	if (c2g_port_allowed(cfg, flow->proto, flow->dport) ||
	    c2g_allowed_addr(cn, flow->family, flow->daddr) ||
	    c2g_allowed_addr(cn, flow->family, flow->saddr)) {
		c2g_stat_inc(cn, C2G_STAT_BEACON_EXEMPT);
		return NF_ACCEPT;
	}
	now = c2g_now_ms();
	c2g_chan_id_addr(&id, flow);
	flow->dir = C2GUARD_DIR_NONE;
	alert = c2g_chan_event(cn, cfg, &id, now, size, &v, &ch);
	if (alert)
		c2g_beacon_alert(cn, cfg, flow, &v, NULL);

	named = c2g_flow_name(cn, skb, flow, first, &name);
	if (named) {
		struct c2g_ind *allow = c2g_lookup_name(cn, &name);

		if (allow && allow->action == C2GUARD_ACT_ALLOW) {
			c2g_stat_inc(cn, C2G_STAT_BEACON_EXEMPT);
			named = false;
		}
	}
	if (named) {
		id.type = C2G_CH_NAME;
		id.proto = 0;
		id.dport = 0;
		memset(id.daddr, 0, sizeof(id.daddr));
		id.name = name.s;
		id.nlen = name.len;
		if (c2g_chan_event(cn, cfg, &id, now, size, &v, &nch)) {
			c2g_beacon_alert(cn, cfg, flow, &v, &name);
			if (ch)
				c2g_chan_flag(cn, ch);
			alert = true;
		}
	}
	if (!alert || cfg->action == C2GUARD_ACT_ALERT)
		return NF_ACCEPT;
	/* The flow that completed the evidence goes too, for drop/reject. */
	if (cfg->action == C2GUARD_ACT_DROP || cfg->action == C2GUARD_ACT_REJECT)
		set_bit(C2G_LABEL_DROP, labels);
	return c2g_apply(cn, skb, ct, flow, cfg->action, state);
}

/*
 * A new flow of a channel that alerted (ever, until it is forgotten), under
 * a DROP/REJECT/MARK action: the action as set now, so that an admin who
 * turns drop on after seeing an alert stops that beacon at once.
 */
static unsigned int c2g_flagged_flow(struct c2g_net *cn,
				     const struct c2g_bcfg *cfg,
				     struct sk_buff *skb, struct nf_conn *ct,
				     struct c2g_flow *flow,
				     const struct nf_hook_state *state)
{
	struct c2g_chan_id id;
	struct c2g_chan *ch;

	c2g_chan_id_addr(&id, flow);
	ch = rhashtable_lookup(&cn->chans, &id, c2g_chan_params);
	if (!ch || !READ_ONCE(ch->flagged))
		return NF_ACCEPT;
	return c2g_apply(cn, skb, ct, flow, cfg->action, state);
}

/*
 * Every packet with conntrack, in a netns with beacon detection on, after
 * the indicators let it pass; @labels are @ct's (NULL: none).  Under RCU.
 */
unsigned int c2g_beacon_packet(struct c2g_net *cn, struct sk_buff *skb,
			       struct nf_conn *ct,
			       enum ip_conntrack_info ctinfo,
			       unsigned long *labels,
			       const struct nf_hook_state *state)
{
	const struct c2g_bcfg *cfg;
	unsigned int size, verdict;
	struct c2g_flow flow;
	bool orig, parsed = false;
	u32 now, t;
	u64 idle;

	if (ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY)
		return NF_ACCEPT;
	orig = CTINFO2DIR(ctinfo) == IP_CT_DIR_ORIGINAL;
	cfg = rcu_dereference(cn->bcfg);
	if (orig && !nf_ct_is_confirmed(ct) &&
	    cfg->action != C2GUARD_ACT_ALERT && atomic_read(&cn->bc_flagged)) {
		c2g_flow_parse(skb, state, &flow);
		parsed = true;
		verdict = c2g_flagged_flow(cn, cfg, skb, ct, &flow, state);
		if (verdict != NF_ACCEPT)
			return verdict;
	}
	if (!labels) {
		if (orig)
			c2g_stat_inc(cn, C2G_STAT_BEACON_NOLABELS);
		return NF_ACCEPT;
	}
	now = c2g_tick(c2g_now_ms());
	t = c2g_label_time(labels);
	if (t == now)
		return NF_ACCEPT;
	idle = (u64)((now - t) & C2G_TICK_MASK) << C2G_TICK_SHIFT;
	if (t && (!orig || idle < cfg->idle_ms)) {
		c2g_label_time_set(labels, t, now);
		return NF_ACCEPT;
	}
	if (!orig)
		return NF_ACCEPT;
	/* Idle long enough (or no payload yet): does this one carry any? */
	if (!parsed)
		c2g_flow_parse(skb, state, &flow);
	size = c2g_payload_len(skb, &flow);
	if (!size) {
		if (t)
			c2g_label_time_set(labels, t, now);
		return NF_ACCEPT;
	}
	if (!c2g_label_time_set(labels, t, now))
		return NF_ACCEPT;
	return c2g_flow_event(cn, cfg, skb, ct, labels, &flow, size, !t,
			      state);
}

/* --- sweeping: expiry, allowlisting, flush ---------------------------- */

struct c2g_sweep {
	u64 now;
	u32 silence;
	const struct c2g_key *key;
	const struct c2g_bcfg *cfg;
};

typedef bool (*c2g_sweep_fn)(const struct c2g_chan *ch,
			     const struct c2g_sweep *arg);

static bool c2g_sweep_all(const struct c2g_chan *ch,
			  const struct c2g_sweep *arg)
{
	return true;
}

static bool c2g_sweep_idle(const struct c2g_chan *ch,
			   const struct c2g_sweep *arg)
{
	u64 seen = READ_ONCE(ch->b.seen_ms);

	return arg->now >= seen && arg->now - seen >= arg->silence;
}

static bool c2g_prefix_match(const u8 *a, const u8 *p, unsigned int plen)
{
	unsigned int bytes = plen / 8, bits = plen % 8;

	if (memcmp(a, p, bytes))
		return false;
	return !bits || !((a[bytes] ^ p[bytes]) & (0xff00 >> bits));
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
			  const struct c2g_sweep *arg)
{
	const struct c2g_key *k = arg->key;
	u8 family = k->type == C2G_K_V6 ? AF_INET6 : AF_INET;

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
			    const struct c2g_sweep *arg)
{
	return ch->type == C2G_CH_ADDR &&
	       c2g_port_allowed(arg->cfg, ch->proto, ch->dport);
}

/*
 * One pass of c2g_sweep(); *@paused says whether the walk was stopped and
 * restarted on the way.
 */
static unsigned int c2g_sweep_pass(struct c2g_net *cn, c2g_sweep_fn fn,
				   const struct c2g_sweep *arg, bool *paused)
{
	struct rhashtable_iter iter;
	unsigned int n = 0, seen = 0;
	struct c2g_chan *ch;

	rhashtable_walk_enter(&cn->chans, &iter);
	rhashtable_walk_start(&iter);
	while ((ch = rhashtable_walk_next(&iter))) {
		if (IS_ERR(ch)) {
			if (PTR_ERR(ch) == -EAGAIN)
				continue;
			break;
		}
		if (fn(ch, arg)) {
			spin_lock_bh(&cn->beacon_lock);
			if (!ch->dead) {
				c2g_chan_unlink(cn, ch);
				n++;
			}
			spin_unlock_bh(&cn->beacon_lock);
		}
		if (++seen % C2G_SWEEP_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
			*paused = true;
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return n;
}

/*
 * Remove every channel @fn selects.  Process context.  A walk that is
 * stopped and restarted resumes by skipping as many entries of the bucket
 * as it had returned, deleted ones included, so it may pass over a few
 * live ones: sweep again until a pass that removes nothing, or that never
 * paused, shows that none is left.
 */
static unsigned int c2g_sweep(struct c2g_net *cn, c2g_sweep_fn fn,
			      const struct c2g_sweep *arg)
{
	unsigned int n, total = 0;
	bool paused;

	do {
		paused = false;
		n = c2g_sweep_pass(cn, fn, arg, &paused);
		total += n;
	} while (n && paused);
	return total;
}

unsigned int c2g_beacon_flush(struct c2g_net *cn)
{
	return c2g_sweep(cn, c2g_sweep_all, NULL);
}

/* An allowlist entry was added: forget what it covers, at once. */
void c2g_beacon_forget_key(struct c2g_net *cn, const struct c2g_key *key)
{
	const struct c2g_sweep arg = { .key = key };

	if (READ_ONCE(cn->bc_count))
		c2g_sweep(cn, c2g_sweep_key, &arg);
}

/* Evict down to @max channels, from process context, a batch at a time. */
static void c2g_beacon_trim(struct c2g_net *cn, u32 max)
{
	unsigned int i;
	bool more = true;

	while (more) {
		spin_lock_bh(&cn->beacon_lock);
		for (i = 0; i < C2G_SWEEP_BATCH && cn->bc_count > max; i++) {
			struct c2g_src *src = c2g_heaviest(cn);

			if (!src || !c2g_evict(cn, src))
				break;
		}
		more = cn->bc_count > max && i == C2G_SWEEP_BATCH;
		spin_unlock_bh(&cn->beacon_lock);
		cond_resched();
	}
}

static unsigned long c2g_gc_interval(const struct c2g_bcfg *cfg)
{
	return msecs_to_jiffies(clamp_t(u32, cfg->p.silence_ms / 4, 1000,
					60000));
}

static void c2g_beacon_gc(struct work_struct *work)
{
	struct c2g_net *cn = container_of(to_delayed_work(work),
					  struct c2g_net, beacon_gc);
	struct c2g_sweep arg = {};
	unsigned long next;
	unsigned int n;

	rcu_read_lock();
	arg.silence = rcu_dereference(cn->bcfg)->p.silence_ms;
	next = c2g_gc_interval(rcu_dereference(cn->bcfg));
	rcu_read_unlock();
	arg.now = c2g_now_ms();
	n = c2g_sweep(cn, c2g_sweep_idle, &arg);
	if (n)
		this_cpu_add(cn->stats->v[C2G_STAT_BEACON_EXPIRED], n);
	if (READ_ONCE(cn->beacon_on))
		queue_delayed_work(system_power_efficient_wq, &cn->beacon_gc,
				   next);
}

/* --- configuration ---------------------------------------------------- */

static u32 c2g_beacon_default_max(void)
{
	u64 bytes = (u64)totalram_pages() << PAGE_SHIFT;

	return clamp_t(u64, div_u64(bytes / 128, sizeof(struct c2g_chan)),
		       4096, 1 << 20);
}

const struct c2g_bcfg *c2g_beacon_cfg(struct c2g_net *cn)
{
	return rcu_dereference_protected(cn->bcfg, lockdep_is_held(&cn->lock));
}

/*
 * Install @cfg (a new copy, checked by the caller) and turn detection on
 * or off.  Takes over @cfg.
 */
int c2g_beacon_configure(struct c2g_net *cn, struct c2g_bcfg *cfg, bool on)
{
	const struct c2g_bcfg *old = c2g_beacon_cfg(cn);
	struct c2g_sweep arg = { .cfg = cfg };
	bool ports_changed;
	int err;

	lockdep_assert_held(&cn->lock);

	if (on && !cn->beacon_on) {
		err = c2g_hooks_enable(cn);
		if (!err)
			err = c2g_labels_enable(cn);
		if (err) {
			kfree(cfg);
			return err;
		}
	}
	ports_changed = cfg->nports != old->nports ||
			memcmp(cfg->ports, old->ports,
			       cfg->nports * sizeof(cfg->ports[0]));
	rcu_assign_pointer(cn->bcfg, cfg);
	kfree_rcu((struct c2g_bcfg *)old, rcu);

	if (on && !cn->beacon_on) {
		WRITE_ONCE(cn->beacon_on, true);
		mod_delayed_work(system_power_efficient_wq, &cn->beacon_gc,
				 c2g_gc_interval(cfg));
	} else if (!on && cn->beacon_on) {
		spin_lock_bh(&cn->beacon_lock);
		WRITE_ONCE(cn->beacon_on, false);
		spin_unlock_bh(&cn->beacon_lock);
		c2g_beacon_flush(cn);
	}
	if (ports_changed && cfg->nports && READ_ONCE(cn->bc_count))
		c2g_sweep(cn, c2g_sweep_ports, &arg);
	c2g_beacon_trim(cn, cfg->max);
	return 0;
}

/* Under the caller's lock, for the status reply. */
void c2g_beacon_counts(struct c2g_net *cn, u32 *channels, u32 *sources,
		       u64 *mem)
{
	spin_lock_bh(&cn->beacon_lock);
	*channels = cn->bc_count;
	*sources = cn->bc_nsrc;
	*mem = cn->bc_bytes + (u64)cn->bc_nsrc * sizeof(struct c2g_src);
	spin_unlock_bh(&cn->beacon_lock);
	/* Bucket arrays: one pointer per bucket, about 4/3 per entry. */
	*mem += ((u64)*channels + *sources) * 4 / 3 * sizeof(void *);
}

/* --- dump ------------------------------------------------------------- */

/*
 * One message per channel; a live view (see the UAPI).  cb->args[0] is
 * the iterator, which netlink.c's dump start and done manage.
 */
int c2g_beacon_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];
	struct c2g_net *cn = c2g_pernet(sock_net(skb->sk));
	const struct c2g_bcfg *cfg;
	struct c2g_chan_view v;
	struct c2g_chan *ch;
	u64 now = c2g_now_ms();
	bool dead;
	void *hdr;

	rhashtable_walk_start(iter);
	cfg = rcu_dereference(cn->bcfg);
	ch = rhashtable_walk_peek(iter);
	while (ch) {
		if (IS_ERR(ch)) {
			if (PTR_ERR(ch) != -EAGAIN)
				break;
			ch = rhashtable_walk_next(iter);
			continue;
		}
		spin_lock_bh(&ch->lock);
		dead = ch->dead;
		if (!dead)
			c2g_chan_snapshot(ch, cfg, now, &v);
		spin_unlock_bh(&ch->lock);
		if (!dead) {
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq,
					  &c2g_genl_family, NLM_F_MULTI,
					  C2GUARD_CMD_BEACON_GET);
			if (!hdr)
				break;
			if (c2g_beacon_nl_put(skb, C2GUARD_A_BEACON, &v)) {
				genlmsg_cancel(skb, hdr);
				break;
			}
			genlmsg_end(skb, hdr);
		}
		ch = rhashtable_walk_next(iter);
	}
	rhashtable_walk_stop(iter);
	/* The channel that did not fit is peeked again next time. */
	return ch && !IS_ERR(ch) ? skb->len : 0;
}

/* --- per netns and module --------------------------------------------- */

int c2g_beacons_init(struct c2g_net *cn)
{
	struct c2g_bcfg *cfg;
	int err;

	spin_lock_init(&cn->beacon_lock);
	INIT_LIST_HEAD(&cn->bc_sources);
	atomic_set(&cn->bc_flagged, 0);
	INIT_DELAYED_WORK(&cn->beacon_gc, c2g_beacon_gc);
	cfg = kzalloc(sizeof(*cfg), GFP_KERNEL);
	if (!cfg)
		return -ENOMEM;
	c2g_beacon_params_default(&cfg->p);
	cfg->p.threshold = C2GUARD_DEFAULT_BEACON_THRESHOLD;
	cfg->idle_ms = C2GUARD_DEFAULT_BEACON_IDLE;
	cfg->max = c2g_beacon_default_max();
	cfg->action = C2GUARD_ACT_ALERT;
	RCU_INIT_POINTER(cn->bcfg, cfg);
	err = rhashtable_init(&cn->chans, &c2g_chan_params);
	if (err)
		goto err_cfg;
	err = rhashtable_init(&cn->srcs, &c2g_src_params);
	if (err)
		goto err_chans;
	return 0;

err_chans:
	rhashtable_destroy(&cn->chans);
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

/* Netns exit: no packet and no request can reach @cn any more. */
void c2g_beacons_destroy(struct c2g_net *cn)
{
	WRITE_ONCE(cn->beacon_on, false);
	cancel_delayed_work_sync(&cn->beacon_gc);
	rhashtable_free_and_destroy(&cn->chans, c2g_chan_free, NULL);
	rhashtable_free_and_destroy(&cn->srcs, c2g_src_free, NULL);
	kfree(rcu_dereference_protected(cn->bcfg, true));
}

int __init c2g_beacon_cache_init(void)
{
	c2g_chan_cache = KMEM_CACHE(c2g_chan, 0);
	return c2g_chan_cache ? 0 : -ENOMEM;
}

void c2g_beacon_cache_exit(void)
{
	kmem_cache_destroy(c2g_chan_cache);
}
