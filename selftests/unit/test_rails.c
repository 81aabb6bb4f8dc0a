// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of ctl/rails.c: the indicators c2ctl refuses without "force"
 * and the near misses it must keep accepting.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rails.h"
#include "ktap.h"

/* Loaded once by main(): the list and this "gateway's" addresses. */
static struct c2_rails rails;

static void add_local(struct c2_rails *r, const char *addr, const char *ifn)
{
	struct c2g_prefix p;

	CHECK(c2g_prefix_parse(addr, strlen(addr), &p) == C2G_ADDR_OK &&
	      c2_rails_add_local(r, &p, ifn) == 0, "add %s", addr);
}

/*
 * Check the words of @line (ENTRY [action A] ...) against @r: @want is the
 * exact reason expected, or NULL when the line must pass.
 */
static void expect_with(const struct c2_rails *r, const char *line,
			const char *want)
{
	char buf[256], *words[C2_FEED_MAX_WORDS], *save, *w;
	char err[C2_ERR_MAX], why[C2_RAIL_WHY_MAX];
	struct c2_ind_spec spec;
	int n = 0, ret;

	snprintf(buf, sizeof(buf), "%s", line);
	for (w = strtok_r(buf, " ", &save); w && n < C2_FEED_MAX_WORDS;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	c2_spec_init(&spec);
	if (c2_spec_parse_words(&spec, C2_SPEC_OPTS, n, words, err,
				sizeof(err))) {
		CHECK(0, "\"%s\" does not parse: %s", line, err);
		return;
	}
	memset(why, 'Z', sizeof(why));
	ret = c2_rail_check(&spec, r, why, sizeof(why));
	if (!want) {
		CHECK(ret == 0 && !why[0], "\"%s\" refused: %s", line, why);
		return;
	}
	CHECK(ret == 1, "\"%s\" accepted", line);
	CHECK(!strcmp(why, want), "\"%s\": \"%s\", want \"%s\"", line, why,
	      want);
	CHECK(!strchr(why, '\n'), "\"%s\": more than one line", line);
}

static void expect(const char *line, const char *want)
{
	expect_with(&rails, line, want);
}

static void whole_space(void)
{
	expect("0.0.0.0/0", "0.0.0.0/0 covers every IPv4 address");
	expect("0.0.0.0/0 action drop", "0.0.0.0/0 covers every IPv4 address");
	expect("::/0", "::/0 covers every IPv6 address");
	expect("::/0 action reject tag x", "::/0 covers every IPv6 address");
}

static void short_prefixes(void)
{
	expect("16.0.0.0/4", "16.0.0.0/4 is shorter than /8");
	expect("10.0.0.0/7", "10.0.0.0/7 is shorter than /8");
	expect("128.0.0.0/1", "128.0.0.0/1 is shorter than /8");
	expect("2000::/3", "2000::/3 is shorter than /16");
	expect("2000::/15", "2000::/15 is shorter than /16");
	/* near misses */
	expect("11.0.0.0/8", NULL);
	expect("12.0.0.0/8 action drop", NULL);
	expect("2a00::/16", NULL);
	expect("2001:db8::/32", NULL);
	expect("1.2.3.4", NULL);
	expect("2001:db8::1", NULL);
}

static void reserved_v4(void)
{
	expect("127.0.0.1", "127.0.0.1 is inside 127.0.0.0/8 (loopback)");
	expect("127.0.0.0/8", "127.0.0.0/8 is reserved (loopback)");
	expect("127.1.0.0/16", "127.1.0.0/16 is inside 127.0.0.0/8 (loopback)");
	expect("169.254.169.254",
	       "169.254.169.254 is inside 169.254.0.0/16 (link-local)");
	expect("169.0.0.0/8",
	       "169.0.0.0/8 covers 169.254.0.0/16 (link-local)");
	expect("224.0.0.251", "224.0.0.251 is inside 224.0.0.0/4 (multicast)");
	expect("239.0.0.0/8", "239.0.0.0/8 is inside 224.0.0.0/4 (multicast)");
	expect("0.0.0.0", "0.0.0.0 is inside 0.0.0.0/8 (this network)");
	expect("0.0.0.0/8", "0.0.0.0/8 is reserved (this network)");
	expect("255.255.255.255", "255.255.255.255 is reserved (broadcast)");
	expect("255.0.0.0/8",
	       "255.0.0.0/8 covers 255.255.255.255 (broadcast)");
	/* near misses */
	expect("126.255.255.255", NULL);
	expect("128.0.0.0", NULL);
	expect("126.0.0.0/8", NULL);
	expect("1.0.0.0/8", NULL);
	expect("169.253.255.255", NULL);
	expect("169.255.0.0/16", NULL);
	expect("223.255.255.255", NULL);
	expect("240.0.0.0/8", NULL);
	expect("255.255.255.254", NULL);
}

static void reserved_v6(void)
{
	expect("::1", "::1 is reserved (loopback)");
	expect("::", ":: is reserved (unspecified)");
	expect("::/16", "::/16 covers :: (unspecified)");
	expect("fe80::1", "fe80::1 is inside fe80::/10 (link-local)");
	expect("fe80::/16", "fe80::/16 is inside fe80::/10 (link-local)");
	expect("febf::/16", "febf::/16 is inside fe80::/10 (link-local)");
	expect("ff02::1", "ff02::1 is inside ff00::/8 (multicast)");
	expect("ff00::/16", "ff00::/16 is inside ff00::/8 (multicast)");
	/* near misses */
	expect("::2", NULL);
	expect("1::/16", NULL);
	expect("fe7f::/16", NULL);
	expect("fec0::/16", NULL);
	expect("feff:ffff::1", NULL);
}

static void gateway_addresses(void)
{
	struct c2_rails r;
	struct c2g_prefix p = { .family = C2G_AF_INET, .len = 24 };

	expect("192.168.1.0/24",
	       "192.168.1.0/24 covers 192.168.1.1, an address of this gateway (eth1)");
	expect("192.168.0.0/16",
	       "192.168.0.0/16 covers 192.168.1.1, an address of this gateway (eth1)");
	expect("192.168.1.1 action mark",
	       "192.168.1.1 is an address of this gateway (eth1)");
	expect("2001:470:1::/48",
	       "2001:470:1::/48 covers 2001:470:1::1, an address of this gateway (eth0)");
	expect("2001:470:1::1",
	       "2001:470:1::1 is an address of this gateway (eth0)");
	expect("10.20.30.40", "10.20.30.40 is an address of this gateway");
	expect("10.20.0.0/16",
	       "10.20.0.0/16 covers 10.20.30.40, an address of this gateway");
	/* near misses */
	expect("192.168.2.0/24", NULL);
	expect("192.168.1.2", NULL);
	expect("192.168.1.0/32", NULL);
	expect("2001:470:2::/48", NULL);
	expect("2001:470:1::2", NULL);
	expect("10.20.30.41", NULL);

	/* only full-length addresses are local addresses */
	c2_rails_init(&r);
	memcpy(p.addr, "\xc0\xa8\x01\x00", 4);
	CHECK(c2_rails_add_local(&r, &p, "eth1") == -EINVAL && !r.nlocal,
	      "a /24 taken as a local address");
	c2_rails_free(&r);
}

static void system_addresses(void)
{
	struct c2_rails r;
	size_t i;
	int err;

	c2_rails_init(&r);
	err = c2_rails_load_local(&r);
	CHECK(err == 0, "getifaddrs: %d", err);
	printf("# %zu local addresses\n", r.nlocal);
	for (i = 0; i < r.nlocal; i++) {
		const struct c2g_prefix *a = &r.local[i].addr;

		CHECK(a->len == c2g_family_bits(a->family),
		      "entry %zu: /%u", i, a->len);
		CHECK(r.local[i].ifname[0], "entry %zu without interface", i);
	}
	c2_rails_free(&r);
	CHECK(!r.local && !r.nlocal && !r.psl, "free leaves a clean struct");
}

static void actions(void)
{
	static const char *const refused[] = { "alert", "drop", "reject",
					       "mark" };
	char line[64];
	size_t i;

	for (i = 0; i < KTAP_ARRAY_SIZE(refused); i++) {
		snprintf(line, sizeof(line), "0.0.0.0/0 action %s", refused[i]);
		expect(line, "0.0.0.0/0 covers every IPv4 address");
		snprintf(line, sizeof(line), "*.com action %s", refused[i]);
		expect(line, "*.com is a public suffix: it would match every name under it");
	}
	/* allow only lets traffic pass: exempt from every rail */
	expect("0.0.0.0/0 action allow", NULL);
	expect("::/0 action allow", NULL);
	expect("127.0.0.1 action allow", NULL);
	expect("192.168.1.1 action allow", NULL);
	expect("*.com action allow", NULL);
	expect("com action allow", NULL);
}

static void public_suffixes(void)
{
	expect("*.com", "*.com is a public suffix: it would match every name under it");
	expect("*.co.uk", "*.co.uk is a public suffix: it would match every name under it");
	expect("*.uk", "*.uk is a public suffix: it would match every name under it");
	expect("*.xn--p1ai",
	       "*.xn--p1ai is a public suffix: it would match every name under it");
	/* a wildcard rule of the list ("*.ck") */
	expect("*.foo.ck",
	       "*.foo.ck is a public suffix: it would match every name under it");
	expect("*.github.io",
	       "*.github.io is a public suffix (private section of the list): it would match every name under it");
	expect("*.cloudfront.net",
	       "*.cloudfront.net is a public suffix (private section of the list): it would match every name under it");
	expect("*.s3.amazonaws.com",
	       "*.s3.amazonaws.com is a public suffix (private section of the list): it would match every name under it");
	expect("com", "com is a public suffix, not a host name");
	expect("co.uk", "co.uk is a public suffix, not a host name");
	expect("COM.", "com is a public suffix, not a host name");
	/* near misses */
	expect("*.example.co.uk", NULL);
	expect("evil.com", NULL);
	expect("*.evil.com", NULL);
	expect("*.www.ck", NULL);		/* the list's exception */
	expect("*.user.github.io", NULL);
	expect("*.amazonaws.com", NULL);
	expect("github.io", NULL);		/* exact private: a host */
	expect("*.lan", NULL);			/* no implicit "*" rule */
	expect("*.bit", NULL);
	expect("localhost", NULL);
}

static void psl_sources(void)
{
	struct c2_rails r;
	int ret;

	/* no list: names fail closed, addresses are still checked */
	c2_rails_init(&r);
	expect_with(&r, "*.evil.com",
		    "*.evil.com cannot be checked: no Public Suffix List loaded");
	expect_with(&r, "evil.com",
		    "evil.com cannot be checked: no Public Suffix List loaded");
	expect_with(&r, "evil.com action allow", NULL);
	expect_with(&r, "11.0.0.0/8", NULL);
	expect_with(&r, "127.0.0.1", "127.0.0.1 is inside 127.0.0.0/8 (loopback)");

	/* a missing file falls back to libpsl's built-in list */
	ret = c2_rails_load_psl(&r, "/nonexistent/public_suffix_list.dat");
	CHECK(ret == 1 && r.psl && r.psl_builtin, "fallback: %d", ret);
	expect_with(&r, "*.co.uk",
		    "*.co.uk is a public suffix: it would match every name under it");
	expect_with(&r, "*.example.co.uk", NULL);

	/* Debian's file (the publicsuffix package) */
	ret = c2_rails_load_psl(&r, NULL);
	CHECK(ret == (access(C2_PSL_FILE, R_OK) ? 1 : 0), "default: %d", ret);
	CHECK(!!r.psl_builtin == (ret == 1), "psl_builtin %d", r.psl_builtin);
	expect_with(&r, "*.com",
		    "*.com is a public suffix: it would match every name under it");
	c2_rails_free(&r);
}

static void feed_line(void)
{
	struct c2_ind_spec def, out;
	char line[] = "0.0.0.0/0 action drop # oops";
	char ok[] = "203.0.113.7 tag c2 # fine";
	char err[C2_ERR_MAX], why[C2_RAIL_WHY_MAX];

	c2_spec_init(&def);
	def.action = C2GUARD_ACT_DROP;
	CHECK(c2_feed_parse_line(line, strlen(line), &def, &out, err,
				 sizeof(err)) == 1, "%s", err);
	CHECK(c2_rail_check(&out, &rails, why, sizeof(why)) == 1 &&
	      !strcmp(why, "0.0.0.0/0 covers every IPv4 address"), "%s", why);
	CHECK(c2_feed_parse_line(ok, strlen(ok), &def, &out, err,
				 sizeof(err)) == 1, "%s", err);
	CHECK(c2_rail_check(&out, &rails, why, sizeof(why)) == 0, "%s", why);

	/* nothing parsed yet: nothing to refuse */
	c2_spec_init(&out);
	CHECK(c2_rail_check(&out, &rails, why, sizeof(why)) == 0, "%s", why);
}

/*
 * A JA4 fingerprint cuts no address or name: it passes, whatever the
 * action and whatever its spec's address and name fields hold.
 */
static void ja4_fingerprints(void)
{
	static const char *const lines[] = {
		"ja4 t13d1516h2_8daaf6152771_e5627efa2ab1 action drop",
		"q13d0310h3_55b375c5d22e_cd85d2d88918 action quarantine",
	};
	char err[C2_ERR_MAX], why[C2_RAIL_WHY_MAX];
	struct c2_ind_spec d, s;
	struct c2_rails none;
	char buf[80];
	size_t i;

	c2_spec_init(&d);
	c2_rails_init(&none);	/* no list: any name would fail closed */
	for (i = 0; i < KTAP_ARRAY_SIZE(lines); i++) {
		snprintf(buf, sizeof(buf), "%s", lines[i]);
		CHECK(c2_feed_parse_line(buf, strlen(buf), &d, &s, err,
					 sizeof(err)) == 1 &&
		      (s.set & C2_SPEC_JA4), "%s: %s", lines[i], err);
		/* what an address or a name would be refused for */
		s.pfx.family = C2G_AF_INET;
		s.pfx.len = 0;
		strcpy(s.name.s, "com");
		s.name.len = 3;
		s.suffix = true;
		memset(why, 'Z', sizeof(why));
		CHECK(c2_rail_check(&s, &rails, why, sizeof(why)) == 0 && !why[0],
		      "%s refused: %s", lines[i], why);
		CHECK(c2_rail_check(&s, &none, why, sizeof(why)) == 0 && !why[0],
		      "%s refused without a list: %s", lines[i], why);
	}
}

static void short_reason_buffer(void)
{
	struct c2_ind_spec s;
	char err[C2_ERR_MAX], why[8];

	c2_spec_init(&s);
	CHECK(!c2_spec_set_entry(&s, "::/0", err, sizeof(err)), "%s", err);
	CHECK(c2_rail_check(&s, &rails, why, sizeof(why)) == 1 &&
	      !strcmp(why, "::/0 co"), "\"%s\"", why);
	CHECK(c2_rail_check(&s, &rails, NULL, 0) == 1, "no buffer");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(whole_space),
	KTAP_CASE(short_prefixes),
	KTAP_CASE(reserved_v4),
	KTAP_CASE(reserved_v6),
	KTAP_CASE(gateway_addresses),
	KTAP_CASE(system_addresses),
	KTAP_CASE(actions),
	KTAP_CASE(public_suffixes),
	KTAP_CASE(psl_sources),
	KTAP_CASE(feed_line),
	KTAP_CASE(ja4_fingerprints),
	KTAP_CASE(short_reason_buffer),
};

int main(void)
{
	int ret;

	c2_rails_init(&rails);
	if (c2_rails_load_psl(&rails, NULL) < 0) {
		printf("Bail out! no Public Suffix List\n");
		return 1;
	}
	add_local(&rails, "192.168.1.1", "eth1");
	add_local(&rails, "2001:470:1::1", "eth0");
	add_local(&rails, "10.20.30.40", NULL);
	ret = ktap_run(cases, KTAP_ARRAY_SIZE(cases));
	c2_rails_free(&rails);
	return ret;
}
