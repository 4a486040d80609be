#!/usr/bin/env bash
# gfields.sh -- every row of `wiresift -G fields` must be a row of tshark 4.0's
# `-G fields` (same name, abbrev, type, parent, base, bitmask).  The blurb
# (description) column is not compared: those are Wireshark's own words, and
# ours are written independently (or left empty) rather than copied.  The
# expected rows are in expected/tshark-G-fields.txt.gz (command in the .cmd
# file next to it).  A field tshark registers twice may match either row.
# Prints each mismatch with the tshark row(s).  Fails on a mismatch not listed in
# gfields.known (rows other owners still have to fix); a listed abbrev that now
# matches is only reported, so fixing a row never breaks the build.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
ours="$(mktemp)"; trap 'rm -f "$ours"' EXIT
"$WIRESIFT" -G fields > "$ours" || { echo "gfields: $WIRESIFT -G fields failed"; exit 1; }
known="$(grep -v '^#' "$HERE/gfields.known" 2>/dev/null | tr '\n' ' ')"
# rows of protocols tshark has only from Lua (gfields.lua) are set aside; trade's are
# compared with tshark running the seed's script (order aside: Lua registers in hash order)
lua="$(grep -v '^#' "$HERE/gfields.lua" 2>/dev/null | tr '\n' ' ')"
awk -F'\t' -v LUA="$lua" -v OUT="$ours.lua" '
	BEGIN { n = split(LUA, l, " "); for (i = 1; i <= n; i++) lp[l[i]] = 1 }
	($1 == "P" && $3 in lp) || ($1 == "F" && $5 in lp) { print > OUT; next }
	{ print }' "$ours" > "$ours.main" && mv "$ours.main" "$ours"
if ! diff <(grep -v '^#' "$HERE/expected/gfields_trade.txt") \
	<(awk -F'\t' '($1 == "P" && $3 == "trade") || ($1 == "F" && $5 == "trade")' "$ours.lua" 2>/dev/null | LC_ALL=C sort); then
	echo "gfields: trade rows differ from tshark + trade_17.lua"; exit 1
fi
rm -f "$ours.lua"
gzip -dc "$HERE/expected/tshark-G-fields.txt.gz" | awk -F'\t' -v KNOWN="$known" '
	BEGIN { nk = split(KNOWN, kl, " "); for (i = 1; i <= nk; i++) known[kl[i]] = 1 }
	function noblurb(   i, r) { r = $1; for (i = 2; i <= 7; i++) r = r "\t" $i; return r }
	FNR == NR { key = $1 "\t" $3; want[key] = (key in want) ? want[key] "\n" $0 : $0; row[noblurb()] = 1; next }
	{
		n++
		if (noblurb() in row) { ok++; if ($3 in known) { fixed++; printf "FIXED (remove from gfields.known): %s\n", $3 } next }
		if ($3 in known) { bad_known++; tag = "KNOWN " } else tag = ""
		key = $1 "\t" $3
		if (key in want) { if (tag == "") bad++; printf "%sMISMATCH\n  ours:   %s\n", tag, $0; m = split(want[key], r, "\n"); for (i = 1; i <= m; i++) printf "  tshark: %s\n", r[i] }
		else { unknown++; printf "NOT IN TSHARK: %s\n", $0 }
	}
	END { printf "gfields: %d rows, %d match, %d differ (+%d known), %d unknown to tshark, %d fixed\n", n, ok, bad, bad_known, unknown, fixed
	      exit (bad + unknown) > 0 }
' - "$ours"
