# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# lib.sh - helpers shared by the c2guard selftests.  Source it, don't run it.
#
# What is here:
#   - KTAP-ish sub-result reporting (c2g_pass, c2g_fail, c2g_skip_sub,
#     c2g_check, c2g_finish) and the whole-test skip (c2g_skip_all)
#   - polling (busywait) instead of sleeps
#   - module loading (c2g_load / c2g_unload, C2GUARD_KO)
#   - a three-namespace topology: client -- gateway -- server
#   - the preludes most tests start with: the gateway under test
#     (c2g_gw_setup), echo, DNS and web servers the client is known to
#     reach (c2g_echo_setup, c2g_dns_setup, c2g_web_setup), a monitor
#     known to receive alerts (c2g_mon_ready)
#   - traffic: TCP/UDP echo servers, TCP/UDP clients that classify the
#     outcome (ok / refused / unreach / timeout / error) and time it
#   - c2ctl wrappers; EVERY piece of c2ctl output parsing lives here
#     (status keys, list JSON, monitor JSON), so a change of c2ctl's output
#     format is fixed in one place
#   - alert monitor start/sync/fence/check helpers
#   - cleanup: one EXIT trap kills what we started and deletes our netns
#
# Environment:
#   C2GUARD_KO     path of c2guard.ko (the VM harness sets it); default
#                  <repo>/build/$(uname -r)/c2guard.ko, then an installed one
#   C2CTL          path of c2ctl (or C2GUARD_C2CTL; default <repo>/ctl/c2ctl)
#   C2GUARD_SLOW   multiplier for every timeout (default 1, 2 when C2VM=1)
# (run-vm.sh passes C2GUARD_* variables into the guest, not the others.)

ksft_pass=0
ksft_fail=1
ksft_skip=4

C2G_SELFTEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
C2G_TRAFFIC=$C2G_SELFTEST_DIR/beacon_traffic.py
C2G_REPO=${C2G_REPO:-$(cd "$C2G_SELFTEST_DIR/.." && pwd)}
C2CTL=${C2CTL:-${C2GUARD_C2CTL:-$C2G_REPO/ctl/c2ctl}}
if [ -z "$PYTHON" ]; then
	# Prefer the distribution interpreter: wrappers such as pyenv shims
	# want a writable home and are slow to start under emulation.
	if [ -x /usr/bin/python3 ]; then
		PYTHON=/usr/bin/python3
	else
		PYTHON=$(command -v python3 2>/dev/null)
	fi
fi

# The VM harness (C2VM=1) emulates the CPU: process start-up is slow there.
if [ "${C2VM:-0}" = 1 ]; then
	C2G_SLOW=${C2G_SLOW:-${C2GUARD_SLOW:-2}}
else
	C2G_SLOW=${C2G_SLOW:-${C2GUARD_SLOW:-1}}
fi
# Seconds a client waits for a flow before calling it dropped.
C2G_CONN_TIMEOUT=${C2G_CONN_TIMEOUT:-$((3 * C2G_SLOW))}
# The same where a drop is the expected result (c2g_expect with "timeout"
# and not "ok"): only a flow c2guard let through could be answered, and an
# answer takes well under a second of network time (the clients' timers
# start after their process has), so waiting longer only makes the suite
# slower; a flow that should pass keeps the longer timeout.
C2G_DROP_TIMEOUT=${C2G_DROP_TIMEOUT:-$(((3 * C2G_SLOW + 1) / 2))}
# A rejected flow must fail faster than this (ms): well under the timeout.
# (The time includes starting the client, slow under emulation; what tells
# a reject from a drop is mostly the kind of error.)
C2G_FAST_MS=${C2G_FAST_MS:-$((C2G_CONN_TIMEOUT * 2000 / 3))}
# Default bound for polling loops (ms).
C2G_WAIT_MS=${C2G_WAIT_MS:-$((10000 * C2G_SLOW))}

# Ports used by the echo servers.
C2G_TCP_PORT=8080
C2G_UDP_PORT=8053

# Topology addresses (see c2g_topo_create).
CLI4=10.0.1.2 CLI6=fd00:1::2
GWC4=10.0.1.1 GWC6=fd00:1::1
GWS4=10.0.2.1 GWS6=fd00:2::1
SRV4=10.0.2.2 SRV6=fd00:2::2
SRV4_B=10.0.2.3 SRV6_B=fd00:2::3	# inside 10.0.2.0/25 and fd00:2::/64
SRV4_HI=10.0.2.200			# inside 10.0.2.0/24, outside /25
SRV4_OUT=10.0.3.3 SRV6_OUT=fd00:3::3	# outside 10.0.2.0/24, fd00:2::/64
PROBE4=10.0.2.254			# monitor sync/fence probes go here
PROBE_TAG=c2g-probe

# ---------------------------------------------------------------------------
# Reporting

C2G_NTEST=0
C2G_NFAIL=0
C2G_NSKIP=0

c2g_info()
{
	local l
	while IFS= read -r l; do
		echo "# $l"
	done <<<"$*"
}

c2g_pass()
{
	C2G_NTEST=$((C2G_NTEST + 1))
	echo "ok $C2G_NTEST - $1"
}

# c2g_fail DESC [DETAIL...]: one failed sub-result, details as comments
c2g_fail()
{
	local desc=$1
	shift
	C2G_NTEST=$((C2G_NTEST + 1))
	C2G_NFAIL=$((C2G_NFAIL + 1))
	echo "not ok $C2G_NTEST - $desc"
	[ $# -gt 0 ] && c2g_info "$*"
	return 0
}

# c2g_skip_sub DESC REASON
c2g_skip_sub()
{
	C2G_NTEST=$((C2G_NTEST + 1))
	C2G_NSKIP=$((C2G_NSKIP + 1))
	echo "ok $C2G_NTEST - $1 # SKIP $2"
}

# c2g_result RC DESC [DETAIL...]: pass when RC is 0
c2g_result()
{
	local rc=$1
	shift
	if [ "$rc" -eq 0 ]; then
		c2g_pass "$1"
	else
		c2g_fail "$@"
	fi
}

# c2g_check DESC CMD...: run CMD, pass when it succeeds; output of a
# failing CMD is shown as comments.
c2g_check()
{
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		c2g_pass "$desc"
	else
		c2g_fail "$desc" "command failed (rc=$rc): $*" "$out"
	fi
	return $rc
}

# c2g_check_fail DESC CMD...: negative case, pass when CMD fails
c2g_check_fail()
{
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		c2g_pass "$desc"
		return 0
	fi
	c2g_fail "$desc" "command unexpectedly succeeded: $*" "$out"
	return 1
}

# c2g_skip_all REASON...: skip the whole test program.  The plan line
# takes REASON's first line; all of it is shown as comments (a client's
# error output may have many lines).
c2g_skip_all()
{
	local why=$*
	c2g_info "SKIP: $why"
	echo "1..0 # SKIP ${why%%$'\n'*}"
	exit $ksft_skip
}

# A command that does not exist (a helper renamed under a test, a tool the
# VM lacks) fails the test at its end, not silently: bash runs this in a
# child, so the name goes through a file.
command_not_found_handle()
{
	printf '%s: command not found\n' "$1" >&2
	[ -n "$C2G_TMP" ] && printf '%s\n' "$1" >>"$C2G_TMP/not-found"
	return 127
}

c2g_finish()
{
	if [ -n "$C2G_TMP" ] && [ -s "$C2G_TMP/not-found" ]; then
		c2g_fail "every command the test ran exists" \
			"not found: $(sort -u "$C2G_TMP/not-found" | paste -sd " ")"
	fi
	echo "1..$C2G_NTEST"
	echo "# Totals: pass:$((C2G_NTEST - C2G_NFAIL - C2G_NSKIP)) fail:$C2G_NFAIL skip:$C2G_NSKIP"
	if [ $C2G_NFAIL -gt 0 ]; then
		exit $ksft_fail
	fi
	if [ $C2G_NTEST -gt 0 ] && [ $C2G_NSKIP -eq $C2G_NTEST ]; then
		exit $ksft_skip
	fi
	exit $ksft_pass
}

# ---------------------------------------------------------------------------
# Time and polling

# c2g_now: set C2G_NOW_MS (no fork)
c2g_now()
{
	local t=${EPOCHREALTIME/[.,]/}
	C2G_NOW_MS=$((10#$t / 1000))
}

# c2g_sleep SECONDS: sleep without starting a process, once c2g_init has
# opened C2G_SLEEP_FD (a FIFO nobody writes to: a read on it times out);
# polls sleep often, and starting a process is slow in the VM
C2G_SLEEP_FD=
c2g_sleep()
{
	if [ -n "$C2G_SLEEP_FD" ]; then
		read -r -t "$1" -u "$C2G_SLEEP_FD" _
	else
		sleep "$1"
	fi
	return 0
}

# busywait TIMEOUT_MS CMD...: run CMD until it succeeds or TIMEOUT_MS passed,
# every C2G_POLL_S seconds (default 0.1)
busywait()
{
	local timeout_ms=$1 start
	shift
	c2g_now
	start=$C2G_NOW_MS
	while true; do
		"$@" && return 0
		c2g_now
		[ $((C2G_NOW_MS - start)) -ge "$timeout_ms" ] && return 1
		c2g_sleep "${C2G_POLL_S:-0.1}"
	done
}

# ---------------------------------------------------------------------------
# Prerequisites

c2g_require_root()
{
	[ "$(id -u)" -eq 0 ] || c2g_skip_all "must be run as root"
}

c2g_require_cmd()
{
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || c2g_skip_all "could not find $c"
	done
}

c2g_require_python()
{
	[ -n "$PYTHON" ] && [ -x "$PYTHON" ] || c2g_skip_all "could not find python3"
}

# Everything a topology test needs, without c2guard.
c2g_require_topo()
{
	c2g_require_root
	c2g_require_cmd ip socat timeout jq ss nft
	c2g_require_python
	ip netns add "c2g-probe-$$" 2>/dev/null ||
		c2g_skip_all "cannot create network namespaces"
	ip netns del "c2g-probe-$$"
}

# ---------------------------------------------------------------------------
# Module loading

c2g_loaded()
{
	[ -d /sys/module/c2guard ] && [ -e /sys/module/c2guard/initstate ]
}

# c2g_find_ko: print the c2guard.ko to load, empty when none
c2g_find_ko()
{
	local k
	if [ -n "$C2GUARD_KO" ]; then
		echo "$C2GUARD_KO"
		return
	fi
	for k in "$C2G_REPO/build/$(uname -r)/c2guard.ko" "$C2G_REPO/c2guard.ko"; do
		[ -f "$k" ] && { echo "$k"; return; }
	done
}

C2G_DEP_MODULES="nf_conntrack nf_reject_ipv4 nf_reject_ipv6 nf_defrag_ipv4 gf128mul \
nf_defrag_ipv6 nf_tables nft_ct veth"

# c2g_load: load c2guard (and what it needs) unless it is already loaded.
# Returns 0 loaded, 1 insmod failed, 4 cannot be loaded here (skip).
c2g_load()
{
	local ko m out

	c2g_loaded && return 0
	if [ ! -e /proc/modules ]; then
		echo "kernel has no loadable module support" >&2
		return $ksft_skip
	fi
	ko=$(c2g_find_ko)
	if [ -z "$ko" ]; then
		# an installed copy (DKMS) still counts
		if modinfo c2guard >/dev/null 2>&1; then
			ko=c2guard
		else
			echo "no c2guard.ko (set C2GUARD_KO)" >&2
			return $ksft_skip
		fi
	elif [ ! -f "$ko" ]; then
		# asked for explicitly: a broken setup, not a reason to skip
		echo "C2GUARD_KO=$ko does not exist" >&2
		return 1
	fi
	for m in $C2G_DEP_MODULES; do
		modprobe -q "$m" 2>/dev/null
	done
	if [ "$ko" = c2guard ]; then
		out=$(modprobe c2guard 2>&1)
	else
		out=$(insmod "$ko" 2>&1)
	fi
	if ! c2g_loaded; then
		echo "loading $ko failed: $out" >&2
		return 1
	fi
	return 0
}

c2g_unload()
{
	c2g_loaded || return 0
	rmmod c2guard
}

# c2g_require_c2guard: module loaded (or loadable) and c2ctl present, else
# skip the whole test.  A .ko that exists but fails to load is a failure.
c2g_require_c2guard()
{
	local err rc

	c2g_require_topo
	c2g_init
	[ -x "$C2CTL" ] || c2g_skip_all "c2ctl not found at $C2CTL (set C2CTL)"
	err=$(c2g_load 2>&1)
	rc=$?
	case $rc in
	0) ;;
	"$ksft_skip") c2g_skip_all "$err" ;;
	*)
		echo "not ok 1 - load c2guard"
		c2g_info "$err"
		echo "1..1"
		exit $ksft_fail
		;;
	esac
	# A module loaded by somebody else must be ours: the family resolves.
	if ! "$C2CTL" status >/dev/null 2>&1; then
		echo "not ok 1 - c2ctl status in the initial netns"
		c2g_info "$("$C2CTL" status 2>&1)"
		echo "1..1"
		exit $ksft_fail
	fi
}

