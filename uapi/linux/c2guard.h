/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/* Do not edit: generated from uapi/c2guard.yaml by tools/nlgen.py. */
/*
 * c2guard: catch malware command-and-control callbacks in netfilter.
 *
 * This header is the one contract between the c2guard kernel module and
 * any userspace client (c2ctl, or anything else speaking generic netlink).
 * It is generated from uapi/c2guard.yaml, the same contract in the
 * kernel's netlink spec format (Documentation/netlink/specs/).
 *
 * Transport
 * ---------
 * Generic netlink family C2GUARD_GENL_NAME, version C2GUARD_GENL_VERSION.
 * The family is network-namespace aware: every command acts on the state of
 * the netns of the socket it was sent on, and alerts are multicast only to
 * listeners in the netns where the flow was seen.
 *
 * Every command requires CAP_NET_ADMIN in the user namespace owning the
 * socket's netns; joining the alerts group requires the same.  Unprivileged
 * callers get -EPERM.
 *
 * Attribute layout
 * ----------------
 * Top-level attributes are enum c2guard_attr.  Objects are nested:
 *   C2GUARD_A_IND     -> enum c2guard_ind_attr      (one indicator)
 *   C2GUARD_A_STATUS  -> enum c2guard_status_attr   (module status)
 *   C2GUARD_A_CONFIG  -> enum c2guard_cfg_attr      (per-netns settings)
 *   C2GUARD_A_ALERT   -> enum c2guard_alert_attr    (one alert)
 * Policies are strict: unknown attributes, wrong types or lengths,
 * out-of-range values and unknown flag bits are rejected with -EINVAL (or
 * -ERANGE) and an extended ACK message naming the offending attribute.
 * Attributes marked "reply only" are rejected when sent by userspace.
 * All integers are host byte order; addresses are network byte order.
 *
 * Beacon detection
 * ----------------
 * When C2GUARD_CFG_A_BEACON is on, the module times the callbacks of every
 * inside host.  A channel is (inside host, destination address,
 * destination port, protocol) and, when the flow's name is known (TLS
 * server name, HTTP Host, or an address bound from a listed name's DNS
 * answer), also (inside host, name).  An event on a channel is every new
 * conntrack flow from the inside host, dated at its first packet, whoever
 * speaks and whether anyone does; a TCP flow counts once answered (a
 * reply seen, then payload either way or a FIN, or the client's reset), so
 * SYNs nobody answers and connections refused with a reset are none.  A
 * flow idle (no packet either way) for C2GUARD_CFG_A_BEACON_IDLE that
 * wakes with payload in either direction (but the server's answer to the
 * client's last payload) is another: so both a new
 * connection per callback and a long-lived flow polled in bursts (one UDP
 * source port reused, a kept-alive TCP session) are timed.  Events less
 * than BEACON_RETRY after the previous one are retries, a silence of
 * BEACON_SILENCE restarts the channel.  The last BEACON_WINDOW gaps and
 * event sizes (the flow's first payload, whichever side sent it, or the
 * waking packet's; 0 when nothing was said) are scored
 * 0..100 from their median, MAD, quartiles and coefficient of variation
 * (README: "Beacon score"); a score of at least BEACON_THRESHOLD after
 * BEACON_MIN_GAPS gaps alerts, and from then on BEACON_ACTION (as set at
 * the time: DROP, REJECT, MARK) is applied to the new flows of the channel
 * until it is forgotten; with DROP or REJECT the flow that alerted is cut
 * too.
 * Channels are bounded by BEACON_MAX per netns; when full, the oldest
 * idle channel of the inside host holding the most channels is evicted,
 * so a host opening flows to many destinations evicts its own history,
 * not other hosts'.  Channels idle for BEACON_SILENCE are freed.
 * Destinations and inside hosts allowlisted in the indicator table
 * (C2GUARD_ACT_ALLOW addresses and names) and the destination ports in
 * BEACON_ALLOW_PORTS are not timed; adding such an entry forgets the
 * channels it covers.
 *
 * Domain names
 * ------------
 * A name is text: labels of letters, digits, '-' and '_', 1 to 63 bytes
 * each, joined by '.', at most C2GUARD_NAME_MAX bytes; the module folds
 * upper case to lower case and drops one trailing dot.  Internationalised
 * names are given in their ASCII (punycode, "xn--") form.  A name seen on
 * the wire is brought into the same form (bytes other than printable ASCII,
 * and '.' inside a label, become '?', which no indicator contains) and
 * matched against exact names and against every suffix that starts at a
 * label boundary: a SUFFIX indicator for "evil.example" matches
 * "evil.example" and "a.b.evil.example", never "notevil.example".  Where
 * names are looked for: DNS queries and answers (UDP and TCP, destination
 * port C2GUARD_CFG_A_DNS_PORT), the server name of a TLS ClientHello and the
 * Host of an HTTP/1.x request (first payload of a TCP flow, any port).
 *
 * Allowlist
 * ---------
 * An indicator with action C2GUARD_ACT_ALLOW is an allowlist entry: a flow,
 * query or answer that it matches is left alone even if another indicator
 * matches too, whichever of the two is more specific.  An allowlisted
 * address exempts flows it is either end of, except that the resolver of a
 * DNS query or answer is not taken into account (only the client is): a
 * listed name asked of an allowlisted resolver is still caught.  It takes
 * effect for the next packet.
 *
 * Sources and feeds
 * -----------------
 * Every key (address, prefix, address and port, name, suffix) may be
 * listed by several sources: the manual entries (IND_ADD without
 * IND_A_FEED) and each named feed.  Each source owns its listing: IND_DEL
 * removes the manual one only, and replacing or deleting a feed never
 * changes another source's.  Of a key's listings an ALLOW one decides,
 * else the strongest action: REJECT, then DROP, MARK, ALERT.  A feed is
 * replaced as a whole: FEED_BEGIN, IND_ADD with IND_A_FEED from the same
 * socket, FEED_COMMIT, which swaps the old list for the new one in one step
 * (FEED_COMMIT).  Dumps and alerts carry every listing of a key
 * (IND_A_CLAIM).
 *
 * Addresses bound from DNS answers
 * --------------------------------
 * When a DNS answer crossing the gateway resolves a listed name (the name
 * asked, or any name of the CNAME chain inside the answer), every A/AAAA
 * address of that chain becomes a temporary address indicator with the
 * name's action and tag: the connection that follows is caught even without
 * a name in it.  Its lifetime is the record's TTL, raised to
 * C2GUARD_CFG_A_BIND_TTL_MIN and capped at C2GUARD_CFG_A_BIND_TTL_MAX; at
 * most C2GUARD_CFG_A_BIND_MAX such addresses exist per netns (more are
 * refused and counted).  An address indicator added by userspace is never
 * overwritten by a binding and, where both match, decides.
 *
 * Commands
 * --------
 * C2GUARD_CMD_STATUS_GET (do)
 *	Request: no attributes.
 *	Reply: C2GUARD_A_STATUS.
 *
 * C2GUARD_CMD_IND_ADD (do)
 *	Request: C2GUARD_A_IND naming the indicator either by address, with
 *	FAMILY, ADDR and PREFIXLEN (optional, defaults to the full address
 *	length; address bits past PREFIXLEN must be zero), or by name, with
 *	DOMAIN and the SUFFIX flag (absent: the exact name only; present: the
 *	name and every name below it, on label boundaries).  Never both.
 *	Further: ACTION (optional, default ALERT), TAG (optional, default
 *	""), TIMEOUT (optional, seconds, 0 = never expires).
 *	An existing indicator with the same identity makes the command fail
 *	with -EEXIST unless C2GUARD_A_FLAGS carries C2GUARD_F_REPLACE, in
 *	which case its action, tag and timeout are replaced and its hit
 *	counter kept.  (The generic netlink core rejects NLM_F_REPLACE and
 *	the other request-modifier bits for strictly validated families,
 *	hence the attribute.)  Addresses bound from DNS answers (see below)
 *	live apart and are neither replaced nor counted here.
 *	Several add requests may be sent back to back in one datagram; each
 *	is acked (or answered with an error) separately, so a client can send
 *	large feeds in batches and still attribute every error to its line.
 *
 * C2GUARD_CMD_IND_DEL (do)
 *	Request: C2GUARD_A_IND with the identity as for IND_ADD (FAMILY,
 *	ADDR, PREFIXLEN or DOMAIN, SUFFIX).  Other indicator attributes are
 *	ignored.  -ENOENT if absent.  An exact address that is not listed
 *	but bound from a DNS answer loses its binding.
 *
 * C2GUARD_CMD_IND_FLUSH (do)
 *	Request: optional C2GUARD_A_TAG; without it every indicator of the
 *	netns is removed, with it only those carrying that tag.  Addresses
 *	bound from DNS answers go too (they carry their name's tag).
 *
 * C2GUARD_CMD_IND_GET (dump)
 *	Request: NLM_F_DUMP, no attributes.
 *	Reply: one message per indicator, each with C2GUARD_A_IND carrying
 *	its identity (FAMILY, ADDR, PREFIXLEN, or DOMAIN and SUFFIX), ACTION,
 *	TAG, TIMEOUT (remaining seconds, 0 when the indicator does not
 *	expire), HITS, and BOUND for addresses bound from DNS answers.  A
 *	dump spans many messages; if the table changed while it ran, the
 *	messages after the change carry NLM_F_DUMP_INTR and the client should
 *	restart the dump.  Bound addresses come last; they change with DNS
 *	traffic, and their part of a dump is a live view that does not set
 *	NLM_F_DUMP_INTR.
 *
 * C2GUARD_CMD_CONFIG_GET (do)
 *	Request: no attributes.  Reply: C2GUARD_A_CONFIG with every setting.
 *
 * C2GUARD_CMD_CONFIG_SET (do)
 *	Request: C2GUARD_A_CONFIG with the settings to change; settings not
 *	present are left alone.  The change applies to new flows.
 *
 * C2GUARD_CMD_ALERT (notification, group C2GUARD_MCGRP_ALERTS)
 *	C2GUARD_A_ALERT describing one flow that matched.  Sent once per
 *	conntrack flow and indicator, never per packet (a DNS flow that
 *	carries several listed queries alerts once per name).  Alerts are
 *	rate limited per netns (C2GUARD_CFG_A_ALERT_RATE/BURST); the number
 *	of alerts suppressed since the previous delivered alert is carried in
 *	C2GUARD_ALERT_A_SUPPRESSED.
 *	C2GUARD_ALERT_A_SEQ increases by one for every alert the module
 *	emits in a netns, so a listener that sees a gap knows it lost alerts
 *	(e.g. its socket buffer overflowed).
 *	A beacon alert (REASON_BEACON) carries C2GUARD_ALERT_A_BEACON, the
 *	channel and its statistics, and no IND; it is sent at most once per
 *	channel per C2GUARD_CFG_A_BEACON_HOLDDOWN.
 *
 * C2GUARD_CMD_BEACON_GET (dump)
 *	Request: NLM_F_DUMP, no attributes.
 *	Reply: one message per beacon channel, each with C2GUARD_A_BEACON
 *	(enum c2guard_beacon_attr).  Channels change with traffic: the dump is
 *	a live view (a channel created or evicted while it runs may be missed)
 *	and does not set NLM_F_DUMP_INTR.  Clients sort by SCORE.
 *
 * C2GUARD_CMD_BEACON_FLUSH (do)
 *	Request: no attributes.  Forgets every beacon channel of the netns
 *	(their history starts again with the next event).
 *
 * C2GUARD_CMD_FEED_BEGIN (do)
 *	Request: C2GUARD_A_FEED with NAME (the feed is created if new, at
 *	most C2GUARD_FEEDS_MAX per netns) and what to remember of the new
 *	list: SOURCE, FORMAT, ACTION, TAG, TIMEOUT.
 *	Starts staging a new list for the feed, owned by the sending
 *	socket: IND_ADD requests from that socket naming the feed (IND_A_FEED)
 *	add to it; nothing changes for packets until FEED_COMMIT.  -EBUSY
 *	if another socket is staging the feed; a staging of the same socket
 *	starts over.  Closing the socket abandons its stagings.
 *
 * C2GUARD_CMD_FEED_COMMIT (do)
 *	Request: C2GUARD_A_FEED with NAME, and ERRORS and UNSUPPORTED to
 *	remember; C2GUARD_A_FLAGS may carry C2GUARD_F_FORCE.
 *	Makes the staged list the feed's, atomically: from one packet to
 *	the next, every key it lists matches with its new action and every
 *	key only the old list had stops matching; a key both list matches
 *	throughout.  Another source's listing of a key is never changed.
 *	A list that would leave fewer than half of the feed's entries (with
 *	at least 16 before) is refused with -E2BIG unless FORCE is given (a
 *	truncated download); the staging is abandoned either way.
 *
 * C2GUARD_CMD_FEED_ABORT (do)
 *	Request: C2GUARD_A_FEED with NAME.  Abandons the staging of the
 *	sending socket; a feed that never had a list goes away.
 *
 * C2GUARD_CMD_FEED_DEL (do)
 *	Request: C2GUARD_A_FEED with NAME.  Deletes the feed and its
 *	listings, at once (a staging in progress is abandoned); -ENOENT if
 *	there is no such feed.
 *
 * C2GUARD_CMD_FEED_GET (dump)
 *	Request: NLM_F_DUMP, no attributes.
 *	Reply: one message per feed with C2GUARD_A_FEED: NAME, SOURCE,
 *	FORMAT, ACTION, TAG, TIMEOUT (seconds left), ERRORS, UNSUPPORTED,
 *	IND_V4, IND_V6, IND_NAMES, IND_SUFFIXES, LOADED (absent before the
 *	first commit), STAGING.
 *
 * C2GUARD_CMD_IND_TEST (do)
 *	Request: C2GUARD_A_IND with an exact address (FAMILY, ADDR; PORT and
 *	PROTO to ask about a flow to that port) or a name (DOMAIN).
 *	Reply: C2GUARD_A_IND, the entry that decides about a new flow to that
 *	address (or a DNS query, TLS server name or HTTP host naming that
 *	name), as the packet path finds it: an allowlisting entry covering
 *	it, else the port entry, the longest prefix or the longest suffix,
 *	else an address bound from a DNS answer; with every listing of it
 *	(CLAIM).  -ENOENT when nothing matches.
 *
 * C2GUARD_CMD_QUARANTINE_ADD (do)
 *	Request: C2GUARD_A_HOST with FAMILY, ADDR (one address, no
 *	PREFIXLEN) and TIMEOUT (optional).  Quarantines that inside host at
 *	once, as C2GUARD_ACT_QUARANTINE does: its conntrack flows are ended
 *	(but those with a host-allow destination), every later packet from
 *	or to it is dropped (TCP answered with a RST) but to and from the
 *	host-allow destinations.  A host in quarantine already gets the new
 *	time.  -EINVAL for an address of this gateway, an unspecified,
 *	loopback, multicast or broadcast one; -ENOSPC past
 *	C2GUARD_QUARANTINE_MAX.  Indicator changes (a feed replace, a flush)
 *	leave quarantines alone.
 *
 * C2GUARD_CMD_QUARANTINE_DEL (do)
 *	Request: C2GUARD_A_HOST with FAMILY, ADDR.  Releases the host: its
 *	new flows pass again.  -ENOENT if it is not in quarantine.
 *
 * C2GUARD_CMD_QUARANTINE_GET (dump)
 *	Request: NLM_F_DUMP, no attributes.
 *	Reply: one message per host in quarantine, with C2GUARD_A_HOST:
 *	FAMILY, ADDR, TIMEOUT (seconds left, 0 until released), SINCE,
 *	REASON, TAG and NAME (when the alert had them), ALERT_SEQ, DROPS.  A
 *	live view, like BEACON_GET.
 *
 * C2GUARD_CMD_HOST_ALLOW_ADD (do)
 *	Request: C2GUARD_A_HOST with FAMILY, ADDR and PREFIXLEN (optional,
 *	default the full length): a destination quarantined hosts may still
 *	reach (a remediation server, the admin's jump host), both ways.
 *	-EEXIST if listed, -ENOSPC past C2GUARD_HOST_ALLOW_MAX.
 *
 * C2GUARD_CMD_HOST_ALLOW_DEL (do)
 *	Request: C2GUARD_A_HOST with FAMILY, ADDR, PREFIXLEN as added.
 *	-ENOENT if not listed.
 *
 * C2GUARD_CMD_HOST_ALLOW_GET (dump)
 *	Request: NLM_F_DUMP, no attributes.
 *	Reply: one message per host-allow destination, with C2GUARD_A_HOST:
 *	FAMILY, ADDR, PREFIXLEN.
 *
 * C2GUARD_CMD_HOST_GET (dump)
 *	Request: NLM_F_DUMP, no attributes.
 *	Reply: one message per inside host with evidence, with
 *	C2GUARD_A_HOST: FAMILY, ADDR, FIRST, LAST, RISK, RISK_ALERTS, COUNT
 *	entries and EVIDENCE entries.  A live view, like BEACON_GET; whether
 *	a host is in quarantine is QUARANTINE_GET's.
 */
