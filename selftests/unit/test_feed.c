// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of ctl/feed.c: numbers, actions, indicator specifications and
 * feed lines.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "http.h"
#include "ktap.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	KTAP_ARRAY_SIZE(a)
#endif

static void parse_numbers(void)
{
	static const struct {
		const char *s;
		int err;
		unsigned long long v;
	} u64s[] = {
		{ "0", 0, 0 },
		{ "42", 0, 42 },
		{ "08", 0, 8 },
		{ "0x10", 0, 16 },
		{ "0X1f", 0, 31 },
		{ "0xFFffFFff", 0, 0xffffffffULL },
		{ "18446744073709551615", 0, ~0ULL },
		{ "0xffffffffffffffff", 0, ~0ULL },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "0x10000000000000000", -ERANGE, 0 },
		{ "99999999999999999999999", -ERANGE, 0 },
		{ "", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },
		{ "+1", -EINVAL, 0 },
		{ " 1", -EINVAL, 0 },
		{ "1 ", -EINVAL, 0 },
		{ "0x", -EINVAL, 0 },
		{ "0x-1", -EINVAL, 0 },
		{ "0x+1", -EINVAL, 0 },
		{ "0x 1", -EINVAL, 0 },
		{ "0xg", -EINVAL, 0 },
		{ "1e3", -EINVAL, 0 },
		{ "1.5", -EINVAL, 0 },
		{ "0b101", -EINVAL, 0 },
		{ "x10", -EINVAL, 0 },
		{ "12abc", -EINVAL, 0 },
	};
	unsigned long long v;
	__u32 v32;
	size_t i;
	int r;

	for (i = 0; i < ARRAY_SIZE(u64s); i++) {
		v = 12345;
		r = c2_parse_u64(u64s[i].s, 0, ~0ULL, &v);
		CHECK(r == u64s[i].err && (r || v == u64s[i].v),
		      "\"%s\": r=%d v=%llu", u64s[i].s, r, v);
		if (r)
			CHECK(v == 12345, "\"%s\": output written on error", u64s[i].s);
	}
	CHECK(c2_parse_u32("4294967295", 0, 0xffffffffU, &v32) == 0 &&
	      v32 == 0xffffffffU, "u32 max");
	CHECK(c2_parse_u32("4294967296", 0, 0xffffffffU, &v32) == -ERANGE,
	      "u32 max + 1");
	CHECK(c2_parse_u32("0x100000000", 0, 0xffffffffU, &v32) == -ERANGE,
	      "u32 hex max + 1");
	CHECK(c2_parse_u32("0", 1, 10, &v32) == -ERANGE, "below min");
	CHECK(c2_parse_u32("11", 1, 10, &v32) == -ERANGE, "above max");
	CHECK(c2_parse_u32("10", 1, 10, &v32) == 0 && v32 == 10, "at max");
	CHECK(c2_parse_u32("1", 1, 10, &v32) == 0 && v32 == 1, "at min");
}

static void actions(void)
{
	static const char *const names[] = { NULL, "alert", "drop", "reject",
					     "mark", "allow", "quarantine" };
	unsigned int i;

	for (i = 1; i < ARRAY_SIZE(names); i++) {
		CHECK(c2_action_parse(names[i]) == (int)i, "%s", names[i]);
		CHECK(c2_action_name(i) && !strcmp(c2_action_name(i), names[i]),
		      "name %u", i);
	}
	CHECK(C2GUARD_ACT_ALERT == 1 && C2GUARD_ACT_MARK == 4 &&
	      C2GUARD_ACT_ALLOW == 5 && C2GUARD_ACT_QUARANTINE == 6,
	      "uapi values");
	CHECK(c2_action_name(C2GUARD_ACT_NONE) == NULL, "none has no name");
	CHECK(c2_action_name(7) == NULL && c2_action_name(~0u) == NULL, "range");
	CHECK(c2_action_parse("DROP") < 0, "case sensitive");
	CHECK(c2_action_parse("") < 0, "empty");
	CHECK(c2_action_parse("none") < 0, "none");
	CHECK(c2_action_parse("drop ") < 0, "trailing space");
}

/* Run the feed parser on a heap copy sized exactly len + 1. */
static int line(const char *text, const struct c2_ind_spec *defaults,
		struct c2_ind_spec *out, char *err, size_t errlen)
{
	size_t n = strlen(text);
	char *buf = malloc(n + 1);
	int r;

	memcpy(buf, text, n + 1);
	err[0] = '\0';
	r = c2_feed_parse_line(buf, n, defaults, out, err, errlen);
	free(buf);
	return r;
}

static void feed_blank_and_comments(void)
{
	static const char *const blank[] = {
		"", "\n", "\r\n", "   ", "\t \t\r\n", "# comment",
		"   # indented comment\n", "#", "#1.2.3.4", "\f\v",
	};
	struct c2_ind_spec d, out;
	char err[C2_ERR_MAX];
	size_t i;
	int r;

	c2_spec_init(&d);
	for (i = 0; i < ARRAY_SIZE(blank); i++) {
		r = line(blank[i], &d, &out, err, sizeof(err));
		CHECK(r == 0, "blank %zu: r=%d %s", i, r, err);
	}
}

