#!/usr/bin/env python3
"""mk_esp.py OUT [N] -- a pcap of ESP packets for one SA with a known sequence pattern:
1 2 3 5 4 4 8 9 (5 early after a hole, 4 late, 4 again a duplicate, 6 and 7 lost),
and 3 packets of a reverse SA 1 2 3.  With N: N in-order packets of one SA
instead (a capture big enough for the progress line).  Expected (forward SA): packets 8, lost 2,
early 2, late 1, duplicate 1, max_gap 2."""
import struct, sys

def ip4(s):
    return bytes(int(x) for x in s.split("."))

def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    return (~(s + (s >> 16))) & 0xffff

def esp_frame(src, dst, spi, seq, ipid):
    payload = struct.pack("!II", spi, seq) + bytes(32)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ipid, 0, 64, 50, 0, ip4(src), ip4(dst))
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    eth = bytes.fromhex("020000000002020000000001") + b"\x08\x00"
    return eth + hdr + payload

out = open(sys.argv[1], "wb")
out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
t = 1700000000
if len(sys.argv) > 2:
    frames = [(s, "192.0.2.1", "198.51.100.1", 0x1001) for s in range(1, int(sys.argv[2]) + 1)]
else:
    frames = [(s, "192.0.2.1", "198.51.100.1", 0x1001) for s in (1, 2, 3, 5, 4, 4, 8, 9)]
    frames += [(s, "198.51.100.1", "192.0.2.1", 0x2002) for s in (1, 2, 3)]
for i, (seq, src, dst, spi) in enumerate(frames):
    f = esp_frame(src, dst, spi, seq, (100 + i) & 0xffff)
    out.write(struct.pack("<IIII", t + i // 4, (i % 4) * 1000, len(f), len(f)))
    out.write(f)
