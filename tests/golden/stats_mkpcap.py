#!/usr/bin/env python3
# stats_mkpcap.py OUT -- the small capture the stats golden tests read: two TCP
# connections (one ends with a RST), a UDP exchange, an IPv6 UDP datagram,
# spread over 3.5 s.  Deterministic: same bytes every run.
import struct, sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
from pcapgen import A, F, P, R, S, csum, eth, ipv4, tcp, udp, write_pcap

def ipv6(pl):
    src = bytes.fromhex('20010db8000000000000000000000001')
    dst = bytes.fromhex('20010db8000000000000000000000002')
    # UDP over IPv6 must carry a checksum (over the pseudo-header)
    c = csum(src + dst + struct.pack('!IxxxB', len(pl), 17) + pl) or 0xffff
    pl = pl[:6] + struct.pack('!H', c) + pl[8:]
    return struct.pack('!IHBB', 6 << 28, len(pl), 17, 64) + src + dst + pl

frames = []
def add(t, b): frames.append((t, b))

# TCP 10.0.0.1:40000 -> 10.0.0.2:5555, handshake, data, FIN
add(0.000000, eth(1, 2, ipv4(1, 2, 6, tcp(40000, 5555, 1000, 0, S), 1)))
add(0.010000, eth(2, 1, ipv4(2, 1, 6, tcp(5555, 40000, 5000, 1001, S | A), 2)))
add(0.020000, eth(1, 2, ipv4(1, 2, 6, tcp(40000, 5555, 1001, 5001, A), 3)))
add(0.500000, eth(1, 2, ipv4(1, 2, 6, tcp(40000, 5555, 1001, 5001, P | A, b'x' * 100), 4)))
add(0.510000, eth(2, 1, ipv4(2, 1, 6, tcp(5555, 40000, 5001, 1101, A), 5)))
add(1.200000, eth(2, 1, ipv4(2, 1, 6, tcp(5555, 40000, 5001, 1101, P | A, b'y' * 1400), 6)))
add(1.210000, eth(1, 2, ipv4(1, 2, 6, tcp(40000, 5555, 1101, 6401, A), 7)))
add(2.000000, eth(1, 2, ipv4(1, 2, 6, tcp(40000, 5555, 1101, 6401, F | A), 8)))
add(2.010000, eth(2, 1, ipv4(2, 1, 6, tcp(5555, 40000, 6401, 1102, F | A), 9)))
add(2.020000, eth(1, 2, ipv4(1, 2, 6, tcp(40000, 5555, 1102, 6402, A), 10)))
# TCP 10.0.0.3:50000 -> 10.0.0.2:7777 refused
add(2.300000, eth(3, 2, ipv4(3, 2, 6, tcp(50000, 7777, 1, 0, S), 11)))
add(2.300500, eth(2, 3, ipv4(2, 3, 6, tcp(7777, 50000, 0, 2, R | A), 12)))
# UDP 10.0.0.1:33333 <-> 10.0.0.3:44444
add(2.700000, eth(1, 3, ipv4(1, 3, 17, udp(33333, 44444, b'q' * 20), 13)))
add(2.701000, eth(3, 1, ipv4(3, 1, 17, udp(44444, 33333, b'r' * 40), 14)))
add(3.100000, eth(1, 3, ipv4(1, 3, 17, udp(33333, 44444, b'q' * 20), 15)))
# IPv6 UDP
add(3.500000, eth(1, 2, ipv6(udp(33333, 44445, b'z' * 12)), 0x86dd))

write_pcap(sys.argv[1], frames)
