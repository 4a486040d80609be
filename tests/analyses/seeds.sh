#!/usr/bin/env bash
# seeds.sh -- the seed subcommands: `trade` (seed 001) on mkcap's `trade`
# scenario and `aerospike-hotkeys` (seed 002) on the plugin's 11 captures in
# ../shared/lua/aerospike (SKIP when absent; they are never copied here).
# Expected values come from `-T fields` output of the same capture (and from
# tshark running the seed's trade_17.lua when tshark and the script exist),
# not from the tables' own code.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WIRESIFT="${WIRESIFT:-./wiresift}"; MKCAP="${MKCAP:-build/rel/mkcap}"
SHARED="${SHARED:-$ROOT/../shared}"
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
no() { echo "FAIL $1"; fail=1; }
check() { # NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1"; else no "$1: want [$2] got [$3]"; fi
}
# table N (1-based) of a multi-table TSV output (tables are separated by an empty line)
table() { awk -v n="$2" 'BEGIN { k = 1 } /^$/ { k++; next } k == n' "$1"; }
# the first row where column c1 equals v1: column c2
pick() { # TSV c1 v1 c2
	awk -F'\t' -v a="$2" -v v="$3" -v b="$4" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
		$h[a] == v { print $h[b]; exit }' "$1"
}

# ---------- trade (seed 001) ----------
"$MKCAP" trade "$T/t.pcap" || { no "mkcap trade"; exit 1; }
"$WIRESIFT" -r "$T/t.pcap" -T fields -e frame.number -e frame.time_relative -e tcp.srcport \
	-e trade.keyword -e tcp.analysis.zero_window -e tcp.analysis.window_update \
	-e tcp.flags.reset > "$T/f.tsv"
# 2107: the TRADE port (the dissector's default, the server port of sc_trade in tests/gen/mkcap.c).
# The incident, read from the fields: the client (not port 2107) sends its last Ping; the
# server's zero window is the first zero_window frame, it ends at the server's window update;
# the reset is the tcp.flags.reset == 1 frame.
ping=$(awk -F'\t' '$3 != 2107 && $4 ~ /(^|,)Ping(,|$)/ { f = $1; t = $2 } END { print f, t }' "$T/f.tsv")
zw=$(awk -F'\t' '$5 == 1 { print $1, $2; exit }' "$T/f.tsv")
wu=$(awk -F'\t' '$6 == 1 { print $1, $2; exit }' "$T/f.tsv")
rst=$(awk -F'\t' '$7 == 1 { print $1, $2; exit }' "$T/f.tsv")
if command -v tshark > /dev/null && [ -f "$SHARED/lua/seeds/trade_17.lua" ]; then
	tshark -r "$T/t.pcap" -X lua_script:"$SHARED/lua/seeds/trade_17.lua" -T fields \
		-e frame.number -e frame.time_relative -e tcp.srcport -e trade.keyword \
		-e tcp.analysis.zero_window -e tcp.analysis.window_update -e tcp.flags.reset \
		> "$T/ts.tsv" 2> /dev/null
	check "trade: -T fields = tshark + trade_17.lua (keywords, zero window, reset)" \
		"$(cut -f1,3- "$T/ts.tsv")" "$(cut -f1,3- "$T/f.tsv")"
else
	echo "SKIP trade: tshark or $SHARED/lua/seeds/trade_17.lua missing (-T fields only)"
fi
[ -n "$ping" ] && [ -n "$zw" ] && [ -n "$wu" ] && [ -n "$rst" ] || no "trade: incident not in -T fields"
sec6() { awk -v a="$1" -v b="${2:-0}" 'BEGIN { printf "%.6f", a - b }'; } # A [- B]
read -r pf pt <<< "$ping"; read -r zf zt <<< "$zw"; read -r wf wt <<< "$wu"; read -r rf rt <<< "$rst"

"$WIRESIFT" trade "$T/t.pcap" --format tsv > "$T/trade.tsv"
table "$T/trade.tsv" 1 > "$T/tl.tsv"
table "$T/trade.tsv" 2 > "$T/sum.tsv"
# the late Ping: its time, no Pong, and its wait = Ping time - start of the zero window
check "trade: late Ping row" "ping $(sec6 "$pt") 1 $(sec6 "$pt" "$zt")" \
	"$(pick "$T/tl.tsv" frame "$pf" event) $(pick "$T/tl.tsv" frame "$pf" time) $(pick "$T/tl.tsv" frame "$pf" missing_pong) $(pick "$T/tl.tsv" frame "$pf" zero_window_wait)"
