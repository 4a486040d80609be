#!/usr/bin/env bash
# eth_names.sh -- eth.*_resolved and eth.*.oui_resolved (the names tshark gives MAC
# addresses from Wireshark's manuf and wka files: vendors, group addresses of a
# vendor, whole and prefix well-known addresses, long names cut to 63 bytes) with
# and without -n, against tshark 4.0.17 on a capture written here with lib.bash.
# expected/eth_names_NAME.txt was made by the command in eth_names_NAME.cmd
# (REGEN=1 remakes them with the tshark on PATH).  Skips without the manuf file.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
. "$HERE/lib.bash"
[ -r /usr/share/wireshark/manuf ] || { echo "eth_names: SKIP: /usr/share/wireshark/manuf absent"; exit 0; }
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
# dst src pairs: Dell/Grandstream, broadcast, a Grandstream group address, IPv4 and
# IPv6 multicast (prefix entries), HSRP and VRRP (/40), MS-NLB (/16), Znyx (long
# name), a locally administered address nobody names
i=0
while read -r dst src; do
	i=$((i + 1))
	echo "1 $i $(eth "$dst" "$src" 0800 "$(ipv4 0a000001 0a000002 11 "$(udp 0035 0035 00)")")"
done > "$T/recs" <<'PAIRS'
00087400f19b 000b8201fc42
ffffffffffff 000874adf19b
010b8201fc42 00c095e019be
01005e0000fc 00000c07ac0a
333300000001 00005e000101
333300010002 021a11f0c83b
01005e7ffffa 020000000001
PAIRS
pcap_file "$T/names.pcap" 1 0 < "$T/recs"
F=(-T fields -e eth.dst -e eth.src -e eth.dst_resolved -e eth.src_resolved -e eth.dst.oui_resolved
	-e eth.src.oui_resolved -e eth.addr_resolved -e eth.addr.oui_resolved)
pass=0; fail=0
for name in resolved numeric; do
	args=("${F[@]}"); [ "$name" = numeric ] && args=(-n "${F[@]}")
	exp="$HERE/expected/eth_names_$name.txt"
	if [ "${REGEN:-0}" = 1 ]; then
		(cd "$T" && tshark_clean -r names.pcap "${args[@]}" 2> /dev/null) > "$exp"
		printf 'cd <dir of names.pcap written by eth_names.sh> && tshark -r names.pcap %s > eth_names_%s.txt\n# %s\n' \
			"${args[*]}" "$name" "$(tshark --version 2> /dev/null | head -1)" > "$HERE/expected/eth_names_$name.cmd"
	fi
	if (cd "$T" && "$WIRESIFT" -r names.pcap "${args[@]}") > "$T/out" 2>&1 && cmp -s "$T/out" "$exp"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL eth_names $name"; diff "$exp" "$T/out" | head -10
	fi
done
echo "eth_names: $pass passed, $fail failed"
[ "$fail" = 0 ]
