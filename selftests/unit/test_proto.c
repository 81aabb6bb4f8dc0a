// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/proto.c: the first payloads of real clients (curl's
 * ClientHello and GET, captured), an SSH banner, IRC registrations as
 * irssi, HexChat and a bot send them, requests of every common method;
 * and what must not pass for them: random bytes (a Kraken-style own
 * cipher on 443), lines that only look like the real thing, every cut.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "captures.h"
#include "ktap.h"
#include "proto.h"

static int guess(const char *s, struct c2g_irc *irc)
{
	return c2g_proto_guess((const u8 *)s, strlen(s), irc);
}

static void test_real_clients(void)
{
	CHECK(c2g_proto_guess(curl_hello, sizeof(curl_hello), NULL) ==
	      C2G_PROTO_TLS_HELLO, "curl's ClientHello");
	CHECK(c2g_proto_guess((const u8 *)curl_get, sizeof(curl_get) - 1,
			      NULL) == C2G_PROTO_HTTP, "curl's GET");
	CHECK(guess("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", NULL) ==
	      C2G_PROTO_SSH, "ssh");
	/* TLS alert, application data, change cipher spec: TLS, not a hello */
	CHECK(c2g_proto_guess((const u8 *)"\x15\x03\x03\x00\x02\x02\x28", 7,
			      NULL) == C2G_PROTO_TLS_OTHER, "alert");
	CHECK(c2g_proto_guess((const u8 *)"\x17\x03\x03\x00\x10", 5, NULL) ==
	      C2G_PROTO_TLS_OTHER, "app data");
	CHECK(c2g_proto_guess((const u8 *)"\x16\x03\x01\x00\x04\x02", 6,
			      NULL) == C2G_PROTO_TLS_OTHER, "ServerHello first");
	CHECK(c2g_proto_name(C2G_PROTO_TLS_HELLO)[0] == 't' &&
	      !strcmp(c2g_proto_name(C2G_PROTO_IRC), "irc") &&
	      !strcmp(c2g_proto_name(99), "?"), "names");
}

static void test_http(void)
{
	static const char *const ok[] = {
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"POST /api/v1/beacon HTTP/1.1\r\n",
		"HEAD /x HTTP/1.0\n",
		"OPTIONS * HTTP/1.1\r\n",
		"CONNECT c2.example:443 HTTP/1.1\r\n",
		"PROPFIND /dav/ HTTP/1.1\r\n",
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",	/* HTTP/2 preface */
		"GET /a-very-long-path-cut-by-the-segm",	/* cut: common method */
	};
	static const char *const no[] = {
		"get / HTTP/1.1\r\n",		/* lower case */
		"GET  / HTTP/1.1\r\n",		/* empty target */
		"GET / HTTP/2.0\r\n",
		"GET / HTTP/1.1 extra\r\n",
		"FROB /a-very-long-path-cut",	/* cut, not a common method */
		"GET / HTTP/1.1\r",		/* CR without LF... cut: taken */
		"GET\r\n",
		"GET /\x01x HTTP/1.1\r\n",
	};
	unsigned int i;

	for (i = 0; i < KTAP_ARRAY_SIZE(ok); i++)
		CHECK(guess(ok[i], NULL) == C2G_PROTO_HTTP, "%s", ok[i]);
	for (i = 0; i < KTAP_ARRAY_SIZE(no); i++) {
		int r = guess(no[i], NULL);

		/* a CR as the payload's last byte is a cut line end */
		if (i == 5)
			CHECK(r == C2G_PROTO_HTTP, "%d: %s", r, no[i]);
		else
			CHECK(r != C2G_PROTO_HTTP, "%d: %s", r, no[i]);
	}
}

