/* SPDX-License-Identifier: GPL-2.0 */
/*
 * JA4 and JA3 of a ClientHello, in the module: hello.c with the kernel's
 * hashes; see fingerprint.c.
 */
#ifndef _C2G_FINGERPRINT_H
#define _C2G_FINGERPRINT_H

#include "hello.h"

struct c2g_fp {
	char ja4[C2G_JA4_LEN + 1];
	char ja3[33];
};

int c2g_fp_module_init(void);
void c2g_fp_module_exit(void);
bool c2g_fp_hello(const u8 *msg, size_t len, bool quic, struct c2g_fp *out);

#endif /* _C2G_FINGERPRINT_H */
