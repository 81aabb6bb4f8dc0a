#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end tests of c2ctl against fakenl.so, an LD_PRELOAD stand-in for
# the c2guard module (see fakenl.c), plus the real "module not loaded" path.
# KTAP output; the last line is "N passed, M failed".
#
#   C2CTL=path/to/c2ctl  FAKENL_SO=path/to/fakenl.so  ./ctl_e2e.sh
#   GARBAGE_RUNS=N  number of corrupted-reply runs (default 25)

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
C2CTL=${C2CTL:-$HERE/c2ctl-asan}
FAKE=${FAKENL_SO:-$HERE/fakenl.so}
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
	OUT=$(cat "$TMP/out")
	ERR=$(cat "$TMP/err")
	if [ "$RC" -eq 99 ] || grep -q "Sanitizer" "$TMP/err"; then
		fail "sanitizer report from: $*"
		sed 's/^/#   /' "$TMP/err" | head -40
	fi
}

# fake [VAR=VAL...] c2ctl ARGS: run c2ctl against the fake module
fake() {
	local vars=()

	while [ $# -gt 0 ] && [[ $1 == *=* ]]; do
		vars+=("$1")
		shift
	done
	run env FAKENL=1 FAKENL_STATE="$TMP/state" LD_PRELOAD="$FAKE" \
		"${vars[@]}" "$C2CTL" "$@"
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
		   "config set alert-rate 5"; do
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
	expect_has stdout "$OUT" "monitor [-j] [count N]"
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
		"add|c2ctl: add: missing address"
		"add 1.2.3.4 action|c2ctl: add: action needs a value"
		"add 1.2.3.4 action fly|c2ctl: add: unknown action \"fly\" (alert, drop, reject or mark)"
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
		"config set speed 1|c2ctl: config set: unknown setting \"speed\" (mark-value, mark-mask, alert-rate, alert-burst)"
		"config set alert-rate 1 alert-rate 2|c2ctl: config set: alert-rate given twice"
		"load|c2ctl: load: missing FILE (or - for standard input)"
		"load - frob|c2ctl: load: unexpected \"frob\""
		"load /nonexistent/feed|c2ctl: load: cannot open /nonexistent/feed: No such file or directory"
	)
	local b
	for b in "${bad[@]}"; do
		# shellcheck disable=SC2086
		run "$C2CTL" ${b%%|*}
		expect_rc 1
		expect_eq "stderr of '${b%%|*}'" "$ERR" "${b#*|}"
	done
}

t_status() {
	reset_state
	fake status
	expect_rc 0
	expect_has stdout "$OUT" "version 0.1.0-fake"
	expect_has stdout "$OUT" "features ipv4 ipv6 timeout reject mark 0x80"
	expect_has stdout "$OUT" "ind_v4 0"
	expect_has stdout "$OUT" "repeats 1019"
	expect_eq "line count" "$(wc -l <<<"$OUT")" 19
	fake -j status
	expect_rc 0
	python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["features"][-1]=="0x80" and d["mem"]==1018 and d["version"]=="0.1.0-fake", d' "$OUT" ||
		fail "bad status JSON: $OUT"
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
"1.2.3.4/32 action alert tag \"\" timeout 0 hits 1
198.51.100.0/24 action drop tag feed1 timeout 0 hits 0
2001:db8::1/128 action alert tag v6 timeout 60 hits 2"

	fake add 1.2.3.4 action drop
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: add 1.2.3.4: File exists (kernel: indicator already exists)"

	fake add 1.2.3.4 action drop tag new replace
	expect_rc 0
	fake list
	expect_has list "$OUT" "1.2.3.4/32 action drop tag new timeout 0 hits 1"

	fake del 1.2.3.4
	expect_rc 0
	fake del 1.2.3.4
	expect_rc 1
	expect_eq stderr "$ERR" "c2ctl: del 1.2.3.4: No such file or directory (kernel: indicator not found)"
	fake del 198.51.100.0/24
	expect_rc 0
	fake list
	expect_eq list "$OUT" "2001:db8::1/128 action alert tag v6 timeout 60 hits 2"
}

