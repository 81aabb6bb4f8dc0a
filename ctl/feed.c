// SPDX-License-Identifier: GPL-2.0
/*
 * Pure parsing helpers of c2ctl, see feed.h.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "hello.h"
#include "http.h"

static_assert(C2_IND_FMT_MAX >= 2 + C2G_NAME_MAX + 1,
	       "C2_IND_FMT_MAX has no room for \"*.\" and a name");

static const char *const action_names[] = {
	[C2GUARD_ACT_ALERT] = "alert",
	[C2GUARD_ACT_DROP] = "drop",
	[C2GUARD_ACT_REJECT] = "reject",
	[C2GUARD_ACT_MARK] = "mark",
	[C2GUARD_ACT_ALLOW] = "allow",
	[C2GUARD_ACT_QUARANTINE] = "quarantine",
};

/*
 * Decimal or 0x-prefixed hexadecimal, nothing else: no sign, no spaces, no
 * octal, the whole string consumed.  Returns 0, -EINVAL or -ERANGE.
 */
int c2_parse_u64(const char *s, unsigned long long min,
		 unsigned long long max, unsigned long long *out)
{
	unsigned long long v;
	const char *digits = s;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		digits = s + 2;
		base = 16;
		if (!isxdigit((unsigned char)digits[0]))
			return -EINVAL;
	} else if (!isdigit((unsigned char)s[0])) {
		return -EINVAL;
	}
	errno = 0;
	v = strtoull(digits, &end, base);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int c2_parse_u32(const char *s, __u32 min, __u32 max, __u32 *out)
{
	unsigned long long v;
	int err;

	err = c2_parse_u64(s, min, max, &v);
	if (!err)
		*out = (__u32)v;
	return err;
}

int c2_action_parse(const char *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(action_names); i++) {
		if (action_names[i] && !strcmp(s, action_names[i]))
			return (int)i;
	}
	return -1;
}

const char *c2_action_name(unsigned int action)
{
	if (action < ARRAY_SIZE(action_names))
		return action_names[action];
	return NULL;
}

void c2_spec_init(struct c2_ind_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->action = C2GUARD_ACT_ALERT;
}

static int entry_addr_err(const char *text, int r,
			  const struct c2g_prefix *pfx, char *err, size_t errlen)
{
	struct c2g_prefix masked = *pfx;
	char hint[C2G_PREFIX_FMT_MAX];

	if (r == C2G_ADDR_HOST_BITS) {
		c2g_prefix_mask(masked.addr, c2g_family_bits(masked.family) / 8,
				masked.len);
		if (c2g_prefix_format(&masked, hint, sizeof(hint)) > 0) {
			snprintf(err, errlen, "%.64s: %s (did you mean %s?)",
				 text, c2g_addr_strerror(r), hint);
			return -1;
		}
	}
	snprintf(err, errlen, "%.64s%s: %s", text, strlen(text) > 64 ? "..." : "",
		 c2g_addr_strerror(r));
	return -1;
}

/*
 * Parse the indicator itself: ADDR, ADDR/LEN, NAME, *.NAME, IPV4:PORT or
 * [IPV6]:PORT (PORT as c2_port_parse() reads it), a JA4 fingerprint, or
 * a URL (c2_url_like(): "http://HOST/PATH", "HOST/PATH").  A word shaped as
 * a JA4 first (entry_ja4_like()), then port forms, then URLs, then
 * addresses.  Every address error but "not a dotted quad" means the text was
 * meant as an address, and so does a name refused only for its all-digit
 * last label ("1.2.3", "256.1.1.1") unless it starts with "*.".  Sets
 * C2_SPEC_ADDR (and C2_SPEC_PORT), C2_SPEC_NAME, C2_SPEC_JA4 or
 * C2_SPEC_URL.  Returns 0 or -1 with a message in err.
 */
/*
 * Where the port of "IPV4:PORT" or "[IPV6]:PORT" starts (after the ':'),
 * with *alen the length of the address in text (brackets excluded, *astart
 * its first byte); NULL when text is not of that shape.  An unbracketed
 * IPv6 address has more than one ':', so one ':' after digits and dots
 * means IPv4 ("evil.example:80" stays an invalid address).
 */
