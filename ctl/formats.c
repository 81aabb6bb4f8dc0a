// SPDX-License-Identifier: GPL-2.0
/*
 * Feed formats, see formats.h: their names, the helpers every reader
 * turns its values into indicators with, and the stats of a read.  Which
 * reader reads a buffer is fmt_read.c's business.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <idn2.h>

#include "fmt_int.h"
#include "http.h"

static const char *const fmt_names[__C2_FMT_MAX] = {
	[C2_FMT_AUTO] = "auto",
	[C2_FMT_PLAIN] = "plain",
	[C2_FMT_HOSTS] = "hosts",
	[C2_FMT_CSV] = "csv",
	[C2_FMT_ZEEK] = "zeek",
	[C2_FMT_MALTRAIL] = "maltrail",
	[C2_FMT_IPREP] = "iprep",
	[C2_FMT_DROP] = "drop",
	[C2_FMT_STIX] = "stix",
	[C2_FMT_MISP] = "misp",
};

int c2_fmt_parse(const char *name, enum c2_fmt *out)
{
	unsigned int i;

	for (i = 0; i < __C2_FMT_MAX; i++) {
		if (!strcmp(name, fmt_names[i])) {
			*out = (enum c2_fmt)i;
			return 0;
		}
	}
	return -1;
}

const char *c2_fmt_name(enum c2_fmt fmt)
{
	return (unsigned int)fmt < __C2_FMT_MAX ? fmt_names[fmt] : NULL;
}

/* ---- records to indicators ---- */

/* "<up to 64 bytes of s>[...]: why", never a NUL inside. */
void fmt_error(struct fmt_ctx *c, unsigned long line, const char *s,
	       size_t n, const char *why)
{
	char msg[C2_ERR_MAX + 80];
	size_t q = n;

	if (s && n && memchr(s, '\0', q))
		q = strlen(s);
	if (q > 64)
		q = 64;
	if (s && n)
		snprintf(msg, sizeof(msg), "%.*s%s: %s", (int)q, s,
			 n > q ? "..." : "", why);
	else
		snprintf(msg, sizeof(msg), "%s", why);
	c->st->errors++;
	if (c->sink->error)
		c->sink->error(c->sink->data, line, msg);
}

void fmt_unsup(struct fmt_ctx *c, const char *type, size_t n)
{
	struct c2_fmt_stats *st = c->st;
	struct c2_fmt_unsup *u;
	unsigned int i;

	n = strnlen(type, n);
	if (n >= C2_FMT_TYPE_MAX)
		n = C2_FMT_TYPE_MAX - 1;
	if (!n) {
		type = "unknown";
		n = strlen(type);
	}
	st->unsupported++;
	for (i = 0; i < st->n_unsup; i++) {
		u = &st->unsup[i];
		if (!strncmp(u->type, type, n) && !u->type[n])
			goto found;
	}
	if (st->n_unsup == C2_FMT_UNSUP_MAX) {
		/* The last slot becomes "other" for every further type. */
		u = &st->unsup[C2_FMT_UNSUP_MAX - 1];
		strcpy(u->type, "other");
		goto found;
	}
	u = &st->unsup[st->n_unsup++];
	memcpy(u->type, type, n);
	u->type[n] = '\0';
found:
	u->count++;
}

/*
 * Where what follows "SCHEME://" starts in a URL s[0..n) (a scheme:
 * letters, digits, '+', '-', '.'; at most 32), or 0 when it has none.
 */
static size_t url_scheme_end(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 2 < n && i < 32; i++) {
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return i + 3;
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.", s[i]))
			break;
	}
	return 0;
}

/*
 * The host of [SCHEME://][USERINFO@]HOST[:PORT][/PATH][?Q][#F] as
 * *h[0..*hn), brackets of an IPv6 literal excluded; *path when anything
 * but a lone "/" follows the host and port.
 */
static void url_host(const char *s, size_t n, const char **h, size_t *hn,
		     bool *path)
{
	const char *p = s + url_scheme_end(s, n), *end = s + n, *a, *q;

	for (a = p; a < end && *a != '/' && *a != '?' && *a != '#'; a++)
		;
	*path = a < end && !(a + 1 == end && *a == '/');
	for (q = a; q > p; q--) {
		if (q[-1] == '@') {
			p = q;
			break;
		}
	}
	if (p < a && *p == '[') {
		q = memchr(p, ']', (size_t)(a - p));
		*h = p + 1;
		*hn = q ? (size_t)(q - p) - 1 : (size_t)(a - p) - 1;
		return;
	}
	q = memchr(p, ':', (size_t)(a - p));
	*h = p;
	*hn = (size_t)((q ? q : a) - p);
}

/*
 * The scheme of a URL s[0..n): 0 none or "http" (any case), 1 "https", -1
 * another one.
 */
static int url_scheme(const char *s, size_t n)
{
	size_t i = url_scheme_end(s, n);

	if (!i || (i == 7 && !strncasecmp(s, "http", 4)))
		return 0;
	return i == 8 && !strncasecmp(s, "https", 5) ? 1 : -1;
}

