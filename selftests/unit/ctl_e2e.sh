#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end tests of c2ctl against fakenl.so, an LD_PRELOAD stand-in for
# the c2guard module (see fakenl.c), plus the real "module not loaded" path.
# KTAP output; the last line is "N passed, M failed".
#
#   C2CTL=path/to/c2ctl  FAKENL_SO=path/to/fakenl.so  ./ctl_e2e.sh
#   GARBAGE_RUNS=N  number of corrupted-reply runs (default 25)
#   ./ctl_e2e.sh [TEST...]  only those tests (usage or t_usage)

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
C2CTL=${C2CTL:-$HERE/c2ctl-asan}
FAKE=${FAKENL_SO:-$HERE/fakenl.so}
# tools/nlspec.py reads the family's spec, uapi/c2guard.yaml
SPEC_TOOLS=$(cd "$HERE/../../tools" && pwd)
SPEC=$(cd "$HERE/../../uapi" && pwd)/c2guard.yaml
GARBAGE_RUNS=${GARBAGE_RUNS:-25}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Sanitizer reports make the run exit 99; fakenl must be preloaded first.
export ASAN_OPTIONS=verify_asan_link_order=0:exitcode=99:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:exitcode=99:print_stacktrace=1

FAILED=0
fail() {
	echo "# $*"
	FAILED=1
}

# run CMD...: OUT, ERR, RC
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
	collect "$TMP/out" "$TMP/err" "$*"
}

# collect OUTFILE ERRFILE WHAT: OUT and ERR from those files; RC set, a
# sanitizer report (exit 99, or in ERR) from WHAT fails the test
collect() {
	OUT=$(<"$1")
	ERR=$(<"$2")
	if [ "$RC" -eq 99 ] || [[ $ERR == *Sanitizer* ]]; then
		fail "sanitizer report from: $3"
		sed 's/^/#   /' "$2" | head -40
	fi
}

