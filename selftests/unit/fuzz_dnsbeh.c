// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/dnsbeh.c.
 *
 * The input is a script of queries, answers, fast-flux answers, expiries
 * and clock steps on one host and one name, under parameters from its
 * first bytes (the defaults when those do not pass the check).  Whatever
 * it says: the rings and sets stay within bounds, parents stay
 * NUL-terminated, an alert's evidence is consistent with the rule that
 * raised it, and an alert flags its host or name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dnsbeh.h"

static const char *const parents[] = {
	"com", "dyndns.org", "co.uk", "a-very-long-parent-domain-name.example",
};

static void check_host(const struct c2g_dnsb_host *h)
{
	unsigned int i;

	if (h->dga_n > C2G_DNSB_DGA_RING || h->nx_n > C2G_DNSB_NX_RING ||
	    h->nx_next >= C2G_DNSB_NX_RING || h->nparents > C2G_DNSB_PARENTS ||
	    h->dga_answered + h->dga_nx > h->dga_n || h->dga_n > h->dga_names ||
	    h->dga_dyn > h->dga_names || h->dga_points < h->dga_names)
		abort();
	for (i = 0; i < C2G_DNSB_PARENTS; i++)
		if (!memchr(h->parents[i], 0, C2G_DNSB_PARENT_LEN))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_dnsb_evidence ev, ev2[2];
	struct c2g_dnsb_host host = {};
	struct c2g_dnsb_name name = {};
	struct c2g_dnsb_params p;
	struct c2g_dnsb_rr rr[C2G_DNSB_FLUX_NETS];
	const char *why;
	u64 now = 1;
	size_t i = 0;

	if (size < 8)
		return 0;
	c2g_dnsb_params_default(&p);
	p.dga_threshold = data[0];
	p.dga_names = data[1];
	p.nx_threshold = data[2];
	p.flux_threshold = data[3];
	p.dga_window_ms = p.nx_window_ms = p.flux_window_ms =
		1000u * (1 + data[4]);
	p.holddown_ms = 1000u * data[5];
	if (c2g_dnsb_params_check(&p, &why))
		c2g_dnsb_params_default(&p);
	i = 6;
	while (i + 2 <= size) {
		u8 op = data[i++], arg = data[i++];

		switch (op % 5) {
		case 0: {	/* query: name arg % 40, score, dyn */
			struct c2g_dnsb_query q = {
				.hash = arg % 40,
				.score = i < size ? data[i++] % 101 : 100,
				.dyn = arg & 0x80,
				.parent = parents[arg % 4],
			};

			q.plen = (u8)strlen(q.parent);
			if (c2g_dnsb_query(&host, &p, &q, now, &ev) &&
			    (!(host.flagged & C2G_DNSB_F_DGA) ||
			     ev.points < p.dga_names ||
			     2u * ev.answered >= ev.names ||
			     ev.top < p.dga_threshold))
				abort();
			break;
		}
		case 1: {	/* answer */
			struct c2g_dnsb_answer a = {
				.hash = arg % 40,
				.nx = arg & 0x40,
				.addrs = arg & 0x80,
				.parent = parents[(arg >> 2) % 4],
			};
			unsigned int r;

			a.plen = (u8)strlen(a.parent);
			r = c2g_dnsb_answer(&host, &p, &a, 3, now, ev2);
			if ((r & C2G_DNSB_F_NX) &&
			    (ev2[1].nx < p.nx_threshold ||
			     !(host.flagged & C2G_DNSB_F_NX)))
				abort();
			break;
		}
		case 2: {	/* flux answer of arg % 17 records */
			unsigned int n = arg % 17, k;

			if (n > C2G_DNSB_FLUX_NETS)
				n = C2G_DNSB_FLUX_NETS;
			for (k = 0; k < n; k++) {
				if (i + 5 > size) {
					n = k;
					break;
				}
				rr[k].family = data[i] & 1 ? C2G_AF_INET6 :
							     C2G_AF_INET;
				/* IPv6 reads 16 bytes: only where they exist */
				if (rr[k].family == C2G_AF_INET6 && i + 16 > size)
					rr[k].family = C2G_AF_INET;
				rr[k].addr = data + i;
				rr[k].ttl = data[i + 4] * 16u;
				i += 5;
			}
			c2g_dnsb_flux_candidate(rr, n);
			if (c2g_dnsb_flux(&name, &p, rr, n, now, &ev) &&
			    (!name.flagged || ev.nets < p.flux_threshold ||
			     ev.ttl_min > C2G_DNSB_FLUX_TTL_MAX ||
			     ev.rotations < C2G_DNSB_FLUX_ROTATIONS))
				abort();
			/* nets <= addrs but for hash collisions (IPv6) */
			if (name.naddr > C2G_DNSB_FLUX_ADDRS ||
			    name.nnet > C2G_DNSB_FLUX_NETS)
				abort();
			break;
		}
		case 3:
			c2g_dnsb_host_expire(&host, &p, now);
			c2g_dnsb_name_expire(&name, &p, now);
			break;
		default:	/* the clock: up to ~4 h */
			now += (u64)arg * arg * 250;
			break;
		}
		check_host(&host);
	}
	return 0;
}
