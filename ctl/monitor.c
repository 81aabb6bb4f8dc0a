// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: monitor command, prints the alerts the module multicasts.
 *
 * Alerts that never arrived (the numbers jump) are reported in the stream
 * itself, in its form: a text line, a JSON object with "lost", an EVE
 * engine event, a journal entry.  "--eve-file PATH" appends the EVE events
 * to PATH instead of standard output and opens it again on SIGHUP, after
 * logrotate moved it away.  Under systemd (Type=notify) it is ready once
 * it listens to the alerts, or waits for the module.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "c2ctl.h"

static volatile sig_atomic_t mon_stop, mon_hup;

static void mon_signal(int sig)
{
	if (sig == SIGHUP)
		mon_hup = 1;
	else
		mon_stop = 1;
}

struct mon {
	unsigned long long count, seen;
	__u64 last_seq;
	bool have_seq;
	bool eve;
	bool follow;
	bool journal;
	const char *eve_file;
};

/* Standard output appended to @path from now on; 0 or -1 (said why). */
static int mon_eve_file(const char *path)
{
	int fd;

	fflush(stdout);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY,
		  0640);
	if (fd < 0) {
		c2_err("monitor: %s: %s", path, strerror(errno));
		return -1;
	}
	if (dup2(fd, STDOUT_FILENO) < 0) {
		c2_err("monitor: %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/* " beacon score S interval 15.2s jitter 12.3% events E gaps G" */
static void beacon_text(const struct ipc_beacon *b)
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

/* The evidence of a DNS behaviour alert, in the order both forms show. */
static const struct {
	unsigned int attr;
	const char *text;	/* the word "monitor" prints */
	const char *json;	/* the key of "monitor -j" */
} dns_fields[] = {
	{ C2GUARD_DNS_A_NAMES, "names", "names" },
	{ C2GUARD_DNS_A_POINTS, "points", "points" },
	{ C2GUARD_DNS_A_ANSWERED, "answered", "answered" },
	{ C2GUARD_DNS_A_NXDOMAIN, "nxdomain", "nxdomain" },
	{ C2GUARD_DNS_A_DYNDNS, "dyndns", "dyndns" },
	{ C2GUARD_DNS_A_SCORE, "score", "score" },
	{ C2GUARD_DNS_A_ADDRS, "addrs", "addrs" },
	{ C2GUARD_DNS_A_NETS, "nets", "nets" },
	{ C2GUARD_DNS_A_ANSWERS, "answers", "answers" },
	{ C2GUARD_DNS_A_ROTATIONS, "rotations", "rotations" },
	{ C2GUARD_DNS_A_TTL_MIN, "ttl-min", "ttl_min" },
	{ C2GUARD_DNS_A_PER_ANSWER, "per-answer", "per_answer" },
};

/* " names 6 points 12 ... parents a,b window 12.3s" */
static void dns_text(const struct ipc_dnsev *d)
{
	char buf[32];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dns_fields); i++)
		if (d->has[dns_fields[i].attr])
			printf(" %s %llu", dns_fields[i].text,
			       (unsigned long long)d->val[dns_fields[i].attr]);
	for (i = 0; i < d->nparents; i++) {
		fputs(i ? "," : " parents ", stdout);
		out_text_word(stdout, d->parents[i]);
	}
	if (d->has[C2GUARD_DNS_A_WINDOW] &&
	    !out_ms(d->val[C2GUARD_DNS_A_WINDOW], buf, sizeof(buf)))
		printf(" window %s", buf);
}

