#!/usr/bin/env bash
# threads.sh -- `-j 2` must print exactly what `-j 1` prints (issue 6).
# WIRESIFT_THREADS=force makes the small test files run on worker threads.
# Jobs: -T fields with the corpus goldens' 36 columns, the summary, -V,
# -z conv/endpoints/io,stat/expert/phs, -Y filters, -w, and the streams /
# intervals analyses; on the generator's captures ($MKCAP all) and on every
# dev capture in ../shared/corpus (skipped, saying so, when absent).
#   threads.sh [FILE...]   only these captures
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"
MKCAP="${MKCAP:-build/rel/mkcap}"
CORPUS="$HERE/../../../shared/corpus/dev"
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
export WIRESIFT_THREADS=force

F36=(frame.number frame.time_epoch frame.len frame.cap_len eth.type ip.src ip.dst ipv6.src ipv6.dst
	ip.proto tcp.stream tcp.srcport tcp.dstport tcp.seq tcp.ack tcp.len tcp.flags tcp.window_size
	tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission
	tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment
	tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num tcp.analysis.zero_window
	tcp.analysis.zero_window_probe tcp.analysis.window_update tcp.analysis.window_full
	tcp.analysis.keep_alive tcp.analysis.keep_alive_ack udp.stream udp.srcport udp.dstport
	_ws.col.Protocol)
EF=(); for f in "${F36[@]}"; do EF+=(-e "$f"); done
# a pcap's fields are formatted on the workers (no in-order thread); the stream numbers are put
# back there (engine_opts.renum), so both field lists are compared
EW=(); for f in "${F36[@]}"; do [[ "$f" == *.stream ]] || EW+=(-e "$f"); done

# jobs: one per line, the arguments after `-r FILE` (or ANALYSIS for a subcommand)
JOBS_ALL=(
	"-n -T fields -E header=y -E occurrence=f ${EF[*]}"
	"-n -T fields -E occurrence=a -E aggregator=/s ${EW[*]} -e _ws.col.Info"
	"-n"
	"-n -q -z conv,tcp -z conv,udp -z conv,ip -z endpoints,tcp -z endpoints,udp -z expert -z io,phs -z io,stat,0,COUNT(frame)frame"
	# aggregate jobs: every worker keeps its own tables, merged at the end
	"-n -q -z conv,tcp -z conv,udp -z conv,ip -z conv,ipv6 -z conv,eth -z endpoints,tcp -z endpoints,udp -z endpoints,ip -z endpoints,eth -z expert"
	"-n -q -z expert,note -z conv,tcp,tcp.len>0 -z endpoints,ipv6,frame.len>100 -Y tcp"
	# a filter on stream numbers keeps the in-order path (workers number streams their own way)
	"-n -q -z conv,tcp,tcp.stream==1 -z endpoints,udp,udp.stream<=2 -z expert"
	# io,stat's plain counts run on the reading thread, the rest on the workers
	"-n -q -z io,stat,0 -z conv,ip -z io,stat,0,FRAMES,BYTES -z endpoints,tcp"
	"-n -Y tcp.stream==1||udp.stream==2 -T fields -e frame.number -e tcp.stream -e udp.stream"
	# stream numbers shown only: the writer puts one job's into the workers' text, also quoted,
	# every occurrence, the last, behind a filter (frames it hides still number streams)
	"-n -T fields -E quote=d -E occurrence=a -e frame.number -e udp.stream -e icmp.type -e tcp.stream"
	"-n -Y tcp.len>0||dns -T fields -E occurrence=l -E separator=, -e tcp.stream -e udp.stream -e frame.number"
	# a digit for aggregator: numbers cannot be told apart in the text, the workers wait instead
	"-n -T fields -E occurrence=a -E aggregator=7 -e tcp.stream -e udp.stream"
	"-n -Y tcp.analysis.flags -T fields -e frame.number -e tcp.stream -e _ws.col.Info"
	# -Y on the workers (each compiles its own copy), with a regular expression
	"-n -Y frame.protocols~\"tcp|dns\"||arp -T fields -e frame.number -e ip.src -e _ws.col.Info"
	"-n -Y tcp.analysis.flags||udp"
	# -w on a pcap: the workers pick the records, the calling thread writes them (also -j 3);
	# a filter that passes everything, nothing, and one on stream numbers; pcap, nsecpcap, pcapng
	"-n -Y tcp||arp -w W.pcap -F pcap"
	"-n -Y frame.len>0 -w W.pcap -F nsecpcap"
	"-n -Y frame.len>70000 -w W.pcap -F pcap"
	"-n -Y tcp.stream==1||udp.stream<=2 -w W.pcap"
	"streams"
	"intervals"
	# analyses on the reading thread's way: their records' stream numbers are put back too
	"sessions"
	"facts"
	"streams -Y tcp"
)
# heavier jobs, on the generated captures and on a part of the corpus
JOBS_SOME=(
	"-n -V"
	"-n -q -z io,stat,1" # only where the goldens have io_1s.txt: some captures span years
	"-n -T json"
	"-n -c 50 -T fields -e frame.number -e tcp.stream -e udp.stream"
	"-n -c 1500 -T fields -e frame.number -e ip.src -e tcp.seq"
	"-n -c 1500"
	"-n -c 30 -q -z conv,tcp -z endpoints,udp -z expert"
	"-n -w W.pcap -F pcap"
	"-n -c 700 -Y ip -w W.pcap -F pcap"
)

