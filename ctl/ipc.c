// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: the ipc layer, every exchange with the c2guard module.
 *
 * One generic netlink socket per run, opened by the first request, which
 * also looks the family up (ipc_open()).  Every request goes through
 * ipc_request(): it stamps the family and a sequence number, asks for an
 * ACK (NLM_F_ACK) or a dump (NLM_F_DUMP), sends, and reads the replies
 * until the ACK, the error or NLMSG_DONE.  The socket asks for extended
 * ACKs (NETLINK_EXT_ACK) without the request echoed back
 * (NETLINK_CAP_ACK), so an error comes with the kernel's explanation.
 * Every reply is checked to come from the kernel and to carry the sequence
 * number of the request; anything else is ignored.
 *
 * Two exchanges are not one request and one answer: batches of adds
 * (ipc_batch_*, many requests in one datagram, an ACK each) and alerts
 * (ipc_alerts_*, multicast).  They use the same socket, ipc_send() and
 * ipc_recv().
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "attr.h"
#include "c2ctl.h"

#define IPC_STR_(x)	#x
#define IPC_STR(x)	IPC_STR_(x)

/* Receive buffer; a longer datagram fails with EMSGSIZE (ipc_recv()). */
#define IPC_RBUF	(64 * 1024)

/**
 * struct ipc_sock - the run's socket
 * @sock: libmnl's socket, NULL while closed
 * @fd: its descriptor
 * @portid: its netlink port
 * @family: generic netlink family id of c2guard, 0 until looked up
 * @version: family version the kernel speaks
 * @alerts_group: multicast group id, 0 if unknown
 * @seq: sequence number of the last request
 * @rbuf: receive buffer of IPC_RBUF bytes
 */
static struct ipc_sock {
	struct mnl_socket *sock;
	int fd;
	__u32 portid;
	__u16 family;
	__u32 version;
	__u32 alerts_group;
	__u32 seq;
	char *rbuf;
} ipc;

/*
 * Walk the messages of a datagram.  mnl_nlmsg_ok() (libmnl 1.0.4) compares
 * nlmsg_len as an int, so a corrupt length of 2^31 or more passes and the
 * walk leaves the buffer; these compare unsigned.
 */
static bool ipc_nlmsg_ok(const struct nlmsghdr *nlh, int len)
{
	return len >= (int)sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= (unsigned int)len;
}

static const struct nlmsghdr *ipc_nlmsg_next(const struct nlmsghdr *nlh,
					     int *len)
{
	*len -= (int)NLMSG_ALIGN(nlh->nlmsg_len);
	return (const struct nlmsghdr *)((const char *)nlh +
					 NLMSG_ALIGN(nlh->nlmsg_len));
}

#define ipc_nlmsg_for_each(nlh, buf, len)				\
	for ((nlh) = (const struct nlmsghdr *)(buf); ipc_nlmsg_ok((nlh), (len)); \
	     (nlh) = ipc_nlmsg_next((nlh), &(len)))

/* No error (field by field: this runs for every ACK of a batch). */
static void ipc_err_clear(struct ipc_err *e)
{
	e->error = 0;
	e->ctx = NULL;
	e->step = NULL;
	e->text = NULL;
	e->msg[0] = '\0';
}

/* A failure on this side: -@error, while doing @step (or NULL). */
static int ipc_err_local(struct ipc_err *e, int error, const char *step)
{
	ipc_err_clear(e);
	e->error = -error;
	e->step = step;
	return e->error;
}

/* A failure that @text explains; @ctx as in struct ipc_err. */
static int ipc_err_text(struct ipc_err *e, int error, const char *ctx,
			const char *text)
{
	ipc_err_clear(e);
	e->error = -error;
	e->ctx = ctx;
	e->text = text;
	return e->error;
}

/*
 * The header of a generic netlink message with command @cmd to family
 * @type (0: c2guard, which ipc_request() fills in), at @buf, which has
 * room for the whole message.
 */