static const char *entry_port_split(const char *text, size_t *astart,
				    size_t *alen)
{
	const char *c;

	if (text[0] == '[') {
		c = strstr(text, "]:");
		if (!c)
			return NULL;
		*astart = 1;
		*alen = (size_t)(c - text) - 1;
		return c + 2;
	}
	c = strchr(text, ':');
	if (!c || strchr(c + 1, ':') || !memchr(text, '.', (size_t)(c - text)) ||
	    strspn(text, "0123456789./") != (size_t)(c - text))
		return NULL;
	*astart = 0;
	*alen = (size_t)(c - text);
	return c + 1;
}

/* "ADDR:PORT[/tcp|/udp]", an exact address only.  0 or -1 with err. */
static int entry_port_parse(struct c2_ind_spec *spec, const char *text,
			    const char *port, size_t astart, size_t alen,
			    char *err, size_t errlen)
{
	__u32 v;
	int r;

	r = c2g_prefix_parse(text + astart, alen, &spec->pfx);
	if (r == C2G_ADDR_OK && memchr(text + astart, '/', alen))
		r = -1;
	if (r == C2G_ADDR_OK && (text[0] == '[') !=
	    (spec->pfx.family == C2G_AF_INET6))
		r = -2;
	if (r) {
		snprintf(err, errlen, "%.64s%s: %s", text,
			 strlen(text) > 64 ? "..." : "",
			 r == -1 ? "a port needs an exact address, not a prefix" :
			 r == -2 ? "IPv6 addresses take brackets: [ADDR]:PORT, IPv4 none" :
			 c2g_addr_strerror(r));
		return -1;
	}
	if (c2_port_parse(port, &v, err, errlen))
		return -1;
	spec->port = (__u16)(v & 0xffff);
	spec->proto = (__u8)(v >> 16);
	spec->set |= C2_SPEC_ADDR | C2_SPEC_PORT;
	return 0;
}

/*
 * Does @text look meant as a JA4 fingerprint: C2GUARD_JA4_LEN characters
 * with '_' where a JA4 separates its sections?  (A JA4 is also a valid
 * one-label domain name: this is asked first.)
 */
static bool entry_ja4_like(const char *text, size_t n)
{
	return n == C2GUARD_JA4_LEN && text[10] == '_' && text[23] == '_';
}

/*
 * A JA4 fingerprint, sections b and c (the hashes, hex digits) brought to
 * lower case, section a as given; checked as the module checks it
 * (c2g_ja4_check()).  Sets C2_SPEC_JA4.  0 or -1 with a message in err.
 */
static int entry_ja4(struct c2_ind_spec *spec, const char *text,
		     char *err, size_t errlen)
{
	char fp[C2GUARD_JA4_LEN + 1];
	size_t n = strlen(text), i;
	const char *why;

	/* (of any other length it says so) */
	if (n != C2GUARD_JA4_LEN) {
		why = c2g_ja4_check(text, n);
		goto bad;
	}
	memcpy(fp, text, sizeof(fp));
	for (i = 11; i < n; i++)
		if (fp[i] >= 'A' && fp[i] <= 'Z')
			fp[i] = (char)(fp[i] - 'A' + 'a');
	why = c2g_ja4_check(fp, n);
	if (why)
		goto bad;
	memcpy(spec->ja4, fp, sizeof(spec->ja4));
	spec->set |= C2_SPEC_JA4;
	return 0;
bad:
	snprintf(err, errlen, "\"%.64s%s\": %s", text, n > 64 ? "..." : "",
		 why);
	return -1;
}

/* Forget the entry of @spec (its options stay). */
static void entry_clear(struct c2_ind_spec *spec)
{
	spec->set &= ~(C2_SPEC_ADDR | C2_SPEC_NAME | C2_SPEC_PORT |
		       C2_SPEC_ANSWER | C2_SPEC_JA4 | C2_SPEC_URL);
	spec->port = 0;
	spec->proto = 0;
	spec->suffix = false;
	spec->ja4[0] = '\0';
	spec->url[0] = '\0';
}

/* "PORT", "PORT/tcp" or "PORT/udp" in shape (c2_port_parse() decides). */
static bool entry_port_form(const char *port)
{
	size_t n = strspn(port, "0123456789");

	return n && (!port[n] || !strcmp(port + n, "/tcp") ||
		     !strcmp(port + n, "/udp"));
}

