// SPDX-License-Identifier: GPL-2.0
/*
 * Verdicts: a stage that found a match hands it here.  c2g_verdict_report()
 * counts it and raises its alert, once per flow and indicator;
 * c2g_verdict_apply() applies the action to the packet in hand.
 *
 * Once per flow, not per packet
 * -----------------------------
 * A DROP or REJECT verdict frees the flow's unconfirmed conntrack entry
 * with its packet, so a retransmitted SYN or a retried datagram is a new
 * first packet, looked up and verdicted again: it must count as a repeat,
 * not as a new match.  The conntrack entry is gone, so the memory of what
 * was reported lives here: a per-netns array of C2G_MEMO_SLOTS words, each
 * holding 32 bits of a keyed hash of (flow 5-tuple, indicator) and the
 * time of its report.  A report within C2G_REPEAT_WINDOW of an identical
 * one is a repeat.  Slots are read and written without a lock, a word at
 * a time: two flows sharing a slot, or a lost race, cost at most an extra
 * alert, never a missed one (a stale slot only ever says "new").  The hash
 * key is random per netns, so which flows share a slot cannot be chosen
 * from outside.
 */
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/netfilter/nf_conntrack_ecache.h>

#include "c2guard.h"
#include "reject.h"
#include "verdict.h"

#define C2G_MEMO_SLOTS		1024
#define C2G_REPEAT_WINDOW	(60 * HZ)

int c2g_verdicts_init(struct c2g_net *cn)
{
	struct c2g_verdicts *v = &cn->verdicts;

	v->mark = ((u64)C2GUARD_DEFAULT_MARK_VALUE << 32) |
		  C2GUARD_DEFAULT_MARK_MASK;
	get_random_bytes(&v->memo_key, sizeof(v->memo_key));
	v->memo = kcalloc(C2G_MEMO_SLOTS, sizeof(*v->memo), GFP_KERNEL);
	return v->memo ? 0 : -ENOMEM;
}

void c2g_verdicts_destroy(struct c2g_net *cn)
{
	kfree(cn->verdicts.memo);
}

/*
 * What identifies a report: the flow's 5-tuple and the indicator, by its
 * key (a key moves from the table's hash into its snapshot a moment after
 * it is added, so its place would not do).
 */
struct c2g_memo_key {
	u8 saddr[16];
	u8 daddr[16];
	__be16 sport;
	__be16 dport;
	u8 family;
	u8 proto;
	u8 ind_type;
	u8 ind_plen;
	u8 ind_flags;
	u8 pad[3];
	u32 ind;		/* hash of the indicator's key */
};

/*
 * Note the report of indicator @hit for @f; false if an identical one was
 * noted less than C2G_REPEAT_WINDOW ago.
 */
static bool c2g_verdict_first(struct c2g_net *cn, const struct c2g_flow *f,
			      const struct c2g_hit *hit)
{
	struct c2g_verdicts *v = &cn->verdicts;
	struct c2g_memo_key k;
	u32 now = (u32)jiffies, check;
	atomic64_t *slot;
	u64 h, old;

	memset(&k, 0, sizeof(k));
	memcpy(k.saddr, f->saddr, sizeof(k.saddr));
	memcpy(k.daddr, f->daddr, sizeof(k.daddr));
	k.sport = f->sport;
	k.dport = f->dport;
	k.family = f->family;
	k.proto = f->proto;
	k.ind_type = hit->type;
	k.ind_plen = hit->plen;
	k.ind_flags = hit->flags;
	k.ind = jhash(hit->data, hit->len, hit->len);
	h = siphash(&k, sizeof(k), &v->memo_key);
	slot = &v->memo[h & (C2G_MEMO_SLOTS - 1)];
	check = (u32)(h >> 32) | 1;	/* an empty slot (0) matches nothing */

	old = atomic64_read(slot);
	if ((u32)(old >> 32) == check && now - (u32)old < C2G_REPEAT_WINDOW)
		return false;
	atomic64_set(slot, (u64)check << 32 | now);
	return true;
}

/*
 * The inside host of an alert about @flow: its originator, or the
 * responder of a flow a listed address opened (DIR_FROM_IND).
 */