static struct nlmsghdr *ipc_msg(void *buf, __u16 type, __u16 flags,
				__u32 seq, __u8 cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = type;
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
static ssize_t ipc_recv(int flags)
{
	struct sockaddr_nl addr;
	struct iovec iov = { .iov_base = ipc.rbuf, .iov_len = IPC_RBUF };
	struct msghdr msg = {
		.msg_name = &addr,
		.msg_namelen = sizeof(addr),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t r;

	for (;;) {
		msg.msg_namelen = sizeof(addr);
		r = recvmsg(ipc.fd, &msg, flags);
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

/* Send one datagram (one request or a batch); 0 or a negative errno. */
static int ipc_send(const void *buf, size_t len, struct ipc_err *e)
{
	if (mnl_socket_sendto(ipc.sock, buf, len) < 0)
		return ipc_err_local(e, errno, NULL);
	return 0;
}

struct ipc_ext_ack {
	const struct nlattr *msg;
};

static int ipc_ext_ack_cb(const struct nlattr *attr, void *data)
{
	struct ipc_ext_ack *ea = data;

	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG)
		ea->msg = attr;
	return MNL_CB_OK;
}

/* Copy the extended ACK message found after @offset bytes of payload. */
static void ipc_ext_ack_msg(const struct nlmsghdr *nlh, size_t offset,
			    struct ipc_err *e)
{
	struct ipc_ext_ack ea = { NULL };
	const char *s;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    offset > mnl_nlmsg_get_payload_len(nlh))
		return;
	mnl_attr_parse(nlh, (unsigned int)offset, ipc_ext_ack_cb, &ea);
	if (ea.msg && attr_strz(ea.msg, 0, &s))
		snprintf(e->msg, sizeof(e->msg), "%s", s);
}

/*
 * Decode an NLMSG_ERROR message into *e (error 0: an ACK).  One too short
 * to be one is -EBADMSG.
 */
static void ipc_parse_err(const struct nlmsghdr *nlh, struct ipc_err *e)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	size_t offset;

	ipc_err_clear(e);
	if (plen < sizeof(*err)) {
		e->error = -EBADMSG;
		return;
	}
	e->error = err->error > 0 ? -EPROTO : err->error;
	if (nlh->nlmsg_flags & NLM_F_CAPPED) {
		offset = sizeof(*err);
	} else {
		if (err->msg.nlmsg_len < sizeof(struct nlmsghdr))
			return;
		offset = sizeof(int) + (((size_t)err->msg.nlmsg_len + 3) & ~(size_t)3);
	}
	ipc_ext_ack_msg(nlh, offset, e);
}

/* Called for every reply message other than errors, ACKs and DONE. */
typedef int (*ipc_reply_fn)(const struct nlmsghdr *nlh, void *data);

/*
 * Read the replies to request @seq until the exchange is over: its ACK or
 * error, or for a dump (@dump) NLMSG_DONE.  *intr, if given, is set when a
 * reply carried NLM_F_DUMP_INTR.  A negative value returned by @fn makes
 * the request fail with it, once the kernel is done answering.
 */
static int ipc_collect(__u32 seq, bool dump, ipc_reply_fn fn, void *data,
		       bool *intr, struct ipc_err *e)
{
	int fn_err = 0;

	for (;;) {
		const struct nlmsghdr *nlh;
		ssize_t r;
		int len;

		r = ipc_recv(0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return ipc_err_local(e, errno, NULL);
		}
		len = (int)r;
		ipc_nlmsg_for_each(nlh, ipc.rbuf, len) {
			if (nlh->nlmsg_seq != seq ||
			    !mnl_nlmsg_portid_ok(nlh, ipc.portid))
				continue;
			if (intr && (nlh->nlmsg_flags & NLM_F_DUMP_INTR))
				*intr = true;
			switch (nlh->nlmsg_type) {
			case NLMSG_NOOP:
				continue;
			case NLMSG_ERROR:
				ipc_parse_err(nlh, e);
				if (!e->error && fn_err)
					ipc_err_local(e, -fn_err, NULL);
				return e->error;
			case NLMSG_DONE:
				if (!dump)
					continue;
				ipc_err_clear(e);
				if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
					int derr = *(int *)mnl_nlmsg_get_payload(nlh);

					e->error = derr > 0 ? -EPROTO : derr;
					ipc_ext_ack_msg(nlh, sizeof(int), e);
				}
				if (!e->error && fn_err)
					ipc_err_local(e, -fn_err, NULL);
				return e->error;
			default:
				if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !fn ||
				    fn_err)
					continue;
				fn_err = fn(nlh, data);
				if (fn_err > 0)
					fn_err = 0;
				break;
			}
		}
	}
}

/* Ask for buffer sizes (forcing past the sysctl limits when allowed). */
static void ipc_bufsize(int sndbuf, int rcvbuf, int *snd_eff, int *rcv_eff)
{
	socklen_t len;

	if (sndbuf > 0 &&
	    setsockopt(ipc.fd, SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf,
		       sizeof(sndbuf)) < 0)
		setsockopt(ipc.fd, SOL_SOCKET, SO_SNDBUF, &sndbuf,
			   sizeof(sndbuf));
	if (rcvbuf > 0 &&
	    setsockopt(ipc.fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
		       sizeof(rcvbuf)) < 0)
		setsockopt(ipc.fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			   sizeof(rcvbuf));
	len = sizeof(*snd_eff);
	if (snd_eff && getsockopt(ipc.fd, SOL_SOCKET, SO_SNDBUF, snd_eff,
				  &len) < 0)
		*snd_eff = 0;
	len = sizeof(*rcv_eff);
	if (rcv_eff && getsockopt(ipc.fd, SOL_SOCKET, SO_RCVBUF, rcv_eff,
				  &len) < 0)
		*rcv_eff = 0;
}

/*
 * The socket, unless it is open already (the one place that opens one);
 * 0 or a negative errno.  Failures say everything (e->ctx "").
 */
