// SPDX-License-Identifier: GPL-2.0
/*
 * Quarantine: an inside host found calling out to its C2 is cut off at
 * once, whatever else its traffic matches, but for the destinations the
 * admin lists (host-allow: a remediation server, a jump host).
 *
 * What is cut
 * -----------
 * Every packet from or to a host in quarantine, on every hook c2guard has
 * (forwarded, inbound and the gateway's own), is dropped unless its other
 * end is a host-allow destination; a TCP segment is answered with a RST to
 * its sender and one to its destination in the sender's name
 * (reject.c), so both ends of an open session notice at once.  The check
 * comes before everything else in the hook and costs one READ_ONCE while
 * nobody is in quarantine, two hash lookups a packet after that.  When a
 * host enters quarantine its conntrack entries are removed too (@kill, in
 * process context), but for those with a host-allow destination: the
 * established flows go, and a later segment of one is a new, unconfirmed
 * flow like any other, dropped here.
 *
 * Who is quarantined
 * ------------------
 * The caller names the host (verdict.c: the inside end of the flow that
 * triggered the action).  An address of this gateway, loopback,
 * multicast, broadcast or unspecified is refused: quarantining the
 * gateway would cut every host behind it.
 *
 * Lifetime
 * --------
 * Entries are added from the packet path (an action: softirq) or a
 * request, under @lock, and read under RCU.  A quarantine with a time
 * lapses then: lookups ignore a lapsed entry at once and @gc takes it out.
 * Nothing else removes an entry but a release (or netns exit): indicator
 * changes, feed replaces and flushes do not touch this table.
 */
#include <linux/inetdevice.h>
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/ndisc.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/netlink.h>
#include <net/route.h>

#include "addr.h"
#include "pkt.h"
#include "quarantine.h"
#include "reject.h"

#define C2G_QUAR_GC_INTERVAL	HZ

static const struct rhashtable_params c2g_quar_params = {
	.head_offset = offsetof(struct c2g_quar_host, node),
	.key_offset = offsetof(struct c2g_quar_host, key),
	.key_len = sizeof(struct c2g_quar_key),
	.automatic_shrinking = true,
};

void c2g_quar_key(struct c2g_quar_key *k, u8 family, const u8 *addr)
{
	memset(k, 0, sizeof(*k));
	memcpy(k->addr, addr, c2g_addr_len(family));
	k->family = family;
}

static bool c2g_quar_lapsed(const struct c2g_quar_host *h, u64 now)
{
	u64 exp = READ_ONCE(h->expires);

	return exp && time_after_eq64(now, exp);
}

/* The live entry of @addr, or NULL.  Under RCU. */
static struct c2g_quar_host *c2g_quar_find(struct c2g_quar *q, u8 family,
					   const u8 *addr, u64 now)
{
	struct c2g_quar_host *h;
	struct c2g_quar_key k;

	c2g_quar_key(&k, family, addr);
	h = rhashtable_lookup(&q->hosts, &k, c2g_quar_params);
	return h && !c2g_quar_lapsed(h, now) ? h : NULL;
}

/* Is @addr a host-allow destination?  Under RCU. */
static bool c2g_quar_allowed(struct c2g_quar *q, u8 family, const u8 *addr)
{
	const struct c2g_quar_allow *al = rcu_dereference(q->allow);
	unsigned int i;

	if (!al)
		return false;
	for (i = 0; i < al->n; i++)
		if (al->e[i].family == family &&
		    c2g_prefix_match(addr, al->e[i].addr, al->e[i].plen))
			return true;
	return false;
}

/*
 * The host in quarantine that a flow between @a and @b cuts (either end,
 * when the other is not a host-allow destination), or NULL.  Under RCU.
 */
static struct c2g_quar_host *c2g_quar_cut(struct c2g_quar *q, u8 family,
					  const u8 *a, const u8 *b, u64 now)
{
	struct c2g_quar_host *h;

	h = c2g_quar_find(q, family, a, now);
	if (h && !c2g_quar_allowed(q, family, b))
		return h;
	h = c2g_quar_find(q, family, b, now);
	if (h && !c2g_quar_allowed(q, family, a))
		return h;
	return NULL;
}

