/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DNS behaviour of inside hosts and of names, with no list: the evidence
 * of the dga, nxdomain-burst and fast-flux detectors (pure C, see pure.h).
 *
 * The caller keeps one struct c2g_dnsb_host per inside host and one
 * struct c2g_dnsb_name per name whose answers it watches, feeds them the
 * DNS messages it sees and asks whether they now make an alert.  Nothing
 * here reads a clock, allocates, sleeps or takes a lock: the caller
 * serialises calls on one state.  Times are milliseconds on any monotonic
 * u64 clock.  docs/dns-behaviour.md explains the rules and the defaults.
 */
#ifndef _C2G_DNSBEH_H
#define _C2G_DNSBEH_H

#include "pure.h"
#include "addr.h"

/* High-scoring names a host's dga window remembers (distinct names). */
#define C2G_DNSB_DGA_RING	16
/* NXDOMAIN names a host's window remembers, to count distinct ones. */
#define C2G_DNSB_NX_RING	32
/* Parent domains (public suffixes) kept as evidence, and their length. */
#define C2G_DNSB_PARENTS	4
#define C2G_DNSB_PARENT_LEN	24
/* A name's distinct addresses and networks remembered in its window. */
#define C2G_DNSB_FLUX_ADDRS	64
#define C2G_DNSB_FLUX_NETS	32

/* Fixed parts of the fast-flux rule (docs/dns-behaviour.md). */
#define C2G_DNSB_FLUX_TTL_MAX		300	/* s: a short TTL */
#define C2G_DNSB_FLUX_PER_ANSWER	5	/* addresses in one answer */
#define C2G_DNSB_FLUX_ROTATIONS		2	/* answers with a new set */

/* Defaults of struct c2g_dnsb_params. */
#define C2G_DNSB_DGA_THRESHOLD	63		/* score, as c2g_dga */
#define C2G_DNSB_DGA_NAMES	5		/* points */
#define C2G_DNSB_DGA_WINDOW_MS	600000u		/* 10 min */
#define C2G_DNSB_NX_THRESHOLD	20		/* distinct names */
#define C2G_DNSB_NX_WINDOW_MS	300000u		/* 5 min */
#define C2G_DNSB_FLUX_THRESHOLD	10		/* networks */
#define C2G_DNSB_FLUX_WINDOW_MS	1800000u	/* 30 min */
#define C2G_DNSB_HOLDDOWN_MS	3600000u	/* 1 h */

/* Limits c2g_dnsb_params_check() enforces. */
#define C2G_DNSB_WINDOW_MIN_MS	1000u
#define C2G_DNSB_WINDOW_MAX_MS	86400000u	/* 1 day */
#define C2G_DNSB_NX_MAX		10000

/**
 * struct c2g_dnsb_params - thresholds, per netns
 * @dga_threshold: a name scoring at least this (1..100) is high-scoring
 * @dga_names: a host alerts dga when its high-scoring names in the window
 *	reach this many points (a name under a dynamic-DNS zone counts 2,
 *	others 1), 2..C2G_DNSB_DGA_RING, and most of them got no address
 * @dga_window_ms: how long a host's high-scoring names count
 * @nx_threshold: a host alerts nxdomain-burst at this many distinct
 *	names answered NXDOMAIN in the window, 2..C2G_DNSB_NX_MAX
 * @nx_window_ms: that window
 * @flux_threshold: a name alerts fast-flux when its answers in the window
 *	carry addresses of at least this many networks, 2..C2G_DNSB_FLUX_NETS
 *	(and many addresses an answer, short TTLs, a rotating set: see
 *	dnsbeh.c)
 * @flux_window_ms: that window
 * @holddown_ms: at most one alert per host (name) and detector per this
 */
struct c2g_dnsb_params {
	u8 dga_threshold;
	u16 dga_names;
	u32 dga_window_ms;
	u16 nx_threshold;
	u32 nx_window_ms;
	u16 flux_threshold;
	u32 flux_window_ms;
	u32 holddown_ms;
};

/**
 * struct c2g_dnsb_host - one inside host's DNS behaviour
 * @dga_start_ms: start of the dga window (0: none open)
 * @dga_hash: the window's high-scoring names (hashes), @dga_n of them
 * @dga_state: per name: C2G_DNSB_S_* (what its answer said)
 * @dga_names: distinct high-scoring names in the window (may exceed the
 *	ring; the ring holds the first C2G_DNSB_DGA_RING)
 * @dga_points: their points (dynamic-DNS names count 2)
 * @dga_answered: of the ring's names, those answered with an address
 * @dga_nx: those answered NXDOMAIN (or with an error)
 * @dga_dyn: names under a dynamic-DNS zone
 * @dga_top: the highest score
 * @dga_alert_ms: the last dga alert (0: never)
 * @nx_start_ms, @nx_hash, @nx_n, @nx_next, @nx_count: the nxdomain window:
 *	the last C2G_DNSB_NX_RING names (hashes) answered NXDOMAIN, and how
 *	many distinct ones the window saw
 * @nx_alert_ms: the last nxdomain-burst alert (0: never)
 * @parents: the parent domains (public suffixes) of the names that count,
 *	dga's first, then nxdomain's, NUL-padded, @nparents of them
 * @flagged: C2G_DNSB_F_DGA / _NX: alerted, the action hits its queries
 */
struct c2g_dnsb_host {
	u64 dga_start_ms;
	u64 dga_alert_ms;
	u64 nx_start_ms;
	u64 nx_alert_ms;
	u32 dga_hash[C2G_DNSB_DGA_RING];
	u32 nx_hash[C2G_DNSB_NX_RING];
	u8 dga_state[C2G_DNSB_DGA_RING];
	u8 dga_n;
	u8 dga_top;
	u16 dga_names;
	u16 dga_points;
	u16 dga_answered;
	u16 dga_nx;
	u16 dga_dyn;
	u8 nx_n;
	u8 nx_next;
	u16 nx_count;
	u8 nparents;
	u8 flagged;
	char parents[C2G_DNSB_PARENTS][C2G_DNSB_PARENT_LEN];
};

