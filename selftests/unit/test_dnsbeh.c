// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/dnsbeh.c: the dga, nxdomain-burst and fast-flux
 * rules, positive and negative, with the default parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/c2guard.h>

#include "ktap.h"
#include "dga.h"
#include "dnsbeh.h"

static struct c2g_dnsb_params P;

static void setup(void)
{
	c2g_dnsb_params_default(&P);
}

/* A query of @name scored by the real model. */
static bool ask(struct c2g_dnsb_host *h, const char *name, u64 now,
		struct c2g_dnsb_evidence *ev)
{
	struct c2g_dnsb_query q;
	struct c2g_dga d;

	c2g_dga_score(name, strlen(name), &d);
	q.hash = c2g_dnsb_hash(name, strlen(name));
	q.score = d.score;
	q.dyn = d.dyn;
	q.parent = name + d.sfx;
	q.plen = (u8)(strlen(name) - d.sfx);
	return c2g_dnsb_query(h, &P, &q, now, ev);
}

static unsigned int reply(struct c2g_dnsb_host *h, const char *name, bool nx,
			  u64 now, struct c2g_dnsb_evidence ev[2])
{
	struct c2g_dnsb_answer a = {
		.hash = c2g_dnsb_hash(name, strlen(name)),
		.nx = nx,
		.addrs = !nx,
	};
	struct c2g_dga d;

	c2g_dga_score(name, strlen(name), &d);
	a.parent = name + d.sfx;
	a.plen = (u8)(strlen(name) - d.sfx);
	return c2g_dnsb_answer(h, &P, &a, C2G_DNSB_F_DGA | C2G_DNSB_F_NX, now,
			       ev);
}

static void params(void)
{
	struct c2g_dnsb_params p;
	const char *why = NULL;

	setup();
	CHECK(!c2g_dnsb_params_check(&P, &why), "defaults: %s", why);
	/* the module starts from the contract's defaults: the same */
	CHECK(P.dga_threshold == C2GUARD_DEFAULT_DGA_THRESHOLD &&
	      P.dga_names == C2GUARD_DEFAULT_DGA_NAMES &&
	      P.dga_window_ms == C2GUARD_DEFAULT_DGA_WINDOW * 1000 &&
	      P.nx_threshold == C2GUARD_DEFAULT_NXDOMAIN_BURST_THRESHOLD &&
	      P.nx_window_ms == C2GUARD_DEFAULT_NXDOMAIN_BURST_WINDOW * 1000 &&
	      P.flux_threshold == C2GUARD_DEFAULT_FAST_FLUX_THRESHOLD &&
	      P.flux_window_ms == C2GUARD_DEFAULT_FAST_FLUX_WINDOW * 1000 &&
	      P.holddown_ms == C2GUARD_DEFAULT_DNS_HOLDDOWN * 1000,
	      "dnsbeh.h defaults differ from uapi/c2guard.yaml's");
	CHECK(P.dga_threshold == c2g_dga_model.threshold,
	      "dga default %u, model %u", P.dga_threshold,
	      c2g_dga_model.threshold);
	p = P;
	p.dga_names = 1;
	CHECK(c2g_dnsb_params_check(&p, &why) == -EINVAL &&
	      strstr(why, "dga-names"), "dga-names 1");
	p = P;
	p.dga_names = C2G_DNSB_DGA_RING + 1;
	CHECK(c2g_dnsb_params_check(&p, &why) == -EINVAL, "dga-names 17");
	p = P;
	p.nx_window_ms = 999;
	CHECK(c2g_dnsb_params_check(&p, &why) == -EINVAL &&
	      strstr(why, "nxdomain-burst-window"), "nx window");
	p = P;
	p.flux_threshold = C2G_DNSB_FLUX_NETS + 1;
	CHECK(c2g_dnsb_params_check(&p, &why) == -EINVAL, "flux 33");
	p = P;
	p.dga_threshold = 0;
	CHECK(c2g_dnsb_params_check(&p, &why) == -EINVAL, "threshold 0");
}

