#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Quarantine (issue 14): an inside host caught calling its C2 is cut off
# at once.  CLI keeps a TCP session and a UDP flow (one conntrack flow)
# open to SRV through the gateway, then opens a flow to an address listed
# with action quarantine:
#   at once      the trigger flow is refused; within 1 s the TCP session
#                is reset and the UDP flow stops
#   afterwards   new flows from CLI to any destination fail, an
#                allow-listed one included, and flows towards CLI too; a
#                host-allow destination still works both ways; "hosts"
#                shows why (reason, tag, the alert's seq); the counters
#   survives     a flush of the indicators and a feed replace
#   release      everything works again
#   IPv6         by hand; neighbour discovery passes, so a host-allow
#                destination stays reachable
#   refused      the gateway's own addresses, networks, loopback; a
#                release of a host not in quarantine; allow as a detector
#                action
#   time         quarantine-time (and "time S") end a quarantine by itself
#   beacon       beacon-action quarantine: a periodic caller's host is
#                quarantined with reason beacon
#   gateway      a flow the gateway itself opens to a quarantine-listed
#                address is rejected, and the gateway not quarantined
#   save         save and restore keep the host-allow list
# The monitor's probe address is a host-allow destination, so the probes
# that fence the alert checks still pass while CLI is in quarantine.

source "$(dirname "$0")/lib.sh"

c2g_require_python
c2g_require_cmd conntrack
c2g_gw_setup quarantine
c2g_echo_setup udp client

SESSION=$C2G_SELFTEST_DIR/session_traffic.py
TRAFFIC=$C2G_SELFTEST_DIR/beacon_traffic.py
M=gw

# quar_json: the hosts in quarantine ("hosts -j" lists every host with
# evidence: the monitor's probes are evidence about CLI)
quar_json()
{
	c2g_ctl "$GW" hosts -j | jq -c '[.[] | select(.quarantined)]'
}

c2g_check "host allow add $PROBE4 (the monitor's probes)" \
	c2g_ctl "$GW" host allow add $PROBE4
c2g_mon_ready $M "$GW" "$CLI"

# ---------------------------------------------------------------------------
# refused

for a in $GWC4 $GWS4 $GWC6 127.0.0.1 ::1 224.0.0.1 0.0.0.0; do
	c2g_check_fail "host quarantine $a refused" \
		c2g_ctl "$GW" host quarantine $a
done
out=$(c2g_ctl "$GW" host quarantine $GWC4 2>&1)
grep -q "kernel: .*never quarantined" <<<"$out"
c2g_result $? "the kernel says why" "$out"
c2g_check_fail "host quarantine of a network refused" \
	c2g_ctl "$GW" host quarantine 10.0.1.0/24
c2g_check_fail "host release of a host not in quarantine" \
	c2g_ctl "$GW" host release $CLI4
c2g_check_fail "beacon-action allow refused" \
	c2g_ctl "$GW" config set beacon-action allow
[ "$(c2g_stat "$GW" quarantined)" = 0 ] &&
	[ "$(quar_json)" = "[]" ]
c2g_result $? "nothing in quarantine" "$(quar_json)"

# ---------------------------------------------------------------------------
# the session, then the trigger

c2g_add $SRV4_B action quarantine tag c2
c2g_add $SRV4_HI action allow tag trusted
c2g_check "host allow add $SRV4_OUT" c2g_ctl "$GW" host allow add $SRV4_OUT
out=$(c2g_ctl "$GW" host allow list)
grep -qx "$SRV4_OUT/32" <<<"$out" && grep -qx "$PROBE4/32" <<<"$out"
c2g_result $? "host allow list" "$out"

LOG=$C2G_TMP/session.log
: >"$LOG"
ip netns exec "$CLI" "$PYTHON" "$SESSION" $SRV4 $C2G_TCP_PORT $C2G_UDP_PORT \
	--log "$LOG" --stop "$C2G_TMP/session.stop" \
	</dev/null >/dev/null 2>"$C2G_TMP/session.err" &
c2g_track_pid $!
# shellcheck disable=SC2317  # called by busywait
session_up()
{
	grep -q " tcp ok" "$LOG" && grep -q " udp ok" "$LOG"
}
busywait "$C2G_WAIT_MS" session_up ||
	c2g_skip_all "the session did not start" "$(cat "$C2G_TMP/session.err")"
