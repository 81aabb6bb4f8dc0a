#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Domain indicators in the TLS server name (SNI) (issue 3): a python HTTPS
# server in the server netns, curl (and a raw ClientHello from
# wire_fuzz.py) in the client netns, c2guard on the gateway.
#   SNI              caught on 443, on a non-standard port, over IPv6; not
#                    for notevil.example, not without SNI (counted)
#   reject           the handshake is reset; the server never sees a request
#   drop             the handshake stalls, and no later packet of the
#                    connection (data, FIN) reaches the server
#   allowlist        an allow entry lets a listed name through
#   TCP Fast Open    a ClientHello carried in the SYN (curl --tcp-fastopen,
#                    the server accepting data without a cookie) is read:
#                    alerted, and with drop the SYN never arrives
#   JA4              (no name listed) a JA4 indicator of curl's hello drops
#                    curl's connections; openssl s_client's hello, and
#                    curl's without a server name, are other JA4s and
#                    pass; an allowlisted name wins
# plus alert fields (reason tls-sni, the name), one alert per connection,
# hits and status counters (tls_sni, tls_no_sni, ja4_computed, ind_ja4).
# HTTP: c2guard_http.sh.

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools curl openssl
c2g_gw_setup domain allow

SINK_PORT=8444	# TLS too, with packet counters in front of it
c2g_web_setup tls:$C2G_TLS_PORT tls:$C2G_TLS_PORT2 tls:$SINK_PORT

# the server counts what reaches it on SINK_PORT: SYNs, and everything else
ip netns exec "$SRV" nft -f - <<EOF || c2g_skip_all "nft counters failed"
table inet c2g_sink {
	counter syn { }
	counter rest { }
	counter syndata { }
	chain in {
		type filter hook input priority 0; policy accept;
		tcp dport $SINK_PORT tcp flags & syn == syn counter name syn
		tcp dport $SINK_PORT tcp flags & syn == 0 counter name rest
		tcp dport $C2G_TLS_PORT tcp flags & syn == syn ip length > 200 counter name syndata
	}
}
EOF

M=gw
c2g_mon_ready $M "$GW" "$CLI"

# https DESC RESULT NAME ADDR [PORT [CURL_OPTION...]]
https()
{
	c2g_web_expect "$1" "$2" https "${@:3}"
}

# ---------------------------------------------------------------------------
# SNI, action alert

c2g_add '*.evil.example' action alert tag web
before=$(c2g_status_json "$GW")
https "sni 443: request works" ok c2.evil.example $SRV4
lp_443=$C2G_LPORT
https "sni 8443: request works" ok c2.evil.example $SRV4 $C2G_TLS_PORT2
lp_8443=$C2G_LPORT
https "sni ipv6: request works" ok v6.evil.example $SRV6
lp_v6=$C2G_LPORT
https "sni: notevil.example works" ok notevil.example $SRV4
lp_notevil=$C2G_LPORT
c2g_web_lport
c2g_expect "no sni (address URL): request works" ok \
	c2g_curl "$CLI" "https://$SRV4/" --local-port $C2G_LPORT
lp_nosni=$C2G_LPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_later c2g_alert_exactly "sni 443: one alert for the connection" $M 1 sport=$lp_443
c2g_later c2g_alert_match "sni 443: alert fields" $M sport=$lp_443 -- reason=tls-sni \
	name=c2.evil.example action=alert tag=web "indicator=*.evil.example" \
	proto=tcp family=inet saddr=$CLI4 daddr=$SRV4 dport=$C2G_TLS_PORT \
	dir=to-indicator hook=prerouting
# curl 7.88 with OpenSSL 3.0 (Debian 12): test_hello computes the same
# JA4 and JA3 from the hello captured once
c2g_later c2g_alert_match "sni 443: the hello's JA4 and JA3" $M sport=$lp_443 -- \
	ja4=t13d3112h2_e8f1e7e78f70_b26ce05bbdd6 ja3=0149f47eabf9a20d0893e2a44e5a6323
c2g_later c2g_alert_match "sni 8443: alert fields" $M sport=$lp_8443 -- reason=tls-sni \
	name=c2.evil.example dport=$C2G_TLS_PORT2
c2g_later c2g_alert_match "sni ipv6: alert fields" $M sport=$lp_v6 -- reason=tls-sni \
	name=v6.evil.example family=inet6 saddr=$CLI6 daddr=$SRV6