/* Kraken: random labels under its four zones, one query every 1-4 s. */
static const char *const kraken[] = {
	"qzvkwmtrbx.dyndns.org", "hjxqplrwvz.dynserv.com", "vkzqtrmwpx.mooo.com",
	"wqxzjvkrtp.yi.org", "xrzvqkmtwl.dyndns.org", "pqzxwvkjrt.dynserv.com",
	"ztqxkvwrmj.mooo.com", "kvqzrxtwpm.yi.org", "mxqvzkwtrj.dyndns.org",
	"jzqxvkrwtm.dynserv.com",
};

static void dga_kraken(void)
{
	struct c2g_dnsb_evidence ev, ev2[2];
	struct c2g_dnsb_host h = {};
	unsigned int i, at = 0;
	u64 t = 1000;

	setup();
	for (i = 0; i < KTAP_ARRAY_SIZE(kraken) && !at; i++) {
		if (ask(&h, kraken[i], t, &ev))
			at = i + 1;
		else if (reply(&h, kraken[i], true, t + 50, ev2) &
			 C2G_DNSB_F_DGA)
			at = i + 1;
		t += 1000 + 1000 * (i % 4);
	}
	CHECK(at && at <= 10, "alert at query %u", at);
	CHECK(h.flagged & C2G_DNSB_F_DGA, "flagged");
	if (ev.names)
		CHECK(ev.dyn == ev.names && ev.points == 2 * ev.names &&
		      ev.top >= P.dga_threshold && ev.answered == 0,
		      "evidence: names %u points %u top %u", ev.names,
		      ev.points, ev.top);
	CHECK(ev.nparents >= 2 && !strcmp(ev.parents[0], "dyndns.org") &&
	      !strcmp(ev.parents[1], "dynserv.com"), "parents %u %s %s",
	      ev.nparents, ev.parents[0], ev.parents[1]);
	/* hold-down: the next names alert no more, the flag stays */
	for (; i < KTAP_ARRAY_SIZE(kraken); i++)
		CHECK(!ask(&h, kraken[i], t += 2000, &ev), "again %u", i);
	CHECK(h.flagged & C2G_DNSB_F_DGA, "still flagged");
	/* after the hold-down the flag goes, the evidence must come again */
	t += P.holddown_ms;
	CHECK(!c2g_dnsb_host_expire(&h, &P, t) || !h.flagged, "expire");
	CHECK(!(h.flagged & C2G_DNSB_F_DGA), "flag cleared");
}

/* A random .com DGA: five names, no dynamic DNS. */
static void dga_plain(void)
{
	static const char *const names[] = {
		"ufmkdjyvfkl.com", "hwevqwlocbvmrjdor.net", "fowsmbebhgyocgrv.com",
		"axjlaxcqpfvm.com", "zdzyqpcwsisos.com", "sqrrjweciuyb.com",
	};
	struct c2g_dnsb_evidence ev;
	struct c2g_dnsb_host h = {};
	unsigned int i, at = 0;

	setup();
	for (i = 0; i < KTAP_ARRAY_SIZE(names) && !at; i++)
		if (ask(&h, names[i], 1000 + 3000 * i, &ev))
			at = i + 1;
	CHECK(at == P.dga_names, "alert at %u", at);
	CHECK(ev.dyn == 0 && ev.points == ev.names, "points %u", ev.points);
}

/* High-scoring names that resolve: no alert (a CDN-heavy page, a test). */
static void dga_answered_quiet(void)
{
	struct c2g_dnsb_evidence ev, ev2[2];
	struct c2g_dnsb_host h = {};
	unsigned int i, alerts = 0;

	setup();
	for (i = 0; i < 12; i++) {
		const char *n = kraken[i % KTAP_ARRAY_SIZE(kraken)];

		/* answered at once, with addresses */
		alerts += ask(&h, n, 1000 + i * 100, &ev) &&
			  h.dga_answered * 2 < h.dga_names;
		alerts += !!(reply(&h, n, false, 1000 + i * 100 + 5, ev2) &
			     C2G_DNSB_F_DGA);
	}
	/* the first names could alert before their answers came: they did not
	 * reach the points alone, and after that most were answered */
	CHECK(!alerts && !h.flagged, "alerts %u flagged %u", alerts, h.flagged);
}

