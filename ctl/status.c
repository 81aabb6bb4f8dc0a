// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: status and config commands.
 */
#include <errno.h>
#include <string.h>

#include "c2ctl.h"
#include "nl-spec.h"

/* What "status" calls each attribute: the spec's names, with underscores. */
#define STATUS_NAME(attr, name, key, type) [attr] = key,
static const char *const status_names[C2GUARD_STATUS_A_MAX + 1] = {
	C2G_SPEC_STATUS_ATTRS(STATUS_NAME)
};
#undef STATUS_NAME

/* Each attribute's type (enum c2g_spec_type). */
#define STATUS_TYPE(attr, name, key, type) [attr] = C2G_SPEC_##type,
static const unsigned char status_types[C2GUARD_STATUS_A_MAX + 1] = {
	C2G_SPEC_STATUS_ATTRS(STATUS_TYPE)
};
#undef STATUS_TYPE

/* The first sentence of each number's doc: the metrics' HELP. */
#define STATUS_DOC(attr, doc) [attr] = doc,
static const char *const status_docs[C2GUARD_STATUS_A_MAX + 1] = {
	C2G_SPEC_STATUS_DOCS(STATUS_DOC)
};
#undef STATUS_DOC

/* Bit i of C2GUARD_STATUS_A_FEATURES is feature_names[i] (the spec's). */
#define FEATURE(flag, name, bit) [bit] = name,
static const char *const feature_names[] = {
	C2G_SPEC_FEATURES_ENTRIES(FEATURE)
};
#undef FEATURE

static void status_features(__u64 feat)
{
	bool first = true;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(feature_names); i++) {
		if (!(feat & (1ULL << i)))
			continue;
		if (c2_json)
			printf("%s\"%s\"", first ? "" : ",", feature_names[i]);
		else
			printf(" %s", feature_names[i]);
		first = false;
	}
	feat &= ~((1ULL << ARRAY_SIZE(feature_names)) - 1);
	if (feat) {
		if (c2_json)
			printf("%s\"0x%llx\"", first ? "" : ",",
			       (unsigned long long)feat);
		else
			printf(" 0x%llx", (unsigned long long)feat);
	}
}

/* A label value or HELP text in Prometheus's escaping. */
static void prom_text(const char *s, bool label)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", stdout);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '"' && label)
			fputs("\\\"", stdout);
		else if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			putchar(*s);
	}
}

/*
 * The status as Prometheus metrics (text format 0.0.4, for
 * node_exporter's textfile collector): c2guard_info with the version,
 * c2guard_feature per feature, then every number.  The u32 numbers are
 * amounts held now (gauges), the u64 ones counts since the netns began
 * (counters, named ..._total), but for the bytes held (..._mem_bytes,
 * gauges) and the last alert's sequence number (a gauge).
 */
static void status_prometheus(const struct ipc_status *s)
{
	unsigned int i;

	if (s->has[C2GUARD_STATUS_A_VERSION]) {
		fputs("# HELP c2guard_info The c2guard module's version\n"
		      "# TYPE c2guard_info gauge\n"
		      "c2guard_info{version=\"", stdout);
		prom_text(s->version, true);
		fputs("\"} 1\n", stdout);
	}
	if (s->has[C2GUARD_STATUS_A_FEATURES]) {
		fputs("# HELP c2guard_feature What the module can do (1: on)\n"
		      "# TYPE c2guard_feature gauge\n", stdout);
		for (i = 0; i < 64; i++) {
			bool on = s->val[C2GUARD_STATUS_A_FEATURES] & (1ULL << i);

			/* a bit this c2ctl has no name for: only when set */
			if (i < ARRAY_SIZE(feature_names))
				printf("c2guard_feature{name=\"%s\"} %d\n",
				       feature_names[i], on);
			else if (on)
				printf("c2guard_feature{name=\"0x%llx\"} 1\n",
				       1ULL << i);
		}
	}
	for (i = 1; i <= C2GUARD_STATUS_A_MAX; i++) {
		const char *key = status_names[i], *suffix = "_total";
		const char *type = "counter";
		size_t n;

		if (!s->has[i] || !key || !status_docs[i] ||
		    i == C2GUARD_STATUS_A_FEATURES)
			continue;
		n = strlen(key);
		if (n >= 3 && !strcmp(key + n - 3, "mem")) {
			suffix = "_bytes";
			type = "gauge";
		} else if (status_types[i] == C2G_SPEC_U32 ||
			   i == C2GUARD_STATUS_A_ALERT_SEQ) {
			suffix = "";
			type = "gauge";
		}
		printf("# HELP c2guard_%s%s ", key, suffix);
		prom_text(status_docs[i], false);
		printf("\n# TYPE c2guard_%s%s %s\nc2guard_%s%s %llu\n", key, suffix,
		       type, key, suffix, (unsigned long long)s->val[i]);
	}
}

