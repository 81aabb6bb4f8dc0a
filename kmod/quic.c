// SPDX-License-Identifier: GPL-2.0
/*
 * QUIC client Initial reader.  Pure C (pure.h).
 *
 * Long header (RFC 9000 17.2), of the versions read (1 and 2):
 *
 *   byte 0:  1 (long form), fixed bit, type(2), reserved(2), pn length(2)
 *            (the low four bits under header protection)
 *   version(4), dcid_len(1) dcid(0..20), scid_len(1) scid(0..20)
 *   Initial only: token length (varint), token
 *   Length (varint): packet number and protected payload
 *   packet number (1..4 bytes, protected), payload (AEAD, 16-byte tag)
 *
 * The type codes differ: Initial is 0 in version 1 and 1 in version 2
 * (RFC 9369 3.2).  The fixed bit is not required (RFC 9287 lets a client
 * clear it).
 *
 * Keys (RFC 9001 5.2): initial_secret = HKDF-Extract(salt of the version,
 * DCID); client secret = HKDF-Expand-Label(initial_secret, "client in",
 * "", 32); key, iv and hp from it with the labels "quic key", "quic iv",
 * "quic hp" ("quicv2 ..." for version 2).
 *
 * Header protection (RFC 9001 5.4): a 16-byte sample taken 4 bytes after
 * the start of the packet number is encrypted with hp; its first byte
 * masks the low four bits of byte 0, the next ones the packet number.  The
 * nonce is the iv with the packet number XORed into its low bytes; the
 * associated data is the header up to the end of the packet number.
 *
 * Frames an Initial may carry (RFC 9000 12.4): PADDING, PING, ACK,
 * CRYPTO, CONNECTION_CLOSE (0x1c).  Anything else is a protocol
 * violation, and so malformed here.
 */
#include "quic.h"

#define C2G_QUIC_LONG		0x80
#define C2G_QUIC_SAMPLE		16
#define C2G_QUIC_TAG		16
#define C2G_QUIC_PN_MAX		4

enum { C2G_QT_INITIAL, C2G_QT_0RTT, C2G_QT_HANDSHAKE, C2G_QT_RETRY };

struct c2g_quic_version {
	u32 version;
	u8 salt[20];
	const char *key, *iv, *hp;
	/* the wire's type bits of each type, by C2G_QT_* */
	u8 type[4];
};

static const struct c2g_quic_version c2g_quic_versions[] = {
	{
		.version = C2G_QUIC_V1,
		.salt = { 0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3,
			  0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad,
			  0xcc, 0xbb, 0x7f, 0x0a },
		.key = "quic key", .iv = "quic iv", .hp = "quic hp",
		.type = { 0, 1, 2, 3 },
	},
	{
		.version = C2G_QUIC_V2,
		.salt = { 0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb,
			  0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb,
			  0xf9, 0xbd, 0x2e, 0xd9 },
		.key = "quicv2 key", .iv = "quicv2 iv", .hp = "quicv2 hp",
		.type = { 1, 2, 3, 0 },
	},
};

static const struct c2g_quic_version *c2g_quic_find(u32 version)
{
	unsigned int i;

	for (i = 0; i < sizeof(c2g_quic_versions) /
			sizeof(c2g_quic_versions[0]); i++)
		if (c2g_quic_versions[i].version == version)
			return &c2g_quic_versions[i];
	return NULL;
}

static u32 c2g_quic_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

size_t c2g_quic_varint(const u8 *p, size_t len, u64 *v)
{
	size_t n, i;

	if (!len)
		return 0;
	n = (size_t)1 << (p[0] >> 6);
	if (n > len)
		return 0;
	*v = p[0] & 0x3f;
	for (i = 1; i < n; i++)
		*v = (*v << 8) | p[i];
	return n;
}

/* Step over a varint-counted field at *@pos; false if it runs past @len. */
static bool c2g_quic_skip_bytes(const u8 *p, size_t len, size_t *pos)
{
	u64 n;
	size_t k = c2g_quic_varint(p + *pos, len - *pos, &n);

	if (!k || n > len - *pos - k)
		return false;
	*pos += k + n;
	return true;
}

