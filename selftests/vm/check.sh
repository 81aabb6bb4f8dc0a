#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh - everything "make check" runs, with a summary.
#
# usage: check.sh [-l] [STAGE...]   (default: all stages; -l lists them)
#
# Stages: deps, gen (generated files not stale), checkpatch, build-all,
# dkms, deb (the Debian packages, lintian), ctl, unit, fuzz-smoke,
# vm-harness (quick self-test of run-vm.sh) and one vm-KVER per kernel line.
# The kernels are looked up after the deps stage, which may install them.
#
# The stages run side by side where nothing stops them: the two kernels' VM
# runs take most of the time, so they start as early as they can and run at
# the same time.
#   1. deps, alone.
#   2. two lanes at once:
#      VM lane:   build-all, ctl, then the selftest programs ("make
#                 selftest-progs", not a stage: build/check/vm-prep.log),
#                 then every vm-KVER at the same time, each over
#                 $CHECK_VM_SHARDS VMs of its own (vm-shards.sh)
#      side lane: gen, checkpatch, dkms, deb, unit, fuzz-smoke, vm-harness,
#                 one after the other under "nice -n $CHECK_SIDE_NICE", so
#                 that they take what CPU the VMs leave and the
#                 timing-sensitive selftests keep theirs
# No two stages build into one place at once: the VM stages find c2ctl and
# the test programs built (if those failed to build, the VM stages run one
# after the other) and each rebuilds only its own kernel's build/KVER/,
# which build-all, done by then, wrote, once before its VMs start; unit and
# fuzz-smoke (both in selftests/unit), dkms (a private tree, one at a
# time) and deb (a copy of the tree in build/deb) are in the one side lane.
#
# Each stage's output goes to build/check/STAGE.log only.  The terminal gets
# a line when a stage starts and one when it ends, and from the VM stages
# their tests' "ok"/"not ok" lines, prefixed with the stage name.  At the end
# the failed stages' logs are quoted (the failures with the lines before
# them, and the last lines), then the summary in the fixed order above.
#
# Every stage runs even when an earlier one failed, so one CI run reports all
# problems.  A stage whose output has an "N passed, N failed" line
# contributes the counts of its last such line (plus one failure if it
# exited non-zero without reporting one); any other stage counts as one
# test.  The last line is the sum, "N passed, N failed"; the exit status is
# 1 if anything failed.  The last line also goes to build/check/result.
#
# Environment: MAKE (make), KVERS (kernels to build and test, default: the
# newest of each installed line, see kernels.sh), CHECK_VM_SHARDS (VMs each
# kernel's tests are dealt over; default 1, see vm-shards.sh), CHECK_VM_SMP
# (vCPUs of each of those VMs; default 1), CHECK_VM_TIMEOUT (seconds before
# such a VM is killed; default 3600: they share the host), CHECK_SIDE_NICE
# (niceness of the side lane; default 10).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
cd "$REPO_ROOT" || exit 1
MAKE=${MAKE:-make}
LOGDIR=$REPO_ROOT/build/check
STATE=$LOGDIR/.state
M="$MAKE --no-print-directory"
VM_SMP=${CHECK_VM_SMP:-1}
VM_SHARDS=${CHECK_VM_SHARDS:-1}
VM_TIMEOUT=${CHECK_VM_TIMEOUT:-3600}
SIDE_NICE=${CHECK_SIDE_NICE:-10}

kvers=()
find_kernels() {
	if [[ -n ${KVERS:-} ]]; then
		read -r -a kvers <<<"$KVERS"
	else
		mapfile -t kvers < <("$HERE/kernels.sh" 2>/dev/null)
	fi
}

# The stages, in summary order, as "name|command"; the kernel-dependent ones
# need $kvers.
early_stages() {
	echo "deps|$HERE/deps.sh"
}
late_stages() {
	echo "gen|$M gen-check"
	echo "checkpatch|$M checkpatch"
	echo "build-all|$M build-all KVERS='${kvers[*]}'"
	echo "dkms|$HERE/dkms-check.sh ${kvers[*]}"
	echo "deb|$M deb"
	echo "ctl|$M ctl"
	echo "unit|$M -C selftests/unit check"
	echo "fuzz-smoke|$M -C selftests/unit fuzz-smoke"
	echo "vm-harness|$HERE/test-run-vm.sh --quick ${kvers[*]}"
	local k
	for k in "${kvers[@]}"; do
		echo "vm-$k|$HERE/vm-shards.sh -n $VM_SHARDS -s $VM_SMP -t $VM_TIMEOUT $k"
	done
}
# Which lane a late stage runs in.
side_lane_stages=(gen checkpatch dkms deb unit fuzz-smoke vm-harness)

if [[ ${1:-} == -l ]]; then
	find_kernels
	{ early_stages; late_stages; } | cut -d'|' -f1
	exit 0
