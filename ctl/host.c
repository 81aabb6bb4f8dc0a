// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: the host and hosts commands.  host quarantine|release put an
 * inside host into quarantine and take it out; host allow keeps the
 * destinations quarantined hosts may still reach; hosts shows the hosts
 * in quarantine and why.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "c2ctl.h"

/* ADDR (@prefix: or ADDR/LEN) into h->pfx; 0, or -1 with a message. */
static int host_addr(const char *what, const char *text, bool prefix,
		     struct ipc_host *h)
{
	int r;

	memset(h, 0, sizeof(*h));
	r = c2g_prefix_parse(text, strlen(text), &h->pfx);
	if (r) {
		c2_err("%s: \"%.64s\": %s", what, text, c2g_addr_strerror(r));
		return -1;
	}
	if (!prefix && h->pfx.len != c2g_family_bits(h->pfx.family)) {
		c2_err("%s: \"%.64s\": one host's address, not a network",
		       what, text);
		return -1;
	}
	return 0;
}

/* ---- host quarantine ADDR [time S] | host release ADDR ---- */

static int host_quarantine(int argc, char **argv)
{
	struct ipc_host h;
	struct ipc_err e;

	if (argc != 1 && !(argc == 3 && !strcmp(argv[1], "time"))) {
		c2_err("host quarantine: expected ADDR [time S]");
		return 1;
	}
	if (host_addr("host quarantine", argv[0], false, &h))
		return 1;
	if (argc == 3) {
		if (c2_parse_u32(argv[2], 0, C2GUARD_TIMEOUT_MAX, &h.timeout)) {
			c2_err("host quarantine: invalid time \"%.32s\" (0..%u seconds, 0 until released)",
			       argv[2], C2GUARD_TIMEOUT_MAX);
			return 1;
		}
		h.has_timeout = true;
	}
	if (ipc_quarantine_add(&h, &e)) {
		c2_report("host quarantine", &e);
		return 1;
	}
	return 0;
}

static int host_release(int argc, char **argv)
{
	struct ipc_host h;
	struct ipc_err e;

	if (argc != 1) {
		c2_err("host release: expected ADDR");
		return 1;
	}
	if (host_addr("host release", argv[0], false, &h))
		return 1;
	if (ipc_quarantine_del(&h, &e)) {
		c2_report("host release", &e);
		return 1;
	}
	return 0;
}

/* ---- host allow add|del ADDR[/LEN] | host allow list ---- */

static void allow_print(const struct ipc_host *h, void *data)
{
	char a[C2G_ADDR_FMT_MAX], p[C2G_PREFIX_FMT_MAX];

	(void)data;
	if (c2_json) {
		c2_json_elem();
		c2g_addr_format(h->pfx.family, h->pfx.addr, a, sizeof(a));
		printf("{\"family\":\"%s\",\"addr\":\"%s\",\"prefixlen\":%u}\n",
		       out_family_name(h->pfx.family), a, h->pfx.len);
		return;
	}
	if (c2g_prefix_format(&h->pfx, p, sizeof(p)) < 0)
		strcpy(p, "?");
	puts(p);
}

static int host_allow(int argc, char **argv)
{
	struct ipc_host h;
	struct ipc_err e;
	bool add;

	if (argc == 1 && !strcmp(argv[0], "list")) {
		if (c2_json)
			c2_json_array_begin();
		if (ipc_host_allow_list(allow_print, NULL, &e)) {
			if (c2_json)
				c2_json_array_end();
			c2_report("host allow list", &e);
			return 1;
		}
		if (c2_json)
			c2_json_array_end();
		return out_flush() ? 1 : 0;
	}
	if (argc != 2 || (strcmp(argv[0], "add") && strcmp(argv[0], "del"))) {
		c2_err("host allow: expected list, add ADDR[/LEN] or del ADDR[/LEN]");
		return 1;
	}
	add = !strcmp(argv[0], "add");
	if (host_addr(add ? "host allow add" : "host allow del", argv[1],
		      true, &h))
		return 1;
	if (add ? ipc_host_allow_add(&h, &e) : ipc_host_allow_del(&h, &e)) {
		c2_report(add ? "host allow add" : "host allow del", &e);
		return 1;
	}
	return 0;
}

int cmd_host(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "quarantine"))
		return host_quarantine(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "release"))
		return host_release(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "allow"))
		return host_allow(argc - 2, argv + 2);
	c2_err("host: expected quarantine, release or allow (see \"c2ctl help\")");
	return 1;
}

/* ---- hosts [ADDR] ---- */

/* A host in quarantine, kept while the tracked hosts are listed. */
struct hosts_quar {
	struct c2g_prefix pfx;
	__u32 timeout;
	__u64 since, alert_seq, drops;
	__u8 reason;
	bool shown;
	char tag[C2GUARD_TAG_MAX];
	char name[C2GUARD_NAME_MAX + 1];
};

struct hosts_ctx {
	const struct c2g_prefix *only;	/* NULL: all */
	struct hosts_quar *quar;
	size_t nquar, cap;
	unsigned long n;
};

static bool hosts_same(const struct c2g_prefix *a, const struct c2g_prefix *b)
{
	return a->family == b->family &&
	       !memcmp(a->addr, b->addr, sizeof(a->addr));
}

