// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/http.c: a real curl request and crafted ones (odd
 * whitespace, folding, duplicate Host, absolute-form, partial blocks,
 * bytes that are not HTTP/1.x).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "ktap.h"
#include "captures.h"

static const char *const resname[] = {
	"NOT_REQUEST", "HOST", "NO_HOST", "PARTIAL",
};

static const char *rname(int r)
{
	return r >= 0 && r <= C2G_HTTP_PARTIAL ? resname[r] : "?";
}

static struct c2g_name out[C2G_HTTP_MAX_HOSTS];
static unsigned int nout;

/* Run on @n bytes from an exactly-sized heap copy (ASan sees overreads). */
static int hostsn(const char *s, size_t n)
{
	u8 *copy = malloc(n ? n : 1);
	unsigned int i;
	int r;

	memcpy(copy, s, n);
	memset(out, 0xa5, sizeof(out));
	nout = 99;
	r = c2g_http_hosts(copy, n, out, C2G_HTTP_MAX_HOSTS, &nout);
	free(copy);
	CHECK(nout <= C2G_HTTP_MAX_HOSTS, "n %u", nout);
	CHECK((r == C2G_HTTP_HOST) == (nout > 0), "%s n %u", rname(r), nout);
	for (i = 0; i < nout && i < C2G_HTTP_MAX_HOSTS; i++)
		CHECK(out[i].len && strlen(out[i].s) == out[i].len, "len");
	return r;
}

static int hosts(const char *s)
{
	return hostsn(s, strlen(s));
}

/* One host expected. */
#define ONE(req, host)							\
	do {								\
		int r_ = hosts(req);					\
									\
		CHECK(r_ == C2G_HTTP_HOST && nout == 1 &&		\
		      !strcmp(out[0].s, host), "%s n %u '%s' want '%s'", \
		      rname(r_), nout, nout ? out[0].s : "", host);	\
	} while (0)

static void test_real(void)
{
	size_t i, n = strlen(curl_get), host_end;
	int r;

	ONE(curl_get, "beacon.bad.example");

	/* Every prefix. */
	host_end = strstr(curl_get, "4435\r\n") - curl_get + 6;
	for (i = 0; i <= n; i++) {
		r = hostsn(curl_get, i);
		if (i == 0)
			CHECK(r == C2G_HTTP_NOT_REQUEST, "empty: %s", rname(r));
		else if (i < host_end)
			CHECK(r == C2G_HTTP_PARTIAL, "prefix %zu: %s", i,
			      rname(r));
		else
			CHECK(r == C2G_HTTP_HOST &&
			      !strcmp(out[0].s, "beacon.bad.example"),
			      "prefix %zu: %s", i, rname(r));
	}
}

static void test_whitespace(void)
{
	ONE("GET / HTTP/1.1\r\nHost:evil.example\r\n\r\n", "evil.example");
	ONE("GET / HTTP/1.1\r\nHost: \t evil.example \t \r\n\r\n",
	    "evil.example");
	ONE("GET / HTTP/1.1\r\nhOsT: EVIL.example.\r\n\r\n", "evil.example");
	ONE("GET / HTTP/1.1\r\nHOST : evil.example\r\n\r\n", "evil.example");
	ONE("GET / HTTP/1.0\nHost: evil.example\n\n", "evil.example");
	ONE("GET / HTTP/1.1\nX: y\r\nHost: evil.example:80\r\n\n",
	    "evil.example");
	ONE("GET / HTTP/1.1\r\nHost: evil.example\tx\r\n\r\n",
	    "evil.example?x");
	/* Not Host headers. */
	CHECK(hosts("GET / HTTP/1.1\r\nHosts: a\r\nX-Host: b\r\n"
		    "Ho st: c\r\n\r\n") == C2G_HTTP_NO_HOST, "lookalikes");
	/* Empty values. */
	CHECK(hosts("GET / HTTP/1.1\r\nHost:\r\nHost: \t\r\nHost: :80\r\n"
		    "Host: .\r\n\r\n") == C2G_HTTP_NO_HOST, "empty");
}

