#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# c2guard_service.sh - c2guard as a gateway runs it: the Debian packages
# installed on a system whose PID 1 is systemd, over two boots of the same
# disk (selftests/vm/run-systemd-vm.sh).
#
# Boot 1: dpkg -i c2guard-dkms and c2guard (build/deb, "make deb"): DKMS
# builds the module for the running kernel, the postinst starts
# c2guard.service, which loads it; /etc/c2guard/c2guard.conf gets a listed
# address, a local feed and a URL feed, which c2guard-update.service
# fetches from a local web server; a client in a netns fetches a page
# through the gateway (this system's own netns, forwarding): the listed address is
# dropped, the alert is in the journal with its C2GUARD_* fields and in
# the EVE file (valid against Suricata's schema); c2guard-monitor.service
# survives "modprobe -r c2guard; modprobe c2guard" (same process, no
# restart) and reports the next alert.  A unit ordered after
# network-pre.target only (as a network manager is) is installed: at every
# boot it builds the test network and sends the first forwarded packets.
# Boot 2 (same disk, web server gone): the state is back (settings, the
# conf's entries, the local feed, the URL feed from its last good copy)
# before that unit's first packet, which was dropped while the control
# address passed; the alert is in the journal and the EVE file; then
# rsyslog ships the alerts from the journal (imjournal, with the fields)
# and from the EVE file (imfile); then "apt-get purge" leaves no file of
# the packages behind.
#
# usage: run-systemd-vm.sh -- selftests/c2guard_service.sh   (make check-service)
# KTAP-like lines, "# boot N: ..." after each boot and a final "N passed,
# N failed" line over both boots (boot 1 always asks for the reboot, so
# that one run shows every check); exit 4 (skip)
# outside such a guest.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
STATE=/var/lib/c2vm-service
LISTED=10.0.2.2 CONTROL=10.0.2.3 LOCALF=10.0.2.4 REMOTEF=10.0.2.5
JOURNAL_ID=057447188d734d449835ccb0d3948c4e
SCHEMA=$REPO/selftests/data/suricata-eve-schema.json
EVE=/var/log/c2guard/eve.json
PY=/usr/bin/python3
export DEBIAN_FRONTEND=noninteractive

n=0 passed=0 failed=0
ok() {
	n=$((n + 1))
	if [[ $1 -eq 0 ]]; then
		passed=$((passed + 1))
		echo "ok $n - boot $boot: $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - boot $boot: $2"
		[[ -z ${3:-} ]] || printf '%s\n' "$3" | head -n 20 | sed 's/^/# /'
	fi
}
now() { cut -d' ' -f1 /proc/uptime; }
# Run a step, its output in $ART; print its time.
step() {
	local name=$1 t0 rc=0
	shift
	t0=$(now)
	"$@" >"$ART/boot$boot-$name.log" 2>&1 || rc=$?
	echo "# time $name $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }') s (exit $rc)"
	[[ $rc -eq 0 ]] || tail -n 30 "$ART/boot$boot-$name.log" | sed 's/^/#   /'
	return "$rc"
}
# poll MS CMD...: until CMD succeeds, at most MS milliseconds
poll() {
	local ms=$1 i
	shift
	for ((i = 0; i < ms; i += 100)); do
		"$@" && return 0
		sleep 0.1
	done
	"$@"
}
# The journal's alerts to $1 this boot, one JSON object per line.
jalerts() {
	journalctl -b 0 -o json --no-pager MESSAGE_ID=$JOURNAL_ID \
		"C2GUARD_DEST_IP=$1" 2>/dev/null
}
jcount() { jalerts "$1" | grep -c . ; }
# EVE alerts to $1 in the EVE file
ecount() {
	jq -c --arg d "$1" 'select(.event_type == "alert" and .dest_ip == $d)' \
		"$EVE" 2>/dev/null | grep -c .
}
# Files of the packages and their state, for the purge check.
ours() {
	find /etc /var/lib /var/log /usr/sbin /usr/libexec /usr/src /usr/share/man \
		/usr/share/bash-completion /lib/systemd /lib/modules/"$(uname -r)" \
		-xdev -iname '*c2guard*' 2>/dev/null | sort
}

