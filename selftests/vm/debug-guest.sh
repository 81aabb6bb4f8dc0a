#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-guest.sh - what "make check-debug" runs inside the VM (the debug
# kernel): the whole selftest suite, then the module unloaded and kmemleak
# given its scans; run-vm.sh checks the kernel log afterwards.
#
# usage: debug-guest.sh [run_tests.sh ARGS...]
#
# Writes into $C2VM_ARTIFACTS: kmemleak.boot (suspects that predate the
# tests, reported and cleared), kmemleak.after, meminfo.before/after,
# slabinfo.after (top caches), summary (key=value lines).
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ART=${C2VM_ARTIFACTS:-/tmp}
KML=/sys/kernel/debug/kmemleak
mkdir -p "$ART"

note() { echo "debug-guest: $*"; }
summary() { echo "$1=$2" >>"$ART/summary"; }
: >"$ART/summary"

if [[ ! -w $KML ]]; then
	note "no kmemleak in this kernel (debugfs: $(mountpoint /sys/kernel/debug))"
	summary kmemleak absent
fi
cp /proc/meminfo "$ART/meminfo.before"

# Whatever the kernel leaked while booting is not ours: report it in the
# artifacts, then clear it so the verdict covers the tests only.
if [[ -w $KML ]]; then
	echo scan >"$KML"
	cat "$KML" >"$ART/kmemleak.boot"
	echo clear >"$KML"
	note "kmemleak: $(grep -c '^unreferenced object' "$ART/kmemleak.boot") suspects from boot, cleared"
fi

t0=$(cut -d' ' -f1 /proc/uptime)
"$HERE/../run_tests.sh" "$@"
rc=$?
t1=$(cut -d' ' -f1 /proc/uptime)
summary suite_rc "$rc"
summary suite_seconds "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", b - a }')"

# Unload: leaks of the module's teardown show only once it is gone.
if grep -q '^c2guard ' /proc/modules; then
	if ! rmmod c2guard; then
		note "FAIL: rmmod c2guard failed"
		rc=1
	fi
fi
summary unloaded "$(grep -q '^c2guard ' /proc/modules && echo no || echo yes)"

if [[ -w $KML ]]; then
	# Objects younger than 5 s are never reported, and a pointer left in a
	# stack or register can hide one for a scan: scan, wait, scan again.
	for _ in 1 2 3; do
		echo scan >"$KML"
		sleep 6
	done
	cat "$KML" >"$ART/kmemleak.after"
	n=$(grep -c '^unreferenced object' "$ART/kmemleak.after")
	summary kmemleak_suspects "$n"
	if [[ $n -gt 0 ]]; then
		note "FAIL: kmemleak reports $n unreferenced objects:"
		head -n 60 "$ART/kmemleak.after"
		rc=1
	else
		note "kmemleak: no leaks"
	fi
fi
cp /proc/meminfo "$ART/meminfo.after"
sort -k3 -n -r /proc/slabinfo 2>/dev/null | head -n 25 >"$ART/slabinfo.after"
summary slab_unreclaim_kb_before "$(awk '/^SUnreclaim/ { print $2 }' "$ART/meminfo.before")"
summary slab_unreclaim_kb_after "$(awk '/^SUnreclaim/ { print $2 }' "$ART/meminfo.after")"
exit "$rc"
