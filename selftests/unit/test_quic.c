// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/quic.c with libcrypto as its crypto provider: the
 * client Initials of RFC 9001 and RFC 9369 Appendix A (keys, header
 * protection, decryption, the ClientHello's server name), then Initials
 * this test protects itself (an independent sealer, below) to cover what
 * the RFC sample does not: a ClientHello split over two Initials, CRYPTO
 * frames out of order, short and long DCIDs, coalesced packets, and every
 * way a packet can be cut or lie.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "ktap.h"
#include "quic.h"
#include "quic_vectors.h"
#include "tls.h"

static size_t unhex(const char *h, u8 *out, size_t max)
{
	size_t n = 0;
	unsigned int b;

	while (h[0] && h[1] && n < max) {
		if (sscanf(h, "%2x", &b) != 1)
			break;
		out[n++] = b;
		h += 2;
	}
	return n;
}

/* The crypto provider: libcrypto. */
static int t_hmac(void *ctx, const u8 *key, size_t klen, const u8 *msg,
		  size_t len, u8 *out)
{
	unsigned int olen = 32;

	(void)ctx;
	return HMAC(EVP_sha256(), key, klen, msg, len, out, &olen) ? 0 : -EIO;
}

static int t_aes(void *ctx, const u8 *key, const u8 *in, u8 *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, ok;

	(void)ctx;
	ok = c && EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, key, NULL) &&
	     EVP_CIPHER_CTX_set_padding(c, 0) &&
	     EVP_EncryptUpdate(c, out, &n, in, 16) && n == 16;
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -EIO;
}

static int t_gcm_open(void *ctx, const u8 *key, const u8 *nonce, u8 *buf,
		      size_t alen, size_t clen)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, ok;

	(void)ctx;
	if (clen < 16)
		return -EINVAL;
	ok = c && EVP_DecryptInit_ex(c, EVP_aes_128_gcm(), NULL, key, nonce) &&
	     EVP_DecryptUpdate(c, NULL, &n, buf, alen) &&
	     EVP_DecryptUpdate(c, buf + alen, &n, buf + alen, clen - 16) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16,
				 buf + alen + clen - 16);
	if (ok && EVP_DecryptFinal_ex(c, buf + alen + n, &n) <= 0) {
		EVP_CIPHER_CTX_free(c);
		return -EBADMSG;
	}
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -EIO;
}

static const struct c2g_quic_ops ops = {
	.hmac_sha256 = t_hmac,
	.aes_block = t_aes,
	.gcm_open = t_gcm_open,
};

/*
 * The test's own sealer, written from RFC 9001 5.3-5.4 apart from
 * quic.c's opener: an Initial of @version for @dcid with packet number
 * @pn (in @pnlen bytes) carrying @frames, padded with PADDING to make a
 * datagram of @dgram bytes when @dgram is nonzero; @first is byte 0
 * before protection, less its type and pn length bits (reserved bits for
 * the tests that set them).  Appends to @out at @off; returns the new end.
 */
