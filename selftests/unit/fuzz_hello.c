// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/hello.c.  Whatever the input: no read past
 * it (ASan); a hello read whole gives a JA4 of the fingerprint's shape
 * ("t" or "q", 9 characters, "_", 12 hex digits, "_", 12 hex digits), a JA3
 * of 32 hex digits, and texts that fit the room given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hello.h"

static int f_sha256(void *ctx, const u8 *p, size_t len, u8 *out)
{
	size_t i;

	(void)ctx;
	if (len > C2G_HELLO_TEXT_MAX)
		abort();
	memset(out, 0, 32);
	for (i = 0; i < len; i++)
		out[i % 32] ^= p[i];
	return 0;
}

static int f_md5(void *ctx, const u8 *p, size_t len, u8 *out)
{
	u8 d[32];

	f_sha256(ctx, p, len, d);
	memcpy(out, d, 16);
	return 0;
}

static const struct c2g_hello_hash hash = { f_sha256, f_md5, NULL };

static bool hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char text[C2G_HELLO_TEXT_MAX];
	char ja4[C2G_JA4_LEN + 1], ja3[33];
	struct c2g_hello h;
	u8 *buf = malloc(size ? size : 1);

	memcpy(buf, data, size);
	if (!c2g_hello_parse(buf, size, &h)) {
		if (c2g_ja4(&h, size & 1, &hash, text, ja4) ||
		    c2g_ja3(&h, &hash, text, ja3))
			abort();
		if (strlen(ja4) != C2G_JA4_LEN || (ja4[0] != 't' && ja4[0] != 'q') ||
		    ja4[10] != '_' || ja4[23] != '_' || !hex(ja4 + 11, 12) ||
		    !hex(ja4 + 24, 12) || strlen(ja3) != 32 || !hex(ja3, 32))
			abort();
	}
	free(buf);
	return 0;
}
