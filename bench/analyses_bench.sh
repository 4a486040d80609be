#!/usr/bin/env bash
# analyses_bench.sh -- `wiresift streams` and `wiresift intervals` next to the
# closest tshark equivalents (-q -z conv,tcp and -q -z io,stat,1) on the same
# large capture (built by ../shared/corpus/big/make_big.sh, as bench.sh does).
# Prints a markdown table of medians: wall seconds, peak RSS, ratios.
# Skips (exit 0, saying why) when ../shared or tshark is absent.
# Env: ROUNDS (default 4), RUNS (default 3), WIRESIFT (default ./wiresift).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CORPUS="$ROOT/../shared/corpus"
ROUNDS="${ROUNDS:-4}"; RUNS="${RUNS:-3}"; WIRESIFT="${WIRESIFT:-./wiresift}"
OUT="$ROOT/bench/out"; BIG_OUT="${BIG_OUT:-$OUT/big-r$ROUNDS}"; BIG="$BIG_OUT/big.pcap"
TIME=/usr/bin/time
skip() { echo "analyses bench: SKIP: $*"; exit 0; }
[ -d "$CORPUS" ] || skip "$CORPUS not present"
command -v tshark > /dev/null 2>&1 || skip "tshark not installed"
[ -x "$TIME" ] || skip "$TIME missing"
export LC_ALL=C.UTF-8 TZ=UTC
WIRESHARK_CONFIG_DIR="$(mktemp -d)"; export WIRESHARK_CONFIG_DIR
trap 'rm -rf "$WIRESHARK_CONFIG_DIR"' EXIT
mkdir -p "$BIG_OUT"
if [ ! -s "$BIG" ]; then
	echo "analyses bench: building $BIG (ROUNDS=$ROUNDS)"
	BIG_OUT="$BIG_OUT" "$CORPUS/big/make_big.sh" "$ROUNDS" > "$BIG_OUT/make_big.log" 2>&1 || skip "make_big.sh failed"
fi
median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
measure() { # NAME cmd... -> "seconds rss_kb"
	local name="$1" t m ts=() ms=(); shift
	for ((r = 1; r <= RUNS; r++)); do
		"$TIME" -f '%e %M' -o "$OUT/atime.txt" "$@" > "$OUT/$name.out" 2> /dev/null
		read -r t m < <(tail -1 "$OUT/atime.txt"); ts+=("$t"); ms+=("$m")
	done
	echo "$(printf '%s\n' "${ts[@]}" | median) $(printf '%s\n' "${ms[@]}" | median)"
}
row() { # LABEL "ws_s ws_kb" "ts_s ts_kb"
	awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN { split(a, w, " "); split(b, t, " ");
		printf "| %s | %.2f | %.2f | %.1fx | %.0f | %.0f | %.1fx |\n", l, w[1], t[1], t[1] / (w[1] > 0.01 ? w[1] : 0.01),
			w[2] / 1024, t[2] / 1024, t[2] / (w[2] > 0 ? w[2] : 1) }'
}
s_ws=$(measure streams.ws "$WIRESIFT" streams "$BIG" --format tsv)
s_ts=$(measure streams.ts tshark -r "$BIG" -n -q -z conv,tcp)
i_ws=$(measure intervals.ws "$WIRESIFT" intervals "$BIG" --format tsv)
i_ts=$(measure intervals.ts tshark -r "$BIG" -n -q -z io,stat,1)
a_ws=$(measure analyze.ws "$WIRESIFT" analyze "$BIG" --format sqlite --out "$OUT/analyze.sqlite")
echo "big.pcap: $(du -m "$BIG" | cut -f1) MB (ROUNDS=$ROUNDS), median of $RUNS runs, $(nproc) CPUs"
echo
echo "| command (wiresift vs tshark) | wiresift s | tshark s | speed-up | wiresift RSS MB | tshark RSS MB | RSS ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row "streams vs -z conv,tcp" "$s_ws" "$s_ts"
row "intervals vs -z io,stat,1" "$i_ws" "$i_ts"
row "analyze (all tables, SQLite) vs -z conv,tcp" "$a_ws" "$s_ts"
echo
echo "rows: streams $(($(wc -l < "$OUT/streams.ws.out") - 1)), intervals $(($(wc -l < "$OUT/intervals.ws.out") - 1))"
