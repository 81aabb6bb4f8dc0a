#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DNS behaviour with no list (issue 18): dga, nxdomain-burst, fast-flux.
# dnsmasq in the server netns (NXDOMAIN under Kraken's four zones, an
# address for everything else), dns_flux.py for the rotating answers, dig
# in the client netns, c2guard on the gateway between them.
#   quiet        500 popular names, CDN machine names, pollers and a few
#                typos: no alert from any detector at the defaults
#   dga          a Kraken-like bot (random labels under dyndns.org,
#                dynserv.com, mooo.com, yi.org, one query every 1-2 s,
#                most NXDOMAIN) alerts dga within 10 queries, with its
#                evidence; with dga-action reject its next queries get
#                NXDOMAIN from the gateway and never reach the server
#   nxdomain     22 distinct NXDOMAIN names alert nxdomain-burst at 20
#   fast-flux    a rotating name of many /16s alerts, a CDN (two /16s)
#                and a round-robin name (a stable set) do not
#   allowlist    an allowlisted inside host is not looked at
#   settings     config shows them, the kernel refuses bad ones, off
#                empties the tables, status counts

source "$(dirname "$0")/lib.sh"

c2g_require_domain_tools dnsmasq dig
c2g_require_python
c2g_gw_setup domain dns-behaviour
KRAKEN_ZONES="dyndns.org dynserv.com mooo.com yi.org"
local_opts=()
for z in $KRAKEN_ZONES; do
	local_opts+=("--local=/$z/")
done
# the one bot name that resolves: most, not all, are unanswered
c2g_dns_setup www.debian.org "${local_opts[@]}" \
	--address=/kqzvxwrtpm.mooo.com/$SRV4_HI --address=/#/$SRV4_HI

M=gw
c2g_mon_ready $M "$GW" "$CLI"
ON=(dga on nxdomain-burst on fast-flux on)

# c2g_detectors_reset: every detector off (tables emptied), then on
c2g_detectors_reset()
{
	c2g_ctl "$GW" config set dga off nxdomain-burst off fast-flux off &&
		c2g_ctl "$GW" config set "${ON[@]}"
}

# dns_batch NAME FILE: every name of FILE asked from the client, one dig
dns_batch()
{
	local f=$C2G_TMP/batch.$1 n

	: >"$f"
	while read -r n; do
		echo "@$SRV4 -p $C2G_DNS_PORT $n A +time=2 +tries=1 +short"
	done <"$2" >"$f"
	ip netns exec "$CLI" dig -f "$f" >"$C2G_TMP/batch.$1.out" 2>&1
}

# dns_alerts: the DNS behaviour alerts so far
dns_alerts()
{
	jq -c -R 'fromjson? | select(.reason == "dga" or
		.reason == "nxdomain-burst" or .reason == "fast-flux")' \
		"$C2G_TMP/mon.$M"
}

# a random label of @1 letters
rand_label()
{
	local s='' a=abcdefghijklmnopqrstuvwxyz i

	for ((i = 0; i < $1; i++)); do
		s+=${a:RANDOM%26:1}
	done
	echo "$s"
}

# ---------------------------------------------------------------------------
# settings

c2g_check "config set the three detectors on" c2g_ctl "$GW" config set "${ON[@]}"
cfg=$(c2g_config_json "$GW")
[ "$(jq -c '[.dga, .nxdomain_burst, .fast_flux, .dga_threshold,
	.dga_names, .dga_window, .dga_action, .nxdomain_burst_threshold,
	.nxdomain_burst_window, .fast_flux_threshold, .fast_flux_window,
	.dns_holddown]' <<<"$cfg")" = '[true,true,true,63,5,600,"alert",20,300,10,1800,3600]' ]
c2g_result $? "config shows the detectors and their defaults" "$cfg"
c2g_check_fail "dga-names 1 refused" c2g_ctl "$GW" config set dga-names 1
c2g_check_fail "fast-flux-threshold 40 refused" \
	c2g_ctl "$GW" config set fast-flux-threshold 40
out=$(c2g_ctl "$GW" config set dga-window 0 2>&1)
[ $? -ne 0 ] && [[ $out == *dga-window* ]]
c2g_result $? "a bad window is refused with its name" "$out"

# ---------------------------------------------------------------------------
# quiet: a busy office host