# fake [VAR=VAL...] c2ctl ARGS: run c2ctl against the fake module
fake() {
	local vars=()

	while [ $# -gt 0 ] && [[ $1 == *=* ]]; do
		vars+=("$1")
		shift
	done
	# A netns of its own: the safety rails read the host's addresses.
	run "${PRIVNET[@]}" env FAKENL=1 FAKENL_STATE="$TMP/state" \
		LD_PRELOAD="$FAKE" "${vars[@]}" "$C2CTL" "$@"
}

# bg_start [VAR=VAL...] ARGS: like fake, c2ctl ARGS against the fake
# module, but in the background (BG_PID), its stdout and stderr kept for
# bg_stop.
bg_start() {
	local vars=()

	while [ $# -gt 0 ] && [[ $1 == *=* ]]; do
		vars+=("$1")
		shift
	done
	BG_CMD="c2ctl $*"
	: >"$TMP/bg.out"
	: >"$TMP/bg.err"
	env FAKENL=1 FAKENL_STATE="$TMP/state" LD_PRELOAD="$FAKE" \
		"${vars[@]}" "$C2CTL" "$@" >"$TMP/bg.out" 2>"$TMP/bg.err" &
	BG_PID=$!
}

# bg_until out|err TEXT: poll (10 s at most) until that output holds TEXT
bg_until() {
	local i

	for i in $(seq 200); do
		[[ $(<"$TMP/bg.$1") == *"$2"* ]] && return 0
		kill -0 "$BG_PID" 2>/dev/null || break
		sleep 0.05
	done
	fail "no \"$2\" on std$1 of the background c2ctl"
}

# bg_stop SIG: send SIG, then give the background c2ctl 20 s to exit:
# OUT, ERR, RC (137 when it had to be killed).  kill(1), not timeout(1):
# after its signal timeout sends SIGCONT, which, when it lands while
# LeakSanitizer's exit-time check ptrace-attaches c2ctl-asan, cancels the
# attach's SIGSTOP and leaves the check waiting forever.
bg_stop() {
	local i

	kill -s "$1" "$BG_PID"
	for i in $(seq 400); do
		kill -0 "$BG_PID" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$BG_PID" 2>/dev/null; then
		fail "c2ctl still running 20 s after SIG$1"
		kill -KILL "$BG_PID"
	fi
	wait "$BG_PID"
	RC=$?
	collect "$TMP/bg.out" "$TMP/bg.err" "$BG_CMD"
}

PRIVNET=()
# The interpreter the Debian packages of selftests/vm/deps.sh install
# their modules for (jsonschema, prometheus_client), even when another
# python3 comes first in PATH.
DEB_PYTHON=/usr/bin/python3
[ -x "$DEB_PYTHON" ] || DEB_PYTHON=python3
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
	PRIVNET=(unshare -n)
fi

# list -j is one array: its elements, one compact object per line, in OUT.
fake_list_lines() {
	fake -j list
	OUT=$(jq -c '.[]' <<<"$OUT")
}

expect_rc() {
	[ "$RC" -eq "$1" ] || fail "exit status $RC, want $1 (stderr: $ERR)"
}

expect_eq() {
	if [ "$2" != "$3" ]; then
		fail "$1 differs:"
		diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed 's/^/#   /'
	fi
}

expect_has() {
	grep -qF -- "$3" <<<"$2" || fail "$1 lacks \"$3\": $(head -c 300 <<<"$2")"
}

reset_state() {
	rm -f "$TMP/state"
}

# ---- tests ----

NOT_LOADED='c2ctl: c2guard module not loaded (generic netlink family "c2guard" not found)'

t_not_loaded_real_kernel() {
	# The host kernel has no c2guard family: the real error path.
	local cmd

	run "$C2CTL" config
	if [ "$RC" -eq 0 ]; then
		SKIP="c2guard is loaded on this host"
		return
	fi

	for cmd in status list "add 1.2.3.4" "del 1.2.3.4" flush monitor config \
		   "config set alert-rate 5" beacons "beacons flush" \
		   "beacons allow list" "beacons allow add 123/udp" \
		   "beacons allow add 10.0.0.0/8"; do
		# shellcheck disable=SC2086
		run "$C2CTL" $cmd
		expect_rc 1
		expect_eq "stderr of $cmd" "$ERR" "$NOT_LOADED"
		expect_eq "stdout of $cmd" "$OUT" ""
	done
	printf '1.2.3.4\n' >"$TMP/feed"
	run "$C2CTL" load "$TMP/feed"
	expect_rc 1
	expect_eq "stderr of load" "$ERR" "$NOT_LOADED"
}

t_not_loaded_fake() {
	fake FAKENL_ABSENT=1 status
	expect_rc 1
	expect_eq stderr "$ERR" "$NOT_LOADED"
}

t_usage() {
	run "$C2CTL"
	expect_rc 1
	expect_has stderr "$ERR" "no command given"
	run "$C2CTL" -h
	expect_rc 0
	expect_has stdout "$OUT" "Usage: c2ctl"
	run "$C2CTL" help
	expect_rc 0
	expect_has stdout "$OUT" "monitor [-j | --eve | --eve-file PATH] [--follow] [--journal] [count N]"
	run "$C2CTL" -V
	expect_rc 0
	expect_has stdout "$OUT" "c2ctl "
	run "$C2CTL" frob
	expect_rc 1
	expect_eq stderr "$ERR" 'c2ctl: unknown command "frob" (see "c2ctl help")'
	run "$C2CTL" --frob status
	expect_rc 1
	expect_has stderr "$ERR" "unknown option --frob"
	# Bad arguments are refused before the kernel is asked anything.
	local -a bad=(
		"add|c2ctl: add: missing address or domain name"
		"add action drop|c2ctl: add: missing address or domain name"
		"add 1.2.3.4 action|c2ctl: add: action needs a value"
		"add 1.2.3.4 action fly|c2ctl: add: unknown action \"fly\" (alert, drop, reject, mark, quarantine or allow)"
		"add evil.example action allowed|c2ctl: add: unknown action \"allowed\" (alert, drop, reject, mark, quarantine or allow)"
		"add a..evil.example|c2ctl: add: a..evil.example: invalid domain name (empty label)"
		"add *|c2ctl: add: *: invalid domain name ('*' other than a leading \"*.\")"
		"add a.*.example|c2ctl: add: a.*.example: invalid domain name ('*' other than a leading \"*.\")"
		"add *.|c2ctl: add: *.: invalid domain name (empty name)"
		"add ev!l.example|c2ctl: add: ev!l.example: invalid domain name (character other than a letter, digit, '-', '_' or '.')"
		"add ev!l.example/24|c2ctl: add: ev!l.example/24: invalid host name (character other than a letter, digit, '-', '_' or '.')"
		"add 1.2.3|c2ctl: add: 1.2.3: invalid IPv4 address"
		"add 0123456789012345678901234567890123456789012345678901234567890123.example|c2ctl: add: 0123456789012345678901234567890123456789012345678901234567890123...: invalid domain name (label longer than 63 bytes)"
		"del *.evil.example tag x|c2ctl: del: unexpected \"tag\""
		"add 1.2.3.4 timeout 31536001|c2ctl: add: timeout 31536001 out of range (0..31536000 seconds)"
		"add 1.2.3.4 timeout 1h|c2ctl: add: invalid timeout \"1h\""
		"add 10.0.0.1/8|c2ctl: add: 10.0.0.1/8: address bits set past the prefix length (did you mean 10.0.0.0/8?)"
		"add 1.2.3.4/33|c2ctl: add: 1.2.3.4/33: prefix length out of range"
		"add 1.2.3.4 -j|c2ctl: add: unexpected \"-j\""
		"del 1.2.3.4 tag x|c2ctl: del: unexpected \"tag\""
		"flush tag|c2ctl: flush: expected nothing or \"tag T\""
		"list now|c2ctl: list: no arguments expected besides -j"
		"monitor count 0|c2ctl: monitor: invalid count \"0\""
		"monitor count -1|c2ctl: monitor: invalid count \"-1\""
		"config set|c2ctl: config set: nothing to set (see \"c2ctl help\")"
		"config set alert-rate|c2ctl: config set: alert-rate needs a value"
		"config set alert-rate 1000001|c2ctl: config set: alert-rate 1000001 out of range (0..1000000)"
		"config set alert-burst 0|c2ctl: config set: alert-burst 0 out of range (1..1000000)"
		"config set mark-mask 0|c2ctl: config set: mark-mask 0 out of range (1..4294967295)"
		"config set mark-value 0x100000000|c2ctl: config set: mark-value 0x100000000 out of range (0..4294967295)"
		"config set mark-value 12k|c2ctl: config set: invalid number \"12k\" for mark-value"
		"config set speed 1|c2ctl: config set: unknown setting \"speed\" (mark-value, mark-mask, alert-rate, alert-burst, dns-port, dns-rcode, bind-ttl-min, bind-ttl-max, bind-max, beacon, beacon-retry, beacon-idle, beacon-silence, beacon-holddown, beacon-window, beacon-min-gaps, beacon-threshold, beacon-max, beacon-action, beacon-allow-ports, dga, dga-threshold, dga-names, dga-window, dga-action, nxdomain-burst, nxdomain-burst-threshold, nxdomain-burst-window, nxdomain-burst-action, fast-flux, fast-flux-threshold, fast-flux-window, fast-flux-action, dns-holddown, dns-hosts-max, dns-names-max, quarantine-time, host-threshold, host-action, host-half-life, hosts-max, proto-mismatch, proto-mismatch-action, tls-ports, http-ports, irc, irc-action, irc-ports)"
		"config set beacon maybe|c2ctl: config set: invalid beacon \"maybe\" (on or off)"
		"config set beacon ON|c2ctl: config set: invalid beacon \"ON\" (on or off)"
		"config set beacon|c2ctl: config set: beacon needs a value"
		"config set beacon-retry 0|c2ctl: config set: beacon-retry 0 out of range (1..3600000)"
		"config set beacon-retry 3600001|c2ctl: config set: beacon-retry 3600001 out of range (1..3600000)"
		"config set beacon-idle 0|c2ctl: config set: beacon-idle 0 out of range (1..3600000)"
		"config set beacon-idle 2s|c2ctl: config set: invalid number \"2s\" for beacon-idle"
		"config set beacon-silence 2592000001|c2ctl: config set: beacon-silence 2592000001 out of range (2..2592000000)"
		"config set beacon-silence 1|c2ctl: config set: beacon-silence 1 out of range (2..2592000000)"
		"config set beacon-holddown 2592000001|c2ctl: config set: beacon-holddown 2592000001 out of range (0..2592000000)"
		"config set beacon-window 3|c2ctl: config set: beacon-window 3 out of range (4..32)"
		"config set beacon-window 33|c2ctl: config set: beacon-window 33 out of range (4..32)"
		"config set beacon-min-gaps 3|c2ctl: config set: beacon-min-gaps 3 out of range (4..32)"
		"config set beacon-threshold 0|c2ctl: config set: beacon-threshold 0 out of range (1..100)"
		"config set beacon-threshold 101|c2ctl: config set: beacon-threshold 101 out of range (1..100)"
		"config set beacon-max 16777217|c2ctl: config set: beacon-max 16777217 out of range (0..16777216)"
		"config set beacon-action allow|c2ctl: config set: invalid beacon-action \"allow\" (alert, drop, reject, mark or quarantine)"
		"config set beacon-action none|c2ctl: config set: invalid beacon-action \"none\" (alert, drop, reject, mark or quarantine)"
		"config set beacon-action 2|c2ctl: config set: invalid beacon-action \"2\" (alert, drop, reject, mark or quarantine)"
		"config set beacon-allow-ports 0|c2ctl: config set: beacon-allow-ports: port 0 out of range (1..65535)"
		"config set beacon-allow-ports 65536/tcp|c2ctl: config set: beacon-allow-ports: port 65536 out of range (1..65535)"
		"config set beacon-allow-ports 53/icmp|c2ctl: config set: beacon-allow-ports: invalid protocol \"icmp\" (tcp or udp)"
		"config set beacon-allow-ports 53,53|c2ctl: config set: beacon-allow-ports: 53 given twice"
		"config set beacon-allow-ports 53,|c2ctl: config set: beacon-allow-ports: invalid port \"\" (PORT, PORT/tcp or PORT/udp)"
		"config set beacon-allow-ports x|c2ctl: config set: beacon-allow-ports: invalid port \"x\" (PORT, PORT/tcp or PORT/udp)"
		"config set beacon-allow-ports $(seq -s, 1 65)|c2ctl: config set: beacon-allow-ports: more than 64 ports"
		"beacons now|c2ctl: beacons: expected nothing, \"top N\", \"all\", \"flush\" or \"allow ...\" (see \"c2ctl help\")"
		"beacons top|c2ctl: beacons: expected nothing, \"top N\", \"all\", \"flush\" or \"allow ...\" (see \"c2ctl help\")"
		"beacons top 0|c2ctl: beacons: invalid count \"0\""
		"beacons top ten|c2ctl: beacons: invalid count \"ten\""
		"beacons flush all|c2ctl: beacons: expected nothing, \"top N\", \"all\", \"flush\" or \"allow ...\" (see \"c2ctl help\")"
		"beacons allow|c2ctl: beacons allow: expected \"list\", \"add X\" or \"del X\" (see \"c2ctl help\")"
		"beacons allow add|c2ctl: beacons allow: expected \"list\", \"add X\" or \"del X\" (see \"c2ctl help\")"
		"beacons allow add 1 2|c2ctl: beacons allow: expected \"list\", \"add X\" or \"del X\" (see \"c2ctl help\")"
		"beacons allow put 53|c2ctl: beacons allow: expected \"list\", \"add X\" or \"del X\" (see \"c2ctl help\")"
		"beacons allow add 0|c2ctl: beacons allow add: port 0 out of range (1..65535)"
		"beacons allow add 65536|c2ctl: beacons allow add: port 65536 out of range (1..65535)"
		"beacons allow add 53/sctp|c2ctl: beacons allow add: invalid protocol \"sctp\" (tcp or udp)"
		"beacons allow del 53/|c2ctl: beacons allow del: invalid protocol \"\" (tcp or udp)"
		"beacons allow add 10.0.0.1/8|c2ctl: beacons allow add: 10.0.0.1/8: address bits set past the prefix length (did you mean 10.0.0.0/8?)"
		"beacons allow del a..b.example|c2ctl: beacons allow del: a..b.example: invalid domain name (empty label)"
		"config set dns-port 0|c2ctl: config set: dns-port 0 out of range (1..65535)"
		"config set dns-port 65536|c2ctl: config set: dns-port 65536 out of range (1..65535)"
		"config set dns-port domain|c2ctl: config set: invalid number \"domain\" for dns-port"
		"config set dns-rcode 4|c2ctl: config set: invalid dns-rcode \"4\" (nxdomain, refused, 3 or 5)"
		"config set dns-rcode servfail|c2ctl: config set: invalid dns-rcode \"servfail\" (nxdomain, refused, 3 or 5)"
		"config set dns-rcode NXDOMAIN|c2ctl: config set: invalid dns-rcode \"NXDOMAIN\" (nxdomain, refused, 3 or 5)"
		"config set dns-rcode|c2ctl: config set: dns-rcode needs a value"
		"config set bind-ttl-min 0|c2ctl: config set: bind-ttl-min 0 out of range (1..31536000)"
		"config set bind-ttl-max 31536001|c2ctl: config set: bind-ttl-max 31536001 out of range (1..31536000)"
		"config set bind-max 1048577|c2ctl: config set: bind-max 1048577 out of range (0..1048576)"
		"config set bind-max -1|c2ctl: config set: invalid number \"-1\" for bind-max"
		"config set bind-max 1 bind-max 2|c2ctl: config set: bind-max given twice"
		"config set alert-rate 1 alert-rate 2|c2ctl: config set: alert-rate given twice"
		"config set proto-mismatch maybe|c2ctl: config set: invalid proto-mismatch \"maybe\" (on or off)"
		"config set irc|c2ctl: config set: irc needs a value"
		"config set irc on irc off|c2ctl: config set: irc given twice"
		"config set proto-mismatch-action allow|c2ctl: config set: invalid proto-mismatch-action \"allow\" (alert, drop, reject, mark or quarantine)"
		"config set irc-action allow|c2ctl: config set: invalid irc-action \"allow\" (alert, drop, reject, mark or quarantine)"
		"config set irc-action 2|c2ctl: config set: invalid irc-action \"2\" (alert, drop, reject, mark or quarantine)"
		"config set tls-ports|c2ctl: config set: tls-ports needs a value"
		"config set tls-ports 0|c2ctl: config set: tls-ports: port 0 out of range (1..65535)"
		"config set http-ports 80,65536|c2ctl: config set: http-ports: port 65536 out of range (1..65535)"
		"config set irc-ports 6667/tcp|c2ctl: config set: irc-ports: invalid port \"6667/tcp\" (1..65535, or none)"
		"config set tls-ports https|c2ctl: config set: tls-ports: invalid port \"https\" (1..65535, or none)"
		"config set tls-ports 443,|c2ctl: config set: tls-ports: invalid port \"\" (1..65535, or none)"
		"config set tls-ports -443|c2ctl: config set: tls-ports: invalid port \"-443\" (1..65535, or none)"
		"config set tls-ports none,443|c2ctl: config set: tls-ports: invalid port \"none\" (1..65535, or none)"
		"config set tls-ports 443,0123456789012345678901234567|c2ctl: config set: tls-ports: invalid port \"01234567890123456789012...\" (1..65535, or none)"
		"config set irc-ports 6667,7000,6667|c2ctl: config set: irc-ports: 6667 given twice"
		"config set http-ports 80,0x50|c2ctl: config set: http-ports: 0x50 given twice"
		"config set tls-ports $(seq -s, 1 17)|c2ctl: config set: tls-ports: more than 16 ports"
		"load|c2ctl: load: missing FILE (or - for standard input)"
		"load - frob|c2ctl: load: unexpected \"frob\""
		"load /nonexistent/feed|c2ctl: load: cannot open /nonexistent/feed: No such file or directory"
	)
	local b
	set -f		# "add *" is an argument, not a glob
	for b in "${bad[@]}"; do
		# shellcheck disable=SC2086
		run "$C2CTL" ${b%%|*}
		expect_rc 1
		expect_eq "stderr of '${b%%|*}'" "$ERR" "${b#*|}"
	done
	set +f
}

t_status() {
	reset_state
	fake status
	expect_rc 0
	expect_has stdout "$OUT" "version 0.1.0-fake"
	expect_has stdout "$OUT" "features ipv4 ipv6 timeout reject mark domain allow dns-bind beacon dns-behaviour sinkhole quarantine process host-risk 0x4000"
	expect_has stdout "$OUT" "ind_v4 0"
	expect_has stdout "$OUT" "repeats 1019"
	expect_has stdout "$OUT" "ind_names 0"
	expect_has stdout "$OUT" "nolabels 1035"
	expect_has stdout "$OUT" "beacon_channels 6"
	expect_has stdout "$OUT" "beacon_nolabels 2045"
	expect_has stdout "$OUT" "ind_urls 0"
	expect_has stdout "$OUT" "ind_lpm_keys 0"
	expect_has stdout "$OUT" "ind_lpm_pending 0"
	expect_has stdout "$OUT" "ind_max 16777216"
	expect_eq "line count" "$(wc -l <<<"$OUT")" 71
	fake -j status
	expect_rc 0
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["features"][-2:]==["host-risk","0x4000"] and d["mem"]==1018 and d["version"]=="0.1.0-fake", d' "$OUT" ||
		fail "bad status JSON: $OUT"
	# every counter under its name, in the uapi's order
	expect_eq "status keys" "$(jq -r 'keys_unsorted | join(" ")' <<<"$OUT")" \
		"version features ind_v4 ind_v6 generation alert_seq packets flows matches alerts suppressed dropped rejected marked untracked expired alert_fails mem repeats ind_names bound allowed dns_queries dns_answers dns_malformed dns_truncated bind_added bind_refused tls_sni tls_no_sni tls_partial http_host http_partial nolabels beacon_channels beacon_sources beacon_events beacon_alerts beacon_evicted beacon_refused beacon_expired beacon_exempt beacon_mem beacon_nolabels dns_mem dns_scored dga_alerts nxdomain_alerts flux_alerts dns_evicted dns_exempt quarantines quarantine_drops quarantine_refused hosts_mem host_risk_alerts hosts_evicted quic_initials quic_unopened quic_sni quic_no_sni quic_partial quic_unfollowed ind_ja4 ja4_computed proto_mismatch_alerts irc_alerts ind_urls ind_lpm_keys ind_lpm_pending ind_max"
	# (the fake's counters: the attribute's number + 2000)
	expect_eq "ja4 counters" "$(jq -c '[.ind_ja4, .ja4_computed]' <<<"$OUT")" "[0,2074]"
	expect_eq "beacon counters" "$(jq -c '[.beacon_channels, .beacon_sources, .beacon_events, .beacon_mem, (.features | index("beacon"))]' <<<"$OUT")" \
		"[6,3,2038,2044,8]"
	expect_eq "new counters" "$(jq -c '[.ind_names, .bound, .allowed, .dns_queries, .nolabels, (.features | index("dns-bind"))]' <<<"$OUT")" \
		"[0,0,1023,1024,1035,7]"
	fake status -j
	expect_rc 0
	python3 -c 'import json,sys; json.loads(sys.argv[1])' "$OUT" || fail "status -j"
}

t_add_list_del() {
	reset_state
	fake add 198.51.100.0/24 action drop tag feed1
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake add 1.2.3.4
	expect_rc 0
	fake add 2001:DB8:0:0::1 timeout 60 tag v6
	expect_rc 0
	fake list
	expect_rc 0
	expect_eq list "$(sort <<<"$OUT")" \
"cidr 198.51.100.0/24 action drop tag feed1 timeout 0 hits 0
ip 1.2.3.4/32 action alert tag \"\" timeout 0 hits 1
ip 2001:db8::1/128 action alert tag v6 timeout 60 hits 2"

	fake add 1.2.3.4 action drop
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: add 1.2.3.4: File exists (kernel: indicator already exists)"

	fake add 1.2.3.4 action drop tag new replace
	expect_rc 0
	fake list
	expect_has list "$OUT" "ip 1.2.3.4/32 action drop tag new timeout 0 hits 1"

	fake del 1.2.3.4
	expect_rc 0
	fake del 1.2.3.4
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: del 1.2.3.4: No such file or directory (kernel: indicator not found)"
	fake del 198.51.100.0/24
	expect_rc 0
	fake list
	expect_eq list "$OUT" "ip 2001:db8::1/128 action alert tag v6 timeout 60 hits 2"
}

t_list_json() {
	reset_state
	fake add 198.51.100.0/24 action drop tag feed1
	fake add ::ffff:10.0.0.0/104 action mark tag 'q"uo\te'
	fake add 0.0.0.0/0 action reject force
	fake -j list
	expect_rc 0
	python3 - "$OUT" <<'EOF' || fail "JSON lines: $OUT"
import json, sys
rows = json.loads(sys.argv[1])
assert len(rows) == 3, rows
by = {r["addr"]: r for r in rows}
assert by["198.51.100.0"] == {"type": "cidr", "family": "inet",
	"addr": "198.51.100.0", "prefixlen": 24, "action": "drop",
	"tag": "feed1", "timeout": 0, "hits": by["198.51.100.0"]["hits"]}, by
assert list(by["198.51.100.0"].keys()) == ["type", "family", "addr",
	"prefixlen", "action", "tag", "timeout", "hits"]
assert by["::ffff:10.0.0.0"]["tag"] == 'q"uo\\te' and by["::ffff:10.0.0.0"]["family"] == "inet6"
assert by["0.0.0.0"]["prefixlen"] == 0 and by["0.0.0.0"]["action"] == "reject"
EOF
	fake list -j
	expect_rc 0
	expect_eq "elements" "$(jq length <<<"$OUT")" 3
}

t_flush() {
	reset_state
	fake add 10.0.0.0/8 tag a
	fake add 10.0.0.1 tag a
	fake add 10.0.0.2 tag b
	fake flush tag a
	expect_rc 0
	fake list
	expect_eq list "$OUT" "ip 10.0.0.2/32 action alert tag b timeout 0 hits 2"
	fake flush
	expect_rc 0
	fake list
	expect_eq list "$OUT" ""
}

make_feed() {
	printf '%s\n' \
		'# feed header' \
		'198.51.100.0/24 action drop tag feed1' \
		'203.0.113.7            # trailing comment' \
		$'2001:db8::/32 timeout 3600\r' \
		'   ' \
		'bogus line' \
		'10.0.0.1/8' \
		'192.0.2.1 action nope' \
		'192.0.2.2 tag t2 action mark' \
		'' \
		$'\t198.51.100.99#x' >"$TMP/feed"
}

t_load() {
	reset_state
	make_feed
	fake load "$TMP/feed" tag deflt action reject
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 5 indicators, 3 errors"
	expect_eq stderr "$ERR" \
"c2ctl: $TMP/feed:6: unexpected \"line\"
c2ctl: $TMP/feed:7: 10.0.0.1/8: address bits set past the prefix length (did you mean 10.0.0.0/8?)
c2ctl: $TMP/feed:8: unknown action \"nope\" (alert, drop, reject, mark, quarantine or allow)"
	fake list
	expect_eq list "$(sort <<<"$OUT" | sed 's/ hits [0-9]*$//')" \
"cidr 198.51.100.0/24 action drop tag feed1 timeout 0
cidr 2001:db8::/32 action reject tag deflt timeout 3600
ip 192.0.2.2/32 action mark tag t2 timeout 0
ip 198.51.100.99/32 action reject tag deflt timeout 0
ip 203.0.113.7/32 action reject tag deflt timeout 0"

	# Loading again replaces instead of failing with EEXIST.
	fake load "$TMP/feed" tag other
	expect_eq stdout "$OUT" "loaded 5 indicators, 3 errors"
	fake list
	expect_has list "$OUT" "ip 203.0.113.7/32 action alert tag other"
}

t_load_strict() {
	reset_state
	make_feed
	fake load "$TMP/feed" strict
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 3 indicators, 1 errors"
	expect_eq stderr "$ERR" "c2ctl: $TMP/feed:6: unexpected \"line\""
	fake list
	expect_eq "list length" "$(wc -l <<<"$OUT")" 3
}

t_load_stdin() {
	reset_state
	printf '1.2.3.4 tag s\n::1 force\n' >"$TMP/in"
	fake load - timeout 5 <"$TMP/in"
	expect_rc 0
	expect_eq stdout "$OUT" "loaded 2 indicators, 0 errors"
	expect_eq stderr "$ERR" ""
	fake list
	expect_eq list "$(sort <<<"$OUT")" \
"ip 1.2.3.4/32 action alert tag s timeout 5 hits 0
ip ::1/128 action alert tag \"\" timeout 5 hits 1"
	fake load - </dev/null
	expect_rc 0
	expect_eq "empty feed" "$OUT" "loaded 0 indicators, 0 errors"
	fake load - strict tag 0123456789012345678901234567890123 <"$TMP/in"
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: load: tag longer than 31 bytes"
}

t_load_kernel_errors() {
	reset_state
	seq 1 10 | sed 's/^/10.0.0./' >"$TMP/feed10"
	fake FAKENL_MAX=5 load "$TMP/feed10"
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 5 indicators, 5 errors"
	expect_eq "first kernel error" "$(head -n 1 <<<"$ERR")" \
		"c2ctl: $TMP/feed10:6: 10.0.0.6/32: No space left on device (kernel: indicator table is full)"
	expect_eq "error count" "$(wc -l <<<"$ERR")" 5

	reset_state
	fake FAKENL_MAX=5 load "$TMP/feed10" strict
	expect_rc 1
	expect_has stdout "$OUT" "loaded 5 indicators, 5 errors"
}

t_load_stray_acks() {
	# ACKs for sequence numbers that are not requests of the batch (here:
	# comment lines) are ignored, not mistaken for the lines around them.
	reset_state
	seq 1 500 | awk '{ printf "# c%d\n10.1.%d.%d\n", $1, int($1 / 256), $1 % 256 }' >"$TMP/feedc"
	fake FAKENL_STRAY=1 load "$TMP/feedc"
	expect_rc 0
	expect_eq stdout "$OUT" "loaded 500 indicators, 0 errors"
	expect_eq stderr "$ERR" ""
}

t_load_ack_overrun() {
	# Small receive buffer (no SO_RCVBUFFORCE), expensive ACKs: the first
	# batches lose ACKs, which is reported per line, and c2ctl shrinks its
	# batches until every ACK fits.
	reset_state
	seq 0 2999 | awk '{ printf "10.%d.%d.1\n", int($1 / 256), $1 % 256 }' >"$TMP/feed3k"
	fake FAKENL_NO_FORCE=1 FAKENL_ACK_COST=20000 load "$TMP/feed3k"
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 2694 indicators, 306 errors"
	expect_eq "first error" "$(head -n 1 <<<"$ERR")" \
		"c2ctl: $TMP/feed3k:22: no ACK from the kernel (receive buffer overrun); result unknown"
	expect_eq "no errors after shrinking" "$(tail -n 1 <<<"$ERR" | cut -d: -f3)" "390"
	fake list
	expect_eq "indicators actually added" "$(wc -l <<<"$OUT")" 3000
}

t_load_large() {
	reset_state
	seq 0 199999 | awk '{ printf "%d.%d.%d.0/24 tag big\n", 1 + int($1 / 65536), int($1 / 256) % 256, $1 % 256 }' >"$TMP/feed200k"
	local t0 t1
	t0=$(date +%s%N)
	fake load "$TMP/feed200k"
	t1=$(date +%s%N)
	expect_rc 0
	expect_eq stdout "$OUT" "loaded 200000 indicators, 0 errors"
	echo "# 200000 lines through c2ctl (ASan build) + fake kernel: $(((t1 - t0) / 1000000)) ms"
	fake status
	expect_has status "$OUT" "ind_v4 200000"
}

t_list_dump_intr() {
	reset_state
	local i
	for i in 1 2 3 4; do
		fake add "192.0.2.$i"
	done
	fake FAKENL_DUMP_INTR=2 list
	expect_rc 0
	expect_eq stderr "$ERR" \
"c2ctl: table changed during dump, retrying
c2ctl: table changed during dump, retrying"
	expect_eq "list length" "$(wc -l <<<"$OUT")" 4
	expect_eq "duplicates" "$(sort <<<"$OUT" | uniq -d)" ""
	fake FAKENL_DUMP_INTR=5 list
	expect_rc 1
	expect_eq stdout "$OUT" ""
	expect_eq "last error" "$(tail -n 1 <<<"$ERR")" \
		"c2ctl: list: table kept changing during 5 dumps, giving up"
}

t_malformed_replies() {
	reset_state
	fake add 192.0.2.1
	fake add 192.0.2.2
	fake FAKENL_MALFORMED=1 status
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: status: malformed reply from the kernel"
	fake FAKENL_MALFORMED=1 list
	expect_rc 1
	expect_eq "list length" "$(wc -l <<<"$OUT")" 1
	expect_eq stderr "$ERR" "c2ctl: list: skipped 1 malformed indicator(s) in the kernel's reply"
}

t_eperm() {
	fake FAKENL_EPERM=1 status
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: status: Operation not permitted"
	fake FAKENL_EPERM=1 list
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: list: Operation not permitted"
	fake FAKENL_EPERM=1 monitor
	expect_rc 1
	expect_eq stderr "$ERR" 'c2ctl: monitor: cannot join the "alerts" multicast group: Operation not permitted'
	printf '1.2.3.4\n' >"$TMP/feed1"
	fake FAKENL_EPERM=1 load "$TMP/feed1"
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: $TMP/feed1:1: 1.2.3.4/32: Operation not permitted"
}

ALERTS_TEXT='seq 7 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40000 -> 198.51.100.7:443 to-indicator 198.51.100.7/32 tag feed1 reason ip hook prerouting iif 3 suppressed 1
seq 8 2026-11-21T23:59:01.123456Z alert udp [2001:db8::53]:53 -> [2001:db8::1]:5353 from-indicator 2001:db8::/32 tag "we\"ird \xc3\xa9\x01\xff" reason ip hook output suppressed 2 pid 4242 comm "cu\x1b[2Jrl\x0a" uid 1000 gid 100 cgroup id:2251799812711237
lost 2 alerts (seq 9..10)
seq 11 2026-11-21T23:59:01.123456Z 9 icmp 10.0.1.2 -> 198.51.100.7 to-indicator 198.51.100.7/32 tag feed1 reason 0 hook 1 iif 2 suppressed 2
lost 1 alert (seq 12..12)
seq 13 2026-11-21T23:59:01.123456Z mark 47 10.0.1.2 -> 198.51.100.7 to-indicator 198.51.100.7/32 tag feed1 reason ip hook prerouting iif 3 suppressed 1
lost 6 alerts (seq 14..19)
seq 20 2026-11-21T23:59:01.123456Z reject sctp 10.0.1.2:1000 -> 198.51.100.7:2000 to-indicator 198.51.100.7/32 tag feed1 reason ip hook prerouting iif 3 suppressed 2'

# lost alerts are told in the stream (a line of its own); stderr has the rest
ALERTS_ERR='c2ctl: monitor: ignoring a malformed alert from the kernel
c2ctl: monitor: receive buffer overrun, alerts were lost'

t_monitor_text() {
	fake FAKENL_ALERTS=1 monitor count 5
	expect_rc 0
	expect_eq stdout "$OUT" "$ALERTS_TEXT"
	expect_eq stderr "$ERR" "$ALERTS_ERR"
	fake FAKENL_ALERTS=1 monitor count 2
	expect_rc 0
	expect_eq "count 2" "$OUT" "$(head -n 2 <<<"$ALERTS_TEXT")"
	fake FAKENL_ALERTS=1 monitor --journal count 5
	expect_eq "--journal alone: nothing on stdout" "$OUT" ""
}

t_monitor_unload() {
	fake FAKENL_UNLOAD=1 monitor
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: monitor: the c2guard module was unloaded"
}

t_monitor_json() {
	fake FAKENL_ALERTS=1 -j monitor count 5
	expect_rc 0
	expect_eq stderr "$ERR" "$ALERTS_ERR"
	python3 - "$OUT" <<'EOF' || fail "monitor JSON: $OUT"
import json, sys
objs = [json.loads(l) for l in sys.argv[1].splitlines()]
rows = [r for r in objs if "seq" in r]
lost = [r for r in objs if "seq" not in r]
assert [r["seq"] for r in rows] == [7, 8, 11, 13, 20], rows
# in the stream, where they were noticed
assert [list(r) for r in lost] == [["lost", "seq_first", "seq_last", "time"]] * 3, lost
assert [(r["lost"], r["seq_first"], r["seq_last"]) for r in lost] == \
	[(2, 9, 10), (1, 12, 12), (6, 14, 19)], lost
assert [next(iter(r)) for r in objs] == ["seq", "seq", "lost", "seq", "lost",
	"seq", "lost", "seq"], objs
want = {"seq": 7, "time": "2026-11-21T23:59:01.123456Z",
	"time_ns": 1795305541123456789, "netns": 4026531840, "family": "inet",
	"proto": "tcp", "saddr": "10.0.1.2", "sport": 40000,
	"daddr": "198.51.100.7", "dport": 443, "dir": "to-indicator",
	"hook": "prerouting", "iif": 3, "indicator": "198.51.100.7/32",
	"tag": "feed1", "action": "drop", "reason": "ip", "suppressed": 1}
assert rows[0] == want and list(rows[0]) == list(want), rows[0]
assert "iif" not in rows[1] and rows[1]["tag"] == 'we"ird \u00e9\u0001\ufffd', rows[1]
assert (rows[1]["pid"], rows[1]["comm"], rows[1]["uid"], rows[1]["gid"],
	rows[1]["cgroup"], rows[1]["cgroup_id"]) == (4242, "cu\x1b[2Jrl\n", 1000,
	100, None, 0x7fffffff12345), rows[1]
assert "pid" not in rows[0] and "uid" not in rows[0] and "cgroup" not in rows[0]
assert "sport" not in rows[2] and rows[2]["hook"] == "1" and rows[2]["action"] == "9"
assert rows[3]["proto"] == "47" and rows[4]["proto"] == "sctp"
EOF
}

t_monitor_signals() {
	local sig
	for sig in INT TERM; do
		bg_start FAKENL_ALERTS=1 monitor
		bg_until out "${ALERTS_TEXT##*$'\n'}"
		bg_stop $sig
		expect_rc 0
		expect_eq "SIG$sig output" "$OUT" "$ALERTS_TEXT"
		expect_eq "SIG$sig stderr" "$ERR" "$ALERTS_ERR"
	done
}

# --follow without the module: waits (no polling, no exit) until a signal
t_monitor_follow() {
	bg_start FAKENL_ABSENT=1 monitor --follow
	bg_until err "waiting for the c2guard module"
	bg_stop TERM
	expect_rc 0
	expect_eq stderr "$ERR" "c2ctl: monitor: waiting for the c2guard module"
	expect_eq stdout "$OUT" ""
	fake FAKENL_ABSENT=1 monitor
	expect_rc 1
	expect_has stderr "$ERR" "c2guard module not loaded"
	fake FAKENL_ALERTS=1 monitor --folow
	expect_rc 1
	expect_eq stderr "$ERR" 'c2ctl: monitor: unknown option --folow (see "c2ctl help")'
}

t_config() {
	reset_state
	fake config
	expect_rc 0
	expect_eq config "$OUT" \
"mark-value 0x00c20000
mark-mask 0x00ff0000
alert-rate 100
alert-burst 200
dns-port 53
dns-rcode nxdomain
bind-ttl-min 60
bind-ttl-max 3600
bind-max 65536
beacon off
beacon-retry 2000
beacon-idle 2000
beacon-silence 21600000
beacon-holddown 3600000
beacon-window 32
beacon-min-gaps 8
beacon-threshold 70
beacon-max 65536
beacon-action alert
beacon-allow-ports none
dga off
dga-threshold 63
dga-names 5
dga-window 600
dga-action alert
nxdomain-burst off
nxdomain-burst-threshold 20
nxdomain-burst-window 300
nxdomain-burst-action alert
fast-flux off
fast-flux-threshold 10
fast-flux-window 1800
fast-flux-action alert
dns-holddown 3600
dns-hosts-max 65536
dns-names-max 16384
quarantine-time 0
host-threshold 100
host-action alert
host-half-life 3600
hosts-max 4096
proto-mismatch off
proto-mismatch-action alert
tls-ports 443 8443 465 993 995
http-ports 80 8080
irc off
irc-action alert
irc-ports 6667 6665 6666 6668 6669 7000"
	fake config -j
	expect_eq "config -j" "$OUT" \
		'{"mark_value":12713984,"mark_mask":16711680,"alert_rate":100,"alert_burst":200,"dns_port":53,"dns_rcode":"nxdomain","bind_ttl_min":60,"bind_ttl_max":3600,"bind_max":65536,"beacon":false,"beacon_retry":2000,"beacon_idle":2000,"beacon_silence":21600000,"beacon_holddown":3600000,"beacon_window":32,"beacon_min_gaps":8,"beacon_threshold":70,"beacon_max":65536,"beacon_action":"alert","beacon_allow_ports":[],"dga":false,"dga_threshold":63,"dga_names":5,"dga_window":600,"dga_action":"alert","nxdomain_burst":false,"nxdomain_burst_threshold":20,"nxdomain_burst_window":300,"nxdomain_burst_action":"alert","fast_flux":false,"fast_flux_threshold":10,"fast_flux_window":1800,"fast_flux_action":"alert","dns_holddown":3600,"dns_hosts_max":65536,"dns_names_max":16384,"quarantine_time":0,"host_threshold":100,"host_action":"alert","host_half_life":3600,"hosts_max":4096,"proto_mismatch":false,"proto_mismatch_action":"alert","tls_ports":[443,8443,465,993,995],"http_ports":[80,8080],"irc":false,"irc_action":"alert","irc_ports":[6667,6665,6666,6668,6669,7000]}'
	fake config set alert-rate 0x10 alert-burst 50 mark-value 0x00010000
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake -j config
	expect_eq "config after set" "$(jq -c 'with_entries(select(.key | test("^(beacon|dga|nxdomain|fast_flux|dns_holddown|dns_hosts|dns_names|host|proto_mismatch|tls|http|irc)") | not))' <<<"$OUT")" \
		'{"mark_value":65536,"mark_mask":16711680,"alert_rate":16,"alert_burst":50,"dns_port":53,"dns_rcode":"nxdomain","bind_ttl_min":60,"bind_ttl_max":3600,"bind_max":65536,"quarantine_time":0}'
	fake config set mark-value 1
	expect_rc 1
	expect_eq stderr "$ERR" \
		"c2ctl: config set: Invalid argument (kernel: mark value must lie inside a non-zero mark mask)"
	fake config set dga on dga-action reject fast-flux-window 60 dns-holddown 0
	expect_rc 0
	fake -j config
	expect_eq "dns behaviour set" "$(jq -c '[.dga, .dga_action, .fast_flux_window, .dns_holddown, .nxdomain_burst]' <<<"$OUT")" \
		'[true,"reject",60,0,false]'
	fake config set dga-action allow
	expect_rc 1
	expect_has "no allow action" "$ERR" 'invalid dga-action "allow"'
	fake config set dga-names 17
	expect_rc 1
	expect_has "range" "$ERR" "dga-names 17 out of range (2..16)"
}

t_config_dns() {
	reset_state
	fake config set dns-port 5353 dns-rcode refused bind-ttl-min 30 \
		bind-ttl-max 600 bind-max 0
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake config
	expect_eq "config tail" "$(sed -n '5,9p' <<<"$OUT")" \
"dns-port 5353
dns-rcode refused
bind-ttl-min 30
bind-ttl-max 600
bind-max 0"
	fake -j config
	expect_eq "config -j" "$(jq -c '[.dns_port, .dns_rcode, .bind_ttl_min, .bind_ttl_max, .bind_max, .alert_rate]' <<<"$OUT")" \
		'[5353,"refused",30,600,0,100]'
	# rcodes by number, the limits of each range
	fake config set dns-rcode 3 dns-port 65535 bind-max 1048576 \
		bind-ttl-max 31536000
	expect_rc 0
	fake -j config
	expect_eq "config -j" "$(jq -c '[.dns_port, .dns_rcode, .bind_ttl_max, .bind_max]' <<<"$OUT")" \
		'[65535,"nxdomain",31536000,1048576]'
	fake config set dns-rcode 5 dns-port 1 bind-ttl-min 1
	expect_rc 0
	fake config
	expect_has config "$OUT" "dns-rcode refused"
	expect_has config "$OUT" "dns-port 1"
	expect_has config "$OUT" "bind-ttl-min 1"
	# What only the kernel knows (its current values): its words come through.
	fake config set bind-ttl-min 700 bind-ttl-max 600
	expect_rc 1
	expect_eq stderr "$ERR" \
		"c2ctl: config set: Invalid argument (kernel: bind TTL minimum above maximum)"
	fake config set bind-ttl-max 0x20
	expect_rc 0
	fake config set bind-ttl-min 33
	expect_rc 1
	expect_eq stderr "$ERR" \
		"c2ctl: config set: Invalid argument (kernel: bind TTL minimum above maximum)"
	fake -j config
	expect_eq "unchanged after refusals" "$(jq -c '[.bind_ttl_min, .bind_ttl_max]' <<<"$OUT")" '[1,32]'
}

t_config_beacon() {
	reset_state
	fake config set beacon on beacon-retry 1500 beacon-idle 3000 \
		beacon-silence 86400000 beacon-holddown 0 beacon-window 16 \
		beacon-min-gaps 4 beacon-threshold 80 beacon-max 0 \
		beacon-action reject beacon-allow-ports 123/udp,443/tcp,8080
	expect_rc 0
	expect_eq stdout "$OUT" ""
	expect_eq stderr "$ERR" ""
	fake config
	expect_eq "config beacon lines" "$(grep ^beacon <<<"$OUT")" \
"beacon on
beacon-retry 1500
beacon-idle 3000
beacon-silence 86400000
beacon-holddown 0
beacon-window 16
beacon-min-gaps 4
beacon-threshold 80
beacon-max 0
beacon-action reject
beacon-allow-ports 123/udp 443/tcp 8080"
	fake -j config
	expect_eq "config -j beacon" "$(jq -c 'with_entries(select(.key | startswith("beacon")))' <<<"$OUT")" \
		'{"beacon":true,"beacon_retry":1500,"beacon_idle":3000,"beacon_silence":86400000,"beacon_holddown":0,"beacon_window":16,"beacon_min_gaps":4,"beacon_threshold":80,"beacon_max":0,"beacon_action":"reject","beacon_allow_ports":["123/udp","443/tcp","8080"]}'
	# the limits of each range, numbers for on/off, a port list emptied
	fake config set beacon 0 beacon-retry 3600000 beacon-idle 1 \
		beacon-silence 2592000000 beacon-holddown 2592000000 \
		beacon-window 32 beacon-min-gaps 32 beacon-threshold 1 \
		beacon-max 16777216 beacon-action mark beacon-allow-ports none
	expect_rc 0
	fake -j config
	expect_eq "config -j limits" "$(jq -c '[.beacon, .beacon_retry, .beacon_idle, .beacon_silence, .beacon_holddown, .beacon_window, .beacon_min_gaps, .beacon_threshold, .beacon_max, .beacon_action, .beacon_allow_ports]' <<<"$OUT")" \
		'[false,3600000,1,2592000000,2592000000,32,32,1,16777216,"mark",[]]'
	fake config set beacon 1 beacon-action drop beacon-allow-ports 65535/udp
	expect_rc 0
	fake config
	expect_has config "$OUT" "beacon on"
	expect_has config "$OUT" "beacon-action drop"
	expect_has config "$OUT" "beacon-allow-ports 65535/udp"
	# 64 ports fit
	fake config set beacon-allow-ports "$(seq -s, 1 64)"
	expect_rc 0
	fake -j config
	expect_eq "64 ports" "$(jq '.beacon_allow_ports | length' <<<"$OUT")" 64
	# What only the kernel knows (the other settings): its words come through.
	fake config set beacon-window 16
	expect_rc 1
	expect_eq stderr "$ERR" \
		"c2ctl: config set: Invalid argument (kernel: beacon window below beacon min gaps)"
	fake config set beacon-silence 3000000
	expect_rc 1
	expect_eq stderr "$ERR" \
		"c2ctl: config set: Invalid argument (kernel: beacon silence must be above beacon retry)"
	fake -j config
	expect_eq "unchanged after refusals" "$(jq -c '[.beacon_window, .beacon_silence]' <<<"$OUT")" \
		'[32,2592000000]'
}

# proto-mismatch and irc: several settings per command, the port lists in
# text, JSON and as saved, their limits; bad values refused before the
# kernel is asked (t_usage has the messages); what only the module checks
# (lists c2ctl never sends) refused by the fake with the module's words
t_config_wire() {
	local before
	reset_state
	fake config set proto-mismatch on irc on
	expect_rc 0
	expect_eq stdout "$OUT" ""
	expect_eq stderr "$ERR" ""
	fake -j config
	expect_eq "on, the default lists" "$(jq -c '[.proto_mismatch, .proto_mismatch_action, .tls_ports, .http_ports, .irc, .irc_action, .irc_ports]' <<<"$OUT")" \
		'[true,"alert",[443,8443,465,993,995],[80,8080],true,"alert",[6667,6665,6666,6668,6669,7000]]'
	fake config set proto-mismatch-action reject irc-action quarantine \
		tls-ports 8443,443 http-ports none irc-ports 0x1a0b,65535,1
	expect_rc 0
	fake config
	expect_eq "config lines" "$(grep -E '^(proto-mismatch|tls-ports|http-ports|irc)' <<<"$OUT")" \
"proto-mismatch on
proto-mismatch-action reject
tls-ports 8443 443
http-ports none
irc on
irc-action quarantine
irc-ports 6667 65535 1"
	fake -j config
	expect_eq "config -j" "$(jq -c '[.proto_mismatch, .proto_mismatch_action, .tls_ports, .http_ports, .irc, .irc_action, .irc_ports]' <<<"$OUT")" \
		'[true,"reject",[8443,443],[],true,"quarantine",[6667,65535,1]]'
	# 16 ports fit; off again (0), the lists and actions kept
	fake config set tls-ports "$(seq -s, 1000 1015)" proto-mismatch off irc 0
	expect_rc 0
	fake -j config
	expect_eq "16 ports" "$(jq -c '[(.tls_ports | length), .tls_ports[0], .tls_ports[15], .proto_mismatch, .irc, .irc_action, .irc_ports]' <<<"$OUT")" \
		'[16,1000,1015,false,false,"quarantine",[6667,65535,1]]'
	# refused here: the kernel is never asked (it would say EPERM)
	fake FAKENL_EPERM=1 config set irc on tls-ports 443,443
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: config set: tls-ports: 443 given twice"
	fake FAKENL_EPERM=1 config set irc-action allow
	expect_rc 1
	expect_eq stderr "$ERR" 'c2ctl: config set: invalid irc-action "allow" (alert, drop, reject, mark or quarantine)'
	# save and restore: the lists as config set reads them
	fake config set http-ports 80,8080,8000 tls-ports none
	expect_rc 0
	fake save
	expect_rc 0
	expect_has save "$OUT" " hosts-max 4096 proto-mismatch off proto-mismatch-action reject tls-ports none http-ports 80,8080,8000 irc off irc-action quarantine irc-ports 6667,65535,1"
	printf '%s\n' "$OUT" >"$TMP/wire.save"
	fake -j config
	before=$OUT
	reset_state
	fake restore "$TMP/wire.save"
	expect_rc 0
	expect_eq stderr "$ERR" ""
	fake -j config
	expect_eq "restored" "$OUT" "$before"

	# CONFIG_SET as only another client sends it: the module's checks
	reset_state
	run env FAKENL=1 FAKENL_STATE="$TMP/state" LD_PRELOAD="$FAKE" \
		NLSPEC_DIR="$SPEC_TOOLS" python3 - <<'PY'
import os, socket, struct, sys

sys.path.insert(0, os.environ["NLSPEC_DIR"])
import nlspec

spec = nlspec.load()
CONFIG = spec.attr("c2guard", "config").value
SET = spec.ops["config-set"].value
TLS, HTTP, IRC_PORTS, MIS_ACT, IRC, IRC_ACT = (spec.attr("cfg", n).value
	for n in ("tls-ports", "http-ports", "irc-ports",
		  "proto-mismatch-action", "irc", "irc-action"))
DET = "allow is not an action for a detector (alert, drop, reject, mark or quarantine)"
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
s.setsockopt(270, 11, 1)	# NETLINK_EXT_ACK
s.bind((0, 0))

def attr(t, payload):
	a = struct.pack("HH", 4 + len(payload), t) + payload
	return a + b"\0" * (-len(a) % 4)

def ports(*p):
	return struct.pack("=%dH" % len(p), *p)

def config_set(cfg):
	payload = struct.pack("BBH", SET, 1, 0) + attr(0x8000 | CONFIG, cfg)
	s.sendto(struct.pack("IHHII", 16 + len(payload), 0x1d, 5, 1, 0) + payload,
		 (0, 0))
	data = s.recvmsg(65536)[0]
	err, msg = struct.unpack_from("i", data, 16)[0], ""
	off = 16 + 4 + 16 if struct.unpack_from("H", data, 6)[0] & 0x100 else \
		16 + 4 + struct.unpack_from("I", data, 20)[0]
	while off + 4 <= len(data):
		ln, t = struct.unpack_from("HH", data, off)
		if ln < 4:
			break
		if t == 1:	# NLMSGERR_ATTR_MSG
			msg = data[off + 4:off + ln].rstrip(b"\0").decode()
		off += (ln + 3) & ~3
	return err, msg

cases = [
	(attr(TLS, b"\xbb\x01\xbb"), -22, "ports: an array of at most 16 u16"),
	(attr(HTTP, ports(80, 0)), -22, "ports: port 0"),
	(attr(IRC_PORTS, ports(6667, 7000, 6667)), -22, "ports: a port twice"),
	(attr(TLS, ports(443)) + attr(MIS_ACT, b"\5"), -22, DET),
	(attr(IRC_ACT, b"\5"), -22, DET),
	# nothing of a refused request is taken: then a good one
	(attr(TLS, ports(*range(1, 17))) + attr(IRC, b"\1") +
	 attr(HTTP, b""), 0, ""),
]
bad = 0
for cfg, want_err, want_msg in cases:
	got = config_set(cfg)
	if got != (want_err, want_msg):
		print("%r: got %r, want %r" % (cfg, got, (want_err, want_msg)))
		bad = 1
sys.exit(bad)
PY
	expect_rc 0
	[ -z "$OUT" ] || fail "raw requests: $OUT"
	fake -j config
	expect_eq "after raw requests" "$(jq -c '[(.tls_ports | length), .http_ports, .irc, .proto_mismatch_action, .irc_action, .irc_ports]' <<<"$OUT")" \
		'[16,[],true,"alert","alert",[6667,6665,6666,6668,6669,7000]]'
}

BEACONS_TEXT='SCORE HOST         DESTINATION           INTERVAL JITTER EVENTS GAPS   SIZE   IDLE ALERTS
   91 10.0.1.2     198.51.100.7:443/tcp     15.2s  12.3%     40   32    517  850ms      1
   91 2001:db8::10 [2001:db8::53]:53/udp    850ms   0.5%     21   20     60  200ms      0
   77 10.0.1.2     c2.evil.example           1.0h 100.0%     10    9   1200   1.0d      3
   40 10.0.1.3     198.51.100.7/icmp        60.0s  99.9%      9    8     56   1.0m      0
   12 10.0.1.3     203.0.113.9:123/udp       1.1m  41.0%     31   30     48   3.0s      0
    0 10.0.1.3     203.0.113.9:8443/tcp         -      -      -    -      -      -      -'

t_beacons() {
	reset_state
	# nothing to show: the header alone, an empty array
	fake beacons
	expect_rc 0
	expect_eq "empty" "$OUT" \
		"SCORE HOST DESTINATION INTERVAL JITTER EVENTS GAPS   SIZE   IDLE ALERTS"
	fake beacons -j
	expect_rc 0
	expect_eq "empty JSON" "$OUT" "[]"

	# sorted by score, ties by events; channels without statistics last
	fake FAKENL_BEACONS=1 beacons
	expect_rc 0
	expect_eq stderr "$ERR" ""
	expect_eq beacons "$OUT" "$BEACONS_TEXT"
	fake FAKENL_BEACONS=1 beacons all
	expect_eq "beacons all" "$OUT" "$BEACONS_TEXT"
	fake FAKENL_BEACONS=1 beacons top 2
	expect_rc 0
	expect_eq "top 2" "$OUT" \
"SCORE HOST         DESTINATION           INTERVAL JITTER EVENTS GAPS   SIZE   IDLE ALERTS
   91 10.0.1.2     198.51.100.7:443/tcp     15.2s  12.3%     40   32    517  850ms      1
   91 2001:db8::10 [2001:db8::53]:53/udp    850ms   0.5%     21   20     60  200ms      0"
	fake FAKENL_BEACONS=1 beacons top 1
	expect_eq "top 1" "$(tail -n 1 <<<"$OUT")" \
		"   91 10.0.1.2 198.51.100.7:443/tcp    15.2s  12.3%     40   32    517  850ms      1"
	fake FAKENL_BEACONS=1 beacons top 100
	expect_eq "top 100" "$OUT" "$BEACONS_TEXT"

	fake FAKENL_BEACONS=1 -j beacons
	expect_rc 0
	python3 - "$OUT" <<'PY' || fail "beacons JSON: $OUT"
import json, sys
rows = json.loads(sys.argv[1])
assert [r["score"] for r in rows] == [91, 91, 77, 40, 12, 0], rows
want = {"family": "inet", "saddr": "10.0.1.2", "daddr": "198.51.100.7",
	"dport": 443, "proto": "tcp", "score": 91, "gaps": 32, "events": 40,
	"retries": 2, "interval_ms": 15200, "jitter_pm": 123, "size": 517,
	"age_ms": 610000, "idle_ms": 850, "alerts": 1, "timing": 950,
	"data": 870, "gap_disp": 960, "gap_cv": 940, "gap_skew": 910,
	"count": 1000}
assert rows[0] == want and list(rows[0]) == list(want), rows[0]
v6 = rows[1]
assert (v6["family"], v6["saddr"], v6["daddr"], v6["events"]) == \
	("inet6", "2001:db8::10", "2001:db8::53", 21), v6
n = rows[2]
assert n["name"] == "c2.evil.example" and "daddr" not in n and \
	"dport" not in n and "proto" not in n, n
assert list(n)[:3] == ["family", "saddr", "name"], n
assert "dport" not in rows[3] and rows[3]["proto"] == "icmp", rows[3]
assert rows[5] == {"family": "inet", "saddr": "10.0.1.3",
	"daddr": "203.0.113.9", "dport": 8443, "proto": "tcp", "score": 0}, rows[5]
PY
	fake FAKENL_BEACONS=1 beacons top 3 -j
	expect_eq "JSON top 3" "$(jq -c '[.[] | .name // .daddr]' <<<"$OUT")" \
		'["198.51.100.7","2001:db8::53","c2.evil.example"]'

	# flush forgets them
	fake FAKENL_BEACONS=1 beacons flush
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake FAKENL_BEACONS=1 -j beacons
	expect_eq "after flush" "$OUT" "[]"
}

t_beacons_errors() {
	reset_state
	fake FAKENL_BEACONS=1 FAKENL_MALFORMED=1 beacons
	expect_rc 1
	# the first channel of the dump (123/udp) is the malformed one
	expect_eq stdout "$OUT" "$(grep -v 123/udp <<<"$BEACONS_TEXT")"
	expect_eq stderr "$ERR" "c2ctl: beacons: skipped 1 malformed channel(s) in the kernel's reply"
	fake FAKENL_EPERM=1 beacons
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons: Operation not permitted"
	fake FAKENL_EPERM=1 beacons flush
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons flush: Operation not permitted"
	fake FAKENL_EPERM=1 beacons allow add 53/udp
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow add: Operation not permitted"
	fake FAKENL_EPERM=1 beacons allow add 10.1.0.0/16
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow add 10.1.0.0/16: Operation not permitted"
}

t_beacons_allow() {
	reset_state
	fake beacons allow list
	expect_rc 0
	expect_eq "empty" "$OUT" ""

	# ports: added, refused twice, listed in order
	fake beacons allow add 123/udp
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake beacons allow add 443/tcp
	fake beacons allow add 8080
	expect_rc 0
	fake beacons allow add 443/tcp
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow add: port 443/tcp is allowlisted already"
	fake beacons allow add 443
	expect_rc 0
	fake config
	expect_has config "$OUT" "beacon-allow-ports 123/udp 443/tcp 8080 443"

	# entries: allowlist indicators tagged beacon-allow
	fake beacons allow add 10.1.0.0/16
	expect_rc 0
	fake beacons allow add '*.cdn.example'
	expect_rc 0
	fake beacons allow add '*.cdn.example'
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow add *.cdn.example: File exists (kernel: indicator already exists)"
	fake add 198.51.100.7 action drop tag feed1
	fake add ntp.example action allow tag mine
	fake beacons allow list
	expect_rc 0
	expect_eq "allow list" "$OUT" \
"port 123/udp
port 443/tcp
port 8080
port 443
cidr 10.1.0.0/16 action allow tag beacon-allow timeout 0 hits 0
suffix *.cdn.example action allow tag beacon-allow timeout 0 hits 0
name ntp.example action allow tag mine timeout 0 hits 1"
	fake -j beacons allow list
	OUT=$(jq -c '.[]' <<<"$OUT")
	expect_rc 0
	expect_eq "allow list JSON" "$(jq -c '[.type, .port, .proto, .addr // .domain, .tag]' <<<"$OUT")" \
'["port",123,"udp",null,null]
["port",443,"tcp",null,null]
["port",8080,null,null,null]
["port",443,null,null,null]
["cidr",null,null,"10.1.0.0","beacon-allow"]
["suffix",null,null,"cdn.example","beacon-allow"]
["name",null,null,"ntp.example","mine"]'
	fake_list_lines
	expect_eq "allow entry" "$(jq -c 'select(.addr == "10.1.0.0")' <<<"$OUT")" \
		'{"type":"cidr","family":"inet","addr":"10.1.0.0","prefixlen":16,"action":"allow","tag":"beacon-allow","timeout":0,"hits":0}'

	# del: ports, entries; never a listed C2 indicator
	fake beacons allow del 443/tcp
	expect_rc 0
	fake beacons allow del 443/tcp
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow del: port 443/tcp is not allowlisted"
	fake beacons allow del 53
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow del: port 53 is not allowlisted"
	fake beacons allow del 198.51.100.7
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow del 198.51.100.7: not an allowlist entry (action drop); \"c2ctl del\" removes it"
	fake beacons allow del 10.1.0.0/24
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow del 10.1.0.0/24: not in the indicator table"
	fake beacons allow del 10.1.0.0/16
	expect_rc 0
	fake beacons allow del ntp.example
	expect_rc 0
	fake beacons allow list
	expect_eq "allow list after del" "$OUT" \
"port 123/udp
port 8080
port 443
suffix *.cdn.example action allow tag beacon-allow timeout 0 hits 0"
	fake list
	expect_has list "$OUT" "ip 198.51.100.7/32 action drop tag feed1"

	# at most 64 ports
	fake config set beacon-allow-ports "$(seq -s, 1 64)"
	fake beacons allow add 65
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: beacons allow add: the port allowlist is full (64 ports)"
	fake beacons allow del 64
	expect_rc 0
	fake beacons allow add 65/udp
	expect_rc 0
	fake -j config
	expect_eq "ports" "$(jq -c '.beacon_allow_ports | [length, .[62], .[63]]' <<<"$OUT")" '[64,"63","65/udp"]'
}

t_names_add_list_del() {
	reset_state
	fake add evil.example action drop tag feed2
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake add '*.evil.example' action reject tag feed2 timeout 600
	expect_rc 0
	fake add 'C2.Example.NET.'
	expect_rc 0
	fake add '*.good.evil.example' action allow tag ok
	expect_rc 0
	fake add 192.0.2.1 tag feed2
	fake list
	expect_rc 0
	expect_eq list "$(sort <<<"$OUT")" \
"ip 192.0.2.1/32 action alert tag feed2 timeout 0 hits 0
name c2.example.net action alert tag \"\" timeout 0 hits 2
name evil.example action drop tag feed2 timeout 0 hits 0
suffix *.evil.example action reject tag feed2 timeout 600 hits 1
suffix *.good.evil.example action allow tag ok timeout 0 hits 3"

	# Exact and suffix are distinct; the identity is the normalised name.
	fake add EVIL.example.
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: add EVIL.example.: File exists (kernel: indicator already exists)"
	fake add '*.evil.example'
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: add *.evil.example: File exists (kernel: indicator already exists)"
	fake add '*.evil.example' action alert tag new replace
	expect_rc 0
	fake list
	expect_has list "$OUT" "suffix *.evil.example action alert tag new timeout 0"

	fake -j list
	expect_rc 0
	python3 - "$OUT" <<'PY' || fail "list JSON: $OUT"
import json, sys
rows = json.loads(sys.argv[1])
by = {(r["type"], r.get("domain")): r for r in rows}
e = by[("name", "evil.example")]
assert e == {"type": "name", "domain": "evil.example", "suffix": False,
	"action": "drop", "tag": "feed2", "timeout": 0, "hits": e["hits"]}, e
assert list(e) == ["type", "domain", "suffix", "action", "tag", "timeout", "hits"]
sfx = by[("suffix", "evil.example")]
assert sfx["suffix"] is True and sfx["tag"] == "new" and "addr" not in sfx
assert by[("suffix", "good.evil.example")]["action"] == "allow"
ip = by[("ip", None)]
assert ip["addr"] == "192.0.2.1" and "suffix" not in ip and "domain" not in ip
PY
	expect_eq "jq: names" "$(jq -r 'select(.domain) | "\(.type) \(.domain) \(.suffix)"' <<<"$(jq -c ".[]" <<<"$OUT")" | sort)" \
"name c2.example.net false
name evil.example false
suffix evil.example true
suffix good.evil.example true"

	fake status
	expect_has status "$OUT" "ind_names 4"
	expect_has status "$OUT" "ind_v4 1"

	# del takes the same entry: the suffix goes, the exact name stays.
	fake del '*.EVIL.example'
	expect_rc 0
	fake del '*.evil.example'
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: del *.evil.example: No such file or directory (kernel: indicator not found)"
	fake del c2.example.net.
	expect_rc 0
	fake del nothere.example
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: del nothere.example: No such file or directory (kernel: indicator not found)"
	fake list
	expect_eq list "$(sort <<<"$OUT")" \
"ip 192.0.2.1/32 action alert tag feed2 timeout 0 hits 0
name evil.example action drop tag feed2 timeout 0 hits 0
suffix *.good.evil.example action allow tag ok timeout 0 hits 3"

	# flush by tag takes names and addresses alike
	fake flush tag feed2
	expect_rc 0
	fake list
	expect_eq list "$OUT" "suffix *.good.evil.example action allow tag ok timeout 0 hits 3"
	fake flush
	fake list
	expect_eq list "$OUT" ""
}

t_names_bound() {
	# Addresses the module binds from DNS answers of listed names: apart
	# from the indicators userspace lists, last in the dump.
	reset_state
	fake add '*.evil.example' action drop tag feed2
	fake add 198.51.100.7 action mark tag mine
	fake add '*.ok.evil.example' action allow
	fake FAKENL_BIND=203.0.113.9=c2.evil.example,198.51.100.7=x.evil.example,203.0.113.10=a.ok.evil.example,2001:db8::9=evil.example list
	expect_rc 0
	expect_eq list "$OUT" \
"ip 198.51.100.7/32 action mark tag mine timeout 0 hits 0
suffix *.evil.example action drop tag feed2 timeout 0 hits 0
suffix *.ok.evil.example action allow tag \"\" timeout 0 hits 1
bound 203.0.113.9/32 action drop tag feed2 timeout 60 hits 0 bound c2.evil.example
bound 198.51.100.7/32 action drop tag feed2 timeout 60 hits 0 bound x.evil.example
bound 2001:db8::9/128 action drop tag feed2 timeout 60 hits 0 bound evil.example"
	fake_list_lines
	expect_eq "bound JSON" "$(jq -c 'select(.type == "bound")' <<<"$OUT" | sed -n '1p;3p')" \
'{"type":"bound","family":"inet","addr":"203.0.113.9","prefixlen":32,"bound":"c2.evil.example","action":"drop","tag":"feed2","timeout":60,"hits":0}
{"type":"bound","family":"inet6","addr":"2001:db8::9","prefixlen":128,"bound":"evil.example","action":"drop","tag":"feed2","timeout":60,"hits":0}'
	expect_eq "no bound key elsewhere" "$(jq -c 'select(.type != "bound" and has("bound"))' <<<"$OUT")" ""
	expect_eq "listed and bound" "$(jq -r 'select(.addr == "198.51.100.7") | .type' <<<"$OUT")" \
"ip
bound"
	fake -j status
	expect_eq "status counts" "$(jq -c '[.ind_v4, .ind_v6, .ind_names, .bound]' <<<"$OUT")" '[1,0,2,3]'

	# A bound address may be listed too; del takes the listed one first.
	fake add 203.0.113.9 action reject tag manual
	expect_rc 0
	fake list
	expect_has list "$OUT" "ip 203.0.113.9/32 action reject tag manual timeout 0"
	expect_has list "$OUT" "bound 203.0.113.9/32 action drop tag feed2"
	fake del 203.0.113.9
	expect_rc 0
	fake list
	expect_eq "only bound" "$(grep -c 203.0.113.9 <<<"$OUT")" 1
	expect_has list "$OUT" "bound 203.0.113.9/32"
	fake del 203.0.113.9
	expect_rc 0
	fake del 2001:db8::9
	expect_rc 0
	fake del 2001:db8::9
	expect_rc 1
	fake -j status
	expect_eq "status counts" "$(jq -c '[.ind_v4, .ind_v6, .bound]' <<<"$OUT")" '[1,0,1]'
	# flush by tag takes the bindings made with that tag
	fake flush tag feed2
	fake list
	expect_eq list "$OUT" \
"ip 198.51.100.7/32 action mark tag mine timeout 0 hits 0
suffix *.ok.evil.example action allow tag \"\" timeout 0 hits 1"

	# bind-max 0: nothing is bound
	reset_state
	fake add '*.evil.example'
	fake config set bind-max 0
	fake FAKENL_BIND=203.0.113.9=c2.evil.example list
	expect_eq list "$OUT" "suffix *.evil.example action alert tag \"\" timeout 0 hits 0"
}

make_mixed_feed() {
	printf '%s\n' \
		'# mixed feed: addresses, networks, names, suffixes, allowlist' \
		'198.51.100.7 action drop' \
		'203.0.113.0/24' \
		'2001:db8:bad::/48 tag v6' \
		'evil.example action reject' \
		'*.evil.example action reject' \
		$'C2.Example.NET.\r' \
		'*.cdn.evil.example action allow   # shared CDN, never blocked' \
		'10.1.0.0/16 action allow' \
		'*.evil.example timeout 60 # a suffix again: replaced' \
		'a..b.example' \
		'*.*.example' \
		'ex*mple.com' \
		'1.2.3' \
		'https://evil.example/24' \
		'xn--bcher-kva.example tag idn' \
		'good.example action block' \
		'*' \
		'bad_name?.example' >"$TMP/mixed"
}

t_load_mixed() {
	reset_state
	make_mixed_feed
	fake load "$TMP/mixed" tag mixed
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 10 indicators, 8 errors"
	expect_eq stderr "$ERR" \
"c2ctl: $TMP/mixed:11: a..b.example: invalid domain name (empty label)
c2ctl: $TMP/mixed:12: *.*.example: invalid domain name ('*' other than a leading \"*.\")
c2ctl: $TMP/mixed:13: ex*mple.com: invalid domain name ('*' other than a leading \"*.\")
c2ctl: $TMP/mixed:14: 1.2.3: invalid IPv4 address
c2ctl: $TMP/mixed:15: https://evil.example/24: https URLs cannot be listed: the path of an https request is encrypted (list its host instead)
c2ctl: $TMP/mixed:17: unknown action \"block\" (alert, drop, reject, mark, quarantine or allow)
c2ctl: $TMP/mixed:18: *: invalid domain name ('*' other than a leading \"*.\")
c2ctl: $TMP/mixed:19: bad_name?.example: invalid domain name (character other than a letter, digit, '-', '_' or '.')"
	fake list
	expect_eq list "$(sort <<<"$OUT" | sed 's/ hits [0-9]*$//')" \
"cidr 10.1.0.0/16 action allow tag mixed timeout 0
cidr 2001:db8:bad::/48 action alert tag v6 timeout 0
cidr 203.0.113.0/24 action alert tag mixed timeout 0
ip 198.51.100.7/32 action drop tag mixed timeout 0
name c2.example.net action alert tag mixed timeout 0
name evil.example action reject tag mixed timeout 0
name xn--bcher-kva.example action alert tag idn timeout 0
suffix *.cdn.evil.example action allow tag mixed timeout 0
suffix *.evil.example action alert tag mixed timeout 60"
	fake_list_lines
	expect_eq "types" "$(jq -r .type <<<"$OUT" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')" \
		"cidr=3 ip=1 name=3 suffix=2 "
	expect_eq "allowlist" "$(jq -r 'select(.action == "allow") | .domain // .addr' <<<"$OUT" | sort)" \
"10.1.0.0
cdn.evil.example"

	# strict stops at the first bad line, after sending the good ones
	reset_state
	fake load "$TMP/mixed" strict
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 9 indicators, 1 errors"
	expect_eq stderr "$ERR" "c2ctl: $TMP/mixed:11: a..b.example: invalid domain name (empty label)"

	# Kernel errors name the entry of their line.
	reset_state
	printf 'one.example\n*.two.example\n3.example\n' >"$TMP/names3"
	fake FAKENL_MAX=1 load "$TMP/names3"
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 1 indicators, 2 errors"
	expect_eq stderr "$ERR" \
"c2ctl: $TMP/names3:2: *.two.example: No space left on device (kernel: indicator table is full)
c2ctl: $TMP/names3:3: 3.example: No space left on device (kernel: indicator table is full)"
}

t_load_names_large() {
	# Many long names in big batches: every line acked, none lost.
	reset_state
	local label=abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0
	seq 1 20000 | awk -v l="$label" '{ printf "*.n%d.%s.%s.%s.example tag big\n", $1, l, l, l }' >"$TMP/names20k"
	fake load "$TMP/names20k"
	expect_rc 0
	expect_eq stdout "$OUT" "loaded 20000 indicators, 0 errors"
	fake -j status
	expect_eq "ind_names" "$(jq .ind_names <<<"$OUT")" 20000
	fake_list_lines
	expect_eq "listed" "$(jq -r 'select(.suffix) | .domain' <<<"$OUT" | wc -l)" 20000
	expect_eq "longest" "$(jq -r '.domain | length' <<<"$OUT" | sort -n | tail -n 1)" 206
}

NAME_ALERTS_TEXT='seq 1 2026-11-21T23:59:01.123456Z reject udp 10.0.1.2:5353 -> 192.0.2.53:53 to-indicator *.evil.example tag feed2 reason dns-query name a.b.evil.example hook prerouting iif 3 suppressed 1
seq 2 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40001 -> 203.0.113.9:443 to-indicator c2.example.net tag sni reason tls-sni name c2.example.net ja4 t13d3112h2_e8f1e7e78f70_b26ce05bbdd6 ja3 0149f47eabf9a20d0893e2a44e5a6323 hook prerouting iif 3 suppressed 2
seq 3 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40002 -> 203.0.113.9:8443 to-indicator 203.0.113.9/32 tag feed2 bound c2.evil.example reason dns-answer name c2.evil.example hook prerouting iif 3 suppressed 0
seq 4 2026-11-21T23:59:01.123456Z alert tcp 10.0.1.2:40003 -> 203.0.113.9:80 to-indicator *.evil.example tag feed2 reason http-host name "we\"i\\rd?#x.evil.example" hook prerouting iif 3 suppressed 1
seq 5 2026-11-21T23:59:01.123456Z alert tcp 10.0.1.2:40003 -> 203.0.113.9:80 to-indicator *.evil.example tag feed2 reason 77 name x.evil.example hook prerouting iif 3 suppressed 2'

t_monitor_names() {
	fake FAKENL_NAME_ALERTS=1 monitor count 5
	expect_rc 0
	expect_eq stdout "$OUT" "$NAME_ALERTS_TEXT"
	expect_eq stderr "$ERR" ""
	fake FAKENL_NAME_ALERTS=1 -j monitor count 5
	expect_rc 0
	expect_eq stderr "$ERR" ""
	python3 - "$OUT" <<'PY' || fail "monitor JSON: $OUT"
import json, sys
rows = [json.loads(l) for l in sys.argv[1].splitlines()]
assert [r["reason"] for r in rows] == ["dns-query", "tls-sni", "dns-answer",
	"http-host", "77"], rows
q = rows[0]
assert (q["indicator"], q["domain"], q["suffix"], q["name"], q["action"],
	q["tag"]) == ("*.evil.example", "evil.example", True,
	"a.b.evil.example", "reject", "feed2"), q
assert list(q)[list(q).index("indicator"):] == ["indicator", "domain",
	"suffix", "tag", "action", "reason", "name", "suppressed"], list(q)
assert rows[1]["suffix"] is False and rows[1]["domain"] == "c2.example.net"
assert (rows[1]["ja4"], rows[1]["ja3"]) == ("t13d3112h2_e8f1e7e78f70_b26ce05bbdd6",
	"0149f47eabf9a20d0893e2a44e5a6323"), rows[1]
assert list(rows[1])[list(rows[1]).index("name"):][:3] == ["name", "ja4", "ja3"], rows[1]
assert all("ja4" not in r for r in rows if r["reason"] != "tls-sni"), rows
b = rows[2]
assert b["indicator"] == "203.0.113.9/32" and b["bound"] == "c2.evil.example"
assert "domain" not in b and "suffix" not in b and b["name"] == "c2.evil.example"
assert rows[3]["name"] == 'we"i\\rd?#x.evil.example', rows[3]
PY
	expect_eq "jq: names by reason" "$(jq -r '"\(.reason) \(.name)"' <<<"$OUT" | head -n 3)" \
"dns-query a.b.evil.example
tls-sni c2.example.net
dns-answer c2.evil.example"
	# address alerts carry no name
	fake FAKENL_ALERTS=1 -j monitor count 1
	expect_eq "ip alert" "$(jq -c '[.reason, has("name"), has("domain"), has("bound")]' <<<"$OUT")" \
		'["ip",false,false,false]'
}

HOST_ALERT_TEXT='seq 41 2026-11-21T23:59:01.123456Z quarantine udp 10.0.1.2:43003 -> 10.0.2.53:53 reason host-risk hook prerouting iif 3 suppressed 2 host 10.0.1.2 risk 105 evidence ip addr 10.0.2.3 tag "we\"ak\x1b[2J" weight 40 count 2 evidence beacon-near addr 10.0.2.2 port 8080 proto tcp score 75 weight 35 count 1 evidence dyndns name "c2\x07x.duckdns.org" weight 30 count 3'

# A host-risk alert: the host's evidence, a hostile tag and name escaped;
# one whose evidence is malformed is skipped
t_monitor_host() {
	fake FAKENL_HOST_ALERTS=1 monitor count 1
	expect_rc 0
	expect_eq stdout "$OUT" "$HOST_ALERT_TEXT"
	expect_eq stderr "$ERR" "c2ctl: monitor: ignoring a malformed alert from the kernel"
	fake FAKENL_HOST_ALERTS=1 -j monitor count 1
	expect_rc 0
	python3 - "$OUT" <<'PY' || fail "monitor host JSON: $OUT"
import json, sys
a = json.loads(sys.argv[1])
h = a["host"]
assert (a["reason"], a["action"], h["addr"], h["risk"], h["risk_alerts"]) == \
	("host-risk", "quarantine", "10.0.1.2", 105, 1), a
assert (h["alerts"], h["beacon_near"], h["dyndns"]) == ({"ip": 2}, 1, 3), h
ev = h["evidence"]
assert [e["kind"] for e in ev] == ["alert", "beacon-near", "dyndns"], ev
assert (ev[0]["reason"], ev[0]["addr"], ev[0]["tag"], ev[0]["weight"],
	ev[0]["count"]) == ("ip", "10.0.2.3", 'we"ak\x1b[2J', 40, 2), ev[0]
assert (ev[1]["port"], ev[1]["proto"], ev[1]["score"]) == (8080, "tcp", 75)
assert ev[2]["name"] == "c2\x07x.duckdns.org" and "addr" not in ev[2]
assert ev[2]["first"] == "2026-11-21T23:58:40.000000Z", ev[2]
PY
	case $OUT in
	*$'\e'* | *$'\a'*) fail "raw control character in JSON: $OUT" ;;
	esac
}

BEACON_ALERTS_TEXT='seq 30 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40100 -> 198.51.100.7:443 reason beacon hook prerouting iif 3 suppressed 0 beacon score 91 interval 15.2s jitter 12.3% events 40 gaps 32
seq 31 2026-11-21T23:59:01.123456Z alert tcp 10.0.1.2:40101 -> 203.0.113.9:443 reason beacon name c2.evil.example hook prerouting iif 3 suppressed 1 beacon score 77 interval 1.0h jitter 100.0% events 10 gaps 9'

t_monitor_beacon() {
	fake FAKENL_BEACON_ALERTS=1 monitor count 2
	expect_rc 0
	expect_eq stdout "$OUT" "$BEACON_ALERTS_TEXT"
	expect_eq stderr "$ERR" ""
	fake FAKENL_BEACON_ALERTS=1 -j monitor count 2
	expect_rc 0
	expect_eq stderr "$ERR" ""
	python3 - "$OUT" <<'PY' || fail "monitor JSON: $OUT"
import json, sys
rows = [json.loads(l) for l in sys.argv[1].splitlines()]
a = rows[0]
assert a["reason"] == "beacon" and a["action"] == "drop", a
for k in ("indicator", "tag", "domain", "suffix", "bound", "name", "dir"):
	assert k not in a, (k, a)
want = {"score": 91, "interval_ms": 15200, "jitter_pm": 123, "events": 40,
	"gaps": 32, "retries": 2, "size": 517, "timing": 950, "data": 870,
	"gap_disp": 960, "gap_cv": 940, "gap_skew": 910, "count": 1000,
	"alerts": 1}
assert a["beacon"] == want and list(a["beacon"]) == list(want), a["beacon"]
assert list(a)[-2:] == ["suppressed", "beacon"], list(a)
n = rows[1]
assert n["name"] == "c2.evil.example" and n["beacon"]["score"] == 77, n
assert "indicator" not in n, n
PY
	# beacon and other alerts in one stream
	fake FAKENL_ALERTS=1 FAKENL_BEACON_ALERTS=1 -j monitor count 7
	expect_rc 0
	expect_eq "reasons" "$(jq -r 'select(has("seq")) | "\(.reason) \(has("beacon")) \(has("indicator"))"' <<<"$OUT" | sort | uniq -c | awk '{ print $1, $2, $3, $4 }')" \
"1 0 false true
2 beacon true false
4 ip false true"
}

JA4_T=t13d1516h2_8daaf6152771_e5627efa2ab1
JA4_Q=q13d0310h3_55b375c5d22e_cd85d2d88918

# list lines without their hits (the fake's count of listings made)
no_hits() {
	sed 's/ hits [0-9]*$//'
}

# JA4 indicators: added as "ja4 FP" or FP (the hashes in either case),
# listed in text and JSON, counted, tested, replaced, deleted, flushed
t_ja4_add_list_del() {
	reset_state
	fake add ja4 t13d1516h2_8DAAF6152771_E5627EFA2AB1 action drop tag ja4feed timeout 60
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake add "$JA4_Q"
	expect_rc 0
	fake add 192.0.2.1 tag ip
	expect_rc 0
	fake list
	expect_rc 0
	expect_eq list "$OUT" \
"ip 192.0.2.1/32 action alert tag ip timeout 0 hits 0
ja4 $JA4_T action drop tag ja4feed timeout 60 hits 0
ja4 $JA4_Q action alert tag \"\" timeout 0 hits 1"
	fake_list_lines
	expect_eq "list JSON" "$(grep '"ja4"' <<<"$OUT")" \
"{\"type\":\"ja4\",\"ja4\":\"$JA4_T\",\"action\":\"drop\",\"tag\":\"ja4feed\",\"timeout\":60,\"hits\":0}
{\"type\":\"ja4\",\"ja4\":\"$JA4_Q\",\"action\":\"alert\",\"tag\":\"\",\"timeout\":0,\"hits\":1}"
	fake -j status
	expect_eq "status counts" "$(jq -c '[.ind_ja4, .ind_v4, .ind_names]' <<<"$OUT")" '[2,1,0]'
	fake status
	expect_has status "$OUT" "ind_ja4 2"

	# one fingerprint, whichever form and case it is given in
	fake add "$JA4_T"
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: add $JA4_T: File exists (kernel: indicator already exists)"
	fake add ja4 t13d1516h2_8daaf6152771_E5627EFA2AB1 action alert
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: add ja4 $JA4_T: File exists (kernel: indicator already exists)"
	fake add ja4 "$JA4_T" action reject tag new replace
	expect_rc 0
	fake list
	expect_has list "$OUT" "ja4 $JA4_T action reject tag new timeout 0 hits 0"

	# test: the entry that decides (exit 0), or none (exit 1)
	fake test ja4 "$JA4_T"
	expect_rc 0
	expect_eq stdout "$OUT" "ja4 $JA4_T: decided by
ja4 $JA4_T action reject tag new timeout 0 hits 0"
	fake -j test Q13d0310h3_55b375c5d22e_cd85d2d88918
	expect_rc 2
	expect_eq stderr "$ERR" 'c2ctl: test: "Q13d0310h3_55b375c5d22e_cd85d2d88918": a JA4 starts with t (TLS over TCP), q (QUIC) or d (DTLS)'
	fake -j test q13d0310h3_55B375C5D22E_cd85d2d88918
	expect_rc 0
	expect_eq "test JSON" "$(jq -c '.[]' <<<"$OUT")" \
		"{\"type\":\"ja4\",\"ja4\":\"$JA4_Q\",\"action\":\"alert\",\"tag\":\"\",\"timeout\":0,\"hits\":1}"
	fake test ja4 t13d1516h2_8daaf6152771_000000000000
	expect_rc 1
	expect_eq stdout "$OUT" "ja4 t13d1516h2_8daaf6152771_000000000000: no indicator matches"
	fake -j test t13d1516h2_8daaf6152771_000000000000
	expect_rc 1
	expect_eq stdout "$OUT" "null"

	# del in either form; the address stays
	fake del "$JA4_Q"
	expect_rc 0
	fake del ja4 t13d1516h2_8DAAF6152771_e5627efa2ab1
	expect_rc 0
	fake del ja4 "$JA4_T"
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: del ja4 $JA4_T: No such file or directory (kernel: indicator not found)"
	fake list
	expect_eq list "$OUT" "ip 192.0.2.1/32 action alert tag ip timeout 0 hits 0"
	fake -j status
	expect_eq "status counts" "$(jq -c '[.ind_ja4, .ind_v4]' <<<"$OUT")" '[0,1]'

	# flush by tag takes fingerprints too
	fake add "$JA4_T" tag gone
	fake add "$JA4_Q" tag kept
	fake flush tag gone
	expect_rc 0
	fake list
	expect_eq list "$OUT" \
"ip 192.0.2.1/32 action alert tag ip timeout 0 hits 0
ja4 $JA4_Q action alert tag kept timeout 0 hits 1"
	# a fingerprint the kernel sends malformed (no NUL) is skipped
	fake del 192.0.2.1
	fake FAKENL_MALFORMED=1 list
	expect_rc 1
	expect_eq stdout "$OUT" ""
	expect_eq stderr "$ERR" "c2ctl: list: skipped 1 malformed indicator(s) in the kernel's reply"
}

# Malformed fingerprints, each with the module's own word for it, and the
# places a JA4 does not go: refused before the kernel is asked
t_ja4_bad_input() {
	local -a bad=(
		"1|add ja4 t13d1516h2_8daaf6152771_e5627efa2ab|c2ctl: add: \"t13d1516h2_8daaf6152771_e5627efa2ab\": a JA4 is 36 characters: a_b_c, as t13d1516h2_8daaf6152771_e5627efa2ab1"
		"1|add ja4 0123456789012345678901234567890123456789012345678901234567890123456789|c2ctl: add: \"0123456789012345678901234567890123456789012345678901234567890123...\": a JA4 is 36 characters: a_b_c, as t13d1516h2_8daaf6152771_e5627efa2ab1"
		"1|add x13d1516h2_8daaf6152771_e5627efa2ab1 action drop|c2ctl: add: \"x13d1516h2_8daaf6152771_e5627efa2ab1\": a JA4 starts with t (TLS over TCP), q (QUIC) or d (DTLS)"
		"1|add t13x1516h2_8daaf6152771_e5627efa2ab1|c2ctl: add: \"t13x1516h2_8daaf6152771_e5627efa2ab1\": a JA4's first section is malformed"
		"1|add ja4 t13d15x6h2_8daaf6152771_e5627efa2ab1|c2ctl: add: \"t13d15x6h2_8daaf6152771_e5627efa2ab1\": a JA4's cipher and extension counts are two digits each"
		"1|del ja4 t13d1516h2-8daaf6152771_e5627efa2ab1|c2ctl: del: \"t13d1516h2-8daaf6152771_e5627efa2ab1\": a JA4's three sections are separated by '_'"
		"2|test t13d1516h2_8daaf615277g_e5627efa2ab1|c2ctl: test: \"t13d1516h2_8daaf615277g_e5627efa2ab1\": a JA4's second and third sections are 12 lowercase hex digits each"
		"1|add ja4 $JA4_T ja4|c2ctl: add: unexpected \"ja4\""
		"1|del ja4 $JA4_T tag x|c2ctl: del: unexpected \"tag\""
		"2|test ja4 $JA4_T $JA4_Q|c2ctl: test: expected ADDR, ADDR:PORT, NAME, answer ADDR, ja4 FP or url URL"
		"1|beacons allow add $JA4_T|c2ctl: beacons allow add: $JA4_T: JA4 fingerprints are not accepted here"
		"1|beacons allow del $JA4_Q|c2ctl: beacons allow del: $JA4_Q: JA4 fingerprints are not accepted here"
	)
	local b rc cmd
	for b in "${bad[@]}"; do
		rc=${b%%|*}
		cmd=${b#*|}
		# shellcheck disable=SC2086
		run "$C2CTL" ${cmd%%|*}
		expect_rc "$rc"
		expect_eq "stderr of '${cmd%%|*}'" "$ERR" "${cmd#*|}"
	done
}

# Feed lines of either form, in load and in c2guard.conf
t_ja4_load() {
	reset_state
	printf '%s\n' \
		'# JA4 fingerprints of C2 clients' \
		"ja4 $JA4_T action drop tag cs" \
		'q13d0310h3_55B375C5D22E_CD85D2D88918   # a QUIC one' \
		'ja4 t13d1516h2_8daaf6152771_e5627efa2ab action drop' \
		'x13d1516h2_8daaf6152771_e5627efa2ab1' \
		'198.51.100.7 action reject' \
		"ja4 $JA4_T action mark tag again" >"$TMP/ja4feed"
	fake load "$TMP/ja4feed" tag ja4list
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 4 indicators, 2 errors"
	expect_eq stderr "$ERR" \
"c2ctl: $TMP/ja4feed:4: \"t13d1516h2_8daaf6152771_e5627efa2ab\": a JA4 is 36 characters: a_b_c, as t13d1516h2_8daaf6152771_e5627efa2ab1
c2ctl: $TMP/ja4feed:5: \"x13d1516h2_8daaf6152771_e5627efa2ab1\": a JA4 starts with t (TLS over TCP), q (QUIC) or d (DTLS)"
	fake list
	expect_eq list "$(no_hits <<<"$OUT")" \
"ip 198.51.100.7/32 action reject tag ja4list timeout 0
ja4 $JA4_T action mark tag again timeout 0
ja4 $JA4_Q action alert tag ja4list timeout 0"
	fake_list_lines
	expect_eq "types" "$(jq -r .type <<<"$OUT" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')" \
		"ip=1 ja4=2 "
	# what list prints, load reads back
	fake list
	no_hits <<<"$OUT" | sed 's/^ip //' >"$TMP/relist"
	fake flush
	fake load "$TMP/relist"
	expect_rc 0
	expect_eq stdout "$OUT" "loaded 3 indicators, 0 errors"
	fake list
	expect_eq "listed again" "$(no_hits <<<"$OUT")" \
"ip 198.51.100.7/32 action reject tag ja4list timeout 0
ja4 $JA4_T action mark tag again timeout 0
ja4 $JA4_Q action alert tag ja4list timeout 0"

	# c2guard.conf: add and allow lines take them too
	printf '%s\n' "add ja4 $JA4_T action drop" "allow $JA4_Q tag vendor" \
		>"$TMP/ja4.conf"
	fake conf -f "$TMP/ja4.conf" check
	expect_rc 0
	expect_eq stderr "$ERR" ""
	printf '%s\n' "add ja4 $JA4_T action drop" "add ja4 nope" >"$TMP/ja4bad.conf"
	fake conf -f "$TMP/ja4bad.conf" check
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: $TMP/ja4bad.conf:2: \"nope\": a JA4 is 36 characters: a_b_c, as t13d1516h2_8daaf6152771_e5627efa2ab1
c2ctl: $TMP/ja4bad.conf: 1 error(s), nothing applied"
}

# feed list counts a feed's entries by kind: JA4 fingerprints too
t_ja4_feed_list() {
	fake FAKENL_FEEDS=1 feed list
	expect_rc 0
	expect_eq stdout "$OUT" "ja4db ipv4 1 ipv6 2 names 3 suffixes 4 ports 5 answers 6 ja4 7 urls 8 loaded never source /var/lib/c2guard/ja4.txt format plain action drop tag ja4db timeout 0 errors 1 unsupported 0"
	fake FAKENL_FEEDS=1 -j feed list
	expect_rc 0
	expect_eq "feed JSON" "$(jq -c '.[] | [.ipv4, .ipv6, .names, .suffixes, .ports, .answers, .ja4, .urls]' <<<"$OUT")" \
		"[1,2,3,4,5,6,7,8]"
	expect_eq "feed JSON keys" "$(jq -r '.[] | keys_unsorted | join(" ")' <<<"$OUT")" \
		"name ipv4 ipv6 names suffixes ports answers ja4 urls source format action tag timeout errors unsupported"
}

# save writes "add ja4 FP ...", restore reads it back: the same state,
# the same bytes; a JA4 the file lacks goes
t_ja4_save_restore() {
	local before
	reset_state
	fake add ja4 "$JA4_T" action drop tag 'c2 "x"'
	fake add "$JA4_Q" timeout 600
	fake add 192.0.2.7 action reject
	fake list
	before=$(no_hits <<<"$OUT" | sort)
	fake save
	expect_rc 0
	expect_eq stderr "$ERR" ""
	printf '%s\n' "$OUT" >"$TMP/ja4.save"
	expect_eq "saved entries" "$(grep '^add ' "$TMP/ja4.save")" \
"add 192.0.2.7/32 action reject
add ja4 $JA4_Q action alert timeout 600
add ja4 $JA4_T action drop tag \"c2 \\\"x\\\"\""
	fake del ja4 "$JA4_T"
	fake add ja4 t13d1516h2_8daaf6152771_000000000000 tag extra
	fake restore "$TMP/ja4.save"
	expect_rc 0
	expect_eq stderr "$ERR" ""
	fake list
	expect_eq "restored" "$(no_hits <<<"$OUT" | sort)" "$before"
	fake save
	expect_eq "saved again" "$OUT" "$(cat "$TMP/ja4.save")"
}

JA4_ALERTS_TEXT="seq 54 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40200 -> 203.0.113.9:443 to-indicator ja4 $JA4_T tag ja4feed reason ja4 name c2.example.net ja4 $JA4_T ja3 cd08e31494f9531f560d64c695473da9 hook prerouting iif 3 suppressed 0
seq 55 2026-11-21T23:59:01.123456Z alert udp 10.0.1.2:40201 -> 203.0.113.9:443 to-indicator ja4 $JA4_Q tag \"\" reason ja4 ja4 $JA4_Q ja3 e4d448cdfe06dc1243c1eb026c74ac9a hook prerouting iif 3 suppressed 1"

# Alerts of reason ja4: the indicator "ja4 FP" where others have their
# address or name, the hello's name (if any) and fingerprints
t_ja4_monitor() {
	fake FAKENL_JA4_ALERTS=1 monitor count 2
	expect_rc 0
	expect_eq stdout "$OUT" "$JA4_ALERTS_TEXT"
	expect_eq stderr "$ERR" ""
	fake FAKENL_JA4_ALERTS=1 -j monitor count 2
	expect_rc 0
	expect_eq stderr "$ERR" ""
	python3 - "$OUT" "$JA4_T" "$JA4_Q" <<'PY' || fail "monitor JSON: $OUT"
import json, sys

def once(pairs):
	keys = [k for k, v in pairs]
	assert len(keys) == len(set(keys)), keys
	return dict(pairs)

rows = [json.loads(l, object_pairs_hook=once) for l in sys.argv[1].splitlines()]
t, q = sys.argv[2], sys.argv[3]
a, b = rows
assert (a["reason"], a["indicator"], a["tag"], a["action"], a["name"],
	a["ja4"], a["ja3"]) == ("ja4", "ja4 " + t, "ja4feed", "drop",
	"c2.example.net", t, "cd08e31494f9531f560d64c695473da9"), a
assert list(a)[list(a).index("indicator"):] == ["indicator", "tag", "action",
	"reason", "name", "ja4", "ja3", "suppressed"], list(a)
for k in ("domain", "suffix", "bound", "answer"):
	assert k not in a, (k, a)
assert (b["reason"], b["indicator"], b["ja4"], b["proto"]) == \
	("ja4", "ja4 " + q, q, "udp"), b
assert "name" not in b, b
PY
	fake FAKENL_JA4_ALERTS=1 monitor --eve count 2
	expect_rc 0
	"$DEB_PYTHON" - "$OUT" "$EVE_SCHEMA" "$JA4_T" "$JA4_Q" <<'PY' || fail "monitor --eve: $OUT"
import json, sys
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.load(open(sys.argv[2])))
t, q = sys.argv[3], sys.argv[4]
a, b = [json.loads(l) for l in sys.argv[1].splitlines()]
for r in (a, b):
	errs = [e.message for e in v.iter_errors(r)]
	assert not errs, (errs, r)
	assert (r["alert"]["signature_id"], r["alert"]["signature"],
		r["alert"]["category"], r["alert"]["severity"]) == (9200013,
		"C2GUARD listed JA4 fingerprint", "A Network Trojan was detected",
		1), r
	assert r["alert"]["metadata"]["c2guard_reason"] == ["ja4"], r
# TLS over TCP, with a server name: tls; QUIC, without one: quic
assert a["app_proto"] == "tls" and a["tls"] == {"sni": "c2.example.net",
	"ja4": t, "ja3": {"hash": "cd08e31494f9531f560d64c695473da9"}}, a
assert a["alert"]["metadata"]["c2guard_indicator"] == ["ja4 " + t], a
assert a["alert"]["metadata"]["c2guard_name"] == ["c2.example.net"], a
assert a["alert"]["action"] == "blocked" and "quic" not in a, a
assert b["app_proto"] == "quic" and b["quic"] == {"ja4": q,
	"ja3": {"hash": "e4d448cdfe06dc1243c1eb026c74ac9a"}}, b
assert b["alert"]["metadata"]["c2guard_indicator"] == ["ja4 " + q], b
assert b["alert"]["action"] == "allowed" and "tls" not in b, b
assert "c2guard_name" not in b["alert"]["metadata"], b
PY
}

# URL indicators: "url URL" and a bare URL, normalised to the module's key
# before it is sent; listed as "url KEY", in JSON as {"type":"url","url":..}
t_url_add_list_del() {
	reset_state
	fake add url HTTP://Evil.Example./bad/path/ action drop tag urlhaus timeout 60
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake add 'evil.example/gate.php?id=1#top'
	expect_rc 0
	fake add 'http://[2001:DB8::1]:80/a"b\c'
	expect_rc 0
	fake add evil.example tag name
	expect_rc 0
	fake list
	expect_rc 0
	expect_eq list "$OUT" \
'name evil.example action alert tag name timeout 0 hits 0
url evil.example/bad/path action drop tag urlhaus timeout 60 hits 0
url evil.example/gate.php?id=1 action alert tag "" timeout 0 hits 1
url "2001:db8::1/a\"b\\c" action alert tag "" timeout 0 hits 2'
	fake_list_lines
	expect_eq "list JSON" "$(grep '"url"' <<<"$OUT")" \
'{"type":"url","url":"evil.example/bad/path","action":"drop","tag":"urlhaus","timeout":60,"hits":0}
{"type":"url","url":"evil.example/gate.php?id=1","action":"alert","tag":"","timeout":0,"hits":1}
{"type":"url","url":"2001:db8::1/a\"b\\c","action":"alert","tag":"","timeout":0,"hits":2}'
	fake -j status
	expect_eq "status counts" "$(jq -c '[.ind_urls, .ind_ja4, .ind_names]' <<<"$OUT")" '[3,0,1]'
	fake status
	expect_has status "$OUT" "ind_urls 3"

	# one URL, whichever form it is given in
	fake add http://evil.example/bad/path
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: add url evil.example/bad/path: File exists (kernel: indicator already exists)"
	fake add url evil.example/bad/path/ action reject tag new replace
	expect_rc 0
	fake list
	expect_has list "$OUT" "url evil.example/bad/path action reject tag new timeout 0 hits 0"

	# test: a request under the path (its query ignored), the query exactly
	fake test 'http://evil.example/bad/path/x.php?q=1'
	expect_rc 0
	expect_eq stdout "$OUT" "url evil.example/bad/path/x.php?q=1: decided by
url evil.example/bad/path action reject tag new timeout 0 hits 0"
	fake test url evil.example/bad/pathx
	expect_rc 1
	expect_eq stdout "$OUT" "url evil.example/bad/pathx: no indicator matches"
	fake test evil.example/gate.php?id=2
	expect_rc 1
	fake -j test evil.example/gate.php?id=1
	expect_rc 0
	expect_eq "test JSON" "$(jq -c '.[]' <<<"$OUT")" \
		'{"type":"url","url":"evil.example/gate.php?id=1","action":"alert","tag":"","timeout":0,"hits":1}'
	fake -j test evil.example/gate.php
	expect_rc 1
	expect_eq stdout "$OUT" "null"
	# a name indicator is not a URL one, nor the reverse
	fake test evil.example
	expect_has stdout "$OUT" "name evil.example action alert tag name"

	# del in either form
	fake del url http://evil.example/bad/path
	expect_rc 0
	fake del evil.example/bad/path
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: del url evil.example/bad/path: No such file or directory (kernel: indicator not found)"
	fake del 'evil.example/gate.php?id=1'
	expect_rc 0
	fake -j status
	expect_eq "status counts" "$(jq -c '[.ind_urls, .ind_names]' <<<"$OUT")" '[1,1]'
	# a URL the kernel sends malformed (no NUL) is skipped
	fake del evil.example
	fake FAKENL_MALFORMED=1 list
	expect_rc 1
	expect_eq stdout "$OUT" ""
	expect_eq stderr "$ERR" "c2ctl: list: skipped 1 malformed indicator(s) in the kernel's reply"
}

# Each way a URL is refused, before the kernel is asked
t_url_bad_input() {
	local long
	long=evil.example/$(printf 'a%.0s' $(seq 243))
	local -a bad=(
		"1|add https://evil.example/x|c2ctl: add: https://evil.example/x: https URLs cannot be listed: the path of an https request is encrypted (list its host instead)"
		"1|add url HTTPS://evil.example/x action drop|c2ctl: add: HTTPS://evil.example/x: https URLs cannot be listed: the path of an https request is encrypted (list its host instead)"
		"1|add url ftp://evil.example/x|c2ctl: add: ftp://evil.example/x: only http:// URLs can be listed"
		"1|add http://evil.example:8080/x|c2ctl: add: http://evil.example:8080/x: a URL indicator takes no port but :80"
		"1|add 192.0.2.1:8080/x|c2ctl: add: 192.0.2.1:8080/x: a URL indicator takes no port but :80"
		"1|add http://u:p@evil.example/x|c2ctl: add: http://u:p@evil.example/x: a URL indicator takes no user name or password"
		"1|del url http://ev!l.example/x|c2ctl: del: http://ev!l.example/x: invalid host name (character other than a letter, digit, '-', '_' or '.')"
		"2|test http://256.1.1.1/x|c2ctl: test: http://256.1.1.1/x: a URL's host is a domain name in lower case, or an IPv4 or IPv6 address"
		"2|test url evil.example/\xc3\xa9|c2ctl: test: evil.example/\xc3\xa9: a URL's path starts with '/' and holds bytes '!'..'~' but '#'"
		"1|add $long|c2ctl: add: ${long:0:64}...: a URL indicator is HOST/PATH or HOST/PATH?QUERY, at most 255 bytes"
		"1|add url http://evil.example/x url|c2ctl: add: unexpected \"url\""
		"2|test url evil.example/a evil.example/b|c2ctl: test: expected ADDR, ADDR:PORT, NAME, answer ADDR, ja4 FP or url URL"
		"1|beacons allow add evil.example/x|c2ctl: beacons allow add: evil.example/x: URL indicators are not accepted here"
	)
	local b rc cmd
	for b in "${bad[@]}"; do
		rc=${b%%|*}
		cmd=${b#*|}
		cmd=$(printf '%b' "$cmd")
		# shellcheck disable=SC2086
		run "$C2CTL" ${cmd%%|*}
		expect_rc "$rc"
		expect_eq "stderr of '${cmd%%|*}'" "$ERR" "${cmd#*|}"
	done
	# the longest key passes
	fake add "${long%a}"
	expect_rc 0
}

# Feed lines of either form (a non-ASCII host in punycode), in load and
# in c2guard.conf; what list prints, load reads back
t_url_load() {
	reset_state
	printf '%s\n' \
		'# URLs of C2 panels and droppers' \
		'url http://dl.evil.example/a/b.exe action drop tag urlhaus' \
		'panel.evil.example/admin/ # a trail' \
		$'http://b\xc3\xbccher.example/gate.php?id=7' \
		'https://tls.evil.example/x' \
		'url http://dl.evil.example:81/x' \
		'198.51.100.7 action reject' >"$TMP/urlfeed"
	fake load "$TMP/urlfeed" tag urls
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 4 indicators, 2 errors"
	expect_eq stderr "$ERR" \
"c2ctl: $TMP/urlfeed:5: https://tls.evil.example/x: https URLs cannot be listed: the path of an https request is encrypted (list its host instead)
c2ctl: $TMP/urlfeed:6: http://dl.evil.example:81/x: a URL indicator takes no port but :80"
	fake list
	expect_eq list "$(no_hits <<<"$OUT")" \
"ip 198.51.100.7/32 action reject tag urls timeout 0
url dl.evil.example/a/b.exe action drop tag urlhaus timeout 0
url panel.evil.example/admin action alert tag urls timeout 0
url xn--bcher-kva.example/gate.php?id=7 action alert tag urls timeout 0"
	fake list
	no_hits <<<"$OUT" | sed 's/^ip //' >"$TMP/relist"
	fake flush
	fake load "$TMP/relist"
	expect_rc 0
	expect_eq stdout "$OUT" "loaded 4 indicators, 0 errors"
	fake -j list
	expect_eq "types" "$(jq -r '.[].type' <<<"$OUT" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')" \
		"ip=1 url=3 "

	# c2guard.conf: add and allow lines take them too
	printf '%s\n' "add url http://evil.example/x action drop" \
		"allow evil.example/x/safe tag vendor" >"$TMP/url.conf"
	fake conf -f "$TMP/url.conf" check
	expect_rc 0
	expect_eq stderr "$ERR" ""
	printf '%s\n' "add evil.example/x" "add url https://evil.example/y" >"$TMP/urlbad.conf"
	fake conf -f "$TMP/urlbad.conf" check
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: $TMP/urlbad.conf:2: https://evil.example/y: https URLs cannot be listed: the path of an https request is encrypted (list its host instead)
c2ctl: $TMP/urlbad.conf: 1 error(s), nothing applied"
}

# save writes "add url KEY ...", restore reads it back: the same state, the
# same bytes; a URL the file lacks goes
t_url_save_restore() {
	local before
	reset_state
	fake add url http://evil.example/gate.php action drop tag 'c2 "x"'
	fake add 'evil.example/a"b\c?q=#' timeout 600
	fake add 192.0.2.7 action reject
	fake list
	before=$(no_hits <<<"$OUT" | sort)
	fake save
	expect_rc 0
	expect_eq stderr "$ERR" ""
	printf '%s\n' "$OUT" >"$TMP/url.save"
	expect_eq "saved entries" "$(grep '^add ' "$TMP/url.save")" \
'add 192.0.2.7/32 action reject
add url evil.example/a"b\c?q= action alert timeout 600
add url evil.example/gate.php action drop tag "c2 \"x\""'
	fake del url evil.example/gate.php
	fake add url evil.example/extra tag extra
	fake restore "$TMP/url.save"
	expect_rc 0
	expect_eq stderr "$ERR" ""
	fake list
	expect_eq "restored" "$(no_hits <<<"$OUT" | sort)" "$before"
	fake save
	expect_eq "saved again" "$OUT" "$(cat "$TMP/url.save")"
}

URL_ALERTS_TEXT='seq 62 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40400 -> 198.51.100.7:80 to-indicator url dl.evil.example/gate tag urlhaus reason http-url name dl.evil.example url dl.evil.example/gate/x.php?id=1&k=2 hook prerouting iif 3 suppressed 2
seq 63 2026-11-21T23:59:01.123456Z alert tcp [2001:db8::10]:40401 -> [2001:db8::53]:8080 to-indicator url c2.example/ tag "" reason http-url name c2.example url "c2.example/\x1b[2J\"q\\'"'"'" hook prerouting iif 3 suppressed 0'

# Alerts of reason http-url: the indicator "url KEY", the host as the name
# and what was asked for (a hostile one escaped), in text, JSON, EVE and
# the journal
t_url_monitor() {
	fake FAKENL_URL_ALERTS=1 monitor count 2
	expect_rc 0
	expect_eq stdout "$OUT" "$URL_ALERTS_TEXT"
	expect_eq stderr "$ERR" ""
	fake FAKENL_URL_ALERTS=1 -j monitor count 2
	expect_rc 0
	expect_eq stderr "$ERR" ""
	python3 - "$OUT" <<'PY' || fail "monitor JSON: $OUT"
import json, sys
a, b = [json.loads(l) for l in sys.argv[1].splitlines()]
assert (a["reason"], a["indicator"], a["tag"], a["action"], a["name"],
	a["url"]) == ("http-url", "url dl.evil.example/gate", "urlhaus", "drop",
	"dl.evil.example", "dl.evil.example/gate/x.php?id=1&k=2"), a
assert list(a)[list(a).index("reason"):] == ["reason", "name", "url",
	"suppressed"], list(a)
assert (b["indicator"], b["url"]) == ("url c2.example/",
	"c2.example/\x1b[2J\"q\\'"), b
PY
	fake FAKENL_URL_ALERTS=1 monitor --eve count 2
	expect_rc 0
	"$DEB_PYTHON" - "$OUT" "$EVE_SCHEMA" <<'PY' || fail "monitor --eve: $OUT"
import json, sys
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.load(open(sys.argv[2])))
a, b = [json.loads(l) for l in sys.argv[1].splitlines()]
for r in (a, b):
	errs = [e.message for e in v.iter_errors(r)]
	assert not errs, (errs, r)
	assert (r["alert"]["signature_id"], r["alert"]["signature"],
		r["alert"]["category"], r["alert"]["severity"],
		r["app_proto"]) == (9200016, "C2GUARD listed URL",
		"A Network Trojan was detected", 1, "http"), r
	assert r["alert"]["metadata"]["c2guard_reason"] == ["http-url"], r
# Suricata's http object: the Host, and the request target (path, query)
assert a["http"] == {"hostname": "dl.evil.example",
	"url": "/gate/x.php?id=1&k=2"}, a
assert a["alert"]["metadata"]["c2guard_indicator"] == \
	["url dl.evil.example/gate"], a
assert a["alert"]["action"] == "blocked", a
assert b["http"] == {"hostname": "c2.example", "url": "/\x1b[2J\"q\\'"}, b
assert b["alert"]["action"] == "allowed", b
assert b["alert"]["context"]["c2guard"]["url"] == "c2.example/\x1b[2J\"q\\'", b
PY
	if [ "$(id -u)" != 0 ] || ! unshare -m -n true 2>/dev/null; then
		return
	fi
	local jl="$TMP/url-journal.jsonl"
	run unshare -m -n bash -c '
		mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/journal || exit 4
		"$1" "$2" /run/systemd/journal/socket "$3" 2 &
		sink=$!
		for i in $(seq 100); do
			[ -e /run/systemd/journal/socket.ready ] && break
			sleep 0.1
		done
		shift 3
		env "$@"
		rc=$?
		wait $sink || exit 3
		exit $rc' journal "$DEB_PYTHON" "$HERE/journal_sink.py" "$jl" \
		FAKENL=1 FAKENL_STATE="$TMP/state" LD_PRELOAD="$FAKE" \
		FAKENL_URL_ALERTS=1 "$C2CTL" monitor --journal count 2
	expect_rc 0
	"$DEB_PYTHON" - "$jl" <<'PY' || fail "monitor --journal: $(cat "$jl")"
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1])]
assert (a["C2GUARD_REASON"], a["C2GUARD_INDICATOR"], a["C2GUARD_NAME"],
	a["C2GUARD_URL"], a["C2GUARD_SIGNATURE_ID"], a["C2GUARD_SIGNATURE"],
	a["PRIORITY"]) == ("http-url", "url dl.evil.example/gate",
	"dl.evil.example", "dl.evil.example/gate/x.php?id=1&k=2", "9200016",
	"C2GUARD listed URL", "3"), a
assert a["MESSAGE"] == "c2guard: drop tcp 10.0.1.2:40400 -> 198.51.100.7:80 reason http-url indicator url dl.evil.example/gate tag urlhaus name dl.evil.example url dl.evil.example/gate/x.php?id=1&k=2", a
# the URL as sent; MESSAGE escaped
assert b["C2GUARD_URL"] == "c2.example/\x1b[2J\"q\\'", b
assert "\x1b" not in b["MESSAGE"] and b["MESSAGE"].endswith(
	"url c2.example/\\x1b[2J\"q\\\\'"), b
PY
}

WIRE_ALERTS_TEXT='seq 56 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40300 -> 203.0.113.9:443 reason proto-mismatch expected tls seen unknown hook prerouting iif 3 suppressed 2
seq 57 2026-11-21T23:59:01.123456Z alert tcp 10.0.1.2:40301 -> 203.0.113.9:80 reason proto-mismatch expected http seen ssh hook prerouting iif 3 suppressed 0
seq 58 2026-11-21T23:59:01.123456Z alert udp 10.0.1.2:40302 -> 192.0.2.53:53 reason proto-mismatch expected dns seen dns-response hook prerouting iif 3 suppressed 1
seq 59 2026-11-21T23:59:01.123456Z alert tcp 10.0.1.2:40303 -> 203.0.113.9:6667 reason irc nick bot4242 channel #c2chan irc-port yes hook prerouting iif 3 suppressed 2
seq 60 2026-11-21T23:59:01.123456Z reject tcp 10.0.1.2:40304 -> 203.0.113.9:443 reason irc nick "b\x1b[2Jo\"t\\" channel "#c2\x07\x0a#x y" irc-port no hook prerouting iif 3 suppressed 0
seq 61 2026-11-21T23:59:01.123456Z alert tcp [2001:db8::10]:40305 -> [2001:db8::53]:7000 reason irc nick zombie-7 irc-port yes hook prerouting iif 3 suppressed 1'

# Alerts of the first-payload detectors (no indicator): proto-mismatch with
# what the port wants and what came, irc with the nick and channel (a
# hostile one escaped, never a raw control character), in every form
t_wire_monitor() {
	fake FAKENL_WIRE_ALERTS=1 monitor count 6
	expect_rc 0
	expect_eq stderr "$ERR" ""
	expect_eq stdout "$OUT" "$WIRE_ALERTS_TEXT"
	case $OUT in
	*$'\e'* | *$'\a'*) fail "raw control character in the text: $OUT" ;;
	esac
	fake FAKENL_WIRE_ALERTS=1 -j monitor count 6
	expect_rc 0
	expect_eq stderr "$ERR" ""
	python3 - "$OUT" <<'PY' || fail "monitor JSON: $OUT"
import json, sys

def once(pairs):
	keys = [k for k, v in pairs]
	assert len(keys) == len(set(keys)), keys
	return dict(pairs)

rows = [json.loads(l, object_pairs_hook=once) for l in sys.argv[1].splitlines()]
assert [r["seq"] for r in rows] == list(range(56, 62)), rows
want = [("proto-mismatch", "drop", "tls", "unknown", None, None, None),
	("proto-mismatch", "alert", "http", "ssh", None, None, None),
	("proto-mismatch", "alert", "dns", "dns-response", None, None, None),
	("irc", "alert", None, "irc", "bot4242", "#c2chan", True),
	("irc", "reject", None, "irc", 'b\x1b[2Jo"t\\', "#c2\x07\n#x y", False),
	("irc", "alert", None, "irc", "zombie-7", None, True)]
for r, w in zip(rows, want):
	got = tuple(r.get(k) for k in ("reason", "action", "expected", "seen",
				       "nick", "channel", "irc_port"))
	assert got == w, (got, w)
	# no indicator, no name: a detector's alert
	for k in ("indicator", "tag", "name", "dir", "ja4"):
		assert k not in r, (k, r)
# after the reason and before the rest, in one order
assert list(rows[3])[list(rows[3]).index("reason"):] == ["reason", "seen",
	"nick", "channel", "irc_port", "suppressed"], list(rows[3])
assert list(rows[0])[list(rows[0]).index("reason"):] == ["reason",
	"expected", "seen", "suppressed"], list(rows[0])
assert rows[5]["family"] == "inet6" and rows[2]["proto"] == "udp", rows
PY
	fake FAKENL_WIRE_ALERTS=1 monitor --eve count 6
	expect_rc 0
	expect_eq stderr "$ERR" ""
	case $OUT in
	*$'\e'* | *$'\a'*) fail "raw control character in EVE: $OUT" ;;
	esac
	"$DEB_PYTHON" - "$OUT" "$EVE_SCHEMA" <<'PY' || fail "monitor --eve: $OUT"
import json, sys
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.load(open(sys.argv[2])))
rows = [json.loads(l) for l in sys.argv[1].splitlines()]
assert len(rows) == 6, rows
for r in rows:
	errs = [e.message for e in v.iter_errors(r)]
	assert not errs, (errs, r)
	a, c = r["alert"], r["alert"]["context"]["c2guard"]
	sig = {"proto-mismatch": (9200014, "C2GUARD protocol/port mismatch",
		"Detection of a Non-Standard Protocol or Event", 2),
		"irc": (9200015, "C2GUARD IRC registration",
		"Potentially Bad Traffic", 2)}[c["reason"]]
	assert (a["signature_id"], a["signature"], a["category"],
		a["severity"]) == sig, a
	m = a["metadata"]
	assert m["c2guard_reason"] == [c["reason"]], m
	assert m["c2guard_proto_seen"] == [c["seen"]], m
	assert m.get("c2guard_proto_expected") == ([c["expected"]] if
		"expected" in c else None), m
	assert m.get("c2guard_irc_nick") == ([c["nick"]] if "nick" in c
		else None), m
	assert m.get("c2guard_irc_channel") == ([c["channel"]] if
		"channel" in c else None), m
	assert "c2guard_indicator" not in m and "tag" not in m, m
	for k in ("dns", "tls", "http", "quic"):
		assert k not in r, (k, r)
