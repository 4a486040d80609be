#!/usr/bin/env bash
# pinforec.sh -- the analysis tables read each frame's values from the
# dissectors' record (pk->pir), not from stored fields.  With
# WIRESIFT_PINFO_CHECK=1 both routes run for every frame and wiresift aborts
# where they differ: `analyze` (every value, protocols, checksums) and
# `streams` (the lean set) over lean_mkpcap.py's and mk_esp.py's captures
# and every capture of ../shared/corpus/dev (skipped when absent),
# whose tunnels, ICMP quotes, ESP and cut headers are the corner cases.  A
# capture wiresift cannot read to the end (exit 3) still counts: the frames
# before are checked.  The same command without the check must print the
# same tables: a value recorded only where a field is wanted would differ.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
. "$HERE/lib.bash"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
files=()
add_lean_files pinforec "$T"
if command -v python3 > /dev/null; then
	python3 "$HERE/../analyses/mk_esp.py" "$T/esp.pcap" && files+=("$T/esp.pcap")
else
	echo "pinforec: SKIP generated captures: python3 is needed to write them"
fi
add_corpus_files pinforec
pass=0; fail=0
for f in "${files[@]}"; do
	[ -f "$f" ] || continue
	for cmd in analyze streams; do
		# a subshell: its stderr also takes the shell's note on an abort
		(WIRESIFT_PINFO_CHECK=1 "$WIRESIFT" "$cmd" -j 1 -r "$f" > "$T/chk") 2> "$T/err"
		rc=$?
		# the check stores every field, which can wake dissector code a plain run
		# skips: the plain run (record only) must print the same
		"$WIRESIFT" "$cmd" -j 1 -r "$f" > "$T/out" 2> /dev/null
		if [ "$rc" -le 3 ] && ! grep -q "pinfo check" "$T/err" && cmp -s "$T/chk" "$T/out"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL pinforec $cmd $(basename "$f") (exit $rc)"
			head -3 "$T/err"
		fi
	done
done
echo "pinforec: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
