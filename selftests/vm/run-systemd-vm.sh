#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run-systemd-vm.sh - like run-vm.sh, but the guest boots systemd as PID 1 on
# a writable root that survives reboots: run one command as root in a qemu
# VM (TCG), possibly over several boots of the same disk, then check the
# guest kernel log of every boot for splats.
#
# usage: run-systemd-vm.sh [options] -- COMMAND [ARG...]
#
# The guest root is an overlay: the host root, read-only over 9p, is the
# lower layer; the upper layer and its workdir live on a sparse ext4 disk
# image (virtio-blk, made by mkfs.ext4 in the job directory), so whatever
# the command installs or changes (dpkg, DKMS, /etc, /var) stays on that
# disk, and the host is never written to.  The busybox initramfs mounts all
# that, seeds the upper layer on the first boot (see "first boot" below) and
# does "switch_root /newroot /lib/systemd/systemd"; the kernel command line
# says systemd.unit=c2vm.target.
#
#   c2vm.target        Requires basic.target, Wants multi-user.target and
#                      c2vm-run.service (so units a package enables for
#                      multi-user.target start too)
#   c2vm-run.service   runs the command once multi-user.target is up, then
#                      saves the journal and dmesg and powers the guest off
#   /c2vm              the job share (read-write 9p; not under /run, which
#                      systemd covers with its own tmpfs)
#   /tmp               a fresh tmpfs every boot (tmp.mount), so the host's
#                      /tmp is not visible: the working directory must not
#                      be under /tmp
#
# First boot: the upper layer gets a fresh /etc/machine-id, /etc/hostname
# (c2vm), an empty /etc/fstab, the two units, /etc/.updated and
# /var/.updated (no hwdb/ldconfig/catalog rebuild at boot), a manager
# drop-in (shorter stop timeouts), emergency/rescue drop-ins that save the
# journal and power off instead of waiting for a login, and masks
# (symlinks to /dev/null) for every unit the host enables in
# /etc/systemd/system/*.wants|*.requires (postgresql, docker, ssh, ...; not
# targets), every SysV script the host starts in rc2-5.d without a native
# unit, and gettys, wait-online and maintenance timers.  The list is
# computed from the host when this script starts; units a package installs
# and enables later in the guest are not affected (unless they share the
# name of a masked host unit).  Two host files are deleted (whiteouts) in
# the guest: /.dockerenv (systemd would take the guest for a container and
# ignore the kernel command line) and /usr/sbin/policy-rc.d (docker's "exit
# 101", which keeps dpkg from starting the services it installs).
#
# The command runs in the directory run-systemd-vm.sh was started from, as
# root, with stdin from /dev/null, in the environment PATH, HOME=/root,
# TERM=dumb, LANG=C.UTF-8, every C2GUARD_* variable of the caller, the --env
# settings and:
#   C2VM=1 C2VM_SYSTEMD=1
#   C2VM_BOOT=N          1 on the first boot, 2 on the second, ...
#   C2VM_ARTIFACTS=/c2vm/artifacts   files left there stay on the host (the
#                        same directory on every boot)
#   C2VM_REBOOT=/c2vm/reboot   create this file and exit 0 to have the
#                        guest powered off and booted again from the same
#                        disk (the command then runs again with C2VM_BOOT
#                        one higher); at most --max-boots boots
# SIGPIPE is not ignored (systemd's default for services is to ignore it).
# Its stdout and stderr are streamed to our stdout through the second serial
# port (ttyS1); the kernel and systemd console (ttyS0) go to the job's
# console-N.log.
#
# Reboots are done by the harness: the guest always powers off (qemu runs
# with -no-reboot), and a new qemu is started on the same disk.  So every
# boot gets its own console log, timeout and timing, and a guest that hangs
# while shutting down cannot eat the next boot.
#
# Per boot N the job directory holds console-N.log, output-N.log,
# qemu-N.log and share/boot-N/ with journal.txt (journalctl -b -o
# short-monotonic), dmesg.txt, failed-units.txt, systemd-analyze.txt,
# run.log (trace of the guest side), uptime.*, taint.*, rc.  When the guest
# died before saving its journal (timeout, panic), journal-salvaged.txt is
# what journald had written to the disk, read with debugfs.  A run that
# passed removes its job directory; one that failed keeps it without the
# disk image (--keep-job keeps everything).
#
# A boot fails when the log holds a WARNING/BUG/Oops/lockdep/KASAN/...
# report after the command started (what the kernel says while booting is
# shown, not counted), or the kernel picked up a taint other than O/E while
# the command ran.
#
# Exit status: the command's (of the last boot), or 125 when the VM could
# not run the command to its end (boot failure, oops/panic, emergency mode,
# timeout), a reboot was requested on the last allowed boot, or the log
# check failed while the command itself succeeded.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
SELF_DIR=$(dirname "$SELF")
REPO_ROOT=$(cd "$SELF_DIR/../.." && pwd)
# the command line, splat patterns and taints both VM scripts use
# shellcheck source=selftests/vm/guest-lib.sh
source "$SELF_DIR/guest-lib.sh"
PROG=run-systemd-vm

