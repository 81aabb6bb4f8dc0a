// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: the host and hosts commands.  host quarantine|release put an
 * inside host into quarantine and take it out; host allow keeps the
 * destinations quarantined hosts may still reach; hosts shows the hosts
 * in quarantine and why.
 */
#include <errno.h>
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

struct hosts_ctx {
	const struct c2g_prefix *only;	/* NULL: all */
	unsigned long n;
};

/*
 * Text: "ADDR quarantine since TIME expires S|never reason R [tag T]
 * [name N] alert SEQ drops N"; JSON: one object per host.
 */
static void hosts_print(const struct ipc_host *h, void *data)
{
	char a[C2G_ADDR_FMT_MAX], when[40], nb[16];
	struct hosts_ctx *hc = data;
	const char *reason;

	if (hc->only && (hc->only->family != h->pfx.family ||
			 memcmp(hc->only->addr, h->pfx.addr, sizeof(h->pfx.addr))))
		return;
	hc->n++;
	if (c2g_addr_format(h->pfx.family, h->pfx.addr, a, sizeof(a)) < 0)
		strcpy(a, "?");
	if (out_time(h->since, when, sizeof(when)))
		strcpy(when, "?");
	reason = h->reason ? out_reason_name(h->reason, nb, sizeof(nb)) :
			     "by-hand";
	if (c2_json) {
		c2_json_elem();
		printf("{\"family\":\"%s\",\"addr\":\"%s\",\"quarantined\":true",
		       out_family_name(h->pfx.family), a);
		out_json_key_str("since", when);
		printf(",\"timeout\":%u", h->timeout);
		out_json_key_str("reason", reason);
		if (h->tag[0])
			out_json_key_str("tag", h->tag);
		if (h->name[0])
			out_json_key_str("name", h->name);
		printf(",\"alert_seq\":%llu,\"drops\":%llu}\n",
		       (unsigned long long)h->alert_seq,
		       (unsigned long long)h->drops);
		return;
	}
	printf("%s quarantine since %s expires ", a, when);
	if (h->timeout)
		printf("%u", h->timeout);
	else
		fputs("never", stdout);
	printf(" reason %s", reason);
	if (h->tag[0]) {
		fputs(" tag ", stdout);
		out_text_word(stdout, h->tag);
	}
	if (h->name[0]) {
		fputs(" name ", stdout);
		out_text_word(stdout, h->name);
	}
	printf(" alert %llu drops %llu\n", (unsigned long long)h->alert_seq,
	       (unsigned long long)h->drops);
}

int cmd_hosts(int argc, char **argv)
{
	struct hosts_ctx hc = { 0 };
	struct ipc_host only;
	struct ipc_err e;

	if (argc > 2) {
		c2_err("hosts: expected nothing or ADDR");
		return 1;
	}
	if (argc == 2) {
		if (host_addr("hosts", argv[1], false, &only))
			return 1;
		hc.only = &only.pfx;
	}
	if (c2_json)
		c2_json_array_begin();
	if (ipc_quarantine_list(hosts_print, &hc, &e)) {
		if (c2_json)
			c2_json_array_end();
		c2_report("hosts", &e);
		return 1;
	}
	if (c2_json)
		c2_json_array_end();
	if (out_flush())
		return 1;
	/* Asked about one host that nothing is known of: exit 1. */
	return hc.only && !hc.n;
}
