/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: generated from uapi/c2guard.yaml by tools/nlgen.py. */
/*
 * The request policies of the family; kmod/netlink.c has the ops
 * table that uses them.
 */
#ifndef _C2GUARD_NETLINK_GEN_H
#define _C2GUARD_NETLINK_GEN_H

#include <net/netlink.h>

#include <linux/c2guard.h>

extern const struct nla_policy c2guard_ind_input_nl_policy[C2GUARD_IND_A_MAX + 1];
extern const struct nla_policy c2guard_cfg_nl_policy[C2GUARD_CFG_A_MAX + 1];
extern const struct nla_policy c2guard_feed_input_nl_policy[C2GUARD_FEED_A_MAX + 1];
extern const struct nla_policy c2guard_host_input_nl_policy[C2GUARD_HOST_A_MAX + 1];
extern const struct nla_policy c2guard_ind_add_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_ind_del_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_ind_flush_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_config_set_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_feed_begin_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_feed_commit_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_feed_abort_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_feed_del_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_ind_test_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_quarantine_add_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_quarantine_del_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_host_allow_add_nl_policy[C2GUARD_A_MAX + 1];
extern const struct nla_policy c2guard_host_allow_del_nl_policy[C2GUARD_A_MAX + 1];

#endif /* _C2GUARD_NETLINK_GEN_H */
