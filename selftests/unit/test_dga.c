// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/psl.c (public suffixes) and kmod/dga.c (the DGA
 * score with the model in the tree).
 *
 * The last case reads data/dga/ and checks the committed model still
 * meets the bar the project set for it (precision >= 0.95, recall >= 0.80
 * at the default threshold).  Those are the names it was trained on, so
 * the figures are in-sample: the case catches a model that was not
 * regenerated after a feature changed, not over-fitting (tools/dga-train.c
 * cross-validates for that).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpsl.h>

#include "ktap.h"
#include "dga.h"
#include "name.h"
#include "psl.h"

#ifndef DATA_DIR
#define DATA_DIR "../../data/dga"
#endif

struct split_case {
	const char *name;
	const char *sfx;	/* NULL: the name is a public suffix */
	const char *reg;
	bool dyn;
};

static const struct split_case splits[] = {
	{ "www.google.com", "com", "google", false },
	{ "google.com", "com", "google", false },
	{ "foo.bar.co.uk", "co.uk", "bar", false },
	{ "bbc.co.uk", "co.uk", "bbc", false },
	{ "co.uk", NULL, NULL, false },
	{ "com", NULL, NULL, false },
	{ "uk", NULL, NULL, false },
	/* *.kawasaki.jp with the exception !city.kawasaki.jp */
	{ "a.b.c.kawasaki.jp", "c.kawasaki.jp", "b", false },
	{ "www.city.kawasaki.jp", "kawasaki.jp", "city", false },
	{ "c.kawasaki.jp", NULL, NULL, false },
	/* *.ck with the exception !www.ck */
	{ "x.www.ck", "ck", "www", false },
	{ "foo.bar.ck", "bar.ck", "foo", false },
	/* the ICANN section only: a CDN's zone is not a suffix */
	{ "d111111abcdef8.cloudfront.net", "net", "cloudfront", false },
	{ "r3---sn-4g5e6nzz.googlevideo.com", "com", "googlevideo", false },
	{ "ec2-1-2-3-4.compute-1.amazonaws.com", "com", "amazonaws", false },
	/* data/dyndns.txt */
	{ "qkzvytpwhx.dyndns.org", "dyndns.org", "qkzvytpwhx", true },
	{ "a.b.mooo.com", "mooo.com", "b", true },
	{ "dyndns.org", NULL, NULL, false },	/* a zone itself */
	{ "x.ddns.net", "ddns.net", "x", true },
	/* an IDN suffix is held as its A-label: .рф */
	{ "example.xn--p1ai", "xn--p1ai", "example", false },
	/* a TLD the list does not know: the last label (the "*" rule) */
	{ "foo.bar.notatld", "notatld", "bar", false },
	{ "notatld", NULL, NULL, false },
	{ "a..b", "b", "", false },
};

static void psl_split_cases(void)
{
	unsigned int i;

	for (i = 0; i < KTAP_ARRAY_SIZE(splits); i++) {
		const struct split_case *c = &splits[i];
		struct c2g_psl_split sp;
		bool ok = c2g_psl_split(c->name, strlen(c->name), &sp);

		CHECK(ok == !!c->sfx, "%s: split %d", c->name, ok);
		if (!ok || !c->sfx)
			continue;
		CHECK(!strcmp(c->name + sp.sfx, c->sfx), "%s: suffix %s",
		      c->name, c->name + sp.sfx);
		CHECK(sp.reg_len == strlen(c->reg) &&
		      !memcmp(c->name + sp.reg, c->reg, sp.reg_len),
		      "%s: label %.*s", c->name, sp.reg_len, c->name + sp.reg);
		CHECK(sp.dyn == c->dyn, "%s: dyn %d", c->name, sp.dyn);
	}
}

static void psl_lookup_flags(void)
{
	CHECK(c2g_psl_lookup("com", 3) == C2G_PSL_EXACT, "com");
	CHECK(c2g_psl_lookup("ck", 2) & C2G_PSL_WILD, "ck");
	CHECK(c2g_psl_lookup("www.ck", 6) == C2G_PSL_EXCEPT, "www.ck");
	CHECK(c2g_psl_lookup("dyndns.org", 10) ==
	      (C2G_PSL_EXACT | C2G_PSL_DYN), "dyndns.org");
	CHECK(!c2g_psl_lookup("cloudfront.net", 14), "private section");
	CHECK(!c2g_psl_lookup("c", 1), "c");	/* a prefix of com */
	CHECK(!c2g_psl_lookup("comm", 4), "comm");
	CHECK(!c2g_psl_lookup("", 0), "empty");
}

