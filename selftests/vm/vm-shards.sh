#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-shards.sh - the selftests on one kernel, dealt over several VMs that run
# at the same time (the "vm-KVER" stages of make check).
#
# usage: vm-shards.sh [-n VMS] [-s VCPUS] [-t TIMEOUT] [-o DIR] KVER
#   -n VMS      how many VMs (default 1)
#   -s VCPUS    vCPUs of each (default 1)
#   -t TIMEOUT  seconds before run-vm.sh kills a VM (default 3600)
#   -o DIR      where each VM's output goes (default build/check/vm-KVER.d)
#
# Several VMs of one kernel pay off only where the host has a core for
# each: on this project's 2-core machine, two kernels' two VMs each (four
# 1-vCPU guests) made each VM as slow as one VM running the whole suite
# (1250-1320 s against 1150 s) and make check 1371 s against 1253 s, so
# make check deals over one VM per kernel unless CHECK_VM_SHARDS says more.
# The tests are dealt in run order, one to each VM in turn, so each VM
# keeps Makefile order (unload stays last in its VM) and the parts come out
# about as long as each other without a table of weights to keep up to
# date.  c2guard.ko is built once, before the VMs start; the caller has
# built c2ctl and the test programs ("make ctl selftest-progs").
#
# Each VM is a whole run of its own (module load, its tests, run-vm.sh's
# kernel log check).  While they run, their tests' "ok"/"not ok" lines are
# printed as they come, as "[vmN] ok ..."; then each VM's whole output, one
# after the other; then the sum "N passed, N failed, N skipped" of their
# last such lines.  A VM that exited non-zero without counting a failure
# (it crashed, timed out or its kernel log check failed) counts as one.
# Exit status: 0 if every VM passed, else 1.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
vms=1 smp=1 timeout=3600 out=

usage() {
	sed -n 's/^# \{0,1\}//;6,11p' "${BASH_SOURCE[0]}" >&2
	exit 2
}
while getopts n:s:t:o:h opt; do
	case $opt in
	n) vms=$OPTARG ;;
	s) smp=$OPTARG ;;
	t) timeout=$OPTARG ;;
	o) out=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 ]] || usage
kver=$1
[[ $vms =~ ^[1-9][0-9]*$ ]] || { echo "vm-shards: bad -n $vms" >&2; exit 2; }
out=${out:-$REPO_ROOT/build/check/vm-$kver.d}

"$HERE/build-kmod.sh" "$kver" || { echo "0 passed, 1 failed"; exit 1; }

mapfile -t tests < <("$REPO_ROOT/selftests/run_tests.sh" -l)
[[ ${#tests[@]} -gt 0 ]] || { echo "vm-shards: no tests listed"; echo "0 passed, 1 failed"; exit 1; }
[[ $vms -le ${#tests[@]} ]] || vms=${#tests[@]}
declare -a shard
for ((i = 0; i < ${#tests[@]}; i++)); do
	shard[i % vms]+=" ${tests[i]}"
done

rm -rf "$out"
mkdir -p "$out"

# run_vm N TESTS...: one VM; its output in $out/vmN.log, its status in .rc
run_vm() {
	local n=$1 line
	shift
	"$HERE/run-vm.sh" --kver "$kver" --timeout "$timeout" --smp "$smp" \
		-e C2GUARD_KO="$REPO_ROOT/build/$kver/c2guard.ko" \
		-- "$REPO_ROOT/selftests/run_tests.sh" "$@" </dev/null 2>&1 |
		tee "$out/vm$n.log" |
		while IFS= read -r line; do
			[[ ! $line =~ ^(not )?ok\ [0-9]+\  ]] || printf '[vm%d] %s\n' "$n" "$line"
		done
	echo "${PIPESTATUS[0]}" >"$out/vm$n.rc"
}

# On TERM (make check stopping), stop the VMs: run-vm.sh stops its VM on TERM.
trap 'trap - TERM INT; kill -TERM $(jobs -p) 2>/dev/null; wait; exit 130' TERM INT
for ((i = 0; i < vms; i++)); do
	echo "vm-shards: vm$((i + 1)) of $vms:${shard[i]}"
	# shellcheck disable=SC2086 # the test list is split on purpose
	run_vm $((i + 1)) ${shard[i]} &
done
wait

p=0 f=0 sk=0 rc=0
for ((i = 1; i <= vms; i++)); do
	echo
	echo "======== vm$i:${shard[i - 1]}"
	cat "$out/vm$i.log"
	vrc=$(cat "$out/vm$i.rc" 2>/dev/null || echo 1)
	line=$(grep -a -E '^[0-9]+ passed, [0-9]+ failed' "$out/vm$i.log" | tail -n1)
	read -r vp _ vf _ vs _ <<<"${line:-0 passed, 0 failed, 0 skipped}"
	vf=${vf%,}
	[[ $vs =~ ^[0-9]+$ ]] || vs=0
	[[ $vrc -eq 0 || $vf -gt 0 ]] || vf=1
	[[ $vrc -eq 0 ]] || rc=1
	p=$((p + vp)) f=$((f + vf)) sk=$((sk + vs))
done
echo
echo "$p passed, $f failed, $sk skipped"
[[ $rc -eq 0 && $f -eq 0 ]]
