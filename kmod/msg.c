// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "c2guard" (see uapi/linux/c2guard.h for the
 * contract) and every message it sends: the attributes of an indicator, a
 * beacon channel, the status and the settings, used alike by replies, dump
 * entries and alert notifications, and the alert notification itself.
 *
 * The family's operations are netlink.c's, which fills them in and
 * registers the family; what it is (name, version, multicast group) is
 * here, with the messages, so that the packet path can send alerts without
 * reaching up into the request handlers.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/socket.h>
#include <net/sock.h>

#include "feeds.h"
#include "fingerprint.h"
#include "indicators.h"
#include "msg.h"
#include "proto.h"

#ifndef C2GUARD_VERSION
#define C2GUARD_VERSION "unknown"
#endif

static const struct genl_multicast_group c2g_mcgrps[] = {
	{ .name = C2GUARD_MCGRP_ALERTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

/* netlink.c sets .ops and .n_ops before registering it. */
struct genl_family c2g_genl_family __ro_after_init = {
	.name = C2GUARD_GENL_NAME,
	.version = C2GUARD_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	/* Strict checking of headers, flags and attributes for all commands. */
	.resv_start_op = C2GUARD_CMD_STATUS_GET,
	.mcgrps = c2g_mcgrps,
	.n_mcgrps = ARRAY_SIZE(c2g_mcgrps),
	.module = THIS_MODULE,
};

static bool c2g_msg_stopped __read_mostly;

/* --- indicators -------------------------------------------------------- */

static int c2g_msg_put_key(struct sk_buff *skb, const struct c2g_hit *k)
{
	const u8 *data = k->data;
	u8 family = k->type == C2G_K_V6 || k->plen == 128 ? AF_INET6 : AF_INET;

	if (k->type == C2G_K_NAME || k->type == C2G_K_SUFFIX) {
		if (nla_put_string(skb, C2GUARD_IND_A_DOMAIN, data))
			return -EMSGSIZE;
		if (k->type == C2G_K_SUFFIX &&
		    nla_put_flag(skb, C2GUARD_IND_A_SUFFIX))
			return -EMSGSIZE;
		return 0;
	}
	if (k->type == C2G_K_JA4)
		return nla_put_string(skb, C2GUARD_IND_A_JA4, data) ? -EMSGSIZE : 0;
	if (k->type == C2G_K_URL)
		return nla_put_string(skb, C2GUARD_IND_A_URL, data) ? -EMSGSIZE : 0;
	if (k->type == C2G_K_PORT) {
		unsigned int alen = k->len - C2G_PORT_KEY_EXTRA;
		__be16 port;

		memcpy(&port, data + alen, 2);
		if (nla_put_u8(skb, C2GUARD_IND_A_FAMILY, family) ||
		    nla_put(skb, C2GUARD_IND_A_ADDR, alen, data) ||
		    nla_put_u8(skb, C2GUARD_IND_A_PREFIXLEN, k->plen) ||
		    nla_put_u16(skb, C2GUARD_IND_A_PORT, ntohs(port)) ||
		    nla_put_u8(skb, C2GUARD_IND_A_PROTO, data[alen + 2]))
			return -EMSGSIZE;
		return 0;
	}
	if (nla_put_u8(skb, C2GUARD_IND_A_FAMILY, family) ||
	    nla_put(skb, C2GUARD_IND_A_ADDR, k->len, data) ||
	    nla_put_u8(skb, C2GUARD_IND_A_PREFIXLEN, k->plen))
		return -EMSGSIZE;
	if (k->type == C2G_K_ANSWER &&
	    nla_put_flag(skb, C2GUARD_IND_A_ANSWER))
		return -EMSGSIZE;
	if ((k->flags & C2G_IND_BOUND) &&
	    nla_put_string(skb, C2GUARD_IND_A_BOUND, c2g_hit_bound_name(k)))
		return -EMSGSIZE;
	return 0;
}

/* The feed of a listing, or NULL for a manual one (or a bound address). */
static const char *c2g_claim_feed(const struct c2g_claim *c)
{
	const struct c2g_source *src = c->attr->src;

	return src && src->name[0] ? src->name : NULL;
}

static int c2g_msg_put_claim(struct sk_buff *skb, const struct c2g_claim *c)
{
	const char *feed = c2g_claim_feed(c);
	struct nlattr *nest;

	nest = nla_nest_start(skb, C2GUARD_IND_A_CLAIM);
	if (!nest)
		return -EMSGSIZE;
	if ((feed && nla_put_string(skb, C2GUARD_CLAIM_A_FEED, feed)) ||
	    nla_put_u8(skb, C2GUARD_CLAIM_A_ACTION, c->attr->action) ||
	    nla_put_string(skb, C2GUARD_CLAIM_A_TAG, c->attr->tag) ||
	    nla_put_u32(skb, C2GUARD_CLAIM_A_TIMEOUT,
			c2g_claim_timeout_left(c))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The key @hit, as decided by its claim: the key, the deciding listing's
 * action, tag and feed, and every live listing.  Under RCU.
 */
int c2g_msg_put_ind(struct sk_buff *skb, int attrtype,
		    const struct c2g_hit *hit, bool with_stats)
{
	const struct c2g_claim *by = hit->claim;
	const char *feed = c2g_claim_feed(by);
	u64 now = get_jiffies_64();
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	if (c2g_msg_put_key(skb, hit) ||
	    nla_put_u8(skb, C2GUARD_IND_A_ACTION, by->attr->action) ||
	    nla_put_string(skb, C2GUARD_IND_A_TAG, by->attr->tag) ||
	    (feed && nla_put_string(skb, C2GUARD_IND_A_FEED, feed)))
		goto cancel;
	if (with_stats &&
	    (nla_put_u32(skb, C2GUARD_IND_A_TIMEOUT,
			 c2g_claim_timeout_left(by)) ||
	     nla_put_u64_64bit(skb, C2GUARD_IND_A_HITS,
			       atomic64_read(hit->hits), C2GUARD_IND_A_PAD)))
		goto cancel;
	for (i = 0; i < hit->nclaims; i++)
		if (c2g_claim_live(&hit->claims[i], now) &&
		    c2g_msg_put_claim(skb, &hit->claims[i]))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Room for an indicator of @nclaims listings in a message. */
size_t c2g_msg_ind_size(unsigned int nclaims)
{
	size_t claim = nla_total_size(0) +		/* C2GUARD_IND_A_CLAIM */
		       2 * nla_total_size(C2GUARD_TAG_MAX) + /* feed, tag */
		       nla_total_size(sizeof(u8)) +	/* action */
		       nla_total_size(sizeof(u32));	/* timeout */

	return nla_total_size(0) +			/* the nest */
	       3 * nla_total_size(sizeof(u8)) +		/* family, plen, action */
	       nla_total_size(C2GUARD_URL_MAX + 1) +	/* addr, domain, url */
	       nla_total_size(0) +			/* suffix */
	       nla_total_size(C2GUARD_NAME_MAX + 1) +	/* bound */
	       nla_total_size(sizeof(u16)) +		/* port */
	       nla_total_size(sizeof(u8)) +		/* proto */
	       2 * nla_total_size(C2GUARD_TAG_MAX) +	/* tag, feed */
	       nla_total_size(sizeof(u32)) +		/* timeout */
	       nla_total_size_64bit(sizeof(u64)) +	/* hits */
	       nclaims * claim;
}

/* --- feeds ------------------------------------------------------------ */

/* One feed, for FEED_GET.  Under c2g_net.lock. */
int c2g_msg_put_feed(struct sk_buff *skb, const struct c2g_feed *feed)
{
	const struct c2g_feed_meta *m = &feed->meta;
	const struct c2g_source *src = &feed->src;
	u64 now = get_jiffies_64(), exp = src->expires;
	struct nlattr *nest;
	u32 left = 0;

	if (exp && time_before64(now, exp))
		left = min_t(u64, DIV_ROUND_UP_ULL(exp - now, HZ), U32_MAX);
	nest = nla_nest_start(skb, C2GUARD_A_FEED);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, C2GUARD_FEED_A_NAME, src->name) ||
	    nla_put_string(skb, C2GUARD_FEED_A_SOURCE, m->source) ||
	    nla_put_string(skb, C2GUARD_FEED_A_FORMAT, m->format) ||
	    nla_put_u8(skb, C2GUARD_FEED_A_ACTION,
		       m->action ?: C2GUARD_ACT_ALERT) ||
	    nla_put_string(skb, C2GUARD_FEED_A_TAG, m->tag) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_TIMEOUT, left) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_ERRORS, m->errors) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_UNSUPPORTED, m->unsupported) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_V4, src->count[C2G_K_V4]) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_V6, src->count[C2G_K_V6]) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_NAMES,
			src->count[C2G_K_NAME]) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_SUFFIXES,
			src->count[C2G_K_SUFFIX]) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_PORTS, src->count[C2G_K_PORT]) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_ANSWERS,
			src->count[C2G_K_ANSWER]) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_JA4, src->count[C2G_K_JA4]) ||
	    nla_put_u32(skb, C2GUARD_FEED_A_IND_URLS, src->count[C2G_K_URL]))
		goto cancel;
	if (feed->loaded &&
	    nla_put_u64_64bit(skb, C2GUARD_FEED_A_LOADED, feed->loaded,
			      C2GUARD_FEED_A_PAD))
		goto cancel;
	if (src->staging &&
	    nla_put_u32(skb, C2GUARD_FEED_A_STAGING,
			c2g_source_total(src->scount)))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* --- beacon channels -------------------------------------------------- */

