// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: the attributes of c2guard's messages <-> the structs of records.h.
 */
#include <stdio.h>
#include <string.h>

#include "attr.h"
#include "hello.h"
#include "http.h"
#include "nl-spec.h"

/* Widths of an unsigned attribute (ATTR_W_STR: a string, not a number). */
enum { ATTR_W_NONE, ATTR_W_STR, ATTR_W_U8, ATTR_W_U16, ATTR_W_U32, ATTR_W_U64 };
/* The spec's other types, by name, for its attribute lists: not numbers. */
#define ATTR_W_BINARY ATTR_W_NONE
#define ATTR_W_NEST ATTR_W_NONE

struct attr_tb {
	const struct nlattr **tb;
	unsigned int max;
};

static int attr_tb_cb(const struct nlattr *attr, void *data)
{
	struct attr_tb *t = data;
	unsigned int type = mnl_attr_get_type(attr);

	/* Unknown (newer) attributes are skipped, not errors. */
	if (type <= t->max)
		t->tb[type] = attr;
	return MNL_CB_OK;
}

int attr_table(const struct nlattr *nest, const struct nlattr **tb,
	       unsigned int max)
{
	struct attr_tb t = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (!nest)
		return -1;
	return mnl_attr_parse_nested(nest, attr_tb_cb, &t) < 0 ? -1 : 0;
}

int attr_msg_table(const struct nlmsghdr *nlh, const struct nlattr **tb,
		   unsigned int max)
{
	struct attr_tb t = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return -1;
	return mnl_attr_parse(nlh, GENL_HDRLEN, attr_tb_cb, &t) < 0 ? -1 : 0;
}

/* Fixed-size attributes must have exactly their size; NULL is "absent". */
bool attr_u8(const struct nlattr *a, __u8 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	*v = mnl_attr_get_u8(a);
	return true;
}

bool attr_u16(const struct nlattr *a, __u16 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	*v = mnl_attr_get_u16(a);
	return true;
}

bool attr_u32(const struct nlattr *a, __u32 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

bool attr_u64(const struct nlattr *a, __u64 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	memcpy(v, mnl_attr_get_payload(a), sizeof(*v));
	return true;
}

/* An unsigned attribute of @width (ATTR_W_U8..ATTR_W_U64), exactly that size. */
static bool attr_uint(const struct nlattr *a, unsigned char width, __u64 *v)
{
	__u8 v8;
	__u16 v16;
	__u32 v32;

	switch (width) {
	case ATTR_W_U8:
		if (!attr_u8(a, &v8))
			return false;
		*v = v8;
		return true;
	case ATTR_W_U16:
		if (!attr_u16(a, &v16))
			return false;
		*v = v16;
		return true;
	case ATTR_W_U32:
		if (!attr_u32(a, &v32))
			return false;
		*v = v32;
		return true;
	default:
		return attr_u64(a, v);
	}
}

/* A NUL-terminated string; with @max, shorter than @max bytes. */
bool attr_strz(const struct nlattr *a, size_t max, const char **s)
{
	const char *p;
	size_t len;

	if (!a)
		return false;
	p = mnl_attr_get_payload(a);
	len = mnl_attr_get_payload_len(a);
	if (!len || !memchr(p, '\0', len))
		return false;
	if (max && strlen(p) >= max)
		return false;
	*s = p;
	return true;
}

/* ---- indicators ---- */

/*
 * Put the C2GUARD_A_IND nest; @full adds action, tag and timeout, and
 * C2GUARD_A_FLAGS with C2GUARD_F_REPLACE when the spec asks to replace.
 * (Replacing is an attribute, not NLM_F_REPLACE: the generic netlink core
 * refuses request-modifier bits for strictly validated families.)
 */
void attr_ind_put(struct nlmsghdr *nlh, const struct c2_ind_spec *s,
		  bool full, const char *feed)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, C2GUARD_A_IND);
	if (s->set & C2_SPEC_URL) {
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_URL, s->url);
	} else if (s->set & C2_SPEC_JA4) {
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_JA4, s->ja4);
	} else if (s->set & C2_SPEC_NAME) {
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_DOMAIN, s->name.s);
		if (s->suffix)
			mnl_attr_put(nlh, C2GUARD_IND_A_SUFFIX, 0, NULL);
	} else {
		mnl_attr_put_u8(nlh, C2GUARD_IND_A_FAMILY, s->pfx.family);
		mnl_attr_put(nlh, C2GUARD_IND_A_ADDR,
			     c2g_family_bits(s->pfx.family) / 8, s->pfx.addr);
		mnl_attr_put_u8(nlh, C2GUARD_IND_A_PREFIXLEN, s->pfx.len);
		if (s->set & C2_SPEC_PORT) {
			mnl_attr_put_u16(nlh, C2GUARD_IND_A_PORT, s->port);
			mnl_attr_put_u8(nlh, C2GUARD_IND_A_PROTO, s->proto);
		}
		if (s->set & C2_SPEC_ANSWER)
			mnl_attr_put(nlh, C2GUARD_IND_A_ANSWER, 0, NULL);
	}
	if (full) {
		mnl_attr_put_u8(nlh, C2GUARD_IND_A_ACTION, s->action);
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_TAG, s->tag);
		if (!feed)
			mnl_attr_put_u32(nlh, C2GUARD_IND_A_TIMEOUT, s->timeout);
	}
	if (feed)
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_FEED, feed);
	mnl_attr_nest_end(nlh, nest);
	if (full && (s->set & C2_SPEC_REPLACE))
		mnl_attr_put_u32(nlh, C2GUARD_A_FLAGS, C2GUARD_F_REPLACE);
}

