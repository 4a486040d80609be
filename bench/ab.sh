#!/bin/bash
# ab.sh ROUNDS JOB... -- -j 1 CPU seconds (user + system, median) of two wiresift builds and the
# plain C walk, run in turn each round so that all three see the same phase of a noisy machine.
# Env: BASE, NEW (the two binaries), F (default bench/out/big-r75/big.pcap), WALK (build/rel/walk).
# JOB: conv expert streams intervals f5 f36 retrans.
R=$1; shift
P="-o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE -o tcp.track_bytes_in_flight:TRUE -o tcp.desegment_tcp_streams:TRUE -o tcp.check_checksum:FALSE -o ip.defragment:TRUE -o ip.check_checksum:FALSE -o ipv6.defragment:TRUE -o udp.check_checksum:FALSE"
F=${F:-bench/out/big-r75/big.pcap}
BASE=${BASE:?set BASE to the first wiresift binary}; NEW=${NEW:?set NEW to the second}
W=${WALK:-build/rel/walk}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
med() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
for job in "$@"; do
 case $job in
  conv) A="-r $F -n $P -q -z conv,tcp";; expert) A="-r $F -n $P -q -z expert";;
  streams) A="streams -r $F --format tsv";; intervals) A="intervals -r $F --format tsv";;
  f5) A="-r $F -n $P -T fields -e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport";;
  f36) A="-r $F -n $P -T fields -E header=y -E separator=/t -E occurrence=f"; for f in frame.number frame.time_epoch frame.len frame.cap_len eth.type ip.src ip.dst ipv6.src ipv6.dst ip.proto tcp.stream tcp.srcport tcp.dstport tcp.seq tcp.ack tcp.len tcp.flags tcp.window_size tcp.analysis.retransmission tcp.analysis.fast_retransmission tcp.analysis.spurious_retransmission tcp.analysis.out_of_order tcp.analysis.lost_segment tcp.analysis.ack_lost_segment tcp.analysis.duplicate_ack tcp.analysis.duplicate_ack_num tcp.analysis.zero_window tcp.analysis.zero_window_probe tcp.analysis.window_update tcp.analysis.window_full tcp.analysis.keep_alive tcp.analysis.keep_alive_ack udp.stream udp.srcport udp.dstport _ws.col.Protocol; do A="$A -e $f"; done;;
  retrans) A="-r $F -n $P -Y tcp.analysis.retransmission";;
 esac
 : > $T/walk; : > $T/base; : > $T/new
 for r in $(seq $R); do
  /usr/bin/time -f "%U %S" -o $T/t $W $F > /dev/null 2>&1; awk '{print $1+$2}' $T/t >> $T/walk
  /usr/bin/time -f "%U %S" -o $T/t $BASE $A -j 1 > /dev/null 2>&1; awk '{print $1+$2}' $T/t >> $T/base
  /usr/bin/time -f "%U %S" -o $T/t $NEW $A -j 1 > /dev/null 2>&1; awk '{print $1+$2}' $T/t >> $T/new
 done
 w=$(med < $T/walk); b=$(med < $T/base); n=$(med < $T/new)
 printf "%-9s walk %s  base %s (%s)  new %s (%s)  base/walk %.2f new/walk %.2f  change %+.1f%%\n" $job $w $b "$(tr '\n' ' ' < $T/base)" $n "$(tr '\n' ' ' < $T/new)" $(echo "$b/$w" | bc -l) $(echo "$n/$w" | bc -l) $(echo "($n-$b)*100/$b" | bc -l)
done