static void test_fold(void)
{
	ONE("GET / HTTP/1.1\r\nHost:\r\n evil.example\r\n\r\n",
	    "evil.example");
	ONE("GET / HTTP/1.1\r\nHost:\r\n\t\r\n \t evil.example\r\n"
	    "Accept: */*\r\n\r\n", "evil.example");
	/* Two halves joined by a space: matches no name. */
	ONE("GET / HTTP/1.1\r\nHost: evil\r\n .example\r\n\r\n",
	    "evil?.example");
	/* A fold continuing another header is not a host. */
	CHECK(hosts("GET / HTTP/1.1\r\nX-A: b\r\n Host: evil.example\r\n\r\n")
	      == C2G_HTTP_NO_HOST, "other fold");
}

static void test_duplicates(void)
{
	int r;

	r = hosts("GET / HTTP/1.1\r\nHost: good.example\r\nAccept: */*\r\n"
		  "Host: evil.example\r\n\r\n");
	CHECK(r == C2G_HTTP_HOST && nout == 2 &&
	      !strcmp(out[0].s, "good.example") &&
	      !strcmp(out[1].s, "evil.example"), "%s n %u", rname(r), nout);
	r = hosts("GET / HTTP/1.1\r\nHost: a.example\r\nHost: A.example:1\r\n"
		  "\r\n");
	CHECK(r == C2G_HTTP_HOST && nout == 1, "same twice: n %u", nout);
	r = hosts("GET http://t.example/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n"
		  "Host: c\r\nHost: d\r\nHost: e\r\n\r\n");
	CHECK(r == C2G_HTTP_HOST && nout == C2G_HTTP_MAX_HOSTS &&
	      !strcmp(out[0].s, "t.example") && !strcmp(out[3].s, "c"),
	      "more than max: n %u", nout);
}

static void test_absolute(void)
{
	int r;

	r = hosts("GET http://user:pw@Evil.Example:8080/x?y HTTP/1.1\r\n"
		  "Host: other.example\r\n\r\n");
	CHECK(r == C2G_HTTP_HOST && nout == 2 &&
	      !strcmp(out[0].s, "evil.example") &&
	      !strcmp(out[1].s, "other.example"), "%s n %u", rname(r), nout);
	ONE("GET https://evil.example HTTP/1.1\r\n\r\n", "evil.example");
	ONE("GET http://a@b@evil.example?q HTTP/1.1\r\n\r\n", "evil.example");
	ONE("GET http://[2001:db8::1]:80/ HTTP/1.1\r\n\r\n", "2001:db8::1");
	ONE("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", "::1");
	ONE("GET / HTTP/1.1\r\nHost: 192.0.2.1\r\n\r\n", "192.0.2.1");
	ONE("CONNECT evil.example:443 HTTP/1.1\r\n\r\n", "evil.example");
	/* Origin-form, asterisk-form and things that are not schemes. */
	CHECK(hosts("OPTIONS * HTTP/1.1\r\n\r\n") == C2G_HTTP_NO_HOST, "*");
	CHECK(hosts("GET /http://evil.example HTTP/1.1\r\n\r\n") ==
	      C2G_HTTP_NO_HOST, "path");
	CHECK(hosts("GET 1http://evil.example HTTP/1.1\r\n\r\n") ==
	      C2G_HTTP_NO_HOST, "digit scheme");
	/* A request line alone, cut before the headers: its host counts. */
	r = hosts("GET http://evil.example/ HTTP/1.1\r\nUser-Ag");
	CHECK(r == C2G_HTTP_HOST && nout == 1, "%s", rname(r));
}

