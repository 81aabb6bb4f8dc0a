// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: monitor command, prints the alerts the module multicasts.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "c2ctl.h"

#define MON_RCVBUF	(8 * 1024 * 1024)

static volatile sig_atomic_t mon_stop;

static void mon_signal(int sig)
{
	(void)sig;
	mon_stop = 1;
}

struct alert {
	__u64 seq, time;
	__u32 netns, iif, suppressed;
	__u16 sport, dport;
	__u8 family, proto, dir, hook, action, reason;
	bool has_time, has_netns, has_iif, has_suppressed;
	bool has_sport, has_dport, has_dir, has_hook, has_action, has_reason;
	bool has_ind, has_beacon;
	u8 saddr[16], daddr[16];
	struct c2_ind_info ind;
	char name[C2GUARD_NAME_MAX + 1];	/* "" when absent */
	struct c2_beacon_info beacon;		/* reason beacon */
};

struct mon {
	struct c2_nl *nl;
	unsigned long long count, seen;
	__u64 last_seq;
	bool have_seq;
};

/* Optional fixed-size attribute: absent is fine, malformed is not. */
#define OPT(getter, attr, field, flag) \
	(!(attr) || ((flag) = getter((attr), &(field))))

static int alert_parse(const struct nlmsghdr *nlh, struct alert *a)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *at[C2GUARD_ALERT_A_MAX + 1];
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const char *name;
	unsigned int bits;

	memset(a, 0, sizeof(*a));
	if (c2_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    genl->cmd != C2GUARD_CMD_ALERT ||
	    c2_attr_table(tb[C2GUARD_A_ALERT], at, C2GUARD_ALERT_A_MAX))
		return -1;
	if (!c2_attr_u64(at[C2GUARD_ALERT_A_SEQ], &a->seq) ||
	    !c2_attr_u8(at[C2GUARD_ALERT_A_FAMILY], &a->family) ||
	    !c2_attr_u8(at[C2GUARD_ALERT_A_PROTO], &a->proto))
		return -1;
	bits = c2g_family_bits(a->family);
	if (!bits || !at[C2GUARD_ALERT_A_SADDR] || !at[C2GUARD_ALERT_A_DADDR] ||
	    mnl_attr_get_payload_len(at[C2GUARD_ALERT_A_SADDR]) != bits / 8 ||
	    mnl_attr_get_payload_len(at[C2GUARD_ALERT_A_DADDR]) != bits / 8)
		return -1;
	memcpy(a->saddr, mnl_attr_get_payload(at[C2GUARD_ALERT_A_SADDR]), bits / 8);
	memcpy(a->daddr, mnl_attr_get_payload(at[C2GUARD_ALERT_A_DADDR]), bits / 8);

	if (!OPT(c2_attr_u64, at[C2GUARD_ALERT_A_TIME], a->time, a->has_time) ||
	    !OPT(c2_attr_u32, at[C2GUARD_ALERT_A_NETNS], a->netns, a->has_netns) ||
	    !OPT(c2_attr_u16, at[C2GUARD_ALERT_A_SPORT], a->sport, a->has_sport) ||
	    !OPT(c2_attr_u16, at[C2GUARD_ALERT_A_DPORT], a->dport, a->has_dport) ||
	    !OPT(c2_attr_u8, at[C2GUARD_ALERT_A_DIR], a->dir, a->has_dir) ||
	    !OPT(c2_attr_u8, at[C2GUARD_ALERT_A_HOOK], a->hook, a->has_hook) ||
	    !OPT(c2_attr_u32, at[C2GUARD_ALERT_A_IIF], a->iif, a->has_iif) ||
	    !OPT(c2_attr_u8, at[C2GUARD_ALERT_A_ACTION], a->action, a->has_action) ||
	    !OPT(c2_attr_u8, at[C2GUARD_ALERT_A_REASON], a->reason, a->has_reason) ||
	    !OPT(c2_attr_u32, at[C2GUARD_ALERT_A_SUPPRESSED], a->suppressed,
		 a->has_suppressed))
		return -1;
	if (at[C2GUARD_ALERT_A_IND]) {
		if (c2_ind_from_nest(at[C2GUARD_ALERT_A_IND], &a->ind))
			return -1;
		a->has_ind = true;
	}
	if (at[C2GUARD_ALERT_A_NAME]) {
		if (!c2_attr_strz(at[C2GUARD_ALERT_A_NAME], sizeof(a->name),
				  &name) || !*name)
			return -1;
		strcpy(a->name, name);
	}
	if (at[C2GUARD_ALERT_A_BEACON]) {
		if (c2_beacon_from_nest(at[C2GUARD_ALERT_A_BEACON], &a->beacon))
			return -1;
		a->has_beacon = true;
		/* a name channel names itself, should NAME be missing */
		if (!a->name[0])
			strcpy(a->name, a->beacon.name);
	}
	return 0;
}