/*
 * IPv6 neighbour discovery (router and neighbour solicitations and
 * advertisements, redirects), which conntrack does not track: cut, the
 * host could not even reach its host-allow destinations over IPv6.
 */
static bool c2g_quar_nd(struct sk_buff *skb, const struct c2g_flow *f)
{
	u8 nexthdr = ipv6_hdr(skb)->nexthdr, _type;
	const u8 *type;
	__be16 frag_off;
	int off;

	if (f->family != AF_INET6 || f->proto != IPPROTO_ICMPV6)
		return false;
	off = ipv6_skip_exthdr(skb, skb_network_offset(skb) +
			       sizeof(struct ipv6hdr), &nexthdr, &frag_off);
	if (off < 0 || nexthdr != IPPROTO_ICMPV6)
		return false;
	type = skb_header_pointer(skb, off, sizeof(_type), &_type);
	return type && *type >= NDISC_ROUTER_SOLICITATION &&
	       *type <= NDISC_REDIRECT;
}

/*
 * A packet, in a netns with a host in quarantine: NF_DROP (with a RST to
 * each end of a TCP segment) when it is to or from one, but IPv6 neighbour
 * discovery.  Under RCU.
 */
unsigned int c2g_quar_packet(struct c2g_quar *q, struct c2g_pkt *pkt)
{
	const struct c2g_flow *f = c2g_pkt_flow(pkt);
	struct c2g_quar_host *h;

	h = c2g_quar_cut(q, f->family, f->saddr, f->daddr, get_jiffies_64());
	if (!h || c2g_quar_nd(pkt->skb, f))
		return NF_ACCEPT;
	atomic64_inc(&h->drops);
	c2g_stats_inc(q->stats, C2G_STAT_QUAR_DROPS);
	if (f->proto == IPPROTO_TCP)
		c2g_reset_both(pkt->skb, f, pkt->state);
	return NF_DROP;
}

/*
 * Never quarantined: an address of this gateway, and addresses no single
 * host has (unspecified, loopback, multicast, broadcast).  Under RCU or
 * in process context.
 */
bool c2g_quar_local(struct net *net, u8 family, const u8 *addr)
{
	struct in6_addr a6;
	unsigned int t;
	__be32 a4;

	if (family == AF_INET) {
		memcpy(&a4, addr, 4);
		if (ipv4_is_zeronet(a4) || ipv4_is_loopback(a4) ||
		    ipv4_is_multicast(a4) || ipv4_is_lbcast(a4))
			return true;
		t = inet_addr_type(net, a4);
		return t == RTN_LOCAL || t == RTN_BROADCAST ||
		       t == RTN_MULTICAST;
	}
	memcpy(&a6, addr, 16);
	return ipv6_addr_any(&a6) || ipv6_addr_loopback(&a6) ||
	       ipv6_addr_is_multicast(&a6) || ipv6_chk_addr(net, &a6, NULL, 0);
}

/* Under @lock: take @h out of the table (the caller frees it). */
static int c2g_quar_unlink(struct c2g_quar *q, struct c2g_quar_host *h)
{
	int err;

	lockdep_assert_held(&q->lock);

	err = rhashtable_remove_fast(&q->hosts, &h->node, c2g_quar_params);
	if (err)
		return err;
	WRITE_ONCE(q->count, q->count - 1);
	if (h->expires)
		q->timed--;
	return 0;
}

/*
 * Quarantine @addr for @secs seconds (0: until released; negative: the
 * netns's quarantine-time), for @why.  A host in quarantine already gets
 * the new time and keeps its record.  Returns 0, -EINVAL (a gateway
 * address: see c2g_quar_local()), -ENOSPC or -ENOMEM.  Any context: @gfp
 * says which.
 */
int c2g_quar_add(struct c2g_quar *q, u8 family, const u8 *addr, s64 secs,
		 const struct c2g_quar_why *why, gfp_t gfp,
		 struct netlink_ext_ack *extack)
{
	struct c2g_quar_host *h, *old;
	u64 now = get_jiffies_64(), expires;
	int err = 0;

