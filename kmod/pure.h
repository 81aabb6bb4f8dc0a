/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only outside header the "pure" c2guard sources include: the parsers
 * and scorers addr.c, name.c, dns.c, tls.c, http.c, quic.c, hello.c,
 * proto.c, beacon.c, psl.c and dga.c, and the prefix match lpm.c.
 *
 * Those sources are built twice: into the kernel module (Kbuild defines
 * __C2G_KERNEL__) and into userspace programs (c2ctl, unit tests,
 * fuzzers, benchmarks).
 * This shim gives both builds the same small vocabulary: u8..u64, bool,
 * size_t, memset/memcpy/memcmp/strlen, the errno values and
 * __always_inline (the kernel's, or glibc's).
 */
#ifndef _C2G_PURE_H
#define _C2G_PURE_H

#ifdef __C2G_KERNEL__

#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>

#else /* !__C2G_KERNEL__ */

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>

/* Same widths as the kernel's (include/uapi/asm-generic/int-ll64.h). */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

/* __always_inline: glibc's <sys/cdefs.h> (from <string.h>) has it. */

#endif /* __C2G_KERNEL__ */

#endif /* _C2G_PURE_H */
