// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: status and config commands.
 */
#include <errno.h>
#include <string.h>

#include "c2ctl.h"
#include "nl-spec.h"

/* The status attributes, their names and widths from the spec. */
#define STATUS_ATTR(attr, name, key, type) [attr] = { key, C2_W_##type },
static const struct {
	const char *name;
	unsigned char width;
} status_attrs[C2GUARD_STATUS_A_MAX + 1] = {
	C2G_SPEC_STATUS_ATTRS(STATUS_ATTR)
};
#undef STATUS_ATTR

/* Bit i of C2GUARD_STATUS_A_FEATURES is feature_names[i] (the spec's). */
#define FEATURE(flag, name, bit) [bit] = name,
static const char *const feature_names[] = {
	C2G_SPEC_FEATURES_ENTRIES(FEATURE)
};
#undef FEATURE

/*
 * What both GET replies share; first member of struct status and struct
 * config, so their parse callbacks get a pointer to either.
 */
struct get_reply {
	const struct c2_nl *nl;
	bool got, malformed;
};

/*
 * Send GET command @cmd and let @cb parse the one reply into @rep's
 * container.  Reports failures, naming @what; returns 0 or -1.
 */
static int get_one(const char *what, __u8 cmd, c2_nl_cb cb,
		   struct get_reply *rep)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct c2_nl_err e;
	struct nlmsghdr *nlh;
	struct c2_nl nl;
	int r;

	if (c2_nl_open(&nl))
		return -1;
	rep->nl = &nl;
	nlh = c2_nl_put_hdr(buf, nl.family, 0, 0, cmd);
	r = c2_nl_do(&nl, nlh, cb, rep, &e);
	c2_nl_close(&nl);
	rep->nl = NULL;
	if (r) {
		c2_nl_report(what, &e);
		return -1;
	}
	if (!rep->got || rep->malformed) {
		c2_err("%s: malformed reply from the kernel", what);
		return -1;
	}
	return 0;
}

struct status {
	struct get_reply rep;	/* first */
	bool has[C2GUARD_STATUS_A_MAX + 1];
	__u64 val[C2GUARD_STATUS_A_MAX + 1];
	char version[64];
};

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *st[C2GUARD_STATUS_A_MAX + 1];
	struct status *s = data;
	const char *str;
	unsigned int i;

	if (nlh->nlmsg_type != s->rep.nl->family)
		return 0;
	if (c2_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    c2_attr_table(tb[C2GUARD_A_STATUS], st, C2GUARD_STATUS_A_MAX)) {
		s->rep.malformed = true;
		return 0;
	}
	s->rep.got = true;
	for (i = 1; i <= C2GUARD_STATUS_A_MAX; i++) {
		if (!status_attrs[i].name || !st[i])
			continue;
		if (status_attrs[i].width == C2_W_STR) {
			if (!c2_attr_strz(st[i], 0, &str)) {
				s->rep.malformed = true;
				continue;
			}
			snprintf(s->version, sizeof(s->version), "%s", str);
		} else if (!c2_attr_uint(st[i], status_attrs[i].width, &s->val[i])) {
			s->rep.malformed = true;
			continue;
		}
		s->has[i] = true;
	}
	return 0;
}

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