#ifndef _UAPI_LINUX_C2GUARD_H
#define _UAPI_LINUX_C2GUARD_H

#include <linux/types.h>

#define C2GUARD_GENL_NAME	"c2guard"
#define C2GUARD_GENL_VERSION	1
#define C2GUARD_MCGRP_ALERTS	"alerts"

/* Longest tag (feed name), including the terminating NUL. */
#define C2GUARD_TAG_MAX		32
/* Longest domain name, in bytes, without the terminating NUL. */
#define C2GUARD_NAME_MAX	253
/* Longest indicator lifetime accepted, in seconds (one year). */
#define C2GUARD_TIMEOUT_MAX	31536000U
#define C2GUARD_FEEDS_MAX	64U		/* Most named feeds per network namespace. */
/*
 * Length of a JA4 fingerprint in its hashed form (a_b_c: 10 + 1 + 12 + 1 + 12
 * characters), without the NUL.
 */
#define C2GUARD_JA4_LEN		36
/* Most ports in CFG TLS_PORTS, HTTP_PORTS and IRC_PORTS each. */
#define C2GUARD_WIRE_PORTS_MAX	16U
/*
 * Longest URL indicator ("HOST/PATH" or "HOST/PATH?QUERY"), in bytes, without
 * the NUL.
 */
#define C2GUARD_URL_MAX		255
/* Longest feed source text (a path or URL), in bytes, without the NUL. */
#define C2GUARD_SOURCE_MAX	255
/* Longest feed format name, in bytes, without the NUL. */
#define C2GUARD_FORMAT_MAX	15
/* Most hosts in quarantine at once per network namespace. */
#define C2GUARD_QUARANTINE_MAX	65536U
/* Most host-allow destinations per network namespace. */
#define C2GUARD_HOST_ALLOW_MAX	256U

/* Flags in C2GUARD_A_FLAGS. */
#define C2GUARD_F_REPLACE	0x1U	/* IND_ADD: update an existing one */
/*
 * "FEED_COMMIT: commit even when the new list drops more than half of the
 * feed's entries (see FEED_COMMIT)"
 */
#define C2GUARD_F_FORCE		0x2U

/**
 * enum c2guard_action - what happens to a flow that matches
 * @C2GUARD_ACT_ALERT: let it pass, send an alert
 * @C2GUARD_ACT_DROP: drop its packets silently, send an alert
 * @C2GUARD_ACT_REJECT: drop it and answer the sender with a TCP RST (TCP) or
 *	an ICMP/ICMPv6 administratively-prohibited unreachable (other
 *	protocols), send an alert
 * @C2GUARD_ACT_MARK: let it pass, set the conntrack mark bits
 *	C2GUARD_CFG_A_MARK_MASK to C2GUARD_CFG_A_MARK_VALUE so the firewall
 *	ruleset can act on it (nft: "ct mark and MASK == VALUE"), send an
 *	alert
 * @C2GUARD_ACT_ALLOW: an allowlist entry: whatever it matches is never acted
 *	on nor alerted, even when an indicator matches as well
 * @C2GUARD_ACT_QUARANTINE: like REJECT for the flow, and the flow's inside
 *	host (its originator; the responder of a flow a listed address opened)
 *	is quarantined: its flows are ended, its packets dropped (TCP answered
 *	with a RST) in both directions but to and from the host-allow
 *	destinations, for CFG quarantine-time; never a gateway address (the
 *	flow is rejected, the host left alone)
 *
 * For a DNS query over UDP, REJECT answers the client in the server's name
 * with the rcode C2GUARD_CFG_A_DNS_RCODE instead of an ICMP error.  A name
 * found in the first payload of an established TCP flow (TLS, HTTP) under
 * DROP or REJECT has every later packet of that flow dropped; REJECT also
 * resets the client.
 */
enum c2guard_action {
	C2GUARD_ACT_NONE,
	C2GUARD_ACT_ALERT,
	C2GUARD_ACT_DROP,
	C2GUARD_ACT_REJECT,
	C2GUARD_ACT_MARK,
	C2GUARD_ACT_ALLOW,
	C2GUARD_ACT_QUARANTINE,
	__C2GUARD_ACT_MAX
};

#define C2GUARD_ACT_MAX (__C2GUARD_ACT_MAX - 1)

/* Feature bits in C2GUARD_STATUS_A_FEATURES. */
#define C2GUARD_FEAT_IPV4		0x1ULL		/* IPv4 address/CIDR indicators */
#define C2GUARD_FEAT_IPV6		0x2ULL		/* IPv6 address/CIDR indicators */
#define C2GUARD_FEAT_TIMEOUT		0x4ULL		/* indicator lifetimes */
#define C2GUARD_FEAT_REJECT		0x8ULL		/* C2GUARD_ACT_REJECT */
#define C2GUARD_FEAT_MARK		0x10ULL		/* C2GUARD_ACT_MARK */
#define C2GUARD_FEAT_DOMAIN		0x20ULL		/* domain indicators, DNS/TLS/HTTP */
#define C2GUARD_FEAT_ALLOW		0x40ULL		/* C2GUARD_ACT_ALLOW */
#define C2GUARD_FEAT_DNS_BIND		0x80ULL		/* addresses bound from answers */
#define C2GUARD_FEAT_BEACON		0x100ULL	/* beacon detection */
/* dga, nxdomain-burst and fast-flux detection */
#define C2GUARD_FEAT_DNS_BEHAVIOUR	0x200ULL
/* answer-address indicators (C2GUARD_IND_A_ANSWER) */
#define C2GUARD_FEAT_SINKHOLE		0x400ULL
/* C2GUARD_ACT_QUARANTINE, the quarantine and host-allow commands */
#define C2GUARD_FEAT_QUARANTINE		0x800ULL
/*
 * alerts of the gateway's own flows name the sending process
 * (C2GUARD_ALERT_A_PID, COMM, UID, GID, CGROUP)
 */
#define C2GUARD_FEAT_PROCESS		0x1000ULL
/*
 * per-host evidence and risk (HOST_GET, CFG host-threshold, host-action,
 * host-half-life, hosts-max, reason host-risk)
 */
#define C2GUARD_FEAT_HOST_RISK		0x2000ULL

