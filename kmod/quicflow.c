// SPDX-License-Identifier: GPL-2.0
/*
 * The client Initials of QUIC flows (quic.c opens them, with quiccrypt.c's
 * crypto): the server name of the ClientHello they carry.
 *
 * Which datagrams
 * ---------------
 * The first datagram of a UDP flow, from its client, when it can be a
 * client's Initial: at least 1200 bytes (RFC 9000 14.1), a long header of
 * version 1 or 2.  Anything else costs a length compare or a 5-byte read.
 * At most C2G_QUICC_DGRAM bytes of a datagram are read.
 *
 * A ClientHello in several Initials
 * ---------------------------------
 * A ClientHello with a post-quantum key share does not fit in 1200 bytes,
 * and browsers shuffle its CRYPTO frames, so the server name can be in a
 * later datagram.  Then the CRYPTO data gathered so far, the keys and the
 * connection ID are kept in an entry here, keyed by the flow's original
 * tuple (the caller sets the flow's INSPECT label, so its next client
 * datagram comes back here), for at most C2G_QF_DATAGRAMS datagrams and
 * C2G_QF_TIMEOUT.  Entries are few (C2G_QF_SLOTS per netns, a little over
 * 4 KB each) and short-lived: a slot is a pointer, looked through under
 * @lock by the rare datagram of a flow being followed.  A datagram takes
 * its flow's entry out of its slot while it works on it, so an entry has
 * one user; it is put back, or freed, when that datagram is done.  An
 * expired entry is freed when its slot is wanted or its flow comes back,
 * all of them when the netns goes.  With no slot free a cut ClientHello
 * is not followed (counted as QUIC_UNFOLLOWED).
 */
#include <linux/jiffies.h>
#include <linux/slab.h>

#include "quic.h"
#include "quiccrypt.h"
#include "quicflow.h"
#include "tls.h"

#define C2G_QF_DATAGRAMS	4
#define C2G_QF_TIMEOUT		(5 * HZ)

struct c2g_qflow {
	struct nf_conntrack_tuple tuple;
	unsigned long expires;
	unsigned int datagrams;
	struct c2g_quic_hdr hdr;
	struct c2g_quic_keys keys;
	struct c2g_quic_stream stream;
};

void c2g_qflows_init(struct c2g_qflows *q, struct c2g_stats __percpu *stats)
{
	spin_lock_init(&q->lock);
	q->stats = stats;
}

static void c2g_qf_free(struct c2g_qflow *f)
{
	kfree(f);
}

/* At netns exit, after the hooks are gone: nothing else holds an entry. */
void c2g_qflows_destroy(struct c2g_qflows *q)
{
	unsigned int i;

	for (i = 0; i < C2G_QF_SLOTS; i++) {
		c2g_qf_free(q->slot[i]);
		q->slot[i] = NULL;
	}
	q->count = 0;
}

/* Take the entry of @tuple out of its slot; NULL if none (or expired). */
static struct c2g_qflow *c2g_qf_take(struct c2g_qflows *q,
				     const struct nf_conntrack_tuple *tuple)
{
	struct c2g_qflow *f = NULL;
	unsigned int i;

	spin_lock_bh(&q->lock);
	for (i = 0; q->count && i < C2G_QF_SLOTS; i++) {
		if (!q->slot[i] ||
		    !nf_ct_tuple_equal(&q->slot[i]->tuple, tuple))
			continue;
		f = q->slot[i];
		q->slot[i] = NULL;
		q->count--;
		break;
	}
	spin_unlock_bh(&q->lock);
	if (f && time_after(jiffies, f->expires)) {
		c2g_qf_free(f);
		f = NULL;
	}
	return f;
}

/* Put @f in a free slot (or an expired entry's); false if there is none. */
static bool c2g_qf_put(struct c2g_qflows *q, struct c2g_qflow *f)
{
	struct c2g_qflow *old = NULL;
	unsigned int i, free = C2G_QF_SLOTS;

	spin_lock_bh(&q->lock);
	for (i = 0; i < C2G_QF_SLOTS; i++) {
		if (!q->slot[i]) {
			free = i;
			break;
		}
		if (free == C2G_QF_SLOTS &&
		    time_after(jiffies, q->slot[i]->expires))
			free = i;
	}
	if (free < C2G_QF_SLOTS) {
		old = q->slot[free];
		if (!old)
			q->count++;
		q->slot[free] = f;
	}
	spin_unlock_bh(&q->lock);
	c2g_qf_free(old);
	return free < C2G_QF_SLOTS;
}

/*
 * Can the datagram at @off, @len bytes, be a client Initial?  A flow's
 * first datagram goes to c2g_qflows_read() only if so: most UDP flows are
 * told apart here, by their length and first bytes, before any scratch
 * room is taken.
 */
bool c2g_qflows_candidate(const struct sk_buff *skb, unsigned int off,
			  unsigned int len)
{
	u8 buf[5];
	const u8 *p;
	u32 version;

	if (len < C2G_QUIC_MIN_DGRAM)
		return false;
	p = skb_header_pointer(skb, off, sizeof(buf), buf);
	if (!p || !(p[0] & 0x80))
		return false;
	version = ((u32)p[1] << 24) | ((u32)p[2] << 16) | ((u32)p[3] << 8) |
		  p[4];
	return version == C2G_QUIC_V1 || version == C2G_QUIC_V2;
}

