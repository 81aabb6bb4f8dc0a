#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the first bytes give away (issue 19): the protocol/port mismatch
# and IRC detectors.  A python web server (HTTP on 80, TLS on 443),
# dnsmasq on 53 and a TCP echo server on 6667 in the server netns; real
# clients and socat in the client netns; c2guard on the gateway.
#   real clients     with both detectors on, curl (http, https, HTTP/2
#                    prior knowledge), openssl s_client, dig, python's
#                    http.client, git over https and apt over http, over
#                    at least 50 flows: no alert
#   fake TLS         random bytes to 443 (Kraken): proto-mismatch, expected
#                    tls, seen unknown; with drop nothing after the
#                    handshake reaches the server; not on a port off the list
#   HTTP port        an SSH banner and a ClientHello to 80: proto-mismatch,
#                    expected http
#   DNS port         a UDP datagram to 53 that is no DNS query: expected dns
#   IRC              a registration to 6667 (an IRC port: alerted, not acted
#                    on) and to 443 (IRC hidden on a TLS port: irc-action),
#                    with its nick and channel; one alert, irc, with both
#                    detectors on; HTTP and TLS clients on those ports not
#   settings         ports lists replaced, refused when malformed; off again
# plus the status counters (proto_mismatch_alerts, irc_alerts).

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools curl openssl dig socat git apt-get
c2g_gw_setup
IRC=6667
OFF=8081	# a port on neither list
c2g_web_setup http:$C2G_HTTP_PORT tls:$C2G_TLS_PORT http:$OFF
c2g_dns_setup www.example --address=/www.example/$SRV4
c2g_serve_tcp "$SRV" $IRC || c2g_skip_all "echo server on $IRC did not start"

# the server counts the segments with payload that reach it on 443
ip netns exec "$SRV" nft -f - <<EOF || c2g_skip_all "nft counters failed"
table inet c2g_wire {
	counter rest { }
	chain in {
		type filter hook input priority 0; policy accept;
		ip daddr $SRV4 tcp dport $C2G_TLS_PORT ip length > 64 counter name rest
	}
}
EOF
rest() { c2g_nft_named_counter "$SRV" inet c2g_wire rest; }

M=gw
c2g_mon_ready $M "$GW" "$CLI"

