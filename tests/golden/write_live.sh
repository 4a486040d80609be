#!/usr/bin/env bash
# write_live.sh -- live capture on the loopback interface: -i lo -f BPF -c N
# -a duration:N, with and without -w.  The test sends its own UDP datagrams
# to 127.0.0.1 (bash's /dev/udp) on a port nobody listens on, so the BPF
# filter sees only them.  Bounded: every capture also has a duration limit.
# Skipped (and said so) when capturing is not permitted (non-root, no lo).
set -u
WIRESIFT="${WIRESIFT:-./wiresift}"; case "$WIRESIFT" in /*) ;; *) WIRESIFT="$PWD/$WIRESIFT" ;; esac
D="$(mktemp -d)"; trap 'rm -rf "$D"' EXIT
PORT=$((40000 + RANDOM % 20000))
send() { # send N: N datagrams, after the capture has had time to start
	sleep 0.7
	local i
	for ((i = 1; i <= $1; i++)); do echo "wiresift-$i" > /dev/udp/127.0.0.1/$PORT; done
}
if ! "$WIRESIFT" -D > "$D/ifaces" 2> "$D/err" || ! grep -q '^[0-9]*\. lo (Loopback)$' "$D/ifaces"; then
	echo "write_live: SKIP: cannot list a loopback interface to capture on ($(head -1 "$D/err"))"; exit 0
fi
if ! timeout 10 "$WIRESIFT" -i lo -f "udp port $PORT" -a duration:0.2 > /dev/null 2> "$D/err"; then
	echo "write_live: SKIP: capturing is not permitted here ($(grep -v Capturing "$D/err" | head -1))"; exit 0
fi
fail=0
# 1. -c stops after 3 of 5 datagrams; the summary lines come through the usual pipeline
send 5 &
timeout 20 "$WIRESIFT" -i lo -f "udp port $PORT" -c 3 -a duration:10 > "$D/out" 2> "$D/err"
rc=$?; wait
n=$(grep -c " UDP .* → $PORT Len=11$" "$D/out")
if [ $rc -ne 0 ] || [ "$n" -ne 3 ] || ! grep -q '^3 packets captured$' "$D/err"; then
	echo "write_live: -c 3: rc=$rc, $n UDP lines:"; cat "$D/out" "$D/err"; fail=1
fi
# 2. -w while capturing, ended by the duration; the file reads back with the same frames
send 4 &
timeout 20 "$WIRESIFT" -i lo -f "udp port $PORT" -a duration:2 -w "$D/live.pcapng" > "$D/out" 2> "$D/err"
rc=$?; wait
n=$("$WIRESIFT" -r "$D/live.pcapng" -n 2> /dev/null | grep -c " UDP .* → $PORT Len=11$")
if [ $rc -ne 0 ] || [ "$n" -ne 4 ] || [ -s "$D/out" ]; then
	echo "write_live: -w: rc=$rc, $n frames read back"; cat "$D/out" "$D/err"; fail=1
fi
# 3. a bad capture filter is refused
if timeout 10 "$WIRESIFT" -i lo -f "udp port" -a duration:1 > /dev/null 2> "$D/err"; then
	echo "write_live: a bad capture filter was accepted"; fail=1
fi
[ $fail -eq 0 ] && echo "write_live: ok"
exit $fail