/*
 * The length of the scheme @text starts with ("http" of "http://..."): a
 * letter, then letters, digits, '+', '-' or '.', then "://"; 0 for none.
 */
static size_t url_scheme_len(const char *text)
{
	size_t n;

	if (!isalpha((unsigned char)text[0]))
		return 0;
	n = strspn(text, "abcdefghijklmnopqrstuvwxyz"
		   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
	return strncmp(text + n, "://", 3) ? 0 : n;
}

/*
 * Is @text meant as a URL: it starts with "SCHEME://", or has a '/' after
 * something that is not an address followed by a prefix length, or
 * nothing ("10.0.0.0/8" and "10.0.0.0/" are networks, good or bad;
 * "evil.example/gate.php", "evil.example/24" and "192.0.2.1/x" are URLs)?
 * Port forms ("192.0.2.1:53/udp") are asked about first.
 */
bool c2_url_like(const char *text)
{
	const char *sl = strchr(text, '/');
	struct c2g_prefix pfx;

	if (url_scheme_len(text))
		return true;
	if (!sl || sl == text)
		return false;
	if (strspn(sl + 1, "0123456789") == strlen(sl + 1) &&
	    c2g_prefix_parse(text, (size_t)(sl - text), &pfx) == C2G_ADDR_OK)
		return false;
	return true;
}

/* Where the authority of @p ends: at the first '/', '?', '#' or NUL. */
static const char *url_auth_end(const char *p)
{
	return p + strcspn(p, "/?#");
}

/*
 * The host of the authority @p[0..@n) ("HOST", "HOST:PORT", "[V6]",
 * "[V6]:PORT" or an unbracketed IPv6 address) as *@h[0..*@hn), the port
 * as *@port[0..*@pn) (*@port NULL: none).  False when a bracket is not
 * closed or is followed by anything but ":PORT".
 */
static bool url_authority(const char *p, size_t n, const char **h, size_t *hn,
			  const char **port, size_t *pn)
{
	const char *c, *close;

	*port = NULL;
	*pn = 0;
	if (n && p[0] == '[') {
		close = memchr(p, ']', n);
		if (!close)
			return false;
		*h = p + 1;
		*hn = (size_t)(close - p) - 1;
		if (close + 1 == p + n)
			return true;
		if (close[1] != ':')
			return false;
		*port = close + 2;
		*pn = n - (size_t)(close + 2 - p);
		return true;
	}
	*h = p;
	*hn = n;
	c = memchr(p, ':', n);
	/* more than one ':': an IPv6 address without brackets, no port */
	if (c && !memchr(c + 1, ':', n - (size_t)(c + 1 - p))) {
		*hn = (size_t)(c - p);
		*port = c + 1;
		*pn = n - *hn - 1;
	}
	return true;
}

/*
 * The host of a URL key into @out: one trailing dot dropped, lower case,
 * an address in its canonical text form ("2001:DB8:0::1" as
 * "2001:db8::1").  Returns the length, or -1 when it does not fit.
 */
static int url_host_norm(const char *h, size_t hn, char *out, size_t outlen)
{
	struct c2g_prefix pfx;
	size_t i;

	if (hn > 1 && h[hn - 1] == '.')
		hn--;
	if (hn >= outlen)
		return -1;
	for (i = 0; i < hn; i++)
		out[i] = (char)tolower((unsigned char)h[i]);
	out[hn] = '\0';
	if (!memchr(out, '/', hn) &&
	    c2g_prefix_parse(out, hn, &pfx) == C2G_ADDR_OK &&
	    pfx.len == c2g_family_bits(pfx.family))
		return c2g_addr_format(pfx.family, pfx.addr, out, outlen);
	return (int)hn;
}

/* "TEXT[...]: why" into err; -1. */
static int url_err(const char *text, char *err, size_t errlen,
		   const char *why)
{
	snprintf(err, errlen, "%.64s%s: %s", text,
		 strlen(text) > 64 ? "..." : "", why);
	return -1;
}

/**
 * c2_url_norm() - an http URL as a URL indicator's key
 * @text: "http://HOST[:80]/PATH[?QUERY][#FRAGMENT]" (scheme in any case),
 *	or the same without "http://"
 * @key: "HOST/PATH" or "HOST/PATH?QUERY", as the module keeps it
 * @keylen: size of @key; C2GUARD_URL_MAX + 1 is enough
 * @err: the reason, when refused
 * @errlen: size of @err
 *
 * The host lower case without a trailing dot (an address in its canonical
 * form), ":80" and the fragment dropped, the path's trailing '/' dropped
 * unless the path is "/", which an empty path becomes; then checked as the
 * module checks it (c2g_url_valid()).  Refused: https:// and any other
 * scheme, user names and passwords, ports other than 80.  A non-ASCII host
 * is refused too (the feed readers convert it to punycode first).
 *
 * Return: 0, or -1 with a message in @err.
 */
int c2_url_norm(const char *text, char *key, size_t keylen, char *err,
		size_t errlen)
{
	char buf[C2GUARD_URL_MAX + 2];
	const char *p = text, *a, *h, *port, *path, *q;
	size_t hn, pn, plen, qlen = 0, hlen, off, i, sn;
	struct c2g_name name;
	unsigned int v;
	int r;

	sn = url_scheme_len(text);
	if (sn) {
		if (sn == 5 && !strncasecmp(text, "https", 5))
			return url_err(text, err, errlen,
				       "https URLs cannot be listed: the path of an https request is encrypted (list its host instead)");
		if (sn != 4 || strncasecmp(text, "http", 4))
			return url_err(text, err, errlen,
				       "only http:// URLs can be listed");
		p = text + sn + 3;
	}
	a = url_auth_end(p);
	if (memchr(p, '@', (size_t)(a - p)))
		return url_err(text, err, errlen,
			       "a URL indicator takes no user name or password");
	if (!url_authority(p, (size_t)(a - p), &h, &hn, &port, &pn) || !hn)
		return url_err(text, err, errlen, C2G_URL_MSG_HOST);
	/* ":80" (or ":", the default) goes; any other port is refused */
	for (i = 0, v = 0; port && i < pn && v <= 65535; i++)
		v = port[i] >= '0' && port[i] <= '9' ?
		    v * 10 + (unsigned int)(port[i] - '0') : 65536;
	if (port && pn && v != 80)
		return url_err(text, err, errlen,
			       "a URL indicator takes no port but :80");
	r = url_host_norm(h, hn, buf, sizeof(buf));
	if (r < 0)
		return url_err(text, err, errlen, C2G_URL_MSG_LEN);
	off = (size_t)r;
	path = a;
	plen = *a == '/' ? strcspn(a, "?#") : 0;
	q = path + plen;
	if (*q == '?')
		qlen = strcspn(q, "#");
	while (plen > 1 && path[plen - 1] == '/')
		plen--;
	if (!plen) {
		path = "/";
		plen = 1;
	}
	if (off + plen + qlen > C2GUARD_URL_MAX)
		return url_err(text, err, errlen, C2G_URL_MSG_LEN);
	memcpy(buf + off, path, plen);
	memcpy(buf + off + plen, q, qlen);
	off += plen + qlen;
	buf[off] = '\0';
	r = c2g_url_valid(buf, off, &hlen);
	/* a host that is no address: what is wrong with it as a name */
	if (r == C2G_URL_E_HOST && !memchr(buf, ':', hlen) &&
	    strspn(buf, "0123456789.") < hlen) {
		r = c2g_name_parse(buf, hlen, &name, NULL);
		if (r != C2G_NAME_OK) {
			snprintf(err, errlen, "%.64s%s: invalid host name (%s)",
				 text, strlen(text) > 64 ? "..." : "",
				 c2g_name_strerror(r));
			return -1;
		}
		r = C2G_URL_E_HOST;
	}
	if (r != C2G_URL_OK)
		return url_err(text, err, errlen, c2g_url_strerror(r));
	if (off >= keylen)
		return url_err(text, err, errlen, C2G_URL_MSG_LEN);
	memcpy(key, buf, off + 1);
	return 0;
}

/* A URL (c2_url_norm()) into @spec, C2_SPEC_URL set.  0 or -1 with err. */
static int entry_url(struct c2_ind_spec *spec, const char *text, char *err,
		     size_t errlen)
{
	if (c2_url_norm(text, spec->url, sizeof(spec->url), err, errlen))
		return -1;
	spec->set |= C2_SPEC_URL;
	return 0;
}

int c2_spec_set_entry(struct c2_ind_spec *spec, const char *text,
		      char *err, size_t errlen)
{
	size_t n = strlen(text), astart, alen;
	const char *port;
	int r, nr;

	entry_clear(spec);
	/* "-j", "--help", "-": an option or a file, never an indicator. */
	if (text[0] == '-') {
		snprintf(err, errlen,
			 "\"%.32s\" is not an address or a name (options go before the command: c2ctl -j list)",
			 text);
		return -1;
	}
	if (entry_ja4_like(text, n))
		return entry_ja4(spec, text, err, errlen);
	port = entry_port_split(text, &astart, &alen);
	if (port && entry_port_form(port))
		return entry_port_parse(spec, text, port, astart, alen, err,
					errlen);
	if (c2_url_like(text))
		return entry_url(spec, text, err, errlen);
	if (port)
		return entry_port_parse(spec, text, port, astart, alen, err,
					errlen);
	r = c2g_prefix_parse(text, n, &spec->pfx);
	if (r == C2G_ADDR_OK) {
		spec->set |= C2_SPEC_ADDR;
		return 0;
	}
	if (r != C2G_ADDR_BAD_V4)
		return entry_addr_err(text, r, &spec->pfx, err, errlen);

	memset(&spec->pfx, 0, sizeof(spec->pfx));
	nr = c2g_name_parse(text, n, &spec->name, &spec->suffix);
	if (nr == C2G_NAME_NUMERIC && text[0] != '*')
		return entry_addr_err(text, r, &spec->pfx, err, errlen);
	if (nr != C2G_NAME_OK) {
		snprintf(err, errlen, "%.64s%s: invalid domain name (%s)", text,
			 n > 64 ? "..." : "", c2g_name_strerror(nr));
		return -1;
	}
	spec->set |= C2_SPEC_NAME;
	return 0;
}

/*
 * The entry as c2ctl prints it (and reads it back): "1.2.3.4/32",
 * "evil.example", "*.evil.example", "1.2.3.4:443", "[2001:db8::1]:53/udp",
 * "answer 198.51.100.90", "ja4 t13d1516h2_8daaf6152771_e5627efa2ab1",
 * "url evil.example/gate.php" (the last three: two words, the only entries
 * that have a space).  Returns the length or -1.
 */
int c2_spec_format(const struct c2_ind_spec *spec, char *buf, size_t len)
{
	char a[C2G_ADDR_FMT_MAX], p[C2_PORT_FMT_MAX];
	bool v6;
	int r;

	if (spec->set & C2_SPEC_JA4) {
		r = snprintf(buf, len, "ja4 %s", spec->ja4);
		return r < 0 || (size_t)r >= len ? -1 : r;
	}
	if (spec->set & C2_SPEC_URL) {
		r = snprintf(buf, len, "url %s", spec->url);
		return r < 0 || (size_t)r >= len ? -1 : r;
	}
	if (spec->set & C2_SPEC_ANSWER) {
		if (c2g_addr_format(spec->pfx.family, spec->pfx.addr, a,
				    sizeof(a)) < 0)
			return -1;
		r = snprintf(buf, len, "answer %s", a);
		return r < 0 || (size_t)r >= len ? -1 : r;
	}

	if (spec->set & C2_SPEC_PORT) {
		v6 = spec->pfx.family == C2G_AF_INET6;
		if (c2g_addr_format(spec->pfx.family, spec->pfx.addr, a,
				    sizeof(a)) < 0 ||
		    c2_port_format((__u32)spec->proto << 16 | spec->port, p,
				   sizeof(p)) < 0)
			return -1;
		r = snprintf(buf, len, "%s%s%s:%s", v6 ? "[" : "", a,
			     v6 ? "]" : "", p);
		return r < 0 || (size_t)r >= len ? -1 : r;
	}
	if (!(spec->set & C2_SPEC_NAME))
		return c2g_prefix_format(&spec->pfx, buf, len);
	r = snprintf(buf, len, "%s%s", spec->suffix ? "*." : "", spec->name.s);
	return r < 0 || (size_t)r >= len ? -1 : r;
}

/* "ip", "cidr", "ip-port", "answer", "name", "suffix", "ja4" or "url". */
const char *c2_spec_type(const struct c2_ind_spec *spec)
{
	if (spec->set & C2_SPEC_URL)
		return "url";
	if (spec->set & C2_SPEC_JA4)
		return "ja4";
	if (spec->set & C2_SPEC_PORT)
		return "ip-port";
	if (spec->set & C2_SPEC_ANSWER)
		return "answer";
	if (spec->set & C2_SPEC_NAME)
		return spec->suffix ? "suffix" : "name";
	return spec->pfx.len == c2g_family_bits(spec->pfx.family) ? "ip" : "cidr";
}

/*
 * The kind a feed counts @spec as, 0..C2_SPEC_KINDS - 1: IPv4, IPv6,
 * names, suffixes, addresses with a port, answer addresses, JA4
 * fingerprints, URLs (the order of struct ipc_feed's counts).
 */
unsigned int c2_spec_kind(const struct c2_ind_spec *spec)
{
	if (spec->set & C2_SPEC_URL)
		return 7;
	if (spec->set & C2_SPEC_JA4)
		return 6;
	if (spec->set & C2_SPEC_NAME)
		return spec->suffix ? 3 : 2;
	if (spec->set & C2_SPEC_PORT)
		return 4;
	if (spec->set & C2_SPEC_ANSWER)
		return 5;
	return spec->pfx.family == C2G_AF_INET6 ? 1 : 0;
}

/*
 * Parse the option at argv[0] (with its value at argv[1]).  Returns the
 * number of words used (1 or 2), 0 when argv[0] is not one of the allowed
 * keywords, or -1 with a message in err.
 */
int c2_spec_opt(struct c2_ind_spec *spec, unsigned int allowed,
		int argc, char *const argv[], char *err, size_t errlen)
{
	const char *kw = argv[0];
	unsigned int bit;
	int r;

	if ((allowed & C2_SPEC_REPLACE) && !strcmp(kw, "replace")) {
		spec->set |= C2_SPEC_REPLACE;
		return 1;
	}
	if ((allowed & C2_SPEC_FORCE) && !strcmp(kw, "force")) {
		spec->set |= C2_SPEC_FORCE;
		return 1;
	}
	if (!strcmp(kw, "action"))
		bit = C2_SPEC_ACTION;
	else if (!strcmp(kw, "tag"))
		bit = C2_SPEC_TAG;
	else if (!strcmp(kw, "timeout"))
		bit = C2_SPEC_TIMEOUT;
	else
		return 0;
	if (!(allowed & bit))
		return 0;
	if (spec->set & bit) {
		snprintf(err, errlen, "%s given twice", kw);
		return -1;
	}
	if (argc < 2) {
		snprintf(err, errlen, "%s needs a value", kw);
		return -1;
	}

	switch (bit) {
	case C2_SPEC_ACTION:
		r = c2_action_parse(argv[1]);
		if (r < 0) {
			snprintf(err, errlen,
				 "unknown action \"%.32s\" (alert, drop, reject, mark, quarantine or allow)",
				 argv[1]);
			return -1;
		}
		spec->action = (__u8)r;
		break;
	case C2_SPEC_TAG:
		if (strlen(argv[1]) >= C2GUARD_TAG_MAX) {
			snprintf(err, errlen, "tag longer than %d bytes",
				 C2GUARD_TAG_MAX - 1);
			return -1;
		}
		strcpy(spec->tag, argv[1]);
		break;
	default:
		r = c2_parse_u32(argv[1], 0, C2GUARD_TIMEOUT_MAX,
				 &spec->timeout);
		if (r == -ERANGE) {
			snprintf(err, errlen,
				 "timeout %.32s out of range (0..%u seconds)",
				 argv[1], C2GUARD_TIMEOUT_MAX);
			return -1;
		}
		if (r) {
			snprintf(err, errlen, "invalid timeout \"%.32s\"",
				 argv[1]);
			return -1;
		}
		break;
	}
	spec->set |= bit;
	return 2;
}

static bool spec_keyword(const char *s)
{
	return !strcmp(s, "action") || !strcmp(s, "tag") ||
	       !strcmp(s, "timeout") || !strcmp(s, "replace") ||
	       !strcmp(s, "force");
}

/*
 * "answer ADDR": an exact address, no port.  0 or -1 with a message.
 */
static int spec_answer(struct c2_ind_spec *spec, const char *text, char *err,
		       size_t errlen)
{
	if (c2_spec_set_entry(spec, text, err, errlen))
		return -1;
	if (!(spec->set & C2_SPEC_ADDR) || (spec->set & C2_SPEC_PORT) ||
	    spec->pfx.len != c2g_family_bits(spec->pfx.family)) {
		snprintf(err, errlen,
			 "answer %.64s: an answer indicator is an exact IPv4 or IPv6 address (a sinkhole's)",
			 text);
		return -1;
	}
	spec->set |= C2_SPEC_ANSWER;
	return 0;
}

/*
 * argv[0] is the entry (c2_spec_set_entry()), the rest options; 0 or -1.
 * A port-qualified entry only when @allowed has C2_SPEC_PORT, "answer ADDR"
 * (two words) only when it has C2_SPEC_ANSWER, "ja4 FP" (two words) or a
 * bare JA4 only when it has C2_SPEC_JA4, "url URL" (two words) or a bare
 * URL only when it has C2_SPEC_URL.
 */
int c2_spec_parse_words(struct c2_ind_spec *spec, unsigned int allowed,
			int argc, char *const argv[], char *err, size_t errlen)
{
	int i = 1, r;

	if (argc < 1 || spec_keyword(argv[0])) {
		snprintf(err, errlen, "missing address or domain name");
		return -1;
	}
	if ((allowed & C2_SPEC_ANSWER) && !strcmp(argv[0], "answer") &&
	    argc >= 2 && !spec_keyword(argv[1])) {
		if (spec_answer(spec, argv[1], err, errlen))
			return -1;
		i = 2;
	} else if ((allowed & C2_SPEC_JA4) && !strcmp(argv[0], "ja4") &&
		   argc >= 2 && !spec_keyword(argv[1])) {
		entry_clear(spec);
		if (entry_ja4(spec, argv[1], err, errlen))
			return -1;
		i = 2;
	} else if ((allowed & C2_SPEC_URL) && !strcmp(argv[0], "url") &&
		   argc >= 2 && !spec_keyword(argv[1])) {
		entry_clear(spec);
		if (entry_url(spec, argv[1], err, errlen))
			return -1;
		i = 2;
	} else if (c2_spec_set_entry(spec, argv[0], err, errlen)) {
		return -1;
	}
	if ((spec->set & C2_SPEC_PORT) && !(allowed & C2_SPEC_PORT)) {
		snprintf(err, errlen,
			 "%.64s: port-qualified entries are not accepted here",
			 argv[0]);
		return -1;
	}
	if ((spec->set & C2_SPEC_JA4) && !(allowed & C2_SPEC_JA4)) {
		snprintf(err, errlen,
			 "%.64s: JA4 fingerprints are not accepted here",
			 argv[0]);
		return -1;
	}
	if ((spec->set & C2_SPEC_URL) && !(allowed & C2_SPEC_URL)) {
		snprintf(err, errlen,
			 "%.64s: URL indicators are not accepted here",
			 argv[0]);
		return -1;
	}
	for (; i < argc; i += r) {
		r = c2_spec_opt(spec, allowed, argc - i, argv + i, err, errlen);
		if (r < 0)
			return -1;
		if (!r) {
			snprintf(err, errlen, "unexpected \"%.32s\"", argv[i]);
			return -1;
		}
	}
	return 0;
}

static bool feed_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	       c == '\v' || c == '\f';
}

