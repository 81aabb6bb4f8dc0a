// SPDX-License-Identifier: GPL-2.0
/*
 * Safety rails of c2ctl, see rails.h.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <libpsl.h>

#include "rails.h"

/* Shortest prefix loaded without "force", per family. */
#define C2_RAIL_V4_MIN	8
#define C2_RAIL_V6_MIN	16

struct reserved {
	u8 family;
	u8 len;
	u8 addr[16];
	const char *what;
};

static const struct reserved reserved[] = {
	{ C2G_AF_INET, 8, { 0 }, "this network" },
	{ C2G_AF_INET, 8, { 127 }, "loopback" },
	{ C2G_AF_INET, 16, { 169, 254 }, "link-local" },
	{ C2G_AF_INET, 4, { 224 }, "multicast" },
	{ C2G_AF_INET, 32, { 255, 255, 255, 255 }, "broadcast" },
	{ C2G_AF_INET6, 128, { 0 }, "unspecified" },
	{ C2G_AF_INET6, 128, { [15] = 1 }, "loopback" },
	{ C2G_AF_INET6, 10, { 0xfe, 0x80 }, "link-local" },
	{ C2G_AF_INET6, 8, { 0xff }, "multicast" },
};

void c2_rails_init(struct c2_rails *r)
{
	memset(r, 0, sizeof(*r));
}

void c2_rails_free(struct c2_rails *r)
{
	free(r->local);
	if (!r->psl_builtin)
		psl_free(r->psl);
	c2_rails_init(r);
}

/*
 * Load the Public Suffix List from @path (NULL: C2_PSL_FILE), or libpsl's
 * built-in copy when that cannot be read.  Returns 0 (the file), 1 (the
 * built-in copy, also noted in r->psl_builtin) or -1 (neither).
 */
int c2_rails_load_psl(struct c2_rails *r, const char *path)
{
	if (!r->psl_builtin)
		psl_free(r->psl);
	r->psl_builtin = false;
	r->psl = psl_load_file(path ? path : C2_PSL_FILE);
	if (r->psl)
		return 0;
	/* Static data: c2_rails_free() must not psl_free() it. */
	r->psl = (psl_ctx_t *)psl_builtin();
	if (!r->psl)
		return -1;
	r->psl_builtin = true;
	return 1;
}

/* Add @addr (a full-length prefix) of interface @ifname; 0 or -errno. */
int c2_rails_add_local(struct c2_rails *r, const struct c2g_prefix *addr,
		       const char *ifname)
{
	struct c2_rail_local *l;

	if (addr->len != c2g_family_bits(addr->family))
		return -EINVAL;
	l = realloc(r->local, (r->nlocal + 1) * sizeof(*l));
	if (!l)
		return -ENOMEM;
	r->local = l;
	l += r->nlocal++;
	memset(l, 0, sizeof(*l));
	l->addr = *addr;
	snprintf(l->ifname, sizeof(l->ifname), "%s", ifname ? ifname : "");
	return 0;
}

/*
 * Add every IPv4/IPv6 address of every interface of the current network
 * namespace (getifaddrs(3)), up or not.  Returns 0 or -errno.
 */
int c2_rails_load_local(struct c2_rails *r)
{
	struct ifaddrs *ifa, *i;
	struct c2g_prefix p;
	int err = 0;

	if (getifaddrs(&ifa))
		return -errno;
	for (i = ifa; i && !err; i = i->ifa_next) {
		if (!i->ifa_addr)
			continue;
		memset(&p, 0, sizeof(p));
		if (i->ifa_addr->sa_family == AF_INET) {
			p.family = C2G_AF_INET;
			p.len = 32;
			memcpy(p.addr, &((struct sockaddr_in *)i->ifa_addr)->sin_addr, 4);
		} else if (i->ifa_addr->sa_family == AF_INET6) {
			p.family = C2G_AF_INET6;
			p.len = 128;
			memcpy(p.addr, &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr, 16);
		} else {
			continue;
		}
		err = c2_rails_add_local(r, &p, i->ifa_name);
	}
	freeifaddrs(ifa);
	return err;
}

/* Do the first @bits bits of @a and @b agree? */
static bool bits_equal(const u8 *a, const u8 *b, unsigned int bits)
{
	unsigned int n = bits / 8, rest = bits % 8;
	u8 mask;

	if (memcmp(a, b, n))
		return false;
	if (!rest)
		return true;
	mask = (u8)(0xff << (8 - rest));
	return !((a[n] ^ b[n]) & mask);
}

/* Does one of two prefixes of the same family hold the other? */
static bool overlaps(const struct c2g_prefix *p, u8 family, unsigned int len,
		     const u8 *addr)
{
	return p->family == family &&
	       bits_equal(p->addr, addr, p->len < len ? p->len : len);
}

