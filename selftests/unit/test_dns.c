// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/dns.c: real dig/dnsmasq messages (captured once, the
 * bytes embedded below) and crafted ones, good and malformed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "addr.h"
#include "ktap.h"
#include "captures.h"

/* dig WWW.Evil.Example AAAA */
static const u8 dig_aaaa_query[] = {
	0x7c, 0xa3, 0x01, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x03, 0x57, 0x57, 0x57, 0x04, 0x45, 0x76, 0x69, 0x6c, 0x07, 0x45, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00,
	0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x0a, 0x00,
	0x08, 0xc9, 0x4f, 0xa8, 0x46, 0x8c, 0x73, 0x77, 0xde,
};

/* dnsmasq: WWW.Evil.Example CNAME chain to one AAAA */
static const u8 cname_aaaa_resp[] = {
	0x7c, 0xa3, 0x85, 0x80, 0x00, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,
	0x03, 0x57, 0x57, 0x57, 0x04, 0x45, 0x76, 0x69, 0x6c, 0x07, 0x45, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00, 0x00, 0x1c, 0x00, 0x01, 0xc0, 0x0c,
	0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x11, 0x03, 0x6d,
	0x69, 0x64, 0x07, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x03, 0x6f,
	0x72, 0x67, 0x00, 0xc0, 0x2e, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x14, 0x06, 0x74, 0x61, 0x72, 0x67, 0x65, 0x74, 0x07, 0x65,
	0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x03, 0x6e, 0x65, 0x74, 0x00, 0xc0,
	0x4b, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x20,
	0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x00, 0x00, 0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00,
};

/* dnsmasq: target.example.net, 4 A, no EDNS */
static const u8 plain_a_resp[] = {
	0x37, 0xa5, 0x85, 0x80, 0x00, 0x01, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x06, 0x74, 0x61, 0x72, 0x67, 0x65, 0x74, 0x07, 0x65, 0x78, 0x61, 0x6d,
	0x70, 0x6c, 0x65, 0x03, 0x6e, 0x65, 0x74, 0x00, 0x00, 0x01, 0x00, 0x01,
	0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04,
	0xc0, 0x00, 0x02, 0x0c, 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x04, 0xc0, 0x00, 0x02, 0x0b, 0xc0, 0x0c, 0x00, 0x01,
	0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xc0, 0x00, 0x02, 0x0d,
	0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04,
	0xc0, 0x00, 0x02, 0x0a,
};

/* dig +tcp c2.bad.example TXT, with its 2-byte length prefix */
static const u8 dig_tcp_query[] = {
	0x00, 0x37, 0x92, 0xa7, 0x01, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x02, 0x63, 0x32, 0x03, 0x62, 0x61, 0x64, 0x07, 0x65, 0x78,
	0x61, 0x6d, 0x70, 0x6c, 0x65, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00, 0x00,
	0x29, 0x04, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x0a, 0x00,
	0x08, 0x90, 0x83, 0x2b, 0x61, 0x2e, 0x49, 0x74, 0x16,
};


/* Parse from an exactly-sized heap copy, so ASan sees any overread. */
static int parse(const u8 *b, size_t n, struct c2g_dns_msg *m)
{
	u8 *copy = malloc(n ? n : 1);
	int r;

	memcpy(copy, b, n);
	memset(m, 0xa5, sizeof(*m));
	r = c2g_dns_parse(copy, n, m);
	free(copy);
	return r;
}

/* A message under construction. */
struct msg {
	u8 b[2048];
	size_t n;
};

static void put8(struct msg *m, unsigned int v)
{
	m->b[m->n++] = (u8)v;
}

static void put16(struct msg *m, unsigned int v)
{
	put8(m, v >> 8);
	put8(m, v);
}

static void put32(struct msg *m, u32 v)
{
	put16(m, v >> 16);
	put16(m, v & 0xffff);
}

static void hdr(struct msg *m, unsigned int id, unsigned int flags,
		unsigned int qd, unsigned int an)
{
	m->n = 0;
	put16(m, id);
	put16(m, flags);
	put16(m, qd);
	put16(m, an);
	put16(m, 0);
	put16(m, 0);
}