# app_proto: what the payload was, as Suricata names it ("failed": not
# recognised); app_proto_expected: what the port wants
assert [(r["app_proto"], r.get("app_proto_expected")) for r in rows] == [
	("failed", "tls"), ("ssh", "http"), ("dns", "dns"), ("irc", None),
	("irc", None), ("irc", None)], rows
assert [r["alert"]["action"] for r in rows] == ["blocked", "allowed",
	"allowed", "allowed", "blocked", "allowed"], rows
assert rows[4]["alert"]["metadata"]["c2guard_irc_nick"] == ['b\x1b[2Jo"t\\']
PY
}

# Every alert set of fakenl: all fifteen reasons, an unknown one, hostile
# names, both directions of one flow.
EVE_SETS=(FAKENL_ALERTS=1 FAKENL_NAME_ALERTS=1 FAKENL_BEACON_ALERTS=1
	FAKENL_HOST_ALERTS=1 FAKENL_DNS_ALERTS=1 FAKENL_JA4_ALERTS=1
	FAKENL_WIRE_ALERTS=1)
EVE_SCHEMA=$(cd "$HERE/../data" && pwd)/suricata-eve-schema.json

t_monitor_eve() {
	local json
	fake "${EVE_SETS[@]}" -j monitor count 26
	expect_rc 0
	json=$OUT
	fake "${EVE_SETS[@]}" monitor --eve count 26
	expect_rc 0
	case $OUT in
	*$'\e'* | *$'\a'*) fail "raw control character in EVE: $OUT" ;;
	esac
	"$DEB_PYTHON" - "$OUT" "$json" "$EVE_SCHEMA" <<'PY' || fail "monitor --eve: $OUT"