# The test network: this netns is the gateway between cli and srv.  With
# "first", what the first forwarded packets met, into $STATE/first.BOOT.
topo() {
	ip netns add cli && ip netns add srv || return 1
	ip link add gw-c type veth peer name eth0 netns cli &&
		ip link add gw-s type veth peer name eth0 netns srv || return 1
	ip addr add 10.0.1.1/24 dev gw-c && ip link set gw-c up &&
		ip addr add 10.0.2.1/24 dev gw-s && ip link set gw-s up || return 1
	ip -n cli addr add 10.0.1.2/24 dev eth0 && ip -n cli link set eth0 up &&
		ip -n cli link set lo up && ip -n cli route add default via 10.0.1.1 || return 1
	ip -n srv addr add $LISTED/24 dev eth0 && ip -n srv addr add $CONTROL/24 dev eth0 &&
		ip -n srv link set eth0 up && ip -n srv link set lo up &&
		ip -n srv route add default via 10.0.2.1 || return 1
	sysctl -qw net.ipv4.ip_forward=1 || return 1
	# a web server on both addresses of srv
	mkdir -p $STATE/site && echo hello >$STATE/site/index.html
	ip netns exec srv setsid -f /usr/bin/python3 -m http.server -d $STATE/site 80 \
		>/dev/null 2>&1 </dev/null
	poll 10000 ip netns exec srv bash -c ': </dev/tcp/127.0.0.1/80' 2>/dev/null
	if [[ ${1:-} == first ]]; then
		local l c t
		t=$(now)
		ip netns exec cli curl -s -m 3 -o /dev/null http://$LISTED/
		l=$?
		# (a starved TCG guest may miss the first deadline)
		c=1
		for _ in 1 2 3; do
			ip netns exec cli curl -s -m 3 -o /dev/null http://$CONTROL/ && { c=0; break; }
		done
		mkdir -p $STATE
		echo "listed $l control $c at $t" >"$STATE/first.$C2VM_BOOT_NOW"
	fi
	return 0
}
if [[ ${1:-} == topo ]]; then
	# as c2vm-topo.service: the boot number is the file's own count
	mkdir -p $STATE
	C2VM_BOOT_NOW=$(($(cat $STATE/boots 2>/dev/null || echo 0) + 1))
	echo $C2VM_BOOT_NOW >$STATE/boots
	topo first
	exit
fi
if [[ ${C2VM_SYSTEMD:-} != 1 ]]; then
	echo "# SKIP: not in a run-systemd-vm.sh guest (make check-service)"
	exit 4
fi
boot=${C2VM_BOOT:?}
ART=${C2VM_ARTIFACTS:?}

# a callback: the page from $1 (srv's web server) through the gateway
ping_cli() { ip netns exec cli curl -s -m 3 -o /dev/null "http://$1/"; }

eve_valid() { "$PY" "$HERE/eve_valid.py" "$EVE" "$SCHEMA"; }

echo "# boot $boot on $(uname -r)"
kr=$(uname -r)

