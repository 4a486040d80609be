#!/usr/bin/env bash
# lua.sh -- the Lua API scripts in tests/lua on a generated capture, against
# outputs recorded with tshark 4.0.17 (tests/golden/expected/lua/NAME.{txt,err,cmd}).
# GEN=1 re-records the expected files with the installed tshark (never by hand).
# The seed checks (../shared/lua) run too when that folder is present.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
. tests/golden/lib.bash
WIRESIFT="${WIRESIFT:-./wiresift}"; MKCAP="${MKCAP:-build/rel/mkcap}"
# some runs cd into a work folder: an absolute path keeps working there
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$ROOT/$WIRESIFT" ;; esac
EXP=tests/golden/expected/lua
W="$(mktemp -d)"; trap 'rm -rf "$W"' EXIT
"$MKCAP" basic "$W/basic.pcap" >/dev/null || exit 1
"$MKCAP" frag6 "$W/frag6.pcap" >/dev/null || exit 1
"$MKCAP" vlan "$W/vlan.pcap" >/dev/null || exit 1
"$MKCAP" frag4 "$W/frag4.pcap" >/dev/null || exit 1
L=tests/lua
fail=0; n=0
# case NAME ARGS... (run from ROOT; script paths are relative so error messages are stable)
case_() {
	local name="$1"; shift
	n=$((n + 1))
	if [ "${GEN:-0}" = 1 ]; then
		# GEN_ONLY="a b": re-record only these cases
		[ -n "${GEN_ONLY:-}" ] && [[ " $GEN_ONLY " != *" $name "* ]] && return
		tshark_clean "$@" > "$EXP/$name.txt" 2> "$W/err" || true
		grep -v '^Running as user' "$W/err" > "$EXP/$name.err"
		echo "tshark $*" | sed "s|$W/|CAPDIR/|g" > "$EXP/$name.cmd"
		return
	fi
	"$WIRESIFT" "$@" > "$W/out" 2> "$W/err"
	if ! cmp -s "$W/out" "$EXP/$name.txt"; then
		echo "FAIL $name (stdout)"; diff "$EXP/$name.txt" "$W/out" | head -10; fail=$((fail + 1)); return
	fi
	if ! cmp -s "$W/err" "$EXP/$name.err"; then
		echo "FAIL $name (stderr)"; diff "$EXP/$name.err" "$W/err" | head -10; fail=$((fail + 1)); return
	fi
	echo "ok   $name"
}
C="$W/basic.pcap"
case_ values -n -r "$C" -q -X lua_script:$L/values.lua
case_ tap_fields -n -r "$C" -q -X lua_script:$L/tap_fields.lua
case_ proto_summary -n -r "$C" -X lua_script:$L/proto_udp.lua
case_ proto_tree -n -r "$C" -c 4 -V -O myp -X lua_script:$L/proto_udp.lua
case_ proto_fields -n -r "$C" -X lua_script:$L/proto_udp.lua -T fields -e frame.number -e myp.id \
	-e myp.flags -e myp.qr -e myp.opcode -e myp.rd -e myp.qd -e myp.le -e myp.i8 -e myp.raw -e myp.txt
case_ errors_summary -n -r "$C" -c 5 -X lua_script:$L/errors.lua
case_ errors_tree -n -r "$C" -c 5 -V -O bad -X lua_script:$L/errors.lua
case_ globals_layout -n -r "$C" -q -X lua_script:$L/globals_layout.lua
case_ tap_counts_basic -n -r "$C" -q -X lua_script:$L/tap_counts.lua
case_ tap_counts_frag6 -n -r "$W/frag6.pcap" -q -X lua_script:$L/tap_counts.lua
case_ tap_counts_vlan -n -r "$W/vlan.pcap" -q -X lua_script:$L/tap_counts.lua
case_ tapdata_basic -n -r "$C" -q -X lua_script:$L/tapdata.lua
case_ tapdata_frag4 -n -r "$W/frag4.pcap" -q -X lua_script:$L/tapdata.lua
case_ conversation -n -r "$C" -X lua_script:$L/conversation.lua -T fields -e frame.number \
	-e _ws.col.Protocol -e convp.len -e _ws.col.Info
case_ protofield_args -n -r "$C" -q -X lua_script:$L/protofield_args.lua
case_ tree_items_V -n -r "$C" -c 2 -V -O tinfo -X lua_script:$L/tree_items.lua
case_ tree_items_Y -n -r "$C" -c 2 -Y tinfo.filtered==1 -X lua_script:$L/tree_items.lua
case_ all_fields -n -r "$C" -c 6 -q -X lua_script:$L/all_fields.lua
case_ tap_args -n -r "$C" -c 6 -q -X lua_script:$L/tap_args.lua
case_ api_gaps -n -r "$C" -c 4 -V -O apig -X lua_script:$L/api_gaps.lua
# script-defined file formats (file_rec.lua): the writer's output (-w -) is the reader's input
case_ file_write -n -r "$C" -X lua_script:$L/file_rec.lua -F wsrecw -w -
R="$EXP/file_write.txt"
RF=(-T fields -e frame.number -e frame.time_epoch -e frame.comment -e frame.encap_type
	-e frame.cap_len -e frame.len -e frame.interface_id -e eth.src -e ip.src -e _ws.col.Info)