# send PROTO ADDR PORT [DATA]: DATA (printf's escapes), or else 200 random
# bytes (the first one no TLS record type nor letter), as the first payload of one connection (or datagram) from a port
# of its own, C2G_LPORT after the call
send()
{
	if [ $# -ge 4 ]; then
		printf "$4" >"$C2G_TMP/payload"
	else
		{ printf '\xa7'; head -c 199 /dev/urandom; } >"$C2G_TMP/payload"
	fi
	c2g_web_lport
	ip netns exec "$CLI" socat -t 1 -T 3 - \
		"$1:$2:$3,sourceport=$C2G_LPORT" <"$C2G_TMP/payload" >/dev/null 2>&1
}
# ossl NAME: GET / over openssl s_client
ossl()
{
	printf 'GET / HTTP/1.0\r\nHost: %s\r\n\r\n' "$1" |
		ip netns exec "$CLI" timeout 10 openssl s_client -quiet \
			-connect "$SRV4:$C2G_TLS_PORT" -servername "$1" \
			>/dev/null 2>&1
}
IRC_REG='NICK bot4242\r\nUSER bot 0 * :x\r\nJOIN #c2chan key\r\n'

c2g_check "config set proto-mismatch on, irc on" \
	c2g_ctl "$GW" config set proto-mismatch on irc on
[ "$(c2g_cfg "$GW" tls_ports | jq -c .)" = "[443,8443,465,993,995]" ] &&
	[ "$(c2g_cfg "$GW" http_ports | jq -c .)" = "[80,8080]" ]
c2g_result $? "the default TLS and HTTP ports" "$(c2g_config_json "$GW")"

# ---------------------------------------------------------------------------
# real clients: no alert

before=$(c2g_status_json "$GW")
ok=0
for i in $(seq 10); do
	c2g_https "$CLI" www.example $SRV4 && ok=$((ok + 1))
	c2g_http "$CLI" www.example $SRV4 && ok=$((ok + 1))
	c2g_dig "$CLI" "$SRV4" www.example && ok=$((ok + 1))
done
for i in 1 2; do
	c2g_curl "$CLI" "http://$SRV4/" --http2-prior-knowledge
done
for i in $(seq 5); do
	ossl ossl$i.example
done
# python's http.client: ten connections, HTTP and HTTPS
out=$(ip netns exec "$CLI" "$PYTHON" - "$SRV4" <<'EOF' 2>&1
import http.client, ssl, sys
ctx = ssl._create_unverified_context()
n = 0
for i in range(5):
    for c in (http.client.HTTPConnection(sys.argv[1], 80, timeout=10),
              http.client.HTTPSConnection(sys.argv[1], 443, timeout=10,
                                          context=ctx)):
        c.request("GET", "/", headers={"Host": "py.example"})
        n += c.getresponse().status == 200
        c.close()
print(n)
EOF
)
[ "$out" = 10 ]
c2g_result $? "python http.client: 10 answers" "$out"
# git over https (libcurl with GnuTLS): it asks, gets no repository
for i in 1 2 3; do
	ip netns exec "$CLI" env GIT_SSL_NO_VERIFY=1 HOME="$C2G_TMP" timeout 20 \
		git ls-remote "https://$SRV4/repo.git" >/dev/null 2>&1
done
# apt over http: its http method fetches an index that is not one
mkdir -p "$C2G_TMP/apt/lists/partial" "$C2G_TMP/apt/cache/archives/partial"
echo "deb [trusted=yes] http://$SRV4/debian bookworm main" >"$C2G_TMP/apt/sources.list"
ip netns exec "$CLI" timeout 60 apt-get -q update \
	-o Dir::Etc::SourceList="$C2G_TMP/apt/sources.list" \
	-o Dir::Etc::SourceParts=/nonexistent -o Dir::State::Lists="$C2G_TMP/apt/lists" \
	-o Dir::Cache="$C2G_TMP/apt/cache" -o Debug::NoLocking=1 \
	-o APT::Sandbox::User=root -o Acquire::Retries=0 >/dev/null 2>&1
c2g_run_later $M "$GW" "$CLI"
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
[ "$ok" -eq 30 ]
c2g_result $? "real clients: curl and dig all answered ($ok of 30)"
n=$(grep -c "host=ossl[1-5].example" "$C2G_TMP/web.log")
[ "$n" -eq 5 ]
c2g_result $? "real clients: openssl s_client's 5 requests served ($n)"
grep -q "host=$SRV4" "$C2G_TMP/web.log"
c2g_result $? "real clients: git and apt reached the server"
n=$(($(c2g_alert_count $M reason=proto-mismatch) + $(c2g_alert_count $M reason=irc)))
c2g_delta_is "real clients: at least 50 flows" flows -ge 50
[ "$n" -eq 0 ]
c2g_result $? "real clients: no alert over ${C2G_DELTA[flows]} flows ($n)" \
	"$(c2g_alerts $M reason=proto-mismatch | head -n 3)"
c2g_delta_is "real clients: proto_mismatch_alerts did not move" proto_mismatch_alerts -eq 0
c2g_delta_is "real clients: irc_alerts did not move" irc_alerts -eq 0

# ---------------------------------------------------------------------------
# fake TLS on 443, as Kraken sends it

before=$(c2g_status_json "$GW")
send TCP $SRV4 $C2G_TLS_PORT
lp_fake=$C2G_LPORT
send TCP6 "[$SRV6]" $C2G_TLS_PORT
lp_fake6=$C2G_LPORT
send TCP $SRV4 $OFF
lp_off=$C2G_LPORT
# a TLS record header alone, the hello to follow: could be TLS, no alert
send TCP $SRV4 $C2G_TLS_PORT '\x16\x03\x01'
lp_hdr=$C2G_LPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "fake tls: proto_mismatch_alerts counts 2" proto_mismatch_alerts -eq 2
c2g_later c2g_alert_match "fake tls: fields" $M sport=$lp_fake -- reason=proto-mismatch \
	expected=tls seen=unknown action=alert proto=tcp daddr=$SRV4 \
	dport=$C2G_TLS_PORT
c2g_later c2g_alert_match "fake tls, IPv6: fields" $M sport=$lp_fake6 -- \
	reason=proto-mismatch expected=tls family=inet6
c2g_later c2g_alert_exactly "fake tls to a port on no list: no alert" $M 0 sport=$lp_off
c2g_later c2g_alert_exactly "a TLS record header alone: no alert" $M 0 sport=$lp_hdr

c2g_check "config set proto-mismatch-action drop" \
	c2g_ctl "$GW" config set proto-mismatch-action drop
r0=$(rest)
send TCP $SRV4 $C2G_TLS_PORT '\xa7 fake TLS, dropped'
lp_drop=$C2G_LPORT
r1=$(rest)
[ $((r1 - r0)) -eq 0 ]
c2g_result $? "fake tls, drop: nothing after the handshake reached the server ($((r1 - r0)))"
c2g_later c2g_alert_match "fake tls, drop: fields" $M sport=$lp_drop -- \
	reason=proto-mismatch action=drop
c2g_expect "fake tls, drop: curl still works" ok c2g_https "$CLI" www.example $SRV4
c2g_check "config set proto-mismatch-action alert" \
	c2g_ctl "$GW" config set proto-mismatch-action alert

# ---------------------------------------------------------------------------
# the HTTP port and the DNS port

send TCP $SRV4 $C2G_HTTP_PORT 'SSH-2.0-OpenSSH_9.2\r\n'
lp_ssh=$C2G_LPORT
c2g_web_lport
c2g_curl "$CLI" "https://$SRV4:$C2G_HTTP_PORT/" --local-port $C2G_LPORT
lp_tls80=$C2G_LPORT
send UDP $SRV4 $C2G_DNS_PORT 'not a DNS query, no'
lp_dns=$C2G_LPORT
send UDP $SRV4 $C2G_DNS_PORT 'x'
lp_dns1=$C2G_LPORT
c2g_later c2g_alert_match "http port, ssh banner: fields" $M sport=$lp_ssh -- \
	reason=proto-mismatch expected=http seen=ssh dport=$C2G_HTTP_PORT
c2g_later c2g_alert_match "http port, a ClientHello: fields" $M sport=$lp_tls80 -- \
	reason=proto-mismatch expected=http seen=tls
c2g_later c2g_alert_match "dns port: fields" $M sport=$lp_dns -- \
	reason=proto-mismatch expected=dns seen=unknown proto=udp dport=$C2G_DNS_PORT
c2g_later c2g_alert_match "dns port, one byte: fields" $M sport=$lp_dns1 -- \
	reason=proto-mismatch expected=dns seen=short

# ---------------------------------------------------------------------------
# IRC

c2g_check "config set irc-action drop" c2g_ctl "$GW" config set irc-action drop
before=$(c2g_status_json "$GW")
send TCP $SRV4 $IRC "$IRC_REG"
lp_irc=$C2G_LPORT
send TCP $SRV4 $C2G_TLS_PORT "$IRC_REG"
lp_irc443=$C2G_LPORT
send TCP6 "[$SRV6]" $IRC 'PASS hunter2\r\nNICK zombie-7\r\nUSER z 8 * :z\r\n'
lp_irc6=$C2G_LPORT
c2g_web_lport
c2g_curl "$CLI" "http://$SRV4:$IRC/" --local-port $C2G_LPORT
lp_http_irc=$C2G_LPORT
c2g_expect "irc on: curl https on 443 works" ok c2g_https "$CLI" www.example $SRV4
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "irc: irc_alerts counts 3" irc_alerts -eq 3
c2g_delta_is "irc: no proto-mismatch for the registration on 443" proto_mismatch_alerts -eq 0
c2g_later c2g_alert_match "irc on $IRC: fields" $M sport=$lp_irc -- reason=irc \
	nick=bot4242 channel=#c2chan irc_port=true action=alert dport=$IRC
c2g_later c2g_alert_match "irc on 443: fields" $M sport=$lp_irc443 -- reason=irc \
	nick=bot4242 channel=#c2chan irc_port=false action=drop dport=$C2G_TLS_PORT
c2g_later c2g_alert_match "irc, IPv6, PASS first, no JOIN: fields" $M sport=$lp_irc6 -- \
	reason=irc nick=zombie-7 family=inet6
c2g_later c2g_alert_exactly "irc: one alert for the registration on 443" $M 1 sport=$lp_irc443
c2g_later c2g_alert_exactly "irc: no alert for curl on $IRC" $M 0 sport=$lp_http_irc

# ---------------------------------------------------------------------------
# settings

c2g_check "config set tls-ports 8443" c2g_ctl "$GW" config set tls-ports 8443
[ "$(c2g_cfg "$GW" tls_ports | jq -c .)" = "[8443]" ]
c2g_result $? "tls-ports replaced"
send TCP $SRV4 $C2G_TLS_PORT
lp_notls=$C2G_LPORT
c2g_later c2g_alert_exactly "443 off the list: no alert" $M 0 sport=$lp_notls
c2g_check_fail "tls-ports 0 refused" c2g_ctl "$GW" config set tls-ports 0
c2g_check_fail "tls-ports with a port twice refused" c2g_ctl "$GW" config set tls-ports 443,443
c2g_check_fail "proto-mismatch-action allow refused" \
	c2g_ctl "$GW" config set proto-mismatch-action allow
c2g_check "config set proto-mismatch off irc off tls-ports 443" \
	c2g_ctl "$GW" config set proto-mismatch off irc off tls-ports 443
before=$(c2g_status_json "$GW")
send TCP $SRV4 $C2G_TLS_PORT
send TCP $SRV4 $IRC "$IRC_REG"
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "off: no proto-mismatch alert" proto_mismatch_alerts -eq 0
c2g_delta_is "off: no irc alert" irc_alerts -eq 0

c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M
c2g_finish