# ---------------------------------------------------------------------------
# Cleanup

C2G_NETNS=()
C2G_PIDS=()
C2G_TMP=
C2G_CTL_NETNS=
C2G_FLAT_RAW=

c2g_track_pid()
{
	C2G_PIDS+=("$@")
}

c2g_kill()
{
	local p
	for p in "$@"; do
		kill "$p" 2>/dev/null
	done
	for p in "$@"; do
		wait "$p" 2>/dev/null
	done
	return 0
}

c2g_cleanup()
{
	local ns p pids cmd

	# what a test changed outside its namespaces (c2g_atexit)
	for cmd in "${C2G_ATEXIT[@]}"; do
		eval "$cmd" 2>/dev/null
	done
	for p in "${C2G_PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	for ns in "${C2G_NETNS[@]}"; do
		# children left behind by our forking servers live in our netns
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -n "$pids" ] && kill $pids 2>/dev/null
	done
	for p in "${C2G_PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	for ns in "${C2G_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	[ -n "$C2G_TMP" ] && [ -d "$C2G_TMP" ] && rm -rf "$C2G_TMP"
	return 0
}

# c2g_atexit CMD: run the shell command CMD on exit (to undo a change
# outside the test's namespaces, a module parameter say)
C2G_ATEXIT=()
c2g_atexit()
{
	C2G_ATEXIT+=("$1")
}

# c2g_init: temp dir, trap, private copy of c2ctl; call at the top of a
# test (c2g_require_c2guard does it; more calls do nothing)
c2g_init()
{
	[ -n "$C2G_TMP" ] && return 0
	C2G_SFX="$RANDOM$$"
	C2G_TMP=$(mktemp -d "${TMPDIR:-/tmp}/c2g.XXXXXX") ||
		c2g_skip_all "cannot create a temporary directory"
	chmod 755 "$C2G_TMP"
	trap c2g_cleanup EXIT
	# (no process substitution: the VM guest has no /dev/fd)
	if mkfifo "$C2G_TMP/.sleep" 2>/dev/null; then
		exec {C2G_SLEEP_FD}<>"$C2G_TMP/.sleep"
	fi
	# Work on a private copy of c2ctl: a rebuild in the tree while we run
	# doesn't pull it from under us, and an unprivileged user can run it.
	if [ -x "$C2CTL" ] && cp "$C2CTL" "$C2G_TMP/c2ctl" 2>/dev/null; then
		chmod 755 "$C2G_TMP/c2ctl"
		C2CTL=$C2G_TMP/c2ctl
	fi
	# c2ctl -n NETNS saves a process ("ip netns exec") per call: a c2ctl
	# without it (an older one, for a comparison) gets ip netns exec
	C2G_CTL_NETNS=
	"$C2CTL" -n /proc/self/ns/net -V >/dev/null 2>&1 && C2G_CTL_NETNS=1
	trap 'exit 1' INT TERM HUP
}

# ---------------------------------------------------------------------------
# Topology
#
#   CLI  eth0 10.0.1.2/24 fd00:1::2/64
#    |
#   GW   cli0 10.0.1.1/24 fd00:1::1/64   (forwarding on, v4 and v6)
#        srv0 10.0.2.1/24 fd00:2::1/64
#    |
#   SRV  eth0 10.0.2.2/24 fd00:2::2/64, plus 10.0.2.3 10.0.2.200 10.0.2.254
#        fd00:2::3 and, behind it (routed by GW), 10.0.3.3/24 fd00:3::3/64
#
# Namespaces get unique names; all of them are deleted on exit.

c2g_netns_add()
{
	local ns
	for ns in "$@"; do
		ip netns add "$ns" || return 1
		C2G_NETNS+=("$ns")
		ip -n "$ns" link set lo up || return 1
	done
}

# c2g_topo_create CLI_NS GW_NS SRV_NS
c2g_topo_create()
{
	local cli=$1 gw=$2 srv=$3

	c2g_netns_add "$cli" "$gw" "$srv" || return 1

	ip link add eth0 netns "$cli" type veth peer name cli0 netns "$gw" || return 1
	ip link add eth0 netns "$srv" type veth peer name srv0 netns "$gw" || return 1

	ip netns exec "$gw" sysctl -q -w net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 \
		net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.default.rp_filter=0 >/dev/null || return 1

	ip -n "$cli" addr add $CLI4/24 dev eth0
	ip -n "$cli" addr add $CLI6/64 dev eth0 nodad
	ip -n "$gw" addr add $GWC4/24 dev cli0
	ip -n "$gw" addr add $GWC6/64 dev cli0 nodad
	ip -n "$gw" addr add $GWS4/24 dev srv0
	ip -n "$gw" addr add $GWS6/64 dev srv0 nodad
	ip -n "$srv" addr add $SRV4/24 dev eth0
	ip -n "$srv" addr add $SRV6/64 dev eth0 nodad
	ip -n "$srv" addr add $SRV4_B/24 dev eth0
	ip -n "$srv" addr add $SRV4_HI/24 dev eth0
	ip -n "$srv" addr add $PROBE4/24 dev eth0
	ip -n "$srv" addr add $SRV6_B/64 dev eth0 nodad
	ip -n "$srv" addr add $SRV4_OUT/24 dev eth0
	ip -n "$srv" addr add $SRV6_OUT/64 dev eth0 nodad

	ip -n "$cli" link set eth0 up || return 1
	ip -n "$gw" link set cli0 up || return 1
	ip -n "$gw" link set srv0 up || return 1
	ip -n "$srv" link set eth0 up || return 1

	ip -n "$cli" route add default via $GWC4 || return 1
	ip -n "$cli" -6 route add default via $GWC6 || return 1
	ip -n "$srv" route add default via $GWS4 || return 1
	ip -n "$srv" -6 route add default via $GWS6 || return 1
	ip -n "$gw" route add 10.0.3.0/24 via $SRV4 || return 1
	ip -n "$gw" -6 route add fd00:3::/64 via $SRV6 || return 1
}

# c2g_topo_setup: the default topology, sets CLI GW SRV
c2g_topo_setup()
{
	CLI="c2g-cli-$C2G_SFX"
	GW="c2g-gw-$C2G_SFX"
	SRV="c2g-srv-$C2G_SFX"
	c2g_topo_create "$CLI" "$GW" "$SRV"
}

# c2g_gw_setup [FEATURE...]: how a test of the module on the gateway
# starts: c2guard loaded and c2ctl found (c2g_require_c2guard), the
# default topology (c2g_topo_setup: CLI GW SRV) and the module announcing
# every FEATURE; the test is skipped when any of it is missing.  (Check the
# tools the test needs first: that costs no module load.)
# shellcheck disable=SC2120  # the arguments are optional
c2g_gw_setup()
{
	c2g_require_c2guard
	c2g_topo_setup || c2g_skip_all "cannot build the topology"
	c2g_require_feature "$GW" "$@"
}

# c2g_ifindex NS IFNAME
c2g_ifindex()
{
	ip -n "$1" -j link show dev "$2" | jq -r '.[0].ifindex'
}

# c2g_netns_inode NS: the inode number "readlink /proc/PID/ns/net" shows
c2g_netns_inode()
{
	stat -L -c %i "/run/netns/$1"
}

# ---------------------------------------------------------------------------
# Servers

# c2g_listening NS tcp|udp PORT
c2g_listening()
{
	local opt=-Hltn
	[ "$2" = udp ] && opt=-Hlun
	[ -n "$(ip netns exec "$1" ss $opt "sport = :$3" 2>/dev/null)" ]
}

# c2g_serve_tcp NS [PORT]: dual-stack TCP echo server (-t: once the client
# has sent all, echo the rest however long that takes, not 0.5 s at most)
c2g_serve_tcp()
{
	local ns=$1 port=${2:-$C2G_TCP_PORT}

	ip netns exec "$ns" socat -T $((10 * C2G_SLOW)) -t $((10 * C2G_SLOW)) \
		"TCP6-LISTEN:$port,ipv6only=0,reuseaddr,fork" PIPE \
		</dev/null >/dev/null 2>&1 &
	c2g_track_pid $!
	busywait "$C2G_WAIT_MS" c2g_listening "$ns" tcp "$port"
}