/* The same name again and again is one name; low scores count nothing. */
static void dga_repeats_and_words(void)
{
	static const char *const words[] = {
		"www.google.com", "wikipedia.org", "security.debian.org",
		"mail.yahoo.co.jp", "d111111abcdef8.cloudfront.net",
		"github.com", "fonts.gstatic.com",
	};
	struct c2g_dnsb_evidence ev;
	struct c2g_dnsb_host h = {};
	unsigned int i;

	setup();
	for (i = 0; i < 50; i++)
		CHECK(!ask(&h, "qzvkwmtrbx.dyndns.org", 1000 + i * 500, &ev),
		      "repeat %u", i);
	CHECK(h.dga_names == 1 && h.dga_points == 2, "names %u points %u",
	      h.dga_names, h.dga_points);
	memset(&h, 0, sizeof(h));
	for (i = 0; i < 100; i++)
		CHECK(!ask(&h, words[i % KTAP_ARRAY_SIZE(words)], 1000 + i, &ev),
		      "word %u", i);
	CHECK(h.dga_names == 0, "names %u", h.dga_names);
}

/* Four high-scoring names per window, windows apart: never five. */
static void dga_window(void)
{
	struct c2g_dnsb_evidence ev;
	struct c2g_dnsb_host h = {};
	unsigned int i;
	u64 t = 1000;
	char name[64];

	setup();
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "xq%ckzvwt%crbm.com", 'a' + i % 26,
			 'a' + i / 26);
		CHECK(!ask(&h, name, t, &ev), "name %u", i);
		t += P.dga_window_ms / 4 + 1;
	}
	CHECK(c2g_dnsb_host_expire(&h, &P, t + P.dga_window_ms),
	      "nothing left");
}

static void nx_burst(void)
{
	struct c2g_dnsb_evidence ev[2];
	struct c2g_dnsb_host h = {};
	unsigned int i, at = 0, r;
	char name[64];

	setup();
	for (i = 0; i < 40 && !at; i++) {
		snprintf(name, sizeof(name), "host%u.corp.example", i);
		r = reply(&h, name, true, 1000 + i * 2000, ev);
		if (r & C2G_DNSB_F_NX)
			at = i + 1;
	}
	CHECK(at == P.nx_threshold, "alert at %u", at);
	CHECK(ev[1].nx == P.nx_threshold && ev[1].nparents == 1 &&
	      !strcmp(ev[1].parents[0], "example"), "evidence %u %u %s",
	      ev[1].nx, ev[1].nparents, ev[1].parents[0]);
	CHECK(h.flagged & C2G_DNSB_F_NX, "flagged");
}

static void nx_quiet(void)
{
	struct c2g_dnsb_evidence ev[2];
	struct c2g_dnsb_host h = {};
	unsigned int i, alerts = 0;
	char name[64];

	setup();
	/* one name retried 500 times */
	for (i = 0; i < 500; i++)
		alerts += !!reply(&h, "wpad.corp.example", true, 1000 + i * 100,
				  ev);
	/* 18 distinct names more (19 with wpad), the window ends, 19 more */
	for (i = 0; i < 37; i++) {
		snprintf(name, sizeof(name), "typo%u.example", i);
		alerts += !!reply(&h, name, true,
				  100000 + i * 1000 +
				  (i >= 18 ? P.nx_window_ms : 0), ev);
	}
	/* answers with addresses are no NXDOMAIN */
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "ok%u.example", i);
		alerts += !!reply(&h, name, false, 900000 + i * 10, ev);
	}
	CHECK(!alerts && !h.flagged, "alerts %u", alerts);
}

/* A flux answer: @n addresses from distinct /16s, starting at @seed. */
static unsigned int flux_answer(struct c2g_dnsb_rr *rr, u8 (*addr)[4],
				unsigned int n, unsigned int seed, u32 ttl,
				unsigned int nets)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned int k = seed + i;

		addr[i][0] = (u8)(20 + (nets ? k % nets : k) * 7 % 200);
		addr[i][1] = (u8)(nets ? 1 : k * 13);
		addr[i][2] = (u8)(k * 31);
		addr[i][3] = (u8)(1 + k % 250);
		rr[i].family = C2G_AF_INET;
		rr[i].addr = addr[i];
		rr[i].ttl = ttl;
	}
	return n;
}