# Modules the initramfs needs for the 9p shares, the disk, ext4 (whose
# checksums want crc32c, a soft dependency) and the overlay; their
# dependencies are resolved from modules.dep, builtin ones are skipped.
INITRAMFS_MODULES=(virtio_pci virtio_blk 9pnet_virtio 9p crc32c_generic ext4 overlay)

# Host units that must not start in the guest although the host enables
# them (or a generator would add them).
MASK_ALWAYS=(
	getty@.service serial-getty@.service console-getty.service
	container-getty@.service
	systemd-networkd-wait-online.service NetworkManager-wait-online.service
	apt-daily.timer apt-daily-upgrade.timer man-db.timer dpkg-db-backup.timer
	e2scrub_all.timer e2scrub_reap.service fstrim.timer
	systemd-timesyncd.service
)


# Seconds the guest may take to power off after the command's result is in.
SHUTDOWN_GRACE=120

usage() {
	cat <<EOF
usage: ${0##*/} [options] -- COMMAND [ARG...]

  --kver KVER        kernel release: /boot/vmlinuz-KVER, /lib/modules/KVER
                     (default: the newest kernel in /boot with modules)
  --mem SIZE         guest memory (default 2G)
  --smp N            guest CPUs (default 2)
  --timeout SEC      kill the VM after SEC seconds, per boot (default 1800)
  --disk-size SIZE   size of the sparse disk image (default 4G)
  --max-boots N      boots allowed (default 5); a reboot requested on the
                     last one fails the run
  -e, --env N=V      set N=V in the command's environment (repeatable)
  --append ARGS      extra kernel command line
  --no-scan          report kernel log splats and taints but do not fail
  --keep-job         keep the job directory, disk image included, even when
                     the run passed (a failed run keeps it, without the disk)
  --build-dir DIR    cache/job directory (default \$C2VM_BUILD_DIR or
                     REPO/build/vm)
  -h, --help         this text

The command sees C2VM=1, C2VM_SYSTEMD=1, C2VM_BOOT=N (1, 2, ...),
C2VM_ARTIFACTS (kept on the host) and C2VM_REBOOT: create that file and exit
0 to be booted again from the same disk.

Exit status: the command's, or 125 on VM failure, timeout, or a kernel log
splat / new taint.
EOF
}

msg() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
	msg "error: $*"
	exit 125
}

kver='' mem=2G smp=2 timeout=1800 disk_size=4G max_boots=5
scan=1 keep_job=0 append=''
build_dir=${C2VM_BUILD_DIR:-$REPO_ROOT/build/vm}
envs=()

need_arg() { [[ $# -ge 2 ]] || die "option $1 needs an argument"; }
while [[ $# -gt 0 ]]; do
	case $1 in
	--kver) need_arg "$@"; kver=$2; shift 2 ;;
	--mem) need_arg "$@"; mem=$2; shift 2 ;;
	--smp) need_arg "$@"; smp=$2; shift 2 ;;
	--timeout) need_arg "$@"; timeout=$2; shift 2 ;;
	--disk-size) need_arg "$@"; disk_size=$2; shift 2 ;;
	--max-boots) need_arg "$@"; max_boots=$2; shift 2 ;;
	-e | --env) need_arg "$@"; envs+=("$2"); shift 2 ;;
	--append) need_arg "$@"; append=$2; shift 2 ;;
	--build-dir) need_arg "$@"; build_dir=$2; shift 2 ;;
	--no-scan) scan=0; shift ;;
	--keep-job) keep_job=1; shift ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	*) usage >&2; die "unknown argument '$1' (the command goes after --)" ;;
	esac
