// SPDX-License-Identifier: GPL-2.0
/*
 * ClientHello fields and client fingerprints.  Pure C (pure.h).
 *
 * JA4 (FoxIO, technical_details/JA4.md): "t" or "q", the version (the
 * highest of supported_versions, else client_version: "13", "12", "11",
 * "10", "s3", "s2", "d1".."d3", else "00"), "d" with a server_name
 * extension else "i", the ciphers and the extensions counted (two digits,
 * at most 99), the first and last character of the first ALPN protocol
 * ("00" without one; its first and last hex digits if either end is not
 * alphanumeric); then "_" and the first 12 hex digits of the SHA-256 of
 * the ciphers sorted ("002f,0035,..."), "_" and those of the extensions
 * sorted without server_name and ALPN, then "_" and the signature
 * algorithms in their order (no "_" without any).  An empty list hashes
 * to "000000000000".  GREASE values never count.
 *
 * JA3 (Salesforce): MD5 of "client_version,ciphers,extensions,groups,point
 * formats", each list in decimal joined by "-", in the hello's order,
 * without GREASE.
 */
#include "hello.h"

#define C2G_HS_CLIENT_HELLO	1
#define C2G_EXT_SNI		0x0000
#define C2G_EXT_GROUPS		0x000a
#define C2G_EXT_POINTS		0x000b
#define C2G_EXT_SIGALGS		0x000d
#define C2G_EXT_ALPN		0x0010
#define C2G_EXT_VERSIONS	0x002b

static u16 c2g_be16(const u8 *p)
{
	return ((u16)p[0] << 8) | p[1];
}

