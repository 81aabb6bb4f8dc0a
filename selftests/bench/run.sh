#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [KVER...] - build what bench.sh needs and run it in a VM per kernel.
#
# Builds, in a private tree under $C2GUARD_BENCH_BUILD (default
# <repo>/build/bench; nothing is written to the source tree), c2guard.ko for
# each KVER (default: the newest kernel of kernels.sh), c2ctl and the c2bench
# helper, then boots each kernel with selftests/vm/run-vm.sh (TCG; memory
# C2GUARD_BENCH_MEM, default 4G; CPUs C2GUARD_BENCH_SMP, default 2) and
# runs selftests/bench/bench.sh there.  The report is printed and kept as
# <build>/bench-KVER-DATE.txt.  C2GUARD_BENCH_* settings pass through to
# bench.sh (see its header); C2VM_BUILD_DIR moves run-vm.sh's cache.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
BUILD=${C2GUARD_BENCH_BUILD:-$REPO/build/bench}
MEM=${C2GUARD_BENCH_MEM:-4G}
SMP=${C2GUARD_BENCH_SMP:-2}
TIMEOUT=${C2GUARD_BENCH_TIMEOUT:-3600}

if [[ $# -gt 0 ]]; then
	kvers=("$@")
else
	kvers=("$("$REPO/selftests/vm/kernels.sh" | tail -n1)")
fi
[[ -n ${kvers[0]} ]] || { echo "run.sh: no kernel found" >&2; exit 1; }

mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)

# copy_src DIR: the sources (no objects) of the module and c2ctl, with their
# timestamps, so rebuilds stay incremental.
copy_src() {
	local d=$1
	mkdir -p "$d/ctl"
	(cd "$REPO" && cp -p Kbuild Makefile dkms.conf "$d/" &&
		find kmod uapi -type f \( -name '*.[ch]' ! -name '*.mod.c' -o -name Makefile -o -name Kbuild \) \
			-exec cp -p --parents {} "$d/" \; &&
		cp -p ctl/Makefile ctl/*.[ch] "$d/ctl/")
}

echo "run.sh: building c2ctl and c2bench in $BUILD"
copy_src "$BUILD/src-ctl"
make -s -C "$BUILD/src-ctl/ctl"
gcc -O2 -Wall -Wextra -o "$BUILD/c2bench" "$BENCH_DIR/c2bench.c"

status=0
for kver in "${kvers[@]}"; do
	src=$BUILD/src-$kver
	echo "run.sh: building c2guard.ko for $kver"
	copy_src "$src"
	make -s -C "$src" module KERNELRELEASE="$kver"
	report=$BUILD/bench-$kver-$(date +%Y%m%d-%H%M%S).txt
	rc=0
	(cd "$REPO" && "$REPO/selftests/vm/run-vm.sh" --kver "$kver" --mem "$MEM" \
		--smp "$SMP" --timeout "$TIMEOUT" \
		-e C2GUARD_KO="$src/c2guard.ko" \
		-e C2GUARD_C2CTL="$BUILD/src-ctl/ctl/c2ctl" \
		-e C2GUARD_BENCH_HELPER="$BUILD/c2bench" \
		-- selftests/bench/bench.sh) 2>&1 | tee "$report" || rc=$?
	echo "run.sh: $kver: exit $rc, report in $report"
	[[ $rc -eq 0 ]] || status=$rc
done
exit "$status"
