/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which prefix lengths an address lookup probes: a snapshot of the table's
 * address and prefix keys, searched in one step whatever their lengths
 * (lpm.c), and the lengths of the keys added since.  See addrs.c.
 */
#ifndef _C2G_ADDRS_H
#define _C2G_ADDRS_H

#include <linux/rcupdate.h>
#include <linux/types.h>

#include "lpm.h"

/*
 * The keys of one family as they were when built; never changed after.
 * Per value (a key): its length, the value of the longest other key
 * holding it (C2G_LPM_NONE for none) and its address.
 */
struct c2g_addrsnap {
	struct rcu_head rcu;
	size_t size;			/* bytes, all of it */
	u32 n;
	u8 bits;			/* 32 or 128 */
	const u8 *plen;
	const u32 *parent;
	const u64 *key;			/* IPv4: n (the hi); IPv6: 2n (hi, lo) */
	const struct c2g_lpm *lpm;
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

/* Most lengths c2g_addrview_lengths() gives. */
#define C2G_ADDR_LENS		129

struct c2g_addrsnap *c2g_addrsnap_build(struct c2g_lpm_pfx *p, u32 n,
					unsigned int bits);
void c2g_addrsnap_free(struct c2g_addrsnap *s);
unsigned int c2g_addrview_lengths(const struct c2g_addrview *v,
				  const u8 *addr, u8 *len);

#endif /* _C2G_ADDRS_H */
