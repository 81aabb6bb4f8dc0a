/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DNS message parser (RFC 1035 and later), pure C: see pure.h.
 *
 * It reads one message from a bounded buffer and never reads past it.
 * What the module needs of a message: the names asked, the CNAME chain an
 * answer walks from the first name asked, and the A/AAAA addresses of that
 * chain with their TTLs; and, to refuse a query, where its question
 * section ends.  Everything else (authority and additional sections, EDNS,
 * other record types) is stepped over, not interpreted.
 */
#ifndef _C2G_DNS_H
#define _C2G_DNS_H

#include "pure.h"
#include "name.h"

#define C2G_DNS_HDR_LEN		12
#define C2G_DNS_MAX_Q		4	/* questions kept (more are counted) */
#define C2G_DNS_MAX_CHAIN	8	/* names of the CNAME chain kept */
#define C2G_DNS_MAX_ADDRS	16	/* chain addresses kept */
#define C2G_DNS_MAX_HOPS	64	/* compression pointers per name */

/* Header flag bits (host order of the 16-bit flags word). */
#define C2G_DNS_QR		0x8000
#define C2G_DNS_OPCODE(f)	(((f) >> 11) & 0xf)
#define C2G_DNS_TC		0x0200
#define C2G_DNS_RCODE(f)	((f) & 0xf)

#define C2G_DNS_RCODE_NXDOMAIN	3
#define C2G_DNS_RCODE_REFUSED	5

#define C2G_DNS_TYPE_A		1
#define C2G_DNS_TYPE_CNAME	5
#define C2G_DNS_TYPE_AAAA	28
#define C2G_DNS_CLASS_IN	1

/* Bits of c2g_dns_msg.notes: what the parser saw but could not keep. */
#define C2G_DNS_N_TRUNCATED	0x01	/* the buffer ended inside the message */
#define C2G_DNS_N_MORE_Q	0x02	/* more than C2G_DNS_MAX_Q questions */
#define C2G_DNS_N_MORE_CHAIN	0x04	/* chain longer than C2G_DNS_MAX_CHAIN */
#define C2G_DNS_N_MORE_ADDRS	0x08	/* more than C2G_DNS_MAX_ADDRS addresses */
#define C2G_DNS_N_BAD_RR	0x10	/* a malformed answer record ended the walk */

/**
 * struct c2g_dns_addr - an A or AAAA record of the chain
 * @family: C2G_AF_INET or C2G_AF_INET6 (addr.h)
 * @chain: index in c2g_dns_msg.chain of the record's owner name
 * @ttl: the record's TTL in seconds (a value with the top bit set is 0)
 * @addr: network byte order; IPv4 in addr[0..3]
 */
struct c2g_dns_addr {
	u8 family;
	u8 chain;
	u32 ttl;
	u8 addr[16];
};

/**
 * struct c2g_dns_msg - what c2g_dns_parse() found
 * @id: message id
 * @flags: header flags word (C2G_DNS_QR, ...)
 * @qdcount: QDCOUNT from the header (@ancount etc. likewise)
 * @nq: questions parsed into @q/@qtype
 * @q: the names asked, in order
 * @qtype: their QTYPEs
 * @qend: offset just past the last question parsed (all QDCOUNT of them,
 *	or 0 when the question section did not parse completely)
 * @nchain: names in @chain; chain[0] is q[0] (responses only)
 * @chain: q[0], then every CNAME target reached from it through the answer
 *	section, in the order they were reached
 * @naddr: addresses in @addr (responses only)
 * @addr: A/AAAA records of class IN in the answer section whose owner is
 *	in @chain
 * @notes: C2G_DNS_N_* bits
 */
struct c2g_dns_msg {
	u16 id;
	u16 flags;
	u16 qdcount;
	u16 ancount;
	u16 nscount;
	u16 arcount;
	u8 nq;
	u16 qtype[C2G_DNS_MAX_Q];
	struct c2g_name q[C2G_DNS_MAX_Q];
	size_t qend;
	u8 nchain;
	struct c2g_name chain[C2G_DNS_MAX_CHAIN];
	u8 naddr;
	struct c2g_dns_addr addr[C2G_DNS_MAX_ADDRS];
	u32 notes;
};

enum c2g_dns_err {
	C2G_DNS_OK = 0,
	C2G_DNS_E_SHORT,	/* fewer than 12 bytes */
	C2G_DNS_E_OPCODE,	/* not a standard query (opcode != 0) */
	C2G_DNS_E_NOQUESTION,	/* QDCOUNT 0, or the first question cut off */
	/*
	 * A malformed name in the question section: label type 0x40/0x80,
	 * name > 255 octets, pointer loop, forward or out-of-range pointer.
	 */
	C2G_DNS_E_NAME,
	__C2G_DNS_ERR_MAX
};

/*
 * Parse the DNS message in @buf[0..@len).  @len may be less than the real
 * message (a truncated capture): what lies in the buffer is parsed and
 * C2G_DNS_N_TRUNCATED set.  Returns C2G_DNS_OK when the header and at least
 * the first question parsed; then @m is filled.  On error @m is undefined.
 * For a response (C2G_DNS_QR set) the answer section is walked to fill
 * @chain and @addr; a malformed record stops the walk (C2G_DNS_N_BAD_RR)
 * but keeps what was found before it.
 *
 * Compression pointers are followed only backwards, each to an offset
 * lower than the one before, so every name is read in bounded time.
 */
int c2g_dns_parse(const u8 *buf, size_t len, struct c2g_dns_msg *m);
const char *c2g_dns_strerror(int err);

/*
 * DNS over TCP: @buf starts with the 2-byte length prefix.  Returns the
 * offset of the message (2) and sets *@msglen to the bytes of it present in
 * @buf (at most the prefix's value) and *@complete when all of it is
 * there; returns -1 when fewer than 2 + 12 bytes are present.
 */
int c2g_dns_tcp_msg(const u8 *buf, size_t len, size_t *msglen,
		    bool *complete);

/*
 * Write into @out (room for @outlen bytes) the response refusing the query
 * @query[0..@qlen) that c2g_dns_parse() parsed into @m: same id and
 * question section, QR and RA set, RD copied, RCODE @rcode, no records (an
 * OPT record of the query is not echoed).  Returns the length written, or 0
 * if @m has no complete question section (qend == 0) or @outlen is too
 * small.
 */
size_t c2g_dns_build_refusal(const u8 *query, size_t qlen,
			     const struct c2g_dns_msg *m, u8 rcode, u8 *out,
			     size_t outlen);

#endif /* _C2G_DNS_H */
