#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh - what c2guard costs on a gateway's forwarding path, as ratios
# against baselines measured in the same boot.  Never a pass/fail on time:
# the exit status only says whether the benchmark could run.
#
# Run it as root in a throwaway machine (selftests/bench/run.sh boots one):
# it loads c2guard, ipset and iptables modules and builds namespaces.
#
#   client netns --veth--> gateway netns (one per configuration) --veth--> server
#
# Every configuration has its own gateway namespace, all built once, so the
# measurements are interleaved round by round without reloading 1M
# indicators.  A round measures every gateway once, in a random order, and
# the report compares gateways by the median over the rounds of their ratio
# within a round: that cancels the slow drift of an emulated (or shared)
# CPU.  Identical namespaces still need not run at quite the same speed (a
# few %, depending on where their structures land in memory): a second
# baseline gateway, the A/A control, shows how large that is in a run.
# Each gateway forwards with conntrack on (an nft "ct state"
# rule in forward) plus:
#   base        nothing else (the baseline)
#   base2       nothing else either: a second baseline, the A/A control
#               that shows how far two identical gateways differ (noise)
#   c2-1        c2guard, 1 indicator (one /32)
#   c2-beacon   c2guard, 1 indicator and beacon detection on (default
#               settings): every new flow is an event on a channel, and
#               every packet of the single flow reads its conntrack clock
#   c2-names    c2guard, 1 indicator and 1 domain indicator: every new
#               UDP flow passes the name stage's first-packet checks (the
#               DNS port, whether it can be a QUIC Initial) and every
#               packet of the single flow a conntrack label read
#   c2-1M       c2guard, N /32 indicators
#   c2-1M-20len c2guard, N indicators over 20 prefix lengths (/13../32)
#   nft-set     nft set of N ipv4_addr, "ip daddr @set drop" in forward
#   ipset       ipset hash:ip of N, iptables -m set --match-set S dst -j DROP
#   nft-interval  nft interval set (auto-merge) of the N prefixes of
#               c2-1M-20len, "ip daddr @set drop"
#   ipset-net   ipset hash:net of the N prefixes of c2-1M-20len, matched
#               like ipset's
#   c2-1M-names c2guard, the indicators of c2-names plus N domain names (one
#               in five a suffix)
#   c2-1M-v6-40len  c2guard, N IPv6 prefixes over 40 lengths (/26../64 and
#               /128)
#   c2-10M      c2guard, 10 N /32 indicators (C2GUARD_BENCH_IND_BIG)
#   nft-1, nft-10M  nft sets of 1 and of 10 N ipv4_addr, as nft-set: what a
#               table that size costs any lookup here (not in the default
#               list: nft -f of 10M grew to 3.8 GB on 6.1, and an 8 GB
#               guest ran out; give the VM C2GUARD_BENCH_MEM=14G)
# No indicator matches the traffic.  The client sends UDP datagrams with an
# AF_PACKET socket (qdisc bypassed), each to a new destination, so each is
# a new conntrack flow.  The destinations (NDST of them) are spread over the
# address space the indicators are in, between them (c2bench.c), as a real
# destination is: each lookup lands among the indicators and has to find
# that none holds it.  Some gateways are also
# or only measured with other traffic, each against the baseline gateway
# measured with the same: "dns" (a DNS query per flow for a name of its
# own; baseline, c2-names and c2-1M-names), "tls" (a TCP segment per flow,
# picked up midstream by conntrack, holding a ClientHello with such a name;
# the same three) and "udp6" (the datagrams over IPv6, to destinations in
# 2000::/3 between the IPv6 indicators; baseline and c2-1M-v6-40len).  The server drops everything at
# its netdev ingress and its veth counters prove they were forwarded.  veth
# hands a frame to the peer's backlog and the softirq that follows runs the
# gateway's forwarding path before the send returns, so the sender's wall
# time per datagram is the cost of the path (sender and server included: the
# difference to the baseline is what the gateway's extra work costs).  A
# second run sends many datagrams of ONE flow (steady state: c2guard only
# looks up a flow's first packet; nft and ipset look at every packet).
#
# Environment (run.sh passes C2GUARD_* into the VM):
#   C2GUARD_KO             c2guard.ko (default: a loaded or installed module)
#   C2GUARD_C2CTL / C2CTL  c2ctl (default <repo>/ctl/c2ctl)
#   C2GUARD_BENCH_HELPER   the c2bench binary (default: built into the
#                          temporary directory from c2bench.c)
#   C2GUARD_BENCH_IND      indicators/elements of the big configurations
#                          (default 1000000, used by every one of them)
#   C2GUARD_BENCH_IND_BIG  indicators of c2-10M (default 10 times that)
#   C2GUARD_BENCH_FLOWS    new flows per measurement (default 4000)
#   C2GUARD_BENCH_NDST     destinations the new flows cycle through (default
#                          4096, at most 4096): fewer keep a big table's
#                          lookups on fewer pages, to tell a table's size
#                          from the spread of what it is asked
#   C2GUARD_BENCH_PKTS     datagrams of the single-flow run (default 4000,
#                          0 skips it)
#   C2GUARD_BENCH_ROUNDS   rounds (default 60; many short ones)
#   C2GUARD_BENCH_SLICES   passes per round (default 8): each measurement
#                          is cut into this many slices, a pass of every
#                          gateway each, so that each gateway's share of a
#                          round is spread over the round; must divide
#                          FLOWS and PKTS.  Above 1, the key ratios add
#                          the same ratios of each gateway's fastest slice
#                          in each round ("best")
#   C2GUARD_BENCH_CONFIGS  which of the configurations above, in this order
#                          (base is always measured).  One named more than
#                          once gets a gateway each (NAME#2, ...); the key
#                          ratios then compare the mean time of its
#                          gateways, round by round, which evens out where
#                          each gateway's structures happen to lie
#                          (README.md); loads, memory and counters are
#                          its last gateway's, a profile its first's
#   C2GUARD_BENCH_IPTABLES iptables binary (default iptables-legacy, else
#                          iptables)
#   C2GUARD_BENCH_OUT      also write the report to this file (default
#                          $C2VM_ARTIFACTS/bench.txt inside run-vm.sh)
#   C2GUARD_BENCH_PERF     configurations to profile after the rounds: perf
#                          samples the sender's CPU (cpu-clock) while the
#                          gateway alone forwards 50 x FLOWS new flows; the
#                          report ends with the busy samples per 1000 flows
#                          (c2guard's among them) and the top symbols of
#                          each, with their samples.  Not a measurement:
#                          profiles run one after the other, so drift
#                          between them stays in; where the time goes, to
#                          compare gateways by.
set -u

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
C2CTL=${C2CTL:-${C2GUARD_C2CTL:-$REPO/ctl/c2ctl}}
IND=${C2GUARD_BENCH_IND:-1000000}
BIG=${C2GUARD_BENCH_IND_BIG:-}
FLOWS=${C2GUARD_BENCH_FLOWS:-4000}
PKTS=${C2GUARD_BENCH_PKTS:-4000}
ROUNDS=${C2GUARD_BENCH_ROUNDS:-60}
SLICES=${C2GUARD_BENCH_SLICES:-8}
CONFIGS=${C2GUARD_BENCH_CONFIGS:-base base2 c2-1 c2-beacon c2-names c2-1M c2-1M-20len nft-set ipset nft-interval ipset-net c2-1M-v6-40len c2-1M-names c2-10M}
OUT=${C2GUARD_BENCH_OUT:-${C2VM_ARTIFACTS:+$C2VM_ARTIFACTS/bench.txt}}
WARM=2000		# flows sent once per gateway before measuring
NDST_MAX=4096		# c2bench's TRAFFIC_MAX
NDST=${C2GUARD_BENCH_NDST:-$NDST_MAX}	# destinations the new flows cycle through
V6NET=fd00:c2		# the gateways' IPv6 links: V6NET:0:I::/64, V6NET:9:I::/64
PFX=c2b			# namespace name prefix