/* FAMILY and ADDR, required and agreeing, and PREFIXLEN; 0 or -1. */
static int attr_ind_addr(const struct nlattr **tb, struct c2_ind_spec *ind)
{
	unsigned int bits;
	__u8 u8v;

	if (!attr_u8(tb[C2GUARD_IND_A_FAMILY], &ind->pfx.family))
		return -1;
	bits = c2g_family_bits(ind->pfx.family);
	if (!bits || !tb[C2GUARD_IND_A_ADDR] ||
	    mnl_attr_get_payload_len(tb[C2GUARD_IND_A_ADDR]) != bits / 8)
		return -1;
	memcpy(ind->pfx.addr, mnl_attr_get_payload(tb[C2GUARD_IND_A_ADDR]),
	       bits / 8);
	ind->pfx.len = (__u8)bits;
	if (tb[C2GUARD_IND_A_PREFIXLEN]) {
		if (!attr_u8(tb[C2GUARD_IND_A_PREFIXLEN], &u8v) || u8v > bits)
			return -1;
		ind->pfx.len = u8v;
	}
	ind->set |= C2_SPEC_ADDR;
	if (tb[C2GUARD_IND_A_PORT]) {
		if (!attr_u16(tb[C2GUARD_IND_A_PORT], &ind->port) ||
		    !ind->port || ind->pfx.len != bits ||
		    (tb[C2GUARD_IND_A_PROTO] &&
		     !attr_u8(tb[C2GUARD_IND_A_PROTO], &ind->proto)))
			return -1;
		ind->set |= C2_SPEC_PORT;
	} else if (tb[C2GUARD_IND_A_PROTO]) {
		return -1;
	}
	if (tb[C2GUARD_IND_A_ANSWER]) {
		if (mnl_attr_get_payload_len(tb[C2GUARD_IND_A_ANSWER]) ||
		    ind->pfx.len != bits || (ind->set & C2_SPEC_PORT))
			return -1;
		ind->set |= C2_SPEC_ANSWER;
	}
	return 0;
}

/* DOMAIN and the SUFFIX flag, never together with an address; 0 or -1. */
static int attr_ind_name(const struct nlattr **tb, struct c2_ind_spec *ind)
{
	const char *name;

	if (tb[C2GUARD_IND_A_FAMILY] || tb[C2GUARD_IND_A_ADDR] ||
	    tb[C2GUARD_IND_A_PREFIXLEN] || tb[C2GUARD_IND_A_ANSWER] ||
	    !attr_strz(tb[C2GUARD_IND_A_DOMAIN], C2GUARD_NAME_MAX + 1,
		       &name) || !*name)
		return -1;
	if (tb[C2GUARD_IND_A_SUFFIX]) {
		if (mnl_attr_get_payload_len(tb[C2GUARD_IND_A_SUFFIX]))
			return -1;
		ind->suffix = true;
	}
	strcpy(ind->name.s, name);
	ind->name.len = (u8)strlen(name);
	ind->set |= C2_SPEC_NAME;
	return 0;
}

/* JA4, alone: no address, name or flag of theirs; 0 or -1. */
static int attr_ind_ja4(const struct nlattr **tb, struct c2_ind_spec *ind)
{
	const char *fp;

	if (tb[C2GUARD_IND_A_FAMILY] || tb[C2GUARD_IND_A_ADDR] ||
	    tb[C2GUARD_IND_A_PREFIXLEN] || tb[C2GUARD_IND_A_PORT] ||
	    tb[C2GUARD_IND_A_PROTO] || tb[C2GUARD_IND_A_ANSWER] ||
	    tb[C2GUARD_IND_A_DOMAIN] || tb[C2GUARD_IND_A_SUFFIX] ||
	    tb[C2GUARD_IND_A_BOUND] ||
	    !attr_strz(tb[C2GUARD_IND_A_JA4], sizeof(ind->ja4), &fp) ||
	    c2g_ja4_check(fp, strlen(fp)))
		return -1;
	strcpy(ind->ja4, fp);
	ind->set |= C2_SPEC_JA4;
	return 0;
}

/*
 * URL, alone: no address, name, fingerprint or flag of theirs, a key
 * c2g_url_valid() takes; 0 or -1.
 */
static int attr_ind_url(const struct nlattr **tb, struct c2_ind_spec *ind)
{
	const char *url;
	size_t hlen;

	if (tb[C2GUARD_IND_A_FAMILY] || tb[C2GUARD_IND_A_ADDR] ||
	    tb[C2GUARD_IND_A_PREFIXLEN] || tb[C2GUARD_IND_A_PORT] ||
	    tb[C2GUARD_IND_A_PROTO] || tb[C2GUARD_IND_A_ANSWER] ||
	    tb[C2GUARD_IND_A_DOMAIN] || tb[C2GUARD_IND_A_SUFFIX] ||
	    tb[C2GUARD_IND_A_BOUND] || tb[C2GUARD_IND_A_JA4] ||
	    !attr_strz(tb[C2GUARD_IND_A_URL], sizeof(ind->url), &url) ||
	    c2g_url_valid(url, strlen(url), &hlen) != C2G_URL_OK)
		return -1;
	strcpy(ind->url, url);
	ind->set |= C2_SPEC_URL;
	return 0;
}

/* A string attribute into @dst (@len bytes, NUL included); 0 or -1. */
static int attr_str_into(const struct nlattr *a, char *dst, size_t len)
{
	const char *s;

	if (!attr_strz(a, len, &s))
		return -1;
	strcpy(dst, s);
	return 0;
}

/* One C2GUARD_IND_A_CLAIM nest; 0 or -1. */
static int attr_claim_get(const struct nlattr *nest, struct ipc_claim *c)
{
	const struct nlattr *tb[C2GUARD_CLAIM_A_MAX + 1];

	memset(c, 0, sizeof(*c));
	if (attr_table(nest, tb, C2GUARD_CLAIM_A_MAX) ||
	    !attr_u8(tb[C2GUARD_CLAIM_A_ACTION], &c->action) ||
	    attr_str_into(tb[C2GUARD_CLAIM_A_TAG], c->tag, sizeof(c->tag)))
		return -1;
	if (tb[C2GUARD_CLAIM_A_FEED] &&
	    attr_str_into(tb[C2GUARD_CLAIM_A_FEED], c->feed, sizeof(c->feed)))
		return -1;
	if (tb[C2GUARD_CLAIM_A_TIMEOUT] &&
	    !attr_u32(tb[C2GUARD_CLAIM_A_TIMEOUT], &c->timeout))
		return -1;
	return 0;
}

