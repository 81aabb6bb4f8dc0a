// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the feed-format readers (ctl/formats.c, fmt_read.c,
 * fmt_text.c, fmt_json.c): names, detection, each format's good and bad
 * records, CSV quoting, IDN, BOM and CRLF, ports, the sink's stop, and the
 * sample feeds of selftests/feeds against selftests/feeds/EXPECTED.
 */
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "ktap.h"

#ifndef FEEDS_DIR
#define FEEDS_DIR	"../feeds"
#endif

/* What a read gave: "TYPE ENTRY" of each indicator, joined by '|'. */
struct got {
	char inds[4096];
	char errs[4096];
	unsigned long n_ind, n_err, types[5];
	struct c2_ind_spec last;
	unsigned long stop_after;	/* stop (return 7) at this indicator */
	bool msg_ok;
};

static const char *const type_names[] = { "ip", "cidr", "ip-port", "name",
					  "suffix" };

static int got_ind(void *data, unsigned long line,
		   const struct c2_ind_spec *spec)
{
	struct got *g = data;
	char e[C2_IND_FMT_MAX];
	size_t l = strlen(g->inds);
	unsigned int i;

	(void)line;
	if (c2_spec_format(spec, e, sizeof(e)) < 0)
		strcpy(e, "?");
	snprintf(g->inds + l, sizeof(g->inds) - l, "%s%s %s", l ? "|" : "",
		 c2_spec_type(spec), e);
	for (i = 0; i < KTAP_ARRAY_SIZE(type_names); i++) {
		if (!strcmp(c2_spec_type(spec), type_names[i]))
			g->types[i]++;
	}
	g->last = *spec;
	g->n_ind++;
	return g->stop_after && g->n_ind == g->stop_after ? 7 : 0;
}

static void got_err(void *data, unsigned long line, const char *msg)
{
	struct got *g = data;
	size_t l = strlen(g->errs);

	snprintf(g->errs + l, sizeof(g->errs) - l, "%s%lu: %s", l ? "|" : "",
		 line, msg);
	if (!*msg || strlen(msg) > 240)
		g->msg_ok = false;
	g->n_err++;
}

static int run(enum c2_fmt fmt, const char *column, const char *text,
	       size_t len, struct got *g, struct c2_fmt_stats *st)
{
	struct c2_fmt_opts o = { .column = column };
	struct c2_fmt_sink sink = { got_ind, got_err, g };
	struct c2_ind_spec d;
	unsigned long stop = g->stop_after;

	memset(g, 0, sizeof(*g));
	g->stop_after = stop;
	g->msg_ok = true;
	c2_spec_init(&d);
	return c2_fmt_read(text, len, fmt, &o, &d, &sink, st);
}

static void unsup_string(const struct c2_fmt_stats *st, char *buf,
			 size_t len)
{
	size_t l = 0;
	unsigned int i;

	snprintf(buf, len, "-");
	for (i = 0; i < st->n_unsup && l < len; i++)
		l += (size_t)snprintf(buf + l, len - l, "%s%s=%lu", i ? "," : "",
				      st->unsup[i].type, st->unsup[i].count);
}

static void names(void)
{
	enum c2_fmt f;
	unsigned int i;

	for (i = 0; i < __C2_FMT_MAX; i++) {
		CHECK(c2_fmt_name((enum c2_fmt)i) &&
		      !c2_fmt_parse(c2_fmt_name((enum c2_fmt)i), &f) && f == i,
		      "format %u", i);
	}
	CHECK(c2_fmt_parse("json", &f) == -1, "unknown name");
	CHECK(c2_fmt_parse("CSV", &f) == -1, "names are lower case");
	CHECK(!c2_fmt_name(__C2_FMT_MAX), "name past the end");
}

