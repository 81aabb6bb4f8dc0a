// SPDX-License-Identifier: GPL-2.0
/*
 * quic_cost - instructions per QUIC client Initial read by kmod/quic.c, as
 * parse_cost.sh counts them under callgrind.
 *
 * usage: quic_cost MODE N
 *   copy    the baseline: the 1200-byte datagram copied (the module copies
 *           it too, and decrypts in place)
 *   parse   copy, then the reader with a transparent crypto provider
 *           (keys, header, frames, the ClientHello's server name): the
 *           pure C share
 *   open    copy, then the reader with libcrypto doing the crypto: key
 *           schedule (6 HMAC-SHA256), header protection (1 AES block), GCM
 *           (a block of AES and a GHASH multiply per 16 bytes) and the
 *           parse.  parse_cost.sh runs it with OpenSSL's accelerated code
 *           turned off (OPENSSL_ia32cap), the closest userspace stand-in
 *           for the kernel's AES library and gf128mul_lle().
 *   ja4     JA4 and JA3 of curl's captured ClientHello (kmod/hello.c:
 *           the fields, the texts, SHA-256 x2 and MD5 by libcrypto with
 *           the SHA extensions off), over a baseline of nothing
 * The input is RFC 9001 Appendix A.2's client Initial (a 245-byte CRYPTO
 * frame and PADDING) for parse and open; parse gets it in the clear.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "captures.h"
#include "hello.h"
#include "quic.h"
#include "quic_vectors.h"
#include "tls.h"

static int t_hmac(void *ctx, const u8 *key, size_t klen, const u8 *msg,
		  size_t len, u8 *out)
{
	unsigned int olen = 32;

	(void)ctx;
	return HMAC(EVP_sha256(), key, klen, msg, len, out, &olen) ? 0 : -EIO;
}

static EVP_CIPHER_CTX *ecb, *gcm;

static int t_aes(void *ctx, const u8 *key, const u8 *in, u8 *out)
{
	int n;

	(void)ctx;
	return EVP_EncryptInit_ex(ecb, NULL, NULL, key, NULL) &&
	       EVP_EncryptUpdate(ecb, out, &n, in, 16) ? 0 : -EIO;
}

static int t_gcm_open(void *ctx, const u8 *key, const u8 *nonce, u8 *buf,
		      size_t alen, size_t clen)
{
	int n;

	(void)ctx;
	if (!EVP_DecryptInit_ex(gcm, NULL, NULL, key, nonce) ||
	    !EVP_DecryptUpdate(gcm, NULL, &n, buf, alen) ||
	    !EVP_DecryptUpdate(gcm, buf + alen, &n, buf + alen, clen - 16) ||
	    !EVP_CIPHER_CTX_ctrl(gcm, EVP_CTRL_GCM_SET_TAG, 16,
				 buf + alen + clen - 16))
		return -EIO;
	return EVP_DecryptFinal_ex(gcm, buf + alen + n, &n) > 0 ? 0 : -EBADMSG;
}

/* The transparent provider: no protection, every tag authentic. */
static int n_hmac(void *ctx, const u8 *key, size_t klen, const u8 *msg,
		  size_t len, u8 *out)
{
	(void)ctx, (void)key, (void)klen, (void)msg, (void)len;
	memset(out, 0, 32);
	return 0;
}

static int n_aes(void *ctx, const u8 *key, const u8 *in, u8 *out)
{
	(void)ctx, (void)key, (void)in;
	memset(out, 0, 16);
	return 0;
}

static int n_gcm_open(void *ctx, const u8 *key, const u8 *nonce, u8 *buf,
		      size_t alen, size_t clen)
{
	(void)ctx, (void)key, (void)nonce, (void)buf, (void)alen, (void)clen;
	return 0;
}

static const struct c2g_quic_ops real = { t_hmac, t_aes, t_gcm_open, NULL };
static const struct c2g_quic_ops clear = { n_hmac, n_aes, n_gcm_open, NULL };

enum mode { COPY, PARSE, OPEN, JA4 };

static int h_sha256(void *ctx, const u8 *p, size_t len, u8 *out)
{
	unsigned int n;

	(void)ctx;
	return EVP_Digest(p, len, out, &n, EVP_sha256(), NULL) ? 0 : -EIO;
}

static int h_md5(void *ctx, const u8 *p, size_t len, u8 *out)
{
	unsigned int n;

	(void)ctx;
	return EVP_Digest(p, len, out, &n, EVP_md5(), NULL) ? 0 : -EIO;
}