int c2g_msg_put_chan(struct sk_buff *skb, int attrtype,
		     const struct c2g_chan_view *v)
{
	const struct c2g_chan_id *ch = &v->id;
	const struct c2g_beacon_score *s = &v->s;
	unsigned int alen = c2g_addr_len(ch->family);
	struct nlattr *nest;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, C2GUARD_BEACON_A_FAMILY, ch->family) ||
	    nla_put(skb, C2GUARD_BEACON_A_SADDR, alen, ch->saddr))
		goto cancel;
	if (ch->type == C2G_CH_NAME) {
		if (nla_put_string(skb, C2GUARD_BEACON_A_NAME, ch->name))
			goto cancel;
	} else {
		if (nla_put(skb, C2GUARD_BEACON_A_DADDR, alen, ch->daddr) ||
		    nla_put_u8(skb, C2GUARD_BEACON_A_PROTO, ch->proto))
			goto cancel;
		if (ch->dport &&
		    nla_put_u16(skb, C2GUARD_BEACON_A_DPORT, ntohs(ch->dport)))
			goto cancel;
	}
	if (nla_put_u8(skb, C2GUARD_BEACON_A_SCORE, s->valid ? s->score : 0) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_GAPS, s->ngaps) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_EVENTS, s->events) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_RETRIES, s->retries) ||
	    nla_put_u64_64bit(skb, C2GUARD_BEACON_A_AGE, v->age_ms,
			      C2GUARD_BEACON_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_BEACON_A_IDLE, v->idle_ms,
			      C2GUARD_BEACON_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_BEACON_A_ALERTS, v->alerts))
		goto cancel;
	if (s->valid &&
	    (nla_put_u32(skb, C2GUARD_BEACON_A_INTERVAL, s->interval_ms) ||
	     nla_put_u32(skb, C2GUARD_BEACON_A_JITTER, s->jitter) ||
	     nla_put_u32(skb, C2GUARD_BEACON_A_SIZE, s->size.median) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_TIMING, s->sub.timing) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_DATA, s->sub.data) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_GAP_DISP, s->sub.gap_disp) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_GAP_CV, s->sub.gap_cv) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_GAP_SKEW, s->sub.gap_skew) ||
	     nla_put_u16(skb, C2GUARD_BEACON_A_COUNT, s->sub.count)))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static size_t c2g_msg_chan_size(void)
{
	return nla_total_size(0) +			/* the nest */
	       2 * nla_total_size(sizeof(u8)) +		/* family, proto */
	       2 * nla_total_size(16) +			/* saddr, daddr */
	       nla_total_size(C2GUARD_NAME_MAX + 1) +
	       2 * nla_total_size(sizeof(u8)) +		/* dport, score */
	       7 * nla_total_size(sizeof(u32)) +
	       2 * nla_total_size_64bit(sizeof(u64)) +
	       6 * nla_total_size(sizeof(u16));
}

