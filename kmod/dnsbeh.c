// SPDX-License-Identifier: GPL-2.0
/*
 * DNS behaviour (dnsbeh.h).  Pure C: no kernel headers, no allocation, no
 * floating point.
 *
 * dga: a host's window opens at its first high-scoring query and lasts
 * dga_window_ms.  Each distinct high-scoring name in it scores a point (two
 * under a dynamic-DNS zone).  At dga_names points the host alerts if most
 * of the names got no address: a DGA bot's names mostly do not exist, or
 * were taken down.  Answers mark the names they answer (the first
 * C2G_DNSB_DGA_RING of the window).  A name whose answer has not come yet
 * counts as unanswered: a bot whose server never answers is caught too.
 *
 * nxdomain-burst: a host's window opens at its first NXDOMAIN answer and
 * lasts nx_window_ms; it alerts at nx_threshold distinct names answered
 * NXDOMAIN.  "Distinct" is judged against the last C2G_DNSB_NX_RING such
 * names: a resolver retrying one name is one name, and a bot never asks
 * one of its made-up names twice in a row.
 *
 * fast-flux: a name's window opens at its first watched answer and lasts
 * flux_window_ms.  It alerts when, in the window, its answers carried
 * addresses of at least flux_threshold networks (IPv4 /16, IPv6 /32), one
 * answer carried C2G_DNSB_FLUX_PER_ANSWER
 * addresses or more, a TTL was at most C2G_DNSB_FLUX_TTL_MAX seconds, and
 * C2G_DNSB_FLUX_ROTATIONS answers came with a set of addresses unlike the
 * one before.  A CDN (many addresses, few networks) and a round-robin name
 * (a stable set) do not; the NTP pool (4 addresses an answer) does not.
 *
 * Every detector alerts at most once per holddown_ms per host (name); the
 * alert flags the host (name) until the hold-down ends.
 */
#include "dnsbeh.h"

void c2g_dnsb_params_default(struct c2g_dnsb_params *p)
{
	p->dga_threshold = C2G_DNSB_DGA_THRESHOLD;
	p->dga_names = C2G_DNSB_DGA_NAMES;
	p->dga_window_ms = C2G_DNSB_DGA_WINDOW_MS;
	p->nx_threshold = C2G_DNSB_NX_THRESHOLD;
	p->nx_window_ms = C2G_DNSB_NX_WINDOW_MS;
	p->flux_threshold = C2G_DNSB_FLUX_THRESHOLD;
	p->flux_window_ms = C2G_DNSB_FLUX_WINDOW_MS;
	p->holddown_ms = C2G_DNSB_HOLDDOWN_MS;
}

static bool dnsb_window_ok(u32 ms)
{
	return ms >= C2G_DNSB_WINDOW_MIN_MS && ms <= C2G_DNSB_WINDOW_MAX_MS;
}

int c2g_dnsb_params_check(const struct c2g_dnsb_params *p, const char **why)
{
	if (p->dga_threshold < 1 || p->dga_threshold > 100)
		*why = "dga-threshold is 1..100";
	else if (p->dga_names < 2 || p->dga_names > C2G_DNSB_DGA_RING)
		*why = "dga-names is 2..16";
	else if (!dnsb_window_ok(p->dga_window_ms))
		*why = "dga-window is 1..86400 s";
	else if (p->nx_threshold < 2 || p->nx_threshold > C2G_DNSB_NX_MAX)
		*why = "nxdomain-burst-threshold is 2..10000";
	else if (!dnsb_window_ok(p->nx_window_ms))
		*why = "nxdomain-burst-window is 1..86400 s";
	else if (p->flux_threshold < 2 ||
		 p->flux_threshold > C2G_DNSB_FLUX_NETS)
		*why = "fast-flux-threshold is 2..32";
	else if (!dnsb_window_ok(p->flux_window_ms))
		*why = "fast-flux-window is 1..86400 s";
	else if (p->holddown_ms > C2G_DNSB_WINDOW_MAX_MS)
		*why = "dns-holddown is 0..86400 s";
	else
		return 0;
	return -EINVAL;
}

/* FNV-1a: the states only need names told apart, not secrecy. */
u32 c2g_dnsb_hash(const char *name, size_t len)
{
	u32 h = 2166136261u;

	while (len--)
		h = (h ^ (u8)*name++) * 16777619u;
	return h;
}