int cmd_status(int argc, char **argv)
{
	struct ipc_status s;
	struct ipc_err e;
	bool first = true, prom = false;
	unsigned int i;

	if (argc == 2 && !strcmp(argv[1], "--prometheus")) {
		prom = true;
	} else if (argc != 1) {
		c2_err("status: no arguments expected besides -j or --prometheus (see \"c2ctl help\")");
		return 1;
	}
	if (ipc_status_get(&s, &e)) {
		c2_report("status", &e);
		return 1;
	}
	if (prom) {
		status_prometheus(&s);
		return out_flush() ? 1 : 0;
	}

	if (c2_json)
		putchar('{');
	for (i = 1; i <= C2GUARD_STATUS_A_MAX; i++) {
		if (!s.has[i] || !status_names[i])
			continue;
		if (c2_json)
			printf("%s\"%s\":", first ? "" : ",", status_names[i]);
		else
			printf("%s", status_names[i]);
		first = false;
		if (i == C2GUARD_STATUS_A_VERSION) {
			if (c2_json) {
				out_json_str(stdout, s.version, strlen(s.version));
			} else {
				putchar(' ');
				out_text_word(stdout, s.version);
			}
		} else if (i == C2GUARD_STATUS_A_FEATURES) {
			if (c2_json)
				putchar('[');
			status_features(s.val[i]);
			if (c2_json)
				putchar(']');
		} else {
			printf(c2_json ? "%llu" : " %llu",
			       (unsigned long long)s.val[i]);
		}
		if (!c2_json)
			putchar('\n');
	}
	if (c2_json)
		puts("}");
	return out_flush() ? 1 : 0;
}

/* ---- config ---- */

static int config_set(int argc, char **argv);

/*
 * How a setting is written and read: a number, a hex number, a DNS rcode,
 * on/off, an action, the list of beacon allowlist ports, a list of TCP
 * ports (tls-ports, http-ports, irc-ports).
 */
enum { CFG_DEC, CFG_HEX, CFG_RCODE, CFG_BOOL, CFG_ACTION, CFG_PORTS,
       CFG_TCP_PORTS };

/* Longest BEACON_SILENCE and BEACON_HOLDDOWN (30 days), in ms. */
#define BEACON_PERIOD_MAX	2592000000U

