#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# c2ctl against the real c2guard module, in a throwaway VM
# (selftests/vm/run-vm.sh).  Not part of "make check": it needs a built
# module and takes a minute under TCG.
#
#   ctl_vm_smoke.sh [--kver KVER] [--ko PATH]
#     KVER: a kernel of selftests/vm/kernels.sh (default: the newest)
#     PATH: its c2guard.ko (default: build/KVER/c2guard.ko, "make build-all")
#   ctl/c2ctl must be built ("make -C ctl").
#
# Inside the VM (--guest KO) it loads the module, drives every c2ctl
# command, checks outputs and exit statuses, and prints KTAP.

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
C=$TOP/ctl/c2ctl

if [ "${1:-}" != --guest ]; then
	kver=
	ko=
	while [ $# -gt 0 ]; do
		case $1 in
		--kver) kver=$2; shift 2 ;;
		--ko) ko=$2; shift 2 ;;
		*) echo "usage: $0 [--kver KVER] [--ko PATH]" >&2; exit 2 ;;
		esac
	done
	[ -n "$kver" ] || kver=$("$TOP/selftests/vm/kernels.sh" | tail -n 1)
	[ -n "$ko" ] || ko=$TOP/build/$kver/c2guard.ko
	[ -x "$C" ] || { echo "$C missing: make -C ctl" >&2; exit 2; }
	[ -f "$ko" ] || { echo "$ko missing: make build-all" >&2; exit 2; }
	# The guest hides the host's /tmp: run from a copy it can see.
	job=$(mktemp -d)
	trap 'rm -rf "$job"' EXIT
	cp "$ko" "$job/c2guard.ko"
	"$TOP/selftests/vm/run-vm.sh" --kver "$kver" --keep "$job" \
		--timeout 900 -- "$0" --guest "$job/c2guard.ko"
	exit
fi

KO=$2
T=$(mktemp -d)
FAILED=0
N=0
PASS=0
NFAIL=0

fail() {
	echo "# $*"
	FAILED=1
}

run() {
	"$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out")
	ERR=$(cat "$T/err")
}

expect() {	# expect RC STDOUT STDERR (exact; "*" = anything)
	[ "$RC" -eq "$1" ] || fail "exit status $RC, want $1 (stderr: $ERR)"
	[ "$2" = "*" ] || [ "$OUT" = "$2" ] || fail "stdout: [$OUT], want [$2]"
	[ "$3" = "*" ] || [ "$ERR" = "$3" ] || fail "stderr: [$ERR], want [$3]"
}

check() {	# check NAME: run function t_NAME as one KTAP test
	N=$((N + 1))
	FAILED=0
	"t_$1"
	if [ $FAILED -eq 0 ]; then
		echo "ok $N - $1"
		PASS=$((PASS + 1))
	else
		echo "not ok $N - $1"
		NFAIL=$((NFAIL + 1))
	fi
}

NOT_LOADED='c2ctl: c2guard module not loaded (generic netlink family "c2guard" not found)'

t_not_loaded() {
	run "$C" status
	expect 1 "" "$NOT_LOADED"
}

t_load_module() {
	modprobe -a nf_conntrack nf_reject_ipv4 nf_reject_ipv6 || fail modprobe
	insmod "$KO" || fail "insmod $KO"
}

t_status() {
	run "$C" status
	expect 0 "*" ""
	grep -q '^features ipv4 ipv6 timeout reject mark domain allow dns-bind beacon$' <<<"$OUT" || fail "$OUT"
	run "$C" -j status
	expect 0 "*" ""
	python3 -c 'import json,sys; d = json.loads(sys.argv[1]); assert d["ind_v4"] == 0' "$OUT" ||
		fail "status JSON: $OUT"
}

