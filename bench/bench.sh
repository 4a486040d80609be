#!/usr/bin/env bash
# bench.sh -- wiresift next to tshark on the same large capture, same run.
#
# Builds (or reuses) big.pcap with ../shared/corpus/big/make_big.sh, then times
#   fields36: the 36-column -T fields export of goldens/make_goldens.sh
#   fields5 : a 5-field export (frame.number ip.src ip.dst tcp.srcport tcp.dstport)
#   z_*     : -q -z conv,tcp, -z expert, -z io,stat,1 (BENCH_STATS=0 skips them)
#   streams : wiresift streams next to tshark -q -z conv,tcp
#   intervals: wiresift intervals next to tshark -q -z io,stat,1 (z_io_stat_1's figures)
#   y_*     : -Y tcp.analysis.retransmission; -Y 'ip.addr == BENCH_ADDR' -F pcap -w (BENCH_FILTER=0 skips)
#   lua     : a per-stream Lua tap, -X lua_script:../shared/lua/seeds/streamXpert.lua -q
#             (skipped when that script is absent; "cells equal" is the share of tshark's
#             per-stream lines, stream number aside, that wiresift prints too)
# RUNS times each for both tools (/usr/bin/time: wall seconds, user+system CPU
# seconds, peak RSS), and prints a markdown table of medians with tshark/wiresift ratios and
# how many output cells agree.  Skips (exit 0, saying why) when ../shared or
# tshark is absent.
#
# Env: ROUNDS (default 4: ~100 MB, 535k packets; 75 = the full 10M packets),
#      RUNS (default 3), BIG_OUT (where big.pcap lives; default bench/out/big-rROUNDS),
#      WIRESIFT (default ./wiresift), BENCH_TOOLS ("wiresift tshark"),
#      BENCH_DOC=1 also writes the table to docs/performance.md (BENCH_LABEL names the build).
#      BENCH_LUA=0 skips the lua case.  BENCH_AGREE=0 skips comparing the outputs.  BENCH_JOBS=N runs wiresift with -j N (default: one job per CPU).
#      BENCH_TSHARK_CACHE=1 reuses tshark's figures and outputs from an earlier run on the same
#      file (same size and mtime) with the same tshark version, kept in BIG_OUT/tshark-cache:
#      tshark needs ~30 min of CPU for one pass over the 10M-packet file, and its numbers do not
#      change when wiresift's code does.  Reused rows are marked "(cached DATE)" in the table.
#      WALK (default build/rel/walk, made by `make bench`): bench/walk.c, the plain C walk
#      that only reads records and hashes TCP 5-tuples; its row "walk" is the floor the
#      statistics jobs are measured against (issue 6: within 2x of it).
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CORPUS="$ROOT/../shared/corpus"
ROUNDS="${ROUNDS:-4}"
RUNS="${RUNS:-3}"
WIRESIFT="${WIRESIFT:-./wiresift}"
WALK="${WALK:-$ROOT/build/rel/walk}"
TOOLS="${BENCH_TOOLS:-wiresift tshark}"
OUT="$ROOT/bench/out"
BIG_OUT="${BIG_OUT:-$OUT/big-r$ROUNDS}"
TIME=/usr/bin/time

skip() { echo "bench: SKIP: $*"; exit 0; }
[ -d "$CORPUS" ] || skip "$CORPUS not present"
command -v tshark >/dev/null 2>&1 || skip "tshark not installed"
[ -x "$TIME" ] || skip "$TIME missing (tools/setup-debian.sh installs it)"
[ -x "$WIRESIFT" ] || { echo "bench: $WIRESIFT not built (make)"; exit 1; }

