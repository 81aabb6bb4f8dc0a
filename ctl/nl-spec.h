/* SPDX-License-Identifier: GPL-2.0 */
/* Do not edit: generated from uapi/c2guard.yaml by tools/nlgen.py. */
/*
 * The c2guard family as data, for c2ctl and the tests: the
 * attributes of every set as X-macro lists, and the policies the
 * module applies to requests (kmod/netlink-gen.c) as tables.
 */
#ifndef _C2G_NL_SPEC_H
#define _C2G_NL_SPEC_H

#include <linux/c2guard.h>

enum c2g_spec_type {
	C2G_SPEC_FLAG = 1,
	C2G_SPEC_U8,
	C2G_SPEC_U16,
	C2G_SPEC_U32,
	C2G_SPEC_U64,
	C2G_SPEC_STR,
	C2G_SPEC_BINARY,
	C2G_SPEC_NEST,
	C2G_SPEC_REJECT,	/* policies: refused */
};

/*
 * X(attribute, "spec-name", "c_name", TYPE) for every attribute of a
 * set but padding; TYPE: FLAG, U8, U16, U32, U64, STR, BINARY, NEST.
 */
#define C2G_SPEC_C2GUARD_ATTRS(X) \
	X(C2GUARD_A_IND, "ind", "ind", NEST) \
	X(C2GUARD_A_TAG, "tag", "tag", STR) \
	X(C2GUARD_A_STATUS, "status", "status", NEST) \
	X(C2GUARD_A_CONFIG, "config", "config", NEST) \
	X(C2GUARD_A_ALERT, "alert", "alert", NEST) \
	X(C2GUARD_A_FLAGS, "flags", "flags", U32) \
	X(C2GUARD_A_BEACON, "beacon", "beacon", NEST) \
	X(C2GUARD_A_FEED, "feed", "feed", NEST) \
	X(C2GUARD_A_HOST, "host", "host", NEST)

#define C2G_SPEC_HOST_ATTRS(X) \
	X(C2GUARD_HOST_A_FAMILY, "family", "family", U8) \
	X(C2GUARD_HOST_A_ADDR, "addr", "addr", BINARY) \
	X(C2GUARD_HOST_A_PREFIXLEN, "prefixlen", "prefixlen", U8) \
	X(C2GUARD_HOST_A_TIMEOUT, "timeout", "timeout", U32) \
	X(C2GUARD_HOST_A_SINCE, "since", "since", U64) \
	X(C2GUARD_HOST_A_REASON, "reason", "reason", U8) \
	X(C2GUARD_HOST_A_TAG, "tag", "tag", STR) \
	X(C2GUARD_HOST_A_NAME, "name", "name", STR) \
	X(C2GUARD_HOST_A_ALERT_SEQ, "alert-seq", "alert_seq", U64) \
	X(C2GUARD_HOST_A_DROPS, "drops", "drops", U64) \
	X(C2GUARD_HOST_A_FIRST, "first", "first", U64) \
	X(C2GUARD_HOST_A_LAST, "last", "last", U64) \
	X(C2GUARD_HOST_A_RISK, "risk", "risk", U32) \
	X(C2GUARD_HOST_A_RISK_ALERTS, "risk-alerts", "risk_alerts", U32) \
	X(C2GUARD_HOST_A_COUNT, "count", "count", NEST) \
	X(C2GUARD_HOST_A_EVIDENCE, "evidence", "evidence", NEST)

#define C2G_SPEC_EVIDENCE_ATTRS(X) \
	X(C2GUARD_EV_A_KIND, "kind", "kind", U8) \
	X(C2GUARD_EV_A_REASON, "reason", "reason", U8) \
	X(C2GUARD_EV_A_FAMILY, "family", "family", U8) \
	X(C2GUARD_EV_A_ADDR, "addr", "addr", BINARY) \
	X(C2GUARD_EV_A_PORT, "port", "port", U16) \
	X(C2GUARD_EV_A_PROTO, "proto", "proto", U8) \
	X(C2GUARD_EV_A_NAME, "name", "name", STR) \
	X(C2GUARD_EV_A_TAG, "tag", "tag", STR) \
	X(C2GUARD_EV_A_VALUE, "value", "value", U32) \
	X(C2GUARD_EV_A_WEIGHT, "weight", "weight", U32) \
	X(C2GUARD_EV_A_COUNT, "count", "count", U32) \
	X(C2GUARD_EV_A_FIRST, "first", "first", U64) \
	X(C2GUARD_EV_A_LAST, "last", "last", U64)

#define C2G_SPEC_IND_ATTRS(X) \
	X(C2GUARD_IND_A_FAMILY, "family", "family", U8) \
	X(C2GUARD_IND_A_ADDR, "addr", "addr", BINARY) \
	X(C2GUARD_IND_A_PREFIXLEN, "prefixlen", "prefixlen", U8) \
	X(C2GUARD_IND_A_ACTION, "action", "action", U8) \
	X(C2GUARD_IND_A_TAG, "tag", "tag", STR) \
	X(C2GUARD_IND_A_TIMEOUT, "timeout", "timeout", U32) \
	X(C2GUARD_IND_A_HITS, "hits", "hits", U64) \
	X(C2GUARD_IND_A_DOMAIN, "domain", "domain", STR) \
	X(C2GUARD_IND_A_SUFFIX, "suffix", "suffix", FLAG) \
	X(C2GUARD_IND_A_BOUND, "bound", "bound", STR) \
	X(C2GUARD_IND_A_FEED, "feed", "feed", STR) \
	X(C2GUARD_IND_A_CLAIM, "claim", "claim", NEST) \
	X(C2GUARD_IND_A_PORT, "port", "port", U16) \
	X(C2GUARD_IND_A_PROTO, "proto", "proto", U8) \
	X(C2GUARD_IND_A_ANSWER, "answer", "answer", FLAG) \
	X(C2GUARD_IND_A_JA4, "ja4", "ja4", STR) \
	X(C2GUARD_IND_A_URL, "url", "url", STR)

