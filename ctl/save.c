// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl save and restore: everything of a netns's c2guard state that was
 * set on purpose (the settings, the manual entries, every feed with its
 * list and what feed list shows of it) as text that restore reads back.
 *
 *   # comment
 *   config set NAME VALUE ...
 *   host allow add ADDR/LEN
 *   add ENTRY [action A] [tag T] [timeout S]
 *   feed NAME source S format F action A tag T timeout S errors N unsupported N
 *   ENTRY [action A] [tag T]          (the feed's entries, ...)
 *   end
 *
 * Words that are not plain (empty, or holding a blank, a quote, '#', '\'
 * or a byte outside printable ASCII) are written in double quotes with \\,
 * \" and \xHH escapes.  Lines are sorted, so saving the same state twice
 * gives the same bytes.  Addresses bound from DNS answers, hit counts and
 * load times are not state one sets: they are left out.  Time left is
 * saved as it is then.
 *
 * restore makes the netns hold that state: one config set; host-allow
 * destinations and manual entries not in the file are deleted, the file's
 * added (or replaced); each feed is replaced as a whole (atomically,
 * FEED_COMMIT with force: it was accepted once), feeds not in the file
 * deleted.  Hosts in quarantine are incidents, not settings: neither
 * saved nor touched.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "c2ctl.h"

/* ---- save ---- */

/* The host-allow destinations, as prefixes in text. */
struct save_allow {
	char (*p)[C2G_PREFIX_FMT_MAX];
	size_t n;
};

static void save_allow_cb(const struct ipc_host *h, void *data)
{
	struct save_allow *sa = data;

	sa->p = c2_xrealloc(sa->p, (sa->n + 1) * sizeof(*sa->p));
	if (c2g_prefix_format(&h->pfx, sa->p[sa->n], sizeof(*sa->p)) >= 0)
		sa->n++;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static bool word_plain(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~' || *s == '"' || *s == '#' ||
		    *s == '\\')
			return false;
	return true;
}

/* @s as one word of a saved line. */
static void save_word(FILE *f, const char *s)
{
	if (word_plain(s)) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < ' ' || c > '~')
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* A line of the file, in memory: its feed ("" for manual) and its text. */
struct save_line {
	const char *feed;
	char *text;
};

struct save_ctx {
	struct ipc_feed *feeds;
	size_t nfeeds;
	struct save_line *lines;
	size_t n, cap;
	bool failed;
};

static void save_feed_cb(const struct ipc_feed *f, void *data)
{
	struct save_ctx *sc = data;

	sc->feeds = c2_xrealloc(sc->feeds, (sc->nfeeds + 1) * sizeof(*f));
	sc->feeds[sc->nfeeds++] = *f;
}

static const struct ipc_feed *save_feed(const struct save_ctx *sc,
					const char *name)
{
	size_t i;

	for (i = 0; i < sc->nfeeds; i++)
		if (!strcmp(sc->feeds[i].name, name))
			return &sc->feeds[i];
	return NULL;
}

/* One listing as a line: "add ENTRY ..." or a feed's "ENTRY ...". */
static int save_listing(struct save_ctx *sc, const struct ipc_ind *info,
			const struct ipc_claim *c)
{
	char entry[C2_IND_FMT_MAX], nb[16];
	const struct ipc_feed *feed = NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (c->feed[0]) {
		feed = save_feed(sc, c->feed);
		if (!feed)	/* deleted meanwhile */
			return 0;
	}
	if (c2_spec_format(&info->spec, entry, sizeof(entry)) < 0)
		return -1;
	f = open_memstream(&text, &len);
	if (!f)
		return -1;
	if (!feed)
		fputs("add ", f);
	fputs(entry, f);
	if (!feed || c->action != feed->action)
		fprintf(f, " action %s", out_action_name(c->action, nb, sizeof(nb)));
	if (feed ? strcmp(c->tag, feed->tag) != 0 : c->tag[0] != '\0') {
		fputs(" tag ", f);
		save_word(f, c->tag);
	}
	if (!feed && c->timeout)
		fprintf(f, " timeout %u", c->timeout);
	fclose(f);
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 1024;
		sc->lines = c2_xrealloc(sc->lines, sc->cap * sizeof(*sc->lines));
	}
	sc->lines[sc->n].feed = feed ? feed->name : "";
	sc->lines[sc->n].text = text;
	sc->n++;
	return 0;
}