if [[ $boot -eq 1 ]]; then
	ours >"$STATE.before"
	dkms_deb=$(compgen -G "$REPO/build/deb/c2guard-dkms_*_all.deb" | head -n1)
	ctl_deb=$(compgen -G "$REPO/build/deb/c2guard_*_amd64.deb" | head -n1)
	if [[ -z $dkms_deb || -z $ctl_deb ]]; then
		echo "# SKIP: no packages in build/deb (make deb)"
		exit 4
	fi
	# A gateway with this one kernel: DKMS also builds for the newest
	# kernel installed, which doubles minutes of compiling under TCG.
	# The other kernels' trees hidden (in the overlay, not on the host).
	for d in /lib/modules/*; do
		[[ ${d##*/} == "$kr" ]] || rm -rf "$d"
	done
	step dpkg-i dpkg -i "$dkms_deb" "$ctl_deb"
	ok $? "dpkg -i ${dkms_deb##*/} ${ctl_deb##*/}"
	dkms status -m c2guard -k "$kr" 2>/dev/null | grep -q ': installed'
	ok $? "DKMS built and installed the module for $kr" "$(dkms status 2>&1)"
	grep -q '^c2guard ' /proc/modules
	ok $? "the module is loaded (c2guard.service, started by the postinst)" \
		"$(systemctl status --no-pager c2guard.service 2>&1)"
	for u in c2guard.service c2guard-monitor.service c2guard-update.timer \
		c2guard-metrics.timer; do
		[[ $(systemctl is-enabled $u) == enabled && $(systemctl is-active $u) == active ]]
		ok $? "$u enabled and active" "$(systemctl status --no-pager $u 2>&1)"
	done

	# the gateway's configuration: a listed address, a local feed, a URL feed
	mkdir -p "$STATE/www"
	echo $REMOTEF >"$STATE/www/remote.txt"
	echo $LOCALF >/etc/c2guard/local.list
	cat >>/etc/c2guard/c2guard.conf <<EOF
set beacon on alert-rate 50
add $LISTED action drop tag listed
feed local /etc/c2guard/local.list action drop
feed remote http://127.0.0.1:8808/remote.txt action reject
EOF
	c2ctl conf check
	ok $? "c2ctl conf check"
	step reload systemctl reload c2guard.service
	ok $? "systemctl reload c2guard (conf apply)"
	"$PY" -m http.server -b 127.0.0.1 -d "$STATE/www" 8808 >"$ART/http.log" 2>&1 &
	http=$!
	poll 10000 curl -sf -o /dev/null http://127.0.0.1:8808/remote.txt
	step update systemctl start c2guard-update.service
	ok $? "c2guard-update.service fetched and applied the URL feed"
	kill $http
	[[ $(cat /var/lib/c2guard/feeds/remote 2>/dev/null) == "$REMOTEF" ]]
	ok $? "its last good copy kept in /var/lib/c2guard/feeds" "$(ls -lR /var/lib/c2guard)"
	feeds=$(c2ctl feed list)
	grep -q "^remote ipv4 1 .* source http://127.0.0.1:8808/remote.txt" <<<"$feeds" &&
		grep -q "^local ipv4 1 " <<<"$feeds" && grep -q "^c2guard.conf ipv4 1 " <<<"$feeds"
	ok $? "feed list: c2guard.conf, local, remote" "$feeds"

	# a callback through the gateway
	topo
	ok $? "test network (cli -> this gateway -> srv)"
	poll 15000 ping_cli $CONTROL
	ok $? "control address $CONTROL reached"
	! ping_cli $LISTED
	ok $? "listed address $LISTED dropped"
	poll 20000 test "$(jcount $LISTED)" -ge 1
	ok $? "the alert is in the journal"
	j=$(jalerts $LISTED | head -n1)
	[[ -n $j ]] && jq -e '.C2GUARD_ACTION == "drop" and .C2GUARD_REASON == "ip" and
		.C2GUARD_BLOCKED == "1" and .PRIORITY == "3" and
		.C2GUARD_TAG == "listed" and .C2GUARD_SRC_IP == "10.0.1.2" and
		.SYSLOG_IDENTIFIER == "c2guard" and
		._SYSTEMD_UNIT == "c2guard-monitor.service" and
		(.C2GUARD_FLOW_ID | tonumber) > 0 and
		(.C2GUARD_SIGNATURE_ID | tonumber) == 9200001' <<<"$j" >/dev/null
	ok $? "its journal fields (C2GUARD_ACTION drop, REASON ip, TAG, PRIORITY 3, from c2guard-monitor.service)" "$j"
	poll 10000 test "$(ecount $LISTED)" -ge 1
	ok $? "the alert is in $EVE" "$(tail -n 3 $EVE 2>&1)"
	out=$(eve_valid 2>&1)
	ok $? "every event of $EVE valid against Suricata's EVE schema ($out)" "$out"

	# the module unloaded and loaded again under the monitor
	pid=$(systemctl show -p MainPID --value c2guard-monitor.service)
	step unload modprobe -r c2guard
	ok $? "modprobe -r c2guard"
	poll 20000 bash -c 'journalctl -b 0 -u c2guard-monitor.service --no-pager | grep -q "waiting for the c2guard module"'
	ok $? "the monitor waits for the module" \
		"$(journalctl -b 0 -u c2guard-monitor.service --no-pager | tail -n 8; systemctl status --no-pager c2guard-monitor.service 2>&1 | head -n 6)"
	step load modprobe c2guard
	ok $? "modprobe c2guard"
	# shellcheck disable=SC2016 # expanded by that bash
	poll 10000 bash -c '[ "$(journalctl -b 0 -u c2guard-monitor.service --no-pager | grep -c "following the alerts")" -ge 2 ]'
	ok $? "the monitor follows the new module" \
		"$(journalctl -b 0 -u c2guard-monitor.service --no-pager | tail -n 5)"
	[[ $(systemctl show -p MainPID --value c2guard-monitor.service) == "$pid" &&
		$(systemctl show -p NRestarts --value c2guard-monitor.service) == 0 ]]
	ok $? "same monitor process ($pid), not restarted"
	step restart systemctl restart c2guard.service
	ok $? "systemctl restart c2guard (the new module gets the configuration)"
	before=$(jcount $LISTED) ebefore=$(ecount $LISTED)
	! ping_cli $LISTED
	ok $? "listed address dropped by the new module"
	poll 20000 test "$(jcount $LISTED)" -gt "$before"
	ok $? "its alert in the journal (the monitor followed)"
	poll 10000 test "$(ecount $LISTED)" -gt "$ebefore"
	ok $? "and in the EVE file"
	ecount $LISTED >"$STATE/eve.boot1"

	# at every boot: the network, and its first packets (after network-pre)
	cat >/etc/systemd/system/c2vm-topo.service <<EOF
