// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: beacons command, the module's beacon channels (dump, flush) and
 * what is exempt from timing (allowlist ports, allowlist indicators).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "c2ctl.h"

/* The statistics of a dumped channel, in the order "beacons -j" shows. */
static const __u8 dump_stats[] = {
	C2GUARD_BEACON_A_SCORE, C2GUARD_BEACON_A_GAPS,
	C2GUARD_BEACON_A_EVENTS, C2GUARD_BEACON_A_RETRIES,
	C2GUARD_BEACON_A_INTERVAL, C2GUARD_BEACON_A_JITTER,
	C2GUARD_BEACON_A_SIZE, C2GUARD_BEACON_A_AGE, C2GUARD_BEACON_A_IDLE,
	C2GUARD_BEACON_A_ALERTS, C2GUARD_BEACON_A_TIMING,
	C2GUARD_BEACON_A_DATA, C2GUARD_BEACON_A_GAP_DISP,
	C2GUARD_BEACON_A_GAP_CV, C2GUARD_BEACON_A_GAP_SKEW,
	C2GUARD_BEACON_A_COUNT,
};

/* ---- beacons [top N|all] ---- */

/*
 * The dump is kept as the kernel sent it (ipc_beacons_dump()), with what
 * sorting needs of each channel beside it.
 */
struct chan_key {
	size_t pos;		/* in the list */
	__u64 score, events;
};

struct beacon_ctx {
	struct chan_key *keys;
	size_t n, keys_cap;
};

static void beacon_key(const struct ipc_beacon *b, size_t pos, void *data)
{
	struct beacon_ctx *bc = data;

	if (bc->n == bc->keys_cap) {
		bc->keys_cap = bc->keys_cap ? bc->keys_cap * 2 : 1024;
		bc->keys = c2_xrealloc(bc->keys, bc->keys_cap * sizeof(*bc->keys));
	}
	bc->keys[bc->n].pos = pos;
	bc->keys[bc->n].score = b->val[C2GUARD_BEACON_A_SCORE];
	bc->keys[bc->n].events = b->val[C2GUARD_BEACON_A_EVENTS];
	bc->n++;
}

/* Highest score first; then most events; then the kernel's order. */
static int chan_cmp(const void *pa, const void *pb)
{
	const struct chan_key *a = pa, *b = pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->events != b->events)
		return a->events > b->events ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* Text columns of one channel. */
struct chan_text {
	char host[C2G_ADDR_FMT_MAX];
	char dest[C2GUARD_NAME_MAX + C2G_ADDR_FMT_MAX + 24];
	char interval[24], jitter[24], idle[24];
};

static const char *stat_text(const struct ipc_beacon *b, unsigned int a,
			     char *buf, size_t len)
{
	if (!b->has[a])
		return "-";
	snprintf(buf, len, "%llu", (unsigned long long)b->val[a]);
	return buf;
}

static void chan_text(const struct ipc_beacon *b, struct chan_text *t)
{
	c2g_addr_format(b->family, b->saddr, t->host, sizeof(t->host));
	if (out_beacon_dest(b, t->dest, sizeof(t->dest)))
		strcpy(t->dest, "?");
	strcpy(t->interval, "-");
	strcpy(t->jitter, "-");
	strcpy(t->idle, "-");
	if (b->has[C2GUARD_BEACON_A_INTERVAL])
		out_ms(b->val[C2GUARD_BEACON_A_INTERVAL], t->interval,
		       sizeof(t->interval));
	if (b->has[C2GUARD_BEACON_A_JITTER])
		out_permille(b->val[C2GUARD_BEACON_A_JITTER], t->jitter,
			     sizeof(t->jitter));
	if (b->has[C2GUARD_BEACON_A_IDLE])
		out_ms(b->val[C2GUARD_BEACON_A_IDLE], t->idle, sizeof(t->idle));
}

