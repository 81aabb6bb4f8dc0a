/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The packet path's counters, per CPU, summed for the status reply.
 */
#ifndef _C2G_STATS_H
#define _C2G_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>

enum c2g_stat {
	C2G_STAT_PACKETS,
	C2G_STAT_FLOWS,
	C2G_STAT_MATCHES,
	C2G_STAT_ALERTS,
	C2G_STAT_SUPPRESSED,
	C2G_STAT_DROPPED,
	C2G_STAT_REJECTED,
	C2G_STAT_MARKED,
	C2G_STAT_UNTRACKED,
	C2G_STAT_ALERT_FAILS,
	C2G_STAT_REPEATS,
	C2G_STAT_ALLOWED,
	C2G_STAT_DNS_QUERIES,
	C2G_STAT_DNS_ANSWERS,
	C2G_STAT_DNS_MALFORMED,
	C2G_STAT_DNS_TRUNCATED,
	C2G_STAT_BIND_ADDED,
	C2G_STAT_BIND_REFUSED,
	C2G_STAT_TLS_SNI,
	C2G_STAT_TLS_NO_SNI,
	C2G_STAT_TLS_PARTIAL,
	C2G_STAT_HTTP_HOST,
	C2G_STAT_HTTP_PARTIAL,
	C2G_STAT_NOLABELS,
	C2G_STAT_BEACON_EVENTS,
	C2G_STAT_BEACON_ALERTS,
	C2G_STAT_BEACON_EVICTED,
	C2G_STAT_BEACON_REFUSED,
	C2G_STAT_BEACON_EXPIRED,
	C2G_STAT_BEACON_EXEMPT,
	C2G_STAT_BEACON_NOLABELS,
	C2G_STAT_DNS_SCORED,
	C2G_STAT_DGA_ALERTS,
	C2G_STAT_NX_ALERTS,
	C2G_STAT_FLUX_ALERTS,
	C2G_STAT_DNS_EVICTED,
	C2G_STAT_DNS_EXEMPT,
	C2G_STAT_QUARANTINES,
	C2G_STAT_QUAR_DROPS,
	C2G_STAT_QUAR_REFUSED,
	C2G_STAT_HOST_RISK_ALERTS,
	C2G_STAT_HOSTS_EVICTED,
	C2G_STAT_MAX
};

/* Per-CPU packet path counters; 64-bit reads of them may tear on 32-bit. */
struct c2g_stats {
	u64 v[C2G_STAT_MAX];
};

static inline void c2g_stats_inc(struct c2g_stats __percpu *stats,
				 enum c2g_stat i)
{
	this_cpu_inc(stats->v[i]);
}

static inline void c2g_stats_add(struct c2g_stats __percpu *stats,
				 enum c2g_stat i, unsigned int n)
{
	this_cpu_add(stats->v[i], n);
}

#endif /* _C2G_STATS_H */
