#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Domain indicators in DNS queries (issue 3): dnsmasq in the server netns,
# dig in the client netns, c2guard on the gateway between them.
#   exact names      caught in a query (alert), subdomains not, case folded
#   suffix "*.N"     N and every name below it, never "notN" nor a name
#                    that merely starts with N, nor a label containing '.'
#   reject (UDP)     answered at once in the server's name with NXDOMAIN, or
#                    REFUSED once configured; the server never sees it
#   reject (TCP)     the query segment is answered with a RST
#   drop             the query times out, the server never sees it
#   IPv6 transport   queries to the server's IPv6 address, AAAA
# plus alert fields (reason dns-query, the name), one alert per flow, hit
# and status counters.  Allowlist, dns-port and feeds: c2guard_dns_policy.sh.

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools dnsmasq dig
c2g_gw_setup domain allow
c2g_dns_setup evil.example \
	--address=/evil.example/$SRV4_B --address=/evil.example/$SRV6_B \
	--address=/notevil.example/$SRV4_HI \
	--address=/evil.example.other.example/$SRV4_HI

M=gw
c2g_mon_ready $M "$GW" "$CLI"

# ---------------------------------------------------------------------------
# exact name, action alert

c2g_add evil.example action alert tag dns-exact
before=$(c2g_status_json "$GW")
c2g_query "exact, alert: listed name resolves" NOERROR $SRV4 evil.example
c2g_answer_has "exact, alert: answer intact" $SRV4_B
sp_exact=$C2G_QPORT
c2g_query "exact, alert: subdomain resolves" NOERROR $SRV4 a.evil.example
sp_sub=$C2G_QPORT
c2g_query "exact, alert: upper case name resolves" NOERROR $SRV4 EVIL.Example.
sp_case=$C2G_QPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_later c2g_alert_exactly "exact, alert: one alert for the query" $M 1 sport=$sp_exact
c2g_later c2g_alert_match "exact, alert: alert fields" $M sport=$sp_exact -- \
	reason=dns-query name=evil.example action=alert tag=dns-exact \
	indicator=evil.example proto=udp family=inet saddr=$CLI4 daddr=$SRV4 \
	dport=$C2G_DNS_PORT hook=prerouting
c2g_later c2g_alert_exactly "exact: subdomain a.evil.example not caught" $M 0 sport=$sp_sub
c2g_later c2g_alert_match "exact: upper case query caught, name folded" $M \
	sport=$sp_case -- reason=dns-query name=evil.example
c2g_delta_is "exact: dns_queries counts 3 queries" dns_queries -ge 3
c2g_delta_is "exact: dns_answers counts 3 answers" dns_answers -ge 3
c2g_delta_is "exact: matches counts 2 flows" matches -eq 2
c2g_delta_is "exact: nothing dropped" dropped -eq 0
[ "$(c2g_name_get "$GW" evil.example hits)" = 2 ]
c2g_result $? "exact: indicator hits = 2" "$(c2g_list "$GW")"
[ "$(c2g_name_get "$GW" evil.example type)" = name ]
c2g_result $? "exact: list type is name"
c2g_check "del evil.example" c2g_ctl "$GW" del evil.example
[ "$(c2g_name_count "$GW" evil.example)" = 0 ]
c2g_result $? "exact: deleted" "$(c2g_list "$GW")"
c2g_check "flush (bound addresses too)" c2g_ctl "$GW" flush

# ---------------------------------------------------------------------------
# suffix, action reject over UDP: NXDOMAIN from the gateway

c2g_add '*.evil.example' action reject tag dns-sfx
[ "$(c2g_name_get "$GW" '*.evil.example' type)" = suffix ]
c2g_result $? "suffix: list type is suffix" "$(c2g_list "$GW")"
before=$(c2g_status_json "$GW")
c2g_query_fast "suffix, reject: a.b.evil.example answered NXDOMAIN fast" NXDOMAIN \
	$SRV4 a.b.evil.example
sp_ab=$C2G_QPORT
[ -z "$C2G_DNS_ADDRS" ] && ! grep -q 'reply from unexpected source' <<<"$C2G_ERR"
c2g_result $? "suffix, reject: no address, answer from the server's address" \
	"$C2G_ERR"
c2g_query_unseen "suffix, reject: the server never saw the query" a.b.evil.example
c2g_query_fast "suffix, reject: evil.example itself answered NXDOMAIN" NXDOMAIN \
	$SRV4 evil.example
c2g_query "suffix: notevil.example resolves" NOERROR $SRV4 notevil.example
c2g_answer_has "suffix: notevil.example answer intact" $SRV4_HI
sp_notevil=$C2G_QPORT
c2g_query "suffix: evil.example.other.example resolves" NOERROR $SRV4 \
	evil.example.other.example
sp_prefix=$C2G_QPORT
# one label "evil.example" (an escaped dot): not a label boundary
c2g_query "suffix: label 'evil.example' with a dot inside is not caught" \
	"NXDOMAIN|REFUSED|SERVFAIL" $SRV4 'evil\.example'
sp_dot=$C2G_QPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "suffix, reject: rejected counts 2" rejected -eq 2
c2g_later c2g_alert_match "suffix, reject: alert fields" $M sport=$sp_ab -- \
	reason=dns-query name=a.b.evil.example action=reject tag=dns-sfx \
	"indicator=*.evil.example" proto=udp daddr=$SRV4