# the server's end of the session: an established socket on SRV
# shellcheck disable=SC2317  # called by busywait
srv_session_gone()
{
	[ -z "$(ip netns exec "$SRV" ss -Htn state established \
		"( sport = :$C2G_TCP_PORT )" dst $CLI4)" ]
}
! srv_session_gone
c2g_result $? "session: TCP and UDP flows to $SRV4 talking" \
	"$(ip netns exec "$SRV" ss -tn)"

st0=$(c2g_status_json "$GW")
c2g_now
t0=$C2G_NOW_MS
C2G_SPORT=42001 c2g_expect "trigger: the flow to $SRV4_B is refused" refused \
	c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT 1
# shellcheck disable=SC2317  # called by busywait
tcp_dead()
{
	grep -q " tcp dead" "$LOG"
}
busywait $((5000 * C2G_SLOW)) tcp_dead
# the clock starts when the host entered quarantine ("since"; the trigger
# flow's own start-up, a socat under emulation, is not the module's)
h=$(quar_json | jq -c '.[0]')
tq=$(date -d "$(c2g_jget "$h" since)" +%s%3N)
dead=$(grep -m1 " tcp dead" "$LOG")
c2g_info "session: $dead: $((${dead%% *} - tq)) ms after the quarantine, $((tq - t0)) ms after the trigger started"
[ -n "$dead" ] && [ $((${dead%% *} - tq)) -le 1000 ]
c2g_result $? "session: the TCP session is reset within 1 s" "$dead" \
	"$(tail -n 5 "$LOG")"
grep -q "tcp dead:Connection_reset" <<<"$dead"
c2g_result $? "session: by a RST" "$dead"
# the server sends nothing unasked: without a reset of its own it would
# hold the session until socat's inactivity timeout
busywait 1000 srv_session_gone
c2g_result $? "session: the server's end is reset too" \
	"$(ip netns exec "$SRV" ss -tn)"
# the last UDP echo: before it + 1 s, and misses after it
sleep 1.5
last=$(grep " udp ok" "$LOG" | tail -n 1)
c2g_info "session: last UDP echo $((${last%% *} - tq)) ms after the quarantine"
[ $((${last%% *} - tq)) -le 1000 ] && tail -n 1 "$LOG" | grep -q "udp miss"
c2g_result $? "session: the UDP flow stops within 1 s" "$(tail -n 5 "$LOG")"
: >"$C2G_TMP/session.stop"

[ "$(c2g_jget "$h" addr)" = $CLI4 ] && [ "$(c2g_jget "$h" reason)" = ip ] &&
	[ "$(c2g_jget "$h" tag)" = c2 ] && [ "$(c2g_jget "$h" timeout)" = 0 ] &&
	[ "$(c2g_jget "$h" alert_seq)" -gt 0 ]
c2g_result $? "hosts -j: $CLI4, reason ip, tag c2, until released, its alert" "$h"
seq=$(c2g_jget "$h" alert_seq)
out=$(c2g_ctl "$GW" hosts $CLI4)
[[ $out == "$CLI4 quarantine since "*" expires never reason ip tag c2 alert $seq drops "* ]]
c2g_result $? "hosts $CLI4 (text)" "$out"
c2g_check_fail "hosts $SRV4: not in quarantine (exit 1)" \
	c2g_ctl "$GW" hosts $SRV4
c2g_later c2g_alert_match "trigger: the alert, action quarantine" $M \
	sport=42001 -- daddr=$SRV4_B action=quarantine reason=ip tag=c2 \
	"seq=$seq"

C2G_SPORT=42002 c2g_expect_fast "new TCP flow to $SRV4 refused" refused \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT 1
C2G_SPORT=42003 c2g_expect_fast "new TCP flow to $SRV4_HI (allow-listed) refused" \
	refused c2g_tcp "$CLI" $SRV4_HI $C2G_TCP_PORT 1
c2g_expect "new UDP flow to $SRV4 gets nothing" timeout \
	c2g_udp "$CLI" $SRV4 $C2G_UDP_PORT 1
c2g_expect "TCP from $SRV4 to the host refused" refused \
	c2g_tcp "$SRV" $CLI4 $C2G_TCP_PORT 1
C2G_SPORT=42004 c2g_expect "host allow destination $SRV4_OUT still works" ok \
	c2g_tcp "$CLI" $SRV4_OUT $C2G_TCP_PORT
C2G_SRC=$SRV4_OUT c2g_expect "and from it to the host" ok \
	c2g_tcp "$SRV" $CLI4 $C2G_TCP_PORT
