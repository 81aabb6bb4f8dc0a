// SPDX-License-Identifier: GPL-2.0
/*
 * Longest-prefix match in one binary search, whatever the prefix lengths.
 *
 * The set's prefixes, sorted by first address (and, for one first address,
 * shortest first), cut the address space into intervals: each prefix
 * starts one, holding the prefix's value; where a prefix ends inside
 * another, the innermost one still open starts an interval of its own (a
 * "resume").  The answer for an address is then the value of the last
 * interval starting at or before it, once it is checked to hold the
 * address: if it does not, no prefix does.  (Take the longest prefix P
 * holding the address and the last interval I before it.  I starts inside
 * P or is P's: a prefix starting inside P either holds the address, and is
 * longer than P, or ends before it, and then P, or a prefix inside P, is
 * resumed after it, later than I.  So I is P's, or its value is P.)
 * The check needs nothing but the interval: an interval starts inside its
 * prefix, so the prefix holds the address if their first plen bits agree,
 * and the interval keeps its prefix's length beside its value.
 *
 * An interval is found in a direct table indexed by the address's top
 * dbits bits, one slot per one to two intervals, which gives the few
 * intervals starting under those bits, then by binary search among them.
 * Before that, a filter answers most addresses that no prefix holds: a bit
 * per block of addresses sharing their top dbits + 3 bits, set if a
 * prefix holds any address of the block.  A big set's direct table and
 * intervals are far bigger than the caches (10M addresses: 32 MiB of
 * slots, 90 MiB of intervals) and a search reads a line of each, where
 * the filter is a quarter of the direct table's size and one line; with
 * 10M addresses, 86 % of its blocks are clear.
 * Memory: 9 bytes per IPv4 interval (packed: key, value, length), 21 per
 * IPv6 one, 4 bytes per slot and 1 (the filter) per slot.
 * An IPv6 interval's first address is kept as it comes off the wire, so
 * that a caller may point at the one each prefix starts with
 * (c2g_lpm_fill()'s @first, c2g_lpm_start6()) rather than keep it again.
 *
 * The values are the caller's: a caller that keeps more than the prefix
 * per value (an indicator's claims, which may not count now) takes the
 * parent c2g_lpm_plan() gives for each prefix when the longest prefix is
 * not the answer it wants.
 */
#include "lpm.h"

/*
 * At most 2^24 direct slots (64 MiB, reached at 16M intervals): up to
 * there a table of any size keeps one to two intervals per slot, so a
 * search reads one or two lines of them (10M addresses: 32 MiB of slots,
 * 3.4 bytes each).
 */
#define LPM_DBITS_MAX	24

/*
 * An IPv4 interval: its first address and value (host order, unaligned)
 * and its prefix's length.  Byte arrays: 9 bytes, no padding.
 */
struct lpm_iv4 {
	u8 key[4];
	u8 val[4];
	u8 plen;
};

/* An IPv6 interval's first address, network order. */
struct lpm_key6 {
	u8 a[16];
};

/* An IPv6 interval's value (host order, unaligned) and prefix length. */
struct lpm_val6 {
	u8 val[4];
	u8 plen;
};

/* Where lpm_sweep() writes the intervals: one family's arrays. */
struct lpm_out {
	struct lpm_iv4 *iv4;
	struct lpm_key6 *key6;
	struct lpm_val6 *val6;
};

static __always_inline u32 lpm_get32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void lpm_put32(u8 *p, u32 v)
{
	memcpy(p, &v, sizeof(v));
}

/* a < b: by address, then shorter first */
static bool lpm_less(const struct c2g_lpm_pfx *a, const struct c2g_lpm_pfx *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi;
	if (a->lo != b->lo)
		return a->lo < b->lo;
	return a->plen < b->plen;
}

static void lpm_swap(struct c2g_lpm_pfx *a, struct c2g_lpm_pfx *b)
{
	struct c2g_lpm_pfx t = *a;

	*a = *b;
	*b = t;
}

static void lpm_sift(struct c2g_lpm_pfx *p, u32 root, u32 n)
{
	u32 c;

	while ((c = 2 * root + 1) < n) {
		if (c + 1 < n && lpm_less(&p[c], &p[c + 1]))
			c++;
		if (!lpm_less(&p[root], &p[c]))
			return;
		lpm_swap(&p[root], &p[c]);
		root = c;
	}
}

