// SPDX-License-Identifier: GPL-2.0
/*
 * JSON formats of feeds, see formats.h: STIX 2.x bundles, MISP events and
 * Spamhaus DROP's NDJSON lines, read with jansson.  Only the STIX
 * patterning language, which is not JSON, is parsed here by hand.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "fmt_int.h"

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static json_t *json_load(struct fmt_ctx *c, unsigned long line,
			 const char *buf, size_t len)
{
	json_error_t je;
	json_t *root;
	char msg[C2_ERR_MAX];

	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		snprintf(msg, sizeof(msg), "invalid JSON: %.100s", je.text);
		fmt_error(c, line ? line : (unsigned long)(je.line > 0 ? je.line : 0),
			  NULL, 0, msg);
	}
	return root;
}

/* ---- Spamhaus DROP, NDJSON ---- */

int fmt_json_drop_line(struct fmt_ctx *c, unsigned long line, const char *s,
		       size_t n)
{
	const char *cidr, *type;
	json_t *o;
	int r = 0;

	o = json_load(c, line, s, n);
	if (!o)
		return 0;
	cidr = jstr(o, "cidr");
	type = jstr(o, "type");
	if (cidr)
		r = fmt_emit(c, line, cidr, strlen(cidr), FMT_ADDR);
	else if (!json_is_object(o) || !type || strcmp(type, "metadata"))
		fmt_error(c, line, s, n, "neither a \"cidr\" nor a metadata line");
	json_decref(o);
	return r;
}

/* ---- STIX patterns ---- */

#define STIX_LEAVES_MAX	64
#define STIX_DEPTH_MAX	16

struct stix_leaf {
	const char *type;	/* object type, in the path copy */
	const char *prop;	/* property path after the ':' */
	const char *value;	/* unescaped string, or NULL */
};

struct stix_parse {
	const char *p;
	char *out;		/* unescaped strings and paths go here */
	const char *err;	/* syntax error, or NULL */
	bool complex;		/* AND, FOLLOWEDBY, NOT, qualifiers, ops... */
	int n;
	struct stix_leaf leaf[STIX_LEAVES_MAX];
};

static void sp_ws(struct stix_parse *sp)
{
	while (fmt_blank(*sp->p))
		sp->p++;
}

static bool sp_ident_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

/* Keyword @kw next (whole word)?  Consumes it when so. */
static bool sp_kw(struct stix_parse *sp, const char *kw)
{
	size_t n = strlen(kw);

	sp_ws(sp);
	if (strncmp(sp->p, kw, n) || sp_ident_char(sp->p[n]))
		return false;
	sp->p += n;
	return true;
}

/* A '...' string at sp->p into sp->out; the copy, or NULL. */
static char *sp_string(struct stix_parse *sp)
{
	char *s = sp->out;

	if (*sp->p != '\'')
		return NULL;
	for (sp->p++; *sp->p != '\''; sp->p++) {
		if (!*sp->p)
			return NULL;
		if (*sp->p == '\\') {
			sp->p++;
			if (*sp->p != '\\' && *sp->p != '\'')
				return NULL;
		}
		*sp->out++ = *sp->p;
	}
	sp->p++;
	*sp->out++ = '\0';
	return s;
}

static void sp_fail(struct stix_parse *sp, const char *why)
{
	if (!sp->err)
		sp->err = why;
}

#define SP_FAIL(sp, why)		\
	do {				\
		sp_fail(sp, why);	\
		return;			\
	} while (0)