[Unit]
Description=c2vm: the test network and the first packets it forwards
DefaultDependencies=no
After=network-pre.target local-fs.target
Wants=network-pre.target
Before=network.target multi-user.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=$HERE/c2guard_service.sh topo

[Install]
WantedBy=multi-user.target
EOF
	echo 1 >"$STATE/boots"
	systemctl enable c2vm-topo.service >/dev/null 2>&1
	ok $? "c2vm-topo.service enabled (After=network-pre.target only)"
	# boot 2 runs whatever boot 1 found: its checks are independent
	echo "$passed $failed" >"$STATE/tally.1"
	sync
	touch "$C2VM_REBOOT"
	echo "# reboot requested"
else
	poll 20000 test -s "$STATE/first.2"
	read -r _ l _ c _ t <"$STATE/first.2" 2>/dev/null
	[[ ${l:-0} != 0 && ${c:-1} == 0 ]]
	ok $? "the first packets forwarded at boot (${t:-?} s): listed dropped, control passed" \
		"$(cat "$STATE/first.2" 2>&1)"
	a=$(systemctl show -p ActiveEnterTimestampMonotonic --value c2guard.service)
	b=$(systemctl show -p ExecMainStartTimestampMonotonic --value c2vm-topo.service)
	[[ $a -gt 0 && $b -gt $a ]]
	ok $? "c2guard.service was done ($((a / 1000)) ms) before the network unit started ($((b / 1000)) ms)"
	grep -q '^c2guard ' /proc/modules
	ok $? "the module loaded at boot"
	feeds=$(c2ctl feed list)
	grep -q "^remote ipv4 1 " <<<"$feeds" && grep -q "^local ipv4 1 " <<<"$feeds" &&
		grep -q "^c2guard.conf ipv4 1 " <<<"$feeds"
	ok $? "feeds back: c2guard.conf, local, remote (its last good copy, no server now)" "$feeds"
	[[ $(c2ctl -j config | jq -c '[.beacon, .alert_rate]') == '[true,50]' ]]
	ok $? "settings back (beacon on, alert-rate 50)" "$(c2ctl config)"
	[[ $(systemctl is-active c2guard.service c2guard-monitor.service | sort -u) == active ]]
	ok $? "c2guard.service and c2guard-monitor.service active"
	poll 20000 test "$(jcount $LISTED)" -ge 1
	ok $? "the first packet's alert is in this boot's journal"
	poll 10000 test "$(ecount $LISTED)" -gt "$(cat "$STATE/eve.boot1")"
	ok $? "and appended to $EVE"
	# the shippers an admin runs: rsyslog reads the journal (imjournal,
	# the C2GUARD_* fields as $! properties) and the EVE file (imfile)
	if command -v rsyslogd >/dev/null; then
		mkdir -p $STATE/rsyslog
		cat >$STATE/rsyslog.conf <<'EOF'