static size_t seal(u8 *out, size_t off, u32 version, const u8 *dcid,
		   size_t dcid_len, u32 pn, unsigned int pnlen,
		   const u8 *frames, size_t flen, size_t dgram, u8 first)
{
	struct c2g_quic_keys k;
	u8 hdr[64], nonce[12], mask[16];
	size_t h = 0, plen, i, pad = 0;
	EVP_CIPHER_CTX *c;
	int n;

	c2g_quic_client_keys(&ops, version, dcid, dcid_len, &k);
	/* header: type Initial (0 in v1, 1 in v2), fixed bit */
	hdr[h++] = 0xc0 | first | ((version == C2G_QUIC_V2 ? 1 : 0) << 4) |
		   (pnlen - 1);
	hdr[h++] = version >> 24;
	hdr[h++] = version >> 16;
	hdr[h++] = version >> 8;
	hdr[h++] = version;
	hdr[h++] = dcid_len;
	memcpy(hdr + h, dcid, dcid_len);
	h += dcid_len;
	hdr[h++] = 3;			/* scid */
	memcpy(hdr + h, "\x01\x02\x03", 3);
	h += 3;
	hdr[h++] = 0;			/* no token */
	/* Length, 2-byte varint; padding so the datagram has @dgram bytes */
	if (dgram && off + h + 2 + pnlen + flen + 16 < dgram)
		pad = dgram - (off + h + 2 + pnlen + flen + 16);
	plen = pnlen + flen + pad + 16;
	hdr[h++] = 0x40 | (plen >> 8);
	hdr[h++] = plen & 0xff;
	for (i = 0; i < pnlen; i++)
		hdr[h++] = pn >> (8 * (pnlen - 1 - i));

	memcpy(out + off, hdr, h);
	memcpy(out + off + h, frames, flen);
	memset(out + off + h + flen, 0, pad);
	memcpy(nonce, k.iv, 12);
	for (i = 0; i < 8; i++)
		nonce[4 + i] ^= (u8)((u64)pn >> (56 - 8 * i));
	c = EVP_CIPHER_CTX_new();
	EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), NULL, k.key, nonce);
	EVP_EncryptUpdate(c, NULL, &n, hdr, h);
	EVP_EncryptUpdate(c, out + off + h, &n, out + off + h, flen + pad);
	EVP_EncryptFinal_ex(c, out + off + h + n, &n);
	EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16,
			    out + off + h + flen + pad);
	EVP_CIPHER_CTX_free(c);
	/* header protection: sample 4 bytes after the pn's start */
	t_aes(NULL, k.hp, out + off + h - pnlen + 4, mask);
	out[off] ^= mask[0] & 0x0f;
	for (i = 0; i < pnlen; i++)
		out[off + h - pnlen + i] ^= mask[1 + i];
	return off + h + flen + pad + 16;
}

static u8 hello[512];
static size_t hello_len;	/* the ClientHello of the RFC sample */

static void load_hello(void)
{
	u8 f[512];
	size_t n = unhex(QV_V1_FRAME, f, sizeof(f));

	/* 06 00 40f1: CRYPTO, offset 0, length 241 */
	hello_len = n - 4;
	memcpy(hello, f + 4, hello_len);
}

/* CRYPTO frame of hello[@from..@to) */
static size_t crypto_frame(u8 *out, size_t from, size_t to)
{
	size_t n = 0;

	out[n++] = 0x06;
	out[n++] = 0x40 | (from >> 8);
	out[n++] = from & 0xff;
	out[n++] = 0x40 | ((to - from) >> 8);
	out[n++] = (to - from) & 0xff;
	memcpy(out + n, hello + from, to - from);
	return n + to - from;
}

static const char *sni_of(const struct c2g_quic_stream *s,
			  struct c2g_name *name)
{
	int r = c2g_tls_hello_sni(s->data, s->have, name);

	if (r == C2G_TLS_SNI)
		return name->s;
	return r == C2G_TLS_PARTIAL ? "(partial)" : "(none)";
}

static struct c2g_quic_stream st;

