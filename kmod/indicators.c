// SPDX-License-Identifier: GPL-2.0
/*
 * The indicator table: IPv4/IPv6 addresses and CIDR prefixes, domain names
 * and domain suffixes, and allowlist entries of each kind, each listed by
 * one or more sources: the entries added by hand and named feeds.
 *
 * Names and the other keys live in a resizable rhashtable keyed by (type,
 * prefix length, data): the masked address, or the name.  Address and
 * prefix keys live in a packed snapshot per family (addrs.c), whose slots
 * point to shared sets of claims, and only those added since the snapshot
 * in the hash, until they are folded into the next one.  An address lookup
 * searches the snapshot once for the keys holding the address, longest
 * first, and probes the hash at the lengths of the keys added since: its
 * cost does not grow with the number of indicators or of prefix lengths in
 * use.  A change to a key of the snapshot swaps its slot's claim set.
 * A name lookup probes once for the exact name and once per suffix on a
 * label boundary whose label count some suffix entry has: at most one probe
 * per label of the name, whatever the number of indicators.
 *
 * Sources and precedence
 * ----------------------
 * An entry holds one claim per source listing its key, so a feed and the
 * admin (or two feeds) may list the same address without either changing
 * the other's listing.  Of an entry's live claims an ALLOW one decides;
 * otherwise the strongest action does, REJECT over DROP over MARK over
 * ALERT (c2g_rank()).  Across entries, an ALLOW entry matching the same
 * address or name wins whatever else matches, so a lookup that found an
 * indicator goes on probing the shorter prefixes or suffixes for one; a
 * lookup that found nothing costs no more for them.
 *
 * Generations
 * -----------
 * A feed is replaced as a whole and atomically: no packet may see a mix in
 * which an address listed by both the old and the new list is missing.
 * Each source numbers its lists: readers take the source's live generation
 * g, and a claim counts while from <= g <= last.  Replacing a feed stages
 * generation g + 1 into the same table while g stays live: a key the new
 * list repeats has its claim's last raised to g + 1 in place; a new key (or
 * a new action or tag for a key) gets a claim with from = g + 1, which no
 * reader counts yet.  Commit is one store-release of g + 1: from then on
 * the new claims count, the claims the new list dropped (last = g) do not,
 * and the unchanged ones count throughout.  Only then are the dropped
 * claims swept out.  A claim kept in place also has from lowered to g, so
 * from and last never lag the live generation by more than one and the
 * wrapping comparisons of c2g_claim_live() hold however many times a feed
 * is replaced.  An abandoned staging (c2g_ind_src_abort()) takes its new
 * claims out and lowers the last of the kept ones back to g; its number is
 * never reused, so a leftover could never come alive.
 *
 * Lookups run under RCU from the packet path without taking any lock.
 * Every change is serialised by c2g_net.lock; removed entries are freed
 * after a grace period, and so are the attributes and sources their claims
 * point to, so a reader holding an entry may use all of it until it leaves
 * its RCU read-side section.
 */
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <net/netlink.h>

#include "addr.h"
#include "indicators.h"
#include "pkt.h"
#include "sweep.h"

static unsigned int max_indicators;
module_param(max_indicators, uint, 0644);
MODULE_PARM_DESC(max_indicators,
		 "Maximum number of indicators per network namespace (default 0: one per 256 bytes of memory)");

/*
 * Without max_indicators, a table may take one indicator per this many
 * bytes of the machine's memory: 16M on a 4 GB gateway, 4M on 1 GB.  In
 * the snapshot an IPv4 indicator takes about 36 bytes, an IPv6 prefix
 * about 60; until it is folded in, about 120 and 150 (a hash entry, its
 * bucket), so a full table loading at once peaks at about half of the
 * memory.
 */
#define C2G_IND_RAM_SHARE	256

/* Address entries of one claim, the common case. */
static struct kmem_cache *c2g_ind_cache;

static u32 c2g_hash(u8 type, u8 plen, u8 len, const u8 *data, u32 seed)
{
	return jhash(data, len, seed ^ ((u32)type << 16 | (u32)plen << 8 | len));
}

/* Lookups and inserts present a struct c2g_key: see c2g_key_addr(). */
static u32 c2g_key_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_key *key = data;

	return c2g_hash(key->type, key->plen, key->len, key->data, seed);
}

static u32 c2g_obj_hashfn(const void *data, u32 len, u32 seed)
{
	const struct c2g_ind *ind = data;

	return c2g_hash(ind->type, ind->plen, ind->len, c2g_ind_data(ind),
			seed);
}

static int c2g_obj_cmpfn(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct c2g_key *key = arg->key;
	const struct c2g_ind *ind = obj;

	return key->type != ind->type || key->plen != ind->plen ||
	       key->len != ind->len ||
	       memcmp(key->data, c2g_ind_data(ind), key->len);
}

/*
 * Keys have variable length, so the table never hashes or compares a key
 * inside an object by itself: inserts go through
 * rhashtable_lookup_get_insert_key() with a struct c2g_key, like lookups.
 */
const struct rhashtable_params c2g_rht_params = {
	.head_offset = offsetof(struct c2g_ind, node),
	.hashfn = c2g_key_hashfn,
	.obj_hashfn = c2g_obj_hashfn,
	.obj_cmpfn = c2g_obj_cmpfn,
	.automatic_shrinking = true,
};

#define C2G_GC_INTERVAL	(2 * HZ)
/* Quiet time after a change before the address snapshot is built again. */
#define C2G_ADDRS_DELAY	HZ

static unsigned int c2g_fam_idx(u8 family)
{
	return family == AF_INET6 ? 1 : 0;
}

/* @addr must have room for 16 bytes; only the family's length is used. */
void c2g_key_addr(struct c2g_key *key, u8 family, const u8 *addr, u8 plen)
{
	key->type = family == AF_INET6 ? C2G_K_V6 : C2G_K_V4;
	key->plen = plen;
	key->len = c2g_addr_len(family);
	key->data = addr;
}

/*
 * A port key of @family in @buf (room for 16 + C2G_PORT_KEY_EXTRA bytes),
 * whose first bytes already hold the address.
 */
void c2g_key_port(struct c2g_key *key, u8 family, u8 *buf, __be16 port,
		  u8 proto)
{
	unsigned int alen = c2g_addr_len(family);

	memcpy(buf + alen, &port, 2);
	buf[alen + 2] = proto;
	key->type = C2G_K_PORT;
	key->plen = alen * 8;
	key->len = alen + C2G_PORT_KEY_EXTRA;
	key->data = buf;
}

/* An answer key of @family: @addr, exact. */
void c2g_key_answer(struct c2g_key *key, u8 family, const u8 *addr)
{
	key->type = C2G_K_ANSWER;
	key->len = c2g_addr_len(family);
	key->plen = key->len * 8;
	key->data = addr;
}

/* Address and prefix entries: in the prefix lists, from the cache. */
static bool c2g_is_addr(u8 type)
{
	return type == C2G_K_V4 || type == C2G_K_V6;
}

static bool c2g_lapsed(u64 expires, u64 now)
{
	return expires && time_after_eq64(now, expires);
}

/* Does @c count now?  See "Generations" above.  Under RCU. */
bool c2g_claim_live(const struct c2g_claim *c, u64 now)
{
	const struct c2g_source *src = c->attr->src;
	u32 g;

	if (c2g_lapsed(c->expires, now))
		return false;
	if (!src)
		return true;
	/* Pairs with the release of c2g_ind_src_commit(): see there. */
	g = smp_load_acquire(&src->live);
	if (c2g_lapsed(READ_ONCE(src->expires), now))
		return false;
	return (s32)(g - READ_ONCE(c->from)) >= 0 &&
	       (s32)(READ_ONCE(c->last) - g) >= 0;
}

u32 c2g_claim_timeout_left(const struct c2g_claim *c)
{
	u64 now = get_jiffies_64(), exp = c->expires;

	if (!exp && c->attr->src)
		exp = READ_ONCE(c->attr->src->expires);
	if (!exp || time_after_eq64(now, exp))
		return 0;
	return min_t(u64, DIV_ROUND_UP_ULL(exp - now, HZ), U32_MAX);
}

/*
 * The claim deciding about a key of claims @claims (@n of them): an
 * allowlisting one if any counts, else the strongest; NULL if none counts.
 * Under RCU.
 */
const struct c2g_claim *c2g_claims_decide(const struct c2g_claim *claims,
					  unsigned int n, u64 now)
{
	const struct c2g_claim *best = NULL, *c;
	unsigned int i;

	for (i = 0; i < n; i++) {
		c = &claims[i];
		if (!c2g_claim_live(c, now))
			continue;
		if (c->attr->action == C2GUARD_ACT_ALLOW)
			return c;
		if (!best || c2g_rank(c->attr->action) >
			     c2g_rank(best->attr->action))
			best = c;
	}
	return best;
}

/*
 * Keep the most specific key found so far in *@hit, @found being the
 * next; return true when @found decides on its own: an allowlist entry.
 */
static bool c2g_keep(struct c2g_hit *hit, const struct c2g_hit *found)
{
	if (found->claim->attr->action == C2GUARD_ACT_ALLOW) {
		*hit = *found;
		return true;
	}
	if (!hit->claim)
		*hit = *found;
	return false;
}

