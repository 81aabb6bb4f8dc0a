/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside hosts and the evidence about them: what c2ctl hosts lists, and
 * the risk that raises host-risk alerts (hosts.c, scored by risk.c).
 */
#ifndef _C2G_HOSTS_H
#define _C2G_HOSTS_H

#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <linux/c2guard.h>

#include "name.h"
#include "quarantine.h"
#include "risk.h"
#include "stats.h"

/* Per-reason alert counts, then beacon-near and dyndns. */
#define C2G_HOST_REASONS	__C2GUARD_REASON_MAX
#define C2G_HOST_COUNTS		(C2G_HOST_REASONS + 2)

/* What a piece of evidence says, as the detector hands it over. */
struct c2g_host_note {
	u8 kind;			/* enum c2guard_host_evidence */
	u8 reason;			/* EV_ALERT: enum c2guard_reason */
	u8 family;			/* of @addr */
	u8 proto;
	__be16 port;
	const u8 *addr;			/* the remote end, or NULL */
	const char *tag;		/* NULL: none */
	const struct c2g_name *name;	/* NULL: none */
	u32 value;
};

/*
 * One piece of evidence kept about a host: its identity (everything but
 * @tag, @value and the counters) and what was seen.  @name is allocated
 * for it, or NULL.
 */
struct c2g_host_ev {
	u64 first;			/* wall clock, ns */
	u64 last;
	u32 count;
	u32 value;
	u16 weight;
	u8 kind;
	u8 reason;
	u8 family;
	u8 proto;
	__be16 port;
	u8 addr[16];
	char tag[C2GUARD_TAG_MAX];
	char *name;
};

/*
 * One inside host.  Found under RCU; its state changes under @lock;
 * created, evicted and removed under c2g_hosts.lock, marked @dead under
 * both and freed after a grace period (its names with it).
 */
struct c2g_host {
	struct rhash_head node;
	struct list_head list;		/* c2g_hosts.list, c2g_hosts.lock */
	struct rcu_head rcu;
	struct c2g_quar_key key;
	spinlock_t lock;		/* @dead and the rest */
	bool dead;
	u8 nev;
	u64 first;			/* wall clock, ns */
	u64 last;
	u64 last_ms;			/* c2g_now_ms(); READ_ONCE outside @lock */
	struct c2g_risk risk;
	u32 counts[C2G_HOST_COUNTS];
	struct c2g_host_ev ev[C2GUARD_HOST_EVIDENCE_MAX];	/* oldest first */
};

/* A copy of a host, for a dump or a host-risk alert. */
struct c2g_host_view {
	struct c2g_quar_key key;
	u64 first;			/* wall clock, ns */
	u64 last;
	u32 risk;
	u32 risk_alerts;
	u32 counts[C2G_HOST_COUNTS];
	unsigned int nev;
	struct {
		struct c2g_host_ev e;	/* e.name points to @name */
		char name[C2G_NAME_MAX + 1];
	} ev[C2GUARD_HOST_EVIDENCE_MAX];
};

/*
 * A netns's hosts.  @lock guards the table's membership: @list, @count;
 * entries change under their own lock.  The settings change under
 * @cfg_lock (c2g_net.lock) and are read with READ_ONCE.
 */
struct c2g_hosts {
	spinlock_t lock;		/* see above */
	struct rhashtable table;
	struct list_head list;		/* oldest first */
	unsigned int count;		/* READ_ONCE outside @lock */
	atomic64_t bytes;
	u32 max;
	u32 threshold;
	u32 half_life;			/* seconds */
	u8 action;
	struct mutex *cfg_lock;		/* see above */
	struct c2g_stats __percpu *stats;
	struct delayed_work gc;
};

int c2g_hosts_init(struct c2g_hosts *h, struct mutex *cfg_lock,
		   struct c2g_stats __percpu *stats);
void c2g_hosts_stop(struct c2g_hosts *h);
void c2g_hosts_destroy(struct c2g_hosts *h);

/* Is evidence kept at all?  For the packet path. */
static inline bool c2g_hosts_on(struct c2g_hosts *h)
{
	return READ_ONCE(h->max);
}

struct c2g_host_view *c2g_hosts_note(struct c2g_hosts *h, u8 family,
				     const u8 *host,
				     const struct c2g_host_note *n);
void c2g_hosts_configure(struct c2g_hosts *h, u32 max, u32 threshold,
			 u32 half_life, u8 action);
unsigned int c2g_hosts_flush(struct c2g_hosts *h);
void c2g_hosts_counts(struct c2g_hosts *h, u32 *hosts, u64 *mem);
void c2g_hosts_walk_enter(struct c2g_hosts *h, struct rhashtable_iter *iter);
bool c2g_hosts_walk_peek(struct c2g_hosts *h, struct rhashtable_iter *iter,
			 u64 now, struct c2g_host_view *v);

#endif /* _C2G_HOSTS_H */