pass=0; fail=0
runjob() { # FILE JOB -> compares -j 1 with -j 2 (and -j 3's -w file, -j 3's stream numbers)
	local f="$1" job="$2" a b
	read -r -a args <<< "$job"
	a="$D/a"; b="$D/b"
	case "${args[0]}" in
	streams | intervals | sessions | facts)
		"$WIRESIFT" "${args[0]}" -j 1 "${args[@]:1}" "$f" > "$a" 2>&1; echo "rc=$?" >> "$a"
		"$WIRESIFT" "${args[0]}" -j 2 "${args[@]:1}" "$f" > "$b" 2>&1; echo "rc=$?" >> "$b" ;;
	*)
		local w=0 i
		for i in "${!args[@]}"; do
			[ "${args[$i]}" = W.pcap ] && { args[$i]="$D/w.pcap"; w=1; }
		done
		rm -f "$D/w.pcap" "$D/w1.pcap" "$D/w3.pcap"
		"$WIRESIFT" -j 1 -r "$f" "${args[@]}" > "$a" 2>&1; echo "rc=$?" >> "$a"
		[ $w = 1 ] && [ -f "$D/w.pcap" ] && mv "$D/w.pcap" "$D/w1.pcap"
		if [ $w = 1 ]; then
			"$WIRESIFT" -j 3 -r "$f" "${args[@]}" > /dev/null 2>&1
			[ -f "$D/w.pcap" ] && mv "$D/w.pcap" "$D/w3.pcap"
		fi
		"$WIRESIFT" -j 2 -r "$f" "${args[@]}" > "$b" 2>&1; echo "rc=$?" >> "$b"
		if [[ "$job" == *.stream* ]] && [ $w = 0 ]; then
			"$WIRESIFT" -j 3 -r "$f" "${args[@]}" > "$D/c" 2>&1; echo "rc=$?" >> "$D/c"
			cmp -s "$a" "$D/c" || { echo "DIFF (-j 3) $(basename "$f"): $job"; fail=$((fail + 1)); return; }
		fi
		# -w: all runs write the same file, or none writes one
		if [ $w = 1 ] && { [ -f "$D/w1.pcap" ] || [ -f "$D/w.pcap" ] || [ -f "$D/w3.pcap" ]; } &&
			! { cmp -s "$D/w1.pcap" "$D/w.pcap" && cmp -s "$D/w1.pcap" "$D/w3.pcap"; }; then
			echo "DIFF (-w file) $(basename "$f"): $job"; fail=$((fail + 1)); return
		fi ;;
	esac
	if cmp -s "$a" "$b"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "DIFF $(basename "$f"): $job"
		diff "$a" "$b" | head -6
	fi
}