static void lpm_heapsort(struct c2g_lpm_pfx *p, u32 n)
{
	u32 i;

	for (i = n / 2; i-- > 0;)
		lpm_sift(p, i, n);
	for (i = n; i-- > 1;) {
		lpm_swap(&p[0], &p[i]);
		lpm_sift(p, 0, i);
	}
}

static void lpm_insertion(struct c2g_lpm_pfx *p, u32 n)
{
	struct c2g_lpm_pfx t;
	u32 i, j;

	for (i = 1; i < n; i++) {
		t = p[i];
		for (j = i; j > 0 && lpm_less(&t, &p[j - 1]); j--)
			p[j] = p[j - 1];
		p[j] = t;
	}
}

/*
 * Quicksort, median of three, the smaller side first by recursion (so the
 * stack stays under log2(n) frames) and the larger by the loop; past a
 * depth budget, heapsort.  Feeds often come sorted: no quadratic case.
 */
static void lpm_sort(struct c2g_lpm_pfx *p, u32 n, unsigned int depth)
{
	u32 i, j, m;

	while (n > 16) {
		if (!depth--) {
			lpm_heapsort(p, n);
			return;
		}
		m = n / 2;
		if (lpm_less(&p[m], &p[0]))
			lpm_swap(&p[m], &p[0]);
		if (lpm_less(&p[n - 1], &p[0]))
			lpm_swap(&p[n - 1], &p[0]);
		if (lpm_less(&p[n - 1], &p[m]))
			lpm_swap(&p[n - 1], &p[m]);
		/* pivot (the median) to n - 2; p[0] <= it <= p[n - 1] */
		lpm_swap(&p[m], &p[n - 2]);
		i = 0;
		j = n - 2;
		for (;;) {
			while (lpm_less(&p[++i], &p[n - 2]))
				;
			while (lpm_less(&p[n - 2], &p[--j]))
				;
			if (i >= j)
				break;
			lpm_swap(&p[i], &p[j]);
		}
		lpm_swap(&p[i], &p[n - 2]);
		/* p[0..i) <= p[i] <= p(i..n) */
		if (i < n - i - 1) {
			lpm_sort(p, i, depth);
			p += i + 1;
			n -= i + 1;
		} else {
			lpm_sort(p + i + 1, n - i - 1, depth);
			n = i;
		}
	}
	lpm_insertion(p, n);
}

static unsigned int lpm_depth(u32 n)
{
	unsigned int depth = 0;

	for (; n > 1; n >>= 1)
		depth += 2;
	return depth;
}

static bool lpm_same(const struct c2g_lpm_pfx *a, const struct c2g_lpm_pfx *b)
{
	return a->hi == b->hi && a->lo == b->lo && a->plen == b->plen;
}

u32 c2g_lpm_unique(struct c2g_lpm_pfx *p, u32 n)
{
	u32 i, k;

	lpm_sort(p, n, lpm_depth(n));
	for (i = 0, k = 0; i < n; i++)
		if (!k || !lpm_same(&p[i], &p[k - 1]))
			p[k++] = p[i];
	return k;
}

static void lpm_put_be64(u8 *a, u64 v)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		a[i] = v >> (56 - 8 * i);
}

static void lpm_put_key6(struct lpm_key6 *k, u64 hi, u64 lo)
{
	lpm_put_be64(k->a, hi);
	lpm_put_be64(k->a + 8, lo);
}

/* The last address of prefix @p of a @bits-bit family. */
static void lpm_end(const struct c2g_lpm_pfx *p, unsigned int bits, u64 *hi,
		    u64 *lo)
{
	c2g_lpm_hostmask(p->plen, bits, hi, lo);
	*hi |= p->hi;
	*lo |= p->lo;
}

static __always_inline bool lpm_before(u64 ahi, u64 alo, u64 bhi,
				       u64 blo)
{
	return ahi < bhi || (ahi == bhi && alo < blo);
}

