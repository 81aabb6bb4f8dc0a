// SPDX-License-Identifier: GPL-2.0
/*
 * Line formats of feeds, see formats.h: plain, hosts, csv (Feodo Tracker,
 * ThreatFox, a chosen column), zeek intel, maltrail, iprep and Spamhaus
 * DROP (its NDJSON lines go to fmt_json.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fmt_int.h"

#define CSV_FIELDS_MAX	64

static char *trim(char *s, size_t *n)
{
	while (*n && fmt_blank(s[*n - 1]))
		s[--*n] = '\0';
	while (*n && fmt_blank(*s)) {
		s++;
		--*n;
	}
	return s;
}

/* The first bytes of s[0..n) into copy[0..len), for messages. */
static void head(char *copy, size_t len, const char *s, size_t n)
{
	if (n > len - 1)
		n = len - 1;
	memcpy(copy, s, n);
	copy[n] = '\0';
}

/* Cut s at the first @c (a comment); the length left. */
static size_t cut(char *s, size_t n, char c)
{
	char *p = memchr(s, c, n);

	if (!p)
		return n;
	*p = '\0';
	return (size_t)(p - s);
}

/* ---- plain ---- */

static int plain_line(struct fmt_ctx *c, unsigned long line, char *s,
		      size_t n)
{
	char err[C2_ERR_MAX], ace[FMT_VALUE_MAX + 1], *l = s, *tmp = NULL;
	struct c2_ind_spec spec;
	size_t w, k;
	int r;

	/*
	 * A non-ASCII entry (the first word, the second after "url")
	 * becomes punycode first, a URL's host only.
	 */
	for (w = 0; w < n && fmt_blank(s[w]); w++)
		;
	for (k = w; k < n && !fmt_blank(s[k]) && s[k] != '#'; k++)
		;
	if (k - w == 3 && !memcmp(s + w, "url", 3) && k < n && s[k] != '#') {
		for (w = k; w < n && fmt_blank(s[w]); w++)
			;
		for (k = w; k < n && !fmt_blank(s[k]) && s[k] != '#'; k++)
			;
	}
	if (fmt_has_8bit(s + w, k - w)) {
		char save = s[k];

		s[k] = '\0';
		r = c2_url_like(s + w) ?
		    fmt_url_idna(s + w, ace, sizeof(ace), err, sizeof(err)) :
		    fmt_idna(s + w, ace, sizeof(ace), err, sizeof(err));
		s[k] = save;
		if (r) {
			fmt_error(c, line, NULL, 0, err);
			return 0;
		}
		/* what comes before the entry ("url "), ace, what follows */
		tmp = malloc(w + strlen(ace) + n - k + 1);
		if (!tmp) {
			fmt_error(c, line, NULL, 0, "out of memory");
			return -1;
		}
		memcpy(tmp, s, w);
		strcpy(tmp + w, ace);
		memcpy(tmp + w + strlen(ace), s + k, n - k + 1);
		l = tmp;
		n = w + strlen(ace) + n - k;
	}
	r = c2_feed_parse_line(l, n, c->defaults, &spec, err, sizeof(err));
	free(tmp);
	if (r < 0) {
		fmt_error(c, line, NULL, 0, err);
		return 0;
	}
	if (!r)
		return 0;
	c->st->indicators++;
	r = c->sink->ind ? c->sink->ind(c->sink->data, line, &spec) : 0;
	if (r)
		c->stop = r;
	return r;
}

/* ---- hosts ---- */

static bool local_name(const char *w)
{
	static const char *const names[] = {
		"localhost", "localhost.localdomain", "local",
		"broadcasthost", "localdomain", "0.0.0.0",
	};
	unsigned int i;

	if (!strncasecmp(w, "ip6-", 4))
		return true;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcasecmp(w, names[i]))
			return true;
	}
	return false;
}

