// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: indicator commands (add, del, flush, list, load).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "c2ctl.h"

/*
 * Put the C2GUARD_A_IND nest; @full adds action, tag and timeout, and
 * C2GUARD_A_FLAGS with C2GUARD_F_REPLACE when the spec asks to replace.
 * (Replacing is an attribute, not NLM_F_REPLACE: the generic netlink core
 * refuses request-modifier bits for strictly validated families.)
 */
int c2_ind_put(struct nlmsghdr *nlh, const struct c2_ind_spec *s, bool full)
{
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, C2GUARD_A_IND);
	if (s->set & C2_SPEC_NAME) {
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_DOMAIN, s->name.s);
		if (s->suffix)
			mnl_attr_put(nlh, C2GUARD_IND_A_SUFFIX, 0, NULL);
	} else {
		mnl_attr_put_u8(nlh, C2GUARD_IND_A_FAMILY, s->pfx.family);
		mnl_attr_put(nlh, C2GUARD_IND_A_ADDR,
			     c2g_family_bits(s->pfx.family) / 8, s->pfx.addr);
		mnl_attr_put_u8(nlh, C2GUARD_IND_A_PREFIXLEN, s->pfx.len);
	}
	if (full) {
		mnl_attr_put_u8(nlh, C2GUARD_IND_A_ACTION, s->action);
		mnl_attr_put_strz(nlh, C2GUARD_IND_A_TAG, s->tag);
		mnl_attr_put_u32(nlh, C2GUARD_IND_A_TIMEOUT, s->timeout);
	}
	mnl_attr_nest_end(nlh, nest);
	if (full && (s->set & C2_SPEC_REPLACE))
		mnl_attr_put_u32(nlh, C2GUARD_A_FLAGS, C2GUARD_F_REPLACE);
	return 0;
}

/* FAMILY and ADDR, required and agreeing, and PREFIXLEN; 0 or -1. */
static int ind_addr_from_tb(const struct nlattr **tb, struct c2_ind_spec *ind)
{
	unsigned int bits;
	__u8 u8v;

	if (!c2_attr_u8(tb[C2GUARD_IND_A_FAMILY], &ind->pfx.family))
		return -1;
	bits = c2g_family_bits(ind->pfx.family);
	if (!bits || !tb[C2GUARD_IND_A_ADDR] ||
	    mnl_attr_get_payload_len(tb[C2GUARD_IND_A_ADDR]) != bits / 8)
		return -1;
	memcpy(ind->pfx.addr, mnl_attr_get_payload(tb[C2GUARD_IND_A_ADDR]),
	       bits / 8);
	ind->pfx.len = (__u8)bits;
	if (tb[C2GUARD_IND_A_PREFIXLEN]) {
		if (!c2_attr_u8(tb[C2GUARD_IND_A_PREFIXLEN], &u8v) || u8v > bits)
			return -1;
		ind->pfx.len = u8v;
	}
	ind->set |= C2_SPEC_ADDR;
	return 0;
}

