// SPDX-License-Identifier: GPL-2.0
/*
 * The requests of the generic netlink family "c2guard": see
 * uapi/linux/c2guard.h for the contract.  Every attribute is validated by a
 * strict policy before a handler runs; handlers add the checks a policy
 * cannot express and say what was wrong in the extended ACK.  The messages
 * they answer with are built by msg.c.
 */
#include <linux/socket.h>
#include <net/sock.h>

#include "addr.h"
#include "c2guard.h"
#include "dns.h"
#include "hello.h"
#include "hooks.h"
#include "http.h"
#include "msg.h"
#include "netlink.h"
#include "netlink-gen.h"

static struct c2g_net *c2g_info_net(struct genl_info *info)
{
	return c2g_pernet(genl_info_net(info));
}

/* Room for the data a parsed key points to. */
struct c2g_keybuf {
	struct c2g_key key;
	u8 addr[16 + C2G_PORT_KEY_EXTRA];
	struct c2g_name name;
	char url[C2GUARD_URL_MAX + 1];
	struct c2g_url u;		/* the URL key's parts (IND_TEST) */
};

/* The name parser's message for @err, in the extended ACK. */
static void c2g_nl_name_error(struct netlink_ext_ack *extack,
			      const struct nlattr *attr, int err)
{
	switch (err) {
	case C2G_NAME_EMPTY:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_NAME_MSG_EMPTY);
		break;
	case C2G_NAME_TOO_LONG:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_NAME_MSG_TOO_LONG);
		break;
	case C2G_NAME_LABEL_EMPTY:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_NAME_MSG_LABEL_EMPTY);
		break;
	case C2G_NAME_LABEL_LONG:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_NAME_MSG_LABEL_LONG);
		break;
	case C2G_NAME_BAD_CHAR:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_NAME_MSG_BAD_CHAR);
		break;
	case C2G_NAME_WILDCARD:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_NAME_MSG_WILDCARD);
		break;
	case C2G_NAME_NUMERIC:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_NAME_MSG_NUMERIC);
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, attr, "invalid domain name");
		break;
	}
}

static int c2g_nl_parse_name(struct nlattr **tb, struct c2g_keybuf *kb,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *attr = tb[C2GUARD_IND_A_DOMAIN];
	int err;

	if (tb[C2GUARD_IND_A_FAMILY] || tb[C2GUARD_IND_A_ADDR] ||
	    tb[C2GUARD_IND_A_PREFIXLEN] || tb[C2GUARD_IND_A_PORT] ||
	    tb[C2GUARD_IND_A_PROTO] || tb[C2GUARD_IND_A_ANSWER]) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "an indicator is a domain or an address, not both");
		return -EINVAL;
	}
	err = c2g_name_parse(nla_data(attr), nla_len(attr) - 1, &kb->name,
			     NULL);
	if (err) {
		c2g_nl_name_error(extack, attr, err);
		return -EINVAL;
	}
	kb->key.type = tb[C2GUARD_IND_A_SUFFIX] ? C2G_K_SUFFIX : C2G_K_NAME;
	kb->key.plen = 0;
	kb->key.len = kb->name.len;
	kb->key.data = kb->name.s;
	return 0;
}

/*
 * Does @tb hold any key attribute but @self?  A JA4 or URL key is its
 * attribute alone.
 */
static bool c2g_nl_key_beside(struct nlattr **tb, int self)
{
	static const int keys[] = {
		C2GUARD_IND_A_FAMILY, C2GUARD_IND_A_ADDR,
		C2GUARD_IND_A_PREFIXLEN, C2GUARD_IND_A_PORT,
		C2GUARD_IND_A_PROTO, C2GUARD_IND_A_ANSWER,
		C2GUARD_IND_A_DOMAIN, C2GUARD_IND_A_SUFFIX,
		C2GUARD_IND_A_JA4, C2GUARD_IND_A_URL,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (keys[i] != self && tb[keys[i]])
			return true;
	return false;
}

/* A JA4 fingerprint, alone: a JA4 key. */
static int c2g_nl_parse_ja4(struct nlattr **tb, struct c2g_keybuf *kb,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *attr = tb[C2GUARD_IND_A_JA4];

	if (c2g_nl_key_beside(tb, C2GUARD_IND_A_JA4)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "a JA4 indicator is the fingerprint alone, without an address or domain");
		return -EINVAL;
	}
	switch (c2g_ja4_valid(nla_data(attr), nla_len(attr) - 1)) {
	case C2G_JA4_OK:
		break;
	case C2G_JA4_E_LEN:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_JA4_MSG_LEN);
		return -EINVAL;
	case C2G_JA4_E_PROTO:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_JA4_MSG_PROTO);
		return -EINVAL;
	case C2G_JA4_E_COUNTS:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_JA4_MSG_COUNTS);
		return -EINVAL;
	case C2G_JA4_E_SEP:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_JA4_MSG_SEP);
		return -EINVAL;
	case C2G_JA4_E_HEX:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_JA4_MSG_HEX);
		return -EINVAL;
	default:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_JA4_MSG_A);
		return -EINVAL;
	}
	BUILD_BUG_ON(sizeof(kb->name.s) <= C2GUARD_JA4_LEN);
	memcpy(kb->name.s, nla_data(attr), C2GUARD_JA4_LEN);
	kb->name.s[C2GUARD_JA4_LEN] = '\0';
	kb->key.type = C2G_K_JA4;
	kb->key.plen = 0;
	kb->key.len = C2GUARD_JA4_LEN;
	kb->key.data = kb->name.s;
	return 0;
}

/* A URL, alone: a URL key. */
static int c2g_nl_parse_url(struct nlattr **tb, struct c2g_keybuf *kb,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *attr = tb[C2GUARD_IND_A_URL];
	size_t len = nla_len(attr) - 1, h;
	const char *q;

	if (c2g_nl_key_beside(tb, C2GUARD_IND_A_URL)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "a URL indicator is the URL alone, without an address, domain or JA4");
		return -EINVAL;
	}
	switch (c2g_url_valid(nla_data(attr), len, &h)) {
	case C2G_URL_OK:
		break;
	case C2G_URL_E_LEN:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_URL_MSG_LEN);
		return -EINVAL;
	case C2G_URL_E_HOST:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_URL_MSG_HOST);
		return -EINVAL;
	case C2G_URL_E_SLASH:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_URL_MSG_SLASH);
		return -EINVAL;
	case C2G_URL_E_QUERY:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_URL_MSG_QUERY);
		return -EINVAL;
	default:
		NL_SET_ERR_MSG_ATTR(extack, attr, C2G_URL_MSG_PATH);
		return -EINVAL;
	}
	BUILD_BUG_ON(C2G_URL_KEY_LEN_MAX != C2GUARD_URL_MAX);
	memcpy(kb->url, nla_data(attr), len);
	kb->url[len] = '\0';
	kb->key.type = C2G_K_URL;
	kb->key.plen = 0;
	kb->key.len = len;
	kb->key.data = kb->url;
	/* its parts, as a request's would be looked up (IND_TEST) */
	memcpy(kb->name.s, kb->url, h);
	kb->name.s[h] = '\0';
	kb->name.len = h;
	kb->u.host = &kb->name;
	kb->u.path = kb->url + h;
	q = memchr(kb->u.path, '?', len - h);
	kb->u.plen = q ? q - kb->u.path : len - h;
	kb->u.has_query = q;
	kb->u.query = q ? q + 1 : kb->url + len;
	kb->u.qlen = kb->url + len - kb->u.query;
	return 0;
}

