// SPDX-License-Identifier: GPL-2.0
/*
 * DGA score (dga.h).  Pure C: no kernel headers, no floating point, no
 * allocation; about 0.5 KiB of stack (the feature indexes).
 *
 * Every feature is a short byte string (a kind byte and its value) hashed
 * to one of C2G_DGA_SLOTS weights; collisions are left to the training,
 * which sees the same hashes.  tools/dga-train.c calls
 * c2g_dga_features() itself, so the trainer and the module cannot
 * disagree on a feature.
 */
#include "dga.h"

#define FNV_BASIS	2166136261u
#define FNV_PRIME	16777619u

static u32 fnv(u32 h, const void *p, size_t n)
{
	const u8 *b = p;

	while (n--)
		h = (h ^ *b++) * FNV_PRIME;
	return h;
}

static u16 slot(u32 h)
{
	return (u16)((h * 2654435761u) >> (32 - C2G_DGA_BITS));
}

/* A feature of kind @kind with the small number @v as its value. */
static u16 feat_num(char kind, unsigned int v)
{
	u8 b[2] = { (u8)kind, (u8)v };

	return slot(fnv(FNV_BASIS, b, 2));
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return c >= 'a' && c <= 'z';
}

static unsigned int min_u(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

unsigned int c2g_dga_features(const char *label, size_t len,
			      const char *sfx, size_t slen, bool dyn, u16 *idx)
{
	unsigned int n = 0, digits = 0, vowels = 0, hyph = 0, run = 0;
	unsigned int maxrun = 0, switches = 0, distinct = 0, hex = 0;
	u32 seen[2] = { 0, 0 };	/* letters, digits seen */
	char w[63 + 2];
	size_t i, g;

	if (len > 63)
		len = 63;
	/* "^label$": the n-grams know where the label starts and ends */
	w[0] = '^';
	memcpy(w + 1, label, len);
	w[len + 1] = '$';
	for (g = 2; g <= 4; g++) {
		for (i = 0; i + g <= len + 2; i++) {
			u8 kind = (u8)g;
			u32 h = fnv(FNV_BASIS, &kind, 1);

			idx[n++] = slot(fnv(h, w + i, g));
		}
	}
	for (i = 0; i < len; i++) {
		char c = label[i];

		if (is_digit(c)) {
			digits++;
			seen[1] |= 1u << (c - '0');
		} else if (is_letter(c)) {
			seen[0] |= 1u << (c - 'a');
		}
		if (c == '-')
			hyph++;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
			hex++;
		if (is_vowel(c))
			vowels++;
		if (is_letter(c) && !is_vowel(c)) {
			run++;
			if (run > maxrun)
				maxrun = run;
		} else {
			run = 0;
		}
		if (i && ((is_digit(c) && is_letter(label[i - 1])) ||
			  (is_letter(c) && is_digit(label[i - 1]))))
			switches++;
	}
	for (i = 0; i < 26; i++)
		distinct += (seen[0] >> i) & 1;
	for (i = 0; i < 10; i++)
		distinct += (seen[1] >> i) & 1;

	idx[n++] = feat_num('L', min_u(len, 40));
	idx[n++] = feat_num('D', min_u(digits, 10));
	idx[n++] = feat_num('V', vowels * 10 / len);
	idx[n++] = feat_num('R', min_u(maxrun, 10));
	idx[n++] = feat_num('U', distinct * 10 / len);
	idx[n++] = feat_num('H', min_u(hyph, 3));
	idx[n++] = feat_num('S', min_u(switches, 6));
	idx[n++] = feat_num('X', hex == len && len >= 8);
	/* length and vowels together: long and vowel-poor is the classic */
	idx[n++] = feat_num('l', min_u(len, 30) * 11 + vowels * 10 / len);
	{
		u8 kind = 'T';

		idx[n++] = slot(fnv(fnv(FNV_BASIS, &kind, 1), sfx, slen));
	}
	idx[n++] = feat_num('Y', dyn);
	return n;
}

unsigned int c2g_dga_score_model(const struct c2g_dga_model *m,
				 const char *name, size_t len,
				 struct c2g_dga *out)
{
	u16 idx[C2G_DGA_FEAT_MAX];
	struct c2g_psl_split sp;
	unsigned int n, i, lo, hi;
	s32 z = m->bias;

	memset(out, 0, sizeof(*out));
	if (!c2g_psl_split(name, len, &sp)) {
		out->why = C2G_DGA_NO_LABEL;
		out->sfx = sp.sfx;
		return 0;
	}
	out->sfx = sp.sfx;
	out->reg = sp.reg;
	out->reg_len = sp.reg_len;
	out->dyn = sp.dyn;
	if (sp.reg_len >= 4 && !memcmp(name + sp.reg, "xn--", 4)) {
		out->why = C2G_DGA_NO_IDN;
		return 0;
	}
	if (sp.reg_len < 4) {
		out->why = C2G_DGA_NO_SHORT;
		return 0;
	}
	n = c2g_dga_features(name + sp.reg, sp.reg_len, name + sp.sfx,
			     len - sp.sfx, sp.dyn, idx);
	for (i = 0; i < n; i++)
		z += m->w[idx[i]];
	/* how many steps z reaches: the steps are ascending */
	lo = 0;
	hi = 100;
	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (z >= m->step[mid])
			lo = mid + 1;
		else
			hi = mid;
	}
	out->score = (u8)lo;
	return lo;
}