/* Defaults of the per-netns configuration. */
#define C2GUARD_DEFAULT_MARK_VALUE			0x00c20000U
#define C2GUARD_DEFAULT_MARK_MASK			0x00ff0000U
#define C2GUARD_DEFAULT_ALERT_RATE			100U		/* alerts per second */
#define C2GUARD_DEFAULT_ALERT_BURST			200U
#define C2GUARD_DEFAULT_DNS_PORT			53U
#define C2GUARD_DEFAULT_DNS_RCODE			3U		/* NXDOMAIN */
#define C2GUARD_DEFAULT_BIND_TTL_MIN			60U		/* seconds */
#define C2GUARD_DEFAULT_BIND_TTL_MAX			3600U		/* seconds */
#define C2GUARD_DEFAULT_BIND_MAX			65536U
#define C2GUARD_DEFAULT_BEACON_RETRY			2000U		/* ms */
#define C2GUARD_DEFAULT_BEACON_IDLE			2000U		/* ms */
#define C2GUARD_DEFAULT_BEACON_SILENCE			21600000U	/* ms, 6 h */
#define C2GUARD_DEFAULT_BEACON_HOLDDOWN			3600000U	/* ms, 1 h */
#define C2GUARD_DEFAULT_BEACON_WINDOW			32U
#define C2GUARD_DEFAULT_BEACON_MIN_GAPS			8U
#define C2GUARD_DEFAULT_BEACON_THRESHOLD		70U
/*
 * Most channels BEACON_MAX accepts; BEACON_MAX defaults to 1/128 of RAM worth
 * of channels, 4096..1048576.
 */
#define C2GUARD_BEACON_MAX_LIMIT			16777216U
/* Longest BEACON_ALLOW_PORTS, in entries. */
#define C2GUARD_BEACON_ALLOW_PORTS_MAX			64U
/*
 * Default score at which a name is high-scoring (the DGA model's own
 * threshold).
 */
#define C2GUARD_DEFAULT_DGA_THRESHOLD			63U
/* Default points of high-scoring names that alert dga. */
#define C2GUARD_DEFAULT_DGA_NAMES			5U
/* Default seconds a host's high-scoring names count. */
#define C2GUARD_DEFAULT_DGA_WINDOW			600U
/* Default distinct NXDOMAIN names that alert nxdomain-burst. */
#define C2GUARD_DEFAULT_NXDOMAIN_BURST_THRESHOLD	20U
/* Default seconds they count. */
#define C2GUARD_DEFAULT_NXDOMAIN_BURST_WINDOW		300U
/* Default networks that alert fast-flux. */
#define C2GUARD_DEFAULT_FAST_FLUX_THRESHOLD		10U
/* Default seconds a name's answers count. */
#define C2GUARD_DEFAULT_FAST_FLUX_WINDOW		1800U
/* Default seconds between two alerts of one detector and host (name). */
#define C2GUARD_DEFAULT_DNS_HOLDDOWN			3600U
/* Default inside hosts tracked. */
#define C2GUARD_DEFAULT_DNS_HOSTS_MAX			65536U
/* Default names tracked for fast-flux. */
#define C2GUARD_DEFAULT_DNS_NAMES_MAX			16384U
/* Default quarantine length in seconds (0, until released). */
#define C2GUARD_DEFAULT_QUARANTINE_TIME			0U
/* Default host risk that raises a host-risk alert (points). */
#define C2GUARD_DEFAULT_HOST_THRESHOLD			100U
/* Default half-life of a host's risk, in seconds. */
#define C2GUARD_DEFAULT_HOST_HALF_LIFE			3600U
/* Default inside hosts whose evidence is kept. */
#define C2GUARD_DEFAULT_HOSTS_MAX			4096U
/*
 * A channel scoring this many points or fewer below beacon-threshold (and not
 * above it) is beacon-near evidence about its host.
 */
#define C2GUARD_BEACON_NEAR				15U
/*
 * Distinct pieces of evidence kept per host (the oldest goes first; the
 * per-reason counts keep counting).
 */
#define C2GUARD_HOST_EVIDENCE_MAX			8U

/**
 * enum c2guard_host_evidence - what kind of evidence about an inside host
 *	(docs/host-risk.md)
 * @C2GUARD_EV_ALERT: an alert about one of its flows (REASON says which)
 * @C2GUARD_EV_BEACON_NEAR: one of its beacon channels scored within
 *	C2GUARD_BEACON_NEAR points below beacon-threshold (VALUE: the score),
 *	once per channel
 * @C2GUARD_EV_DYNDNS: it asked a name under a dynamic-DNS zone (NAME), once
 *	per name
 */
enum c2guard_host_evidence {
	C2GUARD_EV_NONE,
	C2GUARD_EV_ALERT,
	C2GUARD_EV_BEACON_NEAR,
	C2GUARD_EV_DYNDNS,
};

/**
 * enum c2guard_dir - which endpoint of the flow matched
 * @C2GUARD_DIR_TO_IND: the flow's destination is listed (an inside host
 *	calling out to a C2 address)
 * @C2GUARD_DIR_FROM_IND: the flow's source is listed (a listed address
 *	reaching in)
 */
enum c2guard_dir {
	C2GUARD_DIR_NONE,
	C2GUARD_DIR_TO_IND,
	C2GUARD_DIR_FROM_IND,
};

/**
 * enum c2guard_reason - what kind of evidence raised the alert
 * @C2GUARD_REASON_IP: an IP address/CIDR indicator
 * @C2GUARD_REASON_DNS_QUERY: a listed name in a DNS query
 * @C2GUARD_REASON_DNS_ANSWER: a listed name in a DNS answer, or a flow to an
 *	address bound from one (the alert's NAME says which name)
 * @C2GUARD_REASON_TLS_SNI: a listed name as TLS server name
 * @C2GUARD_REASON_HTTP_HOST: a listed name as HTTP host
 * @C2GUARD_REASON_BEACON: the beacon detector (see "Beacon detection"; the
 *	alert carries C2GUARD_ALERT_A_BEACON); the flow is the one whose event
 *	completed the evidence
 * @C2GUARD_REASON_DGA: an inside host asked several names that score as
 *	generated by an algorithm, most of them unanswered (the alert carries
 *	C2GUARD_ALERT_A_DNS; the flow is the DNS flow that completed the
 *	evidence, NAME its name)
 * @C2GUARD_REASON_NXDOMAIN_BURST: an inside host got NXDOMAIN for many
 *	distinct names in a short time (C2GUARD_ALERT_A_DNS)
 * @C2GUARD_REASON_FAST_FLUX: the answers for a name carry many addresses of
 *	many networks, with short TTLs and a rotating set
 *	(C2GUARD_ALERT_A_DNS; NAME is the name, the flow the answer that
 *	completed the evidence)
 * @C2GUARD_REASON_SINKHOLE: a DNS answer to an inside host carries a listed
 *	answer address (a sinkhole or parking address: the name was taken
 *	down); the flow is the host's query, NAME the name that resolved to
 *	the address, the indicator the address
 * @C2GUARD_REASON_HOST_RISK: the risk of an inside host, the decayed sum of
 *	the weights of its evidence, reached CFG host-threshold
 *	(C2GUARD_ALERT_A_HOST lists the evidence); the flow is the one that
 *	brought the last piece
 * @C2GUARD_REASON_QUIC_SNI: a listed name as the server name of the
 *	ClientHello in a QUIC client's Initial packets (versions 1 and 2)
 * @C2GUARD_REASON_JA4: a listed JA4 fingerprint: the ClientHello of a TLS
 *	(over TCP) or QUIC client matched a JA4 indicator (the alert carries
 *	JA4 and JA3, and NAME when the hello had a server name)
 * @C2GUARD_REASON_PROTO_MISMATCH: the first client payload of a flow is not
 *	the protocol of its server port: no TLS handshake record on a TLS port
 *	(CFG TLS_PORTS), no HTTP request line on an HTTP port (CFG
 *	HTTP_PORTS), or a UDP datagram to the DNS port that is not a DNS query
 *	(the alert carries PROTO_EXPECTED and PROTO_SEEN)
 * @C2GUARD_REASON_IRC: the first client payload of a TCP flow is an IRC
 *	registration (NICK, USER, PASS or CAP lines), on any port (the alert
 *	carries IRC_NICK and IRC_CHANNEL when seen, and IRC_PORT when the
 *	server port is one of CFG IRC_PORTS)
 * @C2GUARD_REASON_HTTP_URL: a listed URL: the first HTTP request of a flow
 *	asks a host for a path under a URL indicator's (the alert carries
 *	NAME, the host, and URL, what was asked for)
 */
enum c2guard_reason {
	C2GUARD_REASON_NONE,
	C2GUARD_REASON_IP,
	C2GUARD_REASON_DNS_QUERY,
	C2GUARD_REASON_DNS_ANSWER,
	C2GUARD_REASON_TLS_SNI,
	C2GUARD_REASON_HTTP_HOST,
	C2GUARD_REASON_BEACON,
	C2GUARD_REASON_DGA,
	C2GUARD_REASON_NXDOMAIN_BURST,
	C2GUARD_REASON_FAST_FLUX,
	C2GUARD_REASON_SINKHOLE,
	C2GUARD_REASON_HOST_RISK,
	C2GUARD_REASON_QUIC_SNI,
	C2GUARD_REASON_JA4,
	C2GUARD_REASON_PROTO_MISMATCH,
	C2GUARD_REASON_IRC,
	C2GUARD_REASON_HTTP_URL,
	__C2GUARD_REASON_MAX
};

#define C2GUARD_REASON_MAX (__C2GUARD_REASON_MAX - 1)

enum c2guard_cmd {
	C2GUARD_CMD_UNSPEC,
	C2GUARD_CMD_STATUS_GET,
	C2GUARD_CMD_IND_ADD,
	C2GUARD_CMD_IND_DEL,
	C2GUARD_CMD_IND_FLUSH,
	C2GUARD_CMD_IND_GET,
	C2GUARD_CMD_CONFIG_GET,
	C2GUARD_CMD_CONFIG_SET,
	C2GUARD_CMD_ALERT,
	C2GUARD_CMD_BEACON_GET,
	C2GUARD_CMD_BEACON_FLUSH,
	C2GUARD_CMD_FEED_BEGIN,
	C2GUARD_CMD_FEED_COMMIT,
	C2GUARD_CMD_FEED_ABORT,
	C2GUARD_CMD_FEED_DEL,
	C2GUARD_CMD_FEED_GET,
	C2GUARD_CMD_IND_TEST,
	C2GUARD_CMD_QUARANTINE_ADD,
	C2GUARD_CMD_QUARANTINE_DEL,
	C2GUARD_CMD_QUARANTINE_GET,
	C2GUARD_CMD_HOST_ALLOW_ADD,
	C2GUARD_CMD_HOST_ALLOW_DEL,
	C2GUARD_CMD_HOST_ALLOW_GET,
	C2GUARD_CMD_HOST_GET,
	__C2GUARD_CMD_MAX
};

#define C2GUARD_CMD_MAX (__C2GUARD_CMD_MAX - 1)

/**
 * enum c2guard_attr - top-level attributes
 * @C2GUARD_A_IND: nested enum c2guard_ind_attr, one indicator
 * @C2GUARD_A_TAG: NUL-terminated string, at most C2GUARD_TAG_MAX bytes;
 *	selects indicators by tag (IND_FLUSH)
 * @C2GUARD_A_STATUS: nested enum c2guard_status_attr (reply only)
 * @C2GUARD_A_CONFIG: nested enum c2guard_cfg_attr
 * @C2GUARD_A_ALERT: nested enum c2guard_alert_attr (notification only)
 * @C2GUARD_A_FLAGS: u32, C2GUARD_F_* request flags; unknown bits rejected
 * @C2GUARD_A_BEACON: nested enum c2guard_beacon_attr, one beacon channel
 *	(reply only)
 * @C2GUARD_A_FEED: nested enum c2guard_feed_attr, one named feed
 * @C2GUARD_A_HOST: nested enum c2guard_host_attr, one quarantined host, or
 *	one host-allow destination
 */
enum c2guard_attr {
	C2GUARD_A_UNSPEC,
	C2GUARD_A_IND,
	C2GUARD_A_TAG,
	C2GUARD_A_STATUS,
	C2GUARD_A_CONFIG,
	C2GUARD_A_ALERT,
	C2GUARD_A_FLAGS,
	C2GUARD_A_BEACON,
	C2GUARD_A_FEED,
	C2GUARD_A_HOST,
	__C2GUARD_A_MAX
};

#define C2GUARD_A_MAX (__C2GUARD_A_MAX - 1)