/* Every entry is a NUL-ended string of the pool, in strictly rising order. */
static void psl_table_sane(void)
{
	const char *prev = NULL;
	size_t prev_len = 0;
	u32 i;

	CHECK(c2g_psl_nr > 7000, "%u entries", c2g_psl_nr);
	for (i = 0; i < c2g_psl_nr; i++) {
		u32 e = c2g_psl_ent[i];
		const char *s = c2g_psl_pool + (e & ((1u << 20) - 1));
		size_t len = (e >> 20) & 127;
		int r;

		CHECK(len && strlen(s) == len && (e >> 27),
		      "entry %u: %zu %zu", i, len, strlen(s));
		if (prev) {
			r = memcmp(prev, s, prev_len < len ? prev_len : len);
			CHECK(r < 0 || (!r && prev_len < len), "entry %u: %s", i,
			      s);
		}
		prev = s;
		prev_len = len;
	}
}

/* A name of 127 labels: only the last few are looked at. */
static void psl_many_labels(void)
{
	char name[C2G_NAME_MAX + 1];
	struct c2g_psl_split sp;
	size_t n = 0;

	while (n + 6 <= 249) {
		memcpy(name + n, "a.", 2);
		n += 2;
	}
	memcpy(name + n, "co.uk", 5);
	n += 5;
	name[n] = 0;
	CHECK(c2g_psl_split(name, n, &sp), "split");
	CHECK(!strcmp(name + sp.sfx, "co.uk") && sp.reg_len == 1 &&
	      name[sp.reg] == 'a', "%s", name + sp.reg);
}

static void score_reasons(void)
{
	struct c2g_dga d;

	CHECK(c2g_dga_score("com", 3, &d) == 0 && d.why == C2G_DGA_NO_LABEL,
	      "public suffix: %u %u", d.score, d.why);
	CHECK(c2g_dga_score("", 0, &d) == 0 && d.why == C2G_DGA_NO_LABEL,
	      "empty");
	CHECK(c2g_dga_score("xn--bcher-kva.example", 21, &d) == 0 &&
	      d.why == C2G_DGA_NO_IDN, "IDN: %u %u", d.score, d.why);
	CHECK(c2g_dga_score("abc.com", 7, &d) == 0 &&
	      d.why == C2G_DGA_NO_SHORT, "short: %u %u", d.score, d.why);
	c2g_dga_score("qkzvytpwhx.dyndns.org", 21, &d);
	CHECK(d.why == C2G_DGA_SCORED && d.dyn && d.sfx == 11 && d.reg == 0 &&
	      d.reg_len == 10, "dyndns: why %u dyn %d sfx %u", d.why, d.dyn,
	      d.sfx);
}

/* What the score is for: random labels high, words and brands low. */
static void score_examples(void)
{
	static const char *const dga[] = {
		"ufmkdjyvfkl.com", "hwevqwlocbvmrjdor.net", "qkzvytpwhx.dyndns.org",
		"xjwqpzkvbt.mooo.com", "1lxrpr2jzu87dfgqzo.net",
	};
	static const char *const benign[] = {
		"www.google.com", "wikipedia.org", "debian.org", "github.com",
		"mail.yahoo.co.jp", "d111111abcdef8.cloudfront.net",
		"r3---sn-4g5e6nzz.googlevideo.com", "security.debian.org",
		"e1234.dscb.akamaiedge.net", "s3.eu-west-1.amazonaws.com",
	};
	unsigned int i, t = c2g_dga_model.threshold;
	struct c2g_dga d;

	for (i = 0; i < KTAP_ARRAY_SIZE(dga); i++)
		CHECK(c2g_dga_score(dga[i], strlen(dga[i]), &d) >= t,
		      "%s: %u", dga[i], d.score);
	for (i = 0; i < KTAP_ARRAY_SIZE(benign); i++)
		CHECK(c2g_dga_score(benign[i], strlen(benign[i]), &d) < t,
		      "%s: %u", benign[i], d.score);
}

