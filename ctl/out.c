// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: text and JSON output helpers.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <netinet/in.h>

#include "c2ctl.h"
#include "escape.h"

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned int cp;

	return s[0] < 0x80 ? 1 : c2_utf8_seq(s, n, &cp);
}

/*
 * Write s[0..n) as a JSON string.  Control characters are escaped; bytes
 * that are not valid UTF-8 become U+FFFD so the output stays valid JSON.
 */
void out_json_str(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, l;

	fputc('"', f);
	while (i < n) {
		unsigned char c = u[i];

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(f, "\\u%04x", c);
				break;
			}
			l = utf8_len(u + i, n - i);
			if (!l) {
				fputs("\\ufffd", f);
				break;
			}
			fwrite(u + i, 1, l, f);
			i += l;
			continue;
		}
		i++;
	}
	fputc('"', f);
}

/*
 * A word for the text output: as is when it is non-empty printable ASCII
 * without spaces, quotes, backslashes or (unless @hash) '#', else
 * double-quoted with C escapes, so every field stays one
 * whitespace-separated word.
 */
static void text_word(FILE *f, const char *s, bool hash)
{
	const unsigned char *u = (const unsigned char *)s;
	bool plain = *s;
	size_t i;

	for (i = 0; u[i]; i++) {
		if (u[i] <= ' ' || u[i] >= 0x7f || u[i] == '"' ||
		    u[i] == '\\' || (u[i] == '#' && !hash))
			plain = false;
	}
	if (plain) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (i = 0; u[i]; i++) {
		if (u[i] == '"' || u[i] == '\\')
			fprintf(f, "\\%c", u[i]);
		else if (u[i] < ' ' || u[i] >= 0x7f)
			fprintf(f, "\\x%02x", u[i]);
		else
			fputc(u[i], f);
	}
	fputc('"', f);
}

/*
 * A word of the text output (a '#' quotes it: lines read back, as "save"
 * prints, take it for a comment).
 */
void out_text_word(FILE *f, const char *s)
{
	text_word(f, s, false);
}

/* ,"key":"val" (JSON member after the first one of an object) */
void out_json_key_str(const char *key, const char *val)
{
	printf(",\"%s\":", key);
	out_json_str(stdout, val, strlen(val));
}

/*
 * "ip", "cidr", "ip-port", "answer", "name", "suffix", "ja4", "url", or "bound"
 * for an address bound from DNS.
 */
const char *out_ind_type(const struct ipc_ind *info)
{
	if (info->bound[0])
		return "bound";
	return c2_spec_type(&info->spec);
}

/*
 * JSON members of what an indicator has to do with names: "domain" and
 * "suffix" for a name indicator, "bound" for an address bound from DNS.
 */
void out_ind_names_json(const struct ipc_ind *info)
{
	if (info->spec.set & C2_SPEC_NAME) {
		out_json_key_str("domain", info->spec.name.s);
		printf(",\"suffix\":%s", info->spec.suffix ? "true" : "false");
	}
	if (info->bound[0])
		out_json_key_str("bound", info->bound);
	if (info->spec.set & C2_SPEC_ANSWER)
		printf(",\"answer\":true");
}

/*
 * The entry of @spec as words: "answer ADDR" for an answer address, "ja4
 * FP" for a JA4 fingerprint, "url KEY" for a URL (the two words each is
 * read back as, the key quoted if need be), else one word (quoted if need
 * be).
 */
void out_ind_entry(const struct c2_ind_spec *spec)
{
	char entry[C2_IND_FMT_MAX];

	if (c2_spec_format(spec, entry, sizeof(entry)) < 0) {
		fputs("?", stdout);
		return;
	}
	/* "answer " and an address, "ja4 " and [A-Za-z0-9_]: as they are */
	if (spec->set & (C2_SPEC_ANSWER | C2_SPEC_JA4)) {
		fputs(entry, stdout);
	} else if (spec->set & C2_SPEC_URL) {
		fputs("url ", stdout);
		out_text_word(stdout, spec->url);
	} else {
		out_text_word(stdout, entry);
	}
}

/*
 * One JSON document per command: the elements of a list go in an array,
 * c2_json_elem() putting the comma before all but the first.
 */