#define C2G_SPEC_STATUS_ATTRS(X) \
	X(C2GUARD_STATUS_A_VERSION, "version", "version", STR) \
	X(C2GUARD_STATUS_A_FEATURES, "features", "features", U64) \
	X(C2GUARD_STATUS_A_IND_V4, "ind-v4", "ind_v4", U32) \
	X(C2GUARD_STATUS_A_IND_V6, "ind-v6", "ind_v6", U32) \
	X(C2GUARD_STATUS_A_GENERATION, "generation", "generation", U32) \
	X(C2GUARD_STATUS_A_ALERT_SEQ, "alert-seq", "alert_seq", U64) \
	X(C2GUARD_STATUS_A_PACKETS, "packets", "packets", U64) \
	X(C2GUARD_STATUS_A_FLOWS, "flows", "flows", U64) \
	X(C2GUARD_STATUS_A_MATCHES, "matches", "matches", U64) \
	X(C2GUARD_STATUS_A_ALERTS, "alerts", "alerts", U64) \
	X(C2GUARD_STATUS_A_SUPPRESSED, "suppressed", "suppressed", U64) \
	X(C2GUARD_STATUS_A_DROPPED, "dropped", "dropped", U64) \
	X(C2GUARD_STATUS_A_REJECTED, "rejected", "rejected", U64) \
	X(C2GUARD_STATUS_A_MARKED, "marked", "marked", U64) \
	X(C2GUARD_STATUS_A_UNTRACKED, "untracked", "untracked", U64) \
	X(C2GUARD_STATUS_A_EXPIRED, "expired", "expired", U64) \
	X(C2GUARD_STATUS_A_ALERT_FAILS, "alert-fails", "alert_fails", U64) \
	X(C2GUARD_STATUS_A_MEM, "mem", "mem", U64) \
	X(C2GUARD_STATUS_A_REPEATS, "repeats", "repeats", U64) \
	X(C2GUARD_STATUS_A_IND_NAMES, "ind-names", "ind_names", U32) \
	X(C2GUARD_STATUS_A_BOUND, "bound", "bound", U32) \
	X(C2GUARD_STATUS_A_ALLOWED, "allowed", "allowed", U64) \
	X(C2GUARD_STATUS_A_DNS_QUERIES, "dns-queries", "dns_queries", U64) \
	X(C2GUARD_STATUS_A_DNS_ANSWERS, "dns-answers", "dns_answers", U64) \
	X(C2GUARD_STATUS_A_DNS_MALFORMED, "dns-malformed", "dns_malformed", U64) \
	X(C2GUARD_STATUS_A_DNS_TRUNCATED, "dns-truncated", "dns_truncated", U64) \
	X(C2GUARD_STATUS_A_BIND_ADDED, "bind-added", "bind_added", U64) \
	X(C2GUARD_STATUS_A_BIND_REFUSED, "bind-refused", "bind_refused", U64) \
	X(C2GUARD_STATUS_A_TLS_SNI, "tls-sni", "tls_sni", U64) \
	X(C2GUARD_STATUS_A_TLS_NO_SNI, "tls-no-sni", "tls_no_sni", U64) \
	X(C2GUARD_STATUS_A_TLS_PARTIAL, "tls-partial", "tls_partial", U64) \
	X(C2GUARD_STATUS_A_HTTP_HOST, "http-host", "http_host", U64) \
	X(C2GUARD_STATUS_A_HTTP_PARTIAL, "http-partial", "http_partial", U64) \
	X(C2GUARD_STATUS_A_NOLABELS, "nolabels", "nolabels", U64) \
	X(C2GUARD_STATUS_A_BEACON_CHANNELS, "beacon-channels", "beacon_channels", U32) \
	X(C2GUARD_STATUS_A_BEACON_SOURCES, "beacon-sources", "beacon_sources", U32) \
	X(C2GUARD_STATUS_A_BEACON_EVENTS, "beacon-events", "beacon_events", U64) \
	X(C2GUARD_STATUS_A_BEACON_ALERTS, "beacon-alerts", "beacon_alerts", U64) \
	X(C2GUARD_STATUS_A_BEACON_EVICTED, "beacon-evicted", "beacon_evicted", U64) \
	X(C2GUARD_STATUS_A_BEACON_REFUSED, "beacon-refused", "beacon_refused", U64) \
	X(C2GUARD_STATUS_A_BEACON_EXPIRED, "beacon-expired", "beacon_expired", U64) \
	X(C2GUARD_STATUS_A_BEACON_EXEMPT, "beacon-exempt", "beacon_exempt", U64) \
	X(C2GUARD_STATUS_A_BEACON_MEM, "beacon-mem", "beacon_mem", U64) \
	X(C2GUARD_STATUS_A_BEACON_NOLABELS, "beacon-nolabels", "beacon_nolabels", U64) \
	X(C2GUARD_STATUS_A_IND_PORTS, "ind-ports", "ind_ports", U32) \
	X(C2GUARD_STATUS_A_FEEDS, "feeds", "feeds", U32) \
	X(C2GUARD_STATUS_A_DNS_HOSTS, "dns-hosts", "dns_hosts", U32) \
	X(C2GUARD_STATUS_A_DNS_NAMES, "dns-names", "dns_names", U32) \
	X(C2GUARD_STATUS_A_DNS_MEM, "dns-mem", "dns_mem", U64) \
	X(C2GUARD_STATUS_A_DNS_SCORED, "dns-scored", "dns_scored", U64) \
	X(C2GUARD_STATUS_A_DGA_ALERTS, "dga-alerts", "dga_alerts", U64) \
	X(C2GUARD_STATUS_A_NXDOMAIN_ALERTS, "nxdomain-alerts", "nxdomain_alerts", U64) \
	X(C2GUARD_STATUS_A_FLUX_ALERTS, "flux-alerts", "flux_alerts", U64) \
	X(C2GUARD_STATUS_A_DNS_EVICTED, "dns-evicted", "dns_evicted", U64) \
	X(C2GUARD_STATUS_A_DNS_EXEMPT, "dns-exempt", "dns_exempt", U64) \
	X(C2GUARD_STATUS_A_IND_ANSWERS, "ind-answers", "ind_answers", U32) \
	X(C2GUARD_STATUS_A_QUARANTINED, "quarantined", "quarantined", U32) \
	X(C2GUARD_STATUS_A_QUARANTINES, "quarantines", "quarantines", U64) \
	X(C2GUARD_STATUS_A_QUARANTINE_DROPS, "quarantine-drops", "quarantine_drops", U64) \
	X(C2GUARD_STATUS_A_QUARANTINE_REFUSED, "quarantine-refused", "quarantine_refused", U64) \
	X(C2GUARD_STATUS_A_HOST_ALLOW, "host-allow", "host_allow", U32) \
	X(C2GUARD_STATUS_A_HOSTS, "hosts", "hosts", U32) \
	X(C2GUARD_STATUS_A_HOSTS_MEM, "hosts-mem", "hosts_mem", U64) \
	X(C2GUARD_STATUS_A_HOST_RISK_ALERTS, "host-risk-alerts", "host_risk_alerts", U64) \
	X(C2GUARD_STATUS_A_HOSTS_EVICTED, "hosts-evicted", "hosts_evicted", U64) \
	X(C2GUARD_STATUS_A_QUIC_INITIALS, "quic-initials", "quic_initials", U64) \
	X(C2GUARD_STATUS_A_QUIC_UNOPENED, "quic-unopened", "quic_unopened", U64) \
	X(C2GUARD_STATUS_A_QUIC_SNI, "quic-sni", "quic_sni", U64) \
	X(C2GUARD_STATUS_A_QUIC_NO_SNI, "quic-no-sni", "quic_no_sni", U64) \
	X(C2GUARD_STATUS_A_QUIC_PARTIAL, "quic-partial", "quic_partial", U64) \
	X(C2GUARD_STATUS_A_QUIC_UNFOLLOWED, "quic-unfollowed", "quic_unfollowed", U64) \
	X(C2GUARD_STATUS_A_IND_JA4, "ind-ja4", "ind_ja4", U32) \
	X(C2GUARD_STATUS_A_JA4_COMPUTED, "ja4-computed", "ja4_computed", U64) \
	X(C2GUARD_STATUS_A_PROTO_MISMATCH_ALERTS, "proto-mismatch-alerts", "proto_mismatch_alerts", U64) \
	X(C2GUARD_STATUS_A_IRC_ALERTS, "irc-alerts", "irc_alerts", U64) \
	X(C2GUARD_STATUS_A_IND_URLS, "ind-urls", "ind_urls", U32) \
	X(C2GUARD_STATUS_A_IND_LPM_KEYS, "ind-lpm-keys", "ind_lpm_keys", U32) \
	X(C2GUARD_STATUS_A_IND_LPM_PENDING, "ind-lpm-pending", "ind_lpm_pending", U32) \
	X(C2GUARD_STATUS_A_IND_MAX, "ind-max", "ind_max", U32)

