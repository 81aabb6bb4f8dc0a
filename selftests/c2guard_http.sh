#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Domain indicators in the HTTP Host (issue 3): a python HTTP server in the
# server netns, curl in the client netns, c2guard on the gateway.
#   Host             caught on 80, with a port on 8081, in an absolute-form
#                    request target (whatever the Host says), over IPv6;
#                    not for notevil.example
#   reject, drop     the connection is reset / stalls; the server never
#                    sees the request
#   allowlist        an allow entry lets a listed name through
#   old flows        a connection opened before the first name indicator is
#                    either examined or counted in nolabels
#   URL              a URL indicator drops its path and what is under it,
#                    not the rest of the host; with a query, that query
#                    only; an IPv4 host; over IPv6; the more specific URL
#                    decides over its listed host, an allowed URL wins
# plus alert fields (reason http-host, the name), one alert per
# connection, hits and status counters (http_host).  TLS: c2guard_tls.sh.

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools curl openssl
c2g_gw_setup domain allow
c2g_web_setup http:$C2G_HTTP_PORT http:$C2G_HTTP_PORT2

# A connection opened before the first name indicator: sends its request
# when told to (see "old flows" below).
mkfifo "$C2G_TMP/old.go"
# shellcheck disable=SC2317  # runs in the client netns, via declare -f
old_flow()
{
	exec 3<>"/dev/tcp/$1/$2" || exit 3
	: >"$3.up"
	read -r -t 120 _ <"$3" || exit 4
	printf 'GET / HTTP/1.0\r\nHost: old.evil.example\r\n\r\n' >&3
	read -r -t "$4" l <&3 || exit 5
	[[ $l == HTTP/1.* ]] || exit 6
	exit 0
}
ip netns exec "$CLI" timeout $((150 * C2G_SLOW)) bash -c \
	"$(declare -f old_flow); old_flow \"\$@\"" old $SRV4 $C2G_HTTP_PORT \
	"$C2G_TMP/old.go" "$C2G_CONN_TIMEOUT" &
old_pid=$!
c2g_track_pid $old_pid
busywait "$C2G_WAIT_MS" test -e "$C2G_TMP/old.go.up"
old_up=$?

M=gw
c2g_mon_ready $M "$GW" "$CLI"

# http DESC RESULT NAME ADDR [PORT [CURL_OPTION...]]
http()
{
	c2g_web_expect "$1" "$2" http "${@:3}"
}

# ---------------------------------------------------------------------------
# HTTP Host

c2g_add '*.evil.example' action alert tag web
before=$(c2g_status_json "$GW")
http "http 80: request works" ok h.evil.example $SRV4
lp_h=$C2G_LPORT
http "http 8081, Host with port: request works" ok hp.evil.example $SRV4 \
	$C2G_HTTP_PORT2
lp_hp=$C2G_LPORT
http "http ipv6: request works" ok h6.evil.example $SRV6
lp_h6=$C2G_LPORT
c2g_web_lport
c2g_expect "http absolute-form target, innocent Host: request works" ok \
	c2g_curl "$CLI" http://abs.evil.example/ -x "http://$SRV4:$C2G_HTTP_PORT" \
	-H 'Host: innocent.example' --local-port $C2G_LPORT
lp_abs=$C2G_LPORT
http "http: notevil.example works" ok notevil.example $SRV4
lp_nh=$C2G_LPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_later c2g_alert_exactly "http 80: one alert for the connection" $M 1 sport=$lp_h
c2g_later c2g_alert_match "http 80: alert fields" $M sport=$lp_h -- reason=http-host \
	name=h.evil.example action=alert tag=web proto=tcp daddr=$SRV4 \
	dport=$C2G_HTTP_PORT
c2g_later c2g_alert_match "http 8081: port stripped from the name" $M sport=$lp_hp -- \
	reason=http-host name=hp.evil.example dport=$C2G_HTTP_PORT2
c2g_later c2g_alert_match "http ipv6: alert fields" $M sport=$lp_h6 -- reason=http-host \
	name=h6.evil.example family=inet6
c2g_later c2g_alert_match "http absolute-form: caught by the target's host" $M \
	sport=$lp_abs -- reason=http-host name=abs.evil.example
c2g_later c2g_alert_exactly "http: no alert for notevil.example" $M 0 sport=$lp_nh
c2g_delta_is "http: http_host counts 5 hosts" http_host -ge 5

c2g_replace '*.evil.example' reject tag web
http "http reject: connection reset" reset hr.evil.example $SRV4
c2g_was_fast "http reject: reset comes fast"
http "http reject ipv6: connection reset" reset hr6.evil.example $SRV6
! c2g_web_seen hr.evil.example && ! c2g_web_seen hr6.evil.example
c2g_result $? "http reject: the server never got the request"
c2g_replace '*.evil.example' drop tag web
http "http drop: request times out" timeout hd.evil.example $SRV4 \
	$C2G_HTTP_PORT2
lp_hd=$C2G_LPORT
! c2g_web_seen hd.evil.example
c2g_result $? "http drop: the server never got the request"
http "http drop: notevil.example still works" ok notevil.example $SRV4
c2g_later c2g_alert_match "http drop: alert fields" $M sport=$lp_hd -- \
	reason=http-host name=hd.evil.example action=drop

# ---------------------------------------------------------------------------
# allowlist

c2g_replace '*.evil.example' reject tag web
c2g_add ok.evil.example action allow tag allow
before=$(c2g_status_json "$GW")
http "allow: ok.evil.example works" ok ok.evil.example $SRV4
lp_ok1=$C2G_LPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "allow: allowed moved" allowed -ge 1
http "allow: other names still reset" reset no.evil.example $SRV4
c2g_later c2g_alert_exactly "allow: no alert for ok.evil.example" $M 0 sport=$lp_ok1
c2g_check "del ok.evil.example" c2g_ctl "$GW" del ok.evil.example

