// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/name.c.
 *
 * Whatever the input: the parsers return known codes and never read past
 * n bytes (ASan).  An accepted indicator name is NUL-terminated, its len
 * matches strlen, it is made of a-z 0-9 - _ and dots between labels of
 * 1..63 bytes, and it parses back to itself; the suffix offsets sit on
 * label boundaries.  A wire host name is printable ASCII without upper
 * case.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "name.h"

static void check_suffixes(const struct c2g_name *n)
{
	u8 st[C2G_LABELS_MAX];
	unsigned int k, i, dots = 0;

	for (i = 0; i < n->len; i++)
		dots += n->s[i] == '.';
	/* Wire names may have more (empty) labels than slots. */
	k = c2g_name_suffixes(n, st, C2G_LABELS_MAX);
	if (k != dots + 1 || st[0] != 0)
		abort();
	if (k > C2G_LABELS_MAX)
		k = C2G_LABELS_MAX;
	for (i = 1; i < k; i++) {
		if (st[i] <= st[i - 1] || st[i] > n->len ||
		    n->s[st[i] - 1] != '.')
			abort();
	}
}

static void check_indicator(const struct c2g_name *n)
{
	struct c2g_name again;
	unsigned int i, label = 0;
	bool sfx = true;

	if (!n->len || n->len > C2G_NAME_MAX || strlen(n->s) != n->len)
		abort();
	for (i = 0; i < n->len; i++) {
		char c = n->s[i];

		if (c == '.') {
			if (!label)
				abort();
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_') || ++label > C2G_LABEL_MAX)
			abort();
	}
	if (!label)
		abort();
	if (c2g_name_parse(n->s, n->len, &again, &sfx) != C2G_NAME_OK ||
	    sfx || again.len != n->len || strcmp(again.s, n->s))
		abort();
	check_suffixes(n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct c2g_name a, b;
	bool sfx;
	int r1, r2, i;

	r1 = c2g_name_parse(s, size, &a, NULL);
	if (r1 < 0 || r1 >= __C2G_NAME_ERR_MAX || !c2g_name_strerror(r1))
		abort();
	if (r1 == C2G_NAME_OK)
		check_indicator(&a);

	r2 = c2g_name_parse(s, size, &b, &sfx);
	if (r2 < 0 || r2 >= __C2G_NAME_ERR_MAX)
		abort();
	if (r2 == C2G_NAME_OK)
		check_indicator(&b);
	/* Without "*." the two calls agree; with it the first refuses. */
	if (!(size >= 2 && s[0] == '*' && s[1] == '.')) {
		if (r1 != r2 || (r1 == C2G_NAME_OK && (sfx ||
		    strcmp(a.s, b.s))))
			abort();
	} else if (r1 == C2G_NAME_OK || (r2 == C2G_NAME_OK && !sfx)) {
		abort();
	}

	r1 = c2g_name_from_host(data, size, &a);
	if (r1 != C2G_NAME_OK && r1 != C2G_NAME_EMPTY &&
	    r1 != C2G_NAME_TOO_LONG)
		abort();
	if (r1 == C2G_NAME_OK) {
		if (!a.len || strlen(a.s) != a.len)
			abort();
		for (i = 0; i < a.len; i++) {
			if (a.s[i] < '!' || a.s[i] > '~' ||
			    (a.s[i] >= 'A' && a.s[i] <= 'Z'))
				abort();
		}
		check_suffixes(&a);
		/* An indicator name is its own wire form. */
		if (r2 == C2G_NAME_OK && !sfx &&
		    (a.len != b.len || strcmp(a.s, b.s)))
			abort();
	}
	return 0;
}
