#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# parse_cost.sh - instructions per parse of the module's wire parsers
# (kmod/dns.c, tls.c, http.c), alone and with the name lookups that follow,
# counted by callgrind.  See README.md.
#
# usage: parse_cost.sh [N]   (default N = 20000 parses per input)
set -euo pipefail

N=${1:-20000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
CC=${CC:-gcc}
command -v valgrind >/dev/null || {
	echo "parse_cost: valgrind not found (apt-get install valgrind)" >&2
	exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/parse_cost.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# -O2 like the module; the parsers built exactly as kmod/ has them.
$CC -std=gnu11 -O2 -Wall -Wextra -Werror -I"$TOP/kmod" -I"$TOP/selftests/unit" \
	-o "$tmp/parse_cost" "$HERE/parse_cost.c" "$TOP/selftests/unit/captures.c" \
	"$TOP"/kmod/{name,dns,tls,http,proto}.c

# The DNS behaviour stage's share: parse, DGA score, host update.
$CC -std=gnu11 -O2 -Wall -Wextra -Werror -I"$TOP/kmod" \
	-o "$tmp/dnsb_cost" "$HERE/dnsb_cost.c" \
	"$TOP"/kmod/{name,dns,dga,dga-model,psl,psl-gen,dnsbeh}.c

# A QUIC client Initial (kmod/quic.c): the reader, and the reader with
# libcrypto as its crypto provider.
$CC -std=gnu11 -O2 -Wall -Wextra -Werror -I"$TOP/kmod" -I"$TOP/selftests/unit" \
	-o "$tmp/quic_cost" "$HERE/quic_cost.c" "$TOP/selftests/unit/captures.c" \
	"$TOP"/kmod/{name,tls,quic,hello}.c -lcrypto

# Address lookups (kmod/lpm.c) against a model of a hash probed once per
# prefix length, over sets of LPM_P prefixes (default 1000000).
$CC -std=gnu11 -O2 -Wall -Wextra -Werror -I"$TOP/kmod" \
	-o "$tmp/lpm_cost" "$HERE/lpm_cost.c" "$TOP/kmod/lpm.c"

# Instructions callgrind counted inside run_loop() for one mode
# [of program $PROG, default parse_cost].
count() {
	valgrind --tool=callgrind ${CACHE:-} --toggle-collect="${TOGGLE:-run_loop*}" \
		--callgrind-out-file="$tmp/cg.$1" "$tmp/${PROG:-parse_cost}" "$1" "${CN:-$N}" \
		${EXTRA:-} \
		>/dev/null 2>"$tmp/log.$1" || {
		cat "$tmp/log.$1" >&2
		exit 1
	}
	sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$tmp/cg.$1"
}

base=$(count empty)
printf '# N = %d parses per input, baseline (empty loop) %s instructions\n' \
	"$N" "$base"
printf '%-10s %14s %20s\n' input "Ir/parse" "Ir/(parse+lookup)"
for m in dns_query dns_resp tls http; do
	p=$(count "$m")
	l=$(count "$m+lookup")
	printf '%-10s %14d %20d\n' "$m" $(((p - base) / N)) $(((l - base) / N))
done

# wire.c's look at a first payload (kmod/proto.c), with proto-mismatch or
# irc on: curl's hello, curl's GET, 200 random bytes, an IRC registration
printf '# first-payload classification (proto-mismatch, irc)\n'
for m in proto_tls proto_http proto_rand proto_irc; do
	c=$(count "$m")
	printf '%-10s %14d\n' "$m" $(((c - base) / N))
done

# The DNS behaviour stage, per query (dnsb_cost.c).
base=$(PROG=dnsb_cost count empty)
printf '# DNS behaviour stage, per query (parse + DGA score [+ host update])\n'
for m in word dga; do
	c=$(PROG=dnsb_cost count "$m")
	printf '%-10s %14d\n' "$m" $(((c - base) / N))
done

# QUIC: per client Initial of 1200 bytes (RFC 9001 A.2), over the copy of
# the datagram.  "open" with OpenSSL's AES-NI, PCLMULQDQ, AVX and SHA
# extensions off: table AES and a generic GHASH, as the kernel's AES
# library and gf128mul_lle() are (the module's own crypto cannot run here).
# (N / 20 of them: a decryption costs what a hundred parses do)
CN=$((N / 20 > 100 ? N / 20 : 100))
export CN
base=$(PROG=quic_cost count copy)
printf '# QUIC client Initial, 1200 bytes (RFC 9001 A.2), over its copy; %d each\n' "$CN"
c=$(PROG=quic_cost count parse)
printf '%-10s %14d   (keys, header, frames, server name; no crypto)\n' \
	quic_parse $(((c - base) / CN))
c=$(OPENSSL_ia32cap='~0x1200000200000000:~0x20000000' PROG=quic_cost count open)
printf '%-10s %14d   (and HMAC-SHA256 x6, AES x76, GHASH x76: portable)\n' \
	quic_open $(((c - base) / CN))
c=$(OPENSSL_ia32cap='~0x1200000200000000:~0x20000000' PROG=quic_cost count ja4)
printf '%-10s %14d   (JA4 and JA3 of curl'"'"'s hello: fields, texts, SHA-256 x2, MD5)\n' \
	ja4_ja3 $((c / CN))

# Address lookups: per address, a tenth of them inside a prefix of the set;
# and the build, per prefix (sort, intervals, direct table).
P=${LPM_P:-1000000}
export EXTRA=$P
CN=$N
base=$(PROG=lpm_cost count empty)
printf '# address lookup, %d prefixes: lpm.c against a hash probed per length\n' "$P"
printf '%-10s %14s %14s %16s\n' set "Ir/lookup" "Ir/(hash)" "Ir/prefix built"
for set in v4-exact v4-20len v6-exact v6-40len; do
	l=$(PROG=lpm_cost count "lpm-$set")
	h=$(PROG=lpm_cost count "hash-$set")
	b=$(TOGGLE='build_loop*' PROG=lpm_cost count "build-$set")
	printf '%-10s %14d %14d %16d\n' "$set" $(((l - base) / N)) \
		$(((h - base) / N)) $((b / P))
done

# Memory: cache lines a lookup misses in callgrind's cache model (32 KiB
# first level; an 8 MiB last level, a gateway's share of a server's), for
# exact IPv4 sets of P and 10 P, lpm.c and the hash model, after 500000
# lookups of other addresses (the caches hold what lookups leave, not what
# the build wrote).  Not time, and not the TLB: what grows with the table.
printf '# v4-exact: lines missed per lookup (L1 32 KiB, LL 8 MiB), lpm.c and hash\n'
printf '%-10s %10s %10s %10s %10s\n' prefixes D1 LL "D1(hash)" "LL(hash)"
export CACHE="--cache-sim=yes --D1=32768,8,64 --LL=8388608,16,64"
CN=500000
# misses MODE: "D1 LL" per lookup of MODE over the empty loop's
# (callgrind's events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw)
misses() {
	PROG=lpm_cost count "$1" >/dev/null
	awk -v n="$CN" '
		FNR == 1 { f++ }
		/^totals:/ { for (i = 2; i <= NF; i++) t[f, i] = $i }
		END { printf "%.2f %.2f", (t[2, 6] - t[1, 6]) / n, (t[2, 9] - t[1, 9]) / n }' \
		"$tmp/cg.empty" "$tmp/cg.$1"
}
PROG=lpm_cost count empty >/dev/null	# (the same for any set)
for p in "$P" $((10 * P)); do
	export EXTRA=$p
	read -r ld1 lll <<<"$(misses lpm-v4-exact)"
	read -r hd1 hll <<<"$(misses hash-v4-exact)"
	printf '%-10d %10s %10s %10s %10s\n' "$p" "$ld1" "$lll" "$hd1" "$hll"
done