done
[[ $# -gt 0 ]] || { usage >&2; die "no command given"; }
[[ $timeout =~ ^[0-9]+$ && $timeout -gt 0 ]] || die "bad --timeout '$timeout'"
[[ $smp =~ ^[0-9]+$ && $smp -gt 0 ]] || die "bad --smp '$smp'"
[[ $max_boots =~ ^[0-9]+$ && $max_boots -gt 0 ]] || die "bad --max-boots '$max_boots'"
[[ $disk_size =~ ^[0-9]+[KMGT]?$ ]] || die "bad --disk-size '$disk_size' (e.g. 4G)"
for e in "${envs[@]}"; do
	[[ $e =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "bad --env '$e' (want NAME=VALUE)"
done

for tool in qemu-system-x86_64 cpio gzip xz sha256sum timeout tail truncate mkfs.ext4 stat; do
	command -v "$tool" >/dev/null || die "$tool not found (run 'make deps')"
done
[[ -x /lib/systemd/systemd ]] || die "/lib/systemd/systemd not found: the guest boots the host's systemd"
BUSYBOX=''
for b in /bin/busybox /usr/bin/busybox; do
	[[ -x $b ]] && { BUSYBOX=$b; break; }
done
[[ -n $BUSYBOX ]] || die "busybox not found (apt-get install busybox-static)"
if command -v readelf >/dev/null && readelf -l "$BUSYBOX" 2>/dev/null | grep -q INTERP; then
	die "$BUSYBOX is dynamically linked; install busybox-static"
fi

# The guest sees the host's tree through the overlay, but /tmp is a fresh
# tmpfs there and /run, /dev, /proc, /sys are its own.
cwd=$(pwd -P)
case $cwd/ in
/tmp/* | /run/* | /dev/* | /proc/* | /sys/*)
	die "the working directory ($cwd) is hidden in the guest; start from elsewhere" ;;
esac

# --- pick the kernel -------------------------------------------------------

if [[ -z $kver ]]; then
	kver=$(for f in /boot/vmlinuz-*; do
		k=${f#/boot/vmlinuz-}
		if [[ -f $f && -f /lib/modules/$k/modules.dep ]]; then echo "$k"; fi
	done | sort -V | tail -n1)
	[[ -n $kver ]] || die "no kernel with modules found in /boot"
fi
kernel=/boot/vmlinuz-$kver
[[ -r $kernel ]] || die "kernel image $kernel not readable"
kernel=$(readlink -f "$kernel")
moddir=/lib/modules/$kver
[[ -f $moddir/modules.dep ]] || die "no modules.dep in $moddir (kernel $kver)"

mkdir -p "$build_dir"
build_dir=$(readlink -f "$build_dir")

# --- initramfs ---------------------------------------------------------------

# Print the module files (relative to $moddir) needed for $INITRAMFS_MODULES,
# dependencies first.
resolve_modules() {
	local -A path_of=() deps_of=() seen=()
	local line p name m
	local -a order=()
	while IFS= read -r line; do
		p=${line%%:*}
		name=${p##*/}
		name=${name%%.ko*}
		name=${name//-/_}
		path_of[$name]=$p
		deps_of[$p]=${line#*:}
	done <"$moddir/modules.dep"
	visit() {
		local d
		[[ -n ${seen[$1]:-} ]] && return 0
		seen[$1]=1
		for d in ${deps_of[$1]}; do
			visit "$d"
		done
		order+=("$1")
	}
	for m in "${INITRAMFS_MODULES[@]}"; do
		m=${m//-/_}
		if [[ -n ${path_of[$m]:-} ]]; then
			visit "${path_of[$m]}"
		elif grep -Eq "/${m//_/[-_]}\.ko" "$moddir/modules.builtin" 2>/dev/null; then
			continue
		else
			die "module $m is neither in $moddir/modules.dep nor builtin"
		fi
	done
	printf '%s\n' "${order[@]}"
}

write_init() {
	cat <<'EOF'
#!/bin/busybox sh
# c2vm systemd stage 1 (run-systemd-vm.sh): load the modules, mount the host
# root (9p, read-only) as the overlay's lower layer and the disk as its
# upper layer, seed the upper layer on the first boot, mount the job share
# on /c2vm and switch_root to systemd.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
fatal() {
	echo "c2vm-init: FATAL: $*"
	echo o >/proc/sysrq-trigger
	sleep 30
	exit 1
}
while read -r m; do
	insmod "/lib/c2vm/$m" || fatal "insmod $m failed"
done </lib/c2vm/modules.order
mount9p() {
	i=0
	until mount -t 9p -o "trans=virtio,version=9p2000.L,msize=262144,$3" \
		"$1" "$2" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 50 ]; then
			mount -t 9p -o "trans=virtio,version=9p2000.L,$3" "$1" "$2"
			return
		fi
		sleep 0.1
	done
}
mount9p c2root /lower ro,cache=loose || fatal "cannot mount the host root"
i=0
until [ -b /dev/vda ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || fatal "no disk (/dev/vda)"
	sleep 0.1
done
mount -t ext4 -o noatime /dev/vda /disk || fatal "cannot mount the disk"
mkdir -p /disk/upper /disk/work || fatal "cannot create the layers"
# Index, redirects, metacopy and xino stay off (the Debian defaults, said
# explicitly): 9p has no file handles and the layers are on two devices.
mount -t overlay -o lowerdir=/lower,upperdir=/disk/upper,workdir=/disk/work,index=off,redirect_dir=off,metacopy=off,xino=off \
	overlay /newroot || fatal "cannot mount the overlay root"
if [ ! -e /disk/c2vm-seeded ]; then
	# Through the overlay, file by file: the directories on the way are
	# copied up with the host's modes and times (/usr's mtime matters to
	# ConditionNeedsUpdate).
	(cd /seed && find . ! -type d) | while read -r f; do
		mkdir -p "/newroot/$(dirname "$f")" && cp -a "/seed/$f" "/newroot/$f" ||
			fatal "cannot seed $f"
	done
	# Host files a guest must not see: /.dockerenv makes systemd think it
	# runs in a container (and ignore the kernel command line), docker's
	# policy-rc.d (exit 101) keeps dpkg from starting services.
	for f in /.dockerenv /usr/sbin/policy-rc.d; do
		if [ -e "/newroot$f" ] || [ -L "/newroot$f" ]; then
			rm -f "/newroot$f" || fatal "cannot hide $f"
		fi
	done
	mkdir -p /newroot/c2vm || fatal "cannot create /c2vm"
	echo 1 >/disk/c2vm-seeded
	echo "c2vm-init: first boot: upper layer seeded"
fi
mount9p c2job /newroot/c2vm cache=none || fatal "cannot mount the job share"
for d in dev proc sys; do
	mount --move /$d /newroot/$d || fatal "cannot move /$d"
done
exec switch_root /newroot /lib/systemd/systemd
fatal "switch_root failed"
EOF
}

build_initramfs() {
	local out=$1 tmp m src dst n=0 a
	tmp=$(mktemp -d "$build_dir/initramfs.tmp.XXXXXX")
	chmod 755 "$tmp"
	mkdir -p "$tmp"/{bin,dev,proc,sys,newroot,lower,disk,lib/c2vm}
	cp "$BUSYBOX" "$tmp/bin/busybox"
	for a in sh mount insmod mkdir sleep switch_root echo cp rm find dirname; do
		ln -s busybox "$tmp/bin/$a"
	done
	: >"$tmp/lib/c2vm/modules.order"
	while IFS= read -r m; do
		[[ -n $m ]] || continue
		src=$moddir/$m
		n=$((n + 1))
		dst=$(printf '%02d-%s' "$n" "${m##*/}")
		dst=${dst%%.ko*}.ko
		case $src in
		*.ko) cp "$src" "$tmp/lib/c2vm/$dst" ;;
		*.ko.xz) xz -dc "$src" >"$tmp/lib/c2vm/$dst" ;;
		*.ko.gz) gzip -dc "$src" >"$tmp/lib/c2vm/$dst" ;;
		*.ko.zst) zstd -qdc "$src" >"$tmp/lib/c2vm/$dst" ;;
		*) die "unknown module format: $src" ;;
		esac
		echo "$dst" >>"$tmp/lib/c2vm/modules.order"
	done < <(resolve_modules)
	write_init >"$tmp/init"
	chmod 755 "$tmp/init"
	(cd "$tmp" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0 | gzip -1) >"$tmp.cpio.gz"
	mv -f "$tmp.cpio.gz" "$out"
	rm -rf "$tmp"
}