import json, re, sys
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.load(open(sys.argv[3])))
evs = [json.loads(l) for l in sys.argv[1].splitlines()]
plain = [json.loads(l) for l in sys.argv[2].splitlines() if '"seq":' in l]
for r in evs:
	errs = [e.message for e in v.iter_errors(r)]
	assert not errs, (errs, r)
rows = [r for r in evs if r["event_type"] == "alert"]
assert len(rows) == 26, len(rows)
# lost alerts: Suricata's own form for its trouble, an engine event
lost = [r for r in evs if r["event_type"] != "alert"]
assert len(lost) == 6 and all(r["event_type"] == "engine" and
	r["log_level"] == "Warning" and r["engine"]["module"] == "c2guard"
	for r in lost), lost
assert [r["engine"]["message"] for r in lost[:3]] == ["lost 2 alerts (seq 9..10)",
	"lost 1 alert (seq 12..12)", "lost 6 alerts (seq 14..19)"], lost
reasons = ["ip", "dns-query", "dns-answer", "tls-sni", "http-host", "beacon",
	"dga", "nxdomain-burst", "fast-flux", "sinkhole", "host-risk", "quic-sni",
	"ja4", "proto-mismatch", "irc"]
seen = {}
for r, j in zip(rows, plain):
	a, c = r["alert"], r["alert"]["context"]["c2guard"]
	# the whole "monitor -j" alert, as it is
	assert c == j, (c, j)
	assert r["event_type"] == "alert", r
	assert re.fullmatch(r"2026-11-21T23:59:01\.123456\+0000", r["timestamp"]), r
	assert 0 < r["flow_id"] < 2 ** 53, r
	assert (r["src_ip"], r["dest_ip"]) == (c["saddr"], c["daddr"]), r
	assert r.get("src_port") == c.get("sport") and r.get("dest_port") == c.get("dport")
	assert r["proto"] == {"tcp": "TCP", "udp": "UDP", "icmp": "ICMP"}.get(
		c["proto"], c["proto"].upper()), r
	assert a["action"] == ("blocked" if c["action"] in
		("drop", "reject", "quarantine") else "allowed"), r
	assert a["metadata"]["c2guard_reason"] == [c["reason"]], a
	assert a["metadata"]["c2guard_action"] == [c["action"]], a
	if c.get("tag"):
		assert a["metadata"]["tag"] == [c["tag"]], a
	else:
		assert "tag" not in a["metadata"], a
	if c["reason"] in reasons:
		n = reasons.index(c["reason"]) + 1
		assert a["signature_id"] == 9200000 + n, a
		assert a["signature"].startswith("C2GUARD "), a
		seen.setdefault(c["reason"], set()).add((a["signature_id"],
			a["signature"], a["category"], a["severity"]))
	else:
		assert (a["category"], a["severity"]) == ("Misc activity", 3), a
	name = c.get("name")
	app = {"dns-query": "dns", "dga": "dns", "nxdomain-burst": "dns",
		"fast-flux": "dns", "sinkhole": "dns", "tls-sni": "tls",
		"http-host": "http", "quic-sni": "quic"}.get(c["reason"]) if name else None
	# a JA4 alert: the hello's protocol, named or not
	if c["reason"] == "ja4":
		app = {"t": "tls", "q": "quic"}[c["ja4"][0]]
	# proto-mismatch, irc: what the first payload was, and no object
	if c["reason"] in ("proto-mismatch", "irc"):
		assert r["app_proto"] == ("irc" if c["reason"] == "irc" else
			{"tls": "tls", "tls-other": "tls", "http": "http",
			 "ssh": "ssh", "irc": "irc", "dns-response": "dns"}.get(
			 c["seen"], "failed")), r
		assert r.get("app_proto_expected") == c.get("expected"), r
		app = None
	else:
		assert r.get("app_proto") == app and "app_proto_expected" not in r, r
	sni = {"sni": name} if name else {}
	if app == "dns":
		assert r["dns"] == {"version": 3, "queries": [{"rrname": name}]}, r
	elif app == "tls":
		assert r["tls"] == {**sni, **({"ja4": c["ja4"], "ja3": {"hash":
			c["ja3"]}} if "ja4" in c else {})}, r
	elif app == "quic":
		assert r["quic"] == {**sni, "ja4": c["ja4"], "ja3": {"hash": c["ja3"]}}, r
	elif app == "http":
		assert r["http"] == {"hostname": name}, r
	for k in ("dns", "tls", "http", "quic"):
		assert k == app or k not in r, (k, r)