/* object-type ':' property path (dots, quoted keys, [index]). */
static void sp_comparison(struct stix_parse *sp)
{
	struct stix_leaf *l;
	char *path = sp->out;
	char *v;

	sp_ws(sp);
	while (sp_ident_char(*sp->p))
		*sp->out++ = *sp->p++;
	if (*sp->p != ':' || sp->out == path)
		SP_FAIL(sp, "expected an object path");
	*sp->out++ = '\0';
	sp->p++;
	l = sp->n < STIX_LEAVES_MAX ? &sp->leaf[sp->n] : NULL;
	if (l) {
		l->type = path;
		l->prop = sp->out;
	}
	while (sp_ident_char(*sp->p) || *sp->p == '.' || *sp->p == '[' ||
	       *sp->p == ']' || *sp->p == '*' || *sp->p == '\'') {
		if (*sp->p == '\'') {
			/* a quoted key: keep it, quotes dropped */
			if (!sp_string(sp))
				SP_FAIL(sp, "bad quoted path key");
			sp->out--;
			continue;
		}
		*sp->out++ = *sp->p++;
	}
	*sp->out++ = '\0';
	sp_ws(sp);
	if (sp_kw(sp, "NOT"))
		sp->complex = true;
	sp_ws(sp);
	if (*sp->p == '=') {
		sp->p++;
	} else if (sp->p[0] == '!' && sp->p[1] == '=') {
		sp->p += 2;
		sp->complex = true;
	} else if (*sp->p == '<' || *sp->p == '>') {
		sp->p += sp->p[1] == '=' ? 2 : 1;
		sp->complex = true;
	} else if (sp_kw(sp, "LIKE") || sp_kw(sp, "MATCHES") ||
		   sp_kw(sp, "ISSUBSET") || sp_kw(sp, "ISSUPERSET") ||
		   sp_kw(sp, "IN")) {
		sp->complex = true;
	} else {
		SP_FAIL(sp, "expected a comparison operator");
	}
	sp_ws(sp);
	v = NULL;
	if (*sp->p == '\'') {
		v = sp_string(sp);
		if (!v)
			SP_FAIL(sp, "unterminated string");
	} else if (*sp->p == '(') {
		/* a set: ('a', 'b') */
		sp->complex = true;
		sp->p++;
		while (*sp->p && *sp->p != ')') {
			if (*sp->p != '\'')
				sp->p++;
			else if (!sp_string(sp))
				SP_FAIL(sp, "unterminated string");
		}
		if (*sp->p != ')')
			SP_FAIL(sp, "unterminated set");
		sp->p++;
	} else {
		/* numbers, booleans, t'...', h'...', b'...' */
		sp->complex = true;
		while (sp_ident_char(*sp->p) || *sp->p == '.' || *sp->p == '+')
			sp->p++;
		if (*sp->p == '\'' && !sp_string(sp))
			SP_FAIL(sp, "unterminated string");
	}
	if (!l)
		SP_FAIL(sp, "too many comparisons");
	l->value = v;
	sp->n++;
}

static void sp_cmp_or(struct stix_parse *sp, int depth);

static void sp_cmp_atom(struct stix_parse *sp, int depth)
{
	sp_ws(sp);
	if (*sp->p != '(')
		return sp_comparison(sp);
	if (depth >= STIX_DEPTH_MAX)
		SP_FAIL(sp, "nested too deep");
	sp->p++;
	sp_cmp_or(sp, depth + 1);
	sp_ws(sp);
	if (*sp->p != ')')
		SP_FAIL(sp, "expected ')'");
	sp->p++;
}

static void sp_cmp_or(struct stix_parse *sp, int depth)
{
	for (;;) {
		sp_cmp_atom(sp, depth);
		if (sp->err)
			return;
		if (sp_kw(sp, "AND")) {
			sp->complex = true;
			continue;
		}
		if (!sp_kw(sp, "OR"))
			return;
	}
}

/* WITHIN n SECONDS, REPEATS n TIMES, START t'..' STOP t'..' */
static void sp_qualifiers(struct stix_parse *sp)
{
	for (;;) {
		if (sp_kw(sp, "WITHIN") || sp_kw(sp, "REPEATS") ||
		    sp_kw(sp, "START") || sp_kw(sp, "STOP")) {
			sp->complex = true;
			sp_ws(sp);
			while (sp_ident_char(*sp->p) || *sp->p == '.')
				sp->p++;
			if (*sp->p == '\'' && !sp_string(sp))
				SP_FAIL(sp, "unterminated string");
			sp_kw(sp, "SECONDS");
			sp_kw(sp, "TIMES");
			continue;
		}
		return;
	}
}

static void sp_obs_or(struct stix_parse *sp, int depth);

static void sp_obs(struct stix_parse *sp, int depth)
{
	sp_ws(sp);
	if (depth >= STIX_DEPTH_MAX)
		SP_FAIL(sp, "nested too deep");
	if (*sp->p == '(') {
		sp->p++;
		sp_obs_or(sp, depth + 1);
		sp_ws(sp);
		if (*sp->p != ')')
			SP_FAIL(sp, "expected ')'");
		sp->p++;
	} else if (*sp->p == '[') {
		sp->p++;
		sp_cmp_or(sp, depth + 1);
		sp_ws(sp);
		if (!sp->err && *sp->p != ']')
			SP_FAIL(sp, "expected ']'");
		sp->p++;
	} else {
		SP_FAIL(sp, "expected '['");
	}
	if (!sp->err)
		sp_qualifiers(sp);
}