static void detect(void)
{
	static const struct {
		const char *in;
		enum c2_fmt fmt;
	} cases[] = {
		{ "", C2_FMT_PLAIN },
		{ "198.51.100.1\nevil.example\n", C2_FMT_PLAIN },
		{ "198.51.100.1:443 tag x\nhttp://x.example/\n", C2_FMT_PLAIN },
		{ "{\"type\": \"bundle\", \"objects\": []}", C2_FMT_STIX },
		{ "\xef\xbb\xbf {\"type\":\"bundle\"}", C2_FMT_STIX },
		{ "{\"Event\": {}}", C2_FMT_MISP },
		{ "{\"response\": []}", C2_FMT_MISP },
		{ "[{\"Event\": {}}]", C2_FMT_MISP },
		{ "{\"cidr\":\"192.0.2.0/24\"}\n{\"type\":\"metadata\"}\n",
		  C2_FMT_DROP },
		{ "{\"x\": 1}", C2_FMT_PLAIN },
		{ "{broken", C2_FMT_PLAIN },
		{ "#separator \\x09\n#fields\tindicator\tindicator_type\n",
		  C2_FMT_ZEEK },
		{ "# \"first_seen_utc\",\"dst_ip\",\"dst_port\"\n", C2_FMT_CSV },
		{ "first_seen_utc,ioc_id,ioc_value,ioc_type\n", C2_FMT_CSV },
		{ "; Spamhaus DROP List\n192.0.2.0/24 ; SBL1\n", C2_FMT_DROP },
		{ "192.0.2.0/24 ; SBL000001\r\n", C2_FMT_DROP },
		{ "# x\n0.0.0.0 evil.example\n", C2_FMT_HOSTS },
		{ "127.0.0.1\tlocalhost\n", C2_FMT_HOSTS },
		{ "0.0.0.0\n", C2_FMT_PLAIN },
		{ "192.0.2.1,1,100\n", C2_FMT_IPREP },
		{ "192.0.2.1,1,x\n", C2_FMT_PLAIN },
		{ "evil.example\n198.51.100.1:8080\n", C2_FMT_MALTRAIL },
		{ "evil.example\nhttps://x.example/a\n", C2_FMT_MALTRAIL },
		{ "x.example/gate.php\n", C2_FMT_MALTRAIL },
		{ "203.0.113.0/24\n", C2_FMT_PLAIN },
		{ "198.51.100.1:443/tcp\n[2001:db8::1]:53/udp\n", C2_FMT_PLAIN },
	};
	unsigned int i;

	for (i = 0; i < KTAP_ARRAY_SIZE(cases); i++) {
		enum c2_fmt f = c2_fmt_detect(cases[i].in, strlen(cases[i].in));

		CHECK(f == cases[i].fmt, "%u \"%.30s\": %s, want %s", i,
		      cases[i].in, c2_fmt_name(f), c2_fmt_name(cases[i].fmt));
	}
	/* no NUL needed at the end of the buffer */
	CHECK(c2_fmt_detect("192.0.2.1,1,1000", 14) == C2_FMT_IPREP,
	      "bounded by len");
}

struct rcase {
	enum c2_fmt fmt;
	const char *column;
	const char *in;
	const char *inds;	/* got.inds */
	unsigned long errors;
	const char *unsup;	/* unsup_string() */
};

static void run_cases(const struct rcase *cases, unsigned int n)
{
	char u[512];
	struct c2_fmt_stats st;
	struct got g = { 0 };
	unsigned int i;
	int r;

	for (i = 0; i < n; i++) {
		r = run(cases[i].fmt, cases[i].column, cases[i].in,
			strlen(cases[i].in), &g, &st);
		unsup_string(&st, u, sizeof(u));
		CHECK(r == 0 && !strcmp(g.inds, cases[i].inds) &&
		      g.n_err == cases[i].errors && st.errors == g.n_err &&
		      st.indicators == g.n_ind && !strcmp(u, cases[i].unsup) &&
		      g.msg_ok,
		      "%s %u \"%.40s\": r=%d inds \"%s\" errors %lu (%s) unsup %s",
		      c2_fmt_name(cases[i].fmt), i, cases[i].in, r, g.inds,
		      g.n_err, g.errs, u);
	}
}

static void fmt_plain(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_PLAIN, NULL, "198.51.100.7 tag x\n# c\n\n*.evil.example",
		  "ip 198.51.100.7/32|suffix *.evil.example", 0, "-" },
		{ C2_FMT_PLAIN, NULL, "198.51.100.7:8443/tcp\r\n[2001:db8::1]:53",
		  "ip-port 198.51.100.7:8443/tcp|ip-port [2001:db8::1]:53", 0, "-" },
		{ C2_FMT_PLAIN, NULL, "b\xc3\xbc" "cher.example action drop",
		  "name xn--bcher-kva.example", 0, "-" },
		{ C2_FMT_PLAIN, NULL, "*.B\xc3\x9c" "CHER.example",
		  "suffix *.xn--bcher-kva.example", 0, "-" },
		{ C2_FMT_PLAIN, NULL, "bad..x\n1.2.3.4 action nope\n\xff.example",
		  "", 3, "-" },
		{ C2_FMT_PLAIN, NULL, "198.51.100.0/24:80\n198.51.100.1:0", "", 2,
		  "-" },
	};

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
}

static void fmt_hosts(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_HOSTS, NULL,
		  "127.0.0.1 localhost\n::1 ip6-localhost ip6-loopback\n"
		  "255.255.255.255 broadcasthost\n0.0.0.0 0.0.0.0\n"
		  "0.0.0.0 a.example B.example # c\n127.0.0.1\tc.example\r\n",
		  "name a.example|name b.example|name c.example", 0, "-" },
		{ C2_FMT_HOSTS, NULL, "0.0.0.0 xn--bcher-kva.example\n"
		  "0.0.0.0 b\xc3\xbc" "cher.example",
		  "name xn--bcher-kva.example|name xn--bcher-kva.example", 0, "-" },
		{ C2_FMT_HOSTS, NULL, "evil.example\n0.0.0.0\n0.0.0.0 *.x.example\n"
		  "0.0.0.0 198.51.100.1\n192.0.2.0/24 x.example", "", 5, "-" },
	};

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
}