#define C2G_SPEC_CFG_ATTRS(X) \
	X(C2GUARD_CFG_A_MARK_VALUE, "mark-value", "mark_value", U32) \
	X(C2GUARD_CFG_A_MARK_MASK, "mark-mask", "mark_mask", U32) \
	X(C2GUARD_CFG_A_ALERT_RATE, "alert-rate", "alert_rate", U32) \
	X(C2GUARD_CFG_A_ALERT_BURST, "alert-burst", "alert_burst", U32) \
	X(C2GUARD_CFG_A_DNS_PORT, "dns-port", "dns_port", U16) \
	X(C2GUARD_CFG_A_DNS_RCODE, "dns-rcode", "dns_rcode", U8) \
	X(C2GUARD_CFG_A_BIND_TTL_MIN, "bind-ttl-min", "bind_ttl_min", U32) \
	X(C2GUARD_CFG_A_BIND_TTL_MAX, "bind-ttl-max", "bind_ttl_max", U32) \
	X(C2GUARD_CFG_A_BIND_MAX, "bind-max", "bind_max", U32) \
	X(C2GUARD_CFG_A_BEACON, "beacon", "beacon", U8) \
	X(C2GUARD_CFG_A_BEACON_RETRY, "beacon-retry", "beacon_retry", U32) \
	X(C2GUARD_CFG_A_BEACON_IDLE, "beacon-idle", "beacon_idle", U32) \
	X(C2GUARD_CFG_A_BEACON_SILENCE, "beacon-silence", "beacon_silence", U32) \
	X(C2GUARD_CFG_A_BEACON_HOLDDOWN, "beacon-holddown", "beacon_holddown", U32) \
	X(C2GUARD_CFG_A_BEACON_WINDOW, "beacon-window", "beacon_window", U32) \
	X(C2GUARD_CFG_A_BEACON_MIN_GAPS, "beacon-min-gaps", "beacon_min_gaps", U32) \
	X(C2GUARD_CFG_A_BEACON_THRESHOLD, "beacon-threshold", "beacon_threshold", U32) \
	X(C2GUARD_CFG_A_BEACON_MAX, "beacon-max", "beacon_max", U32) \
	X(C2GUARD_CFG_A_BEACON_ACTION, "beacon-action", "beacon_action", U8) \
	X(C2GUARD_CFG_A_BEACON_ALLOW_PORTS, "beacon-allow-ports", "beacon_allow_ports", BINARY) \
	X(C2GUARD_CFG_A_DGA, "dga", "dga", U8) \
	X(C2GUARD_CFG_A_DGA_THRESHOLD, "dga-threshold", "dga_threshold", U32) \
	X(C2GUARD_CFG_A_DGA_NAMES, "dga-names", "dga_names", U32) \
	X(C2GUARD_CFG_A_DGA_WINDOW, "dga-window", "dga_window", U32) \
	X(C2GUARD_CFG_A_DGA_ACTION, "dga-action", "dga_action", U8) \
	X(C2GUARD_CFG_A_NXDOMAIN_BURST, "nxdomain-burst", "nxdomain_burst", U8) \
	X(C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD, "nxdomain-burst-threshold", "nxdomain_burst_threshold", U32) \
	X(C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW, "nxdomain-burst-window", "nxdomain_burst_window", U32) \
	X(C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION, "nxdomain-burst-action", "nxdomain_burst_action", U8) \
	X(C2GUARD_CFG_A_FAST_FLUX, "fast-flux", "fast_flux", U8) \
	X(C2GUARD_CFG_A_FAST_FLUX_THRESHOLD, "fast-flux-threshold", "fast_flux_threshold", U32) \
	X(C2GUARD_CFG_A_FAST_FLUX_WINDOW, "fast-flux-window", "fast_flux_window", U32) \
	X(C2GUARD_CFG_A_FAST_FLUX_ACTION, "fast-flux-action", "fast_flux_action", U8) \
	X(C2GUARD_CFG_A_DNS_HOLDDOWN, "dns-holddown", "dns_holddown", U32) \
	X(C2GUARD_CFG_A_DNS_HOSTS_MAX, "dns-hosts-max", "dns_hosts_max", U32) \
	X(C2GUARD_CFG_A_DNS_NAMES_MAX, "dns-names-max", "dns_names_max", U32) \
	X(C2GUARD_CFG_A_QUARANTINE_TIME, "quarantine-time", "quarantine_time", U32) \
	X(C2GUARD_CFG_A_HOST_THRESHOLD, "host-threshold", "host_threshold", U32) \
	X(C2GUARD_CFG_A_HOST_ACTION, "host-action", "host_action", U8) \
	X(C2GUARD_CFG_A_HOST_HALF_LIFE, "host-half-life", "host_half_life", U32) \
	X(C2GUARD_CFG_A_HOSTS_MAX, "hosts-max", "hosts_max", U32) \
	X(C2GUARD_CFG_A_PROTO_MISMATCH, "proto-mismatch", "proto_mismatch", U8) \
	X(C2GUARD_CFG_A_PROTO_MISMATCH_ACTION, "proto-mismatch-action", "proto_mismatch_action", U8) \
	X(C2GUARD_CFG_A_TLS_PORTS, "tls-ports", "tls_ports", BINARY) \
	X(C2GUARD_CFG_A_HTTP_PORTS, "http-ports", "http_ports", BINARY) \
	X(C2GUARD_CFG_A_IRC, "irc", "irc", U8) \
	X(C2GUARD_CFG_A_IRC_ACTION, "irc-action", "irc_action", U8) \
	X(C2GUARD_CFG_A_IRC_PORTS, "irc-ports", "irc_ports", BINARY)

#define C2G_SPEC_ALERT_ATTRS(X) \
	X(C2GUARD_ALERT_A_SEQ, "seq", "seq", U64) \
	X(C2GUARD_ALERT_A_TIME, "time", "time", U64) \
	X(C2GUARD_ALERT_A_NETNS, "netns", "netns", U32) \
	X(C2GUARD_ALERT_A_FAMILY, "family", "family", U8) \
	X(C2GUARD_ALERT_A_PROTO, "proto", "proto", U8) \
	X(C2GUARD_ALERT_A_SADDR, "saddr", "saddr", BINARY) \
	X(C2GUARD_ALERT_A_DADDR, "daddr", "daddr", BINARY) \
	X(C2GUARD_ALERT_A_SPORT, "sport", "sport", U16) \
	X(C2GUARD_ALERT_A_DPORT, "dport", "dport", U16) \
	X(C2GUARD_ALERT_A_DIR, "dir", "dir", U8) \
	X(C2GUARD_ALERT_A_HOOK, "hook", "hook", U8) \
	X(C2GUARD_ALERT_A_IIF, "iif", "iif", U32) \
	X(C2GUARD_ALERT_A_IND, "ind", "ind", NEST) \
	X(C2GUARD_ALERT_A_ACTION, "action", "action", U8) \
	X(C2GUARD_ALERT_A_REASON, "reason", "reason", U8) \
	X(C2GUARD_ALERT_A_SUPPRESSED, "suppressed", "suppressed", U32) \
	X(C2GUARD_ALERT_A_NAME, "name", "name", STR) \
	X(C2GUARD_ALERT_A_BEACON, "beacon", "beacon", NEST) \
	X(C2GUARD_ALERT_A_DNS, "dns", "dns", NEST) \
	X(C2GUARD_ALERT_A_PID, "pid", "pid", U32) \
	X(C2GUARD_ALERT_A_COMM, "comm", "comm", STR) \
	X(C2GUARD_ALERT_A_UID, "uid", "uid", U32) \
	X(C2GUARD_ALERT_A_GID, "gid", "gid", U32) \
	X(C2GUARD_ALERT_A_CGROUP, "cgroup", "cgroup", U64) \
	X(C2GUARD_ALERT_A_HOST, "host", "host", NEST) \
	X(C2GUARD_ALERT_A_JA4, "ja4", "ja4", STR) \
	X(C2GUARD_ALERT_A_JA3, "ja3", "ja3", STR) \
	X(C2GUARD_ALERT_A_PROTO_EXPECTED, "proto-expected", "proto_expected", STR) \
	X(C2GUARD_ALERT_A_PROTO_SEEN, "proto-seen", "proto_seen", STR) \
	X(C2GUARD_ALERT_A_IRC_NICK, "irc-nick", "irc_nick", STR) \
	X(C2GUARD_ALERT_A_IRC_CHANNEL, "irc-channel", "irc_channel", STR) \
	X(C2GUARD_ALERT_A_IRC_PORT, "irc-port", "irc_port", FLAG) \
	X(C2GUARD_ALERT_A_URL, "url", "url", STR)

#define C2G_SPEC_DNS_EVIDENCE_ATTRS(X) \
	X(C2GUARD_DNS_A_WINDOW, "window", "window", U32) \
	X(C2GUARD_DNS_A_NAMES, "names", "names", U32) \
	X(C2GUARD_DNS_A_POINTS, "points", "points", U32) \
	X(C2GUARD_DNS_A_ANSWERED, "answered", "answered", U32) \
	X(C2GUARD_DNS_A_NXDOMAIN, "nxdomain", "nxdomain", U32) \
	X(C2GUARD_DNS_A_DYNDNS, "dyndns", "dyndns", U32) \
	X(C2GUARD_DNS_A_SCORE, "score", "score", U8) \
	X(C2GUARD_DNS_A_PARENT, "parent", "parent", STR) \
	X(C2GUARD_DNS_A_ADDRS, "addrs", "addrs", U32) \
	X(C2GUARD_DNS_A_NETS, "nets", "nets", U32) \
	X(C2GUARD_DNS_A_ANSWERS, "answers", "answers", U32) \
	X(C2GUARD_DNS_A_ROTATIONS, "rotations", "rotations", U32) \
	X(C2GUARD_DNS_A_TTL_MIN, "ttl-min", "ttl_min", U32) \
	X(C2GUARD_DNS_A_PER_ANSWER, "per-answer", "per_answer", U32)

#define C2G_SPEC_BEACON_ATTRS(X) \
	X(C2GUARD_BEACON_A_FAMILY, "family", "family", U8) \
	X(C2GUARD_BEACON_A_SADDR, "saddr", "saddr", BINARY) \
	X(C2GUARD_BEACON_A_DADDR, "daddr", "daddr", BINARY) \
	X(C2GUARD_BEACON_A_DPORT, "dport", "dport", U16) \
	X(C2GUARD_BEACON_A_PROTO, "proto", "proto", U8) \
	X(C2GUARD_BEACON_A_NAME, "name", "name", STR) \
	X(C2GUARD_BEACON_A_SCORE, "score", "score", U8) \
	X(C2GUARD_BEACON_A_GAPS, "gaps", "gaps", U32) \
	X(C2GUARD_BEACON_A_EVENTS, "events", "events", U32) \
	X(C2GUARD_BEACON_A_RETRIES, "retries", "retries", U32) \
	X(C2GUARD_BEACON_A_INTERVAL, "interval", "interval", U32) \
	X(C2GUARD_BEACON_A_JITTER, "jitter", "jitter", U32) \
	X(C2GUARD_BEACON_A_SIZE, "size", "size", U32) \
	X(C2GUARD_BEACON_A_AGE, "age", "age", U64) \
	X(C2GUARD_BEACON_A_IDLE, "idle", "idle", U64) \
	X(C2GUARD_BEACON_A_ALERTS, "alerts", "alerts", U32) \
	X(C2GUARD_BEACON_A_TIMING, "timing", "timing", U16) \
	X(C2GUARD_BEACON_A_DATA, "data", "data", U16) \
	X(C2GUARD_BEACON_A_GAP_DISP, "gap-disp", "gap_disp", U16) \
	X(C2GUARD_BEACON_A_GAP_CV, "gap-cv", "gap_cv", U16) \
	X(C2GUARD_BEACON_A_GAP_SKEW, "gap-skew", "gap_skew", U16) \
	X(C2GUARD_BEACON_A_COUNT, "count", "count", U16)

