// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: error reporting and small helpers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c2ctl.h"

bool c2_json;

void c2_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("c2ctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
