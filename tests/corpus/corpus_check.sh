#!/usr/bin/env bash
# corpus_check.sh -- compare wiresift with tshark 4.0.17's goldens on ../shared/corpus.
#
# For every dev capture, runs the exact fields.tsv command line of
# goldens/make_goldens.sh with wiresift in place of tshark, and compares cell by
# cell.  Prints agreement per column and in total; the "core" total leaves out
# tcp.stream, udp.stream and tcp.analysis.* (TCP analysis is its own issue).
# Exits 1 when the core agreement drops below tests/corpus/ratchet.txt
# (a ratchet: raise it when agreement improves, never lower it).
#
# Env: WIRESIFT (binary), CORPUS (default ../shared/corpus), REPORT (file to
# write the report to), UPDATE_RATCHET=1 to raise the ratchet to today's figure.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WIRESIFT="${WIRESIFT:-$ROOT/wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$ROOT/$WIRESIFT" ;; esac
CORPUS="${CORPUS:-$ROOT/../shared/corpus}"
if [ ! -d "$CORPUS/dev" ] || [ ! -d "$CORPUS/goldens/dev" ]; then
	echo "corpus-check: SKIP: $CORPUS not present (../shared/corpus is needed for the tshark comparison)"
	exit 0
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
FIELDS=(frame.number frame.time_epoch frame.len frame.cap_len eth.type ip.src ip.dst ipv6.src ipv6.dst
  ip.proto tcp.stream tcp.srcport tcp.dstport tcp.seq tcp.ack tcp.len tcp.flags tcp.window_size
  tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission
  tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment
  tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num tcp.analysis.zero_window
  tcp.analysis.zero_window_probe tcp.analysis.window_update tcp.analysis.window_full
  tcp.analysis.keep_alive tcp.analysis.keep_alive_ack udp.stream udp.srcport udp.dstport _ws.col.Protocol)
PREFS=(-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
  -o tcp.track_bytes_in_flight:TRUE -o tcp.desegment_tcp_streams:TRUE -o tcp.check_checksum:FALSE
  -o ip.defragment:TRUE -o ip.check_checksum:FALSE -o ipv6.defragment:TRUE -o udp.check_checksum:FALSE)
fargs=(); for f in "${FIELDS[@]}"; do fargs+=(-e "$f"); done
export LC_ALL=C.UTF-8 TZ=UTC

crashes=0; rcdiff=0
: > "$OUT/all.cmp"
for cap in "$CORPUS"/dev/*; do
	name="$(basename "$cap")"
	gold="$CORPUS/goldens/dev/$name/fields.tsv"
	[ -f "$gold" ] || continue
	( cd "$CORPUS/dev" && timeout 120 "$WIRESIFT" -r "$name" -n "${PREFS[@]}" -T fields -E header=y \
		-E separator=/t -E occurrence=f "${fargs[@]}" ) > "$OUT/ours.tsv" 2> "$OUT/err.txt"
	rc=$?
	if [ $rc -ge 124 ]; then
		crashes=$((crashes + 1)); echo "CRASH/TIMEOUT rc=$rc on $name: $(head -c 300 "$OUT/err.txt")"
	fi
	want_rc="$(sed -n 's/^== fields.tsv rc=//p' "$CORPUS/goldens/dev/$name/stderr.txt")"
	if [ -n "$want_rc" ] && [ "$want_rc" != "$rc" ]; then
		rcdiff=$((rcdiff + 1)); echo "EXIT CODE differs on $name: tshark $want_rc, wiresift $rc"
	fi
	# cell comparison: emit "col<TAB>equal<TAB>capture<TAB>frame<TAB>want<TAB>got" for differing cells
	awk -F'\t' -v name="$name" '
		NR == FNR { g[FNR] = $0; ng = FNR; next }
		{ o[FNR] = $0; no = FNR }
		END {
			nr = ng > no ? ng : no
			for (r = 2; r <= nr; r++) {
				nw = split(g[r], W, "\t"); nh = split(o[r], H, "\t")
				for (c = 1; c <= 36; c++) {
					w = (c <= nw ? W[c] : ""); h = (c <= nh ? H[c] : "")
					if (r > ng) w = "<no row>"; if (r > no) h = "<no row>"
					print c "\t" (w == h) "\t" name "\t" (r - 1) "\t" w "\t" h
				}
			}
		}' "$gold" "$OUT/ours.tsv" >> "$OUT/all.cmp"
done

REPORT="${REPORT:-}"
awk -F'\t' -v fields="${FIELDS[*]}" -v crashes="$crashes" -v rcdiff="$rcdiff" '
	BEGIN { n = split(fields, F, " ") }
	{ tot[$1]++; eq[$1] += $2
	  if (!$2 && ex[$1] < 3) { ex[$1]++; exs[$1] = exs[$1] sprintf("      %s frame %s: tshark [%s] wiresift [%s]\n", $3, $4, substr($5,1,60), substr($6,1,60)) } }
	END {
		printf "%-40s %10s %10s %8s\n", "column", "equal", "cells", "agree"
		for (c = 1; c <= n; c++) {
			core = !(F[c] ~ /^tcp\.analysis|^tcp\.stream$|^udp\.stream$/)
			printf "%-40s %10d %10d %7.3f%%%s\n", F[c], eq[c], tot[c], tot[c] ? 100 * eq[c] / tot[c] : 100, core ? "" : "  (TCP analysis issue)"
			if (eq[c] < tot[c]) printf "%s", exs[c]
			all_e += eq[c]; all_t += tot[c]
			if (core) { core_e += eq[c]; core_t += tot[c] }
		}
		printf "TOTAL all columns:  %d / %d = %.4f%%\n", all_e, all_t, 100 * all_e / all_t
		printf "TOTAL core columns: %d / %d = %.4f%%\n", core_e, core_t, 100 * core_e / core_t
		printf "CORE_PERMILLE %d\n", int(1000000 * core_e / core_t)
		printf "crashes/timeouts: %d, exit-code differences: %d\n", crashes, rcdiff
	}' "$OUT/all.cmp" > "$OUT/report.txt"
# (never "> /dev/stdout": when stdout is a file that truncates everything printed before)
if [ -n "$REPORT" ]; then
	cp "$OUT/report.txt" "$REPORT"
	tail -4 "$OUT/report.txt"
else
	cat "$OUT/report.txt"
fi

got="$(sed -n 's/^CORE_PERMILLE //p' "$OUT/report.txt")"
ratchet_file="$HERE/ratchet.txt"
want="$(cat "$ratchet_file" 2>/dev/null || echo 0)"
if [ "${UPDATE_RATCHET:-0}" = 1 ] && [ "$got" -gt "$want" ]; then
	echo "$got" > "$ratchet_file"; echo "corpus-check: ratchet raised $want -> $got (per million cells)"; want="$got"
fi
if [ "$crashes" -gt 0 ]; then echo "corpus-check: FAIL: $crashes crashes/timeouts"; exit 1; fi
if [ "$got" -lt "$want" ]; then
	echo "corpus-check: FAIL: core agreement $got per million is below the ratchet $want"; exit 1
fi
echo "corpus-check: OK (core agreement $got per million cells, ratchet $want)"