c2g_later c2g_alert_exactly "sni: no alert for notevil.example" $M 0 sport=$lp_notevil
c2g_later c2g_alert_exactly "no sni: no alert" $M 0 sport=$lp_nosni
c2g_delta_is "sni: tls_sni counts 4 server names" tls_sni -ge 4
c2g_delta_is "no sni: tls_no_sni moved" tls_no_sni -ge 1
c2g_delta_is "sni: matches counts 3 connections" matches -eq 3
c2g_web_seen c2.evil.example
c2g_result $? "sni, alert: the server got the request"

# ---------------------------------------------------------------------------
# SNI, reject and drop

c2g_replace '*.evil.example' reject tag web
before=$(c2g_status_json "$GW")
https "sni reject: handshake reset" reset c2r.evil.example $SRV4
c2g_was_fast "sni reject: reset comes fast"
lp_r=$C2G_LPORT
https "sni reject 8443 ipv6: handshake reset" reset c2r6.evil.example $SRV6 \
	$C2G_TLS_PORT2
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
! c2g_web_seen c2r.evil.example && ! c2g_web_seen c2r6.evil.example
c2g_result $? "sni reject: the server never got a request"
c2g_delta_is "sni reject: rejected counts 2" rejected -eq 2
https "sni reject: notevil.example still works" ok notevil.example $SRV4
c2g_later c2g_alert_match "sni reject: alert fields" $M sport=$lp_r -- reason=tls-sni \
	name=c2r.evil.example action=reject

# control for the packet counters: with action alert everything arrives
c2g_replace '*.evil.example' alert tag web
r0=$(c2g_nft_named_counter "$SRV" inet c2g_sink rest)
c2g_expect "sni alert, raw hello: the server answers" ok \
	c2g_hello "$CLI" $SRV4 $SINK_PORT ctl.evil.example later-data
r1=$(c2g_nft_named_counter "$SRV" inet c2g_sink rest)
[ $((r1 - r0)) -ge 3 ]
c2g_result $? "sni alert: hello, later data and FIN reach the server ($((r1 - r0)) packets)"

c2g_replace '*.evil.example' drop tag web
before=$(c2g_status_json "$GW")
r0=$(c2g_nft_named_counter "$SRV" inet c2g_sink rest)
c2g_expect "sni drop: the handshake stalls" timeout \
	c2g_hello "$CLI" $SRV4 $SINK_PORT d.evil.example later-data
r1=$(c2g_nft_named_counter "$SRV" inet c2g_sink rest)
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
# the handshake's ACK gets through; the hello, its retransmits, the later
# data and the FIN must not
[ $((r1 - r0)) -le 1 ]
c2g_result $? "sni drop: no later packet reaches the server ($((r1 - r0)) after the SYN)"
c2g_delta_is "sni drop: dropped counts hello, retransmits, later data" \
	dropped -ge 2
https "sni drop: curl times out" timeout d2.evil.example $SRV4
! c2g_web_seen d2.evil.example
c2g_result $? "sni drop: the server never got a request"
c2g_later c2g_alert_exactly "sni drop: one alert for the curl connection" $M 1 sport=$C2G_LPORT
c2g_later c2g_alert_match "sni drop: alert fields" $M sport=$C2G_LPORT -- reason=tls-sni \
	name=d2.evil.example action=drop

# ---------------------------------------------------------------------------
# allowlist

c2g_replace '*.evil.example' reject tag web
c2g_add ok.evil.example action allow tag allow
before=$(c2g_status_json "$GW")
https "allow: ok.evil.example works" ok ok.evil.example $SRV4
lp_ok1=$C2G_LPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "allow: allowed moved" allowed -ge 1
https "allow: other names still reset" reset no.evil.example $SRV4
c2g_later c2g_alert_exactly "allow: no alert for ok.evil.example" $M 0 sport=$lp_ok1
c2g_check "del ok.evil.example" c2g_ctl "$GW" del ok.evil.example
https "allow deleted: ok.evil.example reset" reset ok.evil.example $SRV4

# ---------------------------------------------------------------------------
# TCP Fast Open: the ClientHello in the SYN.  The client sends data in its
# SYN without a cookie (tcp_fastopen 0x5), the server takes it on every
# listener (0x602): no later client payload carries the hello.

ip netns exec "$CLI" sysctl -qw net.ipv4.tcp_fastopen=5 &&
	ip netns exec "$SRV" sysctl -qw net.ipv4.tcp_fastopen=0x602