static const struct cfg_attr {
	const char *name;	/* command line keyword */
	const char *json;	/* JSON key */
	unsigned char fmt;	/* CFG_* */
	__u32 min, max;
} cfg_attrs[C2GUARD_CFG_A_MAX + 1] = {
	[C2GUARD_CFG_A_MARK_VALUE] = { "mark-value", "mark_value", CFG_HEX,
				       0, 0xffffffffU },
	[C2GUARD_CFG_A_MARK_MASK] = { "mark-mask", "mark_mask", CFG_HEX,
				      1, 0xffffffffU },
	[C2GUARD_CFG_A_ALERT_RATE] = { "alert-rate", "alert_rate", CFG_DEC,
				       0, 1000000 },
	[C2GUARD_CFG_A_ALERT_BURST] = { "alert-burst", "alert_burst", CFG_DEC,
					1, 1000000 },
	[C2GUARD_CFG_A_DNS_PORT] = { "dns-port", "dns_port", CFG_DEC,
				     1, 65535 },
	[C2GUARD_CFG_A_DNS_RCODE] = { "dns-rcode", "dns_rcode", CFG_RCODE,
				      0, 255 },
	[C2GUARD_CFG_A_BIND_TTL_MIN] = { "bind-ttl-min", "bind_ttl_min",
					 CFG_DEC, 1, C2GUARD_TIMEOUT_MAX },
	[C2GUARD_CFG_A_BIND_TTL_MAX] = { "bind-ttl-max", "bind_ttl_max",
					 CFG_DEC, 1, C2GUARD_TIMEOUT_MAX },
	[C2GUARD_CFG_A_BIND_MAX] = { "bind-max", "bind_max", CFG_DEC,
				     0, 1048576 },
	[C2GUARD_CFG_A_BEACON] = { "beacon", "beacon", CFG_BOOL, 0, 1 },
	[C2GUARD_CFG_A_BEACON_RETRY] = { "beacon-retry", "beacon_retry",
					 CFG_DEC, 1, 3600000 },
	[C2GUARD_CFG_A_BEACON_IDLE] = { "beacon-idle", "beacon_idle",
					CFG_DEC, 1, 3600000 },
	/* above BEACON_RETRY (at least 1): the kernel checks the relation */
	[C2GUARD_CFG_A_BEACON_SILENCE] = { "beacon-silence", "beacon_silence",
					   CFG_DEC, 2, BEACON_PERIOD_MAX },
	[C2GUARD_CFG_A_BEACON_HOLDDOWN] = { "beacon-holddown",
					    "beacon_holddown", CFG_DEC,
					    0, BEACON_PERIOD_MAX },
	/* at least BEACON_MIN_GAPS: the kernel checks the relation */
	[C2GUARD_CFG_A_BEACON_WINDOW] = { "beacon-window", "beacon_window",
					  CFG_DEC, 4, 32 },
	[C2GUARD_CFG_A_BEACON_MIN_GAPS] = { "beacon-min-gaps",
					    "beacon_min_gaps", CFG_DEC,
					    4, 32 },
	[C2GUARD_CFG_A_BEACON_THRESHOLD] = { "beacon-threshold",
					     "beacon_threshold",
					     CFG_DEC, 1, 100 },
	[C2GUARD_CFG_A_BEACON_MAX] = { "beacon-max", "beacon_max", CFG_DEC,
				       0, C2GUARD_BEACON_MAX_LIMIT },
	[C2GUARD_CFG_A_BEACON_ACTION] = { "beacon-action", "beacon_action",
					  CFG_ACTION, 0, 255 },
	[C2GUARD_CFG_A_BEACON_ALLOW_PORTS] = { "beacon-allow-ports",
					       "beacon_allow_ports",
					       CFG_PORTS, 0, 0 },
	[C2GUARD_CFG_A_DGA] = { "dga", "dga", CFG_BOOL, 0, 1 },
	[C2GUARD_CFG_A_DGA_THRESHOLD] = { "dga-threshold", "dga_threshold",
					  CFG_DEC, 1, 100 },
	[C2GUARD_CFG_A_DGA_NAMES] = { "dga-names", "dga_names", CFG_DEC,
				      2, 16 },
	[C2GUARD_CFG_A_DGA_WINDOW] = { "dga-window", "dga_window", CFG_DEC,
				       1, 86400 },
	[C2GUARD_CFG_A_DGA_ACTION] = { "dga-action", "dga_action",
				       CFG_ACTION, 0, 255 },
	[C2GUARD_CFG_A_NXDOMAIN_BURST] = { "nxdomain-burst", "nxdomain_burst",
					   CFG_BOOL, 0, 1 },
	[C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD] = {
		"nxdomain-burst-threshold", "nxdomain_burst_threshold",
		CFG_DEC, 2, 10000 },
	[C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW] = {
		"nxdomain-burst-window", "nxdomain_burst_window",
		CFG_DEC, 1, 86400 },
	[C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION] = {
		"nxdomain-burst-action", "nxdomain_burst_action",
		CFG_ACTION, 0, 255 },
	[C2GUARD_CFG_A_FAST_FLUX] = { "fast-flux", "fast_flux", CFG_BOOL,
				      0, 1 },
	[C2GUARD_CFG_A_FAST_FLUX_THRESHOLD] = { "fast-flux-threshold",
						"fast_flux_threshold",
						CFG_DEC, 2, 32 },
	[C2GUARD_CFG_A_FAST_FLUX_WINDOW] = { "fast-flux-window",
					     "fast_flux_window",
					     CFG_DEC, 1, 86400 },
	[C2GUARD_CFG_A_FAST_FLUX_ACTION] = { "fast-flux-action",
					     "fast_flux_action",
					     CFG_ACTION, 0, 255 },
	[C2GUARD_CFG_A_DNS_HOLDDOWN] = { "dns-holddown", "dns_holddown",
					 CFG_DEC, 0, 86400 },
	[C2GUARD_CFG_A_DNS_HOSTS_MAX] = { "dns-hosts-max", "dns_hosts_max",
					  CFG_DEC, 0, 1048576 },
	[C2GUARD_CFG_A_DNS_NAMES_MAX] = { "dns-names-max", "dns_names_max",
					  CFG_DEC, 0, 1048576 },
	[C2GUARD_CFG_A_QUARANTINE_TIME] = { "quarantine-time",
					    "quarantine_time", CFG_DEC, 0,
					    C2GUARD_TIMEOUT_MAX },
	[C2GUARD_CFG_A_HOST_THRESHOLD] = { "host-threshold", "host_threshold",
					   CFG_DEC, 0, 10000 },
	[C2GUARD_CFG_A_HOST_ACTION] = { "host-action", "host_action",
					CFG_ACTION, 0, 255 },
	[C2GUARD_CFG_A_HOST_HALF_LIFE] = { "host-half-life", "host_half_life",
					   CFG_DEC, 60, 604800 },
	[C2GUARD_CFG_A_HOSTS_MAX] = { "hosts-max", "hosts_max", CFG_DEC,
				      0, 1048576 },
	[C2GUARD_CFG_A_PROTO_MISMATCH] = { "proto-mismatch", "proto_mismatch",
					   CFG_BOOL, 0, 1 },
	[C2GUARD_CFG_A_PROTO_MISMATCH_ACTION] = {
		"proto-mismatch-action", "proto_mismatch_action",
		CFG_ACTION, 0, 255 },
	[C2GUARD_CFG_A_TLS_PORTS] = { "tls-ports", "tls_ports", CFG_TCP_PORTS,
				      1, 65535 },
	[C2GUARD_CFG_A_HTTP_PORTS] = { "http-ports", "http_ports",
				       CFG_TCP_PORTS, 1, 65535 },
	[C2GUARD_CFG_A_IRC] = { "irc", "irc", CFG_BOOL, 0, 1 },
	[C2GUARD_CFG_A_IRC_ACTION] = { "irc-action", "irc_action", CFG_ACTION,
				       0, 255 },
	[C2GUARD_CFG_A_IRC_PORTS] = { "irc-ports", "irc_ports", CFG_TCP_PORTS,
				      1, 65535 },
};

