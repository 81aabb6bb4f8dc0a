#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# c2guard verdicts on forwarded (and locally originated) flows, IPv4 and
# IPv6, TCP and UDP:
#   alert   the flow works and exactly one alert describes it, however many
#           packets it carries; both directions (to-indicator, from-indicator)
#   drop    the flow times out; dropped/matches move
#   reject  TCP is refused (RST), UDP gets ICMP unreachable, both fast
#   mark    the flow works unless the ruleset drops "ct mark and MASK ==
#           VALUE", which it then does (nft counter moves, c2guard drops
#           nothing); the mark value is configurable
# plus: flows not involving a listed address are untouched, an established
# flow survives a new drop indicator, two flows retrying SYNs to a dropped
# indicator at once alert once each (the rest are repeats), an allowlisted
# client reaches a listed server unreported, alert sequence numbers are
# contiguous.

source "$(dirname "$0")/lib.sh"

c2g_gw_setup
c2g_echo_setup udp client

GW_INO=$(c2g_netns_inode "$GW")
IF_CLI=$(c2g_ifindex "$GW" cli0)
IF_SRV=$(c2g_ifindex "$GW" srv0)
M=gw

# A fresh netns starts with an empty table.
s=$(c2g_status_json "$GW")
[ -n "$s" ] && [ "$(c2g_jget "$s" ind_v4)" = 0 ] && [ "$(c2g_jget "$s" ind_v6)" = 0 ]
c2g_result $? "status in a new netns: empty table" "$s"
[ "$(c2g_list_count "$GW")" -eq 0 ]
c2g_result $? "list in a new netns is empty"

c2g_mon_ready $M "$GW" "$CLI"
c2g_pass "monitor receives alerts"

# ---------------------------------------------------------------------------
# alert

# alert_flow_check DESC PROTO FAMILY DADDR SADDR DIR IIF INDICATOR TAG PORT:
# the flow just made raised exactly one alert, and it says so
alert_flow_check()
{
	local desc=$1 proto=$2 fam=$3 dst=$4 saddr=$5 dir=$6 iif=$7 ind=$8
	local tag=$9 port=${10}

	c2g_fence $M "$GW" "$CLI"
	c2g_alert_exactly "$desc: exactly one alert" $M 1 \
		tag="$tag" daddr="$dst" dport="$port" proto="$proto"
	c2g_alert_match "$desc: alert fields" $M tag="$tag" daddr="$dst" \
		dport="$port" -- family="$fam" proto="$proto" saddr="$saddr" \
		daddr="$dst" dir="$dir" hook=prerouting iif="$iif" \
		indicator="$ind" tag="$tag" action=alert reason=ip \
		netns="$GW_INO" suppressed=0 pid= comm= uid= gid= cgroup=
}

# TCP v4, client -> listed server, 150 kB each way on one flow
c2g_check "add $SRV4 action alert" c2g_ctl "$GW" add $SRV4 action alert tag feed-a
before=$(c2g_status_json "$GW")
C2G_SPORT=40001 c2g_expect "alert tcp v4: flow works" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT "$C2G_CONN_TIMEOUT" 150000
after=$(c2g_status_json "$GW")
alert_flow_check "alert tcp v4" tcp inet $SRV4 $CLI4 to-indicator "$IF_CLI" \
	$SRV4/32 feed-a $C2G_TCP_PORT
c2g_alert_match "alert tcp v4: source port" $M tag=feed-a daddr=$SRV4 -- \
	sport=40001
# the flow had far more than 40 packets, all went through the hooks
c2g_delta_check "alert tcp v4: packets counted" "$before" "$after" packets -ge 40
c2g_delta_check "alert tcp v4: one match (per flow, not per packet)" \
	"$before" "$after" matches -eq 1