c2g_expect "the host's IPv6 address is another host: works" ok \
	c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT
st1=$(c2g_status_json "$GW")
c2g_deltas "$st0" "$st1"
[ "$(c2g_jget "$st1" quarantined)" = 1 ] && [ "$(c2g_jget "$st1" host_allow)" = 2 ]
c2g_result $? "status: quarantined 1, host_allow 2" "$st1"
c2g_delta_is "status: quarantines moved by 1" quarantines -eq 1
c2g_delta_is "status: quarantine_drops moved" quarantine_drops -ge 4
drops=$(quar_json | jq '.[0].drops')
[ "$drops" -ge 4 ]
c2g_result $? "hosts: the host's drops ($drops)"
# conntrack: no entry of the host's session left (the kill work ran)
# shellcheck disable=SC2317  # called by busywait
no_session_ct()
{
	! ip netns exec "$GW" conntrack -L -s $CLI4 -d $SRV4 2>/dev/null |
		grep -q "dport=$C2G_TCP_PORT "
}
busywait "$C2G_WAIT_MS" no_session_ct
c2g_result $? "conntrack: the session's entry is gone" \
	"$(ip netns exec "$GW" conntrack -L 2>/dev/null | head -n 5)"

# ---------------------------------------------------------------------------
# survives indicator changes

printf '%s\n' 198.51.100.7 >"$C2G_TMP/feed1"
c2g_check "feed replace f1" c2g_ctl "$GW" feed replace f1 "$C2G_TMP/feed1"
c2g_check "flush" c2g_ctl "$GW" flush
[ "$(c2g_stat "$GW" quarantined)" = 1 ]
c2g_result $? "still in quarantine after feed replace and flush"
C2G_SPORT=42005 c2g_expect_fast "still cut off: TCP to $SRV4 refused" refused \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT 1

# ---------------------------------------------------------------------------
# release

c2g_check "host release $CLI4" c2g_ctl "$GW" host release $CLI4
[ "$(quar_json)" = "[]" ] && [ "$(c2g_stat "$GW" quarantined)" = 0 ]
c2g_result $? "released: nothing in quarantine" "$(quar_json)"
C2G_SPORT=42006 c2g_expect "released: TCP to $SRV4 works" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
c2g_expect "released: UDP to $SRV4 works" ok c2g_udp "$CLI" $SRV4 $C2G_UDP_PORT
c2g_expect "released: TCP from $SRV4 to the host works" ok \
	c2g_tcp "$SRV" $CLI4 $C2G_TCP_PORT

# ---------------------------------------------------------------------------
# IPv6, by hand: neighbour discovery still works (the caches are flushed
# first), so a host-allow destination stays reachable

c2g_check "host allow add $SRV6_OUT" c2g_ctl "$GW" host allow add $SRV6_OUT
c2g_check "host quarantine $CLI6" c2g_ctl "$GW" host quarantine $CLI6
ip -n "$CLI" -6 neigh flush all
ip -n "$GW" -6 neigh flush all
C2G_SPORT=42010 c2g_expect "IPv6: host allow destination $SRV6_OUT works" ok \
	c2g_tcp "$CLI" $SRV6_OUT $C2G_TCP_PORT
C2G_SPORT=42011 c2g_expect_fast "IPv6: TCP to $SRV6 refused" refused \
	c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT 1
c2g_expect "IPv6: the host's IPv4 address is another host: works" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
c2g_check "host release $CLI6" c2g_ctl "$GW" host release $CLI6
c2g_check "host allow del $SRV6_OUT" c2g_ctl "$GW" host allow del $SRV6_OUT

# ---------------------------------------------------------------------------
# time

T=$((3 * C2G_SLOW))
c2g_check "config set quarantine-time $T" \
	c2g_ctl "$GW" config set quarantine-time $T
[ "$(c2g_jget "$(c2g_config_json "$GW")" quarantine_time)" = $T ]
c2g_result $? "config shows quarantine_time $T"
c2g_check "host quarantine $CLI4 (the default time)" \
	c2g_ctl "$GW" host quarantine $CLI4
t=$(quar_json | jq '.[0].timeout')
[ "$t" -ge 1 ] && [ "$t" -le $T ] &&
	[ "$(quar_json | jq -r '.[0].reason')" = by-hand ]