/* The rcodes a rejected DNS query may be answered with. */
static const char *const rcode_names[] = {
	[3] = "nxdomain",
	[5] = "refused",
};

static const char *rcode_name(__u64 v, char *buf, size_t len)
{
	if (v < ARRAY_SIZE(rcode_names) && rcode_names[v])
		return rcode_names[v];
	snprintf(buf, len, "%llu", (unsigned long long)v);
	return buf;
}

/* A name of rcode_names or its number; -1 if neither. */
static int rcode_parse(const char *s)
{
	unsigned int i;
	__u32 v;

	for (i = 0; i < ARRAY_SIZE(rcode_names); i++) {
		if (rcode_names[i] && !strcmp(s, rcode_names[i]))
			return (int)i;
	}
	if (!c2_parse_u32(s, 0, ARRAY_SIZE(rcode_names) - 1, &v) &&
	    rcode_names[v])
		return (int)v;
	return -1;
}

/* Actions a beacon alert may take: not NONE, not ALLOW. */
/* A detector's action: any but allow. */
static bool beacon_action_ok(__u64 v)
{
	return (v >= C2GUARD_ACT_ALERT && v <= C2GUARD_ACT_MARK) ||
	       v == C2GUARD_ACT_QUARANTINE;
}

/* Text: " 123/udp 443/tcp 8080" or " none"; JSON: ["123/udp",...]. */
static void config_ports(const struct ipc_config *c)
{
	char pb[C2_PORT_FMT_MAX];
	unsigned int i;

	if (c2_json)
		putchar('[');
	else if (!c->n_ports)
		fputs(" none", stdout);
	for (i = 0; i < c->n_ports; i++) {
		c2_port_format(c->ports[i], pb, sizeof(pb));
		if (c2_json)
			printf("%s\"%s\"", i ? "," : "", pb);
		else
			printf(" %s", pb);
	}
	if (c2_json)
		putchar(']');
}

