/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4/IPv6 address families and prefix masks, shared by the c2guard
 * kernel module and its userspace tools (ctl/addr_text.h adds the text
 * forms, for userspace only).
 *
 * Nothing here allocates, sleeps or depends on locale; the code builds in
 * the kernel (__C2G_KERNEL__) and in userspace through pure.h.
 */
#ifndef _C2G_ADDR_H
#define _C2G_ADDR_H

#include "pure.h"

#define C2G_AF_INET	2
#define C2G_AF_INET6	10

unsigned int c2g_family_bits(u8 family);
bool c2g_prefix_host_bits_clear(const u8 *addr, unsigned int addrlen,
				unsigned int plen);
void c2g_prefix_mask(u8 *addr, unsigned int addrlen, unsigned int plen);
bool c2g_prefix_match(const u8 *a, const u8 *p, unsigned int plen);

#endif /* _C2G_ADDR_H */