/*
 * Parse one feed line, line[0..len) (the line is modified: words are
 * NUL-terminated in place, so line[len] must be writable or len must stop
 * before a separator).  '#' starts a comment, blank lines are ignored, CR
 * and other whitespace separate words.  *out starts as a copy of
 * *defaults; what the line gives overrides it.
 *
 * Returns 1 with *out filled, 0 for a blank or comment line, -1 with a
 * message in err.
 */
int c2_feed_parse_line(char *line, size_t len,
		       const struct c2_ind_spec *defaults,
		       struct c2_ind_spec *out, char *err, size_t errlen)
{
	char *words[C2_FEED_MAX_WORDS];
	unsigned int given;
	int nw = 0;
	size_t i = 0;

	if (memchr(line, '\0', len)) {
		snprintf(err, errlen, "NUL byte in line");
		return -1;
	}

	while (i < len) {
		while (i < len && feed_space(line[i]))
			i++;
		if (i == len || line[i] == '#')
			break;
		if (nw == C2_FEED_MAX_WORDS) {
			snprintf(err, errlen, "too many words");
			return -1;
		}
		words[nw++] = line + i;
		while (i < len && !feed_space(line[i]) && line[i] != '#')
			i++;
		if (i < len && line[i] == '#') {
			line[i] = '\0';
			break;
		}
		if (i < len)
			line[i++] = '\0';
		else
			line[i] = '\0';
	}
	if (!nw)
		return 0;