static bool json_first;

void c2_json_array_begin(void)
{
	putchar('[');
	json_first = true;
}

void c2_json_elem(void)
{
	if (!json_first)
		putchar(',');
	json_first = false;
}

void c2_json_array_end(void)
{
	puts("]");
}

/*
 * ,"feed":F (the deciding listing's, if a feed's), and "tags"/"feeds":
 * every listing's tag and feed ("" for a manual one), in the kernel's order.
 */
void out_ind_claims_json(const struct ipc_ind *info)
{
	unsigned int i;

	if (info->feed[0])
		out_json_key_str("feed", info->feed);
	if (!info->nclaims)
		return;
	fputs(",\"tags\":[", stdout);
	for (i = 0; i < info->nclaims; i++) {
		if (i)
			putchar(',');
		out_json_str(stdout, info->claims[i].tag,
			     strlen(info->claims[i].tag));
	}
	fputs("],\"feeds\":[", stdout);
	for (i = 0; i < info->nclaims; i++) {
		if (i)
			putchar(',');
		out_json_str(stdout, info->claims[i].feed,
			     strlen(info->claims[i].feed));
	}
	putchar(']');
}

const char *out_proto_name(unsigned int proto, char *buf, size_t len)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_ICMPV6:
		return "ipv6-icmp";
	case IPPROTO_SCTP:
		return "sctp";
	}
	snprintf(buf, len, "%u", proto);
	return buf;
}

const char *out_hook_name(unsigned int hook, char *buf, size_t len)
{
	switch (hook) {
	case 0:
		return "prerouting";
	case 3:
		return "output";
	}
	snprintf(buf, len, "%u", hook);
	return buf;
}

const char *out_dir_name(unsigned int dir, char *buf, size_t len)
{
	switch (dir) {
	case C2GUARD_DIR_TO_IND:
		return "to-indicator";
	case C2GUARD_DIR_FROM_IND:
		return "from-indicator";
	}
	snprintf(buf, len, "%u", dir);
	return buf;
}

const char *out_reason_name(unsigned int reason, char *buf, size_t len)
{
	switch (reason) {
	case C2GUARD_REASON_IP:
		return "ip";
	case C2GUARD_REASON_DNS_QUERY:
		return "dns-query";
	case C2GUARD_REASON_DNS_ANSWER:
		return "dns-answer";
	case C2GUARD_REASON_TLS_SNI:
		return "tls-sni";
	case C2GUARD_REASON_HTTP_HOST:
		return "http-host";
	case C2GUARD_REASON_BEACON:
		return "beacon";
	case C2GUARD_REASON_DGA:
		return "dga";
	case C2GUARD_REASON_NXDOMAIN_BURST:
		return "nxdomain-burst";
	case C2GUARD_REASON_FAST_FLUX:
		return "fast-flux";
	case C2GUARD_REASON_SINKHOLE:
		return "sinkhole";
	case C2GUARD_REASON_HOST_RISK:
		return "host-risk";
	case C2GUARD_REASON_QUIC_SNI:
		return "quic-sni";
	case C2GUARD_REASON_JA4:
		return "ja4";
	case C2GUARD_REASON_HTTP_URL:
		return "http-url";
	case C2GUARD_REASON_PROTO_MISMATCH:
		return "proto-mismatch";
	case C2GUARD_REASON_IRC:
		return "irc";
	}
	snprintf(buf, len, "%u", reason);
	return buf;
}

/*
 * What the first payload of a flow gave away (reasons proto-mismatch and
 * irc), text: " expected tls seen unknown", " nick N channel C irc-port
 * yes".  An irc alert's "seen irc", which its reason says, is left out; an
 * IRC channel ("#c2", "##c2") keeps its '#' unquoted, the line being read
 * by people, never back.
 */
void out_wire_text(const struct ipc_alert *a)
{
	const struct ipc_wire *w = &a->wire;
	bool irc = a->has_reason && a->reason == C2GUARD_REASON_IRC;

	if (w->expected[0]) {
		fputs(" expected ", stdout);
		out_text_word(stdout, w->expected);
	}
	if (w->seen[0] && !(irc && !strcmp(w->seen, "irc"))) {
		fputs(" seen ", stdout);
		out_text_word(stdout, w->seen);
	}
	if (w->nick[0]) {
		fputs(" nick ", stdout);
		out_text_word(stdout, w->nick);
	}
	if (w->channel[0]) {
		fputs(" channel ", stdout);
		text_word(stdout, w->channel, true);
	}
	if (irc || w->irc_port)
		printf(" irc-port %s", w->irc_port ? "yes" : "no");
}