/* The port (and protocol) of an address indicator: a port key. */
static int c2g_nl_parse_port(struct nlattr **tb, struct c2g_keybuf *kb,
			     u8 family, unsigned int plen,
			     struct netlink_ext_ack *extack)
{
	u8 proto = 0;

	if (plen != c2g_family_bits(family)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_PORT],
				    "a port goes with an exact address, not a prefix");
		return -EINVAL;
	}
	if (tb[C2GUARD_IND_A_PROTO])
		proto = nla_get_u8(tb[C2GUARD_IND_A_PROTO]);
	switch (proto) {
	case 0:
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_DCCP:
	case IPPROTO_SCTP:
	case IPPROTO_UDPLITE:
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_PROTO],
				    "not a protocol with ports (tcp, udp, dccp, sctp, udplite, or 0 for any)");
		return -EINVAL;
	}
	c2g_key_port(&kb->key, family, kb->addr,
		     htons(nla_get_u16(tb[C2GUARD_IND_A_PORT])), proto);
	return 0;
}

/*
 * An address and prefix of a request: @fam (AF_INET or AF_INET6) and
 * @addr, present, into *@family and @out (16 bytes, zero past the
 * address); @pfx (absent: the full length) into *@plen, host bits clear.
 * Indicators and host-allow destinations share it.
 */
static int c2g_nl_parse_addr(const struct nlattr *fam,
			     const struct nlattr *addr,
			     const struct nlattr *pfx, u8 *family, u8 *out,
			     unsigned int *plen,
			     struct netlink_ext_ack *extack)
{
	unsigned int alen;

	*family = nla_get_u8(fam);
	if (*family != AF_INET && *family != AF_INET6) {
		NL_SET_ERR_MSG_ATTR(extack, fam,
				    "family must be AF_INET or AF_INET6");
		return -EINVAL;
	}
	alen = c2g_addr_len(*family);
	if (nla_len(addr) != alen) {
		NL_SET_ERR_MSG_ATTR(extack, addr,
				    "address length does not match family");
		return -EINVAL;
	}
	memset(out, 0, 16);
	nla_memcpy(out, addr, alen);

	*plen = alen * 8;
	if (pfx) {
		*plen = nla_get_u8(pfx);
		if (*plen > alen * 8) {
			NL_SET_ERR_MSG_ATTR(extack, pfx,
					    "prefix length too long for family");
			return -EINVAL;
		}
	}
	if (!c2g_prefix_host_bits_clear(out, alen, *plen)) {
		NL_SET_ERR_MSG_ATTR(extack, addr,
				    "address has bits set past the prefix length");
		return -EINVAL;
	}
	return 0;
}

/* Parse the identity of an indicator: an address and prefix, or a name. */
static int c2g_nl_parse_key(struct nlattr **tb, const struct nlattr *nest,
			    struct c2g_keybuf *kb,
			    struct netlink_ext_ack *extack)
{
	unsigned int alen, plen;
	u8 family;
	int err;

	if (tb[C2GUARD_IND_A_JA4])
		return c2g_nl_parse_ja4(tb, kb, extack);
	if (tb[C2GUARD_IND_A_URL])
		return c2g_nl_parse_url(tb, kb, extack);
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

	err = c2g_nl_parse_addr(tb[C2GUARD_IND_A_FAMILY],
				tb[C2GUARD_IND_A_ADDR],
				tb[C2GUARD_IND_A_PREFIXLEN], &family, kb->addr,
				&plen, extack);
	if (err)
		return err;
	alen = c2g_addr_len(family);
	if (tb[C2GUARD_IND_A_ANSWER] &&
	    (tb[C2GUARD_IND_A_PORT] || plen != alen * 8)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_ANSWER],
				    "an answer indicator is an exact address, without a port");
		return -EINVAL;
	}
	if (tb[C2GUARD_IND_A_PORT])
		return c2g_nl_parse_port(tb, kb, family, plen, extack);
	if (tb[C2GUARD_IND_A_PROTO]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_IND_A_PROTO],
				    "a protocol goes with a port");
		return -EINVAL;
	}
	if (tb[C2GUARD_IND_A_ANSWER])
		c2g_key_answer(&kb->key, family, kb->addr);
	else
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
	const char *tag = "", *feed = NULL;
	u8 action = C2GUARD_ACT_ALERT;
	struct c2g_keybuf kb;
	struct c2g_source *src;
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
	if (tb[C2GUARD_IND_A_FEED]) {
		feed = nla_data(tb[C2GUARD_IND_A_FEED]);
		if (timeout) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[C2GUARD_IND_A_TIMEOUT],
					    "a feed's entries live as long as the feed (FEED_BEGIN timeout)");
			return -EINVAL;
		}
	}

	mutex_lock(&cn->lock);
	err = c2g_hooks_enable(cn);
	if (err) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "cannot enable conntrack and hooks in this netns");
		goto out;
	}
	/* Names, answers and hellos are read in later packets of a flow. */
	if (kb.key.type == C2G_K_NAME || kb.key.type == C2G_K_SUFFIX ||
	    kb.key.type == C2G_K_ANSWER || kb.key.type == C2G_K_JA4 ||
	    kb.key.type == C2G_K_URL) {
		err = c2g_labels_enable(cn);
		if (err) {
			NL_SET_ERR_MSG_MOD(info->extack,
					   "cannot enable conntrack labels in this netns");
			goto out;
		}
	}
	if (feed) {
		src = c2g_feed_staging(&cn->feeds, feed, info->snd_portid,
				       info->extack);
		err = IS_ERR(src) ? PTR_ERR(src) :
		      c2g_ind_stage(&cn->ind, src, &kb.key, action, tag,
				    info->extack);
	} else {
		err = c2g_ind_add(&cn->ind, &kb.key, action, tag, timeout,
				  replace, info->extack);
	}
	/* An allowlisted destination is not timed: forget its history. */
	if (!err && action == C2GUARD_ACT_ALLOW &&
	    kb.key.type != C2G_K_ANSWER && kb.key.type != C2G_K_JA4 &&
	    kb.key.type != C2G_K_URL)
		c2g_chan_forget_key(&cn->chans, &kb.key);
out:
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_ind_del(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_IND_A_MAX + 1];
	struct c2g_keybuf kb;
	bool fed;
	int err;

	err = c2g_nl_parse_ind(info, tb);
	if (err)
		return err;
	err = c2g_nl_parse_key(tb, info->attrs[C2GUARD_A_IND], &kb,
			       info->extack);
	if (err)
		return err;
	if (tb[C2GUARD_IND_A_FEED]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[C2GUARD_IND_A_FEED],
				    "a feed changes by replacing it (FEED_BEGIN)");
		return -EINVAL;
	}

	mutex_lock(&cn->lock);
	err = c2g_ind_del(&cn->ind, &kb.key, &fed);
	/* Not listed: it may be an address bound from a DNS answer. */
	if (err == -ENOENT && !fed && c2g_key_is_host(&kb.key))
		err = c2g_bound_del(&cn->bound, &kb.key);
	mutex_unlock(&cn->lock);
	if (err == -ENOENT && fed)
		NL_SET_ERR_MSG_MOD(info->extack,
				   "listed by a feed only: replace or delete the feed, or allow it by hand");
	else if (err == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "no such indicator");
	return err;
}

/*
 * What the packet path would find for @kb (see IND_TEST), into *@hit.
 * Under RCU.
 */
