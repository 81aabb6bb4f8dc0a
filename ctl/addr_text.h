/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The text forms of IPv4/IPv6 addresses and prefixes: strict parsing and
 * RFC 5952 printing, for c2ctl and the unit tests and fuzzer of
 * selftests/unit.  Userspace only; the families and prefix masks it builds
 * on are kmod/addr.h, which the module shares.
 *
 * Nothing here allocates or depends on locale.
 */
#ifndef _C2CTL_ADDR_TEXT_H
#define _C2CTL_ADDR_TEXT_H

#include "addr.h"

/* Room for any text c2g_addr_format() writes, NUL included. */
#define C2G_ADDR_FMT_MAX	46
/* Room for any text c2g_prefix_format() writes ("addr/len"), NUL included. */
#define C2G_PREFIX_FMT_MAX	(C2G_ADDR_FMT_MAX + 4)

/**
 * struct c2g_prefix - an address with a prefix length
 * @family: C2G_AF_INET or C2G_AF_INET6
 * @len: prefix length, 0..32 or 0..128
 * @addr: address in network byte order; for IPv4 only addr[0..3] is used
 *	and the tail is zero
 */
struct c2g_prefix {
	u8 family;
	u8 len;
	u8 addr[16];
};

enum c2g_addr_err {
	C2G_ADDR_OK = 0,
	C2G_ADDR_EMPTY,		/* nothing before the end or the '/' */
	C2G_ADDR_BAD_V4,	/* malformed dotted quad */
	C2G_ADDR_BAD_V6,	/* malformed IPv6 text */
	C2G_ADDR_BAD_LEN,	/* '/' not followed by a plain decimal */
	C2G_ADDR_LEN_RANGE,	/* prefix length above 32 / 128 */
	C2G_ADDR_HOST_BITS,	/* address bits set past the prefix length */
	C2G_ADDR_TRAILING,	/* junk after a well-formed address/prefix */
	__C2G_ADDR_ERR_MAX
};

int c2g_prefix_parse(const char *s, size_t n, struct c2g_prefix *p);
const char *c2g_addr_strerror(int err);
int c2g_addr_format(u8 family, const u8 *addr, char *buf, size_t buflen);
int c2g_prefix_format(const struct c2g_prefix *p, char *buf, size_t buflen);

#endif /* _C2CTL_ADDR_TEXT_H */