/* Labels of @dotted, without the terminating zero octet; returns start. */
static size_t labels(struct msg *m, const char *dotted)
{
	size_t start = m->n;
	const char *p = dotted;

	while (*p) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);

		put8(m, l);
		memcpy(m->b + m->n, p, l);
		m->n += l;
		p += l;
		if (*p)
			p++;
	}
	return start;
}

static size_t name(struct msg *m, const char *dotted)
{
	size_t start = labels(m, dotted);

	put8(m, 0);
	return start;
}

static void ptr(struct msg *m, size_t to)
{
	put16(m, 0xc000 | to);
}

static void question(struct msg *m, const char *dotted, unsigned int type)
{
	name(m, dotted);
	put16(m, type);
	put16(m, 1);
}

/* Type, class, TTL and rdlength of a record whose owner was just put. */
static void rrfix(struct msg *m, unsigned int type, unsigned int cls,
		  u32 ttl, unsigned int rdlen)
{
	put16(m, type);
	put16(m, cls);
	put32(m, ttl);
	put16(m, rdlen);
}

static void a_rr(struct msg *m, const char *owner, u32 ttl, u8 last)
{
	name(m, owner);
	rrfix(m, C2G_DNS_TYPE_A, 1, ttl, 4);
	put8(m, 192);
	put8(m, 0);
	put8(m, 2);
	put8(m, last);
}

static void cname_rr(struct msg *m, const char *owner, const char *target)
{
	size_t rdl;

	name(m, owner);
	rrfix(m, C2G_DNS_TYPE_CNAME, 1, 300, 0);
	rdl = m->n - 2;
	name(m, target);
	m->b[rdl] = (u8)((m->n - rdl - 2) >> 8);
	m->b[rdl + 1] = (u8)(m->n - rdl - 2);
}

static const char *chain_str(const struct c2g_dns_msg *m, unsigned int i)
{
	return i < m->nchain ? m->chain[i].s : "(none)";
}

static void check_name_ok(const struct c2g_name *n)
{
	CHECK(n->len <= C2G_NAME_MAX && strlen(n->s) == n->len, "len %u", n->len);
}

static void test_dig_query(void)
{
	struct c2g_dns_msg m;
	int r = parse(dig_a_query, sizeof(dig_a_query), &m);

	CHECK(r == C2G_DNS_OK, "r=%d", r);
	CHECK(m.id == 0x38d7, "id %04x", m.id);
	CHECK(!(m.flags & C2G_DNS_QR), "flags %04x", m.flags);
	CHECK(m.qdcount == 1 && m.arcount == 1 && m.ancount == 0, "counts");
	CHECK(m.nq == 1, "nq %u", m.nq);
	CHECK(!strcmp(m.q[0].s, "www.evil.example") && m.q[0].len == 16,
	      "q0 '%s'", m.q[0].s);
	CHECK(m.qtype[0] == C2G_DNS_TYPE_A, "qtype %u", m.qtype[0]);
	CHECK(m.qend == 12 + 18 + 4, "qend %zu", m.qend);
	CHECK(m.nchain == 0 && m.naddr == 0 && m.notes == 0, "notes %x",
	      m.notes);

	r = parse(dig_aaaa_query, sizeof(dig_aaaa_query), &m);
	CHECK(r == C2G_DNS_OK, "r=%d", r);
	CHECK(!strcmp(m.q[0].s, "www.evil.example"), "case folded: '%s'",
	      m.q[0].s);
	CHECK(m.qtype[0] == C2G_DNS_TYPE_AAAA, "qtype %u", m.qtype[0]);
}

