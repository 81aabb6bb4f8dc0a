// SPDX-License-Identifier: GPL-2.0
/*
 * DNS message parser: the questions, the CNAME chain and addresses of an
 * answer, and REFUSED/NXDOMAIN replies to a query.  Pure C (pure.h).
 *
 * Every read is checked against the buffer length.  Names are walked
 * without recursion: a label costs at least one wire octet of a name that
 * may have at most 255 of them, and compression pointers may only go
 * backwards, each hop to an offset lower than the hop before it (the first
 * one lower than where the name starts), at most C2G_DNS_MAX_HOPS of them.
 * The name part a pointer leads to (a "prior occurrence", RFC 1035 4.1.4)
 * must also end before the pointer itself.  Valid messages never need
 * more; loops, self and forward pointers are refused by construction, and
 * a question section reads the same when copied on its own (refusals).  A
 * pointer into the 12-byte header is refused too: no name can live there.
 *
 * The root name (a lone zero octet) has no text form: a question for it
 * (a resolver's priming query, ". NS") is kept as an empty name (len 0),
 * which matches no indicator, so that q[] stays in wire order and qend
 * still covers the whole question section.  A CNAME to the root is not
 * followed: the chain holds no empty name but (for such a question) q[0].
 *
 * Answer section: the chain starts with q[0] and grows by the target of
 * every CNAME record of class IN whose owner is in the chain.  The section
 * is read in passes; one pass is enough when the CNAMEs come in chain
 * order (the usual case), another is made only when the chain grew after
 * a record whose owner was not in it yet, so at most C2G_DNS_MAX_CHAIN
 * passes.  The addresses kept are those of the last pass.
 */
#include "dns.h"
#include "addr.h"

#define C2G_DNS_NAME_WIRE_MAX	255
#define C2G_DNS_RR_FIXED	10	/* type, class, ttl, rdlength */

#define C2G_DNS_RA		0x0080
#define C2G_DNS_RD		0x0100

enum c2g_dns_name_res {
	C2G_DNS_NAME_OK,
	C2G_DNS_NAME_BAD,	/* malformed: label type, length, pointer */
	C2G_DNS_NAME_SHORT,	/* the buffer ended inside the name */
};

static u16 c2g_get16(const u8 *p)
{
	return (u16)((p[0] << 8) | p[1]);
}

static u32 c2g_get32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static char c2g_dns_text_char(u8 c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	if (c < '!' || c > '~' || c == '.')
		return '?';
	return (char)c;
}

/**
 * c2g_dns_name() - walk the wire name at @off
 * @buf: the message
 * @len: bytes of it in the buffer
 * @off: where the name starts
 * @out: if not NULL, receives the text form
 * @cmp: if not NULL (and @out NULL), compared with the text form into
 *	*@eq; the walk stops at the first difference, so @cmp is only for
 *	names already walked without it (their errors found then)
 * @eq: see @cmp
 * @tlen: if not NULL, receives the length of the text form
 * @end: receives the offset just past the name where it sits (past its
 *	first pointer, or its terminating zero octet)
 *
 * Return: an enum c2g_dns_name_res.  *@end is set only on C2G_DNS_NAME_OK
 * after a whole walk (not when @cmp differed).
 */
