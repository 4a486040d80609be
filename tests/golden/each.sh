#!/usr/bin/env bash
# each.sh -- --each (cli/each.c): every file the -r arguments name is read as
# a capture of its own.  For several jobs, `--each -j 1|2|3 -r GLOB` must give
# byte for byte the stdout, the stderr and the highest exit code that a shell
# loop of `-r FILE` runs gives, over the generated captures (damaged and cut
# ones among them: their messages must come out after their own file's
# output, whichever child ends first).  Also: -w is refused, a missing
# temporary directory is reported, an empty directory is an error as without
# --each.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"; case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
MKCAP="${MKCAP:-build/rel/mkcap}"; case "$MKCAP" in /*) ;; *) MKCAP="$PWD/$MKCAP" ;; esac
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
[ -x "$MKCAP" ] || { echo "each: SKIP: no generator at $MKCAP"; exit 0; }
mkdir -p "$T/caps" "$T/empty"
"$MKCAP" all "$T/caps" > /dev/null || { echo "each: $MKCAP all failed"; exit 1; }
cd "$T/caps" || exit 1
JOBS=("-q -z conv,tcp" "-q -z expert" "-T fields -e frame.number -e tcp.stream -e ip.src -e tcp.analysis.flags"
	"" "-q -z io,stat,1" "-c 3 -V")
for job in "${JOBS[@]}"; do
	read -r -a args <<< "$job"
	rc_loop=0
	for f in *; do
		"$WIRESIFT" -r "$f" "${args[@]}" >> "$T/loop.out" 2>> "$T/loop.err"
		r=$?; [ $r -gt $rc_loop ] && rc_loop=$r
	done
	for j in 1 2 3; do
		"$WIRESIFT" --each -j $j -r '*' "${args[@]}" > "$T/each.out" 2> "$T/each.err"
		r=$?
		if cmp -s "$T/loop.out" "$T/each.out" && cmp -s "$T/loop.err" "$T/each.err" && [ $r = $rc_loop ]; then
			ok
		else
			bad "[$job] -j $j: rc $r (loop $rc_loop)"; diff "$T/loop.err" "$T/each.err" | head -4
		fi
	done
	rm -f "$T/loop.out" "$T/loop.err"
done
# the outputs are more than one file's: the comparison means something
[ "$(ls | wc -l)" -ge 3 ] && ok || bad "fewer than 3 generated captures"
"$WIRESIFT" --each -r '*' -w "$T/x.pcap" > /dev/null 2> "$T/err"; r=$?
if [ $r = 1 ] && grep -q -- '--each' "$T/err" && [ ! -e "$T/x.pcap" ]; then ok; else bad "-w not refused (rc $r)"; fi
TMPDIR="$T/nowhere" "$WIRESIFT" --each -r basic.pcap -q -z conv,tcp > /dev/null 2> "$T/err"; r=$?
if [ $r = 2 ] && grep -q 'no temporary file for basic.pcap' "$T/err"; then ok; else bad "missing TMPDIR (rc $r)"; fi
"$WIRESIFT" --each -r "$T/empty" -q -z conv,tcp > "$T/out" 2> "$T/err"; r=$?
if [ $r = 2 ] && [ ! -s "$T/out" ] && grep -q 'holds no capture files' "$T/err"; then ok; else bad "empty directory (rc $r)"; fi
echo "each: $pass passed, $fail failed"
[ $fail = 0 ]
