// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: error reporting and small helpers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c2ctl.h"
#include "escape.h"

bool c2_json;

/*
 * Every message c2ctl prints on stderr goes through here, and its text may
 * quote a feed line, a name from the wire or the kernel's words: control
 * characters and invalid UTF-8 are escaped (escape.c), never sent raw to
 * the terminal.
 */
void c2_err(const char *fmt, ...)
{
	char msg[C2_ESCAPE_MAX(512)];
	va_list ap;

	fflush(stdout);
	va_start(ap, fmt);
	c2_vescapef(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "c2ctl: %s\n", msg);
}

/*
 * Report a failed request in context @ctx (unless the failure brings its
 * own): "CTX: STEP: strerror (kernel: MSG)" or "CTX: TEXT".
 */
void c2_report(const char *ctx, const struct ipc_err *e)
{
	const char *c = e->ctx ? e->ctx : ctx;
	const char *cs = *c ? ": " : "";
	const char *step = e->step ? e->step : "";
	const char *ss = *step ? ": " : "";

	if (e->text)
		c2_err("%s%s%s", c, cs, e->text);
	else if (e->msg[0])
		c2_err("%s%s%s%s%s (kernel: %s)", c, cs, step, ss,
		       strerror(-e->error), e->msg);
	else
		c2_err("%s%s%s%s%s", c, cs, step, ss, strerror(-e->error));
}

void *c2_xmalloc(size_t size)
{
	void *p = malloc(size);

	if (!p) {
		c2_err("out of memory");
		exit(1);
	}
	return p;
}

void *c2_xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p) {
		c2_err("out of memory");
		exit(1);
	}
	return p;
}

/*
 * The whole of FILE, or of standard input for "-", NUL-terminated (*len
 * without the NUL); NULL after reporting why in context @ctx.
 */
char *c2_read_input(const char *ctx, const char *path, size_t *len)
{
	FILE *f = stdin;
	size_t cap = 1 << 16, n = 0, r;
	char *buf;

	if (strcmp(path, "-")) {
		f = fopen(path, "r");
		if (!f) {
			c2_err("%s: cannot open %s: %s", ctx, path,
			       strerror(errno));
			return NULL;
		}
	}
	buf = c2_xmalloc(cap);
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n == cap - 1) {
			cap *= 2;
			buf = c2_xrealloc(buf, cap);
		}
	}
	if (ferror(f)) {
		c2_err("%s: reading %s: %s", ctx, path, strerror(errno));
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
		*len = n;
	}
	if (f != stdin)
		fclose(f);
	return buf;
}

/* Drop every "-j"/"--json" word from argv[1..], turning JSON output on. */
int c2_strip_json_flag(int argc, char **argv)
{
	int i, n = 1;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			c2_json = true;
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}
