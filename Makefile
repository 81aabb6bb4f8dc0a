# SPDX-License-Identifier: GPL-2.0
#
# c2guard top-level build.  "make" builds the module and c2ctl.
# KERNELRELEASE selects the kernel to build against (DKMS passes it): by
# default the running kernel when its headers are installed, else the newest
# installed linux-headers-*.

# One version, kept in dkms.conf.
ifeq ($(origin C2GUARD_VERSION),undefined)
C2GUARD_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' \
	$(dir $(lastword $(MAKEFILE_LIST)))dkms.conf)
endif
export C2GUARD_VERSION

ifeq ($(origin KERNELRELEASE),undefined)
KERNELRELEASE := $(shell r=$$(uname -r); \
	if [ -d /lib/modules/$$r/build ]; then echo $$r; else \
	ls -d /lib/modules/*/build 2>/dev/null | sed 's|/lib/modules/||;s|/build||' | sort -V | tail -n1; fi)
endif
KDIR ?= /lib/modules/$(KERNELRELEASE)/build

.PHONY: all module ctl clean
all: module ctl

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

ctl:
	$(MAKE) -C ctl

# Not Kbuild's clean: with M= it deletes every *.ko below the tree, the
# per-kernel builds in build/ included.
clean:
	rm -f c2guard.ko c2guard.o c2guard.mod c2guard.mod.c c2guard.mod.o \
		modules.order Module.symvers .*.cmd kmod/*.o kmod/.*.cmd \
		.module-common.o
	$(MAKE) -C ctl clean

# ---------------------------------------------------------------------------
# Tests and CI (selftests/vm/).  Nothing here loads a module into the host
# kernel: kernel tests boot Debian's kernels in qemu (selftests/vm/run-vm.sh).
#
#   make deps                  apt-get install what is missing (root)
#   make checkpatch            checkpatch.pl --strict on kmod/ and uapi/
#   make gen                   regenerate what uapi/c2guard.yaml renders and
#                              the public-suffix table (kmod/psl-gen.c)
#   make dga-model             retrain the DGA model (kmod/dga-model.c)
#   make gen-check             fail if a generated file is stale
#                              [NL_SCHEMA=.../genetlink-legacy.yaml: and
#                              validate the spec against the kernel's schema]
#   make build-all             c2guard.ko for every kernel line -> build/KVER/
#   make vm-test [KVER=..] [T="test..."]   selftests in a VM (default: newest)
#   make vm-shell-test         self-test of the VM harness (slow)
#   make check [STAGES=..]     all of the above + ctl, unit tests, fuzz smoke
#   make fuzz [FUZZ_SECONDS=60] every libFuzzer target, FUZZ_SECONDS each
#   make check-debug [T=..]    the suite on a KASAN/lockdep/kmemleak kernel
#                              built from linux-source-6.1 (cached; slow)
#   make check-service [KVERS=..]  the Debian packages on a VM booted with
#                              systemd, over two boots (c2guard_service.sh)
#   make demo                  the demo, in a VM
# KVERS: the kernels build-all/check use (default: newest of each line).

KVERS ?= $(shell $(CURDIR)/selftests/vm/kernels.sh)
KVER ?= $(lastword $(KVERS))
DEMO_KVER ?= $(firstword $(KVERS))
VM_TIMEOUT ?= 1800
# vCPUs of the vm-test VM (run-vm.sh's default, 2, when empty)
VM_SMP ?=
RUN_VM := $(CURDIR)/selftests/vm/run-vm.sh

.PHONY: deps checkpatch build-all vm-test vm-shell-test check demo bench deb fuzz check-service \
	check-debug debug-kernel selftest-progs gen gen-check dga-model

deps:
	$(CURDIR)/selftests/vm/deps.sh

checkpatch:
	$(CURDIR)/selftests/vm/checkpatch.sh

# The netlink contract has one source, uapi/c2guard.yaml (the kernel's
# genetlink spec format); tools/nlgen.py renders uapi/linux/c2guard.h, the
# module's policies (kmod/netlink-gen.[ch]) and ctl/nl-spec.h from it.
PYTHON ?= python3
gen:
	$(PYTHON) $(CURDIR)/tools/nlgen.py
	$(PYTHON) $(CURDIR)/tools/pslgen.py

# The DGA model (docs/dga-score.md): tools/dga-train.c, linked with the
# module's own feature code, trains it from data/dga/ in a fixed order, so
# the same sources give the same kmod/dga-model.c byte for byte.
DGA_TRAIN := $(CURDIR)/build/dga-train
DGA_DATA := data/dga/dga-A.txt data/dga/benign-A.txt
$(DGA_TRAIN): tools/dga-train.c kmod/dga.c kmod/dga.h kmod/psl.c kmod/psl.h \
	      kmod/psl-gen.c kmod/pure.h
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -ffp-contract=off -Wall -Wextra -Werror -Ikmod \
		-o $@ tools/dga-train.c kmod/dga.c kmod/psl.c kmod/psl-gen.c -lm

dga-model: $(DGA_TRAIN)
	cd $(CURDIR) && $(DGA_TRAIN) -o kmod/dga-model.c $(DGA_DATA)

gen-check: $(DGA_TRAIN)
	$(PYTHON) $(CURDIR)/tools/nlgen.py --check $(if $(NL_SCHEMA),--schema $(NL_SCHEMA))
	$(PYTHON) $(CURDIR)/tools/pslgen.py --check
	@cd $(CURDIR) && $(DGA_TRAIN) -o build/dga-model.c $(DGA_DATA) >/dev/null && \
	if ! cmp -s build/dga-model.c kmod/dga-model.c; then \
		echo "gen-check: kmod/dga-model.c is stale: run \"make dga-model\""; \
		exit 1; \
	fi

build-all:
	$(CURDIR)/selftests/vm/build-kmod.sh $(KVERS)

vm-test: ctl selftest-progs
	$(CURDIR)/selftests/vm/build-kmod.sh $(KVER)
	$(RUN_VM) --kver $(KVER) --timeout $(VM_TIMEOUT) \
		$(if $(VM_SMP),--smp $(VM_SMP)) \
		-e C2GUARD_KO=$(CURDIR)/build/$(KVER)/c2guard.ko \
		-- $(CURDIR)/selftests/run_tests.sh $(T)

# Programs the selftests run (genl_fuzz), built on the host.
selftest-progs:
	$(MAKE) -C selftests all

# The deep check (selftests/vm/check-debug.sh): kernel built once and cached
# in /var/cache/c2guard/debug-kernel, then the whole suite under it.
debug-kernel:
	$(CURDIR)/selftests/vm/debug-kernel.sh

check-debug: deps
	$(CURDIR)/selftests/vm/check-debug.sh $(T)

vm-shell-test:
	$(CURDIR)/selftests/vm/test-run-vm.sh $(KVERS)

# check.sh looks the kernels up itself, after "deps" may have installed them.
check:
	@MAKE="$(MAKE)" $(if $(filter command line environment%,$(origin KVERS)),KVERS="$(KVERS)") \
		$(CURDIR)/selftests/vm/check.sh $(STAGES)

fuzz:
	$(MAKE) -C selftests/unit fuzz $(if $(FUZZ_SECONDS),FUZZ_SECONDS=$(FUZZ_SECONDS))

demo: deps ctl
	$(CURDIR)/selftests/vm/build-kmod.sh $(DEMO_KVER)
	$(RUN_VM) --kver $(DEMO_KVER) --timeout 600 \
		-e C2GUARD_KO=$(CURDIR)/build/$(DEMO_KVER)/c2guard.ko \
		-- $(CURDIR)/selftests/demo.sh
	$(CURDIR)/selftests/vm/run-systemd-vm.sh --kver $(DEMO_KVER) --timeout 900 \
		-e C2GUARD_KO=$(CURDIR)/build/$(DEMO_KVER)/c2guard.ko \
		-- $(CURDIR)/selftests/demo-reboot.sh

# Ratios of new-flow forwarding rates: c2guard vs baseline vs nft set vs
# ipset, in one VM boot (not part of check: it measures, it does not judge).
# The Debian packages (debian/: c2guard, c2guard-dkms) in build/deb, and
# lintian on them.
deb:
	$(CURDIR)/tools/deb.sh

# The packages as a gateway runs them: installed on a guest whose PID 1 is
# systemd, rebooted on the same disk (selftests/c2guard_service.sh), on
# each kernel of KVERS in turn.
check-service: deps deb
	@rc=0; for k in $(KVERS); do \
		$(CURDIR)/selftests/vm/run-systemd-vm.sh --kver $$k --timeout 3000 \
			-- $(CURDIR)/selftests/c2guard_service.sh || rc=1; \
	done; exit $$rc

bench: deps
	$(CURDIR)/selftests/bench/run.sh $(KVER)