T0=$(date +%s%N)
log() { printf '[%6.1fs] %s\n' "$((($(date +%s%N) - T0) / 1000000))e-3" "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}
# Only numbers go into arithmetic.
[[ $IND =~ ^[0-9]+$ ]] && BIG=${BIG:-$((10 * IND))}
for v in IND BIG FLOWS PKTS ROUNDS NDST SLICES; do
	[[ ${!v} =~ ^[0-9]+$ ]] || die "$v=${!v} is not a number"
done
[[ $IND -ge 20 && $FLOWS -ge 1 && $ROUNDS -ge 1 && $NDST -ge 1 && $NDST -le $NDST_MAX ]] ||
	die "need C2GUARD_BENCH_IND >= 20, FLOWS >= 1, ROUNDS >= 1, NDST 1..$NDST_MAX"
[[ $FLOWS -le $((NDST * 64512)) ]] || die "too many flows"
[[ $SLICES -ge 1 && $((FLOWS % SLICES)) -eq 0 && $((PKTS % SLICES)) -eq 0 ]] ||
	die "SLICES=$SLICES must be >= 1 and divide FLOWS ($FLOWS) and PKTS ($PKTS)"
# settle_ms N: the pause after flushing N conntrack entries (RCU frees them)
settle_ms() { echo $((20 + $1 / 200)); }
SETTLE_MS=$(settle_ms $((FLOWS / SLICES)))	# after a slice
[[ $(id -u) == 0 ]] || die "needs root (run it in a VM: selftests/bench/run.sh)"

# --- configurations ------------------------------------------------------

declare -A KNOWN=([base]=1 [base2]=1 [c2-1]=1 [c2-beacon]=1 [c2-names]=1 [c2-1M]=1 [c2-1M-20len]=1
	[nft-set]=1 [ipset]=1 [nft-interval]=1 [ipset-net]=1 [c2-1M-names]=1 [c2-1M-v6-40len]=1 [c2-10M]=1
	[nft-1]=1 [nft-10M]=1)
cfgs=(base)
for c in $CONFIGS; do
	[[ -n ${KNOWN[$c]:-} ]] || die "unknown configuration '$c'"
	[[ $c == base ]] || cfgs+=("$c")
done
# Names in the report: "1M" stands for N and "10M" for the big N, whatever
# they are.
count_name() {
	if (($1 % 1000000 == 0)); then
		echo "$(($1 / 1000000))M"
	elif (($1 % 1000 == 0)); then
		echo "$(($1 / 1000))k"
	else
		echo "$1"
	fi
}
INDNAME=$(count_name "$IND")
BIGNAME=$(count_name "$BIG")
name_of() {
	local n=${1//10M/@BIG@}
	n=${n//1M/$INDNAME}
	n=${n//@BIG@/$BIGNAME}
	n=${n/c2-/c2guard-}
	n=${n/#base/baseline}
	echo "$n"
}

# --- cleanup -------------------------------------------------------------

TMP=$(mktemp -d "${TMPDIR:-/tmp}/c2bench.XXXXXX") || die "mktemp"
NSES=()
LOADED_KO=0
cleanup() {
	local ns
	for ns in "${NSES[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	rm -rf "$TMP"
	# The namespaces' c2guard state goes away with them; unload if we loaded.
	if [[ $LOADED_KO == 1 ]]; then
		sleep 1
		rmmod c2guard 2>/dev/null
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# --- tools and modules ---------------------------------------------------

HELPER=${C2GUARD_BENCH_HELPER:-}
if [[ -z $HELPER ]]; then
	HELPER=$TMP/c2bench
	log "building c2bench"
	gcc -O2 -Wall -o "$HELPER" "$BENCH_DIR/c2bench.c" || die "cannot build c2bench"
fi
[[ -x $HELPER ]] || die "no c2bench at $HELPER"
[[ -x $C2CTL ]] || die "no c2ctl at $C2CTL (make -C ctl, or set C2CTL)"
for t in ip nft awk; do
	command -v $t >/dev/null || die "$t not found"
done
IPT=${C2GUARD_BENCH_IPTABLES:-}
if [[ -z $IPT ]]; then
	IPT=iptables-legacy
	command -v $IPT >/dev/null || IPT=iptables
fi
if [[ " ${cfgs[*]} " == *" ipset"[\ -]* ]]; then
	if ! command -v ipset >/dev/null || ! command -v "$IPT" >/dev/null; then
		log "ipset or $IPT missing (apt-get install ipset iptables): skipping ipset"
		keep=()
		for c in "${cfgs[@]}"; do [[ $c == ipset* ]] || keep+=("$c"); done
		cfgs=("${keep[@]}")
	fi
fi

# gf128mul: c2guard's QUIC decryption uses it (insmod does not load it)
for m in veth nf_conntrack nf_conntrack_netlink nf_reject_ipv4 nf_reject_ipv6 \
	nf_tables nft_ct ip_set ip_set_hash_ip ip_set_hash_net xt_set ip_tables iptable_filter gf128mul; do
	modprobe -q $m 2>/dev/null
done
if [[ ! -d /sys/module/c2guard ]]; then
	if [[ -n ${C2GUARD_KO:-} ]]; then
		insmod "$C2GUARD_KO" || die "insmod $C2GUARD_KO failed"
	else
		modprobe c2guard || die "cannot load c2guard (set C2GUARD_KO)"
	fi
	LOADED_KO=1
fi
"$C2CTL" status >/dev/null || die "c2ctl status failed"

# Conntrack: every flow of a measurement must fit (entries are flushed
# after each measurement).
ctmax=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
if ((ctmax < 2 * FLOWS + 4096)); then
	sysctl -qw net.netfilter.nf_conntrack_max=$((2 * FLOWS + 4096)) ||
		die "cannot raise nf_conntrack_max"
fi

# What each gateway is measured with (see above), item by item: ITEM_CFG
# (the gateway's index), ITEM_KIND (udp, udp6, dns, tls), ITEM_KEY (the
# configuration, plus ":KIND" but for udp), ITEM_REF (the baseline's item
# of the same traffic); GW_V6 says which gateways forward IPv6 (udp6).
have_cfg() { [[ " ${cfgs[*]} " == *" $1 "* ]]; }
# kinds_of CFG: the traffic it is measured with, on one line
kinds_of() {
	local k=udp
	case $1 in
	base)
		have_cfg c2-1M-v6-40len && k+=" udp6"
		have_cfg c2-1M-names && k+=" dns tls"
		;;
	c2-names) have_cfg c2-1M-names && k+=" dns tls" ;;
	c2-1M-names) k="dns tls" ;;
	c2-1M-v6-40len) k=udp6 ;;
	esac
	echo "$k"
}
ITEM_CFG=() ITEM_KIND=() ITEM_KEY=() ITEM_REF=() GW_V6=()
declare -A BASE_ITEM
for i in "${!cfgs[@]}"; do
	for kind in $(kinds_of "${cfgs[$i]}"); do
		ITEM_CFG+=("$i")
		ITEM_KIND+=("$kind")
		if [[ $kind == udp ]]; then
			ITEM_KEY+=("${cfgs[$i]}")
		else
			ITEM_KEY+=("${cfgs[$i]}:$kind")
		fi
		[[ $i == 0 ]] && BASE_ITEM[$kind]=$((${#ITEM_CFG[@]} - 1))
		[[ $kind == udp6 ]] && GW_V6[$i]=1
	done
done
for k in "${!ITEM_KIND[@]}"; do
	ITEM_REF+=("${BASE_ITEM[${ITEM_KIND[$k]}]}")
done

# --- topology ------------------------------------------------------------

CLI=$PFX-cli SRV=$PFX-srv
# mac SIDE I END: client (0 I 2), gateway client side (0 I 1), gateway server
# side (1 I 1), server (1 I 2) of gateway I.
mac() { printf '02:c2:00:%02x:%02x:%02x' "$1" "$2" "$3"; }
nsx() { ip netns exec "$@"; }

# Few commands: every process start is slow under emulation.
log "topology: ${#cfgs[@]} gateways"
allns=("$CLI" "$SRV")
for i in "${!cfgs[@]}"; do allns+=("$PFX-gw$i"); done
for ns in "${allns[@]}"; do
	ip netns add "$ns" || die "ip netns add $ns"
	NSES+=("$ns")
done
: >"$TMP/links"
for i in "${!cfgs[@]}"; do
	echo "link add c$i netns $CLI address $(mac 0 "$i" 2) type veth" \
		"peer name g$i netns $PFX-gw$i address $(mac 0 "$i" 1)" >>"$TMP/links"
	echo "link add h$i netns $PFX-gw$i address $(mac 1 "$i" 1) type veth" \
		"peer name s$i netns $SRV address $(mac 1 "$i" 2)" >>"$TMP/links"
done
ip -batch "$TMP/links" || die "cannot create the veth pairs"

# nsetup NS IPBATCH [NFTFILE [V6]]: sysctls, links/addresses/routes,
# ruleset; IPv6 off unless V6 is 1 (then it forwards IPv6 too)
nsetup() {
	local v6=${4:-0}
	nsx "$1" sh -c 'sysctl -qw net.ipv6.conf.all.disable_ipv6=$3 \
		net.ipv6.conf.default.disable_ipv6=$3 net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=$4 &&
		ip -batch "$1" && { [ -z "$2" ] || nft -f "$2"; }' sh "$2" "${3:-}" \
		$((1 - v6)) "$v6" || die "cannot set up $1"
}
printf '%s\n' "table inet c2b_base {" "	chain c2b_fwd {" \
	"		type filter hook forward priority filter; policy accept;" \
	"		ct state established,related accept" \
	"		ct state new accept" "	}" "}" >"$TMP/gw.nft"
echo "link set lo up" >"$TMP/cli"
echo "link set lo up" >"$TMP/srv"
echo "table netdev sink {" >"$TMP/srv.nft"
for i in "${!cfgs[@]}"; do
	printf '%s\n' "link set lo up" \
		"addr add 10.0.$i.1/24 dev g$i" \
		"addr add 10.9.$i.1/24 dev h$i" \
		"link set g$i up" \
		"link set h$i up" \
		"neigh replace 10.9.$i.2 lladdr $(mac 1 "$i" 2) dev h$i nud permanent" \
		"route add default via 10.9.$i.2 dev h$i" >"$TMP/gw$i"
	if [[ -n ${GW_V6[$i]:-} ]]; then
		printf '%s\n' "addr add $V6NET:0:$i::1/64 dev g$i nodad" \
			"addr add $V6NET:9:$i::1/64 dev h$i nodad" \
			"neigh replace $V6NET:9:$i::2 lladdr $(mac 1 "$i" 2) dev h$i nud permanent" \
			"route add 2000::/3 via $V6NET:9:$i::2 dev h$i" >>"$TMP/gw$i"
	fi
	nsetup "$PFX-gw$i" "$TMP/gw$i" "$TMP/gw.nft" "${GW_V6[$i]:-0}"
	echo "link set c$i up" >>"$TMP/cli"
	echo "link set s$i up" >>"$TMP/srv"
	echo "	chain in$i { type filter hook ingress device \"s$i\" priority 0; policy drop; }" \
		>>"$TMP/srv.nft"
done
echo "}" >>"$TMP/srv.nft"
nsetup "$CLI" "$TMP/cli"
# The server drops everything at its netdev ingress: cheap, and no ICMP.
nsetup "$SRV" "$TMP/srv" "$TMP/srv.nft"

# --- measuring -----------------------------------------------------------

NCPU=$(nproc)
PIN=$((NCPU - 1))
# Datagrams each server interface got, "I COUNT" lines.
rx_counts() {
	nsx "$SRV" sh -c 'for d in /sys/class/net/s*; do
		echo "${d##*/s} $(cat "$d/statistics/rx_packets")"; done'
}
declare -A RX0 SENT

# measure PHASE ROUNDS: one c2bench process runs every measurement of the
# phase (warm-up included), a path per item; its "R K NS_NEW NS_ONE" lines
# (K the item) go to $TMP/PHASE.
# bench_path I KIND: c2bench's path through gateway I with KIND traffic.
bench_path() {
	local src=10.0.$1.2
	[[ $2 == udp6 ]] && src=$V6NET:0:$1::2
	echo "c$1,$(mac 0 "$1" 2),$(mac 0 "$1" 1),$src,$PFX-gw$1,$2"
}
measure() {
	local phase=$1 rounds=$2 paths=() k
	for k in "${!ITEM_CFG[@]}"; do
		paths+=("$(bench_path "${ITEM_CFG[$k]}" "${ITEM_KIND[$k]}")")
	done
	log "$phase: $rounds rounds of $FLOWS new flows + $PKTS datagrams of one flow in $SLICES slices, ${#paths[@]} measurements"
	nsx "$CLI" "$HELPER" bench "$FLOWS" "$PKTS" "$rounds" $WARM "$SETTLE_MS" $PIN \
		$NDST "$SLICES" "${paths[@]}" >"$TMP/$phase" || die "c2bench bench failed"
	while read -r w k n; do
		[[ $w == sent ]] || continue
		i=${ITEM_CFG[$k]}
		SENT[$i]=$((SENT[$i] + n))
	done <"$TMP/$phase"
	log "$phase: done"
}

# --- loading -------------------------------------------------------------

memavail_kb() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }
# the kernel's own allocations: slab plus vmalloc (kvmalloc's big tables)
kmem_kb() { awk '/^(Slab|VmallocUsed):/ { kb += $2 } END { print kb }' /proc/meminfo; }
now() { date +%s%N; }
# mib BYTES: "12.3 MiB", or KiB below 1 MiB
mib() {
	awk -v b="$1" 'BEGIN { if (b < 1048576 && b > -1048576) printf "%.1f KiB", b / 1024
		else printf "%.1f MiB", b / 1048576 }'
}
c2stat() { nsx "$1" "$C2CTL" status | awk -v k="$2" '$1 == k { print $2 }'; }

declare -A LOAD_S MEM_DELTA MEM_OWN KMEM_DELTA COUNT M0 K0
# timed_load CFG CMD...: run CMD, record its wall time, MemAvailable drop
# and slab + vmalloc growth
memsettle() {
	sync
	# in a throwaway VM, also drop the page cache: fewer moving parts
	[[ ${C2VM:-0} == 1 ]] && echo 3 >/proc/sys/vm/drop_caches
	sleep 1		# and let RCU free what is waiting
}
timed_load() {
	local cfg=$1 m0 m1 t0 t1
	shift
	memsettle
	m0=$(memavail_kb)
	K0[$cfg]=$(kmem_kb)
	t0=$(now)
	"$@" || die "$cfg: loading failed: $*"
	t1=$(now)
	memsettle
	m1=$(memavail_kb)
	LOAD_S[$cfg]=$(awk -v t=$((t1 - t0)) 'BEGIN { printf "%.1f", t / 1e9 }')
	M0[$cfg]=$m0
	MEM_DELTA[$cfg]=$(((m0 - m1) * 1024))
	KMEM_DELTA[$cfg]=$((($(kmem_kb) - K0[$cfg]) * 1024))
	log "$cfg: loaded in ${LOAD_S[$cfg]}s, MemAvailable drop $(mib "${MEM_DELTA[$cfg]}")"
}

# force: the generated addresses are random, some in ranges the safety
# rails refuse by default (link-local, ...); none is the bench's traffic
c2load() { nsx "$1" "$C2CTL" load "$2" action drop tag bench force >/dev/null; }
nftload() { nsx "$1" nft -f "$2"; }
ipsetload() { nsx "$1" ipset restore <"$2"; }

for i in "${!cfgs[@]}"; do
	g=$PFX-gw$i
	c=${cfgs[$i]}
	case $c in
	base | base2) ;;
	c2-1 | c2-beacon | c2-names)
		nsx "$g" "$C2CTL" add 192.0.2.1 action drop tag bench >/dev/null ||
			die "c2ctl add"
		if [[ $c == c2-beacon ]]; then
			nsx "$g" "$C2CTL" config set beacon on >/dev/null ||
				die "c2ctl config set beacon on"
		fi
		if [[ $c == c2-names ]]; then
			nsx "$g" "$C2CTL" add c2.bench.example action drop tag bench >/dev/null ||
				die "c2ctl add c2.bench.example"
		fi
		MEM_OWN[$c]=$(c2stat "$g" mem)
		;;
	c2-1M | c2-1M-20len | c2-1M-v6-40len | c2-10M | c2-1M-names)
		mode=host n=$IND stat=ind_v4
		case $c in
		c2-1M-20len) mode=spread ;;
		c2-1M-v6-40len) mode=spread6 stat=ind_v6 ;;
		c2-10M) n=$BIG ;;
		c2-1M-names)
			mode=names stat=ind_names
			# (and the two indicators of c2-names)
			nsx "$g" "$C2CTL" add 192.0.2.1 action drop tag bench >/dev/null &&
				nsx "$g" "$C2CTL" add c2.bench.example action drop tag bench >/dev/null ||
				die "c2ctl add"
			;;
		esac
		COUNT[$c]=$n
		log "$c: generating $n indicators ($mode)"
		"$HELPER" gen $mode "$n" c2 >"$TMP/feed" || die "gen"
		timed_load "$c" c2load "$g" "$TMP/feed"
		have=$(c2stat "$g" $stat)
		[[ $c == c2-1M-names ]] && have=$((have - 1))
		[[ $have == "$n" ]] || die "$c: c2guard holds $have indicators ($stat), want $n"
		# the lookups' snapshot is built a moment after the last change
		# (ind_lpm_pending 0; a module without it says nothing)
		t0=$SECONDS
		for ((w = 0; w < 1200; w++)); do
			have=$(c2stat "$g" ind_lpm_pending)
			[[ -z $have || $have == 0 ]] && break
			sleep 0.5
		done
		[[ -z $have || $have == 0 ]] || die "$c: no snapshot of the indicators"
		log "$c: lookup snapshot built $((SECONDS - t0)) s after the load returned"
		# The hash the keys were loaded into shrinks its buckets (2^24
		# of them, 128 MiB, after 10M) in a worker, a moment after the
		# snapshot takes its keys: read once c2guard's count holds still.
		t0=$SECONDS
		have=$(c2stat "$g" mem)
		for ((w = 0; w < 60; w++)); do
			sleep 1
			m=$(c2stat "$g" mem)
			[[ $m == "$have" ]] && break
			have=$m
		done
		log "$c: memory count settled $((SECONDS - t0)) s later"
		# the keys now live in the snapshot: what is held from here on
		memsettle
		MEM_DELTA[$c]=$(((M0[$c] - $(memavail_kb)) * 1024))
		KMEM_DELTA[$c]=$((($(kmem_kb) - K0[$c]) * 1024))
		MEM_OWN[$c]=$(c2stat "$g" mem)
		# (the list, in tmpfs, was there for the first reading too)
		rm -f "$TMP/feed"
		;;
	nft-set | nft-interval | nft-1 | nft-10M)
		mode=host flags= n=$IND
		case $c in
		nft-interval) mode=spread flags=" flags interval; auto-merge;" ;;
		nft-1) n=1 ;;
		nft-10M) n=$BIG ;;
		esac
		COUNT[$c]=$n
		log "$c: generating $n elements ($mode)"
		{
			echo "table ip c2b {"
			echo "	set c2b { type ipv4_addr;$flags }"
			echo "	chain c2b_fwd { type filter hook forward priority filter - 1; ip daddr @c2b drop; }"
			echo "}"
			"$HELPER" gen $mode "$n" nft c2b c2b
		} >"$TMP/nft" || die "gen"
		timed_load "$c" nftload "$g" "$TMP/nft"
		rm -f "$TMP/nft"
		;;
	ipset | ipset-net)
		mode=host type=hash:ip
		[[ $c == ipset-net ]] && mode=spread type=hash:net
		log "$c: generating $IND entries ($mode)"
		{
			echo "create c2b $type family inet hashsize 65536 maxelem $((2 * IND))"
			"$HELPER" gen $mode "$IND" ipset c2b
		} >"$TMP/ipset" || die "gen"
		timed_load "$c" ipsetload "$g" "$TMP/ipset"
		rm -f "$TMP/ipset"
		MEM_OWN[$c]=$(nsx "$g" ipset list -t c2b |
			awk -F': ' '/^Size in memory/ { print $2 }')
		nsx "$g" "$IPT" -A FORWARD -m set --match-set c2b dst -j DROP ||
			die "$IPT -m set"
		;;
	esac