static const struct c2g_hello_hash hashes = { h_sha256, h_md5, NULL };
static struct c2g_hello hello;
static char text[C2G_HELLO_TEXT_MAX], ja4[C2G_JA4_LEN + 1], ja3[33];

static u8 protected[1200], plain[1200], buf[1200];
static struct c2g_quic_stream st;

static __attribute__((noinline)) unsigned long
run_loop(enum mode mode, unsigned long n)
{
	const struct c2g_quic_ops *ops = mode == OPEN ? &real : &clear;
	const u8 *in = mode == OPEN ? protected : plain;
	struct c2g_quic_keys keys;
	struct c2g_quic_hdr hdr;
	struct c2g_name name;
	unsigned long i, sink = 0;

	for (i = 0; i < n; i++) {
		if (mode == JA4) {
			sink += c2g_hello_parse(curl_hello + 5,
						sizeof(curl_hello) - 5, &hello);
			sink += c2g_ja4(&hello, false, &hashes, text, ja4);
			sink += c2g_ja3(&hello, &hashes, text, ja3);
			__asm__ volatile("" : : "r"(sink) : "memory");
			continue;
		}
		memcpy(buf, in, sizeof(buf));
		if (mode != COPY) {
			st.have = 0;
			sink += c2g_quic_datagram(ops, buf, sizeof(buf), &st,
						  &hdr, &keys, false);
			sink += c2g_tls_hello_sni(st.data, st.have, &name);
		}
		__asm__ volatile("" : : "r"(sink) : "memory");
	}
	return sink;
}

static size_t unhex(const char *h, u8 *out, size_t max)
{
	unsigned int b;
	size_t n = 0;

	while (h[0] && h[1] && n < max && sscanf(h, "%2x", &b) == 1) {
		out[n++] = b;
		h += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	static const char *const modes[] = { "copy", "parse", "open", "ja4" };
	struct c2g_quic_keys k;
	struct c2g_quic_hdr h;
	struct c2g_name name;
	unsigned int m;
	u8 frame[512];
	size_t fn;

	if (argc != 3) {
		fprintf(stderr, "usage: %s copy|parse|open|ja4 N\n", argv[0]);
		return 2;
	}
	for (m = 0; m < 4 && strcmp(argv[1], modes[m]); m++)
		;
	if (m == 4) {
		fprintf(stderr, "%s: unknown mode %s\n", argv[0], argv[1]);
		return 2;
	}
	ecb = EVP_CIPHER_CTX_new();
	gcm = EVP_CIPHER_CTX_new();
	EVP_EncryptInit_ex(ecb, EVP_aes_128_ecb(), NULL, NULL, NULL);
	EVP_CIPHER_CTX_set_padding(ecb, 0);
	EVP_DecryptInit_ex(gcm, EVP_aes_128_gcm(), NULL, NULL, NULL);

	/* the sample, and the same in the clear: header unprotected, frames */
	unhex(QV_V1_PACKET, protected, sizeof(protected));
	memcpy(plain, protected, sizeof(plain));
	unhex("c300000001088394c8f03e5157080000449e00000002", plain, 22);
	fn = unhex(QV_V1_FRAME, frame, sizeof(frame));
	memset(plain + 22, 0, sizeof(plain) - 22);
	memcpy(plain + 22, frame, fn);

	/* both read as the RFC says, or the count means nothing */
	memcpy(buf, protected, sizeof(buf));
	c2g_quic_stream_init(&st);
	if (c2g_quic_datagram(&real, buf, sizeof(buf), &st, &h, &k,
			      false) != C2G_QUIC_OK ||
	    c2g_tls_hello_sni(st.data, st.have, &name) != C2G_TLS_SNI ||
	    strcmp(name.s, "example.com")) {
		fprintf(stderr, "%s: the RFC sample did not open\n", argv[0]);
		return 1;
	}
	memcpy(buf, plain, sizeof(buf));
	c2g_quic_stream_init(&st);
	c2g_quic_datagram(&clear, buf, sizeof(buf), &st, &h, &k, false);
	if (c2g_tls_hello_sni(st.data, st.have, &name) != C2G_TLS_SNI ||
	    strcmp(name.s, "example.com")) {
		fprintf(stderr, "%s: the clear sample did not parse\n", argv[0]);
		return 1;
	}
	printf("%s %lu\n", argv[1], run_loop((enum mode)m, strtoul(argv[2], NULL, 10)));
	return 0;
}
