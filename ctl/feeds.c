// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl feed: named feeds, replaced as a whole (replace, list, del).
 *
 * "feed replace" reads the whole list first, then stages it in the kernel
 * over one socket (FEED_BEGIN, the adds in batches, FEED_COMMIT): the
 * feed's old list stays in force until the commit swaps the two at once.
 * A list with errors changes nothing unless "partial" is given; whatever
 * goes wrong before the commit (c2ctl killed included: the kernel abandons
 * a staging whose socket closes) leaves the old list in place.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "c2ctl.h"
#include "formats.h"

static int usage_err(const char *msg)
{
	c2_err("feed: %s", msg);
	return 1;
}

struct replace_ctx {
	const char *name;		/* the feed */
	const char *what;		/* the input, for messages */
	__u32 timeout;			/* the feed's */
	struct c2_fmt_stats st;
	struct ipc_batch batch;
	unsigned long long loaded, errors, unsupported;
	unsigned long long count[C2_SPEC_KINDS];
};

static void replace_line_err(struct replace_ctx *rc, unsigned long long line,
			     const char *msg)
{
	rc->errors++;
	c2_err("%s:%llu: %s", rc->what, line, msg);
}

static void replace_ack(void *data, __u32 line, const struct c2_ind_spec *spec,
			const struct ipc_err *e)
{
	char entry[C2_IND_FMT_MAX], ctx[sizeof(entry) + 64];
	struct replace_ctx *rc = data;

	if (!spec) {
		c2_report(rc->what, e);
		return;
	}
	if (!e->error) {
		rc->loaded++;
		rc->count[c2_spec_kind(spec)]++;
		return;
	}
	if (e->text) {
		replace_line_err(rc, line, e->text);
		return;
	}
	if (c2_spec_format(spec, entry, sizeof(entry)) < 0)
		strcpy(entry, "?");
	rc->errors++;
	snprintf(ctx, sizeof(ctx), "%s:%u: %s", rc->what, line, entry);
	c2_report(ctx, e);
}

static int replace_flush(struct replace_ctx *rc)
{
	struct ipc_err e;

	if (ipc_batch_send(&rc->batch, replace_ack, rc, &e)) {
		c2_report(rc->what, &e);
		return -1;
	}
	return 0;
}

/* One indicator the reader found: checked, then queued for the kernel. */
static int replace_one(void *data, unsigned long line,
		       const struct c2_ind_spec *spec)
{
	char rerr[C2_RAIL_ERR_MAX];
	struct replace_ctx *rc = data;

	if ((spec->set & C2_SPEC_TIMEOUT) && spec->timeout != rc->timeout) {
		replace_line_err(rc, line,
				 "a feed's entries live as long as the feed: give timeout to feed replace");
		return 0;
	}
	if (c2_spec_rails(spec, rerr, sizeof(rerr))) {
		replace_line_err(rc, line, rerr);
		return 0;
	}
	if (ipc_batch_full(&rc->batch) && replace_flush(rc))
		return -1;
	ipc_batch_ind_add(&rc->batch, (__u32)line, spec);
	return 0;
}

static void replace_bad(void *data, unsigned long line, const char *msg)
{
	replace_line_err(data, line, msg);
}

/*
 * Stage every indicator of @text, read as @fmt; -1 when the input cannot
 * be read at all or the kernel could not be reached.
 */
static int replace_read(struct replace_ctx *rc, const char *text, size_t len,
			enum c2_fmt fmt, const struct c2_fmt_opts *opts,
			const struct c2_ind_spec *defaults)
{
	const struct c2_fmt_sink sink = {
		.ind = replace_one,
		.error = replace_bad,
		.data = rc,
	};
	int r;

	r = c2_fmt_read(text, len, fmt, opts, defaults, &sink, &rc->st);
	if (r < 0) {
		/* The reader said why through the sink. */
		if (!rc->errors)
			replace_line_err(rc, 0, "unreadable as a whole");
		return -1;
	}
	if (r)
		return -1;
	rc->unsupported = rc->st.unsupported;
	return replace_flush(rc);
}

/*
 * feed replace NAME FILE|- [format F] [column C] [action A] [tag T]
 *	[timeout S] [force] [partial] [source S]
 *
 * "source" is what feed list shows as its origin (by default FILE): the
 * URL a copy was fetched from, for c2ctl conf.
 */
