// SPDX-License-Identifier: GPL-2.0
/*
 * genl_fuzz - a second, independent client of the c2guard generic netlink
 * family, written with libnl-genl (c2ctl uses libmnl; nl_fuzz.py speaks raw
 * sockets): it shares no code with either, so it checks the UAPI header
 * (uapi/linux/c2guard.h) rather than an implementation's reading of it.
 *
 * It resolves the family, then sends for every command well-formed, mutated
 * and random requests: wrong types and lengths, nested garbage, unknown
 * attributes and flags, bad netlink headers, datagrams with hundreds of
 * requests back to back, dumps (also interrupted ones: a socket closed in
 * the middle of a dump, a table changed under a dump).  After every
 * datagram a control-family request acts as a barrier: by the time its ACK
 * is read every reply to the datagram must be there.  Every reply must be
 * a well-formed message: an ACK (error 0), an error carrying a negative
 * errno, or a c2guard message with valid attributes; never silence where an
 * answer is due, never a hang.
 *
 * Privileged, it also sends each beacon setting one step out of the range
 * the UAPI gives it (and the allowlist ports malformed), which must fail
 * with EINVAL or ERANGE and change nothing.
 *
 * As an unprivileged caller (-u) every request must fail (EPERM, or
 * EOPNOTSUPP/EINVAL for what the genetlink core rejects before the
 * permission check), no data may come back, and joining the alert group
 * must be refused.
 *
 * Where the receive buffer cannot be raised (an unprivileged user's netns)
 * batches are cut to what it holds.  Should it overflow anyway, the kernel
 * drops unicast replies and says so once (ENOBUFS): the answers of that
 * round count as lost, not missing, and the barrier is sent again until
 * one comes back.  -O overflows it on purpose to test exactly that.
 *
 * Acts on the netns it runs in: run it in a throwaway netns.  Privileged
 * runs flush that netns's indicators and restore the default config.
 *
 * usage: genl_fuzz [-u] [-n MESSAGES] [-s SEED] [-t TIMEOUT_S] [-b BYTES] [-O]
 *                  [-v]
 * Output: "# " comment lines and a last line "genl_fuzz: N messages ...";
 * exit 0 all replies were proper, 1 a check failed, 4 c2guard not loaded.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/attr.h>
#include <netlink/socket.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "../uapi/linux/c2guard.h"
#include "../ctl/nl-spec.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif
#ifndef NLMSGERR_ATTR_MSG
#define NLMSGERR_ATTR_MSG 1
#endif

#define MAX_PENDING	1024
#define MAX_MSG		(64 * 1024)
#define MAX_ERRNO	4095

/* ---- options, counters ---------------------------------------------------- */

static bool unpriv;
static bool verbose;
static long target = 2000;
static int timeout_ms = 30000;
static int family;
/* C2GUARD_FEAT_* of the module: well-formed requests use only these. */
static uint64_t features;
/* C2GUARD_CFG_A_BEACON_MAX as found (its default depends on the RAM) */
static uint32_t beacon_max0;
static bool have_beacon_max0;
static unsigned int seq_next = 1000;

enum { K_WELL, K_MUTATE, K_GARBAGE, K_HDR, K_BATCH, K_DUMP, K_NKINDS };
static const char *const kind_name[K_NKINDS] = {
	"well-formed", "mutated", "random", "bad-header", "batched", "dump",
};

static long sent_msgs, sent_kind[K_NKINDS], replies, acks, data_msgs;
static long dumps_done, dump_intr_seen, extack_msgs, silent_ok, late_ok;
static int batch_max = 400;
/* the main socket's receive buffer (SO_RCVBUF as read back: the limit) */
static int rcvbuf_bytes;
static int rcvbuf_ask = 8 * 1024 * 1024;
static bool overflow_on_purpose;
/* receive overflows seen, answers lost to them, barriers sent again */
static long overflows, lost_answers, barriers_resent;
/* set by drain(): the socket overflowed while it read */
static bool drain_overflowed;
static long errno_count[MAX_ERRNO + 1];
static long failures;

static void info(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	failures++;
	if (failures > 50)
		return;
	printf("# FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* ---- randomness: xorshift64*, reproducible from -s ------------------------ */

static uint64_t rs = 88172645463325252ULL;

static uint64_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 2685821657736338717ULL;
}

static uint32_t rn(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static bool chance(unsigned int pct)
{
	return rn(100) < pct;
}

static void rbytes(void *p, size_t n)
{
	unsigned char *b = p;

	while (n--)
		*b++ = (unsigned char)rnd();
}

/*
 * Values that make policies and handlers think: edges and garbage, and
 * every bound of the spec's checks with its neighbours.
 */
#define BOUND_EDGES(v) (uint32_t)(v) - 1, (uint32_t)(v), (uint32_t)(v) + 1,
static uint32_t r_u32(void)
{
	static const uint32_t edge[] = {
		0, 1, 2, 3, 4, 5, 6, 10, 31, 32, 33, 63, 64, 127, 128, 129, 255,
		256, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff,
		C2G_SPEC_BOUNDS(BOUND_EDGES)
	};

	if (chance(70))
		return edge[rn(sizeof(edge) / sizeof(edge[0]))];
	return (uint32_t)rnd();
}

/* ---- the sockets --------------------------------------------------------------- */

static struct nl_sock *open_sock(int rcvbuf)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, fd;

	if (!sk) {
		fprintf(stderr, "genl_fuzz: nl_socket_alloc failed\n");
		exit(1);
	}
	if (genl_connect(sk) < 0) {
		fprintf(stderr, "genl_fuzz: genl_connect failed\n");
		exit(1);
	}
	nl_socket_enable_msg_peek(sk);
	nl_socket_disable_auto_ack(sk);
	fd = nl_socket_get_fd(sk);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* root may go past rmem_max; an unprivileged caller gets what it gets */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &rcvbuf, sizeof(rcvbuf)))
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &rcvbuf, sizeof(rcvbuf));
	return sk;
}

static struct nl_sock *sk_main;

/* ---- what was sent, what must come back ------------------------------------------ */

struct pending {
	unsigned int seq;
	int kind;
	int cmd;		/* genl command, -1: not a c2guard request */
	bool must_answer;	/* an ACK or an error is due */
	bool expect_ok;		/* well-formed: only these outcomes */
	bool dump;
	bool done;
	int err;		/* final error (0 = ack/done) */
	int n_data;
	bool intr;
	bool no_request;	/* no NLM_F_REQUEST: the kernel only acks */
	bool barrier;		/* a barrier (history only) */
	unsigned int flags;	/* nlmsg_flags sent */
	unsigned int len;	/* nlmsg_len sent */
	const int *allowed;	/* well-formed: allowed errors, 0-terminated */
	const int *must_fail;	/* out of range: the errors it must get */
};

static struct pending pend[MAX_PENDING];
static int npend;
/* the requests of past rounds, to explain a late answer */
#define HIST 4096
static struct pending hist[HIST];

/*
 * A dump whose start found the receive queue full is answered with ENOBUFS,
 * and yet goes on once the queue drains (netlink core, not the family): its
 * entries and DONE may follow.
 */
static bool dump_went_on(const struct pending *p)
{
	return p->dump && p->err == -ENOBUFS;
}

static bool late_answer(const struct nlmsghdr *nlh)
{
	const struct pending *h = &hist[nlh->nlmsg_seq % HIST];

	if (h->seq != nlh->nlmsg_seq) {
		fail("reply with unknown seq %u (type %u)", nlh->nlmsg_seq,
		     nlh->nlmsg_type);
		return false;
	}
	/* a barrier sent again after an overflow: the first one to come did */
	if (h->barrier && nlh->nlmsg_type == NLMSG_ERROR) {
		late_ok++;
		return true;
	}
	if (dump_went_on(h)) {
		late_ok++;
		return true;
	}
	fail("late reply (type %u) to seq %u of an earlier round: %s, cmd %d, flags 0x%x, len %u, dump %d, answered %d (%d)",
	     nlh->nlmsg_type, h->seq, kind_name[h->kind], h->cmd, h->flags,
	     h->len, h->dump, h->done, h->err);
	return false;
}

static struct pending *pend_find(unsigned int seq)
{
	int i;

	for (i = 0; i < npend; i++)
		if (pend[i].seq == seq)
			return &pend[i];
	return NULL;
}

static struct pending *pend_add(int kind, int cmd)
{
	struct pending *p;

	if (npend >= MAX_PENDING) {
		fprintf(stderr, "genl_fuzz: too many pending requests\n");
		exit(1);
	}
	p = &pend[npend++];
	memset(p, 0, sizeof(*p));
	p->seq = seq_next++;
	p->kind = kind;
	p->cmd = cmd;
	p->must_answer = true;
	return p;
}

static const int ok_add[] = { EEXIST, ENOSPC, 0 };
static const int ok_del[] = { ENOENT, 0 };
static const int ok_none[] = { 0 };
static const int bad_range[] = { EINVAL, ERANGE, 0 };