static int ipc_socket(struct ipc_err *e)
{
	int one = 1;

	if (ipc.sock)
		return 0;
	ipc.sock = mnl_socket_open(NETLINK_GENERIC);
	if (!ipc.sock) {
		ipc_err_local(e, errno, "cannot open generic netlink socket");
		e->ctx = "";
		return e->error;
	}
	if (mnl_socket_bind(ipc.sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		ipc_err_local(e, errno, "cannot bind netlink socket");
		e->ctx = "";
		ipc_close();
		return e->error;
	}
	ipc.fd = mnl_socket_get_fd(ipc.sock);
	ipc.portid = mnl_socket_get_portid(ipc.sock);
	ipc.seq = (__u32)time(NULL);
	/* Slack: libmnl rounds a last, unaligned message up by 3 bytes. */
	ipc.rbuf = c2_xmalloc(IPC_RBUF + 8);
	memset(ipc.rbuf, 0, IPC_RBUF + 8);
	/* Older kernels lack these; errors then come without details. */
	mnl_socket_setsockopt(ipc.sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(ipc.sock, NETLINK_CAP_ACK, &one, sizeof(one));
	return 0;
}

void ipc_close(void)
{
	if (ipc.sock)
		mnl_socket_close(ipc.sock);
	free(ipc.rbuf);
	memset(&ipc, 0, sizeof(ipc));
}

static int ipc_open(struct ipc_err *e);

/* How ipc_request() treats a request. */
#define IPC_DUMP	0x1	/* a dump: ends with NLMSG_DONE */
#define IPC_CTRL	0x2	/* to nlctrl (type set), not to c2guard */

/*
 * The one request helper: send @nlh and read the replies, passing every
 * reply message to @fn, until the ACK, the error or (IPC_DUMP) the end of
 * the dump.  The socket is opened and the family looked up first if need
 * be.  *intr as in ipc_collect().  Returns 0 or a negative errno (details
 * in *e).
 */
static int ipc_request(struct nlmsghdr *nlh, unsigned int how, ipc_reply_fn fn,
		       void *data, bool *intr, struct ipc_err *e)
{
	ipc_err_clear(e);
	if (how & IPC_CTRL ? ipc_socket(e) : ipc_open(e))
		return e->error;
	ipc_err_clear(e);
	if (!(how & IPC_CTRL))
		nlh->nlmsg_type = ipc.family;
	nlh->nlmsg_flags |= NLM_F_REQUEST |
			    (how & IPC_DUMP ? NLM_F_DUMP : NLM_F_ACK);
	nlh->nlmsg_seq = ++ipc.seq;
	if (intr)
		*intr = false;
	if (ipc_send(nlh, nlh->nlmsg_len, e))
		return e->error;
	return ipc_collect(nlh->nlmsg_seq, how & IPC_DUMP, fn, data, intr, e);
}

/* ---- the family ---- */

static int ipc_mcast_group(const struct nlattr *grp)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1];
	const char *name;
	__u32 id;

	if (attr_table(grp, tb, CTRL_ATTR_MCAST_GRP_MAX) ||
	    !attr_strz(tb[CTRL_ATTR_MCAST_GRP_NAME], 0, &name) ||
	    !attr_u32(tb[CTRL_ATTR_MCAST_GRP_ID], &id))
		return -1;
	if (!strcmp(name, C2GUARD_MCGRP_ALERTS))
		ipc.alerts_group = id;
	return 0;
}

static int ipc_family_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	bool *malformed = data;
	const struct nlattr *grp;
	const char *name;
	__u16 id;

	if (nlh->nlmsg_type != GENL_ID_CTRL ||
	    attr_msg_table(nlh, tb, CTRL_ATTR_MAX) ||
	    !attr_u16(tb[CTRL_ATTR_FAMILY_ID], &id) ||
	    !attr_strz(tb[CTRL_ATTR_FAMILY_NAME], 0, &name) ||
	    strcmp(name, C2GUARD_GENL_NAME)) {
		*malformed = true;
		return 0;
	}
	ipc.family = id;
	if (!attr_u32(tb[CTRL_ATTR_VERSION], &ipc.version))
		ipc.version = 0;
	if (tb[CTRL_ATTR_MCAST_GROUPS]) {
		mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
			if (ipc_mcast_group(grp))
				*malformed = true;
		}
	}
	return 0;
}

/*
 * Open the socket and look the c2guard family up, unless done already.
 * Failures close the socket again; they say everything (e->ctx "").
 */
/*
 * Ask nlctrl for the c2guard family on the open socket: sets ipc.family
 * (and the rest ipc_family_cb() reads) when it exists.  Returns 0,
 * -ENOENT when it does not, or another negative errno.
 */
static int ipc_family_lookup(bool *malformed, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = ipc_msg(buf, GENL_ID_CTRL, 0, 0, CTRL_CMD_GETFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, C2GUARD_GENL_NAME);
	return ipc_request(nlh, IPC_CTRL, ipc_family_cb, malformed, NULL, e);
}

static int ipc_open(struct ipc_err *e)
{
	bool malformed = false;
	int r;

	if (ipc.family)
		return 0;
	if (ipc_socket(e))
		return e->error;
	r = ipc_family_lookup(&malformed, e);
	if (r == -ENOENT) {
		ipc_close();
		return ipc_err_text(e, ENOENT, "",
				    "c2guard module not loaded (generic netlink family \""
				    C2GUARD_GENL_NAME "\" not found)");
	}
	if (r) {
		e->ctx = "looking up generic netlink family \""
			 C2GUARD_GENL_NAME "\"";
		ipc_close();
		return e->error;
	}
	if (!ipc.family || malformed) {
		ipc_close();
		return ipc_err_text(e, EBADMSG, "",
				    "malformed generic netlink family description from the kernel");
	}
	if (ipc.version && ipc.version != C2GUARD_GENL_VERSION)
		c2_err("warning: kernel speaks c2guard netlink version %u, c2ctl version %u",
		       ipc.version, C2GUARD_GENL_VERSION);
	return 0;
}

/* ---- requests ---- */

/* A request with command @cmd and no attributes, answered by an ACK. */
static int ipc_simple(__u8 cmd, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	return ipc_request(ipc_msg(buf, 0, 0, 0, cmd), 0, NULL, NULL, NULL, e);
}

/* What both GET replies share: whether one came, and whole. */
struct ipc_get {
	void *out;
	int (*get)(const struct nlmsghdr *nlh, void *out);
	bool got, malformed;
};

static int ipc_get_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ipc_get *g = data;

	if (nlh->nlmsg_type != ipc.family)
		return 0;
	if (g->get(nlh, g->out))
		g->malformed = true;
	else
		g->got = true;
	return 0;
}

/* Send GET command @cmd; g->get decodes the reply into g->out. */
static int ipc_get_one(__u8 cmd, struct ipc_get *g, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	if (ipc_request(ipc_msg(buf, 0, 0, 0, cmd), 0, ipc_get_cb, g, NULL, e))
		return e->error;
	if (!g->got || g->malformed)
		return ipc_err_text(e, EBADMSG, NULL,
				    "malformed reply from the kernel");
	return 0;
}

