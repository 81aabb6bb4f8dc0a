// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "c2guard": see uapi/linux/c2guard.h for the
 * contract.  Every attribute is validated by a strict policy before a
 * handler runs; handlers add the checks a policy cannot express and say
 * what was wrong in the extended ACK.
 */
#include <linux/socket.h>
#include <net/sock.h>

#include "c2guard.h"
#include "dns.h"
#include "netlink-gen.h"

static struct c2g_net *c2g_info_net(struct genl_info *info)
{
	return c2g_pernet(genl_info_net(info));
}

static int c2g_nl_put_key(struct sk_buff *skb, const struct c2g_ind *ind)
{
	if (ind->type == C2G_K_NAME || ind->type == C2G_K_SUFFIX) {
		if (nla_put_string(skb, C2GUARD_IND_A_DOMAIN, ind->data))
			return -EMSGSIZE;
		if (ind->type == C2G_K_SUFFIX &&
		    nla_put_flag(skb, C2GUARD_IND_A_SUFFIX))
			return -EMSGSIZE;
		return 0;
	}
	if (nla_put_u8(skb, C2GUARD_IND_A_FAMILY, c2g_ind_family(ind)) ||
	    nla_put(skb, C2GUARD_IND_A_ADDR, ind->len, ind->data) ||
	    nla_put_u8(skb, C2GUARD_IND_A_PREFIXLEN, ind->plen))
		return -EMSGSIZE;
	if ((ind->flags & C2G_IND_BOUND) &&
	    nla_put_string(skb, C2GUARD_IND_A_BOUND, c2g_ind_bound_name(ind)))
		return -EMSGSIZE;
	return 0;
}

int c2g_nl_put_ind(struct sk_buff *skb, int attrtype,
		   const struct c2g_ind *ind, bool with_stats)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	if (c2g_nl_put_key(skb, ind) ||
	    nla_put_u8(skb, C2GUARD_IND_A_ACTION, ind->action) ||
	    nla_put_string(skb, C2GUARD_IND_A_TAG, c2g_ind_tag(ind)))
		goto cancel;
	if (with_stats &&
	    (nla_put_u32(skb, C2GUARD_IND_A_TIMEOUT,
			 c2g_ind_timeout_left(ind)) ||
	     nla_put_u64_64bit(skb, C2GUARD_IND_A_HITS,
			       atomic64_read(&ind->hits), C2GUARD_IND_A_PAD)))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;

cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Room for the data a parsed key points to. */
struct c2g_keybuf {
	struct c2g_key key;
	u8 addr[16];
	struct c2g_name name;
};

static int c2g_nl_parse_name(struct nlattr **tb, struct c2g_keybuf *kb,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *attr = tb[C2GUARD_IND_A_DOMAIN];
	int err;

	if (tb[C2GUARD_IND_A_FAMILY] || tb[C2GUARD_IND_A_ADDR] ||
	    tb[C2GUARD_IND_A_PREFIXLEN]) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "an indicator is a domain or an address, not both");
		return -EINVAL;
	}
	err = c2g_name_parse(nla_data(attr), nla_len(attr) - 1, &kb->name,
			     NULL);
	if (err) {
		/*
		 * NL_SET_ERR_MSG wants a literal; the parser's messages are
		 * static strings, which is all extack needs.
		 */
		if (extack) {
			extack->_msg = c2g_name_strerror(err);
			extack->bad_attr = attr;
		}
		return -EINVAL;
	}
	kb->key.type = tb[C2GUARD_IND_A_SUFFIX] ? C2G_K_SUFFIX : C2G_K_NAME;
	kb->key.plen = 0;
	kb->key.len = kb->name.len;
	kb->key.data = kb->name.s;
	return 0;
}

/* Parse the identity of an indicator: an address and prefix, or a name. */
static int c2g_nl_parse_key(struct nlattr **tb, const struct nlattr *nest,
			    struct c2g_keybuf *kb,
			    struct netlink_ext_ack *extack)
{
	unsigned int alen, plen;
	u8 family;