/* Check a refusal built from @q against the query and its parse. */
static void check_refusal(const u8 *q, size_t qlen, u8 rcode)
{
	struct c2g_dns_msg m, r;
	u8 out[512];
	size_t n;
	int e;

	CHECK(parse(q, qlen, &m) == C2G_DNS_OK, "query parses");
	n = c2g_dns_build_refusal(q, qlen, &m, rcode, out, sizeof(out));
	CHECK(n == m.qend, "n %zu qend %zu", n, m.qend);
	CHECK(out[0] == q[0] && out[1] == q[1], "same id");
	/* QR, opcode 0, RD from the query, RA, rcode; counts 1/0/0/0. */
	CHECK(out[2] == (0x80 | (q[2] & 0x01)), "flags hi %02x", out[2]);
	CHECK(out[3] == (0x80 | rcode), "flags lo %02x", out[3]);
	CHECK(!memcmp(out + 4, "\x00\x01\x00\x00\x00\x00\x00\x00", 8),
	      "counts");
	CHECK(!memcmp(out + 12, q + 12, n - 12), "question copied");
	e = parse(out, n, &r);
	CHECK(e == C2G_DNS_OK, "reply parses: %d", e);
	CHECK(r.flags & C2G_DNS_QR, "reply is a response");
	CHECK(C2G_DNS_RCODE(r.flags) == rcode, "rcode %u", C2G_DNS_RCODE(r.flags));
	CHECK(r.nq == m.nq && !strcmp(r.q[0].s, m.q[0].s), "same question");
	CHECK(r.qend == n && r.nchain == 1 && r.naddr == 0, "nothing else");
	/* Too small an output buffer, by one byte. */
	CHECK(!c2g_dns_build_refusal(q, qlen, &m, rcode, out, n - 1),
	      "short output");
}

static void test_refusal(void)
{
	struct c2g_dns_msg m;
	u8 buf[sizeof(dig_a_query)];
	size_t n;

	check_refusal(dig_a_query, sizeof(dig_a_query), C2G_DNS_RCODE_REFUSED);
	check_refusal(dig_a_query, sizeof(dig_a_query), C2G_DNS_RCODE_NXDOMAIN);
	check_refusal(dig_aaaa_query, sizeof(dig_aaaa_query),
		      C2G_DNS_RCODE_REFUSED);
	check_refusal(dig_tcp_query + 2, sizeof(dig_tcp_query) - 2,
		      C2G_DNS_RCODE_NXDOMAIN);

	/* In place, over the query itself. */
	memcpy(buf, dig_a_query, sizeof(buf));
	CHECK(c2g_dns_parse(buf, sizeof(buf), &m) == C2G_DNS_OK, "parse");
	n = c2g_dns_build_refusal(buf, sizeof(buf), &m, C2G_DNS_RCODE_REFUSED,
				  buf, sizeof(buf));
	CHECK(n == 34, "n %zu", n);
	CHECK(!memcmp(buf + 12, dig_a_query + 12, 22), "question intact");
	CHECK(buf[3] == 0x85 && buf[11] == 0, "flags %02x ar %u", buf[3],
	      buf[11]);

	/* No complete question section: nothing to build. */
	memset(&m, 0, sizeof(m));
	CHECK(!c2g_dns_build_refusal(dig_a_query, sizeof(dig_a_query), &m, 5,
				     buf, sizeof(buf)), "qend 0");
}