static void feed_good_lines(void)
{
	static const struct {
		const char *text;
		const char *entry;	/* as c2_spec_format() writes it */
		unsigned int action;
		const char *tag;
		unsigned int timeout;
	} cases[] = {
		{ "1.2.3.4", "1.2.3.4/32", C2GUARD_ACT_ALERT, "", 0 },
		{ "1.2.3.4\n", "1.2.3.4/32", C2GUARD_ACT_ALERT, "", 0 },
		{ "1.2.3.4\r\n", "1.2.3.4/32", C2GUARD_ACT_ALERT, "", 0 },
		{ "  10.0.0.0/8   action drop tag feed1 timeout 60  ", "10.0.0.0/8",
		  C2GUARD_ACT_DROP, "feed1", 60 },
		{ "2001:db8::/32\ttimeout 0x10\taction reject\r\n", "2001:db8::/32",
		  C2GUARD_ACT_REJECT, "", 16 },
		{ "1.2.3.4 # trailing comment", "1.2.3.4/32", C2GUARD_ACT_ALERT,
		  "", 0 },
		{ "1.2.3.4#no space", "1.2.3.4/32", C2GUARD_ACT_ALERT, "", 0 },
		{ "1.2.3.4 tag a#b", "1.2.3.4/32", C2GUARD_ACT_ALERT, "a", 0 },
		{ "::ffff:1.2.3.4 action mark", "::ffff:1.2.3.4/128",
		  C2GUARD_ACT_MARK, "", 0 },
		{ "1.2.3.4 timeout 31536000", "1.2.3.4/32", C2GUARD_ACT_ALERT, "",
		  31536000 },
		{ "1.2.3.4 tag 0123456789012345678901234567890", "1.2.3.4/32",
		  C2GUARD_ACT_ALERT, "0123456789012345678901234567890", 0 },
		{ "1.2.3.4 tag \xc3\xa9t\xc3\xa9", "1.2.3.4/32", C2GUARD_ACT_ALERT,
		  "\xc3\xa9t\xc3\xa9", 0 },
		{ "1.2.3.4 replace", "1.2.3.4/32", C2GUARD_ACT_ALERT, "", 0 },
		{ "::/0 action alert tag all timeout 1 replace", "::/0",
		  C2GUARD_ACT_ALERT, "all", 1 },
		{ "203.0.113.0/24 action allow", "203.0.113.0/24",
		  C2GUARD_ACT_ALLOW, "", 0 },
		/* names: case folded, one trailing dot dropped */
		{ "evil.example", "evil.example", C2GUARD_ACT_ALERT, "", 0 },
		{ "Evil.EXAMPLE. action drop tag n", "evil.example",
		  C2GUARD_ACT_DROP, "n", 0 },
		{ "*.evil.example action reject\r\n", "*.evil.example",
		  C2GUARD_ACT_REJECT, "", 0 },
		{ "*.Example. action allow # comment", "*.example",
		  C2GUARD_ACT_ALLOW, "", 0 },
		{ "*.com", "*.com", C2GUARD_ACT_ALERT, "", 0 },
		{ "localhost timeout 5", "localhost", C2GUARD_ACT_ALERT, "", 5 },
		{ "xn--bcher-kva.example", "xn--bcher-kva.example",
		  C2GUARD_ACT_ALERT, "", 0 },
		{ "_dmarc.mail-1.example", "_dmarc.mail-1.example",
		  C2GUARD_ACT_ALERT, "", 0 },
		/* digits are fine in names, only not as the whole last label */
		{ "1password.com", "1password.com", C2GUARD_ACT_ALERT, "", 0 },
		{ "10.evil", "10.evil", C2GUARD_ACT_ALERT, "", 0 },
		{ "1.2.3.4.example", "1.2.3.4.example", C2GUARD_ACT_ALERT, "", 0 },
		{ "a-.b", "a-.b", C2GUARD_ACT_ALERT, "", 0 },
	};
	char err[C2_ERR_MAX], entry[C2_IND_FMT_MAX];
	struct c2_ind_spec d, out;
	size_t i;
	int r;

	c2_spec_init(&d);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = line(cases[i].text, &d, &out, err, sizeof(err));
		CHECK(r == 1, "\"%s\": r=%d %s", cases[i].text, r, err);
		if (r != 1)
			continue;
		CHECK(c2_spec_format(&out, entry, sizeof(entry)) > 0 &&
		      !strcmp(entry, cases[i].entry) &&
		      out.action == cases[i].action &&
		      !strcmp(out.tag, cases[i].tag) &&
		      out.timeout == cases[i].timeout,
		      "\"%s\": %s action %u tag \"%s\" timeout %u", cases[i].text,
		      entry, out.action, out.tag, out.timeout);
		CHECK(!(out.set & C2_SPEC_ADDR) != !(out.set & C2_SPEC_NAME),
		      "\"%s\": set 0x%x", cases[i].text, out.set);
	}
}

static void feed_defaults_override(void)
{
	struct c2_ind_spec d, out;
	char err[C2_ERR_MAX];
	int r;

	c2_spec_init(&d);
	d.action = C2GUARD_ACT_DROP;
	strcpy(d.tag, "filetag");
	d.timeout = 300;
	d.set = C2_SPEC_ACTION | C2_SPEC_TAG | C2_SPEC_TIMEOUT;

	r = line("1.2.3.4", &d, &out, err, sizeof(err));
	CHECK(r == 1 && out.action == C2GUARD_ACT_DROP &&
	      !strcmp(out.tag, "filetag") && out.timeout == 300,
	      "defaults: r=%d %u %s %u", r, out.action, out.tag, out.timeout);

	r = line("1.2.3.4 tag linetag", &d, &out, err, sizeof(err));
	CHECK(r == 1 && out.action == C2GUARD_ACT_DROP &&
	      !strcmp(out.tag, "linetag") && out.timeout == 300,
	      "tag override: r=%d %u %s %u", r, out.action, out.tag, out.timeout);

	r = line("1.2.3.4 action alert timeout 0", &d, &out, err, sizeof(err));
	CHECK(r == 1 && out.action == C2GUARD_ACT_ALERT &&
	      !strcmp(out.tag, "filetag") && out.timeout == 0,
	      "action/timeout override: r=%d %u %s %u", r, out.action, out.tag,
	      out.timeout);

	/* A line's own option given twice is an error, not an override. */
	r = line("1.2.3.4 tag a tag b", &d, &out, err, sizeof(err));
	CHECK(r == -1 && strstr(err, "twice"), "twice: r=%d %s", r, err);

	/* The defaults are not modified by a line. */
	CHECK(d.action == C2GUARD_ACT_DROP && !strcmp(d.tag, "filetag") &&
	      d.timeout == 300, "defaults changed");
}

static void feed_bad_lines(void)
{
	static const struct {
		const char *text;
		const char *msg;	/* substring of the error */
	} cases[] = {
		{ "1.2.3.4 action", "action needs a value" },
		{ "1.2.3.4 action foo", "unknown action \"foo\"" },
		{ "1.2.3.4 action DROP", "unknown action" },
		{ "1.2.3.4 tag", "tag needs a value" },
		{ "1.2.3.4 tag 01234567890123456789012345678901", "tag longer than 31" },
		{ "1.2.3.4 timeout", "timeout needs a value" },
		{ "1.2.3.4 timeout -1", "invalid timeout" },
		{ "1.2.3.4 timeout 1s", "invalid timeout" },
		{ "1.2.3.4 timeout 31536001", "out of range" },
		{ "1.2.3.4 timeout 99999999999999999999", "out of range" },
		{ "1.2.3.4 bogus", "unexpected \"bogus\"" },
		{ "1.2.3.4 1.2.3.5", "unexpected" },
		{ "1.2.3.4 action drop action alert", "action given twice" },
		{ "10.0.0.1/8", "did you mean 10.0.0.0/8?" },
		{ "2001:db8::1/32", "did you mean 2001:db8::/32?" },
		{ "1.2.3.4/33", "prefix length out of range" },
		{ "1.2.3", "invalid IPv4 address" },
		{ "1::2::3", "invalid IPv6 address" },
		{ "action drop", "missing address or domain name" },
		{ "tag x", "missing address or domain name" },
		{ "replace", "missing address or domain name" },
		/* names */
		{ "a..b", "a..b: invalid domain name (empty label)" },
		{ ".evil", "empty label" },
		{ "evil..", "empty label" },
		{ "*.", "empty name" },
		{ ".", "empty name" },
		{ "*", "'*' other than a leading \"*.\"" },
		{ "*evil.example", "'*' other than" },
		{ "a.*.b", "'*' other than" },
		{ "*.*.b", "'*' other than" },
		{ "ev!l.example/24", "ev!l.example/24: invalid host name (character" },
		{ "ev!l.example", "character other than" },
		{ "b\xc3\xbc" "cher.example", "character other than" },
		{ "0123456789012345678901234567890123456789012345678901234567890123.x",
		  "label longer than 63 bytes" },
		/* all-digit last label: meant as an address */
		{ "1.2.3", "1.2.3: invalid IPv4 address" },
		{ "256.1.1.1", "invalid IPv4 address" },
		{ "1.2.3.4.", "invalid IPv4 address" },
		{ "1.2.3.4.5", "invalid IPv4 address" },
		{ "evil.example:80", "invalid IPv6 address" },
		{ "*.1.2.3", "*.1.2.3: invalid domain name (last label all digits" },
		{ "evil.123", "evil.123: invalid IPv4 address" },
		{ "1.2.3.4/", "invalid prefix length" },
		{ "1.2.3.4,", "trailing characters" },
		{ "1.2.3.4 a b c d e f g h i j", "too many words" },
		{ "1.2.3.4 tag a tag b tag c tag d tag e", "too many words" },
	};
	struct c2_ind_spec d, out;
	char err[C2_ERR_MAX];
	size_t i;
	int r;

	c2_spec_init(&d);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		r = line(cases[i].text, &d, &out, err, sizeof(err));
		CHECK(r == -1 && strstr(err, cases[i].msg),
		      "\"%s\": r=%d err \"%s\", want \"%s\"", cases[i].text, r, err,
		      cases[i].msg);
	}
}

