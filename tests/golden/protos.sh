#!/usr/bin/env bash
# protos.sh -- EIGRP, CDP, RSVP, IGMP v1/v2/v3 and STP/RSTP against tshark 4.0.17
# on a capture written by tests/gen/protos_mkpcap.py: summary lines, fields,
# filters, -V trees and -z io,phs.
#
# Each expected/protos_<name>.txt was made by the command in
# expected/protos_<name>.cmd (never edit them by hand: REGEN=1 remakes them
# with the tshark on PATH, which must be 4.0.x).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
if ! command -v python3 > /dev/null; then
	echo "protos: SKIP: python3 is needed to write the test capture"; exit 0
fi
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
python3 "$ROOT/tests/gen/protos_mkpcap.py" "$T/protos.pcap" || { echo "protos: generator failed"; exit 1; }
FIELDS="-e frame.protocols -e _ws.col.Protocol -e _ws.col.Info -e eigrp.opcode -e eigrp.flags -e eigrp.ack"
FIELDS="$FIELDS -e eigrp.as -e eigrp.par.k1 -e eigrp.par.holdtime -e eigrp.release_version -e eigrp.tlv_version"
FIELDS="$FIELDS -e eigrp.ipv4.destination -e eigrp.ipv4.prefixlen -e eigrp.old_metric.delay -e eigrp.old_metric.mtu"
FIELDS="$FIELDS -e eigrp.checksum.status -e cdp.deviceid -e cdp.portid -e cdp.platform -e cdp.capabilities"
FIELDS="$FIELDS -e cdp.software_version -e cdp.native_vlan -e cdp.duplex -e cdp.checksum.status -e cdp.tlv.type"
FIELDS="$FIELDS -e rsvp.msg -e rsvp.session.ip -e rsvp.session.port -e rsvp.hop.neighbor_address_ipv4"
FIELDS="$FIELDS -e rsvp.refresh_interval -e rsvp.sender.ip -e rsvp.style.style -e rsvp.object -e rsvp.length"
FIELDS="$FIELDS -e igmp.version -e igmp.type -e igmp.max_resp -e igmp.maddr -e igmp.saddr -e igmp.record_type"
FIELDS="$FIELDS -e igmp.num_src -e igmp.qrv -e igmp.s -e igmp.checksum.status -e stp.version -e stp.type -e stp.flags"
FIELDS="$FIELDS -e stp.flags.port_role -e stp.flags.tc -e stp.root.prio -e stp.root.hw -e stp.root.cost"
FIELDS="$FIELDS -e stp.bridge.ext -e stp.bridge.hw -e stp.port -e stp.msg_age -e stp.hello -e stp.forward"
pass=0; fail=0
while IFS='|' read -r name args; do
	case "$name" in '#'* | '') continue ;; esac
	args="${args//@FIELDS@/$FIELDS}"
	eval "argv=($args)"
	exp="$HERE/expected/protos_$name.txt"
	if [ "${REGEN:-0}" = 1 ]; then
		(cd "$T" && WIRESHARK_CONFIG_DIR="$(mktemp -d)" tshark -r protos.pcap -n "${argv[@]}" 2> /dev/null) > "$exp"
		printf 'cd <dir of protos.pcap written by tests/gen/protos_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC tshark -r protos.pcap -n %s > protos_%s.txt\n# %s\n' \
			"${argv[*]}" "$name" "$(tshark --version 2> /dev/null | head -1)" > "$HERE/expected/protos_$name.cmd"
	fi
	if (cd "$T" && "$WIRESIFT" -r protos.pcap -n "${argv[@]}" 2> "$T/err") > "$T/out" && cmp -s "$T/out" "$exp"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL protos $name: wiresift -r protos.pcap -n ${argv[*]}"
		diff "$exp" "$T/out" | head -20; head -5 "$T/err"
	fi
done <<'CASES'
summary|
fields|-T fields -E header=y @FIELDS@
tree|-V -O eigrp,cdp,igmp,stp
rsvp_tree|-V -O rsvp -Y rsvp
phs|-q -z io,phs
filter_eigrp|-Y 'eigrp.opcode == 1 && eigrp.flags.eot' -T fields -e frame.number -e eigrp.seq
filter_cdp|-Y 'cdp.deviceid contains "rtr" && cdp.capabilities.switch' -T fields -e frame.number -e cdp.platform
filter_rsvp|-Y 'rsvp.resv || rsvp.style' -T fields -e frame.number -e rsvp.msg
filter_igmp|-Y 'igmp.version == 3 && igmp.record_type == 5' -T fields -e frame.number -e igmp.num_grp_recs
filter_stp|-Y 'stp.flags.tc == 1 && stp.version == 2' -T fields -e frame.number -e stp.port
CASES
echo "protos: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