# each reason, one signature of its own
assert sorted(seen) == sorted(reasons), sorted(seen)
assert all(len(s) == 1 for s in seen.values()), seen
assert len({next(iter(s))[0] for s in seen.values()}) == len(reasons)
by = {r["alert"]["context"]["c2guard"]["seq"]: r for r in rows}
# the fast-flux answer and the sinkhole query: one flow, both directions
assert by[52]["flow_id"] == by[53]["flow_id"], (by[52], by[53])
assert by[50]["flow_id"] != by[51]["flow_id"]
assert by[50]["dns"]["queries"][0]["rrname"] == 'xkq7"vbz\x1bw2.com'
assert by[4]["http"]["hostname"] == 'we"i\\rd?#x.evil.example', by[4]
# a JA4 alert without a server name still has its hello's object
assert by[55]["app_proto"] == "quic" and "sni" not in by[55]["quic"], by[55]
assert by[54]["alert"]["metadata"]["c2guard_indicator"][0].startswith("ja4 t13d")
PY
	fake FAKENL_ALERTS=1 monitor --eve bogus
	expect_rc 1
	expect_eq stderr "$ERR" 'c2ctl: monitor: expected nothing, -j, --eve, --eve-file PATH, --follow, --journal or "count N" (see "c2ctl help")'
}