	if (tb[C2GUARD_IND_A_DOMAIN])
		return c2g_nl_parse_name(tb, kb, extack);
	if (tb[C2GUARD_IND_A_SUFFIX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_SUFFIX],
				    "suffix applies to domain indicators only");
		return -EINVAL;
	}
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, C2GUARD_IND_A_FAMILY)) {
		NL_SET_ERR_MSG_MOD(extack, "indicator family (or domain) missing");
		return -EINVAL;
	}
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, C2GUARD_IND_A_ADDR)) {
		NL_SET_ERR_MSG_MOD(extack, "indicator address missing");
		return -EINVAL;
	}

	family = nla_get_u8(tb[C2GUARD_IND_A_FAMILY]);
	if (family != AF_INET && family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_FAMILY],
				    "family must be AF_INET or AF_INET6");
		return -EINVAL;
	}
	alen = c2g_addr_len(family);
	if (nla_len(tb[C2GUARD_IND_A_ADDR]) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_ADDR],
				    "address length does not match family");
		return -EINVAL;
	}
	memset(kb->addr, 0, sizeof(kb->addr));
	nla_memcpy(kb->addr, tb[C2GUARD_IND_A_ADDR], alen);

	plen = alen * 8;
	if (tb[C2GUARD_IND_A_PREFIXLEN]) {
		plen = nla_get_u8(tb[C2GUARD_IND_A_PREFIXLEN]);
		if (plen > alen * 8) {
			NL_SET_ERR_MSG_ATTR(extack,
					    tb[C2GUARD_IND_A_PREFIXLEN],
					    "prefix length too long for family");
			return -EINVAL;
		}
	}
	if (!c2g_prefix_host_bits_clear(kb->addr, alen, plen)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_ADDR],
				    "address has bits set past the prefix length");
		return -EINVAL;
	}
	c2g_key_addr(&kb->key, family, kb->addr, plen);
	return 0;
}

static bool c2g_key_is_host(const struct c2g_key *key)
{
	return (key->type == C2G_K_V4 && key->plen == 32) ||
	       (key->type == C2G_K_V6 && key->plen == 128);
}

static int c2g_nl_parse_ind(struct genl_info *info, struct nlattr **tb)
{
	if (GENL_REQ_ATTR_CHECK(info, C2GUARD_A_IND)) {
		NL_SET_ERR_MSG_MOD(info->extack, "indicator attribute missing");
		return -EINVAL;
	}
	return nla_parse_nested(tb, C2GUARD_IND_A_MAX,
				info->attrs[C2GUARD_A_IND],
				c2guard_ind_input_nl_policy,
				info->extack);
}

static int c2g_nl_ind_add(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_IND_A_MAX + 1];
	u8 action = C2GUARD_ACT_ALERT;
	struct c2g_keybuf kb;
	const char *tag = "";
	u32 timeout = 0;
	bool replace;
	int err;

	err = c2g_nl_parse_ind(info, tb);
	if (err)
		return err;
	err = c2g_nl_parse_key(tb, info->attrs[C2GUARD_A_IND], &kb,
			       info->extack);
	if (err)
		return err;
	if (tb[C2GUARD_IND_A_ACTION])
		action = nla_get_u8(tb[C2GUARD_IND_A_ACTION]);
	if (tb[C2GUARD_IND_A_TAG])
		tag = nla_data(tb[C2GUARD_IND_A_TAG]);
	if (tb[C2GUARD_IND_A_TIMEOUT])
		timeout = nla_get_u32(tb[C2GUARD_IND_A_TIMEOUT]);
	replace = info->attrs[C2GUARD_A_FLAGS] &&
		  (nla_get_u32(info->attrs[C2GUARD_A_FLAGS]) &
		   C2GUARD_F_REPLACE);

	mutex_lock(&cn->lock);
	err = c2g_hooks_enable(cn);
	if (err) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "cannot enable conntrack and hooks in this netns");
		goto out;
	}
	if (kb.key.type == C2G_K_NAME || kb.key.type == C2G_K_SUFFIX) {
		err = c2g_labels_enable(cn);
		if (err) {
			NL_SET_ERR_MSG_MOD(info->extack,
					   "cannot enable conntrack labels in this netns");
			goto out;
		}
	}
	err = c2g_ind_add(cn, &kb.key, action, tag, timeout, replace,
			  info->extack);
	/* An allowlisted destination is not timed: forget its history. */
	if (!err && action == C2GUARD_ACT_ALLOW)
		c2g_beacon_forget_key(cn, &kb.key);
