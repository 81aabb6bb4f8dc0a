# SPDX-License-Identifier: GPL-2.0
#
# demo-lib.sh - the demos' narration (sourced by demo.sh, demo-reboot.sh):
# numbered scenes, commands shown as typed on the gateway, outcomes.
# The sourcing script sets GW (the gateway's netns, or "" for this one)
# and problems=0.

step=0
say() {
	step=$((step + 1))
	printf '\n[%d] %s\n' "$step" "$1"
	shift
	local l
	for l in "$@"; do printf '    %s\n' "$l"; done
}
# show CMD...: print the command as typed on the gateway, run it, indent output
show() {
	printf '    gateway# %s\n' "$*"
	if [[ -n $GW ]]; then
		ip netns exec "$GW" "$@" 2>&1 | sed 's/^/      /'
	else
		"$@" 2>&1 | sed 's/^/      /'
	fi
	return "${PIPESTATUS[0]}"
}
good() { printf '    => %s\n' "$*"; }
bad() {
	printf '    => UNEXPECTED: %s\n' "$*"
	problems=$((problems + 1))
}
