#!/usr/bin/env bash
# tree_outputs.sh -- -V, -O, -T pdml and -T json against tshark 4.0.17 on
# generated captures (cases in tree/cases.txt).  Expected outputs are in
# tree/NAME.out, each made by the tshark command recorded in tree/NAME.cmd
# (`--regen` remakes them; CI has no tshark).  The pdml header's time= is
# masked.  Dissectors do not yet produce every item tshark shows, so the
# test is a ratchet: per case, the count of expected lines that our output
# reproduces (diff) must not fall below tree/floor.txt; a case that now
# matches more is reported so the floor can be raised (--update-floor).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"; case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
MKCAP="${MKCAP:-build/rel/mkcap}"; case "$MKCAP" in /*) ;; *) MKCAP="$PWD/$MKCAP" ;; esac
export LC_ALL=C.UTF-8 TZ=UTC
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
D="$HERE/tree"
mode="${1:-check}"
mask() { sed -E 's/^(<pdml version="0" creator="wireshark\/4\.0\.17") time="[^"]*"/\1 time="-"/'; }
fail=0; total=0; same=0
declare -A floor
if [ -f "$D/floor.txt" ]; then while read -r n v; do [ -n "$n" ] && floor[$n]=$v; done < "$D/floor.txt"; fi
newfloor="$TMP/floor"
while read -r name scen args; do
	case "$name" in ''|\#*) continue ;; esac
	cap="$TMP/$scen.cap"
	[ -f "$cap" ] || "$MKCAP" "$scen" "$cap" > /dev/null || { echo "tree: mkcap $scen failed"; exit 1; }
	# shellcheck disable=SC2086
	if [ "$mode" = --regen ]; then
		( cd "$TMP" && WIRESHARK_CONFIG_DIR="$(mktemp -d)" tshark -n $args -r "$scen.cap" 2> /dev/null ) | mask > "$D/$name.out"
		echo "tshark -n $args -r $scen.cap   # capture: mkcap $scen $scen.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked" > "$D/$name.cmd"
	fi
	( cd "$TMP" && "$WIRESIFT" -n $args -r "$scen.cap" 2> /dev/null ) | mask > "$TMP/$name.ours"
	exp=$(wc -l < "$D/$name.out")
	miss=$(diff "$D/$name.out" "$TMP/$name.ours" | grep -c '^<')
	ok=$((exp - miss)); total=$((total + exp)); same=$((same + ok))
	echo "$name $ok" >> "$newfloor"
	f="${floor[$name]:-0}"
	if [ "$ok" -lt "$f" ]; then echo "tree: $name: $ok of $exp lines match, floor $f (REGRESSION)"; fail=1
	elif [ "$ok" -gt "$f" ]; then echo "tree: $name: $ok of $exp lines match (floor $f: raise it with --update-floor)"
	else echo "tree: $name: $ok of $exp lines match"; fi
done < "$D/cases.txt"
if [ "$mode" = --update-floor ] || [ "$mode" = --regen ]; then cp "$newfloor" "$D/floor.txt"; fi
echo "tree: $same of $total expected lines reproduced"
exit $fail