static void feed_length_bounded(void)
{
	struct c2_ind_spec d, out;
	char err[C2_ERR_MAX];
	char buf[64];
	int r;

	c2_spec_init(&d);
	/* Only len bytes are parsed: the tag is cut where len ends. */
	strcpy(buf, "1.2.3.4 tag abcXYZ");
	r = c2_feed_parse_line(buf, strlen("1.2.3.4 tag abc"), &d, &out, err,
			       sizeof(err));
	CHECK(r == 1 && !strcmp(out.tag, "abc"), "r=%d tag %s", r, out.tag);

	strcpy(buf, "1.2.3.45");
	r = c2_feed_parse_line(buf, 7, &d, &out, err, sizeof(err));
	CHECK(r == 1 && out.pfx.addr[3] == 4, "r=%d", r);

	/* A NUL byte inside the line is an error, not an early end. */
	memcpy(buf, "1.2.3.4\0tag x", 14);
	r = c2_feed_parse_line(buf, 13, &d, &out, err, sizeof(err));
	CHECK(r == -1 && strstr(err, "NUL"), "NUL: r=%d %s", r, err);

	/* A tiny error buffer truncates, never overflows. */
	strcpy(buf, "1.2.3.4 action nonsense");
	r = c2_feed_parse_line(buf, strlen(buf), &d, &out, err, 8);
	CHECK(r == -1 && strlen(err) == 7, "short err \"%s\"", err);
}

static void spec_words(void)
{
	char *add[] = { "1.2.3.4", "replace", "action", "drop", "tag", "x",
			"timeout", "5" };
	char *del_extra[] = { "1.2.3.4", "tag", "x" };
	char *none[] = { NULL };
	struct c2_ind_spec s;
	char err[C2_ERR_MAX];
	int r;

	c2_spec_init(&s);
	CHECK(s.action == C2GUARD_ACT_ALERT && !s.tag[0] && !s.timeout && !s.set,
	      "init defaults");
	r = c2_spec_parse_words(&s, C2_SPEC_OPTS | C2_SPEC_REPLACE,
				ARRAY_SIZE(add), add, err, sizeof(err));
	CHECK(r == 0 && (s.set & C2_SPEC_REPLACE) && s.action == C2GUARD_ACT_DROP &&
	      !strcmp(s.tag, "x") && s.timeout == 5, "add: r=%d %s", r, err);

	c2_spec_init(&s);
	r = c2_spec_parse_words(&s, C2_SPEC_OPTS, 2, add, err, sizeof(err));
	CHECK(r == -1 && strstr(err, "unexpected \"replace\""),
	      "replace not allowed: %s", err);

	c2_spec_init(&s);
	r = c2_spec_parse_words(&s, 0, ARRAY_SIZE(del_extra), del_extra, err,
				sizeof(err));
	CHECK(r == -1 && strstr(err, "unexpected \"tag\""), "del: %s", err);

	c2_spec_init(&s);
	r = c2_spec_parse_words(&s, 0, 0, none, err, sizeof(err));
	CHECK(r == -1 && strstr(err, "missing address or domain name"),
	      "none: %s", err);
}

/* Names at their length limits, and an entry set twice. */
static void spec_names(void)
{
	char name[C2G_NAME_MAX + 1], word[C2G_NAME_MAX + 8];
	char err[C2_ERR_MAX], entry[C2_IND_FMT_MAX];
	char *w[] = { word };
	struct c2_ind_spec s;
	size_t i;
	int r;

	/* 63-byte labels joined by dots: 4 * 63 + 3 = 255, cut to 253 */
	for (i = 0; i < C2G_NAME_MAX; i++)
		name[i] = (i + 1) % 64 ? 'a' + (char)(i % 26) : '.';
	name[C2G_NAME_MAX] = '\0';
	c2_spec_init(&s);
	snprintf(word, sizeof(word), "*.%s.", name);
	r = c2_spec_parse_words(&s, 0, 1, w, err, sizeof(err));
	CHECK(r == 0 && s.suffix && s.name.len == C2G_NAME_MAX &&
	      (s.set & (C2_SPEC_NAME | C2_SPEC_ADDR)) == C2_SPEC_NAME,
	      "253 bytes: r=%d %s", r, err);
	CHECK(c2_spec_format(&s, entry, sizeof(entry)) == C2G_NAME_MAX + 2 &&
	      !strncmp(entry, "*.", 2) && !strcmp(entry + 2, name),
	      "format of the longest suffix");
	CHECK(c2_spec_format(&s, entry, C2G_NAME_MAX + 2) == -1,
	      "format into a short buffer");
	snprintf(word, sizeof(word), "%sx", name);
	r = c2_spec_parse_words(&s, 0, 1, w, err, sizeof(err));
	CHECK(r == -1 && strstr(err, "name longer than 253 bytes") &&
	      strstr(err, "...:"), "254 bytes: %s", err);

	/* An address after a name (and back) leaves one kind set. */
	c2_spec_init(&s);
	CHECK(!c2_spec_set_entry(&s, "evil.example", err, sizeof(err)) &&
	      !c2_spec_set_entry(&s, "10.0.0.0/8", err, sizeof(err)) &&
	      (s.set & (C2_SPEC_NAME | C2_SPEC_ADDR)) == C2_SPEC_ADDR,
	      "name then address: 0x%x", s.set);
	CHECK(!c2_spec_set_entry(&s, "*.evil.example", err, sizeof(err)) &&
	      (s.set & (C2_SPEC_NAME | C2_SPEC_ADDR)) == C2_SPEC_NAME &&
	      s.suffix && s.pfx.family == 0, "address then name: 0x%x", s.set);
	CHECK(!c2_spec_set_entry(&s, "evil.example", err, sizeof(err)) &&
	      !s.suffix, "suffix then exact");
}