static void dns_json(const struct ipc_dnsev *d)
{
	unsigned int i;

	fputs(",\"dns\":{", stdout);
	if (d->has[C2GUARD_DNS_A_WINDOW])
		printf("\"window_ms\":%llu",
		       (unsigned long long)d->val[C2GUARD_DNS_A_WINDOW]);
	else
		fputs("\"window_ms\":null", stdout);
	for (i = 0; i < ARRAY_SIZE(dns_fields); i++)
		if (d->has[dns_fields[i].attr])
			printf(",\"%s\":%llu", dns_fields[i].json,
			       (unsigned long long)d->val[dns_fields[i].attr]);
	fputs(",\"parents\":[", stdout);
	for (i = 0; i < d->nparents; i++) {
		if (i)
			putchar(',');
		out_json_str(stdout, d->parents[i], strlen(d->parents[i]));
	}
	fputs("]}", stdout);
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
static void endpoint(char *buf, size_t len, const struct ipc_alert *a,
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

/*
 * The sending process of a flow the gateway opened: " pid P comm C uid U
 * gid G cgroup PATH" as far as the alert tells (the cgroup's id when its
 * path is not found).
 */
static void proc_text(const struct ipc_proc *p)
{
	const char *cg;

	if (p->has_pid) {
		printf(" pid %u comm ", p->pid);
		out_text_word(stdout, p->comm);
	}
	if (p->has_uid)
		printf(" uid %u", p->uid);
	if (p->has_pid)
		printf(" gid %u", p->gid);
	if (p->has_cgroup) {
		cg = c2_cgroup_path(p->cgroup);
		fputs(" cgroup ", stdout);
		if (cg)
			out_text_word(stdout, cg);
		else
			printf("id:%llu", (unsigned long long)p->cgroup);
	}
}

/* JSON: "pid", "comm", "uid", "gid", "cgroup" (a path or null), "cgroup_id". */
static void proc_json(const struct ipc_proc *p)
{
	const char *cg;

	if (p->has_pid) {
		printf(",\"pid\":%u", p->pid);
		out_json_key_str("comm", p->comm);
	}
	if (p->has_uid)
		printf(",\"uid\":%u", p->uid);
	if (p->has_pid)
		printf(",\"gid\":%u", p->gid);
	if (p->has_cgroup) {
		cg = c2_cgroup_path(p->cgroup);
		if (cg)
			out_json_key_str("cgroup", cg);
		else
			fputs(",\"cgroup\":null", stdout);
		printf(",\"cgroup_id\":%llu", (unsigned long long)p->cgroup);
	}
}

/*
 * A host-risk alert's host: " host ADDR risk R" and its evidence, each
 * " evidence KIND ...".
 */
static void host_text(const struct ipc_host *h)
{
	char a[C2G_ADDR_FMT_MAX];
	unsigned int i;

	if (c2g_addr_format(h->pfx.family, h->pfx.addr, a, sizeof(a)) < 0)
		strcpy(a, "?");
	printf(" host %s risk %u", a, h->track.risk);
	for (i = 0; i < h->track.nev; i++) {
		fputs(" evidence", stdout);
		out_evidence_text(&h->track.ev[i], false);
	}
}

static void host_json(const struct ipc_host *h)
{
	char a[C2G_ADDR_FMT_MAX];

	if (c2g_addr_format(h->pfx.family, h->pfx.addr, a, sizeof(a)) < 0)
		strcpy(a, "?");
	fputs(",\"host\":{\"addr\":", stdout);
	out_json_str(stdout, a, strlen(a));
	out_track_json(&h->track);
	putchar('}');
}

static void alert_text(const struct ipc_alert *a)
{
	char src[C2G_ADDR_FMT_MAX + 8], dst[C2G_ADDR_FMT_MAX + 8];
	char nb[16], tbuf[40];

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
		putchar(' ');
		out_ind_entry(&a->ind.spec);
		fputs(" tag ", stdout);
		out_text_word(stdout, a->ind.spec.tag);
		if (a->ind.feed[0]) {
			fputs(" feed ", stdout);
			out_text_word(stdout, a->ind.feed);
		}
		if (a->ind.nclaims > 1) {
			unsigned int i;

			fputs(" listed", stdout);
			for (i = 0; i < a->ind.nclaims; i++) {
				putchar(i ? ',' : ' ');
				out_text_word(stdout, a->ind.claims[i].feed[0] ?
					      a->ind.claims[i].feed : "manual");
				putchar(':');
				out_text_word(stdout, a->ind.claims[i].tag);
			}
		}
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
	if (a->ja4[0])
		printf(" ja4 %s", a->ja4);
	if (a->ja3[0])
		printf(" ja3 %s", a->ja3);
	if (a->url[0]) {
		fputs(" url ", stdout);
		out_text_word(stdout, a->url);
	}
	out_wire_text(a);
	if (a->has_hook)
		printf(" hook %s", out_hook_name(a->hook, nb, sizeof(nb)));
	if (a->has_iif)
		printf(" iif %u", a->iif);
	if (a->has_suppressed)
		printf(" suppressed %u", a->suppressed);
	if (a->has_beacon)
		beacon_text(&a->beacon);
	if (a->has_dns)
		dns_text(&a->dns);
	if (a->has_host)
		host_text(&a->host);
	proc_text(&a->proc);
	putchar('\n');
}

/* The alert as one JSON object, without the newline. */
static void alert_json(const struct ipc_alert *a)
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
		out_ind_claims_json(&a->ind);
	}
	if (a->has_action)
		out_json_key_str("action", out_action_name(a->action, nb, sizeof(nb)));
	if (a->has_reason)
		out_json_key_str("reason", out_reason_name(a->reason, nb, sizeof(nb)));
	if (a->name[0])
		out_json_key_str("name", a->name);
	if (a->ja4[0])
		out_json_key_str("ja4", a->ja4);
	if (a->ja3[0])
		out_json_key_str("ja3", a->ja3);
	if (a->url[0])
		out_json_key_str("url", a->url);
	out_wire_json(a);
	if (a->has_suppressed)
		printf(",\"suppressed\":%u", a->suppressed);
	if (a->has_beacon) {
		fputs(",\"beacon\":{", stdout);
		out_beacon_json(&a->beacon, alert_stats, ARRAY_SIZE(alert_stats),
				true);
		putchar('}');
	}
	if (a->has_dns)
		dns_json(&a->dns);
	if (a->has_host)
		host_json(&a->host);
	proc_json(&a->proc);
	putchar('}');
}