t_start=$(date +%s.%N)
umask 022
key=$(
	{
		echo "$kver"
		sha256sum "$SELF" "$moddir/modules.dep" "$BUSYBOX" | cut -d' ' -f1
	} | sha256sum | cut -c1-16
)
initramfs=$build_dir/sysd-initramfs-$kver-$key.cpio.gz
if [[ ! -s $initramfs ]]; then
	t0=$(date +%s.%N)
	build_initramfs "$initramfs"
	msg "built initramfs $(basename "$initramfs") in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }')"
	for f in "$build_dir/sysd-initramfs-$kver-"*.cpio.gz; do
		[[ $f == "$initramfs" ]] || rm -f "$f"
	done
fi

# --- job directory ------------------------------------------------------------

mkdir -p "$build_dir/jobs"
# Failed runs leave their job directory behind; keep the newest 10, and
# never one whose run is still going (its "owner" pid alive): a guest's
# job share vanishing mid-run looks like a failing test.
find "$build_dir/jobs" -mindepth 1 -maxdepth 1 -type d -name 'sysd.*' -printf '%T@ %p\n' |
	sort -rn | tail -n +10 | cut -d' ' -f2- | while IFS= read -r d; do
		o=$(cat "$d/owner" 2>/dev/null) || o=''
		[[ -n $o ]] && kill -0 "$o" 2>/dev/null && continue
		rm -rf -- "$d"
	done
job=$(mktemp -d "$build_dir/jobs/sysd.XXXXXX")
echo $$ >"$job/owner"
chmod 755 "$job"
share=$job/share
mkdir -p "$share/artifacts"

# --- the first-boot seed of the upper layer ---------------------------------------

