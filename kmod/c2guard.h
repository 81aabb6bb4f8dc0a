/* SPDX-License-Identifier: GPL-2.0 */
/*
 * c2guard internal declarations shared by the module's files.
 */
#ifndef _C2GUARD_H
#define _C2GUARD_H

#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/percpu.h>
#include <linux/rhashtable.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <linux/c2guard.h>

#include "addr.h"

#ifndef C2GUARD_VERSION
#define C2GUARD_VERSION "unknown"
#endif

/* A flow matched within this window of an identical earlier one is a repeat. */
#define C2G_REPEAT_WINDOW	(60 * HZ)

/* Key of an indicator: family, prefix length and the masked address. */
struct c2g_key {
	u8 family;
	u8 plen;
	u8 pad[2];
	u8 addr[16];
} __aligned(4);

struct c2g_tag {
	struct list_head list;		/* in c2g_net.tags, under c2g_net.lock */
	unsigned int refs;		/* indicators using it, under c2g_net.lock */
	struct rcu_head rcu;
	char name[C2GUARD_TAG_MAX];
};

/*
 * One indicator.  Readers find it under RCU from the packet path; all
 * changes go through c2g_net.lock and an indicator is never modified in
 * place except for its statistics: a replacement is a new object swapped in
 * with rhashtable_replace_fast(), the old one freed after a grace period.
 */
struct c2g_ind {
	struct rhash_head node;
	struct c2g_key key;
	u32 last_flow;			/* hash of the last reported flow */
	struct c2g_tag *tag;		/* stays valid as long as the indicator */
	u64 expires;			/* jiffies64; 0: never */
	atomic64_t hits;
	u32 last_flow_at;		/* low 32 bits of jiffies at that report */
	u8 action;
	struct rcu_head rcu;
};

/* Prefix lengths present in the table for one family, longest first. */
struct c2g_plens {
	struct rcu_head rcu;
	unsigned int n;
	u8 len[129];
};

enum c2g_stat {
	C2G_STAT_PACKETS,
	C2G_STAT_FLOWS,
	C2G_STAT_MATCHES,
	C2G_STAT_ALERTS,
	C2G_STAT_SUPPRESSED,
	C2G_STAT_DROPPED,
	C2G_STAT_REJECTED,
	C2G_STAT_MARKED,
	C2G_STAT_UNTRACKED,
	C2G_STAT_ALERT_FAILS,
	C2G_STAT_REPEATS,
	C2G_STAT_MAX
};

/* Per-CPU packet path counters; 64-bit reads of them may tear on 32-bit. */
struct c2g_stats {
	u64 v[C2G_STAT_MAX];
};

struct c2g_net {
	struct net *net;

	/* Serialises every change of the table, tags, config and hooks. */
	struct mutex lock;
	struct rhashtable table;
	struct c2g_plens __rcu *plens[2];	/* [0] IPv4, [1] IPv6 */
	unsigned int plen_count[2][129];	/* under lock */
	unsigned int count[2];			/* under lock, READ_ONCE on read */
	unsigned int timed;			/* entries with a timeout, lock */
	u32 generation;				/* under lock, READ_ONCE on read */
	struct list_head tags;
	struct c2g_tag *last_tag;		/* lookup cache, under lock */
	struct delayed_work gc_work;
	atomic64_t expired;
	bool hooks_on;				/* under lock */

	/* Conntrack mark for C2GUARD_ACT_MARK: (value << 32) | mask. */
	u64 mark;

	/* Alert sequence numbers and rate limit. */
	spinlock_t alert_lock;
	u64 alert_seq;
	u32 alert_suppressed;
	u32 alert_rate;				/* per second; 0: unlimited */
	u32 alert_burst;
	u64 alert_budget;			/* ns of credit */
	u64 alert_last;				/* ktime ns of last refill */

	struct c2g_stats __percpu *stats;
};

/* Everything the hooks learned about a flow's first packet. */
struct c2g_flow {
	u8 family;
	u8 proto;
	u8 hook;
	u8 dir;
	bool has_ports;
	__be16 sport;
	__be16 dport;
	int iif;
	u8 saddr[16];
	u8 daddr[16];
};

static inline void c2g_stat_inc(struct c2g_net *cn, enum c2g_stat i)
{
	this_cpu_inc(cn->stats->v[i]);
}

/* main.c */
extern unsigned int c2g_net_id;
static inline struct c2g_net *c2g_pernet(struct net *net)
{
	return net_generic(net, c2g_net_id);
}

/* indicators.c */
int c2g_ind_cache_init(void);
void c2g_ind_cache_exit(void);
int c2g_table_init(struct c2g_net *cn);
void c2g_table_destroy(struct c2g_net *cn);
struct c2g_ind *c2g_ind_lookup(struct c2g_net *cn, u8 family, const u8 *addr);
int c2g_ind_add(struct c2g_net *cn, const struct c2g_key *key, u8 action,
		const char *tag, u32 timeout, bool replace,
		struct netlink_ext_ack *extack);
int c2g_ind_del(struct c2g_net *cn, const struct c2g_key *key);
unsigned int c2g_ind_flush(struct c2g_net *cn, const char *tag);
u32 c2g_ind_timeout_left(const struct c2g_ind *ind);
bool c2g_ind_expired(const struct c2g_ind *ind);
u64 c2g_table_mem(struct c2g_net *cn);
unsigned int c2g_addr_len(u8 family);

/* hooks.c */
int c2g_hooks_enable(struct c2g_net *cn);
void c2g_hooks_disable(struct c2g_net *cn);

/* alerts.c */
void c2g_alert_init(struct c2g_net *cn);
void c2g_alert(struct c2g_net *cn, const struct c2g_flow *flow,
	       const struct c2g_ind *ind, u8 action);
void c2g_alert_set_rate(struct c2g_net *cn, u32 rate, u32 burst);

/* netlink.c */
extern struct genl_family c2g_genl_family;
extern bool c2g_genl_closing;
int c2g_genl_init(void);
void c2g_genl_uninit(void);
int c2g_nl_put_ind(struct sk_buff *skb, int attrtype,
		   const struct c2g_ind *ind, bool with_stats);

#endif /* _C2GUARD_H */
