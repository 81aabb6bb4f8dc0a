// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/http.c.
 *
 * Whatever the input: a known verdict, at most max hosts, HOST exactly
 * when there is one, no read past the buffer (ASan), every host
 * NUL-terminated with len == strlen and 1..253 bytes of '!'..'~' without
 * upper case, no two the same; less room gives the same first hosts.
 * The target's path and query, when there is a request line, lie inside
 * it, the path starting with '/', neither holding '#' or the path '?'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

static int run(const u8 *buf, size_t len, struct c2g_name *out,
	       unsigned int max, unsigned int *n)
{
	unsigned int i, j, k;
	int r;

	r = c2g_http_hosts(buf, len, out, max, n);
	if (r < C2G_HTTP_NOT_REQUEST || r > C2G_HTTP_PARTIAL || *n > max ||
	    (r == C2G_HTTP_HOST) != (*n > 0))
		abort();
	for (i = 0; i < *n; i++) {
		const struct c2g_name *h = &out[i];

		if (!h->len || h->len > C2G_NAME_MAX || strlen(h->s) != h->len)
			abort();
		for (k = 0; k < h->len; k++) {
			if (h->s[k] < '!' || h->s[k] > '~' ||
			    (h->s[k] >= 'A' && h->s[k] <= 'Z'))
				abort();
		}
		for (j = 0; j < i; j++) {
			if (!strcmp(out[j].s, h->s))
				abort();
		}
	}
	return r;
}

static void path(const u8 *buf, size_t len)
{
	struct c2g_http_path p;

	if (!c2g_http_path(buf, len, &p))
		return;
	if (p.path + p.plen > len || p.query + p.qlen > len ||
	    (p.plen && buf[p.path] != '/') ||
	    memchr(buf + p.path, '?', p.plen) ||
	    memchr(buf + p.path, '#', p.plen) ||
	    memchr(buf + p.query, '#', p.qlen) ||
	    (p.has_query && buf[p.query - 1] != '?') ||
	    (!p.has_query && p.qlen))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_name a[C2G_HTTP_MAX_HOSTS], b[1];
	unsigned int na, nb;
	int ra, rb;

	path(data, size);
	{
		size_t h = 0;
		int r = c2g_url_valid((const char *)data, size, &h);

		if (r < C2G_URL_OK || r > C2G_URL_E_QUERY ||
		    (r != C2G_URL_E_LEN && h > size) ||
		    (r == C2G_URL_OK && (!h || h >= size ||
					 data[h] != '/')))
			abort();
	}

	ra = run(data, size, a, C2G_HTTP_MAX_HOSTS, &na);
	rb = run(data, size, b, 1, &nb);
	if ((na > 0) != (nb > 0) || (na && strcmp(a[0].s, b[0].s)))
		abort();
	if (ra == C2G_HTTP_NOT_REQUEST && rb != ra)
		abort();
	run(data, size / 2, a, C2G_HTTP_MAX_HOSTS, &na);
	return 0;
}