# Units to mask: what the host enables (not targets), SysV scripts it starts
# without a native unit, and $MASK_ALWAYS.
host_masks() {
	local f u s
	for f in /etc/systemd/system/*.wants/* /etc/systemd/system/*.requires/*; do
		[[ -e $f || -L $f ]] || continue
		u=${f##*/}
		[[ $u == *.target ]] || echo "$u"
	done
	for f in /etc/rc[2345].d/S*; do
		[[ -e $f ]] || continue
		s=${f##*/S[0-9][0-9]}
		u=$s.service
		[[ -e /etc/systemd/system/$u || -e /lib/systemd/system/$u ||
			-e /usr/lib/systemd/system/$u ]] || echo "$u"
	done
	printf '%s\n' "${MASK_ALWAYS[@]}"
}

write_seed() {
	local seed=$1 u usr_ns
	local sd=$seed/etc/systemd/system
	mkdir -p "$seed/c2vm" "$seed/etc/systemd/system.conf.d" "$seed/var" \
		"$sd/local-fs.target.wants" "$sd/emergency.service.d" "$sd/rescue.service.d"
	od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$seed/etc/machine-id"
	echo >>"$seed/etc/machine-id"
	echo c2vm >"$seed/etc/hostname"
	echo '# run-systemd-vm.sh: no file systems besides the root' >"$seed/etc/fstab"
	# ConditionNeedsUpdate=/etc and /var: the host's caches (hwdb, ld.so,
	# journal catalog) are taken as they are.
	usr_ns=$(stat -c '%.9Y' /usr | tr -d .)
	for f in "$seed/etc/.updated" "$seed/var/.updated"; do
		printf '# run-systemd-vm.sh\nTIMESTAMP_NSEC=%s\n' "$usr_ns" >"$f"
		touch -r /usr "$f"
	done
	cat >"$seed/etc/systemd/system.conf.d/c2vm.conf" <<'EOF'
# run-systemd-vm.sh: TCG is slow to start things, but nothing should take
# long to stop.
[Manager]
DefaultTimeoutStartSec=180s
DefaultTimeoutStopSec=30s
DefaultDeviceTimeoutSec=30s
EOF
	cat >"$sd/c2vm.target" <<'EOF'
# run-systemd-vm.sh: the boot target (systemd.unit=c2vm.target)
[Unit]
Description=c2vm: run-systemd-vm.sh guest
Requires=basic.target
Wants=multi-user.target c2vm-run.service
After=basic.target multi-user.target
AllowIsolate=yes
EOF
	# Type=exec, not oneshot: a oneshot's start job lasts as long as the
	# command, so the boot would never finish ("systemctl
	# is-system-running --wait" in the command would wait for itself).
	cat >"$sd/c2vm-run.service" <<'EOF'
# run-systemd-vm.sh: runs the command (/c2vm/run.sh), then powers off
[Unit]
Description=c2vm: the run-systemd-vm.sh command
After=multi-user.target

[Service]
Type=exec
ExecStart=/bin/bash /c2vm/run.sh
# SIGPIPE as in a login shell (systemd ignores it by default, and then
# "cmd | head" makes cmd complain "write error: Broken pipe").
IgnoreSIGPIPE=no
StandardInput=null
StandardOutput=journal
StandardError=journal
TimeoutStartSec=infinity
EOF
	for u in emergency rescue; do
		cat >"$sd/$u.service.d/c2vm.conf" <<'EOF'
# run-systemd-vm.sh: nobody is there to log in; save what went wrong and
# power off.
[Service]
ExecStartPre=
ExecStart=
ExecStart=-/bin/bash /c2vm/emergency.sh
StandardInput=null
StandardOutput=console
StandardError=console
EOF
	done
	[[ ! -e /usr/share/systemd/tmp.mount ]] ||
		ln -s /usr/share/systemd/tmp.mount "$sd/local-fs.target.wants/tmp.mount"
	while IFS= read -r u; do
		[[ -e $sd/$u || -L $sd/$u ]] || ln -s /dev/null "$sd/$u"
	done < <(host_masks | LC_ALL=C sort -u)
}

seed=$job/seed.tmp
mkdir -p "$seed/seed"
write_seed "$seed/seed"
(cd "$seed" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0 | gzip -1) >"$job/seed.cpio.gz"
masked=$(find "$seed/seed/etc/systemd/system" -maxdepth 1 -lname /dev/null -printf '%f\n' | LC_ALL=C sort | tr '\n' ' ')
rm -rf "$seed"
# The kernel unpacks concatenated archives one after the other.
cat "$initramfs" "$job/seed.cpio.gz" >"$job/initrd.img"
rm -f "$job/seed.cpio.gz"

disk=$job/disk.img
truncate -s "$disk_size" "$disk"
mkfs.ext4 -F -q -L c2vm -E lazy_itable_init=0,lazy_journal_init=0,root_owner=0:0 "$disk" ||
	die "mkfs.ext4 on $disk failed"

# --- guest side of c2vm-run.service ---------------------------------------------

guest_env=()
while IFS= read -r name; do
	guest_env+=("$name=${!name}")
done < <(compgen -e | grep -E '^C2GUARD_' || true)
guest_env+=("${envs[@]}")

