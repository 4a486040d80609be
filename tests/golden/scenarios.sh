#!/usr/bin/env bash
# scenarios.sh -- the output layer on every capture of our generator ($MKCAP,
# tests/gen/mkcap.c): the No. and Time columns and the frame.* time and length
# fields, compared with what tshark 4.0.17 printed (expected/scenarios/).
# Scenarios listed in scenarios.known fail for reasons outside the output
# layer (e.g. a reader not merged yet); they are reported, not failed, and a
# listed scenario that passes fails the run so the list only shrinks.
#   scenarios.sh           run the tests
#   scenarios.sh --regen   rewrite expected/scenarios/ with the installed tshark (4.0.17 only)
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"
MKCAP="${MKCAP:-build/rel/mkcap}"
[ -x "$MKCAP" ] || { echo "scenarios: SKIP: no generator at $MKCAP (make build/rel/mkcap)"; exit 0; }
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
"$MKCAP" all "$D" > /dev/null || { echo "scenarios: $MKCAP all failed"; exit 1; }
FIELDS=(-e frame.number -e frame.time -e frame.time_epoch -e frame.time_delta -e frame.time_relative
	-e frame.len -e frame.cap_len -e _ws.col.No. -e _ws.col.Time)
known=" $(grep -v '^#' "$HERE/scenarios.known" 2>/dev/null | tr '\n' ' ') "
regen=0; [ "${1:-}" = --regen ] && regen=1
mkdir -p "$HERE/expected/scenarios"
pass=0; fail=0; kfail=0
for f in "$D"/*; do
	name="$(basename "$f")"; name="${name%%.*}"
	rel="\$D/$(basename "$f")"
	exp="$HERE/expected/scenarios/$name.txt"
	got() { # BIN
		echo "=== $1 -r $rel -n"
		run_one "$1" time -r "$f" -n
		echo "=== $1 -r $rel -n -T fields -E header=y ${FIELDS[*]}"
		run_one "$1" full -r "$f" -n -T fields -E header=y "${FIELDS[@]}"
	}
	if [ $regen = 1 ]; then
		WIRESHARK_CONFIG_DIR="$(mktemp -d)" got tshark > "$exp"
		continue
	fi
	if diff -u "$exp" <(got "$WIRESIFT" | sed "s|^=== $WIRESIFT |=== tshark |") > "$D/diff"; then
		case "$known" in *" $name "*) fail=$((fail + 1)); echo "FIXED $name: remove it from scenarios.known" ;; *) pass=$((pass + 1)) ;; esac
	else
		case "$known" in
		*" $name "*) kfail=$((kfail + 1)); echo "KNOWN FAIL $name" ;;
		*) fail=$((fail + 1)); echo "FAIL $name"; head -30 "$D/diff" ;;
		esac
	fi
done
[ $regen = 1 ] && { echo "scenarios: expected/scenarios regenerated with $(tshark -v 2>/dev/null | head -1)"; exit 0; }
echo "scenarios: $pass passed, $fail failed, $kfail known failures"
[ $fail -eq 0 ]