int c2g_quic_header(const u8 *buf, size_t len, struct c2g_quic_hdr *h)
{
	const struct c2g_quic_version *v;
	size_t pos, k;
	unsigned int type;
	u64 plen;

	if (len < 7 || !(buf[0] & C2G_QUIC_LONG))
		return C2G_QUIC_NOT_QUIC;
	h->version = c2g_quic_be32(buf + 1);
	v = c2g_quic_find(h->version);
	if (!v)
		return C2G_QUIC_NOT_QUIC;
	type = (buf[0] >> 4) & 3;
	h->initial = type == v->type[C2G_QT_INITIAL];

	h->dcid_len = buf[5];
	if (h->dcid_len > C2G_QUIC_CID_MAX)
		return C2G_QUIC_MALFORMED;
	pos = 6 + h->dcid_len;
	if (pos + 1 > len)
		return C2G_QUIC_MALFORMED;
	memcpy(h->dcid, buf + 6, h->dcid_len);
	if (buf[pos] > C2G_QUIC_CID_MAX)
		return C2G_QUIC_MALFORMED;
	pos += 1 + buf[pos];
	if (pos > len)
		return C2G_QUIC_MALFORMED;

	if (type == v->type[C2G_QT_RETRY]) {
		/* No Length: a Retry is the rest of the datagram. */
		h->pn_off = pos;
		h->end = len;
		return C2G_QUIC_OK;
	}
	if (h->initial && !c2g_quic_skip_bytes(buf, len, &pos))
		return C2G_QUIC_MALFORMED;
	k = c2g_quic_varint(buf + pos, len - pos, &plen);
	if (!k || plen > len - pos - k)
		return C2G_QUIC_MALFORMED;
	h->pn_off = pos + k;
	h->end = h->pn_off + plen;
	/* Room for the sample behind the longest packet number. */
	if (h->initial && plen < C2G_QUIC_PN_MAX + C2G_QUIC_SAMPLE)
		return C2G_QUIC_MALFORMED;
	return C2G_QUIC_OK;
}

/*
 * HKDF-Expand-Label (RFC 8446 7.1) with an empty context, for @olen <= 32
 * bytes: one HMAC block, T(1) = HMAC(secret, HkdfLabel || 0x01).
 */
static int c2g_quic_expand(const struct c2g_quic_ops *ops, const u8 *secret,
			   const char *label, u8 *out, size_t olen)
{
	u8 info[2 + 1 + 6 + 16 + 1 + 1];
	size_t llen = strlen(label), n = 0;
	u8 t[32];
	int err;

	if (llen > 16 || olen > sizeof(t))
		return -EINVAL;
	info[n++] = 0;
	info[n++] = olen;
	info[n++] = 6 + llen;
	memcpy(info + n, "tls13 ", 6);
	n += 6;
	memcpy(info + n, label, llen);
	n += llen;
	info[n++] = 0;		/* context: none */
	info[n++] = 1;		/* the block counter */
	err = ops->hmac_sha256(ops->ctx, secret, 32, info, n, t);
	if (!err)
		memcpy(out, t, olen);
	memset(t, 0, sizeof(t));
	return err;
}

int c2g_quic_client_keys(const struct c2g_quic_ops *ops, u32 version,
			 const u8 *dcid, size_t dcid_len,
			 struct c2g_quic_keys *k)
{
	const struct c2g_quic_version *v = c2g_quic_find(version);
	u8 initial[32], client[32];
	int err;

	if (!v)
		return -EINVAL;
	/* HKDF-Extract(salt, dcid) = HMAC(salt, dcid) */
	err = ops->hmac_sha256(ops->ctx, v->salt, sizeof(v->salt), dcid,
			       dcid_len, initial);
	if (!err)
		err = c2g_quic_expand(ops, initial, "client in", client, 32);
	if (!err)
		err = c2g_quic_expand(ops, client, v->key, k->key,
				      sizeof(k->key));
	if (!err)
		err = c2g_quic_expand(ops, client, v->iv, k->iv,
				      sizeof(k->iv));
	if (!err)
		err = c2g_quic_expand(ops, client, v->hp, k->hp,
				      sizeof(k->hp));
	memset(initial, 0, sizeof(initial));
	memset(client, 0, sizeof(client));
	return err;
}

