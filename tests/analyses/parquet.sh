#!/usr/bin/env bash
# parquet.sh -- `--format parquet` read back by an independent reader
# (hyparquet, pinned in tests/parquet/package-lock.json and installed by
# tools/setup-debian.sh with npm ci) and compared cell by cell with the CSV and
# NDJSON of the same run (tests/parquet/compare.mjs): zstd and uncompressed
# pages, several row groups and pages, NULL cells, every table of `analyze`
# and `trade`; the errors; no temporary file left.  Under `make asan` the
# writer runs with the sanitizers.  SKIP only when the reader cannot be
# installed (no node, or npm ci fails).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WIRESIFT="${WIRESIFT:-./wiresift}"; MKCAP="${MKCAP:-build/rel/mkcap}"
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
no() { echo "FAIL $1"; fail=1; }
check() { # NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1"; else no "$1: want [$2] got [$3]"; fi
}

# --- what needs no reader: errors and file handling
"$MKCAP" tcp_analysis "$T/tcp.pcap" && "$MKCAP" basic "$T/basic.pcap" && "$MKCAP" trade "$T/trade.pcap" ||
	{ no "mkcap"; exit 1; }
python3 tests/analyses/mk_esp.py "$T/esp.pcap"
"$WIRESIFT" streams "$T/tcp.pcap" --format parquet > /dev/null 2> "$T/err"
check "parquet without --out: exit 2" "2" "$?"
check "parquet without --out: message" "1" "$(grep -c -- '--format parquet needs --out DIR' "$T/err")"
: > "$T/afile"
"$WIRESIFT" streams "$T/tcp.pcap" --format parquet --out "$T/afile" 2> "$T/err"
check "parquet --out FILE: exit 2" "2" "$?"
check "parquet --out FILE: message" "1" "$(grep -c 'is not a directory' "$T/err")"
"$WIRESIFT" streams "$T/tcp.pcap" --format parquet --compression lz4 --out "$T/x" 2> /dev/null
check "--compression lz4: exit 1" "1" "$?"
"$WIRESIFT" analyze "$T/tcp.pcap" --format parquet --out "$T/new" 2> "$T/err"
check "analyze parquet: exit 0 and directory created" "0 8" "$? $(ls "$T/new" | grep -c '\.parquet$')"
check "no temporary file left" "0" "$(ls "$T/new" | grep -c 'tmp')"
check "files start and end with PAR1" "PAR1PAR1" "$(head -c 4 "$T/new/streams.parquet")$(tail -c 4 "$T/new/streams.parquet")"

# --- the reader
PQ=tests/parquet
if ! command -v node > /dev/null; then
	echo "SKIP parquet read-back: node is not installed (tools/setup-debian.sh installs it)"
	exit $fail
fi
if [ ! -d "$PQ/node_modules/hyparquet" ] && command -v npm > /dev/null; then
	(cd "$PQ" && npm ci --no-audit --no-fund > /dev/null 2>&1)
fi
if [ ! -d "$PQ/node_modules/hyparquet" ]; then
	echo "SKIP parquet read-back: hyparquet cannot be installed (npm ci in $PQ failed)"
	exit $fail
fi

ANALYZE=streams,sessions,intervals,esp,esp_intervals,hosts,facts,run
cmp_run() { # NAME CODEC TABLES GROUP-ROWS WIRESIFT-ARGS...
	local name="$1" codec="$2" tables="$3" rows="$4"; shift 4
	local d="$T/$name"
	rm -rf "$d"
	WIRESIFT_PARQUET_ROWS="$rows" "$WIRESIFT" "$@" --format parquet --out "$d" 2> "$T/err" ||
		{ no "$name: wiresift failed: $(cat "$T/err")"; return; }
	"$WIRESIFT" "$@" --format csv > "$T/$name.csv" && "$WIRESIFT" "$@" --format ndjson > "$T/$name.ndjson"
	if node "$PQ/compare.mjs" "$d" "$T/$name.csv" "$T/$name.ndjson" "$tables" "$codec" $rows > "$T/$name.log"; then
		ok "$name: $(tail -1 "$T/$name.log")"
	else
		no "$name"; cat "$T/$name.log"
	fi
}
cmp_run analyze_tcp ZSTD "$ANALYZE" "" analyze "$T/tcp.pcap"
cmp_run analyze_basic UNCOMPRESSED "$ANALYZE" "" analyze "$T/basic.pcap" --compression none
cmp_run analyze_esp ZSTD "$ANALYZE" "" analyze "$T/esp.pcap"
# 3 rows a group, 2 a page: several row groups, pages and RLE/bit-packed level runs
cmp_run groups_zstd ZSTD "$ANALYZE" 3 analyze "$T/tcp.pcap" --fill --interval 0.25
cmp_run groups_none UNCOMPRESSED intervals 1 intervals "$T/esp.pcap" --fill --interval 0.01 --compression none
cmp_run trade ZSTD trade_timeline,trade_connections "" trade "$T/trade.pcap"

# the NULL cells really are there: UDP streams have no initial_rtt
n=$(grep -c '"initial_rtt":null' "$T/analyze_basic.ndjson")
check "NULL cells exercised (basic: streams without initial_rtt)" "1" "$([ "$n" -gt 0 ] && echo 1)"
# zstd pages are smaller than plain ones for the same table
a=$(stat -c %s "$T/analyze_tcp/intervals.parquet")
"$WIRESIFT" analyze "$T/tcp.pcap" --format parquet --compression none --out "$T/plain" 2> /dev/null
b=$(stat -c %s "$T/plain/intervals.parquet")
check "zstd file smaller than uncompressed ($a < $b)" "1" "$([ "$a" -lt "$b" ] && echo 1)"

# the dev corpus, when present: a few real captures, every table
SHARED="$ROOT/../shared/corpus/dev"
if [ -d "$SHARED" ]; then
	for f in $(ls -S "$SHARED"/*.pcap* | head -40 | tail -4); do
		cmp_run "corpus_$(basename "$f" | tr -c 'A-Za-z0-9_\n' _)" ZSTD "$ANALYZE" "" analyze "$f"
	done
else
	echo "SKIP parquet on ../shared/corpus: not present"
fi
exit $fail