static void rfc_sample(u32 version, const char *packet, const char *frame,
		       const char *key, const char *iv, const char *hp)
{
	u8 buf[1500], want[512], dcid[8];
	struct c2g_quic_keys k, wk;
	struct c2g_quic_hdr h;
	struct c2g_name name;
	size_t n, fn;
	int r;

	unhex("8394c8f03e515708", dcid, sizeof(dcid));
	CHECK(!c2g_quic_client_keys(&ops, version, dcid, 8, &k), "keys");
	unhex(key, wk.key, 16);
	unhex(iv, wk.iv, 12);
	unhex(hp, wk.hp, 16);
	CHECK(!memcmp(k.key, wk.key, 16), "key of %08x", version);
	CHECK(!memcmp(k.iv, wk.iv, 12), "iv of %08x", version);
	CHECK(!memcmp(k.hp, wk.hp, 16), "hp of %08x", version);

	n = unhex(packet, buf, sizeof(buf));
	CHECK(n == 1200, "%zu bytes", n);
	CHECK(c2g_quic_header(buf, n, &h) == C2G_QUIC_OK && h.initial &&
	      h.version == version && h.dcid_len == 8 && h.pn_off == 18 &&
	      h.end == 1200, "header");
	c2g_quic_stream_init(&st);
	r = c2g_quic_datagram(&ops, buf, n, &st, &h, &k, false);
	CHECK(r == C2G_QUIC_OK, "datagram: %d", r);
	/* The header with its protection removed, as the RFC prints it. */
	unhex(version == C2G_QUIC_V1 ? "c3" : "d3", want, 1);
	CHECK(buf[0] == want[0] && buf[18] == 0 && buf[21] == 2,
	      "unprotected header %02x ... pn %02x%02x%02x%02x", buf[0],
	      buf[18], buf[19], buf[20], buf[21]);
	fn = unhex(frame, want, sizeof(want));
	CHECK(!memcmp(buf + 22, want, fn), "the CRYPTO frame, decrypted");
	CHECK(st.have == fn - 4 && st.frames == 1 &&
	      !memcmp(st.data, want + 4, fn - 4), "stream %u bytes", st.have);
	CHECK(!strcmp(sni_of(&st, &name), "example.com"), "sni %s",
	      sni_of(&st, &name));
}

static void test_rfc9001_v1(void)
{
	rfc_sample(C2G_QUIC_V1, QV_V1_PACKET, QV_V1_FRAME, QV_V1_KEY,
		   QV_V1_IV, QV_V1_HP);
}

static void test_rfc9369_v2(void)
{
	rfc_sample(C2G_QUIC_V2, QV_V2_PACKET, QV_V2_FRAME, QV_V2_KEY,
		   QV_V2_IV, QV_V2_HP);
}

/* RFC 9000 A.1's examples, and cut encodings. */
static void test_varint(void)
{
	static const struct {
		const char *hex;
		u64 v;
	} ex[] = {
		{ "c2197c5eff14e88c", 151288809941952652ULL },
		{ "9d7f3e7d", 494878333 },
		{ "7bbd", 15293 },
		{ "25", 37 },
		{ "4025", 37 },
	};
	unsigned int i;
	u8 b[8];
	size_t n;
	u64 v;

	for (i = 0; i < KTAP_ARRAY_SIZE(ex); i++) {
		n = unhex(ex[i].hex, b, sizeof(b));
		CHECK(c2g_quic_varint(b, n, &v) == n && v == ex[i].v,
		      "%s", ex[i].hex);
		CHECK(!c2g_quic_varint(b, n - 1, &v) || n == 1, "%s cut",
		      ex[i].hex);
	}
	CHECK(!c2g_quic_varint(b, 0, &v), "empty");
}

static const u8 dcid8[8] = { 0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08 };

static struct c2g_quic_keys fk;
static struct c2g_quic_hdr fh;

static int open_dgram(u8 *buf, size_t n)
{
	return c2g_quic_datagram(&ops, buf, n, &st, &fh, &fk, false);
}

/* A later datagram of the connection the last open_dgram() read. */
static int follow_dgram(u8 *buf, size_t n)
{
	return c2g_quic_datagram(&ops, buf, n, &st, &fh, &fk, true);
}