/*
 * The same, JSON members: "expected", "seen", "nick", "channel" when they
 * came, and "irc_port" (a boolean) on an irc alert.
 */
void out_wire_json(const struct ipc_alert *a)
{
	const struct ipc_wire *w = &a->wire;

	if (w->expected[0])
		out_json_key_str("expected", w->expected);
	if (w->seen[0])
		out_json_key_str("seen", w->seen);
	if (w->nick[0])
		out_json_key_str("nick", w->nick);
	if (w->channel[0])
		out_json_key_str("channel", w->channel);
	if ((a->has_reason && a->reason == C2GUARD_REASON_IRC) || w->irc_port)
		printf(",\"irc_port\":%s", w->irc_port ? "true" : "false");
}

const char *out_action_name(unsigned int action, char *buf, size_t len)
{
	const char *name = c2_action_name(action);

	if (name)
		return name;
	snprintf(buf, len, "%u", action);
	return buf;
}

const char *out_family_name(unsigned int family)
{
	switch (family) {
	case C2G_AF_INET:
		return "inet";
	case C2G_AF_INET6:
		return "inet6";
	}
	return "unknown";
}

/*
 * UTC from nanoseconds since the epoch, to the microsecond, then @zone:
 * "2026-11-21T23:59:01.123456Z" for "Z".
 */
int out_time_zone(unsigned long long ns, char *buf, size_t len,
		  const char *zone)
{
	time_t secs = (time_t)(ns / 1000000000ULL);
	unsigned long usec = (unsigned long)(ns % 1000000000ULL / 1000);
	struct tm tm;
	size_t n;

	if (!gmtime_r(&secs, &tm))
		return -1;
	n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!n)
		return -1;
	if ((size_t)snprintf(buf + n, len - n, ".%06lu%s", usec, zone) >=
	    len - n)
		return -1;
	return 0;
}

int out_time(unsigned long long ns, char *buf, size_t len)
{
	return out_time_zone(ns, buf, len, "Z");
}

/*
 * A duration, short: "850ms" below a second, else in tenths of the largest
 * unit it reaches: "15.2s", "12.5m", "6.0h", "2.1d".  Returns 0 or -1.
 */
int out_ms(unsigned long long ms, char *buf, size_t len)
{
	static const struct {
		unsigned long long ms;
		char unit;
	} units[] = {
		{ 86400000ULL, 'd' }, { 3600000ULL, 'h' }, { 60000ULL, 'm' },
		{ 1000ULL, 's' },
	};
	unsigned long long tenths;
	unsigned int i;
	int r;

	for (i = 0; i < ARRAY_SIZE(units) && ms < units[i].ms; i++)
		;
	if (i == ARRAY_SIZE(units)) {
		r = snprintf(buf, len, "%llums", ms);
	} else {
		/* rounded to the nearest tenth, without overflowing */
		tenths = ms / units[i].ms * 10 +
			 (ms % units[i].ms * 10 + units[i].ms / 2) / units[i].ms;
		r = snprintf(buf, len, "%llu.%llu%c", tenths / 10, tenths % 10,
			     units[i].unit);
	}
	return r < 0 || (size_t)r >= len ? -1 : 0;
}

/* Permille as a percentage with one decimal: 123 -> "12.3%". */
int out_permille(unsigned long long pm, char *buf, size_t len)
{
	int r = snprintf(buf, len, "%llu.%llu%%", pm / 10, pm % 10);

	return r < 0 || (size_t)r >= len ? -1 : 0;
}

/*
 * Where a beacon channel goes: its name, or "198.51.100.7:443/tcp",
 * "[2001:db8::1]:53/udp", "198.51.100.7/icmp" (no port), "?" if the
 * channel has neither.  Returns 0 or -1 (buffer too short).
 */
