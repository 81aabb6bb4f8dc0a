#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Domain indicators in the server name of QUIC client Initials (issue 19):
# ngtcp2's gtlsserver in the server netns, its gtlsclient (QUIC version 1,
# a real handshake and an HTTP/3 request) and quic_initial.py (Initials
# made by hand) in the client netns, c2guard on the gateway.
#   unlisted         the handshake and request complete, no alert
#   alert            completes; one alert, reason quic-sni, the name; IPv6
#   drop             never completes; no datagram of it reaches the server
#   split            a ClientHello over two Initials, the name in the
#                    second: caught; with drop, only the first datagram
#                    reaches the server
#   short DCID, v2   a 3-byte DCID, an empty one, version 2 (RFC 9369):
#                    caught (the packaged ngtcp2 speaks no final version 2)
#   malformed        mutated Initials for a listed name (scapy): no alert,
#                    no kernel complaint, counted as unopened; real clients
#                    still caught afterwards
#   JA4              gtlsclient's JA4 as an indicator: its handshake to an
#                    unlisted name never completes; another hello passes
# plus the status counters (quic_initials, quic_sni, quic_unopened,
# ja4_computed).

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools gtlsclient gtlsserver openssl nft
c2g_require_scapy
"$PYTHON" -c 'import cryptography' 2>/dev/null ||
	c2g_skip_all "python3-cryptography missing (make deps)"
c2g_gw_setup domain

QUIC=443
QI=$(dirname "$0")/quic_initial.py

c2g_tls_cert || c2g_skip_all "no test certificate"
mkdir -p "$C2G_TMP/htdocs" && echo quic-ok >"$C2G_TMP/htdocs/index.html"
for a in $SRV4 $SRV6; do
	ip netns exec "$SRV" gtlsserver -q -d "$C2G_TMP/htdocs" "$a" $QUIC \
		"$C2G_TLS_KEY" "$C2G_TLS_CERT" >>"$C2G_TMP/quic-srv.log" 2>&1 &
	c2g_track_pid $!
done

# the server counts the datagrams that reach it
ip netns exec "$SRV" nft -f - <<EOF || c2g_skip_all "nft counters failed"
table inet c2g_quic {
	counter dgrams { }
	chain in {
		type filter hook input priority 0; policy accept;
		udp dport $QUIC counter name dgrams
	}
}
EOF
dgrams() { c2g_nft_named_counter "$SRV" inet c2g_quic dgrams; }

# quic NAME ADDR: one HTTP/3 request to https://NAME/, NAME resolving to
# ADDR (gtlsclient sends the name it connects to as server name, and
# "localhost" for an address, --sni or not: so a hosts file of its own, in
# a mount namespace of its own); C2G_RES ok (the page came back) or timeout
N=0
quic()
{
	local dir=$C2G_TMP/dl.$((++N)) hosts=$C2G_TMP/hosts.$N
	mkdir -p "$dir"
	echo "$2 $1" >"$hosts"
	# shellcheck disable=SC2016 # expanded by that sh
	ip netns exec "$CLI" unshare -m sh -c 'mount --bind "$1" /etc/hosts &&
		exec timeout 30 gtlsclient -q --exit-on-all-streams-close \
		--handshake-timeout=4s --download="$2" "$3" "$4" "https://$3:$4/index.html"' \
		sh "$hosts" "$dir" "$1" $QUIC >/dev/null 2>&1
	if grep -qs quic-ok "$dir/index.html"; then
		C2G_RES=ok
	else
		C2G_RES=timeout
	fi
}
# hand NAME ADDR OPTION...: quic_initial.py send; C2G_RES answered/silent
hand()
{
	if ip netns exec "$CLI" "$PYTHON" "$QI" send "$2" $QUIC "$1" --wait 3 \
		"${@:3}" >/dev/null 2>&1; then
		C2G_RES=answered
	else
		C2G_RES=silent
	fi
}
# expect DESC WANT CMD...
expect()
{
	"${@:3}"
	[ "$C2G_RES" = "$2" ]
	c2g_result $? "$1" "got $C2G_RES"
}

busywait $((10000 * C2G_SLOW)) bash -c "ip netns exec $SRV ss -uln | grep -q ':$QUIC '" ||
	c2g_skip_all "gtlsserver did not start: $(cat "$C2G_TMP/quic-srv.log")"
quic www.example $SRV4
[ "$C2G_RES" = ok ] ||
	c2g_skip_all "topology: no QUIC handshake without indicators: $(tail -n 3 "$C2G_TMP/quic-srv.log")"

M=gw
c2g_mon_ready $M "$GW" "$CLI"

# quic_fp NAME: NAME's last alert carries a JA4 of a QUIC TLS 1.3 hello
# with an HTTP/3 ALPN, and a JA3
quic_fp()
{
	local ja4 ja3
	ja4=$(c2g_alert_field $M ja4 "name=$1")
	ja3=$(c2g_alert_field $M ja3 "name=$1")
	[[ $ja4 =~ ^q13d[0-9]{4}h[0-9]_[0-9a-f]{12}_[0-9a-f]{12}$ &&
		$ja3 =~ ^[0-9a-f]{32}$ ]]
	c2g_result $? "$1: the hello's JA4 ($ja4) and JA3 ($ja3)"
}

# ---------------------------------------------------------------------------
# a real client, version 1