#define C2G_SPEC_CLAIM_ATTRS(X) \
	X(C2GUARD_CLAIM_A_FEED, "feed", "feed", STR) \
	X(C2GUARD_CLAIM_A_ACTION, "action", "action", U8) \
	X(C2GUARD_CLAIM_A_TAG, "tag", "tag", STR) \
	X(C2GUARD_CLAIM_A_TIMEOUT, "timeout", "timeout", U32)

#define C2G_SPEC_FEED_ATTRS(X) \
	X(C2GUARD_FEED_A_NAME, "name", "name", STR) \
	X(C2GUARD_FEED_A_SOURCE, "source", "source", STR) \
	X(C2GUARD_FEED_A_FORMAT, "format", "format", STR) \
	X(C2GUARD_FEED_A_ACTION, "action", "action", U8) \
	X(C2GUARD_FEED_A_TAG, "tag", "tag", STR) \
	X(C2GUARD_FEED_A_TIMEOUT, "timeout", "timeout", U32) \
	X(C2GUARD_FEED_A_ERRORS, "errors", "errors", U32) \
	X(C2GUARD_FEED_A_UNSUPPORTED, "unsupported", "unsupported", U32) \
	X(C2GUARD_FEED_A_IND_V4, "ind-v4", "ind_v4", U32) \
	X(C2GUARD_FEED_A_IND_V6, "ind-v6", "ind_v6", U32) \
	X(C2GUARD_FEED_A_IND_NAMES, "ind-names", "ind_names", U32) \
	X(C2GUARD_FEED_A_IND_SUFFIXES, "ind-suffixes", "ind_suffixes", U32) \
	X(C2GUARD_FEED_A_IND_PORTS, "ind-ports", "ind_ports", U32) \
	X(C2GUARD_FEED_A_LOADED, "loaded", "loaded", U64) \
	X(C2GUARD_FEED_A_STAGING, "staging", "staging", U32) \
	X(C2GUARD_FEED_A_IND_ANSWERS, "ind-answers", "ind_answers", U32) \
	X(C2GUARD_FEED_A_IND_JA4, "ind-ja4", "ind_ja4", U32) \
	X(C2GUARD_FEED_A_IND_URLS, "ind-urls", "ind_urls", U32)

/*
 * X(attribute, "doc") for every number of the status: the first sentence
 * of its doc (c2ctl status --prometheus: the metrics' HELP).
 */
#define C2G_SPEC_STATUS_DOCS(X) \
	X(C2GUARD_STATUS_A_FEATURES, "C2GUARD_FEAT_* bits") \
	X(C2GUARD_STATUS_A_IND_V4, "IPv4 indicators in the table") \
	X(C2GUARD_STATUS_A_IND_V6, "IPv6 indicators in the table") \
	X(C2GUARD_STATUS_A_GENERATION, "bumped on every table change") \
	X(C2GUARD_STATUS_A_ALERT_SEQ, "sequence number of the last alert") \
	X(C2GUARD_STATUS_A_PACKETS, "packets inspected by the hooks") \
	X(C2GUARD_STATUS_A_FLOWS, "new flows looked up in the table") \
	X(C2GUARD_STATUS_A_MATCHES, "flows that matched an indicator") \
	X(C2GUARD_STATUS_A_ALERTS, "alerts emitted") \
	X(C2GUARD_STATUS_A_SUPPRESSED, "alerts suppressed by the rate limit") \
	X(C2GUARD_STATUS_A_DROPPED, "packets dropped (drop and reject)") \
	X(C2GUARD_STATUS_A_REJECTED, "rejections sent (RST / unreachable)") \
	X(C2GUARD_STATUS_A_MARKED, "flows whose conntrack mark was set") \
	X(C2GUARD_STATUS_A_UNTRACKED, "packets without conntrack looked up on their own (every packet of such a \"flow\" is a lookup)") \
	X(C2GUARD_STATUS_A_EXPIRED, "indicators removed by their timeout") \
	X(C2GUARD_STATUS_A_ALERT_FAILS, "alerts that could not be built (out of memory)") \
	X(C2GUARD_STATUS_A_MEM, "bytes of kernel memory held by the indicator table (entries and hash buckets, approximate)") \
	X(C2GUARD_STATUS_A_REPEATS, "first packets of flows already reported within the last minute (a dropped TCP SYN retransmitted, a dropped UDP flow retried with the same ports): verdicted again, not re-alerted") \
	X(C2GUARD_STATUS_A_IND_NAMES, "domain indicators in the table (exact and suffix, allowlist entries included)") \
	X(C2GUARD_STATUS_A_BOUND, "addresses currently bound from DNS answers (not counted in IND_V4/IND_V6)") \
	X(C2GUARD_STATUS_A_ALLOWED, "matches overridden by an allowlist entry") \
	X(C2GUARD_STATUS_A_DNS_QUERIES, "DNS queries parsed") \
	X(C2GUARD_STATUS_A_DNS_ANSWERS, "DNS responses parsed") \
	X(C2GUARD_STATUS_A_DNS_MALFORMED, "DNS messages that could not be parsed (bad header, names or lengths), passed unexamined") \
	X(C2GUARD_STATUS_A_DNS_TRUNCATED, "DNS messages cut short by the end of the segment or of the module's buffer (a TCP message spread over several segments is not reassembled): only what arrived was examined") \
	X(C2GUARD_STATUS_A_BIND_ADDED, "addresses bound (or renewed) from DNS answers") \
	X(C2GUARD_STATUS_A_BIND_REFUSED, "bindings refused because C2GUARD_CFG_A_BIND_MAX was reached") \
	X(C2GUARD_STATUS_A_TLS_SNI, "TLS ClientHellos whose server name was read") \
	X(C2GUARD_STATUS_A_TLS_NO_SNI, "complete ClientHellos without one") \
	X(C2GUARD_STATUS_A_TLS_PARTIAL, "ClientHellos cut by the end of the first segment before any server name (not reassembled)") \
	X(C2GUARD_STATUS_A_HTTP_HOST, "HTTP requests whose host was read") \
	X(C2GUARD_STATUS_A_HTTP_PARTIAL, "HTTP requests whose header block went past the first segment with no Host seen (not reassembled)") \
	X(C2GUARD_STATUS_A_NOLABELS, "new TCP flows, seen while domain indicators exist, whose conntrack entry has no label area (conntrack created it before c2guard asked for labels): their first payload is not examined") \
	X(C2GUARD_STATUS_A_BEACON_CHANNELS, "beacon channels held") \
	X(C2GUARD_STATUS_A_BEACON_SOURCES, "inside hosts holding channels") \
	X(C2GUARD_STATUS_A_BEACON_EVENTS, "events recorded on channels") \
	X(C2GUARD_STATUS_A_BEACON_ALERTS, "beacon alerts raised") \
	X(C2GUARD_STATUS_A_BEACON_EVICTED, "channels evicted to make room") \
	X(C2GUARD_STATUS_A_BEACON_REFUSED, "events lost because no channel could be made (out of memory, or BEACON_MAX is 0)") \
	X(C2GUARD_STATUS_A_BEACON_EXPIRED, "channels freed after BEACON_SILENCE without an event") \
	X(C2GUARD_STATUS_A_BEACON_EXEMPT, "events not timed because their destination or port is allowlisted") \
	X(C2GUARD_STATUS_A_BEACON_MEM, "bytes held by beacon channels and their tables (approximate)") \
	X(C2GUARD_STATUS_A_BEACON_NOLABELS, "packets (originator to responder) of flows that have no conntrack label area (opened before beacon detection was on): not timed") \
	X(C2GUARD_STATUS_A_IND_PORTS, "address and port indicators in the table (not in IND_V4/IND_V6)") \
	X(C2GUARD_STATUS_A_FEEDS, "named feeds of the netns") \
	X(C2GUARD_STATUS_A_DNS_HOSTS, "inside hosts whose DNS behaviour is tracked") \
	X(C2GUARD_STATUS_A_DNS_NAMES, "names whose answers are tracked for fast-flux") \
	X(C2GUARD_STATUS_A_DNS_MEM, "bytes held by those hosts and names and their tables") \
	X(C2GUARD_STATUS_A_DNS_SCORED, "names asked that were given a DGA score") \
	X(C2GUARD_STATUS_A_DGA_ALERTS, "dga alerts raised") \
	X(C2GUARD_STATUS_A_NXDOMAIN_ALERTS, "nxdomain-burst alerts raised") \
	X(C2GUARD_STATUS_A_FLUX_ALERTS, "fast-flux alerts raised") \
	X(C2GUARD_STATUS_A_DNS_EVICTED, "hosts and names evicted to make room") \
	X(C2GUARD_STATUS_A_DNS_EXEMPT, "DNS messages not looked at by the behaviour detectors because the inside host or the name is allowlisted") \
	X(C2GUARD_STATUS_A_IND_ANSWERS, "answer-address indicators in the table (not in IND_V4/IND_V6)") \
	X(C2GUARD_STATUS_A_QUARANTINED, "inside hosts in quarantine now") \
	X(C2GUARD_STATUS_A_QUARANTINES, "hosts quarantined (by an action or by hand)") \
	X(C2GUARD_STATUS_A_QUARANTINE_DROPS, "packets of quarantined hosts dropped") \
	X(C2GUARD_STATUS_A_QUARANTINE_REFUSED, "quarantines refused: the inside host is an address of this gateway, or the table is full (C2GUARD_QUARANTINE_MAX)") \
	X(C2GUARD_STATUS_A_HOST_ALLOW, "host-allow destinations") \
	X(C2GUARD_STATUS_A_HOSTS, "inside hosts with evidence tracked (HOST_GET)") \
	X(C2GUARD_STATUS_A_HOSTS_MEM, "bytes the tracked hosts and their evidence take") \
	X(C2GUARD_STATUS_A_HOST_RISK_ALERTS, "host-risk alerts raised") \
	X(C2GUARD_STATUS_A_HOSTS_EVICTED, "tracked hosts forgotten to make room (CFG hosts-max)") \
	X(C2GUARD_STATUS_A_QUIC_INITIALS, "QUIC client Initial datagrams opened (decrypted)") \
	X(C2GUARD_STATUS_A_QUIC_UNOPENED, "datagrams that looked like a QUIC client Initial but did not open (a tag that did not authenticate, lengths or frames that do not add up)") \
	X(C2GUARD_STATUS_A_QUIC_SNI, "QUIC ClientHellos whose server name was read") \
	X(C2GUARD_STATUS_A_QUIC_NO_SNI, "complete QUIC ClientHellos without one") \
	X(C2GUARD_STATUS_A_QUIC_PARTIAL, "QUIC ClientHellos given up on before the server name: still cut after 4 datagrams or 4096 bytes, or broken") \
	X(C2GUARD_STATUS_A_QUIC_UNFOLLOWED, "QUIC ClientHellos cut by their first datagram that could not be followed into the next (no room: 32 at once per netns)") \
	X(C2GUARD_STATUS_A_IND_JA4, "JA4 fingerprint indicators in the table") \
	X(C2GUARD_STATUS_A_JA4_COMPUTED, "ClientHellos (TLS over TCP and QUIC) whose JA4 was computed to be looked up among JA4 indicators") \
	X(C2GUARD_STATUS_A_PROTO_MISMATCH_ALERTS, "proto-mismatch alerts raised") \
	X(C2GUARD_STATUS_A_IRC_ALERTS, "irc alerts raised") \
	X(C2GUARD_STATUS_A_IND_URLS, "URL indicators in the table") \
	X(C2GUARD_STATUS_A_IND_LPM_KEYS, "address and prefix indicators in the snapshots address lookups search in one step, whatever their prefix lengths (both families)") \
	X(C2GUARD_STATUS_A_IND_LPM_PENDING, "address and prefix indicators added or taken out since the snapshots were built (they are built again a second after the last change, at once after a feed's commit or a flush; keys added meanwhile are probed at their lengths); 0 when they are current") \
	X(C2GUARD_STATUS_A_IND_MAX, "most indicators the netns's table takes: the module parameter max_indicators, or when it is 0 (the default) one per 256 bytes of the machine's memory")

