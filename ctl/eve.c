// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: alerts as Suricata EVE "alert" events ("monitor --eve"), one per
 * line, for the pipelines built to read Suricata's eve.json (Filebeat's
 * Suricata module, Wazuh, Elastic).  Each validates against Suricata's EVE
 * schema (a copy: selftests/data/suricata-eve-schema.json).
 *
 * What EVE has a key for goes there: timestamp (Suricata's form, with a
 * numeric zone), flow_id, the sensor's host name, in_iface by name, the
 * addresses, ports and protocol, app_proto and a dns, tls, quic or http
 * object for the name an alert was raised on (for a JA4 alert, the tls or
 * quic object of its ClientHello, named or not; for a proto-mismatch or
 * irc alert, app_proto of what the first payload was, and
 * app_proto_expected; for an http-url alert, the http object's url too),
 * and alert{} with a signature per reason.  c2guard's own figures follow
 * in alert.metadata (arrays of strings, as rules' metadata are) and, the
 * whole alert as "monitor -j" prints it, in alert.context.c2guard.
 */
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "c2ctl.h"

#define EVE_TROJAN	"A Network Trojan was detected"
#define EVE_BAD		"Potentially Bad Traffic"
#define EVE_MISC	"Misc activity"
#define EVE_NONSTD	"Detection of a Non-Standard Protocol or Event"

/* Signature ids: EVE_SID_BASE + the reason (enum c2guard_reason). */
#define EVE_SID_BASE	9200000u

enum eve_app {
	EVE_APP_NONE, EVE_APP_DNS, EVE_APP_TLS, EVE_APP_HTTP, EVE_APP_QUIC
};

static const struct {
	const char *signature;
	const char *category;
	unsigned int severity;
	enum eve_app app;	/* the object the alert's name goes in */
} eve_sigs[] = {
	[C2GUARD_REASON_IP] = {
		"C2GUARD listed address", EVE_TROJAN, 1, EVE_APP_NONE },
	[C2GUARD_REASON_DNS_QUERY] = {
		"C2GUARD listed name asked in DNS", EVE_TROJAN, 1, EVE_APP_DNS },
	[C2GUARD_REASON_DNS_ANSWER] = {
		"C2GUARD address of a listed name (DNS answer)", EVE_TROJAN, 1,
		EVE_APP_NONE },
	[C2GUARD_REASON_TLS_SNI] = {
		"C2GUARD listed name in a TLS server name", EVE_TROJAN, 1,
		EVE_APP_TLS },
	[C2GUARD_REASON_HTTP_HOST] = {
		"C2GUARD listed name in an HTTP Host", EVE_TROJAN, 1,
		EVE_APP_HTTP },
	[C2GUARD_REASON_BEACON] = {
		"C2GUARD periodic callback (beacon)", EVE_BAD, 2, EVE_APP_NONE },
	[C2GUARD_REASON_DGA] = {
		"C2GUARD algorithm-generated names asked (DGA)", EVE_BAD, 2,
		EVE_APP_DNS },
	[C2GUARD_REASON_NXDOMAIN_BURST] = {
		"C2GUARD burst of names that do not exist (NXDOMAIN)", EVE_BAD,
		2, EVE_APP_DNS },
	[C2GUARD_REASON_FAST_FLUX] = {
		"C2GUARD fast-flux name", EVE_BAD, 2, EVE_APP_DNS },
	[C2GUARD_REASON_SINKHOLE] = {
		"C2GUARD name answered with a sinkhole address", EVE_TROJAN, 1,
		EVE_APP_DNS },
	[C2GUARD_REASON_HOST_RISK] = {
		"C2GUARD host risk: its evidence added up", EVE_TROJAN, 1,
		EVE_APP_NONE },
	[C2GUARD_REASON_QUIC_SNI] = {
		"C2GUARD listed name in a QUIC server name", EVE_TROJAN, 1,
		EVE_APP_QUIC },
	/* tls or quic: the fingerprint's protocol (eve_app()) */
	[C2GUARD_REASON_JA4] = {
		"C2GUARD listed JA4 fingerprint", EVE_TROJAN, 1, EVE_APP_TLS },
	/* app_proto: what the payload is (eve_wire()) */
	[C2GUARD_REASON_PROTO_MISMATCH] = {
		"C2GUARD protocol/port mismatch", EVE_NONSTD, 2, EVE_APP_NONE },
	[C2GUARD_REASON_IRC] = {
		"C2GUARD IRC registration", EVE_BAD, 2, EVE_APP_NONE },
	/* http: hostname and url, the path and query asked for */
	[C2GUARD_REASON_HTTP_URL] = {
		"C2GUARD listed URL", EVE_TROJAN, 1, EVE_APP_HTTP },
};

static __u64 eve_fnv(__u64 h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--) {
		h ^= *b++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/*
 * The flow's id: a hash of the netns, protocol and both ends, the ends in
 * a fixed order, so that every alert about one conntrack flow (either
 * direction) has the same id.  53 bits, exact in any JSON reader.
 */
__u64 eve_flow_id(const struct ipc_alert *a)
{
	size_t alen = a->family == AF_INET6 ? 16 : 4;
	__u16 sport = a->has_sport ? a->sport : 0;
	__u16 dport = a->has_dport ? a->dport : 0;
	const __u8 *lo = a->saddr, *hi = a->daddr;
	__u16 lport = sport, hport = dport;
	int c = memcmp(a->saddr, a->daddr, alen);
	__u64 h = 0xcbf29ce484222325ULL;

	if (c > 0 || (!c && sport > dport)) {
		lo = a->daddr;
		hi = a->saddr;
		lport = dport;
		hport = sport;
	}
	h = eve_fnv(h, &a->netns, sizeof(a->netns));
	h = eve_fnv(h, &a->family, sizeof(a->family));
	h = eve_fnv(h, &a->proto, sizeof(a->proto));
	h = eve_fnv(h, lo, alen);
	h = eve_fnv(h, &lport, sizeof(lport));
	h = eve_fnv(h, hi, alen);
	h = eve_fnv(h, &hport, sizeof(hport));
	h &= (1ULL << 53) - 1;
	return h ?: 1;
}

static bool eve_known(unsigned int reason)
{
	return reason < sizeof(eve_sigs) / sizeof(eve_sigs[0]) &&
	       eve_sigs[reason].signature;
}

/* Whether the alert's action stopped the flow: drop, reject, quarantine. */
bool eve_blocked(const struct ipc_alert *a)
{
	return a->has_action && (a->action == C2GUARD_ACT_DROP ||
				 a->action == C2GUARD_ACT_REJECT ||
				 a->action == C2GUARD_ACT_QUARANTINE);
}

unsigned int eve_signature_id(const struct ipc_alert *a)
{
	return EVE_SID_BASE + (a->has_reason ? a->reason : 0);
}

const char *eve_signature(const struct ipc_alert *a)
{
	unsigned int reason = a->has_reason ? a->reason : 0;

	return eve_known(reason) ? eve_sigs[reason].signature : "C2GUARD alert";
}

/* Suricata's protocol names: upper case, "IPv6-ICMP", else the number. */
static const char *eve_proto(unsigned int proto, char *buf, size_t len)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "TCP";
	case IPPROTO_UDP:
		return "UDP";
	case IPPROTO_ICMP:
		return "ICMP";
	case IPPROTO_ICMPV6:
		return "IPv6-ICMP";
	case IPPROTO_SCTP:
		return "SCTP";
	}
	snprintf(buf, len, "%u", proto);
	return buf;
}

/* ,"KEY":["VALUE"] */
static void eve_meta(bool *first, const char *key, const char *val)
{
	printf("%s\"%s\":[", *first ? "" : ",", key);
	out_json_str(stdout, val, strlen(val));
	putchar(']');
	*first = false;
}

static void eve_alert_obj(const struct ipc_alert *a)
{
	unsigned int reason = a->has_reason ? a->reason : 0;
	bool known = eve_known(reason);
	char nb[16], sig[64], entry[C2_IND_FMT_MAX];
	bool first = true;

	printf(",\"alert\":{\"action\":\"%s\",\"gid\":1,\"signature_id\":%u,\"rev\":1",
	       eve_blocked(a) ? "blocked" : "allowed", eve_signature_id(a));
	if (!known)
		snprintf(sig, sizeof(sig), "C2GUARD alert (reason %u)", reason);
	out_json_key_str("signature", known ? eve_sigs[reason].signature : sig);
	out_json_key_str("category", known ? eve_sigs[reason].category :
			 EVE_MISC);
	printf(",\"severity\":%u", known ? eve_sigs[reason].severity : 3);

	fputs(",\"metadata\":{", stdout);
	eve_meta(&first, "c2guard_reason",
		 out_reason_name(reason, nb, sizeof(nb)));
	if (a->has_action)
		eve_meta(&first, "c2guard_action",
			 out_action_name(a->action, nb, sizeof(nb)));
	if (a->has_ind) {
		c2_spec_format(&a->ind.spec, entry, sizeof(entry));
		eve_meta(&first, "c2guard_indicator", entry);
		if (a->ind.spec.tag[0])
			eve_meta(&first, "tag", a->ind.spec.tag);
	}
	if (a->name[0])
		eve_meta(&first, "c2guard_name", a->name);
	if (a->wire.expected[0])
		eve_meta(&first, "c2guard_proto_expected", a->wire.expected);
	if (a->wire.seen[0])
		eve_meta(&first, "c2guard_proto_seen", a->wire.seen);
	if (a->wire.nick[0])
		eve_meta(&first, "c2guard_irc_nick", a->wire.nick);
	if (a->wire.channel[0])
		eve_meta(&first, "c2guard_irc_channel", a->wire.channel);
	fputs("},\"context\":{\"c2guard\":", stdout);
}

/*
 * The ClientHello's JA4: the alert's, else (a JA4 alert) its indicator's,
 * else "".
 */
static const char *eve_ja4(const struct ipc_alert *a)
{
	if (a->ja4[0])
		return a->ja4;
	if (a->has_ind && (a->ind.spec.set & C2_SPEC_JA4))
		return a->ind.spec.ja4;
	return "";
}

/*
 * The object the alert's evidence goes in: for a JA4 alert tls ("t...",
 * TLS over TCP) or quic ("q..."), name or not; for the others the
 * reason's, when they have a name.
 */
static enum eve_app eve_app(const struct ipc_alert *a)
{
	unsigned int reason = a->has_reason ? a->reason : 0;

	if (!eve_known(reason))
		return EVE_APP_NONE;
	if (reason == C2GUARD_REASON_JA4) {
		switch (eve_ja4(a)[0]) {
		case 't':
			return EVE_APP_TLS;
		case 'q':
			return EVE_APP_QUIC;
		}
		return EVE_APP_NONE;
	}
	return a->name[0] ? eve_sigs[reason].app : EVE_APP_NONE;
}

/*
 * The members of a tls or quic object: "sni" (when there is a name),
 * "ja4", "ja3":{"hash":...}, Suricata's keys.
 */
static void eve_hello(const struct ipc_alert *a)
{
	const char *ja4 = eve_ja4(a);
	bool first = true;

	if (a->name[0]) {
		fputs("\"sni\":", stdout);
		out_json_str(stdout, a->name, strlen(a->name));
		first = false;
	}
	if (ja4[0]) {
		printf("%s\"ja4\":", first ? "" : ",");
		out_json_str(stdout, ja4, strlen(ja4));
		first = false;
	}
	if (a->ja3[0]) {
		printf("%s\"ja3\":{\"hash\":", first ? "" : ",");
		out_json_str(stdout, a->ja3, strlen(a->ja3));
		putchar('}');
	}
}

/*
 * ,"url":...: an http-url alert's request target, its path and query
 * (Suricata's http.url), what follows the host of ALERT_A_URL.
 */
static void eve_http_url(const struct ipc_alert *a)
{
	const char *path = strchr(a->url, '/');

	if (!path)
		return;
	fputs(",\"url\":", stdout);
	out_json_str(stdout, path, strlen(path));
}

/*
 * Suricata's app_proto for what a first payload was (PROTO_SEEN): its
 * parser's name, "failed" (Suricata's word when it recognises nothing)
 * for random bytes, too few bytes, or a protocol it has no name for here.
 */
static const char *eve_seen_proto(const char *seen)
{
	static const struct {
		const char *seen, *app;
	} apps[] = {
		{ "tls", "tls" }, { "tls-other", "tls" }, { "http", "http" },
		{ "ssh", "ssh" }, { "irc", "irc" }, { "dns-response", "dns" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(apps); i++)
		if (!strcmp(seen, apps[i].seen))
			return apps[i].app;
	return "failed";
}

/*
 * A proto-mismatch or irc alert's app_proto: what the first payload was
 * ("irc" for a registration); for a mismatch, app_proto_expected: what
 * the server port wants.
 */
static void eve_wire(const struct ipc_alert *a)
{
	unsigned int reason = a->has_reason ? a->reason : 0;

	if (reason == C2GUARD_REASON_IRC) {
		fputs(",\"app_proto\":\"irc\"", stdout);
	} else if (reason == C2GUARD_REASON_PROTO_MISMATCH) {
		out_json_key_str("app_proto", eve_seen_proto(a->wire.seen));
		if (a->wire.expected[0])
			out_json_key_str("app_proto_expected",
					 a->wire.expected);
	}
}

/*
 * The EVE event of @a up to the value of alert.context.c2guard, which the
 * caller prints (the "monitor -j" object), then eve_alert_close().
 */
void eve_alert_open(const struct ipc_alert *a)
{
	char s[C2G_ADDR_FMT_MAX], nb[16], tbuf[48], host[256], ifn[IF_NAMESIZE];
	enum eve_app app = eve_app(a);

	/* Suricata's form: local time with a numeric zone; here UTC */
	if (!a->has_time || out_time_zone(a->time, tbuf, sizeof(tbuf), "+0000"))
		snprintf(tbuf, sizeof(tbuf), "1970-01-01T00:00:00.000000+0000");
	printf("{\"timestamp\":\"%s\",\"flow_id\":%llu", tbuf,
	       (unsigned long long)eve_flow_id(a));
	if (!gethostname(host, sizeof(host))) {
		host[sizeof(host) - 1] = '\0';
		out_json_key_str("host", host);
	}
	if (a->has_iif && if_indextoname(a->iif, ifn))
		out_json_key_str("in_iface", ifn);
	fputs(",\"event_type\":\"alert\"", stdout);
	c2g_addr_format(a->family, a->saddr, s, sizeof(s));
	out_json_key_str("src_ip", s);
	if (a->has_sport)
		printf(",\"src_port\":%u", a->sport);
	c2g_addr_format(a->family, a->daddr, s, sizeof(s));
	out_json_key_str("dest_ip", s);
	if (a->has_dport)
		printf(",\"dest_port\":%u", a->dport);
	out_json_key_str("proto", eve_proto(a->proto, nb, sizeof(nb)));
	switch (app) {
	case EVE_APP_DNS:
		/* Suricata 8's form: version 3, the name in "queries" */
		fputs(",\"app_proto\":\"dns\",\"dns\":{\"version\":3,\"queries\":[{\"rrname\":",
		      stdout);
		out_json_str(stdout, a->name, strlen(a->name));
		fputs("}]}", stdout);
		break;
	case EVE_APP_TLS:
		fputs(",\"app_proto\":\"tls\",\"tls\":{", stdout);
		eve_hello(a);
		putchar('}');
		break;
	case EVE_APP_QUIC:
		fputs(",\"app_proto\":\"quic\",\"quic\":{", stdout);
		eve_hello(a);
		putchar('}');
		break;
	case EVE_APP_HTTP:
		fputs(",\"app_proto\":\"http\",\"http\":{\"hostname\":", stdout);
		out_json_str(stdout, a->name, strlen(a->name));
		eve_http_url(a);
		putchar('}');
		break;
	case EVE_APP_NONE:
		eve_wire(a);
		break;
	}
	eve_alert_obj(a);
}

void eve_alert_close(void)
{
	puts("}}}");
}

/*
 * Alerts the monitor never received (seq @first..@last, noticed at @ns by
 * the next one's number), the way Suricata logs its own trouble: an
 * "engine" event at log level Warning, in the same stream as the alerts.
 */
void eve_lost(unsigned long long ns, __u64 first, __u64 last)
{
	char tbuf[48], host[256];

	if (out_time_zone(ns, tbuf, sizeof(tbuf), "+0000"))
		snprintf(tbuf, sizeof(tbuf), "1970-01-01T00:00:00.000000+0000");
	printf("{\"timestamp\":\"%s\"", tbuf);
	if (!gethostname(host, sizeof(host))) {
		host[sizeof(host) - 1] = '\0';
		out_json_key_str("host", host);
	}
	printf(",\"event_type\":\"engine\",\"log_level\":\"Warning\",\"engine\":{\"module\":\"c2guard\",\"message\":\"lost %llu alert%s (seq %llu..%llu)\"}}\n",
	       (unsigned long long)(last - first + 1), last == first ? "" : "s",
	       (unsigned long long)first,
	       (unsigned long long)last);
}