/* DOMAIN and the SUFFIX flag, never together with an address; 0 or -1. */
static int ind_name_from_tb(const struct nlattr **tb, struct c2_ind_spec *ind)
{
	const char *name;

	if (tb[C2GUARD_IND_A_FAMILY] || tb[C2GUARD_IND_A_ADDR] ||
	    tb[C2GUARD_IND_A_PREFIXLEN] ||
	    !c2_attr_strz(tb[C2GUARD_IND_A_DOMAIN], C2GUARD_NAME_MAX + 1,
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

/*
 * Decode a C2GUARD_A_IND nest: an address (FAMILY, ADDR, PREFIXLEN; BOUND
 * when bound from DNS) or a name (DOMAIN, SUFFIX), never both; everything
 * else is optional.  Returns 0 or -1 (malformed).
 */
int c2_ind_from_nest(const struct nlattr *nest, struct c2_ind_info *info)
{
	const struct nlattr *tb[C2GUARD_IND_A_MAX + 1];
	struct c2_ind_spec *ind = &info->spec;
	const char *str;

	c2_spec_init(ind);
	ind->action = C2GUARD_ACT_NONE;
	info->has_hits = false;
	info->bound[0] = '\0';
	if (c2_attr_table(nest, tb, C2GUARD_IND_A_MAX))
		return -1;
	if (tb[C2GUARD_IND_A_DOMAIN]) {
		if (ind_name_from_tb(tb, ind) || tb[C2GUARD_IND_A_BOUND])
			return -1;
	} else if (ind_addr_from_tb(tb, ind) || tb[C2GUARD_IND_A_SUFFIX]) {
		return -1;
	}
	if (tb[C2GUARD_IND_A_BOUND]) {
		if (!c2_attr_strz(tb[C2GUARD_IND_A_BOUND], sizeof(info->bound),
				  &str) || !*str)
			return -1;
		strcpy(info->bound, str);
	}
	if (tb[C2GUARD_IND_A_ACTION] &&
	    !c2_attr_u8(tb[C2GUARD_IND_A_ACTION], &ind->action))
		return -1;
	if (tb[C2GUARD_IND_A_TAG]) {
		if (!c2_attr_strz(tb[C2GUARD_IND_A_TAG], C2GUARD_TAG_MAX, &str))
			return -1;
		strcpy(ind->tag, str);
	}
	if (tb[C2GUARD_IND_A_TIMEOUT] &&
	    !c2_attr_u32(tb[C2GUARD_IND_A_TIMEOUT], &ind->timeout))
		return -1;
	if (tb[C2GUARD_IND_A_HITS]) {
		if (!c2_attr_u64(tb[C2GUARD_IND_A_HITS], &info->hits))
			return -1;
		info->has_hits = true;
	}
	return 0;
}

static int usage_err(const char *cmd, const char *msg)
{
	c2_err("%s: %s", cmd, msg);
	return 1;
}

/*
 * add and del: one indicator from the command line, one request.
 * @allowed says which options the command takes; @full whether the
 * request carries them (add) or only the indicator's identity (del).
 */
static int ind_one(int argc, char **argv, const char *name, __u8 cmd,
		   unsigned int allowed, bool full)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	char err[C2_ERR_MAX], ctx[C2_IND_FMT_MAX + 16];
	struct c2_ind_spec spec;
	struct c2_nl_err e;
	struct nlmsghdr *nlh;
	struct c2_nl nl;
	int r;

	c2_spec_init(&spec);
	if (c2_spec_parse_words(&spec, allowed, argc - 1, argv + 1, err,
				sizeof(err)))
		return usage_err(name, err);
	if (c2_nl_open(&nl))
		return 1;
	nlh = c2_nl_put_hdr(buf, nl.family, 0, 0, cmd);
	c2_ind_put(nlh, &spec, full);
	r = c2_nl_do(&nl, nlh, NULL, NULL, &e);
	if (r) {
		snprintf(ctx, sizeof(ctx), "%s %.*s", name, C2_IND_FMT_MAX,
			 argv[1]);
		c2_nl_report(ctx, &e);
	}
	c2_nl_close(&nl);
	return r ? 1 : 0;
}

int cmd_add(int argc, char **argv)
{
	return ind_one(argc, argv, "add", C2GUARD_CMD_IND_ADD,
		       C2_SPEC_OPTS | C2_SPEC_REPLACE, true);
}

int cmd_del(int argc, char **argv)
{
	return ind_one(argc, argv, "del", C2GUARD_CMD_IND_DEL, 0, false);
}

int cmd_flush(int argc, char **argv)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	const char *tag = NULL;
	struct c2_nl_err e;
	struct nlmsghdr *nlh;
	struct c2_nl nl;
	int r;

	if (argc == 3 && !strcmp(argv[1], "tag")) {
		tag = argv[2];
		if (strlen(tag) >= C2GUARD_TAG_MAX)
			return usage_err("flush", "tag longer than 31 bytes");
	} else if (argc != 1) {
		return usage_err("flush", "expected nothing or \"tag T\"");
	}
	if (c2_nl_open(&nl))
		return 1;
	nlh = c2_nl_put_hdr(buf, nl.family, 0, 0, C2GUARD_CMD_IND_FLUSH);
	if (tag)
		mnl_attr_put_strz(nlh, C2GUARD_A_TAG, tag);
	r = c2_nl_do(&nl, nlh, NULL, NULL, &e);
	if (r)
		c2_nl_report("flush", &e);
	c2_nl_close(&nl);
	return r ? 1 : 0;
}

/* ---- list ---- */

/*
 * The dump is kept as the kernel sent it, the indicators' nests back to
 * back, and decoded again to be printed: far less memory on a table of
 * millions than decoded entries, each with room for a 253-byte name.
 */
struct list_ctx {
	struct c2_nl *nl;
	char *pool;
	size_t len, cap;
	size_t malformed;
};

static int list_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	struct list_ctx *lc = data;
	struct c2_ind_info info;
	size_t len;

	if (nlh->nlmsg_type != lc->nl->family)
		return 0;
	if (c2_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    c2_ind_from_nest(tb[C2GUARD_A_IND], &info)) {
		lc->malformed++;
		return 0;
	}
	len = mnl_attr_get_len(tb[C2GUARD_A_IND]);
	while (lc->cap - lc->len < NLA_ALIGN(len)) {
		lc->cap = lc->cap ? lc->cap * 2 : 64 * 1024;
		lc->pool = c2_xrealloc(lc->pool, lc->cap);
	}
	memcpy(lc->pool + lc->len, tb[C2GUARD_A_IND], len);
	memset(lc->pool + lc->len + len, 0, NLA_ALIGN(len) - len);
	lc->len += NLA_ALIGN(len);
	return 0;
}