static int save_ind(const struct ipc_ind *info, void *data)
{
	struct save_ctx *sc = data;
	unsigned int i;

	if (info->bound[0])
		return 0;
	for (i = 0; i < info->nclaims; i++)
		if (save_listing(sc, info, &info->claims[i]))
			sc->failed = true;
	return 0;
}

static int save_cmp(const void *a, const void *b)
{
	const struct save_line *x = a, *y = b;
	int r = strcmp(x->feed, y->feed);

	return r ? r : strcmp(x->text, y->text);
}

static int feed_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ipc_feed *)a)->name,
		      ((const struct ipc_feed *)b)->name);
}

int cmd_save(int argc, char **argv)
{
	struct save_allow sa = { 0 };
	struct save_ctx sc = { 0 };
	struct ipc_err e;
	size_t i, k = 0;
	char nb[16];
	int ret = 1;

	(void)argv;
	if (argc != 1) {
		c2_err("save: no arguments expected (c2ctl save > FILE)");
		return 1;
	}
	if (ipc_feed_list(save_feed_cb, &sc, &e)) {
		c2_report("save: feeds", &e);
		goto out;
	}
	if (ipc_host_allow_list(save_allow_cb, &sa, &e)) {
		c2_report("save: host allow", &e);
		goto out;
	}
	/* (qsort() takes no NULL, not even for nothing to sort) */
	if (sa.n)
		qsort(sa.p, sa.n, sizeof(*sa.p), str_cmp);
	if (c2_ind_dump("save", save_ind, &sc) || sc.failed)
		goto out;
	if (sc.nfeeds)
		qsort(sc.feeds, sc.nfeeds, sizeof(*sc.feeds), feed_cmp);
	if (sc.n)
		qsort(sc.lines, sc.n, sizeof(*sc.lines), save_cmp);

	printf("# c2guard state, saved by c2ctl %s: read back with \"c2ctl restore FILE\"\n",
	       C2GUARD_VERSION);
	if (c2_config_save(stdout))
		goto out;
	for (i = 0; i < sa.n; i++)
		printf("host allow add %s\n", sa.p[i]);
	for (; k < sc.n && !sc.lines[k].feed[0]; k++)
		printf("%s\n", sc.lines[k].text);
	for (i = 0; i < sc.nfeeds; i++) {
		const struct ipc_feed *f = &sc.feeds[i];

		fputs("feed ", stdout);
		save_word(stdout, f->name);
		fputs(" source ", stdout);
		save_word(stdout, f->source);
		fputs(" format ", stdout);
		save_word(stdout, f->format);
		printf(" action %s tag ", out_action_name(f->action, nb, sizeof(nb)));
		save_word(stdout, f->tag);
		printf(" timeout %u errors %u unsupported %u\n", f->timeout,
		       f->errors, f->unsupported);
		for (; k < sc.n && !strcmp(sc.lines[k].feed, f->name); k++)
			printf("%s\n", sc.lines[k].text);
		puts("end");
	}
	ret = out_flush() ? 1 : 0;
out:
	for (i = 0; i < sc.n; i++)
		free(sc.lines[i].text);
	free(sc.lines);
	free(sc.feeds);
	free(sa.p);
	return ret;
}

/* ---- restore ---- */

/* "config set" and every setting with its value: the longest line */
#define RESTORE_WORDS	(2 + 2 * C2GUARD_CFG_A_MAX)

/*
 * Split @line into at most @max words, undoing save_word()'s quoting in
 * place (restore files and c2guard.conf).  Returns the number of words, or
 * -1 with a message in @err.
 */
