/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What c2ctl and the c2guard module tell each other, as plain structs:
 * indicators and their listings, feeds, beacons, hosts and their evidence,
 * alerts, status and settings.  ipc.c sends and receives them; attr.c
 * turns them into attributes and back; the command files read and print
 * them.  Nothing here does anything.
 */
#ifndef _C2CTL_RECORDS_H
#define _C2CTL_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/c2guard.h>

#include "feed.h"

/**
 * struct ipc_claim - one source's listing of an indicator
 * @feed: the feed listing it, "" for a manual entry
 * @tag: its tag
 * @action: enum c2guard_action
 * @timeout: seconds left, 0 when it does not expire
 */
struct ipc_claim {
	char feed[C2GUARD_TAG_MAX];
	char tag[C2GUARD_TAG_MAX];
	__u8 action;
	__u32 timeout;
};

/* Most listings of one indicator: the manual one and each feed's. */
#define IPC_CLAIMS_MAX	(C2GUARD_FEEDS_MAX + 1)

/**
 * struct ipc_ind - an indicator as the kernel reports it (dump, alert)
 * @spec: its identity, and the deciding listing's action, tag and timeout
 *	(time left)
 * @feed: the deciding listing's feed, "" for a manual entry
 * @hits: flows that matched it, if @has_hits
 * @has_hits: @hits came
 * @bound: for an address bound from a DNS answer the listed name whose
 *	answer bound it, else ""
 * @claims: every live listing of it (none from an older kernel)
 * @nclaims: how many
 */
struct ipc_ind {
	struct c2_ind_spec spec;
	char feed[C2GUARD_TAG_MAX];
	__u64 hits;
	bool has_hits;
	char bound[C2GUARD_NAME_MAX + 1];
	struct ipc_claim claims[IPC_CLAIMS_MAX];
	unsigned int nclaims;
};

/**
 * struct ipc_feed - a named feed (FEED_GET), or what FEED_BEGIN remembers
 * @name: its name
 * @source: where its list came from
 * @format: the format it was read in
 * @tag: the tag of its entries unless a line said otherwise
 * @action: their action, likewise
 * @timeout: seconds its list lives (FEED_BEGIN) or has left (0: for ever)
 * @errors: lines skipped as malformed at the last replace
 * @unsupported: records of types c2guard cannot match, left out
 * @count: entries of the live list by type (c2_spec_kind()): IPv4, IPv6,
 *	names, suffixes, addresses with a port, answer addresses, JA4
 *	fingerprints, URLs
 * @loaded: ns since the epoch of the last replace, 0 for never
 * @staging: entries staged so far, if @has_staging
 * @has_staging: a replacement is being staged
 */
struct ipc_feed {
	char name[C2GUARD_TAG_MAX];
	char source[C2GUARD_SOURCE_MAX + 1];
	char format[C2GUARD_FORMAT_MAX + 1];
	char tag[C2GUARD_TAG_MAX];
	__u8 action;
	__u32 timeout;
	__u32 errors, unsupported;
	__u32 count[C2_SPEC_KINDS];
	__u64 loaded;
	__u32 staging;
	bool has_staging;
};

/**
 * struct ipc_beacon - a beacon channel as the kernel reports it (dump,
 * alert)
 * @family: AF_INET or AF_INET6 (0 when absent)
 * @proto: its IP protocol, if @has_proto
 * @dport: its port, if @has_dport
 * @has_saddr: @saddr came
 * @has_daddr: @daddr came
 * @has_dport: @dport came
 * @has_proto: @proto came
 * @saddr: the inside host
 * @daddr: the destination of an address channel
 * @name: the destination of a name channel, else ""
 * @has: which statistics (enum c2guard_beacon_attr, SCORE..COUNT) came
 * @val: their values
 */
struct ipc_beacon {
	__u8 family, proto;
	__u16 dport;
	bool has_saddr, has_daddr, has_dport, has_proto;
	u8 saddr[16], daddr[16];
	char name[C2GUARD_NAME_MAX + 1];
	bool has[C2GUARD_BEACON_A_MAX + 1];
	__u64 val[C2GUARD_BEACON_A_MAX + 1];
};

/**
 * struct ipc_evidence - a piece of evidence about an inside host, or a
 * count of one kind (then only @kind, @reason and @count)
 * @kind: enum c2guard_host_evidence
 * @reason: an alert's enum c2guard_reason
 * @family: of @addr, if @has_addr
 * @proto: a beacon channel's protocol, with @port (0: none)
 * @value: a beacon's score, 0 for none
 * @weight: points it added to the risk
 * @count: times seen
 * @first: first seen, ns since the epoch
 * @last: last seen, likewise
 * @tag: the indicator's tag, or ""
 * @name: the name, or ""
 */
