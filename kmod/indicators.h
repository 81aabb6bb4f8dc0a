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

#include "addrs.h"
#include "name.h"

struct mutex;
struct netlink_ext_ack;

enum c2g_key_type {
	C2G_K_V4,		/* IPv4 address or prefix */
	C2G_K_V6,		/* IPv6 address or prefix */
	C2G_K_NAME,		/* domain name, exact */
	C2G_K_SUFFIX,		/* domain name and every name below it */
	C2G_K_PORT,		/* IPv4/IPv6 address, port and protocol */
	C2G_K_ANSWER,		/* IPv4/IPv6 address in DNS answers */
	C2G_K_JA4,		/* JA4 fingerprint of a ClientHello */
	C2G_K_URL,		/* http URL: host, path prefix, query */
	C2G_K_MAX
};

/* A port key's data: the address, the port (big endian), the protocol. */
#define C2G_PORT_KEY_EXTRA	3

/*
 * Identity of an indicator, as lookups present it: the hash table compares
 * it with an entry's type, plen, len and data.  Addresses are masked to the
 * prefix length and always 4 or 16 bytes long; names are in the text form
 * of name.h, without the NUL; a port key is an exact address followed by
 * C2G_PORT_KEY_EXTRA bytes (its plen is the address's full length); an
 * answer key is an exact address (plen likewise); a JA4 key is the
 * fingerprint's C2GUARD_JA4_LEN characters (plen 0); a URL key is
 * "HOST/PATH" or "HOST/PATH?QUERY" (see c2g_ind_lookup_url(); plen 0).
 */
struct c2g_key {
	u8 type;
	u8 plen;
	u8 len;
	const u8 *data;
};

/*
 * A source of indicators: the entries added by hand (c2g_ind_table.manual)
 * or a named feed (feeds.c).  A feed is replaced as a whole: its new
 * generation is staged into the table beside the live one and made live by
 * one store to @live (see "Generations" in indicators.c).
 *
 * @live: the generation readers take, smp_load_acquire() on read
 * @expires: jiffies64 after which the live generation lapses (0: never);
 *	written before @live is released, READ_ONCE on read
 * @staging: the generation being staged, 0 for none
 * @next: the last generation number handed out
 * @count: entries of the live generation, by enum c2g_key_type
 * @scount: entries of the staging generation, likewise
 * @kept: entries of the live generation the staging one lists again
 * @name: the feed's name, "" for the manual source
 * The rest is under the table's lock, as is its place in the list.
 */
struct c2g_source {
	struct list_head list;		/* in c2g_ind_table.srcs */
	u32 live;
	u32 staging;
	u32 next;
	u64 expires;
	u64 stage_expires;
	unsigned int count[C2G_K_MAX];
	unsigned int scount[C2G_K_MAX];
	unsigned int kept;
	char name[C2GUARD_TAG_MAX];
};

/*
 * What a source says of the keys it lists: shared by every claim with the
 * same source, action and tag, so a feed of a million entries has one.  A
 * bound address carries its own copy, with @src NULL (bound.c).
 */
struct c2g_attr {
	struct list_head list;		/* in c2g_ind_table.attrs, lock */
	struct c2g_source *src;
	unsigned int refs;		/* claims using it, lock */
	struct rcu_head rcu;
	u8 action;
	char tag[C2GUARD_TAG_MAX];
};

/*
 * One source listing one key.  A claim is live while its source's live
 * generation g satisfies @from <= g <= @last (see c2g_claim_live());
 * @from and @last may be rewritten in place (READ_ONCE on read) only in
 * ways that keep the claim live for the generation readers see.
 * @expires is jiffies64 (0: never), the claim's own lifetime (manual
 * entries and bound addresses).
 */
struct c2g_claim {
	struct c2g_attr *attr;
	u64 expires;
	u32 from;
	u32 last;
};

/*
 * One key and the sources listing it.  Readers find it under RCU from the
 * packet path; all changes go through c2g_net.lock (bound.lock for the
 * bound table).  An entry is never modified in place but for its hit count
 * and its claims' generations: adding or removing a claim builds a new
 * entry swapped in with rhashtable_replace_fast(), the old one freed after
 * a grace period.
 *
 * The key follows the claims: c2g_ind_data() is a 16-byte address, or a
 * name and its NUL.  A bound address (C2G_IND_BOUND, in the bound table)
 * has one claim, whose attribute lives after its address, followed by the
 * name it was bound from: see c2g_ind_bound_name().
 */