int c2g_quic_open(const struct c2g_quic_ops *ops,
		  const struct c2g_quic_keys *k, u8 *buf,
		  const struct c2g_quic_hdr *h, const u8 **pt, size_t *ptlen)
{
	u8 mask[C2G_QUIC_SAMPLE], nonce[12];
	size_t pn_len, i, off;
	int err;

	if (!h->initial || h->end - h->pn_off < C2G_QUIC_PN_MAX +
						C2G_QUIC_SAMPLE)
		return C2G_QUIC_MALFORMED;
	err = ops->aes_block(ops->ctx, k->hp, buf + h->pn_off + C2G_QUIC_PN_MAX,
			     mask);
	if (err)
		return C2G_QUIC_ERROR;
	buf[0] ^= mask[0] & 0x0f;
	pn_len = (buf[0] & 3) + 1;
	memcpy(nonce, k->iv, sizeof(nonce));
	for (i = 0; i < pn_len; i++) {
		buf[h->pn_off + i] ^= mask[1 + i];
		nonce[sizeof(nonce) - pn_len + i] ^= buf[h->pn_off + i];
	}
	off = h->pn_off + pn_len;
	if (h->end - off < C2G_QUIC_TAG + 1)
		return C2G_QUIC_MALFORMED;
	err = ops->gcm_open(ops->ctx, k->key, nonce, buf, off, h->end - off);
	if (err == -EBADMSG)
		return C2G_QUIC_UNAUTH;
	if (err)
		return C2G_QUIC_ERROR;
	/* Reserved bits, readable now: nonzero is a protocol violation. */
	if (buf[0] & 0x0c)
		return C2G_QUIC_MALFORMED;
	*pt = buf + off;
	*ptlen = h->end - off - C2G_QUIC_TAG;
	return C2G_QUIC_OK;
}

void c2g_quic_stream_init(struct c2g_quic_stream *s)
{
	memset(s->seen, 0, sizeof(s->seen));
	s->have = 0;
	s->frames = 0;
}

/* Copy @n bytes at stream offset @off into @s, as far as it keeps. */
static void c2g_quic_stream_put(struct c2g_quic_stream *s, u64 off,
				const u8 *p, size_t n)
{
	size_t i, k, b;

	if (off >= C2G_QUIC_HELLO_MAX)
		return;
	if (n > C2G_QUIC_HELLO_MAX - off)
		n = C2G_QUIC_HELLO_MAX - off;
	memcpy(s->data + off, p, n);
	/* Mark [off, off + n) seen, a word at a time. */
	for (i = off; i < off + n; i += k) {
		b = i % 64;
		k = 64 - b < off + n - i ? 64 - b : off + n - i;
		s->seen[i / 64] |= (k == 64 ? ~0ULL : (1ULL << k) - 1) << b;
	}
	/* The prefix that is all there: up to the first byte not seen. */
	while (s->have < C2G_QUIC_HELLO_MAX) {
		u64 w = ~(s->seen[s->have / 64] >> (s->have % 64));

		b = s->have % 64;
		if (!w || (b && w == ~0ULL << (64 - b))) {
			s->have += 64 - b;	/* seen to the word's end */
			continue;
		}
		s->have += __builtin_ctzll(w);
		break;
	}
}

#define C2G_QF_PADDING		0x00
#define C2G_QF_PING		0x01
#define C2G_QF_ACK		0x02
#define C2G_QF_ACK_ECN		0x03
#define C2G_QF_CRYPTO		0x06
#define C2G_QF_CLOSE		0x1c
#define C2G_QUIC_VARINT_MAX	((1ULL << 62) - 1)

/* Read @n varints at *@pos; the last into *@last.  False if cut. */
static bool c2g_quic_varints(const u8 *p, size_t len, size_t *pos,
			     unsigned int n, u64 *last)
{
	size_t k;

	while (n--) {
		k = c2g_quic_varint(p + *pos, len - *pos, last);
		if (!k)
			return false;
		*pos += k;
	}
	return true;
}

