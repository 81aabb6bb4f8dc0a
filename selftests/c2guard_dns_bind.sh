#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Addresses bound from DNS answers (issue 3): a listed name resolves
# through the gateway (dnsmasq in the server netns, dig in the client),
# then a plain TCP connection to the address returned - no name in it - is
# caught, and the alert names the domain.
#   A and AAAA        both bound; the TCP flow alerts with reason dns-answer
#   lifetime          the record's TTL raised to bind-ttl-min, capped at
#                     bind-ttl-max; the binding expires, after which the
#                     address is free again
#   CNAME chain       a listed name inside the chain of the answer to an
#                     unlisted query binds the final A record, with the
#                     listed name's action (alert; reject: RST)
#   user indicators   an address listed by the user is never overwritten
#   bind-max          at most N bindings (more refused and counted); 0 = off
#   negative          an unlisted name binds nothing
# plus status counters (bind_added, bound, bind_refused, expired) and flush.
# Answer addresses (issue 18), in a netns with no name listed:
#   sinkhole          an answer (A, AAAA, through a CNAME) carrying a listed
#                     answer address alerts with reason sinkhole, naming the
#                     asking host, the name and the address; the same
#                     address reached directly (no DNS) does not; an
#                     unlisted answer does not; action drop drops the
#                     answer; an allowlisted name is left alone

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools dnsmasq dig
c2g_gw_setup domain dns-bind

# addresses of our own on the server, one role each
B1=10.0.2.11 B6=fd00:2::11	# c2.bind.example, TTL 0
LONG4=10.0.2.12			# long.bind.example, TTL 86400
CH=10.0.2.13			# www.innocent.example -> c2.chain.example
RCH=10.0.2.14			# www2.innocent.example -> c2.rchain.example
MULTI1=10.0.2.15 MULTI2=10.0.2.16	# multi.bind.example
USER4=10.0.2.17			# user.bind.example, also listed by the user
NL=10.0.2.18			# unlisted.example
SINK4=10.0.2.19 SINK6=fd00:2::19	# c2.sunk.example: a sinkhole's addresses
for a in $B1 $LONG4 $CH $RCH $MULTI1 $MULTI2 $USER4 $NL $SINK4; do
	ip -n "$SRV" addr add "$a/24" dev eth0
done
ip -n "$SRV" addr add $B6/64 dev eth0 nodad
ip -n "$SRV" addr add $SINK6/64 dev eth0 nodad

c2g_dns_setup c2.bind.example \
	--host-record=c2.bind.example,$B1,$B6,0 \
	--host-record=long.bind.example,$LONG4,86400 \
	--cname=www.innocent.example,c2.chain.example,0 \
	--host-record=c2.chain.example,$CH,0 \
	--cname=www2.innocent.example,c2.rchain.example,0 \
	--host-record=c2.rchain.example,$RCH,0 \
	--host-record=multi.bind.example,$MULTI1,0 \
	--host-record=multi.bind.example,$MULTI2,0 \
	--host-record=user.bind.example,$USER4,0 \
	--host-record=unlisted.example,$NL,0 \
	--host-record=c2.sunk.example,$SINK4,$SINK6,0 \
	--cname=www.taken.example,c2.sunk.example,0
c2g_serve_tcp "$SRV" || c2g_skip_all "echo server did not start"
busywait "$C2G_WAIT_MS" c2g_tcp "$CLI" $B1 $C2G_TCP_PORT 1 ||
	c2g_skip_all "topology: client cannot reach $B1"
busywait "$C2G_WAIT_MS" c2g_tcp "$CLI" $B6 $C2G_TCP_PORT 1 ||
	c2g_skip_all "topology: client cannot reach $B6"

M=gw
c2g_mon_ready $M "$GW" "$CLI"

# the short lifetimes the test runs with
# (bind-ttl-min must outlast a few c2ctl calls on a busy emulated machine)
TMIN=$((5 * C2G_SLOW))
TMAX=$((10 * C2G_SLOW))
c2g_check "config set bind-ttl-min $TMIN bind-ttl-max $TMAX" \
	c2g_ctl "$GW" config set bind-ttl-min $TMIN bind-ttl-max $TMAX
cfg=$(c2g_config_json "$GW")
[ "$(c2g_jget "$cfg" bind_ttl_min)" = $TMIN ] &&
	[ "$(c2g_jget "$cfg" bind_ttl_max)" = $TMAX ] &&
	[ "$(c2g_jget "$cfg" bind_max)" = 65536 ]
