// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/proto.c: a known class for any input, no read
 * past it (ASan), an IRC nick and channel of printable ASCII within their
 * room, and the class of every prefix of a TLS record never changing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

static void printable(const char *s, size_t max)
{
	size_t n = strlen(s), i;

	if (n > max)
		abort();
	for (i = 0; i < n; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_irc irc;
	u8 *buf = malloc(size ? size : 1);
	int r;

	memcpy(buf, data, size);
	r = c2g_proto_guess(buf, size, &irc);
	if (r < 0 || r >= __C2G_PROTO_MAX)
		abort();
	if (r == C2G_PROTO_IRC) {
		printable(irc.nick, C2G_IRC_NICK_MAX);
		printable(irc.chan, C2G_IRC_CHAN_MAX);
	}
	if ((r == C2G_PROTO_TLS_HELLO || r == C2G_PROTO_TLS_OTHER) && size > 6 &&
	    c2g_proto_guess(buf, 6, NULL) != r)
		abort();
	free(buf);
	return 0;
}