int out_beacon_dest(const struct ipc_beacon *b, char *buf, size_t len)
{
	char a[C2G_ADDR_FMT_MAX], pb[16], port[8] = "";
	const char *proto = "?";
	int r;

	if (b->name[0]) {
		r = snprintf(buf, len, "%s", b->name);
	} else if (!b->has_daddr) {
		r = snprintf(buf, len, "?");
	} else {
		c2g_addr_format(b->family, b->daddr, a, sizeof(a));
		if (b->has_proto)
			proto = out_proto_name(b->proto, pb, sizeof(pb));
		if (b->has_dport)
			snprintf(port, sizeof(port), ":%u", b->dport);
		if (b->family == C2G_AF_INET6 && b->has_dport)
			r = snprintf(buf, len, "[%s]%s/%s", a, port, proto);
		else
			r = snprintf(buf, len, "%s%s/%s", a, port, proto);
	}
	return r < 0 || (size_t)r >= len ? -1 : 0;
}

/* JSON keys of a beacon channel's statistics. */
static const char *const beacon_keys[C2GUARD_BEACON_A_MAX + 1] = {
	[C2GUARD_BEACON_A_SCORE] = "score",
	[C2GUARD_BEACON_A_GAPS] = "gaps",
	[C2GUARD_BEACON_A_EVENTS] = "events",
	[C2GUARD_BEACON_A_RETRIES] = "retries",
	[C2GUARD_BEACON_A_INTERVAL] = "interval_ms",
	[C2GUARD_BEACON_A_JITTER] = "jitter_pm",
	[C2GUARD_BEACON_A_SIZE] = "size",
	[C2GUARD_BEACON_A_AGE] = "age_ms",
	[C2GUARD_BEACON_A_IDLE] = "idle_ms",
	[C2GUARD_BEACON_A_ALERTS] = "alerts",
	[C2GUARD_BEACON_A_TIMING] = "timing",
	[C2GUARD_BEACON_A_DATA] = "data",
	[C2GUARD_BEACON_A_GAP_DISP] = "gap_disp",
	[C2GUARD_BEACON_A_GAP_CV] = "gap_cv",
	[C2GUARD_BEACON_A_GAP_SKEW] = "gap_skew",
	[C2GUARD_BEACON_A_COUNT] = "count",
};

/*
 * JSON members "key":value of the statistics attrs[0..n) that @b has, in
 * that order; @first: no comma before the first one.  Returns whether
 * nothing was written and @first was set.
 */
bool out_beacon_json(const struct ipc_beacon *b, const __u8 *attrs,
		     size_t n, bool first)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (attrs[i] > C2GUARD_BEACON_A_MAX || !b->has[attrs[i]] ||
		    !beacon_keys[attrs[i]])
			continue;
		printf("%s\"%s\":%llu", first ? "" : ",", beacon_keys[attrs[i]],
		       (unsigned long long)b->val[attrs[i]]);
		first = false;
	}
	return first;
}