done

# The server's counters, read now: a gateway forwarding IPv6 sends its own
# few MLD reports to the server when its links come up.
# (no process substitution: the VM has no /dev/fd)
counts=$(rx_counts) || die "cannot read the server's counters"
while read -r i n; do RX0[$i]=$n; SENT[$i]=0; done <<<"$counts"
measure main "$ROUNDS"
declare -A LOST
counts=$(rx_counts) || die "cannot read the server's counters"
while read -r i cnt; do
	[[ -n ${SENT[$i]:-} ]] || continue
	LOST[$i]=$((SENT[$i] - (cnt - RX0[$i])))
done <<<"$counts"

# --- profiles ------------------------------------------------------------

# profile CFG: the top kernel symbols while CFG's gateway, alone, forwards
# new UDP flows, into $TMP/prof-CFG.
PROFILED=()
profile() {
	local c=$1 i
	for i in "${!cfgs[@]}"; do
		[[ ${cfgs[$i]} == "$c" ]] && break
	done
	[[ ${cfgs[$i]} == "$c" ]] || { log "profile: no configuration $c"; return; }
	log "profile: $c"
	# the sender's CPU: it runs the gateway's forwarding in its softirq
	# (perf runs a command, not the nsx function)
	perf record -q -N -C "$PIN" -e cpu-clock -F 4000 -o "$TMP/perf-$c.data" -- \
		ip netns exec "$CLI" "$HELPER" bench "$FLOWS" 0 50 $WARM "$(settle_ms "$FLOWS")" $PIN \
		$NDST 1 "$(bench_path "$i" udp)" \
		>/dev/null 2>&1 || { log "profile: perf record failed"; return; }
	{
		# the module's symbols show as the kernel's: count them by name
		# -n: each symbol's samples too, so gateways compare by
		# busy samples per flow (the same flows, the same rate)
		perf report -q -n -i "$TMP/perf-$c.data" --stdio --no-children --sort sym \
			2>/dev/null | awk -v flows=$((50 * FLOWS)) '$1 ~ /%$/ {
				p = $1 + 0; all += p; n += $2
				if ($4 ~ /_safe_halt$|^default_idle$/) { idle += p; ni += $2 }
				else if ($4 ~ /^c2g_/) { c2 += p; nc += $2 } }
			END { printf "  c2guard (c2g_*): %.2f%% of the samples, %.2f%% of the busy ones (%.1f%% idle)\n",
				c2, (all > idle ? 100 * c2 / (all - idle) : 0), idle
				printf "  busy samples per 1000 flows: %.1f, c2guard'"'"'s %.1f (%d samples, %d flows)\n",
				1000 * (n - ni) / flows, 1000 * nc / flows, n, flows }'
		echo "  c2guard's functions (% of all samples):"
		perf report -q -i "$TMP/perf-$c.data" --stdio --no-children --sort sym \
			2>/dev/null | awk '$1 ~ /%$/ && $3 ~ /^c2g_/ { printf "    %7s  %s\n", $1, $3 }'
		echo "  by symbol:"
		perf report -q -n -i "$TMP/perf-$c.data" --stdio --no-children --sort dso,sym \
			--percent-limit 0.4 2>/dev/null | head -n 45
	} | sed 's/  *$//; /^$/d' >"$TMP/prof-$c"
	PROFILED+=("$c")
}
if [[ -n ${C2GUARD_BENCH_PERF:-} ]]; then
	if command -v perf >/dev/null; then
		for c in $C2GUARD_BENCH_PERF; do profile "$c"; done
	else
		log "C2GUARD_BENCH_PERF: no perf here"
	fi