static void test_responses(void)
{
	struct c2g_dns_msg m;
	unsigned int i;
	int r;

	r = parse(cname_a_resp, sizeof(cname_a_resp), &m);
	CHECK(r == C2G_DNS_OK, "r=%d", r);
	CHECK(m.flags & C2G_DNS_QR, "QR");
	CHECK(m.nchain == 3, "nchain %u", m.nchain);
	CHECK(!strcmp(chain_str(&m, 0), "www.evil.example"), "%s",
	      chain_str(&m, 0));
	CHECK(!strcmp(chain_str(&m, 1), "mid.example.org"), "%s",
	      chain_str(&m, 1));
	CHECK(!strcmp(chain_str(&m, 2), "target.example.net"), "%s",
	      chain_str(&m, 2));
	CHECK(m.naddr == 4, "naddr %u", m.naddr);
	for (i = 0; i < m.naddr && i < 4; i++) {
		CHECK(m.addr[i].family == C2G_AF_INET && m.addr[i].chain == 2,
		      "addr %u", i);
		CHECK(!memcmp(m.addr[i].addr, "\xc0\x00\x02", 3) &&
		      m.addr[i].addr[3] >= 10 && m.addr[i].addr[3] <= 13,
		      "addr %u", i);
		CHECK(m.addr[i].ttl == 0, "ttl %u", m.addr[i].ttl);
	}
	CHECK(m.notes == 0, "notes %x", m.notes);

	r = parse(cname_aaaa_resp, sizeof(cname_aaaa_resp), &m);
	CHECK(r == C2G_DNS_OK, "r=%d", r);
	CHECK(m.nchain == 3 && m.naddr == 1, "nchain %u naddr %u", m.nchain,
	      m.naddr);
	CHECK(m.addr[0].family == C2G_AF_INET6 && m.addr[0].chain == 2,
	      "family %u", m.addr[0].family);
	CHECK(!memcmp(m.addr[0].addr,
		      "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\x01", 16), "aaaa");

	r = parse(plain_a_resp, sizeof(plain_a_resp), &m);
	CHECK(r == C2G_DNS_OK, "r=%d", r);
	CHECK(m.nchain == 1 && m.naddr == 4, "nchain %u naddr %u", m.nchain,
	      m.naddr);
	for (i = 0; i < 4; i++)
		CHECK(m.addr[i].chain == 0, "chain %u", m.addr[i].chain);
}

static void test_tcp(void)
{
	struct c2g_dns_msg m;
	size_t ml = 0;
	bool complete = false;
	int off, r;

	off = c2g_dns_tcp_msg(dig_tcp_query, sizeof(dig_tcp_query), &ml,
			      &complete);
	CHECK(off == 2 && ml == sizeof(dig_tcp_query) - 2 && complete,
	      "off %d ml %zu", off, ml);
	r = parse(dig_tcp_query + off, ml, &m);
	CHECK(r == C2G_DNS_OK && !strcmp(m.q[0].s, "c2.bad.example") &&
	      m.qtype[0] == 16, "r=%d '%s'", r, m.q[0].s);

	/* The first segment of a message split over two. */
	off = c2g_dns_tcp_msg(dig_tcp_query, 30, &ml, &complete);
	CHECK(off == 2 && ml == 28 && !complete, "ml %zu", ml);
	r = parse(dig_tcp_query + 2, ml, &m);
	CHECK(r == C2G_DNS_E_NOQUESTION, "r=%d", r);
	off = c2g_dns_tcp_msg(dig_tcp_query, 34, &ml, &complete);
	r = parse(dig_tcp_query + 2, ml, &m);
	CHECK(r == C2G_DNS_OK && m.qend == 32 && !complete, "r=%d", r);

	CHECK(c2g_dns_tcp_msg(dig_tcp_query, 13, &ml, &complete) == -1,
	      "too short");
	CHECK(c2g_dns_tcp_msg(dig_tcp_query, 14, &ml, &complete) == 2 &&
	      ml == 12 && !complete, "header only");
}

/* Every prefix of a real message parses sanely, without overreads. */
static void prefixes(const u8 *b, size_t n)
{
	struct c2g_dns_msg m;
	size_t i;

	for (i = 0; i <= n; i++) {
		int r = parse(b, i, &m);
		unsigned int k;

		CHECK(r >= 0 && r < __C2G_DNS_ERR_MAX, "r=%d", r);
		if (i < 12)
			CHECK(r == C2G_DNS_E_SHORT, "len %zu r=%d", i, r);
		if (r != C2G_DNS_OK)
			continue;
		CHECK(m.nq >= 1 && m.qend <= i, "len %zu", i);
		for (k = 0; k < m.nq; k++)
			check_name_ok(&m.q[k]);
		for (k = 0; k < m.nchain; k++)
			check_name_ok(&m.chain[k]);
		CHECK(m.naddr <= C2G_DNS_MAX_ADDRS, "naddr");
		if (i < n && m.ancount)
			CHECK(m.notes & C2G_DNS_N_TRUNCATED || m.naddr,
			      "len %zu notes %x", i, m.notes);
	}
}