/* A list of TCP ports: text " 443 8443" or " none", JSON [443,8443]. */
static void config_tcp_ports(const struct ipc_ports *p)
{
	unsigned int i;

	if (c2_json)
		putchar('[');
	else if (!p->n)
		fputs(" none", stdout);
	for (i = 0; i < p->n; i++)
		printf("%s%u", c2_json ? (i ? "," : "") : " ", p->port[i]);
	if (c2_json)
		putchar(']');
}

/* The value of a named setting (rcode, on/off, action) as text. */
static const char *config_word(const struct cfg_attr *ca, __u64 v, char *buf,
			       size_t len)
{
	if (ca->fmt == CFG_RCODE)
		return rcode_name(v, buf, len);
	if (ca->fmt == CFG_ACTION)
		return out_action_name((unsigned int)v, buf, len);
	if (v <= 1)
		return v ? "on" : "off";
	snprintf(buf, len, "%llu", (unsigned long long)v);
	return buf;
}

static int config_show(void)
{
	const struct cfg_attr *ca;
	struct ipc_config c;
	struct ipc_err e;
	bool first = true;
	unsigned int i;
	char nb[24];

	if (ipc_config_get(&c, &e)) {
		c2_report("config", &e);
		return 1;
	}
	if (c2_json)
		putchar('{');
	for (i = 1; i <= C2GUARD_CFG_A_MAX; i++) {
		if (!c.has[i] || !cfg_attrs[i].name)
			continue;
		ca = &cfg_attrs[i];
		if (c2_json)
			printf("%s\"%s\":", first ? "" : ",", ca->json);
		else
			fputs(ca->name, stdout);
		first = false;
		switch (ca->fmt) {
		case CFG_PORTS:
			config_ports(&c);
			break;
		case CFG_TCP_PORTS:
			config_tcp_ports(&c.wire[ipc_wire_ports(i)]);
			break;
		case CFG_BOOL:
		case CFG_RCODE:
		case CFG_ACTION:
			if (c2_json && ca->fmt == CFG_BOOL && c.val[i] <= 1)
				fputs(c.val[i] ? "true" : "false", stdout);
			else
				printf(c2_json ? "\"%s\"" : " %s",
				       config_word(ca, c.val[i], nb, sizeof(nb)));
			break;
		default:
			if (c2_json)
				printf("%llu", (unsigned long long)c.val[i]);
			else
				printf(ca->fmt == CFG_HEX ? " 0x%08llx" : " %llu",
				       (unsigned long long)c.val[i]);
		}
		if (!c2_json)
			putchar('\n');
	}
	if (c2_json)
		puts("}");
	return out_flush() ? 1 : 0;
}

/*
 * Every setting as one "config set NAME VALUE..." line, in the words
 * config set reads (c2ctl save): one request on restore, so the settings
 * the kernel checks against each other are checked together.
 */
