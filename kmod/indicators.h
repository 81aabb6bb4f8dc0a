/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The indicator table: addresses, prefixes, names and suffixes, with their
 * actions and tags.  See indicators.c.
 */
#ifndef _C2G_INDICATORS_H
#define _C2G_INDICATORS_H

#include <linux/atomic.h>
#include <linux/rhashtable.h>
#include <linux/socket.h>
#include <linux/workqueue.h>

#include <linux/c2guard.h>

#include "name.h"

struct mutex;
struct netlink_ext_ack;

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
	struct list_head list;		/* in c2g_ind_table.tags, lock */
	unsigned int refs;		/* indicators using it, lock */
	struct rcu_head rcu;
	char name[C2GUARD_TAG_MAX];
};

/*
 * One indicator.  Readers find it under RCU from the packet path; all
 * changes go through c2g_net.lock (bound.lock for the bound table) and an
 * indicator is never modified in place except for its hit count: a
 * replacement is a new object swapped in with rhashtable_replace_fast(),
 * the old one freed after a grace period.
 *
 * @data holds the key: a 16-byte address, or a name and its NUL.  An
 * address bound from a DNS answer (C2G_IND_BOUND, in the bound table) has
 * no tag object: its data carries the address, then a copy of the tag
 * (C2GUARD_TAG_MAX bytes), then the bound name and its NUL.
 */
struct c2g_ind {
	struct rhash_head node;
	struct c2g_tag *tag;		/* stays valid as long as the indicator */
	u64 expires;			/* jiffies64; 0: never */
	atomic64_t hits;
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

/*
 * A netns's indicators.  Changed under @lock (the netns's c2g_net.lock);
 * the packet path reads the table, the prefix lists and the counts marked
 * READ_ONCE under RCU.
 */
struct c2g_ind_table {
	struct mutex *lock;		/* see above */
	struct rhashtable table;
	struct c2g_plens __rcu *plens[2];	/* [0] IPv4, [1] IPv6 */
	unsigned int plen_count[2][129];
	/* Entries per enum c2g_key_type, READ_ONCE on read. */
	unsigned int count[C2G_K_MAX];
	unsigned int allow_count[2];		/* ALLOW addresses, likewise */
	/* Suffix entries by label count, and a bit per count in use. */
	unsigned int suffix_labels[C2G_LABELS_MAX + 1];
	DECLARE_BITMAP(suffix_label_bits, C2G_LABELS_MAX + 1);
	unsigned int timed;			/* entries with a timeout */
	u64 name_bytes;				/* of name entries */
	u32 generation;				/* READ_ONCE on read */
	struct list_head tags;
	struct c2g_tag *last_tag;		/* lookup cache */
	struct delayed_work gc_work;
	atomic64_t expired;
};

extern const struct rhashtable_params c2g_rht_params;

int c2g_ind_module_init(void);
void c2g_ind_module_exit(void);
int c2g_ind_init(struct c2g_ind_table *t, struct mutex *lock);
void c2g_ind_destroy(struct c2g_ind_table *t);
struct c2g_ind *c2g_ind_lookup_addr(struct c2g_ind_table *t, u8 family,
				    const u8 *addr);
struct c2g_ind *c2g_ind_lookup_name(struct c2g_ind_table *t,
				    const struct c2g_name *name);
bool c2g_ind_allowed_addr(struct c2g_ind_table *t, u8 family, const u8 *addr);
bool c2g_ind_allowed_name(struct c2g_ind_table *t, const struct c2g_name *name);
bool c2g_ind_have_names(struct c2g_ind_table *t);
int c2g_ind_add(struct c2g_ind_table *t, const struct c2g_key *key, u8 action,
		const char *tag, u32 timeout, bool replace,
		struct netlink_ext_ack *extack);
int c2g_ind_del(struct c2g_ind_table *t, const struct c2g_key *key);
unsigned int c2g_ind_flush(struct c2g_ind_table *t, const char *tag);
void c2g_ind_walk_enter(struct c2g_ind_table *t, struct rhashtable_iter *iter);
u32 c2g_ind_timeout_left(const struct c2g_ind *ind);
bool c2g_ind_expired(const struct c2g_ind *ind);
u64 c2g_ind_mem(struct c2g_ind_table *t);
void c2g_key_addr(struct c2g_key *key, u8 family, const u8 *addr, u8 plen);

#endif /* _C2G_INDICATORS_H */