static void test_missing(void)
{
	char big[400];
	int r;

	CHECK(hosts("GET / HTTP/1.1\r\n\r\n") == C2G_HTTP_NO_HOST, "none");
	CHECK(hosts("GET / HTTP/1.0\r\nAccept: */*\r\n\r\n") ==
	      C2G_HTTP_NO_HOST, "none");
	/* Partial header blocks. */
	CHECK(hosts("GET / HTTP/1.1\r\nAccept: */*\r\n") == C2G_HTTP_PARTIAL,
	      "no end");
	CHECK(hosts("GET / HTTP/1.1\r\nHost: evil.exa") == C2G_HTTP_PARTIAL,
	      "host cut");
	CHECK(hosts("GET /very/long/path") == C2G_HTTP_PARTIAL, "line cut");
	CHECK(hosts("GET / HTTP/1.1\r") == C2G_HTTP_PARTIAL, "CR cut");
	CHECK(hosts("G") == C2G_HTTP_PARTIAL, "one letter");
	r = hosts("GET / HTTP/1.1\r\nHost: evil.example\r\nAccept: *");
	CHECK(r == C2G_HTTP_HOST && nout == 1, "host before the cut");
	/* An over-long host is not reported. */
	memset(big, 'a', sizeof(big));
	memcpy(big, "GET / HTTP/1.1\r\nHost: ", 22);
	memcpy(big + 22 + 260, "\r\n\r\n", 5);
	CHECK(hosts(big) == C2G_HTTP_NO_HOST, "260 bytes");
	memcpy(big + 22 + 253, ".:80\r\n\r\n", 9);
	r = hosts(big);
	CHECK(r == C2G_HTTP_HOST && out[0].len == 253, "253 bytes: %s",
	      rname(r));
}

