// SPDX-License-Identifier: GPL-2.0
/*
 * The packed store of address and prefix keys.
 *
 * A lookup must find the longest key holding an address that counts (and
 * any allowlisting one).  Probing a hash once per length in use costs as
 * many probes as there are lengths: a feed mixing 20 of them made every
 * lookup 20 probes.  Instead, a snapshot of a family's keys (lpm.c) gives,
 * in one search, the keys holding the address, longest first: the longest,
 * then its parents.  The snapshot is also where those keys live: per key,
 * its address, length and parent, a pointer to its set of claims (shared
 * with every key listed alike, so a feed of a million keys stores its
 * action, tag and generations once) and its hit count: some 37 bytes of an
 * IPv4 key with its share of the search structure, where an entry of its
 * own in the hash took over 100.  An IPv6 key's address is the first of
 * the search structure's interval it starts: the slot keeps that interval's
 * index, 4 bytes where the address would take 16.
 *
 * Keys added after the snapshot live in the table's hash, as names do;
 * the view readers take carries, beside the snapshot, their lengths,
 * probed too.  A key taken out of the snapshot keeps its slot, without
 * claims.  indicators.c folds the hash's address keys into a new snapshot
 * when a feed is committed and, a moment after other changes, under the
 * table's lock: see c2g_addrs_fold() there.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "addrs.h"

/*
 * From this size on, a snapshot is mapped with PMD-sized pages where the
 * allocator finds them, as alloc_large_system_hash() maps the kernel's big
 * hashes.  A lookup reads one slot of the direct table and one interval,
 * both anywhere: with 10M addresses they span 120 MiB (of a 320 MiB
 * snapshot), 31000 small pages, more than any TLB holds, or 61 large ones.
 * vmalloc_huge() falls back to small pages by itself.  It takes whole
 * large pages: below this size, the last one would waste too large a
 * share.  make check-debug lowers it (KCFLAGS), so that its tables, too
 * small to reach it under KASAN, take this path.
 */
#ifndef C2G_SNAP_HUGE
#define C2G_SNAP_HUGE		(8 * PMD_SIZE)
#endif

static size_t c2g_align8(size_t n)
{
	return ALIGN(n, 8);
}

/* A zeroed block of *@size bytes for a snapshot; *@size is what it takes. */
static void *c2g_addrsnap_alloc(size_t *size)
{
	if (*size < C2G_SNAP_HUGE)
		return kvzalloc(*size, GFP_KERNEL_ACCOUNT);
	*size = ALIGN(*size, PMD_SIZE);
	return vmalloc_huge(*size, GFP_KERNEL_ACCOUNT | __GFP_ZERO);
}

/* IPv4 @p's address into @key, network order. */
static void c2g_addrsnap_put_key(u8 *key, const struct c2g_lpm_pfx *p)
{
	__be32 a = cpu_to_be32(p->hi >> 32);

	memcpy(key, &a, 4);
}

/*
 * A snapshot of the @n keys @p of a @bits-bit family (sorted in place);
 * the value of each is the index of its claims in @cset and of its hit
 * count in @hits.  The claims' references pass to the snapshot.  NULL if
 * out of memory, or if @p is not a set of keys (a bug).  Process context.
 */
struct c2g_addrsnap *c2g_addrsnap_build(struct c2g_lpm_pfx *p, u32 n,
					unsigned int bits,
					struct c2g_cset *const *cset,
					const u64 *hits)
{
	size_t o_plen, o_parent, o_key, o_cset, o_hits, o_lpm, size;
	u32 *tmp, *parent, *origin, *inv, i;
	struct c2g_lpm_plan plan;
	struct c2g_addrsnap *s;
	u8 *plen, *key;

	tmp = kvmalloc_array(max_t(u32, n, 1), 3 * sizeof(u32), GFP_KERNEL);
	if (!tmp)
		return NULL;
	parent = tmp;
	origin = tmp + n;
	inv = tmp + 2 * (size_t)n;
	/* sorted; parents given by value: by index into @cset */
	if (c2g_lpm_plan(p, n, bits, parent, &plan))
		goto fail;
	for (i = 0; i < n; i++) {
		if (WARN_ON_ONCE(p[i].value >= n))
			goto fail;
		origin[i] = p[i].value;
		inv[p[i].value] = i;
	}
	/* from now on, values and parents are slots: sorted places */
	for (i = 0; i < n; i++) {
		p[i].value = i;
		if (parent[i] != C2G_LPM_NONE)
			parent[i] = inv[parent[i]];
	}
	o_plen = c2g_align8(sizeof(*s));
	o_parent = c2g_align8(o_plen + n);
	o_key = c2g_align8(o_parent + (size_t)n * sizeof(u32));
	/* IPv4: the key (4 bytes); IPv6: its first interval (see addrs.h) */
	o_cset = c2g_align8(o_key + (size_t)n * sizeof(u32));
	o_hits = c2g_align8(o_cset + (size_t)n * sizeof(*s->cset));
	o_lpm = c2g_align8(o_hits + (size_t)n * sizeof(*s->hits));
	size = o_lpm + plan.size;
	s = c2g_addrsnap_alloc(&size);
	if (!s)
		goto fail;
	plen = (u8 *)s + o_plen;
	key = (u8 *)s + o_key;
	s->cset = (struct c2g_cset __rcu **)((u8 *)s + o_cset);
	s->hits = (atomic64_t *)((u8 *)s + o_hits);
	for (i = 0; i < n; i++) {
		plen[i] = p[i].plen;
		if (bits == 32)
			c2g_addrsnap_put_key(key + 4 * i, &p[i]);
		RCU_INIT_POINTER(s->cset[i], cset[origin[i]]);
		s->live += !!cset[origin[i]];
		atomic64_set(&s->hits[i], hits[origin[i]]);
	}
	s->size = size;
	s->n = n;
	s->bits = bits;
	s->plen = plen;
	s->parent = (u32 *)((u8 *)s + o_parent);
	memcpy((u32 *)s->parent, parent, (size_t)n * sizeof(u32));
	s->key = key;
	/* a copy of its head, in this one: a lookup reads one line less */
	s->lpm = *c2g_lpm_fill((u8 *)s + o_lpm, p, &plan,
			       bits == 32 ? NULL : (u32 *)key);
	kvfree(tmp);
	return s;
fail:
	kvfree(tmp);
	return NULL;
}

void c2g_addrsnap_free(struct c2g_addrsnap *s)
{
	kvfree(s);
}

/* The slot of key @addr/@plen (@addr masked), or C2G_LPM_NONE. */
u32 c2g_addrsnap_find(const struct c2g_addrsnap *s, const u8 *addr, u8 plen)
{
	u32 v = c2g_addrsnap_first(s, addr);

	/* the key holds @addr: if it is there, it is on the chain */
	while (v != C2G_LPM_NONE && s->plen[v] > plen)
		v = s->parent[v];
	return v != C2G_LPM_NONE && s->plen[v] == plen ? v : C2G_LPM_NONE;
}
