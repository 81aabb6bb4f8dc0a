/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsing helpers of c2ctl: numbers, action names, indicator
 * specifications ("ENTRY [action A] [tag T] [timeout S]", ENTRY being
 * ADDR[/LEN], NAME, *.NAME, a port-qualified exact address: IPV4:PORT or
 * [IPV6]:PORT, PORT optionally followed by /tcp or /udp, "answer ADDR",
 * an exact address matched in DNS answers, "ja4 FP" (or FP alone), a JA4
 * fingerprint matched against ClientHellos, or "url URL" (or URL alone when
 * it has a scheme or a path: http://HOST/PATH, HOST/PATH), an http URL
 * matched against the first request of HTTP flows) given as words on the
 * command line or as one line of a feed file.
 *
 * Nothing here talks to the kernel, allocates or prints, so the unit tests
 * link it directly.
 */
#ifndef _C2CTL_FEED_H
#define _C2CTL_FEED_H

#include <linux/c2guard.h>
#include "addr_text.h"
#include "name.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/* Bits of struct c2_ind_spec::set: what was given explicitly. */
#define C2_SPEC_ADDR		0x01u
#define C2_SPEC_ACTION		0x02u
#define C2_SPEC_TAG		0x04u
#define C2_SPEC_TIMEOUT		0x08u
#define C2_SPEC_REPLACE		0x10u
#define C2_SPEC_NAME		0x20u
#define C2_SPEC_PORT		0x40u	/* with C2_SPEC_ADDR: ADDR:PORT */
#define C2_SPEC_FORCE		0x80u	/* past the safety rails (rails.h) */
#define C2_SPEC_ANSWER		0x100u	/* with C2_SPEC_ADDR: "answer ADDR" */
#define C2_SPEC_JA4		0x200u	/* "ja4 FP": @ja4 */
#define C2_SPEC_URL		0x400u	/* "url HOST/PATH": @url */
#define C2_SPEC_OPTS		(C2_SPEC_ACTION | C2_SPEC_TAG | C2_SPEC_TIMEOUT)

/*
 * Most words a feed line may have: "answer" (or "ja4", "url"), ENTRY,
 * three pairs, "replace", "force".
 */
#define C2_FEED_MAX_WORDS	10

/*
 * Kinds of entries a feed counts (c2_spec_kind()): IPv4, IPv6, names,
 * suffixes, addresses with a port, answer addresses, JA4 fingerprints,
 * URLs.
 */
#define C2_SPEC_KINDS		8

/* Room for any message the parsers write into their err buffer. */
#define C2_ERR_MAX		160

/*
 * Room for any text c2_spec_format() writes ("url " + a URL key, longer
 * than "*." + name or any "[IPV6]:PORT/PROTO"), NUL included.
 */
#define C2_IND_FMT_MAX		(4 + C2GUARD_URL_MAX + 1)

/**
 * struct c2_ind_spec - an indicator to add (or delete)
 * @pfx: address and prefix length (C2_SPEC_ADDR)
 * @name: domain name in the text form of name.h (C2_SPEC_NAME)
 * @suffix: with @name: the name and every name below it ("*.NAME")
 * @ja4: a JA4 fingerprint, C2GUARD_JA4_LEN characters, sections b and c
 *	in lower case (C2_SPEC_JA4), else ""
 * @url: a URL indicator's key, "HOST/PATH" or "HOST/PATH?QUERY" as
 *	c2_url_norm() writes it (C2_SPEC_URL), else ""
 * @set: C2_SPEC_* bits of the fields given explicitly; exactly one of
 *	C2_SPEC_ADDR, C2_SPEC_NAME, C2_SPEC_JA4 and C2_SPEC_URL once an
 *	entry was parsed,
 *	C2_SPEC_PORT and C2_SPEC_ANSWER (never both) only with C2_SPEC_ADDR
 *	and a full-length prefix
 * @port: with C2_SPEC_PORT: destination port, 1..65535
 * @proto: with C2_SPEC_PORT: IP protocol, 0 (any), 6 (tcp) or 17 (udp)
 * @action: enum c2guard_action, never C2GUARD_ACT_NONE
 * @timeout: lifetime in seconds, 0 = forever
 * @tag: NUL-terminated tag, possibly empty
 */
struct c2_ind_spec {
	struct c2g_prefix pfx;
	struct c2g_name name;
	bool suffix;
	char ja4[C2GUARD_JA4_LEN + 1];
	char url[C2GUARD_URL_MAX + 1];
	unsigned int set;
	__u16 port;
	__u8 proto;
	__u8 action;
	__u32 timeout;
	char tag[C2GUARD_TAG_MAX];
};

int c2_parse_u64(const char *s, unsigned long long min,
		 unsigned long long max, unsigned long long *out);
int c2_parse_u32(const char *s, __u32 min, __u32 max, __u32 *out);

int c2_action_parse(const char *s);
const char *c2_action_name(unsigned int action);

void c2_spec_init(struct c2_ind_spec *spec);
int c2_spec_set_entry(struct c2_ind_spec *spec, const char *text,
		      char *err, size_t errlen);
int c2_spec_format(const struct c2_ind_spec *spec, char *buf, size_t len);
bool c2_url_like(const char *text);
int c2_url_norm(const char *text, char *key, size_t keylen, char *err,
		size_t errlen);
const char *c2_spec_type(const struct c2_ind_spec *spec);
unsigned int c2_spec_kind(const struct c2_ind_spec *spec);
int c2_spec_opt(struct c2_ind_spec *spec, unsigned int allowed,
		int argc, char *const argv[], char *err, size_t errlen);
int c2_spec_parse_words(struct c2_ind_spec *spec, unsigned int allowed,
			int argc, char *const argv[], char *err, size_t errlen);
int c2_feed_parse_line(char *line, size_t len,
		       const struct c2_ind_spec *defaults,
		       struct c2_ind_spec *out, char *err, size_t errlen);

/*
 * Beacon allowlist ports: "PORT", "PORT/tcp" or "PORT/udp", held as in
 * C2GUARD_CFG_A_BEACON_ALLOW_PORTS, (protocol << 16) | port, protocol 0
 * for any.  C2_PORT_FMT_MAX has room for any text c2_port_format() writes.
 */
#define C2_PORT_FMT_MAX		16

bool c2_port_like(const char *s);
int c2_port_parse(const char *s, __u32 *out, char *err, size_t errlen);
int c2_port_format(__u32 v, char *buf, size_t len);

#endif /* _C2CTL_FEED_H */