	if (c2g_quar_local(q->net, family, addr)) {
		c2g_stats_inc(q->stats, C2G_STAT_QUAR_REFUSED);
		NL_SET_ERR_MSG_MOD(extack,
				   "an address of this gateway (or loopback, multicast, broadcast, unspecified) is never quarantined");
		return -EINVAL;
	}
	if (secs < 0)
		secs = READ_ONCE(q->time);
	expires = secs ? now + (u64)secs * HZ : 0;

	h = kzalloc(sizeof(*h), gfp);
	if (!h)
		return -ENOMEM;
	c2g_quar_key(&h->key, family, addr);
	atomic64_set(&h->drops, 0);
	h->expires = expires;
	h->since = ktime_get_real_ns();
	h->reason = why->reason;
	h->alert_seq = why->alert_seq;
	if (why->tag)
		strscpy(h->tag, why->tag, sizeof(h->tag));
	if (why->name)
		strscpy(h->name, why->name->s, sizeof(h->name));

	spin_lock_bh(&q->lock);
	old = rhashtable_lookup_fast(&q->hosts, &h->key, c2g_quar_params);
	if (old && !c2g_quar_lapsed(old, now)) {
		/* In quarantine already: the new time only. */
		q->timed += !!expires - !!old->expires;
		WRITE_ONCE(old->expires, expires);
		spin_unlock_bh(&q->lock);
		kfree(h);
		goto timed;
	}
	if (old && !c2g_quar_unlink(q, old))
		kfree_rcu(old, rcu);
	if (q->count >= C2GUARD_QUARANTINE_MAX) {
		spin_unlock_bh(&q->lock);
		kfree(h);
		c2g_stats_inc(q->stats, C2G_STAT_QUAR_REFUSED);
		NL_SET_ERR_MSG_MOD(extack, "quarantine full (C2GUARD_QUARANTINE_MAX hosts)");
		return -ENOSPC;
	}
	err = rhashtable_insert_fast(&q->hosts, &h->node, c2g_quar_params);
	if (!err) {
		WRITE_ONCE(q->count, q->count + 1);
		if (expires)
			q->timed++;
	}
	spin_unlock_bh(&q->lock);
	if (err) {
		kfree(h);
		return err;
	}
	c2g_stats_inc(q->stats, C2G_STAT_QUARANTINES);
	/* Its established flows go, in process context. */
	schedule_work(&q->kill);
timed:
	if (expires)
		queue_delayed_work(system_power_efficient_wq, &q->gc,
				   C2G_QUAR_GC_INTERVAL);
	return 0;
}

/* Release @addr: 0, or -ENOENT when it is not in quarantine. */
int c2g_quar_del(struct c2g_quar *q, u8 family, const u8 *addr)
{
	struct c2g_quar_host *h;
	struct c2g_quar_key k;
	int err = -ENOENT;

	c2g_quar_key(&k, family, addr);
	spin_lock_bh(&q->lock);
	h = rhashtable_lookup_fast(&q->hosts, &k, c2g_quar_params);
	if (h && !c2g_quar_lapsed(h, get_jiffies_64()))
		err = c2g_quar_unlink(q, h);
	spin_unlock_bh(&q->lock);
	if (!err)
		kfree_rcu(h, rcu);
	return err;
}

void c2g_quar_set_time(struct c2g_quar *q, u32 secs)
{
	lockdep_assert_held(q->cfg_lock);

	WRITE_ONCE(q->time, secs);
}

/* Does conntrack entry @ct belong to a host in quarantine? */
static int c2g_quar_ct_cut(struct nf_conn *ct, void *data)
{
	const struct nf_conntrack_tuple *o, *r;
	struct c2g_quar *q = data;
	u64 now = get_jiffies_64();
	bool cut;
	u8 family;

	switch (nf_ct_l3num(ct)) {
	case NFPROTO_IPV4:
		family = AF_INET;
		break;
	case NFPROTO_IPV6:
		family = AF_INET6;
		break;
	default:
		return 0;
	}
	o = &ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple;
	r = &ct->tuplehash[IP_CT_DIR_REPLY].tuple;
	rcu_read_lock();
	/* Both directions: a NATed flow has the inside host in one only. */
	cut = c2g_quar_cut(q, family, (const u8 *)o->src.u3.all,
			   (const u8 *)o->dst.u3.all, now) ||
	      c2g_quar_cut(q, family, (const u8 *)r->src.u3.all,
			   (const u8 *)r->dst.u3.all, now);
	rcu_read_unlock();
	return cut;
}