/* ---- reply checks -------------------------------------------------------------------- */

/* Attributes laid end to end, each well-formed, nothing left over. */
static bool attrs_ok(const struct nlattr *head, int len, int depth,
		     const char *what)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_attr(a, head, len, rem) {
		if (depth < 3 && (a->nla_type & NLA_F_NESTED) &&
		    !attrs_ok(nla_data(a), nla_len(a), depth + 1, what))
			return false;
	}
	if (rem >= NLA_HDRLEN) {
		fail("%s: %d bytes of malformed attributes", what, rem);
		return false;
	}
	return true;
}

static bool nested_ok(const struct nlattr *a, const char *what)
{
	if (!a)
		return true;
	return attrs_ok(nla_data(a), nla_len(a), 1, what);
}

/*
 * The sizes of the spec's fixed-size attributes, per set (0: a string,
 * binary, flag or nest, checked otherwise); padding is left out.
 */
#define W_U8		1
#define W_U16		2
#define W_U32		4
#define W_U64		8
#define W_STR		0
#define W_BINARY	0
#define W_FLAG		0
#define W_NEST		0
#define SPEC_WIDTH(attr, name, key, type) [attr] = W_##type,
static const unsigned char ind_width[C2GUARD_IND_A_MAX + 1] = {
	C2G_SPEC_IND_ATTRS(SPEC_WIDTH)
};
static const unsigned char status_width[C2GUARD_STATUS_A_MAX + 1] = {
	C2G_SPEC_STATUS_ATTRS(SPEC_WIDTH)
};
static const unsigned char cfg_width[C2GUARD_CFG_A_MAX + 1] = {
	C2G_SPEC_CFG_ATTRS(SPEC_WIDTH)
};
static const unsigned char beacon_width[C2GUARD_BEACON_A_MAX + 1] = {
	C2G_SPEC_BEACON_ATTRS(SPEC_WIDTH)
};
#undef SPEC_WIDTH

/* Every attribute of @nest the spec gives a size to has that size. */
static void widths_ok(const struct nlattr *nest, const unsigned char *width,
		      int max, const char *set, const char *what)
{
	const struct nlattr *a;
	int rem, t;

	if (!nest)
		return;
	nla_for_each_nested(a, nest, rem) {
		t = nla_type(a);
		if (t <= max && width[t] && nla_len(a) != width[t])
			fail("%s: %s attribute %d of %d bytes, want %d", what,
			     set, t, nla_len(a), width[t]);
	}
}

/*
 * A beacon channel of a dump: FAMILY and SADDR of that family; DADDR of
 * the same family or a NAME, never both; the statistics of their sizes.
 */
static void check_beacon(struct nlattr *nest, const char *what)
{
	struct nlattr *b[C2GUARD_BEACON_A_MAX + 1];
	int fam, alen;

	if (!nest || nla_parse_nested(b, C2GUARD_BEACON_A_MAX, nest, NULL) < 0) {
		fail("%s: dump entry without a valid C2GUARD_A_BEACON", what);
		return;
	}
	nested_ok(nest, what);
	if (!b[C2GUARD_BEACON_A_FAMILY] || !b[C2GUARD_BEACON_A_SADDR] ||
	    nla_len(b[C2GUARD_BEACON_A_FAMILY]) != 1) {
		fail("%s: beacon channel without FAMILY and SADDR", what);
		return;
	}
	fam = nla_get_u8(b[C2GUARD_BEACON_A_FAMILY]);
	alen = fam == AF_INET ? 4 : fam == AF_INET6 ? 16 : -1;
	if (nla_len(b[C2GUARD_BEACON_A_SADDR]) != alen ||
	    (b[C2GUARD_BEACON_A_DADDR] &&
	     nla_len(b[C2GUARD_BEACON_A_DADDR]) != alen))
		fail("%s: beacon channel of family %d with addresses of %d/%d bytes",
		     what, fam, nla_len(b[C2GUARD_BEACON_A_SADDR]),
		     b[C2GUARD_BEACON_A_DADDR] ?
		     nla_len(b[C2GUARD_BEACON_A_DADDR]) : 0);
	if (!b[C2GUARD_BEACON_A_DADDR] == !b[C2GUARD_BEACON_A_NAME])
		fail("%s: beacon channel with %s", what,
		     b[C2GUARD_BEACON_A_NAME] ? "both DADDR and NAME" :
		     "neither DADDR nor NAME");
	if (b[C2GUARD_BEACON_A_NAME]) {
		struct nlattr *n = b[C2GUARD_BEACON_A_NAME];

		if (nla_len(n) < 2 || nla_len(n) > C2GUARD_NAME_MAX + 1 ||
		    ((char *)nla_data(n))[nla_len(n) - 1])
			fail("%s: beacon channel name not a string of 1..%d bytes",
			     what, C2GUARD_NAME_MAX);
	}
	widths_ok(nest, beacon_width, C2GUARD_BEACON_A_MAX, "beacon", what);
	if (b[C2GUARD_BEACON_A_SCORE] && nla_get_u8(b[C2GUARD_BEACON_A_SCORE]) > 100)
		fail("%s: beacon score %u above 100", what,
		     nla_get_u8(b[C2GUARD_BEACON_A_SCORE]));
}

/* A c2guard data message: genl header, attributes, the nests that must be. */
static void check_data(struct nlmsghdr *nlh, struct pending *p)
{
	struct nlattr *tb[C2GUARD_A_MAX + 1];
	struct genlmsghdr *g;
	char what[64];

	snprintf(what, sizeof(what), "reply to seq %u", nlh->nlmsg_seq);
	data_msgs++;
	if (unpriv) {
		fail("%s: data came back to an unprivileged caller", what);
		return;
	}
	if (!genlmsg_valid_hdr(nlh, 0)) {
		fail("%s: short genl header (len %u)", what, nlh->nlmsg_len);
		return;
	}
	g = nlmsg_data(nlh);
	if (!attrs_ok(genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), 0, what))
		return;
	if (genlmsg_parse(nlh, 0, tb, C2GUARD_A_MAX, NULL) < 0) {
		fail("%s: attributes do not parse", what);
		return;
	}
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
		dump_intr_seen++;
		if (p)
			p->intr = true;
	}
	if (!p)
		return;
	p->n_data++;
	switch (g->cmd) {
	case C2GUARD_CMD_STATUS_GET:
		if (!tb[C2GUARD_A_STATUS])
			fail("%s: STATUS_GET reply without C2GUARD_A_STATUS", what);
		nested_ok(tb[C2GUARD_A_STATUS], what);
		widths_ok(tb[C2GUARD_A_STATUS], status_width,
			  C2GUARD_STATUS_A_MAX, "status", what);
		break;
	case C2GUARD_CMD_CONFIG_GET:
		if (!tb[C2GUARD_A_CONFIG])
			fail("%s: CONFIG_GET reply without C2GUARD_A_CONFIG", what);
		nested_ok(tb[C2GUARD_A_CONFIG], what);
		widths_ok(tb[C2GUARD_A_CONFIG], cfg_width, C2GUARD_CFG_A_MAX,
			  "config", what);
		break;
	case C2GUARD_CMD_IND_GET: {
		struct nlattr *ind[C2GUARD_IND_A_MAX + 1];

		if (!tb[C2GUARD_A_IND] ||
		    nla_parse_nested(ind, C2GUARD_IND_A_MAX, tb[C2GUARD_A_IND],
				     NULL) < 0) {
			fail("%s: dump entry without a valid C2GUARD_A_IND", what);
			break;
		}
		widths_ok(tb[C2GUARD_A_IND], ind_width, C2GUARD_IND_A_MAX,
			  "indicator", what);
		if (!ind[C2GUARD_IND_A_DOMAIN] &&
		    !(ind[C2GUARD_IND_A_FAMILY] && ind[C2GUARD_IND_A_ADDR]))
			fail("%s: dump entry with neither address nor name", what);
		if (ind[C2GUARD_IND_A_ADDR] && ind[C2GUARD_IND_A_FAMILY]) {
			int fam = nla_get_u8(ind[C2GUARD_IND_A_FAMILY]);
			int alen = nla_len(ind[C2GUARD_IND_A_ADDR]);

			if (!((fam == AF_INET && alen == 4) ||
			      (fam == AF_INET6 && alen == 16)))
				fail("%s: family %d with a %d-byte address",
				     what, fam, alen);
		}
		if (!p->dump)
			fail("%s: IND_GET entry for a non-dump request (%s, cmd %d, flags 0x%x, len %u)",
			     what, kind_name[p->kind], p->cmd, p->flags, p->len);
		break;
	}
	case C2GUARD_CMD_BEACON_GET:
		check_beacon(tb[C2GUARD_A_BEACON], what);
		if (!p->dump)
			fail("%s: BEACON_GET entry for a non-dump request (%s, cmd %d, flags 0x%x, len %u)",
			     what, kind_name[p->kind], p->cmd, p->flags, p->len);
		break;
	case C2GUARD_CMD_FEED_GET:
		if (!tb[C2GUARD_A_FEED])
			fail("%s: FEED_GET reply without C2GUARD_A_FEED", what);
		nested_ok(tb[C2GUARD_A_FEED], what);
		break;
	case C2GUARD_CMD_IND_TEST:
		if (p->dump)
			fail("%s: IND_TEST reply to a dump", what);
		break;
	default:
		fail("%s: unexpected reply command %u to command %d",
		     what, g->cmd, p->cmd);
	}
}

