/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Public suffixes: which part of a name its registrant chose (pure C, see
 * pure.h).
 *
 * The table (psl-gen.c, made by tools/pslgen.py) holds the ICANN section of
 * the Public Suffix List and the dynamic-DNS zones of data/dyndns.txt,
 * sorted, and is searched by bisection.  The private section is left out:
 * a CDN's zone there (cloudfront.net ...) would make its machine-made
 * labels look chosen by a registrant.
 */
#ifndef _C2G_PSL_H
#define _C2G_PSL_H

#include "pure.h"

/* Labels in the longest suffix, wildcards counted with their label. */
#define C2G_PSL_MAX_LABELS	5

/* Flags of a table entry. */
#define C2G_PSL_EXACT	1	/* the string is a public suffix */
#define C2G_PSL_WILD	2	/* any label + "." + the string is one */
#define C2G_PSL_EXCEPT	4	/* the string is not one (beats WILD) */
#define C2G_PSL_DYN	8	/* a dynamic-DNS zone (data/dyndns.txt) */

/**
 * struct c2g_psl_split - a name cut at its public suffix
 * @sfx: offset of the public suffix ("com", "co.uk", "dyndns.org")
 * @reg: offset of the label left of it, the one a registrant chose
 * @reg_len: that label's length (0: the name is a public suffix itself)
 * @dyn: the suffix is a dynamic-DNS zone
 */
struct c2g_psl_split {
	u8 sfx;
	u8 reg;
	u8 reg_len;
	bool dyn;
};

/*
 * Cut @name (c2guard's text form, name.h: dotted, lower case, no
 * trailing dot, @len <= 253 bytes) at its public suffix, the Public
 * Suffix List's way: an exception rule wins, else the longest rule, else
 * the last label.  Returns true when a label is left of the suffix.
 */
bool c2g_psl_split(const char *name, size_t len, struct c2g_psl_split *out);

/* The table's entry flags for exactly @s (@n bytes), 0 when not listed. */
unsigned int c2g_psl_lookup(const char *s, size_t n);

/* The generated table (psl-gen.c). */
extern const u32 c2g_psl_nr;
extern const u32 c2g_psl_ent[];
extern const char c2g_psl_pool[];

#endif /* _C2G_PSL_H */