static int hosts_line(struct fmt_ctx *c, unsigned long line, char *s,
		      size_t n)
{
	struct c2g_prefix pfx;
	char *w, *save = NULL, *addr;
	int names = 0, r;

	n = cut(s, n, '#');
	addr = strtok_r(s, " \t\r\v\f", &save);
	if (!addr)
		return 0;
	if (strchr(addr, '/') ||
	    c2g_prefix_parse(addr, strlen(addr), &pfx) != C2G_ADDR_OK) {
		fmt_error(c, line, addr, strlen(addr),
			  "not a hosts line (ADDRESS NAME...)");
		return 0;
	}
	while ((w = strtok_r(NULL, " \t\r\v\f", &save))) {
		names++;
		if (local_name(w) || !strcmp(w, addr))
			continue;
		r = fmt_emit(c, line, w, strlen(w), FMT_NAME);
		if (r)
			return r;
	}
	if (!names)
		fmt_error(c, line, addr, strlen(addr), "address without names");
	return 0;
}

/* ---- csv ---- */

/*
 * Split one CSV line in place into NUL-terminated fields: RFC 4180 quoting
 * ("" for a quote, separators inside quotes), blanks around fields
 * dropped.  The number of fields, or -1 for bad quoting or too many.
 */
static int csv_split(char *s, char **f, int max)
{
	char *r = s, *w = s, *start;
	int nf = 0;
	bool more;

	for (;;) {
		while (*r == ' ' || *r == '\t')
			r++;
		if (nf == max)
			return -1;
		f[nf++] = w;
		start = w;
		if (*r == '"') {
			for (r++;; r++) {
				if (!*r)
					return -1;
				if (*r == '"') {
					if (r[1] != '"')
						break;
					r++;
				}
				*w++ = *r;
			}
			r++;
			while (*r == ' ' || *r == '\t' || *r == '\r')
				r++;
			if (*r && *r != ',')
				return -1;
		} else {
			while (*r && *r != ',')
				*w++ = *r++;
			while (w > start && fmt_blank(w[-1]))
				w--;
		}
		more = *r == ',';
		*w++ = '\0';
		if (!more)
			return nf;
		r++;
	}
}

/* A header names the indicator column: find it.  true when found. */
static bool csv_header(struct fmt_ctx *c, char *s)
{
	const char *col = c->opts->column;
	char *f[CSV_FIELDS_MAX];
	int nf, i, v = -1, t = -1, d = -1;

	nf = csv_split(s, f, CSV_FIELDS_MAX);
	for (i = 0; i < nf; i++) {
		if (col && !strcasecmp(f[i], col) && v < 0)
			v = i;
		else if (!strcmp(f[i], "ioc_value"))
			v = col ? v : i;
		else if (!strcmp(f[i], "ioc_type"))
			t = i;
		else if (!strcmp(f[i], "dst_ip"))
			d = i;
	}
	if (col) {
		c->csv_col = v;
		c->csv_kind = CSV_ANY;
	} else if (v >= 0 && t >= 0) {
		c->csv_col = v;
		c->csv_type_col = t;
		c->csv_kind = CSV_TYPED;
	} else if (d >= 0) {
		c->csv_col = d;
		c->csv_kind = CSV_ADDR;
	}
	return c->csv_col >= 0;
}

/* ThreatFox ioc_type to what c2guard holds. */
static int csv_typed(struct fmt_ctx *c, unsigned long line, const char *v,
		     const char *type)
{
	const char *colon;

	if (!*type) {
		fmt_error(c, line, v, strlen(v), "empty ioc_type");
		return 0;
	}
	if (!strcmp(type, "ip:port")) {
		colon = strrchr(v, ':');
		if (!colon) {
			fmt_error(c, line, v, strlen(v), "ip:port without a port");
			return 0;
		}
		if (*v == '[')
			return fmt_emit(c, line, v, strlen(v), FMT_ANY);
		return fmt_emit_ipport(c, line, v, (size_t)(colon - v), colon + 1,
				       strlen(colon + 1));
	}
	if (!strcmp(type, "domain"))
		return fmt_emit(c, line, v, strlen(v), FMT_NAME);
	if (!strcmp(type, "url"))
		return fmt_emit(c, line, v, strlen(v), FMT_URL);
	if (!strcmp(type, "ip"))
		return fmt_emit(c, line, v, strlen(v), FMT_ADDR);
	fmt_unsup(c, type, strlen(type));
	return 0;
}