static void fmt_prefix(u8 family, unsigned int len, const u8 *addr, char *buf,
		       size_t size)
{
	struct c2g_prefix p = { .family = family, .len = (u8)len };

	memcpy(p.addr, addr, sizeof(p.addr));
	/* A single address reads better without "/32" or "/128". */
	if (len == c2g_family_bits(family)) {
		if (c2g_addr_format(family, addr, buf, size) < 0)
			snprintf(buf, size, "?");
	} else if (c2g_prefix_format(&p, buf, size) < 0) {
		snprintf(buf, size, "?");
	}
}

static int check_addr(const struct c2g_prefix *p, const char *text,
		      const struct c2_rails *r, char *why, size_t len)
{
	unsigned int min = p->family == C2G_AF_INET ? C2_RAIL_V4_MIN :
						      C2_RAIL_V6_MIN;
	const struct reserved *res;
	char other[C2G_PREFIX_FMT_MAX];
	size_t i;

	if (!p->len) {
		snprintf(why, len, "%s covers every %s address", text,
			 p->family == C2G_AF_INET ? "IPv4" : "IPv6");
		return 1;
	}
	if (p->len < min) {
		snprintf(why, len, "%s is shorter than /%u", text, min);
		return 1;
	}
	for (i = 0; i < ARRAY_SIZE(reserved); i++) {
		res = &reserved[i];
		if (!overlaps(p, res->family, res->len, res->addr))
			continue;
		fmt_prefix(res->family, res->len, res->addr, other,
			   sizeof(other));
		if (p->len == res->len)
			snprintf(why, len, "%s is reserved (%s)", text,
				 res->what);
		else if (p->len > res->len)
			snprintf(why, len, "%s is inside %s (%s)", text, other,
				 res->what);
		else
			snprintf(why, len, "%s covers %s (%s)", text, other,
				 res->what);
		return 1;
	}
	for (i = 0; i < r->nlocal; i++) {
		const struct c2g_prefix *a = &r->local[i].addr;
		const char *ifn = r->local[i].ifname;

		if (!overlaps(p, a->family, a->len, a->addr))
			continue;
		fmt_prefix(a->family, a->len, a->addr, other, sizeof(other));
		if (p->len == a->len)
			snprintf(why, len, "%s is an address of this gateway%s%s%s",
				 text, *ifn ? " (" : "", ifn, *ifn ? ")" : "");
		else
			snprintf(why, len,
				 "%s covers %s, an address of this gateway%s%s%s",
				 text, other, *ifn ? " (" : "", ifn,
				 *ifn ? ")" : "");
		return 1;
	}
	return 0;
}

static int check_name(const struct c2_ind_spec *spec, const char *text,
		      const struct c2_rails *r, char *why, size_t len)
{
	const psl_ctx_t *psl = r->psl;
	const char *n = spec->name.s;

	if (!psl) {
		snprintf(why, len,
			 "%s cannot be checked: no Public Suffix List loaded",
			 text);
		return 1;
	}
	if (psl_is_public_suffix2(psl, n, PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE)) {
		if (spec->suffix)
			snprintf(why, len,
				 "%s is a public suffix: it would match every name under it",
				 text);
		else
			snprintf(why, len,
				 "%s is a public suffix, not a host name", text);
		return 1;
	}
	if (spec->suffix &&
	    psl_is_public_suffix2(psl, n, PSL_TYPE_PRIVATE | PSL_TYPE_NO_STAR_RULE)) {
		snprintf(why, len,
			 "%s is a public suffix (private section of the list): it would match every name under it",
			 text);
		return 1;
	}
	return 0;
}

/**
 * c2_rail_check() - would @spec cut far more than a C2 server?
 * @spec: a parsed indicator (C2_SPEC_ADDR, C2_SPEC_NAME, C2_SPEC_JA4 or
 *	C2_SPEC_URL set)
 * @r: local addresses and the Public Suffix List
 * @why: the reason, one line without a trailing period, when refused
 * @len: size of @why; C2_RAIL_WHY_MAX is enough
 *
 * The caller skips the call when the admin said "force", and adds that
 * hint to the message.
 *
 * Return: 0 when the spec may be loaded, 1 when refused.
 */
int c2_rail_check(const struct c2_ind_spec *spec, const struct c2_rails *r,
		  char *why, size_t len)
{
	char text[C2_IND_FMT_MAX];

	if (len)
		why[0] = '\0';
	/*
	 * An answer address matches records in DNS answers, never flows; a
	 * JA4 matches one client's ClientHellos, never an address or a name;
	 * a URL only HTTP requests to its host, never other flows.
	 */
	if (spec->action == C2GUARD_ACT_ALLOW ||
	    (spec->set & (C2_SPEC_ANSWER | C2_SPEC_JA4 | C2_SPEC_URL)))
		return 0;
	if (!(spec->set & (C2_SPEC_ADDR | C2_SPEC_NAME)))
		return 0;
	if (spec->set & C2_SPEC_NAME) {
		if (c2_spec_format(spec, text, sizeof(text)) < 0)
			snprintf(text, sizeof(text), "?");
		return check_name(spec, text, r, why, len);
	}
	fmt_prefix(spec->pfx.family, spec->pfx.len, spec->pfx.addr, text,
		   sizeof(text));
	return check_addr(&spec->pfx, text, r, why, len);
}
