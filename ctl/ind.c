// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: indicator commands (add, del, flush, list, load).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "c2ctl.h"
#include "formats.h"
#include "rails.h"

static int usage_err(const char *cmd, const char *msg)
{
	c2_err("%s: %s", cmd, msg);
	return 1;
}

/* The safety rails of this netns, gathered on first use. */
static const struct c2_rails *rails(void)
{
	static struct c2_rails r;
	static bool ready;

	if (!ready) {
		c2_rails_init(&r);
		if (c2_rails_load_local(&r))
			c2_err("warning: cannot list this gateway's addresses: the rail against listing them is off");
		/* Failing that, suffixes cannot be checked and are refused. */
		c2_rails_load_psl(&r, NULL);
		ready = true;
	}
	return &r;
}

/*
 * The safety rails (rails.h): 0 if @spec may be loaded, else -1 with the
 * reason in @err.  "force" (C2_SPEC_FORCE) lets anything through.
 */
int c2_spec_rails(const struct c2_ind_spec *spec, char *err, size_t len)
{
	char why[C2_RAIL_WHY_MAX];

	if ((spec->set & C2_SPEC_FORCE) ||
	    !c2_rail_check(spec, rails(), why, sizeof(why)))
		return 0;
	snprintf(err, len, "%s (%s)", why, C2_RAIL_FORCE_HINT);
	return -1;
}

/*
 * add and del: one indicator from the command line, one request.
 * @allowed says which options the command takes.
 */
static int ind_one(int argc, char **argv, const char *name,
		   unsigned int allowed, bool add)
{
	char err[C2_RAIL_ERR_MAX], ctx[C2_IND_FMT_MAX + 16];
	char entry[C2_IND_FMT_MAX];
	struct c2_ind_spec spec;
	struct ipc_err e;
	int r;

	c2_spec_init(&spec);
	if (c2_spec_parse_words(&spec, allowed, argc - 1, argv + 1, err,
				sizeof(err)))
		return usage_err(name, err);
	if (add && c2_spec_rails(&spec, err, sizeof(err)))
		return usage_err(name, err);
	r = add ? ipc_ind_add(&spec, &e) : ipc_ind_del(&spec, &e);
	if (r) {
		/*
		 * the entry as given; both words of "answer A", "ja4 FP",
		 * "url U" (a URL as sent, normalised)
		 */
		if ((strcmp(argv[1], "answer") && strcmp(argv[1], "ja4") &&
		     !(spec.set & C2_SPEC_URL)) ||
		    !(spec.set & (C2_SPEC_ANSWER | C2_SPEC_JA4 | C2_SPEC_URL)) ||
		    c2_spec_format(&spec, entry, sizeof(entry)) < 0)
			snprintf(entry, sizeof(entry), "%s", argv[1]);
		snprintf(ctx, sizeof(ctx), "%s %s", name, entry);
		c2_report(ctx, &e);
	}
	return r ? 1 : 0;
}

int cmd_add(int argc, char **argv)
{
	return ind_one(argc, argv, "add",
		       C2_SPEC_OPTS | C2_SPEC_REPLACE | C2_SPEC_FORCE |
		       C2_SPEC_PORT | C2_SPEC_ANSWER | C2_SPEC_JA4 |
		       C2_SPEC_URL, true);
}

int cmd_del(int argc, char **argv)
{
	return ind_one(argc, argv, "del",
		       C2_SPEC_PORT | C2_SPEC_ANSWER | C2_SPEC_JA4 |
		       C2_SPEC_URL, false);
}

int cmd_flush(int argc, char **argv)
{
	const char *tag = NULL;
	struct ipc_err e;

	if (argc == 3 && !strcmp(argv[1], "tag")) {
		tag = argv[2];
		if (strlen(tag) >= C2GUARD_TAG_MAX)
			return usage_err("flush", "tag longer than 31 bytes");
	} else if (argc != 1) {
		return usage_err("flush", "expected nothing or \"tag T\"");
	}
	if (ipc_ind_flush(tag, &e)) {
		c2_report("flush", &e);
		return 1;
	}
	return 0;
}

/* ---- test ---- */