fi

# --- report --------------------------------------------------------------

# The numbers, in one awk (a process per figure is slow under emulation).
# Input: "R K NS_NEW NS_ONE" lines, one per slice of a measurement (K: the
# item, a gateway and its traffic); an item's time in round R is the sum
# of its slices (T), its fastest slice B.  Two items are compared round by
# round: the ratio of their rates within each round, and the median of
# those ratios over the rounds (with the half interquartile range, "iqr",
# as the spread, and for the key ratios a 95 % confidence interval of the
# median).
REPORT_AWK='
function sortn(a, n,    i, j, t) {	# insertion sort, a few dozen numbers
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
}
function q(a, n, p,    x, k) {	# quantile p of sorted a[1..n], interpolated
	x = 1 + p * (n - 1); k = int(x)
	return k >= n ? a[n] : a[k] + (x - k) * (a[k + 1] - a[k])
}
# The median of v[1..n]; sets IQR, and CILO and CIHI: a 95 % confidence
# interval of the median that assumes nothing of the distribution, the
# values of rank j and n + 1 - j, j = n/2 - 0.98 sqrt(n) rounded (from the
# binomial distribution of how many values fall below the median: about 95
# % of the time between j and n - j of them do, for n of 20 or more).
function med(v, n,    m, j) {
	if (n == 0) { IQR = 0; CILO = CIHI = 1; return 1 }
	sortn(v, n)
	m = q(v, n, 0.5)
	IQR = (q(v, n, 0.75) - q(v, n, 0.25)) / 2 / m * 100
	j = int(n / 2 - 0.98 * sqrt(n) + 0.5)
	if (j < 1) j = 1
	CILO = v[j]
	CIHI = v[n + 1 - j]
	return m
}
# ratio K A B: median over the rounds of rate(A) / rate(B), kind K (new: new
# flows, one: one flow); sets IQR (% of the median), CILO and CIHI
function ratio(k, a, b,    r, n, v) {
	n = 0
	for (r = 0; r < rounds; r++)
		if ((k, r, a) in T && (k, r, b) in T)
			v[++n] = T[k, r, b] / T[k, r, a]
	return med(v, n)
}
# The mean time in A (T or B) of the items of configuration KEY in round
# r (a configuration named more than once has an item per gateway), 0 if
# one is missing.
function kt(A, k, r, key,    j, s) {
	s = 0
	for (j = 1; j <= nk[key]; j++) {
		if (!((k, r, item[key, j]) in A))
			return 0
		s += A[k, r, item[key, j]]
	}
	return s / nk[key]
}
# As ratio, for configurations: the mean of their gateways, round by round.
function ratiok(A, k, a, b,    r, n, v, ta, tb) {
	n = 0
	for (r = 0; r < rounds; r++) {
		ta = kt(A, k, r, a)
		tb = kt(A, k, r, b)
		if (ta > 0 && tb > 0)
			v[++n] = tb / ta
	}
	return med(v, n)
}
function kname(key) {
	return disp[item[key, 1]] (nk[key] > 1 ? " x" nk[key] : "")
}
function ns(k, i,    r, n, v) {	# median ns per datagram
	n = 0
	for (r = 0; r < rounds; r++)
		if ((k, r, i) in T)
			v[++n] = T[k, r, i] / (k == "new" ? flows : pkts)
	sortn(v, n)
	return q(v, n, 0.5)
}
function kr(a, b, note,    rw) {
	if (!(a in nk) || !(b in nk))
		return
	rw = ratiok(T, "new", a, b)
	printf "  %-36s %6.3f %5.1f%%  %5.3f-%5.3f", kname(a) " / " kname(b),
		rw, IQR, CILO, CIHI
	if (slices > 1) {
		rw = ratiok(B, "new", a, b)
		printf "  %6.3f %5.1f%%  %5.3f-%5.3f", rw, IQR, CILO, CIHI
	}
	printf "  %s\n", note
}
$1 == "sent" { next }
{
	T["new", $1, $2] += $3
	T["one", $1, $2] += $4
	if (!(("new", $1, $2) in B) || $3 < B["new", $1, $2])
		B["new", $1, $2] = $3
	if ($1 + 1 > rounds) rounds = $1 + 1
}
END {
	n = split(cfgs, cfg, " ")
	split(names, dn, " ")
	split(lost, ls, " ")
	split(refs, rf, " ")
	for (i = 0; i < n; i++) {
		item[cfg[i + 1], ++nk[cfg[i + 1]]] = i
		disp[i] = dn[i + 1]
		ref[i] = rf[i + 1]
	}
	if (raw) {
		print "ns per datagram, round by round (new flows; one flow):"
		for (i = 0; i < n; i++)
			for (kk = 0; kk < (pkts > 0 ? 2 : 1); kk++) {
				k = kk ? "one" : "new"
				printf "  %-20s %s", kk ? "" : disp[i], k
				for (r = 0; r < rounds; r++)
					printf " %.0f", T[k, r, i] / (kk ? pkts : flows)
				print ""
			}
		exit
	}
	printf "%-20s %9s %7s %6s %5s %8s | %9s %6s %5s %7s | %s\n", "",
		"new flows", "ns per", "", "", "+ns per", "one flow", "", "", "+ns per", ""
	printf "%-20s %9s %7s %6s %5s %8s | %9s %6s %5s %7s | %s\n",
		"configuration", "per s", "flow", "/base", "iqr", "flow",
		"pkts/s", "/base", "iqr", "packet", "lost"
	for (i = 0; i < n; i++) {
		# against the baseline measured with the same traffic
		b = ns("new", ref[i])
		b1 = pkts > 0 ? ns("one", ref[i]) : 0
		t = ns("new", i)
		rw = ratio("new", i, ref[i])
		printf "%-20s %9.0f %7.0f %6.3f %4.1f%% %+8.0f | ", disp[i],
			1e9 / t, t, rw, IQR, b * (1 / rw - 1)
		if (pkts > 0) {
			t = ns("one", i)
			rw = ratio("one", i, ref[i])
			printf "%9.0f %6.3f %4.1f%% %+7.0f | ", 1e9 / t, rw, IQR,
				b1 * (1 / rw - 1)
		} else
			printf "%9s %6s %5s %7s | ", "-", "-", "-", "-"
		print ls[i + 1]
	}
	print ""
	print "key ratios (new flows per second; median of the per-round ratios, iqr,"
	print "and the 95 % confidence interval of the median" \
		(slices > 1 ? "; then the same for the fastest" : "):")
	if (slices > 1)
		print "slice of each gateway in each round, \"best\"):"
	kr("base2", "base", "(A/A control: identical gateways, the noise floor)")
	kr("c2-1", "base")
	kr("c2-1M", "base")
	kr("c2-1M-20len", "base")
	kr("nft-set", "base")
	kr("ipset", "base")
	kr("nft-interval", "base")
	kr("ipset-net", "base")
	kr("c2-beacon", "c2-1", "(beacon detection: channel per new flow, clock per packet)")
	kr("c2-names", "c2-1", "(a domain indicator: name stage checks per new flow, a label read per packet)")
	kr("c2-1M", "c2-1", "(does the lookup cost grow with the table?)")
	kr("c2-1M-20len", "c2-1M", "(20 prefix lengths against exact addresses)")
	kr("c2-1M", "nft-set")
	kr("c2-1M", "ipset")
	kr("c2-1M-20len", "nft-interval", "(the same prefixes)")
	kr("c2-1M-20len", "ipset-net", "(the same prefixes)")
	kr("c2-10M", "c2-1", "(10 N indicators against one)")
	kr("c2-10M", "c2-1M")
	kr("nft-1", "base")
	kr("nft-10M", "nft-1", "(the nft set: 10 N elements against one)")
	kr("c2-10M", "nft-10M")
	kr("c2-1M-v6-40len:udp6", "base:udp6", "(IPv6: N prefixes over 40 lengths)")
	kr("c2-names:dns", "base:dns", "(a DNS query per flow: parse and look up its name)")
	kr("c2-1M-names:dns", "c2-names:dns", "(N names against one, DNS)")
	kr("c2-names:tls", "base:tls", "(a ClientHello per flow: parse and look up its name)")
	kr("c2-1M-names:tls", "c2-names:tls", "(N names against one, TLS)")
}'