c2g_result $? "hosts: $t s left, by hand" "$(quar_json)"
# shellcheck disable=SC2317  # called by busywait
none_held()
{
	[ "$(quar_json)" = "[]" ]
}
busywait $(((T + 5) * 1000)) none_held
c2g_result $? "the quarantine ends by itself after $T s"
C2G_SPORT=42007 c2g_expect "after it: TCP to $SRV4 works" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
c2g_check "host quarantine $CLI4 time 0 (until released)" \
	c2g_ctl "$GW" host quarantine $CLI4 time 0
[ "$(quar_json | jq '.[0].timeout')" = 0 ]
c2g_result $? "time 0: until released"
c2g_check "host release $CLI4" c2g_ctl "$GW" host release $CLI4
c2g_check "config set quarantine-time 0" \
	c2g_ctl "$GW" config set quarantine-time 0

# ---------------------------------------------------------------------------
# beacon detection quarantines

c2g_check "beacon on, beacon-action quarantine" c2g_ctl "$GW" config set \
	beacon on beacon-retry 100 beacon-idle 100 beacon-min-gaps 4 \
	beacon-window 8 beacon-threshold 60 beacon-action quarantine
ip netns exec "$CLI" "$PYTHON" "$TRAFFIC" tcp $SRV4 $C2G_TCP_PORT \
	--dist fixed --mean 300 --count 40 --timeout 1 \
	--log "$C2G_TMP/beacon.log" --stop "$C2G_TMP/beacon.stop" \
	</dev/null >/dev/null 2>&1 &
c2g_track_pid $!
# shellcheck disable=SC2317  # called by busywait
held_by_beacon()
{
	[ "$(quar_json | jq -r '.[0].reason')" = beacon ]
}
busywait $((30000 * C2G_SLOW)) held_by_beacon
c2g_result $? "beacon: the periodic caller's host is quarantined (reason beacon)" \
	"$(quar_json)" "$(tail -n 3 "$C2G_TMP/beacon.log")"
: >"$C2G_TMP/beacon.stop"
C2G_SPORT=42008 c2g_expect "beacon: the host allow destination still works" ok \
	c2g_tcp "$CLI" $SRV4_OUT $C2G_TCP_PORT
c2g_later c2g_alert_match "beacon: the alert, action quarantine" $M \
	reason=beacon -- saddr=$CLI4 action=quarantine
c2g_check "host release $CLI4" c2g_ctl "$GW" host release $CLI4
c2g_check "beacon off" c2g_ctl "$GW" config set beacon off beacon-action alert

# ---------------------------------------------------------------------------
# the gateway's own flow

c2g_add $SRV4_B action quarantine tag c2
st0=$(c2g_status_json "$GW")
c2g_expect_fast "gateway: its own flow to $SRV4_B is refused" refused \
	c2g_tcp "$GW" $SRV4_B $C2G_TCP_PORT 1
st1=$(c2g_status_json "$GW")
c2g_deltas "$st0" "$st1"
c2g_delta_is "gateway: quarantine_refused moved" quarantine_refused -ge 1
[ "$(c2g_stat "$GW" quarantined)" = 0 ]
c2g_result $? "gateway: not quarantined" "$(quar_json)"
c2g_expect "gateway: its other flows work" ok \
	c2g_tcp "$GW" $SRV4 $C2G_TCP_PORT

# ---------------------------------------------------------------------------
# save and restore keep the host-allow list (quarantines are incidents:
# not saved)

c2g_ctl "$GW" save >"$C2G_TMP/q.save"
grep -qx "host allow add $SRV4_OUT/32" "$C2G_TMP/q.save" &&
	grep -qx "host allow add $PROBE4/32" "$C2G_TMP/q.save"
c2g_result $? "save: the host-allow lines" "$(cat "$C2G_TMP/q.save")"
c2g_check "host allow del $SRV4_OUT" c2g_ctl "$GW" host allow del $SRV4_OUT
c2g_check "host allow add 192.0.2.0/24" \
	c2g_ctl "$GW" host allow add 192.0.2.0/24
c2g_check "restore" c2g_ctl "$GW" restore "$C2G_TMP/q.save"
out=$(c2g_ctl "$GW" host allow list | sort)
[ "$out" = "$(printf '%s\n' "$PROBE4/32" "$SRV4_OUT/32" | sort)" ]
c2g_result $? "restore: the file's host-allow list, and only it" "$out"

c2g_check "flush" c2g_ctl "$GW" flush
c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M

c2g_finish
