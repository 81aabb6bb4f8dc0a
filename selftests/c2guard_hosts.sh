#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Per-host evidence and risk (issue 14, part 2).  CLI brings three weak
# signals, each far under its own threshold and under host-threshold:
#   indicator    a flow to an address listed with action alert (40)
#   beacon-near  a periodic caller whose channel scores within 15 points
#                under beacon-threshold, and never reaches it (35)
#   dyndns       a name asked under a dynamic-DNS zone (30)
# One alone, and two, raise no host-risk alert; the three together do
# (105 >= 100), listing the evidence; "hosts" shows all of it (text and
# JSON), the same evidence seen again adds nothing, one weak kind however
# often stays under the threshold (five dynamic-DNS names from CLI's IPv6
# address), host-action quarantine quarantines the host end to end,
# hosts-max bounds the table and keeps the riskiest, hosts-max 0 forgets
# them, and the settings refuse what they must.  The monitor's probes go
# out from the gateway itself, so they are evidence about the gateway's own
# address, not about CLI.

source "$(dirname "$0")/lib.sh"

c2g_require_python
c2g_gw_setup host-risk

TRAFFIC=$C2G_SELFTEST_DIR/beacon_traffic.py
M=gw
WEAK4=$SRV4_B			# listed with action alert
WEAK4B=$SRV4_HI			# another, for the quarantine
DYN=c2-k7x9.duckdns.org		# under the dynamic-DNS zone duckdns.org

c2g_dns_setup c2.listed.example \
	--host-record=c2.listed.example,$SRV4_OUT,0 \
	--host-record=$DYN,$SRV4,0 \
	--host-record=a1.duckdns.org,$SRV4,0
c2g_serve_tcp "$SRV" || c2g_skip_all "echo server did not start"
c2g_mon_ready $M "$GW" "$GW"

# hosts_json [ADDR]: "c2ctl hosts -j [ADDR]"
hosts_json()
{
	c2g_ctl "$GW" hosts -j "$@"
}

# host_get ADDR JQ: JQ of ADDR's entry in "hosts -j" ("null" if none)
host_get()
{
	hosts_json | jq -c --arg a "$1" ".[] | select(.addr == \$a) | $2"
}

# risk_alerts ADDR: host-risk alerts printed about ADDR
risk_alerts()
{
	jq -R -s --arg a "$1" '[split("\n")[] | fromjson? |
		select(.reason == "host-risk" and .host.addr == $a)] | length' \
		"$C2G_TMP/mon.$M"
}

# ---------------------------------------------------------------------------
# settings

cfg=$(c2g_config_json "$GW")
[ "$(jq -c '[.host_threshold, .host_action, .host_half_life, .hosts_max]' \
	<<<"$cfg")" = '[100,"alert",3600,4096]' ]
c2g_result $? "defaults: host-threshold 100, host-action alert, half-life 3600 s, hosts-max 4096" "$cfg"
out=$(c2g_ctl "$GW" config set host-action drop 2>&1)
[ $? -ne 0 ] && grep -q "kernel: host-action is alert or quarantine" <<<"$out"
c2g_result $? "host-action drop refused, by the kernel" "$out"
c2g_check_fail "host-threshold 10001 refused" \
	c2g_ctl "$GW" config set host-threshold 10001
c2g_check_fail "host-half-life 59 refused" \
	c2g_ctl "$GW" config set host-half-life 59
[ "$(c2g_config_json "$GW")" = "$cfg" ]
c2g_result $? "refused settings changed nothing"
[ -z "$(host_get $CLI4 .addr)" ]
c2g_result $? "nothing known of $CLI4 yet" "$(hosts_json)"
c2g_check_fail "hosts $CLI4: unknown (exit 1)" c2g_ctl "$GW" hosts $CLI4
# a week's half-life: the figures below are exact (the decay is
# test_risk's, selftests/unit)
c2g_check "host-half-life 604800" c2g_ctl "$GW" config set host-half-life 604800

# ---------------------------------------------------------------------------
# 1. an alert-only indicator: 40

c2g_add $WEAK4 action alert tag weak
c2g_add c2.listed.example action alert tag names	# DNS names are read
C2G_SPORT=43001 c2g_expect "indicator: the flow to $WEAK4 passes (alert)" ok \
	c2g_tcp "$CLI" $WEAK4 $C2G_TCP_PORT
