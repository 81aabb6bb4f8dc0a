// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of ctl/escape.c: untrusted text rendered for the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "ktap.h"

#define ARRAY_SIZE(a)	KTAP_ARRAY_SIZE(a)

/* Escape @n bytes of @s with room to spare and compare with @want. */
static void expect(const char *s, size_t n, const char *want)
{
	char out[256];
	size_t r;

	memset(out, 'Z', sizeof(out));
	r = c2_escape(out, sizeof(out), s, n);
	CHECK(!strcmp(out, want), "got \"%s\" want \"%s\"", out, want);
	CHECK(r == strlen(out), "returned %zu for \"%s\"", r, out);
}

#define EXPECT(lit, want)	expect(lit, sizeof(lit) - 1, want)

static void plain_text_kept(void)
{
	EXPECT("", "");
	EXPECT("evil.example", "evil.example");
	EXPECT("1.2.3.4/32 action drop # c2", "1.2.3.4/32 action drop # c2");
	EXPECT(" !\"#~", " !\"#~");
}

static void controls_escaped(void)
{
	EXPECT("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m");
	EXPECT("a\nb\rc\td", "a\\x0ab\\x0dc\\x09d");
	EXPECT("\x7f", "\\x7f");
	EXPECT("\x01\x1f", "\\x01\\x1f");
	EXPECT("a\0b", "a\\x00b");
	/* OSC 52 (clipboard write) and a terminal title change */
	EXPECT("\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07");
	EXPECT("\x1b]0;pwned\x1b\\", "\\x1b]0;pwned\\x1b\\\\");
}

static void backslash_doubled(void)
{
	EXPECT("\\", "\\\\");
	EXPECT("a\\x1b", "a\\\\x1b");	/* cannot pass for an escape */
}

static void utf8_kept(void)
{
	EXPECT("caf\xc3\xa9", "caf\xc3\xa9");			/* é */
	EXPECT("\xd0\xbf\xd1\x80\xd0\xb8", "\xd0\xbf\xd1\x80\xd0\xb8");
	EXPECT("\xe2\x82\xac", "\xe2\x82\xac");			/* € */
	EXPECT("\xf0\x9f\x92\xa9", "\xf0\x9f\x92\xa9");		/* U+1F4A9 */
	EXPECT("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");		/* U+10FFFF */
	EXPECT("\xc2\xa0", "\xc2\xa0");				/* U+00A0 */
}

static void utf8_invalid_escaped(void)
{
	EXPECT("\xff", "\\xff");
	EXPECT("\xc3", "\\xc3");			/* cut short */
	EXPECT("\xc3(", "\\xc3(");			/* bad continuation */
	EXPECT("\x80", "\\x80");			/* stray continuation */
	EXPECT("\xc0\xaf", "\\xc0\\xaf");		/* overlong '/' */
	EXPECT("\xe0\x80\xaf", "\\xe0\\x80\\xaf");	/* overlong '/' */
	EXPECT("\xed\xa0\x80", "\\xed\\xa0\\x80");	/* surrogate */
	EXPECT("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");	/* > U+10FFFF */
	EXPECT("\xe2\x82", "\\xe2\\x82");		/* cut 3-byte form */
	EXPECT("\xe2\x82" "a\xc3\xa9", "\\xe2\\x82a\xc3\xa9");	/* resyncs */
}

static void hidden_code_points_escaped(void)
{
	EXPECT("\xc2\x9b" "31m", "\\xc2\\x9b31m");	/* C1 CSI */
	EXPECT("\xc2\x80", "\\xc2\\x80");
	EXPECT("\xc2\x9f", "\\xc2\\x9f");
	EXPECT("a\xe2\x80\xae" "cba", "a\\xe2\\x80\\xaecba");	/* RLO */
	EXPECT("\xe2\x81\xa6", "\\xe2\\x81\\xa6");	/* LRI */
	EXPECT("\xe2\x81\xa9", "\\xe2\\x81\\xa9");	/* PDI */
	EXPECT("\xe2\x80\xa9", "\xe2\x80\xa9");		/* U+2029 kept */
	EXPECT("\xe2\x81\xaa", "\xe2\x81\xaa");		/* U+206A kept */
}

/* The output fits, ends in "...", is NUL-terminated and holds no NUL. */
static void check_cut(const char *s, size_t n, size_t dstlen, const char *want)
{
	char out[64];
	size_t r;

	memset(out, 'Z', sizeof(out));
	r = c2_escape(out, dstlen, s, n);
	CHECK(r < dstlen && out[r] == '\0' && strlen(out) == r,
	      "dstlen %zu: r=%zu", dstlen, r);
	CHECK(!strcmp(out, want), "dstlen %zu: got \"%s\" want \"%s\"",
	      dstlen, out, want);
	CHECK(out[dstlen] == 'Z', "dstlen %zu: wrote past the end", dstlen);
}

#define CUT(lit, dstlen, want)	check_cut(lit, sizeof(lit) - 1, dstlen, want)