static bool c2g_nl_test_lookup(struct c2g_net *cn,
			       const struct c2g_keybuf *kb,
			       struct c2g_hit *hit)
{
	const struct c2g_key *k = &kb->key;
	u8 family = c2g_ind_family_of_key(k);
	struct c2g_hit port;
	__be16 p;
	bool d;

	if (k->type == C2G_K_NAME || k->type == C2G_K_SUFFIX)
		return c2g_ind_lookup_name(&cn->ind, &kb->name, hit);
	if (k->type == C2G_K_ANSWER)
		return c2g_ind_lookup_answer(&cn->ind, family, k->data, hit);
	if (k->type == C2G_K_JA4)
		return c2g_ind_lookup_ja4(&cn->ind, kb->name.s, hit);
	if (k->type == C2G_K_URL)
		return c2g_ind_lookup_url(&cn->ind, &kb->u, hit);
	d = c2g_ind_lookup_addr(&cn->ind, family, k->data, hit);
	if (k->type == C2G_K_PORT) {
		memcpy(&p, k->data + c2g_addr_len(family), 2);
		if (c2g_ind_lookup_port(&cn->ind, family, k->data, p,
					k->data[k->len - 1], &port) &&
		    (!d || c2g_hit_action(hit) != C2GUARD_ACT_ALLOW)) {
			*hit = port;
			d = true;
		}
	}
	return d || c2g_bound_lookup(&cn->bound, family, k->data, hit);
}

static int c2g_nl_ind_test(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_IND_A_MAX + 1];
	struct sk_buff *msg;
	struct c2g_keybuf kb;
	struct c2g_hit hit;
	void *hdr;
	int err;

	err = c2g_nl_parse_ind(info, tb);
	if (err)
		return err;
	err = c2g_nl_parse_key(tb, info->attrs[C2GUARD_A_IND], &kb,
			       info->extack);
	if (err)
		return err;
	if ((kb.key.type == C2G_K_V4 || kb.key.type == C2G_K_V6) &&
	    !c2g_key_is_host(&kb.key)) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "test an address, not a prefix: what would decide about it");
		return -EINVAL;
	}

	rcu_read_lock();
	if (!c2g_nl_test_lookup(cn, &kb, &hit)) {
		rcu_read_unlock();
		NL_SET_ERR_MSG_MOD(info->extack, "no indicator matches");
		return -ENOENT;
	}
	err = -ENOMEM;
	msg = genlmsg_new(c2g_msg_ind_size(hit.nclaims), GFP_ATOMIC);
	if (!msg)
		goto out;
	hdr = genlmsg_put_reply(msg, info, &c2g_genl_family, 0,
				C2GUARD_CMD_IND_TEST);
	err = -EMSGSIZE;
	if (!hdr ||
	    c2g_msg_put_ind(msg, C2GUARD_A_IND, &hit, true)) {
		nlmsg_free(msg);
		goto out;
	}
	genlmsg_end(msg, hdr);
	err = 0;
out:
	rcu_read_unlock();
	return err ? err : genlmsg_reply(msg, info);
}

static int c2g_nl_ind_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	const char *tag = NULL;

	if (info->attrs[C2GUARD_A_TAG])
		tag = nla_data(info->attrs[C2GUARD_A_TAG]);

	mutex_lock(&cn->lock);
	if (!tag)
		c2g_feeds_flush(&cn->feeds);
	c2g_ind_flush(&cn->ind, tag);
	/* Bound addresses carrying the tag go too: they came from its names. */
	c2g_bound_flush(&cn->bound, tag);
	mutex_unlock(&cn->lock);
	return 0;
}

/*
 * Dumps walk the table's hash with an rhashtable iterator kept across
 * calls, then each family's address snapshot by slot, then the table of
 * bound addresses with the same iterator.  The walker tolerates concurrent
 * changes and rehashes; what it cannot promise (no entry seen twice or
 * missed) is covered by the consistency check: cb->seq follows the table
 * generation (which also moves when keys move from the hash into a new
 * snapshot) and the walker's restarts, so any of them between two parts
 * of the dump, or before NLMSG_DONE, flags the following message with
 * NLM_F_DUMP_INTR.  Keys folded from the hash into a new snapshot are in
 * both for a grace period (see c2g_addrs_fold()): the hash's part skips
 * them, and a new snapshot between two calls counts as a restart.  Bound
 * addresses come and go with DNS traffic; their
 * part of the dump is a live view, not covered by the check (or no dump
 * would ever finish on a busy resolver's gateway).
 *
 * cb->args: [0] the iterator, [1] restarts seen, [2] the part being dumped
 * (enum c2g_dump_part), [3] the next slot in a snapshot, [4] the snapshots
 * seen (c2g_ind_snap_ids()), [5] 1 once [4] is set.
 */
enum c2g_dump_part {
	C2G_DUMP_HASH,
	C2G_DUMP_SNAP4,
	C2G_DUMP_SNAP6,
	C2G_DUMP_BOUND,
};

static struct rhashtable_iter *c2g_nl_walk_alloc(struct netlink_callback *cb)
{
	struct rhashtable_iter *iter;

	iter = kmalloc(sizeof(*iter), GFP_KERNEL);
	cb->args[0] = (long)iter;
	return iter;
}

static int c2g_nl_dump_start(struct netlink_callback *cb)
{
	struct c2g_net *cn = c2g_pernet(sock_net(cb->skb->sk));
	struct rhashtable_iter *iter = c2g_nl_walk_alloc(cb);

	if (!iter)
		return -ENOMEM;
	c2g_ind_walk_enter(&cn->ind, iter);
	return 0;
}

/* Indicator dumps leave the iterator out while on the snapshots. */
static int c2g_nl_ind_dump_done(struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];

	if (iter) {
		if (cb->args[2] == C2G_DUMP_HASH ||
		    cb->args[2] == C2G_DUMP_BOUND)
			rhashtable_walk_exit(iter);
		kfree(iter);
	}
	return 0;
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
	return ((READ_ONCE(cn->ind.generation) + (u32)cb->args[1]) << 1) | 1;
}

/* One indicator's message; -EMSGSIZE if it does not fit. */
static int c2g_nl_ind_put(struct sk_buff *skb, struct netlink_callback *cb,
			  const struct c2g_hit *hit)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &c2g_genl_family, NLM_F_MULTI, C2GUARD_CMD_IND_GET);
	if (!hdr)
		return -EMSGSIZE;
	nl_dump_check_consistent(cb, genlmsg_nlhdr(hdr));
	if (c2g_msg_put_ind(skb, C2GUARD_A_IND, hit, true)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * The entries of the hash (or of the bound table, @counted false) from
 * where the iterator stands; -EMSGSIZE when @skb is full (the entry that
 * did not fit is peeked again next time), else 0 at the end.
 */
static int c2g_nl_dump_walk(struct sk_buff *skb, struct netlink_callback *cb,
			    struct c2g_net *cn, bool counted)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];
	const struct c2g_claim *by;
	struct c2g_ind *ind;
	struct c2g_hit hit;
	int err = 0;

	if (rhashtable_walk_start_check(iter) == -EAGAIN && counted)
		cb->args[1]++;
	cb->seq = c2g_dump_seq(cn, cb);
	for (ind = rhashtable_walk_peek(iter); ind;
	     ind = rhashtable_walk_next(iter)) {
		if (IS_ERR(ind)) {
			if (PTR_ERR(ind) != -EAGAIN)
				break;
			if (counted)
				cb->args[1]++;
			cb->seq = c2g_dump_seq(cn, cb);
			continue;
		}
		/* Entries only staged, or lapsed, are not shown. */
		by = c2g_claims_decide(ind->claim, ind->nclaims,
				       get_jiffies_64());
		if (counted && by && c2g_ind_folded(&cn->ind, ind))
			continue;
		if (!by)
			continue;
		c2g_hit_of_ind(&hit, ind, by);
		err = c2g_nl_ind_put(skb, cb, &hit);
		if (err)
			break;
	}
	rhashtable_walk_stop(iter);
	return err;
}