h=$(host_get $CLI4 .)
[ "$(jq -c '[.risk, .risk_alerts, .quarantined, .alerts.ip]' <<<"$h")" = \
	'[40,0,false,1]' ] &&
	[ "$(jq -c '.evidence[0] | [.kind, .reason, .addr, .tag, .weight, .count]' \
		<<<"$h")" = "[\"alert\",\"ip\",\"$WEAK4\",\"weak\",40,1]" ]
c2g_result $? "indicator: $CLI4 risk 40, its evidence: alert ip $WEAK4 tag weak weight 40" "$h"
C2G_SPORT=43002 c2g_expect "indicator: again, a new flow" ok \
	c2g_tcp "$CLI" $WEAK4 $C2G_TCP_PORT
h=$(host_get $CLI4 .)
[ "$(jq -c '[.risk, .alerts.ip, (.evidence | length), .evidence[0].count, .evidence[0].weight]' \
	<<<"$h")" = '[40,2,1,2,40]' ]
c2g_result $? "indicator: the same evidence again counts, adds no risk" "$h"
[ "$(risk_alerts $CLI4)" = 0 ]
c2g_result $? "indicator alone: no host-risk alert"

# ---------------------------------------------------------------------------
# 2. beacon-near: a caller every 300 ms, window 32, threshold 90.  Its
# score is at most 100 * gaps / 16 (docs/beacon-score.md: the count
# sub-score); 75 (near) comes at 12 to 14 gaps, 90 needs 15 perfect gaps
# and the caller makes 14 at most.

c2g_check "beacon on, window 32, threshold 90" c2g_ctl "$GW" config set \
	beacon on beacon-retry 100 beacon-idle 100 beacon-min-gaps 4 \
	beacon-window 32 beacon-threshold 90
ip netns exec "$CLI" "$PYTHON" "$TRAFFIC" tcp $SRV4 $C2G_TCP_PORT \
	--dist fixed --mean 300 --count 15 --timeout 1 \
	--log "$C2G_TMP/near.log" --stop "$C2G_TMP/near.stop" \
	</dev/null >/dev/null 2>&1 &
near_pid=$!
c2g_track_pid $near_pid
# shellcheck disable=SC2317  # called by busywait
near_seen()
{
	[ "$(host_get $CLI4 '[.evidence[] | select(.kind == "beacon-near")] | length')" = 1 ]
}
busywait $((30000 * C2G_SLOW)) near_seen
c2g_result $? "beacon-near: evidence about $CLI4" "$(hosts_json)" \
	"$(c2g_ctl "$GW" beacons -j all)"
: >"$C2G_TMP/near.stop"
wait $near_pid 2>/dev/null
h=$(host_get $CLI4 .)
ev=$(jq -c '.evidence[] | select(.kind == "beacon-near")' <<<"$h")
sc=$(jq '.score' <<<"$ev")
[ "$(jq -c '[.addr, .port, .proto, .weight]' <<<"$ev")" = \
	"[\"$SRV4\",$C2G_TCP_PORT,\"tcp\",35]" ] && [ "$sc" -ge 75 ] &&
	[ "$sc" -lt 90 ] && [ "$(jq '.risk' <<<"$h")" = 75 ] &&
	[ "$(jq '.beacon_near' <<<"$h")" = 1 ]
c2g_result $? "beacon-near: $SRV4:$C2G_TCP_PORT/tcp scored $sc (75..89), weight 35, risk 75" "$h"
[ "$(jq '.alerts.beacon // 0' <<<"$h")" = 0 ] && [ "$(risk_alerts $CLI4)" = 0 ]
c2g_result $? "two weak signals: no beacon alert, no host-risk alert" "$h"
c2g_check "beacon off" c2g_ctl "$GW" config set beacon off

# ---------------------------------------------------------------------------
# 3. a dynamic-DNS name: 30, and the host crosses 100

c2g_now
t0=$C2G_NOW_MS
C2G_SPORT=43003 c2g_dig "$CLI" $SRV4 $DYN
c2g_wait_alert $((10000 * C2G_SLOW)) $M reason=host-risk saddr=$CLI4
c2g_result $? "three weak signals: a host-risk alert about $CLI4" \
	"$(tail -n 3 "$C2G_TMP/mon.$M")"
a=$(jq -R -s -c '[split("\n")[] | fromjson? | select(.reason == "host-risk")] | last' \
	"$C2G_TMP/mon.$M")