static void c2g_quar_kill_work(struct work_struct *work)
{
	struct c2g_quar *q = container_of(work, struct c2g_quar, kill);
	struct nf_ct_iter_data d = {
		.net = q->net,
		.data = q,
	};

	if (!READ_ONCE(q->count))
		return;
	nf_ct_iterate_cleanup_net(c2g_quar_ct_cut, &d);
}

static void c2g_quar_gc_work(struct work_struct *work)
{
	struct c2g_quar *q = container_of(to_delayed_work(work),
					  struct c2g_quar, gc);
	struct rhashtable_iter iter;
	struct c2g_quar_host *h;
	u64 now = get_jiffies_64();
	bool more;

	rhashtable_walk_enter(&q->hosts, &iter);
	rhashtable_walk_start(&iter);
	while ((h = rhashtable_walk_next(&iter))) {
		if (IS_ERR(h))
			continue;
		if (!c2g_quar_lapsed(h, now))
			continue;
		spin_lock_bh(&q->lock);
		/* Renewed meanwhile, or released: its caller's business. */
		if (!c2g_quar_lapsed(h, now) || c2g_quar_unlink(q, h))
			h = NULL;
		spin_unlock_bh(&q->lock);
		if (h)
			kfree_rcu(h, rcu);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);

	spin_lock_bh(&q->lock);
	more = q->timed;
	spin_unlock_bh(&q->lock);
	if (more)
		queue_delayed_work(system_power_efficient_wq, &q->gc,
				   C2G_QUAR_GC_INTERVAL);
}

/* --- host-allow -------------------------------------------------------- */

static int c2g_quar_allow_find(const struct c2g_quar_allow *al,
			       const struct c2g_quar_pfx *p)
{
	unsigned int i;

	for (i = 0; al && i < al->n; i++)
		if (al->e[i].family == p->family && al->e[i].plen == p->plen &&
		    !memcmp(al->e[i].addr, p->addr, sizeof(p->addr)))
			return i;
	return -1;
}

/*
 * Replace the list by @old with entry @del removed (-1: none) and @add
 * appended (NULL: none).  Under c2g_net.lock.
 */
static int c2g_quar_allow_set(struct c2g_quar *q,
			      const struct c2g_quar_allow *old, int del,
			      const struct c2g_quar_pfx *add)
{
	unsigned int i, n = 0, have = old ? old->n : 0;
	struct c2g_quar_allow *al;

	al = kzalloc(struct_size(al, e, have + 1), GFP_KERNEL_ACCOUNT);
	if (!al)
		return -ENOMEM;
	for (i = 0; i < have; i++)
		if ((int)i != del)
			al->e[n++] = old->e[i];
	if (add)
		al->e[n++] = *add;
	al->n = n;
	rcu_assign_pointer(q->allow, al);
	if (old)
		kfree_rcu((struct c2g_quar_allow *)old, rcu);
	return 0;
}

/* Add host-allow destination @p (host bits clear).  Under c2g_net.lock. */
int c2g_quar_allow_add(struct c2g_quar *q, const struct c2g_quar_pfx *p,
		       struct netlink_ext_ack *extack)
{
	const struct c2g_quar_allow *al;

	al = rcu_dereference_protected(q->allow, lockdep_is_held(q->cfg_lock));
	if (c2g_quar_allow_find(al, p) >= 0) {
		NL_SET_ERR_MSG_MOD(extack, "host-allow destination listed already");
		return -EEXIST;
	}
	if (al && al->n >= C2GUARD_HOST_ALLOW_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "host-allow list full (C2GUARD_HOST_ALLOW_MAX)");
		return -ENOSPC;
	}
	return c2g_quar_allow_set(q, al, -1, p);
}

