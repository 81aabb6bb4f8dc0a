#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh - everything "make check" runs, stage after stage, with a summary.
#
# usage: check.sh [-l] [STAGE...]   (default: all stages; -l lists them)
#
# Stages: deps, checkpatch, build-all, ctl, unit, fuzz-smoke, vm-harness
# (quick self-test of run-vm.sh) and one vm-KVER per kernel line.  The
# kernels are looked up after the deps stage, which may install them.
#
# Every stage runs even when an earlier one failed, so one CI run reports all
# problems.  A stage whose output has an "N passed, N failed" line
# contributes the counts of its last such line (plus one failure if it
# exited non-zero without reporting one); any other stage counts as one
# test.  The last line is the sum, "N passed, N failed"; the exit status is
# 1 if anything failed.
# Logs: build/check/STAGE.log; the last line also goes to build/check/result.
#
# Environment: MAKE (make), KVERS (kernels to build and test, default: the
# newest of each installed line, see kernels.sh).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
cd "$REPO_ROOT" || exit 1
MAKE=${MAKE:-make}
LOGDIR=$REPO_ROOT/build/check
M="$MAKE --no-print-directory"

kvers=()
find_kernels() {
	if [[ -n ${KVERS:-} ]]; then
		read -r -a kvers <<<"$KVERS"
	else
		mapfile -t kvers < <("$HERE/kernels.sh" 2>/dev/null)
	fi
}

# Stages as "name|command"; the kernel-dependent ones need $kvers.
early_stages() {
	echo "deps|$HERE/deps.sh"
}
late_stages() {
	echo "gen|$M gen-check"
	echo "checkpatch|$M checkpatch"
	echo "build-all|$M build-all KVERS='${kvers[*]}'"
	echo "dkms|$HERE/dkms-check.sh ${kvers[*]}"
	echo "ctl|$M ctl"
	echo "unit|$M -C selftests/unit check"
	echo "fuzz-smoke|$M -C selftests/unit fuzz-smoke"
	echo "vm-harness|$HERE/test-run-vm.sh --quick ${kvers[*]}"
	local k
	for k in "${kvers[@]}"; do
		echo "vm-$k|$M vm-test KVER=$k"
	done
}

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
rm -f "$LOGDIR/result"
total_pass=0 total_fail=0 total_skip=0
summary=()
t_all=$SECONDS

# record NAME RC SECONDS LOG
record() {
	local name=$1 rc=$2 dt=$3 log=$4 counts p f sk rest detail verdict
	counts=$(grep -a -E '^[0-9]+ passed, [0-9]+ failed' "$log" 2>/dev/null | tail -n1)
	if [[ -n $counts ]]; then
		read -r p _ f _ rest <<<"$counts"
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
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + sk))
	if [[ $rc -eq 0 && $f -eq 0 ]]; then verdict=PASS; else verdict=FAIL; fi
	summary+=("$(printf '%-4s  %-28s %5ss  %s' "$verdict" "$name" "$dt" "$detail")")
}

run_stages() {
	local s name cmd log rc t0
	while IFS= read -r s; do
		name=${s%%|*} cmd=${s#*|}
		want "$name" || continue
		log=$LOGDIR/$name.log
		echo
		echo "======== $name: $cmd"
		t0=$SECONDS
		bash -c "$cmd" </dev/null 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
		record "$name" "$rc" $((SECONDS - t0)) "$log"
	done
}

run_stages < <(early_stages)
find_kernels
if [[ ${#kvers[@]} -eq 0 ]]; then
	echo "check: no kernel with image, modules and headers (see kernels.sh)" |
		tee "$LOGDIR/kernels.log"
	record kernels 1 0 "$LOGDIR/kernels.log"
fi
run_stages < <(late_stages)

echo
echo "======== summary ($((SECONDS - t_all))s, logs in ${LOGDIR#"$REPO_ROOT"/}; kernels: ${kvers[*]:-none})"
printf '%s\n' "${summary[@]}"
[[ $total_skip -eq 0 ]] || echo "($total_skip skipped)"
echo "$total_pass passed, $total_fail failed" | tee "$LOGDIR/result"
[[ $total_fail -eq 0 ]]
