#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# kernels.sh - print the kernels c2guard is built and tested against, one
# release per line, oldest first: for every installed kernel line (6.1,
# 6.12, ...) the newest release that has an image in /boot, modules and
# headers.  "kernels.sh --all" prints every such release instead.
set -euo pipefail

all=0
[[ ${1:-} != --all ]] || all=1

for d in /lib/modules/*/; do
	k=${d%/}
	k=${k##*/}
	if [[ -f /boot/vmlinuz-$k && -f $d/modules.dep && -e $d/build/Makefile ]]; then
		echo "$k"
	fi
done | sort -V | awk -v all="$all" -F'[.-]' '
	{ line = $1 "." $2; newest[line] = $0; if (!(line in seen)) { seen[line] = 1; order[n++] = line } }
	all { print }
	END { if (!all) for (i = 0; i < n; i++) print newest[order[i]] }'
