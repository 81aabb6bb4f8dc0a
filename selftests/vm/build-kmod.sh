#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kmod.sh - build the module for several kernels side by side.
#
# usage: build-kmod.sh [KVER...]    (default: every kernel of kernels.sh)
#
# Each kernel gets its own object tree, build/KVER/obj: a tree of symlinks to
# Kbuild and the sources, so the objects of one kernel never overwrite those
# of another and rebuilds stay incremental.  (Kbuild of 6.1/6.12 cannot put
# external module objects elsewhere, and "make clean" between kernels would
# delete every *.ko below the source tree, copies included.)  The result is
# build/KVER/*.ko.  Warnings are errors: gcc gets -Werror, and a modpost
# warning fails the build too.
# C2GUARD_KDIR: the kernel tree to build against instead of
# /lib/modules/KVER/build (check-debug's own kernel; give one KVER).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# What the module is built from, relative to the repository.
SRC_DIRS=(kmod uapi)

# "make" exports it; run directly, take it from dkms.conf like the Makefile.
if [[ -z ${C2GUARD_VERSION:-} && -f $REPO_ROOT/dkms.conf ]]; then
	C2GUARD_VERSION=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$REPO_ROOT/dkms.conf")
fi
export C2GUARD_VERSION

if [[ $# -gt 0 ]]; then
	kvers=("$@")
else
	mapfile -t kvers < <("$REPO_ROOT/selftests/vm/kernels.sh")
fi
[[ ${#kvers[@]} -gt 0 ]] || {
	echo "build-kmod: no kernel with headers found (run 'make deps')" >&2
	exit 1
}

status=0
for kver in "${kvers[@]}"; do
	kdir=${C2GUARD_KDIR:-/lib/modules/$kver/build}
	out=$REPO_ROOT/build/$kver
	obj=$out/obj
	if [[ ! -e $kdir/Makefile ]]; then
		echo "build-kmod: $kver: no headers in $kdir" >&2
		status=1
		continue
	fi
	mkdir -p "$obj"
	find "$obj" -type l -delete
	ln -s "$REPO_ROOT/Kbuild" "$obj/Kbuild"
	while IFS= read -r -d '' f; do
		mkdir -p "$obj/$(dirname "$f")"
		ln -s "$REPO_ROOT/$f" "$obj/$f"
	done < <(cd "$REPO_ROOT" && find "${SRC_DIRS[@]}" -type f \
		\( -name '*.[ch]' ! -name '*.mod.c' \) -print0)

	echo "build-kmod: $kver"
	rc=0
	make -C "$kdir" M="$obj" KCFLAGS="-Werror${KCFLAGS:+ $KCFLAGS}" \
		-j"$(nproc)" modules 2>&1 | tee "$out/build.log" || rc=$?
	if [[ $rc -eq 0 ]] && grep -E -q '(^| )WARNING: |warning: ' "$out/build.log"; then
		echo "build-kmod: $kver: the build printed warnings" >&2
		rc=1
	fi
	shopt -s nullglob
	kos=("$obj"/*.ko)
	shopt -u nullglob
	if [[ $rc -ne 0 || ${#kos[@]} -eq 0 ]]; then
		echo "build-kmod: $kver: FAILED" >&2
		rm -f "$out"/*.ko
		status=1
		continue
	fi
	cp -p "${kos[@]}" "$out/"
	for ko in "${kos[@]}"; do
		echo "build-kmod: $kver: build/$kver/${ko##*/}"
	done
done
exit "$status"
