#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unload c2guard while flows are being verdicted and a monitor listens:
# rmmod must succeed without hanging, the monitor must notice (exit), the
# traffic must flow on unfiltered, and the module must load again, with
# fresh per-netns state, and work.  "monitor --follow" instead stays
# across the reload (one started before it, in EVE form, whose events of
# real alerts must validate against Suricata's schema, and one started
# while the module is gone) and takes the reloaded module's alerts.  Run last: it reloads the module only
# from C2GUARD_KO (or the default locations), and leaves it loaded.

source "$(dirname "$0")/lib.sh"

c2g_require_cmd rmmod
[ -n "$(c2g_find_ko)" ] || modinfo c2guard >/dev/null 2>&1 ||
	c2g_skip_all "cannot reload c2guard afterwards (set C2GUARD_KO)"
c2g_gw_setup
c2g_echo_setup udp

M=gw
c2g_mon_up $M "$GW" "$CLI"
c2g_result $? "monitor receives alerts"
# mon_said NAME TEXT [N]: monitor NAME said TEXT on stderr (N times)
mon_said()
{
	[ "$(grep -c -- "$2" "$C2G_TMP/mon.$1.err")" -ge "${3:-1}" ]
}
c2g_mon_start "$GW" fol --follow --eve
busywait $((10000 * C2G_SLOW)) mon_said fol "following the alerts"
c2g_result $? "monitor --follow --eve follows the module" \
	"$(cat "$C2G_TMP/mon.fol.err")"

c2g_check "add indicators: alert, drop, reject, mark (v4 and v6)" eval "
	c2g_ctl $GW add $SRV4 action alert tag u &&
	c2g_ctl $GW add $SRV4_B action drop tag u &&
	c2g_ctl $GW add $SRV4_HI action reject tag u &&
	c2g_ctl $GW add $SRV6 action mark tag u &&
	c2g_ctl $GW add fd00:2::/64 action reject tag u force"
c2g_nft_mark_drop "$GW" >/dev/null 2>&1

# Traffic loop in the client: new flows of every kind, until told to stop
# (bounded in time and count either way).
traffic()
{
	local stop=$1 i
	for ((i = 0; i < 5000; i++)); do
		[ -e "$stop" ] && break
		echo x >"/dev/udp/$2/$5" 2>/dev/null
		echo x >"/dev/udp/$3/$5" 2>/dev/null
		echo x >"/dev/udp/$4/$5" 2>/dev/null
		echo x >"/dev/udp/fd00:2::2/$5" 2>/dev/null
		timeout 1 bash -c "exec 3<>/dev/tcp/$2/$6 && echo x >&3" 2>/dev/null
		timeout 1 bash -c "exec 3<>/dev/tcp/$4/$6" 2>/dev/null
		echo "$i" >"$stop.n"
	done
}
ip netns exec "$CLI" timeout $((120 * C2G_SLOW)) bash -c \
	"$(declare -f traffic); traffic \"\$@\"" traffic "$C2G_TMP/stop" \
	$SRV4 $SRV4_B $SRV4_HI $C2G_UDP_PORT $C2G_TCP_PORT &
tpid=$!
c2g_track_pid $tpid

alerts_from_traffic()
{
	[ "$(c2g_alert_count $M tag=u)" -ge 8 ]
}
busywait $((30000 * C2G_SLOW)) alerts_from_traffic
c2g_result $? "traffic loop raises alerts ($(c2g_alert_count $M tag=u))"

# the unload itself
c2g_now
t0=$C2G_NOW_MS
out=$(timeout $((60 * C2G_SLOW)) rmmod c2guard 2>&1)
rc=$?
c2g_now
c2g_result $rc "rmmod c2guard under traffic ($((C2G_NOW_MS - t0))ms)" "rc=$rc: $out"
! c2g_loaded
c2g_result $? "module is gone"

mon_exited()
{
	! c2g_mon_running $M
}
if busywait $((10000 * C2G_SLOW)) mon_exited; then
	c2g_pass "monitor exits after the unload"
else
	c2g_fail "monitor exits after the unload" \
		"c2ctl monitor still running 10s after rmmod (does it watch for the family going away?)"
	c2g_mon_stop $M
fi

busywait $((10000 * C2G_SLOW)) mon_said fol "the c2guard module was unloaded" &&
	busywait $((10000 * C2G_SLOW)) mon_said fol "waiting for the c2guard module" &&
	c2g_mon_running fol
c2g_result $? "monitor --follow stays, waiting for the module" \
	"$(cat "$C2G_TMP/mon.fol.err")"
c2g_mon_start "$GW" abs --follow -j
busywait $((10000 * C2G_SLOW)) mon_said abs "waiting for the c2guard module" &&
	c2g_mon_running abs