static int ipc_status_dec(const struct nlmsghdr *nlh, void *out)
{
	return attr_status_get(nlh, out);
}

int ipc_status_get(struct ipc_status *st, struct ipc_err *e)
{
	struct ipc_get g = { .out = st, .get = ipc_status_dec };

	memset(st, 0, sizeof(*st));
	return ipc_get_one(C2GUARD_CMD_STATUS_GET, &g, e);
}

static int ipc_config_dec(const struct nlmsghdr *nlh, void *out)
{
	return attr_config_get(nlh, out);
}

int ipc_config_get(struct ipc_config *cfg, struct ipc_err *e)
{
	struct ipc_get g = { .out = cfg, .get = ipc_config_dec };

	memset(cfg, 0, sizeof(*cfg));
	return ipc_get_one(C2GUARD_CMD_CONFIG_GET, &g, e);
}

/* CONFIG_SET of the settings cfg->has names. */
int ipc_config_set(const struct ipc_config *cfg, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = ipc_msg(buf, 0, 0, 0, C2GUARD_CMD_CONFIG_SET);
	attr_config_put(nlh, cfg);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

/* Add @spec with its action, tag and timeout (replacing, if it says so). */
int ipc_ind_add(const struct c2_ind_spec *spec, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = ipc_msg(buf, 0, 0, 0, C2GUARD_CMD_IND_ADD);
	attr_ind_put(nlh, spec, true, NULL);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

/* Delete the indicator @spec names (its address or name only). */
int ipc_ind_del(const struct c2_ind_spec *spec, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = ipc_msg(buf, 0, 0, 0, C2GUARD_CMD_IND_DEL);
	attr_ind_put(nlh, spec, false, NULL);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

static int ipc_ind_dec(const struct nlmsghdr *nlh, void *out)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];

	if (attr_msg_table(nlh, tb, C2GUARD_A_MAX))
		return -1;
	return attr_ind_get(tb[C2GUARD_A_IND], out);
}

/* Which entry decides about @spec (IND_TEST); -ENOENT for none. */
int ipc_ind_test(const struct c2_ind_spec *spec, struct ipc_ind *out,
		 struct ipc_err *e)
{
	struct ipc_get g = { .out = out, .get = ipc_ind_dec };
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = ipc_msg(buf, 0, 0, 0, C2GUARD_CMD_IND_TEST);
	attr_ind_put(nlh, spec, false, NULL);
	if (ipc_request(nlh, 0, ipc_get_cb, &g, NULL, e))
		return e->error;
	if (!g.got || g.malformed)
		return ipc_err_text(e, EBADMSG, NULL,
				    "malformed reply from the kernel");
	return 0;
}

/* Delete every indicator, or (@tag not NULL) those tagged @tag. */
int ipc_ind_flush(const char *tag, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;

	nlh = ipc_msg(buf, 0, 0, 0, C2GUARD_CMD_IND_FLUSH);
	if (tag)
		mnl_attr_put_strz(nlh, C2GUARD_A_TAG, tag);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

int ipc_beacon_flush(struct ipc_err *e)
{
	return ipc_simple(C2GUARD_CMD_BEACON_FLUSH, e);
}

/* ---- quarantine ---- */

/* A request about host @h, its prefix length with @prefix. */
static int ipc_host_req(__u8 cmd, const struct ipc_host *h, bool prefix,
			struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = ipc_msg(buf, 0, 0, 0, cmd);

	attr_host_put(nlh, h, prefix);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

int ipc_quarantine_add(const struct ipc_host *h, struct ipc_err *e)
{
	return ipc_host_req(C2GUARD_CMD_QUARANTINE_ADD, h, false, e);
}

int ipc_quarantine_del(const struct ipc_host *h, struct ipc_err *e)
{
	return ipc_host_req(C2GUARD_CMD_QUARANTINE_DEL, h, false, e);
}

int ipc_host_allow_add(const struct ipc_host *h, struct ipc_err *e)
{
	return ipc_host_req(C2GUARD_CMD_HOST_ALLOW_ADD, h, true, e);
}

int ipc_host_allow_del(const struct ipc_host *h, struct ipc_err *e)
{
	return ipc_host_req(C2GUARD_CMD_HOST_ALLOW_DEL, h, true, e);
}

struct ipc_hosts {
	ipc_host_fn fn;
	void *data;
	size_t malformed;
};

static int ipc_host_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ipc_hosts *hd = data;
	struct ipc_host h;

	if (nlh->nlmsg_type != ipc.family)
		return 0;
	if (attr_host_get(nlh, &h))
		hd->malformed++;
	else
		hd->fn(&h, hd->data);
	return 0;
}

static int ipc_host_dump(__u8 cmd, ipc_host_fn fn, void *data,
			 struct ipc_err *e)
{
	struct ipc_hosts hd = { .fn = fn, .data = data };
	char buf[MNL_SOCKET_BUFFER_SIZE];

	if (ipc_request(ipc_msg(buf, 0, 0, 0, cmd), IPC_DUMP, ipc_host_cb, &hd,
			NULL, e))
		return e->error;
	if (hd.malformed)
		return ipc_err_text(e, EBADMSG, NULL,
				    "malformed host in the kernel's reply");
	return 0;
}

/* The hosts in quarantine (a live view). */
int ipc_quarantine_list(ipc_host_fn fn, void *data, struct ipc_err *e)
{
	return ipc_host_dump(C2GUARD_CMD_QUARANTINE_GET, fn, data, e);
}

/* The inside hosts with evidence (a live view). */
int ipc_host_list(ipc_host_fn fn, void *data, struct ipc_err *e)
{
	return ipc_host_dump(C2GUARD_CMD_HOST_GET, fn, data, e);
}

/* The host-allow destinations, in the kernel's order. */
int ipc_host_allow_list(ipc_host_fn fn, void *data, struct ipc_err *e)
{
	return ipc_host_dump(C2GUARD_CMD_HOST_ALLOW_GET, fn, data, e);
}

/* ---- feeds ---- */

/* A FEED_* request naming feed @name, with @flags; the nest left open. */
static struct nlattr *ipc_feed_msg(char *buf, __u8 cmd, const char *name,
				   __u32 flags, struct nlmsghdr **nlh)
{
	struct nlattr *nest;

	*nlh = ipc_msg(buf, 0, 0, 0, cmd);
	if (flags)
		mnl_attr_put_u32(*nlh, C2GUARD_A_FLAGS, flags);
	nest = mnl_attr_nest_start(*nlh, C2GUARD_A_FEED);
	mnl_attr_put_strz(*nlh, C2GUARD_FEED_A_NAME, name);
	return nest;
}

/*
 * Begin staging a new list for feed->name, remembering its source, format,
 * action, tag and timeout; the IND_ADDs of a batch whose ->feed is the
 * name add to it, on this same socket (the staging is the socket's).
 */
int ipc_feed_begin(const struct ipc_feed *feed, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nest = ipc_feed_msg(buf, C2GUARD_CMD_FEED_BEGIN, feed->name, 0, &nlh);
	mnl_attr_put_strz(nlh, C2GUARD_FEED_A_SOURCE, feed->source);
	mnl_attr_put_strz(nlh, C2GUARD_FEED_A_FORMAT, feed->format);
	mnl_attr_put_u8(nlh, C2GUARD_FEED_A_ACTION, feed->action);
	mnl_attr_put_strz(nlh, C2GUARD_FEED_A_TAG, feed->tag);
	mnl_attr_put_u32(nlh, C2GUARD_FEED_A_TIMEOUT, feed->timeout);
	mnl_attr_nest_end(nlh, nest);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

int ipc_feed_commit(const char *name, __u32 errors, __u32 unsupported,
		    bool force, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nest = ipc_feed_msg(buf, C2GUARD_CMD_FEED_COMMIT, name,
			    force ? C2GUARD_F_FORCE : 0, &nlh);
	mnl_attr_put_u32(nlh, C2GUARD_FEED_A_ERRORS, errors);
	mnl_attr_put_u32(nlh, C2GUARD_FEED_A_UNSUPPORTED, unsupported);
	mnl_attr_nest_end(nlh, nest);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

static int ipc_feed_simple(__u8 cmd, const char *name, struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct nlattr *nest;

	nest = ipc_feed_msg(buf, cmd, name, 0, &nlh);
	mnl_attr_nest_end(nlh, nest);
	return ipc_request(nlh, 0, NULL, NULL, NULL, e);
}

int ipc_feed_abort(const char *name, struct ipc_err *e)
{
	return ipc_feed_simple(C2GUARD_CMD_FEED_ABORT, name, e);
}

int ipc_feed_del(const char *name, struct ipc_err *e)
{
	return ipc_feed_simple(C2GUARD_CMD_FEED_DEL, name, e);
}

struct ipc_feeds {
	ipc_feed_fn fn;
	void *data;
	size_t malformed;
};

static int ipc_feed_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ipc_feeds *fd = data;
	struct ipc_feed f;

	if (nlh->nlmsg_type != ipc.family)
		return 0;
	if (attr_feed_get(nlh, &f))
		fd->malformed++;
	else
		fd->fn(&f, fd->data);
	return 0;
}

/* Every feed, in the kernel's order (a live view of a short list). */
int ipc_feed_list(ipc_feed_fn fn, void *data, struct ipc_err *e)
{
	struct ipc_feeds fd = { .fn = fn, .data = data };
	char buf[MNL_SOCKET_BUFFER_SIZE];

	if (ipc_request(ipc_msg(buf, 0, 0, 0, C2GUARD_CMD_FEED_GET), IPC_DUMP,
			ipc_feed_cb, &fd, NULL, e))
		return e->error;
	if (fd.malformed)
		return ipc_err_text(e, EBADMSG, NULL,
				    "malformed feed in the kernel's reply");
	return 0;
}

/* ---- dumps ---- */

/* Append @nest to the list; returns its position. */
static size_t ipc_list_add(struct ipc_list *l, const struct nlattr *nest)
{
	size_t len = mnl_attr_get_len(nest), pos = l->len;

	while (l->cap - l->len < NLA_ALIGN(len)) {
		l->cap = l->cap ? l->cap * 2 : 64 * 1024;
		l->pool = c2_xrealloc(l->pool, l->cap);
	}
	memcpy(l->pool + l->len, nest, len);
	memset(l->pool + l->len + len, 0, NLA_ALIGN(len) - len);
	l->len += NLA_ALIGN(len);
	return pos;
}

void ipc_list_free(struct ipc_list *l)
{
	free(l->pool);
	memset(l, 0, sizeof(*l));
}

/* Dump with command @cmd (no attributes). */
static int ipc_dump(__u8 cmd, ipc_reply_fn fn, void *data, bool *intr,
		    struct ipc_err *e)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];

	return ipc_request(ipc_msg(buf, 0, 0, 0, cmd), IPC_DUMP, fn, data,
			   intr, e);
}

static int ipc_ind_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	struct ipc_list *l = data;
	struct ipc_ind ind;

	if (nlh->nlmsg_type != ipc.family)
		return 0;
	if (attr_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    attr_ind_get(tb[C2GUARD_A_IND], &ind)) {
		l->malformed++;
		return 0;
	}
	ipc_list_add(l, tb[C2GUARD_A_IND]);
	return 0;
}

