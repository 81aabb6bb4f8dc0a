// SPDX-License-Identifier: GPL-2.0
/*
 * HTTP/1.x request host reader.  Pure C (pure.h).
 *
 * One forward pass over the buffer, no copy of it: a host is assembled
 * straight into its output slot, then brought into the text form in place.
 *
 *   request line   METHOD SP target SP "HTTP/1." DIGIT (CR)LF
 *                  METHOD: 1..16 of A-Z; target: 1 or more bytes from
 *                  '!'..'~'.  Hosts from the target: the authority of an
 *                  absolute-form target (scheme "://" authority ...), and
 *                  the authority-form target of CONNECT ("h:443"), which
 *                  is what a client asks a proxy for.
 *   header lines   name ":" value (CR)LF, the name compared with "host"
 *                  without regard to case (spaces or tabs before the ':'
 *                  are tolerated, as some servers do); a line starting
 *                  with SP or HT continues the previous header.
 *   end            an empty line.
 *
 * A host value: leading and trailing spaces and tabs dropped, folded lines
 * joined by one space, then "[literal]" -> "literal" (anything after the
 * ']' dropped) or everything from the first ':' (the port) dropped; the
 * userinfo ("user:pw@") of an authority dropped.  An empty or over-long
 * host is not reported; the same host twice is reported once.  When the
 * buffer ends inside the request line the result is C2G_HTTP_PARTIAL if
 * what is there can begin a request line, else C2G_HTTP_NOT_REQUEST; a
 * header line cut by the end of the buffer is not read.
 */
#include "http.h"

#define C2G_HTTP_METHOD_MAX	16

enum c2g_http_hstate {
	C2G_HTTP_H_LEAD,	/* before the first byte of the value */
	C2G_HTTP_H_NAME,	/* a host name or IPv4 literal */
	C2G_HTTP_H_BRACKET,	/* inside "[...]" */
	C2G_HTTP_H_DONE,	/* past the host: port or ']' */
};

/**
 * struct c2g_http_acc - a host being assembled
 * @raw: where its bytes go (the output slot's s[])
 * @n: bytes in @raw
 * @keep: bytes in @raw up to the last one that is not a space or tab
 * @state: an enum c2g_http_hstate
 * @over: more bytes than @raw holds
 */
struct c2g_http_acc {
	char *raw;
	size_t n, keep;
	int state;
	bool over;
};

static bool c2g_http_ws(u8 c)
{
	return c == ' ' || c == '\t';
}

static void c2g_http_feed(struct c2g_http_acc *a, const u8 *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && a->state != C2G_HTTP_H_DONE; i++) {
		u8 c = p[i];

		if (a->state == C2G_HTTP_H_LEAD) {
			if (c2g_http_ws(c))
				continue;
			if (c == '[') {
				a->state = C2G_HTTP_H_BRACKET;
				continue;
			}
			a->state = C2G_HTTP_H_NAME;
		}
		if ((a->state == C2G_HTTP_H_NAME && c == ':') ||
		    (a->state == C2G_HTTP_H_BRACKET && c == ']')) {
			a->state = C2G_HTTP_H_DONE;
			break;
		}
		if (a->n == C2G_NAME_MAX + 1) {
			a->over = true;
			a->state = C2G_HTTP_H_DONE;
			break;
		}
		a->raw[a->n++] = (char)c;
		if (!c2g_http_ws(c))
			a->keep = a->n;
	}
}

static void c2g_http_begin(struct c2g_http_acc *a, struct c2g_name *slot)
{
	a->raw = slot->s;
	a->n = 0;
	a->keep = 0;
	a->state = C2G_HTTP_H_LEAD;
	a->over = false;
}

/* Finish the host in out[*k]; keep it (*k + 1) if valid and new. */
static void c2g_http_end(struct c2g_http_acc *a, struct c2g_name *out,
			 unsigned int *k)
{
	struct c2g_name *h = &out[*k];
	unsigned int i;

	if (a->over || !a->keep ||
	    c2g_name_from_host((const u8 *)a->raw, a->keep, h))
		return;
	for (i = 0; i < *k; i++) {
		if (out[i].len == h->len && !memcmp(out[i].s, h->s, h->len))
			return;
	}
	(*k)++;
}

