/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KTAP (TAP version 13) producer for the c2guard unit tests.
 *
 * A test is a function; CHECK() records failures (printed as "#"
 * diagnostics) and the test is "ok" when none failed.  The last line of
 * the output is "N passed, M failed".
 */
#ifndef _C2G_KTAP_H
#define _C2G_KTAP_H

#include <stdio.h>

struct ktap_case {
	const char *name;
	void (*fn)(void);
};

#define KTAP_CASE(fn)	{ #fn, fn }
#define KTAP_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int ktap_failed;
static unsigned long ktap_checks;

#define CHECK(cond, ...)						\
	do {								\
		ktap_checks++;						\
		if (!(cond)) {						\
			ktap_failed = 1;				\
			printf("# %s:%d: %s: ", __FILE__, __LINE__,	\
			       #cond);					\
			printf(__VA_ARGS__);				\
			putchar('\n');					\
		}							\
	} while (0)

static inline int ktap_run(const struct ktap_case *cases, unsigned int n)
{
	unsigned int i, pass = 0, fail = 0;

	printf("TAP version 13\n1..%u\n", n);
	for (i = 0; i < n; i++) {
		ktap_failed = 0;
		fflush(stdout);
		cases[i].fn();
		if (ktap_failed)
			fail++;
		else
			pass++;
		printf("%s %u - %s\n", ktap_failed ? "not ok" : "ok", i + 1,
		       cases[i].name);
	}
	printf("# %lu checks\n", ktap_checks);
	printf("%u passed, %u failed\n", pass, fail);
	fflush(stdout);
	return fail ? 1 : 0;
}

#endif /* _C2G_KTAP_H */