global(workDirectory="/var/lib/c2vm-service/rsyslog")
module(load="imjournal" StateFile="imjournal.state" IgnorePreviousMessages="on")
module(load="imfile")
template(name="fields" type="list") {
	property(name="$!C2GUARD_ACTION") constant(value=" ")
	property(name="$!C2GUARD_REASON") constant(value=" ")
	property(name="$!C2GUARD_DEST_IP") constant(value=" ")
	property(name="$!C2GUARD_SIGNATURE_ID") constant(value="\n")
}
template(name="line" type="string" string="%msg%\n")
if $!SYSLOG_IDENTIFIER == "c2guard" and $!C2GUARD_REASON != "" then {
	action(type="omfile" file="/var/log/c2vm-rsyslog-journal.log" template="fields")
}
ruleset(name="eve") {
	action(type="omfile" file="/var/log/c2vm-rsyslog-eve.log" template="line")
}
input(type="imfile" File="/var/log/c2guard/eve.json" Tag="c2guard-eve" ruleset="eve")
EOF
		rsyslogd -n -f $STATE/rsyslog.conf -i /run/c2vm-rsyslogd.pid \
			>"$ART/rsyslogd.log" 2>&1 &
		rs=$!
		sleep 2
		! ping_cli $LISTED
		poll 20000 grep -q "^drop ip $LISTED 9200001\$" /var/log/c2vm-rsyslog-journal.log
		ok $? "rsyslog imjournal ships the alert with its C2GUARD_* fields" \
			"$(cat /var/log/c2vm-rsyslog-journal.log "$ART/rsyslogd.log" 2>&1)"
		poll 20000 bash -c "jq -e 'select(.event_type == \"alert\" and .dest_ip == \"$LISTED\")' /var/log/c2vm-rsyslog-eve.log >/dev/null 2>&1"
		ok $? "rsyslog imfile ships the EVE events as they are (JSON)" \
			"$(tail -n 2 /var/log/c2vm-rsyslog-eve.log "$ART/rsyslogd.log" 2>&1)"
		kill $rs
	else
		echo "# SKIP: no rsyslogd (make deps)"
	fi
	step purge apt-get purge -y c2guard c2guard-dkms
	ok $? "apt-get purge -y c2guard c2guard-dkms"
	! grep -q '^c2guard ' /proc/modules
	ok $? "the module unloaded"
	[[ -z $(dkms status -m c2guard 2>/dev/null) ]]
	ok $? "DKMS holds no c2guard"
	left=$(comm -13 "$STATE.before" <(ours))
	[[ -z $left ]]
	ok $? "nothing of the packages left behind" "$left"
	! dpkg-query -W -f='${Status}\n' c2guard c2guard-dkms 2>/dev/null | grep -q installed
	ok $? "dpkg knows neither package"
fi
echo "# boot $boot: $passed passed, $failed failed"
# boot 1 exits 0 for the reboot; boot 2 counts both
[[ $boot == 1 ]] && exit 0
read -r p1 f1 <"$STATE/tally.1" 2>/dev/null || { p1=0 f1=1; }
passed=$((passed + p1)) failed=$((failed + f1))
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
