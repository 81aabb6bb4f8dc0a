#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo.sh - c2guard in five minutes: an infected host behind a gateway calls
# its command-and-control server; the gateway runs c2guard.
#
#   demo-infected  10.0.1.2 / 2001:db8:1::2
#        |
#   demo-gateway   10.0.1.1 | 198.51.100.1     c2guard + forwarding
#        |
#   demo-c2        198.51.100.7 / 2001:db8:c2::7   "C2 server" on port 443,
#                  also as 203.0.113.77, and a DNS server on 192.0.2.53
#                  that resolves c2.dyn.example to 203.0.113.77
#
# It loads c2guard.ko into the RUNNING kernel, so it is meant for the VM:
# "make demo" runs it there.  Environment: C2GUARD_KO (default
# build/$(uname -r)/c2guard.ko), C2CTL (default ctl/c2ctl).
# Exit status 0 when c2guard did everything the narration promises.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
KO=${C2GUARD_KO:-$REPO/build/$(uname -r)/c2guard.ko}
C2CTL=${C2CTL:-${C2GUARD_C2CTL:-$REPO/ctl/c2ctl}}
FEED=selftests/demo-feed.txt
INF=demo-infected GW=demo-gateway C2=demo-c2
C2_4=198.51.100.7 C2_6=2001:db8:c2::7 C2_NEW=203.0.113.77 C2_NAME=c2.dyn.example DNS_4=192.0.2.53
C2_POLL=203.0.113.99
C2_FAKE=203.0.113.66	# the server of a bot whose "TLS" on 443 is its own cipher
UPLOAD=192.0.2.200 REMEDY=192.0.2.10	# a file drop the bot uploads to; the admins' remediation server
SLOW=1
[[ ${C2VM:-0} != 1 ]] || SLOW=2		# emulated CPU in the VM
TMP=$(mktemp -d /tmp/c2demo.XXXXXX)
MON_PID=''
loaded=0
problems=0

if [[ ${C2VM:-0} != 1 && ${1:-} != --yes-on-this-kernel ]]; then
	echo "demo.sh loads c2guard into the running kernel; run it with 'make demo'" >&2
	echo "(or pass --yes-on-this-kernel on a test machine)" >&2
	exit 2
fi

# --- presentation -------------------------------------------------------------

# shellcheck source=selftests/demo-lib.sh
source "$HERE/demo-lib.sh"

