// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: status and config commands.
 */
#include <errno.h>
#include <string.h>

#include "c2ctl.h"

enum { W_STR, W_U8, W_U16, W_U32, W_U64 };

static const struct {
	const char *name;
	unsigned char width;
} status_attrs[C2GUARD_STATUS_A_MAX + 1] = {
	[C2GUARD_STATUS_A_VERSION] = { "version", W_STR },
	[C2GUARD_STATUS_A_FEATURES] = { "features", W_U64 },
	[C2GUARD_STATUS_A_IND_V4] = { "ind_v4", W_U32 },
	[C2GUARD_STATUS_A_IND_V6] = { "ind_v6", W_U32 },
	[C2GUARD_STATUS_A_GENERATION] = { "generation", W_U32 },
	[C2GUARD_STATUS_A_ALERT_SEQ] = { "alert_seq", W_U64 },
	[C2GUARD_STATUS_A_PACKETS] = { "packets", W_U64 },
	[C2GUARD_STATUS_A_FLOWS] = { "flows", W_U64 },
	[C2GUARD_STATUS_A_MATCHES] = { "matches", W_U64 },
	[C2GUARD_STATUS_A_ALERTS] = { "alerts", W_U64 },
	[C2GUARD_STATUS_A_SUPPRESSED] = { "suppressed", W_U64 },
	[C2GUARD_STATUS_A_DROPPED] = { "dropped", W_U64 },
	[C2GUARD_STATUS_A_REJECTED] = { "rejected", W_U64 },
	[C2GUARD_STATUS_A_MARKED] = { "marked", W_U64 },
	[C2GUARD_STATUS_A_UNTRACKED] = { "untracked", W_U64 },
	[C2GUARD_STATUS_A_EXPIRED] = { "expired", W_U64 },
	[C2GUARD_STATUS_A_ALERT_FAILS] = { "alert_fails", W_U64 },
	[C2GUARD_STATUS_A_MEM] = { "mem", W_U64 },
	[C2GUARD_STATUS_A_REPEATS] = { "repeats", W_U64 },
	[C2GUARD_STATUS_A_IND_NAMES] = { "ind_names", W_U32 },
	[C2GUARD_STATUS_A_BOUND] = { "bound", W_U32 },
	[C2GUARD_STATUS_A_ALLOWED] = { "allowed", W_U64 },
	[C2GUARD_STATUS_A_DNS_QUERIES] = { "dns_queries", W_U64 },
	[C2GUARD_STATUS_A_DNS_ANSWERS] = { "dns_answers", W_U64 },
	[C2GUARD_STATUS_A_DNS_MALFORMED] = { "dns_malformed", W_U64 },
	[C2GUARD_STATUS_A_DNS_TRUNCATED] = { "dns_truncated", W_U64 },
	[C2GUARD_STATUS_A_BIND_ADDED] = { "bind_added", W_U64 },
	[C2GUARD_STATUS_A_BIND_REFUSED] = { "bind_refused", W_U64 },
	[C2GUARD_STATUS_A_TLS_SNI] = { "tls_sni", W_U64 },
	[C2GUARD_STATUS_A_TLS_NO_SNI] = { "tls_no_sni", W_U64 },
	[C2GUARD_STATUS_A_TLS_PARTIAL] = { "tls_partial", W_U64 },
	[C2GUARD_STATUS_A_HTTP_HOST] = { "http_host", W_U64 },
	[C2GUARD_STATUS_A_HTTP_PARTIAL] = { "http_partial", W_U64 },
	[C2GUARD_STATUS_A_NOLABELS] = { "nolabels", W_U64 },
};

/* Bit i of C2GUARD_STATUS_A_FEATURES is feature_names[i]. */
static const char *const feature_names[] = {
	"ipv4", "ipv6", "timeout", "reject", "mark", "domain", "allow",
	"dns-bind",
};

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

