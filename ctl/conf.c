// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl conf: the gateway's declared state, /etc/c2guard/c2guard.conf
 * (c2guard.conf(5)), made the module's by c2guard.service at boot.
 *
 *   set SETTING VALUE [SETTING VALUE ...]    c2ctl config set's settings
 *   add ENTRY [action A] [tag T] [force]     an indicator
 *   allow ENTRY [tag T]                      never acted on (action allow)
 *   host-allow ADDR[/LEN]                    reachable in quarantine
 *   feed NAME SOURCE [format F] [column C] [action A] [tag T] [timeout S]
 *        [partial] [force]                   SOURCE: /PATH or http(s)://URL
 *   eve-log PATH | none                      c2guard-monitor's EVE file
 *   state-dir DIR                            last good copies of URL feeds
 *
 * Words are split as restore reads them (double quotes, \\, \" and \xHH).
 * A file with any wrong line changes nothing.  "apply" sets the settings
 * the file names (the others keep their values: at boot, the defaults),
 * makes the host-allow list the file's, holds the file's add and allow
 * lines as one feed, CONF_FEED, and replaces every feed from its SOURCE;
 * a URL feed from the last good copy c2guard-update fetched
 * (STATE_DIR/feeds/NAME), left as it is while there is none.  Feeds the
 * file does not name are deleted; entries added by hand are left alone.
 * Each feed is replaced atomically, the shrink guard and safety rails
 * apply (unless "force"), and one failing does not stop the others.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "c2ctl.h"
#include "formats.h"

#define CONF_DEFAULT	"/etc/c2guard/c2guard.conf"
#define CONF_STATE_DIR	"/var/lib/c2guard"
/* The feed holding the file's add and allow lines. */
#define CONF_FEED	"c2guard.conf"
/* "set" and every setting with its value: the longest line */
#define CONF_WORDS	(1 + 2 * C2GUARD_CFG_A_MAX)
/* Room for the words "feed replace" is given for one feed. */
#define CONF_FEED_ARGS	24

struct conf_feed {
	char *name, *source;
	bool url;
	char *opts[CONF_FEED_ARGS];	/* format F ... force, as given */
	int nopts;
	unsigned long line;
};

struct conf {
	const char *path;
	char *text;
	struct ipc_config cfg;
	bool has_cfg;
	struct c2_feed_entry *e;
	size_t n, cap;
	struct ipc_host *allow;
	size_t nallow;
	struct conf_feed *feeds;
	size_t nfeeds;
	const char *eve_log;		/* NULL: none */
	const char *state_dir;
	unsigned long errors;
};

static void conf_err(struct conf *c, unsigned long line, const char *msg)
{
	c->errors++;
	c2_err("%s:%lu: %s", c->path, line, msg);
}

/* As the kernel takes them: letters, digits, '.', '_', '-', not first. */
static bool conf_feed_name_ok(const char *s)
{
	if (!*s || *s == '.' || *s == '-' || strlen(s) >= C2GUARD_TAG_MAX)
		return false;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && *s != '.' && *s != '_' &&
		    *s != '-')
			return false;
	return true;
}

/* Printable ASCII without blanks or quotes: a URL or a path we print. */
static bool conf_plain(const char *s)
{
	for (; *s; s++)
		if (*s <= ' ' || *s > '~' || *s == '"' || *s == '\\')
			return false;
	return true;
}

static bool conf_is_url(const char *s)
{
	return !strncmp(s, "http://", 7) || !strncmp(s, "https://", 8);
}

