// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/dns.c.
 *
 * The input is parsed as a UDP message and, through its 2-byte prefix, as
 * a TCP one.  Whatever it is: known codes, no read past the buffer (ASan),
 * every name NUL-terminated with len == strlen and only '!'..'~' without
 * upper case, qend within the buffer, chain and address indexes in range;
 * and the refusal built from a query with a complete question section
 * parses back as a response with the same id and questions.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "addr.h"

static void check_name(const struct c2g_name *n, bool may_be_empty)
{
	unsigned int i;

	if ((!n->len && !may_be_empty) || n->len > C2G_NAME_MAX ||
	    strlen(n->s) != n->len)
		abort();
	for (i = 0; i < n->len; i++) {
		if (n->s[i] < '!' || n->s[i] > '~' ||
		    (n->s[i] >= 'A' && n->s[i] <= 'Z'))
			abort();
	}
}

static void check_msg(const u8 *buf, size_t len, const struct c2g_dns_msg *m)
{
	unsigned int i;

	if (!m->nq || m->nq > C2G_DNS_MAX_Q || m->nq > m->qdcount)
		abort();
	if (m->qend && (m->qend > len || m->qend < C2G_DNS_HDR_LEN + 5))
		abort();
	if (!m->qend && !(m->notes & C2G_DNS_N_TRUNCATED))
		abort();
	for (i = 0; i < m->nq; i++)
		check_name(&m->q[i], true);
	if (!(m->flags & C2G_DNS_QR)) {
		if (m->nchain || m->naddr)
			abort();
		return;
	}
	if (m->nchain < 1 || m->nchain > C2G_DNS_MAX_CHAIN ||
	    m->naddr > C2G_DNS_MAX_ADDRS ||
	    memcmp(&m->chain[0], &m->q[0], m->q[0].len + 2))
		abort();
	for (i = 0; i < m->nchain; i++)
		check_name(&m->chain[i], i == 0);
	for (i = 0; i < m->naddr; i++) {
		if (m->addr[i].chain >= m->nchain ||
		    (m->addr[i].family != C2G_AF_INET &&
		     m->addr[i].family != C2G_AF_INET6) ||
		    m->addr[i].ttl & 0x80000000u)
			abort();
	}
	(void)buf;
}

static void check_refusal(const u8 *q, size_t len, const struct c2g_dns_msg *m)
{
	static struct c2g_dns_msg r;
	u8 out[600];
	size_t n;
	unsigned int i;

	n = c2g_dns_build_refusal(q, len, m, C2G_DNS_RCODE_REFUSED, out,
				  sizeof(out));
	if (!m->qend) {
		if (n)
			abort();
		return;
	}
	if (m->qend > sizeof(out)) {
		if (n)
			abort();
		return;
	}
	if (n != m->qend)
		abort();
	if (c2g_dns_parse(out, n, &r) != C2G_DNS_OK)
		abort();
	if (r.id != m->id || !(r.flags & C2G_DNS_QR) ||
	    C2G_DNS_RCODE(r.flags) != C2G_DNS_RCODE_REFUSED ||
	    r.qdcount != m->qdcount || r.ancount || r.nscount || r.arcount ||
	    r.nq != m->nq || r.qend != n || r.nchain != 1 || r.naddr)
		abort();
	for (i = 0; i < r.nq; i++) {
		if (r.qtype[i] != m->qtype[i] || r.q[i].len != m->q[i].len ||
		    strcmp(r.q[i].s, m->q[i].s))
			abort();
	}
	/* A buffer one byte short is refused. */
	if (c2g_dns_build_refusal(q, len, m, 3, out, n - 1))
		abort();
}

static void one(const u8 *buf, size_t len)
{
	static struct c2g_dns_msg m;
	int r;

	r = c2g_dns_parse(buf, len, &m);
	if (r < 0 || r >= __C2G_DNS_ERR_MAX || !c2g_dns_strerror(r))
		abort();
	if (r == C2G_DNS_E_SHORT && len >= C2G_DNS_HDR_LEN)
		abort();
	if (r != C2G_DNS_OK)
		return;
	check_msg(buf, len, &m);
	if (!(m.flags & C2G_DNS_QR))
		check_refusal(buf, len, &m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t ml;
	bool complete;
	int off;

	one(data, size);
	off = c2g_dns_tcp_msg(data, size, &ml, &complete);
	if (off == -1) {
		if (size >= 14)
			abort();
		return 0;
	}
	if (off != 2 || ml > size - 2 || (complete && ml != (size_t)
	    ((data[0] << 8) | data[1])))
		abort();
	one(data + 2, ml);
	return 0;
}
