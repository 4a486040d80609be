#!/usr/bin/env bash
# gfields.sh -- every row of `wiresift -G fields` must be a row of tshark 4.0's
# `-G fields` (same name, abbrev, type, parent, base, bitmask, blurb).  The
# expected rows are in expected/tshark-G-fields.txt.gz (command in the .cmd
# file next to it).  A field tshark registers twice may match either row.
# Prints each mismatch with the tshark row(s) and fails if there is any.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
ours="$(mktemp)"; trap 'rm -f "$ours"' EXIT
"$WIRESIFT" -G fields > "$ours" || { echo "gfields: $WIRESIFT -G fields failed"; exit 1; }
gzip -dc "$HERE/expected/tshark-G-fields.txt.gz" | awk -F'\t' -v OURS="$ours" '
	FNR == NR { key = $1 "\t" $3; want[key] = (key in want) ? want[key] "\n" $0 : $0; row[$0] = 1; next }
	{
		n++
		if ($0 in row) { ok++; next }
		key = $1 "\t" $3
		if (key in want) { bad++; printf "MISMATCH\n  ours:   %s\n", $0; m = split(want[key], r, "\n"); for (i = 1; i <= m; i++) printf "  tshark: %s\n", r[i] }
		else { unknown++; printf "NOT IN TSHARK: %s\n", $0 }
	}
	END { printf "gfields: %d rows, %d match, %d differ, %d unknown to tshark\n", n, ok, bad, unknown; exit (bad + unknown) > 0 }
' - "$ours"