int c2g_quic_frames(const u8 *p, size_t len, struct c2g_quic_stream *s)
{
	size_t pos = 0, k;
	u64 type, off, n, i;

	while (pos < len) {
		k = c2g_quic_varint(p + pos, len - pos, &type);
		if (!k)
			return C2G_QUIC_MALFORMED;
		pos += k;
		switch (type) {
		case C2G_QF_PADDING:
			/* most of an Initial: step over the run at once */
			while (pos + 8 <= len) {
				u64 w;

				memcpy(&w, p + pos, sizeof(w));
				if (w)
					break;
				pos += 8;
			}
			while (pos < len && !p[pos])
				pos++;
			break;
		case C2G_QF_PING:
			break;
		case C2G_QF_ACK:
		case C2G_QF_ACK_ECN:
			/* largest, delay, range count, first range */
			if (!c2g_quic_varints(p, len, &pos, 3, &n) ||
			    !c2g_quic_varints(p, len, &pos, 1, &off))
				return C2G_QUIC_MALFORMED;
			/* gap and length of each further range */
			for (i = 0; i < n; i++)
				if (!c2g_quic_varints(p, len, &pos, 2, &off))
					return C2G_QUIC_MALFORMED;
			if (type == C2G_QF_ACK_ECN &&
			    !c2g_quic_varints(p, len, &pos, 3, &off))
				return C2G_QUIC_MALFORMED;
			break;
		case C2G_QF_CRYPTO:
			if (!c2g_quic_varints(p, len, &pos, 1, &off) ||
			    !c2g_quic_varints(p, len, &pos, 1, &n) ||
			    n > len - pos || off + n > C2G_QUIC_VARINT_MAX)
				return C2G_QUIC_MALFORMED;
			c2g_quic_stream_put(s, off, p + pos, n);
			s->frames++;
			pos += n;
			break;
		case C2G_QF_CLOSE:
			/* error code, frame type, then the reason phrase */
			if (!c2g_quic_varints(p, len, &pos, 2, &n) ||
			    !c2g_quic_skip_bytes(p, len, &pos))
				return C2G_QUIC_MALFORMED;
			return C2G_QUIC_OK;
		default:
			return C2G_QUIC_MALFORMED;
		}
	}
	return C2G_QUIC_OK;
}

/* At most this many packets of one datagram are looked at. */
#define C2G_QUIC_COALESCED	4

int c2g_quic_datagram(const struct c2g_quic_ops *ops, u8 *buf, size_t len,
		      struct c2g_quic_stream *s, struct c2g_quic_hdr *first,
		      struct c2g_quic_keys *keys, bool follow)
{
	struct c2g_quic_hdr h;
	size_t pos = 0, ptlen;
	unsigned int i, opened = 0;
	const u8 *pt;
	int r, res = C2G_QUIC_NOT_QUIC;

	for (i = 0; i < C2G_QUIC_COALESCED && pos < len; i++) {
		r = c2g_quic_header(buf + pos, len - pos, &h);
		if (r != C2G_QUIC_OK) {
			/* Padding or a short-header packet may follow. */
			if (!i)
				res = r;
			break;
		}
		if (!i && !follow) {
			*first = h;
			if (!h.initial)
				break;
			if (c2g_quic_client_keys(ops, h.version, h.dcid,
						 h.dcid_len, keys))
				return C2G_QUIC_ERROR;
		}
		if (h.initial && h.version == first->version &&
		    h.dcid_len == first->dcid_len &&
		    !memcmp(h.dcid, first->dcid, h.dcid_len)) {
			r = c2g_quic_open(ops, keys, buf + pos, &h, &pt,
					  &ptlen);
			if (r == C2G_QUIC_OK)
				r = c2g_quic_frames(pt, ptlen, s);
			if (r != C2G_QUIC_OK)
				return opened ? C2G_QUIC_OK : r;
			opened++;
		}
		pos += h.end;
	}
	return opened ? C2G_QUIC_OK : res;
}
