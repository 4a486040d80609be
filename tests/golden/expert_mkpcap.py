#!/usr/bin/env python3
# expert_mkpcap.py OUT -- the capture the expert golden test reads: expert items
# from TCP (handshake, FIN, RST, dup ACK, retransmission, lost segment, ACK
# without the flag, D-SACK), HTTP (request/response lines), ICMP (bad checksum,
# RFC 4884 length past the message) and UDP (length past the IP payload).
# Deterministic: same bytes every run.
import struct, sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
from pcapgen import A, F, P, R, S, csum, eth, ipv4, tcp, write_pcap

frames = []
def add(t, b): frames.append((t, b))
n = [0]
def c2s(t, seq, ack, fl, pl=b'', opts=b''):
    n[0] += 1; add(t, eth(1, 2, ipv4(1, 2, 6, tcp(40000, 80, seq, ack, fl, pl, opts), n[0])))
def s2c(t, seq, ack, fl, pl=b'', opts=b''):
    n[0] += 1; add(t, eth(2, 1, ipv4(2, 1, 6, tcp(80, 40000, seq, ack, fl, pl, opts), n[0])))

req = b'GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n'
resp = b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello'
c2s(0.00, 1000, 0, S, opts=b'\x02\x04\x05\xb4')
s2c(0.01, 5000, 1001, S | A, opts=b'\x02\x04\x05\xb4')
c2s(0.02, 1001, 5001, A)
c2s(0.03, 1001, 5001, P | A, req)
s2c(0.04, 5001, 1001 + len(req), P | A, resp)
c2s(0.05, 1001 + len(req), 5001 + len(resp), A)
# a gap, then duplicate ACKs with a D-SACK block, then the retransmission
s0 = 5001 + len(resp)
s2c(0.10, s0 + 100, 1001 + len(req), A, b'b' * 100)
sack = struct.pack('!BBBBII', 1, 1, 5, 10, s0 - 5 - 5001 + 5001, s0)
c2s(0.11, 1001 + len(req), s0, A, opts=sack)
c2s(0.12, 1001 + len(req), s0, A, opts=sack)
s2c(0.50, s0, 1001 + len(req), A, b'a' * 100)
s2c(0.60, s0, 1001 + len(req), A, b'a' * 100)
# ACK number without the ACK flag, urgent pointer without URG, then FIN and RST
c2s(0.70, 1001 + len(req), 12345, P, b'z')
c2s(0.80, 1002 + len(req), s0 + 200, F | A)
s2c(0.81, s0 + 200, 1003 + len(req), F | A)
c2s(0.82, 1003 + len(req), s0 + 201, R)

# ICMP echo with a bad checksum
icmp = struct.pack('!BBHHH', 8, 0, 0x1234, 1, 1) + b'p' * 16
n[0] += 1; add(1.0, eth(1, 2, ipv4(1, 2, 1, icmp, n[0])))
# ICMP time exceeded with an RFC 4884 length past the message
quoted = ipv4(1, 2, 17, struct.pack('!HHHH', 33435, 53, 16, 0) + b'q' * 8, 77)
te = struct.pack('!BBHBBH', 11, 0, 0, 0, 60, 0) + quoted
te = te[:2] + struct.pack('!H', csum(te)) + te[4:]
n[0] += 1; add(1.1, eth(2, 1, ipv4(2, 1, 1, te, n[0])))
# UDP length past the IP payload
n[0] += 1; add(1.2, eth(1, 2, ipv4(1, 2, 17, struct.pack('!HHHH', 5000, 5001, 200, 0) + b'u' * 20, n[0])))

write_pcap(sys.argv[1], frames)
