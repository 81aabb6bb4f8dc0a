// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: generic netlink plumbing.
 *
 * One socket per run.  Requests are acked (NLM_F_ACK) and the socket asks
 * for extended ACKs (NETLINK_EXT_ACK) without the request echoed back
 * (NETLINK_CAP_ACK), so an error comes with the kernel's explanation.
 * Every reply is checked to come from the kernel and to carry the
 * sequence number of the request; anything else is ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "c2ctl.h"

struct nlmsghdr *c2_nl_put_hdr(void *buf, __u16 family, __u16 flags,
			       __u32 seq, __u8 cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = C2GUARD_GENL_VERSION;
	return nlh;
}

/*
 * recvmsg() one datagram.  Datagrams not sent by the kernel are dropped;
 * a truncated one is an error (EMSGSIZE).  Returns its length or -1.
 */
ssize_t c2_nl_recv(struct c2_nl *nl, void *buf, size_t len, int flags)
{
	struct sockaddr_nl addr;
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {
		.msg_name = &addr,
		.msg_namelen = sizeof(addr),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t r;

	for (;;) {
		msg.msg_namelen = sizeof(addr);
		r = recvmsg(nl->fd, &msg, flags);
		if (r < 0)
			return r;
		if (msg.msg_flags & MSG_TRUNC) {
			errno = EMSGSIZE;
			return -1;
		}
		if (msg.msg_namelen != sizeof(addr) ||
		    addr.nl_family != AF_NETLINK || addr.nl_pid != 0)
			continue;
		return r;
	}
}

struct ext_ack {
	const struct nlattr *msg;
};

static int ext_ack_cb(const struct nlattr *attr, void *data)
{
	struct ext_ack *ea = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG)
		ea->msg = attr;
	return MNL_CB_OK;
}

/* Copy the extended ACK message found after @offset bytes of payload. */
static void ext_ack_msg(const struct nlmsghdr *nlh, size_t offset,
			struct c2_nl_err *e)
{
	struct ext_ack ea = { NULL };
	const char *s;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    offset > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, (unsigned int)offset, ext_ack_cb, &ea);
	if (ea.msg && c2_attr_strz(ea.msg, 0, &s))
		snprintf(e->msg, sizeof(e->msg), "%s", s);
}

/*
 * Decode an NLMSG_ERROR message into *e.  Returns 0, or -1 if it is too
 * short to be one (then e->error is -EBADMSG).
 */
int c2_nl_parse_err(const struct nlmsghdr *nlh, struct c2_nl_err *e)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	size_t offset;

	e->msg[0] = '\0';
	if (plen < sizeof(*err)) {
		e->error = -EBADMSG;
		return -1;
	}
	e->error = err->error > 0 ? -EPROTO : err->error;
	if (nlh->nlmsg_flags & NLM_F_CAPPED) {
		offset = sizeof(*err);
	} else {
		if (err->msg.nlmsg_len < sizeof(struct nlmsghdr))
			return 0;
		offset = sizeof(int) + (((size_t)err->msg.nlmsg_len + 3) & ~(size_t)3);
	}
	ext_ack_msg(nlh, offset, e);
	return 0;
}

static void set_local_err(struct c2_nl_err *e, int error)
{
	e->error = -error;
	e->msg[0] = '\0';
}

/*
 * Read replies to request @seq until @done says the exchange is over.
 * @dump: the request was a dump (ends with NLMSG_DONE rather than an ACK).
 */
static int nl_collect(struct c2_nl *nl, __u32 seq, bool dump, c2_nl_cb cb,
		      void *data, bool *intr, struct c2_nl_err *e)
{
	int cb_err = 0;

	for (;;) {
		const struct nlmsghdr *nlh;
		ssize_t r;
		int len;

		r = c2_nl_recv(nl, nl->rbuf, nl->rbuf_len, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			set_local_err(e, errno);
			return e->error;
		}
		len = (int)r;
		c2_nlmsg_for_each(nlh, nl->rbuf, len) {
			if (nlh->nlmsg_seq != seq ||
			    !mnl_nlmsg_portid_ok(nlh, nl->portid))
				continue;
			if (intr && (nlh->nlmsg_flags & NLM_F_DUMP_INTR))
				*intr = true;
			switch (nlh->nlmsg_type) {
			case NLMSG_NOOP:
				continue;
			case NLMSG_ERROR:
				c2_nl_parse_err(nlh, e);
				if (!e->error && cb_err)
					set_local_err(e, -cb_err);
				return e->error;
			case NLMSG_DONE:
				if (!dump)
					continue;
				e->msg[0] = '\0';
				e->error = 0;
				if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
					int derr = *(int *)mnl_nlmsg_get_payload(nlh);

					e->error = derr > 0 ? -EPROTO : derr;
					ext_ack_msg(nlh, sizeof(int), e);
				}
				if (!e->error && cb_err)
					set_local_err(e, -cb_err);
				return e->error;
			default:
				if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !cb ||
				    cb_err)
					continue;
				cb_err = cb(nlh, data);
				if (cb_err > 0)
					cb_err = 0;
				break;
			}
		}
	}
}

