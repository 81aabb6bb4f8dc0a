// SPDX-License-Identifier: GPL-2.0
/*
 * TLS ClientHello server name reader.  Pure C (pure.h).
 *
 * Layout read (RFC 8446 4.1.2, RFC 6066 3):
 *
 *   record:     type 22, version 3.x, length(2)
 *   handshake:  type 1, length(3)
 *   hello:      legacy_version(2, major 3), random(32),
 *               session_id<0..32>, cipher_suites<2..2^16-2> (even),
 *               compression_methods<1..2^8-1>, extensions<0..2^16-1>
 *   extension:  type(2), length(2), data
 *   SNI (0):    server_name_list<1..2^16-1>: name_type(1), name<1..2^16-1>
 *
 * Two ends bound every field: the end its enclosing lengths give (a field
 * past it is C2G_TLS_MALFORMED, whether or not the bytes are in the
 * buffer), and the end of what can be read, the buffer or the first record
 * (a field past that, but inside its structure, is C2G_TLS_PARTIAL: the
 * rest is in a later segment or record).  The extensions must end exactly
 * where the handshake message does.
 *
 * Fewer than 6 bytes (up to the handshake type) give no conclusion:
 * C2G_TLS_NOT_HELLO.  A zero-length record or one longer than 2^14 + 2048
 * bytes (the largest any TLS version allows) is C2G_TLS_MALFORMED.
 */
#include "tls.h"

#define C2G_TLS_REC_HDR		5
#define C2G_TLS_HS_HDR		4
#define C2G_TLS_REC_MAX		(16384 + 2048)
#define C2G_TLS_CT_HANDSHAKE	22
#define C2G_TLS_HS_CLIENT_HELLO	1
#define C2G_TLS_RANDOM		32
#define C2G_TLS_SID_MAX		32
#define C2G_TLS_EXT_SNI		0
#define C2G_TLS_SNI_HOST	0

static unsigned int c2g_tls16(const u8 *p)
{
	return ((unsigned int)p[0] << 8) | p[1];
}

/*
 * Are @n bytes at @pos inside the structure ending at @limit and inside
 * what can be read, @have?  0 if so, else the verdict.
 */
static int c2g_tls_need(size_t pos, size_t n, size_t limit, size_t have)
{
	if (pos + n > limit)
		return C2G_TLS_MALFORMED;
	if (pos + n > have)
		return C2G_TLS_PARTIAL;
	return 0;
}

/* The server_name extension's data at @buf[@pos..@end). */
static int c2g_tls_sni_ext(const u8 *buf, size_t pos, size_t end,
			   size_t have, struct c2g_name *out)
{
	size_t lend;
	int r;

	r = c2g_tls_need(pos, 2, end, have);
	if (r)
		return r;
	lend = pos + 2 + c2g_tls16(buf + pos);
	if (lend != end || lend == pos + 2)
		return C2G_TLS_MALFORMED;
	pos += 2;
	while (pos < lend) {
		unsigned int type, nlen;

		r = c2g_tls_need(pos, 3, lend, have);
		if (r)
			return r;
		type = buf[pos];
		nlen = c2g_tls16(buf + pos + 1);
		pos += 3;
		r = c2g_tls_need(pos, nlen, lend, have);
		if (r == C2G_TLS_MALFORMED)
			return r;
		if (type == C2G_TLS_SNI_HOST) {
			if (r)
				return r;
			if (c2g_name_from_host(buf + pos, nlen, out))
				return C2G_TLS_MALFORMED;
			return C2G_TLS_SNI;
		}
		pos += nlen;
	}
	return C2G_TLS_NO_SNI;
}

int c2g_tls_sni(const u8 *buf, size_t len, struct c2g_name *out)
{
	size_t have, rec_end;
	unsigned int reclen;

	if (len < C2G_TLS_REC_HDR + 1 || buf[0] != C2G_TLS_CT_HANDSHAKE ||
	    buf[1] != 3 || buf[5] != C2G_TLS_HS_CLIENT_HELLO)
		return C2G_TLS_NOT_HELLO;
	reclen = c2g_tls16(buf + 3);
	if (!reclen || reclen > C2G_TLS_REC_MAX)
		return C2G_TLS_MALFORMED;
	rec_end = C2G_TLS_REC_HDR + reclen;
	have = len < rec_end ? len : rec_end;
	/* The handshake header must be in the record (its body may not). */
	if (have < C2G_TLS_REC_HDR + C2G_TLS_HS_HDR)
		return C2G_TLS_PARTIAL;
	return c2g_tls_hello_sni(buf + C2G_TLS_REC_HDR,
				 have - C2G_TLS_REC_HDR, out);
}

int c2g_tls_hello_sni(const u8 *buf, size_t have, struct c2g_name *out)
{
	size_t pos, end, ext_end;
	unsigned int n;
	int r;

	if (!have || buf[0] != C2G_TLS_HS_CLIENT_HELLO)
		return C2G_TLS_NOT_HELLO;
	if (have < C2G_TLS_HS_HDR)
		return C2G_TLS_PARTIAL;
	pos = 1;
	end = C2G_TLS_HS_HDR +
	      (((size_t)buf[pos] << 16) | c2g_tls16(buf + pos + 1));
	pos = C2G_TLS_HS_HDR;

	/* legacy_version and random, then session_id. */
	r = c2g_tls_need(pos, 2 + C2G_TLS_RANDOM + 1, end, have);
	if (r)
		return r;
	if (buf[pos] != 3)
		return C2G_TLS_MALFORMED;
	pos += 2 + C2G_TLS_RANDOM;
	n = buf[pos++];
	if (n > C2G_TLS_SID_MAX)
		return C2G_TLS_MALFORMED;
	pos += n;

	/* cipher_suites */
	r = c2g_tls_need(pos, 2, end, have);
	if (r)
		return r;
	n = c2g_tls16(buf + pos);
	if (!n || n & 1)
		return C2G_TLS_MALFORMED;
	pos += 2 + n;

	/* compression_methods */
	r = c2g_tls_need(pos, 1, end, have);
	if (r)
		return r;
	n = buf[pos];
	if (!n)
		return C2G_TLS_MALFORMED;
	pos += 1 + n;
	if (pos == end)
		return C2G_TLS_NO_SNI;	/* no extensions at all */

	/* extensions, ending exactly with the message */
	r = c2g_tls_need(pos, 2, end, have);
	if (r)
		return r;
	ext_end = pos + 2 + c2g_tls16(buf + pos);
	if (ext_end != end)
		return C2G_TLS_MALFORMED;
	pos += 2;
	while (pos < ext_end) {
		unsigned int type;
		size_t dend;

		r = c2g_tls_need(pos, 4, ext_end, have);
		if (r)
			return r;
		type = c2g_tls16(buf + pos);
		dend = pos + 4 + c2g_tls16(buf + pos + 2);
		if (dend > ext_end)
			return C2G_TLS_MALFORMED;
		if (type == C2G_TLS_EXT_SNI) {
			r = c2g_tls_sni_ext(buf, pos + 4, dend, have, out);
			if (r != C2G_TLS_NO_SNI)
				return r;
		}
		pos = dend;
	}
	/* The whole message was read only if it fit in the buffer. */
	return ext_end <= have ? C2G_TLS_NO_SNI : C2G_TLS_PARTIAL;
}