/**
 * enum c2guard_host_attr - a quarantined inside host, or a destination
 *	quarantined hosts may
still reach (nested in C2GUARD_A_HOST)
 * @C2GUARD_HOST_A_FAMILY: u8, AF_INET (2) or AF_INET6 (10)
 * @C2GUARD_HOST_A_ADDR: binary, 4 or 16 bytes, network byte order
 * @C2GUARD_HOST_A_PREFIXLEN: u8, host-allow entries: the prefix length
 *	(default the full length); quarantined hosts are single addresses
 * @C2GUARD_HOST_A_TIMEOUT: u32, QUARANTINE_ADD: how long, in seconds (absent:
 *	the netns's QUARANTINE_TIME; 0: until released).  Replies: the seconds
 *	left, 0 for until released
 * @C2GUARD_HOST_A_SINCE: u64 (reply only) wall-clock time of the quarantine,
 *	ns since epoch
 * @C2GUARD_HOST_A_REASON: u8 (reply only) the alert reason that quarantined
 *	the host; NONE: by hand (QUARANTINE_ADD)
 * @C2GUARD_HOST_A_TAG: NUL-terminated string (reply only) the tag of the
 *	indicator that did, if any
 * @C2GUARD_HOST_A_NAME: NUL-terminated string (reply only) the alert's name,
 *	if any
 * @C2GUARD_HOST_A_ALERT_SEQ: u64 (reply only) the SEQ of the alert that
 *	quarantined the host (0: by hand, or the alert was rate limited)
 * @C2GUARD_HOST_A_DROPS: u64 (reply only) packets dropped since
 * @C2GUARD_HOST_A_PAD: padding for 64-bit attributes
 * @C2GUARD_HOST_A_FIRST: u64 (HOST_GET) wall-clock time of the first evidence
 *	kept about the host, ns since epoch
 * @C2GUARD_HOST_A_LAST: u64 (HOST_GET) wall-clock time of its last evidence,
 *	ns since epoch
 * @C2GUARD_HOST_A_RISK: u32 (HOST_GET) its risk now, in points (decayed)
 * @C2GUARD_HOST_A_RISK_ALERTS: u32 (HOST_GET) host-risk alerts it raised
 * @C2GUARD_HOST_A_COUNT: repeated nested enum c2guard_ev_attr (HOST_GET) one
 *	per kind of evidence seen: EVIDENCE, REASON (for alerts) and COUNT,
 *	counted since the host was first seen
 * @C2GUARD_HOST_A_EVIDENCE: repeated nested enum c2guard_ev_attr (HOST_GET)
 *	the distinct pieces of evidence kept, at most
 *	C2GUARD_HOST_EVIDENCE_MAX, oldest first
 */
enum c2guard_host_attr {
	C2GUARD_HOST_A_UNSPEC,
	C2GUARD_HOST_A_FAMILY,
	C2GUARD_HOST_A_ADDR,
	C2GUARD_HOST_A_PREFIXLEN,
	C2GUARD_HOST_A_TIMEOUT,
	C2GUARD_HOST_A_SINCE,
	C2GUARD_HOST_A_REASON,
	C2GUARD_HOST_A_TAG,
	C2GUARD_HOST_A_NAME,
	C2GUARD_HOST_A_ALERT_SEQ,
	C2GUARD_HOST_A_DROPS,
	C2GUARD_HOST_A_PAD,
	C2GUARD_HOST_A_FIRST,
	C2GUARD_HOST_A_LAST,
	C2GUARD_HOST_A_RISK,
	C2GUARD_HOST_A_RISK_ALERTS,
	C2GUARD_HOST_A_COUNT,
	C2GUARD_HOST_A_EVIDENCE,
	__C2GUARD_HOST_A_MAX
};

#define C2GUARD_HOST_A_MAX (__C2GUARD_HOST_A_MAX - 1)

/**
 * enum c2guard_ev_attr - one piece of evidence about an inside host, or one
 *	count (nested in C2GUARD_HOST_A_EVIDENCE, C2GUARD_HOST_A_COUNT)
 * @C2GUARD_EV_A_KIND: u8, enum c2guard_host_evidence
 * @C2GUARD_EV_A_REASON: u8, an alert's reason
 * @C2GUARD_EV_A_FAMILY: u8, of ADDR
 * @C2GUARD_EV_A_ADDR: binary, the remote end of the flow (the listed address,
 *	the beacon's destination), or a sinkhole alert's answer address
 * @C2GUARD_EV_A_PORT: u16, a beacon channel's destination port
 * @C2GUARD_EV_A_PROTO: u8, a beacon channel's IP protocol
 * @C2GUARD_EV_A_NAME: NUL-terminated string, the name of the evidence, if any
 * @C2GUARD_EV_A_TAG: NUL-terminated string, the tag of the indicator of an
 *	alert, if any
 * @C2GUARD_EV_A_VALUE: u32, a beacon's score, if any
 * @C2GUARD_EV_A_WEIGHT: u32, points this piece added to the risk (0 past its
 *	kind's cap)
 * @C2GUARD_EV_A_COUNT: u32, how many times it was seen (a COUNT entry's
 *	count)
 * @C2GUARD_EV_A_FIRST: u64, wall-clock time it was first seen, ns since epoch
 * @C2GUARD_EV_A_LAST: u64, wall-clock time it was last seen, ns since epoch
 * @C2GUARD_EV_A_PAD: padding for 64-bit attributes
 */
enum c2guard_ev_attr {
	C2GUARD_EV_A_UNSPEC,
	C2GUARD_EV_A_KIND,
	C2GUARD_EV_A_REASON,
	C2GUARD_EV_A_FAMILY,
	C2GUARD_EV_A_ADDR,
	C2GUARD_EV_A_PORT,
	C2GUARD_EV_A_PROTO,
	C2GUARD_EV_A_NAME,
	C2GUARD_EV_A_TAG,
	C2GUARD_EV_A_VALUE,
	C2GUARD_EV_A_WEIGHT,
	C2GUARD_EV_A_COUNT,
	C2GUARD_EV_A_FIRST,
	C2GUARD_EV_A_LAST,
	C2GUARD_EV_A_PAD,
	__C2GUARD_EV_A_MAX
};

#define C2GUARD_EV_A_MAX (__C2GUARD_EV_A_MAX - 1)

/**
 * enum c2guard_ind_attr - one indicator (nested in C2GUARD_A_IND)
 * @C2GUARD_IND_A_FAMILY: u8, AF_INET (2) or AF_INET6 (10); address indicators
 *	only
 * @C2GUARD_IND_A_ADDR: binary, 4 bytes (AF_INET) or 16 bytes (AF_INET6),
 *	network byte order
 * @C2GUARD_IND_A_PREFIXLEN: u8, 0..32 or 0..128; optional on input, default
 *	is the full length (an exact address)
 * @C2GUARD_IND_A_ACTION: u8, enum c2guard_action (not NONE)
 * @C2GUARD_IND_A_TAG: NUL-terminated string, at most C2GUARD_TAG_MAX bytes
 *	including the NUL: the feed this indicator came from
 * @C2GUARD_IND_A_TIMEOUT: u32, seconds, at most C2GUARD_TIMEOUT_MAX; on input
 *	the lifetime (0 = forever), on dump the time left
 * @C2GUARD_IND_A_HITS: u64, flows that matched this indicator (reply only)
 * @C2GUARD_IND_A_PAD: padding for 64-bit attributes
 * @C2GUARD_IND_A_DOMAIN: NUL-terminated string, a domain name (see "Domain
 *	names" above), at most C2GUARD_NAME_MAX bytes before the NUL; name
 *	indicators only
 * @C2GUARD_IND_A_SUFFIX: flag, the DOMAIN indicator also matches every name
 *	below it
 * @C2GUARD_IND_A_BOUND: NUL-terminated string (reply only): the listed name
 *	whose DNS answer created this temporary address indicator
 * @C2GUARD_IND_A_FEED: NUL-terminated string, IND_ADD: the feed whose new
 *	list is being staged by this socket (FEED_BEGIN); absent, a manual
 *	entry.  Replies: the feed of the listing that decides (absent: a
 *	manual entry)
 * @C2GUARD_IND_A_CLAIM: repeated nested enum c2guard_claim_attr (reply only)
 *	one per source listing the key (the manual entries and each feed), in
 *	no particular order; ACTION, TAG, TIMEOUT and FEED above are the
 *	deciding one's
 * @C2GUARD_IND_A_PORT: u16, with an exact address (PREFIXLEN the full
 *	length): the indicator is that server port only, matched on a flow's
 *	first packet; where the bare address is listed too, this more specific
 *	entry decides (an allowlisted address still wins)
 * @C2GUARD_IND_A_PROTO: u8, with PORT: the IP protocol (6 TCP, 17 UDP, 33
 *	DCCP, 132 SCTP, 136 UDP-Lite), 0 or absent for any; an entry for the
 *	flow's own protocol decides over one for any
 * @C2GUARD_IND_A_ANSWER: flag, with an exact address (no PORT): an answer
 *	indicator, matched against the A/AAAA records of every DNS answer an
 *	inside host gets (a sinkhole or parking address), never against flows;
 *	a match raises reason SINKHOLE and its action applies to the answer
 * @C2GUARD_IND_A_JA4: NUL-terminated string, a JA4 fingerprint
 *	(C2GUARD_JA4_LEN characters: section a of ten letters and digits, then
 *	"_" and twelve lowercase hex digits, twice), matched against the
 *	ClientHello of every TLS flow over TCP and every QUIC flow in a netns
 *	that has one; alone (no address or domain); a match raises reason JA4
 * @C2GUARD_IND_A_URL: NUL-terminated string, an http URL without its scheme,
 *	"HOST/PATH" or "HOST/PATH?QUERY": HOST a domain name in the text form
 *	above, or an IPv4 or IPv6 address in its usual text form (no
 *	brackets); PATH "/" and bytes '!'..'~' but '#' and '?', no "/" at its
 *	end unless it is "/"; QUERY bytes '!'..'~' but '#'.  Matched against
 *	the first HTTP request of every flow (each of its hosts, its target's
 *	path): the path is under PATH (equal to it, or continuing it with
 *	"/"), and with a QUERY the request's query equals it.  Alone (no
 *	address or domain); a match raises reason HTTP_URL; where the host is
 *	also listed as a DOMAIN, this more specific entry decides
 */
enum c2guard_ind_attr {
	C2GUARD_IND_A_UNSPEC,
	C2GUARD_IND_A_FAMILY,
	C2GUARD_IND_A_ADDR,
	C2GUARD_IND_A_PREFIXLEN,
	C2GUARD_IND_A_ACTION,
	C2GUARD_IND_A_TAG,
	C2GUARD_IND_A_TIMEOUT,
	C2GUARD_IND_A_HITS,
	C2GUARD_IND_A_PAD,
	C2GUARD_IND_A_DOMAIN,
	C2GUARD_IND_A_SUFFIX,
	C2GUARD_IND_A_BOUND,
	C2GUARD_IND_A_FEED,
	C2GUARD_IND_A_CLAIM,
	C2GUARD_IND_A_PORT,
	C2GUARD_IND_A_PROTO,
	C2GUARD_IND_A_ANSWER,
	C2GUARD_IND_A_JA4,
	C2GUARD_IND_A_URL,
	__C2GUARD_IND_A_MAX
};

#define C2GUARD_IND_A_MAX (__C2GUARD_IND_A_MAX - 1)