/* --- status and settings ---------------------------------------------- */

static const u8 c2g_stat_attr[C2G_STAT_MAX] = {
	[C2G_STAT_PACKETS] = C2GUARD_STATUS_A_PACKETS,
	[C2G_STAT_FLOWS] = C2GUARD_STATUS_A_FLOWS,
	[C2G_STAT_MATCHES] = C2GUARD_STATUS_A_MATCHES,
	[C2G_STAT_ALERTS] = C2GUARD_STATUS_A_ALERTS,
	[C2G_STAT_SUPPRESSED] = C2GUARD_STATUS_A_SUPPRESSED,
	[C2G_STAT_DROPPED] = C2GUARD_STATUS_A_DROPPED,
	[C2G_STAT_REJECTED] = C2GUARD_STATUS_A_REJECTED,
	[C2G_STAT_MARKED] = C2GUARD_STATUS_A_MARKED,
	[C2G_STAT_UNTRACKED] = C2GUARD_STATUS_A_UNTRACKED,
	[C2G_STAT_ALERT_FAILS] = C2GUARD_STATUS_A_ALERT_FAILS,
	[C2G_STAT_REPEATS] = C2GUARD_STATUS_A_REPEATS,
	[C2G_STAT_ALLOWED] = C2GUARD_STATUS_A_ALLOWED,
	[C2G_STAT_DNS_QUERIES] = C2GUARD_STATUS_A_DNS_QUERIES,
	[C2G_STAT_DNS_ANSWERS] = C2GUARD_STATUS_A_DNS_ANSWERS,
	[C2G_STAT_DNS_MALFORMED] = C2GUARD_STATUS_A_DNS_MALFORMED,
	[C2G_STAT_DNS_TRUNCATED] = C2GUARD_STATUS_A_DNS_TRUNCATED,
	[C2G_STAT_BIND_ADDED] = C2GUARD_STATUS_A_BIND_ADDED,
	[C2G_STAT_BIND_REFUSED] = C2GUARD_STATUS_A_BIND_REFUSED,
	[C2G_STAT_TLS_SNI] = C2GUARD_STATUS_A_TLS_SNI,
	[C2G_STAT_TLS_NO_SNI] = C2GUARD_STATUS_A_TLS_NO_SNI,
	[C2G_STAT_TLS_PARTIAL] = C2GUARD_STATUS_A_TLS_PARTIAL,
	[C2G_STAT_HTTP_HOST] = C2GUARD_STATUS_A_HTTP_HOST,
	[C2G_STAT_HTTP_PARTIAL] = C2GUARD_STATUS_A_HTTP_PARTIAL,
	[C2G_STAT_NOLABELS] = C2GUARD_STATUS_A_NOLABELS,
	[C2G_STAT_BEACON_EVENTS] = C2GUARD_STATUS_A_BEACON_EVENTS,
	[C2G_STAT_BEACON_ALERTS] = C2GUARD_STATUS_A_BEACON_ALERTS,
	[C2G_STAT_BEACON_EVICTED] = C2GUARD_STATUS_A_BEACON_EVICTED,
	[C2G_STAT_BEACON_REFUSED] = C2GUARD_STATUS_A_BEACON_REFUSED,
	[C2G_STAT_BEACON_EXPIRED] = C2GUARD_STATUS_A_BEACON_EXPIRED,
	[C2G_STAT_BEACON_EXEMPT] = C2GUARD_STATUS_A_BEACON_EXEMPT,
	[C2G_STAT_BEACON_NOLABELS] = C2GUARD_STATUS_A_BEACON_NOLABELS,
	[C2G_STAT_DNS_SCORED] = C2GUARD_STATUS_A_DNS_SCORED,
	[C2G_STAT_DGA_ALERTS] = C2GUARD_STATUS_A_DGA_ALERTS,
	[C2G_STAT_NX_ALERTS] = C2GUARD_STATUS_A_NXDOMAIN_ALERTS,
	[C2G_STAT_FLUX_ALERTS] = C2GUARD_STATUS_A_FLUX_ALERTS,
	[C2G_STAT_DNS_EVICTED] = C2GUARD_STATUS_A_DNS_EVICTED,
	[C2G_STAT_DNS_EXEMPT] = C2GUARD_STATUS_A_DNS_EXEMPT,
	[C2G_STAT_QUARANTINES] = C2GUARD_STATUS_A_QUARANTINES,
	[C2G_STAT_QUAR_DROPS] = C2GUARD_STATUS_A_QUARANTINE_DROPS,
	[C2G_STAT_QUAR_REFUSED] = C2GUARD_STATUS_A_QUARANTINE_REFUSED,
	[C2G_STAT_HOST_RISK_ALERTS] = C2GUARD_STATUS_A_HOST_RISK_ALERTS,
	[C2G_STAT_HOSTS_EVICTED] = C2GUARD_STATUS_A_HOSTS_EVICTED,
	[C2G_STAT_QUIC_INITIALS] = C2GUARD_STATUS_A_QUIC_INITIALS,
	[C2G_STAT_QUIC_UNOPENED] = C2GUARD_STATUS_A_QUIC_UNOPENED,
	[C2G_STAT_QUIC_SNI] = C2GUARD_STATUS_A_QUIC_SNI,
	[C2G_STAT_QUIC_NO_SNI] = C2GUARD_STATUS_A_QUIC_NO_SNI,
	[C2G_STAT_QUIC_PARTIAL] = C2GUARD_STATUS_A_QUIC_PARTIAL,
	[C2G_STAT_QUIC_UNFOLLOWED] = C2GUARD_STATUS_A_QUIC_UNFOLLOWED,
	[C2G_STAT_JA4_COMPUTED] = C2GUARD_STATUS_A_JA4_COMPUTED,
	[C2G_STAT_MISMATCH_ALERTS] = C2GUARD_STATUS_A_PROTO_MISMATCH_ALERTS,
	[C2G_STAT_IRC_ALERTS] = C2GUARD_STATUS_A_IRC_ALERTS,
};