/* Entry @ind (or NULL), as c2g_keep() takes it.  Under RCU. */
static bool c2g_consider(struct c2g_ind *ind, u64 now, struct c2g_hit *hit)
{
	const struct c2g_claim *c;
	struct c2g_hit found;

	if (!ind)
		return false;
	c = c2g_claims_decide(ind->claim, ind->nclaims, now);
	if (!c)
		return false;
	c2g_hit_of_ind(&found, ind, c);
	return c2g_keep(hit, &found);
}

/* Slot @i of @s as *@hit shows it, decided by @by. */
static void c2g_hit_of_slot(struct c2g_hit *hit, struct c2g_addrsnap *s,
			    u32 i, const struct c2g_cset *cs,
			    const struct c2g_claim *by)
{
	hit->claim = by;
	hit->claims = cs->claim;
	hit->nclaims = cs->n;
	hit->data = c2g_addrsnap_key(s, i);
	hit->hits = &s->hits[i];
	hit->type = s->bits == 128 ? C2G_K_V6 : C2G_K_V4;
	hit->plen = s->plen[i];
	hit->len = s->bits / 8;
	hit->flags = 0;
}

/* As c2g_consider(), for slot @i of @s.  Under RCU. */
static bool c2g_consider_slot(struct c2g_addrsnap *s, u32 i, u64 now,
			      struct c2g_hit *hit)
{
	const struct c2g_cset *cs = rcu_dereference(s->cset[i]);
	const struct c2g_claim *c;
	struct c2g_hit found;

	if (!cs)
		return false;
	c = c2g_claims_decide(cs->claim, cs->n, now);
	if (!c)
		return false;
	c2g_hit_of_slot(&found, s, i, cs, c);
	return c2g_keep(hit, &found);
}

/*
 * The entry deciding about @addr, into *@hit: an allowlist entry covering
 * it if there is one, else the longest-prefix indicator.  False if none.
 *
 * The keys holding @addr come longest first from two places: the
 * snapshot's chain, from @slot (the longest key of @v's snapshot holding
 * @addr, or C2G_LPM_NONE) through its parents, and the hash, probed at
 * each length of the keys added since the snapshot.  A key lives in one
 * place only, so where both have a length, the slot is the key.
 *
 * Out of line: the lookups call it only when there is something to walk,
 * and its locals (cleared on entry by INIT_STACK_ALL_ZERO) are not paid by
 * the flows that find nothing.  @hit->claim is NULL.  Under RCU.
 */
static noinline bool c2g_ind_walk(struct c2g_ind_table *t,
				  const struct c2g_addrview *v, u8 family,
				  const u8 *addr, u32 slot, struct c2g_hit *hit)
{
	unsigned int fi = c2g_fam_idx(family), alen = c2g_addr_len(family);
	struct c2g_addrsnap *s = v->snap;
	u64 now = get_jiffies_64();
	unsigned int j = 0;
	struct c2g_key key;
	bool done;
	u8 buf[16];

	memcpy(buf, addr, alen);
	c2g_key_addr(&key, family, buf, 0);
	while (slot != C2G_LPM_NONE || j < v->ndelta) {
		if (slot != C2G_LPM_NONE &&
		    (j == v->ndelta || s->plen[slot] >= v->delta[j])) {
			if (j < v->ndelta && v->delta[j] == s->plen[slot])
				j++;
			done = c2g_consider_slot(s, slot, now, hit);
			/* parents are strictly shorter: the chain ends */
			slot = s->parent[slot];
		} else {
			/*
			 * Lengths come longest first, so masking the already
			 * masked key further gives the same result as masking
			 * the original address.
			 */
			key.plen = v->delta[j++];
			c2g_prefix_mask(buf, alen, key.plen);
			done = c2g_consider(rhashtable_lookup(&t->table, &key,
							      c2g_rht_params),
					    now, hit);
		}
		if (done)
			break;
		if (hit->claim && !READ_ONCE(t->allow_count[fi]))
			break;
	}
	return hit->claim;
}

/* The entry deciding about @addr (c2g_ind_walk()).  Under RCU. */
bool c2g_ind_lookup_addr(struct c2g_ind_table *t, u8 family, const u8 *addr,
			 struct c2g_hit *hit)
{
	const struct c2g_addrview *v;
	u32 slot = C2G_LPM_NONE;

	hit->claim = NULL;
	v = rcu_dereference(t->addrs[c2g_fam_idx(family)]);
	if (!v)
		return false;
	if (v->snap)
		slot = c2g_addrsnap_first(v->snap, addr);
	if (slot == C2G_LPM_NONE && !v->ndelta)
		return false;
	return c2g_ind_walk(t, v, family, addr, slot, hit);
}

/*
 * c2g_ind_lookup_addr() for both ends of a new flow, @daddr into *@dst and
 * @saddr into *@src, from one view and one search of its snapshot (the
 * common case, neither end in the table, costs one call here and one
 * there).  Returns which ends have an entry: C2G_END_DST, C2G_END_SRC.
 * Under RCU.
 */
unsigned int c2g_ind_lookup_ends(struct c2g_ind_table *t, u8 family,
				 const u8 *daddr, const u8 *saddr,
				 struct c2g_hit *dst, struct c2g_hit *src)
{
	struct c2g_lpm_pair slot = { C2G_LPM_NONE, C2G_LPM_NONE };
	const struct c2g_addrview *v;
	unsigned int ends = 0;

	dst->claim = NULL;
	src->claim = NULL;
	v = rcu_dereference(t->addrs[c2g_fam_idx(family)]);
	if (!v)
		return 0;
	if (v->snap)
		slot = c2g_addrsnap_pair(v->snap, daddr, saddr);
	if (v->ndelta || slot.a != C2G_LPM_NONE) {
		if (c2g_ind_walk(t, v, family, daddr, slot.a, dst))
			ends |= C2G_END_DST;
	}
	if (v->ndelta || slot.b != C2G_LPM_NONE) {
		if (c2g_ind_walk(t, v, family, saddr, slot.b, src))
			ends |= C2G_END_SRC;
	}
	return ends;
}

static struct c2g_ind *c2g_probe(struct c2g_ind_table *t, u8 type,
				 const char *s, unsigned int len)
{
	struct c2g_key key = {
		.type = type,
		.len = len,
		.data = (const u8 *)s,
	};

	return rhashtable_lookup(&t->table, &key, c2g_rht_params);
}

/*
 * The entry deciding about @name, into *@hit: an allowlist entry matching
 * it (exact, or a suffix of it) if there is one, else the most specific
 * indicator (the exact name, then the longest suffix).  False if none.
 * Suffixes are probed shortest first, from the end of the name, so a name
 * of any number of labels (a..b.example from the wire has empty ones) is
 * handled without a table of offsets; a longer match replaces a shorter
 * one.
 */
bool c2g_ind_lookup_name(struct c2g_ind_table *t, const struct c2g_name *name,
			 struct c2g_hit *hit)
{
	u64 now = get_jiffies_64();
	const struct c2g_claim *c;
	unsigned int i, labels = 0;
	struct c2g_ind *ind;

	hit->claim = NULL;
	if (READ_ONCE(t->count[C2G_K_SUFFIX])) {
		for (i = name->len; i-- > 0;) {
			if (i && name->s[i - 1] != '.')
				continue;
			if (++labels > C2G_LABELS_MAX)
				break;
			if (!test_bit(labels, t->suffix_label_bits))
				continue;
			ind = c2g_probe(t, C2G_K_SUFFIX, name->s + i,
					name->len - i);
			c = ind ? c2g_claims_decide(ind->claim, ind->nclaims,
						    now) : NULL;
			if (!c)
				continue;
			c2g_hit_of_ind(hit, ind, c);
			if (c->attr->action == C2GUARD_ACT_ALLOW)
				return true;
		}
	}
	if (READ_ONCE(t->count[C2G_K_NAME])) {
		ind = c2g_probe(t, C2G_K_NAME, name->s, name->len);
		c = ind ? c2g_claims_decide(ind->claim, ind->nclaims, now) :
			  NULL;
		if (c)
			c2g_hit_of_ind(hit, ind, c);
	}
	return hit->claim;
}

/*
 * The entry deciding about a new flow to @addr, @port, @proto, into *@hit:
 * one for that protocol, else one for any protocol (an allowlisting one
 * wins).  False if none.  Called by c2g_ind_lookup_port() (indicators.h)
 * when the table holds port entries, with @hit->claim NULL.  Under RCU.
 */
bool __c2g_ind_lookup_port(struct c2g_ind_table *t, u8 family,
			   const u8 *addr, __be16 port, u8 proto,
			   struct c2g_hit *hit)
{
	u8 buf[16 + C2G_PORT_KEY_EXTRA];
	u64 now = get_jiffies_64();
	struct c2g_key key;

	memcpy(buf, addr, c2g_addr_len(family));
	c2g_key_port(&key, family, buf, port, proto);
	if (c2g_consider(rhashtable_lookup(&t->table, &key, c2g_rht_params),
			 now, hit))
		return true;
	buf[key.len - 1] = 0;
	c2g_consider(rhashtable_lookup(&t->table, &key, c2g_rht_params), now,
		     hit);
	return hit->claim;
}

/*
 * The entry deciding about a ClientHello whose JA4 is @ja4
 * (C2GUARD_JA4_LEN characters), into *@hit; false if none.  Under RCU.
 */
