#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh - build (once) the debug kernel of "make check-debug" from
# Debian's linux-source-6.1 and print where it is.
#
# usage: debug-kernel.sh [--print-dir] [--force] [-v]
#
# The kernel is x86_64 defconfig + kvm_guest.config + selftests/vm/debug.config
# (KASAN, lockdep, PROVE_RCU, kmemleak, UBSAN, DEBUG_NET... and everything the
# selftests use built in).  It is cached outside the repository, keyed by the
# fragment, this script's config step and the source package version:
#
#   $C2GUARD_DEBUG_CACHE (default /var/cache/c2guard/debug-kernel)/KEY/
#     linux-source-6.1/      the configured, built tree (make M=... against it)
#     bzImage                the kernel
#     mods/lib/modules/KVER  modules_install output (modules.dep/.builtin)
#     kver                   the kernel release
#     build.log              the build's output
#     build-seconds          how long the build took
#     ok                     stamp: the build finished and was verified
#
# A finished build is reused; a concurrent invocation waits on a lock.  The
# first build takes about half an hour on 2 cores; it runs under "nice -n 19"
# and prints a progress line a minute ("-v": the whole make output).
# On success the last line of stdout is the cache directory.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FRAGMENT=$HERE/debug.config
TARBALL=${C2GUARD_LINUX_SOURCE:-/usr/src/linux-source-6.1.tar.xz}
CACHE_ROOT=${C2GUARD_DEBUG_CACHE:-/var/cache/c2guard/debug-kernel}
JOBS=${C2GUARD_DEBUG_JOBS:-$(nproc)}
PROG=debug-kernel

# Options that must be =y after olddefconfig: a dependency the fragment did
# not satisfy silently drops an option, so check the ones that matter.
MUST_Y=(
	KASAN KASAN_GENERIC KASAN_INLINE PROVE_LOCKING PROVE_RCU PROVE_RCU_LIST
	DEBUG_ATOMIC_SLEEP DEBUG_KMEMLEAK DEBUG_NET DEBUG_OBJECTS_RCU_HEAD
	DEBUG_OBJECTS_TIMERS DEBUG_OBJECTS_WORK DEBUG_LIST UBSAN
	UBSAN_SANITIZE_ALL PANIC_ON_OOPS DEBUG_FS
	MODULES MODULE_UNLOAD NET_NS USER_NS VETH
	VIRTIO_PCI NET_9P NET_9P_VIRTIO 9P_FS DEVTMPFS TMPFS
	NETFILTER NF_CONNTRACK NF_CONNTRACK_MARK NF_CONNTRACK_LABELS
	NF_CONNTRACK_TIMESTAMP NF_CONNTRACK_EVENTS NF_CT_NETLINK
	NF_DEFRAG_IPV4 NF_DEFRAG_IPV6 NF_REJECT_IPV4 NF_REJECT_IPV6
	NF_TABLES NF_TABLES_INET NF_TABLES_IPV4 NF_TABLES_IPV6 NFT_CT
	NFT_REJECT NFT_REJECT_INET NFT_COMPAT NFT_OBJREF
	IP_NF_IPTABLES IP_NF_FILTER IP_NF_TARGET_REJECT
	IP6_NF_IPTABLES IP6_NF_FILTER IP6_NF_TARGET_REJECT
	IP_SET IP_SET_HASH_IP IP_SET_HASH_NET NETFILTER_XT_SET
)

msg() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
	msg "error: $*"
	exit 1
}

print_dir=0 force=0 verbose=0
while [[ $# -gt 0 ]]; do
	case $1 in
	--print-dir) print_dir=1 ;;
	--force) force=1 ;;
	-v) verbose=1 ;;
	-h | --help)
		sed -n '3,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown argument '$1'" ;;
	esac
	shift
done

[[ -r $TARBALL ]] || die "$TARBALL missing (apt-get install linux-source-6.1)"
[[ -r $FRAGMENT ]] || die "$FRAGMENT missing"
for t in gcc make flex bison bc perl depmod xz; do
	command -v "$t" >/dev/null || die "$t not found (run 'make deps')"
done

# The key: the fragment, the part of this script that shapes the config, the
# source package (version, or the tarball's size and date when not a package).
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
	srcver=$(stat -c '%s-%Y' "$TARBALL")
key=$(
	{
		cat "$FRAGMENT"
		sed -n '/^# --- config: begin/,/^# --- config: end/p' "${BASH_SOURCE[0]}"
		echo "$srcver"
		gcc -dumpfullversion
	} | sha256sum | cut -c1-16
)
dir=$CACHE_ROOT/$key
if [[ $print_dir -eq 1 ]]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$dir"
exec 8>"$dir/lock"
if ! flock -n 8; then
	msg "another build of $dir is running; waiting for it"
	flock 8