/* What c2_spec_format() writes, c2_spec_set_entry() reads back the same. */
static void spec_format_types(void)
{
	static const struct {
		const char *in, *out, *type;
	} cases[] = {
		{ "1.2.3.4", "1.2.3.4/32", "ip" },
		{ "1.2.3.4/32", "1.2.3.4/32", "ip" },
		{ "1.2.3.0/24", "1.2.3.0/24", "cidr" },
		{ "0.0.0.0/0", "0.0.0.0/0", "cidr" },
		{ "2001:DB8::1", "2001:db8::1/128", "ip" },
		{ "2001:db8::/32", "2001:db8::/32", "cidr" },
		{ "Evil.Example.", "evil.example", "name" },
		{ "*.evil.example", "*.evil.example", "suffix" },
		{ "*.x", "*.x", "suffix" },
		{ "198.51.100.7:8443", "198.51.100.7:8443", "ip-port" },
		{ "198.51.100.7:53/udp", "198.51.100.7:53/udp", "ip-port" },
		{ "[2001:DB8::1]:443/tcp", "[2001:db8::1]:443/tcp", "ip-port" },
		{ "[::ffff:1.2.3.4]:1", "[::ffff:1.2.3.4]:1", "ip-port" },
		{ "0.0.0.0:65535", "0.0.0.0:65535", "ip-port" },
	};
	char err[C2_ERR_MAX], a[C2_IND_FMT_MAX], b[C2_IND_FMT_MAX];
	struct c2_ind_spec s, t;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		c2_spec_init(&s);
		c2_spec_init(&t);
		CHECK(!c2_spec_set_entry(&s, cases[i].in, err, sizeof(err)) &&
		      c2_spec_format(&s, a, sizeof(a)) > 0 &&
		      !strcmp(a, cases[i].out) &&
		      !strcmp(c2_spec_type(&s), cases[i].type),
		      "%s: %s %s", cases[i].in, a, c2_spec_type(&s));
		CHECK(!c2_spec_set_entry(&t, a, err, sizeof(err)) &&
		      c2_spec_format(&t, b, sizeof(b)) > 0 && !strcmp(a, b) &&
		      !strcmp(c2_spec_type(&t), cases[i].type),
		      "%s: read back %s", cases[i].in, b);
	}
}

/* IP:PORT in feed lines; refused where the caller does not allow it. */
static void spec_ports(void)
{
	static const char *const bad[] = {
		"198.51.100.0/24:443", "198.51.100.7:0", "198.51.100.7:65536",
		"198.51.100.7:", "198.51.100.7:443/sctp", "198.51.100.7:44a",
		"evil.example:443", "2001:db8::1:443x", "[2001:db8::1]:",
		"[198.51.100.7]:443", "[2001:db8::/32]:443", "[2001:db8::1]443",
		"198.51.100.7:443:1", "1.2.3:80",
	};
	char err[C2_ERR_MAX], buf[64];
	struct c2_ind_spec d, out;
	char *words[1];
	size_t i;
	int r;

	c2_spec_init(&d);
	r = line("198.51.100.7:8443/tcp action drop tag t", &d, &out, err,
		 sizeof(err));
	CHECK(r == 1 && (out.set & C2_SPEC_PORT) && (out.set & C2_SPEC_ADDR) &&
	      out.port == 8443 && out.proto == 6 && out.pfx.len == 32 &&
	      out.action == C2GUARD_ACT_DROP, "r=%d %s", r, err);
	r = line("[2001:db8::1]:53/udp", &d, &out, err, sizeof(err));
	CHECK(r == 1 && out.port == 53 && out.proto == 17 &&
	      out.pfx.family == C2G_AF_INET6 && out.pfx.len == 128,
	      "v6: r=%d %s", r, err);
	r = line("2001:db8::1", &d, &out, err, sizeof(err));
	CHECK(r == 1 && !(out.set & C2_SPEC_PORT) && !out.port,
	      "bare v6 is no port: r=%d %s", r, err);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		r = line(bad[i], &d, &out, err, sizeof(err));
		CHECK(r == -1 && strlen(err), "\"%s\": r=%d", bad[i], r);
	}
	/* add, del and the allowlist: no ports (the module has none yet) */
	snprintf(buf, sizeof(buf), "198.51.100.7:443");
	words[0] = buf;
	c2_spec_init(&out);
	CHECK(c2_spec_parse_words(&out, C2_SPEC_OPTS, 1, words, err,
				  sizeof(err)) == -1 && strstr(err, "port"),
	      "parse_words without C2_SPEC_PORT: %s", err);
	c2_spec_init(&out);
	CHECK(!c2_spec_parse_words(&out, C2_SPEC_PORT, 1, words, err,
				   sizeof(err)) && out.port == 443,
	      "parse_words with C2_SPEC_PORT: %s", err);
	/* a name entry after a port one leaves no port behind */
	CHECK(!c2_spec_set_entry(&out, "x.example", err, sizeof(err)) &&
	      !(out.set & C2_SPEC_PORT) && !out.port && !out.proto, "reset");
}

/* "answer ADDR": an exact address, on lines and words, read back as such. */
static void spec_answers(void)
{
	static const char *const bad[] = {
		"answer 198.51.100.0/24", "answer evil.example",
		"answer 198.51.100.7:53", "answer *.evil.example",
		"answer 256.1.1.1", "answer 2001:db8::/64",
	};
	char err[C2_ERR_MAX], buf[C2_IND_FMT_MAX], w0[16], w1[32];
	struct c2_ind_spec d, out;
	char *words[2] = { w0, w1 };
	size_t i;
	int r;

	c2_spec_init(&d);
	r = line("answer 198.51.100.90 tag sinkhole", &d, &out, err,
		 sizeof(err));
	CHECK(r == 1 && (out.set & C2_SPEC_ANSWER) && (out.set & C2_SPEC_ADDR) &&
	      !(out.set & C2_SPEC_PORT) && out.pfx.len == 32 &&
	      !strcmp(out.tag, "sinkhole") && out.action == C2GUARD_ACT_ALERT,
	      "r=%d %s", r, err);
	CHECK(c2_spec_format(&out, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "answer 198.51.100.90") &&
	      !strcmp(c2_spec_type(&out), "answer"), "format: %s", buf);
	r = line("answer 2001:DB8::5 action drop", &d, &out, err, sizeof(err));
	CHECK(r == 1 && (out.set & C2_SPEC_ANSWER) && out.pfx.len == 128 &&
	      out.action == C2GUARD_ACT_DROP &&
	      c2_spec_format(&out, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "answer 2001:db8::5"), "v6: r=%d %s %s", r, err, buf);
	/* the longest line: every option */
	r = line("answer 198.51.100.90 action mark tag t timeout 5 replace force",
		 &d, &out, err, sizeof(err));
	CHECK(r == 1 && (out.set & C2_SPEC_ANSWER), "all words: r=%d %s", r, err);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		r = line(bad[i], &d, &out, err, sizeof(err));
		CHECK(r == -1 && strlen(err), "\"%s\": r=%d", bad[i], r);
	}
	/* a name "answer" stays a name when nothing follows */
	r = line("answer", &d, &out, err, sizeof(err));
	CHECK(r == 1 && (out.set & C2_SPEC_NAME) && !(out.set & C2_SPEC_ANSWER),
	      "bare answer: r=%d %s", r, err);
	/* only where the caller allows it; the next entry forgets it */
	snprintf(w0, sizeof(w0), "answer");
	snprintf(w1, sizeof(w1), "198.51.100.90");
	c2_spec_init(&out);
	CHECK(c2_spec_parse_words(&out, C2_SPEC_OPTS, 2, words, err,
				  sizeof(err)) == -1,
	      "parse_words without C2_SPEC_ANSWER");
	c2_spec_init(&out);
	CHECK(!c2_spec_parse_words(&out, C2_SPEC_ANSWER, 2, words, err,
				   sizeof(err)) && (out.set & C2_SPEC_ANSWER),
	      "parse_words with C2_SPEC_ANSWER: %s", err);
	CHECK(!c2_spec_set_entry(&out, "198.51.100.90", err, sizeof(err)) &&
	      !(out.set & C2_SPEC_ANSWER), "reset");
}

