// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl dga-score: the module's DGA score (../kmod/dga.c, the same code
 * and model) of every name in a file, without a kernel.
 *
 * One name per line (the first word; blank lines and # comments are
 * skipped).  A name is brought into the form the module scores: a Unicode
 * name becomes its A-labels (libidn2), upper case is folded, a trailing
 * dot dropped.  Text output is "SCORE FLAG NAME", FLAG 1 when SCORE
 * reaches the threshold (the module's default unless "threshold N").
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <idn2.h>

#include "c2ctl.h"
#include "dga.h"
#include "escape.h"
#include "name.h"

static const char *const dga_why[] = {
	[C2G_DGA_SCORED] = "scored",
	[C2G_DGA_NO_LABEL] = "public suffix",
	[C2G_DGA_NO_IDN] = "IDN label",
	[C2G_DGA_NO_SHORT] = "label under 4 bytes",
};

static void dga_json(const struct c2g_name *n, const struct c2g_dga *d,
		     unsigned int threshold)
{
	c2_json_elem();
	fputs("{\"name\":", stdout);
	out_json_str(stdout, n->s, n->len);
	printf(",\"score\":%u,\"flag\":%s", d->score,
	       d->score >= threshold ? "true" : "false");
	if (d->why == C2G_DGA_SCORED) {
		fputs(",\"label\":", stdout);
		out_json_str(stdout, n->s + d->reg, d->reg_len);
	} else {
		out_json_key_str("unscored", dga_why[d->why]);
	}
	fputs(",\"suffix\":", stdout);
	out_json_str(stdout, n->s + d->sfx, n->len - d->sfx);
	printf(",\"dyndns\":%s}", d->dyn ? "true" : "false");
}

/*
 * Bring the word @w (@len bytes) into c2guard's name form.  Returns 0 or
 * -1 with a message in @err.
 */
static int dga_name(const char *w, size_t len, struct c2g_name *out,
		    char *err, size_t errlen)
{
	char *ace = NULL, *u;
	size_t i;
	int r;

	for (i = 0; i < len; i++)
		if ((unsigned char)w[i] >= 0x80)
			break;
	if (i < len) {
		u = strndup(w, len);
		if (!u) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		r = idn2_to_ascii_8z(u, &ace, IDN2_NONTRANSITIONAL);
		free(u);
		if (r != IDN2_OK) {
			snprintf(err, errlen, "%s", idn2_strerror(r));
			return -1;
		}
		w = ace;
		len = strlen(ace);
	}
	r = c2g_name_from_host((const u8 *)w, len, out);
	idn2_free(ace);
	if (r != C2G_NAME_OK) {
		snprintf(err, errlen, "%s", c2g_name_strerror(r));
		return -1;
	}
	return 0;
}

int cmd_dga_score(int argc, char **argv)
{
	unsigned int threshold = c2g_dga_model.threshold;
	const char *path = "-";
	unsigned long lineno = 0;
	size_t cap = 0, bad = 0;
	char *line = NULL;
	bool have_path = false;
	FILE *f = stdin;
	ssize_t got;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "threshold") && i + 1 < argc) {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(argv[++i], &end, 0);
			if (errno || *end || end == argv[i] || !v || v > 100) {
				c2_err("dga-score: threshold is 1..100, not %s",
				       argv[i]);
				return 2;
			}
			threshold = (unsigned int)v;
		} else if (!have_path) {
			path = argv[i];
			have_path = true;
		} else {
			c2_err("dga-score: unexpected %s", argv[i]);
			return 2;
		}
	}
	if (strcmp(path, "-")) {
		f = fopen(path, "r");
		if (!f) {
			c2_err("dga-score: cannot open %s: %s", path,
			       strerror(errno));
			return 1;
		}
	}
	if (c2_json)
		c2_json_array_begin();
	while ((got = getline(&line, &cap, f)) >= 0) {
		char err[128], *w = line, *e;
		struct c2g_name name;
		struct c2g_dga d;

		lineno++;
		while (*w && isspace((unsigned char)*w))
			w++;
		if (!*w || *w == '#')
			continue;
		for (e = w; *e && !isspace((unsigned char)*e); e++)
			;
		if (dga_name(w, (size_t)(e - w), &name, err, sizeof(err))) {
			c2_err("dga-score: %s: line %lu: %s", path, lineno, err);
			bad++;
			continue;
		}
		c2g_dga_score(name.s, name.len, &d);
		if (c2_json) {
			dga_json(&name, &d, threshold);
		} else {
			char esc[C2_ESCAPE_MAX(C2G_NAME_MAX)];

			c2_escape(esc, sizeof(esc), name.s, name.len);
			printf("%u %d %s\n", d.score, d.score >= threshold, esc);
		}
	}
	free(line);
	if (ferror(f)) {
		c2_err("dga-score: reading %s: %s", path, strerror(errno));
		bad++;
	}
	if (f != stdin)
		fclose(f);
	if (c2_json)
		c2_json_array_end();
	if (out_flush())
		return 1;
	return bad ? 1 : 0;
}