/*
 * Remove host-allow destination @p: the flows of hosts in quarantine with
 * it end too.  Under c2g_net.lock.
 */
int c2g_quar_allow_del(struct c2g_quar *q, const struct c2g_quar_pfx *p)
{
	const struct c2g_quar_allow *al;
	int i, err;

	al = rcu_dereference_protected(q->allow, lockdep_is_held(q->cfg_lock));
	i = c2g_quar_allow_find(al, p);
	if (i < 0)
		return -ENOENT;
	err = c2g_quar_allow_set(q, al, i, NULL);
	if (!err)
		schedule_work(&q->kill);
	return err;
}

unsigned int c2g_quar_allow_count(struct c2g_quar *q)
{
	const struct c2g_quar_allow *al;
	unsigned int n;

	rcu_read_lock();
	al = rcu_dereference(q->allow);
	n = al ? al->n : 0;
	rcu_read_unlock();
	return n;
}

/* Entry @i of the host-allow list into *@p; false past the end. */
bool c2g_quar_allow_get(struct c2g_quar *q, unsigned int i,
			struct c2g_quar_pfx *p)
{
	const struct c2g_quar_allow *al;
	bool ok;

	rcu_read_lock();
	al = rcu_dereference(q->allow);
	ok = al && i < al->n;
	if (ok)
		*p = al->e[i];
	rcu_read_unlock();
	return ok;
}

/* --- dumps ------------------------------------------------------------- */

void c2g_quar_walk_enter(struct c2g_quar *q, struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&q->hosts, iter);
}

/*
 * The live entry the walk is at, copied into *@v; false at the end.
 * Between rhashtable_walk_start() and rhashtable_walk_stop().
 */
bool c2g_quar_walk_peek(struct rhashtable_iter *iter, struct c2g_quar_view *v)
{
	u64 now = get_jiffies_64(), exp;
	struct c2g_quar_host *h;

	for (h = rhashtable_walk_peek(iter); h; h = rhashtable_walk_next(iter)) {
		if (IS_ERR(h) || c2g_quar_lapsed(h, now))
			continue;
		v->key = h->key;
		v->since = h->since;
		v->alert_seq = h->alert_seq;
		v->drops = atomic64_read(&h->drops);
		exp = READ_ONCE(h->expires);
		v->left = exp ? DIV_ROUND_UP_ULL(exp - now, HZ) : 0;
		v->reason = h->reason;
		memcpy(v->tag, h->tag, sizeof(v->tag));
		memcpy(v->name, h->name, sizeof(v->name));
		return true;
	}
	return false;
}

/* --- setup ------------------------------------------------------------- */

int c2g_quar_init(struct c2g_quar *q, struct net *net, struct mutex *lock,
		  struct c2g_stats __percpu *stats)
{
	spin_lock_init(&q->lock);
	q->net = net;
	q->cfg_lock = lock;
	q->stats = stats;
	q->time = C2GUARD_DEFAULT_QUARANTINE_TIME;
	INIT_WORK(&q->kill, c2g_quar_kill_work);
	INIT_DELAYED_WORK(&q->gc, c2g_quar_gc_work);
	return rhashtable_init(&q->hosts, &c2g_quar_params);
}

/*
 * Netns pre_exit, after the hooks went: no new work from requests; a
 * packet still in flight may queue some, which c2g_quar_destroy() cancels.
 */
void c2g_quar_stop(struct c2g_quar *q)
{
	cancel_work_sync(&q->kill);
	cancel_delayed_work_sync(&q->gc);
}

static void c2g_quar_free(void *ptr, void *arg)
{
	kfree(ptr);
}

/* Netns exit: no packet and no request can reach @q any more. */
void c2g_quar_destroy(struct c2g_quar *q)
{
	c2g_quar_stop(q);
	rhashtable_free_and_destroy(&q->hosts, c2g_quar_free, NULL);
	kfree(rcu_dereference_protected(q->allow, true));
}