/*
 * Dump the indicators into *l, in the kernel's order.  The whole dump is
 * collected before the caller sees any of it, so a dump that the kernel
 * flags as interrupted (the table changed meanwhile) is thrown away and
 * redone, up to IPC_DUMP_TRIES times, without showing an indicator twice.
 * *l is to be freed (ipc_list_free()) whatever the outcome.
 */
int ipc_ind_list(struct ipc_list *l, struct ipc_err *e)
{
	bool intr = false;
	int tries;

	memset(l, 0, sizeof(*l));
	for (tries = 1; tries <= IPC_DUMP_TRIES; tries++) {
		l->len = 0;
		l->malformed = 0;
		if (ipc_dump(C2GUARD_CMD_IND_GET, ipc_ind_cb, l, &intr, e))
			return e->error;
		if (!intr)
			return 0;
		if (tries < IPC_DUMP_TRIES)
			c2_err("table changed during dump, retrying");
	}
	return ipc_err_text(e, EAGAIN, NULL,
			    "table kept changing during " IPC_STR(IPC_DUMP_TRIES)
			    " dumps, giving up");
}

/* The indicator at *pos, which moves to the next; false at the end. */
bool ipc_ind_next(const struct ipc_list *l, size_t *pos, struct ipc_ind *ind)
{
	const struct nlattr *nest;

	while (*pos < l->len) {
		nest = (const struct nlattr *)(l->pool + *pos);
		*pos += NLA_ALIGN(nest->nla_len);
		/* decoded once already: cannot fail */
		if (!attr_ind_get(nest, ind))
			return true;
	}
	return false;
}

