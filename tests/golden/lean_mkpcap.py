#!/usr/bin/env python3
# lean_mkpcap.py OUT [vnc|ftp|reuse|vnctail] -- the captures of tests/golden/lean.sh.
# vnc (default): a TCP connection on an unregistered port whose server sends a
# VNC banner after some data (tshark's VNC heuristic then starts a conversation
# of its own: tcp.stream is renumbered from the next frame), the banner again at
# the end of a longer segment, and a plain connection beside them.
# ftp: an FTP control connection whose PASV answer announces a data connection
# that then carries the banner: FTP-DATA claims it, so VNC renumbers nothing.
# reuse: port reuse (a SYN with a new sequence number on a 4-tuple opens a new
# stream; a retransmitted SYN or a SYN/ACK with a new number does not), also on
# a connection seen from mid-stream, from the server's side, and after a VNC
# banner put the conversation on the full path.
# vnctail: "RFB " in payloads that hand the heuristic no 12-byte banner (the
# hook reads only a payload's last 12 bytes), beside a banner at a tail.
# Deterministic: same bytes every run.
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
from pcapgen import A, P, S, eth, ipv4, tcp, write_pcap

def pkt(s, d, sp, dp, seq, ack, flags, pl, ident):
    return eth(s, d, ipv4(s, d, 6, tcp(sp, dp, seq, ack, flags, pl), ident))

BANNER = b'RFB 003.008\n'
frames = []
def flow(t0, sp, dp, chunks, ident):
    # chunks: (from_client, payload); handshake first
    c, s = 1000, 5000
    frames.append((t0, pkt(1, 2, sp, dp, c, 0, S, b'', ident)))
    frames.append((t0 + 0.01, pkt(2, 1, dp, sp, s, c + 1, S | A, b'', ident + 1)))
    c, s = c + 1, s + 1
    frames.append((t0 + 0.02, pkt(1, 2, sp, dp, c, s, A, b'', ident + 2)))
    t = t0 + 0.03
    for k, (cli, pl) in enumerate(chunks):
        if cli:
            frames.append((t, pkt(1, 2, sp, dp, c, s, P | A, pl, ident + 3 + k)))
            c += len(pl)
        else:
            frames.append((t, pkt(2, 1, dp, sp, s, c, P | A, pl, ident + 3 + k)))
            s += len(pl)
        t += 0.01

def seg(t, cli, sp, dp, seq, ack, flags, pl=b''):
    if cli:
        frames.append((t, pkt(1, 2, sp, dp, seq, ack, flags, pl, 900)))
    else:
        frames.append((t, pkt(2, 1, dp, sp, seq, ack, flags, pl, 900)))

F = 0x01
mode = sys.argv[2] if len(sys.argv) > 2 else 'vnc'
if mode == 'reuse':
    # a connection, then a new one on its 4-tuple, its SYN again, a new SYN/ACK number
    flow(0.0, 40020, 7000, [(1, b'a' * 10), (0, b'b' * 20)], 700)
    seg(0.10, 1, 40020, 7000, 1011, 5021, F | A)
    seg(0.11, 0, 40020, 7000, 5021, 1012, F | A)
    seg(0.30, 1, 40020, 7000, 9000, 0, S)
    seg(0.31, 1, 40020, 7000, 9000, 0, S)
    seg(0.32, 0, 40020, 7000, 3000, 9001, S | A)
    seg(0.33, 0, 40020, 7000, 3500, 9001, S | A)
    seg(0.34, 1, 40020, 7000, 9001, 3501, A, b'c' * 5)
    # seen from mid-stream (base = seq - 1): a SYN on that base, then a new one
    seg(0.40, 1, 40021, 7001, 5000, 100, P | A, b'd' * 8)
    seg(0.41, 0, 40021, 7001, 100, 5008, A)
    seg(0.42, 1, 40021, 7001, 4999, 0, S)
    seg(0.43, 1, 40021, 7001, 7777, 0, S)
    seg(0.44, 0, 40021, 7001, 200, 7778, S | A)
    # the server's side sends a SYN with a new number: a new stream too
    flow(0.50, 40022, 7002, [(1, b'e' * 4)], 720)
    seg(0.60, 0, 40022, 7002, 12345, 0, S)
    seg(0.61, 1, 40022, 7002, 23456, 12346, S | A)
    # after a VNC banner (conversation hook): renumbered, then reused
    flow(0.70, 40023, 7003, [(0, BANNER), (1, BANNER), (0, b'f' * 6)], 740)
    seg(0.90, 1, 40023, 7003, 31000, 0, S)
    seg(0.91, 0, 40023, 7003, 41000, 31001, S | A)
    seg(0.92, 1, 40023, 7003, 31001, 41001, P | A, b'g' * 3)
elif mode == 'vnctail':
    # "RFB " where the heuristic never sees a 12-byte banner: followed by more
    # bytes, cut across two segments, 12 bytes that are no banner
    flow(0.0, 40030, 6910, [(0, BANNER + b'x'), (1, b'RFB 003.'), (1, b'008\n')], 800)
    flow(0.5, 40031, 6911, [(0, b'RFB 003x008\n'), (1, b'ab' + BANNER + b'cd')], 820)
    flow(1.0, 40032, 6912, [(0, b'zz' + BANNER), (1, b'v' * 9)], 840)
elif mode == 'ftp':
    flow(0.0, 40010, 21, [(0, b'220 ready\r\n'), (1, b'PASV\r\n'),
                          (0, b'227 Entering Passive Mode (10,0,0,2,26,248)\r\n'),
                          (1, b'RETR f\r\n')], 400)
    flow(0.5, 40011, 6904, [(0, BANNER), (1, BANNER), (0, b'd' * 30), (1, b'e' * 20)], 500)
    flow(1.0, 40012, 6905, [(0, BANNER), (1, b'f' * 10)], 600)
else:
  flow(0.0, 40000, 6900, [(0, BANNER), (1, BANNER), (0, b'y' * 20), (1, b'x' * 30)], 100)
  flow(0.5, 40001, 6901, [(1, b'abc'), (0, b'z' * 40 + BANNER), (1, b'w' * 10)], 200)
  flow(1.0, 40002, 6902, [(1, b'q' * 50), (0, b'r' * 60)], 300)
frames.sort(key=lambda f: f[0])

write_pcap(sys.argv[1], frames)