/* " beacon score S interval 15.2s jitter 12.3% events E gaps G" */
static void beacon_text(const struct c2_beacon_info *b)
{
	char buf[24];

	fputs(" beacon", stdout);
	if (b->has[C2GUARD_BEACON_A_SCORE])
		printf(" score %llu",
		       (unsigned long long)b->val[C2GUARD_BEACON_A_SCORE]);
	if (b->has[C2GUARD_BEACON_A_INTERVAL] &&
	    !out_ms(b->val[C2GUARD_BEACON_A_INTERVAL], buf, sizeof(buf)))
		printf(" interval %s", buf);
	if (b->has[C2GUARD_BEACON_A_JITTER] &&
	    !out_permille(b->val[C2GUARD_BEACON_A_JITTER], buf, sizeof(buf)))
		printf(" jitter %s", buf);
	if (b->has[C2GUARD_BEACON_A_EVENTS])
		printf(" events %llu",
		       (unsigned long long)b->val[C2GUARD_BEACON_A_EVENTS]);
	if (b->has[C2GUARD_BEACON_A_GAPS])
		printf(" gaps %llu",
		       (unsigned long long)b->val[C2GUARD_BEACON_A_GAPS]);
}

/* The statistics of a beacon alert, in the order "monitor -j" shows. */
static const __u8 alert_stats[] = {
	C2GUARD_BEACON_A_SCORE, C2GUARD_BEACON_A_INTERVAL,
	C2GUARD_BEACON_A_JITTER, C2GUARD_BEACON_A_EVENTS,
	C2GUARD_BEACON_A_GAPS, C2GUARD_BEACON_A_RETRIES,
	C2GUARD_BEACON_A_SIZE, C2GUARD_BEACON_A_TIMING,
	C2GUARD_BEACON_A_DATA, C2GUARD_BEACON_A_GAP_DISP,
	C2GUARD_BEACON_A_GAP_CV, C2GUARD_BEACON_A_GAP_SKEW,
	C2GUARD_BEACON_A_COUNT, C2GUARD_BEACON_A_ALERTS,
};

/* "1.2.3.4:80", "[2001:db8::1]:80", or the bare address without port. */
static void endpoint(char *buf, size_t len, const struct alert *a,
		     const u8 *addr, bool has_port, __u16 port)
{
	char s[C2G_ADDR_FMT_MAX];

	c2g_addr_format(a->family, addr, s, sizeof(s));
	if (!has_port)
		snprintf(buf, len, "%s", s);
	else if (a->family == C2G_AF_INET6)
		snprintf(buf, len, "[%s]:%u", s, port);
	else
		snprintf(buf, len, "%s:%u", s, port);
}

static void alert_text(const struct alert *a)
{
	char src[C2G_ADDR_FMT_MAX + 8], dst[C2G_ADDR_FMT_MAX + 8];
	char nb[16], tbuf[40], entry[C2_IND_FMT_MAX];

	printf("seq %llu", (unsigned long long)a->seq);
	if (a->has_time && !out_time(a->time, tbuf, sizeof(tbuf)))
		printf(" %s", tbuf);
	if (a->has_action)
		printf(" %s", out_action_name(a->action, nb, sizeof(nb)));
	printf(" %s", out_proto_name(a->proto, nb, sizeof(nb)));
	endpoint(src, sizeof(src), a, a->saddr, a->has_sport, a->sport);
	endpoint(dst, sizeof(dst), a, a->daddr, a->has_dport, a->dport);
	printf(" %s -> %s", src, dst);
	if (a->has_dir)
		printf(" %s", out_dir_name(a->dir, nb, sizeof(nb)));
	if (a->has_ind) {
		c2_spec_format(&a->ind.spec, entry, sizeof(entry));
		putchar(' ');
		out_text_word(stdout, entry);
		fputs(" tag ", stdout);
		out_text_word(stdout, a->ind.spec.tag);
		if (a->ind.bound[0]) {
			fputs(" bound ", stdout);
			out_text_word(stdout, a->ind.bound);
		}
	}
	if (a->has_reason)
		printf(" reason %s", out_reason_name(a->reason, nb, sizeof(nb)));
	if (a->name[0]) {
		fputs(" name ", stdout);
		out_text_word(stdout, a->name);
	}
	if (a->has_hook)
		printf(" hook %s", out_hook_name(a->hook, nb, sizeof(nb)));
	if (a->has_iif)
		printf(" iif %u", a->iif);
	if (a->has_suppressed)
		printf(" suppressed %u", a->suppressed);
	if (a->has_beacon)
		beacon_text(&a->beacon);
	putchar('\n');
}