int c2g_msg_put_status(struct sk_buff *skb, const struct c2g_status *st)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, C2GUARD_A_STATUS);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, C2GUARD_STATUS_A_VERSION, C2GUARD_VERSION) ||
	    nla_put_u64_64bit(skb, C2GUARD_STATUS_A_FEATURES,
			      C2GUARD_FEAT_IPV4 | C2GUARD_FEAT_IPV6 |
			      C2GUARD_FEAT_TIMEOUT | C2GUARD_FEAT_REJECT |
			      C2GUARD_FEAT_MARK | C2GUARD_FEAT_DOMAIN |
			      C2GUARD_FEAT_ALLOW | C2GUARD_FEAT_DNS_BIND |
			      C2GUARD_FEAT_BEACON | C2GUARD_FEAT_DNS_BEHAVIOUR |
			      C2GUARD_FEAT_SINKHOLE | C2GUARD_FEAT_QUARANTINE |
			      C2GUARD_FEAT_PROCESS | C2GUARD_FEAT_HOST_RISK,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_DNS_HOSTS, st->dns_hosts) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_DNS_NAMES, st->dns_names) ||
	    nla_put_u64_64bit(skb, C2GUARD_STATUS_A_DNS_MEM, st->dns_mem,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_BEACON_CHANNELS,
			st->beacon_channels) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_BEACON_SOURCES,
			st->beacon_sources) ||
	    nla_put_u64_64bit(skb, C2GUARD_STATUS_A_BEACON_MEM, st->beacon_mem,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_V4, st->ind_v4) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_V6, st->ind_v6) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_NAMES, st->ind_names) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_PORTS, st->ind_ports) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_ANSWERS, st->ind_answers) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_JA4, st->ind_ja4) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_URLS, st->ind_urls) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_LPM_KEYS, st->ind_lpm_keys) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_LPM_PENDING,
			st->ind_lpm_pending) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_IND_MAX, st->ind_max) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_QUARANTINED, st->quarantined) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_HOST_ALLOW, st->host_allow) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_HOSTS, st->hosts) ||
	    nla_put_u64_64bit(skb, C2GUARD_STATUS_A_HOSTS_MEM, st->hosts_mem,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_FEEDS, st->feeds) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_BOUND, st->bound) ||
	    nla_put_u32(skb, C2GUARD_STATUS_A_GENERATION, st->generation) ||
	    nla_put_u64_64bit(skb, C2GUARD_STATUS_A_ALERT_SEQ, st->alert_seq,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_STATUS_A_EXPIRED, st->expired,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_STATUS_A_MEM, st->mem,
			      C2GUARD_STATUS_A_PAD))
		goto cancel;
	for (i = 0; i < C2G_STAT_MAX; i++)
		if (nla_put_u64_64bit(skb, c2g_stat_attr[i], st->stats[i],
				      C2GUARD_STATUS_A_PAD))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int c2g_msg_put_dnsb_cfg(struct sk_buff *skb,
				const struct c2g_dnsb_cfg *dc)
{
	const struct c2g_dnsb_params *p = &dc->p;

	return nla_put_u8(skb, C2GUARD_CFG_A_DGA, !!(dc->on & C2G_DNSB_F_DGA)) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_DGA_THRESHOLD, p->dga_threshold) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_DGA_NAMES, p->dga_names) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_DGA_WINDOW,
			   p->dga_window_ms / 1000) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_DGA_ACTION, dc->dga_action) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_NXDOMAIN_BURST,
			  !!(dc->on & C2G_DNSB_F_NX)) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD,
			   p->nx_threshold) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW,
			   p->nx_window_ms / 1000) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION,
			  dc->nx_action) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_FAST_FLUX,
			  !!(dc->on & C2G_DNSB_F_FLUX)) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_FAST_FLUX_THRESHOLD,
			   p->flux_threshold) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_FAST_FLUX_WINDOW,
			   p->flux_window_ms / 1000) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_FAST_FLUX_ACTION, dc->flux_action) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_DNS_HOLDDOWN,
			   p->holddown_ms / 1000) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_DNS_HOSTS_MAX, dc->hosts_max) ||
	       nla_put_u32(skb, C2GUARD_CFG_A_DNS_NAMES_MAX, dc->names_max);
}

