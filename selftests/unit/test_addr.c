// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the address code: ctl/addr_text.c (address/prefix parsing
 * and formatting) and the prefix masks of kmod/addr.c it builds on.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "addr_text.h"
#include "ktap.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	KTAP_ARRAY_SIZE(a)
#endif

static const char *const errname[] = {
	"OK", "EMPTY", "BAD_V4", "BAD_V6", "BAD_LEN", "LEN_RANGE",
	"HOST_BITS", "TRAILING",
};

static const char *ename(int e)
{
	return e >= 0 && e < (int)ARRAY_SIZE(errname) ? errname[e] : "?";
}

/* Parse a NUL-terminated string from an exactly-sized heap copy. */
static int parse(const char *s, struct c2g_prefix *p)
{
	size_t n = strlen(s);
	char *copy = malloc(n ? n : 1);
	int r;

	memcpy(copy, s, n);
	r = c2g_prefix_parse(copy, n, p);
	free(copy);
	return r;
}

static void hex(char *out, const u8 *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", a[i]);
}

struct good {
	const char *text;
	u8 family;
	u8 len;
	u8 addr[16];
	const char *canon;	/* formatted prefix */
};

#define V4(a, b, c, d)	{ a, b, c, d }

static const struct good good_v4[] = {
	{ "0.0.0.0", 2, 32, V4(0, 0, 0, 0), "0.0.0.0/32" },
	{ "255.255.255.255", 2, 32, V4(255, 255, 255, 255), "255.255.255.255/32" },
	{ "1.2.3.4", 2, 32, V4(1, 2, 3, 4), "1.2.3.4/32" },
	{ "192.168.100.200", 2, 32, V4(192, 168, 100, 200), "192.168.100.200/32" },
	{ "10.0.0.0/8", 2, 8, V4(10, 0, 0, 0), "10.0.0.0/8" },
	{ "0.0.0.0/0", 2, 0, V4(0, 0, 0, 0), "0.0.0.0/0" },
	{ "1.2.3.4/32", 2, 32, V4(1, 2, 3, 4), "1.2.3.4/32" },
	{ "128.0.0.0/1", 2, 1, V4(128, 0, 0, 0), "128.0.0.0/1" },
	{ "255.255.255.254/31", 2, 31, V4(255, 255, 255, 254), "255.255.255.254/31" },
	{ "100.64.0.0/10", 2, 10, V4(100, 64, 0, 0), "100.64.0.0/10" },
	{ "198.51.100.0/24", 2, 24, V4(198, 51, 100, 0), "198.51.100.0/24" },
	{ "0.0.0.0/5", 2, 5, V4(0, 0, 0, 0), "0.0.0.0/5" },
	{ "10.0.0.0/7", 2, 7, V4(10, 0, 0, 0), "10.0.0.0/7" },
	{ "9.99.199.249", 2, 32, V4(9, 99, 199, 249), "9.99.199.249/32" },
};