int cmd_status(int argc, char **argv)
{
	struct status s = { 0 };
	bool first = true;
	unsigned int i;

	(void)argv;
	if (argc != 1) {
		c2_err("status: no arguments expected besides -j (see \"c2ctl help\")");
		return 1;
	}
	if (get_one("status", C2GUARD_CMD_STATUS_GET, status_cb, &s.rep))
		return 1;

	if (c2_json)
		putchar('{');
	for (i = 1; i <= C2GUARD_STATUS_A_MAX; i++) {
		if (!s.has[i])
			continue;
		if (c2_json)
			printf("%s\"%s\":", first ? "" : ",", status_attrs[i].name);
		else
			printf("%s", status_attrs[i].name);
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

/*
 * How a setting is written and read: a number, a hex number, a DNS rcode,
 * on/off, an action, the list of beacon allowlist ports.
 */
enum { CFG_DEC, CFG_HEX, CFG_RCODE, CFG_BOOL, CFG_ACTION, CFG_PORTS };

/* Longest BEACON_SILENCE and BEACON_HOLDDOWN (30 days), in ms. */
#define BEACON_PERIOD_MAX	2592000000U

static const struct cfg_attr {
	const char *name;	/* command line keyword */
	const char *json;	/* JSON key */
	unsigned char width;	/* C2_W_U8, C2_W_U16 or C2_W_U32 */
	unsigned char fmt;	/* CFG_* */
	__u32 min, max;
} cfg_attrs[C2GUARD_CFG_A_MAX + 1] = {
	[C2GUARD_CFG_A_MARK_VALUE] = { "mark-value", "mark_value", C2_W_U32,
				       CFG_HEX, 0, 0xffffffffU },
	[C2GUARD_CFG_A_MARK_MASK] = { "mark-mask", "mark_mask", C2_W_U32,
				      CFG_HEX, 1, 0xffffffffU },
	[C2GUARD_CFG_A_ALERT_RATE] = { "alert-rate", "alert_rate", C2_W_U32,
				       CFG_DEC, 0, 1000000 },
	[C2GUARD_CFG_A_ALERT_BURST] = { "alert-burst", "alert_burst", C2_W_U32,
					CFG_DEC, 1, 1000000 },
	[C2GUARD_CFG_A_DNS_PORT] = { "dns-port", "dns_port", C2_W_U16,
				     CFG_DEC, 1, 65535 },
	[C2GUARD_CFG_A_DNS_RCODE] = { "dns-rcode", "dns_rcode", C2_W_U8,
				      CFG_RCODE, 0, 255 },
	[C2GUARD_CFG_A_BIND_TTL_MIN] = { "bind-ttl-min", "bind_ttl_min",
					 C2_W_U32, CFG_DEC, 1, C2GUARD_TIMEOUT_MAX },
	[C2GUARD_CFG_A_BIND_TTL_MAX] = { "bind-ttl-max", "bind_ttl_max",
					 C2_W_U32, CFG_DEC, 1, C2GUARD_TIMEOUT_MAX },
	[C2GUARD_CFG_A_BIND_MAX] = { "bind-max", "bind_max", C2_W_U32,
				     CFG_DEC, 0, 1048576 },
	[C2GUARD_CFG_A_BEACON] = { "beacon", "beacon", C2_W_U8, CFG_BOOL, 0, 1 },
	[C2GUARD_CFG_A_BEACON_RETRY] = { "beacon-retry", "beacon_retry",
					 C2_W_U32, CFG_DEC, 1, 3600000 },
	[C2GUARD_CFG_A_BEACON_IDLE] = { "beacon-idle", "beacon_idle",
					C2_W_U32, CFG_DEC, 1, 3600000 },
	/* above BEACON_RETRY (at least 1): the kernel checks the relation */
	[C2GUARD_CFG_A_BEACON_SILENCE] = { "beacon-silence", "beacon_silence",
					   C2_W_U32, CFG_DEC, 2,
					   BEACON_PERIOD_MAX },
	[C2GUARD_CFG_A_BEACON_HOLDDOWN] = { "beacon-holddown",
					    "beacon_holddown", C2_W_U32, CFG_DEC,
					    0, BEACON_PERIOD_MAX },
	/* at least BEACON_MIN_GAPS: the kernel checks the relation */
	[C2GUARD_CFG_A_BEACON_WINDOW] = { "beacon-window", "beacon_window",
					  C2_W_U32, CFG_DEC, 4, 32 },
	[C2GUARD_CFG_A_BEACON_MIN_GAPS] = { "beacon-min-gaps",
					    "beacon_min_gaps", C2_W_U32, CFG_DEC,
					    4, 32 },
	[C2GUARD_CFG_A_BEACON_THRESHOLD] = { "beacon-threshold",
					     "beacon_threshold", C2_W_U32,
					     CFG_DEC, 1, 100 },
	[C2GUARD_CFG_A_BEACON_MAX] = { "beacon-max", "beacon_max", C2_W_U32,
				       CFG_DEC, 0, C2GUARD_BEACON_MAX_LIMIT },
	[C2GUARD_CFG_A_BEACON_ACTION] = { "beacon-action", "beacon_action",
					  C2_W_U8, CFG_ACTION, 0, 255 },
	[C2GUARD_CFG_A_BEACON_ALLOW_PORTS] = { "beacon-allow-ports",
					       "beacon_allow_ports", C2_W_STR,
					       CFG_PORTS, 0, 0 },
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
static bool beacon_action_ok(__u64 v)
{
	return v >= C2GUARD_ACT_ALERT && v <= C2GUARD_ACT_MARK;
}

struct config {
	struct get_reply rep;	/* first */
	bool has[C2GUARD_CFG_A_MAX + 1];
	__u64 val[C2GUARD_CFG_A_MAX + 1];
	__u32 ports[C2GUARD_BEACON_ALLOW_PORTS_MAX];
	unsigned int n_ports;
};

/* BEACON_ALLOW_PORTS: whole u32s, not too many; false if malformed. */
static bool ports_from_attr(const struct nlattr *a, struct config *c)
{
	size_t len = mnl_attr_get_payload_len(a);

	if (len % sizeof(__u32) ||
	    len / sizeof(__u32) > C2GUARD_BEACON_ALLOW_PORTS_MAX)
		return false;
	memcpy(c->ports, mnl_attr_get_payload(a), len);
	c->n_ports = (unsigned int)(len / sizeof(__u32));
	return true;
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *ct[C2GUARD_CFG_A_MAX + 1];
	struct config *c = data;
	unsigned int i;

	if (nlh->nlmsg_type != c->rep.nl->family)
		return 0;
	if (c2_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    c2_attr_table(tb[C2GUARD_A_CONFIG], ct, C2GUARD_CFG_A_MAX)) {
		c->rep.malformed = true;
		return 0;
	}
	c->rep.got = true;
	for (i = 1; i <= C2GUARD_CFG_A_MAX; i++) {
		if (!cfg_attrs[i].name || !ct[i])
			continue;
		if (cfg_attrs[i].fmt == CFG_PORTS) {
			if (!ports_from_attr(ct[i], c))
				c->rep.malformed = true;
			else
				c->has[i] = true;
			continue;
		}
		if (!c2_attr_uint(ct[i], cfg_attrs[i].width, &c->val[i]))
			c->rep.malformed = true;
		else
			c->has[i] = true;
	}
	return 0;
}

/* Text: " 123/udp 443/tcp 8080" or " none"; JSON: ["123/udp",...]. */
static void config_ports(const struct config *c)
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
	struct config c = { 0 };
	const struct cfg_attr *ca;
	bool first = true;
	unsigned int i;
	char nb[24];

	if (get_one("config", C2GUARD_CMD_CONFIG_GET, config_cb, &c.rep))
		return 1;
	if (c2_json)
		putchar('{');
	for (i = 1; i <= C2GUARD_CFG_A_MAX; i++) {
		if (!c.has[i])
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

/* The setting named @kw, or 0 after reporting it unknown. */
static unsigned int cfg_lookup(const char *kw)
{
	char names[512];
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
static int ports_parse_list(const char *text, struct config *c)
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
 * The value @text of setting @a into c->val[a] (c->ports for the ports);
 * 0, or -1 after reporting.
 */
static int cfg_parse(unsigned int a, const char *text, struct config *c)
{
	const struct cfg_attr *ca = &cfg_attrs[a];
	__u32 v;
	int r;

	c->val[a] = 0;
	switch (ca->fmt) {
	case CFG_PORTS:
		return ports_parse_list(text, c);
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
			c2_err("config set: invalid %s \"%s\" (alert, drop, reject or mark)",
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
 * CONFIG_SET of the settings c->has names; reports failures naming @what.
 * Returns 0 or -1.
 */
static int config_send(const char *what, const struct config *c)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct c2_nl_err e;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct c2_nl nl;
	unsigned int a;
	int r;

	if (c2_nl_open(&nl))
		return -1;
	nlh = c2_nl_put_hdr(buf, nl.family, 0, 0, C2GUARD_CMD_CONFIG_SET);
	nest = mnl_attr_nest_start(nlh, C2GUARD_A_CONFIG);
	for (a = 1; a <= C2GUARD_CFG_A_MAX; a++) {
		if (!c->has[a])
			continue;
		if (cfg_attrs[a].fmt == CFG_PORTS)
			mnl_attr_put(nlh, (__u16)a, c->n_ports * sizeof(__u32),
				     c->ports);
		else if (cfg_attrs[a].width == C2_W_U8)
			mnl_attr_put_u8(nlh, (__u16)a, (__u8)c->val[a]);
		else if (cfg_attrs[a].width == C2_W_U16)
			mnl_attr_put_u16(nlh, (__u16)a, (__u16)c->val[a]);
		else
			mnl_attr_put_u32(nlh, (__u16)a, (__u32)c->val[a]);
	}
	mnl_attr_nest_end(nlh, nest);
	r = c2_nl_do(&nl, nlh, NULL, NULL, &e);
	c2_nl_close(&nl);
	if (r) {
		c2_nl_report(what, &e);
		return -1;
	}
	return 0;
}

static int config_set(int argc, char **argv)
{
	struct config c = { 0 };
	unsigned int a;
	int i;

	if (argc < 1) {
		c2_err("config set: nothing to set (see \"c2ctl help\")");
		return 1;
	}
	for (i = 0; i < argc; i += 2) {
		a = cfg_lookup(argv[i]);
		if (!a)
			return 1;
		if (c.has[a]) {
			c2_err("config set: %s given twice", argv[i]);
			return 1;
		}
		if (i + 1 >= argc) {
			c2_err("config set: %s needs a value", argv[i]);
			return 1;
		}
		if (cfg_parse(a, argv[i + 1], &c))
			return 1;
		c.has[a] = true;
	}
	return config_send("config set", &c) ? 1 : 0;
}

/*
 * The beacon allowlist ports of the config into ports[], at most
 * C2GUARD_BEACON_ALLOW_PORTS_MAX, their number into *n.  Reports failures
 * naming @what; returns 0 or -1.
 */
int c2_cfg_ports_get(const char *what, __u32 *ports, unsigned int *n)
{
	struct config c = { 0 };

	if (get_one(what, C2GUARD_CMD_CONFIG_GET, config_cb, &c.rep))
		return -1;
	if (!c.has[C2GUARD_CFG_A_BEACON_ALLOW_PORTS]) {
		c2_err("%s: the module has no beacon allowlist ports (no beacon detection?)",
		       what);
		return -1;
	}
	memcpy(ports, c.ports, c.n_ports * sizeof(*ports));
	*n = c.n_ports;
	return 0;
}

/* Replace the beacon allowlist ports with ports[0..n); 0 or -1. */
int c2_cfg_ports_set(const char *what, const __u32 *ports, unsigned int n)
{
	struct config c = { 0 };

	if (n > C2GUARD_BEACON_ALLOW_PORTS_MAX)
		return -1;
	c.has[C2GUARD_CFG_A_BEACON_ALLOW_PORTS] = true;
	memcpy(c.ports, ports, n * sizeof(*ports));
	c.n_ports = n;
	return config_send(what, &c);
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