t_add_del() {
	run "$C" add 198.51.100.0/24 action drop tag feed1
	expect 0 "" ""
	run "$C" add 198.51.100.0/24 action drop tag feed1
	expect 1 "" "c2ctl: add 198.51.100.0/24: File exists (kernel: c2guard: indicator already exists)"
	run "$C" add 198.51.100.0/24 action reject tag feed2 timeout 600 replace
	expect 0 "" ""
	run "$C" add 2001:db8::1 tag 'we"ird'
	expect 0 "" ""
	run "$C" list
	expect 0 "*" ""
	[ "$(sort <<<"$OUT" | sed 's/ timeout [0-9]* / timeout T /')" = \
'cidr 198.51.100.0/24 action reject tag feed2 timeout T hits 0
ip 2001:db8::1/128 action alert tag "we\"ird" timeout T hits 0' ] || fail "list: $OUT"
	run "$C" -j list
	python3 - "$OUT" <<'EOF' || fail "list JSON: $OUT"
import json, sys
rows = sorted((json.loads(l) for l in sys.argv[1].splitlines()), key=lambda r: r["family"])
assert rows[0]["addr"] == "198.51.100.0" and rows[0]["prefixlen"] == 24 and 590 <= rows[0]["timeout"] <= 600
assert rows[1] == {"type": "ip", "family": "inet6", "addr": "2001:db8::1", "prefixlen": 128,
	"action": "alert", "tag": 'we"ird', "timeout": 0, "hits": 0}, rows[1]
EOF
	run "$C" del 1.2.3.4
	expect 1 "" "c2ctl: del 1.2.3.4: No such file or directory (kernel: c2guard: no such indicator)"
	run "$C" del 2001:db8::1
	expect 0 "" ""
	run "$C" flush
	expect 0 "" ""
	run "$C" list
	expect 0 "" ""
}

t_config() {
	# The beacon settings follow (beacon-max depends on RAM): see
	# c2guard_beacon.sh; here the first nine.
	run sh -c '"$1" config | head -n 9' sh "$C"
	expect 0 "mark-value 0x00c20000
mark-mask 0x00ff0000
alert-rate 100
alert-burst 200
dns-port 53
dns-rcode nxdomain
bind-ttl-min 60
bind-ttl-max 3600
bind-max 65536" ""
	run "$C" config set mark-value 1
	expect 1 "" "c2ctl: config set: Invalid argument (kernel: mark value has bits outside the mark mask)"
	run "$C" config set alert-rate 0x10 alert-burst 50
	expect 0 "" ""
	run sh -c '"$1" -j config | sed "s/,\"beacon\".*/}/"' sh "$C"
	expect 0 '{"mark_value":12713984,"mark_mask":16711680,"alert_rate":16,"alert_burst":50,"dns_port":53,"dns_rcode":"nxdomain","bind_ttl_min":60,"bind_ttl_max":3600,"bind_max":65536}' ""
	run "$C" config set alert-rate 100 alert-burst 200
	expect 0 "" ""
}

t_load_feed() {
	printf '%s\n' '# test feed' '192.0.2.0/24 action drop tag f1' \
		$'2001:db8::/32 timeout 60\r' 'bogus@' '10.0.0.1/8' '' \
		'192.0.2.0/24 action alert' >"$T/feed"
	run "$C" load "$T/feed" tag dflt
	expect 1 "loaded 3 indicators, 2 errors" \
"c2ctl: $T/feed:4: bogus@: invalid domain name (character other than a letter, digit, '-', '_' or '.')
c2ctl: $T/feed:5: 10.0.0.1/8: address bits set past the prefix length (did you mean 10.0.0.0/8?)"
	run "$C" list
	[ "$(sort <<<"$OUT" | sed 's/ timeout [0-9]* / timeout T /')" = \
'cidr 192.0.2.0/24 action alert tag dflt timeout T hits 0
cidr 2001:db8::/32 action alert tag dflt timeout T hits 0' ] || fail "list: $OUT"
	run "$C" flush
}

t_load_large() {
	seq 0 99999 | awk '{ printf "10.%d.%d.0/24 tag big\n", int($1 / 256) % 256, $1 % 256 }' |
		awk 'NR <= 65536' >"$T/big"
	seq 0 34463 | awk '{ printf "2001:db8:%x::/48 action drop\n", $1 }' >>"$T/big"
	local t0 t1
	t0=$(date +%s%N)
	run "$C" load "$T/big"
	t1=$(date +%s%N)
	expect 0 "loaded 100000 indicators, 0 errors" ""
	echo "# 100000 lines loaded in $(((t1 - t0) / 1000000)) ms (TCG guest)"
	run "$C" list
	[ "$(wc -l <<<"$OUT")" -eq 100000 ] || fail "list has $(wc -l <<<"$OUT") lines"
	[ -z "$(sort <<<"$OUT" | uniq -d)" ] || fail "duplicates in list"
	# Reloading replaces, no EEXIST.
	run "$C" load "$T/big" tag again
	expect 0 "loaded 100000 indicators, 0 errors" ""
}

t_list_while_changing() {
	# Dumps racing with table changes are flagged and redone; the output
	# never holds an indicator twice.
	(for i in $(seq 1 300); do
		"$C" add 192.0.2.$((i % 250 + 1)) 2>/dev/null
		"$C" del 192.0.2.$(((i + 100) % 250 + 1)) 2>/dev/null
	done) &
	local pid=$! k
	for k in 1 2 3 4 5; do
		: "list $k"
		run "$C" list
		if [ "$RC" -eq 0 ]; then
			[ -z "$(sort <<<"$OUT" | uniq -d)" ] || fail "duplicates in list"
		else
			grep -q "table kept changing" <<<"$ERR" || fail "list: $ERR"
		fi
	done
	wait $pid
	echo "# retries seen: $(grep -c 'retrying' "$T/err" || true)"
	run "$C" flush
}

t_monitor() {
	run "$C" add 127.0.0.2 action drop tag lo-drop
	run "$C" add 127.0.0.3 action alert tag lo-alert
	"$C" monitor count 2 >"$T/mon" 2>"$T/mon.err" &
	local p1=$!
	"$C" -j monitor count 2 >"$T/monj" 2>"$T/monj.err" &
	local p2=$!
	sleep 1
	echo x 2>/dev/null >/dev/udp/127.0.0.2/9999
	echo x >/dev/udp/127.0.0.3/9999
	wait $p1 || fail "monitor exit status $?"
	wait $p2 || fail "monitor -j exit status $?"
	grep -Eq '^seq 1 [0-9T:.-]+Z drop udp 127\.0\.0\.1:[0-9]+ -> 127\.0\.0\.2:9999 to-indicator 127\.0\.0\.2/32 tag lo-drop reason ip hook output suppressed 0$' "$T/mon" ||
		fail "monitor: $(cat "$T/mon" "$T/mon.err")"
	grep -Eq '^seq 2 .* alert udp .* -> 127\.0\.0\.3:9999 to-indicator 127\.0\.0\.3/32 tag lo-alert reason ip hook output suppressed 0$' "$T/mon" ||
		fail "monitor: $(cat "$T/mon")"
	python3 - "$T/monj" <<'EOF' || fail "monitor JSON: $(cat "$T/monj")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r["seq"] for r in rows] == [1, 2]
assert rows[0]["action"] == "drop" and rows[0]["dport"] == 9999 and rows[0]["hook"] == "output"
assert "iif" not in rows[0] and rows[1]["tag"] == "lo-alert" and rows[1]["proto"] == "udp"
EOF
	timeout --preserve-status -s INT 2 "$C" monitor >/dev/null ||
		fail "monitor on SIGINT"
	timeout --preserve-status -s TERM 2 "$C" monitor >/dev/null ||
		fail "monitor on SIGTERM"
	run "$C" status
	grep -q '^alert_seq 2$' <<<"$OUT" || fail "status: $OUT"
	run "$C" flush
}

t_unload() {
	rmmod c2guard || fail rmmod
	run "$C" status
	expect 1 "" "$NOT_LOADED"
}

echo "TAP version 13"
echo "1..10"
check not_loaded
check load_module
check status
check add_del
check config
check load_feed
check load_large
check list_while_changing
check monitor
check unload
echo "$PASS passed, $NFAIL failed"
rm -rf "$T"
[ $NFAIL -eq 0 ]