c2g_delta_check "alert tcp v4: one alert" "$before" "$after" alerts -eq 1
c2g_delta_check "alert tcp v4: nothing dropped" "$before" "$after" dropped -eq 0
[ "$(c2g_list_get "$GW" hits addr=$SRV4 prefixlen=32)" = 1 ]
c2g_result $? "alert tcp v4: indicator hits = 1" "$(c2g_list "$GW")"
now_ns=$(date +%s%N)
t=$(c2g_alert_field $M time_ns tag=feed-a daddr=$SRV4)
[ -n "$t" ] && [ $(( (now_ns - t) / 1000000000 )) -lt 300 ] &&
	[ $(( (t - now_ns) / 1000000000 )) -lt 5 ]
c2g_result $? "alert tcp v4: time_ns is recent ($t vs $now_ns)"

# UDP v6, 5 datagrams on one flow
c2g_check "add $SRV6 action alert" c2g_ctl "$GW" add $SRV6 action alert tag feed-a6
c2g_expect "alert udp v6: flow works (5 datagrams)" ok \
	c2g_udp "$CLI" $SRV6 $C2G_UDP_PORT "$C2G_CONN_TIMEOUT" 5
alert_flow_check "alert udp v6" udp inet6 $SRV6 $CLI6 to-indicator "$IF_CLI" \
	$SRV6/128 feed-a6 $C2G_UDP_PORT

# TCP v6 and UDP v4 on the same indicators: new flows, new alerts
C2G_SPORT=40002 c2g_expect "alert tcp v6: flow works" ok \
	c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT "$C2G_CONN_TIMEOUT" 50000
alert_flow_check "alert tcp v6" tcp inet6 $SRV6 $CLI6 to-indicator "$IF_CLI" \
	$SRV6/128 feed-a6 $C2G_TCP_PORT
c2g_expect "alert udp v4: flow works (5 datagrams)" ok \
	c2g_udp "$CLI" $SRV4 $C2G_UDP_PORT "$C2G_CONN_TIMEOUT" 5
alert_flow_check "alert udp v4" udp inet $SRV4 $CLI4 to-indicator "$IF_CLI" \
	$SRV4/32 feed-a $C2G_UDP_PORT

# negative: a flow between unlisted addresses raises nothing
c2g_expect "unlisted address: flow works" ok c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT
c2g_fence $M "$GW" "$CLI"
c2g_alert_exactly "unlisted address: no alert" $M 0 daddr=$SRV4_B

# from-indicator: the listed server opens a flow to the inside client
C2G_SRC=$SRV4 C2G_SPORT=40003 c2g_expect "alert from-indicator tcp v4: flow works" ok \
	c2g_tcp "$SRV" $CLI4 $C2G_TCP_PORT
c2g_fence $M "$GW" "$CLI"
c2g_alert_exactly "alert from-indicator tcp v4: exactly one alert" $M 1 \
	saddr=$SRV4 daddr=$CLI4 dport=$C2G_TCP_PORT
c2g_alert_match "alert from-indicator tcp v4: alert fields" $M saddr=$SRV4 \
	daddr=$CLI4 -- family=inet proto=tcp sport=40003 dir=from-indicator \
	hook=prerouting iif="$IF_SRV" indicator=$SRV4/32 tag=feed-a action=alert
C2G_SRC=$SRV6 C2G_SPORT=40004 c2g_expect "alert from-indicator tcp v6: flow works" ok \
	c2g_tcp "$SRV" $CLI6 $C2G_TCP_PORT
c2g_fence $M "$GW" "$CLI"
c2g_alert_match "alert from-indicator tcp v6: alert fields" $M saddr=$SRV6 \
	daddr=$CLI6 -- family=inet6 proto=tcp sport=40004 dir=from-indicator \
	iif="$IF_SRV" indicator=$SRV6/128 tag=feed-a6

# locally originated: the gateway itself calls the listed address, from a
# process in a cgroup of its own (cgroup v2, mounted if it is not)
CG_ROOT=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
if [ -z "$CG_ROOT" ] && mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null; then
	CG_ROOT=/sys/fs/cgroup
fi
CG_NAME=c2g-basic-$C2G_SFX
CG_HOME=$(sed -n 's/^0:://p' /proc/self/cgroup)
[ -n "$CG_ROOT" ] && mkdir "$CG_ROOT/$CG_NAME" &&
	echo $$ >"$CG_ROOT/$CG_NAME/cgroup.procs"