/* A ClientHello in two Initials, the server name in the second. */
static void test_split_hello(void)
{
	u8 fr[600], d1[1500], d2[1500], dx[1500];
	struct c2g_name name;
	size_t n1, n2, f;
	int r;

	/* "example.com" starts 0x45 bytes into the hello */
	f = crypto_frame(fr, 0, 60);
	n1 = seal(d1, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, f, 1200, 0);
	f = crypto_frame(fr, 60, hello_len);
	n2 = seal(d2, 0, C2G_QUIC_V1, dcid8, 8, 1, 1, fr, f, 1200, 0);
	CHECK(n1 == 1200 && n2 == 1200, "%zu %zu", n1, n2);
	c2g_quic_stream_init(&st);
	r = open_dgram(d1, n1);
	CHECK(r == C2G_QUIC_OK && st.have == 60, "first: %d have %u", r,
	      st.have);
	CHECK(!strcmp(sni_of(&st, &name), "(partial)"), "after the first: %s",
	      sni_of(&st, &name));
	/* Another connection's Initial is not taken as the second. */
	memcpy(dx, d2, n2);
	dx[6] ^= 1;
	CHECK(follow_dgram(dx, n2) == C2G_QUIC_NOT_QUIC && st.have == 60,
	      "another DCID: have %u", st.have);
	r = follow_dgram(d2, n2);
	CHECK(r == C2G_QUIC_OK && st.have == hello_len, "second: %d have %u",
	      r, st.have);
	CHECK(!strcmp(sni_of(&st, &name), "example.com"), "both: %s",
	      sni_of(&st, &name));

	/* The second alone: no prefix, no conclusion. */
	c2g_quic_stream_init(&st);
	n2 = seal(d2, 0, C2G_QUIC_V1, dcid8, 8, 1, 1, fr, f, 1200, 0);
	CHECK(open_dgram(d2, n2) == C2G_QUIC_OK && st.have == 0, "alone");
}

/* Frames in any order (as Chrome sends them), overlapping, with PING,
 * PADDING in between and an ACK; a 2- and 4-byte packet number.
 */
static void test_out_of_order(void)
{
	u8 fr[900], d[1500];
	struct c2g_name name;
	size_t f = 0, n;
	unsigned int pnlen;

	for (pnlen = 1; pnlen <= 4; pnlen++) {
		f = 0;
		fr[f++] = 0x01;				/* PING */
		f += crypto_frame(fr + f, 150, hello_len);
		fr[f++] = 0x00;				/* PADDING */
		fr[f++] = 0x00;
		f += crypto_frame(fr + f, 70, 160);	/* overlaps */
		/* ACK: largest 0, delay 0, 1 range, first 0, gap 0 len 0 */
		memcpy(fr + f, "\x02\x00\x00\x01\x00\x00\x00", 7);
		f += 7;
		f += crypto_frame(fr + f, 0, 70);
		n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0x01020304 &
			 ((1ULL << (8 * pnlen)) - 1), pnlen, fr, f, 1250, 0);
		c2g_quic_stream_init(&st);
		CHECK(open_dgram(d, n) == C2G_QUIC_OK &&
		      st.have == hello_len && st.frames == 3 &&
		      !memcmp(st.data, hello, hello_len),
		      "pn length %u: have %u", pnlen, st.have);
		CHECK(!strcmp(sni_of(&st, &name), "example.com"), "%s",
		      sni_of(&st, &name));
	}
}

/* DCIDs of 0..20 bytes (a client may pick fewer than 8), not 21. */
static void test_dcid_lengths(void)
{
	u8 fr[300], d[1500], dcid[21];
	struct c2g_quic_hdr h;
	struct c2g_name name;
	size_t f, n, l;

	memset(dcid, 0xa5, sizeof(dcid));
	f = crypto_frame(fr, 0, hello_len);
	for (l = 0; l <= 20; l++) {
		n = seal(d, 0, C2G_QUIC_V2, dcid, l, 0, 2, fr, f, 1200, 0);
		c2g_quic_stream_init(&st);
		CHECK(open_dgram(d, n) == C2G_QUIC_OK &&
		      !strcmp(sni_of(&st, &name), "example.com"),
		      "dcid of %zu bytes", l);
	}
	n = seal(d, 0, C2G_QUIC_V1, dcid, 21, 0, 2, fr, f, 1200, 0);
	CHECK(c2g_quic_header(d, n, &h) == C2G_QUIC_MALFORMED, "21 bytes");
}

/*
 * Packets in one datagram: two Initials (the hello in halves), then a
 * 0-RTT packet; an Initial of another DCID is not opened with these keys.
 */