/*
 * X(entry, "spec-name", n) for every entry of an enum (n: its value) or
 * flags (n: its bit).
 */
#define C2G_SPEC_REQUEST_FLAGS_ENTRIES(X) \
	X(C2GUARD_F_REPLACE, "replace", 0) \
	X(C2GUARD_F_FORCE, "force", 1)

#define C2G_SPEC_ACTION_ENTRIES(X) \
	X(C2GUARD_ACT_NONE, "none", 0) \
	X(C2GUARD_ACT_ALERT, "alert", 1) \
	X(C2GUARD_ACT_DROP, "drop", 2) \
	X(C2GUARD_ACT_REJECT, "reject", 3) \
	X(C2GUARD_ACT_MARK, "mark", 4) \
	X(C2GUARD_ACT_ALLOW, "allow", 5) \
	X(C2GUARD_ACT_QUARANTINE, "quarantine", 6)

#define C2G_SPEC_FEATURES_ENTRIES(X) \
	X(C2GUARD_FEAT_IPV4, "ipv4", 0) \
	X(C2GUARD_FEAT_IPV6, "ipv6", 1) \
	X(C2GUARD_FEAT_TIMEOUT, "timeout", 2) \
	X(C2GUARD_FEAT_REJECT, "reject", 3) \
	X(C2GUARD_FEAT_MARK, "mark", 4) \
	X(C2GUARD_FEAT_DOMAIN, "domain", 5) \
	X(C2GUARD_FEAT_ALLOW, "allow", 6) \
	X(C2GUARD_FEAT_DNS_BIND, "dns-bind", 7) \
	X(C2GUARD_FEAT_BEACON, "beacon", 8) \
	X(C2GUARD_FEAT_DNS_BEHAVIOUR, "dns-behaviour", 9) \
	X(C2GUARD_FEAT_SINKHOLE, "sinkhole", 10) \
	X(C2GUARD_FEAT_QUARANTINE, "quarantine", 11) \
	X(C2GUARD_FEAT_PROCESS, "process", 12) \
	X(C2GUARD_FEAT_HOST_RISK, "host-risk", 13)

#define C2G_SPEC_HOST_EVIDENCE_ENTRIES(X) \
	X(C2GUARD_EV_NONE, "none", 0) \
	X(C2GUARD_EV_ALERT, "alert", 1) \
	X(C2GUARD_EV_BEACON_NEAR, "beacon-near", 2) \
	X(C2GUARD_EV_DYNDNS, "dyndns", 3)

#define C2G_SPEC_DIR_ENTRIES(X) \
	X(C2GUARD_DIR_NONE, "none", 0) \
	X(C2GUARD_DIR_TO_IND, "to-ind", 1) \
	X(C2GUARD_DIR_FROM_IND, "from-ind", 2)

#define C2G_SPEC_REASON_ENTRIES(X) \
	X(C2GUARD_REASON_NONE, "none", 0) \
	X(C2GUARD_REASON_IP, "ip", 1) \
	X(C2GUARD_REASON_DNS_QUERY, "dns-query", 2) \
	X(C2GUARD_REASON_DNS_ANSWER, "dns-answer", 3) \
	X(C2GUARD_REASON_TLS_SNI, "tls-sni", 4) \
	X(C2GUARD_REASON_HTTP_HOST, "http-host", 5) \
	X(C2GUARD_REASON_BEACON, "beacon", 6) \
	X(C2GUARD_REASON_DGA, "dga", 7) \
	X(C2GUARD_REASON_NXDOMAIN_BURST, "nxdomain-burst", 8) \
	X(C2GUARD_REASON_FAST_FLUX, "fast-flux", 9) \
	X(C2GUARD_REASON_SINKHOLE, "sinkhole", 10) \
	X(C2GUARD_REASON_HOST_RISK, "host-risk", 11) \
	X(C2GUARD_REASON_QUIC_SNI, "quic-sni", 12) \
	X(C2GUARD_REASON_JA4, "ja4", 13) \
	X(C2GUARD_REASON_PROTO_MISMATCH, "proto-mismatch", 14) \
	X(C2GUARD_REASON_IRC, "irc", 15) \
	X(C2GUARD_REASON_HTTP_URL, "http-url", 16)

/*
 * What a policy does with one attribute type (the kernel's struct
 * nla_policy as data); a type past the table or of type 0 is unknown.
 */