static void test_irc(void)
{
	struct c2g_irc irc;

	/* irssi 1.4 */
	CHECK(guess("CAP LS 302\r\nNICK rootkit\r\nUSER rootkit rootkit localhost :Root\r\n",
		    &irc) == C2G_PROTO_IRC && !strcmp(irc.nick, "rootkit") &&
	      !irc.chan[0], "irssi: %s", irc.nick);
	/* a bot: PASS, NICK, USER and JOIN in one segment */
	CHECK(guess("PASS s3cr3t\r\nNICK [x86|DE|1337]\r\nUSER b 8 * :b\r\nJOIN #botnet,#b2 key\r\n",
		    &irc) == C2G_PROTO_IRC && !strcmp(irc.nick, "[x86|DE|1337]") &&
	      !strcmp(irc.chan, "#botnet"), "bot: %s %s", irc.nick, irc.chan);
	/* LF only, a hostile nick */
	CHECK(guess("NICK a\x1b[2Jb\nUSER x 0 * :x\n", &irc) == C2G_PROTO_IRC &&
	      !strcmp(irc.nick, "a?[2Jb"), "escapes: %s", irc.nick);
	/* a nick longer than kept */
	CHECK(guess("NICK aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", &irc) ==
	      C2G_PROTO_IRC && strlen(irc.nick) == C2G_IRC_NICK_MAX, "long nick");
	CHECK(guess("NICK x", &irc) != C2G_PROTO_IRC, "first line cut");
	CHECK(guess("PRIVMSG #a :hi\r\n", &irc) != C2G_PROTO_IRC, "not a registration");
	CHECK(guess("NICKNAME x\r\n", &irc) != C2G_PROTO_IRC, "NICKNAME");
	CHECK(guess("GET / HTTP/1.1\r\nNICK x\r\n", &irc) == C2G_PROTO_HTTP,
	      "an HTTP request naming NICK later");
}

/* Random bytes (an own cipher on 443): hardly ever a protocol. */
static void test_random(void)
{
	u8 b[512];
	unsigned int i, j, hits[__C2G_PROTO_MAX] = { 0 };

	srand(19);
	for (i = 0; i < 100000; i++) {
		for (j = 0; j < sizeof(b); j++)
			b[j] = rand();
		hits[c2g_proto_guess(b, 16 + rand() % 496, NULL)]++;
	}
	/* a TLS record header by chance: 4/256 * 1/256 * 5/256 */
	CHECK(hits[C2G_PROTO_UNKNOWN] > 99900 && !hits[C2G_PROTO_HTTP] &&
	      !hits[C2G_PROTO_IRC] && !hits[C2G_PROTO_SSH],
	      "unknown %u tls %u/%u http %u irc %u", hits[C2G_PROTO_UNKNOWN],
	      hits[C2G_PROTO_TLS_HELLO], hits[C2G_PROTO_TLS_OTHER],
	      hits[C2G_PROTO_HTTP], hits[C2G_PROTO_IRC]);
}

/* Every prefix of the real payloads: never a crash, and consistent. */
static void test_cuts(void)
{
	unsigned int i, bad = 0;
	int r;

	for (i = 0; i <= sizeof(curl_hello); i++) {
		r = c2g_proto_guess(curl_hello, i, NULL);
		bad += i >= 6 ? r != C2G_PROTO_TLS_HELLO :
		       r != C2G_PROTO_SHORT && i < 3;
	}
	for (i = 4; i < sizeof(curl_get) - 1; i++) {
		r = c2g_proto_guess((const u8 *)curl_get, i, NULL);
		/* "GET " then the target: HTTP once the target starts */
		bad += i > 4 && r != C2G_PROTO_HTTP;
	}
	CHECK(!bad, "%u prefixes misread", bad);
}

int main(void)
{
	static const struct ktap_case cases[] = {
		KTAP_CASE(test_real_clients),
		KTAP_CASE(test_http),
		KTAP_CASE(test_irc),
		KTAP_CASE(test_random),
		KTAP_CASE(test_cuts),
	};

	return ktap_run(cases, KTAP_ARRAY_SIZE(cases));
}