/* Every C2GUARD_IND_A_CLAIM of an indicator nest; 0 or -1. */
static int attr_claims_get(const struct nlattr *nest, struct ipc_ind *info)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest) {
		if (mnl_attr_get_type(a) != C2GUARD_IND_A_CLAIM)
			continue;
		if (info->nclaims == IPC_CLAIMS_MAX ||
		    attr_claim_get(a, &info->claims[info->nclaims]))
			return -1;
		info->nclaims++;
	}
	return 0;
}

/*
 * Decode a C2GUARD_A_IND nest: an address (FAMILY, ADDR, PREFIXLEN; BOUND
 * when bound from DNS), a name (DOMAIN, SUFFIX), a JA4 fingerprint (JA4) or
 * a URL (URL), one of them; everything else is optional.  Returns 0 or -1 (malformed).
 */
int attr_ind_get(const struct nlattr *nest, struct ipc_ind *info)
{
	const struct nlattr *tb[C2GUARD_IND_A_MAX + 1];
	struct c2_ind_spec *ind = &info->spec;
	const char *str;

	c2_spec_init(ind);
	ind->action = C2GUARD_ACT_NONE;
	info->has_hits = false;
	info->bound[0] = '\0';
	info->feed[0] = '\0';
	info->nclaims = 0;
	if (attr_table(nest, tb, C2GUARD_IND_A_MAX))
		return -1;
	if (tb[C2GUARD_IND_A_FEED] &&
	    attr_str_into(tb[C2GUARD_IND_A_FEED], info->feed,
			  sizeof(info->feed)))
		return -1;
	if (attr_claims_get(nest, info))
		return -1;
	if (tb[C2GUARD_IND_A_URL]) {
		if (attr_ind_url(tb, ind))
			return -1;
	} else if (tb[C2GUARD_IND_A_JA4]) {
		if (attr_ind_ja4(tb, ind))
			return -1;
	} else if (tb[C2GUARD_IND_A_DOMAIN]) {
		if (attr_ind_name(tb, ind) || tb[C2GUARD_IND_A_BOUND])
			return -1;
	} else if (attr_ind_addr(tb, ind) || tb[C2GUARD_IND_A_SUFFIX]) {
		return -1;
	}
	if (tb[C2GUARD_IND_A_BOUND]) {
		if (!attr_strz(tb[C2GUARD_IND_A_BOUND], sizeof(info->bound),
			       &str) || !*str)
			return -1;
		strcpy(info->bound, str);
	}
	if (tb[C2GUARD_IND_A_ACTION] &&
	    !attr_u8(tb[C2GUARD_IND_A_ACTION], &ind->action))
		return -1;
	if (tb[C2GUARD_IND_A_TAG]) {
		if (!attr_strz(tb[C2GUARD_IND_A_TAG], C2GUARD_TAG_MAX, &str))
			return -1;
		strcpy(ind->tag, str);
	}
	if (tb[C2GUARD_IND_A_TIMEOUT] &&
	    !attr_u32(tb[C2GUARD_IND_A_TIMEOUT], &ind->timeout))
		return -1;
	if (tb[C2GUARD_IND_A_HITS]) {
		if (!attr_u64(tb[C2GUARD_IND_A_HITS], &info->hits))
			return -1;
		info->has_hits = true;
	}
	return 0;
}

/* ---- beacon channels ---- */

/* Width of each statistic of a channel (ATTR_W_NONE: not a statistic). */
static const unsigned char attr_beacon_width[C2GUARD_BEACON_A_MAX + 1] = {
	[C2GUARD_BEACON_A_SCORE] = ATTR_W_U8,
	[C2GUARD_BEACON_A_GAPS] = ATTR_W_U32,
	[C2GUARD_BEACON_A_EVENTS] = ATTR_W_U32,
	[C2GUARD_BEACON_A_RETRIES] = ATTR_W_U32,
	[C2GUARD_BEACON_A_INTERVAL] = ATTR_W_U32,
	[C2GUARD_BEACON_A_JITTER] = ATTR_W_U32,
	[C2GUARD_BEACON_A_SIZE] = ATTR_W_U32,
	[C2GUARD_BEACON_A_AGE] = ATTR_W_U64,
	[C2GUARD_BEACON_A_IDLE] = ATTR_W_U64,
	[C2GUARD_BEACON_A_ALERTS] = ATTR_W_U32,
	[C2GUARD_BEACON_A_TIMING] = ATTR_W_U16,
	[C2GUARD_BEACON_A_DATA] = ATTR_W_U16,
	[C2GUARD_BEACON_A_GAP_DISP] = ATTR_W_U16,
	[C2GUARD_BEACON_A_GAP_CV] = ATTR_W_U16,
	[C2GUARD_BEACON_A_GAP_SKEW] = ATTR_W_U16,
	[C2GUARD_BEACON_A_COUNT] = ATTR_W_U16,
};

/* An address of the channel's family, if present; false if malformed. */
static bool attr_beacon_addr(const struct nlattr *a, __u8 family, u8 *addr,
			     bool *has)
{
	unsigned int bits = c2g_family_bits(family);

	if (!a)
		return true;
	if (!bits || mnl_attr_get_payload_len(a) != bits / 8)
		return false;
	memcpy(addr, mnl_attr_get_payload(a), bits / 8);
	*has = true;
	return true;
}

