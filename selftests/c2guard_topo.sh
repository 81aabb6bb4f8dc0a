#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check the test topology and the traffic helpers the c2guard tests rely on,
# without c2guard: nftables stands in for the verdicts (drop, reject, ct
# mark).  If this fails, the other tests' results mean nothing.  Needs no
# module and runs on any kernel with netns, veth, conntrack and nftables.

source "$(dirname "$0")/lib.sh"

c2g_require_topo
c2g_init
for m in veth nf_conntrack nf_tables nft_ct nft_reject_inet; do
	modprobe -q "$m" 2>/dev/null
done

c2g_topo_setup || c2g_skip_all "cannot build the topology (veth missing?)"
c2g_serve_tcp "$SRV" || c2g_skip_all "TCP echo server did not start"
c2g_serve_udp "$SRV" || c2g_skip_all "UDP echo server did not start"
c2g_serve_tcp "$CLI" || c2g_skip_all "TCP echo server did not start"

# The first flow also resolves neighbours; give it a few tries.
busywait "$C2G_WAIT_MS" c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT 1
c2g_expect "tcp v4 client -> server echo" ok c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT
busywait "$C2G_WAIT_MS" c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT 1
c2g_expect "tcp v6 client -> server echo" ok c2g_tcp "$CLI" $SRV6 $C2G_TCP_PORT
c2g_expect "udp v4 client -> server echo, 5 datagrams" ok \
	c2g_udp "$CLI" $SRV4 $C2G_UDP_PORT "$C2G_CONN_TIMEOUT" 5
c2g_expect "udp v6 client -> server echo, 5 datagrams" ok \
	c2g_udp "$CLI" $SRV6 $C2G_UDP_PORT "$C2G_CONN_TIMEOUT" 5
c2g_expect "tcp v4 bulk 200000 bytes echoed" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT "$C2G_CONN_TIMEOUT" 200000
c2g_expect "tcp v4 server -> client (inbound direction)" ok \
	c2g_tcp "$SRV" $CLI4 $C2G_TCP_PORT
c2g_expect "tcp v6 server -> client (inbound direction)" ok \
	c2g_tcp "$SRV" $CLI6 $C2G_TCP_PORT
c2g_expect "tcp v4 to a secondary server address" ok \
	c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT
c2g_expect "tcp v4 to the routed address behind the server" ok \
	c2g_tcp "$CLI" $SRV4_OUT $C2G_TCP_PORT
c2g_expect "tcp v6 to the routed address behind the server" ok \
	c2g_tcp "$CLI" $SRV6_OUT $C2G_TCP_PORT
c2g_expect "udp to a closed port is refused (ICMP port unreachable)" refused \
	c2g_udp "$CLI" $SRV4 9

# Stand-ins for c2guard's verdicts, in the gateway's prerouting.
ip netns exec "$GW" nft -f - <<EOF
table inet c2g_topo {
	chain pre {
		type filter hook prerouting priority -90; policy accept;
		ip daddr $SRV4_B counter drop
		ip6 daddr $SRV6_B counter drop
		ip daddr $SRV4_HI meta l4proto tcp counter reject with tcp reset
		ip daddr $SRV4_HI counter reject with icmpx admin-prohibited
		ip6 daddr $SRV6_OUT meta l4proto tcp counter reject with tcp reset
		ip6 daddr $SRV6_OUT counter reject with icmpx admin-prohibited
		ip daddr $SRV4_OUT ct state new ct mark set ct mark and 0xff00ffff or 0x00c20000
	}
}
EOF
rc=$?
c2g_result $rc "nft stand-in ruleset loaded"

c2g_expect "dropped tcp v4 flow times out" timeout \
	c2g_tcp "$CLI" $SRV4_B $C2G_TCP_PORT
c2g_info "drop: $C2G_RES after ${C2G_MS}ms (timeout ${C2G_DROP_TIMEOUT}s)"
[ "$C2G_MS" -ge $((C2G_DROP_TIMEOUT * 1000 - 200)) ]
c2g_result $? "dropped flow took the whole timeout (${C2G_MS}ms)"
c2g_expect "dropped tcp v6 flow times out" timeout \
	c2g_tcp "$CLI" $SRV6_B $C2G_TCP_PORT
c2g_expect "dropped udp v4 flow times out" timeout \
	c2g_udp "$CLI" $SRV4_B $C2G_UDP_PORT
c2g_expect "neighbour address still reachable" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT

c2g_expect_fast "tcp v4 reset is refused fast" refused \
	c2g_tcp "$CLI" $SRV4_HI $C2G_TCP_PORT
c2g_info "reject tcp v4: $C2G_RES after ${C2G_MS}ms"
c2g_expect_fast "tcp v6 reset is refused fast" refused \
	c2g_tcp "$CLI" $SRV6_OUT $C2G_TCP_PORT
c2g_expect_fast "udp v4 admin-prohibited is unreachable fast" unreach \
	c2g_udp "$CLI" $SRV4_HI $C2G_UDP_PORT
c2g_info "reject udp v4: $C2G_RES after ${C2G_MS}ms: $C2G_ERR"
c2g_expect_fast "udp v6 admin-prohibited is unreachable fast" unreach \
	c2g_udp "$CLI" $SRV6_OUT $C2G_UDP_PORT
c2g_info "reject udp v6: $C2G_RES after ${C2G_MS}ms: $C2G_ERR"

c2g_expect "ct-marked flow passes without a mark rule" ok \
	c2g_tcp "$CLI" $SRV4_OUT $C2G_TCP_PORT
c2g_nft_mark_drop "$GW"
c2g_result $? "nft ct mark drop rule loaded"
c2g_expect "ct-marked flow is dropped by the mark rule" timeout \
	c2g_tcp "$CLI" $SRV4_OUT $C2G_TCP_PORT
n=$(c2g_nft_counter "$GW" inet c2g_mark c2g_fwd)
[ "${n:-0}" -gt 0 ]
c2g_result $? "nft mark rule counter moved ($n packets)"
c2g_expect "unmarked flow unaffected by the mark rule" ok \
	c2g_tcp "$CLI" $SRV4 $C2G_TCP_PORT

n=$(c2g_nft_counter "$GW" inet c2g_topo pre)
[ "${n:-0}" -gt 0 ]
c2g_result $? "nft stand-in counters moved ($n packets)"

c2g_finish