static void sp_obs_or(struct stix_parse *sp, int depth)
{
	for (;;) {
		sp_obs(sp, depth);
		if (sp->err)
			return;
		if (sp_kw(sp, "AND") || sp_kw(sp, "FOLLOWEDBY")) {
			sp->complex = true;
			continue;
		}
		if (!sp_kw(sp, "OR"))
			return;
	}
}

static int stix_pattern(struct fmt_ctx *c, unsigned long line,
			const char *pattern)
{
	static const struct {
		const char *type;
		enum fmt_kind kind;
	} types[] = {
		{ "ipv4-addr", FMT_ADDR },
		{ "ipv6-addr", FMT_ADDR },
		{ "domain-name", FMT_NAME },
		{ "url", FMT_URL },
	};
	struct stix_parse *sp;
	struct stix_leaf *l;
	unsigned int k;
	int i, r = 0;

	sp = calloc(1, sizeof(*sp));
	if (sp)
		sp->out = malloc(2 * strlen(pattern) + 8);
	if (!sp || !sp->out) {
		if (sp)
			free(sp);
		fmt_error(c, line, NULL, 0, "out of memory");
		return -1;
	}
	{
		char *buf = sp->out;

		sp->p = pattern;
		sp_obs_or(sp, 0);
		sp_ws(sp);
		if (!sp->err && *sp->p)
			sp_fail(sp, "trailing text");
		if (sp->err) {
			char why[96];

			snprintf(why, sizeof(why), "bad STIX pattern (%s)",
				 sp->err);
			fmt_error(c, line, pattern, strlen(pattern), why);
		} else if (sp->complex && sp->n) {
			/* by its first type c2guard cannot hold, if any */
			l = &sp->leaf[0];
			for (i = 0; i < sp->n; i++) {
				for (k = 0; k < ARRAY_SIZE(types); k++) {
					if (!strcmp(sp->leaf[i].type,
						    types[k].type))
						break;
				}
				if (k == ARRAY_SIZE(types)) {
					l = &sp->leaf[i];
					break;
				}
			}
			fmt_unsup(c, l->type, strlen(l->type));
		} else {
			for (i = 0; i < sp->n && !r; i++) {
				l = &sp->leaf[i];
				for (k = 0; k < ARRAY_SIZE(types); k++) {
					if (!strcmp(l->type, types[k].type))
						break;
				}
				if (k == ARRAY_SIZE(types) ||
				    strcmp(l->prop, "value") || !l->value) {
					fmt_unsup(c, l->type, strlen(l->type));
					continue;
				}
				r = fmt_emit(c, line, l->value,
					     strlen(l->value), types[k].kind);
			}
		}
		free(buf);
	}
	free(sp);
	return r;
}

static int stix_object(struct fmt_ctx *c, unsigned long line, json_t *o)
{
	const char *type = jstr(o, "type"), *pattern, *ptype;

	if (!type || strcmp(type, "indicator"))
		return 0;
	pattern = jstr(o, "pattern");
	ptype = jstr(o, "pattern_type");
	if (ptype && strcmp(ptype, "stix")) {
		char t[C2_FMT_TYPE_MAX];

		snprintf(t, sizeof(t), "pattern:%s", ptype);
		fmt_unsup(c, t, strlen(t));
		return 0;
	}
	if (!pattern) {
		fmt_error(c, line, NULL, 0, "indicator without a pattern");
		return 0;
	}
	return stix_pattern(c, line, pattern);
}

static int stix_read(struct fmt_ctx *c, json_t *root)
{
	const char *type = jstr(root, "type");
	json_t *objs, *o;
	size_t i;
	int r = 0;

	if (type && !strcmp(type, "indicator"))
		return stix_object(c, 1, root);
	objs = json_object_get(root, "objects");
	if (!type || strcmp(type, "bundle") || !json_is_array(objs)) {
		fmt_error(c, 0, NULL, 0, "not a STIX bundle with objects");
		return -1;
	}
	json_array_foreach(objs, i, o) {
		r = stix_object(c, i + 1, o);
		if (r)
			break;
	}
	return r;
}

/* ---- MISP ---- */

