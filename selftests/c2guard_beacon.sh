#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Beacon detection (uapi "Beacon detection"), at compressed time: retries
# under 100 ms, flows idle 100 ms, intervals around 0.5 s.  Two inside
# hosts (CLI, and CLI2 for the flood) behind the gateway, servers on SRV:
#   1. a jittered TCP beacon, a new connection every 0.5 s +-33 % with a
#      fixed request: exactly one beacon alert (hold-down), interval within
#      40 % of the true median, sane jitter; "beacons" shows the channel
#   2. a Kraken-like UDP beacon, one socket on a fixed source port (one
#      conntrack flow, polled after idling): alert
#   3. Poisson (exponential) callbacks of the same mean to another
#      destination: no alert, the channel is there with a low score
#   4. allowlisted: an address ("beacons allow add ADDR") and a port
#      ("beacons allow add PORT/tcp"): their channels are forgotten at once,
#      never come back, never alert, and beacon_exempt counts the events
#   5. beacon-action drop (then reject, then alert again): new flows of the
#      alerted channel fail, another destination still works
#   6. a flood of distinct flows from CLI2 with beacon-max small while CLI
#      beacons: the channel count never passes the cap, CLI2's own
#      channels are evicted, the beacon is still caught (memory printed)
#   7. beacon off forgets every channel, and nothing is timed any more
# plus settings refused (by c2ctl's range checks and, sent raw, by the
# kernel with its extended ACK message) and the config/status keys.
#
# The scores are those of kmod/beacon.c (docs/beacon-score.md), with a
# window of 24 gaps and a threshold of 72.  An emulated machine on a busy
# host adds noise (scheduling jitter, some gaps hundreds of ms or seconds
# late) that can keep a window under the threshold until the late gap has
# slid out of it, so beacons run until their alert (at most 160 events),
# and the waits are bounded by that, times C2GUARD_SLOW.  With the score
# of issue 15 (full count at 16 gaps) the TCP beacon alerted after 19 and
# 32 connections, the UDP one after 29 and 37 datagrams, on 6.1 and 6.12,
# and the Poisson channel scored 11 and 10 (beacon_margin, selftests/bench,
# has the score's spread without that noise).
#
# Environment: C2GUARD_STRESS=full floods 200000 flows with beacon-max
# 20000 (default: 30000 flows, beacon-max 5000); C2GUARD_BEACON_FLOOD
# and C2GUARD_BEACON_MAX set them alone.

source "$(dirname "$0")/lib.sh"

c2g_gw_setup beacon

TRAFFIC=$C2G_SELFTEST_DIR/beacon_traffic.py

if [ "${C2GUARD_STRESS:-}" = full ]; then
	d_flood=200000 d_max=20000
else
	d_flood=30000 d_max=5000
fi
FLOOD=${C2GUARD_BEACON_FLOOD:-$d_flood}
BMAX=${C2GUARD_BEACON_MAX:-$d_max}

# Settings of the whole test (ms, counts).
RETRY=100
IDLE=100
# the beacon of 1 must outlive 2-4 to be dropped in 5: on a debug kernel
# on a busy host those took over 10 minutes
SILENCE=$((600000 * C2G_SLOW))
HOLDDOWN=3600000
WINDOW=24
MINGAPS=8
THRESHOLD=72

# A second inside host, CLI2 10.0.5.2, on its own gateway port; the flood
# goes to 172.16.0.0/16, routed to SRV (which drops it).
CLI2="c2g-cli2-$C2G_SFX"
CLI2_4=10.0.5.2
GWC2_4=10.0.5.1
FLOOD_NET=172.16.0.0
c2g_netns_add "$CLI2" &&
	ip link add eth0 netns "$CLI2" type veth peer name cli1 netns "$GW" &&
	ip -n "$CLI2" addr add $CLI2_4/24 dev eth0 &&
	ip -n "$GW" addr add $GWC2_4/24 dev cli1 &&
	ip -n "$CLI2" link set eth0 up &&
	ip -n "$GW" link set cli1 up &&
	ip -n "$CLI2" route add default via $GWC2_4 &&
	ip -n "$GW" route add $FLOOD_NET/16 via "$SRV4" ||
	c2g_skip_all "cannot add the second client"

