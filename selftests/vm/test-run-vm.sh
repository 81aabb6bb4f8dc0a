#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# test-run-vm.sh - self-test of run-vm.sh: make sure a broken kernel really
# fails a run.  Boots the VM about ten times per kernel (~1 min each).
#
# usage: test-run-vm.sh [--quick] [KVER...]
#   KVER     default: every kernel of kernels.sh
#   --quick  only the checks that a broken kernel fails the run and that
#            the exit status comes back (four boots per kernel; make check)
# Prints KTAP and a final "N passed, N failed" line.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
RUN_VM=$HERE/run-vm.sh
BUILD=${C2VM_BUILD_DIR:-$REPO_ROOT/build/vm}/harness-test

quick=0
if [[ ${1:-} == --quick ]]; then
	quick=1
	shift
fi
if [[ $# -gt 0 ]]; then
	kvers=("$@")
else
	mapfile -t kvers < <("$REPO_ROOT/selftests/vm/kernels.sh")
fi
[[ ${#kvers[@]} -gt 0 ]] || { echo "no kernel found" >&2; exit 1; }

# A module that loads cleanly, or with warn=1 WARNs from its init function
# (a real splat with a call trace and taint W).
build_testmod() {
	local kver=$1 dir=$BUILD/testmod-$1
	mkdir -p "$dir"
	cat >"$dir/c2vm_testmod.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/bug.h>

static bool warn;
module_param(warn, bool, 0444);

static int __init c2vm_testmod_init(void)
{
	WARN(warn, "c2vm_testmod: warning on request\n");
	return 0;
}

static void __exit c2vm_testmod_exit(void)
{
}

module_init(c2vm_testmod_init);
module_exit(c2vm_testmod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("run-vm.sh self-test module");
EOF
	echo 'obj-m := c2vm_testmod.o' >"$dir/Kbuild"
	make -s -C "/lib/modules/$kver/build" M="$dir" modules >"$dir/build.log" 2>&1 ||
		{ cat "$dir/build.log" >&2; return 1; }
	echo "$dir/c2vm_testmod.ko"
}

n=0 pass=0 fail=0
# check [-q] [-x TEXT] NAME EXPECTED_RC GREP_OUTPUT -- run-vm args...
# (-q: part of the --quick set; the others are skipped with --quick;
# -x TEXT: the output must not hold TEXT)
check() {
	local in_quick=0 absent=''
	while [[ $1 == -q || $1 == -x ]]; do
		if [[ $1 == -q ]]; then
			in_quick=1
			shift
		else
			absent=$2
			shift 2
		fi
	done
	local name=$1 want=$2 grep_for=$3 out rc=0
	shift 4
	[[ $quick -eq 0 || $in_quick -eq 1 ]] || return 0
	n=$((n + 1))
	out=$("$RUN_VM" "$@" 2>&1) || rc=$?
	if [[ $rc -eq $want && ( -z $grep_for || $out == *"$grep_for"* ) &&
	      ( -z $absent || $out != *"$absent"* ) ]]; then
		pass=$((pass + 1))
		echo "ok $n $name"
	else
		fail=$((fail + 1))
		echo "not ok $n $name (exit $rc, want $want${grep_for:+, output with \"$grep_for\"}${absent:+, without \"$absent\"})"
		while IFS= read -r line; do echo "# $line"; done <<<"$out"
	fi
}

echo "KTAP version 1"
echo "1..$((${#kvers[@]} * (quick ? 5 : 11)))"
keepdir=$(mktemp -d /tmp/c2vm-keep.XXXXXX)
trap 'rm -rf "$keepdir"' EXIT
echo "kept-visible" >"$keepdir/marker"
for kver in "${kvers[@]}"; do
	echo "# kernel $kver"
	ko=$(build_testmod "$kver")
	k=(--kver "$kver")
	check "$kver: trivial command" 0 "netns ok" -- "${k[@]}" -- sh -c \
		'uname -r; ip netns add t1 && ip netns del t1 && echo netns ok;
		 modprobe nf_conntrack && lsmod | grep -q nf_conntrack'
	check -q "$kver: exit status 3 comes back" 3 "" -- "${k[@]}" -- sh -c 'exit 3'
	# shellcheck disable=SC2016  # expanded by the guest's sh
	check "$kver: argv quoting and env" 0 "<a b> <'c'> v=1 x" -- "${k[@]}" -e V=1 -- \
		sh -c 'printf "<%s> " "$@"; echo "v=$V x"' sh 'a b' "'c'"
	check "$kver: host dir under /tmp stays visible" 0 "kept-visible" -- \
		"${k[@]}" --keep "$keepdir" -- cat "$keepdir/marker"
	check "$kver: out-of-tree module taint O/E is fine" 0 "" -- "${k[@]}" -- \
		sh -c "insmod $ko && rmmod c2vm_testmod"
	check -q "$kver: real WARN fails the run" 125 "c2vm_testmod: warning on request" -- \
		"${k[@]}" -- insmod "$ko" warn=1
	check "$kver: WARNING in the log fails the run" 125 "WARNING: fake" -- \
		"${k[@]}" -- sh -c 'echo "WARNING: fake splat" >/dev/kmsg'
	check -q "$kver: new taint fails the run" 125 "new, unexpected: 512 = W" -- \
		"${k[@]}" -- sh -c 'echo 512 >/proc/sys/kernel/tainted'
	# a crash in the command is the command's: never booted again
	check -q -x "again, once" "$kver: kernel crash fails the run" 125 \
		"stopped before the command finished" -- \
		"${k[@]}" -- sh -c 'echo c >/proc/sysrq-trigger; sleep 30'
	# a guest that dies while booting (here: no init, so the kernel
	# panics and qemu exits) is booted once more, then the run fails
	check -q "$kver: a boot that dies before the command is tried twice" 125 \
		"booting $kver again, once" -- \
		"${k[@]}" --append rdinit=/nonexistent -- true
	check "$kver: timeout kills the VM" 125 "timed out" -- \
		"${k[@]}" --timeout 25 -- sleep 600
done
echo "# $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
