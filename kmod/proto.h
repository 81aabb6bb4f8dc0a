/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a TCP client's first payload is, by its content alone: a TLS
 * ClientHello, another TLS record, an HTTP/1.x request line, an SSH
 * banner, an IRC registration (with its nick and channel), or none of
 * those.  Pure C (pure.h).  For the protocol/port mismatch and IRC
 * detectors.
 */
#ifndef _C2G_PROTO_H
#define _C2G_PROTO_H

#include "pure.h"

enum c2g_proto {
	C2G_PROTO_UNKNOWN = 0,	/* none of the below (random bytes, ...) */
	C2G_PROTO_TLS_HELLO,	/* a handshake record whose message is a ClientHello */
	C2G_PROTO_TLS_OTHER,	/* another TLS record (version 3.x) */
	C2G_PROTO_HTTP,		/* METHOD SP target SP HTTP/1.x */
	C2G_PROTO_SSH,		/* "SSH-" banner */
	C2G_PROTO_IRC,		/* NICK / USER / PASS / CAP registration lines */
	C2G_PROTO_SHORT,	/* too few bytes to say */
	__C2G_PROTO_MAX
};

/* An IRC client's registration: what it calls itself, where it goes. */
#define C2G_IRC_NICK_MAX	32
#define C2G_IRC_CHAN_MAX	64

struct c2g_irc {
	char nick[C2G_IRC_NICK_MAX + 1];	/* "" if no NICK line */
	char chan[C2G_IRC_CHAN_MAX + 1];	/* the first JOIN's, or "" */
};

/*
 * Classify @p[0..@len); for C2G_PROTO_IRC, @irc (may be NULL) gets the
 * nick and channel, printable ASCII only (other bytes become '?').
 */
int c2g_proto_guess(const u8 *p, size_t len, struct c2g_irc *irc);

/* A short name for each (for alerts): "tls", "tls-other", "http", ... */
const char *c2g_proto_name(int proto);

#endif /* _C2G_PROTO_H */