static void model_sane(void)
{
	unsigned int i;

	CHECK(C2G_DGA_SLOTS == 1u << C2G_DGA_BITS, "slots %u", C2G_DGA_SLOTS);
	for (i = 1; i < 100; i++)
		CHECK(c2g_dga_model.step[i] >= c2g_dga_model.step[i - 1],
		      "step %u", i);
	CHECK(c2g_dga_model.threshold >= 1 && c2g_dga_model.threshold <= 100,
	      "threshold %u", c2g_dga_model.threshold);
}

/*
 * Our cut of every name of data/dga/ against libpsl's, ICANN rules only,
 * on the list Debian installed (what tools/pslgen.py compiled): the suffix
 * is public, the label and suffix together are not.  Names under a
 * dynamic-DNS zone (ours, not the list's) are left out.
 */
static void psl_matches_libpsl(void)
{
	static const char *const files[] = {
		DATA_DIR "/dga-A.txt", DATA_DIR "/benign-A.txt"
	};
	psl_ctx_t *psl = psl_latest(NULL);
	unsigned int i, n = 0, bad = 0;
	char line[512];

	CHECK(psl, "psl_latest");
	if (!psl)
		return;
	for (i = 0; i < KTAP_ARRAY_SIZE(files); i++) {
		FILE *f = fopen(files[i], "r");

		CHECK(f, "%s", files[i]);
		while (f && fgets(line, sizeof(line), f)) {
			struct c2g_psl_split sp;
			size_t len;

			line[strcspn(line, "\r\n")] = 0;
			len = strlen(line);
			if (!len || !c2g_psl_split(line, len, &sp) || sp.dyn)
				continue;
			n++;
			if (!psl_is_public_suffix2(psl, line + sp.sfx,
						   PSL_TYPE_ICANN) ||
			    psl_is_public_suffix2(psl, line + sp.reg,
						  PSL_TYPE_ICANN)) {
				if (bad++ < 5)
					CHECK(0, "%s: cut at %s", line,
					      line + sp.sfx);
			}
		}
		if (f)
			fclose(f);
	}
	printf("# %u names cut as libpsl cuts them, %u not\n", n - bad, bad);
	CHECK(n > 30000 && !bad, "%u names, %u differ", n, bad);
	psl_free(psl);
}

/* Count flagged names of a file; returns the number of names. */
static size_t flag_file(const char *path, size_t *flagged)
{
	char line[512];
	size_t n = 0;
	FILE *f = fopen(path, "r");

	*flagged = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		struct c2g_name name;
		struct c2g_dga d;

		line[strcspn(line, "\r\n")] = 0;
		if (!line[0])
			continue;
		n++;
		if (c2g_name_from_host((const u8 *)line, strlen(line), &name))
			continue;
		if (c2g_dga_score(name.s, name.len, &d) >=
		    c2g_dga_model.threshold)
			(*flagged)++;
	}
	fclose(f);
	return n;
}

static void model_meets_bar(void)
{
	size_t nd, nb, tp, fp;
	double precision, recall;

	nd = flag_file(DATA_DIR "/dga-A.txt", &tp);
	nb = flag_file(DATA_DIR "/benign-A.txt", &fp);
	CHECK(nd > 10000 && nb > 10000, "data: %zu %zu", nd, nb);
	if (!nd || !nb)
		return;
	precision = (double)tp / (double)(tp + fp);
	recall = (double)tp / (double)nd;
	printf("# data/dga in-sample: precision %.4f recall %.4f "
	       "(%zu/%zu DGA, %zu/%zu benign flagged)\n", precision, recall,
	       tp, nd, fp, nb);
	CHECK(precision >= 0.95, "precision %.4f", precision);
	CHECK(recall >= 0.80, "recall %.4f", recall);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(psl_split_cases),
	KTAP_CASE(psl_lookup_flags),
	KTAP_CASE(psl_table_sane),
	KTAP_CASE(psl_many_labels),
	KTAP_CASE(psl_matches_libpsl),
	KTAP_CASE(score_reasons),
	KTAP_CASE(score_examples),
	KTAP_CASE(model_sane),
	KTAP_CASE(model_meets_bar),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
