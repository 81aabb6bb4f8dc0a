/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Domain names in c2guard's one text form, shared by the module and the
 * userspace tools (pure C, see pure.h).
 *
 * The form: labels joined by '.', no trailing dot, ASCII upper case folded
 * to lower case, 1..C2G_NAME_MAX bytes.  Indicator names (typed by people,
 * read from feeds) must be made of letters, digits, '-' and '_', labels of
 * 1..63 bytes.  Names seen on the wire (DNS, TLS SNI, HTTP Host) are
 * brought into the same form without judging them: a byte that is not
 * printable ASCII, or a '.' inside a DNS label, becomes '?', which no
 * indicator contains, so it can never fake a label boundary or a match.
 */
#ifndef _C2G_NAME_H
#define _C2G_NAME_H

#include "pure.h"

#define C2G_NAME_MAX	253	/* bytes, without the NUL */
#define C2G_LABEL_MAX	63
#define C2G_LABELS_MAX	127	/* a 253-byte name has at most 127 labels */

/**
 * struct c2g_name - a name in the text form
 * @len: bytes in @s, 1..C2G_NAME_MAX (0 only for "no name")
 * @s: the name, NUL-terminated
 */
struct c2g_name {
	u8 len;
	char s[C2G_NAME_MAX + 1];
};

enum c2g_name_err {
	C2G_NAME_OK = 0,
	C2G_NAME_EMPTY,		/* nothing, "." or "*." alone */
	C2G_NAME_TOO_LONG,	/* more than C2G_NAME_MAX bytes */
	C2G_NAME_LABEL_EMPTY,	/* "a..b", ".a" */
	C2G_NAME_LABEL_LONG,	/* a label of more than 63 bytes */
	C2G_NAME_BAD_CHAR,	/* not a letter, digit, '-', '_' or '.' */
	C2G_NAME_WILDCARD,	/* '*' anywhere but a leading "*." */
	C2G_NAME_NUMERIC,	/* last label all digits: a mistyped address */
	__C2G_NAME_ERR_MAX
};

/*
 * What each error says (c2g_name_strerror()); string literals, so that the
 * module can hand them to the extended ACK as they are.
 */
#define C2G_NAME_MSG_EMPTY	"empty name"
#define C2G_NAME_MSG_TOO_LONG	"name longer than 253 bytes"
#define C2G_NAME_MSG_LABEL_EMPTY	"empty label"
#define C2G_NAME_MSG_LABEL_LONG	"label longer than 63 bytes"
#define C2G_NAME_MSG_BAD_CHAR	\
	"character other than a letter, digit, '-', '_' or '.'"
#define C2G_NAME_MSG_WILDCARD	"'*' other than a leading \"*.\""
#define C2G_NAME_MSG_NUMERIC	"last label all digits (a mistyped address?)"

/*
 * Parse an indicator name from text @s of @n bytes (no NUL needed).
 * Accepts one trailing dot.  With @suffix non-NULL a leading "*." is
 * accepted and sets *@suffix (else *@suffix is cleared); with @suffix NULL
 * a '*' is an error.  Returns C2G_NAME_OK or an enum c2g_name_err, leaving
 * @out undefined on error.
 */
int c2g_name_parse(const char *s, size_t n, struct c2g_name *out,
		   bool *suffix);
const char *c2g_name_strerror(int err);

/*
 * Bring @n bytes seen on the wire as one dotted host name (TLS SNI, HTTP
 * Host) into the text form: fold case, drop one trailing dot, turn bytes
 * outside '!'..'~' into '?'.  Returns C2G_NAME_OK, C2G_NAME_EMPTY or
 * C2G_NAME_TOO_LONG.
 */
int c2g_name_from_host(const u8 *p, size_t n, struct c2g_name *out);

/*
 * Offsets in @name where each suffix on a label boundary begins, longest
 * first: 0, then one past every '.'.  Writes at most @max offsets to
 * @starts and returns how many labels the name has (which may exceed @max).
 * A suffix starting at starts[i] has (returned value - i) labels.
 */
unsigned int c2g_name_suffixes(const struct c2g_name *name, u8 *starts,
			       unsigned int max);

#endif /* _C2G_NAME_H */