/* RFC 8701: 0x0a0a, 0x1a1a, ... 0xfafa */
static bool c2g_grease(u16 v)
{
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

/*
 * The 16-bit values of @p[0..@n) (@n even) but GREASE into @out, at most
 * @max of them; *@count gets how many.  -EINVAL for an odd length,
 * -E2BIG past @max.
 */
static int c2g_hello_u16s(const u8 *p, size_t n, u16 *out, unsigned int max,
			  u16 *count)
{
	size_t i;

	if (n & 1)
		return -EINVAL;
	*count = 0;
	for (i = 0; i < n; i += 2) {
		u16 v = c2g_be16(p + i);

		if (c2g_grease(v))
			continue;
		if (*count == max)
			return -E2BIG;
		out[(*count)++] = v;
	}
	return 0;
}

/* A u16-length-prefixed list filling the whole extension @p[0..@n). */
static int c2g_hello_list16(const u8 *p, size_t n, u16 *out,
			    unsigned int max, u16 *count)
{
	if (n < 2 || c2g_be16(p) != n - 2)
		return -EINVAL;
	return c2g_hello_u16s(p + 2, n - 2, out, max, count);
}

static int c2g_hello_ext(struct c2g_hello *h, u16 type, const u8 *p,
			 size_t n)
{
	u16 vers[32], nv, i;
	int err;

	switch (type) {
	case C2G_EXT_SNI:
		h->sni = true;
		return 0;
	case C2G_EXT_ALPN:
		/* protocol_name_list<2..>: the first protocol<1..255> */
		if (n < 3 || c2g_be16(p) != n - 2 || (size_t)p[2] + 3 > n)
			return -EINVAL;
		h->alpn_len = p[2];
		if (p[2]) {
			h->alpn_first = p[3];
			h->alpn_last = p[2 + p[2]];
		}
		return 0;
	case C2G_EXT_SIGALGS:
		return c2g_hello_list16(p, n, h->sigalgs, C2G_HELLO_SIGALGS,
					&h->nsigalgs);
	case C2G_EXT_GROUPS:
		return c2g_hello_list16(p, n, h->groups, C2G_HELLO_GROUPS,
					&h->ngroups);
	case C2G_EXT_POINTS:
		if (n < 1 || p[0] != n - 1)
			return -EINVAL;
		if (p[0] > C2G_HELLO_POINTS)
			return -E2BIG;
		memcpy(h->points, p + 1, p[0]);
		h->npoints = p[0];
		return 0;
	case C2G_EXT_VERSIONS:
		/* versions<2..254> */
		if (n < 1 || p[0] != n - 1)
			return -EINVAL;
		err = c2g_hello_u16s(p + 1, n - 1, vers, 32, &nv);
		if (err)
			return err;
		for (i = 0; i < nv; i++)
			if (vers[i] > h->version)
				h->version = vers[i];
		return 0;
	}
	return 0;
}

int c2g_hello_parse(const u8 *buf, size_t len, struct c2g_hello *h)
{
	size_t pos, end, ext_end, n;
	bool have_versions = false;
	int err;

	memset(h, 0, sizeof(*h));
	if (len < 4 + 2 + 32 + 1 || buf[0] != C2G_HS_CLIENT_HELLO)
		return -EINVAL;
	end = 4 + (((size_t)buf[1] << 16) | c2g_be16(buf + 2));
	if (end > len || end < 4 + 2 + 32 + 1)
		return -EINVAL;
	h->legacy_version = c2g_be16(buf + 4);
	h->version = h->legacy_version;
	pos = 4 + 2 + 32;
	if (buf[pos] > 32)				/* session id */
		return -EINVAL;
	pos += 1 + buf[pos];
	if (pos + 2 > end)
		return -EINVAL;
	n = c2g_be16(buf + pos);			/* cipher suites */
	if (!n || pos + 2 + n > end)
		return -EINVAL;
	err = c2g_hello_u16s(buf + pos + 2, n, h->ciphers, C2G_HELLO_CIPHERS,
			     &h->nciphers);
	if (err)
		return err;
	pos += 2 + n;
	if (pos + 1 > end || !buf[pos] || pos + 1 + buf[pos] > end)
		return -EINVAL;				/* compression */
	pos += 1 + buf[pos];
	if (pos == end)
		return 0;				/* no extensions */
	if (pos + 2 > end)
		return -EINVAL;
	ext_end = pos + 2 + c2g_be16(buf + pos);
	if (ext_end != end)
		return -EINVAL;
	for (pos += 2; pos < ext_end; pos += 4 + n) {
		u16 type;

		if (pos + 4 > ext_end)
			return -EINVAL;
		type = c2g_be16(buf + pos);
		n = c2g_be16(buf + pos + 2);
		if (pos + 4 + n > ext_end)
			return -EINVAL;
		if (c2g_grease(type))
			continue;
		if (h->nexts == C2G_HELLO_EXTS)
			return -E2BIG;
		h->exts[h->nexts++] = type;
		if (type == C2G_EXT_VERSIONS) {
			if (have_versions)
				return -EINVAL;
			have_versions = true;
			h->version = 0;
		}
		err = c2g_hello_ext(h, type, buf + pos + 4, n);
		if (err)
			return err;
	}
	if (have_versions && !h->version)
		h->version = h->legacy_version;
	return 0;
}

static const char c2g_hex[] = "0123456789abcdef";

static char *c2g_put_hex16(char *p, u16 v)
{
	*p++ = c2g_hex[v >> 12];
	*p++ = c2g_hex[(v >> 8) & 15];
	*p++ = c2g_hex[(v >> 4) & 15];
	*p++ = c2g_hex[v & 15];
	return p;
}

static char *c2g_put_dec(char *p, unsigned int v)
{
	char d[5];
	int n = 0;

	do {
		d[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		*p++ = d[--n];
	return p;
}

/* Sort @n values ascending (insertion sort: the lists are short). */
static void c2g_sort16(u16 *v, unsigned int n)
{
	unsigned int i, j;
	u16 x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* "aaaa,bbbb,..." of @n values, at @p. */
static char *c2g_put_list(char *p, const u16 *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (i)
			*p++ = ',';
		p = c2g_put_hex16(p, v[i]);
	}
	return p;
}

/* The first 12 hex digits of the SHA-256 of @text[0..@len) into @out. */
static int c2g_ja4_hash(const struct c2g_hello_hash *hash, const char *text,
			size_t len, char *out)
{
	u8 d[32];
	int i, err;

	if (!len) {
		memset(out, '0', 12);
		return 0;
	}
	err = hash->sha256(hash->ctx, (const u8 *)text, len, d);
	if (err)
		return err;
	for (i = 0; i < 6; i++) {
		out[2 * i] = c2g_hex[d[i] >> 4];
		out[2 * i + 1] = c2g_hex[d[i] & 15];
	}
	return 0;
}

static const char *c2g_ja4_version(u16 v)
{
	switch (v) {
	case 0x0304: return "13";
	case 0x0303: return "12";
	case 0x0302: return "11";
	case 0x0301: return "10";
	case 0x0300: return "s3";
	case 0x0002: return "s2";
	case 0xfeff: return "d1";
	case 0xfefd: return "d2";
	case 0xfefc: return "d3";
	}
	return "00";
}

static bool c2g_alnum(u8 c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

static bool c2g_lhex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/*
 * Section a is protocol (t, q; d for DTLS, which c2guard never computes
 * but a feed may list), version (two letters or digits: "13", "s3",
 * "00"), d or i, two counts of two digits, and the ALPN's two letters or
 * digits; b and c are 12 lowercase hex digits each.
 */
int c2g_ja4_valid(const char *s, size_t len)
{
	unsigned int i;

	if (len != C2G_JA4_LEN)
		return C2G_JA4_E_LEN;
	if (s[0] != 't' && s[0] != 'q' && s[0] != 'd')
		return C2G_JA4_E_PROTO;
	for (i = 4; i < 8; i++)
		if (s[i] < '0' || s[i] > '9')
			return C2G_JA4_E_COUNTS;
	if (!c2g_alnum(s[1]) || !c2g_alnum(s[2]) ||
	    (s[3] != 'd' && s[3] != 'i') || !c2g_alnum(s[8]) ||
	    !c2g_alnum(s[9]))
		return C2G_JA4_E_A;
	if (s[10] != '_' || s[23] != '_')
		return C2G_JA4_E_SEP;
	for (i = 11; i < C2G_JA4_LEN; i++)
		if (i != 23 && !c2g_lhex(s[i]))
			return C2G_JA4_E_HEX;
	return C2G_JA4_OK;
}

const char *c2g_ja4_check(const char *s, size_t len)
{
	switch (c2g_ja4_valid(s, len)) {
	case C2G_JA4_OK:
		return NULL;
	case C2G_JA4_E_LEN:
		return C2G_JA4_MSG_LEN;
	case C2G_JA4_E_PROTO:
		return C2G_JA4_MSG_PROTO;
	case C2G_JA4_E_COUNTS:
		return C2G_JA4_MSG_COUNTS;
	case C2G_JA4_E_SEP:
		return C2G_JA4_MSG_SEP;
	case C2G_JA4_E_HEX:
		return C2G_JA4_MSG_HEX;
	default:
		return C2G_JA4_MSG_A;
	}
}

int c2g_ja4(const struct c2g_hello *h, bool quic,
	    const struct c2g_hello_hash *hash, char *text, char *out)
{
	u16 sorted[C2G_HELLO_CIPHERS];
	unsigned int i, n;
	char *p = out;
	int err;

	*p++ = quic ? 'q' : 't';
	memcpy(p, c2g_ja4_version(h->version), 2);
	p += 2;
	*p++ = h->sni ? 'd' : 'i';
	n = h->nciphers > 99 ? 99 : h->nciphers;
	*p++ = '0' + n / 10;
	*p++ = '0' + n % 10;
	n = h->nexts > 99 ? 99 : h->nexts;
	*p++ = '0' + n / 10;
	*p++ = '0' + n % 10;
	if (!h->alpn_len) {
		*p++ = '0';
		*p++ = '0';
	} else if (c2g_alnum(h->alpn_first) && c2g_alnum(h->alpn_last)) {
		*p++ = h->alpn_first;
		*p++ = h->alpn_last;
	} else {
		*p++ = c2g_hex[h->alpn_first >> 4];
		*p++ = c2g_hex[h->alpn_last & 15];
	}
	*p++ = '_';

	memcpy(sorted, h->ciphers, h->nciphers * sizeof(u16));
	c2g_sort16(sorted, h->nciphers);
	n = c2g_put_list(text, sorted, h->nciphers) - text;
	err = c2g_ja4_hash(hash, text, n, p);
	if (err)
		return err;
	p += 12;
	*p++ = '_';

	for (i = n = 0; i < h->nexts; i++)
		if (h->exts[i] != C2G_EXT_SNI && h->exts[i] != C2G_EXT_ALPN)
			sorted[n++] = h->exts[i];
	c2g_sort16(sorted, n);
	if (!n) {
		memset(p, '0', 12);
	} else {
		char *t = c2g_put_list(text, sorted, n);

		if (h->nsigalgs) {
			*t++ = '_';
			t = c2g_put_list(t, h->sigalgs, h->nsigalgs);
		}
		err = c2g_ja4_hash(hash, text, t - text, p);
		if (err)
			return err;
	}
	p[12] = '\0';
	return 0;
}

/* "-"-joined decimal values, after a ",". */
static char *c2g_put_dec_list(char *p, const u16 *v, unsigned int n)
{
	unsigned int i;

	*p++ = ',';
	for (i = 0; i < n; i++) {
		if (i)
			*p++ = '-';
		p = c2g_put_dec(p, v[i]);
	}
	return p;
}

int c2g_ja3(const struct c2g_hello *h, const struct c2g_hello_hash *hash,
	    char *text, char *out)
{
	u16 points[C2G_HELLO_POINTS];
	unsigned int i;
	char *p = text;
	u8 d[16];
	int err;

	p = c2g_put_dec(p, h->legacy_version);
	p = c2g_put_dec_list(p, h->ciphers, h->nciphers);
	p = c2g_put_dec_list(p, h->exts, h->nexts);
	p = c2g_put_dec_list(p, h->groups, h->ngroups);
	for (i = 0; i < h->npoints; i++)
		points[i] = h->points[i];
	p = c2g_put_dec_list(p, points, h->npoints);
	err = hash->md5(hash->ctx, (const u8 *)text, p - text, d);
	if (err)
		return err;
	for (i = 0; i < 16; i++) {
		out[2 * i] = c2g_hex[d[i] >> 4];
		out[2 * i + 1] = c2g_hex[d[i] & 15];
	}
	out[32] = '\0';
	return 0;
}
