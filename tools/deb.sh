#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# deb.sh - build the Debian packages (debian/) from the files git tracks,
# with their working-tree contents, in build/deb/, and run lintian on them.
#
# usage: deb.sh [OUTDIR]       (default: build/deb)
# Prints the packages built; exit status non-zero when the build fails or
# lintian reports an error (warnings are printed, not fatal).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$REPO_ROOT/build/deb}
ver=$(cd "$REPO_ROOT" && dpkg-parsechangelog -S Version)

for c in dpkg-buildpackage dh dh_dkms lintian systemd-analyze; do
	if ! command -v "$c" >/dev/null; then
		echo "deb: $c is not installed (make deps)" >&2
		exit 1
	fi
done

rm -rf "$out"
src="$out/c2guard-$ver"
mkdir -p "$src"
(cd "$REPO_ROOT" && git ls-files -z | cpio -0 -pdm --quiet "$src")
(cd "$src" && dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log"
	echo "deb: dpkg-buildpackage failed (build/deb/build.log)" >&2
	exit 1
}
changes=$(ls "$out"/c2guard_"$ver"_*.changes)
rc=0
lintian --fail-on error --tag-display-limit 0 "$changes" >"$out/lintian.log" 2>&1 ||
	rc=$?
cat "$out/lintian.log"
for d in "$out"/*.deb; do
	echo "deb: $(basename "$d") ($(stat -c %s "$d") bytes)"
done
if [ $rc != 0 ]; then
	echo "deb: lintian reports errors" >&2
	exit 1
fi
# The units as packaged, checked by systemd; our own commands are not
# installed on this machine, so that they are missing is no finding.
root="$out/root"
dpkg -x "$out/c2guard_${ver}_"*.deb "$root"
units=("$root"/lib/systemd/system/c2guard*)
verify=$(systemd-analyze verify --man=no "${units[@]}" 2>&1 |
	grep -v -E "Command (/usr/sbin/c2ctl|/usr/libexec/c2guard/c2guard-update) is not executable" || true)
if [ -n "$verify" ]; then
	printf '%s\n' "$verify"
	echo "deb: systemd-analyze verify finds problems in the units" >&2
	exit 1
fi
echo "deb: systemd-analyze verify: ${#units[@]} units, no problem"
echo "deb: lintian: no error ($(grep -c '^W:' "$out/lintian.log" || true) warnings)"