/*
 * Text: "TYPE ENTRY action A tag T timeout S hits H [bound NAME]";
 * JSON: one object per line.
 */
void c2_ind_print(const struct c2_ind_info *info)
{
	const struct c2_ind_spec *ind = &info->spec;
	char entry[C2_IND_FMT_MAX], addr[C2G_ADDR_FMT_MAX], nb[16];
	const char *act = out_action_name(ind->action, nb, sizeof(nb));

	if (c2_json) {
		printf("{\"type\":\"%s\"", out_ind_type(info));
		if (ind->set & C2_SPEC_ADDR) {
			c2g_addr_format(ind->pfx.family, ind->pfx.addr, addr,
					sizeof(addr));
			printf(",\"family\":\"%s\",\"addr\":\"%s\",\"prefixlen\":%u",
			       out_family_name(ind->pfx.family), addr,
			       ind->pfx.len);
		}
		out_ind_names_json(info);
		out_json_key_str("action", act);
		out_json_key_str("tag", ind->tag);
		printf(",\"timeout\":%u", ind->timeout);
		if (info->has_hits)
			printf(",\"hits\":%llu", (unsigned long long)info->hits);
		fputs("}\n", stdout);
		return;
	}
	c2_spec_format(ind, entry, sizeof(entry));
	printf("%s ", out_ind_type(info));
	out_text_word(stdout, entry);
	printf(" action %s tag ", act);
	out_text_word(stdout, ind->tag);
	printf(" timeout %u", ind->timeout);
	if (info->has_hits)
		printf(" hits %llu", (unsigned long long)info->hits);
	if (info->bound[0]) {
		fputs(" bound ", stdout);
		out_text_word(stdout, info->bound);
	}
	putchar('\n');
}

#define LIST_TRIES	5

/*
 * Dump the indicators and call @fn for each, in the kernel's order.  The
 * whole dump is collected before @fn sees any of it, so a dump that the
 * kernel flags as interrupted can be thrown away and redone without
 * showing an indicator twice.  Reports failures naming @what (malformed
 * entries are skipped, then reported); returns 0 or 1.
 */
