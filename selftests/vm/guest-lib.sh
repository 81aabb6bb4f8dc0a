# SPDX-License-Identifier: GPL-2.0
#
# guest-lib.sh - what run-vm.sh and run-systemd-vm.sh share, sourced by
# both: the kernel command line every guest boots with, the log lines that
# fail a run and the taints a test may add.
# shellcheck shell=bash disable=SC2034  # used by the scripts that source it

# The guest kernel's command line; each script adds its own after it.
GUEST_CMDLINE="console=ttyS0,115200 loglevel=5 panic=-1 oops=panic"
# TCG on a busy host can starve a vCPU for seconds: give the stall and
# lockup detectors more slack (real hangs still show, just later).
GUEST_CMDLINE+=" printk.devkmsg=on rcupdate.rcu_cpu_stall_timeout=60 watchdog_thresh=30"
GUEST_CMDLINE+=" random.trust_cpu=on 8250.nr_uarts=2"
# No address-space randomization in the guest's processes: TCG (qemu 7.2)
# finds code it translated before by its virtual address, so a process
# whose ld.so, libc and program land somewhere new has them translated
# again.  With fixed addresses every start reuses the translations: a
# process start took 23 ms instead of 70, c2guard_feed.sh 102 s instead
# of 154.  The kernel's own layout (KASLR) is kept.
GUEST_CMDLINE+=" norandmaps"

# Log lines that fail a run (extended regexps, matched case-sensitively).
SPLAT_PATTERNS=(
	'WARNING:'
	'BUG:'
	'BUG [a-zA-Z0-9_-]+ \('		# SLUB: "BUG kmalloc-64 (Tainted: ...)"
	'kernel BUG at'
	'Oops'
	'invalid opcode:'
	'general protection fault'
	'Unable to handle kernel'
	'Kernel panic'
	'Call Trace'
	'refcount_t:'
	'rcu: INFO:'
	'suspicious RCU usage'
	'detected stalls'
	'self-detected stall'
	'blocked for more than'
	'KASAN:'
	'UBSAN:'
	'KFENCE:'
	'KCSAN:'
	'kmemleak: [0-9]+ new suspected'
	'unreferenced object'
	'list_add corruption'
	'list_del corruption'
	'possible recursive locking'
	'possible circular locking'
	'inconsistent lock state'
	'possible irq lock inversion'
	'DEBUG_LOCKS_WARN_ON'
	'lockdep is turned off'
	'stack-protector'
	'Bad page state'
	'Poison overwritten'
	'Redzone overwritten'
	'Object already free'
	'soft lockup'
	'hard LOCKUP'
)
# Taint bits a test may add: O (out-of-tree module) and E (unsigned module).
TAINT_ALLOWED=$((4096 | 8192))
TAINT_LETTERS=PFSRMBUDAWCIOELKXTN