case_ file_read -n -r "$R" -X lua_script:$L/file_rec.lua
case_ file_read_fields -n -r "$R" -X lua_script:$L/file_rec.lua "${RF[@]}"
case_ file_read_tree -n -r "$R" -c 1 -V -X lua_script:$L/file_rec.lua
case_ file_read_forced -n -r "$R" -c 3 -X lua_script:$L/file_rec.lua -X read_format:wsrec
# a Lua reader's frames written as pcapng keep time, encapsulation and comments
n=$((n + 1))
if [ "${GEN:-0}" = 1 ]; then
	tshark_clean -n -r "$R" -X lua_script:$L/file_rec.lua -F pcapng -w "$W/rt.pcapng" 2>/dev/null
	tshark_clean -n -r "$W/rt.pcapng" "${RF[@]}" > "$EXP/file_pcapng.txt" 2>/dev/null
	printf '%s\n' "tshark -n -r $R -X lua_script:$L/file_rec.lua -F pcapng -w CAPDIR/rt.pcapng" \
		"tshark -n -r CAPDIR/rt.pcapng ${RF[*]}" > "$EXP/file_pcapng.cmd"
else
	"$WIRESIFT" -n -r "$R" -X lua_script:$L/file_rec.lua -F pcapng -w "$W/rt.pcapng" 2>/dev/null
	"$WIRESIFT" -n -r "$W/rt.pcapng" "${RF[@]}" > "$W/out" 2>/dev/null
	if cmp -s "$W/out" "$EXP/file_pcapng.txt"; then echo "ok   file_pcapng"; else
		echo "FAIL file_pcapng"; diff "$EXP/file_pcapng.txt" "$W/out" | head -10; fail=$((fail + 1)); fi
fi
# a record the script cannot parse: tshark's messages, then wiresift's "(at byte offset N)" line
n=$((n + 1))
head -c 200 "$R" > "$W/bad.wsrec"; printf 'garbage here\n' >> "$W/bad.wsrec"
if [ "${GEN:-0}" = 1 ]; then
	(cd "$W" && tshark_clean -n -r bad.wsrec -X lua_script:"$ROOT/$L/file_rec.lua") > "$EXP/file_bad.txt" 2> "$W/err"
	echo "exit $?" >> "$EXP/file_bad.txt"
	grep -v '^Running as user' "$W/err" | sed "s|$ROOT/||g" > "$EXP/file_bad.err"
	echo "cd CAPDIR && tshark -n -r bad.wsrec -X lua_script:ROOT/$L/file_rec.lua (bad.wsrec: first 200 bytes of file_write.txt + 'garbage here')" > "$EXP/file_bad.cmd"
else
	(cd "$W" && "$WIRESIFT" -n -r bad.wsrec -X lua_script:"$ROOT/$L/file_rec.lua") > "$W/out" 2> "$W/err"
	echo "exit $?" >> "$W/out"
	sed "s|$ROOT/||g" "$W/err" > "$W/err2"
	if ! cmp -s "$W/out" "$EXP/file_bad.txt"; then
		echo "FAIL file_bad (stdout)"; diff "$EXP/file_bad.txt" "$W/out" | head; fail=$((fail + 1))
	elif ! grep -v '^(at byte offset 181)$' "$W/err2" | cmp -s - "$EXP/file_bad.err" ||
		! grep -qx '(at byte offset 181)' "$W/err2"; then
		echo "FAIL file_bad (stderr)"; diff "$EXP/file_bad.err" "$W/err2" | head; fail=$((fail + 1))
	else echo "ok   file_bad"; fi
fi
# a script's writer that raises: tshark's messages and exit code (run in CAPDIR: paths in messages)
n=$((n + 1))
if [ "${GEN:-0}" = 1 ]; then
	(cd "$W" && tshark_clean -r basic.pcap -X lua_script:"$ROOT/$L/file_errors.lua" -F ewrite -w e.out) > "$EXP/file_write_error.txt" 2> "$W/err"
	echo "exit $?" >> "$EXP/file_write_error.txt"
	grep -v '^Running as user' "$W/err" | sed "s|$ROOT/||g" > "$EXP/file_write_error.err"
	echo "cd CAPDIR && tshark -r basic.pcap -X lua_script:ROOT/$L/file_errors.lua -F ewrite -w e.out" > "$EXP/file_write_error.cmd"
