#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# User namespaces: the root of a user namespace that owns a netns configures
# that netns, and only that one.
#   - in its own netns (unshare -Urn, as nobody) it starts from an empty
#     table, adds, lists, reads status, listens for alerts and gets the
#     alerts of its own flows, naming its own netns
#   - it sees nothing of the initial netns's or a root-owned netns's
#     indicators, and its adds do not show up there
#   - it cannot enter a netns it does not own (setns fails), neither one
#     owned by the initial user namespace nor a sibling user namespace's
#   - in a root-owned netns (entered by root before dropping privileges)
#     every command and joining the alert group fail with EPERM
#   - a listener in another netns receives none of its alerts
#   - another user namespace's netns sees none of its indicators, while
#     root can look inside both

source "$(dirname "$0")/lib.sh"

c2g_require_c2guard
c2g_require_cmd setpriv unshare nsenter
c2g_init

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
"${NOBODY[@]}" unshare -Urn true 2>/dev/null ||
	c2g_skip_all "unprivileged user namespaces are disabled"

A="c2g-usr-a-$C2G_SFX"
c2g_netns_add "$A" || c2g_skip_all "cannot create a netns"
c2g_check "root: add 192.0.2.10 in a root-owned netns" \
	c2g_ctl "$A" add 192.0.2.10 tag root-a
c2g_check "root: add 192.0.2.11 in the initial netns" \
	"$C2CTL" add 192.0.2.11 tag root-init
c2g_mon_start "$A" ma
init_list=$("$C2CTL" list -j | jq -c '.[]' 2>/dev/null)
a_list=$(c2g_list "$A")

# --- the inside of a user namespace that owns its netns --------------------
inner=$C2G_TMP/inner.sh
cat >"$inner" <<'EOF'
#!/bin/bash
# runs as root of a fresh user namespace, in the netns that namespace owns
c2ctl=$1 foreign=$2
tmp=$(mktemp -d)
ip link set lo up
echo "netns=$(stat -L -c %i /proc/self/ns/net)"
echo "before=$("$c2ctl" list -j | jq -c '.[]' | grep -c .)"
"$c2ctl" add 127.0.0.2 action alert tag mine force >/dev/null && echo add1=ok
"$c2ctl" add 192.0.2.10 action drop tag mine >/dev/null && echo add2=ok
echo "after=$("$c2ctl" list -j | jq -c '.[]' | grep -c .)"
echo "status_v4=$("$c2ctl" status -j | jq -r '.ind_v4 // empty')"
"$c2ctl" config set alert-rate 7 >/dev/null && echo config=ok
"$c2ctl" monitor -j >"$tmp/mon" 2>"$tmp/mon.err" &
mon=$!
# alerts of its own flows (locally originated, to a listed address)
for _ in $(seq 1 50); do
	echo x 2>/dev/null >/dev/udp/127.0.0.2/9
	grep -q '"mine"' "$tmp/mon" && break
	sleep 0.2
done
echo "alerts=$(grep -c '"mine"' "$tmp/mon")"
echo "alert_netns=$(grep '"mine"' "$tmp/mon" | head -n1 | jq -r '.netns // empty')"
kill "$mon" 2>/dev/null
wait "$mon" 2>/dev/null
# a netns it does not own: setns is refused
nsenter --net="$foreign" true 2>/dev/null
echo "nsenter_foreign=$?"
o=$("$c2ctl" -n "$foreign" list 2>&1)
echo "ctl_n_foreign=$o rc=$?"
"$c2ctl" flush >/dev/null && echo flush=ok
rm -rf "$tmp"
EOF
chmod 755 "$inner"

out=$("${NOBODY[@]}" unshare -Urn "$inner" "$C2CTL" "/run/netns/$A" 2>&1)
c2g_info "$out"
get() { sed -n "s/^$1=//p" <<<"$out" | tail -n1; }
[ "$(get before)" = 0 ]
c2g_result $? "own netns: starts with an empty table"
[ "$(get add1)" = ok ] && [ "$(get add2)" = ok ] && [ "$(get after)" = 2 ] &&
	[ "$(get status_v4)" = 2 ]