# conf check: every wrong line said with its number, nothing applied; a
# good file passes (apply and update need the module: c2guard_feed.sh)
t_conf_check() {
	cat >"$TMP/good.conf" <<'EOF'
# comment
set beacon on beacon-action drop   # trailing comment
set dga on
set proto-mismatch on proto-mismatch-action drop tls-ports 443,8443 irc on irc-ports none
add 198.51.100.99 action drop tag mine
add "*.evil.example" action reject
add 0.0.0.0/0 action drop force
allow 10.9.9.9
allow 192.0.2.7:443/tcp tag vendor
host-allow 10.0.0.53
feed local /etc/c2guard/local.list action drop
feed remote https://feeds.example/list.txt format csv column 2 action reject tag r timeout 3600 partial
eve-log /var/log/c2guard/eve.json
state-dir "/var/lib/c2guard"
EOF
	fake conf -f "$TMP/good.conf" check
	expect_rc 0
	expect_eq stderr "$ERR" ""
	fake conf -f "$TMP/good.conf" feeds
	expect_rc 0
	expect_eq stdout "$OUT" "remote https://feeds.example/list.txt /var/lib/c2guard/feeds/remote"
	cat >"$TMP/bad.conf" <<'EOF'
set beacon maybe
set dga on
set dga off
add 0.0.0.0/0 action drop
allow 10.0.0.1 action drop
host-allow 10.0.0.300
feed bad/name /x
feed ok ftp://x
feed ok2 /x format nosuch
feed c2guard.conf /x
feed dup /a
feed dup /b
feed nosrc
eve-log relative
state-dir "/a b"
frobnicate
add "unterminated
set irc-ports 6667,0 irc-action allow
EOF
	fake conf -f "$TMP/bad.conf" check
	expect_rc 1
	local f="c2ctl: $TMP/bad.conf"
	expect_eq stderr "$ERR" "c2ctl: config set: invalid beacon \"maybe\" (on or off)
$f:1: bad set line (set SETTING VALUE ..., each setting once in the file)
c2ctl: config set: dga given twice
$f:3: bad set line (set SETTING VALUE ..., each setting once in the file)
$f:4: 0.0.0.0/0 covers every IPv4 address (add \"force\" to load it anyway)
$f:5: unexpected \"action\"
$f:6: host-allow 10.0.0.300: invalid IPv4 address
$f:7: bad feed name \"bad/name\" (at most 31 letters, digits, '.', '_', '-'; not c2guard.conf)
$f:8: feed SOURCE: an absolute path or an http:// or https:// URL, printable, no blanks or quotes
$f:9: bad feed option at \"format\" (format F, column C, action A, tag T, timeout S, partial, force)
$f:10: bad feed name \"c2guard.conf\" (at most 31 letters, digits, '.', '_', '-'; not c2guard.conf)
$f:12: feed dup given twice (line 11)
$f:13: feed needs NAME and SOURCE (a /path or an http(s):// URL)
$f:14: eve-log: an absolute path, or none
$f:15: state-dir: an absolute path, printable, no blanks or quotes
$f:16: unexpected \"frobnicate\" (set, add, allow, host-allow, feed, eve-log, state-dir; see c2guard.conf(5))
$f:17: unterminated quote
c2ctl: config set: irc-ports: port 0 out of range (1..65535)
$f:18: bad set line (set SETTING VALUE ..., each setting once in the file)
$f: 16 error(s), nothing applied"
	# nothing sent to the kernel: even apply stops at the file
	fake FAKENL_EPERM=1 conf -f "$TMP/bad.conf" apply
	expect_rc 1
	expect_has stderr "$ERR" "16 error(s), nothing applied"
	case $ERR in *"not permitted"*) fail "apply of a bad file reached the kernel" ;; esac
	fake conf -f "$TMP/none.conf" check
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: conf: cannot open $TMP/none.conf: No such file or directory"
	fake conf -f "$TMP/good.conf" frob
	expect_rc 1
	expect_eq stderr "$ERR" 'c2ctl: conf: unknown command "frob" (check, apply, feeds, update, monitor)'
	fake conf -f "$TMP/good.conf" update local /x
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: conf update: $TMP/good.conf names no URL feed local"
	printf 'set beacon on\0\n' >"$TMP/nul.conf"
	fake conf -f "$TMP/nul.conf" check
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: $TMP/nul.conf: NUL byte in the file"
}

# --eve-file: appended to; opened again on SIGHUP (logrotate moved it)
t_monitor_eve_file() {
	local f="$TMP/eve.json" i
	echo '{"old":1}' >"$f"
	fake FAKENL_ALERTS=1 monitor --eve-file "$f" count 5
	expect_rc 0
	expect_eq stdout "$OUT" ""
	expect_eq "appended" "$(head -n1 "$f")" '{"old":1}'
	expect_eq "5 alerts, 3 losses" "$(grep -c '"event_type":"alert"' "$f") $(grep -c '"event_type":"engine"' "$f")" "5 3"
	fake FAKENL_ALERTS=1 -j monitor --eve-file "$f"
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: monitor: -j and --eve-file: one form at a time"
	fake FAKENL_ALERTS=1 monitor --eve-file "$TMP/no/such/dir/eve.json"
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: monitor: $TMP/no/such/dir/eve.json: No such file or directory"
	rm -f "$f"
	bg_start FAKENL_ALERTS=1 monitor --eve-file "$f"
	for i in $(seq 200); do
		[ "$(grep -c '"event_type":"alert"' "$f" 2>/dev/null)" = 5 ] && break
		sleep 0.05
	done
	mv "$f" "$f.1"
	kill -HUP "$BG_PID"
	for i in $(seq 200); do
		[ -e "$f" ] && break
		sleep 0.05
	done
	bg_stop TERM
	expect_rc 0
	expect_eq "rotated file kept its events" "$(grep -c '"event_type":"alert"' "$f.1")" 5
	expect_eq "a new file opened on SIGHUP" "$([ -e "$f" ] && wc -c <"$f")" 0
}

t_status_prometheus() {
	local json
	fake -j status
	expect_rc 0
	json=$OUT
	fake status --prometheus
	expect_rc 0
	expect_eq stderr "$ERR" ""
	"$DEB_PYTHON" - "$OUT" "$json" "$SPEC" <<'PY' || fail "status --prometheus: $OUT"
import json, sys, yaml
from prometheus_client.parser import text_string_to_metric_families
text, st = sys.argv[1], json.loads(sys.argv[2])
spec = yaml.safe_load(open(sys.argv[3]))
types = {a["name"].replace("-", "_"): a["type"] for s in spec["attribute-sets"]
	if s["name"] == "status" for a in s["attributes"]}
fams = {f.name: f for f in text_string_to_metric_families(text)}
assert len(fams) == len(text.split("# TYPE ")) - 1, "a family twice"
info = fams["c2guard_info"]
assert [(s.labels, s.value) for s in info.samples] == \
	[({"version": st["version"]}, 1.0)], info.samples
feat = {s.labels["name"]: s.value for s in fams["c2guard_feature"].samples}
assert sorted(k for k, v in feat.items() if v == 1) == sorted(st["features"]), feat
n = 0
for k, v in st.items():
	if k in ("version", "features"):
		continue
	# the bytes held, the u32 amounts and the last alert's number are
	# gauges, the other u64 counts counters
	if k.endswith("mem"):
		name, typ = "c2guard_" + k + "_bytes", "gauge"
	elif types[k] == "u32" or k == "alert_seq":
		name, typ = "c2guard_" + k, "gauge"
	else:
		name, typ = "c2guard_" + k, "counter"	# the parser drops _total
	f = fams[name]
	assert f.type == typ and f.documentation, (k, f)
	samples = [s for s in f.samples if not s.name.endswith("_created")]
	assert len(samples) == 1 and samples[0].value == v, (k, samples, v)
	if typ == "counter":
		assert samples[0].name == name + "_total", samples
	n += 1
assert n == len(fams) - 2, (n, len(fams))
# the u32 amounts are gauges, the u64 counts counters
assert fams["c2guard_ind_v4"].type == "gauge" and fams["c2guard_beacon_channels"].type == "gauge"
assert fams["c2guard_packets"].type == "counter" and fams["c2guard_alert_seq"].type == "gauge"
assert "c2guard_packets_total 1007" in text.splitlines(), text
PY
	fake status --prometheus now
	expect_rc 1
	expect_has stderr "$ERR" "besides -j or --prometheus"
}

# monitor --journal: the entries journald's native socket gets, read by a
# stand-in bound to /run/systemd/journal/socket in a mount namespace of
# our own (root only)
t_monitor_journal() {
	if [ "$(id -u)" != 0 ] || ! unshare -m -n true 2>/dev/null; then
		SKIP="no mount and network namespace (not root?)"
		return
	fi
	local jl="$TMP/journal.jsonl"
	run unshare -m -n bash -c '
		mount -t tmpfs tmpfs /run && mkdir -p /run/systemd/journal || exit 4
		"$1" "$2" /run/systemd/journal/socket "$3" 32 &
		sink=$!
		for i in $(seq 100); do
			[ -e /run/systemd/journal/socket.ready ] && break
			sleep 0.1
		done
		shift 3
		env "$@"
		rc=$?
		wait $sink || exit 3
		exit $rc' journal "$DEB_PYTHON" "$HERE/journal_sink.py" "$jl" \
		FAKENL=1 FAKENL_STATE="$TMP/state" LD_PRELOAD="$FAKE" "${EVE_SETS[@]}" \
		"$C2CTL" monitor --journal count 26
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake "${EVE_SETS[@]}" -j monitor count 26
	"$DEB_PYTHON" - "$jl" "$OUT" <<'PY' || fail "monitor --journal: $(cat "$jl")"
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
objs = [json.loads(l) for l in sys.argv[2].splitlines()]
plain = [a for a in objs if "seq" in a]
entries = [e for e in got if e["MESSAGE_ID"] != "a3f1c1f5b0e44c6f9d2b0c8e7d61a2b4"]
assert len(entries) == len(plain) == 26, (len(entries), len(plain))
# lost alerts: entries of their own, where -j has its "lost" objects
lost = [e for e in got if e not in entries]
assert [(e["C2GUARD_LOST"], e["C2GUARD_SEQ_FIRST"], e["C2GUARD_SEQ_LAST"],
	e["PRIORITY"], e["MESSAGE"]) for e in lost] == [(str(a["lost"]),
	str(a["seq_first"]), str(a["seq_last"]), "4", "c2guard: lost %d alert%s (seq %d..%d)"
	% (a["lost"], "" if a["lost"] == 1 else "s", a["seq_first"], a["seq_last"]))
	for a in objs if "lost" in a], lost
assert [("C2GUARD_LOST" in e) for e in got] == [("lost" in a) for a in objs]
for e, a in zip(entries, plain):
	assert e["SYSLOG_IDENTIFIER"] == "c2guard", e
	assert e["MESSAGE_ID"] == "057447188d734d449835ccb0d3948c4e", e
	blocked = a["action"] in ("drop", "reject", "quarantine")
	assert (e["PRIORITY"], e["C2GUARD_BLOCKED"]) == \
		(("3", "1") if blocked else ("4", "0")), e
	assert (e["C2GUARD_SEQ"], e["C2GUARD_REASON"], e["C2GUARD_ACTION"],
		e["C2GUARD_SRC_IP"], e["C2GUARD_DEST_IP"], e["C2GUARD_PROTO"]) == \
		(str(a["seq"]), a["reason"], a["action"], a["saddr"], a["daddr"],
		 a["proto"]), (e, a)
	assert e.get("C2GUARD_SRC_PORT") == (str(a["sport"]) if "sport" in a else None)
	assert e.get("C2GUARD_NAME") == a.get("name"), (e, a)
	# the journal keeps the tag's bytes (one not UTF-8: \\xff here)
	assert e.get("C2GUARD_TAG", "").replace("\\xff", "\ufffd") == \
		(a.get("tag") or ""), (e, a)
	assert all(c >= " " or c == "\n" for c in e["MESSAGE"]) and \
		"\n" not in e["MESSAGE"], e
	assert e.get("C2GUARD_INDICATOR") == a.get("indicator"), (e, a)
	assert e["MESSAGE"].startswith("c2guard: %s %s %s" % (a["action"],
		a["proto"], a["saddr"])), e
	assert int(e["C2GUARD_SIGNATURE_ID"]) >= 9200000, e
	if a["reason"] == "beacon":
		assert e["C2GUARD_BEACON_SCORE"] == str(a["beacon"]["score"]), e
	if a["reason"] == "host-risk":
		assert e["C2GUARD_HOST_RISK"] == str(a["host"]["risk"]), e
	if "pid" in a:
		assert (e["C2GUARD_PID"], e["C2GUARD_COMM"]) == (str(a["pid"]), a["comm"])
# a name with an escape and a quote, a command name with a newline: as sent
by = {int(e["C2GUARD_SEQ"]): e for e in entries}
assert by[50]["C2GUARD_NAME"] == 'xkq7"vbz\x1bw2.com', by[50]
assert by[8]["C2GUARD_COMM"] == "cu\x1b[2Jrl\n", by[8]
# JA4 alerts: the reason, the indicator as "ja4 FP", the hello's fingerprints
t, q = "t13d1516h2_8daaf6152771_e5627efa2ab1", "q13d0310h3_55b375c5d22e_cd85d2d88918"
assert (by[54]["C2GUARD_REASON"], by[54]["C2GUARD_INDICATOR"],
	by[54]["C2GUARD_JA4"], by[54]["C2GUARD_JA3"], by[54]["C2GUARD_NAME"],
	by[54]["C2GUARD_SIGNATURE_ID"], by[54]["C2GUARD_SIGNATURE"]) == ("ja4",
	"ja4 " + t, t, "cd08e31494f9531f560d64c695473da9", "c2.example.net",
	"9200013", "C2GUARD listed JA4 fingerprint"), by[54]
assert by[54]["MESSAGE"] == "c2guard: drop tcp 10.0.1.2:40200 -> 203.0.113.9:443 reason ja4 indicator ja4 %s tag ja4feed name c2.example.net" % t, by[54]
assert (by[55]["C2GUARD_REASON"], by[55]["C2GUARD_INDICATOR"],
	by[55]["C2GUARD_JA4"]) == ("ja4", "ja4 " + q, q), by[55]
assert "C2GUARD_NAME" not in by[55] and "C2GUARD_TAG" not in by[55], by[55]
# proto-mismatch and irc: what the payload was, the nick and channel as
# sent, IRC_PORT on irc alerts only; MESSAGE reads as monitor's text
for e, a in zip(entries, plain):
	assert (e.get("C2GUARD_PROTO_EXPECTED"), e.get("C2GUARD_PROTO_SEEN"),
		e.get("C2GUARD_IRC_NICK"), e.get("C2GUARD_IRC_CHANNEL")) == \
		(a.get("expected"), a.get("seen"), a.get("nick"),
		 a.get("channel")), (e, a)
	assert e.get("C2GUARD_IRC_PORT") == ({True: "1", False: "0"}[
		a["irc_port"]] if "irc_port" in a else None), (e, a)
assert (by[56]["C2GUARD_REASON"], by[56]["C2GUARD_SIGNATURE_ID"],
	by[56]["C2GUARD_SIGNATURE"], by[56]["PRIORITY"]) == ("proto-mismatch",
	"9200014", "C2GUARD protocol/port mismatch", "3"), by[56]
assert by[56]["MESSAGE"] == "c2guard: drop tcp 10.0.1.2:40300 -> 203.0.113.9:443 reason proto-mismatch expected tls seen unknown", by[56]
assert (by[59]["C2GUARD_REASON"], by[59]["C2GUARD_SIGNATURE_ID"],
	by[59]["C2GUARD_IRC_PORT"]) == ("irc", "9200015", "1"), by[59]
assert by[59]["MESSAGE"] == "c2guard: alert tcp 10.0.1.2:40303 -> 203.0.113.9:6667 reason irc nick bot4242 channel #c2chan", by[59]
assert (by[60]["C2GUARD_IRC_NICK"], by[60]["C2GUARD_IRC_CHANNEL"],
	by[60]["C2GUARD_IRC_PORT"]) == ('b\x1b[2Jo"t\\', "#c2\x07\n#x y", "0"), by[60]
assert by[60]["MESSAGE"] == 'c2guard: reject tcp 10.0.1.2:40304 -> 203.0.113.9:443 reason irc nick b\\x1b[2Jo"t\\\\ channel #c2\\x07\\x0a#x y', by[60]
assert "C2GUARD_IRC_PORT" not in by[56] and "C2GUARD_IRC_CHANNEL" not in by[61]
PY
	# no journald: libsystemd drops the entries silently, by design
	run unshare -m -n bash -c 'mount -t tmpfs tmpfs /run || exit 4; env "$@"' \
		nojournal FAKENL=1 LD_PRELOAD="$FAKE" FAKENL_ALERTS=1 \
		"$C2CTL" monitor --journal count 1
	expect_rc 0
	expect_eq stdout "$OUT" ""
	# with -j: both
	run unshare -m -n bash -c 'mount -t tmpfs tmpfs /run || exit 4; env "$@"' \
		nojournal FAKENL=1 LD_PRELOAD="$FAKE" FAKENL_ALERTS=1 \
		"$C2CTL" -j monitor --journal count 1
	expect_rc 0
	expect_has stdout "$OUT" '"seq":7'
}

# c2ctl(8) renders without a warning and has every command of "c2ctl help"
t_man_page() {
	local page="$HERE/../../ctl/c2ctl.8" text cmd
	if ! command -v man >/dev/null; then
		SKIP="no man"
		return
	fi
	run env MANWIDTH=80 man --warnings -l "${page%/*}/c2guard.conf.5"
	expect_rc 0
	expect_eq "c2guard.conf(5) warnings" "$ERR" ""
	for cmd in set add allow host-allow feed eve-log state-dir c2guard.service \
		c2guard-monitor.service c2guard-update.timer c2guard-metrics.timer; do
		grep -qF -- "$cmd" <<<"$OUT" || fail "c2guard.conf(5) lacks $cmd"
	done
	run env MANWIDTH=80 man --warnings -l "$page"
	expect_rc 0
	expect_eq "man warnings" "$ERR" ""
	text=$OUT
	run "$C2CTL" help
	for cmd in $(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\).*/\1/p' <<<"$OUT" |
		sort -u); do
		grep -qw -- "$cmd" <<<"$text" || fail "c2ctl(8) lacks the command $cmd"
	done
}

