/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Real traffic, captured once (dig, dnsmasq, curl) and embedded, shared by
 * the parser unit tests and selftests/bench/parse_cost.c.
 */
#ifndef _C2G_CAPTURES_H
#define _C2G_CAPTURES_H

#include "pure.h"

/* dig www.evil.example A (EDNS OPT in additional) */
extern const u8 dig_a_query[57];

/* dnsmasq: www.evil.example CNAME mid.example.org CNAME target.example.net, 4 A */
extern const u8 cname_a_resp[170];

/* curl https://beacon.bad.example:4434/ (OpenSSL 3.0) (517 bytes) */
extern const u8 curl_hello[517];
/* curl -H ... http://Beacon.Bad.Example:4435/gate.php?id=42, a GET with
 * 8 headers (NUL-terminated) */
extern const char curl_get[195];

#endif /* _C2G_CAPTURES_H */