static void test_prefixes(void)
{
	struct c2g_dns_msg m;

	prefixes(dig_a_query, sizeof(dig_a_query));
	prefixes(cname_a_resp, sizeof(cname_a_resp));
	prefixes(cname_aaaa_resp, sizeof(cname_aaaa_resp));

	/* Cut inside the answers: what came before is kept. */
	CHECK(parse(cname_a_resp, sizeof(cname_a_resp) - 40, &m) == C2G_DNS_OK,
	      "parse");
	CHECK(m.nchain == 3 && m.naddr >= 1 && m.naddr < 4 &&
	      (m.notes & C2G_DNS_N_TRUNCATED), "nchain %u naddr %u notes %x",
	      m.nchain, m.naddr, m.notes);
}

static void test_header_errors(void)
{
	struct c2g_dns_msg m;
	struct msg q;

	CHECK(parse(dig_a_query, 11, &m) == C2G_DNS_E_SHORT, "11 bytes");
	CHECK(parse(dig_a_query, 0, &m) == C2G_DNS_E_SHORT, "0 bytes");
	CHECK(parse(dig_a_query, 12, &m) == C2G_DNS_E_NOQUESTION, "header");

	hdr(&q, 1, 0x1000, 1, 0);		/* opcode 2: status */
	question(&q, "a.example", 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_OPCODE, "opcode");

	hdr(&q, 1, 0x0100, 0, 0);
	question(&q, "a.example", 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NOQUESTION, "qdcount 0");

	CHECK(strcmp(c2g_dns_strerror(C2G_DNS_E_NAME), "unknown error"),
	      "strerror");
	CHECK(!strcmp(c2g_dns_strerror(__C2G_DNS_ERR_MAX), "unknown error"),
	      "strerror");
}

static void test_questions(void)
{
	struct c2g_dns_msg m;
	struct msg q;
	size_t end;
	int r;

	/* Five questions: four kept, all five inside qend. */
	hdr(&q, 7, 0x0100, 5, 0);
	question(&q, "a.example", 1);
	question(&q, "b.example", 28);
	question(&q, "c.example", 1);
	question(&q, "d.example", 1);
	question(&q, "e.example", 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nq == 4 && m.qend == q.n, "r=%d nq %u", r,
	      m.nq);
	CHECK(m.notes == C2G_DNS_N_MORE_Q, "notes %x", m.notes);
	CHECK(!strcmp(m.q[3].s, "d.example") && m.qtype[1] == 28, "q3 %s",
	      m.q[3].s);

	/* The second question cut off: the first is kept, qend 0. */
	end = q.n;
	hdr(&q, 7, 0x0100, 2, 0);
	question(&q, "a.example", 1);
	question(&q, "b.example", 1);
	r = parse(q.b, q.n - 3, &m);
	CHECK(r == C2G_DNS_OK && m.nq == 1 && m.qend == 0 &&
	      m.notes == C2G_DNS_N_TRUNCATED, "r=%d nq %u notes %x", r, m.nq,
	      m.notes);
	(void)end;

	/* The root: kept as an empty name. */
	hdr(&q, 7, 0, 1, 0);
	put8(&q, 0);
	put16(&q, 2);
	put16(&q, 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nq == 1 && m.q[0].len == 0 &&
	      m.q[0].s[0] == '\0' && m.qend == 17, "r=%d", r);

	/* Odd bytes: '.' inside a label, controls, space, DEL, upper case. */
	hdr(&q, 7, 0, 1, 0);
	put8(&q, 7);
	memcpy(q.b + q.n, "a.B c\x01\x7f", 7);
	q.n += 7;
	name(&q, "EXAMPLE");
	put16(&q, 1);
	put16(&q, 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && !strcmp(m.q[0].s, "a?b?c??.example"),
	      "r=%d '%s'", r, m.q[0].s);
}