[ "$(jq -c '[.action, .saddr, .host.addr, .host.risk, .host.risk_alerts,
	[.host.evidence[].kind], [.host.evidence[] | .reason // .name // .addr]]' <<<"$a")" = \
	"[\"alert\",\"$CLI4\",\"$CLI4\",105,1,[\"alert\",\"beacon-near\",\"dyndns\"],[\"ip\",\"$SRV4\",\"$DYN\"]]" ]
c2g_result $? "the alert: action alert, risk 105, its three pieces of evidence" "$a"
h=$(host_get $CLI4 .)
[ "$(jq -c '[.risk, .risk_alerts, .dyndns, (.evidence | length), .quarantined]' \
	<<<"$h")" = '[105,1,1,3,false]' ]
c2g_result $? "hosts: $CLI4 risk 105, one host-risk alert, not quarantined" "$h"
out=$(c2g_ctl "$GW" hosts $CLI4)
grep -q "^$CLI4 risk 105 risk-alerts 1 first .* last .* counts ip 2 beacon-near 1 dyndns 1$" <<<"$out" &&
	grep -q "^$CLI4 evidence ip addr $WEAK4 tag weak weight 40 count 2 first " <<<"$out" &&
	grep -q "^$CLI4 evidence beacon-near addr $SRV4 port $C2G_TCP_PORT proto tcp score $sc weight 35 count 1 " <<<"$out" &&
	grep -q "^$CLI4 evidence dyndns name $DYN weight 30 count 1 " <<<"$out" &&
	[ "$(wc -l <<<"$out")" = 4 ]
c2g_result $? "hosts $CLI4 (text)" "$out"
C2G_SPORT=43004 c2g_dig "$CLI" $SRV4 $DYN
[ "$(host_get $CLI4 '[.dyndns, .risk_alerts]')" = '[2,1]' ]
c2g_result $? "more evidence while over the threshold: counted, no second alert" \
	"$(host_get $CLI4 .)"

# one weak kind, however often: five names from CLI's IPv6 address
for i in 1 2 3 4 5; do
	C2G_SPORT=$((43010 + i)) c2g_dig "$CLI" $SRV6 c2-n$i.duckdns.org
done
h=$(host_get $CLI6 .)
[ "$(jq -c '[.risk, .dyndns, (.evidence | length), ([.evidence[].weight] | add)]' \
	<<<"$h")" = '[30,5,5,30]' ] && [ "$(risk_alerts $CLI6)" = 0 ]
c2g_result $? "five dynamic-DNS names from $CLI6: risk 30 (the kind's cap), no alert" "$h"

# ---------------------------------------------------------------------------
# status and memory

st=$(c2g_status_json "$GW")
n=$(c2g_jget "$st" hosts)
mem=$(c2g_jget "$st" hosts_mem)
c2g_info "hosts: $n tracked (CLI4, CLI6, the gateway's probes), hosts_mem $mem bytes, $((mem / n)) per host"
[ "$n" -ge 2 ] && [ "$mem" -gt $((n * 512)) ] &&
	[ "$(c2g_jget "$st" host_risk_alerts)" = 1 ]
c2g_result $? "status: hosts, hosts_mem, host_risk_alerts" "$st"

# ---------------------------------------------------------------------------
# hosts-max bounds the table; the riskiest stays

c2g_check "hosts-max 1" c2g_ctl "$GW" config set hosts-max 1
[ "$(hosts_json | jq -c '[.[].addr]')" = "[\"$CLI4\"]" ]
c2g_result $? "hosts-max 1: only $CLI4 (the riskiest) kept" "$(hosts_json)"
st=$(c2g_status_json "$GW")
[ "$(c2g_jget "$st" hosts)" = 1 ] && [ "$(c2g_jget "$st" hosts_evicted)" -ge 1 ]
c2g_result $? "status: 1 host, hosts_evicted counted" "$st"
c2g_check "hosts-max 0" c2g_ctl "$GW" config set hosts-max 0
[ "$(hosts_json)" = "[]" ] && [ "$(c2g_stat "$GW" hosts)" = 0 ] &&
	[ "$(c2g_stat "$GW" hosts_mem)" = 0 ]
c2g_result $? "hosts-max 0: every host forgotten, no memory held" "$(hosts_json)"
C2G_SPORT=43005 c2g_expect "hosts-max 0: a flow to $WEAK4" ok \
	c2g_tcp "$CLI" $WEAK4 $C2G_TCP_PORT
[ "$(hosts_json)" = "[]" ]
c2g_result $? "hosts-max 0: no evidence kept" "$(hosts_json)"

# ---------------------------------------------------------------------------
# host-action quarantine: two alert-only indicators (80, the kind's cap)
# and a dynamic-DNS name (30)

c2g_check "host-action quarantine, hosts-max 4096" c2g_ctl "$GW" config set \
	host-action quarantine hosts-max 4096
c2g_add $WEAK4B action alert tag weak
C2G_SPORT=43006 c2g_expect "quarantine: a flow to $WEAK4" ok \
	c2g_tcp "$CLI" $WEAK4 $C2G_TCP_PORT
C2G_SPORT=43007 c2g_expect "quarantine: a flow to $WEAK4B" ok \
	c2g_tcp "$CLI" $WEAK4B $C2G_TCP_PORT
[ "$(host_get $CLI4 '[.risk, .quarantined]')" = '[80,false]' ]
c2g_result $? "quarantine: two indicators, risk 80, not quarantined" \
	"$(host_get $CLI4 .)"
C2G_SPORT=43008 c2g_dig "$CLI" $SRV4 a1.duckdns.org
# shellcheck disable=SC2317  # called by busywait
quarantined()
{
	[ "$(c2g_stat "$GW" quarantined)" = 1 ]
}
busywait $((10000 * C2G_SLOW)) quarantined
h=$(host_get $CLI4 .)
[ "$(jq -c '[.quarantined, .reason, .risk, .risk_alerts]' <<<"$h")" = \
	'[true,"host-risk",110,1]' ] && [ "$(jq '.alert_seq' <<<"$h")" -gt 0 ]
c2g_result $? "quarantine: $CLI4 quarantined by host-risk, risk 110" "$h"
out=$(c2g_ctl "$GW" hosts $CLI4)
[[ $out == "$CLI4 quarantine since "*" expires never reason host-risk alert "*" drops "*$'\n'"$CLI4 risk 110 risk-alerts 1 "* ]]
c2g_result $? "quarantine: hosts $CLI4 (text) says why" "$out"
C2G_SPORT=43009 c2g_expect_fast "quarantine: $CLI4 cut off" refused \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT 1
c2g_later c2g_alert_match "quarantine: the host-risk alert, action quarantine" \
	$M reason=host-risk saddr=$CLI4 -- action=quarantine
c2g_check "host release $CLI4" c2g_ctl "$GW" host release $CLI4
C2G_SPORT=43020 c2g_expect "released: TCP to $SRV4 works" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
c2g_check "host-action alert" c2g_ctl "$GW" config set host-action alert

# ---------------------------------------------------------------------------
# 6. each reason is counted under its own name, the reasons after host-risk
# too (their counts once landed in beacon-near's and past the end): a
# proto-mismatch from CLI's IPv6 address (junk to the HTTP port)

c2g_check "proto-mismatch on" c2g_ctl "$GW" config set proto-mismatch on
near0=$(host_get $CLI6 '.beacon_near')
near0=${near0:-0}		# no entry yet: none
printf '\xa7c2g-junk' |
	ip netns exec "$CLI" socat -t 1 -T 3 - \
		"TCP6:[$SRV6]:$C2G_TCP_PORT,sourceport=43030" >/dev/null 2>&1
c2g_wait_alert $((10000 * C2G_SLOW)) $M reason=proto-mismatch saddr=$CLI6 sport=43030
c2g_result $? "proto-mismatch from $CLI6: alerted"
h=$(host_get $CLI6 .)
[ "$(jq -c '[.alerts["proto-mismatch"], (.beacon_near // 0)]' <<<"$h")" = "[1,$near0]" ] &&
	[ "$(jq -c '[.evidence[] | select(.kind == "alert" and .reason == "proto-mismatch")] | length' \
		<<<"$h")" = 1 ]
c2g_result $? "host $CLI6: counted as proto-mismatch, nowhere else" "$h"
c2g_check "proto-mismatch off" c2g_ctl "$GW" config set proto-mismatch off

c2g_check "flush" c2g_ctl "$GW" flush
c2g_run_later $M "$GW" "$GW"
c2g_mon_alive $M

c2g_finish