c2g_result $? "config shows bind_ttl_min, bind_ttl_max, bind_max (default)" "$cfg"
c2g_check_fail "config set bind-ttl-max below bind-ttl-min refused" \
	c2g_ctl "$GW" config set bind-ttl-min 10 bind-ttl-max 5

# in_range V LO HI
in_range()
{
	[ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}

# ---------------------------------------------------------------------------
# A record: resolve, then connect to the address

c2g_add '*.bind.example' action alert tag bind
before=$(c2g_status_json "$GW")
C2G_SPORT=41101 c2g_expect "A: listed name resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 c2.bind.example
c2g_dns_has $B1
c2g_result $? "A: answer intact" "$C2G_DNS_ADDRS"
C2G_SPORT=41001 c2g_expect "A: connection to the address works (alert)" ok \
	c2g_tcp "$CLI" $B1 $C2G_TCP_PORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
e=$(c2g_list "$GW" | jq -c "$(c2g_jq_select type=bound addr=$B1)")
[ -n "$e" ]
c2g_result $? "A: $B1 listed as bound" "$(c2g_list "$GW")"
[ "$(c2g_jget "$e" action)" = alert ] && [ "$(c2g_jget "$e" tag)" = bind ] &&
	[[ "$(c2g_jget "$e" bound)" =~ ^(c2\.)?bind\.example$ ]] &&
	[ "$(c2g_jget "$e" hits)" = 1 ]
c2g_result $? "A: binding has the name's action and tag, the name, 1 hit" "$e"
t=$(c2g_jget "$e" timeout)
in_range "$t" 1 $TMIN
c2g_result $? "A: TTL 0 raised to bind-ttl-min ($t left, min $TMIN)"
c2g_delta_is "A: bind_added moved" bind_added -ge 1
[ "$(c2g_jget "$after" bound)" = 1 ]
c2g_result $? "A: status bound = 1" "$after"
c2g_later c2g_alert_exactly "A: one alert for the connection" $M 1 sport=41001
c2g_later c2g_alert_match "A: alert fields" $M sport=41001 -- reason=dns-answer \
	"name=c2.bind.example|bind.example" daddr=$B1 dport=$C2G_TCP_PORT \
	proto=tcp action=alert tag=bind dir=to-indicator
c2g_later c2g_alert_exactly "A: one dns-query alert for the lookup" $M 1 \
	sport=41101 reason=dns-query name=c2.bind.example proto=udp

# ---------------------------------------------------------------------------
# AAAA record

c2g_expect "AAAA: listed name resolves" NOERROR \
	c2g_dig "$CLI" $SRV6 c2.bind.example AAAA
C2G_SPORT=41002 c2g_expect "AAAA: connection to the address works (alert)" ok \
	c2g_tcp "$CLI" $B6 $C2G_TCP_PORT
c2g_bound_has "$GW" $B6
c2g_result $? "AAAA: $B6 listed as bound" "$(c2g_list "$GW")"
c2g_later c2g_alert_match "AAAA: alert fields" $M sport=41002 -- reason=dns-answer \
	"name=c2.bind.example|bind.example" family=inet6 daddr=$B6 proto=tcp

# ---------------------------------------------------------------------------
# expiry

s0=$(c2g_status_json "$GW")
c2g_now
t0=$C2G_NOW_MS
busywait $(((TMIN + 15) * 1000)) c2g_bound_absent "$GW" $B1
c2g_result $? "expiry: $B1 unbound after bind-ttl-min" "$(c2g_list "$GW")"
c2g_now
c2g_info "binding of $B1 gone after $((C2G_NOW_MS - t0))ms more"
C2G_SPORT=41003 c2g_expect "expiry: connection to $B1 works" ok \
	c2g_tcp "$CLI" $B1 $C2G_TCP_PORT
# (the count may lag the list: expired entries are reaped in the background)
# shellcheck disable=SC2317  # called by busywait
expired_moved()
{
	s1=$(c2g_status_json "$GW")
	[ "$(c2g_stat_delta "$s0" "$s1" expired)" -ge 1 ]
}
busywait "$C2G_WAIT_MS" expired_moved
c2g_result $? "expiry: status expired moved" "$s0" "$s1"
c2g_later c2g_alert_exactly "expiry: no alert for the connection after expiry" $M 0 \
	sport=41003

# ---------------------------------------------------------------------------
# long TTL capped

c2g_expect "TTL cap: long.bind.example resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 long.bind.example
t=$(c2g_bound_get "$GW" $LONG4 timeout)
in_range "$t" $((TMIN + 1)) $TMAX
c2g_result $? "TTL cap: TTL 86400 capped at bind-ttl-max ($t left, max $TMAX)"

# ---------------------------------------------------------------------------
# CNAME chain

c2g_add '*.chain.example' action alert tag chain
before=$(c2g_status_json "$GW")
c2g_expect "chain: www.innocent.example resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 www.innocent.example
grep -qxF c2.chain.example <<<"$C2G_DNS_CNAMES" && c2g_dns_has $CH
c2g_result $? "chain: answer is CNAME c2.chain.example, A $CH" "$C2G_ERR"
C2G_SPORT=41004 c2g_expect "chain: connection to $CH works (alert)" ok \
	c2g_tcp "$CLI" $CH $C2G_TCP_PORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
e=$(c2g_list "$GW" | jq -c "$(c2g_jq_select type=bound addr=$CH)")
[ -n "$e" ] && [[ "$(c2g_jget "$e" bound)" =~ ^(c2\.)?chain\.example$ ]] &&
	[ "$(c2g_jget "$e" tag)" = chain ]
c2g_result $? "chain: final A record $CH bound to the listed name" "$e"
c2g_delta_is "chain: bind_added moved" bind_added -ge 1
c2g_later c2g_alert_match "chain: connection alert names the chain's name" $M \
	sport=41004 -- reason=dns-answer "name=c2.chain.example|chain.example" \
	daddr=$CH proto=tcp tag=chain
c2g_later c2g_alert_exactly "chain: the unlisted query raised no dns-query alert" $M 0 \
	reason=dns-query name=www.innocent.example

c2g_add '*.rchain.example' action reject tag rchain
# what happens to the answer itself is not this test's business
C2G_DIG_TIMEOUT=1 c2g_dig "$CLI" $SRV4 www2.innocent.example
c2g_info "www2.innocent.example (CNAME to a reject name): $C2G_RES"
C2G_SPORT=41005 c2g_expect_fast "chain, reject: connection to $RCH refused" \
	refused c2g_tcp "$CLI" $RCH $C2G_TCP_PORT
[ "$(c2g_bound_get "$GW" $RCH action)" = reject ]
c2g_result $? "chain, reject: $RCH bound with action reject" "$(c2g_list "$GW")"
c2g_later c2g_alert_match "chain, reject: alert fields" $M sport=41005 -- \
	reason=dns-answer "name=c2.rchain.example|rchain.example" action=reject

# ---------------------------------------------------------------------------
# negative: an unlisted name binds nothing

before=$(c2g_status_json "$GW")
c2g_expect "unlisted: unlisted.example resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 unlisted.example
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
[ "$(c2g_list_count "$GW" addr=$NL)" = 0 ]
c2g_result $? "unlisted: nothing bound" "$(c2g_list "$GW")"
c2g_delta_is "unlisted: bind_added did not move" bind_added -eq 0
C2G_SPORT=41006 c2g_expect "unlisted: connection works" ok \
	c2g_tcp "$CLI" $NL $C2G_TCP_PORT
c2g_later c2g_alert_exactly "unlisted: no alert" $M 0 sport=41006

# ---------------------------------------------------------------------------
# an address the user listed is never overwritten by a binding, and where
# both match the user's indicator decides

c2g_add $USER4 action alert tag user
c2g_expect "user: user.bind.example resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 user.bind.example
C2G_SPORT=41008 c2g_expect "user: connection works (alert)" ok \
	c2g_tcp "$CLI" $USER4 $C2G_TCP_PORT
e=$(c2g_list "$GW" | jq -c "$(c2g_jq_select addr=$USER4 type!=bound)")
[ "$(wc -l <<<"$e")" = 1 ] && [ "$(c2g_jget "$e" type)" = ip ] &&
	[ "$(c2g_jget "$e" tag)" = user ] && [ -z "$(c2g_jget "$e" bound)" ] &&
	[ "$(c2g_jget "$e" action)" = alert ]
c2g_result $? "user: $USER4 still the user's indicator" "$e"
c2g_later c2g_alert_match "user: the user's indicator decides" $M sport=41008 -- \
	reason=ip tag=user "indicator=$USER4/32"

# ---------------------------------------------------------------------------
# bind-max

c2g_check "flush" c2g_ctl "$GW" flush
[ "$(c2g_list_count "$GW")" = 0 ] && [ "$(c2g_stat "$GW" bound)" = 0 ]
c2g_result $? "flush removes bound addresses" "$(c2g_list "$GW")"
c2g_add '*.bind.example' action alert tag bind
if c2g_check "config set bind-max 1" c2g_ctl "$GW" config set bind-max 1; then
	before=$(c2g_status_json "$GW")
	c2g_expect "bind-max 1: multi.bind.example resolves" NOERROR \
		c2g_dig "$CLI" $SRV4 multi.bind.example
	after=$(c2g_status_json "$GW")
	c2g_deltas "$before" "$after"
	n=$(c2g_list_count "$GW" addr=$MULTI1)
	n=$((n + $(c2g_list_count "$GW" addr=$MULTI2)))
	c2g_dns_has $MULTI1 && c2g_dns_has $MULTI2 && [ "$n" = 1 ]
	c2g_result $? "bind-max 1: one of two addresses bound ($n)" \
		"answer: $C2G_DNS_ADDRS" "$(c2g_list "$GW")"
	c2g_delta_is "bind-max 1: bind_refused moved" bind_refused -ge 1
	[ "$(c2g_jget "$after" bound)" = 1 ]
	c2g_result $? "bind-max 1: status bound = 1" "$after"
fi
c2g_check "flush" c2g_ctl "$GW" flush
c2g_add '*.bind.example' action alert tag bind
if c2g_check "config set bind-max 0" c2g_ctl "$GW" config set bind-max 0; then
	c2g_expect "bind-max 0: c2.bind.example resolves" NOERROR \
		c2g_dig "$CLI" $SRV4 c2.bind.example
	[ "$(c2g_bound_count "$GW")" = 0 ]
	c2g_result $? "bind-max 0: nothing bound" "$(c2g_list "$GW")"
	C2G_SPORT=41007 c2g_expect "bind-max 0: connection works" ok \
		c2g_tcp "$CLI" $B1 $C2G_TCP_PORT
	c2g_later c2g_alert_exactly "bind-max 0: no alert for the connection" $M 0 \
		sport=41007
fi
c2g_check "config back to the defaults" c2g_ctl "$GW" config set bind-max 65536 \
	bind-ttl-min 60 bind-ttl-max 3600
c2g_check_fail "config set bind-max 1048577 refused" \
	c2g_ctl "$GW" config set bind-max 1048577

c2g_check "flush" c2g_ctl "$GW" flush

# ---------------------------------------------------------------------------
# sinkhole: answer addresses, with no name listed in the netns

c2g_add answer $SINK4 tag sinkhole
e=$(c2g_list "$GW" | jq -c "$(c2g_jq_select type=answer addr=$SINK4)")
[ -n "$e" ] && [ "$(c2g_jget "$e" tag)" = sinkhole ] &&
	[ "$(c2g_jget "$e" action)" = alert ] &&
	[ "$(c2g_jget "$e" answer)" = true ] &&
	[ "$(c2g_stat "$GW" ind_answers)" = 1 ] &&
	[ "$(c2g_stat "$GW" ind_v4)" = 0 ]
c2g_result $? "sinkhole: listed as an answer address, not an address" \
	"$e" "$(c2g_status_json "$GW")"
out=$(c2g_ctl "$GW" list)
grep -qxE "answer $SINK4 action alert tag sinkhole timeout 0 hits 0" <<<"$out"
c2g_result $? "sinkhole: list shows \"answer $SINK4\"" "$out"
c2g_check "sinkhole: test answer $SINK4 matches" \
	c2g_ctl "$GW" test answer $SINK4
c2g_check_fail "sinkhole: test $SINK4 (a flow to it) matches nothing" \
	c2g_ctl "$GW" test $SINK4
c2g_check_fail "sinkhole: an answer prefix is refused" \
	c2g_ctl "$GW" add answer 10.0.2.0/24
# the AAAA one from a feed; both survive save, flush, restore
printf '# parked names\nanswer %s tag parked\n' $SINK6 >"$C2G_TMP/sinks"
c2g_check "sinkhole: feed replace sinks (an answer line)" \
	c2g_ctl "$GW" feed replace sinks "$C2G_TMP/sinks"
f=$(c2g_ctl "$GW" -j feed list | jq -c '.[] | select(.name == "sinks")')
[ "$(c2g_jget "$f" answers)" = 1 ] && [ "$(c2g_jget "$f" ipv6)" = 0 ]
c2g_result $? "sinkhole: feed list counts 1 answer address" "$f"
c2g_ctl "$GW" save >"$C2G_TMP/sink.save"
grep -qxF "add answer $SINK4 action alert tag sinkhole" "$C2G_TMP/sink.save" &&
	grep -qxF "answer $SINK6 tag parked" "$C2G_TMP/sink.save"
c2g_result $? "sinkhole: save writes both as answer lines" \
	"$(cat "$C2G_TMP/sink.save")"
c2g_check "sinkhole: flush (the feed too)" c2g_ctl "$GW" flush
[ "$(c2g_stat "$GW" ind_answers)" = 0 ]
c2g_result $? "sinkhole: no answer address left" "$(c2g_list "$GW")"
c2g_check "sinkhole: restore" c2g_ctl "$GW" restore "$C2G_TMP/sink.save"
e=$(c2g_list "$GW" | jq -c "$(c2g_jq_select type=answer)")
[ "$(wc -l <<<"$e")" = 2 ] && [ "$(c2g_stat "$GW" ind_answers)" = 2 ]
c2g_result $? "sinkhole: both restored as answer addresses" "$e"
C2G_SPORT=41201 c2g_expect "sinkhole: c2.sunk.example resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 c2.sunk.example
c2g_dns_has $SINK4
c2g_result $? "sinkhole: answer intact (action alert)" "$C2G_DNS_ADDRS"
c2g_later c2g_alert_exactly "sinkhole: one alert for the lookup" $M 1 \
	sport=41201
c2g_later c2g_alert_match "sinkhole: alert names host, name and address" $M \
	sport=41201 -- reason=sinkhole saddr=$CLI4 name=c2.sunk.example \
	"indicator=answer $SINK4" tag=sinkhole action=alert proto=udp dport=53
C2G_SPORT=41202 c2g_expect "sinkhole: www.taken.example resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 www.taken.example
c2g_later c2g_alert_match "sinkhole: through a CNAME, the record's name" $M \
	sport=41202 -- reason=sinkhole saddr=$CLI4 name=c2.sunk.example
C2G_SPORT=41203 c2g_expect "sinkhole: AAAA resolves" NOERROR \
	c2g_dig "$CLI" $SRV6 c2.sunk.example AAAA
c2g_later c2g_alert_match "sinkhole: AAAA alert" $M sport=41203 -- \
	reason=sinkhole family=inet6 saddr=$CLI6 "indicator=answer $SINK6" \
	tag=parked feed=sinks
C2G_SPORT=41204 c2g_expect "sinkhole: a connection to $SINK4 works" ok \
	c2g_tcp "$CLI" $SINK4 $C2G_TCP_PORT
c2g_later c2g_alert_exactly "sinkhole: no alert for the address without DNS" \
	$M 0 sport=41204
C2G_SPORT=41205 c2g_expect "sinkhole: unlisted.example resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 unlisted.example
c2g_later c2g_alert_exactly "sinkhole: no alert for an unlisted answer" $M 0 \
	sport=41205
c2g_add answer $SINK4 action drop tag sinkhole replace
C2G_DIG_TIMEOUT=1 C2G_SPORT=41206 c2g_expect \
	"sinkhole: action drop drops the answer" timeout \
	c2g_dig "$CLI" $SRV4 c2.sunk.example
c2g_later c2g_alert_match "sinkhole: drop alert" $M sport=41206 -- \
	reason=sinkhole action=drop
c2g_add c2.sunk.example action allow
C2G_SPORT=41207 c2g_expect "sinkhole: an allowlisted name resolves" NOERROR \
	c2g_dig "$CLI" $SRV4 c2.sunk.example
c2g_later c2g_alert_exactly "sinkhole: no alert for an allowlisted name" $M 0 \
	sport=41207
c2g_check "sinkhole: del answer $SINK4" c2g_ctl "$GW" del answer $SINK4
c2g_check_fail "sinkhole: del answer $SINK6 (the feed's) refused" \
	c2g_ctl "$GW" del answer $SINK6
c2g_check "sinkhole: feed del sinks" c2g_ctl "$GW" feed del sinks
[ "$(c2g_stat "$GW" ind_answers)" = 0 ]
c2g_result $? "sinkhole: status ind_answers back to 0" "$(c2g_status_json "$GW")"

c2g_check "flush" c2g_ctl "$GW" flush
c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M

c2g_finish