static void test_compression(void)
{
	struct c2g_dns_msg m;
	struct msg q;
	size_t ex, b;
	int r;

	/* Valid: the second name points into the first, two hops. */
	hdr(&q, 7, 0, 3, 0);
	labels(&q, "a");
	ex = name(&q, "example.com");
	put16(&q, 1);
	put16(&q, 1);
	b = labels(&q, "b");
	ptr(&q, 12);			/* b.a.example.com */
	put16(&q, 1);
	put16(&q, 1);
	labels(&q, "c");
	ptr(&q, b);			/* c.b.a.example.com: two hops */
	put16(&q, 1);
	put16(&q, 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nq == 3 && m.qend == q.n, "r=%d", r);
	CHECK(!strcmp(m.q[1].s, "b.a.example.com"), "'%s'", m.q[1].s);
	CHECK(!strcmp(m.q[2].s, "c.b.a.example.com"), "'%s'", m.q[2].s);
	(void)ex;

	/* Self pointer. */
	hdr(&q, 7, 0, 1, 0);
	ptr(&q, 12);
	put16(&q, 1);
	put16(&q, 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "self");

	/* Loop: a label, then a pointer back to it. */
	hdr(&q, 7, 0, 1, 0);
	labels(&q, "loop");
	ptr(&q, 12);
	put16(&q, 1);
	put16(&q, 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "loop");

	/* Loop over two names: 2nd -> 1st's pointer -> 2nd. */
	hdr(&q, 7, 0, 2, 0);
	labels(&q, "x");
	ptr(&q, 20);			/* forward, to the 2nd name */
	put16(&q, 1);
	put16(&q, 1);
	ptr(&q, 14);
	put16(&q, 1);
	put16(&q, 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "two-name loop");

	/*
	 * A pointer back to a name part that runs on past the pointer: the
	 * 2nd name points at the 1st one's QTYPE, read as a 10-byte label
	 * (16..25), then a 1-byte one (26..27) and the zero octet at 28.
	 */
	{
		static const u8 q2[] = {
			0x01, 'a', 0x00, 0x0a, 0x00, 0x00, 0x01,
			0x01, 'b', 0xc0, 0x0f, 0x00, 0x01, 0x00, 0x01,
			'z', 0x00,
		};

		hdr(&q, 7, 0, 2, 0);
		memcpy(q.b + q.n, q2, sizeof(q2));
		q.n += sizeof(q2);
		CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "overlapping");
	}

	/* Forward pointer to a valid name further on. */
	hdr(&q, 7, 0, 2, 0);
	ptr(&q, 18);
	put16(&q, 1);
	put16(&q, 1);
	question(&q, "fwd.example", 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "forward");

	/* Out of range, and into the header. */
	hdr(&q, 7, 0, 1, 0);
	ptr(&q, 0x3fff);
	put16(&q, 1);
	put16(&q, 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "out of range");
	hdr(&q, 7, 0, 1, 0);
	ptr(&q, 4);
	put16(&q, 1);
	put16(&q, 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "into the header");

	/* A pointer cut in half by the end of the buffer. */
	hdr(&q, 7, 0, 1, 0);
	labels(&q, "a");
	put8(&q, 0xc0);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NOQUESTION, "half pointer");

	/* Label types 0x40 (extended) and 0x80 (reserved). */
	hdr(&q, 7, 0, 1, 0);
	put8(&q, 0x41);
	question(&q, "a", 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "0x40");
	hdr(&q, 7, 0, 1, 0);
	put8(&q, 0x81);
	question(&q, "a", 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "0x80");
}

static void long_name(struct msg *q, const unsigned int *lens, unsigned int n)
{
	unsigned int i, k;

	hdr(q, 7, 0, 1, 0);
	for (i = 0; i < n; i++) {
		put8(q, lens[i]);
		for (k = 0; k < lens[i]; k++)
			put8(q, 'a' + i);
	}
	put8(q, 0);
	put16(q, 1);
	put16(q, 1);
}

