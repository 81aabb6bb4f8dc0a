/* SPDX-License-Identifier: GPL-2.0 */
/*
 * c2ctl internals shared between its source files.
 */
#ifndef _C2CTL_H
#define _C2CTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
#include <linux/c2guard.h>

#include "addr_text.h"
#include "feed.h"

#ifndef C2GUARD_VERSION
#define C2GUARD_VERSION "unknown"
#endif

#define __printf(a, b)	__attribute__((format(printf, a, b)))

/**
 * struct c2_ind_info - an indicator as the kernel reports it (dump, alert)
 * @spec: its identity, action, tag and timeout (time left)
 * @hits: flows that matched it, if @has_hits
 * @bound: for an address bound from a DNS answer the listed name whose
 *	answer bound it, else ""
 */
struct c2_ind_info {
	struct c2_ind_spec spec;
	__u64 hits;
	bool has_hits;
	char bound[C2GUARD_NAME_MAX + 1];
};

/**
 * struct c2_beacon_info - a beacon channel as the kernel reports it (dump,
 * alert)
 * @family: AF_INET or AF_INET6 (0 when absent)
 * @saddr: the inside host, if @has_saddr
 * @daddr: the destination of an address channel, if @has_daddr
 * @dport: its port, if @has_dport
 * @proto: its IP protocol, if @has_proto
 * @name: the destination of a name channel, else ""
 * @has: which statistics (enum c2guard_beacon_attr, SCORE..COUNT) came
 * @val: their values
 */
struct c2_beacon_info {
	__u8 family, proto;
	__u16 dport;
	bool has_saddr, has_daddr, has_dport, has_proto;
	u8 saddr[16], daddr[16];
	char name[C2GUARD_NAME_MAX + 1];
	bool has[C2GUARD_BEACON_A_MAX + 1];
	__u64 val[C2GUARD_BEACON_A_MAX + 1];
};

/* util.c */
extern bool c2_json;
void c2_err(const char *fmt, ...) __printf(1, 2);
void *c2_xmalloc(size_t size);
void *c2_xrealloc(void *p, size_t size);
int c2_strip_json_flag(int argc, char **argv);

/* out.c: text and JSON output */
void out_json_str(FILE *f, const char *s, size_t n);
void out_text_word(FILE *f, const char *s);
void out_json_key_str(const char *key, const char *val);
const char *out_ind_type(const struct c2_ind_info *info);
void out_ind_names_json(const struct c2_ind_info *info);
const char *out_proto_name(unsigned int proto, char *buf, size_t len);
const char *out_hook_name(unsigned int hook, char *buf, size_t len);
const char *out_dir_name(unsigned int dir, char *buf, size_t len);
const char *out_reason_name(unsigned int reason, char *buf, size_t len);
const char *out_action_name(unsigned int action, char *buf, size_t len);
const char *out_family_name(unsigned int family);
int out_time(unsigned long long ns, char *buf, size_t len);
int out_ms(unsigned long long ms, char *buf, size_t len);
int out_permille(unsigned long long pm, char *buf, size_t len);
int out_beacon_dest(const struct c2_beacon_info *b, char *buf, size_t len);
bool out_beacon_json(const struct c2_beacon_info *b, const __u8 *attrs,
		     size_t n, bool first);
int out_flush(void);

/* nl.c: generic netlink plumbing */

/* Error answered by the kernel, with its extended ACK if any. */
struct c2_nl_err {
	int error;		/* negative errno, 0 for none */
	char msg[256];		/* NLMSGERR_ATTR_MSG or "" */
};

struct c2_nl {
	struct mnl_socket *sock;
	int fd;
	__u32 portid;
	__u16 family;		/* generic netlink family id of c2guard */
	__u32 version;		/* family version the kernel speaks */
	__u32 alerts_group;	/* multicast group id, 0 if unknown */
	__u32 seq;
	char *rbuf;
	size_t rbuf_len;
};

/* Called for every message of the request other than errors/ACKs/DONE. */
typedef int (*c2_nl_cb)(const struct nlmsghdr *nlh, void *data);

#define C2_NL_RBUF	(64 * 1024)