static void fmt_csv(void)
{
	static const struct rcase cases[] = {
		/* Feodo: header as a comment, dst_ip */
		{ C2_FMT_CSV, NULL,
		  "# \"first_seen_utc\",\"dst_ip\",\"dst_port\"\n"
		  "\"2024-01-01\",\"192.0.2.1\",\"443\"\n"
		  "\"2024-01-01\",\"x.example\",\"443\"\n",
		  "ip 192.0.2.1/32", 1, "-" },
		/* ThreatFox: blanks after commas, every ioc_type */
		{ C2_FMT_CSV, NULL,
		  "# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\"\r\n"
		  "\"d\", \"1\", \"192.0.2.2:8080\", \"ip:port\"\r\n"
		  "\"d\", \"2\", \"c2.example\", \"domain\"\r\n"
		  "\"d\", \"3\", \"https://u@dl.example:8443/x?y\", \"url\"\r\n"
		  "\"d\", \"4\", \"d41d8cd98f00b204e9800998ecf8427e\", \"md5_hash\"\r\n"
		  "\"d\", \"5\", \"http://[2001:db8::2]/\", \"url\"\r\n"
		  "\"d\", \"6\", \"x\", \"\"\r\n"
		  "\"d\", \"7\", \"192.0.2.2\", \"ip:port\"\r\n",
		  "ip-port 192.0.2.2:8080|name c2.example|name dl.example|"
		  "ip 2001:db8::2/128", 2, "https-url-path=1,md5_hash=1" },
		/* quoting: "" escapes, quoted commas, bad quotes */
		{ C2_FMT_CSV, "3",
		  "a,\"b,\"\"c\"\"\",\"192.0.2.3\"\n"
		  "a,b,  \"192.0.2.4\"  \n"
		  "a,\"b,192.0.2.5\n"
		  "a,\"b\"x,192.0.2.6\n"
		  "a,b\n",
		  "ip 192.0.2.3/32|ip 192.0.2.4/32", 3, "-" },
		/* a column by name; the header line itself is no record */
		{ C2_FMT_CSV, "Host",
		  "id,host\n1,evil.example\n2,http://x.example/p\n",
		  "name evil.example|url url x.example/p", 0, "-" },
	};
	struct c2_fmt_stats st;
	struct got g = { 0 };
	const char *t;
	int r;

	run_cases(cases, KTAP_ARRAY_SIZE(cases));

	/* no header and no column: the whole read fails, once */
	t = "192.0.2.1,x\n192.0.2.2,y\n";
	r = run(C2_FMT_CSV, NULL, t, strlen(t), &g, &st);
	CHECK(r == -1 && g.n_err == 1 && !g.n_ind, "no column: r=%d %s", r,
	      g.errs);
	r = run(C2_FMT_CSV, "nosuch", "a,b\n1,2\n", 8, &g, &st);
	CHECK(r == -1 && g.n_err == 1, "unknown column name: r=%d", r);
	r = run(C2_FMT_CSV, "0", "a\n", 2, &g, &st);
	CHECK(r == -1 && g.n_err == 1, "column 0: r=%d", r);
}

static void fmt_zeek(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_ZEEK, NULL,
		  "#fields\tindicator\tindicator_type\tmeta.source\n"
		  "192.0.2.7\tIntel::ADDR\ts\n"
		  "198.51.100.0/24\tIntel::SUBNET\ts\n"
		  "x.example\tIntel::DOMAIN\ts\n"
		  "x.example/a\tIntel::URL\ts\n"
		  "abc\tIntel::FILE_HASH\ts\n"
		  "a@x.example\tIntel::EMAIL\ts\n"
		  "abc\tIntel::CERT_HASH\ts\n"
		  "abc\tIntel::PUBKEY_HASH\ts\n"
		  "a.exe\tIntel::FILE_NAME\ts\n",
		  "ip 192.0.2.7/32|cidr 198.51.100.0/24|name x.example|"
		  "url url x.example/a", 0,
		  "Intel::FILE_HASH=1,Intel::EMAIL=1,"
		  "Intel::CERT_HASH=1,Intel::PUBKEY_HASH=1,Intel::FILE_NAME=1" },
		/* columns in another order */
		{ C2_FMT_ZEEK, NULL,
		  "#fields\tindicator_type\tindicator\nIntel::ADDR\t192.0.2.8\n",
		  "ip 192.0.2.8/32", 0, "-" },
		{ C2_FMT_ZEEK, NULL,
		  "192.0.2.7\tIntel::ADDR\n#fields\tindicator\tindicator_type\n"
		  "-\tIntel::ADDR\nx.example\tIntel::ADDR\n192.0.2.9\n"
		  "192.0.2.9\t-\n",
		  "", 5, "-" },
	};

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
}

