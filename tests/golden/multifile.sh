#!/usr/bin/env bash
# multifile.sh -- several input files read as one capture (capture/multi.c).
#  1. split: a generated capture cut into rotated files (`wiresift editcap -c`,
#     and the real editcap when installed) and read back as several -r, as a
#     directory and as a glob must give byte-for-byte what the whole file gives:
#     -T fields with tcp.stream and the tcp.analysis flags, -z conv,tcp,
#     -z io,stat,1, -z expert, and `wiresift streams`; -w of the parts
#     gives back the whole pcap's bytes;
#  2. interleave: two captures of different interfaces overlapping in time,
#     read as two -r, must give the frames `mergecap` then `-r merged` gives
#     (our mergecap; the real one and tshark on its output when installed);
#  3. errors: a cut-short and a missing member are reported by name and byte
#     offset after the rest is read, exit code 2.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"; case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
MKCAP="${MKCAP:-build/rel/mkcap}"; case "$MKCAP" in /*) ;; *) MKCAP="$PWD/$MKCAP" ;; esac
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
fail=0; n=0
ok() { n=$((n + 1)); }
no() { echo "FAIL $1"; fail=1; }
same() { # NAME FILE-A FILE-B: identical and not empty
	if [ ! -s "$2" ]; then no "$1: no output"
	elif cmp -s "$2" "$3"; then ok
	else no "$1"; diff "$2" "$3" | head -5; fi
}

FIELDS=(-T fields -e frame.number -e frame.time_relative -e frame.time_delta -e frame.interface_id
	-e ip.src -e tcp.stream -e udp.stream -e tcp.analysis.flags -e tcp.analysis.retransmission
	-e tcp.analysis.fast_retransmission -e tcp.analysis.out_of_order -e tcp.analysis.lost_segment
	-e tcp.analysis.duplicate_ack_num -e tcp.analysis.zero_window -e tcp.analysis.window_update
	-e tcp.analysis.keep_alive -e tcp.analysis.ack_rtt -e tcp.analysis.bytes_in_flight -e tcp.time_delta)

# outputs NAME ARGS...: every check's output for the capture ARGS name, in $T/NAME.*
outputs() {
	local name="$1"; shift
	"$WIRESIFT" "$@" "${FIELDS[@]}" > "$T/$name.fields" 2> "$T/$name.err"
	"$WIRESIFT" "$@" -q -z conv,tcp -z io,stat,1 -z expert > "$T/$name.stats" 2>> "$T/$name.err"
	local a r=()
	for a in "$@"; do [ "$a" != -r ] && r+=("$a"); done
	"$WIRESIFT" streams "${r[@]}" > "$T/$name.streams" 2>> "$T/$name.err"
}
compare() { # WHOLE PART
	local x
	for x in fields stats streams; do same "$2 $x" "$T/$1.$x" "$T/$2.$x"; done
	[ -s "$T/$2.err" ] && no "$2: stderr: $(head -1 "$T/$2.err")"
}

# --- inputs: generated scenarios merged into one capture of several streams over 90 s
for s in tcp_analysis trade basic frag4 vlan; do "$MKCAP" $s "$T/$s.pcap" || { no "mkcap $s"; exit 1; }; done
"$MKCAP" sll "$T/sll.pcap"
ins=("$T/tcp_analysis.pcap" "$T/trade.pcap" "$T/basic.pcap" "$T/frag4.pcap" "$T/vlan.pcap")
if command -v python3 > /dev/null && python3 "$HERE/expert_mkpcap.py" "$T/expert.pcap"; then
	ins+=("$T/expert.pcap")
else
	echo "multifile: SKIP: expert.pcap (python3 is needed to write it)"
fi
"$WIRESIFT" mergecap -F pcap -w "$T/mix.pcap" "${ins[@]}" || no "mergecap mix.pcap"
"$WIRESIFT" mergecap -w "$T/mix.pcapng" "${ins[@]}" || no "mergecap mix.pcapng"

# --- 1. split and read back
split_check() { # LABEL WHOLE TOOL COUNT [reversed]
	local label="$1" whole="$2" tool="$3" count="$4" d="$T/$1"
	mkdir -p "$d"
	local ext="${whole##*.}"
	# the parts keep the whole file's format (editcap writes pcapng by default)
	local fmt=pcapng; [ "$ext" = pcap ] && fmt=pcap
	if [ "$tool" = real ]; then editcap -F $fmt -c "$count" "$whole" "$d/part.$ext" 2> /dev/null
	else "$WIRESIFT" editcap -F $fmt -c "$count" "$whole" "$d/part.$ext"; fi || { no "$label: editcap"; return; }
	local parts=("$d"/part_*)
	[ ${#parts[@]} -ge 3 ] || no "$label: only ${#parts[@]} files"
	outputs "$label.whole" -r "$whole"
	local rs=() p
	for p in "${parts[@]}"; do rs+=(-r "$p"); done
	outputs "$label.several" "${rs[@]}"
	compare "$label.whole" "$label.several"
	# a directory may hold other files: only captures (found by content) are read
	echo "rotated by editcap -c $count" > "$d/notes.txt"
	outputs "$label.dir" -r "$d"
	compare "$label.whole" "$label.dir"
	outputs "$label.glob" -r "$d/part_*.$ext"
	compare "$label.whole" "$label.glob"
	# -w writes the merged frames: the pcap parts give back the whole file's bytes
	if [ "$fmt" = pcap ]; then
		"$WIRESIFT" -r "$d" -F pcap -w "$T/$label.rewritten.pcap"
		same "$label: -r DIR -F pcap -w" "$whole" "$T/$label.rewritten.pcap"
	fi
	# the order on the command line does not matter: the merge is by time (only
	# equal times at a file boundary keep the command line's order)
	[ "${5:-}" = reversed ] || return 0
	local rev=() i
	for ((i = ${#rs[@]} - 1; i > 0; i -= 2)); do rev+=(-r "${rs[i]}"); done
	outputs "$label.reversed" "${rev[@]}"
	compare "$label.whole" "$label.reversed"
}
split_check pcap_ours "$T/mix.pcap" ours 7
split_check pcapng_ours "$T/mix.pcapng" ours 10
for s in tcp_analysis trade; do split_check "${s}_ours" "$T/$s.pcap" ours 4 reversed; done
if command -v editcap > /dev/null; then
	split_check pcap_real "$T/mix.pcap" real 9
	split_check pcapng_real "$T/mix.pcapng" real 5
	# the rotated files themselves: the same names and records as the real editcap's
	mkdir -p "$T/names"
	"$WIRESIFT" editcap -F pcap -c 9 "$T/mix.pcap" "$T/names/part.pcap"
	(cd "$T/names" && ls) > "$T/names.ours"
	(cd "$T/pcap_real" && ls part_*) > "$T/names.real"
	same "editcap -c file names" "$T/names.ours" "$T/names.real"
else
	echo "multifile: SKIP: real editcap not installed (split with wiresift editcap only)"
fi

# --- 2. two interfaces overlapping in time (no equal times across the files:
# mergecap puts the later file first on a tie, reading several -r the earlier)
"$WIRESIFT" editcap -t 0.0005 "$T/sll.pcap" "$T/sll_late.pcap"
"$WIRESIFT" editcap "$T/basic.pcap" "$T/basic_ng.pcapng"
IFIELDS=(-T fields -e frame.number -e frame.interface_id -e frame.interface_name -e frame.time_epoch
	-e frame.time_delta -e frame.encap_type -e frame.protocols -e frame.len -e frame.cap_len)
interleave() { # LABEL A B
	"$WIRESIFT" -r "$2" -r "$3" "${IFIELDS[@]}" > "$T/$1.multi"
	"$WIRESIFT" -r "$2" -r "$3" -n > "$T/$1.multi_sum"
	"$WIRESIFT" mergecap -w "$T/$1.merged.pcapng" "$2" "$3"
	"$WIRESIFT" -r "$T/$1.merged.pcapng" "${IFIELDS[@]}" > "$T/$1.ours"
	"$WIRESIFT" -r "$T/$1.merged.pcapng" -n > "$T/$1.ours_sum"
	same "$1: -r A -r B vs our mergecap" "$T/$1.ours" "$T/$1.multi"
	same "$1: summary vs our mergecap" "$T/$1.ours_sum" "$T/$1.multi_sum"
	"$WIRESIFT" -r "$2" -r "$3" -w "$T/$1.written.pcapng"
	"$WIRESIFT" -r "$T/$1.written.pcapng" "${IFIELDS[@]}" > "$T/$1.written"
	same "$1: -r A -r B -w, read back, vs our mergecap" "$T/$1.ours" "$T/$1.written"
	grep -q "	1	" "$T/$1.multi" || no "$1: no frame on interface 1"
	if command -v mergecap > /dev/null && command -v tshark > /dev/null; then
		mergecap -w "$T/$1.real.pcapng" "$2" "$3"
		"$WIRESIFT" -r "$T/$1.real.pcapng" "${IFIELDS[@]}" > "$T/$1.real"
		same "$1: -r A -r B vs mergecap 4.0" "$T/$1.real" "$T/$1.multi"
		tshark_clean -r "$T/$1.real.pcapng" "${IFIELDS[@]}" > "$T/$1.tshark" 2> /dev/null
		same "$1: -r A -r B vs tshark -r (mergecap 4.0 output)" "$T/$1.tshark" "$T/$1.multi"
	fi
}
interleave pcap_members "$T/basic.pcap" "$T/sll_late.pcap"
interleave pcapng_member "$T/basic_ng.pcapng" "$T/sll_late.pcap"
command -v mergecap > /dev/null || echo "multifile: SKIP: mergecap/tshark not installed (compared with our mergecap only)"

# --- 3. a damaged and a missing member: the rest is read, each failure named
"$MKCAP" truncated "$T/trunc.pcap"
"$WIRESIFT" -r "$T/trunc.pcap" -T fields -e frame.number > "$T/trunc.alone" 2> "$T/trunc.alone_err"
"$WIRESIFT" -r "$T/trunc.pcap" -r "$T/missing.pcap" -r "$T/tcp_analysis.pcap" -T fields -e frame.number \
	> "$T/err.out" 2> "$T/err.err"
rc=$?
[ $rc = 2 ] || no "damaged member: exit code $rc, want 2"
[ "$(wc -l < "$T/err.out")" = $(($(wc -l < "$T/trunc.alone") + 30)) ] || no "damaged member: $(wc -l < "$T/err.out") frames read"
grep -q "^tshark: The file \"$T/missing.pcap\" doesn't exist.$" "$T/err.err" || no "missing member not named"
grep -q "^tshark: The file \"$T/trunc.pcap\" appears to have been cut short" "$T/err.err" || no "damaged member not named"
grep -qx "(at byte offset [0-9]*)" "$T/err.err" || no "damaged member: no byte offset"
tail -2 "$T/trunc.alone_err" > "$T/err.want"
tail -2 "$T/err.err" > "$T/err.got"
same "damaged member: the message of the file alone" "$T/err.want" "$T/err.got"
"$WIRESIFT" streams "$T/trunc.pcap" "$T/tcp_analysis.pcap" > /dev/null 2> "$T/err.an"
rc=$?
[ $rc = 3 ] || no "streams with a damaged member: exit code $rc, want 3"
grep -q "trunc.pcap\" appears to have been cut short" "$T/err.an" || no "streams: damaged member not named"
mkdir -p "$T/empty"
"$WIRESIFT" -r "$T/empty" > /dev/null 2> "$T/empty.err"
rc=$?
[ $rc = 2 ] && grep -q "holds no capture files" "$T/empty.err" || no "empty directory: rc $rc, $(cat "$T/empty.err")"

[ $fail = 0 ] && echo "multifile: ok ($n comparisons)"
exit $fail