/*
 * Decode a channel (C2GUARD_A_BEACON or C2GUARD_ALERT_A_BEACON): every
 * attribute is optional, but what is there must be well-formed, addresses
 * need FAMILY, and a channel goes to an address or to a name, not both.
 * Returns 0 or -1 (malformed).
 */
int attr_beacon_get(const struct nlattr *nest, struct ipc_beacon *b)
{
	const struct nlattr *tb[C2GUARD_BEACON_A_MAX + 1];
	const char *name;
	unsigned int i;

	memset(b, 0, sizeof(*b));
	if (attr_table(nest, tb, C2GUARD_BEACON_A_MAX))
		return -1;
	if (tb[C2GUARD_BEACON_A_FAMILY] &&
	    !attr_u8(tb[C2GUARD_BEACON_A_FAMILY], &b->family))
		return -1;
	if (!attr_beacon_addr(tb[C2GUARD_BEACON_A_SADDR], b->family, b->saddr,
			      &b->has_saddr) ||
	    !attr_beacon_addr(tb[C2GUARD_BEACON_A_DADDR], b->family, b->daddr,
			      &b->has_daddr))
		return -1;
	if (tb[C2GUARD_BEACON_A_DPORT]) {
		if (!attr_u16(tb[C2GUARD_BEACON_A_DPORT], &b->dport))
			return -1;
		b->has_dport = true;
	}
	if (tb[C2GUARD_BEACON_A_PROTO]) {
		if (!attr_u8(tb[C2GUARD_BEACON_A_PROTO], &b->proto))
			return -1;
		b->has_proto = true;
	}
	if (tb[C2GUARD_BEACON_A_NAME]) {
		if (!attr_strz(tb[C2GUARD_BEACON_A_NAME], sizeof(b->name),
			       &name) || !*name || b->has_daddr)
			return -1;
		strcpy(b->name, name);
	}
	for (i = 1; i <= C2GUARD_BEACON_A_MAX; i++) {
		if (!attr_beacon_width[i] || !tb[i])
			continue;
		if (!attr_uint(tb[i], attr_beacon_width[i], &b->val[i]))
			return -1;
		b->has[i] = true;
	}
	return 0;
}

/* Widths of the DNS evidence's attributes (the spec's). */
#define DNSEV_WIDTH(attr, name, key, type) [attr] = ATTR_W_##type,
static const unsigned char attr_dnsev_width[C2GUARD_DNS_A_MAX + 1] = {
	C2G_SPEC_DNS_EVIDENCE_ATTRS(DNSEV_WIDTH)
};
#undef DNSEV_WIDTH

/*
 * Decode the evidence of a DNS behaviour alert (C2GUARD_ALERT_A_DNS):
 * counts of their width, up to 4 non-empty PARENT strings.  0 or -1.
 */
static int attr_dnsev_get(const struct nlattr *nest, struct ipc_dnsev *d)
{
	const struct nlattr *tb[C2GUARD_DNS_A_MAX + 1];
	const struct nlattr *at;
	const char *s;
	unsigned int i;

	memset(d, 0, sizeof(*d));
	if (attr_table(nest, tb, C2GUARD_DNS_A_MAX))
		return -1;
	for (i = 1; i <= C2GUARD_DNS_A_MAX; i++) {
		if (attr_dnsev_width[i] < ATTR_W_U8 || !tb[i])
			continue;
		if (!attr_uint(tb[i], attr_dnsev_width[i], &d->val[i]))
			return -1;
		d->has[i] = true;
	}
	mnl_attr_for_each_nested(at, nest) {
		if (mnl_attr_get_type(at) != C2GUARD_DNS_A_PARENT)
			continue;
		if (d->nparents == ARRAY_SIZE(d->parents) ||
		    !attr_strz(at, sizeof(d->parents[0]), &s) || !*s)
			return -1;
		strcpy(d->parents[d->nparents++], s);
	}
	return 0;
}

/* ---- alerts ---- */

/* Optional fixed-size attribute: absent is fine, malformed is not. */
#define OPT(getter, attr, field, flag) \
	(!(attr) || ((flag) = getter((attr), &(field))))

/* The sending process of an alert's flow: PID with COMM and GID, or none. */
static int attr_proc_get(const struct nlattr **at, struct ipc_proc *p)
{
	const char *comm;

	if (!OPT(attr_u32, at[C2GUARD_ALERT_A_UID], p->uid, p->has_uid) ||
	    !OPT(attr_u64, at[C2GUARD_ALERT_A_CGROUP], p->cgroup,
		 p->has_cgroup) ||
	    !OPT(attr_u32, at[C2GUARD_ALERT_A_PID], p->pid, p->has_pid))
		return -1;
	if (!p->has_pid)
		return 0;
	if (!attr_strz(at[C2GUARD_ALERT_A_COMM], sizeof(p->comm), &comm) ||
	    !attr_u32(at[C2GUARD_ALERT_A_GID], &p->gid))
		return -1;
	strcpy(p->comm, comm);
	return 0;
}

/* Decode a C2GUARD_CMD_ALERT message; 0 or -1 (malformed). */
/*
 * A fingerprint (JA4, JA3) into @out (@size bytes), "" when absent:
 * lower-case letters, digits and '_' only, or the alert is malformed.
 */
static int attr_alert_fp(const struct nlattr *at, char *out, size_t size)
{
	const char *s;
	size_t i;

	out[0] = '\0';
	if (!at)
		return 0;
	if (!attr_strz(at, size, &s) || !*s)
		return -1;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return -1;
	strcpy(out, s);
	return 0;
}

/*
 * A string of the alert's (an IRC nick, a protocol's name) into @out
 * (@size bytes), "" when absent: non-empty and shorter than @size, or the
 * alert is malformed.  Printed escaped: the bytes are not trusted.
 */
