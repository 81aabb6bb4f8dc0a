// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/psl.c and kmod/dga.c.
 *
 * Whatever the bytes (as a wire name, then raw): the split's offsets lie
 * inside the name on label boundaries, the score is 0..100 and 0 with a
 * reason when nothing was scored, and scoring twice gives the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dga.h"
#include "name.h"
#include "psl.h"

static void check(const char *s, size_t n)
{
	struct c2g_psl_split sp;
	struct c2g_dga d, again;
	unsigned int score;

	if (c2g_psl_split(s, n, &sp)) {
		if (sp.sfx > n || sp.sfx == 0 || s[sp.sfx - 1] != '.' ||
		    (size_t)sp.reg + sp.reg_len + 1 != sp.sfx ||
		    (sp.reg && s[sp.reg - 1] != '.'))
			abort();
	}
	score = c2g_dga_score(s, n, &d);
	if (score > 100 || score != d.score || (d.why && score) ||
	    d.sfx > n || (size_t)d.reg + d.reg_len > n)
		abort();
	c2g_dga_score(s, n, &again);
	if (memcmp(&d, &again, sizeof(d)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_name name;
	char raw[C2G_NAME_MAX];

	if (c2g_name_from_host(data, size, &name) == C2G_NAME_OK)
		check(name.s, name.len);
	if (size <= sizeof(raw)) {
		memcpy(raw, data, size);
		check(raw, size);
	}
	return 0;
}
