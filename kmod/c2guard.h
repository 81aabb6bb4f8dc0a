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
#include <net/netfilter/nf_conntrack.h>
#include <net/netfilter/nf_conntrack_labels.h>

#include <linux/c2guard.h>

#include "addr.h"
#include "beacon.h"
#include "name.h"

#ifndef C2GUARD_VERSION
#define C2GUARD_VERSION "unknown"
#endif

/*
 * Conntrack label bits c2guard owns (see inspect.c): the highest two of
 * the 128.  nf_connlabels_get() takes the number of the highest bit used.
 */
#define C2G_LABEL_BITS		128
#define C2G_LABEL_TIME		96	/* 30 bits: the flow's clock (channel.c) */
#define C2G_LABEL_INSPECT	126	/* examine the next client payload */
#define C2G_LABEL_DROP		127	/* drop every packet of the flow */

/* The label bits of @ct (its label area), or NULL if it has none. */
static inline unsigned long *c2g_ct_labels(struct nf_conn *ct)
{
	struct nf_conn_labels *labels = ct ? nf_ct_labels_find(ct) : NULL;

	return labels ? labels->bits : NULL;
}

/* A flow matched within this window of an identical earlier one is a repeat. */
#define C2G_REPEAT_WINDOW	(60 * HZ)

enum c2g_key_type {
	C2G_K_V4,		/* IPv4 address or prefix */
	C2G_K_V6,		/* IPv6 address or prefix */
	C2G_K_NAME,		/* domain name, exact */
	C2G_K_SUFFIX,		/* domain name and every name below it */
	C2G_K_MAX
};

/*
 * Identity of an indicator, as lookups present it: the hash table compares
 * it with an entry's type, plen, len and data.  Addresses are masked to the
 * prefix length and always 4 or 16 bytes long; names are in the text form
 * of name.h, without the NUL.
 */
struct c2g_key {
	u8 type;
	u8 plen;
	u8 len;
	const u8 *data;
};

struct c2g_tag {
	struct list_head list;		/* in c2g_net.tags, under c2g_net.lock */
	unsigned int refs;		/* indicators using it, under c2g_net.lock */
	struct rcu_head rcu;
	char name[C2GUARD_TAG_MAX];
};

/*
 * One indicator.  Readers find it under RCU from the packet path; all
 * changes go through c2g_net.lock (c2g_net.bind_lock for the bound table)
 * and an indicator is never modified in place except for its statistics:
 * a replacement is a new object swapped in with rhashtable_replace_fast(),
 * the old one freed after a grace period.
 *
 * @data holds the key: a 16-byte address, or a name and its NUL.  An
 * address bound from a DNS answer (C2G_IND_BOUND, in c2g_net.bound) has no
 * tag object: its data carries the address, then a copy of the tag
 * (C2GUARD_TAG_MAX bytes), then the bound name and its NUL.
 */
struct c2g_ind {
	struct rhash_head node;
	struct c2g_tag *tag;		/* stays valid as long as the indicator */
	u64 expires;			/* jiffies64; 0: never */
	atomic64_t hits;
	u32 last_flow;			/* hash of the last reported flow */
	u32 last_flow_at;		/* low 32 bits of jiffies at that report */
	struct rcu_head rcu;
	u8 type;			/* enum c2g_key_type */
	u8 plen;
	u8 len;
	u8 action;
	u8 flags;			/* C2G_IND_* */
	u8 data[] __aligned(4);
};

#define C2G_IND_BOUND		0x1

static inline const char *c2g_ind_tag(const struct c2g_ind *ind)
{
	return ind->tag ? ind->tag->name : (const char *)ind->data + 16;
}

/* The name a bound address was resolved from. */
static inline const char *c2g_ind_bound_name(const struct c2g_ind *ind)
{
	return (const char *)ind->data + 16 + C2GUARD_TAG_MAX;
}

static inline u8 c2g_ind_family(const struct c2g_ind *ind)
{
	return ind->type == C2G_K_V6 ? AF_INET6 : AF_INET;
}

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
	C2G_STAT_ALLOWED,
	C2G_STAT_DNS_QUERIES,
	C2G_STAT_DNS_ANSWERS,
	C2G_STAT_DNS_MALFORMED,
	C2G_STAT_DNS_TRUNCATED,
	C2G_STAT_BIND_ADDED,
	C2G_STAT_BIND_REFUSED,
	C2G_STAT_TLS_SNI,
	C2G_STAT_TLS_NO_SNI,
	C2G_STAT_TLS_PARTIAL,
	C2G_STAT_HTTP_HOST,
	C2G_STAT_HTTP_PARTIAL,
	C2G_STAT_NOLABELS,
	C2G_STAT_BEACON_EVENTS,
	C2G_STAT_BEACON_ALERTS,
	C2G_STAT_BEACON_EVICTED,
	C2G_STAT_BEACON_REFUSED,
	C2G_STAT_BEACON_EXPIRED,
	C2G_STAT_BEACON_EXEMPT,
	C2G_STAT_BEACON_NOLABELS,
	C2G_STAT_MAX
};