bool c2g_ind_lookup_ja4(struct c2g_ind_table *t, const char *ja4,
			struct c2g_hit *hit)
{
	hit->claim = NULL;
	if (!c2g_ind_have_ja4(t))
		return false;
	c2g_consider(c2g_probe(t, C2G_K_JA4, ja4, C2GUARD_JA4_LEN),
		     get_jiffies_64(), hit);
	return hit->claim;
}

/*
 * The URL indicator deciding about an HTTP request for @url, into *@hit:
 * an allowlist entry for it (with its query, or a path prefix of it) if
 * there is one, else the most specific: the URL with its query, then the
 * longest prefix of its path that ends before a '/' ("/a/b/c", "/a/b",
 * "/a", "/").  Keys hold paths without a trailing '/' (but "/" itself),
 * so the request's trailing slashes are dropped too.  At most
 * C2G_URL_PROBES prefixes, longest first, are looked up; a key longer
 * than C2G_URL_KEY_MAX cannot exist and is not.  False if none.  Under RCU.
 */
bool c2g_ind_lookup_url(struct c2g_ind_table *t, const struct c2g_url *url,
			struct c2g_hit *hit)
{
	size_t h = url->host->len, plen = url->plen, n;
	const char *path = plen ? url->path : "/";
	char key[C2G_URL_KEY_MAX];
	unsigned int probes = 0;
	u64 now;

	hit->claim = NULL;
	if (!READ_ONCE(t->count[C2G_K_URL]) || h + 1 > sizeof(key))
		return false;
	now = get_jiffies_64();
	if (!plen)
		plen = 1;
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	memcpy(key, url->host->s, h);
	/* the path, as much of it as fits; each probe reads a prefix */
	n = min(plen, sizeof(key) - h);
	memcpy(key + h, path, n);
	if (url->has_query && h + plen + 1 + url->qlen <= sizeof(key)) {
		key[h + plen] = '?';
		memcpy(key + h + plen + 1, url->query, url->qlen);
		if (c2g_consider(c2g_probe(t, C2G_K_URL, key,
					   h + plen + 1 + url->qlen),
				 now, hit))
			return true;
	}
	n = plen;
	for (;;) {
		if (h + n <= sizeof(key)) {
			if (c2g_consider(c2g_probe(t, C2G_K_URL, key, h + n),
					 now, hit))
				return true;
			if (++probes == C2G_URL_PROBES)
				break;
		}
		if (n == 1)
			break;
		do
			n--;
		while (n > 1 && path[n] != '/');
	}
	return hit->claim;
}

/*
 * The entry deciding about @addr seen in a DNS answer, into *@hit; false
 * if none.  Under RCU.
 */
bool c2g_ind_lookup_answer(struct c2g_ind_table *t, u8 family,
			   const u8 *addr, struct c2g_hit *hit)
{
	struct c2g_key key;

	hit->claim = NULL;
	if (!c2g_ind_have_answers(t))
		return false;
	c2g_key_answer(&key, family, addr);
	c2g_consider(rhashtable_lookup(&t->table, &key, c2g_rht_params),
		     get_jiffies_64(), hit);
	return hit->claim;
}

/* Is there an allowlist entry for @addr?  Under RCU. */
bool c2g_ind_allowed_addr(struct c2g_ind_table *t, u8 family, const u8 *addr)
{
	struct c2g_hit hit;

	return c2g_ind_lookup_addr(t, family, addr, &hit) &&
	       c2g_hit_action(&hit) == C2GUARD_ACT_ALLOW;
}

/* Is there an allowlist entry for @name (or a suffix of it)?  Under RCU. */
bool c2g_ind_allowed_name(struct c2g_ind_table *t, const struct c2g_name *name)
{
	struct c2g_hit hit;

	return c2g_ind_lookup_name(t, name, &hit) &&
	       c2g_hit_action(&hit) == C2GUARD_ACT_ALLOW;
}

/* --- the lengths address lookups probe (addrs.c) ---------------------- */

static void c2g_addrs_publish(struct c2g_ind_table *t, unsigned int fi,
			      struct c2g_addrview *v)
{
	struct c2g_addrview *old;

	old = rcu_dereference_protected(t->addrs[fi],
					lockdep_is_held(t->lock));
	rcu_assign_pointer(t->addrs[fi], v);
	if (!old)
		return;
	/* Readers may still hold the old view, and through it its snapshot. */
	if (old->snap && (!v || old->snap != v->snap))
		kvfree_rcu(old->snap, rcu);
	kfree_rcu(old, rcu);
}

/* A view of @fi's snapshot @snap and its delta lengths, published. */
static int c2g_addrs_view(struct c2g_ind_table *t, unsigned int fi,
			  struct c2g_addrsnap *snap)
{
	struct c2g_addrview *v;
	int len;

	lockdep_assert_held(t->lock);

	/* Nothing to probe: no view (and no memory held). */
	if (!snap && bitmap_empty(t->delta_lens[fi], 129)) {
		c2g_addrs_publish(t, fi, NULL);
		return 0;
	}
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	v->snap = snap;
	for (len = 128; len >= 0; len--)
		if (test_bit(len, t->delta_lens[fi]))
			v->delta[v->ndelta++] = len;
	c2g_addrs_publish(t, fi, v);
	return 0;
}

/* Build the snapshots again, if a key changed, @delay from now. */
static void c2g_addrs_stale(struct c2g_ind_table *t, unsigned long delay)
{
	lockdep_assert_held(t->lock);

	if (t->addrs_changes[0] || t->addrs_changes[1])
		mod_delayed_work(system_power_efficient_wq, &t->addrs_work,
				 delay);
}

/* A key of length @plen joins family @fi: lookups probe that length. */
static int c2g_addrs_add(struct c2g_ind_table *t, unsigned int fi, u8 plen)
{
	const struct c2g_addrview *v;
	int err;

	lockdep_assert_held(t->lock);

	t->addrs_changes[fi]++;
	c2g_addrs_stale(t, C2G_ADDRS_DELAY);
	if (test_bit(plen, t->delta_lens[fi]))
		return 0;
	v = rcu_dereference_protected(t->addrs[fi], lockdep_is_held(t->lock));
	set_bit(plen, t->delta_lens[fi]);
	err = c2g_addrs_view(t, fi, v ? v->snap : NULL);
	if (err) {
		clear_bit(plen, t->delta_lens[fi]);
		t->addrs_changes[fi]--;
	}
	return err;
}

static struct c2g_attr *c2g_attr_get(struct c2g_ind_table *t,
				     struct c2g_source *src, u8 action,
				     const char *tag)
{
	struct c2g_attr *a = t->last_attr;

	lockdep_assert_held(t->lock);

	if (!a || a->src != src || a->action != action || strcmp(a->tag, tag)) {
		list_for_each_entry(a, &t->attrs, list)
			if (a->src == src && a->action == action &&
			    !strcmp(a->tag, tag))
				goto found;
		a = kzalloc(sizeof(*a), GFP_KERNEL_ACCOUNT);
		if (!a)
			return NULL;
		a->src = src;
		a->action = action;
		strscpy(a->tag, tag, sizeof(a->tag));
		list_add(&a->list, &t->attrs);
	}
found:
	a->refs++;
	t->last_attr = a;
	return a;
}

static void c2g_attr_put(struct c2g_ind_table *t, struct c2g_attr *a)
{
	lockdep_assert_held(t->lock);

	if (--a->refs)
		return;
	if (t->last_attr == a)
		t->last_attr = NULL;
	list_del(&a->list);
	/* Readers may still hold an entry that points here. */
	kfree_rcu(a, rcu);
}

static bool c2g_ind_cached(const struct c2g_ind *ind)
{
	return c2g_is_addr(ind->type) && ind->nclaims == 1 &&
	       !(ind->flags & C2G_IND_BOUND);
}

/* Entries of one claim for an address come from the cache. */
static void c2g_ind_free(struct c2g_ind *ind)
{
	if (c2g_ind_cached(ind))
		kmem_cache_free(c2g_ind_cache, ind);
	else
		kfree(ind);
}

static void c2g_ind_free_rcu(struct rcu_head *head)
{
	c2g_ind_free(container_of(head, struct c2g_ind, rcu));
}

static struct c2g_ind *c2g_ind_alloc(const struct c2g_key *key,
				     const struct c2g_claim *claims,
				     unsigned int n, gfp_t gfp)
{
	struct c2g_ind *ind;

	if (c2g_is_addr(key->type) && n == 1)
		ind = kmem_cache_alloc(c2g_ind_cache, gfp);
	else
		ind = kmalloc(struct_size(ind, claim, n) +
			      (c2g_is_addr(key->type) ? 16 : key->len + 1),
			      gfp);
	if (!ind)
		return NULL;
	atomic64_set(&ind->hits, 0);
	ind->type = key->type;
	ind->plen = key->plen;
	ind->len = key->len;
	ind->flags = 0;
	ind->nclaims = n;
	if (claims)
		memcpy(ind->claim, claims, n * sizeof(*claims));
	memcpy(c2g_ind_data(ind), key->data, key->len);
	if (!c2g_is_addr(key->type))
		c2g_ind_data(ind)[key->len] = '\0';
	return ind;
}