/* An unsigned attribute of @width (W_U8..W_U64), exactly that size. */
static bool attr_uint(const struct nlattr *a, unsigned char width, __u64 *v)
{
	__u8 v8;
	__u16 v16;
	__u32 v32;

	switch (width) {
	case W_U8:
		if (!c2_attr_u8(a, &v8))
			return false;
		*v = v8;
		return true;
	case W_U16:
		if (!c2_attr_u16(a, &v16))
			return false;
		*v = v16;
		return true;
	case W_U32:
		if (!c2_attr_u32(a, &v32))
			return false;
		*v = v32;
		return true;
	default:
		return c2_attr_u64(a, v);
	}
}

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
		if (status_attrs[i].width == W_STR) {
			if (!c2_attr_strz(st[i], 0, &str)) {
				s->rep.malformed = true;
				continue;
			}
			snprintf(s->version, sizeof(s->version), "%s", str);
		} else if (!attr_uint(st[i], status_attrs[i].width, &s->val[i])) {
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

/* How a setting is written and read. */
enum { CFG_DEC, CFG_HEX, CFG_RCODE };

static const struct cfg_attr {
	const char *name;	/* command line keyword */
	const char *json;	/* JSON key */
	unsigned char width;	/* W_U8, W_U16 or W_U32 */
	unsigned char fmt;	/* CFG_* */
	__u32 min, max;
} cfg_attrs[C2GUARD_CFG_A_MAX + 1] = {
	[C2GUARD_CFG_A_MARK_VALUE] = { "mark-value", "mark_value", W_U32,
				       CFG_HEX, 0, 0xffffffffU },
	[C2GUARD_CFG_A_MARK_MASK] = { "mark-mask", "mark_mask", W_U32,
				      CFG_HEX, 1, 0xffffffffU },
	[C2GUARD_CFG_A_ALERT_RATE] = { "alert-rate", "alert_rate", W_U32,
				       CFG_DEC, 0, 1000000 },
	[C2GUARD_CFG_A_ALERT_BURST] = { "alert-burst", "alert_burst", W_U32,
					CFG_DEC, 1, 1000000 },
	[C2GUARD_CFG_A_DNS_PORT] = { "dns-port", "dns_port", W_U16,
				     CFG_DEC, 1, 65535 },
	[C2GUARD_CFG_A_DNS_RCODE] = { "dns-rcode", "dns_rcode", W_U8,
				      CFG_RCODE, 0, 255 },
	[C2GUARD_CFG_A_BIND_TTL_MIN] = { "bind-ttl-min", "bind_ttl_min",
					 W_U32, CFG_DEC, 1, C2GUARD_TIMEOUT_MAX },
	[C2GUARD_CFG_A_BIND_TTL_MAX] = { "bind-ttl-max", "bind_ttl_max",
					 W_U32, CFG_DEC, 1, C2GUARD_TIMEOUT_MAX },
	[C2GUARD_CFG_A_BIND_MAX] = { "bind-max", "bind_max", W_U32,
				     CFG_DEC, 0, 1048576 },
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

struct config {
	struct get_reply rep;	/* first */
	bool has[C2GUARD_CFG_A_MAX + 1];
	__u64 val[C2GUARD_CFG_A_MAX + 1];
};

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
		if (!attr_uint(ct[i], cfg_attrs[i].width, &c->val[i]))
			c->rep.malformed = true;
		else
			c->has[i] = true;
	}
	return 0;
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
		if (c2_json) {
			printf("%s\"%s\":", first ? "" : ",", ca->json);
			if (ca->fmt == CFG_RCODE)
				printf("\"%s\"", rcode_name(c.val[i], nb, sizeof(nb)));
			else
				printf("%llu", (unsigned long long)c.val[i]);
		} else if (ca->fmt == CFG_RCODE) {
			printf("%s %s\n", ca->name, rcode_name(c.val[i], nb, sizeof(nb)));
		} else {
			printf(ca->fmt == CFG_HEX ? "%s 0x%08llx\n" : "%s %llu\n",
			       ca->name, (unsigned long long)c.val[i]);
		}
		first = false;
	}
	if (c2_json)
		puts("}");
	return out_flush() ? 1 : 0;
}

/* The setting named @kw, or 0 after reporting it unknown. */
static unsigned int cfg_lookup(const char *kw)
{
	char names[256];
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

/* The value @text of setting @a into *val; 0, or -1 after reporting. */
static int cfg_parse(unsigned int a, const char *text, __u32 *val)
{
	const struct cfg_attr *ca = &cfg_attrs[a];
	int r;

	if (ca->fmt == CFG_RCODE) {
		r = rcode_parse(text);
		if (r < 0) {
			c2_err("config set: invalid %s \"%s\" (nxdomain, refused, 3 or 5)",
			       ca->name, text);
			return -1;
		}
		*val = (__u32)r;
		return 0;
	}
	r = c2_parse_u32(text, ca->min, ca->max, val);
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

static int config_set(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	__u32 val[C2GUARD_CFG_A_MAX + 1];
	bool has[C2GUARD_CFG_A_MAX + 1] = { false };
	struct c2_nl_err e;
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct c2_nl nl;
	unsigned int a;
	int i, r;

	if (argc < 1) {
		c2_err("config set: nothing to set (see \"c2ctl help\")");
		return 1;
	}
	for (i = 0; i < argc; i += 2) {
		a = cfg_lookup(argv[i]);
		if (!a)
			return 1;
		if (has[a]) {
			c2_err("config set: %s given twice", argv[i]);
			return 1;
		}
		if (i + 1 >= argc) {
			c2_err("config set: %s needs a value", argv[i]);
			return 1;
		}
		if (cfg_parse(a, argv[i + 1], &val[a]))
			return 1;
		has[a] = true;
	}

	if (c2_nl_open(&nl))
		return 1;
	nlh = c2_nl_put_hdr(buf, nl.family, 0, 0, C2GUARD_CMD_CONFIG_SET);
	nest = mnl_attr_nest_start(nlh, C2GUARD_A_CONFIG);
	for (a = 1; a <= C2GUARD_CFG_A_MAX; a++) {
		if (!has[a])
			continue;
		if (cfg_attrs[a].width == W_U8)
			mnl_attr_put_u8(nlh, (__u16)a, (__u8)val[a]);
		else if (cfg_attrs[a].width == W_U16)
			mnl_attr_put_u16(nlh, (__u16)a, (__u16)val[a]);
		else
			mnl_attr_put_u32(nlh, (__u16)a, val[a]);
	}
	mnl_attr_nest_end(nlh, nest);
	r = c2_nl_do(&nl, nlh, NULL, NULL, &e);
	c2_nl_close(&nl);
	if (r) {
		c2_nl_report("config set", &e);
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
