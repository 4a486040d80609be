# pcapgen.py -- what the capture generators of the golden tests share: the
# Internet checksum, the test hosts (MAC 02:00:00:00:00:0N, IPv4 10.0.0.N),
# Ethernet/IPv4/TCP/UDP builders and the pcap writer (microsecond Ethernet
# pcap, times in seconds from 1700000000).  Same bytes every run.
import struct

S, A, P, F, R = 0x02, 0x10, 0x08, 0x01, 0x04  # TCP flags

MAC = {n: bytes([2, 0, 0, 0, 0, n]) for n in (1, 2, 3)}
IP = {n: bytes([10, 0, 0, n]) for n in (1, 2, 3)}


def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(s, d, pl, typ=0x800):
    return MAC[d] + MAC[s] + struct.pack('!H', typ) + pl


def ipv4(s, d, proto, pl, ident, tlen=None):
    """tlen: a total length other than the real one"""
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, tlen or 20 + len(pl), ident, 0x4000, 64, proto, 0,
                    IP[s], IP[d])
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return h + pl


def tcp(sp, dp, seq, ack, flags, pl=b'', opts=b'', win=8192):
    hl = (20 + len(opts)) // 4
    return struct.pack('!HHIIBBHHH', sp, dp, seq, ack, hl << 4, flags, win, 0, 0) + opts + pl


def udp(sp, dp, pl):
    return struct.pack('!HHHH', sp, dp, 8 + len(pl), 0) + pl


def write_pcap(path, frames, base=1700000000):
    """frames: (seconds after base, frame bytes), written in the order given"""
    out = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1)
    for t, b in frames:
        sec = base + int(t)
        usec = int(round((t - int(t)) * 1e6))
        out += struct.pack('<IIII', sec, usec, len(b), len(b)) + b
    with open(path, 'wb') as f:
        f.write(out)