/**
 * enum c2guard_status_attr - module status (nested in C2GUARD_A_STATUS)
 * @C2GUARD_STATUS_A_VERSION: NUL-terminated string, module version
 * @C2GUARD_STATUS_A_FEATURES: u64, C2GUARD_FEAT_* bits
 * @C2GUARD_STATUS_A_IND_V4: u32, IPv4 indicators in the table
 * @C2GUARD_STATUS_A_IND_V6: u32, IPv6 indicators in the table
 * @C2GUARD_STATUS_A_GENERATION: u32, bumped on every table change
 * @C2GUARD_STATUS_A_ALERT_SEQ: u64, sequence number of the last alert
 * @C2GUARD_STATUS_A_PACKETS: u64, packets inspected by the hooks
 * @C2GUARD_STATUS_A_FLOWS: u64, new flows looked up in the table
 * @C2GUARD_STATUS_A_MATCHES: u64, flows that matched an indicator
 * @C2GUARD_STATUS_A_ALERTS: u64, alerts emitted
 * @C2GUARD_STATUS_A_SUPPRESSED: u64, alerts suppressed by the rate limit
 * @C2GUARD_STATUS_A_DROPPED: u64, packets dropped (drop and reject)
 * @C2GUARD_STATUS_A_REJECTED: u64, rejections sent (RST / unreachable)
 * @C2GUARD_STATUS_A_MARKED: u64, flows whose conntrack mark was set
 * @C2GUARD_STATUS_A_UNTRACKED: u64, packets without conntrack looked up on
 *	their own (every packet of such a "flow" is a lookup)
 * @C2GUARD_STATUS_A_EXPIRED: u64, indicators removed by their timeout
 * @C2GUARD_STATUS_A_ALERT_FAILS: u64, alerts that could not be built (out of
 *	memory)
 * @C2GUARD_STATUS_A_MEM: u64, bytes of kernel memory held by the indicator
 *	table (entries and hash buckets, approximate)
 * @C2GUARD_STATUS_A_REPEATS: u64, first packets of flows already reported
 *	within the last minute (a dropped TCP SYN retransmitted, a dropped UDP
 *	flow retried with the same ports): verdicted again, not re-alerted
 * @C2GUARD_STATUS_A_PAD: padding for 64-bit attributes
 * @C2GUARD_STATUS_A_IND_NAMES: u32, domain indicators in the table (exact and
 *	suffix, allowlist entries included)
 * @C2GUARD_STATUS_A_BOUND: u32, addresses currently bound from DNS answers
 *	(not counted in IND_V4/IND_V6)
 * @C2GUARD_STATUS_A_ALLOWED: u64, matches overridden by an allowlist entry
 * @C2GUARD_STATUS_A_DNS_QUERIES: u64, DNS queries parsed
 * @C2GUARD_STATUS_A_DNS_ANSWERS: u64, DNS responses parsed
 * @C2GUARD_STATUS_A_DNS_MALFORMED: u64, DNS messages that could not be parsed
 *	(bad header, names or lengths), passed unexamined
 * @C2GUARD_STATUS_A_DNS_TRUNCATED: u64, DNS messages cut short by the end of
 *	the segment or of the module's buffer (a TCP message spread over
 *	several segments is not reassembled): only what arrived was examined
 * @C2GUARD_STATUS_A_BIND_ADDED: u64, addresses bound (or renewed) from DNS
 *	answers
 * @C2GUARD_STATUS_A_BIND_REFUSED: u64, bindings refused because
 *	C2GUARD_CFG_A_BIND_MAX was reached
 * @C2GUARD_STATUS_A_TLS_SNI: u64, TLS ClientHellos whose server name was read
 * @C2GUARD_STATUS_A_TLS_NO_SNI: u64, complete ClientHellos without one
 * @C2GUARD_STATUS_A_TLS_PARTIAL: u64, ClientHellos cut by the end of the
 *	first segment before any server name (not reassembled)
 * @C2GUARD_STATUS_A_HTTP_HOST: u64, HTTP requests whose host was read
 * @C2GUARD_STATUS_A_HTTP_PARTIAL: u64, HTTP requests whose header block went
 *	past the first segment with no Host seen (not reassembled)
 * @C2GUARD_STATUS_A_NOLABELS: u64, new TCP flows, seen while domain
 *	indicators exist, whose conntrack entry has no label area (conntrack
 *	created it before c2guard asked for labels): their first payload is
 *	not examined.  Flows already open when the first domain indicator
 *	arrived are not examined either, and not counted: without a label
 *	nothing tells their first payload from a later one.
 * @C2GUARD_STATUS_A_BEACON_CHANNELS: u32, beacon channels held
 * @C2GUARD_STATUS_A_BEACON_SOURCES: u32, inside hosts holding channels
 * @C2GUARD_STATUS_A_BEACON_EVENTS: u64, events recorded on channels
 * @C2GUARD_STATUS_A_BEACON_ALERTS: u64, beacon alerts raised
 * @C2GUARD_STATUS_A_BEACON_EVICTED: u64, channels evicted to make room
 * @C2GUARD_STATUS_A_BEACON_REFUSED: u64, events lost because no channel could
 *	be made (out of memory, or BEACON_MAX is 0)
 * @C2GUARD_STATUS_A_BEACON_EXPIRED: u64, channels freed after BEACON_SILENCE
 *	without an event
 * @C2GUARD_STATUS_A_BEACON_EXEMPT: u64, events not timed because their
 *	destination or port is allowlisted
 * @C2GUARD_STATUS_A_BEACON_MEM: u64, bytes held by beacon channels and their
 *	tables (approximate)
 * @C2GUARD_STATUS_A_BEACON_NOLABELS: u64, packets (originator to responder)
 *	of flows that have no conntrack label area (opened before beacon
 *	detection was on): not timed
 * @C2GUARD_STATUS_A_IND_PORTS: u32, address and port indicators in the table
 *	(not in IND_V4/IND_V6)
 * @C2GUARD_STATUS_A_FEEDS: u32, named feeds of the netns
 * @C2GUARD_STATUS_A_DNS_HOSTS: u32, inside hosts whose DNS behaviour is
 *	tracked
 * @C2GUARD_STATUS_A_DNS_NAMES: u32, names whose answers are tracked for
 *	fast-flux
 * @C2GUARD_STATUS_A_DNS_MEM: u64, bytes held by those hosts and names and
 *	their tables
 * @C2GUARD_STATUS_A_DNS_SCORED: u64, names asked that were given a DGA score
 * @C2GUARD_STATUS_A_DGA_ALERTS: u64, dga alerts raised
 * @C2GUARD_STATUS_A_NXDOMAIN_ALERTS: u64, nxdomain-burst alerts raised
 * @C2GUARD_STATUS_A_FLUX_ALERTS: u64, fast-flux alerts raised
 * @C2GUARD_STATUS_A_DNS_EVICTED: u64, hosts and names evicted to make room
 * @C2GUARD_STATUS_A_DNS_EXEMPT: u64, DNS messages not looked at by the
 *	behaviour detectors because the inside host or the name is allowlisted
 * @C2GUARD_STATUS_A_IND_ANSWERS: u32, answer-address indicators in the table
 *	(not in IND_V4/IND_V6)
 * @C2GUARD_STATUS_A_QUARANTINED: u32, inside hosts in quarantine now
 * @C2GUARD_STATUS_A_QUARANTINES: u64, hosts quarantined (by an action or by
 *	hand)
 * @C2GUARD_STATUS_A_QUARANTINE_DROPS: u64, packets of quarantined hosts
 *	dropped
 * @C2GUARD_STATUS_A_QUARANTINE_REFUSED: u64, quarantines refused: the inside
 *	host is an address of this gateway, or the table is full
 *	(C2GUARD_QUARANTINE_MAX)
 * @C2GUARD_STATUS_A_HOST_ALLOW: u32, host-allow destinations
 * @C2GUARD_STATUS_A_HOSTS: u32, inside hosts with evidence tracked (HOST_GET)
 * @C2GUARD_STATUS_A_HOSTS_MEM: u64, bytes the tracked hosts and their
 *	evidence take
 * @C2GUARD_STATUS_A_HOST_RISK_ALERTS: u64, host-risk alerts raised
 * @C2GUARD_STATUS_A_HOSTS_EVICTED: u64, tracked hosts forgotten to make room
 *	(CFG hosts-max)
 * @C2GUARD_STATUS_A_QUIC_INITIALS: u64, QUIC client Initial datagrams opened
 *	(decrypted)
 * @C2GUARD_STATUS_A_QUIC_UNOPENED: u64, datagrams that looked like a QUIC
 *	client Initial but did not open (a tag that did not authenticate,
 *	lengths or frames that do not add up)
 * @C2GUARD_STATUS_A_QUIC_SNI: u64, QUIC ClientHellos whose server name was
 *	read
 * @C2GUARD_STATUS_A_QUIC_NO_SNI: u64, complete QUIC ClientHellos without one
 * @C2GUARD_STATUS_A_QUIC_PARTIAL: u64, QUIC ClientHellos given up on before
 *	the server name: still cut after 4 datagrams or 4096 bytes, or broken
 * @C2GUARD_STATUS_A_QUIC_UNFOLLOWED: u64, QUIC ClientHellos cut by their
 *	first datagram that could not be followed into the next (no room: 32
 *	at once per netns)
 * @C2GUARD_STATUS_A_IND_JA4: u32, JA4 fingerprint indicators in the table
 * @C2GUARD_STATUS_A_JA4_COMPUTED: u64, ClientHellos (TLS over TCP and QUIC)
 *	whose JA4 was computed to be looked up among JA4 indicators
 * @C2GUARD_STATUS_A_PROTO_MISMATCH_ALERTS: u64, proto-mismatch alerts raised
 * @C2GUARD_STATUS_A_IRC_ALERTS: u64, irc alerts raised
 * @C2GUARD_STATUS_A_IND_URLS: u32, URL indicators in the table
 * @C2GUARD_STATUS_A_IND_LPM_KEYS: u32, address and prefix indicators in the
 *	snapshots address lookups search in one step, whatever their prefix
 *	lengths (both families)
 * @C2GUARD_STATUS_A_IND_LPM_PENDING: u32, address and prefix indicators added
 *	or taken out since the snapshots were built (they are built again a
 *	second after the last change, at once after a feed's commit or a
 *	flush; keys added meanwhile are probed at their lengths); 0 when they
 *	are current
 * @C2GUARD_STATUS_A_IND_MAX: u32, most indicators the netns's table takes:
 *	the module parameter max_indicators, or when it is 0 (the default) one
 *	per 256 bytes of the machine's memory
 *
 * Counters are per netns, summed over CPUs, and count since the netns's
 * c2guard state was created (module load, or netns creation).
 */
