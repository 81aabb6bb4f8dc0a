// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/hello.c: the ClientHello fields and the JA4 and JA3
 * fingerprints.
 *
 * Against published values: the example of FoxIO's JA4 specification
 * (its lists, its hashes, its fingerprint), and a browser's hello whose
 * JA4, JA4_r and JA3 a fingerprinting service printed together.  Against
 * an independent implementation written here from the specifications
 * (lists in, snprintf/qsort/libcrypto, no byte parsing): curl's captured
 * hello and 20,000 random hellos built with GREASE, odd ALPNs and empty
 * lists.  And every cut and lie of a hello is refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "captures.h"
#include "hello.h"
#include "ktap.h"

static int t_digest(const EVP_MD *md, const u8 *p, size_t len, u8 *out)
{
	unsigned int n;

	return EVP_Digest(p, len, out, &n, md, NULL) ? 0 : -EIO;
}

static int t_sha256(void *ctx, const u8 *p, size_t len, u8 *out)
{
	(void)ctx;
	return t_digest(EVP_sha256(), p, len, out);
}

static int t_md5(void *ctx, const u8 *p, size_t len, u8 *out)
{
	(void)ctx;
	return t_digest(EVP_md5(), p, len, out);
}

static const struct c2g_hello_hash hash = { t_sha256, t_md5, NULL };
static char text[C2G_HELLO_TEXT_MAX];

/* ---- a hello from lists, as bytes ---- */

struct spec {
	u16 version;		/* client_version */
	const u16 *ciphers;
	unsigned int nciphers;
	const u16 *exts;	/* in order; the ones below get their data */
	unsigned int nexts;
	const u16 *sigalgs;
	unsigned int nsigalgs;
	const u16 *groups;
	unsigned int ngroups;
	const u8 *points;
	unsigned int npoints;
	const u16 *versions;	/* supported_versions, if in @exts */
	unsigned int nversions;
	const u8 *alpn;		/* first protocol, then "x" */
	unsigned int alpn_len;
};

static size_t put16(u8 *p, size_t n, unsigned int v)
{
	p[n] = v >> 8;
	p[n + 1] = v;
	return n + 2;
}

static size_t build(const struct spec *s, u8 *b)
{
	size_t n = 4, e, d, i, j;

	n = put16(b, n, s->version);
	memset(b + n, 0x5a, 32);
	n += 32;
	b[n++] = 0;				/* session id */
	n = put16(b, n, 2 * s->nciphers);
	for (i = 0; i < s->nciphers; i++)
		n = put16(b, n, s->ciphers[i]);
	b[n++] = 1;
	b[n++] = 0;
	e = n;
	n += 2;
	for (i = 0; i < s->nexts; i++) {
		n = put16(b, n, s->exts[i]);
		d = n;
		n += 2;
		switch (s->exts[i]) {
		case 0x0000:
			n = put16(b, n, 12);
			b[n++] = 0;
			n = put16(b, n, 9);
			memcpy(b + n, "a.example", 9);
			n += 9;
			break;
		case 0x0010:
			n = put16(b, n, s->alpn_len + 1 + 2);
			b[n++] = s->alpn_len;
			memcpy(b + n, s->alpn, s->alpn_len);
			n += s->alpn_len;
			b[n++] = 1;
			b[n++] = 'x';
			break;
		case 0x000d:
		case 0x000a: {
			bool sa = s->exts[i] == 0x000d;
			const u16 *l = sa ? s->sigalgs : s->groups;
			unsigned int c = sa ? s->nsigalgs : s->ngroups;

			n = put16(b, n, 2 * c);
			for (j = 0; j < c; j++)
				n = put16(b, n, l[j]);
			break;
		}
		case 0x000b:
			b[n++] = s->npoints;
			memcpy(b + n, s->points, s->npoints);
			n += s->npoints;
			break;
		case 0x002b:
			b[n++] = 2 * s->nversions;
			for (j = 0; j < s->nversions; j++)
				n = put16(b, n, s->versions[j]);
			break;
		default:
			b[n++] = 0xee;		/* a byte of data */
		}
		put16(b, d, n - d - 2);		/* the extension's length */
	}
	put16(b, e, n - e - 2);
	b[0] = 1;
	b[1] = 0;
	put16(b, 2, n - 4);
	return n;
}

/* ---- the reference: JA4 and JA3 from the lists, by the specifications ---- */

