#!/usr/bin/env bash
# multifile_check.sh -- a few dev captures of ../shared/corpus cut into rotated
# files (`wiresift editcap -c`, and the real editcap when installed) and read
# back as one capture (a directory, and several -r): -T fields with tcp.stream
# and the tcp.analysis flags, -z conv,tcp, -z io,stat,1, -z expert and
# `wiresift streams` must be byte-identical to the whole file's.  The captures
# chosen have timestamps in order (a split cannot restore a file whose times
# go back across a cut: the merge is by time).
# Env: WIRESIFT (binary), CORPUS (default ../shared/corpus).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WIRESIFT="${WIRESIFT:-$ROOT/wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$ROOT/$WIRESIFT" ;; esac
CORPUS="${CORPUS:-$ROOT/../shared/corpus}"
if [ ! -d "$CORPUS/dev" ]; then
	echo "multifile-check: SKIP: $CORPUS not present (../shared/corpus is needed)"
	exit 0
fi
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
CAPS="ndpi_dnp3_retrans.pcap ndpi_forticlient_tls.pcap zeek_http_206_b_zerowin_ooo.pcap
	pcpp_example_http_mix.pcap ndpi_ocsp_keepalive.pcapng zeek_irc_dcc_send_bulk.pcapng"
FIELDS=(-T fields -e frame.number -e frame.time_relative -e frame.time_delta -e frame.interface_id
	-e frame.comment -e tcp.stream -e udp.stream -e tcp.analysis.flags -e tcp.analysis.retransmission
	-e tcp.analysis.fast_retransmission -e tcp.analysis.out_of_order -e tcp.analysis.lost_segment
	-e tcp.analysis.duplicate_ack_num -e tcp.analysis.zero_window -e tcp.analysis.ack_rtt
	-e tcp.analysis.bytes_in_flight)
outputs() { # PREFIX ARGS...: PREFIX.fields, .stats, .streams
	local p="$1"; shift
	"$WIRESIFT" "$@" "${FIELDS[@]}" > "$p.fields" 2> "$p.err"
	"$WIRESIFT" "$@" -q -z conv,tcp -z io,stat,1 -z expert > "$p.stats" 2>> "$p.err"
	local a r=()
	for a in "$@"; do [ "$a" != -r ] && r+=("$a"); done
	"$WIRESIFT" streams "${r[@]}" > "$p.streams" 2>> "$p.err"
}
fail=0; good=0; total=0
for cap in $CAPS; do
	f="$CORPUS/dev/$cap"
	[ -f "$f" ] || { echo "multifile-check: $cap missing"; fail=1; continue; }
	# the parts keep the file's format, found by content (some .pcap files are pcapng)
	ext="${cap##*.}"; fmt=pcap
	[ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' ')" = 0a0d0d0a ] && fmt=pcapng
	frames=$("$WIRESIFT" -r "$f" -T fields -e frame.number | wc -l)
	per=$(((frames + 4) / 5))
	outputs "$T/$cap.whole" -r "$f"
	tools=ours; command -v editcap > /dev/null && tools="ours real"
	for tool in $tools; do
		d="$T/$cap.$tool"; mkdir -p "$d"
		if [ $tool = real ]; then editcap -F $fmt -c $per "$f" "$d/part.$ext" 2> /dev/null
		else "$WIRESIFT" editcap -F $fmt -c $per "$f" "$d/part.$ext"; fi
		rs=(); for p in "$d"/part_*; do rs+=(-r "$p"); done
		outputs "$d.dir" -r "$d"
		outputs "$d.several" "${rs[@]}"
		for form in dir several; do
			for x in fields stats streams; do
				total=$((total + 1))
				if [ -s "$d.$form.$x" ] && cmp -s "$T/$cap.whole.$x" "$d.$form.$x"; then
					good=$((good + 1))
				else
					echo "FAIL $cap ($tool editcap -c $per, $form): $x differs"; fail=1
				fi
			done
			cmp -s "$T/$cap.whole.err" "$d.$form.err" || { echo "FAIL $cap ($tool, $form): stderr differs"; fail=1; }
		done
	done
done
echo "multifile-check: $good/$total outputs identical to the whole file's"
exit $fail