/* Family @fi's snapshot from slot cb->args[3]; as c2g_nl_dump_walk(). */
static int c2g_nl_dump_snap(struct sk_buff *skb, struct netlink_callback *cb,
			    struct c2g_net *cn, unsigned int fi)
{
	u32 pos = cb->args[3];
	struct c2g_hit hit;
	int err = 0;

	rcu_read_lock();
	while (c2g_ind_snap_next(&cn->ind, fi, &pos, &hit)) {
		err = c2g_nl_ind_put(skb, cb, &hit);
		if (err)
			break;
		pos++;
	}
	rcu_read_unlock();
	cb->args[3] = pos;
	return err;
}

/* A new snapshot since the last call: as a restart of the walk. */
static void c2g_nl_dump_snaps(struct c2g_net *cn, struct netlink_callback *cb)
{
	u32 ids;

	rcu_read_lock();
	ids = c2g_ind_snap_ids(&cn->ind);
	rcu_read_unlock();
	if (cb->args[5] && (u32)cb->args[4] != ids)
		cb->args[1]++;
	cb->args[4] = ids;
	cb->args[5] = 1;
}

static int c2g_nl_ind_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];
	struct c2g_net *cn = c2g_pernet(sock_net(skb->sk));
	int err = 0;

	c2g_nl_dump_snaps(cn, cb);
	cb->seq = c2g_dump_seq(cn, cb);
	switch (cb->args[2]) {
	case C2G_DUMP_HASH:
		err = c2g_nl_dump_walk(skb, cb, cn, true);
		if (err)
			break;
		rhashtable_walk_exit(iter);
		cb->args[2] = C2G_DUMP_SNAP4;
		cb->args[3] = 0;
		fallthrough;
	case C2G_DUMP_SNAP4:
		err = c2g_nl_dump_snap(skb, cb, cn, 0);
		if (err)
			break;
		cb->args[2] = C2G_DUMP_SNAP6;
		cb->args[3] = 0;
		fallthrough;
	case C2G_DUMP_SNAP6:
		err = c2g_nl_dump_snap(skb, cb, cn, 1);
		if (err)
			break;
		c2g_bound_walk_enter(&cn->bound, iter);
		cb->args[2] = C2G_DUMP_BOUND;
		fallthrough;
	case C2G_DUMP_BOUND:
		err = c2g_nl_dump_walk(skb, cb, cn, false);
		break;
	}
	c2g_nl_dump_snaps(cn, cb);
	cb->seq = c2g_dump_seq(cn, cb);
	return err ? skb->len : 0;
}

/*
 * The live views: beacon channels, hosts in quarantine, hosts with
 * evidence (see the UAPI: no generation, an entry is shown as it is when
 * the walk reaches it).  One message per entry, which @peek copies out of
 * its table into a view of @size (false at the end) and @put writes; the
 * entry that did not fit is peeked again next time.  cb->args[0] is the
 * walk, which c2g_nl_live_start() and c2g_nl_dump_done() manage.
 */
struct c2g_nl_live {
	u8 cmd;
	size_t size;
	void (*enter)(struct c2g_net *cn, struct rhashtable_iter *iter);
	bool (*peek)(struct c2g_net *cn, struct rhashtable_iter *iter,
		     u64 now, void *v);
	int (*put)(struct sk_buff *skb, const void *v);
};

static void c2g_nl_chan_enter(struct c2g_net *cn, struct rhashtable_iter *iter)
{
	c2g_chan_walk_enter(&cn->chans, iter);
}

static bool c2g_nl_chan_peek(struct c2g_net *cn, struct rhashtable_iter *iter,
			     u64 now, void *v)
{
	return c2g_chan_walk_peek(&cn->chans, iter, now, v);
}

static int c2g_nl_chan_put(struct sk_buff *skb, const void *v)
{
	return c2g_msg_put_chan(skb, C2GUARD_A_BEACON, v);
}

static void c2g_nl_quar_enter(struct c2g_net *cn, struct rhashtable_iter *iter)
{
	c2g_quar_walk_enter(&cn->quar, iter);
}

static bool c2g_nl_quar_peek(struct c2g_net *cn, struct rhashtable_iter *iter,
			     u64 now, void *v)
{
	return c2g_quar_walk_peek(iter, v);
}

static int c2g_nl_quar_put(struct sk_buff *skb, const void *v)
{
	return c2g_msg_put_quar(skb, v);
}

static void c2g_nl_host_enter(struct c2g_net *cn, struct rhashtable_iter *iter)
{
	c2g_hosts_walk_enter(&cn->hosts, iter);
}

static bool c2g_nl_host_peek(struct c2g_net *cn, struct rhashtable_iter *iter,
			     u64 now, void *v)
{
	return c2g_hosts_walk_peek(&cn->hosts, iter, now, v);
}

static int c2g_nl_host_put(struct sk_buff *skb, const void *v)
{
	return c2g_msg_put_host(skb, C2GUARD_A_HOST, v);
}

static const struct c2g_nl_live c2g_nl_lives[] = {
	{ C2GUARD_CMD_BEACON_GET, sizeof(struct c2g_chan_view),
	  c2g_nl_chan_enter, c2g_nl_chan_peek, c2g_nl_chan_put },
	{ C2GUARD_CMD_QUARANTINE_GET, sizeof(struct c2g_quar_view),
	  c2g_nl_quar_enter, c2g_nl_quar_peek, c2g_nl_quar_put },
	{ C2GUARD_CMD_HOST_GET, sizeof(struct c2g_host_view),
	  c2g_nl_host_enter, c2g_nl_host_peek, c2g_nl_host_put },
};

/* The live view the dump request of @cb asks for. */
static const struct c2g_nl_live *c2g_nl_live_of(struct netlink_callback *cb)
{
	const struct genlmsghdr *g = nlmsg_data(cb->nlh);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c2g_nl_lives); i++)
		if (c2g_nl_lives[i].cmd == g->cmd)
			return &c2g_nl_lives[i];
	return NULL;
}

static int c2g_nl_live_start(struct netlink_callback *cb)
{
	const struct c2g_nl_live *l = c2g_nl_live_of(cb);
	struct c2g_net *cn = c2g_pernet(sock_net(cb->skb->sk));
	struct rhashtable_iter *iter;

	if (WARN_ON_ONCE(!l))
		return -EOPNOTSUPP;
	iter = c2g_nl_walk_alloc(cb);
	if (!iter)
		return -ENOMEM;
	l->enter(cn, iter);
	return 0;
}

static int c2g_nl_live_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rhashtable_iter *iter = (struct rhashtable_iter *)cb->args[0];
	struct c2g_net *cn = c2g_pernet(sock_net(skb->sk));
	const struct c2g_nl_live *l = c2g_nl_live_of(cb);
	u64 now = c2g_now_ms();
	bool more = false;
	void *hdr, *v;

	v = kmalloc(l->size, GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	rhashtable_walk_start(iter);
	while (l->peek(cn, iter, now, v)) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &c2g_genl_family,
				  NLM_F_MULTI, l->cmd);
		if (!hdr) {
			more = true;
			break;
		}
		if (l->put(skb, v)) {
			genlmsg_cancel(skb, hdr);
			more = true;
			break;
		}
		genlmsg_end(skb, hdr);
		rhashtable_walk_next(iter);
	}
	rhashtable_walk_stop(iter);
	kfree(v);
	return more ? skb->len : 0;
}