export LC_ALL=C.UTF-8 TZ=UTC
WIRESHARK_CONFIG_DIR="$(mktemp -d)"; export WIRESHARK_CONFIG_DIR
trap 'rm -rf "$WIRESHARK_CONFIG_DIR"' EXIT
mkdir -p "$OUT" "$BIG_OUT"
# outputs of an earlier run (or a stopped one) must never be compared with this one's
rm -f "$OUT"/*.tshark.* "$OUT"/*.wiresift.*
BIG="$BIG_OUT/big.pcap"
# BENCH_JOBS=N: every wiresift command runs with -j N (worker threads; default one per CPU)
if [ -n "${BENCH_JOBS:-}" ]; then
	printf '#!/bin/sh\nexec "%s" "$@" -j %s\n' "$(realpath "$WIRESIFT")" "$BENCH_JOBS" > "$OUT/wiresift-j"
	chmod +x "$OUT/wiresift-j"
	WIRESIFT="$OUT/wiresift-j"
fi
if [ ! -s "$BIG" ]; then
	echo "bench: building $BIG (ROUNDS=$ROUNDS)"
	BIG_OUT="$BIG_OUT" "$CORPUS/big/make_big.sh" "$ROUNDS" > "$BIG_OUT/make_big.log" 2>&1 ||
		{ echo "bench: make_big.sh failed, see $BIG_OUT/make_big.log"; exit 1; }
fi

# the preferences and fields of goldens/make_goldens.sh
PREFS=(-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
  -o tcp.track_bytes_in_flight:TRUE -o tcp.desegment_tcp_streams:TRUE -o tcp.check_checksum:FALSE
  -o ip.defragment:TRUE -o ip.check_checksum:FALSE -o ipv6.defragment:TRUE -o udp.check_checksum:FALSE)
F36=(frame.number frame.time_epoch frame.len frame.cap_len eth.type ip.src ip.dst ipv6.src ipv6.dst
  ip.proto tcp.stream tcp.srcport tcp.dstport tcp.seq tcp.ack tcp.len tcp.flags tcp.window_size
  tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission
  tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment
  tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num tcp.analysis.zero_window
  tcp.analysis.zero_window_probe tcp.analysis.window_update tcp.analysis.window_full
  tcp.analysis.keep_alive tcp.analysis.keep_alive_ack udp.stream udp.srcport udp.dstport _ws.col.Protocol)
F5=(frame.number ip.src ip.dst tcp.srcport tcp.dstport)

eargs() { for f in "$@"; do printf -- '-e\n%s\n' "$f"; done; }
mapfile -t E36 < <(eargs "${F36[@]}")
mapfile -t E5 < <(eargs "${F5[@]}")

median() { sort -g | awk '{a[NR]=$1} END{if(NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# tshark's figures, kept between runs (BENCH_TSHARK_CACHE=1); the key is tshark's version and the
# capture's size and mtime, so a rebuilt big.pcap or another tshark is measured afresh
CACHE="$BIG_OUT/tshark-cache/$(tshark -v 2>/dev/null | head -1 | tr -c 'A-Za-z0-9.\n' _)-$(stat -c %s-%Y "$BIG")"
declare -A CACHED
cache_load() { # cache_load NAME: 0 when tshark's figures for NAME were loaded
	[ "${BENCH_TSHARK_CACHE:-0}" = 1 ] && [ -s "$CACHE/$1.time" ] || return 1
	local t m c d
	read -r t m c d < "$CACHE/$1.time"
	T[$1.tshark]="$t"; M[$1.tshark]="$m"; C[$1.tshark]="$c"; CACHED[$1]="$d"
	for f in "$CACHE/$1".tshark.*; do [ -e "$f" ] && cp "$f" "$OUT/"; done
	return 0
}
cache_save() { # cache_save NAME: after a fresh tshark run
	[ "${BENCH_TSHARK_CACHE:-0}" = 1 ] || return 0
	mkdir -p "$CACHE"
	for f in "$OUT/$1".tshark.*; do [ -e "$f" ] && cp "$f" "$CACHE/"; done
	echo "${T[$1.tshark]} ${M[$1.tshark]} ${C[$1.tshark]} $(date -u +%Y-%m-%dT%H:%MZ)" > "$CACHE/$1.time"
}

declare -A T M C
run_case() { # run_case NAME TOOL args...
	local name="$1" tool="$2"; shift 2
	[ "$tool" = tshark ] && cache_load "$name" && return
	local bin="$WIRESIFT"; [ "$tool" = tshark ] && bin=tshark
	local times=() rss=() cpus=() r
	for ((r = 1; r <= RUNS; r++)); do
		if ! "$TIME" -f '%e %M %U %S' -o "$OUT/time.txt" "$bin" -r "$BIG" -n "${PREFS[@]}" -T fields \
			-E header=y -E separator=/t -E occurrence=f "$@" > "$OUT/$name.$tool.tsv" 2> "$OUT/$name.$tool.err"; then
			echo "bench: $tool failed on $name (see $OUT/$name.$tool.err)"
		fi
		read -r t m u sy < <(tail -1 "$OUT/time.txt")
		times+=("$t"); rss+=("$m"); cpus+=("$(awk -v u="$u" -v s="$sy" 'BEGIN{printf "%.2f", u + s}')")
	done
	T[$name.$tool]="$(printf '%s\n' "${times[@]}" | median)"
	M[$name.$tool]="$(printf '%s\n' "${rss[@]}" | median)"
	C[$name.$tool]="$(printf '%s\n' "${cpus[@]}" | median)"
	[ "$tool" = tshark ] && cache_save "$name"
	return 0
}

agree() { # cells equal between the two outputs, in percent
	paste -d $'\x01' "$OUT/$1.wiresift.tsv" "$OUT/$1.tshark.tsv" 2>/dev/null | awk -F$'\x01' '
	{ n = split($1, a, "\t"); m = split($2, b, "\t"); k = n > m ? n : m
	  for (i = 1; i <= k; i++) { tot++; if (a[i] == b[i]) ok++ } }
	END { if (tot) printf "%.2f", 100 * ok / tot; else print "-" }'
}

pk=$(capinfos -M -c "$BIG" 2>/dev/null | awk '/Number of packets/ {print $NF}')
load0="$(cut -d' ' -f1-3 /proc/loadavg)"
size=$(du -m "$BIG" | cut -f1)
for name in fields36 fields5; do
	for tool in $TOOLS; do
		if [ "$name" = fields36 ]; then run_case "$name" "$tool" "${E36[@]}"; else run_case "$name" "$tool" "${E5[@]}"; fi
	done
done

# walk: the floor (bench/walk.c); one row, wiresift's columns, no tshark counterpart
if [ -x "$WALK" ]; then
	run_walk() {
		local times=() rss=() cpus=() r
		for ((r = 1; r <= RUNS; r++)); do
			"$TIME" -f '%e %M %U %S' -o "$OUT/time.txt" "$WALK" "$BIG" > "$OUT/walk.wiresift.tsv" 2> "$OUT/walk.wiresift.err" ||
				echo "bench: walk failed (see $OUT/walk.wiresift.err)"
			read -r t m u sy < <(tail -1 "$OUT/time.txt")
			times+=("$t"); rss+=("$m"); cpus+=("$(awk -v u="$u" -v s="$sy" 'BEGIN{printf "%.2f", u + s}')")
		done
		T[walk.wiresift]="$(printf '%s\n' "${times[@]}" | median)"
		M[walk.wiresift]="$(printf '%s\n' "${rss[@]}" | median)"
		C[walk.wiresift]="$(printf '%s\n' "${cpus[@]}" | median)"
	}
	run_walk
	WALKCASE=walk
else
	echo "bench: walk row skipped ($WALK not built: make bench builds it)"
fi

# lua: a streamXpert-like per-stream tap (src/lua); the script prints its table at the end
LUA_SEED="$ROOT/../shared/lua/seeds/streamXpert.lua"
CASES="${WALKCASE:-} fields36 fields5"
run_lua() { # run_lua TOOL
	local tool="$1" bin="$WIRESIFT"; [ "$tool" = tshark ] && bin=tshark
	[ "$tool" = tshark ] && cache_load lua && return
	local times=() rss=() cpus=() r
	for ((r = 1; r <= RUNS; r++)); do
		if ! "$TIME" -f '%e %M %U %S' -o "$OUT/time.txt" "$bin" -r "$BIG" -n "${PREFS[@]}" \
			-X "lua_script:$LUA_SEED" -q > "$OUT/lua.$tool.tsv" 2> "$OUT/lua.$tool.err"; then
			echo "bench: $tool failed on lua (see $OUT/lua.$tool.err)"
		fi
		read -r t m u sy < <(tail -1 "$OUT/time.txt")
		times+=("$t"); rss+=("$m"); cpus+=("$(awk -v u="$u" -v s="$sy" 'BEGIN{printf "%.2f", u + s}')")
	done
	T[lua.$tool]="$(printf '%s\n' "${times[@]}" | median)"
	M[lua.$tool]="$(printf '%s\n' "${rss[@]}" | median)"
	C[lua.$tool]="$(printf '%s\n' "${cpus[@]}" | median)"
	[ "$tool" = tshark ] && cache_save lua
	return 0
}
if [ -f "$LUA_SEED" ] && [ "${BENCH_LUA:-1}" = 1 ]; then
	for tool in $TOOLS; do run_lua "$tool"; done
	CASES="$CASES lua"
else
	echo "bench: lua case skipped ($LUA_SEED absent or BENCH_LUA=0)"
fi

# statistics: -q -z conv,tcp / expert / io,stat,1 for both tools, and wiresift's `streams`
# table against tshark's closest equivalent (-z conv,tcp).  Outputs are compared whole.
run_any() { # run_any NAME TOOL CMD...
	local name="$1" tool="$2"; shift 2
	[ "$tool" = tshark ] && cache_load "$name" && return
	local times=() rss=() cpus=() r
	for ((r = 1; r <= RUNS; r++)); do
		if ! "$TIME" -f '%e %M %U %S' -o "$OUT/time.txt" "$@" > "$OUT/$name.$tool.tsv" 2> "$OUT/$name.$tool.err"; then
			echo "bench: $tool failed on $name (see $OUT/$name.$tool.err)"
		fi
		read -r t m u sy < <(tail -1 "$OUT/time.txt")
		times+=("$t"); rss+=("$m"); cpus+=("$(awk -v u="$u" -v s="$sy" 'BEGIN{printf "%.2f", u + s}')")
	done
	T[$name.$tool]="$(printf '%s\n' "${times[@]}" | median)"
	M[$name.$tool]="$(printf '%s\n' "${rss[@]}" | median)"
	C[$name.$tool]="$(printf '%s\n' "${cpus[@]}" | median)"
	[ "$tool" = tshark ] && cache_save "$name"
	return 0
}
if [ "${BENCH_STATS:-1}" = 1 ]; then
	for z in conv,tcp expert io,stat,1; do
		name="z_${z//[,]/_}"
		for tool in $TOOLS; do
			bin="$WIRESIFT"; [ "$tool" = tshark ] && bin=tshark
			run_any "$name" "$tool" "$bin" -r "$BIG" -n "${PREFS[@]}" -q -z "$z"
		done
		CASES="$CASES $name"
	done
	# streams against tshark's -z conv,tcp: z_conv_tcp's very command, so that row's figures
	for tool in $TOOLS; do
		if [ "$tool" = tshark ]; then
			T[streams.tshark]="${T[z_conv_tcp.tshark]:-}"; M[streams.tshark]="${M[z_conv_tcp.tshark]:-0}"
			C[streams.tshark]="${C[z_conv_tcp.tshark]:-0}"; CACHED[streams]="${CACHED[z_conv_tcp]:-}"
		else
			run_any streams wiresift "$WIRESIFT" streams -r "$BIG" --format tsv
		fi
	done
	CASES="$CASES streams"
	# intervals: wiresift's per-second table; tshark's closest equivalent is -z io,stat,1, the very
	# command of z_io_stat_1, so its figures are that row's rather than a second identical run
	for tool in $TOOLS; do
		if [ "$tool" = tshark ]; then
			T[intervals.tshark]="${T[z_io_stat_1.tshark]:-}"; M[intervals.tshark]="${M[z_io_stat_1.tshark]:-0}"
			C[intervals.tshark]="${C[z_io_stat_1.tshark]:-0}"; CACHED[intervals]="${CACHED[z_io_stat_1]:-}"
		else
			run_any intervals wiresift "$WIRESIFT" intervals -r "$BIG" --format tsv
		fi
	done
	CASES="$CASES intervals"
fi

# display filters: -Y on an analysis flag (every frame fully analysed), and -Y on an
# address with -w (cut a capture down), both tools writing the same kind of output
if [ "${BENCH_FILTER:-1}" = 1 ]; then
	for tool in $TOOLS; do
		bin="$WIRESIFT"; [ "$tool" = tshark ] && bin=tshark
		run_any y_retrans "$tool" "$bin" -r "$BIG" -n "${PREFS[@]}" -Y tcp.analysis.retransmission \
			-T fields -e frame.number
		run_any y_addr_w "$tool" "$bin" -r "$BIG" -n "${PREFS[@]}" -Y "ip.addr == ${BENCH_ADDR:-10.0.0.1}" \
			-F pcap -w "$OUT/y_addr_w.$tool.pcap"
	done
	CASES="$CASES y_retrans y_addr_w"
fi

# the lua case prints one line per stream; stream numbers shift where the two TCP analyses
# number streams differently, so it counts tshark's lines (minus the stream column) wiresift has
agree_lines() {
	local f
	f() { sed 's/^[0-9]* *//' "$1" | sort; }
	awk -v c="$(comm -12 <(f "$OUT/$1.wiresift.tsv") <(f "$OUT/$1.tshark.tsv") | wc -l)" \
		-v t="$(wc -l < "$OUT/$1.tshark.tsv")" 'BEGIN{ if (t) printf "%.2f", 100 * c / t; else print "-" }'
}
declare -A AG
for name in $CASES; do
	# BENCH_AGREE=0: no comparison (minutes of awk over the two 1.4 GB fields36 outputs)
	if [ "${BENCH_AGREE:-1}" = 0 ]; then
		AG[$name]="not compared"
		continue
	fi
	# a cached row whose outputs were not kept (a cache seeded by hand) has nothing to compare
	if [ -n "${CACHED[$name]:-}" ] && ! ls "$OUT/$name".tshark.* > /dev/null 2>&1; then
		AG[$name]="not kept"
		continue
	fi
	case "$name" in
	lua) AG[$name]="$(agree_lines "$name")" ;;
	walk) AG[$name]="-" ;; # the floor: no tshark counterpart
	streams | intervals) AG[$name]="-" ;; # different tables by design
	y_addr_w) if cmp -s "$OUT/y_addr_w.wiresift.pcap" "$OUT/y_addr_w.tshark.pcap"; then AG[$name]="identical"; else AG[$name]="differs"; fi ;;
	z_*) if cmp -s "$OUT/$name.wiresift.tsv" "$OUT/$name.tshark.tsv"; then AG[$name]="identical"; else AG[$name]="$(agree "$name")"; fi ;;
	*) AG[$name]="$(agree "$name")" ;;
	esac