static void test_coalesced(void)
{
	u8 fr[300], d[1500];
	u8 other[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct c2g_name name;
	size_t f, n;

	f = crypto_frame(fr, 0, 100);
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, f, 0, 0);
	f = crypto_frame(fr, 100, hello_len);
	n = seal(d, n, C2G_QUIC_V1, dcid8, 8, 1, 1, fr, f, 0, 0);
	/* 0-RTT (type 1): header, Length 40, 40 opaque bytes */
	memcpy(d + n, "\xd0\x00\x00\x00\x01\x08", 6);
	memcpy(d + n + 6, dcid8, 8);
	memcpy(d + n + 14, "\x00\x28", 2);
	memset(d + n + 16, 0x77, 40);
	n += 56;
	memset(d + n, 0, 1200 - n);
	c2g_quic_stream_init(&st);
	CHECK(open_dgram(d, 1200) == C2G_QUIC_OK && st.have == hello_len &&
	      st.frames == 2, "coalesced: have %u", st.have);
	CHECK(!strcmp(sni_of(&st, &name), "example.com"), "%s",
	      sni_of(&st, &name));

	f = crypto_frame(fr, 0, 100);
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, f, 0, 0);
	f = crypto_frame(fr, 100, hello_len);
	n = seal(d, n, C2G_QUIC_V1, other, 8, 1, 1, fr, f, 1200, 0);
	c2g_quic_stream_init(&st);
	CHECK(open_dgram(d, n) == C2G_QUIC_OK && st.have == 100,
	      "another DCID's Initial is left: have %u", st.have);
}

/* Not QUIC at all, or not a version read: no conclusion. */
static void test_not_quic(void)
{
	u8 d[1300];
	struct c2g_quic_hdr h;
	unsigned int i;

	memset(d, 0, sizeof(d));
	d[0] = 0x40;		/* short header */
	CHECK(open_dgram(d, sizeof(d)) == C2G_QUIC_NOT_QUIC, "short");
	memcpy(d, "\xc0\xff\x00\x00\x1d\x08", 6);	/* draft-29 */
	CHECK(open_dgram(d, sizeof(d)) == C2G_QUIC_NOT_QUIC, "draft 29");
	memcpy(d, "\xc0\x00\x00\x00\x00\x08", 6);	/* negotiation */
	CHECK(open_dgram(d, sizeof(d)) == C2G_QUIC_NOT_QUIC, "version 0");
	memcpy(d, "\x16\x03\x01\x00\x10\x01", 6);	/* TLS over UDP */
	CHECK(open_dgram(d, sizeof(d)) == C2G_QUIC_NOT_QUIC, "tls");
	/* A Handshake packet from a client is read, not opened. */
	memcpy(d, "\xe0\x00\x00\x00\x01\x08", 6);
	d[14] = 0;
	d[15] = 0x40;
	d[16] = 40;
	CHECK(c2g_quic_header(d, sizeof(d), &h) == C2G_QUIC_OK && !h.initial,
	      "handshake type");
	CHECK(open_dgram(d, sizeof(d)) == C2G_QUIC_NOT_QUIC, "handshake");
	for (i = 0; i < 7; i++)
		CHECK(open_dgram(d, i) == C2G_QUIC_NOT_QUIC, "%u bytes", i);
}