/*
 * The netlink core's answers to a well-formed dump that are about the
 * socket, not the request: ENOBUFS when the receive queue is full as it
 * starts, EBUSY while an earlier dump on the socket still runs (one the
 * full queue holds up).
 */
static bool dump_refused(const struct pending *p, int err)
{
	int i;

	if (err == -ENOBUFS)
		return true;
	if (err != -EBUSY)
		return false;
	for (i = 0; i < npend && &pend[i] != p; i++)
		if (pend[i].dump)
			return true;
	return false;
}

static void check_error(struct nlmsghdr *nlh, struct pending *p, bool done)
{
	struct nlmsgerr *e = nlmsg_data(nlh);
	int err, hlen, k;

	if (nlh->nlmsg_len < NLMSG_LENGTH(done ? sizeof(int) : sizeof(*e))) {
		fail("seq %u: short %s (len %u)", nlh->nlmsg_seq,
		     done ? "DONE" : "error", nlh->nlmsg_len);
		return;
	}
	err = done ? *(int *)nlmsg_data(nlh) : e->error;
	if (err > 0 || err < -MAX_ERRNO) {
		fail("seq %u: error value %d is no negative errno",
		     nlh->nlmsg_seq, err);
		return;
	}
	errno_count[-err]++;
	if (!err)
		acks++;
	if (!done && e->msg.nlmsg_seq != nlh->nlmsg_seq)
		fail("seq %u: error echoes seq %u", nlh->nlmsg_seq,
		     e->msg.nlmsg_seq);
	if (!done && (nlh->nlmsg_flags & NLM_F_ACK_TLVS)) {
		hlen = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			hlen += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		if (NLMSG_LENGTH(hlen) <= (int)nlh->nlmsg_len) {
			struct nlattr *tlv = (void *)((char *)e + NLMSG_ALIGN(hlen));
			int tlen = nlh->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(hlen));
			struct nlattr *m;

			if (attrs_ok(tlv, tlen, 2, "extended ACK")) {
				m = nla_find(tlv, tlen, NLMSGERR_ATTR_MSG);
				if (m) {
					extack_msgs++;
					if (nla_len(m) < 1 ||
					    ((char *)nla_data(m))[nla_len(m) - 1])
						fail("seq %u: ext ack message not NUL-terminated",
						     nlh->nlmsg_seq);
					else if (verbose)
						info("seq %u: %d: %s", nlh->nlmsg_seq,
						     err, (char *)nla_data(m));
				}
			}
		} else {
			fail("seq %u: ext ack flags but no room for TLVs",
			     nlh->nlmsg_seq);
		}
	}
	if (!p)
		return;
	if (p->done && dump_went_on(p)) {
		late_ok++;
		return;
	}
	if (p->done) {
		fail("seq %u: a second final answer (%d after %d)",
		     p->seq, err, p->err);
		return;
	}
	p->done = true;
	p->err = err;
	if (unpriv && p->cmd >= 0) {
		if (!err && p->no_request)
			return;
		if (err != -EPERM && err != -EOPNOTSUPP && err != -EINVAL)
			fail("seq %u (cmd %d, %s): unprivileged caller got %d, want EPERM",
			     p->seq, p->cmd, kind_name[p->kind], err);
		return;
	}
	if (p->must_fail) {
		for (k = 0; p->must_fail[k]; k++)
			if (err == -p->must_fail[k])
				return;
		fail("seq %u: out-of-range cmd %d answered %d, want EINVAL or ERANGE%s",
		     p->seq, p->cmd, err,
		     verbose ? "" : " (-v shows the extended ACK)");
		return;
	}
	if (p->expect_ok && p->dump && dump_refused(p, err))
		return;
	if (p->expect_ok && err) {
		for (k = 0; p->allowed && p->allowed[k]; k++)
			if (err == -p->allowed[k])
				return;
		fail("seq %u: well-formed cmd %d answered %d (%s)%s", p->seq,
		     p->cmd, err, strerror(-err),
		     verbose ? "" : " (-v shows the extended ACK)");
	}
}

/*
 * A control-family request whose ACK orders the replies: once it is read,
 * every reply to what was sent before it on that socket has come or was
 * dropped.  Kept in the history so that a late ACK is known.
 */
static void barrier_msg(struct nl_sock *sk, unsigned int seq)
{
	struct nl_msg *m = nlmsg_alloc();
	struct pending *h = &hist[seq % HIST];

	genlmsg_put(m, NL_AUTO_PORT, seq, GENL_ID_CTRL, 0, NLM_F_ACK,
		    CTRL_CMD_GETFAMILY, 1);
	nla_put_string(m, CTRL_ATTR_FAMILY_NAME, C2GUARD_GENL_NAME);
	if (nl_sendto(sk, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len) < 0)
		fail("cannot send the barrier");
	nlmsg_free(m);
	memset(h, 0, sizeof(*h));
	h->seq = seq;
	h->cmd = -1;
	h->barrier = true;
}

#define MAX_RESYNC	8
/*
 * After an overflow, how long the socket must stay quiet before the barrier
 * goes again.  Nothing is in flight: the kernel answers a request in the
 * sendmsg() that carried it and queues a dump's next part in the recvmsg()
 * that empties the queue.  (At 2 s, the 15 overflows of a -O run made it
 * 31 s of waiting.)
 */
#define QUIET_MS	500

/*
 * Read replies until the barrier's ACK has come and every dump in flight is
 * done.  Returns false on timeout.
 */
static bool drain(struct nl_sock *sk, unsigned int barrier)
{
	bool barrier_seen = !barrier;
	unsigned int bar[MAX_RESYNC + 1];
	int n, i, r, k, nbar = 0, wait_ms = timeout_ms;
	struct sockaddr_nl peer;
	unsigned char *buf;
	struct pollfd pfd;

	drain_overflowed = false;
	if (barrier)
		bar[nbar++] = barrier;

	for (;;) {
		bool dumps_open = false;

		for (i = 0; i < npend; i++)
			if (pend[i].dump && !pend[i].done)
				dumps_open = true;
		if (barrier_seen && !dumps_open)
			break;
		pfd.fd = nl_socket_get_fd(sk);
		pfd.events = POLLIN;
		r = poll(&pfd, 1, wait_ms);
		if (r == 0 && drain_overflowed && !barrier_seen &&
		    nbar < MAX_RESYNC) {
			/* that barrier's ACK may be the one dropped */
			bar[nbar] = seq_next++;
			barrier_msg(sk, bar[nbar++]);
			barriers_resent++;
			continue;
		}
		if (r == 0 && drain_overflowed && barrier_seen) {
			/*
			 * A running dump always has a part queued (netlink
			 * refills the queue as it is read), so a dump still
			 * open on a quiet socket lost its answer (an EBUSY
			 * or ENOBUFS ACK) to the overflow.
			 */
			for (i = 0; i < npend; i++) {
				if (pend[i].dump && !pend[i].done) {
					pend[i].done = true;
					lost_answers++;
				}
			}
			break;
		}
		if (r == 0) {
			fail("no answer within %d ms (barrier %s, dumps %s): hang?",
			     wait_ms, barrier_seen ? "seen" : "missing",
			     dumps_open ? "open" : "done");
			return false;
		}
		if (r < 0)
			continue;
		buf = NULL;
		n = nl_recv(sk, &peer, &buf, NULL);
		if (n <= 0) {
			free(buf);
			if (n == -NLE_NOMEM) {
				/*
				 * The receive queue overflowed (ENOBUFS): the
				 * kernel dropped unicast replies, maybe the
				 * barrier's ACK.  Those answers are lost, not
				 * missing; wait for the queue to go quiet and
				 * send the barrier again.
				 */
				drain_overflowed = true;
				overflows++;
				wait_ms = QUIET_MS;
				continue;
			}
			if (n == -NLE_AGAIN)
				continue;
			fail("recv: %s", nl_geterror(n));
			return false;
		}
		{
			struct nlmsghdr *nlh = (void *)buf;
			int rem = n;

			for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
				struct pending *p = pend_find(nlh->nlmsg_seq);

				replies++;
				for (k = 0; k < nbar; k++)
					if (nlh->nlmsg_seq == bar[k])
						break;
				if (k < nbar) {
					if (nlh->nlmsg_type == NLMSG_ERROR) {
						if (((struct nlmsgerr *)nlmsg_data(nlh))->error)
							fail("barrier failed");
						barrier_seen = true;
					}
					continue;
				}
				if (!p) {
					if (late_answer(nlh) &&
					    nlh->nlmsg_type == family)
						check_data(nlh, NULL);
					continue;
				}
				if (nlh->nlmsg_type == NLMSG_ERROR) {
					check_error(nlh, p, false);
				} else if (nlh->nlmsg_type == NLMSG_DONE) {
					if (!p->dump)
						fail("seq %u: DONE for a non-dump", p->seq);
					check_error(nlh, p, true);
					dumps_done++;
					if (nlh->nlmsg_flags & NLM_F_DUMP_INTR) {
						dump_intr_seen++;
						p->intr = true;
					}
				} else if (nlh->nlmsg_type == family) {
					check_data(nlh, p);
				} else {
					fail("seq %u: unexpected message type %u",
					     p->seq, nlh->nlmsg_type);
				}
			}
			if (rem > 0 && rem >= (int)sizeof(struct nlmsghdr))
				fail("%d trailing bytes in a datagram", rem);
		}
		free(buf);
	}
	return true;
}