/*
 * test ADDR[:PORT[/PROTO]]|NAME|answer ADDR|ja4 FP|url URL: which entry
 * would decide about a new flow to it (or an answer carrying it, a
 * ClientHello of that fingerprint, an HTTP request for that URL), as the
 * kernel's packet path finds it.  Exit 0:
 * one does; 1: none; 2: the question could not be asked.
 */
int cmd_test(int argc, char **argv)
{
	char err[C2_ERR_MAX], what[C2_IND_FMT_MAX];
	struct c2_ind_spec spec;
	struct ipc_ind *info;
	struct ipc_err e;
	int ret = 2;

	c2_spec_init(&spec);
	if (argc != 2 && argc != 3) {
		c2_err("test: expected ADDR, ADDR:PORT, NAME, answer ADDR, ja4 FP or url URL");
		return 2;
	}
	if (c2_spec_parse_words(&spec, C2_SPEC_PORT | C2_SPEC_ANSWER |
				C2_SPEC_JA4 | C2_SPEC_URL, argc - 1, argv + 1,
				err, sizeof(err))) {
		c2_err("test: %s", err);
		return 2;
	}
	if (spec.suffix || ((spec.set & C2_SPEC_ADDR) &&
			    spec.pfx.len != c2g_family_bits(spec.pfx.family))) {
		c2_err("test: ask about one address or name, not a network or *.suffix");
		return 2;
	}
	c2_spec_format(&spec, what, sizeof(what));
	info = c2_xmalloc(sizeof(*info));
	if (ipc_ind_test(&spec, info, &e)) {
		if (e.error == -ENOENT) {
			if (c2_json)
				puts("null");
			else
				printf("%s: no indicator matches\n", what);
			ret = out_flush() ? 2 : 1;
		} else {
			c2_report("test", &e);
		}
		goto out;
	}
	if (!c2_json)
		printf("%s: decided by\n", what);
	if (c2_json) {
		c2_json_array_begin();
		c2_ind_print(info);
		c2_json_array_end();
	} else {
		c2_ind_print(info);
	}
	ret = out_flush() ? 2 : 0;
out:
	free(info);
	return ret;
}

/* ---- list ---- */

/*
 * One listing of an indicator.  Text: "TYPE ENTRY action A tag T timeout S
 * hits H [feed F] [bound NAME]"; JSON: one object per line.
 */
static void ind_print_one(const struct ipc_ind *info, const char *feed)
{
	const struct c2_ind_spec *ind = &info->spec;
	char addr[C2G_ADDR_FMT_MAX], nb[16];
	const char *act = out_action_name(ind->action, nb, sizeof(nb));

	if (c2_json) {
		c2_json_elem();
		printf("{\"type\":\"%s\"", out_ind_type(info));
		if (ind->set & C2_SPEC_JA4)
			out_json_key_str("ja4", ind->ja4);
		if (ind->set & C2_SPEC_URL)
			out_json_key_str("url", ind->url);
		if (ind->set & C2_SPEC_ADDR) {
			c2g_addr_format(ind->pfx.family, ind->pfx.addr, addr,
					sizeof(addr));
			printf(",\"family\":\"%s\",\"addr\":\"%s\",\"prefixlen\":%u",
			       out_family_name(ind->pfx.family), addr,
			       ind->pfx.len);
			if (ind->set & C2_SPEC_PORT)
				printf(",\"port\":%u,\"proto\":%u", ind->port,
				       ind->proto);
		}
		out_ind_names_json(info);
		out_json_key_str("action", act);
		out_json_key_str("tag", ind->tag);
		printf(",\"timeout\":%u", ind->timeout);
		if (info->has_hits)
			printf(",\"hits\":%llu", (unsigned long long)info->hits);
		if (feed[0])
			out_json_key_str("feed", feed);
		fputs("}\n", stdout);
		return;
	}
	/*
	 * "TYPE ENTRY", but the entry of an answer ("answer ADDR"), a JA4
	 * ("ja4 FP") or a URL ("url KEY") says it.
	 */
	if (!(ind->set & (C2_SPEC_ANSWER | C2_SPEC_JA4 | C2_SPEC_URL)))
		printf("%s ", out_ind_type(info));
	out_ind_entry(ind);
	printf(" action %s tag ", act);
	out_text_word(stdout, ind->tag);
	printf(" timeout %u", ind->timeout);
	if (info->has_hits)
		printf(" hits %llu", (unsigned long long)info->hits);
	if (feed[0]) {
		fputs(" feed ", stdout);
		out_text_word(stdout, feed);
	}
	if (info->bound[0]) {
		fputs(" bound ", stdout);
		out_text_word(stdout, info->bound);
	}
	putchar('\n');
}

