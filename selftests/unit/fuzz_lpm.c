// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/lpm.c.
 *
 * The input is a script on a set of prefixes of one family (its first
 * byte): insert a prefix, delete one, look an address up, rebuild the
 * structure from the set.  After each rebuild, every parent is checked,
 * and every lookup (the script's and those at each prefix's edges) must
 * give what a scan of the set built from gives: the longest prefix holding
 * the address, or none.  Each prefix's first interval must follow the one
 * before's and, for IPv6, start with its address.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lpm.h"

#define SET_MAX	256

static struct c2g_lpm_pfx set[SET_MAX], built[SET_MAX], work[SET_MAX];
static u32 nset, nbuilt;

/* a scan of what was built: the longest holding hi:lo, of length < below */
static u32 scan(unsigned int bits, u64 hi, u64 lo, unsigned int below)
{
	u32 best = C2G_LPM_NONE, i;
	int bl = -1;

	for (i = 0; i < nbuilt; i++)
		if (built[i].plen < below && (int)built[i].plen > bl &&
		    c2g_lpm_holds(built[i].hi, built[i].lo, built[i].plen,
				  bits, hi, lo)) {
			best = built[i].value;
			bl = built[i].plen;
		}
	return best;
}

/* the address check() looked up before, in prev_l (NULL: none yet) */
static const struct c2g_lpm *prev_l;
static u64 prev_hi, prev_lo;
static u32 prev_v;

static void check(const struct c2g_lpm *l, unsigned int bits, u64 hi, u64 lo)
{
	struct c2g_lpm_pair ab, ba;
	u8 a[16];
	unsigned int i;
	u32 v;

	for (i = 0; i < 8; i++) {
		a[i] = hi >> (56 - 8 * i);
		a[8 + i] = lo >> (56 - 8 * i);
	}
	/* values are indices into built[]; the answer must be the scan's */
	v = c2g_lpm_lookup(l, a);
	if (v != scan(bits, hi, lo, bits + 1))
		abort();
	/* and a pair lookup's, on either side of the one asked before */
	if (prev_l == l) {
		ab = c2g_lpm_lookup_pair(l, hi, lo, prev_hi, prev_lo);
		ba = c2g_lpm_lookup_pair(l, prev_hi, prev_lo, hi, lo);
		if (ab.a != v || ab.b != prev_v || ba.a != prev_v || ba.b != v)
			abort();
	}
	prev_l = l;
	prev_hi = hi;
	prev_lo = lo;
	prev_v = v;
}

static void read_pfx(const uint8_t *d, unsigned int bits,
		     struct c2g_lpm_pfx *p)
{
	u8 a[16] = { 0 };
	unsigned int plen = d[0] % (bits + 1);

	memcpy(a, d + 1, bits / 8);
	c2g_lpm_key(a, bits, &p->hi, &p->lo);
	if (plen < 64) {
		p->hi &= plen ? ~0ULL << (64 - plen) : 0;
		p->lo = 0;
	} else if (plen < 128) {
		p->lo &= plen > 64 ? ~0ULL << (128 - plen) : 0;
	}
	p->plen = plen;
}

static void edge(const struct c2g_lpm *l, unsigned int bits,
		 const struct c2g_lpm_pfx *p)
{
	u64 unit_hi = bits == 32 ? 1ULL << 32 : 0, unit_lo = bits == 32 ? 0 : 1;
	u64 mhi, mlo, hi, lo;

	mhi = p->plen >= 64 ? 0 : ~0ULL >> p->plen;
	mlo = p->plen >= 128 ? 0 : p->plen <= 64 ? ~0ULL : ~0ULL >> (p->plen - 64);
	if (bits == 32) {
		mhi &= ~0ULL << 32;
		mlo = 0;
	}
	check(l, bits, p->hi, p->lo);
	/* one before the first address */
	lo = p->lo - unit_lo;
	hi = p->hi - unit_hi - (lo > p->lo);
	check(l, bits, hi, lo);
	check(l, bits, p->hi | mhi, p->lo | mlo);
	/* one after the last */
	lo = (p->lo | mlo) + unit_lo;
	hi = (p->hi | mhi) + unit_hi + (lo < (p->lo | mlo));
	check(l, bits, hi, lo);
}

/* The IPv6 interval @iv starts with @p's address. */
static void check_start6(const struct c2g_lpm *l, u32 iv,
			 const struct c2g_lpm_pfx *p)
{
	u64 hi, lo;

	c2g_lpm_key(c2g_lpm_start6(l, iv), 128, &hi, &lo);
	if (hi != p->hi || lo != p->lo)
		abort();
}

static struct c2g_lpm *rebuild(unsigned int bits, void **mem)
{
	u32 parent[SET_MAX], first[SET_MAX], i;
	struct c2g_lpm_plan plan;
	struct c2g_lpm *l;

	free(*mem);
	prev_l = NULL;
	nbuilt = nset;
	for (i = 0; i < nset; i++) {
		built[i] = set[i];
		built[i].value = i;
	}
	memcpy(work, built, nset * sizeof(*work));
	if (c2g_lpm_plan(work, nset, bits, parent, &plan))
		abort();
	*mem = malloc(plan.size);
	l = c2g_lpm_fill(*mem, work, &plan, first);
	for (i = 0; i < nset; i++) {
		if (first[i] >= plan.nint || (i && first[i] <= first[i - 1]))
			abort();
		if (bits == 128)
			check_start6(l, first[i], &work[i]);
		if (parent[i] != scan(bits, work[i].hi, work[i].lo,
				      work[i].plen))
			abort();
		edge(l, bits, &work[i]);
	}
	return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int bits, step, i;
	struct c2g_lpm_pfx p;
	struct c2g_lpm *l;
	void *mem = NULL;

	if (size < 1)
		return 0;
	bits = data[0] & 1 ? 128 : 32;
	step = 2 + bits / 8;	/* op, length, address */
	nset = 0;
	l = rebuild(bits, &mem);
	for (data++, size--; size >= step; data += step, size -= step) {
		switch (data[0] % 4) {
		case 0:		/* insert */
			read_pfx(data + 1, bits, &p);
			for (i = 0; i < nset; i++)
				if (set[i].hi == p.hi && set[i].lo == p.lo &&
				    set[i].plen == p.plen)
					break;
			if (i == nset && nset < SET_MAX)
				set[nset++] = p;
			break;
		case 1:		/* delete */
			if (nset) {
				i = data[1] % nset;
				set[i] = set[--nset];
			}
			break;
		case 2:		/* look up */
			read_pfx(data + 1, bits, &p);
			c2g_lpm_key(data + 2, bits, &p.hi, &p.lo);
			check(l, bits, p.hi, p.lo);
			break;
		default:
			l = rebuild(bits, &mem);
			break;
		}
	}
	rebuild(bits, &mem);
	free(mem);
	prev_l = NULL;
	return 0;
}
