#!/bin/bash
# callgrind.sh BIN JOB -- instructions (callgrind Ir) of one bench job at -j 1 on the capture F
# (the figures in docs/performance.md: F = editcap -F pcap -r big.pcap cut.pcap 1-1000000).
# JOB: conv expert io streams intervals fields36 fields5 retrans; fields36 takes bench.sh's -E options.
# Prints "Collected : N"; the profile goes to $OUTD (default .) for callgrind_annotate.
BIN="$1"; NAME="$2"; F=${F:?set F to the capture (a 1M-packet plain cut of big.pcap)}
PREFS=(-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE -o tcp.track_bytes_in_flight:TRUE -o tcp.desegment_tcp_streams:TRUE -o tcp.check_checksum:FALSE -o ip.defragment:TRUE -o ip.check_checksum:FALSE -o ipv6.defragment:TRUE -o udp.check_checksum:FALSE)
F36="frame.number frame.time_epoch frame.len frame.cap_len eth.type ip.src ip.dst ipv6.src ipv6.dst ip.proto tcp.stream tcp.srcport tcp.dstport tcp.seq tcp.ack tcp.len tcp.flags tcp.window_size tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.window_update tcp.analysis.window_full tcp.analysis.keep_alive tcp.analysis.keep_alive_ack udp.stream udp.srcport udp.dstport _ws.col.Protocol"
F5="frame.number ip.src ip.dst tcp.srcport tcp.dstport"
E=()
case "$NAME" in
 conv) A=(-r "$F" -n "${PREFS[@]}" -q -z conv,tcp);;
 expert) A=(-r "$F" -n "${PREFS[@]}" -q -z expert);;
 io) A=(-r "$F" -n "${PREFS[@]}" -q -z io,stat,1);;
 streams) A=(streams -r "$F" --format tsv);;
 intervals) A=(intervals -r "$F" --format tsv);;
 fields36) for f in $F36; do E+=(-e $f); done; A=(-r "$F" -n "${PREFS[@]}" -T fields -E header=y -E separator=/t -E occurrence=f "${E[@]}");;
 fields5) for f in $F5; do E+=(-e $f); done; A=(-r "$F" -n "${PREFS[@]}" -T fields "${E[@]}");;
 retrans) A=(-r "$F" -n "${PREFS[@]}" -Y tcp.analysis.retransmission);;
esac
OUTD=${OUTD:-.}
valgrind --tool=callgrind --callgrind-out-file=$OUTD/cg.$NAME$TAG.out "$BIN" "${A[@]}" -j 1 > $OUTD/$NAME.$TAG.stdout 2> $OUTD/cg.$NAME$TAG.err
grep -o 'Collected : [0-9]*' $OUTD/cg.$NAME$TAG.err
