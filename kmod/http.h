/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HTTP/1.x request host reader, pure C: see pure.h.
 *
 * Recognises a request by its request line: a method token of 1..16
 * upper-case letters, one space, a request target, one space, "HTTP/1."
 * and a digit, then CRLF (a bare LF is accepted).  The hosts it reports:
 * the authority of an absolute-form target ("GET http://h:8080/ ...") or
 * of a CONNECT request's authority-form one ("CONNECT h:443 ..."), and
 * the value of every Host header (case-insensitive name, spaces and tabs
 * around the value, a value folded onto continuation lines joined with a
 * space), each with any ":port" and one trailing dot removed and brought
 * into the text form (c2g_name_from_host()).  Several Host headers are all
 * reported: servers disagree on which one wins, so c2guard checks each.
 * An IP literal ("[::1]", "192.0.2.1") is reported too; it simply matches
 * no name.
 */
#ifndef _C2G_HTTP_H
#define _C2G_HTTP_H

#include "pure.h"
#include "name.h"

#define C2G_HTTP_MAX_HOSTS	4

enum c2g_http_res {
	C2G_HTTP_NOT_REQUEST = 0,	/* no HTTP/1.x request line */
	C2G_HTTP_HOST,			/* at least one host, in @out */
	C2G_HTTP_NO_HOST,		/* complete header block, no host */
	/* the buffer ended inside the header block, no host so far */
	C2G_HTTP_PARTIAL,
};

/*
 * Read the request at the start of @buf[0..@len).  On C2G_HTTP_HOST,
 * @out[0..*@n) hold the hosts found (at most @max), in order of appearance.
 * A request line without a host and a partial header block with hosts
 * before the cut also give C2G_HTTP_HOST for what was found.
 */
int c2g_http_hosts(const u8 *buf, size_t len, struct c2g_name *out,
		   unsigned int max, unsigned int *n);

/*
 * Where the path and query of a request target are, as offsets into the
 * buffer given: @path[0..@plen) starts with '/' (origin-form "/p?q", or
 * what follows the authority of an absolute-form target; @plen 0 when
 * nothing does, which means "/"); @query[0..@qlen) follows the '?'
 * (@has_query false: no '?').  A fragment ("#f") is part of neither.
 */
struct c2g_http_path {
	size_t path, plen;
	size_t query, qlen;
	bool has_query;
};

/*
 * The path and query of the request line at the start of @buf[0..@len)
 * into @out.  False when @buf does not start with a whole request line,
 * or its target has no path (CONNECT's authority-form, "*").
 */
bool c2g_http_path(const u8 *buf, size_t len, struct c2g_http_path *out);

/* What c2g_url_valid() finds wrong with a URL indicator, and the words. */
enum c2g_url_err {
	C2G_URL_OK = 0,
	C2G_URL_E_LEN,
	C2G_URL_E_HOST,
	C2G_URL_E_PATH,
	C2G_URL_E_SLASH,
	C2G_URL_E_QUERY,
};

#define C2G_URL_KEY_LEN_MAX	255
#define C2G_URL_MSG_LEN \
	"a URL indicator is HOST/PATH or HOST/PATH?QUERY, at most 255 bytes"
#define C2G_URL_MSG_HOST \
	"a URL's host is a domain name in lower case, or an IPv4 or IPv6 address"
#define C2G_URL_MSG_PATH \
	"a URL's path starts with '/' and holds bytes '!'..'~' but '#'"
#define C2G_URL_MSG_SLASH \
	"a URL's path does not end in '/' but \"/\" itself (a path covers what is under it)"
#define C2G_URL_MSG_QUERY "a URL's query holds bytes '!'..'~' but '#'"

/*
 * Is @s[0..@len) a URL indicator's key, "HOST/PATH" or "HOST/PATH?QUERY"
 * (see C2GUARD_IND_A_URL)?  C2G_URL_OK or what is wrong; *@hlen gets the
 * host's length.
 */
int c2g_url_valid(const char *s, size_t len, size_t *hlen);
const char *c2g_url_strerror(int err);

#endif /* _C2G_HTTP_H */