static void test_not_http(void)
{
	static const u8 tls[] = { 0x16, 0x03, 0x01, 0x00, 0x10, 0x01 };
	static const char *const bad[] = {
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",	/* HTTP/2 preface */
		"get / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
		"GET / HTTP/2\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.x\r\nHost: a\r\n\r\n",
		"GET / http/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\rHost: a\r\n\r\n",
		"GET /\t/ HTTP/1.1\r\nHost: a\r\n\r\n",
		"ABCDEFGHIJKLMNOPQ / HTTP/1.1\r\nHost: a\r\n\r\n",
		"SSH-2.0-OpenSSH_9.2\r\n",
		" GET / HTTP/1.1\r\n\r\n",
	};
	unsigned int i;

	for (i = 0; i < KTAP_ARRAY_SIZE(bad); i++)
		CHECK(hosts(bad[i]) == C2G_HTTP_NOT_REQUEST, "%u", i);
	CHECK(hostsn((const char *)tls, sizeof(tls)) == C2G_HTTP_NOT_REQUEST,
	      "TLS");
	CHECK(hosts("ABCDEFGHIJKLMNOP / HTTP/1.1\r\nHost: a\r\n\r\n") ==
	      C2G_HTTP_HOST, "16-letter method");
	/* The preface cut anywhere is never a request. */
	for (i = 4; i <= 24; i++)
		CHECK(hostsn("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", i) !=
		      C2G_HTTP_HOST, "preface %u", i);
	CHECK(hostsn("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 24) ==
	      C2G_HTTP_NOT_REQUEST, "preface");
}

static void test_max(void)
{
	unsigned int n = 7;
	int r;

	/* Room for none: nothing to report. */
	r = c2g_http_hosts((const u8 *)curl_get, strlen(curl_get), out, 0, &n);
	CHECK(r == C2G_HTTP_NO_HOST && n == 0, "%s n %u", rname(r), n);
	r = c2g_http_hosts((const u8 *)curl_get, strlen(curl_get), out, 1, &n);
	CHECK(r == C2G_HTTP_HOST && n == 1, "%s n %u", rname(r), n);
}

/* The path and query of a request target (URL indicators). */
static void test_path(void)
{
	static const struct {
		const char *req, *path, *query;	/* query NULL: no '?' */
	} ok[] = {
		{ "GET /bad/path HTTP/1.1\r\n", "/bad/path", NULL },
		{ "GET /bad/path?id=7&x HTTP/1.1\r\n", "/bad/path", "id=7&x" },
		{ "GET /a?b#frag HTTP/1.1\r\n", "/a", "b" },
		{ "GET /a#f?g HTTP/1.1\r\n", "/a", NULL },
		{ "GET /? HTTP/1.0\n", "/", "" },
		{ "POST http://evil.example:8080/gate.php?q=1 HTTP/1.1\r\n",
		  "/gate.php", "q=1" },
		{ "GET http://evil.example HTTP/1.1\r\n", "", NULL },
		{ "GET http://evil.example?x HTTP/1.1\r\n", "", "x" },
		{ "GET https://u:p@h/x/ HTTP/1.1\r\n", "/x/", NULL },
	};
	static const char *const no[] = {
		"CONNECT evil.example:443 HTTP/1.1\r\n",
		"OPTIONS * HTTP/1.1\r\n",
		"GET /cut-by-the-segm",
		"GET http:/x HTTP/1.1\r\n",
		"not a request\r\n",
		"",
	};
	struct c2g_http_path p;
	const char *r;
	unsigned int i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		r = ok[i].req;
		CHECK(c2g_http_path((const u8 *)r, strlen(r), &p), "%s", r);
		CHECK(p.plen == strlen(ok[i].path) &&
		      !memcmp(r + p.path, ok[i].path, p.plen), "%s: path %.*s",
		      r, (int)p.plen, r + p.path);
		CHECK(p.has_query == !!ok[i].query, "%s: has_query", r);
		if (ok[i].query)
			CHECK(p.qlen == strlen(ok[i].query) &&
			      !memcmp(r + p.query, ok[i].query, p.qlen),
			      "%s: query %.*s", r, (int)p.qlen, r + p.query);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		CHECK(!c2g_http_path((const u8 *)no[i], strlen(no[i]), &p),
		      "%s", no[i]);
}

/* A URL indicator's key: each way it can be wrong. */
static void test_url_key(void)
{
	static const struct {
		const char *s;
		int err;
		size_t hlen;
	} cases[] = {
		{ "evil.example/bad/path", C2G_URL_OK, 12 },
		{ "evil.example/", C2G_URL_OK, 12 },
		{ "evil.example/gate.php?id=7&x=?", C2G_URL_OK, 12 },
		{ "198.51.100.7/x.sh", C2G_URL_OK, 12 },
		{ "2001:db8::7/x.sh", C2G_URL_OK, 11 },
		{ "xn--bcher-kva.example/a", C2G_URL_OK, 21 },
		{ "", C2G_URL_E_LEN, 0 },
		{ "evil.example", C2G_URL_E_PATH, 12 },
		{ "/bad", C2G_URL_E_PATH, 0 },
		{ "Evil.example/bad", C2G_URL_E_HOST, 12 },
		{ "evil..example/bad", C2G_URL_E_HOST, 13 },
		{ "198.51.100.07/x", C2G_URL_E_HOST, 13 },
		{ "198.51.100.256/x", C2G_URL_E_HOST, 14 },
		{ "2001:DB8::7/x", C2G_URL_E_HOST, 11 },
		{ "[2001:db8::7]/x", C2G_URL_E_HOST, 13 },
		{ "evil.example/bad/", C2G_URL_E_SLASH, 12 },
		{ "evil.example/bad#f", C2G_URL_E_PATH, 12 },
		{ "evil.example/b d", C2G_URL_E_PATH, 12 },
		{ "evil.example/bad?q#f", C2G_URL_E_QUERY, 12 },
		{ "evil.example/bad?q\x7f", C2G_URL_E_QUERY, 12 },
	};
	char big[300];
	unsigned int i;
	size_t h;
	int r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		h = 999;
		r = c2g_url_valid(cases[i].s, strlen(cases[i].s), &h);
		CHECK(r == cases[i].err, "%s: %d, not %d", cases[i].s, r,
		      cases[i].err);
		if (r != C2G_URL_E_LEN)
			CHECK(h == cases[i].hlen, "%s: host %zu", cases[i].s, h);
		CHECK(!c2g_url_strerror(r) == (r == C2G_URL_OK), "%s: message",
		      cases[i].s);
	}
	memset(big, 'a', sizeof(big));
	memcpy(big, "h.example/", 10);
	CHECK(c2g_url_valid(big, 255, &h) == C2G_URL_OK, "255 bytes");
	CHECK(c2g_url_valid(big, 256, &h) == C2G_URL_E_LEN, "256 bytes");
}

static const struct ktap_case cases[] = {
	KTAP_CASE(test_real),
	KTAP_CASE(test_whitespace),
	KTAP_CASE(test_fold),
	KTAP_CASE(test_duplicates),
	KTAP_CASE(test_absolute),
	KTAP_CASE(test_missing),
	KTAP_CASE(test_not_http),
	KTAP_CASE(test_max),
	KTAP_CASE(test_path),
	KTAP_CASE(test_url_key),
};

int main(void)
{
	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