#define JA4_T	"t13d1516h2_8daaf6152771_e5627efa2ab1"
#define D64	"0123456789012345678901234567890123456789012345678901234567890123"
#define JA4_Q	"q13d0310h3_55b375c5d22e_cd85d2d88918"
/* What the module says of each fault (kmod/hello.c), as c2ctl must */
#define JA4_LEN_MSG \
	"a JA4 is 36 characters: a_b_c, as t13d1516h2_8daaf6152771_e5627efa2ab1"
#define JA4_PROTO_MSG \
	"a JA4 starts with t (TLS over TCP), q (QUIC) or d (DTLS)"
#define JA4_A_MSG	"a JA4's first section is malformed"
#define JA4_COUNTS_MSG \
	"a JA4's cipher and extension counts are two digits each"
#define JA4_SEP_MSG	"a JA4's three sections are separated by '_'"
#define JA4_HEX_MSG \
	"a JA4's second and third sections are 12 lowercase hex digits each"

/*
 * JA4 fingerprints: "ja4 FP" and a bare FP, on lines and words; the
 * hashes brought to lower case, section a as given; read back as written.
 */
static void spec_ja4(void)
{
	static const struct {
		const char *line;
		const char *ja4;	/* as held */
		unsigned int action;
	} good[] = {
		{ "ja4 " JA4_T " action drop tag t", JA4_T, C2GUARD_ACT_DROP },
		{ JA4_T, JA4_T, C2GUARD_ACT_ALERT },
		{ "  " JA4_Q " action reject # a QUIC client\r\n", JA4_Q,
		  C2GUARD_ACT_REJECT },
		/* the hashes in either case; section a as given */
		{ "ja4 t13d1516h2_8DAAF6152771_E5627EFA2AB1", JA4_T,
		  C2GUARD_ACT_ALERT },
		{ "t13d1516h2_8dAAf6152771_e5627EFa2ab1", JA4_T,
		  C2GUARD_ACT_ALERT },
		{ "q13d0310H3_55B375C5D22E_cd85d2d88918",
		  "q13d0310H3_55b375c5d22e_cd85d2d88918", C2GUARD_ACT_ALERT },
		{ "ja4 d12i000000_000000000000_000000000000 action allow",
		  "d12i000000_000000000000_000000000000", C2GUARD_ACT_ALLOW },
		/* the longest line: every option */
		{ "ja4 " JA4_T " action mark tag t timeout 5 replace force", JA4_T,
		  C2GUARD_ACT_MARK },
	};
	/* one fault each, the module's word for it, the text quoted */
	static const struct {
		const char *line, *err;
	} bad[] = {
		{ "ja4 t13d1516h2_8daaf6152771_e5627efa2ab",
		  "\"t13d1516h2_8daaf6152771_e5627efa2ab\": " JA4_LEN_MSG },
		{ "ja4 " JA4_T "1",
		  "\"" JA4_T "1\": " JA4_LEN_MSG },
		{ "ja4 x",
		  "\"x\": " JA4_LEN_MSG },
		{ "ja4 " D64 "012345",
		  "\"" D64 "...\": " JA4_LEN_MSG },
		{ "x13d1516h2_8daaf6152771_e5627efa2ab1",
		  "\"x13d1516h2_8daaf6152771_e5627efa2ab1\": " JA4_PROTO_MSG },
		/* section a is not lowered */
		{ "ja4 T13d1516h2_8daaf6152771_e5627efa2ab1",
		  "\"T13d1516h2_8daaf6152771_e5627efa2ab1\": " JA4_PROTO_MSG },
		{ "t13x1516h2_8daaf6152771_e5627efa2ab1",
		  "\"t13x1516h2_8daaf6152771_e5627efa2ab1\": " JA4_A_MSG },
		{ "t1-d1516h2_8daaf6152771_e5627efa2ab1",
		  "\"t1-d1516h2_8daaf6152771_e5627efa2ab1\": " JA4_A_MSG },
		{ "t13d15x6h2_8daaf6152771_e5627efa2ab1",
		  "\"t13d15x6h2_8daaf6152771_e5627efa2ab1\": " JA4_COUNTS_MSG },
		{ "ja4 t13d1516h2-8daaf6152771_e5627efa2ab1",
		  "\"t13d1516h2-8daaf6152771_e5627efa2ab1\": " JA4_SEP_MSG },
		{ "ja4 t13d1516h2_8daaf6152771-e5627efa2ab1",
		  "\"t13d1516h2_8daaf6152771-e5627efa2ab1\": " JA4_SEP_MSG },
		{ "t13d1516h2_8daaf615277g_e5627efa2ab1 action drop",
		  "\"t13d1516h2_8daaf615277g_e5627efa2ab1\": " JA4_HEX_MSG },
		{ "t13d1516h2_8daaf6152771_e5627efa2a.1",
		  "\"t13d1516h2_8daaf6152771_e5627efa2a.1\": " JA4_HEX_MSG },
		/* JA4-shaped: never a one-label name */
		{ "abcdefghij_klmnopqrstuv_wxyzabcdefgh",
		  "\"abcdefghij_klmnopqrstuv_wxyzabcdefgh\": " JA4_PROTO_MSG },
		/* (an unexpected word is cut at 32 bytes) */
		{ "ja4 " JA4_T " " JA4_Q,
		  "unexpected \"q13d0310h3_55b375c5d22e_cd85d2d8\"" },
		{ "ja4 " JA4_T " tag", "tag needs a value" },
	};
	char err[C2_ERR_MAX], buf[C2_IND_FMT_MAX], w0[8], w1[48], *words[2];
	char saved[C2_IND_FMT_MAX + 32];
	struct c2_ind_spec d, out, back;
	size_t i;
	int r;

	c2_spec_init(&d);
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		r = line(good[i].line, &d, &out, err, sizeof(err));
		CHECK(r == 1 && (out.set & (C2_SPEC_JA4 | C2_SPEC_ADDR |
					    C2_SPEC_NAME)) == C2_SPEC_JA4 &&
		      !strcmp(out.ja4, good[i].ja4) &&
		      out.action == good[i].action,
		      "\"%s\": r=%d set 0x%x ja4 \"%s\" action %u %s",
		      good[i].line, r, out.set, out.ja4, out.action, err);
		snprintf(w1, sizeof(w1), "ja4 %s", good[i].ja4);
		CHECK(c2_spec_format(&out, buf, sizeof(buf)) ==
		      (int)strlen(w1) && !strcmp(buf, w1) &&
		      !strcmp(c2_spec_type(&out), "ja4") &&
		      c2_spec_kind(&out) == 6, "\"%s\": format \"%s\" type %s",
		      good[i].line, buf, c2_spec_type(&out));
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		r = line(bad[i].line, &d, &out, err, sizeof(err));
		CHECK(r == -1 && !strcmp(err, bad[i].err),
		      "\"%s\": r=%d err \"%s\", want \"%s\"", bad[i].line, r,
		      err, bad[i].err);
	}
	/* a name "ja4" stays a name when no fingerprint follows */
	r = line("ja4 action drop", &d, &out, err, sizeof(err));
	CHECK(r == 1 && (out.set & C2_SPEC_NAME) && !(out.set & C2_SPEC_JA4) &&
	      !strcmp(out.name.s, "ja4"), "bare ja4: r=%d %s", r, err);
	/* 36 bytes, but no '_' where a JA4 has them: a name as before */
	r = line("abcdefghijklmnopqrstuvwxyz0123456789", &d, &out, err,
		 sizeof(err));
	CHECK(r == 1 && (out.set & C2_SPEC_NAME), "36-byte name: r=%d %s", r,
	      err);

	/* only where the caller allows it, in either form */
	words[0] = w0;
	words[1] = w1;
	snprintf(w0, sizeof(w0), "ja4");
	snprintf(w1, sizeof(w1), "%s", JA4_T);
	c2_spec_init(&out);
	CHECK(c2_spec_parse_words(&out, C2_SPEC_OPTS | C2_SPEC_ANSWER, 2, words,
				  err, sizeof(err)) == -1 &&
	      !strcmp(err, "unexpected \"t13d1516h2_8daaf6152771_e5627efa\""),
	      "ja4 FP without C2_SPEC_JA4: %s", err);
	c2_spec_init(&out);
	CHECK(c2_spec_parse_words(&out, C2_SPEC_OPTS, 1, words + 1, err,
				  sizeof(err)) == -1 &&
	      !strcmp(err, JA4_T ": JA4 fingerprints are not accepted here"),
	      "FP without C2_SPEC_JA4: %s", err);
	c2_spec_init(&out);
	CHECK(!c2_spec_parse_words(&out, C2_SPEC_JA4, 2, words, err,
				   sizeof(err)) && (out.set & C2_SPEC_JA4),
	      "ja4 FP with C2_SPEC_JA4: %s", err);

	/* the next entry forgets it, and it forgets the one before */
	CHECK(!c2_spec_set_entry(&out, "198.51.100.90", err, sizeof(err)) &&
	      (out.set & (C2_SPEC_JA4 | C2_SPEC_ADDR)) == C2_SPEC_ADDR &&
	      !out.ja4[0], "address after a JA4: 0x%x", out.set);
	CHECK(!c2_spec_set_entry(&out, "*.evil.example", err, sizeof(err)) &&
	      !c2_spec_set_entry(&out, JA4_Q, err, sizeof(err)) &&
	      (out.set & (C2_SPEC_JA4 | C2_SPEC_ADDR | C2_SPEC_NAME)) ==
	      C2_SPEC_JA4 && !strcmp(out.ja4, JA4_Q),
	      "JA4 after a name: 0x%x", out.set);
	CHECK(c2_spec_set_entry(&out, "t13d1516h2_8daaf6152771_e5627efa2ab!",
				err, sizeof(err)) == -1 &&
	      !(out.set & C2_SPEC_JA4) && !out.ja4[0], "refused: forgotten");

	/* what save writes (c2_spec_format() and options), restore reads */
	r = line("t13d1516h2_8DAAF6152771_e5627efa2ab1 action reject tag x",
		 &d, &out, err, sizeof(err));
	CHECK(r == 1 && c2_spec_format(&out, buf, sizeof(buf)) > 0, "%s", err);
	snprintf(saved, sizeof(saved), "%s action reject tag x", buf);
	r = line(saved, &d, &back, err, sizeof(err));
	CHECK(r == 1 && !strcmp(back.ja4, JA4_T) &&
	      back.action == C2GUARD_ACT_REJECT && !strcmp(back.tag, "x") &&
	      c2_spec_format(&back, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "ja4 " JA4_T), "round trip \"%s\": r=%d %s %s",
	      saved, r, err, buf);
}

