// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the feed-format readers (ctl/formats.h).
 *
 * The first byte picks the format (low nibble, modulo the formats, 0 being
 * auto) and the csv column option (bits 4-5: none, "3", "host"); the rest
 * is the feed.  Whatever the input: no crash or leak (ASan), every
 * indicator prints with c2_spec_format() and reads back with
 * c2_spec_set_entry() (c2_spec_parse_words() for the two words of a JA4 or
 * URL) as the same entry, carries the defaults' action and
 * tag, and the stats count exactly what reached the sink.  Messages are
 * non-empty and bounded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats.h"

struct counts {
	unsigned long ind, err;
	enum c2_fmt fmt;
};

static int on_ind(void *data, unsigned long line,
		  const struct c2_ind_spec *s)
{
	struct counts *c = data;
	unsigned int kind = s->set & (C2_SPEC_ADDR | C2_SPEC_NAME |
				      C2_SPEC_JA4 | C2_SPEC_URL);
	char a[C2_IND_FMT_MAX], err[C2_ERR_MAX], *w[2];
	struct c2_ind_spec t;

	(void)line;
	c->ind++;
	if (kind != C2_SPEC_ADDR && kind != C2_SPEC_NAME &&
	    kind != C2_SPEC_JA4 && kind != C2_SPEC_URL)
		abort();
	if ((s->set & C2_SPEC_PORT) && (kind != C2_SPEC_ADDR || !s->port ||
	    (s->proto != 0 && s->proto != 6 && s->proto != 17) ||
	    s->pfx.len != c2g_family_bits(s->pfx.family)))
		abort();
	if (!c2_spec_type(s) || c2_spec_format(s, a, sizeof(a)) <= 0)
		abort();
	c2_spec_init(&t);
	if (kind == C2_SPEC_JA4 || kind == C2_SPEC_URL) {
		/* "ja4 FP", "url KEY" */
		w[0] = a;
		w[1] = strchr(a, ' ');
		if (!w[1])
			abort();
		*w[1]++ = '\0';
		if (c2_spec_parse_words(&t, C2_SPEC_JA4 | C2_SPEC_URL, 2, w,
					err, sizeof(err)) ||
		    strcmp(t.ja4, s->ja4) || strcmp(t.url, s->url))
			abort();
	} else if (c2_spec_set_entry(&t, a, err, sizeof(err))) {
		abort();
	}
	if ((t.set ^ s->set) & (C2_SPEC_ADDR | C2_SPEC_NAME | C2_SPEC_PORT |
				C2_SPEC_JA4 | C2_SPEC_URL))
		abort();
	if (kind == C2_SPEC_ADDR && memcmp(&t.pfx, &s->pfx, sizeof(t.pfx)))
		abort();
	if (kind == C2_SPEC_NAME && (t.suffix != s->suffix ||
	    t.name.len != s->name.len || strcmp(t.name.s, s->name.s)))
		abort();
	if (t.port != s->port || t.proto != s->proto)
		abort();
	/* Only native lines give their own action and tag. */
	if (c->fmt != C2_FMT_PLAIN &&
	    (s->action != C2GUARD_ACT_DROP || strcmp(s->tag, "fz")))
		abort();
	return 0;
}

static void on_err(void *data, unsigned long line, const char *msg)
{
	struct counts *c = data;
	size_t n = strlen(msg);

	(void)line;
	c->err++;
	if (!n || n > 300)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cols[] = { NULL, "3", "host", NULL };
	struct counts c = { 0 };
	struct c2_fmt_sink sink = { on_ind, on_err, &c };
	struct c2_fmt_opts o;
	struct c2_fmt_stats st;
	struct c2_ind_spec d;
	enum c2_fmt fmt;
	int r;

	if (!size)
		return 0;
	fmt = (enum c2_fmt)((data[0] & 0x0f) % __C2_FMT_MAX);
	o.column = cols[(data[0] >> 4) & 3];
	c2_spec_init(&d);
	d.action = C2GUARD_ACT_DROP;
	strcpy(d.tag, "fz");
	d.set = C2_SPEC_ACTION | C2_SPEC_TAG;
	c.fmt = fmt == C2_FMT_AUTO ?
		c2_fmt_detect((const char *)data + 1, size - 1) : fmt;
	r = c2_fmt_read((const char *)data + 1, size - 1, fmt, &o, &d, &sink,
			&st);
	if (r != 0 && r != -1)
		abort();
	if (st.fmt != c.fmt || st.indicators != c.ind || st.errors != c.err ||
	    st.n_unsup > C2_FMT_UNSUP_MAX)
		abort();
	return 0;
}
