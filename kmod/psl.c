// SPDX-License-Identifier: GPL-2.0
/*
 * Public suffix lookup (psl.h).  Pure C: no kernel headers, no allocation.
 */
#include "psl.h"

#define PSL_OFF_BITS	20
#define PSL_LEN_BITS	7

static int psl_cmp(const char *s, size_t n, u32 ent)
{
	const char *e = c2g_psl_pool + (ent & ((1u << PSL_OFF_BITS) - 1));
	size_t elen = (ent >> PSL_OFF_BITS) & ((1u << PSL_LEN_BITS) - 1);
	int r = memcmp(s, e, n < elen ? n : elen);

	if (r)
		return r;
	return n < elen ? -1 : n > elen;
}

unsigned int c2g_psl_lookup(const char *s, size_t n)
{
	u32 lo = 0, hi = c2g_psl_nr;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		int r = psl_cmp(s, n, c2g_psl_ent[mid]);

		if (!r)
			return c2g_psl_ent[mid] >> (PSL_OFF_BITS + PSL_LEN_BITS);
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

bool c2g_psl_split(const char *name, size_t len, struct c2g_psl_split *out)
{
	/* start[k]: offset of the last k labels; start[0] = len. */
	size_t start[C2G_PSL_MAX_LABELS + 2];
	unsigned int labels = 0, best = 1, k;
	bool dyn = false;
	size_t i = len;

	memset(out, 0, sizeof(*out));
	if (!len)
		return false;
	start[0] = len;
	while (labels <= C2G_PSL_MAX_LABELS) {
		while (i && name[i - 1] != '.')
			i--;
		start[++labels] = i;
		if (!i)
			break;
		i--;		/* the dot */
	}
	/* Here labels counts up to C2G_PSL_MAX_LABELS + 1 of them. */
	for (k = 1; k <= labels && k <= C2G_PSL_MAX_LABELS; k++) {
		unsigned int f = c2g_psl_lookup(name + start[k], len - start[k]);

		if (f & C2G_PSL_EXCEPT) {
			/* "!www.ck": www.ck is registrable, ck is the suffix */
			if (k >= 2) {
				best = k - 1;
				dyn = false;
			}
			break;
		}
		if ((f & C2G_PSL_EXACT) && k >= best) {
			best = k;
			dyn = f & C2G_PSL_DYN;
		}
		if ((f & C2G_PSL_WILD) && k < labels &&
		    k < C2G_PSL_MAX_LABELS && k + 1 > best) {
			best = k + 1;
			dyn = false;
		}
	}
	if (best >= labels)	/* the whole name is a suffix */
		return false;
	out->sfx = start[best];
	out->reg = start[best + 1];
	out->reg_len = start[best] - 1 - start[best + 1];
	out->dyn = dyn;
	return true;
}