static const struct good good_v6[] = {
	{ "::", 10, 128, { 0 }, "::/128" },
	{ "::/0", 10, 0, { 0 }, "::/0" },
	{ "::1", 10, 128, { [15] = 1 }, "::1/128" },
	{ "1::", 10, 128, { [1] = 1 }, "1::/128" },
	{ "1::2", 10, 128, { [1] = 1, [15] = 2 }, "1::2/128" },
	{ "2001:db8::1", 10, 128, { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
	  "2001:db8::1/128" },
	{ "2001:DB8::1", 10, 128, { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
	  "2001:db8::1/128" },
	{ "2001:0db8:0000:0000:0000:0000:0000:0001", 10, 128,
	  { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 }, "2001:db8::1/128" },
	{ "2001:db8::/32", 10, 32, { 0x20, 0x01, 0x0d, 0xb8 }, "2001:db8::/32" },
	{ "fe80::/10", 10, 10, { 0xfe, 0x80 }, "fe80::/10" },
	{ "1:2:3:4:5:6:7:8", 10, 128,
	  { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8 },
	  "1:2:3:4:5:6:7:8/128" },
	{ "1:2:3:4:5:6:7::", 10, 128,
	  { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0 },
	  "1:2:3:4:5:6:7:0/128" },
	{ "::2:3:4:5:6:7:8", 10, 128,
	  { 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8 },
	  "0:2:3:4:5:6:7:8/128" },
	{ "1::8", 10, 128, { 0, 1, [15] = 8 }, "1::8/128" },
	{ "::ffff:1.2.3.4", 10, 128, { [10] = 0xff, 0xff, 1, 2, 3, 4 },
	  "::ffff:1.2.3.4/128" },
	{ "::FFFF:255.255.255.255", 10, 128,
	  { [10] = 0xff, 0xff, 255, 255, 255, 255 },
	  "::ffff:255.255.255.255/128" },
	{ "::ffff:0.0.0.0/96", 10, 96, { [10] = 0xff, 0xff },
	  "::ffff:0.0.0.0/96" },
	{ "::1.2.3.4", 10, 128, { [12] = 1, 2, 3, 4 }, "::102:304/128" },
	{ "64:ff9b::192.0.2.33", 10, 128,
	  { 0, 0x64, 0xff, 0x9b, [12] = 192, 0, 2, 33 },
	  "64:ff9b::c000:221/128" },
	{ "1:2:3:4:5:6:1.2.3.4", 10, 128,
	  { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4 },
	  "1:2:3:4:5:6:102:304/128" },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", 10, 128,
	  { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" },
	{ "2001:db8:0:0:1:0:0:1", 10, 128,
	  { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 },
	  "2001:db8::1:0:0:1/128" },
	{ "0:0:0:0:0:0:0:0", 10, 128, { 0 }, "::/128" },
	{ "8000::/1", 10, 1, { 0x80 }, "8000::/1" },
	{ "2001:db8:1:2:3:4:5:6/127", 10, 127,
	  { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6 },
	  "2001:db8:1:2:3:4:5:6/127" },
};

static void check_good(const struct good *g, size_t n)
{
	char got[40], want[40], txt[C2G_PREFIX_FMT_MAX];
	struct c2g_prefix p;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		r = parse(g[i].text, &p);
		CHECK(r == C2G_ADDR_OK, "\"%s\" -> %s", g[i].text, ename(r));
		if (r)
			continue;
		hex(got, p.addr, 16);
		hex(want, g[i].addr, 16);
		CHECK(p.family == g[i].family && p.len == g[i].len &&
		      !memcmp(p.addr, g[i].addr, 16),
		      "\"%s\": family %u len %u addr %s, want %u %u %s",
		      g[i].text, p.family, p.len, got, g[i].family, g[i].len,
		      want);
		r = c2g_prefix_format(&p, txt, sizeof(txt));
		CHECK(r > 0 && !strcmp(txt, g[i].canon),
		      "\"%s\" formats as \"%s\", want \"%s\"", g[i].text, txt,
		      g[i].canon);
	}
}

static void parse_v4_valid(void)
{
	check_good(good_v4, ARRAY_SIZE(good_v4));
}

static void parse_v6_valid(void)
{
	check_good(good_v6, ARRAY_SIZE(good_v6));
}

struct bad {
	const char *text;
	int err;
};

static const struct bad bad_v4[] = {
	{ "1.2.3", C2G_ADDR_BAD_V4 },
	{ "1.2.3.4.5", C2G_ADDR_BAD_V4 },
	{ "1.2.3.4.", C2G_ADDR_BAD_V4 },
	{ ".1.2.3.4", C2G_ADDR_BAD_V4 },
	{ "1..2.3", C2G_ADDR_BAD_V4 },
	{ "1.2..3.4", C2G_ADDR_BAD_V4 },
	{ "256.1.1.1", C2G_ADDR_BAD_V4 },
	{ "1.2.3.256", C2G_ADDR_BAD_V4 },
	{ "999.1.1.1", C2G_ADDR_BAD_V4 },
	{ "01.2.3.4", C2G_ADDR_BAD_V4 },
	{ "1.2.3.04", C2G_ADDR_BAD_V4 },
	{ "1.2.3.00", C2G_ADDR_BAD_V4 },
	{ "1.2.3.0004", C2G_ADDR_BAD_V4 },
	{ "1111.2.3.4", C2G_ADDR_BAD_V4 },
	{ "1.2.3.-4", C2G_ADDR_BAD_V4 },
	{ "+1.2.3.4", C2G_ADDR_BAD_V4 },
	{ " 1.2.3.4", C2G_ADDR_BAD_V4 },
	{ "1.2.3.4a", C2G_ADDR_BAD_V4 },
	{ "a.b.c.d", C2G_ADDR_BAD_V4 },
	{ "0x1.2.3.4", C2G_ADDR_BAD_V4 },
	{ "1,2,3,4", C2G_ADDR_BAD_V4 },
	{ "localhost", C2G_ADDR_BAD_V4 },
	{ "1", C2G_ADDR_BAD_V4 },
	{ "16909060", C2G_ADDR_BAD_V4 },
	{ "1.2.3.4 ", C2G_ADDR_TRAILING },
	{ "1.2.3.4x", C2G_ADDR_TRAILING },
	{ "1.2.3.4\n", C2G_ADDR_TRAILING },
	{ "1.2.3.4%eth0", C2G_ADDR_TRAILING },
	{ "", C2G_ADDR_EMPTY },
	{ "/", C2G_ADDR_EMPTY },
	{ "/24", C2G_ADDR_EMPTY },
};

static const struct bad bad_v6[] = {
	{ ":::", C2G_ADDR_BAD_V6 },
	{ "::::", C2G_ADDR_BAD_V6 },
	{ ":", C2G_ADDR_BAD_V6 },
	{ ":1", C2G_ADDR_BAD_V6 },
	{ "1:", C2G_ADDR_BAD_V6 },
	{ ":1::", C2G_ADDR_BAD_V6 },
	{ "1::2:", C2G_ADDR_BAD_V6 },
	{ "1::2::3", C2G_ADDR_BAD_V6 },
	{ "::1::", C2G_ADDR_BAD_V6 },
	{ "1:::2", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4:5:6:7", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4:5:6:7:8:9", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4:5:6:7:8:", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4:5:6:7:8::", C2G_ADDR_BAD_V6 },
	{ "::1:2:3:4:5:6:7:8", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4::5:6:7:8", C2G_ADDR_BAD_V6 },
	{ "12345::", C2G_ADDR_BAD_V6 },
	{ "::12345", C2G_ADDR_BAD_V6 },
	{ "g::", C2G_ADDR_BAD_V6 },
	{ "::g", C2G_ADDR_TRAILING },
	{ "[::1]", C2G_ADDR_BAD_V6 },
	{ " ::1", C2G_ADDR_BAD_V6 },
	{ "1.2.3.4::", C2G_ADDR_BAD_V6 },
	{ "1.2.3.4:5:6:7:8:9:10", C2G_ADDR_BAD_V6 },
	{ "::1.2.3.4:5", C2G_ADDR_BAD_V6 },
	{ "::1.2.3.4::", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4:5:6:7:1.2.3.4", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4:5:6:1.2.3.4:8", C2G_ADDR_BAD_V6 },
	{ "1:2:3:4:5:1.2.3.4", C2G_ADDR_BAD_V6 },
	{ "::1.2.3.4.5", C2G_ADDR_BAD_V6 },
	{ "::ffff:1.2.3", C2G_ADDR_BAD_V6 },
	{ "::ffff:01.2.3.4", C2G_ADDR_BAD_V6 },
	{ "::ffff:256.1.1.1", C2G_ADDR_BAD_V6 },
	{ "::ffff:1.2.3.4a", C2G_ADDR_BAD_V6 },
	{ "::ab.1.2.3", C2G_ADDR_BAD_V6 },
	{ "::1.", C2G_ADDR_BAD_V6 },
	{ "::.", C2G_ADDR_BAD_V6 },
	{ "2001:db8::1 ", C2G_ADDR_TRAILING },
	{ "fe80::1%eth0", C2G_ADDR_TRAILING },
	{ "::%1", C2G_ADDR_TRAILING },
	{ "-::1", C2G_ADDR_BAD_V6 },
	{ "0x1::", C2G_ADDR_BAD_V6 },
};

static void check_bad(const struct bad *b, size_t n)
{
	struct c2g_prefix p;
	static const u8 zero[sizeof(p)];
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		memset(&p, 0xa5, sizeof(p));
		r = parse(b[i].text, &p);
		CHECK(r == b[i].err, "\"%s\" -> %s, want %s", b[i].text,
		      ename(r), ename(b[i].err));
		if (r != C2G_ADDR_OK && r != C2G_ADDR_HOST_BITS)
			CHECK(!memcmp(&p, zero, sizeof(p)),
			      "\"%s\": result not zeroed on error", b[i].text);
	}
}

static void parse_v4_invalid(void)
{
	check_bad(bad_v4, ARRAY_SIZE(bad_v4));
}

static void parse_v6_invalid(void)
{
	check_bad(bad_v6, ARRAY_SIZE(bad_v6));
}

static const struct bad prefix_cases[] = {
	{ "10.0.0.0/8", C2G_ADDR_OK },
	{ "0.0.0.0/0", C2G_ADDR_OK },
	{ "1.2.3.4/32", C2G_ADDR_OK },
	{ "::/0", C2G_ADDR_OK },
	{ "::1/128", C2G_ADDR_OK },
	{ "1.2.3.4/", C2G_ADDR_BAD_LEN },
	{ "::1/", C2G_ADDR_BAD_LEN },
	{ "10.0.0.0/+8", C2G_ADDR_BAD_LEN },
	{ "10.0.0.0/-8", C2G_ADDR_BAD_LEN },
	{ "10.0.0.0/ 8", C2G_ADDR_BAD_LEN },
	{ "10.0.0.0/08", C2G_ADDR_BAD_LEN },
	{ "0.0.0.0/00", C2G_ADDR_BAD_LEN },
	{ "::/000", C2G_ADDR_BAD_LEN },
	{ "10.0.0.0//8", C2G_ADDR_BAD_LEN },
	{ "10.0.0.0/x", C2G_ADDR_BAD_LEN },
	{ "10.0.0.0/8 ", C2G_ADDR_TRAILING },
	{ "10.0.0.0/8/8", C2G_ADDR_TRAILING },
	{ "10.0.0.0/8a", C2G_ADDR_TRAILING },
	{ "10.0.0.0/0x8", C2G_ADDR_TRAILING },
	{ "10.0.0.0/8\n", C2G_ADDR_TRAILING },
	{ "1.2.3.4/33", C2G_ADDR_LEN_RANGE },
	{ "1.2.3.4/99", C2G_ADDR_LEN_RANGE },
	{ "::/129", C2G_ADDR_LEN_RANGE },
	{ "::/255", C2G_ADDR_LEN_RANGE },
	{ "::/256", C2G_ADDR_LEN_RANGE },
	{ "::/1000", C2G_ADDR_LEN_RANGE },
	{ "0.0.0.0/4294967328", C2G_ADDR_LEN_RANGE },
	{ "0.0.0.0/99999999999999999999999999999", C2G_ADDR_LEN_RANGE },
	{ "::/18446744073709551744", C2G_ADDR_LEN_RANGE },
};

static void prefix_length(void)
{
	unsigned int len, max;
	char buf[64];
	struct c2g_prefix p;
	int r;

	check_bad(prefix_cases, ARRAY_SIZE(prefix_cases));
	/* Every length of the all-zero address is fine, one more is not. */
	for (max = 32; max <= 128; max += 96) {
		for (len = 0; len <= max + 1; len++) {
			snprintf(buf, sizeof(buf), "%s/%u",
				 max == 32 ? "0.0.0.0" : "::", len);
			r = parse(buf, &p);
			if (len <= max)
				CHECK(r == C2G_ADDR_OK && p.len == len,
				      "\"%s\" -> %s len %u", buf, ename(r), p.len);
			else
				CHECK(r == C2G_ADDR_LEN_RANGE, "\"%s\" -> %s",
				      buf, ename(r));
		}
	}
}

static void host_bits(void)
{
	static const struct bad cases[] = {
		{ "10.0.0.1/8", C2G_ADDR_HOST_BITS },
		{ "11.0.0.0/7", C2G_ADDR_HOST_BITS },
		{ "10.0.0.0/7", C2G_ADDR_OK },
		{ "1.2.3.4/0", C2G_ADDR_HOST_BITS },
		{ "255.255.255.255/31", C2G_ADDR_HOST_BITS },
		{ "255.255.255.254/31", C2G_ADDR_OK },
		{ "192.168.1.128/25", C2G_ADDR_OK },
		{ "192.168.1.192/25", C2G_ADDR_HOST_BITS },
		{ "2001:db8::1/127", C2G_ADDR_HOST_BITS },
		{ "2001:db8::2/127", C2G_ADDR_OK },
		{ "2001:db8::/31", C2G_ADDR_OK },
		{ "2001:db9::/31", C2G_ADDR_HOST_BITS },
		{ "::1/0", C2G_ADDR_HOST_BITS },
		{ "::ffff:1.2.3.4/96", C2G_ADDR_HOST_BITS },
		{ "::ffff:1.2.3.4/128", C2G_ADDR_OK },
		{ "8000::/1", C2G_ADDR_OK },
		{ "c000::/1", C2G_ADDR_HOST_BITS },
	};
	struct c2g_prefix p;
	unsigned int bit, plen;
	char buf[64];
	u8 a[4];
	int r;

	check_bad(cases, ARRAY_SIZE(cases));

	/* On HOST_BITS the prefix is still returned, unmasked. */
	r = parse("10.1.2.3/8", &p);
	CHECK(r == C2G_ADDR_HOST_BITS && p.family == C2G_AF_INET && p.len == 8 &&
	      p.addr[0] == 10 && p.addr[1] == 1 && p.addr[2] == 2 &&
	      p.addr[3] == 3, "HOST_BITS result %u/%u", p.family, p.len);

	/* A single bit at position @bit is a host bit iff bit >= plen. */
	for (bit = 0; bit < 32; bit++) {
		for (plen = 0; plen <= 32; plen++) {
			u32 v = 0x80000000u >> bit;

			a[0] = v >> 24;
			a[1] = v >> 16;
			a[2] = v >> 8;
			a[3] = v;
			snprintf(buf, sizeof(buf), "%u.%u.%u.%u/%u", a[0], a[1],
				 a[2], a[3], plen);
			r = parse(buf, &p);
			CHECK(r == (bit < plen ? C2G_ADDR_OK : C2G_ADDR_HOST_BITS),
			      "\"%s\" -> %s", buf, ename(r));
		}
	}
}

static void error_coverage(void)
{
	static const struct bad one_each[] = {
		{ "1.2.3.4", C2G_ADDR_OK },
		{ "", C2G_ADDR_EMPTY },
		{ "1.2.3", C2G_ADDR_BAD_V4 },
		{ "1::2::3", C2G_ADDR_BAD_V6 },
		{ "1.2.3.4/", C2G_ADDR_BAD_LEN },
		{ "1.2.3.4/33", C2G_ADDR_LEN_RANGE },
		{ "1.2.3.4/24", C2G_ADDR_HOST_BITS },
		{ "1.2.3.4 x", C2G_ADDR_TRAILING },
	};
	bool seen[__C2G_ADDR_ERR_MAX] = { false };
	const char *msg[__C2G_ADDR_ERR_MAX];
	struct c2g_prefix p;
	int e, f;

	for (e = 0; e < (int)ARRAY_SIZE(one_each); e++) {
		int r = parse(one_each[e].text, &p);

		CHECK(r == one_each[e].err, "\"%s\" -> %s", one_each[e].text,
		      ename(r));
		if (r >= 0 && r < __C2G_ADDR_ERR_MAX)
			seen[r] = true;
	}
	for (e = 0; e < __C2G_ADDR_ERR_MAX; e++) {
		CHECK(seen[e], "no input yields %s", ename(e));
		msg[e] = c2g_addr_strerror(e);
		CHECK(msg[e] && *msg[e], "strerror(%d) empty", e);
		for (f = 0; f < e; f++)
			CHECK(strcmp(msg[e], msg[f]), "strerror(%d) == strerror(%d)",
			      e, f);
	}
	CHECK(!strcmp(c2g_addr_strerror(C2G_ADDR_HOST_BITS),
		      "address bits set past the prefix length"), "%s",
	      c2g_addr_strerror(C2G_ADDR_HOST_BITS));
	CHECK(!strcmp(c2g_addr_strerror(-1), c2g_addr_strerror(999)) &&
	      strcmp(c2g_addr_strerror(-1), c2g_addr_strerror(0)),
	      "unknown error codes");
	CHECK(!strcmp(c2g_addr_strerror(__C2G_ADDR_ERR_MAX), c2g_addr_strerror(-1)),
	      "MAX is unknown");
}

struct fmt {
	u8 family;
	u8 addr[16];
	const char *text;
};

#define W(x)	((x) >> 8), ((x) & 0xff)

static const struct fmt fmt_cases[] = {
	{ 10, { 0 }, "::" },
	{ 10, { [15] = 1 }, "::1" },
	{ 10, { [1] = 1 }, "1::" },
	{ 10, { W(0x2001), W(0xdb8), [15] = 1 }, "2001:db8::1" },
	/* two runs of equal length: the first is compressed */
	{ 10, { W(0x2001), W(0xdb8), W(0), W(0), W(1), W(0), W(0), W(1) },
	  "2001:db8::1:0:0:1" },
	/* the longest run wins even when it is not the first */
	{ 10, { W(0x2001), W(0), W(0), W(1), W(0), W(0), W(0), W(1) },
	  "2001:0:0:1::1" },
	/* a single zero group is never compressed */
	{ 10, { W(0x2001), W(0xdb8), W(0), W(1), W(1), W(1), W(1), W(1) },
	  "2001:db8:0:1:1:1:1:1" },
	{ 10, { W(1), W(0), W(1), W(0), W(1), W(0), W(1), W(0) },
	  "1:0:1:0:1:0:1:0" },
	{ 10, { W(0), W(1), W(0), W(1), W(0), W(1), W(0), W(1) },
	  "0:1:0:1:0:1:0:1" },
	{ 10, { W(1), W(0), W(0), W(2), W(0), W(0), W(0), W(3) },
	  "1:0:0:2::3" },
	{ 10, { W(0), W(0), W(1), W(0), W(0), W(0), W(0), W(0) }, "0:0:1::" },
	{ 10, { W(0), W(0), W(0), W(1), W(0), W(0), W(0), W(1) }, "::1:0:0:0:1" },
	{ 10, { W(1), W(2), W(3), W(4), W(5), W(6), W(7), W(8) },
	  "1:2:3:4:5:6:7:8" },
	{ 10, { W(0xabcd), W(0xef01), W(0x0a), W(0x100), W(0xf000), W(0x10),
		W(0x1), W(0xffff) }, "abcd:ef01:a:100:f000:10:1:ffff" },
	{ 10, { W(1), W(2), W(3), W(4), W(5), W(6), W(7), W(0) },
	  "1:2:3:4:5:6:7:0" },
	{ 10, { [10] = 0xff, 0xff, 1, 2, 3, 4 }, "::ffff:1.2.3.4" },
	{ 10, { [10] = 0xff, 0xff }, "::ffff:0.0.0.0" },
	{ 10, { [12] = 1, 2, 3, 4 }, "::102:304" },
	{ 10, { [9] = 1, 0xff, 0xff, 1, 2, 3, 4 }, "::1:ffff:102:304" },
	{ 10, { W(0x64), W(0xff9b), [12] = 192, 0, 2, 33 }, "64:ff9b::c000:221" },
	{ 10, { W(0xfe80), [8] = W(0x0200), W(0x5eff), W(0xfe00), W(0x5301) },
	  "fe80::200:5eff:fe00:5301" },
	{ 2, { 0, 0, 0, 0 }, "0.0.0.0" },
	{ 2, { 255, 255, 255, 255 }, "255.255.255.255" },
	{ 2, { 10, 0, 0, 1 }, "10.0.0.1" },
	{ 2, { 1, 20, 100, 200 }, "1.20.100.200" },
};

static void format_rfc5952(void)
{
	char buf[C2G_ADDR_FMT_MAX];
	size_t i;
	int r;

	for (i = 0; i < ARRAY_SIZE(fmt_cases); i++) {
		r = c2g_addr_format(fmt_cases[i].family, fmt_cases[i].addr, buf,
				    sizeof(buf));
		CHECK(r == (int)strlen(fmt_cases[i].text) &&
		      !strcmp(buf, fmt_cases[i].text), "got \"%s\" (%d), want \"%s\"",
		      r < 0 ? "" : buf, r, fmt_cases[i].text);
	}
}

static void format_buffer(void)
{
	static const u8 v4[4] = { 255, 255, 255, 255 };
	u8 v6[16];
	char buf[64];
	int r;

	memset(v6, 0xff, sizeof(v6));
	memset(buf, 'x', sizeof(buf));
	r = c2g_addr_format(C2G_AF_INET, v4, buf, 16);
	CHECK(r == 15 && !strcmp(buf, "255.255.255.255"), "r=%d", r);
	memset(buf, 'x', sizeof(buf));
	r = c2g_addr_format(C2G_AF_INET, v4, buf, 15);
	CHECK(r == -1 && buf[0] == 'x', "too small: r=%d", r);
	r = c2g_addr_format(C2G_AF_INET, v4, buf, 0);
	CHECK(r == -1, "zero size: r=%d", r);
	r = c2g_addr_format(C2G_AF_INET6, v6, buf, 40);
	CHECK(r == 39 && buf[39] == '\0', "v6 max: r=%d", r);
	memset(buf, 'x', sizeof(buf));
	r = c2g_addr_format(C2G_AF_INET6, v6, buf, 39);
	CHECK(r == -1 && buf[0] == 'x' && buf[38] == 'x', "v6 too small: r=%d", r);
	r = c2g_addr_format(0, v6, buf, sizeof(buf));
	CHECK(r == -1, "family 0: r=%d", r);
	r = c2g_addr_format(3, v6, buf, sizeof(buf));
	CHECK(r == -1, "family 3: r=%d", r);
	r = c2g_addr_format(C2G_AF_INET6, (const u8 *)"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
			    buf, 3);
	CHECK(r == 2 && !strcmp(buf, "::"), "\"::\" in 3 bytes: r=%d", r);
	r = c2g_addr_format(C2G_AF_INET6, (const u8 *)"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
			    buf, 2);
	CHECK(r == -1, "\"::\" in 2 bytes: r=%d", r);
}

static void prefix_format(void)
{
	struct c2g_prefix p = { .family = C2G_AF_INET6, .len = 128 };
	char buf[C2G_PREFIX_FMT_MAX];
	int r;

	memset(p.addr, 0xff, 16);
	r = c2g_prefix_format(&p, buf, sizeof(buf));
	CHECK(r == 43 && !strcmp(buf, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"),
	      "r=%d %s", r, buf);
	r = c2g_prefix_format(&p, buf, 43);
	CHECK(r == -1, "too small: r=%d", r);
	r = c2g_prefix_format(&p, buf, 44);
	CHECK(r == 43, "exact: r=%d", r);
	p.family = C2G_AF_INET;
	p.len = 0;
	memset(p.addr, 0, 16);
	r = c2g_prefix_format(&p, buf, sizeof(buf));
	CHECK(r == 9 && !strcmp(buf, "0.0.0.0/0"), "r=%d %s", r, buf);
	p.family = 0;
	CHECK(c2g_prefix_format(&p, buf, sizeof(buf)) == -1, "family 0");
}

static unsigned long long rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned long long rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void round_trip(void)
{
	char txt[C2G_PREFIX_FMT_MAX], txt2[C2G_PREFIX_FMT_MAX];
	struct c2g_prefix p, q;
	unsigned int i, k, bits;
	int r;

	for (i = 0; i < 200000; i++) {
		memset(&p, 0, sizeof(p));
		p.family = (rng() & 1) ? C2G_AF_INET6 : C2G_AF_INET;
		bits = c2g_family_bits(p.family);
		for (k = 0; k < bits / 16; k++) {
			/* Plenty of zero groups to exercise "::". */
			unsigned int w = (rng() & 1) ? 0 : (unsigned int)rng();

			if ((rng() & 3) == 0)
				w &= 0xf;
			p.addr[2 * k] = (u8)(w >> 8);
			p.addr[2 * k + 1] = (u8)w;
		}
		if (i % 64 == 0 && p.family == C2G_AF_INET6) {
			memset(p.addr, 0, 10);
			p.addr[10] = p.addr[11] = 0xff;
		}
		p.len = (u8)(rng() % (bits + 1));
		c2g_prefix_mask(p.addr, bits / 8, p.len);

		r = c2g_prefix_format(&p, txt, sizeof(txt));
		CHECK(r > 0, "format failed");
		r = parse(txt, &q);
		CHECK(r == C2G_ADDR_OK && !memcmp(&p, &q, sizeof(p)),
		      "\"%s\" -> %s", txt, ename(r));
		c2g_prefix_format(&q, txt2, sizeof(txt2));
		CHECK(!strcmp(txt, txt2), "\"%s\" != \"%s\"", txt, txt2);
		if (ktap_failed)
			break;
	}
}

static void n_bounded(void)
{
	static const char *const texts[] = {
		"1.2.3.4", "10.0.0.0/8", "2001:db8::1", "::", "1::", "::1",
		"::ffff:1.2.3.4", "2001:db8::/32", "::/0", "0.0.0.0/0",
		"1:2:3:4:5:6:7:8", "255.255.255.255/32", "fe80::/10",
	};
	struct c2g_prefix p, q;
	size_t i, n, len;
	char *heap;
	int r;

	/* Every prefix of a valid text, from an exactly-sized heap buffer. */
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		len = strlen(texts[i]);
		for (n = 0; n <= len; n++) {
			heap = malloc(n ? n : 1);
			memcpy(heap, texts[i], n);
			r = c2g_prefix_parse(heap, n, &p);
			free(heap);
			if (n == len)
				CHECK(r == C2G_ADDR_OK, "\"%s\" -> %s", texts[i],
				      ename(r));
			else
				CHECK(r >= 0 && r < __C2G_ADDR_ERR_MAX,
				      "\"%.*s\" -> %d", (int)n, texts[i], r);
		}
	}
	/* Bytes after n are not looked at. */
	r = c2g_prefix_parse("1.2.3.45", 7, &p);
	CHECK(r == C2G_ADDR_OK && p.addr[3] == 4, "\"1.2.3.4\"5 -> %s", ename(r));
	r = c2g_prefix_parse("10.0.0.0/8 junk", 10, &p);
	CHECK(r == C2G_ADDR_OK && p.len == 8, "10.0.0.0/8 + junk -> %s", ename(r));
	r = c2g_prefix_parse("10.0.0.0/89", 10, &p);
	CHECK(r == C2G_ADDR_OK && p.len == 8, "/8 of /89 -> %s", ename(r));
	r = c2g_prefix_parse("::1:2", 3, &p);
	CHECK(r == C2G_ADDR_OK && p.addr[15] == 1, "::1 of ::1:2 -> %s", ename(r));
	r = c2g_prefix_parse("1.2.3.4", 3, &p);
	CHECK(r == C2G_ADDR_BAD_V4, "\"1.2\" -> %s", ename(r));
	r = c2g_prefix_parse("::", 1, &p);
	CHECK(r == C2G_ADDR_BAD_V6, "\":\" -> %s", ename(r));
	r = c2g_prefix_parse("", 0, &p);
	CHECK(r == C2G_ADDR_EMPTY, "n=0 -> %s", ename(r));
	r = c2g_prefix_parse(NULL, 0, &p);
	CHECK(r == C2G_ADDR_EMPTY, "NULL/0 -> %s", ename(r));
	/* Embedded NUL bytes are just bad characters. */
	r = c2g_prefix_parse("1.2.3.4\0", 8, &p);
	CHECK(r == C2G_ADDR_TRAILING, "\"1.2.3.4\\0\" -> %s", ename(r));
	r = c2g_prefix_parse("1.2\0.3.4", 8, &p);
	CHECK(r == C2G_ADDR_BAD_V4, "\"1.2\\0.3.4\" -> %s", ename(r));
	r = c2g_prefix_parse("::1\0", 4, &p);
	CHECK(r == C2G_ADDR_TRAILING, "\"::1\\0\" -> %s", ename(r));
	r = c2g_prefix_parse("10.0.0.0/8\0", 11, &p);
	CHECK(r == C2G_ADDR_TRAILING, "\"10.0.0.0/8\\0\" -> %s", ename(r));
	/* Same result whether the text comes from a long or short buffer. */
	r = c2g_prefix_parse("2001:db8::1", 11, &q);
	CHECK(r == C2G_ADDR_OK, "%s", ename(r));
}

static void overlong(void)
{
	size_t n = 1 << 20, i;
	struct c2g_prefix p;
	char *s = malloc(n);
	int r;

	memset(s, '1', n);
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_BAD_V4, "1M digits -> %s", ename(r));

	memset(s, ':', n);
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_BAD_V6, "1M colons -> %s", ename(r));

	memcpy(s, "::", 2);
	memset(s + 2, '0', n - 2);
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_BAD_V6, ":: and 1M zeros -> %s", ename(r));

	for (i = 0; i + 2 <= n; i += 2)
		memcpy(s + i, "1:", 2);
	s[n - 1] = '1';
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_BAD_V6, "1:1:1:... -> %s", ename(r));

	memcpy(s, "1.2.3.4/", 8);
	memset(s + 8, '9', n - 8);
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_LEN_RANGE, "1.2.3.4/999... -> %s", ename(r));

	memset(s + 8, '0', n - 8);
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_BAD_LEN, "1.2.3.4/000... -> %s", ename(r));

	memcpy(s, "1.2.3.4 ", 8);
	memset(s + 8, 'x', n - 8);
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_TRAILING, "1.2.3.4 xxx... -> %s", ename(r));

	memset(s, '/', n);
	r = c2g_prefix_parse(s, n, &p);
	CHECK(r == C2G_ADDR_EMPTY, "///... -> %s", ename(r));
	free(s);
}