int c2_words(char *line, char **w, int max, char *err, size_t len)
{
	char *p = line, *o;
	int n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max) {
			snprintf(err, len, "too many words");
			return -1;
		}
		w[n++] = o = p;
		if (*p != '"') {
			while (*p && *p != ' ' && *p != '\t' && *p != '\r')
				p++;
			if (*p)
				*p++ = '\0';
			continue;
		}
		for (p++;; p++) {
			if (!*p) {
				snprintf(err, len, "unterminated quote");
				return -1;
			}
			if (*p == '"')
				break;
			if (*p == '\\' && p[1] == 'x' && isxdigit((unsigned char)p[2]) &&
			    isxdigit((unsigned char)p[3])) {
				char hex[3] = { p[2], p[3], 0 };

				*o++ = (char)strtoul(hex, NULL, 16);
				p += 3;
			} else if (*p == '\\' && (p[1] == '\\' || p[1] == '"')) {
				*o++ = *++p;
			} else if (*p == '\\') {
				snprintf(err, len, "unknown escape");
				return -1;
			} else {
				*o++ = *p;
			}
		}
		*o = '\0';
		p++;
		if (*p && *p != ' ' && *p != '\t' && *p != '\r') {
			snprintf(err, len, "text after a closing quote");
			return -1;
		}
	}
}

/* A feed block of the file being read. */
struct restore_feed {
	struct ipc_feed meta;
	struct c2_feed_entry *e;
	size_t n, cap;
	unsigned long line;
};

struct restore_ctx {
	const char *what;
	struct restore_feed *feeds;
	size_t nfeeds;
	struct c2_feed_entry *manual;
	size_t nmanual, cap;
	struct ipc_host *allow;
	size_t nallow;
	unsigned long errors;
};

static void restore_err(struct restore_ctx *rc, unsigned long line,
			const char *msg)
{
	rc->errors++;
	c2_err("%s:%lu: %s", rc->what, line, msg);
}

static void entry_push(struct c2_feed_entry **v, size_t *n, size_t *cap,
		       const struct c2_ind_spec *spec, unsigned long line)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = c2_xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[*n].spec = *spec;
	(*v)[*n].line = line;
	(*n)++;
}

/* "feed NAME source S format F action A tag T timeout S errors N ..." */
static int restore_feed_head(struct restore_feed *rf, int n, char **w,
			     char *err, size_t len)
{
	struct ipc_feed *m = &rf->meta;
	int i, a;

	memset(m, 0, sizeof(*m));
	m->action = C2GUARD_ACT_ALERT;
	if (n < 2 || strlen(w[1]) >= sizeof(m->name)) {
		snprintf(err, len, "feed needs a NAME of at most 31 bytes");
		return -1;
	}
	strcpy(m->name, w[1]);
	for (i = 2; i + 1 < n; i += 2) {
		const char *k = w[i], *v = w[i + 1];

		if (!strcmp(k, "source") && strlen(v) < sizeof(m->source)) {
			strcpy(m->source, v);
		} else if (!strcmp(k, "format") && strlen(v) < sizeof(m->format)) {
			strcpy(m->format, v);
		} else if (!strcmp(k, "tag") && strlen(v) < sizeof(m->tag)) {
			strcpy(m->tag, v);
		} else if (!strcmp(k, "action") && (a = c2_action_parse(v)) > 0) {
			m->action = (__u8)a;
		} else if (!strcmp(k, "timeout")) {
			if (c2_parse_u32(v, 0, C2GUARD_TIMEOUT_MAX, &m->timeout))
				goto bad;
		} else if (!strcmp(k, "errors")) {
			if (c2_parse_u32(v, 0, ~0U, &m->errors))
				goto bad;
		} else if (!strcmp(k, "unsupported")) {
			if (c2_parse_u32(v, 0, ~0U, &m->unsupported))
				goto bad;
		} else {
			goto bad;
		}
	}
	if (i != n)
		goto bad;
	return 0;
bad:
	snprintf(err, len, "bad feed line (at \"%.32s\")", i < n ? w[i] : "");
	return -1;
}