c2g_result $? "monitor --follow started without the module waits for it" \
	"$(cat "$C2G_TMP/mon.abs.err")"

kill -0 $tpid 2>/dev/null
c2g_result $? "traffic loop still running after the unload"
c2g_expect "without the module: dropped address reachable" ok \
	c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT
c2g_expect "without the module: rejected address reachable" ok \
	c2g_tcp "$CLI" $SRV4_HI $C2G_TCP_PORT
c2g_check_fail "without the module: c2ctl status fails" c2g_ctl "$GW" status

: >"$C2G_TMP/stop"
busywait $((20000 * C2G_SLOW)) eval "! kill -0 $tpid 2>/dev/null"
c2g_result $? "traffic loop stopped" "iterations: $(cat "$C2G_TMP/stop.n" 2>/dev/null)"
c2g_kill $tpid
c2g_info "traffic loop ran $(cat "$C2G_TMP/stop.n" 2>/dev/null) iterations"

# load again: fresh state, working verdicts
out=$(c2g_load 2>&1)
c2g_result $? "reload c2guard" "$out"
c2g_check "status in the gateway" c2g_ctl "$GW" status
s=$(c2g_status_json "$GW")
[ "$(c2g_jget "$s" ind_v4)" = 0 ] && [ "$(c2g_jget "$s" ind_v6)" = 0 ] &&
	[ "$(c2g_jget "$s" matches)" = 0 ] && [ "$(c2g_list_count "$GW")" = 0 ]
c2g_result $? "reloaded module starts with an empty table" "$s"
c2g_check "add $SRV4_HI action reject" c2g_ctl "$GW" add $SRV4_HI action reject
c2g_expect_fast "reloaded module rejects" refused c2g_tcp "$CLI" $SRV4_HI $C2G_TCP_PORT
s=$(c2g_stat "$GW" alert_seq)
[ "$s" = 1 ]
c2g_result $? "alert seq starts again from 1 (alert_seq $s)"
c2g_mon_up m2 "$GW" "$CLI"
c2g_result $? "reloaded module sends alerts"
c2g_mon_stop m2

# the two following monitors took the reloaded module's alert
eve_reject()
{
	jq -e -R -s --arg d $SRV4_HI '[split("\n")[] | fromjson? |
		select(.event_type == "alert" and .dest_ip == $d and
		.alert.action == "blocked" and
		.alert.context.c2guard.seq == 1)] | length > 0' \
		"$C2G_TMP/mon.fol" >/dev/null
}
busywait $((10000 * C2G_SLOW)) eve_reject && mon_said fol "following the alerts" 2
c2g_result $? "monitor --follow --eve: the reloaded module's alert (seq 1) as an EVE event" \
	"$(tail -n 2 "$C2G_TMP/mon.fol")" "$(cat "$C2G_TMP/mon.fol.err")"
busywait $((10000 * C2G_SLOW)) c2g_alert_seen abs daddr=$SRV4_HI action=reject
c2g_result $? "monitor --follow started without the module: the alert" \
	"$(cat "$C2G_TMP/mon.abs" "$C2G_TMP/mon.abs.err")"
if /usr/bin/python3 -c "import jsonschema" 2>/dev/null; then
	out=$(/usr/bin/python3 "$C2G_SELFTEST_DIR/eve_valid.py" "$C2G_TMP/mon.fol" \
		"$C2G_SELFTEST_DIR/data/suricata-eve-schema.json" 9 2>&1)
	c2g_result $? "monitor --eve of real alerts: every event valid against Suricata's schema ($out)"
else
	c2g_skip_sub "monitor --eve against Suricata's schema" "no python3-jsonschema"
fi

# quick unload/load cycles with state in a netns (hooks registered)
ok=0
for ((i = 0; i < 3; i++)); do
	c2g_ctl "$GW" add $SRV4 action drop >/dev/null 2>&1 || break
	c2g_udp_send "$CLI" $SRV4 9 3
	timeout $((60 * C2G_SLOW)) rmmod c2guard || break
	c2g_load >/dev/null 2>&1 || break
	ok=$((ok + 1))
done
[ $ok = 3 ]
c2g_result $? "three more unload/load cycles with live state ($ok done)"
c2g_loaded
c2g_result $? "module left loaded"
# (each reload of the cycles is followed unless two came before the
# monitor read the first one's announcement: at least the one checked)
for m in "fol 2" "abs 1"; do
	set -- $m
	m=$1
	pid=${C2G_MON_PID[$m]}
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	[ $rc = 0 ] && mon_said $m "following the alerts" "$2"
	c2g_result $? "monitor --follow ($m) followed every reload, exits 0 on SIGTERM (rc $rc)" \
		"$(cat "$C2G_TMP/mon.$m.err")"
	unset "C2G_MON_PID[$m]"
done

c2g_finish
