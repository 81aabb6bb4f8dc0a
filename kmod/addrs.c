// SPDX-License-Identifier: GPL-2.0
/*
 * The prefix lengths an address lookup probes.
 *
 * The indicator table keeps every address and prefix key in its hash;
 * a lookup must find the longest key holding the address that counts
 * (and any allowlisting one).  Probing the hash once per length in use
 * costs as many probes as there are lengths: a feed mixing 20 of them
 * made every lookup 20 probes.  Instead, a snapshot of the keys (lpm.c)
 * gives, in one search, the keys holding the address, longest first: the
 * longest, then its parents.  Those are the only lengths worth probing,
 * and the hash entry found there decides as before (its claims may have
 * changed since the snapshot; a key deleted since is not found, and the
 * lookup goes on to the next length).
 *
 * Keys added after the snapshot are not in it: the view readers take
 * carries, beside the snapshot, the lengths of those keys, probed too.
 * indicators.c builds a new snapshot when a feed is committed and, a
 * moment after other changes, from the table under its lock, so no key
 * can be added meanwhile; the view it publishes then has no such length.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "addrs.h"

static size_t c2g_align8(size_t n)
{
	return ALIGN(n, 8);
}

/*
 * A snapshot of the @n keys @p (sorted, repeats dropped, in place) of a
 * @bits-bit family, or NULL (no memory, or too many).  Process context.
 */
struct c2g_addrsnap *c2g_addrsnap_build(struct c2g_lpm_pfx *p, u32 n,
					unsigned int bits)
{
	size_t o_plen, o_parent, o_key, o_lpm, size, words = bits / 64 ? 2 : 1;
	struct c2g_lpm_plan plan;
	struct c2g_addrsnap *s;
	u32 *parent, i;
	u64 *key;
	u8 *plen;

	n = c2g_lpm_unique(p, n);
	/* values are the sorted positions (the plan's sort keeps them) */
	for (i = 0; i < n; i++)
		p[i].value = i;
	parent = kvmalloc_array(max_t(u32, n, 1), sizeof(u32), GFP_KERNEL);
	if (!parent)
		return NULL;
	if (c2g_lpm_plan(p, n, bits, parent, &plan))
		goto fail;
	o_plen = c2g_align8(sizeof(*s));
	o_parent = c2g_align8(o_plen + n);
	o_key = c2g_align8(o_parent + (size_t)n * sizeof(u32));
	o_lpm = c2g_align8(o_key + (size_t)n * words * sizeof(u64));
	size = o_lpm + plan.size;
	s = kvzalloc(size, GFP_KERNEL_ACCOUNT);
	if (!s)
		goto fail;
	plen = (u8 *)s + o_plen;
	key = (u64 *)((u8 *)s + o_key);
	for (i = 0; i < n; i++) {
		plen[i] = p[i].plen;
		key[i * words] = p[i].hi;
		if (words == 2)
			key[i * 2 + 1] = p[i].lo;
	}
	s->size = size;
	s->n = n;
	s->bits = bits;
	s->plen = plen;
	s->parent = (u32 *)((u8 *)s + o_parent);
	memcpy((u32 *)s->parent, parent, (size_t)n * sizeof(u32));
	s->key = key;
	s->lpm = c2g_lpm_fill((u8 *)s + o_lpm, p, &plan);
	kvfree(parent);
	return s;
fail:
	kvfree(parent);
	return NULL;
}

void c2g_addrsnap_free(struct c2g_addrsnap *s)
{
	kvfree(s);
}

/* Does key @v of @s hold the address @hi:@lo (as c2g_lpm_key() gives)? */
static bool c2g_addrsnap_holds(const struct c2g_addrsnap *s, u32 v, u64 hi,
			       u64 lo)
{
	if (s->bits == 32)
		return c2g_lpm_holds(s->key[v], 0, s->plen[v], 32, hi, 0);
	return c2g_lpm_holds(s->key[2 * v], s->key[2 * v + 1], s->plen[v], 128,
			     hi, lo);
}

/*
 * The lengths to probe for @addr, longest first and each once, into @len
 * (C2G_ADDR_LENS of them at most); their number.  Under RCU.
 */
unsigned int c2g_addrview_lengths(const struct c2g_addrview *v,
				  const u8 *addr, u8 *len)
{
	const struct c2g_addrsnap *s = v->snap;
	unsigned int nc = 0, i = 0, j = 0, n = 0;
	u8 chain[C2G_ADDR_LENS], x;
	u64 hi, lo;
	u32 val;

	/*
	 * Searched even when every key has the same length: an address no
	 * key holds, the common case, is then answered from the snapshot's
	 * few cache lines instead of a probe into the hash's buckets and
	 * entries (with 1M /32s, 0.74 of the baseline's new flows probing,
	 * 0.85 searching; make bench).
	 */
	if (s && s->n) {
		/* the address read once, for the search and the check */
		c2g_lpm_key(addr, s->bits, &hi, &lo);
		val = c2g_lpm_lookup_key(s->lpm, hi, lo);
		/* parents are strictly shorter: the chain ends */
		if (val != C2G_LPM_NONE && c2g_addrsnap_holds(s, val, hi, lo))
			for (; val != C2G_LPM_NONE && nc < C2G_ADDR_LENS;
			     val = s->parent[val])
				chain[nc++] = s->plen[val];
	}
	/* both lists run longest first: merge them */
	while (i < nc || j < v->ndelta) {
		if (j == v->ndelta || (i < nc && chain[i] >= v->delta[j]))
			x = chain[i++];
		else
			x = v->delta[j++];
		if (n && len[n - 1] == x)
			continue;
		len[n++] = x;
	}
	return n;
}