static int nl_send(struct c2_nl *nl, const struct nlmsghdr *nlh,
		   struct c2_nl_err *e)
{
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0) {
		set_local_err(e, errno);
		return e->error;
	}
	return 0;
}

/*
 * Send a request and wait for its ACK or error, passing every reply
 * message to @cb.  Returns 0 or a negative errno (details in *e).  A
 * negative value returned by @cb makes the whole call fail with it.
 */
int c2_nl_do(struct c2_nl *nl, struct nlmsghdr *nlh, c2_nl_cb cb,
	     void *data, struct c2_nl_err *e)
{
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl->seq;
	e->error = 0;
	e->msg[0] = '\0';
	if (nl_send(nl, nlh, e))
		return e->error;
	return nl_collect(nl, nlh->nlmsg_seq, false, cb, data, NULL, e);
}

/*
 * Dump with command @cmd (no attributes).  *intr is set when a message
 * carried NLM_F_DUMP_INTR: the table changed while the dump ran.
 */
int c2_nl_dump(struct c2_nl *nl, __u8 cmd, c2_nl_cb cb, void *data,
	       bool *intr, struct c2_nl_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = c2_nl_put_hdr(buf, nl->family, NLM_F_REQUEST | NLM_F_DUMP,
			    ++nl->seq, cmd);
	*intr = false;
	e->error = 0;
	e->msg[0] = '\0';
	if (nl_send(nl, nlh, e))
		return e->error;
	return nl_collect(nl, nlh->nlmsg_seq, true, cb, data, intr, e);
}

void c2_nl_report(const char *ctx, const struct c2_nl_err *e)
{
	if (e->msg[0])
		c2_err("%s: %s (kernel: %s)", ctx, strerror(-e->error), e->msg);
	else
		c2_err("%s: %s", ctx, strerror(-e->error));
}

/* Ask for buffer sizes (forcing past the sysctl limits when allowed). */
void c2_nl_bufsize(struct c2_nl *nl, int sndbuf, int rcvbuf,
		   int *snd_eff, int *rcv_eff)
{
	socklen_t len;

	if (sndbuf > 0 &&
	    setsockopt(nl->fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf,
		       sizeof(sndbuf)) < 0)
		setsockopt(nl->fd, SOL_SOCKET, SO_SNDBUF, &sndbuf,
			   sizeof(sndbuf));
	if (rcvbuf > 0 &&
	    setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
		       sizeof(rcvbuf)) < 0)
		setsockopt(nl->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			   sizeof(rcvbuf));
	len = sizeof(*snd_eff);
	if (snd_eff && getsockopt(nl->fd, SOL_SOCKET, SO_SNDBUF, snd_eff,
				  &len) < 0)
		*snd_eff = 0;
	len = sizeof(*rcv_eff);
	if (rcv_eff && getsockopt(nl->fd, SOL_SOCKET, SO_RCVBUF, rcv_eff,
				  &len) < 0)
		*rcv_eff = 0;
}

struct attr_table {
	const struct nlattr **tb;
	unsigned int max;
};

static int attr_table_cb(const struct nlattr *attr, void *data)
{
	struct attr_table *t = data;
	unsigned int type = mnl_attr_get_type(attr);

	/* Unknown (newer) attributes are skipped, not errors. */
	if (type <= t->max)
		t->tb[type] = attr;
	return MNL_CB_OK;
}

int c2_attr_table(const struct nlattr *nest, const struct nlattr **tb,
		  unsigned int max)
{
	struct attr_table t = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (!nest)
		return -1;
	return mnl_attr_parse_nested(nest, attr_table_cb, &t) < 0 ? -1 : 0;
}

int c2_msg_table(const struct nlmsghdr *nlh, const struct nlattr **tb,
		 unsigned int max)
{
	struct attr_table t = { tb, max };

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return -1;
	return mnl_attr_parse(nlh, GENL_HDRLEN, attr_table_cb, &t) < 0 ? -1 : 0;
}

/* Fixed-size attributes must have exactly their size; NULL is "absent". */
bool c2_attr_u8(const struct nlattr *a, __u8 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	*v = mnl_attr_get_u8(a);
	return true;
}

bool c2_attr_u16(const struct nlattr *a, __u16 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	*v = mnl_attr_get_u16(a);
	return true;
}