static int c2g_nl_status(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct c2g_status st = {};
	struct sk_buff *msg;
	u32 rate, burst;
	void *hdr;
	int cpu, i;

	for_each_possible_cpu(cpu) {
		const struct c2g_stats *s = per_cpu_ptr(cn->stats, cpu);

		for (i = 0; i < C2G_STAT_MAX; i++)
			st.stats[i] += READ_ONCE(s->v[i]);
	}
	mutex_lock(&cn->lock);
	st.ind_v4 = cn->ind.count[C2G_K_V4];
	st.ind_v6 = cn->ind.count[C2G_K_V6];
	st.ind_names = cn->ind.count[C2G_K_NAME] + cn->ind.count[C2G_K_SUFFIX];
	st.ind_ports = cn->ind.count[C2G_K_PORT];
	st.ind_answers = cn->ind.count[C2G_K_ANSWER];
	st.ind_ja4 = cn->ind.count[C2G_K_JA4];
	st.ind_urls = cn->ind.count[C2G_K_URL];
	c2g_ind_lpm_counts(&cn->ind, &st.ind_lpm_keys, &st.ind_lpm_pending);
	st.ind_max = c2g_ind_max();
	st.quarantined = READ_ONCE(cn->quar.count);
	st.host_allow = c2g_quar_allow_count(&cn->quar);
	c2g_hosts_counts(&cn->hosts, &st.hosts, &st.hosts_mem);
	st.feeds = cn->feeds.n;
	st.bound = READ_ONCE(cn->bound.count);
	st.generation = cn->ind.generation;
	st.mem = c2g_ind_mem(&cn->ind) + c2g_bound_mem(&cn->bound);
	mutex_unlock(&cn->lock);
	st.expired = atomic64_read(&cn->ind.expired) +
		     atomic64_read(&cn->bound.expired);
	c2g_alerts_get(&cn->alerts, &rate, &burst, &st.alert_seq);
	c2g_chan_counts(&cn->chans, &st.beacon_channels, &st.beacon_sources,
			&st.beacon_mem);
	c2g_dtrack_counts(&cn->dtrack, &st.dns_hosts, &st.dns_names,
			  &st.dns_mem);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &c2g_genl_family, 0,
				C2GUARD_CMD_STATUS_GET);
	if (!hdr || c2g_msg_put_status(msg, &st)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int c2g_nl_config_get(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct c2g_config c;
	struct sk_buff *msg;
	void *hdr;
	u64 seq;

	c2g_alerts_get(&cn->alerts, &c.alert_rate, &c.alert_burst, &seq);
	mutex_lock(&cn->lock);
	c.mark = cn->verdicts.mark;
	c.dns_port = cn->names.dns_port;
	c.dns_rcode = cn->names.dns_rcode;
	c.bind_ttl_min = cn->bound.ttl_min;
	c.bind_ttl_max = cn->bound.ttl_max;
	c.bind_max = cn->bound.max;
	c.beacon = cn->chans.on;
	c.bc = *c2g_chan_cfg(&cn->chans);
	c.dc = *c2g_dtrack_cfg(&cn->dtrack);
	c.quarantine_time = cn->quar.time;
	c.host_threshold = cn->hosts.threshold;
	c.host_action = cn->hosts.action;
	c.host_half_life = cn->hosts.half_life;
	c.hosts_max = cn->hosts.max;
	c.wire = *c2g_wcfg_get(&cn->wire);
	mutex_unlock(&cn->lock);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &c2g_genl_family, 0,
				C2GUARD_CMD_CONFIG_GET);
	if (!hdr || c2g_msg_put_config(msg, &c)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
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

	bc = kmemdup(c2g_chan_cfg(&cn->chans), sizeof(*bc), GFP_KERNEL);
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

/* A u32 setting in seconds as milliseconds. */
static void c2g_nl_get_ms(struct nlattr *a, u32 *ms)
{
	if (a)
		*ms = nla_get_u32(a) * 1000;
}

/* A detector's on/off switch into the bit @bit of *@on. */
static void c2g_nl_get_on(struct nlattr *a, u8 bit, u8 *on)
{
	if (!a)
		return;
	if (nla_get_u8(a))
		*on |= bit;
	else
		*on &= ~bit;
}

/*
 * The DNS behaviour settings of @tb over the current ones, into a new copy
 * in *@out; checked as a whole (the policy checked each).
 */
static int c2g_nl_dnsb_cfg(struct c2g_net *cn, struct nlattr **tb,
			   struct c2g_dnsb_cfg **out,
			   struct netlink_ext_ack *extack)
{
	struct c2g_dnsb_cfg *dc;
	const char *why;

	lockdep_assert_held(&cn->lock);

	dc = kmemdup(c2g_dtrack_cfg(&cn->dtrack), sizeof(*dc), GFP_KERNEL);
	if (!dc)
		return -ENOMEM;
	c2g_nl_get_on(tb[C2GUARD_CFG_A_DGA], C2G_DNSB_F_DGA, &dc->on);
	c2g_nl_get_on(tb[C2GUARD_CFG_A_NXDOMAIN_BURST], C2G_DNSB_F_NX, &dc->on);
	c2g_nl_get_on(tb[C2GUARD_CFG_A_FAST_FLUX], C2G_DNSB_F_FLUX, &dc->on);
	if (tb[C2GUARD_CFG_A_DGA_THRESHOLD])
		dc->p.dga_threshold =
			nla_get_u32(tb[C2GUARD_CFG_A_DGA_THRESHOLD]);
	if (tb[C2GUARD_CFG_A_DGA_NAMES])
		dc->p.dga_names = nla_get_u32(tb[C2GUARD_CFG_A_DGA_NAMES]);
	c2g_nl_get_ms(tb[C2GUARD_CFG_A_DGA_WINDOW], &dc->p.dga_window_ms);
	if (tb[C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD])
		dc->p.nx_threshold =
			nla_get_u32(tb[C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD]);
	c2g_nl_get_ms(tb[C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW],
		      &dc->p.nx_window_ms);
	if (tb[C2GUARD_CFG_A_FAST_FLUX_THRESHOLD])
		dc->p.flux_threshold =
			nla_get_u32(tb[C2GUARD_CFG_A_FAST_FLUX_THRESHOLD]);
	c2g_nl_get_ms(tb[C2GUARD_CFG_A_FAST_FLUX_WINDOW],
		      &dc->p.flux_window_ms);
	c2g_nl_get_ms(tb[C2GUARD_CFG_A_DNS_HOLDDOWN], &dc->p.holddown_ms);
	if (tb[C2GUARD_CFG_A_DGA_ACTION])
		dc->dga_action = nla_get_u8(tb[C2GUARD_CFG_A_DGA_ACTION]);
	if (tb[C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION])
		dc->nx_action =
			nla_get_u8(tb[C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION]);
	if (tb[C2GUARD_CFG_A_FAST_FLUX_ACTION])
		dc->flux_action =
			nla_get_u8(tb[C2GUARD_CFG_A_FAST_FLUX_ACTION]);
	if (tb[C2GUARD_CFG_A_DNS_HOSTS_MAX])
		dc->hosts_max = nla_get_u32(tb[C2GUARD_CFG_A_DNS_HOSTS_MAX]);
	if (tb[C2GUARD_CFG_A_DNS_NAMES_MAX])
		dc->names_max = nla_get_u32(tb[C2GUARD_CFG_A_DNS_NAMES_MAX]);
	if (c2g_dnsb_params_check(&dc->p, &why)) {
		/* @why is a string literal of dnsbeh.c, as the macros want */
		do_trace_netlink_extack(why);
		if (extack)
			extack->_msg = why;
		kfree(dc);
		return -EINVAL;
	}
	*out = dc;
	return 0;
}

/*
 * A port list of the wire settings (an array of u16, no 0, no port twice)
 * into @ports, its length into *@n.
 */
static int c2g_nl_wire_ports(const struct nlattr *a, u16 *ports, u8 *n,
			     struct netlink_ext_ack *extack)
{
	unsigned int i, j, len;

	if (!a)
		return 0;
	len = nla_len(a);
	if (len % sizeof(u16) || len / sizeof(u16) > C2GUARD_WIRE_PORTS_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "ports: an array of at most 16 u16");
		return -EINVAL;
	}
	*n = len / sizeof(u16);
	memcpy(ports, nla_data(a), len);
	for (i = 0; i < *n; i++) {
		if (!ports[i]) {
			NL_SET_ERR_MSG_ATTR(extack, a, "ports: port 0");
			return -EINVAL;
		}
		for (j = 0; j < i; j++)
			if (ports[j] == ports[i]) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "ports: a port twice");
				return -EINVAL;
			}
	}
	return 0;
}