c2g_result $? "tfo: sysctls set"
syndata() { c2g_nft_named_counter "$SRV" inet c2g_sink syndata; }
c2g_replace '*.evil.example' alert tag web
s0=$(syndata)
https "tfo, alert: request works" ok tfo.evil.example $SRV4 "" --tcp-fastopen
lp_tfo=$C2G_LPORT
s1=$(syndata)
[ $((s1 - s0)) -ge 1 ]
c2g_result $? "tfo, alert: the hello came in the SYN ($((s1 - s0)) SYN with data)"
c2g_later c2g_alert_match "tfo, alert: fields" $M sport=$lp_tfo -- reason=tls-sni \
	name=tfo.evil.example action=alert
c2g_replace '*.evil.example' drop tag web
s0=$(syndata)
https "tfo, drop: curl times out" timeout tfod.evil.example $SRV4 "" --tcp-fastopen
s1=$(syndata)
[ $((s1 - s0)) -eq 0 ]
c2g_result $? "tfo, drop: no SYN with the hello reached the server ($((s1 - s0)))"
! c2g_web_seen tfod.evil.example
c2g_result $? "tfo, drop: the server never got a request"
c2g_later c2g_alert_match "tfo, drop: fields" $M sport=$C2G_LPORT -- reason=tls-sni \
	name=tfod.evil.example action=drop
ip netns exec "$CLI" sysctl -qw net.ipv4.tcp_fastopen=1

# ---------------------------------------------------------------------------
# hits: every connection the suffix caught

c2g_run_later $M "$GW" "$CLI"
n=$(c2g_alert_count $M tag=web)
h=$(c2g_name_get "$GW" '*.evil.example' hits)
[ "$h" = "$n" ] && [ "$n" -ge 8 ]
c2g_result $? "hits of *.evil.example = connections alerted ($h, $n alerts)"

c2g_check "flush" c2g_ctl "$GW" flush
https "after flush: c2.evil.example works" ok c2.evil.example $SRV4

# ---------------------------------------------------------------------------
# JA4 indicators, in a netns with no name indicator: curl's fingerprint is
# dropped, openssl s_client's (other ciphers, no ALPN) is not

CURL_JA4=t13d3112h2_e8f1e7e78f70_b26ce05bbdd6
# ossl NAME: GET / over openssl s_client with server name NAME
ossl()
{
	printf 'GET / HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" |
		ip netns exec "$CLI" timeout 10 openssl s_client -quiet \
			-connect "$SRV4:$C2G_TLS_PORT" -servername "$1" \
			>/dev/null 2>&1
}
c2g_add ja4 $CURL_JA4 action drop tag fp
before=$(c2g_status_json "$GW")
https "ja4 drop: curl times out" timeout j1.example $SRV4
lp_j1=$C2G_LPORT
! c2g_web_seen j1.example
c2g_result $? "ja4 drop: the server never got curl's request"
ossl j2.example
c2g_web_seen j2.example
c2g_result $? "ja4 drop: openssl s_client's request got through"
# without a server name curl's hello is another: "i", one extension less
c2g_web_lport
c2g_expect "ja4 drop: curl without a server name (another JA4) works" ok \
	c2g_curl "$CLI" "https://$SRV4/" --local-port $C2G_LPORT
lp_j3=$C2G_LPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "ja4: ja4_computed counts the three hellos" ja4_computed -ge 3
[ "$(jq -r .ind_ja4 <<<"$after")" = 1 ]
c2g_result $? "ja4: status ind_ja4 is 1"
c2g_later c2g_alert_exactly "ja4 drop: one alert for the curl connection" $M 1 sport=$lp_j1
c2g_later c2g_alert_match "ja4 drop: alert fields" $M sport=$lp_j1 -- reason=ja4 \
	name=j1.example action=drop tag=fp ja4=$CURL_JA4 \
	ja3=0149f47eabf9a20d0893e2a44e5a6323 daddr=$SRV4 dir=to-indicator
c2g_later c2g_alert_exactly "ja4 drop, no server name: no alert" $M 0 sport=$lp_j3
c2g_later c2g_alert_exactly "ja4 drop: no alert for openssl's connection" $M 0 name=j2.example
# an allowlisted name is left alone whatever client asks for it
c2g_add ok.example action allow tag allow
https "ja4 drop, allowlisted name: curl works" ok ok.example $SRV4
c2g_later c2g_alert_exactly "ja4 drop, allowlisted name: no alert" $M 0 sport=$C2G_LPORT
c2g_check "del ja4" c2g_ctl "$GW" del ja4 $CURL_JA4
https "ja4 deleted: curl works" ok j4.example $SRV4
c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M

c2g_finish
