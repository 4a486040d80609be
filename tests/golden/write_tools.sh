#!/usr/bin/env bash
# write_tools.sh -- capture writing against the real tools: `tshark -w`,
# editcap and mergecap 4.0.17 (write.cases).  Every case runs in a folder
# holding the inputs; the files it writes are compared with what the real
# tool wrote for the same command line (expected/write/NAME.txt):
#   bytes   cases: the SHA-256 of every output file (pcap is byte-exact);
#   summary cases: `-r FILE -n` of every output file, read back by wiresift,
#           against tshark's summary of the real tool's file (pcapng files
#           name the writing application, so their bytes differ);
#   fields  cases: like summary, with frame number, time, lengths, comments
#           interface and encapsulation of each record (what -a, -C, -L, -T
#           change);
#   stderr  cases: like bytes, with every stderr line (-V's report);
# plus the output file names, the exit code and the first stderr line
# (the "Running as user" banner dropped).
#   write_tools.sh           run the tests
#   write_tools.sh --regen   rewrite expected/write/ with the installed tools (4.0.17 only)
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.bash"
WIRESIFT="${WIRESIFT:-./wiresift}"; case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
MKCAP="${MKCAP:-build/rel/mkcap}"; case "$MKCAP" in /*) ;; *) MKCAP="$PWD/$MKCAP" ;; esac
EXP="$HERE/expected/write"
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
regen=0; [ "${1:-}" = --regen ] && regen=1

make_inputs() {
	local s
	mkdir -p "$D/in"
	for s in basic.pcap basic_ng.pcapng vlan.pcap sll.pcap tcp_analysis.pcap frag4.pcap pcap_be_nsec.pcap \
		snaplen.pcap pcapng_multi.pcapng; do
		"$MKCAP" "${s%%.*}" "$D/in/$s" || return 1
	done
	# 59 distinct frames, every third followed by an earlier one again (distance 1 to 7)
	local i k=0 hex
	frame() { eth ffffffffffff "02000000$(printf %04x "$1")" 0800 "45$(printf '%02x' $(($1 % 7)))$(printf '%080x' $1)"; }
	for ((i = 1; i < 60; i++)); do
		echo "$((1704067200 + k / 4)) $((k % 4 * 250000)) $(frame $i)"; k=$((k + 1))
		if ((i % 3 == 0)); then echo "$((1704067200 + k / 4)) $((k % 4 * 250000)) $(frame $((i - i % 8)))"; k=$((k + 1)); fi
	done | pcap_file "$D/in/dups.pcap" 1 0
	# every fourth record 3 s earlier than the one before it (for -S)
	for ((i = 1; i < 13; i++)); do
		echo "$((1704067200 + i - (i % 4 == 0 ? 3 : 0))) $((i * 1000)) $(frame $i)"
	done | pcap_file "$D/in/ooo.pcap" 1 0
	# one IP packet seen twice through different source MACs (for -I)
	for ((i = 1; i < 11; i++)); do
		echo "$((1704067200 + i / 2)) $((i * 100000 % 1000000)) $(eth ffffffffffff "0200000000$(printf %02x $i)" 0800 "4500$(printf '%040x' $((i / 2)))")"
	done | pcap_file "$D/in/macdup.pcap" 1 0
}

# run_case DIR TOOL ARGS...: the real tool (regen) or wiresift, in DIR
run_case() {
	local dir="$1" tool="$2"; shift 2
	local f
	mkdir -p "$dir"
	for f in "$D"/in/*; do ln -s "$f" "$dir/"; done
	local cmd
	if [ $regen = 1 ]; then cmd="$tool"; [ "$tool" = tshark ] && cmd=tshark_clean
	else cmd="\"$WIRESIFT\""; [ "$tool" != tshark ] && cmd="$cmd $tool"; fi
	(cd "$dir" && eval "$cmd $*" 2> "$dir.err"; echo "rc=$?" > "$dir.rc")
}

# report DIR CHECK READER: what is compared
report() {
	local dir="$1" check="$2" reader="$3" f
	local lines=1
	[ "$check" = stderr ] && lines=100000
	cat "$dir.rc"
	grep -v '^Running as user' "$dir.err" | head -$lines | sed 's/^/err: /'
	(cd "$dir" && find . -maxdepth 1 -type f | sed 's|^\./||' | LC_ALL=C sort) | while read -r f; do
		echo "== $f"
		case "$check" in
		bytes | stderr) sha256sum < "$dir/$f" | cut -d' ' -f1 ;;
		fields) $reader -r "$dir/$f" -T fields -e frame.number -e frame.time_epoch -e frame.len \
			-e frame.cap_len -e frame.comment -e frame.interface_id -e frame.encap_type 2>&1 | grep -v '^Running as user' ;;
		*) $reader -r "$dir/$f" -n 2>&1 | grep -v '^Running as user' ;;
		esac
	done
}

make_inputs || { echo "write_tools: cannot make inputs"; exit 1; }
mkdir -p "$EXP"
fail=0 n=0
while read -r name check tool args; do
	case "$name" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	run_case "$D/$name" "$tool" "$args"
	if [ $regen = 1 ]; then
		report "$D/$name" "$check" tshark_clean > "$EXP/$name.txt"
		echo "$tool $args" > "$EXP/$name.cmd"
	else
		report "$D/$name" "$check" "$WIRESIFT" > "$D/$name.out"
		if ! diff -u "$EXP/$name.txt" "$D/$name.out" > "$D/diff"; then
			echo "write_tools: $name differs from $tool:"; head -20 "$D/diff"; fail=1
		fi
	fi
done < "$HERE/write.cases"
[ $regen = 1 ] && { echo "write_tools: regenerated $n cases (TZ=$TZ)"; exit 0; }
[ $fail -eq 0 ] && echo "write_tools: ok ($n cases)"
exit $fail
