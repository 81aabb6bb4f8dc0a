/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DNS behaviour tracking: the inside hosts and the names whose DNS
 * messages dnsbeh.c judges, their bounds and the detectors' settings; see
 * dnstrack.c.
 */
#ifndef _C2G_DNSTRACK_H
#define _C2G_DNSTRACK_H

#include <linux/rhashtable.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "dnsbeh.h"
#include "stats.h"

struct mutex;

/* Detectors (c2g_dnsb_cfg.on): C2G_DNSB_F_DGA, C2G_DNSB_F_NX and this. */
#define C2G_DNSB_F_FLUX		4

/* The detectors' settings: replaced as a whole, read under RCU. */
struct c2g_dnsb_cfg {
	struct rcu_head rcu;
	struct c2g_dnsb_params p;
	u8 on;				/* C2G_DNSB_F_* */
	u8 dga_action;
	u8 nx_action;
	u8 flux_action;
	u32 hosts_max;
	u32 names_max;
};

/* One table: hosts or names. */
struct c2g_dt_tab {
	struct rhashtable ht;
	struct list_head list;		/* oldest first, c2g_dtrack.lock */
	unsigned int count;		/* lock; READ_ONCE on read */
	u64 bytes;			/* lock */
};

/*
 * An entry: an inside host (key: family, 16-byte address) or a name (key:
 * the name).  Found under RCU; its state changes under @lock; created,
 * evicted and removed under c2g_dtrack.lock, marked @dead under both and
 * freed after a grace period.
 */
struct c2g_dt_ent {
	struct rhash_head node;
	struct list_head list;		/* c2g_dt_tab.list, c2g_dtrack.lock */
	struct rcu_head rcu;
	spinlock_t lock;		/* @dead and the state */
	bool dead;
	u8 klen;
	u64 seen_ms;			/* last message; READ_ONCE */
	union {
		struct c2g_dnsb_host host;
		struct c2g_dnsb_name name;
	};
	u8 key[];
};

/*
 * A netns's tracking.  @cfg is replaced under @cfg_lock (the netns's
 * c2g_net.lock), which also serialises @on changes; the tables change
 * under @lock.
 */
struct c2g_dtrack {
	struct mutex *cfg_lock;		/* see above */
	struct c2g_dnsb_cfg __rcu *cfg;
	u8 on;				/* cfg->on; READ_ONCE on read */
	spinlock_t lock;		/* see above */
	struct c2g_dt_tab hosts;
	struct c2g_dt_tab names;
	struct delayed_work gc_work;
	struct c2g_stats __percpu *stats;
};

int c2g_dtrack_init(struct c2g_dtrack *t, struct mutex *cfg_lock,
		    struct c2g_stats __percpu *stats);
void c2g_dtrack_destroy(struct c2g_dtrack *t);

const struct c2g_dnsb_cfg *c2g_dtrack_cfg(struct c2g_dtrack *t);
void c2g_dtrack_configure(struct c2g_dtrack *t, struct c2g_dnsb_cfg *cfg);

/*
 * The entry of inside host @addr (@family: C2G_AF_INET or C2G_AF_INET6),
 * made if missing and @create; NULL if none could be.  Under RCU.
 */
struct c2g_dt_ent *c2g_dtrack_host(struct c2g_dtrack *t,
				   const struct c2g_dnsb_cfg *cfg, u8 family,
				   const u8 *addr, bool create, u64 now);
/* The entry of name @s (@len bytes), likewise. */
struct c2g_dt_ent *c2g_dtrack_name(struct c2g_dtrack *t,
				   const struct c2g_dnsb_cfg *cfg,
				   const char *s, unsigned int len,
				   bool create, u64 now);

void c2g_dtrack_counts(struct c2g_dtrack *t, u32 *hosts, u32 *names,
		       u64 *mem);
unsigned int c2g_dtrack_flush(struct c2g_dtrack *t);

#endif /* _C2G_DNSTRACK_H */