/* The authority of target @t[0..@n), if it has one. */
static void c2g_http_target(const u8 *t, size_t n, bool connect,
			    struct c2g_name *out, unsigned int max,
			    unsigned int *k)
{
	struct c2g_http_acc a;
	size_t i, s = 0, e;

	if (!connect) {
		/* scheme ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) "://" */
		for (i = 0; i < n; i++) {
			u8 c = t[i] | 0x20;

			if (!(c >= 'a' && c <= 'z') &&
			    !(i && ((t[i] >= '0' && t[i] <= '9') ||
				    t[i] == '+' || t[i] == '-' || t[i] == '.')))
				break;
		}
		if (!i || n - i < 3 || memcmp(t + i, "://", 3))
			return;
		s = i + 3;
	}
	for (e = s; e < n; e++) {
		if (t[e] == '/' || t[e] == '?' || t[e] == '#')
			break;
	}
	/* Drop the userinfo: up to the last '@' of the authority. */
	for (i = e; i > s; i--) {
		if (t[i - 1] == '@') {
			s = i;
			break;
		}
	}
	if (*k >= max)
		return;
	c2g_http_begin(&a, &out[*k]);
	c2g_http_feed(&a, t + s, e - s);
	c2g_http_end(&a, out, k);
}

/*
 * The request line at @buf[0..@len).  Returns the offset just past it, 0
 * if it is not one or -1 if it may be one the buffer cut short.
 */
static long c2g_http_reqline(const u8 *buf, size_t len, size_t *tgt,
			     size_t *tgtlen)
{
	static const char ver[] = "HTTP/1.";
	size_t i = 0, j;

	while (i < len && buf[i] >= 'A' && buf[i] <= 'Z' &&
	       i < C2G_HTTP_METHOD_MAX)
		i++;
	if (i == len)
		return i ? -1 : 0;
	if (!i || buf[i] != ' ')
		return 0;
	*tgt = ++i;
	while (i < len && buf[i] >= '!' && buf[i] <= '~')
		i++;
	if (i == len)
		return -1;
	if (i == *tgt || buf[i] != ' ')
		return 0;
	*tgtlen = i - *tgt;
	i++;
	for (j = 0; j < sizeof(ver) - 1; j++, i++) {
		if (i == len)
			return -1;
		if (buf[i] != ver[j])
			return 0;
	}
	if (i == len)
		return -1;
	if (buf[i] < '0' || buf[i] > '9')
		return 0;
	i++;
	if (i < len && buf[i] == '\r')
		i++;
	if (i == len)
		return -1;
	if (buf[i] != '\n')
		return 0;
	return (long)i + 1;
}

bool c2g_http_path(const u8 *buf, size_t len, struct c2g_http_path *out)
{
	size_t tgt = 0, n = 0, s, e, i;

	if (c2g_http_reqline(buf, len, &tgt, &n) <= 0)
		return false;
	s = tgt;
	e = tgt + n;
	if (buf[s] != '/') {
		/* absolute-form: past "scheme://" and the authority */
		for (i = s; i + 2 < e; i++)
			if (buf[i] == ':' && buf[i + 1] == '/' && buf[i + 2] == '/')
				break;
		if (i + 2 >= e)
			return false;
		for (s = i + 3; s < e; s++)
			if (buf[s] == '/' || buf[s] == '?' || buf[s] == '#')
				break;
	}
	for (i = s; i < e && buf[i] != '?' && buf[i] != '#'; i++)
		;
	out->path = s;
	out->plen = i - s;
	out->has_query = i < e && buf[i] == '?';
	out->query = out->has_query ? i + 1 : i;
	for (i = out->query; i < e && buf[i] != '#'; i++)
		;
	out->qlen = i - out->query;
	return true;
}

/* An IPv4 address as dotted decimal, no leading zero. */
static bool c2g_url_v4(const char *s, size_t n)
{
	unsigned int parts = 0, digits = 0, v = 0;
	size_t i;

	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (!digits || v > 255 || ++parts > 4)
				return false;
			digits = 0;
			v = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || (digits && !v))
			return false;
		v = v * 10 + (s[i] - '0');
		digits++;
	}
	return parts == 4;
}

/* An IPv6 address, lower case (the text form of an HTTP host). */
static bool c2g_url_v6(const char *s, size_t n)
{
	unsigned int colons = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ':')
			colons++;
		else if (!((s[i] >= '0' && s[i] <= '9') ||
			   (s[i] >= 'a' && s[i] <= 'f') || s[i] == '.'))
			return false;
	}
	return colons >= 2 && colons <= 7 && n <= 45;
}