static void mask_and_clear(void)
{
	unsigned int addrlen, plen, i, ones;
	u8 a[16], b[16];

	for (addrlen = 4; addrlen <= 16; addrlen += 12) {
		for (plen = 0; plen <= addrlen * 8 + 8; plen++) {
			memset(a, 0xff, sizeof(a));
			CHECK(c2g_prefix_host_bits_clear(a, addrlen, plen) ==
			      (plen >= addrlen * 8), "all ones, len %u/%u", plen,
			      addrlen * 8);
			c2g_prefix_mask(a, addrlen, plen);
			for (ones = 0, i = 0; i < addrlen * 8; i++)
				ones += (a[i / 8] >> (7 - i % 8)) & 1;
			CHECK(ones == (plen < addrlen * 8 ? plen : addrlen * 8),
			      "mask %u/%u leaves %u bits", plen, addrlen * 8, ones);
			for (i = addrlen; i < sizeof(a); i++)
				CHECK(a[i] == 0xff, "mask %u/%u wrote past the address",
				      plen, addrlen);
			CHECK(c2g_prefix_host_bits_clear(a, addrlen, plen),
			      "masked %u/%u not clear", plen, addrlen * 8);
			/* Masking is idempotent, and clears nothing inside. */
			memcpy(b, a, sizeof(b));
			c2g_prefix_mask(b, addrlen, plen);
			CHECK(!memcmp(a, b, sizeof(a)), "mask twice differs");
			if (plen && plen <= addrlen * 8)
				CHECK(c2g_prefix_host_bits_clear(a, addrlen, plen - 1) ==
				      false, "bit %u is a host bit of /%u", plen - 1,
				      plen - 1);
		}
	}
	memset(a, 0, sizeof(a));
	CHECK(c2g_prefix_host_bits_clear(a, 16, 0), "zero /0");
	CHECK(c2g_prefix_host_bits_clear(a, 0, 0), "empty address");
}