static int c2g_dns_name(const u8 *buf, size_t len, size_t off,
			struct c2g_name *out, const struct c2g_name *cmp,
			bool *eq, size_t *tlen, size_t *end)
{
	size_t pos = off, limit = off, stop = 0, t = 0, seg_end = len;
	unsigned int wire = 1, hops = 0;	/* the root octet */

	for (;;) {
		unsigned int l, i;

		if (pos >= seg_end)
			return hops ? C2G_DNS_NAME_BAD : C2G_DNS_NAME_SHORT;
		l = buf[pos];
		if ((l & 0xc0) == 0xc0) {
			size_t to;

			if (pos + 1 >= seg_end)
				return hops ? C2G_DNS_NAME_BAD :
					      C2G_DNS_NAME_SHORT;
			to = ((l & 0x3f) << 8) | buf[pos + 1];
			if (!hops)
				stop = pos + 2;
			/* Backwards only, never into the header. */
			if (to >= limit || to < C2G_DNS_HDR_LEN ||
			    ++hops > C2G_DNS_MAX_HOPS)
				return C2G_DNS_NAME_BAD;
			limit = to;
			seg_end = pos;	/* a prior occurrence ends before */
			pos = to;
			continue;
		}
		if (l & 0xc0)		/* 0x40, 0x80: not in use */
			return C2G_DNS_NAME_BAD;
		if (!l) {
			if (!hops)
				stop = pos + 1;
			break;
		}
		wire += 1 + l;
		if (wire > C2G_DNS_NAME_WIRE_MAX)
			return C2G_DNS_NAME_BAD;
		if (pos + 1 + l > seg_end)
			return hops ? C2G_DNS_NAME_BAD : C2G_DNS_NAME_SHORT;
		/* t + 1 + l <= wire - 2 <= 253: within s[] with its NUL. */
		if (out) {
			if (t)
				out->s[t++] = '.';
			for (i = 1; i <= l; i++)
				out->s[t++] = c2g_dns_text_char(buf[pos + i]);
		} else if (cmp) {
			if (t + !!t + l > cmp->len || (t && cmp->s[t] != '.'))
				goto differ;
			if (t)
				t++;
			for (i = 1; i <= l; i++, t++) {
				if (cmp->s[t] != c2g_dns_text_char(buf[pos + i]))
					goto differ;
			}
		} else {
			t += !!t + l;
		}
		pos += 1 + l;
	}
	if (out) {
		out->s[t] = '\0';
		out->len = (u8)t;
	}
	if (cmp)
		*eq = t == cmp->len;
	if (tlen)
		*tlen = t;
	*end = stop;
	return C2G_DNS_NAME_OK;
differ:
	/* Only ever asked of a name walked (and so checked) before. */
	*eq = false;
	return C2G_DNS_NAME_OK;
}

/*
 * Find the end of the name at @off where it sits, without following its
 * pointer: enough to step over a record that is not read.
 */
static int c2g_dns_skip_name(const u8 *buf, size_t len, size_t off,
			     size_t *end)
{
	unsigned int wire = 1;
	size_t pos = off;

	for (;;) {
		unsigned int l;

		if (pos >= len)
			return C2G_DNS_NAME_SHORT;
		l = buf[pos];
		if ((l & 0xc0) == 0xc0) {
			if (pos + 2 > len)
				return C2G_DNS_NAME_SHORT;
			*end = pos + 2;
			return C2G_DNS_NAME_OK;
		}
		if (l & 0xc0)
			return C2G_DNS_NAME_BAD;
		if (!l) {
			*end = pos + 1;
			return C2G_DNS_NAME_OK;
		}
		wire += 1 + l;
		if (wire > C2G_DNS_NAME_WIRE_MAX)
			return C2G_DNS_NAME_BAD;
		pos += 1 + l;
	}
}

/*
 * Index in m->chain of the name at @off (-1: none), or -2 when it is
 * malformed or runs past @len.  *@end as for c2g_dns_name().
 */
static int c2g_dns_in_chain(const u8 *buf, size_t len, size_t off,
			    const struct c2g_dns_msg *m, size_t *end,
			    size_t *tlenp)
{
	unsigned int i;
	size_t tlen;
	bool eq;

	if (c2g_dns_name(buf, len, off, NULL, NULL, NULL, &tlen, end))
		return -2;
	*tlenp = tlen;
	for (i = 0; i < m->nchain; i++) {
		size_t e;

		if (m->chain[i].len != tlen)
			continue;
		c2g_dns_name(buf, len, off, NULL, &m->chain[i], &eq, NULL, &e);
		if (eq)
			return (int)i;
	}
	return -1;
}

/*
 * One pass over the answer section.  Returns true when the chain grew
 * after a record whose owner was not in it, so another pass is needed.
 */