# The UDP echo server: one process, dual stack, answers every datagram.
C2G_UDP_ECHO='
import socket, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
s.bind(("::", int(sys.argv[1])))
while True:
    data, anc, _, peer = s.recvmsg(65535, 256)
    # answer from the address the datagram was sent to: the server has
    # several, and a connected client ignores replies from any other
    anc = [a for a in anc if a[0] == socket.IPPROTO_IPV6 and
           a[1] == socket.IPV6_PKTINFO]
    try:
        s.sendmsg([data], anc, 0, peer)
    except OSError:
        pass
'

# c2g_serve_udp NS [PORT]: dual-stack UDP echo server
c2g_serve_udp()
{
	local ns=$1 port=${2:-$C2G_UDP_PORT}

	ip netns exec "$ns" "$PYTHON" -c "$C2G_UDP_ECHO" "$port" \
		</dev/null >/dev/null 2>&1 &
	c2g_track_pid $!
	busywait "$C2G_WAIT_MS" c2g_listening "$ns" udp "$port"
}

# c2g_echo_setup [udp] [client]: the echo servers of a test of flows, in
# the default topology: TCP on SRV; with "udp" the UDP one on SRV too, with
# "client" a TCP one on CLI as well (for flows towards the client).  The
# test is skipped unless they start and the client reaches the TCP echo of
# the server over IPv4 and IPv6 (the first flow resolves the neighbours:
# polled).  Ports: C2G_TCP_PORT, C2G_UDP_PORT.
# shellcheck disable=SC2120  # the arguments are optional
c2g_echo_setup()
{
	local w

	c2g_serve_tcp "$SRV" || c2g_skip_all "echo server did not start"
	for w in "$@"; do
		case $w in
		udp) c2g_serve_udp "$SRV" ;;
		client) c2g_serve_tcp "$CLI" ;;
		*)
			c2g_fail "c2g_echo_setup: no echo server \"$w\""
			c2g_finish
			;;
		esac || c2g_skip_all "echo servers did not start ($w)"
	done
	busywait "$C2G_WAIT_MS" c2g_tcp "$CLI" "$SRV4" "$C2G_TCP_PORT" 1 ||
		c2g_skip_all "topology: client cannot reach server"
	busywait "$C2G_WAIT_MS" c2g_tcp "$CLI" "$SRV6" "$C2G_TCP_PORT" 1 ||
		c2g_skip_all "topology: client cannot reach server over IPv6"
}

# ---------------------------------------------------------------------------
# Clients
#
# Each client sets:
#   C2G_RES  ok | refused | unreach | timeout | error
#            refused: TCP RST (ECONNREFUSED) or ICMP port unreachable
#            unreach: ICMP unreachable (host/admin prohibited: EHOSTUNREACH,
#                     EACCES, ENETUNREACH)
#   C2G_MS   how long the attempt took
#   C2G_ERR  the client's error output
# and returns 0 only for ok.

c2g_classify()
{
	local rc=$1 good=$2

	if [ "$good" = 1 ]; then
		C2G_RES=ok
	elif grep -qi 'refused' <<<"$C2G_ERR"; then
		C2G_RES=refused
	elif grep -qiE 'no route to host|unreachable|permission denied|prohibited' \
		<<<"$C2G_ERR"; then
		C2G_RES=unreach
	elif [ "$rc" = 124 ] || [ "$rc" = timeout ] ||
		grep -qi 'timed out' <<<"$C2G_ERR"; then
		C2G_RES=timeout
	else
		C2G_RES=error
	fi
	[ "$C2G_RES" = ok ]
}

# c2g_tcp NS DST PORT [TIMEOUT_S [BYTES]]: connect, send a line (or BYTES
# bytes) to the echo server and expect it back.  With C2G_SPORT set, the
# client binds that source port, with C2G_SRC that source address (the
# server has several addresses: source address selection may pick any).
# Once it has sent, the client waits up to TIMEOUT_S for the echo (-t; socat
# gives up after 0.5 s by default, which a busy emulated guest can miss).
c2g_tcp()
{
	local ns=$1 dst=$2 port=$3 t=${4:-$C2G_CONN_TIMEOUT} bytes=${5:-0}
	local fam=TCP4 addr=$dst rc good=0 t0 n

	case $dst in *:*) fam=TCP6 addr="[$dst]" ;; esac
	local opts="connect-timeout=$t"
	[ -n "$C2G_SPORT" ] && opts+=",sourceport=$C2G_SPORT,reuseaddr"
	if [ -n "$C2G_SRC" ]; then
		case $C2G_SRC in
		*:*) opts+=",bind=[$C2G_SRC]" ;;
		*) opts+=",bind=$C2G_SRC" ;;
		esac
	fi
	c2g_now
	t0=$C2G_NOW_MS
	if [ "$bytes" -gt 0 ]; then
		head -c "$bytes" /dev/zero |
			ip netns exec "$ns" timeout $((t * 3 + 10)) socat -T "$t" -t "$t" - \
				"$fam:$addr:$port,$opts" \
				>"$C2G_TMP/cli.out" 2>"$C2G_TMP/cli.err"
		rc=${PIPESTATUS[1]}
		n=$(wc -c <"$C2G_TMP/cli.out")
		[ "$rc" = 0 ] && [ "$n" -eq "$bytes" ] && good=1
	else
		echo c2g-hello |
			ip netns exec "$ns" timeout $((t * 3 + 10)) socat -T "$t" -t "$t" - \
				"$fam:$addr:$port,$opts" \
				>"$C2G_TMP/cli.out" 2>"$C2G_TMP/cli.err"
		rc=${PIPESTATUS[1]}
		[ "$rc" = 0 ] && [ "$(cat "$C2G_TMP/cli.out")" = c2g-hello ] && good=1
	fi
	c2g_now
	C2G_MS=$((C2G_NOW_MS - t0))
	C2G_ERR=$(cat "$C2G_TMP/cli.err")
	c2g_classify "$rc" "$good"
}

# The UDP client runs as one bash inside the netns: a connected UDP socket
# (so ICMP errors are reported), COUNT datagrams, each must be echoed
# before the next is sent.
C2G_UDP_CLIENT='
exec 3<>"/dev/udp/$1/$2" || exit 3
for ((i = 0; i < $4; i++)); do
	d=$((i % 10))
	echo "$d-c2g" >&3 || exit 2
	# bash reads sockets a byte at a time and a read() takes a whole
	# datagram: read one byte per reply, the first byte of what we sent
	if read -r -N 1 -t "$3" c <&3; then
		[ "$c" = "$d" ] || { echo "bad reply: $c" >&2; exit 2; }
	else
		rc=$?
		[ $rc -gt 128 ] && { echo "timed out" >&2; exit 124; }
		exit 1
	fi
done
exit 0
'

# c2g_udp NS DST PORT [TIMEOUT_S [COUNT]]: COUNT datagrams on one flow
c2g_udp()
{
	local ns=$1 dst=$2 port=$3 t=${4:-$C2G_CONN_TIMEOUT} count=${5:-1}
	local rc good=0 t0

	c2g_now
	t0=$C2G_NOW_MS
	ip netns exec "$ns" timeout $((t * count + 10)) bash -c "$C2G_UDP_CLIENT" \
		c2g-udp "$dst" "$port" "$t" "$count" 2>"$C2G_TMP/cli.err"
	rc=$?
	[ $rc = 0 ] && good=1
	c2g_now
	C2G_MS=$((C2G_NOW_MS - t0))
	C2G_ERR=$(cat "$C2G_TMP/cli.err")
	c2g_classify "$rc" "$good"
}

# c2g_udp_send NS DST PORT [N]: fire N datagrams, each from a new socket
# (so a new flow), don't wait for anything
c2g_udp_send()
{
	ip netns exec "$1" bash -c \
		'for ((i = 0; i < $3; i++)); do echo c2g >"/dev/udp/$1/$2"; done' \
		c2g-send "$2" "$3" "${4:-1}" 2>/dev/null
	return 0
}

# c2g_expect DESC RESULT CLIENT ARGS...: run a client, pass when C2G_RES is
# RESULT (RESULT may be "a|b"); a client expected to time out (and not to
# pass) waits C2G_DROP_TIMEOUT unless ARGS give a timeout
c2g_expect()
{
	local desc=$1 want=$2
	shift 2
	if [[ "|$want|" == *"|timeout|"* && "|$want|" != *"|ok|"* ]]; then
		C2G_CONN_TIMEOUT=$C2G_DROP_TIMEOUT "$@"
	else
		"$@"
	fi
	if [[ "|$want|" == *"|$C2G_RES|"* ]]; then
		c2g_pass "$desc"
		return 0
	fi
	c2g_fail "$desc" "$*: got $C2G_RES after ${C2G_MS}ms, wanted $want" \
		"$C2G_ERR"
	return 1
}

# c2g_expect_fast DESC RESULT CLIENT ARGS...: as c2g_expect, and the
# failure must come quickly (a reject, not a drop)
c2g_expect_fast()
{
	local desc=$1 want=$2
	shift 2
	"$@"
	if [[ "|$want|" == *"|$C2G_RES|"* ]] && [ "$C2G_MS" -lt "$C2G_FAST_MS" ]; then
		c2g_pass "$desc"
		return 0
	fi
	c2g_fail "$desc" \
		"$*: got $C2G_RES after ${C2G_MS}ms, wanted $want in <${C2G_FAST_MS}ms" \
		"$C2G_ERR"
	return 1
}

# ---------------------------------------------------------------------------
# nftables

# c2g_nft_counter NS FAMILY TABLE CHAIN: packets counted by all counters of
# the chain
c2g_nft_counter()
{
	ip netns exec "$1" nft -j list chain "$2" "$3" "$4" 2>/dev/null |
		jq '[.nftables[] | .rule? // empty | .expr[] | .counter? // empty
		     | .packets] | add // 0'
}

# c2g_nft_mark_drop NS: the ruleset c2guard's MARK action is meant for
c2g_nft_mark_drop()
{
	local mask=${2:-0x00ff0000} value=${3:-0x00c20000}
	ip netns exec "$1" nft -f - <<EOF
table inet c2g_mark {
	chain c2g_fwd {
		type filter hook forward priority 0; policy accept;
		ct mark and $mask == $value counter drop
	}
}
EOF
}

# ---------------------------------------------------------------------------
# c2ctl.  Keep all knowledge of c2ctl's output format below this line.

# c2g_ctl NS ARGS...: c2ctl in netns NS
c2g_ctl()
{
	local ns=$1
	shift
	if [ -n "$C2G_CTL_NETNS" ]; then
		"$C2CTL" -n "$ns" "$@"
	else
		ip netns exec "$ns" "$C2CTL" "$@"
	fi
}

# c2g_add ARGS...: one check, "c2ctl add ARGS" on the gateway ($GW) works
c2g_add()
{
	c2g_check "add $*" c2g_ctl "$GW" add "$@"
}