static int c2g_msg_put_wire_cfg(struct sk_buff *skb,
				const struct c2g_wcfg *w)
{
	return nla_put_u8(skb, C2GUARD_CFG_A_PROTO_MISMATCH,
			  !!(w->on & C2G_WIRE_F_MISMATCH)) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_PROTO_MISMATCH_ACTION,
			  w->mismatch_action) ||
	       nla_put(skb, C2GUARD_CFG_A_TLS_PORTS, w->ntls * sizeof(u16),
		       w->tls) ||
	       nla_put(skb, C2GUARD_CFG_A_HTTP_PORTS, w->nhttp * sizeof(u16),
		       w->http) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_IRC, !!(w->on & C2G_WIRE_F_IRC)) ||
	       nla_put_u8(skb, C2GUARD_CFG_A_IRC_ACTION, w->irc_action) ||
	       nla_put(skb, C2GUARD_CFG_A_IRC_PORTS, w->nirc * sizeof(u16),
		       w->irc);
}

int c2g_msg_put_config(struct sk_buff *skb, const struct c2g_config *c)
{
	const struct c2g_bcfg *bc = &c->bc;
	struct nlattr *nest;

	nest = nla_nest_start(skb, C2GUARD_A_CONFIG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, C2GUARD_CFG_A_MARK_VALUE, upper_32_bits(c->mark)) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_MARK_MASK, lower_32_bits(c->mark)) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_ALERT_RATE, c->alert_rate) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_ALERT_BURST, c->alert_burst) ||
	    nla_put_u16(skb, C2GUARD_CFG_A_DNS_PORT, c->dns_port) ||
	    nla_put_u8(skb, C2GUARD_CFG_A_DNS_RCODE, c->dns_rcode) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BIND_TTL_MIN, c->bind_ttl_min) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BIND_TTL_MAX, c->bind_ttl_max) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BIND_MAX, c->bind_max) ||
	    nla_put_u8(skb, C2GUARD_CFG_A_BEACON, c->beacon) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_RETRY, bc->p.retry_ms) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_IDLE, bc->idle_ms) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_SILENCE, bc->p.silence_ms) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_HOLDDOWN,
			bc->p.holddown_ms) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_WINDOW, bc->p.window) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_MIN_GAPS, bc->p.min_gaps) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_THRESHOLD,
			bc->p.threshold) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_BEACON_MAX, bc->max) ||
	    nla_put_u8(skb, C2GUARD_CFG_A_BEACON_ACTION, bc->action) ||
	    nla_put(skb, C2GUARD_CFG_A_BEACON_ALLOW_PORTS,
		    bc->nports * sizeof(u32), bc->ports) ||
	    c2g_msg_put_dnsb_cfg(skb, &c->dc) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_QUARANTINE_TIME,
			c->quarantine_time) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_HOST_THRESHOLD, c->host_threshold) ||
	    nla_put_u8(skb, C2GUARD_CFG_A_HOST_ACTION, c->host_action) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_HOST_HALF_LIFE, c->host_half_life) ||
	    nla_put_u32(skb, C2GUARD_CFG_A_HOSTS_MAX, c->hosts_max) ||
	    c2g_msg_put_wire_cfg(skb, &c->wire)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* --- quarantine -------------------------------------------------------- */