/* ---- building requests ---------------------------------------------------------- */

static struct nl_msg *req(int cmd, int flags, unsigned int seq, int version)
{
	struct nl_msg *m = nlmsg_alloc_size(MAX_MSG + 4096);

	if (!m || !genlmsg_put(m, NL_AUTO_PORT, seq, family, 0, flags, cmd,
			       version)) {
		fprintf(stderr, "genl_fuzz: out of memory\n");
		exit(1);
	}
	return m;
}

static void put_valid_ind(struct nl_msg *m, bool identity_only)
{
	struct nlattr *n = nla_nest_start(m, C2GUARD_A_IND);

	if (chance(70) || !(features & C2GUARD_FEAT_DOMAIN)) {
		bool v6 = (features & C2GUARD_FEAT_IPV6) && chance(40);
		unsigned char a[16] = { 0 };
		int alen = v6 ? 16 : 4, plen = alen * 8, i;

		/* a small address space, so DEL and EEXIST happen too */
		if (v6) {
			a[0] = 0x20;
			a[1] = 0x01;
			a[2] = 0x0d;
			a[3] = 0xb8;
			a[15] = (unsigned char)rn(64);
		} else {
			a[0] = 198;
			a[1] = 51;
			a[2] = 100;
			a[3] = (unsigned char)rn(64);
		}
		if (chance(30)) {
			plen = rn(alen * 8 + 1);
			for (i = 0; i < alen * 8; i++)
				if (i >= plen)
					a[i / 8] &= ~(0x80 >> (i % 8));
		}
		nla_put_u8(m, C2GUARD_IND_A_FAMILY, v6 ? AF_INET6 : AF_INET);
		nla_put(m, C2GUARD_IND_A_ADDR, alen, a);
		if (plen != alen * 8 || chance(30))
			nla_put_u8(m, C2GUARD_IND_A_PREFIXLEN, plen);
	} else {
		char name[64];

		snprintf(name, sizeof(name), "h%u.fz%u.example", rn(32), rn(4));
		nla_put_string(m, C2GUARD_IND_A_DOMAIN, name);
		if (chance(50))
			nla_put_flag(m, C2GUARD_IND_A_SUFFIX);
	}
	if (!identity_only) {
		if (chance(70))
			nla_put_u8(m, C2GUARD_IND_A_ACTION, 1 + rn(C2GUARD_ACT_MAX));
		if (chance(70))
			nla_put_string(m, C2GUARD_IND_A_TAG, chance(50) ? "fz" : "fz2");
		if (chance(30))
			nla_put_u32(m, C2GUARD_IND_A_TIMEOUT, rn(3) ? 0 : 3600);
	}
	nla_nest_end(m, n);
}

/*
 * A valid port allowlist of n entries: protocol 0, TCP or UDP, port 1..,
 * no entry twice (the module refuses duplicates).
 */
static void put_allow_ports(struct nl_msg *m, int n)
{
	static const uint32_t proto[] = { 0, IPPROTO_TCP, IPPROTO_UDP };
	uint32_t ports[C2GUARD_BEACON_ALLOW_PORTS_MAX], v;
	int i = 0, j;

	while (i < n && i < (int)C2GUARD_BEACON_ALLOW_PORTS_MAX) {
		v = proto[rn(3)] << 16 |
		    (chance(50) ? 1 + rn(1024) : 1 + rn(65535));
		for (j = 0; j < i && ports[j] != v; j++)
			;
		if (j == i)
			ports[i++] = v;
	}
	nla_put(m, C2GUARD_CFG_A_BEACON_ALLOW_PORTS, i * 4, ports);
}

/*
 * Valid beacon settings, each in its UAPI range; those the module checks
 * against each other (SILENCE above RETRY, WINDOW not below MIN_GAPS)
 * are sent together, so the current settings never make them invalid.
 */
static void put_valid_beacon_cfg(struct nl_msg *m)
{
	static const uint8_t act[] = {
		C2GUARD_ACT_ALERT, C2GUARD_ACT_DROP, C2GUARD_ACT_REJECT,
		C2GUARD_ACT_MARK,
	};
	uint32_t lo;

	if (chance(20))
		nla_put_u8(m, C2GUARD_CFG_A_BEACON, rn(2));
	if (chance(20)) {
		lo = chance(50) ? 1 + rn(10000) : 1 + rn(3600000);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_RETRY, lo);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_SILENCE,
			    chance(20) ? 2592000000U :
			    lo + 1 + rn(2592000000U - lo));
	}
	if (chance(20))
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_IDLE, 1 + rn(3600000));
	if (chance(20))
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_HOLDDOWN,
			    chance(20) ? 2592000000U : rn(2592000001U));
	if (chance(20)) {
		lo = 4 + rn(29);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_MIN_GAPS, lo);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_WINDOW, lo + rn(33 - lo));
	}
	if (chance(20))
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_THRESHOLD, 1 + rn(100));
	if (chance(20))
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_MAX,
			    chance(20) ? C2GUARD_BEACON_MAX_LIMIT :
			    rn(C2GUARD_BEACON_MAX_LIMIT + 1));
	if (chance(20))
		nla_put_u8(m, C2GUARD_CFG_A_BEACON_ACTION, act[rn(4)]);
	if (chance(20))
		put_allow_ports(m, chance(20) ? C2GUARD_BEACON_ALLOW_PORTS_MAX :
				rn(9));
}

/* The spec gives @cmd a dump (IND_GET, BEACON_GET, FEED_GET). */
static bool spec_dump(int cmd)
{
	return cmd >= 0 && cmd <= C2GUARD_CMD_MAX &&
	       (c2g_spec_ops[cmd].flags & C2G_SPEC_DUMP);
}

/* A well-formed request for cmd; sets what the answer may be. */
static struct nl_msg *well_formed(int cmd, struct pending *p)
{
	struct nl_msg *m;
	int flags = NLM_F_REQUEST | NLM_F_ACK;

	if (spec_dump(cmd)) {
		flags |= NLM_F_DUMP;
		p->dump = true;
	}
	m = req(cmd, flags, p->seq, C2GUARD_GENL_VERSION);
	p->expect_ok = true;
	p->allowed = ok_none;
	switch (cmd) {
	case C2GUARD_CMD_IND_ADD:
		put_valid_ind(m, false);
		if (chance(30))
			nla_put_u32(m, C2GUARD_A_FLAGS, C2GUARD_F_REPLACE);
		p->allowed = ok_add;
		break;
	case C2GUARD_CMD_IND_DEL:
		put_valid_ind(m, chance(50));
		p->allowed = ok_del;
		break;
	case C2GUARD_CMD_IND_FLUSH:
		if (chance(70))
			nla_put_string(m, C2GUARD_A_TAG, chance(50) ? "fz" : "nope");
		break;
	case C2GUARD_CMD_CONFIG_SET: {
		struct nlattr *n = nla_nest_start(m, C2GUARD_A_CONFIG);
		uint32_t lo;

		if (chance(50))
			nla_put_u32(m, C2GUARD_CFG_A_ALERT_RATE, rn(1000001));
		if (chance(50))
			nla_put_u32(m, C2GUARD_CFG_A_ALERT_BURST, 1 + rn(1000000));
		if ((features & C2GUARD_FEAT_DOMAIN) && chance(30))
			nla_put_u16(m, C2GUARD_CFG_A_DNS_PORT, 1 + rn(65535));
		if ((features & C2GUARD_FEAT_DOMAIN) && chance(30))
			nla_put_u8(m, C2GUARD_CFG_A_DNS_RCODE, chance(50) ? 3 : 5);
		if ((features & C2GUARD_FEAT_DNS_BIND) && chance(30)) {
			lo = 1 + rn(3600);
			nla_put_u32(m, C2GUARD_CFG_A_BIND_TTL_MIN, lo);
			nla_put_u32(m, C2GUARD_CFG_A_BIND_TTL_MAX, lo + rn(3600));
		}
		if ((features & C2GUARD_FEAT_DNS_BIND) && chance(30))
			nla_put_u32(m, C2GUARD_CFG_A_BIND_MAX, rn(1048577));
		if (features & C2GUARD_FEAT_BEACON)
			put_valid_beacon_cfg(m);
		/* an empty CONFIG is not obviously valid: always one setting */
		if (nla_len(n) == 0)
			nla_put_u32(m, C2GUARD_CFG_A_ALERT_RATE, rn(1000001));
		nla_nest_end(m, n);
		break;
	}
	case C2GUARD_CMD_STATUS_GET:
	case C2GUARD_CMD_CONFIG_GET:
	case C2GUARD_CMD_IND_GET:
	case C2GUARD_CMD_FEED_GET:
		break;
	case C2GUARD_CMD_BEACON_GET:
	case C2GUARD_CMD_BEACON_FLUSH:
		/* an older module knows neither */
		if (!(features & C2GUARD_FEAT_BEACON))
			p->expect_ok = false;
		break;
	default:
		/* UNSPEC, ALERT (notification only), past the end: no op */
		p->expect_ok = false;
		break;
	}
	return m;
}