static bool grease(unsigned int v)
{
	return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

static int cmp16(const void *a, const void *b)
{
	return (int)*(const u16 *)a - (int)*(const u16 *)b;
}

/* @v without GREASE (and without @skip1/@skip2 when asked) into @o */
static unsigned int clean(const u16 *v, unsigned int n, u16 *o, int skip1,
			  int skip2)
{
	unsigned int i, k = 0;

	for (i = 0; i < n; i++)
		if (!grease(v[i]) && v[i] != skip1 && v[i] != skip2)
			o[k++] = v[i];
	return k;
}

static void hex12(const char *s, char *out)
{
	unsigned char d[32];
	unsigned int n, i;

	if (!*s) {
		strcpy(out, "000000000000");
		return;
	}
	EVP_Digest(s, strlen(s), d, &n, EVP_sha256(), NULL);
	for (i = 0; i < 6; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void joinhex(char *s, size_t sz, const u16 *v, unsigned int n)
{
	unsigned int i;

	s[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(s + strlen(s), sz - strlen(s), "%s%04x", i ? "," : "",
			 v[i]);
}

/* Does @s list extension @type?  (Its list means nothing if not.) */
static bool has(const struct spec *s, unsigned int type)
{
	unsigned int i;

	for (i = 0; i < s->nexts; i++)
		if (s->exts[i] == type)
			return true;
	return false;
}

static void ref_ja4(const struct spec *s, bool quic, char *out)
{
	static char a[16], b[16], c[16], list[4096], sig[4096];
	u16 v[256];
	unsigned int n, i, ver = s->version, ne;
	bool has_sni = false, has_alpn = false, has_vers = false;
	const char *vs;

	for (i = 0; i < s->nexts; i++) {
		has_sni |= s->exts[i] == 0;
		has_alpn |= s->exts[i] == 0x10;
		has_vers |= s->exts[i] == 0x2b;
	}
	if (has_vers) {
		ver = 0;
		for (i = 0; i < s->nversions; i++)
			if (!grease(s->versions[i]) && s->versions[i] > ver)
				ver = s->versions[i];
		if (!ver)
			ver = s->version;
	}
	vs = ver == 0x0304 ? "13" : ver == 0x0303 ? "12" : ver == 0x0302 ? "11" :
	     ver == 0x0301 ? "10" : ver == 0x0300 ? "s3" : ver == 0x0002 ? "s2" :
	     ver == 0xfeff ? "d1" : ver == 0xfefd ? "d2" : ver == 0xfefc ? "d3" : "00";
	n = clean(s->ciphers, s->nciphers, v, -1, -1);
	ne = clean(s->exts, s->nexts, v + 128, -1, -1);
	snprintf(a, sizeof(a), "%c%s%c%02u%02u", quic ? 'q' : 't', vs,
		 has_sni ? 'd' : 'i', n > 99 ? 99 : n, ne > 99 ? 99 : ne);
	if (!has_alpn || !s->alpn_len) {
		strcat(a, "00");
	} else {
		unsigned char f = s->alpn[0], l = s->alpn[s->alpn_len - 1];
		bool an = ((f >= '0' && f <= '9') || (f >= 'a' && f <= 'z') ||
			   (f >= 'A' && f <= 'Z')) &&
			  ((l >= '0' && l <= '9') || (l >= 'a' && l <= 'z') ||
			   (l >= 'A' && l <= 'Z'));
		char t[8];

		if (an)
			snprintf(t, sizeof(t), "%c%c", f, l);
		else
			snprintf(t, sizeof(t), "%c%c", "0123456789abcdef"[f >> 4],
				 "0123456789abcdef"[l & 15]);
		strcat(a, t);
	}
	qsort(v, n, 2, cmp16);
	joinhex(list, sizeof(list), v, n);
	hex12(list, b);
	n = clean(s->exts, s->nexts, v, 0, 0x10);
	qsort(v, n, 2, cmp16);
	joinhex(list, sizeof(list), v, n);
	if (n && has(s, 0x000d)) {
		i = clean(s->sigalgs, s->nsigalgs, v, -1, -1);
		joinhex(sig, sizeof(sig), v, i);
		if (i) {
			strcat(list, "_");
			strcat(list, sig);
		}
	}
	hex12(list, c);
	sprintf(out, "%s_%s_%s", a, b, c);
}

static void joindec(char *s, size_t sz, const u16 *v, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!grease(v[i]))
			snprintf(s + strlen(s), sz - strlen(s), "%s%u",
				 s[strlen(s) - 1] == ',' ? "" : "-", v[i]);
}

static void ref_ja3(const struct spec *s, char *out)
{
	static char t[8192];
	unsigned char d[16];
	u16 p[64];
	unsigned int i, n;

	snprintf(t, sizeof(t), "%u,", s->version);
	joindec(t, sizeof(t), s->ciphers, s->nciphers);
	strcat(t, ",");
	joindec(t, sizeof(t), s->exts, s->nexts);
	strcat(t, ",");
	if (has(s, 0x000a))
		joindec(t, sizeof(t), s->groups, s->ngroups);
	strcat(t, ",");
	for (i = 0; i < s->npoints; i++)
		p[i] = s->points[i];
	if (has(s, 0x000b))
		joindec(t, sizeof(t), p, s->npoints);
	EVP_Digest(t, strlen(t), d, &n, EVP_md5(), NULL);
	for (i = 0; i < 16; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

/* c2g_hello_parse + c2g_ja4/ja3 of the bytes of @s */
static int mine(const struct spec *s, bool quic, char *ja4, char *ja3)
{
	static u8 b[8192];
	struct c2g_hello h;
	size_t n = build(s, b);
	int r = c2g_hello_parse(b, n, &h);

	if (r)
		return r;
	r = c2g_ja4(&h, quic, &hash, text, ja4);
	return r ? r : c2g_ja3(&h, &hash, text, ja3);
}

/* ---- the published examples ---- */

static const u16 spec_ciphers[] = {
	0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
	0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035,
};
static const u16 spec_sigalgs[] = {
	0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601,
};
static const u16 v13[] = { 0x0304, 0x0303 };

/* JA4.md: "JA4 = t13d1516h2_8daaf6152771_e5627efa2ab1" */
static void test_spec_example(void)
{
	static const u16 exts[] = {
		0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d,
		0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015,
	};
	static const u16 groups[] = { 0x001d, 0x0017 };
	struct spec s = {
		.version = 0x0303, .ciphers = spec_ciphers, .nciphers = 15,
		.exts = exts, .nexts = 16, .sigalgs = spec_sigalgs,
		.nsigalgs = 8, .groups = groups, .ngroups = 2,
		.points = (const u8 *)"\0", .npoints = 1, .versions = v13,
		.nversions = 2, .alpn = (const u8 *)"h2", .alpn_len = 2,
	};
	char ja4[C2G_JA4_LEN + 1], ja3[33], r4[64];

	CHECK(!mine(&s, false, ja4, ja3), "parse");
	CHECK(!strcmp(ja4, "t13d1516h2_8daaf6152771_e5627efa2ab1"), "%s", ja4);
	ref_ja4(&s, false, r4);
	CHECK(!strcmp(r4, ja4), "reference %s", r4);
	CHECK(!mine(&s, true, ja4, ja3) && ja4[0] == 'q', "quic %s", ja4);
	/* no signature algorithms: "= 6d807ffa2a79" */
	s.nsigalgs = 0;
	CHECK(!mine(&s, false, ja4, ja3) &&
	      !strcmp(ja4 + 24, "6d807ffa2a79"), "no sigalgs: %s", ja4);
}

/*
 * A browser (Chrome 143) as a fingerprinting service printed it: JA4
 * t13d1516h2_8daaf6152771_d8a2da3f94cd, JA3 98487aa16281980e7d1120d399efb6a4
 * (text 771,4865-...,45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,
 * 4588-29-23-24,0).
 */
static void test_browser(void)
{
	static const u16 exts[] = {
		0x002d, 0x0033, 0x0010, 0xfe0d, 0x0017, 0x44cd, 0x0000, 0x000b,
		0x000a, 0x002b, 0xff01, 0x0023, 0x0012, 0x0005, 0x000d, 0x001b,
	};
	static const u16 groups[] = { 4588, 29, 23, 24 };
	struct spec s = {
		.version = 771, .ciphers = spec_ciphers, .nciphers = 15,
		.exts = exts, .nexts = 16, .sigalgs = spec_sigalgs,
		.nsigalgs = 8, .groups = groups, .ngroups = 4,
		.points = (const u8 *)"\0", .npoints = 1, .versions = v13,
		.nversions = 2, .alpn = (const u8 *)"h2", .alpn_len = 2,
	};
	char ja4[C2G_JA4_LEN + 1], ja3[33];

	CHECK(!mine(&s, false, ja4, ja3), "parse");
	CHECK(!strcmp(ja4, "t13d1516h2_8daaf6152771_d8a2da3f94cd"), "%s", ja4);
	CHECK(!strcmp(ja3, "98487aa16281980e7d1120d399efb6a4"), "%s", ja3);
}

/* curl's captured hello: what the reference says of its own reading. */
static void test_curl(void)
{
	struct c2g_hello h;
	char ja4[C2G_JA4_LEN + 1], ja3[33];

	/* a record of 5 bytes, then the handshake message */
	CHECK(!c2g_hello_parse(curl_hello + 5, sizeof(curl_hello) - 5, &h),
	      "parse");
	CHECK(!c2g_ja4(&h, false, &hash, text, ja4) &&
	      !c2g_ja3(&h, &hash, text, ja3), "fingerprints");
	CHECK(h.sni && h.version == 0x0304 && h.legacy_version == 0x0303 &&
	      h.alpn_len == 2 && h.nciphers > 10 && h.nsigalgs > 5,
	      "fields: sni %d version %04x ciphers %u", h.sni, h.version,
	      h.nciphers);
	CHECK(!strncmp(ja4, "t13d", 4) && !memcmp(ja4 + 8, "h2_", 3),
	      "%s", ja4);
	printf("# curl 7.88: JA4 %s JA3 %s\n", ja4, ja3);
}

/* Random hellos: the module's reading and the reference agree. */
static void test_random(void)
{
	static const u16 known[] = { 0x0000, 0x0010, 0x000d, 0x000a, 0x000b,
				     0x002b };
	static u16 ciphers[120], exts[40], sig[40], grp[40], vers[8];
	static u8 pts[8], alpn[20];
	char ja4[C2G_JA4_LEN + 1], ja3[33], r4[64], r3[33];
	unsigned int i, k, bad = 0, invalid = 0, runs = 20000;
	struct spec s;

	srand(4);
	for (k = 0; k < runs; k++) {
		memset(&s, 0, sizeof(s));
		s.version = rand() % 3 ? 0x0303 : 0x0301 + rand() % 3;
		s.nciphers = 1 + rand() % 110;
		for (i = 0; i < s.nciphers; i++)
			ciphers[i] = rand() % 8 ? rand() & 0xffff :
				     0x0a0a + 0x1010 * (rand() % 16);
		s.nexts = rand() % 30;
		for (i = 0; i < s.nexts; i++) {
			/* distinct types: the known ones once, then others */
			exts[i] = i < 6 && rand() % 4 ? known[i] :
				  0x0100 + 17 * i + (rand() % 2 ? 0 : 0x3000);
			if (rand() % 10 == 0)
				exts[i] = 0x1a1a + 0x1010 * (i % 14);
		}
		s.nsigalgs = rand() % 30;
		for (i = 0; i < s.nsigalgs; i++)
			sig[i] = rand() & 0xffff;
		s.ngroups = rand() % 20;
		for (i = 0; i < s.ngroups; i++)
			grp[i] = rand() % 6 ? rand() & 0xffff : 0x2a2a;
		s.npoints = rand() % 4;
		for (i = 0; i < s.npoints; i++)
			pts[i] = rand();
		s.nversions = 1 + rand() % 4;
		for (i = 0; i < s.nversions; i++)
			vers[i] = rand() % 5 ? 0x0301 + rand() % 4 : 0x7a7a;
		s.alpn_len = rand() % 4 ? 1 + rand() % 8 : 0;
		for (i = 0; i < s.alpn_len; i++)
			alpn[i] = rand() % 3 ? 'a' + rand() % 26 : rand();
		s.ciphers = ciphers;
		s.exts = exts;
		s.sigalgs = sig;
		s.groups = grp;
		s.points = pts;
		s.versions = vers;
		s.alpn = alpn;
		if (mine(&s, k & 1, ja4, ja3)) {
			bad++;
			continue;
		}
		/* what the module computes, its netlink accepts as a key */
		if (c2g_ja4_valid(ja4, strlen(ja4)) && invalid++ < 3)
			printf("# case %u: %s refused as a JA4\n", k, ja4);
		ref_ja4(&s, k & 1, r4);
		ref_ja3(&s, r3);
		if (strcmp(ja4, r4) || strcmp(ja3, r3)) {
			if (bad++ < 3)
				printf("# case %u: %s %s / reference %s %s\n",
				       k, ja4, ja3, r4, r3);
		}
	}
	CHECK(!bad, "%u of %u differ", bad, runs);
	CHECK(!invalid, "%u of %u refused by c2g_ja4_valid()", invalid, runs);
}

/* The JA4 text a user or feed gives: each way it can be wrong. */
static void test_valid(void)
{
	static const struct {
		const char *s;
		int err;
	} cases[] = {
		{ "t13d1516h2_8daaf6152771_e5627efa2ab1", C2G_JA4_OK },
		{ "q13d0415h3_9caa18292e23_84684a673e38", C2G_JA4_OK },
		{ "d12i0000e6_000000000000_000000000000", C2G_JA4_OK },
		{ "ts3i010000_000000000000_000000000000", C2G_JA4_OK },
		{ "t13d1516H2_8daaf6152771_e5627efa2ab1", C2G_JA4_OK },
		{ "t13d1516h2_8daaf6152771_e5627efa2ab", C2G_JA4_E_LEN },
		{ "t13d1516h2_8daaf6152771_e5627efa2ab12", C2G_JA4_E_LEN },
		{ "", C2G_JA4_E_LEN },
		{ "x13d1516h2_8daaf6152771_e5627efa2ab1", C2G_JA4_E_PROTO },
		{ "T13d1516h2_8daaf6152771_e5627efa2ab1", C2G_JA4_E_PROTO },
		{ "t13x1516h2_8daaf6152771_e5627efa2ab1", C2G_JA4_E_A },
		{ "t1-d1516h2_8daaf6152771_e5627efa2ab1", C2G_JA4_E_A },
		{ "t13d1516h._8daaf6152771_e5627efa2ab1", C2G_JA4_E_A },
		{ "t13d15a6h2_8daaf6152771_e5627efa2ab1", C2G_JA4_E_COUNTS },
		{ "t13d1516h2-8daaf6152771_e5627efa2ab1", C2G_JA4_E_SEP },
		{ "t13d1516h2_8daaf6152771.e5627efa2ab1", C2G_JA4_E_SEP },
		{ "t13d1516h2_8DAAF6152771_e5627efa2ab1", C2G_JA4_E_HEX },
		{ "t13d1516h2_8daaf6152771_e5627efa2abg", C2G_JA4_E_HEX },
		{ "t13d1516h2_8daaf6152771_e5627e" "\x01" "a2ab1", C2G_JA4_E_HEX },
	};
	unsigned int i;
	int r;

	for (i = 0; i < KTAP_ARRAY_SIZE(cases); i++) {
		r = c2g_ja4_valid(cases[i].s, strlen(cases[i].s));
		CHECK(r == cases[i].err, "%s: %d, not %d", cases[i].s, r,
		      cases[i].err);
		CHECK(!c2g_ja4_check(cases[i].s, strlen(cases[i].s)) ==
		      (cases[i].err == C2G_JA4_OK), "%s: message", cases[i].s);
	}
	/* a length that stops short of a valid text */
	CHECK(c2g_ja4_valid(cases[0].s, 35) == C2G_JA4_E_LEN, "cut");
}

/* Every cut of a hello is refused, and lengths that lie. */
static void test_hostile(void)
{
	u8 b[600];
	struct c2g_hello h;
	size_t n = sizeof(curl_hello) - 5, i;
	unsigned int ok = 0;

	for (i = 0; i < n; i++) {
		memcpy(b, curl_hello + 5, i);
		ok += !c2g_hello_parse(b, i, &h);
	}
	CHECK(!ok, "%u cuts read as a whole hello", ok);
	for (i = 4; i < n; i += 3) {
		memcpy(b, curl_hello + 5, n);
		b[i] ^= 0x80;
		/* never a crash (ASan); results vary */
		c2g_hello_parse(b, n, &h);
	}
	memcpy(b, curl_hello + 5, n);
	b[0] = 2;
	CHECK(c2g_hello_parse(b, n, &h) == -EINVAL, "not a ClientHello");
}

int main(void)
{
	static const struct ktap_case cases[] = {
		KTAP_CASE(test_spec_example),
		KTAP_CASE(test_browser),
		KTAP_CASE(test_curl),
		KTAP_CASE(test_random),
		KTAP_CASE(test_hostile),
		KTAP_CASE(test_valid),
	};

	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