/* The kinds a feed counts (feed list, feed replace): one per entry kind. */
/*
 * URL indicators: "url URL" and a bare URL (a scheme, or a '/' after a
 * host that is not an address's prefix length), normalised to the key
 * the module keeps, and each way one is refused.
 */
static void spec_url(void)
{
	static const struct {
		const char *line;
		const char *url;	/* the key */
	} good[] = {
		{ "url http://evil.example/bad/path action drop",
		  "evil.example/bad/path" },
		{ "http://evil.example/bad/path", "evil.example/bad/path" },
		{ "evil.example/bad/path tag t", "evil.example/bad/path" },
		/* scheme in any case, host lower case, one trailing dot */
		{ "HTTP://Evil.EXAMPLE./a", "evil.example/a" },
		{ "url hTTp://evil.example/a", "evil.example/a" },
		/* ":80" (and an empty port) dropped */
		{ "http://evil.example:80/a", "evil.example/a" },
		{ "http://evil.example:/a", "evil.example/a" },
		{ "http://evil.example:080/a", "evil.example/a" },
		/* fragment dropped, query kept as given */
		{ "http://evil.example/a?B=1&c=%20", "evil.example/a?B=1&c=%20" },
		{ "url http://evil.example/a?q=1", "evil.example/a?q=1" },
		/* "://" past the start is no scheme */
		{ "evil.example/r?u=http://x.example/", "evil.example/r?u=http://x.example/" },
		{ "p//e/a?ctp://q", "p//e/a?ctp://q" },
		{ "http://evil.example?q", "evil.example/?q" },
		/* trailing '/' of the path dropped; an empty path is "/" */
		{ "http://evil.example/a/", "evil.example/a" },
		{ "http://evil.example/a//?q", "evil.example/a?q" },
		{ "http://evil.example", "evil.example/" },
		{ "http://evil.example/", "evil.example/" },
		{ "evil.example//", "evil.example/" },
		{ "evil.example/24", "evil.example/24" },
		/* addresses, canonical */
		{ "http://192.0.2.1/x.exe", "192.0.2.1/x.exe" },
		{ "192.0.2.1/x", "192.0.2.1/x" },
		{ "http://[2001:DB8:0::1]:80/y", "2001:db8::1/y" },
		{ "[2001:db8::1]/y", "2001:db8::1/y" },
		{ "2001:db8::1/y", "2001:db8::1/y" },
		{ "url 10.0.0.0/8", "10.0.0.0/8" },
		{ "http://10.0.0.0/8", "10.0.0.0/8" },
	};
	static const struct {
		const char *line;
		const char *msg;	/* substring of the error */
	} bad[] = {
		{ "https://evil.example/a", "https URLs cannot be listed: the path of an https request is encrypted (list its host instead)" },
		{ "url HTTPS://evil.example/a", "https URLs cannot be listed" },
		{ "ftp://evil.example/a", "only http:// URLs can be listed" },
		{ "url evil.example:8080/a", "no port but :80" },
		{ "http://evil.example:443/a", "no port but :80" },
		{ "http://evil.example:8o/a", "no port but :80" },
		{ "http://[2001:db8::1]:81/a", "no port but :80" },
		{ "192.0.2.1:8080/x", "no port but :80" },
		{ "http://user@evil.example/a", "takes no user name or password" },
		{ "http://u:p@evil.example/a", "takes no user name or password" },
		{ "http:///a", "a URL's host is" },
		{ "http://[2001:db8::1/a", "a URL's host is" },
		{ "http://ev!l.example/a", "ev!l.example/a: invalid host name (character" },
		{ "http://b\xc3\xbc" "cher.example/a", "invalid host name" },
		{ "http://a..b/a", "invalid host name (empty label)" },
		{ "http://256.1.1.1/a", "a URL's host is" },
		{ "http://evil.example/a\x7f", "a URL's path starts with '/'" },
		{ "http://evil.example/a?\x01", "a URL's query holds" },
	};
	char err[C2_ERR_MAX], buf[400], e[C2_IND_FMT_MAX];
	struct c2_ind_spec d, out, t;
	unsigned int i;
	size_t n;
	int r;

	c2_spec_init(&d);
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		r = line(good[i].line, &d, &out, err, sizeof(err));
		CHECK(r == 1 && (out.set & C2_SPEC_URL) &&
		      !(out.set & (C2_SPEC_ADDR | C2_SPEC_NAME | C2_SPEC_JA4)) &&
		      !strcmp(out.url, good[i].url) &&
		      !strcmp(c2_spec_type(&out), "url") &&
		      c2_spec_kind(&out) == 7,
		      "\"%s\": r=%d url \"%s\", want \"%s\" (%s)", good[i].line,
		      r, r == 1 ? out.url : "", good[i].url, err);
		if (r != 1)
			continue;
		/* printed as "url KEY", read back the same */
		CHECK(c2_spec_format(&out, e, sizeof(e)) > 0 &&
		      !strncmp(e, "url ", 4) && !strcmp(e + 4, good[i].url),
		      "format %s", e);
		r = line(e, &d, &t, err, sizeof(err));
		CHECK(r == 1 && !strcmp(t.url, out.url), "read back %s", e);
	}
	/* options after the URL, the words of "url U" */
	r = line("url http://evil.example/a action drop tag t timeout 5", &d,
		 &out, err, sizeof(err));
	CHECK(r == 1 && out.action == C2GUARD_ACT_DROP &&
	      !strcmp(out.tag, "t") && out.timeout == 5, "options: %s", err);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		r = line(bad[i].line, &d, &out, err, sizeof(err));
		CHECK(r == -1 && strstr(err, bad[i].msg),
		      "\"%s\": r=%d err \"%s\", want \"%s\"", bad[i].line, r,
		      err, bad[i].msg);
	}
	/* networks and port forms stay what they were */
	CHECK(!c2_url_like("10.0.0.0/8") && !c2_url_like("10.0.0.0/") &&
	      !c2_url_like("2001:db8::/32") && !c2_url_like("evil.example") &&
	      !c2_url_like("/a") && c2_url_like("evil.example/a") &&
	      c2_url_like("x://y"), "c2_url_like");
	CHECK(!c2_spec_set_entry(&out, "192.0.2.1:53/udp", err, sizeof(err)) &&
	      (out.set & C2_SPEC_PORT) && !(out.set & C2_SPEC_URL) &&
	      !c2_spec_set_entry(&out, "[2001:db8::1]:53/tcp", err,
				 sizeof(err)) && (out.set & C2_SPEC_PORT),
	      "port forms");
	CHECK(c2_spec_set_entry(&out, "10.0.0.0/", err, sizeof(err)) &&
	      strstr(err, "invalid prefix length"), "10.0.0.0/: %s", err);
	/* a URL entry forgets what the spec held */
	CHECK(!c2_spec_set_entry(&out, "evil.example", err, sizeof(err)) &&
	      !c2_spec_set_entry(&out, "evil.example/a", err, sizeof(err)) &&
	      out.set == C2_SPEC_URL,
	      "set %#x", out.set);
	CHECK(!c2_spec_set_entry(&out, "evil.example", err, sizeof(err)) &&
	      !out.url[0] && out.set == C2_SPEC_NAME, "url cleared");
	/* URLs only where allowed */
	{
		char *const w[] = { "url", "http://evil.example/a" };
		char *const w1[] = { "evil.example/a" };

		CHECK(c2_spec_parse_words(&out, C2_SPEC_OPTS, 1, w1, err,
					  sizeof(err)) &&
		      strstr(err, "URL indicators are not accepted here"),
		      "bare refused: %s", err);
		/* "url" is a name there, the URL one word too many */
		CHECK(c2_spec_parse_words(&out, C2_SPEC_OPTS, 2, w, err,
					  sizeof(err)) &&
		      strstr(err, "unexpected"), "url U refused: %s", err);
		CHECK(!c2_spec_parse_words(&out, C2_SPEC_URL, 2, w, err,
					   sizeof(err)) &&
		      !strcmp(out.url, "evil.example/a"), "url U: %s", err);
	}
	/* the longest key fits, one byte more does not */
	n = (size_t)snprintf(buf, sizeof(buf), "http://evil.example/");
	/* "evil.example/" and 242 bytes of path */
	memset(buf + n, 'a', C2GUARD_URL_MAX - 13);
	buf[n + C2GUARD_URL_MAX - 13] = '\0';
	r = line(buf, &d, &out, err, sizeof(err));
	CHECK(r == 1 && strlen(out.url) == C2GUARD_URL_MAX, "255: %s", err);
	strcat(buf, "a");
	r = line(buf, &d, &out, err, sizeof(err));
	CHECK(r == -1 && strstr(err, "at most 255 bytes"), "256: %s", err);
	/* c2_url_norm() alone, and a key buffer too small */
	CHECK(!c2_url_norm("http://E.example/x/", e, sizeof(e), err,
			   sizeof(err)) && !strcmp(e, "e.example/x"), "%s", e);
	CHECK(c2_url_norm("http://e.example/x", e, 5, err, sizeof(err)),
	      "small buffer");
}

