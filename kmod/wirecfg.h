/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of the first-bytes detectors (wirecfg.c): their settings, and
 * what an alert of theirs says (wire.c finds it, msg.c sends it).
 */
#ifndef _C2G_WIRECFG_H
#define _C2G_WIRECFG_H

#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include <linux/c2guard.h>

struct c2g_irc;

#define C2G_WIRE_F_MISMATCH	0x1
#define C2G_WIRE_F_IRC		0x2

/* The settings, replaced as a whole under the netns lock, read under RCU. */
struct c2g_wcfg {
	struct rcu_head rcu;
	u8 on;				/* C2G_WIRE_F_* */
	u8 mismatch_action;
	u8 irc_action;
	u8 ntls, nhttp, nirc;
	u16 tls[C2GUARD_WIRE_PORTS_MAX];
	u16 http[C2GUARD_WIRE_PORTS_MAX];
	u16 irc[C2GUARD_WIRE_PORTS_MAX];
};

/* @on is @cfg's, for the packet path's first test (READ_ONCE). */
struct c2g_wire {
	struct c2g_wcfg __rcu *cfg;
	struct mutex *lock;		/* the netns's: @cfg and @on change under it */
	u8 on;
};

/* What an alert of this stage says (C2GUARD_ALERT_A_PROTO_* and _IRC_*). */
struct c2g_wire_seen {
	const char *expected;		/* proto-mismatch: "tls", "http", "dns" */
	const char *seen;		/* c2g_proto_name() or "dns-response" */
	const struct c2g_irc *irc;	/* irc: nick and channel */
	bool irc_port;			/* irc: to one of the IRC ports */
};

int c2g_wcfg_init(struct c2g_wire *w, struct mutex *lock);
void c2g_wcfg_destroy(struct c2g_wire *w);
const struct c2g_wcfg *c2g_wcfg_get(struct c2g_wire *w);
void c2g_wcfg_set(struct c2g_wire *w, struct c2g_wcfg *cfg);

static inline u8 c2g_wcfg_on(const struct c2g_wire *w)
{
	return READ_ONCE(w->on);
}

#endif /* _C2G_WIRECFG_H */