# ---------------------------------------------------------------------------
# hits: every connection the suffix caught

c2g_run_later $M "$GW" "$CLI"
n=$(c2g_alert_count $M tag=web)
h=$(c2g_name_get "$GW" '*.evil.example' hits)
[ "$h" = "$n" ] && [ "$n" -ge 7 ]
c2g_result $? "hits of *.evil.example = connections alerted ($h, $n alerts)"

# ---------------------------------------------------------------------------
# a flow opened before the first name indicator (still action reject)

if [ $old_up = 0 ]; then
	before=$(c2g_status_json "$GW")
	echo go 1<>"$C2G_TMP/old.go"
	wait $old_pid
	rc=$?
	after=$(c2g_status_json "$GW")
	c2g_fence $M "$GW" "$CLI"
	if [ "$(c2g_alert_count $M name=old.evil.example)" -ge 1 ]; then
		[ $rc != 0 ]
		c2g_result $? "old flow: examined and rejected (rc $rc)"
	else
		# Documented: such a flow carries no label, so nothing tells
		# its first payload from a later one; it is neither examined
		# nor counted (nolabels counts new flows without labels).
		[ $rc = 0 ] && [ "$(c2g_stat_delta "$before" "$after" nolabels)" = 0 ]
		c2g_result $? "old flow: passes unexamined, as documented (rc $rc)" \
			"nolabels moved by $(c2g_stat_delta "$before" "$after" nolabels)"
	fi
else
	c2g_fail "old flow: connection set up"
fi

c2g_check "flush" c2g_ctl "$GW" flush
http "after flush: h.evil.example works" ok h.evil.example $SRV4

# ---------------------------------------------------------------------------
# URL indicators: one URL on a shared host, not the host

# get DESC RESULT NAME ADDR PATH: GET http://NAME/PATH from a port of its own
get()
{
	local a=$4
	case $a in *:*) a="[$a]" ;; esac
	c2g_web_lport
	c2g_expect "$1" "$2" c2g_curl "$CLI" "http://$3$5" \
		--resolve "$3:$C2G_HTTP_PORT:$a" --local-port "$C2G_LPORT"
}
# served NAME PATH: the server answered a request for PATH on NAME
served()
{
	awk -v h="host=$1" -v p="path=$2" '$3 == h && $5 == p { f = 1 }
		END { exit !f }' "$C2G_TMP/web.log"
}

c2g_add url http://shared.example/bad/path action drop tag url
c2g_add url "http://shared.example/gate.php?id=7" action drop tag url
c2g_add url "http://$SRV4/x.sh" action drop tag url
before=$(c2g_status_json "$GW")
get "url: the listed path times out" timeout shared.example $SRV4 /bad/path
lp_u1=$C2G_LPORT
get "url: a path under it with a query times out" timeout shared.example $SRV4 \
	"/bad/path/deeper/x.exe?session=3"
lp_u2=$C2G_LPORT
get "url: another path on the same host works" ok shared.example $SRV4 /good
get "url: a longer name, not under it (/bad/pathology), works" ok \
	shared.example $SRV4 /bad/pathology
get "url: the listed query times out" timeout shared.example $SRV4 \
	"/gate.php?id=7"
lp_q=$C2G_LPORT
get "url: another query works" ok shared.example $SRV4 "/gate.php?id=8"
get "url: an IPv4 host's listed path times out" timeout $SRV4 $SRV4 /x.sh
lp_ip=$C2G_LPORT
get "url, IPv6: the listed path times out" timeout shared.example $SRV6 /bad/path
after=$(c2g_status_json "$GW")
! served shared.example /bad/path && ! served shared.example "/gate.php?id=7" &&
	served shared.example /good && served shared.example "/gate.php?id=8"
c2g_result $? "url: the server got the other requests only"
[ "$(jq -r .ind_urls <<<"$after")" = 3 ]
c2g_result $? "url: status ind_urls is 3"
c2g_later c2g_alert_match "url: alert fields" $M sport=$lp_u1 -- reason=http-url \
	name=shared.example url=shared.example/bad/path action=drop tag=url \
	daddr=$SRV4 dport=$C2G_HTTP_PORT dir=to-indicator
c2g_later c2g_alert_match "url, under it: what was asked for" $M sport=$lp_u2 -- \
	reason=http-url "url=shared.example/bad/path/deeper/x.exe?session=3"
c2g_later c2g_alert_match "url, query: fields" $M sport=$lp_q -- reason=http-url \
	"url=shared.example/gate.php?id=7"
c2g_later c2g_alert_match "url, IPv4 host: fields" $M sport=$lp_ip -- \
	reason=http-url name=$SRV4 url=$SRV4/x.sh
# the host listed too: the URL is the more specific, and an allowed one wins
c2g_add shared.example action drop tag host
c2g_add url http://shared.example/ok action allow tag url
get "url allowed on a listed host: works" ok shared.example $SRV4 /ok/page
get "url allowed on a listed host: other paths time out" timeout \
	shared.example $SRV4 /other
c2g_later c2g_alert_match "url, host listed: the host decides elsewhere" $M \
	sport=$C2G_LPORT -- reason=http-host name=shared.example
c2g_check "del url" c2g_ctl "$GW" del url http://shared.example/bad/path
c2g_check "del host" c2g_ctl "$GW" del shared.example
get "url deleted: the path works" ok shared.example $SRV4 /bad/path
c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M

c2g_finish