static void fmt_maltrail(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_MALTRAIL, NULL,
		  "# c\n192.0.2.10\n192.0.2.11:4444 # c\nx.example:8080\n"
		  "http://y.example:81/a\nz.example/b/c\n198.51.100.0/25\n"
		  "https://192.0.2.12/\n",
		  "ip 192.0.2.10/32|ip-port 192.0.2.11:4444|name x.example|"
		  "name y.example|url url z.example/b/c|cidr 198.51.100.0/25|"
		  "ip 192.0.2.12/32", 0, "url-path=1" },
		{ C2_FMT_MALTRAIL, NULL,
		  "a b\nhttp://\n/path\n198.51.100.1/24\n", "", 4, "-" },
	};

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
}

static void fmt_iprep_drop(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_IPREP, NULL,
		  "# c\n192.0.2.13,1,100\n198.51.100.0/24,20,0\r\n",
		  "ip 192.0.2.13/32|cidr 198.51.100.0/24", 0, "-" },
		{ C2_FMT_IPREP, NULL,
		  "192.0.2.13,1\n192.0.2.13,1,128\n192.0.2.13,x,1\nx.example,1,1\n"
		  "192.0.2.13,1,1,1\n", "", 5, "-" },
		{ C2_FMT_DROP, NULL,
		  "; Spamhaus DROP\n192.0.2.0/24 ; SBL1\n2001:db8::/32;SBL2\n",
		  "cidr 192.0.2.0/24|cidr 2001:db8::/32", 0, "-" },
		{ C2_FMT_DROP, NULL,
		  "{\"cidr\":\"192.0.2.0/25\",\"sblid\":\"SBL1\",\"rir\":\"arin\"}\r\n"
		  "{\"type\":\"metadata\",\"records\":1}\n",
		  "cidr 192.0.2.0/25", 0, "-" },
		{ C2_FMT_DROP, NULL,
		  "{\"cidr\":\"192.0.2.1/24\"}\n{\"x\":1}\n{\"cidr\":\n"
		  "192.0.2.0/24 x ; SBL\n{\"cidr\":\"192.0.2.1:80\"}\n", "", 5,
		  "-" },
	};

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
}

#define STIX_IND(p) "{\"type\":\"indicator\",\"pattern_type\":\"stix\"," \
		    "\"pattern\":\"" p "\"}"

static void fmt_stix(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_STIX, NULL,
		  "{\"type\":\"bundle\",\"objects\":[{\"type\":\"identity\"},"
		  STIX_IND("[ipv4-addr:value = '192.0.2.20']") ","
		  STIX_IND("([ipv6-addr:value='2001:db8::/48'] OR "
			   "[domain-name:value = 'a.example' OR "
			   "(url:value = 'http://b.example/x')])") ","
		  STIX_IND("[domain-name:value = 'it\\\\'s.example']") ","
		  STIX_IND("[file:hashes.'SHA-256' = 'ab' OR "
			   "ipv4-addr:value = '192.0.2.21']") ","
		  STIX_IND("[ipv4-addr:value = '192.0.2.22' AND "
			   "ipv4-addr:value = '192.0.2.23']") ","
		  STIX_IND("[ipv4-addr:value = '192.0.2.24'] FOLLOWEDBY "
			   "[email-addr:value = 'a@b.example']") ","
		  STIX_IND("[ipv4-addr:value = '192.0.2.25'] WITHIN 60 SECONDS") ","
		  STIX_IND("[domain-name:value LIKE '%.example']") ","
		  "{\"type\":\"indicator\",\"pattern\":\"[ipv4-addr:value = "
		  "'192.0.2.26']\"},"
		  "{\"type\":\"indicator\",\"pattern_type\":\"yara\","
		  "\"pattern\":\"rule x {}\"}]}",
		  "ip 192.0.2.20/32|cidr 2001:db8::/48|name a.example|"
		  "url url b.example/x|ip 192.0.2.21/32|ip 192.0.2.26/32", 1,
		  "file=1,ipv4-addr=2,email-addr=1,domain-name=1,"
		  "pattern:yara=1" },
		{ C2_FMT_STIX, NULL,
		  "{\"type\":\"bundle\",\"objects\":["
		  STIX_IND("[ipv4-addr:value = '192.0.2.1'") ","
		  STIX_IND("ipv4-addr:value = '192.0.2.1'") ","
		  STIX_IND("[ipv4-addr:value = '192.0.2.1' OR]") ","
		  STIX_IND("[ipv4-addr:value = 'x.example']") ","
		  STIX_IND("[ipv4-addr value = '1']") ","
		  STIX_IND("[a:b = 'unterminated]") ","
		  STIX_IND("[((((((((((((((((((a:b = 'x'))))))))))))))))))]") ","
		  "{\"type\":\"indicator\"}]}",
		  "", 8, "-" },
	};
	struct c2_fmt_stats st;
	struct got g = { 0 };
	const char *t;
	int r;

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
	t = "{\"type\":\"bundle\",\"objects\":[}";
	r = run(C2_FMT_STIX, NULL, t, strlen(t), &g, &st);
	CHECK(r == -1 && g.n_err == 1 && strstr(g.errs, "invalid JSON"),
	      "bad JSON: r=%d %s", r, g.errs);
	t = "{\"type\":\"x\"}";
	r = run(C2_FMT_STIX, NULL, t, strlen(t), &g, &st);
	CHECK(r == -1 && g.n_err == 1, "not a bundle: r=%d", r);
}