static int misp_attr(struct fmt_ctx *c, unsigned long line, json_t *a)
{
	const char *t = jstr(a, "type"), *v = jstr(a, "value"), *bar;
	size_t vn;
	int r;

	if (!t || !v) {
		fmt_error(c, line, NULL, 0, "attribute without type or value");
		return 0;
	}
	vn = strlen(v);
	bar = strchr(v, '|');
	if (!strcmp(t, "ip-dst") || !strcmp(t, "ip-src"))
		return fmt_emit(c, line, v, vn, FMT_ADDR);
	if (!strcmp(t, "domain") || !strcmp(t, "hostname"))
		return fmt_emit(c, line, v, vn, FMT_NAME);
	if (!strcmp(t, "url"))
		return fmt_emit(c, line, v, vn, FMT_URL);
	if (!strcmp(t, "ip-dst|port") || !strcmp(t, "ip-src|port") ||
	    !strcmp(t, "domain|ip") || !strcmp(t, "hostname|port")) {
		if (!bar) {
			fmt_error(c, line, v, vn, "composite value without '|'");
			return 0;
		}
		if (t[0] == 'i')
			return fmt_emit_ipport(c, line, v, (size_t)(bar - v),
					       bar + 1, strlen(bar + 1));
		/* domain|ip: both; hostname|port: the name only */
		r = fmt_emit(c, line, v, (size_t)(bar - v), FMT_NAME);
		if (r || t[0] == 'h')
			return r;
		return fmt_emit(c, line, bar + 1, strlen(bar + 1), FMT_ADDR);
	}
	fmt_unsup(c, t, strlen(t));
	return 0;
}

static int misp_attrs(struct fmt_ctx *c, unsigned long *n, json_t *list)
{
	json_t *a;
	size_t i;
	int r;

	json_array_foreach(list, i, a) {
		r = misp_attr(c, ++*n, a);
		if (r)
			return r;
	}
	return 0;
}

static int misp_event(struct fmt_ctx *c, unsigned long *n, json_t *ev)
{
	json_t *obj;
	size_t i;
	int r;

	if (!json_is_object(ev)) {
		fmt_error(c, *n + 1, NULL, 0, "event is not an object");
		return 0;
	}
	r = misp_attrs(c, n, json_object_get(ev, "Attribute"));
	json_array_foreach(json_object_get(ev, "Object"), i, obj) {
		if (r)
			break;
		r = misp_attrs(c, n, json_object_get(obj, "Attribute"));
	}
	return r;
}

static int misp_read(struct fmt_ctx *c, json_t *root)
{
	unsigned long n = 0;
	json_t *list, *el, *ev;
	size_t i;
	int r = 0;

	if (json_is_object(root) && json_object_get(root, "Event"))
		return misp_event(c, &n, json_object_get(root, "Event"));
	if (json_object_get(root, "Attribute") || json_object_get(root, "Object"))
		return misp_event(c, &n, root);
	list = json_is_array(root) ? root : json_object_get(root, "response");
	if (!json_is_array(list)) {
		fmt_error(c, 0, NULL, 0, "not a MISP event or list of events");
		return -1;
	}
	json_array_foreach(list, i, el) {
		ev = json_object_get(el, "Event");
		r = misp_event(c, &n, ev ? ev : el);
		if (r)
			break;
	}
	return r;
}

int fmt_json_read(struct fmt_ctx *c, const char *buf, size_t len,
		  enum c2_fmt fmt)
{
	json_t *root;
	int r;

	root = json_load(c, 0, buf, len);
	if (!root)
		return -1;
	r = fmt == C2_FMT_STIX ? stix_read(c, root) : misp_read(c, root);
	json_decref(root);
	return r;
}

enum c2_fmt fmt_json_detect(const char *buf, size_t len)
{
	enum c2_fmt fmt = C2_FMT_AUTO;
	const char *nl = memchr(buf, '\n', len), *type;
	json_t *root, *first;

	if (nl && *buf == '{') {
		root = json_loadb(buf, (size_t)(nl - buf), 0, NULL);
		if (root && json_object_get(root, "cidr"))
			fmt = C2_FMT_DROP;
		json_decref(root);
		if (fmt != C2_FMT_AUTO)
			return fmt;
	}
	root = json_loadb(buf, len, 0, NULL);
	if (!root)
		return fmt;
	type = jstr(root, "type");
	first = json_array_get(root, 0);
	if (type && (!strcmp(type, "bundle") || !strcmp(type, "indicator")))
		fmt = C2_FMT_STIX;
	else if (json_object_get(root, "Event") ||
		 json_object_get(root, "response") ||
		 json_object_get(first, "Event") ||
		 json_object_get(first, "Attribute"))
		fmt = C2_FMT_MISP;
	else if (json_object_get(root, "cidr"))
		fmt = C2_FMT_DROP;
	json_decref(root);
	return fmt;
}