enum c2guard_status_attr {
	C2GUARD_STATUS_A_UNSPEC,
	C2GUARD_STATUS_A_VERSION,
	C2GUARD_STATUS_A_FEATURES,
	C2GUARD_STATUS_A_IND_V4,
	C2GUARD_STATUS_A_IND_V6,
	C2GUARD_STATUS_A_GENERATION,
	C2GUARD_STATUS_A_ALERT_SEQ,
	C2GUARD_STATUS_A_PACKETS,
	C2GUARD_STATUS_A_FLOWS,
	C2GUARD_STATUS_A_MATCHES,
	C2GUARD_STATUS_A_ALERTS,
	C2GUARD_STATUS_A_SUPPRESSED,
	C2GUARD_STATUS_A_DROPPED,
	C2GUARD_STATUS_A_REJECTED,
	C2GUARD_STATUS_A_MARKED,
	C2GUARD_STATUS_A_UNTRACKED,
	C2GUARD_STATUS_A_EXPIRED,
	C2GUARD_STATUS_A_ALERT_FAILS,
	C2GUARD_STATUS_A_MEM,
	C2GUARD_STATUS_A_REPEATS,
	C2GUARD_STATUS_A_PAD,
	C2GUARD_STATUS_A_IND_NAMES,
	C2GUARD_STATUS_A_BOUND,
	C2GUARD_STATUS_A_ALLOWED,
	C2GUARD_STATUS_A_DNS_QUERIES,
	C2GUARD_STATUS_A_DNS_ANSWERS,
	C2GUARD_STATUS_A_DNS_MALFORMED,
	C2GUARD_STATUS_A_DNS_TRUNCATED,
	C2GUARD_STATUS_A_BIND_ADDED,
	C2GUARD_STATUS_A_BIND_REFUSED,
	C2GUARD_STATUS_A_TLS_SNI,
	C2GUARD_STATUS_A_TLS_NO_SNI,
	C2GUARD_STATUS_A_TLS_PARTIAL,
	C2GUARD_STATUS_A_HTTP_HOST,
	C2GUARD_STATUS_A_HTTP_PARTIAL,
	C2GUARD_STATUS_A_NOLABELS,
	C2GUARD_STATUS_A_BEACON_CHANNELS,
	C2GUARD_STATUS_A_BEACON_SOURCES,
	C2GUARD_STATUS_A_BEACON_EVENTS,
	C2GUARD_STATUS_A_BEACON_ALERTS,
	C2GUARD_STATUS_A_BEACON_EVICTED,
	C2GUARD_STATUS_A_BEACON_REFUSED,
	C2GUARD_STATUS_A_BEACON_EXPIRED,
	C2GUARD_STATUS_A_BEACON_EXEMPT,
	C2GUARD_STATUS_A_BEACON_MEM,
	C2GUARD_STATUS_A_BEACON_NOLABELS,
	C2GUARD_STATUS_A_IND_PORTS,
	C2GUARD_STATUS_A_FEEDS,
	C2GUARD_STATUS_A_DNS_HOSTS,
	C2GUARD_STATUS_A_DNS_NAMES,
	C2GUARD_STATUS_A_DNS_MEM,
	C2GUARD_STATUS_A_DNS_SCORED,
	C2GUARD_STATUS_A_DGA_ALERTS,
	C2GUARD_STATUS_A_NXDOMAIN_ALERTS,
	C2GUARD_STATUS_A_FLUX_ALERTS,
	C2GUARD_STATUS_A_DNS_EVICTED,
	C2GUARD_STATUS_A_DNS_EXEMPT,
	C2GUARD_STATUS_A_IND_ANSWERS,
	C2GUARD_STATUS_A_QUARANTINED,
	C2GUARD_STATUS_A_QUARANTINES,
	C2GUARD_STATUS_A_QUARANTINE_DROPS,
	C2GUARD_STATUS_A_QUARANTINE_REFUSED,
	C2GUARD_STATUS_A_HOST_ALLOW,
	C2GUARD_STATUS_A_HOSTS,
	C2GUARD_STATUS_A_HOSTS_MEM,
	C2GUARD_STATUS_A_HOST_RISK_ALERTS,
	C2GUARD_STATUS_A_HOSTS_EVICTED,
	C2GUARD_STATUS_A_QUIC_INITIALS,
	C2GUARD_STATUS_A_QUIC_UNOPENED,
	C2GUARD_STATUS_A_QUIC_SNI,
	C2GUARD_STATUS_A_QUIC_NO_SNI,
	C2GUARD_STATUS_A_QUIC_PARTIAL,
	C2GUARD_STATUS_A_QUIC_UNFOLLOWED,
	C2GUARD_STATUS_A_IND_JA4,
	C2GUARD_STATUS_A_JA4_COMPUTED,
	C2GUARD_STATUS_A_PROTO_MISMATCH_ALERTS,
	C2GUARD_STATUS_A_IRC_ALERTS,
	C2GUARD_STATUS_A_IND_URLS,
	C2GUARD_STATUS_A_IND_LPM_KEYS,
	C2GUARD_STATUS_A_IND_LPM_PENDING,
	C2GUARD_STATUS_A_IND_MAX,
	__C2GUARD_STATUS_A_MAX
};

#define C2GUARD_STATUS_A_MAX (__C2GUARD_STATUS_A_MAX - 1)

/**
 * enum c2guard_cfg_attr - per-netns settings (nested in C2GUARD_A_CONFIG)
 * @C2GUARD_CFG_A_MARK_VALUE: u32, bits written into the conntrack mark by
 *	C2GUARD_ACT_MARK; must lie inside MARK_MASK
 * @C2GUARD_CFG_A_MARK_MASK: u32, the conntrack mark bits c2guard owns; must
 *	not be 0
 * @C2GUARD_CFG_A_ALERT_RATE: u32, alerts per second allowed (token bucket
 *	refill), 0 = unlimited; at most 1000000
 * @C2GUARD_CFG_A_ALERT_BURST: u32, token bucket depth, 1..1000000
 * @C2GUARD_CFG_A_DNS_PORT: u16, the server port of DNS traffic, UDP and TCP,
 *	1..65535 (default 53)
 * @C2GUARD_CFG_A_DNS_RCODE: u8, the rcode REJECT answers a listed UDP query
 *	with: 3 (NXDOMAIN: the name does not exist, the client gives up at
 *	once; the default) or 5 (REFUSED: the client may try its next server)
 * @C2GUARD_CFG_A_BIND_TTL_MIN: u32, seconds, shortest lifetime of an address
 *	bound from a DNS answer, 1..C2GUARD_TIMEOUT_MAX
 * @C2GUARD_CFG_A_BIND_TTL_MAX: u32, seconds, longest such lifetime,
 *	1..C2GUARD_TIMEOUT_MAX, not below BIND_TTL_MIN
 * @C2GUARD_CFG_A_BIND_MAX: u32, most addresses bound at once per netns, 0
 *	disables binding, at most 1048576
 * @C2GUARD_CFG_A_BEACON: u8, 1 = beacon detection on, 0 = off (the default);
 *	turning it off forgets every channel
 * @C2GUARD_CFG_A_BEACON_RETRY: u32, ms, an event closer than this to the
 *	previous one is a retry, not an interval; 1..3600000
 * @C2GUARD_CFG_A_BEACON_IDLE: u32, ms, how long a flow must be idle for its
 *	next inside packet with payload to start a new event; 1..3600000
 * @C2GUARD_CFG_A_BEACON_SILENCE: u32, ms, no event for this long restarts a
 *	channel's history, and frees the channel; above BEACON_RETRY, at most
 *	2592000000 (30 days)
 * @C2GUARD_CFG_A_BEACON_HOLDDOWN: u32, ms, at most one alert per channel per
 *	this period; at most 2592000000
 * @C2GUARD_CFG_A_BEACON_WINDOW: u32, gaps scored (the most recent),
 *	BEACON_MIN_GAPS..32
 * @C2GUARD_CFG_A_BEACON_MIN_GAPS: u32, gaps needed before a channel is
 *	scored, 4..32
 * @C2GUARD_CFG_A_BEACON_THRESHOLD: u32, score that alerts, 1..100
 * @C2GUARD_CFG_A_BEACON_MAX: u32, most channels per netns, 0 (none: events
 *	are refused and counted) ..  C2GUARD_BEACON_MAX_LIMIT; lowering it
 *	evicts the channels above it at once, the hosts holding the most first
 * @C2GUARD_CFG_A_BEACON_ACTION: u8, enum c2guard_action applied to the new
 *	flows of every channel that has alerted, including channels that
 *	alerted before it was set: ALERT (default: nothing more), DROP,
 *	REJECT, MARK or QUARANTINE (the channel's host, at the alert; not
 *	ALLOW)
 * @C2GUARD_CFG_A_BEACON_ALLOW_PORTS: binary, an array of u32, each (protocol
 *	<< 16) | port, protocol IPPROTO_TCP, IPPROTO_UDP or 0 (any), port
 *	1..65535, no entry twice; at most C2GUARD_BEACON_ALLOW_PORTS_MAX
 *	entries.  Events to these destination ports are not timed.  Replaces
 *	the whole set (empty: none) and forgets the channels it covers.
 * @C2GUARD_CFG_A_DGA: u8, 1 = dga detection on, 0 = off (the default): every
 *	name an inside host asks is scored; a host whose high-scoring names
 *	reach DGA_NAMES points in DGA_WINDOW, most of them unanswered, alerts
 * @C2GUARD_CFG_A_DGA_THRESHOLD: u32, a name scoring at least this (1..100) is
 *	high-scoring
 * @C2GUARD_CFG_A_DGA_NAMES: u32, points that alert, 2..16 (a name under a
 *	dynamic-DNS zone counts 2, others 1)
 * @C2GUARD_CFG_A_DGA_WINDOW: u32, seconds, how long a host's high-scoring
 *	names count, 1..86400
 * @C2GUARD_CFG_A_DGA_ACTION: u8, enum c2guard_action for the later
 *	high-scoring queries of a host that alerted, until DNS_HOLDDOWN ends:
 *	ALERT (default), DROP, REJECT (answered with NXDOMAIN), MARK or
 *	QUARANTINE (the host, at the alert; not ALLOW)
 * @C2GUARD_CFG_A_NXDOMAIN_BURST: u8, 1 = nxdomain-burst detection on, 0 = off
 *	(the default): a host answered NXDOMAIN for NXDOMAIN_BURST_THRESHOLD
 *	distinct names in NXDOMAIN_BURST_WINDOW alerts
 * @C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD: u32, distinct names, 2..10000
 * @C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW: u32, seconds, 1..86400
 * @C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION: u8, enum c2guard_action for the later
 *	high-scoring queries of a host that alerted, as DGA_ACTION
 * @C2GUARD_CFG_A_FAST_FLUX: u8, 1 = fast-flux detection on, 0 = off (the
 *	default): a name whose answers in FAST_FLUX_WINDOW carry addresses of
 *	FAST_FLUX_THRESHOLD networks (IPv4 /16, IPv6 /32), 5 or more in one
 *	answer, a TTL of 300 s or less and a set that changed twice, alerts
 * @C2GUARD_CFG_A_FAST_FLUX_THRESHOLD: u32, networks, 2..32
 * @C2GUARD_CFG_A_FAST_FLUX_WINDOW: u32, seconds, 1..86400
 * @C2GUARD_CFG_A_FAST_FLUX_ACTION: u8, enum c2guard_action for the later
 *	queries of a name that alerted, until DNS_HOLDDOWN ends: ALERT
 *	(default), DROP, REJECT (NXDOMAIN), MARK or QUARANTINE (the asking
 *	host, at the alert; not ALLOW)
 * @C2GUARD_CFG_A_DNS_HOLDDOWN: u32, seconds, at most one alert per host
 *	(name) and detector per this period, and how long an alert's action
 *	lasts; 0..86400
 * @C2GUARD_CFG_A_DNS_HOSTS_MAX: u32, most inside hosts tracked per netns,
 *	0..1048576 (default 65536); past it the host idle longest is forgotten
 * @C2GUARD_CFG_A_DNS_NAMES_MAX: u32, most names tracked for fast-flux per
 *	netns, 0..1048576 (default 16384); past it the name idle longest is
 *	forgotten
 * @C2GUARD_CFG_A_QUARANTINE_TIME: u32, how long an action quarantines a host,
 *	in seconds, 0 (default) until released (QUARANTINE_DEL); hosts already
 *	quarantined keep their time
 * @C2GUARD_CFG_A_HOST_THRESHOLD: u32, risk (points) at which an inside host
 *	raises a host-risk alert, 1..10000 (default 100), 0 for no host-risk
 *	alerts (the evidence is still kept)
 * @C2GUARD_CFG_A_HOST_ACTION: u8, enum c2guard_action of a host-risk alert:
 *	ALERT (default) or QUARANTINE (the host)
 * @C2GUARD_CFG_A_HOST_HALF_LIFE: u32, seconds in which a host's risk halves,
 *	60..604800 (default 3600)
 * @C2GUARD_CFG_A_HOSTS_MAX: u32, most inside hosts whose evidence is kept,
 *	0..1048576 (default 4096; 0 keeps none); past it the host with the
 *	oldest evidence among the oldest few is forgotten
 * @C2GUARD_CFG_A_PROTO_MISMATCH: u8, 1: the protocol/port mismatch detector
 *	is on (default 0): the first client payload of every TCP flow to one
 *	of TLS_PORTS or HTTP_PORTS, and the first datagram of every UDP flow
 *	to the DNS port, is checked against that port's protocol (reason
 *	PROTO_MISMATCH)
 * @C2GUARD_CFG_A_PROTO_MISMATCH_ACTION: u8, enum c2guard_action for a flow
 *	that mismatches: ALERT (default), DROP, REJECT, MARK or QUARANTINE
 *	(not ALLOW)
 * @C2GUARD_CFG_A_TLS_PORTS: binary, an array of u16 (host byte order), TCP
 *	ports whose first client payload must be a TLS handshake record,
 *	1..65535, no port twice, at most C2GUARD_WIRE_PORTS_MAX (default 443,
 *	8443, 465, 993, 995; empty: none).  Replaces the whole set.
 * @C2GUARD_CFG_A_HTTP_PORTS: binary, the same for HTTP request lines (default
 *	80, 8080)
 * @C2GUARD_CFG_A_IRC: u8, 1: the IRC detector is on (default 0): the first
 *	client payload of every TCP flow, on any port, is checked for an IRC
 *	registration (reason IRC)
 * @C2GUARD_CFG_A_IRC_ACTION: u8, enum c2guard_action for an IRC registration
 *	to a port that is not one of IRC_PORTS (IRC hidden on another port):
 *	ALERT (default), DROP, REJECT, MARK or QUARANTINE (not ALLOW).  A
 *	registration to one of IRC_PORTS is alerted, never acted on.
 * @C2GUARD_CFG_A_IRC_PORTS: binary, an array of u16 (host byte order), the
 *	TCP ports where IRC is expected, as TLS_PORTS (default 6667, 6665,
 *	6666, 6668, 6669, 7000; empty: none)
 */
