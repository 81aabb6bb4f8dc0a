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

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C ctl clean
