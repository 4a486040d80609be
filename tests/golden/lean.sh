#!/usr/bin/env bash
# lean.sh -- the lean statistics mode (dissect/tcp_lean.h: TCP's application
# layer skipped when no output can see it) must print what the full dissection
# prints.
#  1. Against tshark 4.0.17 on lean_mkpcap.py's captures, where a conversation
#     hook (dissect.h) changes tcp.stream: the VNC heuristic renumbers on a
#     banner (lean.pcap), and an FTP PASV expectation keeps a banner on the
#     data connection from VNC (lean_ftp.pcap).  Skipping either hook's
#     payloads changes the tables.  lean_reuse.pcap: port reuse, which the
#     lean jobs' stream-only tracking (analysis/tcp_stream.c) must number as
#     the full analysis does.  lean_vnctail.pcap: "RFB " where the heuristic
#     sees no 12-byte banner (the VNC hook reads a payload's last 12 bytes).  Expected files expected/lean_<name>.txt were
#     made by the command in expected/lean_<name>.cmd (REGEN=1 remakes them with
#     the tshark on PATH, which must be 4.0.x).
#  2. Lean against full (WIRESIFT_NO_LEAN=1) on every capture of
#     ../shared/corpus/dev, byte for byte (skipped when it is absent).
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WIRESIFT="${WIRESIFT:-./wiresift}"
case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
CORPUS="$HERE/../../../shared/corpus/dev"
if ! command -v python3 > /dev/null; then
	echo "lean: SKIP: python3 is needed to write the test captures"; exit 0
fi
export LC_ALL=C.UTF-8 TZ=UTC
unset WIRESIFT_NO_LEAN
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
python3 "$HERE/lean_mkpcap.py" "$T/lean.pcap" vnc &&
	python3 "$HERE/lean_mkpcap.py" "$T/lean_ftp.pcap" ftp &&
	python3 "$HERE/lean_mkpcap.py" "$T/lean_reuse.pcap" reuse &&
	python3 "$HERE/lean_mkpcap.py" "$T/lean_vnctail.pcap" vnctail || { echo "lean: generator failed"; exit 1; }
pass=0; fail=0
check() { # check CAPTURE NAME ARGS...
	local cap="$1" name="$2"; shift 2
	local exp="$HERE/expected/lean_$name.txt" cmd=(tshark -r "$cap" -n -q "$@")
	if [ "${REGEN:-0}" = 1 ]; then
		(cd "$T" && "${cmd[@]}" 2> /dev/null) > "$exp"
		printf 'cd <dir of %s written by lean_mkpcap.py> && LC_ALL=C.UTF-8 TZ=UTC %s > lean_%s.txt\n# %s\n' \
			"$cap" "${cmd[*]}" "$name" "$(tshark --version 2> /dev/null | head -1)" > "$HERE/expected/lean_$name.cmd"
	fi
	for j in 1 2; do
		if (cd "$T" && "$WIRESIFT" -j "$j" -r "$cap" -n -q "$@" 2> "$T/err") > "$T/out" &&
			cmp -s "$T/out" "$exp"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL lean $name -j $j: $*"
			diff "$exp" "$T/out" | head -20; head -5 "$T/err"
		fi
	done
}
F5=(-T fields -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e tcp.stream -e udp.stream -e frame.len)
check lean.pcap conv_tcp -z conv,tcp
check lean.pcap tables -z conv,tcp -z endpoints,tcp -z conv,ip -z io,stat,1
# not lean (expert sees the app layer): the same streams
check lean.pcap conv_expert -z conv,tcp -z expert
check lean.pcap fields "${F5[@]}"
check lean_ftp.pcap ftp_conv_tcp -z conv,tcp
check lean_ftp.pcap ftp_fields "${F5[@]}"
check lean_reuse.pcap reuse_tables -z conv,tcp -z endpoints,tcp -z io,stat,1
check lean_reuse.pcap reuse_fields "${F5[@]}"
check lean_vnctail.pcap vnctail_conv_tcp -z conv,tcp
check lean_vnctail.pcap vnctail_fields "${F5[@]}"

# lean against full: the tshark jobs above, and the analyses that skip TCP's hand-off
same() { # same CAPTURE LABEL ARGS...
	local cap="$1" label="$2"; shift 2
	"$WIRESIFT" "$@" > "$T/lean" 2>&1
	WIRESIFT_NO_LEAN=1 "$WIRESIFT" "$@" > "$T/full" 2>&1
	if cmp -s "$T/lean" "$T/full"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "FAIL lean/full $label: $(basename "$cap")"
		diff "$T/full" "$T/lean" | head -10
	fi
}
files=("$T/lean.pcap" "$T/lean_ftp.pcap" "$T/lean_reuse.pcap" "$T/lean_vnctail.pcap")
if [ -d "$CORPUS" ]; then
	files+=("$CORPUS"/*)
else
	echo "lean: SKIP corpus comparison: ../shared/corpus not present"
fi
for f in "${files[@]}"; do
	[ -f "$f" ] || continue
	same "$f" tables -r "$f" -n -q -z conv,tcp -z endpoints,tcp -z conv,udp -z endpoints,ip
	# io,stat,1 where tshark's goldens have it (some captures span years of seconds)
	g="$CORPUS/../goldens/dev/$(basename "$f")"
	[ -d "$g" ] && [ ! -f "$g/io_1s.txt" ] || same "$f" io -r "$f" -n -q -z io,stat,1
	same "$f" fields -r "$f" -n "${F5[@]}"
	# nothing reads tcp.stream: TCP tracks no conversation (dissect/tcp_lean.h)
	same "$f" untracked -r "$f" -n -q -z endpoints,tcp -z endpoints,udp -z conv,ip
	same "$f" untracked_fields -r "$f" -n -T fields -e frame.number -e ip.src -e tcp.srcport \
		-e tcp.dstport -e udp.srcport -e frame.len
	same "$f" streams streams -r "$f" --format tsv
	same "$f" intervals intervals -r "$f" --format tsv
done
echo "lean: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