report() {
	local i k c ver names=() lost=() st
	local -A idx seen
	for i in "${!cfgs[@]}"; do
		idx[${cfgs[$i]}]=$i
	done
	for k in "${!ITEM_CFG[@]}"; do
		i=${ITEM_CFG[$k]}
		c=$(name_of "${cfgs[$i]}")
		# a configuration's second gateway and on: NAME#2, ...
		seen[${ITEM_KEY[$k]}]=$((${seen[${ITEM_KEY[$k]}]:-0} + 1))
		((seen[${ITEM_KEY[$k]}] > 1)) && c+="#${seen[${ITEM_KEY[$k]}]}"
		[[ ${ITEM_KIND[$k]} == udp ]] || c+=:${ITEM_KIND[$k]}
		names+=("$c")
		lost+=("${LOST[$i]:-?}")
	done
	ver=$("$C2CTL" status | awk '$1 == "version" { print $2 }')
	echo "c2guard $ver forwarding benchmark: kernel $(uname -r), $NCPU CPUs," \
		"$(grep -qw hypervisor /proc/cpuinfo && echo VM || echo bare metal)"
	echo "N=$IND indicators/elements; per measurement $FLOWS new UDP flows to $NDST"
	echo "destinations, then $PKTS datagrams of one flow; $ROUNDS rounds, each gateway"
	if ((SLICES > 1)); then
		echo "once per round in $SLICES slices of $((FLOWS / SLICES)) + $((PKTS / SLICES)) datagrams: a round is"
		echo "$SLICES passes, each of every gateway in a random order; iptables: $IPT."
	else
		echo "once per round in a random order; iptables: $IPT."
	fi
	echo "/base: ratio of rates, median over the rounds of the ratio within the"
	echo "round (< 1: slower than the baseline; a gateway's time in a round is"
	echo "the sum of its slices); iqr: half the interquartile range of those ratios,"
	echo "in % (their spread, not an error bar; the key ratios add a 95 %"
	echo "confidence interval of the median, LO-HI);"
	echo "+ns: extra cost per datagram, from /base.  NAME:KIND: measured with"
	echo "that traffic (dns, tls, udp6) against baseline:KIND; lost is per gateway."
	echo
	awk -v cfgs="${ITEM_KEY[*]}" -v names="${names[*]}" -v lost="${lost[*]}" \
		-v refs="${ITEM_REF[*]}" -v flows="$FLOWS" -v pkts="$PKTS" -v slices="$SLICES" -v raw=0 \
		"$REPORT_AWK" "$TMP/main"
	echo
	echo "loading N=$IND (10M: $BIG; wall time of the load command; memory, for"
	echo "c2guard once its keys are in the lookup snapshot: what the kernel's slab and"
	echo "vmalloc grew by, MemAvailable's drop (page cache moves it, +-10 MiB or so)"
	echo "and the table's own figure):"
	for c in c2-1 c2-beacon c2-names c2-1M c2-1M-20len c2-1M-v6-40len c2-1M-names c2-10M \
		nft-set ipset nft-interval ipset-net nft-1 nft-10M; do
		[[ -n ${idx[$c]:-} ]] || continue
		case $c in
		c2-1 | c2-beacon | c2-names) printf '  %-20s %8s   c2ctl status mem %s\n' "$(name_of $c)" - \
			"$(mib "${MEM_OWN[$c]}")" ;;
		c2-*) printf '  %-20s %7ss   slab+vmalloc %s (%s B/indicator), MemAvailable drop %s (%s B), c2ctl status mem %s (%s B)\n' \
			"$(name_of $c)" "${LOAD_S[$c]}" \
			"$(mib "${KMEM_DELTA[$c]}")" "$((KMEM_DELTA[$c] / COUNT[$c]))" \
			"$(mib "${MEM_DELTA[$c]}")" "$((MEM_DELTA[$c] / COUNT[$c]))" \
			"$(mib "${MEM_OWN[$c]}")" "$((MEM_OWN[$c] / COUNT[$c]))" ;;
		nft-*) printf '  %-20s %7ss   slab+vmalloc %s (%s B/element), MemAvailable drop %s\n' \
			"$(name_of $c)" "${LOAD_S[$c]}" \
			"$(mib "${KMEM_DELTA[$c]}")" "$((KMEM_DELTA[$c] / COUNT[$c]))" \
			"$(mib "${MEM_DELTA[$c]}")" ;;
		ipset*) printf '  %-20s %7ss   slab+vmalloc %s (%s B/entry), MemAvailable drop %s, ipset "Size in memory" %s\n' \
			"$(name_of $c)" "${LOAD_S[$c]}" \
			"$(mib "${KMEM_DELTA[$c]}")" "$((KMEM_DELTA[$c] / IND))" \
			"$(mib "${MEM_DELTA[$c]}")" "$(mib "${MEM_OWN[$c]:-0}")" ;;
		esac
	done
	echo
	echo "c2guard counters per gateway (flows looked up, packets inspected, matches,"
	echo "names read from DNS queries and ClientHellos):"
	for c in c2-1 c2-beacon c2-names c2-1M c2-1M-20len c2-1M-v6-40len c2-1M-names c2-10M; do
		[[ -n ${idx[$c]:-} ]] || continue
		st=$(nsx "$PFX-gw${idx[$c]}" "$C2CTL" status |
			awk '$1 ~ /^(flows|packets|matches|dns_queries|tls_sni|tls_partial|beacon_(channels|events|evicted|mem))$/ { printf " %s %s", $1, $2 }')
		printf '  %-20s%s\n' "$(name_of $c)" "$st"
	done
	echo
	echo "ns per flow is the sender's wall time per datagram: client send + gateway"
	echo "forwarding + server ingress drop; +ns (vs baseline) is the gateway's extra"
	echo "work.  c2guard looks up destination and source; nft and ipset only the"
	echo "destination.  lost = datagrams sent but not seen at the server (should be 0)."
	echo
	awk -v cfgs="${ITEM_KEY[*]}" -v names="${names[*]}" -v lost="${lost[*]}" \
		-v refs="${ITEM_REF[*]}" -v flows="$FLOWS" -v pkts="$PKTS" -v slices="$SLICES" -v raw=1 \
		"$REPORT_AWK" "$TMP/main"
	for c in "${PROFILED[@]}"; do
		echo
		echo "profile of $(name_of "$c") (perf cpu-clock on the sender's CPU, new flows only):"
		cat "$TMP/prof-$c"
	done
}

if [[ -n $OUT ]]; then
	report | tee "$OUT"
else
	report
fi
log "done"