/* Alerts @first..@last never arrived; @a, which did, says so. */
static int mon_lost(const struct mon *m, const struct ipc_alert *a,
		    __u64 first, __u64 last)
{
	unsigned long long n = last - first + 1;
	char tbuf[40];

	if (m->journal && journal_lost(first, last))
		return -1;
	if (m->eve) {
		eve_lost(a->has_time ? a->time : 0, first, last);
	} else if (c2_json) {
		printf("{\"lost\":%llu,\"seq_first\":%llu,\"seq_last\":%llu",
		       n, (unsigned long long)first, (unsigned long long)last);
		if (a->has_time && !out_time(a->time, tbuf, sizeof(tbuf)))
			out_json_key_str("time", tbuf);
		puts("}");
	} else if (!m->journal) {
		printf("lost %llu alert%s (seq %llu..%llu)\n", n,
		       n == 1 ? "" : "s", (unsigned long long)first,
		       (unsigned long long)last);
	}
	return 0;
}

/*
 * What the module multicast (an ipc_alert_fn): returns 1 when done (count
 * reached), -1 on output error, else 0.
 */
static int mon_event(enum ipc_alert_event ev, const struct ipc_alert *a,
		     void *data)
{
	struct mon *m = data;

	if (ev == IPC_ALERT_OVERRUN) {
		c2_err("monitor: receive buffer overrun, alerts were lost");
		return 0;
	}
	if (ev == IPC_ALERT_MALFORMED) {
		c2_err("monitor: ignoring a malformed alert from the kernel");
		return 0;
	}
	if (m->have_seq && a->seq > m->last_seq + 1 &&
	    mon_lost(m, a, m->last_seq + 1, a->seq - 1))
		return -1;
	m->last_seq = a->seq;
	m->have_seq = true;

	/* --journal alone writes to the journal only; with -j or --eve, both */
	if (m->journal && journal_alert(a))
		return -1;
	if (m->eve) {
		eve_alert_open(a);
		alert_json(a);
		eve_alert_close();
	} else if (c2_json) {
		alert_json(a);
		putchar('\n');
	} else if (!m->journal) {
		alert_text(a);
	}
	if (out_flush())
		return -1;
	m->seen++;
	return m->count && m->seen >= m->count ? 1 : 0;
}

