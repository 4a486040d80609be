#!/usr/bin/env bash
# expert_golden.sh -- -z expert, -z io,phs and the summary lines on a capture
# written by expert_mkpcap.py (expert items of TCP, HTTP, ICMP and UDP)
# against tshark 4.0.17.
#
# Each expected/expert_<name>.txt was made by the command in
# expected/expert_<name>.cmd (never edit them by hand: REGEN=1 remakes them
# with the tshark on PATH, which must be 4.0.x).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
if ! command -v python3 > /dev/null; then
	echo "expert_golden: SKIP: python3 is needed to write the test capture"; exit 0
fi
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
python3 "$HERE/expert_mkpcap.py" "$T/expert.pcap" || { echo "expert_golden: generator failed"; exit 1; }
pass=0; fail=0
while IFS='|' read -r name args; do
	case "$name" in '#'* | '') continue ;; esac
	read -r -a argv <<< "$args"
	exp="$HERE/expected/expert_$name.txt"
	if [ "${REGEN:-0}" = 1 ]; then
		(cd "$T" && tshark -r expert.pcap -n "${argv[@]}" 2> /dev/null) > "$exp"
		printf 'cd <dir of expert.pcap written by expert_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r expert.pcap -n %s > expert_%s.txt\n# %s\n' \
			"${argv[*]}" "$name" "$(tshark --version 2> /dev/null | head -1)" > "$HERE/expected/expert_$name.cmd"
	fi
	if (cd "$T" && "$WIRESIFT" -r expert.pcap -n "${argv[@]}" 2> "$T/err") > "$T/out" && cmp -s "$T/out" "$exp"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL expert $name: wiresift -r expert.pcap -n ${argv[*]}"
		diff "$exp" "$T/out" | head -20; head -5 "$T/err"
	fi
done <<'CASES'
all|-q -z expert
warn|-q -z expert,warn
note_filter|-q -z expert,note,tcp.srcport==80
phs|-q -z io,phs
summary|
CASES
echo "expert_golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