/* Every cut, every flipped byte, lying lengths, forbidden frames. */
static void test_hostile(void)
{
	u8 fr[600], d[1500], c[1500];
	struct c2g_quic_hdr h;
	size_t f, n, i;
	int r, ok = 0, unauth = 0;

	f = crypto_frame(fr, 0, hello_len);
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, f, 1200, 0);
	for (i = 0; i < n; i++) {
		memcpy(c, d, i);
		c2g_quic_stream_init(&st);
		r = open_dgram(c, i);
		ok += r == C2G_QUIC_OK;
	}
	CHECK(!ok, "%d cut datagrams opened", ok);
	for (i = 0; i < n; i += 7) {
		memcpy(c, d, n);
		c[i] ^= 0x10;
		c2g_quic_stream_init(&st);
		r = open_dgram(c, n);
		ok += r == C2G_QUIC_OK;
		unauth += r == C2G_QUIC_UNAUTH;
	}
	CHECK(!ok && unauth > 150, "flipped: %d opened, %d unauthentic", ok,
	      unauth);

	/* reserved bits set under protection */
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, f, 1200, 0x04);
	c2g_quic_stream_init(&st);
	CHECK(open_dgram(d, n) == C2G_QUIC_MALFORMED, "reserved bits");

	/* a STREAM frame in an Initial */
	memcpy(fr + f, "\x08\x00\x01\x61", 4);
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, f + 4, 1200, 0);
	c2g_quic_stream_init(&st);
	CHECK(open_dgram(d, n) == C2G_QUIC_MALFORMED, "STREAM frame");

	/* CRYPTO longer than the payload; ACK with a cut range */
	memcpy(fr, "\x06\x00\x50\x00", 4);
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, 4, 0, 0);
	CHECK(open_dgram(d, n) == C2G_QUIC_MALFORMED, "CRYPTO too long");
	memcpy(fr, "\x02\x00\x00\x05\x00\x00", 6);
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, 6, 0, 0);
	CHECK(open_dgram(d, n) == C2G_QUIC_MALFORMED, "ACK ranges cut");

	/* CRYPTO far out (kept out of the stream), CONNECTION_CLOSE ends */
	memcpy(fr, "\x06\x80\x01\x00\x00\x03xyz\x1c\x00\x00\x00\x06\x00", 15);
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, 15, 1200, 0);
	c2g_quic_stream_init(&st);
	CHECK(open_dgram(d, n) == C2G_QUIC_OK && !st.have && st.frames == 1,
	      "far offset: have %u", st.have);

	/* Length past the datagram; token length past it */
	n = seal(d, 0, C2G_QUIC_V1, dcid8, 8, 0, 1, fr, 15, 1200, 0);
	CHECK(c2g_quic_header(d, n - 1, &h) == C2G_QUIC_MALFORMED, "Length");
	d[18] = 0x7f;
	CHECK(c2g_quic_header(d, n, &h) == C2G_QUIC_MALFORMED, "token");
}

/* Random datagrams that claim to be v1 Initials. */
static void test_random(void)
{
	u8 d[1400];
	unsigned int i, j, ok = 0;

	srand(9001);
	for (i = 0; i < 20000; i++) {
		size_t n = 7 + rand() % (sizeof(d) - 7);

		for (j = 0; j < n; j++)
			d[j] = rand();
		d[0] |= 0x80;
		if (i & 1)
			memcpy(d + 1, "\x00\x00\x00\x01", 4);
		d[5] &= 0x1f;
		c2g_quic_stream_init(&st);
		ok += open_dgram(d, n) == C2G_QUIC_OK;
	}
	CHECK(!ok, "%u random datagrams opened", ok);
}

/*
 * test_quic FILE...: what each file, one client datagram, gives (the
 * datagrams of one connection, in order); for looking at captures.
 */
static int read_files(int argc, char **argv)
{
	static u8 d[65536];
	struct c2g_name name;
	int i, r;
	size_t n;
	FILE *f;

	c2g_quic_stream_init(&st);
	for (i = 1; i < argc; i++) {
		f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(d, 1, sizeof(d), f);
		fclose(f);
		r = i == 1 ? open_dgram(d, n) : follow_dgram(d, n);
		printf("%s: %zu bytes, version %08x, dcid %u bytes: %d, stream %u bytes, %s\n",
		       argv[i], n, fh.version, fh.dcid_len, r, st.have,
		       sni_of(&st, &name));
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct ktap_case cases[] = {
		KTAP_CASE(test_rfc9001_v1),
		KTAP_CASE(test_rfc9369_v2),
		KTAP_CASE(test_varint),
		KTAP_CASE(test_split_hello),
		KTAP_CASE(test_out_of_order),
		KTAP_CASE(test_dcid_lengths),
		KTAP_CASE(test_coalesced),
		KTAP_CASE(test_not_quic),
		KTAP_CASE(test_hostile),
		KTAP_CASE(test_random),
	};

	load_hello();
	if (argc > 1)
		return read_files(argc, argv);
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