/*
 * @text with non-ASCII labels as punycode (IDNA 2008, UTS #46
 * non-transitional), a leading "*." kept, into out[0..outlen).  0 or -1
 * with a message in err.
 */
int fmt_idna(const char *text, char *out, size_t outlen, char *err,
	     size_t errlen)
{
	bool star = !strncmp(text, "*.", 2);
	char *ace = NULL;
	int r;

	r = idn2_to_ascii_8z(text + (star ? 2 : 0), &ace, IDN2_NONTRANSITIONAL);
	if (r != IDN2_OK) {
		snprintf(err, errlen,
			 "%.64s%s: invalid internationalized name (%s)", text,
			 strlen(text) > 64 ? "..." : "", idn2_strerror(r));
		return -1;
	}
	r = snprintf(out, outlen, "%s%s", star ? "*." : "", ace);
	idn2_free(ace);
	if (r < 0 || (size_t)r >= outlen) {
		snprintf(err, errlen, "%.64s...: %s", text,
			 c2g_name_strerror(C2G_NAME_TOO_LONG));
		return -1;
	}
	return 0;
}

bool fmt_has_8bit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return true;
	}
	return false;
}

/*
 * The URL @text with a non-ASCII host as punycode (fmt_idna()), the rest
 * as it is, into out[0..outlen).  0 or -1 with a message in err.
 */
int fmt_url_idna(const char *text, char *out, size_t outlen, char *err,
		 size_t errlen)
{
	char host[C2G_NAME_MAX * 4 + 1], ace[C2G_NAME_MAX + 2];
	size_t n = strlen(text), hn;
	const char *h;
	bool path;
	int r;

	url_host(text, n, &h, &hn, &path);
	if (!fmt_has_8bit(h, hn)) {
		r = snprintf(out, outlen, "%s", text);
	} else {
		if (hn >= sizeof(host)) {
			snprintf(err, errlen, "%.64s...: %s", text,
				 c2g_name_strerror(C2G_NAME_TOO_LONG));
			return -1;
		}
		memcpy(host, h, hn);
		host[hn] = '\0';
		if (fmt_idna(host, ace, sizeof(ace), err, errlen))
			return -1;
		r = snprintf(out, outlen, "%.*s%s%s", (int)(h - text), text,
			     ace, h + hn);
	}
	if (r < 0 || (size_t)r >= outlen) {
		snprintf(err, errlen, "%.64s...: %s", text, C2G_URL_MSG_LEN);
		return -1;
	}
	return 0;
}

/*
 * text to spec; names with non-ASCII through IDNA first (a URL's host
 * only).  0 or -1.
 */
static int entry_parse(struct c2_ind_spec *spec, const char *text,
		       char *err, size_t errlen)
{
	char buf[FMT_VALUE_MAX + C2_IND_FMT_MAX + 2];

	if (!fmt_has_8bit(text, strlen(text)))
		return c2_spec_set_entry(spec, text, err, errlen);
	if (c2_url_like(text) ?
	    fmt_url_idna(text, buf, sizeof(buf), err, errlen) :
	    fmt_idna(text, buf, sizeof(buf), err, errlen))
		return -1;
	return c2_spec_set_entry(spec, buf, err, errlen);
}

static const char *kind_check(const struct c2_ind_spec *s, enum fmt_kind kind)
{
	switch (kind) {
	case FMT_ADDR:
		if (!(s->set & C2_SPEC_ADDR) || (s->set & C2_SPEC_PORT))
			return "not an address or prefix";
		break;
	case FMT_NAME:
		if (!(s->set & C2_SPEC_NAME) || s->suffix)
			return "not a domain name";
		break;
	case FMT_HOST:
		if ((s->set & (C2_SPEC_PORT | C2_SPEC_JA4 | C2_SPEC_URL)) ||
		    (s->set & C2_SPEC_NAME ? s->suffix :
		     s->pfx.len != c2g_family_bits(s->pfx.family)))
			return "not a host name or address";
		break;
	default:
		break;
	}
	return NULL;
}

/*
 * The http (or scheme-less) URL s[0..n), which has a path, as a URL
 * indicator into @spec: true, or false when it cannot be one (a port but
 * 80, a user name, bytes a key cannot hold...), or when its path is "/"
 * and its host says as much.  *@root tells the last apart.
 */
static bool url_spec(const char *s, size_t n, struct c2_ind_spec *spec,
		     bool *root)
{
	char text[FMT_VALUE_MAX + 1], buf[FMT_VALUE_MAX + C2_IND_FMT_MAX + 2];
	char err[C2_ERR_MAX];
	const char *t = text;
	size_t k;

	*root = false;
	if (n > FMT_VALUE_MAX || memchr(s, '\0', n))
		return false;
	memcpy(text, s, n);
	text[n] = '\0';
	if (fmt_has_8bit(text, n)) {
		if (fmt_url_idna(text, buf, sizeof(buf), err, sizeof(err)))
			return false;
		t = buf;
	}
	c2_spec_init(spec);
	if (c2_url_norm(t, spec->url, sizeof(spec->url), err, sizeof(err)))
		return false;
	/* "HOST/": the host (its first '/' the last byte: no query) */
	k = strlen(spec->url);
	if (strchr(spec->url, '/') == spec->url + k - 1) {
		*root = true;
		return false;
	}
	spec->set |= C2_SPEC_URL;
	return true;
}