int c2_nl_open(struct c2_nl *nl);
void c2_nl_close(struct c2_nl *nl);
struct nlmsghdr *c2_nl_put_hdr(void *buf, __u16 family, __u16 flags,
			       __u32 seq, __u8 cmd);
ssize_t c2_nl_recv(struct c2_nl *nl, void *buf, size_t len, int flags);
int c2_nl_parse_err(const struct nlmsghdr *nlh, struct c2_nl_err *e);
int c2_nl_do(struct c2_nl *nl, struct nlmsghdr *nlh, c2_nl_cb cb,
	     void *data, struct c2_nl_err *e);
int c2_nl_dump(struct c2_nl *nl, __u8 cmd, c2_nl_cb cb, void *data,
	       bool *intr, struct c2_nl_err *e);
void c2_nl_report(const char *ctx, const struct c2_nl_err *e);
void c2_nl_bufsize(struct c2_nl *nl, int sndbuf, int rcvbuf,
		   int *snd_eff, int *rcv_eff);

/*
 * Walk the messages of a datagram.  mnl_nlmsg_ok() (libmnl 1.0.4) compares
 * nlmsg_len as an int, so a corrupt length of 2^31 or more passes and the
 * walk leaves the buffer; these compare unsigned.
 */
static inline bool c2_nlmsg_ok(const struct nlmsghdr *nlh, int len)
{
	return len >= (int)sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= (unsigned int)len;
}

static inline const struct nlmsghdr *c2_nlmsg_next(const struct nlmsghdr *nlh,
						   int *len)
{
	*len -= (int)NLMSG_ALIGN(nlh->nlmsg_len);
	return (const struct nlmsghdr *)((const char *)nlh +
					 NLMSG_ALIGN(nlh->nlmsg_len));
}

#define c2_nlmsg_for_each(nlh, buf, len)				\
	for ((nlh) = (const struct nlmsghdr *)(buf); c2_nlmsg_ok((nlh), (len)); \
	     (nlh) = c2_nlmsg_next((nlh), &(len)))

/* Attribute table: tb[type] = last attribute of that type, NULL if none. */
int c2_attr_table(const struct nlattr *nest, const struct nlattr **tb,
		  unsigned int max);
bool c2_attr_u8(const struct nlattr *a, __u8 *v);
bool c2_attr_u16(const struct nlattr *a, __u16 *v);
bool c2_attr_u32(const struct nlattr *a, __u32 *v);
bool c2_attr_u64(const struct nlattr *a, __u64 *v);
/* Widths of an unsigned attribute, for c2_attr_uint() (C2_W_STR: none). */
enum { C2_W_STR, C2_W_U8, C2_W_U16, C2_W_U32, C2_W_U64 };
/* An unsigned attribute of @width (C2_W_U8..C2_W_U64), exactly that size. */
bool c2_attr_uint(const struct nlattr *a, unsigned char width, __u64 *v);
bool c2_attr_strz(const struct nlattr *a, size_t max, const char **s);

/* Top-level attributes of a c2guard message (after the genl header). */
int c2_msg_table(const struct nlmsghdr *nlh, const struct nlattr **tb,
		 unsigned int max);

/* ind.c */
int c2_ind_from_nest(const struct nlattr *nest, struct c2_ind_info *info);
int c2_ind_put(struct nlmsghdr *nlh, const struct c2_ind_spec *s, bool full);
void c2_ind_print(const struct c2_ind_info *info);
/* Called for every indicator of a dump; non-zero stops the walk. */
typedef int (*c2_ind_visit)(const struct c2_ind_info *info, void *data);
int c2_ind_dump(const char *what, c2_ind_visit fn, void *data);

/* status.c: the beacon allowlist ports of the config */
int c2_cfg_ports_get(const char *what, __u32 *ports, unsigned int *n);
int c2_cfg_ports_set(const char *what, const __u32 *ports, unsigned int n);

/* beacon.c */
int c2_beacon_from_nest(const struct nlattr *nest, struct c2_beacon_info *b);

/* commands */
int cmd_status(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_del(int argc, char **argv);
int cmd_flush(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_beacons(int argc, char **argv);

#endif /* _C2CTL_H */
