/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QUIC client Initial reader, pure C (see pure.h): the long header of a
 * client Initial (RFC 9000 17.2.2; version 2, RFC 9369 3.2), its
 * protection removed with the keys anyone derives from its Destination
 * Connection ID (RFC 9001 5.2, 5.4; RFC 9369 3.3), and the CRYPTO frames
 * of its payload gathered into the start of the TLS handshake stream,
 * where the ClientHello is (read by tls.c).
 *
 * The arithmetic here is the caller's: HMAC-SHA256, one AES-128 block and
 * AES-128-GCM come through struct c2g_quic_ops, from the kernel's crypto
 * API in the module (quiccrypt.c) and from libcrypto in the unit tests,
 * which check this file against RFC 9001's and RFC 9369's Appendix A.
 */
#ifndef _C2G_QUIC_H
#define _C2G_QUIC_H

#include "pure.h"

#define C2G_QUIC_V1		0x00000001u
#define C2G_QUIC_V2		0x6b3343cfu
#define C2G_QUIC_CID_MAX	20
/* A client's datagram carrying an Initial is at least this long. */
#define C2G_QUIC_MIN_DGRAM	1200
/* The start of the CRYPTO stream that is gathered: the ClientHello. */
#define C2G_QUIC_HELLO_MAX	4096

struct c2g_quic_ops {
	/* HMAC-SHA256 of @msg under @key into @out (32 bytes); 0 or -errno */
	int (*hmac_sha256)(void *ctx, const u8 *key, size_t klen,
			   const u8 *msg, size_t len, u8 *out);
	/* One AES-128 block: @out = E(@key, @in); 0 or -errno */
	int (*aes_block)(void *ctx, const u8 *key, const u8 *in, u8 *out);
	/*
	 * AES-128-GCM decryption in place: @buf holds @alen bytes of
	 * associated data and then @clen bytes of ciphertext ending with its
	 * 16-byte tag.  0 if authentic (the plaintext replaces the
	 * ciphertext), -EBADMSG if not, or -errno.
	 */
	int (*gcm_open)(void *ctx, const u8 *key, const u8 *nonce, u8 *buf,
			size_t alen, size_t clen);
	void *ctx;
};

/* A client's Initial keys (RFC 9001 5.1). */
struct c2g_quic_keys {
	u8 key[16];
	u8 iv[12];
	u8 hp[16];
};

/* One packet of a datagram, as its long header gives it. */
struct c2g_quic_hdr {
	u32 version;
	bool initial;		/* a client Initial of version 1 or 2 */
	u8 dcid_len;
	u8 dcid[C2G_QUIC_CID_MAX];
	size_t pn_off;		/* where the packet number starts */
	size_t end;		/* one past the packet's last byte */
};

enum c2g_quic_res {
	C2G_QUIC_NOT_QUIC = 0,	/* not a long-header packet of v1 or v2 */
	C2G_QUIC_OK,
	C2G_QUIC_MALFORMED,	/* its lengths or frames do not add up */
	C2G_QUIC_UNAUTH,	/* the tag did not authenticate the packet */
	C2G_QUIC_ERROR,		/* the crypto provider failed (-errno) */
};

/*
 * The CRYPTO stream of one direction, from offset 0 up to
 * C2G_QUIC_HELLO_MAX: the bytes and which of them arrived (frames may
 * come in any order and overlap).  @have is the length of the prefix
 * that is all there.
 */
struct c2g_quic_stream {
	u8 data[C2G_QUIC_HELLO_MAX];
	u64 seen[C2G_QUIC_HELLO_MAX / 64];
	unsigned int have;
	unsigned int frames;	/* CRYPTO frames taken */
};

/*
 * Read the long header of the packet at the start of @buf[0..@len).
 * C2G_QUIC_OK fills @h (@h->initial tells whether it is a client Initial
 * this reader opens); C2G_QUIC_NOT_QUIC for a short header or another
 * version; C2G_QUIC_MALFORMED when its lengths run past @len.
 */
int c2g_quic_header(const u8 *buf, size_t len, struct c2g_quic_hdr *h);

/* Derive the client's Initial keys of @version for @dcid. */
int c2g_quic_client_keys(const struct c2g_quic_ops *ops, u32 version,
			 const u8 *dcid, size_t dcid_len,
			 struct c2g_quic_keys *k);

/*
 * Remove the header protection of the Initial @h at @buf and decrypt it,
 * in place.  On C2G_QUIC_OK *@pt and *@ptlen give the plaintext payload
 * (the frames) inside @buf.
 */
int c2g_quic_open(const struct c2g_quic_ops *ops,
		  const struct c2g_quic_keys *k, u8 *buf,
		  const struct c2g_quic_hdr *h, const u8 **pt, size_t *ptlen);

/*
 * Take the frames of a decrypted Initial payload: the CRYPTO frames' data
 * into @s, everything else allowed in an Initial stepped over.
 * C2G_QUIC_MALFORMED for a frame an Initial cannot carry or one that runs
 * past the payload.
 */
int c2g_quic_frames(const u8 *p, size_t len, struct c2g_quic_stream *s);

void c2g_quic_stream_init(struct c2g_quic_stream *s);

/*
 * All of it: every client Initial in the datagram @buf[0..@len) (modified:
 * decrypted in place) of the connection's version and DCID, its CRYPTO
 * data into @s.  With @follow false the connection is the first packet's:
 * its header goes to @first, its keys to @keys.  With @follow true they
 * are an earlier datagram's, given (the keys are not derived again).
 * C2G_QUIC_OK if at least one Initial was opened; otherwise why not.
 */
int c2g_quic_datagram(const struct c2g_quic_ops *ops, u8 *buf, size_t len,
		      struct c2g_quic_stream *s, struct c2g_quic_hdr *first,
		      struct c2g_quic_keys *keys, bool follow);

/* Read a variable-length integer (RFC 9000 16); bytes used, 0 if cut. */
size_t c2g_quic_varint(const u8 *p, size_t len, u64 *v);

#endif /* _C2G_QUIC_H */