struct c2g_spec_rule {
	unsigned char type;		/* enum c2g_spec_type */
	unsigned char checks;		/* C2G_SPEC_HAS_* */
	unsigned short maxtype;		/* NEST: of .nested */
	const struct c2g_spec_rule *nested;
	unsigned long long min, max;	/* value; STR, BINARY: length */
	const char *reject;		/* REJECT: extack message, or NULL */
	const char *name;		/* the attribute's spec name */
};

#define C2G_SPEC_HAS_MIN	0x1
#define C2G_SPEC_HAS_MAX	0x2
#define C2G_SPEC_HAS_MASK	0x4	/* .max: the bits allowed */

/* enum c2guard_ind_attr, as requests carry it (ind-input) */
static const struct c2g_spec_rule c2g_spec_ind_input_policy[C2GUARD_IND_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_IND_A_FAMILY] = {
		.type = C2G_SPEC_U8, .name = "family"
	},
	[C2GUARD_IND_A_ADDR] = {
		.type = C2G_SPEC_BINARY,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX, .name = "addr",
		.min = 4, .max = 16
	},
	[C2GUARD_IND_A_PREFIXLEN] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX,
		.name = "prefixlen", .max = 128
	},
	[C2GUARD_IND_A_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX, .name = "action",
		.min = 1, .max = C2GUARD_ACT_QUARANTINE
	},
	[C2GUARD_IND_A_TAG] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX, .name = "tag",
		.max = C2GUARD_TAG_MAX - 1
	},
	[C2GUARD_IND_A_TIMEOUT] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "timeout", .max = C2GUARD_TIMEOUT_MAX
	},
	[C2GUARD_IND_A_HITS] = {
		.type = C2G_SPEC_REJECT, .name = "hits",
		.reject = "hits is reply-only"
	},
	[C2GUARD_IND_A_PAD] = {
		.type = C2G_SPEC_REJECT, .name = "pad"
	},
	[C2GUARD_IND_A_DOMAIN] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX,
		.name = "domain", .max = C2GUARD_NAME_MAX
	},
	[C2GUARD_IND_A_SUFFIX] = {
		.type = C2G_SPEC_FLAG, .name = "suffix"
	},
	[C2GUARD_IND_A_BOUND] = {
		.type = C2G_SPEC_REJECT, .name = "bound",
		.reject = "bound is reply-only"
	},
	[C2GUARD_IND_A_FEED] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX,
		.name = "feed", .max = C2GUARD_TAG_MAX - 1
	},
	[C2GUARD_IND_A_CLAIM] = {
		.type = C2G_SPEC_REJECT, .name = "claim",
		.reject = "claim is reply-only"
	},
	[C2GUARD_IND_A_PORT] = {
		.type = C2G_SPEC_U16, .checks = C2G_SPEC_HAS_MIN,
		.name = "port", .min = 1
	},
	[C2GUARD_IND_A_PROTO] = {
		.type = C2G_SPEC_U8, .name = "proto"
	},
	[C2GUARD_IND_A_ANSWER] = {
		.type = C2G_SPEC_FLAG, .name = "answer"
	},
	[C2GUARD_IND_A_JA4] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX, .name = "ja4",
		.max = C2GUARD_JA4_LEN
	},
	[C2GUARD_IND_A_URL] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX, .name = "url",
		.max = C2GUARD_URL_MAX
	},
};

/* enum c2guard_cfg_attr */
static const struct c2g_spec_rule c2g_spec_cfg_policy[C2GUARD_CFG_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_CFG_A_MARK_VALUE] = {
		.type = C2G_SPEC_U32, .name = "mark-value"
	},
	[C2GUARD_CFG_A_MARK_MASK] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MIN,
		.name = "mark-mask", .min = 1
	},
	[C2GUARD_CFG_A_ALERT_RATE] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "alert-rate", .max = 1000000
	},
	[C2GUARD_CFG_A_ALERT_BURST] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "alert-burst", .min = 1, .max = 1000000
	},
	[C2GUARD_CFG_A_DNS_PORT] = {
		.type = C2G_SPEC_U16, .checks = C2G_SPEC_HAS_MIN,
		.name = "dns-port", .min = 1
	},
	[C2GUARD_CFG_A_DNS_RCODE] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "dns-rcode", .min = 3, .max = 5
	},
	[C2GUARD_CFG_A_BIND_TTL_MIN] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "bind-ttl-min", .min = 1, .max = C2GUARD_TIMEOUT_MAX
	},
	[C2GUARD_CFG_A_BIND_TTL_MAX] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "bind-ttl-max", .min = 1, .max = C2GUARD_TIMEOUT_MAX
	},
	[C2GUARD_CFG_A_BIND_MAX] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "bind-max", .max = 1048576
	},
	[C2GUARD_CFG_A_BEACON] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX,
		.name = "beacon", .max = 1
	},
	[C2GUARD_CFG_A_BEACON_RETRY] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "beacon-retry", .min = 1, .max = 3600000
	},
	[C2GUARD_CFG_A_BEACON_IDLE] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "beacon-idle", .min = 1, .max = 3600000
	},
	[C2GUARD_CFG_A_BEACON_SILENCE] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "beacon-silence", .min = 2, .max = 2592000000
	},
	[C2GUARD_CFG_A_BEACON_HOLDDOWN] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "beacon-holddown", .max = 2592000000
	},
	[C2GUARD_CFG_A_BEACON_WINDOW] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "beacon-window", .min = 4, .max = 32
	},
	[C2GUARD_CFG_A_BEACON_MIN_GAPS] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "beacon-min-gaps", .min = 4, .max = 32
	},
	[C2GUARD_CFG_A_BEACON_THRESHOLD] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "beacon-threshold", .min = 1, .max = 100
	},
	[C2GUARD_CFG_A_BEACON_MAX] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "beacon-max", .max = C2GUARD_BEACON_MAX_LIMIT
	},
	[C2GUARD_CFG_A_BEACON_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "beacon-action", .min = 1, .max = 6
	},
	[C2GUARD_CFG_A_BEACON_ALLOW_PORTS] = {
		.type = C2G_SPEC_BINARY, .checks = C2G_SPEC_HAS_MAX,
		.name = "beacon-allow-ports", .max = 256
	},
	[C2GUARD_CFG_A_DGA] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX, .name = "dga",
		.max = 1
	},
	[C2GUARD_CFG_A_DGA_THRESHOLD] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "dga-threshold", .min = 1, .max = 100
	},
	[C2GUARD_CFG_A_DGA_NAMES] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "dga-names", .min = 2, .max = 16
	},
	[C2GUARD_CFG_A_DGA_WINDOW] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "dga-window", .min = 1, .max = 86400
	},
	[C2GUARD_CFG_A_DGA_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "dga-action", .min = 1, .max = 6
	},
	[C2GUARD_CFG_A_NXDOMAIN_BURST] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX,
		.name = "nxdomain-burst", .max = 1
	},
	[C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "nxdomain-burst-threshold", .min = 2, .max = 10000
	},
	[C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "nxdomain-burst-window", .min = 1, .max = 86400
	},
	[C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "nxdomain-burst-action", .min = 1, .max = 6
	},
	[C2GUARD_CFG_A_FAST_FLUX] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX,
		.name = "fast-flux", .max = 1
	},
	[C2GUARD_CFG_A_FAST_FLUX_THRESHOLD] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "fast-flux-threshold", .min = 2, .max = 32
	},
	[C2GUARD_CFG_A_FAST_FLUX_WINDOW] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "fast-flux-window", .min = 1, .max = 86400
	},
	[C2GUARD_CFG_A_FAST_FLUX_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "fast-flux-action", .min = 1, .max = 6
	},
	[C2GUARD_CFG_A_DNS_HOLDDOWN] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "dns-holddown", .max = 86400
	},
	[C2GUARD_CFG_A_DNS_HOSTS_MAX] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "dns-hosts-max", .max = 1048576
	},
	[C2GUARD_CFG_A_DNS_NAMES_MAX] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "dns-names-max", .max = 1048576
	},
	[C2GUARD_CFG_A_QUARANTINE_TIME] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "quarantine-time", .max = C2GUARD_TIMEOUT_MAX
	},
	[C2GUARD_CFG_A_HOST_THRESHOLD] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "host-threshold", .max = 10000
	},
	[C2GUARD_CFG_A_HOST_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "host-action", .min = 1, .max = 6
	},
	[C2GUARD_CFG_A_HOST_HALF_LIFE] = {
		.type = C2G_SPEC_U32,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "host-half-life", .min = 60, .max = 604800
	},
	[C2GUARD_CFG_A_HOSTS_MAX] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "hosts-max", .max = 1048576
	},
	[C2GUARD_CFG_A_PROTO_MISMATCH] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX,
		.name = "proto-mismatch", .max = 1
	},
	[C2GUARD_CFG_A_PROTO_MISMATCH_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "proto-mismatch-action", .min = 1, .max = 6
	},
	[C2GUARD_CFG_A_TLS_PORTS] = {
		.type = C2G_SPEC_BINARY, .checks = C2G_SPEC_HAS_MAX,
		.name = "tls-ports", .max = 32
	},
	[C2GUARD_CFG_A_HTTP_PORTS] = {
		.type = C2G_SPEC_BINARY, .checks = C2G_SPEC_HAS_MAX,
		.name = "http-ports", .max = 32
	},
	[C2GUARD_CFG_A_IRC] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX, .name = "irc",
		.max = 1
	},
	[C2GUARD_CFG_A_IRC_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX,
		.name = "irc-action", .min = 1, .max = 6
	},
	[C2GUARD_CFG_A_IRC_PORTS] = {
		.type = C2G_SPEC_BINARY, .checks = C2G_SPEC_HAS_MAX,
		.name = "irc-ports", .max = 32
	},
};