static const u8 *c2g_verdict_inside(const struct c2g_flow *flow, u8 dir)
{
	return dir == C2GUARD_DIR_FROM_IND ? flow->daddr : flow->saddr;
}

/*
 * QUARANTINE: the inside host @host of @flow goes into quarantine (see
 * quarantine.c), for the evidence of the alert numbered @seq.  A gateway
 * address is refused there (counted): the flow itself is still rejected.
 */
static void c2g_verdict_contain(struct c2g_net *cn, const struct c2g_flow *flow,
				const u8 *host, const struct c2g_hit *hit,
				const struct c2g_why *why, u64 seq)
{
	struct c2g_quar_why qw = {
		.reason = why->reason,
		.alert_seq = seq,
		.tag = hit && hit->claim ? hit->claim->attr->tag : NULL,
		.name = why->name,
	};

	c2g_quar_add(&cn->quar, flow->family, host, -1, &qw, GFP_ATOMIC, NULL);
}

/*
 * Evidence @n about the inside host @host of @flow (hosts.c); if the
 * host's risk reaches host-threshold with it, the host-risk alert, and
 * host-action.  Host-risk alerts are no evidence themselves.
 */
static void c2g_verdict_host(struct c2g_net *cn, const struct c2g_flow *flow,
			     const u8 *host, const struct c2g_host_note *n)
{
	struct c2g_host_view *v;
	struct c2g_why why = {
		.reason = C2GUARD_REASON_HOST_RISK,
		.dir = C2GUARD_DIR_NONE,
	};
	u8 action;
	u64 seq;

	v = c2g_hosts_note(&cn->hosts, flow->family, host, n);
	if (!v)
		return;
	why.host = v;
	action = READ_ONCE(cn->hosts.action);
	c2g_stat_inc(cn, C2G_STAT_HOST_RISK_ALERTS);
	seq = c2g_alert(&cn->alerts, flow, NULL, action, &why);
	if (action == C2GUARD_ACT_QUARANTINE)
		c2g_verdict_contain(cn, flow, host, NULL, &why, seq);
	kfree(v);
}

/*
 * A weak signal of a detector about the inside host of @flow, its
 * originator: a piece of evidence that raises no alert of its own.
 * Under RCU.
 */
void c2g_verdict_evidence(struct c2g_net *cn, const struct c2g_flow *flow,
			  const struct c2g_host_note *n)
{
	if (c2g_hosts_on(&cn->hosts))
		c2g_verdict_host(cn, flow, flow->saddr, n);
}

/*
 * An alert as evidence about its inside host.  Its remote end is part of
 * the evidence where it is the other party (not the resolver of a DNS
 * flow); a beacon's port and protocol too, for an address channel.
 */
static void c2g_verdict_note(struct c2g_net *cn, const struct c2g_flow *flow,
			     const struct c2g_hit *hit,
			     const struct c2g_why *why)
{
	u16 dns = READ_ONCE(cn->names.dns_port);
	struct c2g_host_note n = {
		.kind = C2GUARD_EV_ALERT,
		.reason = why->reason,
		.family = flow->family,
		.tag = hit ? hit->claim->attr->tag : NULL,
		.name = why->name,
	};
	bool remote;

	switch (why->reason) {
	case C2GUARD_REASON_IP:
	case C2GUARD_REASON_TLS_SNI:
	case C2GUARD_REASON_QUIC_SNI:
	case C2GUARD_REASON_HTTP_HOST:
	case C2GUARD_REASON_JA4:
	case C2GUARD_REASON_HTTP_URL:
		remote = true;
		break;
	case C2GUARD_REASON_DNS_ANSWER:
		remote = !flow->has_ports || (ntohs(flow->dport) != dns &&
					      ntohs(flow->sport) != dns);
		break;
	case C2GUARD_REASON_BEACON:
		remote = !why->name;
		if (remote && flow->has_ports) {
			n.port = flow->dport;
			n.proto = flow->proto;
		}
		if (why->beacon)
			n.value = why->beacon->s.score;
		break;
	default:
		remote = false;
		break;
	}
	if (remote)
		n.addr = why->dir == C2GUARD_DIR_FROM_IND ? flow->saddr :
							    flow->daddr;
	c2g_verdict_host(cn, flow, c2g_verdict_inside(flow, why->dir), &n);
}