static void alert_json(const struct alert *a)
{
	char s[C2G_ADDR_FMT_MAX], nb[16], tbuf[40], entry[C2_IND_FMT_MAX];

	printf("{\"seq\":%llu", (unsigned long long)a->seq);
	if (a->has_time) {
		if (!out_time(a->time, tbuf, sizeof(tbuf)))
			out_json_key_str("time", tbuf);
		printf(",\"time_ns\":%llu", (unsigned long long)a->time);
	}
	if (a->has_netns)
		printf(",\"netns\":%u", a->netns);
	out_json_key_str("family", out_family_name(a->family));
	out_json_key_str("proto", out_proto_name(a->proto, nb, sizeof(nb)));
	c2g_addr_format(a->family, a->saddr, s, sizeof(s));
	out_json_key_str("saddr", s);
	if (a->has_sport)
		printf(",\"sport\":%u", a->sport);
	c2g_addr_format(a->family, a->daddr, s, sizeof(s));
	out_json_key_str("daddr", s);
	if (a->has_dport)
		printf(",\"dport\":%u", a->dport);
	if (a->has_dir)
		out_json_key_str("dir", out_dir_name(a->dir, nb, sizeof(nb)));
	if (a->has_hook)
		out_json_key_str("hook", out_hook_name(a->hook, nb, sizeof(nb)));
	if (a->has_iif)
		printf(",\"iif\":%u", a->iif);
	if (a->has_ind) {
		c2_spec_format(&a->ind.spec, entry, sizeof(entry));
		out_json_key_str("indicator", entry);
		out_ind_names_json(&a->ind);
		out_json_key_str("tag", a->ind.spec.tag);
	}
	if (a->has_action)
		out_json_key_str("action", out_action_name(a->action, nb, sizeof(nb)));
	if (a->has_reason)
		out_json_key_str("reason", out_reason_name(a->reason, nb, sizeof(nb)));
	if (a->name[0])
		out_json_key_str("name", a->name);
	if (a->has_suppressed)
		printf(",\"suppressed\":%u", a->suppressed);
	if (a->has_beacon) {
		fputs(",\"beacon\":{", stdout);
		out_beacon_json(&a->beacon, alert_stats, ARRAY_SIZE(alert_stats),
				true);
		putchar('}');
	}
	puts("}");
}

/* Find the id of nlctrl's "notify" group, which announces families leaving. */
static int ctrl_notify_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const struct nlattr *g[CTRL_ATTR_MCAST_GRP_MAX + 1];
	const struct nlattr *grp;
	const char *name;
	__u32 *id = data, gid;

	if (c2_msg_table(nlh, tb, CTRL_ATTR_MAX) || !tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
		if (c2_attr_table(grp, g, CTRL_ATTR_MCAST_GRP_MAX) ||
		    !c2_attr_strz(g[CTRL_ATTR_MCAST_GRP_NAME], 0, &name) ||
		    !c2_attr_u32(g[CTRL_ATTR_MCAST_GRP_ID], &gid))
			continue;
		if (!strcmp(name, "notify"))
			*id = gid;
	}
	return 0;
}

static int join_group(struct c2_nl *nl, __u32 id)
{
	int group = (int)id;

	return mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group,
				     sizeof(group));
}

/*
 * Follow nlctrl's announcements so that the monitor ends when the module
 * goes away instead of waiting forever on a group nobody sends to.
 * Best effort: without it the monitor still works.
 */