int c2_feed_replace(int argc, char **argv)
{
	struct c2_fmt_opts opts = { 0 };
	enum c2_fmt fmt = C2_FMT_AUTO;
	bool force = false, partial = false;
	struct replace_ctx rc = { 0 };
	struct ipc_feed meta = { 0 };
	struct c2_ind_spec defaults;
	char err[C2_ERR_MAX], *text;
	const char *path, *source = NULL;
	struct ipc_err e;
	int i, r, ret = 1;
	size_t len;

	if (argc < 3)
		return usage_err("replace needs NAME and FILE (or - for standard input)");
	rc.name = argv[1];
	path = argv[2];
	if (strlen(rc.name) >= sizeof(meta.name))
		return usage_err("feed name longer than 31 bytes");
	c2_spec_init(&defaults);
	for (i = 3; i < argc; i += r) {
		r = 1;
		if (!strcmp(argv[i], "force")) {
			/* Past the safety rails and the truncation check. */
			force = true;
			defaults.set |= C2_SPEC_FORCE;
			continue;
		}
		if (!strcmp(argv[i], "partial")) {
			partial = true;
			continue;
		}
		if (!strcmp(argv[i], "format")) {
			if (i + 1 >= argc)
				return usage_err("format needs a value");
			if (c2_fmt_parse(argv[i + 1], &fmt))
				return usage_err("unknown format (auto, plain, hosts, csv, zeek, maltrail, iprep, drop, stix, misp)");
			r = 2;
			continue;
		}
		if (!strcmp(argv[i], "source")) {
			if (i + 1 >= argc)
				return usage_err("source needs a value");
			source = argv[i + 1];
			r = 2;
			continue;
		}
		if (!strcmp(argv[i], "column")) {
			if (i + 1 >= argc)
				return usage_err("column needs a number or a header name");
			opts.column = argv[i + 1];
			r = 2;
			continue;
		}
		r = c2_spec_opt(&defaults, C2_SPEC_OPTS, argc - i, argv + i,
				err, sizeof(err));
		if (r < 0)
			return usage_err(err);
		if (!r) {
			snprintf(err, sizeof(err), "unexpected \"%.32s\"", argv[i]);
			return usage_err(err);
		}
	}
	/* Unless told otherwise, a feed's entries carry its name. */
	if (!(defaults.set & C2_SPEC_TAG))
		strcpy(defaults.tag, rc.name);

	rc.what = strcmp(path, "-") ? path : "<stdin>";
	text = c2_read_input("feed replace", path, &len);
	if (!text)
		return 1;

	if (fmt == C2_FMT_AUTO)
		fmt = c2_fmt_detect(text, len);
	snprintf(meta.format, sizeof(meta.format), "%s", c2_fmt_name(fmt));
	rc.timeout = defaults.timeout;
	strcpy(meta.name, rc.name);
	snprintf(meta.source, sizeof(meta.source), "%s", source ? source : path);
	meta.action = defaults.action;
	strcpy(meta.tag, defaults.tag);
	meta.timeout = defaults.timeout;
	if (ipc_batch_start(&rc.batch, &e)) {
		c2_report("feed replace", &e);
		goto out;
	}
	rc.batch.feed = rc.name;
	if (ipc_feed_begin(&meta, &e)) {
		c2_report("feed replace", &e);
		goto out;
	}
	if (replace_read(&rc, text, len, fmt, &opts, &defaults))
		goto abort;
	if (rc.errors && !partial) {
		c2_err("feed %s: not replaced: %llu error(s) (\"partial\" replaces it with the good lines)",
		       rc.name, rc.errors);
		goto abort;
	}
	if (ipc_feed_commit(rc.name, (__u32)rc.errors, (__u32)rc.unsupported,
			    force, &e)) {
		c2_report("feed replace", &e);
		goto out;
	}
	printf("feed %s: %llu indicators (%llu IPv4, %llu IPv6, %llu names, %llu suffixes, %llu with a port, %llu answer addresses, %llu JA4 fingerprints, %llu URLs), %llu errors skipped, format %s\n",
	       rc.name, rc.loaded, rc.count[0], rc.count[1], rc.count[2],
	       rc.count[3], rc.count[4], rc.count[5], rc.count[6], rc.count[7],
	       rc.errors, meta.format);
	if (rc.st.unsupported) {
		char u[C2_FMT_UNSUP_MAX * (C2_FMT_TYPE_MAX + 24)];

		c2_fmt_unsup_format(&rc.st, u, sizeof(u));
		printf("feed %s: %lu records c2guard cannot match, left out: %s\n",
		       rc.name, rc.st.unsupported, u);
	}
	ret = out_flush() ? 1 : 0;
	goto out;

abort:
	/* Failing that, closing the socket abandons the staging too. */
	if (ipc_feed_abort(rc.name, &e) && e.error != -ENOENT)
		c2_report("feed replace", &e);
out:
	ipc_batch_free(&rc.batch);
	free(text);
	return ret;
}