#define C2G_DNSB_S_ASKED	0
#define C2G_DNSB_S_ANSWERED	1
#define C2G_DNSB_S_NX		2

#define C2G_DNSB_F_DGA		1
#define C2G_DNSB_F_NX		2

/* What a query's name was scored (c2g_dga_score()) and cut into. */
struct c2g_dnsb_query {
	u32 hash;		/* of the whole name, c2g_dnsb_hash() */
	u8 score;
	bool dyn;
	const char *parent;	/* its public suffix, not NUL-terminated */
	u8 plen;
};

/* An answer as the detectors see it. */
struct c2g_dnsb_answer {
	u32 hash;		/* of the question's name */
	bool nx;		/* NXDOMAIN (or SERVFAIL) */
	bool addrs;		/* at least one A/AAAA record */
	const char *parent;	/* the question's public suffix (nx only) */
	u8 plen;
};

/* What an alert reports: a copy of the state that raised it. */
struct c2g_dnsb_evidence {
	u16 names;		/* dga: distinct high-scoring names */
	u16 points;
	u16 answered;
	u16 nx;			/* dga: of them NXDOMAIN; nx: distinct names */
	u16 dyn;
	u8 top;			/* dga: highest score */
	u8 nparents;
	u32 window_ms;		/* how long the evidence took to gather */
	char parents[C2G_DNSB_PARENTS][C2G_DNSB_PARENT_LEN];
	/* fast-flux */
	u16 addrs;
	u16 nets;
	u16 answers;
	u16 rotations;
	u32 ttl_min;
	u8 per_answer;
};

void c2g_dnsb_params_default(struct c2g_dnsb_params *p);
/* 0, or -EINVAL with *@why naming the bad parameter. */
int c2g_dnsb_params_check(const struct c2g_dnsb_params *p, const char **why);

/* The hash the states remember a name by. */
u32 c2g_dnsb_hash(const char *name, size_t len);

/*
 * A query of @host for a name scored @q (only names scoring at least
 * dga_threshold change anything).  Returns true when the host now makes a
 * dga alert (filling @ev; the host is then flagged).
 */
bool c2g_dnsb_query(struct c2g_dnsb_host *host,
		    const struct c2g_dnsb_params *p,
		    const struct c2g_dnsb_query *q, u64 now,
		    struct c2g_dnsb_evidence *ev);

/*
 * An answer to @host.  Returns C2G_DNSB_F_DGA and/or C2G_DNSB_F_NX for
 * the alerts it now makes (@ev filled for each: @ev[0] dga, @ev[1] nx).
 * @want: the detectors turned on (C2G_DNSB_F_*).
 */
unsigned int c2g_dnsb_answer(struct c2g_dnsb_host *host,
			     const struct c2g_dnsb_params *p,
			     const struct c2g_dnsb_answer *a, unsigned int want,
			     u64 now, struct c2g_dnsb_evidence ev[2]);

/*
 * Forget the windows that ended before @now; true when nothing is left
 * worth keeping (no open window, no flag, no hold-down running).
 */
bool c2g_dnsb_host_expire(struct c2g_dnsb_host *host,
			  const struct c2g_dnsb_params *p, u64 now);

/**
 * struct c2g_dnsb_name - one name's answers, for fast-flux
 * @start_ms: start of the window (0: none open)
 * @alert_ms: the last alert (0: never)
 * @addr: distinct addresses (IPv4 as is, IPv6 hashed), @naddr of them
 * @net: distinct networks (/16, /32), @nnet of them
 * @set: the last answer's set of addresses (order-free hash)
 * @answers: answers in the window
 * @rotations: answers whose set differed from the one before
 * @ttl_min: the shortest TTL seen (s)
 * @per_answer: the most addresses in one answer
 * @flagged: alerted: the action hits its queries
 */
struct c2g_dnsb_name {
	u64 start_ms;
	u64 alert_ms;
	u32 addr[C2G_DNSB_FLUX_ADDRS];
	u32 net[C2G_DNSB_FLUX_NETS];
	u32 set;
	u32 ttl_min;
	u16 answers;
	u16 rotations;
	u8 naddr;
	u8 nnet;
	u8 per_answer;
	bool flagged;
};

/* One A/AAAA record of an answer. */
struct c2g_dnsb_rr {
	u8 family;		/* C2G_AF_INET or C2G_AF_INET6 */
	const u8 *addr;		/* 4 or 16 bytes */
	u32 ttl;
};

/*
 * Whether an answer of @n records is worth watching for fast-flux at all:
 * at least two addresses, one of them with a short TTL.
 */
bool c2g_dnsb_flux_candidate(const struct c2g_dnsb_rr *rr, unsigned int n);

/*
 * The answer's @n A/AAAA records for @name.  Returns true when the name
 * now makes a fast-flux alert (filling @ev; the name is then flagged).
 */
bool c2g_dnsb_flux(struct c2g_dnsb_name *name,
		   const struct c2g_dnsb_params *p,
		   const struct c2g_dnsb_rr *rr, unsigned int n, u64 now,
		   struct c2g_dnsb_evidence *ev);

/* As c2g_dnsb_host_expire(), for a name. */
bool c2g_dnsb_name_expire(struct c2g_dnsb_name *name,
			  const struct c2g_dnsb_params *p, u64 now);

#endif /* _C2G_DNSBEH_H */