# Destinations, one per case (all on SRV).
D_TCP=$SRV4		# 1: jittered TCP beacon, then 5: the action
D_UDP=$SRV4_B		# 2: Kraken-like UDP
D_RND=10.0.2.20		# 3: Poisson; 5: "another destination"
D_ALW=10.0.2.21		# 4: allowlisted address
D_PRT=10.0.2.22		# 4: allowlisted port
D_FLD=10.0.2.23		# 6: the beacon during the flood
D_OFF=10.0.2.24		# 7: after beacon off
P_TCP=$C2G_TCP_PORT
P_UDP=$C2G_UDP_PORT
P_ALW=8081		# the allowlisted port
SPORT_UDP=40053		# the UDP beacon's fixed source port
for a in $D_RND $D_ALW $D_PRT $D_FLD $D_OFF; do
	ip -n "$SRV" addr add "$a/24" dev eth0 || c2g_skip_all "cannot add $a"
done

# TCP echo without a process per connection, and the UDP echo of lib.sh
ip netns exec "$SRV" "$PYTHON" "$TRAFFIC" serve $P_TCP,$P_ALW \
	</dev/null >/dev/null 2>"$C2G_TMP/serve.err" &
c2g_track_pid $!
busywait "$C2G_WAIT_MS" c2g_listening "$SRV" tcp $P_TCP &&
	busywait "$C2G_WAIT_MS" c2g_listening "$SRV" tcp $P_ALW ||
	c2g_skip_all "echo server did not start: $(cat "$C2G_TMP/serve.err")"
c2g_serve_udp "$SRV" || c2g_skip_all "UDP echo server did not start"
busywait "$C2G_WAIT_MS" c2g_tcp "$CLI" $D_RND $P_TCP 1 ||
	c2g_skip_all "topology: client cannot reach server"
busywait "$C2G_WAIT_MS" c2g_tcp "$CLI2" $D_RND $P_TCP 1 ||
	c2g_skip_all "topology: second client cannot reach server"

M="bc"
c2g_mon_ready $M "$GW" "$CLI"

# ---------------------------------------------------------------------------
# Settings: the keys, what c2ctl refuses, what the kernel refuses

cfg=$(c2g_config_json "$GW")
missing=
for k in beacon beacon_retry beacon_idle beacon_silence beacon_holddown \
	beacon_window beacon_min_gaps beacon_threshold beacon_max \
	beacon_action beacon_allow_ports; do
	jq -e --arg k $k 'has($k)' <<<"$cfg" >/dev/null || missing+=" $k"
done
[ -z "$missing" ]
c2g_result $? "config -j has every beacon setting" "missing:$missing" "$cfg"
# (not c2g_jget: jq's "//" takes false for absent)
[ "$(jq -r .beacon <<<"$cfg")" = false ]
c2g_result $? "beacon detection is off by default" "$cfg"
st=$(c2g_status_json "$GW")
missing=
for k in beacon_channels beacon_sources beacon_events beacon_alerts \
	beacon_evicted beacon_refused beacon_expired beacon_exempt beacon_mem \
	beacon_nolabels; do
	jq -e --arg k $k 'has($k)' <<<"$st" >/dev/null || missing+=" $k"
done
[ -z "$missing" ]
c2g_result $? "status -j has every beacon counter" "missing:$missing" "$st"