# shellcheck disable=SC2317  # runs from the EXIT trap
cleanup() {
	[[ -z $MON_PID ]] || kill "$MON_PID" 2>/dev/null
	ip netns pids "$C2" 2>/dev/null | xargs -r kill 2>/dev/null
	for ns in "$INF" "$GW" "$C2"; do ip netns del "$ns" 2>/dev/null; done
	[[ $loaded -eq 0 ]] || rmmod c2guard 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

die() {
	echo "demo: $*" >&2
	exit 1
}

# --- setup --------------------------------------------------------------------

[[ $(id -u) -eq 0 ]] || die "must run as root"
[[ -r $KO ]] || die "no module at $KO (make build-all)"
[[ -x $C2CTL ]] || die "no c2ctl at $C2CTL (make ctl)"
for t in ip socat ss dnsmasq dig; do
	command -v "$t" >/dev/null || die "$t not found (make deps)"
done
# "c2ctl" in the narration is $C2CTL
mkdir -p "$TMP/bin"
ln -s "$(readlink -f "$C2CTL")" "$TMP/bin/c2ctl"
export PATH="$TMP/bin:$PATH"
cd "$REPO" || die "cannot cd to $REPO"

say "Loading c2guard into the kernel" \
	"(after the conntrack and reject helpers it uses)"
modprobe -a nf_conntrack nf_reject_ipv4 nf_reject_ipv6 nf_defrag_ipv4 \
	nf_defrag_ipv6 gf128mul || die "modprobe failed"
insmod "$KO" || die "insmod $KO failed"
loaded=1
printf '    %s\n' "$(lsmod | grep '^c2guard ')"

say "Building the network: infected host -> gateway -> C2 server" \
	"infected 10.0.1.2  ->  gateway (c2guard)  ->  C2 server $C2_4 / $C2_6"
for ns in "$INF" "$GW" "$C2"; do
	ip netns add "$ns" || die "ip netns add $ns"
	ip -n "$ns" link set lo up
done
ip link add eth0 netns "$INF" type veth peer name lan0 netns "$GW" || die "veth"
ip link add eth0 netns "$C2" type veth peer name wan0 netns "$GW" || die "veth"
ip netns exec "$GW" sysctl -q -w net.ipv4.ip_forward=1 \
	net.ipv6.conf.all.forwarding=1 >/dev/null
ip -n "$INF" addr add 10.0.1.2/24 dev eth0
ip -n "$INF" addr add 2001:db8:1::2/64 dev eth0 nodad
ip -n "$GW" addr add 10.0.1.1/24 dev lan0
ip -n "$GW" addr add 2001:db8:1::1/64 dev lan0 nodad
ip -n "$GW" addr add 198.51.100.1/24 dev wan0
ip -n "$GW" addr add 2001:db8:c2::1/64 dev wan0 nodad
ip -n "$C2" addr add "$C2_4/24" dev eth0
ip -n "$C2" addr add "$C2_6/64" dev eth0 nodad
ip -n "$C2" addr add "$C2_NEW/32" dev eth0
ip -n "$C2" addr add "$DNS_4/32" dev eth0
ip -n "$C2" addr add "$C2_POLL/32" dev eth0
ip -n "$C2" addr add "$C2_FAKE/32" dev eth0
ip -n "$C2" addr add "$UPLOAD/32" dev eth0
ip -n "$C2" addr add "$REMEDY/32" dev eth0
for ns in "$INF" "$GW" "$C2"; do
	ip -n "$ns" link set eth0 up 2>/dev/null
done
ip -n "$GW" link set lan0 up
ip -n "$GW" link set wan0 up
ip -n "$INF" route add default via 10.0.1.1
ip -n "$INF" -6 route add default via 2001:db8:1::1
ip -n "$C2" route add default via 198.51.100.1
ip -n "$C2" -6 route add default via 2001:db8:c2::1
ip -n "$GW" route add "$C2_NEW/32" via "$C2_4"
ip -n "$GW" route add "$DNS_4/32" via "$C2_4"
ip -n "$GW" route add "$C2_POLL/32" via "$C2_4"
ip -n "$GW" route add "$C2_FAKE/32" via "$C2_4"
ip -n "$GW" route add "$UPLOAD/32" via "$C2_4"
ip -n "$GW" route add "$REMEDY/32" via "$C2_4"

# The "C2 server": hands out orders on port 443, IPv4 and IPv6.
ip netns exec "$C2" socat TCP4-LISTEN:443,fork,reuseaddr \
	SYSTEM:'echo "orders: exfiltrate /home, sleep 60"' </dev/null &>/dev/null &
ip netns exec "$C2" socat TCP6-LISTEN:443,fork,reuseaddr,ipv6only=1 \
	SYSTEM:'echo "orders: exfiltrate /home, sleep 60"' </dev/null &>/dev/null &
for _ in $(seq 50); do
	[[ $(ip netns exec "$C2" ss -Hltn 'sport = :443' | wc -l) -ge 2 ]] && break
	sleep 0.1
done
good "C2 server listening on $C2_4:443 and [$C2_6]:443"
# The file drop: an echo server on $UPLOAD:8443 the bot keeps a session to.
ip netns exec "$C2" socat TCP4-LISTEN:8443,bind="$UPLOAD",fork,reuseaddr PIPE \
	</dev/null &>/dev/null &
# Its DNS server: a dynamic-DNS name that points at a new address.
ip netns exec "$C2" dnsmasq -k --no-resolv --no-hosts --pid-file= \
	--listen-address="$DNS_4" --bind-interfaces \
	--address="/$C2_NAME/$C2_NEW" --local=/dyndns.org/ --local=/dynserv.com/ \
	--local=/mooo.com/ --local=/yi.org/ --log-queries --log-facility=- \
	</dev/null &>"$TMP/dnsmasq.log" &
for _ in $(seq 50); do
	[[ $(ip netns exec "$C2" ss -Hlun 'sport = :53' | wc -l) -ge 1 ]] && break
	sleep 0.1
done
good "DNS server on $DNS_4:53 answers $C2_NAME -> $C2_NEW"

# resolve: the infected host looks NAME up; sets ANSWER (address or status).
resolve() {
	local out
	printf '    infected$ dig @%s %s\n' "$DNS_4" "$1"
	out=$(ip netns exec "$INF" dig +time=$((2 * SLOW)) +tries=1 \
		@"$DNS_4" "$1" A 2>&1)
	if [[ $out == *"status: NOERROR"* ]]; then
		ANSWER=$(awk '$4 == "A" { print $5; exit }' <<<"$out")
	elif [[ $out =~ status:\ ([A-Z]+) ]]; then
		ANSWER=${BASH_REMATCH[1]}
	else
		ANSWER=timeout
	fi
	printf '      %s\n' "$ANSWER"
}

# callback ADDR: the infected host phones home; prints what happened and
# sets OUTCOME to ok, timeout or refused (and MS to the time it took).
# (It never names its server: a raw TCP connection to an address.)
callback() {
	local addr=$1 out rc t0
	[[ $addr != *:* ]] || addr="[$addr]"
	t0=$(date +%s%N)
	out=$(ip netns exec "$INF" socat -T $((5 * SLOW)) - \
		"TCP:$addr:443,connect-timeout=$((2 * SLOW))" </dev/null 2>&1)
	rc=$?
	MS=$((($(date +%s%N) - t0) / 1000000))
	printf '    infected$ socat - TCP:%s:443\n' "$addr"
	if [[ $rc -eq 0 && $out == orders:* ]]; then
		OUTCOME=ok
		printf '      %s\n' "$out"
	elif [[ $out == *"timed out"* || $out == *"Operation now in progress"* ]]; then
		OUTCOME=timeout
		printf '      (no answer: connection timed out after %d ms)\n' "$MS"
	elif [[ $out == *refused* || $out == *"Connection reset"* ]]; then
		OUTCOME=refused
		printf '      (connection refused after %d ms)\n' "$MS"
	else
		OUTCOME=error
		printf '      %s\n' "${out:-exit $rc}"
	fi
}

# Alerts: one monitor for the whole demo, JSON lines into a file.
ALERTS=$TMP/alerts.json
: >"$ALERTS"
seen_alerts=0
seen_risk=0
# more_alerts: an alert other than host-risk came that next_alert has not
# printed yet
more_alerts() {
	[[ $(grep -vc '"reason":"host-risk"' "$ALERTS") -gt $((seen_alerts - seen_risk)) ]]
}

# next_alert: wait for the next alert line and print it; 1 if none came.
# A host-risk alert (the host's evidence adding up) is printed on the way,
# and the next one waited for.
next_alert() {
	local i line
	for ((i = 0; i < 50 * SLOW; i++)); do
		if [[ $(wc -l <"$ALERTS") -gt $seen_alerts ]]; then
			seen_alerts=$((seen_alerts + 1))
			line=$(sed -n "${seen_alerts}p" "$ALERTS")
			printf '    c2ctl monitor: %s\n' "$line"
			if [[ $line == *'"reason":"host-risk"'* ]]; then
				seen_risk=$((seen_risk + 1))
				command -v jq >/dev/null && jq -r '"      => host-risk: \(.host.addr) risk \(.host.risk), " +
					"evidence: \([.host.evidence[] | .reason // .kind] | join(", "))"' \
					<<<"$line" 2>/dev/null
				i=0
				continue
			fi
			if command -v jq >/dev/null; then
				jq -r 'def ep(a; p): (if (a | test(":")) then "[\(a)]" else a end)
						+ (if p then ":\(p)" else "" end);
					"      => \(.action) \(.proto) \(ep(.saddr; .sport)) -> " +
					"\(ep(.daddr; .dport)), " +
					(if .beacon then "beacon score \(.beacon.score)," +
						" every \(.beacon.interval_ms) ms" +
						" +-\(.beacon.jitter_pm / 10)%," +
						" \(.beacon.events) calls"
					 elif .dns.names then "\(.dns.names) made-up names" +
						" (score up to \(.dns.score)), \(.dns.answered)" +
						" answered, under \(.dns.parents | join(" "))"
					 elif .expected then "\(.reason): expected \(.expected)," +
						" seen \(.seen)"
					 else "indicator \(.indicator) [\(.tag)]" end) +
					(if .name then ", \(.reason) \(.name)" else "" end)' \
					<<<"$line" 2>/dev/null
			fi
			ALERT=$line
			return 0
		fi
		sleep 0.1
	done
	ALERT=''
	return 1
}

# --- the story ------------------------------------------------------------------

say "Before: no indicator yet - the infected host reaches its C2 server"
callback "$C2_4"
if [[ $OUTCOME == ok ]]; then good "the callback went through"; else bad "callback failed: $OUTCOME"; fi

say "The gateway starts listening for alerts" \
	"gateway# c2ctl monitor -j &"
ip netns exec "$GW" c2ctl monitor -j >"$ALERTS" 2>"$TMP/monitor.err" &
MON_PID=$!
sleep "$SLOW"

say "Loading a threat-intelligence feed on the gateway" \
	"(selftests/demo-feed.txt: documentation-range addresses, IPv4 and IPv6)"
grep -v '^#' "$FEED" | grep -v '^$' | sed 's/^/      | /'
# The lab's "internet" is one subnet with the gateway's WAN side in it, so
# two of its ranges cover an address of the gateway: c2ctl's safety rails
# refuse those unless told "force" (a real feed listing a gateway's own
# network would cut it off).
show c2ctl load "$FEED" tag demo-feed force || bad "c2ctl load failed"
show c2ctl list

say "The infected host calls home again: $C2_4 is in a range the feed" \
	"only flags (198.51.100.0/24, action alert) - the call passes, but" \
	"c2guard has seen it"
callback "$C2_4"
if [[ $OUTCOME == ok ]]; then good "the callback went through (alert only)"; else bad "callback failed: $OUTCOME"; fi
next_alert || bad "no alert for the alert-only hit"

say "An analyst confirms $C2_4 is a C2 server and blocks it" \
	"(a /32 beats the /24: the most specific indicator wins)"
show c2ctl add "$C2_4" action drop tag demo || bad "c2ctl add failed"

say "Next callback: caught and dropped"
callback "$C2_4"
if [[ $OUTCOME == timeout ]]; then
	good "the C2 server never saw the connection"
else
	bad "expected the connection to time out, got: $OUTCOME"
fi
if next_alert; then
	[[ $ALERT == *'"action":"drop"'* ]] || bad "alert does not say drop"
else
	bad "no alert for the dropped callback"
fi

say "The malware falls back to IPv6: [$C2_6] is in a rejected /48" \
	"(reject answers with a TCP reset: the caller fails at once)"
callback "$C2_6"
if [[ $OUTCOME == refused ]]; then
	good "rejected in ${MS} ms"
else
	bad "expected the connection to be refused, got: $OUTCOME"
fi
next_alert || bad "no alert for the rejected IPv6 callback"

say "The malware moves to a fresh server it finds by name ($C2_NAME," \
	"a dynamic-DNS name no address feed knows yet).  The feed gets its" \
	"domain: *.dyn.example, alert only for now"
show c2ctl add "*.dyn.example" action alert tag demo-dns ||
	bad "c2ctl add *.dyn.example failed"
resolve "$C2_NAME"
if [[ $ANSWER == "$C2_NEW" ]]; then good "resolved (the query was seen)"; else bad "lookup failed: $ANSWER"; fi
next_alert || bad "no alert for the DNS query"
say "The answer crossed the gateway: c2guard bound $C2_NEW to the name," \
	"so the raw callback to that address is caught too"
show c2ctl list
callback "$C2_NEW"
if [[ $OUTCOME == ok ]]; then good "the callback went through (alert only)"; else bad "callback failed: $OUTCOME"; fi
if next_alert; then
	[[ $ALERT == *'"reason":"dns-answer"'* && $ALERT == *"\"name\":\"$C2_NAME\""* ]] ||
		bad "the alert does not name $C2_NAME as seen in a DNS answer"
else
	bad "no alert for the callback to the bound address"
fi

say "The analyst blocks the domain: reject answers the lookup NXDOMAIN" \
	"in the DNS server's name, so the malware gives up at once"
show c2ctl add "*.dyn.example" action reject tag demo-dns replace ||
	bad "c2ctl add ... replace failed"
resolve "$C2_NAME"
if [[ $ANSWER == NXDOMAIN ]]; then good "no such domain, as far as the malware knows"; else bad "expected NXDOMAIN, got $ANSWER"; fi
next_alert || bad "no alert for the rejected query"

say "The analyst wants the infected host isolated, not one flow dropped:" \
	"it still holds an open session to a file drop ($UPLOAD:8443)," \
	"uploading.  $C2_4 becomes a quarantine indicator; the remediation" \
	"server $REMEDY stays reachable"
printf '    infected$ (upload loop: one line every 0.2 s over one TCP session to %s:8443) &\n' "$UPLOAD"
ip netns exec "$INF" python3 "$HERE/session_traffic.py" "$UPLOAD" 8443 0 \
	--log "$TMP/session.log" --stop "$TMP/session.stop" </dev/null &>/dev/null &
for _ in $(seq $((50 * SLOW))); do
	grep -q " tcp ok" "$TMP/session.log" 2>/dev/null && break
	sleep 0.1
done
grep -q " tcp ok" "$TMP/session.log" 2>/dev/null || bad "the upload session did not start"
show c2ctl host allow add "$REMEDY" || bad "c2ctl host allow add failed"
show c2ctl add "$C2_4" action quarantine tag demo replace ||
	bad "c2ctl add ... action quarantine failed"
callback "$C2_4"
if [[ $OUTCOME == refused ]]; then good "the callback is refused"; else bad "expected refused, got: $OUTCOME"; fi
if next_alert; then
	[[ $ALERT == *'"action":"quarantine"'* ]] || bad "the alert does not say quarantine"
else
	bad "no alert for the quarantining callback"
fi
for _ in $(seq $((20 * SLOW))); do
	grep -q " tcp dead" "$TMP/session.log" && break
	sleep 0.1
done
dead=$(grep -m1 " tcp dead" "$TMP/session.log")
if [[ -n $dead ]]; then
	good "the open upload session died at once (${dead#* tcp dead:})"
else
	bad "the upload session is still alive"
fi
: >"$TMP/session.stop"
show c2ctl hosts
callback "$DNS_4"
if [[ $OUTCOME != ok ]]; then good "every other server is cut off too ($OUTCOME)"; else bad "a new flow went through"; fi
callback "$REMEDY"
if [[ $OUTCOME == ok ]]; then good "the remediation server is reachable"; else bad "remediation server: $OUTCOME"; fi
say "Cleaned: the analyst releases the host"
show c2ctl host release 10.0.1.2 || bad "c2ctl host release failed"
callback "$DNS_4"
if [[ $OUTCOME == ok ]]; then good "the host is back on the network"; else bad "after release: $OUTCOME"; fi

say "The malware switches to a server no feed knows ($C2_POLL) and polls" \
	"it for orders every ~0.5 s, +-30 % jitter (real malware: minutes)." \
	"Beacon detection, at compressed time for the demo, with action drop"
show c2ctl config set beacon on beacon-retry 100 beacon-idle 150 \
	beacon-min-gaps 8 beacon-action drop || bad "c2ctl config set failed"
printf '    infected$ while sleep 0.5+-30%%; do echo "id=7 any orders?" | socat - TCP:%s:443; done\n' "$C2_POLL"
polls=0
for i in $(seq 40); do
	echo "id=7 any orders?" | ip netns exec "$INF" socat -T $((2 * SLOW)) - \
		"TCP:$C2_POLL:443,connect-timeout=$((2 * SLOW))" \
		&>/dev/null && polls=$((polls + 1))
	more_alerts && break
	sleep "0.$((35 + RANDOM % 31))"
done
printf '      %d polls answered\n' "$polls"
if next_alert; then
	[[ $ALERT == *'"reason":"beacon"'* ]] || bad "the alert is not a beacon alert"
else
	bad "no beacon alert after $i polls"
fi
show c2ctl beacons top 3
callback "$C2_POLL"
if [[ $OUTCOME == timeout ]]; then
	good "the next poll is dropped: the beacon's channel is cut off"
else
	bad "expected the next poll to be dropped, got: $OUTCOME"
fi

say "Another infection, and no list at all: a Kraken-like bot asks for" \
	"names its algorithm made up, under four dynamic-DNS zones; most do" \
	"not exist.  DGA detection scores every name a host asks (c2ctl" \
	"dga-score prints the same score), on with action reject"
printf 'www.debian.org\nqzvkwmtrbx.dyndns.org\n' >"$TMP/names"
show c2ctl dga-score "$TMP/names"
show c2ctl config set dga on dga-action reject || bad "c2ctl config set dga failed"
zones=(dyndns.org dynserv.com mooo.com yi.org)
# made_up: 9-12 random letters, as a DGA makes them
made_up() {
	local a=abcdefghijklmnopqrstuvwxyz s='' k
	for ((k = 0; k < 9 + RANDOM % 4; k++)); do s+=${a:RANDOM%26:1}; done
	echo "$s"
}
caught=0
for i in $(seq 10); do
	resolve "$(made_up).${zones[i % 4]}"
	if more_alerts; then
		caught=$i
		break
	fi
	sleep 0.$((5 + RANDOM % 5))
done
if next_alert && [[ $ALERT == *'"reason":"dga"'* ]]; then
	good "caught at lookup $caught: a host asking made-up names, no list needed"
else
	bad "no dga alert after 10 lookups"
fi
name=$(made_up).dyndns.org
resolve "$name"
if [[ $ANSWER == NXDOMAIN ]] && ! grep -q "$name" "$TMP/dnsmasq.log"; then
	good "its next made-up name is refused by the gateway (NXDOMAIN)"
else
	bad "expected NXDOMAIN, got $ANSWER"
fi

say "A third bot calls out on 443, to an address and a name no feed" \
	"knows, but what it sends is not TLS: it encrypts its own way, as" \
	"Kraken did.  The protocol/port mismatch check reads the first bytes" \
	"of every flow to a TLS or HTTP port: on, with action reject"
show c2ctl config set proto-mismatch on proto-mismatch-action reject ||
	bad "c2ctl config set proto-mismatch failed"
printf '    infected$ head -c 64 /dev/urandom | socat - TCP:%s:443\n' "$C2_FAKE"
out=$( (printf '\x9c\x41'; head -c 62 /dev/urandom) |
	ip netns exec "$INF" socat -T $((5 * SLOW)) - \
		"TCP:$C2_FAKE:443,connect-timeout=$((2 * SLOW))" 2>&1)
printf '      %s\n' "${out:-(no orders came back)}"
if next_alert && [[ $ALERT == *'"reason":"proto-mismatch"'* &&
	$ALERT == *'"expected":"tls"'* ]]; then
	good "its fake TLS on 443 is flagged and the connection rejected"
else
	bad "no proto-mismatch alert for the fake TLS"
fi
[[ $out != orders:* ]] || bad "the fake-TLS bot got its orders"

say "Everything c2guard knows of the infected host, in one place: its" \
	"alerts by reason, each piece of evidence, its risk (the weak signals" \
	"added up raised a host-risk alert on the way)"
show c2ctl hosts 10.0.1.2
if [[ $(ip netns exec "$GW" "$C2CTL" -j hosts 10.0.1.2 2>/dev/null |
	jq '.[0].risk_alerts' 2>/dev/null) -ge 1 ]]; then
	good "its evidence added up to a host-risk alert"
else
	bad "no host-risk alert about the infected host"
fi

say "Counters on the gateway"
show c2ctl status
show c2ctl list

say "Unloading c2guard"
kill "$MON_PID" 2>/dev/null
wait "$MON_PID" 2>/dev/null
MON_PID=''
show c2ctl flush
for ns in "$INF" "$GW" "$C2"; do
	ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
done
sleep 0.2
for ns in "$INF" "$GW" "$C2"; do ip netns del "$ns"; done
if rmmod c2guard; then
	loaded=0
	good "module unloaded"
else
	bad "rmmod c2guard failed"
fi

echo
if [[ $problems -eq 0 ]]; then
	echo "demo: done - c2guard alerted, dropped, rejected and quarantined" \
		"as promised, by address, by name, by the timer of a beacon and" \
		"by made-up names."
	exit 0
fi
echo "demo: $problems thing(s) did not go as narrated (see UNEXPECTED above)"
[[ ! -s $TMP/monitor.err ]] || sed 's/^/monitor: /' "$TMP/monitor.err"
exit 1