enum c2guard_cfg_attr {
	C2GUARD_CFG_A_UNSPEC,
	C2GUARD_CFG_A_MARK_VALUE,
	C2GUARD_CFG_A_MARK_MASK,
	C2GUARD_CFG_A_ALERT_RATE,
	C2GUARD_CFG_A_ALERT_BURST,
	C2GUARD_CFG_A_DNS_PORT,
	C2GUARD_CFG_A_DNS_RCODE,
	C2GUARD_CFG_A_BIND_TTL_MIN,
	C2GUARD_CFG_A_BIND_TTL_MAX,
	C2GUARD_CFG_A_BIND_MAX,
	C2GUARD_CFG_A_BEACON,
	C2GUARD_CFG_A_BEACON_RETRY,
	C2GUARD_CFG_A_BEACON_IDLE,
	C2GUARD_CFG_A_BEACON_SILENCE,
	C2GUARD_CFG_A_BEACON_HOLDDOWN,
	C2GUARD_CFG_A_BEACON_WINDOW,
	C2GUARD_CFG_A_BEACON_MIN_GAPS,
	C2GUARD_CFG_A_BEACON_THRESHOLD,
	C2GUARD_CFG_A_BEACON_MAX,
	C2GUARD_CFG_A_BEACON_ACTION,
	C2GUARD_CFG_A_BEACON_ALLOW_PORTS,
	C2GUARD_CFG_A_DGA,
	C2GUARD_CFG_A_DGA_THRESHOLD,
	C2GUARD_CFG_A_DGA_NAMES,
	C2GUARD_CFG_A_DGA_WINDOW,
	C2GUARD_CFG_A_DGA_ACTION,
	C2GUARD_CFG_A_NXDOMAIN_BURST,
	C2GUARD_CFG_A_NXDOMAIN_BURST_THRESHOLD,
	C2GUARD_CFG_A_NXDOMAIN_BURST_WINDOW,
	C2GUARD_CFG_A_NXDOMAIN_BURST_ACTION,
	C2GUARD_CFG_A_FAST_FLUX,
	C2GUARD_CFG_A_FAST_FLUX_THRESHOLD,
	C2GUARD_CFG_A_FAST_FLUX_WINDOW,
	C2GUARD_CFG_A_FAST_FLUX_ACTION,
	C2GUARD_CFG_A_DNS_HOLDDOWN,
	C2GUARD_CFG_A_DNS_HOSTS_MAX,
	C2GUARD_CFG_A_DNS_NAMES_MAX,
	C2GUARD_CFG_A_QUARANTINE_TIME,
	C2GUARD_CFG_A_HOST_THRESHOLD,
	C2GUARD_CFG_A_HOST_ACTION,
	C2GUARD_CFG_A_HOST_HALF_LIFE,
	C2GUARD_CFG_A_HOSTS_MAX,
	C2GUARD_CFG_A_PROTO_MISMATCH,
	C2GUARD_CFG_A_PROTO_MISMATCH_ACTION,
	C2GUARD_CFG_A_TLS_PORTS,
	C2GUARD_CFG_A_HTTP_PORTS,
	C2GUARD_CFG_A_IRC,
	C2GUARD_CFG_A_IRC_ACTION,
	C2GUARD_CFG_A_IRC_PORTS,
	__C2GUARD_CFG_A_MAX
};

#define C2GUARD_CFG_A_MAX (__C2GUARD_CFG_A_MAX - 1)

/**
 * enum c2guard_alert_attr - one alert (nested in C2GUARD_A_ALERT)
 * @C2GUARD_ALERT_A_SEQ: u64, per-netns alert sequence number, from 1
 * @C2GUARD_ALERT_A_TIME: u64, wall-clock time of the match, ns since epoch
 * @C2GUARD_ALERT_A_NETNS: u32, inode number of the netns (as shown by
 *	"readlink /proc/PID/ns/net")
 * @C2GUARD_ALERT_A_FAMILY: u8, AF_INET or AF_INET6
 * @C2GUARD_ALERT_A_PROTO: u8, IP protocol number of the flow
 * @C2GUARD_ALERT_A_SADDR: binary, 4/16 bytes, source address of the flow's
 *	first packet as the gateway saw it (after DNAT, before SNAT)
 * @C2GUARD_ALERT_A_DADDR: binary, 4/16 bytes, destination likewise
 * @C2GUARD_ALERT_A_SPORT: u16, source port (TCP/UDP/UDP-Lite/SCTP/DCCP;
 *	absent for other protocols)
 * @C2GUARD_ALERT_A_DPORT: u16, destination port, likewise
 * @C2GUARD_ALERT_A_DIR: u8, enum c2guard_dir (absent for a beacon alert,
 *	which is about neither end being listed)
 * @C2GUARD_ALERT_A_HOOK: u8, netfilter hook that saw the flow: 0 = prerouting
 *	(forwarded or inbound), 3 = output (locally originated)
 * @C2GUARD_ALERT_A_IIF: u32, ifindex the first packet came in on (absent for
 *	locally originated flows)
 * @C2GUARD_ALERT_A_IND: nested enum c2guard_ind_attr, the indicator that
 *	matched (FAMILY, ADDR, PREFIXLEN or DOMAIN, SUFFIX; ACTION, TAG; BOUND
 *	for an address bound from a DNS answer)
 * @C2GUARD_ALERT_A_ACTION: u8, enum c2guard_action actually taken
 * @C2GUARD_ALERT_A_REASON: u8, enum c2guard_reason
 * @C2GUARD_ALERT_A_SUPPRESSED: u32, alerts suppressed by the rate limit since
 *	the previous alert of this netns
 * @C2GUARD_ALERT_A_PAD: padding for 64-bit attributes
 * @C2GUARD_ALERT_A_NAME: NUL-terminated string, the name as seen on the wire
 *	(normalised; see "Domain names"), for every reason but IP; for BEACON,
 *	the channel's name when it is a name channel
 * @C2GUARD_ALERT_A_BEACON: nested enum c2guard_beacon_attr, the channel
 *	(reason BEACON only)
 * @C2GUARD_ALERT_A_DNS: nested enum c2guard_dns_attr, the evidence (reasons
 *	DGA, NXDOMAIN_BURST, FAST_FLUX)
 * @C2GUARD_ALERT_A_PID: u32, a flow the gateway opens (HOOK LOCAL_OUT), sent
 *	from a task (a system call, not a timer or softirq: a retransmission
 *	has none): the sending task's process id (thread group id, in the
 *	initial pid namespace); absent otherwise, and always for forwarded
 *	flows
 * @C2GUARD_ALERT_A_COMM: NUL-terminated string, with PID, the sending task's
 *	command name
 * @C2GUARD_ALERT_A_UID: u32, a flow the gateway opens: the uid owning the
 *	sending socket (its creator's fsuid, as "ss -e" shows), in the netns's
 *	user namespace
 * @C2GUARD_ALERT_A_GID: u32, with PID, the sending task's fsgid, likewise
 * @C2GUARD_ALERT_A_CGROUP: u64, a flow the gateway opens: the cgroup v2 id of
 *	the sending socket (its creator's cgroup; the inode number of its
 *	directory in the cgroup2 file system, which c2ctl resolves to a path)
 * @C2GUARD_ALERT_A_HOST: nested enum c2guard_host_attr (host-risk) the inside
 *	host with its RISK and EVIDENCE, as HOST_GET reports it
 * @C2GUARD_ALERT_A_JA4: NUL-terminated string, the JA4 fingerprint of the
 *	flow's ClientHello (TLS over TCP, or QUIC: "q..."), when the alert was
 *	raised on it and the whole hello was read
 * @C2GUARD_ALERT_A_JA3: NUL-terminated string, the JA3 fingerprint (MD5, 32
 *	hex digits) of the same hello
 * @C2GUARD_ALERT_A_PROTO_EXPECTED: NUL-terminated string (proto-mismatch) the
 *	protocol of the server port: "tls", "http" or "dns"
 * @C2GUARD_ALERT_A_PROTO_SEEN: NUL-terminated string (proto-mismatch, irc)
 *	what the first client payload is: "tls" (a ClientHello), "tls-other"
 *	(another TLS record), "http", "ssh", "irc", "dns-response" (a DNS
 *	response sent as a query), "short" (too few bytes to say) or "unknown"
 *	(none of these: random or encrypted bytes, another protocol)
 * @C2GUARD_ALERT_A_IRC_NICK: NUL-terminated string (irc) the nick of the
 *	registration's NICK line, printable ASCII
 * @C2GUARD_ALERT_A_IRC_CHANNEL: NUL-terminated string (irc) the channel of
 *	its first JOIN line, printable ASCII
 * @C2GUARD_ALERT_A_IRC_PORT: flag (irc) the server port is one of CFG
 *	IRC_PORTS: IRC where it is expected, alerted without action
 * @C2GUARD_ALERT_A_URL: NUL-terminated string (http-url) what the request
 *	asked for: its host, its target's path and query ("HOST/PATH?QUERY"),
 *	cut at C2GUARD_URL_MAX bytes
 */
enum c2guard_alert_attr {
	C2GUARD_ALERT_A_UNSPEC,
	C2GUARD_ALERT_A_SEQ,
	C2GUARD_ALERT_A_TIME,
	C2GUARD_ALERT_A_NETNS,
	C2GUARD_ALERT_A_FAMILY,
	C2GUARD_ALERT_A_PROTO,
	C2GUARD_ALERT_A_SADDR,
	C2GUARD_ALERT_A_DADDR,
	C2GUARD_ALERT_A_SPORT,
	C2GUARD_ALERT_A_DPORT,
	C2GUARD_ALERT_A_DIR,
	C2GUARD_ALERT_A_HOOK,
	C2GUARD_ALERT_A_IIF,
	C2GUARD_ALERT_A_IND,
	C2GUARD_ALERT_A_ACTION,
	C2GUARD_ALERT_A_REASON,
	C2GUARD_ALERT_A_SUPPRESSED,
	C2GUARD_ALERT_A_PAD,
	C2GUARD_ALERT_A_NAME,
	C2GUARD_ALERT_A_BEACON,
	C2GUARD_ALERT_A_DNS,
	C2GUARD_ALERT_A_PID,
	C2GUARD_ALERT_A_COMM,
	C2GUARD_ALERT_A_UID,
	C2GUARD_ALERT_A_GID,
	C2GUARD_ALERT_A_CGROUP,
	C2GUARD_ALERT_A_HOST,
	C2GUARD_ALERT_A_JA4,
	C2GUARD_ALERT_A_JA3,
	C2GUARD_ALERT_A_PROTO_EXPECTED,
	C2GUARD_ALERT_A_PROTO_SEEN,
	C2GUARD_ALERT_A_IRC_NICK,
	C2GUARD_ALERT_A_IRC_CHANNEL,
	C2GUARD_ALERT_A_IRC_PORT,
	C2GUARD_ALERT_A_URL,
	__C2GUARD_ALERT_A_MAX
};

