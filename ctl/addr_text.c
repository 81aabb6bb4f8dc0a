// SPDX-License-Identifier: GPL-2.0
/*
 * Strict IPv4/IPv6 address and prefix parsing and formatting, for c2ctl,
 * the unit tests and the fuzzer (the module never handles address text).
 *
 * Accepted text (the whole of the n bytes given must match):
 *
 *   IPv4:  four decimal octets 0..255 separated by '.', one to three digits
 *          each, no leading zero ("010" is refused: some parsers read it as
 *          octal, so it has no single meaning).
 *   IPv6:  RFC 4291 section 2.2: up to eight groups of one to four hex
 *          digits separated by ':', at most one "::" standing for one or
 *          more zero groups, optionally ending with a dotted quad that
 *          stands for the last two groups.  No zone index ("%eth0").
 *   Both may be followed by "/LEN", LEN a decimal without sign, spaces or
 *   leading zeros, at most 32 / 128.  Address bits past LEN must be zero.
 *
 * Output follows RFC 5952: lowercase hex, no leading zeros in a group, the
 * longest run of two or more zero groups (the first one on a tie) written
 * as "::", and IPv4-mapped addresses as ::ffff:a.b.c.d.
 */
#include "addr_text.h"

static bool c2g_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int c2g_hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Characters that can continue an address: seeing one where a well-formed
 * address stopped means the address itself is malformed ("1.2.3.4.5").
 */
static bool c2g_is_addr_char(char c)
{
	return c2g_hex_val(c) >= 0 || c == ':' || c == '.';
}

/*
 * Parse a dotted quad at the start of s[0..n).  Stops right after the
 * digits of the fourth octet.  Returns the number of bytes used, or -1.
 */
static int c2g_parse_v4(const char *s, size_t n, u8 *out)
{
	size_t i = 0;
	int octet;

	for (octet = 0; octet < 4; octet++) {
		unsigned int val = 0;
		size_t start;

		if (octet) {
			if (i >= n || s[i] != '.')
				return -1;
			i++;
		}
		start = i;
		/* Read at most four digits: a fourth one is already wrong. */
		while (i < n && c2g_is_digit(s[i]) && i - start < 4) {
			val = val * 10 + (unsigned int)(s[i] - '0');
			i++;
		}
		if (i == start || i - start > 3)
			return -1;
		if (i - start > 1 && s[start] == '0')
			return -1;
		if (val > 255)
			return -1;
		out[octet] = (u8)val;
	}
	return (int)i;
}

/*
 * Parse IPv6 text at the start of s[0..n).  Stops at the first byte that
 * cannot continue the address.  Returns the number of bytes used, or -1.
 */
static int c2g_parse_v6(const char *s, size_t n, u8 *out)
{
	u16 words[8];
	int nw = 0;
	int gap = -1;	/* index in words[] where "::" stands, or -1 */
	size_t i = 0;
	int k;

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
		if (i < n && s[i] == ':')
			return -1;
		if (i >= n || c2g_hex_val(s[i]) < 0)
			goto done;
	} else if (n >= 1 && s[0] == ':') {
		return -1;
	}

	for (;;) {
		size_t start = i;
		unsigned int val = 0;
		int h;

		/* Read at most five digits: a fifth one is already wrong. */
		while (i < n && i - start < 5) {
			h = c2g_hex_val(s[i]);
			if (h < 0)
				break;
			val = (val << 4) | (unsigned int)h;
			i++;
		}
		if (i == start)
			return -1;

		if (i < n && s[i] == '.') {
			/* Embedded IPv4: the last 32 bits, nothing may follow. */
			u8 v4[4];
			int r;

			if (nw > 6)
				return -1;
			r = c2g_parse_v4(s + start, n - start, v4);
			if (r < 0)
				return -1;
			i = start + (size_t)r;
			words[nw++] = (u16)(v4[0] << 8 | v4[1]);
			words[nw++] = (u16)(v4[2] << 8 | v4[3]);
			break;
		}

		if (i - start > 4 || nw == 8)
			return -1;
		words[nw++] = (u16)val;

		if (i >= n || s[i] != ':')
			break;
		if (i + 1 < n && s[i + 1] == ':') {
			if (gap >= 0)
				return -1;
			gap = nw;
			i += 2;
			if (i < n && s[i] == ':')
				return -1;
			if (i >= n || c2g_hex_val(s[i]) < 0)
				break;
		} else {
			i++;	/* a single ':' must be followed by a group */
		}
	}

done:
	if (gap < 0 ? nw != 8 : nw > 7)
		return -1;

	memset(out, 0, 16);
	for (k = 0; k < nw; k++) {
		/* Groups after the "::" move to the end of the address. */
		int pos = (gap >= 0 && k >= gap) ? k + 8 - nw : k;

		out[2 * pos] = (u8)(words[k] >> 8);
		out[2 * pos + 1] = (u8)words[k];
	}
	return (int)i;
}

