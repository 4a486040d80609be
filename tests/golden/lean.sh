#!/usr/bin/env bash
# lean.sh -- the lean statistics mode (dissect/tcp_lean.c: TCP's application
# layer skipped for -q tables of frames, addresses and streams) against tshark
# 4.0.17 on lean_mkpcap.py's capture, where the VNC heuristic renumbers
# tcp.stream: the banner must still reach it.  Expected files
# expected/lean_<name>.txt were made by the command in expected/lean_<name>.cmd
# (REGEN=1 remakes them with the tshark on PATH, which must be 4.0.x).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
if ! command -v python3 > /dev/null; then
	echo "lean: SKIP: python3 is needed to write the test capture"; exit 0
fi
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
python3 "$HERE/lean_mkpcap.py" "$T/lean.pcap" || { echo "lean: generator failed"; exit 1; }
pass=0; fail=0
check() { # check NAME ARGS...
	local name="$1"; shift
	local exp="$HERE/expected/lean_$name.txt" cmd=(tshark -r lean.pcap -n -q "$@")
	if [ "${REGEN:-0}" = 1 ]; then
		(cd "$T" && "${cmd[@]}" 2> /dev/null) > "$exp"
		printf 'cd <dir of lean.pcap written by lean_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC %s > lean_%s.txt\n# %s\n' \
			"${cmd[*]}" "$name" "$(tshark --version 2> /dev/null | head -1)" > "$HERE/expected/lean_$name.cmd"
	fi
	for j in 1 2; do
		if (cd "$T" && "$WIRESIFT" -j "$j" -r lean.pcap -n -q "$@" 2> "$T/err") > "$T/out" &&
			cmp -s "$T/out" "$exp"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL lean $name -j $j: $*"
			diff "$exp" "$T/out" | head -20; head -5 "$T/err"
		fi
	done
}
check conv_tcp -z conv,tcp
check tables -z conv,tcp -z endpoints,tcp -z conv,ip -z io,stat,1
# not lean (expert sees the app layer): the same streams
check conv_expert -z conv,tcp -z expert
check fields -T fields -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e tcp.stream -e udp.stream -e frame.len
echo "lean: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