/* Every listing of @info, one line each (the hits are the key's). */
void c2_ind_print(const struct ipc_ind *info)
{
	struct ipc_ind one;
	unsigned int i;

	if (!info->nclaims) {
		ind_print_one(info, info->feed);
		return;
	}
	for (i = 0; i < info->nclaims; i++) {
		one = *info;
		one.spec.action = info->claims[i].action;
		one.spec.timeout = info->claims[i].timeout;
		strcpy(one.spec.tag, info->claims[i].tag);
		ind_print_one(&one, info->claims[i].feed);
	}
}

/*
 * Dump the indicators (ipc_ind_list()) and call @fn for each, in the
 * kernel's order, until it returns non-zero.  Reports failures naming
 * @what (malformed entries are skipped, then reported); returns 0 or 1.
 */
int c2_ind_dump(const char *what, c2_ind_visit fn, void *data)
{
	struct ipc_list l;
	struct ipc_ind info;
	struct ipc_err e;
	size_t pos = 0;
	int ret = 1;

	if (ipc_ind_list(&l, &e)) {
		c2_report(what, &e);
		goto out;
	}
	while (ipc_ind_next(&l, &pos, &info)) {
		if (fn(&info, data))
			break;
	}
	if (l.malformed) {
		if (out_flush())
			goto out;
		c2_err("%s: skipped %zu malformed indicator(s) in the kernel's reply",
		       what, l.malformed);
		goto out;
	}
	ret = 0;
out:
	ipc_list_free(&l);
	return ret;
}

static int list_visit(const struct ipc_ind *info, void *data)
{
	(void)data;
	c2_ind_print(info);
	return 0;
}

int cmd_list(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return usage_err("list", "no arguments expected besides -j");
	if (c2_json)
		c2_json_array_begin();
	if (c2_ind_dump("list", list_visit, NULL)) {
		if (c2_json)
			c2_json_array_end();
		return 1;
	}
	if (c2_json)
		c2_json_array_end();
	return out_flush() ? 1 : 0;
}

/* ---- load ---- */

struct load_ctx {
	const char *name;
	bool strict;
	struct ipc_batch batch;
	unsigned long long loaded, errors;
};

static void load_line_err(struct load_ctx *lc, unsigned long long line,
			  const char *msg)
{
	lc->errors++;
	c2_err("%s:%llu: %s", lc->name, line, msg);
}

/* What became of the add of line @line, @spec (an ipc_batch_fn). */
static void load_ack(void *data, __u32 line, const struct c2_ind_spec *spec,
		     const struct ipc_err *e)
{
	char entry[C2_IND_FMT_MAX], ctx[sizeof(entry) + 64];
	struct load_ctx *lc = data;

	if (!spec) {
		c2_report(lc->name, e);
		return;
	}
	if (!e->error) {
		lc->loaded++;
		return;
	}
	if (e->text) {
		load_line_err(lc, line, e->text);
		return;
	}
	if (c2_spec_format(spec, entry, sizeof(entry)) < 0)
		strcpy(entry, "?");
	lc->errors++;
	snprintf(ctx, sizeof(ctx), "%s:%u: %s", lc->name, line, entry);
	c2_report(ctx, e);
}

/* Send the lines queued; -1 when they could not be sent at all. */
static int load_flush(struct load_ctx *lc)
{
	struct ipc_batch *b = &lc->batch;
	unsigned int n = b->n;
	__u32 first, last;
	struct ipc_err e;

	if (!n)
		return 0;
	first = b->seq[0];
	last = b->seq[n - 1];
	if (ipc_batch_send(b, load_ack, lc, &e)) {
		c2_err("%s: sending lines %u..%u to the kernel: %s", lc->name,
		       first, last, strerror(-e.error));
		lc->errors += n;
		return -1;
	}
	return 0;
}

