// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/name.c (indicator names, wire host names, suffixes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"
#include "ktap.h"

static const char *const errname[] = {
	"OK", "EMPTY", "TOO_LONG", "LABEL_EMPTY", "LABEL_LONG", "BAD_CHAR",
	"WILDCARD", "NUMERIC",
};

static const char *ename(int e)
{
	return e >= 0 && e < (int)KTAP_ARRAY_SIZE(errname) ? errname[e] : "?";
}

/* Parse from an exactly-sized heap copy, so ASan sees any overread. */
static int parse(const char *s, struct c2g_name *out, bool *suffix)
{
	size_t n = strlen(s);
	char *copy = malloc(n ? n : 1);
	int r;

	memcpy(copy, s, n);
	memset(out, 0xa5, sizeof(*out));
	r = c2g_name_parse(copy, n, out, suffix);
	free(copy);
	return r;
}

struct pcase {
	const char *in;
	int err;
	const char *out;	/* on C2G_NAME_OK */
	bool suffix;		/* with a suffix pointer given */
};

static const struct pcase cases_sfx[] = {
	{ "evil.example", C2G_NAME_OK, "evil.example", false },
	{ "Evil.EXAMPLE.", C2G_NAME_OK, "evil.example", false },
	{ "*.evil.example", C2G_NAME_OK, "evil.example", true },
	{ "*.Evil.example.", C2G_NAME_OK, "evil.example", true },
	{ "a", C2G_NAME_OK, "a", false },
	{ "_dmarc.x-y.example", C2G_NAME_OK, "_dmarc.x-y.example", false },
	{ "xn--bcher-kva.example", C2G_NAME_OK, "xn--bcher-kva.example", false },
	{ "1.2.3.4", C2G_NAME_NUMERIC, NULL, false },
	{ "10.0.2.300", C2G_NAME_NUMERIC, NULL, false },
	{ "*.10.0.2", C2G_NAME_NUMERIC, NULL, false },
	{ "1.2.3.x4", C2G_NAME_OK, "1.2.3.x4", false },
	{ "4.example", C2G_NAME_OK, "4.example", false },
	{ "", C2G_NAME_EMPTY, NULL, false },
	{ ".", C2G_NAME_EMPTY, NULL, false },
	{ "*.", C2G_NAME_EMPTY, NULL, false },
	{ "a..b", C2G_NAME_LABEL_EMPTY, NULL, false },
	{ ".a", C2G_NAME_LABEL_EMPTY, NULL, false },
	{ "a..", C2G_NAME_LABEL_EMPTY, NULL, false },
	{ "*..a", C2G_NAME_LABEL_EMPTY, NULL, false },
	{ "..", C2G_NAME_LABEL_EMPTY, NULL, false },
	{ "*", C2G_NAME_WILDCARD, NULL, false },
	{ "*a.example", C2G_NAME_WILDCARD, NULL, false },
	{ "a.*.example", C2G_NAME_WILDCARD, NULL, false },
	{ "*.*.example", C2G_NAME_WILDCARD, NULL, false },
	{ "a b", C2G_NAME_BAD_CHAR, NULL, false },
	{ "a/b", C2G_NAME_BAD_CHAR, NULL, false },
	{ "a:80", C2G_NAME_BAD_CHAR, NULL, false },
	{ "\xc3\xa9.example", C2G_NAME_BAD_CHAR, NULL, false },
	{ "a\tb", C2G_NAME_BAD_CHAR, NULL, false },
	{ "?.example", C2G_NAME_BAD_CHAR, NULL, false },
};

static void test_parse(void)
{
	struct c2g_name out;
	unsigned int i;
	bool sfx;

	for (i = 0; i < KTAP_ARRAY_SIZE(cases_sfx); i++) {
		const struct pcase *c = &cases_sfx[i];
		int r = parse(c->in, &out, &sfx);

		CHECK(r == c->err, "'%s': %s, want %s", c->in, ename(r),
		      ename(c->err));
		if (r || c->err)
			continue;
		CHECK(!strcmp(out.s, c->out) && out.len == strlen(c->out),
		      "'%s' -> '%s'", c->in, out.s);
		CHECK(sfx == c->suffix, "'%s' suffix %d", c->in, sfx);
	}
}

static void test_no_suffix(void)
{
	struct c2g_name out;

	CHECK(parse("*.evil.example", &out, NULL) == C2G_NAME_WILDCARD, "*.");
	CHECK(parse("evil.example", &out, NULL) == C2G_NAME_OK, "plain");
	CHECK(parse("*", &out, NULL) == C2G_NAME_WILDCARD, "*");
}

/* Names of @total bytes made of labels of @label bytes. */
static void make(char *s, size_t total, size_t label)
{
	size_t i;

	for (i = 0; i < total; i++)
		s[i] = (i + 1) % (label + 1) ? 'a' + i % 26 : '.';
	s[total] = '\0';
	if (total && s[total - 1] == '.')
		s[total - 1] = 'z';
}