static void test_lengths(void)
{
	static const unsigned int l255[] = { 63, 63, 63, 61 };
	static const unsigned int l256[] = { 63, 63, 63, 62 };
	static const unsigned int l64[] = { 64, 3 };
	static const unsigned int many[] = { 63, 63, 63, 63, 63, 63 };
	struct c2g_dns_msg m;
	struct msg q;
	int r;

	long_name(&q, l255, 4);		/* 255 octets: the longest */
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.q[0].len == 253 &&
	      strlen(m.q[0].s) == 253, "r=%d len %u", r, m.q[0].len);
	long_name(&q, l256, 4);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "256 octets");
	long_name(&q, l64, 2);		/* 64 reads as label type 0x40 */
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "label of 64");
	long_name(&q, many, 6);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "385 octets");

	/* Too long only through a pointer: 200 + 100 octets. */
	hdr(&q, 7, 0, 2, 0);
	put8(&q, 63);
	memset(q.b + q.n, 'x', 63);
	q.n += 63;
	put8(&q, 63);
	memset(q.b + q.n, 'y', 63);
	q.n += 63;
	put8(&q, 63);
	memset(q.b + q.n, 'z', 63);
	q.n += 63;
	put8(&q, 0);
	put16(&q, 1);
	put16(&q, 1);
	put8(&q, 63);
	memset(q.b + q.n, 'w', 63);
	q.n += 63;
	ptr(&q, 12);
	put16(&q, 1);
	put16(&q, 1);
	CHECK(parse(q.b, q.n, &m) == C2G_DNS_E_NAME, "long via pointer");
}

/* A response header and the question "www.example.com" A at 12. */
static void resp(struct msg *q, unsigned int an)
{
	hdr(q, 0x1234, 0x8180, 1, an);
	question(q, "www.example.com", 1);
}

static void test_chains(void)
{
	struct c2g_dns_msg m;
	struct msg q;
	unsigned int i;
	char nm[32];
	int r;

	/* Out of order: A of the end first, then the CNAMEs backwards. */
	resp(&q, 3);
	a_rr(&q, "c.example.net", 60, 7);
	cname_rr(&q, "b.example.org", "c.example.net");
	cname_rr(&q, "WWW.example.com", "b.example.org");
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nchain == 3 && m.naddr == 1, "r=%d %u %u",
	      r, m.nchain, m.naddr);
	CHECK(!strcmp(chain_str(&m, 1), "b.example.org") &&
	      !strcmp(chain_str(&m, 2), "c.example.net"), "chain");
	CHECK(m.addr[0].chain == 2 && m.addr[0].ttl == 60 &&
	      m.addr[0].addr[3] == 7, "addr");
	CHECK(m.notes == 0, "notes %x", m.notes);

	/* The chain leads to a name with no address; another name has one. */
	resp(&q, 2);
	cname_rr(&q, "www.example.com", "x.example");
	a_rr(&q, "y.example", 60, 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nchain == 2 && m.naddr == 0, "unlisted");

	/* Too long: 10 hops, 8 names kept, the end's address dropped. */
	resp(&q, 11);
	cname_rr(&q, "www.example.com", "n1.example");
	for (i = 1; i < 10; i++) {
		char to[32];

		snprintf(nm, sizeof(nm), "n%u.example", i);
		snprintf(to, sizeof(to), "n%u.example", i + 1);
		cname_rr(&q, nm, to);
	}
	a_rr(&q, "n10.example", 60, 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nchain == C2G_DNS_MAX_CHAIN &&
	      m.naddr == 0 && (m.notes & C2G_DNS_N_MORE_CHAIN), "r=%d %u %x",
	      r, m.nchain, m.notes);
	CHECK(!strcmp(chain_str(&m, 7), "n7.example"), "%s", chain_str(&m, 7));

	/* A CNAME loop (a -> b -> a) ends; the chain has both once. */
	resp(&q, 3);
	cname_rr(&q, "www.example.com", "b.example");
	cname_rr(&q, "b.example", "www.example.com");
	a_rr(&q, "b.example", 5, 9);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nchain == 2 && m.naddr == 1, "cname loop");

	/* A CNAME to the root is not followed. */
	resp(&q, 2);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_CNAME, 1, 60, 1);
	put8(&q, 0);
	a_rr(&q, "www.example.com", 5, 9);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nchain == 1 && m.naddr == 1 &&
	      m.notes == 0, "cname to root: %u %x", m.nchain, m.notes);

	/* 20 A records: 16 kept. */
	resp(&q, 20);
	for (i = 0; i < 20; i++) {
		ptr(&q, 12);
		rrfix(&q, C2G_DNS_TYPE_A, 1, 100 + i, 4);
		put32(&q, 0xc0000200 + i);
	}
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.naddr == C2G_DNS_MAX_ADDRS &&
	      m.notes == C2G_DNS_N_MORE_ADDRS, "r=%d %u %x", r, m.naddr,
	      m.notes);
	CHECK(m.addr[15].ttl == 115 && m.addr[15].addr[3] == 15, "16th");
}