	/* Parse the line's own options on a clean spec, then merge. */
	c2_spec_init(out);
	if (c2_spec_parse_words(out, C2_SPEC_OPTS | C2_SPEC_REPLACE |
				C2_SPEC_PORT | C2_SPEC_ANSWER | C2_SPEC_JA4 |
				C2_SPEC_URL | C2_SPEC_FORCE, nw, words, err,
				errlen))
		return -1;
	given = out->set;
	if (!(given & C2_SPEC_ACTION))
		out->action = defaults->action;
	if (!(given & C2_SPEC_TAG))
		memcpy(out->tag, defaults->tag, sizeof(out->tag));
	if (!(given & C2_SPEC_TIMEOUT))
		out->timeout = defaults->timeout;
	out->set = given | (defaults->set & (C2_SPEC_OPTS | C2_SPEC_FORCE));
	return 1;
}

/* Does @s look like a port ("443", "53/udp") rather than an entry? */
bool c2_port_like(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n && (!s[n] || (s[n] == '/' && !strchr(s + n + 1, '.') &&
			       !strchr(s + n + 1, ':') &&
			       !isdigit((unsigned char)s[n + 1])));
}

/*
 * "PORT", "PORT/tcp" or "PORT/udp", PORT decimal 1..65535, into
 * (protocol << 16) | port.  Returns 0 or -1 with a message in err.
 */
