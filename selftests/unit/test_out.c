// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of ctl/out.c: JSON string escaping, text words, names, time.
 */
#include <stdlib.h>
#include <string.h>

#include "c2ctl.h"
#include "ktap.h"

/* Run fn on a memory stream and return what it wrote (static buffer). */
static const char *capture_json(const char *s, size_t n)
{
	static char out[1024];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out_json_str(f, s, n);
	fclose(f);
	snprintf(out, sizeof(out), "%s", buf);
	free(buf);
	return out;
}

static const char *capture_word(const char *s)
{
	static char out[1024];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out_text_word(f, s);
	fclose(f);
	snprintf(out, sizeof(out), "%s", buf);
	free(buf);
	return out;
}

static void json_strings(void)
{
	static const struct {
		const char *in;
		size_t n;
		const char *out;
	} cases[] = {
		{ "", 0, "\"\"" },
		{ "feed1", 5, "\"feed1\"" },
		{ "a\"b", 3, "\"a\\\"b\"" },
		{ "a\\b", 3, "\"a\\\\b\"" },
		{ "\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\"" },
		{ "\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\"" },
		{ "a\0b", 3, "\"a\\u0000b\"" },
		{ "/", 1, "\"/\"" },
		/* valid UTF-8 passes through */
		{ "\xc3\xa9", 2, "\"\xc3\xa9\"" },
		{ "\xe2\x82\xac", 3, "\"\xe2\x82\xac\"" },
		{ "\xf0\x9f\x98\x80", 4, "\"\xf0\x9f\x98\x80\"" },
		/* invalid UTF-8 becomes U+FFFD, one per bad byte */
		{ "\xff", 1, "\"\\ufffd\"" },
		{ "\xc3", 1, "\"\\ufffd\"" },
		{ "\xc3(", 2, "\"\\ufffd(\"" },
		{ "\xc0\xaf", 2, "\"\\ufffd\\ufffd\"" },
		{ "\xe0\x80\xaf", 3, "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"" },
		{ "\xf4\x90\x80\x80", 4, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "\xe2\x82", 2, "\"\\ufffd\\ufffd\"" },
		{ "ab", 1, "\"a\"" },
	};
	size_t i;

	for (i = 0; i < KTAP_ARRAY_SIZE(cases); i++) {
		const char *got = capture_json(cases[i].in, cases[i].n);

		CHECK(!strcmp(got, cases[i].out), "case %zu: got %s want %s", i,
		      got, cases[i].out);
	}
}

static void text_words(void)
{
	CHECK(!strcmp(capture_word("feed1"), "feed1"), "plain");
	CHECK(!strcmp(capture_word(""), "\"\""), "empty");
	CHECK(!strcmp(capture_word("a b"), "\"a b\""), "space");
	CHECK(!strcmp(capture_word("a\"b"), "\"a\\\"b\""), "quote");
	CHECK(!strcmp(capture_word("a\\b"), "\"a\\\\b\""), "backslash");
	CHECK(!strcmp(capture_word("a\nb"), "\"a\\x0ab\""), "newline");
	CHECK(!strcmp(capture_word("#x"), "\"#x\""), "hash");
	CHECK(!strcmp(capture_word("\xc3\xa9"), "\"\\xc3\\xa9\""), "non-ASCII");
}

static void names(void)
{
	char b[16];

	CHECK(!strcmp(out_proto_name(6, b, sizeof(b)), "tcp"), "tcp");
	CHECK(!strcmp(out_proto_name(17, b, sizeof(b)), "udp"), "udp");
	CHECK(!strcmp(out_proto_name(1, b, sizeof(b)), "icmp"), "icmp");
	CHECK(!strcmp(out_proto_name(58, b, sizeof(b)), "ipv6-icmp"), "icmp6");
	CHECK(!strcmp(out_proto_name(132, b, sizeof(b)), "sctp"), "sctp");
	CHECK(!strcmp(out_proto_name(47, b, sizeof(b)), "47"), "gre");
	CHECK(!strcmp(out_proto_name(255, b, sizeof(b)), "255"), "255");
	CHECK(!strcmp(out_hook_name(0, b, sizeof(b)), "prerouting"), "pre");
	CHECK(!strcmp(out_hook_name(3, b, sizeof(b)), "output"), "out");
	CHECK(!strcmp(out_hook_name(1, b, sizeof(b)), "1"), "input");
	CHECK(!strcmp(out_dir_name(1, b, sizeof(b)), "to-indicator"), "to");
	CHECK(!strcmp(out_dir_name(2, b, sizeof(b)), "from-indicator"), "from");
	CHECK(!strcmp(out_dir_name(7, b, sizeof(b)), "7"), "dir 7");
	CHECK(!strcmp(out_reason_name(1, b, sizeof(b)), "ip"), "ip");
	CHECK(!strcmp(out_reason_name(2, b, sizeof(b)), "dns-query"), "query");
	CHECK(!strcmp(out_reason_name(3, b, sizeof(b)), "dns-answer"), "answer");
	CHECK(!strcmp(out_reason_name(4, b, sizeof(b)), "tls-sni"), "sni");
	CHECK(!strcmp(out_reason_name(5, b, sizeof(b)), "http-host"), "host");
	CHECK(!strcmp(out_reason_name(6, b, sizeof(b)), "beacon"), "beacon");
	CHECK(!strcmp(out_reason_name(7, b, sizeof(b)), "dga"), "dga");
	CHECK(!strcmp(out_reason_name(8, b, sizeof(b)), "nxdomain-burst"),
	      "nxdomain-burst");
	CHECK(!strcmp(out_reason_name(9, b, sizeof(b)), "fast-flux"), "flux");
	CHECK(!strcmp(out_reason_name(0, b, sizeof(b)), "0"), "reason none");
	CHECK(!strcmp(out_reason_name(10, b, sizeof(b)), "sinkhole"),
	      "sinkhole");
	CHECK(!strcmp(out_reason_name(11, b, sizeof(b)), "host-risk"),
	      "host-risk");
	CHECK(!strcmp(out_reason_name(12, b, sizeof(b)), "quic-sni"),
	      "quic-sni");
	CHECK(!strcmp(out_reason_name(13, b, sizeof(b)), "ja4"), "ja4");
	CHECK(!strcmp(out_reason_name(C2GUARD_REASON_PROTO_MISMATCH, b,
				      sizeof(b)), "proto-mismatch") &&
	      C2GUARD_REASON_PROTO_MISMATCH == 14, "proto-mismatch");
	CHECK(!strcmp(out_reason_name(C2GUARD_REASON_IRC, b, sizeof(b)),
		      "irc") && C2GUARD_REASON_IRC == 15, "irc");
	CHECK(!strcmp(out_reason_name(C2GUARD_REASON_HTTP_URL, b, sizeof(b)),
		      "http-url") && C2GUARD_REASON_HTTP_URL == 16, "http-url");
	CHECK(!strcmp(out_reason_name(17, b, sizeof(b)), "17"), "reason 17");
	CHECK(!strcmp(out_reason_name(200, b, sizeof(b)), "200"), "reason 200");
	CHECK(!strcmp(out_action_name(5, b, sizeof(b)), "allow"), "allow");
	CHECK(!strcmp(out_action_name(2, b, sizeof(b)), "drop"), "drop");
	CHECK(!strcmp(out_action_name(0, b, sizeof(b)), "0"), "none");
	CHECK(!strcmp(out_action_name(200, b, sizeof(b)), "200"), "200");
	CHECK(!strcmp(out_family_name(2), "inet"), "inet");
	CHECK(!strcmp(out_family_name(10), "inet6"), "inet6");
}

/* Run the JSON member writers on stdout redirected to memory. */
static const char *capture_stdout(void (*fn)(const void *), const void *info)
{
	static char out[1024];
	FILE *saved = stdout;
	char *buf = NULL;
	size_t len = 0;

	fflush(stdout);
	stdout = open_memstream(&buf, &len);
	fn(info);
	fclose(stdout);
	stdout = saved;
	snprintf(out, sizeof(out), "%s", buf);
	free(buf);
	return out;
}

static void key_str(const void *p)
{
	const struct ipc_ind *info = p;

	out_json_key_str("tag", info->spec.tag);
}

static void names_json(const void *p)
{
	out_ind_names_json(p);
}

static void entry_text(const void *p)
{
	out_ind_entry(&((const struct ipc_ind *)p)->spec);
}

/* AGE before SCORE, then an attribute out of range, then one absent */
static void beacon_json(const void *p)
{
	static const __u8 attrs[] = {
		C2GUARD_BEACON_A_AGE, C2GUARD_BEACON_A_SCORE, 200,
		C2GUARD_BEACON_A_GAPS, C2GUARD_BEACON_A_FAMILY,
	};

	CHECK(out_beacon_json(p, attrs, sizeof(attrs), true) ==
	      !((const struct ipc_beacon *)p)->has[C2GUARD_BEACON_A_SCORE],
	      "return value");
}

static void indicators(void)
{
	static const struct {
		const char *entry, *bound, *type, *json, *text;
	} cases[] = {
		{ "192.0.2.1", "", "ip", "", "192.0.2.1/32" },
		{ "2001:db8::/32", "", "cidr", "", "2001:db8::/32" },
		{ "192.0.2.9", "c2.evil.example", "bound",
		  ",\"bound\":\"c2.evil.example\"", "192.0.2.9/32" },
		{ "Evil.Example", "", "name",
		  ",\"domain\":\"evil.example\",\"suffix\":false",
		  "evil.example" },
		{ "*.evil.example", "", "suffix",
		  ",\"domain\":\"evil.example\",\"suffix\":true",
		  "*.evil.example" },
		/* its "ja4" key is the list's (an alert's is the hello's) */
		{ "t13d1516h2_8DAAF6152771_e5627efa2ab1", "", "ja4", "",
		  "ja4 t13d1516h2_8daaf6152771_e5627efa2ab1" },
	};
	struct ipc_ind info;
	char err[C2_ERR_MAX];
	const char *got;
	size_t i;

	for (i = 0; i < KTAP_ARRAY_SIZE(cases); i++) {
		memset(&info, 0, sizeof(info));
		c2_spec_init(&info.spec);
		CHECK(!c2_spec_set_entry(&info.spec, cases[i].entry, err,
					 sizeof(err)), "%s: %s", cases[i].entry, err);
		strcpy(info.bound, cases[i].bound);
		CHECK(!strcmp(out_ind_type(&info), cases[i].type), "%s: type %s",
		      cases[i].entry, out_ind_type(&info));
		got = capture_stdout(names_json, &info);
		CHECK(!strcmp(got, cases[i].json), "%s: json %s", cases[i].entry,
		      got);
		got = capture_stdout(entry_text, &info);
		CHECK(!strcmp(got, cases[i].text), "%s: text %s", cases[i].entry,
		      got);
	}
	strcpy(info.spec.tag, "a\"b\x01");
	got = capture_stdout(key_str, &info);
	CHECK(!strcmp(got, ",\"tag\":\"a\\\"b\\u0001\""), "key_str %s", got);
}

static void times(void)
{
	char b[40];
	int r;

	CHECK(!out_time(0, b, sizeof(b)) && !strcmp(b, "1970-01-01T00:00:00.000000Z"),
	      "%s", b);
	/* 2026-11-21T23:59:01.123456789Z */
	CHECK(!out_time(1795305541123456789ULL, b, sizeof(b)) &&
	      !strcmp(b, "2026-11-21T23:59:01.123456Z"), "%s", b);
	CHECK(!out_time(999999999ULL, b, sizeof(b)) &&
	      !strcmp(b, "1970-01-01T00:00:00.999999Z"), "%s", b);
	CHECK(out_time(0, b, 10) == -1, "short buffer");
	CHECK(out_time(0, b, 27) == -1, "one byte short");
	CHECK(!out_time(0, b, 28), "exact");
	/* Far future values still format (year > 9999 or fail cleanly). */
	r = out_time(~0ULL, b, sizeof(b));
	CHECK(r == 0 || r == -1, "max: r=%d", r);
}

static void durations(void)
{
	static const struct {
		unsigned long long ms;
		const char *out;
	} cases[] = {
		{ 0, "0ms" }, { 850, "850ms" }, { 999, "999ms" },
		{ 1000, "1.0s" }, { 1049, "1.0s" }, { 1050, "1.1s" },
		{ 15200, "15.2s" }, { 59949, "59.9s" }, { 59950, "60.0s" },
		{ 60000, "1.0m" }, { 750000, "12.5m" }, { 3600000, "1.0h" },
		{ 21600000, "6.0h" }, { 86400000, "1.0d" },
		{ 2592000000ULL, "30.0d" },
		{ ~0ULL, "213503982334.6d" },
	};
	char b[32];
	size_t i;

	for (i = 0; i < KTAP_ARRAY_SIZE(cases); i++)
		CHECK(!out_ms(cases[i].ms, b, sizeof(b)) &&
		      !strcmp(b, cases[i].out), "%llu ms: %s want %s",
		      cases[i].ms, b, cases[i].out);
	CHECK(out_ms(15200, b, 5) == -1, "short buffer");
	CHECK(!out_ms(15200, b, 6) && !strcmp(b, "15.2s"), "exact");

	CHECK(!out_permille(123, b, sizeof(b)) && !strcmp(b, "12.3%"), "%s", b);
	CHECK(!out_permille(5, b, sizeof(b)) && !strcmp(b, "0.5%"), "%s", b);
	CHECK(!out_permille(1000, b, sizeof(b)) && !strcmp(b, "100.0%"), "%s", b);
	CHECK(!out_permille(0, b, sizeof(b)) && !strcmp(b, "0.0%"), "%s", b);
	CHECK(!out_permille(4294967295ULL, b, sizeof(b)) &&
	      !strcmp(b, "429496729.5%"), "%s", b);
	CHECK(out_permille(1000, b, 6) == -1, "short buffer");
}

/* The destination column of beacons, and the JSON of a channel. */
static void beacon_dest(void)
{
	struct ipc_beacon c;
	char b[C2GUARD_NAME_MAX + 64];
	const char *got;

	memset(&c, 0, sizeof(c));
	CHECK(!out_beacon_dest(&c, b, sizeof(b)) && !strcmp(b, "?"), "%s", b);
	c.family = C2G_AF_INET;
	c.has_daddr = c.has_dport = c.has_proto = true;
	memcpy(c.daddr, "\xc6\x33\x64\x07", 4);
	c.dport = 443;
	c.proto = 6;
	CHECK(!out_beacon_dest(&c, b, sizeof(b)) &&
	      !strcmp(b, "198.51.100.7:443/tcp"), "%s", b);
	c.has_dport = false;
	c.proto = 47;
	CHECK(!out_beacon_dest(&c, b, sizeof(b)) &&
	      !strcmp(b, "198.51.100.7/47"), "%s", b);
	c.has_proto = false;
	CHECK(!out_beacon_dest(&c, b, sizeof(b)) &&
	      !strcmp(b, "198.51.100.7/?"), "%s", b);
	c.family = C2G_AF_INET6;
	memcpy(c.daddr, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x53", 16);
	c.has_dport = c.has_proto = true;
	c.dport = 53;
	c.proto = 17;
	CHECK(!out_beacon_dest(&c, b, sizeof(b)) &&
	      !strcmp(b, "[2001:db8::53]:53/udp"), "%s", b);
	CHECK(out_beacon_dest(&c, b, 10) == -1, "short buffer");
	strcpy(c.name, "c2.evil.example");
	CHECK(!out_beacon_dest(&c, b, sizeof(b)) &&
	      !strcmp(b, "c2.evil.example"), "%s", b);

	memset(&c, 0, sizeof(c));
	c.has[C2GUARD_BEACON_A_SCORE] = true;
	c.val[C2GUARD_BEACON_A_SCORE] = 91;
	c.has[C2GUARD_BEACON_A_AGE] = true;
	c.val[C2GUARD_BEACON_A_AGE] = 18446744073709551615ULL;
	got = capture_stdout(beacon_json, (const void *)&c);
	CHECK(!strcmp(got, "\"age_ms\":18446744073709551615,\"score\":91"),
	      "%s", got);
	memset(&c, 0, sizeof(c));
	got = capture_stdout(beacon_json, (const void *)&c);
	CHECK(!strcmp(got, ""), "nothing: %s", got);
}

static void wire_text(const void *p)
{
	out_wire_text(p);
}

static void wire_json(const void *p)
{
	out_wire_json(p);
}

static void evidence_text(const void *p)
{
	out_evidence_text(p, false);
}

static void track_json(const void *p)
{
	out_track_json(p);
}

/*
 * The fields of proto-mismatch and irc alerts: what the port wants and
 * what came, the nick and channel (escaped: the kernel's bytes are not
 * trusted), whether the port is an IRC port.
 */
static void wire_fields(void)
{
	static const struct {
		unsigned int reason;
		const char *expected, *seen, *nick, *channel;
		bool irc_port;
		const char *text, *json;
	} cases[] = {
		{ C2GUARD_REASON_PROTO_MISMATCH, "tls", "unknown", "", "", false,
		  " expected tls seen unknown",
		  ",\"expected\":\"tls\",\"seen\":\"unknown\"" },
		{ C2GUARD_REASON_PROTO_MISMATCH, "dns", "dns-response", "", "",
		  false, " expected dns seen dns-response",
		  ",\"expected\":\"dns\",\"seen\":\"dns-response\"" },
		/* an irc alert's "seen irc" goes without saying in text */
		{ C2GUARD_REASON_IRC, "", "irc", "bot4242", "#c2chan", true,
		  " nick bot4242 channel #c2chan irc-port yes",
		  ",\"seen\":\"irc\",\"nick\":\"bot4242\",\"channel\":\"#c2chan\",\"irc_port\":true"
		},
		{ C2GUARD_REASON_IRC, "", "irc", "zombie-7", "", false,
		  " nick zombie-7 irc-port no",
		  ",\"seen\":\"irc\",\"nick\":\"zombie-7\",\"irc_port\":false" },
		/* channels keep their '#' ("##c2" too); anything else quotes */
		{ C2GUARD_REASON_IRC, "", "", "[b]ot^", "##c2", false,
		  " nick [b]ot^ channel ##c2 irc-port no",
		  ",\"nick\":\"[b]ot^\",\"channel\":\"##c2\",\"irc_port\":false" },
		{ C2GUARD_REASON_IRC, "", "irc", "b\x1b[2Jo\"t\\", "#c2\x07\n#x y",
		  false,
		  " nick \"b\\x1b[2Jo\\\"t\\\\\" channel \"#c2\\x07\\x0a#x y\" irc-port no",
		  ",\"seen\":\"irc\",\"nick\":\"b\\u001b[2Jo\\\"t\\\\\",\"channel\":\"#c2\\u0007\\n#x y\",\"irc_port\":false"
		},
		{ C2GUARD_REASON_IRC, "", "irc", "n\xc3\xa9\xff", "#\xe2\x80\xae", false,
		  " nick \"n\\xc3\\xa9\\xff\" channel \"#\\xe2\\x80\\xae\" irc-port no",
		  ",\"seen\":\"irc\",\"nick\":\"n\xc3\xa9\\ufffd\",\"channel\":\"#\xe2\x80\xae\",\"irc_port\":false"
		},
		/* what a newer module might send: shown, escaped */
		{ C2GUARD_REASON_PROTO_MISMATCH, "smtp", "x y", "", "", true,
		  " expected smtp seen \"x y\" irc-port yes",
		  ",\"expected\":\"smtp\",\"seen\":\"x y\",\"irc_port\":true" },
		/* other alerts have none of it */
		{ C2GUARD_REASON_IP, "", "", "", "", false, "", "" },
	};
	struct ipc_alert a;
	const char *got;
	size_t i;

	for (i = 0; i < KTAP_ARRAY_SIZE(cases); i++) {
		memset(&a, 0, sizeof(a));
		a.has_reason = true;
		a.reason = (__u8)cases[i].reason;
		strcpy(a.wire.expected, cases[i].expected);
		strcpy(a.wire.seen, cases[i].seen);
		strcpy(a.wire.nick, cases[i].nick);
		strcpy(a.wire.channel, cases[i].channel);
		a.wire.irc_port = cases[i].irc_port;
		got = capture_stdout(wire_text, &a);
		CHECK(!strcmp(got, cases[i].text), "case %zu: text [%s] want [%s]",
		      i, got, cases[i].text);
		got = capture_stdout(wire_json, &a);
		CHECK(!strcmp(got, cases[i].json), "case %zu: json [%s] want [%s]",
		      i, got, cases[i].json);
	}
	/* without a reason, "seen irc" is said */
	memset(&a, 0, sizeof(a));
	strcpy(a.wire.seen, "irc");
	got = capture_stdout(wire_text, &a);
	CHECK(!strcmp(got, " seen irc"), "no reason: %s", got);
	/* elsewhere a '#' still quotes a word (save's lines read it back) */
	CHECK(!strcmp(capture_word("#c2chan"), "\"#c2chan\""), "word #");
}

/* The host views name the new reasons among a host's evidence. */
static void host_reasons(void)
{
	struct ipc_evidence ev;
	struct ipc_track t;
	const char *got;

	memset(&ev, 0, sizeof(ev));
	ev.kind = C2GUARD_EV_ALERT;
	ev.reason = C2GUARD_REASON_IRC;
	ev.weight = 40;
	ev.count = 2;
	got = capture_stdout(evidence_text, &ev);
	CHECK(!strcmp(got, " irc weight 40 count 2"), "%s", got);
	ev.reason = C2GUARD_REASON_PROTO_MISMATCH;
	got = capture_stdout(evidence_text, &ev);
	CHECK(!strcmp(got, " proto-mismatch weight 40 count 2"), "%s", got);

	memset(&t, 0, sizeof(t));
	t.ncounts = 2;
	t.counts[0] = ev;
	t.counts[1] = ev;
	t.counts[1].reason = C2GUARD_REASON_IRC;
	t.counts[1].count = 1;
	got = capture_stdout(track_json, &t);
	CHECK(strstr(got, ",\"alerts\":{\"proto-mismatch\":2,\"irc\":1},"),
	      "%s", got);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(json_strings),
	KTAP_CASE(text_words),
	KTAP_CASE(names),
	KTAP_CASE(indicators),
	KTAP_CASE(times),
	KTAP_CASE(durations),
	KTAP_CASE(beacon_dest),
	KTAP_CASE(wire_fields),
	KTAP_CASE(host_reasons),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