c2g_add '*.evil.example' action alert tag quic
before=$(c2g_status_json "$GW")
expect "unlisted: handshake and request complete" ok quic notevil.example $SRV4
expect "listed, alert: completes" ok quic c2.evil.example $SRV4
expect "listed, alert, IPv6: completes" ok quic v6.evil.example $SRV6
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "quic_initials counts the clients' Initials" quic_initials -ge 3
c2g_delta_is "quic_sni counts 3 server names" quic_sni -ge 3
c2g_delta_is "quic_unopened did not move" quic_unopened -eq 0
c2g_later c2g_alert_exactly "unlisted: no alert" $M 0 name=notevil.example
c2g_later c2g_alert_exactly "alert: one alert for the connection" $M 1 name=c2.evil.example
c2g_later c2g_alert_match "alert: fields" $M name=c2.evil.example -- reason=quic-sni \
	action=alert tag=quic "indicator=*.evil.example" proto=udp family=inet \
	saddr=$CLI4 daddr=$SRV4 dport=$QUIC dir=to-indicator
c2g_later c2g_alert_match "alert, IPv6: fields" $M name=v6.evil.example -- \
	reason=quic-sni family=inet6 saddr=$CLI6 daddr=$SRV6
c2g_later quic_fp c2.evil.example

c2g_replace '*.evil.example' drop tag quic
d0=$(dgrams)
expect "listed, drop: never completes" timeout quic d.evil.example $SRV4
d1=$(dgrams)
# what may pass carries no name: the client's CONNECTION_CLOSE when it
# gives up (an Initial without CRYPTO data), seen as a new flow
[ $((d1 - d0)) -le 1 ]
c2g_result $? "drop: no ClientHello reached the server ($((d1 - d0)) datagrams)"
c2g_later c2g_alert_match "drop: fields" $M name=d.evil.example -- reason=quic-sni \
	action=drop
expect "drop: an unlisted name still completes" ok quic fine.example $SRV4

# ---------------------------------------------------------------------------
# JA4: gtlsclient's fingerprint, as its first alert carried it, dropped;
# quic_initial.py's hello (another fingerprint) still answered

c2g_wait_alert $((10000 * C2G_SLOW)) $M name=c2.evil.example
qja4=$(c2g_alert_field $M ja4 name=c2.evil.example)
c2g_add ja4 "$qja4" action drop tag qfp
before=$(c2g_status_json "$GW")
expect "ja4 drop: an unlisted name never completes" timeout quic j.example $SRV4
hand jh.example $SRV4
[ "$C2G_RES" = answered ]
c2g_result $? "ja4 drop: a hand-made hello (another JA4) is answered"
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "ja4: ja4_computed counts both hellos" ja4_computed -ge 2
c2g_later c2g_alert_match "ja4 drop: fields" $M name=j.example -- reason=ja4 \
	action=drop tag=qfp "ja4=$qja4" proto=udp dport=$QUIC
c2g_later c2g_alert_exactly "ja4 drop: no alert for the hand-made hello" $M 0 name=jh.example
c2g_check "del ja4" c2g_ctl "$GW" del ja4 "$qja4"

# ---------------------------------------------------------------------------
# Initials made by hand: split, short DCID, version 2

c2g_replace '*.evil.example' alert tag quic
before=$(c2g_status_json "$GW")
# one python start for all six (each costs seconds under emulation)
out=$(ip netns exec "$CLI" "$PYTHON" "$QI" sends $QUIC --wait 4 \
	$SRV4/split.example/split $SRV4/s.evil.example/split \
	$SRV4/s3.evil.example/dcid=3 $SRV4/s0.evil.example/dcid=0 \
	$SRV4/v2.evil.example/v2 "$SRV6/v2s.evil.example/v2+split+dcid=20" 2>&1)
grep -qx "split.example answered" <<<"$out"
c2g_result $? "split hello, unlisted: the server answers" "$out"
grep -qx "s.evil.example answered" <<<"$out"
c2g_result $? "split hello, listed: the server answers (alert)" "$out"
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "split: quic_sni counts 6 names" quic_sni -ge 6
c2g_later c2g_alert_exactly "split, unlisted: no alert" $M 0 name=split.example
for n in s.evil.example s3.evil.example s0.evil.example v2.evil.example v2s.evil.example; do
	c2g_later c2g_alert_match "by hand: $n caught" $M name=$n -- reason=quic-sni \
		action=alert
done

# (the server may acknowledge the first datagram: no check on its answer)
c2g_replace '*.evil.example' drop tag quic
d0=$(dgrams)
hand sd.evil.example $SRV4 --split
d1=$(dgrams)
[ $((d1 - d0)) -eq 1 ]
c2g_result $? "split, drop: only the first datagram reached the server ($((d1 - d0)))"
c2g_later c2g_alert_match "split, drop: fields" $M name=sd.evil.example -- \
	reason=quic-sni action=drop

# ---------------------------------------------------------------------------
# malformed Initials

c2g_dmesg_mark
before=$(c2g_status_json "$GW")
out=$(ip netns exec "$CLI" "$PYTHON" "$QI" fuzz $SRV4 $QUIC fz.evil.example \
	--seed 19 --rounds $((300 / C2G_SLOW + 50)) 2>&1)
c2g_result $? "fuzz: $out" "$out"
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "fuzz: quic_unopened counts them" quic_unopened -ge 50
s=$(c2g_dmesg_splats)
c2g_result $? "fuzz: no kernel complaint" "$s"
c2g_later c2g_alert_exactly "fuzz: no alert" $M 0 name=fz.evil.example
expect "after the fuzz: a listed name is still dropped" timeout quic after.evil.example $SRV4
expect "after the fuzz: an unlisted name completes" ok quic after.example $SRV4

c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M
c2g_finish
