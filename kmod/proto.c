// SPDX-License-Identifier: GPL-2.0
/*
 * What a TCP client's first payload is.  Pure C (pure.h).
 *
 * TLS: a record header, content type 20..23 and version 3.x (3.0 to
 * 3.4); a handshake record (22) whose first message byte is 1 is a
 * ClientHello.  HTTP: an HTTP/1.x request line, "METHOD SP target SP
 * HTTP/1.d" and its line end; a line the payload cuts is taken when its
 * method is a common one and the target so far is clean; HTTP/2's
 * connection preface.  SSH: "SSH-".
 * IRC (RFC 1459 4.1, RFC 2812 3.1): the first line is a registration
 * command (CAP, PASS, NICK, USER), its lines end in CR LF or LF; NICK's
 * parameter is the nick, the first JOIN's the channel.
 */
#include "proto.h"

static bool c2g_is_upper(u8 c)
{
	return c >= 'A' && c <= 'Z';
}

/* HTTP: "METHOD SP target SP HTTP/1.d" CR? LF, or cut in the target. */
static bool c2g_proto_http(const u8 *p, size_t len)
{
	static const char *const common[] = {
		"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT",
		"PATCH", "TRACE", NULL,
	};
	size_t i = 0, m, t, n;
	unsigned int k;

	/* HTTP/2 with prior knowledge (RFC 9113 3.3): the connection preface */
	if (len >= 16 && !memcmp(p, "PRI * HTTP/2.0\r\n", 16))
		return true;
	while (i < len && i < 16 && (c2g_is_upper(p[i]) || p[i] == '-'))
		i++;
	if (!i || i >= len || p[i] != ' ')
		return false;
	m = i++;
	t = i;
	while (i < len && p[i] > ' ' && p[i] < 0x7f)
		i++;
	if (i == t)
		return false;
	if (len - i < 10) {
		/* cut in the target or the version: a clean prefix of
		 * " HTTP/1.d\r\n", and only a common method counts
		 */
		for (n = i; n < len; n++)
			if (n - i == 8 ? p[n] < '0' || p[n] > '9' :
			    p[n] != " HTTP/1.0\r"[n - i])
				return false;
		for (k = 0; common[k]; k++)
			if (strlen(common[k]) == m && !memcmp(p, common[k], m))
				return true;
		return false;
	}
	if (p[i] != ' ' || memcmp(p + i + 1, "HTTP/1.", 7) ||
	    p[i + 8] < '0' || p[i + 8] > '9')
		return false;
	i += 9;
	return p[i] == '\n' || (p[i] == '\r' && (i + 1 == len || p[i + 1] == '\n'));
}

/* Copy the word at @p[0..@n) into @out (at most @max bytes), printable. */
static void c2g_proto_word(const u8 *p, size_t n, char *out, size_t max)
{
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		if (p[i] == ' ' || p[i] == ',' || p[i] == '\r' || p[i] == '\n')
			break;
		out[i] = p[i] > ' ' && p[i] < 0x7f ? p[i] : '?';
	}
	out[i] = '\0';
}

static bool c2g_irc_cmd(const u8 *p, size_t n, const char *cmd)
{
	size_t l = strlen(cmd);

	return n > l && !memcmp(p, cmd, l) && p[l] == ' ';
}

/* IRC registration lines: the first a registration command. */
static bool c2g_proto_irc(const u8 *p, size_t len, struct c2g_irc *irc)
{
	size_t pos = 0, n, eol;
	bool first = true;

	if (irc) {
		irc->nick[0] = '\0';
		irc->chan[0] = '\0';
	}
	while (pos < len) {
		for (eol = pos; eol < len && p[eol] != '\n'; eol++)
			;
		n = eol - pos;
		if (first) {
			if (!c2g_irc_cmd(p + pos, n, "NICK") &&
			    !c2g_irc_cmd(p + pos, n, "USER") &&
			    !c2g_irc_cmd(p + pos, n, "PASS") &&
			    !c2g_irc_cmd(p + pos, n, "CAP"))
				return false;
			/* the first line must end in this payload */
			if (eol == len)
				return false;
			first = false;
		}
		if (irc && !irc->nick[0] && c2g_irc_cmd(p + pos, n, "NICK"))
			c2g_proto_word(p + pos + 5, n - 5, irc->nick,
				       C2G_IRC_NICK_MAX);
		if (irc && !irc->chan[0] && c2g_irc_cmd(p + pos, n, "JOIN"))
			c2g_proto_word(p + pos + 5, n - 5, irc->chan,
				       C2G_IRC_CHAN_MAX);
		pos = eol + 1;
	}
	return true;
}

int c2g_proto_guess(const u8 *p, size_t len, struct c2g_irc *irc)
{
	if (len < 3)
		return C2G_PROTO_SHORT;
	if (p[0] >= 20 && p[0] <= 23 && p[1] == 3 && p[2] <= 4) {
		if (p[0] != 22)
			return C2G_PROTO_TLS_OTHER;
		if (len < 6)
			return C2G_PROTO_SHORT;
		return p[5] == 1 ? C2G_PROTO_TLS_HELLO : C2G_PROTO_TLS_OTHER;
	}
	if (len >= 4 && !memcmp(p, "SSH-", 4))
		return C2G_PROTO_SSH;
	if (c2g_proto_irc(p, len, irc))
		return C2G_PROTO_IRC;
	if (c2g_proto_http(p, len))
		return C2G_PROTO_HTTP;
	return C2G_PROTO_UNKNOWN;
}

const char *c2g_proto_name(int proto)
{
	static const char *const names[__C2G_PROTO_MAX] = {
		[C2G_PROTO_UNKNOWN] = "unknown",
		[C2G_PROTO_TLS_HELLO] = "tls",
		[C2G_PROTO_TLS_OTHER] = "tls-other",
		[C2G_PROTO_HTTP] = "http",
		[C2G_PROTO_SSH] = "ssh",
		[C2G_PROTO_IRC] = "irc",
		[C2G_PROTO_SHORT] = "short",
	};

	return proto >= 0 && proto < __C2G_PROTO_MAX ? names[proto] : "?";
}