c2g_result $? "the test shell joins cgroup /$CG_NAME" "root: $CG_ROOT"
C2G_SPORT=40005 c2g_expect "alert output hook: gateway's own flow works" ok \
	c2g_tcp "$GW" $SRV4 $C2G_TCP_PORT
echo $$ >"$CG_ROOT$CG_HOME/cgroup.procs"
c2g_fence $M "$GW" "$CLI"
c2g_alert_exactly "alert output hook: exactly one alert" $M 1 \
	saddr=$GWS4 daddr=$SRV4 sport=40005
c2g_alert_match "alert output hook: alert fields" $M saddr=$GWS4 \
	daddr=$SRV4 sport=40005 -- hook=output dir=to-indicator "iif=|0" \
	indicator=$SRV4/32 comm=socat uid=0 gid=0 "cgroup=/$CG_NAME"
pid=$(c2g_alert_field $M pid saddr=$GWS4 daddr=$SRV4 sport=40005)
cgid=$(c2g_alert_field $M cgroup_id saddr=$GWS4 daddr=$SRV4 sport=40005)
[[ $pid =~ ^[0-9]+$ ]] && [ "$pid" -gt 1 ] && [[ $cgid =~ ^[0-9]+$ ]]
c2g_result $? "alert output hook: the sending process (pid $pid, cgroup id $cgid)"
rmdir "$CG_ROOT/$CG_NAME"

c2g_check "del $SRV4" c2g_ctl "$GW" del $SRV4
c2g_check "del $SRV6" c2g_ctl "$GW" del $SRV6

# ---------------------------------------------------------------------------
# established flows are not affected by a new indicator

est_flow()
{
	exec 3<>"/dev/tcp/$1/$2" || exit 3
	echo one >&3
	read -r -t 10 l <&3 || exit 4
	[ "$l" = one ] || exit 5
	: >"$3.up"
	read -r -t 60 _ <"$3" || exit 6
	echo two >&3
	read -r -t 10 l <&3 || exit 7
	[ "$l" = two ] || exit 8
	exit 0
}
mkfifo "$C2G_TMP/go"
ip netns exec "$CLI" timeout $((60 * C2G_SLOW)) bash -c "$(declare -f est_flow); est_flow \"\$@\"" \
	est $SRV4 $C2G_TCP_PORT "$C2G_TMP/go" &
est_pid=$!
c2g_track_pid $est_pid
if busywait "$C2G_WAIT_MS" test -e "$C2G_TMP/go.up"; then
	c2g_check "add $SRV4 action drop (established flow open)" \
		c2g_ctl "$GW" add $SRV4 action drop tag feed-d
	c2g_expect "new flow to $SRV4 is dropped" timeout \
		c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
	echo go 1<>"$C2G_TMP/go"	# O_RDWR: never blocks
	wait $est_pid
	c2g_result $? "established flow keeps working after a drop indicator"
	c2g_ctl "$GW" del $SRV4
else
	c2g_fail "established flow set up"
	c2g_kill $est_pid
fi

# ---------------------------------------------------------------------------
# drop

c2g_check "add $SRV4, $SRV6 action drop" eval \
	"c2g_ctl $GW add $SRV4 action drop tag feed-d &&
	 c2g_ctl $GW add $SRV6 action drop tag feed-d"
before=$(c2g_status_json "$GW")
C2G_SPORT=40011 c2g_expect "drop tcp v4: flow times out" timeout \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
C2G_SPORT=40012 c2g_expect "drop tcp v6: flow times out" timeout \
	c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT
c2g_expect "drop udp v4: flow times out" timeout \
	c2g_udp "$CLI" $SRV4 $C2G_UDP_PORT