/* One indicator the reader found: checked, then queued for the kernel. */
static int load_one(void *data, unsigned long line,
		    const struct c2_ind_spec *found)
{
	char rerr[C2_RAIL_ERR_MAX];
	struct load_ctx *lc = data;
	struct c2_ind_spec spec = *found;

	/* "strict": nothing after the first error. */
	if (lc->strict && lc->errors)
		return 1;
	if (c2_spec_rails(&spec, rerr, sizeof(rerr))) {
		load_line_err(lc, line, rerr);
		return lc->strict ? 1 : 0;
	}
	if (ipc_batch_full(&lc->batch) && load_flush(lc))
		return -1;
	/* A feed (re)asserts its indicators: always replace. */
	spec.set |= C2_SPEC_REPLACE;
	ipc_batch_ind_add(&lc->batch, (__u32)line, &spec);
	return 0;
}

static void load_bad(void *data, unsigned long line, const char *msg)
{
	struct load_ctx *lc = data;

	/* "strict" stops at the first error: the reader may run on a little. */
	if (!lc->strict || !lc->errors)
		load_line_err(lc, line, msg);
}

/*
 * load FILE|- [format F] [column C] [action A] [tag T] [timeout S]
 *	[strict] [force]: manual entries, added or replaced one by one.
 */
int cmd_load(int argc, char **argv)
{
	struct load_ctx lc = { 0 };
	struct c2_fmt_sink sink = {
		.ind = load_one,
		.error = load_bad,
		.data = &lc,
	};
	struct c2_fmt_opts opts = { 0 };
	enum c2_fmt fmt = C2_FMT_AUTO;
	struct c2_ind_spec defaults;
	struct c2_fmt_stats st;
	char err[C2_ERR_MAX];
	int i, r, ret = 1;
	struct ipc_err e;
	char *text;
	size_t len;

	if (argc < 2)
		return usage_err("load", "missing FILE (or - for standard input)");
	c2_spec_init(&defaults);
	for (i = 2; i < argc; i += r) {
		r = 1;
		if (!strcmp(argv[i], "strict")) {
			lc.strict = true;
			continue;
		}
		if (!strcmp(argv[i], "format") || !strcmp(argv[i], "column")) {
			if (i + 1 >= argc)
				return usage_err("load", "format and column need a value");
			if (argv[i][0] == 'c')
				opts.column = argv[i + 1];
			else if (c2_fmt_parse(argv[i + 1], &fmt))
				return usage_err("load", "unknown format (auto, plain, hosts, csv, zeek, maltrail, iprep, drop, stix, misp)");
			r = 2;
			continue;
		}
		r = c2_spec_opt(&defaults, C2_SPEC_OPTS | C2_SPEC_FORCE,
				argc - i, argv + i, err, sizeof(err));
		if (r < 0)
			return usage_err("load", err);
		if (!r) {
			snprintf(err, sizeof(err), "unexpected \"%.32s\"", argv[i]);
			return usage_err("load", err);
		}
	}

	lc.name = strcmp(argv[1], "-") ? argv[1] : "<stdin>";
	text = c2_read_input("load", argv[1], &len);
	if (!text)
		return 1;
	if (fmt == C2_FMT_AUTO)
		fmt = c2_fmt_detect(text, len);
	if (ipc_batch_start(&lc.batch, &e)) {
		c2_report("load", &e);
		free(text);
		return 1;
	}
	r = c2_fmt_read(text, len, fmt, &opts, &defaults, &sink, &st);
	if (r < 0 && !lc.errors)
		load_line_err(&lc, 0, "unreadable as a whole");
	/* Lines queued before a strict stop were good: send them. */
	load_flush(&lc);
	printf("loaded %llu indicators, %llu errors\n", lc.loaded, lc.errors);
	if (st.unsupported) {
		char u[C2_FMT_UNSUP_MAX * (C2_FMT_TYPE_MAX + 24)];

		c2_fmt_unsup_format(&st, u, sizeof(u));
		printf("left out %lu records c2guard cannot match: %s\n",
		       st.unsupported, u);
	}
	if (!out_flush() && !lc.errors)
		ret = 0;
	free(text);
	ipc_batch_free(&lc.batch);
	return ret;
}