names=$C2G_TMP/office.txt
grep -v '^#' "$(dirname "$0")/data/top-sites-500.txt" >"$names"
for i in $(seq 1 20); do
	# CDN and cloud machine names, update and mail pollers, typos
	echo "d$(rand_label 6)$i.cloudfront.net"
	echo "e$((RANDOM % 9000 + 1000)).dscb.akamaiedge.net"
	echo "r$((i % 8))---sn-$(rand_label 8).googlevideo.com"
	echo "ec2-10-0-$i-$((RANDOM % 250)).compute-1.amazonaws.com"
	echo "security.debian.org"
	echo "imap.gmail.com"
	echo "ctldl.windowsupdate.com"
done >>"$names"
printf '%s\n' typo1.example gooogle.example wpad.example wpad.example \
	intranet.example >>"$names"
before=$(c2g_status_json "$GW")
dns_batch office "$names"
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
n=$(grep -c '^[0-9]' "$C2G_TMP/batch.office.out")
[ "$n" -ge 600 ]
c2g_result $? "quiet: the office's names resolved ($n answers)" \
	"$(grep -v '^[0-9]' "$C2G_TMP/batch.office.out" | sort | uniq -c | head -5)"
c2g_delta_is "quiet: the office's names were scored" dns_scored -ge 600
c2g_fence $M "$GW" "$CLI"
n=$(dns_alerts | wc -l)
[ "$n" -eq 0 ]
c2g_result $? "quiet: no dga, nxdomain-burst or fast-flux alert" "$(dns_alerts | head -3)"

# ---------------------------------------------------------------------------
# dga: a Kraken-like bot

c2g_detectors_reset
zones=($KRAKEN_ZONES)
at=0
bot=()
for i in $(seq 1 10); do
	if [ "$i" = 4 ]; then
		q=kqzvxwrtpm.mooo.com		# the one that resolves
	else
		q=$(rand_label $((8 + RANDOM % 6))).${zones[i % 4]}
	fi
	bot+=("$q")
	c2g_dig "$CLI" "$SRV4" "$q" >/dev/null
	if [ "$(jq -c -R 'fromjson? | select(.reason == "dga")' \
		"$C2G_TMP/mon.$M" | wc -l)" -gt 0 ]; then
		at=$i
		break
	fi
	sleep $((1 + RANDOM % 2))
done
if [ "$at" = 0 ]; then
	busywait 5000 eval '[ "$(dns_alerts | wc -l)" -gt 0 ]'
	[ "$(dns_alerts | wc -l)" -gt 0 ] && at=10
fi
[ "$at" -ge 1 ] && [ "$at" -le 10 ]
c2g_result $? "dga: the bot alerts within 10 queries (at query $at)" "$(dns_alerts)"
a=$(jq -c -R 'fromjson? | select(.reason == "dga")' "$C2G_TMP/mon.$M" | head -n1)
[ "$(jq -r '.saddr' <<<"$a")" = "$CLI4" ] &&
	[ "$(jq -r '.action' <<<"$a")" = alert ] &&
	[[ " ${bot[*]} " == *" $(jq -r '.name' <<<"$a") "* ]]
c2g_result $? "dga: the alert names the host and a bot name" "$a"
jq -e '.dns.names >= 3 and .dns.points >= 5 and .dns.dyndns == .dns.names and
	.dns.score >= 63 and (.dns.answered * 2 < .dns.names) and
	(.dns.parents | length >= 2) and
	(.dns.parents - ["dyndns.org", "dynserv.com", "mooo.com", "yi.org"] == [])' \
	<<<"$a" >/dev/null
c2g_result $? "dga: evidence: names, points, score, parents" "$a"
[ "$(jq -r '.dns.names' <<<"$a")" -le "$at" ]
c2g_result $? "dga: counted only the names asked" "$a"
[ "$(jq -c -R 'fromjson? | select(.reason == "dga")' "$C2G_TMP/mon.$M" |
	wc -l)" -eq 1 ]
c2g_result $? "dga: one alert (hold-down)"

c2g_check "dga-action reject" c2g_ctl "$GW" config set dga-action reject
q=$(rand_label 11).dyndns.org
c2g_query_fast "dga: the bot's next query answered NXDOMAIN" NXDOMAIN $SRV4 "$q"
c2g_query_unseen "dga: the server never saw it" "$q"
c2g_query "dga: the bot host's ordinary names still resolve" NOERROR \
	$SRV4 www.debian.org
