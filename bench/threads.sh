#!/usr/bin/env bash
# threads.sh -- wall time of -j 1 against -j 2 (issue 6) on one capture, and
# whether the two outputs are byte-identical.
#   bench/threads.sh FILE [RUNS]     (RUNS: best of N, default 1)
# Cases: -q -z conv,tcp; -T fields with 5 and with the corpus goldens' 36
# columns; the streams analysis.  Outputs go to a temporary folder.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WIRESIFT="${WIRESIFT:-$ROOT/wiresift}"
BIG="${1:?usage: bench/threads.sh FILE [RUNS]}"
RUNS="${2:-1}"
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
E5=(-e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport)
E36=()
for f in frame.number frame.time_epoch frame.len frame.cap_len eth.type ip.src ip.dst ipv6.src \
	ipv6.dst ip.proto tcp.stream tcp.srcport tcp.dstport tcp.seq tcp.ack tcp.len tcp.flags \
	tcp.window_size tcp.analysis.retransmission tcp.analysis.fast_retransmission \
	tcp.analysis.spurious_retransmission tcp.analysis.out_of_order tcp.analysis.lost_segment \
	tcp.analysis.ack_lost_segment tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num \
	tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.window_update \
	tcp.analysis.window_full tcp.analysis.keep_alive tcp.analysis.keep_alive_ack udp.stream \
	udp.srcport udp.dstport _ws.col.Protocol; do E36+=(-e "$f"); done
run() { # NAME J ARGS... -> "wall cpu" of the best run
	local name="$1" j="$2" best="" t; shift 2
	for ((i = 0; i < RUNS; i++)); do
		/usr/bin/time -f "%e %U %S" -o "$D/t" "$@" > "$D/$name.j$j" 2> /dev/null
		t="$(awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$D/t")"
		if [ -z "$best" ] || awk -v a="${t%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
	done
	echo "$best"
}
echo "$(basename "$BIG"): $(du -m "$BIG" | cut -f1) MB; $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| case | -j1 wall s | -j2 wall s | speed-up | -j1 CPU s | -j2 CPU s | identical |"
echo "|---|---:|---:|---:|---:|---:|---|"
for name in z_conv_tcp fields5 fields36 streams; do
	declare -a a=()
	for j in 1 2; do
		case $name in
		z_conv_tcp) r="$(run $name $j "$WIRESIFT" -j $j -r "$BIG" -n -q -z conv,tcp)" ;;
		fields5) r="$(run $name $j "$WIRESIFT" -j $j -r "$BIG" -n -T fields "${E5[@]}")" ;;
		fields36) r="$(run $name $j "$WIRESIFT" -j $j -r "$BIG" -n -T fields -E header=y -E occurrence=f "${E36[@]}")" ;;
		streams) r="$(run $name $j "$WIRESIFT" streams -j $j "$BIG" --format tsv --progress never)" ;;
		esac
		a+=($r)
	done
	same=no; cmp -s "$D/$name.j1" "$D/$name.j2" && same=yes
	echo "| $name | ${a[0]} | ${a[2]} | $(awk -v x="${a[0]}" -v y="${a[2]}" 'BEGIN { printf "%.2fx", x / y }') | ${a[1]} | ${a[3]} | $same |"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
