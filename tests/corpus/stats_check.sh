#!/usr/bin/env bash
# stats_check.sh -- compare wiresift's -z statistics and capinfos with tshark 4.0.17's
# goldens on ../shared/corpus.
#
# For every dev capture, runs the commands of goldens/make_goldens.sh that make
# conv_*.txt, endpoints_*.txt, expert.txt, phs.txt, io_total.txt, io_1s.txt and
# capinfos.txt, with wiresift in place of tshark/capinfos, and counts the outputs
# that are byte-identical, per kind.  Exits 1 when the total number of identical
# outputs drops below tests/corpus/stats_ratchet.txt (a ratchet: raise it when
# things improve, never lower it).
#
# Env: WIRESIFT (binary), CORPUS (default ../shared/corpus), JOBS (parallel
# captures, default 4), VERBOSE=1 (list the differing outputs),
# UPDATE_RATCHET=1 (raise the ratchet to today's figure).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WIRESIFT="${WIRESIFT:-$ROOT/wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$ROOT/$WIRESIFT" ;; esac
CORPUS="${CORPUS:-$ROOT/../shared/corpus}"
if [ ! -d "$CORPUS/dev" ] || [ ! -d "$CORPUS/goldens/dev" ]; then
	echo "stats-check: SKIP: $CORPUS not present (../shared/corpus is needed for the tshark comparison)"
	exit 0
fi
CORPUS="$(cd "$CORPUS" && pwd)"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC WIRESIFT CORPUS OUT
KINDS="capinfos conv_tcp conv_udp conv_ip conv_ipv6 endpoints_ip endpoints_ipv6 endpoints_tcp endpoints_udp expert phs io_total io_1s"
export KINDS

one() { # one <capture name>: writes "<kind> <0|1> <capture>" lines
	local name="$1" gold="$CORPUS/goldens/dev/$1" k z
	local PREFS=(-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
		-o tcp.track_bytes_in_flight:TRUE -o tcp.desegment_tcp_streams:TRUE -o tcp.check_checksum:FALSE
		-o ip.defragment:TRUE -o ip.check_checksum:FALSE -o ipv6.defragment:TRUE -o udp.check_checksum:FALSE)
	local IOCOLS="COUNT(frame)frame,COUNT(tcp.flags.reset)tcp.flags.reset==1"
	local tmp="$OUT/$name.out"
	for k in $KINDS; do
		[ -f "$gold/$k.txt" ] || continue
		case "$k" in
		capinfos) (cd "$CORPUS/dev" && timeout 120 "$WIRESIFT" capinfos -M "$name") > "$tmp" 2>/dev/null ;;
		*)
			case "$k" in
			conv_*) z="conv,${k#conv_}" ;;
			endpoints_*) z="endpoints,${k#endpoints_}" ;;
			expert) z="expert" ;;
			phs) z="io,phs" ;;
			io_total) z="io,stat,0,$IOCOLS" ;;
			io_1s) z="io,stat,1,$IOCOLS" ;;
			esac
			(cd "$CORPUS/dev" && timeout 120 "$WIRESIFT" -r "$name" -n "${PREFS[@]}" -q -z "$z") > "$tmp" 2>/dev/null ;;
		esac
		if cmp -s "$tmp" "$gold/$k.txt"; then echo "$k 1 $name"; else echo "$k 0 $name"; fi
	done
	rm -f "$tmp"
}
export -f one
for cap in "$CORPUS"/dev/*; do
	[ -d "$CORPUS/goldens/dev/$(basename "$cap")" ] && basename "$cap"
done | xargs -d '\n' -P "${JOBS:-4}" -I{} bash -c 'one "$1"' _ {} > "$OUT/results.txt"

[ "${VERBOSE:-0}" = 1 ] && awk '$2 == 0 { print "  differs: " $1 " " $3 }' "$OUT/results.txt" | sort
awk -v kinds="$KINDS" '
	{ tot[$1]++; eq[$1] += $2; all++; alleq += $2 }
	END {
		n = split(kinds, K, " ")
		printf "%-16s %9s %7s\n", "kind", "identical", "of"
		for (i = 1; i <= n; i++) printf "%-16s %9d %7d\n", K[i], eq[K[i]], tot[K[i]]
		printf "TOTAL            %9d %7d\n", alleq, all
		printf "STATS_IDENTICAL %d\n", alleq
	}' "$OUT/results.txt" | tee "$OUT/report.txt"

got="$(sed -n 's/^STATS_IDENTICAL //p' "$OUT/report.txt")"
ratchet_file="$HERE/stats_ratchet.txt"
want="$(cat "$ratchet_file" 2>/dev/null || echo 0)"
if [ "${UPDATE_RATCHET:-0}" = 1 ] && [ "$got" -gt "$want" ]; then
	echo "$got" > "$ratchet_file"; echo "stats-check: ratchet raised $want -> $got"; want="$got"
fi
if [ "$got" -lt "$want" ]; then
	echo "stats-check: FAIL: $got identical outputs, below the ratchet $want"; exit 1
fi
echo "stats-check: OK ($got identical outputs, ratchet $want)"
