#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The netlink UAPI through a second, independent client: genl_fuzz (libnl-genl,
# no code shared with c2ctl) sends well-formed, mutated and random requests
# for every command and checks every answer is a proper ACK, errno or reply.
#   - as root, in a netns of its own
#   - as root with a 64 KiB receive buffer and batches too big for it
#   - as nobody: every request fails with EPERM, nothing changes
#   - as root of a user namespace that does not own the netns: the same
#   - as root of a user namespace that owns its netns: full access there
# Then the module must still work.
#
# Environment: C2GUARD_FUZZ_MSGS (messages of the root run, default 3000;
# the unprivileged runs send a quarter), C2GUARD_FUZZ_SEED (default: random,
# printed).  make check-debug runs it with 100000.

source "$(dirname "$0")/lib.sh"

c2g_require_c2guard
c2g_init

FUZZ=$C2G_SELFTEST_DIR/genl_fuzz
[ -x "$FUZZ" ] || c2g_skip_all "$FUZZ not built (make -C selftests)"
cp "$FUZZ" "$C2G_TMP/genl_fuzz" && chmod 755 "$C2G_TMP/genl_fuzz"
FUZZ=$C2G_TMP/genl_fuzz

MSGS=${C2GUARD_FUZZ_MSGS:-3000}
SEED=${C2GUARD_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
UMSGS=$((MSGS / 4 > 500 ? MSGS / 4 : 500))
TMO=$((30 * C2G_SLOW))
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
total=0

# run_fuzz DESC NS ARGS...: genl_fuzz in NS; pass on exit 0
run_fuzz()
{
	local desc=$1 ns=$2 out rc n
	shift 2
	out=$C2G_TMP/fuzz.$total.out
	last_out=$out
	ip netns exec "$ns" "$@" >"$out" 2>&1
	rc=$?
	n=$(sed -n 's/^genl_fuzz: \([0-9]*\) messages.*/\1/p' "$out")
	total=$((total + ${n:-0}))
	c2g_info "$(grep -v '^# FAIL' "$out" | sed 's/^# //' | tail -n 25)"
	c2g_result $rc "$desc: ${n:-?} messages, every answer proper" \
		"$(grep -E '^# FAIL|^genl_fuzz' "$out" | head -n 30)"
}

FZ="c2g-gfz-$C2G_SFX"
c2g_netns_add "$FZ" || c2g_skip_all "cannot create a netns"

run_fuzz "as root" "$FZ" "$FUZZ" -n "$MSGS" -s "$SEED" -t "$TMO"
c2g_check "root run left the netns clean" \
	eval "[ \"\$(c2g_list_count $FZ)\" = 0 ]"

# A receive buffer too small for the batches: the kernel drops replies and
# reports ENOBUFS; the client must count those answers lost, resend its
# barrier, and find everything else in order.
run_fuzz "as root, 64 KiB receive buffer overflowed on purpose" "$FZ" \
	"$FUZZ" -n "$UMSGS" -s "$((SEED + 4))" -t "$TMO" -b 65536 -O
ovf=$(sed -n 's/^# receive overflows \([0-9]*\):.*/\1/p' "$last_out")
[ "${ovf:-0}" -gt 0 ]
c2g_result $? "the small buffer did overflow (${ovf:-no} times)" "$(tail -n 5 "$last_out")"

# The unprivileged callers find one indicator and the default config, and
# must leave both alone.
c2g_check "add a marker indicator" c2g_ctl "$FZ" add 192.0.2.77 tag marker
cfg=$(c2g_config_json "$FZ")
list=$(c2g_list "$FZ")
if command -v setpriv >/dev/null; then
	run_fuzz "as nobody" "$FZ" "${NOBODY[@]}" "$FUZZ" -u -n "$UMSGS" \
		-s "$((SEED + 1))" -t "$TMO"
	if "${NOBODY[@]}" unshare -Ur true 2>/dev/null; then
		run_fuzz "as root of a user namespace not owning the netns" "$FZ" \
			"${NOBODY[@]}" unshare -Ur "$FUZZ" -u -n "$UMSGS" \
			-s "$((SEED + 2))" -t "$TMO"
		# its own netns: it is the admin there (and only there)
		out=$("${NOBODY[@]}" unshare -Urn "$FUZZ" -n "$UMSGS" \
			-s "$((SEED + 3))" -t "$TMO" 2>&1)
		rc=$?
		n=$(sed -n 's/^genl_fuzz: \([0-9]*\) messages.*/\1/p' <<<"$out")
		total=$((total + ${n:-0}))
		c2g_result $rc "as root of a user namespace owning its netns: ${n:-?} messages" \
			"$(grep -E '^# FAIL|^genl_fuzz' <<<"$out" | head -n 30)"
	else
		c2g_skip_sub "user namespace runs" "unprivileged user namespaces disabled"
	fi
	[ "$(c2g_list "$FZ")" = "$list" ] && [ "$(c2g_config_json "$FZ")" = "$cfg" ]
	c2g_result $? "unprivileged runs changed nothing" "$(c2g_list "$FZ")"
else
	c2g_skip_sub "unprivileged runs" "setpriv not found"
fi
c2g_ctl "$FZ" flush

c2g_check "module still answers status" c2g_ctl "$FZ" status
c2g_check "and add/del" eval "c2g_ctl $FZ add 192.0.2.78 && c2g_ctl $FZ del 192.0.2.78"
c2g_info "genl_fuzz: $total messages in all (seed $SEED)"
echo "$total" >"${C2VM_ARTIFACTS:-$C2G_TMP}/genl_fuzz.count" 2>/dev/null

c2g_finish