/*
 * Print alerts until a signal, the count, or an error: 0, 1 (count
 * reached) or a negative errno (reported, but for the module unloaded,
 * -ENOENT, which is the caller's).
 */
static int mon_read(struct mon *m, const sigset_t *waitmask,
		    struct ipc_err *e)
{
	int r;

	while (!mon_stop) {
		if (mon_hup) {
			mon_hup = 0;
			if (m->eve_file && mon_eve_file(m->eve_file))
				return -EIO;
		}
		r = ipc_alerts_read(waitmask, mon_event, m, e);
		if (r < 0) {
			if (e->error && (e->error != -ENOENT || !m->follow))
				c2_report("monitor", e);
			return e->error ? e->error : -EIO;
		}
		if (r > 0)
			return r;
	}
	return 0;
}

int cmd_monitor(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t block, waitmask;
	struct mon m = { 0 };
	struct ipc_err e;
	bool watching;
	int r;

	for (; argc > 1 && argv[1][0] == '-'; argc--, argv++) {
		if (!strcmp(argv[1], "--eve")) {
			m.eve = true;
		} else if (!strcmp(argv[1], "--follow")) {
			m.follow = true;
		} else if (!strcmp(argv[1], "--journal")) {
			m.journal = true;
		} else if (!strcmp(argv[1], "--eve-file") && argc > 2) {
			m.eve_file = argv[2];
			m.eve = true;
			argc--;
			argv++;
		} else {
			c2_err("monitor: unknown option %s (see \"c2ctl help\")",
			       argv[1]);
			return 1;
		}
	}
	if (argc == 3 && !strcmp(argv[1], "count")) {
		if (c2_parse_u64(argv[2], 1, ~0ULL, &m.count)) {
			c2_err("monitor: invalid count \"%s\"", argv[2]);
			return 1;
		}
	} else if (argc != 1) {
		c2_err("monitor: expected nothing, -j, --eve, --eve-file PATH, --follow, --journal or \"count N\" (see \"c2ctl help\")");
		return 1;
	}
	if (m.eve_file && c2_json) {
		c2_err("monitor: -j and --eve-file: one form at a time");
		return 1;
	}
	if (m.eve_file && mon_eve_file(m.eve_file))
		return 1;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mon_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (m.eve_file)
		sigaction(SIGHUP, &sa, NULL);
	/* Signals are only taken inside ppoll(), so none is ever missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	if (m.eve_file)
		sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGINT);
	sigdelset(&waitmask, SIGTERM);
	sigdelset(&waitmask, SIGHUP);

	while (!mon_stop) {
		r = ipc_alerts_join(&watching, &e);
		if (r == -ENOENT && m.follow) {
			/* absent, or gone: wait for it (a signal ends that) */
			c2_err("monitor: waiting for the c2guard module");
			/* under systemd (Type=notify): started, waiting */
			sd_notify(0, "READY=1\nSTATUS=waiting for the c2guard module");
			r = ipc_family_wait(&waitmask, &e);
			if (r < 0) {
				c2_report("monitor", &e);
				return 1;
			}
			continue;
		}
		if (!watching)
			c2_err("monitor: warning: cannot watch for the module being unloaded");
		if (r) {
			c2_report("monitor", &e);
			return 1;
		}
		if (m.follow)
			c2_err("monitor: following the alerts of the c2guard module");
		sd_notify(0, "READY=1\nSTATUS=following the alerts of the c2guard module");
		/* a module loaded again numbers its alerts from 1 */
		m.have_seq = false;
		r = mon_read(&m, &waitmask, &e);
		if (r != -ENOENT || !m.follow)
			return r < 0 ? 1 : 0;
		c2_err("monitor: the c2guard module was unloaded");
		ipc_close();
	}
	return 0;
}