/*
 * A client datagram of the UDP flow of @tuple (NULL: untracked, not
 * followed), its payload at @off, @len bytes; @first: the flow's first
 * (a c2g_qflows_candidate()).
 * A datagram that is not first is only read if the flow has an entry.
 * Returns C2G_QF_FOLLOW when the caller is to send the flow's next client
 * datagram here, C2G_QF_SNI with the name in @out, else what it found.
 * With C2G_QF_SNI and C2G_QF_NO_SNI the hello as gathered (the
 * handshake message, possibly followed by more CRYPTO data) is copied to
 * @hello (C2G_QUIC_HELLO_MAX bytes of room), *@hello_len bytes: what the
 * caller's fingerprints read, only when it wants them.
 */
int c2g_qflows_read(struct c2g_qflows *q,
		    const struct nf_conntrack_tuple *tuple, bool first,
		    const struct sk_buff *skb, unsigned int off,
		    unsigned int len, struct c2g_name *out, u8 *hello,
		    unsigned int *hello_len)
{
	struct c2g_quic_stream *s;
	struct c2g_qflow *f = NULL;
	struct c2g_quicc *qc;
	unsigned int n;
	int r, res = C2G_QF_NONE;

	if (!first) {
		f = tuple ? c2g_qf_take(q, tuple) : NULL;
		if (!f)
			return C2G_QF_NONE;
	}
	qc = c2g_quicc_get();
	if (!qc) {
		c2g_qf_free(f);
		return C2G_QF_NONE;
	}
	n = min_t(unsigned int, len, sizeof(qc->dgram));
	if (skb_copy_bits(skb, off, qc->dgram, n))
		goto out;
	if (f) {
		s = &f->stream;
		r = c2g_quic_datagram(&qc->ops, qc->dgram, n, s, &f->hdr,
				      &f->keys, true);
		f->datagrams++;
	} else {
		s = &qc->stream;
		c2g_quic_stream_init(s);
		r = c2g_quic_datagram(&qc->ops, qc->dgram, n, s, &qc->hdr,
				      &qc->keys, false);
	}
	if (r == C2G_QUIC_OK) {
		c2g_stats_inc(q->stats, C2G_STAT_QUIC_INITIALS);
	} else if (r != C2G_QUIC_NOT_QUIC) {
		c2g_stats_inc(q->stats, C2G_STAT_QUIC_UNOPENED);
		if (!f)
			goto out;
	} else if (!f) {
		goto out;
	}

	switch (c2g_tls_hello_sni(s->data, s->have, out)) {
	case C2G_TLS_SNI:
		c2g_stats_inc(q->stats, C2G_STAT_QUIC_SNI);
		res = C2G_QF_SNI;
		goto hello;
	case C2G_TLS_NO_SNI:
		c2g_stats_inc(q->stats, C2G_STAT_QUIC_NO_SNI);
		res = C2G_QF_NO_SNI;
		goto hello;
	case C2G_TLS_PARTIAL:
		/* An Initial without CRYPTO data starts nothing to follow. */
		if (!f && !s->frames)
			goto out;
		break;
	default:
		/* Not a ClientHello (or a broken one): no more to learn. */
		if (f)
			c2g_stats_inc(q->stats, C2G_STAT_QUIC_PARTIAL);
		goto out;
	}
	/* Cut: follow it, within bounds. */
	if (s->have >= C2G_QUIC_HELLO_MAX ||
	    (f && f->datagrams >= C2G_QF_DATAGRAMS)) {
		c2g_stats_inc(q->stats, C2G_STAT_QUIC_PARTIAL);
		goto out;
	}
	if (!f) {
		if (!tuple) {
			c2g_stats_inc(q->stats, C2G_STAT_QUIC_PARTIAL);
			goto out;
		}
		f = kmalloc(sizeof(*f), GFP_ATOMIC | __GFP_NOWARN);
		if (!f) {
			c2g_stats_inc(q->stats, C2G_STAT_QUIC_UNFOLLOWED);
			goto out;
		}
		f->tuple = *tuple;
		f->datagrams = 1;
		f->hdr = qc->hdr;
		f->keys = qc->keys;
		memcpy(&f->stream, s, sizeof(*s));
		f->expires = jiffies + C2G_QF_TIMEOUT;
	}
	if (!c2g_qf_put(q, f)) {
		c2g_stats_inc(q->stats, C2G_STAT_QUIC_UNFOLLOWED);
		goto out;
	}
	f = NULL;
	res = C2G_QF_FOLLOW;
	goto out;
hello:
	BUILD_BUG_ON(sizeof(s->data) != C2G_QUIC_HELLO_MAX);
	*hello_len = s->have;
	memcpy(hello, s->data, s->have);
out:
	c2g_quicc_put();
	c2g_qf_free(f);
	return res;
}
