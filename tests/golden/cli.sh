#!/usr/bin/env bash
# cli.sh -- command-line fidelity: every case of cli.cases is run with
# $WIRESIFT and compared with what tshark 4.0.17 printed for the same command
# (expected/cli/NAME.txt: stdout, the first stderr line, the exit code; the
# "Running as user root" banner dropped).  Only the first stderr line is
# compared because wiresift does not reproduce tshark's usage text.
#   cli.sh           run the tests
#   cli.sh --regen   rewrite expected/cli/ with the installed tshark (4.0.17 only)
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT

make_caps() {
	local e=020000000002 s=020000000001
	{ # UDP over IPv4; the third frame goes back in time (negative deltas)
		echo "1700000000 500000 $(eth $e $s 0800 "$(ipv4 0a000001 0a000002 11 "$(udp 04d2 270f 61626364)")")"
		echo "1700000001 250001 $(eth $s $e 0800 "$(ipv4 0a000002 0a000001 11 "$(udp 270f 04d2 6566)")")"
		echo "1699999999 999999 $(eth $e $s 0800 "$(ipv4 c0a80164 0a0000fe 11 "$(udp 0035 0400 00)")")"
		echo "1700000100 000000 $(eth $e $s 0800 "$(ipv4 0a000001 0a000002 11 "$(udp 04d2 270f 61626364)")")" 1514
	} | pcap_file "$D/basic.pcap" 1 0
	{
		echo "1700000000 123456789 $(eth $e $s 0800 "$(ipv4 0a000001 0a000002 11 "$(udp 04d2 270f 61)")")"
		echo "1700000000 123456790 $(eth $e $s 0800 "$(ipv4 0a000001 0a000002 11 "$(udp 04d2 270f 61)")")"
		echo "1700000002 000000001 $(eth $e $s 0800 "$(ipv4 0a000001 0a000002 11 "$(udp 04d2 270f 61)")")"
	} | pcap_file "$D/nsec.pcap" 1 1
	{ # an EtherType nobody dissects: addresses come from Ethernet, payload is data
		echo "1700000000 000001 $(eth ffffffffffff 00000c123456 88b5 0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627282930)"
	} | pcap_file "$D/noip.pcap" 1 0
	local a6=20010db8000000000000000000000001 b6=fe800000000000000202b3fffe1e8329 c6=00000000000000000000000000000001
	{
		echo "1700000000 000000 $(eth $e $s 86dd "6000000000081140$a6$b6$(udp 04d2 270f "")")"
		echo "1700000000 000010 $(eth $e $s 86dd "6000000000081140$c6$c6$(udp 04d2 270f "")")"
	} | pcap_file "$D/ipv6.pcap" 1 0
}

make_caps
regen=0; [ "${1:-}" = --regen ] && regen=1
pass=0; fail=0
while IFS='|' read -r name filter args; do
	case "$name" in '' | '#'*) continue ;; esac
	eval "set -- $args"
	exp="$HERE/expected/cli/$name.txt"
	if [ $regen = 1 ]; then
		WIRESHARK_CONFIG_DIR="$(mktemp -d)" run_one tshark "$filter" "$@" > "$exp"
		continue
	fi
	if diff -u "$exp" <(run_one "$WIRESIFT" "$filter" "$@") > "$D/diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL $name"; head -20 "$D/diff"
	fi
done < "$HERE/cli.cases"
[ $regen = 1 ] && { echo "cli: expected/cli regenerated with $(tshark -v 2>/dev/null | head -1)"; exit 0; }
echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