# -n NETNS: the namespace is entered before any socket; a wrong one is
# refused with its reason, the name escaped
t_netns() {
	local -a bad=(
		"-n ..|c2ctl: invalid netns \"..\""
		"-n c2g-no-such-netns|c2ctl: netns /run/netns/c2g-no-such-netns: No such file or directory"
		"--netns $TMP/none|c2ctl: netns $TMP/none: No such file or directory"
		"-n /dev/null|c2ctl: cannot enter netns /dev/null: not a network namespace"
	) b
	for b in "${bad[@]}"; do
		# shellcheck disable=SC2086
		run "$C2CTL" ${b%%|*} status
		expect_rc 1
		expect_eq "stderr of ${b%%|*}" "$ERR" "${b#*|}"
		expect_eq "stdout of ${b%%|*}" "$OUT" ""
	done
	run "$C2CTL" -n "$(printf 'x\033[2J')" status
	expect_rc 1
	expect_eq "stderr of an escape sequence" "$ERR" \
		'c2ctl: netns /run/netns/x\x1b[2J: No such file or directory'
	run "$C2CTL" -n ""
	expect_rc 1
	expect_eq "stderr of an empty name" "$ERR" 'c2ctl: invalid netns ""'
	run "$C2CTL" -j --netns
	expect_rc 1
	expect_eq "stderr of a missing name" "$ERR" \
		'c2ctl: --netns needs a network namespace'
	# Entering a netns (our own) and talking to the module there.
	if [ "$(id -u)" != 0 ]; then
		SKIP="not root: cannot enter a netns"
		return
	fi
	reset_state
	fake -j status
	local want=$OUT
	fake -n /proc/self/ns/net -j status
	expect_rc 0
	expect_eq "status -j in -n /proc/self/ns/net" "$OUT" "$want"
	fake -j --netns /proc/self/ns/net config
	expect_rc 0
	expect_has "config in --netns" "$OUT" '"alert_rate":'
}