int c2g_prefix_parse(const char *s, size_t n, struct c2g_prefix *p)
{
	struct c2g_prefix tmp;
	unsigned int bits, len;
	size_t i, start;
	bool v6 = false;
	int bad;
	int r;

	memset(p, 0, sizeof(*p));
	if (!n || s[0] == '/')
		return C2G_ADDR_EMPTY;

	for (i = 0; i < n && s[i] != '/'; i++) {
		if (s[i] == ':') {
			v6 = true;
			break;
		}
	}

	memset(&tmp, 0, sizeof(tmp));
	if (v6) {
		tmp.family = C2G_AF_INET6;
		bad = C2G_ADDR_BAD_V6;
		r = c2g_parse_v6(s, n, tmp.addr);
	} else {
		tmp.family = C2G_AF_INET;
		bad = C2G_ADDR_BAD_V4;
		r = c2g_parse_v4(s, n, tmp.addr);
	}
	if (r < 0)
		return bad;
	i = (size_t)r;
	if (i < n && c2g_is_addr_char(s[i]))
		return bad;

	bits = c2g_family_bits(tmp.family);
	tmp.len = (u8)bits;
	if (i < n) {
		if (s[i] != '/')
			return C2G_ADDR_TRAILING;
		start = ++i;
		len = 0;
		while (i < n && c2g_is_digit(s[i])) {
			/* Saturate: anything past 999 is out of range anyway. */
			if (len < 1000)
				len = len * 10 + (unsigned int)(s[i] - '0');
			i++;
		}
		if (i == start || (i - start > 1 && s[start] == '0'))
			return C2G_ADDR_BAD_LEN;
		if (i < n)
			return C2G_ADDR_TRAILING;
		if (len > bits)
			return C2G_ADDR_LEN_RANGE;
		tmp.len = (u8)len;
	}

	*p = tmp;
	if (!c2g_prefix_host_bits_clear(p->addr, bits / 8, p->len))
		return C2G_ADDR_HOST_BITS;
	return C2G_ADDR_OK;
}

const char *c2g_addr_strerror(int err)
{
	switch (err) {
	case C2G_ADDR_OK:
		return "success";
	case C2G_ADDR_EMPTY:
		return "empty address";
	case C2G_ADDR_BAD_V4:
		return "invalid IPv4 address";
	case C2G_ADDR_BAD_V6:
		return "invalid IPv6 address";
	case C2G_ADDR_BAD_LEN:
		return "invalid prefix length";
	case C2G_ADDR_LEN_RANGE:
		return "prefix length out of range";
	case C2G_ADDR_HOST_BITS:
		return "address bits set past the prefix length";
	case C2G_ADDR_TRAILING:
		return "trailing characters after the address";
	default:
		return "unknown address error";
	}
}

/* Write v (< 1000) in decimal without leading zeros; returns the length. */
static size_t c2g_put_dec(char *t, unsigned int v)
{
	size_t n = 0;

	if (v >= 100)
		t[n++] = (char)('0' + v / 100);
	if (v >= 10)
		t[n++] = (char)('0' + v / 10 % 10);
	t[n++] = (char)('0' + v % 10);
	return n;
}

static size_t c2g_put_v4(char *t, const u8 *a)
{
	size_t n = 0;
	int k;

	for (k = 0; k < 4; k++) {
		if (k)
			t[n++] = '.';
		n += c2g_put_dec(t + n, a[k]);
	}
	return n;
}

/* Write v in lowercase hex without leading zeros; returns the length. */
static size_t c2g_put_hex16(char *t, unsigned int v)
{
	static const char digits[] = "0123456789abcdef";
	size_t n = 0;
	int shift;
	bool lead = true;

	for (shift = 12; shift >= 0; shift -= 4) {
		unsigned int d = (v >> shift) & 0xf;

		if (lead && d == 0 && shift)
			continue;
		lead = false;
		t[n++] = digits[d];
	}
	return n;
}

static size_t c2g_put_v6(char *t, const u8 *a)
{
	static const u8 mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};
	unsigned int words[8];
	int best = -1, best_len = 0;
	int cur = -1, cur_len = 0;
	size_t n = 0;
	int k;

	if (!memcmp(a, mapped, sizeof(mapped))) {
		memcpy(t, "::ffff:", 7);
		return 7 + c2g_put_v4(t + 7, a + 12);
	}

	for (k = 0; k < 8; k++) {
		words[k] = (unsigned int)a[2 * k] << 8 | a[2 * k + 1];
		if (words[k]) {
			cur = -1;
			continue;
		}
		if (cur < 0) {
			cur = k;
			cur_len = 0;
		}
		cur_len++;
		/* Strictly longer only, so the first of equal runs wins. */
		if (cur_len > best_len) {
			best = cur;
			best_len = cur_len;
		}
	}
	if (best_len < 2)
		best = -1;

	k = 0;
	while (k < 8) {
		if (k == best) {
			t[n++] = ':';
			t[n++] = ':';
			k += best_len;
			continue;
		}
		if (k && !(best >= 0 && k == best + best_len))
			t[n++] = ':';
		n += c2g_put_hex16(t + n, words[k]);
		k++;
	}
	return n;
}

int c2g_addr_format(u8 family, const u8 *addr, char *buf, size_t buflen)
{
	char tmp[C2G_ADDR_FMT_MAX];
	size_t n;

	switch (family) {
	case C2G_AF_INET:
		n = c2g_put_v4(tmp, addr);
		break;
	case C2G_AF_INET6:
		n = c2g_put_v6(tmp, addr);
		break;
	default:
		return -1;
	}
	if (n >= buflen)
		return -1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return (int)n;
}

int c2g_prefix_format(const struct c2g_prefix *p, char *buf, size_t buflen)
{
	char tmp[C2G_PREFIX_FMT_MAX];
	int r;
	size_t n;

	r = c2g_addr_format(p->family, p->addr, tmp, sizeof(tmp));
	if (r < 0)
		return -1;
	n = (size_t)r;
	tmp[n++] = '/';
	n += c2g_put_dec(tmp + n, p->len);
	if (n >= buflen)
		return -1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	return (int)n;
}