done
table() {
echo "big.pcap: ${size} MB, ${pk} packets (ROUNDS=$ROUNDS); median of $RUNS runs; $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average before/after: $load0 / $load1"
echo
echo "| export | wiresift s | tshark s | speed-up | wiresift CPU s | tshark CPU s | CPU ratio | wiresift RSS MB | tshark RSS MB | RSS ratio | cells equal % |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for name in $CASES; do
	ws="${T[$name.wiresift]:-}"; ts="${T[$name.tshark]:-}"
	wm="${M[$name.wiresift]:-0}"; tm="${M[$name.tshark]:-0}"
	wc="${C[$name.wiresift]:-0}"; tc="${C[$name.tshark]:-0}"
	awk -v n="$name" -v ws="$ws" -v ts="$ts" -v wm="$wm" -v tm="$tm" -v wc="$wc" -v tc="$tc" -v ag="${AG[$name]}" -v cd="${CACHED[$name]:-}" 'BEGIN{
		if (cd != "") ts = ts " (cached " cd ")"
		sp = (ws > 0 && ts != "") ? sprintf("%.1fx", ts / (ws > 0.01 ? ws : 0.01)) : "-"
		rr = (wm > 0 && tm > 0) ? sprintf("%.1fx", tm / wm) : "-"
		cr = (wc > 0 && tc > 0) ? sprintf("%.1fx", tc / wc) : "-"
		printf "| %s | %s | %s | %s | %s | %s | %s | %.0f | %.0f | %s | %s |\n", n, ws, ts, sp, wc, tc, cr, wm / 1024, tm / 1024, rr, ag }'