/*
 * One value of a record, s[0..n), as an indicator of @kind with the
 * defaults' action, tag and timeout.  An http URL with a path (FMT_URL)
 * is a URL indicator; any other URL gives its host, an https one with a
 * path counted unsupported as "https-url-path", one of another scheme or
 * that cannot be a URL indicator as "url-path".  Returns 0 (also after an
 * error or unsupported count) or the sink's non-zero stop value.
 */
int fmt_emit(struct fmt_ctx *c, unsigned long line, const char *s, size_t n,
	     enum fmt_kind kind)
{
	const struct c2_ind_spec *d = c->defaults;
	char text[FMT_VALUE_MAX + 1], err[C2_ERR_MAX];
	const char *why, *unsup = NULL;
	struct c2_ind_spec spec;
	bool path = false, root;
	int r;

	if (kind == FMT_URL) {
		const char *h;
		size_t hn;

		url_host(s, n, &h, &hn, &path);
		if (!hn) {
			fmt_error(c, line, s, n, "URL without a host");
			return 0;
		}
		if (path) {
			r = url_scheme(s, n);
			if (!r && url_spec(s, n, &spec, &root))
				goto emit;
			if (r > 0)
				unsup = "https-url-path";
			else if (r < 0 || !root)
				unsup = "url-path";
		}
		s = h;
		n = hn;
		kind = FMT_HOST;
	}
	if (!n) {
		fmt_error(c, line, s, n, "empty indicator");
		return 0;
	}
	if (n > FMT_VALUE_MAX || memchr(s, '\0', n)) {
		fmt_error(c, line, s, n, n > FMT_VALUE_MAX ?
			  "value too long" : "NUL byte in value");
		return 0;
	}
	memcpy(text, s, n);
	text[n] = '\0';

	c2_spec_init(&spec);
	if (entry_parse(&spec, text, err, sizeof(err))) {
		fmt_error(c, line, NULL, 0, err);
		return 0;
	}
	why = kind_check(&spec, kind);
	if (why) {
		fmt_error(c, line, s, n, why);
		return 0;
	}
	if (unsup)
		fmt_unsup(c, unsup, strlen(unsup));
emit:
	spec.action = d->action;
	spec.timeout = d->timeout;
	memcpy(spec.tag, d->tag, sizeof(spec.tag));
	spec.set |= d->set & C2_SPEC_OPTS;
	c->st->indicators++;
	r = c->sink->ind ? c->sink->ind(c->sink->data, line, &spec) : 0;
	if (r)
		c->stop = r;
	return r;
}

/* IP and PORT given apart ("ip|port", "ip:port" split): IP:PORT. */
int fmt_emit_ipport(struct fmt_ctx *c, unsigned long line, const char *ip,
		    size_t iplen, const char *port, size_t portlen)
{
	char text[C2G_ADDR_FMT_MAX + 16];
	bool v6 = memchr(ip, ':', iplen) != NULL;
	int r;

	if (!iplen || iplen >= C2G_ADDR_FMT_MAX || !portlen || portlen > 8 ||
	    memchr(port, ':', portlen)) {
		fmt_error(c, line, ip, iplen + (portlen ? portlen + 1 : 0),
			  "not an IP and port");
		return 0;
	}
	r = snprintf(text, sizeof(text), "%s%.*s%s:%.*s", v6 ? "[" : "",
		     (int)iplen, ip, v6 ? "]" : "", (int)portlen, port);
	return fmt_emit(c, line, text, (size_t)r, FMT_ANY);
}

/* ---- stats ---- */

int c2_fmt_unsup_format(const struct c2_fmt_stats *st, char *buf,
			size_t len)
{
	size_t off = 0;
	unsigned int i;
	int r;

	if (len)
		buf[0] = '\0';
	if (!st->n_unsup)
		return snprintf(buf, len, "none");
	for (i = 0; i < st->n_unsup; i++) {
		r = snprintf(buf + (off < len ? off : len),
			     off < len ? len - off : 0, "%s%s %lu",
			     i ? ", " : "", st->unsup[i].type,
			     st->unsup[i].count);
		if (r < 0)
			return r;
		off += (size_t)r;
	}
	return (int)off;
}

void c2_fmt_stats_print(const struct c2_fmt_stats *st, FILE *f)
{
	char u[C2_FMT_UNSUP_MAX * (C2_FMT_TYPE_MAX + 24)];

	c2_fmt_unsup_format(st, u, sizeof(u));
	fprintf(f, "%lu indicators, %lu errors, %lu unsupported",
		st->indicators, st->errors, st->unsupported);
	if (st->n_unsup)
		fprintf(f, " (%s)", u);
	fputc('\n', f);
}