static void chan_print_text(const struct ipc_beacon *b, int hw, int dw)
{
	char n1[24], n2[24], n3[24], n4[24], n5[24];
	struct chan_text t;

	chan_text(b, &t);
	printf("%5s %-*s %-*s %8s %6s %6s %4s %6s %6s %6s\n",
	       stat_text(b, C2GUARD_BEACON_A_SCORE, n1, sizeof(n1)), hw, t.host,
	       dw, t.dest, t.interval, t.jitter,
	       stat_text(b, C2GUARD_BEACON_A_EVENTS, n2, sizeof(n2)),
	       stat_text(b, C2GUARD_BEACON_A_GAPS, n3, sizeof(n3)),
	       stat_text(b, C2GUARD_BEACON_A_SIZE, n4, sizeof(n4)), t.idle,
	       stat_text(b, C2GUARD_BEACON_A_ALERTS, n5, sizeof(n5)));
}

static void chan_print_json(const struct ipc_beacon *b)
{
	char a[C2G_ADDR_FMT_MAX], pb[16];

	printf("{\"family\":\"%s\"", out_family_name(b->family));
	c2g_addr_format(b->family, b->saddr, a, sizeof(a));
	out_json_key_str("saddr", a);
	if (b->has_daddr) {
		c2g_addr_format(b->family, b->daddr, a, sizeof(a));
		out_json_key_str("daddr", a);
	}
	if (b->has_dport)
		printf(",\"dport\":%u", b->dport);
	if (b->has_proto)
		out_json_key_str("proto", out_proto_name(b->proto, pb, sizeof(pb)));
	if (b->name[0])
		out_json_key_str("name", b->name);
	out_beacon_json(b, dump_stats, ARRAY_SIZE(dump_stats), false);
	putchar('}');
}

static const struct ipc_beacon *chan_at(const struct ipc_list *l,
					const struct beacon_ctx *bc, size_t i,
					struct ipc_beacon *b)
{
	ipc_beacon_at(l, bc->keys[i].pos, b);
	return b;
}

#define BEACONS_TOP	20

static int beacons_show(size_t top)
{
	struct beacon_ctx bc = { 0 };
	struct ipc_beacon b;
	struct chan_text t;
	struct ipc_list l;
	struct ipc_err e;
	int hw = 4, dw = 11, ret = 1;
	size_t i;

	if (ipc_beacons_dump(&l, beacon_key, &bc, &e)) {
		c2_report("beacons", &e);
		goto out;
	}
	if (bc.n)
		qsort(bc.keys, bc.n, sizeof(*bc.keys), chan_cmp);
	if (top > bc.n)
		top = bc.n;

	if (c2_json) {
		putchar('[');
		for (i = 0; i < top; i++) {
			fputs(i ? ",\n" : "\n", stdout);
			chan_print_json(chan_at(&l, &bc, i, &b));
		}
		puts(top ? "\n]" : "]");
	} else {
		for (i = 0; i < top; i++) {
			chan_text(chan_at(&l, &bc, i, &b), &t);
			if ((int)strlen(t.host) > hw)
				hw = (int)strlen(t.host);
			if ((int)strlen(t.dest) > dw)
				dw = (int)strlen(t.dest);
		}
		printf("%5s %-*s %-*s %8s %6s %6s %4s %6s %6s %6s\n", "SCORE",
		       hw, "HOST", dw, "DESTINATION", "INTERVAL", "JITTER",
		       "EVENTS", "GAPS", "SIZE", "IDLE", "ALERTS");
		for (i = 0; i < top; i++)
			chan_print_text(chan_at(&l, &bc, i, &b), hw, dw);
	}
	if (out_flush())
		goto out;
	if (l.malformed) {
		c2_err("beacons: skipped %zu malformed channel(s) in the kernel's reply",
		       l.malformed);
		goto out;
	}
	ret = 0;
out:
	ipc_list_free(&l);
	free(bc.keys);
	return ret;
}

/* ---- beacons flush ---- */

static int beacons_flush(void)
{
	struct ipc_err e;

	if (ipc_beacon_flush(&e)) {
		c2_report("beacons flush", &e);
		return 1;
	}
	return 0;
}

/* ---- beacons allow ---- */

/* The tag of the allowlist entries "beacons allow add" makes. */
#define ALLOW_TAG	"beacon-allow"

/*
 * The settings, which must have the beacon allowlist ports; reports
 * failures naming @what.  Returns 0 or -1.
 */
