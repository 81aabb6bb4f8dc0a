/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state of c2guard in a network namespace, made of each subsystem's
 * own part (declared in that subsystem's header), and the headers every
 * file of the module shares.
 */
#ifndef _C2GUARD_H
#define _C2GUARD_H

#include <linux/mutex.h>
#include <linux/percpu.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <linux/c2guard.h>

#include "addr.h"
#include "alerts.h"
#include "beacons.h"
#include "bound.h"
#include "channel.h"
#include "hooks.h"
#include "indicators.h"
#include "match.h"
#include "msg.h"
#include "name.h"
#include "names.h"
#include "pkt.h"
#include "reject.h"
#include "stats.h"
#include "verdict.h"

#ifndef C2GUARD_VERSION
#define C2GUARD_VERSION "unknown"
#endif

/*
 * @lock serialises every change made on request: the indicator table and
 * its tags, the settings, turning hooks, labels and beacon detection on.
 * Each part says what else guards it.
 */
struct c2g_net {
	struct net *net;
	struct mutex lock;		/* see above */
	struct c2g_hooks hooks;
	struct c2g_ind_table ind;
	struct c2g_bound bound;
	struct c2g_names names;
	struct c2g_chans chans;
	struct c2g_verdicts verdicts;
	struct c2g_alerts alerts;
	struct c2g_stats __percpu *stats;
};

extern unsigned int c2g_net_id;

static inline struct c2g_net *c2g_pernet(struct net *net)
{
	return net_generic(net, c2g_net_id);
}

static inline void c2g_stat_inc(struct c2g_net *cn, enum c2g_stat i)
{
	this_cpu_inc(cn->stats->v[i]);
}

#endif /* _C2GUARD_H */