static void test_bad_records(void)
{
	struct c2g_dns_msg m;
	struct msg q;
	int r;

	/* TTL with the top bit set reads as 0; class CH is ignored. */
	resp(&q, 3);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_A, 1, 0x80000001u, 4);
	put32(&q, 0x01020304);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_A, 3, 60, 4);
	put32(&q, 0x05060708);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_AAAA, 1, 7, 16);
	memset(q.b + q.n, 0x20, 16);
	q.n += 16;
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.naddr == 2 && m.addr[0].ttl == 0 &&
	      m.addr[1].family == C2G_AF_INET6 && m.addr[1].ttl == 7,
	      "r=%d naddr %u", r, m.naddr);

	/* A with rdlength 5 after a good one: walk stops, first kept. */
	resp(&q, 3);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_A, 1, 60, 4);
	put32(&q, 0x01020304);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_A, 1, 60, 5);
	put32(&q, 0x01020305);
	put8(&q, 0);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_A, 1, 60, 4);
	put32(&q, 0x01020306);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.naddr == 1 &&
	      (m.notes & C2G_DNS_N_BAD_RR), "naddr %u notes %x", m.naddr,
	      m.notes);

	/* AAAA with rdlength 4. */
	resp(&q, 1);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_AAAA, 1, 60, 4);
	put32(&q, 0x01020304);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.naddr == 0 &&
	      m.notes == C2G_DNS_N_BAD_RR, "notes %x", m.notes);

	/* An owner that is a self pointer. */
	resp(&q, 2);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_A, 1, 60, 4);
	put32(&q, 0x01020304);
	ptr(&q, q.n);
	rrfix(&q, C2G_DNS_TYPE_A, 1, 60, 4);
	put32(&q, 0x01020305);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.naddr == 1 &&
	      m.notes == C2G_DNS_N_BAD_RR, "notes %x", m.notes);

	/* A CNAME whose target overruns its rdata. */
	resp(&q, 2);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_CNAME, 1, 60, 3);
	name(&q, "evil.example");
	a_rr(&q, "evil.example", 60, 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.nchain == 1 &&
	      (m.notes & C2G_DNS_N_BAD_RR), "notes %x", m.notes);

	/* An rdlength running past the buffer. */
	resp(&q, 1);
	ptr(&q, 12);
	rrfix(&q, C2G_DNS_TYPE_A, 1, 60, 400);
	put32(&q, 0x01020304);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.naddr == 0 &&
	      m.notes == C2G_DNS_N_TRUNCATED, "notes %x", m.notes);

	/* ANCOUNT larger than the records present. */
	resp(&q, 5);
	a_rr(&q, "www.example.com", 60, 1);
	r = parse(q.b, q.n, &m);
	CHECK(r == C2G_DNS_OK && m.naddr == 1 &&
	      m.notes == C2G_DNS_N_TRUNCATED, "notes %x", m.notes);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_dig_query),
	KTAP_CASE(test_refusal),
	KTAP_CASE(test_responses),
	KTAP_CASE(test_tcp),
	KTAP_CASE(test_prefixes),
	KTAP_CASE(test_header_errors),
	KTAP_CASE(test_questions),
	KTAP_CASE(test_compression),
	KTAP_CASE(test_lengths),
	KTAP_CASE(test_chains),
	KTAP_CASE(test_bad_records),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
