#!/usr/bin/env bash
# records.sh -- `-q -z io,stat` with only plain frame/byte columns is read from the capture
# records alone, no frame dissected (cli/records.c).  Its stdout, stderr and exit code must be
# the dissecting loop's (WIRESIFT_RECORDS=off forces that one) byte for byte: on the generator's
# captures ($MKCAP all), on hand-made ones (time going backwards, a frame with no timestamp,
# several files, gzip/zstd, stdin) and on every dev capture in ../shared/corpus (skipped,
# saying so, when absent).  WIRESIFT_THREADS=verbose tells which path ran: the jobs below must
# take it, the ones that need dissection (-Y, filters, fields, -w, -2, other -z) must not.
#   records.sh [FILE...]   only these captures
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
MKCAP="${MKCAP:-build/rel/mkcap}"
CORPUS="$HERE/../../../shared/corpus/dev"
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
PATHLINE="wiresift: records only:"

# the arguments after `-r FILE`; all of them take the records path
JOBS=(
	"-n -q -z io,stat,1"
	"-n -q -z io,stat,0"
	"-q -z io,stat,0.5,FRAMES,BYTES"
	"-n -q -z io,stat,1, -z io,stat,0.25"
	"-n -q -z io,stat,2 -z io,stat,0,FRAMES"
	"-n -q -z io,stat,1,FRAMES"
	"-n -q -c 5 -z io,stat,1"
	"-n -q -c 1 -z io,stat,0"
	"-n -q -j 2 -z io,stat,0.1"
	"-n -q -z io,stat,0.01"
)
# on the corpus: fewer jobs, the suite's time is shared
JOBS_CORPUS=("${JOBS[0]}" "${JOBS[1]}" "${JOBS[4]}" "${JOBS[6]}" "${JOBS[9]}")
# these need dissection (or print per frame): they must keep the dissecting loop
JOBS_NOT=(
	"-n -q -Y tcp -z io,stat,1"
	"-n -q -z io,stat,1,tcp"
	"-n -q -z io,stat,1,COUNT(frame)frame"
	"-n -q -z io,stat,1 -z conv,ip"
	"-n -z io,stat,1"
	"-n -q -2 -R ip -z io,stat,1"
	"-n -q -w W.pcap -z io,stat,1"
	"-n -q -T fields -e frame.number -z io,stat,1"
)

pass=0; fail=0
# bounded: a capture spanning decades at a small interval has billions of rows
run() { # OUT ENVVALUE ARGS... -> OUT holds stdout (at most 4 MB), stderr and the exit code
	local out="$1" env="$2"; shift 2
	WIRESIFT_RECORDS="$env" timeout 60 "$WIRESIFT" "$@" 2> "$out.err" | head -c 4000000 > "$out"
	echo "rc=${PIPESTATUS[0]}" >> "$out"
	cat "$out.err" >> "$out"
}
compare() { # NAME ARGS...: records path against the dissecting loop
	local name="$1"; shift
	run "$D/a" on "$@"
	run "$D/b" off "$@"
	if cmp -s "$D/a" "$D/b"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "DIFF $name: $*"
		diff "$D/a" "$D/b" | head -6
	fi
}
path_is() { # WANT(1|0) ARGS...: does the run take the records path?
	local want="$1" got=0; shift
	(cd "$D" && WIRESIFT_THREADS=verbose timeout 60 "$WIRESIFT" "$@" 2>&1 > /dev/null) |
		grep -q "^$PATHLINE" && got=1
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "PATH $*: records path taken $got, wanted $want"
	fi
}
jobs_on() { # NAME INPUT-ARGS...: every job ($JOBS_ON: corpus for JOBS_CORPUS) on this input
	local name="$1" job; shift
	local -a jobs=("${JOBS[@]}")
	[ "${JOBS_ON:-}" = corpus ] && jobs=("${JOBS_CORPUS[@]}")
	for job in "${jobs[@]}"; do
		read -r -a args <<< "$job"
		compare "$name" "$@" "${args[@]}"
	done
}