t_list_json() {
	reset_state
	fake add 198.51.100.0/24 action drop tag feed1
	fake add ::ffff:10.0.0.0/104 action mark tag 'q"uo\te'
	fake add 0.0.0.0/0 action reject
	fake -j list
	expect_rc 0
	python3 - "$OUT" <<'EOF' || fail "JSON lines: $OUT"
import json, sys
rows = [json.loads(l) for l in sys.argv[1].splitlines()]
assert len(rows) == 3, rows
by = {r["addr"]: r for r in rows}
assert by["198.51.100.0"] == {"family": "inet", "addr": "198.51.100.0",
	"prefixlen": 24, "action": "drop", "tag": "feed1", "timeout": 0,
	"hits": by["198.51.100.0"]["hits"]}, by
assert list(by["198.51.100.0"].keys()) == ["family", "addr", "prefixlen",
	"action", "tag", "timeout", "hits"]
assert by["::ffff:10.0.0.0"]["tag"] == 'q"uo\\te' and by["::ffff:10.0.0.0"]["family"] == "inet6"
assert by["0.0.0.0"]["prefixlen"] == 0 and by["0.0.0.0"]["action"] == "reject"
EOF
	fake list -j
	expect_rc 0
	expect_eq "line count" "$(wc -l <<<"$OUT")" 3
}

t_flush() {
	reset_state
	fake add 10.0.0.0/8 tag a
	fake add 10.0.0.1 tag a
	fake add 10.0.0.2 tag b
	fake flush tag a
	expect_rc 0
	fake list
	expect_eq list "$OUT" "10.0.0.2/32 action alert tag b timeout 0 hits 2"
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
"c2ctl: $TMP/feed:6: bogus: invalid IPv4 address
c2ctl: $TMP/feed:7: 10.0.0.1/8: address bits set past the prefix length (did you mean 10.0.0.0/8?)
c2ctl: $TMP/feed:8: unknown action \"nope\" (alert, drop, reject or mark)"
	fake list
	expect_eq list "$(sort <<<"$OUT" | sed 's/ hits [0-9]*$//')" \
"192.0.2.2/32 action mark tag t2 timeout 0
198.51.100.0/24 action drop tag feed1 timeout 0
198.51.100.99/32 action reject tag deflt timeout 0
2001:db8::/32 action reject tag deflt timeout 3600
203.0.113.7/32 action reject tag deflt timeout 0"

	# Loading again replaces instead of failing with EEXIST.
	fake load "$TMP/feed" tag other
	expect_eq stdout "$OUT" "loaded 5 indicators, 3 errors"
	fake list
	expect_has list "$OUT" "203.0.113.7/32 action alert tag other"
}

t_load_strict() {
	reset_state
	make_feed
	fake load "$TMP/feed" strict
	expect_rc 1
	expect_eq stdout "$OUT" "loaded 3 indicators, 1 errors"
	expect_eq stderr "$ERR" "c2ctl: $TMP/feed:6: bogus: invalid IPv4 address"
	fake list
	expect_eq "list length" "$(wc -l <<<"$OUT")" 3
}