/* "feed NAME SOURCE [options]": checked here, given to feed replace. */
static int conf_feed(struct conf *c, int n, char **w, unsigned long ln)
{
	struct conf_feed *f;
	char err[C2_ERR_MAX];
	enum c2_fmt fmt;
	size_t i;
	__u32 t;
	int k;

	if (n < 3) {
		conf_err(c, ln, "feed needs NAME and SOURCE (a /path or an http(s):// URL)");
		return -1;
	}
	if (!conf_feed_name_ok(w[1]) || !strcmp(w[1], CONF_FEED)) {
		snprintf(err, sizeof(err),
			 "bad feed name \"%.40s\" (at most 31 letters, digits, '.', '_', '-'; not %s)",
			 w[1], CONF_FEED);
		conf_err(c, ln, err);
		return -1;
	}
	for (i = 0; i < c->nfeeds; i++)
		if (!strcmp(c->feeds[i].name, w[1])) {
			snprintf(err, sizeof(err), "feed %s given twice (line %lu)",
				 w[1], c->feeds[i].line);
			conf_err(c, ln, err);
			return -1;
		}
	if (!conf_plain(w[2]) || strlen(w[2]) > C2GUARD_SOURCE_MAX ||
	    (w[2][0] != '/' && !conf_is_url(w[2]))) {
		conf_err(c, ln, "feed SOURCE: an absolute path or an http:// or https:// URL, printable, no blanks or quotes");
		return -1;
	}
	if (n - 3 > CONF_FEED_ARGS) {
		conf_err(c, ln, "too many feed options");
		return -1;
	}
	for (k = 3; k < n; k++) {
		const char *o = w[k], *v = k + 1 < n ? w[k + 1] : NULL;

		if (!strcmp(o, "partial") || !strcmp(o, "force"))
			continue;
		if (!v)
			goto bad;
		if ((!strcmp(o, "format") && !c2_fmt_parse(v, &fmt)) ||
		    !strcmp(o, "column") ||
		    (!strcmp(o, "action") && c2_action_parse(v) > 0) ||
		    (!strcmp(o, "tag") && strlen(v) < C2GUARD_TAG_MAX) ||
		    (!strcmp(o, "timeout") &&
		     !c2_parse_u32(v, 0, C2GUARD_TIMEOUT_MAX, &t))) {
			k++;
			continue;
		}
		goto bad;
	}
	c->feeds = c2_xrealloc(c->feeds, (c->nfeeds + 1) * sizeof(*c->feeds));
	f = &c->feeds[c->nfeeds++];
	memset(f, 0, sizeof(*f));
	f->name = w[1];
	f->source = w[2];
	f->url = conf_is_url(w[2]);
	f->line = ln;
	for (k = 3; k < n; k++)
		f->opts[f->nopts++] = w[k];
	return 0;
bad:
	snprintf(err, sizeof(err),
		 "bad feed option at \"%.32s\" (format F, column C, action A, tag T, timeout S, partial, force)",
		 w[k]);
	conf_err(c, ln, err);
	return -1;
}

/* add/allow ENTRY ...: an entry of CONF_FEED */
static void conf_entry(struct conf *c, int n, char **w, unsigned long ln)
{
	char err[C2_ERR_MAX], rerr[C2_RAIL_ERR_MAX];
	bool allow = !strcmp(w[0], "allow");
	struct c2_ind_spec spec;

	c2_spec_init(&spec);
	strcpy(spec.tag, allow ? "allow" : CONF_FEED);
	if (c2_spec_parse_words(&spec, (allow ? 0 : C2_SPEC_ACTION) |
				C2_SPEC_TAG | C2_SPEC_PORT | C2_SPEC_ANSWER |
				C2_SPEC_JA4 | C2_SPEC_URL | C2_SPEC_FORCE,
				n - 1, w + 1, err, sizeof(err))) {
		conf_err(c, ln, err);
		return;
	}
	if (allow)
		spec.action = C2GUARD_ACT_ALLOW;
	if (c2_spec_rails(&spec, rerr, sizeof(rerr))) {
		conf_err(c, ln, rerr);
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->e = c2_xrealloc(c->e, c->cap * sizeof(*c->e));
	}
	c->e[c->n].spec = spec;
	c->e[c->n].line = ln;
	c->n++;
}

static void conf_line(struct conf *c, int n, char **w, unsigned long ln)
{
	char err[C2_ERR_MAX];
	int r;

	if (!strcmp(w[0], "set")) {
		if (n < 3 || c2_config_parse(n - 1, w + 1, &c->cfg))
			conf_err(c, ln, "bad set line (set SETTING VALUE ..., each setting once in the file)");
		c->has_cfg = true;
	} else if (!strcmp(w[0], "add") || !strcmp(w[0], "allow")) {
		conf_entry(c, n, w, ln);
	} else if (!strcmp(w[0], "host-allow") && n == 2) {
		c->allow = c2_xrealloc(c->allow, (c->nallow + 1) *
				       sizeof(*c->allow));
		memset(&c->allow[c->nallow], 0, sizeof(*c->allow));
		r = c2g_prefix_parse(w[1], strlen(w[1]), &c->allow[c->nallow].pfx);
		if (r) {
			snprintf(err, sizeof(err), "host-allow %.64s: %s", w[1],
				 c2g_addr_strerror(r));
			conf_err(c, ln, err);
			return;
		}
		c->nallow++;
	} else if (!strcmp(w[0], "feed")) {
		conf_feed(c, n, w, ln);
	} else if (!strcmp(w[0], "eve-log") && n == 2) {
		if (!strcmp(w[1], "none"))
			c->eve_log = NULL;
		else if (w[1][0] == '/')
			c->eve_log = w[1];
		else
			conf_err(c, ln, "eve-log: an absolute path, or none");
	} else if (!strcmp(w[0], "state-dir") && n == 2) {
		if (w[1][0] == '/' && conf_plain(w[1]))
			c->state_dir = w[1];
		else
			conf_err(c, ln, "state-dir: an absolute path, printable, no blanks or quotes");
	} else {
		snprintf(err, sizeof(err),
			 "unexpected \"%.32s\" (set, add, allow, host-allow, feed, eve-log, state-dir; see c2guard.conf(5))",
			 w[0]);
		conf_err(c, ln, err);
	}
}

