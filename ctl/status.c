// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: status and config commands.
 */
#include <errno.h>
#include <string.h>

#include "c2ctl.h"

enum { W_STR, W_U32, W_U64 };

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
};

static const char *const feature_names[] = {
	"ipv4", "ipv6", "timeout", "reject", "mark",
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

static int status_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *st[C2GUARD_STATUS_A_MAX + 1];
	struct status *s = data;
	const char *str;
	unsigned int i;
	__u32 v32;

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
		switch (status_attrs[i].width) {
		case W_STR:
			if (!c2_attr_strz(st[i], 0, &str)) {
				s->rep.malformed = true;
				continue;
			}
			snprintf(s->version, sizeof(s->version), "%s", str);
			break;
		case W_U32:
			if (!c2_attr_u32(st[i], &v32)) {
				s->rep.malformed = true;
				continue;
			}
			s->val[i] = v32;
			break;
		default:
			if (!c2_attr_u64(st[i], &s->val[i])) {
				s->rep.malformed = true;
				continue;
			}
			break;
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

static const struct {
	const char *name;	/* command line keyword */
	const char *json;	/* JSON key */
	bool hex;		/* shown in hex in the text output */
	__u32 min, max;
} cfg_attrs[C2GUARD_CFG_A_MAX + 1] = {
	[C2GUARD_CFG_A_MARK_VALUE] = { "mark-value", "mark_value", true,
				       0, 0xffffffffU },
	[C2GUARD_CFG_A_MARK_MASK] = { "mark-mask", "mark_mask", true,
				      1, 0xffffffffU },
	[C2GUARD_CFG_A_ALERT_RATE] = { "alert-rate", "alert_rate", false,
				       0, 1000000 },
	[C2GUARD_CFG_A_ALERT_BURST] = { "alert-burst", "alert_burst", false,
					1, 1000000 },
};

struct config {
	struct get_reply rep;	/* first */
	bool has[C2GUARD_CFG_A_MAX + 1];
	__u32 val[C2GUARD_CFG_A_MAX + 1];
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
		if (!ct[i])
			continue;
		if (!c2_attr_u32(ct[i], &c->val[i]))
			c->rep.malformed = true;
		else
			c->has[i] = true;
	}
	return 0;
}

static int config_show(void)
{
	struct config c = { 0 };
	bool first = true;
	unsigned int i;

	if (get_one("config", C2GUARD_CMD_CONFIG_GET, config_cb, &c.rep))
		return 1;
	if (c2_json)
		putchar('{');
	for (i = 1; i <= C2GUARD_CFG_A_MAX; i++) {
		if (!c.has[i])
			continue;
		if (c2_json)
			printf("%s\"%s\":%u", first ? "" : ",", cfg_attrs[i].json,
			       c.val[i]);
		else if (cfg_attrs[i].hex)
			printf("%s 0x%08x\n", cfg_attrs[i].name, c.val[i]);
		else
			printf("%s %u\n", cfg_attrs[i].name, c.val[i]);
		first = false;
	}
	if (c2_json)
		puts("}");
	return out_flush() ? 1 : 0;
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
		for (a = 1; a <= C2GUARD_CFG_A_MAX; a++) {
			if (!strcmp(argv[i], cfg_attrs[a].name))
				break;
		}
		if (a > C2GUARD_CFG_A_MAX) {
			c2_err("config set: unknown setting \"%s\" (mark-value, mark-mask, alert-rate, alert-burst)",
			       argv[i]);
			return 1;
		}
		if (has[a]) {
			c2_err("config set: %s given twice", argv[i]);
			return 1;
		}
		if (i + 1 >= argc) {
			c2_err("config set: %s needs a value", argv[i]);
			return 1;
		}
		r = c2_parse_u32(argv[i + 1], cfg_attrs[a].min, cfg_attrs[a].max,
				 &val[a]);
		if (r == -ERANGE) {
			c2_err("config set: %s %s out of range (%u..%u)", argv[i],
			       argv[i + 1], cfg_attrs[a].min, cfg_attrs[a].max);
			return 1;
		}
		if (r) {
			c2_err("config set: invalid number \"%s\" for %s",
			       argv[i + 1], argv[i]);
			return 1;
		}
		has[a] = true;
	}

	if (c2_nl_open(&nl))
		return 1;
	nlh = c2_nl_put_hdr(buf, nl.family, 0, 0, C2GUARD_CMD_CONFIG_SET);
	nest = mnl_attr_nest_start(nlh, C2GUARD_A_CONFIG);
	for (a = 1; a <= C2GUARD_CFG_A_MAX; a++) {
		if (has[a])
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