/*
 * Beacon detection settings of a netns (channel.c): replaced as a whole
 * under c2g_net.lock, read under RCU.
 */
struct c2g_bcfg {
	struct rcu_head rcu;
	struct c2g_beacon_params p;
	u32 idle_ms;
	u32 max;			/* channels */
	u8 action;
	u8 nports;
	u32 ports[C2GUARD_BEACON_ALLOW_PORTS_MAX];	/* proto << 16 | port */
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
	/* Entries per enum c2g_key_type; under lock, READ_ONCE on read. */
	unsigned int count[C2G_K_MAX];
	unsigned int allow_count[2];		/* ALLOW addresses, likewise */
	/* Suffix entries by label count, and a bit per count in use. */
	unsigned int suffix_labels[C2G_LABELS_MAX + 1];	/* under lock */
	DECLARE_BITMAP(suffix_label_bits, C2G_LABELS_MAX + 1);
	unsigned int timed;			/* entries with a timeout, lock */
	u64 name_bytes;				/* of name entries, under lock */
	u32 generation;				/* under lock, READ_ONCE on read */
	struct list_head tags;
	struct c2g_tag *last_tag;		/* lookup cache, under lock */
	struct delayed_work gc_work;
	atomic64_t expired;
	bool hooks_on;				/* under lock */
	bool labels_on;				/* under lock */

	/*
	 * Addresses bound from DNS answers: added from the packet path, so
	 * they live in a table of their own, changed under a spinlock.
	 */
	struct rhashtable bound;
	spinlock_t bind_lock;			/* changes of bound */
	unsigned int bound_count;		/* bind_lock, READ_ONCE on read */

	/* Settings, READ_ONCE on read, written under lock. */
	u16 dns_port;
	u8 dns_rcode;
	u32 bind_ttl_min;			/* seconds */
	u32 bind_ttl_max;
	u32 bind_max;

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

	/*
	 * Beacon channels (channel.c).  Channels and sources are created,
	 * evicted and removed under beacon_lock; a channel's history changes
	 * under its own lock.
	 */
	struct c2g_bcfg __rcu *bcfg;
	bool beacon_on;				/* lock + beacon_lock to set */
	struct rhashtable chans;
	struct rhashtable srcs;
	spinlock_t beacon_lock;			/* channel table changes */
	struct list_head bc_sources;		/* beacon_lock */
	struct c2g_src *bc_heavy;		/* beacon_lock; NULL: unknown */
	unsigned int bc_count;			/* beacon_lock, READ_ONCE */
	unsigned int bc_nsrc;			/* beacon_lock */
	u64 bc_bytes;				/* beacon_lock */
	atomic_t bc_flagged;			/* channels that alerted */
	struct delayed_work beacon_gc;

	struct c2g_stats __percpu *stats;
};

/* Everything the hooks learned about a packet and its flow. */
struct c2g_flow {
	u8 family;
	u8 proto;
	u8 hook;
	u8 dir;
	bool has_ports;
	__be16 sport;
	__be16 dport;
	int iif;
	int thoff;			/* transport header offset, -1: none */
	u8 saddr[16];
	u8 daddr[16];
};

struct c2g_chan;

/* A consistent copy of what a dump or an alert reports about a channel. */
struct c2g_chan_view {
	const struct c2g_chan *ch;
	struct c2g_beacon_score s;
	u64 age_ms;
	u64 idle_ms;
	u32 alerts;
};

/*
 * Why an alert was raised: enum c2guard_reason, the name if any, the
 * beacon channel for REASON_BEACON.
 */