/* Interval @i, starting at @hi:@lo, of prefix @p, into @out (if not NULL). */
static void lpm_put(const struct lpm_out *out, u64 i, u64 hi, u64 lo,
		    const struct c2g_lpm_pfx *p)
{
	if (!out)
		return;
	if (out->iv4) {
		lpm_put32(out->iv4[i].key, hi >> 32);
		lpm_put32(out->iv4[i].val, p->value);
		out->iv4[i].plen = p->plen;
	} else {
		lpm_put_key6(&out->key6[i], hi, lo);
		lpm_put32(out->val6[i].val, p->value);
		out->val6[i].plen = p->plen;
	}
}

/*
 * The intervals in order, to @out if not NULL; the number of them is
 * returned.  @parent as for c2g_lpm_plan(); @first as for c2g_lpm_fill().
 */
static u64 lpm_sweep(const struct c2g_lpm_pfx *p, u32 n, unsigned int bits,
		     u32 *parent, u32 *first, const struct lpm_out *out)
{
	/* the open prefixes, outermost first: each nested in the one before */
	u32 st[129];
	unsigned int depth = 0;
	u64 unit_hi = bits == 32 ? 1ULL << 32 : 0, unit_lo = bits == 32 ? 0 : 1;
	u64 nint = 0, ehi, elo, phi, plo, rhi, rlo;
	u32 i = 0;

	for (;;) {
		/*
		 * Close the open prefixes ending before the next one starts
		 * (all of them after the last), resuming the one around each.
		 */
		while (depth) {
			lpm_end(&p[st[depth - 1]], bits, &ehi, &elo);
			if (i < n && !lpm_before(ehi, elo, p[i].hi, p[i].lo))
				break;
			depth--;
			if (!depth)
				continue;
			lpm_end(&p[st[depth - 1]], bits, &phi, &plo);
			if (!lpm_before(ehi, elo, phi, plo))
				continue;
			/*
			 * It ends before its parent: the parent resumes, unless
			 * the next prefix starts right there.
			 */
			rlo = elo + unit_lo;
			rhi = ehi + unit_hi + (rlo < elo);
			if (i < n && p[i].hi == rhi && p[i].lo == rlo)
				continue;
			lpm_put(out, nint++, rhi, rlo, &p[st[depth - 1]]);
		}
		if (i == n)
			return nint;
		if (parent)
			parent[i] = depth ? p[st[depth - 1]].value :
					    C2G_LPM_NONE;
		if (first)
			first[i] = nint;
		lpm_put(out, nint++, p[i].hi, p[i].lo, &p[i]);
		/* nested prefixes are strictly longer: depth <= bits + 1 */
		st[depth++] = i++;
	}
}

static unsigned int lpm_dbits(u64 nint)
{
	unsigned int d = 0;

	while (d < LPM_DBITS_MAX && (2ULL << d) <= nint)
		d++;
	return d;
}

static size_t lpm_align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* The filter's bits beyond the direct table's: 8 per slot, a byte. */
#define LPM_FILTER_SHIFT	3

static size_t lpm_filter_off(void)
{
	return lpm_align8(sizeof(struct c2g_lpm));
}

static size_t lpm_direct_off(unsigned int dbits)
{
	return lpm_align8(lpm_filter_off() +
			  ((size_t)1 << (dbits + LPM_FILTER_SHIFT)) / 8);
}

static size_t lpm_iv_off(unsigned int dbits)
{
	return lpm_align8(lpm_direct_off(dbits) +
			  (((size_t)1 << dbits) + 1) * sizeof(u32));
}

int c2g_lpm_plan(struct c2g_lpm_pfx *p, u32 n, unsigned int bits,
		 u32 *parent, struct c2g_lpm_plan *plan)
{
	u64 nint, mhi, mlo;
	size_t per;
	u32 i;

	if (bits != 32 && bits != 128)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (p[i].plen > bits || p[i].value == C2G_LPM_NONE)
			return -EINVAL;
		c2g_lpm_hostmask(p[i].plen, bits, &mhi, &mlo);
		if ((p[i].hi & mhi) || (p[i].lo & mlo) ||
		    (bits == 32 && ((p[i].hi & (~0ULL >> 32)) || p[i].lo)))
			return -EINVAL;
	}
	lpm_sort(p, n, lpm_depth(n));
	for (i = 1; i < n; i++)
		if (lpm_same(&p[i], &p[i - 1]))
			return -EEXIST;

	nint = lpm_sweep(p, n, bits, parent, NULL, NULL);
	if (nint >= C2G_LPM_NONE)
		return -E2BIG;
	plan->n = n;
	plan->nint = nint;
	plan->bits = bits;
	plan->dbits = lpm_dbits(nint);
	per = bits == 32 ? sizeof(struct lpm_iv4) :
			   sizeof(struct lpm_key6) + sizeof(struct lpm_val6);
	plan->size = lpm_iv_off(plan->dbits) + (size_t)nint * per;
	return 0;
}