static int attr_alert_str(const struct nlattr *at, char *out, size_t size)
{
	const char *s;

	out[0] = '\0';
	if (!at)
		return 0;
	if (!attr_strz(at, size, &s) || !*s)
		return -1;
	strcpy(out, s);
	return 0;
}

/* What the first payload gave away (reasons proto-mismatch and irc). */
static int attr_alert_wire(const struct nlattr **at, struct ipc_wire *w)
{
	if (attr_alert_str(at[C2GUARD_ALERT_A_PROTO_EXPECTED], w->expected,
			   sizeof(w->expected)) ||
	    attr_alert_str(at[C2GUARD_ALERT_A_PROTO_SEEN], w->seen,
			   sizeof(w->seen)) ||
	    attr_alert_str(at[C2GUARD_ALERT_A_IRC_NICK], w->nick,
			   sizeof(w->nick)) ||
	    attr_alert_str(at[C2GUARD_ALERT_A_IRC_CHANNEL], w->channel,
			   sizeof(w->channel)))
		return -1;
	/* a flag: present, and empty */
	if (at[C2GUARD_ALERT_A_IRC_PORT]) {
		if (mnl_attr_get_payload_len(at[C2GUARD_ALERT_A_IRC_PORT]))
			return -1;
		w->irc_port = true;
	}
	return 0;
}

int attr_alert_get(const struct nlmsghdr *nlh, struct ipc_alert *a)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *at[C2GUARD_ALERT_A_MAX + 1];
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	const char *name;
	unsigned int bits;

	memset(a, 0, sizeof(*a));
	if (attr_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    genl->cmd != C2GUARD_CMD_ALERT ||
	    attr_table(tb[C2GUARD_A_ALERT], at, C2GUARD_ALERT_A_MAX))
		return -1;
	if (!attr_u64(at[C2GUARD_ALERT_A_SEQ], &a->seq) ||
	    !attr_u8(at[C2GUARD_ALERT_A_FAMILY], &a->family) ||
	    !attr_u8(at[C2GUARD_ALERT_A_PROTO], &a->proto))
		return -1;
	bits = c2g_family_bits(a->family);
	if (!bits || !at[C2GUARD_ALERT_A_SADDR] || !at[C2GUARD_ALERT_A_DADDR] ||
	    mnl_attr_get_payload_len(at[C2GUARD_ALERT_A_SADDR]) != bits / 8 ||
	    mnl_attr_get_payload_len(at[C2GUARD_ALERT_A_DADDR]) != bits / 8)
		return -1;
	memcpy(a->saddr, mnl_attr_get_payload(at[C2GUARD_ALERT_A_SADDR]), bits / 8);
	memcpy(a->daddr, mnl_attr_get_payload(at[C2GUARD_ALERT_A_DADDR]), bits / 8);

	if (!OPT(attr_u64, at[C2GUARD_ALERT_A_TIME], a->time, a->has_time) ||
	    !OPT(attr_u32, at[C2GUARD_ALERT_A_NETNS], a->netns, a->has_netns) ||
	    !OPT(attr_u16, at[C2GUARD_ALERT_A_SPORT], a->sport, a->has_sport) ||
	    !OPT(attr_u16, at[C2GUARD_ALERT_A_DPORT], a->dport, a->has_dport) ||
	    !OPT(attr_u8, at[C2GUARD_ALERT_A_DIR], a->dir, a->has_dir) ||
	    !OPT(attr_u8, at[C2GUARD_ALERT_A_HOOK], a->hook, a->has_hook) ||
	    !OPT(attr_u32, at[C2GUARD_ALERT_A_IIF], a->iif, a->has_iif) ||
	    !OPT(attr_u8, at[C2GUARD_ALERT_A_ACTION], a->action, a->has_action) ||
	    !OPT(attr_u8, at[C2GUARD_ALERT_A_REASON], a->reason, a->has_reason) ||
	    !OPT(attr_u32, at[C2GUARD_ALERT_A_SUPPRESSED], a->suppressed,
		 a->has_suppressed))
		return -1;
	if (attr_proc_get(at, &a->proc))
		return -1;
	if (at[C2GUARD_ALERT_A_IND]) {
		if (attr_ind_get(at[C2GUARD_ALERT_A_IND], &a->ind))
			return -1;
		a->has_ind = true;
	}
	if (at[C2GUARD_ALERT_A_NAME]) {
		if (!attr_strz(at[C2GUARD_ALERT_A_NAME], sizeof(a->name),
			       &name) || !*name)
			return -1;
		strcpy(a->name, name);
	}
	if (attr_alert_fp(at[C2GUARD_ALERT_A_JA4], a->ja4, sizeof(a->ja4)) ||
	    attr_alert_fp(at[C2GUARD_ALERT_A_JA3], a->ja3, sizeof(a->ja3)) ||
	    attr_alert_str(at[C2GUARD_ALERT_A_URL], a->url, sizeof(a->url)) ||
	    attr_alert_wire(at, &a->wire))
		return -1;
	if (at[C2GUARD_ALERT_A_BEACON]) {
		if (attr_beacon_get(at[C2GUARD_ALERT_A_BEACON], &a->beacon))
			return -1;
		a->has_beacon = true;
		/* a name channel names itself, should NAME be missing */
		if (!a->name[0])
			strcpy(a->name, a->beacon.name);
	}
	if (at[C2GUARD_ALERT_A_DNS]) {
		if (attr_dnsev_get(at[C2GUARD_ALERT_A_DNS], &a->dns))
			return -1;
		a->has_dns = true;
	}
	if (at[C2GUARD_ALERT_A_HOST]) {
		if (attr_host_nest(at[C2GUARD_ALERT_A_HOST], &a->host) ||
		    !a->host.tracked)
			return -1;
		a->has_host = true;
	}
	return 0;
}

/* ---- status ---- */

