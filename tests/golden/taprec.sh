#!/usr/bin/env bash
# taprec.sh -- conv/endpoints tcp|udp read their records from the packet
# (pk->l4rec, filled by tcp.c and udp.c), not from stored fields.  With
# WIRESIFT_TAPREC_CHECK=1 both are made for every frame and wiresift aborts
# where they differ: run over lean_mkpcap.py's captures (port reuse, a VNC
# renumbering, FTP) and every capture of ../shared/corpus/dev (skipped when
# absent), whose tunnels, ICMP quotes and cut headers are the records' corner
# cases.  A capture wiresift cannot read to the end (exit 2) still counts: the
# frames before are checked.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
. "$HERE/lib.bash"
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
files=()
add_lean_files taprec "$T"
add_corpus_files taprec
pass=0; fail=0
for f in "${files[@]}"; do
	[ -f "$f" ] || continue
	# a subshell: its stderr also takes the shell's note on an abort
	(WIRESIFT_TAPREC_CHECK=1 "$WIRESIFT" -r "$f" -n -q -z conv,tcp -z conv,udp -z endpoints,tcp \
		-z endpoints,udp > "$T/chk") 2> "$T/err"
	rc=$?
	# the check stores fields a plain run does not: the plain run must print the same tables
	"$WIRESIFT" -r "$f" -n -q -z conv,tcp -z conv,udp -z endpoints,tcp -z endpoints,udp \
		> "$T/out" 2> /dev/null
	if [ "$rc" -le 2 ] && ! grep -q "taprec check" "$T/err" && cmp -s "$T/chk" "$T/out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL taprec $(basename "$f") (exit $rc)"; head -3 "$T/err"
	fi
done
echo "taprec: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
