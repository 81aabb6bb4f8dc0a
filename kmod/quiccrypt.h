/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The crypto provider quic.c needs, from the kernel's crypto API, per CPU:
 * see quiccrypt.c.
 */
#ifndef _C2G_QUICCRYPT_H
#define _C2G_QUICCRYPT_H

#include "quic.h"

/* Room for the client's datagram, decrypted in place. */
#define C2G_QUICC_DGRAM		2048

/*
 * One CPU's provider and buffers, used with bottom halves disabled
 * between c2g_quicc_get() and c2g_quicc_put().
 */
struct c2g_quicc {
	struct c2g_quic_ops ops;
	struct c2g_quic_keys keys;
	struct c2g_quic_hdr hdr;
	struct c2g_quic_stream stream;
	u8 dgram[C2G_QUICC_DGRAM];
};

int c2g_quicc_module_init(void);
void c2g_quicc_module_exit(void);
struct c2g_quicc *c2g_quicc_get(void);
void c2g_quicc_put(void);

#endif /* _C2G_QUICCRYPT_H */
