#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# dkms-check.sh - build c2guard through DKMS, as a gateway installs it, for
# each kernel line, from the files git tracks (with their working-tree
# contents).  A private DKMS and source tree under a temporary directory is
# used: /var/lib/dkms and /usr/src are left alone, but for the key that
# "dkms build" signs with, /var/lib/dkms/mok.key (and .pub), which the first
# build on a host creates: runs on one host, from any clone, take turns
# (flock on /run/lock/c2guard-dkms-check.lock).
#
# usage: dkms-check.sh [KVER...]    (default: every kernel of kernels.sh)
# Ends with "N passed, N failed"; exit status non-zero on any failure.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$REPO_ROOT/dkms.conf")

if [[ $# -gt 0 ]]; then
	kvers=("$@")
else
	mapfile -t kvers < <("$REPO_ROOT/selftests/vm/kernels.sh")
fi
if ! command -v dkms >/dev/null; then
	echo "dkms-check: dkms is not installed (make deps)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

lock=/run/lock/c2guard-dkms-check.lock
[[ -d ${lock%/*} ]] || lock=/tmp/c2guard-dkms-check.lock
exec 9>>"$lock"
if ! flock -n 9; then
	echo "dkms-check: waiting for another dkms-check on this host ($lock)"
	flock 9
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src="$work/src/c2guard-$ver"
mkdir -p "$src" "$work/tree"
(cd "$REPO_ROOT" && git ls-files -z | cpio -0 -pdm --quiet "$src")

common=(-m c2guard -v "$ver" --sourcetree "$work/src" --dkmstree "$work/tree")
pass=0 fail=0
if ! dkms add "${common[@]}" >"$work/add.log" 2>&1; then
	cat "$work/add.log"
	echo "not ok 1 dkms add"
	echo "0 passed, 1 failed"
	exit 1
fi
n=0
for k in "${kvers[@]}"; do
	n=$((n + 1))
	log="$work/build-$k.log"
	if dkms build "${common[@]}" -k "$k" >"$log" 2>&1 &&
	   compgen -G "$work/tree/c2guard/$ver/$k/*/module/c2guard.ko*" >/dev/null; then
		echo "ok $n dkms build for $k"
		pass=$((pass + 1))
	else
		sed 's/^/# /' "$log"
		sed 's/^/# /' "$work/tree/c2guard/$ver/build/make.log" \
			2>/dev/null || true
		echo "not ok $n dkms build for $k"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
