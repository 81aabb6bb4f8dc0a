/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the feed-format readers (fmt_text.c, fmt_json.c) share with
 * formats.c and fmt_read.c: the reading context and the helpers that turn
 * one value of a record into an indicator, an error or an unsupported
 * count.
 */
#ifndef _C2CTL_FMT_INT_H
#define _C2CTL_FMT_INT_H

#include "formats.h"

/* Longest value (URL, name...) a record may give, in bytes. */
#define FMT_VALUE_MAX		2048

struct fmt_ctx {
	const struct c2_fmt_opts *opts;
	const struct c2_ind_spec *defaults;
	const struct c2_fmt_sink *sink;
	struct c2_fmt_stats *st;
	int stop;		/* non-zero: what sink->ind returned */
	/* csv: 0-based columns, -1 while unknown / absent */
	int csv_col, csv_type_col;
	enum { CSV_ANY, CSV_ADDR, CSV_TYPED } csv_kind;
	/* zeek: columns of indicator and indicator_type, -1 before #fields */
	int zeek_ind, zeek_type;
};

/* What a value must be. */
enum fmt_kind {
	FMT_ANY,	/* whatever c2_spec_set_entry() reads */
	FMT_ADDR,	/* address or prefix, no port */
	FMT_NAME,	/* a name, no "*." */
	FMT_HOST,	/* exact address or name: the host of a URL */
	/*
	 * [SCHEME://][USER@]HOST[:PORT][/PATH]: an http URL with a path as
	 * a URL indicator, else its host (fmt_emit())
	 */
	FMT_URL,
};

int fmt_emit(struct fmt_ctx *c, unsigned long line, const char *s, size_t n,
	     enum fmt_kind kind);
int fmt_emit_ipport(struct fmt_ctx *c, unsigned long line, const char *ip,
		    size_t iplen, const char *port, size_t portlen);
void fmt_error(struct fmt_ctx *c, unsigned long line, const char *s,
	       size_t n, const char *why);
void fmt_unsup(struct fmt_ctx *c, const char *type, size_t n);
int fmt_idna(const char *text, char *out, size_t outlen, char *err,
	     size_t errlen);
bool fmt_has_8bit(const char *s, size_t n);
int fmt_url_idna(const char *text, char *out, size_t outlen, char *err,
		 size_t errlen);

/* Text formats (fmt_text.c); @buf past any BOM.  0, stop value or -1. */
int fmt_text_read(struct fmt_ctx *c, const char *buf, size_t len,
		  enum c2_fmt fmt);
/* JSON formats (fmt_json.c). */
int fmt_json_read(struct fmt_ctx *c, const char *buf, size_t len,
		  enum c2_fmt fmt);
int fmt_json_drop_line(struct fmt_ctx *c, unsigned long line, const char *s,
		       size_t n);
enum c2_fmt fmt_json_detect(const char *buf, size_t len);

static inline bool fmt_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	       ch == '\v' || ch == '\f';
}

#endif /* _C2CTL_FMT_INT_H */