# c2g_replace ENTRY ACTION [ADD_ARG...]: one check, ENTRY's indicator on the
# gateway is replaced by one with ACTION (and ADD_ARGs)
c2g_replace()
{
	local entry=$1 action=$2
	shift 2
	c2g_check "replace $entry with action $action" \
		c2g_ctl "$GW" add "$entry" action "$action" "$@" replace
}

# Canonical name -> c2ctl JSON key, for status, list and monitor output.
# Identity unless c2ctl spells a key differently.
declare -A C2G_KEY=()

c2g_key()
{
	echo "${C2G_KEY[$1]:-$1}"
}

# c2g_json NS ARGS...: run c2ctl ARGS in NS; its JSON output, compacted;
# fails (printing nothing) when c2ctl fails or prints invalid JSON.  c2ctl
# -j prints one compact line (jansson; its JSON is checked in the unit
# tests): that is taken as it is, without a jq start, slow in the VM.
c2g_json()
{
	local out
	out=$(c2g_ctl "$@") || return 1
	if [[ $out == [\{\[]*[\}\]] && $out != *$'\n'* ]]; then
		printf '%s\n' "$out"
		return 0
	fi
	jq -c . <<<"$out" 2>/dev/null
}

# c2g_status_json NS: the status object, compact, one line
c2g_status_json()
{
	c2g_json "$1" status -j
}

# c2g_jget JSON KEY: a field of a status (or any) JSON object
c2g_jget()
{
	local k=${C2G_KEY[$2]:-$2} re v

	# An object with no object inside and no escapes (status -j), a scalar
	# found: read here, not by jq, slow to start in the VM.  (Only an inner
	# object or an escaped quote could hold another "KEY":.)  Anything else
	# goes to jq.
	re="[{,]\"$k\":(-?[0-9]+|true|false|null|\"[^\"]*\")[,}]"
	if [[ $1 == '{'* && ${1:1} != *[\{\\]* && $1 =~ $re ]]; then
		v=${BASH_REMATCH[1]}
		case $v in
		null | false) return 0 ;;	# as jq's "// empty"
		\"*) v=${v:1:${#v}-2} ;;
		esac
		printf '%s\n' "$v"
		return 0
	fi
	jq -r --arg k "$k" '.[$k] // empty' <<<"$1"
}

# c2g_stat NS KEY: one status field
c2g_stat()
{
	c2g_jget "$(c2g_status_json "$1")" "$2"
}

# c2g_stat_delta BEFORE_JSON AFTER_JSON KEY
c2g_stat_delta()
{
	local a b
	a=$(c2g_jget "$1" "$3")
	b=$(c2g_jget "$2" "$3")
	echo $(( ${b:-0} - ${a:-0} ))
}

# c2g_config_json NS
c2g_config_json()
{
	c2g_json "$1" config -j
}