files=()
if [ $# -gt 0 ]; then
	files=("$@")
else
	add_gen_files records "$D/gen"
	# time going backwards, a jump, an equal time, a record with caplen < len
	pcap_file "$D/back.pcap" 1 0 <<- EOF
		100 900000 $(eth ffffffffffff 020000000001 0800 00)
		100 100000 $(eth ffffffffffff 020000000001 0800 0000)
		103 500000 $(eth ffffffffffff 020000000001 0800 000000) 1500
		99 0 $(eth ffffffffffff 020000000001 0800 00)
		103 500000 $(eth ffffffffffff 020000000001 0800 00000000)
		107 999999 $(eth ffffffffffff 020000000001 0800 00)
	EOF
	pcap_file "$D/ns.pcap" 1 1 <<- EOF
		5 999999999 $(eth ffffffffffff 020000000001 0800 00)
		6 000000500 $(eth ffffffffffff 020000000001 0800 00)
		6 000000499 $(eth ffffffffffff 020000000001 0800 00)
	EOF
	# a zero timestamp before 2012's: decades of intervals
	pcap_file "$D/zero.pcap" 1 0 <<- EOF
		0 0 $(eth ffffffffffff 020000000001 0800 00)
		1340954905 0 $(eth ffffffffffff 020000000001 0800 00)
		1340954906 0 $(eth ffffffffffff 020000000001 0800 00)
	EOF
	files+=("$D/back.pcap" "$D/ns.pcap" "$D/zero.pcap")
	add_corpus_files records
fi
for f in "${files[@]}"; do
	case "$f" in "$CORPUS"/*) JOBS_ON=corpus ;; *) JOBS_ON=all ;; esac
	jobs_on "$(basename "$f")" -r "$f"
done
JOBS_ON=all

if [ $# -eq 0 ] && [ -x "$MKCAP" ]; then
	g="$D/gen/basic.pcap" ng="$D/gen/pcapng_multi.pcapng"
	# several files read as one, stdin, compressed input
	jobs_on "two files" -r "$g" -r "$D/back.pcap"
	for job in "${JOBS[@]}"; do
		read -r -a args <<< "$job"
		run "$D/a" on -r - "${args[@]}" < "$ng"
		run "$D/b" off -r - "${args[@]}" < "$ng"
		if cmp -s "$D/a" "$D/b"; then pass=$((pass + 1)); else
			fail=$((fail + 1)); echo "DIFF stdin: $job"; diff "$D/a" "$D/b" | head -6
		fi
	done
	gzip -c "$ng" > "$D/ng.pcapng.gz" && jobs_on "gzip" -r "$D/ng.pcapng.gz"
	command -v zstd > /dev/null && zstd -q -c "$g" > "$D/g.pcap.zst" &&
		jobs_on "zstd" -r "$D/g.pcap.zst"
	# which path ran
	for job in "${JOBS[@]}"; do
		read -r -a args <<< "$job"
		path_is 1 -r "$g" "${args[@]}"
		path_is 1 -r "$ng" "${args[@]}"
	done
	for job in "${JOBS_NOT[@]}"; do
		read -r -a args <<< "$job"
		path_is 0 -r "$g" "${args[@]}"
	done
	path_is 0 -r "$g" -n -q -z io,stat,1 -X lua_script:/dev/null
	# too many intervals to print: refused with the limit named, exit 2, the other table printed
	run "$D/a" on -r "$D/zero.pcap" -q -z io,stat,0.01 -z io,stat,0
	if grep -q "^wiresift: io,stat: 134095490600 intervals .* at most 10000000 are printed" "$D/a" &&
		grep -q "^rc=2$" "$D/a" && grep -q "^| Interval: 1340954906.0 secs" "$D/a"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "LIMIT: io,stat,0.01 over decades not refused as expected"; head -5 "$D/a"
	fi
fi
echo "records: $pass same, $fail differ"
[ "$fail" -eq 0 ]
