/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TLS ClientHello server name (SNI, RFC 6066) reader, pure C: see pure.h.
 *
 * Recognises a ClientHello by content, not by port: a handshake record
 * (type 22, version 3.x) whose first message is a ClientHello (type 1).
 * Reads only what is in the buffer: a ClientHello longer than the first
 * segment is read as far as it goes (the SNI is usually early enough).
 * Record and extension lengths are checked against each other and against
 * the buffer; GREASE and unknown extensions are stepped over.  One record
 * only: a ClientHello fragmented over several records is read up to the end
 * of the first.
 */
#ifndef _C2G_TLS_H
#define _C2G_TLS_H

#include "pure.h"
#include "name.h"

enum c2g_tls_res {
	/* not a handshake record with a ClientHello: no conclusion */
	C2G_TLS_NOT_HELLO = 0,
	C2G_TLS_SNI,		/* server name found, in @out */
	C2G_TLS_NO_SNI,		/* complete ClientHello without a host name */
	/* the buffer ended before the server name (or extensions' end) */
	C2G_TLS_PARTIAL,
	C2G_TLS_MALFORMED,	/* a ClientHello whose lengths do not add up */
};

/*
 * Look for the server name in the ClientHello at the start of
 * @buf[0..@len).  On C2G_TLS_SNI @out holds the first host_name entry in
 * the text form (c2g_name_from_host()); an empty or over-long name is
 * C2G_TLS_MALFORMED.
 */
int c2g_tls_sni(const u8 *buf, size_t len, struct c2g_name *out);

/*
 * The same, for a bare handshake message at the start of @buf, of which
 * @have bytes are known (QUIC carries the ClientHello in CRYPTO frames,
 * without records): C2G_TLS_NOT_HELLO unless @buf starts with a
 * ClientHello's type.
 */
int c2g_tls_hello_sni(const u8 *buf, size_t have, struct c2g_name *out);

#endif /* _C2G_TLS_H */