/* Random attributes, nested up to depth levels. */
static void put_garbage(struct nl_msg *m, int depth, int budget)
{
	int n = 1 + rn(8), i;
	unsigned char data[512];

	for (i = 0; i < n && nlmsg_hdr(m)->nlmsg_len < (unsigned int)budget; i++) {
		int type = chance(80) ? rn(C2GUARD_A_MAX + 4) : rn(0x4000);
		int len;

		if (chance(5))
			type |= NLA_F_NET_BYTEORDER;
		if (depth > 0 && chance(35)) {
			struct nlattr *nest = nla_nest_start(m, type);

			if (!nest)
				return;
			if (chance(50))
				nest->nla_type |= NLA_F_NESTED;
			else
				nest->nla_type &= ~NLA_F_NESTED;
			put_garbage(m, depth - 1, budget);
			nla_nest_end(m, nest);
			continue;
		}
		switch (rn(6)) {
		case 0:
			len = 0;
			break;
		case 1:
			len = 1;
			break;
		case 2:
			len = 4;
			break;
		case 3:
			len = 8;
			break;
		case 4:
			len = rn(40);
			break;
		default:
			len = rn(sizeof(data));
		}
		if (len >= 4 && chance(50)) {
			uint32_t v = r_u32();

			rbytes(data, len);
			memcpy(data, &v, 4);
		} else if (chance(20)) {
			memset(data, 'a' + rn(26), len);	/* unterminated */
		} else {
			rbytes(data, len);
		}
		if (nla_put(m, type, len, data) < 0)
			return;
	}
	/* now and then one huge attribute */
	if (depth == 0 && chance(3)) {
		int len = 4096 + rn(MAX_MSG - 8192);
		unsigned char *big = malloc(len);

		if (big) {
			rbytes(big, len);
			nla_put(m, rn(C2GUARD_A_MAX + 2), len, big);
			free(big);
		}
	}
}

/* Flip, overwrite, cut or grow the bytes past the genl header. */
static int mutate(unsigned char *b, int len, int cap)
{
	int start = NLMSG_HDRLEN + GENL_HDRLEN, n = 1 + rn(6), i, at;

	for (i = 0; i < n; i++) {
		int body = len - start;

		switch (rn(7)) {
		case 0:		/* flip a bit */
			if (body > 0)
				b[start + rn(body)] ^= 1 << rn(8);
			break;
		case 1:		/* an attribute length or type byte */
			if (body >= 4) {
				at = start + (rn(body) & ~3);
				if (at + 4 <= len)
					((uint16_t *)(b + at))[rn(2)] = (uint16_t)r_u32();
			}
			break;
		case 2:		/* 4 bytes: a boundary value */
			if (body >= 4) {
				uint32_t v = r_u32();

				at = start + rn(body - 3);
				memcpy(b + at, &v, 4);
			}
			break;
		case 3:		/* cut */
			if (body > 0)
				len = start + rn(body);
			break;
		case 4:		/* append garbage */
			at = rn(64);
			if (len + at <= cap) {
				rbytes(b + len, at);
				len += at;
			}
			break;
		case 5:		/* the genl header: command, version */
			b[NLMSG_HDRLEN + rn(4)] = (unsigned char)rnd();
			break;
		default:	/* a byte anywhere in the body */
			if (body > 0)
				b[start + rn(body)] = (unsigned char)rnd();
		}
	}
	return len;
}

/* ---- sending ------------------------------------------------------------------ */

static unsigned char dgram[4 * 1024 * 1024];
static int dgram_len;

static void dgram_add(const void *msg, int len)
{
	int al = NLMSG_ALIGN(len);

	if (dgram_len + al > (int)sizeof(dgram))
		return;
	memcpy(dgram + dgram_len, msg, len);
	memset(dgram + dgram_len + len, 0, al - len);
	dgram_len += al;
}

/* Send the datagram, then the barrier, and check everything came back. */
static bool round_trip(struct nl_sock *sk)
{
	unsigned int b = seq_next++;
	int r = 0, i;

	if (dgram_len)
		r = nl_sendto(sk, dgram, dgram_len);
	if (r < 0) {
		/* the kernel may refuse a datagram outright (EMSGSIZE...) */
		for (i = 0; i < npend; i++)
			pend[i].must_answer = pend[i].dump = false;
		if (verbose)
			info("send of %d bytes refused: %s", dgram_len,
			     nl_geterror(r));
	}
	barrier_msg(sk, b);
	if (!drain(sk, b))
		return false;
	for (i = 0; i < npend; i++) {
		struct pending *p = &pend[i];

		if (p->must_answer && !p->done && drain_overflowed)
			lost_answers++;
		else if (p->must_answer && !p->done)
			fail("seq %u (cmd %d, %s): no answer", p->seq, p->cmd,
			     kind_name[p->kind]);
		if (!p->must_answer && !p->done)
			silent_ok++;
		hist[p->seq % HIST] = *p;
	}
	npend = 0;
	dgram_len = 0;
	return true;
}

static int rand_cmd(void)
{
	if (chance(90))
		return 1 + rn(C2GUARD_CMD_MAX);	/* the real ones, ALERT too */
	return chance(50) ? 0 : C2GUARD_CMD_MAX + 1 + rn(250);
}