/* Flush stdout; a failed write (full disk, closed pipe) is an error. */
int out_flush(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		c2_err("write error on standard output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- inside hosts and their evidence ---- */

/* An evidence kind's name: an alert's reason, beacon-near or dyndns. */
static const char *out_ev_name(const struct ipc_evidence *ev, char *buf,
			       size_t len)
{
	switch (ev->kind) {
	case C2GUARD_EV_ALERT:
		return out_reason_name(ev->reason, buf, len);
	case C2GUARD_EV_BEACON_NEAR:
		return "beacon-near";
	case C2GUARD_EV_DYNDNS:
		return "dyndns";
	}
	snprintf(buf, len, "kind-%u", ev->kind);
	return buf;
}

/*
 * " KIND [addr A] [port P proto X] [name N] [tag T] [score S] weight W
 * count C", and with @times " first T last T".
 */
void out_evidence_text(const struct ipc_evidence *ev, bool times)
{
	char nb[24], a[C2G_ADDR_FMT_MAX], t[40];

	printf(" %s", out_ev_name(ev, nb, sizeof(nb)));
	if (ev->has_addr &&
	    c2g_addr_format(ev->family, ev->addr, a, sizeof(a)) >= 0)
		printf(" addr %s", a);
	if (ev->proto)
		printf(" port %u proto %s", ev->port,
		       out_proto_name(ev->proto, nb, sizeof(nb)));
	if (ev->name[0]) {
		fputs(" name ", stdout);
		out_text_word(stdout, ev->name);
	}
	if (ev->tag[0]) {
		fputs(" tag ", stdout);
		out_text_word(stdout, ev->tag);
	}
	if (ev->value)
		printf(" score %u", ev->value);
	printf(" weight %u count %u", ev->weight, ev->count);
	if (!times)
		return;
	if (!out_time(ev->first, t, sizeof(t)))
		printf(" first %s", t);
	if (!out_time(ev->last, t, sizeof(t)))
		printf(" last %s", t);
}

static void out_evidence_json(const struct ipc_evidence *ev)
{
	char nb[24], a[C2G_ADDR_FMT_MAX], t[40];
	const char *kind = ev->kind == C2GUARD_EV_ALERT ? "alert" :
			   out_ev_name(ev, nb, sizeof(nb));

	fputs("{\"kind\":", stdout);
	out_json_str(stdout, kind, strlen(kind));
	if (ev->kind == C2GUARD_EV_ALERT)
		out_json_key_str("reason",
				 out_reason_name(ev->reason, nb, sizeof(nb)));
	if (ev->has_addr &&
	    c2g_addr_format(ev->family, ev->addr, a, sizeof(a)) >= 0)
		out_json_key_str("addr", a);
	if (ev->proto) {
		printf(",\"port\":%u", ev->port);
		out_json_key_str("proto",
				 out_proto_name(ev->proto, nb, sizeof(nb)));
	}
	if (ev->name[0])
		out_json_key_str("name", ev->name);
	if (ev->tag[0])
		out_json_key_str("tag", ev->tag);
	if (ev->value)
		printf(",\"score\":%u", ev->value);
	printf(",\"weight\":%u,\"count\":%u", ev->weight, ev->count);
	if (!out_time(ev->first, t, sizeof(t)))
		out_json_key_str("first", t);
	if (!out_time(ev->last, t, sizeof(t)))
		out_json_key_str("last", t);
	putchar('}');
}

/*
 * JSON members of what is known of a host: ,"risk":R,"risk_alerts":N,
 * "first":T,"last":T,"alerts":{REASON:N...},"beacon_near":N,"dyndns":N,
 * "evidence":[...].
 */
void out_track_json(const struct ipc_track *t)
{
	unsigned long long near = 0, dyn = 0;
	char nb[24], tb[40];
	const char *name;
	unsigned int i;
	bool first = true;

	printf(",\"risk\":%u,\"risk_alerts\":%u", t->risk, t->risk_alerts);
	if (!out_time(t->first, tb, sizeof(tb)))
		out_json_key_str("first", tb);
	if (!out_time(t->last, tb, sizeof(tb)))
		out_json_key_str("last", tb);
	fputs(",\"alerts\":{", stdout);
	for (i = 0; i < t->ncounts; i++) {
		const struct ipc_evidence *c = &t->counts[i];

		if (c->kind == C2GUARD_EV_BEACON_NEAR) {
			near += c->count;
		} else if (c->kind == C2GUARD_EV_DYNDNS) {
			dyn += c->count;
		} else if (c->kind == C2GUARD_EV_ALERT) {
			if (!first)
				putchar(',');
			first = false;
			name = out_reason_name(c->reason, nb, sizeof(nb));
			out_json_str(stdout, name, strlen(name));
			printf(":%u", c->count);
		}
	}
	printf("},\"beacon_near\":%llu,\"dyndns\":%llu,\"evidence\":[", near,
	       dyn);
	for (i = 0; i < t->nev; i++) {
		if (i)
			putchar(',');
		out_evidence_json(&t->ev[i]);
	}
	putchar(']');
}

/* " counts KIND N..." of a host, text. */
void out_track_counts_text(const struct ipc_track *t)
{
	char nb[24];
	unsigned int i;

	fputs(" counts", stdout);
	for (i = 0; i < t->ncounts; i++)
		printf(" %s %u", out_ev_name(&t->counts[i], nb, sizeof(nb)),
		       t->counts[i].count);
}