static bool c2g_dns_answer_pass(const u8 *buf, size_t len,
				struct c2g_dns_msg *m)
{
	unsigned int last_ptr = 0, last_nchain = 0;
	bool missed = false, again = false;
	int last_own = -1;
	size_t pos = m->qend, end, e, tlen;
	unsigned int i;

	m->naddr = 0;
	m->notes &= ~(C2G_DNS_N_MORE_ADDRS | C2G_DNS_N_BAD_RR);
	for (i = 0; i < m->ancount; i++) {
		u16 type, cls, rdlen;
		size_t owner = pos, rd, rdend;
		int r, own, tgt;

		r = c2g_dns_skip_name(buf, len, pos, &end);
		if (r == C2G_DNS_NAME_SHORT ||
		    (r == C2G_DNS_NAME_OK && end + C2G_DNS_RR_FIXED > len)) {
			m->notes |= C2G_DNS_N_TRUNCATED;
			break;
		}
		if (r) {
			m->notes |= C2G_DNS_N_BAD_RR;
			break;
		}
		type = c2g_get16(buf + end);
		cls = c2g_get16(buf + end + 2);
		rdlen = c2g_get16(buf + end + 8);
		rd = end + C2G_DNS_RR_FIXED;
		rdend = rd + rdlen;
		if (rdend > len) {
			m->notes |= C2G_DNS_N_TRUNCATED;
			break;
		}
		pos = rdend;
		if (cls != C2G_DNS_CLASS_IN ||
		    (type != C2G_DNS_TYPE_A && type != C2G_DNS_TYPE_AAAA &&
		     type != C2G_DNS_TYPE_CNAME))
			continue;

		/*
		 * Owners are mostly a bare pointer to the same name as the
		 * record before: reuse that answer while the chain is as it
		 * was.  (A name valid through a pointer is valid through any
		 * later one.)
		 */
		if (end == owner + 2 && c2g_get16(buf + owner) == last_ptr &&
		    m->nchain == last_nchain) {
			own = last_own;
		} else {
			own = c2g_dns_in_chain(buf, len, owner, m, &e, &tlen);
			last_ptr = end == owner + 2 ? c2g_get16(buf + owner) : 0;
			last_own = own;
			last_nchain = m->nchain;
		}
		if (own == -2) {
			m->notes |= C2G_DNS_N_BAD_RR;
			break;
		}
		if (own == -1) {
			missed = true;
			continue;
		}
		if (type == C2G_DNS_TYPE_CNAME) {
			/* The target must fill the rdata exactly. */
			tgt = c2g_dns_in_chain(buf, rdend, rd, m, &e, &tlen);
			if (tgt == -2 || e != rdend) {
				m->notes |= C2G_DNS_N_BAD_RR;
				break;
			}
			/* Known already, or the root (no text form). */
			if (tgt >= 0 || !tlen)
				continue;
			if (m->nchain == C2G_DNS_MAX_CHAIN) {
				m->notes |= C2G_DNS_N_MORE_CHAIN;
				continue;
			}
			c2g_dns_name(buf, rdend, rd, &m->chain[m->nchain],
				     NULL, NULL, NULL, &e);
			m->nchain++;
			if (missed)
				again = true;
		} else {
			struct c2g_dns_addr *a;
			bool v4 = type == C2G_DNS_TYPE_A;
			u32 ttl;

			if (rdlen != (v4 ? 4 : 16)) {
				m->notes |= C2G_DNS_N_BAD_RR;
				break;
			}
			if (m->naddr == C2G_DNS_MAX_ADDRS) {
				m->notes |= C2G_DNS_N_MORE_ADDRS;
				continue;
			}
			a = &m->addr[m->naddr++];
			memset(a, 0, sizeof(*a));
			a->family = v4 ? C2G_AF_INET : C2G_AF_INET6;
			a->chain = (u8)own;
			ttl = c2g_get32(buf + end + 4);
			a->ttl = ttl & 0x80000000u ? 0 : ttl;
			memcpy(a->addr, buf + rd, rdlen);
		}
	}
	return again;
}