static void flux_fast(void)
{
	struct c2g_dnsb_rr rr[16];
	struct c2g_dnsb_evidence ev;
	struct c2g_dnsb_name nm = {};
	u8 addr[16][4];
	unsigned int i, n, at = 0;

	setup();
	for (i = 0; i < 10 && !at; i++) {
		n = flux_answer(rr, addr, 5 + i % 6, i * 11, 60 + i * 20, 0);
		CHECK(c2g_dnsb_flux_candidate(rr, n), "candidate %u", i);
		if (c2g_dnsb_flux(&nm, &P, rr, n, 1000 + i * 60000, &ev))
			at = i + 1;
	}
	CHECK(at == 3, "alert at answer %u", at);
	CHECK(ev.nets >= P.flux_threshold && ev.addrs >= ev.nets &&
	      ev.rotations == 2 && ev.answers == 3 && ev.ttl_min == 60 &&
	      ev.per_answer >= 5, "nets %u addrs %u rot %u ttl %u", ev.nets,
	      ev.addrs, ev.rotations, ev.ttl_min);
	CHECK(nm.flagged, "flagged");
}

static void flux_quiet(void)
{
	struct c2g_dnsb_rr rr[16];
	struct c2g_dnsb_evidence ev;
	struct c2g_dnsb_name nm;
	u8 addr[16][4];
	unsigned int i, n, alerts;

	setup();
	/* a CDN: 8 rotating addresses an answer, from two /16s */
	memset(&nm, 0, sizeof(nm));
	for (alerts = 0, i = 0; i < 50; i++) {
		n = flux_answer(rr, addr, 8, i * 8, 20, 2);
		alerts += c2g_dnsb_flux(&nm, &P, rr, n, 1000 + i * 30000, &ev);
	}
	CHECK(!alerts && nm.nnet <= 2, "CDN: alerts %u nets %u", alerts,
	      nm.nnet);
	/* round robin: the same 12 addresses of 12 networks, any order */
	memset(&nm, 0, sizeof(nm));
	for (alerts = 0, i = 0; i < 50; i++) {
		n = flux_answer(rr, addr, 12, 0, 60, 0);
		if (i % 2) {
			struct c2g_dnsb_rr t = rr[0];

			rr[0] = rr[11];
			rr[11] = t;
		}
		alerts += c2g_dnsb_flux(&nm, &P, rr, n, 1000 + i * 30000, &ev);
	}
	CHECK(!alerts && nm.rotations == 0, "round robin: alerts %u rot %u",
	      alerts, nm.rotations);
	/* the NTP pool: 4 rotating addresses of 4 networks an answer */
	memset(&nm, 0, sizeof(nm));
	for (alerts = 0, i = 0; i < 50; i++) {
		n = flux_answer(rr, addr, 4, i * 4, 130, 0);
		alerts += c2g_dnsb_flux(&nm, &P, rr, n, 1000 + i * 30000, &ev);
	}
	CHECK(!alerts && nm.nnet >= P.flux_threshold, "pool: alerts %u",
	      alerts);
	/* flux-like, but hour-long TTLs */
	memset(&nm, 0, sizeof(nm));
	for (alerts = 0, i = 0; i < 50; i++) {
		n = flux_answer(rr, addr, 8, i * 8, 3600, 0);
		CHECK(!c2g_dnsb_flux_candidate(rr, n), "long TTL candidate");
		alerts += c2g_dnsb_flux(&nm, &P, rr, n, 1000 + i * 30000, &ev);
	}
	CHECK(!alerts, "long TTL: alerts %u", alerts);
	/* one address: never a candidate */
	n = flux_answer(rr, addr, 1, 0, 5, 0);
	CHECK(!c2g_dnsb_flux_candidate(rr, n), "one address");
}