/* One host in quarantine, as C2GUARD_A_HOST. */
int c2g_msg_put_quar(struct sk_buff *skb, const struct c2g_quar_view *v)
{
	u8 family = v->key.family;
	struct nlattr *nest;

	nest = nla_nest_start(skb, C2GUARD_A_HOST);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, C2GUARD_HOST_A_FAMILY, family) ||
	    nla_put(skb, C2GUARD_HOST_A_ADDR, c2g_addr_len(family),
		    v->key.addr) ||
	    nla_put_u32(skb, C2GUARD_HOST_A_TIMEOUT, v->left) ||
	    nla_put_u64_64bit(skb, C2GUARD_HOST_A_SINCE, v->since,
			      C2GUARD_HOST_A_PAD) ||
	    nla_put_u8(skb, C2GUARD_HOST_A_REASON, v->reason) ||
	    (v->tag[0] && nla_put_string(skb, C2GUARD_HOST_A_TAG, v->tag)) ||
	    (v->name[0] && nla_put_string(skb, C2GUARD_HOST_A_NAME, v->name)) ||
	    nla_put_u64_64bit(skb, C2GUARD_HOST_A_ALERT_SEQ, v->alert_seq,
			      C2GUARD_HOST_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_HOST_A_DROPS, v->drops,
			      C2GUARD_HOST_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* --- hosts and their evidence ----------------------------------------- */

static int c2g_msg_put_count(struct sk_buff *skb, u8 kind, u8 reason,
			     u32 count)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, C2GUARD_HOST_A_COUNT);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, C2GUARD_EV_A_KIND, kind) ||
	    (kind == C2GUARD_EV_ALERT &&
	     nla_put_u8(skb, C2GUARD_EV_A_REASON, reason)) ||
	    nla_put_u32(skb, C2GUARD_EV_A_COUNT, count)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int c2g_msg_put_ev(struct sk_buff *skb, const struct c2g_host_ev *e)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, C2GUARD_HOST_A_EVIDENCE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, C2GUARD_EV_A_KIND, e->kind) ||
	    (e->kind == C2GUARD_EV_ALERT &&
	     nla_put_u8(skb, C2GUARD_EV_A_REASON, e->reason)) ||
	    (e->family &&
	     (nla_put_u8(skb, C2GUARD_EV_A_FAMILY, e->family) ||
	      nla_put(skb, C2GUARD_EV_A_ADDR, c2g_addr_len(e->family),
		      e->addr))) ||
	    (e->proto &&
	     (nla_put_u8(skb, C2GUARD_EV_A_PROTO, e->proto) ||
	      nla_put_u16(skb, C2GUARD_EV_A_PORT, ntohs(e->port)))) ||
	    (e->name && nla_put_string(skb, C2GUARD_EV_A_NAME, e->name)) ||
	    (e->tag[0] && nla_put_string(skb, C2GUARD_EV_A_TAG, e->tag)) ||
	    (e->value && nla_put_u32(skb, C2GUARD_EV_A_VALUE, e->value)) ||
	    nla_put_u32(skb, C2GUARD_EV_A_WEIGHT, e->weight) ||
	    nla_put_u32(skb, C2GUARD_EV_A_COUNT, e->count) ||
	    nla_put_u64_64bit(skb, C2GUARD_EV_A_FIRST, e->first,
			      C2GUARD_EV_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_EV_A_LAST, e->last,
			      C2GUARD_EV_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* The size c2g_msg_put_host() needs at most. */
static size_t c2g_msg_host_size(void)
{
	size_t ev = nla_total_size(0) + 3 * nla_total_size(sizeof(u8)) +
		    nla_total_size(16) + nla_total_size(sizeof(u16)) +
		    nla_total_size(C2G_NAME_MAX + 1) +
		    nla_total_size(C2GUARD_TAG_MAX) +
		    3 * nla_total_size(sizeof(u32)) +
		    2 * nla_total_size_64bit(sizeof(u64));

	return nla_total_size(0) + nla_total_size(sizeof(u8)) +
	       nla_total_size(16) + 2 * nla_total_size_64bit(sizeof(u64)) +
	       2 * nla_total_size(sizeof(u32)) +
	       C2G_HOST_COUNTS * (nla_total_size(0) +
				  2 * nla_total_size(sizeof(u8)) +
				  nla_total_size(sizeof(u32))) +
	       C2GUARD_HOST_EVIDENCE_MAX * ev;
}

/* An inside host and its evidence, as @attrtype (nest of struct host). */
int c2g_msg_put_host(struct sk_buff *skb, int attrtype,
		     const struct c2g_host_view *v)
{
	u8 family = v->key.family, kind, reason;
	struct nlattr *nest;
	unsigned int i;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, C2GUARD_HOST_A_FAMILY, family) ||
	    nla_put(skb, C2GUARD_HOST_A_ADDR, c2g_addr_len(family),
		    v->key.addr) ||
	    nla_put_u64_64bit(skb, C2GUARD_HOST_A_FIRST, v->first,
			      C2GUARD_HOST_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_HOST_A_LAST, v->last,
			      C2GUARD_HOST_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_HOST_A_RISK, v->risk) ||
	    nla_put_u32(skb, C2GUARD_HOST_A_RISK_ALERTS, v->risk_alerts))
		goto cancel;
	for (i = 0; i < C2G_HOST_COUNTS; i++) {
		if (!v->counts[i])
			continue;
		kind = i < C2G_HOST_REASONS ? C2GUARD_EV_ALERT :
		       i == C2G_HOST_REASONS ? C2GUARD_EV_BEACON_NEAR :
					       C2GUARD_EV_DYNDNS;
		reason = i < C2G_HOST_REASONS ? i : 0;
		if (c2g_msg_put_count(skb, kind, reason, v->counts[i]))
			goto cancel;
	}
	for (i = 0; i < v->nev; i++)
		if (c2g_msg_put_ev(skb, &v->ev[i].e))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* One host-allow destination, as C2GUARD_A_HOST. */
int c2g_msg_put_host_allow(struct sk_buff *skb, const struct c2g_quar_pfx *p)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, C2GUARD_A_HOST);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, C2GUARD_HOST_A_FAMILY, p->family) ||
	    nla_put(skb, C2GUARD_HOST_A_ADDR, c2g_addr_len(p->family),
		    p->addr) ||
	    nla_put_u8(skb, C2GUARD_HOST_A_PREFIXLEN, p->plen)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* --- alerts ------------------------------------------------------------ */

static size_t c2g_msg_dnsev_size(void)
{
	return nla_total_size(0) +				/* nest */
	       12 * nla_total_size(sizeof(u32)) +		/* counts */
	       nla_total_size(sizeof(u8)) +			/* score */
	       C2G_DNSB_PARENTS * nla_total_size(C2G_DNSB_PARENT_LEN);
}

