/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packed store of address and prefix keys: a snapshot of one family's
 * keys with their claims and hit counts, searched in one step whatever
 * their lengths (lpm.c), and the lengths of the keys added since, which
 * live in the table's hash until the next snapshot.  See addrs.c.
 */
#ifndef _C2G_ADDRS_H
#define _C2G_ADDRS_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "lpm.h"

struct c2g_cset;

/*
 * The keys of one family as they were when built, sorted (a key's place
 * is its slot).  Per slot: the key's length, the slot of the longest other
 * key holding it (C2G_LPM_NONE for none), its address (network order), its
 * claims and its hit count.  Only the claims change after the build: a
 * slot's set is swapped for another under the table's lock, and is NULL
 * once the key is taken out (until the key is listed again, or the next
 * snapshot leaves it out).  Readers take the set with rcu_dereference().
 */
struct c2g_addrsnap {
	struct rcu_head rcu;
	size_t size;			/* bytes, all of it */
	u32 n;
	u32 live;			/* slots with claims, under the lock */
	u32 id;				/* the table's count of snapshots */
	u8 bits;			/* 32 or 128 */
	const u8 *plen;
	const u32 *parent;
	/*
	 * IPv4: the n keys, 4 bytes each.  IPv6: per key, the interval of
	 * @lpm it starts, which holds its address (16 bytes it need not
	 * keep twice).
	 */
	union {
		const u8 *key;
		const u32 *first;
	};
	struct c2g_cset __rcu **cset;
	atomic64_t *hits;
	struct c2g_lpm lpm;
};

/*
 * What readers take (under RCU): the snapshot, if any, and the lengths of
 * the keys added since it was built, longest first.  A new view replaces
 * it when one more length is added or a snapshot is built.
 */
struct c2g_addrview {
	struct rcu_head rcu;
	struct c2g_addrsnap *snap;
	unsigned int ndelta;
	u8 delta[129];
};

/* Most lengths a lookup probes (IPv6: /0 to /128). */
#define C2G_ADDR_LENS		129

struct c2g_addrsnap *c2g_addrsnap_build(struct c2g_lpm_pfx *p, u32 n,
					unsigned int bits,
					struct c2g_cset *const *cset,
					const u64 *hits);
void c2g_addrsnap_free(struct c2g_addrsnap *s);
u32 c2g_addrsnap_find(const struct c2g_addrsnap *s, const u8 *addr, u8 plen);

/*
 * The slot of the longest key of @s holding @addr (4 or 16 bytes, network
 * order), or C2G_LPM_NONE; the others holding it are its parents.  Under
 * RCU, or the table's lock.
 */
static inline u32 c2g_addrsnap_first(const struct c2g_addrsnap *s,
				     const u8 *addr)
{
	u64 hi, lo;

	if (!s->n)
		return C2G_LPM_NONE;
	c2g_lpm_key(addr, s->bits, &hi, &lo);
	return c2g_lpm_lookup_key(&s->lpm, hi, lo);
}

/*
 * c2g_addrsnap_first() for two addresses at once, @a into .a and @b into
 * .b: a new flow's destination and source, in one call.
 */
static inline struct c2g_lpm_pair
c2g_addrsnap_pair(const struct c2g_addrsnap *s, const u8 *a, const u8 *b)
{
	u64 ahi, alo, bhi, blo;

	if (!s->n)
		return (struct c2g_lpm_pair){ C2G_LPM_NONE, C2G_LPM_NONE };
	c2g_lpm_key(a, s->bits, &ahi, &alo);
	c2g_lpm_key(b, s->bits, &bhi, &blo);
	return c2g_lpm_lookup_pair(&s->lpm, ahi, alo, bhi, blo);
}

/* The address of slot @i, network order. */
static inline const u8 *c2g_addrsnap_key(const struct c2g_addrsnap *s, u32 i)
{
	if (s->bits == 128)
		return c2g_lpm_start6(&s->lpm, s->first[i]);
	return s->key + (size_t)i * 4;
}

#endif /* _C2G_ADDRS_H */
