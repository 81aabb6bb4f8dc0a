#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Domain indicators in DNS queries, the policy side (issue 3): dnsmasq in
# the server netns, dig in the client netns, c2guard on the gateway.
#   allowlist        an allow entry beats an indicator, more or less
#                    specific; deleting it takes effect at once
#   dns-port         only the configured port is DNS: 5353 caught once set,
#                    53 no longer
#   feeds            one feed mixing addresses, networks, names, suffixes
#                    and allow entries; per-line action and timeout
#   names            what c2ctl and the module refuse; trailing dot, case
# (c2guard_dns.sh covers queries and actions.)

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools dnsmasq dig
c2g_gw_setup domain allow

ALT_PORT=5353
c2g_dns_setup evil.example \
	--address=/evil.example/$SRV4_B --address=/corp.example/$SRV4_HI \
	--address=/feed.example/$SRV4_HI --address=/feedsfx.example/$SRV4_HI
c2g_serve_dns "$SRV" alt $ALT_PORT "$SRV4" --address=/evil.example/$SRV4_B ||
	c2g_skip_all "dnsmasq on port $ALT_PORT did not start"

M=gw
c2g_mon_ready $M "$GW" "$CLI"

# ---------------------------------------------------------------------------
# allowlist

c2g_add '*.evil.example' action reject tag dns-sfx
c2g_add good.evil.example action allow tag allow
before=$(c2g_status_json "$GW")
c2g_query "allow exact beats suffix reject: good.evil.example resolves" NOERROR \
	$SRV4 good.evil.example
c2g_answer_has "allow: answer intact" $SRV4_B
sp_good=$C2G_QPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "allow: allowed moved" allowed -ge 1
c2g_delta_is "allow: nothing rejected" rejected -eq 0
c2g_query_fast "allow is exact: x.good.evil.example still rejected" NXDOMAIN \
	$SRV4 x.good.evil.example
c2g_add '*.corp.example' action allow tag allow
c2g_add bad.corp.example action reject tag dns-corp
c2g_query "allow suffix beats a more specific reject: bad.corp.example resolves" \
	NOERROR $SRV4 bad.corp.example
sp_corp=$C2G_QPORT
c2g_later c2g_alert_exactly "allow: no alert for good.evil.example" $M 0 sport=$sp_good
c2g_later c2g_alert_exactly "allow: no alert for bad.corp.example" $M 0 sport=$sp_corp
c2g_check "del good.evil.example" c2g_ctl "$GW" del good.evil.example
c2g_query_fast "allow deleted: good.evil.example rejected again" NXDOMAIN \
	$SRV4 good.evil.example
s=$(c2g_status_json "$GW")
[ "$(c2g_jget "$s" ind_names)" = 3 ]
c2g_result $? "status: ind_names counts 3 names" "$s"

# ---------------------------------------------------------------------------
# dns-port

C2G_DNS_PORT_Q=$ALT_PORT c2g_query "dns-port 53: a query to port $ALT_PORT passes" \
	NOERROR $SRV4 p1.evil.example
sp_p1=$C2G_QPORT
if c2g_check "config set dns-port $ALT_PORT" \
	c2g_ctl "$GW" config set dns-port $ALT_PORT; then
	[ "$(c2g_cfg "$GW" dns_port)" = $ALT_PORT ]
	c2g_result $? "config shows dns_port $ALT_PORT" "$(c2g_config_json "$GW")"
	C2G_DNS_PORT_Q=$ALT_PORT c2g_query_fast "dns-port $ALT_PORT: rejected NXDOMAIN" \
		NXDOMAIN $SRV4 p2.evil.example
	sp_p2=$C2G_QPORT
	c2g_query_unseen "dns-port $ALT_PORT: the server never saw the query" p2.evil.example alt
	c2g_query "dns-port $ALT_PORT: a query to port 53 passes" NOERROR $SRV4 p3.evil.example
	sp_p3=$C2G_QPORT
	c2g_check "config set dns-port 53" c2g_ctl "$GW" config set dns-port 53
	c2g_later c2g_alert_match "dns-port $ALT_PORT: alert fields" $M sport=$sp_p2 -- \
		reason=dns-query name=p2.evil.example dport=$ALT_PORT
	c2g_later c2g_alert_exactly "dns-port $ALT_PORT: no alert for port 53" $M 0 sport=$sp_p3
