// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a feed, see formats.h: which format a buffer is in
 * (c2_fmt_detect()) and the reader it goes to (fmt_text.c, fmt_json.c),
 * with the context they share (fmt_int.h).
 */
#include <string.h>
#include <strings.h>

#include "fmt_int.h"

/* ---- detection ---- */

static bool word_is_addr(const char *s, size_t n, bool exact)
{
	struct c2g_prefix p;

	return c2g_prefix_parse(s, n, &p) == C2G_ADDR_OK &&
	       (!exact || !memchr(s, '/', n));
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return n;
}

/* Does the first word, w[0..n), look like a Maltrail trail (not plain)? */
static bool maltrail_word(const char *w, size_t n)
{
	const char *sl = memchr(w, '/', n), *co = memchr(w, ':', n);
	size_t k;

	if (n > 3 && memmem(w, n, "://", 3))
		return true;
	/* c2ctl's own IP:PORT/tcp and IP:PORT/udp */
	if (sl && co && co < sl && (size_t)(w + n - sl) == 4 &&
	    (!memcmp(sl, "/tcp", 4) || !memcmp(sl, "/udp", 4)))
		return false;
	if (sl)
		return !all_digits(sl + 1, n - (size_t)(sl - w) - 1);
	if (co && !memchr(co + 1, ':', n - (size_t)(co - w) - 1)) {
		k = (size_t)(co - w);
		return word_is_addr(w, k, true) && all_digits(co + 1, n - k - 1);
	}
	return false;
}

/* Does s[0..n), what follows the first word, start with a c2ctl option? */
static bool plain_option(const char *s, size_t n)
{
	static const char *const kw[] = { "action", "tag", "timeout",
					  "replace" };
	unsigned int i;
	size_t k;

	while (n && fmt_blank(*s)) {
		s++;
		n--;
	}
	for (i = 0; i < ARRAY_SIZE(kw); i++) {
		k = strlen(kw[i]);
		if (n >= k && !memcmp(s, kw[i], k) && (n == k || fmt_blank(s[k])))
			return true;
	}
	return false;
}

/* One record line of at most 512 bytes, l[0..n), without the line end. */
static enum c2_fmt detect_record(const char *l, size_t n)
{
	const char *c1, *c2;
	size_t w;

	for (w = 0; w < n && !fmt_blank(l[w]); w++)
		;
	if (w < n && ((w == 7 && !memcmp(l, "0.0.0.0", 7)) ||
		      (w == 9 && !memcmp(l, "127.0.0.1", 9))))
		return C2_FMT_HOSTS;
	c1 = memchr(l, ',', n);
	c2 = c1 ? memchr(c1 + 1, ',', n - (size_t)(c1 + 1 - l)) : NULL;
	if (c2 && word_is_addr(l, (size_t)(c1 - l), false) &&
	    all_digits(c1 + 1, (size_t)(c2 - c1 - 1)) &&
	    all_digits(c2 + 1, n - (size_t)(c2 + 1 - l)))
		return C2_FMT_IPREP;
	return C2_FMT_AUTO;
}

enum c2_fmt c2_fmt_detect(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *e, *semi;
	enum c2_fmt first = C2_FMT_AUTO, r;
	bool maltrail = false, plain_kw = false;
	unsigned int lines = 0;
	size_t n, w;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end && fmt_blank(*p))
		p++;
	if (p < end && (*p == '{' || *p == '[')) {
		r = fmt_json_detect(p, (size_t)(end - p));
		if (r != C2_FMT_AUTO)
			return r;
	}
	for (; p < end && lines < 64; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		n = (size_t)(e - p);
		while (n && fmt_blank(p[n - 1]))
			n--;
		while (n && fmt_blank(*p)) {
			p++;
			n--;
		}
		if (!n)
			continue;
		if (n > 512)
			n = 512;
		lines++;
		if (n >= 7 && !memcmp(p, "#fields", 7))
			return C2_FMT_ZEEK;
		if (memmem(p, n, "dst_ip", 6) || memmem(p, n, "ioc_value", 9))
			return C2_FMT_CSV;
		if ((n >= 10 && !memcmp(p, "; Spamhaus", 10)))
			return C2_FMT_DROP;
		semi = memchr(p, ';', n);
		if (semi && semi > p) {
			for (w = 0; p[w] != ';' && !fmt_blank(p[w]); w++)
				;
			if (w <= (size_t)(semi - p) && word_is_addr(p, w, false) &&
			    memmem(semi, n - (size_t)(semi - p), "SBL", 3))
				return C2_FMT_DROP;
		}
		if (*p == '#' || *p == ';')
			continue;
		if (first == C2_FMT_AUTO) {
			first = detect_record(p, n);
			if (first == C2_FMT_AUTO)
				first = C2_FMT_PLAIN;
		}
		for (w = 0; w < n && !fmt_blank(p[w]) && p[w] != '#'; w++)
			;
		maltrail |= maltrail_word(p, w);
		plain_kw |= plain_option(p + w, n - w);
	}
	if (first == C2_FMT_HOSTS || first == C2_FMT_IPREP)
		return first;
	return maltrail && !plain_kw ? C2_FMT_MALTRAIL : C2_FMT_PLAIN;
}

/* ---- reading ---- */

int c2_fmt_read(const char *buf, size_t len, enum c2_fmt fmt,
		const struct c2_fmt_opts *opts,
		const struct c2_ind_spec *defaults,
		const struct c2_fmt_sink *sink, struct c2_fmt_stats *st)
{
	static const struct c2_fmt_opts no_opts;
	struct fmt_ctx c = {
		.opts = opts ? opts : &no_opts,
		.defaults = defaults,
		.sink = sink,
		.st = st,
		.csv_col = -1,
		.csv_type_col = -1,
		.zeek_ind = -1,
		.zeek_type = -1,
	};

	memset(st, 0, sizeof(*st));
	/* Before the BOM goes: detection skips one BOM, no more. */
	if (fmt == C2_FMT_AUTO)
		fmt = c2_fmt_detect(buf, len);
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
		buf += 3;
		len -= 3;
	}
	st->fmt = fmt;
	switch (fmt) {
	case C2_FMT_STIX:
	case C2_FMT_MISP:
		return fmt_json_read(&c, buf, len, fmt);
	case C2_FMT_PLAIN:
	case C2_FMT_HOSTS:
	case C2_FMT_CSV:
	case C2_FMT_ZEEK:
	case C2_FMT_MALTRAIL:
	case C2_FMT_IPREP:
	case C2_FMT_DROP:
		return fmt_text_read(&c, buf, len, fmt);
	default:
		fmt_error(&c, 0, NULL, 0, "unknown format");
		return -1;
	}
}