static int csv_line(struct fmt_ctx *c, unsigned long line, char *s,
		    size_t n)
{
	const char *col = c->opts->column;
	char *f[CSV_FIELDS_MAX], *v, copy[80];
	__u32 num = 0;
	int nf;

	s = trim(s, &n);
	if (!n)
		return 0;
	if (col && c->csv_col < 0 && !c2_parse_u32(col, 1, CSV_FIELDS_MAX, &num))
		c->csv_col = (int)num - 1;
	if (*s == '#') {
		if (c->csv_col < 0) {
			s++;
			while (fmt_blank(*s))
				s++;
			csv_header(c, s);
		}
		return 0;
	}
	if (c->csv_col < 0) {
		head(copy, sizeof(copy), s, n);
		if (csv_header(c, s))
			return 0;
		fmt_error(c, line, copy, strlen(copy), col ?
			  "no header with the column given before this line" :
			  "no Feodo Tracker (dst_ip) or ThreatFox (ioc_value, ioc_type) header before this line; give a column");
		return -1;
	}
	head(copy, sizeof(copy), s, n);
	nf = csv_split(s, f, CSV_FIELDS_MAX);
	if (nf < 0) {
		fmt_error(c, line, copy, n, "bad CSV quoting or too many fields");
		return 0;
	}
	if (c->csv_col >= nf || c->csv_type_col >= nf) {
		fmt_error(c, line, copy, n, "too few fields");
		return 0;
	}
	v = f[c->csv_col];
	if (c->csv_kind == CSV_TYPED)
		return csv_typed(c, line, v, f[c->csv_type_col]);
	if (c->csv_kind == CSV_ADDR)
		return fmt_emit(c, line, v, strlen(v), FMT_ADDR);
	return fmt_emit(c, line, v, strlen(v),
			strstr(v, "://") ? FMT_URL : FMT_ANY);
}

/* ---- zeek intel ---- */

static int tab_split(char *s, char **f, int max)
{
	int nf = 0;
	char *t;

	for (;;) {
		if (nf == max)
			return -1;
		f[nf++] = s;
		t = strchr(s, '\t');
		if (!t)
			return nf;
		*t = '\0';
		s = t + 1;
	}
}

static int zeek_line(struct fmt_ctx *c, unsigned long line, char *s,
		     size_t n)
{
	static const struct {
		const char *type;
		enum fmt_kind kind;
	} types[] = {
		{ "Intel::ADDR", FMT_ADDR },
		{ "Intel::SUBNET", FMT_ADDR },
		{ "Intel::DOMAIN", FMT_NAME },
		{ "Intel::URL", FMT_URL },
	};
	char *f[CSV_FIELDS_MAX], *v, *t;
	unsigned int k;
	int nf, i;

	while (n && fmt_blank(s[n - 1]))
		s[--n] = '\0';
	if (!n)
		return 0;
	if (*s == '#') {
		if (strncmp(s, "#fields\t", 8))
			return 0;
		nf = tab_split(s + 8, f, CSV_FIELDS_MAX);
		c->zeek_ind = c->zeek_type = -1;
		for (i = 0; i < nf; i++) {
			if (!strcmp(f[i], "indicator"))
				c->zeek_ind = i;
			else if (!strcmp(f[i], "indicator_type"))
				c->zeek_type = i;
		}
		if (c->zeek_ind < 0 || c->zeek_type < 0)
			fmt_error(c, line, NULL, 0,
				  "#fields without indicator and indicator_type");
		return 0;
	}
	if (c->zeek_ind < 0 || c->zeek_type < 0) {
		fmt_error(c, line, s, n, "record before a #fields line");
		return 0;
	}
	nf = tab_split(s, f, CSV_FIELDS_MAX);
	if (nf <= c->zeek_ind || nf <= c->zeek_type) {
		fmt_error(c, line, s, n, "too few fields");
		return 0;
	}
	v = f[c->zeek_ind];
	t = f[c->zeek_type];
	if (!*v || !strcmp(v, "-") || !*t || !strcmp(t, "-")) {
		fmt_error(c, line, v, strlen(v), "empty indicator or type");
		return 0;
	}
	for (k = 0; k < ARRAY_SIZE(types); k++) {
		if (!strcmp(t, types[k].type))
			return fmt_emit(c, line, v, strlen(v), types[k].kind);
	}
	fmt_unsup(c, t, strlen(t));
	return 0;
}

/* ---- maltrail ---- */