/* One request of the given kind (cmd < 0: a random command). */
static void one_message(int kind, int cmd)
{
	static unsigned char buf[MAX_MSG + 8192];
	struct pending *p;
	struct nl_msg *m;
	struct nlmsghdr *h;
	bool hdr_ok = true;
	int len;

	if (cmd < 0)
		cmd = rand_cmd();

	p = pend_add(kind, cmd);
	switch (kind) {
	case K_WELL:
		m = well_formed(cmd, p);
		break;
	case K_DUMP:
		m = well_formed(cmd, p);
		if (chance(30)) {
			p->expect_ok = false;
			put_garbage(m, 2, 4096);
		}
		break;
	case K_MUTATE:
		m = well_formed(cmd, p);
		p->expect_ok = false;
		if (chance(30))
			put_garbage(m, 2, 2048);
		break;
	default:		/* K_GARBAGE, K_HDR */
		m = req(cmd, NLM_F_REQUEST | NLM_F_ACK, p->seq,
			chance(80) ? C2GUARD_GENL_VERSION : rn(256));
		if (spec_dump(cmd) && chance(50)) {
			nlmsg_hdr(m)->nlmsg_flags |= NLM_F_DUMP;
			p->dump = true;
		}
		put_garbage(m, 4, MAX_MSG);
		if (chance(20))
			nla_put_u32(m, C2GUARD_A_FLAGS, r_u32());
		break;
	}
	h = nlmsg_hdr(m);
	len = h->nlmsg_len;
	memcpy(buf, h, len);
	nlmsg_free(m);
	h = (void *)buf;
	if (kind == K_MUTATE)
		len = mutate(buf, len, sizeof(buf));
	h->nlmsg_len = len;
	if (kind == K_HDR) {
		switch (rn(6)) {
		case 0:		/* nlmsg_len past the datagram (padding included): dropped */
			h->nlmsg_len = NLMSG_ALIGN(len) + 1 + rn(100);
			p->must_answer = false;
			hdr_ok = false;
			break;
		case 1:		/* shorter than a netlink header: dropped */
			h->nlmsg_len = rn(NLMSG_HDRLEN);
			p->must_answer = false;
			hdr_ok = false;
			break;
		case 2:		/* shorter than the genl header: EINVAL */
			h->nlmsg_len = NLMSG_HDRLEN + rn(GENL_HDRLEN);
			len = h->nlmsg_len;
			hdr_ok = false;
			break;
		case 3:		/* any flags: DUMP on do-only, no ACK... */
			h->nlmsg_flags = (uint16_t)rnd() | NLM_F_REQUEST;
			/* without ACK, success stays silent */
			if (!(h->nlmsg_flags & NLM_F_ACK))
				p->must_answer = false;
			break;
		case 4:		/* no NLM_F_REQUEST: the kernel only acks */
			h->nlmsg_flags &= ~NLM_F_REQUEST;
			p->must_answer = false;
			p->no_request = true;
			hdr_ok = false;
			break;
		default:	/* the genl header only, a random command */
			h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
			len = h->nlmsg_len;
			buf[NLMSG_HDRLEN] = (unsigned char)rnd();
			p->cmd = buf[NLMSG_HDRLEN];
			break;
		}
	}
	if (hdr_ok)
		p->cmd = buf[NLMSG_HDRLEN];
	/*
	 * What the genetlink core treats as a dump of an operation the spec
	 * gives a dump (IND_GET, BEACON_GET, FEED_GET) answers with DONE or an
	 * error, whatever the other flags say; nothing else is a dump.
	 */
	p->dump = hdr_ok && spec_dump(p->cmd) &&
		  (h->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	if (p->dump)
		p->must_answer = true;
	p->flags = h->nlmsg_flags;
	p->len = h->nlmsg_len;
	dgram_add(buf, len);
	sent_msgs++;
	sent_kind[kind]++;
}

/*
 * What the answers to a request take of the receive buffer (skb truesize,
 * generously): a dump's part is allocated up to 32 KiB, a GET's reply is
 * NLMSG_GOODSIZE, an ACK with NETLINK_CAP_ACK and an extack message is under
 * 2 KiB.
 */
static int answer_cost(const struct pending *p)
{
	if (p->dump)
		return 66 * 1024;
	if (p->cmd == C2GUARD_CMD_STATUS_GET || p->cmd == C2GUARD_CMD_CONFIG_GET)
		return 10 * 1024;
	return 2 * 1024;
}

/*
 * Many requests back to back in one datagram, every one acked: no more than
 * half the receive buffer can hold the answers of, so that an overflow (the
 * kernel then drops replies, and drain() copes) stays the exception where
 * the buffer cannot be raised.
 */
static void batch(void)
{
	int n = 10 + rn(batch_max - 10), i, cost = 0;

	/* below every socket's send buffer limit */
	for (i = 0; i < n && dgram_len < 128 * 1024 &&
	     (overflow_on_purpose || cost < rcvbuf_bytes / 2); i++) {
		int k = rn(3);

		one_message(k == 0 ? K_WELL : k == 1 ? K_MUTATE : K_GARBAGE, -1);
		sent_kind[K_BATCH]++;
		cost += answer_cost(&pend[npend - 1]);
	}
}

/* ---- interrupted dumps ---------------------------------------------------------- */

static bool fill_table(int n, const char *tag)
{
	int i;

	for (i = 0; i < n; i++) {
		struct pending *p = pend_add(K_BATCH, C2GUARD_CMD_IND_ADD);
		struct nl_msg *m = req(C2GUARD_CMD_IND_ADD,
				       NLM_F_REQUEST | NLM_F_ACK, p->seq, 1);
		struct nlattr *nest = nla_nest_start(m, C2GUARD_A_IND);
		uint32_t a = htonl(0x0a000000 | (i + 1));

		nla_put_u8(m, C2GUARD_IND_A_FAMILY, AF_INET);
		nla_put(m, C2GUARD_IND_A_ADDR, 4, &a);
		nla_put_string(m, C2GUARD_IND_A_TAG, tag);
		nla_nest_end(m, nest);
		nla_put_u32(m, C2GUARD_A_FLAGS, C2GUARD_F_REPLACE);
		p->expect_ok = true;
		p->allowed = ok_add;
		dgram_add(nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
		nlmsg_free(m);
		sent_msgs++;
		if (npend >= 200 && !round_trip(sk_main))
			return false;
	}
	return npend ? round_trip(sk_main) : true;
}

static void send_dump(struct nl_sock *sk, unsigned int seq)
{
	struct nl_msg *m = req(C2GUARD_CMD_IND_GET,
			       NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP, seq, 1);

	if (nl_sendto(sk, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len) < 0)
		fail("cannot send a dump request");
	nlmsg_free(m);
	sent_msgs++;
	sent_kind[K_DUMP]++;
}

static bool wait_readable(struct nl_sock *sk)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };

	return poll(&pfd, 1, timeout_ms) == 1;
}

static void interrupted_dumps(void)
{
	struct nl_sock *s;
	struct sockaddr_nl peer;
	unsigned char *buf;
	struct pending *p;
	int i, n;

	if (unpriv)
		return;
	if (!fill_table(3000, "fz-intr"))
		return;

	/* closed after the first part, and closed before reading anything */
	for (i = 0; i < 2; i++) {
		s = open_sock(64 * 1024);
		send_dump(s, 1);
		if (i == 0) {
			if (!wait_readable(s))
				fail("interrupted dump: no first part");
			buf = NULL;
			n = nl_recv(s, &peer, &buf, NULL);
			free(buf);
			if (n <= 0)
				fail("interrupted dump: recv %d", n);
		}
		nl_socket_free(s);
	}

	/* a second dump while one runs on the same socket */
	p = pend_add(K_DUMP, C2GUARD_CMD_IND_GET);
	p->dump = true;
	send_dump(sk_main, p->seq);
	p = pend_add(K_DUMP, C2GUARD_CMD_IND_GET);
	p->dump = true;
	send_dump(sk_main, p->seq);
	round_trip(sk_main);

	/* the table changes under a dump: later parts carry DUMP_INTR */
	s = open_sock(64 * 1024);
	p = pend_add(K_DUMP, C2GUARD_CMD_IND_GET);
	p->dump = true;
	send_dump(s, p->seq);
	if (!wait_readable(s)) {
		fail("DUMP_INTR check: no first part");
	} else {
		buf = NULL;
		n = nl_recv(s, &peer, &buf, NULL);	/* the first part */
		free(buf);
		{
			struct pending *q = pend_add(K_WELL, C2GUARD_CMD_IND_FLUSH);
			struct nl_msg *m = req(C2GUARD_CMD_IND_FLUSH,
					       NLM_F_REQUEST | NLM_F_ACK, q->seq, 1);

			nla_put_string(m, C2GUARD_A_TAG, "fz-intr");
			q->expect_ok = true;
			q->allowed = ok_none;
			if (nl_sendto(sk_main, nlmsg_hdr(m),
				      nlmsg_hdr(m)->nlmsg_len) < 0)
				fail("DUMP_INTR check: cannot flush");
			nlmsg_free(m);
			sent_msgs++;
		}
		/* the flush answers on sk_main, the dump goes on on s */
		{
			unsigned int b = seq_next++;
			bool intr;

			barrier_msg(sk_main, b);
			/* drain s first: the dump of seq p->seq */
			drain(s, 0);
			intr = p->intr;
			drain(sk_main, b);
			if (!intr)
				fail("table flushed during a dump: no NLM_F_DUMP_INTR");
			else
				info("dump interrupted by a flush carried NLM_F_DUMP_INTR");
			npend = 0;
			dgram_len = 0;
		}
	}
	nl_socket_free(s);
}

/* ---- main ----------------------------------------------------------------------- */