done
if [ -n "${C[walk.wiresift]:-}" ]; then
	echo
	printf 'CPU seconds over the walk (%s s; issue 6 goal: <= 2x):' "${C[walk.wiresift]}"
	for name in $CASES; do
		[ "$name" = walk ] && continue
		awk -v n="$name" -v w="${C[walk.wiresift]}" -v c="${C[$name.wiresift]:-0}" \
			'BEGIN{ if (c > 0) printf " %s %.1fx", n, c / (w > 0.01 ? w : 0.01) }'
	done
	echo
fi
}
load1="$(cut -d' ' -f1-3 /proc/loadavg)"
echo
table
if [ "${BENCH_DOC:-0}" = 1 ]; then
	{
		echo "# Performance"
		echo
		echo "Made by \`make bench\` (bench/bench.sh) on $(date -u +%Y-%m-%d), wiresift ${BENCH_LABEL:-$(git rev-parse --short HEAD 2>/dev/null)}"
		echo "against $(tshark -v 2>/dev/null | head -1 | cut -d' ' -f1-3), same file, same run, same preferences and"
		echo "fields as goldens/make_goldens.sh (output to a file). Wall time and peak RSS from /usr/bin/time;"
		echo "\"cells equal\" compares the two outputs cell by cell (it measures dissector coverage, not speed)."
		echo
		table
	} > "$ROOT/docs/performance.md"
	echo "bench: wrote docs/performance.md"
fi