struct c2g_why {
	u8 reason;
	const struct c2g_name *name;
	const struct c2g_chan_view *beacon;
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
extern const struct rhashtable_params c2g_rht_params;
int c2g_ind_cache_init(void);
void c2g_ind_cache_exit(void);
int c2g_table_init(struct c2g_net *cn);
void c2g_table_destroy(struct c2g_net *cn);
struct c2g_ind *c2g_lookup_addr(struct c2g_net *cn, u8 family,
				const u8 *addr);
struct c2g_ind *c2g_lookup_name(struct c2g_net *cn,
				const struct c2g_name *name);
int c2g_ind_add(struct c2g_net *cn, const struct c2g_key *key, u8 action,
		const char *tag, u32 timeout, bool replace,
		struct netlink_ext_ack *extack);
int c2g_ind_del(struct c2g_net *cn, const struct c2g_key *key);
unsigned int c2g_ind_flush(struct c2g_net *cn, const char *tag);
u32 c2g_ind_timeout_left(const struct c2g_ind *ind);
bool c2g_ind_expired(const struct c2g_ind *ind);
void c2g_ind_free(struct c2g_ind *ind);
u64 c2g_table_mem(struct c2g_net *cn);
unsigned int c2g_addr_len(u8 family);
void c2g_key_addr(struct c2g_key *key, u8 family, const u8 *addr, u8 plen);

/* bound.c */
int c2g_bound_init(struct c2g_net *cn);
void c2g_bound_destroy(struct c2g_net *cn);
struct c2g_ind *c2g_bound_lookup(struct c2g_net *cn, u8 family,
				 const u8 *addr);
void c2g_bind(struct c2g_net *cn, const struct c2g_ind *by,
	      const struct c2g_name *name, u8 family, const u8 *addr,
	      u32 ttl);
int c2g_bound_del(struct c2g_net *cn, const struct c2g_key *key);
unsigned int c2g_bound_flush(struct c2g_net *cn, const char *tag);
unsigned int c2g_bound_expire(struct c2g_net *cn);
u64 c2g_bound_mem(struct c2g_net *cn);

/* inspect.c */
int c2g_inspect_init(void);
void c2g_inspect_exit(void);
unsigned int c2g_inspect_confirmed(struct c2g_net *cn, struct sk_buff *skb,
				   struct nf_conn *ct,
				   enum ip_conntrack_info ctinfo,
				   unsigned long *labels,
				   const struct nf_hook_state *state);
unsigned int c2g_inspect_first(struct c2g_net *cn, struct sk_buff *skb,
			       struct nf_conn *ct, struct c2g_flow *flow,
			       const struct nf_hook_state *state);
bool c2g_inspect_peek_name(struct sk_buff *skb, const struct c2g_flow *flow,
			   struct c2g_name *name);

/* channel.c */
int c2g_beacon_cache_init(void);
void c2g_beacon_cache_exit(void);
int c2g_beacons_init(struct c2g_net *cn);
void c2g_beacons_destroy(struct c2g_net *cn);
const struct c2g_bcfg *c2g_beacon_cfg(struct c2g_net *cn);
int c2g_beacon_configure(struct c2g_net *cn, struct c2g_bcfg *cfg, bool on);
unsigned int c2g_beacon_flush(struct c2g_net *cn);
void c2g_beacon_forget_key(struct c2g_net *cn, const struct c2g_key *key);
void c2g_beacon_counts(struct c2g_net *cn, u32 *channels, u32 *sources,
		       u64 *mem);
unsigned int c2g_beacon_packet(struct c2g_net *cn, struct sk_buff *skb,
			       struct nf_conn *ct,
			       enum ip_conntrack_info ctinfo,
			       unsigned long *labels,
			       const struct nf_hook_state *state);
int c2g_beacon_nl_put(struct sk_buff *skb, int attrtype,
		      const struct c2g_chan_view *v);
size_t c2g_beacon_nl_size(void);
int c2g_beacon_dump(struct sk_buff *skb, struct netlink_callback *cb);

/* hooks.c */
int c2g_hooks_enable(struct c2g_net *cn);
void c2g_hooks_disable(struct c2g_net *cn);
int c2g_labels_enable(struct c2g_net *cn);
u8 c2g_report(struct c2g_net *cn, const struct c2g_flow *flow,
	      struct c2g_ind *ind, const struct c2g_why *why);
unsigned int c2g_apply(struct c2g_net *cn, struct sk_buff *skb,
		       struct nf_conn *ct, const struct c2g_flow *flow,
		       u8 action, const struct nf_hook_state *state);
void c2g_flow_parse(struct sk_buff *skb, const struct nf_hook_state *state,
		    struct c2g_flow *flow);
void c2g_set_mark(struct c2g_net *cn, struct sk_buff *skb,
		  struct nf_conn *ct);

/* reject.c */
void c2g_reject(struct sk_buff *skb, const struct c2g_flow *f,
		const struct nf_hook_state *state);
void c2g_dns_answer(struct net *net, struct sk_buff *oldskb,
		    const struct c2g_flow *f, const u8 *msg, size_t len);

/* alerts.c */
void c2g_alert_init(struct c2g_net *cn);
void c2g_alert(struct c2g_net *cn, const struct c2g_flow *flow,
	       const struct c2g_ind *ind, u8 action, const struct c2g_why *why);
void c2g_alert_set_rate(struct c2g_net *cn, u32 rate, u32 burst);

/* netlink.c */
extern struct genl_family c2g_genl_family;
extern bool c2g_genl_closing;
int c2g_genl_init(void);
void c2g_genl_uninit(void);
int c2g_nl_put_ind(struct sk_buff *skb, int attrtype,
		   const struct c2g_ind *ind, bool with_stats);

#endif /* _C2GUARD_H */
