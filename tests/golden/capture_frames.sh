#!/usr/bin/env bash
# capture_frames.sh -- frame.* fields, exit code and error message of wiresift
# against tshark 4.0.17 on generated captures: pcapng sections of both byte
# orders, time resolutions, SPB/PB/custom blocks, comments, nanosecond pcap,
# snaplen, a record cut short, an absurd record length, and gzip copies.
# Expected files: tests/golden/capture/*.out (made by make_expected.sh).
# wiresift adds a line "(at byte offset N)" to tshark's error message; it is
# left out of the comparison.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=capture/cases.sh
. "$HERE/capture/cases.sh"
WIRESIFT="${WIRESIFT:-./wiresift}"; case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
MKCAP="${MKCAP:-build/rel/mkcap}"; case "$MKCAP" in /*) ;; *) MKCAP="$PWD/$MKCAP" ;; esac
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
make_inputs "$TMP"
fail=0
for c in $CASES; do
	[ -f "$TMP/$c" ] || { echo "capture_frames: SKIP $c (no input: zstd tool missing?)"; continue; }
	( cd "$TMP" && "$WIRESIFT" -r "$c" "${FIELDS[@]}" > "$TMP/out" 2> "$TMP/err"; echo "rc=$?" >> "$TMP/out" )
	grep -v '^(at byte offset [0-9]*)$' "$TMP/err" >> "$TMP/out"
	if ! diff -u "$HERE/capture/$c.out" "$TMP/out" > "$TMP/diff"; then
		echo "capture_frames: $c differs from tshark:"; head -20 "$TMP/diff"; fail=1
	fi
done
[ $fail -eq 0 ] && echo "capture_frames: ok"
exit $fail