static int allow_ports_get(const char *what, struct ipc_config *cfg)
{
	struct ipc_err e;

	if (ipc_config_get(cfg, &e)) {
		c2_report(what, &e);
		return -1;
	}
	if (!cfg->has[C2GUARD_CFG_A_BEACON_ALLOW_PORTS]) {
		c2_err("%s: the module has no beacon allowlist ports (no beacon detection?)",
		       what);
		return -1;
	}
	return 0;
}

static int allow_list_visit(const struct ipc_ind *info, void *data)
{
	(void)data;
	if (info->spec.action == C2GUARD_ACT_ALLOW)
		c2_ind_print(info);
	return 0;
}

static int allow_list(void)
{
	char pb[C2_PORT_FMT_MAX];
	struct ipc_config cfg;
	const __u32 *ports = cfg.ports;
	unsigned int i;

	if (allow_ports_get("beacons allow list", &cfg))
		return 1;
	if (c2_json)
		c2_json_array_begin();
	for (i = 0; i < cfg.n_ports; i++) {
		if (c2_json) {
			c2_json_elem();
			printf("{\"type\":\"port\",\"port\":%u", ports[i] & 0xffff);
			if (ports[i] >> 16)
				out_json_key_str("proto",
						 out_proto_name(ports[i] >> 16, pb,
								sizeof(pb)));
			puts("}");
		} else {
			c2_port_format(ports[i], pb, sizeof(pb));
			printf("port %s\n", pb);
		}
	}
	if (c2_ind_dump("beacons allow list", allow_list_visit, NULL)) {
		if (c2_json)
			c2_json_array_end();
		return 1;
	}
	if (c2_json)
		c2_json_array_end();
	return out_flush() ? 1 : 0;
}

/* Add or remove one port of C2GUARD_CFG_A_BEACON_ALLOW_PORTS. */
static int allow_port(const char *text, bool add)
{
	const char *what = add ? "beacons allow add" : "beacons allow del";
	char err[C2_ERR_MAX], pb[C2_PORT_FMT_MAX];
	struct ipc_config cfg;
	__u32 *ports = cfg.ports;
	struct ipc_err e;
	unsigned int i, n;
	__u32 v;

	if (c2_port_parse(text, &v, err, sizeof(err))) {
		c2_err("%s: %s", what, err);
		return 1;
	}
	c2_port_format(v, pb, sizeof(pb));
	if (allow_ports_get(what, &cfg))
		return 1;
	n = cfg.n_ports;
	for (i = 0; i < n && ports[i] != v; i++)
		;
	if (add) {
		if (i < n) {
			c2_err("%s: port %s is allowlisted already", what, pb);
			return 1;
		}
		if (n == C2GUARD_BEACON_ALLOW_PORTS_MAX) {
			c2_err("%s: the port allowlist is full (%u ports)", what,
			       C2GUARD_BEACON_ALLOW_PORTS_MAX);
			return 1;
		}
		ports[n++] = v;
	} else {
		if (i == n) {
			c2_err("%s: port %s is not allowlisted", what, pb);
			return 1;
		}
		memmove(ports + i, ports + i + 1, (n - i - 1) * sizeof(*ports));
		n--;
	}
	/* set the ports, nothing else */
	memset(cfg.has, 0, sizeof(cfg.has));
	cfg.has[C2GUARD_CFG_A_BEACON_ALLOW_PORTS] = true;
	cfg.n_ports = n;
	if (ipc_config_set(&cfg, &e)) {
		c2_report(what, &e);
		return 1;
	}
	return 0;
}

/* What "beacons allow del ENTRY" found of ENTRY in the table. */
struct allow_find {
	const struct c2_ind_spec *want;
	bool found;
	__u8 action;
};

