/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of c2guard in a network namespace.
 *
 * The tables and the alert stream are objects of their own, each declared
 * with its functions in its header, which work on that object alone:
 * indicators, bound addresses, beacon channels, DNS behaviour, quarantine,
 * hosts and their evidence, alerts.  What is left here
 * belongs to the parts that work on the whole netns (hooks.c and its
 * stages, verdict.c, netlink.c): they sit above this header.
 */
#ifndef _C2GUARD_H
#define _C2GUARD_H

#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/percpu.h>
#include <linux/siphash.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <linux/c2guard.h>

#include "alerts.h"
#include "bound.h"
#include "channel.h"
#include "dnstrack.h"
#include "feeds.h"
#include "hosts.h"
#include "indicators.h"
#include "quarantine.h"
#include "quicflow.h"
#include "stats.h"
#include "wirecfg.h"

#ifndef C2GUARD_VERSION
#define C2GUARD_VERSION "unknown"
#endif

/*
 * hooks.c: @on, hooks registered (and conntrack held), under c2g_net.lock;
 * @labels_on, conntrack labels asked for, set under c2g_net.lock,
 * READ_ONCE on read; @ops, the hooks as registered in this netns (their
 * priv is the c2g_net), written under c2g_net.lock before registration.
 */
#define C2G_HOOK_OPS		4

struct c2g_hooks {
	bool on;
	bool labels_on;
	struct nf_hook_ops ops[C2G_HOOK_OPS];
};

/* names.c: settings, written under c2g_net.lock, READ_ONCE on read. */
struct c2g_names {
	u16 dns_port;
	u8 dns_rcode;
};

/*
 * verdict.c: @mark, the conntrack mark of C2GUARD_ACT_MARK, (value << 32)
 * | mask, written under c2g_net.lock, READ_ONCE on read; @memo, recently
 * reported (flow, indicator) pairs, each a fingerprint and a time.
 */
struct c2g_verdicts {
	u64 mark;
	siphash_key_t memo_key;
	atomic64_t *memo;
};

/*
 * @lock serialises every change made on request: the indicator table, its
 * feeds and their attributes, the settings, turning hooks, labels and
 * beacon detection on.  Each part says what else guards it.
 */
struct c2g_net {
	struct net *net;
	struct mutex lock;		/* see above */
	struct c2g_stats __percpu *stats;
	struct c2g_ind_table ind;
	struct c2g_feeds feeds;
	struct c2g_bound bound;
	struct c2g_chans chans;
	struct c2g_dtrack dtrack;
	struct c2g_quar quar;
	struct c2g_hosts hosts;
	struct c2g_qflows qflows;
	struct c2g_wire wire;
	struct c2g_alerts alerts;
	struct c2g_hooks hooks;
	struct c2g_names names;
	struct c2g_verdicts verdicts;
};

extern unsigned int c2g_net_id;

static inline struct c2g_net *c2g_pernet(struct net *net)
{
	return net_generic(net, c2g_net_id);
}

static inline void c2g_stat_inc(struct c2g_net *cn, enum c2g_stat i)
{
	c2g_stats_inc(cn->stats, i);
}

#endif /* _C2GUARD_H */
