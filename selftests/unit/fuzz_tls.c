// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/tls.c.
 *
 * Whatever the input: a known verdict, no read past the buffer (ASan), a
 * server name that is NUL-terminated, len == strlen, 1..253 bytes of
 * '!'..'~' without upper case.  And cutting the input short never changes
 * the verdict into anything but PARTIAL (or NOT_HELLO below 6 bytes): the
 * same server name, or no conclusion yet.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tls.h"

static int run(const u8 *buf, size_t len, struct c2g_name *out)
{
	int r = c2g_tls_sni(buf, len, out);
	unsigned int i;

	if (r < C2G_TLS_NOT_HELLO || r > C2G_TLS_MALFORMED)
		abort();
	if (r != C2G_TLS_SNI)
		return r;
	if (!out->len || out->len > C2G_NAME_MAX || strlen(out->s) != out->len)
		abort();
	for (i = 0; i < out->len; i++) {
		if (out->s[i] < '!' || out->s[i] > '~' ||
		    (out->s[i] >= 'A' && out->s[i] <= 'Z'))
			abort();
	}
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_name full, part;
	size_t cuts[2] = { size / 2, size ? size - 1 : 0 };
	int r, rp;
	unsigned int i;

	r = run(data, size, &full);
	for (i = 0; i < 2; i++) {
		rp = run(data, cuts[i], &part);
		if (cuts[i] < 6) {
			if (rp != C2G_TLS_NOT_HELLO)
				abort();
			continue;
		}
		if (rp != r && rp != C2G_TLS_PARTIAL)
			abort();
		if (rp == C2G_TLS_SNI && strcmp(part.s, full.s))
			abort();
	}
	return 0;
}