/* The direct table's slot of an address given as hi (host order). */
static __always_inline u32 lpm_slot(u64 hi, unsigned int dbits)
{
	return dbits ? hi >> (64 - dbits) : 0;
}

/* Set the filter's bits @a to @b. */
static void lpm_mark(u8 *f, u64 a, u64 b)
{
	for (; a <= b && (a & 7); a++)
		f[a / 8] |= 1u << (a & 7);
	if (a + 7 <= b) {
		memset(f + a / 8, 0xff, (b + 1 - a) / 8);
		a += (b + 1 - a) & ~7ULL;
	}
	for (; a <= b; a++)
		f[a / 8] |= 1u << (a & 7);
}

/*
 * The filter of the sorted prefixes @p: the blocks of each outermost one
 * (the others are inside those).
 */
static void lpm_filter(u8 *f, const struct c2g_lpm_pfx *p,
		       const struct c2g_lpm_plan *plan)
{
	unsigned int shift = 64 - (plan->dbits + LPM_FILTER_SHIFT);
	u64 ehi = 0, elo = 0;
	u32 i;

	for (i = 0; i < plan->n; i++) {
		if (i && !lpm_before(ehi, elo, p[i].hi, p[i].lo))
			continue;	/* inside the last outermost one */
		lpm_end(&p[i], plan->bits, &ehi, &elo);
		lpm_mark(f, p[i].hi >> shift, ehi >> shift);
	}
}

struct c2g_lpm *c2g_lpm_fill(void *mem, const struct c2g_lpm_pfx *p,
			     const struct c2g_lpm_plan *plan, u32 *first)
{
	struct c2g_lpm *l = mem;
	u8 *filter = (u8 *)mem + lpm_filter_off();
	u32 *direct = (u32 *)((u8 *)mem + lpm_direct_off(plan->dbits));
	void *iv = (u8 *)mem + lpm_iv_off(plan->dbits);
	struct lpm_out out = { .iv4 = NULL };
	u32 i, s, slots = 1u << plan->dbits;

	if (plan->bits == 32) {
		out.iv4 = iv;
	} else {
		out.key6 = iv;
		out.val6 = (struct lpm_val6 *)(out.key6 + plan->nint);
	}
	lpm_sweep(p, plan->n, plan->bits, NULL, first, &out);
	memset(filter, 0, lpm_direct_off(plan->dbits) - lpm_filter_off());
	lpm_filter(filter, p, plan);

	/* direct[s]: the first interval whose slot is s or later */
	for (i = 0, s = 0; i < plan->nint; i++) {
		u64 hi = out.iv4 ? (u64)lpm_get32(out.iv4[i].key) << 32 :
				   c2g_lpm_be64(out.key6[i].a);
		u32 slot = lpm_slot(hi, plan->dbits);

		while (s <= slot)
			direct[s++] = i;
	}
	while (s <= slots)
		direct[s++] = plan->nint;

	l->nint = plan->nint;
	l->bits = plan->bits;
	l->dbits = plan->dbits;
	l->fbits = plan->dbits + LPM_FILTER_SHIFT;
	l->filter = filter;
	l->direct = direct;
	l->iv = iv;
	return l;
}

/* The value of interval @iv, the last starting at or before @k, or none. */
static __always_inline u32 lpm_value4(const struct lpm_iv4 *iv, u32 k)
{
	u8 plen = iv->plen;

	if (plen && (lpm_get32(iv->key) ^ k) >> (32 - plen))
		return C2G_LPM_NONE;
	return lpm_get32(iv->val);
}

/* May a prefix hold an address given as hi?  No means none does. */
static __always_inline bool lpm_maybe(const struct c2g_lpm *l, u64 hi)
{
	u64 b = hi >> (64 - l->fbits);

	return l->filter[b / 8] & (1u << (b & 7));
}