struct ipc_beacons {
	struct ipc_list *l;
	ipc_beacon_fn fn;
	void *data;
};

static int ipc_beacon_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[C2GUARD_A_MAX + 1];
	struct ipc_beacons *bd = data;
	struct ipc_beacon b;
	size_t pos;

	if (nlh->nlmsg_type != ipc.family)
		return 0;
	if (attr_msg_table(nlh, tb, C2GUARD_A_MAX) ||
	    attr_beacon_get(tb[C2GUARD_A_BEACON], &b) || !b.has_saddr) {
		bd->l->malformed++;
		return 0;
	}
	pos = ipc_list_add(bd->l, tb[C2GUARD_A_BEACON]);
	if (bd->fn)
		bd->fn(&b, pos, bd->data);
	return 0;
}

/*
 * Dump the beacon channels into *l, calling @fn for each as it comes.  A
 * live view, never flagged interrupted: one dump is the answer.  *l is to
 * be freed (ipc_list_free()) whatever the outcome.
 */
int ipc_beacons_dump(struct ipc_list *l, ipc_beacon_fn fn, void *data,
		     struct ipc_err *e)
{
	struct ipc_beacons bd = { l, fn, data };

	memset(l, 0, sizeof(*l));
	return ipc_dump(C2GUARD_CMD_BEACON_GET, ipc_beacon_cb, &bd, NULL, e);
}

/* The channel at @pos (as given to the ipc_beacon_fn). */
void ipc_beacon_at(const struct ipc_list *l, size_t pos, struct ipc_beacon *b)
{
	/* decoded once already: cannot fail */
	if (attr_beacon_get((const struct nlattr *)(l->pool + pos), b))
		memset(b, 0, sizeof(*b));
}

/* ---- batches ---- */

/* Largest datagram of requests sent at once. */
#define IPC_BATCH_BYTES		(256 * 1024)
/*
 * Bound on one add request (header, genl, nest, all attributes; a name
 * of C2GUARD_NAME_MAX bytes makes the longest).
 */
#define IPC_BATCH_MSG_MAX	512
/*
 * Receive buffer charge of one ACK (skb truesize; error ACKs carry the
 * extended ACK too).  The kernel handles a whole datagram inside sendto()
 * and drops ACKs that do not fit the receive buffer, so a batch may only
 * hold as many requests as there is room for ACKs.
 */
#define IPC_BATCH_ACK_COST	2048
#define IPC_BATCH_RCVBUF	(16 * 1024 * 1024)
#define IPC_BATCH_MIN_MSGS	16
/*
 * Generic netlink handles a datagram inside sendto(), so every ACK is
 * queued (or dropped, flagged ENOBUFS) when it returns; the wait for a
 * missing one is only a safety margin.
 */
#define IPC_BATCH_ACK_TIMEOUT_MS	2000

/* Open the socket and size the batch to its buffers. */
int ipc_batch_start(struct ipc_batch *b, struct ipc_err *e)
{
	int snd = 0, rcv = 0;

	memset(b, 0, sizeof(*b));
	ipc_err_clear(e);
	if (ipc_open(e))
		return e->error;
	ipc_bufsize(IPC_BATCH_BYTES, IPC_BATCH_RCVBUF, &snd, &rcv);
	b->cap = IPC_BATCH_BYTES;
	/* netlink refuses datagrams above sk_sndbuf - 32 bytes */
	if (snd > 0 && (size_t)snd < b->cap + 64)
		b->cap = snd > 64 + IPC_BATCH_MSG_MAX * IPC_BATCH_MIN_MSGS ?
			 (size_t)snd - 64 : IPC_BATCH_MSG_MAX * IPC_BATCH_MIN_MSGS;
	b->max = rcv > 0 ? (unsigned int)rcv / IPC_BATCH_ACK_COST :
			   IPC_BATCH_MIN_MSGS;
	if (b->max < IPC_BATCH_MIN_MSGS)
		b->max = IPC_BATCH_MIN_MSGS;
	if (b->max > b->cap / 64)
		b->max = (unsigned int)(b->cap / 64);
	b->buf = c2_xmalloc(b->cap);
	b->seq = c2_xmalloc(b->max * sizeof(*b->seq));
	b->specs = c2_xmalloc(b->max * sizeof(*b->specs));
	return 0;
}