int c2_ind_dump(const char *what, c2_ind_visit fn, void *data)
{
	const struct nlattr *nest;
	struct list_ctx lc = { 0 };
	struct c2_ind_info info;
	struct c2_nl_err e;
	struct c2_nl nl;
	int tries, ret = 1;
	bool intr = false;
	size_t off;

	if (c2_nl_open(&nl))
		return 1;
	lc.nl = &nl;
	for (tries = 1; tries <= LIST_TRIES; tries++) {
		lc.len = 0;
		lc.malformed = 0;
		if (c2_nl_dump(&nl, C2GUARD_CMD_IND_GET, list_cb, &lc, &intr, &e)) {
			c2_nl_report(what, &e);
			goto out;
		}
		if (!intr)
			break;
		if (tries < LIST_TRIES)
			c2_err("table changed during dump, retrying");
	}
	if (intr) {
		c2_err("%s: table kept changing during %d dumps, giving up",
		       what, LIST_TRIES);
		goto out;
	}
	for (off = 0; off < lc.len; off += NLA_ALIGN(nest->nla_len)) {
		nest = (const struct nlattr *)(lc.pool + off);
		if (!c2_ind_from_nest(nest, &info) && fn(&info, data))
			break;
	}
	if (lc.malformed) {
		if (out_flush())
			goto out;
		c2_err("%s: skipped %zu malformed indicator(s) in the kernel's reply",
		       what, lc.malformed);
		goto out;
	}
	ret = 0;
out:
	free(lc.pool);
	c2_nl_close(&nl);
	return ret;
}

static int list_visit(const struct c2_ind_info *info, void *data)
{
	(void)data;
	c2_ind_print(info);
	return 0;
}

int cmd_list(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return usage_err("list", "no arguments expected besides -j");
	if (c2_ind_dump("list", list_visit, NULL))
		return 1;
	return out_flush() ? 1 : 0;
}

/* ---- load ---- */

/* Largest datagram of add requests sent at once. */
#define LOAD_BATCH_BYTES	(256 * 1024)
/*
 * Bound on one add request (header, genl, nest, all attributes; a name
 * of C2GUARD_NAME_MAX bytes makes the longest).
 */
#define LOAD_MSG_MAX		512
/*
 * Receive buffer charge of one ACK (skb truesize; error ACKs carry the
 * extended ACK too).  The kernel handles a whole datagram inside sendto()
 * and drops ACKs that do not fit the receive buffer, so a batch may only
 * hold as many requests as there is room for ACKs.
 */
#define LOAD_ACK_COST		2048
#define LOAD_RCVBUF		(16 * 1024 * 1024)
#define LOAD_MIN_MSGS		16
/*
 * Generic netlink handles a datagram inside sendto(), so every ACK is
 * queued (or dropped, flagged ENOBUFS) when it returns; the wait for a
 * missing one is only a safety margin.
 */
#define LOAD_ACK_TIMEOUT_MS	2000

struct load_ctx {
	struct c2_nl *nl;
	const char *name;
	bool strict;
	char *buf;
	size_t len, cap;
	unsigned int n, max;
	__u32 *lines;			/* line number (= seq) per request */
	struct c2_ind_spec *specs;	/* indicator per request, for errors */
	unsigned long long loaded, errors;
};

static void load_line_err(struct load_ctx *lc, unsigned long long line,
			  const char *fmt, const char *a, const char *b)
{
	lc->errors++;
	if (b && *b)
		c2_err("%s:%llu: %s%s (kernel: %s)", lc->name, line, fmt, a, b);
	else
		c2_err("%s:%llu: %s%s", lc->name, line, fmt, a);
}

static void load_ack(struct load_ctx *lc, unsigned int i,
		     const struct c2_nl_err *e)
{
	char entry[C2_IND_FMT_MAX], what[C2_IND_FMT_MAX + 2];

	if (!e->error) {
		lc->loaded++;
		return;
	}
	if (c2_spec_format(&lc->specs[i], entry, sizeof(entry)) < 0)
		strcpy(entry, "?");
	snprintf(what, sizeof(what), "%s: ", entry);
	load_line_err(lc, lc->lines[i], what, strerror(-e->error), e->msg);
}

