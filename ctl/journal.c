// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: alerts to the systemd journal ("monitor --journal"), one entry
 * each with structured fields, through libsystemd's sd_journal_sendv(), so
 * that rsyslog (imjournal), Vector or Fluent Bit ship them on as they are:
 *
 *   MESSAGE            "c2guard: drop tcp 10.0.1.2:40000 -> 198.51.100.7:443
 *                      reason ip indicator 198.51.100.7/32 tag feed1"
 *   MESSAGE_ID         JOURNAL_MESSAGE_ID, the same for every alert
 *   PRIORITY           4 (warning); 3 (error) when the flow was blocked
 *   SYSLOG_IDENTIFIER  c2guard
 *   C2GUARD_*          SEQ, REASON, ACTION, BLOCKED, PROTO, SRC_IP,
 *                      SRC_PORT, DEST_IP, DEST_PORT, IN_IFACE, HOOK,
 *                      INDICATOR ("ja4 FP" for a JA4 indicator, "url
 *                      KEY" for a URL), TAG, NAME, JA4 and JA3 (a
 *                      ClientHello's), URL (what an HTTP request asked
 *                      for, on http-url alerts), SIGNATURE_ID,
 *                      SIGNATURE, FLOW_ID (the EVE form's, docs/eve.md),
 *                      and for the detectors BEACON_SCORE,
 *                      BEACON_INTERVAL_MS, HOST_RISK, PROTO_EXPECTED,
 *                      PROTO_SEEN, IRC_NICK, IRC_CHANNEL, IRC_PORT (1 or
 *                      0, on irc alerts), PID, COMM
 *
 * Alerts the monitor missed (a gap in their numbers) are an entry of their
 * own, JOURNAL_LOST_ID, PRIORITY 4, C2GUARD_LOST, C2GUARD_SEQ_FIRST and
 * C2GUARD_SEQ_LAST, in the same stream.
 *
 * The C2GUARD_* values are sent as they are (the journal keeps bytes; a
 * newline in a hostile name cannot start a field of its own); MESSAGE, the
 * line people read, is escaped as the text output is (escape.h).  With no
 * journald listening libsystemd drops the entries, by design.
 */
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include "c2ctl.h"
#include "escape.h"

/* Every alert's MESSAGE_ID (journalctl MESSAGE_ID=...). */
#define JOURNAL_MESSAGE_ID	"057447188d734d449835ccb0d3948c4e"
/* Alerts lost on the way (MESSAGE_ID=...). */
#define JOURNAL_LOST_ID		"a3f1c1f5b0e44c6f9d2b0c8e7d61a2b4"

#define JOURNAL_FIELDS	40

struct jentry {
	struct iovec iov[JOURNAL_FIELDS];
	unsigned int n;
};

static void __printf(2, 3) jfield(struct jentry *j, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	if (j->n == JOURNAL_FIELDS)
		return;
	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	j->iov[j->n].iov_base = s;
	j->iov[j->n].iov_len = (size_t)n;
	j->n++;
}

/* Send @j and free its fields; 0, or -1 after saying why. */
static int journal_send(struct jentry *j)
{
	unsigned int i;
	int r;

	r = sd_journal_sendv(j->iov, (int)j->n);
	for (i = 0; i < j->n; i++)
		free(j->iov[i].iov_base);
	if (r < 0) {
		c2_err("monitor: cannot write to the journal: %s", strerror(-r));
		return -1;
	}
	return 0;
}

int journal_alert(const struct ipc_alert *a)
{
	char src[C2G_ADDR_FMT_MAX], dst[C2G_ADDR_FMT_MAX], sp[8] = "", dp[8] = "";
	char nb[16], pb[16], entry[C2_IND_FMT_MAX] = "", ifn[IF_NAMESIZE];
	char ab[16], rb[16], msg[C2_ESCAPE_MAX(1536)];
	const struct ipc_wire *w = &a->wire;
	bool irc = a->has_reason && a->reason == C2GUARD_REASON_IRC;
	const char *seen = w->seen;
	const char *action = a->has_action ?
		out_action_name(a->action, ab, sizeof(ab)) : "none";
	const char *reason = out_reason_name(a->has_reason ? a->reason : 0,
					     rb, sizeof(rb));
	const char *proto = out_proto_name(a->proto, pb, sizeof(pb));
	bool blocked = eve_blocked(a);
	struct jentry j = { .n = 0 };

	c2g_addr_format(a->family, a->saddr, src, sizeof(src));
	c2g_addr_format(a->family, a->daddr, dst, sizeof(dst));
	if (a->has_sport)
		snprintf(sp, sizeof(sp), ":%u", a->sport);
	if (a->has_dport)
		snprintf(dp, sizeof(dp), ":%u", a->dport);
	if (a->has_ind)
		c2_spec_format(&a->ind.spec, entry, sizeof(entry));

	/*
	 * "... reason proto-mismatch expected tls seen unknown", "... reason
	 * irc nick N channel C": as monitor's text, an irc alert's "seen irc"
	 * left out
	 */
	if (irc && !strcmp(seen, "irc"))
		seen = "";
	c2_escapef(msg, sizeof(msg),
		   "c2guard: %s %s %s%s -> %s%s reason %s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s",
		   action, proto, src, sp, dst, dp, reason,
		   entry[0] ? " indicator " : "", entry,
		   a->has_ind && a->ind.spec.tag[0] ? " tag " : "",
		   a->has_ind ? a->ind.spec.tag : "",
		   a->name[0] ? " name " : "", a->name,
		   a->url[0] ? " url " : "", a->url,
		   w->expected[0] ? " expected " : "", w->expected,
		   seen[0] ? " seen " : "", seen,
		   w->nick[0] ? " nick " : "", w->nick,
		   w->channel[0] ? " channel " : "", w->channel);
	jfield(&j, "MESSAGE=%s", msg);
	jfield(&j, "MESSAGE_ID=%s", JOURNAL_MESSAGE_ID);
	jfield(&j, "PRIORITY=%d", blocked ? 3 : 4);
	jfield(&j, "SYSLOG_IDENTIFIER=c2guard");
	jfield(&j, "C2GUARD_SEQ=%llu", (unsigned long long)a->seq);
	jfield(&j, "C2GUARD_REASON=%s", reason);
	jfield(&j, "C2GUARD_ACTION=%s", action);
	jfield(&j, "C2GUARD_BLOCKED=%d", blocked);
	jfield(&j, "C2GUARD_PROTO=%s", proto);
	jfield(&j, "C2GUARD_SRC_IP=%s", src);
	if (a->has_sport)
		jfield(&j, "C2GUARD_SRC_PORT=%u", a->sport);
	jfield(&j, "C2GUARD_DEST_IP=%s", dst);
	if (a->has_dport)
		jfield(&j, "C2GUARD_DEST_PORT=%u", a->dport);
	if (a->has_iif && if_indextoname(a->iif, ifn))
		jfield(&j, "C2GUARD_IN_IFACE=%s", ifn);
	if (a->has_hook)
		jfield(&j, "C2GUARD_HOOK=%s",
		       out_hook_name(a->hook, nb, sizeof(nb)));
	if (entry[0])
		jfield(&j, "C2GUARD_INDICATOR=%s", entry);
	if (a->has_ind && a->ind.spec.tag[0])
		jfield(&j, "C2GUARD_TAG=%s", a->ind.spec.tag);
	if (a->name[0])
		jfield(&j, "C2GUARD_NAME=%s", a->name);
	if (a->ja4[0])
		jfield(&j, "C2GUARD_JA4=%s", a->ja4);
	if (a->ja3[0])
		jfield(&j, "C2GUARD_JA3=%s", a->ja3);
	if (a->url[0])
		jfield(&j, "C2GUARD_URL=%s", a->url);
	jfield(&j, "C2GUARD_SIGNATURE_ID=%u", eve_signature_id(a));
	jfield(&j, "C2GUARD_SIGNATURE=%s", eve_signature(a));
	jfield(&j, "C2GUARD_FLOW_ID=%llu", (unsigned long long)eve_flow_id(a));
	if (a->has_beacon && a->beacon.has[C2GUARD_BEACON_A_SCORE])
		jfield(&j, "C2GUARD_BEACON_SCORE=%llu",
		       (unsigned long long)a->beacon.val[C2GUARD_BEACON_A_SCORE]);
	if (a->has_beacon && a->beacon.has[C2GUARD_BEACON_A_INTERVAL])
		jfield(&j, "C2GUARD_BEACON_INTERVAL_MS=%llu",
		       (unsigned long long)a->beacon.val[C2GUARD_BEACON_A_INTERVAL]);
	if (a->has_host && a->host.tracked)
		jfield(&j, "C2GUARD_HOST_RISK=%u", a->host.track.risk);
	if (w->expected[0])
		jfield(&j, "C2GUARD_PROTO_EXPECTED=%s", w->expected);
	if (w->seen[0])
		jfield(&j, "C2GUARD_PROTO_SEEN=%s", w->seen);
	if (w->nick[0])
		jfield(&j, "C2GUARD_IRC_NICK=%s", w->nick);
	if (w->channel[0])
		jfield(&j, "C2GUARD_IRC_CHANNEL=%s", w->channel);
	if (irc || w->irc_port)
		jfield(&j, "C2GUARD_IRC_PORT=%d", w->irc_port);
	if (a->proc.has_pid) {
		jfield(&j, "C2GUARD_PID=%u", a->proc.pid);
		jfield(&j, "C2GUARD_COMM=%s", a->proc.comm);
	}

	return journal_send(&j);
}

int journal_lost(__u64 first, __u64 last)
{
	struct jentry j = { .n = 0 };

	jfield(&j, "MESSAGE=c2guard: lost %llu alert%s (seq %llu..%llu)",
	       (unsigned long long)(last - first + 1), last == first ? "" : "s",
	       (unsigned long long)first,
	       (unsigned long long)last);
	jfield(&j, "MESSAGE_ID=%s", JOURNAL_LOST_ID);
	jfield(&j, "PRIORITY=4");
	jfield(&j, "SYSLOG_IDENTIFIER=c2guard");
	jfield(&j, "C2GUARD_LOST=%llu", (unsigned long long)(last - first + 1));
	jfield(&j, "C2GUARD_SEQ_FIRST=%llu", (unsigned long long)first);
	jfield(&j, "C2GUARD_SEQ_LAST=%llu", (unsigned long long)last);
	return journal_send(&j);
}