static void restore(void)
{
	struct pending *p;
	struct nl_msg *m;
	struct nlattr *n;

	p = pend_add(K_WELL, C2GUARD_CMD_IND_FLUSH);
	p->expect_ok = true;
	m = req(C2GUARD_CMD_IND_FLUSH, NLM_F_REQUEST | NLM_F_ACK, p->seq, 1);
	dgram_add(nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);

	p = pend_add(K_WELL, C2GUARD_CMD_CONFIG_SET);
	p->expect_ok = true;
	m = req(C2GUARD_CMD_CONFIG_SET, NLM_F_REQUEST | NLM_F_ACK, p->seq, 1);
	n = nla_nest_start(m, C2GUARD_A_CONFIG);
	nla_put_u32(m, C2GUARD_CFG_A_ALERT_RATE, C2GUARD_DEFAULT_ALERT_RATE);
	nla_put_u32(m, C2GUARD_CFG_A_ALERT_BURST, C2GUARD_DEFAULT_ALERT_BURST);
	if (features & C2GUARD_FEAT_DOMAIN) {
		nla_put_u16(m, C2GUARD_CFG_A_DNS_PORT, C2GUARD_DEFAULT_DNS_PORT);
		nla_put_u8(m, C2GUARD_CFG_A_DNS_RCODE, C2GUARD_DEFAULT_DNS_RCODE);
	}
	if (features & C2GUARD_FEAT_DNS_BIND) {
		nla_put_u32(m, C2GUARD_CFG_A_BIND_TTL_MIN,
			    C2GUARD_DEFAULT_BIND_TTL_MIN);
		nla_put_u32(m, C2GUARD_CFG_A_BIND_TTL_MAX,
			    C2GUARD_DEFAULT_BIND_TTL_MAX);
		nla_put_u32(m, C2GUARD_CFG_A_BIND_MAX, C2GUARD_DEFAULT_BIND_MAX);
	}
	if (features & C2GUARD_FEAT_BEACON) {
		nla_put_u8(m, C2GUARD_CFG_A_BEACON, 0);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_RETRY,
			    C2GUARD_DEFAULT_BEACON_RETRY);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_IDLE,
			    C2GUARD_DEFAULT_BEACON_IDLE);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_SILENCE,
			    C2GUARD_DEFAULT_BEACON_SILENCE);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_HOLDDOWN,
			    C2GUARD_DEFAULT_BEACON_HOLDDOWN);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_MIN_GAPS,
			    C2GUARD_DEFAULT_BEACON_MIN_GAPS);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_WINDOW,
			    C2GUARD_DEFAULT_BEACON_WINDOW);
		nla_put_u32(m, C2GUARD_CFG_A_BEACON_THRESHOLD,
			    C2GUARD_DEFAULT_BEACON_THRESHOLD);
		if (have_beacon_max0)
			nla_put_u32(m, C2GUARD_CFG_A_BEACON_MAX, beacon_max0);
		nla_put_u8(m, C2GUARD_CFG_A_BEACON_ACTION, C2GUARD_ACT_ALERT);
		nla_put(m, C2GUARD_CFG_A_BEACON_ALLOW_PORTS, 0, NULL);
	}
	nla_nest_end(m, n);
	dgram_add(nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);
	round_trip(sk_main);
}

/* ---- beacon settings out of range ------------------------------------------------ */

/*
 * One CONFIG_SET of a single beacon setting (or two, where the second
 * makes the first invalid only together), which must fail.
 */
struct bad_cfg {
	const char *what;
	int attr, width;	/* width 0: raw bytes of data/len */
	uint32_t val;
	int attr2;		/* 0: none */
	uint32_t val2;
	const void *data;
	int len;
};

static void send_bad_cfg(const struct bad_cfg *b)
{
	struct pending *p = pend_add(K_WELL, C2GUARD_CMD_CONFIG_SET);
	struct nl_msg *m = req(C2GUARD_CMD_CONFIG_SET, NLM_F_REQUEST | NLM_F_ACK,
			       p->seq, C2GUARD_GENL_VERSION);
	struct nlattr *n = nla_nest_start(m, C2GUARD_A_CONFIG);

	if (b->width == 1)
		nla_put_u8(m, b->attr, (uint8_t)b->val);
	else if (b->width == 4)
		nla_put_u32(m, b->attr, b->val);
	else
		nla_put(m, b->attr, b->len, b->data);
	if (b->attr2)
		nla_put_u32(m, b->attr2, b->val2);
	nla_nest_end(m, n);
	p->must_fail = bad_range;
	dgram_add(nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
	nlmsg_free(m);
	sent_msgs++;
	sent_kind[K_WELL]++;
	if (verbose)
		info("seq %u: out of range: %s", p->seq, b->what);
}

static void beacon_ranges(void)
{
	static const uint32_t p65[C2GUARD_BEACON_ALLOW_PORTS_MAX + 1] = { 53 };
	static const uint32_t p_zero[] = { IPPROTO_UDP << 16 | 0 };
	static const uint32_t p_icmp[] = { IPPROTO_ICMP << 16 | 53 };
	static const uint32_t p_sctp[] = { IPPROTO_SCTP << 16 | 53 };
	static const uint32_t p_big[] = { 0xffff0000U | 53 };
	static const uint8_t p_odd[6] = { 53, 0, 0, 0, 53, 0 };
#define BAD(w, a, wd, v)	{ .what = w, .attr = a, .width = wd, .val = v }
#define BAD2(w, a, v, a2, v2)	{ .what = w, .attr = a, .width = 4, .val = v, \
				  .attr2 = a2, .val2 = v2 }
#define BADP(w, arr)		{ .what = w, \
				  .attr = C2GUARD_CFG_A_BEACON_ALLOW_PORTS, \
				  .data = arr, .len = sizeof(arr) }
	static const struct bad_cfg bad[] = {
		BAD("BEACON 2", C2GUARD_CFG_A_BEACON, 1, 2),
		BAD("BEACON as u32", C2GUARD_CFG_A_BEACON, 4, 1),
		BAD("BEACON_RETRY 0", C2GUARD_CFG_A_BEACON_RETRY, 4, 0),
		BAD("BEACON_RETRY 3600001", C2GUARD_CFG_A_BEACON_RETRY, 4,
		    3600001),
		BAD("BEACON_IDLE 0", C2GUARD_CFG_A_BEACON_IDLE, 4, 0),
		BAD("BEACON_IDLE 3600001", C2GUARD_CFG_A_BEACON_IDLE, 4, 3600001),
		BAD("BEACON_SILENCE 2592000001", C2GUARD_CFG_A_BEACON_SILENCE, 4,
		    2592000001U),
		BAD("BEACON_SILENCE 0", C2GUARD_CFG_A_BEACON_SILENCE, 4, 0),
		BAD2("BEACON_SILENCE equal to RETRY",
		     C2GUARD_CFG_A_BEACON_SILENCE, 5000,
		     C2GUARD_CFG_A_BEACON_RETRY, 5000),
		BAD2("BEACON_SILENCE below RETRY", C2GUARD_CFG_A_BEACON_SILENCE,
		     1000, C2GUARD_CFG_A_BEACON_RETRY, 5000),
		BAD("BEACON_HOLDDOWN 2592000001", C2GUARD_CFG_A_BEACON_HOLDDOWN, 4,
		    2592000001U),
		BAD("BEACON_HOLDDOWN 0xffffffff", C2GUARD_CFG_A_BEACON_HOLDDOWN, 4,
		    0xffffffff),
		BAD2("BEACON_MIN_GAPS 3", C2GUARD_CFG_A_BEACON_MIN_GAPS, 3,
		     C2GUARD_CFG_A_BEACON_WINDOW, 32),
		BAD2("BEACON_MIN_GAPS 33", C2GUARD_CFG_A_BEACON_MIN_GAPS, 33,
		     C2GUARD_CFG_A_BEACON_WINDOW, 32),
		BAD2("BEACON_WINDOW 33", C2GUARD_CFG_A_BEACON_WINDOW, 33,
		     C2GUARD_CFG_A_BEACON_MIN_GAPS, 8),
		BAD2("BEACON_WINDOW below MIN_GAPS", C2GUARD_CFG_A_BEACON_WINDOW,
		     7, C2GUARD_CFG_A_BEACON_MIN_GAPS, 8),
		BAD("BEACON_WINDOW 0", C2GUARD_CFG_A_BEACON_WINDOW, 4, 0),
		BAD("BEACON_THRESHOLD 0", C2GUARD_CFG_A_BEACON_THRESHOLD, 4, 0),
		BAD("BEACON_THRESHOLD 101", C2GUARD_CFG_A_BEACON_THRESHOLD, 4,
		    101),
		BAD("BEACON_MAX past the limit", C2GUARD_CFG_A_BEACON_MAX, 4,
		    C2GUARD_BEACON_MAX_LIMIT + 1),
		BAD("BEACON_ACTION NONE", C2GUARD_CFG_A_BEACON_ACTION, 1,
		    C2GUARD_ACT_NONE),
		BAD("BEACON_ACTION ALLOW", C2GUARD_CFG_A_BEACON_ACTION, 1,
		    C2GUARD_ACT_ALLOW),
		BAD("BEACON_ACTION past the last", C2GUARD_CFG_A_BEACON_ACTION, 1,
		    C2GUARD_ACT_MAX + 1),
		BAD("BEACON_ACTION 255", C2GUARD_CFG_A_BEACON_ACTION, 1, 255),
		BADP("BEACON_ALLOW_PORTS of 6 bytes", p_odd),
		BADP("BEACON_ALLOW_PORTS of 65 entries", p65),
		BADP("BEACON_ALLOW_PORTS port 0", p_zero),
		BADP("BEACON_ALLOW_PORTS ICMP", p_icmp),
		BADP("BEACON_ALLOW_PORTS SCTP", p_sctp),
		BADP("BEACON_ALLOW_PORTS protocol 0xffff", p_big),
	};
#undef BAD
#undef BAD2
#undef BADP
	size_t i;

	if (unpriv || !(features & C2GUARD_FEAT_BEACON))
		return;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		send_bad_cfg(&bad[i]);
	if (round_trip(sk_main))
		info("%zu out-of-range beacon settings sent", i);
}

