// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/quic.c (and the ClientHello reader of tls.c
 * behind it).
 *
 * The crypto provider here is a transparent one, so that the fuzzer
 * reaches the frames: no header protection (a zero mask), and a packet
 * "authenticates" when its 16-byte tag is all zero, its payload then read
 * as it is.  The input is one or two datagrams of one connection (a
 * first byte below 0x40 says where the second starts).  Whatever it is: a
 * known result, no read or write past the datagram (ASan), a stream no
 * longer than the ClientHello room, a server name in the text form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quic.h"
#include "tls.h"

static int f_hmac(void *ctx, const u8 *key, size_t klen, const u8 *msg,
		  size_t len, u8 *out)
{
	(void)ctx;
	memset(out, 0, 32);
	if (klen)
		out[0] = key[0];
	if (len)
		out[1] = msg[len - 1];
	return 0;
}

static int f_aes(void *ctx, const u8 *key, const u8 *in, u8 *out)
{
	(void)ctx;
	(void)key;
	(void)in;
	memset(out, 0, 16);
	return 0;
}

static int f_gcm_open(void *ctx, const u8 *key, const u8 *nonce, u8 *buf,
		      size_t alen, size_t clen)
{
	static const u8 zero[16];

	(void)ctx;
	(void)key;
	(void)nonce;
	if (clen < 16)
		abort();	/* quic.c checks before it asks */
	return memcmp(buf + alen + clen - 16, zero, 16) ? -EBADMSG : 0;
}

static const struct c2g_quic_ops ops = {
	.hmac_sha256 = f_hmac,
	.aes_block = f_aes,
	.gcm_open = f_gcm_open,
};

static struct c2g_quic_stream st;

static void check(int r)
{
	struct c2g_name name;
	unsigned int i;

	if (r < C2G_QUIC_NOT_QUIC || r > C2G_QUIC_ERROR ||
	    st.have > C2G_QUIC_HELLO_MAX)
		abort();
	if (c2g_tls_hello_sni(st.data, st.have, &name) != C2G_TLS_SNI)
		return;
	if (!name.len || strlen(name.s) != name.len)
		abort();
	for (i = 0; i < name.len; i++)
		if (name.s[i] < '!' || name.s[i] > '~')
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_quic_keys keys;
	struct c2g_quic_hdr hdr;
	size_t cut = size;
	u8 *buf;

	if (size && data[0] < 0x40) {
		cut = (size_t)data[0] * 32;
		data++;
		size--;
		if (cut > size)
			cut = size;
	}
	/* copies, so ASan sees the ends of each datagram */
	c2g_quic_stream_init(&st);
	buf = malloc(cut ? cut : 1);
	memcpy(buf, data, cut);
	check(c2g_quic_datagram(&ops, buf, cut, &st, &hdr, &keys, false));
	free(buf);
	if (cut < size) {
		buf = malloc(size - cut);
		memcpy(buf, data + cut, size - cut);
		check(c2g_quic_datagram(&ops, buf, size - cut, &st, &hdr,
					&keys, true));
		free(buf);
	}
	return 0;
}