int c2_config_save(FILE *f)
{
	const struct cfg_attr *ca;
	char nb[24], pb[C2_PORT_FMT_MAX];
	const struct ipc_ports *p;
	struct ipc_config c;
	struct ipc_err e;
	unsigned int i, k;

	if (ipc_config_get(&c, &e)) {
		c2_report("save: config", &e);
		return -1;
	}
	fputs("config set", f);
	for (i = 1; i <= C2GUARD_CFG_A_MAX; i++) {
		if (!c.has[i] || !cfg_attrs[i].name)
			continue;
		ca = &cfg_attrs[i];
		fprintf(f, " %s ", ca->name);
		switch (ca->fmt) {
		case CFG_PORTS:
			if (!c.n_ports)
				fputs("none", f);
			for (k = 0; k < c.n_ports; k++) {
				c2_port_format(c.ports[k], pb, sizeof(pb));
				fprintf(f, "%s%s", k ? "," : "", pb);
			}
			break;
		case CFG_TCP_PORTS:
			p = &c.wire[ipc_wire_ports(i)];
			if (!p->n)
				fputs("none", f);
			for (k = 0; k < p->n; k++)
				fprintf(f, "%s%u", k ? "," : "", p->port[k]);
			break;
		case CFG_BOOL:
		case CFG_RCODE:
		case CFG_ACTION:
			fputs(config_word(ca, c.val[i], nb, sizeof(nb)), f);
			break;
		default:
			fprintf(f, ca->fmt == CFG_HEX ? "0x%08llx" : "%llu",
				(unsigned long long)c.val[i]);
		}
	}
	fputc('\n', f);
	return 0;
}

/* config set with the words of a saved line (c2ctl restore). */
int c2_config_restore(int argc, char **argv)
{
	return config_set(argc, argv);
}

/* The setting named @kw, or 0 after reporting it unknown. */
static unsigned int cfg_lookup(const char *kw)
{
	char names[1024];
	unsigned int a;
	size_t n = 0;

	for (a = 1; a <= C2GUARD_CFG_A_MAX; a++) {
		if (cfg_attrs[a].name && !strcmp(kw, cfg_attrs[a].name))
			return a;
	}
	names[0] = '\0';
	for (a = 1; a <= C2GUARD_CFG_A_MAX && n < sizeof(names); a++) {
		if (cfg_attrs[a].name)
			n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
					      n ? ", " : "", cfg_attrs[a].name);
	}
	c2_err("config set: unknown setting \"%s\" (%s)", kw, names);
	return 0;
}

/*
 * "none" or PORT[/tcp|/udp] separated by commas into c->ports, no
 * duplicates, at most C2GUARD_BEACON_ALLOW_PORTS_MAX; 0, or -1 after
 * reporting.
 */