static void c2g_ind_key(const struct c2g_ind *ind, struct c2g_key *key)
{
	key->type = ind->type;
	key->plen = ind->plen;
	key->len = ind->len;
	key->data = c2g_ind_data(ind);
}

/* Suffix entries by label count: lookups skip the counts nobody uses. */
static void c2g_suffix_labels(struct c2g_ind_table *t, const struct c2g_ind *ind,
			      int delta)
{
	struct c2g_name name;
	unsigned int labels;

	lockdep_assert_held(t->lock);

	memcpy(name.s, c2g_ind_data(ind), ind->len + 1);
	name.len = ind->len;
	labels = c2g_name_suffixes(&name, NULL, 0);
	if (WARN_ON_ONCE(labels > C2G_LABELS_MAX))
		return;
	t->suffix_labels[labels] += delta;
	if (t->suffix_labels[labels])
		set_bit(labels, t->suffix_label_bits);
	else
		clear_bit(labels, t->suffix_label_bits);
}

/*
 * Account a key of @type with claims @claim (@n) entering (@delta 1) or
 * leaving (-1) the table.
 */
static void c2g_claims_count(struct c2g_ind_table *t, u8 type,
			     const struct c2g_claim *claim, unsigned int n,
			     int delta)
{
	bool allow = false;
	unsigned int i;

	lockdep_assert_held(t->lock);

	for (i = 0; i < n; i++) {
		allow |= claim[i].attr->action == C2GUARD_ACT_ALLOW;
		if (claim[i].expires)
			t->timed += delta;
	}
	WRITE_ONCE(t->count[type], t->count[type] + delta);
	if (allow && c2g_is_addr(type)) {
		i = type == C2G_K_V6;
		WRITE_ONCE(t->allow_count[i], t->allow_count[i] + delta);
	}
}

/* Account a hash entry entering (@delta 1) or leaving (-1) the table. */
static void c2g_ind_count(struct c2g_ind_table *t, const struct c2g_ind *ind,
			  int delta)
{
	c2g_claims_count(t, ind->type, ind->claim, ind->nclaims, delta);
	if (ind->type == C2G_K_SUFFIX)
		c2g_suffix_labels(t, ind, delta);
	if (!c2g_is_addr(ind->type))
		t->name_bytes += delta *
			(s64)(struct_size(ind, claim, ind->nclaims) +
			      ind->len + 1);
}

static void c2g_gc_schedule(struct c2g_ind_table *t)
{
	lockdep_assert_held(t->lock);

	if (t->timed || t->timed_srcs)
		queue_delayed_work(system_power_efficient_wq, &t->gc_work,
				   C2G_GC_INTERVAL);
}

static void c2g_bump_generation(struct c2g_ind_table *t)
{
	lockdep_assert_held(t->lock);

	WRITE_ONCE(t->generation, t->generation + 1);
}

static unsigned int c2g_total(struct c2g_ind_table *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < C2G_K_MAX; i++)
		n += t->count[i];
	return n;
}

unsigned int c2g_source_total(const unsigned int *count)
{
	unsigned int i, n = 0;

	for (i = 0; i < C2G_K_MAX; i++)
		n += count[i];
	return n;
}

/*
 * Put @ind in the place of @old (same key), or with @ind NULL take @old
 * out.  @old is left to the caller, who puts the attributes of the claims
 * it lost and frees it with c2g_ind_retire().  *@dirty collects the
 * families that lost a key (see c2g_addrs_stale()).
 */
static int c2g_ind_swap(struct c2g_ind_table *t, struct c2g_ind *old,
			struct c2g_ind *ind, unsigned int *dirty)
{
	unsigned int fi = old->type == C2G_K_V6;
	int err;

	lockdep_assert_held(t->lock);

	if (!ind) {
		err = rhashtable_remove_fast(&t->table, &old->node,
					     c2g_rht_params);
		if (err)
			return err;
		c2g_ind_count(t, old, -1);
		if (c2g_is_addr(old->type)) {
			t->addrs_changes[fi]++;
			*dirty |= 1 << fi;
		}
		return 0;
	}
	atomic64_set(&ind->hits, atomic64_read(&old->hits));
	err = rhashtable_replace_fast(&t->table, &old->node, &ind->node,
				      c2g_rht_params);
	if (err)
		return err;
	c2g_ind_count(t, old, -1);
	c2g_ind_count(t, ind, 1);
	return 0;
}

/* Free @old after a grace period: readers may still hold it. */
static void c2g_ind_retire(struct c2g_ind *old)
{
	call_rcu(&old->rcu, c2g_ind_free_rcu);
}

/* A copy of @old's key for @n claims, the claims left to fill. */
static struct c2g_ind *c2g_ind_realloc(const struct c2g_ind *old,
				       unsigned int n, gfp_t gfp)
{
	struct c2g_key key;

	c2g_ind_key(old, &key);
	return c2g_ind_alloc(&key, NULL, n, gfp);
}

/* Most indicators a table takes: max_indicators, or from memory. */
u32 c2g_ind_max(void)
{
	unsigned int max = READ_ONCE(max_indicators);
	u64 ram;

	if (max)
		return max;
	ram = (u64)totalram_pages() << PAGE_SHIFT;
	return min_t(u64, ram / C2G_IND_RAM_SHARE, U32_MAX);
}

static bool c2g_ind_full(struct c2g_ind_table *t,
			 struct netlink_ext_ack *extack)
{
	if (c2g_total(t) < c2g_ind_max())
		return false;
	NL_SET_ERR_MSG_MOD(extack,
			   "indicator table full (see status ind_max, module parameter max_indicators)");
	return true;
}

/* --- claim sets of snapshot slots -------------------------------------- */

static u32 c2g_cset_hash(const struct c2g_claim *claim, unsigned int n)
{
	return jhash(claim, n * sizeof(*claim), n);
}

/* Most buckets of the claim sets' hash: 2^C2G_CS_BITS_MAX. */
#define C2G_CS_BITS_MAX		20

/* Twice the buckets, if memory allows; the sets are found either way. */
static void c2g_cset_grow(struct c2g_ind_table *t)
{
	unsigned int bits = t->cs_bits + 1, i;
	struct hlist_node *tmp;
	struct hlist_head *h;
	struct c2g_cset *cs;

	h = kvcalloc(1u << bits, sizeof(*h), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!h)
		return;
	for (i = 0; i < 1u << t->cs_bits; i++)
		hlist_for_each_entry_safe(cs, tmp, &t->cs_hash[i], node) {
			hlist_del(&cs->node);
			hlist_add_head(&cs->node,
				       &h[cs->hash & ((1u << bits) - 1)]);
		}
	kvfree(t->cs_hash);
	t->cs_hash = h;
	t->cs_bits = bits;
}

/*
 * A reference to the set of the claims @claim (@n, at least one): the one
 * there is, or a new one holding a reference on each claim's attribute.
 * NULL if out of memory (unless @gfp has __GFP_NOFAIL).
 */
static struct c2g_cset *c2g_cset_get(struct c2g_ind_table *t,
				     const struct c2g_claim *claim,
				     unsigned int n, gfp_t gfp)
{
	u32 hash = c2g_cset_hash(claim, n);
	struct hlist_head *head;
	struct c2g_cset *cs;
	unsigned int i;

	lockdep_assert_held(t->lock);

	head = &t->cs_hash[hash & ((1u << t->cs_bits) - 1)];
	hlist_for_each_entry(cs, head, node)
		if (cs->hash == hash && cs->n == n &&
		    !memcmp(cs->claim, claim, n * sizeof(*claim))) {
			cs->refs++;
			return cs;
		}
	cs = kmalloc(struct_size(cs, claim, n), gfp);
	if (!cs)
		return NULL;
	cs->refs = 1;
	cs->hash = hash;
	cs->n = n;
	memcpy(cs->claim, claim, n * sizeof(*claim));
	for (i = 0; i < n; i++)
		claim[i].attr->refs++;
	hlist_add_head(&cs->node, head);
	t->cs_bytes += struct_size(cs, claim, n);
	if (++t->ncsets > 1u << t->cs_bits && t->cs_bits < C2G_CS_BITS_MAX)
		c2g_cset_grow(t);
	return cs;
}

static void c2g_cset_put(struct c2g_ind_table *t, struct c2g_cset *cs)
{
	unsigned int i;

	lockdep_assert_held(t->lock);

	if (--cs->refs)
		return;
	hlist_del(&cs->node);
	t->ncsets--;
	t->cs_bytes -= struct_size(cs, claim, cs->n);
	for (i = 0; i < cs->n; i++)
		c2g_attr_put(t, cs->claim[i].attr);
	/* Readers may still hold a slot's pointer to it. */
	kfree_rcu(cs, rcu);
}

/* --- where a key lives -------------------------------------------------- */

/*
 * Where a key lives, for a change to it: its hash entry (@ind), or its
 * slot in its family's snapshot (@snap, @slot; with no claims if the key
 * was taken out since the snapshot), or neither.  @claim holds its @n
 * claims: the entry's own, or for a slot a copy in the table's scratch
 * space (room for C2G_CLAIMS_MAX), which the change edits, then stores.
 */
struct c2g_ref {
	struct c2g_ind *ind;
	struct c2g_addrsnap *snap;
	u32 slot;
	struct c2g_claim *claim;
	unsigned int n;
};