/* Is @t past the window that started at @start (0: none open)? */
static bool dnsb_expired(u64 start, u32 window, u64 t)
{
	return !start || t - start >= window;
}

static bool dnsb_held(u64 alert, u32 holddown, u64 t)
{
	return alert && t - alert < holddown;
}

static void dnsb_add_parent(struct c2g_dnsb_host *h, const char *s, u8 len)
{
	unsigned int i;

	if (!s || !len)
		return;
	if (len >= C2G_DNSB_PARENT_LEN)
		len = C2G_DNSB_PARENT_LEN - 1;
	for (i = 0; i < h->nparents; i++)
		if (!strncmp(h->parents[i], s, len) && !h->parents[i][len])
			return;
	if (h->nparents == C2G_DNSB_PARENTS)
		return;
	memset(h->parents[h->nparents], 0, C2G_DNSB_PARENT_LEN);
	memcpy(h->parents[h->nparents], s, len);
	h->nparents++;
}

static void dnsb_dga_reset(struct c2g_dnsb_host *h, u64 now)
{
	h->dga_start_ms = now;
	h->dga_n = 0;
	h->dga_names = 0;
	h->dga_points = 0;
	h->dga_answered = 0;
	h->dga_nx = 0;
	h->dga_dyn = 0;
	h->dga_top = 0;
	h->nparents = 0;
}

static void dnsb_nx_reset(struct c2g_dnsb_host *h, u64 now)
{
	h->nx_start_ms = now;
	h->nx_n = 0;
	h->nx_next = 0;
	h->nx_count = 0;
}

static void dnsb_host_evidence(const struct c2g_dnsb_host *h, bool dga,
			       u64 now, struct c2g_dnsb_evidence *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->names = h->dga_names;
	ev->points = h->dga_points;
	ev->answered = h->dga_answered;
	ev->dyn = h->dga_dyn;
	ev->top = h->dga_top;
	ev->nx = dga ? h->dga_nx : h->nx_count;
	ev->window_ms = (u32)(now - (dga ? h->dga_start_ms : h->nx_start_ms));
	ev->nparents = h->nparents;
	memcpy(ev->parents, h->parents, sizeof(ev->parents));
}

/* Clear the flags whose hold-down ended. */
static void dnsb_host_unflag(struct c2g_dnsb_host *h,
			     const struct c2g_dnsb_params *p, u64 now)
{
	if ((h->flagged & C2G_DNSB_F_DGA) &&
	    !dnsb_held(h->dga_alert_ms, p->holddown_ms, now))
		h->flagged &= ~C2G_DNSB_F_DGA;
	if ((h->flagged & C2G_DNSB_F_NX) &&
	    !dnsb_held(h->nx_alert_ms, p->holddown_ms, now))
		h->flagged &= ~C2G_DNSB_F_NX;
}

static bool dnsb_dga_decide(struct c2g_dnsb_host *h,
			    const struct c2g_dnsb_params *p, u64 now,
			    struct c2g_dnsb_evidence *ev)
{
	/* most of the names got no address */
	if (h->dga_points < p->dga_names ||
	    2u * h->dga_answered >= h->dga_names ||
	    dnsb_held(h->dga_alert_ms, p->holddown_ms, now))
		return false;
	dnsb_host_evidence(h, true, now, ev);
	h->dga_alert_ms = now ?: 1;
	h->flagged |= C2G_DNSB_F_DGA;
	return true;
}

bool c2g_dnsb_query(struct c2g_dnsb_host *h, const struct c2g_dnsb_params *p,
		    const struct c2g_dnsb_query *q, u64 now,
		    struct c2g_dnsb_evidence *ev)
{
	unsigned int i;

	dnsb_host_unflag(h, p, now);
	if (q->score < p->dga_threshold)
		return false;
	if (dnsb_expired(h->dga_start_ms, p->dga_window_ms, now))
		dnsb_dga_reset(h, now ?: 1);
	for (i = 0; i < h->dga_n; i++)
		if (h->dga_hash[i] == q->hash)
			return false;	/* asked again: one name */
	if (h->dga_n < C2G_DNSB_DGA_RING) {
		h->dga_hash[h->dga_n] = q->hash;
		h->dga_state[h->dga_n] = C2G_DNSB_S_ASKED;
		h->dga_n++;
	}
	if (h->dga_names < 0xffff)
		h->dga_names++;
	if (h->dga_points < 0xfffe)
		h->dga_points += q->dyn ? 2 : 1;
	if (q->dyn && h->dga_dyn < 0xffff)
		h->dga_dyn++;
	if (q->score > h->dga_top)
		h->dga_top = q->score;
	dnsb_add_parent(h, q->parent, q->plen);
	return dnsb_dga_decide(h, p, now, ev);
}