/* enum c2guard_feed_attr, as requests carry it (feed-input) */
static const struct c2g_spec_rule c2g_spec_feed_input_policy[C2GUARD_FEED_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_FEED_A_NAME] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX,
		.name = "name", .max = C2GUARD_TAG_MAX - 1
	},
	[C2GUARD_FEED_A_SOURCE] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX,
		.name = "source", .max = C2GUARD_SOURCE_MAX
	},
	[C2GUARD_FEED_A_FORMAT] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX,
		.name = "format", .max = C2GUARD_FORMAT_MAX
	},
	[C2GUARD_FEED_A_ACTION] = {
		.type = C2G_SPEC_U8,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX, .name = "action",
		.min = 1, .max = C2GUARD_ACT_QUARANTINE
	},
	[C2GUARD_FEED_A_TAG] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX, .name = "tag",
		.max = C2GUARD_TAG_MAX - 1
	},
	[C2GUARD_FEED_A_TIMEOUT] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "timeout", .max = C2GUARD_TIMEOUT_MAX
	},
	[C2GUARD_FEED_A_ERRORS] = {
		.type = C2G_SPEC_U32, .name = "errors"
	},
	[C2GUARD_FEED_A_UNSUPPORTED] = {
		.type = C2G_SPEC_U32, .name = "unsupported"
	},
	[C2GUARD_FEED_A_IND_V4] = {
		.type = C2G_SPEC_REJECT, .name = "ind-v4",
		.reject = "ind-v4 is reply-only"
	},
	[C2GUARD_FEED_A_IND_V6] = {
		.type = C2G_SPEC_REJECT, .name = "ind-v6",
		.reject = "ind-v6 is reply-only"
	},
	[C2GUARD_FEED_A_IND_NAMES] = {
		.type = C2G_SPEC_REJECT, .name = "ind-names",
		.reject = "ind-names is reply-only"
	},
	[C2GUARD_FEED_A_IND_SUFFIXES] = {
		.type = C2G_SPEC_REJECT, .name = "ind-suffixes",
		.reject = "ind-suffixes is reply-only"
	},
	[C2GUARD_FEED_A_IND_PORTS] = {
		.type = C2G_SPEC_REJECT, .name = "ind-ports",
		.reject = "ind-ports is reply-only"
	},
	[C2GUARD_FEED_A_LOADED] = {
		.type = C2G_SPEC_REJECT, .name = "loaded",
		.reject = "loaded is reply-only"
	},
	[C2GUARD_FEED_A_STAGING] = {
		.type = C2G_SPEC_REJECT, .name = "staging",
		.reject = "staging is reply-only"
	},
	[C2GUARD_FEED_A_PAD] = {
		.type = C2G_SPEC_REJECT, .name = "pad"
	},
	[C2GUARD_FEED_A_IND_ANSWERS] = {
		.type = C2G_SPEC_REJECT, .name = "ind-answers",
		.reject = "ind-answers is reply-only"
	},
	[C2GUARD_FEED_A_IND_JA4] = {
		.type = C2G_SPEC_REJECT, .name = "ind-ja4",
		.reject = "ind-ja4 is reply-only"
	},
	[C2GUARD_FEED_A_IND_URLS] = {
		.type = C2G_SPEC_REJECT, .name = "ind-urls",
		.reject = "ind-urls is reply-only"
	},
};

/* enum c2guard_host_attr, as requests carry it (host-input) */
static const struct c2g_spec_rule c2g_spec_host_input_policy[C2GUARD_HOST_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_HOST_A_FAMILY] = {
		.type = C2G_SPEC_U8, .name = "family"
	},
	[C2GUARD_HOST_A_ADDR] = {
		.type = C2G_SPEC_BINARY,
		.checks = C2G_SPEC_HAS_MIN | C2G_SPEC_HAS_MAX, .name = "addr",
		.min = 4, .max = 16
	},
	[C2GUARD_HOST_A_PREFIXLEN] = {
		.type = C2G_SPEC_U8, .checks = C2G_SPEC_HAS_MAX,
		.name = "prefixlen", .max = 128
	},
	[C2GUARD_HOST_A_TIMEOUT] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MAX,
		.name = "timeout", .max = C2GUARD_TIMEOUT_MAX
	},
	[C2GUARD_HOST_A_SINCE] = {
		.type = C2G_SPEC_REJECT, .name = "since",
		.reject = "since is reply-only"
	},
	[C2GUARD_HOST_A_REASON] = {
		.type = C2G_SPEC_REJECT, .name = "reason",
		.reject = "reason is reply-only"
	},
	[C2GUARD_HOST_A_TAG] = {
		.type = C2G_SPEC_REJECT, .name = "tag",
		.reject = "tag is reply-only"
	},
	[C2GUARD_HOST_A_NAME] = {
		.type = C2G_SPEC_REJECT, .name = "name",
		.reject = "name is reply-only"
	},
	[C2GUARD_HOST_A_ALERT_SEQ] = {
		.type = C2G_SPEC_REJECT, .name = "alert-seq",
		.reject = "alert-seq is reply-only"
	},
	[C2GUARD_HOST_A_DROPS] = {
		.type = C2G_SPEC_REJECT, .name = "drops",
		.reject = "drops is reply-only"
	},
	[C2GUARD_HOST_A_PAD] = {
		.type = C2G_SPEC_REJECT, .name = "pad"
	},
	[C2GUARD_HOST_A_FIRST] = {
		.type = C2G_SPEC_REJECT, .name = "first",
		.reject = "first is reply-only"
	},
	[C2GUARD_HOST_A_LAST] = {
		.type = C2G_SPEC_REJECT, .name = "last",
		.reject = "last is reply-only"
	},
	[C2GUARD_HOST_A_RISK] = {
		.type = C2G_SPEC_REJECT, .name = "risk",
		.reject = "risk is reply-only"
	},
	[C2GUARD_HOST_A_RISK_ALERTS] = {
		.type = C2G_SPEC_REJECT, .name = "risk-alerts",
		.reject = "risk-alerts is reply-only"
	},
	[C2GUARD_HOST_A_COUNT] = {
		.type = C2G_SPEC_REJECT, .name = "count",
		.reject = "count is reply-only"
	},
	[C2GUARD_HOST_A_EVIDENCE] = {
		.type = C2G_SPEC_REJECT, .name = "evidence",
		.reject = "evidence is reply-only"
	},
};

/* C2GUARD_CMD_IND_ADD */
static const struct c2g_spec_rule c2g_spec_ind_add_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_IND] = {
		.type = C2G_SPEC_NEST, .name = "ind",
		.nested = c2g_spec_ind_input_policy,
		.maxtype = C2GUARD_IND_A_MAX
	},
	[C2GUARD_A_FLAGS] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MASK,
		.name = "flags", .max = C2GUARD_F_REPLACE | C2GUARD_F_FORCE
	},
};

/* C2GUARD_CMD_IND_DEL */
static const struct c2g_spec_rule c2g_spec_ind_del_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_IND] = {
		.type = C2G_SPEC_NEST, .name = "ind",
		.nested = c2g_spec_ind_input_policy,
		.maxtype = C2GUARD_IND_A_MAX
	},
	[C2GUARD_A_FLAGS] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MASK,
		.name = "flags", .max = C2GUARD_F_REPLACE | C2GUARD_F_FORCE
	},
};

/* C2GUARD_CMD_IND_FLUSH */
static const struct c2g_spec_rule c2g_spec_ind_flush_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_TAG] = {
		.type = C2G_SPEC_STR, .checks = C2G_SPEC_HAS_MAX, .name = "tag",
		.max = C2GUARD_TAG_MAX - 1
	},
};