static bool spec_same(const struct c2_ind_spec *a, const struct c2_ind_spec *b)
{
	if ((a->set & (C2_SPEC_NAME | C2_SPEC_JA4 | C2_SPEC_URL)) !=
	    (b->set & (C2_SPEC_NAME | C2_SPEC_JA4 | C2_SPEC_URL)))
		return false;
	if (a->set & C2_SPEC_URL)
		return !strcmp(a->url, b->url);
	if (a->set & C2_SPEC_JA4)
		return !strcmp(a->ja4, b->ja4);
	if (a->set & C2_SPEC_NAME)
		return a->suffix == b->suffix && !strcmp(a->name.s, b->name.s);
	return a->pfx.family == b->pfx.family && a->pfx.len == b->pfx.len &&
	       !memcmp(a->pfx.addr, b->pfx.addr,
		       c2g_family_bits(a->pfx.family) / 8);
}

static int allow_find_visit(const struct ipc_ind *info, void *data)
{
	struct allow_find *af = data;

	/* addresses bound from DNS answers are not the user's entries */
	if (info->bound[0] || !spec_same(&info->spec, af->want))
		return 0;
	af->found = true;
	af->action = info->spec.action;
	return 1;
}

/*
 * An allowlist indicator: "add ENTRY action allow tag beacon-allow", or
 * "del ENTRY" after checking that ENTRY is an allowlist entry (never a
 * listed C2 indicator deleted by mistake).
 */
static int allow_entry(char **argv, bool add)
{
	const char *what = add ? "beacons allow add" : "beacons allow del";
	char err[C2_ERR_MAX], ctx[C2_IND_FMT_MAX + 24];
	struct allow_find af = { 0 };
	struct c2_ind_spec spec;
	struct ipc_err e;
	char nb[16];
	int r;

	c2_spec_init(&spec);
	if (c2_spec_parse_words(&spec, 0, 1, argv, err, sizeof(err))) {
		c2_err("%s: %s", what, err);
		return 1;
	}
	snprintf(ctx, sizeof(ctx), "%s %.*s", what, C2_IND_FMT_MAX, argv[0]);
	if (!add) {
		af.want = &spec;
		if (c2_ind_dump(what, allow_find_visit, &af))
			return 1;
		if (!af.found) {
			c2_err("%s: not in the indicator table", ctx);
			return 1;
		}
		if (af.action != C2GUARD_ACT_ALLOW) {
			c2_err("%s: not an allowlist entry (action %s); \"c2ctl del\" removes it",
			       ctx, out_action_name(af.action, nb, sizeof(nb)));
			return 1;
		}
	}
	spec.action = C2GUARD_ACT_ALLOW;
	strcpy(spec.tag, ALLOW_TAG);
	r = add ? ipc_ind_add(&spec, &e) : ipc_ind_del(&spec, &e);
	if (r)
		c2_report(ctx, &e);
	return r ? 1 : 0;
}

static int beacons_allow(int argc, char **argv)
{
	bool add;

	if (argc == 1 && !strcmp(argv[0], "list"))
		return allow_list();
	if (argc != 2 || (strcmp(argv[0], "add") && strcmp(argv[0], "del"))) {
		c2_err("beacons allow: expected \"list\", \"add X\" or \"del X\" (see \"c2ctl help\")");
		return 1;
	}
	add = !strcmp(argv[0], "add");
	if (c2_port_like(argv[1]))
		return allow_port(argv[1], add);
	return allow_entry(argv + 1, add);
}

int cmd_beacons(int argc, char **argv)
{
	unsigned long long n;

	if (argc == 1)
		return beacons_show(BEACONS_TOP);
	if (argc == 2 && !strcmp(argv[1], "flush"))
		return beacons_flush();
	if (argc >= 2 && !strcmp(argv[1], "allow"))
		return beacons_allow(argc - 2, argv + 2);
	if (argc == 2 && !strcmp(argv[1], "all"))
		return beacons_show((size_t)-1);
	if (argc == 3 && !strcmp(argv[1], "top")) {
		if (c2_parse_u64(argv[2], 1, ~0ULL, &n)) {
			c2_err("beacons: invalid count \"%s\"", argv[2]);
			return 1;
		}
		return beacons_show(n > (size_t)-1 ? (size_t)-1 : (size_t)n);
	}
	c2_err("beacons: expected nothing, \"top N\", \"all\", \"flush\" or \"allow ...\" (see \"c2ctl help\")");
	return 1;
}
