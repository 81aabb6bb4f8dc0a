/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A TLS ClientHello's fields, as client fingerprints read them, and the
 * fingerprints: JA4 (FoxIO's TLS client fingerprint) and JA3.  Pure C
 * (pure.h); the hashes (SHA-256, MD5) come from the caller.
 */
#ifndef _C2G_HELLO_H
#define _C2G_HELLO_H

#include "pure.h"

/* Values kept of each list; a hello with more has no fingerprint. */
#define C2G_HELLO_CIPHERS	128
#define C2G_HELLO_EXTS		64
#define C2G_HELLO_SIGALGS	64
#define C2G_HELLO_GROUPS	64
#define C2G_HELLO_POINTS	16

/*
 * The fields, GREASE values (RFC 8701) left out of every list, each list
 * in the order of the hello.
 */
struct c2g_hello {
	u16 legacy_version;	/* client_version */
	u16 version;		/* highest of supported_versions, else the above */
	bool sni;		/* a server_name extension */
	u8 alpn_len;		/* first ALPN protocol: its length, */
	u8 alpn_first;		/* first and */
	u8 alpn_last;		/* last byte */
	u16 nciphers, nexts, nsigalgs, ngroups, npoints;
	u16 ciphers[C2G_HELLO_CIPHERS];
	u16 exts[C2G_HELLO_EXTS];
	u16 sigalgs[C2G_HELLO_SIGALGS];
	u16 groups[C2G_HELLO_GROUPS];
	u8 points[C2G_HELLO_POINTS];
};

/*
 * Read the ClientHello handshake message at @buf (@len bytes, all of it:
 * the message's own length must fit).  0, or -EINVAL when it is not a
 * whole, well-formed ClientHello, -E2BIG when a list is longer than kept.
 */
int c2g_hello_parse(const u8 *buf, size_t len, struct c2g_hello *h);

struct c2g_hello_hash {
	/* SHA-256 of @len bytes at @p into @out (32 bytes); 0 or -errno */
	int (*sha256)(void *ctx, const u8 *p, size_t len, u8 *out);
	/* MD5 of @len bytes at @p into @out (16 bytes); 0 or -errno */
	int (*md5)(void *ctx, const u8 *p, size_t len, u8 *out);
	void *ctx;
};

/* "t13d1516h2_8daaf6152771_e5627efa2ab1": 36 bytes and a NUL */
#define C2G_JA4_LEN		36
/* The longest text hashed: JA4's extension list, JA3's whole string. */
#define C2G_HELLO_TEXT_MAX	2048

/*
 * JA4 of @h into @out (C2G_JA4_LEN + 1 bytes); @quic: the hello came in
 * QUIC ("q"), else TLS over TCP ("t").  @text is room for
 * C2G_HELLO_TEXT_MAX bytes.  0 or -errno.
 */
int c2g_ja4(const struct c2g_hello *h, bool quic,
	    const struct c2g_hello_hash *hash, char *text, char *out);

/* JA3 (the MD5 of its text) of @h into @out: 32 hex digits and a NUL. */
int c2g_ja3(const struct c2g_hello *h, const struct c2g_hello_hash *hash,
	    char *text, char *out);

/* What c2g_ja4_valid() finds wrong with a JA4, and what to tell the user. */
enum c2g_ja4_err {
	C2G_JA4_OK = 0,
	C2G_JA4_E_LEN,
	C2G_JA4_E_PROTO,
	C2G_JA4_E_A,
	C2G_JA4_E_COUNTS,
	C2G_JA4_E_SEP,
	C2G_JA4_E_HEX,
};

#define C2G_JA4_MSG_LEN \
	"a JA4 is 36 characters: a_b_c, as t13d1516h2_8daaf6152771_e5627efa2ab1"
#define C2G_JA4_MSG_PROTO \
	"a JA4 starts with t (TLS over TCP), q (QUIC) or d (DTLS)"
#define C2G_JA4_MSG_A	"a JA4's first section is malformed"
#define C2G_JA4_MSG_COUNTS \
	"a JA4's cipher and extension counts are two digits each"
#define C2G_JA4_MSG_SEP	"a JA4's three sections are separated by '_'"
#define C2G_JA4_MSG_HEX \
	"a JA4's second and third sections are 12 lowercase hex digits each"

/* Is @s[0..@len) a JA4 as c2g_ja4() writes one?  C2G_JA4_OK or why not. */
int c2g_ja4_valid(const char *s, size_t len);

/* The same as a message for the user (c2ctl), NULL if it is one. */
const char *c2g_ja4_check(const char *s, size_t len);

#endif /* _C2G_HELLO_H */