/* Read the whole file; 0, or -1 if any line is wrong (nothing changed). */
static int restore_parse(struct restore_ctx *rc, char *text)
{
	char err[C2_ERR_MAX], *w[RESTORE_WORDS], *line, *next;
	struct restore_feed *rf = NULL;
	struct c2_ind_spec spec;
	unsigned long ln = 0;
	int n;

	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ln++;
		n = c2_words(line, w, RESTORE_WORDS, err, sizeof(err));
		if (n < 0) {
			restore_err(rc, ln, err);
			continue;
		}
		if (!n)
			continue;
		if (rf) {
			if (n == 1 && !strcmp(w[0], "end")) {
				rf = NULL;
				continue;
			}
			c2_spec_init(&spec);
			spec.action = rf->meta.action;
			strcpy(spec.tag, rf->meta.tag);
			if (c2_spec_parse_words(&spec, C2_SPEC_ACTION | C2_SPEC_TAG |
						C2_SPEC_PORT | C2_SPEC_ANSWER |
						C2_SPEC_JA4 | C2_SPEC_URL, n,
						w, err, sizeof(err))) {
				restore_err(rc, ln, err);
				continue;
			}
			entry_push(&rf->e, &rf->n, &rf->cap, &spec, ln);
		} else if (!strcmp(w[0], "config") && n >= 2 &&
			   !strcmp(w[1], "set")) {
			if (c2_config_restore(n - 2, w + 2))
				restore_err(rc, ln, "settings not restored");
		} else if (!strcmp(w[0], "add")) {
			c2_spec_init(&spec);
			if (c2_spec_parse_words(&spec, C2_SPEC_OPTS | C2_SPEC_PORT |
						C2_SPEC_ANSWER | C2_SPEC_JA4 |
						C2_SPEC_URL,
						n - 1, w + 1, err, sizeof(err))) {
				restore_err(rc, ln, err);
				continue;
			}
			spec.set |= C2_SPEC_REPLACE;
			entry_push(&rc->manual, &rc->nmanual, &rc->cap, &spec, ln);
		} else if (n == 4 && !strcmp(w[0], "host") &&
			   !strcmp(w[1], "allow") && !strcmp(w[2], "add")) {
			rc->allow = c2_xrealloc(rc->allow, (rc->nallow + 1) *
						sizeof(*rc->allow));
			memset(&rc->allow[rc->nallow], 0, sizeof(*rc->allow));
			n = c2g_prefix_parse(w[3], strlen(w[3]),
					     &rc->allow[rc->nallow].pfx);
			if (n) {
				snprintf(err, sizeof(err), "host allow add %.64s: %s",
					 w[3], c2g_addr_strerror(n));
				restore_err(rc, ln, err);
				continue;
			}
			rc->nallow++;
		} else if (!strcmp(w[0], "feed")) {
			rc->feeds = c2_xrealloc(rc->feeds, (rc->nfeeds + 1) *
						sizeof(*rc->feeds));
			rf = &rc->feeds[rc->nfeeds++];
			memset(rf, 0, sizeof(*rf));
			rf->line = ln;
			if (restore_feed_head(rf, n, w, err, sizeof(err)))
				restore_err(rc, ln, err);
		} else {
			snprintf(err, sizeof(err), "unexpected \"%.32s\"", w[0]);
			restore_err(rc, ln, err);
		}
	}
	if (rf)
		restore_err(rc, ln, "feed block without \"end\"");
	return rc->errors ? -1 : 0;
}

/* The host-allow destinations not to keep (to delete). */
struct restore_allow {
	const struct ipc_host *keep;
	size_t nkeep;
	struct ipc_host *gone;
	size_t n;
};

static void restore_allow_cb(const struct ipc_host *h, void *data)
{
	struct restore_allow *ra = data;
	size_t i;

	for (i = 0; i < ra->nkeep; i++)
		if (!memcmp(&ra->keep[i].pfx, &h->pfx, sizeof(h->pfx)))
			return;
	ra->gone = c2_xrealloc(ra->gone, (ra->n + 1) * sizeof(*ra->gone));
	ra->gone[ra->n++] = *h;
}

/*
 * Make the host-allow list the @n destinations @allow (restore, conf
 * apply); returns the errors, reported.
 */
