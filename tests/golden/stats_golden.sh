#!/usr/bin/env bash
# stats_golden.sh -- -z statistics and capinfos on a small generated capture
# (stats_mkpcap.py) against tshark/capinfos 4.0.17 output.
#
# Cases are in stats_cases.txt; each expected file expected/stats_<name>.txt
# was made by the command in expected/stats_<name>.cmd (never edit them by
# hand: REGEN=1 remakes them with the tshark/capinfos on PATH, which must be
# 4.0.x).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
if ! command -v python3 > /dev/null; then
	echo "stats_golden: SKIP: python3 is needed to write the test capture"; exit 0
fi
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
python3 "$HERE/stats_mkpcap.py" "$T/stats_basic.pcap" || { echo "stats_golden: generator failed"; exit 1; }
pass=0; fail=0
while IFS='|' read -r name tool args; do
	case "$name" in '#'* | '') continue ;; esac
	read -r -a argv <<< "$args"
	exp="$HERE/expected/stats_$name.txt"
	if [ "$tool" = capinfos ]; then
		cmd=(capinfos "${argv[@]}" stats_basic.pcap); ours=("$WIRESIFT" capinfos "${argv[@]}" stats_basic.pcap)
	else
		cmd=(tshark -r stats_basic.pcap -n -q "${argv[@]}"); ours=("$WIRESIFT" -r stats_basic.pcap -n -q "${argv[@]}")
	fi
	if [ "${REGEN:-0}" = 1 ]; then
		(cd "$T" && "${cmd[@]}" 2> /dev/null) > "$exp"
		printf 'cd <dir of stats_basic.pcap written by stats_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC %s > stats_%s.txt\n# %s\n' \
			"${cmd[*]}" "$name" "$("${cmd[0]}" --version 2> /dev/null | head -1)" > "$HERE/expected/stats_$name.cmd"
	fi
	if (cd "$T" && "${ours[@]}" 2> "$T/err") > "$T/out" && cmp -s "$T/out" "$exp"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL stats $name: ${ours[*]}"
		diff "$exp" "$T/out" | head -20; head -5 "$T/err"
	fi
done < "$HERE/stats_cases.txt"
echo "stats_golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