c2g_later c2g_alert_exactly "suffix: no alert for notevil.example" $M 0 sport=$sp_notevil
c2g_later c2g_alert_exactly "suffix: no alert for evil.example.other.example" $M 0 \
	sport=$sp_prefix
c2g_later c2g_alert_exactly "suffix: no alert for the label with a dot" $M 0 sport=$sp_dot

# ---------------------------------------------------------------------------
# reject rcode

if c2g_check "config set dns-rcode refused" \
	c2g_ctl "$GW" config set dns-rcode refused; then
	[[ "$(c2g_cfg "$GW" dns_rcode)" =~ ^(5|refused|REFUSED)$ ]]
	c2g_result $? "config shows dns_rcode refused" "$(c2g_config_json "$GW")"
	c2g_query_fast "rcode refused: answered REFUSED fast" REFUSED $SRV4 r.evil.example
	c2g_query_unseen "rcode refused: the server never saw the query" r.evil.example
	c2g_check "config set dns-rcode nxdomain" \
		c2g_ctl "$GW" config set dns-rcode nxdomain
	c2g_query_fast "rcode nxdomain again: answered NXDOMAIN" NXDOMAIN $SRV4 r2.evil.example
fi
c2g_check_fail "config set dns-rcode 2 (SERVFAIL) refused" \
	c2g_ctl "$GW" config set dns-rcode 2

# ---------------------------------------------------------------------------
# DNS over TCP

c2g_query_fast "tcp, reject: query answered with a reset" reset $SRV4 t.evil.example A +tcp
sp_t=$C2G_QPORT
c2g_query_unseen "tcp, reject: the server never saw the query" t.evil.example
c2g_check "replace *.evil.example with action alert" \
	c2g_ctl "$GW" add '*.evil.example' action alert tag dns-sfx replace
c2g_query "tcp, alert: listed name resolves" NOERROR $SRV4 t2.evil.example A +tcp
c2g_answer_has "tcp, alert: answer intact" $SRV4_B
sp_t2=$C2G_QPORT
c2g_later c2g_alert_match "tcp, reject: alert fields" $M sport=$sp_t -- \
	reason=dns-query name=t.evil.example action=reject proto=tcp \
	dport=$C2G_DNS_PORT
c2g_later c2g_alert_exactly "tcp, alert: one alert for the flow" $M 1 sport=$sp_t2
c2g_later c2g_alert_match "tcp, alert: alert fields" $M sport=$sp_t2 -- \
	reason=dns-query name=t2.evil.example action=alert proto=tcp

# ---------------------------------------------------------------------------
# IPv6 transport, AAAA

c2g_query "ipv6, alert: AAAA of a listed name resolves" NOERROR $SRV6 v6.evil.example AAAA
c2g_answer_has "ipv6, alert: answer intact" $SRV6_B
sp_v6=$C2G_QPORT
c2g_check "replace *.evil.example with action reject" \
	c2g_ctl "$GW" add '*.evil.example' action reject tag dns-sfx replace
c2g_query_fast "ipv6, reject: answered NXDOMAIN fast" NXDOMAIN $SRV6 v6r.evil.example AAAA
sp_v6r=$C2G_QPORT
c2g_query_fast "ipv6, reject, tcp: reset" reset $SRV6 v6t.evil.example AAAA +tcp
c2g_later c2g_alert_match "ipv6, alert: alert fields" $M sport=$sp_v6 -- \
	reason=dns-query name=v6.evil.example family=inet6 saddr=$CLI6 \
	daddr=$SRV6 action=alert
c2g_later c2g_alert_match "ipv6, reject: alert fields" $M sport=$sp_v6r -- \
	reason=dns-query name=v6r.evil.example family=inet6 action=reject

# ---------------------------------------------------------------------------
# drop

c2g_check "replace *.evil.example with action drop" \
	c2g_ctl "$GW" add '*.evil.example' action drop tag dns-sfx replace
before=$(c2g_status_json "$GW")
c2g_query "drop: query times out" timeout $SRV4 d.evil.example
sp_d=$C2G_QPORT
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_query_unseen "drop: the server never saw the query" d.evil.example
c2g_delta_is "drop: dropped moved" dropped -ge 1
c2g_delta_is "drop: nothing rejected" rejected -eq 0
c2g_query "drop: notevil.example still resolves" NOERROR $SRV4 notevil.example
c2g_later c2g_alert_exactly "drop: one alert" $M 1 sport=$sp_d
c2g_later c2g_alert_match "drop: alert fields" $M sport=$sp_d -- reason=dns-query \
	name=d.evil.example action=drop

# ---------------------------------------------------------------------------
# the hit counter of the suffix indicator counts every flow it caught (its
# action was replaced a few times: replace keeps the counter)

c2g_run_later $M "$GW" "$CLI"
n=$(c2g_alert_count $M tag=dns-sfx)
h=$(c2g_name_get "$GW" '*.evil.example' hits)
[ "$h" = "$n" ] && [ "$n" -ge 10 ]
c2g_result $? "suffix: hits = flows alerted ($h, $n alerts)"

c2g_check "flush" c2g_ctl "$GW" flush
[ "$(c2g_list_count "$GW")" = 0 ]
c2g_result $? "flush: list empty"
c2g_run_later $M "$GW" "$CLI"
c2g_mon_alive $M

c2g_finish