struct ipc_evidence {
	__u8 kind, reason, family, proto;
	__u16 port;
	bool has_addr;
	u8 addr[16];
	__u32 value, weight, count;
	__u64 first, last;
	char tag[C2GUARD_TAG_MAX];
	char name[C2GUARD_NAME_MAX + 1];
};

/* Counts a host reports: one per reason and two more kinds, with room. */
#define IPC_HOST_COUNTS	32

/**
 * struct ipc_track - what c2guard knows of an inside host (HOST_GET)
 * @first: its first evidence, ns since the epoch
 * @last: its last evidence
 * @risk: its risk now, points
 * @risk_alerts: host-risk alerts it raised
 * @counts: @ncounts counts by kind and reason
 * @ev: @nev pieces of evidence, oldest first
 */
struct ipc_track {
	__u64 first, last;
	__u32 risk, risk_alerts;
	unsigned int ncounts, nev;
	struct ipc_evidence counts[IPC_HOST_COUNTS];
	struct ipc_evidence ev[C2GUARD_HOST_EVIDENCE_MAX];
};

/**
 * struct ipc_host - a host in quarantine (QUARANTINE_GET), a host-allow
 * destination (HOST_ALLOW_GET), or the host of a request
 * @pfx: the address; a host-allow destination's prefix length
 * @timeout: QUARANTINE_ADD: seconds, if @has_timeout (else the netns's
 *	quarantine-time); dumps: seconds left, 0 until released
 * @has_timeout: @timeout was given
 * @since: when it entered quarantine, ns since the epoch
 * @alert_seq: the alert that quarantined it, 0 for none
 * @drops: its packets dropped since
 * @reason: enum c2guard_reason of that alert, NONE: by hand
 * @tag: that alert's indicator's tag, or ""
 * @name: that alert's name, or ""
 * @tracked: a host with evidence (HOST_GET, a host-risk alert): @track
 */
struct ipc_host {
	struct c2g_prefix pfx;
	__u32 timeout;
	bool has_timeout;
	__u64 since, alert_seq, drops;
	__u8 reason;
	char tag[C2GUARD_TAG_MAX];
	char name[C2GUARD_NAME_MAX + 1];
	bool tracked;
	struct ipc_track track;
};

/**
 * struct ipc_alert - an alert the module multicast
 * @seq: its sequence number
 * @time: when, in ns since the epoch, if @has_time
 * @netns: the network namespace's inode, if @has_netns
 * @iif: input interface, if @has_iif
 * @suppressed: alerts rate-limited before it, if @has_suppressed
 * @sport: source port, if @has_sport
 * @dport: destination port, if @has_dport
 * @family: C2G_AF_INET or C2G_AF_INET6
 * @proto: IP protocol
 * @dir: enum c2guard_dir, if @has_dir
 * @hook: netfilter hook, if @has_hook
 * @action: enum c2guard_action, if @has_action
 * @reason: enum c2guard_reason, if @has_reason
 * @has_time: @time came, and so on for the other has_ flags
 * @has_netns: see @has_time
 * @has_iif: see @has_time
 * @has_suppressed: see @has_time
 * @has_sport: see @has_time
 * @has_dport: see @has_time
 * @has_dir: see @has_time
 * @has_hook: see @has_time
 * @has_action: see @has_time
 * @has_reason: see @has_time
 * @has_ind: @ind came
 * @has_beacon: @beacon came
 * @has_dns: @dns came
 * @saddr: source address
 * @daddr: destination address
 * @ind: the indicator matched
 * @name: the name seen (DNS, TLS SNI, HTTP Host) or the name channel's,
 *	else ""
 * @beacon: the channel, for reason beacon
 * @wire: what the first payload of the flow gave away, for reasons
 *	proto-mismatch and irc
 */
/**
 * struct ipc_dnsev - the evidence of a DNS behaviour alert
 * @has: which counts (enum c2guard_dns_attr) came
 * @val: their values
 * @parents: the parent domains (C2GUARD_DNS_A_PARENT), @nparents of them
 */
struct ipc_dnsev {
	bool has[C2GUARD_DNS_A_MAX + 1];
	__u64 val[C2GUARD_DNS_A_MAX + 1];
	char parents[4][C2GUARD_NAME_MAX + 1];
	unsigned int nparents;
};