/*
 * The settings of wire.c in @tb over the current ones, into a new copy in
 * *@out.
 */
static int c2g_nl_wire_cfg(struct c2g_net *cn, struct nlattr **tb,
			   struct c2g_wcfg **out,
			   struct netlink_ext_ack *extack)
{
	struct c2g_wcfg *w;

	lockdep_assert_held(&cn->lock);

	w = kmemdup(c2g_wcfg_get(&cn->wire), sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	c2g_nl_get_on(tb[C2GUARD_CFG_A_PROTO_MISMATCH], C2G_WIRE_F_MISMATCH,
		      &w->on);
	c2g_nl_get_on(tb[C2GUARD_CFG_A_IRC], C2G_WIRE_F_IRC, &w->on);
	if (tb[C2GUARD_CFG_A_PROTO_MISMATCH_ACTION])
		w->mismatch_action =
			nla_get_u8(tb[C2GUARD_CFG_A_PROTO_MISMATCH_ACTION]);
	if (tb[C2GUARD_CFG_A_IRC_ACTION])
		w->irc_action = nla_get_u8(tb[C2GUARD_CFG_A_IRC_ACTION]);
	if (c2g_nl_wire_ports(tb[C2GUARD_CFG_A_TLS_PORTS], w->tls, &w->ntls,
			      extack) ||
	    c2g_nl_wire_ports(tb[C2GUARD_CFG_A_HTTP_PORTS], w->http,
			      &w->nhttp, extack) ||
	    c2g_nl_wire_ports(tb[C2GUARD_CFG_A_IRC_PORTS], w->irc, &w->nirc,
			      extack)) {
		kfree(w);
		return -EINVAL;
	}
	*out = w;
	return 0;
}

/* A detector's action is any but ALLOW, which the policy cannot say. */
static int c2g_nl_detector_actions(struct nlattr **tb,
				   struct netlink_ext_ack *extack)
{
	static const int attrs[] = {
		C2GUARD_CFG_A_BEACON_ACTION, C2GUARD_CFG_A_DGA_ACTION,
		C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION,
		C2GUARD_CFG_A_FAST_FLUX_ACTION,
		C2GUARD_CFG_A_PROTO_MISMATCH_ACTION, C2GUARD_CFG_A_IRC_ACTION,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		if (tb[attrs[i]] &&
		    nla_get_u8(tb[attrs[i]]) == C2GUARD_ACT_ALLOW) {
			NL_SET_ERR_MSG_ATTR(extack, tb[attrs[i]],
					    "allow is not an action for a detector (alert, drop, reject, mark or quarantine)");
			return -EINVAL;
		}
	}
	if (tb[C2GUARD_CFG_A_HOST_ACTION] &&
	    nla_get_u8(tb[C2GUARD_CFG_A_HOST_ACTION]) != C2GUARD_ACT_ALERT &&
	    nla_get_u8(tb[C2GUARD_CFG_A_HOST_ACTION]) !=
	    C2GUARD_ACT_QUARANTINE) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_CFG_A_HOST_ACTION],
				    "host-action is alert or quarantine");
		return -EINVAL;
	}
	return 0;
}

