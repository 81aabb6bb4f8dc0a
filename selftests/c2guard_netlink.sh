#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The netlink interface: permissions (unprivileged callers get EPERM, also
# for joining the alert group; CAP_NET_ADMIN over the netns is what counts),
# malformed requests (nl_fuzz.py), per-netns isolation of tables, counters
# and alerts, configuration, and the alert rate limit (suppressed counts,
# contiguous sequence numbers).

source "$(dirname "$0")/lib.sh"

c2g_gw_setup
c2g_echo_setup

M=gw

# ---------------------------------------------------------------------------
# permissions

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if ! command -v setpriv >/dev/null; then
	c2g_skip_sub "unprivileged callers get EPERM" "setpriv not found"
else
	c2g_check "as root: add $SRV4_B" c2g_ctl "$GW" add $SRV4_B tag perm
	for args in "status" "list" "add $SRV4_HI" "del $SRV4_B" "flush" \
		"config" "config set alert-rate 5" "monitor"; do
		# shellcheck disable=SC2086 # word splitting intended
		out=$(ip netns exec "$GW" timeout $((10 * C2G_SLOW)) \
			"${NOBODY[@]}" "$C2CTL" $args 2>&1)
		rc=$?
		[ $rc -ne 0 ] && [ $rc -ne 124 ] &&
			grep -q "Operation not permitted" <<<"$out"
		c2g_result $? "as nobody: '$args' fails with EPERM" "rc=$rc: $out"
	done
	[ "$(c2g_list_count "$GW")" = 1 ] && c2g_ind_has "$GW" $SRV4_B/32 &&
		[ "$(c2g_jget "$(c2g_config_json "$GW")" alert_rate)" = 100 ]
	c2g_result $? "as nobody: nothing changed" "$(c2g_list "$GW")"
	c2g_ctl "$GW" flush

	# root of a new user namespace, but in a netns that namespace does not
	# own: still no CAP_NET_ADMIN over the netns
	if "${NOBODY[@]}" unshare -Ur true 2>/dev/null; then
		out=$(ip netns exec "$GW" "${NOBODY[@]}" unshare -Ur \
			"$C2CTL" status 2>&1)
		rc=$?
		[ $rc -ne 0 ] && grep -q "Operation not permitted" <<<"$out"
		c2g_result $? "userns root in a foreign netns: EPERM" "rc=$rc: $out"
		# ... and in a netns of its own it is the admin
		out=$("${NOBODY[@]}" unshare -Urn sh -c \
			'"$1" add 192.0.2.1 tag mine && "$1" list -j && "$1" status' \
			sh "$C2CTL" 2>&1)
		rc=$?
		[ $rc -eq 0 ] && grep -q '192.0.2.1' <<<"$out"
		c2g_result $? "userns root in its own netns may add and list" \
			"rc=$rc: $out"
	else
		c2g_skip_sub "user namespace cases" "unprivileged user namespaces disabled"
	fi
fi

# ---------------------------------------------------------------------------
# configuration through c2ctl

cfg=$(c2g_config_json "$GW")
[ "$(c2g_jget "$cfg" mark_value)" = $((0x00c20000)) ] &&
	[ "$(c2g_jget "$cfg" mark_mask)" = $((0x00ff0000)) ] &&
	[ "$(c2g_jget "$cfg" alert_rate)" = 100 ] &&
	[ "$(c2g_jget "$cfg" alert_burst)" = 200 ]
c2g_result $? "config: defaults" "$cfg"
for args in "mark-mask 0" "mark-value 0x1" "mark-value 0x00c20000 mark-mask 0xff" \
	"alert-burst 0" "alert-rate 1000001"; do
	# shellcheck disable=SC2086
	out=$(c2g_ctl "$GW" config set $args 2>&1)
	rc=$?
	[ $rc -ne 0 ] && [ -n "$out" ]
	c2g_result $? "config set $args: rejected with a message" "rc=$rc: $out"
done
[ "$(c2g_config_json "$GW")" = "$cfg" ]
c2g_result $? "config: rejected changes left it alone" "$(c2g_config_json "$GW")"

# ---------------------------------------------------------------------------
# malformed netlink requests (in a netns of their own)

FZ="c2g-fz-$C2G_SFX"
c2g_netns_add "$FZ"
ip netns exec "$FZ" "$PYTHON" "$C2G_SELFTEST_DIR/nl_fuzz.py" \
	--spec "$C2G_REPO/uapi/c2guard.yaml" \
	--iterations $((300 / C2G_SLOW)) >"$C2G_TMP/fuzz.out" 2>&1
rc=$?
c2g_info "$(grep -E '^(not ok|#)' "$C2G_TMP/fuzz.out" | sed 's/^# //' | head -n 60)"
n=$(grep -c '^ok' "$C2G_TMP/fuzz.out")
c2g_result $rc "nl_fuzz.py: $n checks passed" "$(tail -n 3 "$C2G_TMP/fuzz.out")"
c2g_check "module still answers status" c2g_ctl "$GW" status
c2g_check "and add" c2g_ctl "$GW" add $SRV4_B action reject tag after-fuzz
c2g_expect_fast "and still rejects flows" refused c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT
c2g_ctl "$GW" flush

# ---------------------------------------------------------------------------
# netns isolation