static void spec_kinds(void)
{
	static const char *const lines[C2_SPEC_KINDS] = {
		"198.51.100.7", "2001:db8::/32", "evil.example",
		"*.evil.example", "198.51.100.7:443", "answer 198.51.100.90",
		"ja4 " JA4_T, "http://evil.example/gate.php",
	};
	char err[C2_ERR_MAX];
	struct c2_ind_spec d, out;
	unsigned int i;
	int r;

	CHECK(C2_SPEC_KINDS == 8, "%d kinds", C2_SPEC_KINDS);
	c2_spec_init(&d);
	for (i = 0; i < C2_SPEC_KINDS; i++) {
		r = line(lines[i], &d, &out, err, sizeof(err));
		CHECK(r == 1 && c2_spec_kind(&out) == i, "\"%s\": r=%d kind %u %s",
		      lines[i], r, r == 1 ? c2_spec_kind(&out) : 99, err);
	}
}

static unsigned long long rng_state = 88172645463325252ULL;

static unsigned long long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Random lines built from plausible and implausible words. */
static void feed_random_lines(void)
{
	static const char *const words[] = {
		"1.2.3.4", "10.0.0.0/8", "::1", "2001:db8::/32", "action", "drop",
		"alert", "tag", "timeout", "0", "0x10", "99999999999", "#", "x",
		"replace", "\r", "\t", " ", "/", "::", "1.2.3.4/33", "\xff",
		"evil.example", "*.", "*", ".", "a..b", "allow", "Ex.", "1",
		"ja4", JA4_T, "t13d1516h2_8daaf6152771_e5627efa2abX", "answer",
		"url", "http://", "https://", "x.example/a", "?q", ":80", "@",
		"/b/", "[::1]",
	};
	char text[512], err[C2_ERR_MAX];
	struct c2_ind_spec d, out;
	unsigned int i, k, nw;
	size_t n, hlen;
	int r;

	c2_spec_init(&d);
	for (i = 0; i < 100000; i++) {
		n = 0;
		nw = (unsigned int)(rng() % 12);
		for (k = 0; k < nw; k++) {
			const char *w = words[rng() % ARRAY_SIZE(words)];

			if (n + strlen(w) + 2 >= sizeof(text))
				break;
			memcpy(text + n, w, strlen(w));
			n += strlen(w);
			if (rng() & 1)
				text[n++] = ' ';
		}
		text[n] = '\0';
		err[0] = '\0';
		r = c2_feed_parse_line(text, n, &d, &out, err, sizeof(err));
		CHECK(r >= -1 && r <= 1, "r=%d", r);
		if (r == -1)
			CHECK(err[0] && memchr(err, '\0', sizeof(err)), "no message");
		if (r == 1)
			CHECK(!!(out.set & C2_SPEC_ADDR) + !!(out.set & C2_SPEC_NAME) +
			      !!(out.set & C2_SPEC_JA4) +
			      !!(out.set & C2_SPEC_URL) == 1 &&
			      !(out.set & C2_SPEC_JA4) == !out.ja4[0] &&
			      !(out.set & C2_SPEC_URL) == !out.url[0] &&
			      out.action >= 1 && out.action <= C2GUARD_ACT_MAX &&
			      memchr(out.tag, '\0', sizeof(out.tag)),
			      "bad spec");
		if (r == 1 && (out.set & C2_SPEC_URL))
			CHECK(c2g_url_valid(out.url, strlen(out.url), &hlen) ==
			      C2G_URL_OK, "bad URL %s", out.url);
		if (r == 1 && (out.set & C2_SPEC_NAME))
			CHECK(out.name.len && strlen(out.name.s) == out.name.len,
			      "bad name");
		if (ktap_failed)
			break;
	}
}