static struct c2g_addrsnap *c2g_snap_locked(struct c2g_ind_table *t,
					    unsigned int fi)
{
	const struct c2g_addrview *v;

	v = rcu_dereference_protected(t->addrs[fi], lockdep_is_held(t->lock));
	return v ? v->snap : NULL;
}

static struct c2g_cset *c2g_slot_cset(struct c2g_ind_table *t,
				      struct c2g_addrsnap *s, u32 i)
{
	return rcu_dereference_protected(s->cset[i], lockdep_is_held(t->lock));
}

/* Slot @i of @s as *@r, its claims copied into the scratch space. */
static void c2g_ref_slot(struct c2g_ind_table *t, struct c2g_addrsnap *s,
			 u32 i, struct c2g_ref *r)
{
	const struct c2g_cset *cs = c2g_slot_cset(t, s, i);

	r->ind = NULL;
	r->snap = s;
	r->slot = i;
	r->claim = t->scratch;
	r->n = cs ? cs->n : 0;
	if (cs)
		memcpy(r->claim, cs->claim, cs->n * sizeof(*cs->claim));
}

/* Where @key lives, into *@r. */
static void c2g_find(struct c2g_ind_table *t, const struct c2g_key *key,
		     struct c2g_ref *r)
{
	struct c2g_addrsnap *s;
	u32 i;

	lockdep_assert_held(t->lock);

	memset(r, 0, sizeof(*r));
	r->ind = rhashtable_lookup_fast(&t->table, key, c2g_rht_params);
	if (r->ind) {
		r->claim = r->ind->claim;
		r->n = r->ind->nclaims;
		return;
	}
	if (!c2g_is_addr(key->type))
		return;
	s = c2g_snap_locked(t, key->type == C2G_K_V6);
	i = s ? c2g_addrsnap_find(s, key->data, key->plen) : C2G_LPM_NONE;
	if (i != C2G_LPM_NONE)
		c2g_ref_slot(t, s, i, r);
}

/*
 * Give slot @r the claims @claim (@n of them; none: the key is taken
 * out): it takes their set and lets go of its old one.  The caller keeps
 * the attribute references it holds.  -ENOMEM, unless @gfp cannot fail.
 */
static int c2g_slot_set(struct c2g_ind_table *t, const struct c2g_ref *r,
			const struct c2g_claim *claim, unsigned int n,
			gfp_t gfp)
{
	struct c2g_addrsnap *s = r->snap;
	unsigned int fi = s->bits == 128;
	u8 type = fi ? C2G_K_V6 : C2G_K_V4;
	struct c2g_cset *old, *cs = NULL;

	lockdep_assert_held(t->lock);

	old = c2g_slot_cset(t, s, r->slot);
	if (n) {
		cs = c2g_cset_get(t, claim, n, gfp);
		if (!cs)
			return -ENOMEM;
	}
	if (old)
		c2g_claims_count(t, type, old->claim, old->n, -1);
	if (cs)
		c2g_claims_count(t, type, cs->claim, cs->n, 1);
	if (!old != !cs) {
		s->live += cs ? 1 : -1;
		/* the next snapshot leaves the key out, or must not */
		t->addrs_changes[fi]++;
	}
	rcu_assign_pointer(s->cset[r->slot], cs);
	if (old)
		c2g_cset_put(t, old);
	return 0;
}

/* Store the claims of *@r as edited, if a slot's. */
static int c2g_ref_store(struct c2g_ind_table *t, const struct c2g_ref *r)
{
	if (!r->snap)
		return 0;
	return c2g_slot_set(t, r, r->claim, r->n, GFP_KERNEL_ACCOUNT);
}

/*
 * A new entry of @key with the one claim @c (its reference handed over).
 * -EEXIST if the key is there already.
 */
static int c2g_ind_insert(struct c2g_ind_table *t, const struct c2g_key *key,
			  const struct c2g_claim *c,
			  struct netlink_ext_ack *extack)
{
	unsigned int fi = key->type == C2G_K_V6;
	struct c2g_ind *ind, *old;
	int err;

	lockdep_assert_held(t->lock);

	if (c2g_ind_full(t, extack))
		return -ENOSPC;
	ind = c2g_ind_alloc(key, c, 1, GFP_KERNEL_ACCOUNT);
	if (!ind)
		return -ENOMEM;
	old = rhashtable_lookup_get_insert_key(&t->table, key, &ind->node,
					       c2g_rht_params);
	if (IS_ERR(old)) {
		c2g_ind_free(ind);
		NL_SET_ERR_MSG_MOD(extack, "cannot insert into indicator table");
		return PTR_ERR(old);
	}
	if (old) {
		c2g_ind_free(ind);
		return -EEXIST;
	}
	c2g_ind_count(t, ind, 1);
	if (c2g_is_addr(key->type)) {
		err = c2g_addrs_add(t, fi, key->plen);
		if (err) {
			rhashtable_remove_fast(&t->table, &ind->node,
					       c2g_rht_params);
			c2g_ind_count(t, ind, -1);
			/* Unhashed, but a reader may have seen it. */
			call_rcu(&ind->rcu, c2g_ind_free_rcu);
			return err;
		}
	}
	return 0;
}

/*
 * Put claim @c into @key's entry or slot @r, creating an entry if need
 * be; a claim of the same source already there (@idx, or -1) is replaced.
 * The reference of @c->attr is handed over on success.  A slot's claims
 * are stored as @r has them, with any edits made to them.
 */
static int c2g_ind_put_claim(struct c2g_ind_table *t, struct c2g_ref *r,
			     const struct c2g_key *key,
			     const struct c2g_claim *c, int idx,
			     struct netlink_ext_ack *extack)
{
	struct c2g_ind *ind, *old = r->ind;
	unsigned int n, dirty = 0;
	int err;

	if (!old && !r->snap)
		return c2g_ind_insert(t, key, c, extack);

	n = r->n + (idx < 0);
	if (n > C2G_CLAIMS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "too many sources list this indicator");
		return -ENOSPC;
	}
	if (r->snap) {
		/* a key taken out since the snapshot comes back */
		if (!r->n && c2g_ind_full(t, extack))
			return -ENOSPC;
		r->claim[idx < 0 ? n - 1 : idx] = *c;
		err = c2g_slot_set(t, r, r->claim, n, GFP_KERNEL_ACCOUNT);
		if (err)
			return err;
		r->n = n;
		/* the slot's set holds a reference of its own */
		c2g_attr_put(t, c->attr);
		return 0;
	}
	ind = c2g_ind_realloc(old, n, GFP_KERNEL_ACCOUNT);
	if (!ind)
		return -ENOMEM;
	memcpy(ind->claim, old->claim, old->nclaims * sizeof(*c));
	ind->claim[idx < 0 ? n - 1 : idx] = *c;
	err = c2g_ind_swap(t, old, ind, &dirty);
	if (err) {
		c2g_ind_free(ind);
		NL_SET_ERR_MSG_MOD(extack, "cannot replace indicator");
		return err;
	}
	if (idx >= 0)
		c2g_attr_put(t, old->claim[idx].attr);
	c2g_ind_retire(old);
	return 0;
}

static int c2g_ref_find_src(const struct c2g_ref *r,
			    const struct c2g_source *src)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->claim[i].attr->src == src)
			return i;
	return -1;
}

/* A manual entry: the admin's own listing of @key. */
int c2g_ind_add(struct c2g_ind_table *t, const struct c2g_key *key, u8 action,
		const char *tagname, u32 timeout, bool replace,
		struct netlink_ext_ack *extack)
{
	u64 now = get_jiffies_64();
	struct c2g_claim c = {};
	struct c2g_ref r;
	int idx, err;

	lockdep_assert_held(t->lock);

	c2g_find(t, key, &r);
	idx = c2g_ref_find_src(&r, &t->manual);
	if (idx >= 0 && !replace &&
	    !c2g_lapsed(r.claim[idx].expires, now)) {
		NL_SET_ERR_MSG_MOD(extack, "indicator already exists");
		return -EEXIST;
	}
	c.attr = c2g_attr_get(t, &t->manual, action, tagname);
	if (!c.attr)
		return -ENOMEM;
	if (timeout)
		c.expires = now + (u64)timeout * HZ;
	err = c2g_ind_put_claim(t, &r, key, &c, idx, extack);
	if (err) {
		c2g_attr_put(t, c.attr);
		return err;
	}
	if (idx < 0)
		t->manual.count[key->type]++;
	c2g_gc_schedule(t);
	c2g_bump_generation(t);
	return 0;
}

/*
 * Drop the claims of @old that @drop selects (under the table's lock); the
 * entry goes with its last claim.  Returns the number dropped or -errno.
 * May sleep, unless every claim goes.  Taking a listing out must not fail:
 * a source is freed once its listings are gone, and a claim left behind
 * would point to it.  The entry of the claims kept is small (a few claims
 * and a name), so its allocation waits for memory rather than fail.
 */