#define C2GUARD_ALERT_A_MAX (__C2GUARD_ALERT_A_MAX - 1)

/**
 * enum c2guard_dns_attr - what a DNS behaviour alert saw (nested in
 *	C2GUARD_ALERT_A_DNS); only the attributes of its reason are present
 * @C2GUARD_DNS_A_WINDOW: u32, ms from the first piece of evidence to the
 *	alert
 * @C2GUARD_DNS_A_NAMES: u32 (dga) distinct high-scoring names asked
 * @C2GUARD_DNS_A_POINTS: u32 (dga) their points
 * @C2GUARD_DNS_A_ANSWERED: u32 (dga) of them, answered with an address
 * @C2GUARD_DNS_A_NXDOMAIN: u32 (dga) of them, answered NXDOMAIN;
 *	(nxdomain-burst) distinct names answered NXDOMAIN
 * @C2GUARD_DNS_A_DYNDNS: u32 (dga) of them, under a dynamic-DNS zone
 * @C2GUARD_DNS_A_SCORE: u8 (dga) the highest score
 * @C2GUARD_DNS_A_PARENT: repeated NUL-terminated string (dga, nxdomain-burst)
 *	the parent domains (public suffixes) of those names, the first 4, each
 *	cut at 23 bytes
 * @C2GUARD_DNS_A_ADDRS: u32 (fast-flux) distinct addresses in the answers
 * @C2GUARD_DNS_A_NETS: u32 (fast-flux) distinct networks, IPv4 /16 and IPv6
 *	/32
 * @C2GUARD_DNS_A_ANSWERS: u32 (fast-flux) answers seen
 * @C2GUARD_DNS_A_ROTATIONS: u32 (fast-flux) answers whose set of addresses
 *	was new
 * @C2GUARD_DNS_A_TTL_MIN: u32 (fast-flux) the shortest TTL, seconds
 * @C2GUARD_DNS_A_PER_ANSWER: u32 (fast-flux) the most addresses in one answer
 */
enum c2guard_dns_attr {
	C2GUARD_DNS_A_UNSPEC,
	C2GUARD_DNS_A_WINDOW,
	C2GUARD_DNS_A_NAMES,
	C2GUARD_DNS_A_POINTS,
	C2GUARD_DNS_A_ANSWERED,
	C2GUARD_DNS_A_NXDOMAIN,
	C2GUARD_DNS_A_DYNDNS,
	C2GUARD_DNS_A_SCORE,
	C2GUARD_DNS_A_PARENT,
	C2GUARD_DNS_A_ADDRS,
	C2GUARD_DNS_A_NETS,
	C2GUARD_DNS_A_ANSWERS,
	C2GUARD_DNS_A_ROTATIONS,
	C2GUARD_DNS_A_TTL_MIN,
	C2GUARD_DNS_A_PER_ANSWER,
	__C2GUARD_DNS_A_MAX
};

#define C2GUARD_DNS_A_MAX (__C2GUARD_DNS_A_MAX - 1)

/**
 * enum c2guard_beacon_attr - one beacon channel (nested in C2GUARD_A_BEACON
 *	and C2GUARD_ALERT_A_BEACON; reply only)
 * @C2GUARD_BEACON_A_FAMILY: u8, AF_INET or AF_INET6
 * @C2GUARD_BEACON_A_SADDR: binary, 4/16 bytes, the inside host
 * @C2GUARD_BEACON_A_DADDR: binary, 4/16 bytes, the destination (address
 *	channels only)
 * @C2GUARD_BEACON_A_DPORT: u16, destination port (address channels of
 *	protocols with ports)
 * @C2GUARD_BEACON_A_PROTO: u8, IP protocol (address channels only)
 * @C2GUARD_BEACON_A_NAME: NUL-terminated string, the destination name (name
 *	channels only)
 * @C2GUARD_BEACON_A_SCORE: u8, 0..100, the score now (0 before MIN_GAPS)
 * @C2GUARD_BEACON_A_GAPS: u32, gaps scored
 * @C2GUARD_BEACON_A_EVENTS: u32, events of the current run (not retries)
 * @C2GUARD_BEACON_A_RETRIES: u32, retries of the current run
 * @C2GUARD_BEACON_A_INTERVAL: u32, ms, median gap
 * @C2GUARD_BEACON_A_JITTER: u32, MAD / median of the gaps, permille
 * @C2GUARD_BEACON_A_SIZE: u32, bytes, median event size
 * @C2GUARD_BEACON_A_AGE: u64, ms since the channel's first event
 * @C2GUARD_BEACON_A_IDLE: u64, ms since its last event
 * @C2GUARD_BEACON_A_ALERTS: u32, alerts raised on the channel
 * @C2GUARD_BEACON_A_TIMING: u16, timing sub-score, 0..1000
 * @C2GUARD_BEACON_A_DATA: u16, data size sub-score, 0..1000
 * @C2GUARD_BEACON_A_GAP_DISP: u16, sub-score of MAD / median of the gaps
 * @C2GUARD_BEACON_A_GAP_CV: u16, sub-score of the gaps' coefficient of
 *	variation
 * @C2GUARD_BEACON_A_GAP_SKEW: u16, sub-score of the gaps' Bowley skew
 * @C2GUARD_BEACON_A_COUNT: u16, sub-score of the number of gaps
 * @C2GUARD_BEACON_A_PAD: padding for 64-bit attributes
 */
enum c2guard_beacon_attr {
	C2GUARD_BEACON_A_UNSPEC,
	C2GUARD_BEACON_A_FAMILY,
	C2GUARD_BEACON_A_SADDR,
	C2GUARD_BEACON_A_DADDR,
	C2GUARD_BEACON_A_DPORT,
	C2GUARD_BEACON_A_PROTO,
	C2GUARD_BEACON_A_NAME,
	C2GUARD_BEACON_A_SCORE,
	C2GUARD_BEACON_A_GAPS,
	C2GUARD_BEACON_A_EVENTS,
	C2GUARD_BEACON_A_RETRIES,
	C2GUARD_BEACON_A_INTERVAL,
	C2GUARD_BEACON_A_JITTER,
	C2GUARD_BEACON_A_SIZE,
	C2GUARD_BEACON_A_AGE,
	C2GUARD_BEACON_A_IDLE,
	C2GUARD_BEACON_A_ALERTS,
	C2GUARD_BEACON_A_TIMING,
	C2GUARD_BEACON_A_DATA,
	C2GUARD_BEACON_A_GAP_DISP,
	C2GUARD_BEACON_A_GAP_CV,
	C2GUARD_BEACON_A_GAP_SKEW,
	C2GUARD_BEACON_A_COUNT,
	C2GUARD_BEACON_A_PAD,
	__C2GUARD_BEACON_A_MAX
};

#define C2GUARD_BEACON_A_MAX (__C2GUARD_BEACON_A_MAX - 1)

/**
 * enum c2guard_claim_attr - one source's listing of an indicator (nested in
 *	C2GUARD_IND_A_CLAIM; reply only)
 * @C2GUARD_CLAIM_A_FEED: NUL-terminated string, the feed listing it; absent
 *	for a manual entry
 * @C2GUARD_CLAIM_A_ACTION: u8, enum c2guard_action
 * @C2GUARD_CLAIM_A_TAG: NUL-terminated string, its tag
 * @C2GUARD_CLAIM_A_TIMEOUT: u32, seconds left, 0 when it does not expire
 */
enum c2guard_claim_attr {
	C2GUARD_CLAIM_A_UNSPEC,
	C2GUARD_CLAIM_A_FEED,
	C2GUARD_CLAIM_A_ACTION,
	C2GUARD_CLAIM_A_TAG,
	C2GUARD_CLAIM_A_TIMEOUT,
	__C2GUARD_CLAIM_A_MAX
};

#define C2GUARD_CLAIM_A_MAX (__C2GUARD_CLAIM_A_MAX - 1)

/**
 * enum c2guard_feed_attr - one named feed (nested in C2GUARD_A_FEED)
 * @C2GUARD_FEED_A_NAME: NUL-terminated string, 1 to C2GUARD_TAG_MAX - 1 bytes
 *	of letters, digits, '.', '_' and '-', not starting with '.' or '-'
 * @C2GUARD_FEED_A_SOURCE: NUL-terminated string, where the list came from (a
 *	path or URL), for people
 * @C2GUARD_FEED_A_FORMAT: NUL-terminated string, the list's format as c2ctl
 *	read it, for people
 * @C2GUARD_FEED_A_ACTION: u8, the action its entries got unless a line said
 *	otherwise
 * @C2GUARD_FEED_A_TAG: NUL-terminated string, the tag its entries got unless
 *	a line said otherwise
 * @C2GUARD_FEED_A_TIMEOUT: u32, FEED_BEGIN: seconds the new list lives unless
 *	replaced again (0: for ever); replies: seconds left, 0 when it does
 *	not expire
 * @C2GUARD_FEED_A_ERRORS: u32, FEED_COMMIT: lines of the list the client
 *	skipped as malformed (kept for FEED_GET)
 * @C2GUARD_FEED_A_UNSUPPORTED: u32, FEED_COMMIT: records of a type c2guard
 *	cannot match (hashes, URL paths, ...) the client left out (kept for
 *	FEED_GET)
 * @C2GUARD_FEED_A_IND_V4: u32 (reply only) IPv4 addresses and prefixes of the
 *	live list
 * @C2GUARD_FEED_A_IND_V6: u32 (reply only) IPv6 addresses and prefixes
 * @C2GUARD_FEED_A_IND_NAMES: u32 (reply only) exact names
 * @C2GUARD_FEED_A_IND_SUFFIXES: u32 (reply only) suffixes
 * @C2GUARD_FEED_A_IND_PORTS: u32 (reply only) address and port entries
 * @C2GUARD_FEED_A_LOADED: u64 (reply only) wall-clock time of the last
 *	commit, ns since epoch
 * @C2GUARD_FEED_A_STAGING: u32 (reply only) present while a new list is being
 *	staged: the entries staged so far
 * @C2GUARD_FEED_A_PAD: padding for 64-bit attributes
 * @C2GUARD_FEED_A_IND_ANSWERS: u32 (reply only) answer-address entries
 * @C2GUARD_FEED_A_IND_JA4: u32 (reply only) JA4 fingerprint entries
 * @C2GUARD_FEED_A_IND_URLS: u32 (reply only) URL entries
 */
enum c2guard_feed_attr {
	C2GUARD_FEED_A_UNSPEC,
	C2GUARD_FEED_A_NAME,
	C2GUARD_FEED_A_SOURCE,
	C2GUARD_FEED_A_FORMAT,
	C2GUARD_FEED_A_ACTION,
	C2GUARD_FEED_A_TAG,
	C2GUARD_FEED_A_TIMEOUT,
	C2GUARD_FEED_A_ERRORS,
	C2GUARD_FEED_A_UNSUPPORTED,
	C2GUARD_FEED_A_IND_V4,
	C2GUARD_FEED_A_IND_V6,
	C2GUARD_FEED_A_IND_NAMES,
	C2GUARD_FEED_A_IND_SUFFIXES,
	C2GUARD_FEED_A_IND_PORTS,
	C2GUARD_FEED_A_LOADED,
	C2GUARD_FEED_A_STAGING,
	C2GUARD_FEED_A_PAD,
	C2GUARD_FEED_A_IND_ANSWERS,
	C2GUARD_FEED_A_IND_JA4,
	C2GUARD_FEED_A_IND_URLS,
	__C2GUARD_FEED_A_MAX
};

#define C2GUARD_FEED_A_MAX (__C2GUARD_FEED_A_MAX - 1)

#endif /* _UAPI_LINUX_C2GUARD_H */