/* Beacon allowlist ports: parsed, formatted back, told from entries. */
static void ports(void)
{
	static const struct {
		const char *in;
		__u32 v;
		const char *out;	/* NULL: refused */
	} cases[] = {
		{ "443", 443, "443" },
		{ "443/tcp", 6 << 16 | 443, "443/tcp" },
		{ "53/udp", 17 << 16 | 53, "53/udp" },
		{ "1", 1, "1" },
		{ "65535/udp", 17 << 16 | 65535, "65535/udp" },
		{ "00080", 80, "80" },
		{ "0", 0, NULL },
		{ "65536", 0, NULL },
		{ "99999999999999999999", 0, NULL },
		{ "53/icmp", 0, NULL },
		{ "53/TCP", 0, NULL },
		{ "53/", 0, NULL },
		{ "/tcp", 0, NULL },
		{ "", 0, NULL },
		{ "0x50", 0, NULL },
		{ "-1", 0, NULL },
		{ "+80", 0, NULL },
		{ "80 ", 0, NULL },
		{ "80/tcp/udp", 0, NULL },
	};
	char err[C2_ERR_MAX], buf[C2_PORT_FMT_MAX];
	unsigned int i;
	__u32 v;
	int r;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		v = 0xdeadbeef;
		err[0] = '\0';
		r = c2_port_parse(cases[i].in, &v, err, sizeof(err));
		if (!cases[i].out) {
			CHECK(r == -1 && err[0], "\"%s\" accepted", cases[i].in);
			continue;
		}
		CHECK(!r && v == cases[i].v, "\"%s\": r=%d v=0x%x (%s)",
		      cases[i].in, r, v, err);
		CHECK(c2_port_format(v, buf, sizeof(buf)) > 0 &&
		      !strcmp(buf, cases[i].out), "\"%s\" formats as %s",
		      cases[i].in, buf);
	}
	CHECK(c2_port_format(132 << 16 | 9, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "9/132"), "unnamed protocol: %s", buf);
	CHECK(c2_port_format(17 << 16 | 65535, buf, 9) == -1, "short buffer");
	CHECK(c2_port_format(0xffffffff, buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "65535/65535"), "largest: %s", buf);

	/* what "beacons allow add X" takes as a port, not an entry */
	CHECK(c2_port_like("443") && c2_port_like("53/udp") &&
	      c2_port_like("53/icmp") && c2_port_like("0") &&
	      c2_port_like("53/"), "ports");
	CHECK(!c2_port_like("10.0.0.0/8") && !c2_port_like("1.2.3.4") &&
	      !c2_port_like("2001:db8::1") && !c2_port_like("::1") &&
	      !c2_port_like("80/24") && !c2_port_like("evil.example") &&
	      !c2_port_like("*.evil.example") && !c2_port_like("") &&
	      !c2_port_like("1e3") && !c2_port_like("80/a.b"), "entries");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(parse_numbers),
	KTAP_CASE(actions),
	KTAP_CASE(feed_blank_and_comments),
	KTAP_CASE(feed_good_lines),
	KTAP_CASE(feed_defaults_override),
	KTAP_CASE(feed_bad_lines),
	KTAP_CASE(feed_length_bounded),
	KTAP_CASE(spec_words),
	KTAP_CASE(spec_names),
	KTAP_CASE(spec_format_types),
	KTAP_CASE(spec_ports),
	KTAP_CASE(spec_answers),
	KTAP_CASE(spec_ja4),
	KTAP_CASE(spec_url),
	KTAP_CASE(spec_kinds),
	KTAP_CASE(feed_random_lines),
	KTAP_CASE(ports),
};

int main(void)
{
	return ktap_run(cases, ARRAY_SIZE(cases));
}
