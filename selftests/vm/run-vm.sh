#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# run-vm.sh - run one command as root in a throwaway qemu VM (TCG) that boots
# a chosen kernel and sees the host's root filesystem read-only over 9p, then
# check the guest kernel log for splats.
#
# usage: run-vm.sh [options] -- COMMAND [ARG...]
#
# The guest (all paths are the host's, so host tools and the source tree are
# usable as is):
#   /            host root, read-only (9p, cache=loose)
#   /run /tmp /var/tmp /dev/shm   fresh tmpfs
#   /run/c2vm    the job directory (read-write 9p share); the command may
#                leave files in /run/c2vm/artifacts, they stay on the host
#   /lib/modules/KVER   the modules of the booted kernel (--modules-dir)
# The command runs in the directory run-vm.sh was started from, as root, with
# stdin from /dev/null, HOME=/tmp/home, and the environment reduced to PATH,
# HOME, TERM, LANG=C.UTF-8, C2VM=1, every C2GUARD_* variable of the caller and
# the --env settings.  Host directories hidden by the tmpfs mounts (a clone in
# /tmp, say) stay visible if they are the working directory, the repository
# or given with --keep.
#
# Its stdout and stderr are streamed to our stdout through a second serial
# port, so kernel messages never interleave with them.  The kernel console
# (ttyS0, loglevel 5: warnings and worse) goes to the job's console.log; after
# the command the guest saves the full dmesg.  A run fails when the log holds
# a WARNING/BUG/Oops/lockdep/KASAN/... report or the kernel picked up a taint
# other than O/E (out-of-tree / unsigned module) while the command ran.
#
# Exit status: the command's, or 125 when the VM could not run the command to
# its end (boot failure, oops/panic, timeout) or the log check failed while
# the command itself succeeded.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
SELF_DIR=$(dirname "$SELF")
REPO_ROOT=$(cd "$SELF_DIR/../.." && pwd)
# the command line, splat patterns and taints both VM scripts use
# shellcheck source=selftests/vm/guest-lib.sh
source "$SELF_DIR/guest-lib.sh"
PROG=run-vm

# Modules the initramfs needs to reach the 9p shares; their dependencies are
# resolved from modules.dep, builtin ones are skipped.
INITRAMFS_MODULES=(virtio_pci 9pnet_virtio 9p)


usage() {
	cat <<EOF
usage: ${0##*/} [options] -- COMMAND [ARG...]

  --kver KVER        kernel release: /boot/vmlinuz-KVER, /lib/modules/KVER
                     (default: the newest kernel in /boot with modules)
  --kernel FILE      kernel image (bzImage); KVER is read from it
  --modules-dir DIR  modules of that kernel (default /lib/modules/KVER)
  --mem SIZE         guest memory (default 2G)
  --smp N            guest CPUs (default 2)
  --timeout SEC      kill the VM after SEC seconds (default 1800)
  --log FILE         copy the kernel's serial console log to FILE
  -e, --env N=V      set N=V in the command's environment (repeatable)
  --keep PATH        keep host PATH visible even if under /tmp or /var/tmp
  --append ARGS      extra kernel command line
  --no-scan          report kernel log splats and taints but do not fail
  --keep-job         keep the job directory even when the run passed
  --build-dir DIR    cache/job directory (default \$C2VM_BUILD_DIR or
                     REPO/build/vm)
  -h, --help         this text

Exit status: the command's, or 125 on VM failure, timeout, or a kernel log
splat / new taint.
EOF
}

msg() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
	msg "error: $*"
	exit 125
}

kernel='' kver='' moddir='' mem=2G smp=2 timeout=1800 logfile=''
scan=1 keep_job=0 append=''
build_dir=${C2VM_BUILD_DIR:-$REPO_ROOT/build/vm}
envs=() keeps=()

