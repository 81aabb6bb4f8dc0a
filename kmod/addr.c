// SPDX-License-Identifier: GPL-2.0
/*
 * Address families and prefix masks, the part of c2guard's address code
 * the module builds: it receives addresses in binary over netlink and never
 * parses or prints them.  Their text forms are c2ctl's (ctl/addr_text.c).
 */
#include "addr.h"

unsigned int c2g_family_bits(u8 family)
{
	switch (family) {
	case C2G_AF_INET:
		return 32;
	case C2G_AF_INET6:
		return 128;
	default:
		return 0;
	}
}

bool c2g_prefix_host_bits_clear(const u8 *addr, unsigned int addrlen,
				unsigned int plen)
{
	unsigned int i = plen / 8;

	if (plen >= addrlen * 8)
		return true;
	if (plen % 8) {
		if (addr[i] & (0xffu >> (plen % 8)))
			return false;
		i++;
	}
	for (; i < addrlen; i++) {
		if (addr[i])
			return false;
	}
	return true;
}

/* Is @a inside the prefix @p/@plen (@p's host bits clear)? */
bool c2g_prefix_match(const u8 *a, const u8 *p, unsigned int plen)
{
	unsigned int bytes = plen / 8, bits = plen % 8;

	if (memcmp(a, p, bytes))
		return false;
	return !bits || !((a[bytes] ^ p[bytes]) & (0xff00 >> bits));
}

void c2g_prefix_mask(u8 *addr, unsigned int addrlen, unsigned int plen)
{
	unsigned int i = plen / 8;

	if (plen >= addrlen * 8)
		return;
	if (plen % 8) {
		addr[i] &= (u8)(0xffu << (8 - plen % 8));
		i++;
	}
	memset(addr + i, 0, addrlen - i);
}
