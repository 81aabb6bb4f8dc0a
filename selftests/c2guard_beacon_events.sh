#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What makes a beacon event (issue 15), at real time and the default
# settings (only "beacon on"): every new flow from an inside host is an
# event, whoever speaks, once the server answered.  Callers at U[3,5] s
# from CLI, all at once, each to its own destination on SRV:
#   banner     the server speaks first: the client connects, reads a
#              banner line, closes (SMTP-, FTP-, IRC-style): alerted within
#              16 events, its channel's size is the banner's
#   connect    the client connects and closes, nothing said either way:
#              alerted within 16 events, size 0
#   dead       an address nobody answers: SYNs (and their retransmits)
#              every 3-5 s get no SYN-ACK (the connect times out, or the
#              gateway's ARP gives up and says host unreachable): no event,
#              no channel, no alert
#   refused    a closed port: the server's reset refuses each connection:
#              no event, no channel
#   Poisson    connect-only calls at exponential gaps of mean 4 s: a
#              channel, no alert
# beacon_margin (selftests/bench) gives the scores' spread: a 25 % jitter
# beacon alerts by its 16th event in 2000 of 2000 runs, connect-only
# Poisson callers of mean 4 s reach the threshold in 1 of 2000 runs of 200
# events (this one makes 28 calls; gaps under beacon-retry merge, about 17
# events are left, at least 9 (8 gaps, a score) all but never).

source "$(dirname "$0")/lib.sh"

c2g_require_python
c2g_gw_setup beacon

TRAFFIC=$C2G_TRAFFIC
M=bev
P_BAN=2525
P_TCP=$C2G_TCP_PORT
P_SHUT=9			# nobody listens
BANNER="220 c2.example ESMTP ready"
D_BAN=$SRV4_B
D_CON=10.0.2.20
D_RND=10.0.2.22
D_DEAD=10.0.2.99		# on SRV's link, no host
D_REF=10.0.2.23
for a in $D_CON $D_RND $D_REF; do
	ip -n "$SRV" addr add "$a/24" dev eth0 || c2g_skip_all "cannot add $a"
done

ip netns exec "$SRV" "$PYTHON" "$TRAFFIC" serve $P_TCP \
	</dev/null >/dev/null 2>"$C2G_TMP/serve.err" &
c2g_track_pid $!
ip netns exec "$SRV" "$PYTHON" "$TRAFFIC" serve $P_BAN --banner "$BANNER" \
	</dev/null >/dev/null 2>"$C2G_TMP/serve_ban.err" &
c2g_track_pid $!
busywait "$C2G_WAIT_MS" c2g_listening "$SRV" tcp $P_TCP &&
	busywait "$C2G_WAIT_MS" c2g_listening "$SRV" tcp $P_BAN ||
	c2g_skip_all "servers did not start: $(cat "$C2G_TMP"/serve*.err)"
c2g_mon_ready $M "$GW" "$CLI"

c2g_check "beacon on (every other setting at its default)" \
	c2g_ctl "$GW" config set beacon on
cfg=$(c2g_config_json "$GW")
[ "$(jq -c '[.beacon_retry, .beacon_idle, .beacon_window, .beacon_min_gaps,
	.beacon_threshold, .beacon_action]' <<<"$cfg")" = '[2000,2000,32,8,70,"alert"]' ]
c2g_result $? "defaults: retry 2 s, idle 2 s, window 32, min-gaps 8, threshold 70, alert" "$cfg"

# ---------------------------------------------------------------------------
# Five callers at once.  The beacons call until they alerted and a few
# times more (at most 24); the others make their count.

U="--dist uniform --mean 4000 --jitter 0.25"
beacon ban "$CLI" tcp $D_BAN $P_BAN --speak server $U --count 24
beacon con "$CLI" tcp $D_CON $P_TCP --speak none $U --count 24
beacon dead "$CLI" tcp $D_DEAD $P_TCP --speak none $U --count 17 --timeout 1
beacon ref "$CLI" tcp $D_REF $P_SHUT --speak none $U --count 17 --timeout 1
beacon rnd "$CLI" tcp $D_RND $P_TCP --speak none --dist exp --mean 4000 \
	--count 28