static void hosts_keep_quar(const struct ipc_host *h, void *data)
{
	struct hosts_ctx *hc = data;
	struct hosts_quar *q;

	if (hc->only && !hosts_same(hc->only, &h->pfx))
		return;
	if (hc->nquar == hc->cap) {
		hc->cap = hc->cap ? 2 * hc->cap : 16;
		hc->quar = c2_xrealloc(hc->quar, hc->cap * sizeof(*hc->quar));
	}
	q = &hc->quar[hc->nquar++];
	memset(q, 0, sizeof(*q));
	q->pfx = h->pfx;
	q->timeout = h->timeout;
	q->since = h->since;
	q->alert_seq = h->alert_seq;
	q->drops = h->drops;
	q->reason = h->reason;
	strcpy(q->tag, h->tag);
	strcpy(q->name, h->name);
}

/*
 * Text: "ADDR quarantine since TIME expires S|never reason R [tag T]
 * [name N] alert SEQ drops N"; JSON: the same members.
 */
static void hosts_quar_print(const char *a, const struct hosts_quar *q)
{
	char when[40], nb[16];
	const char *reason;

	if (out_time(q->since, when, sizeof(when)))
		strcpy(when, "?");
	reason = q->reason ? out_reason_name(q->reason, nb, sizeof(nb)) :
			     "by-hand";
	if (c2_json) {
		out_json_key_str("since", when);
		printf(",\"timeout\":%u", q->timeout);
		out_json_key_str("reason", reason);
		if (q->tag[0])
			out_json_key_str("tag", q->tag);
		if (q->name[0])
			out_json_key_str("name", q->name);
		printf(",\"alert_seq\":%llu,\"drops\":%llu",
		       (unsigned long long)q->alert_seq,
		       (unsigned long long)q->drops);
		return;
	}
	printf("%s quarantine since %s expires ", a, when);
	if (q->timeout)
		printf("%u", q->timeout);
	else
		fputs("never", stdout);
	printf(" reason %s", reason);
	if (q->tag[0]) {
		fputs(" tag ", stdout);
		out_text_word(stdout, q->tag);
	}
	if (q->name[0]) {
		fputs(" name ", stdout);
		out_text_word(stdout, q->name);
	}
	printf(" alert %llu drops %llu\n", (unsigned long long)q->alert_seq,
	       (unsigned long long)q->drops);
}

/*
 * Text: "ADDR risk R risk-alerts N first T last T counts KIND N...", then
 * "ADDR evidence ..." per piece, oldest first.
 */
static void hosts_track_text(const char *a, const struct ipc_track *t)
{
	char first[40], last[40];
	unsigned int i;

	if (out_time(t->first, first, sizeof(first)))
		strcpy(first, "?");
	if (out_time(t->last, last, sizeof(last)))
		strcpy(last, "?");
	printf("%s risk %u risk-alerts %u first %s last %s", a, t->risk,
	       t->risk_alerts, first, last);
	out_track_counts_text(t);
	putchar('\n');
	for (i = 0; i < t->nev; i++) {
		printf("%s evidence", a);
		out_evidence_text(&t->ev[i], true);
		putchar('\n');
	}
}

/* A host: tracked (@t, or NULL), in quarantine (@q, or NULL). */
static void hosts_print(const struct c2g_prefix *pfx,
			const struct ipc_track *t, const struct hosts_quar *q)
{
	char a[C2G_ADDR_FMT_MAX];

	if (c2g_addr_format(pfx->family, pfx->addr, a, sizeof(a)) < 0)
		strcpy(a, "?");
	if (c2_json) {
		c2_json_elem();
		printf("{\"family\":\"%s\",\"addr\":\"%s\",\"quarantined\":%s",
		       out_family_name(pfx->family), a, q ? "true" : "false");
		if (q)
			hosts_quar_print(a, q);
		if (t)
			out_track_json(t);
		puts("}");
		return;
	}
	if (q)
		hosts_quar_print(a, q);
	if (t)
		hosts_track_text(a, t);
}

static void hosts_tracked(const struct ipc_host *h, void *data)
{
	struct hosts_ctx *hc = data;
	struct hosts_quar *q = NULL;
	size_t i;

	if (!h->tracked || (hc->only && !hosts_same(hc->only, &h->pfx)))
		return;
	for (i = 0; i < hc->nquar; i++) {
		if (!hc->quar[i].shown && hosts_same(&hc->quar[i].pfx, &h->pfx)) {
			q = &hc->quar[i];
			q->shown = true;
			break;
		}
	}
	hc->n++;
	hosts_print(&h->pfx, &h->track, q);
}

/*
 * Every inside host c2guard knows of: those with evidence (with their
 * quarantine, if any), then those in quarantine without evidence (by
 * hand, or forgotten since).
 */
int cmd_hosts(int argc, char **argv)
{
	struct hosts_ctx hc = { 0 };
	struct ipc_host only;
	struct ipc_err e;
	int rc = 1;
	size_t i;

	if (argc > 2) {
		c2_err("hosts: expected nothing or ADDR");
		return 1;
	}
	if (argc == 2) {
		if (host_addr("hosts", argv[1], false, &only))
			return 1;
		hc.only = &only.pfx;
	}
	if (ipc_quarantine_list(hosts_keep_quar, &hc, &e)) {
		c2_report("hosts", &e);
		goto out;
	}
	if (c2_json)
		c2_json_array_begin();
	if (ipc_host_list(hosts_tracked, &hc, &e)) {
		if (c2_json)
			c2_json_array_end();
		c2_report("hosts", &e);
		goto out;
	}
	for (i = 0; i < hc.nquar; i++) {
		if (!hc.quar[i].shown) {
			hc.n++;
			hosts_print(&hc.quar[i].pfx, NULL, &hc.quar[i]);
		}
	}
	if (c2_json)
		c2_json_array_end();
	if (out_flush())
		goto out;
	/* Asked about one host that nothing is known of: exit 1. */
	rc = hc.only && !hc.n;
out:
	free(hc.quar);
	return rc;
}