static void family_bits(void)
{
	CHECK(c2g_family_bits(C2G_AF_INET) == 32, "inet");
	CHECK(c2g_family_bits(C2G_AF_INET6) == 128, "inet6");
	CHECK(c2g_family_bits(0) == 0, "0");
	CHECK(c2g_family_bits(1) == 0, "1");
	CHECK(c2g_family_bits(3) == 0, "3");
	CHECK(c2g_family_bits(255) == 0, "255");
	CHECK(C2G_AF_INET == AF_INET && C2G_AF_INET6 == AF_INET6,
	      "families match the socket API");
}

/* Addresses (without '/') must be accepted exactly when glibc accepts them. */
static void agrees_with_inet_pton(void)
{
	const struct good *g[] = { good_v4, good_v6 };
	const size_t gn[] = { ARRAY_SIZE(good_v4), ARRAY_SIZE(good_v6) };
	const struct bad *b[] = { bad_v4, bad_v6 };
	const size_t bn[] = { ARRAY_SIZE(bad_v4), ARRAY_SIZE(bad_v6) };
	unsigned int t, compared = 0;
	size_t i;

	for (t = 0; t < 4; t++) {
		size_t n = t < 2 ? gn[t] : bn[t - 2];

		for (i = 0; i < n; i++) {
			const char *s = t < 2 ? g[t][i].text : b[t - 2][i].text;
			struct c2g_prefix p;
			u8 buf[16];
			int r, af, ok;

			if (strchr(s, '/'))
				continue;
			af = strchr(s, ':') ? AF_INET6 : AF_INET;
			ok = inet_pton(af, s, buf) == 1;
			r = parse(s, &p);
			CHECK((r == C2G_ADDR_OK) == ok, "\"%s\": ours %s, inet_pton %d",
			      s, ename(r), ok);
			if (ok && !r)
				CHECK(!memcmp(buf, p.addr, af == AF_INET ? 4 : 16),
				      "\"%s\" bytes differ", s);
			compared++;
		}
	}
	printf("# compared %u addresses with inet_pton\n", compared);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(parse_v4_valid),
	KTAP_CASE(parse_v4_invalid),
	KTAP_CASE(parse_v6_valid),
	KTAP_CASE(parse_v6_invalid),
	KTAP_CASE(prefix_length),
	KTAP_CASE(host_bits),
	KTAP_CASE(error_coverage),
	KTAP_CASE(format_rfc5952),
	KTAP_CASE(format_buffer),
	KTAP_CASE(prefix_format),
	KTAP_CASE(round_trip),
	KTAP_CASE(n_bounded),
	KTAP_CASE(overlong),
	KTAP_CASE(mask_and_clear),
	KTAP_CASE(family_bits),
	KTAP_CASE(agrees_with_inet_pton),
};

int main(void)
{
	return ktap_run(cases, ARRAY_SIZE(cases));
}