/**
 * struct ipc_proc - who sent a flow the gateway opened (alerts)
 * @pid: the sending process, if @has_pid (then @comm and @gid too)
 * @uid: the socket's owner, if @has_uid
 * @gid: the sending process's fsgid
 * @cgroup: the socket's cgroup v2 id, if @has_cgroup
 * @comm: the sending process's command name
 */
struct ipc_proc {
	__u32 pid, uid, gid;
	__u64 cgroup;
	bool has_pid, has_uid, has_cgroup;
	char comm[32];
};

/* Room for an IRC nick or channel (the module sends at most 32 and 64). */
#define IPC_IRC_MAX	256
/* Room for a protocol's name ("tls", "dns-response"). */
#define IPC_PROTO_MAX	32

/**
 * struct ipc_wire - what the first bytes of a flow gave away (alerts of
 * reasons proto-mismatch and irc); each string "" when absent
 * @expected: the protocol of the server port: "tls", "http" or "dns"
 * @seen: what the first client payload is ("unknown", "ssh", "irc"...)
 * @nick: an IRC registration's nick
 * @channel: the channel of its first JOIN
 * @irc_port: the server port is one of the IRC ports
 */
struct ipc_wire {
	char expected[IPC_PROTO_MAX];
	char seen[IPC_PROTO_MAX];
	char nick[IPC_IRC_MAX];
	char channel[IPC_IRC_MAX];
	bool irc_port;
};

struct ipc_alert {
	__u64 seq, time;
	__u32 netns, iif, suppressed;
	__u16 sport, dport;
	__u8 family, proto, dir, hook, action, reason;
	bool has_time, has_netns, has_iif, has_suppressed;
	bool has_sport, has_dport, has_dir, has_hook, has_action, has_reason;
	bool has_ind, has_beacon, has_dns;
	u8 saddr[16], daddr[16];
	struct ipc_ind ind;
	char name[C2GUARD_NAME_MAX + 1];
	struct ipc_beacon beacon;
	struct ipc_dnsev dns;
	struct ipc_proc proc;
	bool has_host;
	struct ipc_host host;
	char ja4[40];		/* the ClientHello's JA4, or "" */
	char ja3[40];		/* its JA3, or "" */
	/* (http-url) what the request asked for, "HOST/PATH?QUERY", or "" */
	char url[C2GUARD_URL_MAX + 1];
	struct ipc_wire wire;
};

/**
 * struct ipc_status - the module's status
 * @has: which attributes (enum c2guard_status_attr) came
 * @val: the numbers among them
 * @version: C2GUARD_STATUS_A_VERSION
 */
struct ipc_status {
	bool has[C2GUARD_STATUS_A_MAX + 1];
	__u64 val[C2GUARD_STATUS_A_MAX + 1];
	char version[64];
};

/**
 * struct ipc_ports - a list of TCP ports (CFG TLS_PORTS, HTTP_PORTS,
 * IRC_PORTS)
 * @port: the ports, in their order
 * @n: how many
 */
struct ipc_ports {
	__u16 port[C2GUARD_WIRE_PORTS_MAX];
	unsigned int n;
};

/* The TCP port lists of struct ipc_config (ipc_wire_ports()). */
enum { IPC_PORTS_TLS, IPC_PORTS_HTTP, IPC_PORTS_IRC, IPC_PORTS_LISTS };

/**
 * struct ipc_config - settings, as read or to be set
 * @has: which settings (enum c2guard_cfg_attr) came, or are to be set
 * @val: their values, but for the port lists
 * @ports: BEACON_ALLOW_PORTS, (protocol << 16) | port each
 * @n_ports: how many
 * @wire: TLS_PORTS, HTTP_PORTS and IRC_PORTS (IPC_PORTS_*)
 */
struct ipc_config {
	bool has[C2GUARD_CFG_A_MAX + 1];
	__u64 val[C2GUARD_CFG_A_MAX + 1];
	__u32 ports[C2GUARD_BEACON_ALLOW_PORTS_MAX];
	unsigned int n_ports;
	struct ipc_ports wire[IPC_PORTS_LISTS];
};

/* The IPC_PORTS_* list setting @attr is, or -1 if it is none of them. */
static inline int ipc_wire_ports(unsigned int attr)
{
	switch (attr) {
	case C2GUARD_CFG_A_TLS_PORTS:
		return IPC_PORTS_TLS;
	case C2GUARD_CFG_A_HTTP_PORTS:
		return IPC_PORTS_HTTP;
	case C2GUARD_CFG_A_IRC_PORTS:
		return IPC_PORTS_IRC;
	}
	return -1;
}

#endif /* _C2CTL_RECORDS_H */