write_run() {
	echo '#!/bin/bash'
	echo '# c2vm-run.service (generated by run-systemd-vm.sh): runs the command.'
	printf 'CWD=%q\n' "$cwd"
	printf 'CMD=('; printf ' %q' "$@"; printf ' )\n'
	printf 'GUEST_ENV=('
	[[ ${#guest_env[@]} -eq 0 ]] || printf ' %q' "${guest_env[@]}"
	printf ' )\n'
	cat <<'EOF'
J=/c2vm
BOOT=$(cat $J/boot)
B=$J/boot-$BOOT
mkdir -p $B
# Created by qemu on the host: its mtime is the host's time of service start.
: >$B/started
cut -d' ' -f1 /proc/uptime >$B/uptime.service
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
exec </dev/null >>$B/run.log 2>&1 9>&1
BASH_XTRACEFD=9
PS4='+ ${EPOCHREALTIME} '
set -x
OUT=/dev/ttyS1
stty -F $OUT raw -echo 2>/dev/null || stty raw -echo <$OUT || true
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug

cat /proc/sys/kernel/tainted >$B/taint.before
echo "c2vm: command start (boot $BOOT)" >/dev/kmsg
cut -d' ' -f1 /proc/uptime >$B/uptime.start
(
	cd "$CWD" || exit 125
	exec env -i PATH="$PATH" HOME=/root TERM=dumb LANG=C.UTF-8 C2VM=1 C2VM_SYSTEMD=1 \
		C2VM_BOOT="$BOOT" C2VM_ARTIFACTS=$J/artifacts C2VM_REBOOT=$J/reboot \
		"${GUEST_ENV[@]}" "${CMD[@]}" 9>&-
) </dev/null >$OUT 2>&1
rc=$?
cut -d' ' -f1 /proc/uptime >$B/uptime.end
echo "c2vm: command end, exit $rc" >/dev/kmsg

# Give kmemleak (debug kernels) a chance to report what the command leaked.
if [[ -w /sys/kernel/debug/kmemleak ]]; then
	echo scan >/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >$B/kmemleak.txt
fi
cat /proc/sys/kernel/tainted >$B/taint.after
systemctl --failed --no-legend --plain --no-pager >$B/failed-units.txt 2>&1
{
	systemctl is-system-running
	systemd-analyze time
	# (not "blame" or "critical-chain": they take some 40 s under TCG;
	# journal.txt has the same times)
} >$B/systemd-analyze.txt 2>&1
journalctl -b --no-pager -o short-monotonic >$B/journal.txt 2>&1
dmesg >$B/dmesg.txt 2>&1 || cat /dev/kmsg >$B/dmesg.txt
sync
echo $rc >$B/rc.tmp && mv $B/rc.tmp $B/rc
sync
systemctl --no-block poweroff || systemctl poweroff --force || echo o >/proc/sysrq-trigger
EOF
}
write_run "$@" >"$share/run.sh"

cat >"$share/emergency.sh" <<'EOF'
#!/bin/bash
# emergency.service / rescue.service (generated by run-systemd-vm.sh): the
# boot failed; save the evidence and power off.
B=/c2vm/boot-$(cat /c2vm/boot)
mkdir -p "$B"
{
	echo "c2vm: $(systemctl is-system-running 2>&1): emergency/rescue mode"
	systemctl --failed --no-legend --plain --no-pager
} >"$B/emergency.txt" 2>&1
journalctl -b --no-pager -o short-monotonic >"$B/journal.txt" 2>&1
dmesg >"$B/dmesg.txt" 2>&1
sync
systemctl poweroff --force || echo o >/proc/sysrq-trigger
EOF

# --- boot ------------------------------------------------------------------------

cmdline=$GUEST_CMDLINE
cmdline+=" systemd.unit=c2vm.target systemd.firstboot=off systemd.log_color=0 fsck.mode=skip"
[[ -z $append ]] || cmdline+=" $append"

qpid='' tpid=''
# shellcheck disable=SC2317  # called from the traps
cleanup() {
	[[ -z $qpid ]] || kill "$qpid" 2>/dev/null || true
	[[ -z $tpid ]] || kill "$tpid" 2>/dev/null || true
	[[ -z $qpid ]] || wait "$qpid" 2>/dev/null || true
}
# shellcheck disable=SC2317  # called from the trap
interrupted() {
	cleanup
	qpid='' tpid=''
	[[ $keep_job -eq 1 ]] || rm -f "$disk"
	msg "interrupted; VM stopped; job directory kept: $job"
	exit 130
}
trap cleanup EXIT
trap interrupted INT TERM

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Check the kernel log and taint of boot $1; prints nothing, sets log_bad.
scan_boot() {
	local n=$1 B=$share/boot-$1 klog pattern splat_lines start boot_lines first f line
	local tb ta new letters i
	klog=$B/dmesg.txt
	[[ -s $klog ]] || klog=$job/console-$n.log
	pattern=$(IFS='|'; echo "${SPLAT_PATTERNS[*]}")
	splat_lines=$(grep -a -n -E -- "$pattern" "$klog" "$B/kmemleak.txt" 2>/dev/null || true)
	# What the kernel reported while booting, before the command started,
	# is the kernel's or qemu's problem, not the command's: shown, not
	# counted.  Without the marker (the guest died early) everything counts.
	start=$(grep -a -n -m1 'c2vm: command start' "$klog" 2>/dev/null | cut -d: -f1) || start=''
	if [[ -n $splat_lines && -n $start ]]; then
		boot_lines=$(awk -F: -v f="$klog" -v s="$start" '$1 == f && $2 < s' <<<"$splat_lines")
		if [[ -n $boot_lines ]]; then
			msg "note: boot $n: the kernel reported problems while booting, before the command (not counted):"
			head -n 10 <<<"$boot_lines" | sed 's/^/  ~ /' >&2
			splat_lines=$(awk -F: -v f="$klog" -v s="$start" '!($1 == f && $2 < s)' <<<"$splat_lines")
		fi
	fi
	if [[ -n $splat_lines ]]; then
		log_bad=1
		first=$(head -n1 <<<"$splat_lines")
		msg "FAIL: boot $n: kernel log reports problems ($(wc -l <<<"$splat_lines") lines match):"
		head -n 40 <<<"$splat_lines" | sed 's/^/  ! /' >&2
		f=${first%%:*}
		if [[ $f != "$B/kmemleak.txt" ]]; then
			line=${first#*:}
			line=${line%%:*}
			msg "context of the first report ($klog:$line):"
			sed -n "$((line > 5 ? line - 5 : 1)),$((line + 45))p" "$klog" | sed 's/^/  | /' >&2
		fi
	fi
	if [[ -f $B/taint.before && -f $B/taint.after ]]; then
		tb=$(cat "$B/taint.before") ta=$(cat "$B/taint.after")
		new=$((ta & ~tb & ~TAINT_ALLOWED))
		if [[ $new -ne 0 ]]; then
			log_bad=1
			letters=''
			for ((i = 0; i < ${#TAINT_LETTERS}; i++)); do
				((new & (1 << i))) && letters+=${TAINT_LETTERS:i:1}
			done
			msg "FAIL: boot $n: kernel taint went from $tb to $ta (new, unexpected: $new = $letters)"
		fi
		[[ $tb -eq 0 ]] || msg "note: boot $n: kernel already tainted ($tb) before the command"
	fi
	if [[ ! -f $B/rc && -z $splat_lines ]]; then
		msg "last console lines ($job/console-$n.log):"
		tail -n 40 "$job/console-$n.log" | sed 's/^/  | /' >&2
	fi
}

# The guest died before it saved its journal: take what journald had
# written to the disk (persistent storage, /var/log/journal) with debugfs,
# which needs no mount.
salvage_journal() {
	local n=$1 d=$job/journal.tmp
	command -v debugfs >/dev/null && command -v journalctl >/dev/null || return 0
	rm -rf "$d" && mkdir -p "$d" "$share/boot-$n"
	debugfs -R "rdump /upper/var/log/journal $d" "$disk" >/dev/null 2>&1 || true
	if [[ -d $d/journal ]] && journalctl -D "$d/journal" -b 0 --no-pager -o short-monotonic \
		>"$share/boot-$n/journal-salvaged.txt" 2>&1; then
		msg "boot $n: journal salvaged from the disk: $share/boot-$n/journal-salvaged.txt"
	fi
	rm -rf "$d"
}

msg "$kver: job $job; masked in the guest: $masked"
failed=0
rc=125
boot=0
while :; do
	boot=$((boot + 1))
	B=$share/boot-$boot
	rm -f "$share/reboot"
	echo "$boot" >"$share/boot"
	: >"$job/console-$boot.log"
	: >"$job/output-$boot.log"
	qemu=(
		qemu-system-x86_64 -accel tcg -M pc -cpu max -smp "$smp" -m "$mem"
		-nodefaults -no-user-config -display none -monitor none -no-reboot
		-kernel "$kernel" -initrd "$job/initrd.img" -append "$cmdline"
		-chardev "file,id=con,path=$job/console-$boot.log" -serial chardev:con
		-chardev "file,id=out,path=$job/output-$boot.log" -serial chardev:out
		-drive "file=$disk,format=raw,if=virtio,cache=unsafe"
		-virtfs "local,path=/,mount_tag=c2root,security_model=none,readonly=on,multidevs=remap"
		-virtfs "local,path=$share,mount_tag=c2job,security_model=none,multidevs=remap"
	)
	msg "boot $boot: booting $kver (timeout ${timeout}s)"
	t_boot=$(date +%s.%N)
	timeout --kill-after=10 "$timeout" "${qemu[@]}" </dev/null >"$job/qemu-$boot.log" 2>&1 &
	qpid=$!
	tail -n +1 -s 0.2 -f --pid="$qpid" "$job/output-$boot.log" &
	tpid=$!
	t_rc='' killed=0
	while kill -0 "$qpid" 2>/dev/null; do
		if [[ -z $t_rc && -f $B/rc ]]; then
			t_rc=$(date +%s.%N)
		elif [[ -n $t_rc && $killed -eq 0 ]] &&
			awk -v a="$t_rc" -v b="$(date +%s.%N)" -v g="$SHUTDOWN_GRACE" 'BEGIN { exit !(b - a > g) }'; then
			msg "boot $boot: the guest did not power off within ${SHUTDOWN_GRACE}s of the command's end; killing qemu"
			kill "$qpid" 2>/dev/null || true
			killed=1
		fi
		sleep 0.5
	done
	qrc=0
	wait "$qpid" || qrc=$?
	qpid=''
	wait "$tpid" || true
	tpid=''
	t_end=$(date +%s.%N)
	[[ -n $t_rc || ! -f $B/rc ]] || t_rc=$t_end

	# --- verdict of this boot ---
	log_bad=0
	rc=125
	if [[ -f $B/rc ]]; then
		rc=$(cat "$B/rc")
	else
		failed=1
		if [[ -s $B/emergency.txt ]]; then
			msg "FAIL: boot $boot: systemd went into emergency/rescue mode:"
			sed 's/^/  | /' "$B/emergency.txt" >&2
		elif [[ $qrc -eq 124 || $qrc -eq 137 ]]; then
			msg "FAIL: boot $boot: timed out after ${timeout}s; VM killed"
		else
			msg "FAIL: boot $boot: the VM stopped before the command finished (qemu exit $qrc)"
		fi
		if [[ -s $job/qemu-$boot.log ]]; then
			msg "qemu said:"
			sed 's/^/  | /' "$job/qemu-$boot.log" | tail -n 20 >&2
		fi
		if [[ -s $B/run.log && ! -f $B/uptime.start ]]; then
			msg "the command never started; guest log ($B/run.log):"
			tail -n 20 "$B/run.log" | sed 's/^/  | /' >&2
		fi
	fi
	[[ -f $B/journal.txt ]] || salvage_journal "$boot"
	scan_boot "$boot"
	if [[ $log_bad -eq 1 && $scan -eq 1 ]]; then
		failed=1
		[[ $rc -ne 0 ]] || rc=125
	fi
	if [[ -s $B/failed-units.txt ]]; then
		msg "note: boot $boot: failed units in the guest:"
		sed 's/^/  - /' "$B/failed-units.txt" >&2
	fi

	# --- timing of this boot ---
	to_service='?' uptime_service='?' cmd_s='?' off_s='?' sd=''
	if [[ -f $B/started ]]; then
		to_service=$(elapsed "$t_boot" "$(stat -c '%.9Y' "$B/started")")
	fi
	[[ ! -s $B/uptime.service ]] || uptime_service=$(cat "$B/uptime.service")
	if [[ -s $B/uptime.start && -s $B/uptime.end ]]; then
		cmd_s=$(elapsed "$(cat "$B/uptime.start")" "$(cat "$B/uptime.end")")
	fi
	[[ -z $t_rc ]] || off_s=$(elapsed "$t_rc" "$t_end")
	[[ ! -s $B/systemd-analyze.txt ]] ||
		sd=$(grep -m1 '^Startup finished' "$B/systemd-analyze.txt" | sed 's/^Startup finished in //') || true
	msg "boot $boot: qemu start to c2vm-run.service ${to_service}s (guest uptime ${uptime_service}s${sd:+; systemd: $sd}), command ${cmd_s}s, power-off ${off_s}s, wall $(elapsed "$t_boot" "$t_end")s, exit $rc"

	[[ $failed -eq 0 && $rc -eq 0 && -e $share/reboot ]] || break
	if [[ $boot -ge $max_boots ]]; then
		msg "FAIL: reboot requested on boot $boot, the last allowed (--max-boots $max_boots)"
		failed=1
		rc=125
		break
	fi
	msg "boot $boot: reboot requested"
done
[[ $rc -ne 0 ]] || [[ $failed -eq 0 ]] || rc=125

msg "$kver: $boot boot(s), total $(elapsed "$t_start" "$(date +%s.%N)")s, exit $rc"
if [[ $failed -eq 0 && $rc -eq 0 && $keep_job -eq 0 ]]; then
	rm -rf "$job"
elif [[ $keep_job -eq 1 ]]; then
	msg "job directory kept: $job"
else
	rm -f "$disk"
	msg "job directory kept (without the disk image): $job"
fi
exit "$rc"