after=$(c2g_status_json "$GW")
# every SYN retransmit is dropped, but a flow counts as one match
c2g_delta_check "drop: dropped counts packets" "$before" "$after" dropped -ge 3
c2g_delta_check "drop: matches counts flows" "$before" "$after" matches -eq 3
c2g_delta_check "drop: nothing rejected" "$before" "$after" rejected -eq 0
c2g_fence $M "$GW" "$CLI"
c2g_alert_exactly "drop tcp v4: one alert despite SYN retransmits" $M 1 \
	daddr=$SRV4 sport=40011 action=drop
c2g_alert_match "drop tcp v4: alert fields" $M daddr=$SRV4 sport=40011 -- \
	saddr=$CLI4 proto=tcp dir=to-indicator tag=feed-d action=drop
c2g_alert_exactly "drop tcp v6: one alert" $M 1 daddr=$SRV6 sport=40012 \
	action=drop
c2g_alert_exactly "drop udp v4: one alert" $M 1 daddr=$SRV4 proto=udp \
	action=drop
c2g_expect "drop: unlisted neighbour still reachable" ok \
	c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT

# Two flows retrying their SYNs to one dropped indicator at the same time:
# each is one match and one alert, whatever the interleaving of their
# retransmissions; every retransmission after its first SYN is a repeat.
syn_retry()
{
	ip netns exec "$CLI" timeout $((10 * C2G_SLOW)) socat -T 3 - \
		"TCP4:$SRV4:$C2G_TCP_PORT,connect-timeout=3,sourceport=$1,reuseaddr" \
		</dev/null >/dev/null 2>&1
}
before=$(c2g_status_json "$GW")
syn_retry 40013 &
p1=$!
syn_retry 40014 &
p2=$!
wait $p1 $p2
after=$(c2g_status_json "$GW")
c2g_delta_check "drop, two flows retrying: two matches" "$before" "$after" \
	matches -eq 2
c2g_delta_check "drop, two flows retrying: retransmissions are repeats" \
	"$before" "$after" repeats -ge 2
c2g_fence $M "$GW" "$CLI"
c2g_alert_exactly "drop, two flows retrying: one alert for the first" $M 1 \
	daddr=$SRV4 sport=40013 action=drop
c2g_alert_exactly "drop, two flows retrying: one alert for the second" $M 1 \
	daddr=$SRV4 sport=40014 action=drop

# An allowlisted address exempts the flows it is either end of: the
# allowlisted client reaches a listed server, unreported.
c2g_check "allow $CLI4 (its destination $SRV4 is listed drop)" \
	c2g_ctl "$GW" add $CLI4 action allow tag allow-cli
before=$(c2g_status_json "$GW")
C2G_SPORT=40015 c2g_expect "allowlisted source to a dropped destination: flow works" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
after=$(c2g_status_json "$GW")
c2g_delta_check "allowlisted source: counted as allowed" "$before" "$after" \
	allowed -ge 1
c2g_delta_check "allowlisted source: no match" "$before" "$after" matches -eq 0
c2g_check "del allow $CLI4" c2g_ctl "$GW" del $CLI4
# (the fence's probe flows come from the client: not while it is allowlisted)
c2g_fence $M "$GW" "$CLI"
c2g_alert_exactly "allowlisted source: no alert" $M 0 daddr=$SRV4 sport=40015
C2G_SPORT=40016 c2g_expect "source no longer allowlisted: flow dropped again" timeout \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
c2g_check "flush" c2g_ctl "$GW" flush tag feed-d
c2g_expect "after flush: flow works again" ok c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT

# ---------------------------------------------------------------------------
# reject

c2g_check "add $SRV4, $SRV6 action reject" eval \
	"c2g_ctl $GW add $SRV4 action reject tag feed-r &&
	 c2g_ctl $GW add $SRV6 action reject tag feed-r"
before=$(c2g_status_json "$GW")
c2g_expect_fast "reject tcp v4: connection refused fast" refused \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
c2g_info "reject tcp v4: $C2G_RES after ${C2G_MS}ms"
c2g_expect_fast "reject tcp v6: connection refused fast" refused \
	c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT
c2g_expect_fast "reject udp v4: ICMP unreachable fast" unreach \
	c2g_udp "$CLI" $SRV4 $C2G_UDP_PORT
