#!/usr/bin/env bash
# make_expected.sh -- regenerate the expected files of tests/golden/capture_frames.sh
# with tshark 4.0.17 (never edit them by hand).  Each <case>.out is: tshark's
# stdout, a line "rc=<exit code>", then tshark's stderr (without its
# "Running as user" warning).  Run from the repository root:
#   MKCAP=build/rel/mkcap tests/golden/capture/make_expected.sh
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=cases.sh
. "$HERE/cases.sh"
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
make_inputs "$TMP"
for c in $CASES; do
	( cd "$TMP" && tshark -r "$c" "${FIELDS[@]}" > "$TMP/out" 2> "$TMP/err"; echo "rc=$?" >> "$TMP/out" ) || true
	grep -v 'Running as user' "$TMP/err" >> "$TMP/out" || true
	cp "$TMP/out" "$HERE/$c.out"
done
tshark -v | head -1 > "$HERE/TSHARK_VERSION"