#define MISP_A(t, v) "{\"type\":\"" t "\",\"value\":\"" v "\"}"

static void fmt_misp(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_MISP, NULL,
		  "{\"response\":[{\"Event\":{\"Attribute\":["
		  MISP_A("ip-dst", "192.0.2.30") ","
		  MISP_A("ip-src|port", "192.0.2.31|443") ","
		  MISP_A("domain|ip", "a.example|192.0.2.32") ","
		  MISP_A("hostname|port", "b.example|8080") ","
		  MISP_A("url", "http://c.example") ","
		  MISP_A("sha1", "ab") "],"
		  "\"Object\":[{\"Attribute\":[" MISP_A("hostname", "d.example")
		  "]}]}},{\"Event\":{\"Attribute\":["
		  MISP_A("ip-dst|port", "2001:db8::3|53") "]}}]}",
		  "ip 192.0.2.30/32|ip-port 192.0.2.31:443|name a.example|"
		  "ip 192.0.2.32/32|name b.example|name c.example|name d.example|"
		  "ip-port [2001:db8::3]:53", 0, "sha1=1" },
		/* a bare list of events (MISP feed files) */
		{ C2_FMT_MISP, NULL,
		  "[{\"Event\":{\"Attribute\":[" MISP_A("domain", "e.example")
		  "]}},{\"Attribute\":[" MISP_A("email-dst", "a@e.example") "]}]",
		  "name e.example", 0, "email-dst=1" },
		{ C2_FMT_MISP, NULL,
		  "{\"Event\":{\"Attribute\":[" MISP_A("ip-dst", "e.example") ","
		  MISP_A("domain", "192.0.2.1") "," MISP_A("ip-dst|port", "1.2.3.4")
		  "," MISP_A("ip-dst|port", "192.0.2.1|0") ","
		  "{\"type\":\"domain\",\"value\":1},7]}}",
		  "", 6, "-" },
	};

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
}

#define T_JA4	"t13d1516h2_8daaf6152771_e5627efa2ab1"
#define Q_JA4	"q13d0310h3_55b375c5d22e_cd85d2d88918"

/*
 * JA4 fingerprints: plain lines take both forms, a column of any value
 * takes one; a column of addresses, names or URLs refuses it.
 */