static void watch_family(struct c2_nl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct c2_nl_err e;
	__u32 id = 0;

	nlh = c2_nl_put_hdr(buf, GENL_ID_CTRL, 0, 0, CTRL_CMD_GETFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	if (c2_nl_do(nl, nlh, ctrl_notify_cb, &id, &e) || !id ||
	    join_group(nl, id) < 0)
		c2_err("monitor: warning: cannot watch for the module being unloaded");
}

/* Is this nlctrl telling that our family is gone? */
static bool family_gone(const struct c2_nl *nl, const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	__u16 id;

	if (nlh->nlmsg_type != GENL_ID_CTRL ||
	    nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*genl) ||
	    genl->cmd != CTRL_CMD_DELFAMILY ||
	    c2_msg_table(nlh, tb, CTRL_ATTR_MAX))
		return false;
	return c2_attr_u16(tb[CTRL_ATTR_FAMILY_ID], &id) && id == nl->family;
}

/*
 * Returns 1 when done (count reached), 2 when the module went away, -1 on
 * output error, else 0.
 */
static int mon_msg(struct mon *m, const struct nlmsghdr *nlh)
{
	struct alert a;

	if (family_gone(m->nl, nlh))
		return 2;
	if (nlh->nlmsg_type != m->nl->family)
		return 0;
	if (alert_parse(nlh, &a)) {
		c2_err("monitor: ignoring a malformed alert from the kernel");
		return 0;
	}
	if (m->have_seq && a.seq > m->last_seq + 1)
		c2_err("lost %llu alerts (seq %llu..%llu)",
		       (unsigned long long)(a.seq - m->last_seq - 1),
		       (unsigned long long)(m->last_seq + 1),
		       (unsigned long long)(a.seq - 1));
	m->last_seq = a.seq;
	m->have_seq = true;

	if (c2_json)
		alert_json(&a);
	else
		alert_text(&a);
	if (out_flush())
		return -1;
	m->seen++;
	return m->count && m->seen >= m->count ? 1 : 0;
}

int cmd_monitor(int argc, char **argv)
{
	struct pollfd pfd = { .events = POLLIN };
	struct sigaction sa;
	sigset_t block, waitmask;
	struct mon m = { 0 };
	struct c2_nl nl;
	int ret = 1, r;

	if (argc == 3 && !strcmp(argv[1], "count")) {
		if (c2_parse_u64(argv[2], 1, ~0ULL, &m.count)) {
			c2_err("monitor: invalid count \"%s\"", argv[2]);
			return 1;
		}
	} else if (argc != 1) {
		c2_err("monitor: expected nothing, -j or \"count N\" (see \"c2ctl help\")");
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mon_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* Signals are only taken inside ppoll(), so none is ever missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGTERM);

	if (c2_nl_open(&nl))
		return 1;
	m.nl = &nl;
	if (!nl.alerts_group) {
		c2_err("monitor: the module offers no \"%s\" multicast group",
		       C2GUARD_MCGRP_ALERTS);
		goto out;
	}
	c2_nl_bufsize(&nl, 0, MON_RCVBUF, NULL, NULL);
	watch_family(&nl);
	if (join_group(&nl, nl.alerts_group) < 0) {
		c2_err("monitor: cannot join the \"%s\" multicast group: %s",
		       C2GUARD_MCGRP_ALERTS, strerror(errno));
		goto out;
	}

	pfd.fd = nl.fd;
	while (!mon_stop) {
		const struct nlmsghdr *nlh;
		ssize_t n;
		int len;

		r = ppoll(&pfd, 1, NULL, &waitmask);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			c2_err("monitor: poll: %s", strerror(errno));
			goto out;
		}
		n = c2_nl_recv(&nl, nl.rbuf, nl.rbuf_len, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			if (errno == ENOBUFS) {
				c2_err("monitor: receive buffer overrun, alerts were lost");
				continue;
			}
			c2_err("monitor: receive: %s", strerror(errno));
			goto out;
		}
		len = (int)n;
		c2_nlmsg_for_each(nlh, nl.rbuf, len) {
			r = mon_msg(&m, nlh);
			if (r < 0)
				goto out;
			if (r == 2) {
				c2_err("monitor: the c2guard module was unloaded");
				goto out;
			}
			if (r > 0) {
				ret = 0;
				goto out;
			}
		}
	}
	ret = 0;
out:
	c2_nl_close(&nl);
	return ret;
}
