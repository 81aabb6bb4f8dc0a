#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# test-systemd-vm.sh - self-test of run-systemd-vm.sh: systemd is PID 1 in the
# guest and gets the system up (running or degraded), none of the host's
# services started, the root is writable and a file written on the first
# boot is still there on the second.  With --deb also the project's Debian
# packages (build/deb, "make deb") on the first boot: dpkg -i c2guard-dkms
# (DKMS builds the module), dpkg -i c2guard, modprobe c2guard, then
# apt-get purge of both; the second boot checks they are gone.  Each step's
# time is printed as a "# time STEP SECONDS" line.
#
# usage: test-systemd-vm.sh [--deb] [-- RUN-SYSTEMD-VM OPTIONS...] [KVER...]
#   KVER     default: every kernel of kernels.sh (one VM at a time)
# e.g.     test-systemd-vm.sh --deb 6.1.0-57-amd64 -- --smp 2
# In the guest (run-systemd-vm.sh runs it): test-systemd-vm.sh --guest [--deb]
# Prints KTAP-like lines and a final "N passed, N failed" line per kernel.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HERE/../.." && pwd)
SELF=$HERE/$(basename "${BASH_SOURCE[0]}")
MARKER=/var/lib/c2vm-marker

guest=0 deb=0
kvers=() vm_opts=()
while [[ $# -gt 0 ]]; do
	case $1 in
	--guest) guest=1; shift ;;
	--deb) deb=1; shift ;;
	--) shift; vm_opts=("$@"); break ;;
	-*) echo "usage: ${0##*/} [--deb] [KVER...] [-- RUN-SYSTEMD-VM OPTIONS...]" >&2; exit 2 ;;
	*) kvers+=("$1"); shift ;;
	esac
done

# --- host side ----------------------------------------------------------------