static void fmt_ja4(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_PLAIN, NULL,
		  "ja4 " T_JA4 " action drop\n"
		  "q13d0310h3_55B375C5D22E_cd85d2d88918 # a QUIC client\n"
		  "198.51.100.7\nja4 t13d1516h2_8daaf6152771_e5627efa2abz\n",
		  "ja4 ja4 " T_JA4 "|ja4 ja4 " Q_JA4 "|ip 198.51.100.7/32", 1,
		  "-" },
		{ C2_FMT_HOSTS, NULL, "0.0.0.0 " T_JA4 " evil.example\n",
		  "name evil.example", 1, "-" },
		{ C2_FMT_ZEEK, NULL,
		  "#fields\tindicator\tindicator_type\n"
		  T_JA4 "\tIntel::ADDR\n" T_JA4 "\tIntel::SUBNET\n"
		  T_JA4 "\tIntel::DOMAIN\n" T_JA4 "\tIntel::URL\n"
		  "http://" T_JA4 "/x\tIntel::URL\n",
		  /* (a JA4 is a one-label name too: a URL's host) */
		  "url url " T_JA4 "/x", 4, "-" },
		{ C2_FMT_CSV, NULL,
		  "# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\"\n"
		  "\"d\", \"1\", \"" T_JA4 "\", \"ip\"\n"
		  "\"d\", \"2\", \"" T_JA4 "\", \"domain\"\n"
		  "\"d\", \"3\", \"https://" T_JA4 ":443/\", \"url\"\n",
		  "", 3, "-" },
		{ C2_FMT_CSV, NULL,
		  "# \"first_seen_utc\",\"dst_ip\",\"dst_port\"\n"
		  "\"d\",\"" T_JA4 "\",\"443\"\n",
		  "", 1, "-" },
		/* a column that may hold any entry: a JA4 database */
		{ C2_FMT_CSV, "ja4",
		  "application,ja4\nc2 client,T13d1516h2_8daaf6152771_e5627efa2ab1\n"
		  "c2 client," T_JA4 "\n",
		  "ja4 ja4 " T_JA4, 1, "-" },
	};
	static const struct {
		enum c2_fmt fmt;
		const char *in, *err;
	} errs[] = {
		{ C2_FMT_HOSTS, "0.0.0.0 " T_JA4,
		  "1: " T_JA4 ": not a domain name" },
		{ C2_FMT_ZEEK, "#fields\tindicator\tindicator_type\n"
		  T_JA4 "\tIntel::ADDR\n",
		  "2: " T_JA4 ": not an address or prefix" },
		{ C2_FMT_ZEEK, "#fields\tindicator\tindicator_type\n"
		  "https://" T_JA4 "/\tIntel::URL\n",
		  "2: " T_JA4 ": not a host name or address" },
		{ C2_FMT_PLAIN, "ja4 t13d1516h2_8daaf6152771_e5627efa2ab\n",
		  "1: \"t13d1516h2_8daaf6152771_e5627efa2ab\": a JA4 is 36 "
		  "characters: a_b_c, as " T_JA4 },
	};
	struct c2_fmt_stats st;
	struct got g = { 0 };
	unsigned int i;
	int r;

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
	for (i = 0; i < KTAP_ARRAY_SIZE(errs); i++) {
		r = run(errs[i].fmt, NULL, errs[i].in, strlen(errs[i].in), &g,
			&st);
		CHECK(r == 0 && !g.n_ind && !strcmp(g.errs, errs[i].err),
		      "%u: r=%d \"%s\", want \"%s\"", i, r, g.errs,
		      errs[i].err);
	}
	/* a file of fingerprints is plain */
	CHECK(c2_fmt_detect(T_JA4 "\n" Q_JA4 "\n", 74) == C2_FMT_PLAIN &&
	      c2_fmt_detect("ja4 " T_JA4 " tag x\n", 47) == C2_FMT_PLAIN,
	      "detected as plain");
}

/*
 * URLs: an http URL (or a scheme-less HOST/PATH) with a path is a URL
 * indicator, normalised; an https one with a path gives its host and
 * counts "https-url-path"; one that cannot be a URL indicator (another
 * scheme, a port but 80, a user name) its host and "url-path"; one
 * without a path, or with "/", its host alone.
 */
static void fmt_url(void)
{
	static const struct rcase cases[] = {
		{ C2_FMT_MALTRAIL, NULL,
		  "HTTP://Dl.Evil.Example.:80/a/b/?q=1#frag\n"
		  "panel.example/admin/\n"
		  "https://tls.example/gate.php\n"
		  "http://root.example/\nhttp://bare.example\n"
		  "http://frag.example/#x\n"
		  "http://port.example:8080/x\nhttp://u:p@user.example/x\n"
		  "ftp://ftp.example/x\nhttp://192.0.2.40/x.exe\n"
		  "http://[2001:DB8::7]:80/y\n",
		  "url url dl.evil.example/a/b?q=1|url url panel.example/admin|"
		  "name tls.example|name root.example|name bare.example|"
		  "name frag.example|name port.example|name user.example|"
		  "name ftp.example|url url 192.0.2.40/x.exe|"
		  "url url 2001:db8::7/y", 0,
		  "https-url-path=1,url-path=3" },
		/* plain lines: both forms, IDNA of the host only, refusals */
		{ C2_FMT_PLAIN, NULL,
		  "url http://evil.example/a action drop\n"
		  "evil.example/b?x=1 tag t\n"
		  "http://b\xc3\xbc" "cher.example/\xc3\xa4\n"
		  "url http://B\xc3\x9c" "cher.example/a\n"
		  "http://b\xc3\xbc" "cher.example/a\n"
		  "https://evil.example/a\nurl evil.example:81/a\n"
		  "url evil.example/a#b: '#' starts a comment\n",
		  "url url evil.example/a|url url evil.example/b?x=1|"
		  "url url xn--bcher-kva.example/a|"
		  "url url xn--bcher-kva.example/a|url url evil.example/a", 3,
		  "-" },
		/* ThreatFox and MISP URLs; an IDNA host in a feed's URL */
		{ C2_FMT_CSV, NULL,
		  "# \"first_seen_utc\",\"ioc_id\",\"ioc_value\",\"ioc_type\"\n"
		  "\"d\", \"1\", \"http://b\xc3\xbc" "cher.example/p.php\", \"url\"\n"
		  "\"d\", \"2\", \"https://tls.example/p\", \"url\"\n",
		  "url url xn--bcher-kva.example/p.php|name tls.example", 0,
		  "https-url-path=1" },
		{ C2_FMT_MISP, NULL,
		  "{\"Event\":{\"Attribute\":["
		  MISP_A("url", "http://m.example/a/b.exe") ","
		  MISP_A("url", "https://m.example/a") "]}}",
		  "url url m.example/a/b.exe|name m.example", 0,
		  "https-url-path=1" },
	};
	static const struct {
		const char *in, *err;
	} errs[] = {
		{ "https://evil.example/a\n",
		  "1: https://evil.example/a: https URLs cannot be listed" },
		{ "url evil.example:81/a\n",
		  "1: evil.example:81/a: a URL indicator takes no port but :80" },
		{ "evil.example/\x01\n", "1: evil.example/\x01: a URL's path" },
	};
	struct c2_fmt_stats st;
	struct got g = { 0 };
	unsigned int i;
	int r;

	run_cases(cases, KTAP_ARRAY_SIZE(cases));
	for (i = 0; i < KTAP_ARRAY_SIZE(errs); i++) {
		r = run(C2_FMT_PLAIN, NULL, errs[i].in, strlen(errs[i].in), &g,
			&st);
		CHECK(r == 0 && !g.n_ind && strstr(g.errs, errs[i].err) == g.errs,
		      "%u: r=%d \"%s\", want \"%s...\"", i, r, g.errs,
		      errs[i].err);
	}
	CHECK(c2_fmt_detect("evil.example/gate.php\n", 22) == C2_FMT_MALTRAIL &&
	      c2_fmt_detect("url http://evil.example/a tag x\n", 32) ==
	      C2_FMT_PLAIN, "detected");
}

