#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# deps.sh - install what building and testing c2guard needs on Debian 12
# (run as root).  Quick and silent when everything is present; runs
# "apt-get update" only when something is missing.
#
# To add a package: append it to PACKAGES with a word on who needs it.
# "deps.sh --list" prints the list, "deps.sh --check" only reports what is
# missing (exit 1 if anything is).
set -euo pipefail

PACKAGES=(
	# build: module (both kernel lines) and c2ctl
	build-essential
	pkg-config
	libmnl-dev
	# c2ctl's safety rails: libpsl and Debian's Public Suffix List
	libpsl-dev
	publicsuffix
	# c2ctl's feed-format readers (ctl/fmt_json.c, ctl/formats.c)
	libjansson-dev
	# "c2ctl monitor --journal": sd_journal_sendv()
	libsystemd-dev
	# c2ctl's bash completion is checked against bash-completion's helpers
	bash-completion
	# "make deb" (tools/deb.sh): debian/ with dh-dkms, checked by lintian
	debhelper
	dh-dkms
	lintian
	# make check-service: the shipper it checks
	rsyslog
	libidn2-dev
	linux-headers-amd64
	linux-headers-6.12-amd64
	# the install path admins use (make check builds through it)
	dkms
	# kernels booted by the VM selftests (selftests/vm/run-vm.sh)
	linux-image-amd64
	linux-image-6.12-amd64
	qemu-system-x86
	busybox-static
	kmod
	cpio
	xz-utils
	# checkpatch.pl comes out of the 6.1 source tarball (make checkpatch)
	linux-source-6.1
	# tools the selftests and the demo run inside the VM
	iproute2
	nftables
	iptables
	# the benchmark (selftests/bench) compares against ipset
	ipset
	socat
	python3
	jq
	# c2guard_quarantine.sh looks at the gateway's conntrack table
	conntrack
	# the netlink spec, uapi/c2guard.yaml: tools/nlgen.py (make gen,
	# make gen-check), nl_fuzz.py and the unit tests read it
	python3-yaml
	# "monitor --eve" is checked against Suricata's EVE schema
	# (selftests/unit/ctl_e2e.sh, selftests/data/suricata-eve-schema.json)
	python3-jsonschema
	# "status --prometheus" is read back with Prometheus's own parser
	python3-prometheus-client
	# domain indicator selftests (c2guard_dns*.sh, c2guard_tls_http.sh,
	# c2guard_wire.sh): dnsmasq as the DNS server, dig as the client,
	# openssl for the test certificate, curl as HTTP/HTTPS client, scapy
	# for the malformed packets of wire_fuzz.py
	dnsmasq-base
	bind9-dnsutils
	openssl
	curl
	python3-scapy
	# QUIC (c2guard_quic.sh): ngtcp2's client and server, and
	# quic_initial.py's own packet protection (python3-cryptography)
	ngtcp2-client
	ngtcp2-server
	python3-cryptography
	# fuzz smoke of selftests/unit (clang -fsanitize=fuzzer: libFuzzer runtime)
	clang
	libclang-rt-dev
	# lint of the shell scripts
	shellcheck
	# genl_fuzz, the libnl-genl client of the selftests
	libnl-genl-3-dev
	# the debug kernel of "make check-debug" (selftests/vm/debug-kernel.sh)
	flex
	bison
	bc
	libelf-dev
	libssl-dev
)

case ${1:-} in
--list)
	printf '%s\n' "${PACKAGES[@]}"
	exit 0
	;;
--check | '') ;;
*)
	echo "usage: ${0##*/} [--list|--check]" >&2
	exit 2
	;;
esac

missing=()
for p in "${PACKAGES[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[[ $status == installed ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
	echo "deps: all ${#PACKAGES[@]} packages installed"
	exit 0
fi
echo "deps: missing: ${missing[*]}"
[[ ${1:-} != --check ]] || exit 1
if [[ $(id -u) -ne 0 ]]; then
	echo "deps: run as root (or: sudo apt-get install ${missing[*]})" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -q -y --no-install-recommends "${missing[@]}" </dev/null
echo "deps: installed ${missing[*]}"