if [[ $guest -eq 0 ]]; then
	[[ ${#kvers[@]} -gt 0 ]] || mapfile -t kvers < <("$REPO_ROOT/selftests/vm/kernels.sh")
	[[ ${#kvers[@]} -gt 0 ]] || { echo "no kernel found" >&2; exit 1; }
	if [[ $deb -eq 1 ]]; then
		for f in c2guard-dkms_*_all.deb c2guard_*_amd64.deb; do
			compgen -G "$REPO_ROOT/build/deb/$f" >/dev/null ||
				{ echo "no build/deb/$f: run 'make deb' first" >&2; exit 1; }
		done
	fi
	guest_args=(--guest)
	[[ $deb -eq 0 ]] || guest_args+=(--deb)
	cd "$REPO_ROOT"
	status=0
	for k in "${kvers[@]}"; do
		echo "# kernel $k"
		t0=$(date +%s.%N)
		rc=0
		"$HERE/run-systemd-vm.sh" --kver "$k" "${vm_opts[@]}" -- "$SELF" "${guest_args[@]}" || rc=$?
		echo "# $k: exit $rc, wall $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')s"
		[[ $rc -eq 0 ]] || status=1
	done
	exit "$status"
fi

# --- guest side -----------------------------------------------------------------

[[ ${C2VM_SYSTEMD:-} == 1 ]] || { echo "--guest: not in a run-systemd-vm.sh guest" >&2; exit 2; }
# Every check reports, whatever the one before did; "cmd | grep -q" is
# grep's verdict.
set +e +o pipefail
boot=${C2VM_BOOT:?}
ART=${C2VM_ARTIFACTS:?}
n=0 passed=0 failed=0
ok() {
	n=$((n + 1))
	if [[ $1 -eq 0 ]]; then
		passed=$((passed + 1))
		echo "ok $n - boot $boot: $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - boot $boot: $2"
	fi
}
now() { cut -d' ' -f1 /proc/uptime; }
# Run a step, its output in $ART/bootN-STEP.log, each line after the guest's
# uptime; print its time.
step() {
	local name=$1 t0 t1 rc=0 line
	shift
	t0=$(now)
	"$@" 2>&1 </dev/null | while IFS= read -r line; do
		printf '[%9s] %s\n' "$(now)" "$line"
	done >"$ART/boot$boot-$name.log"
	rc=${PIPESTATUS[0]}
	t1=$(now)
	echo "# time $name $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') (exit $rc)"
	if [[ $rc -ne 0 ]]; then
		echo "# $name failed, last lines of its output:"
		tail -n 30 "$ART/boot$boot-$name.log" | sed 's/^/#   /'
	fi
	return "$rc"
}

system_state() {
	local state rc=0
	state=$(timeout 300 systemctl is-system-running --wait 2>&1)
	[[ $state == running || $state == degraded ]]
	rc=$?
	ok $rc "systemctl is-system-running --wait: $state"
	if [[ $state != running ]]; then
		systemctl --failed --no-legend --plain --no-pager | sed 's/^/# failed unit: /'
	fi
}

echo "# boot $boot on $(uname -r)"
[[ $(ps -p 1 -o comm=) == systemd ]]
ok $? "PID 1 is systemd"
system_state

# No unit the harness masked (the host's services) is active.
active_masked=$(for f in /etc/systemd/system/*; do
	[[ $(readlink "$f") == /dev/null ]] || continue
	u=${f##*/}
	[[ $u == *@.* ]] && continue
	systemctl -q is-active "$u" 2>/dev/null && echo "$u"
done || true)
[[ -z $active_masked ]]
ok $? "no masked host unit active${active_masked:+: $active_masked}"

if [[ $boot -eq 1 ]]; then
	rm -f "$MARKER"
	t=/var/lib/c2vm-write-test.$$
	echo x >"$t" && [[ $(cat "$t") == x ]] && rm "$t"
	ok $? "root file system writable"

	if [[ $deb -eq 1 ]]; then
		export DEBIAN_FRONTEND=noninteractive
		dkms_deb=$(compgen -G "$REPO_ROOT/build/deb/c2guard-dkms_*_all.deb" | head -n1)
		ctl_deb=$(compgen -G "$REPO_ROOT/build/deb/c2guard_*_amd64.deb" | head -n1)
		kr=$(uname -r)
		step dpkg-i-dkms dpkg -i "$dkms_deb"
		ok $? "dpkg -i ${dkms_deb##*/}"
		dkms status | sed 's/^/# dkms status: /'
		dkms status -m c2guard -k "$kr" | grep -q ': installed'
		ok $? "dkms status: c2guard installed for $kr"
		# Before the c2guard package, whose c2guard.service loads it.
		step modprobe modprobe c2guard
		ok $? "modprobe c2guard"
		lsmod | grep -q '^c2guard '
		ok $? "lsmod shows c2guard"
		modinfo -F filename c2guard | sed 's/^/# module file: /'
		step dpkg-i-ctl dpkg -i "$ctl_deb"
		ok $? "dpkg -i ${ctl_deb##*/}"
		for u in $(systemctl list-unit-files --no-legend 'c2guard*' | awk '{ print $1 }'); do
			echo "# $u: $(systemctl is-enabled "$u" 2>&1), $(systemctl is-active "$u" 2>&1)"
		done
		systemctl --failed --no-legend --plain --no-pager | sed 's/^/# failed unit: /'
		step purge apt-get purge -y c2guard c2guard-dkms
		ok $? "apt-get purge -y c2guard c2guard-dkms"
		grep -q '^c2guard ' /proc/modules
		ok $((!$?)) "module unloaded by the purge"
		[[ -z $(dkms status -m c2guard 2>/dev/null) ]]
		ok $? "dkms status: c2guard gone"
	fi

	echo "written on boot $boot, $(uname -r)" >"$MARKER" && sync
	ok $? "marker $MARKER written"
	if [[ $failed -eq 0 ]]; then
		touch "$C2VM_REBOOT"
		echo "# reboot requested"
	fi
else
	[[ $(cat "$MARKER" 2>/dev/null) == "written on boot 1, $(uname -r)" ]]
	ok $? "marker $MARKER from boot 1 still there"
	if [[ $deb -eq 1 ]]; then
		dpkg-query -W -f='${Status}\n' c2guard c2guard-dkms 2>/dev/null | grep -q installed
		ok $((!$?)) "packages still purged"
		[[ ! -e /usr/sbin/c2ctl && -z $(find /lib/modules/*/updates -name 'c2guard.ko*' 2>/dev/null) ]]
		ok $? "no c2ctl, no c2guard.ko left"
	fi
fi
echo "# boot $boot: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