static void truncation(void)
{
	char out[4] = "ZZZ";

	CUT("abcdef", 7, "abcdef");		/* just fits */
	CUT("abcdefg", 7, "abc...");
	CUT("abcdefg", 8, "abcdefg");
	CUT("abcdefg", 4, "...");
	CUT("abcdefg", 3, "..");
	CUT("abcdefg", 2, ".");
	CUT("abcdefg", 1, "");
	CUT("", 1, "");
	/* never inside an escape or a UTF-8 sequence */
	CUT("ab\x1b[31m", 9, "ab...");
	CUT("ab\x1b[31m", 10, "ab\\x1b...");
	CUT("\x1b\x1b", 9, "\\x1b\\x1b");
	CUT("\x1b\x1b\x1b", 8, "\\x1b...");
	CUT("\x1b\x1b\x1b", 7, "...");
	CUT("a\xe2\x82\xac" "b", 6, "a\xe2\x82\xac" "b");
	CUT("a\xe2\x82\xac" "bc", 6, "a...");
	CUT("a\xe2\x82\xac" "bcde", 8, "a\xe2\x82\xac...");
	CUT("a\\b", 5, "a\\\\b");
	CUT("a\\b", 4, "...");
	CUT("a\\bc", 5, "a...");
	CUT("a\0\0\0\0\0", 12, "a\\x00...");
	CUT("a\0\0\0\0\0", 13, "a\\x00\\x00...");
	/* dstlen 0: nothing written at all */
	CHECK(c2_escape(out, 0, "abc", 3) == 0 && !strcmp(out, "ZZZ"),
	      "dstlen 0 wrote \"%s\"", out);
}

static void worst_case_room(void)
{
	char src[64], out[C2_ESCAPE_MAX(sizeof(src))];
	size_t i, r;

	for (i = 0; i < sizeof(src); i++)
		src[i] = (char)(0x80 + i);	/* all stray: \xHH each */
	r = c2_escape(out, sizeof(out), src, sizeof(src));
	CHECK(r == 4 * sizeof(src) && !strstr(out, "..."), "r=%zu", r);
}

static void formatted(void)
{
	char out[128], big[2000];
	size_t r;

	r = c2_escapef(out, sizeof(out), "%s:%d: %s", "feed\x1b[2J.txt", 7,
		       "bad \"x\\y\"");
	CHECK(!strcmp(out, "feed\\x1b[2J.txt:7: bad \"x\\\\y\""), "got %s", out);
	CHECK(r == strlen(out), "r=%zu", r);

	/* longer than the formatter's stack buffer */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[1500] = '\x07';
	r = c2_escapef(out, sizeof(out), "%s", big);
	CHECK(r == sizeof(out) - 1 && !strcmp(out + r - 3, "..."), "r=%zu", r);
	{
		char *all = malloc(C2_ESCAPE_MAX(sizeof(big)));

		CHECK(all, "malloc");
		if (!all)
			return;
		r = c2_escapef(all, C2_ESCAPE_MAX(sizeof(big)), "<%s>", big);
		CHECK(r == sizeof(big) - 1 + 3 + 2, "r=%zu", r);
		CHECK(!strncmp(all + 1501, "\\x07", 4) && all[r - 1] == '>',
		      "bell not escaped or tail lost");
		free(all);
	}
}

/* Undo c2_escape(): "\\" and "\xHH"; returns the length. */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;

	while (*s) {
		if (s[0] == '\\' && s[1] == '\\') {
			out[n++] = '\\';
			s += 2;
		} else if (s[0] == '\\' && s[1] == 'x') {
			char hex[3] = { s[2], s[3], 0 };

			out[n++] = (char)strtoul(hex, NULL, 16);
			s += 4;
		} else {
			out[n++] = *s++;
		}
	}
	return n;
}

/* Random bytes: no control in the output, which reads back exactly. */
static void random_bytes(void)
{
	char src[40], out[C2_ESCAPE_MAX(40)], back[C2_ESCAPE_MAX(40)];
	char small[17];
	unsigned int seed = 12345;
	size_t i, j, r, n, k;

	for (i = 0; i < 20000; i++) {
		n = (size_t)(rand_r(&seed) % (sizeof(src) + 1));
		for (j = 0; j < n; j++)
			src[j] = (char)(rand_r(&seed) % 3 ? rand_r(&seed) :
					"\x1b\\\xc2\x9b\xe2\x80\xae"[j % 7]);
		r = c2_escape(out, sizeof(out), src, n);
		for (j = 0; j < r; j++) {
			unsigned char c = (unsigned char)out[j];

			if (c < 0x20 || c == 0x7f) {
				CHECK(0, "control 0x%02x in output", c);
				return;
			}
		}
		k = unescape(out, back);
		if (k != n || memcmp(back, src, n)) {
			CHECK(0, "round trip %zu: \"%s\"", i, out);
			return;
		}
		/* cut short: a prefix of the full output, then "..." */
		r = c2_escape(small, sizeof(small), src, n);
		if (strlen(small) != r || r >= sizeof(small) ||
		    (r >= 3 && !strcmp(small + r - 3, "...") && strcmp(small, out) ?
		     strncmp(small, out, r - 3) : strcmp(small, out))) {
			CHECK(0, "cut %zu: \"%s\" of \"%s\"", i, small, out);
			return;
		}
	}
}

static const struct ktap_case cases[] = {
	KTAP_CASE(plain_text_kept),
	KTAP_CASE(controls_escaped),
	KTAP_CASE(backslash_doubled),
	KTAP_CASE(utf8_kept),
	KTAP_CASE(utf8_invalid_escaped),
	KTAP_CASE(hidden_code_points_escaped),
	KTAP_CASE(truncation),
	KTAP_CASE(worst_case_room),
	KTAP_CASE(formatted),
	KTAP_CASE(random_bytes),
};

int main(void)
{
	return ktap_run(cases, ARRAY_SIZE(cases));
}
