/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Longest-prefix match over a fixed set of IPv4 or IPv6 prefixes: built
 * once from the whole set, then read-only, so that any number of readers
 * use it without locks while a new one is built beside it.  See lpm.c.
 *
 * Pure C (pure.h): the module, the unit tests, the fuzzer and the
 * benchmarks build the same file.  Nothing here allocates: the caller
 * sizes the structure with c2g_lpm_plan() and hands c2g_lpm_fill() one
 * block of that size.
 */
#ifndef _C2G_LPM_H
#define _C2G_LPM_H

#include "pure.h"

#define C2G_LPM_NONE	0xffffffffu

/*
 * One prefix of the set.  @hi and @lo are the address in host order, most
 * significant bits first: an IPv6 address is hi:lo, an IPv4 address is the
 * top 32 bits of @hi (and @lo is 0).  Bits past @plen must be clear.
 * @value is the caller's (say the index of its entry), never C2G_LPM_NONE.
 */
struct c2g_lpm_pfx {
	u64 hi;
	u64 lo;
	u32 value;
	u8 plen;
};

/*
 * What c2g_lpm_plan() found: the sizes c2g_lpm_fill() needs.
 * @bits: 32 or 128; @n: prefixes; @nint: intervals (the prefixes, plus one
 * for each point where a prefix ends inside another and the outer one
 * takes over again); @dbits: bits of the direct index (the filter's are
 * 3 more); @size: bytes of the block c2g_lpm_fill() wants.
 */
struct c2g_lpm_plan {
	u32 n;
	u32 nint;
	u8 bits;
	u8 dbits;
	size_t size;
};

/*
 * The structure, at the start of its block.  @filter has a bit per value
 * of an address's top @fbits bits (@dbits + 3), set if a prefix holds an
 * address starting so.  @direct has (1 << @dbits) + 1 entries: the first
 * interval of each value of an address's top @dbits bits.  The intervals
 * follow, sorted by their first address.
 */
struct c2g_lpm {
	u32 nint;
	u8 bits;
	u8 dbits;
	u8 fbits;
	const u8 *filter;
	const u32 *direct;
	const void *iv;
};

/*
 * Sort @p (@n prefixes of a @bits-bit family), check it and plan the
 * structure.  -EINVAL for a bad length, set bits past a length or a
 * @bits other than 32 or 128, -EEXIST when a prefix is there twice,
 * -E2BIG past U32_MAX - 1 intervals.
 * If @parent is not NULL, @parent[i] is set to the value of the longest
 * other prefix of the set holding @p[i] (after the sort), or C2G_LPM_NONE.
 */
int c2g_lpm_plan(struct c2g_lpm_pfx *p, u32 n, unsigned int bits,
		 u32 *parent, struct c2g_lpm_plan *plan);

/* Sort @p and drop repeated prefixes; the number left. */
u32 c2g_lpm_unique(struct c2g_lpm_pfx *p, u32 n);

/*
 * Build the structure into @mem (@plan->size bytes, 8-byte aligned) from
 * @p as c2g_lpm_plan() left it; returns it (it is @mem).  If @first is not
 * NULL, @first[i] is set to the interval @p[i] starts.
 */
struct c2g_lpm *c2g_lpm_fill(void *mem, const struct c2g_lpm_pfx *p,
			     const struct c2g_lpm_plan *plan, u32 *first);

/*
 * The first address (16 bytes, network order) of interval @iv of an IPv6
 * structure: for the one a prefix starts, the prefix's address.
 */
const u8 *c2g_lpm_start6(const struct c2g_lpm *l, u32 iv);

/*
 * The value of the longest prefix holding @addr (4 or 16 bytes, network
 * order), or C2G_LPM_NONE if none does.
 */
u32 c2g_lpm_lookup(const struct c2g_lpm *l, const u8 *addr);

/* The same, for an address given as c2g_lpm_key() gives it. */
u32 c2g_lpm_lookup_key(const struct c2g_lpm *l, u64 hi, u64 lo);

/* What c2g_lpm_lookup_pair() found for each of its two addresses. */
struct c2g_lpm_pair {
	u32 a;
	u32 b;
};

/*
 * c2g_lpm_lookup_key() for two addresses, @a (@ahi, @alo) and @b: the two
 * ends of a flow in one call, whose walks share no data, so that a CPU
 * can overlap their cache misses.  Returned by value (8 bytes, in a
 * register): the caller keeps nothing on its stack for it.
 */
struct c2g_lpm_pair c2g_lpm_lookup_pair(const struct c2g_lpm *l, u64 ahi,
					u64 alo, u64 bhi, u64 blo);

/*
 * Inline, as the module's lookups use them: a call costs about as much as
 * each of them.
 */

/* The host part of a /@plen of a @bits-bit family, as hi, lo masks. */
static inline void c2g_lpm_hostmask(u8 plen, unsigned int bits, u64 *mhi,
				    u64 *mlo)
{
	/* an IPv4 address is the top 32 bits of hi: its host part ends at 32 */
	u64 floor = bits == 32 ? ~0ULL >> 32 : 0;

	if (plen >= 64) {
		*mhi = 0;
		*mlo = plen >= 128 ? 0 : ~0ULL >> (plen - 64);
	} else {
		*mhi = (plen ? ~0ULL >> plen : ~0ULL) & ~floor;
		*mlo = bits == 32 ? 0 : ~0ULL;
	}
}

/* Does prefix @hi:@lo/@plen of a @bits-bit family hold address @ahi:@alo? */
static inline bool c2g_lpm_holds(u64 hi, u64 lo, u8 plen, unsigned int bits,
				 u64 ahi, u64 alo)
{
	u64 mhi, mlo;

	c2g_lpm_hostmask(plen, bits, &mhi, &mlo);
	return (ahi & ~mhi) == hi && (alo & ~mlo) == lo;
}

static inline u32 c2g_lpm_be32(const u8 *a)
{
	return (u32)a[0] << 24 | (u32)a[1] << 16 | (u32)a[2] << 8 | a[3];
}

static inline u64 c2g_lpm_be64(const u8 *a)
{
	return (u64)c2g_lpm_be32(a) << 32 | c2g_lpm_be32(a + 4);
}

/* @a (4 or 16 bytes, network order) as a prefix's hi, lo. */
static inline void c2g_lpm_key(const u8 *a, unsigned int bits, u64 *hi,
			       u64 *lo)
{
	if (bits == 32) {
		*hi = (u64)c2g_lpm_be32(a) << 32;
		*lo = 0;
	} else {
		*hi = c2g_lpm_be64(a);
		*lo = c2g_lpm_be64(a + 8);
	}
}

#endif /* _C2G_LPM_H */