static int ports_parse_list(const char *text, struct ipc_config *c)
{
	char word[C2_PORT_FMT_MAX + 24], err[C2_ERR_MAX];
	const char *p = text;
	unsigned int i;
	size_t n;
	__u32 v;

	c->n_ports = 0;
	if (!strcmp(text, "none"))
		return 0;
	for (;;) {
		n = strcspn(p, ",");
		snprintf(word, sizeof(word), "%.*s", (int)n, p);
		if (n >= sizeof(word) || c2_port_parse(word, &v, err, sizeof(err))) {
			if (n >= sizeof(word))
				snprintf(err, sizeof(err), "invalid port \"%s...\"",
					 word);
			c2_err("config set: beacon-allow-ports: %s", err);
			return -1;
		}
		for (i = 0; i < c->n_ports; i++) {
			if (c->ports[i] == v) {
				c2_err("config set: beacon-allow-ports: %s given twice",
				       word);
				return -1;
			}
		}
		if (c->n_ports == C2GUARD_BEACON_ALLOW_PORTS_MAX) {
			c2_err("config set: beacon-allow-ports: more than %u ports",
			       C2GUARD_BEACON_ALLOW_PORTS_MAX);
			return -1;
		}
		c->ports[c->n_ports++] = v;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

/*
 * "none" or PORT separated by commas (ca->min..ca->max, no port twice, at
 * most C2GUARD_WIRE_PORTS_MAX) into @p; 0, or -1 after reporting.
 */
static int tcp_ports_parse(const struct cfg_attr *ca, const char *text,
			   struct ipc_ports *p)
{
	char word[24];
	const char *s = text;
	unsigned int i;
	size_t n;
	__u32 v;
	int r;

	p->n = 0;
	if (!strcmp(text, "none"))
		return 0;
	for (;;) {
		n = strcspn(s, ",");
		snprintf(word, sizeof(word), "%.*s", (int)n, s);
		r = n < sizeof(word) ?
		    c2_parse_u32(word, ca->min, ca->max, &v) : -EINVAL;
		if (r == -ERANGE) {
			c2_err("config set: %s: port %s out of range (%u..%u)",
			       ca->name, word, ca->min, ca->max);
			return -1;
		}
		if (r) {
			c2_err("config set: %s: invalid port \"%s%s\" (%u..%u, or none)",
			       ca->name, word, n < sizeof(word) ? "" : "...",
			       ca->min, ca->max);
			return -1;
		}
		for (i = 0; i < p->n; i++) {
			if (p->port[i] == v) {
				c2_err("config set: %s: %s given twice",
				       ca->name, word);
				return -1;
			}
		}
		if (p->n == C2GUARD_WIRE_PORTS_MAX) {
			c2_err("config set: %s: more than %u ports", ca->name,
			       C2GUARD_WIRE_PORTS_MAX);
			return -1;
		}
		p->port[p->n++] = (__u16)v;
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

/*
 * The value @text of setting @a into c->val[a] (c->ports and c->wire for
 * the port lists); 0, or -1 after reporting.
 */
static int cfg_parse(unsigned int a, const char *text, struct ipc_config *c)
{
	const struct cfg_attr *ca = &cfg_attrs[a];
	__u32 v;
	int r;

	c->val[a] = 0;
	switch (ca->fmt) {
	case CFG_PORTS:
		return ports_parse_list(text, c);
	case CFG_TCP_PORTS:
		return tcp_ports_parse(ca, text, &c->wire[ipc_wire_ports(a)]);
	case CFG_BOOL:
		if (!strcmp(text, "on") || !strcmp(text, "1")) {
			c->val[a] = 1;
		} else if (strcmp(text, "off") && strcmp(text, "0")) {
			c2_err("config set: invalid %s \"%s\" (on or off)",
			       ca->name, text);
			return -1;
		}
		return 0;
	case CFG_ACTION:
		r = c2_action_parse(text);
		if (!beacon_action_ok((__u64)(r < 0 ? 0 : r))) {
			c2_err("config set: invalid %s \"%s\" (alert, drop, reject, mark or quarantine)",
			       ca->name, text);
			return -1;
		}
		c->val[a] = (__u64)r;
		return 0;
	}
	if (ca->fmt == CFG_RCODE) {
		r = rcode_parse(text);
		if (r < 0) {
			c2_err("config set: invalid %s \"%s\" (nxdomain, refused, 3 or 5)",
			       ca->name, text);
			return -1;
		}
		c->val[a] = (__u64)r;
		return 0;
	}
	r = c2_parse_u32(text, ca->min, ca->max, &v);
	c->val[a] = v;
	if (r == -ERANGE) {
		c2_err("config set: %s %s out of range (%u..%u)", ca->name, text,
		       ca->min, ca->max);
		return -1;
	}
	if (r) {
		c2_err("config set: invalid number \"%s\" for %s", text,
		       ca->name);
		return -1;
	}
	return 0;
}

/*
 * "NAME VALUE ..." into @c, on top of what it holds (a setting given
 * twice is an error); 0, or 1 after reporting.
 */
int c2_config_parse(int argc, char **argv, struct ipc_config *c)
{
	unsigned int a;
	int i;

	for (i = 0; i < argc; i += 2) {
		a = cfg_lookup(argv[i]);
		if (!a)
			return 1;
		if (c->has[a]) {
			c2_err("config set: %s given twice", argv[i]);
			return 1;
		}
		if (i + 1 >= argc) {
			c2_err("config set: %s needs a value", argv[i]);
			return 1;
		}
		if (cfg_parse(a, argv[i + 1], c))
			return 1;
		c->has[a] = true;
	}
	return 0;
}

static int config_set(int argc, char **argv)
{
	struct ipc_config c = { 0 };
	struct ipc_err e;

	if (argc < 1) {
		c2_err("config set: nothing to set (see \"c2ctl help\")");
		return 1;
	}
	if (c2_config_parse(argc, argv, &c))
		return 1;
	if (ipc_config_set(&c, &e)) {
		c2_report("config set", &e);
		return 1;
	}
	return 0;
}

int cmd_config(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "set"))
		return config_set(argc - 2, argv + 2);
	if (argc != 1) {
		c2_err("config: expected nothing, -j or \"set ...\" (see \"c2ctl help\")");
		return 1;
	}
	return config_show();
}
