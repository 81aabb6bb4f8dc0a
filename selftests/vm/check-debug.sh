#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check-debug.sh - "make check-debug": the whole selftest suite on a debug
# kernel (KASAN, lockdep, PROVE_RCU, kmemleak, UBSAN, DEBUG_NET/OBJECTS/LIST),
# with the netlink fuzzer at full strength.
#
# usage: check-debug.sh [run_tests.sh ARGS...]   (default: every test)
#
#   1. debug-kernel.sh: build the kernel from linux-source-6.1 unless cached
#      (~30 min on 2 cores the first time; then seconds)
#   2. c2guard.ko against that tree (build-kmod.sh, -Werror), c2ctl and the
#      selftest programs
#   3. the tests are split over CHECK_DEBUG_JOBS VMs (default: one per host
#      core, 1 vCPU each); run-vm.sh boots each (4G) with debug-guest.sh:
#      run_tests.sh on its share, rmmod, kmemleak scans
#   4. verdict, summed over the VMs: every test passed, no kmemleak suspect,
#      and run-vm.sh's kernel log check (KASAN/lockdep/RCU/UBSAN reports,
#      WARN, BUG, refcount, list corruption, Call Trace, unreferenced
#      object...) found nothing
#
# Environment: C2GUARD_FUZZ_MSGS (default 100000), C2GUARD_STRESS (full),
# CHECK_DEBUG_JOBS (VMs; nproc), CHECK_DEBUG_MEM (per VM; 4G),
# CHECK_DEBUG_SMP (vCPUs per VM; 1, or 2 with one VM),
# CHECK_DEBUG_TIMEOUT (per VM, seconds; 10800),
# CHECK_DEBUG_TEST_TIMEOUT (per test; 5400), C2GUARD_SLOW (timeouts
# multiplier in the guest; 6), C2GUARD_DEBUG_CACHE (see debug-kernel.sh).
# Logs: build/check-debug/summary, and each VM's run.log, console.log,
# dmesg.txt and artifacts/ in build/check-debug/vmN/.  The last line is
# "N passed, N failed" like every check stage.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
OUT=$REPO_ROOT/build/check-debug
MAKE=${MAKE:-make}
export C2GUARD_FUZZ_MSGS=${C2GUARD_FUZZ_MSGS:-100000}
export C2GUARD_SLOW=${C2GUARD_SLOW:-6}
export C2GUARD_STRESS=${C2GUARD_STRESS:-full}
mem=${CHECK_DEBUG_MEM:-4G}
jobs=${CHECK_DEBUG_JOBS:-$(nproc)}
[[ $jobs -gt 1 ]] && smp=${CHECK_DEBUG_SMP:-1} || smp=${CHECK_DEBUG_SMP:-2}
vm_timeout=${CHECK_DEBUG_TIMEOUT:-10800}
test_timeout=${CHECK_DEBUG_TEST_TIMEOUT:-5400}

msg() { printf 'check-debug: %s\n' "$*"; }
verdict() {
	msg "$1"
	echo "$2 passed, $3 failed" | tee "$OUT/result"
	exit "$([[ $3 -eq 0 ]] && echo 0 || echo 1)"
}

mkdir -p "$OUT"
rm -rf "$OUT/result" "$OUT"/vm[0-9]* "$OUT/artifacts" "$OUT/run.log" \
	"$OUT/console.log" "$OUT/dmesg.txt"
t_all=$SECONDS

# --- 1. the kernel ---------------------------------------------------------
t0=$SECONDS
dir=$("$HERE/debug-kernel.sh" | tail -n1) || verdict "debug kernel build failed" 0 1
kbuild_now=$((SECONDS - t0))
kver=$(cat "$dir/kver")
kbuild_first=$(cat "$dir/build-seconds" 2>/dev/null || echo '?')
msg "kernel $kver from $dir (this run: ${kbuild_now}s; its build took ${kbuild_first}s)"