int c2g_dns_parse(const u8 *buf, size_t len, struct c2g_dns_msg *m)
{
	size_t pos = C2G_DNS_HDR_LEN, end;
	unsigned int i, pass;

	if (len < C2G_DNS_HDR_LEN)
		return C2G_DNS_E_SHORT;
	m->id = c2g_get16(buf);
	m->flags = c2g_get16(buf + 2);
	m->qdcount = c2g_get16(buf + 4);
	m->ancount = c2g_get16(buf + 6);
	m->nscount = c2g_get16(buf + 8);
	m->arcount = c2g_get16(buf + 10);
	m->nq = 0;
	m->qend = 0;
	m->nchain = 0;
	m->naddr = 0;
	m->notes = 0;
	if (C2G_DNS_OPCODE(m->flags))
		return C2G_DNS_E_OPCODE;
	if (!m->qdcount)
		return C2G_DNS_E_NOQUESTION;
	if (m->qdcount > C2G_DNS_MAX_Q)
		m->notes |= C2G_DNS_N_MORE_Q;

	for (i = 0; i < m->qdcount; i++) {
		struct c2g_name *q = i < C2G_DNS_MAX_Q ? &m->q[i] : NULL;
		int r;

		r = c2g_dns_name(buf, len, pos, q, NULL, NULL, NULL, &end);
		if (r == C2G_DNS_NAME_BAD)
			return C2G_DNS_E_NAME;
		if (r == C2G_DNS_NAME_SHORT || end + 4 > len) {
			if (!i)
				return C2G_DNS_E_NOQUESTION;
			m->notes |= C2G_DNS_N_TRUNCATED;
			break;
		}
		if (q) {
			m->qtype[i] = c2g_get16(buf + end);
			m->nq++;
		}
		pos = end + 4;
	}
	if (i == m->qdcount)
		m->qend = pos;

	if (!(m->flags & C2G_DNS_QR))
		return C2G_DNS_OK;
	m->chain[0] = m->q[0];
	m->nchain = 1;
	if (!m->qend)
		return C2G_DNS_OK;
	for (pass = 0; pass < C2G_DNS_MAX_CHAIN; pass++) {
		if (!c2g_dns_answer_pass(buf, len, m))
			break;
	}
	return C2G_DNS_OK;
}

const char *c2g_dns_strerror(int err)
{
	switch (err) {
	case C2G_DNS_OK:
		return "ok";
	case C2G_DNS_E_SHORT:
		return "shorter than a DNS header";
	case C2G_DNS_E_OPCODE:
		return "not a standard query";
	case C2G_DNS_E_NOQUESTION:
		return "no complete question";
	case C2G_DNS_E_NAME:
		return "malformed name in the question section";
	default:
		return "unknown error";
	}
}

int c2g_dns_tcp_msg(const u8 *buf, size_t len, size_t *msglen,
		    bool *complete)
{
	size_t want;

	if (len < 2 + C2G_DNS_HDR_LEN)
		return -1;
	want = c2g_get16(buf);
	*complete = want <= len - 2;
	*msglen = *complete ? want : len - 2;
	return 2;
}

size_t c2g_dns_build_refusal(const u8 *query, size_t qlen,
			     const struct c2g_dns_msg *m, u8 rcode, u8 *out,
			     size_t outlen)
{
	u16 flags;

	if (!m->qend || m->qend > qlen || outlen < m->qend)
		return 0;
	flags = C2G_DNS_QR | C2G_DNS_RA | (m->flags & C2G_DNS_RD) |
		(rcode & 0xf);
	/* The question section first: @out may be @query itself. */
	if (out != query)
		memcpy(out + C2G_DNS_HDR_LEN, query + C2G_DNS_HDR_LEN,
		       m->qend - C2G_DNS_HDR_LEN);
	out[0] = (u8)(m->id >> 8);
	out[1] = (u8)m->id;
	out[2] = (u8)(flags >> 8);
	out[3] = (u8)flags;
	out[4] = (u8)(m->qdcount >> 8);
	out[5] = (u8)m->qdcount;
	memset(out + 6, 0, 6);
	return m->qend;
}