int c2g_url_valid(const char *s, size_t len, size_t *hlen)
{
	struct c2g_name name;
	size_t h, i;

	if (!len || len > C2G_URL_KEY_LEN_MAX)
		return C2G_URL_E_LEN;
	for (h = 0; h < len && s[h] != '/'; h++)
		;
	*hlen = h;
	if (!h || h > C2G_NAME_MAX)
		return h ? C2G_URL_E_HOST : C2G_URL_E_PATH;
	if (!c2g_url_v4(s, h) && !c2g_url_v6(s, h) &&
	    (c2g_name_parse(s, h, &name, NULL) != C2G_NAME_OK ||
	     name.len != h || memcmp(name.s, s, h)))
		return C2G_URL_E_HOST;
	if (h == len)
		return C2G_URL_E_PATH;
	for (i = h; i < len && s[i] != '?'; i++)
		if (s[i] < '!' || s[i] > '~' || s[i] == '#')
			return C2G_URL_E_PATH;
	if (i - h > 1 && s[i - 1] == '/')
		return C2G_URL_E_SLASH;
	for (i++; i < len; i++)
		if (s[i] < '!' || s[i] > '~' || s[i] == '#')
			return C2G_URL_E_QUERY;
	return C2G_URL_OK;
}

const char *c2g_url_strerror(int err)
{
	switch (err) {
	case C2G_URL_OK:
		return NULL;
	case C2G_URL_E_LEN:
		return C2G_URL_MSG_LEN;
	case C2G_URL_E_HOST:
		return C2G_URL_MSG_HOST;
	case C2G_URL_E_SLASH:
		return C2G_URL_MSG_SLASH;
	case C2G_URL_E_QUERY:
		return C2G_URL_MSG_QUERY;
	default:
		return C2G_URL_MSG_PATH;
	}
}

/* Is the header line @p[0..@n) a Host header?  Sets *@val to the value. */
static bool c2g_http_is_host(const u8 *p, size_t n, size_t *val)
{
	size_t i;

	if (n < 5 || (p[0] | 0x20) != 'h' || (p[1] | 0x20) != 'o' ||
	    (p[2] | 0x20) != 's' || (p[3] | 0x20) != 't')
		return false;
	for (i = 4; i < n && c2g_http_ws(p[i]); i++)
		;
	if (i == n || p[i] != ':')
		return false;
	*val = i + 1;
	return true;
}

int c2g_http_hosts(const u8 *buf, size_t len, struct c2g_name *out,
		   unsigned int max, unsigned int *n)
{
	struct c2g_http_acc a;
	size_t pos, tgt = 0, tgtlen = 0;
	bool in_host = false;
	unsigned int k = 0;
	long r;

	*n = 0;
	r = c2g_http_reqline(buf, len, &tgt, &tgtlen);
	if (!r)
		return C2G_HTTP_NOT_REQUEST;
	if (r < 0)
		return C2G_HTTP_PARTIAL;
	c2g_http_target(buf + tgt, tgtlen,
			tgt == 8 && !memcmp(buf, "CONNECT", 7), out, max, &k);

	for (pos = (size_t)r; pos < len;) {
		size_t eol, end, val;

		for (eol = pos; eol < len && buf[eol] != '\n'; eol++)
			;
		if (eol == len)
			break;			/* a line cut short */
		end = eol;
		if (end > pos && buf[end - 1] == '\r')
			end--;
		if (c2g_http_ws(buf[pos]) && end > pos) {
			/* obs-fold: continues the header before it */
			if (in_host) {
				while (pos < end && c2g_http_ws(buf[pos]))
					pos++;
				c2g_http_feed(&a, (const u8 *)" ", 1);
				c2g_http_feed(&a, buf + pos, end - pos);
			}
			pos = eol + 1;
			continue;
		}
		if (in_host) {
			c2g_http_end(&a, out, &k);
			in_host = false;
		}
		if (end == pos) {		/* the empty line */
			*n = k;
			return k ? C2G_HTTP_HOST : C2G_HTTP_NO_HOST;
		}
		if (k < max && c2g_http_is_host(buf + pos, end - pos, &val)) {
			c2g_http_begin(&a, &out[k]);
			c2g_http_feed(&a, buf + pos + val, end - pos - val);
			in_host = true;
		}
		pos = eol + 1;
	}
	if (in_host)
		c2g_http_end(&a, out, &k);
	*n = k;
	return k ? C2G_HTTP_HOST : C2G_HTTP_PARTIAL;
}