/* STATUS_GET once, for C2GUARD_STATUS_A_FEATURES (root only). */
static int feat_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[C2GUARD_A_MAX + 1], *st[C2GUARD_STATUS_A_MAX + 1];

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, C2GUARD_A_MAX, NULL) < 0 ||
	    !tb[C2GUARD_A_STATUS] ||
	    nla_parse_nested(st, C2GUARD_STATUS_A_MAX, tb[C2GUARD_A_STATUS],
			     NULL) < 0)
		return NL_SKIP;
	if (st[C2GUARD_STATUS_A_FEATURES] &&
	    nla_len(st[C2GUARD_STATUS_A_FEATURES]) == 8)
		features = nla_get_u64(st[C2GUARD_STATUS_A_FEATURES]);
	return NL_OK;
}

/* CONFIG_GET once, for the BEACON_MAX to restore (root only). */
static int cfg_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[C2GUARD_A_MAX + 1], *ct[C2GUARD_CFG_A_MAX + 1];

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, C2GUARD_A_MAX, NULL) < 0 ||
	    !tb[C2GUARD_A_CONFIG] ||
	    nla_parse_nested(ct, C2GUARD_CFG_A_MAX, tb[C2GUARD_A_CONFIG],
			     NULL) < 0)
		return NL_SKIP;
	if (ct[C2GUARD_CFG_A_BEACON_MAX] &&
	    nla_len(ct[C2GUARD_CFG_A_BEACON_MAX]) == 4) {
		beacon_max0 = nla_get_u32(ct[C2GUARD_CFG_A_BEACON_MAX]);
		have_beacon_max0 = true;
	}
	return NL_OK;
}

static void get_beacon_max(void)
{
	struct nl_sock *s = nl_socket_alloc();
	struct nl_msg *m = nlmsg_alloc();
	int r;

	if (!s || !m || genl_connect(s) < 0)
		return;
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
		    C2GUARD_CMD_CONFIG_GET, C2GUARD_GENL_VERSION);
	nl_socket_modify_cb(s, NL_CB_VALID, NL_CB_CUSTOM, cfg_cb, NULL);
	r = nl_send_auto(s, m);
	if (r >= 0)
		r = nl_recvmsgs_default(s);
	if (r < 0)
		fail("CONFIG_GET for BEACON_MAX: %s", nl_geterror(r));
	else if (!have_beacon_max0)
		fail("CONFIG_GET answers no BEACON_MAX though the module has beacon detection");
	nlmsg_free(m);
	nl_socket_free(s);
}

static void get_features(void)
{
	struct nl_sock *s = nl_socket_alloc();
	struct nl_msg *m = nlmsg_alloc();
	int r;

	if (!s || !m || genl_connect(s) < 0)
		return;
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
		    C2GUARD_CMD_STATUS_GET, C2GUARD_GENL_VERSION);
	nl_socket_modify_cb(s, NL_CB_VALID, NL_CB_CUSTOM, feat_cb, NULL);
	r = nl_send_auto(s, m);
	if (r >= 0)
		r = nl_recvmsgs_default(s);
	if (r < 0 && !unpriv)
		fail("STATUS_GET for the feature bits: %s", nl_geterror(r));
	nlmsg_free(m);
	nl_socket_free(s);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: genl_fuzz [-u] [-n MESSAGES] [-s SEED] [-t TIMEOUT_S] [-b BYTES] [-O] [-v]\n"
		"  -u  unprivileged caller: every request must fail\n"
		"  -b  receive buffer to ask for (default 8 MiB)\n"
		"  -O  batches ignore the receive buffer: overflow it on purpose\n");
}

int main(int argc, char **argv)
{
	uint64_t seed = (uint64_t)time(NULL);
	struct timespec t0, t1;
	long next_report, next_intr;
	int o, grp, i, r;

	while ((o = getopt(argc, argv, "un:s:t:b:Ovh")) != -1) {
		switch (o) {
		case 'b':
			rcvbuf_ask = atoi(optarg);
			break;
		case 'O':
			overflow_on_purpose = true;
			break;
		case 'u':
			unpriv = true;
			break;
		case 'n':
			target = atol(optarg);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 't':
			timeout_ms = atoi(optarg) * 1000;
			break;
		case 'v':
			verbose = true;
			break;
		default:
			usage();
			return o == 'h' ? 0 : 2;
		}
	}
	rs ^= seed * 0x9e3779b97f4a7c15ULL;
	if (!rs)
		rs = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	info("seed %llu, %ld messages, %s", (unsigned long long)seed, target,
	     unpriv ? "unprivileged" : "privileged");

	sk_main = open_sock(rcvbuf_ask);
	{
		/* without CAP_NET_ADMIN the buffer is capped by rmem_max: no
		 * more requests in a datagram than it has room for answers */
		int rb = 0;
		socklen_t sl = sizeof(rb);

		getsockopt(nl_socket_get_fd(sk_main), SOL_SOCKET, SO_RCVBUF,
			   &rb, &sl);
		rcvbuf_bytes = rb;
		if (!overflow_on_purpose && rb / 2048 < batch_max)
			batch_max = rb / 2048 > 20 ? rb / 2048 : 20;
		if (overflow_on_purpose)
			info("receive buffer %d bytes, batches of up to %d requests whatever their answers take (-O)",
			     rb, batch_max);
		else
			info("receive buffer %d bytes, batches of up to %d requests, answers up to %d bytes",
			     rb, batch_max, rb / 2);
	}
	family = genl_ctrl_resolve(sk_main, C2GUARD_GENL_NAME);
	if (family < 0) {
		info("family %s not found: %s", C2GUARD_GENL_NAME,
		     nl_geterror(family));
		return 4;
	}
	info("family %s has id %d", C2GUARD_GENL_NAME, family);
	if (!unpriv) {
		get_features();
		info("module features 0x%llx", (unsigned long long)features);
		if (features & C2GUARD_FEAT_BEACON) {
			get_beacon_max();
			info("beacon max %u", beacon_max0);
		}
	}

	/* the alert group: root may join, nobody else */
	grp = genl_ctrl_resolve_grp(sk_main, C2GUARD_GENL_NAME,
				    C2GUARD_MCGRP_ALERTS);
	if (grp < 0) {
		fail("multicast group %s not found: %s", C2GUARD_MCGRP_ALERTS,
		     nl_geterror(grp));
	} else {
		struct nl_sock *s = open_sock(64 * 1024);

		r = nl_socket_add_membership(s, grp);
		if (unpriv && r >= 0)
			fail("an unprivileged caller joined the alert group");
		else if (!unpriv && r < 0)
			fail("root cannot join the alert group: %s",
			     nl_geterror(r));
		else
			info("joining the alert group: %s",
			     r < 0 ? "refused" : "allowed");
		nl_socket_free(s);
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	next_report = 10000;
	next_intr = target / 2;
	while (sent_msgs < target && failures <= 50) {
		int k = rn(100);

		if (k < 25)
			one_message(K_WELL, -1);
		else if (k < 55)
			one_message(K_MUTATE, -1);
		else if (k < 80)
			one_message(K_GARBAGE, -1);
		else if (k < 88)
			one_message(K_HDR, -1);
		else if (k < 92)
			batch();
		else if ((features & C2GUARD_FEAT_BEACON) && chance(30))
			one_message(K_DUMP, C2GUARD_CMD_BEACON_GET);
		else
			one_message(K_DUMP, C2GUARD_CMD_IND_GET);
		if (!round_trip(sk_main))
			break;
		if (sent_msgs >= next_intr) {
			interrupted_dumps();
			next_intr = target + 1;
		}
		if (sent_msgs >= next_report) {
			info("%ld messages sent, %ld replies, %ld failures",
			     sent_msgs, replies, failures);
			next_report += 10000;
		}
	}
	if (next_intr <= target && failures <= 50)
		interrupted_dumps();
	if (failures <= 50)
		beacon_ranges();
	if (!unpriv)
		restore();
	clock_gettime(CLOCK_MONOTONIC, &t1);

	for (i = 0; i < K_NKINDS; i++)
		info("%-12s %ld", kind_name[i], sent_kind[i]);
	info("replies %ld: %ld acks, %ld data messages, %ld dumps done, %ld with DUMP_INTR, %ld ext-ack messages, %ld silently dropped as due, %ld after an ENOBUFS dump start",
	     replies, acks, data_msgs, dumps_done, dump_intr_seen, extack_msgs,
	     silent_ok, late_ok);
	info("receive overflows %ld: %ld answers lost to them, %ld barriers sent again",
	     overflows, lost_answers, barriers_resent);
	for (i = 1; i <= MAX_ERRNO; i++)
		if (errno_count[i])
			info("  -%-12s %ld", strerror(i), errno_count[i]);
	printf("genl_fuzz: %ld messages in %.1f s, %ld failures (%s)\n",
	       sent_msgs, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	       failures, unpriv ? "unprivileged" : "privileged");
	return failures ? 1 : 0;
}