static int c2g_ind_drop(struct c2g_ind_table *t, struct c2g_ind *old,
			bool (*drop)(const struct c2g_claim *c, const void *arg),
			const void *arg, unsigned int *dirty)
{
	struct c2g_ind *ind = NULL;
	unsigned int i, n = 0, gone;
	int err;

	for (i = 0; i < old->nclaims; i++)
		n += !drop(&old->claim[i], arg);
	gone = old->nclaims - n;
	if (n == old->nclaims)
		return 0;
	if (n) {
		ind = c2g_ind_realloc(old, n,
				      GFP_KERNEL_ACCOUNT | __GFP_NOFAIL);
		for (i = 0, n = 0; i < old->nclaims; i++)
			if (!drop(&old->claim[i], arg))
				ind->claim[n++] = old->claim[i];
	}
	err = c2g_ind_swap(t, old, ind, dirty);
	if (err) {
		if (ind)
			c2g_ind_free(ind);
		return err;
	}
	for (i = 0; i < old->nclaims; i++)
		if (drop(&old->claim[i], arg))
			c2g_attr_put(t, old->claim[i].attr);
	c2g_ind_retire(old);
	return gone;
}

/*
 * As c2g_ind_drop(), for slot @r: @drop sees the scratch copy of its
 * claims, and may edit the claims it keeps (c2g_drop_staged()); the slot
 * takes the claims kept, as edited, if anything changed.  With @uncount,
 * the claims dropped are counted out of their sources.  Cannot fail.
 */
static int c2g_slot_drop(struct c2g_ind_table *t, struct c2g_ref *r,
			 bool (*drop)(const struct c2g_claim *c,
				      const void *arg),
			 const void *arg, bool uncount)
{
	const struct c2g_cset *cs = c2g_slot_cset(t, r->snap, r->slot);
	u8 type = r->snap->bits == 128 ? C2G_K_V6 : C2G_K_V4;
	unsigned int i, n = 0, gone;

	for (i = 0; i < r->n; i++) {
		if (!drop(&r->claim[i], arg)) {
			r->claim[n++] = r->claim[i];
			continue;
		}
		if (uncount)
			r->claim[i].attr->src->count[type]--;
	}
	gone = r->n - n;
	if (!cs || (!gone && !memcmp(r->claim, cs->claim, n * sizeof(*cs->claim))))
		return 0;
	c2g_slot_set(t, r, r->claim, n, GFP_KERNEL_ACCOUNT | __GFP_NOFAIL);
	r->n = n;
	return gone;
}

static bool c2g_drop_manual(const struct c2g_claim *c, const void *t)
{
	return c->attr->src == &((const struct c2g_ind_table *)t)->manual;
}

/*
 * Remove the admin's own listing of @key; the feeds' stay.  -ENOENT if
 * there is none, *@fed telling whether a feed lists the key.
 */
int c2g_ind_del(struct c2g_ind_table *t, const struct c2g_key *key,
		bool *fed)
{
	unsigned int dirty = 0;
	struct c2g_ref r;
	bool stale;
	int idx, err;

	lockdep_assert_held(t->lock);

	c2g_find(t, key, &r);
	idx = c2g_ref_find_src(&r, &t->manual);
	*fed = r.n && idx < 0;
	if (idx < 0)
		return -ENOENT;
	stale = c2g_lapsed(r.claim[idx].expires, get_jiffies_64());
	if (r.snap)
		err = c2g_slot_drop(t, &r, c2g_drop_manual, t, false);
	else
		err = c2g_ind_drop(t, r.ind, c2g_drop_manual, t, &dirty);
	if (err < 0)
		return err;
	t->manual.count[key->type]--;
	if (dirty || r.snap)
		c2g_addrs_stale(t, C2G_ADDRS_DELAY);
	c2g_bump_generation(t);
	return stale ? -ENOENT : 0;
}

/* A sweep of the table: which claims go, and what removing them did. */
struct c2g_ind_sweep {
	struct c2g_ind_table *t;
	bool (*drop)(const struct c2g_claim *c, const void *arg);
	const void *arg;
	/* Count the claims dropped against their sources' live counts. */
	bool uncount;
	unsigned int dropped;
	unsigned int dirty;		/* see c2g_ind_swap() */
};

/* Count the claims @sw drops from @ind in (@delta 1) or out of their sources. */
static void c2g_sweep_count(struct c2g_ind_sweep *sw, struct c2g_ind *ind,
			    int delta)
{
	unsigned int i;

	for (i = 0; i < ind->nclaims; i++)
		if (sw->drop(&ind->claim[i], sw->arg))
			ind->claim[i].attr->src->count[ind->type] += delta;
}

static int c2g_ind_sweep_one(void *obj, void *arg, bool atomic)
{
	struct c2g_ind_sweep *sw = arg;
	struct c2g_ind *ind = obj;
	unsigned int i, n = 0;
	int ret;

	for (i = 0; i < ind->nclaims; i++)
		n += sw->drop(&ind->claim[i], sw->arg);
	if (!n)
		return 0;
	/* Keeping some claims means a new entry: that allocation sleeps. */
	if (atomic && n < ind->nclaims)
		return -EAGAIN;
	/* Dumps running meanwhile must learn of the change. */
	if (!sw->dropped)
		c2g_bump_generation(sw->t);
	/* Before the entry goes: from then on it is the grace period's. */
	if (sw->uncount)
		c2g_sweep_count(sw, ind, -1);
	ret = c2g_ind_drop(sw->t, ind, sw->drop, sw->arg, &sw->dirty);
	if (ret <= 0) {
		if (sw->uncount)
			c2g_sweep_count(sw, ind, 1);
		return 0;
	}
	sw->dropped += ret;
	return 1;
}

/* Drop the claims @drop selects from every entry.  Under c2g_net.lock. */
static unsigned int c2g_ind_sweep(struct c2g_ind_table *t,
				  bool (*drop)(const struct c2g_claim *,
					       const void *),
				  const void *arg, bool uncount)
{
	struct c2g_ind_sweep sw = {
		.t = t, .drop = drop, .arg = arg, .uncount = uncount,
	};

	struct c2g_addrsnap *s;
	unsigned int fi, before;
	struct c2g_ref r;
	u32 i;
	int gone;

	lockdep_assert_held(t->lock);

	c2g_sweep(&t->table, c2g_ind_sweep_one, &sw);
	/* Out of the walk's RCU section: allocating may sleep here. */
	for (fi = 0; fi < 2; fi++) {
		s = c2g_snap_locked(t, fi);
		before = t->addrs_changes[fi];
		for (i = 0; s && i < s->n; i++) {
			if (!(i % 1024))
				cond_resched();
			if (!rcu_access_pointer(s->cset[i]))
				continue;
			c2g_ref_slot(t, s, i, &r);
			gone = c2g_slot_drop(t, &r, drop, arg, uncount);
			/* Dumps running meanwhile must learn of the change. */
			if (gone && !sw.dropped)
				c2g_bump_generation(t);
			sw.dropped += gone;
		}
		sw.dirty |= (t->addrs_changes[fi] != before) << fi;
	}
	/* a sweep is a bulk change: the snapshot follows at once */
	if (sw.dirty)
		c2g_addrs_stale(t, 0);
	if (sw.dropped)
		c2g_bump_generation(t);
	return sw.dropped;
}

struct c2g_flush_arg {
	const char *tag;
};

/* Every listing (@tag NULL), or the admin's own carrying @tag. */
static bool c2g_drop_tag(const struct c2g_claim *c, const void *arg)
{
	const char *tag = ((const struct c2g_flush_arg *)arg)->tag;

	return !tag || (!c->attr->src->name[0] && !strcmp(c->attr->tag, tag));
}

/*
 * Without @tag, empty the table: every source's claims (feeds stay, empty,
 * for feeds.c to drop); with it, the manual entries carrying @tag.
 */
unsigned int c2g_ind_flush(struct c2g_ind_table *t, const char *tag)
{
	struct c2g_flush_arg arg = { .tag = tag };

	return c2g_ind_sweep(t, c2g_drop_tag, &arg, true);
}

/* --- folding the hash's address keys into a snapshot ------------------- */

struct c2g_fold {
	struct c2g_ind **ind;
	u32 n;
	u32 cap;
	u8 type;
	bool over;
};

static int c2g_fold_collect(void *obj, void *arg, bool atomic)
{
	struct c2g_fold *f = arg;
	struct c2g_ind *ind = obj;

	/* A resize during the walk shows entries twice (never misses one). */
	if (ind->type != f->type || (ind->flags & C2G_IND_FOLDING))
		return 0;
	if (f->n == f->cap) {
		f->over = true;
		return 0;
	}
	ind->flags |= C2G_IND_FOLDING;
	f->ind[f->n++] = ind;
	return 0;
}

/*
 * Fold family @fi's keys into a new snapshot: the old snapshot's keys that
 * still have claims (their sets pass over), and the hash's, which then
 * leave the hash.
 *
 * Readers must find every key throughout.  The new view, published with
 * no length to probe in the hash, holds them all.  A reader that took the
 * old view probes the hash for the keys added since the old snapshot, so
 * those leave the hash only after a grace period from the publication: no
 * reader holds the old view then.  Meanwhile a key is in the new snapshot
 * and in the hash, and a reader of the new view takes the slot (see
 * c2g_ind_lookup_addr()); hits counted in the hash entry then are lost.
 * Nothing else changes the table: we hold its lock throughout.
 */