/* No room for another request: send the batch first. */
bool ipc_batch_full(const struct ipc_batch *b)
{
	return b->n == b->max || b->cap - b->len < IPC_BATCH_MSG_MAX;
}

/* Add request @seq: add @spec (replacing, if it says so). */
void ipc_batch_ind_add(struct ipc_batch *b, __u32 seq,
		       const struct c2_ind_spec *spec)
{
	struct nlmsghdr *nlh;

	nlh = ipc_msg(b->buf + b->len, ipc.family, NLM_F_REQUEST | NLM_F_ACK,
		      seq, C2GUARD_CMD_IND_ADD);
	attr_ind_put(nlh, spec, true, b->feed);
	b->seq[b->n] = seq;
	b->specs[b->n] = *spec;
	b->n++;
	b->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

/* Index of @seq among the batch's requests from @from on, or b->n. */
static unsigned int ipc_batch_find(const struct ipc_batch *b,
				   unsigned int from, __u32 seq)
{
	unsigned int lo = from, hi = b->n;

	/* Sequence numbers only grow within a batch: binary search. */
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (b->seq[mid] < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < b->n && b->seq[lo] == seq ? lo : b->n;
}

static const char ipc_lost[] =
	"no ACK from the kernel (receive buffer overrun); result unknown";

/*
 * Send the batch in one datagram, then read exactly one ACK or error per
 * request, matched to it by sequence number, and tell @fn each outcome.
 * Returns 0, or a negative errno when the batch could not be sent at all
 * (then @fn heard nothing).  The batch is empty again afterwards.
 */
int ipc_batch_send(struct ipc_batch *b, ipc_batch_fn fn, void *data,
		   struct ipc_err *e)
{
	struct ipc_err ack, lost = { .error = -ENOBUFS, .text = ipc_lost };
	bool overrun = false;
	unsigned int i = 0, k;

	ipc_err_clear(e);
	if (!b->n)
		return 0;
	if (ipc_send(b->buf, b->len, e)) {
		b->n = 0;
		b->len = 0;
		return e->error;
	}

	while (i < b->n) {
		struct pollfd pfd = { .fd = ipc.fd, .events = POLLIN };
		const struct nlmsghdr *nlh;
		ssize_t r;
		int len;

		r = ipc_recv(MSG_DONTWAIT);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				overrun = true;
				continue;
			}
			if (errno != EAGAIN) {
				ipc_err_local(&ack, errno, "reading ACKs");
				fn(data, 0, NULL, &ack);
				break;
			}
			/*
			 * All ACKs are queued by the time sendto() returns;
			 * after an overrun whatever is missing is gone.
			 */
			if (overrun)
				break;
			r = poll(&pfd, 1, IPC_BATCH_ACK_TIMEOUT_MS);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			continue;
		}
		len = (int)r;
		ipc_nlmsg_for_each(nlh, ipc.rbuf, len) {
			if (nlh->nlmsg_type != NLMSG_ERROR ||
			    !mnl_nlmsg_portid_ok(nlh, ipc.portid))
				continue;
			/* Not a request of this batch still waiting: ignore. */
			k = ipc_batch_find(b, i, nlh->nlmsg_seq);
			if (k == b->n)
				continue;
			/* Requests whose ACK was skipped over lost theirs. */
			for (; i < k; i++)
				fn(data, b->seq[i], &b->specs[i], &lost);
			ipc_parse_err(nlh, &ack);
			fn(data, b->seq[i], &b->specs[i], &ack);
			i++;
		}
	}
	for (k = i; k < b->n; k++)
		fn(data, b->seq[k], &b->specs[k], &lost);
	if (overrun || i < b->n) {
		/* ACKs did not fit: send smaller batches from now on. */
		b->max = b->max / 2 > IPC_BATCH_MIN_MSGS ? b->max / 2 :
							   IPC_BATCH_MIN_MSGS;
	}
	b->n = 0;
	b->len = 0;
	return 0;
}

void ipc_batch_free(struct ipc_batch *b)
{
	free(b->buf);
	free(b->seq);
	free(b->specs);
	memset(b, 0, sizeof(*b));
}

/* ---- alerts ---- */

#define IPC_ALERTS_RCVBUF	(8 * 1024 * 1024)

static int ipc_join(__u32 id)
{
	int group = (int)id;

	return mnl_socket_setsockopt(ipc.sock, NETLINK_ADD_MEMBERSHIP, &group,
				     sizeof(group));
}

/* Find the id of nlctrl's "notify" group, which announces families leaving. */
static int ipc_ctrl_notify_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const struct nlattr *g[CTRL_ATTR_MCAST_GRP_MAX + 1];
	const struct nlattr *grp;
	const char *name;
	__u32 *id = data, gid;

	if (attr_msg_table(nlh, tb, CTRL_ATTR_MAX) ||
	    !tb[CTRL_ATTR_MCAST_GROUPS])
		return 0;
	mnl_attr_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS]) {
		if (attr_table(grp, g, CTRL_ATTR_MCAST_GRP_MAX) ||
		    !attr_strz(g[CTRL_ATTR_MCAST_GRP_NAME], 0, &name) ||
		    !attr_u32(g[CTRL_ATTR_MCAST_GRP_ID], &gid))
			continue;
		if (!strcmp(name, "notify"))
			*id = gid;
	}
	return 0;
}