# c2g_list NS: indicators (list -j is one array), one compact JSON object
# per listing per line
c2g_list()
{
	local out
	local -a l
	out=$(c2g_ctl "$1" list -j) || return 1
	if c2g_flat_lines l "$out"; then
		[ ${#l[@]} -eq 0 ] || printf '%s\n' "${l[@]}"
		return 0
	fi
	jq -c '.[]' <<<"$out" 2>/dev/null
}

# c2ctl -j prints an alert, and an entry of a list, as one line.  Most are
# "flat": no object, array or escape inside.  Those are matched here, in
# bash, as jq would (jq takes a quarter of a second to start in the VM);
# a file or list with any other line goes to jq.
#
# Past this many bytes, jq is faster than bash's line-by-line matching.
C2G_FLAT_MAX=16384

# c2g_flat LINE: LINE is one flat JSON object
c2g_flat()
{
	local in=${1:1:${#1}-2}

	[[ $1 == '{'*'}' && $in != *[\{\}\[\]\\]* ]]
}

# c2g_flat_get LINE KEY: REPLY is what jq's '.[KEY] | tostring' gives for
# a flat LINE, but "" for null or absent; C2G_FLAT_RAW the JSON value.  (With no escape, every '"' bounds a
# string, and a string is followed by ':' only as a key.)
c2g_flat_get()
{
	local re="[{,]\"$2\":(-?[0-9][0-9.eE+-]*|true|false|null|\"[^\"]*\")[,}]"

	REPLY=
	C2G_FLAT_RAW=null
	[[ $1 =~ $re ]] || return 0
	REPLY=${BASH_REMATCH[1]}
	C2G_FLAT_RAW=$REPLY
	case $REPLY in
	null) REPLY= ;;
	\"*) REPLY=${REPLY:1:${#REPLY}-2} ;;
	esac
}

# c2g_flat_tostring LINE KEY: prints jq's '.[KEY] | tostring' ("null" for
# null or absent)
c2g_flat_tostring()
{
	c2g_flat_get "$1" "$2"
	[ "$C2G_FLAT_RAW" != null ] || REPLY=null
	printf '%s\n' "$REPLY"
}

# c2g_flat_match LINE KEY=VALUE...: c2g_jq_select's select() for a flat
# LINE, but for its host-risk clause (the caller's)
c2g_flat_match()
{
	local line=$1 kv k v
	shift
	for kv in "$@"; do
		if [[ $kv == *'!='* ]]; then
			k=${kv%%!=*} v=${kv#*!=}
			c2g_flat_get "$line" "${C2G_KEY[$k]:-$k}"
			[[ $REPLY != "$v" ]] || return 1
		else
			k=${kv%%=*} v=${kv#*=}
			c2g_flat_get "$line" "${C2G_KEY[$k]:-$k}"
			[[ $REPLY == "$v" ]] || return 1
		fi
	done
}

# c2g_flat_select VAR TEXT [KEY=VALUE...]: the lines of TEXT (one object
# each, as c2g_list prints) matching, into array VAR, selected in bash;
# fails if TEXT is too big for that or a line is not flat
c2g_flat_select()
{
	local -n _sel=$1
	local _e
	local -a _all
	shift
	_sel=()
	[ ${#1} -le $C2G_FLAT_MAX ] || return 1
	mapfile -t _all <<<"$1"
	shift
	for _e in "${_all[@]}"; do
		c2g_flat "$_e" || return 1
		! c2g_flat_match "$_e" "$@" || _sel+=("$_e")
	done
}

# c2g_flat_lines VAR: the lines of a list -j array, one object per line,
# into array VAR; fails if one is not flat (or the list not an array)
c2g_flat_lines()
{
	local -n _out=$1
	local _l

	_out=()
	[ ${#2} -le $C2G_FLAT_MAX ] || return 1
	while IFS= read -r _l; do
		case $_l in
		'[]' | ']') continue ;;
		'['* | ','*) _l=${_l:1} ;;
		*) return 1 ;;
		esac
		c2g_flat "$_l" || return 1
		_out+=("$_l")
	done <<<"$2"
}

# Build a jq select() from KEY=VALUE words (string comparison, so numbers
# and strings are written alike); KEY!=VALUE negates.  A host-risk alert
# carries the flow of the host's last piece of evidence, the flow of
# another alert: it matches only words that name a reason.
c2g_jq_select()
{
	local f='true' kv k v op
	[[ " $* " == *" reason="* || " $* " == *" reason!="* ]] ||
		f+=' and (.reason != "host-risk")'
	for kv in "$@"; do
		if [[ $kv == *'!='* ]]; then
			k=${kv%%!=*} v=${kv#*!=} op='!='
		else
			k=${kv%%=*} v=${kv#*=} op='=='
		fi
		k=$(c2g_key "$k")
		f+=" and ((.[\"$k\"] | if . == null then \"\" else tostring end) $op \"$v\")"
	done
	echo "select($f)"
}

# c2g_list_count NS [KEY=VALUE...]: prints -1 and fails if list fails
c2g_list_count()
{
	local ns=$1 out
	shift
	if ! out=$(c2g_list "$ns"); then
		echo -1
		return 1
	fi
	[ -z "$out" ] && { echo 0; return 0; }
	local -a l
	if c2g_flat_select l "$out" "$@"; then
		echo ${#l[@]}
		return 0
	fi
	jq -c "$(c2g_jq_select "$@")" <<<"$out" | wc -l
}

# c2g_list_get NS FIELD KEY=VALUE...: FIELD of the first matching entry
c2g_list_get()
{
	local ns=$1 field out
	field=$(c2g_key "$2")
	shift 2
	out=$(c2g_list "$ns") || return 1
	local -a l
	if c2g_flat_select l "$out" "$@"; then
		[ ${#l[@]} -eq 0 ] || c2g_flat_tostring "${l[0]}" "$field"
		return 0
	fi
	jq -r "$(c2g_jq_select "$@") | .[\"$field\"] | tostring" <<<"$out" |
		head -n1
}

# c2g_ind_has NS ADDR/LEN: the indicator is listed
c2g_ind_has()
{
	local a=${2%/*} l=${2#*/}
	[ "$(c2g_list_count "$1" addr="$a" prefixlen="$l")" -ge 1 ]
}

c2g_ind_absent()
{
	local a=${2%/*} l=${2#*/}
	[ "$(c2g_list_count "$1" addr="$a" prefixlen="$l")" -eq 0 ]
}

# ---------------------------------------------------------------------------
# Alert monitor
#
# c2ctl monitor prints no "ready" line, and joining the multicast group
# races with the first packets.  c2g_mon_sync closes the race: it lists a
# probe address (action alert, tag $PROBE_TAG) and sends fresh UDP flows
# to it until the monitor prints an alert for one.  The same trick, a
# "fence", proves that every alert emitted before it has been printed.

declare -A C2G_MON_PID=()

# c2g_mon_start NS NAME [ARG...]: start "c2ctl monitor ARG..." (default
# -j) in NS, output in $C2G_TMP/mon.NAME (stderr in mon.NAME.err)
c2g_mon_start()
{
	local ns=$1 name=$2 args

	shift 2
	args=("${@:--j}")
	: >"$C2G_TMP/mon.$name"
	# c2ctl itself in the background (not a function's subshell): $! is
	# its pid, to stop, signal or find its socket by.  (c2ctl monitor
	# flushes its output after every alert.)
	if [ -n "$C2G_CTL_NETNS" ]; then
		"$C2CTL" -n "$ns" monitor "${args[@]}" \
			>"$C2G_TMP/mon.$name" 2>"$C2G_TMP/mon.$name.err" </dev/null &
	else
		ip netns exec "$ns" "$C2CTL" monitor "${args[@]}" \
			>"$C2G_TMP/mon.$name" 2>"$C2G_TMP/mon.$name.err" </dev/null &
	fi
	C2G_MON_PID[$name]=$!
	c2g_track_pid $!
}

c2g_mon_file()
{
	echo "$C2G_TMP/mon.$1"
}

c2g_mon_stop()
{
	local pid=${C2G_MON_PID[$1]}
	[ -n "$pid" ] && c2g_kill "$pid"
	unset "C2G_MON_PID[$1]"
}

c2g_mon_running()
{
	local pid=${C2G_MON_PID[$1]}
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# c2g_alert_select [KEY=VALUE...]: c2g_jq_select for alerts.  A probe alert
# (c2g_fence) comes from an ephemeral port of CLI, which may be the port a
# test's own flow used before: it matches only words that name a tag.
c2g_alert_select()
{
	local f
	f=$(c2g_jq_select "$@")
	[[ " $* " == *" tag="* || " $* " == *" tag!="* ]] ||
		f+=" | select(.tag != \"$PROBE_TAG\")"
	echo "$f"
}

# c2g_alerts NAME [KEY=VALUE...]: matching alerts, compact JSON lines (a
# line still being written is ignored).  A plain VALUE the monitor's output
# does not hold anywhere cannot match: that is told without jq, slow to
# start in the VM, for the polls of an alert not there yet and the checks
# that there is none.
c2g_alerts()
{
	local name=$1 all kv v
	shift
	[ -f "$C2G_TMP/mon.$name" ] || return 0
	all=$(<"$C2G_TMP/mon.$name")
	for kv in "$@"; do
		[[ $kv == *'!='* ]] && continue
		v=${kv#*=}
		[[ $v =~ ^[A-Za-z0-9._:/*@+-]+$ ]] || continue
		[[ $all == *"$v"* ]] || return 0
	done
	c2g_alerts_flat "$all" "$@" ||
		jq -c -R "fromjson? | objects | select(has(\"seq\")) | $(c2g_alert_select "$@")" \
			"$C2G_TMP/mon.$name"
}

# c2g_alerts_flat TEXT [KEY=VALUE...]: c2g_alerts's selection in bash, when
# every complete line of TEXT is flat; else fails, printing nothing.
c2g_alerts_flat()
{
	local all=$1 line any_reason=0 any_tag=0
	local -a l out=()
	shift
	[ ${#all} -le $C2G_FLAT_MAX ] || return 1
	[[ " $* " == *" reason="* || " $* " == *" reason!="* ]] && any_reason=1
	[[ " $* " == *" tag="* || " $* " == *" tag!="* ]] && any_tag=1
	mapfile -t l <<<"$all"
	for line in "${l[@]}"; do
		# (the last line may be being written: jq's fromjson? skips it)
		[[ $line == '{'*'}' ]] || continue
		c2g_flat "$line" || return 1
		[[ $line =~ [{,]\"seq\": ]] || continue
		if [ $any_reason = 0 ]; then
			c2g_flat_get "$line" reason
			[ "$REPLY" != host-risk ] || continue
		fi
		if [ $any_tag = 0 ]; then
			c2g_flat_get "$line" tag
			[ "$REPLY" != "$PROBE_TAG" ] || continue
		fi
		c2g_flat_match "$line" "$@" && out+=("$line")
	done
	[ ${#out[@]} -eq 0 ] || printf '%s\n' "${out[@]}"
}

# c2g_alert_count NAME [KEY=VALUE...]
c2g_alert_count()
{
	local out
	local -a l
	out=$(c2g_alerts "$@")
	[ -n "$out" ] || { echo 0; return 0; }
	mapfile -t l <<<"$out"
	echo ${#l[@]}
}

# c2g_alert_field NAME FIELD [KEY=VALUE...]: FIELD of the last match
c2g_alert_field()
{
	local name=$1 field
	field=$(c2g_key "$2")
	shift 2
	local out
	out=$(c2g_alerts "$name" "$@" | tail -n1)
	if c2g_flat "$out"; then
		c2g_flat_tostring "$out" "$field"
		return 0
	fi
	jq -r ".[\"$field\"] | tostring" <<<"$out"
}

# c2g_alert_seen NAME [KEY=VALUE...]: at least one matching alert
c2g_alert_seen()
{
	[ "$(c2g_alert_count "$@")" -ge 1 ]
}

# c2g_wait_alert TIMEOUT_MS NAME [KEY=VALUE...]
c2g_wait_alert()
{
	local t=$1
	shift
	busywait "$t" c2g_alert_seen "$@"
}

# c2g_probe_add GW: list the probe address (idempotent)
c2g_probe_add()
{
	c2g_ind_has "$1" "$PROBE4/32" ||
		c2g_ctl "$1" add "$PROBE4" action alert tag "$PROBE_TAG"
}

c2g_probe_del()
{
	c2g_ctl "$1" del "$PROBE4" 2>/dev/null
	return 0
}

# c2g_probe_more NAME N: more than N probe alerts were printed
c2g_probe_more()
{
	[ "$(c2g_alert_count "$1" tag="$PROBE_TAG")" -gt "$2" ]
}

# c2g_fence NAME GW CLI [TIMEOUT_MS]: send probe flows from CLI until the
# monitor NAME prints a new probe alert.  Afterwards every alert emitted
# before the fence has been printed (alerts are emitted in order).
c2g_fence()
{
	local name=$1 gw=$2 cli=$3 t=${4:-$C2G_WAIT_MS} n start

	c2g_probe_add "$gw" >/dev/null || return 1
	n=$(c2g_alert_count "$name" tag="$PROBE_TAG")
	c2g_now
	start=$C2G_NOW_MS
	while true; do
		c2g_mon_running "$name" || return 1
		c2g_udp_send "$cli" "$PROBE4" 9
		busywait 1000 c2g_probe_more "$name" "$n" && return 0
		c2g_now
		if [ $((C2G_NOW_MS - start)) -ge "$t" ]; then
			c2g_info "fence: no probe alert from monitor $name in $t ms"
			return 1
		fi
	done
}

# c2g_mon_sync NAME GW CLI: wait until monitor NAME receives alerts
c2g_mon_sync()
{
	c2g_fence "$@"
}

# c2g_mon_up NAME GW CLI: start monitor NAME in GW (c2g_mon_start) and wait
# until it receives alerts (c2g_mon_sync, probe flows from CLI); fails when
# it does not.  The monitor is killed on exit, or by c2g_mon_stop NAME.
c2g_mon_up()
{
	c2g_mon_start "$2" "$1"
	c2g_mon_sync "$@"
}

# c2g_mon_ready NAME GW CLI: c2g_mon_up for a test whose checks need the
# alerts: when the monitor receives none, the test ends with the failed
# check "monitor receives alerts" (and the monitor's error output).  When it
# does, nothing is reported.
c2g_mon_ready()
{
	c2g_mon_up "$@" && return 0
	c2g_fail "monitor receives alerts" "$(cat "$(c2g_mon_file "$1").err")"
	c2g_finish
}

# c2g_mon_alive NAME: the check "monitor still running" (with the
# monitor's error output when it is not)
c2g_mon_alive()
{
	c2g_mon_running "$1"
	c2g_result $? "monitor still running" "$(cat "$(c2g_mon_file "$1").err")"
}

# c2g_alert_match DESC NAME FILTER... -- EXPECT...: the last alert matching
# the KEY=VALUE filters has every KEY=VALUE of EXPECT (VALUE may list
# alternatives "a|b"; an empty alternative matches an absent key; a newline
# in a value reads \n).  One jq run for all keys: a process start is costly
# in a TCG guest, and one jq per key made basic's alert checks a tenth of
# its time.
c2g_alert_match()
{
	local desc=$1 name=$2 kv v bad='' i=0 line
	local -a filt=() akeys=() awant=() agot=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		filt+=("$1")
		shift
	done
	shift
	for kv in "$@"; do
		akeys+=("${C2G_KEY[${kv%%=*}]:-${kv%%=*}}")
		awant+=("${kv#*=}")
	done
	# first line: the alert (or nothing); then one value per key
	if [ -f "$C2G_TMP/mon.$name" ] &&
		line=$(c2g_alerts_flat "$(<"$C2G_TMP/mon.$name")" "${filt[@]}"); then
		line=${line##*$'\n'}
		agot=("$line")
		for kv in "${akeys[@]}"; do
			c2g_flat_get "$line" "$kv"
			agot+=("$REPLY")
		done
	else
		# (no process substitution: the VM guest has no /dev/fd)
		mapfile -t agot <<<"$(jq -R -s -r "[split(\"\\n\")[] | fromjson? |
			$(c2g_alert_select "${filt[@]}")] | last |
			if . == null then \"\" else (tojson, (. as \$a | \$ARGS.positional[] |
			\$a[.] | if . == null then \"\" else tostring | gsub(\"\\n\"; \"\\\\n\") end)) end" \
			"$C2G_TMP/mon.$name" --args "${akeys[@]}")"
	fi
	line=${agot[0]}
	if [ -z "$line" ]; then
		c2g_fail "$desc" "no alert matching ${filt[*]}"
		return 1
	fi
	for kv in "$@"; do
		v=${agot[$((i + 1))]}
		[[ "|${awant[$i]}|" == *"|$v|"* ]] ||
			bad+="${kv%%=*}=\"$v\" (want \"${awant[$i]}\") "
		i=$((i + 1))
	done
	if [ -n "$bad" ]; then
		c2g_fail "$desc" "$bad" "$line"
		return 1
	fi
	c2g_pass "$desc"
}

# c2g_alert_exactly DESC NAME N FILTER...: exactly N matching alerts (call
# c2g_fence first so that late alerts would have arrived)
c2g_alert_exactly()
{
	local desc=$1 name=$2 want=$3 n
	shift 3
	n=$(c2g_alert_count "$name" "$@")
	if [ "$n" -eq "$want" ]; then
		c2g_pass "$desc"
		return 0
	fi
	c2g_fail "$desc" "$n alerts matching $*, want $want" \
		"$(c2g_alerts "$name" "$@" | head -n 5)"
	return 1
}

# c2g_alert_seqs NAME: the seq numbers of all alerts, in order
c2g_alert_seqs()
{
	jq -R -r "fromjson? | objects | select(has(\"seq\")) | .[\"$(c2g_key seq)\"]" \
		"$C2G_TMP/mon.$1"
}

# c2g_seq_contiguous NAME: every alert's seq is the previous one's plus 1
c2g_seq_contiguous()
{
	c2g_alert_seqs "$1" | awk 'NR > 1 && $1 != prev + 1 {
		printf "seq %s follows %s\n", $1, prev; bad = 1 }
		{ prev = $1 } END { exit bad }'
}

# c2g_delta_check DESC BEFORE_JSON AFTER_JSON KEY OP N: e.g. ... matches -eq 1
c2g_delta_check()
{
	local desc=$1 d
	# every delta of the pair in one jq run, kept for the next check
	[ "$C2G_DELTA_OF" = "$2"$'\n'"$3" ] || c2g_deltas "$2" "$3"
	d=${C2G_DELTA[${C2G_KEY[$4]:-$4}]}
	[ -n "$d" ] || d=$(c2g_stat_delta "$2" "$3" "$4")
	if test "$d" "$5" "$6"; then
		c2g_pass "$desc"
		return 0
	fi
	c2g_fail "$desc" "status $4 moved by $d, want $5 $6"
	return 1
}

# ---------------------------------------------------------------------------
# Domain indicators (issue 3): DNS, TLS and HTTP servers and clients, name
# indicators, bound addresses.  Everything that reads c2ctl output still
# goes through the generic helpers above (c2g_list*, c2g_alert*, c2g_jget).

# shellcheck disable=SC2034  # the ports the tests use
{
C2G_DNS_PORT=53
C2G_HTTP_PORT=80
C2G_HTTP_PORT2=8081	# a non-standard HTTP port
C2G_TLS_PORT=443
C2G_TLS_PORT2=8443	# a non-standard TLS port
}

# Kernel complaints; the same list as run_tests.sh's (which names the test
# that caused one; these helpers let a test check right after its traffic).
C2G_SPLAT='WARNING:|BUG:|BUG [a-zA-Z0-9_-]+ \(|Oops|general protection fault|'
C2G_SPLAT+='Call Trace|refcount_t:|suspicious RCU usage|KASAN:|UBSAN:|'
C2G_SPLAT+='list_(add|del) corruption|possible (recursive|circular) locking|'
C2G_SPLAT+='inconsistent lock state|blocked for more than|Kernel panic|'
C2G_SPLAT+='skb_over_panic|skb_under_panic|page allocation failure'

# c2g_dmesg_mark: remember where the kernel log ends now
c2g_dmesg_mark()
{
	C2G_DMESG_MARK=$(dmesg 2>/dev/null | wc -l)
}

# c2g_dmesg_splats: kernel complaints logged since c2g_dmesg_mark (prints
# them; fails when there are any)
c2g_dmesg_splats()
{
	local s
	s=$(dmesg 2>/dev/null | tail -n +$((${C2G_DMESG_MARK:-0} + 1)) |
		grep -E "$C2G_SPLAT" | head -n 10)
	[ -z "$s" ] && return 0
	echo "$s"
	return 1
}

# c2g_require_domain_tools CMD...: like c2g_require_cmd; also finds
# dnsmasq in /usr/sbin when PATH lacks it
c2g_require_domain_tools()
{
	local c
	for c in "$@"; do
		if [ "$c" = dnsmasq ] && ! command -v dnsmasq >/dev/null 2>&1 &&
			[ -x /usr/sbin/dnsmasq ]; then
			PATH=$PATH:/usr/sbin
		fi
	done
	c2g_require_cmd "$@"
}

# c2g_require_scapy: the python interpreter can import scapy
c2g_require_scapy()
{
	c2g_require_python
	"$PYTHON" -c 'import scapy.all' >/dev/null 2>&1 ||
		c2g_skip_all "python3 has no scapy (python3-scapy)"
}

# c2g_feature NS NAME: the module announces feature NAME in status
c2g_feature()
{
	local s
	s=$(c2g_status_json "$1") || return 1
	jq -e --arg k "$(c2g_key features)" --arg f "$2" \
		'.[$k] | index($f) != null' <<<"$s" >/dev/null
}

# c2g_require_feature NS NAME...: skip the whole test unless the module
# has every feature
c2g_require_feature()
{
	local ns=$1 f
	shift
	for f in "$@"; do
		c2g_feature "$ns" "$f" ||
			c2g_skip_all "module lacks feature \"$f\" ($(c2g_stat "$ns" features | tr -d '\n'))"
	done
}

# c2g_cfg NS KEY: one setting of "config -j" (KEY as c2ctl names it in
# JSON, e.g. dns_port)
c2g_cfg()
{
	c2g_jget "$(c2g_config_json "$1")" "$2"
}

# ---------------------------------------------------------------------------
# DNS server: dnsmasq

# c2g_serve_dns NS NAME PORT ADDR[,ADDR...] [DNSMASQ_OPTION...]: dnsmasq
# in NS answering on ADDRs:PORT (UDP and TCP) from its own records only
# (--address, --host-record, --cname ... in the options); names under
# "example" it has no record for are NXDOMAIN.  It logs every query to
# $C2G_TMP/dns.NAME.log (see c2g_dns_seen).
c2g_serve_dns()
{
	local ns=$1 name=$2 port=$3 addrs=$4 a la=()
	shift 4

	for a in ${addrs//,/ }; do
		la+=("--listen-address=$a")
	done
	# -k: foreground, so our trap kills it; no pid file, no resolv.conf,
	# no /etc/hosts, no config file: the guest's root is read-only and
	# must not leak into the answers
	ip netns exec "$ns" dnsmasq -k -C /dev/null --pid-file= --no-resolv \
		--no-hosts --bind-interfaces "${la[@]}" --port="$port" \
		--user=root --group=root --local=/example/ --log-queries \
		--log-facility=- "$@" \
		</dev/null >"$C2G_TMP/dns.$name.log" 2>&1 &
	c2g_track_pid $!
	busywait "$C2G_WAIT_MS" c2g_listening "$ns" udp "$port" &&
		busywait "$C2G_WAIT_MS" c2g_listening "$ns" tcp "$port"
}

# c2g_dns_setup QNAME [DNSMASQ_OPTION...]: the name server of a DNS test
# in the default topology: dnsmasq "main" (c2g_serve_dns) on SRV4 and SRV6,
# port C2G_DNS_PORT, answering from the records of the options.  The test
# is skipped unless it starts and the client resolves QNAME (type A)
# through the gateway over IPv4 and IPv6.
c2g_dns_setup()
{
	local q=$1
	shift
	c2g_serve_dns "$SRV" main "$C2G_DNS_PORT" "$SRV4,$SRV6" "$@" ||
		c2g_skip_all "dnsmasq did not start: $(cat "$C2G_TMP/dns.main.log")"
	C2G_DIG_TIMEOUT=1 busywait "$C2G_WAIT_MS" c2g_dig "$CLI" "$SRV4" "$q" ||
		c2g_skip_all "topology: client cannot resolve ($C2G_RES)" "$C2G_ERR"
	C2G_DIG_TIMEOUT=1 busywait "$C2G_WAIT_MS" c2g_dig "$CLI" "$SRV6" "$q" ||
		c2g_skip_all "topology: client cannot resolve over IPv6 ($C2G_RES)"
}

# c2g_dns_seen NAME QNAME: the dnsmasq instance NAME was asked for QNAME
c2g_dns_seen()
{
	grep -qiE "query\[[A-Z]+\] $2 from" "$C2G_TMP/dns.$1.log"
}

# c2g_dig NS SERVER QNAME [QTYPE [DIG_OPTION...]]: one query, one try.
# C2G_DNS_PORT_Q sets the server port (default 53), C2G_SPORT the client's
# source port (never reuse one within a test: the old conntrack entry would
# carry the new query).  Sets
#   C2G_RES   the rcode in upper case (NOERROR, NXDOMAIN, REFUSED,
#             SERVFAIL...) when an answer came, else in lower case:
#             timeout, reset (TCP RST after connecting), refused (TCP RST
#             to the SYN / ICMP port unreachable), unreach, error
#   C2G_DNS_ADDRS  the A/AAAA addresses of the answer section, one line each
#   C2G_DNS_CNAMES the CNAME targets of the answer section
#   C2G_MS   dig's query time when an answer came, else the time taken
#   C2G_ERR  dig's whole output
# and returns 0 only for NOERROR.
c2g_dig()
{
	local ns=$1 srv=$2 q=$3 qt=${4:-A} t=${C2G_DIG_TIMEOUT:-$C2G_CONN_TIMEOUT}
	local out rc t0 l f sec=0 st='' qms='' b=()
	shift 4 2>/dev/null || shift $#

	if [ -n "$C2G_SPORT" ]; then
		case $srv in
		*:*) b=(-b "::#$C2G_SPORT") ;;
		*) b=(-b "0.0.0.0#$C2G_SPORT") ;;
		esac
	fi
	c2g_now
	t0=$C2G_NOW_MS
	# (no "timeout" around dig: +time and +tries bound it, and every
	# process start counts under emulation; the parsing below forks none)
	out=$(ip netns exec "$ns" dig +time="$t" +tries=1 +retry=0 \
		-p "${C2G_DNS_PORT_Q:-$C2G_DNS_PORT}" "${b[@]}" "@$srv" "$q" "$qt" \
		"$@" 2>&1)
	rc=$?
	c2g_now
	C2G_ERR=$out
	C2G_DNS_ADDRS=
	# shellcheck disable=SC2034  # read by the tests
	C2G_DNS_CNAMES=
	while IFS= read -r l; do
		case $l in
		';; ANSWER SECTION:'*) sec=1; continue ;;
		'') sec=0; continue ;;
		*'->>HEADER<<-'*'status: '*)
			st=${l#*status: }
			st=${st%%,*}
			;;
		';; Query time: '*' msec')
			qms=${l#;; Query time: }
			qms=${qms% msec}
			;;
		esac
		[ $sec = 1 ] || continue
		read -r -a f <<<"$l"
		case ${f[3]} in
		A | AAAA) C2G_DNS_ADDRS+=${f[4]}$'\n' ;;
		CNAME) C2G_DNS_CNAMES+=${f[4]%.}$'\n' ;;
		esac
	done <<<"$out"
	# dig's own measure when it has one: process start-up (seconds when
	# the emulated machine is busy) is not the network's doing
	if [[ $qms =~ ^[0-9]+$ ]]; then
		C2G_MS=$qms
	else
		C2G_MS=$((C2G_NOW_MS - t0))
	fi
	C2G_DNS_ADDRS=${C2G_DNS_ADDRS%$'\n'}
	C2G_DNS_CNAMES=${C2G_DNS_CNAMES%$'\n'}
	shopt -s nocasematch
	if [ -n "$st" ]; then
		C2G_RES=$st
	elif [[ $out == *"connection reset"* || $out == *"end of file"* ]]; then
		C2G_RES=reset
	elif [[ $out == *"connection refused"* || $out == *"port unreachable"* ]]; then
		C2G_RES=refused
	elif [[ $out == *unreachable* || $out == *prohibited* ]]; then
		C2G_RES=unreach
	elif [[ $out == *"timed out"* ]]; then
		C2G_RES=timeout
	else
		C2G_RES=error
		C2G_ERR="dig exit $rc: $out"
	fi
	shopt -u nocasematch
	[ "$C2G_RES" = NOERROR ]
}

# c2g_dns_has ADDR: the last c2g_dig answer carried ADDR
c2g_dns_has()
{
	[[ $'\n'$C2G_DNS_ADDRS$'\n' == *$'\n'"$1"$'\n'* ]]
}

# Queries of c2g_query and c2g_query_fast go from the client, each from a
# source port of its own, C2G_QPORT after the call: every query is a new flow
# and its alert can be told apart.
C2G_QPORT=40100

# c2g_query DESC RESULT SERVER QNAME [QTYPE [DIG_OPTION...]]: one check, the
# client's query gets RESULT (see c2g_expect)
c2g_query()
{
	local desc=$1 want=$2
	shift 2
	C2G_QPORT=$((C2G_QPORT + 1))
	C2G_SPORT=$C2G_QPORT c2g_expect "$desc" "$want" c2g_dig "$CLI" "$@"
}

# c2g_query_fast: c2g_query, and the answer must come quickly (the module
# answered it)
c2g_query_fast()
{
	local desc=$1 want=$2
	shift 2
	C2G_QPORT=$((C2G_QPORT + 1))
	C2G_SPORT=$C2G_QPORT c2g_expect_fast "$desc" "$want" c2g_dig "$CLI" "$@"
}

# c2g_answer_has DESC ADDR: one check, the last answer carried ADDR
c2g_answer_has()
{
	c2g_dns_has "$2"
	c2g_result $? "$1" "answer: $C2G_DNS_ADDRS"
}

# c2g_query_unseen DESC QNAME [SERVER]: one check, QNAME never reached the
# c2g_serve_dns server SERVER (default main)
c2g_query_unseen()
{
	if c2g_dns_seen "${3:-main}" "$2"; then
		c2g_fail "$1" "$(grep -i "$2" "$C2G_TMP/dns.${3:-main}.log")"
	else
		c2g_pass "$1"
	fi
}

# ---------------------------------------------------------------------------
# Web servers: HTTP and HTTPS in one python process (threads: a stalled
# connection, e.g. one whose ClientHello was dropped, blocks nobody)

# The certificate: a throw-away self-signed one, made at test time
# c2g_tls_cert: sets C2G_TLS_CERT and C2G_TLS_KEY (in $C2G_TMP)
c2g_tls_cert()
{
	C2G_TLS_CERT=$C2G_TMP/cert.pem C2G_TLS_KEY=$C2G_TMP/key.pem
	[ -s "$C2G_TLS_CERT" ] && return 0
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -keyout "$C2G_TLS_KEY" -out "$C2G_TLS_CERT" -days 2 \
		-subj /CN=c2guard-selftest >/dev/null 2>&1
}

C2G_WEB_SERVER='
import socket, ssl, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

cert, key, log = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def do_GET(self):
        with lock, open(log, "a") as f:
            f.write("%s %s host=%s sni=%s path=%s\n" % (self.server.kind,
                    self.server.server_address[1], self.headers.get("Host"),
                    getattr(self.connection, "c2g_sni", None), self.path))
        body = b"c2g-ok\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass

class S(ThreadingHTTPServer):
    address_family = socket.AF_INET6
    daemon_threads = True
    def server_bind(self):
        self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()
    def finish_request(self, req, addr):
        req.settimeout(600)
        if self.kind == "tls":
            # the handshake runs here, in the connection thread
            req = ctx.wrap_socket(req, server_side=True)
        super().finish_request(req, addr)
    def handle_error(self, req, addr):
        pass

def sni_cb(sock, name, c):
    sock.c2g_sni = name

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
ctx.sni_callback = sni_cb
for spec in sys.argv[4:]:
    kind, port = spec.split(":")
    s = S(("::", int(port)), H)
    s.kind = kind
    threading.Thread(target=s.serve_forever, daemon=True).start()
threading.Event().wait()
'

# c2g_serve_web NS KIND:PORT...: KIND is http or tls; every request is
# logged to $C2G_TMP/web.log ("KIND PORT host=H sni=S")
c2g_serve_web()
{
	local ns=$1 spec pid
	shift
	c2g_tls_cert || return 1
	ip netns exec "$ns" "$PYTHON" -c "$C2G_WEB_SERVER" "$C2G_TLS_CERT" "$C2G_TLS_KEY" \
		"$C2G_TMP/web.log" "$@" </dev/null >/dev/null 2>"$C2G_TMP/web.err" &
	pid=$!
	c2g_track_pid $pid
	# Python's start-up reads its modules over 9p: on a debug kernel on a
	# busy host that alone has taken over a minute.  Wait while the server
	# lives, up to 5 waits; a server that died has failed.
	for spec in "$@"; do
		busywait $((5 * C2G_WAIT_MS)) _c2g_web_up "$ns" "${spec#*:}" $pid
		c2g_listening "$ns" tcp "${spec#*:}" || return 1
	done
}

_c2g_web_up()
{
	c2g_listening "$1" tcp "$2" || ! kill -0 "$3" 2>/dev/null
}

# c2g_web_seen HOST: the web server answered a request for HOST
c2g_web_seen()
{
	grep -qF "host=$1" "$C2G_TMP/web.log" 2>/dev/null
}

# c2g_curl NS URL [CURL_OPTION...]: one request, certificates not
# verified.  Sets C2G_RES: ok (a 200 answer), refused (RST to the SYN),
# reset (RST after connecting, e.g. during the TLS handshake), timeout,
# unreach, error; C2G_MS (curl's time_total), C2G_ERR (curl's error output).
c2g_curl()
{
	local ns=$1 url=$2 t=${C2G_CURL_TIMEOUT:-$C2G_CONN_TIMEOUT} rc code t0 tt
	shift 2

	c2g_now
	t0=$C2G_NOW_MS
	# curl's --max-time bounds it; no "timeout" process around it
	code=$(ip netns exec "$ns" curl -sS -k -g --max-time "$t" -o /dev/null \
		-w '%{http_code} %{time_total}' "$@" "$url" 2>"$C2G_TMP/curl.err")
	rc=$?
	c2g_now
	# curl's own measure (seconds, from its start of the transfer): the
	# process start-up is not the network's doing
	tt=${code#* }
	code=${code%% *}
	if [[ $tt =~ ^([0-9]+)[.,]([0-9]{3}) ]]; then
		C2G_MS=$((10#${BASH_REMATCH[1]} * 1000 + 10#${BASH_REMATCH[2]}))
	else
		C2G_MS=$((C2G_NOW_MS - t0))
	fi
	C2G_ERR=
	read -r -d '' C2G_ERR <"$C2G_TMP/curl.err"
	shopt -s nocasematch
	if [ $rc = 0 ] && [ "$code" = 200 ]; then
		C2G_RES=ok
	elif [[ $C2G_ERR == *"reset by peer"* ]]; then
		C2G_RES=reset
	elif [[ $C2G_ERR == *"no route to host"* || $C2G_ERR == *unreachable* ||
		$C2G_ERR == *prohibited* ]]; then
		C2G_RES=unreach
	elif [ $rc = 28 ]; then
		C2G_RES=timeout
	elif [ $rc = 7 ]; then
		# "Couldn't connect to server" (curl 7.88 says no more)
		C2G_RES=refused
	else
		C2G_RES=error
		C2G_ERR="curl exit $rc, http code $code: $C2G_ERR"
	fi
	shopt -u nocasematch
	[ "$C2G_RES" = ok ]
}

# c2g_https NS NAME ADDR [PORT [CURL_OPTION...]]: GET https://NAME:PORT/
# from ADDR (SNI and Host are NAME)
c2g_https()
{
	local ns=$1 name=$2 addr=$3 port=${4:-$C2G_TLS_PORT}
	shift 4 2>/dev/null || shift $#
	case $addr in *:*) addr="[$addr]" ;; esac
	c2g_curl "$ns" "https://$name:$port/" --resolve "$name:$port:$addr" "$@"
}

# c2g_http NS NAME ADDR [PORT [CURL_OPTION...]]: GET http://NAME:PORT/
# from ADDR (Host is NAME, or NAME:PORT off port 80)
c2g_http()
{
	local ns=$1 name=$2 addr=$3 port=${4:-$C2G_HTTP_PORT}
	shift 4 2>/dev/null || shift $#
	case $addr in *:*) addr="[$addr]" ;; esac
	c2g_curl "$ns" "http://$name:$port/" --resolve "$name:$port:$addr" "$@"
}

# c2g_web_setup KIND:PORT...: the web server of an HTTP or TLS test in the
# default topology (c2g_serve_web on SRV, one listener per KIND:PORT).  The
# test is skipped unless it starts and the client gets an answer from the
# first listener through the gateway over IPv4 and IPv6.
c2g_web_setup()
{
	local port=${1#*:} get=c2g_http

	[ "${1%%:*}" = tls ] && get=c2g_https
	c2g_serve_web "$SRV" "$@" ||
		c2g_skip_all "web server did not start: $(cat "$C2G_TMP/web.err")"
	busywait "$C2G_WAIT_MS" $get "$CLI" www.example "$SRV4" "$port" ||
		c2g_skip_all "topology: client cannot reach the server ($C2G_RES)" "$C2G_ERR"
	busywait "$C2G_WAIT_MS" $get "$CLI" www.example "$SRV6" "$port" ||
		c2g_skip_all "topology: client cannot reach the server over IPv6 ($C2G_RES)"
}

# Requests of c2g_web_expect go from the client, each from a port of its own
# (curl --local-port), C2G_LPORT after the call, so that its alert can be
# told apart; c2g_web_lport takes one for a request made otherwise.
C2G_LPORT=41100
c2g_web_lport()
{
	C2G_LPORT=$((C2G_LPORT + 1))
}

# c2g_web_expect DESC RESULT http|https NAME ADDR [PORT [CURL_OPTION...]]:
# one check, c2g_http or c2g_https from the client gets RESULT (see
# c2g_expect); PORT defaults to C2G_HTTP_PORT or C2G_TLS_PORT
c2g_web_expect()
{
	local desc=$1 want=$2 kind=$3 name=$4 addr=$5 port
	shift 5
	port=$C2G_HTTP_PORT
	[ "$kind" = http ] || port=$C2G_TLS_PORT
	port=${1:-$port}
	shift 2>/dev/null
	c2g_web_lport
	c2g_expect "$desc" "$want" "c2g_$kind" "$CLI" "$name" "$addr" "$port" \
		--local-port "$C2G_LPORT" "$@"
}

# c2g_was_fast DESC: one check, the last client failed quickly (a reset,
# not a stall)
c2g_was_fast()
{
	[ "$C2G_MS" -lt "$C2G_FAST_MS" ]
	c2g_result $? "$1" "${C2G_MS}ms, want <${C2G_FAST_MS}ms"
}

# ---------------------------------------------------------------------------
# Name indicators and bound addresses in "list -j"

# c2g_name_count NS NAME [KEY=VALUE...]: listed entries for the name NAME
# ("*.NAME" for the suffix indicator)
c2g_name_count()
{
	local ns=$1 n=$2
	shift 2
	if [ "${n#\*.}" != "$n" ]; then
		c2g_list_count "$ns" domain="${n#\*.}" suffix=true "$@"
	else
		c2g_list_count "$ns" domain="$n" suffix!=true "$@"
	fi
}

# c2g_name_get NS NAME FIELD: FIELD of the name indicator NAME ("*.N" for
# a suffix)
c2g_name_get()
{
	local ns=$1 n=$2
	if [ "${n#\*.}" != "$n" ]; then
		c2g_list_get "$ns" "$3" domain="${n#\*.}" suffix=true
	else
		c2g_list_get "$ns" "$3" domain="$n" suffix!=true
	fi
}

# c2g_bound_count NS [KEY=VALUE...]: addresses bound from DNS answers
c2g_bound_count()
{
	local ns=$1
	shift
	c2g_list_count "$ns" type=bound "$@"
}

# c2g_bound_has NS ADDR: ADDR is bound from a DNS answer
c2g_bound_has()
{
	[ "$(c2g_bound_count "$1" addr="$2")" -ge 1 ]
}

c2g_bound_absent()
{
	[ "$(c2g_bound_count "$1" addr="$2")" -eq 0 ]
}

# c2g_bound_get NS ADDR FIELD: FIELD of the binding of ADDR (FIELD bound is
# the name that created it)
c2g_bound_get()
{
	c2g_list_get "$1" "$3" type=bound addr="$2"
}

# c2g_nft_named_counter NS FAMILY TABLE NAME: packets of a named counter
c2g_nft_named_counter()
{
	ip netns exec "$1" nft -j list counter "$2" "$3" "$4" 2>/dev/null |
		jq '[.nftables[] | .counter? // empty | .packets] | add // 0'
}

# c2g_hello NS ADDR PORT SNI [LATER]: one TCP connection carrying a
# ClientHello that names SNI, then the text LATER; sets C2G_RES: ok (the
# server answered the hello), timeout, reset, error; and C2G_MS
c2g_hello()
{
	local rc t0 out
	c2g_now
	t0=$C2G_NOW_MS
	out=$(ip netns exec "$1" "$PYTHON" "$C2G_SELFTEST_DIR/wire_fuzz.py" hello \
		"$2" "$3" "$4" ${5:+--later "$5"} --wait "$C2G_CONN_TIMEOUT" \
		2>"$C2G_TMP/hello.err")
	rc=$?
	c2g_now
	# its own measure, from connect(): python starts slowly when emulated
	if [[ $out =~ ms=([0-9]+) ]]; then
		C2G_MS=${BASH_REMATCH[1]}
	else
		C2G_MS=$((C2G_NOW_MS - t0))
	fi
	C2G_ERR=$(cat "$C2G_TMP/hello.err")
	case $rc in
	0) C2G_RES=ok ;;
	1) C2G_RES=timeout ;;
	2) C2G_RES=reset ;;
	*) C2G_RES=error ;;
	esac
	[ "$C2G_RES" = ok ]
}

# ---------------------------------------------------------------------------
# Fewer processes: under emulation every jq, c2ctl and fence costs, so a
# test can batch its alert checks behind one fence, check many keys of an
# alert with one jq, and take every status delta with one jq.

C2G_LATER=()

# c2g_later CMD...: run CMD at the next c2g_run_later (e.g. alert checks,
# which need a fence first)
c2g_later()
{
	local c
	printf -v c '%q ' "$@"
	C2G_LATER+=("$c")
}

# c2g_run_later NAME GW CLI: fence monitor NAME, then run the deferred
# commands in order
c2g_run_later()
{
	local c
	c2g_fence "$1" "$2" "$3"
	for c in "${C2G_LATER[@]}"; do
		eval "$c"
	done
	C2G_LATER=()
}

declare -A C2G_DELTA=()
C2G_DELTA_OF=

# c2g_deltas BEFORE_JSON AFTER_JSON: C2G_DELTA[KEY] = AFTER - BEFORE for
# every number of the status objects, in one jq run
c2g_deltas()
{
	local k v
	C2G_DELTA=()
	C2G_DELTA_OF=$1$'\n'$2
	while read -r k v; do
		[ -n "$k" ] && C2G_DELTA[$k]=$v
	done <<<"$(jq -n -r --argjson a "${1:-{\}}" --argjson b "${2:-{\}}" \
		'$b | to_entries[] | select(.value | type == "number") |
		"\(.key) \(.value - ($a[.key] // 0))"')"
}

# c2g_delta_is DESC KEY OP N: the C2G_DELTA of KEY (see c2g_deltas)
c2g_delta_is()
{
	local d=${C2G_DELTA[${C2G_KEY[$2]:-$2}]}
	if [ -n "$d" ] && test "$d" "$3" "$4"; then
		c2g_pass "$1"
		return 0
	fi
	c2g_fail "$1" "status $2 moved by ${d:-?}, want $3 $4"
	return 1
}

# ---------------------------------------------------------------------------
# Beacon channels and alerts ("beacons -j", beacon alerts), and the
# callers of beacon_traffic.py that make them (c2guard_beacon.sh,
# c2guard_beacon_events.sh).

# bc_dump NS: the channels, one compact JSON object per line
bc_dump()
{
	c2g_ctl "$1" -j beacons all 2>/dev/null | jq -c '.[]'
}

# bc_sel KEY=VALUE...: a jq select() on a channel or alert (string
# comparison; proto matches its name or number)
bc_sel()
{
	local sel='true' kv k v
	for kv in "$@"; do
		k=${kv%%=*} v=${kv#*=}
		case $k in
		proto)
			case $v in tcp) v=6 ;; udp) v=17 ;; esac
			sel+=" and ((.proto | tostring) as \$p | \$p == \"$v\" or
				(\$p == \"tcp\" and \"$v\" == \"6\") or
				(\$p == \"udp\" and \"$v\" == \"17\"))"
			;;
		*) sel+=" and ((.[\"$k\"] | if . == null then \"\" else tostring end) == \"$v\")" ;;
		esac
	done
	echo "select($sel)"
}

# bc_chan NS KEY=VALUE...: the first matching channel (compact JSON), empty
# when there is none
bc_chan()
{
	local ns=$1
	shift
	bc_dump "$ns" | jq -c "$(bc_sel "$@")" | head -n1
}

# bc_has NS KEY=VALUE... / bc_absent: a channel matches / none does
bc_has()
{
	[ -n "$(bc_chan "$@")" ]
}

bc_absent()
{
	local out ns=$1
	shift
	out=$(c2g_ctl "$ns" -j beacons all) || return 1
	[ -z "$(jq -c ".[] | $(bc_sel "$@")" <<<"$out")" ]
}

# bc_events_ge NS N KEY=VALUE...: the matching channel has >= N events
bc_events_ge()
{
	local ns=$1 n=$2 c
	shift 2
	c=$(bc_chan "$ns" "$@")
	[ -n "$c" ] && [ "$(jq -r '.events // 0' <<<"$c")" -ge "$n" ]
}

# bc_alerts NAME KEY=VALUE...: beacon alerts of monitor NAME matching
# (compact JSON lines)
bc_alerts()
{
	local name=$1
	shift
	jq -c -R "fromjson? | select(.reason == \"beacon\") | $(bc_sel "$@")" \
		"$(c2g_mon_file "$name")"
}

bc_alert_count()
{
	bc_alerts "$@" | wc -l
}

bc_alert_seen()
{
	[ "$(bc_alert_count "$@")" -ge 1 ]
}

# bc_get JSON PATH: a field (jq path such as .beacon.score), "" when absent
bc_get()
{
	jq -r "$2 // empty | tostring" <<<"$1"
}

# slowwait TIMEOUT_MS CMD...: busywait that polls twice a second, for the
# long waits while traffic runs (every poll costs processes, and the
# beacons' timing suffers when the emulated CPUs are busy)
slowwait()
{
	C2G_POLL_S=0.5 busywait "$@"
}

# ---------------------------------------------------------------------------
# Generators

# beacon NAME NS MODE DST PORT [OPTION...]: beacon_traffic.py in the
# background, events logged to $C2G_TMP/gen.NAME, stopped by
# $C2G_TMP/stop.NAME; sets GEN_PID[NAME]
declare -A GEN_PID=()
beacon()
{
	local name=$1 ns=$2
	shift 2
	rm -f "$C2G_TMP/stop.$name"
	: >"$C2G_TMP/gen.$name"
	ip netns exec "$ns" "$PYTHON" "$C2G_TRAFFIC" "$@" --log "$C2G_TMP/gen.$name" \
		--stop "$C2G_TMP/stop.$name" --seed $((RANDOM * 32768 + RANDOM)) \
		</dev/null >/dev/null 2>"$C2G_TMP/gen.$name.err" &
	GEN_PID[$name]=$!
	c2g_track_pid $!
}

gen_running()
{
	kill -0 "${GEN_PID[$1]}" 2>/dev/null
}

gen_stop()
{
	: >"$C2G_TMP/stop.$1"
	busywait $((10000 * C2G_SLOW)) eval "! gen_running $1" ||
		c2g_kill "${GEN_PID[$1]}"
	wait "${GEN_PID[$1]}" 2>/dev/null
	return 0
}

# alert_or_done GEN MON KEY=VALUE...: a beacon alert matches, or the
# generator GEN ended (its last events had a while to be scored)
alert_or_done()
{
	local g=$1
	shift
	bc_alert_seen "$@" && return 0
	gen_running "$g" && return 1
	[ -n "${GEN_END[$g]}" ] || { c2g_now; GEN_END[$g]=$C2G_NOW_MS; }
	c2g_now
	[ $((C2G_NOW_MS - GEN_END[$g])) -ge $((2000 * C2G_SLOW)) ]
}
declare -A GEN_END=()

# gen_lines NAME: events so far; gen_ge NAME N: at least N, or it ended
gen_lines()
{
	wc -l <"$C2G_TMP/gen.$1"
}

gen_ge()
{
	[ "$(gen_lines "$1")" -ge "$2" ] || ! gen_running "$1"
}

# gen_gaps NAME: "n=.. ok=.. median=.. min=.. max=.." of what was sent
gen_gaps()
{
	"$PYTHON" "$C2G_TRAFFIC" gaps "$C2G_TMP/gen.$1"
}

# kv WORDS KEY: the value of KEY=VALUE among WORDS
kv()
{
	local w
	for w in $1; do
		[ "${w%%=*}" = "$2" ] && { echo "${w#*=}"; return; }
	done
}

slab_kb() { awk '/^Slab:/ { print $2 }' /proc/meminfo; }
sunreclaim_kb() { awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo; }