/* The host evidence settings of @tb, over the current ones. */
static void c2g_nl_hosts_cfg(struct c2g_net *cn, struct nlattr **tb)
{
	struct c2g_hosts *h = &cn->hosts;
	u32 max = h->max, threshold = h->threshold, half = h->half_life;
	u8 action = h->action;

	if (!tb[C2GUARD_CFG_A_HOSTS_MAX] && !tb[C2GUARD_CFG_A_HOST_THRESHOLD] &&
	    !tb[C2GUARD_CFG_A_HOST_HALF_LIFE] &&
	    !tb[C2GUARD_CFG_A_HOST_ACTION])
		return;
	if (tb[C2GUARD_CFG_A_HOSTS_MAX])
		max = nla_get_u32(tb[C2GUARD_CFG_A_HOSTS_MAX]);
	if (tb[C2GUARD_CFG_A_HOST_THRESHOLD])
		threshold = nla_get_u32(tb[C2GUARD_CFG_A_HOST_THRESHOLD]);
	if (tb[C2GUARD_CFG_A_HOST_HALF_LIFE])
		half = nla_get_u32(tb[C2GUARD_CFG_A_HOST_HALF_LIFE]);
	if (tb[C2GUARD_CFG_A_HOST_ACTION])
		action = nla_get_u8(tb[C2GUARD_CFG_A_HOST_ACTION]);
	c2g_hosts_configure(h, max, threshold, half, action);
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
	struct c2g_dnsb_cfg *dc;
	struct c2g_wcfg *wc;
	struct c2g_bcfg *bc;
	bool beacon;
	u64 seq;
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
	err = c2g_nl_detector_actions(tb, extack);
	if (err)
		return err;

	mutex_lock(&cn->lock);
	value = upper_32_bits(cn->verdicts.mark);
	mask = lower_32_bits(cn->verdicts.mark);
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
	lo = cn->bound.ttl_min;
	hi = cn->bound.ttl_max;
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
	err = c2g_nl_dnsb_cfg(cn, tb, &dc, extack);
	if (err) {
		kfree(bc);
		goto out;
	}
	err = c2g_nl_wire_cfg(cn, tb, &wc, extack);
	if (err) {
		kfree(bc);
		kfree(dc);
		goto out;
	}
	beacon = cn->chans.on;
	if (tb[C2GUARD_CFG_A_BEACON])
		beacon = nla_get_u8(tb[C2GUARD_CFG_A_BEACON]);
	/*
	 * Last check that can fail: nothing has changed yet.  DNS answers are
	 * later packets of their flow, which the hook looks at only with
	 * labels on; so are first client payloads.
	 */
	if ((beacon && !cn->chans.on) || (dc->on && !cn->dtrack.on) ||
	    (wc->on & ~cn->wire.on)) {
		err = c2g_hooks_enable(cn);
		if (!err)
			err = c2g_labels_enable(cn);
		if (err) {
			kfree(bc);
			kfree(dc);
			kfree(wc);
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot enable conntrack, hooks and labels in this netns");
			goto out;
		}
	}
	c2g_chan_configure(&cn->chans, bc, beacon);
	c2g_dtrack_configure(&cn->dtrack, dc);
	c2g_wcfg_set(&cn->wire, wc);

	WRITE_ONCE(cn->verdicts.mark, ((u64)value << 32) | mask);
	WRITE_ONCE(cn->bound.ttl_min, lo);
	WRITE_ONCE(cn->bound.ttl_max, hi);
	if (tb[C2GUARD_CFG_A_BIND_MAX])
		WRITE_ONCE(cn->bound.max,
			   nla_get_u32(tb[C2GUARD_CFG_A_BIND_MAX]));
	if (tb[C2GUARD_CFG_A_DNS_PORT])
		WRITE_ONCE(cn->names.dns_port,
			   nla_get_u16(tb[C2GUARD_CFG_A_DNS_PORT]));
	if (tb[C2GUARD_CFG_A_DNS_RCODE])
		WRITE_ONCE(cn->names.dns_rcode,
			   nla_get_u8(tb[C2GUARD_CFG_A_DNS_RCODE]));
	if (tb[C2GUARD_CFG_A_QUARANTINE_TIME])
		c2g_quar_set_time(&cn->quar,
				  nla_get_u32(tb[C2GUARD_CFG_A_QUARANTINE_TIME]));
	c2g_nl_hosts_cfg(cn, tb);
	if (tb[C2GUARD_CFG_A_ALERT_RATE] || tb[C2GUARD_CFG_A_ALERT_BURST]) {
		c2g_alerts_get(&cn->alerts, &rate, &burst, &seq);
		if (tb[C2GUARD_CFG_A_ALERT_RATE])
			rate = nla_get_u32(tb[C2GUARD_CFG_A_ALERT_RATE]);
		if (tb[C2GUARD_CFG_A_ALERT_BURST])
			burst = nla_get_u32(tb[C2GUARD_CFG_A_ALERT_BURST]);
		c2g_alerts_set_rate(&cn->alerts, rate, burst);
	}
out:
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_beacon_flush(struct sk_buff *skb, struct genl_info *info)
{
	c2g_chan_flush(&c2g_info_net(info)->chans);
	return 0;
}

/* --- feeds ------------------------------------------------------------ */

/* The FEED nest of a request, and its NAME checked. */
static int c2g_nl_parse_feed(struct genl_info *info, struct nlattr **tb,
			     const char **name)
{
	int err;

	if (GENL_REQ_ATTR_CHECK(info, C2GUARD_A_FEED)) {
		NL_SET_ERR_MSG_MOD(info->extack, "feed attribute missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, C2GUARD_FEED_A_MAX,
			       info->attrs[C2GUARD_A_FEED],
			       c2guard_feed_input_nl_policy, info->extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(info->extack, info->attrs[C2GUARD_A_FEED], tb,
			      C2GUARD_FEED_A_NAME)) {
		NL_SET_ERR_MSG_MOD(info->extack, "feed name missing");
		return -EINVAL;
	}
	*name = nla_data(tb[C2GUARD_FEED_A_NAME]);
	if (!c2g_feed_name_ok(*name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[C2GUARD_FEED_A_NAME],
				    "a feed name is letters, digits, '.', '_' and '-', not starting with '.' or '-'");
		return -EINVAL;
	}
	return 0;
}

static void c2g_nl_str(char *dst, size_t len, const struct nlattr *attr)
{
	if (attr)
		nla_strscpy(dst, attr, len);
}

static int c2g_nl_feed_begin(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_FEED_A_MAX + 1];
	struct c2g_feed_meta meta = {
		.action = C2GUARD_ACT_ALERT,
	};
	const char *name;
	int err;

	err = c2g_nl_parse_feed(info, tb, &name);
	if (err)
		return err;
	c2g_nl_str(meta.source, sizeof(meta.source), tb[C2GUARD_FEED_A_SOURCE]);
	c2g_nl_str(meta.format, sizeof(meta.format), tb[C2GUARD_FEED_A_FORMAT]);
	c2g_nl_str(meta.tag, sizeof(meta.tag), tb[C2GUARD_FEED_A_TAG]);
	if (tb[C2GUARD_FEED_A_ACTION])
		meta.action = nla_get_u8(tb[C2GUARD_FEED_A_ACTION]);
	if (tb[C2GUARD_FEED_A_TIMEOUT])
		meta.timeout = nla_get_u32(tb[C2GUARD_FEED_A_TIMEOUT]);

	mutex_lock(&cn->lock);
	err = c2g_feed_begin(&cn->feeds, name, info->snd_portid, &meta,
			     info->extack);
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_feed_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_FEED_A_MAX + 1];
	u32 errors = 0, unsupported = 0;
	const char *name;
	bool force;
	int err;

	err = c2g_nl_parse_feed(info, tb, &name);
	if (err)
		return err;
	if (tb[C2GUARD_FEED_A_ERRORS])
		errors = nla_get_u32(tb[C2GUARD_FEED_A_ERRORS]);
	if (tb[C2GUARD_FEED_A_UNSUPPORTED])
		unsupported = nla_get_u32(tb[C2GUARD_FEED_A_UNSUPPORTED]);
	force = info->attrs[C2GUARD_A_FLAGS] &&
		(nla_get_u32(info->attrs[C2GUARD_A_FLAGS]) & C2GUARD_F_FORCE);

	mutex_lock(&cn->lock);
	err = c2g_feed_commit(&cn->feeds, name, info->snd_portid, errors,
			      unsupported, force, info->extack);
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_feed_abort(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_FEED_A_MAX + 1];
	const char *name;
	int err;

	err = c2g_nl_parse_feed(info, tb, &name);
	if (err)
		return err;
	mutex_lock(&cn->lock);
	err = c2g_feed_abort(&cn->feeds, name, info->snd_portid, info->extack);
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_feed_del(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct nlattr *tb[C2GUARD_FEED_A_MAX + 1];
	const char *name;
	int err;

	err = c2g_nl_parse_feed(info, tb, &name);
	if (err)
		return err;
	mutex_lock(&cn->lock);
	err = c2g_feed_del(&cn->feeds, name, info->extack);
	mutex_unlock(&cn->lock);
	return err;
}

/* One message per feed; cb->args[0] is the next one's index. */
static int c2g_nl_feed_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct c2g_net *cn = c2g_pernet(sock_net(skb->sk));
	struct c2g_feed *feed;
	void *hdr;
	int err = 0;

	mutex_lock(&cn->lock);
	while ((feed = c2g_feed_nth(&cn->feeds, cb->args[0]))) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &c2g_genl_family,
				  NLM_F_MULTI, C2GUARD_CMD_FEED_GET);
		if (!hdr) {
			err = skb->len;
			break;
		}
		if (c2g_msg_put_feed(skb, feed)) {
			genlmsg_cancel(skb, hdr);
			err = skb->len;
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	mutex_unlock(&cn->lock);
	return err;
}

/* --- quarantine ------------------------------------------------------- */

/*
 * The HOST nest of a request into *@p: FAMILY and ADDR, PREFIXLEN only
 * with @prefix (else one address), TIMEOUT only with @timeout (-1 when
 * absent).
 */