/* The width of each status attribute, from the spec. */
#define STATUS_W(attr, name, key, type) [attr] = ATTR_W_##type,
static const unsigned char attr_status_width[C2GUARD_STATUS_A_MAX + 1] = {
	C2G_SPEC_STATUS_ATTRS(STATUS_W)
};
#undef STATUS_W

/*
 * The C2GUARD_A_STATUS nest of a STATUS_GET reply into *st (attributes
 * c2ctl does not know are skipped).  Returns 0, or -1 when anything is
 * malformed (then the well-formed attributes are still in *st).
 */
int attr_status_get(const struct nlmsghdr *nlh, struct ipc_status *st)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *sa[C2GUARD_STATUS_A_MAX + 1];
	const char *str;
	unsigned int i;
	int ret = 0;

	if (attr_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    attr_table(tb[C2GUARD_A_STATUS], sa, C2GUARD_STATUS_A_MAX))
		return -1;
	for (i = 1; i <= C2GUARD_STATUS_A_MAX; i++) {
		if (!attr_status_width[i] || !sa[i])
			continue;
		if (attr_status_width[i] == ATTR_W_STR) {
			if (!attr_strz(sa[i], 0, &str)) {
				ret = -1;
				continue;
			}
			snprintf(st->version, sizeof(st->version), "%s", str);
		} else if (!attr_uint(sa[i], attr_status_width[i], &st->val[i])) {
			ret = -1;
			continue;
		}
		st->has[i] = true;
	}
	return ret;
}

/* ---- config ---- */

/*
 * The width of each setting, from the spec; the port lists (binary: arrays
 * of u32 or u16) are ATTR_W_NONE here.
 */
#define CFG_W(attr, name, key, type) [attr] = ATTR_W_##type,
static const unsigned char attr_cfg_width[C2GUARD_CFG_A_MAX + 1] = {
	C2G_SPEC_CFG_ATTRS(CFG_W)
};
#undef CFG_W

/* BEACON_ALLOW_PORTS: whole u32s, not too many; false if malformed. */
static bool attr_ports_get(const struct nlattr *a, struct ipc_config *c)
{
	size_t len = mnl_attr_get_payload_len(a);

	if (len % sizeof(__u32) ||
	    len / sizeof(__u32) > C2GUARD_BEACON_ALLOW_PORTS_MAX)
		return false;
	memcpy(c->ports, mnl_attr_get_payload(a), len);
	c->n_ports = (unsigned int)(len / sizeof(__u32));
	return true;
}

/*
 * TLS_PORTS, HTTP_PORTS, IRC_PORTS: whole u16s, not too many, into @p;
 * false if malformed.  (0 and a port twice, which the module refuses, are
 * shown as they come.)
 */
static bool attr_wire_ports_get(const struct nlattr *a, struct ipc_ports *p)
{
	size_t len = mnl_attr_get_payload_len(a);

	if (len % sizeof(__u16) ||
	    len / sizeof(__u16) > C2GUARD_WIRE_PORTS_MAX)
		return false;
	memcpy(p->port, mnl_attr_get_payload(a), len);
	p->n = (unsigned int)(len / sizeof(__u16));
	return true;
}

/*
 * The C2GUARD_A_CONFIG nest of a CONFIG_GET reply into *c (settings c2ctl
 * does not know are skipped).  Returns 0, or -1 when anything is
 * malformed (then the well-formed settings are still in *c).
 */
int attr_config_get(const struct nlmsghdr *nlh, struct ipc_config *c)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	const struct nlattr *ca[C2GUARD_CFG_A_MAX + 1];
	const struct nlattr *ports;
	unsigned int i;
	int ret = 0;

	if (attr_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    attr_table(tb[C2GUARD_A_CONFIG], ca, C2GUARD_CFG_A_MAX))
		return -1;
	for (i = 1; i <= C2GUARD_CFG_A_MAX; i++) {
		if (!attr_cfg_width[i] || !ca[i])
			continue;
		if (!attr_uint(ca[i], attr_cfg_width[i], &c->val[i]))
			ret = -1;
		else
			c->has[i] = true;
	}
	ports = ca[C2GUARD_CFG_A_BEACON_ALLOW_PORTS];
	if (ports) {
		if (!attr_ports_get(ports, c))
			ret = -1;
		else
			c->has[C2GUARD_CFG_A_BEACON_ALLOW_PORTS] = true;
	}
	for (i = 1; i <= C2GUARD_CFG_A_MAX; i++) {
		int w = ipc_wire_ports(i);

		if (w < 0 || !ca[i])
			continue;
		if (!attr_wire_ports_get(ca[i], &c->wire[w]))
			ret = -1;
		else
			c->has[i] = true;
	}
	return ret;
}

/* The C2GUARD_A_CONFIG nest of the settings c->has names. */
void attr_config_put(struct nlmsghdr *nlh, const struct ipc_config *c)
{
	struct nlattr *nest;
	unsigned int a;

	nest = mnl_attr_nest_start(nlh, C2GUARD_A_CONFIG);
	for (a = 1; a <= C2GUARD_CFG_A_MAX; a++) {
		int w = ipc_wire_ports(a);

		if (!c->has[a])
			continue;
		if (w >= 0)
			mnl_attr_put(nlh, (__u16)a, c->wire[w].n * sizeof(__u16),
				     c->wire[w].port);
		else if (a == C2GUARD_CFG_A_BEACON_ALLOW_PORTS)
			mnl_attr_put(nlh, (__u16)a, c->n_ports * sizeof(__u32),
				     c->ports);
		else if (attr_cfg_width[a] == ATTR_W_U8)
			mnl_attr_put_u8(nlh, (__u16)a, (__u8)c->val[a]);
		else if (attr_cfg_width[a] == ATTR_W_U16)
			mnl_attr_put_u16(nlh, (__u16)a, (__u16)c->val[a]);
		else if (attr_cfg_width[a] == ATTR_W_U32)
			mnl_attr_put_u32(nlh, (__u16)a, (__u32)c->val[a]);
	}
	mnl_attr_nest_end(nlh, nest);
}