int c2_port_parse(const char *s, __u32 *out, char *err, size_t errlen)
{
	const char *slash = strchr(s, '/');
	char num[8];
	__u32 proto = 0, port;
	size_t n = slash ? (size_t)(slash - s) : strlen(s);

	if (!n || n >= sizeof(num) || strspn(s, "0123456789") != n) {
		snprintf(err, errlen,
			 "invalid port \"%.32s\" (PORT, PORT/tcp or PORT/udp)", s);
		return -1;
	}
	memcpy(num, s, n);
	num[n] = '\0';
	if (c2_parse_u32(num, 1, 65535, &port)) {
		snprintf(err, errlen, "port %.32s out of range (1..65535)", num);
		return -1;
	}
	if (slash) {
		if (!strcmp(slash + 1, "tcp")) {
			proto = 6;
		} else if (!strcmp(slash + 1, "udp")) {
			proto = 17;
		} else {
			snprintf(err, errlen,
				 "invalid protocol \"%.32s\" (tcp or udp)",
				 slash + 1);
			return -1;
		}
	}
	*out = proto << 16 | port;
	return 0;
}

/*
 * "443/tcp", "53/udp", "8080" (any protocol), or "PORT/NUMBER" for a
 * protocol c2ctl does not name.  Returns the length or -1.
 */
int c2_port_format(__u32 v, char *buf, size_t len)
{
	unsigned int proto = v >> 16, port = v & 0xffff;
	int r;

	if (!proto)
		r = snprintf(buf, len, "%u", port);
	else if (proto == 6 || proto == 17)
		r = snprintf(buf, len, "%u/%s", port, proto == 6 ? "tcp" : "udp");
	else
		r = snprintf(buf, len, "%u/%u", port, proto);
	return r < 0 || (size_t)r >= len ? -1 : r;
}