static bool dnsb_nx_seen(struct c2g_dnsb_host *h, u32 hash)
{
	unsigned int i;

	for (i = 0; i < h->nx_n; i++)
		if (h->nx_hash[i] == hash)
			return true;
	h->nx_hash[h->nx_next] = hash;
	h->nx_next = (h->nx_next + 1) % C2G_DNSB_NX_RING;
	if (h->nx_n < C2G_DNSB_NX_RING)
		h->nx_n++;
	return false;
}

unsigned int c2g_dnsb_answer(struct c2g_dnsb_host *h,
			     const struct c2g_dnsb_params *p,
			     const struct c2g_dnsb_answer *a, unsigned int want,
			     u64 now, struct c2g_dnsb_evidence ev[2])
{
	unsigned int i, alerts = 0;

	dnsb_host_unflag(h, p, now);
	if ((want & C2G_DNSB_F_DGA) &&
	    !dnsb_expired(h->dga_start_ms, p->dga_window_ms, now)) {
		for (i = 0; i < h->dga_n; i++) {
			if (h->dga_hash[i] != a->hash ||
			    h->dga_state[i] != C2G_DNSB_S_ASKED)
				continue;
			if (a->addrs) {
				h->dga_state[i] = C2G_DNSB_S_ANSWERED;
				h->dga_answered++;
			} else if (a->nx) {
				h->dga_state[i] = C2G_DNSB_S_NX;
				h->dga_nx++;
			}
			break;
		}
		if (dnsb_dga_decide(h, p, now, &ev[0]))
			alerts |= C2G_DNSB_F_DGA;
	}
	if (!(want & C2G_DNSB_F_NX) || !a->nx)
		return alerts;
	if (dnsb_expired(h->nx_start_ms, p->nx_window_ms, now))
		dnsb_nx_reset(h, now ?: 1);
	if (dnsb_nx_seen(h, a->hash))
		return alerts;
	if (h->nx_count < 0xffff)
		h->nx_count++;
	dnsb_add_parent(h, a->parent, a->plen);
	if (h->nx_count >= p->nx_threshold &&
	    !dnsb_held(h->nx_alert_ms, p->holddown_ms, now)) {
		dnsb_host_evidence(h, false, now, &ev[1]);
		h->nx_alert_ms = now ?: 1;
		h->flagged |= C2G_DNSB_F_NX;
		alerts |= C2G_DNSB_F_NX;
	}
	return alerts;
}

bool c2g_dnsb_host_expire(struct c2g_dnsb_host *h,
			  const struct c2g_dnsb_params *p, u64 now)
{
	dnsb_host_unflag(h, p, now);
	if (h->dga_start_ms &&
	    dnsb_expired(h->dga_start_ms, p->dga_window_ms, now))
		dnsb_dga_reset(h, 0);
	if (h->nx_start_ms && dnsb_expired(h->nx_start_ms, p->nx_window_ms, now))
		dnsb_nx_reset(h, 0);
	return !h->dga_start_ms && !h->nx_start_ms && !h->flagged &&
	       !dnsb_held(h->dga_alert_ms, p->holddown_ms, now) &&
	       !dnsb_held(h->nx_alert_ms, p->holddown_ms, now);
}

/* --- fast-flux ------------------------------------------------------- */

static u32 dnsb_rr_addr(const struct c2g_dnsb_rr *rr)
{
	if (rr->family == C2G_AF_INET)
		return (u32)rr->addr[0] << 24 | (u32)rr->addr[1] << 16 |
		       (u32)rr->addr[2] << 8 | rr->addr[3];
	return c2g_dnsb_hash((const char *)rr->addr, 16);
}