/*
 * Inline in each lookup, the pair's two included: a call would cost as
 * much as a short walk.
 */
static __always_inline u32 lpm_lookup4(const struct c2g_lpm *l, u32 k)
{
	const struct lpm_iv4 *iv = l->iv;
	u32 s = lpm_slot((u64)k << 32, l->dbits);
	u32 lo, hi, mid;

	if (!lpm_maybe(l, (u64)k << 32))
		return C2G_LPM_NONE;
	lo = l->direct[s];
	hi = l->direct[s + 1];

	if (lo == hi || lpm_get32(iv[lo].key) > k)
		return lo ? lpm_value4(&iv[lo - 1], k) : C2G_LPM_NONE;
	/* iv[lo].key <= k < the keys from hi on */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (lpm_get32(iv[mid].key) <= k)
			lo = mid;
		else
			hi = mid;
	}
	return lpm_value4(&iv[lo], k);
}

/* Is @a before the first address of @k? */
static __always_inline bool lpm_before6(u64 ahi, u64 alo,
					const struct lpm_key6 *k)
{
	return lpm_before(ahi, alo, c2g_lpm_be64(k->a), c2g_lpm_be64(k->a + 8));
}

/* As lpm_value4(), for interval @i of an IPv6 structure. */
static __always_inline u32 lpm_value6(const struct c2g_lpm *l, u32 i,
				      u64 khi, u64 klo)
{
	const struct lpm_key6 *key = l->iv;
	const struct lpm_val6 *val = (const struct lpm_val6 *)(key + l->nint);
	u64 mhi, mlo;

	c2g_lpm_hostmask(val[i].plen, 128, &mhi, &mlo);
	if (((c2g_lpm_be64(key[i].a) ^ khi) & ~mhi) ||
	    ((c2g_lpm_be64(key[i].a + 8) ^ klo) & ~mlo))
		return C2G_LPM_NONE;
	return lpm_get32(val[i].val);
}

static __always_inline u32 lpm_lookup6(const struct c2g_lpm *l, u64 khi,
				       u64 klo)
{
	const struct lpm_key6 *key = l->iv;
	u32 s = lpm_slot(khi, l->dbits);
	u32 lo, hi, mid;

	if (!lpm_maybe(l, khi))
		return C2G_LPM_NONE;
	lo = l->direct[s];
	hi = l->direct[s + 1];
	if (lo == hi || lpm_before6(khi, klo, &key[lo]))
		return lo ? lpm_value6(l, lo - 1, khi, klo) : C2G_LPM_NONE;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (!lpm_before6(khi, klo, &key[mid]))
			lo = mid;
		else
			hi = mid;
	}
	return lpm_value6(l, lo, khi, klo);
}

u32 c2g_lpm_lookup_key(const struct c2g_lpm *l, u64 hi, u64 lo)
{
	if (!l->nint)
		return C2G_LPM_NONE;
	if (l->bits == 32)
		return lpm_lookup4(l, hi >> 32);
	return lpm_lookup6(l, hi, lo);
}

struct c2g_lpm_pair c2g_lpm_lookup_pair(const struct c2g_lpm *l, u64 ahi,
					u64 alo, u64 bhi, u64 blo)
{
	struct c2g_lpm_pair v = { C2G_LPM_NONE, C2G_LPM_NONE };

	if (!l->nint)
		return v;
	if (l->bits == 32) {
		v.a = lpm_lookup4(l, ahi >> 32);
		v.b = lpm_lookup4(l, bhi >> 32);
	} else {
		v.a = lpm_lookup6(l, ahi, alo);
		v.b = lpm_lookup6(l, bhi, blo);
	}
	return v;
}

u32 c2g_lpm_lookup(const struct c2g_lpm *l, const u8 *addr)
{
	u64 hi, lo;

	c2g_lpm_key(addr, l->bits, &hi, &lo);
	return c2g_lpm_lookup_key(l, hi, lo);
}

const u8 *c2g_lpm_start6(const struct c2g_lpm *l, u32 iv)
{
	const struct lpm_key6 *key = l->iv;

	return key[iv].a;
}
