#!/usr/bin/env bash
# filter.sh -- display filters against tshark 4.0.17: every case of
# tests/filter/cases.tsv (made by tests/filter/make_cases.sh) is run with
# $WIRESIFT and must give the same frame numbers, or the same error text and
# exit code.  Cases on the dev corpus are skipped when ../shared is absent.
# Cases listed in tests/filter/known.txt differ for a stated reason (a
# dissector field still wrong, or a deliberate kindness); they are reported,
# not failed, and a known case that starts passing is reported too.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FDIR="$ROOT/tests/filter"
. "$FDIR/lib.sh"
WIRESIFT="${WIRESIFT:-$ROOT/wiresift}"
MKCAP="${MKCAP:-$ROOT/build/rel/mkcap}"
export FC_CORPUS="${FC_CORPUS:-$ROOT/../shared/corpus/dev}"
export FC_GEN_DIR="$(mktemp -d)"
trap 'rm -rf "$FC_GEN_DIR"' EXIT
"$MKCAP" basic "$(fc_path gen:basic)" || exit 1
export TZ=UTC LC_ALL=C.UTF-8
for s in $(cut -f1 "$FDIR/cases.tsv" | grep '^gen:' | sort -u); do
	"$MKCAP" "${s#gen:}" "$(fc_path "$s")" || { echo "mkcap ${s#gen:} failed"; exit 1; }
done
declare -A known
while IFS=$'\t' read -r cap f why; do
	case "$cap" in '#'* | '') continue ;; esac
	known["$cap"$'\t'"$f"]="$why"
done <"$FDIR/known.txt"
pass=0 fail=0 skip=0 kfail=0 kpass=0
while IFS=$'\t' read -r cap f want; do
	case "$cap" in '#'*) continue ;; esac
	if [ "${cap#corpus:}" != "$cap" ] && [ ! -f "$(fc_path "$cap")" ]; then
		skip=$((skip + 1)); continue
	fi
	got="$(fc_run "$WIRESIFT" "$cap" "$f")"
	k="${known["$cap"$'\t'"$f"]-${known["*"$'\t'"$f"]-}}"
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
		[ -n "$k" ] && { kpass=$((kpass + 1)); echo "KNOWN BUT PASSES: $cap $f"; }
	elif [ -n "$k" ]; then
		kfail=$((kfail + 1)); echo "KNOWN DIFFERENCE: $cap $f"
	else
		fail=$((fail + 1))
		echo "FAIL $cap: $f"
		echo "   want: $want"
		echo "   got:  $got"
	fi
done <"$FDIR/cases.tsv"
# -2 -R: two passes, frames renumbered (tests/filter/twopass.tsv)
while IFS=$'\t' read -r cap f want; do
	case "$cap" in '#'*) continue ;; esac
	[ -f "$(fc_path "$cap")" ] || "$MKCAP" "${cap#gen:}" "$(fc_path "$cap")" >/dev/null
	got="$(fc_run2 "$WIRESIFT" "$cap" "$f")"
	if [ "$got" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL -2 -R $cap: $f"; echo "   want: $want"; echo "   got:  $got"
	fi
done <"$FDIR/twopass.tsv"
# Deliberate kindness: Wireshark 3.x sets without commas work (tshark 4.0 refuses them).
b="$(fc_path gen:basic)"
for pair in 'tcp.port in {80 443}|tcp.port in {80, 443}' \
	'frame.number in {1 3..5 "7"}|frame.number in {1, 3..5, 7}' \
	'http.request.method in {"Ping" "GET"}|http.request.method in {"Ping", "GET"}'; do
	old="${pair%%|*}" new="${pair#*|}"
	a="$(fc_run "$WIRESIFT" gen:basic "$old")" c="$(fc_run "$WIRESIFT" gen:basic "$new")"
	if [ "$a" = "$c" ] && [ "${a#error}" = "$a" ] && [ "$a" != none ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL 3.x set syntax: '$old' gave $a, '$new' gave $c"
	fi
done
echo "filter: $pass passed, $fail failed, $kfail known differences, $kpass known now passing, $skip skipped (no corpus)"
[ "$fail" -eq 0 ]