files=()
if [ $# -gt 0 ]; then
	files=("$@")
else
	add_gen_files threads "$D/gen"
	add_corpus_files threads
fi
# the comparison means nothing unless -j 2 really shares the frames out
if [ -x "$MKCAP" ] && [ $# -eq 0 ]; then
	line="$(WIRESIFT_THREADS=verbose "$WIRESIFT" -j 2 -r "$D/gen/basic.pcap" -q 2>&1 >/dev/null | head -1)"
	if [[ "$line" =~ ^wiresift:\ 2\ workers,\ frames:\ ([0-9]+)\ ([0-9]+)$ ]] &&
		[ "${BASH_REMATCH[1]}" -gt 0 ] && [ "${BASH_REMATCH[2]}" -gt 0 ]; then
		pass=$((pass + 1))
	else
		echo "threads: -j 2 did not run two busy workers: '$line'"; fail=$((fail + 1))
	fi
fi
# ... and the aggregate jobs really keep their tables on the workers
if [ -x "$MKCAP" ] && [ $# -eq 0 ]; then
	line="$(WIRESIFT_THREADS=verbose "$WIRESIFT" -j 2 -r "$D/gen/basic.pcap" -q -z conv,tcp 2>&1 >/dev/null | head -1)"
	if [[ "$line" == *"(aggregate: "* ]]; then
		pass=$((pass + 1))
	else
		echo "threads: -z conv,tcp -j 2 did not keep its tables on the workers: '$line'"; fail=$((fail + 1))
	fi
fi
# ... and on a mapped pcap no reader thread: each worker walks the file, makes its own text
if [ -x "$MKCAP" ] && [ $# -eq 0 ]; then
	for job in "-q -z conv,tcp|no reader" "-T fields -e ip.src|output made on the workers" \
		"|output made on the workers" "-Y tcp|output made on the workers" \
		"-T fields -e tcp.stream -e udp.stream|stream numbers by the writer" \
		"-Y tcp.len>0 -T fields -e tcp.stream|stream numbers by the writer" \
		"-T fields -E aggregator=7 -e tcp.stream|output made on the workers)" \
		"-Y tcp.stream==1 -T fields -e frame.number|output made on the workers" \
		"-Y tcp -w W.pcap -F pcap|records to write picked on the workers" \
		"-w W.pcap|records to write picked on the workers" \
		"-Y udp.stream==1 -w W.pcap|records to write picked on the workers"; do
		read -r -a args <<< "${job%|*}"
		for i in "${!args[@]}"; do [ "${args[$i]}" = W.pcap ] && args[$i]="$D/wv.pcap"; done
		line="$(WIRESIFT_THREADS=verbose "$WIRESIFT" -j 2 -r "$D/gen/basic.pcap" -n "${args[@]}" 2>&1 >/dev/null | head -1)"
		if [[ "$line" == *"${job#*|}"* ]]; then
			pass=$((pass + 1))
		else
			echo "threads: '${job%|*}' -j 2 did not take the walking workers' way: '$line'"
			fail=$((fail + 1))
		fi
	done
fi
# ... where worker 0 alone walks the file and hands the others their frames (engine/handoff.c),
# but when the workers wait for each other's stream numbers (aggregator=7) every one walks
if [ -x "$MKCAP" ] && [ $# -eq 0 ]; then
	for job in "-q -z conv,tcp|y" "-T fields -e ip.src|y" "-T fields -e tcp.stream|y" "|y" \
		"-w W.pcap|y" "-T fields -E aggregator=7 -e tcp.stream|n"; do
		read -r -a args <<< "${job%|*}"
		for i in "${!args[@]}"; do [ "${args[$i]}" = W.pcap ] && args[$i]="$D/wv.pcap"; done
		line="$(WIRESIFT_THREADS=verbose "$WIRESIFT" -j 2 -r "$D/gen/basic.pcap" -n "${args[@]}" 2>&1 >/dev/null | head -1)"
		if { [ "${job#*|}" = y ] && [[ "$line" == *"; worker 0 walks)" ]]; } ||
			{ [ "${job#*|}" = n ] && [[ "$line" == *" workers, frames: "* ]] && [[ "$line" != *"worker 0 walks"* ]]; }; then
			pass=$((pass + 1))
		else
			echo "threads: '${job%|*}' -j 2: worker 0 should$([ "${job#*|}" = n ] && echo " not") lead: '$line'"
			fail=$((fail + 1))
		fi
	done
fi
# ... and without -j, one job per CPU on them, but one when a filter names stream numbers
if [ -x "$MKCAP" ] && [ $# -eq 0 ] && [ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ]; then
	for job in "-T fields -e tcp.stream|workers" "|workers" "-w W.pcap|workers" \
		"-Y tcp.stream==1|" "-Y udp.stream==1 -w W.pcap|" "-Y tcp.stream==1 -T fields -e ip.src|"; do
		read -r -a args <<< "${job%|*}"
		for i in "${!args[@]}"; do [ "${args[$i]}" = W.pcap ] && args[$i]="$D/wv.pcap"; done
		line="$(WIRESIFT_THREADS=verbose "$WIRESIFT" -r "$D/gen/basic.pcap" -n "${args[@]}" 2>&1 >/dev/null | head -1)"
		if { [ -n "${job#*|}" ] && [[ "$line" == "wiresift: $(getconf _NPROCESSORS_ONLN) workers"* ]]; } ||
			{ [ -z "${job#*|}" ] && [ -z "$line" ]; }; then
			pass=$((pass + 1))
		else
			echo "threads: '${job%|*}' without -j: unexpected jobs: '$line'"
			fail=$((fail + 1))
		fi
	done
fi
k=0
for f in "${files[@]}"; do
	[ -f "$f" ] || continue
	for job in "${JOBS_ALL[@]}"; do runjob "$f" "$job"; done
	g="$CORPUS/../goldens/dev/$(basename "$f")"
	# every fourth capture gets the heavier jobs too (keeps the suite near two minutes)
	if [ $((k % 4)) = 0 ] || [ $# -gt 0 ] || [[ "$f" == "$D/gen/"* ]]; then
		for job in "${JOBS_SOME[@]}"; do
			[[ "$job" == *io,stat,1* ]] && [ -d "$g" ] && [ ! -f "$g/io_1s.txt" ] && continue
			runjob "$f" "$job"
		done
	fi
	k=$((k + 1))
done
echo "threads: $pass identical, $fail different"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