fi
c2g_later c2g_alert_exactly "dns-port 53: no alert for port $ALT_PORT" $M 0 sport=$sp_p1
c2g_query_fast "dns-port back to 53: rejected again" NXDOMAIN $SRV4 p4.evil.example
c2g_check_fail "config set dns-port 0 refused" c2g_ctl "$GW" config set dns-port 0

# ---------------------------------------------------------------------------
# names c2ctl and the module must refuse; none of them is added

long=$(printf 'a%.0s' {1..63})
name253=$long.$long.$long.$(printf 'b%.0s' {1..61})
n0=$(c2g_list_count "$GW")
for bad in 'ev!l.example' 'a..example' '*.' 'a.*.example' '*evil.example' \
	"$long"a.example "x$name253" '.example'; do
	c2g_check_fail "add '${bad:0:40}' refused" c2g_ctl "$GW" add "$bad"
done
[ "$(c2g_list_count "$GW")" = "$n0" ]
c2g_result $? "refused names left nothing behind"
c2g_check "add a 253-byte name" c2g_ctl "$GW" add "$name253" tag long
c2g_check "add a name with a trailing dot, upper case" \
	c2g_ctl "$GW" add TRAIL.Example. tag trail
[ "$(c2g_name_count "$GW" trail.example)" = 1 ]
c2g_result $? "trailing dot dropped, case folded" "$(c2g_list "$GW" | grep -i trail)"

# ---------------------------------------------------------------------------
# a feed mixing addresses, networks, names and suffixes

c2g_check "flush" c2g_ctl "$GW" flush
cat >"$C2G_TMP/mixed.feed" <<EOF
# addresses, networks, names, suffixes, an allowlist entry
$SRV4_OUT action reject
10.0.9.0/24
fd00:9::/64 tag v6net
feed.example action reject timeout 100
*.feedsfx.example action reject   # every name below it
ok.feedsfx.example action allow
bad!name.example
*.
a.*.example
EOF
out=$(c2g_ctl "$GW" load "$C2G_TMP/mixed.feed" tag mixed 2>"$C2G_TMP/load.err")
rc=$?
[ $rc -ne 0 ] && grep -q "loaded 6 indicators, 3 errors" <<<"$out"
c2g_result $? "load mixed feed: 6 loaded, 3 errors" "rc=$rc" "$out" \
	"$(cat "$C2G_TMP/load.err")"
[ "$(c2g_list_count "$GW" type=ip addr=$SRV4_OUT)" = 1 ] &&
	[ "$(c2g_list_count "$GW" type=cidr)" = 2 ] &&
	[ "$(c2g_name_count "$GW" feed.example type=name action=reject)" = 1 ] &&
	[ "$(c2g_name_count "$GW" '*.feedsfx.example' type=suffix tag=mixed)" = 1 ] &&
	[ "$(c2g_name_count "$GW" ok.feedsfx.example action=allow)" = 1 ]
c2g_result $? "load mixed feed: types ip, cidr, name, suffix, allow" \
	"$(c2g_list "$GW")"
t=$(c2g_name_get "$GW" feed.example timeout)
[ -n "$t" ] && [ "$t" -gt 0 ] && [ "$t" -le 100 ]
c2g_result $? "load mixed feed: name with a timeout ($t)"
c2g_query_fast "load mixed feed: feed.example rejected" NXDOMAIN $SRV4 feed.example
c2g_query_fast "load mixed feed: a.feedsfx.example rejected" NXDOMAIN $SRV4 \
	a.feedsfx.example
c2g_query "load mixed feed: ok.feedsfx.example allowed" NOERROR $SRV4 ok.feedsfx.example
c2g_check "del *.feedsfx.example" c2g_ctl "$GW" del '*.feedsfx.example'
[ "$(c2g_name_count "$GW" '*.feedsfx.example')" = 0 ] &&
	[ "$(c2g_name_count "$GW" feed.example)" = 1 ]
c2g_result $? "del of a suffix leaves the other names" "$(c2g_list "$GW")"
c2g_check_fail "del of an absent suffix fails" c2g_ctl "$GW" del '*.feed.example'

c2g_check "flush" c2g_ctl "$GW" flush
[ "$(c2g_list_count "$GW")" = 0 ]
c2g_result $? "flush: list empty"
c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M

c2g_finish