/*
 * Raise the alert of a match or a detector and, for QUARANTINE, contain
 * the flow's inside host; the alert is evidence about that host.  Under
 * RCU.
 */
void c2g_verdict_alert(struct c2g_net *cn, const struct c2g_flow *flow,
		       const struct c2g_hit *hit, u8 action,
		       const struct c2g_why *why)
{
	u64 seq = c2g_alert(&cn->alerts, flow, hit, action, why);

	if (action == C2GUARD_ACT_QUARANTINE)
		c2g_verdict_contain(cn, flow,
				    c2g_verdict_inside(flow, why->dir), hit,
				    why, seq);
	if (c2g_hosts_on(&cn->hosts))
		c2g_verdict_note(cn, flow, hit, why);
}

/*
 * A match of @hit by @flow: count it and alert, once per flow and
 * indicator; return the action to take.  An allowlist entry only counts.
 * A repeat of a QUARANTINE match quarantines the host again: it may have
 * been released since, and still calls out.  Under RCU.
 */
u8 c2g_verdict_report(struct c2g_net *cn, const struct c2g_flow *flow,
		      const struct c2g_hit *hit, const struct c2g_why *why)
{
	u8 action = c2g_hit_action(hit);

	if (action == C2GUARD_ACT_ALLOW) {
		c2g_stat_inc(cn, C2G_STAT_ALLOWED);
		return action;
	}
	if (c2g_verdict_first(cn, flow, hit)) {
		atomic64_inc(hit->hits);
		c2g_stat_inc(cn, C2G_STAT_MATCHES);
		c2g_verdict_alert(cn, flow, hit, action, why);
	} else {
		c2g_stat_inc(cn, C2G_STAT_REPEATS);
		if (action == C2GUARD_ACT_QUARANTINE)
			c2g_verdict_contain(cn, flow,
					    c2g_verdict_inside(flow, why->dir),
					    hit, why, 0);
	}
	return action;
}

/*
 * MARK: write the configured bits into the conntrack mark, which every
 * later packet of the flow carries; a packet without conntrack gets them in
 * its skb mark instead.  On the first packet the entry is unconfirmed and
 * nobody else writes it; later, a concurrent writer of other mark bits may
 * lose its change, as with any two writers of ct mark.
 */
static void c2g_verdict_mark(struct c2g_net *cn, struct c2g_pkt *pkt)
{
	u64 m = READ_ONCE(cn->verdicts.mark);
	u32 value = upper_32_bits(m), mask = lower_32_bits(m);
	struct sk_buff *skb = pkt->skb;

#if IS_ENABLED(CONFIG_NF_CONNTRACK_MARK)
	struct nf_conn *ct = pkt->ct;

	if (ct) {
		u32 old = READ_ONCE(ct->mark), new = (old & ~mask) | value;

		if (new != old) {
			WRITE_ONCE(ct->mark, new);
			nf_conntrack_event_cache(IPCT_MARK, ct);
		}
		return;
	}
#endif
	skb->mark = (skb->mark & ~mask) | value;
}

/* Apply @action to the packet in hand: the netfilter verdict for it. */
unsigned int c2g_verdict_apply(struct c2g_net *cn, struct c2g_pkt *pkt,
			       u8 action)
{
	switch (action) {
	case C2GUARD_ACT_DROP:
		c2g_stat_inc(cn, C2G_STAT_DROPPED);
		return NF_DROP;
	case C2GUARD_ACT_REJECT:
	case C2GUARD_ACT_QUARANTINE:
		c2g_reject(pkt->skb, c2g_pkt_flow(pkt), pkt->state);
		c2g_stat_inc(cn, C2G_STAT_REJECTED);
		c2g_stat_inc(cn, C2G_STAT_DROPPED);
		return NF_DROP;
	case C2GUARD_ACT_MARK:
		c2g_verdict_mark(cn, pkt);
		c2g_stat_inc(cn, C2G_STAT_MARKED);
		break;
	}
	return NF_ACCEPT;
}
