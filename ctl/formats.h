/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Readers of threat-feed formats: a whole feed in memory in, one
 * struct c2_ind_spec per indicator out through a callback.  No kernel,
 * netlink or printing here, so the unit tests and libFuzzer link it
 * directly (with jansson and libidn2).
 *
 * Every format: a UTF-8 BOM at the start and CRLF line ends are fine;
 * names with non-ASCII UTF-8 are converted to punycode (IDNA 2008,
 * UTS #46 non-transitional); action, tag and timeout come from @defaults
 * (only native lines give their own).  What c2guard cannot express (file
 * hashes, e-mail addresses...) is counted per type in the stats, not
 * reported as an error.  An http:// URL with a path beyond "/" (or a
 * scheme-less HOST/PATH) is a URL indicator (c2_url_norm()); any other URL
 * gives its host, an https:// one with a path counted as unsupported
 * "https-url-path" besides, one with a path that cannot be a URL indicator
 * (another scheme, a port but 80, a user name) as "url-path".
 *
 * Formats (C2_FMT_*):
 *  plain     c2ctl's lines, c2_feed_parse_line()
 *  hosts     "0.0.0.0 name [name...]", "127.0.0.1<TAB>name", '#' comments;
 *            localhost-like names and the address column are skipped
 *  csv       abuse.ch Feodo Tracker (column dst_ip) and ThreatFox
 *            (ioc_value typed by ioc_type) found from their header, which
 *            may be a '#' comment; else opts->column, a 1-based number
 *            (every line a record) or a header name.  RFC 4180 quoting
 *            within one line ("" escapes, quoted commas), blanks around
 *            fields ignored
 *  zeek      Zeek intel files: "#fields" names the tab-separated columns
 *            indicator and indicator_type; '-' is an empty field
 *  maltrail  IP, IP:PORT, CIDR, NAME, NAME:PORT (port dropped), URL,
 *            HOST/PATH; '#' comments, also trailing
 *  iprep     Suricata IP reputation "ADDR[/LEN],CATEGORY,SCORE"
 *  drop      Spamhaus DROP/EDROP "CIDR ; SBLnnn" (';' comments) and the
 *            NDJSON form {"cidr":...} (metadata lines skipped)
 *  stix      STIX 2.x bundle: indicators with a "stix" pattern of '='
 *            comparisons on ipv4-addr, ipv6-addr, domain-name, url values,
 *            combined with OR only
 *  misp      MISP {"Event":...}, {"response":[{"Event":...}...]} or a list
 *            of events; attributes of the event and of its objects
 *
 * Line numbers: the 1-based input line for text formats and NDJSON; for
 * stix and misp (jansson keeps no positions) the 1-based ordinal of the
 * STIX object or MISP attribute, or the line of a JSON syntax error.
 *
 * c2_fmt_detect() looks at the content only, in this order:
 *  1. first byte past BOM and blanks '{' or '[': a first line that is an
 *     object with "cidr" -> drop; else the whole buffer parsed: an object
 *     with "type":"bundle" -> stix; with "Event" or "response", or an
 *     array whose first element has "Event" or "Attribute" -> misp;
 *  2. then over the first 64 non-blank lines: a "#fields" line -> zeek; a
 *     line (comment or not) holding the header names dst_ip or ioc_value
 *     -> csv; a line starting "; Spamhaus" or of the form "CIDR ; SBL..."
 *     -> drop;
 *  3. the first record line (not '#'): "0.0.0.0" or "127.0.0.1" followed
 *     by a blank and a name -> hosts; "ADDR,DIGITS,DIGITS" -> iprep;
 *  4. any record line whose first word has "://", IP:PORT, or a '/'
 *     followed by something other than a prefix length, and no line
 *     with a c2ctl option (action, tag, timeout, replace) after its first
 *     word -> maltrail;
 *  5. else plain.
 */
#ifndef _C2CTL_FORMATS_H
#define _C2CTL_FORMATS_H

#include <stdio.h>
#include "feed.h"

enum c2_fmt {
	C2_FMT_AUTO,
	C2_FMT_PLAIN,
	C2_FMT_HOSTS,
	C2_FMT_CSV,
	C2_FMT_ZEEK,
	C2_FMT_MALTRAIL,
	C2_FMT_IPREP,
	C2_FMT_DROP,
	C2_FMT_STIX,
	C2_FMT_MISP,
	__C2_FMT_MAX
};

/* "auto", "plain", "hosts"...: 0 with *out set, or -1. */
int c2_fmt_parse(const char *name, enum c2_fmt *out);
/* The name c2_fmt_parse() reads, or NULL. */
const char *c2_fmt_name(enum c2_fmt fmt);
/* Never C2_FMT_AUTO; see the rules above. */
enum c2_fmt c2_fmt_detect(const char *buf, size_t len);

/**
 * struct c2_fmt_opts - reading options, all optional
 * @column: csv: the indicator column, a 1-based number or a header name;
 *	NULL to find a Feodo Tracker or ThreatFox header
 */
struct c2_fmt_opts {
	const char *column;
};

/**
 * struct c2_fmt_sink - where records go
 * @ind: each indicator; a non-zero return stops reading (and is returned)
 * @error: each bad record; @msg may quote up to ~64 bytes of raw input,
 *	unescaped, and never holds a NUL
 * @data: passed to both
 */
struct c2_fmt_sink {
	int (*ind)(void *data, unsigned long line,
		   const struct c2_ind_spec *spec);
	void (*error)(void *data, unsigned long line, const char *msg);
	void *data;
};

/* Distinct unsupported types kept; the rest are counted as "other". */
#define C2_FMT_UNSUP_MAX	16
#define C2_FMT_TYPE_MAX		32	/* bytes of a type name, NUL included */

struct c2_fmt_unsup {
	char type[C2_FMT_TYPE_MAX];
	unsigned long count;
};

/**
 * struct c2_fmt_stats - what a read found
 * @fmt: the format read (the detected one for C2_FMT_AUTO)
 * @indicators: specs handed to sink->ind
 * @errors: records handed to sink->error
 * @unsupported: records (or URL paths) c2guard cannot express
 * @n_unsup: entries used in @unsup, in order of first appearance
 */
struct c2_fmt_stats {
	enum c2_fmt fmt;
	unsigned long indicators, errors, unsupported;
	unsigned int n_unsup;
	struct c2_fmt_unsup unsup[C2_FMT_UNSUP_MAX];
};

/*
 * Read @buf[0..@len) as @fmt (C2_FMT_AUTO: c2_fmt_detect()).  @opts may be
 * NULL; @st is cleared first.  Returns 0 when the whole input was read
 * (bad records only reported), the non-zero value of sink->ind when it
 * stopped, or -1 when the input as a whole cannot be read (invalid JSON,
 * no indicator column, no memory), reported through sink->error too.
 */
int c2_fmt_read(const char *buf, size_t len, enum c2_fmt fmt,
		const struct c2_fmt_opts *opts,
		const struct c2_ind_spec *defaults,
		const struct c2_fmt_sink *sink, struct c2_fmt_stats *st);

/*
 * "md5_hash 3, url-path 1" (or "none"), truncated to fit; the length that
 * would have been written, as snprintf().
 */
int c2_fmt_unsup_format(const struct c2_fmt_stats *st, char *buf,
			size_t len);
/* "N indicators, N errors, N unsupported (TYPE N, ...)\n" to @f. */
void c2_fmt_stats_print(const struct c2_fmt_stats *st, FILE *f);

#endif /* _C2CTL_FORMATS_H */