c2g_result $? "own netns: add, list and status work" "$out"
[ "$(get config)" = ok ]
c2g_result $? "own netns: config set works"
[ "$(get alerts)" -ge 1 ] 2>/dev/null && [ "$(get alert_netns)" = "$(get netns)" ]
c2g_result $? "own netns: its monitor gets its alerts, naming its netns" "$out"
[ "$(get nsenter_foreign)" != 0 ] && [ -n "$(get nsenter_foreign)" ]
c2g_result $? "cannot setns into a root-owned netns"
[[ $(get ctl_n_foreign) == *"cannot enter netns /run/netns/$A: Operation not permitted rc=1" ]]
c2g_result $? "nor can c2ctl -n" "$(get ctl_n_foreign)"
[ "$(get flush)" = ok ]
c2g_result $? "own netns: flush works"

[ "$("$C2CTL" list -j | jq -c '.[]' 2>/dev/null)" = "$init_list" ]
c2g_result $? "the initial netns's indicators are untouched" "$("$C2CTL" list 2>&1)"
[ "$(c2g_list "$A")" = "$a_list" ]
c2g_result $? "the root-owned netns's indicators are untouched" "$(c2g_list "$A")"
[ "$(c2g_jget "$(c2g_config_json "$A")" alert_rate)" = 100 ] &&
	[ "$(c2g_jget "$("$C2CTL" config -j)" alert_rate)" = 100 ]
c2g_result $? "other netns's config untouched"
c2g_alert_exactly "the root-owned netns's listener got none of its alerts" ma 0 tag=mine

# --- in a netns it does not own ---------------------------------------------
for args in "list" "status" "add 192.0.2.12" "del 192.0.2.10" "flush" \
	"config" "config set alert-rate 5" "monitor"; do
	# shellcheck disable=SC2086 # word splitting intended
	o=$(ip netns exec "$A" timeout $((10 * C2G_SLOW)) "${NOBODY[@]}" \
		unshare -Ur "$C2CTL" $args 2>&1)
	rc=$?
	[ $rc -ne 0 ] && [ $rc -ne 124 ] && grep -q "Operation not permitted" <<<"$o"
	c2g_result $? "userns root in a root-owned netns: '$args' gets EPERM" "rc=$rc: $o"
done
[ "$(c2g_list "$A")" = "$a_list" ]
c2g_result $? "... and changed nothing" "$(c2g_list "$A")"

# --- two user namespaces side by side ------------------------------------------
fifo=$C2G_TMP/ready
mkfifo "$fifo" && chmod 666 "$fifo"
# shellcheck disable=SC2016 # expanded by the inner sh
"${NOBODY[@]}" unshare -Urn sh -c \
	'"$1" add 198.51.100.1 tag b1 >/dev/null && echo ready >"$2"; exec sleep 60' \
	sh "$C2CTL" "$fifo" &
b1=$!
c2g_track_pid $b1
if read -r -t $((20 * C2G_SLOW)) _ <"$fifo"; then
	n=$("${NOBODY[@]}" unshare -Urn "$C2CTL" list -j | jq -c '.[]' | grep -c .)
	[ "$n" = 0 ]
	c2g_result $? "a second user namespace's netns sees none of the first's" "n=$n"
	! "${NOBODY[@]}" unshare -Ur nsenter --net="/proc/$b1/ns/net" true 2>/dev/null
	c2g_result $? "nor can it enter the first's netns"
	o=$(nsenter --net="/proc/$b1/ns/net" "$C2CTL" list 2>&1)
	grep -q 198.51.100.1 <<<"$o"
	c2g_result $? "root sees the first's indicator in its netns" "$o"
	o=$("$C2CTL" -n "/proc/$b1/ns/net" list 2>&1)
	grep -q 198.51.100.1 <<<"$o"
	c2g_result $? "... and with c2ctl -n /proc/PID/ns/net" "$o"
else
	c2g_fail "first user namespace did not come up"
fi
c2g_kill $b1

"$C2CTL" del 192.0.2.11 >/dev/null 2>&1
c2g_finish