# --- 2. module, c2ctl, test programs ------------------------------------------
t0=$SECONDS
# Snapshots map in 2 MiB pages from 2 MiB instead of 16 (kmod/addrs.c): the
# tests' tables, smaller under KASAN, take that path too.
KCFLAGS="-DC2G_SNAP_HUGE=PMD_SIZE${KCFLAGS:+ $KCFLAGS}" \
	C2GUARD_KDIR=$dir/linux-source-6.1 "$HERE/build-kmod.sh" "$kver" >"$OUT/kmod.log" 2>&1 ||
	{ tail -n 30 "$OUT/kmod.log"; verdict "c2guard.ko does not build against $kver" 0 1; }
$MAKE --no-print-directory -C "$REPO_ROOT" ctl >"$OUT/ctl.log" 2>&1 ||
	{ tail -n 30 "$OUT/ctl.log"; verdict "c2ctl does not build" 0 1; }
$MAKE --no-print-directory -C "$REPO_ROOT/selftests" all >"$OUT/progs.log" 2>&1 ||
	{ tail -n 30 "$OUT/progs.log"; verdict "selftest programs do not build" 0 1; }
msg "built c2guard.ko, c2ctl and the test programs in $((SECONDS - t0))s"

# --- 3. the suite in the VMs ---------------------------------------------------
# The suite takes hours on this kernel; one vCPU runs a TCG guest nearly as
# fast as two, so by default the tests are split over one 1-vCPU VM per host
# core.  Each VM is a whole check of its own (load, tests, unload, kmemleak,
# kernel log) and the verdict below is the sum of them.  The split is the
# greedy longest-first one over rough weights (minutes on one debug vCPU);
# inside a VM the tests keep Makefile order, so unload stays last.
weight() {
	case $1 in
	c2guard_stress.sh) echo 40 ;;
	c2guard_beacon.sh) echo 30 ;;
	c2guard_genl_fuzz.sh) echo 12 ;;
	c2guard_tls.sh) echo 10 ;;
	c2guard_dns*.sh | c2guard_wire.sh) echo 6 ;;
	*) echo 4 ;;
	esac
}

# the tests named (run_tests.sh checks the names), in Makefile order
tests=$("$REPO_ROOT/selftests/run_tests.sh" -l "$@") ||
	verdict "unknown test among: $*" 0 1
