/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Beacon channels: who calls what, and the history beacon.c scores.  The
 * table, its bounds and its settings; see channel.c.
 */
#ifndef _C2G_CHANNEL_H
#define _C2G_CHANNEL_H

#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <linux/c2guard.h>

#include "beacon.h"
#include "indicators.h"
#include "stats.h"

struct mutex;
struct c2g_chan;
struct c2g_src;

enum { C2G_CH_ADDR, C2G_CH_NAME };

/*
 * A channel's identity: (inside host, destination address, port, protocol)
 * for C2G_CH_ADDR, (inside host, destination name) for C2G_CH_NAME.
 * Addresses are 16 bytes, zero-padded for IPv4.
 */
struct c2g_chan_id {
	u8 type;
	u8 family;
	u8 proto;
	u8 nlen;
	__be16 dport;
	u8 saddr[16];
	u8 daddr[16];
	const char *name;
};

/*
 * A consistent copy of what a dump or an alert reports about a channel;
 * @id.name points into the channel, valid under the RCU section that found
 * it.
 */
struct c2g_chan_view {
	struct c2g_chan_id id;
	struct c2g_beacon_score s;
	u64 age_ms;
	u64 idle_ms;
	u32 alerts;
};

/* Beacon detection settings: replaced as a whole, read under RCU. */
struct c2g_bcfg {
	struct rcu_head rcu;
	struct c2g_beacon_params p;
	u32 idle_ms;
	u32 max;			/* channels */
	u8 action;
	u8 nports;
	u32 ports[C2GUARD_BEACON_ALLOW_PORTS_MAX];	/* proto << 16 | port */
};

/*
 * A netns's channels.  Channels and sources are created, evicted and
 * removed under @lock; a channel's history changes under its own lock.
 *
 * @cfg_lock: the netns's c2g_net.lock, which serialises changes of @cfg
 *	and @on.
 * @cfg: replaced under @cfg_lock.
 * @on: detection on; set under @cfg_lock and @lock, READ_ONCE on read.
 * @sources, @heavy, @nsrc, @bytes: under @lock.
 * @count: channels; under @lock, READ_ONCE on read.
 * @flagged: channels that alerted, whose new flows the action hits.
 */
struct c2g_chans {
	struct mutex *cfg_lock;		/* see above */
	struct c2g_bcfg __rcu *cfg;
	bool on;
	struct rhashtable table;
	struct rhashtable srcs;
	spinlock_t lock;		/* see above */
	struct list_head sources;
	struct c2g_src *heavy;
	unsigned int count;
	unsigned int nsrc;
	u64 bytes;
	atomic_t flagged;
	struct delayed_work gc_work;
	struct c2g_stats __percpu *stats;
};

static inline u64 c2g_now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

int c2g_chan_module_init(void);
void c2g_chan_module_exit(void);
int c2g_chan_init(struct c2g_chans *c, struct mutex *cfg_lock,
		  struct c2g_stats __percpu *stats);
void c2g_chan_destroy(struct c2g_chans *c);

enum c2g_chan_ev {
	C2G_CHAN_QUIET,
	C2G_CHAN_ALERT,
	C2G_CHAN_NEAR,
};

enum c2g_chan_ev c2g_chan_event(struct c2g_chans *c,
				const struct c2g_bcfg *cfg,
				const struct c2g_chan_id *id, u64 now,
				unsigned int size, struct c2g_chan_view *v,
				struct c2g_chan **chp);
void c2g_chan_flag(struct c2g_chans *c, struct c2g_chan *ch);
bool c2g_chan_flagged(struct c2g_chans *c, const struct c2g_chan_id *id);
bool c2g_chan_port_allowed(const struct c2g_bcfg *cfg, u8 proto,
			   __be16 dport);

const struct c2g_bcfg *c2g_chan_cfg(struct c2g_chans *c);
void c2g_chan_configure(struct c2g_chans *c, struct c2g_bcfg *cfg, bool on);
unsigned int c2g_chan_flush(struct c2g_chans *c);
void c2g_chan_forget_key(struct c2g_chans *c, const struct c2g_key *key);
void c2g_chan_counts(struct c2g_chans *c, u32 *channels, u32 *sources,
		     u64 *mem);
void c2g_chan_walk_enter(struct c2g_chans *c, struct rhashtable_iter *iter);
bool c2g_chan_walk_peek(struct c2g_chans *c, struct rhashtable_iter *iter,
			u64 now, struct c2g_chan_view *v);

#endif /* _C2G_CHANNEL_H */
