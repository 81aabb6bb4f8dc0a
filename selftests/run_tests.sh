#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run_tests.sh - run the c2guard kernel selftests and report KTAP.
#
# usage: run_tests.sh [-t SECONDS] [-l] [TEST...]
#   TEST      a TEST_PROGS entry of the Makefile, with or without ".sh"
#             or the "c2guard_" prefix (default: all); tests always run
#             in Makefile order, so the unload test stays last
#   -t SEC    per-test timeout (default: "timeout=" in ./settings)
#   -l        list the tests (those named, in run order) and exit
#
# Each test's own output is shown as "# " comments.  The last line is
# "N passed, N failed, N skipped"; the exit status is 1 when a test failed
# (or timed out, or left a kernel warning in dmesg), else 0.
#
# Environment: C2GUARD_KO, C2CTL (or C2GUARD_C2CTL), C2GUARD_SLOW - see
# lib.sh.  C2GUARD_NO_DMESG=1 turns the per-test dmesg check off.

DIR=$(cd "$(dirname "$0")" && pwd)
cd "$DIR" || exit 1

usage()
{
	sed -n '4,18s/^# \{0,1\}//p' "$0"
}

timeout_s=
list=0
while getopts "t:lh" o; do
	case $o in
	t) timeout_s=$OPTARG ;;
	l) list=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

# TEST_PROGS from the Makefile (one source of truth), with continuations.
all_tests=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Makefile |
	sed -n 's/^TEST_PROGS[[:space:]]*[:+]\{0,1\}=//p' | tr -s ' \t' '\n' |
	grep -v '^$')
if [ -z "$all_tests" ]; then
	echo "run_tests.sh: no TEST_PROGS in $DIR/Makefile" >&2
	exit 2
fi
if [ -z "$timeout_s" ]; then
	timeout_s=$(sed -n 's/^timeout=\([0-9]\+\).*/\1/p' settings 2>/dev/null)
	timeout_s=${timeout_s:-600}
fi

# "c2guard_basic.sh", "c2guard_basic", "./c2guard_basic.sh" and "basic"
# all name the same test
norm()
{
	local w=${1##*/}
	w=${w%.sh}.sh
	if ! grep -qxF "$w" <<<"$all_tests" && grep -qxF "c2guard_$w" <<<"$all_tests"; then
		w=c2guard_$w
	fi
	echo "$w"
}

tests=()
if [ $# -eq 0 ]; then
	mapfile -t tests <<<"$all_tests"
else
	for want in "$@"; do
		want=$(norm "$want")
		grep -qxF "$want" <<<"$all_tests" || {
			echo "run_tests.sh: unknown test '$want' (try -l)" >&2
			exit 2
		}
	done
	while read -r t; do
		for want in "$@"; do
			want=$(norm "$want")
			[ "$t" = "$want" ] && { tests+=("$t"); break; }
		done
	done <<<"$all_tests"
fi
if [ $list = 1 ]; then
	printf '%s\n' "${tests[@]}"
	exit 0
fi

# Kernel warnings a test may have caused (the VM harness checks the whole
# run too; this names the test).
SPLAT='WARNING:|BUG:|BUG [a-zA-Z0-9_-]+ \(|Oops|general protection fault|'
SPLAT+='Call Trace|refcount_t:|suspicious RCU usage|KASAN:|UBSAN:|'
SPLAT+='list_(add|del) corruption|possible (recursive|circular) locking|'
SPLAT+='inconsistent lock state|blocked for more than|Kernel panic'
dmesg_ok=0
if [ "${C2GUARD_NO_DMESG:-0}" != 1 ] && dmesg >/dev/null 2>&1; then
	dmesg_ok=1
fi

echo "TAP version 13"
echo "1..${#tests[@]}"

n=0 pass=0 fail=0 skip=0
for t in "${tests[@]}"; do
	n=$((n + 1))
	echo "# selftests: c2guard: $t"
	if [ ! -x "$t" ]; then
		echo "not ok $n $t # not executable"
		fail=$((fail + 1))
		continue
	fi
	before=0
	[ $dmesg_ok = 1 ] && before=$(dmesg | wc -l)

	t0=$SECONDS
	timeout -k 30 "$timeout_s" "./$t" 2>&1 | sed -u 's/^/# /'
	rc=${PIPESTATUS[0]}
	# what each suite costs, for the make check budget
	echo "# $t: $((SECONDS - t0)) s"

	splat=
	if [ $dmesg_ok = 1 ]; then
		splat=$(dmesg | tail -n +$((before + 1)) | grep -E "$SPLAT" | head -n 5)
	fi
	if [ -n "$splat" ]; then
		echo "$splat" | sed 's/^/# dmesg: /'
		echo "not ok $n $t # kernel warning in dmesg (exit=$rc)"
		fail=$((fail + 1))
	elif [ "$rc" -eq 0 ]; then
		echo "ok $n $t"
		pass=$((pass + 1))
	elif [ "$rc" -eq 4 ]; then
		echo "ok $n $t # SKIP"
		skip=$((skip + 1))
	elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "not ok $n $t # TIMEOUT ${timeout_s} seconds"
		fail=$((fail + 1))
	else
		echo "not ok $n $t # exit=$rc"
		fail=$((fail + 1))
	fi
done

echo "# Totals: pass:$pass fail:$fail skip:$skip"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
