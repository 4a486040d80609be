#!/usr/bin/env bash
# summary_check.sh -- tshark's default one-line-per-packet output (summary.txt goldens)
# compared with wiresift on every dev capture: identical files and identical lines.
# Fails when line agreement drops below tests/corpus/summary_ratchet.txt (per million).
# Skips cleanly when ../shared/corpus is absent.  Env: WIRESIFT, CORPUS, VERBOSE=1.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WIRESIFT="${WIRESIFT:-$ROOT/wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$ROOT/$WIRESIFT" ;; esac
CORPUS="${CORPUS:-$ROOT/../shared/corpus}"
if [ ! -d "$CORPUS/goldens/dev" ]; then
	echo "summary-check: SKIP: $CORPUS not present"; exit 0
fi
PREFS=(-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
  -o tcp.track_bytes_in_flight:TRUE -o tcp.desegment_tcp_streams:TRUE -o tcp.check_checksum:FALSE
  -o ip.defragment:TRUE -o ip.check_checksum:FALSE -o ipv6.defragment:TRUE -o udp.check_checksum:FALSE)
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
files=0; same=0; lines=0; eq=0
for d in "$CORPUS"/goldens/dev/*/; do
	name="$(basename "$d")"
	( cd "$CORPUS/dev" && timeout 120 "$WIRESIFT" -r "$name" -n "${PREFS[@]}" ) > "$T/ours" 2>/dev/null
	files=$((files + 1))
	if cmp -s "$T/ours" "$d/summary.txt"; then same=$((same + 1)); fi
	n="$(wc -l < "$d/summary.txt")"
	e="$(paste -d $'\001' "$d/summary.txt" "$T/ours" | awk -F'\001' '$1 == $2' | wc -l)"
	lines=$((lines + n)); eq=$((eq + e))
	[ "${VERBOSE:-0}" = 1 ] && [ "$e" -ne "$n" ] && echo "  $name: $e/$n lines"
done
pm=$(( lines ? eq * 1000000 / lines : 1000000 ))
echo "summary-check: $same/$files files identical, $eq/$lines lines identical ($pm per million)"
want="$(cat "$HERE/summary_ratchet.txt" 2>/dev/null || echo 0)"
if [ "${UPDATE_RATCHET:-0}" = 1 ] && [ "$pm" -gt "$want" ]; then echo "$pm" > "$HERE/summary_ratchet.txt"; want=$pm; fi
if [ "$pm" -lt "$want" ]; then echo "summary-check: FAIL: below the ratchet $want"; exit 1; fi
echo "summary-check: OK (ratchet $want)"
