#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo-reboot.sh - the demo's last scene: the gateway runs c2guard as a
# service, reboots, and keeps catching the callback from its first
# forwarded packet on.  Runs in a guest whose PID 1 is systemd, over two
# boots of one disk (selftests/vm/run-systemd-vm.sh; "make demo" runs it).
#
#   infected (netns)  10.0.1.2
#        |
#   this system       10.0.1.1 | 198.51.100.1     the gateway: c2guard
#        |
#   c2 (netns)        198.51.100.7 (the C2 server), 198.51.100.8 (a web
#                     site), both on port 80
#
# The module (C2GUARD_KO, built on the host for this kernel), c2ctl and
# the units go where the packages put them; the packages themselves, with
# DKMS compiling the module in the guest (minutes under TCG), are
# "make check-service".  Exit status 0 when it all went as narrated.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
STATE=/var/lib/c2demo
C2=198.51.100.7 SITE=198.51.100.8

# The network, the web servers, and the infected host's first callbacks
# (as demo-net.service, at every boot, after network-pre.target only).
net() {
	ip netns add infected && ip netns add c2 || return 1
	ip link add gw-in type veth peer name eth0 netns infected &&
		ip link add gw-out type veth peer name eth0 netns c2 || return 1
	ip addr add 10.0.1.1/24 dev gw-in && ip link set gw-in up &&
		ip addr add 198.51.100.1/24 dev gw-out && ip link set gw-out up || return 1
	ip -n infected addr add 10.0.1.2/24 dev eth0 && ip -n infected link set eth0 up &&
		ip -n infected route add default via 10.0.1.1 || return 1
	ip -n c2 addr add $C2/24 dev eth0 && ip -n c2 addr add $SITE/24 dev eth0 &&
		ip -n c2 link set eth0 up && ip -n c2 link set lo up &&
		ip -n c2 route add default via 198.51.100.1 || return 1
	sysctl -qw net.ipv4.ip_forward=1
	mkdir -p $STATE/www && echo "hello" >$STATE/www/index.html
	ip netns exec c2 setsid -f /usr/bin/python3 -m http.server -d $STATE/www 80 \
		>/dev/null 2>&1 </dev/null
	for _ in $(seq 50); do
		ip netns exec c2 bash -c ': </dev/tcp/127.0.0.1/80' 2>/dev/null && break
		sleep 0.1
	done
}
# callback ADDR: "ok" (the page came back) or "dropped"
callback() {
	if ip netns exec infected curl -s -m 3 -o /dev/null "http://$1/"; then
		echo ok
	else
		echo dropped
	fi
}
if [[ ${1:-} == net ]]; then
	net || exit 1
	mkdir -p $STATE
	echo "$(cut -d' ' -f1 /proc/uptime) $(callback $C2) $(callback $SITE)" >$STATE/first-callback
	exit 0
fi

if [[ ${C2VM_SYSTEMD:-} != 1 ]]; then
	echo "demo-reboot.sh runs in a systemd guest: 'make demo' runs it" >&2
	exit 2
fi
GW='' problems=0
# shellcheck source=selftests/demo-lib.sh
source "$HERE/demo-lib.sh"
step=$((C2VM_BOOT == 1 ? 0 : 3))

if [[ $C2VM_BOOT -eq 1 ]]; then
	KO=${C2GUARD_KO:?}
	echo
	echo "=== the gateway as a service: it reboots, c2guard stays on ==="
	say "c2guard installed where its packages put it: the module, c2ctl," \
		"the units (c2guard.service, c2guard-monitor.service, ...)"
	if ! { install -D -m 0644 "$KO" "/lib/modules/$(uname -r)/updates/c2guard.ko" &&
		depmod -a && install -m 0755 "$REPO/ctl/c2ctl" /usr/sbin/c2ctl &&
		install -m 0644 "$REPO"/dist/*.service "$REPO"/dist/*.timer /lib/systemd/system/ &&
		install -D -m 0644 "$REPO/dist/c2guard.conf" /etc/c2guard/c2guard.conf; }; then
		bad "install failed"
	fi
	cat >>/etc/c2guard/c2guard.conf <<EOF
add $C2 action drop tag demo-c2
set beacon on
EOF
	show grep -v -e '^#' -e '^$' /etc/c2guard/c2guard.conf
	cat >/etc/systemd/system/demo-net.service <<EOF
[Unit]
Description=demo: the network, and the infected host's first callbacks
DefaultDependencies=no
After=network-pre.target local-fs.target
Wants=network-pre.target
Before=multi-user.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=$HERE/demo-reboot.sh net

[Install]
WantedBy=multi-user.target
EOF
	systemctl daemon-reload
	show systemctl enable --now c2guard.service c2guard-monitor.service ||
		bad "the units did not start"
	show systemctl enable demo-net.service

	say "The infected host calls its C2 server, and a web site"
	net || bad "network setup failed"
	c=$(callback $C2) s=$(callback $SITE)
	if [[ $c == dropped && $s == ok ]]; then
		good "callback to $C2 dropped; $SITE reached"
	else
		bad "callback $c, site $s"
	fi
	for _ in $(seq 50); do
		journalctl -t c2guard -b 0 -q | grep -q "$C2" && break
		sleep 0.2
	done
	show journalctl -t c2guard -b 0 -o cat -n 1
	if [[ -s /var/log/c2guard/eve.json ]]; then
		good "and as a Suricata EVE event in /var/log/c2guard/eve.json"
	else
		bad "no EVE event"
	fi

	say "The gateway reboots"
	sync
	touch "$C2VM_REBOOT"
	exit "$((problems > 0))"
fi

say "Up again. Before its network came up, c2guard.service had loaded the" \
	"module and applied /etc/c2guard/c2guard.conf; the network unit (a" \
	"network manager would be there) made the infected host's first calls"
show journalctl -b 0 -o short-monotonic --no-hostname -q -u c2guard.service \
	-u demo-net.service -g 'Finished|Started'
for _ in $(seq 100); do
	[[ -s $STATE/first-callback ]] && break
	sleep 0.2
done
read -r t c s <$STATE/first-callback
if [[ $c == dropped && $s == ok ]]; then
	good "its first callback after the reboot ($t s after boot) was dropped; the web site was reached"
else
	bad "first callback after the reboot: $c (site: $s)"
fi
show journalctl -t c2guard -b 0 -o cat -n 1
journalctl -t c2guard -b 0 -q | grep -q "$C2" || bad "no alert this boot"
show c2ctl list
echo
if [[ $problems -eq 0 ]]; then
	echo "demo: the gateway rebooted and kept catching the callback from its first packet."
	exit 0
fi
echo "demo: $problems thing(s) did not go as narrated (see UNEXPECTED above)"
exit 1