fi
selected=("$@")
want() {
	[[ ${#selected[@]} -eq 0 ]] && return 0
	local w
	for w in "${selected[@]}"; do [[ $w == "$1" ]] && return 0; done
	return 1
}

mkdir -p "$LOGDIR"
rm -rf "$LOGDIR/result" "$STATE"
mkdir -p "$STATE"
t_all=$SECONDS
declare -A cmd_of=()
order=()

say() { printf '%s %s\n' "$(date +%T)" "$*"; }

# counts LOG RC: sets p, f, sk, detail and verdict from the stage's log and
# exit status
counts() {
	local log=$1 rc=$2 line rest
	line=$(grep -a -E '^[0-9]+ passed, [0-9]+ failed' "$log" 2>/dev/null | tail -n1)
	if [[ -n $line ]]; then
		read -r p _ f _ rest <<<"$line"
		f=${f%,}
		sk=0
		[[ $rest =~ ([0-9]+)\ skipped ]] && sk=${BASH_REMATCH[1]}
		# exited non-zero without counting a failure: count one
		[[ $rc -eq 0 || $f -ne 0 ]] || f=1
		detail="$p passed, $f failed${rest:+, $sk skipped}"
	else
		p=0 f=0 sk=0
		if [[ $rc -eq 0 ]]; then p=1; else f=1; fi
		detail="exit $rc"
	fi
	if [[ $rc -eq 0 && $f -eq 0 ]]; then verdict=PASS; else verdict=FAIL; fi
}

# run_stage NAME [NICE]: run it, its output into its log; its exit status
# and seconds go to $STATE/NAME
run_stage() {
	local name=$1 nice=${2:-0} cmd=${cmd_of[$1]} log=$LOGDIR/$1.log
	local rc t0=$SECONDS p f sk detail verdict how='' line
	[[ $nice -eq 0 ]] || how=" (nice $nice)"
	say "start $name$how: $cmd"
	if [[ $name == vm-* && $name != vm-harness ]]; then
		nice -n "$nice" bash -c "$cmd" </dev/null 2>&1 | tee "$log" |
			while IFS= read -r line; do
				[[ ! $line =~ ^(\[vm[0-9]+\]\ )?(not )?ok\ [0-9]+\  ]] || say "    $name: $line"
			done
		rc=${PIPESTATUS[0]}
	else
		nice -n "$nice" bash -c "$cmd" </dev/null >"$log" 2>&1
		rc=$?
	fi
	echo "$rc $((SECONDS - t0))" >"$STATE/$name"
	counts "$log" "$rc"
	say "$verdict  $name in $((SECONDS - t0))s: $detail"
}

# run STAGE-LINES: note the stages for the summary and their commands
note() {
	local s name
	while IFS= read -r s; do
		name=${s%%|*}
		want "$name" || continue
		cmd_of[$name]=${s#*|}
		order+=("$name")
	done
}

is_side() {
	local s
	for s in "${side_lane_stages[@]}"; do [[ $s == "$1" ]] && return 0; done
	return 1
}

side_lane() {
	local s
	for s in "${order[@]}"; do
		is_side "$s" && run_stage "$s" "$SIDE_NICE"
	done
}

vm_lane() {
	local s vms=() pids=() pid prep_ok=1
	for s in "${order[@]}"; do
		case $s in
		deps) ;;
		build-all | ctl) run_stage "$s" ;;
		vm-harness) ;;
		vm-*) vms+=("$s") ;;
		esac
	done
	[[ ${#vms[@]} -gt 0 ]] || return 0
	# What every "make vm-test" builds first: c2ctl and the test programs,
	# built here once so that the VM stages do not build them at once.
	$M ctl selftest-progs </dev/null >"$LOGDIR/vm-prep.log" 2>&1 || prep_ok=0
	if [[ $prep_ok -eq 0 ]]; then
		say "c2ctl or the selftest programs do not build (build/check/vm-prep.log): the VM stages run one after the other"
		for s in "${vms[@]}"; do run_stage "$s"; done
		return 0
	fi
	for s in "${vms[@]}"; do
		run_stage "$s" &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do wait "$pid"; done
}

# On ^C or TERM, stop the lanes (run-vm.sh stops its VM on TERM).
lanes=()
stop() {
	local pid
	trap - INT TERM
	for pid in "${lanes[@]}"; do kill -TERM -- "-$pid" 2>/dev/null; done
	wait
	exit 130
}

note < <(early_stages)
[[ ${#order[@]} -eq 0 ]] || run_stage deps
find_kernels
if [[ ${#kvers[@]} -eq 0 ]]; then
	echo "check: no kernel with image, modules and headers (see kernels.sh)" |
		tee "$LOGDIR/kernels.log"
	echo "1 0" >"$STATE/kernels"
	order+=(kernels)
fi
note < <(late_stages)

# Each lane in a process group of its own, so that stop() reaches the lot.
set -m
trap stop INT TERM
side_lane &
lanes+=($!)
vm_lane &
lanes+=($!)
wait "${lanes[@]}"
set +m
trap - INT TERM

total_pass=0 total_fail=0 total_skip=0
summary=()
failed=()
for name in "${order[@]}"; do
	log=$LOGDIR/$name.log
	read -r rc dt 2>/dev/null <"$STATE/$name" || { rc=1 dt=0; }
	counts "$log" "$rc"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + sk))
	summary+=("$(printf '%-4s  %-28s %5ss  %s' "$verdict" "$name" "$dt" "$detail")")
	[[ $verdict == PASS ]] || failed+=("$name")
done

# Why each failed stage failed, without opening the logs: the failures
# reported (with the lines before them) and the end of the log.
for name in "${failed[@]}"; do
	log=$LOGDIR/$name.log
	echo
	echo "======== $name failed; from ${log#"$REPO_ROOT"/}:"
	if grep -q -a -E '^(# )*not ok ' "$log"; then
		grep -a -E -B 6 -A 2 '^(# )*not ok ' "$log" | head -n 80
		echo "[...]"
	fi
	tail -n 25 "$log"
done

echo
echo "======== summary ($((SECONDS - t_all))s, logs in ${LOGDIR#"$REPO_ROOT"/}; kernels: ${kvers[*]:-none})"
printf '%s\n' "${summary[@]}"
[[ $total_skip -eq 0 ]] || echo "($total_skip skipped)"
echo "$total_pass passed, $total_fail failed" | tee "$LOGDIR/result"
[[ $total_fail -eq 0 ]]