/* ---- feeds ---- */

/* A FEED_GET reply; 0 or -1 (malformed). */
int attr_feed_get(const struct nlmsghdr *nlh, struct ipc_feed *f)
{
	static const unsigned int counts[C2_SPEC_KINDS] = {
		C2GUARD_FEED_A_IND_V4, C2GUARD_FEED_A_IND_V6,
		C2GUARD_FEED_A_IND_NAMES, C2GUARD_FEED_A_IND_SUFFIXES,
		C2GUARD_FEED_A_IND_PORTS, C2GUARD_FEED_A_IND_ANSWERS,
		C2GUARD_FEED_A_IND_JA4, C2GUARD_FEED_A_IND_URLS,
	};
	const struct nlattr *top[C2GUARD_A_MAX + 1];
	const struct nlattr *tb[C2GUARD_FEED_A_MAX + 1];
	unsigned int i;

	memset(f, 0, sizeof(*f));
	if (attr_msg_table(nlh, top, C2GUARD_A_MAX) ||
	    attr_table(top[C2GUARD_A_FEED], tb, C2GUARD_FEED_A_MAX) ||
	    attr_str_into(tb[C2GUARD_FEED_A_NAME], f->name, sizeof(f->name)) ||
	    !*f->name)
		return -1;
	if ((tb[C2GUARD_FEED_A_SOURCE] &&
	     attr_str_into(tb[C2GUARD_FEED_A_SOURCE], f->source,
			   sizeof(f->source))) ||
	    (tb[C2GUARD_FEED_A_FORMAT] &&
	     attr_str_into(tb[C2GUARD_FEED_A_FORMAT], f->format,
			   sizeof(f->format))) ||
	    (tb[C2GUARD_FEED_A_TAG] &&
	     attr_str_into(tb[C2GUARD_FEED_A_TAG], f->tag, sizeof(f->tag))))
		return -1;
	if ((tb[C2GUARD_FEED_A_ACTION] &&
	     !attr_u8(tb[C2GUARD_FEED_A_ACTION], &f->action)) ||
	    (tb[C2GUARD_FEED_A_TIMEOUT] &&
	     !attr_u32(tb[C2GUARD_FEED_A_TIMEOUT], &f->timeout)) ||
	    (tb[C2GUARD_FEED_A_ERRORS] &&
	     !attr_u32(tb[C2GUARD_FEED_A_ERRORS], &f->errors)) ||
	    (tb[C2GUARD_FEED_A_UNSUPPORTED] &&
	     !attr_u32(tb[C2GUARD_FEED_A_UNSUPPORTED], &f->unsupported)) ||
	    (tb[C2GUARD_FEED_A_LOADED] &&
	     !attr_u64(tb[C2GUARD_FEED_A_LOADED], &f->loaded)))
		return -1;
	for (i = 0; i < C2_SPEC_KINDS; i++)
		if (tb[counts[i]] && !attr_u32(tb[counts[i]], &f->count[i]))
			return -1;
	if (tb[C2GUARD_FEED_A_STAGING]) {
		if (!attr_u32(tb[C2GUARD_FEED_A_STAGING], &f->staging))
			return -1;
		f->has_staging = true;
	}
	return 0;
}

/* ---- hosts ---- */

/*
 * C2GUARD_A_HOST of a quarantine or host-allow request: the address, its
 * prefix length with @prefix, the timeout when given.
 */
void attr_host_put(struct nlmsghdr *nlh, const struct ipc_host *h,
		   bool prefix)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, C2GUARD_A_HOST);
	mnl_attr_put_u8(nlh, C2GUARD_HOST_A_FAMILY, h->pfx.family);
	mnl_attr_put(nlh, C2GUARD_HOST_A_ADDR,
		     c2g_family_bits(h->pfx.family) / 8, h->pfx.addr);
	if (prefix)
		mnl_attr_put_u8(nlh, C2GUARD_HOST_A_PREFIXLEN, h->pfx.len);
	if (h->has_timeout)
		mnl_attr_put_u32(nlh, C2GUARD_HOST_A_TIMEOUT, h->timeout);
	mnl_attr_nest_end(nlh, nest);
}

/*
 * One piece of evidence (C2GUARD_HOST_A_EVIDENCE) or count
 * (C2GUARD_HOST_A_COUNT) into *@ev; 0 or -1 (malformed).
 */
static int attr_evidence_get(const struct nlattr *nest,
			     struct ipc_evidence *ev)
{
	const struct nlattr *tb[C2GUARD_EV_A_MAX + 1];
	const char *s;
	unsigned int bits;