out:
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_ind_del(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_IND_A_MAX + 1];
	struct c2g_keybuf kb;
	int err;

	err = c2g_nl_parse_ind(info, tb);
	if (err)
		return err;
	err = c2g_nl_parse_key(tb, info->attrs[C2GUARD_A_IND], &kb,
			       info->extack);
	if (err)
		return err;

	mutex_lock(&cn->lock);
	err = c2g_ind_del(cn, &kb.key);
	/* Not listed: it may be an address bound from a DNS answer. */
	if (err == -ENOENT && c2g_key_is_host(&kb.key))
		err = c2g_bound_del(cn, &kb.key);
	mutex_unlock(&cn->lock);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "no such indicator");
	return err;
}

static int c2g_nl_ind_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	const char *tag = NULL;

	if (info->attrs[C2GUARD_A_TAG])
		tag = nla_data(info->attrs[C2GUARD_A_TAG]);

	mutex_lock(&cn->lock);
	c2g_ind_flush(cn, tag);
	mutex_unlock(&cn->lock);
	return 0;
}

/*
 * Dumps walk the table with an rhashtable iterator kept across calls, then
 * the table of bound addresses with the same iterator.  The walker
 * tolerates concurrent changes and rehashes; what it cannot promise (no
 * entry seen twice or missed) is covered by the consistency check: cb->seq
 * follows the table generation and the walker's restarts, so any of them
 * between two parts of the dump, or before NLMSG_DONE, flags the following
 * message with NLM_F_DUMP_INTR.  Bound addresses come and go with DNS
 * traffic; their part of the dump is a live view, not covered by the
 * check (or no dump would ever finish on a busy resolver's gateway).
 *
 * cb->args: [0] the iterator, [1] restarts seen, [2] 1 once on the bound
 * table.
 */
static int c2g_nl_walk_start(struct netlink_callback *cb,
			     struct rhashtable *ht)
{
	struct rhashtable_iter *iter;

	iter = kmalloc(sizeof(*iter), GFP_KERNEL);
	if (!iter)
		return -ENOMEM;
	rhashtable_walk_enter(ht, iter);
	cb->args[0] = (long)iter;
	return 0;
}

static int c2g_nl_dump_start(struct netlink_callback *cb)
{
	return c2g_nl_walk_start(cb, &c2g_pernet(sock_net(cb->skb->sk))->table);
}

/* The beacon channels (channel.c): cb->args[0] is the iterator. */
static int c2g_nl_beacon_start(struct netlink_callback *cb)
{
	return c2g_nl_walk_start(cb, &c2g_pernet(sock_net(cb->skb->sk))->chans);
}

static int c2g_nl_dump_done(struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];

	if (iter) {
		rhashtable_walk_exit(iter);
		kfree(iter);
	}
	return 0;
}

/*
 * The dump's consistency token: the table generation plus the number of
 * times a rehash restarted the walk (cb->args[1]), which can repeat entries
 * without any change to the table.  Never 0: the netlink core reads 0 as
 * "no generation yet".
 */
static u32 c2g_dump_seq(struct c2g_net *cn, struct netlink_callback *cb)
{
	return ((READ_ONCE(cn->generation) + (u32)cb->args[1]) << 1) | 1;
}

