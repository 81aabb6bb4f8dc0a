#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Replacing a big feed, in the guest: c2guard's "feed replace" against
# "ipset restore" + "ipset swap" of the same lists, in one boot.  For each:
# the time of the first load, of a refresh with the same list, and of a
# replacement by a list sharing nothing; and the kernel memory it held
# (Slab + page tables of the slab caches are what both use: MemAvailable
# is read before, at the peak during the replacement, and after).
#
# Environment: C2GUARD_KO, C2GUARD_C2CTL (see run.sh), C2GUARD_SWAP_N
# (entries per list, default 1000000).
set -u
N=${C2GUARD_SWAP_N:-1000000}
C2CTL=${C2GUARD_C2CTL:-$(dirname "$0")/../../ctl/c2ctl}
T=$(mktemp -d)
SAMPLER=
trap 'rm -rf "$T"' EXIT

for m in nf_conntrack nf_reject_ipv4 nf_reject_ipv6 nf_defrag_ipv4 \
	nf_defrag_ipv6 nf_tables nft_ct ip_set ip_set_hash_ip gf128mul; do
	modprobe -q "$m"
done
insmod "$C2GUARD_KO" || exit 1

# A and B: N addresses each, sharing none.
for v in A B; do
	awk -v n="$N" -v o=$([ $v = A ] && echo 0 || echo 64) 'BEGIN {
		for (i = 0; i < n; i++)
			printf "10.%d.%d.%d\n", 100 + o + int(i / 65536),
				int(i / 256) % 256, i % 256
	}' >"$T/$v"
	{ echo "create tmp hash:ip family inet maxelem $((2 * N)) hashsize 65536"
	  sed 's/^/add tmp /' "$T/$v"; } >"$T/$v.ipset"
done

avail() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

# sample CMD...: run it, printing "ms peak_kB": its time, and how much
# MemAvailable dropped below the start at worst while it ran.
sample()
{
	local t0 t1 low
	echo "$(avail)" >"$T/low"
	( while :; do a=$(avail); [ "$a" -lt "$(cat "$T/low")" ] && echo "$a" >"$T/low"; sleep 0.05; done ) &
	SAMPLER=$!
	t0=$(date +%s%N)
	"$@" >/dev/null || echo "FAILED: $*" >&2
	t1=$(date +%s%N)
	kill $SAMPLER; wait $SAMPLER 2>/dev/null
	low=$(cat "$T/low")
	echo "$(((t1 - t0) / 1000000)) $((START - low))"
}

sync; echo 3 >/proc/sys/vm/drop_caches
START=$(avail)
r=$(sample "$C2CTL" feed replace big "$T/A")
ms=${r% *} peak=${r#* }
held=$((START - $(avail)))
echo "c2guard: first load of $N: ${ms} ms, held after ${held} kB, peak ${peak} kB"
echo "c2guard: status mem $("$C2CTL" -j status | jq .mem) bytes"
START=$(avail)
r=$(sample "$C2CTL" feed replace big "$T/A")
ms=${r% *} peak=${r#* }
echo "c2guard: refresh with the same $N: ${ms} ms, peak +${peak} kB"
START=$(avail)
r=$(sample "$C2CTL" feed replace big "$T/B")
ms=${r% *} peak=${r#* }
echo "c2guard: replace by $N others: ${ms} ms, peak +${peak} kB, after $((START - $(avail))) kB"
"$C2CTL" feed del big
sleep 2

START=$(avail)
ipset create live hash:ip family inet maxelem $((2 * N)) hashsize 65536
r=$(sample sh -c "ipset restore <'$T/A.ipset' && ipset swap tmp live && ipset destroy tmp")
ms=${r% *} peak=${r#* }
held=$((START - $(avail)))
echo "ipset: first load of $N: ${ms} ms, held after ${held} kB, peak ${peak} kB"
START=$(avail)
r=$(sample sh -c "ipset restore <'$T/A.ipset' && ipset swap tmp live && ipset destroy tmp")
ms=${r% *} peak=${r#* }
echo "ipset: refresh with the same $N (restore + swap): ${ms} ms, peak +${peak} kB"
START=$(avail)
r=$(sample sh -c "ipset restore <'$T/B.ipset' && ipset swap tmp live && ipset destroy tmp")
ms=${r% *} peak=${r#* }
echo "ipset: replace by $N others (restore + swap): ${ms} ms, peak +${peak} kB, after $((START - $(avail))) kB"
ipset destroy live