t_load_stdin() {
	reset_state
	printf '1.2.3.4 tag s\n::1\n' >"$TMP/in"
	fake load - timeout 5 <"$TMP/in"
	expect_rc 0
	expect_eq stdout "$OUT" "loaded 2 indicators, 0 errors"
	expect_eq stderr "$ERR" ""
	fake list
	expect_eq list "$(sort <<<"$OUT")" \
"1.2.3.4/32 action alert tag s timeout 5 hits 0
::1/128 action alert tag \"\" timeout 5 hits 1"
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

ALERTS_TEXT='seq 7 2026-11-21T23:59:01.123456Z drop tcp 10.0.1.2:40000 -> 198.51.100.7:443 to-indicator 198.51.100.7/32 tag feed1 hook prerouting iif 3 suppressed 1
seq 8 2026-11-21T23:59:01.123456Z alert udp [2001:db8::53]:53 -> [2001:db8::1]:5353 from-indicator 2001:db8::/32 tag "we\"ird \xc3\xa9\x01\xff" hook output suppressed 2
seq 11 2026-11-21T23:59:01.123456Z 9 icmp 10.0.1.2 -> 198.51.100.7 to-indicator 198.51.100.7/32 tag feed1 hook 1 iif 2 suppressed 2
seq 13 2026-11-21T23:59:01.123456Z mark 47 10.0.1.2 -> 198.51.100.7 to-indicator 198.51.100.7/32 tag feed1 hook prerouting iif 3 suppressed 1
seq 20 2026-11-21T23:59:01.123456Z reject sctp 10.0.1.2:1000 -> 198.51.100.7:2000 to-indicator 198.51.100.7/32 tag feed1 hook prerouting iif 3 suppressed 2'

ALERTS_ERR='c2ctl: lost 2 alerts (seq 9..10)
c2ctl: monitor: ignoring a malformed alert from the kernel
c2ctl: lost 1 alerts (seq 12..12)
c2ctl: monitor: receive buffer overrun, alerts were lost
c2ctl: lost 6 alerts (seq 14..19)'

t_monitor_text() {
	fake FAKENL_ALERTS=1 monitor count 5
	expect_rc 0
	expect_eq stdout "$OUT" "$ALERTS_TEXT"
	expect_eq stderr "$ERR" "$ALERTS_ERR"
	fake FAKENL_ALERTS=1 monitor count 2
	expect_rc 0
	expect_eq "count 2" "$OUT" "$(head -n 2 <<<"$ALERTS_TEXT")"
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
rows = [json.loads(l) for l in sys.argv[1].splitlines()]
assert [r["seq"] for r in rows] == [7, 8, 11, 13, 20], rows
want = {"seq": 7, "time": "2026-11-21T23:59:01.123456Z",
	"time_ns": 1795305541123456789, "netns": 4026531840, "family": "inet",
	"proto": "tcp", "saddr": "10.0.1.2", "sport": 40000,
	"daddr": "198.51.100.7", "dport": 443, "dir": "to-indicator",
	"hook": "prerouting", "iif": 3, "indicator": "198.51.100.7/32",
	"tag": "feed1", "action": "drop", "reason": "ip", "suppressed": 1}
assert rows[0] == want and list(rows[0]) == list(want), rows[0]
assert "iif" not in rows[1] and rows[1]["tag"] == 'we"ird \u00e9\u0001\ufffd', rows[1]
assert "sport" not in rows[2] and rows[2]["hook"] == "1" and rows[2]["action"] == "9"
assert rows[3]["proto"] == "47" and rows[4]["proto"] == "sctp"
EOF
}

t_monitor_signals() {
	local sig
	for sig in INT TERM; do
		run env FAKENL=1 FAKENL_ALERTS=1 LD_PRELOAD="$FAKE" \
			timeout -k 5 --preserve-status -s $sig 2 "$C2CTL" monitor
		expect_rc 0
		expect_eq "SIG$sig output" "$OUT" "$ALERTS_TEXT"
	done
}

t_config() {
	reset_state
	fake config
	expect_rc 0
	expect_eq config "$OUT" \
"mark-value 0x00c20000
mark-mask 0x00ff0000
alert-rate 100
alert-burst 200"
	fake config -j
	expect_eq "config -j" "$OUT" \
		'{"mark_value":12713984,"mark_mask":16711680,"alert_rate":100,"alert_burst":200}'
	fake config set alert-rate 0x10 alert-burst 50 mark-value 0x00010000
	expect_rc 0
	expect_eq stdout "$OUT" ""
	fake -j config
	expect_eq "config after set" "$OUT" \
		'{"mark_value":65536,"mark_mask":16711680,"alert_rate":16,"alert_burst":50}'
	fake config set mark-value 1
	expect_rc 1
	expect_eq stderr "$ERR" \
		"c2ctl: config set: Invalid argument (kernel: mark value must lie inside a non-zero mark mask)"
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
	printf '1.2.3.4\n::1\n10.0.0.0/8\n' >"$TMP/feed3"
	cp "$TMP/state" "$TMP/state.seed"
	for i in $(seq 1 "$GARBAGE_RUNS"); do
		local cmd
		for cmd in status list config "monitor count 2" "load $TMP/feed3" \
			   "add 1.2.3.5" "config set alert-rate 5"; do
			local limit=10

			# monitor waits for alerts that may never come
			[[ $cmd == monitor* ]] && limit=1
			cp "$TMP/state.seed" "$TMP/state"
			# shellcheck disable=SC2086
			run env FAKENL=1 FAKENL_STATE="$TMP/state" FAKENL_ALERTS=1 \
				FAKENL_GARBAGE=$i LD_PRELOAD="$FAKE" \
				timeout -k 5 -s INT --preserve-status $limit "$C2CTL" $cmd
			if [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ]; then
				fail "seed $i, $cmd: exit status $RC"
				head -n 20 <<<"$ERR" | sed 's/^/#   /'
			fi
		done
	done
}

TESTS=(
	t_not_loaded_real_kernel
	t_not_loaded_fake
	t_usage
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
	t_config
	t_not_netlink_fd_untouched
	t_garbage_replies
)

for f in "$C2CTL" "$FAKE"; do
	if [ ! -e "$f" ]; then
		echo "ctl_e2e.sh: $f missing (make c2ctl-asan fakenl.so)" >&2
		exit 1
	fi
done

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