static int c2g_nl_ind_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];
	struct c2g_net *cn = c2g_pernet(sock_net(skb->sk));
	struct c2g_ind *ind;
	void *hdr;

	if (rhashtable_walk_start_check(iter) == -EAGAIN && !cb->args[2])
		cb->args[1]++;
	cb->seq = c2g_dump_seq(cn, cb);
	ind = rhashtable_walk_peek(iter);
	for (;;) {
		if (!ind) {
			if (cb->args[2])
				break;
			/* On to the bound addresses. */
			rhashtable_walk_stop(iter);
			rhashtable_walk_exit(iter);
			rhashtable_walk_enter(&cn->bound, iter);
			cb->args[2] = 1;
			rhashtable_walk_start(iter);
			ind = rhashtable_walk_peek(iter);
			continue;
		}
		if (IS_ERR(ind)) {
			if (PTR_ERR(ind) != -EAGAIN)
				break;
			if (!cb->args[2])
				cb->args[1]++;
			cb->seq = c2g_dump_seq(cn, cb);
			ind = rhashtable_walk_next(iter);
			continue;
		}
		if (!c2g_ind_expired(ind)) {
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq,
					  &c2g_genl_family, NLM_F_MULTI,
					  C2GUARD_CMD_IND_GET);
			if (!hdr)
				break;
			nl_dump_check_consistent(cb, genlmsg_nlhdr(hdr));
			if (c2g_nl_put_ind(skb, C2GUARD_A_IND, ind, true)) {
				genlmsg_cancel(skb, hdr);
				break;
			}
			genlmsg_end(skb, hdr);
		}
		ind = rhashtable_walk_next(iter);
	}
	rhashtable_walk_stop(iter);
	cb->seq = c2g_dump_seq(cn, cb);
	/* The entry that did not fit is peeked again next time. */
	return ind ? skb->len : 0;
}

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
};

