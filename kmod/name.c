// SPDX-License-Identifier: GPL-2.0
/*
 * Domain names in c2guard's text form: parsing indicator names, bringing
 * names seen on the wire into the same form, and listing the suffixes a
 * lookup probes.  Pure C (pure.h): no allocation, every loop bounded by
 * the input length.
 */
#include "name.h"

static char c2g_name_lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

static bool c2g_name_ldh(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

int c2g_name_parse(const char *s, size_t n, struct c2g_name *out,
		   bool *suffix)
{
	size_t i, label = 0;
	bool digits = true;

	if (suffix) {
		*suffix = false;
		if (n >= 2 && s[0] == '*' && s[1] == '.') {
			*suffix = true;
			s += 2;
			n -= 2;
		}
	}
	if (n && s[n - 1] == '.')
		n--;
	if (!n)
		return C2G_NAME_EMPTY;
	if (n > C2G_NAME_MAX)
		return C2G_NAME_TOO_LONG;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '.') {
			if (!label)
				return C2G_NAME_LABEL_EMPTY;
			label = 0;
			digits = true;
		} else if (c2g_name_ldh(c)) {
			if (++label > C2G_LABEL_MAX)
				return C2G_NAME_LABEL_LONG;
			digits = digits && c >= '0' && c <= '9';
		} else if (c == '*') {
			return C2G_NAME_WILDCARD;
		} else {
			return C2G_NAME_BAD_CHAR;
		}
		out->s[i] = c2g_name_lower(c);
	}
	/* "a..": one trailing dot dropped, the second ends an empty label. */
	if (!label)
		return C2G_NAME_LABEL_EMPTY;
	/* No top-level domain is all digits: "10.0.2.300" is a typo. */
	if (digits)
		return C2G_NAME_NUMERIC;
	out->s[n] = '\0';
	out->len = (u8)n;
	return C2G_NAME_OK;
}

const char *c2g_name_strerror(int err)
{
	switch (err) {
	case C2G_NAME_OK:
		return "ok";
	case C2G_NAME_EMPTY:
		return C2G_NAME_MSG_EMPTY;
	case C2G_NAME_TOO_LONG:
		return C2G_NAME_MSG_TOO_LONG;
	case C2G_NAME_LABEL_EMPTY:
		return C2G_NAME_MSG_LABEL_EMPTY;
	case C2G_NAME_LABEL_LONG:
		return C2G_NAME_MSG_LABEL_LONG;
	case C2G_NAME_BAD_CHAR:
		return C2G_NAME_MSG_BAD_CHAR;
	case C2G_NAME_WILDCARD:
		return C2G_NAME_MSG_WILDCARD;
	case C2G_NAME_NUMERIC:
		return C2G_NAME_MSG_NUMERIC;
	default:
		return "unknown error";
	}
}

int c2g_name_from_host(const u8 *p, size_t n, struct c2g_name *out)
{
	size_t i;

	if (n && p[n - 1] == '.')
		n--;
	if (!n)
		return C2G_NAME_EMPTY;
	if (n > C2G_NAME_MAX)
		return C2G_NAME_TOO_LONG;
	for (i = 0; i < n; i++) {
		u8 c = p[i];

		if (c < '!' || c > '~')
			out->s[i] = '?';
		else
			out->s[i] = c2g_name_lower((char)c);
	}
	out->s[n] = '\0';
	out->len = (u8)n;
	return C2G_NAME_OK;
}

unsigned int c2g_name_suffixes(const struct c2g_name *name, u8 *starts,
			       unsigned int max)
{
	unsigned int i, labels = 0;

	if (!name->len)
		return 0;
	if (max)
		starts[0] = 0;
	labels = 1;
	for (i = 0; i < name->len; i++) {
		if (name->s[i] != '.')
			continue;
		if (labels < max)
			starts[labels] = (u8)(i + 1);
		labels++;
	}
	return labels;
}