#define LOAD_LOST \
	"no ACK from the kernel (receive buffer overrun); result unknown"

/* Index of @seq among the batch's requests from @from on, or lc->n. */
static unsigned int load_find(const struct load_ctx *lc, unsigned int from,
			      __u32 seq)
{
	unsigned int lo = from, hi = lc->n;

	/* Line numbers only grow within a batch: binary search. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (lc->lines[mid] < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < lc->n && lc->lines[lo] == seq ? lo : lc->n;
}

/*
 * Send the batch in one datagram, then read exactly one ACK or error
 * per request, matched to its line by sequence number.  Returns -1 when
 * the batch could not be sent at all.
 */
static int load_flush(struct load_ctx *lc)
{
	struct c2_nl_err e = { 0 };
	bool overrun = false;
	unsigned int i = 0, k;

	if (!lc->n)
		return 0;
	if (mnl_socket_sendto(lc->nl->sock, lc->buf, lc->len) < 0) {
		c2_err("%s: sending lines %u..%u to the kernel: %s", lc->name,
		       lc->lines[0], lc->lines[lc->n - 1], strerror(errno));
		lc->errors += lc->n;
		lc->n = 0;
		lc->len = 0;
		return -1;
	}

	while (i < lc->n) {
		struct pollfd pfd = { .fd = lc->nl->fd, .events = POLLIN };
		const struct nlmsghdr *nlh;
		ssize_t r;
		int len;

		r = c2_nl_recv(lc->nl, lc->nl->rbuf, lc->nl->rbuf_len,
			       MSG_DONTWAIT);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				overrun = true;
				continue;
			}
			if (errno != EAGAIN) {
				c2_err("%s: reading ACKs: %s", lc->name,
				       strerror(errno));
				break;
			}
			/*
			 * All ACKs are queued by the time sendto() returns;
			 * after an overrun whatever is missing is gone.
			 */
			if (overrun)
				break;
			r = poll(&pfd, 1, LOAD_ACK_TIMEOUT_MS);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			continue;
		}
		len = (int)r;
		c2_nlmsg_for_each(nlh, lc->nl->rbuf, len) {
			if (nlh->nlmsg_type != NLMSG_ERROR ||
			    !mnl_nlmsg_portid_ok(nlh, lc->nl->portid))
				continue;
			/* Not a request of this batch still waiting: ignore. */
			k = load_find(lc, i, nlh->nlmsg_seq);
			if (k == lc->n)
				continue;
			/* Requests whose ACK was skipped over lost theirs. */
			for (; i < k; i++)
				load_line_err(lc, lc->lines[i], LOAD_LOST, "", NULL);
			c2_nl_parse_err(nlh, &e);
			load_ack(lc, i, &e);
			i++;
		}
	}
	for (k = i; k < lc->n; k++)
		load_line_err(lc, lc->lines[k], LOAD_LOST, "", NULL);
	if (overrun || i < lc->n) {
		/* ACKs did not fit: send smaller batches from now on. */
		lc->max = lc->max / 2 > LOAD_MIN_MSGS ? lc->max / 2 : LOAD_MIN_MSGS;
	}
	lc->n = 0;
	lc->len = 0;
	return 0;
}

static int load_queue(struct load_ctx *lc, unsigned long long line,
		      struct c2_ind_spec *spec)
{
	struct nlmsghdr *nlh;

	if (lc->n == lc->max || lc->cap - lc->len < LOAD_MSG_MAX) {
		if (load_flush(lc))
			return -1;
	}
	/* A feed (re)asserts its indicators: always replace. */
	spec->set |= C2_SPEC_REPLACE;
	nlh = c2_nl_put_hdr(lc->buf + lc->len, lc->nl->family,
			    NLM_F_REQUEST | NLM_F_ACK, (__u32)line,
			    C2GUARD_CMD_IND_ADD);
	c2_ind_put(nlh, spec, true);
	lc->lines[lc->n] = (__u32)line;
	lc->specs[lc->n] = *spec;
	lc->n++;
	lc->len += NLMSG_ALIGN(nlh->nlmsg_len);
	return 0;
}