struct c2g_ind {
	struct rhash_head node;
	atomic64_t hits;
	struct rcu_head rcu;
	u8 type;			/* enum c2g_key_type */
	u8 plen;
	u8 len;
	u8 flags;			/* C2G_IND_* */
	u8 nclaims;
	struct c2g_claim claim[];
};

#define C2G_IND_BOUND		0x1
/* Being folded into a snapshot: see c2g_addrs_fold(). */
#define C2G_IND_FOLDING		0x2

/*
 * A set of claims, shared by every snapshot slot listed alike (addrs.h):
 * a feed of a million addresses has one or a few.  Interned in the table
 * by its claims, under its lock; never changed once made (a slot whose
 * claims change takes another set); freed after a grace period once no
 * slot uses it.  It holds a reference on each claim's attribute.
 */
struct c2g_cset {
	struct hlist_node node;		/* in c2g_ind_table.cs_hash, lock */
	struct rcu_head rcu;
	unsigned int refs;		/* slots using it, lock */
	u32 hash;
	u8 n;
	struct c2g_claim claim[];
};

/* Most claims an entry may hold: see c2g_ind_stage(). */
#define C2G_CLAIMS_MAX		(2 * (C2GUARD_FEEDS_MAX + 1))

static inline u8 *c2g_ind_data(const struct c2g_ind *ind)
{
	return (u8 *)&ind->claim[ind->nclaims];
}

/* The attribute of a bound address whose key is at @data. */
static inline struct c2g_attr *c2g_bound_attr_at(const u8 *data)
{
	return (struct c2g_attr *)(data + 16);
}

static inline struct c2g_attr *c2g_ind_bound_attr(const struct c2g_ind *ind)
{
	return c2g_bound_attr_at(c2g_ind_data(ind));
}

/* The name a bound address was resolved from. */
static inline const char *c2g_ind_bound_name(const struct c2g_ind *ind)
{
	return (const char *)(c2g_ind_bound_attr(ind) + 1);
}

static inline u8 c2g_ind_family(const struct c2g_ind *ind)
{
	return ind->type == C2G_K_V6 || ind->plen == 128 ? AF_INET6 : AF_INET;
}

/* The address family of an address, port or answer key. */
static inline u8 c2g_ind_family_of_key(const struct c2g_key *key)
{
	return key->type == C2G_K_V6 || key->plen == 128 ? AF_INET6 : AF_INET;
}

/*
 * What a lookup found, or what a dump shows of one key: the key, its
 * claims, its hit count, and the claim deciding about it (an allowlisting
 * one if any, else the strongest action); @claim is NULL when nothing was
 * found.  The key is a hash entry (struct c2g_ind) or a slot of an address
 * snapshot (addrs.h); the pointers are into it, and hold as long as the
 * RCU read-side section in which it was found.
 */
struct c2g_hit {
	const struct c2g_claim *claim;
	const struct c2g_claim *claims;
	const u8 *data;
	atomic64_t *hits;
	u8 type;
	u8 plen;
	u8 len;
	u8 flags;			/* C2G_IND_* */
	u8 nclaims;
};

static inline u8 c2g_hit_action(const struct c2g_hit *hit)
{
	return hit->claim->attr->action;
}

/* The name a bound address (@hit from the bound table) was resolved from. */
static inline const char *c2g_hit_bound_name(const struct c2g_hit *hit)
{
	return (const char *)(c2g_bound_attr_at(hit->data) + 1);
}

/* @hit as the entry @ind shows it, decided by @by. */
static inline void c2g_hit_of_ind(struct c2g_hit *hit, struct c2g_ind *ind,
				  const struct c2g_claim *by)
{
	hit->claim = by;
	hit->claims = ind->claim;
	hit->nclaims = ind->nclaims;
	hit->data = c2g_ind_data(ind);
	hit->hits = &ind->hits;
	hit->type = ind->type;
	hit->plen = ind->plen;
	hit->len = ind->len;
	hit->flags = ind->flags;
}

bool c2g_claim_live(const struct c2g_claim *c, u64 now);