static int c2g_nl_status(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct c2g_stats sum = {};
	struct sk_buff *msg;
	struct nlattr *nest;
	u32 v4, v6, names, bound, gen, chans, srcs;
	u64 seq, mem, bmem;
	void *hdr;
	int cpu, i;

	for_each_possible_cpu(cpu) {
		const struct c2g_stats *s = per_cpu_ptr(cn->stats, cpu);

		for (i = 0; i < C2G_STAT_MAX; i++)
			sum.v[i] += READ_ONCE(s->v[i]);
	}
	mutex_lock(&cn->lock);
	v4 = cn->count[C2G_K_V4];
	v6 = cn->count[C2G_K_V6];
	names = cn->count[C2G_K_NAME] + cn->count[C2G_K_SUFFIX];
	bound = READ_ONCE(cn->bound_count);
	gen = cn->generation;
	mem = c2g_table_mem(cn);
	mutex_unlock(&cn->lock);
	spin_lock_bh(&cn->alert_lock);
	seq = cn->alert_seq;
	spin_unlock_bh(&cn->alert_lock);
	c2g_beacon_counts(cn, &chans, &srcs, &bmem);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &c2g_genl_family, 0,
				C2GUARD_CMD_STATUS_GET);
	if (!hdr)
		goto nomem;
	nest = nla_nest_start(msg, C2GUARD_A_STATUS);
	if (!nest)
		goto nomem;
	if (nla_put_string(msg, C2GUARD_STATUS_A_VERSION, C2GUARD_VERSION) ||
	    nla_put_u64_64bit(msg, C2GUARD_STATUS_A_FEATURES,
			      C2GUARD_FEAT_IPV4 | C2GUARD_FEAT_IPV6 |
			      C2GUARD_FEAT_TIMEOUT | C2GUARD_FEAT_REJECT |
			      C2GUARD_FEAT_MARK | C2GUARD_FEAT_DOMAIN |
			      C2GUARD_FEAT_ALLOW | C2GUARD_FEAT_DNS_BIND |
			      C2GUARD_FEAT_BEACON,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u32(msg, C2GUARD_STATUS_A_BEACON_CHANNELS, chans) ||
	    nla_put_u32(msg, C2GUARD_STATUS_A_BEACON_SOURCES, srcs) ||
	    nla_put_u64_64bit(msg, C2GUARD_STATUS_A_BEACON_MEM, bmem,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u32(msg, C2GUARD_STATUS_A_IND_V4, v4) ||
	    nla_put_u32(msg, C2GUARD_STATUS_A_IND_V6, v6) ||
	    nla_put_u32(msg, C2GUARD_STATUS_A_IND_NAMES, names) ||
	    nla_put_u32(msg, C2GUARD_STATUS_A_BOUND, bound) ||
	    nla_put_u32(msg, C2GUARD_STATUS_A_GENERATION, gen) ||
	    nla_put_u64_64bit(msg, C2GUARD_STATUS_A_ALERT_SEQ, seq,
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(msg, C2GUARD_STATUS_A_EXPIRED,
			      atomic64_read(&cn->expired),
			      C2GUARD_STATUS_A_PAD) ||
	    nla_put_u64_64bit(msg, C2GUARD_STATUS_A_MEM, mem,
			      C2GUARD_STATUS_A_PAD))
		goto nomem;
	for (i = 0; i < C2G_STAT_MAX; i++)
		if (nla_put_u64_64bit(msg, c2g_stat_attr[i], sum.v[i],
				      C2GUARD_STATUS_A_PAD))
			goto nomem;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nomem:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int c2g_nl_config_get(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	const struct c2g_bcfg *bc;
	struct sk_buff *msg;
	struct nlattr *nest;
	u32 rate, burst;
	void *hdr;
	u64 mark;

	mark = READ_ONCE(cn->mark);
	spin_lock_bh(&cn->alert_lock);
	rate = cn->alert_rate;
	burst = cn->alert_burst;
	spin_unlock_bh(&cn->alert_lock);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &c2g_genl_family, 0,
				C2GUARD_CMD_CONFIG_GET);
	if (!hdr)
		goto nomem;
	nest = nla_nest_start(msg, C2GUARD_A_CONFIG);
	if (!nest ||
	    nla_put_u32(msg, C2GUARD_CFG_A_MARK_VALUE, upper_32_bits(mark)) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_MARK_MASK, lower_32_bits(mark)) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_ALERT_RATE, rate) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_ALERT_BURST, burst) ||
	    nla_put_u16(msg, C2GUARD_CFG_A_DNS_PORT, READ_ONCE(cn->dns_port)) ||
	    nla_put_u8(msg, C2GUARD_CFG_A_DNS_RCODE, READ_ONCE(cn->dns_rcode)) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BIND_TTL_MIN,
			READ_ONCE(cn->bind_ttl_min)) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BIND_TTL_MAX,
			READ_ONCE(cn->bind_ttl_max)) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BIND_MAX, READ_ONCE(cn->bind_max)))
		goto nomem;
	mutex_lock(&cn->lock);
	bc = c2g_beacon_cfg(cn);
	if (nla_put_u8(msg, C2GUARD_CFG_A_BEACON, cn->beacon_on) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_RETRY, bc->p.retry_ms) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_IDLE, bc->idle_ms) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_SILENCE, bc->p.silence_ms) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_HOLDDOWN,
			bc->p.holddown_ms) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_WINDOW, bc->p.window) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_MIN_GAPS, bc->p.min_gaps) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_THRESHOLD,
			bc->p.threshold) ||
	    nla_put_u32(msg, C2GUARD_CFG_A_BEACON_MAX, bc->max) ||
	    nla_put_u8(msg, C2GUARD_CFG_A_BEACON_ACTION, bc->action) ||
	    nla_put(msg, C2GUARD_CFG_A_BEACON_ALLOW_PORTS,
		    bc->nports * sizeof(u32), bc->ports)) {
		mutex_unlock(&cn->lock);
		goto nomem;
	}
	mutex_unlock(&cn->lock);
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nomem:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/*
 * The beacon settings of @tb over the current ones, into a new copy in
 * *@out; checked as a whole.
 */
