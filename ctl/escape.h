/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Render untrusted text (feed lines, names, kernel messages) so that it can
 * never drive the terminal it is printed on.
 *
 * Bytes below 0x20, 0x7f and bytes that are not part of valid UTF-8 become
 * "\xHH"; so do the bytes of the C1 controls U+0080..U+009F (a UTF-8
 * terminal may act on U+009B as CSI) and of the bidirectional overrides
 * and isolates U+202A..U+202E, U+2066..U+2069 (they reorder what follows
 * them on screen).  A backslash becomes "\\", so the output reads back
 * unambiguously.  Every other valid UTF-8 sequence is kept as it is.
 *
 * Pure C: no allocation in c2_escape(), no locale.
 */
#ifndef _C2CTL_ESCAPE_H
#define _C2CTL_ESCAPE_H

#include <stdarg.h>
#include <stddef.h>

#ifndef __printf
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#endif

/* Room c2_escape() needs never to truncate @n bytes, NUL included. */
#define C2_ESCAPE_MAX(n)	(4 * (size_t)(n) + 1)

size_t c2_utf8_seq(const unsigned char *s, size_t n, unsigned int *cp);
size_t c2_escape(char *dst, size_t dstlen, const char *src, size_t srclen);
size_t c2_escape_str(char *dst, size_t dstlen, const char *s);
size_t c2_vescapef(char *dst, size_t dstlen, const char *fmt, va_list ap)
	__printf(3, 0);
size_t c2_escapef(char *dst, size_t dstlen, const char *fmt, ...)
	__printf(3, 4);

#endif /* _C2CTL_ESCAPE_H */