fi
if [[ -f $dir/ok && $force -eq 0 ]]; then
	echo "$dir"
	exit 0
fi
rm -f "$dir/ok"

t0=$SECONDS
tree=$dir/linux-source-6.1
if [[ ! -f $tree/Makefile || $force -eq 1 ]]; then
	msg "extracting $TARBALL into $dir"
	rm -rf "$tree"
	tar -C "$dir" -xf "$TARBALL"
	[[ -f $tree/Makefile ]] || die "no linux-source-6.1/Makefile in $TARBALL"
fi

# --- config: begin
kmake() { nice -n 19 make -C "$tree" ARCH=x86_64 "$@"; }
msg "configuring: x86_64_defconfig + kvm_guest.config + ${FRAGMENT##*/}"
kmake -s x86_64_defconfig
(cd "$tree" && ./scripts/kconfig/merge_config.sh -m .config \
	kernel/configs/kvm_guest.config "$FRAGMENT") >"$dir/config.log" 2>&1 ||
	{ cat "$dir/config.log" >&2; die "merge_config.sh failed"; }
kmake -s olddefconfig
# Debian's tree: no local version suffix or signing keys from the host.
(cd "$tree" && ./scripts/config --set-str LOCALVERSION "-c2g-debug" \
	--disable LOCALVERSION_AUTO --set-str SYSTEM_TRUSTED_KEYS "" \
	--set-str SYSTEM_REVOCATION_KEYS "" --disable MODULE_SIG)
kmake -s olddefconfig
# --- config: end

bad=()
for o in "${MUST_Y[@]}"; do
	grep -qx "CONFIG_$o=y" "$tree/.config" || bad+=("$o")
done
if [[ ${#bad[@]} -gt 0 ]]; then
	msg "these options are not =y after olddefconfig (a missing dependency?):"
	for o in "${bad[@]}"; do
		printf '  CONFIG_%s: %s\n' "$o" \
			"$(grep -E "^(# )?CONFIG_${o}[= ]" "$tree/.config" || echo absent)" >&2
	done
	die "config check failed; fix ${FRAGMENT##*/}"
fi
msg "config verified (${#MUST_Y[@]} required options =y)"

# --- build ---------------------------------------------------------------------
msg "building bzImage + modules with 'nice -n 19 make -j$JOBS' (log: $dir/build.log)"
msg "the first build takes ~30 minutes on 2 cores"
: >"$dir/build.log"
progress() {
	local n
	while sleep 60; do
		n=$(grep -c -E '^ +(CC|AS|LD|AR)' "$dir/build.log" 2>/dev/null || true)
		msg "$(((SECONDS - t0) / 60)) min: $n objects built"
	done
}
ppid=''
if [[ $verbose -eq 1 ]]; then
	tail -n +1 -f "$dir/build.log" >&2 &
else
	progress &
fi
ppid=$!
# shellcheck disable=SC2317  # called by the trap
stop_progress() { [[ -z $ppid ]] || kill "$ppid" 2>/dev/null || true; }
trap stop_progress EXIT
rc=0
kmake -j"$JOBS" bzImage modules >>"$dir/build.log" 2>&1 || rc=$?
stop_progress
ppid=''
if [[ $rc -ne 0 ]]; then
	grep -E -B5 -A5 'error:|Error [0-9]' "$dir/build.log" | tail -n 40 >&2 || true
	die "kernel build failed (log: $dir/build.log)"
fi

kver=$(kmake -s kernelrelease)
rm -rf "$dir/mods"
kmake -s INSTALL_MOD_PATH="$dir/mods" modules_install >>"$dir/build.log" 2>&1 ||
	die "modules_install failed (log: $dir/build.log)"
[[ -f $dir/mods/lib/modules/$kver/modules.dep ]] || die "no modules.dep after modules_install"
# modules_install points build/ and source/ at the tree; keep them valid.
cp "$tree/arch/x86/boot/bzImage" "$dir/bzImage"
[[ -f $tree/Module.symvers ]] || die "no Module.symvers in $tree"
echo "$kver" >"$dir/kver"
echo $((SECONDS - t0)) >"$dir/build-seconds"
touch "$dir/ok"
msg "built $kver in $(((SECONDS - t0) / 60)) min $(((SECONDS - t0) % 60)) s"
echo "$dir"
