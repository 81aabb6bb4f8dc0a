#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# c2guard's DGA score next to nDPI's, on the same names.
#   selftests/bench/dga_eval.sh [DGA_FILE BENIGN_FILE]
# (default: data/dga/dga-A.txt data/dga/benign-A.txt).  Prints, for each,
# precision and recall: c2ctl dga-score's FLAG (the module's default
# threshold) and ndpi_check_dga_name() (Debian's libndpi-dev; skipped when
# it is missing).  The model was trained on the A files: on them the
# figures are in-sample; tools/dga-train.c prints cross-validated ones.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dga=${1:-$top/data/dga/dga-A.txt}
benign=${2:-$top/data/dga/benign-A.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make -s -C "$top/ctl" >/dev/null
# "TP FN FP TN" -> the figures
figures() {
	awk -v who="$1" '{ tp += $1; fn += $2; fp += $3; tn += $4 }
	END { printf "%-22s precision %.4f recall %.4f  (%d of %d DGA flagged, %d of %d benign flagged)\n",
		who, tp / (tp + fp), tp / (tp + fn), tp, tp + fn, fp, fp + tn }'
}
# FILE IS_DGA FLAGCOL -> one "TP FN FP TN" line
tally() {
	awk -v d="$2" -v c="$3" '{ f = $c; if (d) { tp += f; fn += !f } else { fp += f; tn += !f } }
	END { print tp + 0, fn + 0, fp + 0, tn + 0 }' "$1"
}
"$top/ctl/c2ctl" dga-score "$dga" > "$tmp/c-dga" || true
"$top/ctl/c2ctl" dga-score "$benign" > "$tmp/c-benign" || true
{ tally "$tmp/c-dga" 1 2; tally "$tmp/c-benign" 0 2; } | figures "c2guard (dga-score)"

if pkg-config --exists libndpi 2>/dev/null || [ -e /usr/include/ndpi/ndpi_api.h ]; then
	cc -O2 -o "$tmp/dga_ndpi" "$top/selftests/bench/dga_ndpi.c" \
		$(pkg-config --cflags --libs libndpi 2>/dev/null || echo -lndpi)
	"$tmp/dga_ndpi" "$dga" > "$tmp/n-dga"
	"$tmp/dga_ndpi" "$benign" > "$tmp/n-benign"
	{ tally "$tmp/n-dga" 1 1; tally "$tmp/n-benign" 0 1; } | figures "nDPI (libndpi $(dpkg-query -W -f '${Version}' libndpi-dev 2>/dev/null || echo '?'))"
else
	echo "nDPI: libndpi-dev is not installed (apt-get install libndpi-dev)"
fi