/*
 * Make feed meta->name hold exactly the @n entries @e (c2ctl restore),
 * with meta's source, format, action, tag and timeout, and its errors and
 * unsupported counts: all or nothing.  0, or -1 after reporting why.
 */
int c2_feed_put(const struct ipc_feed *meta, const struct c2_feed_entry *e,
		size_t n, const char *what, bool force)
{
	struct replace_ctx rc = { .name = meta->name, .what = what };
	struct ipc_err err;
	size_t i;
	int ret = -1;

	if (ipc_batch_start(&rc.batch, &err)) {
		c2_report(what, &err);
		return -1;
	}
	rc.batch.feed = meta->name;
	if (ipc_feed_begin(meta, &err)) {
		c2_report(what, &err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (ipc_batch_full(&rc.batch) && replace_flush(&rc))
			goto abort;
		ipc_batch_ind_add(&rc.batch, (__u32)e[i].line, &e[i].spec);
	}
	if (replace_flush(&rc) || rc.errors)
		goto abort;
	if (ipc_feed_commit(meta->name, meta->errors, meta->unsupported, force,
			    &err)) {
		c2_report(what, &err);
		goto out;
	}
	ret = 0;
	goto out;

abort:
	c2_err("%s: feed %s not restored", what, meta->name);
	if (ipc_feed_abort(meta->name, &err) && err.error != -ENOENT)
		c2_report(what, &err);
out:
	ipc_batch_free(&rc.batch);
	return ret;
}

static void feed_print(const struct ipc_feed *f, void *data)
{
	char when[40] = "never", nb[16];
	bool *first = data;

	if (f->loaded && out_time(f->loaded, when, sizeof(when)))
		strcpy(when, "?");
	if (c2_json) {
		printf("%s{\"name\":", *first ? "" : ",");
		out_json_str(stdout, f->name, strlen(f->name));
		printf(",\"ipv4\":%u,\"ipv6\":%u,\"names\":%u,\"suffixes\":%u,\"ports\":%u,\"answers\":%u,\"ja4\":%u,\"urls\":%u",
		       f->count[0], f->count[1], f->count[2], f->count[3],
		       f->count[4], f->count[5], f->count[6], f->count[7]);
		if (f->loaded)
			out_json_key_str("loaded", when);
		out_json_key_str("source", f->source);
		out_json_key_str("format", f->format);
		out_json_key_str("action", out_action_name(f->action, nb, sizeof(nb)));
		out_json_key_str("tag", f->tag);
		printf(",\"timeout\":%u,\"errors\":%u,\"unsupported\":%u",
		       f->timeout, f->errors, f->unsupported);
		if (f->has_staging)
			printf(",\"staging\":%u", f->staging);
		putchar('}');
		*first = false;
		return;
	}
	out_text_word(stdout, f->name);
	printf(" ipv4 %u ipv6 %u names %u suffixes %u ports %u answers %u ja4 %u urls %u loaded %s source ",
	       f->count[0], f->count[1], f->count[2], f->count[3], f->count[4],
	       f->count[5], f->count[6], f->count[7], when);
	out_text_word(stdout, f->source[0] ? f->source : "-");
	printf(" format ");
	out_text_word(stdout, f->format[0] ? f->format : "-");
	printf(" action %s tag ", out_action_name(f->action, nb, sizeof(nb)));
	out_text_word(stdout, f->tag);
	printf(" timeout %u errors %u unsupported %u", f->timeout, f->errors,
	       f->unsupported);
	if (f->has_staging)
		printf(" staging %u", f->staging);
	putchar('\n');
}

static int feed_list(int argc, char **argv)
{
	bool first = true;
	struct ipc_err e;

	(void)argv;
	if (argc != 1)
		return usage_err("list takes no arguments besides -j");
	if (c2_json)
		putchar('[');
	if (ipc_feed_list(feed_print, &first, &e)) {
		if (c2_json)
			puts("]");
		c2_report("feed list", &e);
		return 1;
	}
	if (c2_json)
		puts("]");
	return out_flush() ? 1 : 0;
}

static int feed_del(int argc, char **argv)
{
	struct ipc_err e;

	if (argc != 2)
		return usage_err("del needs NAME");
	if (ipc_feed_del(argv[1], &e)) {
		c2_report("feed del", &e);
		return 1;
	}
	return 0;
}

int cmd_feed(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "list") || !strcmp(argv[1], "ls") ||
	    !strcmp(argv[1], "show"))
		return feed_list(argc < 2 ? 1 : argc - 1, argv + 1);
	if (!strcmp(argv[1], "replace"))
		return c2_feed_replace(argc - 1, argv + 1);
	if (!strcmp(argv[1], "del") || !strcmp(argv[1], "delete"))
		return feed_del(argc - 1, argv + 1);
	return usage_err("expected replace, list or del");
}