unsigned long c2_host_allow_sync(const struct ipc_host *allow, size_t n)
{
	struct restore_allow ra = { .keep = allow, .nkeep = n };
	unsigned long errors = 0;
	struct ipc_err e;
	size_t i;

	for (i = 0; i < n; i++)
		if (ipc_host_allow_add(&allow[i], &e) && e.error != -EEXIST) {
			c2_report("host allow add", &e);
			errors++;
		}
	/* the dump first: no request may go out while one runs */
	if (ipc_host_allow_list(restore_allow_cb, &ra, &e)) {
		c2_report("host allow", &e);
		errors++;
	}
	for (i = 0; i < ra.n; i++)
		if (ipc_host_allow_del(&ra.gone[i], &e) && e.error != -ENOENT) {
			c2_report("host allow del", &e);
			errors++;
		}
	free(ra.gone);
	return errors;
}

/* Manual entries of the table that the file does not have: deleted. */
struct restore_prune {
	struct restore_ctx *rc;
	unsigned long failed;
};

static bool restore_has(const struct restore_ctx *rc,
			const struct c2_ind_spec *s)
{
	char a[C2_IND_FMT_MAX], b[C2_IND_FMT_MAX];
	size_t i;

	if (c2_spec_format(s, a, sizeof(a)) < 0)
		return false;
	for (i = 0; i < rc->nmanual; i++)
		if (c2_spec_format(&rc->manual[i].spec, b, sizeof(b)) >= 0 &&
		    !strcmp(a, b))
			return true;
	return false;
}

static int restore_prune_cb(const struct ipc_ind *info, void *data)
{
	struct restore_prune *rp = data;
	struct ipc_err e;
	unsigned int i;

	if (info->bound[0])
		return 0;
	for (i = 0; i < info->nclaims; i++) {
		if (info->claims[i].feed[0] || restore_has(rp->rc, &info->spec))
			continue;
		if (ipc_ind_del(&info->spec, &e) && e.error != -ENOENT) {
			c2_report("restore: del", &e);
			rp->failed++;
		}
	}
	return 0;
}

static void restore_feed_gone(const struct ipc_feed *f, void *data)
{
	struct restore_ctx *rc = data;
	struct ipc_err e;
	size_t i;

	for (i = 0; i < rc->nfeeds; i++)
		if (!strcmp(rc->feeds[i].meta.name, f->name))
			return;
	if (ipc_feed_del(f->name, &e)) {
		c2_report("restore: feed del", &e);
		rc->errors++;
	}
}

int cmd_restore(int argc, char **argv)
{
	struct restore_ctx rc = { 0 };
	struct restore_prune rp = { .rc = &rc };
	struct ipc_err e;
	size_t i, len;
	char *text;
	int ret = 1;

	if (argc != 2) {
		c2_err("restore: expected FILE (or - for standard input)");
		return 1;
	}
	rc.what = strcmp(argv[1], "-") ? argv[1] : "<stdin>";
	text = c2_read_input("restore", argv[1], &len);
	if (!text)
		return 1;
	if (memchr(text, '\0', len)) {
		c2_err("%s: NUL byte in the file", rc.what);
		goto out;
	}
	/* Settings go in as they are read; nothing else unless all parsed. */
	if (restore_parse(&rc, text)) {
		c2_err("%s: %lu error(s): indicators and feeds not restored",
		       rc.what, rc.errors);
		goto out;
	}
	rc.errors += c2_host_allow_sync(rc.allow, rc.nallow);
	for (i = 0; i < rc.nmanual; i++)
		if (ipc_ind_add(&rc.manual[i].spec, &e)) {
			char ctx[64];

			snprintf(ctx, sizeof(ctx), "%s:%lu", rc.what,
				 rc.manual[i].line);
			c2_report(ctx, &e);
			rc.errors++;
		}
	if (c2_ind_dump("restore", restore_prune_cb, &rp))
		rc.errors++;
	rc.errors += rp.failed;
	for (i = 0; i < rc.nfeeds; i++)
		if (c2_feed_put(&rc.feeds[i].meta, rc.feeds[i].e, rc.feeds[i].n,
				rc.what, true))
			rc.errors++;
	if (ipc_feed_list(restore_feed_gone, &rc, &e)) {
		c2_report("restore: feeds", &e);
		rc.errors++;
	}
	ret = rc.errors ? 1 : 0;
out:
	for (i = 0; i < rc.nfeeds; i++)
		free(rc.feeds[i].e);
	free(rc.feeds);
	free(rc.manual);
	free(rc.allow);
	free(text);
	return ret;
}