check "trade: zero window row (start, end frame, end, length)" \
	"zero_window $(sec6 "$zt") $wf $(sec6 "$wt") $(sec6 "$wt" "$zt")" \
	"$(pick "$T/tl.tsv" frame "$zf" event) $(pick "$T/tl.tsv" frame "$zf" time) $(pick "$T/tl.tsv" frame "$zf" end_frame) $(pick "$T/tl.tsv" frame "$zf" end_time) $(pick "$T/tl.tsv" frame "$zf" duration)"
check "trade: reset row" "reset $(sec6 "$rt")" \
	"$(pick "$T/tl.tsv" frame "$rf" event) $(pick "$T/tl.tsv" frame "$rf" time)"
check "trade: timeline in frame order" "$(awk 'NR > 1 { print $2 }' "$T/tl.tsv" | sort -n)" \
	"$(awk 'NR > 1 { print $2 }' "$T/tl.tsv")"
# Ping / Pong counts = keyword occurrences in -T fields; resets and zero-window periods: 1 each,
# as sc_trade in tests/gen/mkcap.c writes one RST and one zero-window episode (frames 21-25 of the capture)
np=$(awk -F'\t' '{ n += gsub(/(^|,)Ping(,|$)/, "", $4) } END { print n + 0 }' "$T/f.tsv")
npo=$(awk -F'\t' '{ n += gsub(/(^|,)Pong(,|$)/, "", $4) } END { print n + 0 }' "$T/f.tsv")
check "trade: summary (pings pongs resets first_reset_frame zero_windows)" "$np $npo 1 $rf 1" \
	"$(pick "$T/sum.tsv" stream 0 pings) $(pick "$T/sum.tsv" stream 0 pongs) $(pick "$T/sum.tsv" stream 0 resets) $(pick "$T/sum.tsv" stream 0 first_reset_frame) $(pick "$T/sum.tsv" stream 0 zero_windows)"
# every writer takes both tables
"$WIRESIFT" trade "$T/t.pcap" --format ndjson > "$T/t.ndjson"
check "trade: ndjson rows" "$(($(wc -l < "$T/tl.tsv") + $(wc -l < "$T/sum.tsv") - 2))" "$(wc -l < "$T/t.ndjson")"
if command -v sqlite3 > /dev/null; then
	"$WIRESIFT" trade "$T/t.pcap" --format sqlite --out "$T/t.db"
	check "trade: sqlite late Ping" "$pf|1" \
		"$(sqlite3 "$T/t.db" "select frame, missing_pong from trade_timeline where event = 'ping' and frame = $pf")"
else
	echo "SKIP trade sqlite: no sqlite3 CLI"
fi

# ---------- aerospike-hotkeys (seed 002) ----------
AS="$SHARED/lua/aerospike"
if [ ! -d "$AS" ]; then
	echo "SKIP aerospike-hotkeys: $AS absent (the plugin's captures are not in the repo)"
else
	n=0
	for cap in "$AS"/*.pcapng; do
		n=$((n + 1))
		name=$(basename "$cap")
		# Independent count: every 20-byte (40 hex digits, RIPEMD-160) value of message.bytes
		# or batch.digest, a request when sent to port 3000 (Aerospike's client port, where
		# src/dissect/aerospike.c registers), else a response.
		want=$("$WIRESIFT" -r "$cap" -T fields -E occurrence=a -e tcp.dstport -e message.bytes \
			-e batch.digest | awk -F'\t' '{ r = $1 == 3000; s = $2 "," $3; m = split(s, v, ",")
				for (i = 1; i <= m; i++) if (v[i] ~ /^[0-9a-f]{40}$/) { if (r) q[v[i]]++; else p[v[i]]++; k[v[i]] = 1 } }
				END { for (d in k) print d, q[d] + 0, p[d] + 0, q[d] - p[d] }' | sort)
		have=$("$WIRESIFT" aerospike-hotkeys "$cap" --format tsv | awk -F'\t' 'NR > 1 { print $1, $2, $3, $4 }' | sort)
		check "aerospike-hotkeys $name = -T fields digests" "$want" "$have"
		"$WIRESIFT" aerospike-hotkeys "$cap" --format tsv | awk -F'\t' 'NR > 2 && $2 > prev { bad = 1 } NR > 1 { prev = $2 } END { exit bad }' ||
			no "aerospike-hotkeys $name: not sorted by requests"
	done
	check "aerospike-hotkeys: captures" "11" "$n" # the plugin's test set: 11 .pcapng next to their .pdml
fi
exit $fail