static void test_lengths(void)
{
	char s[600];
	struct c2g_name out;
	bool sfx;
	int r;

	make(s, 253, 63);
	r = parse(s, &out, NULL);
	CHECK(r == C2G_NAME_OK && out.len == 253, "253: %s", ename(r));
	make(s, 254, 63);
	CHECK(parse(s, &out, NULL) == C2G_NAME_TOO_LONG, "254");
	make(s, 253, 63);
	strcat(s, ".");
	CHECK(parse(s, &out, NULL) == C2G_NAME_OK, "253 + dot");
	memmove(s + 2, s, strlen(s) + 1);
	s[0] = '*';
	s[1] = '.';
	r = parse(s, &out, &sfx);
	CHECK(r == C2G_NAME_OK && out.len == 253 && sfx, "*. 253 + dot");
	make(s, 500, 63);
	CHECK(parse(s, &out, NULL) == C2G_NAME_TOO_LONG, "500");

	make(s, 63, 63);
	CHECK(parse(s, &out, NULL) == C2G_NAME_OK, "label 63");
	make(s, 64, 64);
	CHECK(parse(s, &out, NULL) == C2G_NAME_LABEL_LONG, "label 64");
	make(s, 100, 70);
	CHECK(parse(s, &out, NULL) == C2G_NAME_LABEL_LONG, "label 70");
}

static void test_strerror(void)
{
	int i;

	for (i = 0; i < __C2G_NAME_ERR_MAX; i++)
		CHECK(strcmp(c2g_name_strerror(i), "unknown error"), "%d", i);
	CHECK(!strcmp(c2g_name_strerror(__C2G_NAME_ERR_MAX), "unknown error"),
	      "max");
	CHECK(!strcmp(c2g_name_strerror(-1), "unknown error"), "-1");
}

static int host(const char *s, size_t n, struct c2g_name *out)
{
	u8 *copy = malloc(n ? n : 1);
	int r;

	memcpy(copy, s, n);
	r = c2g_name_from_host(copy, n, out);
	free(copy);
	return r;
}

static void test_from_host(void)
{
	struct c2g_name out;
	char s[300];
	int r;

	r = host("WWW.Evil.Example.", 17, &out);
	CHECK(r == C2G_NAME_OK && !strcmp(out.s, "www.evil.example") &&
	      out.len == 16, "'%s'", out.s);
	r = host("a b\x01\x7f\x80\xff~!", 9, &out);
	CHECK(r == C2G_NAME_OK && !strcmp(out.s, "a?b????~!"), "'%s'", out.s);
	r = host("a\0b", 3, &out);
	CHECK(r == C2G_NAME_OK && !strcmp(out.s, "a?b") && out.len == 3,
	      "NUL");
	r = host("a..", 3, &out);
	CHECK(r == C2G_NAME_OK && !strcmp(out.s, "a."), "not judged");
	CHECK(host("", 0, &out) == C2G_NAME_EMPTY, "empty");
	CHECK(host(".", 1, &out) == C2G_NAME_EMPTY, "dot");
	memset(s, 'a', sizeof(s));
	CHECK(host(s, 253, &out) == C2G_NAME_OK && out.len == 253, "253");
	s[253] = '.';
	CHECK(host(s, 254, &out) == C2G_NAME_OK && out.len == 253, "253.");
	CHECK(host(s, 300, &out) == C2G_NAME_TOO_LONG, "300");
	s[253] = 'a';
	CHECK(host(s, 254, &out) == C2G_NAME_TOO_LONG, "254");
}

static void test_suffixes(void)
{
	struct c2g_name n;
	u8 st[C2G_LABELS_MAX];
	unsigned int k;
	char s[300];

	c2g_name_parse("a.bb.ccc", 8, &n, NULL);
	k = c2g_name_suffixes(&n, st, C2G_LABELS_MAX);
	CHECK(k == 3 && st[0] == 0 && st[1] == 2 && st[2] == 5, "k %u", k);
	CHECK(!strcmp(n.s + st[2], "ccc"), "last");
	/* Fewer slots than labels: the longest suffixes, and the count. */
	memset(st, 0xee, sizeof(st));
	k = c2g_name_suffixes(&n, st, 2);
	CHECK(k == 3 && st[0] == 0 && st[1] == 2 && st[2] == 0xee, "max 2");
	k = c2g_name_suffixes(&n, st, 0);
	CHECK(k == 3, "max 0");

	c2g_name_parse("x", 1, &n, NULL);
	CHECK(c2g_name_suffixes(&n, st, 4) == 1 && st[0] == 0, "one label");
	n.len = 0;
	n.s[0] = '\0';
	CHECK(c2g_name_suffixes(&n, st, 4) == 0, "no name");

	/* The most labels a name can have. */
	for (k = 0; k < 253; k++)
		s[k] = k % 2 ? '.' : 'a';
	CHECK(c2g_name_parse(s, 253, &n, NULL) == C2G_NAME_OK, "127 labels");
	k = c2g_name_suffixes(&n, st, C2G_LABELS_MAX);
	CHECK(k == C2G_LABELS_MAX && st[126] == 252, "k %u", k);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_parse),
	KTAP_CASE(test_no_suffix),
	KTAP_CASE(test_lengths),
	KTAP_CASE(test_strerror),
	KTAP_CASE(test_from_host),
	KTAP_CASE(test_suffixes),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