/*
 * Follow nlctrl's announcements so that reading alerts ends when the
 * module goes away instead of waiting forever on a group nobody sends to.
 * Best effort: returns whether it worked.
 */
static bool ipc_watch_family(void)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct ipc_err e;
	__u32 id = 0;

	nlh = ipc_msg(buf, GENL_ID_CTRL, 0, 0, CTRL_CMD_GETFAMILY);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	return !ipc_request(nlh, IPC_CTRL, ipc_ctrl_notify_cb, &id, NULL, &e) &&
	       id && ipc_join(id) >= 0;
}

/*
 * Join the module's alerts group, with a receive buffer for bursts.
 * *watching is false when the module leaving will go unnoticed (only set
 * once the group was found).
 */
int ipc_alerts_join(bool *watching, struct ipc_err *e)
{
	*watching = true;
	ipc_err_clear(e);
	if (ipc_open(e))
		return e->error;
	if (!ipc.alerts_group)
		return ipc_err_text(e, ENOENT, NULL,
				    "the module offers no \"" C2GUARD_MCGRP_ALERTS
				    "\" multicast group");
	ipc_bufsize(0, IPC_ALERTS_RCVBUF, NULL, NULL);
	*watching = ipc_watch_family();
	if (ipc_join(ipc.alerts_group) < 0)
		return ipc_err_local(e, errno,
				     "cannot join the \"" C2GUARD_MCGRP_ALERTS
				     "\" multicast group");
	return 0;
}

/* Is @nlh nlctrl's announcement @cmd?  Then its attributes are in @tb. */
static bool ipc_ctrl_said(const struct nlmsghdr *nlh, __u8 cmd,
			  const struct nlattr **tb)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);

	return nlh->nlmsg_type == GENL_ID_CTRL &&
	       nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(*genl) &&
	       genl->cmd == cmd && !attr_msg_table(nlh, tb, CTRL_ATTR_MAX);
}

/* Is this nlctrl telling that our family is gone? */
static bool ipc_family_gone(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	__u16 id;

	return ipc_ctrl_said(nlh, CTRL_CMD_DELFAMILY, tb) &&
	       attr_u16(tb[CTRL_ATTR_FAMILY_ID], &id) && id == ipc.family;
}

/* Is this nlctrl telling that our family arrived? */
static bool ipc_family_new(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const char *name;

	return ipc_ctrl_said(nlh, CTRL_CMD_NEWFAMILY, tb) &&
	       attr_strz(tb[CTRL_ATTR_FAMILY_NAME], 0, &name) &&
	       !strcmp(name, C2GUARD_GENL_NAME);
}

int ipc_family_wait(const sigset_t *mask, struct ipc_err *e)
{
	struct pollfd pfd = { .events = POLLIN };
	const struct nlmsghdr *msg;
	bool malformed = false;
	ssize_t n;
	int len, r;

	ipc_close();
	ipc_err_clear(e);
	if (ipc_socket(e))
		return e->error;
	/* first the announcements, then the look-up: no arrival is missed */
	if (!ipc_watch_family()) {
		r = ipc_err_local(e, errno ? errno : EPROTO,
				  "cannot follow nlctrl's announcements");
		goto out;
	}
	r = ipc_family_lookup(&malformed, e);
	if (!r && ipc.family) {
		r = 1;
		goto out;
	}
	if (r != -ENOENT)
		goto out;
	ipc_err_clear(e);
	pfd.fd = ipc.fd;
	for (;;) {
		r = ppoll(&pfd, 1, NULL, mask);
		if (r < 0) {
			r = errno == EINTR ? 0 : ipc_err_local(e, errno, "poll");
			goto out;
		}
		n = ipc_recv(MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* announcements lost: look again */
			if (errno == ENOBUFS) {
				r = 1;
				goto out;
			}
			r = ipc_err_local(e, errno, "receive");
			goto out;
		}
		len = (int)n;
		ipc_nlmsg_for_each(msg, ipc.rbuf, len) {
			if (ipc_family_new(msg)) {
				r = 1;
				goto out;
			}
		}
	}
out:
	ipc_close();
	return r;
}

/*
 * Wait (in ppoll() with signal mask @mask) for one datagram of alerts and
 * hand each to @fn.  Returns 0 to be called again (also after a signal),
 * the first non-zero value @fn returns, or a negative errno with *e set
 * (e->error is 0 when it is @fn's).
 */
int ipc_alerts_read(const sigset_t *mask, ipc_alert_fn fn, void *data,
		    struct ipc_err *e)
{
	struct pollfd pfd = { .fd = ipc.fd, .events = POLLIN };
	const struct nlmsghdr *nlh;
	struct ipc_alert a;
	ssize_t n;
	int len, r;

	ipc_err_clear(e);
	r = ppoll(&pfd, 1, NULL, mask);
	if (r < 0)
		return errno == EINTR ? 0 : ipc_err_local(e, errno, "poll");
	n = ipc_recv(MSG_DONTWAIT);
	if (n < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return 0;
		if (errno == ENOBUFS)
			return fn(IPC_ALERT_OVERRUN, NULL, data);
		return ipc_err_local(e, errno, "receive");
	}
	len = (int)n;
	ipc_nlmsg_for_each(nlh, ipc.rbuf, len) {
		if (ipc_family_gone(nlh))
			return ipc_err_text(e, ENOENT, NULL,
					    "the c2guard module was unloaded");
		if (nlh->nlmsg_type != ipc.family)
			continue;
		if (attr_alert_get(nlh, &a))
			r = fn(IPC_ALERT_MALFORMED, NULL, data);
		else
			r = fn(IPC_ALERT, &a, data);
		if (r)
			return r;
	}
	return 0;
}