/* Read and check @path into @c: 0, or -1 when any line is wrong. */
static int conf_read(struct conf *c, const char *path)
{
	char err[C2_ERR_MAX], *w[CONF_WORDS], *line, *next;
	unsigned long ln = 0;
	size_t len;
	int n;

	memset(c, 0, sizeof(*c));
	c->path = path;
	c->state_dir = CONF_STATE_DIR;
	c->text = c2_read_input("conf", path, &len);
	if (!c->text)
		return -1;
	if (memchr(c->text, '\0', len)) {
		c2_err("%s: NUL byte in the file", path);
		return -1;
	}
	for (line = c->text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		ln++;
		n = c2_words(line, w, CONF_WORDS, err, sizeof(err));
		if (n < 0)
			conf_err(c, ln, err);
		else if (n)
			conf_line(c, n, w, ln);
	}
	if (c->errors) {
		c2_err("%s: %lu error(s), nothing applied", path, c->errors);
		return -1;
	}
	return 0;
}

static void conf_free(struct conf *c)
{
	free(c->e);
	free(c->allow);
	free(c->feeds);
	free(c->text);
}

/* Where the last good copy of URL feed @f is kept. */
static void conf_copy(const struct conf *c, const struct conf_feed *f,
		      char *buf, size_t len)
{
	snprintf(buf, len, "%s/feeds/%s", c->state_dir, f->name);
}

static const struct conf_feed *conf_find(const struct conf *c,
					 const char *name)
{
	size_t i;

	for (i = 0; i < c->nfeeds; i++)
		if (!strcmp(c->feeds[i].name, name))
			return &c->feeds[i];
	return NULL;
}

/* feed replace NAME FILE source SOURCE OPTIONS: 0, or 1 (said why) */
static int conf_replace(const struct conf_feed *f, const char *file)
{
	char *argv[5 + CONF_FEED_ARGS];
	int argc = 0, i;

	argv[argc++] = "replace";
	argv[argc++] = f->name;
	argv[argc++] = (char *)file;
	argv[argc++] = "source";
	argv[argc++] = f->source;
	for (i = 0; i < f->nopts; i++)
		argv[argc++] = f->opts[i];
	return c2_feed_replace(argc, argv);
}

struct conf_gone {
	const struct conf *c;
	char (*names)[C2GUARD_TAG_MAX];
	size_t n;
};

static void conf_gone_cb(const struct ipc_feed *f, void *data)
{
	struct conf_gone *g = data;

	if (!strcmp(f->name, CONF_FEED) || conf_find(g->c, f->name))
		return;
	g->names = c2_xrealloc(g->names, (g->n + 1) * sizeof(*g->names));
	snprintf(g->names[g->n++], sizeof(*g->names), "%s", f->name);
}

