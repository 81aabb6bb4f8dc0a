// SPDX-License-Identifier: GPL-2.0
/* Do not edit: generated from uapi/c2guard.yaml by tools/nlgen.py. */

#include <net/netlink.h>

#include "compat.h"
#include "netlink-gen.h"

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_ind_a_timeout_range = {
	.max = C2GUARD_TIMEOUT_MAX,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_alert_rate_range = {
	.max = 1000000,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_alert_burst_range = {
	.min = 1,
	.max = 1000000,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_bind_ttl_min_range = {
	.min = 1,
	.max = C2GUARD_TIMEOUT_MAX,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_bind_ttl_max_range = {
	.min = 1,
	.max = C2GUARD_TIMEOUT_MAX,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_bind_max_range = {
	.max = 1048576,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_beacon_retry_range = {
	.min = 1,
	.max = 3600000,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_beacon_idle_range = {
	.min = 1,
	.max = 3600000,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_beacon_silence_range = {
	.min = 2,
	.max = 2592000000,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_beacon_holddown_range = {
	.max = 2592000000,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_beacon_max_range = {
	.max = C2GUARD_BEACON_MAX_LIMIT,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_dga_window_range = {
	.min = 1,
	.max = 86400,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_nxdomain_burst_window_range = {
	.min = 1,
	.max = 86400,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_fast_flux_window_range = {
	.min = 1,
	.max = 86400,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_dns_holddown_range = {
	.max = 86400,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_dns_hosts_max_range = {
	.max = 1048576,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_dns_names_max_range = {
	.max = 1048576,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_quarantine_time_range = {
	.max = C2GUARD_TIMEOUT_MAX,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_host_half_life_range = {
	.min = 60,
	.max = 604800,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_cfg_a_hosts_max_range = {
	.max = 1048576,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_feed_a_timeout_range = {
	.max = C2GUARD_TIMEOUT_MAX,
};

static C2G_POLICY_RANGE_CONST struct netlink_range_validation
c2guard_host_a_timeout_range = {
	.max = C2GUARD_TIMEOUT_MAX,
};

/* enum c2guard_ind_attr, as requests carry it (ind-input) */
const struct nla_policy c2guard_ind_input_nl_policy[C2GUARD_IND_A_MAX + 1] = {
	[C2GUARD_IND_A_FAMILY] = { .type = NLA_U8 },
	[C2GUARD_IND_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[C2GUARD_IND_A_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[C2GUARD_IND_A_ACTION] =
		NLA_POLICY_RANGE(NLA_U8, 1, C2GUARD_ACT_QUARANTINE),
	[C2GUARD_IND_A_TAG] = { .type = NLA_NUL_STRING,
				.len = C2GUARD_TAG_MAX - 1 },
	[C2GUARD_IND_A_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_ind_a_timeout_range),
	[C2GUARD_IND_A_HITS] = { .type = NLA_REJECT,
				 .reject_message = "hits is reply-only" },
	[C2GUARD_IND_A_PAD] = { .type = NLA_REJECT },
	[C2GUARD_IND_A_DOMAIN] = { .type = NLA_NUL_STRING,
				   .len = C2GUARD_NAME_MAX },
	[C2GUARD_IND_A_SUFFIX] = { .type = NLA_FLAG },
	[C2GUARD_IND_A_BOUND] = { .type = NLA_REJECT,
				  .reject_message = "bound is reply-only" },
	[C2GUARD_IND_A_FEED] = { .type = NLA_NUL_STRING,
				 .len = C2GUARD_TAG_MAX - 1 },
	[C2GUARD_IND_A_CLAIM] = { .type = NLA_REJECT,
				  .reject_message = "claim is reply-only" },
	[C2GUARD_IND_A_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[C2GUARD_IND_A_PROTO] = { .type = NLA_U8 },
	[C2GUARD_IND_A_ANSWER] = { .type = NLA_FLAG },
	[C2GUARD_IND_A_JA4] = { .type = NLA_NUL_STRING,
				.len = C2GUARD_JA4_LEN },
	[C2GUARD_IND_A_URL] = { .type = NLA_NUL_STRING,
				.len = C2GUARD_URL_MAX },
};

/* enum c2guard_cfg_attr */
const struct nla_policy c2guard_cfg_nl_policy[C2GUARD_CFG_A_MAX + 1] = {
	[C2GUARD_CFG_A_MARK_VALUE] = { .type = NLA_U32 },
	[C2GUARD_CFG_A_MARK_MASK] = NLA_POLICY_MIN(NLA_U32, 1),
	[C2GUARD_CFG_A_ALERT_RATE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_alert_rate_range),
	[C2GUARD_CFG_A_ALERT_BURST] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_alert_burst_range),
	[C2GUARD_CFG_A_DNS_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[C2GUARD_CFG_A_DNS_RCODE] = NLA_POLICY_RANGE(NLA_U8, 3, 5),
	[C2GUARD_CFG_A_BIND_TTL_MIN] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_bind_ttl_min_range),
	[C2GUARD_CFG_A_BIND_TTL_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_bind_ttl_max_range),
	[C2GUARD_CFG_A_BIND_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_bind_max_range),
	[C2GUARD_CFG_A_BEACON] = NLA_POLICY_MAX(NLA_U8, 1),
	[C2GUARD_CFG_A_BEACON_RETRY] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_beacon_retry_range),
	[C2GUARD_CFG_A_BEACON_IDLE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_beacon_idle_range),
	[C2GUARD_CFG_A_BEACON_SILENCE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_beacon_silence_range),
	[C2GUARD_CFG_A_BEACON_HOLDDOWN] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_beacon_holddown_range),
	[C2GUARD_CFG_A_BEACON_WINDOW] = NLA_POLICY_RANGE(NLA_U32, 4, 32),
	[C2GUARD_CFG_A_BEACON_MIN_GAPS] = NLA_POLICY_RANGE(NLA_U32, 4, 32),
	[C2GUARD_CFG_A_BEACON_THRESHOLD] = NLA_POLICY_RANGE(NLA_U32, 1, 100),
	[C2GUARD_CFG_A_BEACON_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_beacon_max_range),
	[C2GUARD_CFG_A_BEACON_ACTION] = NLA_POLICY_RANGE(NLA_U8, 1, 6),
	[C2GUARD_CFG_A_BEACON_ALLOW_PORTS] = { .type = NLA_BINARY, .len = 256 },
	[C2GUARD_CFG_A_DGA] = NLA_POLICY_MAX(NLA_U8, 1),
	[C2GUARD_CFG_A_DGA_THRESHOLD] = NLA_POLICY_RANGE(NLA_U32, 1, 100),
	[C2GUARD_CFG_A_DGA_NAMES] = NLA_POLICY_RANGE(NLA_U32, 2, 16),
	[C2GUARD_CFG_A_DGA_WINDOW] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_dga_window_range),
	[C2GUARD_CFG_A_DGA_ACTION] = NLA_POLICY_RANGE(NLA_U8, 1, 6),
	[C2GUARD_CFG_A_NXDOMAIN_BURST] = NLA_POLICY_MAX(NLA_U8, 1),
	[C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD] =
		NLA_POLICY_RANGE(NLA_U32, 2, 10000),
	[C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_nxdomain_burst_window_range),
	[C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION] = NLA_POLICY_RANGE(NLA_U8, 1, 6),
	[C2GUARD_CFG_A_FAST_FLUX] = NLA_POLICY_MAX(NLA_U8, 1),
	[C2GUARD_CFG_A_FAST_FLUX_THRESHOLD] = NLA_POLICY_RANGE(NLA_U32, 2, 32),
	[C2GUARD_CFG_A_FAST_FLUX_WINDOW] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_fast_flux_window_range),
	[C2GUARD_CFG_A_FAST_FLUX_ACTION] = NLA_POLICY_RANGE(NLA_U8, 1, 6),
	[C2GUARD_CFG_A_DNS_HOLDDOWN] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_dns_holddown_range),
	[C2GUARD_CFG_A_DNS_HOSTS_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_dns_hosts_max_range),
	[C2GUARD_CFG_A_DNS_NAMES_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_dns_names_max_range),
	[C2GUARD_CFG_A_QUARANTINE_TIME] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_quarantine_time_range),
	[C2GUARD_CFG_A_HOST_THRESHOLD] = NLA_POLICY_MAX(NLA_U32, 10000),
	[C2GUARD_CFG_A_HOST_ACTION] = NLA_POLICY_RANGE(NLA_U8, 1, 6),
	[C2GUARD_CFG_A_HOST_HALF_LIFE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_host_half_life_range),
	[C2GUARD_CFG_A_HOSTS_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_cfg_a_hosts_max_range),
	[C2GUARD_CFG_A_PROTO_MISMATCH] = NLA_POLICY_MAX(NLA_U8, 1),
	[C2GUARD_CFG_A_PROTO_MISMATCH_ACTION] = NLA_POLICY_RANGE(NLA_U8, 1, 6),
	[C2GUARD_CFG_A_TLS_PORTS] = { .type = NLA_BINARY, .len = 32 },
	[C2GUARD_CFG_A_HTTP_PORTS] = { .type = NLA_BINARY, .len = 32 },
	[C2GUARD_CFG_A_IRC] = NLA_POLICY_MAX(NLA_U8, 1),
	[C2GUARD_CFG_A_IRC_ACTION] = NLA_POLICY_RANGE(NLA_U8, 1, 6),
	[C2GUARD_CFG_A_IRC_PORTS] = { .type = NLA_BINARY, .len = 32 },
};

/* enum c2guard_feed_attr, as requests carry it (feed-input) */
const struct nla_policy c2guard_feed_input_nl_policy[C2GUARD_FEED_A_MAX + 1] = {
	[C2GUARD_FEED_A_NAME] = { .type = NLA_NUL_STRING,
				  .len = C2GUARD_TAG_MAX - 1 },
	[C2GUARD_FEED_A_SOURCE] = { .type = NLA_NUL_STRING,
				    .len = C2GUARD_SOURCE_MAX },
	[C2GUARD_FEED_A_FORMAT] = { .type = NLA_NUL_STRING,
				    .len = C2GUARD_FORMAT_MAX },
	[C2GUARD_FEED_A_ACTION] =
		NLA_POLICY_RANGE(NLA_U8, 1, C2GUARD_ACT_QUARANTINE),
	[C2GUARD_FEED_A_TAG] = { .type = NLA_NUL_STRING,
				 .len = C2GUARD_TAG_MAX - 1 },
	[C2GUARD_FEED_A_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_feed_a_timeout_range),
	[C2GUARD_FEED_A_ERRORS] = { .type = NLA_U32 },
	[C2GUARD_FEED_A_UNSUPPORTED] = { .type = NLA_U32 },
	[C2GUARD_FEED_A_IND_V4] = { .type = NLA_REJECT,
				    .reject_message = "ind-v4 is reply-only" },
	[C2GUARD_FEED_A_IND_V6] = { .type = NLA_REJECT,
				    .reject_message = "ind-v6 is reply-only" },
	[C2GUARD_FEED_A_IND_NAMES] = { .type = NLA_REJECT,
				       .reject_message = "ind-names is reply-only" },
	[C2GUARD_FEED_A_IND_SUFFIXES] = { .type = NLA_REJECT,
					  .reject_message = "ind-suffixes is reply-only" },
	[C2GUARD_FEED_A_IND_PORTS] = { .type = NLA_REJECT,
				       .reject_message = "ind-ports is reply-only" },
	[C2GUARD_FEED_A_LOADED] = { .type = NLA_REJECT,
				    .reject_message = "loaded is reply-only" },
	[C2GUARD_FEED_A_STAGING] = { .type = NLA_REJECT,
				     .reject_message = "staging is reply-only" },
	[C2GUARD_FEED_A_PAD] = { .type = NLA_REJECT },
	[C2GUARD_FEED_A_IND_ANSWERS] = { .type = NLA_REJECT,
					 .reject_message = "ind-answers is reply-only" },
	[C2GUARD_FEED_A_IND_JA4] = { .type = NLA_REJECT,
				     .reject_message = "ind-ja4 is reply-only" },
	[C2GUARD_FEED_A_IND_URLS] = { .type = NLA_REJECT,
				      .reject_message = "ind-urls is reply-only" },
};

/* enum c2guard_host_attr, as requests carry it (host-input) */
const struct nla_policy c2guard_host_input_nl_policy[C2GUARD_HOST_A_MAX + 1] = {
	[C2GUARD_HOST_A_FAMILY] = { .type = NLA_U8 },
	[C2GUARD_HOST_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[C2GUARD_HOST_A_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[C2GUARD_HOST_A_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &c2guard_host_a_timeout_range),
	[C2GUARD_HOST_A_SINCE] = { .type = NLA_REJECT,
				   .reject_message = "since is reply-only" },
	[C2GUARD_HOST_A_REASON] = { .type = NLA_REJECT,
				    .reject_message = "reason is reply-only" },
	[C2GUARD_HOST_A_TAG] = { .type = NLA_REJECT,
				 .reject_message = "tag is reply-only" },
	[C2GUARD_HOST_A_NAME] = { .type = NLA_REJECT,
				  .reject_message = "name is reply-only" },
	[C2GUARD_HOST_A_ALERT_SEQ] = { .type = NLA_REJECT,
				       .reject_message = "alert-seq is reply-only" },
	[C2GUARD_HOST_A_DROPS] = { .type = NLA_REJECT,
				   .reject_message = "drops is reply-only" },
	[C2GUARD_HOST_A_PAD] = { .type = NLA_REJECT },
	[C2GUARD_HOST_A_FIRST] = { .type = NLA_REJECT,
				   .reject_message = "first is reply-only" },
	[C2GUARD_HOST_A_LAST] = { .type = NLA_REJECT,
				  .reject_message = "last is reply-only" },
	[C2GUARD_HOST_A_RISK] = { .type = NLA_REJECT,
				  .reject_message = "risk is reply-only" },
	[C2GUARD_HOST_A_RISK_ALERTS] = { .type = NLA_REJECT,
					 .reject_message = "risk-alerts is reply-only" },
	[C2GUARD_HOST_A_COUNT] = { .type = NLA_REJECT,
				   .reject_message = "count is reply-only" },
	[C2GUARD_HOST_A_EVIDENCE] = { .type = NLA_REJECT,
				      .reject_message = "evidence is reply-only" },
};

/* C2GUARD_CMD_IND_ADD */
const struct nla_policy c2guard_ind_add_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_IND] = NLA_POLICY_NESTED(c2guard_ind_input_nl_policy),
	[C2GUARD_A_FLAGS] =
		NLA_POLICY_MASK(NLA_U32, C2GUARD_F_REPLACE | C2GUARD_F_FORCE),
};

/* C2GUARD_CMD_IND_DEL */
const struct nla_policy c2guard_ind_del_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_IND] = NLA_POLICY_NESTED(c2guard_ind_input_nl_policy),
	[C2GUARD_A_FLAGS] =
		NLA_POLICY_MASK(NLA_U32, C2GUARD_F_REPLACE | C2GUARD_F_FORCE),
};

/* C2GUARD_CMD_IND_FLUSH */
const struct nla_policy c2guard_ind_flush_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_TAG] = { .type = NLA_NUL_STRING,
			    .len = C2GUARD_TAG_MAX - 1 },
};

/* C2GUARD_CMD_CONFIG_SET */
const struct nla_policy c2guard_config_set_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_CONFIG] = NLA_POLICY_NESTED(c2guard_cfg_nl_policy),
};

/* C2GUARD_CMD_FEED_BEGIN */
const struct nla_policy c2guard_feed_begin_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_FLAGS] =
		NLA_POLICY_MASK(NLA_U32, C2GUARD_F_REPLACE | C2GUARD_F_FORCE),
	[C2GUARD_A_FEED] = NLA_POLICY_NESTED(c2guard_feed_input_nl_policy),
};

/* C2GUARD_CMD_FEED_COMMIT */
const struct nla_policy c2guard_feed_commit_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_FLAGS] =
		NLA_POLICY_MASK(NLA_U32, C2GUARD_F_REPLACE | C2GUARD_F_FORCE),
	[C2GUARD_A_FEED] = NLA_POLICY_NESTED(c2guard_feed_input_nl_policy),
};

/* C2GUARD_CMD_FEED_ABORT */
const struct nla_policy c2guard_feed_abort_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_FLAGS] =
		NLA_POLICY_MASK(NLA_U32, C2GUARD_F_REPLACE | C2GUARD_F_FORCE),
	[C2GUARD_A_FEED] = NLA_POLICY_NESTED(c2guard_feed_input_nl_policy),
};

/* C2GUARD_CMD_FEED_DEL */
const struct nla_policy c2guard_feed_del_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_FLAGS] =
		NLA_POLICY_MASK(NLA_U32, C2GUARD_F_REPLACE | C2GUARD_F_FORCE),
	[C2GUARD_A_FEED] = NLA_POLICY_NESTED(c2guard_feed_input_nl_policy),
};

/* C2GUARD_CMD_IND_TEST */
const struct nla_policy c2guard_ind_test_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_IND] = NLA_POLICY_NESTED(c2guard_ind_input_nl_policy),
	[C2GUARD_A_FLAGS] =
		NLA_POLICY_MASK(NLA_U32, C2GUARD_F_REPLACE | C2GUARD_F_FORCE),
};

/* C2GUARD_CMD_QUARANTINE_ADD */
const struct nla_policy c2guard_quarantine_add_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_HOST] = NLA_POLICY_NESTED(c2guard_host_input_nl_policy),
};

/* C2GUARD_CMD_QUARANTINE_DEL */
const struct nla_policy c2guard_quarantine_del_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_HOST] = NLA_POLICY_NESTED(c2guard_host_input_nl_policy),
};

/* C2GUARD_CMD_HOST_ALLOW_ADD */
const struct nla_policy c2guard_host_allow_add_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_HOST] = NLA_POLICY_NESTED(c2guard_host_input_nl_policy),
};

/* C2GUARD_CMD_HOST_ALLOW_DEL */
const struct nla_policy c2guard_host_allow_del_nl_policy[C2GUARD_A_MAX + 1] = {
	[C2GUARD_A_HOST] = NLA_POLICY_NESTED(c2guard_host_input_nl_policy),
};