# cfg_refused DESC WANT_KERNEL ARGS...: "config set ARGS" fails, its error
# is shown; with WANT_KERNEL=1 it must be the kernel's (extended ACK)
cfg_refused()
{
	local desc=$1 kern=$2 out rc
	shift 2
	out=$(c2g_ctl "$GW" config set "$@" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		c2g_fail "$desc" "config set $* succeeded" "$out"
	elif [ "$kern" = 1 ] && [[ $out != *"kernel:"* || $out == *"Unknown attribute"* ]]; then
		c2g_fail "$desc" "no message from the kernel about it" "$out"
	else
		c2g_pass "$desc"
		c2g_info "  $out"
	fi
}

cfg_refused "beacon-min-gaps 3 refused" 0 beacon-min-gaps 3
cfg_refused "beacon-threshold 101 refused" 0 beacon-threshold 101
cfg_refused "beacon-window 33 refused" 0 beacon-window 33
cfg_refused "beacon-action allow refused" 0 beacon-action allow
# relations only the kernel knows (with the settings now in force)
mg=$(c2g_jget "$cfg" beacon_min_gaps)
mg=${mg:-8}
cfg_refused "beacon-window below beacon-min-gaps ($mg) refused by the kernel" 1 \
	beacon-window $((mg - 1))
cfg_refused "beacon-silence not above beacon-retry refused by the kernel" 1 \
	beacon-retry 5000 beacon-silence 5000

# the same out-of-range values sent raw, past c2ctl's own checks
# kraw DESC ATTR=VALUE...: the kernel refuses with an extended ACK message
kraw()
{
	local desc=$1 out rc
	shift
	out=$(ip netns exec "$GW" "$PYTHON" "$TRAFFIC" cfgset "$@" 2>&1)
	rc=$?
	# (a kernel without the attribute refuses it too, for another reason)
	[[ $out == *"Unknown attribute"* ]] && rc=1
	c2g_result $rc "$desc" "$out"
	[ $rc = 0 ] && c2g_info "  kernel: $out"
}
kraw "kernel refuses BEACON_MIN_GAPS 3" BEACON_MIN_GAPS=3
kraw "kernel refuses BEACON_THRESHOLD 101" BEACON_THRESHOLD=101
kraw "kernel refuses BEACON_THRESHOLD 0" BEACON_THRESHOLD=0
kraw "kernel refuses BEACON_WINDOW 33" BEACON_WINDOW=33
kraw "kernel refuses BEACON_RETRY 0" BEACON_RETRY=0

cfg2=$(c2g_config_json "$GW")
[ "$cfg2" = "$cfg" ]
c2g_result $? "refused settings changed nothing" "before: $cfg" "after:  $cfg2"

c2g_check "beacon on, compressed time" c2g_ctl "$GW" config set beacon on \
	beacon-retry $RETRY beacon-idle $IDLE beacon-silence $SILENCE \
	beacon-holddown $HOLDDOWN beacon-min-gaps $MINGAPS beacon-window $WINDOW \
	beacon-threshold $THRESHOLD beacon-action alert
cfg=$(c2g_config_json "$GW")
got=$(jq -r '[.beacon, .beacon_retry, .beacon_idle, .beacon_silence,
	.beacon_holddown, .beacon_window, .beacon_min_gaps, .beacon_threshold,
	.beacon_action] | map(tostring) | join(" ")' <<<"$cfg")
want="true $RETRY $IDLE $SILENCE $HOLDDOWN $WINDOW $MINGAPS $THRESHOLD alert"
[ "$got" = "$want" ]
c2g_result $? "config -j shows the settings" "got:  $got" "want: $want"
c2g_info "beacon-max (default) $(c2g_jget "$cfg" beacon_max)"

# ---------------------------------------------------------------------------
# 1-4: five callers at once from CLI.  The beacons go on until they
# alerted and 8 events more (at most 160 events): a stall of the emulated
# machine (seconds, when the host is busy) is an outlier gap that keeps a
# window from scoring high until it has slid out of it.  The others stop
# after 40 events.  The allowlisted ones call at a fixed 1.2 s, a pace that
# alerts at the ninth event: they make 3 calls and stop, so their channels
# have history but no alert however slow the machine is when they are
# allowlisted (on the debug kernel the checks and c2ctl calls between the
# third call and the allowlist took more than the 7 s left before the
# ninth); then they call 16 times more, enough to alert had the allowlist
# not held.

st0=$(c2g_status_json "$GW")
c2g_now
t_start=$C2G_NOW_MS
beacon tcp "$CLI" tcp $D_TCP $P_TCP --dist uniform --mean 500 --jitter 0.33 \
	--count 160 --size 48
beacon udp "$CLI" udp $D_UDP $P_UDP --sport $SPORT_UDP --dist uniform \
	--mean 500 --jitter 0.2 --count 160 --size 60
# (sizes vary a little, as real traffic's do; the timing decides)
beacon rnd "$CLI" tcp $D_RND $P_TCP --dist exp --mean 500 --count 160 --size 40-120
beacon alw "$CLI" tcp $D_ALW $P_TCP --dist fixed --mean 1200 --count 3 --size 48
beacon prt "$CLI" tcp $D_PRT $P_ALW --dist fixed --mean 1200 --count 3 --size 48

# 4. allowlist the two destinations once their channels have history
W=$((30000 * C2G_SLOW))
slowwait $W bc_events_ge "$GW" 3 saddr=$CLI4 daddr=$D_ALW dport=$P_TCP proto=tcp
c2g_result $? "4: the channel to $D_ALW:$P_TCP has events" "$(bc_dump "$GW")"
slowwait $W bc_events_ge "$GW" 3 saddr=$CLI4 daddr=$D_PRT dport=$P_ALW proto=tcp
c2g_result $? "4: the channel to $D_PRT:$P_ALW has events"
c2g_check "4: beacons allow add $D_ALW" c2g_ctl "$GW" beacons allow add $D_ALW
c2g_check "4: beacons allow add $P_ALW/tcp" c2g_ctl "$GW" beacons allow add $P_ALW/tcp
st_allow=$(c2g_status_json "$GW")
gen_stop alw
gen_stop prt
beacon alw "$CLI" tcp $D_ALW $P_TCP --dist fixed --mean 1200 --count 160 --size 48
beacon prt "$CLI" tcp $D_PRT $P_ALW --dist fixed --mean 1200 --count 160 --size 48
bc_absent "$GW" daddr=$D_ALW
c2g_result $? "4: allowlisting $D_ALW forgot its channel" "$(bc_dump "$GW")"
bc_absent "$GW" dport=$P_ALW proto=tcp
c2g_result $? "4: allowlisting $P_ALW/tcp forgot its channel"
al=$(c2g_ctl "$GW" -j beacons allow list)
grep -q "\"$D_ALW\"" <<<"$al" && grep -q "\"port\":$P_ALW" <<<"$al"
c2g_result $? "4: beacons allow list shows both" "$al"
[ "$(c2g_jget "$(c2g_config_json "$GW")" beacon_allow_ports | jq -c .)" = "[\"$P_ALW/tcp\"]" ]
c2g_result $? "4: config beacon_allow_ports is [\"$P_ALW/tcp\"]" "$(c2g_config_json "$GW")"

# 1, 2: the alerts
W=$((120000 * C2G_SLOW))
slowwait $W alert_or_done tcp $M saddr=$CLI4 daddr=$D_TCP dport=$P_TCP proto=tcp
bc_alert_seen $M saddr=$CLI4 daddr=$D_TCP dport=$P_TCP proto=tcp
c2g_result $? "1: the jittered TCP beacon alerts" "$(bc_dump "$GW" | head -n 6)"
c2g_now
n=$(gen_lines tcp)
c2g_info "  (after $(((C2G_NOW_MS - t_start) / 1000)) s, $n connections)"
slowwait $W gen_ge tcp $((n + 8))
gen_stop tcp
slowwait $W alert_or_done udp $M saddr=$CLI4 daddr=$D_UDP dport=$P_UDP proto=udp
bc_alert_seen $M saddr=$CLI4 daddr=$D_UDP dport=$P_UDP proto=udp
c2g_result $? "2: the UDP beacon on one flow alerts" "$(bc_dump "$GW" | head -n 6)"
c2g_now
n=$(gen_lines udp)
c2g_info "  (after $(((C2G_NOW_MS - t_start) / 1000)) s, $n datagrams)"
slowwait $W gen_ge udp $((n + 8))
gen_stop udp
slowwait $W gen_ge rnd 40
gen_stop rnd
slowwait $W gen_ge alw 16
gen_stop alw
slowwait $W gen_ge prt 16
gen_stop prt
c2g_fence $M "$GW" "$CLI" || c2g_info "fence of monitor $M failed"
st1=$(c2g_status_json "$GW")
c2g_deltas "$st0" "$st1"
c2g_info "status: $(jq -c 'with_entries(select(.key | startswith("beacon")))' <<<"$st1")"

# check_alert CASE NAME PROTO DST PORT: one alert, its fields and the
# channel in "beacons"
check_alert()
{
	local c=$1 g=$2 proto=$3 dst=$4 port=$5 a n gaps med lo hi iv jit sc ev gp ch
	n=$(bc_alert_count $M saddr=$CLI4 daddr="$dst" dport="$port" proto="$proto")
	[ "$n" = 1 ]
	c2g_result $? "$c: exactly one alert for $dst:$port/$proto (hold-down)" \
		"$n alerts" "$(bc_alerts $M daddr="$dst" | head -n 3)"
	a=$(bc_alerts $M saddr=$CLI4 daddr="$dst" dport="$port" proto="$proto" | head -n1)
	[ -n "$a" ] || return 0
	c2g_info "  alert: $a"
	gaps=$(gen_gaps "$g")
	med=$(kv "$gaps" median)
	c2g_info "  sent: $gaps"
	iv=$(bc_get "$a" .beacon.interval_ms)
	jit=$(bc_get "$a" .beacon.jitter_pm)
	sc=$(bc_get "$a" .beacon.score)
	ev=$(bc_get "$a" .beacon.events)
	gp=$(bc_get "$a" .beacon.gaps)
	lo=$((med * 60 / 100))
	hi=$((med * 140 / 100))
	[ -n "$iv" ] && [ "$iv" -ge $lo ] && [ "$iv" -le $hi ]
	c2g_result $? "$c: alert interval ${iv:-?} ms within 40 % of the median sent ($med ms)"
	[ -n "$jit" ] && [ "$jit" -gt 0 ] && [ "$jit" -lt 400 ]
	c2g_result $? "$c: alert jitter ${jit:-?} permille is sane (0 < j < 400)"
	[ -n "$sc" ] && [ "$sc" -ge $THRESHOLD ] && [ "$sc" -le 100 ] &&
		[ -n "$gp" ] && [ "$gp" -ge $MINGAPS ] && [ -n "$ev" ] && [ "$ev" -gt "$gp" ]
	c2g_result $? "$c: alert score ${sc:-?} >= $THRESHOLD, gaps ${gp:-?} >= $MINGAPS, events ${ev:-?}"
	[ "$(bc_get "$a" .action)" = alert ] && [ "$(bc_get "$a" .family)" = inet ]
	c2g_result $? "$c: alert action alert, family inet" "$a"
	ch=$(bc_chan "$GW" saddr=$CLI4 daddr="$dst" dport="$port" proto="$proto")
	c2g_info "  channel: $ch"
	# (its score now covers the last gaps, which a stall of the emulated
	# machine may have spoilt since: the order against the Poisson
	# channel is checked below)
	[ -n "$ch" ] && [ "$(bc_get "$ch" .alerts)" = 1 ] &&
		[ "$(bc_get "$ch" .events)" -ge "${ev:-0}" ] &&
		[ "$(bc_get "$ch" .family)" = inet ]
	c2g_result $? "$c: beacons shows the channel, alerted once, score now $(bc_get "$ch" .score)"
}
check_alert 1 tcp tcp $D_TCP $P_TCP
check_alert 2 udp udp $D_UDP $P_UDP

# 3. Poisson
n=$(bc_alert_count $M daddr=$D_RND)
[ "$n" = 0 ]
c2g_result $? "3: no alert for the Poisson callbacks to $D_RND" "$(bc_alerts $M daddr=$D_RND)"
ch=$(bc_chan "$GW" saddr=$CLI4 daddr=$D_RND dport=$P_TCP proto=tcp)
chs=$(bc_get "$ch" .score)
c2g_info "  sent: $(gen_gaps rnd)"
c2g_info "  channel: $ch"
[ -n "$ch" ] && [ "$(bc_get "$ch" .events)" -ge 20 ] &&
	[ -n "$chs" ] && [ "$chs" -lt $THRESHOLD ] && [ "$(bc_get "$ch" .alerts)" = 0 ]
c2g_result $? "3: its channel exists, >= 20 events, score ${chs:-?} < $THRESHOLD"
# the channels are sorted by score: the alerted ones above the Poisson one
order=$(bc_dump "$GW" | jq -r 'select(.saddr == "'$CLI4'") | .daddr' |
	grep -nxE "$D_TCP|$D_RND" | tr '\n' ' ')
[[ $order == *":$D_TCP "*":$D_RND "* ]]
c2g_result $? "3: beacons sorts the TCP beacon above the Poisson channel" "$order"

# 4. allowlisted: never back, never alerted, counted
for d in "$D_ALW daddr=$D_ALW" "$P_ALW/tcp dport=$P_ALW"; do
	bc_absent "$GW" "${d#* }"
	c2g_result $? "4: no channel for ${d%% *} after its run" "$(bc_dump "$GW")"
	[ "$(bc_alert_count $M "${d#* }")" = 0 ]
	c2g_result $? "4: no alert for ${d%% *}"
done
c2g_deltas "$st_allow" "$st1"
c2g_info "  sent: $D_ALW $(gen_gaps alw); $P_ALW $(gen_gaps prt)"
c2g_delta_is "4: beacon_exempt counts the allowlisted events" beacon_exempt -ge 30
c2g_check "4: beacons allow del $D_ALW" c2g_ctl "$GW" beacons allow del $D_ALW
c2g_check "4: beacons allow del $P_ALW/tcp" c2g_ctl "$GW" beacons allow del $P_ALW/tcp
al=$(c2g_ctl "$GW" -j beacons allow list)
[ "$al" = "[]" ]
c2g_result $? "4: beacons allow list is empty again" "$al"

c2g_deltas "$st0" "$st1"
c2g_delta_is "1-4: beacon_alerts counts 2" beacon_alerts -eq 2
c2g_delta_is "1-4: beacon_events counted" beacon_events -ge 60
c2g_delta_is "1-4: nothing refused" beacon_refused -eq 0
c2g_info "  beacon_nolabels +${C2G_DELTA[beacon_nolabels]}, beacon_sources $(c2g_jget "$st1" beacon_sources)"
n=$(bc_dump "$GW" | jq -c "$(bc_sel saddr=$CLI4)" | wc -l)
[ "$n" -ge 3 ]
c2g_result $? "1-4: CLI holds the channels of its callers ($n)" "$(bc_dump "$GW")"

# ---------------------------------------------------------------------------
# 5. the action, on new flows of the alerted channel

c2g_ctl "$GW" config set beacon-action drop >/dev/null
s0=$(c2g_status_json "$GW")
c2g_expect "5: drop: a new flow to the beacon's $D_TCP:$P_TCP is dropped" \
	timeout c2g_tcp "$CLI" $D_TCP $P_TCP 2 ||
	c2g_info "  channel: $(bc_chan "$GW" saddr=$CLI4 daddr=$D_TCP dport=$P_TCP proto=tcp)" \
		"  config: $(c2g_config_json "$GW")"
c2g_expect "5: drop: $D_RND:$P_TCP (no alert) still works" ok c2g_tcp "$CLI" $D_RND $P_TCP
c2g_expect "5: drop: $D_TCP:$P_ALW (another channel) still works" ok c2g_tcp "$CLI" $D_TCP $P_ALW
c2g_expect "5: drop: $D_TCP:$P_TCP from CLI2 (another host) still works" ok \
	c2g_tcp "$CLI2" $D_TCP $P_TCP
s1=$(c2g_status_json "$GW")
c2g_deltas "$s0" "$s1"
c2g_delta_is "5: drop: status dropped counts it" dropped -ge 1
c2g_ctl "$GW" config set beacon-action reject >/dev/null
c2g_expect_fast "5: reject: a new flow to $D_TCP:$P_TCP is refused at once" refused \
	c2g_tcp "$CLI" $D_TCP $P_TCP
s2=$(c2g_status_json "$GW")
c2g_deltas "$s1" "$s2"
c2g_delta_is "5: reject: status rejected counts it" rejected -ge 1
c2g_ctl "$GW" config set beacon-action alert >/dev/null
c2g_expect "5: alert: $D_TCP:$P_TCP works again" ok c2g_tcp "$CLI" $D_TCP $P_TCP
c2g_fence $M "$GW" "$CLI" || c2g_info "fence of monitor $M failed"
c2g_alert_exactly "5: the dropped and rejected flows did not alert again" $M 1 \
	reason=beacon daddr=$D_TCP

# ---------------------------------------------------------------------------
# 6. flood of distinct flows from CLI2 while CLI beacons

c2g_check "6: beacons flush" c2g_ctl "$GW" beacons flush
[ "$(c2g_stat "$GW" beacon_channels)" = 0 ]
c2g_result $? "6: flush leaves no channel"
c2g_check "6: beacon-max $BMAX" c2g_ctl "$GW" config set beacon-max "$BMAX"
# (the limit is global; put back at exit, after the gateway and its
# flows are gone)
ctmax_file=/proc/sys/net/netfilter/nf_conntrack_max
ctmax=$(cat "$ctmax_file")
bc_cleanup()
{
	c2g_cleanup
	echo "$ctmax" >"$ctmax_file"
}
trap bc_cleanup EXIT
[ "$ctmax" -lt $((FLOOD + 65536)) ] && echo $((FLOOD + 65536)) >"$ctmax_file"
st0=$(c2g_status_json "$GW")
slab0=$(slab_kb) sunr0=$(sunreclaim_kb) mem0=$(c2g_jget "$st0" beacon_mem)

beacon fld "$CLI" tcp $D_FLD $P_TCP --dist uniform --mean 500 --jitter 0.1 \
	--count 400 --size 48
slowwait $((30000 * C2G_SLOW)) bc_events_ge "$GW" 2 saddr=$CLI4 daddr=$D_FLD
c2g_result $? "6: the beacon's channel is there before the flood"
c2g_now
t0=$C2G_NOW_MS
ip netns exec "$CLI2" "$PYTHON" "$TRAFFIC" flood --count "$FLOOD" --net $FLOOD_NET \
	</dev/null >"$C2G_TMP/flood.out" 2>&1 &
fpid=$!
c2g_track_pid $fpid
maxch=0 maxsrc=0 polls=0
while kill -0 $fpid 2>/dev/null; do
	# (one c2ctl and one jq a poll: the flood keeps the CPUs busy)
	read -r n ns <<<"$(c2g_ctl "$GW" -j status 2>/dev/null |
		jq -r '"\(.beacon_channels // 0) \(.beacon_sources // 0)"')"
	[ "${n:-0}" -gt "$maxch" ] && maxch=$n
	[ "${ns:-0}" -gt "$maxsrc" ] && maxsrc=$ns
	polls=$((polls + 1))
	sleep 0.2
done
wait $fpid
c2g_now
fms=$((C2G_NOW_MS - t0))
fout=$(cat "$C2G_TMP/flood.out")
st1=$(c2g_status_json "$GW")
slab1=$(slab_kb) sunr1=$(sunreclaim_kb)
n=$(c2g_jget "$st1" beacon_channels)
n=${n:-0}
[ "$n" -gt "$maxch" ] && maxch=$n
mem1=$(c2g_jget "$st1" beacon_mem)
mem1=${mem1:-0}
ctn=$(ip netns exec "$GW" cat /proc/sys/net/netfilter/nf_conntrack_count)
c2g_deltas "$st0" "$st1"
c2g_info "flood: $fout (CLI2, $FLOOD distinct flows, $fms ms with start-up); conntrack $ctn entries in the gateway"
c2g_info "beacon: channels max $maxch over $polls polls (cap $BMAX), now $n, sources max $maxsrc, evicted +${C2G_DELTA[beacon_evicted]}, events +${C2G_DELTA[beacon_events]}, refused +${C2G_DELTA[beacon_refused]}, nolabels +${C2G_DELTA[beacon_nolabels]}"
c2g_info "memory: beacon_mem $mem0 -> $mem1 B ($((mem1 / (n > 0 ? n : 1))) B per channel held); Slab $slab0 -> $slab1 kB, SUnreclaim $sunr0 -> $sunr1 kB (the flood's conntrack entries included)"
echo "beacon_flood flows=$FLOOD $fout cap=$BMAX max_channels=$maxch evicted=${C2G_DELTA[beacon_evicted]} beacon_mem=$mem1 slab_kb=$slab0..$slab1 sunreclaim_kb=$sunr0..$sunr1 ct=$ctn" \
	>>"${C2VM_ARTIFACTS:-$C2G_TMP}/beacon.flood" 2>/dev/null
[[ $fout =~ sent=([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge $((FLOOD * 99 / 100)) ]
c2g_result $? "6: the flood sent its $FLOOD flows" "$fout"
[ "$maxch" -le "$BMAX" ] && [ "$maxch" -gt 0 ]
c2g_result $? "6: beacon_channels never above beacon-max ($maxch <= $BMAX)"
c2g_delta_is "6: channels were evicted" beacon_evicted -gt 0
c2g_delta_is "6: the flood's events were recorded" beacon_events -ge $((FLOOD / 2))
[ "$mem1" -gt 0 ]
c2g_result $? "6: beacon_mem is reported ($mem1 B)"
[ "$maxsrc" -ge 2 ]
c2g_result $? "6: both inside hosts held channels (sources max $maxsrc)"
slowwait $((60000 * C2G_SLOW)) alert_or_done fld $M saddr=$CLI4 daddr=$D_FLD dport=$P_TCP proto=tcp
bc_alert_seen $M saddr=$CLI4 daddr=$D_FLD dport=$P_TCP proto=tcp
c2g_result $? "6: the beacon of CLI is still caught" \
	"$(bc_chan "$GW" saddr=$CLI4 daddr=$D_FLD)" "$(gen_gaps fld)"
a=$(bc_alerts $M daddr=$D_FLD | head -n1)
[ -n "$a" ] && c2g_info "  alert: $a"
c2g_info "  sent: $(gen_gaps fld)"
bc_has "$GW" saddr=$CLI4 daddr=$D_FLD
c2g_result $? "6: CLI's channel survived the flood (CLI2 lost its own)"
gen_stop fld
n=$(bc_dump "$GW" | wc -l)
[ "$n" -le "$BMAX" ]
c2g_result $? "6: beacons lists $n channels (<= $BMAX)"

# ---------------------------------------------------------------------------
# 7. off

c2g_check "7: beacon off" c2g_ctl "$GW" config set beacon off
st=$(c2g_status_json "$GW")
[ "$(c2g_jget "$st" beacon_channels)" = 0 ] && [ "$(c2g_jget "$st" beacon_sources)" = 0 ]
c2g_result $? "7: off forgets every channel (beacon_channels 0, beacon_sources 0)" \
	"$(jq -c 'with_entries(select(.key | startswith("beacon")))' <<<"$st")"
c2g_info "  beacon_mem after off: $(c2g_jget "$st" beacon_mem) B"
out=$(c2g_ctl "$GW" -j beacons all | jq -c .)
[ "$out" = "[]" ]
c2g_result $? "7: beacons all is []" "$out"
ev0=$(c2g_jget "$st" beacon_events)
for _ in 1 2 3; do
	c2g_tcp "$CLI" $D_OFF $P_TCP 2
done
st=$(c2g_status_json "$GW")
[ "$(c2g_jget "$st" beacon_channels)" = 0 ] && [ "$(c2g_jget "$st" beacon_events)" = "$ev0" ]
c2g_result $? "7: while off, new flows are not timed" \
	"$(jq -c 'with_entries(select(.key | startswith("beacon")))' <<<"$st")"

c2g_mon_alive $M
c2g_mon_stop $M

c2g_finish