/* Action, tag and timeout come from the defaults; the sink can stop. */
static void defaults_and_stop(void)
{
	struct c2_fmt_sink sink = { got_ind, got_err, NULL };
	struct c2_fmt_stats st;
	struct c2_ind_spec d;
	struct got g = { 0 };
	const char *t = "0.0.0.0 a.example b.example c.example\n";
	int r;

	sink.data = &g;
	g.msg_ok = true;
	c2_spec_init(&d);
	d.action = C2GUARD_ACT_DROP;
	strcpy(d.tag, "feedtag");
	d.timeout = 600;
	d.set = C2_SPEC_ACTION | C2_SPEC_TAG | C2_SPEC_TIMEOUT;
	r = c2_fmt_read(t, strlen(t), C2_FMT_AUTO, NULL, &d, &sink, &st);
	CHECK(r == 0 && g.n_ind == 3 && g.last.action == C2GUARD_ACT_DROP &&
	      !strcmp(g.last.tag, "feedtag") && g.last.timeout == 600 &&
	      (g.last.set & C2_SPEC_OPTS) == C2_SPEC_OPTS && st.fmt == C2_FMT_HOSTS,
	      "defaults: r=%d n=%lu %u %s %u", r, g.n_ind, g.last.action,
	      g.last.tag, g.last.timeout);

	g.stop_after = 2;
	r = run(C2_FMT_HOSTS, NULL, t, strlen(t), &g, &st);
	CHECK(r == 7 && g.n_ind == 2, "stop: r=%d n=%lu", r, g.n_ind);
	g.stop_after = 1;
	t = "{\"Event\":{\"Attribute\":[" MISP_A("domain", "a.example") ","
	    MISP_A("domain", "b.example") "]}}";
	r = run(C2_FMT_MISP, NULL, t, strlen(t), &g, &st);
	CHECK(r == 7 && g.n_ind == 1, "stop misp: r=%d n=%lu", r, g.n_ind);
	g.stop_after = 0;
}