CLI2="c2g-cli2-$C2G_SFX" GW2="c2g-gw2-$C2G_SFX" SRV2="c2g-srv2-$C2G_SFX"
if c2g_topo_create "$CLI2" "$GW2" "$SRV2" && c2g_serve_tcp "$SRV2"; then
	busywait "$C2G_WAIT_MS" c2g_tcp "$CLI2" $SRV4 $C2G_TCP_PORT 1
	c2g_mon_start "$GW" $M
	c2g_mon_start "$GW2" m2
	c2g_mon_sync $M "$GW" "$CLI" && c2g_mon_sync m2 "$GW2" "$CLI2"
	c2g_result $? "monitors in both gateways receive alerts"

	c2g_check "add $SRV4 reject, $SRV4_B alert in the first gateway" eval \
		"c2g_ctl $GW add $SRV4 action reject tag iso &&
		 c2g_ctl $GW add $SRV4_B action alert tag iso"
	[ "$(c2g_list_count "$CLI")" = 0 ]
	c2g_result $? "the client netns lists no indicator"
	[ "$(c2g_list_count "$GW2")" = 1 ] && [ "$(c2g_list_count "$GW2" tag=iso)" = 0 ]
	c2g_result $? "the second gateway lists only its own (probe) indicator"
	s=$(c2g_status_json "$CLI")
	[ "$(c2g_jget "$s" ind_v4)" = 0 ] && [ "$(c2g_jget "$s" matches)" = 0 ]
	c2g_result $? "the client netns has its own (empty) status" "$s"

	before2=$(c2g_status_json "$GW2")
	c2g_expect_fast "first pair: flow to $SRV4 rejected" refused \
		c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
	c2g_expect "second pair: flow to the same address works" ok \
		c2g_tcp "$CLI2" $SRV4 $C2G_TCP_PORT
	c2g_expect "first pair: alert flow to $SRV4_B works" ok \
		c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT
	c2g_expect "second pair: flow to $SRV4_B works" ok \
		c2g_tcp "$CLI2" $SRV4_B $C2G_TCP_PORT
	after2=$(c2g_status_json "$GW2")
	c2g_delta_check "second gateway matched nothing" "$before2" "$after2" matches -eq 0
	c2g_fence $M "$GW" "$CLI"
	c2g_fence m2 "$GW2" "$CLI2"
	[ "$(c2g_alert_count $M tag=iso)" = 2 ]
	c2g_result $? "first gateway's monitor saw both alerts"
	c2g_alert_match "alert names the first gateway's netns" $M tag=iso \
		daddr=$SRV4_B -- netns="$(c2g_netns_inode "$GW")"
	c2g_alert_exactly "second gateway's monitor saw none of them" m2 0 \
		tag!=$PROBE_TAG
	c2g_mon_stop m2

	# a netns that goes away with indicators in it frees them
	c2g_ctl "$GW2" flush
	awk 'BEGIN { for (i = 0; i < 1000; i++)
		printf "10.%d.%d.0/24\n", 100 + int(i / 250), i % 250 }' \
		>"$C2G_TMP/ns.feed"
	c2g_check "load 1000 indicators into the second gateway" \
		c2g_ctl "$GW2" load "$C2G_TMP/ns.feed" action drop
	ip netns pids "$GW2" | xargs -r kill 2>/dev/null
	c2g_check "delete a netns holding indicators" ip netns del "$GW2"
	c2g_check "module still answers" c2g_ctl "$GW" status
else
	c2g_fail "second topology"
fi

# ---------------------------------------------------------------------------
# alert rate limit

c2g_mon_running $M || c2g_mon_up $M "$GW" "$CLI"
c2g_ctl "$GW" flush
c2g_check "config set alert-rate 1 alert-burst 1" \
	c2g_ctl "$GW" config set alert-rate 1 alert-burst 1
cfg=$(c2g_config_json "$GW")
[ "$(c2g_jget "$cfg" alert_rate)" = 1 ] && [ "$(c2g_jget "$cfg" alert_burst)" = 1 ]
c2g_result $? "config shows rate 1, burst 1" "$cfg"
c2g_check "add $SRV4 action alert tag rl" c2g_ctl "$GW" add $SRV4 tag rl
before=$(c2g_status_json "$GW")
c2g_udp_send "$CLI" $SRV4 9 10
got=0
for ((i = 0; i < 20 * C2G_SLOW; i++)); do
	if busywait 1200 c2g_alert_seen $M tag=rl "suppressed!=0" "suppressed!="; then
		got=1
		break
	fi
	c2g_udp_send "$CLI" $SRV4 9 1
done
# One more flow once a token is surely back: its alert accounts for any
# flow suppressed after the one above, so the books balance below.
sleep 1.2
n=$(c2g_alert_count $M tag=rl)
c2g_udp_send "$CLI" $SRV4 9 1
busywait "$C2G_WAIT_MS" eval '[ "$(c2g_alert_count $M tag=rl)" -gt "$n" ]'
after=$(c2g_status_json "$GW")
c2g_result $((!got)) "an alert reports suppressed alerts" \
	"$(c2g_alerts $M tag=rl)"
c2g_delta_check "status counts suppressed alerts" "$before" "$after" suppressed -gt 0
sum=$(c2g_alerts $M tag=rl | jq -s "map(.[\"$(c2g_key suppressed)\"] // 0) | add // 0")
d=$(c2g_stat_delta "$before" "$after" suppressed)
[ "$sum" = "$d" ]
c2g_result $? "suppressed fields add up to the counter ($sum vs $d)"
m=$(c2g_stat_delta "$before" "$after" matches)
a=$(c2g_stat_delta "$before" "$after" alerts)
[ "$m" -eq $((a + d)) ] && [ "$a" -eq "$(c2g_alert_count $M tag=rl)" ]
c2g_result $? "matches = alerts + suppressed ($m = $a + $d)"
out=$(c2g_seq_contiguous $M)
c2g_result $? "alert seq numbers stay contiguous" "$out"
c2g_check "config set alert-rate 100 alert-burst 200" \
	c2g_ctl "$GW" config set alert-rate 100 alert-burst 200
c2g_mon_alive $M

c2g_finish