else
	(cd "$W" && "$WIRESIFT" -r basic.pcap -X lua_script:"$ROOT/$L/file_errors.lua" -F ewrite -w e.out) > "$W/out" 2> "$W/err"
	echo "exit $?" >> "$W/out"
	sed "s|$ROOT/||g" "$W/err" > "$W/err2"
	if cmp -s "$W/out" "$EXP/file_write_error.txt" && cmp -s "$W/err2" "$EXP/file_write_error.err"; then
		echo "ok   file_write_error"; else echo "FAIL file_write_error"
		diff "$EXP/file_write_error.txt" "$W/out" | head; diff "$EXP/file_write_error.err" "$W/err2" | head
		fail=$((fail + 1)); fi
fi
# Dumper: what the script prints, then the two files it wrote (hex)
n=$((n + 1))
mkdir -p "$W/dump"
if [ "${GEN:-0}" = 1 ]; then
	tshark_clean -n -r "$C" -q -X lua_script:$L/dumper.lua -X lua_script1:"$W/dump" > "$EXP/dumper.txt" 2>/dev/null
	od -An -tx1 -v "$W/dump/dump.pcap" "$W/dump/dump_ns.pcap" >> "$EXP/dumper.txt"
	echo "tshark -n -r CAPDIR/basic.pcap -q -X lua_script:$L/dumper.lua -X lua_script1:CAPDIR/dump; od -An -tx1 -v CAPDIR/dump/dump.pcap CAPDIR/dump/dump_ns.pcap" > "$EXP/dumper.cmd"
else
	"$WIRESIFT" -n -r "$C" -q -X lua_script:$L/dumper.lua -X lua_script1:"$W/dump" > "$W/out" 2>/dev/null
	od -An -tx1 -v "$W/dump/dump.pcap" "$W/dump/dump_ns.pcap" >> "$W/out" 2>/dev/null
	if cmp -s "$W/out" "$EXP/dumper.txt"; then echo "ok   dumper"; else
		echo "FAIL dumper"; diff "$EXP/dumper.txt" "$W/out" | head -10; fail=$((fail + 1)); fi
fi
[ "${GEN:-0}" = 1 ] && { echo "recorded $n cases"; exit 0; }

# seed checks (../shared/lua, expected outputs recorded there with tshark 4.0.17)
S="$ROOT/../shared/lua/seeds"
if [ -d "$S" ]; then
	(cd "$S" && "$WIRESIFT" -r trade_synthetic.pcap -X lua_script:trade_17.lua) > "$W/o" 2>&1
	cmp -s "$W/o" "$S/expected/trade_17.summary.txt" && echo "ok   seed trade summary" || { echo "FAIL seed trade summary"; fail=$((fail + 1)); }
	(cd "$S" && "$WIRESIFT" -r trade_synthetic.pcap -X lua_script:trade_17.lua -V -O trade) > "$W/o" 2>&1
	cmp -s "$W/o" "$S/expected/trade_17.V.txt" && echo "ok   seed trade -V" || { echo "FAIL seed trade -V"; fail=$((fail + 1)); }
	# the README's fields and filter runs, with the script and with the native TRADE dissector
	TF=(-T fields -E occurrence=a -e frame.number -e trade.sender -e trade.length -e trade.receiver
		-e trade.keyword -e trade.ping_clock -e trade.rtt_time -e trade.module -e trade.conn_id
		-e trade.client_ip -e trade.username -e trade.greeting -e trade.module_count
		-e trade.client_count -e trade.status -Y trade)
	for how in "lua:-X lua_script:trade_17.lua" "native:"; do
		tag="${how%%:*}"; read -r -a X <<< "${how#*:}"
		(cd "$S" && "$WIRESIFT" -r trade_synthetic.pcap "${X[@]}" "${TF[@]}") > "$W/o" 2>&1
		cmp -s "$W/o" "$S/expected/trade_17.fields.txt" && echo "ok   seed trade fields ($tag)" || { echo "FAIL seed trade fields ($tag)"; fail=$((fail + 1)); }
		(cd "$S" && "$WIRESIFT" -r trade_synthetic.pcap "${X[@]}" -Y 'trade.keyword == "Login"' -T fields -e frame.number -e trade.username) > "$W/o" 2>&1
		cmp -s "$W/o" "$S/expected/trade_17.filter.txt" && echo "ok   seed trade filter ($tag)" || { echo "FAIL seed trade filter ($tag)"; fail=$((fail + 1)); }
	done
	(cd "$S" && "$WIRESIFT" -X lua_script:streamXpert.lua -r trade_synthetic.pcap -q) > "$W/o" 2>&1
	cmp -s "$W/o" "$S/expected/streamXpert.trade_synthetic.txt" && echo "ok   seed streamXpert" || { echo "FAIL seed streamXpert"; fail=$((fail + 1)); }
	n=$((n + 7))
fi
echo "lua: $((n - fail))/$n ok"
[ "$fail" -eq 0 ]