static int c2g_nl_beacon_cfg(struct c2g_net *cn, struct nlattr **tb,
			     struct c2g_bcfg **out,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *ports = tb[C2GUARD_CFG_A_BEACON_ALLOW_PORTS];
	struct c2g_bcfg *bc;
	unsigned int i, j;
	u32 e;

	lockdep_assert_held(&cn->lock);

	bc = kmemdup(c2g_beacon_cfg(cn), sizeof(*bc), GFP_KERNEL);
	if (!bc)
		return -ENOMEM;
	if (tb[C2GUARD_CFG_A_BEACON_RETRY])
		bc->p.retry_ms = nla_get_u32(tb[C2GUARD_CFG_A_BEACON_RETRY]);
	if (tb[C2GUARD_CFG_A_BEACON_IDLE])
		bc->idle_ms = nla_get_u32(tb[C2GUARD_CFG_A_BEACON_IDLE]);
	if (tb[C2GUARD_CFG_A_BEACON_SILENCE])
		bc->p.silence_ms =
			nla_get_u32(tb[C2GUARD_CFG_A_BEACON_SILENCE]);
	if (tb[C2GUARD_CFG_A_BEACON_HOLDDOWN])
		bc->p.holddown_ms =
			nla_get_u32(tb[C2GUARD_CFG_A_BEACON_HOLDDOWN]);
	if (tb[C2GUARD_CFG_A_BEACON_WINDOW])
		bc->p.window = nla_get_u32(tb[C2GUARD_CFG_A_BEACON_WINDOW]);
	if (tb[C2GUARD_CFG_A_BEACON_MIN_GAPS])
		bc->p.min_gaps =
			nla_get_u32(tb[C2GUARD_CFG_A_BEACON_MIN_GAPS]);
	if (tb[C2GUARD_CFG_A_BEACON_THRESHOLD])
		bc->p.threshold =
			nla_get_u32(tb[C2GUARD_CFG_A_BEACON_THRESHOLD]);
	if (tb[C2GUARD_CFG_A_BEACON_MAX])
		bc->max = nla_get_u32(tb[C2GUARD_CFG_A_BEACON_MAX]);
	if (tb[C2GUARD_CFG_A_BEACON_ACTION])
		bc->action = nla_get_u8(tb[C2GUARD_CFG_A_BEACON_ACTION]);
	if (bc->p.silence_ms <= bc->p.retry_ms) {
		NL_SET_ERR_MSG_ATTR(extack,
				    tb[C2GUARD_CFG_A_BEACON_SILENCE] ?:
				    tb[C2GUARD_CFG_A_BEACON_RETRY],
				    "beacon silence must be longer than the retry time");
		goto inval;
	}
	if (bc->p.window < bc->p.min_gaps) {
		NL_SET_ERR_MSG_ATTR(extack,
				    tb[C2GUARD_CFG_A_BEACON_WINDOW] ?:
				    tb[C2GUARD_CFG_A_BEACON_MIN_GAPS],
				    "beacon window smaller than its minimum gaps");
		goto inval;
	}
	if (ports) {
		if (nla_len(ports) % sizeof(u32)) {
			NL_SET_ERR_MSG_ATTR(extack, ports,
					    "allow ports: not an array of u32");
			goto inval;
		}
		bc->nports = nla_len(ports) / sizeof(u32);
		memcpy(bc->ports, nla_data(ports), nla_len(ports));
		for (i = 0; i < bc->nports; i++) {
			e = bc->ports[i];
			if (!(e & 0xffff) ||
			    ((e >> 16) && (e >> 16) != IPPROTO_TCP &&
			     (e >> 16) != IPPROTO_UDP)) {
				NL_SET_ERR_MSG_ATTR(extack, ports,
						    "allow ports: port 0 or protocol not TCP, UDP or 0");
				goto inval;
			}
			for (j = 0; j < i; j++)
				if (bc->ports[j] == e) {
					NL_SET_ERR_MSG_ATTR(extack, ports,
							    "allow ports: duplicate entry");
					goto inval;
				}
		}
	}
	if (c2g_beacon_params_check(&bc->p)) {
		NL_SET_ERR_MSG_MOD(extack, "beacon settings out of range");
		goto inval;
	}
	*out = bc;
	return 0;
inval:
	kfree(bc);
	return -EINVAL;
}