bool c2_attr_u32(const struct nlattr *a, __u32 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

bool c2_attr_u64(const struct nlattr *a, __u64 *v)
{
	if (!a || mnl_attr_get_payload_len(a) != sizeof(*v))
		return false;
	memcpy(v, mnl_attr_get_payload(a), sizeof(*v));
	return true;
}

bool c2_attr_uint(const struct nlattr *a, unsigned char width, __u64 *v)
{
	__u8 v8;
	__u16 v16;
	__u32 v32;

	switch (width) {
	case C2_W_U8:
		if (!c2_attr_u8(a, &v8))
			return false;
		*v = v8;
		return true;
	case C2_W_U16:
		if (!c2_attr_u16(a, &v16))
			return false;
		*v = v16;
		return true;
	case C2_W_U32:
		if (!c2_attr_u32(a, &v32))
			return false;
		*v = v32;
		return true;
	default:
		return c2_attr_u64(a, v);
	}
}

/* A NUL-terminated string; with @max, shorter than @max bytes. */
bool c2_attr_strz(const struct nlattr *a, size_t max, const char **s)
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

struct family_info {
	struct c2_nl *nl;
	bool malformed;
};

static int mcast_group(const struct nlattr *grp, struct c2_nl *nl)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	const char *name;
	__u32 id;

	if (c2_attr_table(grp, tb, CTRL_ATTR_MCAST_GRP_MAX) ||
	    !c2_attr_strz(tb[CTRL_ATTR_MCAST_GRP_NAME], 0, &name) ||
	    !c2_attr_u32(tb[CTRL_ATTR_MCAST_GRP_ID], &id))
		return -1;
	if (!strcmp(name, C2GUARD_MCGRP_ALERTS))
		nl->alerts_group = id;
	return 0;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct family_info *fi = data;
	const struct nlattr *grp;
	const char *name;
	__u16 id;

	if (nlh->nlmsg_type != GENL_ID_CTRL || c2_msg_table(nlh, tb, CTRL_ATTR_MAX) ||
	    !c2_attr_u16(tb[CTRL_ATTR_FAMILY_ID], &id) ||
	    !c2_attr_strz(tb[CTRL_ATTR_FAMILY_NAME], 0, &name) ||
	    strcmp(name, C2GUARD_GENL_NAME)) {
		fi->malformed = true;
		return 0;
	}
	fi->nl->family = id;
	if (!c2_attr_u32(tb[CTRL_ATTR_VERSION], &fi->nl->version))
		fi->nl->version = 0;
	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
			if (mcast_group(grp, fi->nl))
				fi->malformed = true;
		}
	}
	return 0;
}

/*
 * Open the socket and look the c2guard family up.  Prints why on failure
 * and returns -1.
 */
int c2_nl_open(struct c2_nl *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct family_info fi = { nl, false };
	struct c2_nl_err e;
	struct nlmsghdr *nlh;
	int one = 1;
	int r;

	memset(nl, 0, sizeof(*nl));
	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock) {
		c2_err("cannot open generic netlink socket: %s",
		       strerror(errno));
		return -1;
	}
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		c2_err("cannot bind netlink socket: %s", strerror(errno));
		c2_nl_close(nl);
		return -1;
	}
	nl->fd = mnl_socket_get_fd(nl->sock);
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (__u32)time(NULL);
	nl->rbuf_len = C2_NL_RBUF;
	/* Slack: libmnl rounds a last, unaligned message up by 3 bytes. */
	nl->rbuf = c2_xmalloc(nl->rbuf_len + 8);
	memset(nl->rbuf, 0, nl->rbuf_len + 8);
	/* Older kernels lack these; errors then come without details. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));

	nlh = c2_nl_put_hdr(buf, GENL_ID_CTRL, 0, 0, CTRL_CMD_GETFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, C2GUARD_GENL_NAME);
	r = c2_nl_do(nl, nlh, family_cb, &fi, &e);
	if (r == -ENOENT) {
		c2_err("c2guard module not loaded (generic netlink family \"%s\" not found)",
		       C2GUARD_GENL_NAME);
		c2_nl_close(nl);
		return -1;
	}
	if (r) {
		c2_nl_report("looking up generic netlink family \"" C2GUARD_GENL_NAME "\"",
			     &e);
		c2_nl_close(nl);
		return -1;
	}
	if (!nl->family || fi.malformed) {
		c2_err("malformed generic netlink family description from the kernel");
		c2_nl_close(nl);
		return -1;
	}
	if (nl->version && nl->version != C2GUARD_GENL_VERSION)
		c2_err("warning: kernel speaks c2guard netlink version %u, c2ctl version %u",
		       nl->version, C2GUARD_GENL_VERSION);
	return 0;
}

void c2_nl_close(struct c2_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->rbuf);
	nl->sock = NULL;
	nl->rbuf = NULL;
}
