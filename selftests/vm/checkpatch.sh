#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.sh - run the kernel's checkpatch.pl --strict on the module
# sources.  checkpatch.pl (with spelling.txt and const_structs.checkpatch,
# which it reads from its own directory) is taken from the Debian kernel
# source tarball once and cached in build/checkpatch/.
#
# usage: checkpatch.sh [FILE...]  (default: kmod/*.[ch] uapi/linux/*.h)
# Fails on any ERROR, WARNING or CHECK.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARBALL=${C2G_LINUX_SOURCE:-}
if [[ -z $TARBALL ]]; then
	for t in /usr/src/linux-source-*.tar.xz; do
		[[ -e $t ]] && echo "$t"
	done | sort -V | tail -n1 >"${TMPDIR:-/tmp}/.c2g-tarball.$$" || true
	TARBALL=$(cat "${TMPDIR:-/tmp}/.c2g-tarball.$$")
	rm -f "${TMPDIR:-/tmp}/.c2g-tarball.$$"
fi
CACHE=$REPO_ROOT/build/checkpatch
CP=$CACHE/checkpatch.pl

if [[ ! -x $CP ]]; then
	[[ -n $TARBALL && -r $TARBALL ]] || {
		echo "checkpatch: no /usr/src/linux-source-*.tar.xz (run 'make deps')" >&2
		exit 1
	}
	echo "checkpatch: extracting checkpatch.pl from $TARBALL"
	top=$(basename "$TARBALL" .tar.xz)
	mkdir -p "$REPO_ROOT/build"
	tmp=$(mktemp -d "$REPO_ROOT/build/.checkpatch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# const_structs.checkpatch is missing from old trees: retry without it.
	tar -C "$tmp" -xJf "$TARBALL" "$top/scripts/checkpatch.pl" \
		"$top/scripts/spelling.txt" "$top/scripts/const_structs.checkpatch" \
		2>/dev/null ||
		tar -C "$tmp" -xJf "$TARBALL" "$top/scripts/checkpatch.pl" \
			"$top/scripts/spelling.txt"
	mkdir -p "$CACHE"
	cp "$tmp/$top"/scripts/* "$CACHE/"
	chmod +x "$CP"
fi

cd "$REPO_ROOT"
if [[ $# -gt 0 ]]; then
	files=("$@")
else
	shopt -s nullglob
	files=(kmod/*.c kmod/*.h uapi/linux/*.h)
	shopt -u nullglob
fi
[[ ${#files[@]} -gt 0 ]] || {
	echo "checkpatch: nothing to check"
	exit 0
}

echo "checkpatch: ${#files[@]} files: ${files[*]}"
# The public-suffix table is data: its labels (jus.br ...) are not typos.
code=() data=()
for f in "${files[@]}"; do
	case $f in
	kmod/psl-gen.c) data+=("$f") ;;
	*) code+=("$f") ;;
	esac
done
rc=0
cp_run() {
	"$CP" --no-tree --strict --terse --show-types --color=never "$@" || rc=$?
}
[[ ${#code[@]} -eq 0 ]] || cp_run -f "${code[@]}"
[[ ${#data[@]} -eq 0 ]] || cp_run --ignore TYPO_SPELLING -f "${data[@]}"
if [[ $rc -eq 0 ]]; then
	echo "checkpatch: clean"
else
	echo "checkpatch: FAILED (fix the reports above)" >&2
fi
exit "$rc"