static int c2g_nl_parse_host(struct genl_info *info, bool prefix,
			     s64 *timeout, struct c2g_quar_pfx *p)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *tb[C2GUARD_HOST_A_MAX + 1];
	const struct nlattr *nest;
	unsigned int plen;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, C2GUARD_A_HOST)) {
		NL_SET_ERR_MSG_MOD(extack, "host attribute missing");
		return -EINVAL;
	}
	nest = info->attrs[C2GUARD_A_HOST];
	err = nla_parse_nested(tb, C2GUARD_HOST_A_MAX, nest,
			       c2guard_host_input_nl_policy, extack);
	if (err)
		return err;
	if (NL_REQ_ATTR_CHECK(extack, nest, tb, C2GUARD_HOST_A_FAMILY) ||
	    NL_REQ_ATTR_CHECK(extack, nest, tb, C2GUARD_HOST_A_ADDR)) {
		NL_SET_ERR_MSG_MOD(extack, "host family or address missing");
		return -EINVAL;
	}
	if (tb[C2GUARD_HOST_A_PREFIXLEN] && !prefix) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_HOST_A_PREFIXLEN],
				    "a quarantine is for one host, not a prefix");
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));
	err = c2g_nl_parse_addr(tb[C2GUARD_HOST_A_FAMILY],
				tb[C2GUARD_HOST_A_ADDR],
				tb[C2GUARD_HOST_A_PREFIXLEN], &p->family, p->addr,
				&plen, extack);
	if (err)
		return err;
	p->plen = plen;
	if (tb[C2GUARD_HOST_A_TIMEOUT] && !timeout) {
		NL_SET_ERR_MSG_ATTR(extack, tb[C2GUARD_HOST_A_TIMEOUT],
				    "a timeout goes with a quarantine");
		return -EINVAL;
	}
	if (timeout)
		*timeout = tb[C2GUARD_HOST_A_TIMEOUT] ?
			   (s64)nla_get_u32(tb[C2GUARD_HOST_A_TIMEOUT]) : -1;
	return 0;
}

static int c2g_nl_quar_add(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct c2g_quar_why why = {
		.reason = C2GUARD_REASON_NONE,
	};
	struct c2g_quar_pfx p;
	s64 secs;
	int err;

	err = c2g_nl_parse_host(info, false, &secs, &p);
	if (err)
		return err;
	/* The hooks see the host's packets only once they are on. */
	mutex_lock(&cn->lock);
	err = c2g_hooks_enable(cn);
	mutex_unlock(&cn->lock);
	if (err) {
		NL_SET_ERR_MSG_MOD(info->extack,
				   "cannot enable conntrack and hooks in this netns");
		return err;
	}
	return c2g_quar_add(&cn->quar, p.family, p.addr, secs, &why,
			    GFP_KERNEL_ACCOUNT, info->extack);
}

static int c2g_nl_quar_del(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct c2g_quar_pfx p;
	int err;

	err = c2g_nl_parse_host(info, false, NULL, &p);
	if (err)
		return err;
	err = c2g_quar_del(&cn->quar, p.family, p.addr);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "host not in quarantine");
	return err;
}

static int c2g_nl_allow_add(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct c2g_quar_pfx p;
	int err;

	err = c2g_nl_parse_host(info, true, NULL, &p);
	if (err)
		return err;
	mutex_lock(&cn->lock);
	err = c2g_quar_allow_add(&cn->quar, &p, info->extack);
	mutex_unlock(&cn->lock);
	return err;
}

static int c2g_nl_allow_del(struct sk_buff *skb, struct genl_info *info)
{
	struct c2g_net *cn = c2g_info_net(info);
	struct c2g_quar_pfx p;
	int err;

	err = c2g_nl_parse_host(info, true, NULL, &p);
	if (err)
		return err;
	mutex_lock(&cn->lock);
	err = c2g_quar_allow_del(&cn->quar, &p);
	mutex_unlock(&cn->lock);
	if (err == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "no such host-allow destination");
	return err;
}

/* One message per host-allow destination; cb->args[0] is the index. */
static int c2g_nl_allow_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct c2g_net *cn = c2g_pernet(sock_net(skb->sk));
	struct c2g_quar_pfx p;
	void *hdr;

	while (c2g_quar_allow_get(&cn->quar, cb->args[0], &p)) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &c2g_genl_family,
				  NLM_F_MULTI, C2GUARD_CMD_HOST_ALLOW_GET);
		if (!hdr)
			return skb->len;
		if (c2g_msg_put_host_allow(skb, &p)) {
			genlmsg_cancel(skb, hdr);
			return skb->len;
		}
		genlmsg_end(skb, hdr);
		cb->args[0]++;
	}
	return 0;
}

/*
 * A netlink socket closed: a feed replacement it was staging is abandoned
 * (feeds.c).  Called for every netlink socket of the system, in process
 * context; c2g_feeds_release() returns at once when nothing is staged.
 */
static int c2g_nl_release(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;
	c2g_feeds_release(&c2g_pernet(n->net)->feeds, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block c2g_nl_notifier = {
	.notifier_call = c2g_nl_release,
};

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
		.done = c2g_nl_ind_dump_done,
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
		.start = c2g_nl_live_start,
		.dumpit = c2g_nl_live_dump,
		.done = c2g_nl_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_BEACON_FLUSH,
		.doit = c2g_nl_beacon_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_IND_TEST,
		.doit = c2g_nl_ind_test,
		.policy = c2guard_ind_test_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_FEED_BEGIN,
		.doit = c2g_nl_feed_begin,
		.policy = c2guard_feed_begin_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_FEED_COMMIT,
		.doit = c2g_nl_feed_commit,
		.policy = c2guard_feed_commit_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_FEED_ABORT,
		.doit = c2g_nl_feed_abort,
		.policy = c2guard_feed_abort_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_FEED_DEL,
		.doit = c2g_nl_feed_del,
		.policy = c2guard_feed_del_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_FEED_GET,
		.dumpit = c2g_nl_feed_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_QUARANTINE_ADD,
		.doit = c2g_nl_quar_add,
		.policy = c2guard_quarantine_add_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_QUARANTINE_DEL,
		.doit = c2g_nl_quar_del,
		.policy = c2guard_quarantine_del_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_QUARANTINE_GET,
		.start = c2g_nl_live_start,
		.dumpit = c2g_nl_live_dump,
		.done = c2g_nl_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_HOST_GET,
		.start = c2g_nl_live_start,
		.dumpit = c2g_nl_live_dump,
		.done = c2g_nl_dump_done,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_HOST_ALLOW_ADD,
		.doit = c2g_nl_allow_add,
		.policy = c2guard_host_allow_add_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_HOST_ALLOW_DEL,
		.doit = c2g_nl_allow_del,
		.policy = c2guard_host_allow_del_nl_policy,
		.maxattr = C2GUARD_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = C2GUARD_CMD_HOST_ALLOW_GET,
		.dumpit = c2g_nl_allow_dump,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

int __init c2g_genl_init(void)
{
	int err;

	c2g_genl_family.ops = c2g_genl_ops;
	c2g_genl_family.n_ops = ARRAY_SIZE(c2g_genl_ops);
	err = netlink_register_notifier(&c2g_nl_notifier);
	if (err)
		return err;
	err = genl_register_family(&c2g_genl_family);
	if (err)
		netlink_unregister_notifier(&c2g_nl_notifier);
	return err;
}

/* No alert may be multicast once the family has gone: see c2g_msg_stop(). */
void c2g_genl_uninit(void)
{
	c2g_msg_stop();
	synchronize_net();
	genl_unregister_family(&c2g_genl_family);
	netlink_unregister_notifier(&c2g_nl_notifier);
}