mapfile -t order <<<"$tests"
[[ $jobs -ge 1 ]] || jobs=1
[[ $jobs -le ${#order[@]} ]] || jobs=${#order[@]}

declare -a load shard
for ((i = 0; i < jobs; i++)); do load[i]=0 shard[i]=; done
while read -r w t; do
	best=0
	for ((i = 1; i < jobs; i++)); do
		[[ ${load[i]} -lt ${load[best]} ]] && best=$i
	done
	load[best]=$((load[best] + w))
	shard[best]+=" $t"
done < <(for t in "${order[@]}"; do echo "$(weight "$t") $t"; done | sort -k1,1nr -s)

# run_vm N TESTS...: one VM, its logs in $OUT/vmN/
run_vm() {
	local n=$1 d=$OUT/vm$1 rc job t0=$SECONDS
	shift
	mkdir -p "$d"
	"$HERE/run-vm.sh" --kernel "$dir/bzImage" \
		--modules-dir "$dir/mods/lib/modules/$kver" \
		--mem "$mem" --smp "$smp" --timeout "$vm_timeout" --keep-job \
		--log "$d/console.log" \
		-e C2GUARD_KO="$REPO_ROOT/build/$kver/c2guard.ko" \
		-- "$HERE/debug-guest.sh" -t "$test_timeout" "$@" >"$d/run.log" 2>&1
	rc=$?
	echo "$rc" >"$d/rc"
	echo "$((SECONDS - t0))" >"$d/seconds"
	job=$(sed -n 's/^run-vm: job directory kept: //p' "$d/run.log" | tail -n1)
	if [[ -n $job && -d $job ]]; then
		cp -r "$job/artifacts" "$d/artifacts" 2>/dev/null
		cp "$job/dmesg.txt" "$d/dmesg.txt" 2>/dev/null
		[[ $rc -ne 0 ]] || rm -rf "$job"
	fi
	msg "vm$n done in $((SECONDS - t0))s, exit $rc: $(grep -a -E '^[0-9]+ passed, [0-9]+ failed' "$d/run.log" | tail -n1)"
}

t0=$SECONDS
msg "running ${#order[@]} tests on $kver in $jobs VMs ($mem, $smp CPUs each, fuzzer $C2GUARD_FUZZ_MSGS messages)"
pids=()
for ((i = 0; i < jobs; i++)); do
	msg "vm$((i + 1)) (weight ${load[i]}):${shard[i]}"
	# shellcheck disable=SC2086 # the test list is split on purpose
	run_vm $((i + 1)) ${shard[i]} &
	pids+=($!)
	# the first VM builds the initramfs the others reuse
	[[ $i -gt 0 ]] || sleep 5
done
for pid in "${pids[@]}"; do wait "$pid"; done
run_s=$((SECONDS - t0))

# --- 4. verdict --------------------------------------------------------------
# sum KEY: the sum of KEY= over the VMs' guest summaries
sum() {
	cat "$OUT"/vm*/artifacts/summary 2>/dev/null |
		awk -F= -v k="$1" '$1 == k { s += $2; n++ } END { if (n) print s; else print "?" }'
}
p=0 f=0 splats=0 rc=0
fuzz=$(cat "$OUT"/vm*/artifacts/genl_fuzz.count 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
for ((i = 1; i <= jobs; i++)); do
	d=$OUT/vm$i
	counts=$(grep -a -E '^[0-9]+ passed, [0-9]+ failed' "$d/run.log" | tail -n1)
	vrc=$(cat "$d/rc" 2>/dev/null || echo 1)
	read -r vp _ vf _ <<<"${counts:-0 passed, 0 failed}"
	vf=${vf%,}
	[[ $vrc -eq 0 || $vf -gt 0 ]] || vf=1
	p=$((p + vp)) f=$((f + vf))
	splats=$((splats + $(grep -c '^  ! ' "$d/run.log")))
	[[ $vrc -eq 0 ]] || rc=1
done
echo
msg "summary"
printf '  %-28s %s\n' \
	"kernel" "$kver" \
	"kernel build (first, cached)" "${kbuild_first}s" \
	"kernel step this run" "${kbuild_now}s" \
	"VMs x vCPUs" "$jobs x $smp" \
	"VM runs, boot..poweroff" "$(for ((i = 1; i <= jobs; i++)); do printf 'vm%d %ss  ' "$i" "$(cat "$OUT/vm$i/seconds" 2>/dev/null)"; done)" \
	"wall time of the VM step" "${run_s}s" \
	"suites inside the VMs, sum" "$(sum suite_seconds)s" \
	"suite result" "$p passed, $f failed" \
	"genl_fuzz messages" "$fuzz" \
	"kmemleak suspects" "$(sum kmemleak_suspects)" \
	"kernel log splat lines" "$splats" \
	"total" "$((SECONDS - t_all))s"
{
	echo "kver=$kver"
	echo "kernel_build_seconds=$kbuild_first"
	echo "vms=$jobs"
	echo "vm_step_seconds=$run_s"
	echo "genl_fuzz_messages=$fuzz"
	echo "splat_lines=$splats"
	for ((i = 1; i <= jobs; i++)); do
		echo "vm${i}_tests=${shard[i - 1]# }"
		echo "vm${i}_seconds=$(cat "$OUT/vm$i/seconds" 2>/dev/null)"
		echo "vm${i}_exit=$(cat "$OUT/vm$i/rc" 2>/dev/null)"
		sed "s/^/vm${i}_/" "$OUT/vm$i/artifacts/summary" 2>/dev/null
	done
} >"$OUT/summary"

if [[ $rc -ne 0 || $f -gt 0 ]]; then
	[[ $f -gt 0 ]] || f=1
	verdict "FAILED (logs in ${OUT#"$REPO_ROOT"/}/vm*/)" "$p" "$f"
fi
verdict "passed: 0 splats, 0 leaks" "$p" "$f"