static int c2g_addrs_fold(struct c2g_ind_table *t, unsigned int fi)
{
	struct c2g_fold f = { .type = fi ? C2G_K_V6 : C2G_K_V4 };
	struct c2g_addrsnap *old = c2g_snap_locked(t, fi), *snap = NULL;
	unsigned long saved[BITS_TO_LONGS(129)];
	unsigned int bits = fi ? 128 : 32;
	struct c2g_lpm_pfx *p = NULL;
	struct c2g_cset **cs = NULL, *set;
	u32 n = 0, kept, i, j;
	struct c2g_ind *ind;
	u64 *hits = NULL;
	int err = -ENOMEM;

	lockdep_assert_held(t->lock);

	f.cap = t->count[f.type];
	if (f.cap) {
		f.ind = kvmalloc_array(f.cap, sizeof(*f.ind), GFP_KERNEL);
		p = kvmalloc_array(f.cap, sizeof(*p), GFP_KERNEL);
		cs = kvmalloc_array(f.cap, sizeof(*cs), GFP_KERNEL);
		hits = kvmalloc_array(f.cap, sizeof(*hits), GFP_KERNEL);
		if (!f.ind || !p || !cs || !hits)
			goto out;
		c2g_sweep(&t->table, c2g_fold_collect, &f);
		err = -EAGAIN;
		/* every key once: the hash's, and the old snapshot's */
		if (f.over || WARN_ON_ONCE(f.n + (old ? old->live : 0) != f.cap))
			goto out;
	}
	/* no key left (f.cap 0): the old snapshot has none either */
	for (i = 0; old && f.cap && i < old->n; i++) {
		set = c2g_slot_cset(t, old, i);
		if (!set)
			continue;
		cs[n] = set;
		c2g_lpm_key(c2g_addrsnap_key(old, i), bits, &p[n].hi, &p[n].lo);
		p[n].plen = old->plen[i];
		p[n].value = n;
		hits[n] = atomic64_read(&old->hits[i]);
		n++;
	}
	kept = n;
	err = -ENOMEM;
	for (i = 0; i < f.n; i++, n++) {
		ind = f.ind[i];
		cs[n] = c2g_cset_get(t, ind->claim, ind->nclaims,
				     GFP_KERNEL_ACCOUNT);
		if (!cs[n])
			goto unget;
		c2g_lpm_key(c2g_ind_data(ind), bits, &p[n].hi, &p[n].lo);
		p[n].plen = ind->plen;
		p[n].value = n;
		hits[n] = atomic64_read(&ind->hits);
	}
	if (n) {
		snap = c2g_addrsnap_build(p, n, bits, cs, hits);
		if (!snap)
			goto unget;
		snap->id = ++t->snaps;
	}
	bitmap_copy(saved, t->delta_lens[fi], 129);
	bitmap_zero(t->delta_lens[fi], 129);
	err = c2g_addrs_view(t, fi, snap);
	if (err) {
		bitmap_copy(t->delta_lens[fi], saved, 129);
		if (snap)
			c2g_addrsnap_free(snap);
		goto unget;
	}
	t->addrs_changes[fi] = 0;
	/* Dumps running meanwhile: the keys moved. */
	c2g_bump_generation(t);
	if (f.n)
		synchronize_rcu();
	for (i = 0; i < f.n; i++) {
		ind = f.ind[i];
		WARN_ON_ONCE(rhashtable_remove_fast(&t->table, &ind->node,
						    c2g_rht_params));
		for (j = 0; j < ind->nclaims; j++)
			c2g_attr_put(t, ind->claim[j].attr);
		/* Dumps may hold it. */
		c2g_ind_retire(ind);
		if (!(i % 1024))
			cond_resched();
	}
	f.n = 0;
	goto out;

unget:
	while (n > kept)
		c2g_cset_put(t, cs[--n]);
out:
	for (i = 0; i < f.n; i++)
		f.ind[i]->flags &= ~C2G_IND_FOLDING;
	kvfree(hits);
	kvfree(cs);
	kvfree(p);
	kvfree(f.ind);
	return err;
}

static void c2g_addrs_work(struct work_struct *work)
{
	struct c2g_ind_table *t = container_of(to_delayed_work(work),
					       struct c2g_ind_table,
					       addrs_work);
	unsigned int fi;

	mutex_lock(t->lock);
	for (fi = 0; fi < 2; fi++)
		if (t->addrs_changes[fi])
			c2g_addrs_fold(t, fi);
	/* Out of memory, or a resize in the walk: again a little later. */
	c2g_addrs_stale(t, C2G_ADDRS_DELAY);
	mutex_unlock(t->lock);
}

/* --- feeds: staging and committing a source's generations -------------- */

/* Start staging the next generation of @src, lasting @timeout s (0: ever). */
void c2g_ind_src_begin(struct c2g_ind_table *t, struct c2g_source *src,
		       u32 timeout)
{
	lockdep_assert_held(t->lock);
	WARN_ON_ONCE(src->staging);

	src->staging = ++src->next;
	memset(src->scount, 0, sizeof(src->scount));
	src->kept = 0;
	src->stage_expires = timeout ?
		get_jiffies_64() + (u64)timeout * HZ : 0;
}

/*
 * List @key in the generation of @src being staged.  The live generation
 * is left as it is: see "Generations" above.
 */
int c2g_ind_stage(struct c2g_ind_table *t, struct c2g_source *src,
		  const struct c2g_key *key, u8 action, const char *tag,
		  struct netlink_ext_ack *extack)
{
	u32 g = src->staging, live = src->live;
	struct c2g_claim c = {}, *old;
	int idx = -1, kept = 0, err;
	bool edited = false;
	struct c2g_ref r;
	unsigned int i;

	lockdep_assert_held(t->lock);

	/*
	 * A hash entry's claims are edited in place; a slot's in a copy,
	 * stored once done (c2g_ref_store(), c2g_ind_put_claim()).
	 */
	c2g_find(t, key, &r);
	for (i = 0; i < r.n; i++) {
		old = &r.claim[i];
		if (old->attr->src != src)
			continue;
		if (old->last == g) {
			/* Listed twice by the new list: the later one wins. */
			if (old->attr->action == action &&
			    !strcmp(old->attr->tag, tag))
				goto store;
			if (old->from == g) {
				idx = i;
				break;
			}
			/* Keep the live listing as it was; add the new one. */
			WRITE_ONCE(old->last, live);
			edited = true;
			kept--;
			continue;
		}
		if (old->from == g || old->last != live)
			continue;	/* an aborted staging's leftover */
		if (old->attr->action == action && !strcmp(old->attr->tag, tag)) {
			/* Still listed as it was: keep it in place. */
			WRITE_ONCE(old->from, live);
			WRITE_ONCE(old->last, g);
			edited = true;
			kept++;
			goto store;
		}
	}

	c.attr = c2g_attr_get(t, src, action, tag);
	if (!c.attr)
		return -ENOMEM;
	c.from = g;
	c.last = g;
	err = c2g_ind_put_claim(t, &r, key, &c, idx, extack);
	if (err) {
		c2g_attr_put(t, c.attr);
		return err;
	}
	if (idx < 0)
		src->scount[key->type]++;
	src->kept += kept;
	src->scount[key->type] += kept;
	c2g_bump_generation(t);
	return 0;

store:
	err = edited ? c2g_ref_store(t, &r) : 0;
	if (err)
		return err;
	src->kept += kept;
	src->scount[key->type] += kept;
	return 0;
}

/* Claims of a source that are not (or no longer) of its live generation. */
static bool c2g_drop_stale(const struct c2g_claim *c, const void *arg)
{
	const struct c2g_source *src = arg;

	return c->attr->src == src &&
	       ((s32)(src->live - c->from) < 0 || (s32)(c->last - src->live) < 0);
}

static void c2g_source_expiry(struct c2g_ind_table *t,
			      struct c2g_source *src, u64 expires)
{
	if (!!src->expires != !!expires)
		t->timed_srcs += expires ? 1 : -1;
	WRITE_ONCE(src->expires, expires);
}

/*
 * Make the staged generation of @src live, in one store, then sweep out
 * the claims it no longer has.
 */
void c2g_ind_src_commit(struct c2g_ind_table *t, struct c2g_source *src)
{
	unsigned int old = c2g_source_total(src->count);

	lockdep_assert_held(t->lock);

	/*
	 * The new lifetime is stored before the generation is released, so
	 * a reader that sees the new generation sees its lifetime too (the
	 * acquire in c2g_claim_live()); one that sees the old generation
	 * with the new lifetime only lets the old list live a little longer.
	 */
	c2g_source_expiry(t, src, src->stage_expires);
	/* Pairs with the acquire of c2g_claim_live(), as said above. */
	smp_store_release(&src->live, src->staging);
	src->staging = 0;
	memcpy(src->count, src->scount, sizeof(src->count));
	c2g_bump_generation(t);
	/* Every claim of the old generation was kept: nothing to sweep. */
	if (src->kept != old)
		c2g_ind_sweep(t, c2g_drop_stale, src, false);
	/* The new list's keys into the snapshot now, not after a pause. */
	c2g_addrs_stale(t, 0);
	c2g_gc_schedule(t);
}

/* Staged claims of @src (new ones go, kept ones are lowered back). */
static bool c2g_drop_staged(const struct c2g_claim *c, const void *arg)
{
	const struct c2g_source *src = arg;

	if (c->attr->src != src)
		return false;
	if (c->from == src->staging)
		return true;
	if (c->last == src->staging)
		WRITE_ONCE(((struct c2g_claim *)c)->last, src->live);
	return false;
}

