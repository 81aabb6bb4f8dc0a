// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for ctl/addr_text.c (with kmod/addr.c).
 *
 * Whatever the input: the parser returns a known code and never reads past
 * n bytes (ASan).  An accepted prefix formats, parses back to the same
 * prefix and formats to the same text; a HOST_BITS result masks into an
 * accepted prefix; and for plain addresses (no '/') the verdict and bytes
 * agree with glibc's inet_pton().
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addr_text.h"

static void round_trip(const struct c2g_prefix *p)
{
	char txt[C2G_PREFIX_FMT_MAX], txt2[C2G_PREFIX_FMT_MAX];
	struct c2g_prefix q;
	int n, r;

	n = c2g_prefix_format(p, txt, sizeof(txt));
	if (n <= 0 || (size_t)n != strlen(txt))
		abort();
	r = c2g_prefix_parse(txt, (size_t)n, &q);
	if (r != C2G_ADDR_OK || memcmp(p, &q, sizeof(q)))
		abort();
	if (c2g_prefix_format(&q, txt2, sizeof(txt2)) != n || strcmp(txt, txt2))
		abort();
	/* Formatting into a buffer one byte short must fail cleanly. */
	if (c2g_prefix_format(p, txt2, (size_t)n) != -1)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct c2g_prefix p;
	unsigned int bytes;
	char buf[64];
	u8 bin[16];
	int r, ok, af;

	r = c2g_prefix_parse(s, size, &p);
	if (r < 0 || r >= __C2G_ADDR_ERR_MAX || !c2g_addr_strerror(r))
		abort();

	if (r == C2G_ADDR_OK || r == C2G_ADDR_HOST_BITS) {
		bytes = c2g_family_bits(p.family) / 8;
		if (!bytes || p.len > bytes * 8)
			abort();
		if (c2g_prefix_host_bits_clear(p.addr, bytes, p.len) !=
		    (r == C2G_ADDR_OK))
			abort();
		c2g_prefix_mask(p.addr, bytes, p.len);
		if (!c2g_prefix_host_bits_clear(p.addr, bytes, p.len))
			abort();
		round_trip(&p);
	}

	/* Differential check of plain addresses against inet_pton(). */
	if (size < sizeof(buf) && !memchr(s, '/', size) && !memchr(s, '\0', size)) {
		memcpy(buf, s, size);
		buf[size] = '\0';
		af = memchr(s, ':', size) ? AF_INET6 : AF_INET;
		ok = inet_pton(af, buf, bin) == 1;
		if (ok != (r == C2G_ADDR_OK))
			abort();
		if (ok && memcmp(bin, p.addr, af == AF_INET ? 4 : 16))
			abort();
	}
	return 0;
}
