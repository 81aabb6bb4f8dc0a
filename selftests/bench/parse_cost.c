// SPDX-License-Identifier: GPL-2.0
/*
 * parse_cost - instructions per parse of c2guard's wire parsers, and per
 * parse plus the name lookups the module makes, measured under callgrind
 * by parse_cost.sh (see README.md).
 *
 * usage: parse_cost MODE N
 *   MODE: empty, dig_a_query, cname_a_resp, tls, http, or one of those with
 *   "+lookup" (dig_a_query+lookup ...).  Runs run_loop() N times over the
 *   one input; callgrind counts only run_loop (--toggle-collect), so the
 *   set's construction is not counted.  "empty" is the baseline loop.
 *
 * The lookup is a userspace model of the module's: every suffix of every
 * name found, on a label boundary (c2g_name_suffixes()), is hashed and
 * probed once in an open-addressing set of NAMES names (none of which
 * the inputs match, the common case).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "tls.h"
#include "http.h"
#include "proto.h"
#include "captures.h"

#define NAMES		100000
#define SLOTS		(1u << 18)	/* load 0.38 */


struct slot {
	const char *s;
	unsigned int len;
};

static struct slot *set;
static char *arena;

static u32 hash(const char *s, unsigned int n)
{
	u32 h = 2166136261u;	/* FNV-1a */
	unsigned int i;

	for (i = 0; i < n; i++) {
		h ^= (u8)s[i];
		h *= 16777619u;
	}
	return h;
}

static void set_add(const char *s, unsigned int n)
{
	u32 i = hash(s, n) & (SLOTS - 1);

	while (set[i].s)
		i = (i + 1) & (SLOTS - 1);
	set[i].s = s;
	set[i].len = n;
}

static __attribute__((noinline)) bool set_has(const char *s, unsigned int n)
{
	u32 i = hash(s, n) & (SLOTS - 1);

	for (; set[i].s; i = (i + 1) & (SLOTS - 1)) {
		if (set[i].len == n && !memcmp(set[i].s, s, n))
			return true;
	}
	return false;
}

static void build_set(void)
{
	static const char *const tld[] = { "com", "net", "org", "ru", "xyz",
					   "top", "info", "cn" };
	unsigned int i;
	char *p;

	set = calloc(SLOTS, sizeof(*set));
	arena = malloc(NAMES * 48);
	if (!set || !arena)
		exit(1);
	p = arena;
	for (i = 0; i < NAMES; i++) {
		int n = sprintf(p, "%s%u.c2-%u.%s", i % 3 ? "cdn" : "x",
				i * 2654435761u % 1000003, i % 977,
				tld[i % 8]);

		set_add(p, (unsigned int)n);
		p += n + 1;
	}
}

/* Probe every label-boundary suffix of @n; returns the hits. */
static unsigned int lookup(const struct c2g_name *n)
{
	u8 st[C2G_LABELS_MAX];
	unsigned int i, k, hits = 0;

	k = c2g_name_suffixes(n, st, C2G_LABELS_MAX);
	if (k > C2G_LABELS_MAX)
		k = C2G_LABELS_MAX;
	for (i = 0; i < k; i++)
		hits += set_has(n->s + st[i], n->len - st[i]);
	return hits;
}

enum mode { EMPTY, DNS_Q, DNS_R, TLS, HTTP, P_TLS, P_HTTP, P_RAND, P_IRC };

/* wire.c's classification of a first payload (kmod/proto.c) */
static u8 rand_payload[200];
static const char irc_reg[] = "NICK bot4242\r\nUSER bot 0 * :x\r\n"
			      "JOIN #c2chan key\r\n";
static struct c2g_irc irc;

static struct c2g_dns_msg msg;
static struct c2g_name names[C2G_HTTP_MAX_HOSTS];

static __attribute__((noinline)) unsigned long
run_loop(enum mode mode, bool look, unsigned long n)
{
	unsigned long i, sink = 0;
	unsigned int k, nn;

	for (i = 0; i < n; i++) {
		switch (mode) {
		case EMPTY:
			sink += i;
			break;
		case DNS_Q:
		case DNS_R:
			if (mode == DNS_Q)
				sink += c2g_dns_parse(dig_a_query,
						      sizeof(dig_a_query), &msg);
			else
				sink += c2g_dns_parse(cname_a_resp,
						      sizeof(cname_a_resp), &msg);
			if (!look)
				break;
			for (k = 0; k < msg.nq; k++)
				sink += lookup(&msg.q[k]);
			/* chain[0] is q[0], looked up already */
			for (k = 1; k < msg.nchain; k++)
				sink += lookup(&msg.chain[k]);
			break;
		case TLS:
			if (c2g_tls_sni(curl_hello, sizeof(curl_hello),
					&names[0]) == C2G_TLS_SNI) {
				sink++;
				if (look)
					sink += lookup(&names[0]);
			}
			break;
		case HTTP:
			sink += c2g_http_hosts((const u8 *)curl_get,
					       sizeof(curl_get) - 1, names,
					       C2G_HTTP_MAX_HOSTS, &nn);
			if (look)
				for (k = 0; k < nn; k++)
					sink += lookup(&names[k]);
			break;
		case P_TLS:
			sink += c2g_proto_guess(curl_hello, sizeof(curl_hello),
						&irc);
			break;
		case P_HTTP:
			sink += c2g_proto_guess((const u8 *)curl_get,
						sizeof(curl_get) - 1, &irc);
			break;
		case P_RAND:
			sink += c2g_proto_guess(rand_payload,
						sizeof(rand_payload), &irc);
			break;
		case P_IRC:
			sink += c2g_proto_guess((const u8 *)irc_reg,
						sizeof(irc_reg) - 1, &irc);
			break;
		}
		__asm__ volatile("" : : "r"(sink) : "memory");
	}
	return sink;
}

int main(int argc, char **argv)
{
	static const char *const modes[] = { "empty", "dns_query",
					     "dns_resp", "tls", "http",
					     "proto_tls", "proto_http",
					     "proto_rand", "proto_irc" };
	unsigned long n;
	const char *plus;
	enum mode mode;
	size_t ml;
	bool look;
	unsigned int m;

	if (argc != 3) {
		fprintf(stderr, "usage: %s MODE[+lookup] N\n", argv[0]);
		return 2;
	}
	plus = strchr(argv[1], '+');
	look = plus && !strcmp(plus, "+lookup");
	ml = plus ? (size_t)(plus - argv[1]) : strlen(argv[1]);
	for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		if (strlen(modes[m]) == ml && !strncmp(argv[1], modes[m], ml))
			break;
	}
	if (m == sizeof(modes) / sizeof(modes[0]) || (plus && !look)) {
		fprintf(stderr, "%s: unknown mode %s\n", argv[0], argv[1]);
		return 2;
	}
	mode = (enum mode)m;
	n = strtoul(argv[2], NULL, 10);
	build_set();
	srand(19);
	for (m = 0; m < sizeof(rand_payload); m++)
		rand_payload[m] = rand();
	rand_payload[0] |= 0x80;	/* no TLS record type, no letter */
	printf("%s %lu %lu\n", argv[1], n, run_loop(mode, look, n));
	return 0;
}