/*
 * A netns's indicators.  Changed under @lock (the netns's c2g_net.lock);
 * the packet path reads the table, the prefix lists and the counts marked
 * READ_ONCE under RCU.
 */
struct c2g_ind_table {
	struct mutex *lock;		/* see above */
	struct rhashtable table;
	/* Address keys in their snapshots, and the lengths added since. */
	struct c2g_addrview __rcu *addrs[2];	/* [0] IPv4, [1] IPv6 */
	/* Lengths of the keys added to the hash since each snapshot. */
	unsigned long delta_lens[2][BITS_TO_LONGS(129)];
	/* Keys added or taken out since each family's snapshot. */
	unsigned int addrs_changes[2];
	struct delayed_work addrs_work;
	u32 snaps;				/* snapshots built */
	/* The claim sets of snapshot slots, interned by their claims. */
	struct hlist_head *cs_hash;
	unsigned int cs_bits;
	unsigned int ncsets;
	size_t cs_bytes;
	/* Room for an entry's claims, for a change to a slot's. */
	struct c2g_claim *scratch;
	/* Entries per enum c2g_key_type, READ_ONCE on read. */
	unsigned int count[C2G_K_MAX];
	/* Address entries with an ALLOW claim, likewise. */
	unsigned int allow_count[2];
	/* Suffix entries by label count, and a bit per count in use. */
	unsigned int suffix_labels[C2G_LABELS_MAX + 1];
	DECLARE_BITMAP(suffix_label_bits, C2G_LABELS_MAX + 1);
	unsigned int timed;			/* claims with a timeout */
	unsigned int timed_srcs;		/* sources with one */
	u64 name_bytes;				/* of name entries */
	u32 generation;				/* READ_ONCE on read */
	struct c2g_source manual;
	struct list_head srcs;
	struct list_head attrs;
	struct c2g_attr *last_attr;		/* lookup cache */
	struct delayed_work gc_work;
	atomic64_t expired;
};

extern const struct rhashtable_params c2g_rht_params;

int c2g_ind_module_init(void);
void c2g_ind_module_exit(void);
int c2g_ind_init(struct c2g_ind_table *t, struct mutex *lock);
void c2g_ind_destroy(struct c2g_ind_table *t);
bool c2g_ind_lookup_addr(struct c2g_ind_table *t, u8 family, const u8 *addr,
			 struct c2g_hit *hit);

/* Which ends of a flow c2g_ind_lookup_ends() found an entry for. */
#define C2G_END_DST	0x1u
#define C2G_END_SRC	0x2u

unsigned int c2g_ind_lookup_ends(struct c2g_ind_table *t, u8 family,
				 const u8 *daddr, const u8 *saddr,
				 struct c2g_hit *dst, struct c2g_hit *src);
bool c2g_ind_lookup_name(struct c2g_ind_table *t,
			 const struct c2g_name *name, struct c2g_hit *hit);
bool __c2g_ind_lookup_port(struct c2g_ind_table *t, u8 family,
			   const u8 *addr, __be16 port, u8 proto,
			   struct c2g_hit *hit);
bool c2g_ind_lookup_ja4(struct c2g_ind_table *t, const char *ja4,
			struct c2g_hit *hit);

/* An HTTP request's URL, as c2g_ind_lookup_url() looks it up. */
struct c2g_url {
	const struct c2g_name *host;
	const char *path;		/* starting with '/' */
	size_t plen;			/* 0: "/" */
	const char *query;		/* after the '?' */
	size_t qlen;
	bool has_query;
};

/* Longest URL key: a key's length is a u8. */
#define C2G_URL_KEY_MAX		C2GUARD_URL_MAX
/* Most path prefixes a URL lookup probes. */
#define C2G_URL_PROBES		16

bool c2g_ind_lookup_url(struct c2g_ind_table *t, const struct c2g_url *url,
			struct c2g_hit *hit);
bool c2g_ind_lookup_answer(struct c2g_ind_table *t, u8 family,
			   const u8 *addr, struct c2g_hit *hit);
const struct c2g_claim *c2g_claims_decide(const struct c2g_claim *claims,
					  unsigned int n, u64 now);