static void flux_expire(void)
{
	struct c2g_dnsb_rr rr[16];
	struct c2g_dnsb_evidence ev;
	struct c2g_dnsb_name nm = {};
	u8 addr[16][4];
	unsigned int n;

	setup();
	n = flux_answer(rr, addr, 8, 0, 60, 0);
	c2g_dnsb_flux(&nm, &P, rr, n, 1000, &ev);
	CHECK(!c2g_dnsb_name_expire(&nm, &P, 2000), "open window kept");
	CHECK(c2g_dnsb_name_expire(&nm, &P, 1000 + P.flux_window_ms),
	      "closed window freed");
}

#ifndef TOP_SITES
#define TOP_SITES "../data/top-sites-500.txt"
#endif

/*
 * An office host for 12 simulated minutes: the 500 most linked-to sites
 * (one every ~1.4 s, each answered with an address), CDN machine names and
 * their CDN answers (8 addresses of two /16s, TTL 20), mail and update
 * pollers every 30 s, and a typo (NXDOMAIN) every 40 s.  No detector
 * alerts at the defaults.
 */
static void office_quiet(void)
{
	static char sites[500][128];
	struct c2g_dnsb_evidence ev, ev2[2];
	struct c2g_dnsb_host h = {};
	struct c2g_dnsb_name cdn = {};
	struct c2g_dnsb_rr rr[8];
	unsigned int n = 0, i, alerts = 0, asked = 0;
	u8 addr[8][4];
	char line[256], name[128];
	FILE *f = fopen(TOP_SITES, "r");
	u64 t;

	setup();
	CHECK(f, "%s", TOP_SITES);
	while (f && n < 500 && fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\r\n")] = 0;
		snprintf(sites[n++], sizeof(sites[0]), "%.127s", line);
	}
	if (f)
		fclose(f);
	CHECK(n == 500, "%u sites", n);
	for (t = 1000, i = 0; t < 12 * 60000; t += 1400, i++) {
		const char *q = sites[i % n];

		alerts += ask(&h, q, t, &ev);
		alerts += !!reply(&h, q, false, t + 30, ev2);
		asked++;
		if (i % 5 == 0) {	/* a CDN name, answered by the CDN */
			snprintf(name, sizeof(name), "d%ux7k%u.cloudfront.net",
				 i * 2654435761u % 100000, i);
			alerts += ask(&h, name, t + 100, &ev);
			alerts += !!reply(&h, name, false, t + 130, ev2);
			flux_answer(rr, addr, 8, i * 8, 20, 2);
			alerts += c2g_dnsb_flux(&cdn, &P, rr, 8, t + 130, &ev);
			asked++;
		}
		if (i % 21 == 0) {	/* pollers, every ~30 s */
			alerts += ask(&h, "imap.gmail.com", t + 200, &ev);
			alerts += ask(&h, "security.debian.org", t + 210, &ev);
			alerts += ask(&h, "ctldl.windowsupdate.com", t + 220, &ev);
			asked += 3;
		}
		if (i % 29 == 0) {	/* a typo, every ~40 s */
			snprintf(name, sizeof(name), "gooogle%u.example", i);
			alerts += ask(&h, name, t + 300, &ev);
			alerts += !!reply(&h, name, true, t + 330, ev2);
			asked++;
		}
	}
	printf("# office: %u queries in 12 simulated minutes, %u alerts\n",
	       asked, alerts);
	CHECK(!alerts && !h.flagged && !cdn.flagged, "alerts %u", alerts);
	CHECK(asked > 600, "asked %u", asked);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(params),
	KTAP_CASE(dga_kraken),
	KTAP_CASE(dga_plain),
	KTAP_CASE(dga_answered_quiet),
	KTAP_CASE(dga_repeats_and_words),
	KTAP_CASE(dga_window),
	KTAP_CASE(nx_burst),
	KTAP_CASE(nx_quiet),
	KTAP_CASE(flux_fast),
	KTAP_CASE(flux_quiet),
	KTAP_CASE(flux_expire),
	KTAP_CASE(office_quiet),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