/* IPv4 /16 and IPv6 /32, told apart by the top bit of an IPv4 entry. */
static u32 dnsb_rr_net(const struct c2g_dnsb_rr *rr)
{
	if (rr->family == C2G_AF_INET)
		return 0x80000000u | (u32)rr->addr[0] << 8 | rr->addr[1];
	return ((u32)rr->addr[0] << 24 | (u32)rr->addr[1] << 16 |
		(u32)rr->addr[2] << 8 | rr->addr[3]) & 0x7fffffffu;
}

/* Add @v to the set @set of *@n (at most @max); true if it was new. */
static bool dnsb_set_add(u32 *set, u8 *n, unsigned int max, u32 v)
{
	unsigned int i;

	for (i = 0; i < *n; i++)
		if (set[i] == v)
			return false;
	if (*n < max)
		set[(*n)++] = v;
	return true;
}

bool c2g_dnsb_flux_candidate(const struct c2g_dnsb_rr *rr, unsigned int n)
{
	unsigned int i;

	if (n < 2)
		return false;
	for (i = 0; i < n; i++)
		if (rr[i].ttl <= C2G_DNSB_FLUX_TTL_MAX)
			return true;
	return false;
}

bool c2g_dnsb_flux(struct c2g_dnsb_name *nm, const struct c2g_dnsb_params *p,
		   const struct c2g_dnsb_rr *rr, unsigned int n, u64 now,
		   struct c2g_dnsb_evidence *ev)
{
	unsigned int i, distinct = 0;
	u32 set = 0, a;

	if (nm->flagged && !dnsb_held(nm->alert_ms, p->holddown_ms, now))
		nm->flagged = false;
	if (!n)
		return false;
	if (dnsb_expired(nm->start_ms, p->flux_window_ms, now)) {
		nm->start_ms = now ?: 1;
		nm->naddr = 0;
		nm->nnet = 0;
		nm->set = 0;
		nm->answers = 0;
		nm->rotations = 0;
		nm->ttl_min = 0xffffffffu;
		nm->per_answer = 0;
	}
	for (i = 0; i < n; i++) {
		unsigned int j;

		a = dnsb_rr_addr(&rr[i]);
		/* the set's hash ignores order and repeated records */
		for (j = 0; j < i; j++)
			if (dnsb_rr_addr(&rr[j]) == a && rr[j].family == rr[i].family)
				break;
		if (j < i)
			continue;
		distinct++;
		set += a * 2654435761u + 1;
		dnsb_set_add(nm->addr, &nm->naddr, C2G_DNSB_FLUX_ADDRS, a);
		dnsb_set_add(nm->net, &nm->nnet, C2G_DNSB_FLUX_NETS,
			     dnsb_rr_net(&rr[i]));
		if (rr[i].ttl < nm->ttl_min)
			nm->ttl_min = rr[i].ttl;
	}
	if (distinct > nm->per_answer)
		nm->per_answer = distinct > 255 ? 255 : (u8)distinct;
	if (nm->answers && set != nm->set && nm->rotations < 0xffff)
		nm->rotations++;
	nm->set = set;
	if (nm->answers < 0xffff)
		nm->answers++;
	if (nm->nnet < p->flux_threshold ||
	    nm->per_answer < C2G_DNSB_FLUX_PER_ANSWER ||
	    nm->ttl_min > C2G_DNSB_FLUX_TTL_MAX ||
	    nm->rotations < C2G_DNSB_FLUX_ROTATIONS ||
	    dnsb_held(nm->alert_ms, p->holddown_ms, now))
		return false;
	memset(ev, 0, sizeof(*ev));
	ev->addrs = nm->naddr;
	ev->nets = nm->nnet;
	ev->answers = nm->answers;
	ev->rotations = nm->rotations;
	ev->ttl_min = nm->ttl_min;
	ev->per_answer = nm->per_answer;
	ev->window_ms = (u32)(now - nm->start_ms);
	nm->alert_ms = now ?: 1;
	nm->flagged = true;
	return true;
}

bool c2g_dnsb_name_expire(struct c2g_dnsb_name *nm,
			  const struct c2g_dnsb_params *p, u64 now)
{
	if (nm->flagged && !dnsb_held(nm->alert_ms, p->holddown_ms, now))
		nm->flagged = false;
	if (nm->start_ms && dnsb_expired(nm->start_ms, p->flux_window_ms, now))
		nm->start_ms = 0;
	return !nm->start_ms && !nm->flagged &&
	       !dnsb_held(nm->alert_ms, p->holddown_ms, now);
}