/*
 * Settings not present keep their value; everything is checked before
 * anything changes, so a refused request changes nothing.
 */
static int c2g_nl_config_set(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_CFG_A_MAX + 1];
	struct netlink_ext_ack *extack = info->extack;
	u32 value, mask, rate, burst, lo, hi;
	struct c2g_bcfg *bc;
	bool beacon;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, C2GUARD_A_CONFIG)) {
		NL_SET_ERR_MSG_MOD(extack, "config attribute missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, C2GUARD_CFG_A_MAX,
			       info->attrs[C2GUARD_A_CONFIG],
			       c2guard_cfg_nl_policy,
			       extack);
	if (err)
		return err;
	if (tb[C2GUARD_CFG_A_DNS_RCODE] &&
	    nla_get_u8(tb[C2GUARD_CFG_A_DNS_RCODE]) != C2G_DNS_RCODE_NXDOMAIN &&
	    nla_get_u8(tb[C2GUARD_CFG_A_DNS_RCODE]) != C2G_DNS_RCODE_REFUSED) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_CFG_A_DNS_RCODE],
				    "DNS rcode must be 3 (NXDOMAIN) or 5 (REFUSED)");
		return -EINVAL;
	}

	mutex_lock(&cn->lock);
	value = upper_32_bits(cn->mark);
	mask = lower_32_bits(cn->mark);
	if (tb[C2GUARD_CFG_A_MARK_VALUE])
		value = nla_get_u32(tb[C2GUARD_CFG_A_MARK_VALUE]);
	if (tb[C2GUARD_CFG_A_MARK_MASK])
		mask = nla_get_u32(tb[C2GUARD_CFG_A_MARK_MASK]);
	if (value & ~mask) {
		NL_SET_ERR_MSG_ATTR(extack,
				    tb[C2GUARD_CFG_A_MARK_VALUE] ?:
				    tb[C2GUARD_CFG_A_MARK_MASK],
				    "mark value has bits outside the mark mask");
		err = -EINVAL;
		goto out;
	}
	lo = cn->bind_ttl_min;
	hi = cn->bind_ttl_max;
	if (tb[C2GUARD_CFG_A_BIND_TTL_MIN])
		lo = nla_get_u32(tb[C2GUARD_CFG_A_BIND_TTL_MIN]);
	if (tb[C2GUARD_CFG_A_BIND_TTL_MAX])
		hi = nla_get_u32(tb[C2GUARD_CFG_A_BIND_TTL_MAX]);
	if (lo > hi) {
		NL_SET_ERR_MSG_ATTR(extack,
				    tb[C2GUARD_CFG_A_BIND_TTL_MAX] ?:
				    tb[C2GUARD_CFG_A_BIND_TTL_MIN],
				    "bind TTL minimum above maximum");
		err = -EINVAL;
		goto out;
	}
	err = c2g_nl_beacon_cfg(cn, tb, &bc, extack);
	if (err)
		goto out;
	beacon = cn->beacon_on;
	if (tb[C2GUARD_CFG_A_BEACON])
		beacon = nla_get_u8(tb[C2GUARD_CFG_A_BEACON]);
	/* Last check that can fail: nothing has changed yet. */
	err = c2g_beacon_configure(cn, bc, beacon);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack,
				   "cannot enable conntrack, hooks and labels in this netns");
		goto out;
	}

	WRITE_ONCE(cn->mark, ((u64)value << 32) | mask);
	WRITE_ONCE(cn->bind_ttl_min, lo);
	WRITE_ONCE(cn->bind_ttl_max, hi);
	if (tb[C2GUARD_CFG_A_BIND_MAX])
		WRITE_ONCE(cn->bind_max,
			   nla_get_u32(tb[C2GUARD_CFG_A_BIND_MAX]));
	if (tb[C2GUARD_CFG_A_DNS_PORT])
		WRITE_ONCE(cn->dns_port,
			   nla_get_u16(tb[C2GUARD_CFG_A_DNS_PORT]));
	if (tb[C2GUARD_CFG_A_DNS_RCODE])
		WRITE_ONCE(cn->dns_rcode,
			   nla_get_u8(tb[C2GUARD_CFG_A_DNS_RCODE]));
	if (tb[C2GUARD_CFG_A_ALERT_RATE] || tb[C2GUARD_CFG_A_ALERT_BURST]) {
		spin_lock_bh(&cn->alert_lock);
		rate = cn->alert_rate;
		burst = cn->alert_burst;
		spin_unlock_bh(&cn->alert_lock);
		if (tb[C2GUARD_CFG_A_ALERT_RATE])
			rate = nla_get_u32(tb[C2GUARD_CFG_A_ALERT_RATE]);
		if (tb[C2GUARD_CFG_A_ALERT_BURST])
			burst = nla_get_u32(tb[C2GUARD_CFG_A_ALERT_BURST]);
		c2g_alert_set_rate(cn, rate, burst);
	}