/* The evidence of a DNS behaviour alert: the attributes of its reason. */
static int c2g_msg_put_dnsev(struct sk_buff *skb, u8 reason,
			     const struct c2g_dnsb_evidence *ev)
{
	struct nlattr *nest = nla_nest_start(skb, C2GUARD_ALERT_A_DNS);
	unsigned int i;

	if (!nest || nla_put_u32(skb, C2GUARD_DNS_A_WINDOW, ev->window_ms))
		return -EMSGSIZE;
	if (reason == C2GUARD_REASON_FAST_FLUX) {
		if (nla_put_u32(skb, C2GUARD_DNS_A_ADDRS, ev->addrs) ||
		    nla_put_u32(skb, C2GUARD_DNS_A_NETS, ev->nets) ||
		    nla_put_u32(skb, C2GUARD_DNS_A_ANSWERS, ev->answers) ||
		    nla_put_u32(skb, C2GUARD_DNS_A_ROTATIONS, ev->rotations) ||
		    nla_put_u32(skb, C2GUARD_DNS_A_TTL_MIN, ev->ttl_min) ||
		    nla_put_u32(skb, C2GUARD_DNS_A_PER_ANSWER, ev->per_answer))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
		return 0;
	}
	if (nla_put_u32(skb, C2GUARD_DNS_A_NXDOMAIN, ev->nx))
		return -EMSGSIZE;
	if (reason == C2GUARD_REASON_DGA &&
	    (nla_put_u32(skb, C2GUARD_DNS_A_NAMES, ev->names) ||
	     nla_put_u32(skb, C2GUARD_DNS_A_POINTS, ev->points) ||
	     nla_put_u32(skb, C2GUARD_DNS_A_ANSWERED, ev->answered) ||
	     nla_put_u32(skb, C2GUARD_DNS_A_DYNDNS, ev->dyn) ||
	     nla_put_u8(skb, C2GUARD_DNS_A_SCORE, ev->top)))
		return -EMSGSIZE;
	for (i = 0; i < ev->nparents && i < C2G_DNSB_PARENTS; i++)
		if (nla_put_string(skb, C2GUARD_DNS_A_PARENT, ev->parents[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static size_t c2g_alert_size(const struct c2g_hit *hit,
			     const struct c2g_why *why)
{
	return nla_total_size(0) +			/* C2GUARD_A_ALERT */
	       2 * nla_total_size_64bit(sizeof(u64)) +	/* seq, time */
	       3 * nla_total_size(sizeof(u32)) +	/* netns, iif, suppressed */
	       6 * nla_total_size(sizeof(u8)) +		/* family ... reason */
	       2 * nla_total_size(16) +			/* saddr, daddr */
	       2 * nla_total_size(sizeof(u16)) +	/* sport, dport */
	       nla_total_size(C2GUARD_NAME_MAX + 1) +	/* name */
	       (why->fp ? nla_total_size(sizeof(why->fp->ja4)) +
			  nla_total_size(sizeof(why->fp->ja3)) : 0) +
	       (why->url ? nla_total_size(C2GUARD_URL_MAX + 1) : 0) +
	       (why->wire ? 2 * nla_total_size(16) +	/* expected, seen */
			    nla_total_size(C2G_IRC_NICK_MAX + 1) +
			    nla_total_size(C2G_IRC_CHAN_MAX + 1) +
			    nla_total_size(0) : 0) +
	       3 * nla_total_size(sizeof(u32)) +	/* pid, uid, gid */
	       nla_total_size(TASK_COMM_LEN) +		/* comm */
	       nla_total_size_64bit(sizeof(u64)) +	/* cgroup */
	       (hit ? c2g_msg_ind_size(hit->nclaims) : 0) +
	       c2g_msg_chan_size() + c2g_msg_dnsev_size() +
	       (why->host ? c2g_msg_host_size() : 0);
}

/*
 * Who sent a flow the gateway opens (@flow->sk, hook LOCAL_OUT): the
 * socket's owner and cgroup always; the sending task when the hook runs
 * in one (a system call: connect(), sendmsg()), whose process it then is.
 * In softirq (a retransmission by a timer, a segment sent on an ACK) the
 * task at hand is not the sender: no PID, COMM, GID then.
 */
static int c2g_msg_put_proc(struct sk_buff *skb, const struct c2g_flow *flow,
			    struct user_namespace *ns)
{
	struct sock *sk = flow->sk;
	char comm[TASK_COMM_LEN];

	if (!sk || !sk_fullsock(sk))
		return 0;
	if (nla_put_u32(skb, C2GUARD_ALERT_A_UID,
			from_kuid_munged(ns, sk->sk_uid)))
		return -EMSGSIZE;
#if IS_ENABLED(CONFIG_SOCK_CGROUP_DATA)
	if (nla_put_u64_64bit(skb, C2GUARD_ALERT_A_CGROUP,
			      cgroup_id(sock_cgroup_ptr(&sk->sk_cgrp_data)),
			      C2GUARD_ALERT_A_PAD))
		return -EMSGSIZE;
#endif
	if (!in_task())
		return 0;
	get_task_comm(comm, current);
	if (nla_put_u32(skb, C2GUARD_ALERT_A_PID, task_tgid_nr(current)) ||
	    nla_put_string(skb, C2GUARD_ALERT_A_COMM, comm) ||
	    nla_put_u32(skb, C2GUARD_ALERT_A_GID,
			from_kgid_munged(ns, current_fsgid())))
		return -EMSGSIZE;
	return 0;
}

/* What the first bytes of the flow gave away (wire.c). */
static int c2g_msg_put_wire(struct sk_buff *skb, const struct c2g_wire_seen *w)
{
	if ((w->expected &&
	     nla_put_string(skb, C2GUARD_ALERT_A_PROTO_EXPECTED, w->expected)) ||
	    (w->seen && nla_put_string(skb, C2GUARD_ALERT_A_PROTO_SEEN, w->seen)))
		return -EMSGSIZE;
	if (!w->irc)
		return 0;
	if ((w->irc->nick[0] &&
	     nla_put_string(skb, C2GUARD_ALERT_A_IRC_NICK, w->irc->nick)) ||
	    (w->irc->chan[0] &&
	     nla_put_string(skb, C2GUARD_ALERT_A_IRC_CHANNEL, w->irc->chan)) ||
	    (w->irc_port && nla_put_flag(skb, C2GUARD_ALERT_A_IRC_PORT)))
		return -EMSGSIZE;
	return 0;
}

static int c2g_alert_fill(struct sk_buff *skb, const struct c2g_alert_info *a,
			  const struct c2g_flow *flow,
			  const struct c2g_hit *hit)
{
	const struct c2g_why *why = a->why;
	unsigned int alen = c2g_addr_len(flow->family);
	struct nlattr *nest;
	void *hdr;

	hdr = genlmsg_put(skb, 0, 0, &c2g_genl_family, 0, C2GUARD_CMD_ALERT);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, C2GUARD_A_ALERT);
	if (!nest)
		goto cancel;
	if (nla_put_u64_64bit(skb, C2GUARD_ALERT_A_SEQ, a->seq,
			      C2GUARD_ALERT_A_PAD) ||
	    nla_put_u64_64bit(skb, C2GUARD_ALERT_A_TIME, ktime_get_real_ns(),
			      C2GUARD_ALERT_A_PAD) ||
	    nla_put_u32(skb, C2GUARD_ALERT_A_NETNS, a->netns) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_FAMILY, flow->family) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_PROTO, flow->proto) ||
	    nla_put(skb, C2GUARD_ALERT_A_SADDR, alen, flow->saddr) ||
	    nla_put(skb, C2GUARD_ALERT_A_DADDR, alen, flow->daddr) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_HOOK, flow->hook) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_ACTION, a->action) ||
	    nla_put_u8(skb, C2GUARD_ALERT_A_REASON, why->reason) ||
	    nla_put_u32(skb, C2GUARD_ALERT_A_SUPPRESSED, a->suppressed))
		goto cancel;
	if (flow->has_ports &&
	    (nla_put_u16(skb, C2GUARD_ALERT_A_SPORT, ntohs(flow->sport)) ||
	     nla_put_u16(skb, C2GUARD_ALERT_A_DPORT, ntohs(flow->dport))))
		goto cancel;
	if (flow->iif && nla_put_u32(skb, C2GUARD_ALERT_A_IIF, flow->iif))
		goto cancel;
	if (why->dir && nla_put_u8(skb, C2GUARD_ALERT_A_DIR, why->dir))
		goto cancel;
	if (why->name &&
	    nla_put_string(skb, C2GUARD_ALERT_A_NAME, why->name->s))
		goto cancel;
	if (why->fp &&
	    (nla_put_string(skb, C2GUARD_ALERT_A_JA4, why->fp->ja4) ||
	     nla_put_string(skb, C2GUARD_ALERT_A_JA3, why->fp->ja3)))
		goto cancel;
	if (why->wire && c2g_msg_put_wire(skb, why->wire))
		goto cancel;
	if (why->url && nla_put_string(skb, C2GUARD_ALERT_A_URL, why->url))
		goto cancel;
	if (hit && c2g_msg_put_ind(skb, C2GUARD_ALERT_A_IND, hit, false))
		goto cancel;
	if (why->beacon &&
	    c2g_msg_put_chan(skb, C2GUARD_ALERT_A_BEACON, why->beacon))
		goto cancel;
	if (why->dns && c2g_msg_put_dnsev(skb, why->reason, why->dns))
		goto cancel;
	if (why->host &&
	    c2g_msg_put_host(skb, C2GUARD_ALERT_A_HOST, why->host))
		goto cancel;
	if (c2g_msg_put_proc(skb, flow, a->user_ns))
		goto cancel;
	nla_nest_end(skb, nest);
	genlmsg_end(skb, hdr);
	return 0;

cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * The notification of alert @a about @flow (and @hit, NULL for a beacon),
 * or NULL if it could not be built.  Any context, under RCU: the entry and
 * its listings stay valid for the duration.
 */
struct sk_buff *c2g_msg_alert(const struct c2g_alert_info *a,
			      const struct c2g_flow *flow,
			      const struct c2g_hit *hit)
{
	struct sk_buff *skb;

	skb = genlmsg_new(c2g_alert_size(hit, a->why), GFP_ATOMIC);
	if (!skb)
		return NULL;
	if (c2g_alert_fill(skb, a, flow, hit)) {
		nlmsg_free(skb);
		return NULL;
	}
	return skb;
}

/* Does anybody in @net listen to alerts, and may they still be sent? */
bool c2g_msg_listened(struct net *net)
{
	return !READ_ONCE(c2g_msg_stopped) &&
	       genl_has_listeners(&c2g_genl_family, net, 0);
}

/* Send @skb to the alert listeners of @net; a full one sees the gap. */
void c2g_msg_notify(struct net *net, struct sk_buff *skb)
{
	genlmsg_multicast_netns(&c2g_genl_family, net, skb, 0, 0, GFP_ATOMIC);
}

/*
 * Alerts are sent from the hooks, which outlive the family by a little:
 * stop them before the family goes, so that no alert is multicast with
 * group ids the family no longer owns.  The caller waits for a grace
 * period before unregistering.
 */
void c2g_msg_stop(void)
{
	WRITE_ONCE(c2g_msg_stopped, true);
}