# ctl/c2ctl.bash-completion, with bash-completion's helpers
t_completion() {
	local bc=/usr/share/bash-completion/bash_completion
	if [ ! -r "$bc" ]; then
		SKIP="no bash-completion"
		return
	fi
	# (the config keys come from "c2ctl help")
	mkdir -p "$TMP/bin" && ln -sf "$C2CTL" "$TMP/bin/c2ctl"
	run bash -c '
		source "$1"; source "$2"; PATH=$3:$PATH
		comp() {
			COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"
			COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _c2ctl
			echo "${COMPREPLY[*]}"
		}
		comp c2ctl mon
		comp c2ctl monitor --
		comp c2ctl config set beacon-t
		comp c2ctl config set beacon o
		comp c2ctl -j add 192.0.2.1 action d
		comp c2ctl beacons allow ""
		comp c2ctl host ""
		comp c2ctl status --p
		comp c2ctl conf ""
		comp c2ctl conf -f /etc/c2guard/c2guard.conf ap
		comp c2ctl add j
		comp c2ctl test ""
		comp c2ctl -j del ""
		comp c2ctl add ja4 ""
		comp c2ctl del ja4 t13d1516h2_8daaf6152771_e5627efa2ab1 ""
		comp c2ctl add ja4 t13d1516h2_8daaf6152771_e5627efa2ab1 ""
		comp c2ctl config set irc on proto-m
		comp c2ctl config set irc-action ""
		comp c2ctl config set dga-action ""
		comp c2ctl add 192.0.2.1 action ""
		comp c2ctl config set proto-mismatch o
		comp c2ctl config set tls-ports ""
		comp c2ctl config set ir
		comp c2ctl -n gw st
		comp c2ctl --netns gw -j add 192.0.2.1 action d' completion "$bc" "$HERE/../../ctl/c2ctl.bash-completion" \
		"$TMP/bin"
	expect_rc 0
	expect_eq completions "$OUT" "monitor
--eve --eve-file --follow --journal
beacon-threshold
on off
drop
list add del
quarantine release allow
--prometheus
-f check apply feeds update monitor
apply
ja4
answer ja4 url
answer ja4 url


action tag timeout replace force
proto-mismatch proto-mismatch-action
alert drop reject mark quarantine
alert drop reject mark quarantine
alert drop reject mark quarantine allow
on off
none
irc irc-action irc-ports
status
drop"
}

t_fake_validates_names() {
	# The fake refuses bad names and JA4s like the module does: its
	# policy, the spec's, then the module's name parser and JA4 check.  c2ctl never sends one, so
	# speak to it directly (Python's socket calls are preloaded too), with
	# the numbers of the spec.
	reset_state
	run env FAKENL=1 FAKENL_STATE="$TMP/state" LD_PRELOAD="$FAKE" \
		NLSPEC_DIR="$SPEC_TOOLS" python3 - <<'PY'
import os, socket, struct, sys

sys.path.insert(0, os.environ["NLSPEC_DIR"])
import nlspec

spec = nlspec.load()
NLMSG_ERROR, NLMSGERR_ATTR_MSG = 2, 1
DOMAIN, SUFFIX, FAMILY, ADDR, BOUND, JA4 = (
	spec.attr("ind", n).value
	for n in ("domain", "suffix", "family", "addr", "bound", "ja4"))
T = b"t13d1516h2_8daaf6152771_e5627efa2ab1"
ALONE = "a JA4 indicator is the fingerprint alone, without an address or domain"
IND = spec.attr("c2guard", "ind").value
ADD = spec.ops["ind-add"].value
POLICY = "Attribute failed policy validation"
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
s.setsockopt(270, 11, 1)	# NETLINK_EXT_ACK
s.bind((0, 0))

def attr(t, payload):
	a = struct.pack("HH", 4 + len(payload), t) + payload
	return a + b"\0" * (-len(a) % 4)

def add(ind):
	payload = struct.pack("BBH", ADD, 1, 0) + attr(0x8000 | IND, ind)
	s.sendto(struct.pack("IHHII", 16 + len(payload), 0x1d, 5, 1, 0) + payload,
		 (0, 0))
	data = s.recvmsg(65536)[0]
	assert struct.unpack_from("H", data, 4)[0] == NLMSG_ERROR
	err = struct.unpack_from("i", data, 16)[0]
	off, msg = 16 + 4 + struct.unpack_from("I", data, 20)[0], ""
	if struct.unpack_from("H", data, 6)[0] & 0x100:	# NLM_F_CAPPED
		off = 16 + 4 + 16
	while off + 4 <= len(data):
		ln, t = struct.unpack_from("HH", data, off)
		if ln < 4:
			break
		if t == NLMSGERR_ATTR_MSG:
			msg = data[off + 4:off + ln].rstrip(b"\0").decode()
		off += (ln + 3) & ~3
	return err, msg

cases = [
	(attr(DOMAIN, b"a..b\0"), -22, "empty label"),
	(attr(DOMAIN, b"*.evil.example\0"), -22,
	 "'*' other than a leading \"*.\""),
	(attr(DOMAIN, b"evil.example"), -22, POLICY),
	(attr(DOMAIN, b"x" * 254 + b"\0"), -22, POLICY),
	(attr(DOMAIN, b"x" * 253 + b"\0"), -22, "label longer than 63 bytes"),
	(attr(DOMAIN, b"evil.example\0") + attr(FAMILY, b"\2"), -22,
	 "an indicator is a domain or an address, not both"),
	(attr(DOMAIN, b"evil.example\0") + attr(SUFFIX, b"\1\0\0\0"), -34,
	 POLICY),
	(attr(FAMILY, b"\2") + attr(ADDR, b"\1\2\3\4") + attr(SUFFIX, b""), -22,
	 "suffix applies to domain indicators only"),
	(attr(DOMAIN, b"evil.example\0") + attr(BOUND, b"x\0"), -22,
	 "bound is reply-only"),
	(attr(DOMAIN, b"Evil.Example.\0") + attr(SUFFIX, b""), 0, ""),
	(attr(JA4, T + b"\0") + attr(FAMILY, b"\2") + attr(ADDR, b"\1\2\3\4"),
	 -22, ALONE),
	(attr(DOMAIN, b"evil.example\0") + attr(JA4, T + b"\0"), -22, ALONE),
	(attr(JA4, T + b"\0") + attr(SUFFIX, b""), -22, ALONE),
	(attr(JA4, T[:-1] + b"\0"), -22,
	 "a JA4 is 36 characters: a_b_c, as t13d1516h2_8daaf6152771_e5627efa2ab1"),
	(attr(JA4, T + b"1\0"), -22, POLICY),
	(attr(JA4, T), -22, POLICY),
	# the module takes the hashes in lower case only (c2ctl lowers them)
	(attr(JA4, T.upper() + b"\0"), -22,
	 "a JA4 starts with t (TLS over TCP), q (QUIC) or d (DTLS)"),
	(attr(JA4, T[:11] + T[11:].upper() + b"\0"), -22,
	 "a JA4's second and third sections are 12 lowercase hex digits each"),
	(attr(JA4, T.replace(b"1516", b"15x6") + b"\0"), -22,
	 "a JA4's cipher and extension counts are two digits each"),
	(attr(JA4, T + b"\0"), 0, ""),
]
bad = 0
for ind, want_err, want_msg in cases:
	got = add(ind)
	if got != (want_err, want_msg):
		print("%r: got %r, want %r" % (ind, got, (want_err, want_msg)))
		bad = 1
sys.exit(bad)
PY
	expect_rc 0
	[ -z "$OUT" ] || fail "raw requests: $OUT"
	# what it took was brought into the text form
	fake list
	expect_eq list "$OUT" "suffix *.evil.example action alert tag \"\" timeout 0 hits 0
ja4 $JA4_T action alert tag \"\" timeout 0 hits 0"
}

t_fake_policy_is_the_specs() {
	# nl_fuzz.py's cases built from the spec, against the fake: its
	# commands and every request attribute past its type and checks,
	# refused with the kernel's errno, message and offset.  (The VM runs
	# the same against the module.)
	reset_state
	run env FAKENL=1 FAKENL_STATE="$TMP/state" LD_PRELOAD="$FAKE" \
		python3 "$HERE/../nl_fuzz.py" --cases family,policy
	expect_rc 0
	local n
	n=$(grep -c '^ok' <<<"$OUT")
	grep -q '^not ok' <<<"$OUT" && fail "$(grep -A1 '^not ok' <<<"$OUT")"
	[ "$n" -ge 140 ] || fail "only $n cases passed: $(tail -n 3 <<<"$OUT")"
}

t_not_netlink_fd_untouched() {
	# The preload only fakes NETLINK_GENERIC: other sockets are real.
	run env FAKENL=1 LD_PRELOAD="$FAKE" python3 -c 'import socket; s = socket.socket(); s.close()'
	expect_rc 0
}

t_garbage_replies() {
	# Randomly corrupted replies: c2ctl must fail cleanly, never crash,
	# hang or trip the sanitizers.
	reset_state
	local i
	for i in 1 2 3 4 5 6; do
		fake add "2001:db8::$i" tag "t$i"
	done
	fake add '*.evil.example' action reject
	fake add c2.example.net action allow
	fake add ja4 "$JA4_T" action drop tag j
	fake FAKENL_BIND=192.0.2.9=x.evil.example status
	printf '1.2.3.4\n::1\n10.0.0.0/8\n*.c2.example\nname.example\n' >"$TMP/feed3"
	cp "$TMP/state" "$TMP/state.seed"
	set -f		# "add *.evil.example" is an argument, not a glob
	for i in $(seq 1 "$GARBAGE_RUNS"); do
		local cmd
		for cmd in status list config "monitor count 2" "load $TMP/feed3" \
			   "add 1.2.3.5" "add *.evil.example" "config set alert-rate 5" \
			   "config set dns-rcode refused dns-port 5353" \
			   "test ja4 $JA4_T"; do
			local limit=10

			# monitor waits for alerts that may never come.
			# --foreground: no SIGCONT after the signal (see bg_stop)
			[[ $cmd == monitor* ]] && limit=1
			cp "$TMP/state.seed" "$TMP/state"
			# shellcheck disable=SC2086
			run env FAKENL=1 FAKENL_STATE="$TMP/state" FAKENL_ALERTS=1 \
				FAKENL_NAME_ALERTS=1 FAKENL_JA4_ALERTS=1 \
				FAKENL_GARBAGE=$i LD_PRELOAD="$FAKE" \
				timeout --foreground -k 5 -s INT --preserve-status \
				$limit "$C2CTL" $cmd
			# (test says 2 when the question could not be asked)
			if [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ] &&
			   ! [[ $cmd == test* && $RC -eq 2 ]]; then
				fail "seed $i, $cmd: exit status $RC"
				head -n 20 <<<"$ERR" | sed 's/^/#   /'
			fi
		done
	done
	set +f
}

t_dga_score() {
	# No module, no netlink: the real kernel path (not the fake) is used.
	local want

	printf 'ufmkdjyvfkl.com\nwww.google.com\n# a comment\n\nQKZVYTPWHX.DynDNS.org.\ncom\nbücher.example\n' >"$TMP/names"
	run "$C2CTL" dga-score "$TMP/names"
	expect_rc 0
	want=$(printf '%s\n' "1 0 www.google.com" "0 0 com" "0 0 xn--bcher-kva.example")
	expect_eq "low scores" "$(awk '$1 < 50' <<<"$OUT")" "$want"
	expect_has "DGA flagged" "$OUT" " 1 ufmkdjyvfkl.com"
	expect_has "case folded, dot dropped" "$OUT" " 1 qkzvytpwhx.dyndns.org"
	[ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "want 5 lines: $OUT"
	# stdin, the same
	run "$C2CTL" dga-score - <"$TMP/names"
	expect_rc 0
	[ "$(wc -l <<<"$OUT")" -eq 5 ] || fail "stdin: want 5 lines: $OUT"
	# a threshold of 100 flags only what scores 100
	run "$C2CTL" dga-score "$TMP/names" threshold 100
	expect_rc 0
	awk '($1 == 100) != ($2 == 1) { bad = 1 } END { exit bad }' <<<"$OUT" ||
		fail "threshold 100: $OUT"
	# JSON: one array, the cut and the reason
	run "$C2CTL" -j dga-score "$TMP/names"
	expect_rc 0
	expect_eq "json" "$(jq -c '.[2] | [.name, .label, .suffix, .dyndns, .flag]' <<<"$OUT")" \
		'["qkzvytpwhx.dyndns.org","qkzvytpwhx","dyndns.org",true,true]'
	expect_eq "json unscored" "$(jq -c '[.[] | .unscored // empty]' <<<"$OUT")" \
		'["public suffix","IDN label"]'
	# a hostile line: no raw control byte reaches the terminal, the rest
	# is scored, the exit status says a line was bad
	printf 'ok-name.example\n\033[31mred.example\n%0300d.com\n' 0 >"$TMP/bad"
	run "$C2CTL" dga-score "$TMP/bad"
	expect_rc 1
	expect_has "bad line named" "$ERR" "line 3: name longer than 253 bytes"
	if LC_ALL=C grep -q $'\033' "$TMP/out" "$TMP/err"; then
		fail "raw ESC printed"
	fi
	[ "$(wc -l <<<"$OUT")" -eq 2 ] || fail "want 2 lines: $OUT"
	run "$C2CTL" dga-score "$TMP/nonexistent"
	expect_rc 1
	expect_has "missing file" "$ERR" "cannot open"
	run "$C2CTL" dga-score "$TMP/names" threshold 0
	expect_rc 2
	run "$C2CTL" dga-score a b
	expect_rc 2
}

t_dyndns_feed() {
	# data/dyndns.txt: refused by the rails without force (public
	# suffixes of the PSL's private section), all of it with force
	local n

	reset_state
	n=$(grep -c '^\*\.' "$HERE/../../data/dyndns.txt")
	fake load "$HERE/../../data/dyndns.txt" tag dyndns
	expect_rc 1
	expect_has "rails" "$ERR" "public suffix (private section of the list)"
	fake load "$HERE/../../data/dyndns.txt" tag dyndns force
	expect_rc 0
	expect_has "all loaded" "$OUT" "loaded $n indicators, 0 errors"
	fake_list_lines
	[ "$(grep -c '"type":"suffix".*"action":"alert","tag":"dyndns"' <<<"$OUT")" -eq "$n" ] ||
		fail "want $n alert suffixes tagged dyndns: $(head -3 <<<"$OUT")"
	grep -q '"domain":"dyndns.org"' <<<"$OUT" || fail "dyndns.org missing"
	reset_state
}

TESTS=(
	t_not_loaded_real_kernel
	t_not_loaded_fake
	t_dga_score
	t_dyndns_feed
	t_usage
	t_netns
	t_status
	t_add_list_del
	t_list_json
	t_flush
	t_load
	t_load_strict
	t_load_stdin
	t_load_kernel_errors
	t_load_stray_acks
	t_load_ack_overrun
	t_load_large
	t_list_dump_intr
	t_malformed_replies
	t_eperm
	t_monitor_text
	t_monitor_json
	t_monitor_unload
	t_monitor_signals
	t_monitor_follow
	t_config
	t_config_dns
	t_config_beacon
	t_config_wire
	t_beacons
	t_beacons_errors
	t_beacons_allow
	t_names_add_list_del
	t_names_bound
	t_load_mixed
	t_load_names_large
	t_monitor_names
	t_monitor_beacon
	t_monitor_host
	t_ja4_add_list_del
	t_ja4_bad_input
	t_ja4_load
	t_ja4_feed_list
	t_ja4_save_restore
	t_ja4_monitor
	t_wire_monitor
	t_url_add_list_del
	t_url_bad_input
	t_url_load
	t_url_save_restore
	t_url_monitor
	t_monitor_eve
	t_monitor_eve_file
	t_conf_check
	t_status_prometheus
	t_monitor_journal
	t_man_page
	t_completion
	t_fake_validates_names
	t_fake_policy_is_the_specs
	t_not_netlink_fd_untouched
	t_garbage_replies
)

for f in "$C2CTL" "$FAKE"; do
	if [ ! -e "$f" ]; then
		echo "ctl_e2e.sh: $f missing (make c2ctl-asan fakenl.so)" >&2
		exit 1
	fi
done

# ctl_e2e.sh [TEST...]: only those (t_usage or usage)
if [ $# -gt 0 ]; then
	TESTS=("${@/#/t_}")
	TESTS=("${TESTS[@]/#t_t_/t_}")
fi

echo "TAP version 13"
echo "1..${#TESTS[@]}"
pass=0
nfail=0
n=0
for t in "${TESTS[@]}"; do
	n=$((n + 1))
	FAILED=0
	SKIP=
	t0=$(date +%s%N)
	$t
	echo "# ${t#t_}: $((($(date +%s%N) - t0) / 1000000)) ms"
	if [ -n "$SKIP" ] && [ $FAILED -eq 0 ]; then
		echo "ok $n - ${t#t_} # SKIP $SKIP"
		pass=$((pass + 1))
	elif [ $FAILED -eq 0 ]; then
		echo "ok $n - ${t#t_}"
		pass=$((pass + 1))
	else
		echo "not ok $n - ${t#t_}"
		nfail=$((nfail + 1))
	fi
done
echo "$pass passed, $nfail failed"
[ $nfail -eq 0 ]