out:
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_beacon_flush(struct sk_buff *skb, struct genl_info *info)
{
	c2g_beacon_flush(c2g_info_net(info));
	return 0;
}

static const struct genl_ops c2g_genl_ops[] = {
	{
		.cmd = C2GUARD_CMD_STATUS_GET,
		.doit = c2g_nl_status,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_IND_ADD,
		.doit = c2g_nl_ind_add,
		.policy = c2guard_ind_add_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_IND_DEL,
		.doit = c2g_nl_ind_del,
		.policy = c2guard_ind_del_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_IND_FLUSH,
		.doit = c2g_nl_ind_flush,
		.policy = c2guard_ind_flush_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_IND_GET,
		.start = c2g_nl_dump_start,
		.dumpit = c2g_nl_ind_dump,
		.done = c2g_nl_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_CONFIG_GET,
		.doit = c2g_nl_config_get,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_CONFIG_SET,
		.doit = c2g_nl_config_set,
		.policy = c2guard_config_set_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_BEACON_GET,
		.start = c2g_nl_beacon_start,
		.dumpit = c2g_beacon_dump,
		.done = c2g_nl_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_BEACON_FLUSH,
		.doit = c2g_nl_beacon_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group c2g_mcgrps[] = {
	{ .name = C2GUARD_MCGRP_ALERTS, .flags = GENL_MCAST_CAP_NET_ADMIN },
};

struct genl_family c2g_genl_family __ro_after_init = {
	.name = C2GUARD_GENL_NAME,
	.version = C2GUARD_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	/* Strict checking of headers, flags and attributes for all commands. */
	.resv_start_op = C2GUARD_CMD_STATUS_GET,
	.ops = c2g_genl_ops,
	.n_ops = ARRAY_SIZE(c2g_genl_ops),
	.mcgrps = c2g_mcgrps,
	.n_mcgrps = ARRAY_SIZE(c2g_mcgrps),
	.module = THIS_MODULE,
};

int __init c2g_genl_init(void)
{
	return genl_register_family(&c2g_genl_family);
}

bool c2g_genl_closing __read_mostly;

/*
 * Alerts are sent from the hooks, which outlive the family by a little:
 * stop them first, so that no alert is multicast with group ids the family
 * no longer owns.
 */
void c2g_genl_uninit(void)
{
	WRITE_ONCE(c2g_genl_closing, true);
	synchronize_net();
	genl_unregister_family(&c2g_genl_family);
}