/* Abandon the generation of @src being staged. */
void c2g_ind_src_abort(struct c2g_ind_table *t, struct c2g_source *src)
{
	lockdep_assert_held(t->lock);

	if (!src->staging)
		return;
	c2g_ind_sweep(t, c2g_drop_staged, src, false);
	src->staging = 0;
}

/*
 * Take every claim of @src out, live or staged: the feed is deleted, or
 * has lapsed.  The first store makes them all dead at once.
 */
void c2g_ind_src_clear(struct c2g_ind_table *t, struct c2g_source *src)
{
	lockdep_assert_held(t->lock);

	src->staging = 0;
	/* Every claim of @src dead at once: see c2g_ind_src_commit(). */
	smp_store_release(&src->live, ++src->next);
	c2g_source_expiry(t, src, 0);
	memset(src->count, 0, sizeof(src->count));
	c2g_bump_generation(t);
	c2g_ind_sweep(t, c2g_drop_stale, src, false);
}

/* --- expiry ------------------------------------------------------------ */

static bool c2g_drop_expired(const struct c2g_claim *c, const void *now)
{
	return c2g_lapsed(c->expires, *(const u64 *)now);
}

static void c2g_gc_work(struct work_struct *work)
{
	struct c2g_ind_table *t = container_of(to_delayed_work(work),
					       struct c2g_ind_table, gc_work);
	u64 now = get_jiffies_64();
	struct c2g_source *src;
	unsigned int n = 0;

	mutex_lock(t->lock);
	if (t->timed)
		n = c2g_ind_sweep(t, c2g_drop_expired, &now, true);
	/* A feed that lapsed, not being replaced: its entries go. */
	list_for_each_entry(src, &t->srcs, list) {
		if (src->staging || !c2g_lapsed(src->expires, now))
			continue;
		n += c2g_source_total(src->count);
		c2g_ind_src_clear(t, src);
	}
	atomic64_add(n, &t->expired);
	c2g_gc_schedule(t);
	mutex_unlock(t->lock);
}

/* Start a walk of the table, for a dump. */
void c2g_ind_walk_enter(struct c2g_ind_table *t, struct rhashtable_iter *iter)
{
	rhashtable_walk_enter(&t->table, iter);
}

/*
 * The key at slot *@pos of family @fi's snapshot, or the first after it,
 * that has a claim counting now, into *@hit; its slot in *@pos.  False
 * past the last.  Under RCU.
 */
bool c2g_ind_snap_next(struct c2g_ind_table *t, unsigned int fi, u32 *pos,
		       struct c2g_hit *hit)
{
	const struct c2g_addrview *v = rcu_dereference(t->addrs[fi]);
	struct c2g_addrsnap *s = v ? v->snap : NULL;
	u64 now = get_jiffies_64();
	const struct c2g_claim *by;
	const struct c2g_cset *cs;
	u32 i;

	for (i = *pos; s && i < s->n; i++) {
		cs = rcu_dereference(s->cset[i]);
		by = cs ? c2g_claims_decide(cs->claim, cs->n, now) : NULL;
		if (!by)
			continue;
		c2g_hit_of_slot(hit, s, i, cs, by);
		*pos = i;
		return true;
	}
	return false;
}

/*
 * Which snapshots readers take now: a value that changes whenever either
 * family's does (see c2g_ind_folded()).  Under RCU.
 */
u32 c2g_ind_snap_ids(struct c2g_ind_table *t)
{
	const struct c2g_addrview *v;
	u32 ids = 0;
	unsigned int fi;

	for (fi = 0; fi < 2; fi++) {
		v = rcu_dereference(t->addrs[fi]);
		ids = ids * 31 + (v && v->snap ? v->snap->id : 0);
	}
	return ids;
}

/*
 * Is hash entry @ind an address key the snapshot readers take holds too?
 * Only while c2g_addrs_fold() waits to take it out of the hash: a dump
 * shows it from the snapshot then.  Under RCU.
 */
bool c2g_ind_folded(struct c2g_ind_table *t, const struct c2g_ind *ind)
{
	const struct c2g_addrview *v;

	if (!c2g_is_addr(ind->type))
		return false;
	v = rcu_dereference(t->addrs[ind->type == C2G_K_V6]);
	return v && v->snap &&
	       c2g_addrsnap_find(v->snap, c2g_ind_data(ind), ind->plen) !=
	       C2G_LPM_NONE;
}

u64 c2g_ind_mem(struct c2g_ind_table *t)
{
	const struct bucket_table *tbl;
	const struct c2g_addrview *v;
	u64 mem, hashed;
	unsigned int fi;

	lockdep_assert_held(t->lock);

	hashed = t->count[C2G_K_V4] + t->count[C2G_K_V6];
	mem = t->name_bytes + t->cs_bytes +
	      ((size_t)1 << t->cs_bits) * sizeof(*t->cs_hash);
	for (fi = 0; fi < 2; fi++) {
		v = rcu_dereference_protected(t->addrs[fi],
					      lockdep_is_held(t->lock));
		if (!v)
			continue;
		mem += sizeof(*v);
		if (v->snap) {
			mem += v->snap->size;
			hashed -= v->snap->live;
		}
	}
	mem += hashed * kmem_cache_size(c2g_ind_cache);
	rcu_read_lock();
	tbl = rht_dereference_rcu(t->table.tbl, &t->table);
	mem += (u64)tbl->size * sizeof(tbl->buckets[0]) + sizeof(*tbl);
	rcu_read_unlock();
	return mem;
}

/* Keys in the address snapshots, and keys changed since they were built. */
void c2g_ind_lpm_counts(struct c2g_ind_table *t, u32 *keys, u32 *pending)
{
	struct c2g_addrsnap *s;
	unsigned int fi;

	lockdep_assert_held(t->lock);

	*keys = 0;
	*pending = 0;
	for (fi = 0; fi < 2; fi++) {
		s = c2g_snap_locked(t, fi);
		if (s)
			*keys += s->live;
		*pending += t->addrs_changes[fi];
	}
}

int c2g_ind_init(struct c2g_ind_table *t, struct mutex *lock)
{
	int err;

	t->lock = lock;
	INIT_LIST_HEAD(&t->attrs);
	INIT_LIST_HEAD(&t->srcs);
	list_add(&t->manual.list, &t->srcs);
	INIT_DELAYED_WORK(&t->gc_work, c2g_gc_work);
	INIT_DELAYED_WORK(&t->addrs_work, c2g_addrs_work);
	atomic64_set(&t->expired, 0);
	t->scratch = kmalloc_array(C2G_CLAIMS_MAX, sizeof(*t->scratch),
				   GFP_KERNEL);
	if (!t->scratch)
		return -ENOMEM;
	t->cs_bits = 6;
	t->cs_hash = kvcalloc(1u << t->cs_bits, sizeof(*t->cs_hash),
			      GFP_KERNEL_ACCOUNT);
	err = -ENOMEM;
	if (!t->cs_hash)
		goto fail_cs;
	err = rhashtable_init(&t->table, &c2g_rht_params);
	if (err)
		goto fail_table;
	return 0;

fail_table:
	kvfree(t->cs_hash);
fail_cs:
	kfree(t->scratch);
	return err;
}

static void c2g_ind_free_now(void *ptr, void *arg)
{
	c2g_ind_free(ptr);
}

/*
 * Called on netns exit: the hooks went in pre_exit and the grace period the
 * netns core observes since let the packets in flight finish; no netlink
 * request can reach @t either.  No reader is left, so entries are freed at
 * once.  The feeds' sources are feeds.c's, freed after this.
 */
void c2g_ind_destroy(struct c2g_ind_table *t)
{
	struct c2g_attr *a, *tmp;
	struct hlist_node *node;
	struct c2g_cset *cs;
	unsigned int fi, i;

	cancel_delayed_work_sync(&t->gc_work);
	cancel_delayed_work_sync(&t->addrs_work);
	rhashtable_free_and_destroy(&t->table, c2g_ind_free_now, NULL);
	list_for_each_entry_safe(a, tmp, &t->attrs, list) {
		list_del(&a->list);
		kfree(a);
	}
	for (fi = 0; fi < 2; fi++) {
		struct c2g_addrview *v;

		v = rcu_dereference_protected(t->addrs[fi], true);
		if (!v)
			continue;
		if (v->snap)
			c2g_addrsnap_free(v->snap);
		kfree(v);
	}
	/* The slots' sets, each once: the attributes went above. */
	for (i = 0; i < 1u << t->cs_bits; i++)
		hlist_for_each_entry_safe(cs, node, &t->cs_hash[i], node) {
			hlist_del(&cs->node);
			kfree(cs);
		}
	kvfree(t->cs_hash);
	kfree(t->scratch);
}

/* Address entries of one claim: the object, its claim, its address. */
int __init c2g_ind_module_init(void)
{
	c2g_ind_cache = kmem_cache_create("c2g_ind",
					  struct_size_t(struct c2g_ind, claim, 1) + 16,
					  __alignof__(struct c2g_ind), 0, NULL);
	return c2g_ind_cache ? 0 : -ENOMEM;
}

void c2g_ind_module_exit(void)
{
	kmem_cache_destroy(c2g_ind_cache);
}