need_arg() { [[ $# -ge 2 ]] || die "option $1 needs an argument"; }
while [[ $# -gt 0 ]]; do
	case $1 in
	--kernel) need_arg "$@"; kernel=$2; shift 2 ;;
	--kver) need_arg "$@"; kver=$2; shift 2 ;;
	--modules-dir) need_arg "$@"; moddir=$2; shift 2 ;;
	--mem) need_arg "$@"; mem=$2; shift 2 ;;
	--smp) need_arg "$@"; smp=$2; shift 2 ;;
	--timeout) need_arg "$@"; timeout=$2; shift 2 ;;
	--log) need_arg "$@"; logfile=$2; shift 2 ;;
	-e | --env) need_arg "$@"; envs+=("$2"); shift 2 ;;
	--keep) need_arg "$@"; keeps+=("$2"); shift 2 ;;
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
for e in "${envs[@]}"; do
	[[ $e =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "bad --env '$e' (want NAME=VALUE)"
done

for tool in qemu-system-x86_64 cpio gzip xz sha256sum timeout tail; do
	command -v "$tool" >/dev/null || die "$tool not found (run 'make deps')"
done
BUSYBOX=''
for b in /bin/busybox /usr/bin/busybox; do
	[[ -x $b ]] && { BUSYBOX=$b; break; }
done
[[ -n $BUSYBOX ]] || die "busybox not found (apt-get install busybox-static)"
if command -v readelf >/dev/null && readelf -l "$BUSYBOX" 2>/dev/null | grep -q INTERP; then
	die "$BUSYBOX is dynamically linked; install busybox-static"
fi

# --- pick the kernel -------------------------------------------------------

# Kernel release from a bzImage header ("HdrS" at 0x202, pointer to the
# version string at 0x20e, relative to 0x200).
image_kver() {
	local magic off
	magic=$(dd if="$1" bs=1 skip=$((0x202)) count=4 2>/dev/null) || return 1
	[[ $magic == HdrS ]] || return 1
	off=$(od -An -t u2 -j $((0x20e)) -N 2 "$1" | tr -d ' ')
	[[ $off =~ ^[0-9]+$ && $off -gt 0 ]] || return 1
	dd if="$1" bs=1 skip=$((off + 0x200)) count=128 2>/dev/null |
		tr '\0' '\n' | head -n1 | cut -d' ' -f1
}

if [[ -z $kernel ]]; then
	if [[ -z $kver ]]; then
		kver=$(for f in /boot/vmlinuz-*; do
			k=${f#/boot/vmlinuz-}
			if [[ -f $f && -f /lib/modules/$k/modules.dep ]]; then echo "$k"; fi
		done | sort -V | tail -n1)
		[[ -n $kver ]] || die "no kernel with modules found in /boot; use --kernel"
	fi
	kernel=/boot/vmlinuz-$kver
fi
[[ -r $kernel ]] || die "kernel image $kernel not readable"
kernel=$(readlink -f "$kernel")
if [[ -z $kver ]]; then
	kver=$(image_kver "$kernel") || kver=''
	[[ -n $kver ]] || { b=${kernel##*/}; kver=${b#vmlinuz-}; }
fi
moddir=${moddir:-/lib/modules/$kver}
[[ -f $moddir/modules.dep ]] || die "no modules.dep in $moddir (kernel $kver)"
moddir=$(readlink -f "$moddir")
# Does the guest need $moddir bound over /lib/modules/$kver?
remap_moddir=0
[[ $moddir == "$(readlink -f "/lib/modules/$kver")" ]] || remap_moddir=1

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
# c2vm stage 1: load the 9p modules, mount the host root and the job share,
# switch_root into the host root and run the job's stage2.sh with bash.
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
mount9p c2root /newroot ro,cache=loose || fatal "cannot mount the host root"
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /newroot/run ||
	fatal "cannot mount /run"
mkdir -p /newroot/run/c2vm
mount9p c2job /newroot/run/c2vm cache=none || fatal "cannot mount the job share"
for d in dev proc sys; do
	mount --move /$d /newroot/$d || fatal "cannot move /$d"
done
exec switch_root /newroot /bin/bash /run/c2vm/stage2.sh
fatal "switch_root failed"
EOF
}

build_initramfs() {
	local out=$1 tmp m src dst n=0 a
	tmp=$(mktemp -d "$build_dir/initramfs.tmp.XXXXXX")
	mkdir -p "$tmp"/{bin,dev,proc,sys,newroot,lib/c2vm}
	cp "$BUSYBOX" "$tmp/bin/busybox"
	for a in sh mount insmod mkdir sleep switch_root echo; do
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
key=$(
	{
		echo "$kver"
		sha256sum "$SELF" "$moddir/modules.dep" "$BUSYBOX" | cut -d' ' -f1
	} | sha256sum | cut -c1-16
)
initramfs=$build_dir/initramfs-$kver-$key.cpio.gz
if [[ ! -s $initramfs ]]; then
	t0=$(date +%s.%N)
	build_initramfs "$initramfs"
	msg "built initramfs $(basename "$initramfs") in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }')"
	# Drop stale images of this kernel.
	for f in "$build_dir/initramfs-$kver-"*.cpio.gz; do
		[[ $f == "$initramfs" ]] || rm -f "$f"
	done
fi

# --- job directory and guest stage 2 ------------------------------------------

mkdir -p "$build_dir/jobs"
# Failed runs leave their job directory behind; keep the newest 20, and
# never one whose run is still going (its "owner" pid alive), as
# run-systemd-vm.sh does.
find "$build_dir/jobs" -mindepth 1 -maxdepth 1 -type d -name 'run.*' -printf '%T@ %p\n' |
	sort -rn | tail -n +20 | cut -d' ' -f2- | while IFS= read -r d; do
		o=$(cat "$d/owner" 2>/dev/null) || o=''
		[[ -n $o ]] && kill -0 "$o" 2>/dev/null && continue
		rm -rf -- "$d"
	done
job=$(mktemp -d "$build_dir/jobs/run.XXXXXX")
echo $$ >"$job/owner"
mkdir -p "$job/artifacts"

cwd=$(pwd -P)
keeps+=("$cwd" "$REPO_ROOT")
guest_env=()
while IFS= read -r name; do
	guest_env+=("$name=${!name}")
done < <(compgen -e | grep -E '^C2GUARD_' || true)
guest_env+=("${envs[@]}")

write_stage2() {
	local k
	echo '#!/bin/bash'
	echo '# c2vm stage 2 (generated by run-vm.sh): runs as PID 1 in the host root.'
	printf 'KVER=%q\n' "$kver"
	printf 'MODDIR=%q\n' "$moddir"
	printf 'REMAP_MODDIR=%d\n' "$remap_moddir"
	printf 'CWD=%q\n' "$cwd"
	printf 'CMD=('; printf ' %q' "$@"; printf ' )\n'
	printf 'GUEST_ENV=('
	[[ ${#guest_env[@]} -eq 0 ]] || printf ' %q' "${guest_env[@]}"
	printf ' )\n'
	printf 'KEEP=('
	for k in "${keeps[@]}"; do
		printf ' %q' "$(readlink -m "$k")"
	done
	printf ' )\n'
	cat <<'EOF'
J=/run/c2vm
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
exec </dev/null >>$J/stage2.log 2>&1 9>&1
BASH_XTRACEFD=9
PS4='+ ${EPOCHREALTIME} '
set -x
OUT=/dev/ttyS1
cut -d' ' -f1 /proc/uptime >$J/uptime.boot
stty -F $OUT raw -echo 2>/dev/null || stty raw -echo <$OUT || true

mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug

# Host paths under the directories we cover with tmpfs stay visible through
# bind mounts parked in /run while the tmpfs goes on.
masked=(/tmp /var/tmp)
parked=()
n=0
for p in "${KEEP[@]}"; do
	for m in "${masked[@]}"; do
		if [[ $p == "$m"/* && -e $p ]]; then
			n=$((n + 1))
			mkdir -p /run/c2vm-keep/$n
			mount --bind "$p" /run/c2vm-keep/$n && parked+=("$n:$p")
		fi
	done
done
for m in "${masked[@]}"; do
	[[ -d $m ]] && mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$m"
done
for e in "${parked[@]}"; do
	n=${e%%:*} p=${e#*:}
	if [[ -d /run/c2vm-keep/$n ]]; then mkdir -p "$p"; else mkdir -p "${p%/*}"; touch "$p"; fi
	mount --move /run/c2vm-keep/$n "$p"
done
mkdir -p /run/lock /tmp/home
ln -s /run/c2vm/artifacts /run/c2vm-artifacts 2>/dev/null

# A kernel whose modules are not in the host's /lib/modules/KVER.
if [[ $REMAP_MODDIR == 1 ]]; then
	mkdir -p /run/c2vm-keep/moddir
	mount --bind "$MODDIR" /run/c2vm-keep/moddir
	mount -t tmpfs -o mode=0755 tmpfs /lib/modules
	mkdir -p "/lib/modules/$KVER"
	mount --move /run/c2vm-keep/moddir "/lib/modules/$KVER"
fi

echo c2vm >/proc/sys/kernel/hostname
ip link set lo up 2>/dev/null || true

cat /proc/sys/kernel/tainted >$J/taint.before
echo "c2vm: command start" >/dev/kmsg
cut -d' ' -f1 /proc/uptime >$J/uptime.start
(
	cd "$CWD" || exit 125
	exec env -i PATH="$PATH" HOME=/tmp/home TERM=dumb LANG=C.UTF-8 C2VM=1 \
		C2VM_ARTIFACTS=/run/c2vm/artifacts "${GUEST_ENV[@]}" "${CMD[@]}" 9>&-
) </dev/null >$OUT 2>&1
rc=$?
cut -d' ' -f1 /proc/uptime >$J/uptime.end
echo "c2vm: command end, exit $rc" >/dev/kmsg

# Give kmemleak (debug kernels) a chance to report what the command leaked.
if [[ -w /sys/kernel/debug/kmemleak ]]; then
	echo scan >/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >$J/kmemleak.txt
fi
cat /proc/sys/kernel/tainted >$J/taint.after
dmesg >$J/dmesg.txt 2>&1 || cat /dev/kmsg >$J/dmesg.txt
echo $rc >$J/rc.tmp && mv $J/rc.tmp $J/rc
sync
echo o >/proc/sysrq-trigger
sleep 60
EOF
}
write_stage2 "$@" >"$job/stage2.sh"

# --- boot ------------------------------------------------------------------------

cmdline=$GUEST_CMDLINE
[[ -z $append ]] || cmdline+=" $append"

qemu=(
	qemu-system-x86_64 -accel tcg -M pc -cpu max -smp "$smp" -m "$mem"
	-nodefaults -no-user-config -display none -monitor none -no-reboot
	-kernel "$kernel" -initrd "$initramfs" -append "$cmdline"
	-chardev "file,id=con,path=$job/console.log" -serial chardev:con
	-chardev "file,id=out,path=$job/output.log" -serial chardev:out
	-virtfs "local,path=/,mount_tag=c2root,security_model=none,readonly=on,multidevs=remap"
	-virtfs "local,path=$job,mount_tag=c2job,security_model=none,multidevs=remap"
)

qpid='' tpid=''
# shellcheck disable=SC2317  # called from the traps
cleanup() {
	[[ -z $qpid ]] || kill "$qpid" 2>/dev/null || true
	[[ -z $tpid ]] || kill "$tpid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# boot: start the VM, stream the command's output, wait for qemu to end.
boot() {
	: >"$job/console.log"
	: >"$job/output.log"
	t_boot=$(date +%s.%N)
	timeout --kill-after=10 "$timeout" "${qemu[@]}" </dev/null >"$job/qemu.log" 2>&1 &
	qpid=$!
	tail -n +1 -s 0.2 -f --pid="$qpid" "$job/output.log" &
	tpid=$!
	qrc=0
	wait "$qpid" || qrc=$?
	qpid=''
	wait "$tpid" || true
	tpid=''
	t_end=$(date +%s.%N)
}

msg "booting $kver (timeout ${timeout}s, job $job)"
boot
# A guest that died while booting, before the command started, died of
# the kernel or qemu alone: nothing of the command, c2guard included, had
# run.  Under TCG with two vCPUs, Debian's 6.12 kernel was seen to do so
# once (December 2026: an int3 a live code patch had left, hit during
# boot).  Such a boot is tried once more, its console kept.  Not retried:
# a timeout (a hang costs the whole budget) and a guest that reached the
# command.
if [[ ! -f $job/rc && ! -f $job/uptime.start && $qrc -ne 124 && $qrc -ne 137 ]]; then
	mv "$job/console.log" "$job/console-boot1.log"
	[[ ! -f $job/stage2.log ]] || mv "$job/stage2.log" "$job/stage2-boot1.log"
	rm -f "$job/uptime.boot"
	msg "note: the guest died while booting, before the command started (qemu exit $qrc); its last console lines:"
	tail -n 5 "$job/console-boot1.log" | sed 's/^/  ~ /' >&2
	msg "booting $kver again, once (the first boot's console: $job/console-boot1.log)"
	keep_job=1		# the first boot's console stays, whatever the second does
	boot
fi

[[ -z $logfile ]] || cp "$job/console.log" "$logfile"

# --- verdict -----------------------------------------------------------------------

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
failed=0
rc=125
if [[ -f $job/rc ]]; then
	rc=$(cat "$job/rc")
else
	failed=1
	if [[ $qrc -eq 124 || $qrc -eq 137 ]]; then
		msg "FAIL: timed out after ${timeout}s; VM killed"
	else
		msg "FAIL: the VM stopped before the command finished (qemu exit $qrc)"
	fi
	if [[ -s $job/qemu.log ]]; then
		msg "qemu said:"
		sed 's/^/  | /' "$job/qemu.log" | tail -n 20 >&2
	fi
	if [[ -s $job/stage2.log && ! -f $job/uptime.start ]]; then
		msg "the command never started; guest setup log ($job/stage2.log):"
		tail -n 20 "$job/stage2.log" | sed 's/^/  | /' >&2
	fi
fi

# Kernel log: the saved dmesg (complete) or, if the guest died, the console.
klog=$job/dmesg.txt
[[ -s $klog ]] || klog=$job/console.log
pattern=$(IFS='|'; echo "${SPLAT_PATTERNS[*]}")
splat_lines=$(grep -a -n -E -- "$pattern" "$klog" "$job/kmemleak.txt" 2>/dev/null || true)
# What the kernel reported while booting, before the command started (and
# so before anything of c2guard was loaded), is the kernel's or qemu's
# problem, not the command's: shown, not counted.  Without the marker
# (the guest died early) everything counts.
start=$(grep -a -n -m1 'c2vm: command start' "$klog" 2>/dev/null | cut -d: -f1) || start=''
if [[ -n $splat_lines && -n $start ]]; then
	boot_lines=$(awk -F: -v f="$klog" -v s="$start" '$1 == f && $2 < s' <<<"$splat_lines")
	if [[ -n $boot_lines ]]; then
		msg "note: the kernel reported problems while booting, before the command (not counted):"
		head -n 10 <<<"$boot_lines" | sed 's/^/  ~ /' >&2
		splat_lines=$(awk -F: -v f="$klog" -v s="$start" '!($1 == f && $2 < s)' <<<"$splat_lines")
	fi
fi
log_bad=0
if [[ -n $splat_lines ]]; then
	log_bad=1
	first=$(head -n1 <<<"$splat_lines")
	msg "FAIL: kernel log reports problems ($(wc -l <<<"$splat_lines") lines match):"
	head -n 40 <<<"$splat_lines" | sed 's/^/  ! /' >&2
	f=${first%%:*}
	if [[ $f != "$job/kmemleak.txt" ]]; then
		line=${first#*:}
		line=${line%%:*}
		msg "context of the first report ($klog:$line):"
		sed -n "$((line > 5 ? line - 5 : 1)),$((line + 45))p" "$klog" | sed 's/^/  | /' >&2
	fi
fi
if [[ -f $job/taint.before && -f $job/taint.after ]]; then
	tb=$(cat "$job/taint.before") ta=$(cat "$job/taint.after")
	new=$((ta & ~tb & ~TAINT_ALLOWED))
	if [[ $new -ne 0 ]]; then
		log_bad=1
		letters=''
		for ((i = 0; i < ${#TAINT_LETTERS}; i++)); do
			((new & (1 << i))) && letters+=${TAINT_LETTERS:i:1}
		done
		msg "FAIL: kernel taint went from $tb to $ta (new, unexpected: $new = $letters)"
	fi
	[[ $tb -eq 0 ]] || msg "note: kernel already tainted ($tb) before the command"
fi
if [[ ! -f $job/rc && -z $splat_lines ]]; then
	msg "last console lines ($job/console.log):"
	tail -n 40 "$job/console.log" | sed 's/^/  | /' >&2
fi
if [[ $log_bad -eq 1 && $scan -eq 1 ]]; then
	failed=1
	[[ $rc -ne 0 ]] || rc=125
fi

boot_s='?' cmd_s='?'
[[ ! -s $job/uptime.boot ]] || boot_s=$(cat "$job/uptime.boot")
if [[ -s $job/uptime.start && -s $job/uptime.end ]]; then
	cmd_s=$(elapsed "$(cat "$job/uptime.start")" "$(cat "$job/uptime.end")")
fi
msg "$kver: wall $(elapsed "$t_boot" "$t_end")s (total $(elapsed "$t_start" "$t_end")s; guest boot ${boot_s}s, command ${cmd_s}s), exit $rc"

if [[ $failed -eq 0 && $keep_job -eq 0 ]]; then
	rm -rf "$job"
else
	msg "job directory kept: $job"
fi
exit "$rc"
