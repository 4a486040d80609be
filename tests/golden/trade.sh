#!/usr/bin/env bash
# trade.sh -- the native TRADE dissector (src/dissect/trade.c) on the `trade`
# capture of our generator, compared with what tshark 4.0.17 printed running
# the seed's Lua dissector (../shared/lua/seeds/trade_17.lua) on the same
# capture: the summary lines and every trade.* field.
#   trade.sh           run the tests (no tshark needed)
#   trade.sh --regen   rewrite expected/trade/ with the installed tshark and the
#                      Lua script (needs ../shared/lua); each expected file is
#                      preceded by the exact tshark command line
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"
MKCAP="${MKCAP:-build/rel/mkcap}"
[ -x "$MKCAP" ] || { echo "trade: SKIP: no generator at $MKCAP (make build/rel/mkcap)"; exit 0; }
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
for sc in trade trade_edge; do
	"$MKCAP" $sc "$D/$sc.pcap" || { echo "trade: $MKCAP $sc failed"; exit 1; }
done
LUA="$HERE/../../../shared/lua/seeds/trade_17.lua"
FIELDS=(-e frame.number -e trade.sender -e trade.length -e trade.receiver -e trade.keyword
	-e trade.ping_clock -e trade.rtt_time -e trade.module -e trade.conn_id -e trade.client_ip
	-e trade.username -e trade.greeting -e trade.module_count -e trade.client_count
	-e trade.status -e trade.data -e _ws.col.Protocol -e _ws.col.Info -e trade)
# capture|name|arguments after -r CAPTURE (trade_edge: PDUs the script stops on; its
# "Lua Error: path:line" expert items are the script's own, so no _ws.expert here)
CASES=("trade|summary|"
	"trade|fields|-T fields -E occurrence=a ${FIELDS[*]}"
	"trade_edge|edge_summary|"
	"trade_edge|edge_fields|-T fields -E occurrence=a ${FIELDS[*]}")
regen=0; [ "${1:-}" = --regen ] && regen=1
pass=0; fail=0
for c in "${CASES[@]}"; do
	cap="${c%%|*}"; c="${c#*|}"; name="${c%%|*}"; args="${c#*|}"
	exp="$HERE/expected/trade/$name.txt"
	if [ $regen = 1 ]; then
		[ -f "$LUA" ] || { echo "trade: --regen needs $LUA"; exit 1; }
		{
			echo "# tshark -X lua_script:../shared/lua/seeds/trade_17.lua -r \$D/$cap.pcap $args"
			# shellcheck disable=SC2086
			tshark_clean -X "lua_script:$LUA" -r "$D/$cap.pcap" $args 2>/dev/null
		} > "$exp"
		continue
	fi
	# shellcheck disable=SC2086
	if diff -u <(tail -n +2 "$exp") <("$WIRESIFT" -r "$D/$cap.pcap" $args 2>&1) > "$D/diff"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL trade/$name"; head -30 "$D/diff"
	fi
done
# -o trade.tcp.port (ours: the Lua script has no preference, so no tshark golden):
# moved away from 2107, nothing is TRADE any more
if [ $regen = 0 ]; then
	if "$WIRESIFT" -r "$D/trade.pcap" -o trade.tcp.port:9999 -T fields -e _ws.col.Protocol | grep -q TRADE; then
		fail=$((fail + 1)); echo "FAIL trade/port: still TRADE on 2107 after -o trade.tcp.port:9999"
	else
		pass=$((pass + 1))
	fi
fi
[ $regen = 1 ] && { echo "trade: expected/trade regenerated with $(tshark -v 2>/dev/null | head -1)"; exit 0; }
echo "trade: $pass passed, $fail failed"
[ $fail -eq 0 ]