c2g_check "dga-action alert" c2g_ctl "$GW" config set dga-action alert
q=$(rand_label 11).dyndns.org
c2g_query "dga: alert again: the query reaches the server" NXDOMAIN $SRV4 "$q"
c2g_dns_seen main "$q"
c2g_result $? "dga: the server saw it"

# ---------------------------------------------------------------------------
# nxdomain-burst

c2g_detectors_reset
for i in $(seq 1 22); do
	echo "host$i.corp.example"
done >"$C2G_TMP/nx.txt"
dns_batch nx "$C2G_TMP/nx.txt"
c2g_fence $M "$GW" "$CLI"
a=$(jq -c -R 'fromjson? | select(.reason == "nxdomain-burst")' "$C2G_TMP/mon.$M")
[ "$(wc -l <<<"$a")" -eq 1 ] && [ -n "$a" ]
c2g_result $? "nxdomain: one alert" "$a"
jq -e '.dns.nxdomain == 20 and .dns.parents == ["example"] and
	.saddr == "'"$CLI4"'"' <<<"$a" >/dev/null
c2g_result $? "nxdomain: at the 20th distinct name, parent example" "$a"
[ "$(jq -c -R 'fromjson? | select(.reason == "dga")' "$C2G_TMP/mon.$M" |
	wc -l)" -eq 1 ]
c2g_result $? "nxdomain: low-scoring names raise no dga"

# ---------------------------------------------------------------------------
# fast-flux

c2g_detectors_reset
ip netns exec "$SRV" "$PYTHON" "$(dirname "$0")/dns_flux.py" "$SRV4_B" \
	"$C2G_DNS_PORT" 7 >"$C2G_TMP/flux.log" 2>&1 &
c2g_track_pid $!
busywait "$C2G_WAIT_MS" c2g_listening "$SRV" udp "$C2G_DNS_PORT" &&
	busywait "$C2G_WAIT_MS" grep -q ready "$C2G_TMP/flux.log" ||
	c2g_fail "dns_flux.py started" "$(cat "$C2G_TMP/flux.log")"
for i in 1 2 3 4; do
	c2g_dig "$CLI" "$SRV4_B" flux.bad.example >/dev/null
	c2g_dig "$CLI" "$SRV4_B" cdn.good.example >/dev/null
	c2g_dig "$CLI" "$SRV4_B" rr.good.example >/dev/null
done
c2g_fence $M "$GW" "$CLI"
a=$(jq -c -R 'fromjson? | select(.reason == "fast-flux")' "$C2G_TMP/mon.$M")
[ "$(wc -l <<<"$a")" -eq 1 ] && [ "$(jq -r .name <<<"$a")" = flux.bad.example ]
c2g_result $? "fast-flux: the rotating name alerts, once" "$a"
jq -e '.dns.nets >= 10 and .dns.addrs >= .dns.nets and .dns.answers >= 3 and
	.dns.rotations >= 2 and .dns.ttl_min >= 60 and .dns.ttl_min <= 300 and
	.dns.per_answer >= 5' <<<"$a" >/dev/null
c2g_result $? "fast-flux: evidence: addresses, networks, TTL, rotations" "$a"
st=$(c2g_status_json "$GW")
[ "$(jq -r .dns_names <<<"$st")" -ge 3 ]
c2g_result $? "fast-flux: status counts the names tracked" "$st"

# ---------------------------------------------------------------------------
# allowlist, off

c2g_detectors_reset
c2g_add "$CLI4" action allow tag office
for i in $(seq 1 8); do
	echo "$(rand_label 12).yi.org"
done >"$C2G_TMP/allowed.txt"
before=$(c2g_status_json "$GW")
dns_batch allowed "$C2G_TMP/allowed.txt"
after=$(c2g_status_json "$GW")
c2g_deltas "$before" "$after"
c2g_delta_is "allowlist: the host's messages are exempt" dns_exempt -ge 8
c2g_delta_is "allowlist: nothing scored" dns_scored -eq 0
c2g_check "del the allow entry" c2g_ctl "$GW" del "$CLI4"
c2g_check "all detectors off" c2g_ctl "$GW" config set dga off \
	nxdomain-burst off fast-flux off
st=$(c2g_status_json "$GW")
[ "$(jq -r '.dns_hosts + .dns_names' <<<"$st")" = 0 ]
c2g_result $? "off: the tables are empty" "$st"
c2g_mon_alive $M

c2g_finish