/* C2GUARD_CMD_CONFIG_SET */
static const struct c2g_spec_rule c2g_spec_config_set_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_CONFIG] = {
		.type = C2G_SPEC_NEST, .name = "config",
		.nested = c2g_spec_cfg_policy, .maxtype = C2GUARD_CFG_A_MAX
	},
};

/* C2GUARD_CMD_FEED_BEGIN */
static const struct c2g_spec_rule c2g_spec_feed_begin_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_FLAGS] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MASK,
		.name = "flags", .max = C2GUARD_F_REPLACE | C2GUARD_F_FORCE
	},
	[C2GUARD_A_FEED] = {
		.type = C2G_SPEC_NEST, .name = "feed",
		.nested = c2g_spec_feed_input_policy,
		.maxtype = C2GUARD_FEED_A_MAX
	},
};

/* C2GUARD_CMD_FEED_COMMIT */
static const struct c2g_spec_rule c2g_spec_feed_commit_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_FLAGS] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MASK,
		.name = "flags", .max = C2GUARD_F_REPLACE | C2GUARD_F_FORCE
	},
	[C2GUARD_A_FEED] = {
		.type = C2G_SPEC_NEST, .name = "feed",
		.nested = c2g_spec_feed_input_policy,
		.maxtype = C2GUARD_FEED_A_MAX
	},
};

/* C2GUARD_CMD_FEED_ABORT */
static const struct c2g_spec_rule c2g_spec_feed_abort_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_FLAGS] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MASK,
		.name = "flags", .max = C2GUARD_F_REPLACE | C2GUARD_F_FORCE
	},
	[C2GUARD_A_FEED] = {
		.type = C2G_SPEC_NEST, .name = "feed",
		.nested = c2g_spec_feed_input_policy,
		.maxtype = C2GUARD_FEED_A_MAX
	},
};

/* C2GUARD_CMD_FEED_DEL */
static const struct c2g_spec_rule c2g_spec_feed_del_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_FLAGS] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MASK,
		.name = "flags", .max = C2GUARD_F_REPLACE | C2GUARD_F_FORCE
	},
	[C2GUARD_A_FEED] = {
		.type = C2G_SPEC_NEST, .name = "feed",
		.nested = c2g_spec_feed_input_policy,
		.maxtype = C2GUARD_FEED_A_MAX
	},
};

/* C2GUARD_CMD_IND_TEST */
static const struct c2g_spec_rule c2g_spec_ind_test_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_IND] = {
		.type = C2G_SPEC_NEST, .name = "ind",
		.nested = c2g_spec_ind_input_policy,
		.maxtype = C2GUARD_IND_A_MAX
	},
	[C2GUARD_A_FLAGS] = {
		.type = C2G_SPEC_U32, .checks = C2G_SPEC_HAS_MASK,
		.name = "flags", .max = C2GUARD_F_REPLACE | C2GUARD_F_FORCE
	},
};

/* C2GUARD_CMD_QUARANTINE_ADD */
static const struct c2g_spec_rule c2g_spec_quarantine_add_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_HOST] = {
		.type = C2G_SPEC_NEST, .name = "host",
		.nested = c2g_spec_host_input_policy,
		.maxtype = C2GUARD_HOST_A_MAX
	},
};

/* C2GUARD_CMD_QUARANTINE_DEL */
static const struct c2g_spec_rule c2g_spec_quarantine_del_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_HOST] = {
		.type = C2G_SPEC_NEST, .name = "host",
		.nested = c2g_spec_host_input_policy,
		.maxtype = C2GUARD_HOST_A_MAX
	},
};

/* C2GUARD_CMD_HOST_ALLOW_ADD */
static const struct c2g_spec_rule c2g_spec_host_allow_add_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_HOST] = {
		.type = C2G_SPEC_NEST, .name = "host",
		.nested = c2g_spec_host_input_policy,
		.maxtype = C2GUARD_HOST_A_MAX
	},
};

/* C2GUARD_CMD_HOST_ALLOW_DEL */
static const struct c2g_spec_rule c2g_spec_host_allow_del_policy[C2GUARD_A_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_A_HOST] = {
		.type = C2G_SPEC_NEST, .name = "host",
		.nested = c2g_spec_host_input_policy,
		.maxtype = C2GUARD_HOST_A_MAX
	},
};

/* An operation: do, dump, and what its requests may carry. */
struct c2g_spec_op {
	const char *name;
	unsigned char flags;			/* C2G_SPEC_DO, ... */
	unsigned short maxtype;
	const struct c2g_spec_rule *policy;	/* NULL: no attributes */
};

#define C2G_SPEC_DO		0x1
#define C2G_SPEC_DUMP		0x2
#define C2G_SPEC_ADMIN_PERM	0x4
#define C2G_SPEC_UNS_ADMIN_PERM	0x8

static const struct c2g_spec_op c2g_spec_ops[C2GUARD_CMD_MAX + 1] __attribute__((__unused__)) = {
	[C2GUARD_CMD_STATUS_GET] = {
		.name = "status-get",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_IND_ADD] = {
		.name = "ind-add",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_ind_add_policy
	},
	[C2GUARD_CMD_IND_DEL] = {
		.name = "ind-del",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_ind_del_policy
	},
	[C2GUARD_CMD_IND_FLUSH] = {
		.name = "ind-flush",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_ind_flush_policy
	},
	[C2GUARD_CMD_IND_GET] = {
		.name = "ind-get",
		.flags = C2G_SPEC_DUMP | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_CONFIG_GET] = {
		.name = "config-get",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_CONFIG_SET] = {
		.name = "config-set",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_config_set_policy
	},
	[C2GUARD_CMD_ALERT] = {
		.name = "alert", .flags = 0
	},
	[C2GUARD_CMD_BEACON_GET] = {
		.name = "beacon-get",
		.flags = C2G_SPEC_DUMP | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_BEACON_FLUSH] = {
		.name = "beacon-flush",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_FEED_BEGIN] = {
		.name = "feed-begin",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_feed_begin_policy
	},
	[C2GUARD_CMD_FEED_COMMIT] = {
		.name = "feed-commit",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_feed_commit_policy
	},
	[C2GUARD_CMD_FEED_ABORT] = {
		.name = "feed-abort",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_feed_abort_policy
	},
	[C2GUARD_CMD_FEED_DEL] = {
		.name = "feed-del",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_feed_del_policy
	},
	[C2GUARD_CMD_FEED_GET] = {
		.name = "feed-get",
		.flags = C2G_SPEC_DUMP | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_IND_TEST] = {
		.name = "ind-test",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX, .policy = c2g_spec_ind_test_policy
	},
	[C2GUARD_CMD_QUARANTINE_ADD] = {
		.name = "quarantine-add",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX,
		.policy = c2g_spec_quarantine_add_policy
	},
	[C2GUARD_CMD_QUARANTINE_DEL] = {
		.name = "quarantine-del",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX,
		.policy = c2g_spec_quarantine_del_policy
	},
	[C2GUARD_CMD_QUARANTINE_GET] = {
		.name = "quarantine-get",
		.flags = C2G_SPEC_DUMP | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_HOST_ALLOW_ADD] = {
		.name = "host-allow-add",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX,
		.policy = c2g_spec_host_allow_add_policy
	},
	[C2GUARD_CMD_HOST_ALLOW_DEL] = {
		.name = "host-allow-del",
		.flags = C2G_SPEC_DO | C2G_SPEC_UNS_ADMIN_PERM,
		.maxtype = C2GUARD_A_MAX,
		.policy = c2g_spec_host_allow_del_policy
	},
	[C2GUARD_CMD_HOST_ALLOW_GET] = {
		.name = "host-allow-get",
		.flags = C2G_SPEC_DUMP | C2G_SPEC_UNS_ADMIN_PERM
	},
	[C2GUARD_CMD_HOST_GET] = {
		.name = "host-get",
		.flags = C2G_SPEC_DUMP | C2G_SPEC_UNS_ADMIN_PERM
	},
};

/* X(value) for every bound of a request check, smallest first. */
#define C2G_SPEC_BOUNDS(X) \
	X(1ULL) X(2ULL) X(3ULL) X(4ULL) X(5ULL) X(6ULL) X(15ULL) X(16ULL) \
	X(31ULL) X(32ULL) X(36ULL) X(60ULL) X(100ULL) X(128ULL) X(253ULL) \
	X(255ULL) X(256ULL) X(10000ULL) X(86400ULL) X(604800ULL) X(1000000ULL) \
	X(1048576ULL) X(3600000ULL) X(16777216ULL) X(31536000ULL) \
	X(2592000000ULL)

#endif /* _C2G_NL_SPEC_H */