static int maltrail_line(struct fmt_ctx *c, unsigned long line, char *s,
			 size_t n)
{
	char *sl, *co;
	size_t k;

	n = cut(s, n, '#');
	s = trim(s, &n);
	if (!n)
		return 0;
	for (k = 0; k < n && !fmt_blank(s[k]); k++)
		;
	if (k < n) {
		fmt_error(c, line, s, n, "more than one word");
		return 0;
	}
	if (strstr(s, "://"))
		return fmt_emit(c, line, s, n, FMT_URL);
	sl = strchr(s, '/');
	if (sl && (!sl[1] || strspn(sl + 1, "0123456789") != strlen(sl + 1)))
		return fmt_emit(c, line, s, n, FMT_URL);
	co = strchr(s, ':');
	/* NAME:PORT: the name (c2guard matches names on any port). */
	if (co && !strchr(co + 1, ':') && strspn(s, "0123456789.") != (size_t)(co - s))
		return fmt_emit(c, line, s, (size_t)(co - s), FMT_NAME);
	return fmt_emit(c, line, s, n, FMT_ANY);
}

/* ---- iprep ---- */

static int iprep_line(struct fmt_ctx *c, unsigned long line, char *s,
		      size_t n)
{
	char *f[4], copy[80];
	__u32 v;
	int nf;

	s = trim(s, &n);
	if (!n || *s == '#')
		return 0;
	head(copy, sizeof(copy), s, n);
	nf = csv_split(s, f, 4);
	if (nf != 3) {
		fmt_error(c, line, copy, strlen(copy),
			  "not ADDRESS,CATEGORY,SCORE");
		return 0;
	}
	if (c2_parse_u32(f[1], 0, 255, &v) || c2_parse_u32(f[2], 0, 127, &v)) {
		fmt_error(c, line, copy, strlen(copy),
			  "category (0..255) or score (0..127) not a number in range");
		return 0;
	}
	return fmt_emit(c, line, f[0], strlen(f[0]), FMT_ADDR);
}

/* ---- Spamhaus DROP ---- */

static int drop_line(struct fmt_ctx *c, unsigned long line, char *s,
		     size_t n)
{
	size_t k;

	s = trim(s, &n);
	if (n && *s == '{')
		return fmt_json_drop_line(c, line, s, n);
	n = cut(s, n, ';');
	s = trim(s, &n);
	if (!n)
		return 0;
	for (k = 0; k < n && !fmt_blank(s[k]); k++)
		;
	if (k < n) {
		fmt_error(c, line, s, n, "not CIDR ; SBLnnn");
		return 0;
	}
	return fmt_emit(c, line, s, n, FMT_ADDR);
}

/* ---- lines ---- */

typedef int (*line_fn)(struct fmt_ctx *c, unsigned long line, char *s,
		       size_t n);

/*
 * Hand each line, without its LF (a CR stays for the reader's trimming),
 * NUL-terminated in a scratch copy, to the reader of @fmt.
 */
int fmt_text_read(struct fmt_ctx *c, const char *buf, size_t len,
		  enum c2_fmt fmt)
{
	static const line_fn fns[__C2_FMT_MAX] = {
		[C2_FMT_PLAIN] = plain_line,
		[C2_FMT_HOSTS] = hosts_line,
		[C2_FMT_CSV] = csv_line,
		[C2_FMT_ZEEK] = zeek_line,
		[C2_FMT_MALTRAIL] = maltrail_line,
		[C2_FMT_IPREP] = iprep_line,
		[C2_FMT_DROP] = drop_line,
	};
	const char *p = buf, *end = buf + len, *e;
	unsigned long line = 0;
	line_fn fn = fns[fmt];
	char *scratch;
	size_t n;
	int r = 0;

	scratch = malloc(len + 1);
	if (!scratch) {
		fmt_error(c, 0, NULL, 0, "out of memory");
		return -1;
	}
	for (; p < end && !r; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		n = (size_t)(e - p);
		line++;
		if (memchr(p, '\0', n)) {
			fmt_error(c, line, NULL, 0, "NUL byte in line");
			continue;
		}
		memcpy(scratch, p, n);
		scratch[n] = '\0';
		r = fn(c, line, scratch, n);
	}
	free(scratch);
	return r;
}
