/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The attributes of c2guard's messages <-> the structs of records.h:
 * what the ipc layer (ipc.c) puts into requests and reads out of replies,
 * dumps and alerts.  Nothing here does I/O.
 *
 * Readers are strict: a fixed-size attribute must have exactly its size, a
 * string its NUL within the attribute; unknown (newer) attributes are
 * skipped, not errors.
 */
#ifndef _C2CTL_ATTR_H
#define _C2CTL_ATTR_H

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>

#include "records.h"

/* Attribute table: tb[type] = last attribute of that type, NULL if none. */
int attr_table(const struct nlattr *nest, const struct nlattr **tb,
	       unsigned int max);
/* Top-level attributes of a generic netlink message (after its header). */
int attr_msg_table(const struct nlmsghdr *nlh, const struct nlattr **tb,
		   unsigned int max);
bool attr_u8(const struct nlattr *a, __u8 *v);
bool attr_u16(const struct nlattr *a, __u16 *v);
bool attr_u32(const struct nlattr *a, __u32 *v);
bool attr_u64(const struct nlattr *a, __u64 *v);
bool attr_strz(const struct nlattr *a, size_t max, const char **s);

void attr_ind_put(struct nlmsghdr *nlh, const struct c2_ind_spec *s,
		  bool full, const char *feed);
int attr_feed_get(const struct nlmsghdr *nlh, struct ipc_feed *f);
int attr_ind_get(const struct nlattr *nest, struct ipc_ind *ind);
int attr_beacon_get(const struct nlattr *nest, struct ipc_beacon *b);
int attr_alert_get(const struct nlmsghdr *nlh, struct ipc_alert *a);
int attr_status_get(const struct nlmsghdr *nlh, struct ipc_status *st);
int attr_config_get(const struct nlmsghdr *nlh, struct ipc_config *cfg);
void attr_config_put(struct nlmsghdr *nlh, const struct ipc_config *cfg);
void attr_host_put(struct nlmsghdr *nlh, const struct ipc_host *h,
		   bool prefix);
int attr_host_get(const struct nlmsghdr *nlh, struct ipc_host *h);
int attr_host_nest(const struct nlattr *nest, struct ipc_host *h);

#endif /* _C2CTL_ATTR_H */