W=$((150000 * C2G_SLOW))
for g in "ban $D_BAN $P_BAN" "con $D_CON $P_TCP"; do
	set -- $g
	slowwait $W alert_or_done "$1" $M saddr=$CLI4 daddr="$2" dport="$3" proto=tcp
	slowwait $W gen_ge "$1" $(($(gen_lines "$1") + 3))
	gen_stop "$1"
done
slowwait $W gen_ge dead 17
slowwait $W gen_ge ref 17
slowwait $W gen_ge rnd 28
for g in dead ref rnd; do
	gen_stop $g
done
c2g_fence $M "$GW" "$CLI" || c2g_info "fence of monitor $M failed"

# check_beacon CASE DST PORT SIZE: one alert by the 16th event, a sane
# interval, the channel with the event size SIZE
check_beacon()
{
	local c=$1 dst=$2 port=$3 size=$4 a ch ev sc iv gaps med
	gaps=$(gen_gaps "$c")
	c2g_info "  $c sent: $gaps"
	a=$(bc_alerts $M saddr=$CLI4 daddr="$dst" dport="$port" proto=tcp | head -n1)
	ch=$(bc_chan "$GW" saddr=$CLI4 daddr="$dst" dport="$port" proto=tcp)
	c2g_info "  alert: $a"
	c2g_info "  channel: $ch"
	ev=$(bc_get "$a" .beacon.events)
	sc=$(bc_get "$a" .beacon.score)
	[ -n "$a" ] && [ -n "$ev" ] && [ "$ev" -le 16 ] && [ "$sc" -ge 70 ]
	c2g_result $? "$c: alerted at event ${ev:-?} (<= 16), score ${sc:-?}" \
		"$(bc_dump "$GW")"
	iv=$(bc_get "$a" .beacon.interval_ms)
	med=$(kv "$gaps" median)
	[ -n "$iv" ] && [ "$iv" -ge $((med * 60 / 100)) ] &&
		[ "$iv" -le $((med * 140 / 100)) ]
	c2g_result $? "$c: interval ${iv:-?} ms within 40 % of the median sent (${med:-?} ms)"
	[ "$(bc_alert_count $M saddr=$CLI4 daddr="$dst" dport="$port" proto=tcp)" = 1 ] &&
		[ "$(bc_get "$ch" .alerts)" = 1 ] && [ "$(bc_get "$ch" .size)" = "$size" ]
	c2g_result $? "$c: one alert (hold-down), the channel's event size $(bc_get "$ch" .size) ($size)"
}

# 1. the server speaks first: the size is its banner line's
check_beacon ban $D_BAN $P_BAN $((${#BANNER} + 1))
# 2. connect-only
check_beacon con $D_CON $P_TCP 0

# 3, 4. no answer, or a reset: no event at all
for g in "dead $D_DEAD fail:" "ref $D_REF fail:ECONNREFUSED"; do
	set -- $g
	n=$(grep -c "$3" "$C2G_TMP/gen.$1")
	[ "$n" -ge 16 ]
	c2g_result $? "$1: $n attempts failed ($(cut -d' ' -f2 "$C2G_TMP/gen.$1" |
		sort | uniq -c | xargs))" "$(tail -n 3 "$C2G_TMP/gen.$1")"
	bc_absent "$GW" saddr=$CLI4 daddr="$2" &&
		[ "$(bc_alert_count $M daddr="$2")" = 0 ]
	c2g_result $? "$1: no channel, no alert for $2" "$(bc_dump "$GW")"
done

# 5. Poisson
ch=$(bc_chan "$GW" saddr=$CLI4 daddr=$D_RND dport=$P_TCP proto=tcp)
c2g_info "  rnd sent: $(gen_gaps rnd)"
c2g_info "  channel: $ch"
[ -n "$ch" ] && [ "$(bc_get "$ch" .events)" -ge 9 ] &&
	[ "$(bc_get "$ch" .score)" -lt 70 ] && [ "$(bc_get "$ch" .size)" = 0 ] &&
	[ "$(bc_alert_count $M daddr=$D_RND)" = 0 ]
c2g_result $? "Poisson: a scored channel (>= 9 connect-only events), score $(bc_get "$ch" .score) < 70, no alert"

c2g_info "status: $(c2g_status_json "$GW" |
	jq -c 'with_entries(select(.key | startswith("beacon")))')"
c2g_finish