bool c2g_ind_allowed_addr(struct c2g_ind_table *t, u8 family, const u8 *addr);
bool c2g_ind_allowed_name(struct c2g_ind_table *t, const struct c2g_name *name);
int c2g_ind_add(struct c2g_ind_table *t, const struct c2g_key *key, u8 action,
		const char *tag, u32 timeout, bool replace,
		struct netlink_ext_ack *extack);
int c2g_ind_del(struct c2g_ind_table *t, const struct c2g_key *key,
		bool *fed);
unsigned int c2g_ind_flush(struct c2g_ind_table *t, const char *tag);
int c2g_ind_stage(struct c2g_ind_table *t, struct c2g_source *src,
		  const struct c2g_key *key, u8 action, const char *tag,
		  struct netlink_ext_ack *extack);
void c2g_ind_src_begin(struct c2g_ind_table *t, struct c2g_source *src,
		       u32 timeout);
void c2g_ind_src_commit(struct c2g_ind_table *t, struct c2g_source *src);
void c2g_ind_src_abort(struct c2g_ind_table *t, struct c2g_source *src);
void c2g_ind_src_clear(struct c2g_ind_table *t, struct c2g_source *src);
unsigned int c2g_source_total(const unsigned int *count);
void c2g_ind_walk_enter(struct c2g_ind_table *t, struct rhashtable_iter *iter);
bool c2g_ind_snap_next(struct c2g_ind_table *t, unsigned int fi, u32 *pos,
		       struct c2g_hit *hit);
u32 c2g_ind_snap_ids(struct c2g_ind_table *t);
bool c2g_ind_folded(struct c2g_ind_table *t, const struct c2g_ind *ind);
u32 c2g_claim_timeout_left(const struct c2g_claim *c);
u64 c2g_ind_mem(struct c2g_ind_table *t);
u32 c2g_ind_max(void);
void c2g_ind_lpm_counts(struct c2g_ind_table *t, u32 *keys, u32 *pending);
void c2g_key_addr(struct c2g_key *key, u8 family, const u8 *addr, u8 plen);
void c2g_key_port(struct c2g_key *key, u8 family, u8 *buf, __be16 port,
		  u8 proto);
void c2g_key_answer(struct c2g_key *key, u8 family, const u8 *addr);

/* Does the table hold answer addresses?  READ_ONCE, for the packet path. */
static inline bool c2g_ind_have_answers(struct c2g_ind_table *t)
{
	return READ_ONCE(t->count[C2G_K_ANSWER]);
}

static inline bool c2g_ind_have_ja4(struct c2g_ind_table *t)
{
	return READ_ONCE(t->count[C2G_K_JA4]);
}

static inline bool c2g_ind_have_urls(struct c2g_ind_table *t)
{
	return READ_ONCE(t->count[C2G_K_URL]);
}

/* Does the table hold names or suffixes? */
static inline bool c2g_ind_have_names(struct c2g_ind_table *t)
{
	return READ_ONCE(t->count[C2G_K_NAME]) ||
	       READ_ONCE(t->count[C2G_K_SUFFIX]);
}

/*
 * __c2g_ind_lookup_port(), inline up to the count of port entries: every
 * new flow asks, and few tables hold any.
 */
static inline bool c2g_ind_lookup_port(struct c2g_ind_table *t, u8 family,
				       const u8 *addr, __be16 port, u8 proto,
				       struct c2g_hit *hit)
{
	hit->claim = NULL;
	if (!READ_ONCE(t->count[C2G_K_PORT]))
		return false;
	return __c2g_ind_lookup_port(t, family, addr, port, proto, hit);
}

/*
 * How severe an action is: QUARANTINE > REJECT > DROP > MARK > ALERT (and
 * ALLOW).
 */
static inline unsigned int c2g_rank(u8 action)
{
	switch (action) {
	case C2GUARD_ACT_QUARANTINE:
		return 5;
	case C2GUARD_ACT_REJECT:
		return 4;
	case C2GUARD_ACT_DROP:
		return 3;
	case C2GUARD_ACT_MARK:
		return 2;
	default:
		return 1;
	}
}

/* Does @action stop the flow (DROP, REJECT, QUARANTINE)? */
static inline bool c2g_action_cuts(u8 action)
{
	return action == C2GUARD_ACT_DROP || action == C2GUARD_ACT_REJECT ||
	       action == C2GUARD_ACT_QUARANTINE;
}

#endif /* _C2G_INDICATORS_H */
