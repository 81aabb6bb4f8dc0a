/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Quarantine: inside hosts cut off from everything but the host-allow
 * destinations (quarantine.c).
 */
#ifndef _C2G_QUARANTINE_H
#define _C2G_QUARANTINE_H

#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <linux/c2guard.h>

#include "name.h"
#include "stats.h"

struct c2g_pkt;
struct netlink_ext_ack;

/* A host's identity: its address (IPv4 in the first 4 bytes), family. */
struct c2g_quar_key {
	u8 addr[16];
	u32 family;
};

void c2g_quar_key(struct c2g_quar_key *k, u8 family, const u8 *addr);

/*
 * One host in quarantine.  Found under RCU by the packet path; added and
 * removed under c2g_quar.lock, freed after a grace period.  Everything
 * but @drops and @expires is written once before the entry is inserted;
 * @expires is rewritten under the lock (a second quarantine of the host)
 * and read with READ_ONCE.
 */
struct c2g_quar_host {
	struct rhash_head node;
	struct c2g_quar_key key;
	struct rcu_head rcu;
	atomic64_t drops;
	u64 expires;			/* jiffies64, 0: until released */
	u64 since;			/* wall clock, ns */
	u64 alert_seq;
	u8 reason;			/* enum c2guard_reason, NONE: by hand */
	char tag[C2GUARD_TAG_MAX];
	char name[C2G_NAME_MAX + 1];
};

/* What triggered a quarantine, for the record. */
struct c2g_quar_why {
	u8 reason;
	u64 alert_seq;
	const char *tag;		/* NULL: none */
	const struct c2g_name *name;	/* NULL: none */
};

/* A host-allow destination. */
struct c2g_quar_pfx {
	u8 family;
	u8 plen;
	u8 addr[16];
};

/* The host-allow list, replaced whole under c2g_net.lock. */
struct c2g_quar_allow {
	struct rcu_head rcu;
	unsigned int n;
	struct c2g_quar_pfx e[];
};

/*
 * A netns's quarantine.  @lock (a spinlock: actions quarantine from the
 * packet path) guards changes of @hosts, @count and @timed; the packet path
 * reads @count and the table under RCU.  @allow and @time change under
 * c2g_net.lock (@cfg_lock) and are read under RCU / READ_ONCE.  @kill ends
 * the conntrack flows of the hosts in quarantine, @gc releases the hosts
 * whose time is up.
 */
struct c2g_quar {
	spinlock_t lock;		/* see above */
	struct rhashtable hosts;
	unsigned int count;
	unsigned int timed;
	u32 time;			/* seconds, 0: until released */
	struct c2g_quar_allow __rcu *allow;
	struct mutex *cfg_lock;		/* c2g_net.lock: @allow, @time */
	struct net *net;
	struct c2g_stats __percpu *stats;
	struct work_struct kill;
	struct delayed_work gc;
};

/* A copy of an entry, for a dump. */
struct c2g_quar_view {
	struct c2g_quar_key key;
	u64 since;
	u64 alert_seq;
	u64 drops;
	u32 left;			/* seconds, 0: until released */
	u8 reason;
	char tag[C2GUARD_TAG_MAX];
	char name[C2G_NAME_MAX + 1];
};

int c2g_quar_init(struct c2g_quar *q, struct net *net, struct mutex *lock,
		  struct c2g_stats __percpu *stats);
void c2g_quar_stop(struct c2g_quar *q);
void c2g_quar_destroy(struct c2g_quar *q);

/* Is any host in quarantine?  For the packet path. */
static inline bool c2g_quar_any(struct c2g_quar *q)
{
	return READ_ONCE(q->count);
}

unsigned int c2g_quar_packet(struct c2g_quar *q, struct c2g_pkt *pkt);
int c2g_quar_add(struct c2g_quar *q, u8 family, const u8 *addr, s64 secs,
		 const struct c2g_quar_why *why, gfp_t gfp,
		 struct netlink_ext_ack *extack);
int c2g_quar_del(struct c2g_quar *q, u8 family, const u8 *addr);
bool c2g_quar_local(struct net *net, u8 family, const u8 *addr);
void c2g_quar_set_time(struct c2g_quar *q, u32 secs);

int c2g_quar_allow_add(struct c2g_quar *q, const struct c2g_quar_pfx *p,
		       struct netlink_ext_ack *extack);
int c2g_quar_allow_del(struct c2g_quar *q, const struct c2g_quar_pfx *p);
unsigned int c2g_quar_allow_count(struct c2g_quar *q);
bool c2g_quar_allow_get(struct c2g_quar *q, unsigned int i,
			struct c2g_quar_pfx *p);

void c2g_quar_walk_enter(struct c2g_quar *q, struct rhashtable_iter *iter);
bool c2g_quar_walk_peek(struct rhashtable_iter *iter,
			struct c2g_quar_view *v);

#endif /* _C2G_QUARANTINE_H */