/* BOM, CRLF, NUL bytes, long values, many unsupported types. */
static void bytes_and_stats(void)
{
	char big[8192], u[1024];
	struct c2_fmt_stats st;
	const char *t;
	struct got g = { 0 };
	size_t l = 0;
	int r, i;

	t = "\xef\xbb\xbf" "0.0.0.0 a.example\r\n";
	r = run(C2_FMT_AUTO, NULL, t, strlen(t), &g, &st);
	CHECK(r == 0 && st.fmt == C2_FMT_HOSTS && !strcmp(g.inds, "name a.example"),
	      "BOM+CRLF: %s %s", c2_fmt_name(st.fmt), g.inds);
	t = "\xef\xbb\xbf{\"Event\":{}}";
	r = run(C2_FMT_AUTO, NULL, t, strlen(t), &g, &st);
	CHECK(r == 0 && st.fmt == C2_FMT_MISP && !g.n_err, "BOM JSON: %s",
	      g.errs);
	r = run(C2_FMT_PLAIN, NULL, "a.example\n1.2.3.4\0x\nb.example", 29, &g,
		&st);
	CHECK(r == 0 && g.n_ind == 2 && g.n_err == 1, "NUL: %lu %lu", g.n_ind,
	      g.n_err);
	t = "0.0.0.0 xn--zz\xc3\xbc.example\n";
	r = run(C2_FMT_HOSTS, NULL, t, strlen(t), &g, &st);
	CHECK(r == 0 && g.n_err == 1, "bad IDN: %s", g.errs);

	memset(big, 'a', sizeof(big));
	memcpy(big, "0.0.0.0 ", 8);
	r = run(C2_FMT_HOSTS, NULL, big, sizeof(big), &g, &st);
	CHECK(r == 0 && g.n_err == 1 && g.msg_ok && strlen(g.errs) < 200,
	      "long value: %zu", strlen(g.errs));

	l = (size_t)snprintf(big, sizeof(big),
			     "#fields\tindicator\tindicator_type\n");
	for (i = 0; i < 20; i++)
		l += (size_t)snprintf(big + l, sizeof(big) - l,
				      "x\tIntel::T%02d\nx\tIntel::T%02d\n", i, i);
	r = run(C2_FMT_ZEEK, NULL, big, l, &g, &st);
	CHECK(r == 0 && st.unsupported == 40 && st.n_unsup == C2_FMT_UNSUP_MAX &&
	      !strcmp(st.unsup[C2_FMT_UNSUP_MAX - 1].type, "other") &&
	      st.unsup[C2_FMT_UNSUP_MAX - 1].count == 10 &&
	      st.unsup[0].count == 2, "overflow: %lu %u %s %lu",
	      st.unsupported, st.n_unsup,
	      st.unsup[C2_FMT_UNSUP_MAX - 1].type,
	      st.unsup[C2_FMT_UNSUP_MAX - 1].count);
	CHECK(c2_fmt_unsup_format(&st, u, sizeof(u)) > 0 &&
	      !strncmp(u, "Intel::T00 2, Intel::T01 2", 26), "format: %s", u);
	CHECK(c2_fmt_unsup_format(&st, u, 8) > 8 && strlen(u) == 7,
	      "truncated: %s", u);
	memset(&st, 0, sizeof(st));
	CHECK(c2_fmt_unsup_format(&st, u, sizeof(u)) == 4 && !strcmp(u, "none"),
	      "none: %s", u);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Every sample feed reads as selftests/feeds/EXPECTED says. */
static void expected_table(void)
{
	char line[1024], file[64], fmt[16], unsup[512], u[512], path[256];
	unsigned long want[5], errs;
	struct c2_fmt_stats st;
	struct got g = { 0 };
	unsigned int rows = 0, i;
	size_t len;
	char *buf;
	FILE *f;
	int r;

	f = fopen(FEEDS_DIR "/EXPECTED", "r");
	CHECK(f, "cannot open %s/EXPECTED", FEEDS_DIR);
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%63s %15s %lu %lu %lu %lu %lu %lu %511s", file,
			   fmt, &want[0], &want[1], &want[2], &want[3], &want[4],
			   &errs, unsup) != 9) {
			CHECK(0, "bad EXPECTED line: %s", line);
			continue;
		}
		rows++;
		snprintf(path, sizeof(path), "%s/%s", FEEDS_DIR, file);
		buf = slurp(path, &len);
		CHECK(buf, "cannot read %s", path);
		if (!buf)
			continue;
		CHECK(!strcmp(c2_fmt_name(c2_fmt_detect(buf, len)), fmt),
		      "%s: detected %s, want %s", file,
		      c2_fmt_name(c2_fmt_detect(buf, len)), fmt);
		r = run(C2_FMT_AUTO, NULL, buf, len, &g, &st);
		unsup_string(&st, u, sizeof(u));
		for (i = 0; i < 5; i++)
			CHECK(g.types[i] == want[i], "%s: %lu %s, want %lu", file,
			      g.types[i], type_names[i], want[i]);
		CHECK(r == 0 && g.n_err == errs && !strcmp(u, unsup) &&
		      !strcmp(c2_fmt_name(st.fmt), fmt) && g.msg_ok,
		      "%s: r=%d format %s errors %lu (%s) unsupported %s", file, r,
		      c2_fmt_name(st.fmt), g.n_err, g.errs, u);
		free(buf);
	}
	fclose(f);
	CHECK(rows >= 12, "only %u rows in EXPECTED", rows);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(names),
	KTAP_CASE(detect),
	KTAP_CASE(fmt_plain),
	KTAP_CASE(fmt_hosts),
	KTAP_CASE(fmt_csv),
	KTAP_CASE(fmt_zeek),
	KTAP_CASE(fmt_maltrail),
	KTAP_CASE(fmt_iprep_drop),
	KTAP_CASE(fmt_stix),
	KTAP_CASE(fmt_misp),
	KTAP_CASE(fmt_ja4),
	KTAP_CASE(fmt_url),
	KTAP_CASE(defaults_and_stop),
	KTAP_CASE(bytes_and_stats),
	KTAP_CASE(expected_table),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
