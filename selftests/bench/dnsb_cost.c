// SPDX-License-Identifier: GPL-2.0
/*
 * dnsb_cost - instructions per DNS query through the DNS behaviour stage
 * as the module runs it (kmod/dnswatch.c without the kernel): the parse
 * (dns.c), the DGA score of the first name (dga.c, psl.c) and, for a
 * high-scoring name, the host's update (dnsbeh.c).  Counted by callgrind
 * in parse_cost.sh.
 *
 * usage: dnsb_cost MODE N
 *   empty  the baseline loop
 *   word   a query for www.debian.org: parse and score (low: no update)
 *   dga    queries for 64 random labels under dyndns.org: parse, score,
 *          host update (a host state of its own per 16 names, so the ring
 *          search is as long as it gets)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dga.h"
#include "dns.h"
#include "dnsbeh.h"

#define NQ	64

static u8 query[NQ][300];
static size_t qlen[NQ];
static struct c2g_dns_msg msg;
static struct c2g_dnsb_host hosts[NQ / 16];
static struct c2g_dnsb_params params;

static size_t build(u8 *b, const char *name)
{
	static const u8 hdr[12] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0,
				    0, 0 };
	size_t n = sizeof(hdr);
	const char *p = name, *dot;

	memcpy(b, hdr, n);
	for (;;) {
		dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);

		b[n++] = (u8)l;
		memcpy(b + n, p, l);
		n += l;
		if (!dot)
			break;
		p = dot + 1;
	}
	b[n++] = 0;
	memcpy(b + n, "\0\1\0\1", 4);	/* A, IN */
	return n + 4;
}

static __attribute__((noinline)) unsigned long
run_loop(int mode, unsigned long n)
{
	unsigned long i, sink = 0;

	for (i = 0; i < n; i++) {
		unsigned int k = mode == 1 ? 0 : i % NQ;
		struct c2g_dnsb_evidence ev;
		struct c2g_dnsb_query q;
		const struct c2g_name *nm;
		struct c2g_dga d;

		if (!mode) {
			sink += i;
			goto next;
		}
		if (c2g_dns_parse(query[k], qlen[k], &msg))
			goto next;
		nm = &msg.q[0];
		c2g_dga_score(nm->s, nm->len, &d);
		sink += d.score;
		if (d.score < params.dga_threshold)
			goto next;
		q.hash = c2g_dnsb_hash(nm->s, nm->len);
		q.score = d.score;
		q.dyn = d.dyn;
		q.parent = nm->s + d.sfx;
		q.plen = (u8)(nm->len - d.sfx);
		sink += c2g_dnsb_query(&hosts[k / 16], &params, &q,
				       1000 + i, &ev);
next:
		__asm__ volatile("" : : "r"(sink) : "memory");
	}
	return sink;
}

int main(int argc, char **argv)
{
	static const char letters[] = "bcdfghjklmnpqrstvwxz";
	char name[64];
	unsigned int i, j;
	int mode;

	if (argc != 3) {
		fprintf(stderr, "usage: %s empty|word|dga N\n", argv[0]);
		return 2;
	}
	mode = !strcmp(argv[1], "word") ? 1 : !strcmp(argv[1], "dga") ? 2 :
	       !strcmp(argv[1], "empty") ? 0 : -1;
	if (mode < 0)
		return 2;
	c2g_dnsb_params_default(&params);
	/* a high hold-down is not needed: an alert just flags the host */
	qlen[0] = build(query[0], "www.debian.org");
	for (i = mode == 2 ? 0 : 1; i < NQ; i++) {
		srand(i + 1);
		for (j = 0; j < 12; j++)
			name[j] = letters[rand() % 20];
		strcpy(name + 12, ".dyndns.org");
		qlen[i] = build(query[i], name);
	}
	printf("%s %s %lu\n", argv[1], argv[2],
	       run_loop(mode, strtoul(argv[2], NULL, 10)));
	return 0;
}