static int conf_apply(struct conf *c)
{
	struct ipc_feed meta = { 0 };
	struct conf_gone g = { .c = c };
	char copy[PATH_MAX];
	unsigned long errors = 0;
	struct ipc_err e;
	size_t i;

	if (c->has_cfg && ipc_config_set(&c->cfg, &e)) {
		c2_report("config set", &e);
		errors++;
	}
	errors += c2_host_allow_sync(c->allow, c->nallow);
	if (c->n) {
		snprintf(meta.name, sizeof(meta.name), "%s", CONF_FEED);
		snprintf(meta.source, sizeof(meta.source), "%s", c->path);
		snprintf(meta.format, sizeof(meta.format), "conf");
		meta.action = C2GUARD_ACT_ALERT;
		snprintf(meta.tag, sizeof(meta.tag), "%s", CONF_FEED);
		/* the file is the list: no shrink guard on its own lines */
		if (c2_feed_put(&meta, c->e, c->n, c->path, true))
			errors++;
	} else if (ipc_feed_del(CONF_FEED, &e) && e.error != -ENOENT) {
		c2_report("feed del " CONF_FEED, &e);
		errors++;
	}
	for (i = 0; i < c->nfeeds; i++) {
		const struct conf_feed *f = &c->feeds[i];

		if (!f->url) {
			errors += !!conf_replace(f, f->source);
			continue;
		}
		conf_copy(c, f, copy, sizeof(copy));
		if (access(copy, F_OK)) {
			printf("feed %s: no copy of %s yet (c2guard-update.service fetches it); left as it is\n",
			       f->name, f->source);
			continue;
		}
		errors += !!conf_replace(f, copy);
	}
	if (ipc_feed_list(conf_gone_cb, &g, &e)) {
		c2_report("feed list", &e);
		errors++;
	}
	for (i = 0; i < g.n; i++) {
		if (ipc_feed_del(g.names[i], &e) && e.error != -ENOENT) {
			c2_report("feed del", &e);
			errors++;
			continue;
		}
		printf("feed %s: not in %s, deleted\n", g.names[i], c->path);
	}
	free(g.names);
	if (out_flush())
		errors++;
	if (errors)
		c2_err("%s: applied, but %lu part(s) failed (said above)",
		       c->path, errors);
	return errors ? 1 : 0;
}

/* URL feeds, one per line: NAME URL COPY (c2guard-update reads them). */
static int conf_feeds(const struct conf *c)
{
	char copy[PATH_MAX];
	size_t i;

	for (i = 0; i < c->nfeeds; i++) {
		if (!c->feeds[i].url)
			continue;
		conf_copy(c, &c->feeds[i], copy, sizeof(copy));
		printf("%s %s %s\n", c->feeds[i].name, c->feeds[i].source, copy);
	}
	return out_flush() ? 1 : 0;
}

/*
 * conf update NAME FILE: replace URL feed NAME from FILE, just fetched;
 * once the module took it, FILE becomes the last good copy (a rename, so
 * FILE must be on the state directory's file system).
 */
static int conf_update(const struct conf *c, const char *name,
		       const char *file)
{
	const struct conf_feed *f = conf_find(c, name);
	char copy[PATH_MAX];

	if (!f || !f->url) {
		c2_err("conf update: %s names no URL feed %s", c->path, name);
		return 1;
	}
	if (conf_replace(f, file))
		return 1;
	conf_copy(c, f, copy, sizeof(copy));
	if (rename(file, copy)) {
		c2_err("conf update: %s -> %s: %s", file, copy, strerror(errno));
		return 1;
	}
	return 0;
}

/* What c2guard-monitor.service runs. */
static int conf_monitor(const struct conf *c)
{
	char *argv[] = { "monitor", "--follow", "--journal", "--eve-file",
			 (char *)c->eve_log, NULL };

	return cmd_monitor(c->eve_log ? 5 : 3, argv);
}

int cmd_conf(int argc, char **argv)
{
	const char *path = CONF_DEFAULT;
	struct conf c;
	int ret = 1;

	if (argc >= 3 && !strcmp(argv[1], "-f")) {
		path = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		c2_err("conf: expected [-f FILE] check, apply, feeds, update NAME FILE or monitor");
		return 1;
	}
	if (!strcmp(argv[1], "update") ? argc != 4 : argc != 2) {
		c2_err("conf %s: unexpected arguments (see \"c2ctl help\")", argv[1]);
		return 1;
	}
	if (strcmp(argv[1], "check") && strcmp(argv[1], "apply") &&
	    strcmp(argv[1], "feeds") && strcmp(argv[1], "update") &&
	    strcmp(argv[1], "monitor")) {
		c2_err("conf: unknown command \"%s\" (check, apply, feeds, update, monitor)",
		       argv[1]);
		return 1;
	}
	if (conf_read(&c, path))
		goto out;
	if (!strcmp(argv[1], "check"))
		ret = 0;
	else if (!strcmp(argv[1], "apply"))
		ret = conf_apply(&c);
	else if (!strcmp(argv[1], "feeds"))
		ret = conf_feeds(&c);
	else if (!strcmp(argv[1], "update"))
		ret = conf_update(&c, argv[2], argv[3]);
	else
		ret = conf_monitor(&c);
out:
	conf_free(&c);
	return ret;
}
