/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Safety rails of c2ctl: indicators it refuses to load unless the admin
 * says "force", because one of them would cut far more than a C2 server
 * (every flow, the gateway's own SSH, DNS to every name under a TLD).
 *
 * c2_rail_check() refuses a spec whose action is not "allow" when it is:
 *  - 0.0.0.0/0 or ::/0, an IPv4 prefix shorter than /8 or an IPv6 prefix
 *    shorter than /16;
 *  - overlapping (inside or covering) a reserved range: 0.0.0.0/8 ("this
 *    network", 0.0.0.0 included), 127.0.0.0/8, 169.254.0.0/16,
 *    224.0.0.0/4, 255.255.255.255, ::, ::1, fe80::/10, ff00::/8 (the
 *    whole of 0.0.0.0/8, not only 0.0.0.0/32: nothing legitimate lives
 *    there, and 0.0.0.0 and 255.255.255.255 carry DHCP);
 *  - covering an address of this gateway (struct c2_rails::local);
 *  - "*.X" with X a public suffix of either section of the Public Suffix
 *    List: ICANN ("*.co.uk") and private ("*.github.io",
 *    "*.cloudfront.net": a suffix of that size cuts as much as a TLD;
 *    blocking a dynamic DNS provider such as "*.duckdns.org" on purpose
 *    takes "force");
 *  - an exact name that is an ICANN public suffix ("com", "co.uk"): no
 *    host, a broken feed.  Private-section names ("github.io") are hosts
 *    of their own and pass as exact names.
 * Only suffixes the list names count: its implicit "*" rule, which makes
 * any unknown TLD ("*.lan", "*.bit") a public suffix, is not applied.
 *
 * "allow" is exempt: allowlisting 127.0.0.1 or a whole range only lets
 * traffic pass, it cannot cut any.  So are answer addresses ("answer
 * 127.0.0.2", a common sinkhole answer): they match DNS answer records,
 * never a flow, and at most drop the answers that carry them.  JA4
 * fingerprints have nothing to check: they match the ClientHellos of one
 * kind of client, never an address or a name of the gateway; nor have URL
 * indicators: they match HTTP requests to one host, no other flow.
 *
 * IPv4-mapped IPv6 (::ffff:0:0/96) is not looked into: IPv4 packets carry
 * IPv4 addresses, which the module looks up among IPv4 indicators only.
 *
 * Pure userspace C; only c2_rails_load_local() asks the system.
 */
#ifndef _C2CTL_RAILS_H
#define _C2CTL_RAILS_H

#include <net/if.h>

#include "feed.h"

/* Debian's "publicsuffix" package. */
#define C2_PSL_FILE	"/usr/share/publicsuffix/public_suffix_list.dat"

/* Room for any reason c2_rail_check() writes, NUL included. */
#define C2_RAIL_WHY_MAX	(2 * C2_IND_FMT_MAX + 96)

/* What the caller may append to a refusal. */
#define C2_RAIL_FORCE_HINT	"add \"force\" to load it anyway"

/**
 * struct c2_rail_local - an address of this gateway
 * @addr: the address, as a full-length prefix
 * @ifname: its interface, NUL-terminated, possibly empty
 */
struct c2_rail_local {
	struct c2g_prefix addr;
	char ifname[IF_NAMESIZE];
};

struct psl_ctx_st;

/**
 * struct c2_rails - what the checks compare against
 * @local: addresses of this gateway, @nlocal of them
 * @psl: the Public Suffix List (libpsl), NULL until loaded; without one
 *	every "*.X" and exact name is refused (fail closed)
 * @psl_builtin: @psl is libpsl's built-in copy, C2_PSL_FILE was missing
 */
struct c2_rails {
	struct c2_rail_local *local;
	size_t nlocal;
	struct psl_ctx_st *psl;
	bool psl_builtin;
};

void c2_rails_init(struct c2_rails *r);
void c2_rails_free(struct c2_rails *r);
int c2_rails_load_psl(struct c2_rails *r, const char *path);
int c2_rails_add_local(struct c2_rails *r, const struct c2g_prefix *addr,
		       const char *ifname);
int c2_rails_load_local(struct c2_rails *r);

int c2_rail_check(const struct c2_ind_spec *spec, const struct c2_rails *r,
		  char *why, size_t len);

#endif /* _C2CTL_RAILS_H */
