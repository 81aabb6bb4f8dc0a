/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every message of the "c2guard" generic netlink family is built here:
 * replies, dump entries and alert notifications.  See msg.c.
 */
#ifndef _C2G_MSG_H
#define _C2G_MSG_H

#include <net/genetlink.h>

#include "channel.h"
#include "dnstrack.h"
#include "hosts.h"
#include "pkt.h"
#include "quarantine.h"
#include "stats.h"
#include "wirecfg.h"

struct c2g_claim;
struct c2g_feed;
struct c2g_hit;

extern struct genl_family c2g_genl_family;

/* What a status reply reports, gathered by its handler. */
struct c2g_status {
	u64 stats[C2G_STAT_MAX];
	u32 ind_v4;
	u32 ind_v6;
	u32 ind_names;
	u32 ind_ports;
	u32 ind_answers;
	u32 ind_ja4;
	u32 ind_urls;
	u32 ind_lpm_keys;
	u32 ind_lpm_pending;
	u32 ind_max;
	u32 quarantined;
	u32 host_allow;
	u32 hosts;
	u64 hosts_mem;
	u32 feeds;
	u32 bound;
	u32 generation;
	u32 beacon_channels;
	u32 beacon_sources;
	u64 beacon_mem;
	u32 dns_hosts;
	u32 dns_names;
	u64 dns_mem;
	u64 alert_seq;
	u64 expired;
	u64 mem;
};

/* The settings a config reply reports, gathered by its handler. */
struct c2g_config {
	u64 mark;
	u32 alert_rate;
	u32 alert_burst;
	u16 dns_port;
	u8 dns_rcode;
	u32 bind_ttl_min;
	u32 bind_ttl_max;
	u32 bind_max;
	bool beacon;
	struct c2g_bcfg bc;
	struct c2g_dnsb_cfg dc;
	u32 quarantine_time;
	u32 host_threshold;
	u32 host_half_life;
	u32 hosts_max;
	u8 host_action;
	struct c2g_wcfg wire;
};

/* What an alert says, besides the flow and the indicator. */
struct c2g_alert_info {
	u64 seq;
	u32 suppressed;
	u32 netns;
	struct user_namespace *user_ns;	/* the netns's, for uid and gid */
	u8 action;
	const struct c2g_why *why;
};

int c2g_msg_put_ind(struct sk_buff *skb, int attrtype,
		    const struct c2g_hit *hit, bool with_stats);
size_t c2g_msg_ind_size(unsigned int nclaims);
int c2g_msg_put_feed(struct sk_buff *skb, const struct c2g_feed *feed);
int c2g_msg_put_chan(struct sk_buff *skb, int attrtype,
		     const struct c2g_chan_view *v);
int c2g_msg_put_status(struct sk_buff *skb, const struct c2g_status *st);
int c2g_msg_put_quar(struct sk_buff *skb, const struct c2g_quar_view *v);
int c2g_msg_put_host(struct sk_buff *skb, int attrtype,
		     const struct c2g_host_view *v);
int c2g_msg_put_host_allow(struct sk_buff *skb, const struct c2g_quar_pfx *p);
int c2g_msg_put_config(struct sk_buff *skb, const struct c2g_config *c);
struct sk_buff *c2g_msg_alert(const struct c2g_alert_info *a,
			      const struct c2g_flow *flow,
			      const struct c2g_hit *hit);
bool c2g_msg_listened(struct net *net);
void c2g_msg_notify(struct net *net, struct sk_buff *skb);
void c2g_msg_stop(void);

#endif /* _C2G_MSG_H */
