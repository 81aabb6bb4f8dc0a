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
#   3. run-vm.sh boots it (4G, the suite can take an hour under TCG) and runs
#      debug-guest.sh: run_tests.sh, rmmod, kmemleak scans
#   4. verdict: the suite passed, no kmemleak suspect, and run-vm.sh's kernel
#      log check (KASAN/lockdep/RCU/UBSAN reports, WARN, BUG, refcount, list
#      corruption, Call Trace, unreferenced object...) found nothing
#
# Environment: C2GUARD_FUZZ_MSGS (default 100000), C2GUARD_STRESS (full),
# CHECK_DEBUG_MEM (4G),
# CHECK_DEBUG_SMP (2), CHECK_DEBUG_TIMEOUT (VM, seconds; 10800),
# CHECK_DEBUG_TEST_TIMEOUT (per test; 5400), C2GUARD_SLOW (timeouts
# multiplier in the guest; 6), C2GUARD_DEBUG_CACHE (see debug-kernel.sh).
# Logs and artifacts: build/check-debug/.  The last line is
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
smp=${CHECK_DEBUG_SMP:-2}
vm_timeout=${CHECK_DEBUG_TIMEOUT:-10800}
test_timeout=${CHECK_DEBUG_TEST_TIMEOUT:-5400}

msg() { printf 'check-debug: %s\n' "$*"; }
verdict() {
	msg "$1"
	echo "$2 passed, $3 failed" | tee "$OUT/result"
	exit "$([[ $3 -eq 0 ]] && echo 0 || echo 1)"
}

mkdir -p "$OUT"
rm -f "$OUT/result"
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
C2GUARD_KDIR=$dir/linux-source-6.1 "$HERE/build-kmod.sh" "$kver" >"$OUT/kmod.log" 2>&1 ||
	{ tail -n 30 "$OUT/kmod.log"; verdict "c2guard.ko does not build against $kver" 0 1; }
$MAKE --no-print-directory -C "$REPO_ROOT" ctl >"$OUT/ctl.log" 2>&1 ||
	{ tail -n 30 "$OUT/ctl.log"; verdict "c2ctl does not build" 0 1; }
$MAKE --no-print-directory -C "$REPO_ROOT/selftests" all >"$OUT/progs.log" 2>&1 ||
	{ tail -n 30 "$OUT/progs.log"; verdict "selftest programs do not build" 0 1; }
msg "built c2guard.ko, c2ctl and the test programs in $((SECONDS - t0))s"

# --- 3. the suite in the VM ----------------------------------------------------
t0=$SECONDS
msg "running the suite on $kver ($mem, $smp CPUs, fuzzer $C2GUARD_FUZZ_MSGS messages)"
"$HERE/run-vm.sh" --kernel "$dir/bzImage" \
	--modules-dir "$dir/mods/lib/modules/$kver" \
	--mem "$mem" --smp "$smp" --timeout "$vm_timeout" --keep-job \
	--log "$OUT/console.log" \
	-e C2GUARD_KO="$REPO_ROOT/build/$kver/c2guard.ko" \
	-- "$HERE/debug-guest.sh" -t "$test_timeout" "$@" 2>&1 | tee "$OUT/run.log"
rc=${PIPESTATUS[0]}
run_s=$((SECONDS - t0))

job=$(sed -n 's/^run-vm: job directory kept: //p' "$OUT/run.log" | tail -n1)
if [[ -n $job && -d $job ]]; then
	rm -rf "$OUT/artifacts"
	cp -r "$job/artifacts" "$OUT/artifacts" 2>/dev/null
	cp "$job/dmesg.txt" "$OUT/dmesg.txt" 2>/dev/null
	[[ $rc -ne 0 ]] || rm -rf "$job"
fi

# --- 4. verdict --------------------------------------------------------------
get() { sed -n "s/^$1=//p" "$OUT/artifacts/summary" 2>/dev/null | tail -n1; }
fuzz=$(cat "$OUT/artifacts/genl_fuzz.count" 2>/dev/null || echo 0)
counts=$(grep -a -E '^[0-9]+ passed, [0-9]+ failed' "$OUT/run.log" | tail -n1)
splats=$(grep -c '^  ! ' "$OUT/run.log")
echo
msg "summary"
printf '  %-28s %s\n' \
	"kernel" "$kver" \
	"kernel build (first, cached)" "${kbuild_first}s" \
	"kernel step this run" "${kbuild_now}s" \
	"VM run (boot..poweroff)" "${run_s}s" \
	"suite inside the VM" "$(get suite_seconds)s" \
	"suite result" "${counts:-none}" \
	"genl_fuzz messages" "$fuzz" \
	"kmemleak suspects" "$(get kmemleak_suspects)" \
	"kernel log splat lines" "$splats" \
	"SUnreclaim before/after" "$(get slab_unreclaim_kb_before) / $(get slab_unreclaim_kb_after) kB" \
	"total" "$((SECONDS - t_all))s"
{
	echo "kver=$kver"
	echo "kernel_build_seconds=$kbuild_first"
	echo "vm_run_seconds=$run_s"
	echo "genl_fuzz_messages=$fuzz"
	echo "splat_lines=$splats"
	cat "$OUT/artifacts/summary" 2>/dev/null
} >"$OUT/summary"

p=0 f=0
if [[ -n $counts ]]; then
	read -r p _ f _ <<<"$counts"
	f=${f%,}
fi
if [[ $rc -ne 0 ]]; then
	[[ $f -gt 0 ]] || f=1
	verdict "FAILED (run-vm exit $rc; logs in ${OUT#"$REPO_ROOT"/})" "$p" "$f"
fi
verdict "passed: 0 splats, 0 leaks" "$p" "$f"