int cmd_load(int argc, char **argv)
{
	struct c2_ind_spec defaults, spec;
	struct load_ctx lc = { 0 };
	char err[C2_ERR_MAX];
	unsigned long long line = 0;
	int i, r, snd = 0, rcv = 0, ret = 1;
	char *text = NULL;
	size_t text_cap = 0;
	ssize_t n;
	struct c2_nl nl;
	FILE *f;

	if (argc < 2)
		return usage_err("load", "missing FILE (or - for standard input)");
	c2_spec_init(&defaults);
	for (i = 2; i < argc; i += r) {
		if (!strcmp(argv[i], "strict")) {
			lc.strict = true;
			r = 1;
			continue;
		}
		r = c2_spec_opt(&defaults, C2_SPEC_OPTS, argc - i, argv + i,
				err, sizeof(err));
		if (r < 0)
			return usage_err("load", err);
		if (!r) {
			snprintf(err, sizeof(err), "unexpected \"%.32s\"", argv[i]);
			return usage_err("load", err);
		}
	}

	if (!strcmp(argv[1], "-")) {
		lc.name = "<stdin>";
		f = stdin;
	} else {
		lc.name = argv[1];
		f = fopen(argv[1], "r");
		if (!f) {
			c2_err("load: cannot open %s: %s", argv[1], strerror(errno));
			return 1;
		}
	}
	if (c2_nl_open(&nl)) {
		if (f != stdin)
			fclose(f);
		return 1;
	}

	c2_nl_bufsize(&nl, LOAD_BATCH_BYTES, LOAD_RCVBUF, &snd, &rcv);
	lc.nl = &nl;
	lc.cap = LOAD_BATCH_BYTES;
	/* netlink refuses datagrams above sk_sndbuf - 32 bytes */
	if (snd > 0 && (size_t)snd < lc.cap + 64)
		lc.cap = snd > 64 + LOAD_MSG_MAX * LOAD_MIN_MSGS ?
			 (size_t)snd - 64 : LOAD_MSG_MAX * LOAD_MIN_MSGS;
	lc.max = rcv > 0 ? (unsigned int)rcv / LOAD_ACK_COST : LOAD_MIN_MSGS;
	if (lc.max < LOAD_MIN_MSGS)
		lc.max = LOAD_MIN_MSGS;
	if (lc.max > lc.cap / 64)
		lc.max = (unsigned int)(lc.cap / 64);
	lc.buf = c2_xmalloc(lc.cap);
	lc.lines = c2_xmalloc(lc.max * sizeof(*lc.lines));
	lc.specs = c2_xmalloc(lc.max * sizeof(*lc.specs));

	while ((n = getline(&text, &text_cap, f)) >= 0) {
		line++;
		r = c2_feed_parse_line(text, (size_t)n, &defaults, &spec, err,
				       sizeof(err));
		if (r < 0) {
			load_line_err(&lc, line, err, "", NULL);
			if (lc.strict)
				break;
			continue;
		}
		if (!r)
			continue;
		if (load_queue(&lc, line, &spec))
			break;
		if (lc.strict && lc.errors)
			break;
	}
	if (ferror(f)) {
		c2_err("load: reading %s: %s", lc.name, strerror(errno));
		lc.errors++;
	}
	/* Lines queued before a strict stop were good: send them. */
	load_flush(&lc);
	printf("loaded %llu indicators, %llu errors\n", lc.loaded, lc.errors);
	if (!out_flush() && !lc.errors)
		ret = 0;

	free(text);
	free(lc.buf);
	free(lc.lines);
	free(lc.specs);
	if (f != stdin)
		fclose(f);
	c2_nl_close(&nl);
	return ret;
}
