// SPDX-License-Identifier: GPL-2.0
/*
 * Escaping of untrusted text for the terminal, see escape.h.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/*
 * Code point of the valid UTF-8 sequence of two to four bytes at s[0..n)
 * and its length, or 0 (c2ctl's one UTF-8 decoder: out.c uses it too).
 */
size_t c2_utf8_seq(const unsigned char *s, size_t n, unsigned int *cp)
{
	unsigned int c;
	size_t len, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/* Valid, but still acts on the terminal or on how the line reads. */
static bool cp_hidden(unsigned int cp)
{
	return (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * The text of the piece starting at s[0] into @piece (at most 16 bytes):
 * returns how many source bytes it stands for, its length in *@plen.
 */
static size_t piece(const unsigned char *s, size_t n, char *piece, size_t *plen)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int cp;
	size_t len, i;

	if (s[0] == '\\') {
		memcpy(piece, "\\\\", 2);
		*plen = 2;
		return 1;
	}
	if (s[0] >= 0x20 && s[0] < 0x7f) {
		piece[0] = (char)s[0];
		*plen = 1;
		return 1;
	}
	len = s[0] >= 0x80 ? c2_utf8_seq(s, n, &cp) : 0;
	if (len && !cp_hidden(cp)) {
		memcpy(piece, s, len);
		*plen = len;
		return len;
	}
	/* A control, a hidden code point (all its bytes) or a stray byte. */
	if (!len)
		len = 1;
	for (i = 0; i < len; i++) {
		piece[4 * i] = '\\';
		piece[4 * i + 1] = 'x';
		piece[4 * i + 2] = hex[s[i] >> 4];
		piece[4 * i + 3] = hex[s[i] & 0xf];
	}
	*plen = 4 * len;
	return len;
}

/*
 * c2_escape(), with @cut telling that @src was cut short: then the output
 * ends with "..." even when all of @src fits.
 */
static size_t escape(char *dst, size_t dstlen, const char *src, size_t srclen,
		     bool cut)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t cap, pos = 0, keep = 0, i = 0, used, plen, dots;
	char p[16];

	if (!dstlen)
		return 0;
	cap = dstlen - 1;
	while (i < srclen) {
		used = piece(s + i, srclen - i, p, &plen);
		if (pos + plen > cap)
			break;
		memcpy(dst + pos, p, plen);
		pos += plen;
		i += used;
		/* The last piece boundary with room for "..." after it. */
		if (pos + 3 <= cap)
			keep = pos;
	}
	if (i < srclen || cut) {
		pos = keep;
		dots = cap - pos < 3 ? cap - pos : 3;
		memcpy(dst + pos, "...", dots);
		pos += dots;
	}
	dst[pos] = '\0';
	return pos;
}

/**
 * c2_escape() - render @srclen bytes of @src into @dst for the terminal
 * @dst: output, always NUL-terminated when @dstlen > 0
 * @dstlen: size of @dst; C2_ESCAPE_MAX(@srclen) never truncates
 * @src: the bytes, NULs included (as "\x00")
 * @srclen: how many
 *
 * When the rendering does not fit, it stops on a piece boundary (never
 * inside an escape or a UTF-8 sequence) and ends with "..." (cut to what
 * fits in a @dst of fewer than 4 bytes).
 *
 * Return: the length of the text written, NUL not included.
 */
size_t c2_escape(char *dst, size_t dstlen, const char *src, size_t srclen)
{
	return escape(dst, dstlen, src, srclen, false);
}

/* c2_escape() of a NUL-terminated string. */
size_t c2_escape_str(char *dst, size_t dstlen, const char *s)
{
	return escape(dst, dstlen, s, strlen(s), false);
}

/*
 * Format like vsnprintf(), then escape the whole result into @dst: for
 * printf-style error paths whose arguments may hold untrusted text.
 * Returns what c2_escape() returns.
 */
size_t c2_vescapef(char *dst, size_t dstlen, const char *fmt, va_list ap)
{
	char small[512], *buf = NULL;
	va_list aq;
	size_t r;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return escape(dst, dstlen, "", 0, true);
	if ((size_t)n < sizeof(small))
		return escape(dst, dstlen, small, (size_t)n, false);

	buf = malloc((size_t)n + 1);
	if (!buf)	/* the first bytes, marked as cut */
		return escape(dst, dstlen, small, sizeof(small) - 1, true);
	va_copy(aq, ap);
	n = vsnprintf(buf, (size_t)n + 1, fmt, aq);
	va_end(aq);
	r = escape(dst, dstlen, buf, n < 0 ? 0 : (size_t)n, n < 0);
	free(buf);
	return r;
}

size_t c2_escapef(char *dst, size_t dstlen, const char *fmt, ...)
{
	va_list ap;
	size_t r;

	va_start(ap, fmt);
	r = c2_vescapef(dst, dstlen, fmt, ap);
	va_end(ap);
	return r;
}