	memset(ev, 0, sizeof(*ev));
	if (attr_table(nest, tb, C2GUARD_EV_A_MAX) ||
	    !attr_u8(tb[C2GUARD_EV_A_KIND], &ev->kind) ||
	    !attr_u32(tb[C2GUARD_EV_A_COUNT], &ev->count))
		return -1;
	if ((tb[C2GUARD_EV_A_REASON] &&
	     !attr_u8(tb[C2GUARD_EV_A_REASON], &ev->reason)) ||
	    (tb[C2GUARD_EV_A_PROTO] &&
	     !attr_u8(tb[C2GUARD_EV_A_PROTO], &ev->proto)) ||
	    (tb[C2GUARD_EV_A_PORT] &&
	     !attr_u16(tb[C2GUARD_EV_A_PORT], &ev->port)) ||
	    (tb[C2GUARD_EV_A_VALUE] &&
	     !attr_u32(tb[C2GUARD_EV_A_VALUE], &ev->value)) ||
	    (tb[C2GUARD_EV_A_WEIGHT] &&
	     !attr_u32(tb[C2GUARD_EV_A_WEIGHT], &ev->weight)) ||
	    (tb[C2GUARD_EV_A_FIRST] &&
	     !attr_u64(tb[C2GUARD_EV_A_FIRST], &ev->first)) ||
	    (tb[C2GUARD_EV_A_LAST] &&
	     !attr_u64(tb[C2GUARD_EV_A_LAST], &ev->last)) ||
	    (tb[C2GUARD_EV_A_TAG] &&
	     attr_str_into(tb[C2GUARD_EV_A_TAG], ev->tag, sizeof(ev->tag))))
		return -1;
	if (tb[C2GUARD_EV_A_NAME]) {
		if (!attr_strz(tb[C2GUARD_EV_A_NAME], sizeof(ev->name), &s) ||
		    !*s)
			return -1;
		strcpy(ev->name, s);
	}
	if (tb[C2GUARD_EV_A_FAMILY]) {
		if (!attr_u8(tb[C2GUARD_EV_A_FAMILY], &ev->family))
			return -1;
		bits = c2g_family_bits(ev->family);
		if (!bits || !tb[C2GUARD_EV_A_ADDR] ||
		    mnl_attr_get_payload_len(tb[C2GUARD_EV_A_ADDR]) != bits / 8)
			return -1;
		memcpy(ev->addr, mnl_attr_get_payload(tb[C2GUARD_EV_A_ADDR]),
		       bits / 8);
		ev->has_addr = true;
	}
	return 0;
}

/* The evidence of a host (HOST_GET, a host-risk alert); 0 or -1. */
static int attr_track_get(const struct nlattr *nest,
			  const struct nlattr **tb, struct ipc_track *t)
{
	const struct nlattr *at;
	int type;

	if (!attr_u64(tb[C2GUARD_HOST_A_FIRST], &t->first) ||
	    !attr_u64(tb[C2GUARD_HOST_A_LAST], &t->last) ||
	    !attr_u32(tb[C2GUARD_HOST_A_RISK], &t->risk) ||
	    !attr_u32(tb[C2GUARD_HOST_A_RISK_ALERTS], &t->risk_alerts))
		return -1;
	mnl_attr_for_each_nested(at, nest) {
		type = mnl_attr_get_type(at);
		if (type == C2GUARD_HOST_A_COUNT) {
			if (t->ncounts == IPC_HOST_COUNTS ||
			    attr_evidence_get(at, &t->counts[t->ncounts++]))
				return -1;
		} else if (type == C2GUARD_HOST_A_EVIDENCE) {
			if (t->nev == C2GUARD_HOST_EVIDENCE_MAX ||
			    attr_evidence_get(at, &t->ev[t->nev++]))
				return -1;
		}
	}
	return 0;
}

/* A QUARANTINE_GET, HOST_GET or HOST_ALLOW_GET reply; 0 or -1 (malformed). */
int attr_host_get(const struct nlmsghdr *nlh, struct ipc_host *h)
{
	const struct nlattr *top[C2GUARD_A_MAX + 1];

	if (attr_msg_table(nlh, top, C2GUARD_A_MAX) || !top[C2GUARD_A_HOST]) {
		memset(h, 0, sizeof(*h));
		return -1;
	}
	return attr_host_nest(top[C2GUARD_A_HOST], h);
}

/* A host nest (struct host of the spec) into *@h; 0 or -1 (malformed). */
int attr_host_nest(const struct nlattr *nest, struct ipc_host *h)
{
	const struct nlattr *tb[C2GUARD_HOST_A_MAX + 1];
	unsigned int bits;

	memset(h, 0, sizeof(*h));
	if (attr_table(nest, tb, C2GUARD_HOST_A_MAX) ||
	    !attr_u8(tb[C2GUARD_HOST_A_FAMILY], &h->pfx.family))
		return -1;
	bits = c2g_family_bits(h->pfx.family);
	if (!bits || !tb[C2GUARD_HOST_A_ADDR] ||
	    mnl_attr_get_payload_len(tb[C2GUARD_HOST_A_ADDR]) != bits / 8)
		return -1;
	memcpy(h->pfx.addr, mnl_attr_get_payload(tb[C2GUARD_HOST_A_ADDR]),
	       bits / 8);
	h->pfx.len = (__u8)bits;
	if ((tb[C2GUARD_HOST_A_PREFIXLEN] &&
	     (!attr_u8(tb[C2GUARD_HOST_A_PREFIXLEN], &h->pfx.len) ||
	      h->pfx.len > bits)) ||
	    (tb[C2GUARD_HOST_A_TIMEOUT] &&
	     !attr_u32(tb[C2GUARD_HOST_A_TIMEOUT], &h->timeout)) ||
	    (tb[C2GUARD_HOST_A_SINCE] &&
	     !attr_u64(tb[C2GUARD_HOST_A_SINCE], &h->since)) ||
	    (tb[C2GUARD_HOST_A_ALERT_SEQ] &&
	     !attr_u64(tb[C2GUARD_HOST_A_ALERT_SEQ], &h->alert_seq)) ||
	    (tb[C2GUARD_HOST_A_DROPS] &&
	     !attr_u64(tb[C2GUARD_HOST_A_DROPS], &h->drops)) ||
	    (tb[C2GUARD_HOST_A_REASON] &&
	     !attr_u8(tb[C2GUARD_HOST_A_REASON], &h->reason)) ||
	    (tb[C2GUARD_HOST_A_TAG] &&
	     attr_str_into(tb[C2GUARD_HOST_A_TAG], h->tag, sizeof(h->tag))) ||
	    (tb[C2GUARD_HOST_A_NAME] &&
	     attr_str_into(tb[C2GUARD_HOST_A_NAME], h->name,
			   sizeof(h->name))))
		return -1;
	h->has_timeout = tb[C2GUARD_HOST_A_TIMEOUT];
	if (tb[C2GUARD_HOST_A_FIRST]) {
		if (attr_track_get(nest, tb, &h->track))
			return -1;
		h->tracked = true;
	}
	return 0;
}