c2g_info "reject udp v4: $C2G_RES after ${C2G_MS}ms: $C2G_ERR"
c2g_expect_fast "reject udp v6: ICMPv6 unreachable fast" unreach \
	c2g_udp "$CLI" $SRV6 $C2G_UDP_PORT
c2g_info "reject udp v6: $C2G_RES after ${C2G_MS}ms: $C2G_ERR"
after=$(c2g_status_json "$GW")
c2g_delta_check "reject: rejected counts 4 flows" "$before" "$after" rejected -eq 4
c2g_delta_check "reject: dropped moved" "$before" "$after" dropped -ge 4
c2g_fence $M "$GW" "$CLI"
c2g_alert_exactly "reject: one alert per flow" $M 4 action=reject tag=feed-r
c2g_check "flush tag feed-r" c2g_ctl "$GW" flush tag feed-r

# ---------------------------------------------------------------------------
# mark

c2g_check "add $SRV4, $SRV6 action mark" eval \
	"c2g_ctl $GW add $SRV4 action mark tag feed-m &&
	 c2g_ctl $GW add $SRV6 action mark tag feed-m"
before=$(c2g_status_json "$GW")
c2g_expect "mark tcp v4, no mark rule: flow works" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
after=$(c2g_status_json "$GW")
c2g_delta_check "mark: marked counts the flow" "$before" "$after" marked -eq 1
c2g_fence $M "$GW" "$CLI"
c2g_alert_match "mark: alert" $M daddr=$SRV4 tag=feed-m -- action=mark \
	dir=to-indicator

c2g_check "nft rule: ct mark and 0x00ff0000 == 0x00c20000 drop" c2g_nft_mark_drop "$GW"
before=$(c2g_status_json "$GW")
c2g_expect "mark tcp v4 + nft rule: flow dropped by nft" timeout \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
c2g_expect "mark tcp v6 + nft rule: flow dropped by nft" timeout \
	c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT
c2g_expect "mark udp v4 + nft rule: flow dropped by nft" timeout \
	c2g_udp "$CLI" $SRV4 $C2G_UDP_PORT
after=$(c2g_status_json "$GW")
n=$(c2g_nft_counter "$GW" inet c2g_mark c2g_fwd)
[ "${n:-0}" -ge 3 ]
c2g_result $? "mark: nft rule counter moved ($n packets)"
c2g_delta_check "mark: c2guard itself dropped nothing" "$before" "$after" dropped -eq 0
c2g_delta_check "mark: marked moved" "$before" "$after" marked -ge 3
c2g_expect "mark: unlisted flow passes the nft rule" ok \
	c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT

# the mark value is configurable; a new value misses the rule
if c2g_check "config set mark-value 0x00c30000" \
	c2g_ctl "$GW" config set mark-value 0x00c30000; then
	c2g_expect "mark value 0x00c30000: flow passes the 0x00c20000 rule" ok \
		c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
	ip netns exec "$GW" nft delete table inet c2g_mark
	c2g_nft_mark_drop "$GW" 0x00ff0000 0x00c30000
	c2g_expect "mark value 0x00c30000: a matching rule drops the flow" timeout \
		c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
	c2g_ctl "$GW" config set mark-value 0x00c20000
fi
ip netns exec "$GW" nft delete table inet c2g_mark
c2g_check "flush tag feed-m" c2g_ctl "$GW" flush tag feed-m

# ---------------------------------------------------------------------------
# the alert stream as a whole

c2g_fence $M "$GW" "$CLI"
out=$(c2g_seq_contiguous $M)
c2g_result $? "alert seq numbers are contiguous" "$out"
seq_caught_up()
{
	last=$(c2g_alert_seqs $M | tail -n1)
	s=$(c2g_status_json "$GW")
	[ -n "$last" ] && [ "$(c2g_jget "$s" alert_seq)" = "$last" ]
}
busywait "$C2G_WAIT_MS" seq_caught_up
c2g_result $? "status alert_seq = last alert's seq ($last)" "$s"
c2g_mon_alive $M

c2g_finish
